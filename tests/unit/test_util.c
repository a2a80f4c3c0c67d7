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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_cut_on_a_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
