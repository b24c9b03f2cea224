/*
 * fuzz_rulepack - libFuzzer target: the input is a rule pack, loaded with
 * pk_engine_new_from_memory. When it loads, two fixed dossiers
 * (examples/near-miss.xml and examples/complete-eligible.xml, compiled in
 * by pk-embed) are evaluated with it, on their own dates and on the first
 * day the pack is in force, every result's message is rendered in both
 * languages, every rule is described and a template is written for every
 * kind of dossier.
 *
 * Rule packs are trusted more than dossiers, but a pack with a mistake must
 * still be refused with a message, never crash or hang the engine.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "builtin.h"

/* Generated from examples/ by pk-embed (fuzz/meson.build). */
extern const struct pk_builtin fuzz_dossiers[];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const kinds[] = {"establishment", "expansion", "recognition",
                                    "master-plan-addition"};

static int discard(void *userdata, const char *data, size_t len)
{
    size_t *sum = userdata;

    for (size_t i = 0; i < len; i++)
        *sum += (unsigned char)data[i];
    return 0;
}

static void no_problem(void *userdata, const pk_error *problem)
{
    size_t *sum = userdata;

    /* every problem has a message */
    *sum += strlen(problem->message) + problem->line + problem->column;
}

static void evaluate(const pk_engine *e, const struct pk_builtin *d,
                     const char *as_of, size_t *sum)
{
    pk_report *r = NULL;
    pk_eval_options o = PK_EVAL_OPTIONS_INIT;
    pk_writer *w;

    o.as_of = as_of;
    if (pk_check_memory(&r, e, d->name, d->data, d->len, &o, NULL) != 0)
        return;
    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);
        for (int l = 0; l < 2; l++) {
            *sum += strlen(pk_result_message(res, (pk_lang)l));
            *sum += strlen(pk_result_citation_text(res, (pk_lang)l));
        }
    }
    if (pk_writer_new(&w, e, discard, sum,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_EN},
                      NULL) == 0) {
        if (pk_writer_add(w, r, NULL) == 0)
            (void)pk_writer_finish(w, NULL);
        pk_writer_free(w);
    }
    pk_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pk_engine *e = NULL;
    pk_engine_options opts = PK_ENGINE_OPTIONS_INIT;
    pk_error err;
    size_t sum = 0;
    char from[16];

    opts.on_problem = no_problem;
    opts.userdata = &sum;
    if (pk_engine_new_from_memory(&e, "fuzz-pack.xml", (const char *)data, size,
                                  &opts, &err) != 0) {
        if (e != NULL || err.code == 0)
            abort(); /* a failed constructor sets NULL and says why */
        return 0;
    }
    snprintf(from, sizeof from, "%s", pk_engine_pack_valid_from(e, 0));
    for (const struct pk_builtin *d = fuzz_dossiers; d->name != NULL; d++) {
        evaluate(e, d, NULL, &sum);
        evaluate(e, d, from, &sum);
    }
    for (size_t p = 0; p < pk_engine_pack_count(e); p++)
        for (size_t i = 0; i < pk_engine_rule_count(e, p); i++)
            for (int l = 0; l < 2; l++)
                (void)pk_rule_describe(e, pk_engine_rule(e, p, i), (pk_lang)l,
                                       discard, &sum, NULL);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (int l = 0; l < 2; l++)
            (void)pk_template_write(
                e, kinds[k], discard, &sum,
                &(pk_template_options){PK_TEMPLATE_OPTIONS_VERSION, from,
                                       (pk_lang)l},
                NULL);
    pk_engine_free(e);
    if (sum == (size_t)-1)
        abort();
    return 0;
}
