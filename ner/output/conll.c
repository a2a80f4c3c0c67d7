/* CoNLL IOB2: one token a line with its tag (outermost entities), a blank
 * line between sentences. */
#include <string.h>
#include "output/output.h"

int vn_write_conll(const vnner_doc *d, vn_buf *b, const char *name)
{
    VN_PUT_LIT(b, "# doc = ");
    vn_put_name_line(b, name);
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
    return b->failed ? VNNER_ENOMEM : 0;
}
