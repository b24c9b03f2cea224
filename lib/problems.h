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

/* Fills err with message id of the registry (messages.h) and its nargs
 * arguments, its English written into err->message. offset: where in the
 * input, or PK_NO_OFFSET. */
void pk_error_say(pk_error *err, int code, unsigned id, const char *source,
                  unsigned line, unsigned column, size_t offset, size_t nargs,
                  const char *const *args);
/* The arguments of pk_error_say(), as a count and an array. */
#define PK_ARGS(...)                                                           \
    sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *),         \
        (const char *const[])                                                  \
    {                                                                          \
        __VA_ARGS__                                                            \
    }
#define PK_NOARGS 0, NULL

/* A list of problems with severities (dossier input problems). */
typedef struct pk_problems {
    pk_error *items;
    unsigned char *warning;
    char **vi; /* the Vietnamese wording, or NULL */
    size_t count, cap;
    size_t errors;
} pk_problems;

int pk_problems_add(pk_problems *p, int warning, int code, const char *source,
                    unsigned line, unsigned column, const char *fmt, ...)
    PK_PRINTF(7, 8);
/* The same with its wording in both languages (vi may be NULL). */
int pk_problems_add2(pk_problems *p, int warning, int code, const char *source,
                     unsigned line, unsigned column, const char *en,
                     const char *vi);
/* A copy of e (its source, or source when it has none), with its words in
 * Vietnamese when it is a message of the registry. */
int pk_problems_add_error(pk_problems *p, int warning, const pk_error *e,
                          const char *source);
void pk_problems_free(pk_problems *p);

#endif
