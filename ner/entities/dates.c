/* Dates: the publication date from the dateline, and ISO values for DATE
 * entities, relative ones (sáng nay, Ngày 29-9) resolved against it. */
#include <stdlib.h>
#include <string.h>
#include "entities/dates.h"
#include "lexicon/classes.h"
#include "util/buf.h"

/* Parses the numbers of a token "12/01/2024", "29-9", "2/2023". */
static int parts(const char *s, size_t n, int *p, int max)
{
    int np = 0;
    p[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (p[np] < 100000)
                p[np] = p[np] * 10 + (s[i] - '0');
        } else if (np + 1 < max) {
            p[++np] = 0;
        }
    }
    return np + 1;
}

/* Day, month and year of a full-date token: 12/01/2024, 12-01-2024, 12.01.2024 or 2024-01-12. */
static void dmy(const char *s, size_t n, int *d, int *m, int *y)
{
    int p[3];
    parts(s, n, p, 3);
    int iso = n >= 5 && s[4] == '-';
    for (int k = 0; k < 4 && iso; k++)
        iso = s[k] >= '0' && s[k] <= '9';
    if (iso) {
        *y = p[0], *m = p[1], *d = p[2];
    } else {
        *d = p[0], *m = p[1], *y = p[2];
    }
}

/* ---- publication date ---- */

static void set_pubdate(vn_pubdate *out, int y, int m, int dd)
{
    out->y = y;
    out->m = m;
    out->d = dd;
    snprintf(out->iso, sizeof out->iso, "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
}

/* A dateline: a short line whose one full date is surrounded only by
 * weekday names, times, "Cập nhật" and the like. */
static int dateline_at(const vn_view *v, size_t from, size_t to, int *y, int *m, int *dd)
{
    int found = 0, words = 0;
    for (size_t i = from; i < to; i++) {
        const vn_token *k = &v->tk->v[i];
        if (v->tags->sym[i] == VN_S_DATE && !found) {
            dmy(v->text->norm + k->ns, k->ne - k->ns, dd, m, y);
            found = 1;
        } else if (!found && v->tags->sym[i] == VN_S_NUM && i + 4 < to && v->tags->sym[i + 1] == VN_S_MONTH_WORD && v->tags->sym[i + 2] == VN_S_NUM &&
                   v->tags->sym[i + 3] == VN_S_YEAR_WORD && v->tags->sym[i + 4] == VN_S_YEAR) { /* "ngày 12 tháng 3 năm 2024" */
            int p[1];
            parts(v->text->norm + k->ns, k->ne - k->ns, p, 1);
            *dd = p[0];
            parts(v->text->norm + v->tk->v[i + 2].ns, v->tk->v[i + 2].ne - v->tk->v[i + 2].ns, p, 1);
            *m = p[0];
            parts(v->text->norm + v->tk->v[i + 4].ns, v->tk->v[i + 4].ne - v->tk->v[i + 4].ns, p, 1);
            *y = p[0];
            found = 1;
        } else if (k->kind == VN_TK_WORD) {
            words++;
        }
    }
    /* a line that ends a sentence ("Ngày 21/12/2025 sẽ họp tiếp.") is text, not a dateline */
    int sentence = to > from && v->tk->v[to - 1].kind == VN_TK_PUNCT && v->text->norm[v->tk->v[to - 1].ns] == '.' &&
                   words > 1;
    return found && !sentence && words <= 8 && to - from <= 24;
}

void vn_pubdate_find(vn_pubdate *out, const vn_view *v)
{
    memset(out, 0, sizeof *out);
    /* the first dateline after the title; a date line before any text is a
     * page header unless no other follows */
    int lines = 0, seen_text = 0, have = 0, y = 0, m = 0, dd = 0;
    for (size_t i = 0; i < v->tk->n && lines < 12;) {
        size_t j = i;
        while (j < v->tk->n && v->tk->v[j].kind != VN_TK_NEWLINE)
            j++;
        if (j > i) {
            int yy = 0, mm = 0, ddd = 0;
            lines++;
            if (!dateline_at(v, i, j, &yy, &mm, &ddd)) {
                seen_text = 1;
            } else if (seen_text || !have) {
                y = yy, m = mm, dd = ddd;
                have = 1;
                if (seen_text)
                    break;
            }
        }
        i = j + 1;
    }
    if (!have) /* an agency's dateline opens the lead: "Hà Nội, 21/5/2025 (TTXVN) - ..." */
        for (size_t i = 0, nl = 0; i < v->tk->n && nl < 10 && !have; i++) {
            if (v->tk->v[i].kind == VN_TK_NEWLINE) {
                nl++;
                continue;
            }
            if (i && v->tk->v[i - 1].kind != VN_TK_NEWLINE)
                continue;
            size_t k = i;
            while (k < v->tk->n && k < i + 4 && v->tk->v[k].kind == VN_TK_WORD && v->tk->v[k].shape != VN_SH_LOWER)
                k++;
            size_t d = k + 1; /* "Hà Nội, 21/5/2025", "Hà Nội, ngày 21/5/2025" */
            if (d < v->tk->n && (v->tags->cls_at[d] & (1ull << VN_C_DATE_PREFIX)))
                d++;
            if (k > i && d < v->tk->n && v->tags->sym[k] == VN_S_COMMA && v->tags->sym[d] == VN_S_DATE) {
                dmy(v->text->norm + v->tk->v[d].ns, v->tk->v[d].ne - v->tk->v[d].ns, &dd, &m, &y);
                have = 1;
            }
        }
    if (have && vn_date_valid(y, m, dd))
        set_pubdate(out, y, m, dd);
}

int vn_pubdate_set(vn_pubdate *out, const char *s)
{
    int y, m, dd;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &dd) != 3 || s[4] != '-' || s[7] != '-' ||
        !vn_date_valid(y, m, dd))
        return VNNER_EINVAL;
    set_pubdate(out, y, m, dd);
    return 0;
}

/* ---- DATE values ---- */

static int entry_number(const vn_view *v, uint32_t t, int cls, const char *key);

/* The day a REL_DAY word at token T means, from the article's date: its
 * entry's attribute days=N ("nay" 0, "qua" -1, "mai" 1), or 99 (unknown). */
static int rel_days(const vn_view *v, uint32_t t)
{
    return entry_number(v, t, VN_C_REL_DAY, "days");
}

/* Attribute KEY=N of the CLS entry chosen at token T, or 99 when it has none. */
static int entry_number(const vn_view *v, uint32_t t, int cls, const char *key)
{
    const vn_entry *e = v->tags->gm[t].len ? vn_gaz_entry(v->gaz, v->tags->gm[t].entry) : NULL;
    char b[8];
    if (!e || e->cls != cls || !vn_entry_attr(e, key, b, sizeof b))
        return 99;
    return atoi(b);
}

/* The value of a Roman numeral of up to four quarters (I, II, III, IV), else 0. */
static int roman_quarter(const char *s, size_t n)
{
    static const char *const q[] = {"i", "ii", "iii", "iv"};
    for (int k = 0; k < 4; k++)
        if (strlen(q[k]) == n && !strncmp(s, q[k], n))
            return k + 1;
    return 0;
}

/* Year for a day and month without one: the publication year, or the one
 * before when that would put the date months after publication. */
static int infer_year(const vn_pubdate *p, int m, int dd)
{
    if (!p->y)
        return 0;
    long pub = vn_days(p->y, p->m, p->d);
    long cand = vn_days(p->y, m, dd);
    return cand - pub > 180 ? p->y - 1 : cand - pub < -300 ? p->y + 1 : p->y;
}

/* What the tokens of a DATE say: numbers, a month, a year, a relative word. */
typedef struct date_parts {
    int y, m, dd, years[2], ny, nums[3], nn, rel, rel_years, rel_months, quarter, mo;
} date_parts;

static void read_parts(const vn_view *v, const vn_ent *e, date_parts *d)
{
    int month_next = 0, year_next = 0, quarter_next = 0;
    memset(d, 0, sizeof *d);
    d->rel = d->rel_years = d->rel_months = 99;
    for (uint32_t t = e->ts; t < e->te; t++) {
        const vn_token *k = &v->tk->v[t];
        const char *s = v->text->norm + k->ns;
        size_t n = k->ne - k->ns;
        int p[3];
        switch (v->tags->sym[t]) {
        case VN_S_DATE: dmy(s, n, &d->dd, &d->m, &d->y); break;
        case VN_S_DAY_MONTH: parts(s, n, p, 3); d->dd = p[0]; d->m = p[1]; break;
        case VN_S_MONTH_YEAR: parts(s, n, p, 3); d->m = p[0]; d->y = p[1]; d->mo = 1; break;
        case VN_S_YEARS: parts(s, n, p, 3); d->years[0] = p[0]; d->years[1] = p[1]; d->ny = 2; break;
        case VN_S_YEAR:
            parts(s, n, p, 1);
            if (d->ny < 2) d->years[d->ny++] = p[0];
            break;
        case VN_S_ROMAN:
            if (quarter_next) d->quarter = roman_quarter(s, n);
            break;
        case VN_S_NUM:
            parts(s, n, p, 1);
            if (quarter_next) d->quarter = p[0] >= 1 && p[0] <= 4 ? p[0] : 0;
            else if (month_next) d->m = p[0], d->mo = !d->dd;
            else if (year_next) d->y = p[0];
            else if (d->nn < 3) d->nums[d->nn++] = p[0];
            break;
        case VN_S_MONTH_WORD:
            quarter_next = entry_number(v, t, VN_C_MONTH_WORD, "months") == 3; /* quý */
            month_next = !quarter_next;
            year_next = 0;
            continue;
        case VN_S_YEAR_WORD: year_next = 1; month_next = 0; continue;
        case VN_S_REL_DAY:
            d->rel = rel_days(v, t);
            d->rel_years = entry_number(v, t, VN_C_REL_DAY, "years");
            d->rel_months = entry_number(v, t, VN_C_REL_DAY, "months");
            break;
        }
        if (v->tags->sym[t] != VN_S_SLASH)
            month_next = year_next = quarter_next = 0;
    }
}

/* A day and month the text gives without a year: the year nearest publication. */
static int day_month_year(const vn_pubdate *pub, const date_parts *d) { return d->y ? d->y : infer_year(pub, d->m, d->dd); }

/* The ISO value of date E into OUT ("" when the text names no calendar date). */
static void date_value(const vn_view *v, const vn_pubdate *pub, const vn_ent *e, char out[32])
{
    out[0] = 0;
    date_parts d;
    read_parts(v, e, &d);
    int y = d.y, m = d.m, dd = d.dd;
    if (d.nn && !dd && m)
        dd = d.nums[0];
    if (d.nn == 2 && !m && !dd && !y && !d.ny && vn_date_valid(2000, d.nums[1], d.nums[0]))
        dd = d.nums[0], m = d.nums[1]; /* "ngày 17 – 9" */
    if (d.quarter && (y || d.ny == 1)) { /* quý III/2025 */
        int qy = y ? y : d.years[0];
        snprintf(out, 32, "%04d-%02d/%04d-%02d", qy, 3 * d.quarter - 2, qy, 3 * d.quarter);
    } else if (d.rel_years != 99 && pub->y) { /* năm ngoái; tháng 10 năm ngoái */
        if (m >= 1 && m <= 12)
            snprintf(out, 32, "%04d-%02d", pub->y + d.rel_years, m);
        else
            snprintf(out, 32, "%04d", pub->y + d.rel_years);
    } else if (d.rel_months != 99 && pub->y) { /* tháng trước */
        int yy = pub->y, mm = pub->m + d.rel_months;
        yy += mm < 1 ? -1 : mm > 12 ? 1 : 0;
        mm = mm < 1 ? mm + 12 : mm > 12 ? mm - 12 : mm;
        snprintf(out, 32, "%04d-%02d", yy, mm);
    } else if (d.ny == 2 && !m) {
        snprintf(out, 32, "%04d/%04d", d.years[0], d.years[1]);
    } else if (d.ny == 1 && !m && !dd) {
        snprintf(out, 32, "%04d", d.years[0]);
    } else if (d.rel != 99 && pub->y) {
        int yy = pub->y, mm = pub->m, ddd = pub->d;
        vn_date_add_days(&yy, &mm, &ddd, d.rel);
        snprintf(out, 32, "%04d-%02d-%02d", yy, mm, ddd);
    } else {
        if (d.ny == 1 && !y)
            y = d.years[0];
        if (d.mo && m >= 1 && m <= 12 && !dd && (y || pub->y)) { /* tháng 9/2023; tháng 7 */
            snprintf(out, 32, "%04d-%02d", y ? y : infer_year(pub, m, 15), m);
        } else if (dd && m) {
            date_parts dm = d;
            dm.y = y, dm.m = m, dm.dd = dd;
            y = day_month_year(pub, &dm);
            int first = d.nn == 1 && d.dd ? d.nums[0] : 0; /* "20, 21/12/2021": two days */
            if (first && y && vn_date_valid(y, m, first) && vn_date_valid(y, m, dd) && first < dd)
                snprintf(out, 32, "%04d-%02d-%02d/%04d-%02d-%02d", y % 10000, m % 100, first % 100, y % 10000, m % 100, dd % 100);
            else if (y && vn_date_valid(y, m, dd))
                snprintf(out, 32, "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
        }
    }
}

int vn_dates_resolve(vn_ents *ents, const vn_view *v, const vn_pubdate *p)
{
    for (size_t i = 0; i < ents->n; i++) {
        vn_ent *e = &ents->v[i];
        if (e->pub.type != VNNER_DATE)
            continue;
        char out[32];
        date_value(v, p, e, out);
        e->value = out[0] ? vn_strdup(out) : NULL;
        e->pub.value = e->value;
        if (out[0] && !e->value) /* a value lost is a wrong answer: fail the document instead */
            return VNNER_ENOMEM;
    }
    return 0;
}
