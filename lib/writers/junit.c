/*
 * junit.c - JUnit XML, for CI systems: a test suite per dossier, a
 * test case per rule.
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <testsuites name="parkcheck" tests="48" failures="1" errors="0"
 *               skipped="30">
 *     <testsuite name="examples/near-miss.xml" tests="48" ...>
 *       <properties>...park, province, kind, verdict, score (none for
 *         an invalid dossier) and what it means, notice...</properties>
 *       <testcase classname="parkcheck.nd154-2013"
 *                 name="art5.2-it-workers — Art. 5(2) — Number of ...">
 *         <failure message="Only 1,850 workers ..." type="mandatory">...
 *       </testcase>
 *
 * pass: an empty test case; fail: <failure> (type says mandatory or
 * advisory, so that a CI job can tell the two apart); error: <error>;
 * unknown and not-applicable: <skipped>. A dossier that was not
 * evaluated (unreadable, no pack in force) is one test case in error.
 *
 * The totals go on <testsuites>, at the top, so the suites are kept in
 * the writer's state and the document is written at the end.
 */
#include "writers.h"
#include "view.h"

#include <math.h>
#include <string.h>

#include "numfmt.h"
#include "words.h"

typedef struct junit_state {
    pk_strbuf suites; /* the <testsuite> elements written so far */
    size_t tests, failures, errors, skipped;
} junit_state;

/* Appends text escaped for an attribute value. */
static void attr(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_ATTR);
}

static void text(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, 0);
}

/* Getters return "" rather than NULL, but a NULL must not crash. */
static const char *or_empty(const char *s)
{
    return s != NULL ? s : "";
}

static void property(pk_strbuf *sb, const char *name, const char *value)
{
    pk_sb_printf(sb, "      <property name=\"%s\" value=\"", name);
    attr(sb, value != NULL ? value : "");
    pk_sb_puts(sb, "\"/>\n");
}

/* The body of a failure, error or skip: the message, then what the rule
 * read and what the dossier should add, for a reader of the CI log. */
static void details(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    int vi = lang == PK_LANG_VI;
    const char *to_add = pk_words_label_or_builtin(
        pk_writer_dformat(res->report), "to-add", vi ? 0 : 1);
    pk_strbuf line = PK_STRBUF_INIT;
    pk_comparison c;
    size_t i, n;

    pk_sb_puts(&line, or_empty(pk_result_message(res, lang)));
    pk_sb_puts(&line, "\n");
    if (pk_result_comparison(res, &c) == 0) {
        /* What was compared, in words: "Có trong quy hoạch tổng thể: có ·
         * Yêu cầu: có"; a yes/no, text or set is never a number. */
        pk_sb_puts(&line, or_empty(pk_result_comparison_text(res, lang)));
        if (c.shortfall != 0 && isfinite(c.shortfall) &&
            pk_result_status(res) == PK_STATUS_FAIL) {
            /* below a minimum it falls short; above a maximum it is over */
            int over = c.op[0] == 'l';
            pk_sb_puts(&line, over ? (vi ? " · Vượt: " : " · Over by: ")
                                   : (vi ? " · Còn thiếu: " : " · Short by: "));
            pk_writer_append_result_shortfall(&line, res, lang);
        }
        pk_sb_puts(&line, "\n");
    }
    n = pk_result_value_count(res);
    for (i = 0; i < n; i++) {
        const pk_value_info *v = pk_result_value(res, i);

        if (v == NULL || v->id == NULL)
            continue;
        pk_sb_printf(&line, "  %s = ", v->id);
        if (v->kind == PK_VALUE_NUMBER) /* as the comparison writes it */
            pk_writer_append_fact_value(&line, res, v, lang);
        else
            pk_writer_append_value(&line, pk_writer_dformat(res->report), v,
                                   lang);
        pk_sb_puts(&line, "\n");
    }
    n = pk_result_missing_count(res);
    for (i = 0; i < n; i++) {
        const char *id = pk_result_missing(res, i);
        const char *where = pk_result_fact_location(res, id);
        const char *label = pk_result_fact_label(res, id, lang);

        pk_sb_puts(&line, "  ");
        pk_sb_puts(&line, to_add);
        pk_sb_puts(&line, ": ");
        pk_sb_puts(&line, pk_writer_is_empty(label) ? or_empty(id) : label);
        if (!pk_writer_is_empty(where)) {
            pk_sb_puts(&line, " (");
            pk_sb_puts(&line, where);
            pk_sb_puts(&line, ")");
        }
        pk_sb_puts(&line, "\n");
    }
    if (line.failed)
        sb->failed = 1;
    else
        text(sb, line.data);
    pk_sb_free(&line);
}

/* " (Add to the dossier: /dossier/..., ...)" for the facts an unknown
 * rule lacks that the dossier can state, escaped for an attribute. */
static void where_to_add(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    size_t i, n = pk_result_missing_count(res);
    const char *to_add = pk_words_label_or_builtin(
        pk_writer_dformat(res->report), "to-add", lang == PK_LANG_VI ? 0 : 1);
    int first = 1;

    for (i = 0; i < n; i++) {
        const char *where =
            pk_result_fact_location(res, pk_result_missing(res, i));

        if (pk_writer_is_empty(where))
            continue;
        if (first) {
            pk_sb_puts(sb, " (");
            attr(sb, to_add);
            pk_sb_puts(sb, ": ");
        } else {
            pk_sb_puts(sb, ", ");
        }
        attr(sb, where);
        first = 0;
    }
    if (!first)
        pk_sb_puts(sb, ")");
}

/* " (Readings: gross = met; net = not met)" for a rule whose readings
 * disagree, escaped for an attribute: which ones a ruling must choose
 * between. */
static void reading_outcomes(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    size_t i, n = pk_result_reading_count(res);

    if (n == 0 || pk_result_status(res) != PK_STATUS_OPEN)
        return;
    pk_sb_puts(sb, lang == PK_LANG_VI ? " (Các cách hiểu: " : " (Readings: ");
    for (i = 0; i < n; i++) {
        if (i > 0)
            pk_sb_puts(sb, "; ");
        attr(sb, pk_result_reading_id(res, i));
        pk_sb_puts(sb, " = ");
        attr(sb, pk_writer_reading_status_word(res->report->engine,
                                               pk_result_reading_status(res, i),
                                               lang));
    }
    pk_sb_puts(sb, ")");
}

/* Whether the pack was in force on the dossier's date, whether it is
 * provisional, and what it could not check: a CI log shows them like the
 * verdict. */
static void unchecked_properties(pk_strbuf *sb, const pk_report *r,
                                 pk_lang lang)
{
    pk_strbuf list = PK_STRBUF_INIT;
    size_t n = pk_report_unchecked_count(r);

    if (pk_writer_is_empty(pk_report_pack_id(r)))
        return;
    property(sb, "regime", pk_regime_name(pk_report_regime(r)));
    property(sb, "regime-text", pk_report_regime_text(r, lang));
    property(sb, "provisional", pk_report_provisional(r) ? "true" : "false");
    property(sb, "provisional-text", pk_report_provisional_text(r, lang));
    for (size_t i = 0; i < n; i++)
        pk_sb_printf(&list, "%s%s — %s", i > 0 ? "; " : "",
                     pk_report_unchecked_citation_text(r, i, lang),
                     pk_report_unchecked_title(r, i, lang));
    if (n > 0 && !list.failed)
        pk_sb_printf(&list, " (%s)", pk_report_unchecked_reason(r, lang));
    property(sb, "not-checked", list.failed || n == 0 ? "" : list.data);
    if (list.failed)
        sb->failed = 1;
    pk_sb_free(&list);
}

/* One rule's test case (the view counts them). */
static void testcase(pk_strbuf *sb, const pk_report *r, const pk_result *res,
                     pk_lang lang)
{
    pk_status st = pk_result_status(res);
    const char *cit = pk_result_citation_text(res, lang);
    const char *title = pk_result_title(res, lang);
    const char *msg = pk_result_message(res, lang);
    const char *sev = pk_severity_name(pk_result_severity(res));
    /* the start tag is closed already (properties follow it) */
    int opened = 0;

    pk_sb_puts(sb, "    <testcase classname=\"parkcheck.");
    attr(sb, pk_writer_is_empty(pk_report_pack_id(r)) ? "rules"
                                                      : pk_report_pack_id(r));
    pk_sb_puts(sb, "\" name=\"");
    attr(sb, pk_result_id(res));
    if (!pk_writer_is_empty(cit)) {
        pk_sb_puts(sb, " — ");
        attr(sb, cit);
    }
    if (!pk_writer_is_empty(title)) {
        pk_sb_puts(sb, " — ");
        attr(sb, title);
    }
    pk_sb_puts(sb, "\"");
    if (pk_writer_shows_provenance(r, res)) {
        /* How sure the pack is of this rule, where a reader must know. */
        pk_strbuf v = PK_STRBUF_INIT;

        pk_writer_append_provenance(&v, res, lang);
        pk_sb_puts(sb, ">\n      <properties>\n  ");
        property(sb, "provenance",
                 pk_provenance_name(pk_result_provenance(res)));
        pk_sb_puts(sb, "  ");
        property(sb, "provenance-text", v.failed ? "" : v.data);
        pk_sb_puts(sb, "      </properties>\n");
        if (v.failed)
            sb->failed = 1;
        pk_sb_free(&v);
        if (st == PK_STATUS_PASS) {
            pk_sb_puts(sb, "    </testcase>\n");
            return;
        }
        opened = 1;
    }
    switch (st) {
    case PK_STATUS_PASS:
        pk_sb_puts(sb, "/>\n");
        return;
    case PK_STATUS_FAIL:
        pk_sb_puts(sb, opened ? "      <failure message=\""
                              : ">\n      <failure message=\"");
        attr(sb, msg);
        pk_sb_printf(sb, "\" type=\"%s\">", sev);
        details(sb, res, lang);
        pk_sb_puts(sb, "</failure>\n");
        break;
    case PK_STATUS_ERROR:
        pk_sb_puts(sb, opened ? "      <error message=\""
                              : ">\n      <error message=\"");
        attr(sb, msg);
        pk_sb_printf(sb, "\" type=\"%s\">", sev);
        details(sb, res, lang);
        pk_sb_puts(sb, "</error>\n");
        break;
    case PK_STATUS_UNKNOWN:
    case PK_STATUS_NOT_APPLICABLE:
    default:
        /* Skipped has only a message in the common schemas: it starts
         * with the status, which tells unknown from not applicable, and
         * ends with where the missing facts go. */
        pk_sb_puts(sb, opened ? "      <skipped message=\""
                              : ">\n      <skipped message=\"");
        attr(sb,
             pk_writer_status_word(res->report->engine, "status", st, lang));
        pk_sb_puts(sb, ": ");
        attr(sb, msg);
        where_to_add(sb, res, lang);
        reading_outcomes(sb, res, lang);
        pk_sb_puts(sb, "\"/>\n");
        break;
    }
    pk_sb_puts(sb, "    </testcase>\n");
}

/* The input problems, as compilers print them, for the suite's log. */
static void problems(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    pk_strbuf all = PK_STRBUF_INIT;
    size_t i, n = pk_report_problem_count(r);
    const char *file = pk_report_source(r);

    for (i = 0; i < n; i++) {
        const pk_error *e = pk_report_problem(r, i);

        if (e == NULL)
            continue;
        pk_sb_puts(&all, pk_writer_is_empty(file) ? "-" : file);
        if (e->line > 0)
            pk_sb_printf(&all, ":%u", e->line);
        if (e->line > 0 && e->column > 0)
            pk_sb_printf(&all, ":%u", e->column);
        if (pk_report_problem_is_warning(r, i))
            pk_sb_puts(&all,
                       lang == PK_LANG_VI ? ": cảnh báo: " : ": warning: ");
        else
            pk_sb_puts(&all, lang == PK_LANG_VI ? ": lỗi: " : ": error: ");
        pk_sb_puts(&all, or_empty(pk_report_problem_text(r, i, lang)));
        pk_sb_puts(&all, "\n");
    }
    if (all.failed) {
        sb->failed = 1;
    } else if (all.len > 0) {
        pk_sb_puts(sb, "    <system-err>");
        text(sb, all.data);
        pk_sb_puts(sb, "</system-err>\n");
    }
    pk_sb_free(&all);
}

/* The test case of a dossier that was not evaluated: its first error is
 * the message, every problem the body. */
static void unreadable(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    size_t i, n = pk_report_problem_count(r);
    const char *first = NULL;
    pk_strbuf body = PK_STRBUF_INIT;

    for (i = 0; i < n; i++) {
        const char *t = pk_report_problem_text(r, i, lang);

        if (t == NULL)
            continue;
        if (first == NULL && !pk_report_problem_is_warning(r, i))
            first = t;
        pk_sb_puts(&body, t);
        pk_sb_puts(&body, "\n");
    }
    if (first == NULL)
        first = lang == PK_LANG_VI ? "hồ sơ không kiểm tra được"
                                   : "the dossier could not be checked";
    pk_sb_puts(sb, "    <testcase classname=\"parkcheck.dossier\" name=\"");
    pk_sb_puts(sb, lang == PK_LANG_VI ? "đọc hồ sơ" : "read the dossier");
    pk_sb_puts(sb, "\">\n      <error type=\"invalid\" message=\"");
    attr(sb, first);
    pk_sb_puts(sb, "\">");
    if (body.failed)
        sb->failed = 1;
    else
        text(sb, body.data);
    pk_sb_puts(sb, "</error>\n    </testcase>\n");
    pk_sb_free(&body);
}

static void counts_attrs(pk_strbuf *sb, size_t tests, size_t failures,
                         size_t errors, size_t skipped)
{
    pk_sb_printf(sb,
                 " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\""
                 " skipped=\"%zu\"",
                 tests, failures, errors, skipped);
}

/* The piece: text is the report's <testsuite>, counts[] its tests,
 * failures, errors and skipped. */
static int junit_format(const pk_writer *w, const pk_report *r,
                        pk_writer_piece *p)
{
    pk_strbuf *suite = &p->text, cases = PK_STRBUF_INIT;
    pk_strbuf score_text = PK_STRBUF_INIT;
    size_t tests, counts[3]; /* failures, errors, skipped */
    double score = pk_report_score(r);
    const char *file = pk_report_source(r);
    pk_view v;
    int rc = 0;

    /* the results' words, written out before any is read */
    if (pk_report_render(r, w->lang) != 0)
        return PK_ENOMEM;
    if (pk_view_build(&v, r) != PK_OK)
        return PK_ENOMEM;
    /* A test case per rule in the pack's order; what is neither passed,
     * failed nor in error is skipped. */
    for (size_t i = 0; i < v.nresults; i++)
        testcase(&cases, r, v.results[i], w->lang);
    tests = v.nresults;
    counts[0] = v.by_status[PK_STATUS_FAIL];
    counts[1] = v.by_status[PK_STATUS_ERROR];
    counts[2] = tests - v.by_status[PK_STATUS_PASS] - counts[0] - counts[1];
    if (tests == 0) {
        unreadable(&cases, r, w->lang);
        tests = 1;
        counts[1] = 1;
    }
    problems(&cases, r, w->lang);

    pk_sb_puts(suite, "  <testsuite name=\"");
    attr(suite, pk_writer_is_empty(file) ? "-" : file);
    pk_sb_printf(suite, "\" id=\"%zu\"", p->index);
    counts_attrs(suite, tests, counts[0], counts[1], counts[2]);
    pk_sb_puts(suite, ">\n    <properties>\n");
    property(suite, "park", pk_report_park_name(r));
    property(suite, "province", pk_report_province(r));
    property(suite, "kind", pk_report_kind(r));
    property(suite, "date", pk_report_date(r));
    property(suite, "rulepack", pk_report_pack_id(r));
    property(suite, "rulepack-version", pk_report_pack_version(r));
    property(suite, "verdict", pk_verdict_name(pk_report_verdict(r)));
    /* Machine-readable like the verdict: '.' as the radix. */
    if (score >= 0 && isfinite(score)) {
        pk_json_append_number(&score_text, round(score * 100.0) / 100.0);
        property(suite, "score", score_text.data);
        property(suite, "score-meaning", pk_writer_score_meaning(w->lang));
    }
    /* A regime notice (the pack is not in force on the dossier's date,
     * say), empty when none: a CI log shows it like the verdict. */
    property(suite, "notice", pk_report_notice(r, w->lang));
    unchecked_properties(suite, r, w->lang);
    pk_sb_puts(suite, "    </properties>\n");
    if (cases.failed || score_text.failed) {
        rc = PK_ENOMEM;
        goto out;
    }
    pk_sb_append(suite, cases.data, cases.len);
    pk_sb_puts(suite, "  </testsuite>\n");
    p->counts[0] = tests;
    p->counts[1] = counts[0];
    p->counts[2] = counts[1];
    p->counts[3] = counts[2];
out:
    pk_view_free(&v);
    pk_sb_free(&cases);
    pk_sb_free(&score_text);
    return rc;
}

static int junit_add_piece(pk_writer *w, const pk_writer_piece *p,
                           pk_strbuf *out)
{
    junit_state *st = w->state;

    (void)out; /* the document is written whole by junit_finish() */
    /* All or nothing: a half-written suite would break the document if
     * the caller went on after the failure. */
    if (pk_sb_append(&st->suites, p->text.data, p->text.len) != 0) {
        st->suites.failed = 0;
        return PK_ENOMEM;
    }
    st->tests += p->counts[0];
    st->failures += p->counts[1];
    st->errors += p->counts[2];
    st->skipped += p->counts[3];
    return 0;
}

static int junit_finish(pk_writer *w, pk_strbuf *sb)
{
    junit_state *st = w->state;

    pk_sb_puts(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<testsuites name=\"parkcheck\"");
    counts_attrs(sb, st->tests, st->failures, st->errors, st->skipped);
    pk_sb_puts(sb, ">\n");
    if (st->suites.len > 0)
        pk_sb_append(sb, st->suites.data, st->suites.len);
    pk_sb_puts(sb, "</testsuites>\n");
    return sb->failed ? PK_ENOMEM : 0;
}

static void junit_release(void *state)
{
    junit_state *st = state;

    pk_sb_free(&st->suites);
}

const pk_writer_ops pk_writer_junit_ops = {
    "junit",         sizeof(junit_state), NULL,          junit_format,
    junit_add_piece, junit_finish,        junit_release, 0,
};
