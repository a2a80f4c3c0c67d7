/* The gazetteer classes' names and the symbols their matches show, from the
 * one table in classes.h. */
#include <string.h>
#include "lexicon/classes.h"

static const struct {
    const char *name;
    char sym;
} classes[VN_NCLASSES] = {
#define VN_CLASS_ROW(cls, sym) [VN_C_##cls] = {#cls, VN_S_##sym},
    VN_CLASS_TABLE(VN_CLASS_ROW)
#undef VN_CLASS_ROW
};

char vn_class_sym(vn_class c) { return c < VN_NCLASSES ? classes[c].sym : 0; }

int vn_class_from_name(const char *s, size_t n)
{
    for (int i = 0; i < VN_NCLASSES; i++) /* first byte first: this runs for every gazetteer line */
        if (classes[i].name[0] == (n ? s[0] : 0) && strlen(classes[i].name) == n && memcmp(classes[i].name, s, n) == 0)
            return i;
    return -1;
}
