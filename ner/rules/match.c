/* Matching the compiled rules: entity rules over a document's tag string,
 * relation rules over one sentence of its relation string.  A rule is tried
 * only when a symbol it can start with occurs. */
#include <string.h>
#include "rules/rules_impl.h"
#include "util/buf.h"

int vn_rules_cue_symbols(uint8_t bits[32], const char *name)
{
    unsigned char s = (unsigned char)vn_pattern_symbol(name, strlen(name));
    if (!s)
        return -1;
    bits[s >> 3] |= (uint8_t)(1u << (s & 7));
    return 0;
}

static void presence(uint8_t present[32], const unsigned char *s, size_t n)
{
    memset(present, 0, 32);
    for (size_t i = 0; i < n; i++)
        present[s[i] >> 3] |= (uint8_t)(1u << (s[i] & 7));
}

/* Whether a match of RU can start at a symbol in PRESENT: four word-wide tests, as it runs for every rule in every sentence. */
static int may_start(const rule *ru, const uint8_t present[32])
{
    uint64_t a[4], b[4];
    if (ru->any_start)
        return 1;
    memcpy(a, ru->start, sizeof a);
    memcpy(b, present, sizeof b);
    return ((a[0] & b[0]) | (a[1] & b[1]) | (a[2] & b[2]) | (a[3] & b[3])) != 0;
}

/* ---- entity rules ----------------------------------------------------------- */

static int run_rule(vn_cands *out, const vn_view *v, const vn_rules *rs, size_t ri, pcre2_match_data *md,
                    pcre2_match_context *mc, vn_callout_ctx *x)
{
    const rule *ru = &rs->r[ri];
    PCRE2_SIZE n = v->tk->n, off = 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    vn_cand_ent ents[64];
    x->pred = ru->comp.pred;
    x->npred = ru->comp.npred;
    while (off < n) {
        int rc = pcre2_match(ru->code, (PCRE2_SPTR)v->tags->sym, n, off, 0, md, mc);
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
        off = s + 1; /* overlapping matches too: the one that loses an overlap may leave a shorter one standing */
    }
    return 0;
}

/* A match context with bounded work per match, whatever the input, and the
 * callouts reading X. */
static pcre2_match_context *match_context(vn_callout_ctx *x)
{
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (!mc)
        return NULL;
    pcre2_set_match_limit(mc, 1000000);
    pcre2_set_depth_limit(mc, 10000);
    pcre2_set_callout(mc, vn_rules_callout, x);
    return mc;
}

int vn_rules_apply(vn_cands *out, const vn_rules *rs, const vn_view *v)
{
    uint8_t present[32];
    out->n = out->nents = 0;
    presence(present, (const unsigned char *)v->tags->sym, v->tk->n);
    vn_callout_ctx x = {v, (const unsigned char *)v->tags->sym, 0, NULL, 0};
    pcre2_match_data *md = pcre2_match_data_create(rs->max_ov + 1, NULL);
    pcre2_match_context *mc = match_context(&x);
    int rc = md && mc ? 0 : VNNER_ENOMEM;
    for (size_t ri = 0; ri < rs->n && !rc; ri++)
        if (rs->r[ri].phase == 0 && may_start(&rs->r[ri], present))
            rc = run_rule(out, v, rs, ri, md, mc, &x);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    return rc == VNNER_ENOMEM ? rc : 0; /* a match limit hit only loses that rule's later matches */
}

/* ---- relation rules ---------------------------------------------------------- */

struct vn_rel_matcher {
    const vn_rules *rs;
    unsigned char *subj;        /* the relation string with cue marks (VN_CUE_MARK) */
    vn_callout_ctx x;
    pcre2_match_data *md;
    pcre2_match_context *mc;
};

/* OUT: SUBJ with a cue mark on each token outside the entities where an entry of a class in CLS starts. */
static void mark_cues(unsigned char *out, const unsigned char *subj, const vn_view *v, uint64_t cls)
{
    for (size_t t = 0; t < v->tk->n; t++)
        out[t] = subj[t] >= 0x20 && subj[t] < VN_ENT_START && (v->tags->cls_at[t] & cls)
                     ? (unsigned char)(subj[t] + VN_CUE_MARK)
                     : subj[t];
}

int vn_rel_matcher_new(vn_rel_matcher **out, const vn_rules *rs, const vn_view *v, const unsigned char *subj)
{
    vn_rel_matcher *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m)
        return VNNER_ENOMEM;
    m->rs = rs;
    m->subj = malloc(v->tk->n ? v->tk->n : 1);
    m->x.v = v;
    m->x.subj = subj; /* callouts read it unmarked */
    m->md = pcre2_match_data_create(rs->max_ov + 1, NULL);
    m->mc = match_context(&m->x);
    if (!m->subj || !m->md || !m->mc) {
        vn_rel_matcher_free(m);
        return VNNER_ENOMEM;
    }
    mark_cues(m->subj, subj, v, rs->cue_cls);
    *out = m;
    return 0;
}

void vn_rel_matcher_free(vn_rel_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    free(m->subj);
    free(m);
}

/* The captures of a match as argument spans, in tokens of the document. */
static void spans(const rule *ru, const PCRE2_SIZE *ov, uint32_t s0, vn_rel_match *mt)
{
    memset(mt->nspan, 0, sizeof mt->nspan);
    mt->ms = s0 + (uint32_t)ov[0];
    mt->me = s0 + (uint32_t)ov[1];
    for (int g = 0; g < ru->ngroups; g++) {
        PCRE2_SIZE gs = ov[2 * ru->groups[g].num], ge = ov[2 * ru->groups[g].num + 1];
        int a = ru->groups[g].type;
        if (gs == PCRE2_UNSET || ge <= gs || mt->nspan[a] >= VN_MAX_SPANS)
            continue;
        mt->span[a][mt->nspan[a]][0] = s0 + (uint32_t)gs;
        mt->span[a][mt->nspan[a]++][1] = s0 + (uint32_t)ge;
    }
}

int vn_rel_matcher_run(vn_rel_matcher *m, uint32_t s0, uint32_t s1, vn_rel_match_fn fn, void *ctx)
{
    uint8_t present[32];
    const unsigned char *s = m->subj + s0;
    PCRE2_SIZE n = s1 - s0;
    presence(present, s, n);
    uint64_t classes = 0; /* of every entry starting in the sentence */
    for (uint32_t t = s0; t < s1; t++)
        classes |= m->x.v->tags->cls_at[t];
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    vn_rel_match mt;
    m->x.base = s0;
    for (size_t ri = 0; ri < m->rs->n; ri++) {
        const rule *ru = &m->rs->r[ri];
        if (ru->phase != 1 || !may_start(ru, present) || (ru->comp.need & ~classes))
            continue; /* it cannot start, or it needs a class the sentence lacks */
        m->x.pred = ru->comp.pred;
        m->x.npred = ru->comp.npred;
        for (PCRE2_SIZE off = 0; off < n;) {
            int rc = pcre2_match(ru->code, s, n, off, 0, m->md, m->mc);
            if (rc < 0)
                break; /* no match, or a match limit: that rule's later matches only are lost */
            if (ov[1] <= ov[0]) {
                off = ov[0] + 1;
                continue;
            }
            spans(ru, ov, s0, &mt);
            if ((rc = fn(ctx, &ru->rel, &mt)))
                return rc;
            off = ov[1];
        }
    }
    return 0;
}
