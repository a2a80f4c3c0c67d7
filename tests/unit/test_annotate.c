/* The annotator end to end through the public API, on sentences written for
 * these tests. */
#include "support.h"
#include <stdlib.h>
#include <string.h>

static const vnner_entity *must_find(const vnner_doc *d, vnner_type t, const char *text, const char *s)
{
    int i = find_entity(d, t, text, s);
    if (i < 0)
        fail_msg("no %s '%s'", vnner_type_name(t), s);
    return vnner_doc_entity(d, (size_t)i);
}

static int has_holds(const vnner_doc *d, const char *text, const char *person, const char *post);

static void test_positions_nest(void **state)
{
    (void)state;
    const char *s = "Chiều 5/3, đồng chí Trần Quang Vinh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bình Phước, "
                    "chủ trì hội nghị sơ kết công tác quý I.";
    const vnner_doc *d = test_annotate(s, "2024-03-06");
    assert_non_null(d);
    must_find(d, VNNER_PERSON, s, "Trần Quang Vinh");
    const vnner_entity *pos = must_find(d, VNNER_POSITION, s, "Bí thư Tỉnh ủy Bình Phước");
    const vnner_entity *body = must_find(d, VNNER_BODY, s, "Tỉnh ủy Bình Phước");
    const vnner_entity *place = must_find(d, VNNER_PLACE, s, "Bình Phước");
    assert_ptr_equal(vnner_doc_entity(d, (size_t)body->parent), pos);
    assert_ptr_equal(vnner_doc_entity(d, (size_t)place->parent), body);
    must_find(d, VNNER_POSITION, s, "Ủy viên Trung ương Đảng");
    const vnner_entity *date = must_find(d, VNNER_DATE, s, "Chiều 5/3");
    assert_string_equal(date->value, "2024-03-05");
    must_find(d, VNNER_EVENT, s, "hội nghị sơ kết công tác quý I");
    assert_int_equal(find_entity(d, VNNER_PERSON, s, "đồng chí Trần Quang Vinh"), -1);
}

static void test_code_point_offsets(void **state)
{
    (void)state;
    const char *s = "Ông Lê Đức Thọ dự."; /* "Ông " is 4 code points, 5 bytes */
    const vnner_doc *d = test_annotate(s, NULL);
    const vnner_entity *p = must_find(d, VNNER_PERSON, s, "Lê Đức Thọ");
    assert_int_equal(p->start, 4);
    assert_int_equal(p->end, 14);
    assert_int_equal(p->bstart, 5);
}

/* Entities as "TYPE:normalised text" strings (offsets differ: NFD has more code points). */
static char *signature(const vnner_doc *d)
{
    static char buf[4096];
    buf[0] = 0;
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        char one[256];
        snprintf(one, sizeof one, "%s:%s|", vnner_type_name(e->type), vnner_doc_entity_norm(d, i));
        strncat(buf, one, sizeof buf - strlen(buf) - 1);
    }
    return strdup(buf);
}

static void test_tone_style_and_nfd_invariant(void **state)
{
    (void)state;
    const char *nfc = "Phó Chủ tịch UBND tỉnh Khánh Hòa Nguyễn Thủy dự hội nghị.";
    const char *old = "Phó Chủ tịch UBND tỉnh Khánh Hoà Nguyễn Thuỷ dự hội nghị.";
    /* NFD: ó = o + U+0301, ủ = u + U+0309, ò = o + U+0300 */
    const char *nfd = "Pho\xcc\x81 Chu\xcc\x89 ti\xcc\xa3\x63h UBND ti\xcc\x89nh Kha\xcc\x81nh Ho\xcc\x80\x61 "
                      "Nguye\xcc\x82\xcc\x83n Thu\xcc\x89y du\xcc\xa3 ho\xcc\xa3i nghi\xcc\xa3.";
    char *a = signature(test_annotate(nfc, NULL));
    char *b = signature(test_annotate(old, NULL));
    char *c = signature(test_annotate(nfd, NULL));
    assert_non_null(strstr(a, "POSITION"));
    assert_non_null(strstr(a, "PLACE"));
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    free(a);
    free(b);
    free(c);
}

static void test_honorifics_and_ranks_outside(void **state)
{
    (void)state;
    const char *s = "Dự có Đại tá Lê Văn Hùng, PGS.TS Nguyễn Thị Mai và bà Y Nhuê Niê. Ông Hùng cho biết.";
    const vnner_doc *d = test_annotate(s, NULL);
    must_find(d, VNNER_PERSON, s, "Lê Văn Hùng");
    must_find(d, VNNER_PERSON, s, "Nguyễn Thị Mai");
    must_find(d, VNNER_PERSON, s, "Hùng");
    assert_int_equal(find_entity(d, VNNER_POSITION, s, "Đại tá"), -1);
}

static void test_not_bodies(void **state)
{
    (void)state;
    const char *s = "CLB Công an Hà Nội thắng trên sân nhà. Hội nghị diễn ra tại Nhà Quốc hội, gần đường Nguyễn Huệ. "
                    "Bệnh nhân được chuyển lên Bệnh viện Bạch Mai, rồi Bệnh viện Hữu nghị Việt Đức. "
                    "Đại học Bách khoa Hà Nội tuyển sinh.";
    const vnner_doc *d = test_annotate(s, NULL);
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        assert_true(e->type != VNNER_BODY);
        assert_true(e->type != VNNER_PERSON);
        assert_true(e->type != VNNER_PLACE);
    }
}

/* A local unit no list knows, then the holder's name: the place stops where a surname starts. */
static void test_unlisted_place_then_name(void **state)
{
    (void)state;
    const char *s = "Bí thư Đảng ủy phường Ba Đình Nguyễn Văn Tuấn kiểm tra. "
                    "Bí thư Huyện ủy Diễn Châu Hồ Văn Bình phát biểu.";
    const vnner_doc *d = test_annotate(s, "2024-03-06");
    must_find(d, VNNER_PLACE, s, "Ba Đình");
    must_find(d, VNNER_POSITION, s, "Bí thư Đảng ủy phường Ba Đình");
    must_find(d, VNNER_PERSON, s, "Nguyễn Văn Tuấn");
    must_find(d, VNNER_PLACE, s, "Diễn Châu");
    must_find(d, VNNER_PERSON, s, "Hồ Văn Bình");
}

/* One sense per article: a name a rule found as a person (after "ông") is
 * a person where it stands bare too, but not inside a longer name. */
static void test_person_name_elsewhere(void **state)
{
    (void)state;
    const char *s = "Đoàn công tác gồm Bríu Pưng và Lê Hải Nam. Phát biểu tại buổi làm việc, ông Bríu Pưng cảm ơn tỉnh. "
                    "Đường Bríu Pưng Nguyễn mới mở.";
    const vnner_doc *d = test_annotate(s, "2024-03-06");
    assert_non_null(d);
    size_t bare = strstr(s, "Bríu Pưng") - s, longer = strstr(s, "Bríu Pưng Nguyễn") - s, persons = 0;
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (e->type != VNNER_PERSON || e->bend - e->bstart != strlen("Bríu Pưng") || strncmp(s + e->bstart, "Bríu Pưng", e->bend - e->bstart))
            continue;
        persons++;
        assert_true(e->bstart != longer);
        if (e->bstart == bare)
            assert_string_equal(e->rule, "person.same-name");
    }
    assert_int_equal(persons, 2);
}

/* Given names that are unit or body words end a name when written with a capital, never in lower case. */
/* A person named in full is named again by the last word of the name alone ("Quân"), but
 * not where that word stands in a longer name or a place ("Quân khu", "Hà Nội"). */
static void test_short_form_of_a_name(void **state)
{
    (void)state;
    const char *s = "Anh Lò Văn Tú cứu cháu Khổng Minh Quân và Bồ Thị Hà. Lúc đưa được Quân lên bờ, Tú kiệt sức. "
                    "Hà được đưa về Hà Nội; Quân khu 2 cử xe hỗ trợ.";
    const vnner_doc *d = test_annotate(s, "2025-07-01");
    assert_non_null(d);
    const char *quan = strstr(s, "được Quân") + strlen("được "), *tu = strstr(s, "bờ, Tú") + strlen("bờ, ");
    const char *ha = strstr(s, ". Hà ") + 2;
    int found = 0;
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        const char *at = s + e->bstart;
        if (e->type == VNNER_PERSON && (at == quan || at == tu || at == ha)) {
            assert_string_equal(e->rule, "person.short-form");
            found++;
        }
    }
    assert_int_equal(found, 3);
    must_find(d, VNNER_PLACE, s, "Hà Nội");
    must_find(d, VNNER_BODY, s, "Quân khu 2");
    /* after a word of address a one-word place may be a name (bà Nga), a longer one is the place */
    const char *s2 = "Đoàn học sinh Việt Nam dự thi; theo bà Nga, đoàn đạt 4 huy chương.";
    d = test_annotate(s2, "2025-07-01");
    must_find(d, VNNER_PLACE, s2, "Việt Nam");
    must_find(d, VNNER_PERSON, s2, "Nga");
    assert_int_equal(find_entity(d, VNNER_PERSON, s2, "Việt Nam"), -1);
}

/* A name whose given part comes first (Ê Đê: Y Khoa Niê Kdăm) is referred to by its first words: the
 * role of "đồng chí Y Khoa" is the full name's, one person, not two. */
static void test_short_form_given_first(void **state)
{
    (void)state;
    const char *s = "Ngày 5/7/2025, Đảng bộ xã tổ chức Đại hội đại biểu Đảng bộ xã lần thứ I. Dự đại hội có đồng chí "
                    "Y Khoa Niê Kdăm, Phó Bí thư Tỉnh ủy. Phát biểu chỉ đạo, đồng chí Y Khoa đề nghị Đảng bộ xã phát triển.";
    const vnner_doc *d = test_annotate(s, "2025-07-05");
    assert_non_null(d);
    int roles = 0;
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *r = vnner_doc_relation(d, i);
        if (r->type != VNNER_PARTICIPATES)
            continue;
        const vnner_entity *p = vnner_doc_entity(d, (size_t)r->person);
        assert_int_equal(p->bend - p->bstart, strlen("Y Khoa Niê Kdăm"));
        assert_memory_equal(s + p->bstart, "Y Khoa Niê Kdăm", p->bend - p->bstart);
        assert_string_equal(r->role, "direct");
        roles++;
    }
    assert_int_equal(roles, 1);
}

/* A header over deputies ("Sở hiện có 2 Phó Giám đốc là ...") is of the principal's body written before
 * it, not of another department whose deputy the article names whole later. */
static void test_deputies_of_principal(void **state)
{
    (void)state;
    const char *s = "Ông Lê Văn Tới, Giám đốc Sở Xây dựng tỉnh Cà Mau, nghỉ hưu. Ngoài Giám đốc, Sở hiện có 2 Phó Giám đốc là "
                    "ông Lâm Văn Quận và bà Quách Thị Trâm. Bà Kim Thị Phi được bổ nhiệm làm Phó Giám đốc Sở Y tế tỉnh Cà Mau.";
    const vnner_doc *d = test_annotate(s, "2025-08-04");
    assert_non_null(d);
    static const char *const names[] = {"Lâm Văn Quận", "Quách Thị Trâm"};
    int deputies = 0;
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *r = vnner_doc_relation(d, i);
        const vnner_entity *p = r->person >= 0 ? vnner_doc_entity(d, (size_t)r->person) : NULL;
        for (int k = 0; p && r->type == VNNER_HOLDS && k < 2; k++)
            if (p->bend - p->bstart == strlen(names[k]) && !strncmp(s + p->bstart, names[k], p->bend - p->bstart)) {
                assert_string_equal(r->post, "Phó Giám đốc Sở Xây dựng tỉnh Cà Mau");
                deputies++;
            }
    }
    assert_int_equal(deputies, 2);
}

static void test_names_ending_in_words(void **state)
{
    (void)state;
    const char *s = "Ông Ma Văn Tỉnh, Bí thư Đảng ủy xã, dự họp. Đồng chí Nguyễn Thanh Trường phát biểu. "
                    "Ông Hoàng Đức Thịnh giải thích. Bà Lê Thị Lan tỉnh Nghệ An dự.";
    const vnner_doc *d = test_annotate(s, "2024-03-06");
    must_find(d, VNNER_PERSON, s, "Ma Văn Tỉnh");
    must_find(d, VNNER_PERSON, s, "Nguyễn Thanh Trường");
    must_find(d, VNNER_PERSON, s, "Hoàng Đức Thịnh");
    must_find(d, VNNER_PERSON, s, "Lê Thị Lan");
    must_find(d, VNNER_PLACE, s, "Nghệ An");
    assert_int_equal(find_entity(d, VNNER_PERSON, s, "Hoàng Đức Thịnh giải"), -1);
}

/* Foreign names with an initial and foreign ministers written without "Bộ". */
static void test_foreign_names_and_posts(void **state)
{
    (void)state;
    const char *s = "Ông Elbridge A. Colby dẫn đầu đoàn. Ông chuyển lời mời của Bộ trưởng Quốc phòng Hoa Kỳ Pete Hegseth.";
    const vnner_doc *d = test_annotate(s, "2024-03-06");
    must_find(d, VNNER_PERSON, s, "Elbridge A. Colby");
    must_find(d, VNNER_POSITION, s, "Bộ trưởng Quốc phòng Hoa Kỳ");
    must_find(d, VNNER_PERSON, s, "Pete Hegseth");
    /* a foreign body's country is its place: no province of the article is added to it */
    const char *s2 = "Chiều 5/3, tại tỉnh Nghệ An, Đại tướng Khamla Souvannavong, Tổng Tham mưu trưởng Quân đội nhân dân Lào, "
                     "hội đàm với ông Lưu Kiến Minh, Phó Trưởng Ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc.";
    d = test_annotate(s2, "2024-03-06");
    assert_true(has_holds(d, s2, "Khamla Souvannavong", "Tổng Tham mưu trưởng Quân đội nhân dân Lào"));
    assert_true(has_holds(d, s2, "Lưu Kiến Minh",
                          "Phó Trưởng Ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc"));
}

/* Date forms of real news and the values they take from the article's date (2025-11-13). */
static void test_date_forms(void **state)
{
    (void)state;
    const char *s = "Sáng 12.11, hội nghị khai mạc. Trong 2 ngày 20, 21/12/2024, đoàn làm việc. "
                    "Đoàn ở lại từ ngày 11 đến 14/3. Trước đó, ngày 17 – 9, Bộ họp. Trong quý III/2025, thu tăng. "
                    "So với năm ngoái, thu tăng; riêng tháng 9 vừa qua tăng 5%; từ tháng 10 năm ngoái giá giảm. "
                    "Ông sinh năm 1970. Lò Văn Muôn (SN 1988) bị bắt. Thứ 6, 14/11/2025 có mưa.";
    const vnner_doc *d = test_annotate(s, "2025-11-13");
    static const struct { const char *text, *value; } want[] = {
        {"Sáng 12.11", "2025-11-12"}, {"20, 21/12/2024", "2024-12-20/2024-12-21"},
        {"ngày 11 đến 14/3", "2025-03-11/2025-03-14"}, {"ngày 17 – 9", "2025-09-17"},
        {"quý III/2025", "2025-07/2025-09"}, {"năm ngoái", "2024"}, {"tháng 9 vừa qua", "2025-09"},
        {"tháng 10 năm ngoái", "2024-10"}, {"năm 1970", "1970"}, {"1988", "1988"}, {"14/11/2025", "2025-11-14"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const vnner_entity *e = must_find(d, VNNER_DATE, s, want[i].text);
        assert_non_null(e->value);
        assert_string_equal(e->value, want[i].value);
    }
    assert_int_equal(find_entity(d, VNNER_DATE, s, "6, 14/11/2025"), -1); /* Thứ 6 is a weekday */
}

/* Whether D has HOLDS of PERSON (its text) and POST. */
static int has_holds(const vnner_doc *d, const char *text, const char *person, const char *post)
{
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *r = vnner_doc_relation(d, i);
        if (r->type != VNNER_HOLDS || r->person < 0 || strcmp(r->post, post))
            continue;
        const vnner_entity *p = vnner_doc_entity(d, (size_t)r->person);
        if (strlen(person) == p->bend - p->bstart && !memcmp(text + p->bstart, person, p->bend - p->bstart))
            return 1;
    }
    return 0;
}

/* After the 2025 merger a province that ceased (Kon Tum) is no post's implicit place. */
static void test_ceased_place_not_implicit(void **state)
{
    (void)state;
    const char *s = "Quảng Ngãi, 20/12/2025 - Cùng dự có các đồng chí: Tạ Văn Sở, nguyên Chủ tịch UBND tỉnh Kon Tum (cũ); "
                    "Lương Văn Thành, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh. Tỉnh Quảng Ngãi có 96 xã, phường.";
    const vnner_doc *d = test_annotate(s, "2025-12-20");
    assert_true(has_holds(d, s, "Tạ Văn Sở", "Chủ tịch UBND tỉnh Kon Tum"));
    assert_true(has_holds(d, s, "Lương Văn Thành", "Chủ tịch UBND tỉnh Quảng Ngãi"));
    assert_false(has_holds(d, s, "Lương Văn Thành", "Chủ tịch UBND tỉnh Kon Tum"));
    /* nor the place the other posts of a list take */
    const char *s2 = "Lâm Đồng, 18/12/2025 - Dự có ông Lê Quang Vĩnh, Giám đốc Sở Tư pháp, nguyên Phó Chủ tịch UBND tỉnh "
                     "Đắk Nông (cũ). Tỉnh Lâm Đồng có 124 xã, phường.";
    d = test_annotate(s2, "2025-12-18");
    assert_false(has_holds(d, s2, "Lê Quang Vĩnh", "Giám đốc Sở Tư pháp tỉnh Đắk Nông"));
}

/* A place the gazetteer does not list (a foreign province) is the article's place only when no listed one
 * is named, however often it is mentioned; a foreign governor's or mayor's title takes its unit and place. */
static void test_unlisted_place_not_article_place(void **state)
{
    (void)state;
    const char *s = "Lãnh đạo tỉnh Khánh Hòa tiếp đoàn tỉnh Gangwon. Đồng chí Hồ Minh Quang, Bí thư Tỉnh ủy, tiếp ông "
                    "Park Sung-min, Phó Tỉnh trưởng tỉnh Gangwon. Tỉnh Gangwon có nhiều lao động; hợp tác với tỉnh "
                    "Gangwon được mở rộng. Ông Park từng là Thị trưởng thành phố Chuncheon.";
    const vnner_doc *d = test_annotate(s, "2024-10-08");
    assert_true(has_holds(d, s, "Hồ Minh Quang", "Bí thư Tỉnh ủy Khánh Hòa"));
    assert_true(has_holds(d, s, "Park Sung-min", "Phó Tỉnh trưởng tỉnh Gangwon"));
    assert_true(find_entity(d, VNNER_POSITION, s, "Thị trưởng thành phố Chuncheon") >= 0);
}

/* A header over a list whose later items are names with no posts of their own, one with a bracketed title:
 * every name holds the header's post, and the bracketed longer title takes the header's body. */
static void test_header_list_mixed_items(void **state)
{
    (void)state;
    const char *s = "Cùng chủ trì có các Phó Bí thư Tỉnh ủy Cao Bằng gồm: Lê Văn An, Chủ tịch UBND tỉnh; Trần Thị Bình "
                    "và Hoàng Văn Cường (Phó Bí thư Thường trực).";
    const vnner_doc *d = test_annotate(s, "2025-10-01");
    assert_true(has_holds(d, s, "Lê Văn An", "Phó Bí thư Tỉnh ủy Cao Bằng"));
    assert_true(has_holds(d, s, "Lê Văn An", "Chủ tịch UBND tỉnh Cao Bằng"));
    assert_true(has_holds(d, s, "Trần Thị Bình", "Phó Bí thư Tỉnh ủy Cao Bằng"));
    assert_true(has_holds(d, s, "Hoàng Văn Cường", "Phó Bí thư Tỉnh ủy Cao Bằng"));
    assert_true(has_holds(d, s, "Hoàng Văn Cường", "Phó Bí thư Thường trực Tỉnh ủy Cao Bằng"));
    assert_false(has_holds(d, s, "Trần Thị Bình", "Phó Bí thư Thường trực Tỉnh ủy Cao Bằng"));
}

/* A listed commune or district whose words are each a country (Mỹ Đức: Mỹ, Đức) stays one place after a
 * unit word or a body; a career list goes on after a semicolon, and a bare title opening it takes the unit
 * at its end. */
static void test_unit_names_and_career_lists(void **state)
{
    (void)state;
    const char *s = "Ông Lê Văn An, Chủ tịch UBND huyện Mỹ Đức, dự họp. Đại tá Đậu Văn Hòa sinh năm 1972. Trước đó, "
                    "ông từng giữ chức Phó Chỉ huy trưởng, Tham mưu trưởng Bộ CHQS tỉnh Hà Tĩnh; Đồn trưởng Đồn Biên "
                    "phòng Mỹ Đức.";
    const vnner_doc *d = test_annotate(s, "2024-03-01");
    assert_true(has_holds(d, s, "Lê Văn An", "Chủ tịch UBND huyện Mỹ Đức"));
    assert_true(find_entity(d, VNNER_PLACE, s, "Mỹ Đức") >= 0);
    assert_true(find_entity(d, VNNER_PLACE, s, "Mỹ") < 0);
    assert_true(has_holds(d, s, "Đậu Văn Hòa", "Phó Chỉ huy trưởng Bộ CHQS tỉnh Hà Tĩnh"));
    assert_true(has_holds(d, s, "Đậu Văn Hòa", "Tham mưu trưởng Bộ CHQS tỉnh Hà Tĩnh"));
    assert_true(has_holds(d, s, "Đậu Văn Hòa", "Đồn trưởng Đồn Biên phòng Mỹ Đức"));
}

/* A bare title takes the body of the nearest fuller post of the same title in the article. */
static void test_bare_title_from_article(void **state)
{
    (void)state;
    const char *s = "Thủ tướng bổ nhiệm ông Lê Văn An giữ chức Thứ trưởng Bộ Tài chính. "
                    "Dự lễ có các Thứ trưởng gồm các ông, bà: Trần Thị Bình và Hoàng Văn Cường.";
    const vnner_doc *d = test_annotate(s, "2024-11-26");
    assert_true(has_holds(d, s, "Lê Văn An", "Thứ trưởng Bộ Tài chính"));
    assert_true(has_holds(d, s, "Trần Thị Bình", "Thứ trưởng Bộ Tài chính"));
    assert_true(has_holds(d, s, "Hoàng Văn Cường", "Thứ trưởng Bộ Tài chính"));
    assert_false(has_holds(d, s, "Trần Thị Bình", "Thứ trưởng"));
    /* no fuller post of the title: a bare Thứ trưởng takes the ministry the article names (head=Bộ) */
    const char *s2 = "Chiều 10/4, Bộ Công Thương tổ chức hội nghị cán bộ. Tham dự có các Thứ trưởng: Bế Thị Hạnh, Khúc Minh Đức.";
    d = test_annotate(s2, "2024-04-11");
    assert_true(has_holds(d, s2, "Bế Thị Hạnh", "Thứ trưởng Bộ Công Thương"));
    assert_true(has_holds(d, s2, "Khúc Minh Đức", "Thứ trưởng Bộ Công Thương"));
}

/* A post writes out its body's abbreviations (BQP, UBKT, Bộ CHQS... ) but keeps the
 * short forms marked post=as-written (UBND, TP.HCM); its body field follows. */
static void test_post_abbreviations_written_out(void **state)
{
    (void)state;
    const char *s = "Trung tướng Phạm Văn Tư, Cục trưởng Cục Đối ngoại BQP, và bà Lê Thị Hà, Chủ nhiệm UBKT "
                    "Tỉnh ủy Nghệ An, làm việc với ông Ngô Văn Đức, Phó Chủ tịch UBND TP.HCM.";
    const vnner_doc *d = test_annotate(s, "2025-03-06");
    assert_true(has_holds(d, s, "Phạm Văn Tư", "Cục trưởng Cục Đối ngoại Bộ Quốc phòng"));
    assert_true(has_holds(d, s, "Lê Thị Hà", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy Nghệ An"));
    assert_true(has_holds(d, s, "Ngô Văn Đức", "Phó Chủ tịch UBND TP.HCM"));
    must_find(d, VNNER_POSITION, s, "Cục trưởng Cục Đối ngoại BQP"); /* the span is the text's */
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *r = vnner_doc_relation(d, i);
        if (r->type == VNNER_HOLDS && r->post && !strcmp(r->post, "Cục trưởng Cục Đối ngoại Bộ Quốc phòng"))
            assert_string_equal(r->body, "Cục Đối ngoại Bộ Quốc phòng");
    }
}

/* Case tells a body from words: "Tỉnh đoàn" only capitalised (capital=1), and a capital after a
 * title listed with a lower-case last word starts the body ("Trưởng Đoàn ĐBQH tỉnh"). */
static void test_case_of_bodies(void **state)
{
    (void)state;
    const char *s = "Ông Lê Văn An hứa cùng tập thể lãnh đạo Công an tỉnh đoàn kết, gương mẫu. "
                    "Bà Lò Thị Hoa, Trưởng Đoàn ĐBQH tỉnh, và ông Vì Văn Sơn, Trưởng đoàn ĐBQH tỉnh Sơn La, dự.";
    const vnner_doc *d = test_annotate(s, "2025-03-06");
    assert_int_equal(find_entity(d, VNNER_BODY, s, "tỉnh đoàn"), -1);
    must_find(d, VNNER_BODY, s, "Công an tỉnh");
    must_find(d, VNNER_BODY, s, "Đoàn ĐBQH tỉnh");
    must_find(d, VNNER_POSITION, s, "Trưởng Đoàn ĐBQH tỉnh");
    must_find(d, VNNER_POSITION, s, "Trưởng đoàn ĐBQH tỉnh Sơn La");
    must_find(d, VNNER_BODY, s, "ĐBQH tỉnh Sơn La");
}

/* A headline in capitals keeps its term word; a board of a council is not a title then a country. */
static void test_caps_headline_and_boards(void **state)
{
    (void)state;
    const char *s = "KỲ HỌP THỨ NHẤT HĐND TỈNH KHOÁ XII\nÔng Hồ Văn Điệp giữ chức Trưởng Ban Pháp chế HĐND tỉnh Kon Tum.";
    const vnner_doc *d = test_annotate(s, "2021-06-26");
    assert_int_equal(find_entity(d, VNNER_PLACE, s, "KHOÁ"), -1);
    must_find(d, VNNER_POSITION, s, "Trưởng Ban Pháp chế HĐND tỉnh Kon Tum");
    assert_int_equal(find_entity(d, VNNER_PLACE, s, "Pháp"), -1);
    assert_true(has_holds(d, s, "Hồ Văn Điệp", "Trưởng Ban Pháp chế HĐND tỉnh Kon Tum"));
}

/* Communes the lists know are places after their unit word, however they read; never in lower case. */
static void test_listed_units(void **state)
{
    (void)state;
    const char *s = "Người dân xã Châu Đức đón đoàn; ông Châu Đức dự. Bà Lan ở phường Cầu Ông Lãnh "
                    "được giao chỉ đạo công tác này.";
    const vnner_doc *d = test_annotate(s, "2025-09-12");
    const vnner_entity *e = must_find(d, VNNER_PLACE, s, "Châu Đức");
    assert_int_equal(find_entity(d, VNNER_PERSON, s, "Châu Đức") >= 0, 1); /* the second one, after "ông" */
    assert_true(e->start < (size_t)(strstr(s, "ông Châu") - s));
    must_find(d, VNNER_PLACE, s, "Cầu Ông Lãnh");
    assert_int_equal(find_entity(d, VNNER_PLACE, s, "chỉ đạo"), -1);
    /* after an area body too, but not the first word of a name that goes on */
    const char *s2 = "Bí thư Huyện ủy Châu Đức Võ Hoàng Sơn phát biểu. Bộ trưởng Bộ Tài chính Hồ Đức Lâm dự.";
    d = test_annotate(s2, "2024-03-06");
    must_find(d, VNNER_PERSON, s2, "Võ Hoàng Sơn");
    must_find(d, VNNER_POSITION, s2, "Bí thư Huyện ủy Châu Đức");
    must_find(d, VNNER_PERSON, s2, "Hồ Đức Lâm");
    /* a numbered ward keeps its number, in a post too (not the province Hà Giang) */
    const char *s3 = "Ông Lê Văn Sử, Bí thư Đảng ủy phường Hà Giang 1, dự họp.";
    d = test_annotate(s3, "2025-09-12");
    must_find(d, VNNER_PLACE, s3, "Hà Giang 1");
    assert_true(has_holds(d, s3, "Lê Văn Sử", "Bí thư Đảng ủy phường Hà Giang 1"));
    /* a ward named after a person keeps its unit word, in a body too; the street and the man do not */
    const char *s4 = "Bà Kim Thị Hoa, Chủ tịch UBND phường Trần Phú, dự lễ. Đường Trần Phú được mở rộng.";
    d = test_annotate(s4, "2025-09-12");
    must_find(d, VNNER_PLACE, s4, "phường Trần Phú");
    assert_true(has_holds(d, s4, "Kim Thị Hoa", "Chủ tịch UBND phường Trần Phú"));
    assert_int_equal(find_entity(d, VNNER_PLACE, s4, "Trần Phú"), -1);
    /* "thành phố Hà Tĩnh" is the provincial city: a department's post named after it is the province's */
    const char *s5 = "Sáng 5/3, tại tỉnh Hà Tĩnh, ông Phan Văn Khuê được bầu giữ chức Phó Chủ tịch UBND tỉnh. "
                     "Ông từng giữ các chức vụ Chủ tịch UBND thành phố Hà Tĩnh, Phó Giám đốc Sở Tài chính.";
    d = test_annotate(s5, "2024-03-06");
    assert_true(has_holds(d, s5, "Phan Văn Khuê", "Chủ tịch UBND thành phố Hà Tĩnh"));
    assert_true(has_holds(d, s5, "Phan Văn Khuê", "Phó Giám đốc Sở Tài chính tỉnh Hà Tĩnh"));
}

/* A byline after "Theo" or with a site's name glued to it: the names only. */
static void test_byline_source_and_site(void **state)
{
    (void)state;
    const char *s = "Ông Nguyễn Văn An dự họp tại tỉnh Nghệ An.\n\nTheo Phương Bùi";
    const vnner_doc *d = test_annotate(s, "2024-03-06");
    must_find(d, VNNER_PERSON, s, "Phương Bùi");
    assert_int_equal(find_entity(d, VNNER_PERSON, s, "Theo Phương Bùi"), -1);
    const char *s2 = "Ông Nguyễn Văn An dự họp tại tỉnh Nghệ An.\n\nHằng Nga Baodatviet.vn";
    d = test_annotate(s2, "2024-03-06");
    must_find(d, VNNER_PERSON, s2, "Hằng Nga");
}

static void test_dateline_and_relative_dates(void **state)
{
    (void)state;
    const char *s = "Thứ Hai, 01/07/2024 08:00\n"
                    "Long An tổng kết công tác năm\n"
                    "Thứ 6, 12/01/2024 | 16:14\n"
                    "Sáng nay, tỉnh tổng kết năm 2023; chiều qua, các huyện họp. Kế hoạch 9 tháng đến tháng 9/2024 "
                    "thuộc nhiệm kỳ 2020 - 2025.\n";
    const vnner_doc *d = test_annotate(s, NULL);
    assert_string_equal(vnner_doc_date(d), "2024-01-12");
    assert_string_equal(must_find(d, VNNER_DATE, s, "Sáng nay")->value, "2024-01-12");
    assert_string_equal(must_find(d, VNNER_DATE, s, "chiều qua")->value, "2024-01-11");
    assert_string_equal(must_find(d, VNNER_DATE, s, "năm 2023")->value, "2023");
    assert_string_equal(must_find(d, VNNER_DATE, s, "tháng 9/2024")->value, "2024-09");
    assert_string_equal(must_find(d, VNNER_DATE, s, "2020 - 2025")->value, "2020/2025");
    assert_string_equal(must_find(d, VNNER_DATE, s, "01/07/2024")->value, "2024-07-01");
    assert_int_equal(find_entity(d, VNNER_DATE, s, "9 tháng"), -1);
    /* --date wins over the dateline */
    d = test_annotate(s, "2024-02-01");
    assert_string_equal(vnner_doc_date(d), "2024-02-01");
    assert_string_equal(must_find(d, VNNER_DATE, s, "chiều qua")->value, "2024-01-31");
    /* the lead's "Place, ngày D" is the dateline; a later short sentence with a date is not */
    const char *s2 = "Tin tức\n\nHà Nội, ngày 15/8/2025 - Sáng 14/8, UBND tỉnh tổ chức hội nghị sơ kết.\n\n"
                     "Ngày 21/12/2025 sẽ họp tiếp.\n";
    d = test_annotate(s2, NULL);
    assert_string_equal(vnner_doc_date(d), "2025-08-15");
    assert_string_equal(must_find(d, VNNER_DATE, s2, "Sáng 14/8")->value, "2025-08-14");
}

static void test_validity_reaches_entities(void **state)
{
    (void)state;
    const char *s = "Trước đây, UBND tỉnh Long An đã ban hành kế hoạch.";
    const vnner_doc *d = test_annotate(s, "2026-01-05");
    const vnner_entity *b = must_find(d, VNNER_BODY, s, "UBND tỉnh Long An");
    assert_non_null(b->valid_to);
    assert_string_equal(b->valid_to, "2025-06-30");
    /* the district level ended on 2025-06-30: so does every post of a district */
    const char *s2 = "Ông Đinh Văn Sang, Chủ tịch UBND huyện Đức Trọng, dự họp.";
    d = test_annotate(s2, "2024-01-05");
    const vnner_entity *p = must_find(d, VNNER_POSITION, s2, "Chủ tịch UBND huyện Đức Trọng");
    assert_non_null(p->valid_to);
    assert_string_equal(p->valid_to, "2025-06-30");
}

static void test_byline(void **state)
{
    (void)state;
    const char *s = "Tiêu đề\n\nNội dung bài viết có nhiều câu dài về công tác cán bộ của tỉnh.\n\n"
                    "Minh Anh - Quốc Tuấn\n\nÝ kiến ()\nĐang tải dữ liệu\n";
    const vnner_doc *d = test_annotate(s, NULL);
    must_find(d, VNNER_PERSON, s, "Minh Anh");
    must_find(d, VNNER_PERSON, s, "Quốc Tuấn");
    size_t authors = 0;
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++)
        authors += vnner_doc_relation(d, i)->type == VNNER_AUTHOR;
    assert_int_equal(authors, 2);
    const char *g = "Bài viết có nhiều câu về công tác cán bộ của tỉnh trong năm qua.\n\nNhóm PV\n";
    d = test_annotate(g, NULL);
    assert_int_equal(vnner_doc_relation_count(d), 0);
    /* "Bài: X - Ảnh: Y": X is the author, Y the photographer (a person, no author) */
    const char *p = "Bài viết có nhiều câu về công tác cán bộ của tỉnh trong năm qua.\n\nBài: Đăng Khoa - Ảnh: Minh Hòa\n";
    d = test_annotate(p, NULL);
    must_find(d, VNNER_PERSON, p, "Đăng Khoa");
    must_find(d, VNNER_PERSON, p, "Minh Hòa");
    authors = 0;
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *r = vnner_doc_relation(d, i);
        if (r->type == VNNER_AUTHOR) {
            authors++;
            const vnner_entity *e = vnner_doc_entity(d, (size_t)r->person);
            assert_int_equal(strncmp(p + e->bstart, "Đăng Khoa", e->bend - e->bstart), 0);
        }
    }
    assert_int_equal(authors, 1);
}

static void test_bad_input(void **state)
{
    (void)state;
    vnner_doc *d;
    vnner_error err;
    assert_int_equal(vnner_doc_new(&d), 0);
    const vnner_model *m = test_model();
    assert_int_equal(vnner_doc_annotate(d, m, "\xff\xfeX\0", 4, NULL, &err), VNNER_EENCODING);
    assert_non_null(strstr(err.message, "UTF-16"));
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.max_bytes = 10;
    assert_int_equal(vnner_doc_annotate(d, m, "Một hai ba bốn năm", 22, &o, &err), VNNER_ETOOBIG);
    assert_int_equal(vnner_doc_annotate(d, m, "Tỉnh \xc3(", 9, NULL, &err), VNNER_EUTF8);
    assert_int_equal(err.offset, 7);
    vnner_annotate_options bad = VNNER_ANNOTATE_OPTIONS_INIT;
    bad.date = "2024-13-40";
    assert_int_equal(vnner_doc_annotate(d, m, "x", 1, &bad, &err), VNNER_EINVAL);
    /* the doc is still usable after errors */
    assert_int_equal(vnner_doc_annotate(d, m, "Tỉnh ủy Long An họp.", strlen("Tỉnh ủy Long An họp."), NULL, &err), 0);
    assert_true(vnner_doc_entity_count(d) >= 2);
    assert_int_equal(vnner_doc_annotate(d, m, "", 0, NULL, &err), 0);
    assert_int_equal(vnner_doc_entity_count(d), 0);
    vnner_doc_free(d);
    vnner_doc_free(NULL);
    vnner_model_free(NULL);
}

/* The default size limit (12 MiB, README "Limits and errors"): a document of
 * one byte more is refused with the documented message, one of the limit is
 * annotated. */
static void test_default_limit(void **state)
{
    (void)state;
    assert_int_equal(VNNER_DEFAULT_MAX_BYTES, (size_t)12 * 1024 * 1024);
    size_t n = VNNER_DEFAULT_MAX_BYTES + 1;
    char *text = malloc(n);
    assert_non_null(text);
    memset(text, ' ', n);
    vnner_doc *d;
    vnner_error err;
    assert_int_equal(vnner_doc_new(&d), 0);
    assert_int_equal(vnner_doc_annotate(d, test_model(), text, n, NULL, &err), VNNER_ETOOBIG);
    assert_string_equal(err.message, "document of 12582913 bytes is over the size limit of 12582912 bytes "
                                     "(raise it with --max-size)");
    assert_int_equal(vnner_doc_annotate(d, test_model(), text, n - 1, NULL, &err), 0);
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.max_bytes = n;
    assert_int_equal(vnner_doc_annotate(d, test_model(), text, n, &o, &err), 0);
    vnner_doc_free(d);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_limit),
        cmocka_unit_test(test_positions_nest),           cmocka_unit_test(test_code_point_offsets),
        cmocka_unit_test(test_tone_style_and_nfd_invariant), cmocka_unit_test(test_honorifics_and_ranks_outside),
        cmocka_unit_test(test_not_bodies), cmocka_unit_test(test_unlisted_place_then_name), cmocka_unit_test(test_person_name_elsewhere), cmocka_unit_test(test_names_ending_in_words), cmocka_unit_test(test_short_form_of_a_name), cmocka_unit_test(test_short_form_given_first), cmocka_unit_test(test_deputies_of_principal), cmocka_unit_test(test_foreign_names_and_posts), cmocka_unit_test(test_date_forms), cmocka_unit_test(test_ceased_place_not_implicit), cmocka_unit_test(test_unlisted_place_not_article_place), cmocka_unit_test(test_header_list_mixed_items), cmocka_unit_test(test_unit_names_and_career_lists), cmocka_unit_test(test_bare_title_from_article), cmocka_unit_test(test_post_abbreviations_written_out), cmocka_unit_test(test_case_of_bodies), cmocka_unit_test(test_caps_headline_and_boards), cmocka_unit_test(test_listed_units), cmocka_unit_test(test_byline_source_and_site),               cmocka_unit_test(test_dateline_and_relative_dates),
        cmocka_unit_test(test_validity_reaches_entities), cmocka_unit_test(test_byline),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
