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

/* One AWARDED: REC received the award AWARD (text, or NULL) from GIV, unless an earlier rule said it. */
static int add_award(rctx *c, const vn_rel_rule *ru, int rec, int giv, const char *award)
{
    rdoc *rd = c->rd;
    if (rd->ents[rec].pub.type == VNNER_PERSON)
        rec = c->antecedent[rec];
    for (size_t i = 0; i < rd->out->n; i++) {
        const vn_rel *o = &rd->out->v[i];
        if (o->pub.type == VNNER_AWARDED && o->pub.person == rec && o->award && award && !strcmp(o->award, award))
            return 0;
    }
    char *a = award ? vn_strdup(award) : NULL;
    vn_rel *r = a || !award ? vn_r_new_rel(rd, VNNER_AWARDED, rec, giv, ru->id) : NULL;
    if (!r) {
        free(a);
        return VNNER_ENOMEM;
    }
    r->award = a;
    r->pub.award = a;
    if (giv >= 0 && rd->ents[giv].pub.type == VNNER_POSITION) { /* "Chủ tịch UBND tỉnh trao ...": which province's */
        char *place = NULL;
        r->post = vn_r_make_post(c, giv, NULL, rd->ents[giv].ts, &place);
        free(place);
        if (!r->post)
            return VNNER_ENOMEM;
        r->pub.post = r->post;
    }
    return 0;
}

int vn_r_awards_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m)
{
    rdoc *rd = c->rd;
    int rec[8], giv, nr = m->nspan[VN_ARG_AWARD] ? vn_r_args(c, m, VN_ARG_RECIPIENT, -1, rec, 8) : 0;
    if (nr < 1)
        return 0; /* to whom, not said: no relation */
    if (vn_r_args(c, m, VN_ARG_GIVER, -1, &giv, 1) < 1 && (giv = giver_before(rd)) < 0)
        return 0; /* who gave it: not said, nor by an award earlier in the sentence */
    int named = 0; /* the persons and bodies named; a post after a name is that name's, not a recipient */
    for (int k = 0; k < nr; k++)
        named += rd->ents[rec[k]].pub.type != VNNER_POSITION;
    vn_buf b = {0};
    vn_r_display(rd, m->span[VN_ARG_AWARD][0][0], m->span[VN_ARG_AWARD][0][1], &b);
    if (b.failed) {
        vn_buf_free(&b);
        return VNNER_ENOMEM;
    }
    int rc = 0;
    for (int k = 0; k < nr && !rc; k++)
        if (!named || rd->ents[rec[k]].pub.type != VNNER_POSITION)
            rc = add_award(c, ru, rec[k], giv, b.p);
    vn_buf_free(&b);
    return rc;
}
