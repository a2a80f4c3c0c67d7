/* HOLDS: a person and a post, in one pass over each sentence: appositives
 * ("X, post, post"), posts before a name, "posts - X", lists, cue words that
 * start or end a post ("được bầu giữ chức", "thôi giữ chức"), qualifiers. */
#include <string.h>
#include "relations/context.h"

/* "Quyền", "Nguyên" written with a capital before a post are still qualifiers
 * (the tagger reads capitalised cue words as name parts). */
static int is_qualifier_word(const rdoc *rd, uint32_t t)
{
    static const char *const w[] = {"nguyên", "cựu", "tân", "quyền", NULL};
    const vn_token *k = &rd->tk->v[t];
    for (int i = 0; w[i]; i++)
        if (k->ne - k->ns == strlen(w[i]) && !memcmp(rd->text->norm + k->ns, w[i], strlen(w[i])))
            return 1;
    return 0;
}

/* Qualifier written right before a position: nguyên, cựu, tân, Quyền. */
static int qualifier_before(const rdoc *rd, uint32_t ts, int *is_new)
{
    *is_new = 0;
    if (ts == 0)
        return Q_CURRENT;
    uint32_t t = ts - 1;
    while (t > 0 && rd->tags->sym[t] == VN_S_INSIDE)
        t--;
    if (rd->tags->sym[t] != VN_S_QUALIFIER && !(is_qualifier_word(rd, t) && rd->tk->v[t].shape == VN_SH_CAP && !(t == 0 || vn_r_name_sym(rd->tags->sym[t - 1]))))
        return Q_CURRENT;
    const char *w = rd->text->norm + rd->tk->v[t].ns;
    if (!strncmp(w, "nguyên", strlen("nguyên")) || !strncmp(w, "cựu", strlen("cựu")))
        return Q_FORMER;
    if (!strncmp(w, "quyền", strlen("quyền")))
        return Q_ACTING;
    *is_new = 1;
    return Q_CURRENT;
}

static int add_holds(rctx *c, int person, int pos, int qual, const place_ref *sib_place, const char *rule,
                     const char *from, uint32_t sent)
{
    rdoc *rd = c->rd;
    person = c->antecedent[person];
    char *place = NULL;
    uint32_t before = rd->ents[person].ts < rd->ents[pos].ts ? rd->ents[person].ts : rd->ents[pos].ts;
    char *post = vn_r_make_post(c, pos, sib_place, before, &place);
    if (!post)
        return VNNER_ENOMEM;
    for (size_t i = 0; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->pub.person != person)
            continue;
        size_t lr = strlen(r->post), lp = strlen(post);
        if (lr < lp && !strncmp(post, r->post, lr) && post[lr] == ' ' && !r->body && !r->place) {
            free(r->post); /* "Ngoại trưởng" then "Ngoại trưởng Nhật Bản": one post, the fuller name */
            r->post = post;
            r->pub.post = post;
            r->pub.target = pos;
            free(r->place);
            r->pub.place = r->place = place;
            return 0;
        }
        if (lp < lr && !strncmp(r->post, post, lp) && r->post[lp] == ' ' && !place &&
            vn_r_child_of_type(rd, pos, VNNER_BODY) < 0) {
            free(post); /* the bare title again */
            return 0;
        }
        if (!strcmp(r->post, post)) {
            if (qual == Q_FORMER)
                r->pub.qualifier = vn_r_qual_names[Q_FORMER];
            free(post);
            free(place);
            return 0;
        }
    }
    vn_rel *r = vn_r_new_rel(rd, VNNER_HOLDS, person, pos, rule);
    if (!r) {
        free(post);
        free(place);
        return VNNER_ENOMEM;
    }
    r->place = place;
    r->pub.place = place;
    int body = vn_r_child_of_type(rd, pos, VNNER_BODY);
    if (body >= 0) {
        vn_buf title = {0};
        vn_r_display(rd, rd->ents[pos].ts, rd->ents[body].ts, &title);
        size_t tl = title.len;
        vn_buf_free(&title);
        if (tl < strlen(post)) /* the post is the title, a space and the body */
            r->pub.body = r->body = vn_strdup(post + tl + (post[tl] == ' '));
        vn_buf k = {0};
        vn_buf_puts(&k, rd->ents[body].norm);
        if (place && !vn_r_own_place(rd, body)) {
            char *pl = vn_lower_dup(place);
            vn_buf_putc(&k, ' ');
            vn_buf_puts(&k, pl ? pl : "");
            free(pl);
        }
        r->body_key = k.p;
    }
    r->post = post;
    r->pub.post = post;
    r->pub.qualifier = vn_r_qual_names[qual];
    if (from)
        r->pub.from = r->from = vn_strdup(from);
    r->pub.sentence_start = sent;
    /* a term right after the post: "nhiệm kỳ 2021 - 2026", "giai đoạn 2016 - 2021" */
    uint32_t t = rd->ents[pos].te;
    if (t + 1 < rd->tk->n && rd->tags->sym[t] == VN_S_PERIOD_WORD) {
        while (t < rd->tk->n && rd->tags->sym[t] == VN_S_PERIOD_WORD)
            t++;
        while (t < rd->tk->n && rd->tags->sym[t] == VN_S_INSIDE)
            t++;
        int i = t < rd->tk->n ? c->date_at[t] : -1;
        if (i >= 0 && rd->ents[i].value && strchr(rd->ents[i].value, '/')) {
            r->pub.term = r->term = vn_strdup(rd->ents[i].value);
            if (qual == Q_FORMER) {
                r->pub.from = r->from = vn_strndup(rd->ents[i].value, 4);
                r->pub.to = r->to = vn_strdup(rd->ents[i].value + 5);
            }
        }
    }
    return 0;
}

/* ---- HOLDS: one pass over a sentence ----------------------------------- */

typedef struct sstate {
    int group[16], ngroup;   /* the persons the sentence is about now */
    int pend[16], npend;     /* positions waiting for their name */
    int appositive;          /* positions after the group are its own */
    int take;                /* a POST_START cue is open: next position is taken */
    int take_qual;
    int end_pos[16], nend;   /* positions after "cách chức" waiting for "đối với X" */
    int run[16], run_q[16], run_new[16], nrun; /* posts after the group, held until the run ends */
    int plural;              /* "các Phó Thủ tướng: A, B": the pending posts go to every name of the list */
    int pl_ids[16], pl_q[16], npl;
    int ending;
    int toward;
    int elect;
} sstate;


/* Whether a comma comes right before token T, past qualifiers (", nguyên Phó ..."). */
static int comma_before(const rdoc *rd, uint32_t s0, uint32_t t)
{
    while (t > s0 && (rd->tags->sym[t - 1] == VN_S_QUALIFIER || rd->tags->sym[t - 1] == VN_S_HONORIFIC || is_qualifier_word(rd, t - 1)))
        t--;
    /* "X, Bí thư", "X - Bí thư", "X (Bí thư" */
    return t > s0 && (vn_r_punct_is(rd, t - 1, ',') || vn_r_punct_is(rd, t - 1, '-') || vn_r_punct_is(rd, t - 1, '('));
}

/* "các", "những", "hai" ... before a post: it is plural. */
static int plural_before(const rdoc *rd, uint32_t s0, uint32_t ts)
{
    static const char *const w[] = {"các", "những", "hai", "ba", "bốn", "năm", NULL};
    if (ts <= s0)
        return 0;
    for (int i = 0; w[i]; i++)
        if (vn_r_word_is(rd, ts - 1, w[i]))
            return 1;
    return 0;
}

/* Between two names of a list: a comma or "và", honorifics, ranks. */
static int list_glue(const rdoc *rd, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++)
        if (rd->tags->sym[t] != VN_S_COMMA && rd->tags->sym[t] != VN_S_HONORIFIC && rd->tags->sym[t] != VN_S_RANK && rd->tags->sym[t] != VN_S_INSIDE && !vn_r_word_is(rd, t, "và"))
            return 0;
    return to > from;
}

static int only_glue(const rdoc *rd, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++) {
        char s = rd->tags->sym[t];
        if (s == VN_S_COMMA && t + 1 < to && rd->tags->sym[t + 1] == VN_S_RANK)
            continue; /* "Bộ trưởng Bộ Công an, Đại tướng X" */
        if (s != VN_S_DASH && s != VN_S_HONORIFIC && s != VN_S_RANK && s != VN_S_INSIDE && s != VN_S_COLON)
            return 0;
    }
    return 1;
}

/* The place named by the last of coordinated posts that names one. */
static int run_sibling(rctx *c, const int *pos, int n, place_ref *out)
{
    for (int i = n - 1; i >= 0; i--)
        if (vn_r_sibling_of(c, pos[i], out))
            return 1;
    return 0;
}

/* Whether a name follows token T directly (past a dash, honorifics, ranks):
 * "Tổng Bí thư Tô Lâm, Chủ tịch Quốc hội Trần Thanh Mẫn" - the second post is
 * the second name's. */
static int name_follows(const rctx *c, uint32_t t, uint32_t s1)
{
    const rdoc *rd = c->rd;
    while (t < s1 && (rd->tags->sym[t] == VN_S_DASH || rd->tags->sym[t] == VN_S_HONORIFIC || rd->tags->sym[t] == VN_S_RANK || rd->tags->sym[t] == VN_S_INSIDE))
        t++;
    return t < s1 && c->per_at[t] >= 0;
}

/* The posts written after a name ("X, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh
 * Bắc Giang"): all of them, places filled from the one that names its place. */
static int flush_run(rctx *c, sstate *st, uint32_t s0)
{
    if (!st->nrun)
        return 0;
    place_ref sib = {0};
    run_sibling(c, st->run, st->nrun, &sib);
    int rc = 0;
    for (int k = 0; k < st->nrun && !rc; k++)
        for (int g = 0; g < st->ngroup && !rc; g++)
            rc = add_holds(c, st->group[g], st->run[k], st->run_q[k], sib.text ? &sib : NULL, "name-positions",
                           st->run_new[k] && c->rd->pub->iso[0] ? c->rd->pub->iso : NULL, s0);
    free(sib.text);
    st->nrun = 0;
    return rc;
}

int vn_r_holds_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    sstate st;
    memset(&st, 0, sizeof st);
    uint32_t last_end = s0; /* end of the last person or position */
    int last_kind = 0;      /* 1 person, 2 position */
    for (uint32_t t = s0; t < s1;) {
        int pe = c->per_at[t], po = c->pos_at[t];
        if (po >= 0) {
            int is_new;
            int q = qualifier_before(rd, rd->ents[po].ts, &is_new);
            const char *from = is_new && rd->pub->iso[0] ? rd->pub->iso : NULL;
            if (st.ending) {
                if (st.nend < 16)
                    st.end_pos[st.nend++] = po;
            } else if (st.take && st.ngroup) {
                const char *f = rd->pub->iso[0] ? rd->pub->iso : NULL;
                for (int g = 0; g < st.ngroup; g++)
                    if (add_holds(c, st.group[g], po, st.elect ? Q_ELECT : q == Q_ACTING ? q : st.take_qual, NULL,
                                  "post-start", f, s0))
                        return VNNER_ENOMEM;
                st.take = 0;
            } else if (st.appositive && st.ngroup && comma_before(rd, s0, t) && !name_follows(c, rd->ents[po].te, s1)) {
                if (st.nrun == 16 && flush_run(c, &st, s0))
                    return VNNER_ENOMEM;
                st.run[st.nrun] = po;
                st.run_q[st.nrun] = q;
                st.run_new[st.nrun++] = from != NULL;
            } else {
                if (!(last_kind == 2 && t > 0 && (vn_r_punct_is(rd, t - 1, ',') || rd->tags->sym[t - 1] == VN_S_CUE)))
                    st.npend = 0;
                if (st.npend < 16) {
                    st.pend[st.npend++] = po | (q << 24) | (is_new << 28);
                }
            }
            last_end = rd->ents[po].te;
            last_kind = 2;
            t = rd->ents[po].te;
            continue;
        }
        if (pe >= 0) {
            if (flush_run(c, &st, s0))
                return VNNER_ENOMEM;
            if (st.npl && last_kind == 1 && list_glue(rd, last_end, t)) {
                for (int k = 0; k < st.npl; k++)
                    if (add_holds(c, pe, st.pl_ids[k], st.pl_q[k], NULL, "positions-names", NULL, s0))
                        return VNNER_ENOMEM;
            } else {
                st.npl = 0;
            }
            uint32_t pts = st.npend ? rd->ents[st.pend[0] & 0xFFFFFF].ts : 0;
            int owned = st.npend && pts > s0 && (rd->tags->sym[pts - 1] == VN_S_OF || vn_r_word_is(rd, pts - 1, "theo"));
            if (st.npend && !owned && only_glue(rd, last_end, t) && last_kind == 2) {
                int plural = plural_before(rd, s0, rd->ents[st.pend[0] & 0xFFFFFF].ts);
                int ids[16];
                for (int k = 0; k < st.npend; k++)
                    ids[k] = st.pend[k] & 0xFFFFFF;
                place_ref sib = {0};
                run_sibling(c, ids, st.npend, &sib);
                for (int k = 0; k < st.npend; k++) {
                    int q = (st.pend[k] >> 24) & 0xF, nw = st.pend[k] >> 28;
                    if (add_holds(c, pe, ids[k], q, sib.text ? &sib : NULL, "positions-name",
                                  nw && rd->pub->iso[0] ? rd->pub->iso : NULL, s0)) {
                        free(sib.text);
                        return VNNER_ENOMEM;
                    }
                    if (plural && k < 16) {
                        st.pl_ids[k] = ids[k];
                        st.pl_q[k] = q;
                        st.npl = k + 1;
                    }
                }
                free(sib.text);
            }
            st.npend = 0;
            if (st.toward && st.nend) {
                for (int k = 0; k < st.nend; k++)
                    if (add_holds(c, pe, st.end_pos[k], Q_FORMER, NULL, "post-end", NULL, s0))
                        return VNNER_ENOMEM;
                st.nend = 0;
            }
            int joined = last_kind == 1 || (last_kind == 2 && st.appositive);
            for (uint32_t k = last_end; k < t && joined; k++) {
                char s = rd->tags->sym[k];
                joined = s == VN_S_COMMA || s == VN_S_HONORIFIC || s == VN_S_RANK || s == VN_S_INSIDE || vn_r_word_is(rd, k, "và");
            }
            if (!joined || !st.ngroup)
                st.ngroup = 0;
            if (st.ngroup < 16)
                st.group[st.ngroup++] = pe;
            st.appositive = 1;
            st.take = 0;
            last_end = rd->ents[pe].te;
            last_kind = 1;
            t = rd->ents[pe].te;
            continue;
        }
        uint32_t len = 1;
        const vn_entry *e;
        if (rd->tags->sym[t] == VN_S_LPAREN && st.appositive) { /* "ông X (SN 1968), nguyên ...": an aside */
            uint32_t u = t + 1;
            while (u < s1 && u < t + 10 && rd->tags->sym[u] != VN_S_RPAREN && c->per_at[u] < 0 && c->pos_at[u] < 0)
                u++;
            if (u < s1 && rd->tags->sym[u] == VN_S_RPAREN) {
                t = u + 1;
                continue;
            }
        }
        int glue = rd->tags->sym[t] == VN_S_COMMA || rd->tags->sym[t] == VN_S_HONORIFIC || rd->tags->sym[t] == VN_S_RANK || rd->tags->sym[t] == VN_S_DASH ||
                   rd->tags->sym[t] == VN_S_QUALIFIER || rd->tags->sym[t] == VN_S_COLON || rd->tags->sym[t] == VN_S_LPAREN || rd->tags->sym[t] == VN_S_RPAREN ||
                   is_qualifier_word(rd, t);
        if (!glue && flush_run(c, &st, s0)) /* the posts after the name end here */
            return VNNER_ENOMEM;
        if ((e = cue_at(rd, t, VN_C_POST_START, &len))) {
            st.take = 1;
            st.take_qual = Q_CURRENT;
            st.appositive = 0;
        } else if ((e = cue_at(rd, t, VN_C_POST_END, &len))) {
            st.ending = 1;
            st.appositive = 0;
        } else if ((e = cue_at(rd, t, VN_C_ELECT, &len))) {
            st.elect = 1;
            st.appositive = 0;
        } else if ((e = cue_at(rd, t, VN_C_TOWARD, &len))) {
            st.toward = 1;
            st.ending = 0;
        } else if (vn_r_punct_is(rd, t, ';')) {
            st.ngroup = 0;
            st.appositive = 0;
            st.npend = 0;
            len = 1;
        } else if (rd->tags->sym[t] != VN_S_COMMA && rd->tags->sym[t] != VN_S_HONORIFIC && rd->tags->sym[t] != VN_S_RANK && rd->tags->sym[t] != VN_S_DASH &&
                   rd->tags->sym[t] != VN_S_QUALIFIER && rd->tags->sym[t] != VN_S_COLON && rd->tags->sym[t] != VN_S_LPAREN && rd->tags->sym[t] != VN_S_RPAREN &&
                   !is_qualifier_word(rd, t)) {
            st.appositive = 0;
        }
        t += len;
    }
    if (st.nend && !st.toward && st.ngroup) /* "cho ông X thôi giữ chức P": the person came first */
        for (int k = 0; k < st.nend; k++)
            for (int g = 0; g < st.ngroup; g++)
                if (add_holds(c, st.group[g], st.end_pos[k], Q_FORMER, NULL, "post-end", NULL, s0))
                    return VNNER_ENOMEM;
    return flush_run(c, &st, s0);
}

/* A person elected to a post can no longer hold another post of the same
 * body named beside it (Phó Bí thư → Bí thư of the same Tỉnh ủy). */
void vn_r_supersede(rctx *c, size_t first)
{
    rdoc *rd = c->rd;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *n = &rd->out->v[i];
        if (n->pub.type != VNNER_HOLDS || strcmp(n->pub.rule, "post-start") || n->pub.qualifier != vn_r_qual_names[Q_CURRENT])
            continue;
        if (!n->body_key)
            continue;
        for (size_t j = first; j < rd->out->n; j++) {
            vn_rel *o = &rd->out->v[j];
            if (j == i || o->pub.type != VNNER_HOLDS || o->pub.person != n->pub.person || strcmp(o->pub.rule, "name-positions"))
                continue;
            if (o->body_key && !strcmp(o->body_key, n->body_key))
                o->pub.qualifier = vn_r_qual_names[Q_FORMER];
        }
    }
}
