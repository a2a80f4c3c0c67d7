/* Output formats of an annotated document, one file each: JSON Lines (the
 * contract), inline-marked text, CoNLL IOB2, BRAT standoff, HTML.  Each
 * writes into a buffer; vnner_doc_write (write.c) sends it.  Not installed. */
#ifndef VN_OUTPUT_OUTPUT_H
#define VN_OUTPUT_OUTPUT_H
#include "pipeline/doc.h"
#include "util/buf.h"

/* Each fills B and returns 0, or VNNER_ENOMEM (B is then marked failed). */
int vn_write_jsonl(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags);
int vn_write_text(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags);
int vn_write_conll(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags);
int vn_write_brat(const vnner_doc *d, vn_buf *b, const char *name);
int vn_write_html(const vnner_doc *d, vn_buf *b, const char *name);
/* NAME on one line (control characters become spaces). */
int vn_put_name_line(vn_buf *b, const char *name);
/* "HOLDS", "PARTICIPATES", "AWARDED", "AUTHOR"; static storage. */
const char *vn_rel_type_name(vnner_rel_type t);

#endif
