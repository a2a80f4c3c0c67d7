/*
 * vnner: who holds which post, from Vietnamese official news.
 *
 * One public header.  Handles are opaque.  Functions that can fail return an
 * int: 0 on success, a negative VNNER_E* code on failure (vnner_errmsg() names
 * it) and, where they take a vnner_error, fill it with the file, byte offset
 * and a sentence.  Out-parameters come first and are set to NULL on failure.
 * Every *_free function accepts NULL.
 *
 * Ownership: what a function returns through an out-parameter (the *_new,
 * *_load, *_open and *_from_* functions, vnner_store_who ...) belongs to the
 * caller, who frees it with the matching *_free (vnner_store_close for a
 * store, free() for a char buffer).  A pointer returned as the function's
 * value is borrowed: it belongs to the handle it came from and stays valid for
 * as long as its comment says.
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

/* The sentence for an error code (an unknown code has one too); never NULL,
 * static storage. */
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
 * means vnner_default_datadir().  Returns 0 and sets *out to a model the caller
 * frees with vnner_model_free, or a VNNER_E* code (VNNER_EDATA, VNNER_EPATTERN,
 * VNNER_ENOTFOUND, ...) with ERR naming the file and line.  The strings are
 * copied: none of the arguments need outlive the call. */
VNNER_EXPORT int vnner_model_load(vnner_model **out, const char *datadir,
                                  const char *const *extra_dirs, size_t n_extra, vnner_error *err);
/* Where vnner_model_load_with finds the data: DATADIR (NULL means
 * vnner_default_datadir()), then each gazetteer folder (its *.tsv files add
 * entries), then each rules folder (its *.rules files add rules; a rule whose
 * id is already loaded replaces it, and "drop ID" removes one).  Start from
 * VNNER_MODEL_OPTIONS_INIT:
 *     vnner_model_options o = VNNER_MODEL_OPTIONS_INIT;
 *     o.rules_dirs = dirs; o.n_rules_dirs = 1;                              */
typedef struct vnner_model_options {
    const char *datadir;
    const char *const *gazetteer_dirs;
    size_t n_gazetteer_dirs;
    const char *const *rules_dirs;
    size_t n_rules_dirs;
    /* 1: the rules' patterns run in PCRE2's interpreter, not JIT-compiled.
     * Compiling them costs about 8 ms at load and pays back only over many
     * kilobytes of text: set it for a few short texts (queries); leave 0 for
     * documents.  Results are the same either way. */
    int no_jit;
    /* Where the gazetteer, once loaded, is kept compiled (one file per set
     * of gazetteer folders, remade when a list changes), so that the next
     * load maps it instead of parsing the lists: NULL means $VNNER_CACHE_DIR,
     * else $XDG_CACHE_HOME/vnner, else $HOME/.cache/vnner; "" means no
     * cache.  A cache that cannot be read or written only costs time. */
    const char *cache_dir;
} vnner_model_options;
#define VNNER_MODEL_OPTIONS_INIT {NULL, NULL, 0, NULL, 0, 0, NULL}

/* vnner_model_load with the folders of OPTS (NULL: the bundled data only).
 * The same return values and errors; a rule file's error names
 * file:line:column (VNNER_EDATA for its form, VNNER_EPATTERN for a pattern). */
VNNER_EXPORT int vnner_model_load_with(vnner_model **out, const vnner_model_options *opts, vnner_error *err);

/* Frees M.  Entities of documents annotated with M point into it (rule,
 * canonical, validity): free M after those documents, or re-annotate them. */
VNNER_EXPORT void vnner_model_free(vnner_model *m);

/* Number of gazetteer entries of a class ("PLACE", "TITLE", ...), or of all
 * classes when cls is NULL; 0 for a class that does not exist.  M not NULL. */
VNNER_EXPORT size_t vnner_model_entry_count(const vnner_model *m, const char *cls);

/* The version of the model's data: the first line of DATADIR/gazetteer/VERSION
 * as read by vnner_model_load, or "unknown" when that file is absent or empty
 * (and when M is NULL).  Owned by the model: valid until vnner_model_free(M);
 * never NULL. */
VNNER_EXPORT const char *vnner_model_data_version(const vnner_model *m);

/* The rules of a model, in the order they run (entity rules and relation
 * rules; a replaced rule keeps its place).  ID and SRC ("file:line") are owned
 * by the model: valid until vnner_model_free(M). */
typedef struct vnner_rule_info {
    const char *id, *src;
    int relation;          /* 0 an entity rule, 1 a relation rule */
    size_t n_examples;     /* its "example:" lines */
} vnner_rule_info;
/* The number of rules of M (0 when M is NULL). */
VNNER_EXPORT size_t vnner_model_rule_count(const vnner_model *m);
/* Rule I of M into *OUT: 0, or VNNER_EINVAL when I is out of range. */
VNNER_EXPORT int vnner_model_rule(const vnner_model *m, size_t i, vnner_rule_info *out);
/* Example K of rule I: its sentence (a "\\n" in the file is a line break
 * there), what it must give (EXPECT, NULL when the file says nothing) and
 * where it is written.  Owned by the model.  0, or VNNER_EINVAL. */
VNNER_EXPORT int vnner_model_rule_example(const vnner_model *m, size_t i, size_t k, const char **text,
                                          const char **expect, const char **src);

/* The data directory the CLI uses when none is given: $VNNER_DATADIR, else the
 * install prefix's share/vnner when the executable is installed, else the
 * source tree it was built from, else the configured install directory.
 * Never NULL; static storage (or the environment's) that the next call and a
 * change of $VNNER_DATADIR may overwrite: copy it to keep it. */
VNNER_EXPORT const char *vnner_default_datadir(void);

/* ---- Documents --------------------------------------------------------- */

typedef enum {
    VNNER_PERSON = 0, VNNER_POSITION, VNNER_BODY, VNNER_EVENT, VNNER_PLACE, VNNER_DATE,
    VNNER_NTYPES
} vnner_type;

/* Name of an entity type ("PERSON" ...), "?" for a value out of range.  Never
 * NULL, static storage. */
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
    const char *post;      /* HOLDS: the whole post, place filled in; AWARDED: the giver's, when the giver is a post */
    const char *qualifier; /* HOLDS: current, former, acting, elect */
    const char *from, *to, *term; /* HOLDS tenure as the text says it, or NULL */
    const char *role;      /* PARTICIPATES: chair, attend, speak, direct */
    const char *award;     /* AWARDED: what was awarded */
    const char *recipient; /* AWARDED: recipient text when it is not a person */
    const char *place;     /* HOLDS: the province or city of the post, NULL for a national post */
    const char *body;      /* HOLDS: the body of the post, place filled in as in post; NULL if none */
    const char *rule;
    size_t sentence_start, sentence_end; /* byte span of the evidence sentence */
    const char *seen;      /* HOLDS: the day the evidence speaks of when it is not the article's date: the day
                              its sentence opens with ("Chiều 6/12, ..."), else the day of the event the
                              article's lead tells of in the week before; NULL otherwise */
} vnner_relation;

typedef struct vnner_doc vnner_doc;

/* A reusable document: buffers are kept between calls so that annotating a
 * stream allocates nothing per document once warmed up.  Returns 0 and sets
 * *out to an empty document (free it with vnner_doc_free), or VNNER_ENOMEM. */
VNNER_EXPORT int vnner_doc_new(vnner_doc **out);
/* Frees DOC and every entity, relation and string its accessors returned. */
VNNER_EXPORT void vnner_doc_free(vnner_doc *doc);

/* The size limit when max_bytes is 0: 12 MiB.  Annotating takes up to about 75
 * bytes of memory a byte of document (README, "Limits and errors"), so one
 * document at the limit stays under 1 GB. */
#define VNNER_DEFAULT_MAX_BYTES ((size_t)12 << 20)
typedef struct vnner_annotate_options {
    const char *date;      /* publication date YYYY-MM-DD overriding the dateline, or NULL */
    size_t max_bytes;      /* size limit; 0 means the default (12 MiB) */
    const char *source;    /* where the document comes from (a site, an outlet), written with the JSON
                              Lines output; or NULL.  Kept as a pointer until the next annotation, as TEXT */
} vnner_annotate_options;

/* Every option at its default.  Start from it and set what you need, so that
 * fields added in later versions keep their defaults:
 *     vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
 *     o.date = "2024-03-06"; */
#define VNNER_ANNOTATE_OPTIONS_INIT {.date = NULL, .max_bytes = 0, .source = NULL}

/* Annotates TEXT (LEN bytes, UTF-8, not necessarily NUL-terminated).  The doc
 * keeps a pointer to TEXT until the next call or vnner_doc_free: the caller
 * keeps it alive meanwhile, and the model M too.  OPTS NULL means
 * VNNER_ANNOTATE_OPTIONS_INIT.  Returns 0, or a VNNER_E* code (VNNER_EUTF8,
 * VNNER_ENUL, VNNER_ETOOBIG, VNNER_EENCODING, VNNER_EINVAL, VNNER_ENOMEM) with
 * ERR saying why and where (byte offset); the doc's results are then
 * incomplete, so read them only after a 0.  The previous results, and every
 * pointer the accessors gave for them, are gone either way. */
VNNER_EXPORT int vnner_doc_annotate(vnner_doc *doc, const vnner_model *m, const char *text,
                                    size_t len, const vnner_annotate_options *opts,
                                    vnner_error *err);

/* The text of an HTML page (tags dropped, references decoded) into a new
 * malloc'd buffer *out of *len bytes, which the caller free()s; annotate that
 * instead of the page.  Returns 0, or VNNER_ENOMEM with *out NULL. */
VNNER_EXPORT int vnner_html_to_text(char **out, size_t *len, const char *html, size_t n);
/* The article of a page saved from a news site (N bytes of HTML): its text as
 * vnner_html_to_text gives it, but only the <article> (else <main>, else
 * <body>) and without navigation, asides, comments, share bars and related
 * links; captions on their own lines; the byline the page names for machines
 * at the end when the text lacks it.  *DATE (when DATE is not NULL) is the
 * publication day the page states (article:published_time, datePublished, a
 * <time datetime> in the article) as YYYY-MM-DD, or NULL.  Returns 0 and sets
 * *OUT (*LEN bytes, NUL-terminated) and *DATE, both malloc'd and the
 * caller's to free; or VNNER_ENOMEM with them NULL. */
VNNER_EXPORT int vnner_html_article(char **out, size_t *len, char **date, const char *html, size_t n);

/* The results of the last vnner_doc_annotate.  Every pointer below is
 * borrowed from DOC (and, for an entity's rule, canonical and validity, from
 * the model): valid until the next vnner_doc_annotate or vnner_doc_free of DOC
 * (or vnner_model_free of the model). */
VNNER_EXPORT size_t vnner_doc_entity_count(const vnner_doc *doc);
/* Entity I, or NULL when I >= vnner_doc_entity_count(DOC). */
VNNER_EXPORT const vnner_entity *vnner_doc_entity(const vnner_doc *doc, size_t i);
VNNER_EXPORT size_t vnner_doc_relation_count(const vnner_doc *doc);
/* Relation I, or NULL when I >= vnner_doc_relation_count(DOC). */
VNNER_EXPORT const vnner_relation *vnner_doc_relation(const vnner_doc *doc, size_t i);
/* Publication date (YYYY-MM-DD) or NULL when unknown. */
VNNER_EXPORT const char *vnner_doc_date(const vnner_doc *doc);
/* Normalised form of entity I (NFC, new-style tone marks, lower case); NULL
 * when I is out of range. */
VNNER_EXPORT const char *vnner_doc_entity_norm(const vnner_doc *doc, size_t i);

/* ---- Output ------------------------------------------------------------ */

typedef enum { VNNER_FMT_JSONL = 0, VNNER_FMT_TEXT, VNNER_FMT_CONLL, VNNER_FMT_BRAT, VNNER_FMT_HTML } vnner_format;

#define VNNER_OUT_WITH_TEXT 1u  /* JSONL: add the document's text */
#define VNNER_OUT_EXPLAIN 2u    /* text: show each entity's rule */
#define VNNER_OUT_COLOR 4u      /* text: ANSI colours */
#define VNNER_OUT_WORDS 8u      /* CoNLL: word-segmented tokens as VnCoreNLP writes them (Bí_thư, Nguyễn_Văn_An) */

/* Writes the annotated document in FMT to OUT (flags: VNNER_OUT_*).  DOCNAME
 * is the "doc" field (NULL: "-").  Returns 0, VNNER_EINVAL for an unknown
 * format, or VNNER_EIO when OUT does not take the bytes. */
VNNER_EXPORT int vnner_doc_write(const vnner_doc *doc, FILE *out, vnner_format fmt,
                                 const char *docname, unsigned flags);
/* The brat annotation.conf that declares what VNNER_FMT_BRAT writes (entity
 * and relation types, the Author attribute): a static string, never freed. */
VNNER_EXPORT const char *vnner_brat_conf(void);

/* ---- Store: a SQLite database of what annotated documents say ------------ */

typedef struct vnner_store vnner_store;
typedef struct vnner_record vnner_record;

#define VNNER_STORE_READONLY 1u  /* open for queries only; the file must exist */

/* Opens (creating or migrating when writable) the database at PATH.  A file
 * that is not a vnner database, or one written by a newer vnner, is refused
 * (VNNER_EDB / VNNER_EDBVERSION) and left untouched.  Returns 0 and sets *out
 * to a store the caller closes with vnner_store_close, or a VNNER_E* code with
 * ERR naming the file.  A store belongs to one thread at a time. */
VNNER_EXPORT int vnner_store_open(vnner_store **out, const char *path, unsigned flags,
                                  vnner_error *err);
/* Closes S (a batch still open is rolled back by SQLite); NULL is fine. */
VNNER_EXPORT void vnner_store_close(vnner_store *s);
/* Batches: one BEGIN IMMEDIATE transaction around many vnner_store_add calls.
 * Begin and commit return 0 or VNNER_EDB (with ERR); a failed commit has
 * rolled the batch back.  Rollback drops what the batch wrote. */
VNNER_EXPORT int vnner_store_begin(vnner_store *s, vnner_error *err);
VNNER_EXPORT int vnner_store_commit(vnner_store *s, vnner_error *err);
VNNER_EXPORT void vnner_store_rollback(vnner_store *s);

/* A document's entities and relations, detached from the vnner_doc (so that a
 * worker thread can build it and a writer store it), or read back from the
 * JSON Lines that `annotate --with-text` writes.  Everything is copied: the
 * record outlives D, its model and LINE.  Returns 0 and sets *out to a record
 * the caller frees with vnner_record_free, or VNNER_ENOMEM (from_json also
 * VNNER_EJSON, with ERR saying what is wrong with the line).  NAME NULL: "-".
 * from_doc returns VNNER_EINVAL with *out NULL when D is NULL, was never
 * annotated, or its last vnner_doc_annotate failed (its results are then
 * incomplete, and its text may be the document before). */
VNNER_EXPORT int vnner_record_from_doc(vnner_record **out, const vnner_doc *d, const char *name,
                                       const char *source);
VNNER_EXPORT int vnner_record_from_json(vnner_record **out, const char *line, size_t len,
                                        vnner_error *err);
VNNER_EXPORT void vnner_record_free(vnner_record *r);
/* The document's name; borrowed from R, valid until vnner_record_free(R). */
VNNER_EXPORT const char *vnner_record_name(const vnner_record *r);

/* Stores R; *added is 0 when a document with the same normalised text is
 * already stored (nothing is written then).  Outside a batch it is its own
 * transaction.  Returns 0, or VNNER_EDB with ERR (also for a read-only store
 * and when out of memory); nothing of the document is then stored, and what
 * the batch stored before stays. */
VNNER_EXPORT int vnner_store_add(vnner_store *s, const vnner_model *m, const vnner_record *r,
                                 int *added, vnner_error *err);
/* How many vnner_store_add calls on S stored a document that replaced an
 * earlier version under the same name (a re-published article), since S was
 * opened; a batch rolled back afterwards is still counted. */
VNNER_EXPORT size_t vnner_store_replaced(const vnner_store *s);

typedef struct vnner_evidence {
    const char *doc, *date, *text;
    const char *source;             /* the document's source URL, or NULL */
} vnner_evidence;

typedef struct vnner_holding {
    const char *person, *post, *qualifier; /* the qualifier on the asked date (today without one) */
    const char *from, *to;          /* the term's first and last day as a text gives them (a start, a
                                       leaving, the end of the body or place, a successor's start); NULL = no
                                       text says, and then TO NULL with QUALIFIER "former" is an end unknown */
    const vnner_evidence *evidence; /* the latest pieces, oldest first */
    size_t nevidence;
    long long person_id;            /* stable for one database: tells namesakes apart */
    size_t total_evidence;          /* all the evidence; NEVIDENCE may list fewer */
    const char *first_seen, *last_seen; /* the first and last day the evidence shows the person in office, or NULL */
} vnner_holding;

typedef struct vnner_answer vnner_answer;

/* Who held POST (spelled any way: tone marks, abbreviations, case) on ON
 * (YYYY-MM-DD; NULL = today).  An empty answer is not an error.  Returns 0
 * and sets *out to an answer the caller frees with vnner_answer_free (it owns
 * all its strings and does not need S or M afterwards), or a VNNER_E* code
 * (VNNER_EUTF8 for a query that is not UTF-8, VNNER_EINVAL for a malformed
 * date, VNNER_EDB, VNNER_ENOMEM) with ERR. */
VNNER_EXPORT int vnner_store_who(vnner_answer **out, vnner_store *s, const vnner_model *m,
                                 const char *post, const char *on, vnner_error *err);
/* The posts PERSON held (all of them, or those held on ON when ON is not
 * NULL); returns and owns as vnner_store_who. */
VNNER_EXPORT int vnner_store_positions(vnner_answer **out, vnner_store *s, const vnner_model *m,
                                       const char *person, const char *on, vnner_error *err);
/* Every holder POST has had, in the order they held it (an answer whose
 * holdings are terms: from, to, qualifier as of today); returns and owns as
 * vnner_store_who. */
VNNER_EXPORT int vnner_store_history(vnner_answer **out, vnner_store *s, const vnner_model *m,
                                     const char *post, vnner_error *err);
/* Counts, the date range and the busiest posts, as text on OUT.  Returns 0,
 * or VNNER_EDB, VNNER_ENOMEM or VNNER_EIO with ERR. */
VNNER_EXPORT int vnner_store_stats(vnner_store *s, FILE *out, vnner_error *err);
/* Removes every stored document named DOC (the name ingest gave it) and what
 * only it said; *removed tells how many.  Terms follow, being derived.
 * Returns 0 (also when nothing has that name: *removed is 0), or VNNER_EDB
 * with ERR (a read-only store too). */
VNNER_EXPORT int vnner_store_forget(vnner_store *s, const char *doc, int *removed,
                                    vnner_error *err);

typedef enum { VNNER_EXPORT_CSV = 0, VNNER_EXPORT_POPOLO, VNNER_EXPORT_QUICKSTATEMENTS } vnner_export_format;
/* Every term of every post, one a line (CSV), as Popolo JSON, or as Wikidata
 * QuickStatements (P39 position held, P580 start, P582 end), written to OUT.
 * Returns 0, or VNNER_EDB, VNNER_ENOMEM or VNNER_EIO with ERR. */
VNNER_EXPORT int vnner_store_export(vnner_store *s, const vnner_model *m, FILE *out,
                                    vnner_export_format fmt, vnner_error *err);

/* Number of holdings in A (0 is a valid answer). */
VNNER_EXPORT size_t vnner_answer_count(const vnner_answer *a);
/* 1 when the post (who) or person (positions) asked for is in the database at
 * all, 0 when not: an unknown one is not "no holder". */
VNNER_EXPORT int vnner_answer_known(const vnner_answer *a);
/* When unknown: the closest known names, closest first; NULL when I >= the
 * count.  Borrowed from A, valid until vnner_answer_free(A). */
VNNER_EXPORT size_t vnner_answer_suggestion_count(const vnner_answer *a);
VNNER_EXPORT const char *vnner_answer_suggestion(const vnner_answer *a, size_t i);
/* A remark on the answer ("Bình Định became part of Gia Lai on 2025-07-01 ..."),
 * or NULL; borrowed from A, valid until vnner_answer_free(A). */
VNNER_EXPORT const char *vnner_answer_note(const vnner_answer *a);
/* Holding I (NULL when I >= vnner_answer_count(A)); borrowed from A, valid
 * until vnner_answer_free(A). */
VNNER_EXPORT const vnner_holding *vnner_answer_holding(const vnner_answer *a, size_t i);
/* Writes A to OUT as JSON (JSON non-zero; the form CONTRACT.md gives) or as
 * readable text.  Returns 0, VNNER_ENOMEM or VNNER_EIO. */
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
 * byte-identical output.  Returns 0 with *out for the caller to free(), or a
 * VNNER_E* code with ERR and *out NULL: VNNER_EINVAL (a malformed date),
 * VNNER_ENOTFOUND (no such person or body), VNNER_EDB, VNNER_ENOMEM. */
VNNER_EXPORT int vnner_store_graph(char **out, size_t *left_out, vnner_store *s,
                                   const vnner_model *m, const vnner_graph_options *opts,
                                   vnner_error *err);

#ifdef __cplusplus
}
#endif
#endif
