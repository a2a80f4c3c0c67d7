/* Answers of who and positions written out: JSON as the contract gives it,
 * or readable text with up to three evidence sentences a holding. */
#include <string.h>
#include "store/store.h"

static void json_holding(vn_buf *b, const vnner_holding *h, int kind)
{
    vn_buf_puts(b, kind ? "{\"post\":" : "{\"person\":");
    vn_buf_json_val(b, kind ? h->post : h->person);
    vn_buf_puts(b, ",\"qualifier\":");
    vn_buf_json_val(b, h->qualifier);
    vn_buf_puts(b, ",\"from\":");
    vn_buf_json_val(b, h->from);
    vn_buf_puts(b, ",\"to\":");
    vn_buf_json_val(b, h->to);
    vn_buf_puts(b, ",\"evidence\":[");
    for (size_t k = 0; k < h->nevidence; k++) {
        vn_buf_puts(b, k ? ",{\"doc\":" : "{\"doc\":");
        vn_buf_json_val(b, h->evidence[k].doc);
        vn_buf_puts(b, ",\"date\":");
        vn_buf_json_val(b, h->evidence[k].date);
        vn_buf_puts(b, ",\"text\":");
        vn_buf_json_val(b, h->evidence[k].text);
        vn_buf_putc(b, '}');
    }
    vn_buf_puts(b, "]}");
}

int vnner_answer_write(const vnner_answer *a, FILE *out, int json)
{
    vn_buf b = {0};
    if (json) {
        if (a->kind == 0) {
            vn_buf_puts(&b, "{\"query\":");
            vn_buf_json_val(&b, a->query);
            vn_buf_puts(&b, ",\"post\":");
            vn_buf_json_val(&b, a->name);
            vn_buf_puts(&b, ",\"on\":");
            vn_buf_json_val(&b, a->on);
            vn_buf_puts(&b, ",\"holders\":[");
        } else {
            vn_buf_puts(&b, "{\"person\":");
            vn_buf_json_val(&b, a->name);
            if (a->on[0]) {
                vn_buf_puts(&b, ",\"on\":");
                vn_buf_json_val(&b, a->on);
            }
            vn_buf_puts(&b, ",\"positions\":[");
        }
        for (size_t i = 0; i < a->n; i++) {
            if (i)
                vn_buf_putc(&b, ',');
            json_holding(&b, &a->pub[i], a->kind);
        }
        vn_buf_puts(&b, "]}\n");
    } else {
        if (a->kind == 0)
            vn_buf_printf(&b, "%s on %s:%s\n", a->name, a->on, a->n ? "" : " no holder known");
        else
            vn_buf_printf(&b, "%s%s%s:%s\n", a->name, a->on[0] ? " on " : "", a->on, a->n ? "" : " no post known");
        for (size_t i = 0; i < a->n; i++) {
            const vnner_holding *h = &a->pub[i];
            vn_buf_printf(&b, "  %s (%s, %s to %s)\n", a->kind ? h->post : h->person, h->qualifier,
                          h->from ? h->from : "?", h->to ? h->to : "?");
            for (size_t k = 0; k < h->nevidence && k < 3; k++)
                vn_buf_printf(&b, "    [%s %s] %s\n", h->evidence[k].doc ? h->evidence[k].doc : "",
                              h->evidence[k].date ? h->evidence[k].date : "", h->evidence[k].text ? h->evidence[k].text : "");
            if (h->nevidence > 3)
                vn_buf_printf(&b, "    ... %zu more\n", h->nevidence - 3);
        }
    }
    int rc = b.failed ? VNNER_ENOMEM : b.len && fwrite(b.p, 1, b.len, out) != b.len ? VNNER_EIO : 0;
    vn_buf_free(&b);
    return rc;
}

