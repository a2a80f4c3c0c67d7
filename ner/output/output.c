/* Output formats: JSON Lines (the contract), inline-marked text, CoNLL IOB2
 * and BRAT standoff.  HTML is in html.c. */
#include <string.h>
#include "output/output.h"

int vn_write_html(const vnner_doc *d, vn_buf *b, const char *docname);

static const char *rel_names[] = {"HOLDS", "PARTICIPATES", "AWARDED", "AUTHOR"};

/* A document name on one line of a line-oriented format: control characters become spaces. */
static void put_name_line(vn_buf *b, const char *name)
{
    for (const char *p = name; *p; p++)
        vn_buf_putc(b, (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p);
}

static void json_opt(vn_buf *b, const char *key, const char *v)
{
    VN_PUT_LIT(b, ",\"");
    vn_buf_puts(b, key);
    VN_PUT_LIT(b, "\":");
    if (v)
        vn_buf_json_str(b, v, strlen(v));
    else
        VN_PUT_LIT(b, "null");
}

static void json_entity(const vnner_doc *d, vn_buf *b, size_t i)
{
    const vn_ent *e = &d->ents.v[i];
    const vnner_entity *p = &e->pub;
    VN_PUT_LIT(b, "{\"id\":\"e");
    vn_buf_num(b, i + 1);
    VN_PUT_LIT(b, "\",\"type\":\"");
    vn_buf_puts(b, vnner_type_name(p->type));
    VN_PUT_LIT(b, "\",\"start\":");
    vn_buf_num(b, p->start);
    VN_PUT_LIT(b, ",\"end\":");
    vn_buf_num(b, p->end);
    VN_PUT_LIT(b, ",\"bstart\":");
    vn_buf_num(b, p->bstart);
    VN_PUT_LIT(b, ",\"bend\":");
    vn_buf_num(b, p->bend);
    VN_PUT_LIT(b, ",\"text\":");
    vn_buf_json_str(b, d->text.orig + p->bstart, p->bend - p->bstart);
    VN_PUT_LIT(b, ",\"norm\":");
    vn_buf_json_str(b, e->norm, strlen(e->norm));
    json_opt(b, "rule", p->rule);
    if (p->parent >= 0) {
        VN_PUT_LIT(b, ",\"parent\":\"e");
        vn_buf_num(b, (size_t)p->parent + 1);
        vn_buf_putc(b, '"');
    } else
        VN_PUT_LIT(b, ",\"parent\":null");
    if (p->type == VNNER_DATE)
        json_opt(b, "value", p->value);
    if (p->canonical)
        json_opt(b, "canonical", p->canonical);
    if (e->entry) {
        const vn_entry *en = vn_gaz_entry(d->model->gaz, e->entry);
        json_opt(b, "entry", en->src);
    }
    if (p->valid_from)
        json_opt(b, "valid_from", p->valid_from);
    if (p->valid_to)
        json_opt(b, "valid_to", p->valid_to);
    vn_buf_putc(b, '}');
}

static void json_ref(vn_buf *b, const char *key, int idx)
{
    VN_PUT_LIT(b, ",\"");
    vn_buf_puts(b, key);
    if (idx >= 0) {
        VN_PUT_LIT(b, "\":\"e");
        vn_buf_num(b, (size_t)idx + 1);
        vn_buf_putc(b, '"');
    } else {
        VN_PUT_LIT(b, "\":null");
    }
}

static void json_relation(vn_buf *b, const vnner_relation *r)
{
    VN_PUT_LIT(b, "{\"type\":\"");
    vn_buf_puts(b, rel_names[r->type]);
    vn_buf_putc(b, '"');
    switch (r->type) {
    case VNNER_HOLDS:
        json_ref(b, "person", r->person);
        json_ref(b, "position", r->target);
        json_opt(b, "post", r->post);
        json_opt(b, "qualifier", r->qualifier);
        json_opt(b, "from", r->from);
        json_opt(b, "to", r->to);
        json_opt(b, "term", r->term);
        json_opt(b, "place", r->place);
        json_opt(b, "body", r->body);
        break;
    case VNNER_PARTICIPATES:
        json_ref(b, "person", r->person);
        json_ref(b, "event", r->target);
        json_opt(b, "role", r->role);
        break;
    case VNNER_AWARDED:
        if (r->person >= 0)
            json_ref(b, "recipient", r->person);
        else
            json_opt(b, "recipient", r->recipient);
        json_opt(b, "award", r->award);
        json_ref(b, "giver", r->target);
        break;
    case VNNER_AUTHOR:
        json_ref(b, "person", r->person);
        break;
    }
    json_opt(b, "rule", r->rule);
    if (r->sentence_end > r->sentence_start)
    {
        VN_PUT_LIT(b, ",\"evidence\":[");
        vn_buf_num(b, r->sentence_start);
        vn_buf_putc(b, ',');
        vn_buf_num(b, r->sentence_end);
        vn_buf_putc(b, ']');
    }
    vn_buf_putc(b, '}');
}

static void write_jsonl(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags)
{
    VN_PUT_LIT(b, "{\"doc\":");
    vn_buf_json_str(b, name, strlen(name));
    json_opt(b, "date", vnner_doc_date(d));
    VN_PUT_LIT(b, ",\"entities\":[");
    for (size_t i = 0; i < d->ents.n; i++) {
        if (i)
            vn_buf_putc(b, ',');
        json_entity(d, b, i);
    }
    VN_PUT_LIT(b, "],\"relations\":[");
    for (size_t i = 0; i < d->rels.n; i++) {
        if (i)
            vn_buf_putc(b, ',');
        json_relation(b, &d->rels.v[i].pub);
    }
    vn_buf_putc(b, ']');
    if (flags & VNNER_OUT_WITH_TEXT) {
        VN_PUT_LIT(b, ",\"text\":");
        vn_buf_json_str(b, d->text.orig, d->text.olen);
    }
    VN_PUT_LIT(b, "}\n");
}

/* ---- text: [span]TYPE inline ---- */

static const char *colour(vnner_type t)
{
    static const char *c[VNNER_NTYPES] = {"\033[1;33m", "\033[1;36m", "\033[1;32m", "\033[1;35m",
                                          "\033[1;34m", "\033[1;31m"};
    return c[t];
}

static void write_text(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags)
{
    int col = (flags & VNNER_OUT_COLOR) != 0;
    VN_PUT_LIT(b, "# ");
    put_name_line(b, name);
    vn_buf_printf(b, "%s%s\n", d->pub.iso[0] ? "  date " : "", d->pub.iso);
    int *open = calloc(d->ents.n + 1, sizeof *open);
    int nopen = 0;
    size_t next = 0;
    for (size_t pos = 0; pos <= d->text.olen; pos++) {
        while (nopen && d->ents.v[open[nopen - 1]].pub.bend == pos) {
            const vn_ent *e = &d->ents.v[open[--nopen]];
            vn_buf_printf(b, "%s]%s%s", col ? colour(e->pub.type) : "", vnner_type_name(e->pub.type), col ? "\033[0m" : "");
            if (flags & VNNER_OUT_EXPLAIN)
                vn_buf_printf(b, "{%s}", e->pub.rule ? e->pub.rule : "");
        }
        while (next < d->ents.n && d->ents.v[next].pub.bstart == pos) {
            vn_buf_printf(b, "%s[%s", col ? colour(d->ents.v[next].pub.type) : "", col ? "\033[0m" : "");
            open[nopen++] = (int)next++;
        }
        if (pos < d->text.olen)
            vn_buf_putc(b, d->text.orig[pos]);
    }
    if (d->text.olen && d->text.orig[d->text.olen - 1] != '\n')
        vn_buf_putc(b, '\n');
    free(open);
    for (size_t i = 0; i < d->rels.n; i++) {
        const vnner_relation *r = &d->rels.v[i].pub;
        vn_buf_printf(b, "%s", rel_names[r->type]);
        if (r->person >= 0)
            vn_buf_printf(b, " %.*s", (int)(d->ents.v[r->person].pub.bend - d->ents.v[r->person].pub.bstart),
                          d->text.orig + d->ents.v[r->person].pub.bstart);
        if (r->post)
            vn_buf_printf(b, " | %s | %s", r->post, r->qualifier ? r->qualifier : "");
        if (r->role)
            vn_buf_printf(b, " | %s", r->role);
        if (r->award)
            vn_buf_printf(b, " | %s", r->award);
        if (flags & VNNER_OUT_EXPLAIN)
            vn_buf_printf(b, " {%s}", r->rule ? r->rule : "");
        vn_buf_putc(b, '\n');
    }
}

/* ---- CoNLL IOB2: one token a line, outermost entities ---- */

static void write_conll(const vnner_doc *d, vn_buf *b, const char *name)
{
    VN_PUT_LIT(b, "# doc = ");
    put_name_line(b, name);
    vn_buf_putc(b, '\n');
    size_t e = 0;
    uint32_t cur_end = 0;
    int cur = -1;
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < d->tk.n; i++) {
        const vn_token *k = &d->tk.v[i];
        if (k->kind == VN_TK_NEWLINE)
            continue;
        if (sent != UINT32_MAX && k->sent != sent)
            vn_buf_putc(b, '\n');
        sent = k->sent;
        while (e < d->ents.n && d->ents.v[e].ts < i)
            e++;
        const char *tag = "O";
        char tb[32];
        if (cur >= 0 && i < cur_end) {
            snprintf(tb, sizeof tb, "I-%s", vnner_type_name(d->ents.v[cur].pub.type));
            tag = tb;
        } else if (e < d->ents.n && d->ents.v[e].ts == i && d->ents.v[e].pub.parent < 0) {
            cur = (int)e;
            cur_end = d->ents.v[e].te;
            snprintf(tb, sizeof tb, "B-%s", vnner_type_name(d->ents.v[e].pub.type));
            tag = tb;
        } else {
            cur = -1;
        }
        vn_buf_add(b, d->text.orig + k->os, k->oe - k->os);
        vn_buf_printf(b, "\t%s\n", tag);
    }
    vn_buf_putc(b, '\n');
}

/* ---- BRAT standoff ---- */

static void write_brat(const vnner_doc *d, vn_buf *b, const char *name)
{
    VN_PUT_LIT(b, "# ");
    put_name_line(b, name);
    vn_buf_putc(b, '\n');
    for (size_t i = 0; i < d->ents.n; i++) {
        const vnner_entity *p = &d->ents.v[i].pub;
        vn_buf_printf(b, "T%zu\t%s %zu %zu\t", i + 1, vnner_type_name(p->type), p->start, p->end);
        for (size_t k = p->bstart; k < p->bend; k++) {
            char c = d->text.orig[k];
            vn_buf_putc(b, c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
        }
        vn_buf_putc(b, '\n');
    }
    size_t nr = 0;
    for (size_t i = 0; i < d->rels.n; i++) {
        const vnner_relation *r = &d->rels.v[i].pub;
        if (r->person < 0 || r->target < 0)
            continue;
        static const char *arg2[] = {"Position", "Event", "Giver", ""};
        vn_buf_printf(b, "R%zu\t%s Arg1:T%d Arg2:T%d\n", ++nr, rel_names[r->type], r->person + 1, r->target + 1);
        (void)arg2;
    }
}

int vnner_doc_write(const vnner_doc *d, FILE *out, vnner_format fmt, const char *name, unsigned flags)
{
    vn_buf b = {0};
    if (!name)
        name = "-";
    switch (fmt) {
    case VNNER_FMT_JSONL: write_jsonl(d, &b, name, flags); break;
    case VNNER_FMT_TEXT: write_text(d, &b, name, flags); break;
    case VNNER_FMT_CONLL: write_conll(d, &b, name); break;
    case VNNER_FMT_BRAT: write_brat(d, &b, name); break;
    case VNNER_FMT_HTML: vn_write_html(d, &b, name); break;
    default:
        return VNNER_EINVAL;
    }
    int rc = 0;
    if (b.len && fwrite(b.p, 1, b.len, out) != b.len)
        rc = VNNER_EIO;
    vn_buf_free(&b);
    return rc;
}
