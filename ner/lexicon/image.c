/* Compiled gazetteer images: the tables of a loaded gazetteer written as one
 * file, mapped back read-only at the next start instead of parsing the TSV
 * lists again (which is most of a short process's time).  The layout, all
 * native-endian and fixed-width:
 *
 *   header    MAGIC, then the words of hdr_words, then the key (padded to 8)
 *   sections  syllable slots, edge slots, node entries, entries, syllable
 *             strings, string pool; each padded to 16 bytes
 *
 * Entries keep their strings as offsets into the pool (0 = none); mapping
 * turns them back into vn_entry pointers, everything else is used in place.
 * Nothing in an image is trusted: every count, offset and chain is checked
 * before use, and an image that fails a check is simply not used. */
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lexicon/gaz_impl.h"

#ifndef VN_LEX_BUILD_ID
#define VN_LEX_BUILD_ID "unknown" /* set by the build from the sources an image depends on */
#endif

static const char MAGIC[8] = {'V', 'N', 'L', 'E', 'X', '0', '1', '\n'};
#define ENDIAN_MARK 0x0102030405060708ull

typedef struct disk_entry {
    uint32_t surface, canonical, valid_from, valid_to, src, successor, unit, note; /* pool offsets, 0 = NULL */
    uint32_t next;
    uint16_t ntok;
    uint8_t cls, caps, foreign, capital, pad[2];
} disk_entry;
_Static_assert(sizeof(disk_entry) == 44, "disk_entry has no hidden padding");

/* The header's words, in this order, after MAGIC. */
enum {
    H_ENDIAN, H_KEYLEN, H_SYL_CAP, H_SYL_N, H_EDGE_CAP, H_EDGE_N, H_NSYL, H_NNODE, H_NENT, H_SYLSTR, H_POOL,
    H_NDEFAULT, H_DEFAULTS, /* 8 pairs (level, unit) of pool offsets */
    H_COUNT = H_DEFAULTS + 16, H_LENGTHS = H_COUNT + VN_NCLASSES, H_WORDS = H_LENGTHS + VN_NCLASSES
};

static size_t pad16(size_t n) { return (n + 15) & ~(size_t)15; }

/* ---- writing ------------------------------------------------------------ */

typedef struct pool {
    vn_buf b;
} pool;

static uint32_t pool_put(pool *p, const char *s)
{
    if (!s)
        return 0;
    uint32_t at = (uint32_t)p->b.len;
    vn_buf_add(&p->b, s, strlen(s) + 1);
    return at;
}

static int write_all(int fd, const void *p, size_t n)
{
    for (const char *c = p; n;) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return VNNER_EIO;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes N bytes at P, then zeros up to the next 16-byte boundary. */
static int write_section(int fd, const void *p, size_t n)
{
    static const char zero[16];
    int rc = write_all(fd, p, n);
    return rc ? rc : write_all(fd, zero, pad16(n) - n);
}

/* The entries as disk entries, their strings into P. */
static disk_entry *disk_entries(const vn_gaz *g, pool *p)
{
    disk_entry *d = calloc(g->nent ? g->nent : 1, sizeof *d);
    for (size_t i = 0; d && i < g->nent; i++) {
        const vn_entry *e = &g->ent[i];
        d[i] = (disk_entry){pool_put(p, e->surface), pool_put(p, e->canonical), pool_put(p, e->valid_from),
                            pool_put(p, e->valid_to), pool_put(p, e->src), pool_put(p, e->successor),
                            pool_put(p, e->unit), pool_put(p, e->note), e->next, e->ntok, e->cls, e->caps,
                            e->foreign, e->capital, {0, 0}};
    }
    return d;
}

static int write_image(int fd, const vn_gaz *g, const char *key, size_t keylen)
{
    pool p = {{0}};
    uint64_t h[H_WORDS] = {0};
    vn_buf_putc(&p.b, 0); /* offset 0 is "no string" */
    disk_entry *d = disk_entries(g, &p);
    h[H_ENDIAN] = ENDIAN_MARK;
    h[H_KEYLEN] = keylen;
    h[H_SYL_CAP] = g->syl.cap, h[H_SYL_N] = g->syl.n, h[H_EDGE_CAP] = g->edge.cap, h[H_EDGE_N] = g->edge.n;
    h[H_NSYL] = g->nsyl, h[H_NNODE] = g->nnode, h[H_NENT] = g->nent, h[H_SYLSTR] = g->sylstr.len;
    h[H_NDEFAULT] = g->ndefault;
    for (size_t i = 0; i < g->ndefault; i++) {
        h[H_DEFAULTS + 2 * i] = pool_put(&p, g->defaults[i].level);
        h[H_DEFAULTS + 2 * i + 1] = pool_put(&p, g->defaults[i].unit);
    }
    for (size_t c = 0; c < VN_NCLASSES; c++)
        h[H_COUNT + c] = g->count[c], h[H_LENGTHS + c] = g->lengths[c];
    h[H_POOL] = p.b.len;
    int rc = VNNER_ENOMEM;
    if (d && !p.b.failed && p.b.len < UINT32_MAX) {
        rc = write_all(fd, MAGIC, sizeof MAGIC);
        rc = rc ? rc : write_all(fd, h, sizeof h);
        rc = rc ? rc : write_section(fd, key, keylen);
        rc = rc ? rc : write_section(fd, g->syl.s, g->syl.cap * sizeof(slot));
        rc = rc ? rc : write_section(fd, g->edge.s, g->edge.cap * sizeof(slot));
        rc = rc ? rc : write_section(fd, g->node_entry, ((size_t)g->nnode + 1) * sizeof(uint32_t));
        rc = rc ? rc : write_section(fd, d, g->nent * sizeof *d);
        rc = rc ? rc : write_section(fd, g->sylstr.p, g->sylstr.len);
        rc = rc ? rc : write_section(fd, p.b.p, p.b.len);
    }
    free(d);
    vn_buf_free(&p.b);
    return rc;
}

int vn_gaz_image_write(const vn_gaz *g, const char *path, const char *key, size_t keylen)
{
    vn_buf tmp = {0};
    vn_buf_printf(&tmp, "%s.XXXXXX", path);
    if (tmp.failed)
        return VNNER_ENOMEM;
    int fd = mkstemp(tmp.p), rc = VNNER_EIO;
    if (fd >= 0) {
        rc = write_image(fd, g, key, keylen);
        if (close(fd) && !rc)
            rc = VNNER_EIO;
        if (!rc && rename(tmp.p, path))
            rc = VNNER_EIO;
        if (rc)
            unlink(tmp.p);
    }
    vn_buf_free(&tmp);
    return rc;
}

/* ---- mapping ------------------------------------------------------------ */

/* Where the sections are, and whether they fit in the file. */
typedef struct layout {
    size_t syl, edge, node, ent, sylstr, pool, end;
} layout;

static int place_sections(const uint64_t *h, size_t size, layout *l)
{
    const uint64_t big = (uint64_t)1 << 32; /* no count or table of a real gazetteer comes near it */
    for (int i = H_KEYLEN; i <= H_POOL; i++)
        if (h[i] >= big)
            return -1;
    size_t at = sizeof MAGIC + H_WORDS * 8 + pad16((size_t)h[H_KEYLEN]); /* 8-byte aligned: all the slots need */
    l->syl = at, at += pad16((size_t)h[H_SYL_CAP] * sizeof(slot));
    l->edge = at, at += pad16((size_t)h[H_EDGE_CAP] * sizeof(slot));
    l->node = at, at += pad16(((size_t)h[H_NNODE] + 1) * sizeof(uint32_t));
    l->ent = at, at += pad16((size_t)h[H_NENT] * sizeof(disk_entry));
    l->sylstr = at, at += pad16((size_t)h[H_SYLSTR]);
    l->pool = at, at += pad16((size_t)h[H_POOL]);
    l->end = at;
    return at == size ? 0 : -1;
}

static int pow2(uint64_t n) { return n >= 2 && !(n & (n - 1)); }

/* The hash tables: a power-of-two size with a free slot (probes end), values in range. */
static int check_tables(const vn_gaz *g)
{
    size_t used = 0;
    if (!pow2(g->syl.cap) || !pow2(g->edge.cap) || g->syl.n >= g->syl.cap || g->edge.n >= g->edge.cap)
        return -1;
    for (size_t i = 0; i < g->syl.cap; i++) {
        const slot *s = &g->syl.s[i];
        used += s->val != 0;
        if (s->val && (s->val > g->nsyl || s->aux >= g->sylstr.len))
            return -1;
    }
    if (used != g->syl.n)
        return -1;
    used = 0;
    for (size_t i = 0; i < g->edge.cap; i++) {
        used += g->edge.s[i].val != 0;
        if (g->edge.s[i].val && (g->edge.s[i].val < 2 || g->edge.s[i].val > g->nnode))
            return -1;
    }
    if (used != g->edge.n)
        return -1;
    for (size_t i = 0; i <= g->nnode; i++)
        if (g->node_entry[i] > g->nent)
            return -1;
    return g->sylstr.len && g->sylstr.p[g->sylstr.len - 1] == 0 ? 0 : -1;
}

/* The entries with their pointers into the pool; chains only go forward, so a walk ends. */
static int relocate(vn_gaz *g, const disk_entry *d, const char *pool, size_t pool_len)
{
    if (!g->nent)
        return 0;
    if (!(g->ent = calloc(g->nent, sizeof *g->ent)))
        return VNNER_ENOMEM;
    g->ent_cap = g->nent;
    for (size_t i = 0; i < g->nent; i++) {
        const disk_entry *x = &d[i];
        const uint32_t off[8] = {x->surface, x->canonical, x->valid_from, x->valid_to,
                                 x->src,     x->successor, x->unit,       x->note};
        const char *str[8];
        for (int k = 0; k < 8; k++) {
            if (off[k] >= pool_len)
                return VNNER_ENOTFOUND;
            str[k] = off[k] ? pool + off[k] : NULL;
        }
        if ((x->next && x->next <= i + 1) || x->next > g->nent || x->cls >= VN_NCLASSES || !str[0] || !str[1])
            return VNNER_ENOTFOUND;
        g->ent[i] = (vn_entry){str[0], str[1], str[2], str[3], str[4], x->next, x->ntok, x->cls,
                               x->caps,  x->foreign, x->capital, str[5], str[6], str[7]};
    }
    return 0;
}

static int adopt(vn_gaz *g, const char *base, const uint64_t *h, const layout *l)
{
    const char *pool = base + l->pool;
    g->syl = (table){(slot *)(base + l->syl), (size_t)h[H_SYL_CAP], (size_t)h[H_SYL_N]};
    g->edge = (table){(slot *)(base + l->edge), (size_t)h[H_EDGE_CAP], (size_t)h[H_EDGE_N]};
    g->sylstr = (vn_buf){(char *)(base + l->sylstr), (size_t)h[H_SYLSTR], (size_t)h[H_SYLSTR], 0};
    g->nsyl = (uint32_t)h[H_NSYL], g->nnode = (uint32_t)h[H_NNODE], g->nent = (size_t)h[H_NENT];
    g->node_entry = (uint32_t *)(base + l->node);
    g->node_cap = (size_t)g->nnode + 1;
    if (g->nnode < 1 || check_tables(g) || !h[H_POOL] || pool[h[H_POOL] - 1] || h[H_NDEFAULT] > 8)
        return VNNER_ENOTFOUND;
    int rc = relocate(g, (const disk_entry *)(base + l->ent), pool, (size_t)h[H_POOL]);
    if (rc)
        return rc;
    g->ndefault = (size_t)h[H_NDEFAULT];
    for (size_t i = 0; i < g->ndefault; i++) {
        uint64_t lv = h[H_DEFAULTS + 2 * i], un = h[H_DEFAULTS + 2 * i + 1];
        if (!lv || !un || lv >= h[H_POOL] || un >= h[H_POOL])
            return VNNER_ENOTFOUND;
        g->defaults[i].level = pool + lv, g->defaults[i].unit = pool + un;
    }
    for (size_t c = 0; c < VN_NCLASSES; c++)
        g->count[c] = (size_t)h[H_COUNT + c], g->lengths[c] = (uint32_t)h[H_LENGTHS + c];
    return 0;
}

void vn_gaz_unmap(vn_gaz *g)
{
    if (g && g->map) {
        munmap(g->map, g->map_len);
        g->map = NULL;
    }
}

/* The file at PATH mapped read-only, or NULL (missing, unreadable, empty). */
static void *map_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *p = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        *len = (size_t)st.st_size;
        p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
        p = p == MAP_FAILED ? NULL : p;
    }
    close(fd);
    return p;
}

int vn_gaz_image_map(vn_gaz **out, const char *path, const char *key, size_t keylen)
{
    *out = NULL;
    size_t len = 0;
    char *base = map_file(path, &len);
    if (!base)
        return VNNER_ENOTFOUND;
    uint64_t h[H_WORDS];
    layout l;
    int rc = VNNER_ENOTFOUND;
    vn_gaz *g = NULL;
    if (len < sizeof MAGIC + sizeof h || memcmp(base, MAGIC, sizeof MAGIC))
        goto fail;
    memcpy(h, base + sizeof MAGIC, sizeof h);
    if (h[H_ENDIAN] != ENDIAN_MARK || h[H_KEYLEN] != keylen || place_sections(h, len, &l) ||
        memcmp(base + sizeof MAGIC + sizeof h, key, keylen))
        goto fail;
    rc = VNNER_ENOMEM;
    if (!(g = calloc(1, sizeof *g)))
        goto fail;
    g->map = base, g->map_len = len;
    if ((rc = adopt(g, base, h, &l)))
        goto fail;
    *out = g;
    return 0;
fail:
    if (g)
        vn_gaz_free(g); /* unmaps too */
    else
        munmap(base, len);
    return rc;
}

/* ---- keys --------------------------------------------------------------- */

int vn_gaz_image_key(vn_buf *key, const char *const *files, size_t n)
{
    vn_buf_printf(key, "vnner lexicon image 1, build %s, entry %zu, slot %zu\n", VN_LEX_BUILD_ID,
                  sizeof(vn_entry), sizeof(slot));
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        char *real = realpath(files[i], NULL); /* the same list however the folder was named */
        if (!real || stat(real, &st)) {
            free(real);
            return VNNER_EIO;
        }
        vn_buf_printf(key, "%s\t%lld\t%lld.%09ld\t%llu:%llu\n", real, (long long)st.st_size,
                      (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec, (unsigned long long)st.st_dev,
                      (unsigned long long)st.st_ino);
        free(real);
    }
    return key->failed ? VNNER_ENOMEM : 0;
}
