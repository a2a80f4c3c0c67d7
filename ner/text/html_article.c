/* A page saved from a news site: the article's own text and its date.
 *
 * The article is the page's <article> element (the first that holds text),
 * else its <main>, else the <body>; inside it the parts that are not the
 * article are left out: navigation, asides, forms, comments, share bars and
 * the related-links boxes news sites put under a story (found by the class or
 * id their templates give them: "related", "lien-quan", "box-tin" ...), so
 * that a related headline is never read as a fact of this article and the
 * same story saved twice with another site header is one document.  Captions
 * (<figcaption>) stay, on their own line.  The date is the article's
 * publication date as the page states it for machines (<meta
 * property="article:published_time">, itemprop="datePublished", JSON-LD
 * "datePublished", a <time datetime> in the article), never the "today" of a
 * site header; the byline the page names (<meta name="author">, JSON-LD
 * author) ends the text when the article's own text does not carry it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "text/text.h"
#include "util/buf.h"
#include "util/date.h"

/* Position of the first case-insensitive occurrence of NEEDLE in S[from, to), or TO. */
static size_t find_ci(const char *s, size_t from, size_t to, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = from; i + nl <= to; i++)
        if (!strncasecmp(s + i, needle, nl))
            return i;
    return to;
}

/* The end of the tag that opens at I ('<'): the position after its '>'. */
static size_t tag_end(const char *s, size_t i, size_t n)
{
    const char *gt = memchr(s + i, '>', n - i);
    return gt ? (size_t)(gt - s) + 1 : n;
}

/* Whether the tag at I ('<') opens element NAME (not a longer name). */
static int opens(const char *s, size_t i, size_t n, const char *name)
{
    size_t l = strlen(name);
    return i + 1 + l <= n && !strncasecmp(s + i + 1, name, l) &&
           (i + 1 + l == n || strchr(" \t\r\n>/", s[i + 1 + l]));
}

static int closes(const char *s, size_t i, size_t n, const char *name)
{
    size_t l = strlen(name);
    return i + 2 + l <= n && s[i + 1] == '/' && !strncasecmp(s + i + 2, name, l) &&
           (i + 2 + l == n || strchr(" \t\r\n>", s[i + 2 + l]));
}

/* The end of element NAME whose start tag is at I: after its matching end tag
 * (same-name elements nested in it counted), or N. */
static size_t element_end(const char *s, size_t i, size_t n, const char *name)
{
    int depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] != '<')
            continue;
        if (opens(s, k, n, name))
            depth++;
        else if (closes(s, k, n, name) && --depth == 0)
            return tag_end(s, k, n);
    }
    return n;
}

/* The name of the element whose start tag is at I, into NAME (lower case); 0 when it is no start tag. */
static int tag_name(const char *s, size_t i, size_t n, char *name, size_t cap)
{
    size_t k = i + 1, l = 0;
    while (k < n && l + 1 < cap && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (s[k] >= '0' && s[k] <= '9'))) {
        char c = s[k++];
        name[l++] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
    }
    name[l] = 0;
    return l > 0;
}

/* Whether the start tag at [I, E) is a part of the page that is not the
 * article: by its element, or by the class or id its template gives it. */
static int not_article(const char *s, size_t i, size_t e, const char *name)
{
    static const char *const elements[] = {"nav", "aside", "form", "footer", "script", "style", "noscript",
                                           "iframe", "button", "select", "svg", NULL};
    for (int k = 0; elements[k]; k++)
        if (!strcmp(name, elements[k]))
            return 1;
    static const char *const marks[] = {"related", "relate", "lien-quan", "lienquan", "lien_quan", "box-tin",
                                        "tin-khac", "tinkhac", "other-news", "more-news", "readmore", "read-more",
                                        "comment", "share", "social", "breadcrumb", "menu", "sidebar", "banner",
                                        "advert", "qc-", "tags", NULL};
    size_t a = find_ci(s, i, e, "class="), b = find_ci(s, i, e, "id=");
    for (size_t at = a < b ? a : b; at < e; at = find_ci(s, at + 1, e, "=")) {
        size_t v = at, ve;
        while (v < e && s[v] != '"' && s[v] != '\'')
            v++;
        if (v >= e)
            break;
        char q = s[v];
        for (ve = v + 1; ve < e && s[ve] != q; ve++)
            ;
        for (int k = 0; marks[k]; k++)
            if (find_ci(s, v, ve, marks[k]) < ve)
                return 1;
        at = ve;
    }
    return 0;
}

/* The article's range of the page: the first <article> with text, else <main>, else <body>, else all. */
static void article_range(const char *s, size_t n, size_t *from, size_t *to)
{
    static const char *const tags[] = {"article", "main", "body", NULL};
    for (int t = 0; tags[t]; t++) {
        char open[16];
        snprintf(open, sizeof open, "<%s", tags[t]);
        for (size_t i = find_ci(s, 0, n, open); i < n; i = find_ci(s, i + 1, n, open)) {
            if (!opens(s, i, n, tags[t]))
                continue;
            size_t e = element_end(s, i, n, tags[t]);
            if (e - i > 200 || t == 2) { /* a teaser <article> of a list holds a headline only */
                *from = tag_end(s, i, n);
                *to = e;
                return;
            }
        }
    }
    *from = 0;
    *to = n;
}

/* The value of attribute ATTR of the tag [I, E), into OUT (at most CAP - 1 bytes); 0 when it has none. */
static int attr_value(const char *s, size_t i, size_t e, const char *attr, char *out, size_t cap)
{
    size_t a = find_ci(s, i, e, attr);
    if (a >= e)
        return 0;
    a += strlen(attr);
    while (a < e && (s[a] == ' ' || s[a] == '='))
        a++;
    if (a >= e || (s[a] != '"' && s[a] != '\''))
        return 0;
    char q = s[a++];
    size_t l = 0;
    while (a < e && s[a] != q && l + 1 < cap)
        out[l++] = s[a++];
    out[l] = 0;
    return 1;
}

/* A YYYY-MM-DD day at the start of V (an ISO date-time), into DAY. */
static int iso_day(const char *v, char *day)
{
    int y, m, d;
    if (strlen(v) < 10 || v[4] != '-' || v[7] != '-' || sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
        !vn_date_valid(y, m, d))
        return 0;
    memcpy(day, v, 10);
    day[10] = 0;
    return 1;
}

/* The page's publication day, into DAY (11 bytes); 0 when the page states none. */
static int page_date(const char *s, size_t n, size_t from, size_t to, char *day)
{
    char v[128];
    for (size_t i = find_ci(s, 0, n, "<meta"); i < n; i = find_ci(s, i + 1, n, "<meta")) {
        size_t e = tag_end(s, i, n);
        int pub = find_ci(s, i, e, "article:published_time") < e || find_ci(s, i, e, "\"datePublished\"") < e ||
                  find_ci(s, i, e, "'datePublished'") < e || find_ci(s, i, e, "\"pubdate\"") < e;
        if (pub && attr_value(s, i, e, "content", v, sizeof v) && iso_day(v, day))
            return 1;
    }
    size_t k = find_ci(s, 0, n, "\"datePublished\""); /* JSON-LD */
    if (k < n) {
        k += strlen("\"datePublished\"");
        while (k < n && (s[k] == ' ' || s[k] == ':'))
            k++;
        if (k < n && s[k] == '"' && n - k > 11) {
            memcpy(v, s + k + 1, 10);
            v[10] = 0;
            if (iso_day(v, day))
                return 1;
        }
    }
    for (size_t i = find_ci(s, from, to, "<time"); i < to; i = find_ci(s, i + 1, to, "<time")) {
        size_t e = tag_end(s, i, n);
        if (attr_value(s, i, e, "datetime", v, sizeof v) && iso_day(v, day))
            return 1;
    }
    return 0;
}

/* The author the page names for machines, into OUT; 0 when none. */
static int page_author(const char *s, size_t n, char *out, size_t cap)
{
    for (size_t i = find_ci(s, 0, n, "<meta"); i < n; i = find_ci(s, i + 1, n, "<meta")) {
        size_t e = tag_end(s, i, n);
        if ((find_ci(s, i, e, "name=\"author\"") < e || find_ci(s, i, e, "property=\"article:author\"") < e) &&
            attr_value(s, i, e, "content", out, cap) && out[0] && !strstr(out, "://"))
            return 1;
    }
    return 0;
}

int vnner_html_article(char **out, size_t *len, char **date, const char *s, size_t n)
{
    *out = NULL;
    *len = 0;
    if (date)
        *date = NULL;
    size_t from, to;
    article_range(s, n, &from, &to);
    vn_buf o = {0};
    vn_html_render(&o, s, from, to, 1);
    char author[160];
    if (page_author(s, n, author, sizeof author) && o.len) { /* the byline, unless the text ends with it */
        size_t al = strlen(author), end = o.len;
        while (end && (o.p[end - 1] == '\n' || o.p[end - 1] == ' '))
            end--;
        if (!(end >= al && !memcmp(o.p + end - al, author, al))) {
            o.len = end;
            vn_buf_puts(&o, "\n\n");
            vn_buf_puts(&o, author);
            vn_buf_putc(&o, '\n');
        }
    }
    if (!o.p)
        vn_buf_puts(&o, "");
    char day[11];
    if (date && page_date(s, n, from, to, day) && !(*date = vn_strdup(day)))
        o.failed = 1;
    if (o.failed) {
        vn_buf_free(&o);
        if (date) {
            free(*date);
            *date = NULL;
        }
        return VNNER_ENOMEM;
    }
    *out = o.p;
    *len = o.len;
    return 0;
}

/* Skips, from the start tag at I, what is not the article; the position to go
 * on from, or I when the tag is kept. */
size_t vn_html_skip_part(const char *s, size_t i, size_t n)
{
    char name[16];
    if (!tag_name(s, i, n, name, sizeof name))
        return i;
    size_t e = tag_end(s, i, n);
    if (!not_article(s, i, e, name))
        return i;
    return e > i + 1 && s[e - 2] == '/' ? e : element_end(s, i, n, name); /* <x/>: nothing inside */
}
