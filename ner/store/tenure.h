/* Tenure: the terms of a post's holders, reasoned from dated evidence.  A
 * pure function of the evidence rows (tenure.c), so that who, positions,
 * history and the graph agree and a unit test can state every rule.
 * Not installed.  The rules, with an example each, are in README.md
 * ("How who reasons over time"). */
#ifndef VN_STORE_TENURE_H
#define VN_STORE_TENURE_H
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#define VN_DAY_NONE LONG_MIN    /* an unknown or open start */
#define VN_DAY_OPEN LONG_MAX    /* an open end: still in office */

/* What one mention says of a person and a post. */
enum { VN_EV_CURRENT, VN_EV_ACTING, VN_EV_FORMER, VN_EV_ELECT, VN_EV_END };

typedef struct vn_evidence_row {
    int64_t person;
    int kind;          /* VN_EV_* */
    long day;          /* the article's date, VN_DAY_NONE when unknown */
    long start, end;   /* dates the sentence gives (start of the term, last day), or VN_DAY_NONE */
} vn_evidence_row;

/* A holder's term of the post. */
typedef struct vn_term {
    int64_t person;
    long lo, hi;             /* first and last day; VN_DAY_NONE / VN_DAY_OPEN when open */
    long acting_until;       /* last day of an acting phase at the start, or VN_DAY_NONE */
    long first_seen, last_seen; /* the first and last article that shows the person in office */
    int nominee_only;        /* only nominations or elections to come: never a holder */
    int former_only;         /* only "nguyên" mentions: a holder before them, start unknown */
    unsigned ended_by;       /* why the term ends: VN_END_* bits */
    long lo_row, hi_row;     /* index (into the rows given) of the row whose own date is LO / HI, or -1 */
    int lo_stated, hi_stated; /* LO / HI is a day a text gives (a start; a leaving, the end of the body or place,
                                 a successor's stated start), not only the first or last day seen in office */
} vn_term;

enum {
    VN_END_EXPLICIT = 1,   /* a leaving phrase or a date the text gives */
    VN_END_FORMER = 2,     /* a later "nguyên" mention */
    VN_END_SUCCESSOR = 4,  /* the next holder of a single-holder post */
    VN_END_CEASED = 8      /* the post's body or place ceased to exist */
};

/* Facts of the post that shape its terms. */
typedef struct vn_post_facts {
    int collective;      /* several holders at once (Ủy viên, Phó ..., Bí thư Trung ương Đảng) */
    long ceased;         /* last day the post's body or place existed, or VN_DAY_OPEN */
    char place[64];      /* a place of the post that merged into another, or "" */
    char successor[64];  /* the place it became part of, or "" */
} vn_post_facts;

/* Terms of the post from ROWS (N of them, sorted by person, then day) into
 * OUT (one per person, in person order; *NOUT of them).  OUT must hold N
 * terms.  Returns 0. */
int vn_tenure_compute(vn_term *out, size_t *nout, const vn_evidence_row *rows, size_t n, const vn_post_facts *post);

/* Whether TERM covers DAY (a nominee never does). */
int vn_term_covers(const vn_term *t, long day);
/* The qualifier of TERM on DAY: "acting" in its acting phase, "current"
 * inside it, "former" after it; static storage. */
const char *vn_term_qualifier(const vn_term *t, long day);

#endif
