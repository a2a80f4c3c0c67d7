/* Rule files: format errors, defines, named groups, cue skipping. */
#include "support.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pipeline/doc.h"
#include "util/buf.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/vnner-rules-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static int load(const char *content, vn_rules **r, vnner_error *err)
{
    char *p = write_temp(dir, "t.rules", content);
    assert_int_equal(vn_rules_new(r), 0);
    int rc = vn_rules_load_file(*r, p, err);
    free(p);
    return rc;
}

static void expect_error(const char *content, int code, const char *needle)
{
    vn_rules *r;
    vnner_error err;
    assert_int_equal(load(content, &r, &err), code);
    assert_non_null(strstr(err.message, needle));
    vn_rules_free(r);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("# ok\nrule a PERSON 10: S(C\n", VNNER_EPATTERN, "t.rules:2: rule a");
    expect_error("rule a PEOPLE 10: SC\n", VNNER_EDATA, "unknown entity type 'PEOPLE'");
    expect_error("rule a PERSON 10: (?<NAME>S)C\n", VNNER_EDATA, "group name 'NAME'");
    expect_error("rule a PERSON ten SC\n", VNNER_EDATA, "expected 'rule ID TYPE PRIORITY: PATTERN'");
    expect_error("match SC\n", VNNER_EDATA, "must start with 'rule', 'define' or '#'");
}

static void test_defines_and_counts(void **state)
{
    (void)state;
    vn_rules *r;
    vnner_error err;
    assert_int_equal(load("define N [CS]\ndefine NAME S{N}{1,3}\nrule p PERSON 10: {NAME}\n"
                          "rule q - 5: (?<PLACE>P)(?<PERSON>{NAME})\n", &r, &err), 0);
    assert_int_equal(vn_rules_count(r), 2);
    vn_rules_free(r);
}

static void test_shipped_rules_compile(void **state)
{
    (void)state;
    vn_rules *r;
    vnner_error err;
    assert_int_equal(vn_rules_new(&r), 0);
    assert_int_equal(vn_rules_load_dir(r, VNNER_SOURCE_DIR "/models", &err), 0);
    assert_true(vn_rules_count(r) >= 10);
    vn_rules_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors), cmocka_unit_test(test_defines_and_counts),
        cmocka_unit_test(test_shipped_rules_compile),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
