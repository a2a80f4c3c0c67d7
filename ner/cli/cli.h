/* The vnner command line: one file a command (annotate.c, ingest.c, query.c,
 * graph.c; render.c writes graphs), main.c dispatching, cli.c the helpers
 * they share.  Everything goes through the public API, vnner.h; exit
 * statuses are exit.h's.
 *
 * Out of memory, one policy for all of ner/cli/: an allocation of the CLI
 * that fails (and a library call whose only failure is VNNER_ENOMEM:
 * vnner_doc_new, vnner_html_to_text, vnner_record_from_doc), or a thread
 * that cannot be started, ends the program: "vnner: out of memory" on
 * standard error and exit status VN_EXIT_BAD_INPUT (1).  What ingest
 * committed before stays.  The vn_x* allocators below do this; nothing in the
 * CLI calls malloc, calloc, realloc or strdup directly. */
#ifndef VNNER_CLI_H
#define VNNER_CLI_H
#include <stddef.h>
#include <stdio.h>
#include "vnner.h"

/* What an option parser returns when the command is to go on; any other
 * value is the exit status to end with (0 after --help). */
#define VN_CLI_GO_ON (-1)

/* ---- messages and memory (cli.c) ---- */
/* "vnner: ", the message and a newline on standard error, as one line even
 * when several threads report at once. */
void vn_cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The out-of-memory policy above: reports and exits; never returns. */
_Noreturn void vn_cli_oom(void);
void *vn_xmalloc(size_t n);
void *vn_xcalloc(size_t n, size_t size);
void *vn_xrealloc(void *p, size_t n);
char *vn_xstrdup(const char *s);
void *vn_xmemdup(const void *p, size_t n);
/* A new string, printf-formatted. */
char *vn_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- outputs (cli.c): every write of every command is checked here ---- */
/* Reports that NAME ("standard output" or a file's path) could not be
 * written, ERR the errno value (0: unknown): "vnner: cannot write NAME:
 * REASON", once for standard output however often it fails.  Returns
 * VN_EXIT_BAD_INPUT. */
int vn_cli_write_failed(FILE *f, const char *name, int err);
/* Flushes F (named NAME) and reports a write error, now or earlier: the
 * exit status. */
int vn_cli_flush(FILE *f, const char *name);
/* vn_cli_flush of standard output. */
int vn_cli_flush_stdout(void);
/* Flushes and closes F, a file the command opened: the exit status. */
int vn_cli_close_output(FILE *f, const char *name);
/* What main() returns: standard output flushed and checked, then the worse
 * of RC and that. */
int vn_cli_exit_status(int rc);

/* ---- options and statuses (cli.c) ---- */
/* Parses a --max-size value; a message and -1 when malformed. */
int vn_cli_parse_size(const char *s, size_t *out);
/* Checks the value S of OPT (--date) is a day of the calendar, YYYY-MM-DD
 * (2024-02-30 is not); a message and -1 when not. */
int vn_cli_parse_day(const char *opt, const char *s);
/* The --gazetteer and --rules folders of a command, in order (more than
 * VN_CLI_MAX_GAZ of either are refused). */
#define VN_CLI_MAX_GAZ 32
typedef struct vn_gazetteers {
    char *dirs[VN_CLI_MAX_GAZ];
    size_t n;
    char *rules[VN_CLI_MAX_GAZ];
    size_t nrules;
} vn_gazetteers;
/* Adds DIR; -1 when there are VN_CLI_MAX_GAZ already. */
int vn_cli_add_gazetteer(vn_gazetteers *g, char *dir);
/* --gazetteer DIR (OPT 'g') and --rules DIR (OPT 'R'): VN_CLI_GO_ON, or a
 * message and VN_EXIT_USAGE. */
int vn_cli_data_option(int opt, const char *arg, vn_gazetteers *g);
/* --format text|json (OPT 'f'), --gazetteer DIR and --rules DIR of the
 * queries: VN_CLI_GO_ON, or a message and VN_EXIT_USAGE. */
int vn_cli_answer_option(int opt, const char *arg, int *json, vn_gazetteers *gaz);
/* The exit status for a failed store query's VNNER_E* code. */
int vn_cli_status(int code);

/* ---- data (cli.c) ---- */
/* Reads a whole file ("-" = standard input) up to MAX bytes; messages on failure. */
int vn_cli_read_file(const char *path, size_t max, char **out, size_t *len);
/* Loads the bundled model and GAZ's gazetteer and rules folders; a message
 * (naming file:line:column for a rule) on failure. */
int vn_cli_load_model(vnner_model **m, const vn_gazetteers *gaz);
/* The same, for QUERIES 1: commands that annotate only short names (the rules are not JIT-compiled). */
int vn_cli_load_model_for(vnner_model **m, const vn_gazetteers *gaz, int queries);
/* DB if given, else $VNNER_DB, else vnner.db. */
const char *vn_cli_default_db(const char *db);
/* Whether output to FD may use colour (and a live progress line): a terminal,
 * NO_COLOR unset or empty (no-color.org), TERM not "dumb". */
int vn_cli_colour(int fd);
/* An output of a command that reads the database DB (NULL: the default):
 * the file OUT, or standard output when NULL.  VN_CLI_GO_ON, or a message
 * and VN_EXIT_USAGE when it is the database or its -wal, -shm or -journal
 * (the same file: ./X and links are caught; not there yet: the same name in
 * the same folder). */
int vn_cli_check_output(const char *out, const char *db);
/* Opens the existing database DB (NULL: the default) with FLAGS
 * (VNNER_STORE_*).  VN_EXIT_OK, or a message and VN_EXIT_DB. */
int vn_cli_open_db(const char *db, unsigned flags, vnner_store **s);
/* For the queries: the database read-only and the bundled model.  VN_EXIT_OK,
 * or a message and the exit status. */
int vn_cli_open_query(const char *db, const vn_gazetteers *gaz, vnner_store **s, vnner_model **m);
/* Writes ANS (JSON or text) and flushes standard output.  When POST is given
 * (who, history) and the database DB (NULL: the default) does not know it,
 * a message with the closest known post: CONTRACT.md's "not no holder".
 * The exit status. */
int vn_cli_write_answer(const vnner_answer *ans, int json, const char *post, const char *db);

/* ---- JSON Lines input (cli.c), for annotate and ingest ---- */
/* Where a line is: its file, number (from 1) and byte offset in the file. */
typedef struct vn_line_pos {
    const char *path;
    size_t lineno;
    long long off;
} vn_line_pos;

typedef struct vn_lines {
    vn_line_pos pos;    /* of the current line */
    char *line;         /* the current line, its newline kept, NUL-terminated */
    size_t len;         /* its bytes */
    size_t cap;
    size_t max;         /* the longest line taken, newline not counted */
    long long next;     /* the offset of the line after */
    int ended;          /* a read error ended the file */
    FILE *fp;
    char *buf;          /* what was read ahead of the line */
    size_t bpos, blen;
} vn_lines;

/* Opens PATH ("-" = standard input) for lines of at most MAX bytes; on
 * failure -1 and a new message in *msg ("PATH: cannot open: ..." or "PATH: is
 * a directory, not a file"). */
int vn_lines_open(vn_lines *r, const char *path, size_t max, char **msg);
/* Moves to the next line that is not blank: 1, or 0 at the end.  -1 and a
 * new message in *msg for a line over the limit (never held whole: skipped
 * to its newline, and the next call goes on after it) or a read error
 * ("PATH: read error: ...", and the next call returns 0). */
int vn_lines_next(vn_lines *r, char **msg);
void vn_lines_close(vn_lines *r);
/* "FILE:LINE: byte OFFSET", a new string, for messages. */
char *vn_line_where(const vn_line_pos *at);

/* A document record {"id", "text", "date"?, "source"?} of a JSON Lines input.
 * The strings live as long as the record. */
typedef struct vn_jsonl_doc {
    struct json_t *obj;
    const char *text;
    size_t len;
    const char *id;     /* the record's id (a string or an integer), else "FILE:LINE" */
    const char *date;   /* or NULL */
    const char *source; /* or NULL */
    char *idbuf;        /* the number or "FILE:LINE", allocated: a long path is never cut */
} vn_jsonl_doc;

/* Parses LINE (LEN bytes, found AT); on failure -1 and a new message in *msg
 * naming the file, line and byte. */
int vn_jsonl_doc_parse(vn_jsonl_doc *d, const char *line, size_t len, const vn_line_pos *at, char **msg);
void vn_jsonl_doc_free(vn_jsonl_doc *d);

/* ---- commands: each takes its own argv (argv[0] the command's name) ---- */
int vn_cmd_annotate(int argc, char **argv);
int vn_cmd_ingest(int argc, char **argv);
int vn_cmd_who(int argc, char **argv);
int vn_cmd_positions(int argc, char **argv);
int vn_cmd_graph(int argc, char **argv);
int vn_cmd_history(int argc, char **argv); /* archive.c: history, export, stats, forget */
int vn_cmd_export(int argc, char **argv);
int vn_cmd_stats(int argc, char **argv);
int vn_cmd_forget(int argc, char **argv);
int vn_cmd_rules(int argc, char **argv);

/* ---- render.c ---- */
/* Writes DOT to OUTPATH (or standard output), rendered to SVG or PNG with Graphviz's
 * dot (FORMAT 1 or 2).  The exit status. */
int vn_cli_emit_graph(const char *dot, const char *outpath, int format); /* 0 DOT, 1 SVG, 2 PNG */
#endif
