/* vnner ingest: documents into the store.  A reader, N annotating workers and
 * one writer (this thread) run joined by bounded queues, one transaction per
 * batch.  The reader numbers the jobs and the writer stores them in that
 * order, whatever order the workers finish in, so that two runs over the same
 * input give the same database. */
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"

#define QCAP 64
#define WINDOW (2 * QCAP) /* jobs between the reader and the writer: bounds memory and the reorder buffer */
#define BATCH 500
#define BATCH_SECONDS 1.0 /* a batch older than this is committed: readers see it, other writers get their turn */
#define ANNOTATED_LINE_FACTOR 32 /* --input annotated: a line may be this many times --max-size */

enum { IN_TEXT, IN_JSONL, IN_ANNOTATED, IN_HTML };

typedef struct job {
    char *name;          /* a file: its path; a JSON Lines line: NULL (the record names it) */
    char *where;         /* for messages: the file, or "FILE:LINE: byte OFFSET" */
    char *text;          /* the file's or the line's bytes */
    size_t len;
    vn_line_pos pos;     /* a JSON Lines line: where it is (pos.path owned) */
    vnner_record *rec;
    char *error;         /* a message still to print, "" when already printed */
    int sentinel;        /* the end of the input, one for each worker */
    size_t seq;          /* the job's place in the input: the writer stores in this order */
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
    atomic_int stop;     /* set by the writer when the database fails: the reader stops */
    size_t total_bytes;  /* of the input files, when every one is a regular file; else 0 */
    atomic_size_t read_bytes; /* the reader's, for the progress line */
    size_t next_seq;     /* the reader's: the number of the next job */
    size_t inflight;     /* jobs numbered and not yet taken by the writer (under mu) */
    pthread_mutex_t mu;
    pthread_cond_t room;
} ingest;

/* ---- queues and jobs ---- */

static void q_init(queue *q)
{
    pthread_condattr_t ca;
    memset(q, 0, sizeof *q);
    pthread_mutex_init(&q->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* q_pop_until's deadline is monotonic */
    pthread_cond_init(&q->not_empty, &ca);
    pthread_condattr_destroy(&ca);
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

/* The next job of Q, waiting until DEADLINE (CLOCK_MONOTONIC; NULL: forever); NULL when it passed. */
static job *q_pop_until(queue *q, const struct timespec *deadline)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == 0) {
        if (!deadline)
            pthread_cond_wait(&q->not_empty, &q->mu);
        else if (pthread_cond_timedwait(&q->not_empty, &q->mu, deadline) && q->n == 0) {
            pthread_mutex_unlock(&q->mu);
            return NULL;
        }
    }
    job *j = q->v[q->head];
    q->head = (q->head + 1) % QCAP;
    q->n--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
    return j;
}

static job *q_pop(queue *q) { return q_pop_until(q, NULL); }

static void job_free(job *j)
{
    if (!j)
        return;
    free(j->name);
    free(j->where);
    free(j->text);
    free(j->error);
    free((char *)j->pos.path);
    vnner_record_free(j->rec);
    free(j);
}

/* A job for a file (NAME its path), or for a line when NAME is NULL. */
static job *new_job(const char *name, char *where)
{
    job *j = vn_xcalloc(1, sizeof *j);
    j->name = name ? vn_xstrdup(name) : NULL;
    j->where = where;
    return j;
}

/* ---- the reader ---- */

/* Numbers J and pushes it to Q once fewer than WINDOW jobs are in flight. */
static void submit(ingest *g, queue *q, job *j)
{
    pthread_mutex_lock(&g->mu);
    while (g->inflight >= WINDOW)
        pthread_cond_wait(&g->room, &g->mu);
    g->inflight++;
    pthread_mutex_unlock(&g->mu);
    j->seq = g->next_seq++;
    q_push(q, j);
}

/* The writer has taken one job: the reader may number another.  Returns how many are still in flight. */
static size_t release(ingest *g)
{
    pthread_mutex_lock(&g->mu);
    size_t left = --g->inflight;
    pthread_cond_signal(&g->room);
    pthread_mutex_unlock(&g->mu);
    return left;
}

/* A job that only carries the message MSG about PATH, for the writer to report. */
static void push_error(ingest *g, const char *path, char *msg)
{
    job *j = new_job(path, vn_xstrdup(path));
    j->error = msg;
    submit(g, &g->out, j);
}

/* The longest line of an input: an annotated line holds the text and its
 * JSON, 5 to 8 times the text (more for a text dense with names). */
static size_t line_limit(const ingest *g)
{
    if (g->input != IN_ANNOTATED)
        return g->max;
    return g->max > SIZE_MAX / ANNOTATED_LINE_FACTOR ? SIZE_MAX : g->max * ANNOTATED_LINE_FACTOR;
}

/* A JSON Lines file: one document (or one annotated document) a line. */
static void read_lines(ingest *g, const char *path)
{
    vn_lines r;
    char *msg;
    int k;
    if (vn_lines_open(&r, path, line_limit(g), &msg)) {
        push_error(g, path, msg);
        return;
    }
    while (!g->stop && (k = vn_lines_next(&r, &msg)) != 0) {
        if (k < 0) {
            push_error(g, path, msg);
            continue;
        }
        job *j = new_job(NULL, vn_line_where(&r.pos));
        j->pos = r.pos;
        j->pos.path = vn_xstrdup(path);
        j->text = vn_xmemdup(r.line, r.len + 1);
        j->len = r.len;
        atomic_fetch_add(&g->read_bytes, r.len + 1);
        submit(g, &g->in, j);
    }
    vn_lines_close(&r);
}

static void read_file(ingest *g, const char *path)
{
    job *j = new_job(path, vn_xstrdup(path));
    if (vn_cli_read_file(path, g->max, &j->text, &j->len)) {
        j->error = vn_xstrdup(""); /* already reported */
        submit(g, &g->out, j);
        return;
    }
    atomic_fetch_add(&g->read_bytes, j->len);
    submit(g, &g->in, j);
}

static void *reader(void *arg)
{
    ingest *g = arg;
    for (int i = 0; i < g->nfiles && !g->stop; i++) {
        if (g->input == IN_JSONL || g->input == IN_ANNOTATED)
            read_lines(g, g->files[i]);
        else
            read_file(g, g->files[i]);
    }
    for (int i = 0; i < g->workers; i++) {
        job *s = vn_xcalloc(1, sizeof *s);
        s->sentinel = 1;
        q_push(&g->in, s);
    }
    return NULL;
}

/* ---- the workers ---- */

static void annotate_text(ingest *g, vnner_doc *doc, job *j, const char *text, size_t len, const char *name,
                          const char *date, const char *source)
{
    vnner_error err = {0};
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.date = date;
    o.max_bytes = g->max;
    if (vnner_doc_annotate(doc, g->model, text, len, &o, &err))
        j->error = vn_xasprintf("%s: %s", j->where, err.message);
    else if (vnner_record_from_doc(&j->rec, doc, name, source))
        vn_cli_oom();
}

static void annotate_record(ingest *g, vnner_doc *doc, job *j)
{
    vn_jsonl_doc d;
    if (vn_jsonl_doc_parse(&d, j->text, j->len, &j->pos, &j->error))
        return;
    annotate_text(g, doc, j, d.text, d.len, d.id, d.date, d.source);
    vn_jsonl_doc_free(&d);
}

static void annotate_page(ingest *g, vnner_doc *doc, job *j)
{
    char *text, *date;
    size_t len;
    if (vnner_html_article(&text, &len, &date, j->text, j->len))
        vn_cli_oom();
    annotate_text(g, doc, j, text, len, j->name, date, NULL); /* the page's own date */
    free(text);
    free(date);
}

/* J's record, or its error. */
static void do_job(ingest *g, vnner_doc *doc, job *j)
{
    vnner_error err = {0};
    switch (g->input) {
    case IN_ANNOTATED:
        if (vnner_record_from_json(&j->rec, j->text, j->len, &err))
            j->error = vn_xasprintf("%s: %s", j->where, err.message);
        break;
    case IN_JSONL: annotate_record(g, doc, j); break;
    case IN_HTML: annotate_page(g, doc, j); break;
    default: annotate_text(g, doc, j, j->text, j->len, j->name, NULL, NULL); break;
    }
    free(j->text);
    j->text = NULL;
}

static void *worker(void *arg)
{
    ingest *g = arg;
    vnner_doc *doc = NULL;
    if (vnner_doc_new(&doc))
        vn_cli_oom();
    for (;;) {
        job *j = q_pop(&g->in);
        int last = j->sentinel; /* j is the writer's once pushed */
        if (!last)
            do_job(g, doc, j);
        q_push(&g->out, j);
        if (last)
            break;
    }
    vnner_doc_free(doc);
    return NULL;
}

/* ---- the writer ---- */

typedef struct writer {
    vnner_store *s;
    size_t seen, added, added_batch, skipped, failed, in_batch, replaced, replaced_batch;
    int dbfail;
    job *pend[WINDOW];   /* jobs that came before their turn, at seq % WINDOW */
    size_t next;         /* the number of the job to store next */
    struct timespec batch_t0; /* when the open batch began */
} writer;

static void db_failed(writer *w, ingest *g, const vnner_error *err)
{
    vn_cli_err("%s", err->message);
    w->dbfail = 1;
    g->stop = 1;
}

static void commit_batch(writer *w, ingest *g)
{
    vnner_error err = {0};
    if (vnner_store_commit(w->s, &err)) {
        db_failed(w, g, &err);
    } else {
        w->added += w->added_batch;
        w->replaced += w->replaced_batch;
    }
    w->in_batch = w->added_batch = w->replaced_batch = 0;
}

static void store_job(writer *w, ingest *g, const job *j)
{
    vnner_error err = {0};
    int add = 0;
    size_t replaced = vnner_store_replaced(w->s);
    if (!w->in_batch && vnner_store_begin(w->s, &err)) {
        db_failed(w, g, &err);
        return;
    }
    if (!w->in_batch)
        clock_gettime(CLOCK_MONOTONIC, &w->batch_t0);
    if (vnner_store_add(w->s, g->model, j->rec, &add, &err)) {
        vnner_store_rollback(w->s);
        db_failed(w, g, &err);
        w->in_batch = w->added_batch = w->replaced_batch = 0; /* the batch is rolled back: none of it counts */
    } else {
        w->added_batch += (size_t)add;
        w->replaced_batch += vnner_store_replaced(w->s) - replaced;
        w->skipped += (size_t)!add;
        if (++w->in_batch >= BATCH)
            commit_batch(w, g);
    }
}

static void take_job(writer *w, ingest *g, const job *j)
{
    w->seen++;
    if (j->error) {
        if (*j->error)
            vn_cli_err("%s", j->error);
        w->failed++;
    } else if (!w->dbfail) {
        store_job(w, g, j);
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* When the open batch is due: BATCH_SECONDS after it began. */
static struct timespec batch_deadline(const writer *w)
{
    struct timespec d = w->batch_t0;
    d.tv_sec += (time_t)BATCH_SECONDS;
    return d;
}

static int batch_old(const writer *w)
{
    struct timespec d = batch_deadline(w), now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > d.tv_sec || (now.tv_sec == d.tv_sec && now.tv_nsec >= d.tv_nsec);
}

/* Holds J until its turn, then takes it and every held job after it, in
 * input order.  The batch is committed when it is old, or when nothing read
 * is left to store (the input has no record ready): a transaction is never
 * held open while waiting for input. */
static void reorder(writer *w, ingest *g, job *j)
{
    size_t left = 1;
    w->pend[j->seq % WINDOW] = j;
    while ((j = w->pend[w->next % WINDOW]) != NULL) {
        w->pend[w->next % WINDOW] = NULL;
        w->next++;
        take_job(w, g, j);
        job_free(j);
        left = release(g);
    }
    if (w->in_batch && !w->dbfail && (left == 0 || batch_old(w)))
        commit_batch(w, g);
}

/* The next job from the workers; an open batch is committed when it falls due meanwhile. */
static job *next_job(writer *w, ingest *g)
{
    while (w->in_batch && !w->dbfail) {
        struct timespec d = batch_deadline(w);
        job *j = q_pop_until(&g->out, &d);
        if (j)
            return j;
        commit_batch(w, g);
    }
    return q_pop(&g->out);
}

/* The progress line on a terminal: done and total (one document a file, else
 * the share of the input's bytes read), percent, rate and time left. */
static void show_progress(const writer *w, ingest *g, double secs)
{
    int per_file = g->input != IN_JSONL && g->input != IN_ANNOTATED && g->total_bytes;
    double rate = (double)w->seen / (secs + 1e-9), frac = -1;
    if (per_file)
        frac = (double)w->seen / (double)g->nfiles;
    else if (g->total_bytes)
        frac = (double)atomic_load(&g->read_bytes) / (double)g->total_bytes;
    fprintf(stderr, "\r\033[Kvnner: %zu", w->seen);
    if (per_file)
        fprintf(stderr, "/%d", g->nfiles);
    fprintf(stderr, " documents, %zu new, %.0f docs/s", w->added + w->added_batch, rate);
    if (frac > 0 && frac <= 1) {
        double left = secs * (1 - frac) / frac;
        fprintf(stderr, ", %.0f%%%s, %d:%02d left", 100 * frac, per_file ? "" : " of the input", (int)(left / 60),
                (int)left % 60);
    }
}

/* Stores what the workers send until each has sent its sentinel. */
static void write_all(writer *w, ingest *g)
{
    int progress = vn_cli_colour(STDERR_FILENO), done = 0;
    double t0 = now_s(), last = 0;
    while (done < g->workers) {
        job *j = next_job(w, g);
        if (j->sentinel) {
            done++;
            job_free(j);
        } else {
            reorder(w, g, j);
        }
        if (progress && now_s() - last > 0.2) {
            last = now_s();
            show_progress(w, g, last - t0);
        }
    }
    if (w->in_batch && !w->dbfail)
        commit_batch(w, g);
    if (progress)
        fputs("\r\033[K", stderr);
}

static void start(pthread_t *t, void *(*fn)(void *), ingest *g)
{
    if (pthread_create(t, NULL, fn, g))
        vn_cli_oom();
}

/* Reads, annotates and stores every file of G into S; the counts in W. */
static void run(ingest *g, writer *w)
{
    pthread_t rd, *wk = vn_xcalloc((size_t)g->workers, sizeof *wk);
    q_init(&g->in);
    q_init(&g->out);
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->room, NULL);
    start(&rd, reader, g);
    for (int i = 0; i < g->workers; i++)
        start(&wk[i], worker, g);
    write_all(w, g);
    pthread_join(rd, NULL);
    for (int i = 0; i < g->workers; i++)
        pthread_join(wk[i], NULL);
    free(wk);
    q_destroy(&g->in);
    q_destroy(&g->out);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->room);
}

/* ---- the command ---- */

static void usage(FILE *f)
{
    fputs("usage: vnner ingest [--db FILE] [--input text|jsonl|annotated|html] [-j N] [--gazetteer DIR]...\n"
          "                    [--rules DIR]... [--max-size BYTES] [FILE... | -]\n"
          "Annotates the documents (or loads what 'annotate --format jsonl --with-text' wrote,\n"
          "with --input annotated) and stores persons, posts, bodies, holdings with their\n"
          "evidence, events and participations in a SQLite database.  A document already\n"
          "stored (same normalised text) is skipped, so re-running adds only what is new.\n"
          "Without FILE (or with -) reads standard input, unless it is a terminal.\n"
          "  --db FILE     the database (default $VNNER_DB, else vnner.db)\n"
          "  -j N          annotating threads (default: the number of processors)\n"
          "  --gazetteer DIR, --rules DIR  extend the lists and rules, as for annotate\n"
          "  --max-size N  refuse documents and JSON Lines lines over N bytes (an annotated\n"
          "                line: over 32 times N)\n"
          "Exit status: 0 done, 1 some document could not be read (the rest were stored),\n"
          "2 wrong usage, 3 the database could not be opened or written (what was committed\n"
          "before stays).\n",
          f);
}

static int parse_input(const char *s, int *input)
{
    static const char *names[] = {"text", "jsonl", "annotated", "html"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i])) {
            *input = i;
            return 0;
        }
    vn_cli_err("unknown input '%s' (text, jsonl, annotated, html)", s);
    return -1;
}

typedef struct ingest_args {
    const char *db;
    vn_gazetteers gaz;
} ingest_args;

/* The options into G and A; VN_CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, ingest *g, ingest_args *a)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"input", required_argument, 0, 'i'},
                                         {"gazetteer", required_argument, 0, 'g'}, {"rules", required_argument, 0, 'R'}, {"max-size", required_argument, 0, 'm'},
                                         {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:i:j:g:R:m:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': a->db = optarg; break;
        case 'i': if (parse_input(optarg, &g->input)) return VN_EXIT_USAGE; break;
        case 'j':
            g->workers = atoi(optarg);
            if (g->workers < 1 || g->workers > 256) {
                vn_cli_err("-j takes a number from 1 to 256");
                return VN_EXIT_USAGE;
            }
            break;
        case 'g':
        case 'R': if (vn_cli_data_option(o, optarg, &a->gaz) != VN_CLI_GO_ON) return VN_EXIT_USAGE; break;
        case 'm': if (vn_cli_parse_size(optarg, &g->max)) return VN_EXIT_USAGE; break;
        case 'h': usage(stdout); return VN_EXIT_OK;
        default: usage(stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) { /* no FILE: standard input, unless it is a terminal */
        usage(stderr);
        return VN_EXIT_USAGE;
    }
    return VN_CLI_GO_ON;
}

int vn_cmd_ingest(int argc, char **argv)
{
    ingest g = {.input = IN_TEXT, .workers = (int)sysconf(_SC_NPROCESSORS_ONLN), .max = VNNER_DEFAULT_MAX_BYTES};
    ingest_args a = {.db = NULL};
    int rc = parse_options(argc, argv, &g, &a);
    if (rc != VN_CLI_GO_ON)
        return rc;
    if (g.workers < 1)
        g.workers = 1;
    const char *db = vn_cli_default_db(a.db);
    writer w = {.s = NULL};
    vnner_error err = {0};
    if (vn_cli_load_model(&g.model, &a.gaz)) /* first: a malformed list creates no database */
        return VN_EXIT_USAGE;
    if (vnner_store_open(&w.s, db, 0, &err)) {
        vn_cli_err("%s", err.message);
        vnner_model_free(g.model);
        return VN_EXIT_DB;
    }
    static char *dash[] = {"-"};
    g.files = optind < argc ? argv + optind : dash;
    g.nfiles = optind < argc ? argc - optind : 1;
    for (int i = 0; i < g.nfiles; i++) { /* the input's size, for the progress line: unknown for a stream */
        struct stat st;
        if (!strcmp(g.files[i], "-") || stat(g.files[i], &st) || !S_ISREG(st.st_mode)) {
            g.total_bytes = 0;
            break;
        }
        g.total_bytes += (size_t)st.st_size;
    }
    double t0 = now_s();
    run(&g, &w);
    fprintf(stderr, "vnner: %zu documents read, %zu stored, %zu already stored, %zu failed, %zu replaced, in %.2f s (%s)\n",
            w.seen, w.added, w.skipped, w.failed, w.replaced, now_s() - t0, db);
    vnner_store_close(w.s);
    vnner_model_free(g.model);
    return w.dbfail ? VN_EXIT_DB : w.failed ? VN_EXIT_BAD_INPUT : VN_EXIT_OK;
}
