/* Versions: the library's (generated from project() in CMakeLists.txt) and the
 * data's (gazetteer/VERSION, read when the model loads). */
#include "support.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static void test_library_version(void **state)
{
    (void)state;
    assert_non_null(vnner_version_string());
    assert_string_equal(vnner_version_string(), VNNER_VERSION);
    /* the string and the numbers come from the same project() line */
    assert_string_equal(VNNER_VERSION, STR(VNNER_VERSION_MAJOR) "." STR(VNNER_VERSION_MINOR) "." STR(VNNER_VERSION_PATCH));
}

static void test_bundled_data_version(void **state)
{
    (void)state;
    char path[1024], want[128] = "";
    snprintf(path, sizeof path, "%s/gazetteer/VERSION", VNNER_SOURCE_DIR);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(want, sizeof want, f));
    fclose(f);
    want[strcspn(want, "\n")] = 0;
    assert_true(want[0] != 0);
    assert_string_equal(vnner_model_data_version(test_model()), want);
    assert_string_equal(vnner_model_data_version(NULL), "unknown");
}

/* A model from an empty data folder of our own, with VERSION holding CONTENT
 * (no VERSION file when CONTENT is NULL); returns its data version, copied. */
static char *data_version_of(const char *content)
{
    char dir[] = "/tmp/vnner-version-XXXXXX", sub[64];
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/gazetteer", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/models", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/gazetteer", dir);
    char *file = content ? write_temp(sub, "VERSION", content) : NULL;
    vnner_model *m;
    vnner_error err;
    int rc = vnner_model_load(&m, dir, NULL, 0, &err);
    if (rc)
        fail_msg("cannot load the model of %s: %s", dir, err.message);
    char *v = strdup(vnner_model_data_version(m));
    vnner_model_free(m);
    if (file) {
        unlink(file);
        free(file);
    }
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/models", dir);
    rmdir(sub);
    rmdir(dir);
    return v;
}

static void test_data_version_file(void **state)
{
    (void)state;
    struct { const char *content, *want; } cases[] = {
        {"2030.1.2\n", "2030.1.2"},
        {"2030.1.2 \r\nsecond line\n", "2030.1.2"}, /* first line only, line end and blanks dropped */
        {"2030.1.2", "2030.1.2"},                   /* no final newline */
        {"", "unknown"},
        {"\n2030\n", "unknown"},                    /* the version is the first line */
        {NULL, "unknown"},                          /* no VERSION file */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *v = data_version_of(cases[i].content);
        assert_string_equal(v, cases[i].want);
        free(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_version),
        cmocka_unit_test(test_bundled_data_version),
        cmocka_unit_test(test_data_version_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
