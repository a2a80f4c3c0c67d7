/* vnner annotate: tags each document and writes it in the chosen format. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "exit.h"

enum { IN_TEXT, IN_JSONL, IN_HTML };

typedef struct ann_ctx {
    vnner_model *model;
    vnner_doc *doc;
    vnner_format fmt;
    unsigned flags;
    int input;
    const char *date;
    size_t max;
    vn_gazetteers gaz;
    int failed;
} ann_ctx;

static void usage(FILE *f)
{
    fputs("usage: vnner annotate [--format jsonl|text|conll|brat|html] [--input text|jsonl|html]\n"
          "                      [--with-text] [--date YYYY-MM-DD] [--explain]\n"
          "                      [--gazetteer DIR]... [--rules DIR]... [--max-size BYTES] [FILE... | -]\n"
          "Tags PERSON, POSITION, BODY, EVENT, PLACE and DATE in each document and\n"
          "prints one result per document on standard output.  Without FILE (or with\n"
          "-) reads standard input, unless it is a terminal.\n"
          "  --format F      jsonl (default), text, conll, brat or html\n"
          "  --input I       text (default): each FILE is one article;\n"
          "                  jsonl: one {\"id\",\"text\",\"date\"?} object a line;\n"
          "                  html: a page saved from a news site (offsets refer to its text)\n"
          "  --with-text     jsonl: add the document's text (for ingest --input annotated)\n"
          "  --date D        publication date, overriding the dateline\n"
          "  --explain       text: show the rule or gazetteer entry behind each entity\n"
          "  --gazetteer DIR load every *.tsv of DIR after the built-in lists (repeatable)\n"
          "  --rules DIR     load every *.rules of DIR after the built-in rules; a rule\n"
          "                  with a built-in id replaces it (repeatable)\n",
          f);
    fprintf(f, "  --max-size N    refuse documents (and JSON Lines lines) over N bytes (default %zu)\n",
            VNNER_DEFAULT_MAX_BYTES);
    fputs("Exit status: 0 all documents done, 1 some document could not be read (the\n"
          "others are still done), 2 wrong usage.\n",
          f);
}

static void annotate_one(ann_ctx *c, const char *name, const char *where, const char *text, size_t len,
                         const char *date, const char *source)
{
    vnner_error err = {0};
    vnner_annotate_options o = VNNER_ANNOTATE_OPTIONS_INIT;
    o.date = date ? date : c->date;
    o.source = source;
    o.max_bytes = c->max;
    if (vnner_doc_annotate(c->doc, c->model, text, len, &o, &err)) {
        vn_cli_err("%s: %s", where, err.message);
        c->failed = 1;
        return;
    }
    int w = vnner_doc_write(c->doc, stdout, c->fmt, name, c->flags);
    if (w == VNNER_ENOMEM)
        vn_cli_oom();
    if (w) /* the output is gone: the other documents would be lost too */
        exit(vn_cli_write_failed(stdout, "standard output", errno));
}

static void report(ann_ctx *c, char *msg)
{
    vn_cli_err("%s", msg);
    free(msg);
    c->failed = 1;
}

/* --input jsonl: one record a line. */
static void annotate_lines(ann_ctx *c, const char *path)
{
    vn_lines r;
    char *msg;
    int k;
    if (vn_lines_open(&r, path, c->max, &msg)) {
        report(c, msg);
        return;
    }
    while ((k = vn_lines_next(&r, &msg)) != 0) {
        vn_jsonl_doc d;
        if (k < 0) {
            report(c, msg);
            continue;
        }
        if (vn_jsonl_doc_parse(&d, r.line, r.len, &r.pos, &msg)) {
            report(c, msg);
            continue;
        }
        char *where = vn_line_where(&r.pos);
        annotate_one(c, d.id, where, d.text, d.len, d.date, d.source);
        free(where);
        vn_jsonl_doc_free(&d);
    }
    vn_lines_close(&r);
}

/* --input text or html: the file is one document. */
static void annotate_file(ann_ctx *c, const char *path)
{
    char *text;
    size_t len;
    if (vn_cli_read_file(path, c->max, &text, &len)) {
        c->failed = 1;
        return;
    }
    if (c->input == IN_HTML) {
        char *page = text;
        if (vnner_html_to_text(&text, &len, page, len))
            vn_cli_oom();
        free(page);
    }
    annotate_one(c, path, path, text, len, NULL, NULL);
    free(text);
}

static int parse_format(const char *s, vnner_format *f)
{
    static const char *names[] = {"jsonl", "text", "conll", "brat", "html"};
    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0) {
            *f = (vnner_format)i;
            return 0;
        }
    vn_cli_err("unknown format '%s' (jsonl, text, conll, brat, html)", s);
    return -1;
}

static int parse_input(const char *s, int *input)
{
    if (!strcmp(s, "text"))
        *input = IN_TEXT;
    else if (!strcmp(s, "jsonl"))
        *input = IN_JSONL;
    else if (!strcmp(s, "html"))
        *input = IN_HTML;
    else {
        vn_cli_err("unknown input '%s' (text, jsonl, html)", s);
        return -1;
    }
    return 0;
}

/* The options into C; VN_CLI_GO_ON, or the exit status. */
static int parse_options(int argc, char **argv, ann_ctx *c)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"input", required_argument, 0, 'i'},
        {"with-text", no_argument, 0, 'w'},    {"date", required_argument, 0, 'd'},
        {"explain", no_argument, 0, 'x'},      {"gazetteer", required_argument, 0, 'g'},
        {"rules", required_argument, 0, 'R'}, {"max-size", required_argument, 0, 'm'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "f:i:wd:xg:R:m:h", opts, NULL)) != -1) {
        switch (o) {
        case 'f': if (parse_format(optarg, &c->fmt)) return VN_EXIT_USAGE; break;
        case 'i': if (parse_input(optarg, &c->input)) return VN_EXIT_USAGE; break;
        case 'w': c->flags |= VNNER_OUT_WITH_TEXT; break;
        case 'd': c->date = optarg; break;
        case 'x': c->flags |= VNNER_OUT_EXPLAIN; break;
        case 'g':
        case 'R': if (vn_cli_data_option(o, optarg, &c->gaz) != VN_CLI_GO_ON) return VN_EXIT_USAGE; break;
        case 'm': if (vn_cli_parse_size(optarg, &c->max)) return VN_EXIT_USAGE; break;
        case 'h': usage(stdout); return VN_EXIT_OK;
        default: usage(stderr); return VN_EXIT_USAGE;
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) { /* no FILE: standard input, unless it is a terminal */
        usage(stderr);
        return VN_EXIT_USAGE;
    }
    if (c->date && vn_cli_parse_day("--date", c->date)) /* a usage error, not every document's */
        return VN_EXIT_USAGE;
    return VN_CLI_GO_ON;
}

int vn_cmd_annotate(int argc, char **argv)
{
    ann_ctx c = {.fmt = VNNER_FMT_JSONL, .input = IN_TEXT};
    int rc = parse_options(argc, argv, &c);
    if (rc != VN_CLI_GO_ON)
        return rc;
    if (!c.max)
        c.max = VNNER_DEFAULT_MAX_BYTES;
    if (c.fmt == VNNER_FMT_TEXT && vn_cli_colour(STDOUT_FILENO))
        c.flags |= VNNER_OUT_COLOR;
    if (vn_cli_load_model(&c.model, &c.gaz))
        return VN_EXIT_USAGE;
    if (vnner_doc_new(&c.doc))
        vn_cli_oom();
    static char *dash[] = {"-"};
    char **files = optind < argc ? argv + optind : dash;
    int nfiles = optind < argc ? argc - optind : 1;
    for (int i = 0; i < nfiles; i++) {
        if (c.input == IN_JSONL)
            annotate_lines(&c, files[i]);
        else
            annotate_file(&c, files[i]);
    }
    rc = vn_cli_flush_stdout();
    vnner_doc_free(c.doc);
    vnner_model_free(c.model);
    return c.failed ? VN_EXIT_BAD_INPUT : rc;
}
