/* The one string hash (FNV-1a, 64 bits) and the one integer mixer that the
 * open-addressing tables of the lexicon, the store caches and the graph use. */
#ifndef VN_UTIL_HASH_H
#define VN_UTIL_HASH_H
#include <stddef.h>
#include <stdint.h>

static inline uint64_t vn_fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* A finaliser that spreads a key's bits over the table's low bits. */
static inline uint64_t vn_mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
}

#endif
