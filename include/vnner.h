/*
 * vnner: who holds which post, from Vietnamese official news.
 *
 * One public header.  Handles are opaque.  Functions that can fail return an
 * int: 0 on success, a negative VNNER_E* code on failure (vnner_errmsg() names
 * it) and, where they take a vnner_error, fill it with the file, byte offset
 * and a sentence.  Out-parameters come first and are set to NULL on failure.
 * Every *_free function accepts NULL.
 *
 * Threading: a vnner_model is immutable once loaded and may be shared by any
 * number of threads; a vnner_doc belongs to one thread at a time.
 */
#ifndef VNNER_H
#define VNNER_H

#include <stddef.h>
#include <stdio.h>
#include "vnner_version.h" /* VNNER_VERSION, generated from CMakeLists.txt's project() */

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the public functions.  The library is compiled with hidden visibility,
 * so a shared libvnner exports these and nothing of its internals. */
#if defined(__GNUC__) || defined(__clang__)
#define VNNER_EXPORT __attribute__((visibility("default")))
#else
#define VNNER_EXPORT
#endif

/* The version of the library running (VNNER_VERSION of the header may be
 * older: it is the one the caller was compiled with).  Static storage, never
 * NULL. */
VNNER_EXPORT const char *vnner_version_string(void);

/* Error codes (negative).  Exit statuses of the CLI are documented in vnner.1. */
enum {
    VNNER_OK = 0,
    VNNER_ENOMEM = -1,     /* out of memory */
    VNNER_EIO = -2,        /* a file could not be read or written */
    VNNER_EUTF8 = -3,      /* input is not valid UTF-8 */
    VNNER_ENUL = -4,       /* input contains a NUL byte (binary data?) */
    VNNER_ETOOBIG = -5,    /* document larger than the size limit */
    VNNER_EDATA = -6,      /* a gazetteer or rule file is malformed */
    VNNER_EPATTERN = -7,   /* a rule's pattern does not compile */
    VNNER_EJSON = -8,      /* malformed JSON input */
    VNNER_EENCODING = -9,  /* text in an encoding vnner does not read (UTF-16, TCVN3, VNI) */
    VNNER_EDB = -10,       /* the database could not be opened, read or written */
    VNNER_EDBVERSION = -11,/* the database was written by a newer vnner */
    VNNER_EINVAL = -12,    /* an argument is out of range or malformed */
    VNNER_ENOTFOUND = -13  /* a file or directory does not exist */
};

/* The sentence for an error code; never NULL, static storage. */
VNNER_EXPORT const char *vnner_errmsg(int code);

/* Details of a failure: which file, where, and what. */
typedef struct vnner_error {
    int code;            /* VNNER_E* */
    long long offset;    /* byte offset in the input, or -1 */
    char message[384];   /* a full sentence naming the file when known */
} vnner_error;

/* ---- Model: gazetteer and rules -------------------------------------- */

typedef struct vnner_model vnner_model;

/* Loads the gazetteer (every *.tsv of DATADIR/gazetteer, then of each of
 * EXTRA_DIRS) and the rules (every *.rules of DATADIR/models).  DATADIR NULL
 * means vnner_default_datadir().  On success *out owns the model (free it
 * with vnner_model_free). */
VNNER_EXPORT int vnner_model_load(vnner_model **out, const char *datadir,
                                  const char *const *extra_dirs, size_t n_extra, vnner_error *err);
VNNER_EXPORT void vnner_model_free(vnner_model *m);

/* Number of gazetteer entries of a class ("PLACE", "TITLE", ...), or of all
 * classes when cls is NULL. */
VNNER_EXPORT size_t vnner_model_entry_count(const vnner_model *m, const char *cls);

/* The version of the model's data: the first line of DATADIR/gazetteer/VERSION
 * as read by vnner_model_load, or "unknown" when that file is absent or empty
 * (and when M is NULL).  Owned by the model: valid until vnner_model_free(M);
 * never NULL. */
VNNER_EXPORT const char *vnner_model_data_version(const vnner_model *m);

/* The data directory the CLI uses when none is given: $VNNER_DATADIR, else the
 * install prefix's share/vnner when the executable is installed, else the
 * source tree it was built from.  Static storage. */
VNNER_EXPORT const char *vnner_default_datadir(void);

/* ---- Documents --------------------------------------------------------- */

typedef enum {
    VNNER_PERSON = 0, VNNER_POSITION, VNNER_BODY, VNNER_EVENT, VNNER_PLACE, VNNER_DATE,
    VNNER_NTYPES
} vnner_type;

/* Name of an entity type ("PERSON" ...). */
VNNER_EXPORT const char *vnner_type_name(vnner_type t);

typedef struct vnner_entity {
    vnner_type type;
    size_t start, end;     /* code points of the input, end exclusive */
    size_t bstart, bend;   /* UTF-8 bytes of the input, end exclusive */
    int parent;            /* index of the enclosing entity, or -1 */
    const char *rule;      /* rule id or "gazetteer:FILE:LINE" */
    const char *value;     /* DATE: ISO value; else NULL */
    const char *canonical; /* canonical form from the gazetteer, or NULL */
    const char *valid_from, *valid_to; /* gazetteer validity, or NULL */
} vnner_entity;

typedef enum { VNNER_HOLDS = 0, VNNER_PARTICIPATES, VNNER_AWARDED, VNNER_AUTHOR } vnner_rel_type;

typedef struct vnner_relation {
    vnner_rel_type type;
    int person;            /* entity index: person / recipient; -1 if none */
    int target;            /* HOLDS: position; PARTICIPATES: event; AWARDED: giver; else -1 */
    const char *post;      /* HOLDS: the whole post, place filled in */
    const char *qualifier; /* HOLDS: current, former, acting, elect */
    const char *from, *to, *term; /* HOLDS tenure as the text says it, or NULL */
    const char *role;      /* PARTICIPATES: chair, attend, speak, direct */
    const char *award;     /* AWARDED: what was awarded */
    const char *recipient; /* AWARDED: recipient text when it is not a person */
    const char *place;     /* HOLDS: the province or city of the post, NULL for a national post */
    const char *body;      /* HOLDS: the body of the post, place filled in as in post; NULL if none */
    const char *rule;
    size_t sentence_start, sentence_end; /* byte span of the evidence sentence */
} vnner_relation;

typedef struct vnner_doc vnner_doc;

/* A reusable document: buffers are kept between calls so that annotating a
 * stream allocates nothing per document once warmed up. */
VNNER_EXPORT int vnner_doc_new(vnner_doc **out);
VNNER_EXPORT void vnner_doc_free(vnner_doc *doc);

typedef struct vnner_annotate_options {
    const char *date;      /* publication date YYYY-MM-DD overriding the dateline, or NULL */
    size_t max_bytes;      /* size limit; 0 means the default (64 MiB) */
} vnner_annotate_options;

/* Every option at its default.  Start from it and set what you need, so that
 * fields added in later versions keep their defaults:
 *     vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
 *     o.date = "2024-03-06"; */
#define VNNER_ANNOTATE_OPTIONS_INIT {.date = NULL, .max_bytes = 0}

/* Annotates TEXT (LEN bytes, UTF-8, not necessarily NUL-terminated).  The doc
 * keeps a pointer to TEXT until the next call or vnner_doc_free: the caller
 * keeps it alive meanwhile.  OPTS NULL means VNNER_ANNOTATE_OPTIONS_INIT.  On
 * failure err says why and where (byte offset). */
VNNER_EXPORT int vnner_doc_annotate(vnner_doc *doc, const vnner_model *m, const char *text,
                                    size_t len, const vnner_annotate_options *opts,
                                    vnner_error *err);

/* The text of an HTML page (tags dropped, references decoded) into a new
 * malloc'd buffer *out of *len bytes; annotate that instead of the page. */
VNNER_EXPORT int vnner_html_to_text(char **out, size_t *len, const char *html, size_t n);

VNNER_EXPORT size_t vnner_doc_entity_count(const vnner_doc *doc);
VNNER_EXPORT const vnner_entity *vnner_doc_entity(const vnner_doc *doc, size_t i);
VNNER_EXPORT size_t vnner_doc_relation_count(const vnner_doc *doc);
VNNER_EXPORT const vnner_relation *vnner_doc_relation(const vnner_doc *doc, size_t i);
/* Publication date (YYYY-MM-DD) or NULL when unknown. */
VNNER_EXPORT const char *vnner_doc_date(const vnner_doc *doc);
/* Normalised form of entity I (NFC, new-style tone marks, lower case). */
VNNER_EXPORT const char *vnner_doc_entity_norm(const vnner_doc *doc, size_t i);

/* ---- Output ------------------------------------------------------------ */

typedef enum { VNNER_FMT_JSONL = 0, VNNER_FMT_TEXT, VNNER_FMT_CONLL, VNNER_FMT_BRAT, VNNER_FMT_HTML } vnner_format;

#define VNNER_OUT_WITH_TEXT 1u  /* JSONL: add the document's text */
#define VNNER_OUT_EXPLAIN 2u    /* text: show each entity's rule */
#define VNNER_OUT_COLOR 4u      /* text: ANSI colours */

/* Writes the annotated document in FMT to OUT.  DOCNAME is the "doc" field. */
VNNER_EXPORT int vnner_doc_write(const vnner_doc *doc, FILE *out, vnner_format fmt,
                                 const char *docname, unsigned flags);

/* ---- Store: a SQLite database of what annotated documents say ------------ */

typedef struct vnner_store vnner_store;
typedef struct vnner_record vnner_record;

#define VNNER_STORE_READONLY 1u  /* open for queries only; the file must exist */

/* Opens (creating or migrating when writable) the database at PATH.  A file
 * that is not a vnner database, or one written by a newer vnner, is refused
 * (VNNER_EDB / VNNER_EDBVERSION) and left untouched. */
VNNER_EXPORT int vnner_store_open(vnner_store **out, const char *path, unsigned flags,
                                  vnner_error *err);
VNNER_EXPORT void vnner_store_close(vnner_store *s);
/* Batches: one BEGIN IMMEDIATE transaction around many vnner_store_add calls. */
VNNER_EXPORT int vnner_store_begin(vnner_store *s, vnner_error *err);
VNNER_EXPORT int vnner_store_commit(vnner_store *s, vnner_error *err);
VNNER_EXPORT void vnner_store_rollback(vnner_store *s);

/* A document's entities and relations, detached from the vnner_doc (so that a
 * worker thread can build it and a writer store it), or read back from the
 * JSON Lines that `annotate --with-text` writes.  Free with vnner_record_free. */
VNNER_EXPORT int vnner_record_from_doc(vnner_record **out, const vnner_doc *d, const char *name,
                                       const char *source);
VNNER_EXPORT int vnner_record_from_json(vnner_record **out, const char *line, size_t len,
                                        vnner_error *err);
VNNER_EXPORT void vnner_record_free(vnner_record *r);
VNNER_EXPORT const char *vnner_record_name(const vnner_record *r);

/* Stores R; *added is 0 when a document with the same normalised text is
 * already stored (nothing is written then). */
VNNER_EXPORT int vnner_store_add(vnner_store *s, const vnner_model *m, const vnner_record *r,
                                 int *added, vnner_error *err);

typedef struct vnner_evidence {
    const char *doc, *date, *text;
    const char *source;             /* the document's source URL, or NULL */
} vnner_evidence;

typedef struct vnner_holding {
    const char *person, *post, *qualifier; /* the qualifier on the asked date (today without one) */
    const char *from, *to;          /* tenure as far as the evidence tells; NULL = unknown */
    const vnner_evidence *evidence; /* the latest pieces, oldest first */
    size_t nevidence;
    long long person_id;            /* stable for one database: tells namesakes apart */
    size_t total_evidence;          /* all the evidence; NEVIDENCE may list fewer */
} vnner_holding;

typedef struct vnner_answer vnner_answer;

/* Who held POST (spelled any way: tone marks, abbreviations, case) on ON
 * (YYYY-MM-DD; NULL = today).  An empty answer is not an error. */
VNNER_EXPORT int vnner_store_who(vnner_answer **out, vnner_store *s, const vnner_model *m,
                                 const char *post, const char *on, vnner_error *err);
/* The posts PERSON held (all of them, or those held on ON when ON is not NULL). */
VNNER_EXPORT int vnner_store_positions(vnner_answer **out, vnner_store *s, const vnner_model *m,
                                       const char *person, const char *on, vnner_error *err);
/* Every holder POST has had, in the order they held it (an answer whose
 * holdings are terms: from, to, qualifier as of today). */
VNNER_EXPORT int vnner_store_history(vnner_answer **out, vnner_store *s, const vnner_model *m,
                                     const char *post, vnner_error *err);
/* Counts, the date range and the busiest posts, as text on OUT. */
VNNER_EXPORT int vnner_store_stats(vnner_store *s, FILE *out, vnner_error *err);
/* Removes every stored document named DOC (the name ingest gave it) and what
 * only it said; *removed tells how many.  Terms follow, being derived. */
VNNER_EXPORT int vnner_store_forget(vnner_store *s, const char *doc, int *removed,
                                    vnner_error *err);

typedef enum { VNNER_EXPORT_CSV = 0, VNNER_EXPORT_POPOLO, VNNER_EXPORT_QUICKSTATEMENTS } vnner_export_format;
/* Every term of every post, one a line (CSV), as Popolo JSON, or as Wikidata
 * QuickStatements (P39 position held, P580 start, P582 end). */
VNNER_EXPORT int vnner_store_export(vnner_store *s, const vnner_model *m, FILE *out,
                                    vnner_export_format fmt, vnner_error *err);

VNNER_EXPORT size_t vnner_answer_count(const vnner_answer *a);
/* Whether the post (who) or person (positions) asked for is in the database
 * at all: an unknown one is not "no holder". */
VNNER_EXPORT int vnner_answer_known(const vnner_answer *a);
/* When unknown: the closest known names, closest first (I < count); valid while A lives. */
VNNER_EXPORT size_t vnner_answer_suggestion_count(const vnner_answer *a);
VNNER_EXPORT const char *vnner_answer_suggestion(const vnner_answer *a, size_t i);
/* A remark on the answer ("Bình Định became part of Gia Lai on 2025-07-01 ..."), or NULL. */
VNNER_EXPORT const char *vnner_answer_note(const vnner_answer *a);
VNNER_EXPORT const vnner_holding *vnner_answer_holding(const vnner_answer *a, size_t i);
/* JSON as CONTRACT.md gives it, or readable text. */
VNNER_EXPORT int vnner_answer_write(const vnner_answer *a, FILE *out, int json);
VNNER_EXPORT void vnner_answer_free(vnner_answer *a);

/* ---- Graphs ------------------------------------------------------------ */

typedef struct vnner_graph_options {
    const char *person;   /* start from this person (any spelling of the name), or NULL */
    const char *body;     /* this body and everything under it, or NULL */
    const char *from, *to;/* holdings and events overlapping this window (YYYY[-MM[-DD]]), or NULL */
    int depth;            /* steps from the chosen node: 0 = the default (2), negative = the node alone */
    int max_nodes;        /* keep the most connected part: 0 = the default (300) */
} vnner_graph_options;

/* Every option at its default (the whole store, default depth and size);
 * start from it as from VNNER_ANNOTATE_OPTIONS_INIT. */
#define VNNER_GRAPH_OPTIONS_INIT \
    {.person = NULL, .body = NULL, .from = NULL, .to = NULL, .depth = 0, .max_nodes = 0}

/* Graphviz DOT of the store (or of the part the options choose; OPTS NULL
 * means VNNER_GRAPH_OPTIONS_INIT) in a new malloc'd string; *left_out tells
 * how many nodes max_nodes dropped.  The same database and options give
 * byte-identical output. */
VNNER_EXPORT int vnner_store_graph(char **out, size_t *left_out, vnner_store *s,
                                   const vnner_model *m, const vnner_graph_options *opts,
                                   vnner_error *err);

#ifdef __cplusplus
}
#endif
#endif
