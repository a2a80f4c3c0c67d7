/* Tokens over the normalised view: syllables (with dotted abbreviations such
 * as tp.hcm and pgs.ts kept whole), numbers (1.600, 6,5, 29/9/2023), single
 * punctuation marks and line breaks; then sentence boundaries. */
#include <string.h>
#include "tokens/tokens.h"
#include "util/buf.h"
#include "text/unitab.h"

static int is_word_cp_decode(const char *s, size_t n, size_t i, int *len);

/* Inline for ASCII and the Vietnamese letters, decoding the rest out of line. */
static inline int is_word_cp(const char *s, size_t n, size_t i, int *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *len = 1;
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
    if (c == 0xE1 && i + 2 < n && ((unsigned char)s[i + 1] == 0xBA || (unsigned char)s[i + 1] == 0xBB)) {
        *len = 3; /* Vietnamese letters U+1EA0..U+1EFF: no decoding needed */
        return 1;
    }
    return is_word_cp_decode(s, n, i, len);
}

static int is_word_cp_decode(const char *s, size_t n, size_t i, int *len)
{
    int32_t cp;
    int l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (l < 0) {
        *len = 1;
        return 0;
    }
    *len = l;
    return (vn_cp_flags(cp) & (VN_F_LETTER | VN_F_MARK | VN_F_DIGIT)) != 0;
}

static int is_letter_at(const char *s, size_t n, size_t i)
{
    int l;
    if (i >= n)
        return 0;
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9')
        return 0;
    return is_word_cp(s, n, i, &l);
}

static int is_digit_at(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static size_t scan_number(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (is_digit_at(s, n, i))
            i++;
        else if ((s[i] == '.' || s[i] == ',' || s[i] == '/' || s[i] == '-') && is_digit_at(s, n, i + 1))
            i++;
        else
            break;
    }
    return i;
}

static size_t scan_code(const char *s, size_t n, size_t i)
{
    int l;
    while (i < n) {
        if (s[i] == '/' || s[i] == '-' || s[i] == '.') {
            if (i + 1 < n && is_word_cp(s, n, i + 1, &l))
                i++;
            else
                break;
        } else if (is_word_cp(s, n, i, &l)) {
            i += (size_t)l;
        } else {
            break;
        }
    }
    return i;
}

static size_t scan_word(const char *s, const uint8_t *upper, size_t n, size_t i)
{
    size_t seg = i, start = i; /* start of the current letter segment, and of the word */
    while (i < n) {
        int l;
        if (is_word_cp(s, n, i, &l)) {
            i += (size_t)l;
            continue;
        }
        char c = s[i];
        int joins = 0;
        if ((c == '.' || c == '\'') && i > seg && is_letter_at(s, n, i + 1))
            joins = 1; /* tp.hcm, pgs.ts, h'hen */
        if (c == '-' && i > seg && upper && (upper[start] & VN_NF_UPPER) && is_letter_at(s, n, i + 1) &&
            !(upper[i + 1] & VN_NF_UPPER))
            joins = 1; /* a hyphenated name, its syllables after the first in lower case: Min-jun, Bô-ly-khăm-xay */
        int segl = 0;
        if (c == '/' && i > seg)
            is_word_cp(s, n, seg, &segl);
        if (c == '/' && (size_t)segl == i - seg && is_letter_at(s, n, i + 1)) {
            int l2;
            is_word_cp(s, n, i + 1, &l2);
            joins = !is_letter_at(s, n, i + 1 + (size_t)l2); /* đ/c */
        }
        if (!joins)
            break;
        i++;
        seg = i;
    }
    return i;
}

/* The shape of a word whose first letter is a capital: in capitals when
 * every letter (a byte that starts a character, dots, apostrophes and
 * slashes aside) is, and there are two or more. */
static uint8_t word_shape(const vn_text *t, size_t ns, size_t ne)
{
    int letters = 0;
    for (size_t j = ns; j < ne; j++) {
        unsigned char c = (unsigned char)t->norm[j];
        if ((c & 0xC0) == 0x80 || c == '.' || c == '\'' || c == '/')
            continue;
        if (!(t->nflags[j] & VN_NF_UPPER))
            return VN_SH_CAP;
        letters++;
    }
    return letters >= 2 ? VN_SH_ALLCAPS : VN_SH_CAP;
}

static int push(vn_tokens *tk, const vn_text *t, size_t ns, size_t ne, int kind, uint32_t line, uint8_t flags)
{
    if (tk->n == tk->cap && vn_grow((void **)&tk->v, &tk->cap, tk->n + 1, sizeof *tk->v))
        return VNNER_ENOMEM;
    vn_token *k = &tk->v[tk->n++];
    memset(k, 0, sizeof *k);
    k->ns = (uint32_t)ns;
    k->ne = (uint32_t)ne;
    k->os = t->n2o[ns];
    k->oe = t->n2o[ne];
    if (k->oe < k->os)
        k->oe = k->os;
    k->kind = (uint8_t)kind;
    k->line = line;
    k->flags = flags;
    if (kind == VN_TK_WORD && (t->nflags[ns] & VN_NF_UPPER))
        k->shape = word_shape(t, ns, ne); /* a lower-case first letter is VN_SH_LOWER (0) */
    return 0;
}

void vn_sentences(vn_tokens *tk, const vn_text *t, vn_period_joins_fn joins, const void *ctx)
{
    uint32_t sent = 0;
    int start = 1;
    for (size_t i = 0; i < tk->n; i++) {
        vn_token *k = &tk->v[i];
        if (k->kind == VN_TK_NEWLINE) {
            k->sent = sent;
            if (!start)
                sent++;
            start = 1;
            continue;
        }
        if (start)
            k->flags |= VN_TF_SENT_START;
        start = 0;
        k->sent = sent;
        char c = k->kind == VN_TK_PUNCT ? t->norm[k->ns] : 0;
        if (c == '.' || c == '!' || c == '?') {
            const vn_token *nx = i + 1 < tk->n ? &tk->v[i + 1] : NULL;
            if (c == '.' && joins && joins(ctx, i)) /* TS. Nguyễn, TP. Vinh: the lexicon knows */
                continue;
            if (!nx || nx->kind == VN_TK_NEWLINE || nx->shape != VN_SH_LOWER || nx->kind == VN_TK_NUM ||
                nx->kind == VN_TK_PUNCT) {
                if (nx && nx->kind == VN_TK_PUNCT && t->norm[nx->ns] != '"' && t->norm[nx->ns] != '(')
                    continue; /* "./." and "..." stay in one sentence */
                sent++;
                start = 1;
            }
        }
    }
    tk->nsent = sent + 1;
}

/* A capitalised cue word counts as a cue at a sentence start, after an
 * outlet tag or a colon ("TTO - Sáng 4-6", "Hà Nội: Chiều qua"). */
static int clause_start(const vn_tokens *tk, size_t i, const char *norm)
{
    if (tk->v[i].flags & VN_TF_SENT_START)
        return 1;
    if (i > 0) {
        const vn_token *p = &tk->v[i - 1];
        char c = p->kind == VN_TK_PUNCT ? norm[p->ns] : 0;
        if (c == '-' || c == ':' || c == '(' || c == ')' || c == '"')
            return 1;
    }
    return 0;
}

int vn_tokenize(vn_tokens *tk, const vn_text *t)
{
    const char *s = t->norm;
    size_t n = t->nlen, i = 0;
    uint32_t line = 0;
    uint8_t pend = VN_TF_PARA_START;
    tk->n = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (c == '\n') {
            size_t j = i, nl = 0;
            while (j < n && (s[j] == '\n' || s[j] == ' ' || s[j] == '\t'))
                nl += s[j++] == '\n';
            if (push(tk, t, i, i + 1, VN_TK_NEWLINE, line, 0))
                return VNNER_ENOMEM;
            line += (uint32_t)nl;
            pend = VN_TF_PARA_START | (nl > 1 ? VN_TF_BLANK_BEFORE : 0);
            i = j;
            continue;
        }
        size_t e;
        int kind, l;
        if (c >= '0' && c <= '9') {
            e = scan_number(s, n, i);
            if (e + 1 < n && (s[e] == '/' || s[e] == '-') && is_letter_at(s, n, e + 1))
                e = scan_code(s, n, e); /* a document number: 1845/QĐ-UBND */
            kind = VN_TK_NUM;
        } else if (is_word_cp(s, n, i, &l)) {
            e = scan_word(s, t->nflags, n, i);
            kind = VN_TK_WORD;
        } else {
            e = i + (size_t)l;
            kind = VN_TK_PUNCT;
        }
        if (push(tk, t, i, e, kind, line, pend))
            return VNNER_ENOMEM;
        pend = 0;
        i = e;
    }
    vn_sentences(tk, t, NULL, NULL);
    for (size_t k = 0; k < tk->n; k++) {
        if (clause_start(tk, k, s))
            tk->v[k].flags |= VN_TF_CLAUSE_START;
        if (k + 1 < tk->n && tk->v[k + 1].kind == VN_TK_NUM)
            tk->v[k].flags |= VN_TF_BEFORE_NUM;
    }
    return 0;
}

void vn_tokens_free(vn_tokens *tk)
{
    if (!tk)
        return;
    free(tk->v);
    memset(tk, 0, sizeof *tk);
}
