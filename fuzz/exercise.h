/*
 * What the rule-pack and format targets do with an engine that loaded:
 * every part of the library that reads the packs and the format is asked
 * for its output, which goes nowhere but is looked at byte by byte.
 */
#ifndef FUZZ_EXERCISE_H
#define FUZZ_EXERCISE_H

#include <stddef.h>

#include <parkcheck/parkcheck.h>

#include "builtin.h"

/* Each dossier (a list ended by a NULL name) evaluated on its own date and
 * on the first day the first pack is in force, every result's message and
 * citation taken in both languages and the report written as JSON and as
 * text; every rule described, and for every kind the format knows a
 * template and a form in both languages. Adds what it saw to *sum. */
void fuzz_exercise(const pk_engine *engine, const struct pk_builtin *dossiers,
                   size_t *sum);

/* An output callback that looks at every byte and keeps nothing. */
int fuzz_discard(void *userdata, const char *data, size_t len);

#endif
