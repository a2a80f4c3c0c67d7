/* export: every term of every post, as the tenure rules derive them, for
 * other tools: CSV (one term a line, with the latest evidence and its source),
 * Popolo JSON (persons, posts, memberships), Wikidata QuickStatements. */
#include <string.h>
#include "store/store.h"
#include "util/date.h"

typedef struct sink {
    FILE *out;
    vn_buf b;
    vnner_export_format fmt;
    size_t nterm;
    vnner_error *err;
    int said;            /* ERR already says why the export failed */
} sink;

/* A CSV field, quoted when it must be (RFC 4180). */
static void csv(vn_buf *b, const char *s, int last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\n\r")) {
        vn_buf_putc(b, '"');
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                vn_buf_putc(b, '"');
            vn_buf_putc(b, *p);
        }
        vn_buf_putc(b, '"');
    } else {
        vn_buf_puts(b, s);
    }
    vn_buf_putc(b, last ? '\n' : ',');
}

/* A QuickStatements time: +YYYY-MM-DDT00:00:00Z with its precision (9 year, 10 month, 11 day). */
static void qs_time(vn_buf *b, const char *prop, const char *d)
{
    if (!d)
        return;
    size_t n = strlen(d);
    vn_buf_printf(b, "\t%s\t+%.4s-%.2s-%.2sT00:00:00Z/%d", prop, d, n >= 7 ? d + 5 : "00", n >= 10 ? d + 8 : "00",
                  n >= 10 ? 11 : n >= 7 ? 10 : 9);
}

static void one_term(sink *k, sqlite3_int64 post, const holder *h)
{
    vn_buf *b = &k->b;
    const ev_row *e = h->nev ? &h->ev[h->nev - 1] : NULL;
    char pid[32];
    snprintf(pid, sizeof pid, "%lld", (long long)h->person);
    switch (k->fmt) {
    case VNNER_EXPORT_CSV:
        csv(b, pid, 0);
        csv(b, h->name, 0);
        csv(b, h->post, 0);
        csv(b, h->qualifier, 0);
        csv(b, h->lo_s[0] ? h->lo_s : NULL, 0);
        csv(b, h->hi_s[0] ? h->hi_s : NULL, 0);
        csv(b, e ? e->doc : NULL, 0);
        csv(b, e ? e->source : NULL, 0);
        csv(b, e ? e->text : NULL, 1);
        break;
    case VNNER_EXPORT_POPOLO:
        vn_buf_puts(b, k->nterm ? ",\n  {\"person_id\":\"person/" : "\n  {\"person_id\":\"person/");
        vn_buf_printf(b, "%s\",\"person\":", pid);
        vn_buf_json_val(b, h->name);
        vn_buf_printf(b, ",\"post_id\":\"post/%lld\",\"label\":", (long long)post);
        vn_buf_json_val(b, h->post);
        vn_buf_json_opt(b, "start_date", h->lo_s[0] ? h->lo_s : NULL);
        vn_buf_json_opt(b, "end_date", h->hi_s[0] ? h->hi_s : NULL);
        vn_buf_json_opt(b, "qualifier", h->qualifier);
        vn_buf_puts(b, ",\"sources\":[");
        if (e) {
            vn_buf_puts(b, "{\"url\":");
            vn_buf_json_val(b, e->source);
            vn_buf_json_opt(b, "doc", e->doc);
            vn_buf_json_opt(b, "quote", e->text);
            vn_buf_putc(b, '}');
        }
        vn_buf_puts(b, "]}");
        break;
    case VNNER_EXPORT_QUICKSTATEMENTS:
        /* the person and the post as labels: reconcile them with Wikidata items before loading */
        vn_buf_printf(b, "CREATE\nLAST\tLvi\t\"%s\"\nLAST\tP39\t\"%s\"", h->name, h->post);
        qs_time(b, "P580", h->lo_s[0] ? h->lo_s : NULL);
        qs_time(b, "P582", h->hi_s[0] ? h->hi_s : NULL);
        if (e && e->source)
            vn_buf_printf(b, "\tS854\t\"%s\"", e->source);
        vn_buf_putc(b, '\n');
        break;
    }
    k->nterm++;
}

/* The terms of one post, oldest first. */
static int one_post(sink *k, vnner_store *s, const vnner_model *m, sqlite3_int64 post, long today)
{
    holder *v = NULL;
    size_t n = 0;
    int rc = vn_q_load_post(s, m, post, &v, &n, NULL, k->err);
    k->said = rc != 0;
    for (size_t i = 0; i < n; i++) {
        holder *h = &v[i];
        if (!rc && !h->elect_only && !(rc = vn_q_set_qualifier(h, today)) && !(rc = vn_q_load_evidence(s, post, h)))
            one_term(k, post, h);
        vn_q_holder_free(h);
    }
    free(v);
    if (!rc && k->b.len > (1u << 16)) { /* write as it goes: an archive's terms need not fit in memory */
        if (k->b.failed)
            return VNNER_ENOMEM;
        if (fwrite(k->b.p, 1, k->b.len, k->out) != k->b.len)
            return VNNER_EIO;
        k->b.len = 0;
    }
    return rc ? rc : k->b.failed ? VNNER_ENOMEM : 0;
}

/* Holdings of a post the file lacks would be left out of an export of every post: a damaged file. */
static int orphan_holdings(vnner_store *s, vnner_error *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM holdings WHERE post_id NOT IN (SELECT id FROM posts) LIMIT 1", -1,
                           &st, NULL) != SQLITE_OK)
        return vn_store_db_error(s, err, "cannot read holdings");
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return 0;
    if (step == SQLITE_ROW)
        vn_set_error(err, VNNER_EDB, -1, "%s: the database is damaged: a holding refers to a missing post", s->path);
    else
        vn_store_db_error(s, err, "cannot read holdings");
    return VNNER_EDB;
}

/* ERR for an export that failed with RC. */
static void export_error(vnner_error *err, int rc, vnner_store *s)
{
    if (rc == VNNER_EDB)
        vn_set_error(err, rc, -1, "%s: cannot read holdings: %s (the file may be damaged)", s->path, sqlite3_errmsg(s->db));
    else if (rc == VNNER_EIO)
        vn_set_error(err, rc, -1, "cannot write the export");
    else
        vn_set_error(err, rc, -1, "out of memory");
}

int vnner_store_export(vnner_store *s, const vnner_model *m, FILE *out, vnner_export_format fmt, vnner_error *err)
{
    sink k = {.out = out, .fmt = fmt, .err = err};
    char today[16];
    long day;
    int rc = vn_q_parse_on(NULL, today, &day, err);
    if (rc || (rc = orphan_holdings(s, err)))
        return rc;
    if (fmt == VNNER_EXPORT_CSV)
        vn_buf_puts(&k.b, "person_id,person,post,qualifier,from,to,doc,source,sentence\n");
    else if (fmt == VNNER_EXPORT_POPOLO)
        vn_buf_puts(&k.b, "{\"memberships\":[");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM posts ORDER BY name, id", -1, &st, NULL) != SQLITE_OK) {
        vn_set_error(err, VNNER_EDB, -1, "%s: cannot read posts: %s", s->path, sqlite3_errmsg(s->db));
        vn_buf_free(&k.b);
        return VNNER_EDB;
    }
    int step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = one_post(&k, s, m, sqlite3_column_int64(st, 0), day);
    if (!rc && step != SQLITE_DONE)
        rc = VNNER_EDB;
    sqlite3_finalize(st);
    if (!rc && fmt == VNNER_EXPORT_POPOLO)
        vn_buf_puts(&k.b, "\n]}\n");
    if (!rc && k.b.failed)
        rc = VNNER_ENOMEM;
    if (!rc && k.b.len && fwrite(k.b.p, 1, k.b.len, out) != k.b.len)
        rc = VNNER_EIO;
    if (rc && !k.said)
        export_error(err, rc, s);
    vn_buf_free(&k.b);
    return rc;
}
