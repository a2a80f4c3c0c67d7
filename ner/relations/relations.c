/* Relations between entities, sentence by sentence:
 *   HOLDS         a person and a post (appositive "X, post, post", "posts - X",
 *                 "post X", "được bầu giữ chức post", "cách chức post ... đối với X");
 *   PARTICIPATES  a person's role in an event (chủ trì, dự, phát biểu tại, chỉ đạo);
 *   AWARDED       who received what from whom;
 *   AUTHOR        the byline.
 * The cue words are gazetteer classes (ROLE, POST_START, ...), so they are data. */
#include <string.h>
#include <utf8proc.h>
#include "internal.h"

enum { Q_CURRENT, Q_FORMER, Q_ACTING, Q_ELECT };
static const char *const qual_names[] = {"current", "former", "acting", "elect"};

/* Administrative levels of a place, and the unit word that names them. */
enum { LV_PROVINCE, LV_DISTRICT, LV_COMMUNE, LV_N };

typedef struct place_ref {
    char *text;             /* the place as shown in posts */
    const char *unit;       /* "tỉnh", "thành phố", "huyện", "phường" ... */
    int level;              /* LV_*, -1 unknown */
} place_ref;

typedef struct rctx {
    vnner_doc *d;
    int *per_at, *pos_at;   /* entity starting at a token, or -1 */
    int *antecedent;        /* full-name entity of a short reference, or itself */
    int *role_of;           /* PARTICIPATES already given to a person (first wins) */
    uint8_t *covered;       /* token inside a person, position or body */
    int *body_at, *date_at; /* top-level BODY / DATE entity starting at a token, or -1 */
    int *events;            /* EVENT entities in text order */
    size_t nevents;
    int main_event;         /* the first event past the title, else the first, else -1 */
    uint32_t *claimed;      /* sentence generation in which a person was given a role */
    uint32_t gen;
    place_ref lv_place[LV_N]; /* the article's own place at each level */
} rctx;

static _Thread_local uint32_t cur_sentence_tok; /* the sentence being read (set by the driver) */

static vn_rel *new_rel(vnner_doc *d, vnner_rel_type type, int person, int target, const char *rule)
{
    if (vn_grow((void **)&d->rels, &d->rel_cap, d->nrel + 1, sizeof *d->rels))
        return NULL;
    vn_rel *r = &d->rels[d->nrel++];
    memset(r, 0, sizeof *r);
    r->sent_tok = cur_sentence_tok;
    r->pub.type = type;
    r->pub.person = person;
    r->pub.target = target;
    r->pub.rule = rule;
    r->pub.sentence_start = r->pub.sentence_end = 0;
    return r;
}

/* The gazetteer entry of class CLS that matches at token T (longest), or NULL;
 * the per-token class mask answers most calls without a trie walk. */
#define cue_at(d, t, cls, len) (((d)->cls_at[t] & (1ull << (cls))) ? cue_walk(d, t, cls, len) : NULL)
static const vn_entry *cue_walk(const vnner_doc *d, size_t t, int cls, uint32_t *len)
{
    const vn_gaz *g = d->model->gaz;
    const vn_entry *best = NULL;
    uint32_t node = 1;
    for (size_t j = t; j < d->tk.n && d->tk.v[j].syl; j++) {
        if (!(node = vn_gaz_step(g, node, d->tk.v[j].syl)))
            break;
        for (uint32_t e = vn_gaz_entries(g, node); e; e = vn_gaz_entry(g, e)->next)
            if (vn_gaz_entry(g, e)->cls == cls) {
                best = vn_gaz_entry(g, e);
                if (len)
                    *len = (uint32_t)(j - t + 1);
            }
    }
    if (best && cls != VN_C_AWARD && d->tk.v[t].shape != VN_SH_LOWER && !(d->tk.v[t].flags & VN_TF_SENT_START))
        return NULL; /* a capitalised cue word mid-sentence is a name part */
    return best;
}

static int punct_is(const vnner_doc *d, size_t t, char c)
{
    const vn_token *k = &d->tk.v[t];
    return k->kind == VN_TK_PUNCT && d->text.norm[k->ns] == c;
}

/* Text of tokens [ts, te) in the normalised tone style with the original's
 * capitals, spaces collapsed. */
static void display(const vnner_doc *d, uint32_t ts, uint32_t te, vn_buf *b)
{
    for (uint32_t t = ts; t < te; t++) {
        const vn_token *k = &d->tk.v[t];
        if (t > ts && d->tk.v[t - 1].ne < k->ns && b->len && b->p[b->len - 1] != ' ')
            vn_buf_putc(b, ' ');
        for (uint32_t i = k->ns; i < k->ne;) {
            int32_t cp;
            int n = vn_utf8_decode((const unsigned char *)d->text.norm + i, k->ne - i, &cp);
            if (n < 0)
                break;
            char o[4];
            if (d->text.nflags[i] & VN_NF_UPPER)
                cp = utf8proc_toupper(cp);
            vn_buf_add(b, o, (size_t)vn_utf8_encode(cp, o));
            i += (uint32_t)n;
        }
    }
}

/* Whether place entity P is a foreign country or city (and nothing more: "Mỹ
 * Hòa Hưng" is a commune, not the United States). */
static int foreign_place(const vnner_doc *d, const vn_ent *p)
{
    const vn_entry *e = p->entry ? vn_gaz_entry(d->model->gaz, p->entry) : NULL;
    return e && e->foreign && e->ntok == p->te - p->ts;
}

/* ---- the article's place -------------------------------------------- */

static int word_is(const vnner_doc *d, uint32_t t, const char *w);

/* The level and unit word of the unit token at T (tỉnh, thành phố, huyện, xã ...), or -1. */
static int unit_level(const vnner_doc *d, uint32_t t, const char **unit)
{
    static const struct { const char *w; int lv; const char *unit; } u[] = {
        {"tỉnh", LV_PROVINCE, "tỉnh"}, {"thành", LV_PROVINCE, "thành phố"}, {"tp", LV_PROVINCE, "thành phố"},
        {"thủ", LV_PROVINCE, "thành phố"}, {"huyện", LV_DISTRICT, "huyện"}, {"quận", LV_DISTRICT, "quận"},
        {"thị", LV_DISTRICT, "thị xã"}, {"tx", LV_DISTRICT, "thị xã"}, {"xã", LV_COMMUNE, "xã"},
        {"phường", LV_COMMUNE, "phường"}, {"đặc", LV_COMMUNE, "đặc khu"}, {NULL, 0, NULL}};
    if (d->tags[t] != 'L' && d->tags[t] != 'l')
        return -1;
    for (int k = 0; u[k].w; k++)
        if (word_is(d, t, u[k].w)) {
            *unit = u[k].unit;
            /* "thị trấn" is a commune-level unit, "thị xã" a district-level one */
            if (!strcmp(u[k].w, "thị") && t + 1 < d->tk.n && word_is(d, t + 1, "trấn")) {
                *unit = "thị trấn";
                return LV_COMMUNE;
            }
            return u[k].lv;
        }
    return -1;
}

static int body_level(const vnner_doc *d, int body);

/* The unit token before the place entity P (skipping the rest of a unit word). */
static int place_level(const vnner_doc *d, const vn_ent *p, const char **unit)
{
    uint32_t t = p->ts;
    while (t > 0 && (d->tags[t - 1] == '_' || d->tags[t - 1] == '~'))
        t--;
    *unit = "tỉnh";
    if (t > 0) {
        int lv = unit_level(d, t - 1, unit);
        if (lv >= 0)
            return lv;
    }
    if (p->entry && vn_gaz_entry(d->model->gaz, p->entry)->cls == VN_C_PLACE)
        return LV_PROVINCE; /* a listed place without a unit word: a province or city */
    if (p->pub.parent >= 0 && d->ents[p->pub.parent].pub.type == VNNER_BODY) {
        int lv = body_level(d, p->pub.parent); /* Huyện ủy Diễn Châu: a district */
        *unit = lv == LV_DISTRICT ? "huyện" : lv == LV_COMMUNE ? "xã" : "tỉnh";
        return lv;
    }
    return -1;
}

/* The article's own place at each level: the most mentioned, counting titles,
 * bodies and the first lines double. */
static void find_place(rctx *c)
{
    vnner_doc *d = c->d;
    int best[LV_N] = {-1, -1, -1}, best_score[LV_N] = {0, 0, 0};
    int *score = calloc(d->nent + 1, sizeof *score);
    const char *unit;
    if (!score)
        return;
    for (size_t i = 0; i < d->nent && i < 5000; i++) {
        const vn_ent *e = &d->ents[i];
        if (e->pub.type != VNNER_PLACE || foreign_place(d, e))
            continue;
        int lv = place_level(d, e, &unit);
        for (size_t j = 0; j < d->nent && lv < 0; j++) /* the same name elsewhere with its unit word */
            if (j != i && d->ents[j].pub.type == VNNER_PLACE && !strcmp(d->ents[j].norm, e->norm))
                lv = place_level(d, &d->ents[j], &unit);
        if (lv < 0)
            continue;
        int w = 1 + (e->pub.parent >= 0) + (d->tk.v[e->ts].line < 3);
        for (size_t j = 0; j <= i; j++)
            if (d->ents[j].pub.type == VNNER_PLACE && !strcmp(d->ents[j].norm, e->norm)) {
                score[j] += w;
                if (score[j] > best_score[lv]) {
                    best_score[lv] = score[j];
                    best[lv] = (int)j;
                }
                break;
            }
    }
    free(score);
    for (int lv = 0; lv < LV_N; lv++) {
        if (best[lv] < 0)
            continue;
        const vn_ent *e = &d->ents[best[lv]];
        vn_buf b = {0};
        display(d, e->ts, e->te, &b);
        c->lv_place[lv].text = b.p;
        c->lv_place[lv].level = lv;
        c->lv_place[lv].unit = lv == LV_PROVINCE ? "tỉnh" : NULL;
        /* the unit word it takes: the one the article writes before it */
        for (size_t i = 0; i < d->nent; i++)
            if (d->ents[i].pub.type == VNNER_PLACE && !strcmp(d->ents[i].norm, e->norm)) {
                const char *u2;
                uint32_t t = d->ents[i].ts;
                while (t > 0 && (d->tags[t - 1] == '_' || d->tags[t - 1] == '~'))
                    t--;
                if (t > 0 && unit_level(d, t - 1, &u2) == lv) {
                    c->lv_place[lv].unit = u2;
                    break;
                }
            }
        if (!c->lv_place[lv].unit)
            c->lv_place[lv].unit = lv == LV_DISTRICT ? "huyện" : "xã";
    }
}

/* ---- posts ------------------------------------------------------------ */

static int child_of_type(const vnner_doc *d, int parent, int type)
{
    for (size_t i = (size_t)parent + 1; i < d->nent && d->ents[i].ts < d->ents[parent].te; i++)
        if (d->ents[i].pub.type == (vnner_type)type)
            return (int)i;
    return -1;
}


/* Whether BODY names a place of its own (a country, as in Ủy ban MTTQ Việt Nam, does not count). */
static int own_place(const vnner_doc *d, int body)
{
    for (size_t i = (size_t)body + 1; i < d->nent && d->ents[i].ts < d->ents[body].te; i++)
        if (d->ents[i].pub.type == VNNER_PLACE && !foreign_place(d, &d->ents[i]))
            return 1;
    return 0;
}

/* Whether the body of a post belongs to an area (a province or below). */
static int area_body(const vnner_doc *d, int body, int *has_level, int *is_uy)
{
    const vn_ent *b = &d->ents[body];
    int area = 0;
    *has_level = 0;
    *is_uy = 0;
    for (uint32_t t = b->ts; t < b->te; t++) {
        char s = d->tags[t];
        if (s == 'L' || s == 'l')
            *has_level = 1;
        const vn_gmatch *m = &d->gm[t];
        if (m->len) {
            int cls = vn_gaz_entry(d->model->gaz, m->entry)->cls;
            if (cls == VN_C_BODY_AREA || cls == VN_C_BODY_LOCAL)
                area = 1;
            const vn_token *last = &d->tk.v[t + m->len - 1];
            const vn_token *first = &d->tk.v[t];
            static const char *const lv[] = {"tỉnh", "thành", "huyện", "quận", "thị", NULL};
            int names_level = 0;
            for (int k = 0; lv[k]; k++)
                names_level |= first->ne - first->ns == strlen(lv[k]) && !memcmp(d->text.norm + first->ns, lv[k], strlen(lv[k]));
            (void)last;
            if (cls == VN_C_BODY_AREA && names_level)
                *is_uy = 1; /* Tỉnh ủy, Tỉnh đoàn: the head names the level already (Đảng ủy does not) */
            if (cls == VN_C_BODY_HEAD && (word_is(d, t, "phòng") || word_is(d, t, "chi") || word_is(d, t, "ty")))
                area = 1; /* Phòng, Chi cục, Ty: departments of a province or district */
        }
    }
    return area || *has_level;
}

static int place_level(const vnner_doc *d, const vn_ent *p, const char **unit);

/* The nearest place of level LV named earlier in the sentence of POS, before
 * token BEFORE ("Bí thư Tỉnh ủy Hà Giang X; đồng chí Y, nguyên Phó Bí thư Tỉnh ủy"). */
static int nearby_place(rctx *c, int pos, int lv, uint32_t before, place_ref *out)
{
    vnner_doc *d = c->d;
    uint32_t sent = d->tk.v[d->ents[pos].ts].sent;
    for (int i = pos - 1; i >= 0; i--) {
        const vn_ent *e = &d->ents[i];
        if (d->tk.v[e->ts].sent != sent)
            break;
        if (e->te > before)
            continue; /* the person's own posts name where they come from, not this post */
        if (e->pub.type != VNNER_PLACE || foreign_place(d, e))
            continue;
        const char *unit;
        if (place_level(d, e, &unit) != lv)
            continue;
        vn_buf b = {0};
        display(d, e->ts, e->te, &b);
        out->text = b.p;
        out->unit = unit;
        out->level = lv;
        return out->text != NULL;
    }
    return 0;
}

/* The level of a post's body: its unit word, else its head (Huyện ủy, Tỉnh
 * ủy); -1 when nothing tells (a bare "Đảng ủy"). */
static int body_level(const vnner_doc *d, int body)
{
    const vn_ent *b = &d->ents[body];
    const char *unit;
    for (uint32_t t = b->ts; t < b->te; t++) {
        int lv = unit_level(d, t, &unit);
        if (lv >= 0)
            return lv;
    }
    for (uint32_t t = b->ts; t < b->te; t++) /* Huyện ủy, Quận ủy, Thị ủy, Huyện đoàn, anywhere in it */
        if (word_is(d, t, "huyện") || word_is(d, t, "quận") ||
            (word_is(d, t, "thị") && t + 1 < b->te && (word_is(d, t + 1, "ủy") || word_is(d, t + 1, "đoàn"))))
            return LV_DISTRICT;
    if (word_is(d, b->ts, "đảng") && b->te - b->ts == 2)
        return -1; /* Đảng ủy of what? */
    return LV_PROVINCE;
}

static int own_place(const vnner_doc *d, int body);
static char *place_of(rctx *c, int pos);

/* The whole post of position POS: its text without the term, with the place
 * filled in from the coordinated posts (SIB) or the article's own place of the
 * body's level when the text leaves it out. */
static char *make_post(rctx *c, int pos, const place_ref *sib, uint32_t before, char **used_place)
{
    vnner_doc *d = c->d;
    const vn_ent *p = &d->ents[pos];
    uint32_t te = p->te;
    for (uint32_t t = p->ts; t < p->te; t++)
        if (d->tags[t] == 'Z') {
            te = t; /* "khóa XIX" is a term, not part of the post */
            break;
        }
    vn_buf b = {0};
    display(d, p->ts, te, &b);
    int body = child_of_type(d, pos, VNNER_BODY);
    if (body >= 0 && !own_place(d, body)) {
        int has_level, is_uy;
        if (area_body(d, body, &has_level, &is_uy)) {
            int lv = body_level(d, body);
            place_ref near = {0};
            const place_ref *pl = sib && sib->text && (lv < 0 || sib->level == lv || sib->level < 0) ? sib
                                  : lv >= 0 && nearby_place(c, pos, lv, before, &near) ? &near
                                  : lv >= 0 && c->lv_place[lv].text ? &c->lv_place[lv] : NULL;
            if (pl) {
                if (!has_level && !is_uy)
                    vn_buf_printf(&b, " %s", pl->unit ? pl->unit : "tỉnh");
                vn_buf_printf(&b, " %s", pl->text);
                *used_place = vn_strdup(pl->text);
            }
            free(near.text);
        }
    } else {
        *used_place = place_of(c, pos);
    }
    return b.p ? b.p : vn_strdup("");
}

static char *place_of(rctx *c, int pos)
{
    int body = child_of_type(c->d, pos, VNNER_BODY);
    int pl = body >= 0 ? child_of_type(c->d, body, VNNER_PLACE) : child_of_type(c->d, pos, VNNER_PLACE);
    if (pl < 0 || foreign_place(c->d, &c->d->ents[pl]))
        return NULL;
    vn_buf b = {0};
    display(c->d, c->d->ents[pl].ts, c->d->ents[pl].te, &b);
    return b.p;
}

/* The place a post names itself, with its level and unit word, for the posts coordinated with it. */
static int sibling_of(rctx *c, int pos, place_ref *out)
{
    vnner_doc *d = c->d;
    int body = child_of_type(d, pos, VNNER_BODY);
    int pl = body >= 0 ? child_of_type(d, body, VNNER_PLACE) : -1;
    if (pl < 0 || foreign_place(d, &d->ents[pl]))
        return 0;
    const char *unit;
    out->level = place_level(d, &d->ents[pl], &unit);
    out->unit = unit;
    free(out->text);
    out->text = place_of(c, pos);
    return out->text != NULL;
}

/* "Quyền", "Nguyên" written with a capital before a post are still qualifiers
 * (the tagger reads capitalised cue words as name parts). */
static int is_qualifier_word(const vnner_doc *d, uint32_t t)
{
    static const char *const w[] = {"nguyên", "cựu", "tân", "quyền", NULL};
    const vn_token *k = &d->tk.v[t];
    for (int i = 0; w[i]; i++)
        if (k->ne - k->ns == strlen(w[i]) && !memcmp(d->text.norm + k->ns, w[i], strlen(w[i])))
            return 1;
    return 0;
}

/* Qualifier written right before a position: nguyên, cựu, tân, Quyền. */
static int qualifier_before(const vnner_doc *d, uint32_t ts, int *is_new)
{
    *is_new = 0;
    if (ts == 0)
        return Q_CURRENT;
    uint32_t t = ts - 1;
    while (t > 0 && d->tags[t] == '_')
        t--;
    if (d->tags[t] != 'q' && !(is_qualifier_word(d, t) && d->tk.v[t].shape == VN_SH_CAP && !strchr("SC", t ? d->tags[t - 1] : 0)))
        return Q_CURRENT;
    const char *w = d->text.norm + d->tk.v[t].ns;
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
    vnner_doc *d = c->d;
    person = c->antecedent[person];
    char *place = NULL;
    uint32_t before = d->ents[person].ts < d->ents[pos].ts ? d->ents[person].ts : d->ents[pos].ts;
    char *post = make_post(c, pos, sib_place, before, &place);
    if (!post)
        return VNNER_ENOMEM;
    for (size_t i = 0; i < d->nrel; i++) {
        vn_rel *r = &d->rels[i];
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
            child_of_type(d, pos, VNNER_BODY) < 0) {
            free(post); /* the bare title again */
            return 0;
        }
        if (!strcmp(r->post, post)) {
            if (qual == Q_FORMER)
                r->pub.qualifier = qual_names[Q_FORMER];
            free(post);
            free(place);
            return 0;
        }
    }
    vn_rel *r = new_rel(d, VNNER_HOLDS, person, pos, rule);
    if (!r) {
        free(post);
        free(place);
        return VNNER_ENOMEM;
    }
    r->place = place;
    r->pub.place = place;
    int body = child_of_type(d, pos, VNNER_BODY);
    if (body >= 0) {
        vn_buf title = {0};
        display(d, d->ents[pos].ts, d->ents[body].ts, &title);
        size_t tl = title.len;
        vn_buf_free(&title);
        if (tl < strlen(post)) /* the post is the title, a space and the body */
            r->pub.body = r->body = vn_strdup(post + tl + (post[tl] == ' '));
        vn_buf k = {0};
        vn_buf_puts(&k, d->ents[body].norm);
        if (place && !own_place(d, body)) {
            char *pl = vn_lower_dup(place);
            vn_buf_putc(&k, ' ');
            vn_buf_puts(&k, pl ? pl : "");
            free(pl);
        }
        r->body_key = k.p;
    }
    r->post = post;
    r->pub.post = post;
    r->pub.qualifier = qual_names[qual];
    if (from)
        r->pub.from = r->from = vn_strdup(from);
    r->pub.sentence_start = sent;
    /* a term right after the post: "nhiệm kỳ 2021 - 2026", "giai đoạn 2016 - 2021" */
    uint32_t t = d->ents[pos].te;
    if (t + 1 < d->tk.n && d->tags[t] == 'z') {
        while (t < d->tk.n && d->tags[t] == 'z')
            t++;
        while (t < d->tk.n && d->tags[t] == '_')
            t++;
        int i = t < d->tk.n ? c->date_at[t] : -1;
        if (i >= 0 && d->ents[i].value && strchr(d->ents[i].value, '/')) {
            r->pub.term = r->term = vn_strdup(d->ents[i].value);
            if (qual == Q_FORMER) {
                r->pub.from = r->from = vn_strndup(d->ents[i].value, 4);
                r->pub.to = r->to = vn_strdup(d->ents[i].value + 5);
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

static int word_is(const vnner_doc *d, uint32_t t, const char *w)
{
    const vn_token *k = &d->tk.v[t];
    return k->ne - k->ns == strlen(w) && !memcmp(d->text.norm + k->ns, w, strlen(w));
}

/* Whether a comma comes right before token T, past qualifiers (", nguyên Phó ..."). */
static int comma_before(const vnner_doc *d, uint32_t s0, uint32_t t)
{
    while (t > s0 && (d->tags[t - 1] == 'q' || d->tags[t - 1] == 'H' || is_qualifier_word(d, t - 1)))
        t--;
    /* "X, Bí thư", "X - Bí thư", "X (Bí thư" */
    return t > s0 && (punct_is(d, t - 1, ',') || punct_is(d, t - 1, '-') || punct_is(d, t - 1, '('));
}

/* "các", "những", "hai" ... before a post: it is plural. */
static int plural_before(const vnner_doc *d, uint32_t s0, uint32_t ts)
{
    static const char *const w[] = {"các", "những", "hai", "ba", "bốn", "năm", NULL};
    if (ts <= s0)
        return 0;
    for (int i = 0; w[i]; i++)
        if (word_is(d, ts - 1, w[i]))
            return 1;
    return 0;
}

/* Between two names of a list: a comma or "và", honorifics, ranks. */
static int list_glue(const vnner_doc *d, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++)
        if (d->tags[t] != ',' && d->tags[t] != 'H' && d->tags[t] != 'K' && d->tags[t] != '_' && !word_is(d, t, "và"))
            return 0;
    return to > from;
}

static int only_glue(const vnner_doc *d, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++) {
        char s = d->tags[t];
        if (s == ',' && t + 1 < to && d->tags[t + 1] == 'K')
            continue; /* "Bộ trưởng Bộ Công an, Đại tướng X" */
        if (s != '-' && s != 'H' && s != 'K' && s != '_' && s != ':')
            return 0;
    }
    return 1;
}

/* The place named by the last of coordinated posts that names one. */
static int run_sibling(rctx *c, const int *pos, int n, place_ref *out)
{
    for (int i = n - 1; i >= 0; i--)
        if (sibling_of(c, pos[i], out))
            return 1;
    return 0;
}

/* Whether a name follows token T directly (past a dash, honorifics, ranks):
 * "Tổng Bí thư Tô Lâm, Chủ tịch Quốc hội Trần Thanh Mẫn" - the second post is
 * the second name's. */
static int name_follows(const rctx *c, uint32_t t, uint32_t s1)
{
    const vnner_doc *d = c->d;
    while (t < s1 && (d->tags[t] == '-' || d->tags[t] == 'H' || d->tags[t] == 'K' || d->tags[t] == '_'))
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
                           st->run_new[k] && c->d->date[0] ? c->d->date : NULL, s0);
    free(sib.text);
    st->nrun = 0;
    return rc;
}

static int holds_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    vnner_doc *d = c->d;
    sstate st;
    memset(&st, 0, sizeof st);
    uint32_t last_end = s0; /* end of the last person or position */
    int last_kind = 0;      /* 1 person, 2 position */
    for (uint32_t t = s0; t < s1;) {
        int pe = c->per_at[t], po = c->pos_at[t];
        if (po >= 0) {
            int is_new;
            int q = qualifier_before(d, d->ents[po].ts, &is_new);
            const char *from = is_new && d->date[0] ? d->date : NULL;
            if (st.ending) {
                if (st.nend < 16)
                    st.end_pos[st.nend++] = po;
            } else if (st.take && st.ngroup) {
                const char *f = d->date[0] ? d->date : NULL;
                for (int g = 0; g < st.ngroup; g++)
                    if (add_holds(c, st.group[g], po, st.elect ? Q_ELECT : q == Q_ACTING ? q : st.take_qual, NULL,
                                  "post-start", f, s0))
                        return VNNER_ENOMEM;
                st.take = 0;
            } else if (st.appositive && st.ngroup && comma_before(d, s0, t) && !name_follows(c, d->ents[po].te, s1)) {
                if (st.nrun == 16 && flush_run(c, &st, s0))
                    return VNNER_ENOMEM;
                st.run[st.nrun] = po;
                st.run_q[st.nrun] = q;
                st.run_new[st.nrun++] = from != NULL;
            } else {
                if (!(last_kind == 2 && t > 0 && (punct_is(d, t - 1, ',') || d->tags[t - 1] == 'v')))
                    st.npend = 0;
                if (st.npend < 16) {
                    st.pend[st.npend++] = po | (q << 24) | (is_new << 28);
                }
            }
            last_end = d->ents[po].te;
            last_kind = 2;
            t = d->ents[po].te;
            continue;
        }
        if (pe >= 0) {
            if (flush_run(c, &st, s0))
                return VNNER_ENOMEM;
            if (st.npl && last_kind == 1 && list_glue(d, last_end, t)) {
                for (int k = 0; k < st.npl; k++)
                    if (add_holds(c, pe, st.pl_ids[k], st.pl_q[k], NULL, "positions-names", NULL, s0))
                        return VNNER_ENOMEM;
            } else {
                st.npl = 0;
            }
            uint32_t pts = st.npend ? d->ents[st.pend[0] & 0xFFFFFF].ts : 0;
            int owned = st.npend && pts > s0 && (d->tags[pts - 1] == 'c' || word_is(d, pts - 1, "theo"));
            if (st.npend && !owned && only_glue(d, last_end, t) && last_kind == 2) {
                int plural = plural_before(d, s0, d->ents[st.pend[0] & 0xFFFFFF].ts);
                int ids[16];
                for (int k = 0; k < st.npend; k++)
                    ids[k] = st.pend[k] & 0xFFFFFF;
                place_ref sib = {0};
                run_sibling(c, ids, st.npend, &sib);
                for (int k = 0; k < st.npend; k++) {
                    int q = (st.pend[k] >> 24) & 0xF, nw = st.pend[k] >> 28;
                    if (add_holds(c, pe, ids[k], q, sib.text ? &sib : NULL, "positions-name",
                                  nw && d->date[0] ? d->date : NULL, s0)) {
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
                char s = d->tags[k];
                joined = s == ',' || s == 'H' || s == 'K' || s == '_' || word_is(d, k, "và");
            }
            if (!joined || !st.ngroup)
                st.ngroup = 0;
            if (st.ngroup < 16)
                st.group[st.ngroup++] = pe;
            st.appositive = 1;
            st.take = 0;
            last_end = d->ents[pe].te;
            last_kind = 1;
            t = d->ents[pe].te;
            continue;
        }
        uint32_t len = 1;
        const vn_entry *e;
        if (d->tags[t] == '(' && st.appositive) { /* "ông X (SN 1968), nguyên ...": an aside */
            uint32_t u = t + 1;
            while (u < s1 && u < t + 10 && d->tags[u] != ')' && c->per_at[u] < 0 && c->pos_at[u] < 0)
                u++;
            if (u < s1 && d->tags[u] == ')') {
                t = u + 1;
                continue;
            }
        }
        int glue = d->tags[t] == ',' || d->tags[t] == 'H' || d->tags[t] == 'K' || d->tags[t] == '-' ||
                   d->tags[t] == 'q' || d->tags[t] == ':' || d->tags[t] == '(' || d->tags[t] == ')' ||
                   is_qualifier_word(d, t);
        if (!glue && flush_run(c, &st, s0)) /* the posts after the name end here */
            return VNNER_ENOMEM;
        if ((e = cue_at(d, t, VN_C_POST_START, &len))) {
            st.take = 1;
            st.take_qual = Q_CURRENT;
            st.appositive = 0;
        } else if ((e = cue_at(d, t, VN_C_POST_END, &len))) {
            st.ending = 1;
            st.appositive = 0;
        } else if ((e = cue_at(d, t, VN_C_ELECT, &len))) {
            st.elect = 1;
            st.appositive = 0;
        } else if ((e = cue_at(d, t, VN_C_TOWARD, &len))) {
            st.toward = 1;
            st.ending = 0;
        } else if (punct_is(d, t, ';')) {
            st.ngroup = 0;
            st.appositive = 0;
            st.npend = 0;
            len = 1;
        } else if (d->tags[t] != ',' && d->tags[t] != 'H' && d->tags[t] != 'K' && d->tags[t] != '-' &&
                   d->tags[t] != 'q' && d->tags[t] != ':' && d->tags[t] != '(' && d->tags[t] != ')' &&
                   !is_qualifier_word(d, t)) {
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
static void supersede(rctx *c, size_t first)
{
    vnner_doc *d = c->d;
    for (size_t i = first; i < d->nrel; i++) {
        vn_rel *n = &d->rels[i];
        if (n->pub.type != VNNER_HOLDS || strcmp(n->pub.rule, "post-start") || n->pub.qualifier != qual_names[Q_CURRENT])
            continue;
        if (!n->body_key)
            continue;
        for (size_t j = first; j < d->nrel; j++) {
            vn_rel *o = &d->rels[j];
            if (j == i || o->pub.type != VNNER_HOLDS || o->pub.person != n->pub.person || strcmp(o->pub.rule, "name-positions"))
                continue;
            if (o->body_key && !strcmp(o->body_key, n->body_key))
                o->pub.qualifier = qual_names[Q_FORMER];
        }
    }
}

/* Ends stated in the sentence: "nghỉ hưu từ ngày 1/7/2023" ends the former
 * posts named in it; "cách chức" ends the post on the article's date. */
static void tenure_ends(rctx *c, size_t first, uint32_t s0, uint32_t s1)
{
    vnner_doc *d = c->d;
    const char *end = NULL;
    for (uint32_t t = s0; t < s1 && !end; t++) {
        if (!cue_at(d, t, VN_C_POST_END, NULL))
            continue;
        for (uint32_t u = t + 1; u < s1 && !end; u++) {
            int i = c->date_at[u];
            if (i >= 0 && d->ents[i].value && strlen(d->ents[i].value) >= 4 && !strchr(d->ents[i].value, '/'))
                end = d->ents[i].value;
        }
    }
    for (size_t i = first; i < d->nrel; i++) {
        vn_rel *r = &d->rels[i];
        if (r->pub.type != VNNER_HOLDS || r->to || r->pub.qualifier != qual_names[Q_FORMER])
            continue;
        const char *v = end ? end : (!strcmp(r->pub.rule, "post-end") && d->date[0] ? d->date : NULL);
        if (v)
            r->pub.to = r->to = vn_strdup(v);
    }
}

/* ---- PARTICIPATES --------------------------------------------------------- */


/* Whether the words after a role cue name an event head that EV does not start with ("dự lễ khởi công"
 * while the article's event is a "hội nghị"): that role is in another event, one the text leaves unnamed. */
static int other_event_named(const vnner_doc *d, uint32_t cue, uint32_t s1, int ev)
{
    for (uint32_t h = cue + 1; h < s1 && h <= cue + 4; h++) {
        if (d->tags[h] != 'E')
            continue;
        uint32_t len = 1;
        if (!cue_at(d, h, VN_C_EVENT_HEAD, &len))
            len = 1;
        const vn_token *a = &d->tk.v[h], *z = &d->tk.v[h + len - 1], *e = &d->tk.v[d->ents[ev].ts];
        size_t n = z->ne - a->ns;
        return d->text.nlen - e->ns < n || memcmp(d->text.norm + a->ns, d->text.norm + e->ns, n) != 0;
    }
    return 0;
}

/* The event of a role: one in its sentence, else in the sentence before, else the article's first past its title. */
static int event_for(const rctx *c, uint32_t s0, uint32_t s1, uint32_t cue)
{
    const vnner_doc *d = c->d;
    size_t lo = 0, hi = c->nevents;
    while (lo < hi) { /* first event starting at or after s0 */
        size_t mid = (lo + hi) / 2;
        if (d->ents[c->events[mid]].ts < s0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->nevents && d->ents[c->events[lo]].ts < s1)
        return c->events[lo];
    int cand = c->main_event; /* an article is about its first event past the title */
    if (lo > 0 && s0 > 0) { /* the sentence before names it */
        const vn_ent *prev = &d->ents[c->events[lo - 1]];
        if (d->tk.v[prev->ts].sent + 1 >= d->tk.v[s0].sent)
            cand = c->events[lo - 1];
    }
    return cand >= 0 && other_event_named(d, cue, s1, cand) ? -1 : cand;
}

static int participate(rctx *c, int person, int event, const char *role, const char *rule)
{
    vnner_doc *d = c->d;
    person = c->antecedent[person];
    if (c->role_of[person])
        return 0; /* the first role the article gives a person is kept */
    vn_rel *r = new_rel(d, VNNER_PARTICIPATES, person, event, rule);
    if (!r)
        return VNNER_ENOMEM;
    r->pub.role = role;
    c->role_of[person] = 1;
    return 0;
}

static int roles_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    vnner_doc *d = c->d;
    uint32_t cues[32];
    const char *roles[32];
    int ncue = 0;
    for (uint32_t t = s0; t < s1 && ncue < 32; t++) {
        uint32_t len = 1;
        const vn_entry *e = cue_at(d, t, VN_C_ROLE, &len);
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
            for (uint32_t u = d->ents[p].te; u < d->ents[last].ts && joined; u++)
                joined = c->per_at[u] >= 0 || d->tags[u] == ',' || d->tags[u] == 'v' || d->tags[u] == 'H' ||
                         d->tags[u] == '-' || d->tags[u] == '_' || c->pos_at[u] >= 0 || d->tags[u] == 'T' ||
                         d->tags[u] == 'A' || d->tags[u] == 'B' || d->tags[u] == 'L' || d->tags[u] == 'P' ||
                         d->tags[u] == 'W' || d->tags[u] == 'U' || d->tags[u] == 'O' || d->tags[u] == 'K';
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

/* ---- AWARDED --------------------------------------------------------------- */

/* The entity (person, body or position) starting at or right after token T. */
static int entity_near(const vnner_doc *d, const rctx *c, uint32_t t, uint32_t end)
{
    while (t < end && (d->tags[t] == 'H' || d->tags[t] == 'K' || d->tags[t] == 'x'))
        t++;
    if (t >= end)
        return -1;
    if (c->per_at[t] >= 0)
        return c->per_at[t];
    if (c->pos_at[t] >= 0)
        return c->pos_at[t];
    return c->body_at[t];
}

static int subject_before(const vnner_doc *d, const rctx *c, uint32_t s0, uint32_t t)
{
    int last = -1;
    for (uint32_t u = s0; u < t; u++) {
        if (c->per_at[u] >= 0)
            last = c->per_at[u];
        else if (last < 0 && c->pos_at[u] < 0 && c->body_at[u] >= 0 && d->ents[c->body_at[u]].pub.parent < 0)
            last = c->body_at[u];
    }
    return last;
}

static int awards_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    vnner_doc *d = c->d;
    for (uint32_t t = s0; t < s1; t++) {
        uint32_t alen = 1;
        const vn_entry *aw = cue_at(d, t, VN_C_AWARD, &alen);
        if (!aw)
            continue;
        /* the award's name runs to the next cue or punctuation */
        uint32_t ae = t + alen;
        while (ae < s1 && strchr("CJRPN_w", d->tags[ae]) && !cue_at(d, ae, VN_C_AWARD_GIVE, NULL))
            ae++;
        int recipient = -1, giver = -1;
        const char *rule = NULL;
        /* "X nhận AWARD của Y" */
        for (uint32_t u = s0; u < t; u++)
            if (cue_at(d, u, VN_C_AWARD_GET, NULL)) {
                recipient = subject_before(d, c, s0, u);
                rule = "receives-award";
            }
        if (rule && ae + 1 < s1 && (d->tags[ae] == 'c' || word_is(d, ae, "do")))
            giver = entity_near(d, c, ae + 1, s1); /* "nhận AWARD của Y", "đón nhận AWARD do Y tặng" */
        /* "X được Y tặng AWARD" / "Y trao AWARD cho X" */
        for (uint32_t u = s0; u < t && !rule; u++) {
            if (!cue_at(d, u, VN_C_AWARD_GIVE, NULL))
                continue;
            int before = subject_before(d, c, s0, u);
            uint32_t dv = u;
            while (dv > s0 && d->tags[dv - 1] != 'v')
                dv--;
            const char *w = dv > s0 ? d->text.norm + d->tk.v[dv - 1].ns : "";
            if (dv > s0 && !strncmp(w, "được", strlen("được"))) {
                giver = entity_near(d, c, dv, u);
                recipient = subject_before(d, c, s0, dv - 1);
                rule = "awarded-by";
            } else {
                giver = ae + 1 < s1 && d->tags[ae] == 'c' ? entity_near(d, c, ae + 1, s1) : -1;
                if (giver < 0)
                    giver = before;
                for (uint32_t x = ae; x < s1; x++)
                    if (d->tags[x] == 'v' && !strncmp(d->text.norm + d->tk.v[x].ns, "cho", 3)) {
                        recipient = entity_near(d, c, x + 1, s1);
                        break;
                    }
                rule = "gives-award";
            }
        }
        if (!rule || recipient < 0)
            continue;
        /* "Thừa ủy quyền của Z, ..." names the giver */
        for (uint32_t u = s0; u + 1 < t; u++)
            if (d->tags[u] == 'c' && u > s0 && !strncmp(d->text.norm + d->tk.v[u - 1].ns, "quyền", strlen("quyền"))) {
                int z = entity_near(d, c, u + 1, t);
                if (z >= 0)
                    giver = z;
            }
        if (giver < 0) {
            t = ae; /* who gave it is not said: no relation */
            continue;
        }
        if (d->ents[recipient].pub.type == VNNER_PERSON)
            recipient = c->antecedent[recipient];
        vn_rel *r = new_rel(d, VNNER_AWARDED, recipient, giver, rule);
        if (!r)
            return VNNER_ENOMEM;
        vn_buf b = {0};
        display(d, t, ae, &b);
        r->award = b.p;
        r->pub.award = b.p;
        t = ae;
    }
    return 0;
}

/* ---- short references and the driver ------------------------------------- */

static void link_short_names(rctx *c)
{
    vnner_doc *d = c->d;
    for (size_t i = 0; i < d->nent; i++) {
        c->antecedent[i] = (int)i;
        const vn_ent *e = &d->ents[i];
        if (e->pub.type != VNNER_PERSON)
            continue;
        for (size_t j = i > 400 ? i - 400 : 0; j < i; j++) /* a bounded window: long inputs stay linear */
            if (d->ents[j].pub.type == VNNER_PERSON && !strcmp(d->ents[j].norm, e->norm)) {
                c->antecedent[i] = c->antecedent[j];
                break;
            }
        if (c->antecedent[i] != (int)i || e->te - e->ts > 2)
            continue;
        size_t n = strlen(e->norm);
        for (size_t j = i; j-- > 0 && j + 400 > i;) {
            const vn_ent *f = &d->ents[j];
            size_t m = strlen(f->norm);
            if (f->pub.type == VNNER_PERSON && f->te - f->ts > e->te - e->ts && m > n &&
                !strcmp(f->norm + m - n, e->norm) && f->norm[m - n - 1] == ' ') {
                c->antecedent[i] = c->antecedent[j];
                break;
            }
        }
    }
}

int vn_relations_extract(vnner_doc *d)
{
    rctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    size_t n = d->tk.n + 1, ne = d->nent + 1;
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
    for (size_t i = 0; i < d->nent; i++) {
        const vn_ent *e = &d->ents[i];
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
        if (d->tk.v[d->ents[c.events[k]].ts].line > 0) {
            c.main_event = c.events[k];
            break;
        }
    link_short_names(&c);
    find_place(&c);
    rc = 0;
    for (size_t t = 0; t < d->tk.n && !rc;) {
        size_t e = t;
        while (e < d->tk.n && d->tk.v[e].sent == d->tk.v[t].sent)
            e++;
        size_t first = d->nrel;
        cur_sentence_tok = (uint32_t)t;
        if (!(rc = holds_sentence(&c, (uint32_t)t, (uint32_t)e))) {
            supersede(&c, first);
            tenure_ends(&c, first, (uint32_t)t, (uint32_t)e);
        }
        if (!rc)
            rc = roles_sentence(&c, (uint32_t)t, (uint32_t)e);
        if (!rc)
            rc = awards_sentence(&c, (uint32_t)t, (uint32_t)e);
        t = e;
    }
    for (size_t i = 0; i < d->nent && !rc; i++) {
        const vn_ent *e = &d->ents[i];
        cur_sentence_tok = e->ts;
        if (e->pub.type == VNNER_PERSON && e->pub.rule && !strcmp(e->pub.rule, "byline") &&
            !new_rel(d, VNNER_AUTHOR, (int)i, -1, "byline"))
            rc = VNNER_ENOMEM;
    }
    /* evidence: the byte span of each relation's sentence */
    if (!rc && d->nrel) {
        uint32_t ns = d->tk.nsent + 1;
        size_t *sa = calloc(ns, sizeof *sa), *sb = calloc(ns, sizeof *sb);
        if (!sa || !sb)
            rc = VNNER_ENOMEM;
        for (size_t t = 0; !rc && t < d->tk.n; t++) {
            const vn_token *k = &d->tk.v[t];
            if (k->kind == VN_TK_NEWLINE || k->sent >= ns)
                continue;
            if (!sb[k->sent])
                sa[k->sent] = k->os;
            sb[k->sent] = k->oe;
        }
        for (size_t i = 0; !rc && i < d->nrel; i++) {
            vnner_relation *r = &d->rels[i].pub;
            if (d->rels[i].sent_tok >= d->tk.n)
                continue;
            uint32_t sn = d->tk.v[d->rels[i].sent_tok].sent;
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
