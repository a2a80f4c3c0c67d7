/* BRAT standoff (brat.nlplab.org): T lines for entities (code-point offsets
 * of the text as given), R lines for the relations between two entities, an
 * Author attribute (A lines) for a byline's person, and an AnnotatorNotes
 * line (#) for what a relation says beyond its two ends (the qualifier and
 * tenure of a HOLDS, the role of a PARTICIPATES, the award of an AWARDED).
 * annotation.conf (vnner_brat_conf) declares them, so that brat opens the
 * output as it is. */
#include <string.h>
#include "output/output.h"

const char *vnner_brat_conf(void)
{
    return "# brat configuration for vnner's standoff output (vnner annotate --format brat)\n"
           "[entities]\n"
           "PERSON\nPOSITION\nBODY\nEVENT\nPLACE\nDATE\n"
           "[relations]\n"
           "HOLDS\tArg1:PERSON, Arg2:POSITION\n"
           "PARTICIPATES\tArg1:PERSON, Arg2:EVENT\n"
           "AWARDED\tArg1:PERSON|BODY|POSITION, Arg2:PERSON|POSITION|BODY\n"
           "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain\n"
           "[events]\n"
           "[attributes]\n"
           "Author\tArg:PERSON\n";
}

/* The note of relation R (its fields past the two ends), into B; 0 when it has none. */
static int relation_note(const vnner_relation *r, vn_buf *b)
{
    size_t at = b->len;
    const char *k[] = {r->type == VNNER_AWARDED ? "giver" : "post", "qualifier", "from", "to", "term", "role", "award"};
    const char *v[] = {r->post, r->qualifier, r->from, r->to, r->term, r->role, r->award};
    for (int i = 0; i < 7; i++)
        if (v[i])
            vn_buf_printf(b, "%s%s=%s", b->len > at ? "; " : "", k[i], v[i]);
    return b->len > at;
}

int vn_write_brat(const vnner_doc *d, vn_buf *b, const char *name)
{
    (void)name; /* standoff has no header line: the .ann file's name is the document's */
    for (size_t i = 0; i < d->ents.n; i++) {
        const vnner_entity *p = &d->ents.v[i].pub;
        vn_buf_printf(b, "T%zu\t%s %zu %zu\t", i + 1, vnner_type_name(p->type), p->start, p->end);
        for (size_t k = p->bstart; k < p->bend; k++) {
            char c = d->text.orig[k];
            vn_buf_putc(b, c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
        }
        vn_buf_putc(b, '\n');
    }
    size_t nr = 0, na = 0, nn = 0;
    for (size_t i = 0; i < d->rels.n; i++) {
        const vnner_relation *r = &d->rels.v[i].pub;
        if (r->type == VNNER_AUTHOR && r->person >= 0) {
            vn_buf_printf(b, "A%zu\tAuthor T%d\n", ++na, r->person + 1);
            continue;
        }
        if (r->person < 0 || r->target < 0)
            continue;
        vn_buf_printf(b, "R%zu\t%s Arg1:T%d Arg2:T%d\n", ++nr, vn_rel_type_name(r->type), r->person + 1, r->target + 1);
        vn_buf note = {0};
        if (relation_note(r, &note))
            vn_buf_printf(b, "#%zu\tAnnotatorNotes R%zu\t%s\n", ++nn, nr, note.p);
        b->failed |= note.failed;
        vn_buf_free(&note);
    }
    return b->failed ? VNNER_ENOMEM : 0;
}
