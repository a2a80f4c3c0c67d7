/* Gazetteer: TSV lists loaded into a trie over interned syllables, so that a
 * lookup costs one hash probe per syllable and never scans the lists; and the
 * tagging stage that turns a document's tokens into rule-visible symbols. */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include "internal.h"

static const struct {
    const char *name;
    char sym;
} classes[VN_NCLASSES] = {
    [VN_C_NEGATIVE] = {"NEGATIVE", 'X'},     [VN_C_TITLE_ALONE] = {"TITLE_ALONE", 'A'},
    [VN_C_TITLE] = {"TITLE", 'T'},           [VN_C_BODY] = {"BODY", 'B'},
    [VN_C_BODY_AREA] = {"BODY_AREA", 'B'},
    [VN_C_BODY_LOCAL] = {"BODY_LOCAL", 'O'}, [VN_C_SUBBODY] = {"SUBBODY", 'U'},
    [VN_C_BODY_WEAK] = {"BODY_WEAK", 'W'},   [VN_C_BODY_HEAD] = {"BODY_HEAD", 'G'},   [VN_C_PLACE] = {"PLACE", 'P'},
    [VN_C_LEVEL] = {"LEVEL", 'L'},           [VN_C_LEVEL_LOCAL] = {"LEVEL_LOCAL", 'l'},
    [VN_C_MIDDLE_NAME] = {"MIDDLE_NAME", 'F'},           [VN_C_SURNAME] = {"SURNAME", 'S'},
    [VN_C_HONORIFIC] = {"HONORIFIC", 'H'},   [VN_C_RANK] = {"RANK", 'K'},
    [VN_C_EVENT_HEAD] = {"EVENT_HEAD", 'E'}, [VN_C_DATE_PREFIX] = {"DATE_PREFIX", 'M'},
    [VN_C_MONTH_WORD] = {"MONTH_WORD", 'n'}, [VN_C_YEAR_WORD] = {"YEAR_WORD", 'y'},
    [VN_C_REL_DAY] = {"REL_DAY", 'r'},       [VN_C_TERM_WORD] = {"TERM_WORD", 'Z'},
    [VN_C_PERIOD_WORD] = {"PERIOD_WORD", 'z'}, [VN_C_OF] = {"OF", 'c'},
    [VN_C_AT] = {"AT", 'a'},                 [VN_C_QUALIFIER] = {"QUALIFIER", 'q'},
    [VN_C_ORDINAL] = {"ORDINAL", 'o'},       [VN_C_STOP] = {"STOP", 'v'},
    [VN_C_ROLE] = {"ROLE", 'v'},             [VN_C_POST_START] = {"POST_START", 'v'},
    [VN_C_POST_END] = {"POST_END", 'v'},     [VN_C_ELECT] = {"ELECT", 'v'},
    [VN_C_AWARD_GIVE] = {"AWARD_GIVE", 'v'}, [VN_C_AWARD_GET] = {"AWARD_GET", 'v'},
    [VN_C_AWARD] = {"AWARD", 'v'},           [VN_C_TOWARD] = {"TOWARD", 'v'},
    [VN_C_WORD] = {"WORD", 'w'},
    [VN_C_ABBR] = {"ABBR", 0},
};

const char *vn_class_name(vn_class c) { return c < VN_NCLASSES ? classes[c].name : "?"; }
char vn_class_sym(vn_class c) { return c < VN_NCLASSES ? classes[c].sym : 0; }

int vn_class_from_name(const char *s, size_t n)
{
    for (int i = 0; i < VN_NCLASSES; i++)
        if (strlen(classes[i].name) == n && memcmp(classes[i].name, s, n) == 0)
            return i;
    return -1;
}

/* Cue words are read as cues only in lower case or at a sentence start. */
static int is_cue_class(int c)
{
    return c == VN_C_HONORIFIC || (c >= VN_C_DATE_PREFIX && c != VN_C_AWARD);
}

typedef struct slot {
    uint64_t key;   /* syllable: hash; edge: node<<32|syl */
    uint32_t val;   /* syllable id / child node; 0 = empty */
    uint32_t aux;   /* syllable: offset of the string in the arena */
} slot;

typedef struct table {
    slot *s;
    size_t cap, n;  /* cap is a power of two */
} table;

struct vn_gaz {
    table syl, edge;
    vn_buf sylstr;          /* NUL-separated syllable strings */
    uint32_t nsyl, nnode;
    uint32_t *node_entry;   /* per node: first entry index+1 */
    size_t node_cap;
    vn_entry *ent;
    size_t nent, ent_cap;
    char **strs;            /* owned strings of entries */
    size_t nstr, str_cap;
    vn_text scratch_t;      /* reused while loading: no allocation per entry */
    vn_tokens scratch_tk;
    size_t count[VN_NCLASSES];
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h | 1;
}

static uint64_t mix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
}

static int table_grow(table *t)
{
    size_t nc = t->cap ? t->cap * 2 : 1024;
    slot *ns = calloc(nc, sizeof *ns);
    if (!ns)
        return VNNER_ENOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->s[i].val)
            continue;
        size_t j = mix(t->s[i].key) & (nc - 1);
        while (ns[j].val)
            j = (j + 1) & (nc - 1);
        ns[j] = t->s[i];
    }
    free(t->s);
    t->s = ns;
    t->cap = nc;
    return 0;
}

int vn_gaz_new(vn_gaz **out)
{
    vn_gaz *g = calloc(1, sizeof *g);
    *out = NULL;
    if (!g || table_grow(&g->syl) || table_grow(&g->edge) || vn_buf_putc(&g->sylstr, 0)) {
        vn_gaz_free(g);
        return VNNER_ENOMEM;
    }
    g->nnode = 1; /* node 1 is the root; 0 means none */
    if (vn_grow((void **)&g->node_entry, &g->node_cap, 2, sizeof(uint32_t))) {
        vn_gaz_free(g);
        return VNNER_ENOMEM;
    }
    g->node_entry[0] = g->node_entry[1] = 0;
    *out = g;
    return 0;
}

void vn_gaz_free(vn_gaz *g)
{
    if (!g)
        return;
    free(g->syl.s);
    free(g->edge.s);
    vn_buf_free(&g->sylstr);
    free(g->node_entry);
    free(g->ent);
    for (size_t i = 0; i < g->nstr; i++)
        free(g->strs[i]);
    free(g->strs);
    vn_text_free(&g->scratch_t);
    vn_tokens_free(&g->scratch_tk);
    free(g);
}

uint32_t vn_gaz_syllable(const vn_gaz *g, const char *s, size_t n)
{
    uint64_t h = hash_bytes(s, n);
    size_t j = mix(h) & (g->syl.cap - 1);
    while (g->syl.s[j].val) {
        const slot *sl = &g->syl.s[j];
        if (sl->key == h) {
            const char *p = g->sylstr.p + sl->aux;
            if (strncmp(p, s, n) == 0 && p[n] == 0)
                return sl->val;
        }
        j = (j + 1) & (g->syl.cap - 1);
    }
    return 0;
}

static int intern(vn_gaz *g, const char *s, size_t n, uint32_t *id)
{
    if ((*id = vn_gaz_syllable(g, s, n)))
        return 0;
    if ((g->syl.n + 1) * 2 > g->syl.cap && table_grow(&g->syl))
        return VNNER_ENOMEM;
    uint32_t off = (uint32_t)g->sylstr.len;
    if (vn_buf_add(&g->sylstr, s, n) || vn_buf_putc(&g->sylstr, 0))
        return VNNER_ENOMEM;
    uint64_t h = hash_bytes(s, n);
    size_t j = mix(h) & (g->syl.cap - 1);
    while (g->syl.s[j].val)
        j = (j + 1) & (g->syl.cap - 1);
    g->syl.s[j] = (slot){h, ++g->nsyl, off};
    g->syl.n++;
    *id = g->nsyl;
    return 0;
}

uint32_t vn_gaz_step(const vn_gaz *g, uint32_t node, uint32_t syl)
{
    uint64_t k = ((uint64_t)node << 32) | syl;
    size_t j = mix(k) & (g->edge.cap - 1);
    while (g->edge.s[j].val) {
        if (g->edge.s[j].key == k)
            return g->edge.s[j].val;
        j = (j + 1) & (g->edge.cap - 1);
    }
    return 0;
}

static int step_or_add(vn_gaz *g, uint32_t node, uint32_t syl, uint32_t *child)
{
    if ((*child = vn_gaz_step(g, node, syl)))
        return 0;
    if ((g->edge.n + 1) * 2 > g->edge.cap && table_grow(&g->edge))
        return VNNER_ENOMEM;
    if (vn_grow((void **)&g->node_entry, &g->node_cap, (size_t)g->nnode + 2, sizeof(uint32_t)))
        return VNNER_ENOMEM;
    uint32_t c = ++g->nnode;
    g->node_entry[c] = 0;
    uint64_t k = ((uint64_t)node << 32) | syl;
    size_t j = mix(k) & (g->edge.cap - 1);
    while (g->edge.s[j].val)
        j = (j + 1) & (g->edge.cap - 1);
    g->edge.s[j] = (slot){k, c, 0};
    g->edge.n++;
    *child = c;
    return 0;
}

uint32_t vn_gaz_entries(const vn_gaz *g, uint32_t node) { return g->node_entry[node]; }
const vn_entry *vn_gaz_entry(const vn_gaz *g, uint32_t idx1) { return idx1 ? &g->ent[idx1 - 1] : NULL; }

size_t vn_gaz_count(const vn_gaz *g, int cls)
{
    if (cls >= 0)
        return cls < VN_NCLASSES ? g->count[cls] : 0;
    return g->nent;
}

static const char *keep(vn_gaz *g, const char *s)
{
    if (!s || !*s)
        return NULL;
    if (vn_grow((void **)&g->strs, &g->str_cap, g->nstr + 1, sizeof *g->strs))
        return NULL;
    char *d = vn_strdup(s);
    if (d)
        g->strs[g->nstr++] = d;
    return d;
}

int vn_gaz_add(vn_gaz *g, const char *surface, const char *canonical, vn_class cls,
               const char *from, const char *to, const char *src)
{
    vn_text t = g->scratch_t;
    vn_tokens tk = g->scratch_tk;
    int rc = VNNER_EDATA;
    if (vn_text_normalize(&t, surface, strlen(surface), NULL) || vn_tokenize(&tk, &t))
        goto cleanup;
    uint32_t node = 1;
    uint16_t ntok = 0;
    for (size_t i = 0; i < tk.n; i++) {
        if (tk.v[i].kind == VN_TK_NEWLINE)
            continue;
        uint32_t syl;
        rc = intern(g, t.norm + tk.v[i].ns, tk.v[i].ne - tk.v[i].ns, &syl);
        if (rc || (rc = step_or_add(g, node, syl, &node)))
            goto cleanup;
        ntok++;
    }
    rc = VNNER_EDATA;
    if (!ntok)
        goto cleanup;
    rc = VNNER_ENOMEM;
    if (vn_grow((void **)&g->ent, &g->ent_cap, g->nent + 1, sizeof *g->ent))
        goto cleanup;
    vn_entry *e = &g->ent[g->nent];
    memset(e, 0, sizeof *e);
    e->surface = keep(g, surface);
    e->canonical = keep(g, canonical && *canonical ? canonical : surface);
    e->valid_from = keep(g, from);
    e->valid_to = keep(g, to);
    e->src = keep(g, src);
    e->cls = (uint8_t)cls;
    e->ntok = ntok;
    e->caps = tk.n && tk.v[0].shape == VN_SH_ALLCAPS;
    e->foreign = cls == VN_C_PLACE && src && strncmp(src, "countries", 9) == 0;
    /* append to the node's chain so that file order is kept */
    uint32_t *link = &g->node_entry[node];
    while (*link)
        link = &g->ent[*link - 1].next;
    g->nent++;
    *link = (uint32_t)g->nent;
    g->count[cls]++;
    rc = 0;
cleanup:
    g->scratch_t = t; /* keep the grown buffers for the next entry */
    g->scratch_tk = tk;
    return rc;
}

static int valid_date_field(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return 1;
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    }
    return 1;
}

static const char HEADER[] = "surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote";

static int load_line(vn_gaz *g, char *line, const char *path, size_t lineno, vnner_error *err)
{
    char *f[7];
    int nf = 0;
    f[nf++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = 0;
            if (nf == 7)
                break;
            f[nf++] = p + 1;
        }
    if (nf < 5 || nf > 6) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: expected 6 tab-separated columns, found %d", path, lineno, nf);
        return VNNER_EDATA;
    }
    int cls = vn_class_from_name(f[2], strlen(f[2]));
    if (cls < 0) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: unknown class '%s'", path, lineno, f[2]);
        return VNNER_EDATA;
    }
    if (!valid_date_field(f[3]) || !valid_date_field(f[4])) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: dates must be YYYY, YYYY-MM or YYYY-MM-DD", path, lineno);
        return VNNER_EDATA;
    }
    if (!*f[0]) {
        vn_set_error(err, VNNER_EDATA, -1, "%s:%zu: empty surface", path, lineno);
        return VNNER_EDATA;
    }
    const char *base = strrchr(path, '/');
    char src[256];
    snprintf(src, sizeof src, "%s:%zu", base ? base + 1 : path, lineno);
    int rc = vn_gaz_add(g, f[0], f[1], (vn_class)cls, f[3], f[4], src);
    if (rc)
        vn_set_error(err, rc, -1, "%s:%zu: cannot add entry '%s'", path, lineno, f[0]);
    return rc;
}

int vn_gaz_load_file(vn_gaz *g, const char *path, vnner_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        vn_set_error(err, VNNER_EIO, -1, "%s: cannot open: %s", path, strerror(errno));
        return VNNER_EIO;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (lineno == 1) {
            if (strcmp(line, HEADER) != 0) {
                vn_set_error(err, VNNER_EDATA, -1, "%s:1: header must be '%s'", path,
                             "surface<TAB>canonical<TAB>class<TAB>valid_from<TAB>valid_to<TAB>note");
                rc = VNNER_EDATA;
                break;
            }
            continue;
        }
        if (n == 0 || line[0] == '#')
            continue;
        if ((rc = load_line(g, line, path, lineno, err)))
            break;
    }
    free(line);
    fclose(fp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int vn_gaz_load_dir(vn_gaz *g, const char *dir, vnner_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        vn_set_error(err, VNNER_ENOTFOUND, -1, "%s: cannot open gazetteer folder: %s", dir, strerror(errno));
        return VNNER_ENOTFOUND;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tsv") != 0)
            continue;
        if (vn_grow((void **)&names, &cap, n + 1, sizeof *names) || !(names[n] = vn_strdup(de->d_name))) {
            rc = VNNER_ENOMEM;
            goto cleanup;
        }
        n++;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && !rc; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        rc = vn_gaz_load_file(g, path, err);
    }
cleanup:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

/* ---- matching ---------------------------------------------------------- */

/* Whether entry E may match at token K of the document, LAST being its last
 * token: names must be capitalised (a place on its last word, so that
 * "thành phố Hồ Chí Minh" is one). */
/* A capitalised cue word counts as a cue at a sentence start, after an
 * outlet tag or a colon ("TTO - Sáng 4-6", "Hà Nội: Chiều qua"), and for a
 * date prefix right before a number ("Theo đó, Sáng 4-6"). */
static int cue_position(const vn_token *k, const vn_token *first, const char *norm)
{
    if (k->flags & VN_TF_SENT_START)
        return 1;
    if (k > first) {
        const vn_token *p = k - 1;
        char c = p->kind == VN_TK_PUNCT ? norm[p->ns] : 0;
        if (c == '-' || c == ':' || c == '(' || c == ')' || c == '"')
            return 1;
    }
    return 0;
}

static int entry_ok(const vn_entry *e, const vn_token *k, const vn_token *last)
{
    if (e->cls == VN_C_ABBR || (e->caps && k->shape != VN_SH_ALLCAPS))
        return 0;
    if ((e->cls == VN_C_SURNAME || e->cls == VN_C_MIDDLE_NAME || e->cls == VN_C_BODY_HEAD) && k->shape == VN_SH_LOWER)
        return 0; /* names, and heads of unlisted bodies (Phòng X), are capitalised */
    if (e->cls == VN_C_PLACE && (last ? last : k)->shape == VN_SH_LOWER)
        return 0;
    if (is_cue_class(e->cls) && k->shape != VN_SH_LOWER && !(k->flags & VN_TF_SENT_START) &&
        !(k->flags & VN_TF_CLAUSE_START) && !(e->cls == VN_C_DATE_PREFIX && (k->flags & VN_TF_BEFORE_NUM)))
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
    vnner_doc *d;
    pmatch *pool;
    size_t npool, pool_cap;
    uint32_t *off;     /* per token: first match in pool */
    uint8_t *cnt;      /* per token: number of matches (shortest first) */
    uint8_t *body_ok;  /* per token: a body-ish entry that may match here starts here */
} tagger;

static int collect_matches(tagger *tg, size_t i)
{
    vnner_doc *d = tg->d;
    const vn_gaz *g = d->model->gaz;
    const vn_token *tk = d->tk.v;
    uint32_t node = 1;
    uint64_t mask = 0;
    tg->off[i] = (uint32_t)tg->npool;
    tg->cnt[i] = 0;
    tg->body_ok[i] = 0;
    for (size_t j = i; j < d->tk.n && tk[j].syl; j++) {
        if (!(node = vn_gaz_step(g, node, tk[j].syl)))
            break;
        uint32_t best = 0, body = 0;
        for (uint32_t e = g->node_entry[node]; e; e = g->ent[e - 1].next) {
            const vn_entry *en = &g->ent[e - 1];
            mask |= 1ull << en->cls;
            if (!entry_ok(en, &tk[i], &tk[j]))
                continue;
            if (is_bodyish(en->cls))
                tg->body_ok[i] = 1;
            if ((en->cls == VN_C_BODY || en->cls == VN_C_BODY_AREA) && !body)
                body = e;
            if (!best || en->cls < g->ent[best - 1].cls)
                best = e;
        }
        if (!best || tg->cnt[i] == 255)
            continue;
        if (vn_grow((void **)&tg->pool, &tg->pool_cap, tg->npool + 1, sizeof *tg->pool))
            return VNNER_ENOMEM;
        tg->pool[tg->npool++] = (pmatch){best, body, (uint16_t)(j - i + 1)};
        tg->cnt[i]++;
    }
    d->cls_at[i] = mask;
    return 0;
}

/* Whether the token before I ends a TITLE match. */
static int prev_is_title(const vnner_doc *d, size_t i)
{
    size_t j = i;
    while (j > 0 && d->tags[j - 1] == '_')
        j--;
    return j > 0 && d->tags[j - 1] == 'T';
}

/* Longest match at I, unless a body starting inside it runs past its end and a
 * shorter match at I ends where that body starts ("Trưởng | Ban Tổ chức ...");
 * a body right after the longest match keeps it ("Trưởng đoàn | ĐBQH"). */
static void choose(const tagger *tg, size_t i, vn_gmatch *out)
{
    const vnner_doc *d = tg->d;
    const vn_gaz *g = d->model->gaz;
    int n = tg->cnt[i];
    out->len = 0;
    out->entry = 0;
    if (!n)
        return;
    const pmatch *m = tg->pool + tg->off[i];
    int best = n - 1;
    size_t end = i + m[best].len;
    if (end < d->tk.n && tg->body_ok[end])
        end = i;
    for (size_t j = i + 1; j < end; j++) {
        int nj = tg->cnt[j];
        if (!nj)
            continue;
        const pmatch *lj = &tg->pool[tg->off[j] + (size_t)nj - 1];
        if (j + lj->len <= end || !is_bodyish(g->ent[lj->entry - 1].cls))
            continue;
        for (int k = 0; k < n; k++)
            if (i + m[k].len == j) {
                best = k;
                break;
            }
        break;
    }
    out->len = m[best].len;
    out->entry = prev_is_title(d, i) && m[best].body_entry ? m[best].body_entry : m[best].entry;
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
                return 'N';
            sep = s[i];
            np++;
        }
    }
    np++;
    if (np == 1)
        return digits[0] == 4 && part[0] >= 1900 && part[0] <= 2100 ? 'Y' : 'N';
    if (sep == ',')
        return 'N';
    if (np == 3 && digits[2] == 4 && vn_date_valid((int)part[2], (int)part[1], (int)part[0]))
        return 'D';
    if (np == 3 && sep == '-' && digits[0] == 4 && digits[2] <= 2 && vn_date_valid((int)part[0], (int)part[1], (int)part[2]))
        return 'D'; /* ISO 8601 */
    if (np == 2 && sep != '.') {
        if (digits[0] == 4 && digits[1] == 4 && sep == '-' && part[1] > part[0] && part[0] >= 1900)
            return 'I';
        if (digits[1] == 4 && part[0] >= 1 && part[0] <= 12 && part[1] >= 1900 && part[1] <= 2100)
            return 'm';
        if (digits[1] <= 2 && vn_date_valid(2000, (int)part[1], (int)part[0]))
            return 'd';
    }
    return 'N';
}

static char shape_sym(const vnner_doc *d, const vn_token *k)
{
    const char *s = d->text.norm + k->ns;
    size_t n = k->ne - k->ns;
    switch (k->kind) {
    case VN_TK_NEWLINE:
        return '|';
    case VN_TK_NUM:
        return number_sym(s, n);
    case VN_TK_PUNCT:
        return n == 1 && strchr(",;:.-()\"'/&!?", s[0]) ? s[0] : '#';
    }
    if (k->shape != VN_SH_LOWER && valid_roman(s, n) && (k->shape == VN_SH_ALLCAPS || n == 1))
        return 'R';
    if (k->shape == VN_SH_ALLCAPS)
        return 'J';
    return k->shape == VN_SH_CAP ? 'C' : 'w';
}

int vn_gaz_tag(vnner_doc *d)
{
    const vn_gaz *g = d->model->gaz;
    size_t n = d->tk.n;
    tagger tg;
    memset(&tg, 0, sizeof tg);
    tg.d = d;
    int rc = VNNER_ENOMEM;
    if (vn_grow((void **)&d->gm, &d->gm_cap, n + 1, sizeof *d->gm) ||
        vn_grow((void **)&d->tags, &d->tags_cap, n + 1, 1) ||
        vn_grow((void **)&d->cls_at, &d->cls_cap, n + 1, sizeof *d->cls_at))
        return VNNER_ENOMEM;
    tg.off = malloc((n + 1) * sizeof *tg.off);
    tg.cnt = calloc(n + 1, 1);
    tg.body_ok = calloc(n + 1, 1);
    if (!tg.off || !tg.cnt || !tg.body_ok)
        goto cleanup;
    d->cls_at[n] = 0;
    for (size_t i = 0; i < n; i++) {
        vn_token *k = &d->tk.v[i];
        k->syl = k->kind == VN_TK_NEWLINE ? 0 : vn_gaz_syllable(g, d->text.norm + k->ns, k->ne - k->ns);
        if (cue_position(k, d->tk.v, d->text.norm))
            k->flags |= VN_TF_CLAUSE_START;
        if (i + 1 < n && d->tk.v[i + 1].kind == VN_TK_NUM)
            k->flags |= VN_TF_BEFORE_NUM;
    }
    for (size_t i = 0; i < n; i++) {
        d->cls_at[i] = 0;
        tg.off[i] = (uint32_t)tg.npool;
        if (d->tk.v[i].syl && collect_matches(&tg, i))
            goto cleanup;
    }
    size_t cover = 0;
    for (size_t i = 0; i < n; i++) {
        vn_gmatch *m = &d->gm[i];
        m->len = 0;
        m->entry = 0;
        if (i < cover) {
            d->tags[i] = '_';
            continue;
        }
        choose(&tg, i, m);
        if (m->len) {
            d->tags[i] = vn_class_sym((vn_class)g->ent[m->entry - 1].cls);
            cover = i + m->len;
        } else {
            d->tags[i] = shape_sym(d, &d->tk.v[i]);
        }
    }
    for (size_t i = 0; i < n; i++)
        d->tk.v[i].sym = d->tags[i];
    d->tags[n] = 0;
    rc = 0;
cleanup:
    free(tg.pool);
    free(tg.off);
    free(tg.cnt);
    free(tg.body_ok);
    return rc;
}

/* ---- abbreviation expansion for queries and posts ----------------------- */

char *vn_gaz_expand(const vn_gaz *g, const char *s)
{
    vn_text t;
    vn_tokens tk;
    vn_buf b = {0};
    memset(&t, 0, sizeof t);
    memset(&tk, 0, sizeof tk);
    char *r = NULL;
    if (vn_text_normalize(&t, s, strlen(s), NULL) || vn_tokenize(&tk, &t))
        goto cleanup;
    for (size_t i = 0; i < tk.n;) {
        uint32_t node = 1, best = 0;
        size_t blen = 0;
        for (size_t j = i; j < tk.n; j++) {
            uint32_t syl = vn_gaz_syllable(g, t.norm + tk.v[j].ns, tk.v[j].ne - tk.v[j].ns);
            if (!syl || !(node = vn_gaz_step(g, node, syl)))
                break;
            for (uint32_t e = g->node_entry[node]; e; e = g->ent[e - 1].next)
                if (g->ent[e - 1].cls == VN_C_ABBR) {
                    best = e;
                    blen = j - i + 1;
                    break;
                }
        }
        if (b.len)
            vn_buf_putc(&b, ' ');
        if (best) {
            char *c = vn_normalize_str(g->ent[best - 1].canonical, strlen(g->ent[best - 1].canonical));
            if (c)
                vn_buf_puts(&b, c);
            free(c);
            i += blen;
        } else {
            vn_buf_add(&b, t.norm + tk.v[i].ns, tk.v[i].ne - tk.v[i].ns);
            i++;
        }
    }
    r = b.p ? b.p : vn_strdup("");
    b.p = NULL;
cleanup:
    vn_buf_free(&b);
    vn_tokens_free(&tk);
    vn_text_free(&t);
    return r;
}
