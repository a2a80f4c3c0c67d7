/* Helpers shared by the vnner commands: messages, the out-of-memory policy
 * (cli.h), options, reading files and JSON Lines, loading the model,
 * opening the database. */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"
#include "../util/date.h" /* compiled in: CMakeLists.txt */

/* ---- messages and memory ---- */

void vn_cli_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    flockfile(stderr);
    fputs("vnner: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(ap);
}

_Noreturn void vn_cli_oom(void)
{
    static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&once); /* one thread reports and exits; any other waits here */
    vn_cli_err("out of memory");
    exit(VN_EXIT_BAD_INPUT);
}

void *vn_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        vn_cli_oom();
    return p;
}

void *vn_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        vn_cli_oom();
    return p;
}

void *vn_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        vn_cli_oom();
    return q;
}

char *vn_xstrdup(const char *s)
{
    return vn_xmemdup(s, strlen(s) + 1);
}

void *vn_xmemdup(const void *p, size_t n)
{
    void *q = vn_xmalloc(n);
    memcpy(q, p, n);
    return q;
}

char *vn_xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        vn_cli_oom();
    return s;
}

/* ---- outputs ---- */

/* An output whose failure was reported: one message for it, however often
 * it is found (standard output, and the one file a command writes). */
static int stdout_reported;
static FILE *file_reported;

int vn_cli_write_failed(FILE *f, const char *name, int err)
{
    int *once = f == stdout ? &stdout_reported : NULL;
    if (once ? !*once : !f || f != file_reported)
        vn_cli_err("cannot write %s: %s", name, err ? strerror(err) : "a write failed");
    if (once)
        *once = 1;
    else
        file_reported = f;
    return VN_EXIT_BAD_INPUT;
}

int vn_cli_flush(FILE *f, const char *name)
{
    errno = 0;
    int bad = fflush(f) != 0, err = errno; /* glibc drops what a failed write held: ferror() keeps the news */
    if (bad || ferror(f))
        return vn_cli_write_failed(f, name, bad ? err : 0);
    return VN_EXIT_OK;
}

int vn_cli_flush_stdout(void)
{
    return vn_cli_flush(stdout, "standard output");
}

int vn_cli_close_output(FILE *f, const char *name)
{
    int rc = vn_cli_flush(f, name);
    if (file_reported == f) /* a later fopen may give the same pointer */
        file_reported = NULL;
    errno = 0;
    int bad = fclose(f) != 0, err = errno;
    if (bad && rc == VN_EXIT_OK)
        rc = vn_cli_write_failed(NULL, name, err);
    return rc;
}

int vn_cli_exit_status(int rc)
{
    int w = vn_cli_flush_stdout();
    return w > rc ? w : rc;
}

/* ---- options and statuses ---- */

int vn_cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || *s == '-' || errno || v == 0) {
        vn_cli_err("--max-size takes a number of bytes (at least 1), not '%s'", s);
        return -1;
    }
    *out = v > SIZE_MAX ? SIZE_MAX : (size_t)v;
    return 0;
}

int vn_cli_parse_day(const char *opt, const char *s)
{
    long day;
    if (strlen(s) != 10 || vn_date_parse(s, 0, &day)) {
        vn_cli_err("%s takes a day of the calendar as YYYY-MM-DD, not '%s'", opt, s);
        return -1;
    }
    return 0;
}

int vn_cli_add_gazetteer(vn_gazetteers *g, char *dir)
{
    if (g->n == VN_CLI_MAX_GAZ)
        return -1;
    g->dirs[g->n++] = dir;
    return 0;
}

int vn_cli_data_option(int opt, const char *arg, vn_gazetteers *g)
{
    size_t *n = opt == 'R' ? &g->nrules : &g->n;
    if (*n == VN_CLI_MAX_GAZ) {
        vn_cli_err("at most %d --%s folders", VN_CLI_MAX_GAZ, opt == 'R' ? "rules" : "gazetteer");
        return VN_EXIT_USAGE;
    }
    (opt == 'R' ? g->rules : g->dirs)[(*n)++] = (char *)arg;
    return VN_CLI_GO_ON;
}

int vn_cli_answer_option(int opt, const char *arg, int *json, vn_gazetteers *gaz)
{
    if (opt == 'g' || opt == 'R')
        return vn_cli_data_option(opt, arg, gaz);
    if (opt == 'f') {
        if (strcmp(arg, "json") && strcmp(arg, "text")) {
            vn_cli_err("unknown format '%s' (text, json)", arg);
            return VN_EXIT_USAGE;
        }
        *json = !strcmp(arg, "json");
    }
    return VN_CLI_GO_ON;
}

int vn_cli_status(int code)
{
    if (code == VNNER_EINVAL)
        return VN_EXIT_USAGE;
    return code == VNNER_EDB ? VN_EXIT_DB : VN_EXIT_BAD_INPUT;
}

/* ---- files ---- */

/* PATH ("-" = standard input) opened for reading, or NULL and a new message. */
static FILE *open_input(const char *path, char **msg)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        *msg = vn_xasprintf("%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        *msg = vn_xasprintf("%s: is a directory, not a file", path);
        if (fp != stdin)
            fclose(fp);
        return NULL;
    }
    return fp;
}

static void close_input(FILE *fp)
{
    if (fp && fp != stdin)
        fclose(fp);
}

/* All of FP into a new buffer, refused once it holds more than MAX bytes. */
static int read_all(FILE *fp, const char *path, size_t max, char **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = vn_xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                vn_cli_err("%s: byte %zu: document over the size limit of %zu bytes (raise it with --max-size)",
                           path, max, max);
                free(buf);
                return -1;
            }
            if (cap > SIZE_MAX / 2)
                vn_cli_oom();
            cap *= 2;
            buf = vn_xrealloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(fp)) {
        vn_cli_err("%s: read error: %s", path, strerror(errno));
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

int vn_cli_read_file(const char *path, size_t max, char **out, size_t *len)
{
    char *msg;
    *out = NULL;
    *len = 0;
    FILE *fp = open_input(path, &msg);
    if (!fp) {
        vn_cli_err("%s", msg);
        free(msg);
        return -1;
    }
    int rc = read_all(fp, path, max, out, len);
    close_input(fp);
    return rc;
}

int vn_cli_load_model_for(vnner_model **m, const vn_gazetteers *gaz, int queries)
{
    vnner_error err = {0};
    vnner_model_options o = VNNER_MODEL_OPTIONS_INIT;
    o.no_jit = queries; /* a query annotates a post's name, not documents: JIT would cost more than it saves */
    if (gaz) {
        o.gazetteer_dirs = (const char *const *)gaz->dirs;
        o.n_gazetteer_dirs = gaz->n;
        o.rules_dirs = (const char *const *)gaz->rules;
        o.n_rules_dirs = gaz->nrules;
    }
    int rc = vnner_model_load_with(m, &o, &err);
    if (rc)
        vn_cli_err("cannot load the model: %s", err.message);
    return rc;
}

int vn_cli_load_model(vnner_model **m, const vn_gazetteers *gaz) { return vn_cli_load_model_for(m, gaz, 0); }

/* ---- the database ---- */

const char *vn_cli_default_db(const char *db)
{
    if (db)
        return db;
    const char *e = getenv("VNNER_DB");
    return e && *e ? e : "vnner.db";
}

/* The files of a database: itself and what SQLite keeps beside it. */
static const char *const db_suffixes[] = {"", "-wal", "-shm", "-journal"};

/* Whether ST is the file PATH (the same st_dev and st_ino). */
static int is_file(const struct stat *st, const char *path)
{
    struct stat o;
    return stat(path, &o) == 0 && o.st_dev == st->st_dev && o.st_ino == st->st_ino;
}

/* The folder of PATH stat'ed into ST, and its last name; -1 when none. */
static int parent_of(const char *path, struct stat *st, const char **base)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? vn_xmemdup(path, (size_t)(slash - path) + 2) : vn_xstrdup(".");
    if (slash)
        dir[slash - path + 1] = 0; /* "/x": "/", "a/b": "a/" */
    int rc = stat(dir, st);
    free(dir);
    *base = slash ? slash + 1 : path;
    return rc == 0 && **base ? 0 : -1;
}

/* Whether PATH and FILE are one file, or, when neither is there yet, would be
 * (the same name in the same folder): ./X and links to X are X. */
static int same_file(const char *path, const char *file)
{
    struct stat a, b;
    const char *na, *nb;
    if (stat(path, &a) == 0)
        return is_file(&a, file);
    if (stat(file, &b) == 0 || parent_of(path, &a, &na) || parent_of(file, &b, &nb))
        return 0;
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && !strcmp(na, nb);
}

int vn_cli_check_output(const char *out, const char *db)
{
    struct stat so;
    db = vn_cli_default_db(db);
    int to_stdout = !out && fstat(STDOUT_FILENO, &so) == 0 && S_ISREG(so.st_mode);
    for (size_t i = 0; (out || to_stdout) && i < sizeof db_suffixes / sizeof *db_suffixes; i++) {
        char *f = vn_xasprintf("%s%s", db, db_suffixes[i]);
        int same = out ? same_file(out, f) : is_file(&so, f);
        free(f);
        if (same) {
            vn_cli_err("%s: the output would overwrite the database (this is %s%s)", out ? out : "standard output", db,
                       db_suffixes[i]);
            return VN_EXIT_USAGE;
        }
    }
    return VN_CLI_GO_ON;
}

int vn_cli_open_db(const char *db, unsigned flags, vnner_store **s)
{
    struct stat st;
    vnner_error err = {0};
    *s = NULL;
    db = vn_cli_default_db(db);
    if (stat(db, &st) != 0) {
        vn_cli_err("%s: no such database (create it with 'vnner ingest')", db);
        return VN_EXIT_DB;
    }
    if (vnner_store_open(s, db, flags, &err)) {
        vn_cli_err("%s", err.message);
        return VN_EXIT_DB;
    }
    return VN_EXIT_OK;
}

int vn_cli_open_query(const char *db, const vn_gazetteers *gaz, vnner_store **s, vnner_model **m)
{
    *m = NULL;
    int rc = vn_cli_open_db(db, VNNER_STORE_READONLY, s);
    if (rc != VN_EXIT_OK)
        return rc;
    if (vn_cli_load_model_for(m, gaz, 1)) {
        vnner_store_close(*s);
        *s = NULL;
        return VN_EXIT_USAGE;
    }
    return VN_EXIT_OK;
}

int vn_cli_write_answer(const vnner_answer *ans, int json, const char *post, const char *db)
{
    int w = vnner_answer_write(ans, stdout, json);
    if (w == VNNER_ENOMEM)
        vn_cli_oom();
    if (w)
        return vn_cli_write_failed(stdout, "standard output", errno);
    if (vn_cli_flush_stdout() != VN_EXIT_OK)
        return VN_EXIT_BAD_INPUT;
    if (post && !vnner_answer_known(ans)) {
        int some = vnner_answer_suggestion_count(ans) > 0;
        vn_cli_err("%s: no such post in %s%s%s", post, vn_cli_default_db(db), some ? "; did you mean " : "",
                   some ? vnner_answer_suggestion(ans, 0) : "");
        return VN_EXIT_BAD_INPUT;
    }
    return VN_EXIT_OK;
}

/* ---- JSON Lines ---- */

int vn_lines_open(vn_lines *r, const char *path, size_t max, char **msg)
{
    memset(r, 0, sizeof *r);
    r->pos.path = path;
    r->max = max;
    r->fp = open_input(path, msg);
    return r->fp ? 0 : -1;
}

/* Byte C at N of R's line, which grows as it must (the NUL after it fits). */
/* Makes room in R's line for N bytes and its NUL. */
static void line_room(vn_lines *r, size_t n)
{
    while (n + 1 > r->cap) {
        if (r->cap > SIZE_MAX / 2)
            vn_cli_oom();
        r->cap = r->cap ? 2 * r->cap : 4096;
        r->line = vn_xrealloc(r->line, r->cap);
    }
}

enum { LINES_BUF = 1 << 16 };

/* Refills R's read buffer with what the input has (read(2), not fread: a
 * pipe's line is taken as soon as it arrives): its bytes, 0 at the end, -1
 * on a read error (errno in *err). */
static long refill(vn_lines *r, int *err)
{
    if (!r->buf)
        r->buf = vn_xrealloc(NULL, LINES_BUF);
    ssize_t n;
    do
        n = read(fileno(r->fp), r->buf, LINES_BUF);
    while (n < 0 && errno == EINTR);
    r->bpos = 0;
    r->blen = n > 0 ? (size_t)n : 0;
    if (n < 0) {
        *err = errno;
        return -1;
    }
    return (long)n;
}

/* One line into R, its newline kept: 1, 0 at the end (nothing read), -1 a
 * read error (errno kept in *err), -2 a line over r->max, read to its end
 * but not kept: a line of a gigabyte (or /dev/zero) is never in memory.
 * A buffer of 64 KiB is searched with memchr, not read a byte at a time. */
static int read_line(vn_lines *r, int *err)
{
    size_t n = 0;
    long long total = 0;
    int over = 0;
    *err = 0;
    for (;;) {
        if (r->bpos == r->blen) {
            long got = refill(r, err);
            if (got < 0) {
                r->next += total; /* where the read failed */
                return -1;
            }
            if (!got)
                break;
        }
        const char *s = r->buf + r->bpos, *nl = memchr(s, '\n', r->blen - r->bpos);
        size_t k = nl ? (size_t)(nl - s) + 1 : r->blen - r->bpos;
        total += (long long)k;
        r->bpos += k;
        if (!over && n + k - (nl != NULL) > r->max)
            over = 1;
        if (!over) {
            line_room(r, n + k);
            memcpy(r->line + n, s, k);
            n += k;
        }
        if (nl)
            break;
    }
    if (!total)
        return 0;
    line_room(r, n);
    r->line[n] = 0;
    r->pos.lineno++;
    r->pos.off = r->next;
    r->next += total;
    r->len = n;
    return over ? -2 : 1;
}

int vn_lines_next(vn_lines *r, char **msg)
{
    for (;;) {
        int err, k = r->ended ? 0 : read_line(r, &err);
        if (k == -1) {
            r->ended = 1; /* what follows a failed read is not known to be the file's */
            *msg = vn_xasprintf("%s: read error: %s (at byte %lld)", r->pos.path,
                                err ? strerror(err) : "unknown cause", r->next);
            return -1;
        }
        if (k == -2) {
            *msg = vn_xasprintf("%s:%zu: byte %lld: line over the size limit of %zu bytes (raise it with --max-size)",
                                r->pos.path, r->pos.lineno, r->pos.off, r->max);
            return -1;
        }
        if (k == 0 || strspn(r->line, " \t\r\n") != r->len)
            return k;
    }
}

void vn_lines_close(vn_lines *r)
{
    close_input(r->fp);
    free(r->line);
    free(r->buf);
    memset(r, 0, sizeof *r);
}

char *vn_line_where(const vn_line_pos *at)
{
    return vn_xasprintf("%s:%zu: byte %lld", at->path, at->lineno, at->off);
}

/* The record's id as a string: its own, its number, else FILE:LINE. */
static void record_id(vn_jsonl_doc *d, const json_t *id, const vn_line_pos *at)
{
    if (json_is_string(id)) {
        d->id = json_string_value(id);
        return;
    }
    if (json_is_integer(id))
        d->idbuf = vn_xasprintf("%lld", (long long)json_integer_value(id));
    else
        d->idbuf = vn_xasprintf("%s:%zu", at->path, at->lineno);
    d->id = d->idbuf;
}

int vn_jsonl_doc_parse(vn_jsonl_doc *d, const char *line, size_t len, const vn_line_pos *at, char **msg)
{
    json_error_t je;
    memset(d, 0, sizeof *d);
    json_t *o = json_loadb(line, len, 0, &je);
    if (!o) {
        *msg = vn_xasprintf("%s:%zu: byte %lld: malformed JSON: %s", at->path, at->lineno, at->off + je.position,
                            je.text);
        return -1;
    }
    json_t *text = json_object_get(o, "text"), *date = json_object_get(o, "date"),
           *source = json_object_get(o, "source");
    if (!json_is_object(o) || !json_is_string(text)) {
        *msg = vn_xasprintf("%s:%zu: byte %lld: a record must be an object with a \"text\" string", at->path,
                            at->lineno, at->off);
        json_decref(o);
        return -1;
    }
    d->obj = o;
    d->text = json_string_value(text);
    d->len = json_string_length(text);
    record_id(d, json_object_get(o, "id"), at);
    d->date = json_is_string(date) ? json_string_value(date) : NULL;
    d->source = json_is_string(source) ? json_string_value(source) : NULL;
    return 0;
}

void vn_jsonl_doc_free(vn_jsonl_doc *d)
{
    json_decref(d->obj);
    free(d->idbuf);
    d->obj = NULL;
    d->idbuf = NULL;
}

int vn_cli_colour(int fd)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fd) && (!no || !*no) && !(term && !strcmp(term, "dumb"));
}
