/* The workbench's dossier XML and its values, both ways: a saved dossier
 * read back into values (only what the checker's own reader accepts; rows
 * numbered as the form says), and the posted values written out as the
 * dossier's XML (only what the form offers and what is filled), each
 * element's line kept so that a problem's position finds its field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "wb.h"

/* ---- paths: concrete and abstract ---- */

void wb_abstract_path(const char *key, char *out, size_t size)
{
    size_t o = 0;

    for (const char *s = key; *s != '\0' && o + 1 < size; s++) {
        if (*s == '[') {
            while (*s != '\0' && *s != ']')
                s++;
            if (*s == '\0')
                break;
            continue;
        }
        out[o++] = *s;
    }
    out[o] = '\0';
}

static int is_group(const pk_form *form, const char *concrete)
{
    char abs[1024];

    if (form == NULL)
        return 0;
    wb_abstract_path(concrete, abs, sizeof abs);
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const pk_field *f = pk_form_field(form, i);
        if (f->type == PK_FIELD_GROUP && strcmp(f->path, abs) == 0)
            return 1;
    }
    return 0;
}

static const pk_field *field_at(const pk_form *form, const char *key,
                                size_t *at)
{
    char abs[1024];

    wb_abstract_path(key, abs, sizeof abs);
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const pk_field *f = pk_form_field(form, i);
        if (f->type != PK_FIELD_GROUP && f->type != PK_FIELD_SECTION &&
            strcmp(f->path, abs) == 0) {
            if (at != NULL)
                *at = i;
            return f;
        }
    }
    return NULL;
}

const pk_field *wb_form_field(const pk_form *form, const char *key)
{
    return form != NULL ? field_at(form, key, NULL) : NULL;
}

/* Whether the form has the element at abstract path abs, as a field of its
 * own or on the way to one. */
static int is_known(const pk_form *form, const char *abs, size_t len)
{
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const char *p = pk_form_field(form, i)->path;
        if (strncmp(p, abs, len) == 0 && (p[len] == '\0' || p[len] == '/'))
            return 1;
    }
    return 0;
}

/* The name the workbench writes: ASCII letters, digits, '-', '_' and '.',
 * not starting with a digit, '-' or '.', at most 64 bytes. */
static int name_ok(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '.'))))
            return 0;
    }
    return 1;
}

/* One element's step of a concrete path at s ("zone[2]" or "park", up to
 * the next '/' or the end): its length, with the name's length and the row
 * (0 for none) in *nlen and *row; 0 when it is not a step the workbench
 * writes (a row is 1 to 99,999, written without leading zeros). */
static size_t parse_step(const char *s, size_t *nlen, long *row)
{
    size_t len = strcspn(s, "/"), n = strcspn(s, "[/");

    *nlen = n;
    *row = 0;
    if (!name_ok(s, n))
        return 0;
    if (n == len)
        return len;
    if (s[len - 1] != ']' || len - n < 3 || len - n > 7 || s[n + 1] == '0')
        return 0;
    for (size_t i = n + 1; i < len - 1; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *row = *row * 10 + (s[i] - '0');
    }
    return len;
}

int wb_path_ok(const char *key)
{
    const char *s = key;

    if (*s != '/')
        return 0;
    for (;;) {
        size_t nlen, len;
        long row;
        s++;
        if (*s == '@')
            return name_ok(s + 1, strlen(s + 1)) && s != key + 1 &&
                   strcmp(s + 1, "xmlns") != 0;
        len = parse_step(s, &nlen, &row);
        if (len == 0)
            return 0;
        s += len;
        if (*s == '\0')
            return 1;
    }
}

int wb_canonical(values *out, const values *in, const pk_form *form)
{
    for (size_t i = 0; i < in->n && !out->oom && !out->toomany; i++) {
        const char *key = in->v[i].key, *path = key, *s;
        /* a key of at most 512 bytes fits both, a "[1]" added to each
         * step */
        char buf[2048], abs[1024];
        size_t o, a = 0, was = out->n;
        long at;

        if (strncmp(key, "n./", 3) == 0)
            path = key + 2;
        else if (strncmp(key, "blank./", 7) == 0)
            path = key + 6;
        if (strlen(key) > 512 || !wb_path_ok(path)) {
            /* not a dossier's path: the page's own fields ("action") */
            if (path[0] != '/')
                wb_vals_add(out, key, strlen(key), in->v[i].value,
                            strlen(in->v[i].value));
            continue;
        }
        o = (size_t)(path - key);
        memcpy(buf, key, o);
        for (s = path + 1;;) {
            size_t nlen, len;
            long row;
            if (*s == '@') {
                o += (size_t)snprintf(buf + o, sizeof buf - o, "/%s", s);
                break;
            }
            len = parse_step(s, &nlen, &row);
            a += (size_t)snprintf(abs + a, sizeof abs - a, "/%.*s", (int)nlen,
                                  s);
            /* the form's rows are numbered, its single elements not (a
             * row count's last step names a group, not a row) */
            if (key[0] != 'n' || s[len] != '\0') {
                if (is_group(form, abs))
                    row = row == 0 ? 1 : row;
                else if (row == 1 && form != NULL && is_known(form, abs, a))
                    row = 0;
            }
            o += (size_t)snprintf(buf + o, sizeof buf - o, "/%.*s", (int)nlen,
                                  s);
            if (row > 0)
                o += (size_t)snprintf(buf + o, sizeof buf - o, "[%ld]", row);
            s += len;
            if (*s == '\0')
                break;
            s++;
        }
        at = wb_vals_add(out, buf, o, in->v[i].value, strlen(in->v[i].value));
        if (at >= 0 && (size_t)at == was)
            out->v[at].cleaned = in->v[i].cleaned;
    }
    return out->oom ? -1 : 0;
}

void wb_row_counts(values *rows, const values *vs)
{
    for (size_t i = 0; i < vs->n && !rows->oom && !rows->toomany; i++) {
        const char *key = vs->v[i].key, *s;

        if (strncmp(key, "n./", 3) == 0)
            key += 2;
        else if (strncmp(key, "blank./", 7) == 0)
            key += 6;
        if (!wb_path_ok(key))
            continue;
        for (s = key + 1; *s != '@';) {
            size_t nlen;
            long row, at;
            size_t len = parse_step(s, &nlen, &row);
            char num[24];
            if (row > 0) {
                at = wb_vals_add(rows, key, (size_t)(s + nlen - key), "0", 1);
                if (at < 0)
                    break;
                if (strtol(rows->v[at].value, NULL, 10) < row) {
                    char *d;
                    snprintf(num, sizeof num, "%ld", row);
                    d = strdup(num);
                    if (d == NULL) {
                        rows->oom = 1;
                        break;
                    }
                    free(rows->v[at].value);
                    rows->v[at].value = d;
                }
            }
            s += len;
            if (*s == '\0')
                break;
            s++;
        }
    }
}

/* ---- dossier XML to values ---- */

static void walk(values *vs, const pk_form *form, xmlNode *node,
                 const char *path, int depth)
{
    char sub[1024];
    long nkids = 0;

    if (depth > 16)
        return;
    for (xmlAttr *a = node->properties; a != NULL; a = a->next) {
        xmlChar *v = xmlNodeGetContent((xmlNode *)a);
        int n =
            snprintf(sub, sizeof sub, "%s/@%s", path, (const char *)a->name);
        if (v != NULL && n > 0 && (size_t)n < sizeof sub)
            wb_vals_add(vs, sub, strlen(sub), (const char *)v,
                        strlen((const char *)v));
        xmlFree(v);
    }
    for (xmlNode *c = node->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            nkids++;
    if (nkids > WB_MAX_KIDS)
        vs->toomany = 1;
    if (nkids == 0) {
        xmlChar *t = xmlNodeGetContent(node);
        const char *s = (const char *)t;
        if (s != NULL) {
            size_t l = strlen(s);
            while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
                s++;
                l--;
            }
            while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '\n' ||
                             s[l - 1] == '\t' || s[l - 1] == '\r'))
                l--;
            if (l > 0)
                wb_vals_add(vs, path, strlen(path), s, l);
            /* an element with nothing in it (a row left empty) is there
             * all the same, for the checker: marked so (wb_build_tree()) */
            if (l == 0 && node->properties == NULL) {
                char mark[1100];
                snprintf(mark, sizeof mark, "blank.%s", path);
                wb_vals_add(vs, mark, strlen(mark), "1", 1);
            }
        }
        xmlFree(t);
    }
    for (xmlNode *c = node->children; c != NULL && !vs->toomany; c = c->next) {
        int index = 1, n, count;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (xmlNode *d = node->children; d != c; d = d->next)
            if (d->type == XML_ELEMENT_NODE && xmlStrEqual(d->name, c->name))
                index++;
        count = index;
        for (xmlNode *d = c->next; d != NULL; d = d->next)
            if (d->type == XML_ELEMENT_NODE && xmlStrEqual(d->name, c->name))
                count++;
        n = snprintf(sub, sizeof sub, "%s/%s", path, (const char *)c->name);
        if (n <= 0 || (size_t)n >= sizeof sub)
            continue;
        /* The form's rows are numbered from 1; any other element that
         * comes more than once from 2, so that none is left out. */
        if (!is_group(form, sub)) {
            if (index > 1)
                n = snprintf(sub, sizeof sub, "%s/%s[%d]", path,
                             (const char *)c->name, index);
            if (n > 0 && (size_t)n < sizeof sub)
                walk(vs, form, c, sub, depth + 1);
            continue;
        }
        n = snprintf(sub, sizeof sub, "%s/%s[%d]", path, (const char *)c->name,
                     index);
        if (n <= 0 || (size_t)n >= sizeof sub)
            continue;
        {
            char cnt[1100], num[16];
            snprintf(cnt, sizeof cnt, "n.%s/%s", path, (const char *)c->name);
            snprintf(num, sizeof num, "%d", count);
            if (index == 1)
                wb_vals_add(vs, cnt, strlen(cnt), num, strlen(num));
        }
        walk(vs, form, c, sub, depth + 1);
    }
}

int wb_reader_refuses(const srv_config *cfg, pk_lang lang, const char *data,
                      size_t len, char *why, size_t size)
{
    pk_dossier *d = NULL;
    pk_error err;
    char text[PK_ERROR_TEXT_MAX * 2];

    if (pk_dossier_read_memory(&d, cfg->engine, "dossier.xml", data, len,
                               &err) == 0) {
        pk_dossier_free(d);
        return 0;
    }
    if (err.code == PK_ENOMEM)
        return -1;
    pk_error_text(&err, lang, text, sizeof text);
    if (err.line > 0)
        snprintf(why, size,
                 lang == PK_LANG_VI ? "Dòng %u, cột %u: %s"
                                    : "Line %u, column %u: %s",
                 err.line, err.column, text);
    else
        snprintf(why, size, "%s", text);
    return 1;
}

int wb_read_dossier(values *vs, const pk_form *form, const char *data,
                    size_t len)
{
    xmlDoc *doc;
    xmlNode *root;

    if (len == 0 || len > (size_t)16 * 1024 * 1024)
        return -1;
    doc = xmlReadMemory(data, (int)len, "dossier.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    if (doc == NULL)
        return -1;
    root = xmlDocGetRootElement(doc);
    if (root == NULL || doc->intSubset != NULL) {
        xmlFreeDoc(doc);
        return -1;
    }
    {
        char top[128];
        snprintf(top, sizeof top, "/%s", (const char *)root->name);
        walk(vs, form, root, top, 0);
    }
    xmlFreeDoc(doc);
    return 0;
}

/* ---- values to dossier XML ---- */

void wb_xnode_free(xnode *n)
{
    if (n == NULL)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        wb_xnode_free(n->kids[i]);
    free(n->kids);
    free(n->attrs);
    free(n->step);
    free(n->name);
    free(n);
}

/* The kid of n at step (len bytes; a step parse_step() takes), made when
 * there is none: a list's rows in the order of their numbers, whatever
 * order their values came in, so that the file numbers them as the form
 * did. NULL out of memory (*fail -1) or past WB_MAX_KIDS kids (*fail -2). */
static xnode *xchild(xnode *n, const char *step, size_t len, int *fail)
{
    xnode *k, **kids;
    size_t nlen, at = n->nkids;
    long row;
    int same = 0;

    parse_step(step, &nlen, &row);
    for (size_t i = n->nkids; i-- > 0;) {
        xnode *c = n->kids[i];
        if (strlen(c->step) == len && strncmp(c->step, step, len) == 0)
            return c;
        if (strlen(c->name) == nlen && strncmp(c->name, step, nlen) == 0) {
            if (c->row < row && !same)
                at = i + 1;
            else if (c->row > row)
                at = i;
            same = 1;
        }
    }
    if (n->nkids >= WB_MAX_KIDS) {
        *fail = -2;
        return NULL;
    }
    k = calloc(1, sizeof *k);
    kids = realloc(n->kids, (n->nkids + 1) * sizeof *kids);
    if (kids != NULL)
        n->kids = kids;
    if (k == NULL || kids == NULL) {
        free(k);
        *fail = -1;
        return NULL;
    }
    k->step = strndup(step, len);
    k->name = strndup(step, nlen);
    k->row = row;
    if (k->step == NULL || k->name == NULL) {
        free(k->step);
        free(k->name);
        free(k);
        *fail = -1;
        return NULL;
    }
    memmove(n->kids + at + 1, n->kids + at, (n->nkids - at) * sizeof *kids);
    n->kids[at] = k;
    n->nkids++;
    return k;
}

static int blank_marked(const values *vs, const char *key)
{
    char mark[1100];

    snprintf(mark, sizeof mark, "blank.%s", key);
    return strstr(key, "/@") != NULL && wb_vals_get(vs, mark) != NULL &&
           strcmp(wb_vals_get(vs, mark), "1") == 0;
}

void wb_blank_marks(values *vs, const pk_form *form)
{
    for (size_t i = 0, n = vs->n; i < n; i++) {
        char mark[1100];
        const kv *v = &vs->v[i];
        if (v->value[0] != '\0' || !wb_path_ok(v->key) ||
            strstr(v->key, "/@") == NULL ||
            field_at(form, v->key, NULL) == NULL)
            continue;
        snprintf(mark, sizeof mark, "blank.%s", v->key);
        wb_vals_add(vs, mark, strlen(mark), "1", 1);
    }
}

int wb_build_tree(xnode **out, const pk_form *form, const values *vs)
{
    xnode *root = calloc(1, sizeof *root);
    int fail = 0;

    *out = root;
    if (root == NULL)
        return -1;
    for (size_t i = 0; i < vs->n && !fail; i++) {
        const char *key = vs->v[i].key, *val = vs->v[i].value, *s, *at;
        const pk_field *f;
        xnode *n = root;
        int unit_only = 0, empty = 0;

        /* an element marked as there with nothing in it is written so */
        if (strncmp(key, "blank./", 7) == 0 && strstr(key, "/@") == NULL &&
            strcmp(val, "1") == 0) {
            key += 6;
            empty = 1;
        }
        if (!wb_path_ok(key))
            continue;
        f = empty ? NULL : field_at(form, key, NULL);
        if (f != NULL) {
            /* What the form offers, as the drafter filled it: blank is
             * not known, and left out; but a blank attribute of the
             * drafter's file, written so as unfinished (a template's row),
             * stays as long as its mark does (wb_blank_marks()). A fixed
             * value (the kind) is the form's unless the page carries one
             * (the file's). */
            if (val[0] == '\0' && f->fixed != NULL)
                val = f->fixed;
            if (val[0] == '\0' && !blank_marked(vs, key))
                continue;
            if (f->type == PK_FIELD_BOOL && f->none_mark &&
                strcmp(val, "true") != 0)
                continue;
            unit_only = f->key && !f->required;
        }
        /* anything else is the drafter's file's, and kept as it is */
        at = strstr(key, "/@");
        for (s = key + 1; at == NULL || s != at + 1;) {
            size_t nlen;
            long row;
            size_t len = parse_step(s, &nlen, &row);
            n = xchild(n, s, len, &fail);
            if (n == NULL)
                break;
            if (!unit_only)
                n->stated = 1;
            if (s[len] == '\0')
                break;
            s += len + 1;
        }
        if (n == NULL)
            break;
        if (empty)
            continue;
        if (at != NULL) {
            xattr *a;
            int dup = 0;
            for (size_t k = 0; k < n->nattrs; k++)
                if (strcmp(n->attrs[k].name, at + 2) == 0)
                    dup = 1;
            if (dup)
                continue;
            a = realloc(n->attrs, (n->nattrs + 1) * sizeof *a);
            if (a == NULL) {
                fail = -1;
                break;
            }
            n->attrs = a;
            memset(&a[n->nattrs], 0, sizeof a[n->nattrs]);
            a[n->nattrs].name = at + 2;
            a[n->nattrs++].value = val;
        } else if (n->text == NULL) {
            n->text = val;
        }
    }
    return fail;
}

/* s as XML text; in an attribute, with the white space a reader would
 * turn into spaces written as references, so that it reads back as it
 * was. */
static void xml_text(srv_buf *b, const char *s, int attr)
{
    const char *from = s;

    for (; *s != '\0'; s++) {
        const char *ref = NULL;
        switch (*s) {
        case '&':
            ref = "&amp;";
            break;
        case '<':
            ref = "&lt;";
            break;
        case '>':
            ref = "&gt;";
            break;
        case '"':
            ref = "&quot;";
            break;
        case '\r':
            ref = "&#13;";
            break;
        case '\n':
            ref = attr ? "&#10;" : NULL;
            break;
        case '\t':
            ref = attr ? "&#9;" : NULL;
            break;
        }
        if (ref != NULL) {
            sb_put(b, from, (size_t)(s - from));
            sb_puts(b, ref);
            from = s + 1;
        }
    }
    sb_put(b, from, (size_t)(s - from));
}

/* The column (1-based, in characters, as the checker counts) of the byte
 * at of b's last line, which starts at start. */
static unsigned column_at(const srv_buf *b, size_t start, size_t at)
{
    unsigned col = 1;

    for (size_t i = start; i < at && b->data != NULL; i++)
        if (((unsigned char)b->data[i] & 0xC0) != 0x80)
            col++;
    return col;
}

void wb_write_node(srv_buf *b, xnode *n, int depth, unsigned *line, int top)
{
    size_t start = b->len;

    if (!top && !n->stated)
        return;
    for (int i = 0; i < depth; i++)
        sb_puts(b, "  ");
    n->line = *line;
    sb_printf(b, "<%s", n->name);
    for (size_t i = 0; i < n->nattrs; i++) {
        n->attrs[i].from = column_at(b, start, b->len + 1);
        sb_printf(b, " %s=\"", n->attrs[i].name);
        xml_text(b, n->attrs[i].value, 1);
        sb_puts(b, "\"");
        n->attrs[i].to = column_at(b, start, b->len);
    }
    if (n->nkids == 0 && n->text == NULL) {
        sb_puts(b, "/>\n");
        (*line)++;
        return;
    }
    sb_puts(b, ">");
    if (n->text != NULL)
        xml_text(b, n->text, 0);
    if (n->nkids == 0) {
        sb_printf(b, "</%s>\n", n->name);
        (*line)++;
        return;
    }
    sb_puts(b, "\n");
    (*line)++;
    for (size_t i = 0; i < n->nkids; i++)
        wb_write_node(b, n->kids[i], depth + 1, line, 0);
    for (int i = 0; i < depth; i++)
        sb_puts(b, "  ");
    sb_printf(b, "</%s>\n", n->name);
    (*line)++;
}

int wb_path_at(const xnode *n, unsigned line, unsigned column, char *buf,
               size_t size, size_t at)
{
    int w = snprintf(buf + at, size - at, "/%s", n->step);

    if (w < 0 || (size_t)w >= size - at)
        return 0;
    if (n->line == line) {
        for (size_t i = 0; i < n->nattrs; i++)
            if (column >= n->attrs[i].from && column < n->attrs[i].to) {
                w += snprintf(buf + at + (size_t)w, size - at - (size_t)w,
                              "/@%s", n->attrs[i].name);
                break;
            }
        return 1;
    }
    for (size_t i = 0; i < n->nkids; i++)
        if (n->kids[i]->stated &&
            wb_path_at(n->kids[i], line, column, buf, size, at + (size_t)w))
            return 1;
    buf[at] = '\0';
    return 0;
}
