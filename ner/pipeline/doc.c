/* The document: the annotation pipeline, one stage after the other, each
 * reading what the stages before it produced and writing only its own part
 * (text → tokens → tags → candidates → entities and dates → relations), and
 * the accessors of the public API. */
#include <string.h>
#include "pipeline/doc.h"
#include "util/buf.h"

int vnner_doc_new(vnner_doc **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : VNNER_ENOMEM;
}

static void clear_results(vnner_doc *d)
{
    vn_ents_clear(&d->ents);
    vn_rels_clear(&d->rels);
    d->cands.n = d->cands.nents = 0;
    memset(&d->pub, 0, sizeof d->pub);
}

void vnner_doc_free(vnner_doc *d)
{
    if (!d)
        return;
    vn_text_free(&d->text);
    vn_tokens_free(&d->tk);
    vn_tags_free(&d->tags);
    vn_cands_free(&d->cands);
    vn_ents_free(&d->ents);
    vn_rels_free(&d->rels);
    free(d);
}

vn_view vn_doc_view(const vnner_doc *d)
{
    return (vn_view){.text = &d->text, .tk = &d->tk, .tags = &d->tags, .gaz = d->model->gaz};
}

/* Documents longer than this give back their stage buffers as they go. */
#define VN_DOC_KEEP_BYTES ((size_t)1 << 20)

/* Gives back the unused end of an array grown by doubling (*CAP items of
 * ITEM bytes, N used) once its stage is done: the next stage allocates in
 * what it frees.  Keeps the array as it is when realloc fails. */
static void shrink(void **p, size_t *cap, size_t n, size_t item)
{
    if (!n || *cap <= n)
        return;
    void *q = realloc(*p, n * item);
    if (q) {
        *p = q;
        *cap = n;
    }
}

/* For rule authors: token / symbol pairs on standard error. */
static void debug_tags(const vnner_doc *d)
{
    for (size_t i = 0; i < d->tk.n; i++)
        fprintf(stderr, "%c %.*s\n", d->tags.sym[i], (int)(d->tk.v[i].ne - d->tk.v[i].ns), d->text.norm + d->tk.v[i].ns);
}

/* Stage 1 with the checks that name what the input is when it is not text. */
static int read_text(vnner_doc *d, const char *text, size_t len, size_t max, vnner_error *err)
{
    int rc;
    if (len > max) {
        vn_set_error(err, VNNER_ETOOBIG, (long long)max,
                     "document of %zu bytes is over the size limit of %zu bytes (raise it with --max-size)", len, max);
        return VNNER_ETOOBIG;
    }
    if ((rc = vn_sniff_input(text, len, err)))
        return rc;
    if ((rc = vn_text_normalize(&d->text, text, len, err))) {
        const char *legacy = rc == VNNER_EUTF8 ? vn_sniff_legacy(text, len) : NULL;
        if (legacy) {
            long long off = err ? err->offset : -1;
            vn_set_error(err, VNNER_EENCODING, off,
                         "not UTF-8 (first bad byte at offset %lld): the text looks like the %s encoding; convert it to "
                         "UTF-8 first (vnner reads UTF-8 only)", off, legacy);
            return VNNER_EENCODING;
        }
    }
    return rc;
}

int vnner_doc_annotate(vnner_doc *d, const vnner_model *m, const char *text, size_t len,
                       const vnner_annotate_options *o, vnner_error *err)
{
    size_t max = o && o->max_bytes ? o->max_bytes : VNNER_DEFAULT_MAX_BYTES;
    int rc;
    d->annotated = 0; /* set again only when every stage has run */
    clear_results(d);
    d->model = m;
    d->source = o ? o->source : NULL;
    d->tk.n = 0;
    d->text.nlen = 0;
    if ((rc = read_text(d, text, len, max, err)))
        return rc;
    if (vn_tokenize(&d->tk, &d->text))
        goto nomem;
    /* a long document gives back what later stages no longer need (the memory
     * bound); a news-sized one keeps every buffer for the next document, so
     * that a stream allocates nothing per document once warmed up */
    int big = len > VN_DOC_KEEP_BYTES;
    if (big) {
        vn_text_drop_map(&d->text); /* the tokens have their original offsets */
        shrink((void **)&d->tk.v, &d->tk.cap, d->tk.n, sizeof *d->tk.v);
    }
    if (vn_lexicon_tag(&d->tags, &d->tk, &d->text, m->gaz))
        goto nomem;
    vn_sentences(&d->tk, &d->text, vn_tags_period_joins, &d->tags);
    if (getenv("VNNER_DEBUG_TAGS"))
        debug_tags(d);
    vn_view v = vn_doc_view(d);
    vn_pubdate_find(&d->pub, &v);
    if (o && o->date && vn_pubdate_set(&d->pub, o->date)) {
        vn_set_error(err, VNNER_EINVAL, -1, "date '%s' is not a valid YYYY-MM-DD date", o->date);
        return VNNER_EINVAL;
    }
    if (vn_rules_apply(&d->cands, m->rules, &v) || vn_byline_candidates(&d->cands, &v) ||
        vn_entities_resolve(&d->ents, &d->cands, &v))
        goto nomem;
    if (big)
        vn_cands_free(&d->cands); /* the entities are chosen */
    if (vn_dates_resolve(&d->ents, &v, &d->pub))
        goto nomem;
    if (big)
        shrink((void **)&d->ents.v, &d->ents.cap, d->ents.n, sizeof *d->ents.v);
    if (vn_relations_extract(&d->rels, &v, &d->ents, &d->pub, m->rules))
        goto nomem;
    if (big)
        shrink((void **)&d->rels.v, &d->rels.cap, d->rels.n, sizeof *d->rels.v);
    /* What the writers and the accessors read stays (the original text, the
     * tokens, the entities and relations); the normalised view and the tags
     * go, so that writing the output does not add to them (see README,
     * "Limits and errors": memory). */
    if (big) {
        vn_tags_free(&d->tags);
        vn_text_release(&d->text);
    }
    d->annotated = 1;
    return 0;
nomem:
    vn_set_error(err, VNNER_ENOMEM, -1, "out of memory");
    return VNNER_ENOMEM;
}

size_t vnner_doc_entity_count(const vnner_doc *d) { return d->ents.n; }

const vnner_entity *vnner_doc_entity(const vnner_doc *d, size_t i)
{
    return i < d->ents.n ? &d->ents.v[i].pub : NULL;
}

const char *vnner_doc_entity_norm(const vnner_doc *d, size_t i) { return i < d->ents.n ? d->ents.v[i].norm : NULL; }

size_t vnner_doc_relation_count(const vnner_doc *d) { return d->rels.n; }

const vnner_relation *vnner_doc_relation(const vnner_doc *d, size_t i)
{
    return i < d->rels.n ? &d->rels.v[i].pub : NULL;
}

const char *vnner_doc_date(const vnner_doc *d) { return d->pub.iso[0] ? d->pub.iso : NULL; }
