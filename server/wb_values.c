/* The workbench's submitted values: each a concrete path
 * ("/dossier/zones/zone[2]/@area"; "n./dossier/zones/zone" for a group's
 * row count) with its text, as a form posts them
 * (application/x-www-form-urlencoded) or as a file chosen in the form
 * arrives (multipart/form-data). Knows nothing of XML or of the pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

/* The first place needle occurs in hay, or NULL. */
static const char *find_bytes(const char *hay, size_t hlen, const char *needle,
                              size_t nlen)
{
    if (nlen == 0 || hlen < nlen)
        return NULL;
    for (size_t i = 0; i + nlen <= hlen; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
            return hay + i;
    return NULL;
}

void wb_vals_free(values *vs)
{
    for (size_t i = 0; i < vs->n; i++) {
        free(vs->v[i].key);
        free(vs->v[i].value);
    }
    free(vs->v);
}

void wb_vals_add(values *vs, const char *key, size_t klen, const char *val,
                 size_t vlen)
{
    kv *nv;

    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 64;
        if (cap > 100000) {
            vs->oom = 1;
            return;
        }
        nv = realloc(vs->v, cap * sizeof *nv);
        if (nv == NULL) {
            vs->oom = 1;
            return;
        }
        vs->v = nv;
        vs->cap = cap;
    }
    vs->v[vs->n].key = strndup(key, klen);
    vs->v[vs->n].value = strndup(val, vlen);
    if (vs->v[vs->n].key == NULL || vs->v[vs->n].value == NULL) {
        free(vs->v[vs->n].key);
        free(vs->v[vs->n].value);
        vs->oom = 1;
        return;
    }
    vs->n++;
}

const char *wb_vals_get(const values *vs, const char *key)
{
    for (size_t i = 0; i < vs->n; i++)
        if (strcmp(vs->v[i].key, key) == 0)
            return vs->v[i].value;
    return NULL;
}

/* Decodes a application/x-www-form-urlencoded piece in place; returns its
 * length, or -1 for a NUL byte. */
static long urldecode(char *s, size_t len)
{
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if (c == '+')
            c = ' ';
        else if (c == '%' && i + 2 < len && srv_hexval(s[i + 1]) >= 0 &&
                 srv_hexval(s[i + 2]) >= 0) {
            c = srv_hexval(s[i + 1]) * 16 + srv_hexval(s[i + 2]);
            i += 2;
        }
        if (c == 0)
            return -1;
        s[o++] = (char)c;
    }
    return (long)o;
}

void wb_parse_urlencoded(values *vs, const char *body, size_t len)
{
    char *copy = strndup(body, len);
    char *p = copy;

    if (copy == NULL) {
        vs->oom = 1;
        return;
    }
    while (p != NULL && *p != '\0') {
        char *amp = strchr(p, '&'), *eq;
        long kl, vl;
        if (amp != NULL)
            *amp = '\0';
        eq = strchr(p, '=');
        if (eq != NULL) {
            *eq = '\0';
            kl = urldecode(p, strlen(p));
            vl = urldecode(eq + 1, strlen(eq + 1));
            if (kl >= 0 && vl >= 0)
                wb_vals_add(vs, p, (size_t)kl, eq + 1, (size_t)vl);
        }
        p = amp != NULL ? amp + 1 : NULL;
    }
    free(copy);
}

const char *wb_multipart_part(const char *ctype, const char *body, size_t len,
                              const char *name, size_t *outlen)
{
    char delim[120], want[80];
    const char *b = ctype != NULL ? strstr(ctype, "boundary=") : NULL;
    const char *p = body, *end = body + len;
    size_t bl;

    if (b == NULL)
        return NULL;
    b += 9;
    if (*b == '"')
        b++;
    bl = strcspn(b, "\";, ");
    if (bl == 0 || bl > 100)
        return NULL;
    snprintf(delim, sizeof delim, "--%.*s", (int)bl, b);
    snprintf(want, sizeof want, "name=\"%s\"", name);
    bl = strlen(delim);
    for (;;) {
        const char *part = find_bytes(p, (size_t)(end - p), delim, bl),
                   *hdr_end, *next;
        if (part == NULL)
            return NULL;
        part += bl;
        if (end - part >= 2 && part[0] == '-' && part[1] == '-')
            return NULL;
        hdr_end = find_bytes(part, (size_t)(end - part), "\r\n\r\n", 4);
        if (hdr_end == NULL)
            return NULL;
        next = find_bytes(hdr_end + 4, (size_t)(end - hdr_end - 4), delim, bl);
        if (next == NULL)
            return NULL;
        if (find_bytes(part, (size_t)(hdr_end - part), want, strlen(want)) !=
            NULL) {
            size_t n = (size_t)(next - (hdr_end + 4));
            if (n >= 2 && next[-2] == '\r' && next[-1] == '\n')
                n -= 2;
            *outlen = n;
            return hdr_end + 4;
        }
        p = next;
    }
}
