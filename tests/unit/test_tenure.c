/* The tenure rules (ner/store/tenure.c), one test per rule, each the worked
 * example the README gives. */
#include "support.h"
#include <string.h>
#include "store/tenure.h"
#include "util/date.h"

static long D(const char *iso)
{
    long d;
    assert_int_equal(vn_date_parse(iso, 0, &d), 0);
    return d;
}

#define N VN_DAY_NONE
#define ROW(p, k, day, s, e) ((vn_evidence_row){(p), (k), (day), (s), (e)})

static size_t compute(vn_term *out, const vn_evidence_row *rows, size_t n, int collective, long ceased)
{
    vn_post_facts f = {.collective = collective, .ceased = ceased};
    size_t k = 0;
    assert_int_equal(vn_tenure_compute(out, &k, rows, n, &f), 0);
    return k;
}

/* Acting, then elected: one term with an acting phase; the later election
 * does not erase the acting period. */
static void test_acting_then_elected(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_ACTING, D("2024-07-10"), N, N),
                           ROW(1, VN_EV_CURRENT, D("2025-07-01"), D("2025-07-01"), N)};
    vn_term t[2];
    assert_int_equal(compute(t, r, 2, 0, VN_DAY_OPEN), 1);
    assert_true(vn_term_covers(&t[0], D("2024-07-10")));
    assert_false(vn_term_covers(&t[0], D("2024-07-09")));
    assert_string_equal(vn_term_qualifier(&t[0], D("2024-12-01")), "acting");
    assert_string_equal(vn_term_qualifier(&t[0], D("2025-07-01")), "current");
    assert_int_equal(t[0].acting_until, D("2025-06-30"));
    assert_int_equal(t[0].lo, D("2024-07-10"));
    assert_int_equal(t[0].hi, VN_DAY_OPEN);
}

/* "nguyên" in a later article ends the term before that article; earlier
 * evidence still shows the person in office, as current. */
static void test_former_ends_no_later_than_its_article(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2021-03-15"), N, N), ROW(1, VN_EV_CURRENT, D("2022-06-01"), N, N),
                           ROW(1, VN_EV_FORMER, D("2023-05-10"), N, N)};
    vn_term t[1];
    compute(t, r, 3, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, D("2023-05-09"));
    assert_true(t[0].ended_by & VN_END_FORMER);
    assert_string_equal(vn_term_qualifier(&t[0], D("2022-01-01")), "current");
    assert_string_equal(vn_term_qualifier(&t[0], D("2023-05-10")), "former");
    /* a "nguyên" mention before later evidence in office ends nothing */
    vn_evidence_row r2[] = {ROW(1, VN_EV_FORMER, D("2021-01-01"), N, N), ROW(1, VN_EV_CURRENT, D("2022-06-01"), N, N)};
    compute(t, r2, 2, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, VN_DAY_OPEN);
}

/* A successor ends the predecessor on single-holder posts only. */
static void test_successor_single_holder_only(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2020-09-15"), N, N),
                           ROW(2, VN_EV_CURRENT, D("2025-10-14"), D("2025-10-14"), N)};
    vn_term t[2];
    compute(t, r, 2, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, D("2025-10-13"));
    assert_true(t[0].ended_by & VN_END_SUCCESSOR);
    assert_int_equal(t[1].hi, VN_DAY_OPEN);
    compute(t, r, 2, 1, VN_DAY_OPEN); /* a collective post: both hold it */
    assert_int_equal(t[0].hi, VN_DAY_OPEN);
    assert_true(vn_term_covers(&t[0], D("2025-12-01")) && vn_term_covers(&t[1], D("2025-12-01")));
}

/* A holder still shown in office after the next holder's start keeps the post. */
static void test_successor_needs_no_later_evidence(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2020-01-01"), N, N), ROW(1, VN_EV_CURRENT, D("2024-01-01"), N, N),
                           ROW(2, VN_EV_CURRENT, D("2023-01-01"), N, N)};
    vn_term t[2];
    compute(t, r, 3, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, VN_DAY_OPEN);
}

/* Leaving phrases and dates the text gives: the explicit end wins. */
static void test_explicit_end(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2024-01-05"), N, N),
                           ROW(1, VN_EV_FORMER, D("2024-10-05"), N, D("2024-09-30"))};
    vn_term t[1];
    compute(t, r, 2, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, D("2024-09-30"));
    assert_int_equal(t[0].hi_row, 1);
    assert_true(t[0].ended_by & VN_END_EXPLICIT);
}

/* A start the sentence gives comes before the article that reports it. */
static void test_start_from_the_sentence(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2025-02-25"), D("2025-02-19"), N)};
    vn_term t[1];
    compute(t, r, 1, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].lo, D("2025-02-19"));
    assert_int_equal(t[0].lo_row, 0);
    assert_true(vn_term_covers(&t[0], D("2025-02-20")));
}

/* A post whose province ceased (the 2025 merger) ends then. */
static void test_ceased_post(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2024-03-01"), N, N), ROW(2, VN_EV_CURRENT, D("2025-08-01"), N, N)};
    vn_term t[2];
    compute(t, r, 2, 0, D("2025-06-30"));
    assert_int_equal(t[0].hi, D("2025-06-30"));
    assert_true(t[0].ended_by & VN_END_CEASED);
    assert_false(vn_term_covers(&t[0], D("2025-07-01")));
    /* evidence dated after the end speaks of a term that had ended */
    assert_int_equal(t[1].lo, VN_DAY_NONE);
    assert_false(vn_term_covers(&t[1], D("2025-08-01")));
}

/* A nominee is never a holder; a term given in the past ("2016 - 2021") is. */
static void test_nominee_and_past_term(void **state)
{
    (void)state;
    vn_evidence_row r[] = {ROW(1, VN_EV_ELECT, D("2025-06-01"), D("2025-06-01"), N),
                           ROW(2, VN_EV_FORMER, D("2023-01-01"), D("2016-01-01"), D("2021-12-31"))};
    vn_term t[2];
    compute(t, r, 2, 0, VN_DAY_OPEN);
    assert_true(t[0].nominee_only);
    assert_false(vn_term_covers(&t[0], D("2025-06-01")));
    assert_false(vn_term_covers(&t[0], D("2026-01-01")));
    assert_true(t[1].former_only);
    assert_int_equal(t[1].lo, D("2016-01-01"));
    assert_true(vn_term_covers(&t[1], D("2019-06-01")));
    assert_false(vn_term_covers(&t[1], D("2022-01-01")));
    assert_string_equal(vn_term_qualifier(&t[1], D("2019-06-01")), "current");
}

/* What a text states and what the evidence only shows: a start or end no
 * text gives is not stated, however the term is bounded for who. */
static void test_stated_and_seen(void **state)
{
    (void)state;
    /* A seen on 2024-03-01 and 2024-05-02, no start given; B appointed from 2024-07-15 */
    vn_evidence_row r[] = {ROW(1, VN_EV_CURRENT, D("2024-03-01"), N, N), ROW(1, VN_EV_CURRENT, D("2024-05-02"), N, N),
                           ROW(2, VN_EV_CURRENT, D("2024-07-16"), D("2024-07-15"), N)};
    vn_term t[2];
    assert_int_equal(compute(t, r, 3, 0, VN_DAY_OPEN), 2);
    assert_false(t[0].lo_stated);
    assert_int_equal(t[0].first_seen, D("2024-03-01"));
    assert_int_equal(t[0].last_seen, D("2024-05-02"));
    assert_true(t[0].hi_stated); /* the day before B's stated start */
    assert_int_equal(t[0].hi, D("2024-07-14"));
    assert_true(t[1].lo_stated);
    assert_false(t[1].hi_stated);
    /* a successor only seen in office (no start given) bounds A, but states no end */
    vn_evidence_row r2[] = {ROW(1, VN_EV_CURRENT, D("2024-03-01"), N, N), ROW(2, VN_EV_CURRENT, D("2024-08-20"), N, N)};
    compute(t, r2, 2, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, D("2024-08-19"));
    assert_false(t[0].hi_stated);
    assert_false(vn_term_covers(&t[0], D("2024-08-20")));
    /* an explicit leaving is stated; a later "nguyên" is not */
    vn_evidence_row r3[] = {ROW(1, VN_EV_CURRENT, D("2024-03-01"), N, N), ROW(1, VN_EV_FORMER, D("2024-12-27"), N, D("2024-12-31"))};
    compute(t, r3, 2, 0, VN_DAY_OPEN);
    assert_true(t[0].hi_stated);
    /* the article that says she retires from 1/1/2025 shows her in office up to 31/12/2024 only */
    vn_evidence_row r5[] = {ROW(1, VN_EV_CURRENT, D("2024-03-01"), N, N), ROW(1, VN_EV_CURRENT, D("2025-01-05"), N, D("2024-12-31"))};
    compute(t, r5, 2, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, D("2024-12-31"));
    assert_int_equal(t[0].last_seen, D("2024-12-31"));
    assert_false(vn_term_covers(&t[0], D("2025-01-01")));
    vn_evidence_row r4[] = {ROW(1, VN_EV_CURRENT, D("2024-03-01"), N, N), ROW(1, VN_EV_FORMER, D("2025-04-10"), N, N)};
    compute(t, r4, 2, 0, VN_DAY_OPEN);
    assert_int_equal(t[0].hi, D("2025-04-09"));
    assert_false(t[0].hi_stated);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acting_then_elected),
        cmocka_unit_test(test_former_ends_no_later_than_its_article),
        cmocka_unit_test(test_successor_single_holder_only),
        cmocka_unit_test(test_successor_needs_no_later_evidence),
        cmocka_unit_test(test_explicit_end),
        cmocka_unit_test(test_start_from_the_sentence),
        cmocka_unit_test(test_ceased_post),
        cmocka_unit_test(test_nominee_and_past_term),
        cmocka_unit_test(test_stated_and_seen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
