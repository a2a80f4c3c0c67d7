/* vnner rules: the rules of the model, their examples run as tests
 * (--check), and which rules fire on a set of articles (--coverage). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "exit.h"

static const char *const rules_help =
    "usage: vnner rules [--gazetteer DIR]... [--rules DIR]... [--check] [--coverage FILE...]\n"
    "Lists the rules of the model (bundled, then each --rules folder) with where\n"
    "they are written.\n"
    "  --check      run every rule's examples ('example:' and 'expect:' lines) and\n"
    "               report each one that does not give what it expects\n"
    "  --coverage   annotate the FILEs and count what each rule found; list the\n"
    "               rules that found nothing\n"
    "Exit status: 0 done (every example passes), 1 an example failed or a FILE could\n"
    "not be read, 2 wrong usage or a rule file with an error.\n";

/* The text of entity I of DOC (bytes of TEXT), or "" for -1. */
static void entity_text(const vnner_doc *d, const char *text, int i, char *out, size_t cap)
{
    const vnner_entity *e = i >= 0 ? vnner_doc_entity(d, (size_t)i) : NULL;
    size_t n = e ? e->bend - e->bstart : 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, e ? text + e->bstart : "", n);
    out[n] = 0;
}

/* The value relation R shows under KEY, into OUT. */
static void rel_field(const vnner_doc *d, const char *text, const vnner_relation *r, const char *key, char *out,
                      size_t cap)
{
    const char *v = NULL;
    if (!strcmp(key, "person") || !strcmp(key, "recipient")) {
        entity_text(d, text, r->person, out, cap);
        if (!*out && r->recipient)
            snprintf(out, cap, "%s", r->recipient);
        return;
    }
    if (!strcmp(key, "giver") || !strcmp(key, "event")) {
        entity_text(d, text, r->target, out, cap);
        return;
    }
    v = !strcmp(key, "post") ? r->post : !strcmp(key, "qualifier") ? r->qualifier : !strcmp(key, "role") ? r->role
        : !strcmp(key, "award") ? r->award : !strcmp(key, "from") ? r->from : !strcmp(key, "to") ? r->to : NULL;
    snprintf(out, cap, "%s", v ? v : "");
}

/* Whether relation R satisfies every "key=value" of WANT ("; " between). */
static int rel_matches(const vnner_doc *d, const char *text, const vnner_relation *r, char *want)
{
    char buf[512];
    for (char *save = NULL, *kv = strtok_r(want, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
        while (*kv == ' ')
            kv++;
        char *eq = strchr(kv, '=');
        if (!eq)
            return 0;
        *eq = 0;
        char *v = eq + 1, *e = v + strlen(v);
        while (e > v && e[-1] == ' ')
            *--e = 0;
        rel_field(d, text, r, kv, buf, sizeof buf);
        *eq = '=';
        if (strcmp(buf, v))
            return 0;
    }
    return 1;
}

/* An entity rule's expectation: "TYPE TEXT" (an entity of the rule), or
 * "NONE TEXT" (no entity inside TEXT: the rule blocks them). */
static int entity_expect_ok(const vnner_doc *d, const char *text, const char *id, const char *expect)
{
    const char *sp = strchr(expect, ' ');
    if (!sp)
        return 0;
    size_t tl = (size_t)(sp - expect);
    const char *want = sp + 1;
    int none = tl == 4 && !memcmp(expect, "NONE", 4);
    const char *at = strstr(text, want);
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (none) {
            if (at && e->bstart >= (size_t)(at - text) && e->bend <= (size_t)(at - text) + strlen(want))
                return 0;
            continue;
        }
        const char *tn = vnner_type_name(e->type);
        if (e->rule && !strcmp(e->rule, id) && strlen(tn) == tl && !memcmp(tn, expect, tl) &&
            e->bend - e->bstart == strlen(want) && !memcmp(text + e->bstart, want, strlen(want)))
            return 1;
    }
    return none && at;
}

/* A relation rule's expectation: relations "key=value; ..." joined by " | ",
 * each given by the rule. */
static int relation_expect_ok(const vnner_doc *d, const char *text, const char *id, const char *expect)
{
    char *all = vn_xasprintf("%s", expect), *save = NULL;
    int ok = 1;
    for (char *one = strtok_r(all, "|", &save); one && ok; one = strtok_r(NULL, "|", &save)) {
        ok = 0;
        for (size_t i = 0; i < vnner_doc_relation_count(d) && !ok; i++) {
            const vnner_relation *r = vnner_doc_relation(d, i);
            char *w = vn_xasprintf("%s", one);
            ok = r->rule && !strcmp(r->rule, id) && rel_matches(d, text, r, w);
            free(w);
        }
    }
    free(all);
    return ok;
}

/* What DOC gave for rule ID, for a failure's message. */
static void print_got(const vnner_doc *d, const char *text, const char *id)
{
    char p[256], t[256];
    int any = 0;
    for (size_t i = 0; i < vnner_doc_relation_count(d); i++) {
        const vnner_relation *r = vnner_doc_relation(d, i);
        entity_text(d, text, r->person, p, sizeof p);
        entity_text(d, text, r->target, t, sizeof t);
        fprintf(stderr, "    got %s person=%s; post=%s; qualifier=%s; role=%s; award=%s; target=%s {%s}\n",
                r->type == VNNER_HOLDS ? "HOLDS" : r->type == VNNER_PARTICIPATES ? "PARTICIPATES"
                : r->type == VNNER_AWARDED ? "AWARDED" : "AUTHOR",
                p, r->post ? r->post : "", r->qualifier ? r->qualifier : "", r->role ? r->role : "",
                r->award ? r->award : "", t, r->rule ? r->rule : "");
        any = 1;
    }
    for (size_t i = 0; i < vnner_doc_entity_count(d); i++) {
        const vnner_entity *e = vnner_doc_entity(d, i);
        if (e->rule && !strcmp(e->rule, id)) {
            entity_text(d, text, (int)i, p, sizeof p);
            fprintf(stderr, "    got %s %s\n", vnner_type_name(e->type), p);
            any = 1;
        }
    }
    if (!any)
        fprintf(stderr, "    got nothing\n");
}

static int check_examples(const vnner_model *m)
{
    vnner_doc *d;
    if (vnner_doc_new(&d))
        vn_cli_oom();
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.date = "2025-01-15"; /* examples do not depend on the day they run */
    size_t nrule = vnner_model_rule_count(m), nex = 0, failed = 0, without = 0;
    for (size_t i = 0; i < nrule; i++) {
        vnner_rule_info in;
        vnner_model_rule(m, i, &in);
        without += in.n_examples == 0;
        for (size_t k = 0; k < in.n_examples; k++) {
            const char *text, *expect, *src;
            vnner_error err = {0};
            vnner_model_rule_example(m, i, k, &text, &expect, &src);
            nex++;
            int ok = 0;
            if (!vnner_doc_annotate(d, m, text, strlen(text), &o, &err))
                ok = expect && (in.relation ? relation_expect_ok(d, text, in.id, expect)
                                            : entity_expect_ok(d, text, in.id, expect));
            if (!ok) {
                failed++;
                fprintf(stderr, "%s: rule %s: the example does not give %s\n", src, in.id,
                        expect ? expect : "anything: no 'expect:' line");
                print_got(d, text, in.id);
            }
        }
    }
    vnner_doc_free(d);
    printf("%zu examples of %zu rules: %zu pass, %zu fail; %zu rules without an example\n", nex, nrule,
           nex - failed, failed, without);
    if (vn_cli_flush_stdout() != VN_EXIT_OK)
        return VN_EXIT_BAD_INPUT;
    return failed ? VN_EXIT_BAD_INPUT : VN_EXIT_OK;
}

/* Counts, per rule, the entities and relations of FILES that carry its id. */
static int coverage(const vnner_model *m, char **files, int nfiles)
{
    size_t nrule = vnner_model_rule_count(m);
    size_t *hits = calloc(nrule + 1, sizeof *hits);
    vnner_doc *d;
    if (!hits || vnner_doc_new(&d))
        vn_cli_oom();
    int rc = VN_EXIT_OK;
    vnner_rule_info *info = calloc(nrule + 1, sizeof *info);
    if (!info)
        vn_cli_oom();
    for (size_t i = 0; i < nrule; i++)
        vnner_model_rule(m, i, &info[i]);
    for (int f = 0; f < nfiles; f++) {
        char *text;
        size_t len;
        vnner_error err = {0};
        if (vn_cli_read_file(files[f], VNNER_DEFAULT_MAX_BYTES, &text, &len)) {
            rc = VN_EXIT_BAD_INPUT;
            continue;
        }
        if (vnner_doc_annotate(d, m, text, len, NULL, &err)) {
            vn_cli_err("%s: %s", files[f], err.message);
            rc = VN_EXIT_BAD_INPUT;
        } else {
            for (size_t i = 0; i < nrule; i++) {
                for (size_t k = 0; !info[i].relation && k < vnner_doc_entity_count(d); k++)
                    hits[i] += vnner_doc_entity(d, k)->rule && !strcmp(vnner_doc_entity(d, k)->rule, info[i].id);
                for (size_t k = 0; info[i].relation && k < vnner_doc_relation_count(d); k++)
                    hits[i] += vnner_doc_relation(d, k)->rule && !strcmp(vnner_doc_relation(d, k)->rule, info[i].id);
            }
        }
        free(text);
    }
    size_t never = 0;
    printf("%-32s %-9s %8s  %s\n", "rule", "phase", "found", "where");
    for (size_t i = 0; i < nrule; i++) {
        printf("%-32s %-9s %8zu  %s\n", info[i].id, info[i].relation ? "relations" : "entities", hits[i], info[i].src);
        never += hits[i] == 0;
    }
    printf("%zu of %zu rules found nothing in %d files%s\n", never, nrule, nfiles, never ? ":" : "");
    for (size_t i = 0; i < nrule; i++)
        if (!hits[i])
            printf("  %s (%s)\n", info[i].id, info[i].src);
    vnner_doc_free(d);
    free(hits);
    free(info);
    if (vn_cli_flush_stdout() != VN_EXIT_OK)
        return VN_EXIT_BAD_INPUT;
    return rc;
}

static void list_rules(const vnner_model *m)
{
    for (size_t i = 0; i < vnner_model_rule_count(m); i++) {
        vnner_rule_info in;
        vnner_model_rule(m, i, &in);
        printf("%-32s %-9s %2zu example%s  %s\n", in.id, in.relation ? "relations" : "entities", in.n_examples,
               in.n_examples == 1 ? " " : "s", in.src);
    }
}

int vn_cmd_rules(int argc, char **argv)
{
    static const struct option opts[] = {{"gazetteer", required_argument, 0, 'g'}, {"rules", required_argument, 0, 'R'},
                                         {"check", no_argument, 0, 'c'},         {"coverage", no_argument, 0, 'C'},
                                         {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
    vn_gazetteers gaz = {0};
    int check = 0, cover = 0, o;
    while ((o = getopt_long(argc, argv, "g:R:cCh", opts, NULL)) != -1) {
        switch (o) {
        case 'g':
        case 'R':
            if (vn_cli_data_option(o, optarg, &gaz) != VN_CLI_GO_ON)
                return VN_EXIT_USAGE;
            break;
        case 'c': check = 1; break;
        case 'C': cover = 1; break;
        case 'h': fputs(rules_help, stdout); return VN_EXIT_OK;
        default: fputs(rules_help, stderr); return VN_EXIT_USAGE;
        }
    }
    if (cover && optind >= argc) {
        vn_cli_err("--coverage needs the files to annotate");
        return VN_EXIT_USAGE;
    }
    if (!cover && optind < argc) {
        vn_cli_err("files are read only with --coverage");
        return VN_EXIT_USAGE;
    }
    vnner_model *m;
    if (vn_cli_load_model(&m, &gaz))
        return VN_EXIT_USAGE;
    int rc = VN_EXIT_OK;
    if (check)
        rc = check_examples(m);
    if (cover) {
        int c = coverage(m, argv + optind, argc - optind);
        rc = c > rc ? c : rc;
    }
    if (!check && !cover) {
        list_rules(m);
        rc = vn_cli_flush_stdout();
    }
    vnner_model_free(m);
    return rc;
}
