/* Tokens and sentences. */
#include "support.h"
#include <string.h>
#include "pipeline/doc.h"
#include "util/buf.h"

typedef struct tk_fixture {
    vn_text t;
    vn_tokens tk;
} tk_fixture;

static tk_fixture *tokenize(const char *s)
{
    tk_fixture *f = calloc(1, sizeof *f);
    assert_int_equal(vn_text_normalize(&f->t, s, strlen(s), NULL), 0);
    assert_int_equal(vn_tokenize(&f->tk, &f->t), 0);
    return f;
}

static void release(tk_fixture *f)
{
    vn_tokens_free(&f->tk);
    vn_text_free(&f->t);
    free(f);
}

static void expect_tokens(const char *s, const char *const *want, size_t n)
{
    tk_fixture *f = tokenize(s);
    size_t k = 0;
    for (size_t i = 0; i < f->tk.n; i++) {
        if (f->tk.v[i].kind == VN_TK_NEWLINE)
            continue;
        assert_true(k < n);
        const vn_token *t = &f->tk.v[i];
        char got[64];
        snprintf(got, sizeof got, "%.*s", (int)(t->oe - t->os), s + t->os);
        assert_string_equal(got, want[k]);
        k++;
    }
    assert_int_equal(k, n);
    release(f);
}

static void test_numbers(void **state)
{
    (void)state;
    const char *const w1[] = {"hơn", "1.600", "đảng", "viên", ",", "tăng", "6,5", "%"};
    expect_tokens("hơn 1.600 đảng viên, tăng 6,5%", w1, 8);
    const char *const w2[] = {"Ngày", "29-9", ",", "12/01/2024", "và", "2021", "-", "2026"};
    expect_tokens("Ngày 29-9, 12/01/2024 và 2021 - 2026", w2, 8);
}

static void test_abbreviations(void **state)
{
    (void)state;
    const char *const w[] = {"TP.HCM", ",", "PGS.TS", "Lê", "Văn", "A", ",", "UVT.Ư", ",", "đ/c", "B", "."};
    expect_tokens("TP.HCM, PGS.TS Lê Văn A, UVT.Ư, đ/c B.", w, 12);
}

/* A hyphenated name is one token however many syllables it has, when the ones
 * after the first are in lower case; a dash between two names is not. */
static void test_hyphenated_names(void **state)
{
    (void)state;
    static const char *const a[] = {"Bô-ly-khăm-xay", ",", "Min-jun", ",", "Trị", "-", "Huế", ".", "xã", "-", "thôn"};
    expect_tokens("Bô-ly-khăm-xay, Min-jun, Trị-Huế. xã-thôn", a, sizeof a / sizeof *a);
}

static void test_roman_and_shapes(void **state)
{
    (void)state;
    tk_fixture *f = tokenize("khóa XIII của HĐND Tỉnh");
    assert_int_equal(f->tk.v[0].shape, VN_SH_LOWER);
    assert_int_equal(f->tk.v[1].shape, VN_SH_ALLCAPS);
    assert_int_equal(f->tk.v[3].shape, VN_SH_ALLCAPS);
    assert_int_equal(f->tk.v[4].shape, VN_SH_CAP);
    release(f);
}

/* The sentence of the first token whose text starts with W. */
static uint32_t sent_of(const tk_fixture *f, const char *w)
{
    for (size_t i = 0; i < f->tk.n; i++)
        if (!strncmp(f->t.norm + f->tk.v[i].ns, w, strlen(w)))
            return f->tk.v[i].sent;
    fail_msg("no token '%s'", w);
    return 0;
}

/* Sentences as the pipeline cuts them: the lexicon says which dots do not
 * end one (DOT_ABBR entries of the gazetteer), or none when JOINS is 0. */
static tk_fixture *split(const char *s, int joins)
{
    tk_fixture *f = tokenize(s);
    vn_tags tags;
    memset(&tags, 0, sizeof tags);
    assert_int_equal(vn_lexicon_tag(&tags, &f->tk, &f->t, test_model()->gaz), 0);
    vn_sentences(&f->tk, &f->t, joins ? vn_tags_period_joins : NULL, &tags);
    vn_tags_free(&tags);
    return f;
}

static void test_sentences(void **state)
{
    (void)state;
    tk_fixture *f = split("Dự có TS. Nguyễn Văn A. Ông phát biểu.\nDòng mới", 1);
    /* "TS." does not end the sentence; "A." does; a line break does */
    assert_int_equal(sent_of(f, "nguyễn"), 0);
    assert_int_equal(sent_of(f, "ông"), 1);
    assert_int_equal(sent_of(f, "dòng"), 2);
    release(f);
    f = split("Ông Elbridge A. Colby phát biểu. Ông Daniel R. Hollis dự.", 1); /* a foreign name's initial */
    assert_int_equal(sent_of(f, "colby"), 0);
    assert_int_equal(sent_of(f, "hollis"), 1);
    release(f);
    f = split("Dự có TS. Nguyễn Văn A.", 0); /* what the dot means is data: without the lexicon it ends one */
    assert_int_equal(sent_of(f, "nguyễn"), 1);
    release(f);
    /* a unit word's dot (dot=before-name) joins a place that follows, not the next sentence */
    f = split("Đoàn đến TP. Vinh hôm qua. Đoàn về TP. Sáng nay đoàn họp.", 1);
    assert_int_equal(sent_of(f, "vinh"), 0);
    assert_int_equal(sent_of(f, "sáng"), 2);
    release(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers), cmocka_unit_test(test_abbreviations), cmocka_unit_test(test_hyphenated_names),
        cmocka_unit_test(test_roman_and_shapes), cmocka_unit_test(test_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
