/* Growable byte buffers, growable arrays, string copies, error filling and
 * opening data files: the small helpers every stage uses.  Not installed. */
#ifndef VN_UTIL_BUF_H
#define VN_UTIL_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnner.h"

#define VN_UNUSED(x) (void)(x)

/* A growable byte buffer; {0} is an empty one.  P is NUL-terminated once
 * anything was added.  The out-of-memory policy: every add returns 0 or
 * VNNER_ENOMEM, and a failed add marks the buffer FAILED for good (later adds
 * do nothing), so a writer may add freely and check FAILED once at the end;
 * a failed buffer is never written out. */
typedef struct vn_buf {
    char *p;
    size_t len, cap;
    int failed;
} vn_buf;
int vn_buf_reserve(vn_buf *b, size_t extra);
/* The out-of-line part of vn_buf_add: growing, and the failed state. */
int vn_buf_add_slow(vn_buf *b, const void *s, size_t n);
/* Inline: the writers add a few bytes at a time, millions of times. */
static inline int vn_buf_add(vn_buf *b, const void *s, size_t n)
{
    if (n >= b->cap - b->len || b->failed) /* cap > len once anything was added */
        return vn_buf_add_slow(b, s, n);
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}
int vn_buf_puts(vn_buf *b, const char *s);
/* A string literal, its length known at compile time. */
#define VN_PUT_LIT(b, lit) vn_buf_add((b), (lit), sizeof(lit) - 1)
static inline int vn_buf_putc(vn_buf *b, char c)
{
    if ((b->failed || b->len + 2 > b->cap) && vn_buf_reserve(b, 1))
        return VNNER_ENOMEM;
    b->p[b->len++] = c;
    b->p[b->len] = 0;
    return 0;
}
int vn_buf_printf(vn_buf *b, const char *fmt, ...);
int vn_buf_num(vn_buf *b, size_t v);
/* Frees the bytes; B is empty again.  NULL-safe. */
void vn_buf_free(vn_buf *b);
/* JSON string with quotes; control characters, quotes and backslashes escaped. */
int vn_buf_json_str(vn_buf *b, const char *s, size_t n);
/* V as a JSON string, or null when V is NULL. */
int vn_buf_json_val(vn_buf *b, const char *v);
/* ,"KEY":V with V a JSON string, or null when V is NULL. */
int vn_buf_json_opt(vn_buf *b, const char *key, const char *v);

/* Text for a terminal: every control character of the N bytes at S but
 * the line break (C0 and DEL) becomes a space, in place. */
void vn_blank_controls(char *s, size_t n);

/* Fills ERR (when not NULL) with CODE, OFFSET and the formatted sentence. */
void vn_set_error(vnner_error *err, int code, long long offset, const char *fmt, ...);
/* Opens PATH for reading into *OUT when it is a regular file: a folder, a
 * FIFO (opened without blocking, so it cannot hang) or a device is refused.
 * 0, or VNNER_EIO (cannot open) / VNNER_EDATA (not a regular file) with ERR
 * naming PATH, and *OUT NULL. */
int vn_open_regular(FILE **out, const char *path, vnner_error *err);
/* Grows *P (an array of ITEM-byte items, *CAP of them) to hold NEED: 0 or VNNER_ENOMEM. */
int vn_grow(void **p, size_t *cap, size_t need, size_t item);
/* malloc'd copies; NULL when out of memory (or S is NULL). */
char *vn_strdup(const char *s);
char *vn_strndup(const char *s, size_t n);

#endif
