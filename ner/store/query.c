/* Queries: who held a post on a date, and a person's posts.  Tenure comes
 * from the evidence: explicit starts and ends, terms, "nguyên" ending a tenure
 * by that article's date, and a successor's start ending the predecessor's
 * tenure on posts that one person holds at a time. */
#include <limits.h>
#include <string.h>
#include <time.h>
#include "store/store.h"
#include "text/text.h"
#include "util/date.h"

#define NEG_INF LONG_MIN
#define POS_INF LONG_MAX

void vn_q_holder_free(holder *h)
{
    free(h->name);
    free(h->post);
    free(h->qualifier);
    for (size_t i = 0; i < h->nev; i++) {
        free(h->ev[i].doc);
        free(h->ev[i].date);
        free(h->ev[i].text);
        free(h->ev[i].source);
    }
    free(h->ev);
    free(h->pub_ev);
}

void vnner_answer_free(vnner_answer *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        vn_q_holder_free(&a->h[i]);
    free(a->h);
    free(a->pub);
    free(a->query);
    free(a->name);
    free(a->key);
    free(a->note);
    for (int i = 0; i < a->nsugg; i++)
        free(a->sugg[i]);
    free(a);
}

size_t vnner_answer_count(const vnner_answer *a) { return a->n; }
int vnner_answer_known(const vnner_answer *a) { return a->known; }
size_t vnner_answer_suggestion_count(const vnner_answer *a) { return (size_t)a->nsugg; }
const char *vnner_answer_suggestion(const vnner_answer *a, size_t i) { return i < (size_t)a->nsugg ? a->sugg[i] : NULL; }
const char *vnner_answer_note(const vnner_answer *a) { return a->note; }

const vnner_holding *vnner_answer_holding(const vnner_answer *a, size_t i) { return i < a->n ? &a->pub[i] : NULL; }

/* ERR for a failed read of a post's holdings: out of memory, a damaged file
 * (MISSING names the row a holding refers to and the file lacks; SQLite
 * itself sees no error then) or the database's own error.  RC, or VNNER_EDB. */
static int read_failure(vnner_store *s, vnner_error *err, int rc, const char *missing)
{
    if (rc == VNNER_ENOMEM) {
        vn_set_error(err, rc, -1, "out of memory");
        return rc;
    }
    if (missing) {
        vn_set_error(err, VNNER_EDB, -1, "%s: the database is damaged: a holding refers to a missing %s", s->path,
                     missing);
        return VNNER_EDB;
    }
    return vn_store_db_error(s, err, "cannot read holdings");
}

/* The names of the holders and of the post. */
static int fill_names(vnner_store *s, sqlite3_int64 post, holder *v, size_t n, vnner_error *err)
{
    sqlite3_stmt *pn = NULL, *po = NULL;
    int rc = VNNER_EDB, step = SQLITE_ERROR;
    const char *missing = "post";
    if (sqlite3_prepare_v2(s->db, "SELECT name FROM persons WHERE id = ?", -1, &pn, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "SELECT name FROM posts WHERE id = ?", -1, &po, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_int64(po, 1, post);
    if ((step = sqlite3_step(po)) != SQLITE_ROW)
        goto cleanup;
    missing = "person";
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(pn);
        sqlite3_bind_int64(pn, 1, v[i].person);
        if ((step = sqlite3_step(pn)) != SQLITE_ROW)
            goto cleanup;
        v[i].name = vn_col_text(pn, 0);
        v[i].post = vn_col_text(po, 0);
    }
    rc = 0;
cleanup:
    if (rc)
        rc = read_failure(s, err, rc, step == SQLITE_DONE ? missing : NULL);
    sqlite3_finalize(pn);
    sqlite3_finalize(po);
    return rc;
}

#define MAX_EVIDENCE 20

/* The sentences that show H in POST: the most recent MAX_EVIDENCE, oldest first. */
int vn_q_load_evidence(vnner_store *s, sqlite3_int64 post, holder *h)
{
    /* a row written before schema version 3 has its own evidence text */
    static const char *sql = "SELECT d.name, coalesce(d.date, h.doc_date), coalesce(h.evidence, se.text), d.source FROM holdings h"
                             " JOIN documents d ON d.id = h.doc_id LEFT JOIN sentences se ON se.id = h.sentence_id"
                             " WHERE h.post_id = ? AND h.person_id = ? ORDER BY h.doc_date DESC, h.id DESC LIMIT 20";
    static const char *count = "SELECT count(*) FROM holdings WHERE post_id = ? AND person_id = ?";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, count, -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    sqlite3_bind_int64(st, 1, post);
    sqlite3_bind_int64(st, 2, h->person);
    int rc = sqlite3_step(st);
    h->total_ev = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW || sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    sqlite3_bind_int64(st, 1, post);
    sqlite3_bind_int64(st, 2, h->person);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (vn_grow((void **)&h->ev, &h->ev_cap, h->nev + 1, sizeof *h->ev)) {
            sqlite3_finalize(st);
            return VNNER_ENOMEM;
        }
        h->ev[h->nev++] = (ev_row){vn_col_text(st, 0), vn_col_text(st, 1), vn_col_text(st, 2), vn_col_text(st, 3)};
    }
    sqlite3_finalize(st);
    for (size_t i = 0; i < h->nev / 2; i++) { /* oldest first */
        ev_row t = h->ev[i];
        h->ev[i] = h->ev[h->nev - 1 - i];
        h->ev[h->nev - 1 - i] = t;
    }
    return rc == SQLITE_DONE ? 0 : VNNER_EDB;
}

/* One evidence row of a holding as the tenure rules read it; DATES keeps
 * its start and end as the text gives them. */
static int read_row(sqlite3_stmt *st, vn_evidence_row *r, char dates[2][16])
{
    const char *q = (const char *)sqlite3_column_text(st, 1);
    const char *dd = (const char *)sqlite3_column_text(st, 2);
    const char *sd = (const char *)sqlite3_column_text(st, 3);
    const char *ed = (const char *)sqlite3_column_text(st, 4);
    r->person = sqlite3_column_int64(st, 0);
    r->kind = !q ? VN_EV_CURRENT : !strcmp(q, "acting") ? VN_EV_ACTING : !strcmp(q, "former") ? VN_EV_FORMER
            : !strcmp(q, "elect") ? VN_EV_ELECT : VN_EV_CURRENT;
    if (!dd || vn_date_parse(dd, 0, &r->day))
        r->day = VN_DAY_NONE;
    if (!sd || vn_date_parse(sd, 0, &r->start))
        r->start = VN_DAY_NONE;
    if (!ed || vn_date_parse(ed, 1, &r->end))
        r->end = VN_DAY_NONE;
    snprintf(dates[0], 16, "%s", sd ? sd : "");
    snprintf(dates[1], 16, "%s", ed ? ed : "");
    return 0;
}

static void day_string(long day, char out[16])
{
    if (day == VN_DAY_NONE || day == VN_DAY_OPEN)
        out[0] = 0;
    else
        vn_days_format(day, out);
}

/* The holders of the COUNT terms, with the dates as the evidence rows DATES give them. */
static void take_terms(holder *v, const vn_term *terms, size_t count, char (*dates)[2][16])
{
    for (size_t k = 0; k < count; k++) {
        holder *h = &v[k];
        h->person = terms[k].person;
        h->term = terms[k];
        h->lo = terms[k].lo;
        h->hi = terms[k].hi;
        h->elect_only = terms[k].nominee_only;
        if (terms[k].lo_row >= 0)
            memcpy(h->lo_s, dates[terms[k].lo_row][0], sizeof h->lo_s);
        else
            day_string(terms[k].lo_stated ? h->lo : VN_DAY_NONE, h->lo_s);
        if (terms[k].hi_row >= 0)
            memcpy(h->hi_s, dates[terms[k].hi_row][1], sizeof h->hi_s);
        else
            day_string(terms[k].hi_stated ? h->hi : VN_DAY_NONE, h->hi_s);
        day_string(terms[k].first_seen, h->seen_s[0]);
        day_string(terms[k].last_seen, h->seen_s[1]);
    }
}

/* The terms of POST's holders, without their names, into *OUT (*COUNT of them). */
static int load_terms(vnner_store *s, const vnner_model *m, sqlite3_int64 post, holder **out, size_t *count,
                      vn_post_facts *facts_out, vnner_error *err)
{
    /* only what tenure needs: names and evidence are read for the holders kept */
    static const char *sql = "SELECT h.person_id, h.qualifier, h.doc_date, h.start_date, h.end_date"
                             " FROM holdings h WHERE h.post_id = ? ORDER BY h.person_id, h.doc_date, h.id";
    sqlite3_stmt *st = NULL;
    vn_evidence_row *rows = NULL;
    char (*dates)[2][16] = NULL;
    vn_term *terms = NULL;
    vn_post_facts facts;
    size_t nrow = 0, cap = 0, dcap = 0;
    int rc = VNNER_EDB, step;
    *out = NULL;
    *count = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        goto cleanup;
    sqlite3_bind_int64(st, 1, post);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (vn_grow((void **)&rows, &cap, nrow + 1, sizeof *rows) ||
            vn_grow((void **)&dates, &dcap, nrow + 1, sizeof *dates)) {
            rc = VNNER_ENOMEM;
            goto cleanup;
        }
        read_row(st, &rows[nrow], dates[nrow]);
        nrow++;
    }
    /* a failure to read the post is the database's (VNNER_ENOTFOUND: its row is missing), not out of memory */
    if (step != SQLITE_DONE || (rc = vn_post_facts_of(s, m, post, &facts)))
        goto cleanup;
    rc = VNNER_ENOMEM;
    if (!(terms = calloc(nrow + 1, sizeof *terms)) || !(*out = calloc(nrow + 1, sizeof **out)))
        goto cleanup;
    vn_tenure_compute(terms, count, rows, nrow, &facts);
    if (facts_out)
        *facts_out = facts;
    take_terms(*out, terms, *count, dates);
    rc = 0;
cleanup:
    if (rc)
        rc = read_failure(s, err, rc, rc == VNNER_ENOTFOUND ? "post" : NULL);
    sqlite3_finalize(st);
    free(rows);
    free(dates);
    free(terms);
    return rc;
}

/* Reads every holding of POST and reasons out each holder's term. */
int vn_q_load_post(vnner_store *s, const vnner_model *m, sqlite3_int64 post, holder **out, size_t *n,
                   vn_post_facts *facts_out, vnner_error *err)
{
    holder *v;
    size_t cnt;
    *out = NULL;
    *n = 0;
    int rc = load_terms(s, m, post, &v, &cnt, facts_out, err);
    if (!rc && cnt)
        rc = fill_names(s, post, v, cnt, err);
    if (rc) {
        for (size_t k = 0; k < cnt; k++)
            vn_q_holder_free(&v[k]);
        free(v);
        return rc;
    }
    *out = v;
    *n = cnt;
    return 0;
}

static int today(char out[16])
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (int)strftime(out, 16, "%Y-%m-%d", &tm);
}

int vn_q_parse_on(const char *on, char out[16], long *day, vnner_error *err)
{
    if (!on)
        today(out);
    else
        snprintf(out, 16, "%s", on);
    if (strlen(out) != 10 || vn_date_parse(out, 0, day)) {
        vn_set_error(err, VNNER_EINVAL, -1, "date '%s' is not a valid YYYY-MM-DD date", out);
        return VNNER_EINVAL;
    }
    return 0;
}

/* What the lookup found, moved into the answer. */
void vn_q_take_lookup(vnner_answer *a, vn_lookup *lk)
{
    a->known = lk->known;
    a->name = lk->name;
    a->key = lk->norm;
    lk->name = lk->norm = NULL;
    for (int i = 0; i < lk->nsugg; i++)
        a->sugg[i] = lk->sugg[i];
    a->nsugg = lk->nsugg;
    lk->nsugg = 0;
    vn_lookup_free(lk);
}

int vn_q_find_post(vnner_answer *a, vnner_store *s, const vnner_model *m, const char *post, sqlite3_int64 *id,
                   vnner_error *err)
{
    vn_lookup lk;
    int rc = vn_lookup_post(s, m, post, &lk);
    if (rc) {
        vn_lookup_free(&lk);
        vn_set_error(err, rc, -1, "%s: cannot read posts: %s", s->path, sqlite3_errmsg(s->db));
        return rc;
    }
    *id = lk.id;
    vn_q_take_lookup(a, &lk);
    if (!a->name && !(a->name = vn_strdup(post))) {
        vn_set_error(err, VNNER_ENOMEM, -1, "out of memory");
        return VNNER_ENOMEM;
    }
    return 0;
}

/* A post of a province that merged, asked after the merger: say where it went. */
static int merger_note(vnner_answer *a, const vn_post_facts *facts, long day)
{
    const vn_post_facts f = *facts;
    if (!f.successor[0] || f.ceased == VN_DAY_OPEN || day <= f.ceased)
        return 0;
    char end[16];
    vn_days_format(f.ceased + 1, end);
    vn_buf b = {0};
    vn_buf_printf(&b, "%s became part of %s on %s; ask for the post with %s", f.place, f.successor, end, f.successor);
    if (b.failed)
        return VNNER_ENOMEM;
    a->note = b.p;
    return 0;
}

/* Moves holder H into the answer and makes its public view. */
int vn_q_take(vnner_answer *a, holder *h)
{
    if (vn_grow((void **)&a->h, &a->cap, a->n + 1, sizeof *a->h))
        return VNNER_ENOMEM;
    a->h[a->n++] = *h;
    memset(h, 0, sizeof *h);
    return 0;
}

int vn_q_finish_answer(vnner_answer *a)
{
    a->pub = calloc(a->n + 1, sizeof *a->pub);
    if (!a->pub)
        return VNNER_ENOMEM;
    for (size_t i = 0; i < a->n; i++) {
        holder *h = &a->h[i];
        h->pub_ev = calloc(h->nev + 1, sizeof *h->pub_ev);
        if (!h->pub_ev)
            return VNNER_ENOMEM;
        for (size_t k = 0; k < h->nev; k++)
            h->pub_ev[k] = (vnner_evidence){h->ev[k].doc, h->ev[k].date, h->ev[k].text, h->ev[k].source};
        a->pub[i] = (vnner_holding){h->name, h->post, h->qualifier, h->lo_s[0] ? h->lo_s : NULL,
                                    h->hi_s[0] ? h->hi_s : NULL, h->pub_ev, h->nev, (long long)h->person, h->total_ev,
                                    h->seen_s[0][0] ? h->seen_s[0] : NULL, h->seen_s[1][0] ? h->seen_s[1] : NULL};
    }
    return 0;
}

static int on_date(const holder *h, long day) { return vn_term_covers(&h->term, day); }

/* The holder's qualifier as of DAY. */
int vn_q_set_qualifier(holder *h, long day)
{
    free(h->qualifier);
    h->qualifier = vn_strdup(vn_term_qualifier(&h->term, day));
    return h->qualifier ? 0 : VNNER_ENOMEM;
}

/* Queries come from users: they must be UTF-8 like everything else. */
int vn_q_check_query(const char *q, vnner_error *err)
{
    size_t n = strlen(q);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = vn_utf8_decode((const unsigned char *)q + i, n - i, &cp);
        if (l < 0) {
            vn_set_error(err, VNNER_EUTF8, (long long)i, "the query is not valid UTF-8 (byte offset %zu)", i);
            return VNNER_EUTF8;
        }
        i += (size_t)l;
    }
    return 0;
}

int vnner_store_who(vnner_answer **out, vnner_store *s, const vnner_model *m, const char *post, const char *on,
                    vnner_error *err)
{
    *out = NULL;
    int qrc = vn_q_check_query(post, err);
    if (qrc)
        return qrc;
    vnner_answer *a = calloc(1, sizeof *a);
    long day;
    int rc = VNNER_ENOMEM;
    if (!a)
        return rc;
    a->query = vn_strdup(post);
    if ((rc = vn_q_parse_on(on, a->on, &day, err)))
        goto fail;
    sqlite3_int64 pid = 0;
    if ((rc = vn_q_find_post(a, s, m, post, &pid, err)))
        goto fail;
    holder *v = NULL;
    size_t n = 0;
    vn_post_facts facts;
    if (pid && (rc = vn_q_load_post(s, m, pid, &v, &n, &facts, err)))
        goto fail;
    if (pid && (rc = merger_note(a, &facts, day)))
        goto fail;
    for (size_t i = 0; i < n; i++) {
        if (on_date(&v[i], day) && !rc && ((rc = vn_q_set_qualifier(&v[i], day)) || (rc = vn_q_load_evidence(s, pid, &v[i])) || vn_q_take(a, &v[i])))
            rc = rc ? rc : VNNER_ENOMEM;
        vn_q_holder_free(&v[i]);
    }
    if (rc) {
        vn_set_error(err, rc, -1, "%s: cannot read evidence: %s", s->path, sqlite3_errmsg(s->db));
        goto fail;
    }
    free(v);
    if ((rc = vn_q_finish_answer(a)))
        goto fail;
    *out = a;
    return 0;
fail:
    vnner_answer_free(a);
    return rc;
}

int vnner_store_positions(vnner_answer **out, vnner_store *s, const vnner_model *m, const char *person,
                          const char *on, vnner_error *err)
{
    *out = NULL;
    int qrc = vn_q_check_query(person, err);
    if (qrc)
        return qrc;
    vnner_answer *a = calloc(1, sizeof *a);
    long day = 0;
    int rc = VNNER_ENOMEM;
    if (!a)
        return rc;
    a->kind = 1;
    a->query = vn_strdup(person);
    if (on && (rc = vn_q_parse_on(on, a->on, &day, err)))
        goto fail;
    char now[16];
    long qday = day;
    if (!on && (rc = vn_q_parse_on(NULL, now, &qday, err)))
        goto fail;
    vn_lookup lk;
    if ((rc = vn_lookup_person(s, m, person, &lk))) {
        vn_lookup_free(&lk);
        vn_set_error(err, rc, -1, "%s: cannot read persons: %s", s->path, sqlite3_errmsg(s->db));
        goto fail;
    }
    char *norm = lk.norm ? vn_strdup(lk.norm) : vn_normalize_str(person, strlen(person));
    vn_q_take_lookup(a, &lk);
    free(a->name);
    a->name = NULL;
    sqlite3_stmt *st = NULL;
    rc = VNNER_EDB;
    if (!norm || sqlite3_prepare_v2(s->db,
                                    "SELECT DISTINCT h.post_id, h.person_id FROM holdings h JOIN persons p ON p.id = h.person_id"
                                    " WHERE p.norm = ? ORDER BY h.person_id, h.post_id",
                                    -1, &st, NULL) != SQLITE_OK) {
        free(norm);
        vn_set_error(err, rc, -1, "%s: cannot read persons: %s", s->path, sqlite3_errmsg(s->db));
        goto fail;
    }
    sqlite3_bind_text(st, 1, norm, -1, SQLITE_TRANSIENT);
    free(norm);
    rc = 0;
    int step, said = 0; /* vn_q_load_post says why it failed */
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 post = sqlite3_column_int64(st, 0), pid = sqlite3_column_int64(st, 1);
        holder *v = NULL;
        size_t n = 0;
        if ((rc = vn_q_load_post(s, m, post, &v, &n, NULL, err))) {
            said = 1;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            if (v[i].person == pid && (!on || on_date(&v[i], day)) && !rc) {
                if (!a->name)
                    a->name = vn_strdup(v[i].name);
                if ((rc = vn_q_set_qualifier(&v[i], qday)) == 0 && (rc = vn_q_load_evidence(s, post, &v[i])) == 0 &&
                    vn_q_take(a, &v[i]))
                    rc = VNNER_ENOMEM;
            }
            vn_q_holder_free(&v[i]);
        }
        free(v);
    }
    if (!rc && step != SQLITE_DONE)
        rc = VNNER_EDB; /* a damaged file must not give a partial answer */
    if (rc && !said)
        vn_set_error(err, rc, -1, "%s: cannot read holdings: %s (the file may be damaged)", s->path, sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    if (rc)
        goto fail;
    if (!a->name)
        a->name = vn_strdup(person);
    if ((rc = vn_q_finish_answer(a)))
        goto fail;
    *out = a;
    return 0;
fail:
    vnner_answer_free(a);
    return rc;
}

/* Holder H as a tenure, its qualifier as positions says it on TODAY: "former" once the term has ended. */
static int tenure_of(vn_tenure *t, holder *h, long today)
{
    t->person = h->person;
    t->name = h->name;
    h->name = NULL;
    t->qualifier = vn_strdup(vn_term_qualifier(&h->term, today));
    t->lo = h->lo;
    t->hi = h->hi;
    memcpy(t->lo_s, h->lo_s, sizeof t->lo_s);
    memcpy(t->hi_s, h->hi_s, sizeof t->hi_s);
    if (!t->lo_s[0]) /* a graph's label: from the first day seen in office when no text gives the start */
        memcpy(t->lo_s, h->seen_s[0], sizeof t->lo_s);
    t->elect_only = h->elect_only;
    return t->qualifier ? 0 : VNNER_ENOMEM;
}

int vn_post_tenures(vn_tenure **out, size_t *n, vnner_store *s, const vnner_model *m, sqlite3_int64 post,
                    vnner_error *err)
{
    holder *v = NULL;
    size_t k = 0;
    char now[16];
    long today = 0;
    *out = NULL;
    *n = 0;
    int rc = vn_q_parse_on(NULL, now, &today, err);
    if (rc || (rc = vn_q_load_post(s, m, post, &v, &k, NULL, err)))
        return rc;
    vn_tenure *t = calloc(k + 1, sizeof *t);
    if (!t)
        rc = VNNER_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        if (!rc)
            rc = tenure_of(&t[i], &v[i], today);
        vn_q_holder_free(&v[i]);
    }
    free(v);
    if (rc) {
        vn_tenures_free(t, k);
        vn_set_error(err, rc, -1, "out of memory");
        return rc;
    }
    *out = t;
    *n = k;
    return 0;
}

void vn_tenures_free(vn_tenure *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        free(t[i].name);
        free(t[i].qualifier);
    }
    free(t);
}
