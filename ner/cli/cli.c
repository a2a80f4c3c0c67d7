/* Helpers shared by the vnner commands: messages, --max-size, reading a file,
 * loading the model, the default database. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "exit.h"

void vn_cli_err(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("vnner: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int vn_cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || *s == '-' || errno || v == 0) {
        vn_cli_err("--max-size takes a number of bytes (at least 1), not '%s'", s);
        return -1;
    }
    *out = v > SIZE_MAX ? SIZE_MAX : (size_t)v;
    return 0;
}

int vn_cli_read_file(const char *path, size_t max, char **out, size_t *len)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    *out = NULL;
    *len = 0;
    if (!fp) {
        vn_cli_err("%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        vn_cli_err("%s: is a directory, not a file", path);
        if (fp != stdin)
            fclose(fp);
        return -1;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    int rc = 0;
    while (buf) {
        if (n == cap) {
            if (cap > max) {
                vn_cli_err("%s: byte %zu: document over the size limit of %zu bytes (raise it with --max-size)",
                           path, max, max);
                rc = -1;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0) {
            if (ferror(fp)) {
                vn_cli_err("%s: read error: %s", path, strerror(errno));
                rc = -1;
            }
            break;
        }
    }
    if (fp != stdin)
        fclose(fp);
    if (!buf) {
        vn_cli_err("%s: out of memory", path);
        return -1;
    }
    if (rc) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

int vn_cli_load_model(vnner_model **m, char **gaz, size_t ngaz)
{
    vnner_error err;
    int rc = vnner_model_load(m, NULL, (const char *const *)gaz, ngaz, &err);
    if (rc)
        vn_cli_err("cannot load the model: %s", err.message);
    return rc;
}

const char *vn_cli_default_db(const char *db)
{
    if (db)
        return db;
    const char *e = getenv("VNNER_DB");
    return e && *e ? e : "vnner.db";
}
