/* Rule files and the pattern language: what patterns compile to, errors
 * with file:line:column, definitions, overrides, examples. */
#include "support.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pipeline/doc.h"
#include "rules/pattern.h"
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
    if (!strstr(err.message, needle))
        fail_msg("'%s' not in '%s'", needle, err.message);
    vn_rules_free(r);
}

/* Every error names file:line:column of the mistake. */
static void test_errors(void **state)
{
    (void)state;
    expect_error("# ok\nrule a PERSON 10: SURNAME (CAP\n", VNNER_EPATTERN, "t.rules:2:");
    expect_error("rule a PERSON 10: SURNAME (CAP\n", VNNER_EPATTERN, "this '(' is not closed");
    expect_error("rule a PERSON 10: SURNAME CAPP\n", VNNER_EPATTERN, "t.rules:1:27: rule a: unknown class or symbol 'CAPP'");
    expect_error("rule a PERSON 10:\n    SURNAME\n    CAP )\n", VNNER_EPATTERN, "t.rules:3:9: rule a: a ')' closes no group"); /* a continuation line: its own line and column */
    expect_error("rule a PEOPLE 10: SURNAME\n", VNNER_EDATA, "t.rules:1:8: unknown entity type 'PEOPLE'");
    expect_error("rule a PERSON 10: (?<NAME> SURNAME) CAP\n", VNNER_EPATTERN, "capture 'NAME' is not an entity type");
    expect_error("rule a PERSON ten: SURNAME\n", VNNER_EDATA, "t.rules:1:15: the priority must be a number");
    expect_error("match SURNAME\n", VNNER_EDATA, "t.rules:1:1: a line must start with");
    expect_error("rule a PERSON 10: $NOPE\n", VNNER_EPATTERN, "no definition named 'NOPE'");
    expect_error("rule a PERSON 10: @PERSON\n", VNNER_EPATTERN, "entity references belong to relation rules");
    expect_error("phase relations\nrelation r HOLDS: (?<post> @POSITION) (?<award> ANY)\n", VNNER_EPATTERN,
                 "capture 'award' is not an argument of HOLDS");
    expect_error("phase relations\nrelation r OWNS: @PERSON\n", VNNER_EDATA, "t.rules:2:12: unknown relation type 'OWNS'");
    expect_error("phase relations\nrelation r HOLDS colour=red: @PERSON\n", VNNER_EDATA, "unknown attribute 'colour=red'");
    expect_error("rule a PERSON 10: SURNAME \"giữ chức\n", VNNER_EPATTERN, "t.rules:1:27: rule a: a quoted literal is not closed");
    expect_error("rule a PERSON 10: SURNAME [CAP ROLE]\n", VNNER_EPATTERN, "t.rules:1:32: rule a: not a symbol name");
    expect_error("rule a PERSON 10: * SURNAME\n", VNNER_EPATTERN, "t.rules:1:19: rule a: a quantifier must follow something");
    expect_error("define x = CAP\n", VNNER_EDATA, "t.rules:1:8: expected 'define NAME = PATTERN'");
    expect_error("define X = CAP (\n", VNNER_EPATTERN, "define X: this '(' is not closed");
    expect_error("example: Ông A.\n", VNNER_EDATA, "'example' before any rule");
    expect_error("drop nothing.here\n", VNNER_EDATA, "drop: no rule 'nothing.here' is loaded");
    expect_error("rule a PERSON 10: \"giữ chức\" CAPP\n", VNNER_EPATTERN, "t.rules:1:30: rule a: unknown class"); /* columns count characters */
    /* a PCRE2 error is mapped back to the column of the source */
    expect_error("rule a PERSON 10: (?<= SURNAME CAP*) CAP\n", VNNER_EPATTERN, "t.rules:1:");
}

/* The PCRE2 source a readable pattern compiles to. */
/* SRC compiled as a relation rule's pattern, without a gazetteer; MARKS: over a string with cue marks. */
static void compile_env(vn_compiled *c, const char *src, int marks)
{
    char msg[200];
    size_t col = 0;
    vn_pat_env env = {.relations = 1, .marks = marks};
    if (vn_pattern_compile(c, src, &env, &col, msg, sizeof msg))
        fail_msg("%s: %s at %zu", src, msg, col);
}

static void compile_ok(vn_compiled *c, const char *src) { compile_env(c, src, 0); }

/* The classes a pattern needs (a sentence without them is skipped). */
static void expect_need(const char *src, unsigned long long need)
{
    vn_compiled c;
    compile_ok(&c, src);
    assert_int_equal(c.need, need);
    vn_compiled_free(&c);
}

static void test_needed_classes(void **state)
{
    (void)state;
    const unsigned long long role = 1ull << VN_C_ROLE, start = 1ull << VN_C_POST_START, to = 1ull << VN_C_TO;
    expect_need("@PERSON ROLE", role);
    expect_need("(?<person> @PERSON) ((?! ROLE) ANY)* (?<role> ROLE)", role); /* not the negative look-ahead */
    expect_need("@PERSON (ROLE | POST_START)", 0);                         /* either one */
    expect_need("@PERSON ROLE? POST_START+ in:TO", start | to);             /* an optional one is not needed */
    expect_need("@PERSON (POST_START in:TO)* ROLE", role);
    expect_need("@PERSON (POST_START in:TO){0,2}", 0);
    expect_need("@PERSON | ROLE", 0);
}

static void expect_pcre(const char *src, const char *pcre, size_t npred)
{
    vn_compiled c;
    compile_ok(&c, src);
    assert_string_equal(c.pcre, pcre);
    assert_int_equal(c.npred, npred);
    vn_compiled_free(&c);
}

static void test_compile(void **state)
{
    (void)state;
    expect_pcre("TITLE", "T_*+", 0);                   /* an entry and its other tokens */
    expect_pcre("TITLE+ CAP", "(?:T_*+)+C", 0);        /* a quantifier takes the whole entry */
    expect_pcre("Cap{1,2}", "C{1,2}", 0);              /* shapes under their short names */
    expect_pcre("[CAP SURNAME]", "[CS]_*+", 0);
    expect_pcre("[CAP INSIDE \"-\"]{0,3}", "[C_\\-]{0,3}", 0); /* a set naming INSIDE counts tokens */
    expect_pcre("(?<= [HONORIFIC RANK] INSIDE) SURNAME", "(?<=[HK]_)S_*+", 0); /* look-behind: first tokens */
    expect_pcre("first:EVENT_HEAD INSIDE{3,}+", "E_{3,}+", 0);
    expect_pcre("\",\" (CAP | NUM)?", "\\,(?:C|N)?", 0);
    expect_pcre("(?<person> @PERSON) \",\" (?<post> @POSITION)", "(?<person>[\\x80\\x86]\\x90*+)\\,(?<post>\\x81\\x91*+)", 0);
    expect_pcre("end:@POSITION", "[\\x81\\x91]", 0);
    expect_pcre("@BYLINE", "\\x86\\x90*+", 0);
    expect_pcre("^ ROLE", "^(?:.(?C1))", 1);
    expect_pcre("\"giữ chức\" @POSITION", "(?:.{2}(?C1))\\x81\\x91*+", 1);   /* words: a callout */
    expect_pcre("ROLE", "(?:.(?C1))", 1);              /* a class sharing its symbol: a callout */
    expect_pcre("in:QUALIFIER CAP", "(?:.(?C1))C", 1); /* a second class */
    expect_pcre("SINCE", "(?:.(?C1))", 1);              /* an attribute class */
    expect_pcre("cap:LEVEL CAP", "(?:L(?C1))_*+C", 1);    /* a class written with a capital: a callout on its first token */
}

/* With cue marks a symbol matches itself or its marked form, and an entry of a tested class starts at a marked token. */
static void expect_marked(const char *src, const char *pcre, unsigned long long tested)
{
    vn_compiled c;
    compile_env(&c, src, 1);
    assert_string_equal(c.pcre, pcre);
    assert_int_equal(c.tested, tested);
    vn_compiled_free(&c);
}

static void test_cue_marks(void **state)
{
    (void)state;
    const unsigned long long role = 1ull << VN_C_ROLE, qual = 1ull << VN_C_QUALIFIER;
    expect_marked("TITLE", "[T\\xd4][_\\xdf]*+", 0);
    expect_marked("[CAP SURNAME]", "[C\\xc3S\\xd3][_\\xdf]*+", 0);
    expect_marked("[^CAP]", "[^C\\xc3]", 0);
    expect_marked("ROLE", "(?:[\\xa0-\\xff](?C1))", role);
    expect_marked("in:QUALIFIER CAP", "(?:[\\xa0-\\xff](?C1))[C\\xc3]", qual);
    expect_marked("\"giữ chức\" @POSITION", "(?:.{2}(?C1))\\x81\\x91*+", 0); /* words are not a class; entities carry no mark */
}

static void test_defines_and_counts(void **state)
{
    (void)state;
    vn_rules *r;
    vnner_error err;
    assert_int_equal(load("define N = [CAP SURNAME]\ndefine NAME = SURNAME $N{1,3}\nrule p PERSON 10: $NAME\n"
                          "rule q - 5: (?<PLACE> PLACE)\n    (?<PERSON> $NAME)\n  example: Ông Lê Văn Tám.\n"
                          "  expect: PERSON Lê Văn Tám\n", &r, &err), 0);
    assert_int_equal(vn_rules_count(r), 2);
    vn_rule_info in;
    vn_rules_info(r, 1, &in);
    assert_string_equal(in.id, "q");
    assert_int_equal(in.nexample, 1);
    const char *text, *expect, *src;
    vn_rules_example(r, 1, 0, &text, &expect, &src);
    assert_string_equal(text, "Ông Lê Văn Tám.");
    assert_string_equal(expect, "PERSON Lê Văn Tám");
    assert_non_null(strstr(src, "t.rules:6"));
    vn_rules_free(r);
}

/* A later rule with the same id replaces the first; drop removes one. */
static void test_override_and_drop(void **state)
{
    (void)state;
    vn_rules *r;
    vnner_error err;
    assert_int_equal(load("rule a PERSON 10: SURNAME CAP\nrule b PLACE 10: PLACE\nrule a PERSON 20: SURNAME CAP CAP\n"
                          "phase relations\nrelation h HOLDS: (?<person> @PERSON) \",\" (?<post> @POSITION)\ndrop b\n",
                          &r, &err), 0);
    assert_int_equal(vn_rules_count(r), 2);
    assert_int_equal(vn_rules_relation_count(r), 1);
    vn_rule_info in;
    vn_rules_info(r, 0, &in);
    assert_string_equal(in.id, "a");
    assert_non_null(strstr(in.src, "t.rules:3"));
    vn_rules_info(r, 1, &in);
    assert_string_equal(in.id, "h");
    assert_int_equal(in.relation, 1);
    vn_rules_free(r);
}

/* Only regular files are rule files: a FIFO named a.rules is refused without
 * waiting for a writer, and so is a folder named b.rules. */
static void test_only_regular_files(void **state)
{
    (void)state;
    static const char *const kinds[] = {"fifo", "folder"};
    for (int k = 0; k < 2; k++) {
        char sub[128], path[192];
        vn_rules *r;
        vnner_error err;
        snprintf(sub, sizeof sub, "%s/%s", dir, kinds[k]);
        assert_int_equal(mkdir(sub, 0700), 0);
        snprintf(path, sizeof path, "%s/a.rules", sub);
        assert_int_equal(k ? mkdir(path, 0700) : mkfifo(path, 0600), 0);
        assert_int_equal(vn_rules_new(&r), 0);
        alarm(20); /* a load that waits for the FIFO's writer fails the test */
        assert_int_equal(vn_rules_load_dir(r, sub, &err), VNNER_EDATA);
        alarm(0);
        if (!strstr(err.message, "a.rules: not a regular file"))
            fail_msg("%s: unexpected message: %s", kinds[k], err.message);
        vn_rules_free(r);
    }
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
        cmocka_unit_test(test_errors), cmocka_unit_test(test_compile), cmocka_unit_test(test_needed_classes), cmocka_unit_test(test_cue_marks), cmocka_unit_test(test_defines_and_counts),
        cmocka_unit_test(test_override_and_drop),
        cmocka_unit_test(test_shipped_rules_compile), cmocka_unit_test(test_only_regular_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
