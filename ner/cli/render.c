/* Writing a graph: DOT to a file or standard output, or SVG through
 * Graphviz's dot. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "exit.h"

static int write_dot(const char *dot, const char *outpath)
{
    FILE *f = outpath ? fopen(outpath, "wb") : stdout;
    if (!f) {
        vn_cli_err("%s: cannot write: %s", outpath, strerror(errno));
        return VN_EXIT_BAD_INPUT;
    }
    int bad = fputs(dot, f) < 0;
    if (outpath)
        bad |= fclose(f) != 0;
    return bad ? VN_EXIT_BAD_INPUT : VN_EXIT_OK;
}

/* "dot -Tsvg", with "-o 'OUTPATH'" when given: the path goes through the
 * shell, quoted. */
static char *dot_command(const char *outpath)
{
    if (!outpath)
        return vn_xstrdup("dot -Tsvg");
    size_t k = 0, n = strlen(outpath);
    if (n > (((size_t)-1) - 32) / 4)
        vn_cli_oom();
    char *q = vn_xmalloc(4 * n + 1);
    for (const char *p = outpath; *p; p++) {
        if (*p == '\'') {
            memcpy(q + k, "'\\''", 4);
            k += 4;
        } else {
            q[k++] = *p;
        }
    }
    q[k] = 0;
    char *cmd = vn_xasprintf("dot -Tsvg -o '%s'", q);
    free(q);
    return cmd;
}

static int pipe_to_dot(const char *dot, const char *outpath)
{
    if (system("command -v dot >/dev/null 2>&1") != 0) {
        vn_cli_err("--format svg needs Graphviz's 'dot' (apt-get install graphviz); --format dot works without it");
        return VN_EXIT_BAD_INPUT;
    }
    char *cmd = dot_command(outpath);
    fflush(stdout);
    FILE *p = popen(cmd, "w");
    free(cmd);
    if (!p) {
        vn_cli_err("cannot run dot: %s", strerror(errno));
        return VN_EXIT_BAD_INPUT;
    }
    fputs(dot, p);
    int st = pclose(p);
    if (st != 0) {
        vn_cli_err("dot failed (status %d)", st);
        return VN_EXIT_BAD_INPUT;
    }
    return VN_EXIT_OK;
}

int vn_cli_emit_graph(const char *dot, const char *outpath, int svg)
{
    return svg ? pipe_to_dot(dot, outpath) : write_dot(dot, outpath);
}
