#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PK_ARENA_ALIGN 16
#define PK_ARENA_MIN_BLOCK 4096

struct pk_arena_block {
    pk_arena_block *next;
    size_t pad; /* keeps the payload 16-byte aligned */
};

void pk_arena_init(pk_arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->size = 0;
}

void *pk_arena_alloc(pk_arena *a, size_t n)
{
    void *p;

    n = (n + PK_ARENA_ALIGN - 1) & ~(size_t)(PK_ARENA_ALIGN - 1);
    if (n == 0)
        n = PK_ARENA_ALIGN;
    if (a->head == NULL || a->size - a->used < n) {
        /* Blocks grow with the arena so a large dossier costs few mallocs. */
        size_t want = a->size * 2;
        pk_arena_block *b;

        if (want < PK_ARENA_MIN_BLOCK)
            want = PK_ARENA_MIN_BLOCK;
        if (want < n)
            want = n;
        if (want > SIZE_MAX - sizeof *b)
            return NULL;
        b = malloc(sizeof *b + want);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->size = want;
    }
    p = (char *)(a->head + 1) + a->used;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *pk_arena_strndup(pk_arena *a, const char *s, size_t len)
{
    char *p;

    if (len == SIZE_MAX)
        return NULL;
    p = pk_arena_alloc(a, len + 1);
    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *pk_arena_strdup(pk_arena *a, const char *s)
{
    return pk_arena_strndup(a, s, strlen(s));
}

void pk_arena_free(pk_arena *a)
{
    pk_arena_block *b = a->head;

    while (b != NULL) {
        pk_arena_block *next = b->next;
        free(b);
        b = next;
    }
    pk_arena_init(a);
}
