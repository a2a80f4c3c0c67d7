/* vnner history, export, stats and forget: commands over a whole database. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "exit.h"

static const char *const history_help =
    "usage: vnner history [--db FILE] [--format text|json] [--gazetteer DIR] POST\n"
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

static const char *db_path(const char *db)
{
    const char *e = getenv("VNNER_DB");
    return db ? db : e && *e ? e : "vnner.db";
}

static int status_of(int code) { return code == VNNER_EINVAL ? VN_EXIT_USAGE : code == VNNER_EDB ? VN_EXIT_DB : VN_EXIT_BAD_INPUT; }

/* Opens DB (existing; read-only unless WRITE) and, when M, the model with GAZ. */
static int open_all(const char *db, int write, vnner_store **s, vnner_model **m, const char *const *gaz, size_t ngaz)
{
    vnner_error err;
    struct stat st;
    *s = NULL;
    if (m)
        *m = NULL;
    db = db_path(db);
    if (stat(db, &st) != 0) {
        vn_cli_err("%s: no such database (create it with 'vnner ingest')", db);
        return VN_EXIT_DB;
    }
    if (vnner_store_open(s, db, write ? 0 : VNNER_STORE_READONLY, &err)) {
        vn_cli_err("%s", err.message);
        return VN_EXIT_DB;
    }
    if (m && vnner_model_load(m, NULL, gaz, ngaz, &err)) {
        vn_cli_err("%s", err.message);
        return VN_EXIT_USAGE;
    }
    return VN_EXIT_OK;
}

int vn_cmd_history(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
                                         {"gazetteer", required_argument, 0, 'g'}, {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *db = NULL, *gaz[32];
    size_t ngaz = 0;
    int json = 0, o;
    while ((o = getopt_long(argc, argv, "d:f:g:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': db = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
                vn_cli_err("unknown format '%s' (text, json)", optarg);
                return VN_EXIT_USAGE;
            }
            json = !strcmp(optarg, "json");
            break;
        case 'g':
            if (ngaz == 32) {
                vn_cli_err("at most 32 --gazetteer folders");
                return VN_EXIT_USAGE;
            }
            gaz[ngaz++] = optarg;
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
    vnner_store *s;
    vnner_model *m;
    vnner_answer *a = NULL;
    vnner_error err;
    int rc = open_all(db, 0, &s, &m, gaz, ngaz);
    if (rc == VN_EXIT_OK && (rc = vnner_store_history(&a, s, m, argv[optind], &err))) {
        vn_cli_err("%s", err.message);
        rc = status_of(rc);
    }
    if (rc == VN_EXIT_OK) {
        if (vnner_answer_write(a, stdout, json) || fflush(stdout)) {
            vn_cli_err("cannot write the answer");
            rc = VN_EXIT_BAD_INPUT;
        } else if (!vnner_answer_known(a)) {
            vn_cli_err("%s: no such post in %s%s%s", argv[optind], db_path(db),
                       vnner_answer_suggestion_count(a) ? "; did you mean " : "",
                       vnner_answer_suggestion_count(a) ? vnner_answer_suggestion(a, 0) : "");
            rc = VN_EXIT_BAD_INPUT;
        }
    }
    vnner_answer_free(a);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

int vn_cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
                                         {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *db = NULL, *outpath = NULL;
    int fmt = -1, o;
    while ((o = getopt_long(argc, argv, "d:f:o:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': db = optarg; break;
        case 'o': outpath = optarg; break;
        case 'f':
            fmt = !strcmp(optarg, "csv")               ? VNNER_EXPORT_CSV
                  : !strcmp(optarg, "popolo")          ? VNNER_EXPORT_POPOLO
                  : !strcmp(optarg, "quickstatements") ? VNNER_EXPORT_QUICKSTATEMENTS
                                                       : -2;
            if (fmt == -2) {
                vn_cli_err("unknown format '%s' (csv, popolo, quickstatements)", optarg);
                return VN_EXIT_USAGE;
            }
            break;
        case 'h': fputs(export_help, stdout); return VN_EXIT_OK;
        default: fputs(export_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (fmt < 0 || optind != argc) {
        if (fmt < 0)
            vn_cli_err("export needs --format csv, popolo or quickstatements");
        fputs(export_help, stderr);
        return VN_EXIT_USAGE;
    }
    if (outpath && !strcmp(db_path(db), outpath)) {
        vn_cli_err("%s: the output would overwrite the database", outpath);
        return VN_EXIT_USAGE;
    }
    vnner_store *s;
    vnner_model *m;
    vnner_error err;
    int rc = open_all(db, 0, &s, &m, NULL, 0);
    FILE *out = stdout;
    if (rc == VN_EXIT_OK && outpath && !(out = fopen(outpath, "w"))) {
        vn_cli_err("%s: cannot write", outpath);
        rc = VN_EXIT_BAD_INPUT;
    }
    if (rc == VN_EXIT_OK && (rc = vnner_store_export(s, m, out, (vnner_export_format)fmt, &err))) {
        vn_cli_err("%s", err.message);
        rc = status_of(rc);
    }
    if (out && out != stdout && fclose(out) && rc == VN_EXIT_OK) {
        vn_cli_err("%s: cannot write", outpath);
        rc = VN_EXIT_BAD_INPUT;
    }
    if (out == stdout && fflush(stdout) && rc == VN_EXIT_OK) {
        vn_cli_err("cannot write the export");
        rc = VN_EXIT_BAD_INPUT;
    }
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}

/* The options of stats and forget: --db and --help. */
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
    return -1;
}

int vn_cmd_stats(int argc, char **argv)
{
    const char *db = NULL;
    int rc = db_options(argc, argv, &db, stats_help);
    if (rc >= 0)
        return rc;
    if (optind != argc) {
        fputs(stats_help, stderr);
        return VN_EXIT_USAGE;
    }
    vnner_store *s;
    vnner_error err;
    rc = open_all(db, 0, &s, NULL, NULL, 0);
    if (rc == VN_EXIT_OK && (rc = vnner_store_stats(s, stdout, &err))) {
        vn_cli_err("%s", err.message);
        rc = status_of(rc);
    }
    if (rc == VN_EXIT_OK && fflush(stdout)) {
        vn_cli_err("cannot write the statistics");
        rc = VN_EXIT_BAD_INPUT;
    }
    vnner_store_close(s);
    return rc;
}

int vn_cmd_forget(int argc, char **argv)
{
    const char *db = NULL;
    int rc = db_options(argc, argv, &db, forget_help);
    if (rc >= 0)
        return rc;
    if (optind >= argc) {
        fputs(forget_help, stderr);
        return VN_EXIT_USAGE;
    }
    vnner_store *s;
    vnner_error err;
    rc = open_all(db, 1, &s, NULL, NULL, 0);
    for (int i = optind; rc != VN_EXIT_DB && rc != VN_EXIT_USAGE && i < argc; i++) {
        int removed = 0, q = vnner_store_forget(s, argv[i], &removed, &err);
        if (q) {
            vn_cli_err("%s", err.message);
            rc = status_of(q);
        } else if (!removed) {
            vn_cli_err("%s: no such document in %s", argv[i], db_path(db));
            rc = VN_EXIT_BAD_INPUT;
        } else {
            fprintf(stderr, "vnner: forgot %s\n", argv[i]);
        }
    }
    vnner_store_close(s);
    return rc;
}
