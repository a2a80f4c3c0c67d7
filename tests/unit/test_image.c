/* Compiled gazetteer images: an image maps back to the same gazetteer, field
 * for field and walk for walk; one with another key, cut short or damaged is
 * refused or safe; the model's cache is remade when a list changes, and a
 * cache that cannot be used only costs time. */
#include "support.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "lexicon/gaz_impl.h"
#include "pipeline/model.h"
#include "text/text.h"

static const char KEY[] = "test key\n";

static vn_gaz *source_gazetteer(void)
{
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(vn_gaz_new(&g), 0);
    assert_int_equal(vn_gaz_load_dir(g, VNNER_SOURCE_DIR "/gazetteer", &err), 0);
    return g;
}

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

/* Every walk from the syllables of S in A and in B: the same entries, lengths and syllable ids. */
static void same_walks(const vn_gaz *a, const vn_gaz *b, const char *s)
{
    vn_text t;
    vn_tokens tk;
    memset(&t, 0, sizeof t);
    memset(&tk, 0, sizeof tk);
    assert_int_equal(vn_text_normalize(&t, s, strlen(s), NULL), 0);
    assert_int_equal(vn_tokenize(&tk, &t), 0);
    uint32_t sa[64], sb[64];
    size_t n = tk.n < 64 ? tk.n : 64;
    for (size_t i = 0; i < n; i++) {
        sa[i] = vn_gaz_syllable(a, t.norm + tk.v[i].ns, tk.v[i].ne - tk.v[i].ns);
        sb[i] = vn_gaz_syllable(b, t.norm + tk.v[i].ns, tk.v[i].ne - tk.v[i].ns);
        assert_int_equal(sa[i], sb[i]);
    }
    vn_gaz_walk wa, wb;
    uint32_t ea, eb, la, lb;
    vn_gaz_walk_start(&wa, a, sa, n);
    vn_gaz_walk_start(&wb, b, sb, n);
    do {
        ea = vn_gaz_walk_next(&wa, &la);
        eb = vn_gaz_walk_next(&wb, &lb);
        assert_int_equal(ea, eb);
        if (ea)
            assert_int_equal(la, lb);
    } while (ea);
    vn_tokens_free(&tk);
    vn_text_free(&t);
}

static char *image_path(char *buf, size_t n, const char *dir, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
    return buf;
}

static void test_round_trip(void **state)
{
    (void)state;
    char dir[64], db[96], path[128];
    assert_int_equal(test_scratch(dir, sizeof dir, db, sizeof db, "vnner-image"), 0);
    vn_gaz *g = source_gazetteer(), *h;
    image_path(path, sizeof path, dir, "g.img");
    assert_int_equal(vn_gaz_image_write(g, path, KEY, sizeof KEY - 1), 0);
    assert_int_equal(vn_gaz_image_map(&h, path, KEY, sizeof KEY - 1), 0);
    assert_non_null(h->map);
    size_t n = vn_gaz_count(g, -1);
    assert_true(n > 10000);
    assert_int_equal(vn_gaz_count(h, -1), n);
    for (int c = 0; c < VN_NCLASSES; c++) {
        assert_int_equal(vn_gaz_count(h, c), vn_gaz_count(g, c));
        assert_int_equal(vn_gaz_class_lengths(h, c), vn_gaz_class_lengths(g, c));
    }
    for (uint32_t i = 1; i <= n; i++) {
        const vn_entry *a = vn_gaz_entry(g, i), *b = vn_gaz_entry(h, i);
        same_str(a->surface, b->surface), same_str(a->canonical, b->canonical);
        same_str(a->valid_from, b->valid_from), same_str(a->valid_to, b->valid_to), same_str(a->src, b->src);
        same_str(a->successor, b->successor), same_str(a->unit, b->unit), same_str(a->note, b->note);
        assert_int_equal(a->next, b->next);
        assert_int_equal(a->ntok, b->ntok);
        assert_int_equal(a->cls, b->cls);
        assert_int_equal(a->caps, b->caps);
        assert_int_equal(a->foreign, b->foreign);
        assert_int_equal(a->capital, b->capital);
        same_walks(g, h, a->surface);
    }
    const char *levels[] = {"province", "district", "commune", "nowhere"};
    for (size_t i = 0; i < 4; i++)
        same_str(vn_gaz_default_unit(g, levels[i]), vn_gaz_default_unit(h, levels[i]));
    assert_non_null(vn_gaz_default_unit(h, "province"));
    char *x = vn_gaz_expand(g, "ubnd tỉnh nghệ an"), *y = vn_gaz_expand(h, "ubnd tỉnh nghệ an");
    assert_string_equal(x, y);
    free(x);
    free(y);
    assert_int_equal(vn_gaz_add(h, "Thêm", NULL, VN_C_PLACE, "", "", "x:1"), VNNER_EINVAL); /* read-only */
    vn_gaz_free(h);
    vn_gaz_free(g);
    assert_int_equal(test_remove(dir), 0);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *p = malloc(*len);
    assert_int_equal(fread(p, 1, *len, f), *len);
    fclose(f);
    return p;
}

static void spill(const char *path, const char *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void test_refused(void **state)
{
    (void)state;
    char dir[64], db[96], path[128], bad[128];
    assert_int_equal(test_scratch(dir, sizeof dir, db, sizeof db, "vnner-image"), 0);
    vn_gaz *g = source_gazetteer(), *h = (vn_gaz *)1;
    image_path(path, sizeof path, dir, "g.img");
    image_path(bad, sizeof bad, dir, "bad.img");
    assert_int_equal(vn_gaz_image_map(&h, path, KEY, sizeof KEY - 1), VNNER_ENOTFOUND); /* none yet */
    assert_null(h);
    assert_int_equal(vn_gaz_image_write(g, path, KEY, sizeof KEY - 1), 0);
    assert_int_equal(vn_gaz_image_map(&h, path, "other key\n", 10), VNNER_ENOTFOUND);
    assert_int_equal(vn_gaz_image_map(&h, path, "test kez\n", sizeof KEY - 1), VNNER_ENOTFOUND);
    size_t len;
    char *img = slurp(path, &len);
    const size_t cut[] = {0, 7, 8, 100, len / 2, len - 16, len - 1};
    for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
        spill(bad, img, cut[i]);
        assert_int_equal(vn_gaz_image_map(&h, bad, KEY, sizeof KEY - 1), VNNER_ENOTFOUND);
        assert_null(h);
    }
    spill(bad, img, len);
    assert_int_equal(vn_gaz_image_map(&h, bad, KEY, sizeof KEY - 1), 0);
    vn_gaz_free(h);
    const size_t header[] = {0, 8, 16, 24, 32, 64, 80};
    for (size_t i = 0; i < sizeof header / sizeof *header; i++) { /* magic, byte order, sizes */
        img[header[i]] ^= 0x5a;
        spill(bad, img, len);
        assert_int_equal(vn_gaz_image_map(&h, bad, KEY, sizeof KEY - 1), VNNER_ENOTFOUND);
        img[header[i]] ^= 0x5a;
    }
    free(img);
    vn_gaz_free(g);
    assert_int_equal(test_remove(dir), 0);
}

/* A byte changed anywhere: refused, or mapped and safe to walk (the sanitizers see every read). */
static void test_damaged_is_safe(void **state)
{
    (void)state;
    char dir[64], db[96], path[128], bad[128];
    assert_int_equal(test_scratch(dir, sizeof dir, db, sizeof db, "vnner-image"), 0);
    vn_gaz *g;
    vnner_error err;
    assert_int_equal(vn_gaz_new(&g), 0);
    assert_int_equal(vn_gaz_load_file(g, VNNER_SOURCE_DIR "/gazetteer/countries.tsv", &err), 0);
    image_path(path, sizeof path, dir, "g.img");
    image_path(bad, sizeof bad, dir, "bad.img");
    assert_int_equal(vn_gaz_image_write(g, path, KEY, sizeof KEY - 1), 0);
    size_t len, refused = 0, mapped = 0;
    char *img = slurp(path, &len);
    srand(20261204);
    for (int k = 0; k < 400; k++) {
        size_t at = (size_t)rand() % len;
        char was = img[at];
        img[at] = (char)(rand() & 0xff);
        spill(bad, img, len);
        vn_gaz *h;
        int rc = vn_gaz_image_map(&h, bad, KEY, sizeof KEY - 1);
        assert_true(rc == 0 || rc == VNNER_ENOTFOUND);
        if (rc == 0) {
            mapped++;
            for (uint32_t i = 1; i <= vn_gaz_count(g, -1); i += 7)
                same_walks(h, h, vn_gaz_entry(g, i)->surface);
            vn_gaz_free(h);
        } else {
            refused++;
        }
        img[at] = was;
    }
    assert_true(refused > 0 && mapped > 0); /* tables are checked; string bytes are only text */
    free(img);
    vn_gaz_free(g);
    assert_int_equal(test_remove(dir), 0);
}

/* ---- the model's cache ---- */

static size_t images_in(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += strncmp(de->d_name, "lexicon-", 8) == 0 && strstr(de->d_name, ".img") != NULL;
    if (d)
        closedir(d);
    return n;
}

static vnner_model *load(const char *extra, const char *cache)
{
    vnner_model_options o = VNNER_MODEL_OPTIONS_INIT;
    const char *dirs[1] = {extra};
    o.datadir = VNNER_SOURCE_DIR;
    o.gazetteer_dirs = dirs;
    o.n_gazetteer_dirs = 1;
    o.cache_dir = cache;
    vnner_model *m;
    vnner_error err;
    assert_int_equal(vnner_model_load_with(&m, &o, &err), 0);
    return m;
}

/* The text of the first BODY that M finds in TEXT, or "" (a static buffer). */
static const char *body_in(const vnner_model *m, const char *text)
{
    static char out[128];
    vnner_doc *d;
    vnner_error err;
    out[0] = 0;
    assert_int_equal(vnner_doc_new(&d), 0);
    assert_int_equal(vnner_doc_annotate(d, m, text, strlen(text), NULL, &err), 0);
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (e->type == VNNER_BODY && !out[0])
            snprintf(out, sizeof out, "%.*s", (int)(e->bend - e->bstart), text + e->bstart);
    }
    vnner_doc_free(d);
    return out;
}

#define HDR "surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\n"
static const char TEXT[] = "Ông Nguyễn Văn An, Trưởng Ban Zeta Thử Nghiệm, phát biểu tại Ban Omega Mẫu.";

/* A scratch folder DIR with a gazetteer folder EXTRA in it holding x.tsv, one listed body. */
static void scratch_with_list(char *dir, size_t n, char *extra, size_t m)
{
    char db[128];
    assert_int_equal(test_scratch(dir, n, db, sizeof db, "vnner-cache"), 0);
    snprintf(extra, m, "%s/extra", dir);
    assert_int_equal(mkdir(extra, 0755), 0);
    free(write_temp(extra, "x.tsv", HDR "Ban Zeta Thử Nghiệm\t\tBODY\t\t\t\n"));
}

static void test_cache_follows_the_lists(void **state)
{
    (void)state;
    char dir[64], extra[96], cache[96];
    scratch_with_list(dir, sizeof dir, extra, sizeof extra);
    snprintf(cache, sizeof cache, "%s/cache/vnner", dir); /* made as needed, parents too */

    vnner_model *m = load(extra, cache); /* the lists, and the image written */
    assert_null(m->gaz->map);
    assert_int_equal(images_in(cache), 1);
    assert_string_equal(body_in(m, TEXT), "Ban Zeta Thử Nghiệm");
    vnner_model_free(m);
    m = load(extra, cache); /* the image */
    assert_non_null(m->gaz->map);
    assert_string_equal(body_in(m, TEXT), "Ban Zeta Thử Nghiệm");
    vnner_model_free(m);

    free(write_temp(extra, "x.tsv", HDR "Ban Omega Mẫu\t\tBODY\t\t\t\n")); /* the list changes */
    m = load(extra, cache);
    assert_null(m->gaz->map);
    assert_string_equal(body_in(m, TEXT), "Ban Omega Mẫu");
    vnner_model_free(m);
    m = load(extra, cache);
    assert_non_null(m->gaz->map);
    assert_string_equal(body_in(m, TEXT), "Ban Omega Mẫu");
    assert_int_equal(images_in(cache), 1); /* replaced, not added */
    vnner_model_free(m);

    free(write_temp(extra, "y.tsv", HDR "Ban Zeta Thử Nghiệm\t\tBODY\t\t\t\n")); /* a list is added */
    m = load(extra, cache);
    assert_null(m->gaz->map);
    assert_string_equal(body_in(m, TEXT), "Ban Zeta Thử Nghiệm");
    vnner_model_free(m);
    assert_int_equal(test_remove(dir), 0);
}

static void test_cache_off_or_unusable(void **state)
{
    (void)state;
    char dir[64], extra[96], cache[96];
    scratch_with_list(dir, sizeof dir, extra, sizeof extra);
    for (int k = 0; k < 2; k++) { /* "" is no cache: the lists each time */
        vnner_model *m = load(extra, "");
        assert_null(m->gaz->map);
        vnner_model_free(m);
    }
    vnner_model *m = load(extra, "/proc/vnner-no-such-cache"); /* cannot be made: only slower */
    assert_null(m->gaz->map);
    assert_string_equal(body_in(m, TEXT), "Ban Zeta Thử Nghiệm");
    vnner_model_free(m);

    snprintf(cache, sizeof cache, "%s/cache", dir);
    assert_int_equal(mkdir(cache, 0700), 0);
    char old[160];
    for (int i = 0; i < 10; i++) { /* images of other folder sets, used long ago */
        snprintf(old, sizeof old, "lexicon-old%d.img", i);
        char *p = write_temp(cache, old, "x");
        struct timespec t[2] = {{1000000 + i, 0}, {1000000 + i, 0}};
        assert_int_equal(utimensat(AT_FDCWD, p, t, 0), 0);
        free(p);
    }
    free(write_temp(cache, "lexicon-old.img.AbCdEf", "half")); /* an interrupted write, long ago */
    snprintf(old, sizeof old, "%s/lexicon-old.img.AbCdEf", cache);
    struct timespec t[2] = {{1000000, 0}, {1000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, old, t, 0), 0);
    m = load(extra, cache);
    vnner_model_free(m);
    assert_int_equal(images_in(cache), 8);
    assert_int_equal(access(old, F_OK), -1);
    snprintf(old, sizeof old, "%s/lexicon-old0.img", cache); /* the oldest went */
    assert_int_equal(access(old, F_OK), -1);
    snprintf(old, sizeof old, "%s/lexicon-old9.img", cache);
    assert_int_equal(access(old, F_OK), 0);
    m = load(extra, cache); /* the new image was kept */
    assert_non_null(m->gaz->map);
    vnner_model_free(m);
    assert_int_equal(test_remove(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_damaged_is_safe),
        cmocka_unit_test(test_cache_follows_the_lists),
        cmocka_unit_test(test_cache_off_or_unusable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
