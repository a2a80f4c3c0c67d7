/* Gazetteer: file format, errors with file and line, longest match, expansion. */
#include "support.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    /* the shape of a date is not enough: it must be a day of the calendar */
    expect_load_error(HDR "Long An\t\tPLACE\t2024-13-99\t\t\n", ":2: dates must be calendar dates");
    expect_load_error(HDR "Long An\t\tPLACE\t2024-13-99\t\t\n", "valid_from '2024-13-99'");
    expect_load_error(HDR "# c\nLong An\t\tPLACE\t\t2024-02-30\t\n", ":3: dates must be calendar dates");
    expect_load_error(HDR "Long An\t\tPLACE\t\t2023-02-29\t\n", "valid_to '2023-02-29'");
    expect_load_error(HDR "Long An\t\tPLACE\t2024-00\t\t\n", "valid_from '2024-00'");
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("ok.tsv", HDR "Long An\t\tPLACE\t2024-02-29\t2025-06\t\nTây Ninh\t\tPLACE\t2024\t\t\n", &g, &err), 0);
    vn_gaz_free(g);
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

/* What an entry's note says, as KEY=VALUE attributes beside free text. */
static const vn_entry *entry_of(const vn_gaz *g, const char *surface, int cls)
{
    for (size_t i = 1; i <= vn_gaz_count(g, -1); i++) {
        const vn_entry *e = vn_gaz_entry(g, (uint32_t)i);
        if (!strcmp(e->surface, surface) && e->cls == cls)
            return e;
    }
    fail_msg("no entry '%s'", surface);
    return NULL;
}

static void test_attributes(void **state)
{
    (void)state;
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("at.tsv", HDR "tỉnh\t\tLEVEL\t\t\tlevel=province; default=1; a province\n"
                                        "thủ đô\t\tLEVEL\t\t\tlevel=province; unit=thành phố\n"
                                        "huyện\t\tLEVEL_LOCAL\t\t\tdistrict level; level=district;default=1\n"
                                        "Lào\t\tPLACE\t\t\tforeign=1; country\n"
                                        "Long An\t\tPLACE\t\t\tforeign=0\n"
                                        "Ý\t\tPLACE\t\t\tcountry\n",
                          &g, &err), 0);
    char b[16];
    const vn_entry *t = entry_of(g, "tỉnh", VN_C_LEVEL);
    assert_string_equal(vn_entry_attr(t, "level", b, sizeof b), "province");
    assert_string_equal(vn_entry_attr(t, "default", b, sizeof b), "1");
    assert_null(vn_entry_attr(t, "unit", b, sizeof b));          /* absent */
    assert_null(vn_entry_attr(t, "lev", b, sizeof b));           /* a prefix of a key is not the key */
    assert_string_equal(vn_entry_attr(t, "level", b, 4), "pro"); /* cut to fit, NUL-terminated */
    assert_string_equal(vn_entry_attr(entry_of(g, "huyện", VN_C_LEVEL_LOCAL), "level", b, sizeof b), "district");
    assert_string_equal(entry_of(g, "thủ đô", VN_C_LEVEL)->unit, "thành phố");
    assert_null(t->unit);
    assert_string_equal(vn_gaz_default_unit(g, "province"), "tỉnh");
    assert_string_equal(vn_gaz_default_unit(g, "district"), "huyện");
    assert_null(vn_gaz_default_unit(g, "commune"));
    assert_true(entry_of(g, "Lào", VN_C_PLACE)->foreign);
    assert_false(entry_of(g, "Long An", VN_C_PLACE)->foreign);
    assert_false(entry_of(g, "Ý", VN_C_PLACE)->foreign); /* a file name or free text says nothing */
    vn_gaz_free(g);
}

/* The store's keys: KEY_ALIAS entries rewrite a phrase to one form, longest first. */
static void test_rewrite(void **state)
{
    (void)state;
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("ka.tsv", HDR "mặt trận tổ quốc việt nam\tmặt trận tổ quốc\tKEY_ALIAS\t\t\t\n"
                                        "ủy ban mặt trận tổ quốc việt nam\tmặt trận tổ quốc\tKEY_ALIAS\t\t\t\n",
                          &g, &err), 0);
    char *x = vn_gaz_rewrite(g, "chủ tịch ủy ban mặt trận tổ quốc việt nam tỉnh an giang", VN_C_KEY_ALIAS);
    assert_string_equal(x, "chủ tịch mặt trận tổ quốc tỉnh an giang");
    free(x);
    x = vn_gaz_rewrite(g, "chủ tịch ủy ban mặt trận tổ quốc việt nam", VN_C_ABBR); /* another class: unchanged */
    assert_string_equal(x, "chủ tịch ủy ban mặt trận tổ quốc việt nam");
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

/* Only regular files are lists: a FIFO named a.tsv is refused without
 * waiting for a writer, a folder named x.tsv is refused, and a file that
 * fails to read is an error, not an empty list. */
static void test_only_regular_files(void **state)
{
    (void)state;
    char sub[128], path[192];
    vn_gaz *g;
    vnner_error err;
    snprintf(sub, sizeof sub, "%s/fifo", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/a.tsv", sub);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(vn_gaz_new(&g), 0);
    alarm(20); /* a load that waits for the FIFO's writer fails the test */
    assert_int_equal(vn_gaz_load_dir(g, sub, &err), VNNER_EDATA);
    alarm(0);
    assert_non_null(strstr(err.message, "a.tsv: not a regular file"));
    vn_gaz_free(g);

    snprintf(sub, sizeof sub, "%s/folder", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/x.tsv", sub);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(vn_gaz_new(&g), 0);
    assert_int_equal(vn_gaz_load_dir(g, sub, &err), VNNER_EDATA);
    assert_non_null(strstr(err.message, "x.tsv: not a regular file"));
    vn_gaz_free(g);

    /* /proc/self/mem is a regular file whose first read fails */
    snprintf(path, sizeof path, "%s/mem.tsv", dir);
    assert_int_equal(symlink("/proc/self/mem", path), 0);
    assert_int_equal(vn_gaz_new(&g), 0);
    assert_int_equal(vn_gaz_load_file(g, path, &err), VNNER_EIO);
    assert_non_null(strstr(err.message, "mem.tsv:1: cannot read"));
    vn_gaz_free(g);
}

/* Entries count their tokens in 16 bits: one over 65,535 is refused with
 * its file and line, one of exactly 65,535 is taken. */
static void test_entry_token_limit(void **state)
{
    (void)state;
    vn_buf b = {0};
    vn_buf_puts(&b, HDR "Long An\t\tPLACE\t\t\t\n");
    for (int i = 0; i < 65535; i++)
        vn_buf_puts(&b, i ? " xã" : "xã");
    size_t at = b.len;
    vn_buf_puts(&b, "\t\tPLACE\t\t\t\n");
    assert_false(b.failed);
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(load("limit.tsv", b.p, &g, &err), 0);
    assert_int_equal(vn_gaz_count(g, VN_C_PLACE), 2);
    vn_gaz_free(g);
    b.len = at;
    vn_buf_puts(&b, " xã\t\tPLACE\t\t\t\n");
    assert_int_equal(load("over.tsv", b.p, &g, &err), VNNER_EDATA);
    if (!strstr(err.message, "over.tsv:3: an entry of more than 65535 tokens"))
        fail_msg("unexpected message: %s", err.message);
    assert_int_equal(vn_gaz_count(g, VN_C_PLACE), 1);
    vn_gaz_free(g);
    vn_buf_free(&b);
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
        cmocka_unit_test(test_loads_real_lists),          cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_rewrite),                   cmocka_unit_test(test_only_regular_files),
        cmocka_unit_test(test_entry_token_limit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
