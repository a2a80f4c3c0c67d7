/* The record of one document that the store keeps (record.c builds it). */
#ifndef VNNER_RECORD_H
#define VNNER_RECORD_H
#include <stddef.h>
#include "vnner.h"

typedef struct vn_rec_person {
    char *name, *norm; /* the person's area is the store's business: the places of their holdings (ingest.c) */
} vn_rec_person;

/* The evidence sentence of a relation: a byte span of the record's text, kept
 * as offsets so that a sentence naming thousands of holders is held once. */
typedef struct vn_rec_span {
    size_t start, end; /* end 0: none */
} vn_rec_span;

typedef struct vn_rec_hold {
    int person;
    char *post, *body, *qualifier, *from, *to, *term, *place, *rule;
    vn_rec_span ev;
    char *seen; /* the day the evidence speaks of when not the document's, or NULL */
} vn_rec_hold;

typedef struct vn_rec_part {
    int person;
    char *event, *role;
    vn_rec_span ev;
} vn_rec_part;

typedef struct vn_rec_award {
    int person; /* the recipient when a person, else -1 */
    int giver_person; /* the giver when a person (named, or holding the giving post), else -1 */
    char *recipient, *award, *giver;
    vn_rec_span ev;
} vn_rec_award;

typedef struct vn_rec_mention {
    int type;
    size_t start, end;
    char *text, *norm, *rule;
} vn_rec_mention;

struct vnner_record {
    char *name, *source, *date, *text;
    size_t text_len;
    vn_rec_person *persons;
    size_t nperson, person_cap;
    int *person_slot;       /* open addressing over the persons' norms: index + 1 (a name is found, not scanned) */
    size_t nperson_slot;
    vn_rec_hold *holds;
    size_t nhold, hold_cap;
    vn_rec_part *parts;
    size_t npart, part_cap;
    vn_rec_award *awards;
    size_t naward, award_cap;
    int *authors;
    size_t nauthor, author_cap;
    vn_rec_mention *mentions;
    size_t nmention, mention_cap;
};

/* The index in R's persons of the person whose norm is NORM, or -1: a hash lookup. */
int vn_record_person_of(const vnner_record *r, const char *norm);

#endif
