/*
 * strbuf.h - a growable byte buffer (internal to libparkcheck).
 *
 * Appends never abort: when memory runs out the append returns PK_ENOMEM
 * and the buffer remembers it (failed stays set, later appends do nothing
 * and return PK_ENOMEM), so a caller may append many pieces and check
 * once, at the end, with sb.failed. The contents written before the
 * failure are kept and stay NUL-terminated.
 *
 * data is NUL-terminated whenever cap > 0 (it is NULL, and len 0, before
 * the first append). len never counts the terminating NUL. The bytes are
 * not interpreted: the buffer may hold any text, or NULs.
 */
#ifndef PK_STRBUF_H
#define PK_STRBUF_H

#include <stddef.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#if defined(__GNUC__) || defined(__clang__)
#define PK_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PK_PRINTF_LIKE(f, a)
#endif

typedef struct pk_strbuf {
    char *data; /* NULL until something is appended */
    size_t len; /* bytes in data, without the terminating NUL */
    size_t cap; /* bytes allocated */
    int failed; /* an append ran out of memory; sticks until reset */
} pk_strbuf;

#define PK_STRBUF_INIT                                                         \
    {                                                                          \
        NULL, 0, 0, 0                                                          \
    }

/* An empty buffer; allocates nothing. */
void pk_sb_init(pk_strbuf *sb);

/* Appends len bytes (which may include NULs). 0 or PK_ENOMEM. */
int pk_sb_append_slow(pk_strbuf *sb, const char *data, size_t len);
static inline int pk_sb_append(pk_strbuf *sb, const char *data, size_t len)
{
    /* The writers append many short pieces: those that fit go without a
     * call. */
    if (sb->cap - sb->len > len && !sb->failed && len > 0) {
        memcpy(sb->data + sb->len, data, len);
        sb->len += len;
        sb->data[sb->len] = '\0';
        return 0;
    }
    return pk_sb_append_slow(sb, data, len);
}

/* Appends again the len bytes the buffer holds from offset at: 0,
 * PK_ENOMEM, or PK_EINVAL when they are not all there. */
int pk_sb_append_own(pk_strbuf *sb, size_t at, size_t len);

/* Appends a NUL-terminated string. 0 or PK_ENOMEM. */
static inline int pk_sb_puts(pk_strbuf *sb, const char *s)
{
    return pk_sb_append(sb, s, strlen(s));
}

/* Appends a string literal, its length known when compiling. */
#define PK_SB_LIT(sb, lit) pk_sb_append((sb), "" lit, sizeof(lit) - 1)

/* Appends formatted text. 0 or PK_ENOMEM (PK_EINVAL on a formatting error,
 * which also sets failed). The conversions are the C library's, so %f and
 * %g follow the program's LC_NUMERIC: write numbers meant for people with
 * numfmt.h, and those meant for machines with digits only (%d, %u, %zu). */
int pk_sb_printf(pk_strbuf *sb, const char *fmt, ...) PK_PRINTF_LIKE(2, 3);

/* Empties the buffer and clears failed; keeps the memory for reuse. */
void pk_sb_reset(pk_strbuf *sb);

/* Frees the memory; the buffer is empty (as after pk_sb_init) afterwards. */
void pk_sb_free(pk_strbuf *sb);

/* Takes the contents: a NUL-terminated string the caller frees with
 * free(), never NULL unless the buffer had failed or memory ran out (an
 * empty buffer gives ""). The buffer is empty afterwards, as after
 * pk_sb_init(). */
char *pk_sb_steal(pk_strbuf *sb);

#endif /* PK_STRBUF_H */
