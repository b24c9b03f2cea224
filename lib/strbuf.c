/*
 * strbuf.c - a growable byte buffer.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SB_MIN_CAP 64

void pk_sb_init(pk_strbuf *sb)
{
    sb->data = NULL;
    sb->len = 0;
    sb->cap = 0;
    sb->failed = 0;
}

/* Makes room for extra more bytes and the NUL. */
static int sb_reserve(pk_strbuf *sb, size_t extra)
{
    size_t need, cap;
    char *p;

    if (sb->failed)
        return PK_ENOMEM;
    if (extra > SIZE_MAX - 1 - sb->len)
        goto fail;
    need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    cap = sb->cap < SB_MIN_CAP ? SB_MIN_CAP : sb->cap;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(sb->data, cap);
    if (p == NULL)
        goto fail;
    if (sb->data == NULL)
        p[0] = '\0';
    sb->data = p;
    sb->cap = cap;
    return 0;
fail:
    sb->failed = 1;
    return PK_ENOMEM;
}

int pk_sb_append_slow(pk_strbuf *sb, const char *data, size_t len)
{
    int rc = sb_reserve(sb, len);

    if (rc != 0)
        return rc;
    if (len > 0)
        memcpy(sb->data + sb->len, data, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
    return 0;
}

int pk_sb_append_own(pk_strbuf *sb, size_t at, size_t len)
{
    int rc;

    if (sb->failed)
        return PK_ENOMEM;
    if (at > sb->len || len > sb->len - at)
        return PK_EINVAL;
    rc = sb_reserve(sb, len);
    if (rc != 0)
        return rc;
    /* after the reserve: data may have moved */
    memcpy(sb->data + sb->len, sb->data + at, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
    return 0;
}

int pk_sb_printf(pk_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    size_t room;
    int n, rc;

    if (sb->failed)
        return PK_ENOMEM;
    /* A first try in the room there is; most pieces are short. */
    rc = sb_reserve(sb, SB_MIN_CAP);
    if (rc != 0)
        return rc;
    room = sb->cap - sb->len;
    va_start(ap, fmt);
    n = vsnprintf(sb->data + sb->len, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        goto bad;
    if ((size_t)n >= room) {
        rc = sb_reserve(sb, (size_t)n);
        if (rc != 0) {
            sb->data[sb->len] = '\0';
            return rc;
        }
        va_start(ap, fmt);
        n = vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, ap);
        va_end(ap);
        if (n < 0)
            goto bad;
    }
    sb->len += (size_t)n;
    return 0;
bad:
    sb->data[sb->len] = '\0';
    sb->failed = 1;
    return PK_EINVAL;
}

void pk_sb_reset(pk_strbuf *sb)
{
    sb->len = 0;
    sb->failed = 0;
    if (sb->data != NULL)
        sb->data[0] = '\0';
}

void pk_sb_free(pk_strbuf *sb)
{
    free(sb->data);
    pk_sb_init(sb);
}

char *pk_sb_steal(pk_strbuf *sb)
{
    char *s = sb->data;

    if (sb->failed) {
        pk_sb_free(sb);
        return NULL;
    }
    if (s == NULL) {
        s = malloc(1);
        if (s != NULL)
            s[0] = '\0';
    }
    pk_sb_init(sb);
    return s;
}
