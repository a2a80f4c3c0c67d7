/* Calendar arithmetic: what the lexicon (date shapes), the entities (DATE
 * values) and the store (tenures) share.  Not installed. */
#ifndef VN_UTIL_DATE_H
#define VN_UTIL_DATE_H

/* Whether Y-M-D is a real day. */
int vn_date_valid(int y, int m, int d);
/* Moves Y-M-D by DELTA days. */
void vn_date_add_days(int *y, int *m, int *d, int delta);
/* Day number of Y-M-D (days since 1970-01-01, negative before). */
long vn_days(int y, int m, int d);
/* DAYS as YYYY-MM-DD. */
void vn_days_format(long days, char out[16]);
/* Day number of a full or partial date (YYYY, YYYY-MM, YYYY-MM-DD): its first
 * day, or its last when LAST.  0, or -1 if malformed. */
int vn_date_parse(const char *s, int last, long *days);

#endif
