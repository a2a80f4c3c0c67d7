/* vnner who and positions: a query of the store, answered as text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

static int query_cmd(int argc, char **argv, int who)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"on", required_argument, 0, 'o'},
                                         {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *db = NULL, *on = NULL;
    int json = 0, o;
    while ((o = getopt_long(argc, argv, "d:o:f:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': db = optarg; break;
        case 'o': on = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
                vn_cli_err("unknown format '%s' (text, json)", optarg);
                return VN_EXIT_USAGE;
            }
            json = !strcmp(optarg, "json");
            break;
        case 'h': fputs(who ? who_help : positions_help, stdout); return 0;
        default: fputs(who ? who_help : positions_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fputs(who ? who_help : positions_help, stderr);
        return VN_EXIT_USAGE;
    }
    db = vn_cli_default_db(db);
    struct stat st;
    if (stat(db, &st) != 0) {
        vn_cli_err("%s: no such database (create it with 'vnner ingest')", db);
        return VN_EXIT_DB;
    }
    vnner_store *s = NULL;
    vnner_model *m = NULL;
    vnner_answer *a = NULL;
    vnner_error err;
    int rc = 0;
    if (vnner_store_open(&s, db, VNNER_STORE_READONLY, &err)) {
        vn_cli_err("%s", err.message);
        return VN_EXIT_DB;
    }
    if (vn_cli_load_model(&m, NULL, 0)) {
        rc = VN_EXIT_USAGE;
        goto cleanup;
    }
    int q = who ? vnner_store_who(&a, s, m, argv[optind], on, &err)
                : vnner_store_positions(&a, s, m, argv[optind], on, &err);
    if (q) {
        vn_cli_err("%s", err.message);
        rc = q == VNNER_EINVAL ? VN_EXIT_USAGE : q == VNNER_EDB ? VN_EXIT_DB : VN_EXIT_BAD_INPUT;
        goto cleanup;
    }
    if (vnner_answer_write(a, stdout, json) || fflush(stdout)) {
        vn_cli_err("cannot write the answer");
        rc = VN_EXIT_BAD_INPUT;
    } else if (who && !vnner_answer_known(a)) { /* unknown is not "no holder": CONTRACT.md */
        vn_cli_err("%s: no such post in %s%s%s", argv[optind], db,
                   vnner_answer_suggestion_count(a) ? "; did you mean " : "",
                   vnner_answer_suggestion_count(a) ? vnner_answer_suggestion(a, 0) : "");
        rc = VN_EXIT_BAD_INPUT;
    }
cleanup:
    vnner_answer_free(a);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

int vn_cmd_who(int argc, char **argv) { return query_cmd(argc, argv, 1); }
int vn_cmd_positions(int argc, char **argv) { return query_cmd(argc, argv, 0); }
