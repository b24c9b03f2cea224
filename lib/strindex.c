#include "strindex.h"

#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

/* FNV-1a, 32 bits. */
static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
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
        for (at = hash(name) & ix->mask; ix->slot[at] != 0;
             at = (at + 1) & ix->mask)
            if (strcmp(key(owner, ix->slot[at] - 1), name) == 0)
                break;
        if (ix->slot[at] == 0)
            ix->slot[at] = (uint32_t)i + 1;
    }
    return PK_OK;
}

long pk_strindex_find(const pk_strindex *ix, const char *s, pk_strindex_key key,
                      const void *owner)
{
    if (ix->slot == NULL)
        return -2;
    for (size_t at = hash(s) & ix->mask; ix->slot[at] != 0;
         at = (at + 1) & ix->mask)
        if (strcmp(key(owner, ix->slot[at] - 1), s) == 0)
            return (long)ix->slot[at] - 1;
    return -1;
}

void pk_strindex_free(pk_strindex *ix)
{
    free(ix->slot);
    ix->slot = NULL;
    ix->mask = 0;
}
