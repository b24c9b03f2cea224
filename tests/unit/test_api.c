/*
 * test_api.c - the public API's conventions: the version, error names,
 * freeing NULL, bad arguments (PK_EINVAL with a message), enumeration
 * names, the language of a locale, versioned option structs, reading from
 * files; and one engine shared by several threads giving the same reports
 * as a sequential run.
 */
#include <check.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

#include "options.h"

#ifndef PK_SOURCE_ROOT
#define PK_SOURCE_ROOT "."
#endif

#define EXAMPLES PK_SOURCE_ROOT "/examples"
#define NEAR_MISS EXAMPLES "/near-miss.xml"

/* ------------------------------------------------------------------------
 * Version and errors
 * ------------------------------------------------------------------------ */

START_TEST(test_version)
{
    char want[64];
    unsigned a, b, c;
    char tail;

    ck_assert_ptr_nonnull(pk_version());
    ck_assert_str_eq(pk_version(), PK_VERSION_STRING);
    snprintf(want, sizeof want, "%d.%d.%d", PK_VERSION_MAJOR, PK_VERSION_MINOR,
             PK_VERSION_PATCH);
    ck_assert_str_eq(pk_version(), want);
    ck_assert_int_eq(sscanf(pk_version(), "%u.%u.%u%c", &a, &b, &c, &tail), 3);
    ck_assert_uint_eq(a, PK_VERSION_MAJOR);
    ck_assert_uint_eq(b, PK_VERSION_MINOR);
    ck_assert_uint_eq(c, PK_VERSION_PATCH);
    /* The integer says the same as the string, and orders versions. */
    ck_assert_uint_eq(pk_version_number(), PK_VERSION_NUMBER);
    ck_assert_uint_eq(pk_version_number(), (a << 16) | (b << 8) | c);
    ck_assert_uint_lt(PK_VERSION_ENCODE(0, 9, 9), PK_VERSION_ENCODE(1, 0, 0));
    ck_assert_uint_lt(PK_VERSION_ENCODE(1, 2, 3), PK_VERSION_ENCODE(1, 3, 0));
#if PK_VERSION_NUMBER < PK_VERSION_ENCODE(0, 1, 0)
    ck_abort_msg("PK_VERSION_NUMBER does not compare in #if");
#endif
}
END_TEST

START_TEST(test_strerror)
{
    const char *names[14];

    for (int code = PK_OK; code >= PK_ERANGE; code--) {
        const char *s = pk_strerror(code);
        ck_assert_ptr_nonnull(s);
        ck_assert_msg(s[0] != '\0', "code %d has an empty name", code);
        ck_assert_msg(strcmp(s, "unknown error") != 0, "code %d is not named",
                      code);
        names[-code] = s;
        for (int other = PK_OK; other > code; other--)
            ck_assert_msg(strcmp(names[-other], s) != 0,
                          "codes %d and %d are both \"%s\"", other, code, s);
    }
    ck_assert_int_eq(PK_ERANGE, -13); /* fixed numbers */
    ck_assert_int_eq(PK_ERULES, -11);
    ck_assert_int_eq(PK_EDOCTYPE, -7);
    ck_assert_str_eq(pk_strerror(1), "unknown error");
    ck_assert_str_eq(pk_strerror(PK_ERANGE - 1), "unknown error");
    ck_assert_str_eq(pk_strerror(-100), "unknown error");
    ck_assert_str_eq(pk_strerror(INT_MIN), "unknown error");
    ck_assert_str_eq(pk_strerror(INT_MAX), "unknown error");
}
END_TEST

START_TEST(test_free_null)
{
    pk_engine_free(NULL);
    pk_dossier_free(NULL);
    pk_report_free(NULL);
    pk_writer_free(NULL);
    ck_assert_uint_eq(pk_engine_pack_count(NULL), 0);
}
END_TEST

/* ------------------------------------------------------------------------
 * Bad arguments
 * ------------------------------------------------------------------------ */

static int write_nothing(void *userdata, const char *data, size_t len)
{
    (void)userdata;
    (void)data;
    (void)len;
    return 0;
}

/* Evaluates call with a fresh err: PK_EINVAL, and err says so. Then the
 * same call with err NULL must not crash. */
#define EXPECT_EINVAL(call_err, call_null)                                     \
    do {                                                                       \
        pk_error err_;                                                         \
        int rc_;                                                               \
        memset(&err_, 0, sizeof err_);                                         \
        {                                                                      \
            pk_error *err = &err_;                                             \
            rc_ = (call_err);                                                  \
        }                                                                      \
        ck_assert_msg(rc_ == PK_EINVAL, "%s: %d", #call_err, rc_);             \
        ck_assert_msg(err_.code == PK_EINVAL, "%s: err.code %d", #call_err,    \
                      err_.code);                                              \
        ck_assert_msg(err_.message[0] != '\0', "%s: no message", #call_err);   \
        ck_assert_int_eq((call_null), PK_EINVAL);                              \
    } while (0)

START_TEST(test_null_arguments)
{
    static const char xml[] = "<dossier format=\"1\" kind=\"establishment\" "
                              "submitted=\"2024-06-01\"/>";
    pk_engine *e = NULL;
    pk_dossier *d = NULL;
    pk_report *r = NULL;
    pk_writer *w = NULL;
    pk_format f;
    pk_error err0;

    ck_assert_int_eq(pk_engine_new(&e, NULL, &err0), PK_OK);
    ck_assert_int_eq(
        pk_dossier_read_memory(&d, e, "x", xml, strlen(xml), &err0), PK_OK);

    EXPECT_EINVAL(pk_engine_new(NULL, NULL, err),
                  pk_engine_new(NULL, NULL, NULL));
    EXPECT_EINVAL(
        pk_engine_new_from_path(NULL, PK_SOURCE_ROOT "/rules", NULL, err),
        pk_engine_new_from_path(NULL, PK_SOURCE_ROOT "/rules", NULL, NULL));
    {
        pk_engine *e2 = NULL;
        EXPECT_EINVAL(pk_engine_new_from_path(&e2, NULL, NULL, err),
                      pk_engine_new_from_path(&e2, NULL, NULL, NULL));
        EXPECT_EINVAL(pk_engine_new_from_memory(NULL, "m", "x", 1, NULL, err),
                      pk_engine_new_from_memory(NULL, "m", "x", 1, NULL, NULL));
        EXPECT_EINVAL(pk_engine_new_from_memory(&e2, "m", NULL, 0, NULL, err),
                      pk_engine_new_from_memory(&e2, "m", NULL, 0, NULL, NULL));
        ck_assert_ptr_null(e2);
    }

    EXPECT_EINVAL(pk_dossier_read_memory(NULL, e, "x", xml, strlen(xml), err),
                  pk_dossier_read_memory(NULL, e, "x", xml, strlen(xml), NULL));
    {
        /* a failing constructor sets its output to NULL (parkcheck.h) */
        pk_dossier *d1 = (pk_dossier *)&e;
        EXPECT_EINVAL(
            pk_dossier_read_memory(&d1, NULL, "x", xml, strlen(xml), err),
            pk_dossier_read_memory(&d1, NULL, "x", xml, strlen(xml), NULL));
        ck_assert_ptr_null(d1);
    }
    {
        pk_dossier *d2 = NULL;
        EXPECT_EINVAL(pk_dossier_read_memory(&d2, e, "x", NULL, 5, err),
                      pk_dossier_read_memory(&d2, e, "x", NULL, 5, NULL));
        EXPECT_EINVAL(pk_dossier_read_file(NULL, e, NEAR_MISS, err),
                      pk_dossier_read_file(NULL, e, NEAR_MISS, NULL));
        EXPECT_EINVAL(pk_dossier_read_file(&d2, NULL, NEAR_MISS, err),
                      pk_dossier_read_file(&d2, NULL, NEAR_MISS, NULL));
        EXPECT_EINVAL(pk_dossier_read_file(&d2, e, NULL, err),
                      pk_dossier_read_file(&d2, e, NULL, NULL));
        ck_assert_ptr_null(d2);
    }

    EXPECT_EINVAL(pk_evaluate(NULL, e, d, NULL, err),
                  pk_evaluate(NULL, e, d, NULL, NULL));
    EXPECT_EINVAL(pk_evaluate(&r, NULL, d, NULL, err),
                  pk_evaluate(&r, NULL, d, NULL, NULL));
    EXPECT_EINVAL(pk_evaluate(&r, e, NULL, NULL, err),
                  pk_evaluate(&r, e, NULL, NULL, NULL));
    EXPECT_EINVAL(pk_check_file(NULL, e, NEAR_MISS, NULL, err),
                  pk_check_file(NULL, e, NEAR_MISS, NULL, NULL));
    EXPECT_EINVAL(pk_check_file(&r, NULL, NEAR_MISS, NULL, err),
                  pk_check_file(&r, NULL, NEAR_MISS, NULL, NULL));
    EXPECT_EINVAL(pk_check_file(&r, e, NULL, NULL, err),
                  pk_check_file(&r, e, NULL, NULL, NULL));
    EXPECT_EINVAL(pk_check_memory(NULL, e, "x", xml, strlen(xml), NULL, err),
                  pk_check_memory(NULL, e, "x", xml, strlen(xml), NULL, NULL));
    EXPECT_EINVAL(pk_check_memory(&r, NULL, "x", xml, strlen(xml), NULL, err),
                  pk_check_memory(&r, NULL, "x", xml, strlen(xml), NULL, NULL));
    EXPECT_EINVAL(pk_check_memory(&r, e, "x", NULL, 3, NULL, err),
                  pk_check_memory(&r, e, "x", NULL, 3, NULL, NULL));
    ck_assert_ptr_null(r);

    EXPECT_EINVAL(
        pk_writer_new(NULL, e, write_nothing, NULL,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_EN},
                      err),
        pk_writer_new(NULL, e, write_nothing, NULL,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_EN},
                      NULL));
    EXPECT_EINVAL(
        pk_writer_new(&w, e, NULL, NULL,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_EN},
                      err),
        pk_writer_new(&w, e, NULL, NULL,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_EN},
                      NULL));
    ck_assert_ptr_null(w);
    EXPECT_EINVAL(pk_writer_finish(NULL, err), pk_writer_finish(NULL, NULL));
    ck_assert_int_eq(pk_format_from_name(NULL, &f), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name("text", NULL), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name("xml", &f), PK_EINVAL);

    /* a comparison needs somewhere to go */
    ck_assert_int_eq(pk_evaluate(&r, e, d, NULL, &err0), PK_OK);
    ck_assert_uint_gt(pk_report_result_count(r), 0);
    ck_assert_int_eq(pk_result_comparison(pk_report_result(r, 0), NULL),
                     PK_EINVAL);
    ck_assert_int_eq(pk_result_comparison_value(NULL, NULL, NULL), PK_EINVAL);
    ck_assert_ptr_null(pk_result_comparison_text(NULL, PK_LANG_VI));
    pk_report_free(r);

    pk_dossier_free(d);
    pk_engine_free(e);
}
END_TEST

/* ------------------------------------------------------------------------
 * Comparisons, the score and the regime notice
 * ------------------------------------------------------------------------ */

#define CASES PK_SOURCE_ROOT "/tests/cases/"

static pk_report *check_case(pk_engine *e, const char *name)
{
    char path[1024];
    pk_report *r = NULL;
    pk_error err;

    snprintf(path, sizeof path, CASES "%s/dossier.xml", name);
    ck_assert_int_eq(tc_check_dossier(&r, e, path, NULL, &err), PK_OK);
    return r;
}

static const pk_result *rule(const pk_report *r, const char *id)
{
    for (size_t i = 0; i < pk_report_result_count(r); i++)
        if (strcmp(pk_result_id(pk_report_result(r, i)), id) == 0)
            return pk_report_result(r, i);
    ck_abort_msg("no rule %s", id);
    return NULL;
}

START_TEST(test_comparison_typed)
{
    pk_engine *e = NULL;
    pk_report *r;
    pk_error err;
    pk_comparison c;
    pk_value_info v, req;
    const pk_result *res;

    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);

    /* a yes/no: false read, true required; no number anywhere */
    r = check_case(e, "cmp-yes-no-fail-says-no-required-yes");
    res = rule(r, "art9.1.a-master-plan");
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_str_eq(c.fact, "master_plan_included");
    ck_assert_ptr_null(c.param);
    ck_assert_str_eq(c.op, "eq");
    ck_assert(isnan(c.value) && isnan(c.threshold) && isnan(c.shortfall));
    ck_assert_int_eq(pk_result_comparison_value(res, &v, &req), PK_OK);
    ck_assert_str_eq(v.id, "master_plan_included");
    ck_assert_int_eq(v.kind, PK_VALUE_BOOL);
    ck_assert_int_eq(v.boolean, 0);
    ck_assert_int_eq(req.kind, PK_VALUE_BOOL);
    ck_assert_int_eq(req.boolean, 1);
    ck_assert_str_eq(pk_result_comparison_text(res, PK_LANG_VI),
                     "Khu có trong quy hoạch tổng thể phát triển khu CNTT "
                     "tập trung đã được phê duyệt hay không: không · Yêu "
                     "cầu: có");
    ck_assert_str_eq(pk_result_comparison_text(res, PK_LANG_EN),
                     "Whether the park is in the approved master plan of "
                     "concentrated IT parks: no · Required: yes");
    /* either side may be left out; the text is kept */
    ck_assert_int_eq(pk_result_comparison_value(res, NULL, &req), PK_OK);
    ck_assert_int_eq(pk_result_comparison_value(res, &v, NULL), PK_OK);
    ck_assert_ptr_eq(pk_result_comparison_text(res, PK_LANG_EN),
                     pk_result_comparison_text(res, PK_LANG_EN));
    pk_report_free(r);

    /* a set: the documents read, the one required */
    r = check_case(e, "cmp-set-document-missing-lists-what-was-read");
    res = rule(r, "doc-scheme");
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_str_eq(c.op, "contains");
    ck_assert_int_eq(pk_result_comparison_value(res, &v, &req), PK_OK);
    ck_assert_int_eq(v.kind, PK_VALUE_SET);
    ck_assert_str_eq(v.text, "submission eia-approval eia-report");
    ck_assert_int_eq(req.kind, PK_VALUE_SET);
    ck_assert_str_eq(req.text, "scheme");
    ck_assert_ptr_nonnull(strstr(pk_result_comparison_text(res, PK_LANG_VI),
                                 " · Yêu cầu: có đề án"));
    pk_report_free(r);

    /* a number: as before */
    r = check_case(e, "cmp-number-shortfall-unchanged");
    res = rule(r, "art5.2-it-workers");
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_str_eq(c.op, "ge");
    ck_assert_str_eq(c.param, "it_workers_min");
    ck_assert_double_eq(c.value, 1850);
    ck_assert_double_eq(c.threshold, 2000);
    ck_assert_double_eq(c.shortfall, 150);
    ck_assert_int_eq(pk_result_comparison_value(res, &v, &req), PK_OK);
    ck_assert_int_eq(v.kind, PK_VALUE_NUMBER);
    ck_assert_double_eq(v.number, 1850);
    ck_assert_int_eq(req.kind, PK_VALUE_NUMBER);
    ck_assert_str_eq(req.id, "it_workers_min");
    ck_assert_double_eq(req.number, 2000);
    pk_report_free(r);
    pk_engine_free(e);

    /* under <not>: "not > 1000" is quoted as "<= 1000", failing by 1400 */
    ck_assert_int_eq(
        pk_engine_new_from_path(&e,
                                CASES "cmp-pack-message-quotes-yes-no-in-words/"
                                      "rules.xml",
                                NULL, &err),
        PK_OK);
    r = check_case(e, "cmp-pack-message-quotes-yes-no-in-words");
    res = rule(r, "not-too-many");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_FAIL);
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_str_eq(c.op, "le");
    ck_assert_double_eq(c.value, 2400);
    ck_assert_double_eq(c.threshold, 1000);
    ck_assert_double_eq(c.shortfall, 1400);
    pk_report_free(r);
    pk_engine_free(e);
}
END_TEST

START_TEST(test_score_and_notice)
{
    pk_engine *e = NULL;
    pk_report *r;
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    r = check_case(e, "score-invalid-dossier-has-none");
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    ck_assert(pk_report_score(r) < 0);
    ck_assert_uint_gt(pk_report_result_count(r), 0); /* rules did run */
    pk_report_free(r);
    r = check_case(e, "score-eligible-is-100");
    ck_assert_double_eq(pk_report_score(r), 100);
    ck_assert_str_eq(pk_report_notice(r, PK_LANG_EN), "");
    pk_report_free(r);
    /* A 2026 dossier checked under Decree 154/2013 on request carries
     * the pack's notice and the superseded mark. */
    ck_assert_int_eq(pk_engine_select_pack(e, "nd154-2013", &err), PK_OK);
    r = check_case(e, "regime-2026-forced-decree-154-marked-superseded");
    ck_assert_ptr_nonnull(
        strstr(pk_report_notice(r, PK_LANG_VI), "Nghị định 154/2013/NĐ-CP"));
    ck_assert_ptr_nonnull(
        strstr(pk_report_notice(r, PK_LANG_EN), "Decree 154/2013/ND-CP"));
    ck_assert_int_eq(pk_report_regime(r), PK_REGIME_SUPERSEDED);
    pk_report_free(r);
    pk_engine_free(e);
}
END_TEST

/* Provenance getters on a provisional pack, the names of the levels and
 * regimes, and choosing a pack by id. */
START_TEST(test_provenance)
{
    static const char *const name =
        "provenance-provisional-pack-least-sure-threshold-decides";
    pk_engine *e = NULL;
    pk_report *r;
    pk_error err;
    const pk_rule *plan;

    ck_assert_str_eq(pk_provenance_name(PK_PROVENANCE_OFFICIAL), "official");
    ck_assert_str_eq(pk_provenance_name(PK_PROVENANCE_PRESS_CONSISTENT),
                     "press-consistent");
    ck_assert_str_eq(pk_provenance_name(PK_PROVENANCE_PRESS_SINGLE),
                     "press-single");
    ck_assert_str_eq(pk_provenance_name(PK_PROVENANCE_UNSTATED), "unstated");
    ck_assert_str_eq(pk_provenance_name((pk_provenance)9), "");
    ck_assert_str_eq(pk_provenance_label((pk_provenance)9, PK_LANG_EN), "");
    ck_assert_str_eq(pk_regime_name(PK_REGIME_SUPERSEDED), "superseded");
    ck_assert_str_eq(pk_regime_name(PK_REGIME_NOT_YET), "not-yet-in-force");
    ck_assert_str_eq(pk_regime_name((pk_regime)7), "");
    ck_assert_int_eq(pk_report_regime(NULL), PK_REGIME_IN_FORCE);
    ck_assert_int_eq(pk_report_provisional(NULL), 0);
    ck_assert_uint_eq(pk_report_unchecked_count(NULL), 0);
    ck_assert_int_eq(pk_rule_provenance(NULL), PK_PROVENANCE_UNSTATED);
    ck_assert_int_eq(pk_engine_select_pack(NULL, "x", &err), PK_EINVAL);

    ck_assert_int_eq(
        pk_engine_new_from_path(&e,
                                CASES "provenance-provisional"
                                      "-pack-least-sure-threshold-decides"
                                      "/rules.xml",
                                NULL, &err),
        PK_OK);
    ck_assert_int_eq(pk_engine_pack_provisional(e, 0), 1);
    ck_assert_int_eq(pk_engine_pack_provisional(e, 1), 0);
    ck_assert_ptr_nonnull(strstr(
        pk_engine_pack_provisional_text(e, 0, PK_LANG_EN), "not available"));
    plan = pk_engine_find_rule(e, "plan", NULL);
    ck_assert_int_eq(pk_rule_provenance(plan), PK_PROVENANCE_PRESS_CONSISTENT);
    ck_assert_str_eq(pk_rule_provenance_source(plan, PK_LANG_EN),
                     "several consistent reports");
    r = check_case(e, name);
    ck_assert_int_eq(pk_report_provisional(r), 1);
    ck_assert_int_eq(pk_report_regime(r), PK_REGIME_IN_FORCE);
    ck_assert_str_eq(pk_report_regime_text(r, PK_LANG_VI), "");
    ck_assert_int_eq(pk_result_provenance(rule(r, "workers")),
                     PK_PROVENANCE_PRESS_SINGLE);
    ck_assert_str_eq(
        pk_result_provenance_source(rule(r, "workers"), PK_LANG_VI),
        "một bản tin pháp luật");
    /* the expansion-only item is not this establishment's */
    ck_assert_uint_eq(pk_report_unchecked_count(r), 1);
    ck_assert_str_eq(pk_report_unchecked_id(r, 0), "share");
    ck_assert_ptr_null(pk_report_unchecked_id(r, 1));
    ck_assert_str_eq(pk_report_unchecked_citation_text(r, 0, PK_LANG_VI),
                     "Điều 5 khoản 2");
    ck_assert_ptr_nonnull(
        strstr(pk_report_unchecked_reason(r, PK_LANG_EN), "not yet available"));
    pk_report_free(r);

    ck_assert_int_eq(pk_engine_select_pack(e, "no-such-pack", &err), PK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "prov-toy"));
    ck_assert_int_eq(pk_engine_select_pack(e, "prov-toy", &err), PK_OK);
    ck_assert_int_eq(pk_engine_select_pack(e, NULL, &err), PK_OK);
    pk_engine_free(e);
}
END_TEST

/* ------------------------------------------------------------------------
 * Names and languages
 * ------------------------------------------------------------------------ */

START_TEST(test_names)
{
    ck_assert_str_eq(pk_status_name(PK_STATUS_PASS), "pass");
    ck_assert_str_eq(pk_status_name(PK_STATUS_FAIL), "fail");
    ck_assert_str_eq(pk_status_name(PK_STATUS_UNKNOWN), "unknown");
    ck_assert_str_eq(pk_status_name(PK_STATUS_NOT_APPLICABLE),
                     "not-applicable");
    ck_assert_str_eq(pk_status_name(PK_STATUS_ERROR), "error");
    ck_assert_str_eq(pk_verdict_name(PK_VERDICT_ELIGIBLE), "eligible");
    ck_assert_str_eq(pk_verdict_name(PK_VERDICT_INCOMPLETE), "incomplete");
    ck_assert_str_eq(pk_verdict_name(PK_VERDICT_NOT_ELIGIBLE), "not-eligible");
    ck_assert_str_eq(pk_verdict_name(PK_VERDICT_INVALID), "invalid");
    ck_assert_str_eq(pk_category_name(PK_CATEGORY_CRITERION), "criterion");
    ck_assert_str_eq(pk_category_name(PK_CATEGORY_DOCUMENT), "document");
    ck_assert_str_eq(pk_severity_name(PK_SEVERITY_MANDATORY), "mandatory");
    ck_assert_str_eq(pk_severity_name(PK_SEVERITY_ADVISORY), "advisory");
    /* the verdicts are ordered from best to worst, as exit statuses are */
    ck_assert_int_eq(PK_VERDICT_ELIGIBLE, 0);
    ck_assert_int_eq(PK_VERDICT_INCOMPLETE, 1);
    ck_assert_int_eq(PK_VERDICT_NOT_ELIGIBLE, 2);
    ck_assert_int_eq(PK_VERDICT_INVALID, 3);
}
END_TEST

/* The regime's words come from the format description: units and the
 * title of a report, with the rules the writers follow for the rest. */
START_TEST(test_regime_words)
{
    pk_engine *e;
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    ck_assert_str_eq(pk_engine_unit_word(e, "m2", PK_LANG_EN), "m²");
    ck_assert_str_eq(pk_engine_unit_word(e, "people", PK_LANG_VI), "người");
    ck_assert_str_eq(pk_engine_unit_word(e, "people", PK_LANG_EN), "people");
    /* a unit listed with empty words stands bare; one not listed is
     * written as named; no unit, no word */
    ck_assert_str_eq(pk_engine_unit_word(e, "count", PK_LANG_EN), "");
    ck_assert_str_eq(pk_engine_unit_word(e, "furlong", PK_LANG_VI), "furlong");
    ck_assert_str_eq(pk_engine_unit_word(e, NULL, PK_LANG_VI), "");
    ck_assert_ptr_nonnull(pk_engine_report_title(e, PK_LANG_VI));
    ck_assert_ptr_nonnull(pk_engine_report_title(e, PK_LANG_EN));
    ck_assert_ptr_null(pk_engine_report_title(NULL, PK_LANG_EN));
    ck_assert_str_eq(pk_engine_unit_word(NULL, "m2", PK_LANG_EN), "m2");
    {
        const pk_citation c = {9, 1, "c"};
        char buf[64];

        ck_assert_uint_eq(
            pk_engine_citation_format(e, &c, PK_LANG_VI, buf, sizeof buf),
            strlen("Điều 9 khoản 1 điểm c"));
        ck_assert_str_eq(buf, "Điều 9 khoản 1 điểm c");
        pk_engine_citation_format(e, &c, PK_LANG_EN, buf, sizeof buf);
        ck_assert_str_eq(buf, "Art. 9(1)(c)");
        /* no engine: the built-in format's words */
        pk_engine_citation_format(NULL, &c, PK_LANG_EN, buf, sizeof buf);
        ck_assert_str_eq(buf, "Art. 9(1)(c)");
        /* a caller's point that fills its array, with no NUL, is read
         * up to the array's end and no further */
        {
            const pk_citation full = {
                1, 2, {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}};
            ck_assert_uint_eq(
                pk_citation_format(&full, PK_LANG_EN, buf, sizeof buf),
                strlen("Art. 1(2)(abcdefgh)"));
            ck_assert_str_eq(buf, "Art. 1(2)(abcdefgh)");
        }
    }
    pk_engine_free(e);
}
END_TEST

/* A rules directory that holds a dossier format description reads its
 * dossiers through it: the engine knows nothing of the regime but what the
 * files say. A second description, or a broken one, makes the directory
 * unusable. */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[4096];
    size_t n;

    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    ck_assert_int_eq(fclose(out), 0);
}

START_TEST(test_format_from_directory)
{
    const char *toy = PK_SOURCE_ROOT "/tests/regime-toy";
    char dir[] = "/tmp/pk-format-XXXXXX", path[PATH_MAX];
    pk_engine *e;
    pk_report *r;
    pk_error err;
    FILE *f;

    ck_assert_int_eq(pk_engine_new_from_path(&e, toy, NULL, &err), PK_OK);
    ck_assert_str_eq(pk_engine_pack_id(e, 0), "toy-incubator");
    ck_assert_str_eq(pk_engine_unit_word(e, "sqm", PK_LANG_EN),
                     "square metres");
    ck_assert_str_eq(pk_engine_report_title(e, PK_LANG_EN),
                     "Software incubator applications: review report");
    ck_assert_str_eq(pk_engine_word(e, "verdict:eligible", PK_LANG_EN),
                     "ADMITTED");
    {
        /* the toy cites its charter its own way; without an engine, a
         * citation is written as the built-in format writes it */
        const pk_citation c = {2, 1, "b"};
        char buf[64];

        pk_engine_citation_format(e, &c, PK_LANG_VI, buf, sizeof buf);
        ck_assert_str_eq(buf, "Mục 2.1 ý b");
        pk_engine_citation_format(e, &c, PK_LANG_EN, buf, sizeof buf);
        ck_assert_str_eq(buf, "Section 2.1(b)");
        pk_citation_format(&c, PK_LANG_VI, buf, sizeof buf);
        ck_assert_str_eq(buf, "Điều 2 khoản 1 điểm b");
    }
    ck_assert_int_eq(pk_check_file(&r, e,
                                   PK_SOURCE_ROOT
                                   "/tests/regime-toy/dossiers/short.xml",
                                   NULL, &err),
                     PK_OK);
    ck_assert_str_eq(pk_report_kind(r), "admission");
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_NOT_ELIGIBLE);
    pk_report_free(r);
    /* the built-in format is not the toy's: its dossiers are refused */
    ck_assert_int_eq(
        pk_check_file(&r, e, EXAMPLES "/near-miss.xml", NULL, &err), PK_OK);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
    pk_engine_free(e);

    /* two descriptions in one directory: which one is meant is unclear */
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a-format.xml", dir);
    copy_file(PK_SOURCE_ROOT "/tests/regime-toy/format.xml", path);
    snprintf(path, sizeof path, "%s/b-format.xml", dir);
    copy_file(PK_SOURCE_ROOT "/tests/regime-toy/format.xml", path);
    snprintf(path, sizeof path, "%s/toy.xml", dir);
    copy_file(PK_SOURCE_ROOT "/tests/regime-toy/toy.xml", path);
    ck_assert_int_eq(pk_engine_new_from_path(&e, dir, NULL, &err), PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_ptr_nonnull(strstr(err.message, "second dossier format"));
    /* a broken one is reported where it breaks */
    snprintf(path, sizeof path, "%s/b-format.xml", dir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("<dossier-format version=\"1\">\n  <words><unit/></words>\n"
          "</dossier-format>\n",
          f);
    ck_assert_int_eq(fclose(f), 0);
    snprintf(path, sizeof path, "%s/a-format.xml", dir);
    ck_assert_int_eq(remove(path), 0);
    ck_assert_int_eq(pk_engine_new_from_path(&e, dir, NULL, &err), PK_ERULES);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "<unit> needs a name"));
    for (const char *const *n =
             (const char *const[]){"b-format.xml", "toy.xml", NULL};
         *n != NULL; n++) {
        snprintf(path, sizeof path, "%s/%s", dir, *n);
        ck_assert_int_eq(remove(path), 0);
    }
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_lang_from_locale)
{
    static const struct {
        const char *locale;
        pk_lang lang;
    } cases[] = {
        {"vi", PK_LANG_VI},
        {"vi_VN.UTF-8", PK_LANG_VI},
        {"vi_VN", PK_LANG_VI},
        {"vi_VN.utf8", PK_LANG_VI},
        {"vi.UTF-8", PK_LANG_VI},
        {"vi@latin", PK_LANG_VI},
        {"en_US.UTF-8", PK_LANG_EN},
        {"C", PK_LANG_EN},
        {"POSIX", PK_LANG_EN},
        {"C.UTF-8", PK_LANG_EN},
        {"", PK_LANG_EN},
        {"v", PK_LANG_EN},
        {"vim", PK_LANG_EN},
        {"VI_VN", PK_LANG_EN},
        {"fr_FR.UTF-8", PK_LANG_EN},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(pk_lang_from_locale(cases[i].locale) == cases[i].lang,
                      "\"%s\"", cases[i].locale);
    ck_assert_int_eq(pk_lang_from_locale(NULL), PK_LANG_EN);
}
END_TEST

/* ------------------------------------------------------------------------
 * Versioned options
 * ------------------------------------------------------------------------ */

START_TEST(test_engine_options_version)
{
    static const unsigned bad[] = {0, PK_ENGINE_OPTIONS_VERSION + 1, 1000};
    static const char pack[] = "<rulepack/>";

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
        pk_engine *e = NULL;
        pk_error err;

        o.version = bad[i];
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(pk_engine_new(&e, &o, &err), PK_EINVAL);
        ck_assert_ptr_null(e);
        ck_assert_int_eq(err.code, PK_EINVAL);
        ck_assert_ptr_nonnull(strstr(err.message, "version"));
        ck_assert_int_eq(
            pk_engine_new_from_path(&e, PK_SOURCE_ROOT "/rules", &o, &err),
            PK_EINVAL);
        ck_assert_int_eq(
            pk_engine_new_from_memory(&e, "p", pack, strlen(pack), &o, &err),
            PK_EINVAL);
        ck_assert_ptr_null(e);
    }
    {
        pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
        pk_engine *e = NULL;
        pk_error err;
        ck_assert_uint_eq(o.version, PK_ENGINE_OPTIONS_VERSION);
        ck_assert_int_eq(pk_engine_new(&e, &o, &err), PK_OK);
        pk_engine_free(e);
    }
}
END_TEST

/* pk_eval_options has a version like pk_engine_options: a wrong one is a
 * bad argument, not something to read as if it were the current layout. */
START_TEST(test_eval_options_version)
{
    static const char xml[] = "<dossier format=\"1\" kind=\"establishment\" "
                              "submitted=\"2024-06-01\"/>";
    pk_eval_options o = PK_EVAL_OPTIONS_INIT;
    pk_engine *e = NULL;
    pk_report *r = NULL;
    pk_error err;
    int rc;

    ck_assert_uint_eq(o.version, PK_EVAL_OPTIONS_VERSION);
    ck_assert_ptr_null(o.as_of);
    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    o.version = PK_EVAL_OPTIONS_VERSION + 1;
    memset(&err, 0, sizeof err);
    rc = pk_check_memory(&r, e, "x", xml, strlen(xml), &o, &err);
    pk_report_free(r);
    pk_engine_free(e);
    ck_assert_msg(rc == PK_EINVAL,
                  "pk_eval_options version %u accepted (rc %d)", o.version, rc);
    ck_assert_int_eq(err.code, PK_EINVAL);
}
END_TEST

/* What a program built against an older header passes: the struct of a
 * version with fewer fields. Two layouts stand for versions 1 and 2 of
 * one options struct, the second grown at its end by a field more aligned
 * than the first's tail; the library's table gives each version's end. */
typedef struct opts_v1 {
    unsigned version;
    int a;
    char c;
} opts_v1;
typedef struct opts_v2 {
    unsigned version;
    int a;
    char c;
    double b;
    const char *s;
} opts_v2;

START_TEST(test_options_older_version)
{
    static const size_t sizes[] = {
        PK_OPTIONS_END(opts_v2, c), /* 1 */
        PK_OPTIONS_END(opts_v2, s), /* 2 */
    };
    const opts_v2 defaults = {2, 10, 'd', 2.5, "default"};
    opts_v1 old = {1, 7, 'x'};
    opts_v2 cur = {2, 8, 'y', 9.5, "set"};
    opts_v2 o;
    pk_error err;

    /* Version 1's end is inside opts_v1: reading it never reads beyond
     * what an older program allocated. */
    ck_assert_uint_le(sizes[0], sizeof(opts_v1));
    o = defaults;
    ck_assert_int_eq(
        pk_options_read(&o, sizeof o, &old, sizes, 2, "opts", &err), PK_OK);
    ck_assert_int_eq(o.a, 7);
    ck_assert_int_eq(o.c, 'x');
    ck_assert(o.b == 2.5);            /* defaulted */
    ck_assert_str_eq(o.s, "default"); /* defaulted */
    o = defaults;
    ck_assert_int_eq(
        pk_options_read(&o, sizeof o, &cur, sizes, 2, "opts", &err), PK_OK);
    ck_assert_int_eq(o.a, 8);
    ck_assert(o.b == 9.5);
    ck_assert_str_eq(o.s, "set");
    /* NULL: every default. */
    o = defaults;
    ck_assert_int_eq(
        pk_options_read(&o, sizeof o, NULL, sizes, 2, "opts", &err), PK_OK);
    ck_assert_int_eq(o.a, 10);
    /* A library that knows only version 1 refuses version 2 and reads
     * nothing of it. */
    o = defaults;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(
        pk_options_read(&o, sizeof o, &cur, sizes, 1, "opts", &err), PK_EINVAL);
    ck_assert_int_eq(o.a, 10);
    ck_assert_int_eq(err.code, PK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "opts version 2 is newer"));
    ck_assert_ptr_nonnull(strstr(err.message, pk_version()));
    /* Version 0: a struct nobody initialised. */
    old.version = 0;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(
        pk_options_read(&o, sizeof o, &old, sizes, 2, "opts", &err), PK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "_INIT"));
}
END_TEST

static int write_count(void *userdata, const char *data, size_t len)
{
    (void)data;
    *(size_t *)userdata += len;
    return 0;
}

/* pk_writer_options: NULL is text in English, the oldest version (1) is
 * read, a newer one and version 0 are refused with a message that says
 * why, and nothing is written then. */
START_TEST(test_writer_options_version)
{
    static const unsigned bad[] = {0, PK_WRITER_OPTIONS_VERSION + 1, 1000};
    pk_writer_options o = PK_WRITER_OPTIONS_INIT;
    pk_engine *e = NULL;
    pk_writer *w = NULL;
    pk_error err;
    size_t n = 0;

    ck_assert_uint_eq(o.version, PK_WRITER_OPTIONS_VERSION);
    ck_assert_int_eq(o.format, PK_FORMAT_TEXT);
    ck_assert_int_eq(o.lang, PK_LANG_EN);
    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    ck_assert_int_eq(pk_writer_new(&w, e, write_count, &n, NULL, &err), PK_OK);
    pk_writer_free(w);
    o.version = 1;
    o.format = PK_FORMAT_JSON;
    ck_assert_int_eq(pk_writer_new(&w, e, write_count, &n, &o, &err), PK_OK);
    ck_assert_uint_gt(n, 0); /* the JSON head, at once */
    pk_writer_free(w);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.version = bad[i];
        n = 0;
        w = NULL;
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(pk_writer_new(&w, e, write_count, &n, &o, &err),
                         PK_EINVAL);
        ck_assert_ptr_null(w);
        ck_assert_uint_eq(n, 0);
        ck_assert_int_eq(err.code, PK_EINVAL);
        ck_assert_ptr_nonnull(strstr(err.message, "pk_writer_options version"));
        if (bad[i] != 0)
            ck_assert_ptr_nonnull(strstr(err.message, "newer"));
    }
    pk_engine_free(e);
}
END_TEST

/* pk_template_options alike: NULL is today's pack in English, version 1
 * is read, 0 and newer ones are refused. */
START_TEST(test_template_options_version)
{
    static const unsigned bad[] = {0, PK_TEMPLATE_OPTIONS_VERSION + 1, 1000};
    pk_template_options o = PK_TEMPLATE_OPTIONS_INIT;
    pk_engine *e = NULL;
    pk_error err;
    size_t n = 0;

    ck_assert_uint_eq(o.version, PK_TEMPLATE_OPTIONS_VERSION);
    ck_assert_ptr_null(o.as_of);
    ck_assert_int_eq(o.lang, PK_LANG_EN);
    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    o.as_of = "2024-06-01";
    o.version = 1;
    ck_assert_int_eq(
        pk_template_write(e, "establishment", write_count, &n, &o, &err),
        PK_OK);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        o.version = bad[i];
        n = 0;
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(
            pk_template_write(e, "establishment", write_count, &n, &o, &err),
            PK_EINVAL);
        ck_assert_uint_eq(n, 0);
        ck_assert_ptr_nonnull(
            strstr(err.message, "pk_template_options version"));
    }
    o = (pk_template_options)PK_TEMPLATE_OPTIONS_INIT;
    o.as_of = "2024-06-01";
    o.lang = (pk_lang)7;
    ck_assert_int_eq(
        pk_template_write(e, "establishment", write_count, &n, &o, &err),
        PK_EINVAL);
    pk_engine_free(e);
}
END_TEST

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

START_TEST(test_files)
{
    pk_engine *e = NULL;
    pk_report *r = NULL;
    pk_dossier *d = NULL;
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    ck_assert_int_eq(pk_check_file(&r, e, NEAR_MISS, NULL, &err), PK_OK);
    ck_assert_str_eq(pk_report_source(r), NEAR_MISS);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_NOT_ELIGIBLE);
    pk_report_free(r);

    /* a file that cannot be read is still a report */
    r = NULL;
    ck_assert_int_eq(
        pk_check_file(&r, e, EXAMPLES "/no-such-file.xml", NULL, &err), PK_OK);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_int_eq(pk_report_problem(r, 0)->code, PK_EIO);
    ck_assert_str_eq(pk_report_problem(r, 0)->source,
                     EXAMPLES "/no-such-file.xml");
    pk_report_free(r);

    /* so is a directory */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(pk_dossier_read_file(&d, e, EXAMPLES, &err), PK_EIO);
    ck_assert_ptr_null(d);
    ck_assert_int_eq(err.code, PK_EIO);
    ck_assert_str_eq(err.source, EXAMPLES);
    pk_engine_free(e);
}
END_TEST

/* ------------------------------------------------------------------------
 * Threads
 * ------------------------------------------------------------------------ */

#define THREADS 4
#define ROUNDS 20
#define MAX_FILES 64

static char *files[MAX_FILES];
static size_t nfiles;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_examples(void)
{
    DIR *dir = opendir(EXAMPLES);
    struct dirent *de;

    ck_assert_ptr_nonnull(dir);
    nfiles = 0;
    while ((de = readdir(dir)) != NULL && nfiles < MAX_FILES) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".xml") == 0) {
            size_t n = strlen(EXAMPLES) + l + 2;
            files[nfiles] = malloc(n);
            ck_assert_ptr_nonnull(files[nfiles]);
            snprintf(files[nfiles], n, "%s/%s", EXAMPLES, de->d_name);
            nfiles++;
        }
    }
    closedir(dir);
    qsort(files, nfiles, sizeof files[0], by_name);
}

static void free_examples(void)
{
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    nfiles = 0;
}

static void cat(char **s, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void cat(char **s, size_t *len, size_t *cap, const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(*s + *len, *cap - *len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < *cap - *len)
            break;
        *cap = *cap * 2 + (size_t)n;
        *s = realloc(*s, *cap);
        if (*s == NULL)
            abort();
    }
    *len += (size_t)n;
}

/* Everything a report says, as one string. */
static char *signature(const pk_report *r)
{
    size_t len = 0, cap = 1024;
    char *s = malloc(cap);

    if (s == NULL)
        abort();
    s[0] = '\0';
    cat(&s, &len, &cap, "%s %.17g %s %s %s %s %s %s|",
        pk_verdict_name(pk_report_verdict(r)), pk_report_score(r),
        pk_report_date(r), pk_report_kind(r), pk_report_pack_id(r),
        pk_report_park_name(r), pk_report_province(r),
        pk_report_notice(r, PK_LANG_VI));
    for (size_t i = 0; i < pk_report_problem_count(r); i++) {
        const pk_error *p = pk_report_problem(r, i);
        cat(&s, &len, &cap, "P%d %d %u:%u %s|",
            pk_report_problem_is_warning(r, i), p->code, p->line, p->column,
            p->message);
    }
    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);
        pk_comparison c;
        cat(&s, &len, &cap, "R %s %s %s %s %s %s|", pk_result_id(res),
            pk_status_name(pk_result_status(res)),
            pk_result_message(res, PK_LANG_VI),
            pk_result_message(res, PK_LANG_EN),
            pk_result_citation_text(res, PK_LANG_VI),
            pk_result_citation_text(res, PK_LANG_EN));
        if (pk_result_comparison(res, &c) == PK_OK) {
            pk_value_info v, q;
            pk_result_comparison_value(res, &v, &q);
            cat(&s, &len, &cap,
                "C %s %.17g %.17g %.17g %d %d %s %d %d %s "
                "%s %s|",
                c.op, c.value, c.threshold, c.shortfall, (int)v.kind, v.boolean,
                v.text ? v.text : "-", (int)q.kind, q.boolean,
                q.text ? q.text : "-",
                pk_result_comparison_text(res, PK_LANG_VI),
                pk_result_comparison_text(res, PK_LANG_EN));
        }
        for (size_t k = 0; k < pk_result_value_count(res); k++) {
            const pk_value_info *v = pk_result_value(res, k);
            cat(&s, &len, &cap, "V %s %d %.17g %s|", v->id, (int)v->kind,
                v->number, v->text ? v->text : "-");
        }
        for (size_t k = 0; k < pk_result_missing_count(res); k++)
            cat(&s, &len, &cap, "M %s|", pk_result_missing(res, k));
    }
    for (size_t i = 0; i < pk_report_article_count(r); i++) {
        const pk_article_score *a = pk_report_article(r, i);
        cat(&s, &len, &cap, "A %d %u %g %g|", a->article, a->rules, a->weight,
            a->passed_weight);
    }
    return s;
}

typedef struct worker {
    const pk_engine *engine;
    char *const *expected;
    unsigned mismatches, failures;
} worker;

static void *work(void *arg)
{
    worker *w = arg;

    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < nfiles; i++) {
            pk_report *r = NULL;
            pk_error err;
            char *sig;
            if (pk_check_file(&r, w->engine, files[i], NULL, &err) != PK_OK) {
                w->failures++;
                continue;
            }
            sig = signature(r);
            if (strcmp(sig, w->expected[i]) != 0)
                w->mismatches++;
            free(sig);
            pk_report_free(r);
        }
    return NULL;
}

START_TEST(test_threads)
{
    pk_engine *e = NULL;
    pk_error err;
    char *expected[MAX_FILES];
    pthread_t tid[THREADS];
    worker w[THREADS];
    int verdicts[4] = {0};

    list_examples();
    ck_assert_uint_ge(nfiles, 3);
    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    /* the sequential run */
    for (size_t i = 0; i < nfiles; i++) {
        pk_report *r = NULL;
        ck_assert_int_eq(pk_check_file(&r, e, files[i], NULL, &err), PK_OK);
        expected[i] = signature(r);
        verdicts[pk_report_verdict(r)]++;
        pk_report_free(r);
    }
    /* the examples are not all alike */
    ck_assert_int_gt(verdicts[PK_VERDICT_ELIGIBLE], 0);
    ck_assert_int_gt(verdicts[PK_VERDICT_NOT_ELIGIBLE], 0);

    for (int t = 0; t < THREADS; t++) {
        w[t].engine = e;
        w[t].expected = expected;
        w[t].mismatches = w[t].failures = 0;
        ck_assert_int_eq(pthread_create(&tid[t], NULL, work, &w[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        ck_assert_int_eq(pthread_join(tid[t], NULL), 0);
    for (int t = 0; t < THREADS; t++) {
        ck_assert_msg(w[t].failures == 0, "thread %d: %u failed calls", t,
                      w[t].failures);
        ck_assert_msg(w[t].mismatches == 0,
                      "thread %d: %u reports differ from the sequential run", t,
                      w[t].mismatches);
    }
    for (size_t i = 0; i < nfiles; i++)
        free(expected[i]);
    pk_engine_free(e);
    free_examples();
}
END_TEST

static Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc;

    tc = tcase_create("conventions");
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_strerror);
    tcase_add_test(tc, test_free_null);
    tcase_add_test(tc, test_null_arguments);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_lang_from_locale);
    tcase_add_test(tc, test_regime_words);
    tcase_add_test(tc, test_format_from_directory);
    tcase_add_test(tc, test_engine_options_version);
    tcase_add_test(tc, test_eval_options_version);
    tcase_add_test(tc, test_options_older_version);
    tcase_add_test(tc, test_writer_options_version);
    tcase_add_test(tc, test_template_options_version);
    tcase_add_test(tc, test_files);
    tcase_add_test(tc, test_comparison_typed);
    tcase_add_test(tc, test_score_and_notice);
    tcase_add_test(tc, test_provenance);
    suite_add_tcase(s, tc);

    tc = tcase_create("threads");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(api_suite());
}
