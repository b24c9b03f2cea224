/* problems.h - filling a pk_error, and the list of a dossier's problems
 * (error.c). */
#ifndef PK_PROBLEMS_H
#define PK_PROBLEMS_H

#include "common.h"

void pk_error_set(pk_error *err, int code, const char *source, unsigned line,
                  unsigned column, const char *fmt, ...) PK_PRINTF(6, 7);
void pk_error_setv(pk_error *err, int code, const char *source, unsigned line,
                   unsigned column, const char *fmt, va_list ap)
    PK_PRINTF(6, 0);

/* A list of problems with severities (dossier input problems). */
typedef struct pk_problems {
    pk_error *items;
    unsigned char *warning;
    char **vi;        /* the Vietnamese wording, or NULL */
    size_t count, cap;
    size_t errors;
} pk_problems;

int pk_problems_add(pk_problems *p, int warning, int code, const char *source,
                    unsigned line, unsigned column, const char *fmt, ...)
    PK_PRINTF(7, 8);
/* The same with its wording in both languages (vi may be NULL). */
int pk_problems_add2(pk_problems *p, int warning, int code,
                     const char *source, unsigned line, unsigned column,
                     const char *en, const char *vi);
void pk_problems_free(pk_problems *p);

#endif
