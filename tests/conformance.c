/*
 * The conformance suite through the library: every directory under the
 * cases folder (argv[1], or PK_CASES) holds a dossier (whole, or as a
 * change to another case's), perhaps a rule pack, and an `expect` file
 * (docs/conformance.md); each case is one Check test.
 */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

static char **cases;
static int ncases;
static const char *cases_dir;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_cases(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;

    if (d == NULL) {
        fprintf(stderr, "conformance: cannot open %s\n", dir);
        exit(2);
    }
    while ((de = readdir(d)) != NULL) {
        char path[4096];
        FILE *fp;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/expect", dir, de->d_name);
        fp = fopen(path, "r");
        if (fp == NULL)
            continue;
        fclose(fp);
        cases = realloc(cases, (size_t)(ncases + 1) * sizeof *cases);
        cases[ncases++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(cases, (size_t)ncases, sizeof *cases, by_name);
}

typedef struct problems {
    char text[8192];
    size_t len;
} problems;

static void on_problem(void *ud, const pk_error *e)
{
    problems *p = ud;
    int n = snprintf(p->text + p->len, sizeof p->text - p->len, "%u:%u %s\n",
                     e->line, e->column, e->message);
    if (n > 0 && (size_t)n < sizeof p->text - p->len)
        p->len += (size_t)n;
}

static const pk_result *find_result(const pk_report *r, const char *id)
{
    for (size_t i = 0; i < pk_report_result_count(r); i++)
        if (strcmp(pk_result_id(pk_report_result(r, i)), id) == 0)
            return pk_report_result(r, i);
    return NULL;
}

static int status_from(const char *s, pk_status *out)
{
    for (int i = 0; i <= PK_STATUS_OPEN; i++)
        if (strcmp(pk_status_name((pk_status)i), s) == 0) {
            *out = (pk_status)i;
            return 1;
        }
    return 0;
}

/* Checks one `error:`/`warning:` statement (`error-vi:`/`warning-vi:`
 * with lang PK_LANG_VI) against the report. */
static void check_problem(const pk_report *r, int warning, pk_lang lang,
                          const char *arg, const char *where)
{
    unsigned line, col;
    int n = 0;
    const char *text;

    ck_assert_msg(sscanf(arg, "%u:%u %n", &line, &col, &n) == 2 && n > 0,
                  "%s: malformed statement '%s'", where, arg);
    text = arg + n;
    for (size_t i = 0; i < pk_report_problem_count(r); i++) {
        const pk_error *e = pk_report_problem(r, i);
        /* the text may be quoted from either language's wording */
        if (pk_report_problem_is_warning(r, i) == warning && e->line == line &&
            e->column == col &&
            (strstr(pk_report_problem_text(r, i, lang), text) != NULL ||
             (lang == PK_LANG_EN &&
              strstr(pk_report_problem_text(r, i, PK_LANG_VI), text) != NULL)))
            return;
    }
    {
        char all[4096] = "";
        for (size_t i = 0; i < pk_report_problem_count(r); i++) {
            const pk_error *e = pk_report_problem(r, i);
            size_t l = strlen(all);
            snprintf(all + l, sizeof all - l, "\n  %u:%u %s", e->line,
                     e->column, pk_report_problem_text(r, i, lang));
        }
        ck_abort_msg("%s: no %s at %u:%u containing '%s'; problems:%s", where,
                     warning ? "warning" : "error", line, col, text, all);
    }
}

/* A typed value as compact JSON, as `comparison-typed:` writes it. */
static void typed_json(const pk_value_info *v, char *out, size_t size)
{
    size_t n = 0;
    const char *p;

    switch (v->kind) {
    case PK_VALUE_NUMBER:
        snprintf(out, size, "%.15g", v->number);
        return;
    case PK_VALUE_BOOL:
        snprintf(out, size, "%s", v->boolean ? "true" : "false");
        return;
    case PK_VALUE_TEXT:
        snprintf(out, size, "\"%s\"", v->text != NULL ? v->text : "");
        return;
    case PK_VALUE_SET:
        n += (size_t)snprintf(out + n, size - n, "[");
        for (p = v->text != NULL ? v->text : ""; *p != '\0' && n < size;) {
            size_t k = strcspn(p, " ");
            if (k > 0)
                n += (size_t)snprintf(out + n, size - n, "%s\"%.*s\"",
                                      out[n - 1] == '[' ? "" : ",", (int)k, p);
            p += k + (p[k] == ' ');
        }
        if (n < size)
            snprintf(out + n, size - n, "]");
        return;
    case PK_VALUE_INVALID:
        snprintf(out, size, "{\"invalid\":true}");
        return;
    default:
        snprintf(out, size, "null");
        return;
    }
}

START_TEST(test_case)
{
    const char *name = cases[_i];
    char dir[2048], path[2048 + 64], line[2048];
    FILE *fp;
    pk_engine *engine = NULL;
    pk_report *report = NULL;
    pk_error err;
    pk_eval_options opts = PK_EVAL_OPTIONS_INIT;
    pk_engine_options eopts = PK_ENGINE_OPTIONS_INIT;
    problems probs;
    char as_of[32] = "", pack_id[64] = "";
    int proves = 0, rules_expected = 0, rc;

    memset(&probs, 0, sizeof probs);
    snprintf(dir, sizeof dir, "%s/%s", cases_dir, name);
    snprintf(path, sizeof path, "%s/expect", dir);
    fp = fopen(path, "r");
    ck_assert_msg(fp != NULL, "%s: no expect file", name);

    /* First pass: what the run needs. */
    while (fgets(line, sizeof line, fp) != NULL) {
        if (strncmp(line, "proves:", 7) == 0)
            proves++;
        else if (sscanf(line, "as-of: %31s", as_of) == 1)
            opts.as_of = as_of;
        else if (strncmp(line, "rules-error:", 12) == 0)
            rules_expected = 1;
        else if (sscanf(line, "rules: %63s", pack_id) == 1)
            continue;
    }
    ck_assert_msg(proves == 1, "%s: needs exactly one proves: line", name);

    eopts.on_problem = on_problem;
    eopts.userdata = &probs;
    snprintf(path, sizeof path, "%s/rules.xml", dir);
    {
        FILE *rf = fopen(path, "r");
        if (rf != NULL) {
            fclose(rf);
            rc = pk_engine_new_from_path(&engine, path, &eopts, &err);
        } else {
            rc = pk_engine_new(&engine, &eopts, &err);
        }
    }
    if (rules_expected) {
        ck_assert_msg(rc == PK_ERULES, "%s: the rule pack loaded (rc %d)", name,
                      rc);
    } else {
        char why[512];
        size_t len;
        int whole;
        char *data;
        ck_assert_msg(rc == PK_OK, "%s: engine: %s", name, err.message);
        if (pack_id[0] != '\0')
            ck_assert_msg(pk_engine_select_pack(engine, pack_id, &err) == 0,
                          "%s: rules: %s", name, err.message);
        data = tc_case_dossier(dir, &len, &whole, why, sizeof why);
        ck_assert_msg(data != NULL, "%s", why);
        snprintf(path, sizeof path, "%s/dossier.xml", dir);
        /* A whole dossier is read as a file, the way parkcheck reads it; a
         * change is applied in memory under the name the file would have. */
        if (whole)
            rc = pk_check_file(&report, engine, path, &opts, &err);
        else
            rc = pk_check_memory(&report, engine, path, data, len, &opts, &err);
        free(data);
        ck_assert_msg(rc == PK_OK, "%s: pk_check_%s: %s", name,
                      whole ? "file" : "memory", err.message);
    }

    rewind(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        char a[256], b[256], c[256];
        size_t l = strlen(line);
        while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        if (line[0] == '#' || line[0] == '\0' ||
            strncmp(line, "proves:", 7) == 0 ||
            strncmp(line, "as-of:", 6) == 0 || strncmp(line, "exit:", 5) == 0 ||
            strncmp(line, "rules:", 6) == 0)
            continue;
        if (strncmp(line, "rules-error: ", 13) == 0) {
            unsigned pl, pc;
            int n = 0;
            char want[64];
            ck_assert(sscanf(line + 13, "%u:%u %n", &pl, &pc, &n) == 2);
            snprintf(want, sizeof want, "%u:%u ", pl, pc);
            ck_assert_msg(strstr(probs.text, want) != NULL &&
                              strstr(probs.text, line + 13 + n) != NULL,
                          "%s: no rule-pack problem '%s'; got:\n%s", name,
                          line + 13, probs.text);
            continue;
        }
        ck_assert_msg(report != NULL, "%s: '%s' needs a report", name, line);
        if (sscanf(line, "verdict: %255s", a) == 1) {
            ck_assert_msg(
                strcmp(pk_verdict_name(pk_report_verdict(report)), a) == 0,
                "%s: verdict %s, expected %s", name,
                pk_verdict_name(pk_report_verdict(report)), a);
        } else if (sscanf(line, "status: %255s %255s", a, b) == 2) {
            const pk_result *res = find_result(report, a);
            pk_status want;
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            ck_assert_msg(status_from(b, &want), "%s: bad status %s", name, b);
            ck_assert_msg(pk_result_status(res) == want,
                          "%s: %s is %s, expected %s (%s)", name, a,
                          pk_status_name(pk_result_status(res)), b,
                          pk_result_message(res, PK_LANG_EN));
        } else if (sscanf(line, "reading: %255s %255s %255s", a, b, c) == 3) {
            /* reading: RULE READING STATUS */
            const pk_result *res = find_result(report, a);
            pk_status want;
            size_t i, n;
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            ck_assert_msg(status_from(c, &want), "%s: bad status %s", name, c);
            n = pk_result_reading_count(res);
            for (i = 0; i < n && strcmp(pk_result_reading_id(res, i), b); i++)
                ;
            ck_assert_msg(i < n, "%s: %s has no reading %s", name, a, b);
            ck_assert_msg(pk_result_reading_status(res, i) == want,
                          "%s: %s reading %s is %s, expected %s", name, a, b,
                          pk_status_name(pk_result_reading_status(res, i)), c);
        } else if (sscanf(line, "missing: %255s %255s", a, b) == 2) {
            const pk_result *res = find_result(report, a);
            int found = 0;
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            for (size_t i = 0; i < pk_result_missing_count(res); i++)
                found |= strcmp(pk_result_missing(res, i), b) == 0;
            ck_assert_msg(found, "%s: %s does not list %s as missing", name, a,
                          b);
        } else if (sscanf(line, "message: %255s %255s", a, b) == 2) {
            const pk_result *res = find_result(report, a);
            const char *text = line + 9 + strlen(a) + 1 + strlen(b) + 1;
            pk_lang lang = strcmp(b, "vi") == 0 ? PK_LANG_VI : PK_LANG_EN;
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            ck_assert_msg(strstr(pk_result_message(res, lang), text) != NULL,
                          "%s: %s message (%s) '%s' lacks '%s'", name, a, b,
                          pk_result_message(res, lang), text);
        } else if (sscanf(line, "comparison: %255s %255s", a, b) == 2) {
            const pk_result *res = find_result(report, a);
            const char *text = line + 12 + strlen(a) + 1 + strlen(b) + 1;
            pk_lang lang = strcmp(b, "vi") == 0 ? PK_LANG_VI : PK_LANG_EN;
            const char *got;
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            got = pk_result_comparison_text(res, lang);
            ck_assert_msg(got != NULL && strstr(got, text) != NULL,
                          "%s: %s comparison (%s) '%s' lacks '%s'", name, a, b,
                          got ? got : "(none)", text);
        } else if (sscanf(line, "comparison-typed: %255s %255s", a, b) == 2) {
            const pk_result *res = find_result(report, a);
            pk_comparison cmp;
            pk_value_info v, req;
            char want_v[256], want_r[256], got_v[512], got_r[512];
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            ck_assert_msg(sscanf(line, "comparison-typed: %*s %*s %255s %255s",
                                 want_v, want_r) == 2,
                          "%s: malformed statement '%s'", name, line);
            ck_assert_msg(pk_result_comparison(res, &cmp) == PK_OK &&
                              pk_result_comparison_value(res, &v, &req) ==
                                  PK_OK,
                          "%s: %s has no comparison", name, a);
            typed_json(&v, got_v, sizeof got_v);
            typed_json(&req, got_r, sizeof got_r);
            ck_assert_msg(strcmp(cmp.op, b) == 0 &&
                              strcmp(got_v, want_v) == 0 &&
                              strcmp(got_r, want_r) == 0,
                          "%s: %s compares %s %s %s, expected %s %s %s", name,
                          a, cmp.op, got_v, got_r, b, want_v, want_r);
        } else if (sscanf(line, "score: %255s", a) == 1) {
            double score = pk_report_score(report);
            if (strcmp(a, "none") == 0) {
                ck_assert_msg(score < 0, "%s: score %g, expected none", name,
                              score);
            } else {
                ck_assert_msg(score >= 0 && fabs(round(score * 100) / 100 -
                                                 strtod(a, NULL)) < 1e-9,
                              "%s: score %g, expected %s", name, score, a);
            }
        } else if (sscanf(line, "notice: %255s", a) == 1) {
            const char *text = line + 8 + strlen(a) + 1;
            const char *got;
            if (strcmp(a, "none") == 0) {
                got = pk_report_notice(report, PK_LANG_EN);
                ck_assert_msg(got[0] == '\0', "%s: a notice: %s", name, got);
            } else {
                got = pk_report_notice(
                    report, strcmp(a, "vi") == 0 ? PK_LANG_VI : PK_LANG_EN);
                ck_assert_msg(strstr(got, text) != NULL,
                              "%s: notice (%s) '%s' lacks '%s'", name, a, got,
                              text);
            }
        } else if (sscanf(line, "rulepack: %255s", a) == 1) {
            ck_assert_msg(strcmp(pk_report_pack_id(report), a) == 0,
                          "%s: checked under '%s', expected %s", name,
                          pk_report_pack_id(report), a);
        } else if (sscanf(line, "regime: %255s", a) == 1) {
            ck_assert_msg(strcmp(pk_regime_name(pk_report_regime(report)), a) ==
                              0,
                          "%s: regime %s, expected %s", name,
                          pk_regime_name(pk_report_regime(report)), a);
        } else if (sscanf(line, "regime-text: %255s", a) == 1) {
            const char *text = line + 13 + strlen(a) + 1;
            const char *got = pk_report_regime_text(
                report, strcmp(a, "vi") == 0 ? PK_LANG_VI : PK_LANG_EN);
            ck_assert_msg(strstr(got, text) != NULL,
                          "%s: regime text (%s) '%s' lacks '%s'", name, a, got,
                          text);
        } else if (sscanf(line, "provisional: %255s", a) == 1) {
            ck_assert_msg(pk_report_provisional(report) ==
                              (strcmp(a, "yes") == 0),
                          "%s: provisional %d, expected %s", name,
                          pk_report_provisional(report), a);
        } else if (sscanf(line, "provenance: %255s %255s", a, b) == 2) {
            const pk_result *res = find_result(report, a);
            ck_assert_msg(res != NULL, "%s: no rule %s", name, a);
            ck_assert_msg(
                strcmp(pk_provenance_name(pk_result_provenance(res)), b) == 0,
                "%s: %s is %s, expected %s", name, a,
                pk_provenance_name(pk_result_provenance(res)), b);
        } else if (sscanf(line, "not-checked: %255s", a) == 1) {
            size_t n = pk_report_unchecked_count(report), i;
            if (strcmp(a, "none") == 0) {
                ck_assert_msg(n == 0, "%s: %zu items not checked", name, n);
            } else {
                for (i = 0; i < n; i++)
                    if (strcmp(pk_report_unchecked_id(report, i), a) == 0)
                        break;
                ck_assert_msg(i < n, "%s: %s is not listed as not checked",
                              name, a);
            }
        } else if (strncmp(line, "error: ", 7) == 0) {
            check_problem(report, 0, PK_LANG_EN, line + 7, name);
        } else if (strncmp(line, "warning: ", 9) == 0) {
            check_problem(report, 1, PK_LANG_EN, line + 9, name);
        } else if (strncmp(line, "error-vi: ", 10) == 0) {
            check_problem(report, 0, PK_LANG_VI, line + 10, name);
        } else if (strncmp(line, "warning-vi: ", 12) == 0) {
            check_problem(report, 1, PK_LANG_VI, line + 12, name);
        } else {
            (void)c;
            ck_abort_msg("%s: unknown statement '%s'", name, line);
        }
    }
    fclose(fp);
    pk_report_free(report);
    pk_engine_free(engine);
}
END_TEST

int main(int argc, char **argv)
{
    Suite *s = suite_create("conformance");
    TCase *tc = tcase_create("cases");
    SRunner *sr;
    int failed;

    cases_dir = argc > 1 ? argv[1] : getenv("PK_CASES");
    if (cases_dir == NULL) {
        fprintf(stderr, "usage: conformance CASES_DIR\n");
        return 2;
    }
    list_cases(cases_dir);
    if (ncases == 0) {
        fprintf(stderr, "conformance: no cases in %s\n", cases_dir);
        return 1;
    }
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_case, 0, ncases);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (int i = 0; i < ncases; i++)
        free(cases[i]);
    free(cases);
    return failed == 0 ? 0 : 1;
}
