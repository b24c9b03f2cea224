/* What the workbench's files share, and only that: the submitted values
 * (wb_values.c) and the dossier's XML both ways (wb_dossier.c), for the
 * pages and the request handler (workbench.c). They depend one way:
 * workbench.c on both, wb_dossier.c on wb_values.c, wb_values.c on
 * neither. Internal to server/. */
#ifndef PK_SERVER_WB_H
#define PK_SERVER_WB_H

#include <stddef.h>

#include "handler.h"

/* ---- wb_values.c: the values of a dossier, by concrete path ---- */

typedef struct kv {
    char *key; /* "/dossier/zones/zone[2]/@area" */
    char *value;
    int cleaned; /* characters a dossier cannot hold were taken out */
} kv;

/* At most this many values, a request's or an opened file's. */
#define WB_MAX_VALUES 65536

typedef struct values {
    kv *v;
    size_t n, cap;
    size_t *slots; /* open addressing: 1 + the index of a key, 0 free */
    size_t nslots;
    int oom; /* out of memory, or past WB_MAX_VALUES */
} values;

void wb_vals_free(values *vs);
/* Adds a copy of key (klen bytes) and val (vlen bytes) and returns its
 * index. A key already there keeps its first value (one rule for a field
 * posted twice, for the page and the file alike): returns that one's
 * index. -1 when it could not be added: out of memory or past
 * WB_MAX_VALUES (vs->oom). */
long wb_vals_add(values *vs, const char *key, size_t klen, const char *val,
                 size_t vlen);
/* The index of key, or -1. */
long wb_vals_find(const values *vs, const char *key);
/* The value of key, or NULL. */
const char *wb_vals_get(const values *vs, const char *key);
/* The fields of an application/x-www-form-urlencoded body, decoded. A
 * field without '=' is dropped, and so is one whose name is not UTF-8 text
 * without control characters (the page names its fields so). Out of a
 * value, what no dossier can hold is taken out and the value marked
 * cleaned: control characters (but tab and line ends), bytes that are not
 * UTF-8, U+FFFE and U+FFFF. */
void wb_parse_urlencoded(values *vs, const char *body, size_t len);
/* The part named name of a multipart/form-data body (a file chosen in
 * the form), or NULL. */
const char *wb_multipart_part(const char *ctype, const char *body, size_t len,
                              const char *name, size_t *outlen);

/* ---- wb_dossier.c: dossier XML to values and back ---- */

/* "/dossier/zones/zone[2]/@area" -> "/dossier/zones/zone/@area" */
void wb_abstract_path(const char *key, char *out, size_t size);

/* Whether the checker refuses data as a dossier (not UTF-8, not
 * well-formed XML, a DOCTYPE, ...): then 1 and why[] says so as the checker
 * would, with the line and column, in lang; 0 when it reads it; -1 out of
 * memory. The workbench opens only what the checker reads, so a file in a
 * legacy encoding is refused with the way to save it again rather than
 * transcoded here (and libxml2 never meets bytes it cannot convert). */
int wb_reader_refuses(const srv_config *cfg, pk_lang lang, const char *data,
                      size_t len, char *why, size_t size);
/* Reads a dossier back into values. Returns 0, or -1 when it is not XML
 * the workbench can read (a DOCTYPE is refused, nothing is fetched).
 * Without a form, no element is taken for a row. */
int wb_read_dossier(values *vs, const pk_form *form, const char *data,
                    size_t len);

/* A dossier's element as the posted values make it. */
typedef struct xnode xnode;
struct xnode {
    char *step; /* "zone[2]" */
    char *name; /* "zone" */
    kv *attrs;  /* borrowed from values */
    size_t nattrs;
    const char *text;
    xnode **kids;
    size_t nkids;
    unsigned line; /* where it is written */
    int stated;    /* something beyond units */
};

/* Builds the dossier's tree from the posted values: only what the form
 * offers (a key it does not know is dropped) and only what is filled.
 * The root is nameless; its first kid is the dossier's element. */
xnode *wb_build_tree(const pk_form *form, const values *vs, int *oom);
/* Writes n and what it holds as XML at depth, from line *line on, noting
 * each element's line; top: written even when it states nothing. */
void wb_write_node(srv_buf *b, xnode *n, int depth, unsigned *line, int top);
/* The concrete path of the element written on line, for a problem's
 * position. */
int wb_path_of_line(const xnode *n, unsigned line, char *buf, size_t size,
                    size_t at);
void wb_xnode_free(xnode *n);

#endif
