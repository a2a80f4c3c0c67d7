/* vnner graph: the store as a Graphviz graph (rendering is render.c's). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "exit.h"

static const char *const graph_help =
    "usage: vnner graph [--db FILE] [--person NAME] [--body NAME] [--from DATE] [--to DATE]\n"
    "                   [--depth N] [--max-nodes N] [--format dot|svg] [-o FILE]\n"
    "Graphviz DOT of who holds which post, posts of bodies, bodies within bodies,\n"
    "participation in events and awards.  --format svg renders it with Graphviz's dot.\n"
    "  --person NAME   the part around this person (--depth steps, default 2)\n"
    "  --body NAME     this body, everything under it, and the people in its posts\n"
    "  --from/--to     holdings and events overlapping this window\n"
    "  --max-nodes N   keep the N most connected nodes (default 300); the rest is\n"
    "                  counted on standard error\n";

int vn_cmd_graph(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"person", required_argument, 0, 'p'},
                                         {"body", required_argument, 0, 'b'}, {"from", required_argument, 0, 'F'},
                                         {"to", required_argument, 0, 'T'}, {"depth", required_argument, 0, 'D'},
                                         {"max-nodes", required_argument, 0, 'M'}, {"format", required_argument, 0, 'f'},
                                         {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    vnner_graph_options go = {0};
    const char *db = NULL, *outpath = NULL;
    int svg = 0, o;
    while ((o = getopt_long(argc, argv, "d:p:b:F:T:D:M:f:o:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': db = optarg; break;
        case 'p': go.person = optarg; break;
        case 'b': go.body = optarg; break;
        case 'F': go.from = optarg; break;
        case 'T': go.to = optarg; break;
        case 'D':
        case 'M': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == 0 || *end || v < 0 || v > 1000000) {
                vn_cli_err("--%s takes a whole number from 0 to 1000000, not '%s'", o == 'D' ? "depth" : "max-nodes", optarg);
                return VN_EXIT_USAGE;
            }
            if (o == 'D')
                go.depth = v ? (int)v : -1; /* --depth 0: the chosen node alone */
            else if (!v) {
                vn_cli_err("--max-nodes must be at least 1");
                return VN_EXIT_USAGE;
            } else
                go.max_nodes = (int)v;
            break;
        }
        case 'o': outpath = optarg; break;
        case 'f':
            if (strcmp(optarg, "dot") && strcmp(optarg, "svg")) {
                vn_cli_err("unknown format '%s' (dot, svg)", optarg);
                return VN_EXIT_USAGE;
            }
            svg = !strcmp(optarg, "svg");
            break;
        case 'h': fputs(graph_help, stdout); return 0;
        default: fputs(graph_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind != argc) {
        fputs(graph_help, stderr);
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
    vnner_error err;
    char *dot = NULL;
    size_t left = 0;
    int rc = 0;
    if (vnner_store_open(&s, db, VNNER_STORE_READONLY, &err)) {
        vn_cli_err("%s", err.message);
        return VN_EXIT_DB;
    }
    if (vn_cli_load_model(&m, NULL, 0)) {
        rc = VN_EXIT_USAGE;
        goto cleanup;
    }
    int g = vnner_store_graph(&dot, &left, s, m, &go, &err);
    if (g) {
        vn_cli_err("%s", err.message);
        rc = g == VNNER_EINVAL ? VN_EXIT_USAGE : g == VNNER_EDB ? VN_EXIT_DB : VN_EXIT_BAD_INPUT;
        goto cleanup;
    }
    if (left)
        vn_cli_err("--max-nodes %d left out %zu less connected nodes", go.max_nodes > 0 ? go.max_nodes : 300, left);
    rc = vn_cli_emit_graph(dot, outpath, svg);
cleanup:
    free(dot);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}
