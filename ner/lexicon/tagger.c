/* The tagger: every token's gazetteer matches (one trie walk per token),
 * the one chosen where matches overlap, and the symbol the rules see. */
#include <string.h>
#include "lexicon/lexicon.h"
#include "text/text.h"
#include "text/unitab.h"
#include "util/buf.h"
#include "util/date.h"

/* Cue words are read as cues only in lower case or at a sentence start. */
static int is_cue_class(int c)
{
    return c == VN_C_HONORIFIC || (c >= VN_C_DATE_PREFIX && c != VN_C_AWARD);
}

/* Whether the last word of SURFACE starts with a lower-case letter (Trưởng đoàn). */
static int last_word_lower(const char *surface)
{
    const char *w = strrchr(surface, ' ');
    int32_t cp;
    w = w ? w + 1 : surface;
    if (vn_utf8_decode((const unsigned char *)w, strlen(w), &cp) <= 0)
        return 0;
    unsigned f = vn_cp_flags(cp);
    return (f & VN_F_LETTER) && !(f & VN_F_UPPER);
}

/* Whether entry E may match at token K of the document, LAST being its last
 * token: names must be capitalised (a place on its last word, so that
 * "thành phố Hồ Chí Minh" is one); a capitalised cue word counts only at a
 * sentence or clause start, (a date prefix) right before a number, or in a
 * line of capitals (PREV, the token before, in capitals too). */
static int entry_ok(const vn_entry *e, const vn_token *k, const vn_token *last, const vn_token *prev)
{
    if (vn_class_sym((vn_class)e->cls) == VN_S_NONE || (e->caps && k->shape != VN_SH_ALLCAPS))
        return 0;
    if ((e->cls == VN_C_SURNAME || e->cls == VN_C_MIDDLE_NAME || e->cls == VN_C_BODY_HEAD) && k->shape == VN_SH_LOWER)
        return 0; /* names, and heads of unlisted bodies (Phòng X), are capitalised */
    if (e->capital && k->shape == VN_SH_LOWER)
        return 0; /* Tỉnh đoàn the body, not "tỉnh đoàn kết" */
    if (e->cls == VN_C_PLACE && (last ? last : k)->shape == VN_SH_LOWER && !(last && last != k && last->kind == VN_TK_NUM))
        return 0; /* a number may end a place's name (Hà Giang 1) */
    if ((e->cls == VN_C_TITLE || e->cls == VN_C_TITLE_ALONE) && last && last != k && k->shape == VN_SH_LOWER &&
        last->shape == VN_SH_CAP)
        return 0; /* "chức vụ Trưởng Phòng" is not the title Vụ trưởng: a title is not lower then capital */
    if (e->cls == VN_C_TITLE && last && last != k && last->shape == VN_SH_CAP && last_word_lower(e->surface))
        return 0; /* "Trưởng Đoàn ĐBQH": a capital starts the body (Đoàn ĐBQH), not the title Trưởng đoàn */
    if (is_cue_class(e->cls) && last && last != k && k->shape == VN_SH_LOWER && last->shape == VN_SH_CAP)
        return 0; /* "giữ chức Vụ trưởng": the capital starts a title, not the cue "giữ chức vụ" */
    if (is_cue_class(e->cls) && k->shape != VN_SH_LOWER && !(k->flags & VN_TF_SENT_START) &&
        !(k->flags & VN_TF_CLAUSE_START) && !(e->cls == VN_C_DATE_PREFIX && (k->flags & VN_TF_BEFORE_NUM)) &&
        !(k->shape == VN_SH_ALLCAPS && prev && prev->shape == VN_SH_ALLCAPS)) /* a headline in capitals */
        return 0;
    return 1;
}

static int is_bodyish(int c)
{
    return c == VN_C_BODY || c == VN_C_BODY_AREA || c == VN_C_BODY_LOCAL || c == VN_C_SUBBODY || c == VN_C_PLACE;
}

/* The matches of every token are found once (a trie walk per token) and kept
 * in a pool: for each length, the entry class order prefers and the body
 * reading used right after a title (Trưởng đoàn | ĐBQH tỉnh). */
typedef struct pmatch {
    uint32_t entry, body_entry; /* index+1; body_entry 0 when no body reading */
    uint16_t len;
} pmatch;

typedef struct tagger {
    const vn_tokens *tk;
    const vn_text *t;
    const vn_gaz *g;
    vn_tags *out;
    pmatch *pool;
    size_t npool, pool_cap;
    uint32_t *off;     /* per token: first match in pool */
    uint8_t *cnt;      /* per token: number of matches (shortest first) */
    uint8_t *body_ok;  /* per token: a body-ish entry that may match here starts here (bit 2: not a place) */
} tagger;

/* The best entry of one length (one trie node) joins the pool. */
static int pool_add(tagger *tg, size_t i, uint32_t best, uint32_t body, uint32_t len)
{
    if (!best || tg->cnt[i] == 255)
        return 0;
    if (vn_grow((void **)&tg->pool, &tg->pool_cap, tg->npool + 1, sizeof *tg->pool))
        return VNNER_ENOMEM;
    tg->pool[tg->npool++] = (pmatch){best, body, (uint16_t)len};
    tg->cnt[i]++;
    return 0;
}

/* The cue classes a longer ordinary word (WORD, STOP) starting at the same token hides. */
#define CUE_CLASSES                                                                                  \
    ((1ull << VN_C_ROLE) | (1ull << VN_C_POST_START) | (1ull << VN_C_POST_END) | (1ull << VN_C_ELECT) | \
     (1ull << VN_C_POST_PAST) | (1ull << VN_C_AWARD_GIVE) | (1ull << VN_C_AWARD_GET) | (1ull << VN_C_TOWARD))

static int collect_matches(tagger *tg, size_t i)
{
    const vn_gaz *g = tg->g;
    const vn_token *tk = tg->tk->v;
    uint64_t mask = 0;
    uint32_t e, len, cur = 0, best = 0, body = 0;
    vn_gaz_walk w;
    tg->off[i] = (uint32_t)tg->npool;
    tg->cnt[i] = 0;
    tg->body_ok[i] = 0;
    vn_gaz_walk_start(&w, g, tg->out->syl + i, tg->tk->n - i);
    while ((e = vn_gaz_walk_next(&w, &len))) {
        const vn_entry *en = vn_gaz_entry(g, e);
        if (len != cur) {
            if (pool_add(tg, i, best, body, cur))
                return VNNER_ENOMEM;
            cur = len, best = body = 0;
        }
        if (en->cls == VN_C_WORD || en->cls == VN_C_STOP)
            mask &= ~CUE_CLASSES; /* "dự toán" is a word: the shorter cue "dự" (attend) is not read in it */
        if (en->cls != VN_C_UNIT_NAME || (tk[i].shape != VN_SH_LOWER && tk[i + len - 1].shape != VN_SH_LOWER))
            mask |= 1ull << en->cls; /* in:UNIT_NAME finds a commune written as a name, never "chỉ đạo" */
        if (!entry_ok(en, &tk[i], &tk[i + len - 1], i ? &tk[i - 1] : NULL))
            continue;
        if (is_bodyish(en->cls))
            tg->body_ok[i] |= en->cls == VN_C_PLACE ? 1 : 2; /* 2: a body, not only a place */
        if ((en->cls == VN_C_BODY || en->cls == VN_C_BODY_AREA) && !body)
            body = e;
        if (!best || en->cls < vn_gaz_entry(g, best)->cls)
            best = e;
    }
    if (pool_add(tg, i, best, body, cur))
        return VNNER_ENOMEM;
    tg->out->cls_at[i] = mask;
    return 0;
}

/* Whether the token before I ends a TITLE match. */
static int prev_is_title(const char *sym, size_t i)
{
    size_t j = i;
    while (j > 0 && sym[j - 1] == VN_S_INSIDE)
        j--;
    return j > 0 && sym[j - 1] == VN_S_TITLE;
}

/* Longest match at I, unless a body starting inside it runs past its end and a
 * shorter match at I ends where that body starts ("Trưởng | Ban Tổ chức ...");
 * a body right after the longest match keeps it ("Trưởng đoàn | ĐBQH"), a
 * place right after it does not ("Trưởng | Ban Pháp chế", not "Trưởng ban | Pháp"). */
static void choose(const tagger *tg, size_t i, vn_gmatch *out)
{
    const vn_gaz *g = tg->g;
    int n = tg->cnt[i];
    out->len = 0;
    out->entry = 0;
    if (!n)
        return;
    const pmatch *m = tg->pool + tg->off[i];
    int best = n - 1;
    size_t end = i + m[best].len;
    if (end < tg->tk->n && (tg->body_ok[end] & 2))
        end = i;
    for (size_t j = i + 1; j < end; j++) {
        int nj = tg->cnt[j];
        if (!nj)
            continue;
        const pmatch *lj = &tg->pool[tg->off[j] + (size_t)nj - 1];
        if (j + lj->len <= end || !is_bodyish(vn_gaz_entry(g, lj->entry)->cls))
            continue;
        for (int k = 0; k < n; k++)
            if (i + m[k].len == j) {
                best = k;
                break;
            }
        break;
    }
    out->len = m[best].len;
    out->entry = prev_is_title(tg->out->sym, i) && m[best].body_entry ? m[best].body_entry : m[best].entry;
}

static int valid_roman(const char *s, size_t n)
{
    if (n == 0 || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("ivxlc", s[i]))
            return 0;
    return n > 1 || s[0] == 'i' || s[0] == 'v' || s[0] == 'x';
}

static char number_sym(const char *s, size_t n)
{
    long part[4] = {0};
    int np = 0, digits[4] = {0};
    char sep = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (part[np] < 100000)
                part[np] = part[np] * 10 + (s[i] - '0');
            digits[np]++;
        } else {
            if ((sep && s[i] != sep) || np == 3)
                return VN_S_NUM;
            sep = s[i];
            np++;
        }
    }
    np++;
    if (np == 1)
        return digits[0] == 4 && part[0] >= 1900 && part[0] <= 2100 ? VN_S_YEAR : VN_S_NUM;
    if (sep == ',')
        return VN_S_NUM;
    if (np == 3 && digits[2] == 4 && vn_date_valid((int)part[2], (int)part[1], (int)part[0]))
        return VN_S_DATE;
    if (np == 3 && sep == '-' && digits[0] == 4 && digits[2] <= 2 && vn_date_valid((int)part[0], (int)part[1], (int)part[2]))
        return VN_S_DATE; /* ISO 8601 */
    if (np == 2 && sep != '.') {
        if (digits[0] == 4 && digits[1] == 4 && sep == '-' && part[1] > part[0] && part[0] >= 1900)
            return VN_S_YEARS;
        if (digits[1] == 4 && part[0] >= 1 && part[0] <= 12 && part[1] >= 1900 && part[1] <= 2100)
            return VN_S_MONTH_YEAR;
        if (digits[1] <= 2 && vn_date_valid(2000, (int)part[1], (int)part[0]))
            return VN_S_DAY_MONTH;
    }
    return VN_S_NUM;
}

/* Punctuation that is its own symbol; the rest is VN_S_OTHER_PUNCT. */
static const char own_punct[] = {VN_S_COMMA, VN_S_SEMICOLON, VN_S_COLON, VN_S_PERIOD, VN_S_DASH, VN_S_LPAREN,
                                 VN_S_RPAREN, VN_S_QUOTE, VN_S_APOSTROPHE, VN_S_SLASH, VN_S_AMPERSAND,
                                 VN_S_EXCLAMATION, VN_S_QUESTION, 0};

static char shape_sym(const vn_text *t, const vn_token *k)
{
    const char *s = t->norm + k->ns;
    size_t n = k->ne - k->ns;
    switch (k->kind) {
    case VN_TK_NEWLINE:
        return VN_S_NEWLINE;
    case VN_TK_NUM:
        return number_sym(s, n);
    case VN_TK_PUNCT:
        return n == 1 && strchr(own_punct, s[0]) ? s[0] : VN_S_OTHER_PUNCT;
    }
    if (k->shape != VN_SH_LOWER && valid_roman(s, n) && (k->shape == VN_SH_ALLCAPS || n == 1))
        return VN_S_ROMAN;
    if (k->shape == VN_SH_ALLCAPS)
        return VN_S_ALLCAPS;
    return k->shape == VN_SH_CAP ? VN_S_CAP : VN_S_LOWER;
}

/* The one-token DOT_ABBR entry at token I (TS, GS, TP ...), or NULL. */
static const vn_entry *dot_abbr(const vn_gaz *g, const vn_tags *o, size_t i, size_t n)
{
    if (!(o->cls_at[i] & (1ull << VN_C_DOT_ABBR)))
        return NULL;
    uint32_t e, len;
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, o->syl + i, n - i);
    while ((e = vn_gaz_walk_next(&w, &len)))
        if (len == 1 && vn_gaz_entry(g, e)->cls == VN_C_DOT_ABBR)
            return vn_gaz_entry(g, e);
    return NULL;
}

/* Whether the dot at I ends the initial of a foreign name: one capital letter
 * between capitalised words no list knows ("Elbridge A. Colby", "Daniel R.
 * Hollis"; not "Nguyễn Văn A. Ông ..."). */
static int is_initial(const vn_tokens *tk, const char *sym, size_t i)
{
    const vn_token *pv = &tk->v[i - 1];
    return i >= 2 && i + 1 < tk->n && pv->ne - pv->ns == 1 && pv->shape == VN_SH_CAP &&
           sym[i - 2] == VN_S_CAP && tk->v[i - 2].oe < pv->os && sym[i + 1] == VN_S_CAP;
}

/* The dot right after an abbreviation (TS. Nguyễn, Đ/c. Lan) does not end a
 * sentence; after a unit word (TP. Vinh: attribute dot=before-name) only when
 * a place or a name follows; after a name's initial.  Such dots show ATTACHED_DOT. */
static void mark_attached_dots(const vn_tokens *tk, const vn_text *t, const vn_gaz *g, vn_tags *o)
{
    char *sym = o->sym;
    for (size_t i = 1; i < tk->n; i++) {
        const vn_token *k = &tk->v[i], *pv = k - 1;
        if (k->kind != VN_TK_PUNCT || t->norm[k->ns] != '.' || sym[i] == VN_S_INSIDE || pv->oe != k->os ||
            pv->kind != VN_TK_WORD)
            continue;
        const vn_entry *e = dot_abbr(g, o, i - 1, tk->n);
        char v[16], nx = i + 1 < tk->n ? sym[i + 1] : 0;
        if (!e) {
            if (is_initial(tk, sym, i))
                sym[i] = VN_S_ATTACHED_DOT;
            continue;
        }
        if (!vn_entry_attr(e, "dot", v, sizeof v) || strcmp(v, "before-name") ||
            nx == VN_S_PLACE || nx == VN_S_CAP || nx == VN_S_SURNAME)
            sym[i] = VN_S_ATTACHED_DOT;
    }
}

/* "Sáng 12.11", "ngày 7.11": a dotted day and month right after a date
 * prefix is a date, and so is one alone in brackets ("sáng qua (7.10)");
 * elsewhere "12.11" may be a number. */
static void mark_dotted_days(const vn_tokens *tk, const vn_text *t, vn_tags *o)
{
    for (size_t i = 1; i < tk->n; i++) {
        const vn_token *k = &tk->v[i];
        const char *s = t->norm + k->ns;
        size_t n = k->ne - k->ns, dot = 0;
        int bracketed = o->sym[i - 1] == '(' && i + 1 < tk->n && o->sym[i + 1] == ')';
        if (o->sym[i] != VN_S_NUM || (!(o->cls_at[i - 1] & (1ull << VN_C_DATE_PREFIX)) && !bracketed) || n < 3 || n > 5)
            continue;
        while (dot < n && s[dot] != '.')
            dot++;
        if (dot < 1 || dot > 2 || n - dot - 1 < 1 || n - dot - 1 > 2)
            continue;
        int d = 0, m = 0, digits = 1;
        for (size_t j = 0; j < n; j++) {
            int *part = j < dot ? &d : &m;
            if (j != dot)
                digits &= s[j] >= '0' && s[j] <= '9', *part = *part * 10 + (s[j] - '0');
        }
        if (digits && vn_date_valid(2000, m, d))
            o->sym[i] = VN_S_DAY_MONTH;
    }
}

/* *P (ITEM-byte items, *CAP of them) made to hold exactly NEED, the
 * number of tokens being known: no doubling.  0 or VNNER_ENOMEM. */
static int grow_exact(void **p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap)
        return 0;
    void *q = realloc(*p, need * item);
    if (!q)
        return VNNER_ENOMEM;
    *p = q;
    *cap = need;
    return 0;
}

static int grow_tags(vn_tags *o, size_t n)
{
    return grow_exact((void **)&o->gm, &o->gm_cap, n + 1, sizeof *o->gm) ||
           /* 16 bytes more: PCRE2's JIT reads the subject 16 bytes at a time */
           grow_exact((void **)&o->sym, &o->sym_cap, n + 1 + 16, 1) ||
           grow_exact((void **)&o->syl, &o->syl_cap, n + 1, sizeof *o->syl) ||
           grow_exact((void **)&o->cls_at, &o->cls_cap, n + 1, sizeof *o->cls_at);
}

int vn_lexicon_tag(vn_tags *o, const vn_tokens *tks, const vn_text *t, const vn_gaz *g)
{
    size_t n = tks->n;
    tagger tg = {.tk = tks, .t = t, .g = g, .out = o};
    int rc = VNNER_ENOMEM;
    if (grow_tags(o, n))
        return VNNER_ENOMEM;
    tg.off = malloc((n + 1) * sizeof *tg.off);
    tg.cnt = calloc(n + 1, 1);
    tg.body_ok = calloc(n + 1, 1);
    if (!tg.off || !tg.cnt || !tg.body_ok)
        goto cleanup;
    o->cls_at[n] = 0;
    o->syl[n] = 0;
    for (size_t i = 0; i < n; i++) {
        const vn_token *k = &tks->v[i];
        o->syl[i] = k->kind == VN_TK_NEWLINE ? 0 : vn_gaz_syllable(g, t->norm + k->ns, k->ne - k->ns);
    }
    for (size_t i = 0; i < n; i++) {
        o->cls_at[i] = 0;
        tg.off[i] = (uint32_t)tg.npool;
        if (o->syl[i] && collect_matches(&tg, i))
            goto cleanup;
    }
    size_t cover = 0;
    for (size_t i = 0; i < n; i++) {
        vn_gmatch *m = &o->gm[i];
        m->len = 0;
        m->entry = 0;
        if (i < cover) {
            o->sym[i] = VN_S_INSIDE;
            continue;
        }
        choose(&tg, i, m);
        if (m->len) {
            o->sym[i] = vn_class_sym((vn_class)vn_gaz_entry(g, m->entry)->cls);
            cover = i + m->len;
        } else {
            o->sym[i] = shape_sym(t, &tks->v[i]);
        }
    }
    o->sym[n] = 0;
    mark_attached_dots(tks, t, g, o);
    mark_dotted_days(tks, t, o);
    rc = 0;
cleanup:
    free(tg.pool);
    free(tg.off);
    free(tg.cnt);
    free(tg.body_ok);
    return rc;
}

int vn_tags_period_joins(const void *tags, size_t i)
{
    const vn_tags *o = tags;
    return o->sym[i] == VN_S_INSIDE || o->sym[i] == VN_S_ATTACHED_DOT;
}

void vn_tags_free(vn_tags *o)
{
    if (!o)
        return;
    free(o->sym);
    free(o->syl);
    free(o->gm);
    free(o->cls_at);
    memset(o, 0, sizeof *o);
}
