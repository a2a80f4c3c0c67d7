/* The readable pattern language of the rule files in models/, compiled to a PCRE2
 * pattern over the tag string (one symbol per token) so that it costs nothing
 * at run time.  Token tests the symbols cannot express (the words of a
 * literal, a class that is not the one the tag shows) become numbered
 * callouts.  See models/README.md for the language.  Not installed. */
#ifndef VN_RULES_PATTERN_H
#define VN_RULES_PATTERN_H
#include <stddef.h>
#include <stdint.h>

/* What a callout tests at the tokens before the current position: the words
 * of a literal; an entry of a class exactly NTOK tokens long (HAS, in:CLASS);
 * the same for a cue class, written in lower case unless it opens the
 * sentence (CHOSEN: "Dự" mid-sentence is a name part). Neither counts inside an entity.
 * CAP: the one token before the position is not written in lower case (cap:). */
enum { VN_PRED_WORDS, VN_PRED_CHOSEN, VN_PRED_HAS, VN_PRED_CAP, VN_PRED_TITLE };
typedef struct vn_pred {
    uint8_t kind;       /* VN_PRED_* */
    uint8_t cls;        /* CHOSEN and HAS: the class */
    uint16_t ntok;      /* tokens tested, ending at the current position (HAS: an entry this long) */
    char *words;        /* WORDS: ntok normalised tokens, each NUL-terminated, back to back */
} vn_pred;

/* Entity bytes of the relation phase's string: the first token of a
 * top-level entity of type T shows VN_ENT_START + T, its other tokens
 * VN_ENT_INSIDE + T. */
#define VN_ENT_START 0x80
#define VN_ENT_INSIDE 0x90
#define VN_ENT_BYLINE 6     /* VN_ENT_START + 6: a PERSON found by the byline step */
/* Cue marks of the relation string: a token outside the entities at which an
 * entry of a class some relation rule tests starts (in:CLASS, a cue class)
 * shows its symbol + VN_CUE_MARK (0xA0-0xFF), so the class test's callout is
 * made only there and not at every token a loop passes. */
#define VN_CUE_MARK 0x80

/* A compiled pattern: the PCRE2 source and its callouts, numbered from 1.
 * Owned by the caller; free with vn_compiled_free (NULL-safe). */
typedef struct vn_compiled {
    char *pcre;
    vn_pred *pred;
    size_t npred;
    uint32_t *colmap;   /* source column of each byte of pcre */
    uint64_t need;      /* classes (bit per vn_class) every match has an entry of: text without one cannot match */
    uint64_t tested;    /* classes a callout tests (in:CLASS, cue classes): their tokens carry cue marks */
    size_t ncol;
} vn_compiled;

/* Where the compiler finds definitions ($NAME): the source of NAME (N bytes)
 * or NULL. */
typedef const char *(*vn_define_fn)(void *ctx, const char *name, size_t n);

typedef struct vn_pat_env {
    vn_define_fn define;
    void *ctx;
    int relations;      /* entity references (@PERSON) allowed */
    int marks;          /* the subject carries cue marks: symbols match marked or not, class tests only marked */
    const struct vn_gaz *gaz; /* for the lengths of in:CLASS entries; NULL: one token */
} vn_pat_env;

/* Compiles SRC into OUT.  0, VNNER_ENOMEM, or VNNER_EPATTERN with MSG (CAP
 * bytes) saying what is wrong and *COL the 1-based column in SRC.  *OUT is
 * zeroed on failure. */
int vn_pattern_compile(vn_compiled *out, const char *src, const vn_pat_env *env, size_t *col, char *msg,
                       size_t cap);
/* The symbol named NAME (N bytes; CAP, COMMA, TITLE, or an alias such as
 * Cap), or 0. */
char vn_pattern_symbol(const char *name, size_t n);
/* The column of SRC that produced byte OFF of the compiled pattern. */
size_t vn_pattern_source_col(const vn_compiled *c, size_t off);
void vn_compiled_free(vn_compiled *c);

#endif
