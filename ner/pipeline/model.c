/* The model: the gazetteer and the rules, found in a data directory. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <time.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pipeline/model.h"
#include "util/buf.h"
#include "util/hash.h"

#ifndef VNNER_SOURCE_DIR
#define VNNER_SOURCE_DIR "."
#endif
#ifndef VNNER_INSTALL_DATADIR
#define VNNER_INSTALL_DATADIR "/usr/local/share/vnner"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *vnner_default_datadir(void)
{
    static char buf[PATH_MAX + 64];
    const char *env = getenv("VNNER_DATADIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            /* installed: PREFIX/bin/vnner next to PREFIX/share/vnner */
            snprintf(buf, sizeof buf, "%s/../share/vnner/gazetteer", exe);
            if (is_dir(buf)) {
                snprintf(buf, sizeof buf, "%s/../share/vnner", exe);
                return buf;
            }
        }
    }
    if (is_dir(VNNER_SOURCE_DIR "/gazetteer"))
        return VNNER_SOURCE_DIR;
    return VNNER_INSTALL_DATADIR;
}

/* *OUT = the first line of PATH without its line end and trailing blanks,
 * malloc'd, or NULL when the file cannot be read or the line is empty (the
 * data then has no version).  Fails only when out of memory. */
static int read_first_line(char **out, const char *path)
{
    char line[128];
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    if (!got)
        return 0;
    size_t n = strcspn(line, "\r\n");
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    if (n && !(*out = vn_strndup(line, n)))
        return VNNER_ENOMEM;
    return 0;
}

/* The folder of compiled images, into BUF (N bytes), or NULL: none. */
static const char *cache_dir(const vnner_model_options *o, char *buf, size_t n)
{
    const char *d = o->cache_dir ? o->cache_dir : getenv("VNNER_CACHE_DIR");
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (d)
        snprintf(buf, n, "%s", d);
    else if (xdg && *xdg == '/') /* the XDG rule: a relative value is ignored */
        snprintf(buf, n, "%s/vnner", xdg);
    else if (home && *home)
        snprintf(buf, n, "%s/.cache/vnner", home);
    else
        return NULL;
    return *buf ? buf : NULL;
}

/* mkdir -p for the cache (private to the user, as XDG asks); 0 when DIR is a folder after it. */
static int make_dirs(char *dir)
{
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0700);
            *p = '/';
        }
    return mkdir(dir, 0700) == 0 || is_dir(dir) ? 0 : -1;
}

/* The image of the gazetteer folders DIRS: its path in the cache (named
 * after the folders, so that each set has one image, replaced when a list
 * changes) into PATH, and its key.  0, or -1 when there is no cache. */
static int image_of(const vnner_model_options *o, char *const *files, size_t nfiles, const char *const *dirs,
                    size_t ndirs, char *path, size_t n, vn_buf *key)
{
    char dir[PATH_MAX];
    if (!cache_dir(o, dir, sizeof dir) || vn_gaz_image_key(key, (const char *const *)files, nfiles))
        return -1;
    vn_buf names = {0}; /* the folders however they were named, one a line */
    for (size_t i = 0; i < ndirs; i++) {
        char *real = realpath(dirs[i], NULL);
        vn_buf_printf(&names, "%s\n", real ? real : dirs[i]);
        free(real);
    }
    int w = names.failed ? -1
                         : snprintf(path, n, "%s/lexicon-%016llx.img", dir,
                                    (unsigned long long)vn_fnv1a(names.p ? names.p : "", names.len));
    vn_buf_free(&names);
    return w > 0 && (size_t)w < n ? 0 : -1;
}

#define CACHE_KEEP 8 /* images kept in the cache folder: the sets of folders used last */

typedef struct cached_image {
    char *path;
    time_t t;
} cached_image;

static int newest_first(const void *a, const void *b)
{
    time_t x = ((const cached_image *)a)->t, y = ((const cached_image *)b)->t;
    return (x < y) - (x > y);
}

/* Removes the images of DIR but the CACHE_KEEP used last (a mapped image is
 * touched), and temporary files an interrupted write left an hour ago. */
static void prune_cache(const char *dir)
{
    cached_image *v = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    time_t now = time(NULL);
    while (d && (de = readdir(d))) {
        struct stat st;
        size_t l = strlen(de->d_name);
        vn_buf p = {0};
        if (strncmp(de->d_name, "lexicon-", 8) || vn_buf_printf(&p, "%s/%s", dir, de->d_name) ||
            stat(p.p, &st) || !S_ISREG(st.st_mode)) {
            vn_buf_free(&p);
            continue;
        }
        if (strcmp(de->d_name + l - 4, ".img")) { /* lexicon-X.img.XXXXXX */
            if (now - st.st_mtime > 3600)
                unlink(p.p);
            vn_buf_free(&p);
        } else if (vn_grow((void **)&v, &cap, n + 1, sizeof *v) == 0) {
            v[n++] = (cached_image){p.p, st.st_mtime};
        } else {
            vn_buf_free(&p);
        }
    }
    if (d)
        closedir(d);
    if (n > 1)
        qsort(v, n, sizeof *v, newest_first);
    for (size_t i = 0; i < n; i++) {
        if (i >= CACHE_KEEP)
            unlink(v[i].path);
        free(v[i].path);
    }
    free(v);
}

/* The gazetteer of DIRS[0..N): mapped from its compiled image when the
 * image is current, else loaded from the lists and its image (re)written. */
static int load_gazetteer(vnner_model *m, const vnner_model_options *o, const char *const *dirs, size_t ndirs,
                          vnner_error *err)
{
    char **files = NULL, path[PATH_MAX + 64];
    size_t nfiles = 0, cap = 0;
    vn_buf key = {0};
    int rc = 0;
    for (size_t i = 0; i < ndirs && !rc; i++)
        rc = vn_gaz_list_dir(&files, &nfiles, &cap, dirs[i], err);
    if (rc)
        goto cleanup;
    int cached = image_of(o, files, nfiles, dirs, ndirs, path, sizeof path, &key) == 0;
    if (cached && (rc = vn_gaz_image_map(&m->gaz, path, key.p, key.len)) != VNNER_ENOTFOUND) {
        if (!rc)
            utimensat(AT_FDCWD, path, NULL, 0); /* used now: the last to be pruned */
        goto cleanup; /* mapped, or out of memory */
    }
    rc = vn_gaz_new(&m->gaz);
    for (size_t i = 0; i < nfiles && !rc; i++)
        rc = vn_gaz_load_file(m->gaz, files[i], err);
    if (!rc && cached) {
        char *dir = vn_strdup(path);
        char *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash)
            *slash = 0;
        if (slash && slash > dir && make_dirs(dir) == 0 && vn_gaz_image_write(m->gaz, path, key.p, key.len) == 0)
            prune_cache(dir); /* a cache it cannot write only costs time */
        free(dir);
    }
cleanup:
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    vn_buf_free(&key);
    return rc;
}

int vnner_model_load_with(vnner_model **out, const vnner_model_options *opts, vnner_error *err)
{
    static const vnner_model_options none = VNNER_MODEL_OPTIONS_INIT;
    char path[PATH_MAX];
    int rc = VNNER_ENOMEM;
    vnner_model *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!opts)
        opts = &none;
    const char *datadir = opts->datadir ? opts->datadir : vnner_default_datadir();
    if (!m || vn_rules_new(&m->rules))
        goto fail;
    if (!(m->datadir = vn_strdup(datadir)))
        goto fail;
    snprintf(path, sizeof path, "%s/gazetteer/VERSION", datadir);
    if (read_first_line(&m->data_version, path))
        goto fail;
    snprintf(path, sizeof path, "%s/gazetteer", datadir);
    const char **dirs = calloc(opts->n_gazetteer_dirs + 1, sizeof *dirs);
    if (!dirs)
        goto fail;
    dirs[0] = path;
    for (size_t i = 0; i < opts->n_gazetteer_dirs; i++)
        dirs[i + 1] = opts->gazetteer_dirs[i];
    rc = load_gazetteer(m, opts, dirs, opts->n_gazetteer_dirs + 1, err);
    free(dirs);
    if (rc)
        goto fail;
    snprintf(path, sizeof path, "%s/models", datadir);
    vn_rules_set_gazetteer(m->rules, m->gaz);
    vn_rules_set_jit(m->rules, !opts->no_jit);
    if ((rc = vn_rules_load_dir(m->rules, path, err)))
        goto fail;
    for (size_t i = 0; i < opts->n_rules_dirs; i++) /* a user's rule with a loaded id replaces it */
        if ((rc = vn_rules_load_dir(m->rules, opts->rules_dirs[i], err)))
            goto fail;
    *out = m;
    return 0;
fail:
    if (rc == VNNER_ENOMEM)
        vn_set_error(err, rc, -1, "out of memory loading the model");
    vnner_model_free(m);
    return rc;
}

int vnner_model_load(vnner_model **out, const char *datadir, const char *const *extra, size_t nextra,
                     vnner_error *err)
{
    vnner_model_options o = VNNER_MODEL_OPTIONS_INIT;
    o.datadir = datadir;
    o.gazetteer_dirs = extra;
    o.n_gazetteer_dirs = nextra;
    return vnner_model_load_with(out, &o, err);
}

void vnner_model_free(vnner_model *m)
{
    if (!m)
        return;
    vn_gaz_free(m->gaz);
    vn_rules_free(m->rules);
    free(m->datadir);
    free(m->data_version);
    free(m);
}

const char *vnner_model_data_version(const vnner_model *m)
{
    return m && m->data_version ? m->data_version : "unknown";
}

size_t vnner_model_entry_count(const vnner_model *m, const char *cls)
{
    if (!cls)
        return vn_gaz_count(m->gaz, -1);
    int c = vn_class_from_name(cls, strlen(cls));
    return c < 0 ? 0 : vn_gaz_count(m->gaz, c);
}


size_t vnner_model_rule_count(const vnner_model *m) { return m ? vn_rules_count(m->rules) : 0; }

int vnner_model_rule(const vnner_model *m, size_t i, vnner_rule_info *out)
{
    if (!m || !out || i >= vn_rules_count(m->rules))
        return VNNER_EINVAL;
    vn_rule_info in;
    vn_rules_info(m->rules, i, &in);
    *out = (vnner_rule_info){in.id, in.src, in.relation, in.nexample};
    return 0;
}

int vnner_model_rule_example(const vnner_model *m, size_t i, size_t k, const char **text, const char **expect,
                             const char **src)
{
    vn_rule_info in;
    if (!m || !text || !expect || !src || i >= vn_rules_count(m->rules))
        return VNNER_EINVAL;
    vn_rules_info(m->rules, i, &in);
    if (k >= in.nexample)
        return VNNER_EINVAL;
    vn_rules_example(m->rules, i, k, text, expect, src);
    return 0;
}
