/* Bytes -> JSON Lines, one line at a time, read the two ways vnner reads them:
 *  - vnner_record_from_json (ingest --input annotated): a valid record is
 *    stored with vnner_store_add;
 *  - the CLI's record shape {"id", "text", "date"?, "source"?} (annotate and
 *    ingest --input jsonl): the text is annotated with the record's date, and
 *    the document stored as ingest does.
 * The store is an in-memory database opened once; every input runs in one
 * transaction that is rolled back at the end, so inputs do not depend on
 * each other. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <jansson.h>
#include "fuzz_common.h"
#include "store/record.h"

static vnner_doc *doc;
static vnner_store *store;

static void cleanup(void)
{
    vnner_store_close(store);
    vnner_doc_free(doc);
    fuzz_free_model();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    vnner_error err;
    fuzz_load_model();
    if (vnner_doc_new(&doc))
        abort();
    if (vnner_store_open(&store, ":memory:", 0, &err)) {
        fprintf(stderr, "fuzz: cannot open an in-memory store: %s\n", err.message);
        abort();
    }
    atexit(cleanup);
    return 0;
}

static void store_record(const vnner_record *r)
{
    vnner_error err;
    int added = -1;
    FUZZ_CHECK(vnner_record_name(r) != NULL, "record without a name");
    int rc = vnner_store_add(store, fuzz_model, r, &added, &err);
    FUZZ_CHECK(rc == 0, "vnner_store_add: %s", err.message);
    FUZZ_CHECK(added == 0 || added == 1, "added %d", added);
    /* the same record again is a duplicate */
    rc = vnner_store_add(store, fuzz_model, r, &added, &err);
    FUZZ_CHECK(rc == 0 && added == 0, "second vnner_store_add: rc %d added %d", rc, added);
}

/* ingest --input annotated */
static void annotated_line(const char *line, size_t n)
{
    vnner_record *r = NULL;
    vnner_error err;
    memset(&err, 0, sizeof err);
    int rc = vnner_record_from_json(&r, line, n, &err);
    if (rc) {
        FUZZ_CHECK(r == NULL && err.code == rc && err.message[0], "failed record_from_json: rc %d", rc);
        return;
    }
    store_record(r);
    vnner_record_free(r);
}

/* annotate / ingest --input jsonl */
static void input_line(const char *line, size_t n)
{
    json_error_t je;
    json_t *o = json_loadb(line, n, 0, &je);
    if (!o)
        return;
    json_t *t = json_object_get(o, "text"), *id = json_object_get(o, "id"), *d = json_object_get(o, "date"),
           *src = json_object_get(o, "source");
    if (json_is_object(o) && json_is_string(t)) {
        size_t len = json_string_length(t);
        char *text = malloc(len ? len : 1); /* exactly LEN bytes: the text may contain \u0000 */
        if (text) {
            memcpy(text, json_string_value(t), len);
            vnner_annotate_options opt = VNNER_ANNOTATE_OPTIONS_INIT;
            opt.date = json_is_string(d) ? json_string_value(d) : NULL;
            vnner_error err;
            if (vnner_doc_annotate(doc, fuzz_model, text, len, &opt, &err) == 0) {
                vnner_record *r = NULL;
                char name[64];
                if (json_is_integer(id))
                    snprintf(name, sizeof name, "%lld", (long long)json_integer_value(id));
                FUZZ_CHECK(vnner_record_from_doc(&r, doc, json_is_string(id) ? json_string_value(id)
                                                          : json_is_integer(id) ? name : "-",
                                                 json_is_string(src) ? json_string_value(src) : NULL) == 0,
                           "record_from_doc");
                store_record(r);
                vnner_record_free(r);
            }
            vnner_doc_annotate(doc, fuzz_model, "", 0, NULL, NULL);
            free(text);
        }
    }
    json_decref(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vnner_error err;
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    FUZZ_CHECK(vnner_store_begin(store, &err) == 0, "begin: %s", err.message);
    size_t i = 0;
    while (i < size) {
        const char *nl = memchr(buf + i, '\n', size - i);
        size_t n = nl ? (size_t)(nl - (buf + i)) + 1 : size - i;
        char *line = malloc(n); /* exactly N bytes: reads past the end are caught */
        if (line) {
            memcpy(line, buf + i, n);
            annotated_line(line, n);
            input_line(line, n);
            free(line);
        }
        i += n;
    }
    vnner_store_rollback(store);
    free(buf);
    return 0;
}
