/* Rule files: reading them (phases, definitions, rules, their examples),
 * compiling each pattern once (PCRE2 with JIT) and the callouts that test
 * words and second classes.  Matching lives in rules/match.c. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <string.h>
#include "rules/pattern.h"
#include "rules/rules_impl.h"
#include "util/buf.h"

static const char *const type_names[VNNER_NTYPES] = {"PERSON", "POSITION", "BODY", "EVENT", "PLACE", "DATE"};
static const char *const rel_names[] = {"HOLDS", "PARTICIPATES", "AWARDED", "AUTHOR"};
static const char *const arg_names[VN_NARGS] = {"person", "post", "role", "event", "recipient", "giver", "award", "subject"};
/* The arguments each relation type takes, by VN_ARG_* bit. */
static const unsigned rel_args[] = {1u << VN_ARG_PERSON | 1u << VN_ARG_POST | 1u << VN_ARG_SUBJECT,
                                    1u << VN_ARG_PERSON | 1u << VN_ARG_ROLE | 1u << VN_ARG_EVENT,
                                    1u << VN_ARG_RECIPIENT | 1u << VN_ARG_GIVER | 1u << VN_ARG_AWARD,
                                    1u << VN_ARG_PERSON};

const char *vnner_type_name(vnner_type t) { return (unsigned)t < VNNER_NTYPES ? type_names[t] : "?"; }

static int type_from(const char *s, size_t n)
{
    for (int i = 0; i < VNNER_NTYPES; i++)
        if (strlen(type_names[i]) == n && memcmp(type_names[i], s, n) == 0)
            return i;
    if (n == 4 && memcmp(s, "NONE", 4) == 0)
        return VN_T_NONE;
    if (n == 1 && s[0] == '-')
        return -1;
    return -2;
}

int vn_rules_new(vn_rules **out)
{
    vn_rules *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return VNNER_ENOMEM;
    *out = r;
    return 0;
}

static void rule_clear(rule *ru)
{
    free(ru->id);
    free(ru->src);
    free(ru->groups);
    pcre2_code_free(ru->code);
    vn_compiled_free(&ru->comp);
    for (size_t k = 0; k < ru->nex; k++) {
        free(ru->ex[k].text);
        free(ru->ex[k].expect);
        free(ru->ex[k].src);
    }
    free(ru->ex);
    free((char *)ru->rel.qualifier);
    free((char *)ru->rel.member);
    memset(ru, 0, sizeof *ru);
}

void vn_rules_free(vn_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        rule_clear(&r->r[i]);
    for (size_t i = 0; i < r->nd; i++) {
        free(r->d[i].name);
        free(r->d[i].body);
    }
    free(r->r);
    free(r->d);
    free(r);
}

size_t vn_rules_count(const vn_rules *r) { return r->n; }

void vn_rules_set_gazetteer(vn_rules *r, const vn_gaz *g) { r->gaz = g; }
void vn_rules_set_jit(vn_rules *r, int on) { r->no_jit = !on; }

size_t vn_rules_relation_count(const vn_rules *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += r->r[i].phase == 1;
    return n;
}

void vn_rules_info(const vn_rules *r, size_t i, vn_rule_info *out)
{
    const rule *ru = &r->r[i];
    *out = (vn_rule_info){ru->id, ru->src, ru->phase, ru->nex};
}

void vn_rules_example(const vn_rules *r, size_t i, size_t k, const char **text, const char **expect, const char **src)
{
    const rule_example *e = &r->r[i].ex[k];
    *text = e->text;
    *expect = e->expect;
    *src = e->src;
}

/* The latest definition named NAME (the source of a later one replaces it). */
static const char *find_define(void *ctx, const char *name, size_t n)
{
    const vn_rules *r = ctx;
    for (size_t i = r->nd; i-- > 0;)
        if (strlen(r->d[i].name) == n && !memcmp(r->d[i].name, name, n))
            return r->d[i].body;
    return NULL;
}

/* ---- callouts ------------------------------------------------------------ */

/* Tests callout PRED at the token before the current position. */
int vn_rules_callout(pcre2_callout_block *cb, void *data)
{
    const vn_callout_ctx *x = data;
    if (!cb->callout_number || cb->callout_number > x->npred)
        return 1;
    const vn_pred *p = &x->pred[cb->callout_number - 1];
    size_t end = x->base + cb->current_position;
    if (end < p->ntok)
        return 1;
    size_t t = end - p->ntok;
    const vn_view *v = x->v;
    switch (p->kind) {
    case VN_PRED_CHOSEN:
        if (v->tk->v[t].shape != VN_SH_LOWER && !(v->tk->v[t].flags & VN_TF_SENT_START))
            return 1;
        /* fall through */
    case VN_PRED_HAS:
        if (!(v->tags->cls_at[t] & (1ull << p->cls)) || (x->subj && x->subj[t] >= VN_ENT_START))
            return 1;
        return vn_gaz_class_at(v->gaz, v->tags->syl + t, v->tk->n - t, p->cls, p->ntok) ? 0 : 1;
    case VN_PRED_CAP:
        return v->tk->v[t].shape != VN_SH_LOWER ? 0 : 1;
    case VN_PRED_TITLE: { /* every word of the entry's match at T written with a capital */
        size_t len = v->tags->gm[t].len ? v->tags->gm[t].len : 1;
        for (size_t k = 0; k < len && t + k < v->tk->n; k++)
            if (v->tk->v[t + k].kind == VN_TK_WORD && v->tk->v[t + k].shape == VN_SH_LOWER)
                return 1;
        return 0;
    }
    default: {
        const char *w = p->words;
        for (size_t k = 0; k < p->ntok; k++, t++) {
            size_t n = strlen(w);
            if (VN_TOK_LEN(v, t) != n || memcmp(VN_TOK_STR(v, t), w, n))
                return 1;
            w += n + 1;
        }
        return 0;
    }
    }
}

/* ---- compiling ------------------------------------------------------------ */

typedef struct reader {
    vn_rules *rs;
    const char *path;
    size_t lineno;
    int phase;
    rule *last;            /* the rule examples attach to */
    vnner_error *err;
    char where[4200];
    /* a rule written over several lines is read as one: where each piece came from */
    size_t seg_off[64], seg_line[64], seg_col[64];
    int nseg;
    const char *joined;    /* the line being read */
} reader;

/* Characters (not bytes) in S[0..N): columns count what an editor shows. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) /* the line may hold NULs where it was cut into words */
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Line and column in the file of column COL (1-based) of the joined line. */
static void file_pos(const reader *rd, size_t col, size_t *line, size_t *fcol)
{
    int k = 0;
    while (k + 1 < rd->nseg && rd->seg_off[k + 1] < col)
        k++;
    size_t off = rd->nseg ? rd->seg_off[k] : 0, base = rd->nseg ? rd->seg_col[k] : 1;
    *line = rd->nseg ? rd->seg_line[k] : rd->lineno;
    *fcol = base + (rd->joined ? utf8_chars(rd->joined + off, col - 1 - off) : col - 1 - off);
}


static int pattern_error(const reader *rd, size_t col, const char *id, const char *msg)
{
    size_t line, fcol;
    file_pos(rd, col, &line, &fcol);
    vn_set_error(rd->err, VNNER_EPATTERN, -1, "%s:%zu:%zu: rule %s: %s", rd->path, line, fcol, id, msg);
    return VNNER_EPATTERN;
}

/* Compiles the readable pattern at column COL0 of the line into RU. */
static int compile_rule(const reader *rd, vn_rules *rs, rule *ru, const char *pat, size_t col0)
{
    char msg[200];
    size_t col = 0;
    vn_pat_env env = {.define = find_define, .ctx = rs, .relations = ru->phase == 1, .marks = ru->phase == 1, .gaz = rs->gaz};
    int rc = vn_pattern_compile(&ru->comp, pat, &env, &col, msg, sizeof msg);
    if (rc == VNNER_EPATTERN)
        return pattern_error(rd, col0 + col - 1, ru->id, msg);
    if (rc)
        return rc;
    int ec;
    PCRE2_SIZE eo;
    ru->code = pcre2_compile((PCRE2_SPTR)ru->comp.pcre, PCRE2_ZERO_TERMINATED, PCRE2_DUPNAMES | PCRE2_DOTALL, &ec, &eo,
                             vn_rules_compile_context());
    if (!ru->code) {
        if (ec == PCRE2_ERROR_HEAP_FAILED)
            return VNNER_ENOMEM;
        PCRE2_UCHAR m[160];
        pcre2_get_error_message(ec, m, sizeof m);
        return pattern_error(rd, col0 + vn_pattern_source_col(&ru->comp, eo) - 1, ru->id, (char *)m);
    }
    if (!rs->no_jit)
        pcre2_jit_compile(ru->code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    if (ru->phase == 1)
        rs->cue_cls |= ru->comp.tested;
    uint32_t cnt = 0, esz = 0, cap = 0;
    PCRE2_SPTR tab;
    pcre2_pattern_info(ru->code, PCRE2_INFO_NAMECOUNT, &cnt);
    pcre2_pattern_info(ru->code, PCRE2_INFO_NAMEENTRYSIZE, &esz);
    pcre2_pattern_info(ru->code, PCRE2_INFO_NAMETABLE, &tab);
    pcre2_pattern_info(ru->code, PCRE2_INFO_CAPTURECOUNT, &cap);
    if (cap + 1 > rs->max_ov)
        rs->max_ov = cap + 1;
    ru->groups = calloc(cnt ? cnt : 1, sizeof *ru->groups);
    if (!ru->groups)
        return VNNER_ENOMEM;
    for (uint32_t i = 0; i < cnt; i++) {
        PCRE2_SPTR e = tab + (size_t)i * esz;
        const char *name = (const char *)e + 2;
        int t = -1;
        if (ru->phase == 0) {
            t = type_from(name, strlen(name));
            if (t < 0 || t == VN_T_NONE)
                t = -1;
        } else {
            for (int a = 0; a < VN_NARGS; a++)
                if (!strcmp(arg_names[a], name) && (rel_args[ru->rel.type] & (1u << a)))
                    t = a;
        }
        if (t < 0) {
            char m[160];
            snprintf(m, sizeof m, ru->phase ? "capture '%s' is not an argument of %s" : "capture '%s' is not an entity type%s",
                     name, ru->phase ? rel_names[ru->rel.type] : "");
            return pattern_error(rd, col0, ru->id, m);
        }
        ru->groups[ru->ngroups].num = (e[0] << 8) | e[1];
        ru->groups[ru->ngroups++].type = t;
    }
    const uint8_t *bm = NULL;
    uint32_t fcu = 0, ftype = 0;
    pcre2_pattern_info(ru->code, PCRE2_INFO_FIRSTCODETYPE, &ftype);
    if (ftype == 1) {
        pcre2_pattern_info(ru->code, PCRE2_INFO_FIRSTCODEUNIT, &fcu);
        ru->start[fcu >> 3] |= (uint8_t)(1u << (fcu & 7));
    } else if (pcre2_pattern_info(ru->code, PCRE2_INFO_FIRSTBITMAP, &bm) == 0 && bm) {
        memcpy(ru->start, bm, 32);
    } else {
        ru->any_start = 1;
    }
    return 0;
}

/* ---- reading files -------------------------------------------------------- */


static int form_error(reader *rd, size_t col, const char *fmt, const char *arg)
{
    char m[256];
    snprintf(m, sizeof m, fmt, arg ? arg : "");
    size_t line, fcol;
    file_pos(rd, col, &line, &fcol);
    vn_set_error(rd->err, VNNER_EDATA, -1, "%s:%zu:%zu: %s", rd->path, line, fcol, m);
    return VNNER_EDATA;
}

/* The rule with id ID, or NULL. */
static rule *find_rule(vn_rules *rs, const char *id)
{
    for (size_t i = 0; i < rs->n; i++)
        if (!strcmp(rs->r[i].id, id))
            return &rs->r[i];
    return NULL;
}

static void drop_rule(vn_rules *rs, rule *ru)
{
    size_t i = (size_t)(ru - rs->r);
    rule_clear(ru);
    memmove(ru, ru + 1, (rs->n - i - 1) * sizeof *ru);
    rs->n--;
}

static int rel_attr(reader *rd, rule *ru, const char *a, size_t col)
{
    if (!strncmp(a, "qualifier=", 10)) {
        free((char *)ru->rel.qualifier);
        return (ru->rel.qualifier = vn_strdup(a + 10)) ? 0 : VNNER_ENOMEM;
    }
    if (!strcmp(a, "from=article")) {
        ru->rel.from_article = 1;
        return 0;
    }
    if (!strcmp(a, "change=start") || !strcmp(a, "change=end")) {
        ru->rel.change = a[7] == 's' ? VN_CHANGE_START : VN_CHANGE_END;
        return 0;
    }
    if (!strncmp(a, "member=", 7) && a[7]) { /* "member=Ủy_viên": a title of several words, '_' for each space */
        char *t = vn_strdup(a + 7);
        if (!t)
            return VNNER_ENOMEM;
        for (char *q = t; *q; q++)
            if (*q == '_')
                *q = ' ';
        free((char *)ru->rel.member);
        ru->rel.member = t;
        return 0;
    }
    return form_error(rd, col, "unknown attribute '%s' (qualifier=VALUE, from=article, change=start|end, member=TITLE)", a);
}

/* rule ID TYPE PRIORITY [cue=NAMES]: PATTERN  /  relation ID TYPE [ATTR ...]: PATTERN */
static int add_rule(reader *rd, char *line, int relation)
{
    vn_rules *rs = rd->rs;
    char *colon = strstr(line, ": ");
    if (!colon)
        return form_error(rd, strlen(line) + 1, relation ? "expected 'relation ID TYPE [ATTRIBUTES]: PATTERN'" : "expected 'rule ID TYPE PRIORITY: PATTERN'", NULL);
    if (relation != (rd->phase == 1))
        return form_error(rd, 1, relation ? "a relation rule outside 'phase relations'" : "an entity rule inside 'phase relations'", NULL);
    *colon = 0;
    char *words[16];
    int nw = 0;
    for (char *p = strtok(line, " \t"); p && nw < 16; p = strtok(NULL, " \t"))
        words[nw++] = p;
    if (nw < (relation ? 3 : 4))
        return form_error(rd, 1, relation ? "expected 'relation ID TYPE [ATTRIBUTES]: PATTERN'" : "expected 'rule ID TYPE PRIORITY: PATTERN'", NULL);
    rule nr;
    memset(&nr, 0, sizeof nr);
    nr.phase = relation;
    int rc = 0;
    if (!relation) {
        char *end;
        nr.type = type_from(words[2], strlen(words[2]));
        nr.prio = (int)strtol(words[3], &end, 10);
        if (nr.type == -2)
            return form_error(rd, (size_t)(words[2] - line) + 1, "unknown entity type '%s'", words[2]);
        if (*end)
            return form_error(rd, (size_t)(words[3] - line) + 1, "the priority must be a number, not '%s'", words[3]);
    } else {
        nr.rel.type = -1;
        for (int t = 0; t < 4; t++)
            if (!strcmp(words[2], rel_names[t]))
                nr.rel.type = t;
        if (nr.rel.type < 0)
            return form_error(rd, (size_t)(words[2] - line) + 1, "unknown relation type '%s' (HOLDS, PARTICIPATES, AWARDED, AUTHOR)", words[2]);
    }
    char where[4300];
    snprintf(where, sizeof where, "%s:%zu", rd->path, rd->lineno);
    if (!(nr.id = vn_strdup(words[1])) || !(nr.src = vn_strdup(where)))
        rc = VNNER_ENOMEM;
    for (int k = relation ? 3 : 4; k < nw && !rc; k++) {
        size_t col = (size_t)(words[k] - line) + 1;
        if (relation)
            rc = rel_attr(rd, &nr, words[k], col);
        else if (!strncmp(words[k], "cue=", 4)) {
            nr.cue_given = 1;
            for (char *p = strtok(words[k] + 4, ","); p && !rc; p = strtok(NULL, ","))
                rc = vn_rules_cue_symbols(nr.cue, p) ? form_error(rd, col, "cue=: '%s' is not a symbol name", p) : 0;
        } else
            rc = form_error(rd, col, "unknown option '%s' (cue=NAMES)", words[k]);
    }
    nr.rel.id = nr.id;
    if (!rc)
        rc = compile_rule(rd, rs, &nr, colon + 2, (size_t)(colon + 2 - line) + 1);
    if (!rc && nr.cue_given) {
        memcpy(nr.start, nr.cue, sizeof nr.start);
        nr.any_start = 0;
    }
    if (rc) {
        rule_clear(&nr);
        return rc;
    }
    rule *old = find_rule(rs, nr.id);
    if (old) { /* the same id again: the later file overrides */
        rule_clear(old);
        *old = nr;
        old->rel.id = old->id;
        rd->last = old;
        return 0;
    }
    if (vn_grow((void **)&rs->r, &rs->cap, rs->n + 1, sizeof *rs->r)) {
        rule_clear(&nr);
        return VNNER_ENOMEM;
    }
    rs->r[rs->n] = nr;
    rs->r[rs->n].rel.id = rs->r[rs->n].id;
    rd->last = &rs->r[rs->n++];
    return 0;
}

/* define NAME = PATTERN: checked now, expanded where $NAME is used. */
static int add_define(reader *rd, const char *line)
{
    vn_rules *rs = rd->rs;
    const char *p = line + 7;
    while (*p == ' ')
        p++;
    size_t n = 0;
    while ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '_')
        n++;
    const char *eq = p + n;
    while (*eq == ' ')
        eq++;
    if (!n || *eq != '=')
        return form_error(rd, (size_t)(p - line) + 1, "expected 'define NAME = PATTERN' (NAME in capitals)", NULL);
    const char *body = eq + 1;
    vn_compiled c;
    char msg[200];
    size_t col = 0;
    vn_pat_env env = {.define = find_define, .ctx = rs, .relations = 1, .gaz = rs->gaz};
    int rc = vn_pattern_compile(&c, body, &env, &col, msg, sizeof msg);
    vn_compiled_free(&c);
    if (rc == VNNER_EPATTERN) {
        size_t fl, fc;
        file_pos(rd, (size_t)(body - line) + col, &fl, &fc);
        vn_set_error(rd->err, rc, -1, "%s:%zu:%zu: define %.*s: %s", rd->path, fl, fc, (int)n, p, msg);
        return rc;
    }
    if (rc)
        return rc;
    if (vn_grow((void **)&rs->d, &rs->dcap, rs->nd + 1, sizeof *rs->d))
        return VNNER_ENOMEM;
    rs->d[rs->nd].name = vn_strndup(p, n);
    rs->d[rs->nd].body = vn_strdup(body);
    if (!rs->d[rs->nd].name || !rs->d[rs->nd].body) {
        free(rs->d[rs->nd].name);
        free(rs->d[rs->nd].body);
        return VNNER_ENOMEM;
    }
    rs->nd++;
    return 0;
}

/* "\n" in an example stands for a line break (a byline under the text). */
static void unescape_newlines(char *s)
{
    char *o = s;
    for (; *s; s++)
        if (s[0] == '\\' && s[1] == 'n')
            *o++ = '\n', s++;
        else
            *o++ = *s;
    *o = 0;
}

/* example: TEXT, then expect: WHAT, under the rule they test. */
static int add_example(reader *rd, const char *kw, const char *val)
{
    rule *ru = rd->last;
    if (!ru)
        return form_error(rd, 1, "'%s' before any rule", kw);
    if (!strcmp(kw, "example")) {
        if (vn_grow((void **)&ru->ex, &ru->excap, ru->nex + 1, sizeof *ru->ex))
            return VNNER_ENOMEM;
        rule_example *e = &ru->ex[ru->nex];
        memset(e, 0, sizeof *e);
        snprintf(rd->where, sizeof rd->where, "%s:%zu", rd->path, rd->lineno);
        if ((e->text = vn_strdup(val)))
            unescape_newlines(e->text);
        e->src = vn_strdup(rd->where);
        ru->nex++;
        return e->text && e->src ? 0 : VNNER_ENOMEM;
    }
    if (!ru->nex || ru->ex[ru->nex - 1].expect)
        return form_error(rd, 1, "'expect:' must follow an 'example:'", NULL);
    return (ru->ex[ru->nex - 1].expect = vn_strdup(val)) ? 0 : VNNER_ENOMEM;
}

static int read_line(reader *rd, char *p)
{
    if (!strncmp(p, "phase ", 6)) {
        if (!strcmp(p + 6, "entities") || !strcmp(p + 6, "relations")) {
            rd->phase = p[6] == 'r';
            rd->last = NULL;
            return 0;
        }
        return form_error(rd, 7, "unknown phase '%s' (entities, relations)", p + 6);
    }
    if (!strncmp(p, "define ", 7))
        return add_define(rd, p);
    if (!strncmp(p, "rule ", 5))
        return add_rule(rd, p, 0);
    if (!strncmp(p, "relation ", 9))
        return add_rule(rd, p, 1);
    if (!strncmp(p, "drop ", 5)) {
        rule *ru = find_rule(rd->rs, p + 5);
        if (!ru)
            return form_error(rd, 6, "drop: no rule '%s' is loaded", p + 5);
        drop_rule(rd->rs, ru);
        rd->last = NULL;
        return 0;
    }
    if (!strncmp(p, "example:", 8) || !strncmp(p, "expect:", 7)) {
        int ex = p[1] == 'x' && p[2] == 'a';
        const char *v = p + (ex ? 8 : 7);
        while (*v == ' ')
            v++;
        return add_example(rd, ex ? "example" : "expect", v);
    }
    return form_error(rd, 1, "a line must start with phase, define, rule, relation, drop, example:, expect: or #", NULL);
}

/* Joins indented continuation lines to the line before (not example lines). */
int vn_rules_load_file(vn_rules *rs, const char *path, vnner_error *err)
{
    FILE *fp;
    int orc = vn_open_regular(&fp, path, err); /* a FIFO named a.rules would hang, a folder is no file */
    if (orc)
        return orc;
    reader rd = {.rs = rs, .path = path, .err = err};
    char *line = NULL;
    size_t cap = 0, start = 0;
    vn_buf cur = {0};
    ssize_t n;
    int rc = 0;
    for (;;) {
        n = getline(&line, &cap, fp);
        if ((n < 0 && !feof(fp) && !ferror(fp)) || cur.failed) { /* getline or the joined rule out of memory: not the end */
            rc = VNNER_ENOMEM;
            break;
        }
        if (n >= 0) {
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
                line[--n] = 0;
            char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            rd.lineno++;
            if (!*p || *p == '#')
                continue;
            int example = !strncmp(p, "example:", 8) || !strncmp(p, "expect:", 7);
            if (p != line && !example && cur.len) { /* a continuation */
                vn_buf_putc(&cur, ' ');
                if (rd.nseg < 64) {
                    rd.seg_off[rd.nseg] = cur.len;
                    rd.seg_line[rd.nseg] = rd.lineno;
                    rd.seg_col[rd.nseg++] = (size_t)(p - line) + 1;
                }
                vn_buf_puts(&cur, p);
                continue;
            }
            if (cur.len) {
                size_t keep = rd.lineno;
                rd.lineno = start;
                rd.joined = cur.p;
                rc = cur.failed ? VNNER_ENOMEM : read_line(&rd, cur.p);
                rd.joined = NULL;
                rd.lineno = keep;
                cur.len = 0;
                if (rc)
                    break;
            }
            rd.nseg = 0;
            if (example) {
                if ((rc = read_line(&rd, p)))
                    break;
                continue;
            }
            start = rd.lineno;
            rd.seg_off[0] = 0;
            rd.seg_line[0] = rd.lineno;
            rd.seg_col[0] = (size_t)(p - line) + 1;
            rd.nseg = 1;
            vn_buf_puts(&cur, p);
            continue;
        }
        if (cur.len && !rc) {
            rd.lineno = start;
            rd.joined = cur.p;
            rc = cur.failed ? VNNER_ENOMEM : read_line(&rd, cur.p);
        }
        break;
    }
    if (!rc && ferror(fp)) {
        vn_set_error(err, VNNER_EIO, -1, "%s: cannot read: %s", path, strerror(errno));
        rc = VNNER_EIO;
    }
    vn_buf_free(&cur);
    free(line);
    fclose(fp);
    return rc;
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int vn_rules_load_dir(vn_rules *rs, const char *dir, vnner_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        vn_set_error(err, VNNER_ENOTFOUND, -1, "%s: cannot open rules folder: %s", dir, strerror(errno));
        return VNNER_ENOTFOUND;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l <= 6 || strcmp(de->d_name + l - 6, ".rules") != 0)
            continue;
        if (vn_grow((void **)&names, &cap, n + 1, sizeof *names) || !(names[n] = vn_strdup(de->d_name))) {
            rc = VNNER_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (!rc)
            rc = vn_rules_load_file(rs, path, err);
        free(names[i]);
    }
    free(names);
    return rc;
}
