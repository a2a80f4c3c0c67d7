/* Stage 1, text: bytes → validated UTF-8 with a normalised view for matching
 * and a map from every normalised byte back to the original.  The original
 * is never rewritten.  Not installed. */
#ifndef VN_TEXT_TEXT_H
#define VN_TEXT_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "vnner.h"

#define VN_NF_UPPER 1   /* the original character was upper case */

/* Owned by the text stage; later stages only read it. */
typedef struct vn_text {
    const char *orig;
    size_t olen;
    char *norm;        /* NFC, new-style tone marks, lower case, punctuation unified */
    size_t nlen;
    uint32_t *n2o;     /* for each norm byte (and nlen): orig byte offset of its character;
                        * only the tokens read it, and the document drops it once they are made */
    uint8_t *nflags;   /* per norm byte: VN_NF_* */
    size_t ncap;
} vn_text;

/* Validates and normalises ORIG (kept by pointer, not copied) into T, reusing
 * T's buffers.  Fails with VNNER_EUTF8 / VNNER_ENUL and the byte offset. */
int vn_text_normalize(vn_text *t, const char *orig, size_t olen, vnner_error *err);
/* Frees the map N2O (4 bytes a byte of text) once the tokens have their
 * original offsets; the next vn_text_normalize allocates again. */
void vn_text_drop_map(vn_text *t);
/* Frees T's buffers but keeps ORIG and OLEN (the text the entities and
 * relations point into), once the stages that read the normalised view are done. */
void vn_text_release(vn_text *t);
/* Frees T's buffers (not ORIG).  NULL-safe. */
void vn_text_free(vn_text *t);
/* Normalises a short string (a gazetteer surface, a query) into a new malloc'd string. */
char *vn_normalize_str(const char *s, size_t n);
/* Lower-case copy of already normalised text (a post or place shown with capitals). */
char *vn_lower_dup(const char *s);
/* Decodes one UTF-8 sequence; returns its length or -1 if invalid. */
int vn_utf8_decode(const unsigned char *s, size_t len, int32_t *cp);
int vn_utf8_encode(int32_t cp, char *out);
/* Appends S (N bytes) to B with every byte that starts no valid UTF-8
 * character, and every NUL, as U+FFFD: text vnner did not check itself (a
 * database read back may hold any bytes).  0 or VNNER_ENOMEM. */
int vn_buf_utf8_repair(vn_buf *b, const char *s, size_t n);
/* The same as a new malloc'd string; NULL when out of memory. */
char *vn_utf8_repair_dup(const char *s, size_t n);
/* VN_F_* flags (unitab.h) of any code point. */
unsigned vn_cp_flags(int32_t cp);

/* Input that is not article text in UTF-8, recognised before normalising
 * (sniff.c): a UTF-16 byte order mark or an HTML page gives VNNER_EENCODING
 * with ERR filled, else 0. */
int vn_sniff_input(const char *s, size_t n, vnner_error *err);
/* After VNNER_EUTF8: the legacy 8-bit encoding the bytes look like ("VNI",
 * "TCVN3 (ABC)"), static storage, or NULL. */
const char *vn_sniff_legacy(const char *s, size_t n);

/* HTML pages (html_text.c, html_article.c): the text of S[FROM, N) into O,
 * tags dropped (block tags as line breaks), references decoded; with ARTICLE,
 * the parts of a news page that are not the article left out. */
struct vn_buf;
void vn_html_render(struct vn_buf *o, const char *s, size_t from, size_t n, int article);
/* From the start tag at I: where the part of the page it opens ends when it is
 * not the article (navigation, related links ...), else I. */
size_t vn_html_skip_part(const char *s, size_t i, size_t n);

#endif
