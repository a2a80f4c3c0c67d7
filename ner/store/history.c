/* history: every holder of a post over time, in the order they held it,
 * with who replaced whom; stats: what a database holds; forget: removing a
 * document (its terms are recomputed, since terms are derived at query time). */
#include <string.h>
#include "store/store.h"
#include "text/text.h"
#include "util/date.h"

static int by_start(const void *pa, const void *pb)
{
    const holder *a = pa, *b = pb;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    return a->person < b->person ? -1 : a->person > b->person;
}

int vnner_store_history(vnner_answer **out, vnner_store *s, const vnner_model *m, const char *post, vnner_error *err)
{
    *out = NULL;
    int rc = vn_q_check_query(post, err);
    if (rc)
        return rc;
    vnner_answer *a = calloc(1, sizeof *a);
    char today[16];
    long day;
    holder *v = NULL;
    size_t n = 0;
    if (!a || !(a->query = vn_strdup(post)))
        goto nomem;
    a->kind = 2;
    if ((rc = vn_q_parse_on(NULL, today, &day, err)))
        goto fail;
    sqlite3_int64 pid = 0;
    if ((rc = vn_q_find_post(a, s, m, post, &pid, err)))
        goto fail;
    if (pid && (rc = vn_q_load_post(s, m, pid, &v, &n, NULL, err)))
        goto fail;
    if (n > 1)
        qsort(v, n, sizeof *v, by_start);
    for (size_t i = 0; i < n; i++) {
        holder *h = &v[i];
        /* as of today: acting or current while it lasts, former once it ended */
        if (!rc && !h->elect_only && !(rc = vn_q_set_qualifier(h, day)) &&
            !(rc = vn_q_load_evidence(s, pid, h)))
            rc = vn_q_take(a, h);
        vn_q_holder_free(h);
    }
    free(v);
    v = NULL;
    if (rc) {
        vn_set_error(err, rc, -1, "%s: cannot read evidence: %s", s->path, sqlite3_errmsg(s->db));
        goto fail;
    }
    if ((rc = vn_q_finish_answer(a)))
        goto fail;
    *out = a;
    return 0;
nomem:
    rc = VNNER_ENOMEM;
    vn_set_error(err, rc, -1, "out of memory");
fail:
    free(v);
    vnner_answer_free(a);
    return rc;
}

/* ---- stats ---- */

static int one_value(vnner_store *s, const char *sql, vn_buf *b, const char *label)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        vn_buf_printf(b, "%-14s %s\n", label, v ? (const char *)v : "-");
    }
    sqlite3_finalize(st);
    return step == SQLITE_ROW ? 0 : VNNER_EDB;
}

/* One line of the busiest posts: the name as valid UTF-8, its control characters as spaces. */
static void busy_post(vn_buf *b, sqlite3_stmt *st)
{
    vn_buf_printf(b, "  %6lld %4lld  ", sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
    size_t at = b->len;
    const char *name = (const char *)sqlite3_column_text(st, 0);
    vn_buf_utf8_repair(b, name ? name : "", name ? (size_t)sqlite3_column_bytes(st, 0) : 0);
    if (!b->failed)
        vn_blank_controls(b->p + at, b->len - at);
    vn_buf_putc(b, '\n');
}

int vnner_store_stats(vnner_store *s, FILE *out, vnner_error *err)
{
    static const struct { const char *label, *sql; } rows[] = {
        {"documents", "SELECT count(*) FROM documents"},
        {"persons", "SELECT count(*) FROM persons"},
        {"posts", "SELECT count(*) FROM posts"},
        {"bodies", "SELECT count(*) FROM bodies"},
        {"holdings", "SELECT count(*) FROM holdings"},
        {"events", "SELECT count(*) FROM events"},
        {"first date", "SELECT min(date) FROM documents"},
        {"last date", "SELECT max(date) FROM documents"},
    };
    vn_buf b = {0};
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof rows / sizeof *rows; i++)
        rc = one_value(s, rows[i].sql, &b, rows[i].label);
    sqlite3_stmt *st = NULL;
    if (!rc && sqlite3_prepare_v2(s->db,
                                  "SELECT p.name, count(*) c, count(DISTINCT h.person_id) FROM holdings h JOIN posts p ON"
                                  " p.id = h.post_id GROUP BY h.post_id ORDER BY c DESC, p.name LIMIT 10",
                                  -1, &st, NULL) != SQLITE_OK)
        rc = VNNER_EDB;
    if (!rc) {
        vn_buf_puts(&b, "busiest posts (evidence, holders):\n");
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            busy_post(&b, st);
        if (step != SQLITE_DONE)
            rc = VNNER_EDB;
    }
    sqlite3_finalize(st);
    if (rc)
        vn_set_error(err, rc, -1, "%s: cannot read the database: %s (the file may be damaged)", s->path,
                     sqlite3_errmsg(s->db));
    else if (b.failed)
        rc = VNNER_ENOMEM, vn_set_error(err, rc, -1, "out of memory");
    else if (b.len && fwrite(b.p, 1, b.len, out) != b.len)
        rc = VNNER_EIO, vn_set_error(err, rc, -1, "cannot write the statistics");
    vn_buf_free(&b);
    return rc;
}

/* ---- forget ---- */

static const char *const drop_sql[] = {
    "DELETE FROM holdings WHERE doc_id = ?1",
        "DELETE FROM participations WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?1)",
        "DELETE FROM events WHERE doc_id = ?1",
        "DELETE FROM awards WHERE doc_id = ?1",
        "DELETE FROM authors WHERE doc_id = ?1",
        "DELETE FROM mentions WHERE doc_id = ?1",
        "DELETE FROM sentences WHERE doc_id = ?1", /* after every row that refers to them */
        "DELETE FROM documents WHERE id = ?1",
        /* what no document speaks of any more */
        "DELETE FROM persons WHERE id NOT IN (SELECT person_id FROM holdings) AND id NOT IN (SELECT person_id FROM"
        " participations) AND id NOT IN (SELECT person_id FROM mentions) AND id NOT IN (SELECT person_id FROM authors)"
        " AND id NOT IN (SELECT person_id FROM awards WHERE person_id IS NOT NULL)"
        " AND id NOT IN (SELECT giver_id FROM awards WHERE giver_id IS NOT NULL)",
        "DELETE FROM posts WHERE id NOT IN (SELECT post_id FROM holdings)",
        "DELETE FROM bodies WHERE id NOT IN (SELECT body_id FROM posts WHERE body_id IS NOT NULL)",
};

int vn_store_drop_doc(vnner_store *s, sqlite3_int64 doc)
{
    for (size_t i = 0; i < sizeof drop_sql / sizeof *drop_sql; i++) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db, drop_sql[i], -1, &st, NULL) != SQLITE_OK)
            return VNNER_EDB;
        sqlite3_bind_int64(st, 1, doc);
        int step = sqlite3_step(st);
        sqlite3_finalize(st);
        if (step != SQLITE_DONE)
            return VNNER_EDB;
    }
    return 0;
}

int vnner_store_forget(vnner_store *s, const char *doc, int *removed, vnner_error *err)
{
    *removed = 0;
    if (s->readonly) {
        vn_set_error(err, VNNER_EDB, -1, "%s: opened read-only", s->path);
        return VNNER_EDB;
    }
    sqlite3_stmt *st = NULL;
    int rc = VNNER_EDB;
    if (vnner_store_begin(s, err))
        return VNNER_EDB;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM documents WHERE name = ? ORDER BY id", -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, doc, -1, SQLITE_TRANSIENT);
    sqlite3_int64 ids[64];
    int nid = 0, step;
    while (nid < 64 && (step = sqlite3_step(st)) == SQLITE_ROW)
        ids[nid++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (nid < 64 && step != SQLITE_DONE) /* a failed search is not "no such document" */
        goto fail;
    for (int k = 0; k < nid; k++)
        if (vn_store_drop_doc(s, ids[k]))
            goto fail;
    if ((rc = vnner_store_commit(s, err)))
        return rc;
    *removed = nid;
    return 0;
fail:
    vn_set_error(err, VNNER_EDB, -1, "%s: cannot forget '%s': %s", s->path, doc, sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    vnner_store_rollback(s);
    return VNNER_EDB;
}
