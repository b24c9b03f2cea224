/* What the workbench's files share, and only that: the submitted values
 * (wb_values.c), the dossier's XML both ways (wb_dossier.c), the pages
 * (wb_page.c) and their fields (wb_fields.c), for the request handler
 * (workbench.c). They depend one way: workbench.c on the others, wb_page.c
 * on wb_fields.c, both on wb_dossier.c, which depends on wb_values.c,
 * which depends on none. Internal to server/. */
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
    int oom;
    int toomany; /* more than WB_MAX_VALUES: some were not added */
} values;

void wb_vals_free(values *vs);
/* Adds a copy of key (klen bytes) and val (vlen bytes) and returns its
 * index. A key already there keeps its first value (one rule for a field
 * posted twice, for the page and the file alike): returns that one's
 * index. -1 when it could not be added: out of memory (vs->oom) or past
 * WB_MAX_VALUES (vs->toomany). */
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
/* s made fit to quote on a page, into out (size bytes, at least 1): whole
 * UTF-8 characters only, as many as fit; a control character or a byte
 * that is not UTF-8 as '?'. */
void wb_quote(char *out, size_t size, const char *s);
/* Whether s is a date written YYYY-MM-DD that is a day of the calendar
 * (what a browser's date field keeps). */
int wb_date_ok(const char *s);
/* The part named name of a multipart/form-data body (a file chosen in
 * the form), or NULL. */
const char *wb_multipart_part(const char *ctype, const char *body, size_t len,
                              const char *name, size_t *outlen);

/* ---- wb_dossier.c: dossier XML to values and back ---- */

/* At most this many elements in one element of a dossier the workbench
 * opens or writes. */
#define WB_MAX_KIDS 4096

/* "/dossier/zones/zone[2]/@area" -> "/dossier/zones/zone/@area" */
void wb_abstract_path(const char *key, char *out, size_t size);
/* Whether key is a path the workbench writes into a dossier: elements
 * named as name_ok() in wb_dossier.c says, each maybe with a row ([N], 1
 * to 99,999), and at most one attribute, last. */
int wb_path_ok(const char *key);
/* The form's field (not a group's or a section's) whose path key is, rows
 * aside; NULL when the form does not offer it. */
const pk_field *wb_form_field(const pk_form *form, const char *key);

/* Whether the checker refuses data as a dossier (not UTF-8, not
 * well-formed XML, a DOCTYPE, ...): then 1 and why[] says so as the checker
 * would, with the line and column, in lang; 0 when it reads it; -1 out of
 * memory. The workbench opens only what the checker reads, so a file in a
 * legacy encoding is refused with the way to save it again rather than
 * transcoded here (and libxml2 never meets bytes it cannot convert). */
int wb_reader_refuses(const srv_config *cfg, pk_lang lang, const char *data,
                      size_t len, char *why, size_t size);
/* Reads a dossier back into values: every attribute, the text of every
 * element without elements in it, and a mark ("blank./dossier/zones/zone[3]"
 * = "1") for an element with nothing in it. Returns 0, or -1 when it is not XML
 * the workbench can read (a DOCTYPE is refused, nothing is fetched); an element
 * with more than WB_MAX_KIDS elements in it sets vs->toomany. Without a
 * form, no element is taken for a row. */
int wb_read_dossier(values *vs, const pk_form *form, const char *data,
                    size_t len);
/* in's values into out with their keys numbered as the form numbers rows:
 * a step the form has as a row gets one ([1] when it had none), a step the
 * form has as a single element loses a [1]; a key that is a path but not
 * one the workbench writes is left out, and one that is no path
 * ("action") copied. A key that comes twice keeps its first value. 0, or
 * -1 out of memory; out->toomany past the limit. */
int wb_canonical(values *out, const values *in, const pk_form *form);
/* For each attribute of vs that is blank and that the form offers, a mark
 * ("blank./dossier/functions/function[3]/@name" = "1"): the drafter's
 * file has it so, and the dossier written keeps it blank (a row written
 * unfinished) while the mark is posted back and no value is typed. */
void wb_blank_marks(values *vs, const pk_form *form);
/* For each list in vs's keys (a concrete path up to a step with a row,
 * "/dossier/documents/document[2]/covers"), the highest row any value is
 * in, as a decimal number, into rows. */
void wb_row_counts(values *rows, const values *vs);

/* An attribute of a dossier's element as the posted values make it. */
typedef struct xattr {
    const char *name; /* borrowed from values */
    const char *value;
    unsigned from, to; /* the columns it is written between */
} xattr;

/* A dossier's element as the posted values make it. */
typedef struct xnode xnode;
struct xnode {
    char *step; /* "zone[2]" */
    char *name; /* "zone" */
    long row;   /* 2; 0 for an element that is no row */
    xattr *attrs;
    size_t nattrs;
    const char *text;
    xnode **kids;
    size_t nkids;
    unsigned line; /* where it is written */
    int stated;    /* something beyond units */
};

/* Builds the dossier's tree from the posted values into *out: what the
 * form offers, where it is filled, and everything else the values hold
 * (the drafter's file's, which the form does not show) as it is, an
 * element marked as there with nothing in it included. A field
 * or attribute given twice keeps its first value. The root is nameless;
 * its first kid is the dossier's element. Returns 0; -1 out of memory; -2
 * past WB_MAX_KIDS elements in one. *out is the caller's to free either
 * way. */
int wb_build_tree(xnode **out, const pk_form *form, const values *vs);
/* Writes n and what it holds as XML at depth, from line *line on, noting
 * each element's line and each attribute's columns; top: written even
 * when it states nothing. */
void wb_write_node(srv_buf *b, xnode *n, int depth, unsigned *line, int top);
/* The concrete path of what is written at line and column: the
 * attribute's ("/dossier/zones/zone[2]/@area") when column is in one, or
 * else its element's; for a problem's position. 1 when found. */
int wb_path_at(const xnode *n, unsigned line, unsigned column, char *buf,
               size_t size, size_t at);
void wb_xnode_free(xnode *n);

/* ---- wb_page.c and wb_fields.c: the pages ---- */

/* A problem or a result shown beside a field. */
typedef struct note {
    char key[1100]; /* a concrete element path, or an abstract field path */
    char text[600];
    int severity; /* 0 error, 1 fails, 2 unknown, 3 other */
} note;

/* A list whose later rows the page does not show: their values are
 * carried in hidden fields. */
typedef struct cut_list {
    char key[1100]; /* "/dossier/zones/zone" */
    long shown;
} cut_list;

/* A page being written, and what it is written from. */
typedef struct page {
    const srv_config *cfg;
    pk_lang lang;
    int l;
    srv_buf *b;
    const pk_form *form;
    const values *vs;
    unsigned char *used; /* per value of vs: a field of the page shows it */
    const values *rows;  /* each list's highest row with a value */
    const char *grow;    /* the list a row was asked for, or NULL */
    const char *alert;   /* above the form, or NULL */
    int fresh;           /* a new form: offer initial values */
    note *notes;
    size_t nnotes;
    cut_list *cuts;
    size_t ncuts;
    long rows_shown; /* rows rendered so far, all groups together */
    int oom;
} page;

/* The words for the page's language. */
static inline const char *T(const page *p, const char *vi, const char *en)
{
    return p->l == 0 ? vi : en;
}

/* wb_page.c. The start page; with why (not NULL), first what could not be
 * done (title) and why, answered with status: a file chosen to open that
 * could not be, a date no form can be made for. kind, when not NULL, is
 * chosen again in the form for a new dossier. */
void wb_home(const srv_config *cfg, pk_lang lang, srv_response *resp,
             int status, const char *title, const char *why, const char *kind);
/* A file chosen to open that could not be: the start page again, and
 * why. */
void wb_refuse_file(const srv_config *cfg, pk_lang lang, srv_response *resp,
                    const char *why);
/* A note beside the field or row at key (a concrete path, or a field's
 * abstract one), at most 512 a page. */
void wb_add_note(page *p, const char *key, const char *text, int sev);
/* The report's problems and results as notes, each beside its field. */
void wb_collect_notes(page *p, const pk_report *r, xnode *tree);
/* The form's page, with the report (when not NULL) above it, answered
 * with status. */
void wb_form_page(page *p, srv_response *resp, const pk_report *report,
                  int status);

/* wb_fields.c. The form's fields from..to, for rows: the group's abstract
 * path abs_prefix, the row's concrete one con_prefix; first_row: notes on
 * a field's abstract path are shown there. */
void wb_render(page *p, size_t from, size_t to, const char *abs_prefix,
               const char *con_prefix, int first_row);
/* What the values hold that no field of the page shows, in hidden fields,
 * and listed. */
void wb_kept(page *p);

#endif
