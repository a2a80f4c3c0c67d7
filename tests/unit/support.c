#include "support.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static vnner_model *model;
static vnner_doc *doc;

static void release(void)
{
    vnner_doc_free(doc);
    vnner_model_free(model);
    doc = NULL;
    model = NULL;
}

const vnner_model *test_model(void)
{
    if (!model) {
        vnner_error err;
        if (vnner_model_load(&model, VNNER_SOURCE_DIR, NULL, 0, &err)) {
            fprintf(stderr, "cannot load model: %s\n", err.message);
            abort();
        }
        atexit(release);
    }
    return model;
}

const vnner_doc *test_annotate(const char *text, const char *date)
{
    const vnner_model *m = test_model();
    if (!doc && vnner_doc_new(&doc))
        abort();
    vnner_error err;
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.date = date;
    int rc = vnner_doc_annotate(doc, m, text, strlen(text), &o, &err);
    if (rc) {
        fprintf(stderr, "annotate failed: %s\n", err.message);
        return NULL;
    }
    return doc;
}

char *entity_text(const vnner_doc *d, const char *text, size_t i)
{
    const vnner_entity *e = vnner_doc_entity(d, i);
    char *s = malloc(e->bend - e->bstart + 1);
    memcpy(s, text + e->bstart, e->bend - e->bstart);
    s[e->bend - e->bstart] = 0;
    return s;
}

int find_entity(const vnner_doc *d, vnner_type type, const char *text, const char *s)
{
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (e->type == type && e->bend - e->bstart == strlen(s) && memcmp(text + e->bstart, s, strlen(s)) == 0)
            return (int)i;
    }
    return -1;
}

char *write_temp(const char *dir, const char *name, const char *s)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fputs(s, f);
    fclose(f);
    return path;
}

int test_scratch(char *dir, size_t n, char *db, size_t m, const char *prefix)
{
    snprintf(dir, n, "/tmp/%s-XXXXXX", prefix);
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, m, "%s/t.db", dir);
    return 0;
}

int test_remove(const char *dir)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}
