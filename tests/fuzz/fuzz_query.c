/* Bytes as a query -> vnner_store_who and vnner_store_positions on a small
 * store built once at start (in a temporary folder, removed at exit).
 * The input is "QUERY" or "QUERY\nON-DATE"; the query stops at a NUL byte as
 * a command-line argument would.  Checks: a query either fails with a
 * message or gives an answer whose holdings are complete and whose JSON
 * (vnner_answer_write) parses. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <jansson.h>
#include <unistd.h>
#include "fuzz_common.h"

static vnner_store *store;
static char dir[64], path[128];

static const char *const docs[] = {
    "Thứ Hai, 04/03/2024\n\nSáng 3/3, ông Nguyễn Văn Thắng, Bí thư Tỉnh ủy Hà Giang, chủ trì hội nghị sơ kết quý I. "
    "Bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh Hà Giang, báo cáo tình hình kinh tế.\n",
    "Thứ Năm, 12/09/2019\n\nÔng Trần Quốc Bình, nguyên Bí thư Tỉnh ủy Hà Giang, dự lễ kỷ niệm. "
    "Chủ tịch UBND TP.HCM Phan Văn Mãi phát biểu tại hội nghị.\n",
    "Thứ Ba, 15/10/2020\n\nĐại hội Đảng bộ tỉnh Hà Giang lần thứ XVII, nhiệm kỳ 2020 - 2025 đã bầu ông Nguyễn Văn Thắng "
    "giữ chức Bí thư Tỉnh ủy. Quyền Giám đốc Sở Tài chính tỉnh Hà Giang Đỗ Minh Tâm trình bày tham luận.\n",
    "Thứ Sáu, 05/01/2024\n\nBộ trưởng Bộ Tài chính Hồ Đức Phớc dự hội nghị triển khai nhiệm vụ năm 2024. "
    "Thứ trưởng Bộ Tài chính Nguyễn Đức Chi trình bày báo cáo.\n",
    "Chủ nhật, 07/07/2024\n\nChủ tịch HĐND tỉnh Cà Mau Nguyễn Tiến Hải và Phó Bí thư Tỉnh ủy \"Cà Mau\" Phạm Văn Thiều "
    "trao Bằng khen cho 20 tập thể. <b>Ông</b> Lâm Văn Bi, Ủy viên Ban Thường vụ Tỉnh ủy, dự buổi lễ.\n",
};

static void cleanup(void)
{
    vnner_store_close(store);
    store = NULL;
    fuzz_free_model();
    char p[160];
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", path, ext[i]);
        unlink(p);
    }
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    vnner_error err;
    vnner_doc *doc;
    vnner_store *w;
    fuzz_load_model();
    strcpy(dir, "/tmp/vnner-fuzz-query-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof path, "%s/q.db", dir);
    atexit(cleanup);
    if (vnner_doc_new(&doc) || vnner_store_open(&w, path, 0, &err))
        abort();
    int stored = 0;
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        vnner_record *r;
        int added = 0;
        char name[32];
        snprintf(name, sizeof name, "seed-%zu", i); /* one name a document: a name is one article */
        if (vnner_doc_annotate(doc, fuzz_model, docs[i], strlen(docs[i]), NULL, &err) ||
            vnner_record_from_doc(&r, doc, name, "fuzz") || vnner_store_add(w, fuzz_model, r, &added, &err)) {
            fprintf(stderr, "fuzz: cannot build the store: %s\n", err.message);
            abort();
        }
        stored += added;
        vnner_record_free(r);
    }
    vnner_doc_free(doc);
    vnner_store_close(w);
    if (stored != (int)(sizeof docs / sizeof docs[0]))
        abort();
    /* queries go through a read-only connection, as `vnner who` opens it */
    if (vnner_store_open(&store, path, VNNER_STORE_READONLY, &err)) {
        fprintf(stderr, "fuzz: cannot reopen the store: %s\n", err.message);
        abort();
    }
    return 0;
}

/* Whether S is valid UTF-8 (what vnner requires of a query). */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || (n == 2 && *p < 0xC2))
            return 0;
        unsigned cp = n == 1 ? *p : *p & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[k] & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        p += n;
    }
    return 1;
}

/* Whether S is a date as the CLI documents it: YYYY-MM-DD, digits and dashes. */
static int iso_shaped(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (!s[i] || (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9'))
            return 0;
    return s[10] == 0;
}

static void check_answer(const vnner_answer *a, int who)
{
    size_t n = vnner_answer_count(a);
    for (size_t i = 0; i < n; i++) {
        const vnner_holding *h = vnner_answer_holding(a, i);
        FUZZ_CHECK(h && h->person && h->post && h->qualifier, "holding %zu incomplete", i);
        FUZZ_CHECK(h->nevidence == 0 || h->evidence, "holding %zu evidence", i);
        FUZZ_CHECK(!h->from || !h->to || strcmp(h->from, h->to) <= 0, "holding %zu from %s after to %s", i, h->from, h->to);
    }
    FUZZ_CHECK(vnner_answer_holding(a, n) == NULL, "holding past the end");
    for (int json = 0; json < 2; json++) {
        char *out = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&out, &len);
        if (!fp)
            abort();
        FUZZ_CHECK(vnner_answer_write(a, fp, json) == 0, "vnner_answer_write");
        fclose(fp);
        if (json) {
            json_error_t je;
            json_t *o = json_loadb(out, len, 0, &je);
            FUZZ_CHECK(o != NULL, "%s JSON does not parse: %s at byte %d: %.*s", who ? "who" : "positions", je.text,
                       je.position, (int)len, out);
            FUZZ_CHECK(json_array_size(json_object_get(o, who ? "holders" : "positions")) == n, "count in JSON");
            json_decref(o);
        }
        free(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    char *on = NULL, *nl = memchr(buf, '\n', size);
    if (nl) {
        *nl = 0;
        on = nl + 1;
    }
    /* exact-size copies so that ASan sees reads past the terminating NUL */
    char *q = strdup(buf), *d = on ? strdup(on) : NULL;
    free(buf);
    for (int who = 1; who >= 0; who--) {
        vnner_answer *a = NULL;
        vnner_error err;
        memset(&err, 0, sizeof err);
        int rc = who ? vnner_store_who(&a, store, fuzz_model, q, d, &err)
                     : vnner_store_positions(&a, store, fuzz_model, q, d, &err);
        if (rc) {
            FUZZ_CHECK(a == NULL, "answer on failure");
            FUZZ_CHECK(err.message[0], "failure without a message");
            if (!valid_utf8(q)) /* a query that is not UTF-8 is refused, with the offset */
                FUZZ_CHECK(rc == VNNER_EUTF8 && err.offset >= 0 && err.offset < (long long)strlen(q),
                           "invalid UTF-8 query: rc %d offset %lld", rc, err.offset);
            else
                FUZZ_CHECK(rc == VNNER_EINVAL && d, "%s failed with %d (%s) for a valid query and date",
                           who ? "who" : "positions", rc, err.message);
            continue;
        }
        FUZZ_CHECK(valid_utf8(q), "%s accepted a query that is not UTF-8", who ? "who" : "positions");
        FUZZ_CHECK(!d || iso_shaped(d), "%s accepted the date '%s', not YYYY-MM-DD", who ? "who" : "positions", d);
        check_answer(a, who);
        vnner_answer_free(a);
    }
    free(q);
    free(d);
    return 0;
}
