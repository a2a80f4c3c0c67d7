/* Stage 3, lexicon: the gazetteer (TSV lists in a trie over interned
 * syllables) and the tagger that gives every token its gazetteer match and
 * the symbol the rules see.  Not installed. */
#ifndef VN_LEXICON_LEXICON_H
#define VN_LEXICON_LEXICON_H
#include <stddef.h>
#include <stdint.h>
#include "lexicon/classes.h"
#include "tokens/tokens.h"
#include "util/buf.h"
#include "vnner.h"

typedef struct vn_entry {
    const char *surface, *canonical, *valid_from, *valid_to, *src; /* src = "file:line" */
    uint32_t next;        /* next entry on the same trie node (index+1), 0 = none */
    uint16_t ntok;
    uint8_t cls;
    uint8_t caps;         /* surface starts with an all-capitals abbreviation: so must the text */
    uint8_t foreign;      /* a PLACE with attribute foreign=1 (countries.tsv): never a post's implicit place */
    uint8_t capital;      /* attribute capital=1: a name only where its first word is capitalised (Tỉnh đoàn, not "tỉnh đoàn kết") */
    const char *successor; /* PLACE that ceased: the place it became part of (note "successor=X"), or NULL */
    const char *unit;     /* LEVEL: the unit word its place takes in a post (attribute unit=), or NULL: canonical */
    const char *note;     /* the note column (NULL when empty): free text and KEY=VALUE attributes */
} vn_entry;

/* The value of attribute KEY in E's note ("level=district; unit=huyện"),
 * copied into BUF (CAP bytes, NUL-terminated, cut to fit); NULL when the note
 * has no KEY=.  Attributes are the way data tells code what a word means. */
const char *vn_entry_attr(const vn_entry *e, const char *key, char *buf, size_t cap);
/* Whether E's note says KEY=1 (a flag attribute: government=1, list=1, part=1 ...); 0 for a NULL E. */
int vn_entry_flag(const vn_entry *e, const char *key);

/* The gazetteer: opaque; immutable once loaded, shared by threads. */
typedef struct vn_gaz vn_gaz;
int vn_gaz_new(vn_gaz **out);
void vn_gaz_free(vn_gaz *g);
/* Loads every *.tsv file of DIR (name order). */
int vn_gaz_load_dir(vn_gaz *g, const char *dir, vnner_error *err);
/* The paths "DIR/NAME" of DIR's *.tsv files in name order (what
 * vn_gaz_load_dir loads) appended to *PATHS (*N of them, *CAP allocated;
 * each malloc'd, freed by the caller with the array).  0, VNNER_ENOTFOUND
 * (ERR names DIR) or VNNER_ENOMEM. */
int vn_gaz_list_dir(char ***paths, size_t *n, size_t *cap, const char *dir, vnner_error *err);
int vn_gaz_load_file(vn_gaz *g, const char *path, vnner_error *err);
/* Adds an entry: 0, VNNER_EDATA (a surface with no word), VNNER_ETOOBIG (over
 * VN_GAZ_MAX_TOKENS tokens: nothing added) or VNNER_ENOMEM. */
#define VN_GAZ_MAX_TOKENS 65535
int vn_gaz_add(vn_gaz *g, const char *surface, const char *canonical, vn_class cls,
               const char *from, const char *to, const char *src);
/* Sets the successor of the entry added last (see vn_entry). */
int vn_gaz_set_successor(vn_gaz *g, const char *successor);
/* The unit word of LEVEL ("province", "district", "commune") for a post whose
 * text leaves it out: the entry with attributes level=LEVEL and default=1
 * (the last loaded), or NULL. */
const char *vn_gaz_default_unit(const vn_gaz *g, const char *level);
/* Sets the note of the entry added last (kept as given), and what its
 * attributes unit= and default= say. */
int vn_gaz_set_note(vn_gaz *g, const char *note);
size_t vn_gaz_count(const vn_gaz *g, int cls); /* cls < 0: all */
/* The lengths in tokens of the entries of class CLS: bit K-1 for length K (up
 * to 32); 0 when G is NULL or the class has none. */
uint32_t vn_gaz_class_lengths(const vn_gaz *g, int cls);
/* Whether an entry of class CLS LEN syllables long is a prefix of SYL[0..N). */
int vn_gaz_class_at(const vn_gaz *g, const uint32_t *syl, size_t n, int cls, uint32_t len);
/* The PLACE entry whose surface is NORM (normalised, one word or more), or NULL. */
const vn_entry *vn_gaz_place(const vn_gaz *g, const char *norm);
/* ---- compiled images (image.c) ----
 * A loaded gazetteer written as one file that maps back in a fraction of a
 * millisecond, so that start-up parses no TSV.  An image carries a KEY
 * (vn_gaz_image_key: the format, the build, and the path, size, time and
 * inode of every list it was made from); one with another key is not used. */
/* Writes G's image to PATH through a temporary file renamed over it (a
 * reader never sees half an image).  0, VNNER_EIO or VNNER_ENOMEM. */
int vn_gaz_image_write(const vn_gaz *g, const char *path, const char *key, size_t keylen);
/* *OUT = a read-only gazetteer mapped from PATH (freed with vn_gaz_free),
 * and 0; VNNER_ENOTFOUND when PATH is missing, has another key or is not a
 * well-formed image (every table and offset is checked); VNNER_ENOMEM.  On
 * failure *OUT is NULL. */
int vn_gaz_image_map(vn_gaz **out, const char *path, const char *key, size_t keylen);
/* Appends to KEY the key of an image made from FILES[0..N) in that order.
 * 0, VNNER_EIO when a file cannot be examined, VNNER_ENOMEM. */
int vn_gaz_image_key(vn_buf *key, const char *const *files, size_t n);

/* Syllable id of a normalised token string, 0 if unknown. */
uint32_t vn_gaz_syllable(const vn_gaz *g, const char *s, size_t n);
/* Entry IDX1 (index+1); valid while G lives. */
const vn_entry *vn_gaz_entry(const vn_gaz *g, uint32_t idx1);
/* Expands abbreviations (ABBR entries) of a normalised string; malloc'd. */
char *vn_gaz_expand(const vn_gaz *g, const char *norm);
/* NORM with the longest entries of class CLS replaced by their canonical
 * forms (normalised, tokens joined by single spaces); malloc'd, NULL when out
 * of memory. */
char *vn_gaz_rewrite(const vn_gaz *g, const char *norm, int cls);

/* The one trie walk: every entry whose surface is a prefix of the syllables
 * SYL[0..N) (ids from vn_gaz_syllable, 0 = unknown, which ends the walk),
 * shortest first and, for one length, in the order the files list them.
 *     vn_gaz_walk w; vn_gaz_walk_start(&w, g, syl, n);
 *     while ((e = vn_gaz_walk_next(&w, &len))) ...                          */
typedef struct vn_gaz_walk {
    const vn_gaz *g;
    const uint32_t *syl;
    size_t n, depth;
    uint32_t node, entry;
} vn_gaz_walk;
void vn_gaz_walk_start(vn_gaz_walk *w, const vn_gaz *g, const uint32_t *syl, size_t n);
/* The next entry (index+1) and its length in syllables; 0 when done. */
uint32_t vn_gaz_walk_next(vn_gaz_walk *w, uint32_t *len);

/* A gazetteer match chosen for a token. */
typedef struct vn_gmatch {
    uint32_t entry;   /* entry index+1 (the chosen one) */
    uint16_t len;     /* tokens */
} vn_gmatch;

/* Owned by the lexicon stage: one item per token (and a NUL after SYM). */
typedef struct vn_tags {
    char *sym;          /* the tag string the rules match: VN_S_* per token */
    uint32_t *syl;      /* interned syllable id, 0 when the gazetteer has none */
    vn_gmatch *gm;      /* the match chosen at the token (len 0: none) */
    uint64_t *cls_at;   /* classes of all entries that may start there (bit per class) */
    size_t sym_cap, syl_cap, gm_cap, cls_cap;
} vn_tags;

/* Tags the tokens TK of T with gazetteer G into OUT (buffers reused).
 * 0 or VNNER_ENOMEM. */
int vn_lexicon_tag(vn_tags *out, const vn_tokens *tk, const vn_text *t, const vn_gaz *g);
void vn_tags_free(vn_tags *tags);
/* A vn_period_joins_fn over CTX, a const vn_tags *: the period at I is inside
 * a gazetteer match or the dot of a unit word (TP. Vinh). */
int vn_tags_period_joins(const void *tags, size_t i);

/* What every stage after the lexicon reads: the text, its tokens, their
 * tags and the gazetteer.  All read-only. */
typedef struct vn_view {
    const vn_text *text;
    const vn_tokens *tk;
    const vn_tags *tags;
    const vn_gaz *gaz;
} vn_view;

/* The normalised text of token I. */
#define VN_TOK_STR(v, i) ((v)->text->norm + (v)->tk->v[i].ns)
#define VN_TOK_LEN(v, i) ((size_t)((v)->tk->v[i].ne - (v)->tk->v[i].ns))

#endif
