/* Entities from rule candidates: the overlap policy (longest span, then
 * priority, then rule order), events as a second layer that may contain other
 * entities but not cut through them, nesting and offsets. */
#include <string.h>
#include "internal.h"

int vn_cand_push(vnner_doc *d, uint32_t ts, uint32_t te, int prio, int order, const char *rule,
                 uint8_t layer, vn_cand_ent *ents, uint32_t nents)
{
    if (vn_grow((void **)&d->cands, &d->cand_cap, d->ncand + 1, sizeof *d->cands) ||
        vn_grow((void **)&d->cents, &d->cent_cap, d->ncent + nents, sizeof *d->cents))
        return VNNER_ENOMEM;
    vn_cand *c = &d->cands[d->ncand++];
    c->ts = ts;
    c->te = te;
    c->prio = prio;
    c->order = order;
    c->rule = rule;
    c->layer = layer;
    c->accepted = 0;
    c->first_ent = (uint32_t)d->ncent;
    c->nent = nents;
    if (nents)
        memcpy(d->cents + d->ncent, ents, nents * sizeof *ents);
    d->ncent += nents;
    return 0;
}

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
static int add_ent(vnner_doc *d, uint32_t ts, uint32_t te, int type, const char *rule)
{
    if (vn_grow((void **)&d->ents, &d->ent_cap, d->nent + 1, sizeof *d->ents))
        return VNNER_ENOMEM;
    vn_ent *e = &d->ents[d->nent++];
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
static void accept_names(vnner_doc *d, uint32_t *owner)
{
    for (size_t i = 0; i < d->ncand; i++) {
        vn_cand *c = &d->cands[i];
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
static void accept_events(vnner_doc *d, const uint32_t *owner, uint8_t *evt)
{
    for (size_t i = 0; i < d->ncand; i++) {
        vn_cand *c = &d->cands[i];
        if (c->layer != 1)
            continue;
        if (owner[c->ts] && d->cands[owner[c->ts] - 1].ts < c->ts)
            continue;
        uint32_t o = owner[c->te - 1];
        if (o && d->cands[o - 1].te > c->te)
            c->te = d->cands[o - 1].ts;
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

static int collect(vnner_doc *d)
{
    for (size_t i = 0; i < d->ncand; i++) {
        const vn_cand *c = &d->cands[i];
        if (!c->accepted)
            continue;
        for (uint32_t k = 0; k < c->nent; k++) {
            const vn_cand_ent *ce = &d->cents[c->first_ent + k];
            uint32_t ts = ce->ts, te = ce->te > c->te ? c->te : ce->te;
            if (ce->type == VN_T_NONE || te <= ts)
                continue;
            if (add_ent(d, ts, te, ce->type, c->rule))
                return VNNER_ENOMEM;
        }
    }
    return 0;
}

/* Longest entry of class group WANT matching at token T within [T, END). */
static uint32_t inner_match(const vnner_doc *d, uint32_t t, uint32_t end, int want_body, uint32_t *len)
{
    const vn_gaz *g = d->model->gaz;
    uint32_t node = 1, best = 0;
    *len = 0;
    for (uint32_t j = t; j < end && d->tk.v[j].syl; j++) {
        if (!(node = vn_gaz_step(g, node, d->tk.v[j].syl)))
            break;
        for (uint32_t e = vn_gaz_entries(g, node); e; e = vn_gaz_entry(g, e)->next) {
            int c = vn_gaz_entry(g, e)->cls;
            if (want_body ? (c == VN_C_BODY || c == VN_C_BODY_AREA) : c == VN_C_PLACE) {
                best = e;
                *len = j - t + 1;
                break;
            }
        }
    }
    return best;
}

/* Entities that a single gazetteer name hides inside it: a place in a body
 * (Ủy ban MTTQ {Việt Nam}), a body in a post listed whole (Thường trực {Ban
 * Bí thư}).  Only tokens under one match ('_') are searched. */
static int inner_entities(vnner_doc *d)
{
    for (size_t i = 0; i < d->nent; i++) {
        int type = d->ents[i].pub.type;
        if (type != VNNER_BODY && type != VNNER_POSITION)
            continue;
        uint32_t ts = d->ents[i].ts, te = d->ents[i].te, len;
        if (type == VNNER_POSITION) {
            if (!d->gm[ts].len || vn_gaz_entry(d->model->gaz, d->gm[ts].entry)->cls != VN_C_TITLE_ALONE)
                continue;
            if (ts + d->gm[ts].len < te)
                te = ts + d->gm[ts].len; /* only inside the title listed whole */
        }
        for (uint32_t t = ts + 1; t < te; t++) {
            if (d->tags[t] != '_' || d->tk.v[t].shape == VN_SH_LOWER)
                continue;
            uint32_t ms = t; /* the gazetteer match that covers t */
            while (ms > ts && d->tags[ms] == '_')
                ms--;
            if (!d->gm[ms].len || vn_gaz_entry(d->model->gaz, d->gm[ms].entry)->cls == VN_C_PLACE)
                continue; /* a place name is not searched for smaller places (Bà Rịa - Vũng Tàu) */
            uint32_t me = ms + d->gm[ms].len < te ? ms + d->gm[ms].len : te;
            uint32_t e = inner_match(d, t, me, type == VNNER_POSITION, &len);
            if (!e)
                continue;
            int inner = type == VNNER_POSITION ? VNNER_BODY : VNNER_PLACE;
            if (add_ent(d, t, t + len, inner, "gazetteer-inner"))
                return VNNER_ENOMEM;
            d->ents[d->nent - 1].entry = e;
            t += len - 1;
        }
    }
    return 0;
}

/* Gazetteer facts of an entity: the entry of its head (the first gazetteer
 * match in it) and the tightest validity of the entries inside it. */
static void gaz_facts(vnner_doc *d, vn_ent *e)
{
    const vn_gaz *g = d->model->gaz;
    for (uint32_t t = e->ts; t < e->te; t++) {
        const vn_gmatch *m = &d->gm[t];
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

static int finish(vnner_doc *d)
{
    if (d->nent > 1)
        qsort(d->ents, d->nent, sizeof *d->ents, cmp_ent);
    size_t w = 0;
    for (size_t i = 0; i < d->nent; i++) {
        if (w && d->ents[w - 1].ts == d->ents[i].ts && d->ents[w - 1].te == d->ents[i].te &&
            d->ents[w - 1].pub.type == d->ents[i].pub.type)
            continue;
        d->ents[w++] = d->ents[i];
    }
    d->nent = w;
    int stack[64], sp = 0;
    size_t cp = 0, at = 0;
    for (size_t i = 0; i < d->nent; i++) {
        vn_ent *e = &d->ents[i];
        while (sp && d->ents[stack[sp - 1]].te < e->te)
            sp--;
        while (sp && d->ents[stack[sp - 1]].te <= e->ts)
            sp--;
        e->pub.parent = sp ? stack[sp - 1] : -1;
        if (sp < 64)
            stack[sp++] = (int)i;
        e->pub.bstart = d->tk.v[e->ts].os;
        e->pub.bend = d->tk.v[e->te - 1].oe;
        /* starts are sorted: count code points incrementally */
        cp += count_cps(d->text.orig, at, e->pub.bstart);
        at = e->pub.bstart;
        e->pub.start = cp;
        e->pub.end = cp + count_cps(d->text.orig, e->pub.bstart, e->pub.bend);
        size_t ns = d->tk.v[e->ts].ns, ne = d->tk.v[e->te - 1].ne;
        char *nm = malloc(ne - ns + 1);
        if (!nm)
            return VNNER_ENOMEM;
        size_t w = 0;
        for (size_t k = ns; k < ne; k++) { /* white space collapsed to one space */
            char c = d->text.norm[k];
            if (c == ' ' || c == '\n' || c == '\t') {
                if (w && nm[w - 1] != ' ')
                    nm[w++] = ' ';
            } else {
                nm[w++] = c;
            }
        }
        nm[w] = 0;
        e->norm = nm;
        gaz_facts(d, e);
    }
    return 0;
}

/* Whether token T lies inside an accepted entity (events included). */
static int evt_or_ent(const vnner_doc *d, const uint32_t *owner, uint32_t t)
{
    if (owner[t])
        return 1;
    for (size_t i = 0; i < d->ncand; i++) /* events are few */
        if (d->cands[i].accepted && d->cands[i].layer == 1 && d->cands[i].ts <= t && t < d->cands[i].te)
            return 1;
    return 0;
}

/* One sense per article: a name that a unit word made a place (thị trấn Mèo
 * Vạc) is a place wherever else it stands capitalised and untagged. */
static int propagate_places(vnner_doc *d, const uint32_t *owner)
{
    size_t n0 = d->nent;
    for (size_t i = 0; i < n0; i++) {
        const vn_ent *p = &d->ents[i];
        if (p->pub.type != VNNER_PLACE || d->gm[p->ts].len || !p->pub.rule ||
            (strncmp(p->pub.rule, "place.", 6) && strncmp(p->pub.rule, "body.", 5) && strncmp(p->pub.rule, "position.", 9)))
            continue; /* a place only a unit word or its body made one */
        uint32_t ps = p->ts, len = p->te - p->ts; /* add_ent may move d->ents: no pointer kept past it */
        for (uint32_t t = 0; t + len <= d->tk.n; t++) {
            int same = 1;
            for (uint32_t k = 0; k < len && same; k++)
                same = !owner[t + k] && d->tk.v[t + k].shape != VN_SH_LOWER &&
                       d->tk.v[t + k].ne - d->tk.v[t + k].ns == d->tk.v[ps + k].ne - d->tk.v[ps + k].ns &&
                       !memcmp(d->text.norm + d->tk.v[t + k].ns, d->text.norm + d->tk.v[ps + k].ns,
                               d->tk.v[t + k].ne - d->tk.v[t + k].ns);
            if (!same || (t + len < d->tk.n && strchr("CS", d->tags[t + len])) || (t > 0 && strchr("CS", d->tags[t - 1])))
                continue;
            if (evt_or_ent(d, owner, t))
                continue;
            if (add_ent(d, t, t + len, VNNER_PLACE, "place.same-name"))
                return VNNER_ENOMEM;
        }
    }
    return 0;
}

int vn_entities_resolve(vnner_doc *d)
{
    size_t n = d->tk.n;
    uint32_t *owner = calloc(n + 1, sizeof *owner);
    uint8_t *evt = calloc(n + 1, 1);
    int rc = VNNER_ENOMEM;
    if (!owner || !evt)
        goto cleanup;
    if (d->ncand > 1)
        qsort(d->cands, d->ncand, sizeof *d->cands, cmp_cand);
    accept_names(d, owner);
    accept_events(d, owner, evt);
    if ((rc = collect(d)) || (rc = inner_entities(d)) || (rc = propagate_places(d, owner)) || (rc = finish(d)))
        goto cleanup;
    rc = 0;
cleanup:
    free(owner);
    free(evt);
    return rc;
}
