/* JSON Lines, the format of the contract: one object a document with its
 * entities (ids e1, e2 ...) and relations referring to them. */
#include <string.h>
#include "output/output.h"

static void json_entity(const vnner_doc *d, vn_buf *b, size_t i)
{
    const vn_ent *e = &d->ents.v[i];
    const vnner_entity *p = &e->pub;
    VN_PUT_LIT(b, "{\"id\":\"e");
    vn_buf_num(b, i + 1);
    VN_PUT_LIT(b, "\",\"type\":\"");
    vn_buf_puts(b, vnner_type_name(p->type));
    VN_PUT_LIT(b, "\",\"start\":");
    vn_buf_num(b, p->start);
    VN_PUT_LIT(b, ",\"end\":");
    vn_buf_num(b, p->end);
    VN_PUT_LIT(b, ",\"bstart\":");
    vn_buf_num(b, p->bstart);
    VN_PUT_LIT(b, ",\"bend\":");
    vn_buf_num(b, p->bend);
    VN_PUT_LIT(b, ",\"text\":");
    vn_buf_json_str(b, d->text.orig + p->bstart, p->bend - p->bstart);
    VN_PUT_LIT(b, ",\"norm\":");
    vn_buf_json_str(b, e->norm, strlen(e->norm));
    vn_buf_json_opt(b, "rule", p->rule);
    if (p->parent >= 0) {
        VN_PUT_LIT(b, ",\"parent\":\"e");
        vn_buf_num(b, (size_t)p->parent + 1);
        vn_buf_putc(b, '"');
    } else
        VN_PUT_LIT(b, ",\"parent\":null");
    if (p->type == VNNER_DATE)
        vn_buf_json_opt(b, "value", p->value);
    if (p->canonical)
        vn_buf_json_opt(b, "canonical", p->canonical);
    if (e->entry) {
        const vn_entry *en = vn_gaz_entry(d->model->gaz, e->entry);
        vn_buf_json_opt(b, "entry", en->src);
    }
    if (p->valid_from)
        vn_buf_json_opt(b, "valid_from", p->valid_from);
    if (p->valid_to)
        vn_buf_json_opt(b, "valid_to", p->valid_to);
    vn_buf_putc(b, '}');
}

static void json_ref(vn_buf *b, const char *key, int idx)
{
    VN_PUT_LIT(b, ",\"");
    vn_buf_puts(b, key);
    if (idx >= 0) {
        VN_PUT_LIT(b, "\":\"e");
        vn_buf_num(b, (size_t)idx + 1);
        vn_buf_putc(b, '"');
    } else {
        VN_PUT_LIT(b, "\":null");
    }
}

static void json_relation(vn_buf *b, const vnner_relation *r)
{
    VN_PUT_LIT(b, "{\"type\":\"");
    vn_buf_puts(b, vn_rel_type_name(r->type));
    vn_buf_putc(b, '"');
    switch (r->type) {
    case VNNER_HOLDS:
        json_ref(b, "person", r->person);
        json_ref(b, "position", r->target);
        vn_buf_json_opt(b, "post", r->post);
        vn_buf_json_opt(b, "qualifier", r->qualifier);
        vn_buf_json_opt(b, "from", r->from);
        vn_buf_json_opt(b, "to", r->to);
        vn_buf_json_opt(b, "term", r->term);
        vn_buf_json_opt(b, "place", r->place);
        vn_buf_json_opt(b, "body", r->body);
        if (r->seen) /* only when it is not the document's date */
            vn_buf_json_opt(b, "seen", r->seen);
        break;
    case VNNER_PARTICIPATES:
        json_ref(b, "person", r->person);
        json_ref(b, "event", r->target);
        vn_buf_json_opt(b, "role", r->role);
        break;
    case VNNER_AWARDED:
        if (r->person >= 0)
            json_ref(b, "recipient", r->person);
        else
            vn_buf_json_opt(b, "recipient", r->recipient);
        vn_buf_json_opt(b, "award", r->award);
        json_ref(b, "giver", r->target);
        break;
    case VNNER_AUTHOR:
        json_ref(b, "person", r->person);
        break;
    }
    vn_buf_json_opt(b, "rule", r->rule);
    if (r->sentence_end > r->sentence_start)
    {
        VN_PUT_LIT(b, ",\"evidence\":[");
        vn_buf_num(b, r->sentence_start);
        vn_buf_putc(b, ',');
        vn_buf_num(b, r->sentence_end);
        vn_buf_putc(b, ']');
    }
    vn_buf_putc(b, '}');
}

int vn_write_jsonl(const vnner_doc *d, vn_buf *b, const char *name, unsigned flags)
{
    VN_PUT_LIT(b, "{\"doc\":");
    vn_buf_json_str(b, name, strlen(name));
    vn_buf_json_opt(b, "date", vnner_doc_date(d));
    VN_PUT_LIT(b, ",\"entities\":[");
    for (size_t i = 0; i < d->ents.n; i++) {
        if (i)
            vn_buf_putc(b, ',');
        json_entity(d, b, i);
    }
    VN_PUT_LIT(b, "],\"relations\":[");
    for (size_t i = 0; i < d->rels.n; i++) {
        if (i)
            vn_buf_putc(b, ',');
        json_relation(b, &d->rels.v[i].pub);
    }
    vn_buf_putc(b, ']');
    if (flags & VNNER_OUT_WITH_TEXT) {
        VN_PUT_LIT(b, ",\"text\":");
        vn_buf_json_str(b, d->text.orig, d->text.olen);
    }
    VN_PUT_LIT(b, "}\n");
    return b->failed ? VNNER_ENOMEM : 0;
}
