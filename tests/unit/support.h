/* Helpers shared by the unit tests. */
#ifndef VNNER_TEST_SUPPORT_H
#define VNNER_TEST_SUPPORT_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "vnner.h"

/* The model from the source tree, loaded once per test binary. */
const vnner_model *test_model(void);
/* Annotates TEXT; the doc is reused across calls and freed at exit. */
const vnner_doc *test_annotate(const char *text, const char *date);
/* Index of the entity of TYPE whose text is exactly S (first found), or -1. */
int find_entity(const vnner_doc *d, vnner_type type, const char *text, const char *s);
/* Text of entity I. */
char *entity_text(const vnner_doc *d, const char *text, size_t i);
/* Writes S to a new temporary file under DIR; returns its malloc'd path. */
char *write_temp(const char *dir, const char *name, const char *s);
/* A new scratch folder /tmp/PREFIX-XXXXXX into DIR (N bytes) and the file
 * DIR/t.db into DB (M bytes); 0, or -1 when it cannot be made. */
int test_scratch(char *dir, size_t n, char *db, size_t m, const char *prefix);
/* Removes folder DIR and everything in it; the status of rm. */
int test_remove(const char *dir);
#endif
