/* A bump allocator: many small allocations freed together. Internal. */
#ifndef PK_ARENA_H
#define PK_ARENA_H

#include <stddef.h>

typedef struct pk_arena_block pk_arena_block;

typedef struct pk_arena {
    pk_arena_block *head;
    size_t used; /* bytes used in head */
    size_t size; /* bytes available in head */
} pk_arena;

void pk_arena_init(pk_arena *a);
/* Zeroed, aligned for any type; NULL when out of memory. */
void *pk_arena_alloc(pk_arena *a, size_t n);
/* A copy of s[0..len) with a NUL after it. */
char *pk_arena_strndup(pk_arena *a, const char *s, size_t len);
char *pk_arena_strdup(pk_arena *a, const char *s);
void pk_arena_free(pk_arena *a);

#endif
