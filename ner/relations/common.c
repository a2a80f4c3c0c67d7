/* Relations: what every job shares: new relations, cue words, tests on
 * tokens, and the display form of a span. */
#include <string.h>
#include <utf8proc.h>
#include "relations/context.h"

const char *const vn_r_qual_names[] = {"current", "former", "acting", "elect"};

vn_rel *vn_r_new_rel(rdoc *rd, vnner_rel_type type, int person, int target, const char *rule)
{
    if (vn_grow((void **)&rd->out->v, &rd->out->cap, rd->out->n + 1, sizeof *rd->out->v))
        return NULL;
    vn_rel *r = &rd->out->v[rd->out->n++];
    memset(r, 0, sizeof *r);
    r->sent_tok = rd->sent_tok;
    r->pub.type = type;
    r->pub.person = person;
    r->pub.target = target;
    r->pub.rule = rule;
    r->pub.sentence_start = r->pub.sentence_end = 0;
    return r;
}

/* The gazetteer entry of class CLS that matches at token T (longest), or NULL;
 * the per-token class mask answers most calls without a trie walk. */
const vn_entry *vn_r_cue_walk(const rdoc *rd, size_t t, int cls, uint32_t *len)
{
    const vn_gaz *g = rd->gaz;
    const vn_entry *best = NULL;
    uint32_t e, elen;
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, rd->tags->syl + t, rd->tk->n - t);
    while ((e = vn_gaz_walk_next(&w, &elen)))
        if (vn_gaz_entry(g, e)->cls == cls) { /* the last at each length, the longest */
            best = vn_gaz_entry(g, e);
            if (len)
                *len = elen;
        }
    if (best && cls != VN_C_AWARD && rd->tk->v[t].shape != VN_SH_LOWER && !(rd->tk->v[t].flags & VN_TF_SENT_START))
        return NULL; /* a capitalised cue word mid-sentence is a name part */
    return best;
}

/* The longest entry of class CLS at token T, whatever its capitals, or NULL. */
const vn_entry *vn_r_class_entry(const rdoc *rd, size_t t, int cls, uint32_t *len)
{
    const vn_entry *best = NULL;
    uint32_t e, elen;
    vn_gaz_walk w;
    if (!(rd->tags->cls_at[t] & (1ull << cls)))
        return NULL;
    vn_gaz_walk_start(&w, rd->gaz, rd->tags->syl + t, rd->tk->n - t);
    while ((e = vn_gaz_walk_next(&w, &elen)))
        if (vn_gaz_entry(rd->gaz, e)->cls == cls) {
            best = vn_gaz_entry(rd->gaz, e);
            *len = elen;
        }
    return best;
}

/* The entities of TYPE (-1: a person, post or body) that start in the spans
 * of argument ARG of match M, in text order, at most CAP into OUT. */
int vn_r_args(const rctx *c, const vn_rel_match *m, int arg, int type, int *out, int cap)
{
    int n = 0;
    for (int k = 0; k < m->nspan[arg]; k++)
        for (uint32_t t = m->span[arg][k][0]; t < m->span[arg][k][1] && n < cap; t++) {
            int e = c->ov_ent[t];
            if (e < 0)
                continue;
            int et = (int)c->rd->ents[e].pub.type;
            if (type < 0 ? et == VNNER_PERSON || et == VNNER_POSITION || et == VNNER_BODY : et == type)
                out[n++] = e;
        }
    return n;
}

/* A capitalised word or a surname: a name goes on. */
int vn_r_name_sym(char s) { return s == VN_S_CAP || s == VN_S_SURNAME; }

int vn_r_punct_is(const rdoc *rd, size_t t, char c)
{
    const vn_token *k = &rd->tk->v[t];
    return k->kind == VN_TK_PUNCT && rd->text->norm[k->ns] == c;
}

/* Text of tokens [ts, te) in the normalised tone style with the original's
 * capitals, spaces collapsed. */
void vn_r_display(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b)
{
    const char *norm = rd->text->norm;
    for (uint32_t t = ts; t < te; t++) {
        const vn_token *k = &rd->tk->v[t];
        if (t > ts && rd->tk->v[t - 1].ne < k->ns && b->len && b->p[b->len - 1] != ' ')
            vn_buf_putc(b, ' ');
        uint32_t run = k->ns, i = k->ns; /* RUN: start of the bytes copied as they are */
        while (i < k->ne) {
            int32_t cp;
            int n = vn_utf8_decode((const unsigned char *)norm + i, k->ne - i, &cp);
            if (n < 0)
                break;
            if (rd->text->nflags[i] & VN_NF_UPPER) { /* the original's capital, restored */
                char o[4];
                vn_buf_add(b, norm + run, i - run);
                vn_buf_add(b, o, (size_t)vn_utf8_encode(utf8proc_toupper(cp), o));
                run = i + (uint32_t)n;
            }
            i += (uint32_t)n;
        }
        vn_buf_add(b, norm + run, i - run);
    }
}

/* A space into B before token T when the text has one there and T is not the first (TS) written. */
static void space_before(const rdoc *rd, uint32_t ts, uint32_t t, vn_buf *b)
{
    if (t > ts && rd->tk->v[t - 1].ne < rd->tk->v[t].ns && b->len && b->p[b->len - 1] != ' ')
        vn_buf_putc(b, ' ');
}

/* The longest ABBR entry the text writes at token T (in capitals, within TE),
 * its length in LEN (0: none); NULL when there is none or it is marked
 * post=as-written. */
static const vn_entry *abbr_at(const rdoc *rd, uint32_t t, uint32_t te, uint32_t *len)
{
    *len = 0;
    if (rd->tk->v[t].shape != VN_SH_ALLCAPS || !rd->tags->syl[t])
        return NULL;
    const vn_entry *best = NULL;
    vn_gaz_walk w;
    uint32_t e, l;
    vn_gaz_walk_start(&w, rd->gaz, rd->tags->syl + t, te - t);
    while ((e = vn_gaz_walk_next(&w, &l))) {
        const vn_entry *x = vn_gaz_entry(rd->gaz, e);
        if (x->cls == VN_C_ABBR && x->caps && l > *len) {
            best = x;
            *len = l;
        }
    }
    char v[16];
    return best && vn_entry_attr(best, "post", v, sizeof v) && !strcmp(v, "as-written") ? NULL : best;
}

void vn_r_display_expanded(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b)
{
    uint32_t run = ts; /* the first token not yet written */
    for (uint32_t t = ts; t < te;) {
        uint32_t len;
        const vn_entry *e = abbr_at(rd, t, te, &len);
        if (!e) {
            t += len ? len : 1;
            continue;
        }
        if (run < t) {
            space_before(rd, ts, run, b);
            vn_r_display(rd, run, t, b);
        }
        space_before(rd, ts, t, b);
        vn_buf_puts(b, e->canonical);
        run = t += len;
    }
    if (run < te) {
        space_before(rd, ts, run, b);
        vn_r_display(rd, run, te, b);
    }
}

/* Whether place entity P is a foreign country or city (and nothing more: "Mỹ
 * Hòa Hưng" is a commune, not the United States). */
int vn_r_foreign_place(const rdoc *rd, const vn_ent *p)
{
    const vn_entry *e = p->entry ? vn_gaz_entry(rd->gaz, p->entry) : NULL;
    return e && e->foreign && e->ntok == p->te - p->ts;
}

const vn_entry *vn_r_chosen(const rdoc *rd, uint32_t t)
{
    return rd->tags->gm[t].len ? vn_gaz_entry(rd->gaz, rd->tags->gm[t].entry) : NULL;
}
