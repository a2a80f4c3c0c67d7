/* Records: what the store keeps of one annotated document, built either from
 * a vnner_doc or from a line of `annotate --format jsonl --with-text`, so
 * that both ways of ingesting store exactly the same thing. */
#include <jansson.h>
#include <string.h>
#include "pipeline/doc.h"
#include "store/record.h"
#include "util/buf.h"
#include "util/hash.h"

static char *dup0(const char *s) { return s ? vn_strdup(s) : NULL; }

void vnner_record_free(vnner_record *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->source);
    free(r->date);
    free(r->text);
    for (size_t i = 0; i < r->nperson; i++) {
        free(r->persons[i].name);
        free(r->persons[i].norm);
    }
    for (size_t i = 0; i < r->nhold; i++) {
        vn_rec_hold *h = &r->holds[i];
        free(h->post);
        free(h->body);
        free(h->qualifier);
        free(h->from);
        free(h->to);
        free(h->term);
        free(h->place);
        free(h->rule);
        free(h->seen);
    }
    for (size_t i = 0; i < r->npart; i++) {
        free(r->parts[i].event);
        free(r->parts[i].role);
    }
    for (size_t i = 0; i < r->naward; i++) {
        free(r->awards[i].recipient);
        free(r->awards[i].award);
        free(r->awards[i].giver);
    }
    for (size_t i = 0; i < r->nmention; i++) {
        free(r->mentions[i].text);
        free(r->mentions[i].norm);
        free(r->mentions[i].rule);
    }
    free(r->persons);
    free(r->person_slot);
    free(r->holds);
    free(r->parts);
    free(r->awards);
    free(r->authors);
    free(r->mentions);
    free(r);
}

const char *vnner_record_name(const vnner_record *r) { return r->name; }

/* The span A..B of a text of LEN bytes, or none when it is not inside it. */
static vn_rec_span span_in(const char *text, size_t len, size_t a, size_t b)
{
    if (!text || b > len || a >= b)
        return (vn_rec_span){0, 0};
    return (vn_rec_span){a, b};
}

/* The slot of NORM in R's table of persons: where it is, or the empty slot where it goes. */
static size_t person_slot(const vnner_record *r, const char *norm)
{
    size_t h = (size_t)vn_fnv1a(norm, strlen(norm)) & (r->nperson_slot - 1);
    while (r->person_slot[h] && strcmp(r->persons[r->person_slot[h] - 1].norm, norm))
        h = (h + 1) & (r->nperson_slot - 1);
    return h;
}

/* Room in R's table of persons for one more: 0, or -1 when out of memory. */
static int person_room(vnner_record *r)
{
    if ((r->nperson + 1) * 2 <= r->nperson_slot)
        return 0;
    size_t n = r->nperson_slot ? r->nperson_slot * 2 : 64;
    int *sl = calloc(n, sizeof *sl);
    if (!sl)
        return -1;
    free(r->person_slot);
    r->person_slot = sl;
    r->nperson_slot = n;
    for (size_t i = 0; i < r->nperson; i++)
        r->person_slot[person_slot(r, r->persons[i].norm)] = (int)i + 1;
    return 0;
}

/* Index of the person NAME/NORM in R, added when new; -2 when out of memory. */
static int person_index(vnner_record *r, const char *name, const char *norm)
{
    if (person_room(r))
        return -2;
    size_t h = person_slot(r, norm);
    if (r->person_slot[h])
        return r->person_slot[h] - 1;
    if (vn_grow((void **)&r->persons, &r->person_cap, r->nperson + 1, sizeof *r->persons))
        return -2;
    vn_rec_person *p = &r->persons[r->nperson];
    memset(p, 0, sizeof *p);
    p->name = vn_strdup(name);
    p->norm = vn_strdup(norm);
    if (!p->name || !p->norm) {
        free(p->name);
        free(p->norm);
        return -2;
    }
    r->person_slot[h] = (int)r->nperson + 1;
    return (int)r->nperson++;
}

int vn_record_person_of(const vnner_record *r, const char *norm)
{
    if (!norm || !r->nperson_slot)
        return -1;
    size_t h = person_slot(r, norm);
    return r->person_slot[h] ? r->person_slot[h] - 1 : -1;
}

static int grow_rec(vnner_record *r, int which)
{
    switch (which) {
    case 0: return vn_grow((void **)&r->holds, &r->hold_cap, r->nhold + 1, sizeof *r->holds);
    case 1: return vn_grow((void **)&r->parts, &r->part_cap, r->npart + 1, sizeof *r->parts);
    case 2: return vn_grow((void **)&r->awards, &r->award_cap, r->naward + 1, sizeof *r->awards);
    case 3: return vn_grow((void **)&r->authors, &r->author_cap, r->nauthor + 1, sizeof *r->authors);
    default: return vn_grow((void **)&r->mentions, &r->mention_cap, r->nmention + 1, sizeof *r->mentions);
    }
}

/* ---- from a document ---- */

/* A copy of S, or NULL for none; *OOM set when the copy failed. */
static char *dupc(int *oom, const char *s)
{
    char *c = s ? vn_strdup(s) : NULL;
    if (s && !c)
        *oom = 1;
    return c;
}

static char *ent_text(const vnner_doc *d, int i, int *oom)
{
    const vnner_entity *e = vnner_doc_entity(d, (size_t)i);
    char *c = e ? vn_strndup(d->text.orig + e->bstart, e->bend - e->bstart) : NULL;
    if (e && !c)
        *oom = 1;
    return c;
}

/* The document's HOLDS by their position entity and by their post, the first of each: an award's giver
 * is looked up, not searched for (a document of many awards stays linear).  Built on first use. */
typedef struct holders {
    long *by_ent;        /* entity -> first HOLDS relation index, or -1 */
    long *slot;          /* open addressing over posts: relation index + 1 */
    size_t nslot;
    int built;
} holders;

static int holders_build(holders *hs, const vnner_doc *d)
{
    size_t ne = vnner_doc_entity_count(d), nr = vnner_doc_relation_count(d);
    hs->nslot = 16;
    while (hs->nslot < nr * 2 + 2)
        hs->nslot *= 2;
    hs->by_ent = malloc((ne + 1) * sizeof *hs->by_ent);
    hs->slot = calloc(hs->nslot, sizeof *hs->slot);
    if (!hs->by_ent || !hs->slot)
        return -1;
    for (size_t i = 0; i < ne; i++)
        hs->by_ent[i] = -1;
    for (size_t i = 0; i < nr; i++) {
        const vnner_relation *h = vnner_doc_relation(d, i);
        if (h->type != VNNER_HOLDS || h->person < 0)
            continue;
        if (h->target >= 0 && (size_t)h->target < ne && hs->by_ent[h->target] < 0)
            hs->by_ent[h->target] = (long)i;
        if (!h->post)
            continue;
        size_t k = (size_t)vn_fnv1a(h->post, strlen(h->post)) & (hs->nslot - 1);
        while (hs->slot[k] && strcmp(vnner_doc_relation(d, (size_t)hs->slot[k] - 1)->post, h->post))
            k = (k + 1) & (hs->nslot - 1);
        if (!hs->slot[k])
            hs->slot[k] = (long)i + 1;
    }
    hs->built = 1;
    return 0;
}

/* The first HOLDS of position entity POS or of the whole post POST (or NULL), or -1. */
static long holders_find(const holders *hs, const vnner_doc *d, int pos, const char *post)
{
    long best = hs->by_ent[pos];
    if (post) {
        size_t k = (size_t)vn_fnv1a(post, strlen(post)) & (hs->nslot - 1);
        for (; hs->slot[k]; k = (k + 1) & (hs->nslot - 1))
            if (!strcmp(vnner_doc_relation(d, (size_t)hs->slot[k] - 1)->post, post)) {
                if (best < 0 || hs->slot[k] - 1 < best)
                    best = hs->slot[k] - 1;
                break;
            }
    }
    return best;
}

/* The person who gave award REL: its giver when a person, or the holder of its giver when that post is
 * held in the document (the same mention, or the same whole post); -1 when none, -2 when out of memory. */
static int giver_of_doc(vnner_record *r, const vnner_doc *d, const vnner_relation *rel, holders *hs, int *oom)
{
    const vnner_entity *g = rel->target >= 0 ? vnner_doc_entity(d, (size_t)rel->target) : NULL;
    int who = g && g->type == VNNER_PERSON ? rel->target : -1;
    if (g && g->type == VNNER_POSITION) {
        if (!hs->built && holders_build(hs, d))
            return -2;
        long h = holders_find(hs, d, rel->target, rel->post);
        who = h >= 0 ? vnner_doc_relation(d, (size_t)h)->person : -1;
    }
    if (who < 0)
        return -1;
    char *name = ent_text(d, who, oom);
    int pi = name ? person_index(r, name, vnner_doc_entity_norm(d, (size_t)who)) : -2;
    free(name);
    return pi;
}

int vnner_record_from_doc(vnner_record **out, const vnner_doc *d, const char *name, const char *source)
{
    if (!out)
        return VNNER_EINVAL;
    *out = NULL;
    if (!d || !d->annotated) /* never annotated, or its last annotation failed: no whole results to copy */
        return VNNER_EINVAL;
    vnner_record *r = calloc(1, sizeof *r);
    if (!r)
        return VNNER_ENOMEM;
    int oom = 0; /* a copy failed: the record would be partial */
    holders hs = {0};
#define DUP(x) dupc(&oom, (x))
    r->name = DUP(name ? name : "-");
    r->source = DUP(source);
    r->date = DUP(vnner_doc_date(d));
    r->text = vn_strndup(d->text.orig, d->text.olen);
    r->text_len = d->text.olen;
    if (!r->text)
        goto nomem;
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (grow_rec(r, 4))
            goto nomem;
        vn_rec_mention *m = &r->mentions[r->nmention++];
        m->type = (int)e->type;
        m->start = e->start;
        m->end = e->end;
        m->text = ent_text(d, (int)i, &oom);
        m->norm = DUP(vnner_doc_entity_norm(d, i));
        m->rule = DUP(e->rule);
    }
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *rel = vnner_doc_relation(d, i);
        vn_rec_span ev = span_in(d->text.orig, d->text.olen, rel->sentence_start, rel->sentence_end);
        char *pname = rel->person >= 0 ? ent_text(d, rel->person, &oom) : NULL;
        const char *pnorm = rel->person >= 0 ? vnner_doc_entity_norm(d, (size_t)rel->person) : NULL;
        int pi = -1;
        if (pname && vnner_doc_entity(d, (size_t)rel->person)->type == VNNER_PERSON)
            pi = person_index(r, pname, pnorm);
        int rc = pi == -2 || oom ? -1 : 0;
        switch (rc ? -1 : (int)rel->type) {
        case VNNER_HOLDS:
            if (pi < 0 || grow_rec(r, 0)) {
                rc = pi < 0 ? 0 : -1;
                break;
            }
            r->holds[r->nhold++] = (vn_rec_hold){pi, DUP(rel->post), NULL, DUP(rel->qualifier), DUP(rel->from),
                                                 DUP(rel->to), DUP(rel->term), DUP(rel->place), DUP(rel->rule), ev, NULL};
            r->holds[r->nhold - 1].body = DUP(rel->body);
            r->holds[r->nhold - 1].seen = DUP(rel->seen);
            break;
        case VNNER_PARTICIPATES:
            if (pi < 0 || rel->target < 0 || grow_rec(r, 1)) {
                rc = pi < 0 || rel->target < 0 ? 0 : -1;
                break;
            }
            r->parts[r->npart++] = (vn_rec_part){pi, ent_text(d, rel->target, &oom), DUP(rel->role), ev};
            break;
        case VNNER_AWARDED:
            if (grow_rec(r, 2)) {
                rc = -1;
                break;
            }
            if ((rc = giver_of_doc(r, d, rel, &hs, &oom)) == -2)
                break;
            r->awards[r->naward++] = (vn_rec_award){pi, rc, DUP(pname ? pname : rel->recipient), DUP(rel->award),
                                                    rel->post ? DUP(rel->post)
                                                    : rel->target >= 0 ? ent_text(d, rel->target, &oom) : NULL, ev};
            rc = 0;
            break;
        case VNNER_AUTHOR:
            if (pi >= 0 && grow_rec(r, 3))
                rc = -1;
            else if (pi >= 0)
                r->authors[r->nauthor++] = pi;
            break;
        }
        free(pname);
        if (rc || oom)
            goto nomem;
    }
    if (oom)
        goto nomem;
    free(hs.by_ent);
    free(hs.slot);
    *out = r;
    return 0;
#undef DUP
nomem:
    free(hs.by_ent);
    free(hs.slot);
    vnner_record_free(r);
    return VNNER_ENOMEM;
}

/* ---- from JSON ---- */

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Entity index of a reference "e12", or -1. */
static int ref(json_t *o, const char *k, size_t n)
{
    const char *s = jstr(o, k);
    if (!s || s[0] != 'e')
        return -1;
    long v = strtol(s + 1, NULL, 10);
    return v >= 1 && (size_t)v <= n ? (int)v - 1 : -1;
}

static vn_rec_span evidence_of(json_t *rel, const char *text, size_t len)
{
    json_t *ev = json_object_get(rel, "evidence");
    if (!json_is_array(ev) || json_array_size(ev) != 2)
        return (vn_rec_span){0, 0};
    json_int_t a = json_integer_value(json_array_get(ev, 0)), b = json_integer_value(json_array_get(ev, 1));
    if (a < 0 || b < a)
        return (vn_rec_span){0, 0};
    return span_in(text, len, (size_t)a, (size_t)b);
}

/* The person who gave an award whose giver is entity G: G when a person, or the holder of G when a
 * post HOLDS gives (*GIVER becomes that post); -1 when none, -2 when out of memory.  *BY_ENT (entity ->
 * its first HOLDS, built on first use, the caller frees it) makes it a look-up, not a search. */
static int json_giver(vnner_record *r, json_t *ents, json_t *rels, int g, const char **giver, long **by_ent)
{
    size_t ne = json_array_size(ents), i;
    json_t *ge = json_array_get(ents, (size_t)g), *rel;
    const char *gt = jstr(ge, "type");
    int who = gt && !strcmp(gt, "PERSON") ? g : -1;
    if (gt && !strcmp(gt, "POSITION")) {
        if (!*by_ent) {
            if (!(*by_ent = malloc((ne + 1) * sizeof **by_ent)))
                return -2;
            for (size_t k = 0; k < ne; k++)
                (*by_ent)[k] = -1;
            json_array_foreach(rels, i, rel) {
                const char *t = jstr(rel, "type");
                int pos = t && !strcmp(t, "HOLDS") ? ref(rel, "position", ne) : -1;
                if (pos >= 0 && (*by_ent)[pos] < 0 && ref(rel, "person", ne) >= 0 && jstr(rel, "post"))
                    (*by_ent)[pos] = (long)i;
            }
        }
        if ((*by_ent)[g] >= 0) {
            json_t *h = json_array_get(rels, (size_t)(*by_ent)[g]);
            who = ref(h, "person", ne);
            *giver = jstr(h, "post");
        }
    }
    json_t *pe = who >= 0 ? json_array_get(ents, (size_t)who) : NULL;
    const char *pt = pe ? jstr(pe, "type") : NULL;
    if (!pt || strcmp(pt, "PERSON") || !jstr(pe, "text") || !jstr(pe, "norm"))
        return -1;
    return person_index(r, jstr(pe, "text"), jstr(pe, "norm"));
}

static int json_relations(vnner_record *r, json_t *ents, json_t *rels, const char *text, size_t len)
{
    size_t ne = json_array_size(ents);
    size_t i;
    json_t *rel;
    long *by_ent = NULL; /* the giver's holder, built when an award needs it */
    json_array_foreach(rels, i, rel) {
        const char *type = jstr(rel, "type");
        if (!type)
            continue;
        int pe = ref(rel, !strcmp(type, "AWARDED") ? "recipient" : "person", ne);
        json_t *pent = pe >= 0 ? json_array_get(ents, (size_t)pe) : NULL;
        int pi = -1;
        if (pent && jstr(pent, "type") && !strcmp(jstr(pent, "type"), "PERSON") && jstr(pent, "text") && jstr(pent, "norm"))
            pi = person_index(r, jstr(pent, "text"), jstr(pent, "norm"));
        if (pi == -2)
            goto nomem;
        vn_rec_span ev = evidence_of(rel, text, len);
        if (!strcmp(type, "HOLDS") && pi >= 0 && jstr(rel, "post")) {
            if (grow_rec(r, 0))
                goto nomem;
            r->holds[r->nhold++] = (vn_rec_hold){pi, dup0(jstr(rel, "post")), NULL, dup0(jstr(rel, "qualifier")),
                                                 dup0(jstr(rel, "from")), dup0(jstr(rel, "to")), dup0(jstr(rel, "term")),
                                                 dup0(jstr(rel, "place")), dup0(jstr(rel, "rule")), ev, NULL};
            r->holds[r->nhold - 1].body = dup0(jstr(rel, "body"));
            if (jstr(rel, "seen") && !(r->holds[r->nhold - 1].seen = dup0(jstr(rel, "seen"))))
                goto nomem;
        } else if (!strcmp(type, "PARTICIPATES") && pi >= 0) {
            int ev_i = ref(rel, "event", ne);
            if (ev_i >= 0 && jstr(json_array_get(ents, (size_t)ev_i), "text")) {
                if (grow_rec(r, 1))
                    goto nomem;
                r->parts[r->npart++] = (vn_rec_part){pi, dup0(jstr(json_array_get(ents, (size_t)ev_i), "text")),
                                                     dup0(jstr(rel, "role")), ev};
            }
        } else if (!strcmp(type, "AWARDED")) {
            int g = ref(rel, "giver", ne), gi = -1;
            const char *giver = g >= 0 ? jstr(json_array_get(ents, (size_t)g), "text") : NULL;
            if (g >= 0 && (gi = json_giver(r, ents, rels, g, &giver, &by_ent)) == -2)
                goto nomem;
            if (grow_rec(r, 2))
                goto nomem;
            const char *rt = pent ? jstr(pent, "text") : jstr(rel, "recipient");
            r->awards[r->naward++] = (vn_rec_award){pi, gi, dup0(rt), dup0(jstr(rel, "award")), dup0(giver), ev};
        } else if (!strcmp(type, "AUTHOR") && pi >= 0) {
            if (grow_rec(r, 3))
                goto nomem;
            r->authors[r->nauthor++] = pi;
        }
        continue;
    nomem:
        free(by_ent);
        return VNNER_ENOMEM;
    }
    free(by_ent);
    return 0;
}

int vnner_record_from_json(vnner_record **out, const char *line, size_t len, vnner_error *err)
{
    json_error_t je;
    *out = NULL;
    json_t *o = json_loadb(line, len, 0, &je);
    if (!o) {
        vn_set_error(err, VNNER_EJSON, (long long)je.position, "malformed JSON at byte %d: %s", je.position, je.text);
        return VNNER_EJSON;
    }
    json_t *ents = json_object_get(o, "entities"), *rels = json_object_get(o, "relations");
    const char *text = jstr(o, "text");
    if (!json_is_object(o) || !json_is_array(ents) || !json_is_array(rels) || !text) {
        vn_set_error(err, VNNER_EJSON, 0,
                     "not an annotated document: need \"entities\", \"relations\" and \"text\" (annotate --with-text)");
        json_decref(o);
        return VNNER_EJSON;
    }
    vnner_record *r = calloc(1, sizeof *r);
    int rc = VNNER_ENOMEM;
    if (!r)
        goto done;
    json_t *doc = json_object_get(o, "doc");
    char num[32];
    if (json_is_integer(doc))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(doc));
    r->name = vn_strdup(json_is_string(doc) ? json_string_value(doc) : json_is_integer(doc) ? num : "-");
    r->source = dup0(jstr(o, "source"));
    r->date = dup0(jstr(o, "date"));
    r->text_len = json_string_length(json_object_get(o, "text"));
    r->text = vn_strndup(text, r->text_len);
    size_t i;
    json_t *e;
    json_array_foreach(ents, i, e) {
        if (grow_rec(r, 4))
            goto done;
        vn_rec_mention *m = &r->mentions[r->nmention++];
        memset(m, 0, sizeof *m);
        const char *t = jstr(e, "type");
        m->type = -1;
        for (int k = 0; t && k < VNNER_NTYPES; k++)
            if (!strcmp(t, vnner_type_name((vnner_type)k)))
                m->type = k;
        m->start = (size_t)json_integer_value(json_object_get(e, "start"));
        m->end = (size_t)json_integer_value(json_object_get(e, "end"));
        m->text = dup0(jstr(e, "text"));
        m->norm = dup0(jstr(e, "norm"));
        m->rule = dup0(jstr(e, "rule"));
    }
    if (json_relations(r, ents, rels, r->text, r->text_len))
        goto done;
    rc = 0;
done:
    json_decref(o);
    if (rc) {
        vnner_record_free(r);
        vn_set_error(err, rc, -1, "out of memory");
        return rc;
    }
    *out = r;
    return 0;
}
