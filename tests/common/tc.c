/* What the test programs share (tc.h). */
#include "tc.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *tc_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL) {
        fprintf(stderr, "test: out of memory\n");
        abort();
    }
    return p;
}

void *tc_xrealloc(void *p, size_t size)
{
    void *n = realloc(p, size ? size : 1);

    if (n == NULL) {
        fprintf(stderr, "test: out of memory\n");
        abort();
    }
    return n;
}

char *tc_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(tc_xmalloc(n), s, n);
}

char *tc_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (f == NULL)
        return NULL;
    /* Read in blocks rather than trusting a size taken beforehand: the
     * same code reads pipes and files being written. */
    do {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            buf = tc_xrealloc(buf, cap + 1);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

char *tc_replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    size_t head, nto, ntail;
    char *out;

    ck_assert_msg(at != NULL, "no \"%s\" to replace", from);
    head = (size_t)(at - s);
    nto = strlen(to);
    ntail = strlen(at + strlen(from));
    out = tc_xmalloc(head + nto + ntail + 1);
    memcpy(out, s, head);
    memcpy(out + head, to, nto);
    memcpy(out + head + nto, at + strlen(from), ntail + 1);
    return out;
}

char *tc_replace_free(char *s, const char *from, const char *to)
{
    char *out = tc_replace(s, from, to);

    free(s);
    return out;
}

int tc_run_suite(Suite *suite)
{
    SRunner *sr = srunner_create(suite);
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ---- a case's dossier ---- */

typedef struct span {
    const char *s;
    size_t n;
} span;

typedef struct lines {
    span *v;
    size_t n, cap;
} lines;

static void lines_push(lines *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = tc_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n].s = s;
    l->v[l->n].n = n;
    l->n++;
}

/* text's lines, without their line feeds; a last line without one too. */
static void split_lines(const char *text, size_t len, lines *out)
{
    const char *p = text, *end = text + len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
        lines_push(out, p, n);
        p += n + (nl != NULL);
    }
}

static int span_eq(span a, span b)
{
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

static void why_set(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void why_set(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;

    if (why == NULL || size == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
}

/* Applies the hunks of a dossier.change (after its header) to base; see
 * tools/case_dossier.py, which does the same in Python. */
static char *apply_change(const char *path, const lines *change, size_t first,
                          const char *base, size_t base_len, size_t *len,
                          char *why, size_t why_size)
{
    lines bl = {0}, old = {0}, new = {0};
    char *out = NULL;
    size_t on = 0, pos = 0, i = first;
    unsigned hunk = 0;
    int ok = 0;

    if (base_len == 0 || base[base_len - 1] != '\n') {
        why_set(why, why_size, "%s: the base does not end with a line feed",
                path);
        goto out;
    }
    split_lines(base, base_len, &bl);
    out = tc_xmalloc(base_len + 1);
    /* Each hunk: its kept and removed lines, found from pos on, become its
     * kept and added ones. */
    while (i < change->n) {
        size_t at;
        hunk++;
        old.n = new.n = 0;
        for (i++; i < change->n; i++) {
            span l = change->v[i];
            if (l.n == 2 && memcmp(l.s, "@@", 2) == 0)
                break;
            if (l.n > 0 && l.s[0] == '#')
                continue;
            if (l.n == 0 || (l.s[0] != ' ' && l.s[0] != '-' && l.s[0] != '+')) {
                why_set(why, why_size,
                        "%s: hunk %u: a line starts with ' ', '-' or '+'", path,
                        hunk);
                goto out;
            }
            if (l.s[0] != '+')
                lines_push(&old, l.s + 1, l.n - 1);
            if (l.s[0] != '-')
                lines_push(&new, l.s + 1, l.n - 1);
        }
        if (old.n == 0) {
            why_set(why, why_size, "%s: hunk %u has no kept or removed line",
                    path, hunk);
            goto out;
        }
        for (at = pos; at + old.n <= bl.n; at++) {
            size_t k = 0;
            while (k < old.n && span_eq(bl.v[at + k], old.v[k]))
                k++;
            if (k == old.n)
                break;
        }
        if (at + old.n > bl.n) {
            why_set(why, why_size, "%s: hunk %u is not in the base", path,
                    hunk);
            goto out;
        }
        for (; pos < at; pos++) {
            out = tc_xrealloc(out, on + bl.v[pos].n + 2);
            memcpy(out + on, bl.v[pos].s, bl.v[pos].n);
            on += bl.v[pos].n;
            out[on++] = '\n';
        }
        for (size_t k = 0; k < new.n; k++) {
            out = tc_xrealloc(out, on + new.v[k].n + 2);
            memcpy(out + on, new.v[k].s, new.v[k].n);
            on += new.v[k].n;
            out[on++] = '\n';
        }
        pos = at + old.n;
    }
    for (; pos < bl.n; pos++) {
        out = tc_xrealloc(out, on + bl.v[pos].n + 2);
        memcpy(out + on, bl.v[pos].s, bl.v[pos].n);
        on += bl.v[pos].n;
        out[on++] = '\n';
    }
    out[on] = '\0';
    *len = on;
    ok = 1;
out:
    free(bl.v);
    free(old.v);
    free(new.v);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

char *tc_case_dossier(const char *case_dir, size_t *len, int *whole, char *why,
                      size_t why_size)
{
    size_t dlen = strlen(case_dir), n = 0, base_len = 0, i;
    char *path = tc_xmalloc(dlen + 64), *text = NULL, *base = NULL;
    char *base_path = NULL, *out = NULL;
    lines cl = {0};
    const char *slash;
    size_t dummy;

    if (len == NULL)
        len = &dummy;
    snprintf(path, dlen + 64, "%s/dossier.xml", case_dir);
    if ((out = tc_read_file(path, len)) != NULL) {
        if (whole != NULL)
            *whole = 1;
        goto out;
    }
    if (whole != NULL)
        *whole = 0;
    snprintf(path, dlen + 64, "%s/dossier.change", case_dir);
    if ((text = tc_read_file(path, &n)) == NULL) {
        why_set(why, why_size, "%s: no dossier.xml or dossier.change",
                case_dir);
        goto out;
    }
    split_lines(text, n, &cl);
    /* The header: comments, blank lines and "base: NAME", up to "@@". */
    for (i = 0; i < cl.n; i++) {
        span l = cl.v[i];
        if (l.n == 2 && memcmp(l.s, "@@", 2) == 0)
            break;
        if (l.n >= 5 && memcmp(l.s, "base:", 5) == 0) {
            const char *b = l.s + 5, *e = l.s + l.n;
            while (b < e && *b == ' ')
                b++;
            while (e > b && e[-1] == ' ')
                e--;
            if (b == e || memchr(b, '/', (size_t)(e - b)) != NULL ||
                *b == '.') {
                why_set(why, why_size, "%s: a bad base name", path);
                goto out;
            }
            free(base_path);
            /* The base is a case beside this one: case_dir without its
             * trailing slashes and last name. */
            {
                size_t parent = dlen;
                while (parent > 1 && case_dir[parent - 1] == '/')
                    parent--;
                while (parent > 0 && case_dir[parent - 1] != '/')
                    parent--;
                slash = parent > 0 ? case_dir + parent - 1 : NULL;
                parent = slash != NULL ? (size_t)(slash - case_dir) : 0;
                size_t size = parent + (size_t)(e - b) + 32;
                base_path = tc_xmalloc(size);
                snprintf(base_path, size, "%.*s%s%.*s/dossier.xml", (int)parent,
                         case_dir, slash != NULL ? "/" : "", (int)(e - b), b);
            }
        } else if (l.n > 0 && l.s[0] != '#') {
            why_set(why, why_size, "%s: line %u: expected 'base: CASE' or '@@'",
                    path, (unsigned)i + 1);
            goto out;
        }
    }
    if (base_path == NULL || i == cl.n) {
        why_set(why, why_size, "%s: no 'base: CASE' line, or no hunk", path);
        goto out;
    }
    if ((base = tc_read_file(base_path, &base_len)) == NULL) {
        why_set(why, why_size, "%s: its base has no dossier.xml", path);
        goto out;
    }
    out = apply_change(path, &cl, i, base, base_len, len, why, why_size);
out:
    free(cl.v);
    free(text);
    free(base);
    free(base_path);
    free(path);
    return out;
}

int tc_case_has_dossier(const char *case_dir)
{
    size_t n = strlen(case_dir) + 32;
    char *path = tc_xmalloc(n);
    FILE *f;

    snprintf(path, n, "%s/dossier.xml", case_dir);
    f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(path, n, "%s/dossier.change", case_dir);
        f = fopen(path, "rb");
    }
    free(path);
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

int tc_check_dossier(pk_report **out, const pk_engine *engine, const char *path,
                     const pk_eval_options *opts, pk_error *err)
{
    static const char tail[] = "/dossier.xml";
    size_t n = strlen(path), len;
    char *dir, *data, why[512];
    FILE *f;
    int rc;

    if ((f = fopen(path, "rb")) != NULL || n <= sizeof tail - 1 ||
        strcmp(path + n - (sizeof tail - 1), tail) != 0) {
        if (f != NULL)
            fclose(f);
        return pk_check_file(out, engine, path, opts, err);
    }
    dir = tc_xstrdup(path);
    dir[n - (sizeof tail - 1)] = '\0';
    data = tc_case_dossier(dir, &len, NULL, why, sizeof why);
    free(dir);
    if (data == NULL) {
        if (out != NULL)
            *out = NULL;
        if (err != NULL) {
            memset(err, 0, sizeof *err);
            err->code = PK_EIO;
            snprintf(err->message, sizeof err->message, "%s", why);
        }
        return PK_EIO;
    }
    rc = pk_check_memory(out, engine, path, data, len, opts, err);
    free(data);
    return rc;
}
