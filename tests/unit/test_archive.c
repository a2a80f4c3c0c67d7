/* The archive-wide store calls on articles written for this test: history
 * of a post with who replaced whom, export in its three formats, stats,
 * forgetting a document, and queries typed as journalists type them. */
#include "support.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], db[128];

static const char *const B1 = "Công an tỉnh Lạng Sơn tổng kết năm\n\nThứ Ba, 15/09/2020 | 09:00\n\n"
                              "Đại tá Hoàng Văn Tiến, Giám đốc Công an tỉnh Lạng Sơn, chủ trì hội nghị tổng kết.\n";
static const char *const B2 = "Công an tỉnh Lạng Sơn có Giám đốc mới\n\nThứ Ba, 14/10/2025 | 10:00\n\n"
                              "Bộ trưởng Bộ Công an đã bổ nhiệm Đại tá Lý Minh Đức giữ chức Giám đốc Công an tỉnh Lạng Sơn.\n";

static int setup(void **state)
{
    (void)state;
    return test_scratch(dir, sizeof dir, db, sizeof db, "vnner-archive");
}

static int teardown(void **state)
{
    (void)state;
    return test_remove(dir);
}

static vnner_store *filled(void)
{
    vnner_store *s;
    vnner_error err;
    unlink(db);
    assert_int_equal(vnner_store_open(&s, db, 0, &err), 0);
    const char *texts[2] = {B1, B2}, *names[2] = {"b1", "b2"};
    for (int i = 0; i < 2; i++) {
        vnner_record *r;
        int added = 0;
        assert_int_equal(vnner_record_from_doc(&r, test_annotate(texts[i], NULL), names[i], "https://example.vn/b"), 0);
        assert_int_equal(vnner_store_add(s, test_model(), r, &added, &err), 0);
        assert_int_equal(added, 1);
        vnner_record_free(r);
    }
    return s;
}

/* Runs F into a memory stream and returns what it wrote (static buffer). */
static char *captured(FILE *f)
{
    static char buf[8192];
    fflush(f);
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_history(void **state)
{
    (void)state;
    vnner_store *s = filled();
    vnner_answer *a;
    vnner_error err;
    assert_int_equal(vnner_store_history(&a, s, test_model(), "Giám đốc Công an tỉnh Lạng Sơn", &err), 0);
    assert_true(vnner_answer_known(a));
    assert_int_equal(vnner_answer_count(a), 2);
    const vnner_holding *h0 = vnner_answer_holding(a, 0), *h1 = vnner_answer_holding(a, 1);
    assert_string_equal(h0->person, "Hoàng Văn Tiến");
    assert_null(h0->from); /* no text gives his start: only the day he was seen in office */
    assert_string_equal(h0->first_seen, "2020-09-15");
    assert_string_equal(h0->last_seen, "2020-09-15");
    assert_string_equal(h0->to, "2025-10-13"); /* the day before his successor's stated start */
    assert_string_equal(h0->qualifier, "former");
    assert_string_equal(h1->person, "Lý Minh Đức");
    assert_null(h1->to);
    assert_true(h0->person_id != h1->person_id);
    assert_int_equal(h0->total_evidence, 1);
    assert_string_equal(h0->evidence[0].source, "https://example.vn/b");
    FILE *f = tmpfile();
    assert_int_equal(vnner_answer_write(a, f, 1), 0);
    char *json = captured(f);
    assert_non_null(strstr(json, "\"replaced_by\":\"Lý Minh Đức\""));
    assert_non_null(strstr(json, "\"evidence_count\":1"));
    vnner_answer_free(a);
    vnner_store_close(s);
}

static void test_typed_queries(void **state)
{
    (void)state;
    vnner_store *s = filled();
    vnner_error err;
    static const char *const typed[] = {"Giam doc Cong an tinh Lang Son", "GIÁM ĐỐC CÔNG AN LẠNG SƠN",
                                        "Giám đốc Công an tỉnh Lạng Sơn", "Giám Ðốc Công an tỉnh Lạng Sơn"};
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        vnner_answer *a;
        assert_int_equal(vnner_store_who(&a, s, test_model(), typed[i], "2021-01-01", &err), 0);
        assert_true(vnner_answer_known(a));
        assert_int_equal(vnner_answer_count(a), 1);
        assert_string_equal(vnner_answer_holding(a, 0)->person, "Hoàng Văn Tiến");
        vnner_answer_free(a);
    }
    /* a post the database does not know: not "no holder", and the closest known ones */
    vnner_answer *a;
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Giám đốc Công an tỉnh Lạng", "2021-01-01", &err), 0);
    assert_false(vnner_answer_known(a));
    assert_true(vnner_answer_suggestion_count(a) >= 1);
    assert_string_equal(vnner_answer_suggestion(a, 0), "Giám đốc Công an tỉnh Lạng Sơn");
    vnner_answer_free(a);
    /* a unit word that ends a name is part of it: "Hà Tĩnh" is not "Hà" */
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Giám đốc Công an Lạng", "2021-01-01", &err), 0);
    assert_false(vnner_answer_known(a));
    vnner_answer_free(a);
    vnner_store_close(s);
}

static void test_export(void **state)
{
    (void)state;
    vnner_store *s = filled();
    vnner_error err;
    FILE *f = tmpfile();
    assert_int_equal(vnner_store_export(s, test_model(), f, VNNER_EXPORT_CSV, &err), 0);
    char *out = captured(f);
    assert_true(!strncmp(out, "person_id,person,post,qualifier,from,to,doc,source,sentence\n", 60));
    assert_non_null(strstr(out, ",Hoàng Văn Tiến,Giám đốc Công an tỉnh Lạng Sơn,former,,2025-10-13,b1,"
                                "https://example.vn/b,"));
    f = tmpfile();
    assert_int_equal(vnner_store_export(s, test_model(), f, VNNER_EXPORT_POPOLO, &err), 0);
    out = captured(f);
    assert_non_null(strstr(out, "\"start_date\":\"2025-10-14\""));
    f = tmpfile();
    assert_int_equal(vnner_store_export(s, test_model(), f, VNNER_EXPORT_QUICKSTATEMENTS, &err), 0);
    out = captured(f);
    assert_non_null(strstr(out, "LAST\tP39\t\"Giám đốc Công an tỉnh Lạng Sơn\"\tP582\t"
                                "+2025-10-13T00:00:00Z/11")); /* no start time: no text gives one */
    assert_null(strstr(out, "+2020-09-15T"));
    vnner_store_close(s);
}

static void test_stats_and_forget(void **state)
{
    (void)state;
    vnner_store *s = filled();
    vnner_error err;
    FILE *f = tmpfile();
    assert_int_equal(vnner_store_stats(s, f, &err), 0);
    char *out = captured(f);
    assert_non_null(strstr(out, "documents      2\n"));
    assert_non_null(strstr(out, "first date     2020-09-15\n"));
    int removed = -1;
    assert_int_equal(vnner_store_forget(s, "b2", &removed, &err), 0);
    assert_int_equal(removed, 1);
    vnner_answer *a;
    /* without the appointment, the first holder's term is open again */
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Giám đốc Công an tỉnh Lạng Sơn", "2026-01-01", &err), 0);
    assert_int_equal(vnner_answer_count(a), 1);
    assert_string_equal(vnner_answer_holding(a, 0)->person, "Hoàng Văn Tiến");
    vnner_answer_free(a);
    assert_int_equal(vnner_store_forget(s, "no-such-doc", &removed, &err), 0);
    assert_int_equal(removed, 0);
    vnner_store_close(s);
}

/* The same document id with a changed text: the new version replaces the old. */
static void test_republished_replaces(void **state)
{
    (void)state;
    vnner_store *s = filled();
    vnner_error err;
    vnner_record *r;
    int added = 0;
    const char *fixed = "Công an tỉnh Lạng Sơn có Giám đốc mới\n\nThứ Ba, 14/10/2025 | 10:00\n\n"
                        "Bộ trưởng Bộ Công an đã bổ nhiệm Đại tá Lý Văn Đức giữ chức Giám đốc Công an tỉnh Lạng Sơn.\n";
    assert_int_equal(vnner_record_from_doc(&r, test_annotate(fixed, NULL), "b2", NULL), 0);
    assert_int_equal(vnner_store_add(s, test_model(), r, &added, &err), 0);
    assert_int_equal(added, 1);
    vnner_record_free(r);
    vnner_answer *a;
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Giám đốc Công an tỉnh Lạng Sơn", "2026-01-01", &err), 0);
    assert_int_equal(vnner_answer_count(a), 1); /* one current holder, the corrected name */
    assert_string_equal(vnner_answer_holding(a, 0)->person, "Lý Văn Đức");
    vnner_answer_free(a);
    vnner_store_close(s);
}

/* A post of a merged province asked after the merger: no holder, and where it went. */
static void test_merger_note(void **state)
{
    (void)state;
    vnner_store *s = filled();
    vnner_error err;
    vnner_record *r;
    int added = 0;
    const char *t = "Hội nghị Tỉnh ủy Bình Định\n\nThứ Hai, 10/03/2025 | 10:00\n\n"
                    "Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Bình Định, chủ trì hội nghị.\n";
    assert_int_equal(vnner_record_from_doc(&r, test_annotate(t, NULL), "bd", NULL), 0);
    assert_int_equal(vnner_store_add(s, test_model(), r, &added, &err), 0);
    vnner_record_free(r);
    vnner_answer *a;
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Chủ tịch UBND tỉnh Bình Định", "2025-08-01", &err), 0);
    assert_int_equal(vnner_answer_count(a), 0);
    assert_non_null(vnner_answer_note(a));
    assert_non_null(strstr(vnner_answer_note(a), "Bình Định became part of Gia Lai on 2025-07-01"));
    vnner_answer_free(a);
    assert_int_equal(vnner_store_who(&a, s, test_model(), "Chủ tịch UBND tỉnh Bình Định", "2025-03-10", &err), 0);
    assert_int_equal(vnner_answer_count(a), 1);
    assert_null(vnner_answer_note(a));
    vnner_answer_free(a);
    vnner_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_typed_queries),
        cmocka_unit_test(test_export),
        cmocka_unit_test(test_stats_and_forget),
        cmocka_unit_test(test_republished_replaces),
        cmocka_unit_test(test_merger_note),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
