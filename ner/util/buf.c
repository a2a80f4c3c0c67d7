/* Growable buffers, string helpers, error filling and opening data files, shared by all modules. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/buf.h"

int vn_grow(void **p, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * item);
    if (!q)
        return VNNER_ENOMEM;
    *p = q;
    *cap = nc;
    return 0;
}

int vn_buf_reserve(vn_buf *b, size_t extra)
{
    if (b->failed)
        return VNNER_ENOMEM;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    if (extra >= SIZE_MAX / 2 - b->len || vn_grow((void **)&b->p, &b->cap, b->len + extra + 1, 1)) {
        b->failed = 1; /* sticky: later adds are no-ops, the writer checks once */
        return VNNER_ENOMEM;
    }
    return 0;
}

int vn_buf_add_slow(vn_buf *b, const void *s, size_t n)
{
    if (vn_buf_reserve(b, n))
        return VNNER_ENOMEM;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}

int vn_buf_puts(vn_buf *b, const char *s) { return vn_buf_add(b, s, strlen(s)); }

int vn_buf_num(vn_buf *b, size_t v)
{
    char t[24];
    int n = 0;
    do {
        t[sizeof t - 1 - (size_t)n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return vn_buf_add(b, t + sizeof t - n, (size_t)n);
}

int vn_buf_printf(vn_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || vn_buf_reserve(b, (size_t)n))
        return VNNER_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void vn_buf_free(vn_buf *b)
{
    if (!b)
        return;
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

int vn_buf_json_val(vn_buf *b, const char *v)
{
    if (v)
        vn_buf_json_str(b, v, strlen(v));
    else
        VN_PUT_LIT(b, "null");
    return b->failed ? VNNER_ENOMEM : 0;
}

int vn_buf_json_opt(vn_buf *b, const char *key, const char *v)
{
    VN_PUT_LIT(b, ",\"");
    vn_buf_puts(b, key);
    VN_PUT_LIT(b, "\":");
    return vn_buf_json_val(b, v);
}

/* Whether any byte of the 8 in W is a control character, '"' or '\\'. */
static int needs_escape8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t ctl = (w - ones * 0x20) & ~w & high;            /* < 0x20 */
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    uint64_t quote = (q - ones) & ~q & high, slash = (bs - ones) & ~bs & high;
    return (ctl | quote | slash) != 0;
}

int vn_buf_json_str(vn_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (vn_buf_reserve(b, n + 2))
        return VNNER_ENOMEM;
    b->p[b->len++] = '"';
    size_t run = 0, i = 0;
    while (i + 8 <= n) { /* eight bytes at a time while nothing needs escaping */
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (needs_escape8(w))
            break;
        i += 8;
    }
    while (i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
        i++;
    if (i == n) { /* nothing to escape (most strings): one copy into the room reserved */
        if (n)
            memcpy(b->p + b->len, s, n);
        b->len += n;
        b->p[b->len++] = '"';
        b->p[b->len] = 0;
        return 0;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (vn_buf_add(b, s + run, i - run))
            return VNNER_ENOMEM;
        run = i + 1;
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
            el = 6;
        }
        if (vn_buf_add(b, esc, el))
            return VNNER_ENOMEM;
    }
    if (vn_buf_add(b, s + run, n - run))
        return VNNER_ENOMEM;
    return vn_buf_putc(b, '"');
}

void vn_blank_controls(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f)
            s[i] = ' ';
}

/* The length of S (LEN bytes of a longer string) without a UTF-8 character
 * the cut left incomplete at its end. */
static size_t utf8_whole(const char *s, size_t len)
{
    size_t i = len, tail = 0;
    while (i > 0 && tail < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--, tail++;
    if (i == 0)
        return len;
    unsigned char c = (unsigned char)s[i - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > tail + 1 ? i - 1 : len;
}

void vn_set_error(vnner_error *err, int code, long long offset, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->message) /* cut: never inside a character (a name in Vietnamese) */
        err->message[utf8_whole(err->message, sizeof err->message - 1)] = 0;
}

int vn_open_regular(FILE **out, const char *path, vnner_error *err)
{
    struct stat sb;
    *out = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        vn_set_error(err, VNNER_EIO, -1, "%s: cannot open: %s", path, strerror(errno));
        return VNNER_EIO;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        vn_set_error(err, VNNER_EDATA, -1, "%s: not a regular file (a folder, FIFO or device)", path);
        close(fd);
        return VNNER_EDATA;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK); /* reads of a regular file block as usual */
    if (!(*out = fdopen(fd, "rb"))) {
        vn_set_error(err, VNNER_EIO, -1, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        return VNNER_EIO;
    }
    return 0;
}

char *vn_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *vn_strdup(const char *s) { return s ? vn_strndup(s, strlen(s)) : NULL; }

const char *vnner_errmsg(int code)
{
    switch (code) {
    case VNNER_OK: return "success";
    case VNNER_ENOMEM: return "out of memory";
    case VNNER_EIO: return "input/output error";
    case VNNER_EUTF8: return "invalid UTF-8";
    case VNNER_ENUL: return "NUL byte in text (binary file?)";
    case VNNER_ETOOBIG: return "document larger than the size limit";
    case VNNER_EDATA: return "malformed gazetteer or rule file";
    case VNNER_EPATTERN: return "rule pattern does not compile";
    case VNNER_EJSON: return "malformed JSON";
    case VNNER_EENCODING: return "unsupported text encoding";
    case VNNER_EDB: return "database error";
    case VNNER_EDBVERSION: return "database written by a newer vnner";
    case VNNER_EINVAL: return "invalid argument";
    case VNNER_ENOTFOUND: return "no such file or directory";
    }
    return "unknown error";
}
