/*
 * tc.h - what the test programs share: reading files, a conformance
 * case's dossier (whole, or a change to another case's), text
 * replacement, and the main() of a Check suite. (sink.h: an output sink
 * for writers, for the unit tests, which see the library's internals.)
 *
 * Test code: a failed allocation aborts (tc_xmalloc), which no library
 * code may do.
 */
#ifndef PK_TESTS_TC_H
#define PK_TESTS_TC_H

#include <stddef.h>

#include <parkcheck/parkcheck.h>

/* malloc, realloc and strdup that abort the test program on failure. */
void *tc_xmalloc(size_t size);
void *tc_xrealloc(void *p, size_t size);
char *tc_xstrdup(const char *s);

/* The whole file, NUL-terminated (the NUL not counted in *len, which may
 * be NULL). NULL when it cannot be read. Free with free(). */
char *tc_read_file(const char *path, size_t *len);

/* The dossier of the conformance case in directory case_dir: its
 * dossier.xml, or its dossier.change applied to the dossier.xml of the
 * case it names as base (docs/conformance.md; tools/case_dossier.py does
 * the same). NUL-terminated; NULL with the reason in why (which may be
 * NULL) when there is none or the change does not apply. *whole (may be
 * NULL) is set to 1 for a dossier.xml, 0 for a change. Free with free(). */
char *tc_case_dossier(const char *case_dir, size_t *len, int *whole, char *why,
                      size_t why_size);

/* s with the first occurrence of from replaced by to; from must occur
 * (the Check test fails otherwise). Free with free(). */
char *tc_replace(const char *s, const char *from, const char *to);
/* The same, freeing s. */
char *tc_replace_free(char *s, const char *from, const char *to);

/* Runs a Check suite the way every test program does (CK_ENV: the
 * environment chooses the output, TAP under meson) and returns main()'s
 * status: EXIT_SUCCESS when every test passed. Frees the suite. */
struct Suite;
int tc_run_suite(struct Suite *suite);

/* 1 when the case in directory case_dir has a dossier (a dossier.xml or
 * a dossier.change), else 0. */
int tc_case_has_dossier(const char *case_dir);

/* pk_check_file() for the tests: path is a dossier file, or the
 * dossier.xml of a case that holds a dossier.change instead, which is then
 * applied and checked from memory under that name. When the change cannot
 * be applied: PK_EIO, with the reason in err. */
int tc_check_dossier(pk_report **out, const pk_engine *engine, const char *path,
                     const pk_eval_options *opts, pk_error *err);

#endif /* PK_TESTS_TC_H */
