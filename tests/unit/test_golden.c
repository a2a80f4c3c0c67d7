/* Golden files: tests/golden/NAME.ann hold articles written for these tests,
 * marked up with the entities (and relations) a reader expects.  Each is
 * annotated and must come out exactly so. */
#include "support.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline/doc.h"
#include "util/buf.h"
#include "store/store.h"

typedef struct gold_ent {
    int type;
    size_t bs, be;
    char value[24];
} gold_ent;

typedef struct gold {
    char name[64], date[16];
    vn_buf text;
    gold_ent ents[512];
    size_t n;
    char rels[64][256];
    size_t nrel;
} gold;

static int type_of(const char *s, size_t n)
{
    for (int t = 0; t < VNNER_NTYPES; t++)
        if (strlen(vnner_type_name((vnner_type)t)) == n && !memcmp(vnner_type_name((vnner_type)t), s, n))
            return t;
    return -1;
}

/* Parses the markup between the two "---" lines into text and entities. */
static void parse_body(gold *g, const char *s, size_t n)
{
    size_t stack[32];
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{') {
            size_t j = i + 1;
            while (j < n && s[j] >= 'A' && s[j] <= 'Z')
                j++;
            int t = type_of(s + i + 1, j - i - 1);
            assert_true(t >= 0 && sp < 32 && g->n < 512);
            gold_ent *e = &g->ents[g->n];
            memset(e, 0, sizeof *e);
            e->type = t;
            if (s[j] == '=') {
                size_t k = j + 1;
                while (k < n && s[k] != ' ')
                    k++;
                snprintf(e->value, sizeof e->value, "%.*s", (int)(k - j - 1), s + j + 1);
                j = k;
            }
            assert_true(s[j] == ' ');
            e->bs = g->text.len;
            stack[sp++] = g->n++;
            i = j;
        } else if (s[i] == '}') {
            assert_true(sp > 0);
            g->ents[stack[--sp]].be = g->text.len;
        } else {
            vn_buf_putc(&g->text, s[i]);
        }
    }
    assert_int_equal(sp, 0);
}

static void load_gold(gold *g, const char *path)
{
    char *data;
    size_t len;
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc(len + 1);
    assert_int_equal(fread(data, 1, len, f), len);
    data[len] = 0;
    fclose(f);
    memset(g, 0, sizeof *g);
    char *a = strstr(data, "\n---\n");
    assert_non_null(a);
    char *b = strstr(a + 5, "\n---\n");
    assert_non_null(b);
    for (char *l = data; l < a; l = strchr(l, '\n') + 1) {
        if (!strncmp(l, "@doc ", 5))
            sscanf(l + 5, "%63s", g->name);
        if (!strncmp(l, "@date ", 6))
            sscanf(l + 6, "%15s", g->date);
    }
    parse_body(g, a + 5, (size_t)(b - a - 5) + 1); /* keep the last newline */
    for (char *l = b + 5; *l && g->nrel < 64;) {
        char *e = strchr(l, '\n');
        size_t ln = e ? (size_t)(e - l) : strlen(l);
        if (ln)
            snprintf(g->rels[g->nrel++], 256, "%.*s", (int)ln, l);
        l += ln + (e ? 1 : 0);
    }
    free(data);
}

/* Exact spans, except that events match when they overlap: GUIDELINES call
 * their boundaries fuzzy and score them leniently. */
static int same_span(const vnner_entity *e, const gold_ent *g)
{
    if ((int)e->type != g->type)
        return 0;
    if (g->type == VNNER_EVENT)
        return e->bstart < g->be && g->bs < e->bend;
    return e->bstart == g->bs && e->bend == g->be;
}

/* Returns the number of differences, printing each. */
static int compare(const gold *g, const vnner_doc *d)
{
    int diffs = 0;
    const char *txt = g->text.p;
    for (size_t i = 0; i < g->n; i++) {
        const gold_ent *ge = &g->ents[i];
        int found = 0;
        for (size_t k = 0; k < vnner_doc_entity_count(d) && !found; k++) {
            const vnner_entity *e = vnner_doc_entity(d, k);
            if (same_span(e, ge)) {
                found = 1;
                if (ge->value[0] && (!e->value || strcmp(e->value, ge->value))) {
                    print_message("%s: DATE '%.*s' value %s, expected %s\n", g->name, (int)(ge->be - ge->bs),
                                  txt + ge->bs, e->value ? e->value : "null", ge->value);
                    diffs++;
                }
            }
        }
        if (!found) {
            print_message("%s: missed %s '%.*s'\n", g->name, vnner_type_name((vnner_type)ge->type),
                          (int)(ge->be - ge->bs), txt + ge->bs);
            diffs++;
        }
    }
    for (size_t k = 0; k < vnner_doc_entity_count(d); k++) {
        const vnner_entity *e = vnner_doc_entity(d, k);
        int found = 0;
        for (size_t i = 0; i < g->n && !found; i++)
            found = same_span(e, &g->ents[i]);
        if (!found) {
            print_message("%s: spurious %s '%.*s'\n", g->name, vnner_type_name(e->type),
                          (int)(e->bend - e->bstart), txt + e->bstart);
            diffs++;
        }
    }
    if (g->date[0] && (!vnner_doc_date(d) || strcmp(vnner_doc_date(d), g->date))) {
        print_message("%s: publication date %s, expected %s\n", g->name,
                      vnner_doc_date(d) ? vnner_doc_date(d) : "null", g->date);
        diffs++;
    }
    return diffs;
}

/* "HOLDS | person | post | qualifier", "AWARDED | recipient | award | giver",
 * "AUTHOR | person" as normalised keys; PARTICIPATES is left to the dev-set
 * scorer, whose reading of roles is the reference. */
static char *rel_key(const char *line)
{
    char f[4][256] = {{0}};
    int n = 0;
    for (const char *p = line; *p && n < 4; n++) {
        const char *e = strchr(p, '|');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        while (l && p[l - 1] == ' ')
            l--;
        while (l && *p == ' ')
            p++, l--;
        snprintf(f[n], sizeof f[n], "%.*s", (int)l, p);
        p = e ? e + 1 : p + strlen(p);
    }
    vn_buf b = {0};
    const vnner_model *m = test_model();
    if (!strcmp(f[0], "HOLDS") || !strcmp(f[0], "AWARDED")) {
        char *a = vn_normalize_str(f[1], strlen(f[1]));
        char *k = vn_store_key(m, !strcmp(f[0], "HOLDS") ? f[2] : f[3]);
        vn_buf_printf(&b, "%s|%s|%s", f[0], a, k);
        free(a);
        free(k);
    } else if (!strcmp(f[0], "AUTHOR")) {
        char *a = vn_normalize_str(f[1], strlen(f[1]));
        vn_buf_printf(&b, "AUTHOR|%s", a);
        free(a);
    }
    return b.p;
}

static char *pred_key(const vnner_doc *d, const char *text, const vnner_relation *r)
{
    char line[1024];
    const vnner_entity *p = r->person >= 0 ? vnner_doc_entity(d, (size_t)r->person) : NULL;
    const vnner_entity *t = r->target >= 0 ? vnner_doc_entity(d, (size_t)r->target) : NULL;
    int pl = p ? (int)(p->bend - p->bstart) : 0, tl = t ? (int)(t->bend - t->bstart) : 0;
    const char *ps = p ? text + p->bstart : "", *ts = t ? text + t->bstart : "";
    if (r->type == VNNER_HOLDS)
        snprintf(line, sizeof line, "HOLDS | %.*s | %s", pl, ps, r->post);
    else if (r->type == VNNER_AWARDED)
        snprintf(line, sizeof line, "AWARDED | %.*s | %s | %.*s", p ? pl : (int)strlen(r->recipient ? r->recipient : ""),
                 p ? ps : r->recipient ? r->recipient : "", r->award ? r->award : "", tl, ts);
    else if (r->type == VNNER_AUTHOR)
        snprintf(line, sizeof line, "AUTHOR | %.*s", pl, ps);
    else
        return NULL;
    return rel_key(line);
}

static int compare_relations(const gold *g, const vnner_doc *d)
{
    int diffs = 0;
    char *want[64], *got[128];
    size_t nw = 0, ng = 0;
    for (size_t i = 0; i < g->nrel; i++)
        if ((want[nw] = rel_key(g->rels[i])))
            nw++;
    for (size_t i = 0; i < vnner_doc_relation_count(d) && ng < 128; i++)
        if ((got[ng] = pred_key(d, g->text.p, vnner_doc_relation(d, i))))
            ng++;
    for (size_t i = 0; i < nw; i++) {
        int found = 0;
        for (size_t k = 0; k < ng && !found; k++)
            found = !strcmp(want[i], got[k]);
        if (!found) {
            print_message("%s: missed relation %s\n", g->name, want[i]);
            diffs++;
        }
    }
    for (size_t k = 0; k < ng; k++) {
        int found = 0;
        for (size_t i = 0; i < nw && !found; i++)
            found = !strcmp(want[i], got[k]);
        if (!found) {
            print_message("%s: spurious relation %s\n", g->name, got[k]);
            diffs++;
        }
    }
    for (size_t i = 0; i < nw; i++)
        free(want[i]);
    for (size_t k = 0; k < ng; k++)
        free(got[k]);
    return diffs;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_golden_files(void **state)
{
    (void)state;
    DIR *dir = opendir(VNNER_TEST_DIR "/golden");
    assert_non_null(dir);
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dir)) && n < 256)
        if (strstr(de->d_name, ".ann"))
            names[n++] = strdup(de->d_name);
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);
    assert_true(n >= 1);
    int diffs = 0;
    static gold g;
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/golden/%s", VNNER_TEST_DIR, names[i]);
        load_gold(&g, path);
        const vnner_doc *d = test_annotate(g.text.p, NULL);
        assert_non_null(d);
        diffs += compare(&g, d) + compare_relations(&g, d);
        vn_buf_free(&g.text);
        free(names[i]);
    }
    assert_int_equal(diffs, 0);
}

/* tests/golden-hard holds articles in other outlets' styles (datelines in the
 * lead, bylines on top, lists of appointments, district news, foreign visits)
 * that vnner does not get entirely right yet: it must keep scoring at least
 * what it scores now, so that no change makes it worse unnoticed. */
static void count_entities(const gold *g, const vnner_doc *d, size_t *tp, size_t *fp, size_t *fn)
{
    for (size_t i = 0; i < g->n; i++) {
        int found = 0;
        for (size_t k = 0; k < vnner_doc_entity_count(d) && !found; k++)
            found = same_span(vnner_doc_entity(d, k), &g->ents[i]);
        *tp += (size_t)found;
        *fn += (size_t)!found;
    }
    for (size_t k = 0; k < vnner_doc_entity_count(d); k++) {
        int found = 0;
        for (size_t i = 0; i < g->n && !found; i++)
            found = same_span(vnner_doc_entity(d, k), &g->ents[i]);
        *fp += (size_t)!found;
    }
}

static double f1(size_t tp, size_t fp, size_t fn)
{
    return tp ? 2.0 * (double)tp / (double)(2 * tp + fp + fn) : 0.0;
}

static void test_golden_hard(void **state)
{
    (void)state;
    DIR *dir = opendir(VNNER_TEST_DIR "/golden-hard");
    assert_non_null(dir);
    char *names[256];
    size_t n = 0, tp = 0, fp = 0, fn = 0, diffs = 0, rels = 0;
    struct dirent *de;
    while ((de = readdir(dir)) && n < 256)
        if (strstr(de->d_name, ".ann"))
            names[n++] = strdup(de->d_name);
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);
    assert_true(n >= 1);
    static gold g;
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/golden-hard/%s", VNNER_TEST_DIR, names[i]);
        load_gold(&g, path);
        const vnner_doc *d = test_annotate(g.text.p, NULL);
        assert_non_null(d);
        count_entities(&g, d, &tp, &fp, &fn);
        diffs += (size_t)compare_relations(&g, d);
        for (size_t k = 0; k < g.nrel; k++) {
            char *key = rel_key(g.rels[k]);
            rels += key != NULL;
            free(key);
        }
        vn_buf_free(&g.text);
        free(names[i]);
    }
    double ef = f1(tp, fp, fn), rerr = rels ? (double)diffs / (double)rels : 0;
    print_message("golden-hard: entity F1 %.3f (%zu found, %zu spurious, %zu missed); relation differences %zu of %zu\n",
                  ef, tp, fp, fn, diffs, rels);
    assert_true(ef >= 0.98);   /* measured 0.986 when these articles were added */
    assert_true(rerr <= 0.10); /* measured 9 of 104 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_golden_files), cmocka_unit_test(test_golden_hard)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
