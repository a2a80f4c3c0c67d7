/* Text layer: validates UTF-8 and builds the normalised view that matching
 * works on (NFC, one tone-mark placement, lower case, unified spaces, quotes
 * and dashes) together with a map from every normalised byte back to the
 * original, so that reported offsets and texts are always the original's. */
#include <string.h>
#include <utf8proc.h>
#include "text/text.h"
#include "util/buf.h"
#include "text/unitab.h"

#define WORD_MAX 48
#define STABLE_LETTER (VN_F_STABLE | VN_F_LETTER) /* longer letter runs are not syllables: no tone fix-up */

int vn_utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)n > len)
        return -1;
    for (int k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return n;
}

int vn_utf8_encode(int32_t cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int vn_buf_utf8_repair(vn_buf *b, const char *s, size_t n)
{
    size_t run = 0, i = 0;
    while (i < n) {
        int32_t cp;
        int l = s[i] ? vn_utf8_decode((const unsigned char *)s + i, n - i, &cp) : -1;
        if (l > 0) {
            i += (size_t)l;
            continue;
        }
        vn_buf_add(b, s + run, i - run);
        VN_PUT_LIT(b, "\xEF\xBF\xBD"); /* U+FFFD for the byte that starts nothing valid */
        run = ++i;
    }
    vn_buf_add(b, s + run, n - run);
    return b->failed ? VNNER_ENOMEM : 0;
}

char *vn_utf8_repair_dup(const char *s, size_t n)
{
    vn_buf b = {0};
    if (vn_buf_reserve(&b, n) || vn_buf_utf8_repair(&b, s, n)) {
        vn_buf_free(&b);
        return NULL;
    }
    return b.p;
}

unsigned vn_cp_flags(int32_t cp)
{
    if (cp < VN_TAB_N)
        return vn_flag_tab[cp];
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    unsigned f = 0;
    if (p->category >= UTF8PROC_CATEGORY_LU && p->category <= UTF8PROC_CATEGORY_LO) f |= VN_F_LETTER;
    if (p->category == UTF8PROC_CATEGORY_LU || p->category == UTF8PROC_CATEGORY_LT) f |= VN_F_UPPER;
    if (p->category >= UTF8PROC_CATEGORY_MN && p->category <= UTF8PROC_CATEGORY_ME) f |= VN_F_MARK;
    if (p->category == UTF8PROC_CATEGORY_ND) f |= VN_F_DIGIT;
    if (p->category == UTF8PROC_CATEGORY_ZS) f |= VN_F_SPACE;
    return f;
}

static int32_t cp_lower(int32_t cp)
{
    return cp < VN_TAB_N ? vn_lower_tab[cp] : utf8proc_tolower(cp);
}

/* Punctuation and spacing variants unified for matching; -1 = keep, 0 = drop. */
static int32_t punct_map(int32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: return ' ';
    case 0x0085: case 0x2028: case 0x2029: return '\n';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033: return '"';
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: return '-';
    case 0xFEFF: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0x00AD: return 0;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return ' ';
    if (cp >= 0x2010 && cp <= 0x2015)
        return '-';
    return -1;
}

typedef struct wordbuf {
    int32_t cp[WORD_MAX];
    uint32_t off[WORD_MAX];
    uint8_t up[WORD_MAX];
    int n;
} wordbuf;

/* The letters of the word being written go straight to the normalised text;
 * the few counts kept here tell at its end whether its tone mark must move. */
typedef struct wordstate {
    size_t start;      /* norm offset of the word's first letter */
    int n, tones;      /* letters, letters carrying a tone mark */
    int32_t prev, last;/* the last two letters, tone marks removed */
    int32_t before;    /* the letter before PREV (to tell "quy") */
} wordstate;

static int grow_to(vn_text *t, size_t extra)
{
    size_t need = t->nlen + extra + 1;
    if (need <= t->ncap)
        return 0;
    /* the first reservation is the size asked for (the document's, which
     * the normalised text seldom passes), a later one doubles */
    size_t nc = t->ncap ? t->ncap * 2 : need;
    if (nc < need)
        nc = need;
    char *n = realloc(t->norm, nc);
    if (!n) return VNNER_ENOMEM;
    t->norm = n;
    uint32_t *m = realloc(t->n2o, nc * sizeof *m);
    if (!m) return VNNER_ENOMEM;
    t->n2o = m;
    uint8_t *f = realloc(t->nflags, nc);
    if (!f) return VNNER_ENOMEM;
    t->nflags = f;
    t->ncap = nc;
    return 0;
}

static int grow_to(vn_text *t, size_t extra);

/* Appends CP (from the original character at OFF) to the normalised text. */
static inline int emit(vn_text *t, int32_t cp, uint32_t off, uint8_t fl)
{
    if (t->nlen + 5 > t->ncap && grow_to(t, 4))
        return VNNER_ENOMEM;
    size_t at = t->nlen;
    char *o = t->norm + at;
    int n;
    if (cp < 0x80) {
        o[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else {
        n = vn_utf8_encode(cp, o);
    }
    for (int k = 0; k < n; k++) {
        t->n2o[at + (size_t)k] = off;
        t->nflags[at + (size_t)k] = fl;
    }
    t->nlen = at + (size_t)n;
    return 0;
}

static int32_t with_tone(int32_t base, int tone)
{
    static const int32_t o[6] = {'o', 0x00F2, 0x00F3, 0x00F5, 0x1ECF, 0x1ECD};
    static const int32_t u[6] = {'u', 0x00F9, 0x00FA, 0x0169, 0x1EE7, 0x1EE5};
    return base == 'o' ? o[tone] : base == 'u' ? u[tone] : base;
}

/* Old-style tone placement (hoà, uỷ) to new style (hòa, ủy), as the scorer does:
 * one tone mark in the syllable, which ends in oa/oe/uy (not quy). */
static void tone_fix(wordbuf *w)
{
    int n = w->n, toned = -1, count = 0;
    if (n < 2)
        return;
    for (int k = 0; k < n; k++)
        if (w->cp[k] < VN_TAB_N && vn_tone_tab[w->cp[k]]) {
            toned = k;
            count++;
        }
    if (count != 1)
        return;
    int32_t last = w->cp[n - 1], prev = w->cp[n - 2];
    int32_t bl = last < VN_TAB_N && vn_tone_base_tab[last] ? vn_tone_base_tab[last] : last;
    int32_t bp = prev < VN_TAB_N && vn_tone_base_tab[prev] ? vn_tone_base_tab[prev] : prev;
    int pair = (bp == 'o' && (bl == 'a' || bl == 'e')) || (bp == 'u' && bl == 'y');
    if (!pair || (bp == 'u' && n >= 3 && w->cp[n - 3] == 'q') || toned == n - 2)
        return;
    int tone = vn_tone_tab[w->cp[toned]];
    int32_t tb = vn_tone_base_tab[w->cp[toned]];
    w->cp[toned] = tb;
    if (toned == n - 1)
        bl = tb;
    w->cp[n - 1] = bl;
    w->cp[n - 2] = with_tone(bp, tone);
}

/* Rewrites the word just written when its tone mark sits in the old place. */
static int refix_word(vn_text *t, wordstate *ws)
{
    wordbuf w;
    w.n = 0;
    for (size_t i = ws->start; i < t->nlen && w.n < WORD_MAX;) {
        int32_t cp;
        int l = vn_utf8_decode((const unsigned char *)t->norm + i, t->nlen - i, &cp);
        if (l < 0)
            return 0;
        w.cp[w.n] = cp;
        w.off[w.n] = t->n2o[i];
        w.up[w.n++] = t->nflags[i];
        i += (size_t)l;
    }
    tone_fix(&w);
    t->nlen = ws->start;
    for (int k = 0; k < w.n; k++)
        if (emit(t, w.cp[k], w.off[k], w.up[k]))
            return VNNER_ENOMEM;
    return 0;
}

static int32_t untoned(int32_t cp)
{
    return cp < VN_TAB_N && vn_tone_base_tab[cp] ? vn_tone_base_tab[cp] : cp;
}

static int flush_word(vn_text *t, wordstate *ws)
{
    int rc = 0;
    if (ws->n >= 2 && ws->n <= WORD_MAX && ws->tones == 1 &&
        ((ws->prev == 'o' && (ws->last == 'a' || ws->last == 'e')) || (ws->prev == 'u' && ws->last == 'y' && ws->before != 'q')))
        rc = refix_word(t, ws);
    ws->n = ws->tones = 0;
    ws->prev = ws->last = ws->before = 0;
    return rc;
}

static int put_letter(vn_text *t, wordstate *ws, int32_t lc, uint32_t off, uint8_t up)
{
    if (!ws->n)
        ws->start = t->nlen;
    ws->n++;
    ws->tones += lc < VN_TAB_N && vn_tone_tab[lc] != 0;
    ws->before = ws->prev;
    ws->prev = ws->last;
    ws->last = untoned(lc);
    return emit(t, lc, off, up);
}

/* Adds one normalised code point from the cluster at OFF. */
static int put_cp(vn_text *t, wordstate *w, int32_t cp, uint32_t off)
{
    unsigned f = vn_cp_flags(cp);
    if (f & (VN_F_LETTER | VN_F_MARK)) {
        int32_t lc = cp_lower(cp);
        uint8_t up = (f & VN_F_UPPER) || lc != cp ? VN_NF_UPPER : 0;
        return put_letter(t, w, lc, off, up);
    }
    if (flush_word(t, w))
        return VNNER_ENOMEM;
    if (f & VN_F_SPACE)
        cp = ' ';
    return emit(t, cp, off, 0);
}

/* Whether no combining mark starts at J: most bytes cannot start one
 * (ASCII, two-byte letters, Vietnamese letters U+1EA0..U+1EFF). */
static inline int no_mark_at(const unsigned char *s, size_t len, size_t j)
{
    return j >= len || s[j] < 0xCC || (s[j] >= 0xCE && s[j] < 0xD2) ||
           (s[j] == 0xE1 && j + 1 < len && (s[j + 1] == 0xBA || s[j + 1] == 0xBB));
}

/* Length in bytes of the combining marks that follow position I. */
static size_t marks_after(const unsigned char *s, size_t len, size_t i)
{
    size_t j = i;
    if (no_mark_at(s, len, j))
        return 0;
    while (j < len && s[j] >= 0x80) {
        int32_t cp;
        int n = vn_utf8_decode(s + j, len - j, &cp);
        if (n < 0 || !(vn_cp_flags(cp) & VN_F_MARK))
            break;
        j += (size_t)n;
    }
    return j - i;
}

static int put_cluster(vn_text *t, wordstate *w, const unsigned char *s, size_t n, uint32_t off)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map(s, (utf8proc_ssize_t)n, &out, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (r < 0)
        return VNNER_EUTF8;
    for (utf8proc_ssize_t k = 0; k < r;) {
        int32_t cp;
        int m = vn_utf8_decode(out + k, (size_t)(r - k), &cp);
        if (m < 0 || put_cp(t, w, cp, off)) {
            free(out);
            return VNNER_ENOMEM;
        }
        k += m;
    }
    free(out);
    return 0;
}

int vn_text_normalize(vn_text *t, const char *orig, size_t olen, vnner_error *err)
{
    const unsigned char *s = (const unsigned char *)orig;
    wordstate w;
    memset(&w, 0, sizeof w);
    t->orig = orig;
    t->olen = olen;
    t->nlen = 0;
    if (!t->n2o) { /* the map was dropped (vn_text_drop_map): start again */
        free(t->norm);
        free(t->nflags);
        t->norm = NULL;
        t->nflags = NULL;
        t->ncap = 0;
    }
    if (olen >= UINT32_MAX) {
        vn_set_error(err, VNNER_ETOOBIG, -1, "document of %zu bytes is too large", olen);
        return VNNER_ETOOBIG;
    }
    if (grow_to(t, olen + 16))
        goto nomem;
    size_t i = 0;
    if (olen >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3; /* a byte order mark is not text */
    while (i < olen) {
        unsigned char c = s[i];
        if (c < 0x80 && (i + 1 == olen || s[i + 1] < 0x80 || (c >= 0x20 && no_mark_at(s, olen, i + 1)))) {
            /* fast path: ASCII not followed by a combining mark (a control
             * character before other text takes the general path, as it always did) */
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                if (put_letter(t, &w, c | 0x20, (uint32_t)i, c < 'a' ? VN_NF_UPPER : 0))
                    goto nomem;
            } else {
                if (c == 0) {
                    vn_set_error(err, VNNER_ENUL, (long long)i, "NUL byte at byte offset %zu (binary data?)", i);
                    return VNNER_ENUL;
                }
                int32_t m = c;
                if (c == '\r')
                    m = (i + 1 < olen && s[i + 1] == '\n') ? ' ' : '\n';
                else if (c < 0x20 && c != '\n')
                    m = ' ';
                if (flush_word(t, &w) || emit(t, m, (uint32_t)i, 0))
                    goto nomem;
            }
            i++;
            continue;
        }
        int32_t cp;
        int n = vn_utf8_decode(s + i, olen - i, &cp);
        if (n < 0) {
            vn_set_error(err, VNNER_EUTF8, (long long)i, "invalid UTF-8 at byte offset %zu", i);
            return VNNER_EUTF8;
        }
        if (cp == 0) {
            vn_set_error(err, VNNER_ENUL, (long long)i, "NUL byte at byte offset %zu (binary data?)", i);
            return VNNER_ENUL;
        }
        size_t mk = marks_after(s, olen, i + (size_t)n);
        if (mk == 0 && cp < VN_TAB_N && (vn_flag_tab[cp] & STABLE_LETTER) == STABLE_LETTER) {
            /* a precomposed letter alone (most of Vietnamese text): what put_cp does, without its tests */
            int32_t lc = vn_lower_tab[cp];
            uint8_t up = (vn_flag_tab[cp] & VN_F_UPPER) || lc != cp ? VN_NF_UPPER : 0;
            if (put_letter(t, &w, lc, (uint32_t)i, up))
                goto nomem;
        } else if (mk == 0 && cp < VN_TAB_N && (vn_flag_tab[cp] & VN_F_STABLE) && punct_map(cp) < 0) {
            if (put_cp(t, &w, cp, (uint32_t)i))
                goto nomem;
        } else if (mk == 0 && punct_map(cp) >= 0) {
            int32_t m = punct_map(cp);
            if (m && (flush_word(t, &w) || emit(t, m, (uint32_t)i, 0)))
                goto nomem;
        } else if (put_cluster(t, &w, s + i, (size_t)n + mk, (uint32_t)i)) {
            goto nomem;
        }
        i += (size_t)n + mk;
    }
    if (flush_word(t, &w) || grow_to(t, 1))
        goto nomem;
    t->norm[t->nlen] = 0;
    t->n2o[t->nlen] = (uint32_t)olen;
    t->nflags[t->nlen] = 0;
    return 0;
nomem:
    vn_set_error(err, VNNER_ENOMEM, -1, "out of memory");
    return VNNER_ENOMEM;
}

void vn_text_drop_map(vn_text *t)
{
    free(t->n2o);
    t->n2o = NULL;
}

void vn_text_release(vn_text *t)
{
    const char *orig = t->orig;
    size_t olen = t->olen;
    vn_text_free(t);
    t->orig = orig;
    t->olen = olen;
}

void vn_text_free(vn_text *t)
{
    if (!t)
        return;
    free(t->norm);
    free(t->n2o);
    free(t->nflags);
    memset(t, 0, sizeof *t);
}

char *vn_normalize_str(const char *s, size_t n)
{
    vn_text t;
    memset(&t, 0, sizeof t);
    char *r = NULL;
    if (vn_text_normalize(&t, s, n, NULL) == 0)
        r = vn_strndup(t.norm, t.nlen);
    vn_text_free(&t);
    return r;
}

char *vn_lower_dup(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n * 2 + 1), *w = o; /* lower case never takes more than twice the bytes */
    if (!o)
        return NULL;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = vn_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (l < 0) {
            *w++ = s[i++];
            continue;
        }
        w += vn_utf8_encode(cp_lower(cp), w);
        i += (size_t)l;
    }
    *w = 0;
    return o;
}
