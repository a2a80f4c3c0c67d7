/* Relations: the article's own place at each level, and posts completed with
 * the place of their level (Bí thư Tỉnh ủy → Bí thư Tỉnh ủy Long An). */
#include <string.h>
#include "relations/context.h"
#include "text/unitab.h"

static int body_level(const rdoc *rd, int body);
static char *place_of(rctx *c, int pos);

/* ---- the article's place -------------------------------------------- */


static const char *const level_names[LV_N] = {"province", "district", "commune"};

/* The level an entry's attribute level= names (LV_*), -1 for none or "unknown". */
static int entry_level(const vn_entry *e)
{
    char v[16];
    if (!vn_entry_attr(e, "level", v, sizeof v))
        return -1;
    for (int lv = 0; lv < LV_N; lv++)
        if (!strcmp(v, level_names[lv]))
            return lv;
    return -1;
}


/* The level and unit word of the unit word at T (tỉnh, thành phố, huyện, xã
 * ...: a LEVEL entry's attributes level= and unit=, else its canonical), or -1. */
static int unit_level(const rdoc *rd, uint32_t t, const char **unit)
{
    if (rd->tags->sym[t] != VN_S_LEVEL && rd->tags->sym[t] != VN_S_LEVEL_LOCAL)
        return -1;
    const vn_entry *e = vn_r_chosen(rd, t);
    int lv = e ? entry_level(e) : -1;
    if (lv >= 0)
        *unit = e->unit ? e->unit : e->canonical;
    return lv;
}

/* The unit word a level takes when the article writes none (the LEVEL entry
 * with attribute default=1). */
static const char *default_unit(const rdoc *rd, int lv) { return vn_gaz_default_unit(rd->gaz, level_names[lv]); }

/* Whether place P had ceased by the article's date (Kon Tum after 1 July 2025:
 * its entry's valid_to): it names where someone was, never the implicit place
 * of a post the article gives as held now. */
static int ceased_by_article(const rdoc *rd, const vn_ent *p)
{
    const vn_entry *e = p->entry ? vn_gaz_entry(rd->gaz, p->entry) : NULL;
    return e && e->cls == VN_C_PLACE && e->valid_to && e->valid_to[0] && rd->pub->iso[0] &&
           strncmp(e->valid_to, rd->pub->iso, strlen(e->valid_to)) < 0;
}

/* The token right after the unit word written before place P (the rest of a
 * unit word and an attached dot skipped): P's start when there is none. */
static uint32_t after_unit_word(const rdoc *rd, const vn_ent *p)
{
    uint32_t t = p->ts;
    while (t > 0 && (rd->tags->sym[t - 1] == VN_S_INSIDE || rd->tags->sym[t - 1] == VN_S_ATTACHED_DOT))
        t--;
    return t;
}

/* Whether place P is written after a unit word that also names a district
 * (thành phố) and is no centrally-run city (its entry has no city=1): the
 * provincial city, which may share its province's name. */
static int provincial_city(const rdoc *rd, const vn_ent *p)
{
    uint32_t t = after_unit_word(rd, p);
    const char *unit;
    if (!t || unit_level(rd, t - 1, &unit) < 0)
        return 0;
    const vn_entry *u = vn_r_chosen(rd, t - 1), *e = p->entry ? vn_gaz_entry(rd->gaz, p->entry) : NULL;
    char v[16];
    return u && vn_entry_attr(u, "also", v, sizeof v) && !strcmp(v, level_names[LV_DISTRICT]) && !vn_entry_flag(e, "city");
}

/* The unit token before the place entity P (skipping the rest of a unit word). */
static int place_level(const rdoc *rd, const vn_ent *p, const char **unit)
{
    uint32_t t = after_unit_word(rd, p), len = 1;
    *unit = default_unit(rd, LV_PROVINCE);
    const vn_entry *own = vn_r_class_entry(rd, p->ts, VN_C_LEVEL_LOCAL, &len);
    if (!own)
        own = vn_r_class_entry(rd, p->ts, VN_C_LEVEL, &len);
    if (own && entry_level(own) >= 0 && len < p->te - p->ts)
        return entry_level(own); /* its unit word in it (phường Lý Văn Lâm, named after a person): that unit's level */
    if (t > 0) {
        int lv = unit_level(rd, t - 1, unit);
        if (lv >= 0 && provincial_city(rd, p))
            return LV_DISTRICT; /* "thành phố Hà Tĩnh": the provincial city, not the province */
        if (lv >= 0)
            return lv;
    }
    if (p->entry && vn_gaz_entry(rd->gaz, p->entry)->cls == VN_C_PLACE)
        return LV_PROVINCE; /* a listed place without a unit word: a province or city */
    if (p->pub.parent >= 0 && rd->ents[p->pub.parent].pub.type == VNNER_BODY) {
        int lv = body_level(rd, p->pub.parent); /* Huyện ủy Diễn Châu: a district */
        *unit = default_unit(rd, lv >= 0 ? lv : LV_PROVINCE);
        return lv;
    }
    return -1;
}

/* The article's own place at each level: the most mentioned, counting titles,
 * bodies and the first lines double. */
void vn_r_find_place(rctx *c)
{
    rdoc *rd = c->rd;
    /* [1]: places the gazetteer lists; [0]: unlisted ones ("tỉnh Gangwon"), the article's only when
     * no listed place of that level is named: every Vietnamese unit is listed */
    int best2[2][LV_N] = {{-1, -1, -1}, {-1, -1, -1}}, score2[2][LV_N] = {{0, 0, 0}, {0, 0, 0}};
    int *score = calloc(rd->nent + 1, sizeof *score);
    const char *unit;
    if (!score) { /* no article place: posts would lose theirs */
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < rd->nent && i < 5000; i++) {
        const vn_ent *e = &rd->ents[i];
        if (e->pub.type != VNNER_PLACE || vn_r_foreign_place(rd, e) || ceased_by_article(rd, e))
            continue;
        int lv = place_level(rd, e, &unit);
        for (size_t j = 0; j < rd->nent && lv < 0; j++) /* the same name elsewhere with its unit word */
            if (j != i && rd->ents[j].pub.type == VNNER_PLACE && !strcmp(rd->ents[j].norm, e->norm))
                lv = place_level(rd, &rd->ents[j], &unit);
        if (lv < 0)
            continue;
        int w = 1 + (e->pub.parent >= 0) + (rd->tk->v[e->ts].line < 3);
        /* "thành phố Lạng Sơn", the provincial city, also tells of the province it is named like */
        int also = lv == LV_DISTRICT && e->entry && vn_gaz_entry(rd->gaz, e->entry)->cls == VN_C_PLACE &&
                   provincial_city(rd, e) ? LV_PROVINCE : -1;
        uint32_t ul = 0;
        int listed = (e->entry && vn_gaz_entry(rd->gaz, e->entry)->cls == VN_C_PLACE) ||
                     (vn_r_class_entry(rd, e->ts, VN_C_UNIT_NAME, &ul) && ul == e->te - e->ts);
        for (size_t j = 0; j <= i; j++)
            if (rd->ents[j].pub.type == VNNER_PLACE && !strcmp(rd->ents[j].norm, e->norm)) {
                score[j] += w;
                for (int k = 0; k < 2; k++) {
                    int l = k ? also : lv;
                    if (l >= 0 && score[j] > score2[listed][l]) {
                        score2[listed][l] = score[j];
                        best2[listed][l] = (int)j;
                    }
                }
                break;
            }
    }
    free(score);
    int best[LV_N];
    for (int lv = 0; lv < LV_N; lv++)
        best[lv] = best2[1][lv] >= 0 ? best2[1][lv] : best2[0][lv];
    for (int lv = 0; lv < LV_N; lv++) {
        if (best[lv] < 0)
            continue;
        const vn_ent *e = &rd->ents[best[lv]];
        vn_buf b = {0};
        vn_r_display(rd, e->ts, e->te, &b);
        c->oom |= b.failed || !b.p;
        c->lv_place[lv].text = b.p;
        c->lv_place[lv].level = lv;
        c->lv_place[lv].unit = lv == LV_PROVINCE ? default_unit(rd, lv) : NULL;
        /* the unit word it takes: the one the article writes before it */
        for (size_t i = 0; i < rd->nent; i++)
            if (rd->ents[i].pub.type == VNNER_PLACE && !strcmp(rd->ents[i].norm, e->norm)) {
                const char *u2;
                uint32_t t = after_unit_word(rd, &rd->ents[i]);
                const char *sink;
                if (t > 0 && unit_level(rd, t - 1, &u2) == lv && place_level(rd, &rd->ents[i], &sink) == lv) {
                    c->lv_place[lv].unit = u2; /* not the "thành phố" of a provincial city for its province */
                    break;
                }
            }
        if (!c->lv_place[lv].unit)
            c->lv_place[lv].unit = default_unit(rd, lv);
    }
}

/* ---- posts ------------------------------------------------------------ */

int vn_r_child_of_type(const rdoc *rd, int parent, int type)
{
    for (size_t i = (size_t)parent + 1; i < rd->nent && rd->ents[i].ts < rd->ents[parent].te; i++)
        if (rd->ents[i].pub.type == (vnner_type)type)
            return (int)i;
    return -1;
}


/* Whether BODY names a place of its own (a country, as in Ủy ban MTTQ Việt Nam, does not count). */
int vn_r_own_place(const rdoc *rd, int body)
{
    const vn_ent *b = &rd->ents[body];
    for (size_t i = (size_t)body + 1; i < rd->nent && rd->ents[i].ts < b->te; i++) {
        const vn_ent *p = &rd->ents[i];
        if (p->pub.type != VNNER_PLACE)
            continue;
        /* a country names the body's place (Quân đội nhân dân Lào) unless a level follows it
         * (Ủy ban MTTQ Việt Nam tỉnh: the province is still to come) */
        if (!vn_r_foreign_place(rd, p) || p->te >= b->te ||
            (rd->tags->sym[p->te] != VN_S_LEVEL && rd->tags->sym[p->te] != VN_S_LEVEL_LOCAL))
            return 1;
    }
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
        const vn_entry *e = vn_r_chosen(rd, t);
        if (!e)
            continue;
        char v[8];
        if (e->cls == VN_C_BODY_AREA || e->cls == VN_C_BODY_LOCAL)
            area = 1;
        if (e->cls == VN_C_BODY_AREA && entry_level(e) >= 0)
            *is_uy = 1; /* Tỉnh ủy, Tỉnh đoàn: the head names the level already (Đảng ủy does not) */
        if (e->cls == VN_C_BODY_HEAD && vn_entry_attr(e, "area", v, sizeof v))
            area = 1; /* Phòng, Chi cục, Ty: departments of a province or district */
    }
    return area || *has_level;
}


/* C->place_before built for the entities of the document: 0, or -1 when out of memory. */
static int build_place_before(rctx *c)
{
    rdoc *rd = c->rd;
    if (c->place_before && c->place_before_n == rd->nent)
        return 0;
    free(c->place_before);
    c->place_before_n = 0;
    if (!(c->place_before = malloc((rd->nent + 1) * LV_N * sizeof *c->place_before)))
        return -1;
    int last[LV_N];
    for (int lv = 0; lv < LV_N; lv++)
        last[lv] = -1;
    for (size_t i = 0; i < rd->nent; i++) {
        for (int lv = 0; lv < LV_N; lv++)
            c->place_before[lv * rd->nent + i] = last[lv];
        const vn_ent *e = &rd->ents[i];
        const char *unit;
        if (e->pub.type != VNNER_PLACE || vn_r_foreign_place(rd, e) || ceased_by_article(rd, e))
            continue;
        int lv = place_level(rd, e, &unit);
        if (lv >= 0 && lv < LV_N)
            last[lv] = (int)i;
    }
    c->place_before_n = rd->nent;
    return 0;
}

/* The nearest place of level LV named earlier in the sentence of POS, before
 * token BEFORE ("Bí thư Tỉnh ủy Hà Giang X; đồng chí Y, nguyên Phó Bí thư Tỉnh ủy"): places of that
 * level only are visited, so a sentence of many posts stays linear. */
static int nearby_place(rctx *c, int pos, int lv, uint32_t before, place_ref *out)
{
    rdoc *rd = c->rd;
    if (build_place_before(c)) {
        c->oom = 1;
        return 0;
    }
    const int *prev = c->place_before + (size_t)lv * rd->nent;
    uint32_t sent = rd->tk->v[rd->ents[pos].ts].sent;
    for (int i = prev[pos]; i >= 0; i = prev[i]) {
        const vn_ent *e = &rd->ents[i];
        if (rd->tk->v[e->ts].sent != sent)
            break;
        if (e->te > before)
            continue; /* the person's own posts name where they come from, not this post */
        const char *unit;
        place_level(rd, e, &unit);
        vn_buf b = {0};
        vn_r_display(rd, e->ts, e->te, &b);
        c->oom |= b.failed || !b.p;
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
    for (uint32_t t = b->ts; t < b->te; t++) { /* Huyện ủy, Quận ủy, Thị ủy, Huyện đoàn, anywhere in it */
        const vn_entry *e = vn_r_chosen(rd, t);
        if (e && e->cls == VN_C_BODY_AREA && entry_level(e) == LV_DISTRICT)
            return LV_DISTRICT;
    }
    const vn_entry *head = vn_r_chosen(rd, b->ts);
    char v[16];
    if (head && rd->tags->gm[b->ts].len == b->te - b->ts && vn_entry_attr(head, "level", v, sizeof v) &&
        !strcmp(v, "unknown"))
        return -1; /* Đảng ủy of what? */
    return LV_PROVINCE;
}


/* Tokens TS..TE of a post, its title written out when the text abbreviates
 * it ("UVTƯ Đảng" -> "Ủy viên Trung ương Đảng", "PCT UBND" -> "Phó Chủ tịch
 * UBND"): a post is named the same however an article shortens its title.
 * A title listed under another name (Ủy viên Thường vụ) is kept as written. */
/* Whether S has a word of two or more capitals (an abbreviation: UVTƯ, PCT, QH). */
static int has_abbreviation(const char *s)
{
    int caps = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int32_t cp;
        int n = vn_utf8_decode(p, strlen((const char *)p), &cp);
        if (n < 0)
            return 0;
        unsigned f = vn_cp_flags(cp);
        caps = (f & VN_F_UPPER) ? caps + 1 : (f & VN_F_LETTER) ? -100 : 0;
        if (caps >= 2)
            return 1;
        if (!(f & VN_F_LETTER))
            caps = 0;
        p += n;
    }
    return 0;
}

void vn_r_title_display(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b)
{
    const vn_entry *e = vn_r_chosen(rd, ts);
    uint32_t n = rd->tags->gm[ts].len;
    if (!e || (e->cls != VN_C_TITLE && e->cls != VN_C_TITLE_ALONE) || n > te - ts) {
        vn_r_display_expanded(rd, ts, te, b);
        return;
    }
    int written_out = e->canonical && strlen(e->canonical) > strlen(e->surface) && has_abbreviation(e->surface);
    if (written_out)
        vn_buf_puts(b, e->canonical);
    else
        vn_r_display(rd, ts, ts + n, b);
    if (ts + n < te) {
        if (written_out || rd->tk->v[ts + n - 1].ne < rd->tk->v[ts + n].ns)
            vn_buf_putc(b, ' ');
        vn_r_display_expanded(rd, ts + n, te, b);
    }
}

/* Whether tokens A.. and B.. of N tokens are the same syllables. */
static int same_tokens(const rdoc *rd, uint32_t a, uint32_t b, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++)
        if (!rd->tags->syl[a + k] || rd->tags->syl[a + k] != rd->tags->syl[b + k])
            return 0;
    return 1;
}

/* Whether body F names the unit of tokens WS.. (N) in full (Quân khu 4 for
 * Quân khu): then the rest of its name is added to B. */
static int fuller_mention(const rdoc *rd, const vn_ent *f, uint32_t ws, uint32_t n, vn_buf *b)
{
    if (f->pub.type != VNNER_BODY || f->te - f->ts <= n)
        return 0;
    for (uint32_t t = f->ts; t + n < f->te; t++)
        if (same_tokens(rd, t, ws, n)) {
            vn_buf_putc(b, ' ');
            vn_r_display(rd, t + n, f->te, b);
            return 1;
        }
    return 0;
}

#define CONTEXT_WINDOW 2000 /* entities searched each way: a long input stays linear */

/* A bare unit the gazetteer marks context=1 ("Tư lệnh Quân khu", tokens
 * WS..WE at the post's end) is the one the article names in full (Quân khu
 * 4, Bộ Tư lệnh Quân khu 4): the rest of the nearest fuller mention, before
 * POS first, is added to B. */
static void complete_from_context(const rdoc *rd, int pos, uint32_t ws, uint32_t we, vn_buf *b)
{
    uint32_t n = we - ws;
    const vn_entry *e = vn_r_chosen(rd, ws);
    if (!e || rd->tags->gm[ws].len != n || !vn_entry_flag(e, "context"))
        return;
    size_t p = (size_t)pos, lo = p > CONTEXT_WINDOW ? p - CONTEXT_WINDOW : 0;
    size_t hi = rd->nent - p > CONTEXT_WINDOW ? p + CONTEXT_WINDOW : rd->nent;
    for (size_t j = p; j-- > lo;)
        if (fuller_mention(rd, &rd->ents[j], ws, n, b))
            return;
    for (size_t j = p + 1; j < hi; j++)
        if (fuller_mention(rd, &rd->ents[j], ws, n, b))
            return;
}

/* Where a weak unit word ends the post POS (tokens up to TE): its first token, or TE. */
static uint32_t weak_tail(const rdoc *rd, int pos, uint32_t te)
{
    for (uint32_t t = rd->ents[pos].ts + 1; t < te; t++) {
        const vn_entry *e = vn_r_chosen(rd, t);
        if (e && e->cls == VN_C_BODY_WEAK && t + rd->tags->gm[t].len == te)
            return t;
    }
    return te;
}

/* The body a bare title heading a list belongs to: the body just before it,
 * past a few lower-case words and a number ("UBND tỉnh hiện có 5 Phó Chủ
 * tịch là ..."), or -1. */
/* Whether position P is a bare title of a list: the entity rules that found one before a list, after one
 * of its semicolons or in brackets after one of its names said so (models/entities.rules,
 * position.bare-header*), or a colon follows it. */
static int is_header(const rdoc *rd, const vn_ent *p)
{
    return (p->pub.rule && (!strcmp(p->pub.rule, "position.bare-header") || !strcmp(p->pub.rule, "position.bare-header-next") ||
                            !strcmp(p->pub.rule, "position.bare-aside"))) ||
           (p->te < rd->tk->n && rd->tags->sym[p->te] == VN_S_COLON);
}

static int header_body(const rdoc *rd, int pos)
{
    const vn_ent *p = &rd->ents[pos];
    const vn_entry *e = vn_r_chosen(rd, p->ts);
    if (!e || e->cls != VN_C_TITLE || rd->tags->gm[p->ts].len != p->te - p->ts)
        return -1;
    size_t i = (size_t)pos; /* entities before POS, the nearest last */
    for (uint32_t t = p->ts, skipped = 0; t > 0 && skipped <= 5; t--, skipped++) {
        while (i > 0 && rd->ents[i - 1].te > t)
            i--;
        for (size_t j = i; j-- > 0 && rd->ents[j].te == t;)
            if (skipped && rd->ents[j].pub.type == VNNER_BODY && rd->ents[j].pub.parent < 0)
                return (int)j;
        if (rd->tk->v[t - 1].shape != VN_SH_LOWER && rd->tags->sym[t - 1] != VN_S_NUM)
            break;
    }
    /* a header further on in the sentence ("Ban Giám đốc Công an tỉnh sau hợp nhất gồm Giám đốc và 6 Phó
     * Giám đốc là ..."; "Thượng tá A (kiêm Tham mưu trưởng)"): the nearest body named by itself before it */
    if (!is_header(rd, p))
        return -1;
    uint32_t sent = rd->tk->v[p->ts].sent;
    for (size_t j = (size_t)pos; j-- > 0;) {
        const vn_ent *e = &rd->ents[j];
        if (rd->tk->v[e->ts].sent != sent)
            break;
        if (e->pub.parent < 0 && e->te <= p->ts && e->pub.type == VNNER_BODY) /* a body inside a post is that post's */
            return (int)j;
    }
    return -1;
}

/* The whole post of position POS: its text without the term, with the place
 * filled in from the coordinated posts (SIB) or the article's own place of the
 * body's level when the text leaves it out, a bare unit from its fuller
 * mention, and a bare title heading a list from the body before it. */
char *vn_r_make_post(rctx *c, int pos, const place_ref *sib, uint32_t before, char **used_place)
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
    vn_r_title_display(rd, p->ts, te, &b);
    int body = vn_r_child_of_type(rd, pos, VNNER_BODY);
    if (body < 0 && (body = header_body(rd, pos)) >= 0) {
        uint32_t bs = rd->ents[body].ts;
        const vn_entry *sub = vn_r_chosen(rd, bs), *title = vn_r_chosen(rd, p->ts);
        /* "Ban Thường vụ Tỉnh ủy gồm Bí thư, các Phó Bí thư": a post of the committee whose board is listed
         * (Phó Bí thư Tỉnh ủy), unless the title is its membership (Ủy viên Ban Thường vụ Tỉnh ủy) */
        if (sub && sub->cls == VN_C_SUBBODY && vn_entry_flag(sub, "list") && !vn_entry_flag(title, "member") &&
            bs + rd->tags->gm[bs].len < rd->ents[body].te)
            bs += rd->tags->gm[bs].len;
        vn_buf_putc(&b, ' ');
        vn_r_display_expanded(rd, bs, rd->ents[body].te, &b);
        te = rd->ents[body].te;
    }
    if (body >= 0 && rd->ents[body].te == te)
        complete_from_context(rd, pos, rd->ents[body].ts, te, &b);
    else if (body < 0)
        complete_from_context(rd, pos, weak_tail(rd, pos, te), te, &b);
    if (body >= 0 && !vn_r_own_place(rd, body)) {
        int has_level, is_uy;
        if (area_body(rd, body, &has_level, &is_uy)) {
            int lv = body_level(rd, body);
            place_ref near = {0};
            const place_ref *pl = sib && sib->text && (lv < 0 || sib->level == lv || sib->level < 0) ? sib
                                  : lv >= 0 && nearby_place(c, pos, lv, before, &near) ? &near
                                  : lv >= 0 && c->lv_place[lv].text ? &c->lv_place[lv] : NULL;
            if (pl) {
                if (!has_level && !is_uy)
                    vn_buf_printf(&b, " %s", pl->unit ? pl->unit : default_unit(rd, LV_PROVINCE));
                const char *text = pl->text, *last = b.p ? strrchr(b.p, ' ') : NULL;
                size_t ul = last ? strlen(last + 1) : 0;
                if (has_level && ul && !strncmp(text, last + 1, ul) && text[ul] == ' ')
                    text += ul + 1; /* "UBND phường" and "phường Lý Văn Lâm": the unit word once */
                vn_buf_printf(&b, " %s", text);
                c->oom |= !(*used_place = vn_strdup(pl->text));
            }
            free(near.text);
        }
    } else {
        *used_place = place_of(c, pos);
    }
    if (b.failed) { /* a post cut short is a wrong answer */
        c->oom = 1;
        vn_buf_free(&b);
        return NULL;
    }
    return b.p ? b.p : vn_strdup("");
}

static char *place_of(rctx *c, int pos)
{
    int body = vn_r_child_of_type(c->rd, pos, VNNER_BODY);
    int pl = body >= 0 ? vn_r_child_of_type(c->rd, body, VNNER_PLACE) : vn_r_child_of_type(c->rd, pos, VNNER_PLACE);
    if (pl < 0 || vn_r_foreign_place(c->rd, &c->rd->ents[pl]))
        return NULL;
    vn_buf b = {0};
    vn_r_display(c->rd, c->rd->ents[pl].ts, c->rd->ents[pl].te, &b);
    if (b.failed || !b.p) {
        c->oom = 1;
        vn_buf_free(&b);
        return NULL;
    }
    return b.p;
}

/* The place a post names itself, with its level and unit word, for the posts coordinated with it. */
int vn_r_sibling_of(rctx *c, int pos, place_ref *out)
{
    rdoc *rd = c->rd;
    int body = vn_r_child_of_type(rd, pos, VNNER_BODY);
    int pl = body >= 0 ? vn_r_child_of_type(rd, body, VNNER_PLACE) : -1;
    if (pl < 0 || vn_r_foreign_place(rd, &rd->ents[pl]) || ceased_by_article(rd, &rd->ents[pl]))
        return 0; /* a ceased province names the old post only, never its list's others (Đắk Nông (cũ)) */
    const char *unit;
    out->level = place_level(rd, &rd->ents[pl], &unit);
    out->unit = unit;
    free(out->text);
    out->text = place_of(c, pos);
    return out->text != NULL;
}

