/* Text layer: normalised view and offset map. */
#include "support.h"
#include <string.h>
#include "pipeline/doc.h"
#include "util/buf.h"

static char *norm(const char *s)
{
    char *r = vn_normalize_str(s, strlen(s));
    assert_non_null(r);
    return r;
}

static void expect_norm(const char *in, const char *want)
{
    char *got = norm(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_nfc_and_nfd_agree(void **state)
{
    (void)state;
    /* "Tỉnh ủy Long An" with every tone mark as a combining character */
    expect_norm("Ti\xcc\x89nh u\xcc\x89y Long An", "tỉnh ủy long an");
    expect_norm("Tỉnh ủy Long An", "tỉnh ủy long an");
    /* ư + hook above written as u + horn + hook */
    expect_norm("Nguye\xcc\x82\xcc\x83n Thu\xcc\x9b\xcc\x89", "nguyễn thử");
}

static void test_tone_placement(void **state)
{
    (void)state;
    expect_norm("Tỉnh uỷ", "tỉnh ủy");
    expect_norm("TỈNH UỶ", "tỉnh ủy");
    expect_norm("Khánh Hoà", "khánh hòa");
    expect_norm("thuỷ lợi", "thủy lợi");
    expect_norm("xoè", "xòe");
    expect_norm("hoạ sĩ", "họa sĩ");
    expect_norm("quý", "quý");         /* qu + y: the tone stays on y */
    expect_norm("Quỳnh", "quỳnh");     /* the pair does not end the syllable */
    expect_norm("hòa ủy", "hòa ủy");   /* already new style */
}

static void test_punctuation_unified(void **state)
{
    (void)state;
    expect_norm("a\xc2\xa0" "b", "a b");                 /* NBSP */
    expect_norm("\xe2\x80\x9cx\xe2\x80\x9d", "\"x\"");   /* curly quotes */
    expect_norm("A \xe2\x80\x93 B \xe2\x80\x94 C", "a - b - c");
    expect_norm("\xef\xbb\xbfXin", "xin");               /* BOM */
    expect_norm("a\r\nb", "a \nb");
}

static void test_offsets_map_to_original(void **state)
{
    (void)state;
    const char *s = "\xef\xbb\xbfO\xcc\x82ng Du\xcc\x9b\xcc\x80";  /* BOM, "Ông" and "Dừ" in NFD */
    vn_text t;
    memset(&t, 0, sizeof t);
    assert_int_equal(vn_text_normalize(&t, s, strlen(s), NULL), 0);
    assert_string_equal(t.norm, "ông dừ");
    assert_int_equal(t.n2o[0], 3);               /* ô comes from the O after the BOM */
    size_t d = strlen("ông ");
    assert_int_equal(t.n2o[d], 3 + 3 + 2 + 1);  /* D after "O+◌̂ng " */
    assert_int_equal(t.n2o[t.nlen], strlen(s));
    assert_true(t.nflags[0] & VN_NF_UPPER);
    assert_false(t.nflags[1 + 2] & VN_NF_UPPER);
    vn_text_free(&t);
}

static void expect_error(const char *s, size_t n, int code, long long off)
{
    vn_text t;
    vnner_error err;
    memset(&t, 0, sizeof t);
    assert_int_equal(vn_text_normalize(&t, s, n, &err), code);
    assert_int_equal(err.offset, off);
    assert_non_null(strstr(err.message, "offset"));
    vn_text_free(&t);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    expect_error("ab\xc0\xaf", 4, VNNER_EUTF8, 2);        /* overlong '/' */
    expect_error("x\xed\xa0\x80y", 5, VNNER_EUTF8, 1);     /* surrogate */
    expect_error("Tỉnh \xe1\xbb", 9, VNNER_EUTF8, 7);     /* truncated at the end */
    expect_error("\x80", 1, VNNER_EUTF8, 0);               /* stray continuation */
    expect_error("\xf5\x80\x80\x80", 4, VNNER_EUTF8, 0);   /* above U+10FFFF */
    expect_error("ab\0cd", 5, VNNER_ENUL, 2);
}

static void test_long_letter_run(void **state)
{
    (void)state;
    char buf[301];
    memset(buf, 'A', 300);
    buf[300] = 0;
    char *r = norm(buf);
    assert_int_equal(strlen(r), 300);
    assert_int_equal(r[299], 'a');
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfc_and_nfd_agree),   cmocka_unit_test(test_tone_placement),
        cmocka_unit_test(test_punctuation_unified), cmocka_unit_test(test_offsets_map_to_original),
        cmocka_unit_test(test_invalid_utf8),        cmocka_unit_test(test_long_letter_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
