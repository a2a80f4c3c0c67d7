/* Short references: "ông Khôi" is the Nguyễn Đình Khôi named before. */
#include <string.h>
#include "relations/context.h"

/* ---- short references and the driver ------------------------------------- */

void vn_r_link_short_names(rctx *c)
{
    rdoc *rd = c->rd;
    for (size_t i = 0; i < rd->nent; i++) {
        c->antecedent[i] = (int)i;
        const vn_ent *e = &rd->ents[i];
        if (e->pub.type != VNNER_PERSON)
            continue;
        for (size_t j = i > 400 ? i - 400 : 0; j < i; j++) /* a bounded window: long inputs stay linear */
            if (rd->ents[j].pub.type == VNNER_PERSON && !strcmp(rd->ents[j].norm, e->norm)) {
                c->antecedent[i] = c->antecedent[j];
                break;
            }
        if (c->antecedent[i] != (int)i || e->te - e->ts > 2)
            continue;
        size_t n = strlen(e->norm);
        const vn_entry *head = vn_r_chosen(rd, e->ts);
        int given_first = head && head->cls == VN_C_SURNAME && vn_entry_flag(head, "given-first");
        for (size_t j = i; j-- > 0 && j + 400 > i;) {
            const vn_ent *f = &rd->ents[j];
            size_t m = strlen(f->norm);
            if (f->pub.type != VNNER_PERSON || f->te - f->ts <= e->te - e->ts || m <= n)
                continue;
            /* the last words of the name (ông Khôi), or, for a name whose given part comes first, its first
             * words (Y Khoa for Y Khoa Niê Kdăm) */
            if ((!strcmp(f->norm + m - n, e->norm) && f->norm[m - n - 1] == ' ') ||
                (given_first && !strncmp(f->norm, e->norm, n) && f->norm[n] == ' ')) {
                c->antecedent[i] = c->antecedent[j];
                break;
            }
        }
    }
}


/* A pronoun subject ("Ông từng giữ ...", "Bà được bổ nhiệm ...") at token T
 * is the last person named before it, within the window short names use;
 * not a byline or photo credit.  Its full-name entity, or -1. */
int vn_r_last_person(const rctx *c, uint32_t t)
{
    const rdoc *rd = c->rd;
    size_t seen = 0;
    for (size_t i = rd->nent; i-- > 0 && seen < 400;) {
        const vn_ent *e = &rd->ents[i];
        if (e->ts >= t)
            continue;
        seen++;
        if (e->pub.type == VNNER_PERSON && e->pub.rule != vn_byline_rule)
            return c->antecedent[i];
    }
    return -1;
}
