/* Character encodings of a dossier. Notepad and Word save "Unicode" as
 * UTF-16 with a byte order mark, which XML 1.0 requires a parser to read;
 * the reader checks, positions and types UTF-8, so UTF-16 is turned into
 * UTF-8 first. Lines and characters are the same in both, so every
 * line:column stays right. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "encoding.h"

pk_utf16 pk_utf16_detect(const char *data, size_t len, size_t *skip)
{
    const unsigned char *u = (const unsigned char *)data;

    *skip = 0;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        *skip = 2;
        return PK_UTF16LE;
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        *skip = 2;
        return PK_UTF16BE;
    }
    /* No mark: a declaration's "<?", one byte of each unit zero. */
    if (len >= 4 && memcmp(u, "<\0?\0", 4) == 0)
        return PK_UTF16LE;
    if (len >= 4 && memcmp(u, "\0<\0?", 4) == 0)
        return PK_UTF16BE;
    return PK_NOT_UTF16;
}

static size_t put_utf8(unsigned long c, char *o)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

int pk_utf16_to_utf8(const char *data, size_t len, pk_utf16 order, char **out,
                     size_t *outlen, unsigned *unit)
{
    const unsigned char *u = (const unsigned char *)data;
    int hi = order == PK_UTF16BE ? 0 : 1;
    size_t i = 0, n = 0;
    char *o;

    *outlen = 0;
    *unit = 0;
    /* Each unit of two bytes gives at most three bytes of UTF-8, and a
     * pair of four bytes four. */
    o = malloc(len / 2 * 3 + 1);
    *out = o;
    if (o == NULL)
        return PK_ENOMEM;
    while (len - i >= 2) {
        unsigned long c = ((unsigned long)u[i + hi] << 8) | u[i + 1 - hi];
        i += 2;
        if (c >= 0xDC00 && c <= 0xDFFF)
            goto bad;
        if (c >= 0xD800 && c <= 0xDBFF) {
            unsigned long lo;
            if (len - i < 2)
                goto bad;
            lo = ((unsigned long)u[i + hi] << 8) | u[i + 1 - hi];
            if (lo < 0xDC00 || lo > 0xDFFF)
                goto bad;
            i += 2;
            c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        }
        n += put_utf8(c, o + n);
        continue;
    bad:
        o[n] = '\0';
        *outlen = n;
        *unit = (unsigned)c;
        return PK_EENCODING;
    }
    o[n] = '\0';
    *outlen = n;
    if (i < len) {
        *unit = 0x10000u + u[i];
        return PK_EENCODING;
    }
    return PK_OK;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int pk_xml_declared_encoding(const char *data, size_t len, size_t *off,
                             size_t *vlen)
{
    size_t i, end;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
        *off = 3;
    } else {
        *off = 0;
    }
    if (len < 6 || memcmp(data, "<?xml", 5) != 0 || !is_blank(data[5]))
        return 0;
    for (end = 5; end + 1 < len && !(data[end] == '?' && data[end + 1] == '>');
         end++)
        if (data[end] == '<' || end > 512)
            return 0;
    for (i = 5; i + 8 < end; i++) {
        char q;
        size_t v;
        if (memcmp(data + i, "encoding", 8) != 0 || !is_blank(data[i - 1]))
            continue;
        i += 8;
        while (i < end && is_blank(data[i]))
            i++;
        if (i >= end || data[i] != '=')
            return 0;
        i++;
        while (i < end && is_blank(data[i]))
            i++;
        if (i >= end || (data[i] != '"' && data[i] != '\''))
            return 0;
        q = data[i++];
        for (v = i; v < end && data[v] != q; v++)
            ;
        if (v >= end)
            return 0;
        *off += i;
        *vlen = v - i;
        return 1;
    }
    return 0;
}

static int name_is(const char *name, size_t len, const char *want)
{
    size_t i;

    for (i = 0; i < len && want[i] != '\0'; i++) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != want[i])
            return 0;
    }
    return i == len && want[i] == '\0';
}

int pk_encoding_reads_as_utf8(const char *name, size_t len)
{
    static const char *const same[] = {"utf-8",    "utf8",   "us-ascii",
                                       "ascii",    "utf-16", "utf-16le",
                                       "utf-16be", "unicode"};

    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (name_is(name, len, same[i]))
            return 1;
    return 0;
}

int pk_all_ascii(const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)data[i] >= 0x80)
            return 0;
    return 1;
}
