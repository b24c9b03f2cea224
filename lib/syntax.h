/* What a drafter is told about broken XML and misspelt names (syntax.c):
 * libxml2's error codes turned into sentences of our own, in both
 * languages, that say what to type; and the nearest name the format
 * allows for one it does not. */
#ifndef PK_SYNTAX_H
#define PK_SYNTAX_H

#include <stddef.h>

#include "internal.h"

/* libxml2's first error, as the reader caught it. */
typedef struct pk_xml_fault {
    int code;      /* xmlError.code (XML_ERR_...) */
    char str1[96]; /* the names it gives: the open element of a */
    char str2[96]; /* mismatch, then the closing one; an entity */
    int int1;      /* the line an element was opened on, or 0 */
    int ancestor;  /* a mismatch's closing name is an element still
                      open further out: the inner one is unclosed */
    int known1;    /* str1 / str2 are element names of the format */
    int known2;
    size_t off;    /* where the parser stood, a byte offset */
    char lib[160]; /* libxml2's own words, for English only */
} pk_xml_fault;

/* Words f in both languages, each saying what to type instead, and sets
 * *at to the byte offset of data to report it at, or leaves *at alone
 * (returning 0) when libxml2's own line:column is the better place. root
 * is the name of the format's root element. */
int pk_xml_fault_words(const pk_xml_fault *f, const char *data, size_t len,
                       const char *root, size_t *at, pk_msgpair *out);

/* The candidate nearest to name (case, '_' for '-', a letter left out,
 * added, changed or two swapped: at most one such slip in a name of up to
 * four letters, two in a longer one), or NULL when none is near. cand(ud,
 * i) gives candidate i of n. */
const char *pk_suggest_name(const char *name,
                            const char *(*cand)(void *ud, size_t i), void *ud,
                            size_t n);

#endif
