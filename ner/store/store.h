/* Internals shared by store.c, query.c and graph.c. */
#ifndef VNNER_STORE_H
#define VNNER_STORE_H
#include <sqlite3.h>
#include "store/record.h"
#include "store/tenure.h"
#include "util/buf.h"
#include "vnner.h"

#define VN_SCHEMA_VERSION 4
#define VN_MAX_SUGGEST 5
#define VN_STORE_NSTMT 16

/* Keys of posts and bodies already computed (a pure function of the text). */
typedef struct vn_keyslot {
    uint64_t h;
    char *raw, *key;
} vn_keyslot;
typedef struct vn_keycache {
    vn_keyslot *v;
    size_t cap, n;
} vn_keycache;

/* Row ids of persons, posts and bodies already stored (cleared on rollback). */
typedef struct vn_idslot {
    uint64_t h;
    char *key;
    sqlite3_int64 id;
} vn_idslot;
typedef struct vn_idcache {
    vn_idslot *v;
    size_t cap, n;
} vn_idcache;

struct vnner_store {
    sqlite3 *db;
    char *path;
    int readonly;
    sqlite3_stmt *st[VN_STORE_NSTMT];
    vn_keycache keys;
    vn_idcache ids;
    size_t replaced;        /* documents a newer version under the same name replaced */
};

/* One answer of who or positions (query.c builds it, answer.c writes it). */
typedef struct ev_row {
    char *doc, *date, *text, *source;
} ev_row;

typedef struct holder {
    sqlite3_int64 person;
    char *name, *post, *qualifier;
    long lo, hi;            /* day numbers, LONG_MIN / LONG_MAX when open */
    char lo_s[16], hi_s[16]; /* the start and end as texts give them, "" when none does */
    char seen_s[2][16];      /* the first and last day the evidence shows the person in office, or "" */
    int elect_only;
    vn_term term;           /* as the tenure rules reason it */
    ev_row *ev;
    size_t nev, ev_cap;
    size_t total_ev;        /* all the evidence, of which EV holds the latest */
    vnner_evidence *pub_ev;
} holder;

struct vnner_answer {
    int kind;               /* 0 who, 1 positions */
    char *query, *name, on[16];
    char *key;              /* the post's stored key, or NULL */
    int known;              /* the post or person is in the database */
    char *sugg[VN_MAX_SUGGEST]; /* when unknown: the closest known names */
    int nsugg;
    char *note;             /* "Bình Định became part of Gia Lai on 2025-07-01", or NULL */
    holder *h;
    size_t n, cap;
    vnner_holding *pub;
};

/* The tenure of each holder of a post, as who computes it. */
typedef struct vn_tenure {
    sqlite3_int64 person;
    char *name, *qualifier;
    long lo, hi;              /* day numbers; LONG_MIN / LONG_MAX when open */
    char lo_s[16], hi_s[16];  /* as the evidence gives them, "" when unknown */
    int elect_only;
} vn_tenure;
int vn_post_tenures(vn_tenure **out, size_t *n, vnner_store *s, const vnner_model *m, sqlite3_int64 post,
                    vnner_error *err);
/* What a user's query names (lookup.c): a stored post or person found by
 * key, folded key, or folded key without unit words; else the closest names. */
typedef struct vn_lookup {
    sqlite3_int64 id;          /* 0 when nothing matches */
    char *name, *norm;         /* of the match */
    int known;
    char *sugg[VN_MAX_SUGGEST]; /* the closest names when nothing matches, closest first */
    double score[VN_MAX_SUGGEST];
    int nsugg;
} vn_lookup;

/* The parts of a query that who, positions and history share (query.c). */
void vn_q_holder_free(holder *h);
/* The terms of POST's holders; FACTS_OUT (may be NULL) gets the post's facts they used.  On
 * failure ERR says why: VNNER_ENOMEM, or VNNER_EDB for the database's error or a damaged file
 * (a holding whose person or post is missing). */
int vn_q_load_post(vnner_store *s, const vnner_model *m, sqlite3_int64 post, holder **out, size_t *n,
                   vn_post_facts *facts_out, vnner_error *err);
int vn_q_load_evidence(vnner_store *s, sqlite3_int64 post, holder *h);
int vn_q_parse_on(const char *on, char out[16], long *day, vnner_error *err);
int vn_q_check_query(const char *q, vnner_error *err);
void vn_q_take_lookup(vnner_answer *a, vn_lookup *lk);
/* The stored post the user means, into A (name, key, known, suggestions) and *ID (0: none). */
int vn_q_find_post(vnner_answer *a, vnner_store *s, const vnner_model *m, const char *post, sqlite3_int64 *id,
                   vnner_error *err);
int vn_q_take(vnner_answer *a, holder *h);
int vn_q_finish_answer(vnner_answer *a);
int vn_q_set_qualifier(holder *h, long day);

/* Removes document DOC and what only it said (history.c); inside the caller's transaction. */
int vn_store_drop_doc(vnner_store *s, sqlite3_int64 doc);

/* The area under which a person of AREA (a normalised place) is stored:
 * the place it became part of when it merged (identity.c); AREA itself, or
 * BUF (N bytes) holding the successor; NULL when memory ran out. */
const char *vn_person_area(const vnner_model *m, const char *area, char *buf, size_t n);
int vn_lookup_post(vnner_store *s, const vnner_model *m, const char *query, vn_lookup *out);
int vn_lookup_person(vnner_store *s, const vnner_model *m, const char *query, vn_lookup *out);
void vn_lookup_free(vn_lookup *lk);
/* S without diacritics, case folded, Đ/Ð as d, spaces collapsed; malloc'd. */
char *vn_fold(const char *s);
/* Facts of stored post POST that shape its terms (postfacts.c): whether
 * several hold it at once, and when its body or place ceased (from M's
 * gazetteer).  0, VNNER_ENOTFOUND (no such post), VNNER_EDB or VNNER_ENOMEM. */
int vn_post_facts_of(vnner_store *s, const vnner_model *m, sqlite3_int64 post, vn_post_facts *out);
void vn_tenures_free(vn_tenure *t, size_t n);

/* Column I of ST as valid UTF-8, malloc'd (vn_utf8_repair_dup: a damaged or
 * hostile file may hold any bytes); NULL for SQL NULL or when out of memory.
 * Every string an answer, export or graph shows is read through it. */
char *vn_col_text(sqlite3_stmt *st, int i);

/* ERR from the database's last error: "PATH: WHAT: the error" (store.c); VNNER_EDB. */
int vn_store_db_error(vnner_store *s, vnner_error *err, const char *what);
/* Forgets the cached row ids (and the cached keys when KEYS) (ingest.c). */
void vn_store_caches_clear(vnner_store *s, int keys);

/* The key under which a post or body is stored and looked up: normalised,
 * abbreviations expanded, a few equivalent forms merged.  malloc'd. */
char *vn_store_key(const vnner_model *m, const char *s);

#endif
