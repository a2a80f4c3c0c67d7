/* Relations between entities: HOLDS, PARTICIPATES, AWARDED and AUTHOR. */
#include <string.h>
#include "internal.h"

static vn_rel *new_rel(vnner_doc *d, vnner_rel_type type, int person, int target, const char *rule)
{
    if (vn_grow((void **)&d->rels, &d->rel_cap, d->nrel + 1, sizeof *d->rels))
        return NULL;
    vn_rel *r = &d->rels[d->nrel++];
    memset(r, 0, sizeof *r);
    r->pub.type = type;
    r->pub.person = person;
    r->pub.target = target;
    r->pub.rule = rule;
    return r;
}

int vn_relations_extract(vnner_doc *d)
{
    for (size_t i = 0; i < d->nent; i++) {
        const vn_ent *e = &d->ents[i];
        if (e->pub.type == VNNER_PERSON && e->pub.rule && strcmp(e->pub.rule, "byline") == 0 &&
            !new_rel(d, VNNER_AUTHOR, (int)i, -1, "byline"))
            return VNNER_ENOMEM;
    }
    return 0;
}
