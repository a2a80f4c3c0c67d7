/* vnner command line: a thin layer over the public API (vnner.h), one file a
 * command; this one dispatches and prints --help and --version. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"

static const char *const main_help =
    "usage: vnner COMMAND [OPTIONS] [ARGS]\n"
    "Finds who holds which post in Vietnamese official news.\n\n"
    "Commands:\n"
    "  annotate   tag persons, posts, bodies, events, places and dates\n"
    "  ingest     annotate (or load annotated) documents into a SQLite database\n"
    "  who        who held a post on a date\n"
    "  positions  which posts a person held\n"
    "  graph      relation graph as Graphviz DOT\n"
    "  history    every holder of a post over time\n"
    "  export     every term as CSV, Popolo JSON or Wikidata QuickStatements\n"
    "  stats      what a database holds\n"
    "  forget     remove documents from a database\n"
    "  rules      list the rules, run their examples, see which rules fire\n"
    "  help CMD   help for one command\n\n"
    "Exit status: 0 success, 1 a document or query could not be processed,\n"
    "2 wrong usage, 3 the database could not be opened or written.\n";

typedef struct command {
    const char *name;
    int (*run)(int, char **);
} command;

static const command commands[] = {
    {"annotate", vn_cmd_annotate}, {"ingest", vn_cmd_ingest}, {"who", vn_cmd_who},
    {"positions", vn_cmd_positions}, {"graph", vn_cmd_graph}, {"history", vn_cmd_history},
    {"export", vn_cmd_export}, {"stats", vn_cmd_stats}, {"forget", vn_cmd_forget}, {"rules", vn_cmd_rules}, {NULL, NULL}};

static const command *find(const char *name)
{
    for (const command *c = commands; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    vn_cli_err("no command '%s'; see vnner --help", name);
    return NULL;
}

static int run(const command *c, int argc, char **argv)
{
    optind = 1;
    return c->run(argc, argv);
}

/* vnner help [COMMAND] */
static int help(int argc, char **argv)
{
    if (argc < 3) {
        fputs(main_help, stdout);
        return VN_EXIT_OK;
    }
    const command *c = find(argv[2]);
    char *av[] = {argv[2], "--help", NULL};
    return c ? run(c, 2, av) : VN_EXIT_USAGE;
}

/* The command line's exit status, before standard output is checked. */
static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_help, stderr);
        return VN_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        fputs(main_help, stdout);
        return VN_EXIT_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("vnner %s\n", vnner_version_string());
        return VN_EXIT_OK;
    }
    if (!strcmp(cmd, "help"))
        return help(argc, argv);
    const command *c = find(cmd);
    return c ? run(c, argc - 1, argv + 1) : VN_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    /* off a terminal, output goes out in 64 KiB blocks: a listing or a graph is
     * written, and its write error (with its reason) found, at the final flush;
     * the 4 KiB default lost the reason of a write that failed half-way */
    static char out_buf[1 << 16];
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
    /* a small output is still in stdio's buffer when a command returns:
     * its write error is found only here */
    return vn_cli_exit_status(dispatch(argc, argv));
}
