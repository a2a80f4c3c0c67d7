/* BRAT standoff: T lines for entities (code-point offsets), R lines for
 * relations between two entities. */
#include <string.h>
#include "output/output.h"

int vn_write_brat(const vnner_doc *d, vn_buf *b, const char *name)
{
    VN_PUT_LIT(b, "# ");
    vn_put_name_line(b, name);
    vn_buf_putc(b, '\n');
    for (size_t i = 0; i < d->ents.n; i++) {
        const vnner_entity *p = &d->ents.v[i].pub;
        vn_buf_printf(b, "T%zu\t%s %zu %zu\t", i + 1, vnner_type_name(p->type), p->start, p->end);
        for (size_t k = p->bstart; k < p->bend; k++) {
            char c = d->text.orig[k];
            vn_buf_putc(b, c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
        }
        vn_buf_putc(b, '\n');
    }
    size_t nr = 0;
    for (size_t i = 0; i < d->rels.n; i++) {
        const vnner_relation *r = &d->rels.v[i].pub;
        if (r->person < 0 || r->target < 0)
            continue;
        vn_buf_printf(b, "R%zu\t%s Arg1:T%d Arg2:T%d\n", ++nr, vn_rel_type_name(r->type), r->person + 1, r->target + 1);
    }
    return b->failed ? VNNER_ENOMEM : 0;
}
