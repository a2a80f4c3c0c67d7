/* The store: a SQLite database in the spirit of Popolo (persons, bodies,
 * posts, holdings with their evidence, events, participations, documents,
 * mentions).  STRICT tables, foreign keys on, WAL, a schema version with
 * migrations and an application id; every value goes through bound
 * parameters. */
#include <sqlite3.h>
#include <string.h>
#include <utf8proc.h>
#include <sys/stat.h>
#include <time.h>
#include "pipeline/model.h"
#include "store/record.h"
#include "store/store.h"
#include "text/text.h"

#define APP_ID 0x766E6E72 /* "vnnr" */

/* Schema version 1, kept to migrate databases written by vnner 0.1 pre-releases. */
static const char *const SCHEMA_V1 =
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, source TEXT, date TEXT,"
    " hash TEXT NOT NULL UNIQUE, length INTEGER NOT NULL, ingested_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE persons(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL, area TEXT NOT NULL,"
    " UNIQUE(norm, area)) STRICT;"
    "CREATE TABLE bodies(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL UNIQUE) STRICT;"
    "CREATE TABLE posts(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL UNIQUE,"
    " body_id INTEGER REFERENCES bodies(id)) STRICT;"
    "CREATE TABLE holdings(id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES persons(id),"
    " post_id INTEGER NOT NULL REFERENCES posts(id), doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " qualifier TEXT NOT NULL, doc_date TEXT, start_date TEXT, end_date TEXT, term TEXT, evidence TEXT, rule TEXT) STRICT;"
    "CREATE INDEX holdings_post ON holdings(post_id);"
    "CREATE INDEX holdings_person ON holdings(person_id);"
    "CREATE TABLE events(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " name TEXT NOT NULL, norm TEXT NOT NULL, date TEXT, UNIQUE(doc_id, norm)) STRICT;"
    "CREATE TABLE participations(id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES persons(id),"
    " event_id INTEGER NOT NULL REFERENCES events(id), role TEXT NOT NULL, evidence TEXT) STRICT;"
    "CREATE INDEX participations_person ON participations(person_id);"
    "CREATE TABLE awards(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " person_id INTEGER REFERENCES persons(id), recipient TEXT NOT NULL, award TEXT, giver TEXT, evidence TEXT) STRICT;"
    "CREATE TABLE authors(doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " person_id INTEGER NOT NULL REFERENCES persons(id), PRIMARY KEY(doc_id, person_id)) STRICT;";

/* Version 2: the place of a holding, and where each person is mentioned
 * (one row per person and document: "start-end" code-point spans, comma-separated). */
static const char *const MIGRATE_V2 =
    "ALTER TABLE holdings ADD COLUMN place TEXT;"
    "CREATE TABLE mentions(doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " person_id INTEGER NOT NULL REFERENCES persons(id), spans TEXT NOT NULL, PRIMARY KEY(doc_id, person_id)) STRICT;"
    "CREATE INDEX mentions_person ON mentions(person_id);";

enum { ST_DOC, ST_PERSON_INS, ST_BODY_INS, ST_POST_INS, ST_HOLD, ST_EVENT_INS, ST_EVENT_ID, ST_PART, ST_AWARD,
       ST_AUTHOR, ST_MENTION, ST_N };
_Static_assert(ST_N <= VN_STORE_NSTMT, "statement cache too small");

/* The display name of a person, body or post is, of all the spellings stored
 * under its key, the best by vn_better_name: the same whatever order the
 * documents come in. */
#define BETTER_NAME "vn_better_name(name, excluded.name)"

static const char *const SQL[ST_N] = {
    [ST_DOC] = "INSERT OR IGNORE INTO documents(name, source, date, hash, length, ingested_at) VALUES(?,?,?,?,?,?)",
    [ST_PERSON_INS] = "INSERT INTO persons(name, norm, area) VALUES(?,?,?)"
                      " ON CONFLICT(norm, area) DO UPDATE SET name=" BETTER_NAME " RETURNING id",
    [ST_BODY_INS] = "INSERT INTO bodies(name, norm) VALUES(?,?) ON CONFLICT(norm) DO UPDATE SET name=" BETTER_NAME
                    " RETURNING id",
    [ST_POST_INS] = "INSERT INTO posts(name, norm, body_id) VALUES(?,?,?)"
                    " ON CONFLICT(norm) DO UPDATE SET name=" BETTER_NAME " RETURNING id",
    [ST_HOLD] = ("INSERT INTO holdings(person_id, post_id, doc_id, qualifier, doc_date, start_date, end_date, term,"
                 " evidence, rule, place) VALUES(?,?,?,?,?,?,?,?,?,?,?)"),
    [ST_EVENT_INS] = "INSERT OR IGNORE INTO events(doc_id, name, norm, date) VALUES(?,?,?,?)",
    [ST_EVENT_ID] = "SELECT id FROM events WHERE doc_id=? AND norm=?",
    [ST_PART] = "INSERT INTO participations(person_id, event_id, role, evidence) VALUES(?,?,?,?)",
    [ST_AWARD] = "INSERT INTO awards(doc_id, person_id, recipient, award, giver, evidence) VALUES(?,?,?,?,?,?)",
    [ST_AUTHOR] = "INSERT OR IGNORE INTO authors(doc_id, person_id) VALUES(?,?)",
    [ST_MENTION] = "INSERT OR IGNORE INTO mentions(doc_id, person_id, spans) VALUES(?,?,?)",
};

static void keycache_clear(vn_keycache *c);
static void idcache_clear(vn_idcache *c);

static int db_error(vnner_store *s, vnner_error *err, const char *what)
{
    int code = sqlite3_errcode(s->db);
    const char *hint = code == SQLITE_FULL ? " (the disk or the database's size limit is full)"
                       : code == SQLITE_READONLY ? " (the file or its folder is read-only)"
                       : code == SQLITE_BUSY ? " (another process holds the database)"
                       : code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? " (the file is damaged or not a database)"
                       : code == SQLITE_CANTOPEN ? " (cannot create the file or its journal: is the folder writable, or read-only?)"
                                                 : "";
    vn_set_error(err, VNNER_EDB, -1, "%s: %s: %s%s", s->path, what, sqlite3_errmsg(s->db), hint);
    return VNNER_EDB;
}

static int exec(vnner_store *s, const char *sql, vnner_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot update the schema");
    return 0;
}

static int pragma_int(vnner_store *s, const char *sql, int *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Creates or migrates the schema inside one immediate transaction, so that
 * two processes opening a new file at once do not both create it. */
static int ensure_schema(vnner_store *s, vnner_error *err)
{
    int app, ver, tables;
    if (exec(s, "BEGIN IMMEDIATE", err))
        return VNNER_EDB;
    if (pragma_int(s, "PRAGMA application_id", &app) || pragma_int(s, "PRAGMA user_version", &ver) ||
        pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables)) {
        db_error(s, err, "cannot read the database");
        goto fail;
    }
    if (app == 0 && ver == 0 && tables == 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d;PRAGMA user_version=1;", APP_ID);
        if (exec(s, SCHEMA_V1, err) || exec(s, sql, err))
            goto fail;
        app = APP_ID;
        ver = 1;
    }
    if (app != APP_ID) {
        vn_set_error(err, VNNER_EDB, -1, "%s: not a vnner database (application id %#x)", s->path, (unsigned)app);
        goto fail;
    }
    if (ver > VN_SCHEMA_VERSION) {
        vn_set_error(err, VNNER_EDBVERSION, -1,
                     "%s: written by a newer vnner (schema version %d, this one reads up to %d); upgrade vnner",
                     s->path, ver, VN_SCHEMA_VERSION);
        exec(s, "ROLLBACK", NULL);
        return VNNER_EDBVERSION;
    }
    if (ver < 2 && (exec(s, MIGRATE_V2, err) || exec(s, "PRAGMA user_version=2", err)))
        goto fail;
    return exec(s, "COMMIT", err);
fail:
    exec(s, "ROLLBACK", NULL);
    return err && err->code ? err->code : VNNER_EDB;
}

/* Read-only: check what is there, change nothing. */
static int check_schema(vnner_store *s, vnner_error *err)
{
    int app, ver;
    if (pragma_int(s, "PRAGMA application_id", &app) || pragma_int(s, "PRAGMA user_version", &ver))
        return db_error(s, err, "cannot read the database");
    if (app != APP_ID) {
        vn_set_error(err, VNNER_EDB, -1, "%s: not a vnner database", s->path);
        return VNNER_EDB;
    }
    if (ver > VN_SCHEMA_VERSION) {
        vn_set_error(err, VNNER_EDBVERSION, -1, "%s: written by a newer vnner (schema version %d); upgrade vnner",
                     s->path, ver);
        return VNNER_EDBVERSION;
    }
    if (ver < VN_SCHEMA_VERSION) {
        vn_set_error(err, VNNER_EDB, -1, "%s: schema version %d is old; run 'vnner ingest' on it once to upgrade",
                     s->path, ver);
        return VNNER_EDB;
    }
    return 0;
}

/* Whether PATH has a write-ahead log with something in it. */
static int committed_wal(const char *path)
{
    char wal[4096];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

/* Reopens a read-only store as immutable: a database in WAL mode cannot be
 * read from a folder where its -shm file cannot be made otherwise. */
static int reopen_immutable(vnner_store *s, const char *path)
{
    vn_buf uri = {0};
    vn_buf_puts(&uri, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            vn_buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else
            vn_buf_putc(&uri, *p);
    }
    vn_buf_puts(&uri, "?immutable=1");
    sqlite3 *db = NULL;
    int ok = uri.p && sqlite3_open_v2(uri.p, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;
    vn_buf_free(&uri);
    if (!ok) {
        sqlite3_close(db);
        return 0;
    }
    for (int i = 0; i < ST_N; i++) {
        sqlite3_finalize(s->st[i]);
        s->st[i] = NULL;
    }
    sqlite3_close(s->db);
    s->db = db;
    return 1;
}

/* Switching a new file to WAL can fail busy without the busy handler while another process does the
 * same (two ingests creating one database), so it is retried here for as long as the busy timeout. */
/* How good a spelling is for display: one that starts with a capital, then
 * the longer in characters ("Sở Giáo dục và Đào tạo" over "Sở GD-ĐT"), then
 * fewer words in capitals ("Nguyễn Văn An" over "NGUYỄN VĂN AN"), then more
 * capitalised words ("Trưởng Ban Tổ chức" over "Trưởng ban Tổ chức"). */
typedef struct name_score {
    int capital_first;
    size_t chars, caps_words, cap_words;
} name_score;

static name_score score_name(const unsigned char *s)
{
    name_score r = {0};
    size_t letters = 0, upper = 0;
    for (size_t i = 0;; ) {
        int32_t cp = 0;
        int l = s[i] ? vn_utf8_decode(s + i, strlen((const char *)s + i), &cp) : 1;
        if (l < 0)
            l = 1, cp = '?';
        if (!s[i] || cp == ' ') { /* a word ends */
            r.caps_words += letters >= 2 && upper == letters;
            letters = upper = 0;
            if (!s[i])
                break;
        } else if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU && utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO) {
            int up = utf8proc_isupper(cp);
            if (r.chars == 0)
                r.capital_first = up;
            r.cap_words += letters == 0 && up;
            letters++;
            upper += up != 0;
        }
        r.chars++;
        i += (size_t)l;
    }
    return r;
}

/* SQL vn_better_name(OLD, NEW): the better of two spellings; byte order breaks ties. */
static void better_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *a = sqlite3_value_text(argv[0]), *b = sqlite3_value_text(argv[1]);
    if (!a || !b) {
        sqlite3_result_value(ctx, a ? argv[0] : argv[1]);
        return;
    }
    name_score x = score_name(a), y = score_name(b);
    int b_wins = y.capital_first != x.capital_first ? y.capital_first > x.capital_first
                 : y.chars != x.chars           ? y.chars > x.chars
                 : y.caps_words != x.caps_words ? y.caps_words < x.caps_words
                 : y.cap_words != x.cap_words   ? y.cap_words > x.cap_words
                                                : strcmp((const char *)b, (const char *)a) < 0;
    sqlite3_result_value(ctx, b_wins ? argv[1] : argv[0]);
}

static int set_wal(sqlite3 *db)
{
    int rc = SQLITE_BUSY;
    for (int waited = 0; waited < 60000; waited += 10) {
        rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(10);
    }
    return rc;
}

int vnner_store_open(vnner_store **out, const char *path, unsigned flags, vnner_error *err)
{
    *out = NULL;
    struct stat sb;
    if (!path || !*path) {
        vn_set_error(err, VNNER_EINVAL, -1, "the database path is empty");
        return VNNER_EINVAL;
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        vn_set_error(err, VNNER_EDB, -1, "%s: is a folder, not a database file", path);
        return VNNER_EDB;
    }
    vnner_store *s = calloc(1, sizeof *s);
    if (!s)
        return VNNER_ENOMEM;
    s->path = vn_strdup(path);
    s->readonly = (flags & VNNER_STORE_READONLY) != 0;
    int of = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = VNNER_EDB;
    /* a path is a file, never an SQLite URI or ":memory:": "file:x?mode=memory" is ./file:x?mode=memory */
    vn_buf file = {0};
    if (path[0] != '/' && path[0] != '.')
        VN_PUT_LIT(&file, "./");
    vn_buf_puts(&file, path);
    if (file.failed) {
        free(s->path);
        free(s);
        return VNNER_ENOMEM;
    }
    int opened = sqlite3_open_v2(file.p, &s->db, of | SQLITE_OPEN_NOMUTEX, NULL);
    vn_buf_free(&file);
    if (opened != SQLITE_OK) {
        if (s->db)
            db_error(s, err, "cannot open");
        else
            vn_set_error(err, VNNER_EDB, -1, "%s: cannot open", path);
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 60000);
    sqlite3_extended_result_codes(s->db, 0);
    if (sqlite3_create_function(s->db, "vn_better_name", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, better_name, NULL,
                                NULL) != SQLITE_OK) {
        db_error(s, err, "cannot set up the database connection");
        goto fail;
    }
    const char *max_pages = getenv("VNNER_SQLITE_MAX_PAGES"); /* tests simulate a full disk with it */
    if (max_pages && *max_pages) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA max_page_count=%ld", strtol(max_pages, NULL, 10));
        sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    }
    if (s->readonly) {
        rc = check_schema(s, err);
        if (rc == VNNER_EDB && committed_wal(path)) {
            /* an immutable open would answer from the main file alone: a stale answer */
            vn_set_error(err, VNNER_EDB, -1,
                         "%s: its write-ahead log (%s-wal) holds changes that cannot be read from a folder vnner "
                         "cannot write; copy the database and its -wal file to a writable folder", path, path);
            goto fail;
        }
        if (rc == VNNER_EDB && reopen_immutable(s, path)) /* a WAL file in a folder we cannot write */
            rc = check_schema(s, err);
        if (rc)
            goto fail;
    } else {
        /* refuse another application's file before anything could change it */
        int app = 0, ver = 0, tables = 0;
        if (pragma_int(s, "PRAGMA application_id", &app) || pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables) ||
            pragma_int(s, "PRAGMA user_version", &ver)) {
            rc = db_error(s, err, "cannot read the database");
            goto fail;
        }
        if (app != APP_ID && (app != 0 || tables != 0 || ver != 0)) {
            vn_set_error(err, VNNER_EDB, -1, "%s: not a vnner database (application id %#x)", path, (unsigned)app);
            rc = VNNER_EDB;
            goto fail;
        }
        if (app == APP_ID && ver > VN_SCHEMA_VERSION) {
            vn_set_error(err, VNNER_EDBVERSION, -1,
                         "%s: written by a newer vnner (schema version %d, this one reads up to %d); upgrade vnner",
                         path, ver, VN_SCHEMA_VERSION);
            rc = VNNER_EDBVERSION;
            goto fail;
        }
        if (set_wal(s->db) != SQLITE_OK) {
            rc = db_error(s, err, "cannot open for writing");
            goto fail;
        }
        if ((rc = ensure_schema(s, err)))
            goto fail;
        sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
        /* who reads a post's holdings by person and date without touching the table */
        sqlite3_exec(s->db, "CREATE INDEX IF NOT EXISTS holdings_tenure ON holdings(post_id, person_id, doc_date,"
                            " qualifier, start_date, end_date)", NULL, NULL, NULL);
        sqlite3_exec(s->db, "PRAGMA cache_size=-32768", NULL, NULL, NULL); /* 32 MiB of pages for the writer */
    }
    sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    *out = s;
    return 0;
fail:
    vnner_store_close(s);
    return rc;
}

void vnner_store_close(vnner_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_N; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    keycache_clear(&s->keys);
    idcache_clear(&s->ids);
    free(s->path);
    free(s);
}

int vnner_store_begin(vnner_store *s, vnner_error *err)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(s, err, "cannot start a transaction");
    return 0;
}

int vnner_store_commit(vnner_store *s, vnner_error *err)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        db_error(s, err, "cannot commit");
        vnner_store_rollback(s);
        return VNNER_EDB;
    }
    return 0;
}

void vnner_store_rollback(vnner_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    idcache_clear(&s->ids); /* rows inserted in the batch are gone */
}

/* ---- writing a record ---- */

static sqlite3_stmt *stmt(vnner_store *s, int k)
{
    if (!s->st[k] && sqlite3_prepare_v2(s->db, SQL[k], -1, &s->st[k], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(s->st[k]);
    sqlite3_clear_bindings(s->st[k]);
    return s->st[k];
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* Runs ST; returns sqlite's code.  A statement left active would hold a read
 * snapshot and keep the write-ahead log from being checkpointed, so results
 * are read (by the caller, right away) and statements reset before the next
 * use; a statement that is done is reset here. */
static int run(sqlite3_stmt *st)
{
    if (!st)
        return SQLITE_ERROR;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
        sqlite3_reset(st);
    return rc;
}

/* The first column of the row ST just stepped to, then ST reset. */
static sqlite3_int64 take_id(sqlite3_stmt *st)
{
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
}

/* The row id of the person, body or post (INS) keyed B (and C), inserted with
 * the name A or, when it exists, with the better of its name and A. */
static sqlite3_int64 lookup_id(vnner_store *s, int ins, const char *a, const char *b, const char *c, sqlite3_int64 n3)
{
    sqlite3_stmt *st = stmt(s, ins);
    if (!st)
        return -1;
    bind_text(st, 1, a);
    bind_text(st, 2, b);
    if (ins == ST_POST_INS) {
        if (n3 > 0)
            sqlite3_bind_int64(st, 3, n3);
    } else if (c) {
        bind_text(st, 3, c);
    }
    return run(st) == SQLITE_ROW ? take_id(st) : -1;
}

/* Text that identifies a post or body however it is spelled. */
char *vn_store_key(const vnner_model *m, const char *s)
{
    char *x = vn_gaz_expand(m->gaz, s);
    if (!x)
        return NULL;
    static const char *const eq[][2] = {
        {"ủy ban mặt trận tổ quốc việt nam", "mặt trận tổ quốc"},
        {"ủy ban mặt trận tổ quốc", "mặt trận tổ quốc"},
        {"mặt trận tổ quốc việt nam", "mặt trận tổ quốc"},
        {"thủ tướng chính phủ", "thủ tướng"},
    };
    for (size_t k = 0; k < sizeof eq / sizeof eq[0]; k++) {
        char *p = strstr(x, eq[k][0]);
        if (!p)
            continue;
        size_t a = strlen(eq[k][0]), b = strlen(eq[k][1]);
        memmove(p + b, p + a, strlen(p + a) + 1);
        memcpy(p, eq[k][1], b);
    }
    return x;
}

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h | 1;
}

static void keycache_clear(vn_keycache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        if (c->v[i].h) {
            free(c->v[i].raw);
            free(c->v[i].key);
        }
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* A cache table twice the size with OLD's CAP slots moved in; OLD is freed on success. Both slot
 * types start with their hash, 0 for an empty slot. */
static void *rehash(void *old, size_t cap, size_t nc, size_t size)
{
    unsigned char *nv = calloc(nc, size), *ov = old;
    if (!nv)
        return NULL;
    for (size_t i = 0; i < cap; i++) {
        uint64_t h, o;
        memcpy(&h, ov + i * size, sizeof h);
        if (!h)
            continue;
        size_t j = h & (nc - 1);
        for (memcpy(&o, nv + j * size, sizeof o); o; memcpy(&o, nv + j * size, sizeof o))
            j = (j + 1) & (nc - 1);
        memcpy(nv + j * size, ov + i * size, size);
    }
    free(old);
    return nv;
}

/* vn_store_key with a cache: an archive names the same posts again and again. */
static const char *cached_key(vnner_store *s, const vnner_model *m, const char *raw)
{
    vn_keycache *c = &s->keys;
    if (c->n * 2 >= c->cap) {
        if (c->cap >= (1u << 17))
            keycache_clear(c); /* bounded memory: start afresh */
        size_t nc = c->cap ? c->cap * 2 : 1024;
        void *nv = rehash(c->v, c->cap, nc, sizeof *c->v);
        if (!nv)
            return NULL;
        c->v = nv;
        c->cap = nc;
    }
    uint64_t h = fnv(raw);
    size_t j = h & (c->cap - 1);
    for (; c->v[j].h; j = (j + 1) & (c->cap - 1))
        if (c->v[j].h == h && !strcmp(c->v[j].raw, raw))
            return c->v[j].key;
    char *key = vn_store_key(m, raw), *r = vn_strdup(raw);
    if (!key || !r) {
        free(key);
        free(r);
        return NULL;
    }
    c->v[j].h = h;
    c->v[j].raw = r;
    c->v[j].key = key;
    c->n++;
    return key;
}

static void idcache_clear(vn_idcache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->v[i].key);
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* The slot of KEY (kind letter + key) in the id cache, growing it; NULL on failure. */
static vn_idslot *idslot(vn_idcache *c, const char *key, uint64_t h)
{
    if ((c->n + 1) * 2 > c->cap) {
        if (c->cap >= (1u << 18))
            idcache_clear(c); /* bounded memory */
        size_t nc = c->cap ? c->cap * 2 : 4096;
        void *nv = rehash(c->v, c->cap, nc, sizeof *c->v);
        if (!nv)
            return NULL;
        c->v = nv;
        c->cap = nc;
    }
    size_t j = h & (c->cap - 1);
    while (c->v[j].h && !(c->v[j].h == h && !strcmp(c->v[j].key, key)))
        j = (j + 1) & (c->cap - 1);
    return &c->v[j];
}

/* lookup_id through the cache: most persons, posts and bodies of an archive recur.
 * The name is part of the cache key, so that each new spelling reaches lookup_id. */
static sqlite3_int64 cached_id(vnner_store *s, int ins, const char *a, const char *b, const char *c, sqlite3_int64 n3)
{
    vn_buf k = {0};
    vn_buf_printf(&k, "%d\x1f%s\x1f%s\x1f%s", ins, b ? b : "", c ? c : "", a ? a : "");
    if (!k.p)
        return -1;
    uint64_t h = fnv(k.p);
    vn_idslot *sl = idslot(&s->ids, k.p, h);
    if (sl && sl->h) {
        vn_buf_free(&k);
        return sl->id;
    }
    sqlite3_int64 id = lookup_id(s, ins, a, b, c, n3);
    if (id >= 0 && sl) {
        sl->h = h;
        sl->key = k.p;
        sl->id = id;
        s->ids.n++;
    } else {
        vn_buf_free(&k);
    }
    return id;
}

static void hash_text(const char *norm, size_t n, char out[33])
{
    uint64_t h1 = 1469598103934665603ull, h2 = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++) {
        h1 = (h1 ^ (unsigned char)norm[i]) * 1099511628211ull;
        h2 = (h2 ^ (unsigned char)norm[i]) * 0x100000001B3ull + (h2 >> 29);
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

/* A document id names one article: a new text under the same name is a
 * re-published version that replaces the earlier one ("-", standard input
 * without a name, is no name). */
static int drop_older_versions(vnner_store *s, const char *name, sqlite3_int64 doc)
{
    if (!name || !strcmp(name, "-"))
        return 0;
    sqlite3_stmt *st;
    sqlite3_int64 old[16];
    int n = 0, step;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM documents WHERE name = ? AND id <> ?", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, doc);
    while (n < 16 && (step = sqlite3_step(st)) == SQLITE_ROW)
        old[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++)
        if (vn_store_drop_doc(s, old[i]))
            return -1;
    if (n)
        idcache_clear(&s->ids); /* rows of persons, posts and bodies may have gone with it */
    return 0;
}

static int add_doc_row(vnner_store *s, const vnner_record *r, int *added)
{
    char hash[33], now[32];
    char *norm = vn_normalize_str(r->text ? r->text : "", r->text ? r->text_len : 0);
    hash_text(norm ? norm : "", norm ? strlen(norm) : 0, hash);
    free(norm);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *st = stmt(s, ST_DOC);
    if (!st)
        return -1;
    bind_text(st, 1, r->name);
    bind_text(st, 2, r->source);
    bind_text(st, 3, r->date);
    bind_text(st, 4, hash);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)r->text_len);
    bind_text(st, 6, now);
    if (run(st) != SQLITE_DONE)
        return -1;
    *added = sqlite3_changes(s->db) == 1;
    return *added ? drop_older_versions(s, r->name, sqlite3_last_insert_rowid(s->db)) : 0;
}

static int add_holdings(vnner_store *s, const vnner_model *m, const vnner_record *r, sqlite3_int64 doc,
                        const sqlite3_int64 *pid)
{
    for (size_t i = 0; i < r->nhold; i++) {
        const vn_rec_hold *h = &r->holds[i];
        sqlite3_int64 body = 0;
        if (!h->post)
            continue;
        if (h->body) {
            const char *bk = cached_key(s, m, h->body);
            body = bk ? cached_id(s, ST_BODY_INS, h->body, bk, NULL, 0) : -1;
            if (body < 0)
                return -1;
        }
        const char *pk = cached_key(s, m, h->post);
        sqlite3_int64 post = pk ? cached_id(s, ST_POST_INS, h->post, pk, NULL, body) : -1;
        if (post < 0)
            return -1;
        const char *start = h->from, *end = h->to;
        sqlite3_stmt *st = stmt(s, ST_HOLD);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, pid[h->person]);
        sqlite3_bind_int64(st, 2, post);
        sqlite3_bind_int64(st, 3, doc);
        bind_text(st, 4, h->qualifier ? h->qualifier : "current");
        bind_text(st, 5, r->date);
        bind_text(st, 6, start);
        bind_text(st, 7, end);
        bind_text(st, 8, h->term);
        bind_text(st, 9, h->evidence);
        bind_text(st, 10, h->rule);
        bind_text(st, 11, h->place);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    return 0;
}

static int add_events(vnner_store *s, const vnner_record *r, sqlite3_int64 doc, const sqlite3_int64 *pid)
{
    for (size_t i = 0; i < r->npart; i++) {
        const vn_rec_part *p = &r->parts[i];
        if (!p->event || !p->role)
            continue;
        char *norm = vn_normalize_str(p->event, strlen(p->event));
        sqlite3_stmt *st = stmt(s, ST_EVENT_INS);
        if (!st || !norm) {
            free(norm);
            return -1;
        }
        sqlite3_bind_int64(st, 1, doc);
        bind_text(st, 2, p->event);
        bind_text(st, 3, norm);
        bind_text(st, 4, r->date);
        int rc = run(st);
        sqlite3_int64 ev = sqlite3_changes(s->db) == 1 ? sqlite3_last_insert_rowid(s->db) : 0;
        if (rc == SQLITE_DONE && !ev && (st = stmt(s, ST_EVENT_ID))) {
            sqlite3_bind_int64(st, 1, doc);
            bind_text(st, 2, norm);
            ev = run(st) == SQLITE_ROW ? take_id(st) : 0;
        }
        free(norm);
        if (rc != SQLITE_DONE || !ev || !(st = stmt(s, ST_PART)))
            return -1;
        sqlite3_bind_int64(st, 1, pid[p->person]);
        sqlite3_bind_int64(st, 2, ev);
        bind_text(st, 3, p->role);
        bind_text(st, 4, p->evidence);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    return 0;
}

static int add_rest(vnner_store *s, const vnner_record *r, sqlite3_int64 doc, const sqlite3_int64 *pid)
{
    sqlite3_stmt *st;
    for (size_t i = 0; i < r->naward; i++) {
        const vn_rec_award *a = &r->awards[i];
        if (!a->recipient || !(st = stmt(s, ST_AWARD)))
            continue;
        sqlite3_bind_int64(st, 1, doc);
        if (a->person >= 0)
            sqlite3_bind_int64(st, 2, pid[a->person]);
        bind_text(st, 3, a->recipient);
        bind_text(st, 4, a->award);
        bind_text(st, 5, a->giver);
        bind_text(st, 6, a->evidence);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    for (size_t i = 0; i < r->nauthor; i++) {
        if (!(st = stmt(s, ST_AUTHOR)))
            return -1;
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, pid[r->authors[i]]);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    for (size_t k = 0; k < r->nperson; k++) { /* one row per person: all their spans */
        vn_buf spans = {0};
        for (size_t i = 0; i < r->nmention; i++) {
            const vn_rec_mention *m = &r->mentions[i];
            if (m->type == VNNER_PERSON && m->norm && !strcmp(r->persons[k].norm, m->norm))
                vn_buf_printf(&spans, "%s%zu-%zu", spans.len ? "," : "", m->start, m->end);
        }
        int bad = 0;
        if (spans.len) {
            if (!(st = stmt(s, ST_MENTION)))
                bad = 1;
            else {
                sqlite3_bind_int64(st, 1, doc);
                sqlite3_bind_int64(st, 2, pid[k]);
                bind_text(st, 3, spans.p);
                bad = run(st) != SQLITE_DONE;
            }
        }
        vn_buf_free(&spans);
        if (bad)
            return -1;
    }
    return 0;
}

int vnner_store_add(vnner_store *s, const vnner_model *m, const vnner_record *r, int *added, vnner_error *err)
{
    *added = 0;
    if (s->readonly) {
        vn_set_error(err, VNNER_EDB, -1, "%s: opened read-only", s->path);
        return VNNER_EDB;
    }
    int own = sqlite3_get_autocommit(s->db);
    if (own && vnner_store_begin(s, err))
        return VNNER_EDB;
    sqlite3_int64 *pid = calloc(r->nperson + 1, sizeof *pid);
    if (!pid)
        goto fail;
    if (sqlite3_exec(s->db, "SAVEPOINT doc", NULL, NULL, NULL) != SQLITE_OK || add_doc_row(s, r, added))
        goto fail;
    if (*added) {
        sqlite3_int64 doc = sqlite3_last_insert_rowid(s->db);
        for (size_t i = 0; i < r->nperson; i++) {
            char abuf[256];
            const char *area = vn_person_area(m, r->persons[i].area, abuf, sizeof abuf);
            if ((pid[i] = cached_id(s, ST_PERSON_INS, r->persons[i].name, r->persons[i].norm, area, 0)) < 0)
                goto fail;
        }
        if (add_holdings(s, m, r, doc, pid) || add_events(s, r, doc, pid) || add_rest(s, r, doc, pid))
            goto fail;
    }
    if (sqlite3_exec(s->db, "RELEASE doc", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    free(pid);
    return own ? vnner_store_commit(s, err) : 0;
fail:
    db_error(s, err, r->name ? r->name : "cannot store the document");
    sqlite3_exec(s->db, "ROLLBACK TO doc", NULL, NULL, NULL);
    sqlite3_exec(s->db, "RELEASE doc", NULL, NULL, NULL);
    idcache_clear(&s->ids);
    if (own)
        vnner_store_rollback(s);
    free(pid);
    *added = 0;
    return VNNER_EDB;
}
