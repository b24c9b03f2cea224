/*
 * fuzz_rulepack - libFuzzer target: the input is a rule pack, loaded with
 * pk_engine_new_from_memory. When it loads, fuzz_exercise (exercise.c)
 * evaluates two fixed dossiers with it (examples/near-miss.xml and
 * examples/complete-eligible.xml, compiled in by pk-embed) on their own
 * dates and on the first day the pack is in force, renders every result's
 * message in both languages, writes the reports, describes every rule,
 * and writes a template and a form for every kind of dossier.
 *
 * Rule packs are trusted more than dossiers, but a pack with a mistake must
 * still be refused with a message, never crash or hang the engine.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "exercise.h"

/* Generated from examples/ by pk-embed (fuzz/meson.build). */
extern const struct pk_builtin fuzz_dossiers[];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void no_problem(void *userdata, const pk_error *problem)
{
    size_t *sum = userdata;

    /* every problem has a message */
    *sum += strlen(problem->message) + problem->line + problem->column;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pk_engine *e = NULL;
    pk_engine_options opts = PK_ENGINE_OPTIONS_INIT;
    pk_error err;
    size_t sum = 0;

    opts.on_problem = no_problem;
    opts.userdata = &sum;
    if (pk_engine_new_from_memory(&e, "fuzz-pack.xml", (const char *)data, size,
                                  &opts, &err) != 0) {
        if (e != NULL || err.code == 0)
            abort(); /* a failed constructor sets NULL and says why */
        return 0;
    }
    fuzz_exercise(e, fuzz_dossiers, &sum);
    pk_engine_free(e);
    if (sum == (size_t)-1)
        abort();
    return 0;
}
