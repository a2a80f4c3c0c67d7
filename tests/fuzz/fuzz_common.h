/* Shared by the fuzz targets: the model loaded once, a check that aborts
 * (so that libFuzzer and the replay driver both report it), and a helper
 * that captures a FILE * stream in memory. */
#ifndef VNNER_FUZZ_COMMON_H
#define VNNER_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vnner.h"

#ifndef VNNER_SOURCE_DIR
#define VNNER_SOURCE_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static vnner_model *fuzz_model;

static void fuzz_load_model(void)
{
    vnner_error err;
    if (fuzz_model)
        return;
    if (vnner_model_load(&fuzz_model, VNNER_SOURCE_DIR, NULL, 0, &err)) {
        fprintf(stderr, "fuzz: cannot load the model from %s: %s\n", VNNER_SOURCE_DIR, err.message);
        abort();
    }
}

static __attribute__((unused)) void fuzz_free_model(void)
{
    vnner_model_free(fuzz_model);
    fuzz_model = NULL;
}

/* An invariant of the public API does not hold: print it and abort. */
#define FUZZ_CHECK(cond, ...)                                                         \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz: %s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                             \
            fputc('\n', stderr);                                                      \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* Number of UTF-8 code points in S[0..n) (S is valid UTF-8). */
static __attribute__((unused)) size_t fuzz_cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static __attribute__((unused)) int fuzz_is_boundary(const char *s, size_t len, size_t i)
{
    return i == len || (i < len && ((unsigned char)s[i] & 0xC0) != 0x80);
}
#endif
