#include "strindex.h"

#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

/* Eight bytes at a time (names are short: two or three steps), mixed by
 * multiplying; the byte order of the machine does not matter, as every
 * hash is made on it. */
static size_t hash(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * UINT64_C(0x9E3779B97F4A7C15), w;

    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * UINT64_C(0xFF51AFD7ED558CCD);
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * UINT64_C(0xC4CEB9FE1A85EC53);
    return (size_t)(h ^ (h >> 29));
}

int pk_strindex_build(pk_strindex *ix, size_t n, pk_strindex_key key,
                      const void *owner)
{
    size_t size = 8;

    ix->slot = NULL;
    ix->mask = 0;
    if (n == 0 || n >= UINT32_MAX / 4)
        return PK_OK;
    while (size < 2 * n)
        size *= 2;
    ix->slot = calloc(size, sizeof *ix->slot);
    if (ix->slot == NULL)
        return PK_ENOMEM;
    ix->mask = size - 1;
    for (size_t i = 0; i < n; i++) {
        const char *name = key(owner, i);
        size_t at;

        if (name == NULL)
            continue;
        for (at = hash(name, strlen(name)) & ix->mask; ix->slot[at] != 0;
             at = (at + 1) & ix->mask)
            if (strcmp(key(owner, ix->slot[at] - 1), name) == 0)
                break;
        if (ix->slot[at] == 0)
            ix->slot[at] = (uint32_t)i + 1;
    }
    return PK_OK;
}

long pk_strindex_find_n(const pk_strindex *ix, const char *s, size_t n,
                        pk_strindex_key key, const void *owner)
{
    if (ix->slot == NULL)
        return -2;
    for (size_t at = hash(s, n) & ix->mask; ix->slot[at] != 0;
         at = (at + 1) & ix->mask) {
        const char *name = key(owner, ix->slot[at] - 1);

        if (strncmp(name, s, n) == 0 && name[n] == '\0')
            return (long)ix->slot[at] - 1;
    }
    return -1;
}

long pk_strindex_find(const pk_strindex *ix, const char *s, pk_strindex_key key,
                      const void *owner)
{
    return pk_strindex_find_n(ix, s, strlen(s), key, owner);
}

void pk_strindex_free(pk_strindex *ix)
{
    free(ix->slot);
    ix->slot = NULL;
    ix->mask = 0;
}
