/* The store and its queries, on articles written for this test: tenure from
 * evidence (succession, nguyên, acting, terms, two holders, unknown dates),
 * re-ingest, spelling of queries, migration and refusal of foreign files. */
#include "support.h"
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], db[128];

static const char *const A1 = "Phú Yên tổng kết công tác năm\n\nThứ Hai, 01/03/2021 | 09:00\n\n"
                              "Sáng nay, ông Trần Văn Một, Bí thư Tỉnh ủy Phú Yên, chủ trì hội nghị tổng kết công tác năm 2020. "
                              "Quyền Giám đốc Sở Y tế tỉnh Phú Yên Nguyễn Văn Ba báo cáo.\n";
static const char *const A2 = "Phú Yên có tân Bí thư Tỉnh ủy\n\nThứ Tư, 10/05/2023 | 10:00\n\n"
                              "Sáng nay, Hội nghị Ban Chấp hành Đảng bộ tỉnh Phú Yên đã bầu bà Lê Thị Hai giữ chức Bí thư Tỉnh ủy Phú Yên. "
                              "Các ông Hồ Văn Năm và Võ Văn Sáu được bầu giữ chức Phó Chủ tịch UBND tỉnh Phú Yên.\n";
static const char *const A3 = "Gặp mặt cán bộ nghỉ hưu\n\nThứ Sáu, 02/02/2024 | 15:00\n\n"
                              "Dự buổi gặp mặt có ông Trần Văn Một, nguyên Bí thư Tỉnh ủy Phú Yên, và ông Phạm Văn Bốn, "
                              "nguyên Phó Chủ tịch UBND tỉnh Phú Yên giai đoạn 2016 - 2021.\n";

static int setup(void **state)
{
    (void)state;
    return test_scratch(dir, sizeof dir, db, sizeof db, "vnner-store");
}

static int teardown(void **state)
{
    (void)state;
    return test_remove(dir);
}

static int ingest(vnner_store *s, const char *name, const char *text)
{
    const vnner_doc *d = test_annotate(text, NULL);
    vnner_record *r;
    vnner_error err;
    int added = -1;
    assert_int_equal(vnner_record_from_doc(&r, d, name, NULL), 0);
    assert_int_equal(vnner_store_add(s, test_model(), r, &added, &err), 0);
    vnner_record_free(r);
    return added;
}

static char *holders(vnner_store *s, const char *post, const char *on)
{
    vnner_answer *a;
    vnner_error err;
    static char buf[1024];
    buf[0] = 0;
    assert_int_equal(vnner_store_who(&a, s, test_model(), post, on, &err), 0);
    for (size_t i = 0; i < vnner_answer_count(a); i++) {
        const vnner_holding *h = vnner_answer_holding(a, i);
        strcat(buf, h->person);
        strcat(buf, "/");
        strcat(buf, h->qualifier);
        strcat(buf, ";");
    }
    vnner_answer_free(a);
    return buf;
}

static void test_tenure(void **state)
{
    (void)state;
    vnner_store *s;
    vnner_error err;
    assert_int_equal(vnner_store_open(&s, db, 0, &err), 0);
    assert_int_equal(ingest(s, "a1", A1), 1);
    assert_int_equal(ingest(s, "a2", A2), 1);
    assert_int_equal(ingest(s, "a3", A3), 1);
    /* before any evidence: nobody is known */
    assert_string_equal(holders(s, "Bí thư Tỉnh ủy Phú Yên", "2019-01-01"), "");
    /* in office on that day: current, though later articles call him former */
    assert_string_equal(holders(s, "Bí thư Tỉnh ủy Phú Yên", "2022-01-01"), "Trần Văn Một/current;");
    /* the successor's election ends the predecessor's tenure */
    assert_string_equal(holders(s, "Bí thư Tỉnh ủy Phú Yên", "2023-05-10"), "Lê Thị Hai/current;");
    assert_string_equal(holders(s, "bí thư tỉnh uỷ PHÚ YÊN", "2024-06-01"), "Lê Thị Hai/current;");
    /* two holders of a deputy post, found however the post is spelled */
    assert_string_equal(holders(s, "Phó Chủ tịch Ủy ban nhân dân tỉnh Phú Yên", "2023-06-01"),
                        "Hồ Văn Năm/current;Võ Văn Sáu/current;");
    /* a term given with "nguyên": 2016 to 2021, current inside it */
    assert_string_equal(holders(s, "Phó Chủ tịch UBND tỉnh Phú Yên", "2019-06-01"), "Phạm Văn Bốn/current;");
    /* acting */
    assert_string_equal(holders(s, "Giám đốc Sở Y tế tỉnh Phú Yên", "2021-03-01"), "Nguyễn Văn Ba/acting;");
    assert_string_equal(holders(s, "Giám đốc Công an tỉnh Phú Yên", "2021-03-01"), "");
    /* a person's timeline */
    vnner_answer *a;
    assert_int_equal(vnner_store_positions(&a, s, test_model(), "Trần Văn Một", NULL, &err), 0);
    assert_int_equal(vnner_answer_count(a), 1);
    const vnner_holding *h = vnner_answer_holding(a, 0);
    assert_string_equal(h->to, "2023-05-09");
    assert_true(h->nevidence == 2);
    vnner_answer_free(a);
    /* a bad date is refused */
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Bí thư Tỉnh ủy Phú Yên", "2024-02-30", &err), VNNER_EINVAL);
    vnner_store_close(s);
}

static void test_reingest_is_idempotent(void **state)
{
    (void)state;
    vnner_store *s;
    vnner_error err;
    assert_int_equal(vnner_store_open(&s, db, 0, &err), 0);
    assert_int_equal(ingest(s, "again", A1), 0);
    /* the same text with old-style tone marks is the same document */
    char *old = strdup(A1);
    char *p = strstr(old, "Tỉnh ủy");
    memcpy(p, "Tỉnh uỷ", strlen("Tỉnh uỷ"));
    assert_int_equal(ingest(s, "old-style", old), 0);
    free(old);
    vnner_store_close(s);
}

/* A post, its body and a person spelled two ways (an abbreviation, capitals):
 * the names stored are the same in whichever order the articles come, the
 * longest spelling and, of equally long ones, the last in byte order. */
static const char *const S1 = "Thứ Hai, 01/03/2021 | 09:00\n\n"
                              "Ông NGUYỄN VĂN BẢY, Giám đốc Sở GD-ĐT tỉnh Phú Yên, dự hội nghị.\n";
static const char *const S2 = "Thứ Ba, 02/03/2021 | 09:00\n\n"
                              "Ông Nguyễn Văn Bảy, Giám đốc Sở Giáo dục và Đào tạo tỉnh Phú Yên, phát biểu tại hội nghị.\n";

static char *names_of(const char *path)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    static char buf[1024];
    buf[0] = 0;
    assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h,
                                        "SELECT name FROM persons UNION ALL SELECT name FROM bodies"
                                        " UNION ALL SELECT name FROM posts",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        strcat(buf, (const char *)sqlite3_column_text(st, 0));
        strcat(buf, "; ");
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return buf;
}

static void test_names_do_not_depend_on_order(void **state)
{
    (void)state;
    static const char *const want = "Nguyễn Văn Bảy; Sở Giáo dục và Đào tạo tỉnh Phú Yên; "
                                    "Giám đốc Sở Giáo dục và Đào tạo tỉnh Phú Yên; ";
    char p1[160], p2[160];
    vnner_store *s;
    vnner_error err;
    snprintf(p1, sizeof p1, "%s/n1.db", dir);
    snprintf(p2, sizeof p2, "%s/n2.db", dir);
    assert_int_equal(vnner_store_open(&s, p1, 0, &err), 0);
    assert_int_equal(ingest(s, "s1", S1), 1);
    assert_int_equal(ingest(s, "s2", S2), 1);
    vnner_store_close(s);
    assert_string_equal(names_of(p1), want);
    assert_int_equal(vnner_store_open(&s, p2, 0, &err), 0);
    assert_int_equal(ingest(s, "s2", S2), 1);
    assert_int_equal(ingest(s, "s1", S1), 1);
    vnner_store_close(s);
    assert_string_equal(names_of(p2), want);
}

static void test_json_and_doc_records_agree(void **state)
{
    (void)state;
    const vnner_doc *d = test_annotate(A2, NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(vnner_doc_write(d, f, VNNER_FMT_JSONL, "a2", VNNER_OUT_WITH_TEXT), 0);
    fclose(f);
    char path[160];
    snprintf(path, sizeof path, "%s/j.db", dir);
    vnner_store *s;
    vnner_error err;
    vnner_record *r;
    int added;
    assert_int_equal(vnner_store_open(&s, path, 0, &err), 0);
    assert_int_equal(vnner_record_from_json(&r, buf, len, &err), 0);
    assert_int_equal(vnner_store_add(s, test_model(), r, &added, &err), 0);
    assert_int_equal(added, 1);
    vnner_record_free(r);
    assert_string_equal(holders(s, "Bí thư Tỉnh ủy Phú Yên", "2023-05-10"), "Lê Thị Hai/current;");
    assert_int_equal(vnner_record_from_json(&r, "{\"doc\":1}", 9, &err), VNNER_EJSON);
    assert_int_equal(vnner_record_from_json(&r, "{oops", 5, &err), VNNER_EJSON);
    vnner_store_close(s);
    free(buf);
}

static void sql(const char *path, const char *q)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, q, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
}

static int user_version(const char *path)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL);
    sqlite3_step(st);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static void test_migration_from_v1(void **state)
{
    (void)state;
    char path[160];
    snprintf(path, sizeof path, "%s/v1.db", dir);
    /* a database as the previous schema version wrote it, with one document */
    sql(path, "CREATE TABLE documents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, source TEXT, date TEXT,"
              " hash TEXT NOT NULL UNIQUE, length INTEGER NOT NULL, ingested_at TEXT NOT NULL) STRICT;"
              "CREATE TABLE persons(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL, area TEXT NOT NULL,"
              " UNIQUE(norm, area)) STRICT;"
              "CREATE TABLE bodies(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL UNIQUE) STRICT;"
              "CREATE TABLE posts(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL UNIQUE,"
              " body_id INTEGER REFERENCES bodies(id)) STRICT;"
              "CREATE TABLE holdings(id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES persons(id),"
              " post_id INTEGER NOT NULL REFERENCES posts(id), doc_id INTEGER NOT NULL REFERENCES documents(id),"
              " qualifier TEXT NOT NULL, doc_date TEXT, start_date TEXT, end_date TEXT, term TEXT, evidence TEXT, rule TEXT) STRICT;"
              "CREATE TABLE events(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),"
              " name TEXT NOT NULL, norm TEXT NOT NULL, date TEXT, UNIQUE(doc_id, norm)) STRICT;"
              "CREATE TABLE participations(id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES persons(id),"
              " event_id INTEGER NOT NULL REFERENCES events(id), role TEXT NOT NULL, evidence TEXT) STRICT;"
              "CREATE TABLE awards(id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),"
              " person_id INTEGER REFERENCES persons(id), recipient TEXT NOT NULL, award TEXT, giver TEXT, evidence TEXT) STRICT;"
              "CREATE TABLE authors(doc_id INTEGER NOT NULL REFERENCES documents(id),"
              " person_id INTEGER NOT NULL REFERENCES persons(id), PRIMARY KEY(doc_id, person_id)) STRICT;"
              "INSERT INTO documents VALUES(1, 'old', NULL, '2020-01-01', 'abc', 10, '2020-01-02');"
              "PRAGMA application_id=1986948722; PRAGMA user_version=1;");
    vnner_store *s;
    vnner_error err;
    /* read-only opening does not migrate: it says what to do */
    assert_int_equal(vnner_store_open(&s, path, VNNER_STORE_READONLY, &err), VNNER_EDB);
    assert_non_null(strstr(err.message, "upgrade"));
    assert_int_equal(vnner_store_open(&s, path, 0, &err), 0);
    assert_int_equal(user_version(path), 4);
    assert_int_equal(ingest(s, "a1", A1), 1);
    vnner_store_close(s);
    sql(path, "SELECT place FROM holdings; SELECT count(*) FROM mentions; SELECT text FROM sentences;");
}

/* The integer the query Q gives on the database at PATH. */
static int scalar(const char *path, const char *q)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, q, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

/* The first evidence text of the holder of POST on ON, from a read-only store at PATH. */
static char *first_evidence(const char *path, const char *post, const char *on)
{
    static char buf[512];
    vnner_store *s;
    vnner_answer *a;
    vnner_error err;
    assert_int_equal(vnner_store_open(&s, path, VNNER_STORE_READONLY, &err), 0);
    assert_int_equal(vnner_store_who(&a, s, test_model(), post, on, &err), 0);
    assert_int_equal(vnner_answer_count(a), 1);
    const vnner_holding *h = vnner_answer_holding(a, 0);
    assert_true(h->nevidence >= 1);
    snprintf(buf, sizeof buf, "%s", h->evidence[0].text);
    vnner_answer_free(a);
    vnner_store_close(s);
    return buf;
}

/* Version 3 stores each sentence once per document; rows a version 2 store
 * wrote keep their own evidence text, and who shows both kinds. */
static void test_sentences_once(void **state)
{
    (void)state;
    char path[160];
    vnner_store *s;
    vnner_error err;
    snprintf(path, sizeof path, "%s/v3.db", dir);
    assert_int_equal(vnner_store_open(&s, path, 0, &err), 0);
    assert_int_equal(ingest(s, "a2", A2), 1);
    vnner_store_close(s);
    /* two holdings in one sentence ("Các ông Hồ Văn Năm và Võ Văn Sáu"): one sentence row */
    assert_true(scalar(path, "SELECT count(*) FROM (SELECT sentence_id FROM holdings GROUP BY sentence_id"
                             " HAVING count(*) >= 2)") >= 1);
    assert_int_equal(scalar(path, "SELECT count(*) FROM holdings WHERE evidence IS NOT NULL OR sentence_id IS NULL"), 0);
    assert_non_null(strstr(first_evidence(path, "Bí thư Tỉnh ủy Phú Yên", "2023-06-01"), "đã bầu bà Lê Thị Hai"));
    /* a row as version 2 wrote it: its own text, no sentence */
    sql(path, "UPDATE holdings SET evidence = 'Câu cũ.', sentence_id = NULL WHERE person_id IN"
              " (SELECT id FROM persons WHERE name = 'Lê Thị Hai')");
    assert_string_equal(first_evidence(path, "Bí thư Tỉnh ủy Phú Yên", "2023-06-01"), "Câu cũ.");
    /* forgetting the document removes its sentences */
    assert_int_equal(vnner_store_open(&s, path, 0, &err), 0);
    int removed = 0;
    assert_int_equal(vnner_store_forget(s, "a2", &removed, &err), 0);
    assert_int_equal(removed, 1);
    vnner_store_close(s);
    assert_int_equal(scalar(path, "SELECT count(*) FROM sentences"), 0);
}

static void test_refuses_foreign_files(void **state)
{
    (void)state;
    char path[160];
    vnner_store *s;
    vnner_error err;
    snprintf(path, sizeof path, "%s/newer.db", dir);
    assert_int_equal(vnner_store_open(&s, path, 0, &err), 0);
    vnner_store_close(s);
    sql(path, "PRAGMA user_version=99");
    assert_int_equal(vnner_store_open(&s, path, 0, &err), VNNER_EDBVERSION);
    assert_non_null(strstr(err.message, "newer vnner"));
    assert_int_equal(vnner_store_open(&s, path, VNNER_STORE_READONLY, &err), VNNER_EDBVERSION);
    /* another application's database */
    snprintf(path, sizeof path, "%s/other.db", dir);
    sql(path, "CREATE TABLE t(x)");
    assert_int_equal(vnner_store_open(&s, path, 0, &err), VNNER_EDB);
    assert_non_null(strstr(err.message, "not a vnner database"));
    /* not a database at all: left untouched */
    snprintf(path, sizeof path, "%s/junk.db", dir);
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 4096; i++)
        fputc('x', f);
    fclose(f);
    assert_int_equal(vnner_store_open(&s, path, 0, &err), VNNER_EDB);
    f = fopen(path, "rb");
    assert_int_equal(fgetc(f), 'x');
    fclose(f);
    /* a missing file for queries */
    snprintf(path, sizeof path, "%s/missing.db", dir);
    assert_int_equal(vnner_store_open(&s, path, VNNER_STORE_READONLY, &err), VNNER_EDB);
    assert_int_equal(access(path, F_OK), -1);
    vnner_store_close(NULL);
    vnner_answer_free(NULL);
    vnner_record_free(NULL);
}

/* A record is made only of a document whose last annotation succeeded: not of
 * NULL, of a new document, or of one whose annotation failed (its text would
 * be the document before). */
static void test_record_from_doc_misuse(void **state)
{
    (void)state;
    vnner_record *r = (vnner_record *)&r; /* not NULL: the call must set it */
    vnner_doc *d;
    vnner_error err;
    assert_int_equal(vnner_record_from_doc(&r, NULL, "x", NULL), VNNER_EINVAL);
    assert_null(r);
    assert_int_equal(vnner_doc_new(&d), 0);
    r = (vnner_record *)&r;
    assert_int_equal(vnner_record_from_doc(&r, d, "new", NULL), VNNER_EINVAL);
    assert_null(r);
    assert_int_equal(vnner_doc_annotate(d, test_model(), A1, strlen(A1), NULL, &err), 0);
    assert_int_equal(vnner_record_from_doc(&r, d, "a1", NULL), 0);
    assert_non_null(r);
    vnner_record_free(r);
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.max_bytes = 10;
    assert_int_equal(vnner_doc_annotate(d, test_model(), A2, strlen(A2), &o, &err), VNNER_ETOOBIG);
    r = (vnner_record *)&r;
    assert_int_equal(vnner_record_from_doc(&r, d, "a2", NULL), VNNER_EINVAL);
    assert_null(r);
    assert_int_equal(vnner_doc_annotate(d, test_model(), "a\xff", 2, NULL, &err), VNNER_EUTF8);
    assert_int_equal(vnner_record_from_doc(&r, d, "bad", NULL), VNNER_EINVAL);
    assert_int_equal(vnner_doc_annotate(d, test_model(), A2, strlen(A2), NULL, &err), 0);
    assert_int_equal(vnner_record_from_doc(&r, d, "a2", NULL), 0);
    assert_string_equal(vnner_record_name(r), "a2");
    vnner_record_free(r);
    vnner_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tenure), cmocka_unit_test(test_reingest_is_idempotent),
        cmocka_unit_test(test_names_do_not_depend_on_order),
        cmocka_unit_test(test_json_and_doc_records_agree), cmocka_unit_test(test_migration_from_v1), cmocka_unit_test(test_sentences_once),
        cmocka_unit_test(test_refuses_foreign_files), cmocka_unit_test(test_record_from_doc_misuse),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
