/*
 * exercise.c - what fuzz_rulepack and fuzz_format do with an engine that
 * loaded (exercise.h).
 */
#include <stdio.h>
#include <string.h>

#include "exercise.h"

int fuzz_discard(void *userdata, const char *data, size_t len)
{
    size_t *sum = userdata;

    /* every byte looked at once, so that a writer handing over memory it
     * does not own is caught by the sanitizers */
    for (size_t i = 0; i < len; i++)
        *sum += (unsigned char)data[i];
    return 0;
}

static void write_report(const pk_engine *e, const pk_report *r,
                         pk_format format, pk_lang lang, size_t *sum)
{
    pk_writer *w;

    if (pk_writer_new(
            &w, e, fuzz_discard, sum,
            &(pk_writer_options){PK_WRITER_OPTIONS_VERSION, format, lang},
            NULL) != 0)
        return;
    if (pk_writer_add(w, r, NULL) == 0)
        (void)pk_writer_finish(w, NULL);
    pk_writer_free(w);
}

static void evaluate(const pk_engine *e, const struct pk_builtin *d,
                     const char *as_of, size_t *sum)
{
    pk_report *r = NULL;
    pk_eval_options o = PK_EVAL_OPTIONS_INIT;

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
    write_report(e, r, PK_FORMAT_JSON, PK_LANG_EN, sum);
    write_report(e, r, PK_FORMAT_TEXT, PK_LANG_VI, sum);
    pk_report_free(r);
}

static void form(const pk_engine *e, const char *kind, const char *as_of,
                 pk_lang lang, size_t *sum)
{
    pk_form *f;

    if (pk_form_new(&f, e, kind, as_of, lang, NULL) != 0)
        return;
    for (size_t i = 0; i < pk_form_field_count(f); i++) {
        const pk_field *fd = pk_form_field(f, i);
        const char *label, *when, *v;

        *sum += strlen(fd->path) + strlen(fd->label) + strlen(fd->help) +
                strlen(fd->citations) + strlen(fd->unit) + fd->nvalues;
        for (size_t k = 0; (v = pk_form_value(f, i, k, &label, &when)); k++)
            *sum += strlen(v) + strlen(label) + (when ? strlen(when) : 0);
    }
    pk_form_free(f);
}

void fuzz_exercise(const pk_engine *e, const struct pk_builtin *dossiers,
                   size_t *sum)
{
    char from[16];

    snprintf(from, sizeof from, "%s", pk_engine_pack_valid_from(e, 0));
    for (const struct pk_builtin *d = dossiers; d->name != NULL; d++) {
        evaluate(e, d, NULL, sum);
        evaluate(e, d, from, sum);
    }
    for (size_t p = 0; p < pk_engine_pack_count(e); p++)
        for (size_t i = 0; i < pk_engine_rule_count(e, p); i++)
            for (int l = 0; l < 2; l++)
                (void)pk_rule_describe(e, pk_engine_rule(e, p, i), (pk_lang)l,
                                       fuzz_discard, sum, NULL);
    for (size_t k = 0; k < pk_engine_kind_count(e); k++) {
        const char *kind = pk_engine_kind(e, k, NULL, PK_LANG_VI);
        for (int l = 0; l < 2; l++) {
            (void)pk_template_write(
                e, kind, fuzz_discard, sum,
                &(pk_template_options){PK_TEMPLATE_OPTIONS_VERSION, from,
                                       (pk_lang)l},
                NULL);
            form(e, kind, from, (pk_lang)l, sum);
        }
    }
}
