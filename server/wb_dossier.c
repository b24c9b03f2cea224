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

/* ---- dossier XML to values ---- */

static void walk(values *vs, const pk_form *form, xmlNode *node,
                 const char *path, int depth)
{
    char sub[1024];

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
    {
        int kids = 0;
        for (xmlNode *c = node->children; c != NULL; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                kids = 1;
        if (!kids) {
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
            }
            xmlFree(t);
        }
    }
    for (xmlNode *c = node->children; c != NULL; c = c->next) {
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
        /* Rows are numbered; an element that comes once is not. */
        if (!is_group(form, sub)) {
            if (index == 1)
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

static xnode *xchild(xnode *n, const char *step, size_t len, int *oom)
{
    xnode *k, **kids;

    for (size_t i = 0; i < n->nkids; i++)
        if (strlen(n->kids[i]->step) == len &&
            strncmp(n->kids[i]->step, step, len) == 0)
            return n->kids[i];
    if (n->nkids >= 4096) {
        *oom = 1;
        return NULL;
    }
    k = calloc(1, sizeof *k);
    kids = realloc(n->kids, (n->nkids + 1) * sizeof *kids);
    if (kids != NULL)
        n->kids = kids;
    if (k == NULL || kids == NULL) {
        free(k);
        *oom = 1;
        return NULL;
    }
    k->step = strndup(step, len);
    k->name = strndup(step, strcspn(step, "["));
    if (k->step == NULL || k->name == NULL) {
        free(k->step);
        free(k->name);
        free(k);
        *oom = 1;
        return NULL;
    }
    if (strlen(k->name) > len)
        k->name[len] = '\0';
    n->kids[n->nkids++] = k;
    return k;
}

static int valid_name(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9' && i > 0) || c == '-' || c == '_' ||
              (c == '[' && i > 0) || c == ']'))
            return 0;
    }
    return 1;
}

xnode *wb_build_tree(const pk_form *form, const values *vs, int *oom)
{
    xnode *root = calloc(1, sizeof *root);

    if (root == NULL) {
        *oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < vs->n && !*oom; i++) {
        const char *key = vs->v[i].key, *val = vs->v[i].value, *s, *at;
        const pk_field *f;
        xnode *n = root;
        int unit_only;

        if (key[0] != '/' || val[0] == '\0')
            continue;
        f = field_at(form, key, NULL);
        if (f == NULL)
            continue;
        if (f->fixed != NULL)
            val = f->fixed;
        if (f->type == PK_FIELD_BOOL && f->none_mark &&
            strcmp(val, "true") != 0)
            continue;
        unit_only = f->key && !f->required;
        at = strstr(key, "/@");
        s = key + 1;
        for (;;) {
            size_t len = strcspn(s, "/");
            if (at != NULL && s == at + 1)
                break;
            if (!valid_name(s, len)) {
                n = NULL;
                break;
            }
            n = xchild(n, s, len, oom);
            if (n == NULL)
                break;
            if (!unit_only)
                n->stated = 1;
            if (s[len] == '\0')
                break;
            s += len + 1;
        }
        if (n == NULL)
            continue;
        if (at != NULL) {
            kv *a = realloc(n->attrs, (n->nattrs + 1) * sizeof *a);
            if (a == NULL) {
                *oom = 1;
                break;
            }
            n->attrs = a;
            a[n->nattrs].key = (char *)at + 2;
            a[n->nattrs++].value = (char *)val;
        } else {
            n->text = val;
        }
    }
    return root;
}

static void xml_text(srv_buf *b, const char *s)
{
    sb_html(b, s);
}

void wb_write_node(srv_buf *b, xnode *n, int depth, unsigned *line, int top)
{
    if (!top && !n->stated)
        return;
    for (int i = 0; i < depth; i++)
        sb_puts(b, "  ");
    n->line = *line;
    sb_printf(b, "<%s", n->name);
    for (size_t i = 0; i < n->nattrs; i++) {
        sb_printf(b, " %s=\"", n->attrs[i].key);
        xml_text(b, n->attrs[i].value);
        sb_puts(b, "\"");
    }
    if (n->nkids == 0 && n->text == NULL) {
        sb_puts(b, "/>\n");
        (*line)++;
        return;
    }
    sb_puts(b, ">");
    if (n->text != NULL)
        xml_text(b, n->text);
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

int wb_path_of_line(const xnode *n, unsigned line, char *buf, size_t size,
                    size_t at)
{
    int w = snprintf(buf + at, size - at, "/%s", n->step);

    if (w < 0 || (size_t)w >= size - at)
        return 0;
    if (n->line == line)
        return 1;
    for (size_t i = 0; i < n->nkids; i++)
        if (n->kids[i]->stated &&
            wb_path_of_line(n->kids[i], line, buf, size, at + (size_t)w))
            return 1;
    buf[at] = '\0';
    return 0;
}
