/* Relations between entities, sentence by sentence:
 *   HOLDS         a person and a post (appositive "X, post, post", "posts - X",
 *                 "post X", "được bầu giữ chức post", "cách chức post ... đối với X");
 *   PARTICIPATES  a person's role in an event (chủ trì, dự, phát biểu tại, chỉ đạo);
 *   AWARDED       who received what from whom;
 *   AUTHOR        the byline.
 * The cue words are gazetteer classes (ROLE, POST_START, ...), so they are data.
 * This file is the driver: it indexes the entities, runs each job over each
 * sentence, and gives every relation its evidence sentence. */
#include <string.h>
#include <utf8proc.h>
#include "relations/context.h"

int vn_relations_extract(vn_rels *out, const vn_view *v, const vn_ents *ents, const vn_pubdate *pub)
{
    rdoc doc = {.text = v->text, .tk = v->tk, .tags = v->tags, .gaz = v->gaz, .ents = ents->v, .nent = ents->n,
                .pub = pub, .out = out}, *rd = &doc;
    rctx c;
    memset(&c, 0, sizeof c);
    c.rd = rd;
    vn_rels_clear(out);
    size_t n = rd->tk->n + 1, ne = rd->nent + 1;
    c.per_at = malloc(n * sizeof *c.per_at);
    c.pos_at = malloc(n * sizeof *c.pos_at);
    c.antecedent = malloc(ne * sizeof *c.antecedent);
    c.role_of = calloc(ne, sizeof *c.role_of);
    int rc = VNNER_ENOMEM;
    if (!c.per_at || !c.pos_at || !c.antecedent || !c.role_of)
        goto cleanup;
    for (size_t t = 0; t < n; t++)
        c.per_at[t] = c.pos_at[t] = -1;
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
    rc = 0;
    for (size_t t = 0; t < rd->tk->n && !rc;) {
        size_t e = t;
        while (e < rd->tk->n && rd->tk->v[e].sent == rd->tk->v[t].sent)
            e++;
        size_t first = rd->out->n;
        rd->sent_tok = (uint32_t)t;
        if (!(rc = vn_r_holds_sentence(&c, (uint32_t)t, (uint32_t)e))) {
            vn_r_supersede(&c, first);
            vn_r_tenure_ends(&c, first, (uint32_t)t, (uint32_t)e);
            rc = vn_r_leavings(&c, first, (uint32_t)t, (uint32_t)e);
            if (!rc)
                rc = vn_r_starts(&c, first, (uint32_t)e);
            if (!rc)
                rc = vn_r_transfers(&c, first, (uint32_t)t, (uint32_t)e);
        }
        if (!rc)
            rc = vn_r_roles_sentence(&c, (uint32_t)t, (uint32_t)e);
        if (!rc)
            rc = vn_r_awards_sentence(&c, (uint32_t)t, (uint32_t)e);
        t = e;
    }
    for (size_t i = 0; i < rd->nent && !rc; i++) {
        const vn_ent *e = &rd->ents[i];
        rd->sent_tok = e->ts;
        if (e->pub.type == VNNER_PERSON && e->pub.rule && !strcmp(e->pub.rule, "byline") &&
            !vn_r_new_rel(rd, VNNER_AUTHOR, (int)i, -1, "byline"))
            rc = VNNER_ENOMEM;
    }
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
cleanup:
    free(c.per_at);
    free(c.pos_at);
    free(c.antecedent);
    free(c.role_of);
    free(c.covered);
    free(c.body_at);
    free(c.date_at);
    free(c.events);
    free(c.claimed);
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

