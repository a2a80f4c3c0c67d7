/* PARTICIPATES: a person's role in an event (chủ trì, dự, phát biểu tại, chỉ đạo). */
#include <string.h>
#include "relations/context.h"

/* ---- PARTICIPATES --------------------------------------------------------- */


/* Whether the words after a role cue name an event head that EV does not start with ("dự lễ khởi công"
 * while the article's event is a "hội nghị"): that role is in another event, one the text leaves unnamed. */
static int other_event_named(const rdoc *rd, uint32_t cue, uint32_t s1, int ev)
{
    for (uint32_t h = cue + 1; h < s1 && h <= cue + 4; h++) {
        if (rd->tags->sym[h] != VN_S_EVENT_HEAD)
            continue;
        uint32_t len = 1;
        if (!cue_at(rd, h, VN_C_EVENT_HEAD, &len))
            len = 1;
        const vn_token *a = &rd->tk->v[h], *z = &rd->tk->v[h + len - 1], *e = &rd->tk->v[rd->ents[ev].ts];
        size_t n = z->ne - a->ns;
        return rd->text->nlen - e->ns < n || memcmp(rd->text->norm + a->ns, rd->text->norm + e->ns, n) != 0;
    }
    return 0;
}

/* The event of a role: one in its sentence, else in the sentence before, else the article's first past its title. */
static int event_for(const rctx *c, uint32_t s0, uint32_t s1, uint32_t cue)
{
    const rdoc *rd = c->rd;
    size_t lo = 0, hi = c->nevents;
    while (lo < hi) { /* first event starting at or after s0 */
        size_t mid = (lo + hi) / 2;
        if (rd->ents[c->events[mid]].ts < s0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->nevents && rd->ents[c->events[lo]].ts < s1)
        return c->events[lo];
    int cand = c->main_event; /* an article is about its first event past the title */
    if (lo > 0 && s0 > 0) { /* the sentence before names it */
        const vn_ent *prev = &rd->ents[c->events[lo - 1]];
        if (rd->tk->v[prev->ts].sent + 1 >= rd->tk->v[s0].sent)
            cand = c->events[lo - 1];
    }
    return cand >= 0 && other_event_named(rd, cue, s1, cand) ? -1 : cand;
}

static int participate(rctx *c, int person, int event, const char *role, const char *rule)
{
    rdoc *rd = c->rd;
    person = c->antecedent[person];
    if (c->role_of[person])
        return 0; /* the first role the article gives a person is kept */
    vn_rel *r = vn_r_new_rel(rd, VNNER_PARTICIPATES, person, event, rule);
    if (!r)
        return VNNER_ENOMEM;
    r->pub.role = role;
    c->role_of[person] = 1;
    return 0;
}

int vn_r_roles_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    uint32_t cues[32];
    const char *roles[32];
    int ncue = 0;
    for (uint32_t t = s0; t < s1 && ncue < 32; t++) {
        uint32_t len = 1;
        const vn_entry *e = cue_at(rd, t, VN_C_ROLE, &len);
        if (e && !c->covered[t]) {
            cues[ncue] = t;
            roles[ncue++] = e->canonical;
            t += len - 1;
        }
    }
    if (!ncue)
        return 0;
    uint32_t *claimed = c->claimed, gen = ++c->gen;
    int rc = 0;
    /* backward cues first: "X, post, chủ trì" claims the persons right before it */
    int fwd[32];
    for (int k = 0; k < ncue && !rc; k++) {
        uint32_t from = k ? cues[k - 1] : s0;
        int last = -1;
        for (uint32_t t = from; t < cues[k]; t++)
            if (c->per_at[t] >= 0 && claimed[c->per_at[t]] != gen)
                last = c->per_at[t];
        fwd[k] = last < 0;
        if (last < 0)
            continue;
        int ev = event_for(c, s0, s1, cues[k]);
        /* the group: persons joined to LAST by "và" or commas with posts */
        for (uint32_t t = from; t < cues[k] && !rc; t++) {
            int p = c->per_at[t];
            if (p < 0 || claimed[p] == gen)
                continue;
            int joined = 1;
            for (uint32_t u = rd->ents[p].te; u < rd->ents[last].ts && joined; u++)
                joined = c->per_at[u] >= 0 || rd->tags->sym[u] == VN_S_COMMA || rd->tags->sym[u] == VN_S_CUE || rd->tags->sym[u] == VN_S_HONORIFIC ||
                         rd->tags->sym[u] == VN_S_DASH || rd->tags->sym[u] == VN_S_INSIDE || c->pos_at[u] >= 0 || rd->tags->sym[u] == VN_S_TITLE ||
                         rd->tags->sym[u] == VN_S_TITLE_ALONE || rd->tags->sym[u] == VN_S_BODY || rd->tags->sym[u] == VN_S_LEVEL || rd->tags->sym[u] == VN_S_PLACE ||
                         rd->tags->sym[u] == VN_S_BODY_WEAK || rd->tags->sym[u] == VN_S_SUBBODY || rd->tags->sym[u] == VN_S_BODY_LOCAL || rd->tags->sym[u] == VN_S_RANK;
            if (!joined && p != last)
                continue;
            claimed[p] = gen;
            if (ev >= 0)
                rc = participate(c, p, ev, roles[k], "role-after-name");
        }
    }
    /* forward cues: "Dự hội nghị có X, ...; Y, ..." claims the persons after it */
    for (int k = 0; k < ncue && !rc; k++) {
        if (!fwd[k])
            continue;
        uint32_t to = k + 1 < ncue ? cues[k + 1] : s1;
        int ev = event_for(c, s0, s1, cues[k]);
        for (uint32_t t = cues[k]; t < to && !rc; t++) {
            int p = c->per_at[t];
            if (p < 0 || claimed[p] == gen)
                continue;
            claimed[p] = gen;
            if (ev >= 0)
                rc = participate(c, p, ev, roles[k], "role-before-names");
        }
    }
    return rc;
}

