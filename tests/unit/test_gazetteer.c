/* Gazetteer: file format, errors with file and line, longest match, expansion. */
#include "support.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pipeline/doc.h"
#include "util/buf.h"

#define HDR "surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\n"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/vnner-gaz-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static int load(const char *name, const char *content, vn_gaz **g, vnner_error *err)
{
    char *p = write_temp(dir, name, content);
    assert_int_equal(vn_gaz_new(g), 0);
    int rc = vn_gaz_load_file(*g, p, err);
    free(p);
    return rc;
}

static void expect_load_error(const char *content, const char *needle)
{
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("bad.tsv", content, &g, &err), VNNER_EDATA);
    assert_non_null(strstr(err.message, needle));
    assert_non_null(strstr(err.message, "bad.tsv"));
    vn_gaz_free(g);
}

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    expect_load_error("surface\tclass\n", ":1: header");
    expect_load_error(HDR "Long An\t\tPLACE\t\t\t\nTây Ninh\tPLACE\n", ":3: expected 6");
    expect_load_error(HDR "# c\nLong An\t\tPROVINCE\t\t\t\n", ":3: unknown class 'PROVINCE'");
    expect_load_error(HDR "Long An\t\tPLACE\t\t30/06/2025\t\n", ":2: dates");
    expect_load_error(HDR "\t\tPLACE\t\t\t\n", ":2: empty surface");
}

static void test_trie_and_counts(void **state)
{
    (void)state;
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("ok.tsv", HDR "Long An\t\tPLACE\t\t2025-06-30\tmerged\n"
                                       "Ủy ban nhân dân\t\tBODY\t\t\t\n"
                                       "UBND\tỦy ban nhân dân\tABBR\t\t\t\n"
                                       "Tỉnh uỷ\tTỉnh ủy\tBODY\t\t\t\n\n# comment\n",
                          &g, &err), 0);
    assert_int_equal(vn_gaz_count(g, -1), 4);
    assert_int_equal(vn_gaz_count(g, VN_C_PLACE), 1);
    /* surfaces are stored normalised: both tone styles reach the same node */
    uint32_t s1 = vn_gaz_syllable(g, "tỉnh", strlen("tỉnh"));
    uint32_t s2 = vn_gaz_syllable(g, "ủy", strlen("ủy"));
    assert_true(s1 && s2);
    uint32_t path[3] = {s1, s2, 0}, len = 0;
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, path, 2);
    const vn_entry *e = vn_gaz_entry(g, vn_gaz_walk_next(&w, &len));
    assert_non_null(e);
    assert_int_equal(len, 2);
    assert_string_equal(e->canonical, "Tỉnh ủy");
    assert_int_equal(vn_gaz_walk_next(&w, &len), 0); /* one entry on that path */
    assert_int_equal(vn_gaz_walk_next(&w, &len), 0); /* and a finished walk stays finished */
    assert_int_equal(vn_gaz_syllable(g, "xyz", 3), 0);
    uint32_t la[2] = {vn_gaz_syllable(g, "long", 4), vn_gaz_syllable(g, "an", 2)};
    vn_gaz_walk_start(&w, g, la, 2);
    assert_string_equal(vn_gaz_entry(g, vn_gaz_walk_next(&w, &len))->valid_to, "2025-06-30");
    uint32_t unknown[2] = {0, s1};
    vn_gaz_walk_start(&w, g, unknown, 2);
    assert_int_equal(vn_gaz_walk_next(&w, &len), 0); /* an unknown syllable ends the walk */
    vn_gaz_free(g);
}

static void test_expand_abbreviations(void **state)
{
    (void)state;
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("ab.tsv", HDR "UBND\tỦy ban nhân dân\tABBR\t\t\t\nTP.HCM\tThành phố Hồ Chí Minh\tABBR\t\t\t\n",
                          &g, &err), 0);
    char *x = vn_gaz_expand(g, "Chủ tịch UBND TP.HCM");
    assert_string_equal(x, "chủ tịch ủy ban nhân dân thành phố hồ chí minh");
    free(x);
    vn_gaz_free(g);
}

static void test_many_entries(void **state)
{
    (void)state;
    /* the tables grow past their first size without losing entries */
    vn_buf b = {0};
    vn_buf_puts(&b, HDR);
    for (int i = 0; i < 5000; i++)
        vn_buf_printf(&b, "Xã Thử %d\t\tPLACE\t\t\t\n", i);
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("many.tsv", b.p, &g, &err), 0);
    assert_int_equal(vn_gaz_count(g, VN_C_PLACE), 5000);
    char num[16];
    snprintf(num, sizeof num, "%d", 4321);
    uint32_t path[3] = {vn_gaz_syllable(g, "xã", strlen("xã")), vn_gaz_syllable(g, "thử", strlen("thử")),
                        vn_gaz_syllable(g, num, strlen(num))}, len = 0;
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, path, 3);
    const vn_entry *e = vn_gaz_entry(g, vn_gaz_walk_next(&w, &len));
    assert_non_null(e);
    assert_int_equal(len, 3);
    assert_string_equal(e->surface, "Xã Thử 4321");
    vn_buf_free(&b);
    vn_gaz_free(g);
}

static void test_loads_real_lists(void **state)
{
    (void)state;
    const vnner_model *m = test_model();
    assert_true(vnner_model_entry_count(m, NULL) > 1000);
    assert_true(vnner_model_entry_count(m, "SURNAME") >= 150);
    assert_true(vnner_model_entry_count(m, "PLACE") >= 97);
    assert_int_equal(vnner_model_entry_count(m, "NO_SUCH_CLASS"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_name_file_and_line), cmocka_unit_test(test_trie_and_counts),
        cmocka_unit_test(test_expand_abbreviations),      cmocka_unit_test(test_many_entries),
        cmocka_unit_test(test_loads_real_lists),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
