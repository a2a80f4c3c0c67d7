/* Text from HTML saved from a news site: tags dropped (block tags become line
 * breaks), script and style skipped, character references decoded.  Offsets
 * in the output refer to the extracted text. */
#include <string.h>
#include <strings.h>
#include "text/text.h"
#include "util/buf.h"

static int block_tag(const char *t, size_t n)
{
    static const char *const b[] = {"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td",
                                    "article", "section", "header", "footer", "blockquote", "figcaption", "title", NULL};
    for (int i = 0; b[i]; i++)
        if (strlen(b[i]) == n && !strncasecmp(t, b[i], n))
            return 1;
    return 0;
}

static void entity(vn_buf *o, const char *s, size_t n, size_t *i)
{
    static const struct { const char *name; const char *text; } named[] = {
        {"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", "\xc2\xa0"},
        {"ndash;", "\xe2\x80\x93"}, {"mdash;", "\xe2\x80\x94"}, {"hellip;", "\xe2\x80\xa6"},
        {"ldquo;", "\xe2\x80\x9c"}, {"rdquo;", "\xe2\x80\x9d"}, {"lsquo;", "\xe2\x80\x98"}, {"rsquo;", "\xe2\x80\x99"},
        {"aacute;", "á"}, {"agrave;", "à"}, {"atilde;", "ã"}, {"acirc;", "â"}, {"eacute;", "é"}, {"egrave;", "è"},
        {"ecirc;", "ê"}, {"iacute;", "í"}, {"igrave;", "ì"}, {"oacute;", "ó"}, {"ograve;", "ò"}, {"otilde;", "õ"},
        {"ocirc;", "ô"}, {"uacute;", "ú"}, {"ugrave;", "ù"}, {"yacute;", "ý"}, {"Aacute;", "Á"}, {"Agrave;", "À"},
        {"Acirc;", "Â"}, {"Eacute;", "É"}, {"Ecirc;", "Ê"}, {"Iacute;", "Í"}, {"Oacute;", "Ó"}, {"Ocirc;", "Ô"},
        {"Uacute;", "Ú"}, {"Yacute;", "Ý"}, {"raquo;", "»"}, {"laquo;", "«"}, {"copy;", "©"}, {"reg;", "®"},
        {"middot;", "·"}, {"bull;", "•"}, {"deg;", "°"}, {NULL, NULL}};
    size_t j = *i + 1;
    if (j < n && s[j] == '#') {
        long v = 0;
        int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
        size_t k = j + 1 + (size_t)hex;
        for (; k < n && k < j + 10 && s[k] != ';'; k++) {
            char c = s[k];
            int d = c >= '0' && c <= '9' ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (d < 0)
                break;
            v = v * (hex ? 16 : 10) + d;
        }
        if (k < n && s[k] == ';' && v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
            char u[4];
            vn_buf_add(o, u, (size_t)vn_utf8_encode((int32_t)v, u));
            *i = k;
            return;
        }
    }
    for (int k = 0; named[k].name; k++) {
        size_t l = strlen(named[k].name);
        if (j + l <= n && !strncmp(s + j, named[k].name, l)) {
            vn_buf_puts(o, named[k].text);
            *i = j + l - 1;
            return;
        }
    }
    vn_buf_putc(o, '&');
}

void vn_html_render(vn_buf *o, const char *s, size_t from, size_t n, int article)
{
    for (size_t i = from; i < n; i++) {
        char c = s[i];
        if (c == '&') {
            entity(o, s, n, &i);
        } else if (c == '<' && article && i + 1 < n && s[i + 1] != '/' && vn_html_skip_part(s, i, n) != i) {
            i = vn_html_skip_part(s, i, n) - 1; /* a part of the page that is not the article */
            if (o->len && o->p[o->len - 1] != '\n')
                vn_buf_putc(o, '\n');
        } else if (c == '<') {
            size_t j = i + 1, e;
            int closing = j < n && s[j] == '/';
            j += (size_t)closing;
            e = j;
            while (e < n && (((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z') || (s[e] >= '0' && s[e] <= '9')))
                e++;
            int script = e - j == 6 && !strncasecmp(s + j, "script", 6), style = e - j == 5 && !strncasecmp(s + j, "style", 5);
            if (!closing && (script || style)) { /* skip to the closing tag: their text is not the article's */
                const char *end = script ? "</script" : "</style";
                size_t el = strlen(end), k = e;
                while (k < n && !(n - k >= el && !strncasecmp(s + k, end, el)))
                    k++;
                i = k;
                if (i >= n)
                    break;
            }
            if (block_tag(s + j, e - j) && o->len && o->p[o->len - 1] != '\n')
                vn_buf_putc(o, '\n');
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) : n;
        } else {
            vn_buf_putc(o, c);
        }
    }
}

int vnner_html_to_text(char **out, size_t *len, const char *s, size_t n)
{
    vn_buf o = {0};
    *out = NULL;
    *len = 0;
    vn_html_render(&o, s, 0, n, 0);
    if ((!o.p && vn_buf_puts(&o, "")) || o.failed) {
        vn_buf_free(&o);
        return VNNER_ENOMEM;
    }
    *out = o.p;
    *len = o.len;
    return 0;
}
