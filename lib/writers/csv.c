/*
 * csv.c - a summary table: one row per dossier, for spreadsheets
 * and scripts.
 *
 *   file,park,province,kind,verdict,score,failed,unknown,lacking,errors,notice,
 *     open,rulepack,regime,provisional,not_checked
 *   examples/near-miss.xml,Khu ... Sông Mây,Tỉnh Sông Mây,establishment,
 *     not-eligible,95.24,art5.2-it-workers,,,0,,,PACK-ID,in-force,false,
 *
 * RFC 4180: CRLF after every row, a field quoted when it holds a comma,
 * a quote, a line break or leading/trailing space, and quotes in it
 * doubled. The file starts with a UTF-8 byte order mark: without it
 * Excel reads the bytes in the user's legacy code page and garbles every
 * Vietnamese letter. The header and the values other than the dossier's
 * own texts (ids, verdict names, numbers with a '.' radix) are the same
 * in every language so that scripts can rely on them; docs/ promise
 * that.
 */
#include "writers.h"

#include <math.h>
#include <string.h>

#include "numfmt.h"
#include "summary.h"

#define CSV_BOM "\xEF\xBB\xBF"

/* The columns, in order; new ones are only ever added at the end. */
static const char csv_header[] =
    "file,park,province,kind,verdict,score,failed,unknown,lacking,errors,"
    "notice,open,rulepack,regime,provisional,not_checked,date,score_local,"
    "failed_why,missing,invalid_why,rules\r\n";

/* Whether code point cp would upset a spreadsheet cell or a terminal
 * showing the file: controls other than tab and line breaks, and the
 * bidirectional overrides. */
static int unsafe(long cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
           (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Appends s as one field. A text from a dossier (guard set) that would
 * start with = + - @ or a tab or carriage return is a formula to a
 * spreadsheet: it gets a leading apostrophe, as does one that starts
 * with an apostrophe itself, so that dropping one leading apostrophe
 * always gives the text back. */
static void field(pk_strbuf *sb, const char *s, int guard)
{
    pk_strbuf clean = PK_STRBUF_INIT;
    size_t i = 0, len, adv;
    int quote = 0;
    long cp;

    if (s == NULL)
        s = "";
    len = strlen(s);
    if (guard && len > 0 && strchr("=+-@\t\r'", s[0]) != NULL)
        pk_sb_puts(&clean, "'");
    while (i < len) {
        cp = pk_utf8_next(s + i, len - i, &adv);
        if (cp < 0 || unsafe(cp)) {
            pk_sb_puts(&clean, PK_UTF8_REPLACEMENT);
        } else {
            if (cp == ',' || cp == '"' || cp == '\n' || cp == '\r')
                quote = 1;
            pk_sb_append(&clean, s + i, adv);
        }
        i += adv;
    }
    if (clean.failed) {
        sb->failed = 1;
        goto out;
    }
    /* Spreadsheets trim unquoted spaces; quoting keeps them. */
    if (clean.len > 0 &&
        (clean.data[0] == ' ' || clean.data[clean.len - 1] == ' '))
        quote = 1;
    if (!quote) {
        pk_sb_append(sb, clean.data != NULL ? clean.data : "", clean.len);
        goto out;
    }
    pk_sb_puts(sb, "\"");
    for (i = 0; i < clean.len; i++) {
        if (clean.data[i] == '"')
            pk_sb_puts(sb, "\"\"");
        else
            pk_sb_append(sb, clean.data + i, 1);
    }
    pk_sb_puts(sb, "\"");
out:
    pk_sb_free(&clean);
}

/* Which results a list column names. */
typedef enum list_kind {
    LIST_FAILED,  /* mandatory criteria that fail */
    LIST_UNKNOWN, /* mandatory criteria that cannot be decided */
    LIST_LACKING  /* mandatory documents missing or not shown present */
} list_kind;

static int in_list(const pk_result *res, list_kind k)
{
    pk_status st = pk_result_status(res);
    pk_category cat = pk_result_category(res);

    if (pk_result_severity(res) != PK_SEVERITY_MANDATORY)
        return 0;
    switch (k) {
    case LIST_FAILED:
        return cat == PK_CATEGORY_CRITERION && st == PK_STATUS_FAIL;
    case LIST_UNKNOWN:
        return cat == PK_CATEGORY_CRITERION && st == PK_STATUS_UNKNOWN;
    case LIST_LACKING:
        return cat == PK_CATEGORY_DOCUMENT &&
               (st == PK_STATUS_FAIL || st == PK_STATUS_UNKNOWN);
    }
    return 0;
}

/* The ids of the results of kind k, ';'-separated, as one field. Rule
 * ids come from the pack and hold no ';' (the pack's id syntax). */
static void id_list(pk_strbuf *sb, const pk_report *r, list_kind k)
{
    pk_strbuf ids = PK_STRBUF_INIT;
    size_t i, n = pk_report_result_count(r);

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res == NULL || !in_list(res, k) || pk_result_id(res) == NULL)
            continue;
        if (ids.len > 0)
            pk_sb_puts(&ids, ";");
        pk_sb_puts(&ids, pk_result_id(res));
    }
    if (ids.failed)
        sb->failed = 1;
    else
        field(sb, ids.data, 0);
    pk_sb_free(&ids);
}

/* The mandatory rules whose readings disagree, each as its id and its
 * readings' outcomes ("art7.3-density pass=gross fail=net"), ';'-separated
 * like the other lists: what a ruling must decide. */
static void open_list(pk_strbuf *sb, const pk_report *r)
{
    pk_strbuf ids = PK_STRBUF_INIT;
    size_t i, n = pk_report_result_count(r);

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res == NULL || pk_result_status(res) != PK_STATUS_OPEN ||
            pk_result_severity(res) != PK_SEVERITY_MANDATORY)
            continue;
        if (ids.len > 0)
            pk_sb_puts(&ids, ";");
        pk_sb_puts(&ids, pk_result_id(res));
        pk_sb_puts(&ids, " pass=");
        pk_writer_append_readings_with(&ids, res, PK_STATUS_PASS, ",");
        pk_sb_puts(&ids, " fail=");
        pk_writer_append_readings_with(&ids, res, PK_STATUS_FAIL, ",");
    }
    if (ids.failed)
        sb->failed = 1;
    else
        field(sb, ids.data, 0);
    pk_sb_free(&ids);
}

/* One column of summary.c's words, as a field. */
static void why_field(pk_strbuf *sb, pk_strbuf *t)
{
    pk_sb_puts(sb, ",");
    if (t->failed)
        sb->failed = 1;
    else
        field(sb, t->data, 1);
    pk_sb_reset(t);
}

/* The columns for people, added after the ones for scripts: the date the
 * rules were taken as of, as YYYY-MM-DD (which spreadsheets in every
 * locale read as a date); the score written the language's way, so that
 * a spreadsheet in that language's locale reads it as a number (a
 * Vietnamese one takes "96.3" for text, "96,3" for a number; the comma
 * gets the field quoted); and why, as the summary says it. */
static void why_columns(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                        double score)
{
    pk_strbuf t = PK_STRBUF_INIT;

    pk_sb_puts(sb, ",");
    field(sb, pk_report_date(r), 0);
    pk_sb_puts(sb, ",");
    if (score >= 0 && isfinite(score)) {
        pk_fmt_number(&t, round(score * 100.0) / 100.0, -1, lang);
        if (t.failed)
            sb->failed = 1;
        else
            field(sb, t.data, 0);
        pk_sb_reset(&t);
    }
    pk_summary_failed(&t, r, lang, "; ");
    why_field(sb, &t);
    pk_summary_missing(&t, r, lang, "; ", (size_t)-1);
    why_field(sb, &t);
    pk_summary_invalid(&t, r, lang);
    why_field(sb, &t);
    pk_summary_regime(&t, r, lang);
    why_field(sb, &t);
    pk_sb_free(&t);
}

static int csv_begin(pk_writer *w, pk_strbuf *sb)
{
    (void)w;
    pk_sb_puts(sb, CSV_BOM);
    return pk_sb_puts(sb, csv_header);
}

static int csv_format(const pk_writer *w, const pk_report *r,
                      pk_writer_piece *p)
{
    pk_strbuf *sb = &p->text;
    double score = pk_report_score(r);
    size_t i, n = pk_report_problem_count(r), errors = 0;

    /* the results' words these columns read, written out before any is
     * read */
    if (pk_summary_render(r, w->lang) != 0)
        return PK_ENOMEM;
    field(sb, pk_report_source(r), 1);
    pk_sb_puts(sb, ",");
    field(sb, pk_report_park_name(r), 1);
    pk_sb_puts(sb, ",");
    field(sb, pk_report_province(r), 1);
    pk_sb_puts(sb, ",");
    field(sb, pk_report_kind(r), 1);
    pk_sb_puts(sb, ",");
    field(sb, pk_verdict_name(pk_report_verdict(r)), 0);
    pk_sb_puts(sb, ",");
    /* The JSON number writer: '.' whatever the language or the locale. */
    if (score >= 0 && isfinite(score))
        pk_json_append_number(sb, round(score * 100.0) / 100.0);
    pk_sb_puts(sb, ",");
    id_list(sb, r, LIST_FAILED);
    pk_sb_puts(sb, ",");
    id_list(sb, r, LIST_UNKNOWN);
    pk_sb_puts(sb, ",");
    id_list(sb, r, LIST_LACKING);
    for (i = 0; i < n; i++)
        errors += !pk_report_problem_is_warning(r, i);
    pk_sb_printf(sb, ",%zu,", errors);
    /* The pack's notice about the date (checked under a regime not in
     * force then), in the writer's language: a reviewer working from the
     * spreadsheet sees it beside the verdict. The pack's text, not the
     * dossier's, but guarded all the same. */
    field(sb, pk_report_notice(r, w->lang), 1);
    pk_sb_puts(sb, ",");
    open_list(sb, r);
    /* Which regime every row was checked under, whether that regime was
     * in force on the dossier's date, whether its pack is provisional, and
     * what it could not check. */
    pk_sb_puts(sb, ",");
    field(sb, pk_report_pack_id(r), 0);
    pk_sb_puts(sb, ",");
    if (pk_report_pack_id(r)[0] != '\0') {
        field(sb, pk_regime_name(pk_report_regime(r)), 0);
        pk_sb_puts(sb, pk_report_provisional(r) ? ",true," : ",false,");
    } else {
        pk_sb_puts(sb, ",,");
    }
    for (i = 0; i < pk_report_unchecked_count(r); i++) {
        if (i > 0)
            pk_sb_puts(sb, ";");
        pk_sb_puts(sb, pk_report_unchecked_id(r, i));
    }
    why_columns(sb, r, w->lang, score);
    pk_sb_puts(sb, "\r\n");
    return sb->failed ? PK_ENOMEM : 0;
}

const pk_writer_ops pk_writer_csv_ops = {
    "csv", 0, csv_begin, csv_format, NULL, NULL, NULL, 0,
};
