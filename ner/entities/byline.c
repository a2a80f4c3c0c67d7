/* Bylines: the last line of an article that is only names ("Thu Hà",
 * "Huỳnh Phong – Hùng Anh"), past any page furniture after it. */
#include <string.h>
#include "entities/entities.h"
#include "lexicon/classes.h"
#include "util/buf.h"

const char vn_byline_rule[] = "byline";

#define MAX_TAIL_LINES 8

static int is_name_word(const vn_token *k)
{
    return k->kind == VN_TK_WORD && k->shape != VN_SH_LOWER;
}

/* A name is all Title Case or all capitals (THU HÀ), never a mix with an
 * abbreviation (Nhóm PV). */
static int one_case(const vn_view *v, size_t s, size_t e)
{
    int caps = 0, title = 0;
    for (size_t k = s; k < e; k++) {
        const vn_token *t = &v->tk->v[k];
        size_t letters = 0;
        for (size_t b = t->ns; b < t->ne; b++)
            letters += ((unsigned char)v->text->norm[b] & 0xC0) != 0x80;
        if (t->shape == VN_SH_ALLCAPS)
            caps++;
        else if (letters > 1)
            title++;
    }
    return !(caps && title);
}

/* Pushes the names of line [from,to) as PERSON candidates; returns how many,
 * or 0 when the line is not a byline. */
static int byline_names(vn_cands *out, const vn_view *v, size_t from, size_t to, const char *rule)
{
    size_t start[8], end[8];
    int n = 0;
    size_t i = from;
    for (size_t k = from; k < to && k < from + 6; k++)
        if (v->tk->v[k].kind == VN_TK_PUNCT && v->text->norm[v->tk->v[k].ns] == ':')
            i = k + 1; /* "Bài và ảnh: ..." */
    if (i + 2 < to && (v->tags->cls_at[i] & (1ull << VN_C_OWNER)) && v->tags->gm[i].len <= 1)
        i++; /* "Theo Phương Bùi": the source word is not part of the name */
    /* "Bài: Đăng Khoa - Ảnh: Thái Bình": the photo credit after the names is not theirs (photo_credits reads it) */
    for (size_t k = i + 1; k + 1 < to; k++)
        if ((v->tags->cls_at[k] & (1ull << VN_C_PHOTO)) && v->tags->sym[k + 1] == VN_S_COLON) {
            to = k;
            while (to > i && (v->tk->v[to - 1].kind == VN_TK_PUNCT))
                to--; /* the dash or comma before it */
            break;
        }
    /* "Vân Anh/VOV.VN": the outlet after a slash is not a name */
    for (size_t k = i; k < to; k++)
        if (v->tk->v[k].kind == VN_TK_PUNCT && v->text->norm[v->tk->v[k].ns] == '/') {
            to = k;
            break;
        }
    /* a site's name glued to the names ("Hằng Nga Baodatviet.vn") is not one */
    while (to > i && v->tk->v[to - 1].kind == VN_TK_WORD &&
           memchr(v->text->norm + v->tk->v[to - 1].ns, '.', v->tk->v[to - 1].ne - v->tk->v[to - 1].ns))
        to--;
    /* a trailing "(từ Seoul)", "(TTXVN)" is not part of the names */
    if (to > i && v->tk->v[to - 1].kind == VN_TK_PUNCT && v->text->norm[v->tk->v[to - 1].ns] == ')')
        while (to > i && !(v->tk->v[to - 1].kind == VN_TK_PUNCT && v->text->norm[v->tk->v[to - 1].ns] == '('))
            to--;
    if (to > i && v->tk->v[to - 1].kind == VN_TK_PUNCT && v->text->norm[v->tk->v[to - 1].ns] == '(')
        to--;
    while (i < to) {
        size_t s = i;
        while (i < to && is_name_word(&v->tk->v[i]))
            i++;
        size_t len = i - s;
        if (len < 2 || len > 4 || n == 8 || !one_case(v, s, i))
            return 0;
        start[n] = s;
        end[n++] = i;
        if (i == to)
            break;
        char c = v->tk->v[i].kind == VN_TK_PUNCT ? v->text->norm[v->tk->v[i].ns] : 0;
        if (c != '-' && c != ',' && c != '&')
            return 0;
        i++;
    }
    if (!n)
        return 0;
    for (int k = 0; k < n; k++) {
        vn_cand_ent ce = {(uint32_t)start[k], (uint32_t)end[k], VNNER_PERSON};
        if (vn_cand_push(out, ce.ts, ce.te, 90, -1, rule, 0, &ce, 1))
            return -1;
    }
    return n;
}

/* Photo credits anywhere: "Ảnh: Quang Huy", "(Ảnh: VGP/Nhật Bắc)": persons, not authors. */
static int photo_credits(vn_cands *out, const vn_view *v)
{
    for (size_t i = 0; i + 2 < v->tk->n; i++) {
        const vn_token *k = &v->tk->v[i];
        if (k->kind != VN_TK_WORD || k->shape == VN_SH_LOWER || !(v->tags->cls_at[i] & (1ull << VN_C_PHOTO)) ||
            v->tags->sym[i + 1] != VN_S_COLON)
            continue; /* a PHOTO word (Ảnh) and a colon */
        size_t s = i + 2, e = s;
        while (e < v->tk->n && v->tk->v[e].kind != VN_TK_NEWLINE && v->tags->sym[e] != VN_S_RPAREN && v->tags->sym[e] != VN_S_PERIOD)
            e++;
        for (size_t k2 = s; k2 < e; k2++) /* "VGP/Nhật Bắc": the name after the agency */
            if (v->tags->sym[k2] == VN_S_SLASH)
                s = k2 + 1;
        if (byline_names(out, v, s, e, "photo-credit") < 0)
            return VNNER_ENOMEM;
    }
    return 0;
}

/* A byline right under the dateline (THU HÀ), before the article's text. */
static int top_byline(vn_cands *out, const vn_view *v)
{
    int lines = 0, dateline = 0;
    for (size_t i = 0; i < v->tk->n && lines < 6;) {
        size_t e = i;
        while (e < v->tk->n && v->tk->v[e].kind != VN_TK_NEWLINE)
            e++;
        if (e > i) {
            lines++;
            int has_date = 0, words = 0;
            for (size_t k = i; k < e; k++) {
                has_date |= v->tags->sym[k] == VN_S_DATE;
                words += v->tk->v[k].kind == VN_TK_WORD;
            }
            if (dateline) {
                int r = words <= 8 ? byline_names(out, v, i, e, vn_byline_rule) : 0;
                return r < 0 ? VNNER_ENOMEM : 0;
            }
            dateline = has_date && words <= 8;
        }
        i = e + 1;
    }
    return 0;
}

int vn_byline_candidates(vn_cands *out, const vn_view *v)
{
    if (photo_credits(out, v) || top_byline(out, v))
        return VNNER_ENOMEM;
    size_t j = v->tk->n;
    for (int lines = 0; j > 0 && lines < MAX_TAIL_LINES;) {
        size_t e = j;
        while (e > 0 && v->tk->v[e - 1].kind == VN_TK_NEWLINE)
            e--;
        size_t s = e;
        while (s > 0 && v->tk->v[s - 1].kind != VN_TK_NEWLINE)
            s--;
        if (s == e)
            break;
        int r = byline_names(out, v, s, e, vn_byline_rule);
        if (r < 0)
            return VNNER_ENOMEM;
        if (r > 0)
            return 0;
        int words = 0;
        for (size_t k = s; k < e; k++)
            words += v->tk->v[k].kind == VN_TK_WORD;
        if (words > 6)
            return 0; /* article text: there is no byline */
        lines++;
        j = s;
    }
    return 0;
}
