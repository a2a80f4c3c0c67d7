/* Relations between entities, sentence by sentence.  Which person holds
 * which post, takes which role, received which award or wrote the article is
 * decided by the relation rules of models/ (phase relations): this driver
 * writes the relation string (each top-level entity as one type), runs the
 * rules over each sentence, hands each match to its job (holds.c, roles.c,
 * awards.c), then runs the procedural steps that are not patterns (term
 * dates, supersession) and gives every relation its evidence sentence. */
#include <string.h>
#include <utf8proc.h>
#include "relations/context.h"
#include "rules/pattern.h"

/* The relation string: the tag string with each entity that is not inside
 * another (an event's inner entities excepted) written as its type, so that
 * @PERSON in a rule is one whole name; OV_ENT maps first tokens to entities. */
static void write_subject(rctx *c)
{
    rdoc *rd = c->rd;
    memcpy(c->subj, rd->tags->sym, rd->tk->n);
    for (int pass = 0; pass < 2; pass++) /* events first: the entities inside them show through */
        for (size_t i = 0; i < rd->nent; i++) {
            const vn_ent *e = &rd->ents[i];
            int ev = e->pub.type == VNNER_EVENT;
            int p = e->pub.parent;
            if (ev != (pass == 0) || (p >= 0 && rd->ents[p].pub.type != VNNER_EVENT) || e->te <= e->ts)
                continue;
            int t = (int)e->pub.type, byline = t == VNNER_PERSON && e->pub.rule == vn_byline_rule;
            c->subj[e->ts] = (unsigned char)(VN_ENT_START + (byline ? VN_ENT_BYLINE : t));
            memset(c->subj + e->ts + 1, VN_ENT_INSIDE + t, e->te - e->ts - 1);
            for (uint32_t k = e->ts; k < e->te; k++)
                c->ov_ent[k] = -1;
            c->ov_ent[e->ts] = (int)i;
        }
}

typedef struct sent_ctx {
    rctx *c;
    uint32_t s0, s1;
} sent_ctx;

/* One match of a relation rule, handed to the job of its type. */
static int on_match(void *ctx, const vn_rel_rule *ru, const vn_rel_match *m)
{
    sent_ctx *x = ctx;
    rctx *c = x->c;
    switch (ru->type) {
    case VNNER_HOLDS:
        return vn_r_holds_match(c, ru, m, x->s0);
    case VNNER_PARTICIPATES:
        return vn_r_roles_match(c, ru, m, x->s0, x->s1);
    case VNNER_AWARDED:
        return vn_r_awards_match(c, ru, m);
    default: {
        int per[8];
        int n = vn_r_args(c, m, VN_ARG_PERSON, VNNER_PERSON, per, 8);
        for (int k = 0; k < n; k++)
            if (!vn_r_new_rel(c->rd, VNNER_AUTHOR, per[k], -1, ru->id))
                return VNNER_ENOMEM;
        return 0;
    }
    }
}

/* The term steps of one sentence, over the HOLDS it stated (from FIRST on). */
static int term_steps(rctx *c, size_t first, uint32_t s0, uint32_t s1)
{
    vn_r_supersede(c, first);
    vn_r_tenure_ends(c, first, s0, s1);
    int rc = vn_r_seen_days(c, first);
    if (!rc)
        rc = vn_r_old_units(c, first, s1);
    if (!rc)
        rc = vn_r_leavings(c, first, s0, s1);
    if (!rc)
        rc = vn_r_starts(c, first, s1);
    if (!rc)
        rc = vn_r_transfers(c, first, s0, s1);
    return rc;
}

int vn_relations_extract(vn_rels *out, const vn_view *v, const vn_ents *ents, const vn_pubdate *pub,
                         const vn_rules *rules)
{
    rdoc doc = {.text = v->text, .tk = v->tk, .tags = v->tags, .gaz = v->gaz, .ents = ents->v, .nent = ents->n,
                .pub = pub, .out = out}, *rd = &doc;
    rctx c;
    vn_rel_matcher *mt = NULL;
    memset(&c, 0, sizeof c);
    c.rd = rd;
    vn_rels_clear(out);
    size_t n = rd->tk->n + 1, ne = rd->nent + 1;
    c.per_at = malloc(n * sizeof *c.per_at);
    c.pos_at = malloc(n * sizeof *c.pos_at);
    c.ov_ent = malloc(n * sizeof *c.ov_ent);
    c.subj = malloc(n);
    c.antecedent = malloc(ne * sizeof *c.antecedent);
    c.role_of = calloc(ne, sizeof *c.role_of);
    c.holds_of = calloc(ne, sizeof *c.holds_of);
    int rc = VNNER_ENOMEM;
    if (!c.per_at || !c.pos_at || !c.antecedent || !c.role_of || !c.holds_of || !c.ov_ent || !c.subj)
        goto cleanup;
    for (size_t t = 0; t < n; t++)
        c.per_at[t] = c.pos_at[t] = c.ov_ent[t] = -1;
    c.body_at = malloc(n * sizeof *c.body_at);
    c.date_at = malloc(n * sizeof *c.date_at);
    c.events = malloc(ne * sizeof *c.events);
    c.claimed = calloc(ne, sizeof *c.claimed);
    if (!(c.covered = calloc(n, 1)) || !c.body_at || !c.date_at || !c.events || !c.claimed)
        goto cleanup;
    for (size_t t = 0; t < n; t++)
        c.body_at[t] = c.date_at[t] = -1;
    for (size_t i = 0; i < rd->nent; i++) {
        const vn_ent *e = &rd->ents[i];
        if (e->pub.type == VNNER_PERSON || e->pub.type == VNNER_POSITION || e->pub.type == VNNER_BODY)
            memset(c.covered + e->ts, 1, e->te - e->ts);
        if (e->pub.type == VNNER_BODY && c.body_at[e->ts] < 0)
            c.body_at[e->ts] = (int)i;
        if (e->pub.type == VNNER_DATE && c.date_at[e->ts] < 0)
            c.date_at[e->ts] = (int)i;
        if (e->pub.type == VNNER_EVENT)
            c.events[c.nevents++] = (int)i;
        if (e->pub.type == VNNER_PERSON && c.per_at[e->ts] < 0)
            c.per_at[e->ts] = (int)i;
        if (e->pub.type == VNNER_POSITION && c.pos_at[e->ts] < 0)
            c.pos_at[e->ts] = (int)i;
    }
    c.main_event = c.nevents ? c.events[0] : -1;
    for (size_t k = 0; k < c.nevents; k++)
        if (rd->tk->v[rd->ents[c.events[k]].ts].line > 0) {
            c.main_event = c.events[k];
            break;
        }
    vn_r_link_short_names(&c);
    vn_r_find_place(&c);
    write_subject(&c);
    vn_r_lead_day(&c);
    if ((rc = vn_rel_matcher_new(&mt, rules, v, c.subj)))
        goto cleanup;
    for (size_t t = 0; t < rd->tk->n && !rc;) {
        size_t e = t;
        while (e < rd->tk->n && rd->tk->v[e].sent == rd->tk->v[t].sent)
            e++;
        size_t first = rd->out->n;
        rd->sent_tok = (uint32_t)t;
        c.gen++;
        vn_r_sentence_day(&c, (uint32_t)t, (uint32_t)e);
        sent_ctx x = {&c, (uint32_t)t, (uint32_t)e};
        rc = vn_rel_matcher_run(mt, (uint32_t)t, (uint32_t)e, on_match, &x);
        if (!rc)
            rc = term_steps(&c, first, (uint32_t)t, (uint32_t)e);
        t = e;
    }
    if (!rc)
        rc = vn_r_complete_bare_titles(&c);
    /* evidence: the byte span of each relation's sentence */
    if (!rc && rd->out->n) {
        uint32_t ns = rd->tk->nsent + 1;
        size_t *sa = calloc(ns, sizeof *sa), *sb = calloc(ns, sizeof *sb);
        if (!sa || !sb)
            rc = VNNER_ENOMEM;
        for (size_t t = 0; !rc && t < rd->tk->n; t++) {
            const vn_token *k = &rd->tk->v[t];
            if (k->kind == VN_TK_NEWLINE || k->sent >= ns)
                continue;
            if (!sb[k->sent])
                sa[k->sent] = k->os;
            sb[k->sent] = k->oe;
        }
        for (size_t i = 0; !rc && i < rd->out->n; i++) {
            vnner_relation *r = &rd->out->v[i].pub;
            if (rd->out->v[i].sent_tok >= rd->tk->n)
                continue;
            uint32_t sn = rd->tk->v[rd->out->v[i].sent_tok].sent;
            r->sentence_start = sa[sn];
            r->sentence_end = sb[sn];
        }
        free(sa);
        free(sb);
    }
    if (!rc && c.oom)
        rc = VNNER_ENOMEM;
cleanup:
    vn_rel_matcher_free(mt);
    free(c.ov_ent);
    free(c.subj);
    free(c.per_at);
    free(c.pos_at);
    free(c.antecedent);
    free(c.role_of);
    free(c.holds_of);
    free(c.covered);
    free(c.body_at);
    free(c.date_at);
    free(c.events);
    free(c.claimed);
    free(c.place_before);
    free(c.touched);
    for (int lv = 0; lv < LV_N; lv++)
        free(c.lv_place[lv].text);
    return rc;
}

void vn_rels_clear(vn_rels *out)
{
    for (size_t i = 0; i < out->n; i++) {
        vn_rel *r = &out->v[i];
        free(r->post);
        free(r->award);
        free(r->recipient);
        free(r->from);
        free(r->to);
        free(r->term);
        free(r->place);
        free(r->body_key);
        free(r->body);
        free(r->seen);
    }
    out->n = 0;
}

void vn_rels_free(vn_rels *out)
{
    if (!out)
        return;
    vn_rels_clear(out);
    free(out->v);
    memset(out, 0, sizeof *out);
}

