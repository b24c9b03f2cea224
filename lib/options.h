/*
 * options.h - reading the caller's versioned options structs. Not installed.
 *
 * Every public options struct starts with `unsigned version` and only
 * grows at its end: version N+1 is version N with fields added after the
 * last one. A program built against an older header passes an older,
 * shorter struct; the library copies the part that version has into its
 * own current layout, already filled with the defaults, so the fields the
 * program did not know of keep their defaults. A version newer than the
 * library knows is refused: the library cannot tell what its extra fields
 * ask for.
 */
#ifndef PK_OPTIONS_H
#define PK_OPTIONS_H

#include <stddef.h>

#include <parkcheck/parkcheck.h>

/* The size of an options struct of one version: the end of the last field
 * that version has. Not sizeof, whose tail padding an older program's
 * struct may not have room for once a more aligned field follows. */
#define PK_OPTIONS_END(type, field)                                            \
    (offsetof(type, field) + sizeof(((type *)0)->field))

/* Copies *src (the caller's options, of any version from 1 to nversions)
 * into *dst, which holds the defaults in the current layout: sizes[v - 1]
 * bytes for version v, increasing with v, the last at most dst_size. A
 * NULL src leaves *dst as it is. name is the struct's name in the message.
 * Returns 0, or PK_EINVAL with err filled for version 0 (an uninitialised
 * struct) or a version above nversions. */
int pk_options_read(void *dst, size_t dst_size, const void *src,
                    const size_t *sizes, unsigned nversions, const char *name,
                    pk_error *err);

#endif /* PK_OPTIONS_H */
