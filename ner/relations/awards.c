/* AWARDED: who received what from whom. */
#include <string.h>
#include "relations/context.h"

/* ---- AWARDED --------------------------------------------------------------- */

/* The entity (person, body or position) starting at or right after token T. */
static int entity_near(const rdoc *rd, const rctx *c, uint32_t t, uint32_t end)
{
    while (t < end && (rd->tags->sym[t] == VN_S_HONORIFIC || rd->tags->sym[t] == VN_S_RANK))
        t++;
    if (t >= end)
        return -1;
    if (c->per_at[t] >= 0)
        return c->per_at[t];
    if (c->pos_at[t] >= 0)
        return c->pos_at[t];
    return c->body_at[t];
}

static int subject_before(const rdoc *rd, const rctx *c, uint32_t s0, uint32_t t)
{
    int last = -1;
    for (uint32_t u = s0; u < t; u++) {
        if (c->per_at[u] >= 0)
            last = c->per_at[u];
        else if (last < 0 && c->pos_at[u] < 0 && c->body_at[u] >= 0 && rd->ents[c->body_at[u]].pub.parent < 0)
            last = c->body_at[u];
    }
    return last;
}

int vn_r_awards_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    for (uint32_t t = s0; t < s1; t++) {
        uint32_t alen = 1;
        const vn_entry *aw = cue_at(rd, t, VN_C_AWARD, &alen);
        if (!aw)
            continue;
        /* the award's name runs to the next cue or punctuation */
        uint32_t ae = t + alen;
        while (ae < s1 && vn_r_award_word_sym(rd->tags->sym[ae]) && !cue_at(rd, ae, VN_C_AWARD_GIVE, NULL))
            ae++;
        int recipient = -1, giver = -1;
        const char *rule = NULL;
        /* "X nhận AWARD của Y" */
        for (uint32_t u = s0; u < t; u++)
            if (cue_at(rd, u, VN_C_AWARD_GET, NULL)) {
                recipient = subject_before(rd, c, s0, u);
                rule = "receives-award";
            }
        if (rule && ae + 1 < s1 && (rd->tags->sym[ae] == VN_S_OF || vn_r_word_is(rd, ae, "do")))
            giver = entity_near(rd, c, ae + 1, s1); /* "nhận AWARD của Y", "đón nhận AWARD do Y tặng" */
        /* "X được Y tặng AWARD" / "Y trao AWARD cho X" */
        for (uint32_t u = s0; u < t && !rule; u++) {
            if (!cue_at(rd, u, VN_C_AWARD_GIVE, NULL))
                continue;
            int before = subject_before(rd, c, s0, u);
            uint32_t dv = u;
            while (dv > s0 && rd->tags->sym[dv - 1] != VN_S_CUE)
                dv--;
            const char *w = dv > s0 ? rd->text->norm + rd->tk->v[dv - 1].ns : "";
            if (dv > s0 && !strncmp(w, "được", strlen("được"))) {
                giver = entity_near(rd, c, dv, u);
                recipient = subject_before(rd, c, s0, dv - 1);
                rule = "awarded-by";
            } else {
                giver = ae + 1 < s1 && rd->tags->sym[ae] == VN_S_OF ? entity_near(rd, c, ae + 1, s1) : -1;
                if (giver < 0)
                    giver = before;
                for (uint32_t x = ae; x < s1; x++)
                    if (rd->tags->sym[x] == VN_S_CUE && !strncmp(rd->text->norm + rd->tk->v[x].ns, "cho", 3)) {
                        recipient = entity_near(rd, c, x + 1, s1);
                        break;
                    }
                rule = "gives-award";
            }
        }
        if (!rule || recipient < 0)
            continue;
        /* "Thừa ủy quyền của Z, ..." names the giver */
        for (uint32_t u = s0; u + 1 < t; u++)
            if (rd->tags->sym[u] == VN_S_OF && u > s0 && !strncmp(rd->text->norm + rd->tk->v[u - 1].ns, "quyền", strlen("quyền"))) {
                int z = entity_near(rd, c, u + 1, t);
                if (z >= 0)
                    giver = z;
            }
        if (giver < 0) {
            t = ae; /* who gave it is not said: no relation */
            continue;
        }
        if (rd->ents[recipient].pub.type == VNNER_PERSON)
            recipient = c->antecedent[recipient];
        vn_rel *r = vn_r_new_rel(rd, VNNER_AWARDED, recipient, giver, rule);
        if (!r)
            return VNNER_ENOMEM;
        vn_buf b = {0};
        vn_r_display(rd, t, ae, &b);
        r->award = b.p;
        r->pub.award = b.p;
        t = ae;
    }
    return 0;
}

