/* vnner graph: the store as a Graphviz graph (render.c writes it). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "exit.h"
#include "../util/date.h" /* compiled in: CMakeLists.txt */

static const char *const graph_help =
    "usage: vnner graph [--db FILE] [--person NAME] [--body NAME] [--from DATE] [--to DATE]\n"
    "                   [--depth N] [--max-nodes N] [--format dot|svg|png] [-o FILE]\n"
    "Graphviz DOT of who holds which post, posts of bodies, bodies within bodies,\n"
    "participation in events and awards.  --format svg or png renders it with Graphviz's dot.\n"
    "  --person NAME   the part around this person (--depth steps, default 2)\n"
    "  --body NAME     this body, everything under it, and the people in its posts\n"
    "  --from/--to     holdings and events overlapping this window\n"
    "  --max-nodes N   at most N nodes (default 300): the whole graph keeps its most\n"
    "                  evidenced posts, each with its body and a few holders, and what\n"
    "                  links them; a part keeps its most connected nodes; the rest is\n"
    "                  counted on standard error\n";

typedef struct graph_args {
    const char *db, *outpath;
    vnner_graph_options opts;
    int svg;
} graph_args;

/* --depth or --max-nodes (O is 'D' or 'M'); -1 and a message when bad. */
static int parse_count(int o, const char *s, graph_args *a)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == 0 || *end || v < 0 || v > 1000000) {
        vn_cli_err("--%s takes a whole number from 0 to 1000000, not '%s'", o == 'D' ? "depth" : "max-nodes", s);
        return -1;
    }
    if (o == 'D') {
        a->opts.depth = v ? (int)v : -1; /* --depth 0: the chosen node alone */
    } else if (!v) {
        vn_cli_err("--max-nodes must be at least 1");
        return -1;
    } else {
        a->opts.max_nodes = (int)v;
    }
    return 0;
}

/* One bound of --from/--to: its form, then that it names a real month or day. */
static int check_bound(const char *opt, const char *v, int last, long *day)
{
    size_t n = strlen(v);
    int shaped = n == 4 || n == 7 || n == 10;
    for (size_t i = 0; shaped && i < n; i++)
        shaped = (i == 4 || i == 7) ? v[i] == '-' : v[i] >= '0' && v[i] <= '9';
    if (!shaped) {
        vn_cli_err("%s takes YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", opt, v);
        return -1;
    }
    if (vn_date_parse(v, last, day)) {
        vn_cli_err("%s: no such %s in the calendar: '%s'", opt, n == 7 ? "month" : "day", v);
        return -1;
    }
    return 0;
}

/* --from and --to: each a date, and the window not empty. */
static int check_window(const graph_args *a)
{
    long from = 0, to = 0;
    if ((a->opts.from && check_bound("--from", a->opts.from, 0, &from)) ||
        (a->opts.to && check_bound("--to", a->opts.to, 1, &to)))
        return -1;
    if (a->opts.from && a->opts.to && from > to) {
        vn_cli_err("--from %s is after --to %s: the window holds no day", a->opts.from, a->opts.to);
        return -1;
    }
    return 0;
}

/* The options into A; VN_CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, graph_args *a)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {"person", required_argument, 0, 'p'},
                                         {"body", required_argument, 0, 'b'}, {"from", required_argument, 0, 'F'},
                                         {"to", required_argument, 0, 'T'}, {"depth", required_argument, 0, 'D'},
                                         {"max-nodes", required_argument, 0, 'M'}, {"format", required_argument, 0, 'f'},
                                         {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:p:b:F:T:D:M:f:o:h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': a->db = optarg; break;
        case 'p': a->opts.person = optarg; break;
        case 'b': a->opts.body = optarg; break;
        case 'F': a->opts.from = optarg; break;
        case 'T': a->opts.to = optarg; break;
        case 'D':
        case 'M': if (parse_count(o, optarg, a)) return VN_EXIT_USAGE; break;
        case 'o': a->outpath = optarg; break;
        case 'f':
            if (strcmp(optarg, "dot") && strcmp(optarg, "svg") && strcmp(optarg, "png")) {
                vn_cli_err("unknown format '%s' (dot, svg, png)", optarg);
                return VN_EXIT_USAGE;
            }
            a->svg = !strcmp(optarg, "svg") ? 1 : !strcmp(optarg, "png") ? 2 : 0; /* 0 DOT, 1 SVG, 2 PNG */
            break;
        case 'h': fputs(graph_help, stdout); return VN_EXIT_OK;
        default: fputs(graph_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind != argc) {
        fputs(graph_help, stderr);
        return VN_EXIT_USAGE;
    }
    if (check_window(a))
        return VN_EXIT_USAGE;
    return vn_cli_check_output(a->outpath, a->db);
}

/* Makes the graph and writes it; the exit status. */
static int draw(const graph_args *a, vnner_store *s, const vnner_model *m)
{
    vnner_error err = {0};
    char *dot = NULL;
    size_t left = 0;
    int g = vnner_store_graph(&dot, &left, s, m, &a->opts, &err);
    if (g) {
        vn_cli_err("%s", err.message);
        return vn_cli_status(g);
    }
    if (left) /* 300: the library's default, vnner.h */
        vn_cli_err("--max-nodes %d left out %zu nodes",
                   a->opts.max_nodes > 0 ? a->opts.max_nodes : 300, left);
    int rc = vn_cli_emit_graph(dot, a->outpath, a->svg);
    free(dot);
    return rc;
}

int vn_cmd_graph(int argc, char **argv)
{
    graph_args a = {.opts = VNNER_GRAPH_OPTIONS_INIT};
    int rc = parse_options(argc, argv, &a);
    if (rc != VN_CLI_GO_ON)
        return rc;
    vnner_store *s;
    vnner_model *m;
    rc = vn_cli_open_query(a.db, NULL, &s, &m);
    if (rc == VN_EXIT_OK)
        rc = draw(&a, s, m);
    vnner_model_free(m);
    vnner_store_close(s);
    return rc;
}
