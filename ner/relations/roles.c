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
        const vn_entry *head = cue_at(rd, h, VN_C_EVENT_HEAD, &len);
        if (!head)
            len = 1;
        else if (vn_entry_flag(head, "part"))
            return 0; /* "điều hành phiên họp": a session of the article's event */
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

/* How specific a role is: one role per person and event, the most specific
 * the text states (chair, then direct, then speak, then attend). */
static int role_rank(const char *role)
{
    static const char *const order[] = {"attend", "speak", "direct", "chair"};
    for (int k = 0; k < 4; k++)
        if (role && !strcmp(role, order[k]))
            return k + 1;
    return 0;
}

static int participate(rctx *c, int person, int event, const char *role, const char *rule)
{
    rdoc *rd = c->rd;
    person = c->antecedent[person];
    if (c->role_of[person]) { /* the person has a role already: a more specific one in that event replaces it */
        vn_rel *old = &rd->out->v[c->role_of[person] - 1];
        if (old->pub.target == event && role_rank(role) > role_rank(old->pub.role)) {
            old->pub.role = role;
            old->pub.rule = rule;
        }
        return 0;
    }
    vn_rel *r = vn_r_new_rel(rd, VNNER_PARTICIPATES, person, event, rule);
    if (!r)
        return VNNER_ENOMEM;
    r->pub.role = role;
    c->role_of[person] = (int)rd->out->n;
    return 0;
}

/* Every person of the match's person spans takes the role its cue names
 * (the ROLE entry's canonical) in the event of the cue; a person given a role
 * earlier in the sentence, by this rule or another, is not taken again. */
int vn_r_roles_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    if (!m->nspan[VN_ARG_ROLE])
        return 0;
    uint32_t cue = m->span[VN_ARG_ROLE][0][0], len = 1;
    const vn_entry *e = vn_r_class_entry(rd, cue, VN_C_ROLE, &len);
    if (!e)
        return 0;
    int per[32];
    int np = vn_r_args(c, m, VN_ARG_PERSON, VNNER_PERSON, per, 32);
    int ev = -2, rc = 0;
    for (int k = 0; k < np && !rc; k++) {
        if (c->claimed[per[k]] == c->gen)
            continue;
        if (rd->ents[per[k]].ts > cue && vn_entry_flag(e, "subject"))
            continue; /* "UBND tỉnh công bố quyết định bổ nhiệm ông X": X is named, not announcing */
        c->claimed[per[k]] = c->gen;
        if (ev == -2)
            ev = event_for(c, s0, s1, cue);
        if (ev >= 0)
            rc = participate(c, per[k], ev, e->canonical, ru->id);
    }
    return rc;
}
