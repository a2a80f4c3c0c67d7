/* vnner ingest: documents into the store.  A reader, N annotating workers and
 * one writer (this thread) run a reader, N annotating workers and one writer (this thread),
 * joined by bounded queues, one transaction per batch. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"

#define QCAP 64
#define BATCH 500

enum { IN_TEXT, IN_JSONL, IN_ANNOTATED, IN_HTML };

typedef struct job {
    char *name, *where, *text, *date;
    size_t len;
    char *path;          /* JSONL input: the file and the line's byte offset in it */
    long long line_off;
    size_t lineno;
    vnner_record *rec;
    char *error;
    int sentinel;
} job;

typedef struct queue {
    job *v[QCAP];
    size_t head, n;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
} queue;

typedef struct ingest {
    queue in, out;
    char **files;
    int nfiles, input, workers;
    vnner_model *model;
    size_t max;
    volatile int stop;
    int read_failed;
} ingest;

static void q_init(queue *q)
{
    memset(q, 0, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->not_empty, NULL);
    pthread_cond_init(&q->not_full, NULL);
}

static void q_destroy(queue *q)
{
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
    pthread_cond_destroy(&q->not_full);
}

static void q_push(queue *q, job *j)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == QCAP)
        pthread_cond_wait(&q->not_full, &q->mu);
    q->v[(q->head + q->n++) % QCAP] = j;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

static job *q_pop(queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == 0)
        pthread_cond_wait(&q->not_empty, &q->mu);
    job *j = q->v[q->head];
    q->head = (q->head + 1) % QCAP;
    q->n--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
    return j;
}

static void job_free(job *j)
{
    if (!j)
        return;
    free(j->name);
    free(j->where);
    free(j->text);
    free(j->date);
    free(j->error);
    free(j->path);
    vnner_record_free(j->rec);
    free(j);
}

static job *new_job(const char *name, const char *where)
{
    job *j = calloc(1, sizeof *j);
    if (!j)
        abort(); /* out of memory in the reader: nothing sensible left to do */
    j->name = strdup(name);
    j->where = strdup(where);
    return j;
}

static char *fmt_error(const char *fmt, ...)
{
    char buf[640];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return strdup(buf);
}

/* A JSON Lines file: one document (or one annotated document) a line. */
static void read_lines(ingest *g, const char *path)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct stat st;
    if (fp && fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        fp = NULL;
        errno = EISDIR;
    }
    if (!fp) {
        job *j = new_job(path, path);
        j->error = errno == EISDIR ? fmt_error("%s: is a directory, not a file", path)
                                   : fmt_error("%s: cannot open: %s", path, strerror(errno));
        q_push(&g->out, j);
        return;
    }
    char *line = NULL, where[600];
    size_t cap = 0, lineno = 0;
    long long off = 0;
    ssize_t n;
    while (!g->stop && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        snprintf(where, sizeof where, "%s:%zu: byte %lld", path, lineno, off);
        off += n;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%s:%zu", path, lineno);
        job *j = new_job(name, where);
        j->path = strdup(path);
        j->line_off = off - n;
        j->lineno = lineno;
        j->text = malloc((size_t)n + 1);
        memcpy(j->text, line, (size_t)n + 1);
        j->len = (size_t)n;
        q_push(&g->in, j);
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
}

static void *reader(void *arg)
{
    ingest *g = arg;
    for (int i = 0; i < g->nfiles && !g->stop; i++) {
        const char *f = g->files[i];
        if (g->input == IN_JSONL || g->input == IN_ANNOTATED) {
            read_lines(g, f);
            continue;
        }
        job *j = new_job(f, f);
        if (vn_cli_read_file(f, g->max, &j->text, &j->len)) {
            j->error = strdup(""); /* already reported */
            q_push(&g->out, j);
            continue;
        }
        q_push(&g->in, j);
    }
    for (int i = 0; i < g->workers; i++) {
        job *s = calloc(1, sizeof *s);
        s->sentinel = 1;
        q_push(&g->in, s);
    }
    return NULL;
}

/* A JSONL input record: {"id", "text", "date"?, "source"?}. */
static int unpack_record(job *j, char **text, size_t *len, char **source)
{
    json_error_t je;
    json_t *o = json_loadb(j->text, j->len, 0, &je);
    if (!o) {
        j->error = fmt_error("%s:%zu: byte %lld: malformed JSON: %s", j->path, j->lineno, j->line_off + je.position,
                             je.text);
        return -1;
    }
    json_t *t = json_object_get(o, "text"), *id = json_object_get(o, "id"), *d = json_object_get(o, "date"),
           *src = json_object_get(o, "source");
    if (!json_is_object(o) || !json_is_string(t)) {
        j->error = fmt_error("%s: a record must be an object with a \"text\" string", j->where);
        json_decref(o);
        return -1;
    }
    *len = json_string_length(t);
    *text = malloc(*len + 1);
    memcpy(*text, json_string_value(t), *len + 1);
    if (json_is_string(id)) {
        free(j->name);
        j->name = strdup(json_string_value(id));
    } else if (json_is_integer(id)) {
        free(j->name);
        j->name = fmt_error("%lld", (long long)json_integer_value(id));
    }
    if (json_is_string(d))
        j->date = strdup(json_string_value(d));
    *source = json_is_string(src) ? strdup(json_string_value(src)) : NULL;
    json_decref(o);
    return 0;
}

static void *worker(void *arg)
{
    ingest *g = arg;
    vnner_doc *doc = NULL;
    if (vnner_doc_new(&doc))
        abort();
    for (;;) {
        job *j = q_pop(&g->in);
        if (j->sentinel) {
            q_push(&g->out, j);
            break;
        }
        vnner_error err;
        if (g->input == IN_ANNOTATED) {
            if (vnner_record_from_json(&j->rec, j->text, j->len, &err))
                j->error = fmt_error("%s: %s", j->where, err.message);
        } else {
            char *text = j->text, *source = NULL;
            size_t len = j->len;
            if (g->input == IN_JSONL && unpack_record(j, &text, &len, &source)) {
                q_push(&g->out, j);
                continue;
            }
            if (g->input == IN_HTML && vnner_html_to_text(&text, &len, j->text, j->len)) {
                j->error = fmt_error("%s: out of memory", j->where);
                q_push(&g->out, j);
                continue;
            }
            vnner_annotate_options o = {j->date, g->max};
            if (vnner_doc_annotate(doc, g->model, text, len, &o, &err))
                j->error = fmt_error("%s: %s", j->where, err.message);
            else if (vnner_record_from_doc(&j->rec, doc, j->name, source))
                j->error = fmt_error("%s: out of memory", j->where);
            if (text != j->text)
                free(text);
            free(source);
        }
        free(j->text);
        j->text = NULL;
        q_push(&g->out, j);
    }
    vnner_doc_free(doc);
    return NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const ingest_help =
    "usage: vnner ingest [--db FILE] [--input text|jsonl|annotated|html] [-j N] [--gazetteer DIR]...\n"
    "                    [--max-size BYTES] FILE... | -\n"
    "Annotates the documents (or loads what 'annotate --format jsonl --with-text' wrote,\n"
    "with --input annotated) and stores persons, posts, bodies, holdings with their\n"
    "evidence, events and participations in a SQLite database.  A document already\n"
    "stored (same normalised text) is skipped, so re-running adds only what is new.\n"
    "  --db FILE     the database (default $VNNER_DB, else vnner.db)\n"
    "  -j N          annotating threads (default: the number of processors)\n"
    "Exit status: 0 done, 1 some document could not be read (the rest were stored),\n"
    "2 wrong usage, 3 the database could not be opened or written (what was committed\n"
    "before stays).\n";

int vn_cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"input", required_argument, 0, 'i'},
                                         {"gazetteer", required_argument, 0, 'g'}, {"max-size", required_argument, 0, 'm'},
                                         {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    const char *db = NULL;
    char *gaz[32];
    size_t ngaz = 0;
    ingest g;
    memset(&g, 0, sizeof g);
    g.workers = (int)sysconf(_SC_NPROCESSORS_ONLN);
    g.max = VNNER_DEFAULT_MAX_BYTES;
    int o;
    while ((o = getopt_long(argc, argv, "d:i:j:g:m:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': db = optarg; break;
        case 'i':
            if (!strcmp(optarg, "text")) g.input = IN_TEXT;
            else if (!strcmp(optarg, "jsonl")) g.input = IN_JSONL;
            else if (!strcmp(optarg, "annotated")) g.input = IN_ANNOTATED;
            else if (!strcmp(optarg, "html")) g.input = IN_HTML;
            else {
                vn_cli_err("unknown input '%s' (text, jsonl, annotated, html)", optarg);
                return VN_EXIT_USAGE;
            }
            break;
        case 'j':
            g.workers = atoi(optarg);
            if (g.workers < 1 || g.workers > 256) {
                vn_cli_err("-j takes a number from 1 to 256");
                return VN_EXIT_USAGE;
            }
            break;
        case 'g': if (ngaz < 32) gaz[ngaz++] = optarg; break;
        case 'm':
            if (vn_cli_parse_size(optarg, &g.max))
                return VN_EXIT_USAGE;
            break;
        case 'h': fputs(ingest_help, stdout); return 0;
        default: fputs(ingest_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(ingest_help, stderr);
        return VN_EXIT_USAGE;
    }
    if (g.workers < 1)
        g.workers = 1;
    db = vn_cli_default_db(db);
    vnner_store *s = NULL;
    vnner_error err;
    if (vnner_store_open(&s, db, 0, &err)) {
        vn_cli_err("%s", err.message);
        return VN_EXIT_DB;
    }
    if (vn_cli_load_model(&g.model, gaz, ngaz)) {
        vnner_store_close(s);
        return VN_EXIT_USAGE;
    }
    g.files = argv + optind;
    g.nfiles = argc - optind;
    q_init(&g.in);
    q_init(&g.out);
    pthread_t rd, *wk = calloc((size_t)g.workers, sizeof *wk);
    pthread_create(&rd, NULL, reader, &g);
    for (int i = 0; i < g.workers; i++)
        pthread_create(&wk[i], NULL, worker, &g);
    int progress = isatty(STDERR_FILENO) && !getenv("NO_COLOR");
    size_t seen = 0, added = 0, added_batch = 0, skipped = 0, failed = 0, in_batch = 0, bytes = 0;
    int dbfail = 0, done = 0;
    double t0 = now_s(), last = 0;
    while (done < g.workers) {
        job *j = q_pop(&g.out);
        if (j->sentinel) {
            done++;
            job_free(j);
            continue;
        }
        seen++;
        if (j->error) {
            if (*j->error)
                vn_cli_err("%s", j->error);
            failed++;
        } else if (!dbfail) {
            int add = 0;
            if (!in_batch && vnner_store_begin(s, &err)) {
                vn_cli_err("%s", err.message);
                dbfail = 1;
                g.stop = 1;
            } else if (vnner_store_add(s, g.model, j->rec, &add, &err)) {
                vn_cli_err("%s", err.message);
                vnner_store_rollback(s);
                dbfail = 1;
                g.stop = 1;
                in_batch = added_batch = 0; /* the batch is rolled back: none of it counts */
            } else {
                added_batch += (size_t)add;
                skipped += (size_t)!add;
                bytes += j->rec ? strlen(vnner_record_name(j->rec)) : 0;
                if (++in_batch >= BATCH) {
                    if (vnner_store_commit(s, &err)) {
                        vn_cli_err("%s", err.message);
                        dbfail = 1;
                        g.stop = 1;
                    } else {
                        added += added_batch;
                    }
                    in_batch = added_batch = 0;
                }
            }
        }
        job_free(j);
        if (progress && now_s() - last > 0.2) {
            last = now_s();
            fprintf(stderr, "\r\033[Kvnner: %zu documents, %zu new, %.0f docs/s", seen, added + added_batch,
                    seen / (last - t0 + 1e-9));
        }
    }
    if (in_batch && !dbfail) {
        if (vnner_store_commit(s, &err)) {
            vn_cli_err("%s", err.message);
            dbfail = 1;
        } else {
            added += added_batch;
        }
    }
    pthread_join(rd, NULL);
    for (int i = 0; i < g.workers; i++)
        pthread_join(wk[i], NULL);
    /* the reader may have queued jobs after a database failure: drop them */
    free(wk);
    if (progress)
        fputs("\r\033[K", stderr);
    fprintf(stderr, "vnner: %zu documents read, %zu stored, %zu already stored, %zu failed, in %.2f s (%s)\n", seen,
            added, skipped, failed, now_s() - t0, db);
    q_destroy(&g.in);
    q_destroy(&g.out);
    vnner_store_close(s);
    vnner_model_free(g.model);
    return dbfail ? VN_EXIT_DB : failed ? VN_EXIT_BAD_INPUT : 0;
}
