/* Golden articles: tests/golden/NAME.ann and tests/golden-hard/NAME.ann hold
 * articles written for these tests with every entity and relation a reader
 * expects.  Each article is annotated and compared field by field.
 *
 * File format (UTF-8):
 *
 *   @doc g01                  header lines up to the first "---"; @date is
 *   @date 2024-03-14          the publication date vnner must find
 *   ---
 *   {BODY HĐND tỉnh {PLACE Bình Phước}} bầu ...   the article, marked up
 *   ---
 *   HOLDS | Trần Quang Vinh | Chủ tịch HĐND tỉnh Bình Phước | current | from=- | to=- | term=- | place=Bình Phước | body=HĐND tỉnh Bình Phước
 *   PARTICIPATES | Trần Quang Vinh | chair | Kỳ họp thứ 15 (chuyên đề), HĐND tỉnh khóa X
 *   AWARDED | Lee Sang-woo | Bằng khen | giver=UBND thành phố Hải Phòng
 *   AUTHOR | Bảo Khánh
 *
 * Entities: "{TYPE text}", or "{TYPE=VALUE text}" for an entity with a value
 * (a DATE's ISO value; "{DATE text}" states that the value is null).  The
 * braces give the exact byte span of the entity in the text (the text is the
 * body with the markup taken out, the last newline kept), and nesting gives
 * its parent: the innermost entity around it, none at the top.
 *
 * Relations, one a line, fields separated by " | ", "-" for a null field:
 *   HOLDS | person | post | qualifier | from=F | to=T | term=Y | place=P | body=B [| seen=D]
 *   PARTICIPATES | person | role | event
 *   AWARDED | recipient | award | giver=G
 *   AUTHOR | person
 * person, recipient, event and giver are the texts of the entities the
 * relation points to (an AWARDED recipient that is no entity would be
 * written "recipient=TEXT"); post, qualifier, from, to, term, place, body,
 * role and award are the vnner_relation fields of those names.  An event
 * must be the text of an EVENT of the markup.  A vnner_relation field that
 * the relation's type does not use must be null (target -1 for AUTHOR); one
 * that is set is a difference.
 *
 * Compared: the publication date; entities by type, exact byte span, value
 * and parent; relations as whole lines, each as often as it is expected.
 * Not compared (the markup cannot state them): an entity's rule, canonical
 * form and gazetteer validity; a relation's rule and evidence sentence, and
 * which POSITION mention a HOLDS points to (its post is compared).
 *
 * tests/golden must come out exactly.  tests/golden-hard (articles in other
 * outlets' styles that vnner does not get entirely right yet) has a floor on
 * entity F1 and on the share of relation lines that differ, and scores EVENT
 * boundaries as the annotation guidelines do, leniently: an EVENT matches an
 * overlapping EVENT, and PARTICIPATES lines that differ only in where their
 * events end match.
 *
 * VNNER_UPDATE_GOLDEN=1 rewrites every tests/golden/NAME.ann from the
 * current output (markup from the entities, relation lines from the
 * relations, @date from the publication date found, other header lines
 * kept): read the diff before committing it.  tests/golden-hard is
 * hand-checked: the update mode only rewrites it from its own expectations
 * (the same content), never from the output; edit it by hand.
 *
 * With arguments, `test_golden FILE|DIR...` checks those .ann files exactly
 * (a directory: every .ann in it), prints each difference, and exits 0 when
 * there is none, 1 when there are, 2 when a file cannot be read or is not of
 * the format (tests/unit/golden_mutants.sh uses it to show that an edit of
 * any field fails the comparison). */
#include "support.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- a growable string ---------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

/* ---- a golden document: text, entities, relation lines ---------------------- */

typedef struct gent {
    int type;
    size_t bs, be;
    char *value; /* NULL when none */
    int parent;  /* index of the enclosing entity, or -1 */
} gent;

typedef struct gdoc {
    char name[64];
    char *header; /* the lines before the first "---" */
    char *date;   /* @date, or the publication date found; NULL when none */
    sbuf text;
    gent *ents;
    size_t n, cap;
    char **rels;
    int *ev; /* a PARTICIPATES line's event: index of the entity, else -1 */
    size_t nrel;
} gdoc;

static void gdoc_free(gdoc *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->ents[i].value);
    for (size_t i = 0; i < g->nrel; i++)
        free(g->rels[i]);
    free(g->ents);
    free(g->rels);
    free(g->ev);
    free(g->header);
    free(g->date);
    free(g->text.p);
    memset(g, 0, sizeof *g);
}

static gent *add_ent(gdoc *g)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->ents = realloc(g->ents, g->cap * sizeof *g->ents);
        if (!g->ents)
            abort();
    }
    gent *e = &g->ents[g->n++];
    memset(e, 0, sizeof *e);
    e->parent = -1;
    return e;
}

static void add_rel(gdoc *g, char *line, int ev)
{
    g->rels = realloc(g->rels, (g->nrel + 1) * sizeof *g->rels);
    g->ev = realloc(g->ev, (g->nrel + 1) * sizeof *g->ev);
    if (!g->rels || !g->ev)
        abort();
    g->ev[g->nrel] = ev;
    g->rels[g->nrel++] = line;
}

static int type_of(const char *s, size_t n)
{
    for (int t = 0; t < VNNER_NTYPES; t++)
        if (strlen(vnner_type_name((vnner_type)t)) == n && !memcmp(vnner_type_name((vnner_type)t), s, n))
            return t;
    return -1;
}

static const char *tname(int t) { return vnner_type_name((vnner_type)t); }

/* Why a file could not be read, for the message of the test that reads it. */
static char why[512];

/* Parses the markup between the two "---" lines into text and entities. */
static int parse_body(gdoc *g, const char *s, size_t n)
{
    int stack[64], sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{') {
            size_t j = i + 1;
            while (j < n && s[j] >= 'A' && s[j] <= 'Z')
                j++;
            int t = type_of(s + i + 1, j - i - 1);
            if (t < 0 || sp == 64) {
                snprintf(why, sizeof why, "byte %zu: '{' not followed by an entity type", i);
                return -1;
            }
            gent *e = add_ent(g);
            e->type = t;
            e->parent = sp ? stack[sp - 1] : -1;
            if (j < n && s[j] == '=') {
                size_t k = j + 1;
                while (k < n && s[k] != ' ' && s[k] != '}')
                    k++;
                e->value = strndup(s + j + 1, k - j - 1);
                j = k;
            }
            if (j >= n || s[j] != ' ') {
                snprintf(why, sizeof why, "byte %zu: no space after {%s", i, tname(t));
                return -1;
            }
            e->bs = g->text.len;
            stack[sp++] = (int)(g->n - 1);
            i = j;
        } else if (s[i] == '}') {
            if (!sp) {
                snprintf(why, sizeof why, "byte %zu: '}' closes nothing", i);
                return -1;
            }
            g->ents[stack[--sp]].be = g->text.len;
        } else {
            sb_put(&g->text, s + i, 1);
        }
    }
    if (sp) {
        snprintf(why, sizeof why, "%d entities not closed", sp);
        return -1;
    }
    if (!g->text.p)
        sb_str(&g->text, "");
    return 0;
}

/* Splits LINE at " | " into at most MAX fields (pointers into a copy the
 * caller frees through F[0]); returns the number of fields. */
static int split(const char *line, char **f, int max)
{
    char *c = strdup(line), *p = c;
    int n = 0;
    while (n < max) {
        f[n++] = p;
        char *bar = strstr(p, " | ");
        if (!bar)
            break;
        *bar = 0;
        p = bar + 3;
    }
    return n;
}

/* Whether LINE is a relation line of the format above. */
static int valid_rel(const char *line)
{
    static const char *const holds_keys[] = {"from=", "to=", "term=", "place=", "body="};
    char *f[16];
    int n = split(line, f, 16), ok = 0;
    for (int i = 0; i < n; i++)
        if (!*f[i])
            goto done; /* an empty field: null is "-" */
    if (!strcmp(f[0], "HOLDS") && (n == 9 || n == 10)) {
        ok = n == 9 || !strncmp(f[9], "seen=", 5); /* seen: only when not the document's date */
        for (int k = 0; k < 5; k++)
            ok &= !strncmp(f[4 + k], holds_keys[k], strlen(holds_keys[k]));
    } else if (!strcmp(f[0], "PARTICIPATES") && n == 4) {
        ok = 1;
    } else if (!strcmp(f[0], "AWARDED") && n == 4) {
        ok = !strncmp(f[3], "giver=", 6);
    } else if (!strcmp(f[0], "AUTHOR") && n == 2) {
        ok = 1;
    }
done:
    free(f[0]);
    return ok;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sbuf b = {0};
    char chunk[8192];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        sb_put(&b, chunk, r);
    fclose(f);
    if (!b.p)
        sb_str(&b, "");
    *len = b.len;
    return b.p;
}

/* Index of the first EVENT of G whose text is NAME; -1 for "-", -2 if none. */
static int event_named(const gdoc *g, const char *name)
{
    if (!strcmp(name, "-"))
        return -1;
    for (size_t i = 0; i < g->n; i++)
        if (g->ents[i].type == VNNER_EVENT && g->ents[i].be - g->ents[i].bs == strlen(name) &&
            !memcmp(g->text.p + g->ents[i].bs, name, strlen(name)))
            return (int)i;
    return -2;
}

/* Reads PATH into G; with RELS, the relation lines too (checking their form).
 * Returns 0, or -1 with the reason in why[]. */
static int load_gold(gdoc *g, const char *path, int rels)
{
    size_t len;
    memset(g, 0, sizeof *g);
    char *data = slurp(path, &len);
    if (!data) {
        snprintf(why, sizeof why, "%s: cannot read", path);
        return -1;
    }
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    snprintf(g->name, sizeof g->name, "%.*s", (int)strcspn(base, "."), base);
    int rc = -1;
    char *a = !strncmp(data, "---\n", 4) ? data : strstr(data, "\n---\n");
    char *body = a == data ? data + 4 : a ? a + 5 : NULL;
    char *b = body ? strstr(body, "\n---\n") : NULL;
    if (!b) {
        snprintf(why, sizeof why, "%s: no two \"---\" lines", path);
        goto out;
    }
    g->header = strndup(data, a == data ? 0 : (size_t)(a + 1 - data));
    for (char *l = g->header; *l; l = strchr(l, '\n') + 1) {
        if (!strncmp(l, "@date ", 6))
            g->date = strndup(l + 6, strcspn(l + 6, "\n"));
        if (!strchr(l, '\n'))
            break;
    }
    if (parse_body(g, body, (size_t)(b - body) + 1)) { /* keep the last newline */
        char m[sizeof why];
        memcpy(m, why, sizeof m);
        snprintf(why, sizeof why, "%.200s: %.300s", path, m);
        goto out;
    }
    for (char *l = b + 5; rels && *l;) {
        size_t ln = strcspn(l, "\n");
        if (ln) {
            char *line = strndup(l, ln);
            int ev = -1;
            if (!valid_rel(line)) {
                snprintf(why, sizeof why, "%s: not a relation line of the format: %s", path, line);
                free(line);
                goto out;
            }
            if (!strncmp(line, "PARTICIPATES | ", 15) && (ev = event_named(g, strrchr(line, '|') + 2)) == -2) {
                snprintf(why, sizeof why, "%s: the event is no EVENT of the markup: %s", path, line);
                free(line);
                goto out;
            }
            add_rel(g, line, ev);
        }
        l += ln + (l[ln] == '\n');
    }
    rc = 0;
out:
    free(data);
    return rc;
}

/* ---- what vnner says, in the same form ------------------------------------- */

static const char *orx(const char *s) { return s ? s : "-"; }

static void ent_text(sbuf *b, const vnner_doc *d, const char *text, int i)
{
    if (i < 0) {
        sb_str(b, "-");
        return;
    }
    const vnner_entity *e = vnner_doc_entity(d, (size_t)i);
    sb_put(b, text + e->bstart, e->bend - e->bstart);
}

static void field(sbuf *b, const char *key, const char *v)
{
    sb_str(b, " | ");
    sb_str(b, key);
    sb_str(b, orx(v));
}

/* The line of relation R. */
static char *rel_line(const vnner_doc *d, const char *text, const vnner_relation *r)
{
    sbuf b = {0};
    switch (r->type) {
    case VNNER_HOLDS:
        sb_str(&b, "HOLDS | ");
        ent_text(&b, d, text, r->person);
        field(&b, "", r->post);
        field(&b, "", r->qualifier);
        field(&b, "from=", r->from);
        field(&b, "to=", r->to);
        field(&b, "term=", r->term);
        field(&b, "place=", r->place);
        field(&b, "body=", r->body);
        if (r->seen)
            field(&b, "seen=", r->seen);
        break;
    case VNNER_PARTICIPATES:
        sb_str(&b, "PARTICIPATES | ");
        ent_text(&b, d, text, r->person);
        field(&b, "", r->role);
        sb_str(&b, " | ");
        ent_text(&b, d, text, r->target);
        break;
    case VNNER_AWARDED:
        sb_str(&b, "AWARDED | ");
        if (r->person >= 0 || !r->recipient)
            ent_text(&b, d, text, r->person);
        else
            sb_str(&b, "recipient="), sb_str(&b, r->recipient);
        field(&b, "", r->award);
        sb_str(&b, " | giver=");
        ent_text(&b, d, text, r->target);
        break;
    case VNNER_AUTHOR:
        sb_str(&b, "AUTHOR | ");
        ent_text(&b, d, text, r->person);
        break;
    default:
        sb_str(&b, "UNKNOWN-RELATION-TYPE");
    }
    return b.p;
}

/* Fields of R that its type does not use and that are set anyway, as a
 * sentence (NULL when none). */
static char *unused_fields(const vnner_relation *r)
{
    const int holds = r->type == VNNER_HOLDS, part = r->type == VNNER_PARTICIPATES, award = r->type == VNNER_AWARDED;
    const struct {
        const char *name, *v;
        int used;
    } s[] = {
        {"post", r->post, holds || award}, {"qualifier", r->qualifier, holds}, {"from", r->from, holds},
        {"to", r->to, holds},       {"term", r->term, holds},           {"place", r->place, holds},
        {"body", r->body, holds},   {"role", r->role, part},            {"award", r->award, award},
        {"recipient", r->recipient, award},
    };
    sbuf b = {0};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        if (s[i].v && !s[i].used) {
            sb_str(&b, b.len ? ", " : "");
            sb_str(&b, s[i].name);
            sb_str(&b, "=");
            sb_str(&b, s[i].v);
        }
    if (r->target >= 0 && r->type == VNNER_AUTHOR)
        sb_str(&b, b.len ? ", target set" : "target set");
    return b.p;
}

/* The document as vnner annotates the text of G (header and name from G). */
static int from_doc(gdoc *out, const gdoc *g, const vnner_doc *d)
{
    memset(out, 0, sizeof *out);
    memcpy(out->name, g->name, sizeof out->name);
    out->header = strdup(g->header);
    out->date = vnner_doc_date(d) ? strdup(vnner_doc_date(d)) : NULL;
    sb_str(&out->text, g->text.p);
    for (size_t k = 0; k < vnner_doc_entity_count(d); k++) {
        const vnner_entity *e = vnner_doc_entity(d, k);
        gent *x = add_ent(out);
        x->type = (int)e->type;
        x->bs = e->bstart;
        x->be = e->bend;
        x->value = e->value ? strdup(e->value) : NULL;
        x->parent = e->parent;
    }
    int bad = 0;
    for (size_t k = 0; k < vnner_doc_relation_count(d); k++) {
        const vnner_relation *r = vnner_doc_relation(d, k);
        char *u = unused_fields(r);
        add_rel(out, rel_line(d, g->text.p, r), r->type == VNNER_PARTICIPATES ? r->target : -1);
        if (u) {
            print_message("%s: relation %s sets fields its type does not use: %s\n", g->name, out->rels[out->nrel - 1],
                          u);
            free(u);
            bad++;
        }
    }
    return bad;
}

/* ---- comparing ------------------------------------------------------------ */

/* Whether A and B are the same entity: the same type and span or, LENIENT,
 * two EVENTs that overlap (the annotation guidelines call event boundaries
 * fuzzy and score them so). */
static int same_span(const gent *a, const gent *b, int lenient)
{
    if (a->type != b->type)
        return 0;
    if (lenient && a->type == VNNER_EVENT)
        return a->bs < b->be && b->bs < a->be;
    return a->bs == b->bs && a->be == b->be;
}
static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* Index in B of the entity with A's type and span, or -1. */
static int find_span(const gdoc *b, const gent *a, int lenient)
{
    for (size_t k = 0; k < b->n; k++)
        if (same_span(&b->ents[k], a, lenient))
            return (int)k;
    return -1;
}

static void describe(sbuf *b, const gdoc *g, int i)
{
    if (i < 0) {
        sb_str(b, "nothing");
        return;
    }
    const gent *e = &g->ents[i];
    char pos[64];
    sb_str(b, tname(e->type));
    sb_str(b, " '");
    sb_put(b, g->text.p + e->bs, e->be - e->bs);
    snprintf(pos, sizeof pos, "' [%zu,%zu)", e->bs, e->be);
    sb_str(b, pos);
}

/* Whether the entity of G at I and of D at K agree in every field. */
static int same_entity(const gdoc *g, int i, const gdoc *d, int k, int lenient)
{
    const gent *a = &g->ents[i], *b = &d->ents[k];
    if (!same_span(a, b, lenient) || !same_str(a->value, b->value))
        return 0;
    if (a->parent < 0 || b->parent < 0)
        return a->parent == b->parent;
    return same_span(&g->ents[a->parent], &d->ents[b->parent], lenient);
}

/* Counts the expected entities of G found in D with every field right (TP),
 * those not found or with a field wrong (FN) and those of D that match none
 * (FP); with LOUD, prints each difference. Returns FP + FN. */
static size_t compare_entities(const gdoc *g, const gdoc *d, int lenient, int loud, size_t *tp, size_t *fp,
                               size_t *fn)
{
    size_t diffs = 0;
    for (size_t i = 0; i < g->n; i++) {
        int k = find_span(d, &g->ents[i], lenient);
        if (k >= 0 && same_entity(g, (int)i, d, k, lenient)) {
            (*tp)++;
            continue;
        }
        diffs++;
        (*fn)++;
        if (!loud)
            continue;
        sbuf m = {0};
        describe(&m, g, (int)i);
        if (k < 0) {
            print_message("%s: missed %s\n", g->name, m.p);
        } else if (!same_str(g->ents[i].value, d->ents[k].value)) {
            print_message("%s: %s has value %s, expected %s\n", g->name, m.p, orx(d->ents[k].value),
                          orx(g->ents[i].value));
        } else {
            sbuf x = {0}, y = {0};
            describe(&x, d, d->ents[k].parent);
            describe(&y, g, g->ents[i].parent);
            print_message("%s: %s is inside %s, expected inside %s\n", g->name, m.p, x.p, y.p);
            free(x.p);
            free(y.p);
        }
        free(m.p);
    }
    for (size_t k = 0; k < d->n; k++) {
        int i = find_span(g, &d->ents[k], lenient);
        if (i >= 0)
            continue; /* counted above, right or wrong */
        diffs++;
        (*fp)++;
        if (loud) {
            sbuf m = {0};
            describe(&m, d, (int)k);
            print_message("%s: spurious %s\n", g->name, m.p);
            free(m.p);
        }
    }
    return diffs;
}

/* Whether line I of G and line K of D agree: the same line or, LENIENT, two
 * PARTICIPATES lines that differ only in their events' boundaries. */
static int same_rel(const gdoc *g, size_t i, const gdoc *d, size_t k, int lenient)
{
    if (!strcmp(g->rels[i], d->rels[k]))
        return 1;
    if (!lenient || g->ev[i] < 0 || d->ev[k] < 0)
        return 0;
    const char *a = strrchr(g->rels[i], '|'), *b = strrchr(d->rels[k], '|');
    return a - g->rels[i] == b - d->rels[k] && !strncmp(g->rels[i], d->rels[k], (size_t)(a - g->rels[i])) &&
           same_span(&g->ents[g->ev[i]], &d->ents[d->ev[k]], 1);
}

/* Relation lines of G missing from D and of D missing from G, each line
 * counted as often as it occurs; with LOUD, prints each. */
static size_t compare_relations(const gdoc *g, const gdoc *d, int lenient, int loud)
{
    size_t diffs = 0;
    char *used = calloc(d->nrel + 1, 1);
    char *matched = calloc(g->nrel + 1, 1);
    for (int pass = 0; pass < 1 + lenient; pass++) /* exact matches first */
        for (size_t i = 0; i < g->nrel; i++)
            for (size_t k = 0; k < d->nrel && !matched[i]; k++)
                if (!used[k] && (pass ? same_rel(g, i, d, k, 1) : !strcmp(g->rels[i], d->rels[k])))
                    used[k] = matched[i] = 1;
    for (size_t i = 0; i < g->nrel; i++)
        if (!matched[i]) {
            diffs++;
            if (loud)
                print_message("%s: missed relation %s\n", g->name, g->rels[i]);
        }
    for (size_t k = 0; k < d->nrel; k++)
        if (!used[k]) {
            diffs++;
            if (loud)
                print_message("%s: spurious relation %s\n", g->name, d->rels[k]);
        }
    free(used);
    free(matched);
    return diffs;
}

static size_t compare_date(const gdoc *g, const gdoc *d, int loud)
{
    if (same_str(g->date, d->date))
        return 0;
    if (loud)
        print_message("%s: publication date %s, expected %s\n", g->name, orx(d->date), orx(g->date));
    return 1;
}

/* ---- writing ------------------------------------------------------------- */

static int depth_of(const gdoc *g, size_t i)
{
    int n = 0;
    for (int p = g->ents[i].parent; p >= 0 && n <= (int)g->n; p = g->ents[p].parent)
        n++;
    return n;
}

static const gdoc *sorting;
static int by_start(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    const gent *p = &sorting->ents[a], *q = &sorting->ents[b];
    if (p->bs != q->bs)
        return p->bs < q->bs ? -1 : 1;
    if (p->be != q->be)
        return p->be > q->be ? -1 : 1;
    int da = depth_of(sorting, a), db = depth_of(sorting, b);
    return da != db ? (da < db ? -1 : 1) : (a < b ? -1 : a > b);
}

/* G as a file: the markup shows every entity's span and parent, or -1 with
 * the reason in why[] when it cannot (crossing spans, a parent that is not
 * the innermost entity around, braces in the text, a separator in a field). */
static int write_gold(const gdoc *g, const char *path)
{
    sbuf b = {0};
    size_t *order = malloc((g->n + 1) * sizeof *order);
    int *stack = malloc((g->n + 1) * sizeof *stack), sp = 0, rc = -1;
    for (size_t i = 0; i < g->n; i++)
        order[i] = i;
    sorting = g;
    qsort(order, g->n, sizeof *order, by_start);
    /* the header, @date replaced by the date found */
    for (const char *l = g->header; *l;) {
        size_t ln = strcspn(l, "\n");
        if (!strncmp(l, "@date ", 6)) {
            if (g->date) {
                sb_str(&b, "@date ");
                sb_str(&b, g->date);
                sb_str(&b, "\n");
            }
        } else {
            sb_put(&b, l, ln);
            sb_str(&b, "\n");
        }
        l += ln + (l[ln] == '\n');
    }
    sb_str(&b, "---\n");
    size_t next = 0, len = g->text.len - (g->text.len && g->text.p[g->text.len - 1] == '\n');
    for (size_t pos = 0; pos <= len; pos++) {
        while (sp && g->ents[stack[sp - 1]].be == pos) {
            sb_str(&b, "}");
            sp--;
        }
        for (int k = 0; k < sp; k++)
            if (g->ents[stack[k]].be <= pos) {
                snprintf(why, sizeof why, "%s: entity %d ends inside entity %d", g->name, stack[k], stack[sp - 1]);
                goto out;
            }
        for (; next < g->n && g->ents[order[next]].bs == pos; next++) {
            const gent *e = &g->ents[order[next]];
            if (e->be > len || e->be <= e->bs || (sp && e->be > g->ents[stack[sp - 1]].be)) {
                snprintf(why, sizeof why, "%s: entity %zu [%zu,%zu) cannot be marked up", g->name, order[next], e->bs,
                         e->be);
                goto out;
            }
            if (e->parent != (sp ? stack[sp - 1] : -1)) {
                snprintf(why, sizeof why, "%s: entity %zu's parent %d is not the entity around it (%d)", g->name,
                         order[next], e->parent, sp ? stack[sp - 1] : -1);
                goto out;
            }
            if (e->value && strpbrk(e->value, " {}\n")) {
                snprintf(why, sizeof why, "%s: value '%s' cannot be marked up", g->name, e->value);
                goto out;
            }
            sb_str(&b, "{");
            sb_str(&b, tname(e->type));
            if (e->value) {
                sb_str(&b, "=");
                sb_str(&b, e->value);
            }
            sb_str(&b, " ");
            stack[sp++] = (int)order[next];
        }
        if (pos < len) {
            if (g->text.p[pos] == '{' || g->text.p[pos] == '}') {
                snprintf(why, sizeof why, "%s: the text has a brace at byte %zu", g->name, pos);
                goto out;
            }
            sb_put(&b, g->text.p + pos, 1);
        }
    }
    if (next < g->n || sp) {
        snprintf(why, sizeof why, "%s: entities past the end of the text", g->name);
        goto out;
    }
    sb_str(&b, "\n---\n");
    for (size_t i = 0; i < g->nrel; i++) {
        if (strchr(g->rels[i], '\n') || !valid_rel(g->rels[i])) {
            snprintf(why, sizeof why, "%s: relation cannot be written as a line: %s", g->name, g->rels[i]);
            goto out;
        }
        sb_str(&b, g->rels[i]);
        sb_str(&b, "\n");
    }
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b.p, 1, b.len, f) != b.len) {
        snprintf(why, sizeof why, "%s: cannot write", path);
        if (f)
            fclose(f);
        goto out;
    }
    rc = fclose(f) ? -1 : 0;
out:
    free(order);
    free(stack);
    free(b.p);
    return rc;
}

/* ---- running ------------------------------------------------------------- */

static int update_mode(void)
{
    const char *u = getenv("VNNER_UPDATE_GOLDEN");
    return u && *u && strcmp(u, "0");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .ann files of DIR, sorted, as malloc'd paths; *n of them. */
static char **ann_files(const char *dir, size_t *n)
{
    DIR *dp = opendir(dir);
    char **v = NULL;
    *n = 0;
    if (!dp)
        return NULL;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".ann"))
            continue;
        v = realloc(v, (*n + 1) * sizeof *v);
        v[*n] = malloc(strlen(dir) + l + 2);
        sprintf(v[*n], "%s/%s", dir, de->d_name);
        (*n)++;
    }
    closedir(dp);
    qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_files(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

typedef struct tally {
    size_t files, diffs, tp, fp, fn, rel_diffs, rels;
} tally;

/* Checks one file (loud: every difference printed; lenient: the way of
 * golden-hard); -1 if it cannot be read. */
static int check_file(const char *path, int lenient, int loud, tally *t)
{
    gdoc g, d;
    if (load_gold(&g, path, 1)) {
        gdoc_free(&g);
        return -1;
    }
    const vnner_doc *doc = test_annotate(g.text.p, NULL);
    if (!doc) {
        snprintf(why, sizeof why, "%s: annotation failed", path);
        gdoc_free(&g);
        return -1;
    }
    size_t unused = (size_t)from_doc(&d, &g, doc);
    for (size_t k = 0; lenient && k < d.nrel; k++) { /* the floors' gold predates "seen": not compared there */
        char *sn = strstr(d.rels[k], " | seen=");
        if (sn)
            *sn = 0;
    }
    size_t rd = compare_relations(&g, &d, lenient, loud);
    t->diffs += compare_entities(&g, &d, lenient, loud, &t->tp, &t->fp, &t->fn) + rd + compare_date(&g, &d, loud) + unused;
    t->rel_diffs += rd;
    t->rels += g.nrel;
    t->files++;
    gdoc_free(&g);
    gdoc_free(&d);
    return 0;
}

/* VNNER_UPDATE_GOLDEN: PATH rewritten from the output, or (KEEP) from its own
 * expectations. */
static int update_file(const char *path, int keep)
{
    gdoc g, d;
    int rc = -1;
    if (load_gold(&g, path, keep)) {
        gdoc_free(&g);
        return -1;
    }
    if (keep) {
        rc = write_gold(&g, path);
    } else {
        const vnner_doc *doc = test_annotate(g.text.p, NULL);
        if (doc && !from_doc(&d, &g, doc)) {
            rc = write_gold(&d, path);
            gdoc_free(&d);
        } else if (doc) {
            snprintf(why, sizeof why, "%s: a relation sets fields its type does not use", path);
            gdoc_free(&d);
        }
    }
    if (!rc)
        print_message("%s %s\n", keep ? "rewrote (expectations kept)" : "wrote", path);
    gdoc_free(&g);
    return rc;
}

static void run_dir(const char *sub, int loud, tally *t)
{
    char dir[512];
    size_t n;
    snprintf(dir, sizeof dir, "%s/%s", VNNER_TEST_DIR, sub);
    char **files = ann_files(dir, &n);
    if (!n)
        fail_msg("no .ann file in %s", dir);
    for (size_t i = 0; i < n; i++) {
        int rc = update_mode() ? update_file(files[i], !loud) : check_file(files[i], !loud, getenv("VNNER_GOLDEN_VERBOSE") || loud, t);
        if (rc) {
            free_files(files, n);
            fail_msg("%s", why);
        }
    }
    free_files(files, n);
}

static void test_golden_files(void **state)
{
    (void)state;
    tally t = {0};
    run_dir("golden", 1, &t);
    if (update_mode())
        return;
    assert_true(t.files >= 8);
    assert_true(t.tp > 0 && t.rels > 0);
    assert_int_equal(t.diffs, 0);
}

static double f1(size_t tp, size_t fp, size_t fn)
{
    return tp ? 2.0 * (double)tp / (double)(2 * tp + fp + fn) : 0.0;
}

/* The articles of SUB (at least ten) score at least MIN_F1 on entities and
 * have at most MAX_RERR of their relation lines differ (every field). */
static void check_floor(const char *sub, double min_f1, double max_rerr)
{
    tally t = {0};
    run_dir(sub, 0, &t);
    if (update_mode())
        return;
    double ef = f1(t.tp, t.fp, t.fn), rerr = t.rels ? (double)t.rel_diffs / (double)t.rels : 1.0;
    print_message("%s: entity F1 %.3f (%zu right, %zu spurious, %zu missed or wrong); relation lines that differ "
                  "%zu, expected %zu\n",
                  sub, ef, t.tp, t.fp, t.fn, t.rel_diffs, t.rels);
    assert_true(t.files >= 10);
    assert_true(ef >= min_f1);
    assert_true(rerr <= max_rerr);
}

/* The folders of tests/golden-hard that vnner does not get entirely right
 * yet, each with a floor at what it scores now, so that no change makes one
 * worse unnoticed (entity F1 at least, share of relation lines that differ at
 * most):
 * - golden-hard: other outlets' styles (datelines in the lead, bylines on
 *   top, lists of appointments, district news, foreign visits);
 * - heldout: ten articles with dev2's phenomena (headers over lists, bare
 *   posts, pronoun subjects, the 2025 merger, dates of many forms), never
 *   tuned on (entity F1 0.902 and 173 of 216 lines differing when added);
 * - round2: twelve more by a helper after the held-out ten, tuned on;
 * - general: twelve general-news articles dense with persons no title
 *   announces, tuned on (short forms of names);
 * - round3: twelve more in new wordings of the real-news issue's
 *   constructions (score.py entity 0.924, relation 0.814 when added, before
 *   any tuning on them);
 * - round4: ten more, scored once untuned (entity 0.979, relations 0.899),
 *   then tuned on when round5 was written. */
typedef struct floor_case {
    const char *dir;
    double min_f1, max_rerr;
} floor_case;

static const floor_case floors[] = {
    {"golden-hard", 0.985, 0.20},          {"golden-hard/heldout", 0.955, 0.59}, {"golden-hard/round2", 0.98, 0.55},
    {"golden-hard/general", 0.965, 0.23}, {"golden-hard/round3", 0.972, 0.54},
    {"golden-hard/round4", 0.982, 0.38},
};

static void test_golden_floor(void **state)
{
    const floor_case *f = *state;
    check_floor(f->dir, f->min_f1, f->max_rerr);
}

/* test_golden FILE|DIR...: exact comparison of those files. */
static int check_paths(int argc, char **argv)
{
    tally t = {0};
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        size_t n = 1;
        char **files = NULL;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            files = ann_files(argv[i], &n);
            if (!n)
                fprintf(stderr, "%s: no .ann file\n", argv[i]), bad++;
        } else {
            files = malloc(sizeof *files);
            files[0] = strdup(argv[i]);
        }
        for (size_t k = 0; k < n; k++)
            if (check_file(files[k], 0, 1, &t)) {
                fprintf(stderr, "%s\n", why);
                bad++;
            }
        free_files(files, n);
    }
    printf("%zu files, %zu differences%s\n", t.files, t.diffs, bad ? ", and files that could not be checked" : "");
    return bad ? 2 : t.diffs ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return check_paths(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_files),
        cmocka_unit_test_prestate(test_golden_floor, (void *)&floors[0]),
        cmocka_unit_test_prestate(test_golden_floor, (void *)&floors[1]),
        cmocka_unit_test_prestate(test_golden_floor, (void *)&floors[2]),
        cmocka_unit_test_prestate(test_golden_floor, (void *)&floors[3]),
        cmocka_unit_test_prestate(test_golden_floor, (void *)&floors[4]),
        cmocka_unit_test_prestate(test_golden_floor, (void *)&floors[5]),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
