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
    return found && words <= 8 && to - from <= 24;
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
            if (k > i && k + 1 < v->tk->n && v->tags->sym[k] == VN_S_COMMA && v->tags->sym[k + 1] == VN_S_DATE) {
                dmy(v->text->norm + v->tk->v[k + 1].ns, v->tk->v[k + 1].ne - v->tk->v[k + 1].ns, &dd, &m, &y);
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

/* Year for a day and month without one: the publication year, or the one
 * before when that would put the date months after publication. */
/* The day a REL_DAY word at token T means, from the article's date: its
 * entry's attribute days=N ("nay" 0, "qua" -1, "mai" 1), or 99 (unknown). */
static int rel_days(const vn_view *v, uint32_t t)
{
    const vn_entry *e = vn_gaz_entry(v->gaz, v->tags->gm[t].entry);
    char b[8];
    if (!e || e->cls != VN_C_REL_DAY || !vn_entry_attr(e, "days", b, sizeof b))
        return 99;
    return atoi(b);
}

static int infer_year(const vn_pubdate *p, int m, int dd)
{
    if (!p->y)
        return 0;
    long pub = vn_days(p->y, p->m, p->d);
    long cand = vn_days(p->y, m, dd);
    return cand - pub > 180 ? p->y - 1 : cand - pub < -300 ? p->y + 1 : p->y;
}

static char *date_value(const vn_view *v, const vn_pubdate *pub, const vn_ent *e)
{
    char out[32] = "";
    int y = 0, m = 0, dd = 0, years[2] = {0, 0}, ny = 0, nums[3], nn = 0, rel = 99;
    int month_next = 0, year_next = 0, mo = 0;
    for (uint32_t t = e->ts; t < e->te; t++) {
        const vn_token *k = &v->tk->v[t];
        const char *s = v->text->norm + k->ns;
        size_t n = k->ne - k->ns;
        int p[3];
        switch (v->tags->sym[t]) {
        case VN_S_DATE: dmy(s, n, &dd, &m, &y); break;
        case VN_S_DAY_MONTH: parts(s, n, p, 3); dd = p[0]; m = p[1]; break;
        case VN_S_MONTH_YEAR: parts(s, n, p, 3); m = p[0]; y = p[1]; mo = 1; break;
        case VN_S_YEARS: parts(s, n, p, 3); years[0] = p[0]; years[1] = p[1]; ny = 2; break;
        case VN_S_YEAR:
            parts(s, n, p, 1);
            if (ny < 2) years[ny++] = p[0];
            break;
        case VN_S_NUM:
            parts(s, n, p, 1);
            if (month_next) m = p[0], mo = !dd;
            else if (year_next) y = p[0];
            else if (nn < 3) nums[nn++] = p[0];
            break;
        case VN_S_MONTH_WORD: month_next = 1; year_next = 0; continue;
        case VN_S_YEAR_WORD: year_next = 1; month_next = 0; continue;
        case VN_S_REL_DAY:
            rel = rel_days(v, t);
            break;
        }
        month_next = year_next = 0;
    }
    if (nn && !dd && m)
        dd = nums[0];
    if (ny == 2 && !m) {
        snprintf(out, sizeof out, "%04d/%04d", years[0], years[1]);
    } else if (ny == 1 && !m && !dd) {
        y = years[0];
        snprintf(out, sizeof out, "%04d", y);
    } else if (rel != 99 && pub->y) {
        int yy = pub->y, mm = pub->m, ddd = pub->d;
        vn_date_add_days(&yy, &mm, &ddd, rel);
        snprintf(out, sizeof out, "%04d-%02d-%02d", yy, mm, ddd);
    } else {
        if (ny == 1 && !y)
            y = years[0];
        if (mo && y && m >= 1 && m <= 12 && !dd)
            snprintf(out, sizeof out, "%04d-%02d", y, m);
        else if (dd && m) {
            if (!y)
                y = infer_year(pub, m, dd);
            if (y && vn_date_valid(y, m, dd))
                snprintf(out, sizeof out, "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
        }
    }
    return out[0] ? vn_strdup(out) : NULL;
}

int vn_dates_resolve(vn_ents *ents, const vn_view *v, const vn_pubdate *p)
{
    for (size_t i = 0; i < ents->n; i++) {
        vn_ent *e = &ents->v[i];
        if (e->pub.type != VNNER_DATE)
            continue;
        e->value = date_value(v, p, e);
        e->pub.value = e->value;
    }
    return 0;
}
