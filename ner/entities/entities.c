/* Entities from rule candidates: the overlap policy (longest span, then
 * priority, then rule order), events as a second layer that may contain other
 * entities but not cut through them, nesting and offsets. */
#include <string.h>
#include "entities/entities.h"
#include "lexicon/classes.h"
#include "util/buf.h"
#include "util/hash.h"

/* What the stage reads (the view), scratch it marks (the candidates) and
 * what it writes (the entities). */
typedef struct ectx {
    const vn_view *v;
    vn_cands *c;
    vn_ents *out;
} ectx;

static int cmp_cand(const void *a, const void *b)
{
    const vn_cand *x = a, *y = b;
    if (x->layer != y->layer)
        return x->layer - y->layer;
    uint32_t lx = x->te - x->ts, ly = y->te - y->ts;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->prio != y->prio)
        return y->prio - x->prio;
    if (x->order != y->order)
        return x->order - y->order;
    return (int)x->ts - (int)y->ts;
}

/* Duplicates (the same span and type from two candidates) are removed after sorting. */
static int add_ent(ectx *x, uint32_t ts, uint32_t te, int type, const char *rule)
{
    if (vn_grow((void **)&x->out->v, &x->out->cap, x->out->n + 1, sizeof *x->out->v))
        return VNNER_ENOMEM;
    vn_ent *e = &x->out->v[x->out->n++];
    memset(e, 0, sizeof *e);
    e->ts = ts;
    e->te = te;
    e->pub.type = (vnner_type)type;
    e->pub.rule = rule;
    e->pub.parent = -1;
    return 0;
}

static int type_rank(int t)
{
    static const int r[VNNER_NTYPES] = {[VNNER_EVENT] = 0, [VNNER_POSITION] = 1, [VNNER_BODY] = 2,
                                        [VNNER_PERSON] = 3, [VNNER_PLACE] = 4, [VNNER_DATE] = 5};
    return r[t];
}

static int cmp_ent(const void *a, const void *b)
{
    const vn_ent *x = a, *y = b;
    if (x->ts != y->ts)
        return x->ts < y->ts ? -1 : 1;
    if (x->te != y->te)
        return x->te > y->te ? -1 : 1;
    return type_rank(x->pub.type) - type_rank(y->pub.type);
}

/* Accepts layer-0 candidates greedily; OWNER[t] = accepted candidate + 1. */
static void accept_names(ectx *x, uint32_t *owner)
{
    for (size_t i = 0; i < x->c->n; i++) {
        vn_cand *c = &x->c->v[i];
        if (c->layer != 0)
            continue;
        int free_ = 1;
        for (uint32_t t = c->ts; t < c->te && free_; t++)
            free_ = owner[t] == 0;
        if (!free_)
            continue;
        c->accepted = 1;
        for (uint32_t t = c->ts; t < c->te; t++)
            owner[t] = (uint32_t)i + 1;
    }
}

/* Events may contain accepted entities but not cut through them: an event
 * whose end falls inside one ends before it. */
static void accept_events(ectx *x, const uint32_t *owner, uint8_t *evt)
{
    for (size_t i = 0; i < x->c->n; i++) {
        vn_cand *c = &x->c->v[i];
        if (c->layer != 1)
            continue;
        if (owner[c->ts] && x->c->v[owner[c->ts] - 1].ts < c->ts)
            continue;
        uint32_t o = owner[c->te - 1];
        if (o && x->c->v[o - 1].te > c->te)
            c->te = x->c->v[o - 1].ts;
        if (c->te <= c->ts + 1)
            continue;
        int free_ = 1;
        for (uint32_t t = c->ts; t < c->te && free_; t++)
            free_ = !evt[t];
        if (!free_)
            continue;
        c->accepted = 1;
        memset(evt + c->ts, 1, c->te - c->ts);
    }
}

static int collect(ectx *x)
{
    for (size_t i = 0; i < x->c->n; i++) {
        const vn_cand *c = &x->c->v[i];
        if (!c->accepted)
            continue;
        for (uint32_t k = 0; k < c->nent; k++) {
            const vn_cand_ent *ce = &x->c->ents[c->first_ent + k];
            uint32_t ts = ce->ts, te = ce->te > c->te ? c->te : ce->te;
            if (ce->type == VN_T_NONE || te <= ts)
                continue;
            if (add_ent(x, ts, te, ce->type, c->rule))
                return VNNER_ENOMEM;
        }
    }
    return 0;
}

/* Longest entry of class group WANT matching at token T within [T, END). */
static uint32_t inner_match(const ectx *x, uint32_t t, uint32_t end, int want_body, uint32_t *len)
{
    const vn_gaz *g = x->v->gaz;
    uint32_t best = 0, e, elen;
    vn_gaz_walk w;
    *len = 0;
    vn_gaz_walk_start(&w, g, x->v->tags->syl + t, end - t);
    while ((e = vn_gaz_walk_next(&w, &elen))) {
        int c = vn_gaz_entry(g, e)->cls;
        if (elen > *len && (want_body ? (c == VN_C_BODY || c == VN_C_BODY_AREA) : c == VN_C_PLACE)) {
            best = e; /* the first at each length, the longest */
            *len = elen;
        }
    }
    return best;
}

/* Entities that a single gazetteer name hides inside it: a place in a body
 * (Ủy ban MTTQ {Việt Nam}), a body in a post listed whole (Thường trực {Ban
 * Bí thư}).  Only tokens under one match (VN_S_INSIDE) are searched. */
static int inner_entities(ectx *x)
{
    for (size_t i = 0; i < x->out->n; i++) {
        int type = x->out->v[i].pub.type;
        if (type != VNNER_BODY && type != VNNER_POSITION)
            continue;
        uint32_t ts = x->out->v[i].ts, te = x->out->v[i].te, len, pos_te = te;
        if (type == VNNER_POSITION) {
            if (!x->v->tags->gm[ts].len || vn_gaz_entry(x->v->gaz, x->v->tags->gm[ts].entry)->cls != VN_C_TITLE_ALONE)
                continue;
            if (ts + x->v->tags->gm[ts].len < te)
                te = ts + x->v->tags->gm[ts].len; /* only inside the title listed whole */
        }
        for (uint32_t t = ts + 1; t < te; t++) {
            if (x->v->tags->sym[t] != VN_S_INSIDE || x->v->tk->v[t].shape == VN_SH_LOWER)
                continue;
            uint32_t ms = t; /* the gazetteer match that covers t */
            while (ms > ts && x->v->tags->sym[ms] == VN_S_INSIDE)
                ms--;
            if (!x->v->tags->gm[ms].len || vn_gaz_entry(x->v->gaz, x->v->tags->gm[ms].entry)->cls == VN_C_PLACE)
                continue; /* a place name is not searched for smaller places (Bà Rịa - Vũng Tàu) */
            uint32_t me = ms + x->v->tags->gm[ms].len < te ? ms + x->v->tags->gm[ms].len : te;
            uint32_t e = inner_match(x, t, me, type == VNNER_POSITION, &len);
            if (!e || (type == VNNER_BODY && t + len < me && x->v->tk->v[t + len].shape == VN_SH_LOWER))
                continue; /* a place goes on in lower case: a word, not a place (Ban Pháp chế) */
            int inner = type == VNNER_POSITION ? VNNER_BODY : VNNER_PLACE;
            uint32_t end = t + len;
            if (inner == VNNER_BODY && end == te && pos_te == te + 2 && x->v->tags->sym[te] == VN_S_TERM_WORD &&
                x->v->tags->sym[te + 1] == VN_S_ROMAN)
                end = pos_te; /* the term after the title is the body's too: Phó Chủ tịch {Quốc hội khóa XV} */
            if (add_ent(x, t, end, inner, "gazetteer-inner"))
                return VNNER_ENOMEM;
            x->out->v[x->out->n - 1].entry = e;
            t += len - 1;
        }
    }
    return 0;
}

/* Gazetteer facts of an entity: the entry of its head (the first gazetteer
 * match in it) and the tightest validity of the entries inside it. */
static void gaz_facts(ectx *x, vn_ent *e)
{
    const vn_gaz *g = x->v->gaz;
    for (uint32_t t = e->ts; t < e->te; t++) {
        const vn_gmatch *m = &x->v->tags->gm[t];
        if (!m->len || t + m->len > e->te)
            continue;
        const vn_entry *en = vn_gaz_entry(g, m->entry);
        if (en->cls == VN_C_LEVEL || en->cls == VN_C_TERM_WORD || en->cls >= VN_C_DATE_PREFIX)
            continue;
        if (!e->entry) {
            e->entry = m->entry;
            if (m->len == e->te - e->ts)
                e->pub.canonical = en->canonical;
        }
        if (en->valid_to && (!e->pub.valid_to || strcmp(en->valid_to, e->pub.valid_to) < 0))
            e->pub.valid_to = en->valid_to;
        if (en->valid_from && (!e->pub.valid_from || strcmp(en->valid_from, e->pub.valid_from) > 0))
            e->pub.valid_from = en->valid_from;
    }
}

static size_t count_cps(const char *s, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int finish(ectx *x)
{
    if (x->out->n > 1)
        qsort(x->out->v, x->out->n, sizeof *x->out->v, cmp_ent);
    size_t w = 0;
    for (size_t i = 0; i < x->out->n; i++) {
        if (w && x->out->v[w - 1].ts == x->out->v[i].ts && x->out->v[w - 1].te == x->out->v[i].te &&
            x->out->v[w - 1].pub.type == x->out->v[i].pub.type)
            continue;
        x->out->v[w++] = x->out->v[i];
    }
    x->out->n = w;
    int stack[64], sp = 0;
    size_t cp = 0, at = 0;
    for (size_t i = 0; i < x->out->n; i++) {
        vn_ent *e = &x->out->v[i];
        while (sp && x->out->v[stack[sp - 1]].te < e->te)
            sp--;
        while (sp && x->out->v[stack[sp - 1]].te <= e->ts)
            sp--;
        e->pub.parent = sp ? stack[sp - 1] : -1;
        if (sp < 64)
            stack[sp++] = (int)i;
        e->pub.bstart = x->v->tk->v[e->ts].os;
        e->pub.bend = x->v->tk->v[e->te - 1].oe;
        /* starts are sorted: count code points incrementally */
        cp += count_cps(x->v->text->orig, at, e->pub.bstart);
        at = e->pub.bstart;
        e->pub.start = cp;
        e->pub.end = cp + count_cps(x->v->text->orig, e->pub.bstart, e->pub.bend);
        size_t ns = x->v->tk->v[e->ts].ns, ne = x->v->tk->v[e->te - 1].ne;
        char *nm = malloc(ne - ns + 1);
        if (!nm)
            return VNNER_ENOMEM;
        size_t w = 0;
        for (size_t k = ns; k < ne; k++) { /* white space collapsed to one space */
            char c = x->v->text->norm[k];
            if (c == ' ' || c == '\n' || c == '\t') {
                if (w && nm[w - 1] != ' ')
                    nm[w++] = ' ';
            } else {
                nm[w++] = c;
            }
        }
        nm[w] = 0;
        e->norm = nm;
        gaz_facts(x, e);
    }
    return 0;
}

/* A capitalised word or a surname: a name goes on. */
static int name_sym(char s) { return s == VN_S_CAP || s == VN_S_SURNAME; }

/* The hash of token T's normalised text. */
static uint64_t tok_key(const vn_view *v, uint32_t t)
{
    return vn_fnv1a(v->text->norm + v->tk->v[t].ns, v->tk->v[t].ne - v->tk->v[t].ns);
}

/* Whether tokens A.. and B.. (N of them) are the same words. */
static int same_words(const ectx *x, uint32_t a, uint32_t b, uint32_t n)
{
    const vn_token *tk = x->v->tk->v;
    for (uint32_t k = 0; k < n; k++)
        if (tk[a + k].ne - tk[a + k].ns != tk[b + k].ne - tk[b + k].ns ||
            memcmp(x->v->text->norm + tk[a + k].ns, x->v->text->norm + tk[b + k].ns, tk[a + k].ne - tk[a + k].ns))
            return 0;
    return 1;
}

/* Whether tokens A.. (N) are free, capitalised and the same words as B.. */
static int same_name_at(const ectx *x, const uint32_t *owner, uint32_t a, uint32_t b, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++)
        if (owner[a + k] || x->v->tk->v[a + k].shape == VN_SH_LOWER)
            return 0;
    return same_words(x, a, b, n);
}

typedef struct seed_place {
    uint64_t key; /* of its first token */
    uint32_t ts, len;
    int given; /* a person's last word alone: "Quân" after "Khổng Minh Quân" */
} seed_place;

static int cmp_seed(const void *a, const void *b)
{
    const seed_place *p = a, *q = b;
    return p->key < q->key ? -1 : p->key > q->key;
}

/* Whether entity P seeds its name for the rest of the article: a place only
 * a unit word or its body made (thị trấn Mèo Vạc); a person of two words or
 * more, all capitalised, that a rule found (ông A Vinh). */
static int is_seed(const ectx *x, const vn_ent *p, int type)
{
    if ((int)p->pub.type != type || !p->pub.rule)
        return 0;
    if (type == VNNER_PLACE)
        return !x->v->tags->gm[p->ts].len && (!strncmp(p->pub.rule, "place.", 6) || !strncmp(p->pub.rule, "body.", 5) ||
                                               !strncmp(p->pub.rule, "position.", 9));
    if (p->te - p->ts < 2 || p->pub.parent >= 0)
        return 0;
    for (uint32_t t = p->ts; t < p->te; t++)
        if (x->v->tk->v[t].shape == VN_SH_LOWER || x->v->tk->v[t].kind != VN_TK_WORD)
            return 0;
    return 1;
}

/* The seeds of TYPE, one a name, sorted by the key of their first token: *N
 * of them, in a new array. */
static seed_place *seeds_of(const ectx *x, int type, size_t *n)
{
    seed_place *sp = malloc((x->out->n ? 2 * x->out->n : 1) * sizeof *sp);
    *n = 0;
    if (!sp)
        return NULL;
    for (size_t i = 0; i < x->out->n; i++) {
        const vn_ent *p = &x->out->v[i];
        if (!is_seed(x, p, type))
            continue;
        sp[(*n)++] = (seed_place){tok_key(x->v, p->ts), p->ts, p->te - p->ts, 0};
        if (type == VNNER_PERSON) /* a person is named again by the last word of the name */
            sp[(*n)++] = (seed_place){tok_key(x->v, p->te - 1), p->te - 1, 1, 1};
    }
    qsort(sp, *n, sizeof *sp, cmp_seed);
    size_t w = 0; /* one a name: the same first token and length and words */
    for (size_t k = 0; k < *n; k++) {
        int dup = 0;
        for (size_t j = w; j-- > 0 && sp[j].key == sp[k].key && !dup;)
            if (sp[j].len == sp[k].len && same_words(x, sp[j].ts, sp[k].ts, sp[k].len)) {
                dup = 1;
                sp[j].given &= sp[k].given; /* a one-word name of its own is no short form */
            }
        if (!dup)
            sp[w++] = sp[k];
    }
    *n = w;
    return sp;
}

/* One sense per article: a name a rule made a place (thị trấn Mèo Vạc) or a
 * person (ông A Vinh) is one wherever else it stands capitalised and
 * untagged, whole (no name word right before or after it: "Nguyễn A Vinh" is
 * another name).  One pass over the tokens, each looked up by its first word
 * (linear, not a scan of the document for each name). */
static int propagate_names(ectx *x, const uint32_t *owner, const uint8_t *evt, int type, const char *rule)
{
    size_t np;
    seed_place *sp = seeds_of(x, type, &np);
    if (!sp)
        return VNNER_ENOMEM;
    size_t ntok = x->v->tk->n;
    for (uint32_t t = 0; np && t < ntok; t++) {
        if (owner[t] || evt[t] || x->v->tk->v[t].shape == VN_SH_LOWER)
            continue;
        uint64_t key = tok_key(x->v, t);
        size_t lo = 0, hi = np;
        while (lo < hi) { /* the first seed of this key */
            size_t mid = (lo + hi) / 2;
            if (sp[mid].key < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < np && sp[k].key == key; k++) {
            uint32_t len = sp[k].len;
            if (sp[k].ts == t || t + len > ntok || !same_name_at(x, owner, t, sp[k].ts, len) ||
                (t + len < ntok && name_sym(x->v->tags->sym[t + len])) || (t > 0 && name_sym(x->v->tags->sym[t - 1])))
                continue;
            if (sp[k].given && !name_sym(x->v->tags->sym[t]))
                continue; /* a short form is a bare name word, not a listed place or body word */
            if (add_ent(x, t, t + len, type, sp[k].given ? "person.short-form" : rule)) {
                free(sp);
                return VNNER_ENOMEM;
            }
            break;
        }
    }
    free(sp);
    return 0;
}

int vn_entities_resolve(vn_ents *out, vn_cands *c, const vn_view *v)
{
    ectx ctx = {.v = v, .c = c, .out = out}, *x = &ctx;
    size_t n = v->tk->n;
    uint32_t *owner = calloc(n + 1, sizeof *owner);
    uint8_t *evt = calloc(n + 1, 1);
    int rc = VNNER_ENOMEM;
    if (!owner || !evt)
        goto cleanup;
    if (x->c->n > 1)
        qsort(x->c->v, x->c->n, sizeof *x->c->v, cmp_cand);
    accept_names(x, owner);
    accept_events(x, owner, evt);
    if ((rc = collect(x)) || (rc = inner_entities(x)) || (rc = propagate_names(x, owner, evt, VNNER_PLACE, "place.same-name")) ||
        (rc = propagate_names(x, owner, evt, VNNER_PERSON, "person.same-name")) || (rc = finish(x)))
        goto cleanup;
    rc = 0;
cleanup:
    free(owner);
    free(evt);
    return rc;
}

void vn_ents_clear(vn_ents *out)
{
    for (size_t i = 0; i < out->n; i++) {
        free(out->v[i].norm);
        free(out->v[i].value);
    }
    out->n = 0;
}

void vn_ents_free(vn_ents *out)
{
    if (!out)
        return;
    vn_ents_clear(out);
    free(out->v);
    memset(out, 0, sizeof *out);
}
