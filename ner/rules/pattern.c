/* The readable pattern language, compiled to PCRE2 over the tag string:
 * names of symbols and classes, shapes, literal words, token sets, entity
 * references, definitions, groups, lookaround, quantifiers and named
 * captures.  One pass, left to right; an atom that is more than one symbol
 * is wrapped in a group when a quantifier follows it. */
#include <string.h>
#include "lexicon/lexicon.h"
#include "rules/pattern.h"
#include "text/text.h"
#include "util/buf.h"

static const struct {
    const char *name;
    char sym;
} symbols[] = {
#define VN_SYM_ROW(name, letter, what) {#name, letter},
    VN_SYMBOL_TABLE(VN_SYM_ROW)
#undef VN_SYM_ROW
};

/* Shapes under the names people write (as in TokensRegex and spaCy). */
static const struct {
    const char *alias, *name;
} aliases[] = {{"Cap", "CAP"},     {"Upper", "ALLCAPS"}, {"Lower", "LOWER"}, {"Num", "NUM"},
               {"Roman", "ROMAN"}, {"Year", "YEAR"},     {"Date", "DATE"}};

/* Entity types as relation rules name them; BYLINE is a PERSON the byline step found. */
static const char *const ent_names[] = {"PERSON", "POSITION", "BODY", "EVENT", "PLACE", "DATE", "BYLINE"};

typedef struct cc {
    const vn_pat_env *env;
    vn_buf out;
    uint32_t *map;          /* source column of each output byte */
    size_t mapcap;
    vn_pred *pred;
    size_t npred, predcap;
    int behind;             /* inside a look-behind: classes stand for their first token */
    /* the classes every match needs (a sentence without one is skipped): per open group */
    uint64_t req[160];
    uint8_t alt[160];
    char kind[160];
    int fp, fover;          /* open frames; those past the stack's end */
    uint64_t atom_req;      /* the classes the atom just compiled needs */
    uint64_t tested;        /* the classes callouts test */
    uint32_t col_override;  /* inside a definition: every byte maps to the reference's column */
    int depth;              /* definitions within definitions */
    int failed;             /* out of memory */
    size_t errcol;
    char *msg;
    size_t cap;
} cc;

static int fail(cc *c, size_t col, const char *what, const char *name, size_t n)
{
    if (!c->errcol) {
        c->errcol = col;
        snprintf(c->msg, c->cap, "%s%s%.*s%s", what, name ? " '" : "", (int)n, name ? name : "", name ? "'" : "");
    }
    return VNNER_EPATTERN;
}

/* Appends S (N bytes) that came from source column COL. */
static void emit(cc *c, const char *s, size_t n, uint32_t col)
{
    size_t at = c->out.len;
    if (vn_buf_add(&c->out, s, n) || vn_grow((void **)&c->map, &c->mapcap, at + n + 1, sizeof *c->map)) {
        c->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        c->map[at + i] = c->col_override ? c->col_override : col;
}

/* Byte S as a PCRE2 literal: itself, escaped punctuation, or \xHH (no snprintf: rules load at every start). */
static void emit_byte(cc *c, unsigned char s, uint32_t col)
{
    static const char hex[] = "0123456789abcdef";
    char b[4] = {'\\', (char)s, 0, 0};
    int alnum = (s >= 'a' && s <= 'z') || (s >= 'A' && s <= 'Z') || (s >= '0' && s <= '9') || s == '_';
    if (s >= 0x80 || s < 0x20) {
        b[1] = 'x', b[2] = hex[s >> 4], b[3] = hex[s & 15];
        emit(c, b, 4, col);
    } else if (alnum)
        emit(c, b + 1, 1, col);
    else
        emit(c, b, 2, col);
}

/* Symbol S inside a set: with cue marks, marked or not. */
static void emit_set_sym(cc *c, unsigned char s, uint32_t col)
{
    emit_byte(c, s, col);
    if (c->env->marks && s < VN_CUE_MARK)
        emit_byte(c, (unsigned char)(s + VN_CUE_MARK), col);
}

/* Symbol S as one atom: with cue marks, a set of it and its marked form. */
static void emit_sym(cc *c, unsigned char s, uint32_t col)
{
    int both = c->env->marks && s < VN_CUE_MARK;
    if (both)
        emit(c, "[", 1, col);
    emit_set_sym(c, s, col);
    if (both)
        emit(c, "]", 1, col);
}

/* The other tokens of an entry, as many as there are. */
static void emit_inside(cc *c, uint32_t col)
{
    emit_sym(c, VN_S_INSIDE, col);
    emit(c, "*+", 2, col);
}

static int is_name_char(char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; }

/* The symbol named NAME (N bytes), or 0. */
char vn_pattern_symbol(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strlen(aliases[i].alias) == n && !memcmp(aliases[i].alias, name, n)) {
            name = aliases[i].name;
            n = strlen(name);
        }
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
        if (strlen(symbols[i].name) == n && !memcmp(symbols[i].name, name, n))
            return symbols[i].sym;
    return 0;
}

/* Whether a symbol starts gazetteer entries, whose other tokens show INSIDE. */
static int sym_is_entry(char s)
{
    if (s == VN_S_LOWER)
        return 0; /* a shape, even if the WORD class shows it */
    for (int k = 0; k < VN_NCLASSES; k++)
        if (vn_class_sym((vn_class)k) == s)
            return 1;
    return 0;
}

/* The symbol of a punctuation literal such as "," or 0. */
static char punct_sym(const char *s, size_t n)
{
    static const char marks[] = ",;:.-()\"'/&!?";
    return n == 1 && strchr(marks, s[0]) ? s[0] : 0;
}

/* Bytes of P's words (NTOK strings back to back, each with its NUL). */
static size_t words_len(const vn_pred *p)
{
    size_t n = 0;
    for (uint16_t k = 0; p->words && k < p->ntok; k++)
        n += strlen(p->words + n) + 1;
    return n;
}

/* The number of a test of C equal to P (a definition used many times tests
 * the same things), or 0. */
static size_t same_pred(const cc *c, const vn_pred *p)
{
    size_t pl = words_len(p);
    for (size_t i = 0; i < c->npred; i++) {
        const vn_pred *q = &c->pred[i];
        if (q->kind == p->kind && q->cls == p->cls && q->ntok == p->ntok && words_len(q) == pl &&
            (!pl || !memcmp(q->words, p->words, pl)))
            return i + 1;
    }
    return 0;
}

static int add_pred(cc *c, vn_pred p, uint32_t col)
{
    char b[16];
    size_t same = same_pred(c, &p);
    if (same) { /* one callout number for every use: PCRE2 numbers only 255 */
        free(p.words);
        if (p.kind == VN_PRED_CHOSEN || p.kind == VN_PRED_HAS)
            c->tested |= 1ull << p.cls;
        emit(c, b, (size_t)snprintf(b, sizeof b, "(?C%zu)", same), col);
        return 0;
    }
    if (c->npred >= 255) {
        free(p.words);
        return fail(c, col, "too many word and class tests in one rule (255 at most)", NULL, 0);
    }
    if (vn_grow((void **)&c->pred, &c->predcap, c->npred + 1, sizeof *c->pred)) {
        free(p.words);
        c->failed = 1;
        return VNNER_ENOMEM;
    }
    c->pred[c->npred++] = p;
    if (p.kind == VN_PRED_CHOSEN || p.kind == VN_PRED_HAS)
        c->tested |= 1ull << p.cls;
    emit(c, b, (size_t)snprintf(b, sizeof b, "(?C%zu)", c->npred), col);
    return 0;
}

/* "giữ chức": as many tokens as words, then a callout compares them. */
static int literal_words(cc *c, const char *s, size_t n, uint32_t col)
{
    char *norm = vn_normalize_str(s, n);
    if (!norm) {
        c->failed = 1;
        return VNNER_ENOMEM;
    }
    vn_buf w = {0};
    uint16_t ntok = 0;
    for (char *p = strtok(norm, " "); p; p = strtok(NULL, " ")) {
        vn_buf_add(&w, p, strlen(p) + 1);
        ntok++;
    }
    free(norm);
    if (w.failed) {
        vn_buf_free(&w);
        c->failed = 1;
        return VNNER_ENOMEM;
    }
    if (!ntok)
        return fail(c, col, "an empty literal", NULL, 0);
    char b[32];
    emit(c, b, (size_t)snprintf(b, sizeof b, ntok > 1 ? "(?:.{%u}" : "(?:.", (unsigned)ntok), col);
    int rc = add_pred(c, (vn_pred){VN_PRED_WORDS, 0, ntok, w.p}, col);
    emit(c, ")", 1, col);
    return rc;
}

static int class_entry_atom(cc *c, int cls, uint32_t col, int kind);

/* A class or symbol name as one atom; *COMPOUND when it is more than one symbol. */
static int name_atom(cc *c, const char *name, size_t n, uint32_t col, int first_only, int *compound)
{
    char s = vn_pattern_symbol(name, n);
    if (s) {
        emit_sym(c, (unsigned char)s, col);
        if (sym_is_entry(s) && !first_only && !c->behind) {
            emit_inside(c, col);
            *compound = 1;
        }
        return 0;
    }
    int cls = vn_class_from_name(name, n);
    if (cls < 0)
        return fail(c, col, "unknown class or symbol", name, n);
    char cs = vn_class_sym((vn_class)cls);
    /* a class that shares its symbol (a cue class) or has none: an entry of it
     * starting here, whatever entry the tag shows */
    if (class_entry_atom(c, cls, col, cs ? VN_PRED_CHOSEN : VN_PRED_HAS))
        return VNNER_EPATTERN;
    *compound = 1;
    return 0;
}

/* cap:NAME: a match of class or symbol NAME (one with its own symbol) whose
 * first token is written with a capital: "Ma Văn Tỉnh" ends a name, "tỉnh" does not.
 * title:NAME (EVERY): each of its words is: "Trần Quốc Hội", not "Quốc hội". */
static int cap_atom(cc *c, const char *name, size_t n, uint32_t col, int *compound, int every)
{
    char s = vn_pattern_symbol(name, n);
    if (!s)
        return fail(c, col, every ? "title: takes a class or shape with its own symbol"
                                  : "cap: takes a class or shape with its own symbol", name, n);
    emit(c, "(?:", 3, col);
    emit_sym(c, (unsigned char)s, col);
    if (add_pred(c, (vn_pred){every ? VN_PRED_TITLE : VN_PRED_CAP, 0, 1, NULL}, col))
        return VNNER_EPATTERN;
    emit(c, ")", 1, col);
    if (sym_is_entry(s) && !c->behind)
        emit_inside(c, col);
    *compound = 1;
    return 0;
}

static int ent_type(const char *s, size_t n)
{
    for (int i = 0; i < 7; i++)
        if (strlen(ent_names[i]) == n && !memcmp(ent_names[i], s, n))
            return i;
    return -1;
}

/* @PERSON: the whole entity; end:@PERSON: its last token. */
static int entity_atom(cc *c, const char *name, size_t n, uint32_t col, int end_only, int *compound)
{
    int t = ent_type(name, n);
    if (t < 0)
        return fail(c, col, "unknown entity type", name, n);
    if (!c->env->relations)
        return fail(c, col, "entity references belong to relation rules:", name, n);
    char b[48], st[24];
    int in = VN_ENT_INSIDE + (t == VN_ENT_BYLINE ? VNNER_PERSON : t);
    if (t == VNNER_PERSON) /* a byline is a person too */
        snprintf(st, sizeof st, "[\\x%02x\\x%02x]", VN_ENT_START + t, VN_ENT_START + VN_ENT_BYLINE);
    else
        snprintf(st, sizeof st, "\\x%02x", VN_ENT_START + t);
    if (end_only && t == VNNER_PERSON)
        snprintf(b, sizeof b, "[\\x%02x\\x%02x\\x%02x]", VN_ENT_START + t, VN_ENT_START + VN_ENT_BYLINE, in);
    else if (end_only)
        snprintf(b, sizeof b, "[\\x%02x\\x%02x]", VN_ENT_START + t, in);
    else if (c->behind)
        snprintf(b, sizeof b, "%s", st);
    else
        snprintf(b, sizeof b, "%s\\x%02x*+", st, in);
    emit(c, b, strlen(b), col);
    *compound = !end_only && !c->behind;
    return 0;
}

/* [COMMA HONORIFIC "-"] or [^ QUOTE NEWLINE]: one token of these symbols. */
static int set_atom(cc *c, const char *src, size_t *i, int *compound)
{
    uint32_t col = (uint32_t)*i + 1;
    size_t p = *i + 1;
    int neg = src[p] == '^', entry = 0, inside = 0;
    emit(c, neg ? "[^" : "[", neg ? 2 : 1, col);
    p += neg;
    for (;;) {
        while (src[p] == ' ' || src[p] == '\t')
            p++;
        if (!src[p])
            return fail(c, col, "a '[' set is not closed", NULL, 0);
        if (src[p] == ']')
            break;
        size_t st = p;
        char s = 0;
        if (src[p] == '"' || src[p] == '\'') {
            char q = src[p];
            const char *e = strchr(src + p + 1, q);
            if (!e || !(s = punct_sym(src + p + 1, (size_t)(e - src - p - 1))))
                return fail(c, st + 1, "a set holds symbol names and single punctuation marks", NULL, 0);
            p = (size_t)(e - src) + 1;
        } else {
            while (is_name_char(src[p]))
                p++;
            if (p == st || !(s = vn_pattern_symbol(src + st, p - st)))
                return fail(c, st + 1, p == st ? "unexpected character in a set" : "not a symbol name (a class that shares its symbol cannot stand in a set)",
                            src + st, p > st ? p - st : 1);
        }
        entry |= sym_is_entry(s);
        inside |= s == VN_S_INSIDE;
        emit_set_sym(c, (unsigned char)s, (uint32_t)st + 1);
    }
    emit(c, "]", 1, (uint32_t)p + 1);
    if (entry && !neg && !inside && !c->behind) { /* a set naming INSIDE counts tokens */
        emit_inside(c, (uint32_t)p + 1);
        *compound = 1;
    }
    *i = p + 1;
    return 0;
}

static int compile_src(cc *c, const char *src);

static void frame_push(cc *c, char kind)
{
    if (c->fp >= 159) {
        c->fover++;
        return;
    }
    c->fp++;
    c->req[c->fp] = 0;
    c->alt[c->fp] = 0;
    c->kind[c->fp] = kind;
}

/* Whether quantifier Q (N bytes) lets its item match nothing. */
static int optional_q(const char *q, size_t n) { return n && (q[0] == '?' || q[0] == '*' || (q[0] == '{' && q[1] == '0')); }

/* Closes a frame: what it needs, unless it is an alternation or a negative look-around. */
static uint64_t frame_pop(cc *c)
{
    if (c->fover) {
        c->fover--;
        return 0;
    }
    uint64_t m = c->alt[c->fp] || c->kind[c->fp] == '!' ? 0 : c->req[c->fp];
    if (c->fp > 0)
        c->fp--;
    return m;
}

/* in:CLASS: a whole entry of the class starting here, longest first (the
 * lengths its entries have: "thừa ủy quyền" is three tokens). */
static int class_entry_atom(cc *c, int cls, uint32_t col, int kind)
{
    uint32_t lens = c->env->gaz ? vn_gaz_class_lengths(c->env->gaz, cls) : 0;
    c->atom_req |= 1ull << cls;
    if (!lens)
        lens = 1;
    emit(c, "(?:", 3, col);
    int first = 1;
    for (int k = 32; k >= 1; k--) {
        if (!(lens & (1u << (k - 1))))
            continue;
        char b[24];
        if (!first)
            emit(c, "|", 1, col);
        if (c->env->marks) /* the first token carries a cue mark */
            emit(c, b, (size_t)snprintf(b, sizeof b, k > 1 ? "[\\xa0-\\xff].{%d}" : "[\\xa0-\\xff]", k - 1), col);
        else
            emit(c, b, (size_t)snprintf(b, sizeof b, k > 1 ? ".{%d}" : ".", k), col);
        if (add_pred(c, (vn_pred){(uint8_t)kind, (uint8_t)cls, (uint16_t)k, NULL}, col))
            return VNNER_EPATTERN;
        first = 0;
    }
    emit(c, ")", 1, col);
    return 0;
}

static int define_atom(cc *c, const char *name, size_t n, uint32_t col)
{
    const char *body = c->env->define ? c->env->define(c->env->ctx, name, n) : NULL;
    if (!body)
        return fail(c, col, "no definition named", name, n);
    if (c->depth > 32)
        return fail(c, col, "definitions nest too deep (a definition that uses itself?)", name, n);
    uint32_t saved = c->col_override;
    c->col_override = saved ? saved : col;
    c->depth++;
    emit(c, "(?:", 3, col);
    frame_push(c, 'g');
    int rc = compile_src(c, body);
    c->atom_req = frame_pop(c);
    emit(c, ")", 1, col);
    c->depth--;
    c->col_override = saved;
    return rc;
}

/* A quantifier at SRC+*I (?, *, +, {m}, {m,}, {m,n}, then ? or +), or 0. */
static size_t quantifier_len(const char *s)
{
    size_t n = 0;
    if (*s == '?' || *s == '*' || *s == '+')
        n = 1;
    else if (*s == '{') {
        size_t k = 1;
        while (s[k] >= '0' && s[k] <= '9')
            k++;
        if (k == 1)
            return 0;
        if (s[k] == ',') {
            k++;
            while (s[k] >= '0' && s[k] <= '9')
                k++;
        }
        if (s[k] != '}')
            return 0;
        n = k + 1;
    }
    if (n && (s[n] == '?' || s[n] == '+'))
        n++;
    return n;
}

/* One atom at SRC+*I into a scratch buffer, then any quantifier. */
static int atom(cc *c, const char *src, size_t *i)
{
    uint32_t col = (uint32_t)*i + 1;
    size_t start = c->out.len, p = *i;
    int compound = 0, rc = 0;
    c->atom_req = 0;
    if (src[p] == '"' || src[p] == '\'') {
        const char *e = strchr(src + p + 1, src[p]);
        if (!e)
            return fail(c, col, "a quoted literal is not closed", NULL, 0);
        size_t n = (size_t)(e - src) - p - 1;
        char s = punct_sym(src + p + 1, n);
        if (s)
            emit_sym(c, (unsigned char)s, col);
        else
            rc = literal_words(c, src + p + 1, n, col);
        p = (size_t)(e - src) + 1;
    } else if (src[p] == '[') {
        rc = set_atom(c, src, &p, &compound);
    } else {
        int mode = 0; /* 1 first:, 2 in:, 3 end:, 4 cap:, 5 title: */
        if (!strncmp(src + p, "first:", 6))
            mode = 1, p += 6;
        else if (!strncmp(src + p, "in:", 3))
            mode = 2, p += 3;
        else if (!strncmp(src + p, "end:", 4))
            mode = 3, p += 4;
        else if (!strncmp(src + p, "cap:", 4))
            mode = 4, p += 4;
        else if (!strncmp(src + p, "title:", 6))
            mode = 5, p += 6;
        char sigil = src[p] == '$' || src[p] == '@' ? src[p++] : 0;
        size_t st = p;
        while (is_name_char(src[p]))
            p++;
        if (p == st)
            return fail(c, (size_t)st + 1, "unexpected character", src + st, 1);
        const char *nm = src + st;
        size_t n = p - st;
        if (mode == 3 && sigil != '@')
            rc = fail(c, col, "end: takes an entity (end:@PERSON)", NULL, 0);
        else if (sigil == '@')
            rc = mode && mode != 3 ? fail(c, col, "first:, in:, cap: and title: take a class, not an entity", NULL, 0)
                                   : entity_atom(c, nm, n, col, mode == 3, &compound);
        else if (sigil == '$')
            rc = mode ? fail(c, col, "first:, in:, cap: and title: take a class, not a definition", NULL, 0)
                      : (compound = 1, define_atom(c, nm, n, col));
        else if (n == 3 && !memcmp(nm, "ANY", 3) && !mode)
            emit(c, ".", 1, col);
        else if (mode == 4 || mode == 5)
            rc = cap_atom(c, nm, n, col, &compound, mode == 5);
        else if (mode == 2) {
            int cls = vn_class_from_name(nm, n);
            if (cls < 0)
                rc = fail(c, col, "unknown class", nm, n);
            else
                rc = class_entry_atom(c, cls, col, VN_PRED_HAS);
        } else
            rc = name_atom(c, nm, n, col, mode == 1, &compound);
    }
    if (rc)
        return rc;
    size_t q = quantifier_len(src + p);
    if (q && compound) { /* TITLE+ is (?:T_*+)+ */
        vn_buf tmp = {0};
        vn_buf_add(&tmp, c->out.p + start, c->out.len - start);
        c->out.len = start;
        emit(c, "(?:", 3, col);
        emit(c, tmp.p ? tmp.p : "", tmp.len, col);
        emit(c, ")", 1, col);
        c->failed |= tmp.failed;
        vn_buf_free(&tmp);
    }
    if (q)
        emit(c, src + p, q, (uint32_t)p + 1);
    if (!optional_q(src + p, q))
        c->req[c->fp] |= c->atom_req;
    *i = p + q;
    return 0;
}

/* Group openers: ( (?: (?<name> (?= (?! (?<= (?<! (?> */
static int open_group(cc *c, const char *src, size_t *i, char *stack, size_t *at, int *sp)
{
    uint32_t col = (uint32_t)*i + 1;
    const char *s = src + *i;
    char kind = 'g';
    size_t n = 1;
    if (*sp >= 63)
        return fail(c, col, "groups nest too deep", NULL, 0);
    if (s[1] != '?') {
        emit(c, "(?:", 3, col);
    } else if (s[2] == ':' || s[2] == '=' || s[2] == '!' || s[2] == '>') {
        n = 3;
        emit(c, s, 3, col);
    } else if (s[2] == '<' && (s[3] == '=' || s[3] == '!')) {
        n = 4;
        kind = 'b';
        emit(c, s, 4, col);
    } else if (s[2] == '<') {
        size_t k = 3;
        while (is_name_char(s[k]))
            k++;
        if (k == 3 || s[k] != '>')
            return fail(c, col, "a capture is written (?<name> ...)", NULL, 0);
        n = k + 1;
        emit(c, s, n, col);
    } else {
        return fail(c, col, "unknown group; use ( ), (?<name> ), (?= ), (?! ), (?<= ), (?<! ) or (?> )", NULL, 0);
    }
    at[*sp] = *i;
    stack[(*sp)++] = kind;
    c->behind += kind == 'b';
    frame_push(c, (s[1] == '?' && (s[2] == '!' || (s[2] == '<' && s[3] == '!'))) ? '!' : kind);
    *i += n;
    return 0;
}

static int compile_src(cc *c, const char *src)
{
    char stack[64];
    size_t at[64];
    int sp = 0;
    size_t i = 0;
    while (src[i] && !c->failed && !c->errcol) {
        char ch = src[i];
        if (ch == ' ' || ch == '\t') {
            i++;
        } else if (ch == '#') {
            break; /* a comment to the end */
        } else if (ch == '(') {
            if (open_group(c, src, &i, stack, at, &sp))
                return VNNER_EPATTERN;
        } else if (ch == ')') {
            if (!sp)
                return fail(c, i + 1, "a ')' closes no group", NULL, 0);
            c->behind -= stack[--sp] == 'b';
            emit(c, ")", 1, (uint32_t)i + 1);
            i++;
            size_t q = quantifier_len(src + i);
            emit(c, src + i, q, (uint32_t)i + 1);
            uint64_t m = frame_pop(c);
            if (!optional_q(src + i, q))
                c->req[c->fp] |= m;
            i += q;
        } else if (ch == '|' || ch == '^') { /* alternation; the sentence's start */
            if (ch == '|')
                c->alt[c->fp] = 1;
            emit(c, src + i, 1, (uint32_t)i + 1);
            i++;
        } else if (quantifier_len(src + i)) {
            return fail(c, i + 1, "a quantifier must follow something", src + i, 1);
        } else if (atom(c, src, &i)) {
            return VNNER_EPATTERN;
        }
    }
    if (c->failed)
        return VNNER_ENOMEM;
    if (c->errcol)
        return VNNER_EPATTERN;
    if (sp)
        return fail(c, at[sp - 1] + 1, "this '(' is not closed", NULL, 0);
    return 0;
}

int vn_pattern_compile(vn_compiled *out, const char *src, const vn_pat_env *env, size_t *col, char *msg, size_t cap)
{
    cc c;
    memset(&c, 0, sizeof c);
    memset(out, 0, sizeof *out);
    c.env = env;
    c.msg = msg;
    c.cap = cap;
    if (cap)
        msg[0] = '\0';
    int rc = compile_src(&c, src);
    if (rc && c.failed) /* an allocation failed, whatever the step that saw it returned */
        rc = VNNER_ENOMEM;
    if (!rc && !c.out.len)
        rc = fail(&c, 1, "an empty pattern", NULL, 0);
    if (!rc && c.out.failed)
        rc = VNNER_ENOMEM;
    if (rc) {
        if (col)
            *col = c.errcol;
        vn_buf_free(&c.out);
        free(c.map);
        for (size_t k = 0; k < c.npred; k++)
            free(c.pred[k].words);
        free(c.pred);
        return rc;
    }
    out->need = c.alt[0] ? 0 : c.req[0];
    out->tested = c.tested;
    out->pcre = c.out.p;
    out->pred = c.pred;
    out->npred = c.npred;
    out->colmap = c.map;
    out->ncol = c.out.len;
    return 0;
}

size_t vn_pattern_source_col(const vn_compiled *c, size_t off)
{
    if (!c->ncol)
        return 1;
    return c->colmap[off < c->ncol ? off : c->ncol - 1];
}

void vn_compiled_free(vn_compiled *c)
{
    if (!c)
        return;
    free(c->pcre);
    for (size_t k = 0; k < c->npred; k++)
        free(c->pred[k].words);
    free(c->pred);
    free(c->colmap);
    memset(c, 0, sizeof *c);
}
