/* Writing a graph: DOT to a file or standard output, or SVG or PNG through
 * Graphviz's dot.  Every write is checked (cli.h's outputs). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"

/* OUTPATH opened for writing, or standard output; NULL after a message. */
static FILE *open_output(const char *outpath)
{
    FILE *f = outpath ? fopen(outpath, "wb") : stdout;
    if (!f)
        vn_cli_write_failed(NULL, outpath, errno);
    return f;
}

/* Flushes F, and closes it unless it is standard output: the exit status. */
static int end_output(FILE *f, const char *outpath)
{
    return outpath ? vn_cli_close_output(f, outpath) : vn_cli_flush_stdout();
}

static int write_dot(const char *dot, const char *outpath)
{
    FILE *f = open_output(outpath);
    if (!f)
        return VN_EXIT_BAD_INPUT;
    int rc = VN_EXIT_OK;
    if (fputs(dot, f) < 0)
        rc = vn_cli_write_failed(f, outpath ? outpath : "standard output", errno);
    int w = end_output(f, outpath);
    return rc != VN_EXIT_OK ? rc : w;
}

/* "dot -TFMT -o 'PATH'": the path goes through the shell, quoted. */
static char *dot_command(const char *path, const char *fmt)
{
    size_t k = 0, n = strlen(path);
    if (n > (((size_t)-1) - 32) / 4)
        vn_cli_oom();
    char *q = vn_xmalloc(4 * n + 1);
    for (const char *p = path; *p; p++) {
        if (*p == '\'') {
            memcpy(q + k, "'\\''", 4);
            k += 4;
        } else {
            q[k++] = *p;
        }
    }
    q[k] = 0;
    char *cmd = vn_xasprintf("dot -T%s -o '%s'", fmt, q);
    free(q);
    return cmd;
}

/* Runs dot on DOT, writing FMT (svg, png) to PATH; the exit status. */
static int run_dot(const char *dot, const char *path, const char *fmt)
{
    char *cmd = dot_command(path, fmt);
    /* dot may end before it has read everything: a failure to report, not a signal to die of */
    void (*was)(int) = signal(SIGPIPE, SIG_IGN);
    FILE *p = popen(cmd, "w");
    free(cmd);
    if (!p) {
        signal(SIGPIPE, was);
        vn_cli_err("cannot run dot: %s", strerror(errno));
        return VN_EXIT_BAD_INPUT;
    }
    int bad = fputs(dot, p) < 0, err = errno;
    int st = pclose(p);
    signal(SIGPIPE, was);
    if (st != 0) {
        vn_cli_err("dot failed (status %d)", st);
        return VN_EXIT_BAD_INPUT;
    }
    if (bad) {
        vn_cli_err("cannot write the graph to dot: %s", strerror(err));
        return VN_EXIT_BAD_INPUT;
    }
    return VN_EXIT_OK;
}

/* Whether the last bytes of an SVG (TAIL, N of them) close it: dot does not
 * always say when it could not write all of it. */
static int svg_complete(const char *tail, size_t n)
{
    while (n && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    return n >= 6 && !memcmp(tail + n - 6, "</svg>", 6);
}

/* The same for a PNG: it ends with its IEND chunk. */
static int png_complete(const char *tail, size_t n)
{
    return n >= 8 && !memcmp(tail + n - 8, "IEND\xae\x42\x60\x82", 8);
}

/* TAIL (*NT bytes, at most 16) followed by P's N bytes: the last 16 of them. */
static void keep_tail(char tail[16], size_t *nt, const char *p, size_t n)
{
    if (n >= 16) {
        memcpy(tail, p + n - 16, 16);
        *nt = 16;
        return;
    }
    size_t keep = *nt + n > 16 ? 16 - n : *nt;
    memmove(tail, tail + *nt - keep, keep);
    memcpy(tail + keep, p, n);
    *nt = keep + n;
}

/* Copies what dot wrote into FD (an SVG, or a PNG) to OUTPATH or standard output; the exit status. */
static int copy_rendered(int fd, const char *outpath, int png)
{
    FILE *f = open_output(outpath);
    if (!f)
        return VN_EXIT_BAD_INPUT;
    const char *name = outpath ? outpath : "standard output";
    char buf[65536], tail[16];
    size_t nt = 0;
    ssize_t r;
    int rc = VN_EXIT_OK;
    while (rc == VN_EXIT_OK && (r = read(fd, buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            vn_cli_err("cannot read what dot wrote: %s", strerror(errno));
            rc = VN_EXIT_BAD_INPUT;
        } else if (fwrite(buf, 1, (size_t)r, f) != (size_t)r) {
            rc = vn_cli_write_failed(f, name, errno);
        } else {
            keep_tail(tail, &nt, buf, (size_t)r);
        }
    }
    if (rc == VN_EXIT_OK && !(png ? png_complete(tail, nt) : svg_complete(tail, nt))) {
        vn_cli_err("dot wrote an incomplete %s", png ? "PNG" : "SVG");
        rc = VN_EXIT_BAD_INPUT;
    }
    int w = end_output(f, outpath);
    return rc != VN_EXIT_OK ? rc : w;
}

/* dot writes to a temporary file, copied out with every write checked:
 * dot itself exits 0 on a full disk. */
static int pipe_to_dot(const char *dot, const char *outpath, int png)
{
    if (system("command -v dot >/dev/null 2>&1") != 0) {
        vn_cli_err("--format %s needs Graphviz's 'dot' (apt-get install graphviz); --format dot works without it",
                   png ? "png" : "svg");
        return VN_EXIT_BAD_INPUT;
    }
    const char *dir = getenv("TMPDIR");
    char *tmp = vn_xasprintf("%s/vnner-svg-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        vn_cli_err("cannot make a temporary file in %s: %s", dir && *dir ? dir : "/tmp", strerror(errno));
        free(tmp);
        return VN_EXIT_BAD_INPUT;
    }
    int rc = run_dot(dot, tmp, png ? "png" : "svg");
    unlink(tmp);
    free(tmp);
    if (rc == VN_EXIT_OK)
        rc = copy_rendered(fd, outpath, png);
    close(fd);
    return rc;
}

int vn_cli_emit_graph(const char *dot, const char *outpath, int format)
{
    return format ? pipe_to_dot(dot, outpath, format == 2) : write_dot(dot, outpath);
}
