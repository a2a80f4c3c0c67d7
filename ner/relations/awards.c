/* AWARDED: who received what from whom, from a relation rule's match: its
 * recipient, giver and award spans. */
#include <string.h>
#include "relations/context.h"

/* The giver of the last award of the sentence being read ("... trao A cho X và B cho Y": Y's is the same), or -1. */
static int giver_before(const rdoc *rd)
{
    for (size_t i = rd->out->n; i-- > 0;) {
        const vn_rel *o = &rd->out->v[i];
        if (o->sent_tok != rd->sent_tok)
            return -1;
        if (o->pub.type == VNNER_AWARDED)
            return o->pub.target;
    }
    return -1;
}

int vn_r_awards_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m)
{
    rdoc *rd = c->rd;
    int rec, giv;
    if (!m->nspan[VN_ARG_AWARD] || vn_r_args(c, m, VN_ARG_RECIPIENT, -1, &rec, 1) < 1)
        return 0; /* to whom, not said: no relation */
    if (vn_r_args(c, m, VN_ARG_GIVER, -1, &giv, 1) < 1 && (giv = giver_before(rd)) < 0)
        return 0; /* who gave it: not said, nor by an award earlier in the sentence */
    if (rd->ents[rec].pub.type == VNNER_PERSON)
        rec = c->antecedent[rec];
    vn_buf b = {0};
    vn_r_display(rd, m->span[VN_ARG_AWARD][0][0], m->span[VN_ARG_AWARD][0][1], &b);
    if (b.failed)
        return VNNER_ENOMEM;
    for (size_t i = 0; i < rd->out->n; i++) {
        const vn_rel *o = &rd->out->v[i];
        if (o->pub.type == VNNER_AWARDED && o->pub.person == rec && o->award && b.p && !strcmp(o->award, b.p)) {
            vn_buf_free(&b); /* an earlier rule said it already */
            return 0;
        }
    }
    vn_rel *r = vn_r_new_rel(rd, VNNER_AWARDED, rec, giv, ru->id);
    if (!r) {
        vn_buf_free(&b);
        return VNNER_ENOMEM;
    }
    r->award = b.p;
    r->pub.award = b.p;
    return 0;
}
