/* vnner annotate: tags each document and writes it in the chosen format. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    const char *outdir;   /* --out-dir: one file (brat: two) per document there, not standard output */
    char **used;          /* the names given so far, an open-addressing set of USED_CAP slots */
    size_t nused, used_cap;
} ann_ctx;

static void usage(FILE *f)
{
    fputs("usage: vnner annotate [--format jsonl|text|conll|brat|html] [--input text|jsonl|html]\n"
          "                      [--with-text] [--words] [--date YYYY-MM-DD] [--explain]\n"
          "                      [--gazetteer DIR]... [--rules DIR]... [--max-size BYTES] [--out-dir DIR]\n"
          "                      [FILE... | -]\n"
          "Tags PERSON, POSITION, BODY, EVENT, PLACE and DATE in each document and\n"
          "prints one result per document on standard output.  Without FILE (or with\n"
          "-) reads standard input, unless it is a terminal.\n"
          "  --format F      jsonl (default), text, conll, brat or html\n"
          "  --input I       text (default): each FILE is one article;\n"
          "                  jsonl: one {\"id\",\"text\",\"date\"?} object a line;\n"
          "                  html: a page saved from a news site (offsets refer to its text)\n"
          "  --with-text     jsonl: add the document's text (for ingest --input annotated)\n"
          "  --words         conll: one word a line as VnCoreNLP segments them (Bí_thư,\n"
          "                  Nguyễn_Văn_An), not one syllable\n"
          "  --date D        publication date, overriding the dateline\n"
          "  --out-dir DIR   one file per document in DIR (made if missing), named after the\n"
          "                  FILE or the record's id: NAME.jsonl, .vnner.txt, .conll, .html, or\n"
          "                  NAME.ann + NAME.txt for brat (with DIR/annotation.conf)\n"
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

/* ---- --out-dir: one file per document ---------------------------------- */

/* FNV-1a of S: where a name sits in the set. */
static size_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)h;
}

/* Whether NAME is taken, and takes it (a copy) when not. */
static int name_taken(ann_ctx *c, const char *name)
{
    if (2 * (c->nused + 1) > c->used_cap) { /* grow: at most half full */
        size_t cap = c->used_cap ? 2 * c->used_cap : 64;
        char **v = vn_xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < c->used_cap; i++)
            if (c->used[i]) {
                size_t h = name_hash(c->used[i]) & (cap - 1);
                while (v[h])
                    h = (h + 1) & (cap - 1);
                v[h] = c->used[i];
            }
        free(c->used);
        c->used = v;
        c->used_cap = cap;
    }
    size_t h = name_hash(name) & (c->used_cap - 1);
    for (; c->used[h]; h = (h + 1) & (c->used_cap - 1))
        if (!strcmp(c->used[h], name))
            return 1;
    c->used[h] = vn_xstrdup(name);
    c->nused++;
    return 0;
}

/* A file name for the document SRC (a path, "-", or a record's id) in the
 * output folder: its base name without the extension, with no separator or
 * control character, and made unique in this run ("a", "a-2"...); malloc'd. */
static char *out_name(ann_ctx *c, const char *src, int is_path)
{
    const char *base = src;
    if (is_path) {
        const char *slash = strrchr(src, '/');
        base = !strcmp(src, "-") ? "stdin" : slash ? slash + 1 : src;
    }
    size_t n = strlen(base);
    const char *dot = is_path ? strrchr(base, '.') : NULL;
    if (dot && dot > base)
        n = (size_t)(dot - base);
    if (n > 200) /* room for the suffixes; not inside a UTF-8 character */
        for (n = 200; n && ((unsigned char)base[n] & 0xC0) == 0x80; n--)
            ;
    char *stem = vn_xmalloc(n + 4);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)base[i];
        stem[i] = ch < 0x20 || ch == 0x7f || ch == '/' || ch == '\\' || (i == 0 && ch == '.') ? '_' : (char)ch;
    }
    if (!n)
        memcpy(stem, "doc", (n = 3));
    stem[n] = 0;
    if (!name_taken(c, stem))
        return stem;
    for (int k = 2;; k++) {
        char *name = vn_xasprintf("%s-%d", stem, k);
        if (!name_taken(c, name)) {
            free(stem);
            return name;
        }
        free(name);
    }
}

/* Writes LEN bytes of DATA (or, with DATA NULL, the document in C's format)
 * to FILE; reports a failure and marks the run failed. */
static void write_out(ann_ctx *c, const char *file, const char *docname, const char *data, size_t len)
{
    FILE *f = fopen(file, "w");
    if (!f) {
        vn_cli_err("cannot write %s: %s", file, strerror(errno));
        c->failed = 1;
        return;
    }
    int w = data ? (len && fwrite(data, 1, len, f) != len ? VNNER_EIO : 0)
                 : vnner_doc_write(c->doc, f, c->fmt, docname, c->flags & ~VNNER_OUT_COLOR);
    if (w == VNNER_ENOMEM)
        vn_cli_oom();
    if (w) {
        vn_cli_err("cannot write %s: %s", file, strerror(errno));
        c->failed = 1;
    }
    if (vn_cli_close_output(f, file))
        c->failed = 1;
}

static void write_files(ann_ctx *c, const char *docname, int is_path, const char *text, size_t len)
{
    static const char *ext[] = {".jsonl", ".vnner.txt", ".conll", ".ann", ".html"};
    char *name = out_name(c, docname, is_path);
    char *p = vn_xasprintf("%s/%s%s", c->outdir, name, ext[c->fmt]);
    write_out(c, p, docname, NULL, 0);
    free(p);
    if (c->fmt == VNNER_FMT_BRAT) { /* brat reads the text beside its standoff */
        p = vn_xasprintf("%s/%s.txt", c->outdir, name);
        write_out(c, p, docname, text, len);
        free(p);
    }
    free(name);
}

static void annotate_one(ann_ctx *c, const char *name, const char *where, const char *text, size_t len,
                         const char *date, const char *source, int is_path)
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
    if (c->outdir) {
        write_files(c, name, is_path, text, len);
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
        annotate_one(c, d.id, where, d.text, d.len, d.date, d.source, 0);
        free(where);
        vn_jsonl_doc_free(&d);
        if (!strcmp(path, "-") && !c->outdir)
            fflush(stdout); /* a streaming filter: each record's line as soon as it is done (errors: at the end) */
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
    char *date = NULL; /* a page's own publication date (a --date still wins) */
    if (c->input == IN_HTML) {
        char *page = text;
        if (vnner_html_article(&text, &len, &date, page, len))
            vn_cli_oom();
        free(page);
    }
    annotate_one(c, path, path, text, len, c->date ? NULL : date, NULL, 1);
    free(text);
    free(date);
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
        {"rules", required_argument, 0, 'R'}, {"max-size", required_argument, 0, 'm'},
        {"out-dir", required_argument, 0, 'O'}, {"words", no_argument, 0, 'W'}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "f:i:wxg:R:m:O:h", opts, NULL)) != -1) {
        switch (o) {
        case 'f': if (parse_format(optarg, &c->fmt)) return VN_EXIT_USAGE; break;
        case 'i': if (parse_input(optarg, &c->input)) return VN_EXIT_USAGE; break;
        case 'w': c->flags |= VNNER_OUT_WITH_TEXT; break;
        case 'd': c->date = optarg; break;
        case 'x': c->flags |= VNNER_OUT_EXPLAIN; break;
        case 'g':
        case 'R': if (vn_cli_data_option(o, optarg, &c->gaz) != VN_CLI_GO_ON) return VN_EXIT_USAGE; break;
        case 'm': if (vn_cli_parse_size(optarg, &c->max)) return VN_EXIT_USAGE; break;
        case 'O': c->outdir = optarg; break;
        case 'W': c->flags |= VNNER_OUT_WORDS; break;
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
    struct stat st;
    if (c->outdir && mkdir(c->outdir, 0777) && (errno != EEXIST || stat(c->outdir, &st) || !S_ISDIR(st.st_mode))) {
        vn_cli_err("--out-dir %s: %s", c->outdir, errno == EEXIST ? "exists and is not a folder" : strerror(errno));
        return VN_EXIT_USAGE;
    }
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
    if (c.outdir && c.fmt == VNNER_FMT_BRAT) { /* so that brat opens the folder as it is */
        char *p = vn_xasprintf("%s/annotation.conf", c.outdir);
        const char *conf = vnner_brat_conf();
        write_out(&c, p, NULL, conf, strlen(conf));
        free(p);
    }
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
    for (size_t i = 0; i < c.used_cap; i++)
        free(c.used[i]);
    free(c.used);
    vnner_doc_free(c.doc);
    vnner_model_free(c.model);
    return c.failed ? VN_EXIT_BAD_INPUT : rc;
}
