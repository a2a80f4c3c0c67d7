/* Loading the gazetteer's TSV files: a header line, then one entry a line
 * (surface, canonical, class, valid_from, valid_to, note); errors name the
 * file and line. */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include "lexicon/lexicon.h"
#include "util/buf.h"
#include "util/date.h"

/* Empty, or YYYY, YYYY-MM or YYYY-MM-DD naming a real month or day (not 2024-13-99, 2024-02-30). */
static int valid_date_field(const char *s)
{
    long day;
    return !*s || vn_date_parse(s, 0, &day) == 0;
}

static const char HEADER[] = "surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote";

/* "FILE:LINE" into SRC (CAP bytes, cut to fit), as snprintf would write it: it runs for every line. */
static void format_src(char *src, size_t cap, const char *base, size_t lineno)
{
    char num[24];
    size_t nl = 0, bl = strlen(base), at = 0;
    do
        num[sizeof num - 1 - nl++] = (char)('0' + lineno % 10);
    while ((lineno /= 10));
    for (size_t k = 0; k < bl && at + 1 < cap; k++)
        src[at++] = base[k];
    if (at + 1 < cap)
        src[at++] = ':';
    for (size_t k = 0; k < nl && at + 1 < cap; k++)
        src[at++] = num[sizeof num - nl + k];
    src[at] = 0;
}

/* The class named S, with the one before remembered in *LAST (a list's lines are mostly of one class). */
static int class_of(const char *s, int *last, char *last_name, size_t cap)
{
    size_t n = strlen(s);
    if (*last >= 0 && n < cap && !strcmp(s, last_name))
        return *last;
    int cls = vn_class_from_name(s, n);
    if (cls >= 0 && n < cap) {
        memcpy(last_name, s, n + 1);
        *last = cls;
    }
    return cls;
}

typedef struct line_cache {
    int cls;            /* the last class read, -1 at first */
    char name[32];
} line_cache;

static int load_line(vn_gaz *g, char *line, const char *path, size_t lineno, line_cache *lc, vnner_error *err)
{
    char *f[7];
    int nf = 0;
    f[nf++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = 0;
            if (nf == 7)
                break;
            f[nf++] = p + 1;
        }
    if (nf < 5 || nf > 6) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: expected 6 tab-separated columns, found %d", path, lineno, nf);
        return VNNER_EDATA;
    }
    int cls = class_of(f[2], &lc->cls, lc->name, sizeof lc->name);
    if (cls < 0) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: unknown class '%s'", path, lineno, f[2]);
        return VNNER_EDATA;
    }
    for (int k = 3; k <= 4; k++)
        if (!valid_date_field(f[k])) {
            vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: dates must be calendar dates YYYY, YYYY-MM or YYYY-MM-DD (%s '%s')",
                         path, lineno, k == 3 ? "valid_from" : "valid_to", f[k]);
            return VNNER_EDATA;
        }
    if (!*f[0]) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: empty surface", path, lineno);
        return VNNER_EDATA;
    }
    const char *base = strrchr(path, '/');
    char src[256];
    format_src(src, sizeof src, base ? base + 1 : path, lineno);
    int rc = vn_gaz_add(g, f[0], f[1], (vn_class)cls, f[3], f[4], src);
    if (!rc)
        rc = vn_gaz_set_note(g, nf == 6 ? f[5] : "");
    const char *succ = nf == 6 ? strstr(f[5], "successor=") : NULL;
    if (!rc && succ) {
        char name[256];
        size_t l = strcspn(succ + 10, ";");
        snprintf(name, sizeof name, "%.*s", (int)(l < 255 ? l : 255), succ + 10);
        rc = vn_gaz_set_successor(g, name);
    }
    if (rc == VNNER_ETOOBIG) { /* said as a malformed list: the file is wrong, not a document */
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: an entry of more than %d tokens (syllables)", path, lineno,
                     VN_GAZ_MAX_TOKENS);
        return VNNER_EDATA;
    }
    if (rc == VNNER_ENOMEM)
        vn_set_error(err, rc, -1, "%s:%zu: out of memory", path, lineno);
    else if (rc)
        vn_set_error(err, rc, -1, "%s:%zu: cannot add entry '%s'", path, lineno, f[0]);
    return rc;
}

int vn_gaz_load_file(vn_gaz *g, const char *path, vnner_error *err)
{
    FILE *fp;
    int rc = vn_open_regular(&fp, path, err); /* a FIFO named a.tsv would hang, a folder x.tsv is no list */
    if (rc)
        return rc;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    line_cache lc = {.cls = -1};
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (lineno == 1) {
            if (strcmp(line, HEADER) != 0) {
                vn_set_error(err, VNNER_EDATA, -1, "%s:1: header must be '%s'", path,
                             "surface<TAB>canonical<TAB>class<TAB>valid_from<TAB>valid_to<TAB>note");
                rc = VNNER_EDATA;
                break;
            }
            continue;
        }
        if (n == 0 || line[0] == '#')
            continue;
        if ((rc = load_line(g, line, path, lineno, &lc, err)))
            break;
    }
    if (!rc && ferror(fp)) { /* getline's end and a read error look alike */
        vn_set_error(err, VNNER_EIO, -1, "%s:%zu: cannot read: %s", path, lineno + 1, strerror(errno));
        rc = VNNER_EIO;
    } else if (!rc && !feof(fp)) { /* getline could not grow its line: not the end of the list */
        vn_set_error(err, VNNER_ENOMEM, -1, "%s:%zu: out of memory", path, lineno + 1);
        rc = VNNER_ENOMEM;
    }
    free(line);
    fclose(fp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int vn_gaz_list_dir(char ***paths, size_t *n, size_t *cap, const char *dir, vnner_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        vn_set_error(err, VNNER_ENOTFOUND, -1, "%s: cannot open gazetteer folder: %s", dir, strerror(errno));
        return VNNER_ENOTFOUND;
    }
    size_t first = *n;
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tsv") != 0)
            continue;
        vn_buf p = {0};
        vn_buf_printf(&p, "%s/%s", dir, de->d_name);
        if (p.failed || vn_grow((void **)paths, cap, *n + 1, sizeof **paths)) {
            vn_buf_free(&p);
            rc = VNNER_ENOMEM;
        } else {
            (*paths)[(*n)++] = p.p;
        }
    }
    closedir(d);
    if (*n - first > 1)
        qsort(*paths + first, *n - first, sizeof **paths, cmp_str);
    return rc;
}

int vn_gaz_load_dir(vn_gaz *g, const char *dir, vnner_error *err)
{
    char **paths = NULL;
    size_t n = 0, cap = 0;
    int rc = vn_gaz_list_dir(&paths, &n, &cap, dir, err);
    for (size_t i = 0; i < n && !rc; i++)
        rc = vn_gaz_load_file(g, paths[i], err);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return rc;
}
