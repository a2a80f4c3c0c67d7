/* An LD_PRELOAD shim that makes one allocation fail, for the allocation-failure
 * sweep (tests/fault/alloc_sweep.sh).
 *
 *   VNNER_FAIL_AT=N      the Nth allocation counted (malloc, calloc, realloc,
 *                        strdup, strndup, posix_memalign, aligned_alloc)
 *                        returns NULL with errno ENOMEM; the others succeed.
 *                        0 or unset: none fails.
 *   VNNER_FAIL_TRAP=1    trap (SIGILL) at that allocation instead: run under gdb
 *                        to see where it is.
 *   VNNER_FAIL_COUNT=F   at exit, write to file F the number of allocations
 *                        counted and whether the failure was injected
 *                        ("COUNT FIRED").
 *
 * Counting starts when main() starts (the shim wraps __libc_start_main), so
 * that the dynamic loader's and libc's start-up allocations are not counted
 * and a failure point means the same allocation from run to run.  glibc's own
 * strdup, fopen, asprintf... allocate through malloc, which this shim
 * replaces, so they are counted too (once each).
 *
 * Built as a shared library by the `alloc-sweep` target; needs glibc. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static int armed;        /* set when main starts */
static long fail_at;     /* 0: never */
static long counted;
static int fired;

static int should_fail(void)
{
    if (!__atomic_load_n(&armed, __ATOMIC_ACQUIRE))
        return 0;
    long n = __atomic_add_fetch(&counted, 1, __ATOMIC_RELAXED);
    if (fail_at > 0 && n == fail_at) {
        __atomic_store_n(&fired, 1, __ATOMIC_RELAXED);
        if (getenv("VNNER_FAIL_TRAP")) /* under a debugger: stop where the allocation fails */
            __builtin_trap();
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t n)
{
    return should_fail() ? NULL : __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    return should_fail() ? NULL : __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __libc_realloc(p, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (should_fail())
        return ENOMEM;
    void *p = __libc_memalign(align, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
    return should_fail() ? NULL : __libc_memalign(align, n);
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *strdup(const char *s)
{
    return strndup(s, (size_t)-1);
}

static void report(void)
{
    const char *f = getenv("VNNER_FAIL_COUNT");
    if (!f || !*f)
        return;
    __atomic_store_n(&armed, 0, __ATOMIC_RELEASE);
    FILE *o = fopen(f, "w");
    if (o) {
        fprintf(o, "%ld %d\n", __atomic_load_n(&counted, __ATOMIC_RELAXED), __atomic_load_n(&fired, __ATOMIC_RELAXED));
        fclose(o);
    }
}

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int wrapped_main(int argc, char **argv, char **envp)
{
    const char *e = getenv("VNNER_FAIL_AT");
    fail_at = e ? strtol(e, NULL, 10) : 0;
    atexit(report); /* registered before main's own handlers: runs after them */
    __atomic_store_n(&armed, 1, __ATOMIC_RELEASE);
    return real_main(argc, argv, envp);
}

typedef int (*start_fn)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *);

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void), void (*fini)(void),
                      void (*rtld_fini)(void), void *stack_end)
{
    start_fn real = (start_fn)dlsym(RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return real(wrapped_main, argc, argv, init, fini, rtld_fini, stack_end);
}
