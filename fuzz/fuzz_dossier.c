/*
 * fuzz_dossier - libFuzzer target: a dossier read and evaluated with the
 * built-in rule pack, and its report written in every format.
 *
 * The first byte of the input chooses the options (as cmark's fuzzer
 * does), the rest is the dossier:
 *
 *   bit 0      language: 0 Vietnamese, 1 English
 *   bits 1-3   format: 0..5 one format (pk_format's numbers), 6 and 7 all
 *              six formats
 *   bit 4      evaluate as of a fixed date instead of the submission date
 *   bit 5      add the report twice (a batch of two)
 *   bit 6      read with pk_dossier_read_memory + pk_evaluate instead of
 *              pk_check_memory, and ask every getter
 *   bit 7      the strict engine: 4 KiB and 8 levels at most
 *
 * The engines are created once, in LLVMFuzzerInitialize, and shared by
 * every run, as a server would share them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

static pk_engine *engine;
static pk_engine *strict_engine;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Output goes nowhere, but every byte is looked at once so that a writer
 * handing over memory it does not own is caught by the sanitizers. */
static int discard(void *userdata, const char *data, size_t len)
{
    size_t *sum = userdata;

    for (size_t i = 0; i < len; i++)
        *sum += (unsigned char)data[i];
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    pk_error err;
    pk_engine_options strict = PK_ENGINE_OPTIONS_INIT;

    (void)argc;
    (void)argv;
    if (pk_engine_new(&engine, NULL, &err) != 0) {
        fprintf(stderr, "fuzz_dossier: engine: %s\n", err.message);
        abort();
    }
    strict.max_dossier_bytes = 4096;
    strict.max_depth = 8;
    if (pk_engine_new(&strict_engine, &strict, &err) != 0) {
        fprintf(stderr, "fuzz_dossier: strict engine: %s\n", err.message);
        abort();
    }
    return 0;
}

/* Every getter of a report, in both languages. */
static void read_all(const pk_report *r, size_t *sum)
{
    pk_comparison cmp;

    *sum += strlen(pk_report_source(r)) + strlen(pk_report_kind(r)) +
            strlen(pk_report_park_name(r)) + strlen(pk_report_province(r)) +
            strlen(pk_report_date(r)) + strlen(pk_report_pack_id(r)) +
            strlen(pk_report_pack_version(r));
    *sum += (size_t)pk_report_verdict(r) + (size_t)(pk_report_score(r) > 50);
    for (int l = 0; l < 2; l++)
        *sum += strlen(pk_report_notice(r, (pk_lang)l));
    for (size_t i = 0; i < pk_report_problem_count(r); i++) {
        const pk_error *e = pk_report_problem(r, i);
        *sum += strlen(e->message) + strlen(e->source) + e->line + e->column;
        *sum += (size_t)pk_report_problem_is_warning(r, i);
        for (int l = 0; l < 2; l++)
            *sum += strlen(pk_report_problem_text(r, i, (pk_lang)l));
    }
    for (size_t i = 0; i < pk_report_article_count(r); i++)
        *sum += pk_report_article(r, i)->rules;
    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);
        *sum += strlen(pk_result_id(res)) + (size_t)pk_result_status(res);
        for (int l = 0; l < 2; l++) {
            *sum += strlen(pk_result_message(res, (pk_lang)l));
            *sum += strlen(pk_result_citation_text(res, (pk_lang)l));
            *sum += strlen(pk_result_title(res, (pk_lang)l));
        }
        for (size_t v = 0; v < pk_result_value_count(res); v++) {
            const pk_value_info *vi = pk_result_value(res, v);
            const char *label = pk_result_fact_label(res, vi->id, PK_LANG_EN);
            const char *where = pk_result_fact_location(res, vi->id);
            *sum += strlen(vi->id) + strlen(vi->unit) +
                    (vi->text ? strlen(vi->text) : 0) +
                    (label ? strlen(label) : 0) + (where ? strlen(where) : 0);
        }
        for (size_t m = 0; m < pk_result_missing_count(res); m++)
            *sum += strlen(pk_result_missing(res, m));
        if (pk_result_comparison(res, &cmp) == 0)
            *sum += strlen(cmp.fact) + strlen(cmp.op) + strlen(cmp.unit) +
                    (cmp.param ? strlen(cmp.param) : 0);
    }
}

static void write_report(const pk_engine *e, const pk_report *r,
                         pk_format format, pk_lang lang, int twice, size_t *sum)
{
    pk_writer *w;

    if (pk_writer_new(
            &w, e, discard, sum,
            &(pk_writer_options){PK_WRITER_OPTIONS_VERSION, format, lang},
            NULL) != 0)
        return;
    if (pk_writer_add(w, r, NULL) == 0 &&
        (!twice || pk_writer_add(w, r, NULL) == 0))
        (void)pk_writer_finish(w, NULL);
    pk_writer_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned opts;
    const pk_engine *e;
    pk_report *report = NULL;
    pk_eval_options eopts = PK_EVAL_OPTIONS_INIT;
    pk_lang lang;
    unsigned fmt;
    size_t sum = 0;

    if (size < 1)
        return 0;
    opts = data[0];
    data++;
    size--;
    lang = (opts & 1) ? PK_LANG_EN : PK_LANG_VI;
    fmt = (opts >> 1) & 7;
    if (opts & 0x10)
        eopts.as_of = "2014-01-01";
    e = (opts & 0x80) ? strict_engine : engine;

    if (opts & 0x40) {
        pk_dossier *d = NULL;
        pk_error err;
        if (pk_dossier_read_memory(&d, e, "fuzz.xml", (const char *)data, size,
                                   &err) != 0) {
            /* a refused dossier says why, where */
            sum += strlen(err.message) + err.line + err.column;
            return 0;
        }
        if (pk_evaluate(&report, e, d, &eopts, NULL) != 0) {
            pk_dossier_free(d);
            return 0;
        }
        pk_dossier_free(d); /* the report must not need it */
        read_all(report, &sum);
    } else if (pk_check_memory(&report, e, "fuzz.xml", (const char *)data, size,
                               &eopts, NULL) != 0) {
        return 0; /* only out of memory */
    }

    if (fmt <= PK_FORMAT_NDJSON) {
        write_report(e, report, (pk_format)fmt, lang, (opts & 0x20) != 0, &sum);
    } else {
        for (int f = PK_FORMAT_TEXT; f <= PK_FORMAT_NDJSON; f++) {
            write_report(e, report, (pk_format)f, lang, (opts & 0x20) != 0,
                         &sum);
            if (fmt == 7)
                write_report(e, report, (pk_format)f,
                             lang == PK_LANG_VI ? PK_LANG_EN : PK_LANG_VI, 0,
                             &sum);
        }
    }
    pk_report_free(report);
    /* keeps sum alive without printing it */
    if (sum == (size_t)-1)
        abort();
    return 0;
}
