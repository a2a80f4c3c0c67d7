/* Stage 4, rules: PCRE2 patterns (JIT) over the tag string propose candidate
 * entities.  Not installed. */
#ifndef VN_RULES_RULES_H
#define VN_RULES_RULES_H
#include <stddef.h>
#include <stdint.h>
#include "lexicon/lexicon.h"

typedef struct vn_rules vn_rules;
int vn_rules_new(vn_rules **out);
void vn_rules_free(vn_rules *r);
int vn_rules_load_file(vn_rules *r, const char *path, vnner_error *err);
int vn_rules_load_dir(vn_rules *r, const char *dir, vnner_error *err);
size_t vn_rules_count(const vn_rules *r);

/* A candidate entity produced by a rule match: a span in tokens and its
 * entities (outer type and named groups). */
#define VN_T_NONE 100
typedef struct vn_cand_ent {
    uint32_t ts, te;   /* tokens, end exclusive */
    uint8_t type;      /* vnner_type or VN_T_NONE */
} vn_cand_ent;
typedef struct vn_cand {
    uint32_t ts, te;
    int prio, order;
    const char *rule;
    uint32_t first_ent, nent;   /* into the cands' ents */
    uint8_t layer;              /* 0 names/bodies/..., 1 events */
    uint8_t accepted;           /* set by the entities stage */
} vn_cand;

/* Owned by the rules stage (the entities stage marks what it accepts). */
typedef struct vn_cands {
    vn_cand *v;
    size_t n, cap;
    vn_cand_ent *ents;
    size_t nents, ents_cap;
} vn_cands;

int vn_cand_push(vn_cands *c, uint32_t ts, uint32_t te, int prio, int order, const char *rule, uint8_t layer,
                 const vn_cand_ent *ents, uint32_t nents);
/* Candidates of every rule of R over V into OUT (emptied first). */
int vn_rules_apply(vn_cands *out, const vn_rules *r, const vn_view *v);
void vn_cands_free(vn_cands *c);

#endif
