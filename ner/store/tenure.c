/* Tenure from dated evidence: see tenure.h and README.md ("How who reasons
 * over time") for the rules this file implements, one function each. */
#include <string.h>
#include "store/tenure.h"

static long min_day(long a, long b) { return a == VN_DAY_NONE ? b : b == VN_DAY_NONE ? a : a < b ? a : b; }
static long max_day(long a, long b) { return a == VN_DAY_NONE ? b : b == VN_DAY_NONE ? a : a > b ? a : b; }

static int holds(int kind) { return kind == VN_EV_CURRENT || kind == VN_EV_ACTING; }

/* When the person was in office by the evidence: the first and last day a
 * mention shows it (an explicit start counts as a day in office). */
static void span_in_office(vn_term *t, const vn_evidence_row *r, size_t n)
{
    t->first_seen = t->last_seen = VN_DAY_NONE;
    for (size_t i = 0; i < n; i++) {
        if (!holds(r[i].kind))
            continue;
        /* a mention that says the person leaves on E shows them in office up to E only, one that says
         * they start on S from S only */
        long day = r[i].end != VN_DAY_NONE && r[i].day != VN_DAY_NONE && r[i].end < r[i].day ? r[i].end : r[i].day;
        if (r[i].start != VN_DAY_NONE && day != VN_DAY_NONE && r[i].start > day) /* "từ ngày 1/9" told on 30/8 */
            day = r[i].start;
        t->first_seen = min_day(t->first_seen, min_day(day, r[i].start));
        t->last_seen = max_day(t->last_seen, max_day(day, r[i].start));
    }
}

/* The start: the first day in office, or a start the text gives (also of a
 * past term: "nguyên Bí thư (2015 - 2020)"). */
static void start_of_term(vn_term *t, const vn_evidence_row *r, size_t n)
{
    t->lo = t->first_seen;
    t->lo_row = -1;
    for (size_t i = 0; i < n; i++)
        if (r[i].kind != VN_EV_ELECT && r[i].start != VN_DAY_NONE && (t->lo == VN_DAY_NONE || r[i].start <= t->lo)) {
            t->lo = r[i].start;
            t->lo_row = (long)i;
        }
    t->lo_stated = t->lo_row >= 0;
}

/* Acting first, then elected or appointed: the acting phase ends the day
 * before the first non-acting evidence; acting throughout when there is none. */
static void acting_phase(vn_term *t, const vn_evidence_row *r, size_t n)
{
    long first_act = VN_DAY_NONE, first_full = VN_DAY_NONE;
    for (size_t i = 0; i < n; i++) {
        long d = min_day(r[i].day, r[i].start);
        if (r[i].kind == VN_EV_ACTING)
            first_act = min_day(first_act, d);
        else if (r[i].kind == VN_EV_CURRENT)
            first_full = min_day(first_full, r[i].start != VN_DAY_NONE ? r[i].start : r[i].day);
    }
    t->acting_until = VN_DAY_NONE;
    if (first_act == VN_DAY_NONE)
        return;
    if (first_full == VN_DAY_NONE)
        t->acting_until = VN_DAY_OPEN;
    else if (first_full > first_act)
        t->acting_until = first_full - 1;
}

/* The end the evidence gives: an explicit last day not contradicted by later
 * evidence in office, else the day before a later "nguyên" mention. */
static void end_of_term(vn_term *t, const vn_evidence_row *r, size_t n)
{
    long explicit_end = VN_DAY_NONE, former = VN_DAY_NONE;
    for (size_t i = 0; i < n; i++) {
        if (r[i].end != VN_DAY_NONE)
            explicit_end = max_day(explicit_end, r[i].end);
        else if (r[i].kind == VN_EV_FORMER && r[i].day != VN_DAY_NONE &&
                 (t->last_seen == VN_DAY_NONE || r[i].day > t->last_seen))
            former = min_day(former, r[i].day);
    }
    t->hi = VN_DAY_OPEN;
    t->hi_row = -1;
    if (explicit_end != VN_DAY_NONE && (t->last_seen == VN_DAY_NONE || explicit_end >= t->last_seen)) {
        t->hi = explicit_end;
        t->hi_stated = 1;
        t->ended_by |= VN_END_EXPLICIT;
        for (size_t i = 0; i < n; i++)
            if (r[i].end == explicit_end)
                t->hi_row = (long)i;
    } else if (former != VN_DAY_NONE) {
        t->hi = former - 1; /* "nguyên" on that day: it ended before */
        t->hi_row = -1;
        t->ended_by |= VN_END_FORMER;
    }
}

static void one_person(vn_term *t, const vn_evidence_row *r, size_t n)
{
    memset(t, 0, sizeof *t);
    t->person = r[0].person;
    span_in_office(t, r, n);
    acting_phase(t, r, n);
    end_of_term(t, r, n);
    start_of_term(t, r, n);
    int former = 0, elect = 0;
    for (size_t i = 0; i < n; i++) {
        former |= r[i].kind == VN_EV_FORMER || r[i].end != VN_DAY_NONE;
        elect |= r[i].kind == VN_EV_ELECT;
    }
    if (t->first_seen == VN_DAY_NONE) {
        t->former_only = former;
        t->nominee_only = !former && elect;
        for (size_t i = 0; t->nominee_only && i < n; i++)
            if (r[i].start != VN_DAY_NONE) { /* shown as the nomination's date; never covers a day */
                t->lo = r[i].start;
                t->lo_row = (long)i;
                break;
            }
    }
}

/* A post whose body or place ceased ends then; evidence dated after that
 * speaks of a term that had ended. */
static void cap_at_cessation(vn_term *t, long ceased)
{
    if (ceased == VN_DAY_OPEN || t->nominee_only || t->hi <= ceased)
        return;
    t->hi = ceased;
    t->hi_row = -1;
    t->hi_stated = 1;
    t->ended_by |= VN_END_CEASED;
    if (t->lo != VN_DAY_NONE && t->lo > ceased) {
        t->lo = VN_DAY_NONE;
        t->lo_stated = 0;
    }
}

/* One holder at a time: the next holder's start ends the term the day
 * before, unless the holder is still shown in office after it. */
static void successors(vn_term *v, size_t n)
{
    for (size_t a = 0; a < n; a++) {
        if (v[a].lo == VN_DAY_NONE || v[a].nominee_only)
            continue;
        long next = VN_DAY_NONE;
        int stated = 0;
        for (size_t b = 0; b < n; b++)
            if (b != a && !v[b].nominee_only && v[b].lo != VN_DAY_NONE && v[b].lo > v[a].lo) {
                if (next == VN_DAY_NONE || v[b].lo < next) {
                    next = v[b].lo;
                    stated = v[b].lo_stated;
                } else if (v[b].lo == next) {
                    stated |= v[b].lo_stated;
                }
            }
        if (next == VN_DAY_NONE || next - 1 >= v[a].hi || v[a].last_seen >= next)
            continue;
        v[a].hi = next - 1;
        v[a].hi_row = -1;
        v[a].hi_stated = stated; /* the day before a start a text gives; else only "before the successor was seen" */
        v[a].ended_by |= VN_END_SUCCESSOR;
    }
}

int vn_tenure_compute(vn_term *out, size_t *nout, const vn_evidence_row *rows, size_t n, const vn_post_facts *post)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && rows[j].person == rows[i].person)
            j++;
        one_person(&out[k], rows + i, j - i);
        if (out[k].lo_row >= 0)
            out[k].lo_row += (long)i;
        if (out[k].hi_row >= 0)
            out[k].hi_row += (long)i;
        cap_at_cessation(&out[k], post ? post->ceased : VN_DAY_OPEN);
        k++;
        i = j;
    }
    if (!post || !post->collective)
        successors(out, k);
    *nout = k;
    return 0;
}

int vn_term_covers(const vn_term *t, long day)
{
    return !t->nominee_only && (t->lo == VN_DAY_NONE || t->lo <= day) && day <= t->hi;
}

const char *vn_term_qualifier(const vn_term *t, long day)
{
    if (t->nominee_only)
        return "elect";
    if (day > t->hi)
        return "former";
    if (t->acting_until != VN_DAY_NONE && day <= t->acting_until)
        return "acting";
    return "current";
}
