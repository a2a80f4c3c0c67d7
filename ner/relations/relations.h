/* Stage 6, relations: HOLDS, PARTICIPATES, AWARDED and AUTHOR between the
 * entities, sentence by sentence.  Not installed. */
#ifndef VN_RELATIONS_RELATIONS_H
#define VN_RELATIONS_RELATIONS_H
#include <stdint.h>
#include "entities/dates.h"
#include "entities/entities.h"
#include "rules/rules.h"

typedef struct vn_rel {
    vnner_relation pub;
    char *post, *award, *recipient, *from, *to, *term, *place; /* owned */
    char *body_key;         /* normalised body of a HOLDS post, place included */
    char *body;             /* the body part of post */
    char *seen;             /* HOLDS: the day the evidence speaks of, when not the article's */
    uint32_t sent_tok;      /* a token of the sentence that states it */
    uint32_t prev_holds;    /* HOLDS: the same person's HOLDS before it, index+1 (0: none) */
    uint8_t change;         /* VN_CHANGE_* of the rule that made it */
} vn_rel;

/* Owned by the relations stage. */
typedef struct vn_rels {
    vn_rel *v;
    size_t n, cap;
} vn_rels;

/* Relations between the entities ENTS of V into OUT (emptied first), found
 * by the relation rules of RULES; PUB dates "tân" / "nguyên" mentions. */
int vn_relations_extract(vn_rels *out, const vn_view *v, const vn_ents *ents, const vn_pubdate *pub,
                         const vn_rules *rules);
void vn_rels_clear(vn_rels *out);
void vn_rels_free(vn_rels *out);

#endif
