/* Relations between entities, sentence by sentence:
 *   HOLDS         a person and a post (appositive "X, post, post", "posts - X",
 *                 "post X", "được bầu giữ chức post", "cách chức post ... đối với X");
 *   PARTICIPATES  a person's role in an event (chủ trì, dự, phát biểu tại, chỉ đạo);
 *   AWARDED       who received what from whom;
 *   AUTHOR        the byline.
 * The cue words are gazetteer classes (ROLE, POST_START, ...), so they are data. */
#include <string.h>
#include <utf8proc.h>
#include "relations/relations.h"
#include "util/buf.h"

enum { Q_CURRENT, Q_FORMER, Q_ACTING, Q_ELECT };
static const char *const qual_names[] = {"current", "former", "acting", "elect"};

/* Administrative levels of a place, and the unit word that names them. */
enum { LV_PROVINCE, LV_DISTRICT, LV_COMMUNE, LV_N };

typedef struct place_ref {
    char *text;             /* the place as shown in posts */
    const char *unit;       /* "tỉnh", "thành phố", "huyện", "phường" ... */
    int level;              /* LV_*, -1 unknown */
} place_ref;

/* The document as this stage sees it: what the stages before produced,
 * read-only, and the relations it writes. */
typedef struct rdoc {
    const vn_text *text;
    const vn_tokens *tk;
    const vn_tags *tags;
    const vn_gaz *gaz;
    const vn_ent *ents;
    size_t nent;
    const vn_pubdate *pub;
    vn_rels *out;
    uint32_t sent_tok;      /* a token of the sentence being read: new relations cite it */
} rdoc;

typedef struct rctx {
    rdoc *rd;
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


static vn_rel *new_rel(rdoc *rd, vnner_rel_type type, int person, int target, const char *rule)
{
    if (vn_grow((void **)&rd->out->v, &rd->out->cap, rd->out->n + 1, sizeof *rd->out->v))
        return NULL;
    vn_rel *r = &rd->out->v[rd->out->n++];
    memset(r, 0, sizeof *r);
    r->sent_tok = rd->sent_tok;
    r->pub.type = type;
    r->pub.person = person;
    r->pub.target = target;
    r->pub.rule = rule;
    r->pub.sentence_start = r->pub.sentence_end = 0;
    return r;
}

/* The gazetteer entry of class CLS that matches at token T (longest), or NULL;
 * the per-token class mask answers most calls without a trie walk. */
#define cue_at(rd, t, cls, len) (((rd)->tags->cls_at[t] & (1ull << (cls))) ? cue_walk(rd, t, cls, len) : NULL)
static const vn_entry *cue_walk(const rdoc *rd, size_t t, int cls, uint32_t *len)
{
    const vn_gaz *g = rd->gaz;
    const vn_entry *best = NULL;
    uint32_t e, elen;
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, g, rd->tags->syl + t, rd->tk->n - t);
    while ((e = vn_gaz_walk_next(&w, &elen)))
        if (vn_gaz_entry(g, e)->cls == cls) { /* the last at each length, the longest */
            best = vn_gaz_entry(g, e);
            if (len)
                *len = elen;
        }
    if (best && cls != VN_C_AWARD && rd->tk->v[t].shape != VN_SH_LOWER && !(rd->tk->v[t].flags & VN_TF_SENT_START))
        return NULL; /* a capitalised cue word mid-sentence is a name part */
    return best;
}

/* A capitalised word or a surname: a name goes on. */
static int name_sym(char s) { return s == VN_S_CAP || s == VN_S_SURNAME; }

/* What an award's name is made of: words, capitals, numerals, places. */
static int award_word_sym(char s)
{
    return s == VN_S_CAP || s == VN_S_ALLCAPS || s == VN_S_ROMAN || s == VN_S_PLACE || s == VN_S_NUM ||
           s == VN_S_INSIDE || s == VN_S_LOWER;
}

static int punct_is(const rdoc *rd, size_t t, char c)
{
    const vn_token *k = &rd->tk->v[t];
    return k->kind == VN_TK_PUNCT && rd->text->norm[k->ns] == c;
}

/* Text of tokens [ts, te) in the normalised tone style with the original's
 * capitals, spaces collapsed. */
static void display(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b)
{
    for (uint32_t t = ts; t < te; t++) {
        const vn_token *k = &rd->tk->v[t];
        if (t > ts && rd->tk->v[t - 1].ne < k->ns && b->len && b->p[b->len - 1] != ' ')
            vn_buf_putc(b, ' ');
        for (uint32_t i = k->ns; i < k->ne;) {
            int32_t cp;
            int n = vn_utf8_decode((const unsigned char *)rd->text->norm + i, k->ne - i, &cp);
            if (n < 0)
                break;
            char o[4];
            if (rd->text->nflags[i] & VN_NF_UPPER)
                cp = utf8proc_toupper(cp);
            vn_buf_add(b, o, (size_t)vn_utf8_encode(cp, o));
            i += (uint32_t)n;
        }
    }
}

/* Whether place entity P is a foreign country or city (and nothing more: "Mỹ
 * Hòa Hưng" is a commune, not the United States). */
static int foreign_place(const rdoc *rd, const vn_ent *p)
{
    const vn_entry *e = p->entry ? vn_gaz_entry(rd->gaz, p->entry) : NULL;
    return e && e->foreign && e->ntok == p->te - p->ts;
}

/* ---- the article's place -------------------------------------------- */

static int word_is(const rdoc *rd, uint32_t t, const char *w);

/* The level and unit word of the unit token at T (tỉnh, thành phố, huyện, xã ...), or -1. */
static int unit_level(const rdoc *rd, uint32_t t, const char **unit)
{
    static const struct { const char *w; int lv; const char *unit; } u[] = {
        {"tỉnh", LV_PROVINCE, "tỉnh"}, {"thành", LV_PROVINCE, "thành phố"}, {"tp", LV_PROVINCE, "thành phố"},
        {"thủ", LV_PROVINCE, "thành phố"}, {"huyện", LV_DISTRICT, "huyện"}, {"quận", LV_DISTRICT, "quận"},
        {"thị", LV_DISTRICT, "thị xã"}, {"tx", LV_DISTRICT, "thị xã"}, {"xã", LV_COMMUNE, "xã"},
        {"phường", LV_COMMUNE, "phường"}, {"đặc", LV_COMMUNE, "đặc khu"}, {NULL, 0, NULL}};
    if (rd->tags->sym[t] != VN_S_LEVEL && rd->tags->sym[t] != VN_S_LEVEL_LOCAL)
        return -1;
    for (int k = 0; u[k].w; k++)
        if (word_is(rd, t, u[k].w)) {
            *unit = u[k].unit;
            /* "thị trấn" is a commune-level unit, "thị xã" a district-level one */
            if (!strcmp(u[k].w, "thị") && t + 1 < rd->tk->n && word_is(rd, t + 1, "trấn")) {
                *unit = "thị trấn";
                return LV_COMMUNE;
            }
            return u[k].lv;
        }
    return -1;
}

static int body_level(const rdoc *rd, int body);

/* The unit token before the place entity P (skipping the rest of a unit word). */
static int place_level(const rdoc *rd, const vn_ent *p, const char **unit)
{
    uint32_t t = p->ts;
    while (t > 0 && (rd->tags->sym[t - 1] == VN_S_INSIDE || rd->tags->sym[t - 1] == VN_S_ATTACHED_DOT))
        t--;
    *unit = "tỉnh";
    if (t > 0) {
        int lv = unit_level(rd, t - 1, unit);
        if (lv >= 0)
            return lv;
    }
    if (p->entry && vn_gaz_entry(rd->gaz, p->entry)->cls == VN_C_PLACE)
        return LV_PROVINCE; /* a listed place without a unit word: a province or city */
    if (p->pub.parent >= 0 && rd->ents[p->pub.parent].pub.type == VNNER_BODY) {
        int lv = body_level(rd, p->pub.parent); /* Huyện ủy Diễn Châu: a district */
        *unit = lv == LV_DISTRICT ? "huyện" : lv == LV_COMMUNE ? "xã" : "tỉnh";
        return lv;
    }
    return -1;
}

/* The article's own place at each level: the most mentioned, counting titles,
 * bodies and the first lines double. */
static void find_place(rctx *c)
{
    rdoc *rd = c->rd;
    int best[LV_N] = {-1, -1, -1}, best_score[LV_N] = {0, 0, 0};
    int *score = calloc(rd->nent + 1, sizeof *score);
    const char *unit;
    if (!score)
        return;
    for (size_t i = 0; i < rd->nent && i < 5000; i++) {
        const vn_ent *e = &rd->ents[i];
        if (e->pub.type != VNNER_PLACE || foreign_place(rd, e))
            continue;
        int lv = place_level(rd, e, &unit);
        for (size_t j = 0; j < rd->nent && lv < 0; j++) /* the same name elsewhere with its unit word */
            if (j != i && rd->ents[j].pub.type == VNNER_PLACE && !strcmp(rd->ents[j].norm, e->norm))
                lv = place_level(rd, &rd->ents[j], &unit);
        if (lv < 0)
            continue;
        int w = 1 + (e->pub.parent >= 0) + (rd->tk->v[e->ts].line < 3);
        for (size_t j = 0; j <= i; j++)
            if (rd->ents[j].pub.type == VNNER_PLACE && !strcmp(rd->ents[j].norm, e->norm)) {
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
        const vn_ent *e = &rd->ents[best[lv]];
        vn_buf b = {0};
        display(rd, e->ts, e->te, &b);
        c->lv_place[lv].text = b.p;
        c->lv_place[lv].level = lv;
        c->lv_place[lv].unit = lv == LV_PROVINCE ? "tỉnh" : NULL;
        /* the unit word it takes: the one the article writes before it */
        for (size_t i = 0; i < rd->nent; i++)
            if (rd->ents[i].pub.type == VNNER_PLACE && !strcmp(rd->ents[i].norm, e->norm)) {
                const char *u2;
                uint32_t t = rd->ents[i].ts;
                while (t > 0 && (rd->tags->sym[t - 1] == VN_S_INSIDE || rd->tags->sym[t - 1] == VN_S_ATTACHED_DOT))
                    t--;
                if (t > 0 && unit_level(rd, t - 1, &u2) == lv) {
                    c->lv_place[lv].unit = u2;
                    break;
                }
            }
        if (!c->lv_place[lv].unit)
            c->lv_place[lv].unit = lv == LV_DISTRICT ? "huyện" : "xã";
    }
}

/* ---- posts ------------------------------------------------------------ */

static int child_of_type(const rdoc *rd, int parent, int type)
{
    for (size_t i = (size_t)parent + 1; i < rd->nent && rd->ents[i].ts < rd->ents[parent].te; i++)
        if (rd->ents[i].pub.type == (vnner_type)type)
            return (int)i;
    return -1;
}


/* Whether BODY names a place of its own (a country, as in Ủy ban MTTQ Việt Nam, does not count). */
static int own_place(const rdoc *rd, int body)
{
    for (size_t i = (size_t)body + 1; i < rd->nent && rd->ents[i].ts < rd->ents[body].te; i++)
        if (rd->ents[i].pub.type == VNNER_PLACE && !foreign_place(rd, &rd->ents[i]))
            return 1;
    return 0;
}

/* Whether the body of a post belongs to an area (a province or below). */
static int area_body(const rdoc *rd, int body, int *has_level, int *is_uy)
{
    const vn_ent *b = &rd->ents[body];
    int area = 0;
    *has_level = 0;
    *is_uy = 0;
    for (uint32_t t = b->ts; t < b->te; t++) {
        char s = rd->tags->sym[t];
        if (s == VN_S_LEVEL || s == VN_S_LEVEL_LOCAL)
            *has_level = 1;
        const vn_gmatch *m = &rd->tags->gm[t];
        if (m->len) {
            int cls = vn_gaz_entry(rd->gaz, m->entry)->cls;
            if (cls == VN_C_BODY_AREA || cls == VN_C_BODY_LOCAL)
                area = 1;
            const vn_token *last = &rd->tk->v[t + m->len - 1];
            const vn_token *first = &rd->tk->v[t];
            static const char *const lv[] = {"tỉnh", "thành", "huyện", "quận", "thị", NULL};
            int names_level = 0;
            for (int k = 0; lv[k]; k++)
                names_level |= first->ne - first->ns == strlen(lv[k]) && !memcmp(rd->text->norm + first->ns, lv[k], strlen(lv[k]));
            (void)last;
            if (cls == VN_C_BODY_AREA && names_level)
                *is_uy = 1; /* Tỉnh ủy, Tỉnh đoàn: the head names the level already (Đảng ủy does not) */
            if (cls == VN_C_BODY_HEAD && (word_is(rd, t, "phòng") || word_is(rd, t, "chi") || word_is(rd, t, "ty")))
                area = 1; /* Phòng, Chi cục, Ty: departments of a province or district */
        }
    }
    return area || *has_level;
}

static int place_level(const rdoc *rd, const vn_ent *p, const char **unit);

/* The nearest place of level LV named earlier in the sentence of POS, before
 * token BEFORE ("Bí thư Tỉnh ủy Hà Giang X; đồng chí Y, nguyên Phó Bí thư Tỉnh ủy"). */
static int nearby_place(rctx *c, int pos, int lv, uint32_t before, place_ref *out)
{
    rdoc *rd = c->rd;
    uint32_t sent = rd->tk->v[rd->ents[pos].ts].sent;
    for (int i = pos - 1; i >= 0; i--) {
        const vn_ent *e = &rd->ents[i];
        if (rd->tk->v[e->ts].sent != sent)
            break;
        if (e->te > before)
            continue; /* the person's own posts name where they come from, not this post */
        if (e->pub.type != VNNER_PLACE || foreign_place(rd, e))
            continue;
        const char *unit;
        if (place_level(rd, e, &unit) != lv)
            continue;
        vn_buf b = {0};
        display(rd, e->ts, e->te, &b);
        out->text = b.p;
        out->unit = unit;
        out->level = lv;
        return out->text != NULL;
    }
    return 0;
}

/* The level of a post's body: its unit word, else its head (Huyện ủy, Tỉnh
 * ủy); -1 when nothing tells (a bare "Đảng ủy"). */
static int body_level(const rdoc *rd, int body)
{
    const vn_ent *b = &rd->ents[body];
    const char *unit;
    for (uint32_t t = b->ts; t < b->te; t++) {
        int lv = unit_level(rd, t, &unit);
        if (lv >= 0)
            return lv;
    }
    for (uint32_t t = b->ts; t < b->te; t++) /* Huyện ủy, Quận ủy, Thị ủy, Huyện đoàn, anywhere in it */
        if (word_is(rd, t, "huyện") || word_is(rd, t, "quận") ||
            (word_is(rd, t, "thị") && t + 1 < b->te && (word_is(rd, t + 1, "ủy") || word_is(rd, t + 1, "đoàn"))))
            return LV_DISTRICT;
    if (word_is(rd, b->ts, "đảng") && b->te - b->ts == 2)
        return -1; /* Đảng ủy of what? */
    return LV_PROVINCE;
}

static int own_place(const rdoc *rd, int body);
static char *place_of(rctx *c, int pos);

/* The whole post of position POS: its text without the term, with the place
 * filled in from the coordinated posts (SIB) or the article's own place of the
 * body's level when the text leaves it out. */
static char *make_post(rctx *c, int pos, const place_ref *sib, uint32_t before, char **used_place)
{
    rdoc *rd = c->rd;
    const vn_ent *p = &rd->ents[pos];
    uint32_t te = p->te;
    for (uint32_t t = p->ts; t < p->te; t++)
        if (rd->tags->sym[t] == VN_S_TERM_WORD) {
            te = t; /* "khóa XIX" is a term, not part of the post */
            break;
        }
    vn_buf b = {0};
    display(rd, p->ts, te, &b);
    int body = child_of_type(rd, pos, VNNER_BODY);
    if (body >= 0 && !own_place(rd, body)) {
        int has_level, is_uy;
        if (area_body(rd, body, &has_level, &is_uy)) {
            int lv = body_level(rd, body);
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
    int body = child_of_type(c->rd, pos, VNNER_BODY);
    int pl = body >= 0 ? child_of_type(c->rd, body, VNNER_PLACE) : child_of_type(c->rd, pos, VNNER_PLACE);
    if (pl < 0 || foreign_place(c->rd, &c->rd->ents[pl]))
        return NULL;
    vn_buf b = {0};
    display(c->rd, c->rd->ents[pl].ts, c->rd->ents[pl].te, &b);
    return b.p;
}

/* The place a post names itself, with its level and unit word, for the posts coordinated with it. */
static int sibling_of(rctx *c, int pos, place_ref *out)
{
    rdoc *rd = c->rd;
    int body = child_of_type(rd, pos, VNNER_BODY);
    int pl = body >= 0 ? child_of_type(rd, body, VNNER_PLACE) : -1;
    if (pl < 0 || foreign_place(rd, &rd->ents[pl]))
        return 0;
    const char *unit;
    out->level = place_level(rd, &rd->ents[pl], &unit);
    out->unit = unit;
    free(out->text);
    out->text = place_of(c, pos);
    return out->text != NULL;
}

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
    if (rd->tags->sym[t] != VN_S_QUALIFIER && !(is_qualifier_word(rd, t) && rd->tk->v[t].shape == VN_SH_CAP && !(t == 0 || name_sym(rd->tags->sym[t - 1]))))
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
    char *post = make_post(c, pos, sib_place, before, &place);
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
            child_of_type(rd, pos, VNNER_BODY) < 0) {
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
    vn_rel *r = new_rel(rd, VNNER_HOLDS, person, pos, rule);
    if (!r) {
        free(post);
        free(place);
        return VNNER_ENOMEM;
    }
    r->place = place;
    r->pub.place = place;
    int body = child_of_type(rd, pos, VNNER_BODY);
    if (body >= 0) {
        vn_buf title = {0};
        display(rd, rd->ents[pos].ts, rd->ents[body].ts, &title);
        size_t tl = title.len;
        vn_buf_free(&title);
        if (tl < strlen(post)) /* the post is the title, a space and the body */
            r->pub.body = r->body = vn_strdup(post + tl + (post[tl] == ' '));
        vn_buf k = {0};
        vn_buf_puts(&k, rd->ents[body].norm);
        if (place && !own_place(rd, body)) {
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

static int word_is(const rdoc *rd, uint32_t t, const char *w)
{
    const vn_token *k = &rd->tk->v[t];
    return k->ne - k->ns == strlen(w) && !memcmp(rd->text->norm + k->ns, w, strlen(w));
}

/* Whether a comma comes right before token T, past qualifiers (", nguyên Phó ..."). */
static int comma_before(const rdoc *rd, uint32_t s0, uint32_t t)
{
    while (t > s0 && (rd->tags->sym[t - 1] == VN_S_QUALIFIER || rd->tags->sym[t - 1] == VN_S_HONORIFIC || is_qualifier_word(rd, t - 1)))
        t--;
    /* "X, Bí thư", "X - Bí thư", "X (Bí thư" */
    return t > s0 && (punct_is(rd, t - 1, ',') || punct_is(rd, t - 1, '-') || punct_is(rd, t - 1, '('));
}

/* "các", "những", "hai" ... before a post: it is plural. */
static int plural_before(const rdoc *rd, uint32_t s0, uint32_t ts)
{
    static const char *const w[] = {"các", "những", "hai", "ba", "bốn", "năm", NULL};
    if (ts <= s0)
        return 0;
    for (int i = 0; w[i]; i++)
        if (word_is(rd, ts - 1, w[i]))
            return 1;
    return 0;
}

/* Between two names of a list: a comma or "và", honorifics, ranks. */
static int list_glue(const rdoc *rd, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++)
        if (rd->tags->sym[t] != VN_S_COMMA && rd->tags->sym[t] != VN_S_HONORIFIC && rd->tags->sym[t] != VN_S_RANK && rd->tags->sym[t] != VN_S_INSIDE && !word_is(rd, t, "và"))
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
        if (sibling_of(c, pos[i], out))
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

static int holds_sentence(rctx *c, uint32_t s0, uint32_t s1)
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
                if (!(last_kind == 2 && t > 0 && (punct_is(rd, t - 1, ',') || rd->tags->sym[t - 1] == VN_S_CUE)))
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
            int owned = st.npend && pts > s0 && (rd->tags->sym[pts - 1] == VN_S_OF || word_is(rd, pts - 1, "theo"));
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
                joined = s == VN_S_COMMA || s == VN_S_HONORIFIC || s == VN_S_RANK || s == VN_S_INSIDE || word_is(rd, k, "và");
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
        } else if (punct_is(rd, t, ';')) {
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
static void supersede(rctx *c, size_t first)
{
    rdoc *rd = c->rd;
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *n = &rd->out->v[i];
        if (n->pub.type != VNNER_HOLDS || strcmp(n->pub.rule, "post-start") || n->pub.qualifier != qual_names[Q_CURRENT])
            continue;
        if (!n->body_key)
            continue;
        for (size_t j = first; j < rd->out->n; j++) {
            vn_rel *o = &rd->out->v[j];
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
    rdoc *rd = c->rd;
    const char *end = NULL;
    for (uint32_t t = s0; t < s1 && !end; t++) {
        if (!cue_at(rd, t, VN_C_POST_END, NULL))
            continue;
        for (uint32_t u = t + 1; u < s1 && !end; u++) {
            int i = c->date_at[u];
            if (i >= 0 && rd->ents[i].value && strlen(rd->ents[i].value) >= 4 && !strchr(rd->ents[i].value, '/'))
                end = rd->ents[i].value;
        }
    }
    for (size_t i = first; i < rd->out->n; i++) {
        vn_rel *r = &rd->out->v[i];
        if (r->pub.type != VNNER_HOLDS || r->to || r->pub.qualifier != qual_names[Q_FORMER])
            continue;
        const char *v = end ? end : (!strcmp(r->pub.rule, "post-end") && rd->pub->iso[0] ? rd->pub->iso : NULL);
        if (v)
            r->pub.to = r->to = vn_strdup(v);
    }
}

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
    vn_rel *r = new_rel(rd, VNNER_PARTICIPATES, person, event, rule);
    if (!r)
        return VNNER_ENOMEM;
    r->pub.role = role;
    c->role_of[person] = 1;
    return 0;
}

static int roles_sentence(rctx *c, uint32_t s0, uint32_t s1)
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

static int awards_sentence(rctx *c, uint32_t s0, uint32_t s1)
{
    rdoc *rd = c->rd;
    for (uint32_t t = s0; t < s1; t++) {
        uint32_t alen = 1;
        const vn_entry *aw = cue_at(rd, t, VN_C_AWARD, &alen);
        if (!aw)
            continue;
        /* the award's name runs to the next cue or punctuation */
        uint32_t ae = t + alen;
        while (ae < s1 && award_word_sym(rd->tags->sym[ae]) && !cue_at(rd, ae, VN_C_AWARD_GIVE, NULL))
            ae++;
        int recipient = -1, giver = -1;
        const char *rule = NULL;
        /* "X nhận AWARD của Y" */
        for (uint32_t u = s0; u < t; u++)
            if (cue_at(rd, u, VN_C_AWARD_GET, NULL)) {
                recipient = subject_before(rd, c, s0, u);
                rule = "receives-award";
            }
        if (rule && ae + 1 < s1 && (rd->tags->sym[ae] == VN_S_OF || word_is(rd, ae, "do")))
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
        vn_rel *r = new_rel(rd, VNNER_AWARDED, recipient, giver, rule);
        if (!r)
            return VNNER_ENOMEM;
        vn_buf b = {0};
        display(rd, t, ae, &b);
        r->award = b.p;
        r->pub.award = b.p;
        t = ae;
    }
    return 0;
}

/* ---- short references and the driver ------------------------------------- */

static void link_short_names(rctx *c)
{
    rdoc *rd = c->rd;
    for (size_t i = 0; i < rd->nent; i++) {
        c->antecedent[i] = (int)i;
        const vn_ent *e = &rd->ents[i];
        if (e->pub.type != VNNER_PERSON)
            continue;
        for (size_t j = i > 400 ? i - 400 : 0; j < i; j++) /* a bounded window: long inputs stay linear */
            if (rd->ents[j].pub.type == VNNER_PERSON && !strcmp(rd->ents[j].norm, e->norm)) {
                c->antecedent[i] = c->antecedent[j];
                break;
            }
        if (c->antecedent[i] != (int)i || e->te - e->ts > 2)
            continue;
        size_t n = strlen(e->norm);
        for (size_t j = i; j-- > 0 && j + 400 > i;) {
            const vn_ent *f = &rd->ents[j];
            size_t m = strlen(f->norm);
            if (f->pub.type == VNNER_PERSON && f->te - f->ts > e->te - e->ts && m > n &&
                !strcmp(f->norm + m - n, e->norm) && f->norm[m - n - 1] == ' ') {
                c->antecedent[i] = c->antecedent[j];
                break;
            }
        }
    }
}

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
    link_short_names(&c);
    find_place(&c);
    rc = 0;
    for (size_t t = 0; t < rd->tk->n && !rc;) {
        size_t e = t;
        while (e < rd->tk->n && rd->tk->v[e].sent == rd->tk->v[t].sent)
            e++;
        size_t first = rd->out->n;
        rd->sent_tok = (uint32_t)t;
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
    for (size_t i = 0; i < rd->nent && !rc; i++) {
        const vn_ent *e = &rd->ents[i];
        rd->sent_tok = e->ts;
        if (e->pub.type == VNNER_PERSON && e->pub.rule && !strcmp(e->pub.rule, "byline") &&
            !new_rel(rd, VNNER_AUTHOR, (int)i, -1, "byline"))
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
