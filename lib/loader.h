/* loader.h - the toolkit shared by the loaders of trusted XML files: the
 * dossier format description (format.c) and rule packs (pack_*.c)
 * (loader.c). */
#ifndef PK_LOADER_H
#define PK_LOADER_H

#include "engine.h"
#include "messages.h"
#include "problems.h"
#include "xmldoc.h"

typedef struct pk_loader {
    pk_xmldoc x;
    int code;                 /* what a problem is: PK_ERULES, PK_EFORMAT */
    const pk_dformat *format; /* the format a pack reads; NULL while the
                                 format itself is loaded */
    pk_pack *pack;            /* the pack being loaded, or NULL */
    pk_error *err;            /* the first problem, or out of memory */
    pk_diag_fn on_problem;    /* every problem, or NULL */
    void *userdata;
    unsigned problems;
    int oom;
} pk_loader;

/* A problem at node (its attribute attr when not NULL): the first one
 * fills err; each goes to on_problem. Nothing once memory ran out. */
void pk_load_problem(pk_loader *L, const xmlNode *node, const char *attr,
                     const char *fmt, ...) PK_PRINTF(4, 5);
void pk_load_problemv(pk_loader *L, const xmlNode *node, const char *attr,
                      const char *fmt, va_list ap) PK_PRINTF(4, 0);
/* The same with message id of the registry (messages.def) and its
 * arguments (PK_ARGS(...), problems.h), worded in a language when shown. */
void pk_load_say(pk_loader *L, const xmlNode *node, const char *attr,
                 unsigned id, size_t nargs, const char *const *args);
/* Marks the load out of memory (err says so, once); PK_ENOMEM. */
int pk_load_oom(pk_loader *L);
/* A zeroed array with room for one item per element child of parent
 * (at least one); NULL, with the loader marked out of memory, on failure. */
void *pk_load_array_for(pk_loader *L, xmlNode *parent, size_t size);
/* A malloc()ed copy of s (NULL for NULL, or out of memory: marked). */
char *pk_load_strdup(pk_loader *L, const char *s);
/* Reads lang-tagged children called name into out[vi], out[en]; a missing
 * translation is a problem when required. */
int pk_load_texts(pk_loader *L, xmlNode *parent, const char *name, char *out[2],
                  int required);
/* Ids are lower-case letters, digits, '_', '-' and '.'. */
void pk_load_check_id(pk_loader *L, xmlNode *node, const char *id);
/* The id of an item of a list (<fact> in <facts>...), checked; NULL, with
 * the problem reported, when node is not such an item or has no id. */
const char *pk_load_item_id(pk_loader *L, xmlNode *node, const char *name,
                            const char *container);
/* The ISO date in node's attribute attr, or dflt when there is none. */
int pk_load_date(pk_loader *L, xmlNode *node, const char *attr, int64_t *days,
                 int64_t dflt);

#endif
