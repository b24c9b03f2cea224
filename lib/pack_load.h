/* The rule-pack loader's shared state (pack_load.c, pack_facts.c,
 * pack_rules.c). */
#ifndef PK_PACK_LOAD_H
#define PK_PACK_LOAD_H

#include "pack.h"
#include "xmldoc.h"

typedef struct pk_loader {
    pk_xmldoc x;
    const pk_dformat *format;
    pk_pack *pack;
    pk_error *err;
    pk_diag_fn on_problem;
    void *userdata;
    unsigned problems;
    int oom;
} pk_loader;

void pk_load_problem(pk_loader *L, const xmlNode *node, const char *attr,
                     const char *fmt, ...) PK_PRINTF(4, 5);
int pk_load_oom(pk_loader *L);
/* A zeroed array with room for one item per element child of parent
 * (at least one); NULL, with the loader marked out of memory, on failure. */
void *pk_load_array_for(pk_loader *L, xmlNode *parent, size_t size);
char *pk_load_strdup(pk_loader *L, const char *s);
int pk_load_texts(pk_loader *L, xmlNode *parent, const char *name,
                  char *out[2], int required);
int pk_load_citation(pk_loader *L, xmlNode *parent, pk_citation *c);
int pk_load_citation_node(pk_loader *L, xmlNode *n, pk_citation *c);
/* Ids are lower-case letters, digits, '_', '-' and '.'. */
void pk_load_check_id(pk_loader *L, xmlNode *node, const char *id);
/* The id of an item of a list (<fact> in <facts>...), checked; NULL, with
 * the problem reported, when node is not such an item or has no id. */
const char *pk_load_item_id(pk_loader *L, xmlNode *node, const char *name,
                            const char *container);
int pk_load_date(pk_loader *L, xmlNode *node, const char *attr,
                 int64_t *days, int64_t dflt);

void pk_load_facts(pk_loader *L, xmlNode *facts);
void pk_load_params(pk_loader *L, xmlNode *params);
void pk_load_rules(pk_loader *L, xmlNode *rules);
void pk_load_check_unused(pk_loader *L);

/* Provenance (provenance.c): the <provenance> child of an element, if any,
 * into out; and, once the rules are read, the pack's own provenance, its
 * provisional mark, what it cannot check yet, and how sure each rule is. */
void pk_provenance_load_one(pk_loader *L, xmlNode *parent, pk_prov *out);
void pk_provenance_load(pk_loader *L, xmlNode *root);

#endif
