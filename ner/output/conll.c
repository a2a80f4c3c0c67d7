/* CoNLL IOB2: one token a line with its tag (outermost entities), a blank
 * line between sentences.  With VNNER_OUT_WORDS a token is a word as
 * VnCoreNLP segments them, its syllables joined by "_": a person's or a
 * place's name is one word (Nguyễn_Văn_An, Bình_Phước), and so is every
 * other entry of the gazetteer matched there (Bí_thư, Tỉnh_ủy, chủ_trì);
 * a word never crosses an entity's edge. */
#include <stdlib.h>
#include <string.h>
#include "output/output.h"

/* The tokens from I that make one word: a name entity starting at I (E: the
 * first entity not before I), else the gazetteer match at I; cut where an
 * entity starts or ends (EDGE[t]) and at a token that is no word; at least 1. */
static uint32_t word_len(const vnner_doc *d, size_t i, size_t e, const uint8_t *edge)
{
    uint32_t len = 1;
    for (size_t k = e; k < d->ents.n && d->ents.v[k].ts == i; k++) {
        vnner_type t = d->ents.v[k].pub.type;
        if ((t == VNNER_PERSON || t == VNNER_PLACE) && d->ents.v[k].te - i > len)
            len = d->ents.v[k].te - (uint32_t)i;
    }
    if (len == 1 && d->tags.gm && d->tags.gm[i].len > 1) /* the tags are gone for a very long document */
        len = d->tags.gm[i].len;
    for (uint32_t k = 1; k < len; k++)
        if (i + k >= d->tk.n || edge[i + k] || d->tk.v[i + k].kind != VN_TK_WORD || d->tk.v[i + k].sent != d->tk.v[i].sent)
            return k;
    return len;
}

int vn_write_conll(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags)
{
    VN_PUT_LIT(b, "# doc = ");
    vn_put_name_line(b, name);
    vn_buf_putc(b, '\n');
    int words = (flags & VNNER_OUT_WORDS) != 0;
    uint8_t *edge = NULL; /* a token where an entity starts or ends: no word runs over it */
    if (words) {
        if (!(edge = calloc(d->tk.n + 1, 1)))
            return b->failed = 1, VNNER_ENOMEM;
        for (size_t k = 0; k < d->ents.n; k++)
            edge[d->ents.v[k].ts] = edge[d->ents.v[k].te] = 1;
    }
    size_t e = 0;
    uint32_t cur_end = 0;
    int cur = -1;
    uint32_t sent = UINT32_MAX;
    for (size_t i = 0; i < d->tk.n;) {
        const vn_token *k = &d->tk.v[i];
        if (k->kind == VN_TK_NEWLINE) {
            i++;
            continue;
        }
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
        uint32_t len = words && k->kind == VN_TK_WORD ? word_len(d, i, e, edge) : 1;
        for (uint32_t w = 0; w < len; w++) {
            const vn_token *t = &d->tk.v[i + w];
            if (w)
                vn_buf_putc(b, '_');
            vn_buf_add(b, d->text.orig + t->os, t->oe - t->os);
        }
        vn_buf_printf(b, "\t%s\n", tag);
        i += len;
    }
    vn_buf_putc(b, '\n');
    free(edge);
    return b->failed ? VNNER_ENOMEM : 0;
}
