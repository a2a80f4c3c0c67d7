/* vnner who and positions: a query of the store, answered as text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "exit.h"

static const char *const who_help =
    "usage: vnner who [--db FILE] [--on YYYY-MM-DD] [--format text|json] POST\n"
    "Who held POST on a date (default today), with the sentences that say so.\n"
    "POST may be spelled any way: old or new tone marks, abbreviations (UBND,\n"
    "TP.HCM), any case.  Exit status 0 also when no holder is known.\n";

static const char *const positions_help =
    "usage: vnner positions [--db FILE] [--on YYYY-MM-DD] [--format text|json] PERSON\n"
    "The posts PERSON held (all, or those held on --on), with tenure and evidence.\n";

typedef struct query_args {
    int who;            /* who, else positions */
    const char *db, *on, *what;
    int json;
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
                                         {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:o:f:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': a->db = optarg; break;
        case 'o': a->on = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
                vn_cli_err("unknown format '%s' (text, json)", optarg);
                return VN_EXIT_USAGE;
            }
            a->json = !strcmp(optarg, "json");
            break;
        case 'h': usage(a, stdout); return VN_EXIT_OK;
        default: usage(a, stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        usage(a, stderr);
        return VN_EXIT_USAGE;
    }
    a->what = argv[optind];
    return VN_CLI_GO_ON;
}

/* Asks S and writes the answer; the exit status. */
static int answer(const query_args *a, vnner_store *s, const vnner_model *m)
{
    vnner_answer *ans = NULL;
    vnner_error err;
    int q = a->who ? vnner_store_who(&ans, s, m, a->what, a->on, &err)
                   : vnner_store_positions(&ans, s, m, a->what, a->on, &err);
    if (q) {
        vn_cli_err("%s", err.message);
        return vn_cli_status(q);
    }
    /* unknown is not "no holder" for who (CONTRACT.md); positions lists what it finds */
    int rc = vn_cli_write_answer(ans, a->json, a->who ? a->what : NULL, a->db);
    vnner_answer_free(ans);
    return rc;
}

static int query(int argc, char **argv, int who)
{
    query_args a = {.who = who};
    int rc = parse_options(argc, argv, &a);
    if (rc != VN_CLI_GO_ON)
        return rc;
    vnner_store *s;
    vnner_model *m;
    rc = vn_cli_open_query(a.db, &s, &m);
    if (rc == VN_EXIT_OK)
        rc = answer(&a, s, m);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

int vn_cmd_who(int argc, char **argv) { return query(argc, argv, 1); }
int vn_cmd_positions(int argc, char **argv) { return query(argc, argv, 0); }
