/* The model: the gazetteer and the rules, found in a data directory. */
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pipeline/model.h"
#include "util/buf.h"

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
    if (!m || vn_gaz_new(&m->gaz) || vn_rules_new(&m->rules))
        goto fail;
    if (!(m->datadir = vn_strdup(datadir)))
        goto fail;
    snprintf(path, sizeof path, "%s/gazetteer/VERSION", datadir);
    if (read_first_line(&m->data_version, path))
        goto fail;
    snprintf(path, sizeof path, "%s/gazetteer", datadir);
    if ((rc = vn_gaz_load_dir(m->gaz, path, err)))
        goto fail;
    for (size_t i = 0; i < opts->n_gazetteer_dirs; i++)
        if ((rc = vn_gaz_load_dir(m->gaz, opts->gazetteer_dirs[i], err)))
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
