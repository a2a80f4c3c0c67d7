/* vnner annotate: tags each document and writes it in the chosen format. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"

/* A printf format: the default of --max-size is VNNER_DEFAULT_MAX_BYTES. */
static const char *const annotate_help =
    "usage: vnner annotate [--format jsonl|text|conll|brat|html] [--input text|jsonl|html]\n"
    "                      [--with-text] [--date YYYY-MM-DD] [--explain]\n"
    "                      [--gazetteer DIR]... [--max-size BYTES] FILE... | -\n"
    "Tags PERSON, POSITION, BODY, EVENT, PLACE and DATE in each document and\n"
    "prints one result per document on standard output.\n"
    "  --format F      jsonl (default), text, conll, brat or html\n"
    "  --input I       text (default): each FILE is one article;\n"
    "                  jsonl: one {\"id\",\"text\",\"date\"?} object a line;\n"
    "                  html: a page saved from a news site (offsets refer to its text)\n"
    "  --with-text     jsonl: add the document's text (for ingest --input annotated)\n"
    "  --date D        publication date, overriding the dateline\n"
    "  --explain       text: show the rule or gazetteer entry behind each entity\n"
    "  --gazetteer DIR load every *.tsv of DIR after the built-in lists (repeatable)\n"
    "  --max-size N    refuse documents over N bytes (default %zu)\n"
    "Exit status: 0 all documents done, 1 some document could not be read (the\n"
    "others are still done), 2 wrong usage.\n";

typedef struct ann_ctx {
    vnner_model *model;
    vnner_doc *doc;
    vnner_format fmt;
    unsigned flags;
    const char *date;
    size_t max;
    int failed;
} ann_ctx;

static void annotate_one(ann_ctx *c, const char *name, const char *where, const char *text, size_t len,
                         const char *date)
{
    vnner_error err;
    vnner_annotate_options o = {date ? date : c->date, c->max};
    if (vnner_doc_annotate(c->doc, c->model, text, len, &o, &err)) {
        vn_cli_err("%s: %s", where, err.message);
        c->failed = 1;
        return;
    }
    if (vnner_doc_write(c->doc, stdout, c->fmt, name, c->flags)) {
        vn_cli_err("cannot write to standard output: %s", strerror(errno));
        exit(VN_EXIT_BAD_INPUT);
    }
}

static void annotate_jsonl(ann_ctx *c, const char *path)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        vn_cli_err("%s: cannot open: %s", path, strerror(errno));
        c->failed = 1;
        return;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        vn_cli_err("%s: is a directory, not a file", path);
        c->failed = 1;
        if (fp != stdin)
            fclose(fp);
        return;
    }
    char *line = NULL, where[512];
    size_t cap = 0, lineno = 0;
    long long off = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        long long here = off;
        off += n;
        if (strspn(line, " \t\r\n") == (size_t)n)
            continue;
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)n, 0, &je);
        snprintf(where, sizeof where, "%s:%zu: byte %lld", path, lineno, here + (o ? 0 : je.position));
        const char *text = NULL, *date = NULL;
        char idbuf[64];
        const char *id = NULL;
        if (!o) {
            vn_cli_err("%s: malformed JSON: %s", where, je.text);
            c->failed = 1;
            continue;
        }
        json_t *t = json_object_get(o, "text"), *jid = json_object_get(o, "id"), *jd = json_object_get(o, "date");
        if (!json_is_object(o) || !json_is_string(t)) {
            vn_cli_err("%s: a record must be an object with a \"text\" string", where);
            c->failed = 1;
            json_decref(o);
            continue;
        }
        text = json_string_value(t);
        if (json_is_string(jid))
            id = json_string_value(jid);
        else if (json_is_integer(jid)) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(jid));
            id = idbuf;
        } else {
            snprintf(idbuf, sizeof idbuf, "%s:%zu", path, lineno);
            id = idbuf;
        }
        if (json_is_string(jd))
            date = json_string_value(jd);
        annotate_one(c, id, where, text, json_string_length(t), date);
        json_decref(o);
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
}

static int parse_format(const char *s, vnner_format *f)
{
    static const char *names[] = {"jsonl", "text", "conll", "brat", "html"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0) {
            *f = (vnner_format)i;
            return 0;
        }
    return -1;
}

int vn_cmd_annotate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"input", required_argument, 0, 'i'},
        {"with-text", no_argument, 0, 'w'},    {"date", required_argument, 0, 'd'},
        {"explain", no_argument, 0, 'x'},      {"gazetteer", required_argument, 0, 'g'},
        {"max-size", required_argument, 0, 'm'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    ann_ctx c = {0};
    char *gaz[32];
    size_t ngaz = 0;
    int jsonl = 0, html = 0, o;
    c.fmt = VNNER_FMT_JSONL;
    while ((o = getopt_long(argc, argv, "f:i:wd:xg:m:h", opts, NULL)) != -1) {
        switch (o) {
        case 'f':
            if (parse_format(optarg, &c.fmt)) {
                vn_cli_err("unknown format '%s' (jsonl, text, conll, brat, html)", optarg);
                return VN_EXIT_USAGE;
            }
            break;
        case 'i':
            if (strcmp(optarg, "jsonl") && strcmp(optarg, "text") && strcmp(optarg, "html")) {
                vn_cli_err("unknown input '%s' (text, jsonl, html)", optarg);
                return VN_EXIT_USAGE;
            }
            jsonl = strcmp(optarg, "jsonl") == 0;
            html = strcmp(optarg, "html") == 0;
            break;
        case 'w': c.flags |= VNNER_OUT_WITH_TEXT; break;
        case 'd': c.date = optarg; break;
        case 'x': c.flags |= VNNER_OUT_EXPLAIN; break;
        case 'g':
            if (ngaz < 32)
                gaz[ngaz++] = optarg;
            break;
        case 'm':
            if (vn_cli_parse_size(optarg, &c.max))
                return VN_EXIT_USAGE;
            break;
        case 'h': fprintf(stdout, annotate_help, VNNER_DEFAULT_MAX_BYTES); return 0;
        default: fprintf(stderr, annotate_help, VNNER_DEFAULT_MAX_BYTES); return VN_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, annotate_help, VNNER_DEFAULT_MAX_BYTES);
        return VN_EXIT_USAGE;
    }
    if (c.date && (strlen(c.date) != 10 || c.date[4] != '-' || c.date[7] != '-')) {
        vn_cli_err("--date takes YYYY-MM-DD, not '%s'", c.date);
        return VN_EXIT_USAGE;
    }
    if (!c.max)
        c.max = VNNER_DEFAULT_MAX_BYTES;
    if (c.fmt == VNNER_FMT_TEXT && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"))
        c.flags |= VNNER_OUT_COLOR;
    if (vn_cli_load_model(&c.model, gaz, ngaz))
        return VN_EXIT_USAGE;
    if (vnner_doc_new(&c.doc)) {
        vnner_model_free(c.model);
        return VN_EXIT_BAD_INPUT;
    }
    for (int i = optind; i < argc; i++) {
        if (jsonl) {
            annotate_jsonl(&c, argv[i]);
            continue;
        }
        char *text;
        size_t len;
        if (vn_cli_read_file(argv[i], c.max, &text, &len)) {
            c.failed = 1;
            continue;
        }
        if (html) {
            char *t2;
            size_t l2;
            if (vnner_html_to_text(&t2, &l2, text, len)) {
                vn_cli_err("%s: out of memory", argv[i]);
                c.failed = 1;
                free(text);
                continue;
            }
            free(text);
            text = t2;
            len = l2;
        }
        annotate_one(&c, argv[i], argv[i], text, len, NULL);
        free(text);
    }
    fflush(stdout);
    vnner_doc_free(c.doc);
    vnner_model_free(c.model);
    return c.failed ? VN_EXIT_BAD_INPUT : 0;
}
