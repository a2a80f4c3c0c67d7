/* JSON Lines, the format of the contract: one object a document with its
 * entities (ids e1, e2 ...) and relations referring to them. */
#include <string.h>
#include "output/output.h"

/* ,"KEY":V with the key's bytes made at compile time (KEY a string literal). */
#define JSON_OPT(b, key, v) json_opt((b), ",\"" key "\":", sizeof(",\"" key "\":") - 1, (v))
#define JSON_REF(b, key, idx) json_ref((b), ",\"" key "\":", sizeof(",\"" key "\":") - 1, (idx))

static void json_opt(vn_buf *b, const char *key, size_t kl, const char *v)
{
    vn_buf_add(b, key, kl);
    if (v)
        vn_buf_json_str(b, v, strlen(v));
    else
        VN_PUT_LIT(b, "null");
}

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
    JSON_OPT(b, "rule", p->rule);
    if (p->parent >= 0) {
        VN_PUT_LIT(b, ",\"parent\":\"e");
        vn_buf_num(b, (size_t)p->parent + 1);
        vn_buf_putc(b, '"');
    } else
        VN_PUT_LIT(b, ",\"parent\":null");
    if (p->type == VNNER_DATE)
        JSON_OPT(b, "value", p->value);
    if (p->canonical)
        JSON_OPT(b, "canonical", p->canonical);
    if (e->entry) {
        const vn_entry *en = vn_gaz_entry(d->model->gaz, e->entry);
        JSON_OPT(b, "entry", en->src);
    }
    if (p->valid_from)
        JSON_OPT(b, "valid_from", p->valid_from);
    if (p->valid_to)
        JSON_OPT(b, "valid_to", p->valid_to);
    vn_buf_putc(b, '}');
}

static void json_ref(vn_buf *b, const char *key, size_t kl, int idx)
{
    vn_buf_add(b, key, kl);
    if (idx >= 0) {
        VN_PUT_LIT(b, "\"e");
        vn_buf_num(b, (size_t)idx + 1);
        vn_buf_putc(b, '"');
    } else {
        VN_PUT_LIT(b, "null");
    }
}

static void json_relation(vn_buf *b, const vnner_relation *r)
{
    VN_PUT_LIT(b, "{\"type\":\"");
    vn_buf_puts(b, vn_rel_type_name(r->type));
    vn_buf_putc(b, '"');
    switch (r->type) {
    case VNNER_HOLDS:
        JSON_REF(b, "person", r->person);
        JSON_REF(b, "position", r->target);
        JSON_OPT(b, "post", r->post);
        JSON_OPT(b, "qualifier", r->qualifier);
        JSON_OPT(b, "from", r->from);
        JSON_OPT(b, "to", r->to);
        JSON_OPT(b, "term", r->term);
        JSON_OPT(b, "place", r->place);
        JSON_OPT(b, "body", r->body);
        if (r->seen) /* only when it is not the document's date */
            JSON_OPT(b, "seen", r->seen);
        break;
    case VNNER_PARTICIPATES:
        JSON_REF(b, "person", r->person);
        JSON_REF(b, "event", r->target);
        JSON_OPT(b, "role", r->role);
        break;
    case VNNER_AWARDED:
        if (r->person >= 0)
            JSON_REF(b, "recipient", r->person);
        else
            JSON_OPT(b, "recipient", r->recipient);
        JSON_OPT(b, "award", r->award);
        JSON_REF(b, "giver", r->target);
        break;
    case VNNER_AUTHOR:
        JSON_REF(b, "person", r->person);
        break;
    }
    JSON_OPT(b, "rule", r->rule);
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
    JSON_OPT(b, "date", vnner_doc_date(d));
    if (d->source) {
        VN_PUT_LIT(b, ",\"source\":");
        vn_buf_json_str(b, d->source, strlen(d->source));
    }
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
