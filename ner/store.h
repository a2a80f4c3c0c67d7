/* Internals shared by store.c, query.c and graph.c. */
#ifndef VNNER_STORE_H
#define VNNER_STORE_H
#include <sqlite3.h>
#include "internal.h"

#define VN_SCHEMA_VERSION 2
#define VN_STORE_NSTMT 16

struct vnner_store {
    sqlite3 *db;
    char *path;
    int readonly;
    sqlite3_stmt *st[VN_STORE_NSTMT];
};

/* The key under which a post or body is stored and looked up: normalised,
 * abbreviations expanded, a few equivalent forms merged.  malloc'd. */
char *vn_store_key(const vnner_model *m, const char *s);

#endif
