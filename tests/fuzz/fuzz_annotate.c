/* Raw bytes -> vnner_doc_annotate, then every output format.  Checks what the
 * public API promises of a successful annotation: spans inside the text and
 * on character boundaries, code-point offsets that agree with the byte
 * offsets, entity and relation indices in range, JSON Lines output that
 * parses, and a record read back from that output (ingest --input annotated)
 * equal to the record built from the document (ingest of the text).  The
 * same bytes are also read as an HTML page (annotate --input html). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <jansson.h>
#include "fuzz_common.h"
#include "store/record.h"

static vnner_doc *doc;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_load_model();
    if (vnner_doc_new(&doc))
        abort();
    atexit(fuzz_free_model);
    return 0;
}

static int streq(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

#define SAME_STR(what, a, b) FUZZ_CHECK(streq(a, b), "%s differs: doc '%s' / json '%s'", what, a ? a : "(null)", b ? b : "(null)")
#define SAME_NUM(what, a, b) FUZZ_CHECK((a) == (b), "%s differs: doc %lld / json %lld", what, (long long)(a), (long long)(b))

/* ingest of the text and ingest --input annotated must store the same thing. */
static void same_record(const vnner_record *x, const vnner_record *y)
{
    SAME_STR("name", x->name, y->name);
    SAME_STR("date", x->date, y->date);
    SAME_NUM("text length", x->text_len, y->text_len);
    FUZZ_CHECK(!memcmp(x->text, y->text, x->text_len), "text differs");
    SAME_NUM("persons", x->nperson, y->nperson);
    for (size_t i = 0; i < x->nperson; i++) {
        SAME_STR("person name", x->persons[i].name, y->persons[i].name);
        SAME_STR("person norm", x->persons[i].norm, y->persons[i].norm);
    }
    SAME_NUM("holdings", x->nhold, y->nhold);
    for (size_t i = 0; i < x->nhold; i++) {
        const vn_rec_hold *a = &x->holds[i], *b = &y->holds[i];
        SAME_NUM("holding person", a->person, b->person);
        SAME_STR("post", a->post, b->post);
        SAME_STR("body", a->body, b->body);
        SAME_STR("qualifier", a->qualifier, b->qualifier);
        SAME_STR("from", a->from, b->from);
        SAME_STR("to", a->to, b->to);
        SAME_STR("term", a->term, b->term);
        SAME_STR("place", a->place, b->place); /* a person's areas come from these */
        SAME_STR("seen", a->seen, b->seen);
        SAME_NUM("holding evidence", a->ev.start, b->ev.start);
        SAME_NUM("holding evidence end", a->ev.end, b->ev.end);
        SAME_STR("holding rule", a->rule, b->rule);
    }
    SAME_NUM("participations", x->npart, y->npart);
    for (size_t i = 0; i < x->npart; i++) {
        SAME_NUM("participant", x->parts[i].person, y->parts[i].person);
        SAME_STR("event", x->parts[i].event, y->parts[i].event);
        SAME_STR("role", x->parts[i].role, y->parts[i].role);
        SAME_NUM("participation evidence", x->parts[i].ev.start, y->parts[i].ev.start);
        SAME_NUM("participation evidence end", x->parts[i].ev.end, y->parts[i].ev.end);
    }
    SAME_NUM("awards", x->naward, y->naward);
    for (size_t i = 0; i < x->naward; i++) {
        SAME_NUM("award person", x->awards[i].person, y->awards[i].person);
        SAME_STR("recipient", x->awards[i].recipient, y->awards[i].recipient);
        SAME_STR("award", x->awards[i].award, y->awards[i].award);
        SAME_STR("giver", x->awards[i].giver, y->awards[i].giver);
        SAME_NUM("award evidence", x->awards[i].ev.start, y->awards[i].ev.start);
        SAME_NUM("award evidence end", x->awards[i].ev.end, y->awards[i].ev.end);
    }
    SAME_NUM("authors", x->nauthor, y->nauthor);
    for (size_t i = 0; i < x->nauthor; i++)
        SAME_NUM("author", x->authors[i], y->authors[i]);
    SAME_NUM("mentions", x->nmention, y->nmention);
    for (size_t i = 0; i < x->nmention; i++) {
        SAME_NUM("mention type", x->mentions[i].type, y->mentions[i].type);
        SAME_NUM("mention start", x->mentions[i].start, y->mentions[i].start);
        SAME_NUM("mention end", x->mentions[i].end, y->mentions[i].end);
        SAME_STR("mention text", x->mentions[i].text, y->mentions[i].text);
        SAME_STR("mention norm", x->mentions[i].norm, y->mentions[i].norm);
        SAME_STR("mention rule", x->mentions[i].rule, y->mentions[i].rule);
    }
}

static void check_doc(const char *text, size_t len)
{
    size_t ne = vnner_doc_entity_count(doc), nr = vnner_doc_relation_count(doc);
    for (size_t i = 0; i < ne; i++) {
        const vnner_entity *e = vnner_doc_entity(doc, i);
        FUZZ_CHECK(e != NULL, "entity %zu", i);
        FUZZ_CHECK((int)e->type >= 0 && e->type < VNNER_NTYPES, "entity %zu type %d", i, (int)e->type);
        FUZZ_CHECK(e->bstart < e->bend && e->bend <= len, "entity %zu bytes %zu..%zu of %zu", i, e->bstart, e->bend, len);
        FUZZ_CHECK(fuzz_is_boundary(text, len, e->bstart) && fuzz_is_boundary(text, len, e->bend),
                   "entity %zu bytes %zu..%zu not on character boundaries", i, e->bstart, e->bend);
        FUZZ_CHECK(e->start == fuzz_cp_count(text, e->bstart) && e->end == fuzz_cp_count(text, e->bend),
                   "entity %zu code points %zu..%zu but bytes %zu..%zu are code points %zu..%zu", i, e->start, e->end,
                   e->bstart, e->bend, fuzz_cp_count(text, e->bstart), fuzz_cp_count(text, e->bend));
        FUZZ_CHECK(e->parent >= -1 && e->parent < (int)ne && e->parent != (int)i, "entity %zu parent %d", i, e->parent);
        if (e->parent >= 0) {
            const vnner_entity *p = vnner_doc_entity(doc, (size_t)e->parent);
            FUZZ_CHECK(p->bstart <= e->bstart && e->bend <= p->bend, "entity %zu not inside its parent %d", i, e->parent);
        }
        FUZZ_CHECK(vnner_doc_entity_norm(doc, i) != NULL, "entity %zu has no norm", i);
        /* not checked: a DATE without a year to resolve it ("Ngày 15/1" with no
         * publication date) has value NULL, "value": null in JSON */
    }
    FUZZ_CHECK(vnner_doc_entity(doc, ne) == NULL, "entity past the end");
    for (size_t i = 0; i < nr; i++) {
        const vnner_relation *r = vnner_doc_relation(doc, i);
        FUZZ_CHECK(r && (int)r->type >= 0 && r->type <= VNNER_AUTHOR, "relation %zu", i);
        FUZZ_CHECK(r->person >= -1 && r->person < (int)ne, "relation %zu person %d", i, r->person);
        FUZZ_CHECK(r->target >= -1 && r->target < (int)ne, "relation %zu target %d", i, r->target);
        FUZZ_CHECK(r->sentence_start <= r->sentence_end && r->sentence_end <= len, "relation %zu sentence %zu..%zu of %zu",
                   i, r->sentence_start, r->sentence_end, len);
        if (r->type == VNNER_HOLDS) {
            FUZZ_CHECK(r->person >= 0 && r->target >= 0 && r->post && r->qualifier, "HOLDS relation %zu incomplete", i);
            FUZZ_CHECK(vnner_doc_entity(doc, (size_t)r->target)->type == VNNER_POSITION, "HOLDS %zu target not a POSITION", i);
        }
    }
    const char *date = vnner_doc_date(doc);
    FUZZ_CHECK(!date || strlen(date) == 10, "date '%s'", date);
}

static void write_all(const char *name)
{
    static const vnner_format fmts[] = {VNNER_FMT_JSONL, VNNER_FMT_TEXT, VNNER_FMT_CONLL, VNNER_FMT_BRAT, VNNER_FMT_HTML};
    static const unsigned flags[] = {VNNER_OUT_WITH_TEXT, VNNER_OUT_EXPLAIN | VNNER_OUT_COLOR, 0, 0, 0};
    for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
        char *out = NULL;
        size_t outlen = 0;
        FILE *fp = open_memstream(&out, &outlen);
        if (!fp)
            abort();
        FUZZ_CHECK(vnner_doc_write(doc, fp, fmts[k], name, flags[k]) == 0, "vnner_doc_write format %d", (int)fmts[k]);
        fclose(fp);
        if (fmts[k] == VNNER_FMT_JSONL) {
            json_error_t je;
            FUZZ_CHECK(outlen > 0 && out[outlen - 1] == '\n' && memchr(out, '\n', outlen) == out + outlen - 1,
                       "JSONL output is not one line");
            json_t *o = json_loadb(out, outlen, 0, &je);
            FUZZ_CHECK(o != NULL, "JSONL output does not parse: %s at %d: %.*s", je.text, je.position, (int)outlen, out);
            FUZZ_CHECK(json_array_size(json_object_get(o, "entities")) == vnner_doc_entity_count(doc), "entity count");
            json_decref(o);
            /* ingest --input annotated must store what ingest of the text stores */
            vnner_record *from_json = NULL, *from_doc = NULL;
            vnner_error err;
            FUZZ_CHECK(vnner_record_from_json(&from_json, out, outlen, &err) == 0, "record_from_json on annotate's own output: %s",
                       err.message);
            FUZZ_CHECK(vnner_record_from_doc(&from_doc, doc, name, NULL) == 0, "record_from_doc");
            same_record(from_doc, from_json);
            vnner_record_free(from_json);
            vnner_record_free(from_doc);
        }
        free(out);
    }
}

static void annotate(const char *text, size_t len)
{
    vnner_error err;
    memset(&err, 0, sizeof err);
    int rc = vnner_doc_annotate(doc, fuzz_model, text, len, NULL, &err);
    if (rc) {
        FUZZ_CHECK(rc < 0 && err.code == rc, "rc %d err.code %d", rc, err.code);
        FUZZ_CHECK(memchr(err.message, 0, sizeof err.message) && err.message[0], "error without a message");
        FUZZ_CHECK(err.offset >= -1 && err.offset <= (long long)len, "error offset %lld of %zu", err.offset, len);
        FUZZ_CHECK(strcmp(vnner_errmsg(rc), "") != 0, "vnner_errmsg");
        return;
    }
    check_doc(text, len);
    write_all("fuzz \"doc\" <name>\\1");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly SIZE bytes, so that ASan sees reads past the end */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    annotate(text, size);
    char *page = NULL;
    size_t plen = 0;
    if (vnner_html_to_text(&page, &plen, text, size) == 0) {
        char *exact = malloc(plen ? plen : 1); /* again exactly PLEN bytes */
        if (exact) {
            memcpy(exact, page, plen);
            annotate(exact, plen);
            /* the doc keeps a pointer to its text: annotate something else before freeing it */
            vnner_doc_annotate(doc, fuzz_model, "", 0, NULL, NULL);
            free(exact);
        }
        free(page);
    }
    char *date = NULL; /* the article of a saved page: its parts skipped, its date read */
    if (vnner_html_article(&page, &plen, &date, text, size) == 0) {
        if (date && strlen(date) != 10)
            abort();
        annotate(page, plen);
        vnner_doc_annotate(doc, fuzz_model, "", 0, NULL, NULL);
        free(page);
        free(date);
    }
    vnner_doc_annotate(doc, fuzz_model, "", 0, NULL, NULL);
    free(text);
    return 0;
}
