/* Internal interfaces between vnner's modules.  Not installed. */
#ifndef VNNER_INTERNAL_H
#define VNNER_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "vnner.h"

#define VN_UNUSED(x) (void)(x)

/* ---- buf.c: growable byte buffer ---- */
typedef struct vn_buf {
    char *p;
    size_t len, cap;
} vn_buf;
int vn_buf_reserve(vn_buf *b, size_t extra);
int vn_buf_add(vn_buf *b, const void *s, size_t n);
int vn_buf_puts(vn_buf *b, const char *s);
/* A string literal, its length known at compile time. */
#define VN_PUT_LIT(b, lit) vn_buf_add((b), (lit), sizeof(lit) - 1)
int vn_buf_putc(vn_buf *b, char c);
int vn_buf_printf(vn_buf *b, const char *fmt, ...);
int vn_buf_num(vn_buf *b, size_t v);
void vn_buf_free(vn_buf *b);
/* JSON string with quotes; control characters, quotes and backslashes escaped. */
int vn_buf_json_str(vn_buf *b, const char *s, size_t n);
void vn_set_error(vnner_error *err, int code, long long offset, const char *fmt, ...);
/* Growable array of fixed-size items. */
int vn_grow(void **p, size_t *cap, size_t need, size_t item);
char *vn_strdup(const char *s);
char *vn_strndup(const char *s, size_t n);

/* ---- normalize.c: validated text, normalised view, offset map ---- */
#define VN_NF_UPPER 1   /* the original character was upper case */
typedef struct vn_text {
    const char *orig;
    size_t olen;
    char *norm;        /* NFC, new-style tone marks, lower case, punctuation unified */
    size_t nlen;
    uint32_t *n2o;     /* for each norm byte (and nlen): orig byte offset of its character */
    uint8_t *nflags;   /* per norm byte: VN_NF_* */
    size_t ncap;
} vn_text;
/* Validates and normalises ORIG.  Fails with VNNER_EUTF8 / VNNER_ENUL and the offset. */
int vn_text_normalize(vn_text *t, const char *orig, size_t olen, vnner_error *err);
void vn_text_free(vn_text *t);
/* Normalises a short string (a gazetteer surface, a query) into a new malloc'd string. */
char *vn_normalize_str(const char *s, size_t n);
/* Lower-case copy of already normalised text (a post or place shown with capitals). */
char *vn_lower_dup(const char *s);
/* Decodes one UTF-8 sequence; returns its length or -1 if invalid. */
int vn_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);
int vn_utf8_encode(int32_t cp, char *out);
/* VN_F_* flags (unitab.h) of any code point. */
unsigned vn_cp_flags(int32_t cp);

/* ---- tokenize.c: syllables, numbers, punctuation, sentences ---- */
enum { VN_TK_WORD = 1, VN_TK_NUM, VN_TK_PUNCT, VN_TK_NEWLINE };
enum { VN_SH_LOWER = 0, VN_SH_CAP = 1, VN_SH_ALLCAPS = 2 };
#define VN_TF_SENT_START 1  /* first token of a sentence */
#define VN_TF_PARA_START 2  /* first token of a line */
#define VN_TF_BLANK_BEFORE 4 /* a blank line precedes this line */
#define VN_TF_CLAUSE_START 8 /* after an outlet tag's dash, a colon or a bracket */
#define VN_TF_BEFORE_NUM 16  /* a number follows */
typedef struct vn_token {
    uint32_t ns, ne;    /* norm byte range */
    uint32_t os, oe;    /* orig byte range */
    uint32_t syl;       /* interned syllable id, 0 when the gazetteer has none */
    uint32_t sent;      /* sentence index */
    uint32_t line;      /* line index */
    uint8_t kind, shape, flags;
    char sym;           /* tag symbol the rules see */
} vn_token;
typedef struct vn_tokens {
    vn_token *v;
    size_t n, cap;
    uint32_t nsent;
} vn_tokens;
int vn_tokenize(vn_tokens *tk, const vn_text *t);
/* Sentence boundaries; a period inside gazetteer match SKIP[i] != 0 does not end one. */
void vn_sentences(vn_tokens *tk, const vn_text *t, char *tags);
void vn_tokens_free(vn_tokens *tk);

/* ---- gazetteer.c ---- */
typedef enum {
    VN_C_NEGATIVE = 0, VN_C_TITLE_ALONE, VN_C_TITLE, VN_C_BODY, VN_C_BODY_AREA, VN_C_BODY_LOCAL, VN_C_SUBBODY,
    VN_C_BODY_WEAK, VN_C_BODY_HEAD, VN_C_PLACE, VN_C_LEVEL, VN_C_LEVEL_LOCAL, VN_C_SURNAME, VN_C_MIDDLE_NAME, VN_C_HONORIFIC, VN_C_RANK,
    VN_C_EVENT_HEAD, VN_C_DATE_PREFIX, VN_C_MONTH_WORD, VN_C_YEAR_WORD, VN_C_REL_DAY,
    VN_C_TERM_WORD, VN_C_PERIOD_WORD, VN_C_OF, VN_C_AT, VN_C_QUALIFIER, VN_C_ORDINAL,
    VN_C_STOP, VN_C_ROLE, VN_C_POST_START, VN_C_POST_END, VN_C_ELECT, VN_C_AWARD_GIVE,
    VN_C_AWARD_GET, VN_C_AWARD, VN_C_TOWARD, VN_C_WORD, VN_C_ABBR, VN_NCLASSES
} vn_class;
const char *vn_class_name(vn_class c);
char vn_class_sym(vn_class c);
int vn_class_from_name(const char *s, size_t n);

typedef struct vn_entry {
    const char *surface, *canonical, *valid_from, *valid_to, *src; /* src = "file:line" */
    uint32_t next;        /* next entry on the same trie node (index+1), 0 = none */
    uint16_t ntok;
    uint8_t cls;
    uint8_t caps;         /* surface starts with an all-capitals abbreviation: so must the text */
    uint8_t foreign;      /* a place from countries.tsv: never a post's implicit place */
} vn_entry;

typedef struct vn_gaz vn_gaz;
int vn_gaz_new(vn_gaz **out);
void vn_gaz_free(vn_gaz *g);
/* Loads every *.tsv file of DIR (name order). */
int vn_gaz_load_dir(vn_gaz *g, const char *dir, vnner_error *err);
int vn_gaz_load_file(vn_gaz *g, const char *path, vnner_error *err);
int vn_gaz_add(vn_gaz *g, const char *surface, const char *canonical, vn_class cls,
               const char *from, const char *to, const char *src);
size_t vn_gaz_count(const vn_gaz *g, int cls); /* cls < 0: all */
/* Syllable id of a normalised token string, 0 if unknown. */
uint32_t vn_gaz_syllable(const vn_gaz *g, const char *s, size_t n);
/* Walks the trie: child of NODE by syllable SYL, 0 if none.  Root is 1. */
uint32_t vn_gaz_step(const vn_gaz *g, uint32_t node, uint32_t syl);
/* First entry (index+1) at NODE, 0 if none. */
uint32_t vn_gaz_entries(const vn_gaz *g, uint32_t node);
const vn_entry *vn_gaz_entry(const vn_gaz *g, uint32_t idx1);
/* Expands abbreviations (ABBR entries) of a normalised string; malloc'd. */
char *vn_gaz_expand(const vn_gaz *g, const char *norm);

/* A gazetteer match recorded for a token. */
typedef struct vn_gmatch {
    uint32_t entry;   /* entry index+1 (the chosen one) */
    uint16_t len;     /* tokens */
} vn_gmatch;

/* ---- rules.c ---- */
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
    uint32_t first_ent, nent;   /* into the doc's cand_ents */
    uint8_t layer;              /* 0 names/bodies/..., 1 events */
    uint8_t accepted;
} vn_cand;

/* ---- the model and the doc ---- */
struct vnner_model {
    vn_gaz *gaz;
    vn_rules *rules;
    char *datadir;
};

typedef struct vn_ent {
    vnner_entity pub;
    uint32_t ts, te;        /* tokens */
    uint32_t entry;         /* gazetteer entry index+1 that made it, 0 if none */
    char *norm;             /* owned */
    char *value;            /* owned (DATE) */
} vn_ent;

typedef struct vn_rel {
    vnner_relation pub;
    char *post, *award, *recipient, *from, *to, *term, *place; /* owned */
    char *body_key;         /* normalised body of a HOLDS post, place included */
    char *body;             /* the body part of post */
    uint32_t sent_tok;      /* a token of the sentence that states it */
} vn_rel;

struct vnner_doc {
    vn_text text;
    vn_tokens tk;
    vn_gmatch *gm;           /* per token: chosen gazetteer match starting there */
    size_t gm_cap;
    uint64_t *cls_at;        /* per token: classes of all entries that start there (bit per class) */
    size_t cls_cap;
    char *tags;              /* tag string, one symbol per token */
    size_t tags_cap;
    vn_cand *cands;
    size_t ncand, cand_cap;
    vn_cand_ent *cents;
    size_t ncent, cent_cap;
    vn_ent *ents;
    size_t nent, ent_cap;
    vn_rel *rels;
    size_t nrel, rel_cap;
    char date[16];           /* publication date or "" */
    int pub_y, pub_m, pub_d; /* 0 when unknown */
    const vnner_model *model;
};

/* Stages, each in its own file. */
int vn_gaz_tag(vnner_doc *d);                      /* gazetteer.c: matches and tag symbols */
int vn_rules_apply(vnner_doc *d, const vn_rules *r); /* rules.c: candidates */
int vn_byline_candidates(vnner_doc *d);            /* byline.c */
int vn_entities_resolve(vnner_doc *d);             /* entities.c: overlap policy, nesting */
void vn_pubdate_find(vnner_doc *d);                /* dates.c */
int vn_dates_resolve(vnner_doc *d);                /* dates.c: DATE values */
int vn_relations_extract(vnner_doc *d);            /* relations.c */
int vn_cand_push(vnner_doc *d, uint32_t ts, uint32_t te, int prio, int order,
                 const char *rule, uint8_t layer, vn_cand_ent *ents, uint32_t nents);

/* Date helpers (dates.c). */
int vn_date_valid(int y, int m, int d);
void vn_date_add_days(int *y, int *m, int *d, int delta);
/* Day number of a full or partial date (YYYY, YYYY-MM, YYYY-MM-DD): its first
 * day, or its last when LAST.  -1 if malformed. */
int vn_date_parse(const char *s, int last, long *days);
long vn_days(int y, int m, int d);
void vn_days_format(long days, char out[16]);

#endif
