/* Stage 2, tokens: the normalised view cut into syllables, numbers,
 * punctuation and line breaks, grouped into sentences.  Not installed. */
#ifndef VN_TOKENS_TOKENS_H
#define VN_TOKENS_TOKENS_H
#include <stddef.h>
#include <stdint.h>
#include "text/text.h"

enum { VN_TK_WORD = 1, VN_TK_NUM, VN_TK_PUNCT, VN_TK_NEWLINE };
enum { VN_SH_LOWER = 0, VN_SH_CAP = 1, VN_SH_ALLCAPS = 2 };
#define VN_TF_SENT_START 1   /* first token of a sentence */
#define VN_TF_PARA_START 2   /* first token of a line */
#define VN_TF_BLANK_BEFORE 4 /* a blank line precedes this line */
#define VN_TF_CLAUSE_START 8 /* after an outlet tag's dash, a colon or a bracket */
#define VN_TF_BEFORE_NUM 16  /* a number follows */

typedef struct vn_token {
    uint32_t ns, ne;    /* norm byte range */
    uint32_t os, oe;    /* orig byte range */
    uint32_t sent;      /* sentence index */
    uint32_t line;      /* line index */
    uint8_t kind, shape, flags;
} vn_token;

/* Owned by the tokens stage. */
typedef struct vn_tokens {
    vn_token *v;
    size_t n, cap;
    uint32_t nsent;
} vn_tokens;

/* Tokens of T into TK (buffers reused), with a first sentence split that
 * knows no gazetteer.  0 or VNNER_ENOMEM. */
int vn_tokenize(vn_tokens *tk, const vn_text *t);
/* Whether the period at token I belongs to the words before it (a later
 * stage knows: inside a gazetteer match, the dot of a unit word). */
typedef int (*vn_period_joins_fn)(const void *ctx, size_t i);
/* Splits sentences again with what JOINS (may be NULL) says of periods.
 * Writes only the tokens' sentence indices and VN_TF_SENT_START. */
void vn_sentences(vn_tokens *tk, const vn_text *t, vn_period_joins_fn joins, const void *ctx);
void vn_tokens_free(vn_tokens *tk);

#endif
