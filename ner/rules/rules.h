/* Stage 4, rules: the rule files of models/ (and of --rules folders),
 * written in the readable pattern language (rules/pattern.h) and compiled to
 * PCRE2 with its JIT.  Two phases: entity rules run over the tag string and
 * propose candidate entities; relation rules run, sentence by sentence, over
 * the string where each entity shows as one type (@PERSON) and report their
 * captures to the relations stage.  Not installed. */
#ifndef VN_RULES_RULES_H
#define VN_RULES_RULES_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "lexicon/lexicon.h"

typedef struct vn_rules vn_rules;
int vn_rules_new(vn_rules **out);
void vn_rules_free(vn_rules *r);
/* Loads one file / every *.rules file of DIR (name order).  A rule whose id
 * is already loaded replaces it; "drop ID" removes one.  Errors name
 * file:line:column (VNNER_EDATA for the file's form, VNNER_EPATTERN for a
 * pattern). */
int vn_rules_load_file(vn_rules *r, const char *path, vnner_error *err);
int vn_rules_load_dir(vn_rules *r, const char *dir, vnner_error *err);
size_t vn_rules_count(const vn_rules *r);
/* The gazetteer later files compile against (the lengths of in:CLASS
 * entries); G must outlive R's loading. */
void vn_rules_set_gazetteer(vn_rules *r, const vn_gaz *g);
/* Whether rules loaded after this call are JIT-compiled (ON, the default) or interpreted. */
void vn_rules_set_jit(vn_rules *r, int on);

/* What one rule is, for reports (examples, coverage): valid while R lives. */
typedef struct vn_rule_info {
    const char *id, *src;      /* src: "file:line" */
    int relation;              /* 0 an entity rule, 1 a relation rule */
    size_t nexample;
} vn_rule_info;
void vn_rules_info(const vn_rules *r, size_t i, vn_rule_info *out);
/* Example K of rule I: its sentence and what it must give ("PERSON Nguyễn
 * Văn A" for an entity rule, "person=... post=..." for a relation rule). */
void vn_rules_example(const vn_rules *r, size_t i, size_t k, const char **text, const char **expect, const char **src);

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
/* Candidates of every entity rule of R over V into OUT (emptied first). */
int vn_rules_apply(vn_cands *out, const vn_rules *r, const vn_view *v);
void vn_cands_free(vn_cands *c);

/* ---- relation rules ------------------------------------------------------ */

/* The arguments a relation rule names by capture.  SUBJECT is a pronoun
 * ("Ông", "Bà" opening a sentence): the person is the last one named before it. */
enum { VN_ARG_PERSON, VN_ARG_POST, VN_ARG_ROLE, VN_ARG_EVENT, VN_ARG_RECIPIENT, VN_ARG_GIVER, VN_ARG_AWARD, VN_ARG_SUBJECT,
       VN_NARGS };
/* What a rule says about a term. */
enum { VN_CHANGE_NONE, VN_CHANGE_START, VN_CHANGE_END };

typedef struct vn_rel_rule {
    const char *id;
    int type;                  /* vnner_rel_type */
    const char *qualifier;     /* NULL: the post's own qualifier word; "cue": the cue's canonical; else this value */
    uint8_t from_article;      /* the term starts on the article's date */
    uint8_t change;            /* VN_CHANGE_* */
    const char *member;        /* HOLDS of a BODY (post = MEMBER and the body: "Ủy viên Bộ Chính trị"), or NULL */
} vn_rel_rule;

#define VN_MAX_SPANS 8
typedef struct vn_rel_match {
    uint32_t ms, me;                        /* the whole match, tokens */
    uint32_t span[VN_NARGS][VN_MAX_SPANS][2];
    uint8_t nspan[VN_NARGS];
} vn_rel_match;

/* Called for each match, rule by rule in load order, left to right. */
typedef int (*vn_rel_match_fn)(void *ctx, const vn_rel_rule *rule, const vn_rel_match *m);

/* Runs relation rules over one document: made once per document (no
 * allocation per sentence), then run on each sentence [S0, S1) of SUBJ, the
 * document's relation string (one byte per token). */
typedef struct vn_rel_matcher vn_rel_matcher;
int vn_rel_matcher_new(vn_rel_matcher **out, const vn_rules *r, const vn_view *v, const unsigned char *subj);
int vn_rel_matcher_run(vn_rel_matcher *m, uint32_t s0, uint32_t s1, vn_rel_match_fn fn, void *ctx);
void vn_rel_matcher_free(vn_rel_matcher *m);
size_t vn_rules_relation_count(const vn_rules *r);

#endif
