/*
 * strindex.h - finding a name among n names in one step (internal).
 *
 * The names stay where their owner keeps them (a pack's facts, a
 * vocabulary's words); the index holds only their numbers, in a table
 * of twice as many slots or more, reached by a hash of the name. The
 * owner hands the same key function to build and to find. When the index
 * could not be made (memory ran out, or nothing to index) find says so
 * and the owner looks the slow way: an index is a speed, never a meaning.
 */
#ifndef PK_STRINDEX_H
#define PK_STRINDEX_H

#include <stddef.h>
#include <stdint.h>

typedef const char *(*pk_strindex_key)(const void *owner, size_t i);

typedef struct pk_strindex {
    uint32_t *slot; /* i + 1, or 0 for an empty slot; NULL: no index */
    size_t mask;    /* slots - 1 */
} pk_strindex;

/* Indexes names 0 .. n-1 (a name met twice keeps its first number, as a
 * walk from the start finds it). 0, or PK_ENOMEM with no index made. */
int pk_strindex_build(pk_strindex *ix, size_t n, pk_strindex_key key,
                      const void *owner);

/* The number of name s: 0 .. n-1; -1 when it is not there; -2 when there
 * is no index to ask. */
long pk_strindex_find(const pk_strindex *ix, const char *s, pk_strindex_key key,
                      const void *owner);

/* The same for the n bytes at s (a name inside a longer string). */
long pk_strindex_find_n(const pk_strindex *ix, const char *s, size_t n,
                        pk_strindex_key key, const void *owner);

void pk_strindex_free(pk_strindex *ix);

#endif
