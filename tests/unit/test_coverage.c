/* Coverage of the gazetteer through the public API: every province and
 * centrally-run city before and after 1 July 2025, every ministry and
 * ministry-level agency before and after 1 March 2025, and the central party
 * bodies, each in a sentence of its own; and the validity dates that reach the
 * entities.  The lists are held here, not read from the gazetteer, so that a
 * missing or misspelt gazetteer entry shows up as a failure.
 *
 * Every failing item is reported (with the entities vnner did find) before the
 * test fails, so one run lists all the gaps. */
#include "support.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- checking and reporting ------------------------------------------ */

typedef struct {
    const char *group;
    size_t sentences, checks, failures;
} tally;

/* The entities of D as "TYPE 'text'" pairs, for the report. */
static void print_found(const vnner_doc *d, const char *text)
{
    size_t n = vnner_doc_entity_count(d);
    print_message("    found:");
    if (!n)
        print_message(" (nothing)");
    for (size_t i = 0; i < n; i++) {
        char *s = entity_text(d, text, i);
        print_message(" %s '%s'%s", vnner_type_name(vnner_doc_entity(d, i)->type), s, i + 1 < n ? "," : "");
        free(s);
    }
    print_message("\n");
}

typedef struct {
    vnner_type type;
    const char *text;
} want;

/* Annotates S (publication date DATE) and checks that it has an entity of each
 * wanted type and text; reports the misses under ITEM. */
static void expect(tally *t, const char *item, const char *s, const char *date, const want *w, size_t nw)
{
    const vnner_doc *d = test_annotate(s, date);
    t->sentences++;
    if (!d) {
        t->checks++;
        t->failures++;
        print_message("FAIL [%s] %s: annotation failed: %s\n", t->group, item, s);
        return;
    }
    int shown = 0;
    for (size_t i = 0; i < nw; i++) {
        t->checks++;
        if (find_entity(d, w[i].type, s, w[i].text) >= 0)
            continue;
        t->failures++;
        print_message("FAIL [%s] %s: no %s '%s'\n", t->group, item, vnner_type_name(w[i].type), w[i].text);
        if (!shown) {
            print_message("    in: %s (date %s)\n", s, date ? date : "none");
            print_found(d, s);
            shown = 1;
        }
    }
}

/* Annotates S with the publication date DATE and checks that the BODY whose
 * text is BODY carries valid_to TO (NULL: no valid_to; ANY_END: some valid_to). */
static const char ANY_END[] = "(any)";

static void expect_valid_to(tally *t, const char *item, const char *s, const char *date, const char *body,
                            const char *to)
{
    const vnner_doc *d = test_annotate(s, date);
    t->sentences++;
    t->checks++;
    int i = d ? find_entity(d, VNNER_BODY, s, body) : -1;
    if (i < 0) {
        t->failures++;
        print_message("FAIL [%s] %s: no BODY '%s'\n    in: %s (date %s)\n", t->group, item, body, s, date);
        if (d)
            print_found(d, s);
        return;
    }
    const char *got = vnner_doc_entity(d, (size_t)i)->valid_to;
    int ok = to == NULL ? got == NULL : to == ANY_END ? got != NULL : got && strcmp(got, to) == 0;
    if (ok)
        return;
    t->failures++;
    print_message("FAIL [%s] %s: BODY '%s' valid_to is %s, expected %s\n    in: %s (date %s)\n", t->group, item,
                  body, got ? got : "none", to == ANY_END ? "a date" : to ? to : "none", s, date);
}

static void finish(const tally *t)
{
    print_message("[%s] %zu sentences, %zu checks, %zu failed\n", t->group, t->sentences, t->checks, t->failures);
    assert_int_equal(t->failures, 0);
}

/* ---- provinces and centrally-run cities ------------------------------- */

typedef enum {
    PROVINCE, /* tỉnh X, Tỉnh ủy X */
    CITY,     /* thành phố X, Thành ủy X */
    CITY_FIXED /* the name carries its unit word (Thành phố Hồ Chí Minh) */
} unit_kind;

typedef struct {
    const char *name;
    unit_kind kind;
    const char *ends; /* last day, or NULL when the name still names a unit */
} unit;

/* The 63 units as they stood on 30 June 2025 (Huế a centrally-run city since
 * 1 January 2025), north to south. */
static const unit units_until_2025_06_30[] = {
    {"Hà Nội", CITY, NULL},
    {"Hà Giang", PROVINCE, "2025-06-30"},
    {"Cao Bằng", PROVINCE, NULL},
    {"Bắc Kạn", PROVINCE, "2025-06-30"},
    {"Tuyên Quang", PROVINCE, NULL},
    {"Lào Cai", PROVINCE, NULL},
    {"Điện Biên", PROVINCE, NULL},
    {"Lai Châu", PROVINCE, NULL},
    {"Sơn La", PROVINCE, NULL},
    {"Yên Bái", PROVINCE, "2025-06-30"},
    {"Hòa Bình", PROVINCE, "2025-06-30"},
    {"Thái Nguyên", PROVINCE, NULL},
    {"Lạng Sơn", PROVINCE, NULL},
    {"Quảng Ninh", PROVINCE, NULL},
    {"Bắc Giang", PROVINCE, "2025-06-30"},
    {"Phú Thọ", PROVINCE, NULL},
    {"Vĩnh Phúc", PROVINCE, "2025-06-30"},
    {"Bắc Ninh", PROVINCE, NULL},
    {"Hải Dương", PROVINCE, "2025-06-30"},
    {"Hải Phòng", CITY, NULL},
    {"Hưng Yên", PROVINCE, NULL},
    {"Thái Bình", PROVINCE, "2025-06-30"},
    {"Hà Nam", PROVINCE, "2025-06-30"},
    {"Nam Định", PROVINCE, "2025-06-30"},
    {"Ninh Bình", PROVINCE, NULL},
    {"Thanh Hóa", PROVINCE, NULL},
    {"Nghệ An", PROVINCE, NULL},
    {"Hà Tĩnh", PROVINCE, NULL},
    {"Quảng Bình", PROVINCE, "2025-06-30"},
    {"Quảng Trị", PROVINCE, NULL},
    {"Huế", CITY, NULL},
    {"Đà Nẵng", CITY, NULL},
    {"Quảng Nam", PROVINCE, "2025-06-30"},
    {"Quảng Ngãi", PROVINCE, NULL},
    {"Bình Định", PROVINCE, "2025-06-30"},
    {"Phú Yên", PROVINCE, "2025-06-30"},
    {"Khánh Hòa", PROVINCE, NULL},
    {"Ninh Thuận", PROVINCE, "2025-06-30"},
    {"Bình Thuận", PROVINCE, "2025-06-30"},
    {"Kon Tum", PROVINCE, "2025-06-30"},
    {"Gia Lai", PROVINCE, NULL},
    {"Đắk Lắk", PROVINCE, NULL},
    {"Đắk Nông", PROVINCE, "2025-06-30"},
    {"Lâm Đồng", PROVINCE, NULL},
    {"Bình Phước", PROVINCE, "2025-06-30"},
    {"Tây Ninh", PROVINCE, NULL},
    {"Bình Dương", PROVINCE, "2025-06-30"},
    {"Đồng Nai", PROVINCE, NULL},
    {"Bà Rịa - Vũng Tàu", PROVINCE, "2025-06-30"},
    {"Thành phố Hồ Chí Minh", CITY_FIXED, NULL},
    {"Long An", PROVINCE, "2025-06-30"},
    {"Tiền Giang", PROVINCE, "2025-06-30"},
    {"Bến Tre", PROVINCE, "2025-06-30"},
    {"Trà Vinh", PROVINCE, "2025-06-30"},
    {"Vĩnh Long", PROVINCE, NULL},
    {"Đồng Tháp", PROVINCE, NULL},
    {"An Giang", PROVINCE, NULL},
    {"Kiên Giang", PROVINCE, "2025-06-30"},
    {"Cần Thơ", CITY, NULL},
    {"Hậu Giang", PROVINCE, "2025-06-30"},
    {"Sóc Trăng", PROVINCE, "2025-06-30"},
    {"Bạc Liêu", PROVINCE, "2025-06-30"},
    {"Cà Mau", PROVINCE, NULL},
};

/* Thừa Thiên Huế, a province until it became the city of Huế on 1 January 2025. */
static const unit units_until_2024_12_31[] = {
    {"Thừa Thiên Huế", PROVINCE, "2024-12-31"},
};

/* The 34 units from 1 July 2025 (Resolution 202/2025/QH15): 6 centrally-run
 * cities and 28 provinces. */
static const unit units_from_2025_07_01[] = {
    {"Hà Nội", CITY, NULL},
    {"Huế", CITY, NULL},
    {"Hải Phòng", CITY, NULL},
    {"Đà Nẵng", CITY, NULL},
    {"Thành phố Hồ Chí Minh", CITY_FIXED, NULL},
    {"Cần Thơ", CITY, NULL},
    {"Lai Châu", PROVINCE, NULL},
    {"Điện Biên", PROVINCE, NULL},
    {"Sơn La", PROVINCE, NULL},
    {"Lạng Sơn", PROVINCE, NULL},
    {"Quảng Ninh", PROVINCE, NULL},
    {"Cao Bằng", PROVINCE, NULL},
    {"Tuyên Quang", PROVINCE, NULL},
    {"Lào Cai", PROVINCE, NULL},
    {"Thái Nguyên", PROVINCE, NULL},
    {"Phú Thọ", PROVINCE, NULL},
    {"Bắc Ninh", PROVINCE, NULL},
    {"Hưng Yên", PROVINCE, NULL},
    {"Ninh Bình", PROVINCE, NULL},
    {"Thanh Hóa", PROVINCE, NULL},
    {"Nghệ An", PROVINCE, NULL},
    {"Hà Tĩnh", PROVINCE, NULL},
    {"Quảng Trị", PROVINCE, NULL},
    {"Quảng Ngãi", PROVINCE, NULL},
    {"Gia Lai", PROVINCE, NULL},
    {"Khánh Hòa", PROVINCE, NULL},
    {"Lâm Đồng", PROVINCE, NULL},
    {"Đắk Lắk", PROVINCE, NULL},
    {"Đồng Nai", PROVINCE, NULL},
    {"Tây Ninh", PROVINCE, NULL},
    {"Vĩnh Long", PROVINCE, NULL},
    {"Đồng Tháp", PROVINCE, NULL},
    {"An Giang", PROVINCE, NULL},
    {"Cà Mau", PROVINCE, NULL},
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* "tỉnh X", "thành phố X", or X itself when it carries its unit word. */
static void with_level(char *buf, size_t n, const unit *u)
{
    if (u->kind == CITY_FIXED)
        snprintf(buf, n, "%s", u->name);
    else
        snprintf(buf, n, "%s %s", u->kind == PROVINCE ? "tỉnh" : "thành phố", u->name);
}

static void check_units(tally *t, const unit *units, size_t n, const char *date)
{
    char s[512], pos[256], body[256], lv[160];
    for (size_t i = 0; i < n; i++) {
        const unit *u = &units[i];
        const char *committee = u->kind == PROVINCE ? "Tỉnh ủy" : "Thành ủy";

        /* the party committee: Bí thư Tỉnh ủy X */
        snprintf(s, sizeof s, "Hôm qua, Bí thư %s %s Trần Văn Nam dự hội nghị.", committee, u->name);
        snprintf(pos, sizeof pos, "Bí thư %s %s", committee, u->name);
        snprintf(body, sizeof body, "%s %s", committee, u->name);
        want w1[] = {{VNNER_POSITION, pos}, {VNNER_BODY, body}, {VNNER_PLACE, u->name}, {VNNER_PERSON, "Trần Văn Nam"}};
        expect(t, u->name, s, date, w1, COUNT(w1));

        /* the people's committee: Chủ tịch UBND tỉnh X */
        with_level(lv, sizeof lv, u);
        snprintf(s, sizeof s, "Chiều nay, Chủ tịch UBND %s Lê Văn Hai chủ trì buổi làm việc.", lv);
        snprintf(pos, sizeof pos, "Chủ tịch UBND %s", lv);
        snprintf(body, sizeof body, "UBND %s", lv);
        want w2[] = {{VNNER_POSITION, pos}, {VNNER_BODY, body}, {VNNER_PLACE, u->name}, {VNNER_PERSON, "Lê Văn Hai"}};
        expect(t, u->name, s, date, w2, COUNT(w2));
    }
}

static void test_provinces_until_2025_06_30(void **state)
{
    (void)state;
    tally t = {"63 units until 2025-06-30", 0, 0, 0};
    check_units(&t, units_until_2025_06_30, COUNT(units_until_2025_06_30), "2025-05-15");
    check_units(&t, units_until_2024_12_31, COUNT(units_until_2024_12_31), "2024-06-10");
    finish(&t);
}

static void test_provinces_from_2025_07_01(void **state)
{
    (void)state;
    tally t = {"34 units from 2025-07-01", 0, 0, 0};
    check_units(&t, units_from_2025_07_01, COUNT(units_from_2025_07_01), "2025-09-15");
    finish(&t);
}

/* ---- ministries and ministry-level agencies --------------------------- */

enum { BEFORE = 1, AFTER = 2, BOTH = 3 };

typedef struct {
    const char *title; /* the head's title */
    const char *body;
    const char *place; /* a place inside the body's name, or NULL */
    int when;          /* BEFORE (to 2025-02-28), AFTER (from 2025-03-01), BOTH */
} ministry;

/* 18 ministries and 4 ministry-level agencies of the Government of the 15th
 * National Assembly until 28 February 2025; 14 and 3 from 1 March 2025
 * (Resolution 176/2025/QH15). */
static const ministry ministries[] = {
    {"Bộ trưởng", "Bộ Quốc phòng", NULL, BOTH},
    {"Bộ trưởng", "Bộ Công an", NULL, BOTH},
    {"Bộ trưởng", "Bộ Ngoại giao", NULL, BOTH},
    {"Bộ trưởng", "Bộ Nội vụ", NULL, BOTH},
    {"Bộ trưởng", "Bộ Tư pháp", NULL, BOTH},
    {"Bộ trưởng", "Bộ Kế hoạch và Đầu tư", NULL, BEFORE},
    {"Bộ trưởng", "Bộ Tài chính", NULL, BOTH},
    {"Bộ trưởng", "Bộ Công Thương", NULL, BOTH},
    {"Bộ trưởng", "Bộ Nông nghiệp và Phát triển nông thôn", NULL, BEFORE},
    {"Bộ trưởng", "Bộ Giao thông vận tải", NULL, BEFORE},
    {"Bộ trưởng", "Bộ Xây dựng", NULL, BOTH},
    {"Bộ trưởng", "Bộ Tài nguyên và Môi trường", NULL, BEFORE},
    {"Bộ trưởng", "Bộ Thông tin và Truyền thông", NULL, BEFORE},
    {"Bộ trưởng", "Bộ Lao động - Thương binh và Xã hội", NULL, BEFORE},
    {"Bộ trưởng", "Bộ Văn hóa, Thể thao và Du lịch", NULL, BOTH},
    {"Bộ trưởng", "Bộ Khoa học và Công nghệ", NULL, BOTH},
    {"Bộ trưởng", "Bộ Giáo dục và Đào tạo", NULL, BOTH},
    {"Bộ trưởng", "Bộ Y tế", NULL, BOTH},
    {"Bộ trưởng", "Bộ Nông nghiệp và Môi trường", NULL, AFTER},
    {"Bộ trưởng", "Bộ Dân tộc và Tôn giáo", NULL, AFTER},
    {"Chủ nhiệm", "Ủy ban Dân tộc", NULL, BEFORE},
    {"Thống đốc", "Ngân hàng Nhà nước Việt Nam", "Việt Nam", BOTH},
    {"Tổng Thanh tra", "Thanh tra Chính phủ", NULL, BOTH},
    {"Chủ nhiệm", "Văn phòng Chính phủ", NULL, BOTH},
};

static void check_ministries(tally *t, int when, const char *date)
{
    char s[512], pos[256];
    for (size_t i = 0; i < COUNT(ministries); i++) {
        const ministry *m = &ministries[i];
        if (!(m->when & when))
            continue;
        snprintf(s, sizeof s, "Tại buổi làm việc, %s %s Nguyễn Quốc Bình đã phát biểu ý kiến.", m->title, m->body);
        snprintf(pos, sizeof pos, "%s %s", m->title, m->body);
        want w[] = {{VNNER_POSITION, pos}, {VNNER_BODY, m->body}, {VNNER_PERSON, "Nguyễn Quốc Bình"},
                    {VNNER_PLACE, m->place}};
        expect(t, m->body, s, date, w, m->place ? 4 : 3);
    }
}

static void test_ministries_until_2025_02_28(void **state)
{
    (void)state;
    tally t = {"22 ministries and agencies until 2025-02-28", 0, 0, 0};
    check_ministries(&t, BEFORE, "2024-11-20");
    finish(&t);
}

static void test_ministries_from_2025_03_01(void **state)
{
    (void)state;
    tally t = {"17 ministries and agencies from 2025-03-01", 0, 0, 0};
    check_ministries(&t, AFTER, "2025-04-08");
    finish(&t);
}

/* ---- central party bodies ----------------------------------------------- */

typedef struct {
    const char *title;
    const char *body;
    int when;  /* BEFORE (ended in the 2025 restructuring), AFTER (set up then), BOTH */
} party_post;

static const party_post party[] = {
    {"Ủy viên", "Bộ Chính trị", BOTH},
    {"Ủy viên", "Ban Bí thư", BOTH},
    {"Ủy viên", "Ban Chấp hành Trung ương", BOTH},
    {"Ủy viên", "Ban Chấp hành Trung ương Đảng", BOTH},
    {"Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng", BOTH},
    {"Ủy viên", "Trung ương Đảng", BOTH},
    {"Chủ nhiệm", "Ủy ban Kiểm tra Trung ương", BOTH},
    {"Phó Chủ nhiệm", "Ủy ban Kiểm tra Trung ương", BOTH},
    {"Ủy viên", "Ủy ban Kiểm tra Trung ương", BOTH},
    {"Trưởng", "Ban Tổ chức Trung ương", BOTH},
    {"Phó Trưởng", "Ban Tổ chức Trung ương", BOTH},
    {"Trưởng", "Ban Tuyên giáo Trung ương", BEFORE},
    {"Phó Trưởng", "Ban Tuyên giáo Trung ương", BEFORE},
    {"Trưởng", "Ban Dân vận Trung ương", BEFORE},
    {"Trưởng", "Ban Tuyên giáo và Dân vận Trung ương", AFTER},
    {"Phó Trưởng", "Ban Tuyên giáo và Dân vận Trung ương", AFTER},
    {"Trưởng", "Ban Kinh tế Trung ương", BEFORE},
    {"Trưởng", "Ban Chính sách, chiến lược Trung ương", AFTER},
    {"Phó Trưởng", "Ban Chính sách, chiến lược Trung ương", AFTER},
    {"Trưởng", "Ban Nội chính Trung ương", BOTH},
    {"Phó Trưởng", "Ban Nội chính Trung ương", BOTH},
    {"Trưởng", "Ban Đối ngoại Trung ương", BEFORE},
    {"Chánh Văn phòng", "Văn phòng Trung ương Đảng", BOTH},
    {"Phó Chánh Văn phòng", "Văn phòng Trung ương Đảng", BOTH},
    {"Bí thư", "Đảng ủy các cơ quan Đảng Trung ương", AFTER},
    {"Phó Bí thư", "Đảng ủy các cơ quan Đảng Trung ương", AFTER},
    {"Bí thư", "Đảng ủy Chính phủ", AFTER},
    {"Phó Bí thư", "Đảng ủy Chính phủ", AFTER},
    {"Bí thư", "Đảng ủy Quốc hội", AFTER},
    {"Bí thư", "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", AFTER},
    {"Bí thư", "Đảng ủy Công an Trung ương", BOTH},
    {"Bí thư", "Đảng ủy Khối các cơ quan Trung ương", BEFORE},
    {"Bí thư", "Đảng ủy Khối Doanh nghiệp Trung ương", BEFORE},
    {"Ủy viên", "Quân ủy Trung ương", BOTH},
    {"Phó Bí thư", "Quân ủy Trung ương", BOTH},
    {"Ủy viên Thường vụ", "Quân ủy Trung ương", BOTH},
    {"Trưởng", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ Trung ương", BOTH},
    {"Chủ tịch", "Hội đồng Lý luận Trung ương", BOTH},
    {"Giám đốc", "Học viện Chính trị quốc gia Hồ Chí Minh", BOTH},
};

static void test_central_party_bodies(void **state)
{
    (void)state;
    tally t = {"central party bodies", 0, 0, 0};
    char s[512], pos[256];
    for (size_t i = 0; i < COUNT(party); i++) {
        const party_post *p = &party[i];
        const char *date = p->when == BEFORE ? "2024-10-15" : "2025-06-20";
        snprintf(s, sizeof s, "Đồng chí %s %s Phạm Quang Hưng đã dự và phát biểu chỉ đạo.", p->title, p->body);
        snprintf(pos, sizeof pos, "%s %s", p->title, p->body);
        want w[] = {{VNNER_POSITION, pos}, {VNNER_BODY, p->body}, {VNNER_PERSON, "Phạm Quang Hưng"}};
        expect(&t, pos, s, date, w, COUNT(w));
    }
    finish(&t);
}

/* ---- validity dates in the output -------------------------------------- */

static void test_validity_dates(void **state)
{
    (void)state;
    tally t = {"validity dates", 0, 0, 0};
    const char *date = "2026-01-05";
    char s[512], body[256], lv[160];

    /* the example of the brief, written out */
    expect_valid_to(&t, "Long An", "UBND tỉnh Long An đã ban hành kế hoạch.", date, "UBND tỉnh Long An",
                    "2025-06-30");
    expect_valid_to(&t, "Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư đã ban hành kế hoạch.", date,
                    "Bộ Kế hoạch và Đầu tư", ANY_END);
    expect_valid_to(&t, "Bộ Tài chính", "Bộ Tài chính đã ban hành kế hoạch.", date, "Bộ Tài chính", NULL);

    /* every province and city: merged ones end on 2025-06-30, the others do not end */
    const unit *lists[] = {units_until_2025_06_30, units_until_2024_12_31};
    size_t counts[] = {COUNT(units_until_2025_06_30), COUNT(units_until_2024_12_31)};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const unit *u = &lists[l][i];
            with_level(lv, sizeof lv, u);
            snprintf(s, sizeof s, "UBND %s đã ban hành kế hoạch.", lv);
            snprintf(body, sizeof body, "UBND %s", lv);
            expect_valid_to(&t, u->name, s, date, body, u->ends);
        }

    /* every ministry and agency: those that ended on 2025-02-28 say so */
    for (size_t i = 0; i < COUNT(ministries); i++) {
        const ministry *m = &ministries[i];
        snprintf(s, sizeof s, "Hồ sơ do %s lập đã được lưu trữ.", m->body);
        expect_valid_to(&t, m->body, s, date, m->body, m->when == BEFORE ? "2025-02-28" : NULL);
    }

    /* every central party body: those that ended in the 2025 restructuring carry an end */
    for (size_t i = 0; i < COUNT(party); i++) {
        const party_post *p = &party[i];
        if (i && strcmp(p->body, party[i - 1].body) == 0)
            continue;
        snprintf(s, sizeof s, "Hồ sơ do %s lập đã được lưu trữ.", p->body);
        expect_valid_to(&t, p->body, s, date, p->body, p->when == BEFORE ? ANY_END : NULL);
    }
    finish(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_provinces_until_2025_06_30),  cmocka_unit_test(test_provinces_from_2025_07_01),
        cmocka_unit_test(test_ministries_until_2025_02_28), cmocka_unit_test(test_ministries_from_2025_03_01),
        cmocka_unit_test(test_central_party_bodies),        cmocka_unit_test(test_validity_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
