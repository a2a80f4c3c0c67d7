/* The options' _INIT macros: every field at its default, and the same result
 * as passing no options at all. */
#include "support.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const TEXT = "Ông Nguyễn Văn An, Bí thư Tỉnh ủy Nghệ An, dự hội nghị tổng kết ngày 5/3/2024.";

/* Entities of D as "TYPE start end|..." to compare two annotations. */
static char *entities(const vnner_doc *d)
{
    char *s = calloc(1, 4096);
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        snprintf(s + strlen(s), 4096 - strlen(s), "%s %zu %zu|", vnner_type_name(e->type), e->bstart, e->bend);
    }
    return s;
}

static void test_annotate_init(void **state)
{
    (void)state;
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    assert_null(o.date);
    assert_int_equal(o.max_bytes, 0);

    vnner_doc *d;
    vnner_error err;
    assert_int_equal(vnner_doc_new(&d), 0);
    assert_int_equal(vnner_doc_annotate(d, test_model(), TEXT, strlen(TEXT), NULL, &err), 0);
    char *without = entities(d);
    assert_int_equal(vnner_doc_annotate(d, test_model(), TEXT, strlen(TEXT), &o, &err), 0);
    char *with = entities(d);
    assert_string_equal(with, without);
    assert_non_null(strstr(with, "PERSON"));
    free(with);
    free(without);
    vnner_doc_free(d);
}

static void test_graph_init(void **state)
{
    (void)state;
    vnner_graph_options o = VNNER_GRAPH_OPTIONS_INIT;
    assert_null(o.person);
    assert_null(o.body);
    assert_null(o.from);
    assert_null(o.to);
    assert_int_equal(o.depth, 0);
    assert_int_equal(o.max_nodes, 0);

    char dir[] = "/tmp/vnner-options-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    vnner_store *s;
    vnner_record *r;
    vnner_error err;
    int added;
    assert_int_equal(vnner_store_open(&s, path, 0, &err), 0);
    const vnner_doc *d = test_annotate(TEXT, NULL);
    assert_non_null(d);
    assert_int_equal(vnner_record_from_doc(&r, d, "a.txt", NULL), 0);
    assert_int_equal(vnner_store_add(s, test_model(), r, &added, &err), 0);
    vnner_record_free(r);

    char *with = NULL, *without = NULL;
    size_t left;
    assert_int_equal(vnner_store_graph(&with, &left, s, test_model(), &o, &err), 0);
    assert_int_equal(vnner_store_graph(&without, &left, s, test_model(), NULL, &err), 0);
    assert_string_equal(with, without);
    assert_non_null(strstr(with, "Nguyễn Văn An"));
    free(with);
    free(without);
    vnner_store_close(s);
    char side[80];
    const char *const suffix[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(side, sizeof side, "%s%s", path, suffix[i]);
        unlink(side);
    }
    assert_int_equal(rmdir(dir), 0);
}

/* D as JSONL, malloc'd. */
static char *jsonl(const vnner_doc *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(vnner_doc_write(d, f, VNNER_FMT_JSONL, "a", 0), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* no_jit leaves the rules to PCRE2's interpreter: every entity and relation stays the same. */
static void test_model_no_jit(void **state)
{
    (void)state;
    vnner_model_options o = VNNER_MODEL_OPTIONS_INIT;
    assert_int_equal(o.no_jit, 0);
    o.datadir = VNNER_SOURCE_DIR;
    o.no_jit = 1;
    vnner_model *m;
    vnner_error err;
    assert_int_equal(vnner_model_load_with(&m, &o, &err), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = fopen(VNNER_SOURCE_DIR "/tests/samples/demo-article.txt", "rb");
    assert_non_null(f);
    assert_int_equal(getdelim(&text, &len, 0, f) > 1000, 1);
    fclose(f);
    vnner_doc *d;
    assert_int_equal(vnner_doc_new(&d), 0);
    assert_int_equal(vnner_doc_annotate(d, test_model(), text, strlen(text), NULL, &err), 0);
    char *jit = jsonl(d);
    assert_int_equal(vnner_doc_annotate(d, m, text, strlen(text), NULL, &err), 0);
    char *interp = jsonl(d);
    assert_string_equal(interp, jit);
    assert_non_null(strstr(jit, "\"HOLDS\""));
    free(jit);
    free(interp);
    free(text);
    vnner_doc_free(d);
    vnner_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_annotate_init),
        cmocka_unit_test(test_graph_init),
        cmocka_unit_test(test_model_no_jit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
