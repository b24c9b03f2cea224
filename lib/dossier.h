/* dossier.h - a dossier read into typed nodes (dossier.c). */
#ifndef PK_DOSSIER_H
#define PK_DOSSIER_H

#include "format.h"
#include "problems.h"

typedef struct pk_dnode {
    uint32_t elem;             /* format element */
    uint32_t parent;           /* node index; PK_NONE for the root */
    uint32_t next_same;        /* next node of the same element; PK_NONE */
    pk_val text;               /* the typed text, when the element has a type */
    pk_val *attrs;             /* one per format attribute */
    size_t off;                /* where its start tag's attributes end */
    uint64_t blank_attrs;      /* the attributes written empty, one bit each */
    unsigned char kids;        /* it has child elements of the format */
    unsigned char stated_kids; /* and one of them is not blank */
    /* A row or list left blank (the template's blanks untouched): not a
     * statement. Facts read it as unknown, never as a value or as none. */
    unsigned char blank;
} pk_dnode;

struct pk_dossier {
    pk_arena arena;
    const pk_dformat *format;
    char *source;
    pk_dnode *nodes;
    size_t nnodes, cap;
    uint32_t *first; /* per format element: first node, or PK_NONE */
    uint32_t *last;  /* per format element: last node, or PK_NONE */
    pk_problems problems;
    int unreadable; /* a required attribute of the root is missing/bad */
    void *tree;     /* xmlDocPtr when the engine needs XPath, else NULL */
};

#endif
