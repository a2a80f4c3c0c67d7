/* Writing a graph: DOT to a file or standard output, or SVG through Graphviz's dot. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "exit.h"

int vn_cli_emit_graph(const char *dot, const char *outpath, int svg)
{
    if (!svg) {
        FILE *f = outpath ? fopen(outpath, "wb") : stdout;
        if (!f) {
            vn_cli_err("%s: cannot write: %s", outpath, strerror(errno));
            return VN_EXIT_BAD_INPUT;
        }
        int bad = fputs(dot, f) < 0;
        if (outpath)
            bad |= fclose(f) != 0;
        return bad ? VN_EXIT_BAD_INPUT : 0;
    }
    if (system("command -v dot >/dev/null 2>&1") != 0) {
        vn_cli_err("--format svg needs Graphviz's 'dot' (apt-get install graphviz); --format dot works without it");
        return VN_EXIT_BAD_INPUT;
    }
    char cmd[4200];
    if (outpath) {
        /* the path goes through the shell: quote it */
        char q[4096];
        size_t k = 0;
        for (const char *p = outpath; *p && k < sizeof q - 5; p++) {
            if (*p == '\'') {
                memcpy(q + k, "'\\''", 4);
                k += 4;
            } else {
                q[k++] = *p;
            }
        }
        q[k] = 0;
        snprintf(cmd, sizeof cmd, "dot -Tsvg -o '%s'", q);
    } else {
        snprintf(cmd, sizeof cmd, "dot -Tsvg");
    }
    fflush(stdout);
    FILE *p = popen(cmd, "w");
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
    return 0;
}
