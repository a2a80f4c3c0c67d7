/* Input that is not article text in UTF-8, recognised so that the error
 * says what it is: UTF-16, legacy 8-bit Vietnamese encodings, HTML pages,
 * JSON Lines files of articles. */
#include <string.h>
#include <strings.h>
#include "text/text.h"
#include "util/buf.h"

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

/* One JSON object a line with a "text" member: a JSON Lines file of articles,
 * not an article (its first line is an object, "text" among its keys). */
static int looks_like_jsonl(const char *s, size_t n)
{
    size_t i = n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] != '{')
        return 0;
    const char *nl = memchr(s + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - s) : n;
    while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\r' || s[e - 1] == '\t'))
        e--;
    if (e <= i || s[e - 1] != '}')
        return 0;
    for (size_t k = i; k + 7 <= e; k++)
        if (!memcmp(s + k, "\"text\"", 6) && (s[k + 6] == ':' || s[k + 6] == ' '))
            return 1;
    return 0;
}

int vn_sniff_input(const char *s, size_t n, vnner_error *err)
{
    int rc = sniff_encoding((const unsigned char *)s, n, err);
    if (rc)
        return rc;
    if (looks_like_html(s, n)) {
        vn_set_error(err, VNNER_EENCODING, 0,
                     "HTML, not article text (byte offset 0): read it with --input html, or extract the text first");
        return VNNER_EENCODING;
    }
    if (looks_like_jsonl(s, n)) {
        vn_set_error(err, VNNER_EENCODING, 0,
                     "JSON Lines, not article text (byte offset 0): read it with --input jsonl");
        return VNNER_EENCODING;
    }
    return 0;
}

const char *vn_sniff_legacy(const char *s, size_t n) { return legacy_encoding((const unsigned char *)s, n); }
