/* The small helpers every stage shares: error messages cut to their buffer,
 * and text read back from files vnner did not write made valid UTF-8. */
#include "support.h"
#include <stdlib.h>
#include <string.h>
#include "text/text.h"
#include "util/buf.h"

/* Whether the N bytes of S are valid UTF-8 (vn_utf8_decode's rules). */
static int valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (l < 0)
            return 0;
        i += (size_t)l;
    }
    return 1;
}

/* A message longer than its buffer, cut at every byte of a character in
 * turn: two, three and four bytes long. */
static void test_error_cut_on_a_character(void **state)
{
    (void)state;
    static const char *const chars[] = {"ư", "Đ", "ệ", "𝐀"};
    for (size_t c = 0; c < sizeof chars / sizeof *chars; c++) {
        for (size_t shift = 0; shift < 4; shift++) {
            vnner_error err;
            char pad[8] = "xxx";
            pad[shift] = 0;
            vn_buf long_name = {0};
            for (int i = 0; i < 400; i++)
                vn_buf_puts(&long_name, chars[c]);
            assert_false(long_name.failed);
            vn_set_error(&err, VNNER_EDATA, -1, "%s: cannot add entry '%s'", pad, long_name.p);
            size_t n = strlen(err.message);
            assert_true(n < sizeof err.message);
            assert_true(n + 4 >= sizeof err.message - 1); /* cut by at most a character */
            if (!valid_utf8(err.message, n))
                fail_msg("'%s' shifted by %zu: the message ends inside a character", chars[c], shift);
            vn_buf_free(&long_name);
        }
    }
    /* a message that fits is kept whole */
    vnner_error err;
    vn_set_error(&err, VNNER_EDB, 7, "%s: ở đây", "a.db");
    assert_string_equal(err.message, "a.db: ở đây");
    assert_int_equal(err.code, VNNER_EDB);
    assert_int_equal(err.offset, 7);
}

/* REPAIRED is what vn_utf8_repair_dup makes of the N bytes of S. */
static void expect_repair(const char *s, size_t n, const char *repaired)
{
    char *r = vn_utf8_repair_dup(s, n);
    assert_non_null(r);
    assert_string_equal(r, repaired);
    assert_true(valid_utf8(r, strlen(r)));
    free(r);
}

#define FFFD "\xef\xbf\xbd"

/* Bytes a damaged or hostile database may hold: each byte that starts no
 * valid character becomes U+FFFD, the rest is kept as it was. */
static void test_utf8_repair(void **state)
{
    (void)state;
    expect_repair("Nguyễn Văn An", strlen("Nguyễn Văn An"), "Nguyễn Văn An");
    expect_repair("", 0, "");
    expect_repair("a\xff" "b", 3, "a" FFFD "b");
    expect_repair("Tr\xc3", 3, "Tr" FFFD);                    /* cut inside a character */
    expect_repair("\xc0\xaf", 2, FFFD FFFD);                   /* overlong */
    expect_repair("\xed\xa0\x80x", 4, FFFD FFFD FFFD "x");     /* a surrogate */
    expect_repair("\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD); /* over U+10FFFF */
    expect_repair("a\0b", 3, "a" FFFD "b");                    /* a NUL inside */
    expect_repair("\x80" "ệ", 4, FFFD "ệ");                    /* a lone continuation byte */
    vn_buf b = {0};
    vn_buf_puts(&b, "x=");
    assert_int_equal(vn_buf_utf8_repair(&b, "\xfe", 1), 0);
    assert_string_equal(b.p, "x=" FFFD);
    vn_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_cut_on_a_character),
        cmocka_unit_test(test_utf8_repair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
