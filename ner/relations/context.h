/* Inside the relations stage: the context its jobs share (the document as
 * the stage sees it, per-token indexes of the entities, the article's
 * place) and the functions one job file offers the others.  Not installed;
 * included by ner/relations/ only. */
#ifndef VN_RELATIONS_CONTEXT_H
#define VN_RELATIONS_CONTEXT_H
#include <stdint.h>
#include "lexicon/classes.h"
#include "relations/relations.h"
#include "util/buf.h"

enum { Q_CURRENT, Q_FORMER, Q_ACTING, Q_ELECT };
extern const char *const vn_r_qual_names[]; /* by Q_* */

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
    int *role_of;           /* the PARTICIPATES given to a person, index+1 in the output (0: none) */
    uint32_t *holds_of;     /* a person's latest HOLDS, index+1 in the output (0: none); the rest via prev_holds */
    uint8_t *covered;       /* token inside a person, position or body */
    int *body_at, *date_at; /* top-level BODY / DATE entity starting at a token, or -1 */
    int *events;            /* EVENT entities in text order */
    size_t nevents;
    int main_event;         /* the first event past the title, else the first, else -1 */
    int *ov_ent;            /* the entity whose first token shows in the relation string at a token, or -1 */
    unsigned char *subj;    /* the relation string: tags, each top-level entity as its type */
    uint32_t *claimed;      /* sentence generation in which a person was given a role */
    uint32_t gen;
    int oom;                /* a copy failed somewhere: the relations are not whole, the document fails */
    struct { uint32_t rel, te; } *touched; /* HOLDS of earlier sentences this sentence states again (the post
                                              ending at token TE), a start rule's: the start it gives is theirs */
    size_t ntouched, touched_cap;
    char sent_day[11];      /* the day the sentence being read opens with ("Chiều 6/12, ..."; of two days
                               the last), or "" */
    char sent_first[11];    /* of two days the first, else as sent_day */
    char lead_day[11];      /* the day of the event the article's lead tells of, within a week before the
                               article's date ("Trong hai ngày 10 và 11/8/2025, ..."), or "" */
    place_ref lv_place[LV_N]; /* the article's own place at each level */
    int *place_before;      /* LV_N rows of nent: the nearest Vietnamese place of that level in force before an
                               entity, or -1; built on first use, so a search back is not a scan */
    size_t place_before_n;  /* the entities it was built for */
} rctx;



/* The gazetteer entry of class CLS that matches at token T (longest), or NULL;
 * the per-token class mask answers most calls without a trie walk. */
#define cue_at(rd, t, cls, len) (((rd)->tags->cls_at[t] & (1ull << (cls))) ? vn_r_cue_walk(rd, t, cls, len) : NULL)

/* common.c: relations, cue words and token tests shared by every job */
int vn_r_args(const rctx *c, const vn_rel_match *m, int arg, int type, int *out, int cap);
const vn_entry *vn_r_class_entry(const rdoc *rd, size_t t, int cls, uint32_t *len);
/* The gazetteer entry chosen at token T (the one its symbol shows), or NULL. */
const vn_entry *vn_r_chosen(const rdoc *rd, uint32_t t);
const vn_entry *vn_r_cue_walk(const rdoc *rd, size_t t, int cls, uint32_t *len);
void vn_r_display(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b);
/* As vn_r_display, the abbreviations of a body written out (BQP -> Bộ Quốc phòng) but for
 * those the gazetteer marks post=as-written (UBND): how a post names its body. */
void vn_r_display_expanded(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b);
int vn_r_foreign_place(const rdoc *rd, const vn_ent *p);
int vn_r_name_sym(char s);
vn_rel *vn_r_new_rel(rdoc *rd, vnner_rel_type type, int person, int target, const char *rule);
int vn_r_punct_is(const rdoc *rd, size_t t, char c);

/* places.c: the article's place, and posts completed with it */
int vn_r_child_of_type(const rdoc *rd, int parent, int type);
void vn_r_find_place(rctx *c);
char *vn_r_make_post(rctx *c, int pos, const place_ref *sib, uint32_t before, char **used_place);
/* Tokens TS..TE of a post as vn_r_display writes them, an abbreviated title written out (the start of every post). */
void vn_r_title_display(const rdoc *rd, uint32_t ts, uint32_t te, vn_buf *b);
int vn_r_own_place(const rdoc *rd, int body);
int vn_r_sibling_of(rctx *c, int pos, place_ref *out);

/* holds.c: HOLDS */
int vn_r_holds_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m, uint32_t s0);
void vn_r_supersede(rctx *c, size_t first);

/* terms.c: dates of terms: ends, leavings, starts, transfers */
/* The day sentence [S0, S1) opens with, into c->sent_day and sent_first
 * ("" when none or after the article's date). */
void vn_r_sentence_day(rctx *c, uint32_t s0, uint32_t s1);
/* The day of the article's lead event into c->lead_day (from its first sentences). */
void vn_r_lead_day(rctx *c);
/* The day each HOLDS from FIRST on speaks of, when not the article's (rel->seen). */
int vn_r_seen_days(rctx *c, size_t first);
/* A bare title ("các Thứ trưởng gồm: A, B") takes the body and place of the
 * nearest fuller post of the same title in the article. */
int vn_r_complete_bare_titles(rctx *c);
/* Posts written with "(cũ)" after their place end when that unit did. */
int vn_r_old_units(rctx *c, size_t first, uint32_t s1);
void vn_r_tenure_ends(rctx *c, size_t first, uint32_t s0, uint32_t s1);
int vn_r_leavings(rctx *c, size_t first, uint32_t s0, uint32_t s1);
int vn_r_starts(rctx *c, size_t first, uint32_t s1);
int vn_r_transfers(rctx *c, size_t first, uint32_t s0, uint32_t s1);

/* roles.c: PARTICIPATES */
int vn_r_roles_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m, uint32_t s0, uint32_t s1);

/* awards.c: AWARDED */
int vn_r_awards_match(rctx *c, const vn_rel_rule *ru, const vn_rel_match *m);

/* coref.c: short references to a full name */
void vn_r_link_short_names(rctx *c);
int vn_r_last_person(const rctx *c, uint32_t t);

#endif
