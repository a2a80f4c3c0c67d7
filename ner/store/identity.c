/* Identity: a person is a normalised name in an area, the province or city
 * of their local post.  An area that merged into another is that other's
 * history, so the area is followed along the gazetteer's successor links
 * (Bình Định → Gia Lai): one person on both sides of the 2025 merger. */
#include <string.h>
#include "pipeline/model.h"
#include "store/store.h"
#include "text/text.h"

const char *vn_person_area(const vnner_model *m, const char *area, char *buf, size_t n)
{
    if (!m || !area || !*area)
        return area;
    const char *cur = area;
    for (int hops = 0; hops < 4; hops++) { /* a chain of mergers, never a loop */
        const vn_entry *e = vn_gaz_place(m->gaz, cur);
        if (!e || !e->successor)
            break;
        char *s = vn_normalize_str(e->successor, strlen(e->successor));
        if (!s) /* out of memory: not the area itself, which would make the person another */
            return NULL;
        if (strlen(s) >= n) {
            free(s);
            break;
        }
        memcpy(buf, s, strlen(s) + 1);
        free(s);
        cur = buf;
    }
    return cur;
}
