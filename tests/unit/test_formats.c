/*
 * test_formats.c - the HTML, CSV, JUnit and NDJSON writers, on the reports
 * of example dossiers, one with a hostile park name and file name, and
 * one that cannot be read. Each output is read back the way its consumers
 * read it (libxml2's HTML and XML parsers, an RFC 4180 reader, a JSON
 * checker) and compared with the report's getters, never with a copy of
 * the writer's own text.
 */
#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "tc.h"
#include "sink.h"
#include "writers/writers.h"

#ifndef PK_SOURCE_ROOT
#define PK_SOURCE_ROOT "."
#endif

#define EXAMPLES PK_SOURCE_ROOT "/examples/"

/* What the hostile dossier says, and what it must read back as. */
#define HOSTILE_NAME "<script>alert(1)</script>&\"'"
#define HOSTILE_NAME_XML                                                       \
    "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"
#define HOSTILE_PROVINCE "=HYPERLINK(\"x\"), 'quoted'"
#define HOSTILE_PROVINCE_XML "=HYPERLINK(&quot;x&quot;), &apos;quoted&apos;"
#define HOSTILE_FILE "bad<script>&\"'.xml"

/* ------------------------------------------------------------------------
 * The reports
 * ------------------------------------------------------------------------ */

enum { R_ELIGIBLE, R_NEAR_MISS, R_INCOMPLETE, R_HOSTILE, R_BROKEN, R_COUNT };

typedef struct fixture {
    pk_engine *engine;
    pk_report *r[R_COUNT];
} fixture;

/* text with the contents of the first <tag>...</tag> replaced. */
static char *replace_element(const char *text, const char *tag,
                             const char *with)
{
    char open[64], close[64];
    const char *a, *b;
    pk_strbuf sb = PK_STRBUF_INIT;

    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    a = strstr(text, open);
    ck_assert_msg(a != NULL, "no <%s> in near-miss.xml", tag);
    a += strlen(open);
    b = strstr(a, close);
    ck_assert_ptr_nonnull(b);
    pk_sb_append(&sb, text, (size_t)(a - text));
    pk_sb_puts(&sb, with);
    pk_sb_puts(&sb, b);
    ck_assert(!sb.failed);
    return pk_sb_steal(&sb);
}

static void fixture_load(fixture *fx)
{
    static const char broken[] = "<dossier format=\"1\" kind=";
    char *text, *t1, *t2;
    size_t len;
    pk_error err;

    memset(fx, 0, sizeof *fx);
    ck_assert_int_eq(pk_engine_new(&fx->engine, NULL, &err), 0);
    ck_assert_int_eq(pk_check_file(&fx->r[R_ELIGIBLE], fx->engine,
                                   EXAMPLES "complete-eligible.xml", NULL,
                                   &err),
                     0);
    ck_assert_int_eq(pk_check_file(&fx->r[R_NEAR_MISS], fx->engine,
                                   EXAMPLES "near-miss.xml", NULL, &err),
                     0);
    ck_assert_int_eq(pk_check_file(&fx->r[R_INCOMPLETE], fx->engine,
                                   EXAMPLES "yen-binh.xml", NULL, &err),
                     0);

    text = tc_read_file(EXAMPLES "near-miss.xml", &len);
    ck_assert_ptr_nonnull(text);
    t1 = replace_element(text, "name", HOSTILE_NAME_XML);
    t2 = replace_element(t1, "province", HOSTILE_PROVINCE_XML);
    ck_assert_int_eq(pk_check_memory(&fx->r[R_HOSTILE], fx->engine,
                                     HOSTILE_FILE, t2, strlen(t2), NULL, &err),
                     0);
    free(text);
    free(t1);
    free(t2);
    ck_assert_str_eq(pk_report_park_name(fx->r[R_HOSTILE]), HOSTILE_NAME);
    ck_assert_str_eq(pk_report_province(fx->r[R_HOSTILE]), HOSTILE_PROVINCE);

    ck_assert_int_eq(pk_check_memory(&fx->r[R_BROKEN], fx->engine, "broken.xml",
                                     broken, sizeof broken - 1, NULL, &err),
                     0);
    ck_assert_int_eq(pk_report_verdict(fx->r[R_BROKEN]), PK_VERDICT_INVALID);
    ck_assert_uint_eq(pk_report_result_count(fx->r[R_BROKEN]), 0);
    ck_assert_int_eq(pk_report_verdict(fx->r[R_NEAR_MISS]),
                     PK_VERDICT_NOT_ELIGIBLE);
}

static void fixture_free(fixture *fx)
{
    size_t i;

    for (i = 0; i < R_COUNT; i++)
        pk_report_free(fx->r[i]);
    pk_engine_free(fx->engine);
}

/* ------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------ */

/* The whole output of format for reports[0..n), NUL-terminated; free(). */
static char *write_reports(const fixture *fx, pk_format format, pk_lang lang,
                           pk_report *const *reports, size_t n, size_t *len)
{
    tc_sink k = TC_SINK_INIT;
    pk_writer *w;
    pk_error err;
    size_t i;

    ck_assert_int_eq(pk_writer_new(&w, fx->engine, tc_sink_write, &k,
                                   &(pk_writer_options){
                                       PK_WRITER_OPTIONS_VERSION, format, lang},
                                   &err),
                     0);
    for (i = 0; i < n; i++)
        ck_assert_msg(pk_writer_add(w, reports[i], &err) == 0, "%s",
                      err.message);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    pk_writer_free(w);
    ck_assert(!k.text.failed);
    if (k.text.data == NULL)
        pk_sb_puts(&k.text, "");
    *len = k.text.len;
    return pk_sb_steal(&k.text);
}

/* ------------------------------------------------------------------------
 * The shared escaper
 * ------------------------------------------------------------------------ */

static const struct xml_case {
    const char *what, *in;
    unsigned flags;
    const char *out;
} xml_cases[] = {
    {"plain", "abc", 0, "abc"},
    {"the five", "&<>\"'", 0, "&amp;&lt;&gt;&quot;&#39;"},
    {"vietnamese", "Điều 5 khoản 2", 0, "Điều 5 khoản 2"},
    {"line breaks in content", "a\nb\r\tc", 0, "a\nb\r\tc"},
    {"line breaks in attribute", "a\nb\r\tc", PK_XML_ATTR, "a&#10;b&#13;&#9;c"},
    {"C0 control dropped",
     "a\x01\x1f"
     "b",
     0, "ab"},
    {"U+FFFE and U+FFFF dropped",
     "a\xef\xbf\xbe\xef\xbf\xbf"
     "b",
     0, "ab"},
    {"ill-formed byte",
     "a\xff"
     "b",
     0, "a" PK_UTF8_REPLACEMENT "b"},
    {"surrogate", "\xed\xa0\x80", 0,
     PK_UTF8_REPLACEMENT PK_UTF8_REPLACEMENT PK_UTF8_REPLACEMENT},
    {"DEL kept in XML",
     "a\x7f"
     "b",
     0,
     "a\x7f"
     "b"},
    {"DEL replaced in HTML",
     "a\x7f"
     "b",
     PK_XML_HTML, "a" PK_UTF8_REPLACEMENT "b"},
    {"C1 control kept in XML", "\xc2\x85", 0, "\xc2\x85"},
    {"C1 control replaced in HTML", "\xc2\x85", PK_XML_HTML,
     PK_UTF8_REPLACEMENT},
    {"bidi override in HTML",
     "a\xe2\x80\xae"
     "b",
     PK_XML_HTML, "a" PK_UTF8_REPLACEMENT "b"},
    {"bidi isolate in HTML", "\xe2\x81\xa6", PK_XML_HTML, PK_UTF8_REPLACEMENT},
    {"four-byte kept", "\xf0\x9f\x98\x80", PK_XML_HTML, "\xf0\x9f\x98\x80"},
};

START_TEST(test_xml_escape)
{
    const struct xml_case *c = &xml_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_xml_append_text(&sb, c->in, c->flags), 0);
    pk_sb_puts(&sb, "");
    ck_assert_msg(strcmp(sb.data, c->out) == 0, "%s: got \"%s\"", c->what,
                  sb.data);
    pk_sb_free(&sb);
}
END_TEST

/* Every two-byte sequence, escaped into an attribute, gives a document
 * libxml2 reads back. */
START_TEST(test_xml_escape_all_pairs)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    char in[3] = {0, 0, 0};
    xmlDocPtr doc;
    int a, b;

    pk_sb_puts(&sb, "<r a=\"");
    for (a = 1; a < 256; a++) {
        for (b = 1; b < 256; b++) {
            in[0] = (char)a;
            in[1] = (char)b;
            pk_xml_append_text(&sb, in, PK_XML_ATTR);
        }
    }
    pk_sb_puts(&sb, "\">");
    for (a = 1; a < 256; a++) {
        in[0] = (char)a;
        in[1] = '\0';
        pk_xml_append_text(&sb, in, 0);
    }
    pk_sb_puts(&sb, "</r>");
    ck_assert(!sb.failed);
    doc = xmlReadMemory(sb.data, (int)sb.len, "pairs.xml", "UTF-8",
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    ck_assert_msg(doc != NULL, "escaped bytes are not well-formed XML");
    xmlFreeDoc(doc);
    pk_sb_free(&sb);
}
END_TEST

/* ------------------------------------------------------------------------
 * Format names
 * ------------------------------------------------------------------------ */

START_TEST(test_format_names)
{
    static const struct {
        const char *name;
        pk_format f;
        int value;
    } names[] = {
        {"text", PK_FORMAT_TEXT, 0},       {"json", PK_FORMAT_JSON, 1},
        {"html", PK_FORMAT_HTML, 2},       {"csv", PK_FORMAT_CSV, 3},
        {"junit", PK_FORMAT_JUNIT, 4},     {"ndjson", PK_FORMAT_NDJSON, 5},
        {"summary", PK_FORMAT_SUMMARY, 6}, {"xlsx", PK_FORMAT_XLSX, 7},
    };
    pk_format f;
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        ck_assert_int_eq(pk_format_from_name(names[i].name, &f), 0);
        ck_assert_int_eq(f, names[i].f);
        ck_assert_int_eq((int)f, names[i].value); /* never renumbered */
    }
    ck_assert_int_eq(pk_format_from_name("HTML", &f), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name("xml", &f), PK_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------------
 * HTML
 * ------------------------------------------------------------------------ */

/* Parses an HTML page; fails the test unless libxml2 reads it without an
 * error. */
static htmlDocPtr parse_html(const char *data, size_t len)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    htmlDocPtr doc;
    int well_formed;

    ck_assert_ptr_nonnull(ctxt);
    doc = htmlCtxtReadMemory(ctxt, data, (int)len, "report.html", "UTF-8",
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING);
    well_formed = ctxt->wellFormed;
    htmlFreeParserCtxt(ctxt);
    ck_assert_msg(doc != NULL, "the HTML page does not parse");
    ck_assert_msg(well_formed, "libxml2's HTML parser reports errors");
    return doc;
}

static int xpath_count(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj;
    int n = -1;

    ck_assert_ptr_nonnull(ctx);
    obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    if (obj != NULL && obj->type == XPATH_NODESET)
        n = obj->nodesetval != NULL ? obj->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    ck_assert_msg(n >= 0, "bad XPath %s", expr);
    return n;
}

/* How many elements have exactly this text (after parsing). */
static int count_text(xmlDocPtr doc, const char *element, const char *text)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr obj;
    char expr[256];
    int i, n = 0;

    snprintf(expr, sizeof expr, "//%s", element);
    obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    for (i = 0;
         obj != NULL && obj->nodesetval != NULL && i < obj->nodesetval->nodeNr;
         i++) {
        xmlChar *t = xmlNodeGetContent(obj->nodesetval->nodeTab[i]);

        n += t != NULL && strcmp((const char *)t, text) == 0;
        xmlFree(t);
    }
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return n;
}

/* Whether some text node of the page contains s. */
static int page_contains(xmlDocPtr doc, const char *s)
{
    xmlChar *all = xmlNodeGetContent(xmlDocGetRootElement(doc));
    int found = all != NULL && strstr((const char *)all, s) != NULL;

    xmlFree(all);
    return found;
}

static void check_html_page(const fixture *fx, pk_lang lang,
                            pk_report *const *reports, size_t n)
{
    static const char *const banned[] = {
        "<script", "<link", "<img",    "<iframe",  "<object",     "<embed",
        "@import", "url(",  "http://", "https://", "javascript:",
    };
    char expr[128];
    size_t len, i, j;
    char *page = write_reports(fx, PK_FORMAT_HTML, lang, reports, n, &len);
    htmlDocPtr doc = parse_html(page, len);

    /* Nothing runs and nothing is fetched. The raw text is searched: an
     * escaped "&lt;script" does not count. */
    for (i = 0; i < sizeof banned / sizeof banned[0]; i++)
        ck_assert_msg(strstr(page, banned[i]) == NULL, "the page holds \"%s\"",
                      banned[i]);
    ck_assert_int_eq(xpath_count(doc, "//@*[starts-with(name(), 'on')]"), 0);
    ck_assert_int_eq(xpath_count(doc, "//script"), 0);
    ck_assert_int_eq(xpath_count(doc, lang == PK_LANG_VI ? "/html[@lang='vi']"
                                                         : "/html[@lang='en']"),
                     1);
    ck_assert_int_eq(xpath_count(doc, "//style"), 1);
    ck_assert_int_eq(xpath_count(doc, "//meta[@charset='utf-8']"), 1);
    ck_assert_ptr_nonnull(strstr(page, "@page{size:A4"));

    for (j = 0; j < n; j++) {
        const pk_report *r = reports[j];
        size_t k, nres = pk_report_result_count(r);

        /* Each dossier's section, by its anchor. */
        snprintf(expr, sizeof expr, "//div[@id='d%zu']", j + 1);
        ck_assert_int_eq(xpath_count(doc, expr), 1);
        /* Every rule by its id, and its citation. */
        for (k = 0; k < nres; k++) {
            const pk_result *res = pk_report_result(r, k);
            const char *cit = pk_result_citation_text(res, lang);

            /* An id is for tools: an attribute, not text. */
            snprintf(expr, sizeof expr, "//*[@data-rule='%s']",
                     pk_result_id(res));
            ck_assert_msg(xpath_count(doc, expr) >= 1,
                          "rule %s is not on the page", pk_result_id(res));
            ck_assert_msg(count_text(doc, "code", pk_result_id(res)) == 0,
                          "rule id %s shown as text", pk_result_id(res));
            ck_assert_msg(page_contains(doc, cit), "citation %s missing", cit);
        }
        /* The input problems with their line and column. */
        for (k = 0; k < pk_report_problem_count(r); k++) {
            const pk_error *e = pk_report_problem(r, k);
            char where[64];

            ck_assert(page_contains(doc, pk_report_problem_text(r, k, lang)));
            if (e->line > 0 && e->column > 0) {
                /* In words: a drafter reads "line 12, column 21". */
                snprintf(where, sizeof where,
                         lang == PK_LANG_VI ? "Dòng %u, cột %u"
                                            : "Line %u, column %u",
                         e->line, e->column);
                ck_assert(page_contains(doc, where));
            }
        }
    }
    if (n >= 2) {
        /* The summary: a row per dossier linking to its section. */
        ck_assert_int_eq(xpath_count(doc, "//div[@id='summary']"), 1);
        ck_assert_int_eq(xpath_count(doc, "//table[@class='batch']/tbody/tr"),
                         (int)n);
        for (j = 0; j < n; j++) {
            snprintf(expr, sizeof expr,
                     "//table[@class='batch']//a[@href='#d%zu']", j + 1);
            ck_assert_int_eq(xpath_count(doc, expr), 1);
        }
    } else {
        ck_assert_int_eq(xpath_count(doc, "//div[@id='summary']"), 0);
        ck_assert_int_eq(xpath_count(doc, "//a[@href='#summary']"), 0);
    }
    xmlFreeDoc(doc);
    free(page);
}

START_TEST(test_html_each_dossier)
{
    fixture fx;
    pk_lang lang = _i % 2 == 0 ? PK_LANG_VI : PK_LANG_EN;
    size_t which = (size_t)_i / 2;

    fixture_load(&fx);
    check_html_page(&fx, lang, &fx.r[which], 1);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_html_batch)
{
    fixture fx;
    pk_lang lang = _i == 0 ? PK_LANG_VI : PK_LANG_EN;

    fixture_load(&fx);
    check_html_page(&fx, lang, fx.r, R_COUNT);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_html_hostile)
{
    fixture fx;
    size_t len;
    char *page;
    htmlDocPtr doc;

    fixture_load(&fx);
    page = write_reports(&fx, PK_FORMAT_HTML, PK_LANG_EN, fx.r, R_COUNT, &len);
    /* Escaped in the text, whole once parsed: in the heading and the
     * summary table, and the file name too. */
    ck_assert_ptr_nonnull(
        strstr(page, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"));
    doc = parse_html(page, len);
    ck_assert_int_eq(count_text(doc, "h2", "4. " HOSTILE_NAME), 1);
    ck_assert_int_eq(count_text(doc, "td", HOSTILE_NAME), 1);
    ck_assert_int_eq(count_text(doc, "td", HOSTILE_PROVINCE), 1);
    ck_assert_int_ge(count_text(doc, "code", HOSTILE_FILE), 2);
    ck_assert_int_eq(xpath_count(doc, "//script"), 0);
    xmlFreeDoc(doc);
    free(page);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_html_words)
{
    fixture fx;
    size_t len;
    char *vi, *en;

    fixture_load(&fx);
    vi = write_reports(&fx, PK_FORMAT_HTML, PK_LANG_VI, fx.r, R_COUNT, &len);
    en = write_reports(&fx, PK_FORMAT_HTML, PK_LANG_EN, fx.r, R_COUNT, &len);
    /* The verdicts and statuses in words, not in colour alone. */
    ck_assert_ptr_nonnull(strstr(vi, "ĐỦ ĐIỀU KIỆN"));
    ck_assert_ptr_nonnull(strstr(vi, "KHÔNG ĐỦ ĐIỀU KIỆN"));
    ck_assert_ptr_nonnull(strstr(vi, "HỒ SƠ CHƯA ĐẦY ĐỦ"));
    ck_assert_ptr_nonnull(strstr(vi, "HỒ SƠ KHÔNG HỢP LỆ"));
    ck_assert_ptr_nonnull(strstr(vi, "KHÔNG ĐẠT"));
    ck_assert_ptr_nonnull(strstr(vi, "CHƯA RÕ"));
    ck_assert_ptr_nonnull(strstr(vi, "KHÔNG ÁP DỤNG"));
    ck_assert_ptr_nonnull(strstr(en, "NOT ELIGIBLE"));
    ck_assert_ptr_nonnull(strstr(en, "INCOMPLETE"));
    ck_assert_ptr_nonnull(strstr(en, "INVALID"));
    /* Numbers the language's way: 1.850 / 1,850 workers. */
    ck_assert_ptr_nonnull(strstr(vi, "1.850"));
    ck_assert_ptr_nonnull(strstr(en, "1,850"));
    /* Where a missing fact goes, as the element a drafter types, never
     * the pack's path. */
    ck_assert_ptr_nonnull(strstr(en, "&lt;total&gt; in &lt;workforce&gt;"));
    ck_assert_ptr_nonnull(strstr(vi, "&lt;total&gt; trong &lt;workforce&gt;"));
    ck_assert_ptr_null(strstr(en, "/dossier/"));
    ck_assert_ptr_null(strstr(vi, "/dossier/"));
    free(vi);
    free(en);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_html_empty)
{
    fixture fx;
    size_t len;
    char *page;
    htmlDocPtr doc;

    fixture_load(&fx);
    page = write_reports(&fx, PK_FORMAT_HTML, PK_LANG_EN, NULL, 0, &len);
    doc = parse_html(page, len);
    ck_assert(page_contains(doc, "No dossier was checked."));
    xmlFreeDoc(doc);
    free(page);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------------------
 * CSV
 * ------------------------------------------------------------------------ */

#define CSV_COLUMNS 22
#define CSV_MAX_ROWS 16

typedef struct csv {
    char *field[CSV_MAX_ROWS][CSV_COLUMNS];
    size_t rows;
} csv;

/* An RFC 4180 reader that accepts nothing else: records end in CRLF,
 * a bare CR or LF is allowed only inside quotes, a quote only at a
 * field's start (and doubled inside quotes). Returns 0, or -1 with why. */
static int csv_read(csv *out, const char *s, size_t len, const char **why)
{
    size_t i = 0, col = 0;
    pk_strbuf f = PK_STRBUF_INIT;

    memset(out, 0, sizeof *out);
    while (i < len) {
        int quoted = s[i] == '"';

        pk_sb_reset(&f);
        pk_sb_puts(&f, "");
        if (quoted) {
            for (i++;; i++) {
                if (i >= len) {
                    *why = "unterminated quoted field";
                    goto bad;
                }
                if (s[i] == '"') {
                    if (i + 1 < len && s[i + 1] == '"') {
                        pk_sb_append(&f, "\"", 1);
                        i++;
                        continue;
                    }
                    i++;
                    break;
                }
                pk_sb_append(&f, s + i, 1);
            }
        } else {
            while (i < len && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                if (s[i] == '"') {
                    *why = "a quote inside an unquoted field";
                    goto bad;
                }
                pk_sb_append(&f, s + i, 1);
                i++;
            }
        }
        if (col >= CSV_COLUMNS || out->rows >= CSV_MAX_ROWS) {
            *why = "too many columns or rows";
            goto bad;
        }
        out->field[out->rows][col++] = pk_sb_steal(&f);
        if (i < len && s[i] == ',') {
            i++;
            continue;
        }
        if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n') {
            if (col != CSV_COLUMNS) {
                *why = "a row with the wrong number of columns";
                goto bad;
            }
            out->rows++;
            col = 0;
            i += 2;
            continue;
        }
        *why = "a record that does not end in CRLF";
        goto bad;
    }
    pk_sb_free(&f);
    return 0;
bad:
    pk_sb_free(&f);
    return -1;
}

static void csv_free(csv *c)
{
    size_t r, k;

    for (r = 0; r < CSV_MAX_ROWS; r++)
        for (k = 0; k < CSV_COLUMNS; k++)
            free(c->field[r][k]);
}

/* The ';'-joined ids a CSV column should hold, from the getters. */
static void expected_ids(pk_strbuf *sb, const pk_report *r, pk_category cat,
                         int want_fail, int want_unknown)
{
    size_t i, n = pk_report_result_count(r);

    pk_sb_puts(sb, "");
    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);
        pk_status st = pk_result_status(res);

        if (pk_result_category(res) != cat ||
            pk_result_severity(res) != PK_SEVERITY_MANDATORY)
            continue;
        if ((want_fail && st == PK_STATUS_FAIL) ||
            (want_unknown && st == PK_STATUS_UNKNOWN)) {
            if (sb->len > 0)
                pk_sb_puts(sb, ";");
            pk_sb_puts(sb, pk_result_id(res));
        }
    }
}

START_TEST(test_csv)
{
    static const char *const header[CSV_COLUMNS] = {
        "file",        "park",   "province",    "kind",       "verdict",
        "score",       "failed", "unknown",     "lacking",    "errors",
        "notice",      "open",   "rulepack",    "regime",     "provisional",
        "not_checked", "date",   "score_local", "failed_why", "missing",
        "invalid_why", "rules",
    };
    pk_lang lang = _i == 0 ? PK_LANG_VI : PK_LANG_EN;
    fixture fx;
    csv c;
    const char *why = "";
    size_t len, j, k;
    char *text;

    fixture_load(&fx);
    text = write_reports(&fx, PK_FORMAT_CSV, lang, fx.r, R_COUNT, &len);
    ck_assert_msg(len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0,
                  "no UTF-8 byte order mark");
    ck_assert_msg(csv_read(&c, text + 3, len - 3, &why) == 0, "%s", why);
    ck_assert_uint_eq(c.rows, 1 + R_COUNT);
    for (k = 0; k < CSV_COLUMNS; k++)
        ck_assert_str_eq(c.field[0][k], header[k]); /* in any language */

    for (j = 0; j < R_COUNT; j++) {
        const pk_report *r = fx.r[j];
        char **row = c.field[j + 1];
        pk_strbuf want = PK_STRBUF_INIT;
        double score = pk_report_score(r), got;
        size_t p, errors = 0;
        char *end;

        if (j == R_HOSTILE) {
            ck_assert_str_eq(row[0], HOSTILE_FILE);
            ck_assert_str_eq(row[1], HOSTILE_NAME);
            /* A formula-looking text gets an apostrophe. */
            ck_assert_str_eq(row[2], "'" HOSTILE_PROVINCE);
        } else {
            ck_assert_str_eq(row[0], pk_report_source(r));
            ck_assert_str_eq(row[1], pk_report_park_name(r));
            ck_assert_str_eq(row[2], pk_report_province(r));
        }
        ck_assert_str_eq(row[3], pk_report_kind(r));
        ck_assert_str_eq(row[4], pk_verdict_name(pk_report_verdict(r)));
        if (score < 0) {
            ck_assert_str_eq(row[5], "");
        } else {
            ck_assert_ptr_null(strchr(row[5], ','));
            got = strtod(row[5], &end);
            ck_assert_msg(*end == '\0', "score \"%s\"", row[5]);
            ck_assert_double_eq_tol(got, round(score * 100) / 100, 1e-9);
        }
        expected_ids(&want, r, PK_CATEGORY_CRITERION, 1, 0);
        ck_assert_str_eq(row[6], want.data);
        pk_sb_reset(&want);
        expected_ids(&want, r, PK_CATEGORY_CRITERION, 0, 1);
        ck_assert_str_eq(row[7], want.data);
        pk_sb_reset(&want);
        expected_ids(&want, r, PK_CATEGORY_DOCUMENT, 1, 1);
        ck_assert_str_eq(row[8], want.data);
        pk_sb_free(&want);
        for (p = 0; p < pk_report_problem_count(r); p++)
            errors += !pk_report_problem_is_warning(r, p);
        ck_assert_uint_eq(strtoul(row[9], NULL, 10), errors);
        ck_assert_str_eq(row[10], pk_report_notice(r, lang));
        /* No provision of these dossiers is open. */
        ck_assert_str_eq(row[11], "");
        ck_assert_str_eq(row[16], pk_report_date(r));
        if (score < 0) {
            ck_assert_str_eq(row[17], "");
        } else {
            /* The language's way: a Vietnamese spreadsheet reads "95,24"
             * as a number, "95.24" as text. */
            double local;
            char copy[32];

            ck_assert_uint_lt(strlen(row[17]), sizeof copy);
            strcpy(copy, row[17]);
            if (lang == PK_LANG_VI && strchr(copy, ',') != NULL)
                *strchr(copy, ',') = '.';
            ck_assert_ptr_null(strchr(row[17], lang == PK_LANG_VI ? '.' : ','));
            local = strtod(copy, &end);
            ck_assert_msg(*end == '\0', "score_local \"%s\"", row[17]);
            ck_assert_double_eq_tol(local, round(score * 100) / 100, 1e-9);
        }
        if (j == R_BROKEN) {
            ck_assert_str_ne(row[20], "");
        } else {
            ck_assert_str_eq(row[20], "");
            ck_assert_ptr_nonnull(strstr(row[21], "nd154-2013"));
        }
    }
    ck_assert_str_eq(c.field[1 + R_NEAR_MISS][18],
                     lang == PK_LANG_VI ? "Điều 5 khoản 2: thiếu 150 người"
                                        : "Art. 5(2): short by 150 people");
    ck_assert_str_ne(c.field[1 + R_INCOMPLETE][19], "");
    ck_assert_str_eq(c.field[1 + R_ELIGIBLE][18], "");
    ck_assert_str_eq(c.field[1 + R_ELIGIBLE][19], "");
    /* Something to check in each list column. */
    ck_assert_str_ne(c.field[1 + R_NEAR_MISS][6], "");
    ck_assert_str_ne(c.field[1 + R_INCOMPLETE][7], "");
    ck_assert_str_ne(c.field[1 + R_INCOMPLETE][8], "");
    ck_assert_str_eq(c.field[1 + R_BROKEN][9], "1");
    csv_free(&c);
    free(text);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_csv_empty)
{
    fixture fx;
    size_t len;
    char *text;

    fixture_load(&fx);
    text = write_reports(&fx, PK_FORMAT_CSV, PK_LANG_VI, NULL, 0, &len);
    ck_assert_str_eq(text, "\xEF\xBB\xBF"
                           "file,park,province,kind,verdict,score,failed,"
                           "unknown,lacking,errors,notice,open,rulepack,"
                           "regime,provisional,not_checked,date,"
                           "score_local,failed_why,missing,invalid_why,"
                           "rules\r\n");
    free(text);
    fixture_free(&fx);
}
END_TEST

/* The score's radix is '.' whatever LC_NUMERIC says. */
START_TEST(test_csv_locale)
{
    static const char *const locales[] = {
        "vi_VN.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "C.UTF-8",
    };
    fixture fx;
    size_t len, i;
    char *text, *line;

    for (i = 0; i < sizeof locales / sizeof locales[0]; i++)
        if (setlocale(LC_NUMERIC, locales[i]) != NULL)
            break;
    fixture_load(&fx);
    /* a score with a fraction (Yên Bình's is not a whole number) */
    ck_assert_double_ne(pk_report_score(fx.r[R_INCOMPLETE]),
                        (double)(long)pk_report_score(fx.r[R_INCOMPLETE]));
    text = write_reports(&fx, PK_FORMAT_CSV, PK_LANG_VI, &fx.r[R_INCOMPLETE], 1,
                         &len);
    setlocale(LC_NUMERIC, "C");
    line = strstr(text, "\r\n");
    ck_assert_ptr_nonnull(line);
    {
        const char *sc = strstr(line, ",incomplete,");
        ck_assert_msg(sc != NULL, "no verdict: %s", line);
        sc += strlen(",incomplete,");
        while (*sc >= '0' && *sc <= '9')
            sc++;
        ck_assert_msg(*sc == '.', "score not written with '.': %s", line);
    }
    free(text);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------------------
 * JUnit
 * ------------------------------------------------------------------------ */

static long attr_long(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    long n;

    ck_assert_msg(v != NULL, "<%s> has no %s", (const char *)node->name, name);
    n = strtol((const char *)v, NULL, 10);
    xmlFree(v);
    return n;
}

static int attr_is(xmlNodePtr node, const char *name, const char *want)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    int same = v != NULL && strcmp((const char *)v, want) == 0;

    xmlFree(v);
    return same;
}

static xmlNodePtr next_element(xmlNodePtr n, const char *name)
{
    for (; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            (name == NULL || strcmp((const char *)n->name, name) == 0))
            return n;
    return NULL;
}

/* A suite's <property name=...> value. */
static int property_is(xmlNodePtr suite, const char *name, const char *want)
{
    xmlNodePtr props = next_element(suite->children, "properties");
    xmlNodePtr p;

    ck_assert_ptr_nonnull(props);
    for (p = next_element(props->children, "property"); p != NULL;
         p = next_element(p->next, "property"))
        if (attr_is(p, "name", name))
            return attr_is(p, "value", want);
    return 0;
}

START_TEST(test_junit)
{
    pk_lang lang = _i == 0 ? PK_LANG_VI : PK_LANG_EN;
    long total[4] = {0, 0, 0, 0};
    fixture fx;
    xmlDocPtr doc;
    xmlNodePtr root, suite;
    size_t len, j;
    char *text;

    fixture_load(&fx);
    text = write_reports(&fx, PK_FORMAT_JUNIT, lang, fx.r, R_COUNT, &len);
    doc = xmlReadMemory(text, (int)len, "junit.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    ck_assert_msg(doc != NULL, "the JUnit report is not well-formed XML");
    root = xmlDocGetRootElement(doc);
    ck_assert_str_eq((const char *)root->name, "testsuites");

    suite = next_element(root->children, "testsuite");
    for (j = 0; j < R_COUNT;
         j++, suite = next_element(suite->next, "testsuite")) {
        const pk_report *r = fx.r[j];
        long want[4] = {0, 0, 0, 0}; /* tests, failures, errors, skipped */
        long seen[4] = {0, 0, 0, 0};
        size_t k, n = pk_report_result_count(r);
        xmlNodePtr tc;

        ck_assert_ptr_nonnull(suite);
        ck_assert(attr_is(suite, "name",
                          j == R_HOSTILE ? HOSTILE_FILE : pk_report_source(r)));
        ck_assert(property_is(suite, "verdict",
                              pk_verdict_name(pk_report_verdict(r))));
        ck_assert(property_is(suite, "park", pk_report_park_name(r)));
        for (k = 0; k < n; k++) {
            pk_status st = pk_result_status(pk_report_result(r, k));

            want[1] += st == PK_STATUS_FAIL;
            want[2] += st == PK_STATUS_ERROR;
            want[3] +=
                st == PK_STATUS_UNKNOWN || st == PK_STATUS_NOT_APPLICABLE;
        }
        want[0] = n > 0 ? (long)n : 1;
        if (n == 0)
            want[2] = 1; /* the unreadable dossier: one error */
        ck_assert_int_eq(attr_long(suite, "tests"), want[0]);
        ck_assert_int_eq(attr_long(suite, "failures"), want[1]);
        ck_assert_int_eq(attr_long(suite, "errors"), want[2]);
        ck_assert_int_eq(attr_long(suite, "skipped"), want[3]);

        /* The cases themselves agree with the counts, in the pack's
         * order, each named by its rule id and citation. */
        k = 0;
        for (tc = next_element(suite->children, "testcase"); tc != NULL;
             tc = next_element(tc->next, "testcase"), k++) {
            xmlNodePtr child = next_element(tc->children, NULL);
            xmlChar *name = xmlGetProp(tc, (const xmlChar *)"name");

            seen[0]++;
            if (n > 0) {
                const pk_result *res = pk_report_result(r, k);
                const char *id = pk_result_id(res);

                ck_assert_msg(strncmp((const char *)name, id, strlen(id)) == 0,
                              "case %s is not rule %s", (const char *)name, id);
                ck_assert_ptr_nonnull(strstr(
                    (const char *)name, pk_result_citation_text(res, lang)));
            }
            xmlFree(name);
            if (child == NULL)
                continue;
            if (strcmp((const char *)child->name, "failure") == 0)
                seen[1]++;
            else if (strcmp((const char *)child->name, "error") == 0)
                seen[2]++;
            else if (strcmp((const char *)child->name, "skipped") == 0)
                seen[3]++;
            ck_assert_ptr_nonnull(
                xmlHasProp(child, (const xmlChar *)"message"));
        }
        for (k = 0; k < 4; k++) {
            ck_assert_int_eq(seen[k], want[k]);
            total[k] += want[k];
        }
    }
    ck_assert_ptr_null(suite);
    ck_assert_int_eq(attr_long(root, "tests"), total[0]);
    ck_assert_int_eq(attr_long(root, "failures"), total[1]);
    ck_assert_int_eq(attr_long(root, "errors"), total[2]);
    ck_assert_int_eq(attr_long(root, "skipped"), total[3]);
    ck_assert_int_gt(total[1], 0);
    ck_assert_int_gt(total[3], 0);
    xmlFreeDoc(doc);
    free(text);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_junit_empty)
{
    fixture fx;
    size_t len;
    char *text;
    xmlDocPtr doc;

    fixture_load(&fx);
    text = write_reports(&fx, PK_FORMAT_JUNIT, PK_LANG_EN, NULL, 0, &len);
    doc = xmlReadMemory(text, (int)len, "junit.xml", NULL, XML_PARSE_NONET);
    ck_assert_ptr_nonnull(doc);
    ck_assert(attr_is(xmlDocGetRootElement(doc), "tests", "0"));
    xmlFreeDoc(doc);
    free(text);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------------------
 * NDJSON
 * ------------------------------------------------------------------------ */

/* A minimal JSON checker (RFC 8259 grammar; strings need only be free of
 * raw control characters). Advances *p past one value; 0 or -1. */
static int json_value(const char **p, int depth);

static void json_ws(const char **p)
{
    while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
        (*p)++;
}

static int json_string(const char **p)
{
    if (**p != '"')
        return -1;
    for ((*p)++; **p != '"'; (*p)++) {
        if ((unsigned char)**p < 0x20)
            return -1;
        if (**p == '\\') {
            (*p)++;
            if (strchr("\"\\/bfnrtu", **p) == NULL || **p == '\0')
                return -1;
        }
    }
    (*p)++;
    return 0;
}

static int json_value(const char **p, int depth)
{
    char *end;

    if (depth > 64)
        return -1;
    json_ws(p);
    switch (**p) {
    case '{':
        (*p)++;
        json_ws(p);
        if (**p == '}') {
            (*p)++;
            return 0;
        }
        for (;;) {
            json_ws(p);
            if (json_string(p) != 0)
                return -1;
            json_ws(p);
            if (*(*p)++ != ':' || json_value(p, depth + 1) != 0)
                return -1;
            json_ws(p);
            if (**p == '}') {
                (*p)++;
                return 0;
            }
            if (*(*p)++ != ',')
                return -1;
        }
    case '[':
        (*p)++;
        json_ws(p);
        if (**p == ']') {
            (*p)++;
            return 0;
        }
        for (;;) {
            if (json_value(p, depth + 1) != 0)
                return -1;
            json_ws(p);
            if (**p == ']') {
                (*p)++;
                return 0;
            }
            if (*(*p)++ != ',')
                return -1;
        }
    case '"':
        return json_string(p);
    case 't':
        return strncmp(*p, "true", 4) == 0 ? (*p += 4, 0) : -1;
    case 'f':
        return strncmp(*p, "false", 5) == 0 ? (*p += 5, 0) : -1;
    case 'n':
        return strncmp(*p, "null", 4) == 0 ? (*p += 4, 0) : -1;
    default:
        if (**p != '-' && (**p < '0' || **p > '9'))
            return -1;
        strtod(*p, &end);
        if (end == *p)
            return -1;
        *p = end;
        return 0;
    }
}

START_TEST(test_ndjson)
{
    pk_lang lang = _i == 0 ? PK_LANG_VI : PK_LANG_EN;
    tc_sink k = TC_SINK_INIT;
    fixture fx;
    pk_writer *w;
    pk_error err;
    size_t j, len, before;
    char *json, *line, *jline, *nl, *jnl;

    fixture_load(&fx);
    ck_assert_int_eq(
        pk_writer_new(&w, fx.engine, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_NDJSON, lang},
                      &err),
        0);
    ck_assert_uint_eq(k.text.len, 0); /* no header */
    for (j = 0; j < R_COUNT; j++) {
        before = k.text.len;
        ck_assert_int_eq(pk_writer_add(w, fx.r[j], &err), 0);
        /* Out as soon as added: one whole line per dossier. */
        ck_assert_uint_gt(k.text.len, before);
        ck_assert_int_eq(k.text.data[k.text.len - 1], '\n');
        ck_assert_ptr_eq(
            memchr(k.text.data + before, '\n', k.text.len - before - 1), NULL);
    }
    before = k.text.len;
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    ck_assert_uint_eq(k.text.len, before); /* no summary line */
    pk_writer_free(w);

    /* Each line is a JSON object, and the very object the JSON format
     * gives for the dossier. */
    json = write_reports(&fx, PK_FORMAT_JSON, lang, fx.r, R_COUNT, &len);
    line = k.text.data;
    jline = strchr(json, '\n') + 1; /* after the header line */
    for (j = 0; j < R_COUNT; j++) {
        const char *p = line;
        size_t n, jn;

        nl = strchr(line, '\n');
        ck_assert_ptr_nonnull(nl);
        ck_assert_int_eq(*line, '{');
        ck_assert_msg(json_value(&p, 0) == 0 && p == nl,
                      "line %zu is not one JSON value", j + 1);
        n = (size_t)(nl - line);
        jnl = strchr(jline, '\n');
        ck_assert_ptr_nonnull(jnl);
        jn = (size_t)(jnl - jline);
        if (jn > 0 && jline[jn - 1] == ',')
            jn--;
        ck_assert_msg(n == jn && memcmp(line, jline, n) == 0,
                      "line %zu differs from the JSON format's dossier", j + 1);
        line = nl + 1;
        jline = jnl + 1;
    }
    ck_assert_int_eq(*line, '\0');
    /* The hostile texts are JSON-escaped, not dropped. */
    ck_assert_ptr_nonnull(
        strstr(k.text.data, "<script>alert(1)</script>&\\\"'"));
    free(json);
    pk_sb_free(&k.text);
    fixture_free(&fx);
}
END_TEST

START_TEST(test_ndjson_empty)
{
    fixture fx;
    size_t len;
    char *text;

    fixture_load(&fx);
    text = write_reports(&fx, PK_FORMAT_NDJSON, PK_LANG_EN, NULL, 0, &len);
    ck_assert_uint_eq(len, 0);
    free(text);
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------------------
 * Every format: a failing output, and reuse after finish
 * ------------------------------------------------------------------------ */

static int failing_write(void *userdata, const char *data, size_t len)
{
    (void)userdata;
    (void)data;
    (void)len;
    return -1;
}

START_TEST(test_output_fails)
{
    static const pk_format formats[] = {
        PK_FORMAT_HTML,
        PK_FORMAT_CSV,
        PK_FORMAT_JUNIT,
        PK_FORMAT_NDJSON,
    };
    pk_format f = formats[_i];
    fixture fx;
    pk_writer *w = NULL;
    pk_error err;
    int rc;

    fixture_load(&fx);
    rc = pk_writer_new(
        &w, fx.engine, failing_write, NULL,
        &(pk_writer_options){PK_WRITER_OPTIONS_VERSION, f, PK_LANG_EN}, &err);
    if (rc == 0) {
        /* Nothing written yet (the buffered formats): it fails later. */
        rc = pk_writer_add(w, fx.r[R_NEAR_MISS], &err);
        if (rc == 0)
            rc = pk_writer_finish(w, &err);
        ck_assert_int_eq(rc, PK_EIO);
        ck_assert_int_eq(pk_writer_add(w, fx.r[R_NEAR_MISS], &err), PK_EIO);
        pk_writer_free(w);
    } else {
        ck_assert_int_eq(rc, PK_EIO); /* the CSV header */
        ck_assert_ptr_null(w);
    }
    fixture_free(&fx);
}
END_TEST

/* ------------------------------------------------------------------------
 * Comparisons: every rule of the built-in pack over many dossiers
 * ------------------------------------------------------------------------ */

#define MAX_WALK 1024

typedef struct walk {
    pk_engine *engine;
    pk_report *r[MAX_WALK];
    size_t n;
} walk;

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every conformance case's dossier checked with the built-in packs, and
 * every example. */
static void walk_load(walk *wk)
{
    static const char *const dirs[] = {PK_SOURCE_ROOT "/tests/cases",
                                       PK_SOURCE_ROOT "/examples"};
    pk_error err;

    memset(wk, 0, sizeof *wk);
    ck_assert_int_eq(pk_engine_new(&wk->engine, NULL, &err), 0);
    for (size_t d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        struct dirent *de;
        char *names[MAX_WALK];
        size_t nn = 0;

        ck_assert_ptr_nonnull(dir);
        while ((de = readdir(dir)) != NULL && nn < MAX_WALK)
            if (de->d_name[0] != '.')
                names[nn++] = strdup(de->d_name);
        closedir(dir);
        qsort(names, nn, sizeof *names, by_string);
        for (size_t i = 0; i < nn; i++) {
            char path[4096], rules[4096];
            FILE *f;
            size_t len = strlen(names[i]);

            if (d == 0) {
                snprintf(rules, sizeof rules, "%s/%s/rules.xml", dirs[d],
                         names[i]);
                if ((f = fopen(rules, "r")) != NULL) {
                    fclose(f); /* a pack of its own: not the built-in one */
                    free(names[i]);
                    continue;
                }
                snprintf(path, sizeof path, "%s/%s", dirs[d], names[i]);
                if (!tc_case_has_dossier(path)) {
                    free(names[i]);
                    continue;
                }
                snprintf(path, sizeof path, "%s/%s/dossier.xml", dirs[d],
                         names[i]);
            } else if (len > 4 && strcmp(names[i] + len - 4, ".xml") == 0) {
                snprintf(path, sizeof path, "%s/%s", dirs[d], names[i]);
            } else {
                free(names[i]);
                continue;
            }
            free(names[i]);
            ck_assert_uint_lt(wk->n, MAX_WALK);
            ck_assert_int_eq(
                tc_check_dossier(&wk->r[wk->n], wk->engine, path, NULL, &err),
                0);
            wk->n++;
        }
    }
    ck_assert_uint_gt(wk->n, 200);
}

static void walk_free(walk *wk)
{
    for (size_t i = 0; i < wk->n; i++)
        pk_report_free(wk->r[i]);
    pk_engine_free(wk->engine);
}

/* 1 when s, up to its end or " · ", is a number as the writers write one
 * ("0", "1.850", "15,47", "60%"). */
static int reads_as_number(const char *s)
{
    const char *end = strstr(s, " · ");
    size_t n = end != NULL ? (size_t)(end - s) : strlen(s), i, digits = 0;

    for (i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (strchr(".,% -", s[i]) == NULL)
            return 0;
    }
    return digits > 0;
}

/* The words after the first ": " of a comparison's text (the value) and
 * after "Required: " / "Yêu cầu: " (what is required). */
static const char *value_words(const char *text)
{
    const char *p = strstr(text, ": ");
    return p != NULL ? p + 2 : "";
}

static const char *required_words(const char *text, pk_lang lang)
{
    const char *key = lang == PK_LANG_VI ? " · Yêu cầu: " : " · Required: ";
    const char *p = strstr(text, key);
    return p != NULL ? p + strlen(key) : "";
}

static int word_is(const char *s, const char *a, const char *b)
{
    const char *end = strstr(s, " · ");
    size_t n = end != NULL ? (size_t)(end - s) : strlen(s);
    return (strlen(a) == n && strncmp(s, a, n) == 0) ||
           (strlen(b) == n && strncmp(s, b, n) == 0);
}

/* Every result of every dossier: a rule that passes or fails says what it
 * compared; a yes/no, a text or a set is never given as a number, neither
 * through the API nor in words. */
START_TEST(test_comparisons_walk)
{
    walk wk;
    size_t nrules, seen_cmp = 0, seen_bool = 0, seen_set = 0, seen_text = 0;
    unsigned char *decided;

    walk_load(&wk);
    nrules = pk_engine_rule_count(wk.engine, 0);
    decided = calloc(nrules + 1, 1);
    ck_assert_ptr_nonnull(decided);
    for (size_t d = 0; d < wk.n; d++) {
        const pk_report *r = wk.r[d];
        for (size_t i = 0; i < pk_report_result_count(r); i++) {
            const pk_result *res = pk_report_result(r, i);
            pk_status st = pk_result_status(res);
            pk_comparison c;
            pk_value_info v, req;
            int has = pk_result_comparison(res, &c) == 0;

            if (st == PK_STATUS_PASS || st == PK_STATUS_FAIL) {
                ck_assert_msg(has, "%s: %s is %s with no comparison",
                              pk_report_source(r), pk_result_id(res),
                              pk_status_name(st));
                if (i < nrules && strcmp(pk_report_pack_id(r),
                                         pk_engine_pack_id(wk.engine, 0)) == 0)
                    decided[i] = 1;
            }
            if (!has) {
                ck_assert_ptr_null(pk_result_comparison_text(res, PK_LANG_EN));
                continue;
            }
            seen_cmp++;
            ck_assert_int_eq(pk_result_comparison_value(res, &v, &req), 0);
            ck_assert_str_eq(v.id, c.fact);
            if (v.kind != PK_VALUE_NUMBER &&
                strcmp(c.unit != NULL ? c.unit : "", "date") != 0)
                ck_assert_msg(isnan(c.value) && isnan(c.threshold) &&
                                  isnan(c.shortfall),
                              "%s: %s: a %d compared as the number %g",
                              pk_report_source(r), pk_result_id(res),
                              (int)v.kind, c.value);
            seen_bool += v.kind == PK_VALUE_BOOL;
            seen_set += v.kind == PK_VALUE_SET;
            seen_text += v.kind == PK_VALUE_TEXT;
            for (int l = 0; l < 2; l++) {
                pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
                const char *text = pk_result_comparison_text(res, lang);
                const char *vw, *rw;

                ck_assert_ptr_nonnull(text);
                vw = value_words(text);
                rw = required_words(text, lang);
                ck_assert_msg(*rw != '\0',
                              "%s: %s: '%s' says nothing "
                              "required",
                              pk_report_source(r), pk_result_id(res), text);
                ck_assert_msg(
                    strstr(text, "Value: 0 · Required: = 0") == NULL &&
                        strstr(text, "Giá trị: 0 · Yêu cầu: = 0") == NULL,
                    "%s: %s: '%s'", pk_report_source(r), pk_result_id(res),
                    text);
                if (v.kind == PK_VALUE_BOOL)
                    ck_assert_msg(word_is(vw, "có", "không") ||
                                      word_is(vw, "yes", "no"),
                                  "%s: %s: a yes/no reads '%s'",
                                  pk_report_source(r), pk_result_id(res), text);
                if (req.kind == PK_VALUE_BOOL)
                    ck_assert_msg(word_is(rw, "có", "không") ||
                                      word_is(rw, "yes", "no"),
                                  "%s: %s: a yes/no required reads '%s'",
                                  pk_report_source(r), pk_result_id(res), text);
                if (v.kind != PK_VALUE_NUMBER &&
                    strcmp(c.unit != NULL ? c.unit : "", "date") != 0)
                    ck_assert_msg(!reads_as_number(vw) && !reads_as_number(rw),
                                  "%s: %s: '%s' gives a number",
                                  pk_report_source(r), pk_result_id(res), text);
            }
        }
    }
    /* Every rule of the built-in pack was decided somewhere, so each of
     * its comparisons was looked at. */
    for (size_t i = 0; i < nrules; i++)
        ck_assert_msg(decided[i], "no dossier decides %s",
                      pk_rule_id(pk_engine_rule(wk.engine, 0, i)));
    ck_assert_uint_gt(seen_cmp, 1000);
    ck_assert_uint_gt(seen_bool, 10);
    ck_assert_uint_gt(seen_set, 100);
    ck_assert_uint_gt(seen_text, 10);
    free(decided);
    walk_free(&wk);
}
END_TEST

/* The same in every format and language: no "0 = 0" in any output, and
 * JSON gives a yes/no as true/false. */
START_TEST(test_comparisons_walk_formats)
{
    static const char *const never[] = {
        "Value: 0 · Required: = 0",
        "Giá trị: 0 · Yêu cầu: = 0",
        "Value: 0; required: = 0",
        "Giá trị: 0; yêu cầu: = 0",
        "\"value\":0,\"threshold\":0",
        "Value</b>: 0",
        "= 0 (",
    };
    static const pk_format formats[] = {PK_FORMAT_TEXT,  PK_FORMAT_JSON,
                                        PK_FORMAT_HTML,  PK_FORMAT_CSV,
                                        PK_FORMAT_JUNIT, PK_FORMAT_NDJSON};
    pk_format format = formats[_i / 2];
    pk_lang lang = _i % 2 == 0 ? PK_LANG_VI : PK_LANG_EN;
    walk wk;
    fixture fx;
    size_t len;
    char *text;

    walk_load(&wk);
    memset(&fx, 0, sizeof fx);
    fx.engine = wk.engine;
    text = write_reports(&fx, format, lang, wk.r, wk.n, &len);
    for (size_t k = 0; k < sizeof never / sizeof never[0]; k++)
        ck_assert_msg(strstr(text, never[k]) == NULL,
                      "format %d: '%s' in the output", (int)format, never[k]);
    if (format == PK_FORMAT_JSON || format == PK_FORMAT_NDJSON) {
        size_t bools = 0;
        for (size_t d = 0; d < wk.n; d++)
            for (size_t i = 0; i < pk_report_result_count(wk.r[d]); i++) {
                const pk_result *res = pk_report_result(wk.r[d], i);
                pk_comparison c;
                pk_value_info v, req;
                char want[256];
                if (pk_result_comparison(res, &c) != 0)
                    continue;
                ck_assert_int_eq(pk_result_comparison_value(res, &v, &req), 0);
                if (v.kind != PK_VALUE_BOOL)
                    continue;
                snprintf(want, sizeof want,
                         "\"fact\":\"%s\",\"param\":null,\"op\":\"%s\","
                         "\"value\":%s,\"required\":%s,\"threshold\":null",
                         c.fact, c.op, v.boolean ? "true" : "false",
                         req.boolean ? "true" : "false");
                ck_assert_msg(strstr(text, want) != NULL, "no %s", want);
                bools++;
            }
        ck_assert_uint_gt(bools, 10);
    }
    if (format == PK_FORMAT_HTML || format == PK_FORMAT_JUNIT) {
        /* a failed yes/no rule's words are there */
        const char *want = lang == PK_LANG_VI ? ": không · Yêu cầu: có"
                                              : ": no · Required: yes";
        ck_assert_msg(strstr(text, want) != NULL, "no '%s'", want);
    }
    free(text);
    walk_free(&wk);
}
END_TEST

/* ------------------------------------------------------------------------
 * Summary: the batch's rows alone, sorted, each saying why
 * ------------------------------------------------------------------------ */

/* Where s first is in text, as an offset; fails when it is not there. */
static size_t offset_of(const char *text, const char *s)
{
    const char *at = strstr(text, s);

    ck_assert_msg(at != NULL, "no '%s'", s);
    return (size_t)(at - text);
}

START_TEST(test_summary)
{
    pk_lang lang = _i == 0 ? PK_LANG_VI : PK_LANG_EN;
    int vi = lang == PK_LANG_VI;
    fixture fx;
    size_t len;
    char *page;
    htmlDocPtr doc;

    fixture_load(&fx);
    page = write_reports(&fx, PK_FORMAT_SUMMARY, lang, fx.r, R_COUNT, &len);
    doc = parse_html(page, len);
    /* The hostile names are text, and the page runs nothing. */
    ck_assert(page_contains(doc, HOSTILE_NAME));
    ck_assert_ptr_null(strstr(page, "<script"));
    /* Why: the failed criterion with its shortfall, the facts missing,
     * the reason the broken file is invalid with its position. */
    ck_assert(page_contains(doc, vi ? "Điều 5 khoản 2: thiếu 150 người"
                                    : "Art. 5(2): short by 150 people"));
    ck_assert(page_contains(doc, vi ? "Còn thiếu:" : "Missing:"));
    ck_assert(page_contains(doc, vi ? "dòng 1, cột " : "line 1, column "));
    ck_assert(page_contains(doc, "nd154-2013"));
    /* Sorted by verdict (eligible, incomplete, not eligible, invalid),
     * whatever order the batch came in. */
    ck_assert_uint_lt(offset_of(page, "complete-eligible.xml"),
                      offset_of(page, "yen-binh.xml"));
    ck_assert_uint_lt(offset_of(page, "yen-binh.xml"),
                      offset_of(page, "near-miss.xml"));
    ck_assert_uint_lt(offset_of(page, "near-miss.xml"),
                      offset_of(page, "broken.xml"));
    ck_assert(page_contains(doc, vi ? "Trang 1 / 1" : "Page 1 of 1"));
    xmlFreeDoc(doc);
    free(page);

    page = write_reports(&fx, PK_FORMAT_SUMMARY, lang, NULL, 0, &len);
    doc = parse_html(page, len);
    ck_assert(page_contains(doc, vi ? "Không có hồ sơ nào được kiểm tra."
                                    : "No dossier was checked."));
    xmlFreeDoc(doc);
    free(page);
    fixture_free(&fx);
}
END_TEST

/* A row links to its dossier's own report when the caller says where it
 * is, for that row only; other formats refuse a link. */
START_TEST(test_summary_links)
{
    tc_sink k = TC_SINK_INIT;
    fixture fx;
    pk_writer *w;
    pk_error err;
    pk_writer_options o = PK_WRITER_OPTIONS_INIT;

    fixture_load(&fx);
    o.format = PK_FORMAT_HTML;
    o.lang = PK_LANG_EN;
    ck_assert_int_eq(pk_writer_new(&w, fx.engine, tc_sink_write, &k, &o, &err),
                     0);
    ck_assert_int_eq(pk_writer_link_next(w, "x.html", &err), PK_EINVAL);
    ck_assert_int_eq(err.code, PK_EINVAL);
    pk_writer_free(w);
    ck_assert_int_eq(pk_writer_link_next(NULL, "x.html", NULL), PK_EINVAL);

    o.format = PK_FORMAT_SUMMARY;
    ck_assert_int_eq(pk_writer_new(&w, fx.engine, tc_sink_write, &k, &o, &err),
                     0);
    ck_assert_int_eq(pk_writer_link_next(w, "near\"miss.html", &err), 0);
    ck_assert_int_eq(pk_writer_add(w, fx.r[R_NEAR_MISS], &err), 0);
    ck_assert_int_eq(pk_writer_add(w, fx.r[R_ELIGIBLE], &err), 0);
    ck_assert_int_eq(pk_writer_link_next(w, "unused.html", &err), 0);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    ck_assert_int_eq(pk_writer_link_next(w, "late.html", &err), PK_EINVAL);
    pk_writer_free(w);
    ck_assert(!k.text.failed);
    /* Escaped in its attribute, and only one row has a link. */
    ck_assert_ptr_nonnull(
        strstr(k.text.data, "<a href=\"near&quot;miss.html\">"));
    ck_assert_ptr_null(strstr(strstr(k.text.data, "</a>") + 4, "<a href"));
    ck_assert_ptr_null(strstr(k.text.data, "unused.html"));
    pk_sb_free(&k.text);
    fixture_free(&fx);
}
END_TEST

/* A row says what the caller notes of its dossier (that its own report
 * could not be written), escaped, for that row only; other formats refuse
 * a note. */
START_TEST(test_summary_notes)
{
    tc_sink k = TC_SINK_INIT;
    fixture fx;
    pk_writer *w;
    pk_error err;
    pk_writer_options o = PK_WRITER_OPTIONS_INIT;
    const char *row;

    fixture_load(&fx);
    o.format = PK_FORMAT_HTML;
    o.lang = PK_LANG_EN;
    ck_assert_int_eq(pk_writer_new(&w, fx.engine, tc_sink_write, &k, &o, &err),
                     0);
    ck_assert_int_eq(pk_writer_note_next(w, "x", &err), PK_EINVAL);
    ck_assert_int_eq(err.code, PK_EINVAL);
    pk_writer_free(w);
    ck_assert_int_eq(pk_writer_note_next(NULL, "x", NULL), PK_EINVAL);

    o.format = PK_FORMAT_SUMMARY;
    ck_assert_int_eq(pk_writer_new(&w, fx.engine, tc_sink_write, &k, &o, &err),
                     0);
    ck_assert_int_eq(pk_writer_note_next(w, "Not written: <a&b>.html", &err),
                     0);
    ck_assert_int_eq(pk_writer_link_next(w, "near.json", &err), 0);
    ck_assert_int_eq(pk_writer_add(w, fx.r[R_NEAR_MISS], &err), 0);
    ck_assert_int_eq(pk_writer_add(w, fx.r[R_ELIGIBLE], &err), 0);
    ck_assert_int_eq(pk_writer_note_next(w, "unused", &err), 0);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    ck_assert_int_eq(pk_writer_note_next(w, "late", &err), PK_EINVAL);
    pk_writer_free(w);
    ck_assert(!k.text.failed);
    /* In the dossier's cell, after its link, escaped; once. */
    row = strstr(k.text.data, "<a href=\"near.json\">");
    ck_assert_ptr_nonnull(row);
    ck_assert_ptr_nonnull(strstr(row, "</a></div><div class=\"note\">Not "
                                      "written: &lt;a&amp;b&gt;.html</div>"));
    ck_assert_ptr_null(strstr(strstr(row, "Not written") + 1, "Not written"));
    ck_assert_ptr_null(strstr(k.text.data, "unused"));
    pk_sb_free(&k.text);
    fixture_free(&fx);
}
END_TEST

/* Reports the caller leaves out of the output are counted in the totals
 * the text, HTML and summary formats close with, which then say how many
 * were checked and shown and which verdicts were left out; they take no
 * index of pk_writer_format(). */
START_TEST(test_leave_out)
{
    static const pk_format formats[] = {PK_FORMAT_TEXT, PK_FORMAT_HTML,
                                        PK_FORMAT_SUMMARY};
    pk_lang lang = _i % 2 ? PK_LANG_VI : PK_LANG_EN;
    int vi = lang == PK_LANG_VI;
    pk_format format = formats[_i / 2];
    tc_sink k = TC_SINK_INIT;
    fixture fx;
    pk_writer *w;
    pk_writer_piece *piece;
    pk_error err;
    pk_writer_options o = PK_WRITER_OPTIONS_INIT;

    fixture_load(&fx);
    o.format = format;
    o.lang = lang;
    ck_assert_int_eq(pk_writer_new(&w, fx.engine, tc_sink_write, &k, &o, &err),
                     0);
    ck_assert_int_eq(pk_writer_leave_out(w, NULL, &err), PK_EINVAL);
    ck_assert_int_eq(pk_writer_leave_out(w, fx.r[R_ELIGIBLE], &err), 0);
    ck_assert_int_eq(pk_writer_leave_out(w, fx.r[R_INCOMPLETE], &err), 0);
    /* The first report written is still the writer's report 0. */
    ck_assert_int_eq(pk_writer_format(w, fx.r[R_NEAR_MISS], 0, &piece, &err),
                     0);
    ck_assert_int_eq(pk_writer_add_piece(w, piece, &err), 0);
    pk_writer_piece_free(piece);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    ck_assert_int_eq(pk_writer_leave_out(w, fx.r[R_ELIGIBLE], &err), PK_EINVAL);
    pk_writer_free(w);
    ck_assert_int_eq(pk_writer_leave_out(NULL, fx.r[R_ELIGIBLE], NULL),
                     PK_EINVAL);
    ck_assert(!k.text.failed);
    ck_assert_msg(
        strstr(k.text.data, vi ? "3 hồ sơ đã kiểm tra, hiển thị 1 (không hiển "
                                 "thị: Đủ điều kiện, Hồ sơ chưa đầy đủ)"
                               : "3 dossiers checked, 1 shown (left out: "
                                 "Eligible, Incomplete)") != NULL,
        "%s", k.text.data);
    /* The counts are the whole batch's. */
    ck_assert_ptr_nonnull(
        strstr(k.text.data, vi ? "Đủ điều kiện: 1" : "Eligible: 1"));
    ck_assert_ptr_nonnull(
        strstr(k.text.data, vi ? "Hồ sơ chưa đầy đủ: 1" : "Incomplete: 1"));
    ck_assert_ptr_nonnull(
        strstr(k.text.data, vi ? "Không đủ điều kiện: 1" : "Not eligible: 1"));
    /* Only the report shown is written. */
    ck_assert_ptr_nonnull(strstr(k.text.data, "near-miss.xml"));
    ck_assert_ptr_null(strstr(k.text.data, "complete-eligible.xml"));
    ck_assert_ptr_null(strstr(k.text.data, "yen-binh.xml"));
    pk_sb_free(&k.text);
    fixture_free(&fx);
}
END_TEST

/* The JSON summary counts the dossiers it holds, and with some left out
 * says how many and gives the whole batch's counts beside them. */
START_TEST(test_leave_out_json)
{
    tc_sink k = TC_SINK_INIT;
    fixture fx;
    pk_writer *w;
    pk_error err;
    pk_writer_options o = PK_WRITER_OPTIONS_INIT;
    const char *summary;

    fixture_load(&fx);
    o.format = PK_FORMAT_JSON;
    o.lang = PK_LANG_EN;
    ck_assert_int_eq(pk_writer_new(&w, fx.engine, tc_sink_write, &k, &o, &err),
                     0);
    ck_assert_int_eq(pk_writer_leave_out(w, fx.r[R_ELIGIBLE], &err), 0);
    ck_assert_int_eq(pk_writer_leave_out(w, fx.r[R_INCOMPLETE], &err), 0);
    ck_assert_int_eq(pk_writer_add(w, fx.r[R_NEAR_MISS], &err), 0);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    pk_writer_free(w);
    ck_assert(!k.text.failed);
    summary = strstr(k.text.data, "\"summary\":");
    ck_assert_ptr_nonnull(summary);
    ck_assert_str_eq(
        summary, "\"summary\":{\"dossiers\":1,\"eligible\":0,"
                 "\"incomplete\":0,\"not_eligible\":1,\"invalid\":0,"
                 "\"needs_ruling\":0,\"left_out\":2,\"batch\":{"
                 "\"dossiers\":3,\"eligible\":1,\"incomplete\":1,"
                 "\"not_eligible\":1,\"invalid\":0,\"needs_ruling\":0}}}\n");
    pk_sb_free(&k.text);
    fixture_free(&fx);
}
END_TEST

static Suite *formats_suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc;

    tc = tcase_create("escape");
    tcase_add_loop_test(tc, test_xml_escape, 0,
                        (int)(sizeof xml_cases / sizeof xml_cases[0]));
    tcase_add_test(tc, test_xml_escape_all_pairs);
    tcase_add_test(tc, test_format_names);
    suite_add_tcase(s, tc);

    tc = tcase_create("html");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_html_each_dossier, 0, 2 * R_COUNT);
    tcase_add_loop_test(tc, test_html_batch, 0, 2);
    tcase_add_test(tc, test_html_hostile);
    tcase_add_test(tc, test_html_words);
    tcase_add_test(tc, test_html_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("summary");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_summary, 0, 2);
    tcase_add_test(tc, test_summary_links);
    tcase_add_test(tc, test_summary_notes);
    tcase_add_loop_test(tc, test_leave_out, 0, 6);
    tcase_add_test(tc, test_leave_out_json);
    suite_add_tcase(s, tc);

    tc = tcase_create("csv");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_csv, 0, 2);
    tcase_add_test(tc, test_csv_empty);
    tcase_add_test(tc, test_csv_locale);
    suite_add_tcase(s, tc);

    tc = tcase_create("junit");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_junit, 0, 2);
    tcase_add_test(tc, test_junit_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("comparisons");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_comparisons_walk);
    tcase_add_loop_test(tc, test_comparisons_walk_formats, 0, 12);
    suite_add_tcase(s, tc);

    tc = tcase_create("ndjson");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_ndjson, 0, 2);
    tcase_add_test(tc, test_ndjson_empty);
    tcase_add_loop_test(tc, test_output_fails, 0, 4);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int rc = tc_run_suite(formats_suite());

    xmlCleanupParser();
    return rc;
}
