/* Stage 5, entities: candidates resolved by the overlap policy (longest
 * span, then priority, then rule order), events as a second layer, nesting,
 * offsets in code points and bytes; bylines; DATE values.  Not installed. */
#ifndef VN_ENTITIES_ENTITIES_H
#define VN_ENTITIES_ENTITIES_H
#include <stddef.h>
#include <stdint.h>
#include "rules/rules.h"
#include "vnner.h"

typedef struct vn_ent {
    vnner_entity pub;
    uint32_t ts, te;        /* tokens */
    uint32_t entry;         /* gazetteer entry index+1 that made it, 0 if none */
    char *norm;             /* owned */
    char *value;            /* owned (DATE) */
} vn_ent;

/* Owned by the entities stage, in text order. */
typedef struct vn_ents {
    vn_ent *v;
    size_t n, cap;
} vn_ents;

/* The rule id of the persons the byline step finds: a relation rule's
 * @BYLINE is an entity with this very pointer as its rule. */
extern const char vn_byline_rule[];
/* Candidates for bylines and photo credits, added to OUT (byline.c). */
int vn_byline_candidates(vn_cands *out, const vn_view *v);
/* Entities of the candidates C (marked accepted or not) into OUT. */
int vn_entities_resolve(vn_ents *out, vn_cands *c, const vn_view *v);
/* Frees what the entities own and empties OUT (its array is kept). */
void vn_ents_clear(vn_ents *out);
void vn_ents_free(vn_ents *out);

#endif
