/* Relation graphs as Graphviz DOT: persons, posts, bodies and events as
 * nodes of distinct shapes; HOLDS (with tenure), post-of-body, body-within-
 * body, PARTICIPATES (with role) and AWARDED as labelled edges.  Output is
 * sorted so that the same database gives byte-identical DOT. */
#include <limits.h>
#include <string.h>
#include "store/store.h"
#include "text/text.h"
#include "util/date.h"
#include "util/hash.h"

typedef struct gnode {
    char id[24];
    char *label;
    char kind;           /* p person, t post, b body, e event, x other */
    sqlite3_int64 rowid;
    int depth;           /* BFS distance from the chosen node, -1 unvisited */
    int degree;
    int keep;
    char *key;           /* cached vn_store_key of the label (posts, bodies) */
    char *place;         /* a post's or body's province or city: where it is most often held, or NULL */
    int cluster;         /* while writing: the body whose box it is drawn in (posts, bodies), or -1 */
} gnode;

typedef struct gedge {
    int a, b;
    char *label;
    const char *style;   /* DOT attributes */
} gedge;

typedef struct graph {
    gnode *n;
    size_t nn, ncap;
    gedge *e;
    size_t ne, ecap;
    int *slot;           /* open addressing over (kind, rowid) -> node index + 1 */
    size_t nslot;
    int *eslot;          /* open addressing over edges (a, b) -> edge index + 1 */
    size_t neslot;
    vnner_store *s;
    const vnner_model *m;
    long from, to;       /* window in days */
} graph;

static size_t edge_hash(int a, int b)
{
    uint64_t h = ((uint64_t)(uint32_t)a << 32 | (uint32_t)b) * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 20);
}

static size_t slot_of(const graph *g, char kind, sqlite3_int64 rowid)
{
    uint64_t h = ((uint64_t)rowid * 0x9E3779B97F4A7C15ull) ^ (uint64_t)kind;
    size_t i = (size_t)(h >> 17) & (g->nslot - 1);
    while (g->slot[i] && !(g->n[g->slot[i] - 1].kind == kind && g->n[g->slot[i] - 1].rowid == rowid))
        i = (i + 1) & (g->nslot - 1);
    return i;
}

static int rehash(graph *g)
{
    size_t ns = g->nslot ? g->nslot * 2 : 1024;
    int *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return -1;
    free(g->slot);
    g->slot = sl;
    g->nslot = ns;
    for (size_t i = 0; i < g->nn; i++)
        g->slot[slot_of(g, g->n[i].kind, g->n[i].rowid)] = (int)i + 1;
    return 0;
}

static const char *key_of(graph *g, gnode *x)
{
    if (!x->key)
        x->key = vn_store_key(g->m, x->label);
    return x->key ? x->key : "";
}

static int node(graph *g, char kind, sqlite3_int64 rowid, const char *label)
{
    char id[24];
    snprintf(id, sizeof id, "%c%lld", kind, (long long)rowid);
    if ((g->nn + 1) * 2 > g->nslot && rehash(g))
        return -1;
    size_t sl = slot_of(g, kind, rowid);
    if (g->slot[sl])
        return g->slot[sl] - 1;
    label = label ? label : "";
    char *lab = vn_utf8_repair_dup(label, strlen(label)); /* read from the database: any bytes */
    if (!lab || vn_grow((void **)&g->n, &g->ncap, g->nn + 1, sizeof *g->n)) {
        free(lab);
        return -1;
    }
    g->slot[sl] = (int)g->nn + 1;
    gnode *x = &g->n[g->nn];
    memset(x, 0, sizeof *x);
    memcpy(x->id, id, sizeof id);
    x->label = lab;
    x->kind = kind;
    x->rowid = rowid;
    x->depth = -1;
    return (int)g->nn++;
}

/* Room in the edge table for one more edge: 0, or -1 when out of memory. */
static int edge_room(graph *g)
{
    if ((g->ne + 1) * 2 <= g->neslot)
        return 0;
    size_t ns = g->neslot ? g->neslot * 2 : 1024;
    int *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return -1;
    for (size_t i = 0; i < g->ne; i++) {
        size_t h = edge_hash(g->e[i].a, g->e[i].b) & (ns - 1);
        while (sl[h])
            h = (h + 1) & (ns - 1);
        sl[h] = (int)i + 1;
    }
    free(g->eslot);
    g->eslot = sl;
    g->neslot = ns;
    return 0;
}

static int edge(graph *g, int a, int b, const char *label, const char *style)
{
    if (a < 0 || b < 0 || edge_room(g))
        return -1;
    label = label ? label : "";
    char *lab = vn_utf8_repair_dup(label, strlen(label)); /* read from the database: any bytes */
    if (!lab)
        return -1;
    size_t h = edge_hash(a, b) & (g->neslot - 1);
    for (; g->eslot[h]; h = (h + 1) & (g->neslot - 1)) {
        const gedge *x = &g->e[g->eslot[h] - 1];
        if (x->a == a && x->b == b && !strcmp(x->label, lab)) {
            free(lab);
            return 0; /* the same edge from another document */
        }
    }
    if (vn_grow((void **)&g->e, &g->ecap, g->ne + 1, sizeof *g->e)) {
        free(lab);
        return -1;
    }
    g->eslot[h] = (int)g->ne + 1;
    g->e[g->ne++] = (gedge){a, b, lab, style};
    g->n[a].degree++;
    g->n[b].degree++;
    return 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

/* "2021-03-15 – 2023-06-19 (former)", "from 2021-03-15", "until 2023-06-19". */
static void tenure_label(vn_buf *b, const vn_tenure *t)
{
    if (t->lo_s[0] && t->hi_s[0])
        vn_buf_printf(b, "%s – %s", t->lo_s, t->hi_s);
    else if (t->lo_s[0])
        vn_buf_printf(b, "from %s", t->lo_s);
    else if (t->hi_s[0])
        vn_buf_printf(b, "until %s", t->hi_s);
    const char *q = t->elect_only ? "elect" : t->qualifier;
    if (q && strcmp(q, "current"))
        vn_buf_printf(b, "%s(%s)", b->len ? " " : "", q);
}

/* The HOLDS edges of the post of row ST (its N tenures T) and the edge to its body: 0 or -1. */
static int post_edges(graph *g, sqlite3_stmt *st, const vn_tenure *t, size_t n)
{
    sqlite3_int64 post = sqlite3_column_int64(st, 0);
    int tn = -1, err = 0;
    for (size_t i = 0; i < n && !err; i++) {
        if (t[i].hi < g->from || t[i].lo > g->to)
            continue; /* outside the window */
        if (tn < 0)
            tn = node(g, 't', post, col(st, 1));
        vn_buf label = {0};
        tenure_label(&label, &t[i]);
        err = edge(g, node(g, 'p', t[i].person, t[i].name), tn, label.p ? label.p : "", "color=\"#1c7ed6\"");
        vn_buf_free(&label);
    }
    if (!err && tn >= 0 && sqlite3_column_type(st, 2) != SQLITE_NULL)
        err = edge(g, tn, node(g, 'b', sqlite3_column_int64(st, 2), col(st, 3)), "of", "style=dashed");
    return err;
}

/* HOLDS edges with the tenure who computes, and each post's body; ERR says why when it fails. */
static int load_holdings(graph *g, vnner_error *err)
{
    /* LEFT JOIN: a holding of a missing post is a damaged file (vn_post_tenures says so), not a hidden one */
    static const char *sql = "SELECT DISTINCT h.post_id, po.name, po.body_id, b.name FROM holdings h"
                             " LEFT JOIN posts po ON po.id = h.post_id LEFT JOIN bodies b ON b.id = po.body_id"
                             " ORDER BY h.post_id";
    sqlite3_stmt *st = NULL;
    int rc = VNNER_EDB, step = SQLITE_ERROR;
    if (sqlite3_prepare_v2(g->s->db, sql, -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        vn_tenure *t;
        size_t n;
        if ((rc = vn_post_tenures(&t, &n, g->s, g->m, sqlite3_column_int64(st, 0), err)))
            goto cleanup; /* ERR says why: a damaged file, the database, memory */
        int bad = post_edges(g, st, t, n);
        vn_tenures_free(t, n);
        if (bad) {
            rc = VNNER_ENOMEM;
            vn_set_error(err, rc, -1, "out of memory");
            goto cleanup;
        }
    }
    rc = step == SQLITE_DONE ? 0 : VNNER_EDB;
cleanup:
    if (rc == VNNER_EDB && step != SQLITE_ROW) /* on a row, vn_post_tenures has said why */
        vn_store_db_error(g->s, err, "cannot read the graph");
    sqlite3_finalize(st);
    return rc;
}

/* Each post's and body's place: the province or city it is most often held in (holdings say where). */
static int load_places(graph *g)
{
    static const char *const sql[] = {
        "SELECT po.body_id, h.place, count(*) AS n FROM holdings h JOIN posts po ON po.id = h.post_id"
        " WHERE h.place IS NOT NULL AND h.place <> '' AND po.body_id IS NOT NULL"
        " GROUP BY po.body_id, h.place ORDER BY po.body_id, n DESC, h.place",
        "SELECT post_id, place, count(*) AS n FROM holdings WHERE place IS NOT NULL AND place <> ''"
        " GROUP BY post_id, place ORDER BY post_id, n DESC, place",
    };
    if (!g->nslot)
        return 0; /* no node at all */
    int rc = SQLITE_DONE;
    for (int k = 0; k < 2 && rc == SQLITE_DONE; k++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(g->s->db, sql[k], -1, &st, NULL) != SQLITE_OK)
            return VNNER_EDB;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            size_t sl = slot_of(g, k ? 't' : 'b', sqlite3_column_int64(st, 0));
            gnode *x = g->slot[sl] ? &g->n[g->slot[sl] - 1] : NULL;
            if (!x || x->place) /* not in the window, or its most frequent place taken */
                continue;
            const char *pl = col(st, 1);
            if (!(x->place = vn_utf8_repair_dup(pl, strlen(pl)))) {
                rc = VNNER_ENOMEM;
                break;
            }
        }
        sqlite3_finalize(st);
    }
    return rc == VNNER_ENOMEM ? rc : rc == SQLITE_DONE ? 0 : VNNER_EDB;
}

/* An event's label: its name, the body of the post its chair (else its director) holds in the same
 * article when the name does not say it already, and the event's own date. */
static void event_label(graph *g, vn_buf *b, sqlite3_stmt *st)
{
    const char *name = col(st, 3), *body = col(st, 6), *date = col(st, 4);
    vn_buf_puts(b, name);
    if (*body) {
        char *kn = vn_store_key(g->m, name), *kb = vn_store_key(g->m, body);
        if (kn && kb && !strstr(kn, kb))
            vn_buf_printf(b, "\n%s", body);
        free(kn);
        free(kb);
    }
    if (*date)
        vn_buf_printf(b, "\n%s", date);
}

static int load_events(graph *g)
{
    /* each event's body, computed once in one pass (a subquery a row scanned participations a row) */
    static const char *sql =
        "WITH eb AS (SELECT c.event_id AS eid, b.name AS bname,"
        "  row_number() OVER (PARTITION BY c.event_id ORDER BY c.role = 'chair' DESC, h.id) AS rn"
        "  FROM participations c JOIN events e ON e.id = c.event_id"
        "  JOIN holdings h ON h.person_id = c.person_id AND h.doc_id = e.doc_id"
        "  JOIN posts po ON po.id = h.post_id JOIN bodies b ON b.id = po.body_id WHERE c.role IN ('chair', 'direct'))"
        " SELECT pa.person_id, p.name, e.id, e.name, e.date, group_concat(DISTINCT pa.role), eb.bname"
        " FROM participations pa JOIN persons p ON p.id = pa.person_id JOIN events e ON e.id = pa.event_id"
        " LEFT JOIN eb ON eb.eid = e.id AND eb.rn = 1 GROUP BY pa.person_id, e.id";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(g->s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long day;
        if (!vn_date_parse(col(st, 4), 0, &day) && (day < g->from || day > g->to))
            continue;
        vn_buf label = {0};
        event_label(g, &label, st);
        int en = node(g, 'e', sqlite3_column_int64(st, 2), label.p);
        vn_buf_free(&label);
        if (edge(g, node(g, 'p', sqlite3_column_int64(st, 0), col(st, 1)), en, col(st, 5), "color=\"#ae3ec9\"")) {
            sqlite3_finalize(st);
            return VNNER_ENOMEM;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : VNNER_EDB;
}

/* The post and body nodes by their keys: a giver's name is looked up in it. */
typedef struct key_index {
    int *slot; /* node index + 1 */
    size_t n;
} key_index;

/* KINDS: the node kinds indexed ("tb", "b"). */
static int key_index_build(key_index *ki, graph *g, const char *kinds)
{
    ki->n = 16;
    while (ki->n < g->nn * 2 + 2)
        ki->n *= 2;
    if (!(ki->slot = calloc(ki->n, sizeof *ki->slot)))
        return -1;
    for (size_t i = 0; i < g->nn; i++) {
        if (!strchr(kinds, g->n[i].kind))
            continue;
        const char *k = key_of(g, &g->n[i]);
        size_t h = (size_t)vn_fnv1a(k, strlen(k)) & (ki->n - 1);
        while (ki->slot[h] && strcmp(key_of(g, &g->n[ki->slot[h] - 1]), k))
            h = (h + 1) & (ki->n - 1);
        if (!ki->slot[h]) /* the first node of a key: posts before bodies, as they were loaded */
            ki->slot[h] = (int)i + 1;
    }
    return 0;
}

static int key_index_find(const key_index *ki, graph *g, const char *key)
{
    for (size_t h = (size_t)vn_fnv1a(key, strlen(key)) & (ki->n - 1); ki->slot[h]; h = (h + 1) & (ki->n - 1))
        if (!strcmp(key_of(g, &g->n[ki->slot[h] - 1]), key))
            return ki->slot[h] - 1;
    return -1;
}

/* The node an award is given from: the person who gave it when the document names one (GIVER_ID), else
 * the post or body of that name, else a plain node of its own (ROW is the award). */
static int giver_node(graph *g, const key_index *ki, sqlite3_stmt *st)
{
    if (sqlite3_column_type(st, 7) != SQLITE_NULL)
        return node(g, 'p', sqlite3_column_int64(st, 7), col(st, 8));
    char *key = vn_store_key(g->m, col(st, 5));
    int gv = key ? key_index_find(ki, g, key) : -1;
    free(key);
    return gv >= 0 ? gv : node(g, 'x', sqlite3_column_int64(st, 0) * 2 + 1, col(st, 5));
}

/* Awards: giver (a person, post or body when one is named so, else a plain node) to recipient. */
static int load_awards(graph *g)
{
    static const char *sql = "SELECT a.id, a.person_id, p.name, a.recipient, a.award, a.giver, d.date, a.giver_id, gp.name"
                             " FROM awards a JOIN documents d ON d.id = a.doc_id LEFT JOIN persons p ON p.id = a.person_id"
                             " LEFT JOIN persons gp ON gp.id = a.giver_id";
    sqlite3_stmt *st;
    key_index ki = {0};
    if (key_index_build(&ki, g, "tb"))
        return VNNER_ENOMEM;
    if (sqlite3_prepare_v2(g->s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        free(ki.slot);
        return VNNER_EDB;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long day;
        if (!vn_date_parse(col(st, 6), 0, &day) && (day < g->from || day > g->to))
            continue;
        int r = sqlite3_column_type(st, 1) != SQLITE_NULL ? node(g, 'p', sqlite3_column_int64(st, 1), col(st, 2))
                                                          : node(g, 'x', sqlite3_column_int64(st, 0) * 2, col(st, 3));
        int gv = giver_node(g, &ki, st);
        vn_buf label = {0};
        vn_buf_printf(&label, "%s%s%s", col(st, 4), *col(st, 4) && *col(st, 6) ? " " : "", col(st, 6));
        int bad = edge(g, gv, r, label.p ? label.p : "", "color=\"#e67700\"");
        vn_buf_free(&label);
        if (bad) {
            rc = VNNER_ENOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    free(ki.slot);
    return rc == VNNER_ENOMEM ? rc : rc == SQLITE_DONE ? 0 : VNNER_EDB;
}

/* A body within another: "ban tổ chức tỉnh ủy long an" within "tỉnh ủy long an" (and within every body
 * its key ends with at a word): each word boundary of a key looked up, linear in the keys' lengths. */
static int body_within(graph *g)
{
    key_index ki = {0};
    if (key_index_build(&ki, g, "b"))
        return VNNER_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < g->nn && !rc; i++) {
        if (g->n[i].kind != 'b')
            continue;
        const char *a = key_of(g, &g->n[i]);
        for (const char *sp = strchr(a, ' '); sp && !rc; sp = strchr(sp + 1, ' ')) {
            int j = sp[1] ? key_index_find(&ki, g, sp + 1) : -1;
            if (j >= 0 && (size_t)j != i && edge(g, (int)i, j, "within", "style=dotted"))
                rc = VNNER_ENOMEM;
        }
    }
    free(ki.slot);
    return rc;
}

/* Breadth-first distances from the seeds. */
static void bfs(graph *g, int depth)
{
    int changed = 1;
    for (int d = 0; d < depth && changed; d++) {
        changed = 0;
        for (size_t k = 0; k < g->ne; k++) {
            gnode *a = &g->n[g->e[k].a], *b = &g->n[g->e[k].b];
            if (a->depth == d && b->depth < 0)
                b->depth = d + 1, changed = 1;
            else if (b->depth == d && a->depth < 0)
                a->depth = d + 1, changed = 1;
        }
    }
}

/* Seeds for --body: the body and every body within it, their posts. */
static int seed_body(graph *g, const char *name)
{
    char *key = vn_store_key(g->m, name);
    int found = 0;
    for (size_t i = 0; key && i < g->nn; i++) {
        if (g->n[i].kind != 'b')
            continue;
        const char *k = key_of(g, &g->n[i]);
        size_t lk = strlen(k), lq = strlen(key);
        if (!strcmp(k, key) || (lk > lq && !strcmp(k + lk - lq, key) && k[lk - lq - 1] == ' ')) {
            g->n[i].depth = 0;
            found = 1;
        }
    }
    free(key);
    /* posts of those bodies are at the body's level */
    for (size_t k = 0; k < g->ne; k++)
        if (g->n[g->e[k].b].kind == 'b' && g->n[g->e[k].b].depth == 0 && g->n[g->e[k].a].kind == 't')
            g->n[g->e[k].a].depth = 0;
    return found;
}

static int seed_person(graph *g, const char *name)
{
    char *key = vn_normalize_str(name, strlen(name));
    int found = 0;
    for (size_t i = 0; key && i < g->nn; i++) {
        if (g->n[i].kind != 'p')
            continue;
        char *k = vn_normalize_str(g->n[i].label, strlen(g->n[i].label));
        if (k && !strcmp(k, key)) {
            g->n[i].depth = 0;
            found = 1;
        }
        free(k);
    }
    free(key);
    return found;
}

#define LABEL_MAX 1000 /* characters of a label: Graphviz refuses a string over 16 KiB */

/* One byte of a label (valid UTF-8) as DOT reads it back: quotes and
 * backslashes escaped, a line break as \n, '&' as an entity; other control
 * characters (which make the SVG ill-formed) as spaces, '\r' dropped. */
static void dot_byte(vn_buf *b, char c)
{
    if (c == '"' || c == '\\')
        vn_buf_putc(b, '\\');
    if (c == '\n')
        vn_buf_puts(b, "\\n");
    else if (c == '&') /* Graphviz reads character entities in labels */
        vn_buf_puts(b, "&amp;");
    else if (c != '\r')
        vn_buf_putc(b, ((unsigned char)c < 0x20 || c == 0x7f) ? ' ' : c);
}

/* S as a DOT string, cut after LABEL_MAX characters with "…". */
static void dot_str(vn_buf *b, const char *s)
{
    vn_buf_putc(b, '"');
    for (size_t chars = 0; *s; s++) {
        if (((unsigned char)*s & 0xC0) != 0x80 && chars++ == LABEL_MAX) {
            vn_buf_puts(b, "…");
            break;
        }
        if (!strncmp(s, "\xEF\xBF\xBE", 3) || !strncmp(s, "\xEF\xBF\xBF", 3)) {
            vn_buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFE, U+FFFF: not characters XML allows */
            s += 2;
            continue;
        }
        dot_byte(b, *s);
    }
    vn_buf_putc(b, '"');
}

static int cmp_node_id(const void *a, const void *b)
{
    const gnode *x = *(const gnode *const *)a, *y = *(const gnode *const *)b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

static int cmp_degree(const void *a, const void *b)
{
    const gnode *x = *(const gnode *const *)a, *y = *(const gnode *const *)b;
    int dx = x->depth < 0 ? 1000 : x->depth, dy = y->depth < 0 ? 1000 : y->depth;
    if (dx != dy)
        return dx - dy; /* the chosen node and its neighbours first */
    if (x->degree != y->degree)
        return y->degree - x->degree;
    return cmp_node_id(a, b);
}

static const graph *sort_graph; /* qsort has no context argument; graphs are written one at a time */

static int cmp_edge(const void *pa, const void *pb)
{
    const gedge *x = &sort_graph->e[*(const size_t *)pa], *y = &sort_graph->e[*(const size_t *)pb];
    const gnode *xa = &sort_graph->n[x->a], *ya = &sort_graph->n[y->a];
    const gnode *xb = &sort_graph->n[x->b], *yb = &sort_graph->n[y->b];
    int c = cmp_node_id(&xa, &ya);
    if (!c)
        c = cmp_node_id(&xb, &yb);
    return c ? c : strcmp(x->label, y->label);
}

/* ---- clusters: each body's box with its posts, inside its province's box with the people who hold
 * posts only there.  Drawn after the nodes are declared; membership is by id. */

typedef struct cl_ctx {
    graph *g;
    gnode **posts;       /* kept posts in a body's box, by body then id */
    int *first, *count;  /* a body's run in POSTS */
    const char **prov;   /* a kept person's one province, or NULL */
} cl_ctx;

static int cmp_post_box(const void *pa, const void *pb)
{
    const gnode *x = *(const gnode *const *)pa, *y = *(const gnode *const *)pb;
    const gnode *bx = &sort_graph->n[x->cluster], *by = &sort_graph->n[y->cluster];
    int c = cmp_node_id(&bx, &by);
    return c ? c : cmp_node_id(pa, pb);
}

typedef struct member {
    const char *place;
    gnode *x;
} member;

static int cmp_member(const void *pa, const void *pb)
{
    const member *x = pa, *y = pb;
    int c = strcmp(x->place, y->place);
    if (!c)
        c = cmp_node_id(&x->x, &y->x); /* bodies ('b'), persons ('p'), posts ('t') */
    return c;
}

/* Body X's box with its posts (INDENT spaces in), or X alone when none of its posts is kept. */
static void write_body_box(const cl_ctx *c, const gnode *x, int indent, vn_buf *b)
{
    int i = (int)(x - c->g->n);
    if (!c->count[i]) {
        vn_buf_printf(b, "%*s%s;\n", indent, "", x->id);
        return;
    }
    vn_buf_printf(b, "%*ssubgraph cluster_%s { graph [label=\"\", style=rounded, color=\"#8ce99a\"]; %s;", indent, "",
                  x->id, x->id);
    for (int k = c->first[i]; k < c->first[i] + c->count[i]; k++)
        vn_buf_printf(b, " %s;", c->posts[k]->id);
    vn_buf_puts(b, " }\n");
}

/* The province each kept person holds kept posts in, when it is one. */
static void person_provinces(cl_ctx *c)
{
    graph *g = c->g;
    char *mixed = calloc(g->nn + 1, 1);
    if (!mixed)
        return; /* no province boxes for persons: the picture is still whole */
    for (size_t k = 0; k < g->ne; k++) {
        const gnode *a = &g->n[g->e[k].a], *t = &g->n[g->e[k].b];
        if (!a->keep || !t->keep || a->kind != 'p' || t->kind != 't')
            continue;
        const char *pl = t->cluster >= 0 ? g->n[t->cluster].place : t->place;
        size_t i = (size_t)g->e[k].a;
        if (!pl || (c->prov[i] && strcmp(c->prov[i], pl)))
            mixed[i] = 1;
        else
            c->prov[i] = pl;
    }
    for (size_t i = 0; i < g->nn; i++)
        if (mixed[i])
            c->prov[i] = NULL;
    free(mixed);
}

static void write_province(const cl_ctx *c, const member *m, size_t n, int id, vn_buf *b)
{
    vn_buf_printf(b, "  subgraph cluster_place%d {\n    graph [label=", id);
    dot_str(b, m[0].place);
    vn_buf_puts(b, ", style=\"rounded,dashed\", color=\"#868e96\", fontcolor=\"#495057\"];\n");
    for (size_t i = 0; i < n; i++)
        if (m[i].x->kind == 'b')
            write_body_box(c, m[i].x, 4, b);
        else
            vn_buf_printf(b, "    %s;\n", m[i].x->id);
    vn_buf_puts(b, "  }\n");
}

/* ORDER: the K kept nodes by id. */
static void write_clusters(graph *g, gnode **order, size_t k, vn_buf *b)
{
    cl_ctx c = {g, malloc((k + 1) * sizeof *c.posts), calloc(g->nn + 1, sizeof(int)), calloc(g->nn + 1, sizeof(int)),
                calloc(g->nn + 1, sizeof(const char *))};
    member *m = malloc((k + 1) * sizeof *m);
    size_t np = 0, nm = 0;
    if (!c.posts || !c.first || !c.count || !c.prov || !m) {
        b->failed = 1;
        goto cleanup;
    }
    for (size_t i = 0; i < g->nn; i++)
        g->n[i].cluster = -1;
    for (size_t e = 0; e < g->ne; e++) { /* a post's body: its "of" edge */
        gnode *t = &g->n[g->e[e].a], *x = &g->n[g->e[e].b];
        if (t->keep && x->keep && t->kind == 't' && x->kind == 'b' && t->cluster < 0)
            t->cluster = g->e[e].b;
    }
    for (size_t i = 0; i < k; i++)
        if (order[i]->kind == 't' && order[i]->cluster >= 0)
            c.posts[np++] = order[i];
    sort_graph = g;
    if (np > 1)
        qsort(c.posts, np, sizeof *c.posts, cmp_post_box);
    for (size_t i = 0; i < np; i++) {
        int bi = c.posts[i]->cluster;
        if (!c.count[bi]++)
            c.first[bi] = (int)i;
    }
    person_provinces(&c);
    for (size_t i = 0; i < k; i++) {
        size_t x = (size_t)(order[i] - g->n);
        const char *pl = order[i]->kind == 'b' || (order[i]->kind == 't' && order[i]->cluster < 0) ? order[i]->place
                         : order[i]->kind == 'p'                                                ? c.prov[x]
                                                                                                : NULL;
        if (pl)
            m[nm++] = (member){pl, order[i]};
        else if (order[i]->kind == 'b' && c.count[x])
            write_body_box(&c, order[i], 2, b); /* a national body: its box alone */
    }
    if (nm > 1)
        qsort(m, nm, sizeof *m, cmp_member);
    for (size_t i = 0, id = 0; i < nm; id++) {
        size_t j = i;
        while (j < nm && !strcmp(m[j].place, m[i].place))
            j++;
        write_province(&c, m + i, j - i, (int)id + 1, b);
        i = j;
    }
cleanup:
    free(c.posts);
    free(c.first);
    free(c.count);
    free(c.prov);
    free(m);
}

static void write_dot(graph *g, vn_buf *b)
{
    static const char *shape[] = {['p'] = "ellipse", ['t'] = "box", ['b'] = "box3d", ['e'] = "diamond", ['x'] = "note"};
    static const char *fill[] = {['p'] = "#fff3b0", ['t'] = "#c9f1f5", ['b'] = "#d4f5cf", ['e'] = "#f4d9f7", ['x'] = "#eeeeee"};
    vn_buf_puts(b, "digraph vnner {\n  graph [rankdir=LR, fontname=\"DejaVu Sans\", overlap=false, labelloc=t, fontsize=12, "
                   "label=\"ellipse: person   box: post   3-D box: body   diamond: event   note: award or giver\"];\n"
                   "  node [fontname=\"DejaVu Sans\", style=filled, fontsize=11];\n"
                   "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n");
    gnode **order = malloc((g->nn + 1) * sizeof *order);
    size_t *eo = malloc((g->ne + 1) * sizeof *eo), m = 0;
    size_t k = 0;
    if (!order || !eo) { /* the out-of-memory policy: a failed buffer is never written */
        free(order);
        free(eo);
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < g->nn; i++)
        if (g->n[i].keep)
            order[k++] = &g->n[i];
    if (k > 1)
        qsort(order, k, sizeof *order, cmp_node_id);
    for (size_t i = 0; i < k; i++) {
        vn_buf_printf(b, "  %s [shape=%s, fillcolor=\"%s\", label=", order[i]->id, shape[(int)order[i]->kind],
                      fill[(int)order[i]->kind]);
        dot_str(b, order[i]->label);
        vn_buf_puts(b, "];\n");
    }
    write_clusters(g, order, k, b);
    free(order);
    /* edges in the order of their ends' ids, then labels */
    for (size_t i = 0; i < g->ne; i++)
        if (g->n[g->e[i].a].keep && g->n[g->e[i].b].keep)
            eo[m++] = i;
    sort_graph = g;
    if (m > 1)
        qsort(eo, m, sizeof *eo, cmp_edge);
    for (size_t i = 0; i < m; i++) {
        const gedge *e = &g->e[eo[i]];
        if (i && e->a == g->e[eo[i - 1]].a && e->b == g->e[eo[i - 1]].b && !strcmp(e->label, g->e[eo[i - 1]].label))
            continue; /* the same edge from two documents */
        vn_buf_printf(b, "  %s -> %s [label=", g->n[e->a].id, g->n[e->b].id);
        dot_str(b, e->label);
        vn_buf_printf(b, ", %s];\n", e->style);
    }
    free(eo);
    vn_buf_puts(b, "}\n");
}

/* The whole graph trimmed to MAX nodes so that it reads as a picture, not a
 * column of names: the posts most evidenced first (RANK is by degree), each
 * with its body and a few of its holders (those with other posts first),
 * whole paths person - post - body, as many as fit; then, in the room left, the nodes that join what is kept (an event its
 * people attended, a body a body is within).  No node is kept alone.  Returns
 * the number kept, or -1 when out of memory. */
enum { HOLDERS_A_POST = 5 };

static long keep_paths(graph *g, gnode **rank, size_t cand, size_t max)
{
    int *off = calloc(g->nn + 1, sizeof *off), *adj = malloc((2 * g->ne + 1) * sizeof *adj), *fill = NULL;
    char *in = calloc(g->nn + 1, 1);
    long kept = -1;
    if (!off || !adj || !in || !(fill = calloc(g->nn + 1, sizeof *fill)))
        goto cleanup;
    for (size_t i = 0; i < g->ne; i++) /* adjacency, both ways: CSR over the edges */
        off[g->e[i].a + 1]++, off[g->e[i].b + 1]++;
    for (size_t i = 0; i < g->nn; i++)
        off[i + 1] += off[i];
    for (size_t i = 0; i < g->ne; i++) {
        adj[off[g->e[i].a] + fill[g->e[i].a]++] = g->e[i].b;
        adj[off[g->e[i].b] + fill[g->e[i].b]++] = g->e[i].a;
    }
    for (size_t i = 0; i < cand; i++)
        in[rank[i] - g->n] = 1;
    kept = 0;
    size_t cap = max - max / 4; /* paths first, room kept for what links them */
    for (size_t r = 0; r < cand && (size_t)kept < cap; r++) {
        int p = (int)(rank[r] - g->n);
        if (g->n[p].kind != 't')
            continue;
        int body = -1, holders = 0;
        for (int k = off[p]; k < off[p + 1]; k++) {
            int q = adj[k];
            if (in[q] && g->n[q].kind == 'b' && body < 0)
                body = q;
            holders += in[q] && g->n[q].kind == 'p' && !g->n[q].keep;
        }
        size_t need = (size_t)!g->n[p].keep + (size_t)(body >= 0 && !g->n[body].keep);
        if (!holders || (size_t)kept + need + 1 > cap)
            continue; /* a post nobody holds, or no room for its path */
        if (!g->n[p].keep)
            kept++, g->n[p].keep = 1;
        if (body >= 0 && !g->n[body].keep)
            kept++, g->n[body].keep = 1;
        int taken = 0; /* a few holders a post, the most connected first: room for more posts */
        for (int round = 0; round < 2 && taken < HOLDERS_A_POST; round++)
            for (int k = off[p]; k < off[p + 1] && (size_t)kept < cap && taken < HOLDERS_A_POST; k++) {
                int q = adj[k];
                if (in[q] && g->n[q].kind == 'p' && !g->n[q].keep && (round || g->n[q].degree > 1))
                    kept++, taken++, g->n[q].keep = 1;
            }
    }
    /* what joins the paths kept: first what joins two of them (a holder's other post, an event two kept
     * people attended: the picture's cross links), then what joins one */
    for (int need = 2; need >= 1; need--)
        for (size_t r = 0; r < cand && (size_t)kept < max; r++) {
            gnode *x = rank[r];
            if (x->keep)
                continue;
            int p = (int)(x - g->n), joins = 0;
            for (int k = off[p]; k < off[p + 1] && joins < need; k++)
                joins += g->n[adj[k]].keep;
            if (joins >= need)
                kept++, x->keep = 1;
        }
cleanup:
    free(off);
    free(adj);
    free(in);
    free(fill);
    return kept;
}

int vnner_store_graph(char **out, size_t *left_out, vnner_store *s, const vnner_model *m,
                      const vnner_graph_options *o, vnner_error *err)
{
    static const vnner_graph_options defaults = VNNER_GRAPH_OPTIONS_INIT;
    if (!o)
        o = &defaults;
    graph g;
    memset(&g, 0, sizeof g);
    g.s = s;
    g.m = m;
    g.from = LONG_MIN;
    g.to = LONG_MAX;
    *out = NULL;
    *left_out = 0;
    int rc = 0;
    if ((o->from && vn_date_parse(o->from, 0, &g.from)) || (o->to && vn_date_parse(o->to, 1, &g.to))) {
        vn_set_error(err, VNNER_EINVAL, -1, "--from and --to take YYYY, YYYY-MM or YYYY-MM-DD");
        return VNNER_EINVAL;
    }
    if ((rc = load_holdings(&g, err)))
        goto cleanup;
    if ((rc = load_places(&g)) || (rc = load_events(&g)) || (rc = load_awards(&g)) || (rc = body_within(&g))) {
        vn_set_error(err, rc, -1, "%s: cannot read the graph: %s", s->path, sqlite3_errmsg(s->db));
        goto cleanup;
    }
    int seeded = 0;
    if (o->person && !(seeded = seed_person(&g, o->person))) {
        vn_set_error(err, VNNER_ENOTFOUND, -1, "no person '%s' in %s", o->person, s->path);
        rc = VNNER_ENOTFOUND;
        goto cleanup;
    }
    if (o->body && !(seeded = seed_body(&g, o->body))) {
        vn_set_error(err, VNNER_ENOTFOUND, -1, "no body '%s' in %s", o->body, s->path);
        rc = VNNER_ENOTFOUND;
        goto cleanup;
    }
    if (seeded)
        bfs(&g, o->depth > 0 ? o->depth : o->depth < 0 ? 0 : 2);
    size_t max = o->max_nodes > 0 ? (size_t)o->max_nodes : 300;
    gnode **rank = malloc((g.nn + 1) * sizeof *rank);
    size_t cand = 0;
    if (!rank) {
        rc = VNNER_ENOMEM;
        vn_set_error(err, rc, -1, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < g.nn; i++)
        if (!seeded || g.n[i].depth >= 0)
            rank[cand++] = &g.n[i];
    if (cand > 1)
        qsort(rank, cand, sizeof *rank, cmp_degree);
    long kept = !seeded && cand > max ? keep_paths(&g, rank, cand, max) : 0;
    if (kept < 0) {
        free(rank);
        rc = VNNER_ENOMEM;
        vn_set_error(err, rc, -1, "out of memory");
        goto cleanup;
    }
    if (!kept) { /* a part around one person or body, or no post to start from: the most connected nodes */
        for (size_t i = 0; i < cand && i < max; i++)
            rank[i]->keep = 1;
        kept = (long)(cand < max ? cand : max);
    }
    *left_out = cand - (size_t)kept;
    free(rank);
    vn_buf b = {0};
    write_dot(&g, &b);
    if (b.failed) {
        vn_buf_free(&b);
        rc = VNNER_ENOMEM;
        vn_set_error(err, rc, -1, "out of memory");
        goto cleanup;
    }
    *out = b.p;
cleanup:
    for (size_t i = 0; i < g.nn; i++) {
        free(g.n[i].label);
        free(g.n[i].key);
        free(g.n[i].place);
    }
    free(g.slot);
    free(g.eslot);
    for (size_t i = 0; i < g.ne; i++)
        free(g.e[i].label);
    free(g.n);
    free(g.e);
    return rc;
}
