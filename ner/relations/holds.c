/* HOLDS: a person and a post, in one pass over each sentence: appositives
 * ("X, post, post"), posts before a name, "posts - X", lists, cue words that
 * start or end a post ("được bầu giữ chức", "thôi giữ chức"), qualifiers. */
#include <string.h>
#include "relations/context.h"

/* The qualifier a QUALIFIER entry at token T stands for (its attribute
 * qualifier=former|acting|new), or NULL: "Quyền", "Nguyên" written with a
 * capital count too when no name runs into them. */
static const char *qualifier_word(const rdoc *rd, uint32_t t, char *buf, size_t cap)
{
    if (!(rd->tags->cls_at[t] & (1ull << VN_C_QUALIFIER))) /* a start cue may carry one: "giữ quyền" */
        return rd->tags->sym[t] == VN_S_CUE ? vn_entry_attr(vn_r_chosen(rd, t), "qualifier", buf, cap) : NULL;
    if (rd->tags->sym[t] != VN_S_QUALIFIER &&
        (rd->tk->v[t].shape != VN_SH_CAP || t == 0 || vn_r_name_sym(rd->tags->sym[t - 1])))
        return NULL;
    uint32_t len = 1;
    const vn_entry *e = vn_r_class_entry(rd, t, VN_C_QUALIFIER, &len);
    return vn_entry_attr(e, "qualifier", buf, cap);
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
    char q[16];
    if (!qualifier_word(rd, t, q, sizeof q))
        return Q_CURRENT;
    for (int k = 0; k <= Q_ELECT; k++)
        if (!strcmp(q, vn_r_qual_names[k]))
            return k;
    *is_new = !strcmp(q, "new");
    return Q_CURRENT;
}

static char *post_in_list(rctx *c, int pos, int next, const place_ref *sib, uint32_t before, char **used_place);

/* The post of a member of body BODY: "Ủy viên" and the body as a post names it
 * (its term left out, its place filled in from context). */
static char *member_post(rctx *c, const char *member, int body, uint32_t before, char **used_place)
{
    char *b = vn_r_make_post(c, body, NULL, before, used_place);
    vn_buf p = {0};
    if (b)
        vn_buf_printf(&p, "%s %s", member, b);
    free(b);
    return p.p;
}

/* The body of HOLDS R of position POS (and its key): what follows the title in
 * the post.  Returns 1 when a copy failed, else 0. */
static int set_body(rctx *c, vn_rel *r, int pos, const vn_rel_rule *ru, const char *place)
{
    rdoc *rd = c->rd;
    const char *post = r->post;
    if (ru->member) { /* a membership: the post is the title and the body */
        size_t ml = strlen(ru->member);
        return !(r->pub.body = r->body = vn_strdup(post + ml + 1)) || !(r->body_key = vn_lower_dup(r->body));
    }
    int body = vn_r_child_of_type(rd, pos, VNNER_BODY), oom = 0;
    if (body >= 0) {
        vn_buf title = {0};
        vn_r_title_display(rd, rd->ents[pos].ts, rd->ents[body].ts, &title);
        size_t tl = title.len;
        oom = title.failed;
        vn_buf_free(&title);
        if (!oom && tl < strlen(post)) /* the post is the title, a space and the body */
            oom = !(r->pub.body = r->body = vn_strdup(post + tl + (post[tl] == ' ')));
        vn_buf k = {0};
        vn_buf_puts(&k, rd->ents[body].norm);
        if (place && !vn_r_own_place(rd, body)) {
            char *pl = vn_lower_dup(place);
            oom |= !pl;
            vn_buf_putc(&k, ' ');
            vn_buf_puts(&k, pl ? pl : "");
            free(pl);
        }
        oom |= k.failed || !k.p;
        r->body_key = k.p;
        return oom;
    }
    vn_buf title = {0}, own = {0}; /* a bare title the list or the context completed: its body is what follows the title */
    uint32_t ts = rd->ents[pos].ts, te = rd->ents[pos].te, tl = rd->tags->gm[ts].len ? rd->tags->gm[ts].len : te - ts;
    vn_r_title_display(rd, ts, ts + tl < te ? ts + tl : te, &title);
    vn_r_title_display(rd, ts, te, &own);
    oom = title.failed || own.failed;
    if (!oom && title.len && own.p && strcmp(own.p, post) && title.len + 1 < strlen(post) && post[title.len] == ' ')
        oom = !(r->pub.body = r->body = vn_strdup(post + title.len + 1));
    vn_buf_free(&title);
    vn_buf_free(&own);
    return oom;
}

static int add_holds(rctx *c, int person, int pos, int next, int qual, const place_ref *sib_place, const vn_rel_rule *ru,
                     const char *from, uint32_t sent)
{
    rdoc *rd = c->rd;
    person = c->antecedent[person];
    char *place = NULL;
    uint32_t before = rd->ents[person].ts < rd->ents[pos].ts ? rd->ents[person].ts : rd->ents[pos].ts;
    char *post = ru->member ? member_post(c, ru->member, pos, before, &place) : post_in_list(c, pos, next, sib_place, before, &place);
    if (!post)
        return VNNER_ENOMEM;
    for (uint32_t i1 = c->holds_of[person]; i1; i1 = rd->out->v[i1 - 1].prev_holds) { /* the person's HOLDS only */
        vn_rel *r = &rd->out->v[i1 - 1];
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
            if (ru->change == VN_CHANGE_START && r->sent_tok != rd->sent_tok) {
                if (vn_grow((void **)&c->touched, &c->touched_cap, c->ntouched + 1, sizeof *c->touched)) {
                    free(post);
                    free(place);
                    return VNNER_ENOMEM;
                }
                c->touched[c->ntouched].rel = i1 - 1;
                c->touched[c->ntouched++].te = rd->ents[pos].te;
            }
            if (from && ru->change == VN_CHANGE_START && !r->to && r->pub.qualifier != vn_r_qual_names[Q_FORMER] &&
                (r->from ? strcmp(from, r->from) < 0 : c->sent_day[0] != 0)) {
                /* named in office first, then the start; or the headline's start on the article's day, the body's on its own */
                char *f = vn_strdup(from);
                if (!f) {
                    free(post);
                    free(place);
                    return VNNER_ENOMEM;
                }
                free(r->from);
                r->pub.from = r->from = f;
            }
            free(post);
            free(place);
            return 0;
        }
    }
    vn_rel *r = vn_r_new_rel(rd, VNNER_HOLDS, person, pos, ru->id);
    if (!r) {
        free(post);
        free(place);
        return VNNER_ENOMEM;
    }
    r->prev_holds = c->holds_of[person];
    c->holds_of[person] = (uint32_t)rd->out->n;
    r->place = place;
    r->pub.place = place;
    r->post = post;
    r->pub.post = post;
    r->change = ru->change;
    r->pub.qualifier = vn_r_qual_names[qual];
    r->pub.sentence_start = sent;
    int oom = set_body(c, r, pos, ru, place); /* every copy checked: a field lost is a wrong answer */
    if (from && !(r->pub.from = r->from = vn_strdup(from)))
        oom = 1;
    /* a term right after the post: "nhiệm kỳ 2021 - 2026", "giai đoạn 2016 - 2021" */
    uint32_t t = rd->ents[pos].te;
    if (t + 1 < rd->tk->n && rd->tags->sym[t] == VN_S_PERIOD_WORD) {
        while (t < rd->tk->n && rd->tags->sym[t] == VN_S_PERIOD_WORD)
            t++;
        while (t < rd->tk->n && rd->tags->sym[t] == VN_S_INSIDE)
            t++;
        int i = t < rd->tk->n ? c->date_at[t] : -1;
        if (i >= 0 && rd->ents[i].value && strchr(rd->ents[i].value, '/')) {
            oom |= !(r->pub.term = r->term = vn_strdup(rd->ents[i].value));
            if (qual == Q_FORMER && ru->change != VN_CHANGE_END) { /* a dismissal's "nhiệm kỳ" is the office's term, not the tenure */
                free(r->from);
                oom |= !(r->pub.from = r->from = vn_strndup(rd->ents[i].value, 4));
                oom |= !(r->pub.to = r->to = vn_strdup(rd->ents[i].value + 5));
            }
        }
    }
    return oom ? VNNER_ENOMEM : 0;
}

/* ---- a list's unit for its bare posts -------------------------------------- */

/* The gazetteer entry covering exactly tokens TS..TE at TS, or NULL. */
static const vn_entry *whole_entry(const rdoc *rd, uint32_t ts, uint32_t te)
{
    const vn_entry *e = vn_r_chosen(rd, ts);
    return e && rd->tags->gm[ts].len == te - ts ? e : NULL;
}

enum { BARE_NO, BARE_COMMITTEE, BARE_SUBBODY, BARE_TITLE, BARE_ALONE };

/* How post POS is bare, so that the next post of its list completes it: a
 * party committee naming no unit ("Bí thư Đảng ủy, Chủ tịch UBND xã X"), a
 * part of a body naming no parent ("Bí thư Ban cán sự đảng, Bộ trưởng Bộ Y
 * tế") or a title naming no body ("Phó Tư lệnh, Tham mưu trưởng Quân khu 4"). */
static int bare_kind(const rdoc *rd, int pos)
{
    const vn_ent *p = &rd->ents[pos];
    int body = vn_r_child_of_type(rd, pos, VNNER_BODY);
    char v[16];
    if (body < 0) {
        const vn_entry *e = whole_entry(rd, p->ts, p->te);
        return !e ? BARE_NO : e->cls == VN_C_TITLE ? BARE_TITLE : e->cls == VN_C_TITLE_ALONE ? BARE_ALONE : BARE_NO;
    }
    const vn_ent *b = &rd->ents[body];
    const vn_entry *e = b->te == p->te ? whole_entry(rd, b->ts, b->te) : NULL;
    if (e && e->cls == VN_C_SUBBODY) /* a party body (list=1), not a department another unit's post follows */
        return vn_entry_flag(e, "list") ? BARE_SUBBODY : BARE_NO;
    return e && e->cls == VN_C_BODY_AREA && vn_entry_attr(e, "level", v, sizeof v) && !strcmp(v, "unknown")
               ? BARE_COMMITTEE : BARE_NO;
}

/* The foreign country post NEXT ends with ("Chủ tịch nước Trung Quốc"): a
 * bare post alone before it in the list is that country's ("Tổng Bí thư,
 * Chủ tịch nước Trung Quốc"). Points into NEXT_POST, or NULL. */
static const char *foreign_place_of(const rdoc *rd, int next, const char *next_post)
{
    int pl = vn_r_child_of_type(rd, next, VNNER_PLACE);
    if (pl < 0 || !vn_r_foreign_place(rd, &rd->ents[pl]) || rd->ents[pl].te != rd->ents[next].te)
        return NULL;
    vn_buf b = {0};
    vn_r_display(rd, rd->ents[pl].ts, rd->ents[pl].te, &b);
    size_t n = strlen(next_post);
    const char *out = b.len && b.len < n && !strcmp(next_post + n - b.len, b.p) ? next_post + n - b.len : NULL;
    vn_buf_free(&b);
    return out;
}

/* What the completed post NEXT (the next of the list) gives a bare post of
 * kind KIND: its body ("Quân khu 4", "Công an tỉnh X"); beside the unit's own
 * council or people's committee (government=1) a committee takes the unit
 * ("xã X") and a title nothing; a part of a body takes the parent of a part
 * ("Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy" → "Tỉnh ủy").
 * Points into NEXT_POST, or NULL. */
static const char *unit_of_next(const rdoc *rd, int kind, int next, const char *next_post)
{
    int body = vn_r_child_of_type(rd, next, VNNER_BODY);
    if (kind == BARE_ALONE)
        return body < 0 ? foreign_place_of(rd, next, next_post) : NULL;
    if (body < 0)
        return NULL;
    const vn_ent *b = &rd->ents[body];
    uint32_t from = b->ts; /* the first token the unit keeps */
    const vn_entry *e = vn_r_chosen(rd, from);
    int gov = vn_entry_flag(e, "government");
    if (gov && kind == BARE_TITLE)
        return NULL; /* "Phó Bí thư, Chủ tịch UBND tỉnh": no post of the council */
    if (gov && kind == BARE_COMMITTEE)
        from += rd->tags->gm[from].len;
    while (kind == BARE_SUBBODY && e && e->cls == VN_C_SUBBODY && from + rd->tags->gm[from].len < b->te) {
        from += rd->tags->gm[from].len;
        if (rd->tags->cls_at[from] & (1ull << VN_C_OF))
            from++;
        e = vn_r_chosen(rd, from);
    }
    vn_buf skip = {0};
    vn_r_title_display(rd, rd->ents[next].ts, from, &skip);
    size_t n = skip.len + (skip.len ? 1 : 0);
    vn_buf_free(&skip);
    return n < strlen(next_post) ? next_post + n : NULL;
}

/* The post POS names, completed from NEXT, the next post of its list, when
 * POS is bare; the place it takes in *USED_PLACE (see vn_r_make_post). */
static char *post_in_list(rctx *c, int pos, int next, const place_ref *sib, uint32_t before, char **used_place)
{
    int kind = next >= 0 ? bare_kind(c->rd, pos) : BARE_NO;
    if (kind == BARE_NO)
        return vn_r_make_post(c, pos, sib, before, used_place);
    char *np_place = NULL, *base_place = NULL, *out = NULL;
    char *np = vn_r_make_post(c, next, sib, before, &np_place);
    if (!np)
        return NULL;
    const char *unit = unit_of_next(c->rd, kind, next, np);
    char *base = unit ? vn_r_make_post(c, pos, NULL, before, &base_place) : NULL;
    if (base) {
        vn_buf b = {0};
        vn_buf_printf(&b, "%s %s", base, unit);
        out = b.p;
    }
    free(np);
    free(base);
    free(base_place);
    if (!out) {
        free(np_place);
        return unit ? NULL : vn_r_make_post(c, pos, sib, before, used_place);
    }
    *used_place = np_place;
    return out;
}

/* ---- HOLDS from a relation rule's match ------------------------------------ */

/* The place named by the last of coordinated posts that names one. */
static int run_sibling(rctx *c, const int *pos, int n, place_ref *out)
{
    for (int i = n - 1; i >= 0; i--)
        if (vn_r_sibling_of(c, pos[i], out))
            return 1;
    return 0;
}

/* The qualifier of post POS under rule RU: the rule's when it states one
 * (a post named acting stays acting when it starts), else the word before it. */
static int post_qualifier(const rdoc *rd, const vn_rel_rule *ru, int pos, int *is_new)
{
    int own = qualifier_before(rd, rd->ents[pos].ts, is_new);
    if (!ru->qualifier)
        return own;
    *is_new = 0;
    if (own == Q_ACTING && ru->change == VN_CHANGE_START)
        return Q_ACTING;
    for (int k = 0; k <= Q_ELECT; k++)
        if (!strcmp(ru->qualifier, vn_r_qual_names[k]))
            return k;
    return own;
}

/* Every person of the match's person spans holds every post of its post
 * spans; the posts of one match share the place of the last that names one. */
int vn_r_holds_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m, uint32_t s0)
{
    rdoc *rd = c->rd;
    int per[16], pos[16], np = 0, nq = 0;
    np = vn_r_args(c, m, VN_ARG_PERSON, VNNER_PERSON, per, 16);
    if (!np && m->nspan[VN_ARG_SUBJECT] && (per[0] = vn_r_last_person(c, m->span[VN_ARG_SUBJECT][0][0])) >= 0)
        np = 1;
    nq = vn_r_args(c, m, VN_ARG_POST, ru->member ? VNNER_BODY : VNNER_POSITION, pos, 16);
    if (!np || !nq)
        return 0;
    place_ref sib = {0};
    run_sibling(c, pos, nq, &sib);
    /* a start on no stated day: the day the sentence tells of, else the lead's event's, else the article's */
    const char *art = c->sent_day[0] ? c->sent_day : c->lead_day[0] ? c->lead_day : rd->pub->iso[0] ? rd->pub->iso : NULL;
    int rc = 0;
    for (int k = 0; k < nq && !rc; k++) {
        int is_new;
        int q = post_qualifier(rd, ru, pos[k], &is_new);
        const char *from = ru->from_article || is_new ? art : NULL;
        for (int g = 0; g < np && !rc; g++)
            rc = add_holds(c, per[g], pos[k], k + 1 < nq ? pos[k + 1] : -1, q, sib.text ? &sib : NULL, ru, from, s0);
    }
    free(sib.text);
    return rc;
}

/* A person elected to a post can no longer hold another post of the same
 * body named beside it (Phó Bí thư → Bí thư of the same Tỉnh ủy). */
void vn_r_supersede(rctx *c, size_t first)
{
    rdoc *rd = c->rd;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *n = &rd->out->v[i];
        if (n->pub.type != VNNER_HOLDS || n->change != VN_CHANGE_START || n->pub.qualifier != vn_r_qual_names[Q_CURRENT])
            continue;
        if (!n->body_key)
            continue;
        for (size_t j = first; j < rd->out->n; j++) {
            vn_rel *o = &rd->out->v[j];
            if (j == i || o->pub.type != VNNER_HOLDS || o->pub.person != n->pub.person || o->change != VN_CHANGE_NONE)
                continue;
            if (o->body_key && !strcmp(o->body_key, n->body_key))
                o->pub.qualifier = vn_r_qual_names[Q_FORMER];
        }
    }
}

/* ---- bare titles completed from the article --------------------------------- */

typedef struct full_post {
    const char *title; /* the title part of the post (owned by the caller's array) */
    uint32_t tok;      /* a token of its sentence */
    size_t rel;        /* its HOLDS */
} full_post;

static int cmp_full(const void *a, const void *b)
{
    const full_post *x = a, *y = b;
    int c = strcmp(x->title, y->title);
    return c ? c : x->tok < y->tok ? -1 : x->tok > y->tok;
}

/* The title part of HOLDS R (a TITLE entry the post starts with), into B; 0 when there is none. */
static int title_of(const rdoc *rd, const vn_rel *r, vn_buf *b)
{
    if (r->pub.type != VNNER_HOLDS || r->pub.target < 0)
        return 0;
    const vn_ent *p = &rd->ents[r->pub.target];
    const vn_entry *e = vn_r_chosen(rd, p->ts);
    if (!e || e->cls != VN_C_TITLE || !rd->tags->gm[p->ts].len)
        return 0;
    vn_r_title_display(rd, p->ts, p->ts + rd->tags->gm[p->ts].len, b);
    return b->p && !b->failed;
}

/* The full post nearest token TOK among the N of F with title TITLE, or NULL. */
/* The index of the first full post of TITLE among the N of F (sorted by title, then text order), or N. */
static size_t first_of_title(const full_post *f, size_t n, const char *title)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(f[mid].title, title) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const full_post *nearest_full(const full_post *f, size_t n, const char *title, uint32_t tok)
{
    size_t lo = first_of_title(f, n, title);
    const full_post *best = NULL;
    for (size_t k = lo; k < n && !strcmp(f[k].title, title); k++) { /* the titles' posts in text order: stop past TOK */
        if (!best || (f[k].tok > tok ? f[k].tok - tok : tok - f[k].tok) < (best->tok > tok ? best->tok - tok : tok - best->tok))
            best = &f[k];
        if (f[k].tok > tok)
            break;
    }
    return best;
}

static int copy_post(vn_rel *r, const vn_rel *from)
{
    char *post = vn_strdup(from->post), *body = from->body ? vn_strdup(from->body) : NULL,
         *place = from->place ? vn_strdup(from->place) : NULL, *key = from->body_key ? vn_strdup(from->body_key) : NULL;
    if (!post || (from->body && !body) || (from->place && !place) || (from->body_key && !key)) {
        free(post), free(body), free(place), free(key);
        return VNNER_ENOMEM;
    }
    free(r->post), free(r->body), free(r->place), free(r->body_key);
    r->pub.post = r->post = post;
    r->pub.body = r->body = body;
    r->pub.place = r->place = place;
    r->body_key = key;
    return 0;
}

/* R's post becomes TITLE with the body (and place) of FROM's post: 1, or VNNER_ENOMEM. */
static int title_with_body(vn_rel *r, const char *title, const vn_rel *from)
{
    vn_buf b = {0};
    vn_buf_printf(&b, "%s %s", title, from->body);
    if (b.failed || !b.p || copy_post(r, from)) {
        vn_buf_free(&b);
        return VNNER_ENOMEM;
    }
    free(r->post);
    r->pub.post = r->post = b.p;
    return 1;
}

/* The last full post of TITLE at or before token TOK among the N of F, or NULL. */
static const full_post *full_before(const full_post *f, size_t n, const char *title, uint32_t tok)
{
    const full_post *best = NULL;
    for (size_t k = first_of_title(f, n, title); k < n && !strcmp(f[k].title, title) && f[k].tok <= tok; k++)
        best = &f[k];
    return best;
}

/* A deputy's bare title R (Phó Giám đốc: its first word a COLLECTIVE entry) whose same title is written
 * whole only later: the body of its principal's post written before it (Giám đốc Sở Nông nghiệp và Môi
 * trường ...; then "Sở hiện có 4 Phó Giám đốc là ..."), or 0 when there is none.  1 done, VNNER_ENOMEM. */
static int deputy_of_principal(rdoc *rd, vn_rel *r, const char *title, const full_post *full, size_t nf)
{
    uint32_t ts = rd->ents[r->pub.target].ts;
    const char *sp = strchr(title, ' ');
    if (!sp || !(rd->tags->cls_at[ts] & (1ull << VN_C_COLLECTIVE)))
        return 0;
    const full_post *p = full_before(full, nf, sp + 1, r->sent_tok);
    const vn_rel *from = p ? &rd->out->v[p->rel] : NULL;
    return from && from->body ? title_with_body(r, title, from) : 0;
}

/* A bare title R that is a shorter title with words after it (Phó Bí thư Thường trực) and is never
 * written whole: the body of the nearest full post of the shorter title ("các Phó Bí thư Tỉnh ủy gồm: ...
 * C (Phó Bí thư Thường trực)"), or 0 when there is none.  1 done, VNNER_ENOMEM. */
static int from_shorter_title(rdoc *rd, vn_rel *r, const char *title, const full_post *full, size_t nf)
{
    size_t len = strlen(title);
    char *pre = vn_strdup(title);
    if (!pre)
        return VNNER_ENOMEM;
    const full_post *f = NULL;
    for (size_t k = len; !f && k-- > 0;) /* the longest shorter title of two words or more */
        if (pre[k] == ' ') {
            pre[k] = 0;
            f = strchr(pre, ' ') ? nearest_full(full, nf, pre, r->sent_tok) : NULL;
        }
    free(pre);
    const vn_rel *from = f ? &rd->out->v[f->rel] : NULL;
    return from && from->body ? title_with_body(r, title, from) : 0;
}

/* The bodies of the document whose name starts with the word HEAD (Bộ), in
 * text order, none naming a foreign country: *N of them, in a new array. */
static int *bodies_headed(const rdoc *rd, const char *head, size_t *n)
{
    size_t hl = strlen(head);
    int *v = malloc((rd->nent + 1) * sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < rd->nent; i++) {
        const vn_ent *b = &rd->ents[i];
        if (b->pub.type != VNNER_BODY || !b->norm || strncmp(b->norm, head, hl) || b->norm[hl] != ' ')
            continue;
        int foreign = 0;
        for (size_t k = i + 1; k < rd->nent && rd->ents[k].ts < b->te && !foreign; k++)
            foreign = rd->ents[k].pub.type == VNNER_PLACE && vn_r_foreign_place(rd, &rd->ents[k]);
        if (!foreign)
            v[(*n)++] = (int)i;
    }
    return v;
}

/* Bare title R (Thứ trưởng) whose title entry names the head of its body
 * (head=Bộ) and that no fuller post completed: the post of the nearest such
 * body before it, else after it (an article about Bộ Công Thương: Thứ trưởng
 * Bộ Công Thương).  HEADS caches the bodies of each head.  Returns 0 or VNNER_ENOMEM. */
typedef struct head_bodies {
    char head[32];
    int *v;
    size_t n;
} head_bodies;

static int complete_from_head(rctx *c, vn_rel *r, const char *title, head_bodies *heads, int *nheads)
{
    rdoc *rd = c->rd;
    const vn_entry *e = vn_r_chosen(rd, rd->ents[r->pub.target].ts);
    char head[32];
    if (!e || !vn_entry_attr(e, "head", head, sizeof head))
        return 0;
    char *h = vn_lower_dup(head);
    if (!h)
        return VNNER_ENOMEM;
    head_bodies *hb = NULL;
    for (int k = 0; k < *nheads && !hb; k++)
        if (!strcmp(heads[k].head, h))
            hb = &heads[k];
    if (!hb && *nheads < 8) {
        hb = &heads[(*nheads)++];
        snprintf(hb->head, sizeof hb->head, "%s", h);
        if (!(hb->v = bodies_headed(rd, h, &hb->n))) {
            free(h);
            return VNNER_ENOMEM;
        }
    }
    free(h);
    if (!hb || !hb->n)
        return 0;
    size_t lo = 0, hi = hb->n; /* the first body at or after the relation's sentence */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (rd->ents[hb->v[mid]].ts < r->sent_tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    int body = hb->v[lo ? lo - 1 : 0];
    vn_buf b = {0}, p = {0};
    vn_r_display_expanded(rd, rd->ents[body].ts, rd->ents[body].te, &b);
    vn_buf_printf(&p, "%s %s", title, b.p ? b.p : "");
    char *key = vn_strdup(rd->ents[body].norm);
    if (b.failed || p.failed || !b.p || !p.p || !key) {
        vn_buf_free(&b), vn_buf_free(&p), free(key);
        return VNNER_ENOMEM;
    }
    free(r->post), free(r->body), free(r->body_key);
    r->pub.post = r->post = p.p;
    r->pub.body = r->body = b.p;
    r->body_key = key;
    return 0;
}

int vn_r_complete_bare_titles(rctx *c)
{
    rdoc *rd = c->rd;
    size_t n = rd->out->n, nf = 0;
    char **title = calloc(n + 1, sizeof *title);
    full_post *full = malloc((n + 1) * sizeof *full);
    head_bodies heads[8];
    int nheads = 0;
    int rc = VNNER_ENOMEM;
    if (!title || !full)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        vn_rel *r = &rd->out->v[i];
        vn_buf b = {0};
        if (!title_of(rd, r, &b)) {
            if (b.failed)
                goto cleanup;
            vn_buf_free(&b);
            continue;
        }
        title[i] = b.p;
        if (strcmp(r->post, b.p)) /* a fuller post of the title */
            full[nf++] = (full_post){b.p, r->sent_tok, i};
    }
    qsort(full, nf, sizeof *full, cmp_full);
    for (size_t i = 0; i < n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (!title[i] || strcmp(r->post, title[i]) || r->body || r->place)
            continue;
        const full_post *f = nearest_full(full, nf, title[i], r->sent_tok);
        if (!f || f->tok > r->sent_tok) { /* written whole only later, or never: a principal's post before */
            int d = deputy_of_principal(rd, r, title[i], full, nf);
            if (d < 0)
                goto cleanup;
            if (d)
                continue;
        }
        int sh = f ? 0 : from_shorter_title(rd, r, title[i], full, nf);
        if (sh < 0)
            goto cleanup;
        if (!sh && (f ? copy_post(r, &rd->out->v[f->rel]) : complete_from_head(c, r, title[i], heads, &nheads)))
            goto cleanup;
    }
    rc = 0;
cleanup:
    for (int k = 0; k < nheads; k++)
        free(heads[k].v);
    for (size_t i = 0; title && i < n; i++)
        free(title[i]);
    free(title);
    free(full);
    return rc;
}
