/* The dates of terms a sentence states: ends ("nghỉ hưu từ ngày 1/3/2025",
 * "cách chức"), starts ("giữ chức ... từ ngày 19/2/2025") and transfers
 * ("điều động ông A, Giám đốc Sở X, giữ chức Y": X ends when Y starts).
 * Cue words are gazetteer classes (POST_END, LEAVE, SINCE, TRANSFER). */
#include <string.h>
#include "relations/context.h"
#include "text/text.h"
#include "util/date.h"

/* A full day (YYYY-MM-DD, or the first day of an interval of days). */
static int full_day(const char *v)
{
    return v && strlen(v) >= 10 && v[4] == '-' && v[7] == '-' && (!v[10] || v[10] == '/');
}

/* V moved by DELTA days, into OUT. */
static const char *shift(const char *v, int delta, char out[16])
{
    long d;
    if (vn_date_parse(v, 0, &d))
        return NULL;
    vn_days_format(d + delta, out);
    return out;
}

void vn_r_sentence_day(rctx *c, uint32_t s0, uint32_t s1)
{
    const rdoc *rd = c->rd;
    c->sent_day[0] = c->sent_first[0] = 0;
    for (uint32_t t = s0; t < s1 && t < s0 + 4; t++) { /* "Chiều 6/12", "Trong hai ngày 10 và 11/8" */
        int i = c->date_at[t];
        if (i < 0)
            continue;
        const char *v = rd->ents[i].value;
        /* the day of what the sentence tells, never one after the article */
        if (full_day(v) && (!rd->pub->iso[0] || strncmp(v, rd->pub->iso, 10) <= 0)) {
            const char *last = v[10] == '/' && full_day(v + 11) ? v + 11 : v;
            memcpy(c->sent_first, v, 10);
            c->sent_first[10] = 0;
            memcpy(c->sent_day, last, 10);
            c->sent_day[10] = 0;
        }
        return;
    }
}

void vn_r_lead_day(rctx *c)
{
    const rdoc *rd = c->rd;
    long art;
    c->lead_day[0] = 0;
    if (!rd->pub->iso[0] || vn_date_parse(rd->pub->iso, 0, &art))
        return;
    for (size_t t = 0, k = 0; t < rd->tk->n && k < 5 && !c->lead_day[0]; k++) { /* title, dateline, lead */
        size_t e = t;
        while (e < rd->tk->n && rd->tk->v[e].sent == rd->tk->v[t].sent)
            e++;
        vn_r_sentence_day(c, (uint32_t)t, (uint32_t)e);
        long d;
        if (c->sent_first[0] && !vn_date_parse(c->sent_first, 0, &d) && d >= art - 7 && d < art)
            memcpy(c->lead_day, c->sent_first, sizeof c->lead_day);
        t = e;
    }
    c->sent_day[0] = c->sent_first[0] = 0;
}

int vn_r_seen_days(rctx *c, size_t first)
{
    rdoc *rd = c->rd;
    const char *day = c->sent_first[0] ? c->sent_first : c->lead_day[0] ? c->lead_day : NULL;
    if (!day || (rd->pub->iso[0] && !strncmp(day, rd->pub->iso, 10)))
        return 0;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->seen)
            continue;
        if (!(r->pub.seen = r->seen = vn_strdup(day)))
            return VNNER_ENOMEM;
    }
    return 0;
}

/* The last day in office of one who leaves "from" no stated day: the day
 * before the sentence's day, else before the article's; NULL when neither. */
static const char *last_day_before(const rctx *c, char buf[16])
{
    const char *d = c->sent_day[0] ? c->sent_day : c->lead_day[0] ? c->lead_day : c->rd->pub->iso[0] ? c->rd->pub->iso : NULL;
    return d ? shift(d, -1, buf) : NULL;
}

/* Ends stated in the sentence: "cho thôi giữ chức ... kể từ ngày 4/11/2024"
 * ends the former posts named in it on 3/11/2024 (a year alone is kept as
 * it is); "cách chức" with no day ends the post the day before the
 * sentence's or the article's day. */
void vn_r_tenure_ends(rctx *c, size_t first, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    const char *end = NULL;
    char buf[16], fb[16];
    for (uint32_t t = s0, open = 0; t < s1 && !end; t++) {
        open += rd->tags->sym[t] == VN_S_LPAREN;
        open -= open && rd->tags->sym[t] == VN_S_RPAREN;
        if (open || !cue_at(rd, t, VN_C_POST_END, NULL)) /* a cue in brackets is a remark on one name */
            continue;
        for (uint32_t u = t + 1, depth = 0; u < s1 && !end; u++) {
            int i = c->date_at[u];
            depth += rd->tags->sym[u] == VN_S_LPAREN;
            depth -= depth && rd->tags->sym[u] == VN_S_RPAREN;
            if (depth) /* "đối với các ông A, B (nghỉ hưu từ ngày 1/1/2026) và C": B's own */
                continue;
            if (i >= 0 && rd->ents[i].value && strlen(rd->ents[i].value) >= 4 && !strchr(rd->ents[i].value, '/'))
                end = full_day(rd->ents[i].value) ? shift(rd->ents[i].value, -1, buf) : rd->ents[i].value;
        }
    }
    const char *fallback = NULL;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->to || r->pub.qualifier != vn_r_qual_names[Q_FORMER])
            continue;
        const char *v = end;
        if (!v && r->change == VN_CHANGE_END)
            v = fallback ? fallback : (fallback = last_day_before(c, fb));
        if (v)
            r->pub.to = r->to = vn_strdup(v);
    }
}

/* The date (a day, a month or a year; not a span) of the DATE entity starting at or after token T
 * within [T, LIM), and whether SINCE ("từ") stands right before it. */
static const char *date_after(const rctx *c, uint32_t t, uint32_t lim, int *since)
{
    const rdoc *rd = c->rd;
    for (uint32_t u = t; u < lim; u++) {
        int i = c->date_at[u];
        if (i < 0)
            continue;
        const char *v = rd->ents[i].value;
        if (v && strchr(v, '/') && rd->ents[i].te > u) { /* a term ("nhiệm kỳ 2021 - 2026 kể từ ngày ..."): past it */
            u = rd->ents[i].te - 1;
            continue;
        }
        if (!v || strlen(v) < 4) /* a day, a month or a year */
            return NULL;
        *since = u > 0 && cue_at(rd, u - 1, VN_C_SINCE, NULL) != NULL;
        return v;
    }
    return NULL;
}

static int set_to(vn_rel *r, const char *v)
{
    free(r->to);
    r->pub.to = r->to = vn_strdup(v);
    return r->to ? 0 : VNNER_ENOMEM;
}

/* The person entity of sentence [S0, ..) ending at most GAP tokens before
 * token T, looking back 8 tokens; with PUNCT_ENDS, not across punctuation
 * ("bà X được nghỉ hưu": GAP 3), or -1. */
static int person_near(const rctx *c, uint32_t s0, uint32_t t, uint32_t gap, int punct_ends)
{
    const rdoc *rd = c->rd;
    for (uint32_t u = t; u-- > s0 && t - u <= 8;) {
        if (punct_ends && rd->tk->v[u].kind == VN_TK_PUNCT)
            return -1;
        int i = c->per_at[u];
        if (i >= 0 && rd->ents[i].te <= t && t - rd->ents[i].te <= gap)
            return i;
    }
    return -1;
}

static int person_before(const rctx *c, uint32_t s0, uint32_t t) { return person_near(c, s0, t, 3, 1); }
/* The person entity whose last token is right before T, or -1. */
static int person_ending(const rctx *c, uint32_t s0, uint32_t t) { return person_near(c, s0, t, 0, 0); }

/* A leaving the article tells of without a new relation for it: the posts
 * the article gave PER so far, still open, end on V. */
static int person_leaves(rctx *c, int per, const char *v)
{
    rdoc *rd = c->rd;
    int who = c->antecedent[per];
    for (size_t i = 0; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->to || r->pub.person < 0 || c->antecedent[r->pub.person] != who ||
            r->pub.qualifier == vn_r_qual_names[Q_FORMER] || r->pub.qualifier == vn_r_qual_names[Q_ELECT])
            continue;
        if (set_to(r, v))
            return VNNER_ENOMEM;
    }
    return 0;
}

/* "ông X, Giám đốc Sở Y, được nghỉ hưu": the person named with the post that
 * ends within 3 tokens before T, or -1. */
static int appositive_before(const rctx *c, uint32_t s0, uint32_t t)
{
    const rdoc *rd = c->rd;
    for (uint32_t u = t; u-- > s0 && t - u <= 16;) {
        int p = c->pos_at[u];
        if (p < 0 || rd->ents[p].te > t || t - rd->ents[p].te > 3)
            continue;
        uint32_t ts = rd->ents[p].ts;
        return ts > s0 + 1 && rd->tags->sym[ts - 1] == VN_S_COMMA ? person_ending(c, s0, ts - 1) : -1;
    }
    return -1;
}

/* "nghỉ hưu theo chế độ đối với ông X, ...": the person right after a TOWARD
 * cue within 6 tokens after T (honorifics between), or -1. */
static int person_toward(const rctx *c, uint32_t t, uint32_t s1)
{
    const rdoc *rd = c->rd;
    for (uint32_t u = t; u < s1 && u < t + 6; u++) {
        uint32_t len = 1;
        if (!cue_at(rd, u, VN_C_TOWARD, &len))
            continue;
        for (uint32_t k = u + len; k < s1 && k < u + len + 3; k++)
            if (c->per_at[k] >= 0)
                return c->per_at[k];
        return -1;
    }
    return -1;
}

static const char *date_after(const rctx *c, uint32_t t, uint32_t lim, int *since);

/* A since-date in [T, S1) before a semicolon, as the last day before it, into BUF; or NULL. */
static const char *since_in_clause(const rctx *c, uint32_t t, uint32_t s1, char buf[16])
{
    uint32_t lim = t;
    while (lim < s1 && c->rd->tags->sym[lim] != VN_S_SEMICOLON)
        lim++;
    for (; t < lim; t++) {
        int since = 0;
        const char *v = date_after(c, t, t + 1, &since);
        if (v && since)
            return shift(v, -1, buf);
    }
    return NULL;
}

/* The subject leaves the posts named before a LEAVE cue that follows them
 * closely ("ông A, Giám đốc Sở X, đã nghỉ hưu từ ngày 1/3/2025": the last day
 * is 28/2/2025; with no date, the day before the sentence's or the
 * article's), or, with no post there, the posts the article gave them. */
int vn_r_leavings(rctx *c, size_t first, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    for (uint32_t t = s0; t < s1; t++) {
        uint32_t len = 1;
        if (!cue_at(rd, t, VN_C_LEAVE, &len))
            continue;
        int since = 0, ended = 0;
        char buf[16];
        const char *v = date_after(c, t + len, s1 < t + len + 8 ? s1 : t + len + 8, &since);
        if (v && since)
            v = shift(v, -1, buf);
        if (!v)
            v = last_day_before(c, buf);
        for (size_t i = first; v && i < rd->out->n; i++) {
            vn_rel *r = &rd->out->v[i];
            if (r->pub.type != VNNER_HOLDS || r->pub.target < 0)
                continue;
            uint32_t pe = rd->ents[r->pub.target].te;
            if (pe > t || t - pe > 3) /* the posts just before the cue: ", đã nghỉ hưu" */
                continue;
            ended = 1;
            if (!r->to && set_to(r, v))
                return VNNER_ENOMEM;
        }
        if (ended || !v)
            continue;
        /* "bà X được nghỉ hưu", "ông A, B (nghỉ hưu từ ngày D)", "ông X, Giám đốc Sở Y (named
         * before), được nghỉ hưu", "nghỉ hưu đối với ông X, ..., kể từ ngày D": X's open posts end */
        char wide[16];
        int per = person_before(c, s0, t);
        if (per < 0 && t >= s0 + 2 && rd->tags->sym[t - 1] == VN_S_LPAREN)
            per = person_ending(c, s0, t - 1);
        if (per < 0)
            per = appositive_before(c, s0, t);
        if (per < 0 && (per = person_toward(c, t + len, s1)) >= 0 && !since) /* a decision on no stated day: nothing */
            per = (v = since_in_clause(c, t + len, s1, wide)) ? per : -1;
        if (per >= 0 && person_leaves(c, per, v))
            return VNNER_ENOMEM;
    }
    return 0;
}

/* A start the sentence gives after the post: "giữ chức Chánh Văn phòng từ
 * ngày 19/2/2025". */
/* The start given after the post ending at token PE, into R. */
static int start_after(rctx *c, vn_rel *r, uint32_t pe, uint32_t s1)
{
    int since = 0;
    const char *v = date_after(c, pe, s1 < pe + 10 ? s1 : pe + 10, &since);
    if (!v || !since)
        return 0;
    free(r->from);
    return (r->pub.from = r->from = vn_strdup(v)) ? 0 : VNNER_ENOMEM;
}

int vn_r_starts(rctx *c, size_t first, uint32_t s1)
{
    rdoc *rd = c->rd;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->pub.target < 0 || r->change != VN_CHANGE_START ||
            r->pub.qualifier == vn_r_qual_names[Q_FORMER])
            continue;
        if (start_after(c, r, rd->ents[r->pub.target].te, s1))
            return VNNER_ENOMEM;
    }
    /* "ông X, Chủ tịch UBND tỉnh (named before), được chỉ định giữ chức Chủ tịch UBND tỉnh từ ngày 1/7/2025" */
    for (size_t k = 0; k < c->ntouched; k++) {
        vn_rel *r = &rd->out->v[c->touched[k].rel];
        if (r->pub.qualifier != vn_r_qual_names[Q_FORMER] && !r->to && start_after(c, r, c->touched[k].te, s1))
            return VNNER_ENOMEM;
    }
    c->ntouched = 0;
    return 0;
}

/* "điều động, phân công ông A, Giám đốc Sở X, giữ chức Y": the local posts
 * A was named with (those with a place) end the day before Y starts; national
 * memberships such as Ủy viên Trung ương Đảng go on. */
int vn_r_transfers(rctx *c, size_t first, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    int moved = 0;
    for (uint32_t t = s0; t < s1 && !moved; t++)
        moved = cue_at(rd, t, VN_C_TRANSFER, NULL) != NULL;
    for (size_t i = first; moved && i < rd->out->n; i++) {
        const vn_rel *n = &rd->out->v[i];
        if (n->pub.type != VNNER_HOLDS || n->change != VN_CHANGE_START ||
            n->pub.qualifier == vn_r_qual_names[Q_ELECT] || !n->from)
            continue;
        char buf[16];
        const char *v = shift(n->from, -1, buf);
        for (size_t j = first; v && j < rd->out->n; j++) {
            vn_rel *o = &rd->out->v[j];
            if (j == i || o->pub.type != VNNER_HOLDS || o->pub.person != n->pub.person || o->to ||
                o->change != VN_CHANGE_NONE || !strcmp(o->post, n->post) || !o->place)
                continue;
            if (set_to(o, v))
                return VNNER_ENOMEM;
            o->pub.qualifier = vn_r_qual_names[Q_FORMER]; /* moved on: the old post is a former one */
        }
    }
    return 0;
}

/* "Chủ tịch UBND tỉnh Ninh Bình (cũ)": the post of the unit as it was before
 * a reorganisation ended then: the place's own last day (valid_to), else the
 * last day its gazetteer note gives for the unit before others merged into
 * it (old_to=). */
int vn_r_old_units(rctx *c, size_t first, uint32_t s1)
{
    rdoc *rd = c->rd;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->pub.target < 0 || r->to || !r->place)
            continue;
        uint32_t t = rd->ents[r->pub.target].te;
        if (t + 2 >= s1 || rd->tags->sym[t] != VN_S_LPAREN || rd->tags->sym[t + 2] != VN_S_RPAREN ||
            !cue_at(rd, t + 1, VN_C_OLD_UNIT, NULL))
            continue;
        char *n = vn_normalize_str(r->place, strlen(r->place)), buf[16];
        if (!n)
            return VNNER_ENOMEM;
        const vn_entry *e = vn_gaz_place(rd->gaz, n);
        free(n);
        const char *end = !e ? NULL : e->valid_to && e->valid_to[0] ? e->valid_to : vn_entry_attr(e, "old_to", buf, sizeof buf);
        if (!end || strlen(end) != 10)
            continue;
        if (set_to(r, end))
            return VNNER_ENOMEM;
        if (r->from && strcmp(r->from, end) > 0) { /* "người giữ chức P (cũ)": not a start on the article's day */
            free(r->from);
            r->pub.from = r->from = NULL;
        }
        if (rd->pub->iso[0] && strcmp(rd->pub->iso, end) > 0) /* the article is after it: a post held before */
            r->pub.qualifier = vn_r_qual_names[Q_FORMER];
    }
    return 0;
}
