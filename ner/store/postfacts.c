/* Facts of a stored post that shape its terms: whether several people hold
 * it at once, and the day its body or place ceased to exist (the gazetteer's
 * validity of the entries inside the post's name). */
#include <string.h>
#include "pipeline/doc.h"
#include "store/store.h"
#include "util/date.h"

/* Whether the post named NAME starts with a COLLECTIVE entry of the
 * gazetteer: a post several people hold at once. */
static int is_collective(const vnner_model *m, const char *name, int *out)
{
    vn_text t = {0};
    vn_tokens tk = {0};
    uint32_t *syl = NULL, e, len;
    int rc = VNNER_ENOMEM;
    *out = 0;
    if (vn_text_normalize(&t, name, strlen(name), NULL)) {
        rc = 0; /* a name that does not normalise is nothing collective */
        goto cleanup;
    }
    if (vn_tokenize(&tk, &t) || !(syl = malloc((tk.n + 1) * sizeof *syl)))
        goto cleanup;
    for (size_t i = 0; i < tk.n; i++)
        syl[i] = vn_gaz_syllable(m->gaz, t.norm + tk.v[i].ns, tk.v[i].ne - tk.v[i].ns);
    vn_gaz_walk w;
    vn_gaz_walk_start(&w, m->gaz, syl, tk.n);
    while (!*out && (e = vn_gaz_walk_next(&w, &len)))
        *out = vn_gaz_entry(m->gaz, e)->cls == VN_C_COLLECTIVE;
    rc = 0;
cleanup:
    free(syl);
    vn_tokens_free(&tk);
    vn_text_free(&t);
    return rc;
}

/* The last day of the post named NAME by the gazetteer: the tightest
 * validity of the entries in its POSITION, or VN_DAY_OPEN. */
static int ceased_day(const vnner_model *m, const char *name, vn_post_facts *f)
{
    vnner_doc *d = NULL;
    long *out = &f->ceased;
    *out = VN_DAY_OPEN;
    if (!m)
        return 0;
    if (vnner_doc_new(&d))
        return VNNER_ENOMEM;
    int rc = vnner_doc_annotate(d, m, name, strlen(name), NULL, NULL);
    size_t best = 0;
    const vnner_entity *pos = NULL;
    for (size_t i = 0; !rc && i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (e->type == VNNER_POSITION && e->bend - e->bstart > best) {
            best = e->bend - e->bstart;
            pos = e;
        }
    }
    long day;
    if (pos && pos->valid_to && vn_date_parse(pos->valid_to, 1, &day) == 0)
        *out = day;
    for (size_t i = 0; !rc && i < d->ents.n; i++) { /* a merged place inside the post */
        const vn_ent *e = &d->ents.v[i];
        const vn_entry *en = e->pub.type == VNNER_PLACE && e->entry ? vn_gaz_entry(m->gaz, e->entry) : NULL;
        if (en && en->successor) {
            snprintf(f->place, sizeof f->place, "%s", en->canonical ? en->canonical : en->surface);
            snprintf(f->successor, sizeof f->successor, "%s", en->successor);
            break;
        }
    }
    vnner_doc_free(d);
    return rc == VNNER_ENOMEM ? rc : 0; /* a name that does not annotate has no known end */
}

int vn_post_facts_of(vnner_store *s, const vnner_model *m, sqlite3_int64 post, vn_post_facts *out)
{
    sqlite3_stmt *st = NULL;
    int rc = VNNER_EDB;
    memset(out, 0, sizeof *out);
    out->ceased = VN_DAY_OPEN;
    if (sqlite3_prepare_v2(s->db, "SELECT name FROM posts WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return VNNER_EDB;
    sqlite3_bind_int64(st, 1, post);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE)
        rc = VNNER_ENOTFOUND; /* a holding of a post the file lacks: it is damaged */
    if (step == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        rc = 0;
        if (name && m && !(rc = is_collective(m, name, &out->collective)))
            rc = ceased_day(m, name, out);
    }
    sqlite3_finalize(st);
    return rc;
}
