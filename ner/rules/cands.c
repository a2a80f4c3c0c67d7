/* The candidates the rules propose: spans with their nested entities, kept
 * in two flat arrays so that a document allocates nothing once warmed up. */
#include <string.h>
#include "rules/rules.h"
#include "util/buf.h"

int vn_cand_push(vn_cands *cs, uint32_t ts, uint32_t te, int prio, int order, const char *rule, uint8_t layer,
                 const vn_cand_ent *ents, uint32_t nents)
{
    if (vn_grow((void **)&cs->v, &cs->cap, cs->n + 1, sizeof *cs->v) ||
        vn_grow((void **)&cs->ents, &cs->ents_cap, cs->nents + nents, sizeof *cs->ents))
        return VNNER_ENOMEM;
    vn_cand *c = &cs->v[cs->n++];
    c->ts = ts;
    c->te = te;
    c->prio = prio;
    c->order = order;
    c->rule = rule;
    c->layer = layer;
    c->accepted = 0;
    c->first_ent = (uint32_t)cs->nents;
    c->nent = nents;
    if (nents)
        memcpy(cs->ents + cs->nents, ents, nents * sizeof *ents);
    cs->nents += nents;
    return 0;
}

void vn_cands_free(vn_cands *cs)
{
    if (!cs)
        return;
    free(cs->v);
    free(cs->ents);
    memset(cs, 0, sizeof *cs);
}
