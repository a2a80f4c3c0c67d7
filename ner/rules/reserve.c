/* A reserve of memory for PCRE2's JIT compiler.  PCRE2 10.42's JIT compiler
 * (Debian 12) crashes, rather than failing, when one of its own allocations
 * fails (found by the allocation-failure sweep, tests/fault).  The rules are
 * compiled through a general context whose allocator takes from a fixed
 * reserve when malloc fails, so that compiling a rule under memory pressure
 * either works or fails cleanly in pcre2_compile, never inside the JIT. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include "rules/rules_impl.h"

#define RESERVE_BYTES (4u << 20) /* the JIT's scratch for the largest shipped rule is well under this */

static _Alignas(max_align_t) unsigned char reserve[RESERVE_BYTES];
static size_t reserve_used, reserve_live; /* a bump allocator, emptied when all it gave is freed */
static pthread_mutex_t reserve_lock = PTHREAD_MUTEX_INITIALIZER;

static int in_reserve(const void *p)
{
    return (const unsigned char *)p >= reserve && (const unsigned char *)p < reserve + RESERVE_BYTES;
}

static void *reserve_malloc(size_t n, void *data)
{
    (void)data;
    void *p = malloc(n);
    if (p || !n)
        return p;
    size_t a = _Alignof(max_align_t), need = (n + a - 1) / a * a;
    pthread_mutex_lock(&reserve_lock);
    if (need <= RESERVE_BYTES - reserve_used) {
        p = reserve + reserve_used;
        reserve_used += need;
        reserve_live++;
    }
    pthread_mutex_unlock(&reserve_lock);
    return p;
}

static void reserve_free(void *p, void *data)
{
    (void)data;
    if (!in_reserve(p)) {
        free(p);
        return;
    }
    pthread_mutex_lock(&reserve_lock);
    if (--reserve_live == 0)
        reserve_used = 0;
    pthread_mutex_unlock(&reserve_lock);
}

static pcre2_general_context *general;
static pcre2_compile_context *compile;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void make_contexts(void)
{
    general = pcre2_general_context_create(reserve_malloc, reserve_free, NULL);
    compile = general ? pcre2_compile_context_create(general) : NULL;
}

pcre2_compile_context *vn_rules_compile_context(void)
{
    pthread_once(&once, make_contexts);
    return compile;
}
