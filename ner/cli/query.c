/* vnner who and positions: a query of the store, answered as text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "exit.h"

static const char *const who_help =
    "usage: vnner who [--db FILE] [--on YYYY-MM-DD] [--format text|json] [--gazetteer DIR] [--rules DIR] POST\n"
    "       vnner who [OPTIONS] --batch < POSTS\n"
    "Who held POST on a date (default today), with the sentences that say so.\n"
    "POST may be typed any way: old or new tone marks, no diacritics, abbreviations\n"
    "(UBND, TP.HCM, TU), any case.  Exit status 0 also when no holder is known;\n"
    "1 for a post the database does not know (with the closest known posts).\n"
    "--batch reads one POST a line from standard input, or POST, a tab and the\n"
    "line's own date (one JSON object a line with --format json); the exit\n"
    "status is the worst of the queries'.\n";

static const char *const positions_help =
    "usage: vnner positions [--db FILE] [--on YYYY-MM-DD] [--format text|json] [--gazetteer DIR] [--rules DIR] PERSON\n"
    "       vnner positions [OPTIONS] --batch < PERSONS\n"
    "The posts PERSON held (all, or those held on --on), with tenure and evidence.\n"
    "--batch reads one PERSON a line from standard input, or PERSON, a tab and\n"
    "the line's own date.\n";

typedef struct query_args {
    int who;            /* who, else positions */
    const char *db, *on, *what;
    int json, batch;
    long line;          /* in a batch: the line of standard input being answered, else 0 */
    vn_gazetteers gaz;
} query_args;

static void usage(const query_args *a, FILE *f)
{
    fputs(a->who ? who_help : positions_help, f);
}

/* The options into A; VN_CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, query_args *a)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"on", required_argument, 0, 'o'},
                                         {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'},
                                         {"batch", no_argument, 0, 'b'}, {"gazetteer", required_argument, 0, 'g'}, {"rules", required_argument, 0, 'R'},
                                         {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:f:hg:R:", opts, NULL)) != -1) {
        switch (o) {
        case 'd': a->db = optarg; break;
        case 'o': a->on = optarg; break;
        case 'b': a->batch = 1; break;
        case 'f':
        case 'g':
        case 'R':
            if (vn_cli_answer_option(o, optarg, &a->json, &a->gaz) != VN_CLI_GO_ON)
                return VN_EXIT_USAGE;
            break;
        case 'h': usage(a, stdout); return VN_EXIT_OK;
        default: usage(a, stderr); return VN_EXIT_USAGE;
        }
    }
    if (a->batch ? optind != argc : optind != argc - 1) {
        if (!a->batch && optind < argc - 1)
            vn_cli_err("one %s, quoted: vnner %s \"%s ...\"", a->who ? "POST" : "PERSON", a->who ? "who" : "positions",
                       argv[optind]);
        usage(a, stderr);
        return VN_EXIT_USAGE;
    }
    a->what = a->batch ? NULL : argv[optind];
    return VN_CLI_GO_ON;
}

/* Asks S and writes the answer; the exit status. */
static int answer(const query_args *a, vnner_store *s, const vnner_model *m)
{
    vnner_answer *ans = NULL;
    vnner_error err = {0};
    int q = a->who ? vnner_store_who(&ans, s, m, a->what, a->on, &err)
                   : vnner_store_positions(&ans, s, m, a->what, a->on, &err);
    if (q) {
        if (a->line)
            vn_cli_err("standard input, line %ld: %s", a->line, err.message);
        else
            vn_cli_err("%s", err.message);
        return vn_cli_status(q);
    }
    /* unknown is not "no holder" for who (CONTRACT.md); positions lists what it finds */
    int rc = vn_cli_write_answer(ans, a->json, a->who ? a->what : NULL, a->db);
    vnner_answer_free(ans);
    return rc;
}

/* One query a line of standard input, answered in turn; the worst status. */
static int batch(query_args *a, vnner_store *s, const vnner_model *m)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int worst = VN_EXIT_OK;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        a->line++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (!n)
            continue;
        const char *on = a->on;
        char *tab = strchr(line, '\t'); /* "POST<TAB>DATE": the line's own date */
        if (tab) {
            *tab = 0;
            a->on = tab + 1;
        }
        a->what = line;
        int rc = answer(a, s, m);
        a->on = on;
        fflush(stdout); /* a co-process reading answers: each as soon as it is written (a failed write: ferror) */
        if (rc > worst)
            worst = rc;
        if (rc == VN_EXIT_DB)
            break;
    }
    if (ferror(stdin) || (n < 0 && !feof(stdin))) { /* a read error, or getline out of memory: not the end */
        vn_cli_err("cannot read the queries from standard input: %s", ferror(stdin) ? "read error" : "out of memory");
        worst = worst > VN_EXIT_BAD_INPUT ? worst : VN_EXIT_BAD_INPUT;
    }
    free(line);
    return worst;
}

static int query(int argc, char **argv, int who)
{
    query_args a = {.who = who};
    int rc = parse_options(argc, argv, &a);
    if (rc != VN_CLI_GO_ON)
        return rc;
    vnner_store *s;
    vnner_model *m;
    rc = vn_cli_open_query(a.db, &a.gaz, &s, &m);
    if (rc == VN_EXIT_OK)
        rc = a.batch ? batch(&a, s, m) : answer(&a, s, m);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

int vn_cmd_who(int argc, char **argv) { return query(argc, argv, 1); }
int vn_cmd_positions(int argc, char **argv) { return query(argc, argv, 0); }
