/* Pattern rules: PCRE2 patterns (JIT-compiled once) run over the tag string,
 * one symbol per token, so that a rule combines gazetteer classes, shapes and
 * cue words.  Named groups mark nested entities.  A rule is tried only when a
 * symbol it can start with occurs in the document. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <string.h>
#include "rules/rules.h"
#include "util/buf.h"

typedef struct rule {
    char *id;
    int type;           /* vnner_type, VN_T_NONE, or -1 for groups only */
    int prio;
    pcre2_code *code;
    uint8_t start[32];  /* symbols a match can start with (bitmap) */
    int any_start;      /* no start information: always tried */
    int ngroups;
    struct { int num; int type; } *groups;
} rule;

typedef struct def {
    char *name, *body;
} def;

struct vn_rules {
    rule *r;
    size_t n, cap;
    def *d;
    size_t nd, dcap;
    pcre2_match_context *mctx;
    uint32_t max_ov;
};

static const char *const type_names[VNNER_NTYPES] = {"PERSON", "POSITION", "BODY", "EVENT", "PLACE", "DATE"};

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
    r->mctx = pcre2_match_context_create(NULL);
    if (!r->mctx) {
        free(r);
        return VNNER_ENOMEM;
    }
    /* bounded work per match, whatever the input */
    pcre2_set_match_limit(r->mctx, 1000000);
    pcre2_set_depth_limit(r->mctx, 10000);
    *out = r;
    return 0;
}

void vn_rules_free(vn_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->r[i].id);
        free(r->r[i].groups);
        pcre2_code_free(r->r[i].code);
    }
    for (size_t i = 0; i < r->nd; i++) {
        free(r->d[i].name);
        free(r->d[i].body);
    }
    free(r->r);
    free(r->d);
    pcre2_match_context_free(r->mctx);
    free(r);
}

size_t vn_rules_count(const vn_rules *r) { return r->n; }

/* Replaces {NAME} with earlier definitions; other braces (quantifiers) stay. */
static char *expand(const vn_rules *r, const char *s)
{
    vn_buf b = {0};
    for (const char *p = s; *p;) {
        if (*p == '{' && ((p[1] >= 'A' && p[1] <= 'Z') || p[1] == '_')) {
            const char *e = strchr(p, '}');
            size_t n = e ? (size_t)(e - p - 1) : 0;
            const def *hit = NULL;
            for (size_t i = 0; e && i < r->nd; i++)
                if (strlen(r->d[i].name) == n && memcmp(r->d[i].name, p + 1, n) == 0)
                    hit = &r->d[i];
            if (hit) {
                vn_buf_puts(&b, "(?:");
                vn_buf_puts(&b, hit->body);
                vn_buf_putc(&b, ')');
                p = e + 1;
                continue;
            }
        }
        vn_buf_putc(&b, *p++);
    }
    return b.p ? b.p : vn_strdup("");
}

static int compile_rule(vn_rules *rs, rule *ru, const char *pat, const char *where, vnner_error *err)
{
    int ec;
    PCRE2_SIZE eo;
    ru->code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_DUPNAMES, &ec, &eo, NULL);
    if (!ru->code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        vn_set_error(err, VNNER_EPATTERN, -1, "%s: rule %s: %s at pattern offset %zu", where, ru->id,
                     (char *)msg, (size_t)eo);
        return VNNER_EPATTERN;
    }
    pcre2_jit_compile(ru->code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
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
        int t = type_from(name, strlen(name));
        if (t < 0 || t == VN_T_NONE) {
            vn_set_error(err, VNNER_EDATA, -1, "%s: rule %s: group name '%s' is not an entity type", where, ru->id, name);
            return VNNER_EDATA;
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

static int add_rule(vn_rules *rs, char *line, const char *where, vnner_error *err)
{
    /* rule ID TYPE PRIO [cue=SYMBOLS]: PATTERN */
    char *colon = strstr(line, ": ");
    char id[128], type[32], extra[64] = "";
    int prio;
    if (!colon || sscanf(line, "rule %127s %31s %d %63s", id, type, &prio, extra) < 3) {
        vn_set_error(err, VNNER_EDATA, -1, "%s: expected 'rule ID TYPE PRIORITY: PATTERN'", where);
        return VNNER_EDATA;
    }
    char *c = strchr(type, ':');
    if (c)
        *c = 0;
    int t = type_from(type, strlen(type));
    if (t == -2) {
        vn_set_error(err, VNNER_EDATA, -1, "%s: unknown entity type '%s'", where, type);
        return VNNER_EDATA;
    }
    if (vn_grow((void **)&rs->r, &rs->cap, rs->n + 1, sizeof *rs->r))
        return VNNER_ENOMEM;
    rule *ru = &rs->r[rs->n];
    memset(ru, 0, sizeof *ru);
    ru->id = vn_strdup(id);
    ru->type = t;
    ru->prio = prio;
    char *pat = expand(rs, colon + 2);
    int rc = ru->id && pat ? compile_rule(rs, ru, pat, where, err) : VNNER_ENOMEM;
    free(pat);
    if (!rc && strncmp(extra, "cue=", 4) == 0) {
        memset(ru->start, 0, sizeof ru->start);
        ru->any_start = 0;
        for (char *p = extra + 4; *p && *p != ':'; p++)
            ru->start[(unsigned char)*p >> 3] |= (uint8_t)(1u << (*p & 7));
    }
    rs->n++; /* kept even on failure so that vn_rules_free releases it */
    return rc;
}

static int add_define(vn_rules *rs, const char *line, const char *where, vnner_error *err)
{
    char name[64];
    int off = 0;
    if (sscanf(line, "define %63s %n", name, &off) < 1 || !off) {
        vn_set_error(err, VNNER_EDATA, -1, "%s: expected 'define NAME PATTERN'", where);
        return VNNER_EDATA;
    }
    if (vn_grow((void **)&rs->d, &rs->dcap, rs->nd + 1, sizeof *rs->d))
        return VNNER_ENOMEM;
    rs->d[rs->nd].name = vn_strdup(name);
    rs->d[rs->nd].body = expand(rs, line + off);
    rs->nd++;
    return 0;
}

int vn_rules_load_file(vn_rules *rs, const char *path, vnner_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        vn_set_error(err, VNNER_EIO, -1, "%s: cannot open: %s", path, strerror(errno));
        return VNNER_EIO;
    }
    char *line = NULL, where[4200];
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        snprintf(where, sizeof where, "%s:%zu", path, lineno);
        if (strncmp(p, "define ", 7) == 0)
            rc = add_define(rs, p, where, err);
        else if (strncmp(p, "rule ", 5) == 0)
            rc = add_rule(rs, p, where, err);
        else {
            vn_set_error(err, VNNER_EDATA, -1, "%s: a line must start with 'rule', 'define' or '#'", where);
            rc = VNNER_EDATA;
        }
    }
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
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256) {
        size_t l = strlen(de->d_name);
        if (l > 6 && strcmp(de->d_name + l - 6, ".rules") == 0)
            names[n++] = vn_strdup(de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (!rc)
            rc = vn_rules_load_file(rs, path, err);
        free(names[i]);
    }
    return rc;
}

/* ---- applying ---------------------------------------------------------- */

static int run_rule(vn_cands *out, const vn_view *v, const vn_rules *rs, size_t ri, pcre2_match_data *md)
{
    const rule *ru = &rs->r[ri];
    PCRE2_SIZE n = v->tk->n, off = 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    vn_cand_ent ents[64];
    while (off < n) {
        int rc = pcre2_match(ru->code, (PCRE2_SPTR)v->tags->sym, n, off, 0, md, rs->mctx);
        if (rc < 0)
            return rc == PCRE2_ERROR_NOMATCH ? 0 : rc;
        PCRE2_SIZE s = ov[0], e = ov[1];
        if (e <= s) {
            off = s + 1;
            continue;
        }
        uint32_t ne = 0;
        if (ru->type != -1)
            ents[ne++] = (vn_cand_ent){(uint32_t)s, (uint32_t)e, (uint8_t)ru->type};
        for (int g = 0; g < ru->ngroups && ne < 64; g++) {
            PCRE2_SIZE gs = ov[2 * ru->groups[g].num], ge = ov[2 * ru->groups[g].num + 1];
            if (gs != PCRE2_UNSET && ge > gs)
                ents[ne++] = (vn_cand_ent){(uint32_t)gs, (uint32_t)ge, (uint8_t)ru->groups[g].type};
        }
        uint8_t layer = ru->type == VNNER_EVENT ? 1 : 0;
        if (vn_cand_push(out, (uint32_t)s, (uint32_t)e, ru->prio, (int)ri, ru->id, layer, ents, ne))
            return VNNER_ENOMEM;
        off = e;
    }
    return 0;
}

int vn_rules_apply(vn_cands *out, const vn_rules *rs, const vn_view *v)
{
    uint8_t present[32] = {0};
    out->n = out->nents = 0;
    for (size_t i = 0; i < v->tk->n; i++) {
        unsigned char c = (unsigned char)v->tags->sym[i];
        present[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    pcre2_match_data *md = pcre2_match_data_create(rs->max_ov + 1, NULL);
    if (!md)
        return VNNER_ENOMEM;
    int rc = 0;
    for (size_t ri = 0; ri < rs->n && !rc; ri++) {
        const rule *ru = &rs->r[ri];
        int hit = ru->any_start;
        for (int k = 0; k < 32 && !hit; k++)
            hit = (ru->start[k] & present[k]) != 0;
        if (hit)
            rc = run_rule(out, v, rs, ri, md);
    }
    pcre2_match_data_free(md);
    return rc == VNNER_ENOMEM ? rc : 0; /* a match limit hit only loses that rule's later matches */
}
