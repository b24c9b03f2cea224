#include "xmldoc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "messages.h"
#include "prescan.h"

int pk_xml_is(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0;
}

xmlNode *pk_xml_elem(xmlNode *node)
{
    while (node != NULL && node->type != XML_ELEMENT_NODE)
        node = node->next;
    return node;
}

const char *pk_xml_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a != NULL; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return a->children != NULL ? (const char *)a->children->content
                                       : "";
    return NULL;
}

/* Where needle (n bytes) first occurs in data[from..len), or len. The
 * text need not be NUL-terminated (pk_engine_new_from_memory). */
static size_t find_from(const char *data, size_t len, size_t from,
                        const char *needle, size_t n)
{
    for (size_t i = from; i + n <= len; i++)
        if (data[i] == needle[0] && memcmp(data + i, needle, n) == 0)
            return i;
    return len;
}

/* Past the markup that starts at `at` with `open` and ends with `close`
 * (a comment, a CDATA section, a processing instruction), or len. */
static size_t skip_markup(const pk_xmldoc *x, size_t at, const char *open,
                          const char *close)
{
    size_t e =
        find_from(x->data, x->len, at + strlen(open), close, strlen(close));

    return e < x->len ? e + strlen(close) : x->len;
}

static int starts(const pk_xmldoc *x, size_t at, const char *s)
{
    size_t n = strlen(s);

    return x->len - at >= n && memcmp(x->data + at, s, n) == 0;
}

/* The offset of each element's '<', found by walking the text and the tree
 * together: start tags appear in the text in the tree's pre-order. */
static size_t mark_elements(const pk_xmldoc *x, xmlNode *node, size_t at)
{
    for (; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        while (at < x->len) {
            const char *p = x->data + at;
            if (*p != '<') {
                at++;
            } else if (starts(x, at, "<!--")) {
                at = skip_markup(x, at, "<!--", "-->");
            } else if (starts(x, at, "<![CDATA[")) {
                at = skip_markup(x, at, "<![CDATA[", "]]>");
            } else if (starts(x, at, "<?")) {
                /* a "<!--" inside a processing instruction is no comment */
                at = skip_markup(x, at, "<?", "?>");
            } else if (at + 1 >= x->len || p[1] == '!' || p[1] == '/') {
                at++;
            } else {
                break;
            }
        }
        node->psvi = (void *)(uintptr_t)(at + 1); /* 0 means unknown */
        at = mark_elements(x, node->children, at + 1);
    }
    return at;
}

/* libxml2's first error: the later ones follow from it. */
typedef struct first_err {
    int set, code;
    int nomem; /* libxml2 ran out of memory, whatever it said first */
    unsigned line, col;
    char msg[PK_ERROR_TEXT_MAX - 40];
} first_err;

static void keep_first(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    first_err *f = ctxt != NULL ? ctxt->_private : NULL;
    size_t n;

    if (f != NULL && e != NULL &&
        (e->code == XML_ERR_NO_MEMORY || e->message == NULL))
        f->nomem = 1; /* or libxml2 could not allocate the message */
    if (f == NULL || f->set || e == NULL || e->level < XML_ERR_ERROR)
        return;
    f->set = 1;
    f->code = e->code;
    f->line = (unsigned)e->line;
    f->col = (unsigned)e->int2;
    snprintf(f->msg, sizeof f->msg, "%s",
             e->message != NULL ? e->message : "parse error");
    n = strlen(f->msg);
    while (n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' '))
        f->msg[--n] = '\0';
}

int pk_xmldoc_parse(pk_xmldoc *x, const char *source, const char *data,
                    size_t len, pk_error *err)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlErrorPtr e;
    first_err first;
    int rc = PK_OK;

    memset(&first, 0, sizeof first);

    memset(x, 0, sizeof *x);
    x->source = source;
    x->data = data;
    x->len = len;
    pk_textpos_init(&x->pos, data, len);
    if (len > (size_t)INT32_MAX) {
        pk_error_set(err, PK_ETOOBIG, source, 0, 0, "file too large");
        return PK_ETOOBIG;
    }
    if (!pk_utf8_valid(data, len) || memchr(data, '\0', len) != NULL) {
        /* where the text stops being UTF-8, as the dossier reader says */
        size_t off;
        int nul;
        unsigned line, col;
        char hex[4];
        pk_prescan_first_bad_byte(data, len, &off, &nul);
        pk_text_pos(data, len, off, &line, &col);
        snprintf(hex, sizeof hex, "%02X",
                 off < len ? (unsigned)(unsigned char)data[off] : 0u);
        if (nul)
            pk_error_say(err, PK_EENCODING, PK_MSG_FILE_NUL_BYTE, source, line,
                         col, off, PK_NOARGS);
        else
            pk_error_say(err, PK_EENCODING, PK_MSG_FILE_BAD_UTF8, source, line,
                         col, off, PK_ARGS(hex));
        return PK_EENCODING;
    }
    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        pk_error_set(err, PK_ENOMEM, source, 0, 0, "out of memory");
        return PK_ENOMEM;
    }
    /* Errors are kept, never printed. */
    ctxt->sax->serror = keep_first;
    ctxt->_private = &first;
    /* No encoding named: the text is checked UTF-8 above, which libxml2
     * reads without a converter (and libxml2 2.9's converter path crashes
     * when an allocation fails in it). */
    x->doc = xmlCtxtReadMemory(ctxt, data, (int)len, source, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR |
                                   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                                   XML_PARSE_IGNORE_ENC);
    /* Out of memory before parsing began is reported to the thread's
     * last error only, not to ctxt. */
    e = x->doc == NULL && !first.set ? xmlGetLastError() : NULL;
    if (first.nomem || ctxt->errNo == XML_ERR_NO_MEMORY ||
        (e != NULL && e->code == XML_ERR_NO_MEMORY)) {
        rc = PK_ENOMEM;
        pk_error_set(err, rc, source, 0, 0, "out of memory");
        goto out;
    }
    if (x->doc == NULL || !ctxt->wellFormed) {
        e = xmlCtxtGetLastError(ctxt);
        rc = e != NULL && e->code == XML_ERR_NO_MEMORY ? PK_ENOMEM : PK_EXML;
        if (first.set)
            pk_error_say(err, rc, PK_MSG_FILE_NOT_WELL_FORMED, source,
                         first.line, first.col, PK_NO_OFFSET,
                         PK_ARGS(first.msg));
        else
            pk_error_say(err, rc, PK_MSG_NO_ROOT, source, 0, 0, PK_NO_OFFSET,
                         PK_NOARGS);
        goto out;
    }
    if (x->doc->intSubset != NULL || x->doc->extSubset != NULL) {
        size_t dt = find_from(data, len, 0, "<!DOCTYPE", 9);
        unsigned line = 0, col = 0;
        if (dt < len)
            pk_text_pos(data, len, dt, &line, &col);
        rc = PK_EDOCTYPE;
        pk_error_say(err, rc, PK_MSG_FILE_DOCTYPE, source, line, col,
                     dt < len ? dt : PK_NO_OFFSET, PK_NOARGS);
        goto out;
    }
    mark_elements(x, x->doc->children, 0);
out:
    if (rc != PK_OK && x->doc != NULL) {
        xmlFreeDoc(x->doc);
        x->doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return rc;
}

void pk_xmldoc_free(pk_xmldoc *x)
{
    if (x->doc != NULL)
        xmlFreeDoc(x->doc);
    x->doc = NULL;
}

size_t pk_tag_attr_offset(const char *data, size_t len, size_t tag,
                          const char *attr)
{
    size_t i = tag + 1, alen = strlen(attr);

    while (i < len && data[i] != '>' && data[i] != ' ' && data[i] != '\t' &&
           data[i] != '\n' && data[i] != '\r' && data[i] != '/')
        i++;
    while (i < len && data[i] != '>') {
        size_t name;
        char q;

        while (i < len && (data[i] == ' ' || data[i] == '\t' ||
                           data[i] == '\n' || data[i] == '\r'))
            i++;
        if (i >= len || data[i] == '>' || data[i] == '/')
            break;
        name = i;
        while (i < len && data[i] != '=' && data[i] != ' ' && data[i] != '>')
            i++;
        if (i - name == alen && strncmp(data + name, attr, alen) == 0)
            return name;
        while (i < len && data[i] != '"' && data[i] != '\'' && data[i] != '>')
            i++;
        if (i >= len || data[i] == '>')
            break;
        q = data[i++];
        while (i < len && data[i] != q)
            i++;
        i++;
    }
    return tag;
}

void pk_xmldoc_pos(pk_xmldoc *x, const xmlNode *node, const char *attr,
                   unsigned *line, unsigned *col)
{
    size_t at = node != NULL ? (size_t)(uintptr_t)node->psvi : 0;

    if (at == 0) {
        *line = node != NULL ? (unsigned)node->line : 0;
        *col = 0;
        return;
    }
    at--;
    if (attr != NULL)
        at = pk_tag_attr_offset(x->data, x->len, at, attr);
    pk_textpos_at(&x->pos, at, line, col);
}
