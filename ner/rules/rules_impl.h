/* Inside the rules stage: what a loaded rule holds, shared by the reader
 * (rules.c) and the matchers (match.c).  Not installed. */
#ifndef VN_RULES_IMPL_H
#define VN_RULES_IMPL_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "rules/pattern.h"
#include "rules/rules.h"

typedef struct rule_example {
    char *text, *expect, *src;
} rule_example;

typedef struct rule {
    char *id, *src;
    int phase;          /* 0 entities, 1 relations */
    int type;           /* entity rules: vnner_type, VN_T_NONE, or -1 for groups only */
    int prio;
    vn_rel_rule rel;    /* relation rules */
    pcre2_code *code;
    vn_compiled comp;   /* the PCRE2 source and the callouts' tests */
    uint8_t start[32];  /* symbols a match can start with (bitmap) */
    uint8_t cue[32];    /* cue=: the symbols given */
    int cue_given;
    int any_start;      /* no start information: always tried */
    int ngroups;
    struct { int num; int type; } *groups; /* capture number, entity type or VN_ARG_* */
    rule_example *ex;
    size_t nex, excap;
} rule;

/* The compile context every rule is compiled with (reserve.c): its allocator
 * keeps PCRE2's JIT compiler from seeing a failed allocation.  Process-wide,
 * never freed; NULL when it could not be made (then PCRE2's own). */
pcre2_compile_context *vn_rules_compile_context(void);

typedef struct def {
    char *name, *body;
} def;

struct vn_rules {
    rule *r;
    size_t n, cap;
    def *d;
    size_t nd, dcap;
    uint32_t max_ov;
    uint64_t cue_cls;   /* classes relation rules test: tokens starting an entry of one carry a cue mark */
    const vn_gaz *gaz;  /* what in:CLASS compiles against; NULL: one-token entries */
    int no_jit;         /* patterns left to the interpreter (see vnner_model_options) */
};

/* What a callout needs: the document, where the subject starts in it, and
 * the tests of the rule being matched. */
typedef struct vn_callout_ctx {
    const vn_view *v;
    const unsigned char *subj;  /* the string matched (the relation string shows entities) */
    size_t base;
    const vn_pred *pred;
    size_t npred;
} vn_callout_ctx;

int vn_rules_callout(pcre2_callout_block *cb, void *data);
/* Sets the bit of symbol NAME in the bitmap; -1 when NAME is no symbol. */
int vn_rules_cue_symbols(uint8_t bits[32], const char *name);

#endif
