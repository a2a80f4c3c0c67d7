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
    /* and nothing else of the checked types: no stray PERSON, PLACE, BODY or POSITION */
    t->checks++;
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        size_t len = e->bend - e->bstart, k;
        if (e->type != VNNER_PERSON && e->type != VNNER_PLACE && e->type != VNNER_BODY && e->type != VNNER_POSITION)
            continue;
        for (k = 0; k < nw; k++)
            if (w[k].type == e->type && strlen(w[k].text) == len && memcmp(s + e->bstart, w[k].text, len) == 0)
                break;
        if (k < nw)
            continue;
        t->failures++;
        print_message("FAIL [%s] %s: unexpected %s '%.*s'\n", t->group, item, vnner_type_name(e->type), (int)len,
                      s + e->bstart);
        if (!shown) {
            print_message("    in: %s (date %s)\n", s, date ? date : "none");
            print_found(d, s);
            shown = 1;
        }
        break;
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

typedef struct {
    const char *name;      /* the place as written, and the PLACE expected */
    const char *level;     /* unit word before it in the UBND form, or NULL when the name carries it */
    const char *committee; /* Tỉnh ủy or Thành ủy; NULL: no committee sentence */
    const char *ends;      /* last day, or NULL when the name still names a unit */
} unit;

#define PROV(n) {n, "tỉnh", "Tỉnh ủy", NULL}
#define PROV_TO(n, e) {n, "tỉnh", "Tỉnh ủy", e}
#define MERGED(n) PROV_TO(n, "2025-06-30")
#define CITY(n) {n, "thành phố", "Thành ủy", NULL}
#define HCMC {"Thành phố Hồ Chí Minh", NULL, "Thành ủy", NULL}

/* The 63 units as they stood on 30 June 2025 (Huế a centrally-run city since
 * 1 January 2025), north to south. */
static const unit units_until_2025_06_30[] = {
    CITY("Hà Nội"),        MERGED("Hà Giang"),    PROV("Cao Bằng"),         MERGED("Bắc Kạn"),
    PROV("Tuyên Quang"),   PROV("Lào Cai"),       PROV("Điện Biên"),        PROV("Lai Châu"),
    PROV("Sơn La"),        MERGED("Yên Bái"),     MERGED("Hòa Bình"),       PROV("Thái Nguyên"),
    PROV("Lạng Sơn"),      PROV("Quảng Ninh"),    MERGED("Bắc Giang"),      PROV("Phú Thọ"),
    MERGED("Vĩnh Phúc"),   PROV("Bắc Ninh"),      MERGED("Hải Dương"),      CITY("Hải Phòng"),
    PROV("Hưng Yên"),      MERGED("Thái Bình"),   MERGED("Hà Nam"),         MERGED("Nam Định"),
    PROV("Ninh Bình"),     PROV("Thanh Hóa"),     PROV("Nghệ An"),          PROV("Hà Tĩnh"),
    MERGED("Quảng Bình"),  PROV("Quảng Trị"),     CITY("Huế"),              CITY("Đà Nẵng"),
    MERGED("Quảng Nam"),   PROV("Quảng Ngãi"),    MERGED("Bình Định"),      MERGED("Phú Yên"),
    PROV("Khánh Hòa"),     MERGED("Ninh Thuận"),  MERGED("Bình Thuận"),     MERGED("Kon Tum"),
    PROV("Gia Lai"),       PROV("Đắk Lắk"),       MERGED("Đắk Nông"),       PROV("Lâm Đồng"),
    MERGED("Bình Phước"),  PROV("Tây Ninh"),      MERGED("Bình Dương"),     PROV("Đồng Nai"),
    MERGED("Bà Rịa - Vũng Tàu"), HCMC,            MERGED("Long An"),        MERGED("Tiền Giang"),
    MERGED("Bến Tre"),     MERGED("Trà Vinh"),    PROV("Vĩnh Long"),        PROV("Đồng Tháp"),
    PROV("An Giang"),      MERGED("Kiên Giang"),  CITY("Cần Thơ"),          MERGED("Hậu Giang"),
    MERGED("Sóc Trăng"),   MERGED("Bạc Liêu"),    PROV("Cà Mau"),
};

/* Thừa Thiên Huế, a province until it became the city of Huế on 1 January 2025. */
static const unit units_until_2024_12_31[] = {
    PROV_TO("Thừa Thiên Huế", "2024-12-31"),
};

/* The 34 units from 1 July 2025 (Resolution 202/2025/QH15): 6 centrally-run
 * cities and 28 provinces. */
static const unit units_from_2025_07_01[] = {
    CITY("Hà Nội"),      CITY("Huế"),         CITY("Hải Phòng"),   CITY("Đà Nẵng"),     HCMC,
    CITY("Cần Thơ"),     PROV("Lai Châu"),    PROV("Điện Biên"),   PROV("Sơn La"),      PROV("Lạng Sơn"),
    PROV("Quảng Ninh"),  PROV("Cao Bằng"),    PROV("Tuyên Quang"), PROV("Lào Cai"),     PROV("Thái Nguyên"),
    PROV("Phú Thọ"),     PROV("Bắc Ninh"),    PROV("Hưng Yên"),    PROV("Ninh Bình"),   PROV("Thanh Hóa"),
    PROV("Nghệ An"),     PROV("Hà Tĩnh"),     PROV("Quảng Trị"),   PROV("Quảng Ngãi"),  PROV("Gia Lai"),
    PROV("Khánh Hòa"),   PROV("Lâm Đồng"),    PROV("Đắk Lắk"),     PROV("Đồng Nai"),    PROV("Tây Ninh"),
    PROV("Vĩnh Long"),   PROV("Đồng Tháp"),   PROV("An Giang"),    PROV("Cà Mau"),
};

/* Other ways the press writes some of these names. */
static const unit units_written_forms[] = {
    {"thành phố Hồ Chí Minh", NULL, NULL, NULL}, /* UBND form with the unit word in lower case */
    {"TP Hồ Chí Minh", NULL, "Thành ủy", NULL},
    {"TP. Hồ Chí Minh", NULL, "Thành ủy", NULL},
    {"TP.HCM", NULL, "Thành ủy", NULL},
    {"Hà Nội", "TP", NULL, NULL},
    {"Cần Thơ", "TP", NULL, NULL},
    PROV_TO("Thừa Thiên - Huế", "2024-12-31"),
    PROV_TO("TT-Huế", "2024-12-31"),
    MERGED("Bà Rịa-Vũng Tàu"),
    MERGED("BR-VT"),
    PROV("Đăk Lăk"),
    MERGED("Đăk Nông"),
    MERGED("Kontum"),
    MERGED("Bắc Cạn"),
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* "UBND tỉnh X", or "UBND X" when the name carries its unit word. */
static void ubnd_of(char *buf, size_t n, const unit *u)
{
    if (u->level)
        snprintf(buf, n, "UBND %s %s", u->level, u->name);
    else
        snprintf(buf, n, "UBND %s", u->name);
}

static void check_units(tally *t, const unit *units, size_t n, const char *date)
{
    char s[512], pos[320], body[256];
    for (size_t i = 0; i < n; i++) {
        const unit *u = &units[i];

        /* the party committee: Bí thư Tỉnh ủy X */
        if (u->committee) {
            snprintf(s, sizeof s, "Hôm qua, Bí thư %s %s Trần Văn Nam dự hội nghị.", u->committee, u->name);
            snprintf(pos, sizeof pos, "Bí thư %s %s", u->committee, u->name);
            snprintf(body, sizeof body, "%s %s", u->committee, u->name);
            want w[] = {{VNNER_POSITION, pos}, {VNNER_BODY, body}, {VNNER_PLACE, u->name}, {VNNER_PERSON, "Trần Văn Nam"}};
            expect(t, u->name, s, date, w, COUNT(w));
        }

        /* the people's committee: Chủ tịch UBND tỉnh X */
        ubnd_of(body, sizeof body, u);
        snprintf(s, sizeof s, "Chiều nay, Chủ tịch %s Lê Văn Hai chủ trì buổi làm việc.", body);
        snprintf(pos, sizeof pos, "Chủ tịch %s", body);
        want w[] = {{VNNER_POSITION, pos}, {VNNER_BODY, body}, {VNNER_PLACE, u->name}, {VNNER_PERSON, "Lê Văn Hai"}};
        expect(t, u->name, s, date, w, COUNT(w));
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

static void test_province_written_forms(void **state)
{
    (void)state;
    tally t = {"written forms of unit names", 0, 0, 0};
    check_units(&t, units_written_forms, COUNT(units_written_forms), "2024-06-10");
    finish(&t);
}

/* ---- ministries and ministry-level agencies --------------------------- */

enum { BEFORE = 1, AFTER = 2, BOTH = 3 };

typedef struct {
    const char *position; /* the head's post as written */
    const char *body;
    const char *place;    /* a place inside the body's name, or NULL */
    int when;             /* BEFORE (to 2025-02-28), AFTER (from 2025-03-01), BOTH */
} ministry;

#define MINISTER(b, w) {"Bộ trưởng " b, b, NULL, w}

/* 18 ministries and 4 ministry-level agencies of the Government of the 15th
 * National Assembly until 28 February 2025; 14 and 3 from 1 March 2025
 * (Resolution 176/2025/QH15). */
static const ministry ministries[] = {
    MINISTER("Bộ Quốc phòng", BOTH),
    MINISTER("Bộ Công an", BOTH),
    MINISTER("Bộ Ngoại giao", BOTH),
    MINISTER("Bộ Nội vụ", BOTH),
    MINISTER("Bộ Tư pháp", BOTH),
    MINISTER("Bộ Kế hoạch và Đầu tư", BEFORE),
    MINISTER("Bộ Tài chính", BOTH),
    MINISTER("Bộ Công Thương", BOTH),
    MINISTER("Bộ Nông nghiệp và Phát triển nông thôn", BEFORE),
    MINISTER("Bộ Giao thông vận tải", BEFORE),
    MINISTER("Bộ Xây dựng", BOTH),
    MINISTER("Bộ Tài nguyên và Môi trường", BEFORE),
    MINISTER("Bộ Thông tin và Truyền thông", BEFORE),
    MINISTER("Bộ Lao động - Thương binh và Xã hội", BEFORE),
    MINISTER("Bộ Văn hóa, Thể thao và Du lịch", BOTH),
    MINISTER("Bộ Khoa học và Công nghệ", BOTH),
    MINISTER("Bộ Giáo dục và Đào tạo", BOTH),
    MINISTER("Bộ Y tế", BOTH),
    MINISTER("Bộ Nông nghiệp và Môi trường", AFTER),
    MINISTER("Bộ Dân tộc và Tôn giáo", AFTER),
    {"Chủ nhiệm Ủy ban Dân tộc", "Ủy ban Dân tộc", NULL, BEFORE},
    {"Thống đốc Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước Việt Nam", "Việt Nam", BOTH},
    {"Tổng Thanh tra Chính phủ", "Thanh tra Chính phủ", NULL, BOTH},
    {"Chủ nhiệm Văn phòng Chính phủ", "Văn phòng Chính phủ", NULL, BOTH},
};

/* Short and variant forms of the same names in the press. */
static const ministry ministries_written_forms[] = {
    MINISTER("Bộ KH&ĐT", BEFORE),
    MINISTER("Bộ Kế hoạch - Đầu tư", BEFORE),
    MINISTER("Bộ NN&PTNT", BEFORE),
    MINISTER("Bộ Nông nghiệp và PTNT", BEFORE),
    MINISTER("Bộ GTVT", BEFORE),
    MINISTER("Bộ Giao thông - Vận tải", BEFORE),
    MINISTER("Bộ TN&MT", BEFORE),
    MINISTER("Bộ Tài nguyên - Môi trường", BEFORE),
    MINISTER("Bộ TT&TT", BEFORE),
    MINISTER("Bộ Thông tin - Truyền thông", BEFORE),
    MINISTER("Bộ LĐ-TB&XH", BEFORE),
    MINISTER("Bộ Lao động-Thương binh và Xã hội", BEFORE),
    MINISTER("Bộ Lao động, Thương binh và Xã hội", BEFORE),
    MINISTER("Bộ VH-TT&DL", BOTH),
    MINISTER("Bộ Văn hóa - Thể thao và Du lịch", BOTH),
    MINISTER("Bộ Văn hóa - Thể thao - Du lịch", BOTH),
    MINISTER("Bộ KH&CN", BOTH),
    MINISTER("Bộ Khoa học - Công nghệ", BOTH),
    MINISTER("Bộ GD&ĐT", BOTH),
    MINISTER("Bộ Giáo dục - Đào tạo", BOTH),
    MINISTER("Bộ NN&MT", AFTER),
    MINISTER("Bộ Nông nghiệp - Môi trường", AFTER),
    MINISTER("Bộ Dân tộc - Tôn giáo", AFTER),
    {"Chủ nhiệm UBDT", "UBDT", NULL, BEFORE},
    {"Thống đốc Ngân hàng Nhà nước", "Ngân hàng Nhà nước", NULL, BOTH},
    {"Thống đốc NHNN", "NHNN", NULL, BOTH},
    {"Chủ nhiệm VPCP", "VPCP", NULL, BOTH},
};

/* Checks the entries of LIST that existed in period WHEN (BEFORE or AFTER); with
 * ONLY, just those that existed in WHEN alone. */
static void check_ministries(tally *t, const ministry *list, size_t n, int when, int only, const char *date)
{
    char s[512];
    for (size_t i = 0; i < n; i++) {
        const ministry *m = &list[i];
        if (only ? m->when != when : !(m->when & when))
            continue;
        snprintf(s, sizeof s, "Tại buổi làm việc, %s Nguyễn Quốc Bình đã phát biểu ý kiến.", m->position);
        want w[] = {{VNNER_POSITION, m->position}, {VNNER_BODY, m->body}, {VNNER_PERSON, "Nguyễn Quốc Bình"},
                    {VNNER_PLACE, m->place}};
        expect(t, m->body, s, date, w, m->place ? 4 : 3);
    }
}

static void test_ministries_until_2025_02_28(void **state)
{
    (void)state;
    tally t = {"22 ministries and agencies until 2025-02-28", 0, 0, 0};
    check_ministries(&t, ministries, COUNT(ministries), BEFORE, 0, "2024-11-20");
    finish(&t);
}

static void test_ministries_from_2025_03_01(void **state)
{
    (void)state;
    tally t = {"17 ministries and agencies from 2025-03-01", 0, 0, 0};
    check_ministries(&t, ministries, COUNT(ministries), AFTER, 0, "2025-04-08");
    finish(&t);
}

static void test_ministry_written_forms(void **state)
{
    (void)state;
    tally t = {"written forms of ministry names", 0, 0, 0};
    check_ministries(&t, ministries_written_forms, COUNT(ministries_written_forms), BEFORE, 0, "2024-11-20");
    check_ministries(&t, ministries_written_forms, COUNT(ministries_written_forms), AFTER, 1, "2025-04-08");
    finish(&t);
}

/* ---- central party bodies ----------------------------------------------- */

typedef struct {
    const char *position;
    const char *body;
    int when; /* BEFORE (ended in the 2025 restructuring), AFTER (set up then), BOTH */
} party_post;

#define POST(title, b, w) {title " " b, b, w}

static const party_post party[] = {
    POST("Ủy viên", "Bộ Chính trị", BOTH),
    POST("Ủy viên", "Ban Bí thư", BOTH),
    {"Thường trực Ban Bí thư", "Ban Bí thư", BOTH},
    POST("Ủy viên", "Ban Chấp hành Trung ương", BOTH),
    POST("Ủy viên", "Ban Chấp hành Trung ương Đảng", BOTH),
    POST("Ủy viên dự khuyết", "Ban Chấp hành Trung ương Đảng", BOTH),
    POST("Ủy viên", "Trung ương Đảng", BOTH),
    POST("Bí thư", "Trung ương Đảng", BOTH),
    POST("Chủ nhiệm", "Ủy ban Kiểm tra Trung ương", BOTH),
    POST("Phó Chủ nhiệm", "Ủy ban Kiểm tra Trung ương", BOTH),
    POST("Ủy viên", "Ủy ban Kiểm tra Trung ương", BOTH),
    POST("Trưởng", "Ban Tổ chức Trung ương", BOTH),
    POST("Phó Trưởng", "Ban Tổ chức Trung ương", BOTH),
    POST("Trưởng", "Ban Tuyên giáo Trung ương", BEFORE),
    POST("Phó Trưởng", "Ban Tuyên giáo Trung ương", BEFORE),
    POST("Trưởng", "Ban Dân vận Trung ương", BEFORE),
    POST("Trưởng", "Ban Tuyên giáo và Dân vận Trung ương", AFTER),
    POST("Phó Trưởng", "Ban Tuyên giáo và Dân vận Trung ương", AFTER),
    POST("Trưởng", "Ban Kinh tế Trung ương", BEFORE),
    POST("Trưởng", "Ban Chính sách, chiến lược Trung ương", AFTER),
    POST("Phó Trưởng", "Ban Chính sách, chiến lược Trung ương", AFTER),
    POST("Trưởng", "Ban Nội chính Trung ương", BOTH),
    POST("Phó Trưởng", "Ban Nội chính Trung ương", BOTH),
    POST("Trưởng", "Ban Đối ngoại Trung ương", BEFORE),
    {"Chánh Văn phòng Trung ương Đảng", "Văn phòng Trung ương Đảng", BOTH},
    {"Phó Chánh Văn phòng Trung ương Đảng", "Văn phòng Trung ương Đảng", BOTH},
    POST("Bí thư", "Đảng ủy các cơ quan Đảng Trung ương", AFTER),
    POST("Phó Bí thư", "Đảng ủy các cơ quan Đảng Trung ương", AFTER),
    POST("Bí thư", "Đảng ủy Chính phủ", AFTER),
    POST("Phó Bí thư", "Đảng ủy Chính phủ", AFTER),
    POST("Bí thư", "Đảng ủy Quốc hội", AFTER),
    POST("Bí thư", "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", AFTER),
    POST("Bí thư", "Đảng ủy Công an Trung ương", BOTH),
    POST("Bí thư", "Đảng ủy Khối các cơ quan Trung ương", BEFORE),
    POST("Bí thư", "Đảng ủy Khối Doanh nghiệp Trung ương", BEFORE),
    POST("Ủy viên", "Quân ủy Trung ương", BOTH),
    POST("Phó Bí thư", "Quân ủy Trung ương", BOTH),
    POST("Ủy viên Thường vụ", "Quân ủy Trung ương", BOTH),
    POST("Trưởng", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ Trung ương", BOTH),
    POST("Chủ tịch", "Hội đồng Lý luận Trung ương", BOTH),
    POST("Giám đốc", "Học viện Chính trị quốc gia Hồ Chí Minh", BOTH),
};

/* The same bodies with Trung ương abbreviated, as headlines and captions write it. */
static const party_post party_written_forms[] = {
    POST("Ủy viên", "BCH Trung ương Đảng", BOTH),
    POST("Ủy viên", "Ban Chấp hành TW", BOTH),
    POST("Ủy viên", "TW Đảng", BOTH),
    POST("Chủ nhiệm", "UBKT Trung ương", BOTH),
    POST("Chủ nhiệm", "Ủy ban Kiểm tra TW", BOTH),
    POST("Trưởng", "Ban Tổ chức TW", BOTH),
    POST("Trưởng", "Ban Tuyên giáo TW", BEFORE),
    POST("Trưởng", "Ban Dân vận TW", BEFORE),
    POST("Trưởng", "Ban Tuyên giáo và Dân vận TW", AFTER),
    POST("Trưởng", "Ban Kinh tế TW", BEFORE),
    POST("Trưởng", "Ban Chính sách, chiến lược TW", AFTER),
    POST("Trưởng", "Ban Nội chính TW", BOTH),
    POST("Trưởng", "Ban Đối ngoại TW", BEFORE),
    {"Chánh Văn phòng TW Đảng", "Văn phòng TW Đảng", BOTH},
    POST("Bí thư", "Đảng ủy các cơ quan Đảng TW", AFTER),
    POST("Bí thư", "Đảng ủy MTTQ, các đoàn thể TW", AFTER),
    POST("Bí thư", "Đảng ủy Công an TW", BOTH),
    POST("Bí thư", "Đảng ủy Khối các cơ quan TW", BEFORE),
    POST("Bí thư", "Đảng ủy Khối Doanh nghiệp TW", BEFORE),
    POST("Ủy viên", "Quân ủy TW", BOTH),
    POST("Chủ tịch", "Hội đồng Lý luận TW", BOTH),
    POST("Ủy viên", "Quân ủy TƯ", BOTH),
    POST("Bí thư", "Đảng ủy Công an TƯ", BOTH),
    POST("Trưởng", "Ban Tổ chức TƯ", BOTH),
};

static void check_party(tally *t, const party_post *list, size_t n)
{
    char s[512];
    for (size_t i = 0; i < n; i++) {
        const party_post *p = &list[i];
        const char *date = p->when == BEFORE ? "2024-10-15" : "2025-06-20";
        snprintf(s, sizeof s, "Đồng chí %s Phạm Quang Hưng đã dự và phát biểu chỉ đạo.", p->position);
        want w[] = {{VNNER_POSITION, p->position}, {VNNER_BODY, p->body}, {VNNER_PERSON, "Phạm Quang Hưng"}};
        expect(t, p->position, s, date, w, COUNT(w));
    }
}

static void test_central_party_bodies(void **state)
{
    (void)state;
    tally t = {"central party bodies", 0, 0, 0};
    check_party(&t, party, COUNT(party));
    finish(&t);
}

static void test_party_written_forms(void **state)
{
    (void)state;
    tally t = {"written forms of central party bodies", 0, 0, 0};
    check_party(&t, party_written_forms, COUNT(party_written_forms));
    finish(&t);
}

/* ---- validity dates in the output -------------------------------------- */

static void valid_units(tally *t, const unit *units, size_t n, const char *date)
{
    char s[512], body[256];
    for (size_t i = 0; i < n; i++) {
        ubnd_of(body, sizeof body, &units[i]);
        snprintf(s, sizeof s, "%s đã ban hành kế hoạch.", body);
        expect_valid_to(t, units[i].name, s, date, body, units[i].ends);
    }
}

static void valid_ministries(tally *t, const ministry *list, size_t n, const char *date)
{
    char s[512];
    for (size_t i = 0; i < n; i++) {
        snprintf(s, sizeof s, "Hồ sơ do %s lập đã được lưu trữ.", list[i].body);
        expect_valid_to(t, list[i].body, s, date, list[i].body, list[i].when == BEFORE ? "2025-02-28" : NULL);
    }
}

static void valid_party(tally *t, const party_post *list, size_t n, const char *date)
{
    char s[512];
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(list[i].body, list[i - 1].body) == 0)
            continue;
        snprintf(s, sizeof s, "Hồ sơ do %s lập đã được lưu trữ.", list[i].body);
        expect_valid_to(t, list[i].body, s, date, list[i].body, list[i].when == BEFORE ? ANY_END : NULL);
    }
}

static void test_validity_dates(void **state)
{
    (void)state;
    tally t = {"validity dates", 0, 0, 0};
    const char *date = "2026-01-05";

    /* the three cases of the brief, written out */
    expect_valid_to(&t, "Long An", "UBND tỉnh Long An đã ban hành kế hoạch.", date, "UBND tỉnh Long An",
                    "2025-06-30");
    expect_valid_to(&t, "Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư đã ban hành kế hoạch.", date,
                    "Bộ Kế hoạch và Đầu tư", ANY_END);
    expect_valid_to(&t, "Bộ Tài chính", "Bộ Tài chính đã ban hành kế hoạch.", date, "Bộ Tài chính", NULL);

    /* every unit: merged ones end on 2025-06-30, Thừa Thiên Huế on 2024-12-31, the others go on */
    valid_units(&t, units_until_2025_06_30, COUNT(units_until_2025_06_30), date);
    valid_units(&t, units_until_2024_12_31, COUNT(units_until_2024_12_31), date);
    valid_units(&t, units_written_forms, COUNT(units_written_forms), date);
    /* every ministry and agency: those that ended on 2025-02-28 say so */
    valid_ministries(&t, ministries, COUNT(ministries), date);
    valid_ministries(&t, ministries_written_forms, COUNT(ministries_written_forms), date);
    /* every central party body: those that ended in the 2025 restructuring carry an end */
    valid_party(&t, party, COUNT(party), date);
    valid_party(&t, party_written_forms, COUNT(party_written_forms), date);
    finish(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_provinces_until_2025_06_30),  cmocka_unit_test(test_provinces_from_2025_07_01),
        cmocka_unit_test(test_province_written_forms),      cmocka_unit_test(test_ministries_until_2025_02_28),
        cmocka_unit_test(test_ministries_from_2025_03_01),  cmocka_unit_test(test_ministry_written_forms),
        cmocka_unit_test(test_central_party_bodies),        cmocka_unit_test(test_party_written_forms),
        cmocka_unit_test(test_validity_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
