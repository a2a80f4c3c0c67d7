/* Readable text: the document with every entity marked [span]TYPE inline
 * (coloured on a terminal, with rule ids when explaining), then one line a
 * relation. */
#include <string.h>
#include "output/output.h"

static const char *colour(vnner_type t)
{
    static const char *c[VNNER_NTYPES] = {"\033[1;33m", "\033[1;36m", "\033[1;32m", "\033[1;35m",
                                          "\033[1;34m", "\033[1;31m"};
    return c[t];
}

int vn_write_text(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags)
{
    int col = (flags & VNNER_OUT_COLOR) != 0;
    VN_PUT_LIT(b, "# ");
    vn_put_name_line(b, name);
    vn_buf_printf(b, "%s%s\n", d->pub.iso[0] ? "  date " : "", d->pub.iso);
    int *open = calloc(d->ents.n + 1, sizeof *open);
    int nopen = 0;
    if (!open)
        return b->failed = 1, VNNER_ENOMEM;
    size_t next = 0;
    for (size_t pos = 0; pos <= d->text.olen; pos++) {
        while (nopen && d->ents.v[open[nopen - 1]].pub.bend == pos) {
            const vn_ent *e = &d->ents.v[open[--nopen]];
            vn_buf_printf(b, "%s]%s%s", col ? colour(e->pub.type) : "", vnner_type_name(e->pub.type), col ? "\033[0m" : "");
            if (flags & VNNER_OUT_EXPLAIN)
                vn_buf_printf(b, "{%s}", e->pub.rule ? e->pub.rule : "");
        }
        while (next < d->ents.n && d->ents.v[next].pub.bstart == pos) {
            vn_buf_printf(b, "%s[%s", col ? colour(d->ents.v[next].pub.type) : "", col ? "\033[0m" : "");
            open[nopen++] = (int)next++;
        }
        if (pos < d->text.olen)
            vn_buf_putc(b, d->text.orig[pos]);
    }
    if (d->text.olen && d->text.orig[d->text.olen - 1] != '\n')
        vn_buf_putc(b, '\n');
    free(open);
    for (size_t i = 0; i < d->rels.n; i++) {
        const vnner_relation *r = &d->rels.v[i].pub;
        vn_buf_printf(b, "%s", vn_rel_type_name(r->type));
        if (r->person >= 0)
            vn_buf_printf(b, " %.*s", (int)(d->ents.v[r->person].pub.bend - d->ents.v[r->person].pub.bstart),
                          d->text.orig + d->ents.v[r->person].pub.bstart);
        else if (r->recipient) /* an award to what is no entity */
            vn_buf_printf(b, " %s", r->recipient);
        if (r->post && r->type == VNNER_HOLDS)
            vn_buf_printf(b, " | %s | %s", r->post, r->qualifier ? r->qualifier : "");
        if (r->from || r->to || r->term) /* the tenure the text states */
            vn_buf_printf(b, "%s%s%s%s%s%s", r->from ? " | from " : "", r->from ? r->from : "", r->to ? " | to " : "",
                          r->to ? r->to : "", r->term ? " | term " : "", r->term ? r->term : "");
        if (r->role)
            vn_buf_printf(b, " | %s", r->role);
        if (r->award)
            vn_buf_printf(b, " | %s", r->award);
        if (r->type == VNNER_AWARDED && r->post) /* a giving post: whole, as a HOLDS line shows it */
            vn_buf_printf(b, " | by %s", r->post);
        else if ((r->type == VNNER_PARTICIPATES || r->type == VNNER_AWARDED) && r->target >= 0) /* event; giver */
            vn_buf_printf(b, " | %s%.*s", r->type == VNNER_AWARDED ? "by " : "",
                          (int)(d->ents.v[r->target].pub.bend - d->ents.v[r->target].pub.bstart),
                          d->text.orig + d->ents.v[r->target].pub.bstart);
        if (flags & VNNER_OUT_EXPLAIN)
            vn_buf_printf(b, " {%s}", r->rule ? r->rule : "");
        vn_buf_putc(b, '\n');
    }
    return b->failed ? VNNER_ENOMEM : 0;
}
