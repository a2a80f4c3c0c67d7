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
#include <unistd.h>
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

/* Version 3: each evidence sentence once per document, referred to by id
 * (a sentence naming N holders was stored N times: quadratic).  Rows written
 * before keep their own evidence text; readers take it when it is there. */
static const char *const MIGRATE_V3 =
    "CREATE TABLE sentences(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),"
    " bstart INTEGER NOT NULL, bend INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE(doc_id, bstart, bend)) STRICT;"
    "ALTER TABLE holdings ADD COLUMN sentence_id INTEGER REFERENCES sentences(id);"
    "ALTER TABLE participations ADD COLUMN sentence_id INTEGER REFERENCES sentences(id);"
    "ALTER TABLE awards ADD COLUMN sentence_id INTEGER REFERENCES sentences(id);";

/* Version 4: the giver of an award when it is a person named in the document
 * (by name, or as the holder of the post that gave it), so graphs draw the
 * award from that person.  Rows written before have none. */
static const char *const MIGRATE_V4 =
    "ALTER TABLE awards ADD COLUMN giver_id INTEGER REFERENCES persons(id);";


int vn_store_db_error(vnner_store *s, vnner_error *err, const char *what)
{
    int code = sqlite3_errcode(s->db);
    const char *hint = code == SQLITE_FULL ? " (the disk or the database's size limit is full)"
                       : code == SQLITE_READONLY ? " (the file or its folder is read-only)"
                       : code == SQLITE_BUSY ? " (another process holds the database)"
                       : code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? " (the file is damaged or not a database)"
                       : code == SQLITE_CANTOPEN ? " (cannot create the file or its journal: is the folder writable, or read-only?)"
                                                 : "";
    /* SQLITE_OK: SQLite did not fail, the caller's own allocation did (a
     * buffer, a row's copy), so the reason is not sqlite3_errmsg's "not an error" */
    const char *why = code == SQLITE_OK || code == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(s->db);
    vn_set_error(err, VNNER_EDB, -1, "%s: %s: %s%s", s->path, what, why, hint);
    return VNNER_EDB;
}

char *vn_col_text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? vn_utf8_repair_dup(t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

static int exec(vnner_store *s, const char *sql, vnner_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return vn_store_db_error(s, err, "cannot update the schema");
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
        vn_store_db_error(s, err, "cannot read the database");
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
    if (ver < 3 && (exec(s, MIGRATE_V3, err) || exec(s, "PRAGMA user_version=3", err)))
        goto fail;
    if (ver < 4 && (exec(s, MIGRATE_V4, err) || exec(s, "PRAGMA user_version=4", err)))
        goto fail;
    return exec(s, "COMMIT", err);
fail:
    exec(s, "ROLLBACK", NULL);
    return err && err->code ? err->code : VNNER_EDB;
}

/* Read-only: check what is there, change nothing. */
static int check_schema(vnner_store *s, vnner_error *err)
{
    int app, ver, tables;
    if (pragma_int(s, "PRAGMA application_id", &app) || pragma_int(s, "PRAGMA user_version", &ver) ||
        pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables))
        return vn_store_db_error(s, err, "cannot read the database");
    if (app == 0 && ver == 0 && tables == 0) { /* an ingest creating it has not committed its schema yet */
        vn_set_error(err, VNNER_EDB, -1, "%s: the database is empty or still being created", s->path);
        return VNNER_EDB;
    }
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

/* Whether the folder of PATH takes new files (the -shm file a reader of a WAL database makes). */
static int folder_writable(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t n = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
    if (n >= sizeof dir)
        return 0;
    memcpy(dir, slash ? path : ".", n);
    dir[n] = 0;
    return access(dir, W_OK) == 0;
}

/* A path SQLite may open: a regular file, or none yet.  A FIFO would hang
 * the open, a device or socket is no database. */
static int check_path(const char *path, vnner_error *err)
{
    struct stat sb;
    if (!path || !*path) {
        vn_set_error(err, VNNER_EINVAL, -1, "the database path is empty");
        return VNNER_EINVAL;
    }
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode))
        return 0;
    if (S_ISDIR(sb.st_mode))
        vn_set_error(err, VNNER_EDB, -1, "%s: is a folder, not a database file", path);
    else
        vn_set_error(err, VNNER_EDB, -1, "%s: not a regular file (a FIFO, device or socket), not a database file",
                     path);
    return VNNER_EDB;
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
    for (int i = 0; i < VN_STORE_NSTMT; i++) {
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
    if (err)
        *err = (vnner_error){.code = 0, .offset = -1};
    int bad = check_path(path, err);
    if (bad)
        return bad;
    vnner_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = vn_strdup(path))) {
        free(s);
        vn_set_error(err, VNNER_ENOMEM, -1, "%s: cannot open: out of memory", path);
        return VNNER_ENOMEM;
    }
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
        vn_set_error(err, VNNER_ENOMEM, -1, "%s: cannot open: out of memory", path);
        return VNNER_ENOMEM;
    }
    int opened = sqlite3_open_v2(file.p, &s->db, of | SQLITE_OPEN_NOMUTEX, NULL);
    vn_buf_free(&file);
    if (opened != SQLITE_OK) {
        if (s->db)
            vn_store_db_error(s, err, "cannot open");
        else
            vn_set_error(err, VNNER_EDB, -1, "%s: cannot open%s", path, opened == SQLITE_NOMEM ? ": out of memory" : "");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 60000);
    sqlite3_extended_result_codes(s->db, 0);
    if (sqlite3_create_function(s->db, "vn_better_name", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, better_name, NULL,
                                NULL) != SQLITE_OK) {
        vn_store_db_error(s, err, "cannot set up the database connection");
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
        int ro_folder = rc == VNNER_EDB && !folder_writable(path); /* else the reader made its -shm: nothing stale */
        if (ro_folder && committed_wal(path)) {
            /* an immutable open would answer from the main file alone: a stale answer */
            vn_set_error(err, VNNER_EDB, -1,
                         "%s: its write-ahead log (%s-wal) holds changes that cannot be read from a folder vnner "
                         "cannot write; copy the database and its -wal file to a writable folder", path, path);
            goto fail;
        }
        if (ro_folder && reopen_immutable(s, path)) /* a WAL file in a folder we cannot write */
            rc = check_schema(s, err);
        if (rc)
            goto fail;
    } else {
        /* refuse another application's file before anything could change it */
        int app = 0, ver = 0, tables = 0;
        /* one read transaction: another ingest creating this file commits between the reads, never inside them */
        int snap = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
        if (!snap || pragma_int(s, "PRAGMA application_id", &app) ||
            pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables) || pragma_int(s, "PRAGMA user_version", &ver)) {
            rc = vn_store_db_error(s, err, "cannot read the database");
            if (snap)
                sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
        if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) { /* else the read stays open under what follows */
            rc = vn_store_db_error(s, err, "cannot read the database");
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
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
            rc = vn_store_db_error(s, err, "cannot open for writing");
            goto fail;
        }
        /* a current schema needs no write lock: another ingest may hold it for a while */
        if ((app != APP_ID || ver < VN_SCHEMA_VERSION) && (rc = ensure_schema(s, err)))
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
    if (err && !err->message[0]) /* every failure says what it was */
        vn_set_error(err, rc, -1, "%s: cannot open: %s", path, vnner_errmsg(rc));
    return rc;
}

void vnner_store_close(vnner_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < VN_STORE_NSTMT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    vn_store_caches_clear(s, 1);
    free(s->path);
    free(s);
}

int vnner_store_begin(vnner_store *s, vnner_error *err)
{
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return vn_store_db_error(s, err, "cannot start a transaction");
    return 0;
}

int vnner_store_commit(vnner_store *s, vnner_error *err)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        vn_store_db_error(s, err, "cannot commit");
        vnner_store_rollback(s);
        return VNNER_EDB;
    }
    return 0;
}

void vnner_store_rollback(vnner_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    vn_store_caches_clear(s, 0); /* rows inserted in the batch are gone */
}

