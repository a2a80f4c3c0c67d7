/* Dates: the publication date from the dateline, ISO values of DATE
 * entities (relative ones resolved against it).  Not installed. */
#ifndef VN_ENTITIES_DATES_H
#define VN_ENTITIES_DATES_H
#include "entities/entities.h"
#include "util/date.h"

/* The publication date: found in the dateline or given by the caller. */
typedef struct vn_pubdate {
    char iso[16];   /* YYYY-MM-DD or "" */
    int y, m, d;    /* 0 when unknown */
} vn_pubdate;

/* The dateline's date into OUT (cleared when there is none). */
void vn_pubdate_find(vn_pubdate *out, const vn_view *v);
/* Sets OUT from an ISO YYYY-MM-DD string; VNNER_EINVAL if it is not a valid date. */
int vn_pubdate_set(vn_pubdate *out, const char *iso);
/* The values of the DATE entities of ENTS. */
int vn_dates_resolve(vn_ents *ents, const vn_view *v, const vn_pubdate *pub);

#endif
