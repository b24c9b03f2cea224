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
    free(vs->slots);
}

static size_t hash_key(const char *key, size_t klen)
{
    size_t h = 2166136261u;

    for (size_t i = 0; i < klen; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

static long find_key(const values *vs, const char *key, size_t klen)
{
    size_t mask = vs->nslots - 1, i;

    if (vs->nslots == 0)
        return -1;
    for (i = hash_key(key, klen) & mask; vs->slots[i] != 0;
         i = (i + 1) & mask) {
        const char *k = vs->v[vs->slots[i] - 1].key;
        if (strncmp(k, key, klen) == 0 && k[klen] == '\0')
            return (long)(vs->slots[i] - 1);
    }
    return -1;
}

/* Room in the index for one more key: at most half the slots in use. */
static int grow_slots(values *vs)
{
    size_t n = vs->nslots ? vs->nslots : 128, *slots;

    if ((vs->n + 1) * 2 <= vs->nslots)
        return 0;
    while ((vs->n + 1) * 2 > n)
        n *= 2;
    slots = calloc(n, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t k = 0; k < vs->n; k++) {
        size_t i = hash_key(vs->v[k].key, strlen(vs->v[k].key)) & (n - 1);
        while (slots[i] != 0)
            i = (i + 1) & (n - 1);
        slots[i] = k + 1;
    }
    free(vs->slots);
    vs->slots = slots;
    vs->nslots = n;
    return 0;
}

long wb_vals_add(values *vs, const char *key, size_t klen, const char *val,
                 size_t vlen)
{
    const char *nul = memchr(key, '\0', klen);
    long at;
    size_t i;

    if (nul != NULL)
        klen = (size_t)(nul - key);
    at = find_key(vs, key, klen);
    if (at >= 0)
        return at;
    if (vs->n >= WB_MAX_VALUES) {
        vs->toomany = 1;
        return -1;
    }
    if (vs->n == vs->cap) {
        size_t cap = vs->cap ? vs->cap * 2 : 64;
        kv *nv = realloc(vs->v, cap * sizeof *nv);
        if (nv == NULL) {
            vs->oom = 1;
            return -1;
        }
        vs->v = nv;
        vs->cap = cap;
    }
    if (grow_slots(vs) != 0) {
        vs->oom = 1;
        return -1;
    }
    memset(&vs->v[vs->n], 0, sizeof vs->v[vs->n]);
    vs->v[vs->n].key = strndup(key, klen);
    vs->v[vs->n].value = strndup(val, vlen);
    if (vs->v[vs->n].key == NULL || vs->v[vs->n].value == NULL) {
        free(vs->v[vs->n].key);
        free(vs->v[vs->n].value);
        vs->oom = 1;
        return -1;
    }
    for (i = hash_key(vs->v[vs->n].key, klen) & (vs->nslots - 1);
         vs->slots[i] != 0; i = (i + 1) & (vs->nslots - 1))
        ;
    vs->slots[i] = vs->n + 1;
    return (long)vs->n++;
}

long wb_vals_find(const values *vs, const char *key)
{
    return find_key(vs, key, strlen(key));
}

const char *wb_vals_get(const values *vs, const char *key)
{
    long at = find_key(vs, key, strlen(key));

    return at >= 0 ? vs->v[at].value : NULL;
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

/* The length of the UTF-8 character at s (at most len bytes), or 0 when
 * the bytes there are not one. */
static size_t utf8_char(const unsigned char *s, size_t len, unsigned long *cp)
{
    unsigned long c = s[0];
    size_t n, k;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, c &= 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, c &= 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, c &= 0x07;
    else
        return 0;
    if (len < n)
        return 0;
    for (k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[k] & 0x3F);
    }
    /* overlong forms, surrogates, past U+10FFFF */
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static int is_control(unsigned long c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Takes out of s (len bytes, in place) what a dossier cannot hold, or what
 * nobody types: control characters but tab and line ends, bytes that are
 * not UTF-8, U+FFFE and U+FFFF. Returns the new length; *cut says whether
 * anything was taken out. */
static size_t clean_value(char *s, size_t len, int *cut)
{
    size_t o = 0, i = 0;

    *cut = 0;
    while (i < len) {
        unsigned long c;
        size_t n = utf8_char((const unsigned char *)s + i, len - i, &c);
        if (n == 0 || (is_control(c) && c != '\t' && c != '\n' && c != '\r') ||
            c == 0xFFFE || c == 0xFFFF) {
            *cut = 1;
            i += n ? n : 1;
            continue;
        }
        memmove(s + o, s + i, n);
        o += n;
        i += n;
    }
    return o;
}

/* Whether a field's name is one the page could have given it: UTF-8 text
 * without control characters. */
static int name_ok(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned long c;
        size_t n = utf8_char((const unsigned char *)s + i, len - i, &c);
        if (n == 0 || is_control(c))
            return 0;
        i += n;
    }
    return 1;
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
            if (kl >= 0 && vl >= 0 && name_ok(p, (size_t)kl)) {
                int cut;
                size_t n = clean_value(eq + 1, (size_t)vl, &cut), was = vs->n;
                long at = wb_vals_add(vs, p, (size_t)kl, eq + 1, n);
                if (at >= 0 && (size_t)at == was && cut)
                    vs->v[at].cleaned = 1;
            }
        }
        p = amp != NULL ? amp + 1 : NULL;
    }
    free(copy);
}

void wb_quote(char *out, size_t size, const char *s)
{
    size_t o = 0, i = 0, len = strlen(s);

    while (i < len) {
        unsigned long c;
        size_t n = utf8_char((const unsigned char *)s + i, len - i, &c);
        int bad = n == 0 || is_control(c);
        if (o + (bad ? 1 : n) >= size)
            break;
        if (bad)
            out[o++] = '?';
        else
            memcpy(out + o, s + i, n), o += n;
        i += n ? n : 1;
    }
    out[o] = '\0';
}

int wb_date_ok(const char *s)
{
    static const unsigned char days[] = {31, 29, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
    unsigned y = 0, m, d;

    for (int i = 0; i < 10; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    if (s[10] != '\0')
        return 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (unsigned)(s[i] - '0');
    m = (unsigned)(s[5] - '0') * 10 + (unsigned)(s[6] - '0');
    d = (unsigned)(s[8] - '0') * 10 + (unsigned)(s[9] - '0');
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* Whether the headers [h, end) of a part have the parameter want
 * (name="…") as a parameter of its own: after a ';' or a blank, not
 * inside another one (filename="…" ends in name="…" too). */
static int has_param(const char *h, const char *end, const char *want)
{
    size_t wl = strlen(want);

    for (const char *at = h; at < end;) {
        const char *hit = find_bytes(at, (size_t)(end - at), want, wl);
        if (hit == NULL)
            return 0;
        if (hit > h && (hit[-1] == ';' || hit[-1] == ' ' || hit[-1] == '\t'))
            return 1;
        at = hit + 1;
    }
    return 0;
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
        if (has_param(part, hdr_end, want)) {
            size_t n = (size_t)(next - (hdr_end + 4));
            if (n >= 2 && next[-2] == '\r' && next[-1] == '\n')
                n -= 2;
            *outlen = n;
            return hdr_end + 4;
        }
        p = next;
    }
}
