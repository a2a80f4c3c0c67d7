/* vnner history, export, stats and forget: commands over a whole database. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "exit.h"

static const char *const history_help =
    "usage: vnner history [--db FILE] [--format text|json] [--gazetteer DIR] [--rules DIR] POST\n"
    "Every holder POST has had, in the order they held it, with dates, who\n"
    "replaced whom and the evidence.  A post the database does not know: exit 1\n"
    "and the closest known posts.\n";
static const char *const export_help =
    "usage: vnner export [--db FILE] --format csv|popolo|quickstatements [-o FILE]\n"
    "Every term of every post: CSV (person_id, person, post, qualifier, from, to,\n"
    "doc, source, sentence), Popolo JSON memberships, or Wikidata QuickStatements\n"
    "(P39 with P580/P582; persons and posts as labels to reconcile).\n";
static const char *const stats_help = "usage: vnner stats [--db FILE]\n"
                                      "Documents, persons, posts, the date range and the busiest posts.\n";
static const char *const forget_help = "usage: vnner forget [--db FILE] DOC...\n"
                                       "Removes the stored documents named DOC (as ingest named them) and what only\n"
                                       "they said; terms are recomputed.  Exit 1 when a DOC is not stored.\n";

/* ---- history ---- */

typedef struct history_args {
    const char *db, *post;
    vn_gazetteers gaz;
    int json;
} history_args;

/* The options into A; VN_CLI_GO_ON, or the exit status. */
static int history_options(int argc, char **argv, history_args *a)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
                                         {"gazetteer", required_argument, 0, 'g'}, {"rules", required_argument, 0, 'R'}, {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:f:g:R:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': a->db = optarg; break;
        case 'f':
        case 'g':
        case 'R':
            if (vn_cli_answer_option(o, optarg, &a->json, &a->gaz) != VN_CLI_GO_ON)
                return VN_EXIT_USAGE;
            break;
        case 'h': fputs(history_help, stdout); return VN_EXIT_OK;
        default: fputs(history_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        if (optind < argc - 1)
            vn_cli_err("one POST, quoted: vnner history \"%s ...\"", argv[optind]);
        fputs(history_help, stderr);
        return VN_EXIT_USAGE;
    }
    a->post = argv[optind];
    return VN_CLI_GO_ON;
}

static int history(const history_args *a, vnner_store *s, const vnner_model *m)
{
    vnner_answer *ans = NULL;
    vnner_error err = {0};
    int q = vnner_store_history(&ans, s, m, a->post, &err);
    if (q) {
        vn_cli_err("%s", err.message);
        return vn_cli_status(q);
    }
    int rc = vn_cli_write_answer(ans, a->json, a->post, a->db);
    vnner_answer_free(ans);
    return rc;
}

int vn_cmd_history(int argc, char **argv)
{
    history_args a = {.json = 0};
    int rc = history_options(argc, argv, &a);
    if (rc != VN_CLI_GO_ON)
        return rc;
    vnner_store *s;
    vnner_model *m;
    rc = vn_cli_open_query(a.db, &a.gaz, &s, &m);
    if (rc == VN_EXIT_OK)
        rc = history(&a, s, m);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

/* ---- export ---- */

typedef struct export_args {
    const char *db, *outpath;
    int fmt; /* a vnner_export_format, or -1 */
} export_args;

static int parse_export_format(const char *s, int *fmt)
{
    static const char *names[] = {"csv", "popolo", "quickstatements"};
    static const int fmts[] = {VNNER_EXPORT_CSV, VNNER_EXPORT_POPOLO, VNNER_EXPORT_QUICKSTATEMENTS};
    for (int i = 0; i < 3; i++)
        if (!strcmp(s, names[i])) {
            *fmt = fmts[i];
            return 0;
        }
    vn_cli_err("unknown format '%s' (csv, popolo, quickstatements)", s);
    return -1;
}

/* The options into A; VN_CLI_GO_ON, or the exit status. */
static int export_options(int argc, char **argv, export_args *a)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
                                         {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:f:o:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': a->db = optarg; break;
        case 'o': a->outpath = optarg; break;
        case 'f': if (parse_export_format(optarg, &a->fmt)) return VN_EXIT_USAGE; break;
        case 'h': fputs(export_help, stdout); return VN_EXIT_OK;
        default: fputs(export_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (a->fmt < 0 || optind != argc) {
        if (a->fmt < 0)
            vn_cli_err("export needs --format csv, popolo or quickstatements");
        fputs(export_help, stderr);
        return VN_EXIT_USAGE;
    }
    return vn_cli_check_output(a->outpath, a->db);
}

/* Exports S to OUT and closes or flushes it; the exit status. */
static int export_to(const export_args *a, vnner_store *s, const vnner_model *m, FILE *out)
{
    vnner_error err = {0};
    const char *name = out == stdout ? "standard output" : a->outpath;
    int rc = VN_EXIT_OK, q = vnner_store_export(s, m, out, (vnner_export_format)a->fmt, &err);
    if (q == VNNER_EIO) {
        rc = vn_cli_write_failed(out, name, errno);
    } else if (q) {
        vn_cli_err("%s", err.message);
        rc = vn_cli_status(q);
    }
    int w = out == stdout ? vn_cli_flush_stdout() : vn_cli_close_output(out, name);
    return rc != VN_EXIT_OK ? rc : w;
}

int vn_cmd_export(int argc, char **argv)
{
    export_args a = {.fmt = -1};
    int rc = export_options(argc, argv, &a);
    if (rc != VN_CLI_GO_ON)
        return rc;
    vnner_store *s;
    vnner_model *m;
    rc = vn_cli_open_query(a.db, NULL, &s, &m);
    FILE *out = stdout;
    if (rc == VN_EXIT_OK && a.outpath && !(out = fopen(a.outpath, "w")))
        rc = vn_cli_write_failed(NULL, a.outpath, errno);
    if (rc == VN_EXIT_OK)
        rc = export_to(&a, s, m, out);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

/* ---- stats and forget ---- */

/* The options of stats and forget: --db and --help.  VN_CLI_GO_ON, or the exit status. */
static int db_options(int argc, char **argv, const char **db, const char *help)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': *db = optarg; break;
        case 'h': fputs(help, stdout); return VN_EXIT_OK;
        default: fputs(help, stderr); return VN_EXIT_USAGE;
        }
    }
    return VN_CLI_GO_ON;
}

int vn_cmd_stats(int argc, char **argv)
{
    const char *db = NULL;
    int rc = db_options(argc, argv, &db, stats_help);
    if (rc != VN_CLI_GO_ON)
        return rc;
    if (optind != argc) {
        fputs(stats_help, stderr);
        return VN_EXIT_USAGE;
    }
    vnner_store *s;
    vnner_error err = {0};
    rc = vn_cli_open_db(db, VNNER_STORE_READONLY, &s);
    int q = rc == VN_EXIT_OK ? vnner_store_stats(s, stdout, &err) : 0;
    if (q == VNNER_EIO) {
        rc = vn_cli_write_failed(stdout, "standard output", errno);
    } else if (q) {
        vn_cli_err("%s", err.message);
        rc = vn_cli_status(q);
    }
    if (rc == VN_EXIT_OK)
        rc = vn_cli_flush_stdout();
    vnner_store_close(s);
    return rc;
}

/* Forgets DOC; the exit status (RC, or what went wrong). */
static int forget(vnner_store *s, const char *doc, const char *db, int rc)
{
    vnner_error err = {0};
    int removed = 0, q = vnner_store_forget(s, doc, &removed, &err);
    if (q) {
        vn_cli_err("%s", err.message);
        return vn_cli_status(q);
    }
    if (!removed) {
        vn_cli_err("%s: no such document in %s", doc, vn_cli_default_db(db));
        return VN_EXIT_BAD_INPUT;
    }
    fprintf(stderr, "vnner: forgot %s\n", doc);
    return rc;
}

int vn_cmd_forget(int argc, char **argv)
{
    const char *db = NULL;
    int rc = db_options(argc, argv, &db, forget_help);
    if (rc != VN_CLI_GO_ON)
        return rc;
    if (optind >= argc) {
        fputs(forget_help, stderr);
        return VN_EXIT_USAGE;
    }
    vnner_store *s;
    rc = vn_cli_open_db(db, 0, &s);
    for (int i = optind; rc != VN_EXIT_DB && rc != VN_EXIT_USAGE && i < argc; i++)
        rc = forget(s, argv[i], db, rc);
    vnner_store_close(s);
    return rc;
}
