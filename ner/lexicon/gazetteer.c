/* Gazetteer: entries in a trie over interned syllables, so that a lookup
 * costs one hash probe per syllable and never scans the lists.  Loading the
 * TSV files is in load.c, tagging a document in tagger.c. */
#include <string.h>
#include "lexicon/gaz_impl.h"
#include "util/buf.h"
#include "util/hash.h"

/* Syllable keys are never 0: 0 marks an empty slot's key nowhere, but keeps
 * the hash of the empty string apart from "no key". */
static uint64_t syl_hash(const char *s, size_t n) { return vn_fnv1a(s, n) | 1; }

static int table_grow(table *t)
{
    size_t nc = t->cap ? t->cap * 2 : 1024;
    slot *ns = calloc(nc, sizeof *ns);
    if (!ns)
        return VNNER_ENOMEM;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->s[i].val)
            continue;
        size_t j = vn_mix64(t->s[i].key) & (nc - 1);
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
    if (g->map) { /* the tables are the image's */
        vn_gaz_unmap(g);
    } else {
        free(g->syl.s);
        free(g->edge.s);
        vn_buf_free(&g->sylstr);
        free(g->node_entry);
    }
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
    uint64_t h = syl_hash(s, n);
    size_t j = vn_mix64(h) & (g->syl.cap - 1);
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
    uint64_t h = syl_hash(s, n);
    size_t j = vn_mix64(h) & (g->syl.cap - 1);
    while (g->syl.s[j].val)
        j = (j + 1) & (g->syl.cap - 1);
    g->syl.s[j] = (slot){h, ++g->nsyl, off};
    g->syl.n++;
    *id = g->nsyl;
    return 0;
}

static uint32_t step(const vn_gaz *g, uint32_t node, uint32_t syl)
{
    uint64_t k = ((uint64_t)node << 32) | syl;
    size_t j = vn_mix64(k) & (g->edge.cap - 1);
    while (g->edge.s[j].val) {
        if (g->edge.s[j].key == k)
            return g->edge.s[j].val;
        j = (j + 1) & (g->edge.cap - 1);
    }
    return 0;
}

static int step_or_add(vn_gaz *g, uint32_t node, uint32_t syl, uint32_t *child)
{
    if ((*child = step(g, node, syl)))
        return 0;
    if ((g->edge.n + 1) * 2 > g->edge.cap && table_grow(&g->edge))
        return VNNER_ENOMEM;
    if (vn_grow((void **)&g->node_entry, &g->node_cap, (size_t)g->nnode + 2, sizeof(uint32_t)))
        return VNNER_ENOMEM;
    uint32_t c = ++g->nnode;
    g->node_entry[c] = 0;
    uint64_t k = ((uint64_t)node << 32) | syl;
    size_t j = vn_mix64(k) & (g->edge.cap - 1);
    while (g->edge.s[j].val)
        j = (j + 1) & (g->edge.cap - 1);
    g->edge.s[j] = (slot){k, c, 0};
    g->edge.n++;
    *child = c;
    return 0;
}

const vn_entry *vn_gaz_entry(const vn_gaz *g, uint32_t idx1) { return idx1 ? &g->ent[idx1 - 1] : NULL; }

uint32_t vn_gaz_class_lengths(const vn_gaz *g, int cls)
{
    return g && cls >= 0 && cls < VN_NCLASSES ? g->lengths[cls] : 0; /* kept as entries are added */
}

int vn_gaz_class_at(const vn_gaz *g, const uint32_t *syl, size_t n, int cls, uint32_t len)
{
    uint32_t e, l;
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, syl, n);
    while ((e = vn_gaz_walk_next(&w, &l)))
        if (l == len && g->ent[e - 1].cls == cls)
            return 1;
    return 0;
}

size_t vn_gaz_count(const vn_gaz *g, int cls)
{
    if (cls >= 0)
        return cls < VN_NCLASSES ? g->count[cls] : 0;
    return g->nent;
}

#define STR_BLOCK 65536 /* the entries' strings go into blocks this size: not one malloc each */

static const char *keep(vn_gaz *g, const char *s)
{
    if (!s || !*s)
        return NULL;
    size_t n = strlen(s) + 1;
    if (n > g->str_left) {
        size_t sz = n > STR_BLOCK ? n : STR_BLOCK;
        char *b;
        if (vn_grow((void **)&g->strs, &g->str_cap, g->nstr + 1, sizeof *g->strs) || !(b = malloc(sz)))
            return NULL;
        g->strs[g->nstr++] = b;
        g->str_next = b;
        g->str_left = sz;
    }
    char *d = g->str_next;
    memcpy(d, s, n);
    g->str_next += n;
    g->str_left -= n;
    return d;
}

int vn_gaz_set_successor(vn_gaz *g, const char *successor)
{
    if (!g->nent || g->map)
        return VNNER_EINVAL;
    g->ent[g->nent - 1].successor = keep(g, successor);
    return !successor || !*successor || g->ent[g->nent - 1].successor ? 0 : VNNER_ENOMEM;
}

int vn_gaz_set_note(vn_gaz *g, const char *note)
{
    if (!g->nent || g->map)
        return VNNER_EINVAL;
    vn_entry *e = &g->ent[g->nent - 1];
    e->note = keep(g, note);
    if (note && *note && !e->note)
        return VNNER_ENOMEM;
    char v[64], lv[32];
    e->foreign = e->cls == VN_C_PLACE && vn_entry_flag(e, "foreign");
    e->capital = (uint8_t)vn_entry_flag(e, "capital");
    if (vn_entry_attr(e, "unit", v, sizeof v) && !(e->unit = keep(g, v)))
        return VNNER_ENOMEM;
    if (vn_entry_attr(e, "default", v, sizeof v) && vn_entry_attr(e, "level", lv, sizeof lv) && g->ndefault < 8) {
        const char *l = keep(g, lv);
        if (!l)
            return VNNER_ENOMEM;
        g->defaults[g->ndefault].level = l; /* a later file's default comes first */
        g->defaults[g->ndefault++].unit = e->unit ? e->unit : e->canonical;
    }
    return 0;
}

const char *vn_gaz_default_unit(const vn_gaz *g, const char *level)
{
    for (size_t i = g->ndefault; i-- > 0;)
        if (!strcmp(g->defaults[i].level, level))
            return g->defaults[i].unit;
    return NULL;
}

int vn_entry_flag(const vn_entry *e, const char *key)
{
    char v[4];
    return e && vn_entry_attr(e, key, v, sizeof v) && !strcmp(v, "1");
}

const char *vn_entry_attr(const vn_entry *e, const char *key, char *buf, size_t cap)
{
    size_t kl = strlen(key);
    for (const char *p = e && e->note ? e->note : ""; *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        size_t item = strcspn(p, ";");
        if (item > kl && !strncmp(p, key, kl) && p[kl] == '=') {
            const char *v = p + kl + 1;
            size_t n = item - kl - 1;
            while (n && v[n - 1] == ' ')
                n--;
            if (cap) {
                n = n < cap - 1 ? n : cap - 1;
                memcpy(buf, v, n);
                buf[n] = 0;
            }
            return buf;
        }
        p += item;
    }
    return NULL;
}

const vn_entry *vn_gaz_place(const vn_gaz *g, const char *norm)
{
    uint32_t syl[16], e, len, best = 0, best_len = 0;
    size_t n = 0;
    for (const char *p = norm; *p && n < 16;) { /* normalised text: syllables are separated by spaces */
        const char *q = strchr(p, ' ');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        if (!(syl[n++] = vn_gaz_syllable(g, p, l)))
            return NULL;
        p += l + (q != NULL);
    }
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, syl, n);
    while ((e = vn_gaz_walk_next(&w, &len)))
        if (len == n && g->ent[e - 1].cls == VN_C_PLACE && len > best_len)
            best = e, best_len = len;
    return best ? &g->ent[best - 1] : NULL;
}

int vn_gaz_add(vn_gaz *g, const char *surface, const char *canonical, vn_class cls,
               const char *from, const char *to, const char *src)
{
    if (g->map) /* a mapped image is read-only */
        return VNNER_EINVAL;
    vn_text t = g->scratch_t;
    vn_tokens tk = g->scratch_tk;
    int rc = vn_text_normalize(&t, surface, strlen(surface), NULL);
    if (!rc)
        rc = vn_tokenize(&tk, &t);
    if (rc) { /* out of memory is that; anything else, text that is no entry */
        rc = rc == VNNER_ENOMEM ? VNNER_ENOMEM : VNNER_EDATA;
        goto cleanup;
    }
    size_t words = 0;
    for (size_t i = 0; i < tk.n; i++)
        words += tk.v[i].kind != VN_TK_NEWLINE;
    rc = VNNER_ETOOBIG;
    if (words > VN_GAZ_MAX_TOKENS) /* entries and matches count their tokens in 16 bits */
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
    /* append to the node's chain so that file order is kept */
    uint32_t *link = &g->node_entry[node];
    while (*link)
        link = &g->ent[*link - 1].next;
    g->nent++;
    *link = (uint32_t)g->nent;
    g->count[cls]++;
    if (ntok >= 1 && ntok <= 32)
        g->lengths[cls] |= 1u << (ntok - 1);
    rc = 0;
cleanup:
    g->scratch_t = t; /* keep the grown buffers for the next entry */
    g->scratch_tk = tk;
    return rc;
}


void vn_gaz_walk_start(vn_gaz_walk *w, const vn_gaz *g, const uint32_t *syl, size_t n)
{
    *w = (vn_gaz_walk){.g = g, .syl = syl, .n = n, .depth = 0, .node = 1, .entry = 0};
}

uint32_t vn_gaz_walk_next(vn_gaz_walk *w, uint32_t *len)
{
    const vn_gaz *g = w->g;
    if (w->entry && (w->entry = g->ent[w->entry - 1].next)) {
        *len = (uint32_t)w->depth;
        return w->entry;
    }
    while (w->depth < w->n && w->syl[w->depth] && (w->node = step(g, w->node, w->syl[w->depth]))) {
        w->depth++;
        if ((w->entry = g->node_entry[w->node])) {
            *len = (uint32_t)w->depth;
            return w->entry;
        }
    }
    w->n = 0; /* done: later calls return 0 too */
    return 0;
}

/* ---- abbreviation expansion for queries and posts ----------------------- */

char *vn_gaz_expand(const vn_gaz *g, const char *s) { return vn_gaz_rewrite(g, s, VN_C_ABBR); }

char *vn_gaz_rewrite(const vn_gaz *g, const char *s, int cls)
{
    vn_text t;
    vn_tokens tk;
    vn_buf b = {0};
    memset(&t, 0, sizeof t);
    memset(&tk, 0, sizeof tk);
    char *r = NULL;
    uint32_t *syl = NULL;
    if (vn_text_normalize(&t, s, strlen(s), NULL) || vn_tokenize(&tk, &t) ||
        !(syl = malloc((tk.n + 1) * sizeof *syl)))
        goto cleanup;
    for (size_t j = 0; j < tk.n; j++)
        syl[j] = vn_gaz_syllable(g, t.norm + tk.v[j].ns, tk.v[j].ne - tk.v[j].ns);
    for (size_t i = 0; i < tk.n;) {
        uint32_t best = 0, blen = 0, e, len;
        vn_gaz_walk w;
        vn_gaz_walk_start(&w, g, syl + i, tk.n - i);
        while ((e = vn_gaz_walk_next(&w, &len)))
            if (g->ent[e - 1].cls == cls && len > blen) { /* the first at each length, the longest */
                best = e;
                blen = len;
            }
        if (b.len)
            vn_buf_putc(&b, ' ');
        if (best) {
            char *c = vn_normalize_str(g->ent[best - 1].canonical, strlen(g->ent[best - 1].canonical));
            if (!c) /* a key cut short would be another post's */
                goto cleanup;
            vn_buf_puts(&b, c);
            free(c);
            i += blen;
        } else {
            vn_buf_add(&b, t.norm + tk.v[i].ns, tk.v[i].ne - tk.v[i].ns);
            i++;
        }
    }
    if (b.failed)
        goto cleanup;
    r = b.p ? b.p : vn_strdup("");
    b.p = NULL;
cleanup:
    free(syl);
    vn_buf_free(&b);
    vn_tokens_free(&tk);
    vn_text_free(&t);
    return r;
}
