/* The rule-pack loader's parts (pack_load.c, pack_facts.c, pack_rules.c,
 * citation.c), on the loader toolkit (loader.h). */
#ifndef PK_PACK_LOAD_H
#define PK_PACK_LOAD_H

#include "loader.h"
#include "pack.h"

/* <citation> children and elements (citation.c). */
int pk_load_citation(pk_loader *L, xmlNode *parent, pk_citation *c);
int pk_load_citation_node(pk_loader *L, xmlNode *n, pk_citation *c);

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
