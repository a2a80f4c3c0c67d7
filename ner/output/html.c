/* A self-contained HTML page for one annotated document: the text with every
 * entity highlighted by type (nested ones inside), a legend, the entity's
 * type, normalised form and rule on hover, and the relations linked to their
 * spans.  No scripts, no external files; every text is escaped. */
#include <string.h>
#include "output/output.h"

static void esc(vn_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r = NULL;
        switch (s[i]) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\'': r = "&#39;"; break;
        }
        if (!r)
            continue;
        vn_buf_add(b, s + run, i - run);
        vn_buf_puts(b, r);
        run = i + 1;
    }
    vn_buf_add(b, s + run, n - run);
}

static void esc0(vn_buf *b, const char *s) { if (s) esc(b, s, strlen(s)); }

static const char STYLE[] =
    "body{font:16px/1.7 system-ui,sans-serif;margin:0;display:flex;gap:2em;padding:1.5em;color:#222}"
    "main{flex:3;white-space:pre-wrap;max-width:52em}aside{flex:2;font-size:14px}"
    ".ent{border-radius:3px;padding:1px 2px;border-bottom:2px solid}"
    ".ent .ent{margin:0 1px}.ent:target{outline:3px solid #000}"
    ".PERSON{background:#fff3b0;border-color:#d4a900}.POSITION{background:#c9f1f5;border-color:#10a3b3}"
    ".BODY{background:#d4f5cf;border-color:#2f9e44}.EVENT{background:#f4d9f7;border-color:#ae3ec9}"
    ".PLACE{background:#d6e4ff;border-color:#3b5bdb}.DATE{background:#ffd8d8;border-color:#e03131}"
    /* one tooltip, no native title: a status line fixed at the foot of the window, in room kept
     * free for it, so it covers no text (an inner entity's, drawn later, shows over its parent's) */
    "body{padding-bottom:3em}"
    ".ent:hover::after{content:attr(data-type) ' · ' attr(data-norm) ' · ' attr(data-rule);"
    "position:fixed;left:0;right:0;bottom:0;background:#222;color:#fff;font-size:13px;padding:.5em 1.5em;"
    "white-space:nowrap;overflow:hidden;text-overflow:ellipsis;z-index:9}"
    ".legend span{margin-right:.5em}table{border-collapse:collapse}td{padding:2px 6px;border-bottom:1px solid #ddd;vertical-align:top}";

static void write_relations(const vnner_doc *d, vn_buf *b)
{
    static const char *names[] = {"HOLDS", "PARTICIPATES", "AWARDED", "AUTHOR"};
    vn_buf_puts(b, "<h2>Relations</h2><table id=\"relations\">");
    for (size_t i = 0; i < d->rels.n; i++) {
        const vnner_relation *r = &d->rels.v[i].pub;
        vn_buf_printf(b, "<tr class=\"rel\"><td>%s</td><td>", names[r->type]);
        if (r->person >= 0) {
            const vnner_entity *p = &d->ents.v[r->person].pub;
            vn_buf_printf(b, "<a href=\"#e%d\">", r->person + 1);
            esc(b, d->text.orig + p->bstart, p->bend - p->bstart);
            vn_buf_puts(b, "</a>");
        } else {
            esc0(b, r->recipient);
        }
        vn_buf_puts(b, "</td><td>");
        if (r->role)
            vn_buf_printf(b, "%s ", r->role);
        if (r->award) {
            esc0(b, r->award);
            vn_buf_puts(b, r->target >= 0 ? " from " : "");
        }
        if (r->target >= 0) {
            const vnner_entity *t = &d->ents.v[r->target].pub;
            vn_buf_printf(b, "<a href=\"#e%d\">", r->target + 1);
            if (r->post)
                esc0(b, r->post);
            else
                esc(b, d->text.orig + t->bstart, t->bend - t->bstart);
            vn_buf_puts(b, "</a>");
        } else if (r->post) {
            esc0(b, r->post);
        }
        vn_buf_puts(b, "</td><td>");
        esc0(b, r->qualifier);
        vn_buf_puts(b, "</td></tr>");
    }
    vn_buf_puts(b, "</table>");
}

int vn_write_html(const vnner_doc *d, vn_buf *b, const char *name)
{
    vn_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
    esc0(b, name);
    vn_buf_printf(b, "</title><style>%s</style></head><body><main id=\"text\">", STYLE);
    int *open = calloc(d->ents.n + 1, sizeof *open);
    int nopen = 0;
    size_t next = 0, run = 0;
    if (!open)
        return b->failed = 1, VNNER_ENOMEM;
    for (size_t pos = 0; pos <= d->text.olen; pos++) {
        int boundary = (nopen && d->ents.v[open[nopen - 1]].pub.bend == pos) ||
                       (next < d->ents.n && d->ents.v[next].pub.bstart == pos);
        if (!boundary && pos < d->text.olen)
            continue;
        esc(b, d->text.orig + run, pos - run);
        run = pos;
        while (nopen && d->ents.v[open[nopen - 1]].pub.bend == pos) {
            nopen--;
            vn_buf_puts(b, "</span>");
        }
        while (next < d->ents.n && d->ents.v[next].pub.bstart == pos) {
            const vn_ent *e = &d->ents.v[next];
            const char *t = vnner_type_name(e->pub.type);
            vn_buf_printf(b, "<span class=\"ent %s\" id=\"e%zu\" data-type=\"%s\" data-norm=\"", t, next + 1, t);
            esc0(b, e->norm);
            vn_buf_puts(b, "\" data-rule=\"");
            esc0(b, e->pub.rule);
            vn_buf_puts(b, "\">");
            open[nopen++] = (int)next++;
        }
    }
    free(open);
    vn_buf_puts(b, "</main><aside><h2>");
    esc0(b, name);
    vn_buf_puts(b, "</h2>");
    if (d->pub.iso[0])
        vn_buf_printf(b, "<p>Published %s</p>", d->pub.iso);
    vn_buf_puts(b, "<p class=\"legend\">");
    for (int t = 0; t < VNNER_NTYPES; t++)
        vn_buf_printf(b, "<span class=\"ent %s\">%s</span>", vnner_type_name((vnner_type)t), vnner_type_name((vnner_type)t));
    vn_buf_puts(b, "</p>");
    write_relations(d, b);
    vn_buf_puts(b, "</aside></body></html>\n");
    return b->failed ? VNNER_ENOMEM : 0;
}
