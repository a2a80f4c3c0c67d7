/* The public document and model API: loading, the annotation pipeline
 * (text → tokens → gazetteer tags → rules → entities → dates → relations),
 * and accessors. */
#include <limits.h>
#include <strings.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

#ifndef VNNER_SOURCE_DIR
#define VNNER_SOURCE_DIR "."
#endif
#ifndef VNNER_INSTALL_DATADIR
#define VNNER_INSTALL_DATADIR "/usr/local/share/vnner"
#endif

#define DEFAULT_MAX_BYTES (64u << 20)

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *vnner_default_datadir(void)
{
    static char buf[PATH_MAX + 64];
    const char *env = getenv("VNNER_DATADIR");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            /* installed: PREFIX/bin/vnner next to PREFIX/share/vnner */
            snprintf(buf, sizeof buf, "%s/../share/vnner/gazetteer", exe);
            if (is_dir(buf)) {
                snprintf(buf, sizeof buf, "%s/../share/vnner", exe);
                return buf;
            }
        }
    }
    if (is_dir(VNNER_SOURCE_DIR "/gazetteer"))
        return VNNER_SOURCE_DIR;
    return VNNER_INSTALL_DATADIR;
}

int vnner_model_load(vnner_model **out, const char *datadir, const char *const *extra, size_t nextra,
                     vnner_error *err)
{
    char path[PATH_MAX];
    int rc = VNNER_ENOMEM;
    vnner_model *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m || vn_gaz_new(&m->gaz) || vn_rules_new(&m->rules))
        goto fail;
    if (!datadir)
        datadir = vnner_default_datadir();
    if (!(m->datadir = vn_strdup(datadir)))
        goto fail;
    snprintf(path, sizeof path, "%s/gazetteer", datadir);
    if ((rc = vn_gaz_load_dir(m->gaz, path, err)))
        goto fail;
    for (size_t i = 0; i < nextra; i++)
        if ((rc = vn_gaz_load_dir(m->gaz, extra[i], err)))
            goto fail;
    snprintf(path, sizeof path, "%s/models", datadir);
    if ((rc = vn_rules_load_dir(m->rules, path, err)))
        goto fail;
    *out = m;
    return 0;
fail:
    if (rc == VNNER_ENOMEM)
        vn_set_error(err, rc, -1, "out of memory loading the model");
    vnner_model_free(m);
    return rc;
}

void vnner_model_free(vnner_model *m)
{
    if (!m)
        return;
    vn_gaz_free(m->gaz);
    vn_rules_free(m->rules);
    free(m->datadir);
    free(m);
}

size_t vnner_model_entry_count(const vnner_model *m, const char *cls)
{
    if (!cls)
        return vn_gaz_count(m->gaz, -1);
    int c = vn_class_from_name(cls, strlen(cls));
    return c < 0 ? 0 : vn_gaz_count(m->gaz, c);
}

int vnner_doc_new(vnner_doc **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : VNNER_ENOMEM;
}

static void clear_results(vnner_doc *d)
{
    for (size_t i = 0; i < d->nent; i++) {
        free(d->ents[i].norm);
        free(d->ents[i].value);
    }
    for (size_t i = 0; i < d->nrel; i++) {
        vn_rel *r = &d->rels[i];
        free(r->post);
        free(r->award);
        free(r->recipient);
        free(r->from);
        free(r->to);
        free(r->term);
        free(r->place);
        free(r->body_key);
        free(r->body);
    }
    d->nent = d->nrel = d->ncand = d->ncent = 0;
    d->date[0] = 0;
    d->pub_y = d->pub_m = d->pub_d = 0;
}

void vnner_doc_free(vnner_doc *d)
{
    if (!d)
        return;
    clear_results(d);
    vn_text_free(&d->text);
    vn_tokens_free(&d->tk);
    free(d->gm);
    free(d->cls_at);
    free(d->tags);
    free(d->cands);
    free(d->cents);
    free(d->ents);
    free(d->rels);
    free(d);
}

static int parse_iso(const char *s, int *y, int *m, int *dd)
{
    return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", y, m, dd) == 3 && s[4] == '-' && s[7] == '-' &&
           vn_date_valid(*y, *m, *dd);
}

/* Encodings that are not UTF-8 but can be recognised: say so clearly. */
static int sniff_encoding(const unsigned char *s, size_t n, vnner_error *err)
{
    if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        vn_set_error(err, VNNER_EENCODING, 0,
                     "UTF-16 text (byte order mark at byte offset 0); convert it with iconv -f UTF-16 -t UTF-8");
        return VNNER_EENCODING;
    }
    return 0;
}

/* Invalid UTF-8 that is really Vietnamese in a legacy 8-bit encoding: VNI
 * writes tone marks as bytes after a vowel, TCVN3 (ABC) writes precomposed
 * letters as single high bytes.  Returns a name or NULL. */
static const char *legacy_encoding(const unsigned char *s, size_t n)
{
    static const char vni_marks[] = "\xf9\xf8\xfb\xf5\xef\xe2\xea\xf4\xf6\xf7\xe1\xe0\xe5\xe3\xe4\xec\xed\xee\xf2";
    size_t high = 0, after_vowel = 0, ascii_letters = 0;
    for (size_t i = 0; i < n && i < (1u << 20); i++) {
        if (s[i] < 0x80) {
            ascii_letters += (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z';
            continue;
        }
        high++;
        if (i && strchr("aeiouyAEIOUY", s[i - 1]) && memchr(vni_marks, s[i], sizeof vni_marks - 1))
            after_vowel++;
    }
    if (high < 8 || ascii_letters < high)
        return NULL;
    if (after_vowel * 3 > high)
        return "VNI";
    return high * 20 > ascii_letters ? "TCVN3 (ABC)" : NULL;
}

/* Text saved from a web page: an HTML tag among the first bytes, past a byte
 * order mark, an XML declaration or comments. */
static int looks_like_html(const char *s, size_t n)
{
    size_t lim = n < 2048 ? n : 2048;
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<meta ", NULL};
    size_t i = 0;
    if (lim >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < lim && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        i++;
    if (i >= lim || s[i] != '<')
        return 0; /* articles do not start with a tag */
    for (; i < lim; i++) {
        if (s[i] != '<')
            continue;
        for (int k = 0; tags[k]; k++)
            if (lim - i >= strlen(tags[k]) && !strncasecmp(s + i, tags[k], strlen(tags[k])))
                return 1;
    }
    return 0;
}

int vnner_doc_annotate(vnner_doc *d, const vnner_model *m, const char *text, size_t len,
                       const vnner_annotate_options *o, vnner_error *err)
{
    size_t max = o && o->max_bytes ? o->max_bytes : DEFAULT_MAX_BYTES;
    int rc;
    clear_results(d);
    d->model = m;
    d->tk.n = 0;
    d->text.nlen = 0;
    if (len > max) {
        vn_set_error(err, VNNER_ETOOBIG, (long long)max,
                     "document of %zu bytes is over the size limit of %zu bytes (raise it with --max-size)", len, max);
        return VNNER_ETOOBIG;
    }
    if ((rc = sniff_encoding((const unsigned char *)text, len, err)))
        return rc;
    if (looks_like_html(text, len)) {
        vn_set_error(err, VNNER_EENCODING, 0,
                     "HTML, not article text (byte offset 0): read it with --input html, or extract the text first");
        return VNNER_EENCODING;
    }
    if ((rc = vn_text_normalize(&d->text, text, len, err))) {
        const char *legacy = rc == VNNER_EUTF8 ? legacy_encoding((const unsigned char *)text, len) : NULL;
        if (legacy) {
            long long off = err ? err->offset : -1;
            vn_set_error(err, VNNER_EENCODING, off,
                         "not UTF-8 (first bad byte at offset %lld): the text looks like the %s encoding; convert it to "
                         "UTF-8 first (vnner reads UTF-8 only)", off, legacy);
            return VNNER_EENCODING;
        }
        return rc;
    }
    rc = VNNER_ENOMEM;
    if (vn_tokenize(&d->tk, &d->text) || vn_gaz_tag(d))
        goto nomem;
    vn_sentences(&d->tk, &d->text, d->tags);
    if (getenv("VNNER_DEBUG_TAGS")) /* for rule authors: token / symbol pairs */
        for (size_t i = 0; i < d->tk.n; i++)
            fprintf(stderr, "%c %.*s\n", d->tags[i], (int)(d->tk.v[i].ne - d->tk.v[i].ns), d->text.norm + d->tk.v[i].ns);
    vn_pubdate_find(d);
    if (o && o->date) {
        int y, mo, dd;
        if (!parse_iso(o->date, &y, &mo, &dd)) {
            vn_set_error(err, VNNER_EINVAL, -1, "date '%s' is not a valid YYYY-MM-DD date", o->date);
            return VNNER_EINVAL;
        }
        d->pub_y = y, d->pub_m = mo, d->pub_d = dd;
        snprintf(d->date, sizeof d->date, "%04d-%02d-%02d", y % 10000, mo % 100, dd % 100);
    }
    if (vn_rules_apply(d, m->rules) || vn_byline_candidates(d) || vn_entities_resolve(d) ||
        vn_dates_resolve(d) || vn_relations_extract(d))
        goto nomem;
    return 0;
nomem:
    vn_set_error(err, VNNER_ENOMEM, -1, "out of memory");
    return rc;
}

size_t vnner_doc_entity_count(const vnner_doc *d) { return d->nent; }

const vnner_entity *vnner_doc_entity(const vnner_doc *d, size_t i)
{
    return i < d->nent ? &d->ents[i].pub : NULL;
}

const char *vnner_doc_entity_norm(const vnner_doc *d, size_t i) { return i < d->nent ? d->ents[i].norm : NULL; }

size_t vnner_doc_relation_count(const vnner_doc *d) { return d->nrel; }

const vnner_relation *vnner_doc_relation(const vnner_doc *d, size_t i)
{
    return i < d->nrel ? &d->rels[i].pub : NULL;
}

const char *vnner_doc_date(const vnner_doc *d) { return d->date[0] ? d->date : NULL; }
