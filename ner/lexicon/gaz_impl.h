/* The gazetteer's layout, shared by gazetteer.c (building and walking it)
 * and image.c (writing it as a compiled image and mapping one back).  Not
 * installed; nothing outside ner/lexicon includes it. */
#ifndef VN_LEXICON_GAZ_IMPL_H
#define VN_LEXICON_GAZ_IMPL_H
#include "lexicon/lexicon.h"
#include "util/buf.h"

typedef struct slot {
    uint64_t key;   /* syllable: hash; edge: node<<32|syl */
    uint32_t val;   /* syllable id / child node; 0 = empty */
    uint32_t aux;   /* syllable: offset of the string in the arena */
} slot;

typedef struct table {
    slot *s;
    size_t cap, n;  /* cap is a power of two */
} table;

struct vn_gaz {
    table syl, edge;
    vn_buf sylstr;          /* NUL-separated syllable strings */
    uint32_t nsyl, nnode;
    uint32_t *node_entry;   /* per node: first entry index+1 */
    size_t node_cap;
    vn_entry *ent;
    size_t nent, ent_cap;
    char **strs;            /* blocks of the entries' strings, back to back (never moved) */
    size_t nstr, str_cap;
    char *str_next;         /* where the next string goes in the last block */
    size_t str_left;        /* bytes free there */
    vn_text scratch_t;      /* reused while loading: no allocation per entry */
    vn_tokens scratch_tk;
    size_t count[VN_NCLASSES];
    uint32_t lengths[VN_NCLASSES]; /* per class: bit k-1 set when an entry has k tokens (k <= 32) */
    struct { const char *level, *unit; } defaults[8]; /* the unit word of a level the text leaves out */
    size_t ndefault;
    void *map;              /* a compiled image mapped by image.c, or NULL: then the tables, the syllable
                             * strings and the node entries are the map's, and nothing can be added */
    size_t map_len;
};

/* Unmaps G's image (image.c); its tables are gone after it. */
void vn_gaz_unmap(vn_gaz *g);

#endif
