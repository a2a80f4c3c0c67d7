/* Writing a document's record into the store: its rows of persons, posts,
 * bodies, holdings, events, participations, awards, authors and mentions,
 * with cached keys and row ids so that a stream of documents costs one
 * statement per row. */
#include <sqlite3.h>
#include <string.h>
#include <time.h>
#include "pipeline/model.h"
#include "store/record.h"
#include "store/store.h"
#include "text/text.h"
#include "util/hash.h"

enum { ST_DOC, ST_PERSON_INS, ST_BODY_INS, ST_POST_INS, ST_HOLD, ST_EVENT_INS, ST_EVENT_ID, ST_PART, ST_AWARD,
       ST_AUTHOR, ST_MENTION, ST_SENTENCE, ST_PERSON_CAND, ST_PERSON_PLACES, ST_PERSON_NAME, ST_N };
_Static_assert(ST_N <= VN_STORE_NSTMT, "statement cache too small");

/* The display name of a person, body or post is, of all the spellings stored
 * under its key, the best by vn_better_name: the same whatever order the
 * documents come in. */
#define BETTER_NAME "vn_better_name(name, excluded.name)"

static const char *const SQL[ST_N] = {
    [ST_DOC] = "INSERT OR IGNORE INTO documents(name, source, date, hash, length, ingested_at) VALUES(?,?,?,?,?,?)",
    [ST_PERSON_INS] = "INSERT INTO persons(name, norm, area) VALUES(?,?,?)"
                      " ON CONFLICT(norm, area) DO UPDATE SET name=" BETTER_NAME " RETURNING id",
    [ST_BODY_INS] = "INSERT INTO bodies(name, norm) VALUES(?,?) ON CONFLICT(norm) DO UPDATE SET name=" BETTER_NAME
                    " RETURNING id",
    [ST_POST_INS] = "INSERT INTO posts(name, norm, body_id) VALUES(?,?,?)"
                    " ON CONFLICT(norm) DO UPDATE SET name=" BETTER_NAME " RETURNING id",
    [ST_HOLD] = ("INSERT INTO holdings(person_id, post_id, doc_id, qualifier, doc_date, start_date, end_date, term,"
                 " sentence_id, rule, place) VALUES(?,?,?,?,?,?,?,?,?,?,?)"),
    [ST_SENTENCE] = "INSERT INTO sentences(doc_id, bstart, bend, text) VALUES(?,?,?,?)"
                    " ON CONFLICT(doc_id, bstart, bend) DO UPDATE SET bend = excluded.bend RETURNING id",
    [ST_EVENT_INS] = "INSERT OR IGNORE INTO events(doc_id, name, norm, date) VALUES(?,?,?,?)",
    [ST_EVENT_ID] = "SELECT id FROM events WHERE doc_id=? AND norm=?",
    [ST_PART] = "INSERT INTO participations(person_id, event_id, role, sentence_id) VALUES(?,?,?,?)",
    [ST_AWARD] = "INSERT INTO awards(doc_id, person_id, recipient, award, giver, sentence_id, giver_id) VALUES(?,?,?,?,?,?,?)",
    [ST_AUTHOR] = "INSERT OR IGNORE INTO authors(doc_id, person_id) VALUES(?,?)",
    [ST_MENTION] = "INSERT OR IGNORE INTO mentions(doc_id, person_id, spans) VALUES(?,?,?)",
    [ST_PERSON_CAND] = "SELECT id, area FROM persons WHERE norm=? AND area<>'' ORDER BY id LIMIT 64",
    [ST_PERSON_PLACES] = "SELECT DISTINCT place FROM holdings WHERE person_id=? AND place IS NOT NULL",
    [ST_PERSON_NAME] = "UPDATE persons SET name=vn_better_name(name, ?) WHERE id=?",
};

static void keycache_clear(vn_keycache *c);
static void idcache_clear(vn_idcache *c);


static sqlite3_stmt *stmt(vnner_store *s, int k)
{
    if (!s->st[k] && sqlite3_prepare_v2(s->db, SQL[k], -1, &s->st[k], NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(s->st[k]);
    sqlite3_clear_bindings(s->st[k]);
    return s->st[k];
}

/* V bound without a copy: every value outlives the statement's step (it is the
 * record's, or the caller's), and a copy that failed would bind NULL silently. */
static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* Runs ST; returns sqlite's code.  A statement left active would hold a read
 * snapshot and keep the write-ahead log from being checkpointed, so results
 * are read (by the caller, right away) and statements reset before the next
 * use; a statement that is done is reset here. */
static int run(sqlite3_stmt *st)
{
    if (!st)
        return SQLITE_ERROR;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
        sqlite3_reset(st);
    return rc;
}

/* The first column of the row ST just stepped to, then ST reset. */
static sqlite3_int64 take_id(sqlite3_stmt *st)
{
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return v;
}

/* The row id of the person, body or post (INS) keyed B (and C), inserted with
 * the name A or, when it exists, with the better of its name and A. */
static sqlite3_int64 lookup_id(vnner_store *s, int ins, const char *a, const char *b, const char *c, sqlite3_int64 n3)
{
    sqlite3_stmt *st = stmt(s, ins);
    if (!st)
        return -1;
    bind_text(st, 1, a);
    bind_text(st, 2, b);
    if (ins == ST_POST_INS) {
        if (n3 > 0)
            sqlite3_bind_int64(st, 3, n3);
    } else if (c) {
        bind_text(st, 3, c);
    }
    return run(st) == SQLITE_ROW ? take_id(st) : -1;
}

/* Text that identifies a post or body however it is spelled. */
char *vn_store_key(const vnner_model *m, const char *s)
{
    char *x = vn_gaz_expand(m->gaz, s);
    if (!x)
        return NULL;
    char *k = vn_gaz_rewrite(m->gaz, x, VN_C_KEY_ALIAS); /* one name of a body however written */
    free(x);
    x = k;
    return x;
}

static uint64_t fnv(const char *s) { return vn_fnv1a(s, strlen(s)) | 1; }

static void keycache_clear(vn_keycache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        if (c->v[i].h) {
            free(c->v[i].raw);
            free(c->v[i].key);
        }
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* A cache table twice the size with OLD's CAP slots moved in; OLD is freed on success. Both slot
 * types start with their hash, 0 for an empty slot. */
static void *rehash(void *old, size_t cap, size_t nc, size_t size)
{
    unsigned char *nv = calloc(nc, size), *ov = old;
    if (!nv)
        return NULL;
    for (size_t i = 0; i < cap; i++) {
        uint64_t h, o;
        memcpy(&h, ov + i * size, sizeof h);
        if (!h)
            continue;
        size_t j = h & (nc - 1);
        for (memcpy(&o, nv + j * size, sizeof o); o; memcpy(&o, nv + j * size, sizeof o))
            j = (j + 1) & (nc - 1);
        memcpy(nv + j * size, ov + i * size, size);
    }
    free(old);
    return nv;
}

/* vn_store_key with a cache: an archive names the same posts again and again. */
static const char *cached_key(vnner_store *s, const vnner_model *m, const char *raw)
{
    vn_keycache *c = &s->keys;
    if (c->n * 2 >= c->cap) {
        if (c->cap >= (1u << 17))
            keycache_clear(c); /* bounded memory: start afresh */
        size_t nc = c->cap ? c->cap * 2 : 1024;
        void *nv = rehash(c->v, c->cap, nc, sizeof *c->v);
        if (!nv)
            return NULL;
        c->v = nv;
        c->cap = nc;
    }
    uint64_t h = fnv(raw);
    size_t j = h & (c->cap - 1);
    for (; c->v[j].h; j = (j + 1) & (c->cap - 1))
        if (c->v[j].h == h && !strcmp(c->v[j].raw, raw))
            return c->v[j].key;
    char *key = vn_store_key(m, raw), *r = vn_strdup(raw);
    if (!key || !r) {
        free(key);
        free(r);
        return NULL;
    }
    c->v[j].h = h;
    c->v[j].raw = r;
    c->v[j].key = key;
    c->n++;
    return key;
}

static void idcache_clear(vn_idcache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        free(c->v[i].key);
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* The slot of KEY (kind letter + key) in the id cache, growing it; NULL on failure. */
static vn_idslot *idslot(vn_idcache *c, const char *key, uint64_t h)
{
    if ((c->n + 1) * 2 > c->cap) {
        if (c->cap >= (1u << 18))
            idcache_clear(c); /* bounded memory */
        size_t nc = c->cap ? c->cap * 2 : 4096;
        void *nv = rehash(c->v, c->cap, nc, sizeof *c->v);
        if (!nv)
            return NULL;
        c->v = nv;
        c->cap = nc;
    }
    size_t j = h & (c->cap - 1);
    while (c->v[j].h && !(c->v[j].h == h && !strcmp(c->v[j].key, key)))
        j = (j + 1) & (c->cap - 1);
    return &c->v[j];
}

/* lookup_id through the cache: most persons, posts and bodies of an archive recur.
 * The name is part of the cache key, so that each new spelling reaches lookup_id. */
/* ID into the cache slot SL (hash H) under the key K (the slot keeps K's
 * text), when it is a row id; else K freed.  Returns ID. */
static sqlite3_int64 cache_keep(vnner_store *s, vn_idslot *sl, uint64_t h, vn_buf *k, sqlite3_int64 id)
{
    if (id > 0 && sl) {
        sl->h = h;
        sl->key = k->p;
        sl->id = id;
        s->ids.n++;
    } else {
        vn_buf_free(k);
    }
    return id;
}

/* The cached row id of the row INS keyed B and C with name A (> 0), or 0
 * with the key in K, its hash in *H and its slot in *SL to keep the id in;
 * -1 when the key could not be made. */
static sqlite3_int64 cache_find(vnner_store *s, int ins, const char *a, const char *b, const char *c, vn_buf *k,
                                uint64_t *h, vn_idslot **sl)
{
    vn_buf_printf(k, "%d\x1f%s\x1f%s\x1f%s", ins, b ? b : "", c ? c : "", a ? a : "");
    if (!k->p || k->failed) {
        vn_buf_free(k);
        return -1;
    }
    *h = fnv(k->p);
    *sl = idslot(&s->ids, k->p, *h);
    if (*sl && (*sl)->h) {
        vn_buf_free(k);
        return (*sl)->id;
    }
    return 0;
}

static sqlite3_int64 cached_id(vnner_store *s, int ins, const char *a, const char *b, const char *c, sqlite3_int64 n3)
{
    vn_buf k = {0};
    uint64_t h;
    vn_idslot *sl;
    sqlite3_int64 id = cache_find(s, ins, a, b, c, &k, &h, &sl);
    return id ? id : cache_keep(s, sl, h, &k, lookup_id(s, ins, a, b, c, n3));
}

static void hash_text(const char *norm, size_t n, char out[33])
{
    uint64_t h1 = vn_fnv1a(norm, n), h2 = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++)
        h2 = (h2 ^ (unsigned char)norm[i]) * 0x100000001B3ull + (h2 >> 29);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1, (unsigned long long)h2);
}

/* A document id names one article: a new text under the same name is a
 * re-published version that replaces the earlier one ("-", standard input
 * without a name, is no name). */
static int drop_older_versions(vnner_store *s, const char *name, sqlite3_int64 doc)
{
    if (!name || !strcmp(name, "-"))
        return 0;
    sqlite3_stmt *st;
    sqlite3_int64 old[16];
    int n = 0, step;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM documents WHERE name = ? AND id <> ?", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, doc);
    while (n < 16 && (step = sqlite3_step(st)) == SQLITE_ROW)
        old[n++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (n < 16 && step != SQLITE_DONE) /* a failed search is not "no earlier version" */
        return -1;
    for (int i = 0; i < n; i++)
        if (vn_store_drop_doc(s, old[i]))
            return -1;
    if (n) {
        idcache_clear(&s->ids); /* rows of persons, posts and bodies may have gone with it */
        s->replaced++;
    }
    return 0;
}

static int add_doc_row(vnner_store *s, const vnner_record *r, int *added)
{
    char hash[33], now[32];
    char *norm = vn_normalize_str(r->text ? r->text : "", r->text ? r->text_len : 0);
    if (!norm) /* the hash of nothing would be another document's */
        return -1;
    hash_text(norm, strlen(norm), hash);
    free(norm);
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *st = stmt(s, ST_DOC);
    if (!st)
        return -1;
    bind_text(st, 1, r->name);
    bind_text(st, 2, r->source);
    bind_text(st, 3, r->date);
    bind_text(st, 4, hash);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)r->text_len);
    bind_text(st, 6, now);
    if (run(st) != SQLITE_DONE)
        return -1;
    *added = sqlite3_changes(s->db) == 1;
    return *added ? drop_older_versions(s, r->name, sqlite3_last_insert_rowid(s->db)) : 0;
}

/* The document being stored and the sentence last stored for it: relations
 * of one sentence mostly come one after another. */
typedef struct sent_ctx {
    const vnner_record *r;
    sqlite3_int64 doc, last_id;
    vn_rec_span last;
} sent_ctx;

/* Binds to parameter I of ST the row id of the sentence EV of the document,
 * stored once per document; NULL when there is none.  Returns -1 on failure. */
static int bind_sentence(vnner_store *s, sent_ctx *c, sqlite3_stmt *st, int i, vn_rec_span ev)
{
    if (!ev.end || ev.end > c->r->text_len || ev.start >= ev.end || !c->r->text) {
        sqlite3_bind_null(st, i);
        return 0;
    }
    if (!c->last_id || c->last.start != ev.start || c->last.end != ev.end) {
        sqlite3_stmt *ins = stmt(s, ST_SENTENCE);
        if (!ins)
            return -1;
        sqlite3_bind_int64(ins, 1, c->doc);
        sqlite3_bind_int64(ins, 2, (sqlite3_int64)ev.start);
        sqlite3_bind_int64(ins, 3, (sqlite3_int64)ev.end);
        sqlite3_bind_text(ins, 4, c->r->text + ev.start, (int)(ev.end - ev.start), SQLITE_STATIC);
        if (run(ins) != SQLITE_ROW)
            return -1;
        c->last_id = take_id(ins);
        c->last = ev;
    }
    sqlite3_bind_int64(st, i, c->last_id);
    return 0;
}

static int add_holdings(vnner_store *s, const vnner_model *m, sent_ctx *c, sqlite3_int64 doc,
                        const sqlite3_int64 *pid)
{
    const vnner_record *r = c->r;
    for (size_t i = 0; i < r->nhold; i++) {
        const vn_rec_hold *h = &r->holds[i];
        sqlite3_int64 body = 0;
        if (!h->post)
            continue;
        if (h->body) {
            const char *bk = cached_key(s, m, h->body);
            body = bk ? cached_id(s, ST_BODY_INS, h->body, bk, NULL, 0) : -1;
            if (body < 0)
                return -1;
        }
        const char *pk = cached_key(s, m, h->post);
        sqlite3_int64 post = pk ? cached_id(s, ST_POST_INS, h->post, pk, NULL, body) : -1;
        if (post < 0)
            return -1;
        const char *start = h->from, *end = h->to;
        sqlite3_stmt *st = stmt(s, ST_HOLD);
        if (!st || bind_sentence(s, c, st, 9, h->ev))
            return -1;
        sqlite3_bind_int64(st, 1, pid[h->person]);
        sqlite3_bind_int64(st, 2, post);
        sqlite3_bind_int64(st, 3, doc);
        bind_text(st, 4, h->qualifier ? h->qualifier : "current");
        bind_text(st, 5, h->seen ? h->seen : r->date); /* the day the evidence speaks of */
        bind_text(st, 6, start);
        bind_text(st, 7, end);
        bind_text(st, 8, h->term);
        bind_text(st, 10, h->rule);
        bind_text(st, 11, h->place);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    return 0;
}

static int add_events(vnner_store *s, sent_ctx *c, sqlite3_int64 doc, const sqlite3_int64 *pid)
{
    const vnner_record *r = c->r;
    for (size_t i = 0; i < r->npart; i++) {
        const vn_rec_part *p = &r->parts[i];
        if (!p->event || !p->role)
            continue;
        char *norm = vn_normalize_str(p->event, strlen(p->event));
        sqlite3_stmt *st = stmt(s, ST_EVENT_INS);
        if (!st || !norm) {
            free(norm);
            return -1;
        }
        sqlite3_bind_int64(st, 1, doc);
        bind_text(st, 2, p->event);
        bind_text(st, 3, norm);
        bind_text(st, 4, r->date);
        int rc = run(st);
        sqlite3_int64 ev = sqlite3_changes(s->db) == 1 ? sqlite3_last_insert_rowid(s->db) : 0;
        if (rc == SQLITE_DONE && !ev && (st = stmt(s, ST_EVENT_ID))) {
            sqlite3_bind_int64(st, 1, doc);
            bind_text(st, 2, norm);
            ev = run(st) == SQLITE_ROW ? take_id(st) : 0;
        }
        free(norm);
        if (rc != SQLITE_DONE || !ev || !(st = stmt(s, ST_PART)) || bind_sentence(s, c, st, 4, p->ev))
            return -1;
        sqlite3_bind_int64(st, 1, pid[p->person]);
        sqlite3_bind_int64(st, 2, ev);
        bind_text(st, 3, p->role);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    return 0;
}

static int add_rest(vnner_store *s, sent_ctx *c, sqlite3_int64 doc, const sqlite3_int64 *pid)
{
    const vnner_record *r = c->r;
    sqlite3_stmt *st;
    for (size_t i = 0; i < r->naward; i++) {
        const vn_rec_award *a = &r->awards[i];
        if (!a->recipient)
            continue;
        if (!(st = stmt(s, ST_AWARD)) || bind_sentence(s, c, st, 6, a->ev)) /* not skipped: the award would be lost */
            return -1;
        sqlite3_bind_int64(st, 1, doc);
        if (a->person >= 0)
            sqlite3_bind_int64(st, 2, pid[a->person]);
        bind_text(st, 3, a->recipient);
        bind_text(st, 4, a->award);
        bind_text(st, 5, a->giver);
        if (a->giver_person >= 0)
            sqlite3_bind_int64(st, 7, pid[a->giver_person]);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    for (size_t i = 0; i < r->nauthor; i++) {
        if (!(st = stmt(s, ST_AUTHOR)))
            return -1;
        sqlite3_bind_int64(st, 1, doc);
        sqlite3_bind_int64(st, 2, pid[r->authors[i]]);
        if (run(st) != SQLITE_DONE)
            return -1;
    }
    /* each person's mentions chained in text order (FIRST, NEXT), so that a document of many persons is
     * read once, not once a person */
    long *first = malloc((r->nperson + 1) * sizeof *first), *last = malloc((r->nperson + 1) * sizeof *last);
    long *next = malloc((r->nmention + 1) * sizeof *next);
    if (!first || !last || !next) {
        free(first), free(last), free(next);
        return -1;
    }
    for (size_t k = 0; k < r->nperson; k++)
        first[k] = last[k] = -1;
    for (size_t i = 0; i < r->nmention; i++) {
        const vn_rec_mention *m = &r->mentions[i];
        int k = m->type == VNNER_PERSON ? vn_record_person_of(r, m->norm) : -1;
        next[i] = -1;
        if (k < 0)
            continue;
        if (last[k] < 0)
            first[k] = (long)i;
        else
            next[last[k]] = (long)i;
        last[k] = (long)i;
    }
    int rc = 0;
    for (size_t k = 0; k < r->nperson && !rc; k++) { /* one row per person: all their spans */
        vn_buf spans = {0};
        for (long i = first[k]; i >= 0; i = next[i])
            vn_buf_printf(&spans, "%s%zu-%zu", spans.len ? "," : "", r->mentions[i].start, r->mentions[i].end);
        int bad = spans.failed; /* a list cut short would lose mentions */
        if (!bad && spans.len) {
            if (!(st = stmt(s, ST_MENTION)))
                bad = 1;
            else {
                sqlite3_bind_int64(st, 1, doc);
                sqlite3_bind_int64(st, 2, pid[k]);
                bind_text(st, 3, spans.p);
                bad = run(st) != SQLITE_DONE;
            }
        }
        vn_buf_free(&spans);
        rc = bad ? -1 : 0;
    }
    free(first), free(last), free(next);
    return rc;
}

/* The areas of the document's persons: for each hold with a place, that
 * place normalised and followed along mergers (AREA[i], malloc'd), chained
 * per person from FIRST[person] through NEXT[i]; -1 ends a chain. */
static int hold_areas(const vnner_model *m, const vnner_record *r, char **area, long *first, long *next)
{
    for (size_t i = 0; i < r->nperson; i++)
        first[i] = -1;
    for (size_t i = r->nhold; i-- > 0;) { /* backwards, so that chains run in text order */
        const vn_rec_hold *h = &r->holds[i];
        area[i] = NULL;
        next[i] = -1;
        if (!h->place || h->person < 0 || (size_t)h->person >= r->nperson)
            continue;
        char *n = vn_normalize_str(h->place, strlen(h->place)), buf[256];
        if (!n)
            return -1;
        const char *a = vn_person_area(m, n, buf, sizeof buf);
        area[i] = !a ? NULL : a == n ? n : vn_strdup(a);
        if (a != n)
            free(n);
        if (!area[i])
            return -1;
        next[i] = first[h->person];
        first[h->person] = (long)i;
    }
    return 0;
}

/* Whether the normalised area A is one of the chain from I. */
static int in_chain(char *const *area, const long *next, long i, const char *a)
{
    for (; i >= 0; i = next[i])
        if (area[i] && !strcmp(area[i], a))
            return 1;
    return 0;
}

/* A stored person of NORM already known in one of this person's areas (the
 * chain from I): whose own area is one, else one of whose holdings has its
 * place in one.  0: none; -1: a database error. */
static sqlite3_int64 known_person(vnner_store *s, const vnner_model *m, const char *norm, char *const *area,
                                  const long *next, long i)
{
    sqlite3_int64 cand[64];
    int nc = 0, rc;
    sqlite3_stmt *st = stmt(s, ST_PERSON_CAND);
    if (!st)
        return -1;
    bind_text(st, 1, norm);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 1);
        if (a && in_chain(area, next, i, a)) {
            sqlite3_int64 id = sqlite3_column_int64(st, 0);
            sqlite3_reset(st);
            return id;
        }
        if (nc < 64) /* the first 64 of one name are searched for a move; more is a name too common to tell */
            cand[nc++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return -1;
    for (int k = 0; k < nc; k++) { /* a person who moved: a place of one of their holdings */
        if (!(st = stmt(s, ST_PERSON_PLACES)))
            return -1;
        sqlite3_bind_int64(st, 1, cand[k]);
        int found = 0;
        while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *p = (const char *)sqlite3_column_text(st, 0);
            char *n = p ? vn_normalize_str(p, strlen(p)) : NULL, buf[256];
            if (p && !n) { /* out of memory: not "not found", which would make the person another */
                sqlite3_reset(st);
                return -1;
            }
            const char *a = n ? vn_person_area(m, n, buf, sizeof buf) : NULL;
            if (n && !a) {
                free(n);
                sqlite3_reset(st);
                return -1;
            }
            found = a && in_chain(area, next, i, a);
            free(n);
        }
        sqlite3_reset(st);
        if (found)
            return cand[k];
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return -1;
    }
    return 0;
}

/* The row id of person I of the record: the stored person of the same name
 * known in one of its areas (so that one who moved from one province to
 * another stays one), else the person of its first area, new if need be. */
static sqlite3_int64 person_id(vnner_store *s, const vnner_model *m, const vn_rec_person *p, char *const *area,
                               const long *next, long first)
{
    if (first < 0)
        return cached_id(s, ST_PERSON_INS, p->name, p->norm, "", 0);
    vn_buf k = {0};
    uint64_t h;
    vn_idslot *sl;
    sqlite3_int64 id = cache_find(s, ST_PERSON_INS, p->name, p->norm, area[first], &k, &h, &sl);
    if (id)
        return id;
    id = known_person(s, m, p->norm, area, next, first);
    if (id > 0) {
        sqlite3_stmt *st = stmt(s, ST_PERSON_NAME);
        if (!st)
            id = -1;
        else {
            bind_text(st, 1, p->name);
            sqlite3_bind_int64(st, 2, id);
            if (run(st) != SQLITE_DONE)
                id = -1;
        }
    } else if (id == 0) {
        id = lookup_id(s, ST_PERSON_INS, p->name, p->norm, area[first], 0);
    }
    return cache_keep(s, sl, h, &k, id);
}

/* The row ids of the record's persons into PID.  Returns -1 on failure. */
static int person_ids(vnner_store *s, const vnner_model *m, const vnner_record *r, sqlite3_int64 *pid)
{
    char **area = calloc(r->nhold + 1, sizeof *area);
    long *next = malloc((r->nhold + 1) * sizeof *next), *first = malloc((r->nperson + 1) * sizeof *first);
    int rc = -1;
    if (!area || !next || !first || hold_areas(m, r, area, first, next))
        goto cleanup;
    for (size_t i = 0; i < r->nperson; i++)
        if ((pid[i] = person_id(s, m, &r->persons[i], area, next, first[i])) < 0)
            goto cleanup;
    rc = 0;
cleanup:
    for (size_t i = 0; area && i < r->nhold; i++)
        free(area[i]);
    free(area);
    free(next);
    free(first);
    return rc;
}

int vnner_store_add(vnner_store *s, const vnner_model *m, const vnner_record *r, int *added, vnner_error *err)
{
    *added = 0;
    if (s->readonly) {
        vn_set_error(err, VNNER_EDB, -1, "%s: opened read-only", s->path);
        return VNNER_EDB;
    }
    int own = sqlite3_get_autocommit(s->db);
    size_t replaced = s->replaced;
    if (own && vnner_store_begin(s, err))
        return VNNER_EDB;
    sqlite3_int64 *pid = calloc(r->nperson + 1, sizeof *pid);
    if (!pid)
        goto fail;
    if (sqlite3_exec(s->db, "SAVEPOINT doc", NULL, NULL, NULL) != SQLITE_OK || add_doc_row(s, r, added))
        goto fail;
    if (*added) {
        sqlite3_int64 doc = sqlite3_last_insert_rowid(s->db);
        if (person_ids(s, m, r, pid))
            goto fail;
        sent_ctx c = {.r = r, .doc = doc};
        if (add_holdings(s, m, &c, doc, pid) || add_events(s, &c, doc, pid) || add_rest(s, &c, doc, pid))
            goto fail;
    }
    if (sqlite3_exec(s->db, "RELEASE doc", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    free(pid);
    return own ? vnner_store_commit(s, err) : 0;
fail:
    vn_store_db_error(s, err, r->name ? r->name : "cannot store the document");
    sqlite3_exec(s->db, "ROLLBACK TO doc", NULL, NULL, NULL);
    sqlite3_exec(s->db, "RELEASE doc", NULL, NULL, NULL);
    idcache_clear(&s->ids);
    if (own)
        vnner_store_rollback(s);
    free(pid);
    *added = 0;
    s->replaced = replaced; /* rolled back: nothing was replaced */
    return VNNER_EDB;
}

size_t vnner_store_replaced(const vnner_store *s) { return s->replaced; }

void vn_store_caches_clear(vnner_store *s, int keys)
{
    if (keys)
        keycache_clear(&s->keys);
    idcache_clear(&s->ids);
}
