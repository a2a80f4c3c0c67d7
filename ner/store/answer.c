/* Answers of who and positions written out: JSON as the contract gives it,
 * or readable text with up to three evidence sentences a holding. */
#include <string.h>
#include "store/store.h"

static void json_evidence(vn_buf *b, const vnner_evidence *e, int first)
{
    vn_buf_puts(b, first ? "{\"doc\":" : ",{\"doc\":");
    vn_buf_json_val(b, e->doc);
    vn_buf_json_opt(b, "date", e->date);
    vn_buf_json_opt(b, "source", e->source);
    vn_buf_json_opt(b, "text", e->text);
    vn_buf_putc(b, '}');
}

static void json_holding(vn_buf *b, const vnner_holding *h, int kind, const char *next, int history)
{
    vn_buf_puts(b, kind ? "{\"post\":" : "{\"person\":");
    vn_buf_json_val(b, kind ? h->post : h->person);
    vn_buf_puts(b, ",\"person_id\":");
    vn_buf_num(b, (size_t)h->person_id);
    vn_buf_json_opt(b, "qualifier", h->qualifier);
    vn_buf_json_opt(b, "from", h->from);
    vn_buf_json_opt(b, "to", h->to);
    vn_buf_json_opt(b, "first_seen", h->first_seen);
    vn_buf_json_opt(b, "last_seen", h->last_seen);
    if (history)
        vn_buf_json_opt(b, "replaced_by", next);
    vn_buf_puts(b, ",\"evidence_count\":");
    vn_buf_num(b, h->total_evidence);
    vn_buf_puts(b, ",\"evidence\":[");
    for (size_t k = 0; k < h->nevidence; k++)
        json_evidence(b, &h->evidence[k], k == 0);
    vn_buf_puts(b, "]}");
}

static void json_known(vn_buf *b, const vnner_answer *a)
{
    vn_buf_puts(b, a->known ? ",\"known\":true" : ",\"known\":false,\"suggestions\":[");
    for (int i = 0; !a->known && i < a->nsugg; i++) {
        if (i)
            vn_buf_putc(b, ',');
        vn_buf_json_val(b, a->sugg[i]);
    }
    if (!a->known)
        vn_buf_putc(b, ']');
    if (a->note)
        vn_buf_json_opt(b, "note", a->note);
}

/* The holder after holding I in a history, when I's term ended: who replaced whom. */
static const char *successor(const vnner_answer *a, size_t i)
{
    const vnner_holding *h = &a->pub[i];
    return a->kind == 2 && (h->to || !strcmp(h->qualifier, "former")) && i + 1 < a->n ? a->pub[i + 1].person : NULL;
}

static void write_json(vn_buf *b, const vnner_answer *a)
{
    if (a->kind == 2) {
        vn_buf_puts(b, "{\"query\":");
        vn_buf_json_val(b, a->query);
        vn_buf_json_opt(b, "post", a->name);
        json_known(b, a);
        vn_buf_puts(b, ",\"holders\":[");
    } else if (a->kind == 0) {
        vn_buf_puts(b, "{\"query\":");
        vn_buf_json_val(b, a->query);
        vn_buf_json_opt(b, "post", a->name);
        vn_buf_json_opt(b, "on", a->on);
        json_known(b, a);
        vn_buf_puts(b, ",\"holders\":[");
    } else {
        vn_buf_puts(b, "{\"query\":");
        vn_buf_json_val(b, a->query);
        vn_buf_json_opt(b, "person", a->name);
        if (a->on[0])
            vn_buf_json_opt(b, "on", a->on);
        json_known(b, a);
        vn_buf_puts(b, ",\"positions\":[");
    }
    for (size_t i = 0; i < a->n; i++) {
        if (i)
            vn_buf_putc(b, ',');
        json_holding(b, &a->pub[i], a->kind == 1, a->kind == 2 ? successor(a, i) : NULL, a->kind == 2);
    }
    vn_buf_puts(b, "]}\n");
}

static void write_text(vn_buf *b, const vnner_answer *a)
{
    if (!a->known) {
        vn_buf_printf(b, "%s: not in the database%s", a->query, a->nsugg ? "; did you mean:\n" : "\n");
        for (int i = 0; i < a->nsugg; i++)
            vn_buf_printf(b, "  %s\n", a->sugg[i]);
        return;
    }
    if (a->kind == 2)
        vn_buf_printf(b, "%s: %zu holder%s over time\n", a->name, a->n, a->n == 1 ? "" : "s");
    else if (a->kind == 0)
        vn_buf_printf(b, "%s on %s:%s\n", a->name, a->on, a->n ? "" : " no holder known");
    else
        vn_buf_printf(b, "%s%s%s:%s\n", a->name, a->on[0] ? " on " : "", a->on, a->n ? "" : " no post known");
    if (a->note)
        vn_buf_printf(b, "  (%s)\n", a->note);
    for (size_t i = 0; i < a->n; i++) {
        const vnner_holding *h = &a->pub[i];
        vn_buf_printf(b, "  %s [#%lld] (%s, %s to %s", a->kind == 1 ? h->post : h->person, h->person_id, h->qualifier,
                      h->from ? h->from : "?", h->to ? h->to : "?");
        if (h->first_seen) /* what the evidence shows when no text gives the start or end */
            vn_buf_printf(b, ", seen in office %s%s%s", h->first_seen,
                          h->last_seen && strcmp(h->last_seen, h->first_seen) ? " to " : "",
                          h->last_seen && strcmp(h->last_seen, h->first_seen) ? h->last_seen : "");
        vn_buf_puts(b, ")\n");
        if (successor(a, i))
            vn_buf_printf(b, "    then %s\n", successor(a, i));
        for (size_t k = 0; k < h->nevidence && k < 3; k++) {
            const vnner_evidence *e = &h->evidence[k];
            vn_buf_printf(b, "    [%s %s%s%s] %s\n", e->doc ? e->doc : "", e->date ? e->date : "", e->source ? " " : "",
                          e->source ? e->source : "", e->text ? e->text : "");
        }
        size_t shown = h->nevidence < 3 ? h->nevidence : 3;
        if (h->total_evidence > shown)
            vn_buf_printf(b, "    ... %zu more\n", h->total_evidence - shown);
    }
}

int vnner_answer_write(const vnner_answer *a, FILE *out, int json)
{
    vn_buf b = {0};
    if (json) {
        write_json(&b, a);
    } else {
        write_text(&b, a);
        if (!b.failed) /* a stored name could set the terminal's title: its line breaks are the only controls kept */
            vn_blank_controls(b.p, b.len);
    }
    int rc = b.failed ? VNNER_ENOMEM : b.len && fwrite(b.p, 1, b.len, out) != b.len ? VNNER_EIO : 0;
    vn_buf_free(&b);
    return rc;
}
