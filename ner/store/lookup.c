/* Finding what a user means: a post or a person typed as journalists type
 * them.  First the exact key (abbreviations expanded: UBND, HĐND, TP.HCM;
 * equivalent forms from the gazetteer's ABBR entries), then the key folded
 * (no diacritics, Đ/Ð as d, case), then folded without unit words (tỉnh,
 * thành phố: "Chủ tịch UBND Đồng Nai"); when nothing matches, the closest
 * known names as suggestions. */
#include <string.h>
#include <utf8proc.h>
#include "pipeline/model.h"
#include "store/store.h"
#include "text/text.h"

char *vn_fold(const char *s)
{
    utf8proc_uint8_t *d = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &d,
                     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) < 0)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; d[i];) { /* đ Đ ð Ð have no decomposition: write d */
        if ((d[i] == 0xC4 && (d[i + 1] == 0x91 || d[i + 1] == 0x90)) || (d[i] == 0xC3 && (d[i + 1] == 0xB0 || d[i + 1] == 0x90))) {
            d[w++] = 'd';
            i += 2;
        } else if (d[i] == ' ' && (w == 0 || d[w - 1] == ' ')) {
            i++;
        } else {
            d[w++] = d[i++];
        }
    }
    while (w && d[w - 1] == ' ')
        w--;
    d[w] = 0;
    return (char *)d;
}

/* The folded unit words of the gazetteer (LEVEL, LEVEL_LOCAL): one per line. */
static int unit_words(const vnner_model *m, vn_buf *out)
{
    size_t n = vn_gaz_count(m->gaz, -1);
    for (uint32_t i = 1; i <= n; i++) {
        const vn_entry *e = vn_gaz_entry(m->gaz, i);
        if (e->cls != VN_C_LEVEL && e->cls != VN_C_LEVEL_LOCAL)
            continue;
        char *f = vn_fold(e->surface);
        if (!f)
            return VNNER_ENOMEM;
        vn_buf_putc(out, ' ');
        vn_buf_puts(out, f);
        vn_buf_putc(out, '\n');
        free(f);
    }
    return out->failed ? VNNER_ENOMEM : 0;
}

/* FOLDED without the unit words of UNITS (" tinh\n thanh pho\n..."), in place. */
static void drop_units(char *folded, const char *units)
{
    for (const char *u = units; *u;) {
        const char *nl = strchr(u, '\n');
        size_t l = (size_t)(nl - u);
        char needle[64];
        if (l < sizeof needle) {
            memcpy(needle, u, l);
            needle[l] = 0;
            for (char *p = folded; (p = strstr(p, needle));) {
                if (p[l] == ' ') /* a unit word before a name; a name's own last word (Hà Tĩnh) stays */
                    memmove(p, p + l, strlen(p + l) + 1);
                else
                    p += l;
            }
        }
        u = nl + 1;
    }
}

/* Dice coefficient of the words of A and B (folded): how close two names are. */
static double closeness(const char *a, const char *b)
{
    size_t na = 0, nb = 0, common = 0;
    for (const char *p = a; *p;) {
        const char *q = strchr(p, ' ');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        na++;
        for (const char *r = b; *r;) {
            const char *s2 = strchr(r, ' ');
            size_t k = s2 ? (size_t)(s2 - r) : strlen(r);
            if (k == l && !memcmp(p, r, l)) {
                common++;
                break;
            }
            r += k + (s2 != NULL);
        }
        p += l + (q != NULL);
    }
    for (const char *r = b; *r; r++)
        nb += r == b || r[-1] == ' ';
    return na + nb ? 2.0 * (double)common / (double)(na + nb) : 0;
}

static void keep_suggestion(vn_lookup *lk, const char *name, double score)
{
    if (score < 0.5 || !name)
        return;
    int at = lk->nsugg < VN_MAX_SUGGEST ? lk->nsugg : VN_MAX_SUGGEST - 1;
    if (lk->nsugg == VN_MAX_SUGGEST && score <= lk->score[at])
        return;
    while (at > 0 && lk->score[at - 1] < score)
        at--;
    if (lk->nsugg == VN_MAX_SUGGEST)
        free(lk->sugg[VN_MAX_SUGGEST - 1]);
    else
        lk->nsugg++;
    memmove(lk->sugg + at + 1, lk->sugg + at, (size_t)(lk->nsugg - 1 - at) * sizeof *lk->sugg);
    memmove(lk->score + at + 1, lk->score + at, (size_t)(lk->nsugg - 1 - at) * sizeof *lk->score);
    lk->sugg[at] = vn_utf8_repair_dup(name, strlen(name)); /* shown as the answer's names are */
    lk->score[at] = score;
}

/* Every row of SQL (id, name, norm): the first whose folded key (units
 * dropped when UNITS) equals WANT, while keeping the closest as suggestions. */
static int scan(vnner_store *s, const char *sql, const char *want, const char *units, vn_lookup *lk)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    int step, rc = 0;
    while (!rc && !lk->id && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1), *norm = (const char *)sqlite3_column_text(st, 2);
        char *f = norm ? vn_fold(norm) : NULL;
        if (!f) {
            rc = norm ? VNNER_ENOMEM : 0;
            continue;
        }
        if (units && *units)
            drop_units(f, units);
        if (!strcmp(f, want)) {
            lk->id = sqlite3_column_int64(st, 0);
            lk->name = vn_col_text(st, 1);
            lk->norm = vn_strdup(norm);
        } else if (units) {
            keep_suggestion(lk, name, closeness(want, f));
        }
        free(f);
    }
    if (!rc && !lk->id && step != SQLITE_DONE)
        rc = VNNER_EDB;
    sqlite3_finalize(st);
    return rc;
}

static int exact(vnner_store *s, const char *sql, const char *key, vn_lookup *lk)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        lk->id = sqlite3_column_int64(st, 0);
        lk->name = vn_col_text(st, 1);
        lk->norm = vn_strdup(key);
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : VNNER_EDB;
}

static int find(vnner_store *s, const vnner_model *m, const char *query, int post, vn_lookup *lk)
{
    static const char *const by_key[2] = {"SELECT id, name FROM persons WHERE norm = ? ORDER BY id",
                                          "SELECT id, name FROM posts WHERE norm = ?"};
    static const char *const all[2] = {"SELECT id, name, norm FROM persons ORDER BY id",
                                       "SELECT id, name, norm FROM posts ORDER BY id"};
    memset(lk, 0, sizeof *lk);
    char *key = post ? vn_store_key(m, query) : vn_normalize_str(query, strlen(query));
    char *f = key ? vn_fold(key) : NULL;
    vn_buf units = {0};
    int rc = VNNER_ENOMEM;
    if (!f || (post && unit_words(m, &units)))
        goto cleanup;
    if ((rc = exact(s, by_key[post], key, lk)) || lk->id)
        goto cleanup;
    if (!post) { /* a person: the name folded, and the closest names */
        rc = scan(s, all[post], f, "", lk);
        goto cleanup;
    }
    if ((rc = scan(s, all[post], f, NULL, lk)) || lk->id)
        goto cleanup;
    drop_units(f, units.p ? units.p : "");
    rc = scan(s, all[post], f, units.p ? units.p : "", lk);
cleanup:
    if (lk->id && (!lk->name || !lk->norm))
        rc = VNNER_ENOMEM;
    lk->known = lk->id != 0;
    free(key);
    free(f);
    vn_buf_free(&units);
    return rc;
}

int vn_lookup_post(vnner_store *s, const vnner_model *m, const char *query, vn_lookup *out)
{
    return find(s, m, query, 1, out);
}

int vn_lookup_person(vnner_store *s, const vnner_model *m, const char *query, vn_lookup *out)
{
    return find(s, m, query, 0, out);
}

void vn_lookup_free(vn_lookup *lk)
{
    free(lk->name);
    free(lk->norm);
    for (int i = 0; i < lk->nsugg; i++)
        free(lk->sugg[i]);
    memset(lk, 0, sizeof *lk);
}
