/* Trusted XML files (the format description, rule packs) read as trees,
 * with the line and column of every element and attribute for messages. */
#ifndef PK_XMLDOC_H
#define PK_XMLDOC_H

#include <libxml/tree.h>

#include "internal.h"
#include "textpos.h"

typedef struct pk_xmldoc {
    xmlDocPtr doc;
    const char *source;
    const char *data; /* the caller's buffer; must outlive the pk_xmldoc */
    size_t len;
    pk_textpos pos; /* element and attribute offsets to line:column */
} pk_xmldoc;

/* Parses data (no DTD, no entities, no network) and records where each
 * element starts. Fails with PK_EXML / PK_EDOCTYPE / PK_EENCODING. */
int pk_xmldoc_parse(pk_xmldoc *x, const char *source, const char *data,
                    size_t len, pk_error *err);
void pk_xmldoc_free(pk_xmldoc *x);

/* Where node starts, or where its attribute attr does (attr may be NULL).
 * Moves x's cursor. */
void pk_xmldoc_pos(pk_xmldoc *x, const xmlNode *node, const char *attr,
                   unsigned *line, unsigned *col);
/* The offset of attribute attr's name in the raw start tag at offset tag
 * (the tag's own offset when it is not there). */
size_t pk_tag_attr_offset(const char *data, size_t len, size_t tag,
                          const char *attr);

/* An attribute's value (borrowed from the tree) or NULL. */
const char *pk_xml_attr(const xmlNode *node, const char *name);
/* 1 when node is an element called name. */
int pk_xml_is(const xmlNode *node, const char *name);
/* The next element sibling from node on (node itself when it is one). */
xmlNode *pk_xml_elem(xmlNode *node);

#endif
