/* Writing an annotated document in one of the formats: the format's writer
 * fills a buffer, and only a complete buffer is written out. */
#include <string.h>
#include "output/output.h"

const char *vn_rel_type_name(vnner_rel_type t)
{
    static const char *const names[] = {"HOLDS", "PARTICIPATES", "AWARDED", "AUTHOR"};
    return (unsigned)t < sizeof names / sizeof *names ? names[t] : "?";
}

/* A document name on one line of a line-oriented format: control characters become spaces. */
int vn_put_name_line(vn_buf *b, const char *name)
{
    for (const char *p = name; *p; p++)
        vn_buf_putc(b, (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p);
    return b->failed ? VNNER_ENOMEM : 0;
}

int vnner_doc_write(const vnner_doc *d, FILE *out, vnner_format fmt, const char *name, unsigned flags)
{
    vn_buf b = {0};
    int rc;
    if (!d || !out)
        return VNNER_EINVAL;
    if (!name)
        name = "-";
    /* about the size a JSON Lines result takes (250 bytes an entity or
     * relation): one allocation instead of a dozen doublings and copies */
    vn_buf_reserve(&b, 256 + strlen(name) + 256 * (d->ents.n + d->rels.n) +
                           (flags & VNNER_OUT_WITH_TEXT ? d->text.olen + d->text.olen / 8 : 0));
    switch (fmt) {
    case VNNER_FMT_JSONL: rc = vn_write_jsonl(d, &b, name, flags); break;
    case VNNER_FMT_TEXT: rc = vn_write_text(d, &b, name, flags); break;
    case VNNER_FMT_CONLL: rc = vn_write_conll(d, &b, name, flags); break;
    case VNNER_FMT_BRAT: rc = vn_write_brat(d, &b, name); break;
    case VNNER_FMT_HTML: rc = vn_write_html(d, &b, name); break;
    default: return VNNER_EINVAL;
    }
    if (!rc && b.failed)
        rc = VNNER_ENOMEM;
    if (!rc && b.len && fwrite(b.p, 1, b.len, out) != b.len)
        rc = VNNER_EIO;
    vn_buf_free(&b);
    return rc;
}
