/*
 * test_reader.c - the dossier reader, through the public API
 * (pk_engine_new + pk_check_memory): every class of bad input gets its code,
 * its exact line:column (columns in characters, not bytes) and a message
 * that says what is wrong; values are typed, trimmed and converted as the
 * format says; the reader's safety limits hold.
 */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

#include "encoding.h"
#include "internal.h"
#include "messages.h"
#include "syntax.h"
#include "bounds.h" /* pk_format_load and the format's <checks> */
#include "words.h"  /* pk_cite_write */

static pk_engine *engine;

static void engine_setup(void)
{
    pk_error err;

    memset(&err, 0, sizeof err);
    if (pk_engine_new(&engine, NULL, &err) != PK_OK) {
        fprintf(stderr, "pk_engine_new: %s\n", err.message);
        abort();
    }
}

static void engine_teardown(void)
{
    pk_engine_free(engine);
    engine = NULL;
}

/* Checks len bytes with engine e; the report must come back. */
static pk_report *check_len_with(const pk_engine *e, const char *data,
                                 size_t len)
{
    pk_report *r = NULL;
    pk_error err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = pk_check_memory(&r, e, "t.xml", data, len, NULL, &err);
    ck_assert_msg(rc == PK_OK, "pk_check_memory: %d %s", rc, err.message);
    ck_assert_ptr_nonnull(r);
    return r;
}

static pk_report *check_text(const char *xml)
{
    return check_len_with(engine, xml, strlen(xml));
}

/* The first line of most dossiers here: line 2 is where bodies start. */
#define HEAD                                                                   \
    "<dossier format=\"1\" kind=\"establishment\" submitted=\"2024-06-01\">\n"
#define TAIL "</dossier>\n"

static void dump_problems(const pk_report *r)
{
    for (size_t i = 0; i < pk_report_problem_count(r); i++) {
        const pk_error *p = pk_report_problem(r, i);
        fprintf(stderr, "  problem %zu: %s %d %u:%u %s\n", i,
                pk_report_problem_is_warning(r, i) ? "warning" : "error",
                p->code, p->line, p->column, p->message);
    }
}

/* Asserts problem i: code, warning or error, position and words. */
static void assert_problem(const pk_report *r, size_t i, int code, int warning,
                           unsigned line, unsigned col, const char *words)
{
    const pk_error *p;

    if (i >= pk_report_problem_count(r))
        dump_problems(r);
    ck_assert_uint_lt(i, pk_report_problem_count(r));
    p = pk_report_problem(r, i);
    ck_assert_ptr_nonnull(p);
    if (p->code != code || p->line != line || p->column != col ||
        strstr(p->message, words) == NULL ||
        pk_report_problem_is_warning(r, i) != warning) {
        dump_problems(r);
        ck_abort_msg("problem %zu: %s %d at %u:%u \"%s\"; expected %s %d "
                     "at %u:%u with \"%s\"",
                     i,
                     pk_report_problem_is_warning(r, i) ? "warning" : "error",
                     p->code, p->line, p->column, p->message,
                     warning ? "warning" : "error", code, line, col, words);
    }
    ck_assert_str_eq(p->source, "t.xml");
}

/* A dossier that could not be read: verdict invalid, no results, one
 * problem. */
static void assert_unreadable(const pk_report *r, int code, unsigned line,
                              unsigned col, const char *words)
{
    if (pk_report_problem_count(r) != 1)
        dump_problems(r);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, code, 0, line, col, words);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    ck_assert_uint_eq(pk_report_result_count(r), 0);
    ck_assert(pk_report_score(r) < 0);
    ck_assert_str_eq(pk_report_source(r), "t.xml");
}

static const pk_result *result_by_id(const pk_report *r, const char *id)
{
    for (size_t i = 0; i < pk_report_result_count(r); i++)
        if (strcmp(pk_result_id(pk_report_result(r, i)), id) == 0)
            return pk_report_result(r, i);
    ck_abort_msg("no result %s", id);
    return NULL;
}

static const pk_value_info *value_by_id(const pk_result *res, const char *id)
{
    for (size_t i = 0; i < pk_result_value_count(res); i++)
        if (strcmp(pk_result_value(res, i)->id, id) == 0)
            return pk_result_value(res, i);
    ck_abort_msg("result %s shows no value %s", pk_result_id(res), id);
    return NULL;
}

/* ------------------------------------------------------------------------
 * Unreadable files
 * ------------------------------------------------------------------------ */

/* Problems are worded in Vietnamese for a Vietnamese report, and the
 * English wording stays what pk_report_problem() gives. */
START_TEST(test_problems_in_vietnamese)
{
    static const struct {
        const char *xml;
        const char *en, *vi;
    } cases[] = {
        {HEAD
         "  "
         "<workforce><it-specialists>2.000</it-specialists></workforce>\n" TAIL,
         "thousands separator", "dấu phân cách hàng nghìn"},
        {HEAD "  <land><total>545,82</total></land>\n" TAIL, "decimal comma",
         "dấu thập phân"},
        {HEAD "  <workforse/>\n" TAIL, "unknown element",
         "không có trong định dạng hồ sơ"},
        {HEAD "  <zones><zone group=\"core\" type=\"finance\"/></zones>\n" TAIL,
         "belongs to group", "thuộc nhóm service"},
        {"<?xml version=\"1.0\"?>\n<!DOCTYPE dossier>\n<dossier/>\n", "DOCTYPE",
         "khai báo DOCTYPE"},
        {"<report/>\n", "expected <dossier>", "cần là <dossier>"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pk_report *r = check_text(cases[i].xml);
        int found = 0;
        for (size_t k = 0; k < pk_report_problem_count(r); k++) {
            const char *en = pk_report_problem_text(r, k, PK_LANG_EN);
            const char *vi = pk_report_problem_text(r, k, PK_LANG_VI);
            ck_assert_str_eq(en, pk_report_problem(r, k)->message);
            if (strstr(en, cases[i].en) != NULL) {
                found = 1;
                ck_assert_msg(strstr(vi, cases[i].vi) != NULL,
                              "case %zu: '%s' lacks '%s'", i, vi, cases[i].vi);
            }
        }
        ck_assert_msg(found, "case %zu: no problem with '%s'", i, cases[i].en);
        ck_assert_ptr_null(pk_report_problem_text(r, 99999, PK_LANG_VI));
        pk_report_free(r);
    }
}
END_TEST

START_TEST(test_doctype_internal_subset)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?>\n"
        "  <!DOCTYPE dossier [\n"
        "  <!ENTITY x \"2400\">\n"
        "]>\n" HEAD "<workforce><it-specialists>&x;</it-specialists>"
        "</workforce>\n" TAIL;
    pk_report *r = check_text(xml);

    assert_unreadable(r, PK_EDOCTYPE, 2, 3, "DOCTYPE");
    pk_report_free(r);
}
END_TEST

/* A billion laughs: refused as a DOCTYPE before any entity is expanded. */
START_TEST(test_doctype_entity_bomb)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE dossier [\n"
        " <!ENTITY l0 \"lol\">\n"
        " <!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"
        " <!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"
        " <!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"
        " <!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"
        " <!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"
        " <!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"
        " <!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"
        " <!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"
        " <!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"
        "]>\n"
        "<dossier format=\"1\" kind=\"establishment\">\n"
        "<park><name>&l9;</name></park>\n" TAIL;
    pk_report *r = check_text(xml);

    assert_unreadable(r, PK_EDOCTYPE, 2, 1, "DOCTYPE");
    ck_assert_str_eq(pk_report_park_name(r), "");
    pk_report_free(r);
}
END_TEST

/* External entities and DTDs are never fetched: the DOCTYPE is refused. */
START_TEST(test_doctype_external)
{
    static const char entity[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE dossier [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" HEAD
        "<park><name>&x;</name></park>\n" TAIL;
    static const char dtd[] =
        "<?xml version=\"1.0\"?>\n"
        "<!-- a comment first -->\n"
        "\t<!DOCTYPE dossier SYSTEM \"http://127.0.0.1:9/dossier.dtd\">\n" HEAD
            TAIL;
    pk_report *r = check_text(entity);

    assert_unreadable(r, PK_EDOCTYPE, 2, 1, "DOCTYPE");
    ck_assert_ptr_null(strstr(pk_report_problem(r, 0)->message, "root:"));
    pk_report_free(r);
    r = check_text(dtd);
    assert_unreadable(r, PK_EDOCTYPE, 3, 2, "DOCTYPE");
    pk_report_free(r);
}
END_TEST

START_TEST(test_undefined_entity)
{
    static const char xml[] = HEAD "<park>\n"
                                   "  <name>Khu &foo; Bình Dương</name>\n"
                                   "</park>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_error *p;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    p = pk_report_problem(r, 0);
    ck_assert_int_eq(p->code, PK_EXML);
    ck_assert_uint_eq(p->line, 3);
    /* at the reference: from its '&' (column 13) to just after its ';' */
    ck_assert_msg(p->column >= 13 && p->column <= 18, "column %u", p->column);
    ck_assert_ptr_nonnull(strstr(p->message, "foo"));
    ck_assert_ptr_nonnull(strstr(p->message, "not well-formed"));
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
}
END_TEST

/* The predefined entities and character references are fine. */
START_TEST(test_predefined_entities)
{
    static const char xml[] = HEAD
        "<park><name>A &amp; B &lt;C&gt; &#272;i&#x1EC1;u</name></park>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    ck_assert_str_eq(pk_report_park_name(r), "A & B <C> Điều");
    pk_report_free(r);
}
END_TEST

/* The invalid byte is reported where it is, in characters. */
static const struct bad_utf8 {
    const char *what;
    const char *xml;
    unsigned line, col;
    const char *words;
} bad_utf8_cases[] = {
    {"ascii line", HEAD "  <park><name>Khu \xff</name></park>\n" TAIL, 2, 19,
     "0xFF"},
    {"after Vietnamese text",
     HEAD "  <park><name>Khu CNTT Bình Dương \xff</name></park>\n" TAIL, 2, 35,
     "0xFF"},
    {"right after one accented letter",
     HEAD "  <park><name>aé\xff</name></park>\n" TAIL, 2, 17, "0xFF"},
    {"after one accented letter, start of line",
     HEAD "<park><name>aé\xff</name></park>\n" TAIL, 2, 15, "0xFF"},
    {"right after several accented letters",
     HEAD "<park><name>Điều ước \xfe</name></park>\n" TAIL, 2, 22, "0xFE"},
    {"Latin-1 text",
     HEAD "<park><province>Vi\xeat Nam</province></park>\n" TAIL, 2, 19,
     "0xEA"},
    {"overlong in an attribute",
     HEAD "<functions><function name=\"rnd\xc0\xaf\"/></functions>\n" TAIL, 2,
     31, "0xC0"},
    {"surrogate", HEAD "<park><name>x\xed\xa0\x80</name></park>\n" TAIL, 2, 14,
     "0xED"},
    {"truncated at the end of the file",
     HEAD "<park><name>x</name></park>\n" TAIL "\xe1\xba", 4, 1, "0xE1"},
    {"on the first line", "<dossier\xff format=\"1\"/>", 1, 9, "0xFF"},
};

START_TEST(test_invalid_utf8)
{
    const struct bad_utf8 *c = &bad_utf8_cases[_i];
    pk_report *r = check_text(c->xml);
    size_t count = pk_report_problem_count(r);
    pk_verdict verdict = pk_report_verdict(r);
    pk_error p;

    memset(&p, 0, sizeof p);
    if (count > 0)
        p = *pk_report_problem(r, 0);
    pk_report_free(r);
    ck_assert_uint_eq(count, 1);
    ck_assert_msg(
        p.code == PK_EENCODING && p.line == c->line && p.column == c->col &&
            strstr(p.message, c->words) && strstr(p.message, "UTF-8"),
        "%s: %d at %u:%u \"%s\"; expected %d at %u:%u with %s", c->what, p.code,
        p.line, p.column, p.message, PK_EENCODING, c->line, c->col, c->words);
    ck_assert_int_eq(verdict, PK_VERDICT_INVALID);
}
END_TEST

/* A bad byte after a thousand lines of Vietnamese text is still found
 * where it is. */
START_TEST(test_invalid_utf8_far)
{
    size_t cap = 64 + 1000 * 16 + 256, n;
    char *xml = malloc(cap);
    pk_report *r;
    pk_error p;
    size_t count;

    ck_assert_ptr_nonnull(xml);
    n = (size_t)snprintf(xml, cap, "%s<park><name>", HEAD);
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(xml + n, cap - n, "Bình Dương\n");
    snprintf(xml + n, cap - n, "ab\xc3</name></park>\n%s", TAIL);
    r = check_text(xml);
    free(xml);
    count = pk_report_problem_count(r);
    memset(&p, 0, sizeof p);
    if (count > 0)
        p = *pk_report_problem(r, 0);
    pk_report_free(r);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(p.code, PK_EENCODING);
    ck_assert_msg(p.line == 1002 && p.column == 3,
                  "reported at %u:%u (%s), expected 1002:3", p.line, p.column,
                  p.message);
}
END_TEST

START_TEST(test_nul_byte)
{
    static const char xml[] =
        HEAD "<park><name>Bình\0Dương</name></park>\n" TAIL;
    static const char first[] = "\0" HEAD TAIL;
    pk_report *r = check_len_with(engine, xml, sizeof xml - 1);

    assert_unreadable(r, PK_EENCODING, 2, 17, "NUL");
    pk_report_free(r);
    r = check_len_with(engine, first, sizeof first - 1);
    assert_unreadable(r, PK_EENCODING, 1, 1, "NUL");
    pk_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Encodings (encoding.c)
 * ------------------------------------------------------------------------ */

START_TEST(test_utf16_detect)
{
    size_t skip = 99;

    ck_assert_int_eq(pk_utf16_detect("\xFF\xFE<\0", 4, &skip), PK_UTF16LE);
    ck_assert_uint_eq(skip, 2);
    ck_assert_int_eq(pk_utf16_detect("\xFE\xFF\0<", 4, &skip), PK_UTF16BE);
    ck_assert_uint_eq(skip, 2);
    ck_assert_int_eq(pk_utf16_detect("<\0?\0x\0", 6, &skip), PK_UTF16LE);
    ck_assert_uint_eq(skip, 0);
    ck_assert_int_eq(pk_utf16_detect("\0<\0?\0x", 6, &skip), PK_UTF16BE);
    ck_assert_int_eq(pk_utf16_detect("<?xml", 5, &skip), PK_NOT_UTF16);
    ck_assert_int_eq(pk_utf16_detect("\xEF\xBB\xBF<", 4, &skip), PK_NOT_UTF16);
    ck_assert_int_eq(pk_utf16_detect("\xFF", 1, &skip), PK_NOT_UTF16);
    /* a NUL first is a NUL, not UTF-16 */
    ck_assert_int_eq(pk_utf16_detect("\0<?x", 4, &skip), PK_NOT_UTF16);
}
END_TEST

START_TEST(test_utf16_to_utf8)
{
    static const struct {
        const char *in;
        size_t len;
        pk_utf16 order;
        int rc;
        const char *out;
        unsigned unit;
    } cases[] = {
        {"<\0a\0>\0", 6, PK_UTF16LE, PK_OK, "<a>", 0},
        {"\0<\0a\0>", 6, PK_UTF16BE, PK_OK, "<a>", 0},
        /* ệ U+1EC7, Đ U+0110: as Vietnamese text is */
        {"\xC7\x1E\x10\x01", 4, PK_UTF16LE, PK_OK, "ệĐ", 0},
        /* a pair: U+1F600 */
        {"\x3D\xD8\x00\xDE", 4, PK_UTF16LE, PK_OK, "\xF0\x9F\x98\x80", 0},
        {"a\0\x00\xDE", 4, PK_UTF16LE, PK_EENCODING, "a", 0xDE00},
        {"a\0\x3D\xD8", 4, PK_UTF16LE, PK_EENCODING, "a", 0xD83D},
        {"a\0\x3D\xD8"
         "b\0",
         6, PK_UTF16LE, PK_EENCODING, "a", 0xD83D},
        {"a\0b", 3, PK_UTF16LE, PK_EENCODING, "a", 0x10000 + 'b'},
        {"", 0, PK_UTF16LE, PK_OK, "", 0},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        size_t outlen = 99;
        unsigned unit = 1;
        int rc = pk_utf16_to_utf8(cases[i].in, cases[i].len, cases[i].order,
                                  &out, &outlen, &unit);
        ck_assert_msg(rc == cases[i].rc, "case %zu: rc %d", i, rc);
        ck_assert_ptr_nonnull(out);
        ck_assert_uint_eq(outlen, strlen(cases[i].out));
        ck_assert_str_eq(out, cases[i].out);
        if (rc != PK_OK)
            ck_assert_uint_eq(unit, cases[i].unit);
        free(out);
    }
}
END_TEST

START_TEST(test_declared_encoding)
{
    static const struct {
        const char *in;
        const char *name; /* NULL: none found */
    } cases[] = {
        {"<?xml version=\"1.0\" encoding=\"windows-1258\"?><a/>",
         "windows-1258"},
        {"<?xml version='1.0' encoding = 'ISO-8859-1' ?>", "ISO-8859-1"},
        {"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "UTF-8"},
        {"<?xml version=\"1.0\"\n   encoding=\"UTF-16\"?>", "UTF-16"},
        {"<?xml version=\"1.0\"?><a encoding=\"x\"/>", NULL},
        {"<a/>", NULL},
        {" <?xml version=\"1.0\" encoding=\"x\"?>", NULL},
        {"<?xml version=\"1.0\" encoding=\"unterminated?>", NULL},
        {"<?xml version=\"1.0\" encoding=\"x\"", NULL},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 0, vlen = 0;
        int found = pk_xml_declared_encoding(cases[i].in, strlen(cases[i].in),
                                             &off, &vlen);
        ck_assert_msg(found == (cases[i].name != NULL), "case %zu", i);
        if (found) {
            ck_assert_uint_eq(vlen, strlen(cases[i].name));
            ck_assert(memcmp(cases[i].in + off, cases[i].name, vlen) == 0);
        }
    }
    ck_assert(pk_encoding_reads_as_utf8("UTF-8", 5));
    ck_assert(pk_encoding_reads_as_utf8("utf8", 4));
    ck_assert(pk_encoding_reads_as_utf8("US-ASCII", 8));
    ck_assert(pk_encoding_reads_as_utf8("UTF-16", 6));
    ck_assert(!pk_encoding_reads_as_utf8("windows-1258", 12));
    ck_assert(!pk_encoding_reads_as_utf8("ISO-8859-1", 10));
    ck_assert(!pk_encoding_reads_as_utf8("UTF-8x", 6));
    ck_assert(!pk_encoding_reads_as_utf8("UTF-", 4));
    ck_assert(pk_all_ascii("abc<>", 5));
    ck_assert(!pk_all_ascii("\xC3\xA9", 2));
}
END_TEST

/* A UTF-16 dossier reads as its UTF-8 twin, problems at the same place. */
START_TEST(test_utf16_dossier)
{
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" HEAD
        "  <park><name>Bình Dương</name></park>\n"
        "  <land><total>75.000</total></land>\n" TAIL;
    size_t n = strlen(xml);
    char *le = malloc(2 * n + 2), *be = malloc(2 * n + 2);
    pk_report *r;

    ck_assert_ptr_nonnull(le);
    ck_assert_ptr_nonnull(be);
    {
        size_t k = 2;
        /* UTF-8 to UTF-16 by hand: the text is in the BMP */
        le[0] = '\xFF', le[1] = '\xFE', be[0] = '\xFE', be[1] = '\xFF';
        for (size_t i = 0; i < n;) {
            unsigned char c = (unsigned char)xml[i];
            unsigned cp;
            if (c < 0x80) {
                cp = c;
                i += 1;
            } else if (c < 0xE0) {
                cp = ((c & 0x1Fu) << 6) | ((unsigned char)xml[i + 1] & 0x3Fu);
                i += 2;
            } else {
                cp = ((c & 0x0Fu) << 12) |
                     (((unsigned char)xml[i + 1] & 0x3Fu) << 6) |
                     ((unsigned char)xml[i + 2] & 0x3Fu);
                i += 3;
            }
            le[k] = (char)(cp & 0xFF), le[k + 1] = (char)(cp >> 8);
            be[k] = (char)(cp >> 8), be[k + 1] = (char)(cp & 0xFF);
            k += 2;
        }
        n = k;
    }
    for (int i = 0; i < 3; i++) {
        r = i == 2 ? check_text(xml) : check_len_with(engine, i ? be : le, n);
        ck_assert_str_eq(pk_report_park_name(r), "Bình Dương");
        assert_problem(r, 0, PK_EVALUE, 0, 4, 16, "75000 or 75.0?");
        pk_report_free(r);
    }
    /* a lone surrogate is reported where it stands */
    le[20] = '\x00', le[21] = '\xDC';
    r = check_len_with(engine, le, n);
    assert_unreadable(r, PK_EENCODING, 1, 10, "UTF-16");
    pk_report_free(r);
    free(le);
    free(be);
}
END_TEST

/* A declared legacy encoding is refused at the name, with how to save the
 * file as UTF-8; ASCII text only warns; a UTF-8 byte order mark is
 * skipped, positions unchanged. */
START_TEST(test_legacy_encoding)
{
    static const char w1258[] =
        "<?xml version=\"1.0\" encoding=\"windows-1258\"?>\n" HEAD
        "<park><name>Vi\xEA\xD2t</name></park>\n" TAIL;
    static const char ascii[] =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" HEAD TAIL;
    static const char bom[] =
        "\xEF\xBB\xBF" HEAD "<land><total>1,5</total></land>\n" TAIL;
    pk_report *r = check_text(w1258);

    assert_unreadable(r, PK_EENCODING, 1, 31, "windows-1258");
    ck_assert_ptr_nonnull(strstr(pk_report_problem_text(r, 0, PK_LANG_EN),
                                 "in Notepad, File → Save As → Encoding: "
                                 "UTF-8"));
    ck_assert_ptr_nonnull(strstr(pk_report_problem_text(r, 0, PK_LANG_VI),
                                 "Lưu thành (Save As) → Mã hóa (Encoding): "
                                 "UTF-8"));
    pk_report_free(r);
    r = check_text(ascii);
    assert_problem(r, 0, PK_EENCODING, 1, 1, 31, "plain ASCII");
    pk_report_free(r);
    r = check_text(bom);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 14, "decimal comma");
    pk_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Broken XML and misspelt names (syntax.c)
 * ------------------------------------------------------------------------ */

/* Each fault drafters make: our words in both languages, at the place
 * where the fix goes, and never libxml2's wording in Vietnamese. */
static const struct broken {
    const char *what, *xml;
    unsigned line, col;
    const char *en, *vi;
} broken_cases[] = {
    {"curly quotes",
     HEAD "<zones><zone group=\xE2\x80\x9C"
          "core\xE2\x80\x9D/></zones>\n" TAIL,
     2, 20, "write group=\"core\"", "ghi group=\"core\""},
    {"single curly quotes",
     HEAD "<zones><zone group=\xE2\x80\x98"
          "core\xE2\x80\x99/></zones>\n" TAIL,
     2, 20, "curly quotes", "dấu ngoặc kép cong"},
    {"a curly opening quote, a straight closing one",
     HEAD "<park><name>Điều</name></park><zones><zone group=\xE2\x80\x9C"
          "core\"/></zones>\n" TAIL,
     2, 50, "write group=\"core\"", "ghi group=\"core\""},
    {"no quotes", HEAD "<zones><zone group=core/></zones>\n" TAIL, 2, 20,
     "has no quotes: write group=\"core\"",
     "thiếu dấu ngoặc kép: ghi group=\"core\""},
    {"bare ampersand", HEAD "<park><name>Điều & B</name></park>\n" TAIL, 2, 18,
     "writes the sign & as &amp;", "dấu & phải ghi là &amp;"},
    {"ampersand before letters", HEAD "<park><name>R&D</name></park>\n" TAIL, 2,
     14, "&amp;", "dấu & phải ghi là &amp;"},
    {"unknown entity", HEAD "<park><name>R&foo;</name></park>\n" TAIL, 2, 14,
     "unknown entity \"&foo;\"", "thực thể \"&foo;\" không tồn tại"},
    {"a < in text", HEAD "<park><name>1 < 2</name></park>\n" TAIL, 2, 15,
     "writes the sign < as &lt;", "dấu < phải ghi là &lt;"},
    {"misspelt closing tag",
     HEAD "<workforce>\n  <total>15</totl>\n</workforce>\n" TAIL, 3, 12,
     "</totl> does not match the opening tag <total> on line 3: write "
     "</total>",
     "thẻ đóng </totl> không khớp với thẻ mở <total> ở dòng 3: ghi "
     "</total>"},
    {"unclosed inside", HEAD "<park><name>x</park>\n" TAIL, 2, 14,
     "<name> (line 2) is never closed: write </name> before </park>",
     "thẻ <name> (dòng 2) chưa được đóng: ghi </name> trước </park>"},
    {"never closed", HEAD "<park>\n", 3, 1, "the file ends before its </park>",
     "tệp kết thúc mà chưa có </park>"},
    {"text after the root", HEAD TAIL "x\n", 3, 1,
     "text after the end of the dossier (after </dossier>)",
     "có nội dung sau thẻ đóng </dossier>"},
    {"a second root", HEAD TAIL "<dossier/>\n", 3, 1,
     "text after the end of the dossier",
     "có nội dung sau thẻ đóng </dossier>"},
    {"attribute twice",
     HEAD "<zones><zone group=\"core\" group=\"core\"/></zones>\n" TAIL, 2, 0,
     "the attribute group is given twice",
     "thuộc tính group xuất hiện hai lần"},
    {"a '<' in an attribute value",
     HEAD "<zones><zone group=\"core/></zones>\n" TAIL, 2, 0,
     "closing quote is probably missing", "thiếu dấu ngoặc kép đóng"},
    {"declaration not first", "\n<?xml version=\"1.0\"?>\n" HEAD TAIL, 2, 0,
     "must come first in the file", "phải đứng đầu tệp"},
    {"a control character", HEAD "<park><name>a\x01</name></park>\n" TAIL, 2, 0,
     "a character XML does not allow", "ký tự mà XML không cho phép"},
    {"a comment with --", HEAD "<!-- a -- b -->\n" TAIL, 2, 0,
     "the XML is broken here", "XML sai cú pháp tại đây"},
};

START_TEST(test_broken_xml)
{
    static const char *const libxml2_words[] = {
        "AttValue",      "xmlParse",      "EntityRef", "Opening and ending",
        "Premature end", "Extra content", "libxml2",   "expected",
        "not defined",   "redefined",     "Unescaped", "StartTag",
        "allowed only",  "PCDATA",        "Char ",     "Comment",
        "hyphen"};
    const struct broken *c = &broken_cases[_i];
    pk_report *r = check_text(c->xml);
    const pk_error *p;
    const char *vi;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    p = pk_report_problem(r, 0);
    vi = pk_report_problem_text(r, 0, PK_LANG_VI);
    ck_assert_msg(p->code == PK_EXML && p->line == c->line &&
                      (c->col == 0 || p->column == c->col) &&
                      strstr(p->message, c->en) != NULL &&
                      strstr(p->message, "not well-formed XML") != NULL,
                  "%s: %d at %u:%u \"%s\"; expected %u:%u with \"%s\"", c->what,
                  p->code, p->line, p->column, p->message, c->line, c->col,
                  c->en);
    ck_assert_msg(strstr(vi, c->vi) != NULL, "%s: vi \"%s\" lacks \"%s\"",
                  c->what, vi, c->vi);
    for (size_t k = 0; k < sizeof libxml2_words / sizeof *libxml2_words; k++)
        ck_assert_msg(strstr(vi, libxml2_words[k]) == NULL,
                      "%s: libxml2's \"%s\" in Vietnamese: %s", c->what,
                      libxml2_words[k], vi);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
}
END_TEST

/* The words for a fault, from its code and names alone. */
START_TEST(test_fault_words)
{
    static const char data[] = "<a>\n<b x=\xE2\x80\x9C"
                               "7\xE2\x80\x9D/>";
    pk_xml_fault f;
    pk_msgpair m;
    size_t at = 999;

    memset(&f, 0, sizeof f);
    f.code = 39; /* XML_ERR_ATTRIBUTE_NOT_STARTED */
    f.off = 9;   /* the opening curly quote */
    ck_assert_int_eq(
        pk_xml_fault_words(&f, data, sizeof data - 1, "a", &at, &m), 1);
    ck_assert_uint_eq(at, 9);
    ck_assert_ptr_nonnull(strstr(m.en, "write x=\"7\""));
    ck_assert_ptr_nonnull(strstr(m.vi, "ghi x=\"7\""));
    /* a mismatch whose closing name is the format's and the opening one
     * is not: fix the opening tag */
    memset(&f, 0, sizeof f);
    f.code = 76;
    strcpy(f.str1, "workers");
    strcpy(f.str2, "total");
    f.int1 = 7;
    f.known2 = 1;
    ck_assert_int_eq(pk_xml_fault_words(&f, "", 0, "a", &at, &m), 1);
    ck_assert_ptr_nonnull(strstr(m.en, "write <total> there"));
    ck_assert_ptr_nonnull(strstr(m.vi, "sửa thẻ mở thành <total>"));
    /* an unknown code: a generic message of our own, libxml2's number */
    memset(&f, 0, sizeof f);
    f.code = 12345;
    strcpy(f.lib, "Some English words");
    ck_assert_int_eq(pk_xml_fault_words(&f, "", 0, "a", &at, &m), 0);
    ck_assert_ptr_nonnull(strstr(m.vi, "XML sai cú pháp tại đây"));
    ck_assert_ptr_nonnull(strstr(m.vi, "12345"));
    ck_assert_ptr_null(strstr(m.vi, "English"));
}
END_TEST

static const char *const names_table[] = {"it-specialists",
                                          "total",
                                          "construction",
                                          "building-footprint",
                                          "area",
                                          "unit",
                                          "type",
                                          "group",
                                          "name"};

static const char *table_name(void *ud, size_t i)
{
    (void)ud;
    return names_table[i];
}

START_TEST(test_suggest_name)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"it-specialist", "it-specialists"},   /* a trailing s left out */
        {"it-specialistss", "it-specialists"}, /* one too many */
        {"it_specialists", "it-specialists"},  /* underscore */
        {"IT-Specialists", "it-specialists"},  /* case */
        {"IT_SPECIALIST", "it-specialists"},
        {"it-spceialists", "it-specialists"}, /* two letters swapped */
        {"totl", "total"},
        {"Total", "total"},
        {"constrution", "construction"},
        {"building_footprint", "building-footprint"},
        {"buildingfootprint", "building-footprint"},
        {"aera", "area"},
        {"unti", "unit"},
        {"tpye", "type"},
        {"groups", "group"},
        {"workers", NULL},
        {"x", NULL},
        {"are", "area"},
        {"ar", NULL}, /* two slips in a short name is too far */
        {"", NULL},
        {"it-specialists-and-other-staff-of-the-park-counted-in-2024-"
         "and-more-than-sixty-four-characters",
         NULL},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got =
            pk_suggest_name(cases[i].in, table_name, NULL,
                            sizeof names_table / sizeof names_table[0]);
        if (cases[i].out == NULL)
            ck_assert_msg(got == NULL, "\"%s\": suggested \"%s\"", cases[i].in,
                          got);
        else
            ck_assert_msg(got != NULL && strcmp(got, cases[i].out) == 0,
                          "\"%s\": suggested \"%s\", expected \"%s\"",
                          cases[i].in, got ? got : "(none)", cases[i].out);
    }
}
END_TEST

START_TEST(test_empty_input)
{
    pk_report *r = check_len_with(engine, "", 0);

    assert_unreadable(r, PK_EXML, 1, 1, "empty");
    pk_report_free(r);
    r = check_len_with(engine, NULL, 0);
    assert_unreadable(r, PK_EXML, 1, 1, "empty");
    pk_report_free(r);
    /* blanks only, or a declaration only: still no dossier */
    r = check_text("  \n\t\n");
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_int_eq(pk_report_problem(r, 0)->code, PK_EXML);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
    r = check_text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_int_eq(pk_report_problem(r, 0)->code, PK_EXML);
    pk_report_free(r);
}
END_TEST

START_TEST(test_not_well_formed)
{
    static const char unclosed[] = HEAD "<park>\n<name>x</name>\n</park>\n";
    static const char mismatch[] = HEAD "  <workforce>\n"
                                        "    <total>15</totl>\n"
                                        "  </workforce>\n" TAIL;
    static const char junk[] = HEAD TAIL "<dossier/>\n";
    pk_report *r = check_text(unclosed);
    const pk_error *p;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    p = pk_report_problem(r, 0);
    ck_assert_int_eq(p->code, PK_EXML);
    ck_assert_uint_ge(p->line, 4); /* at the end: where it is missed */
    ck_assert_ptr_nonnull(strstr(p->message, "not well-formed"));
    ck_assert_ptr_nonnull(strstr(p->message, "dossier"));
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);

    r = check_text(mismatch);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    p = pk_report_problem(r, 0);
    ck_assert_int_eq(p->code, PK_EXML);
    ck_assert_uint_eq(p->line, 3);
    ck_assert_ptr_nonnull(strstr(p->message, "totl"));
    pk_report_free(r);

    r = check_text(junk);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    p = pk_report_problem(r, 0);
    ck_assert_int_eq(p->code, PK_EXML);
    ck_assert_uint_eq(p->line, 3);
    pk_report_free(r);
}
END_TEST

/* The error reported is the first the parser met, where the file first
 * goes wrong (line 2's </park> closes <name>), not a later consequence of
 * it at the end of the file. */
START_TEST(test_not_well_formed_first_error)
{
    static const char xml[] =
        HEAD "<park><name>x</park>\n"
             "<workforce><total>10</total></workforce>\n" TAIL;
    pk_report *r = check_text(xml);
    size_t count = pk_report_problem_count(r);
    pk_error p;

    memset(&p, 0, sizeof p);
    if (count > 0)
        p = *pk_report_problem(r, 0);
    pk_report_free(r);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(p.code, PK_EXML);
    ck_assert_msg(p.line == 2, "reported at %u:%u: %s (expected line 2)",
                  p.line, p.column, p.message);
    ck_assert_ptr_nonnull(strstr(p.message, "name"));
}
END_TEST

START_TEST(test_wrong_root)
{
    pk_report *r =
        check_text("<?xml version=\"1.0\"?>\n"
                   "<dosier format=\"1\" kind=\"establishment\"/>\n");

    assert_unreadable(r, PK_EFORMAT, 2, 1, "<dosier>");
    ck_assert_ptr_nonnull(
        strstr(pk_report_problem(r, 0)->message, "expected <dossier>"));
    pk_report_free(r);
    /* the right name in a namespace is another element */
    r = check_text("<dossier xmlns=\"urn:x\" format=\"1\" "
                   "kind=\"establishment\"/>\n");
    assert_unreadable(r, PK_EFORMAT, 1, 1, "root element");
    pk_report_free(r);
}
END_TEST

START_TEST(test_missing_required_attribute)
{
    pk_report *r = check_text("<dossier format=\"1\">\n"
                              "<park><profile>mixed</profile></park>\n" TAIL);

    ck_assert_uint_ge(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 1, 1, "required attribute \"kind\"");
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    ck_assert_str_eq(pk_report_kind(r), "");
    pk_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Warnings
 * ------------------------------------------------------------------------ */

START_TEST(test_unknown_element)
{
    static const char xml[] = HEAD
        "<park>\n"
        "  <name>Khu CNTT Bình Dương</name><nmae>x<a><b>2.000</b></a>\n"
        "    <c foo=\"1\">t<d/></c></nmae>\n"
        "  <profile>mixed</profile>\n"
        "</park>\n"
        "<workforce><it-specialists>2400</it-specialists></workforce>\n" TAIL;
    pk_report *r = check_text(xml);

    /* one warning, for <nmae> only: nothing inside it is looked at */
    if (pk_report_problem_count(r) != 1)
        dump_problems(r);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EFORMAT, 1, 3, 35, "unknown element <nmae>");
    ck_assert_ptr_nonnull(strstr(pk_report_problem(r, 0)->message, "<park>"));
    /* and the rest is read as usual */
    ck_assert_str_eq(pk_report_park_name(r), "Khu CNTT Bình Dương");
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art5.2-it-workers")),
                     PK_STATUS_PASS);
    ck_assert_int_ne(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
}
END_TEST

/* A misspelt element leaves its fact missing, with a warning. */
START_TEST(test_unknown_element_fact_missing)
{
    static const char xml[] = HEAD
        "<park><profile>mixed</profile></park>\n"
        "<workforse><it-specialists>2400</it-specialists></workforse>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_result *res;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EFORMAT, 1, 3, 1, "<workforse>");
    res = result_by_id(r, "art5.2-it-workers");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_UNKNOWN);
    ck_assert_uint_eq(pk_result_missing_count(res), 1);
    ck_assert_str_eq(pk_result_missing(res, 0), "it_workers");
    pk_report_free(r);
}
END_TEST

START_TEST(test_unknown_attribute)
{
    static const char xml[] =
        HEAD "<park><name>Bình Dương</name></park>\n"
             "<land><total unit=\"ha\" note=\"đất\">15</total></land>\n"
             "<zones>\n"
             "  <zone group=\"core\"\n"
             "        type=\"it-production\" aera=\"5\"/>\n"
             "</zones>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_result *res;

    ck_assert_uint_eq(pk_report_problem_count(r), 2);
    assert_problem(r, 0, PK_EFORMAT, 1, 3, 24,
                   "unknown attribute \"note\" on <total>");
    assert_problem(r, 1, PK_EFORMAT, 1, 6, 30,
                   "unknown attribute \"aera\" on <zone>");
    /* the attribute's value is not read: the zone has no area */
    res = result_by_id(r, "art7.2-core-land");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_UNKNOWN);
    /* the value of the element is read */
    ck_assert_double_eq(
        value_by_id(result_by_id(r, "art5.3-land"), "land_total")->number, 15);
    pk_report_free(r);
}
END_TEST

START_TEST(test_text_in_container)
{
    static const char xml[] =
        HEAD "<park>Bình Dương <name>X</name></park>\n" TAIL;
    pk_report *r = check_text(xml);

    /* a warning at the text's first character */
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EFORMAT, 1, 2, 7, "text in <park> ignored");
    ck_assert_str_eq(pk_report_park_name(r), "X");
    pk_report_free(r);
}
END_TEST

/* Text after a child element: the warning points at that text (line 3,
 * column 4), not into the child element before it. */
START_TEST(test_text_after_child)
{
    static const char xml[] = HEAD "<park><name>X</name>\n"
                                   "   more</park>\n" TAIL;
    pk_report *r = check_text(xml);
    size_t count = pk_report_problem_count(r);
    pk_error p;

    memset(&p, 0, sizeof p);
    if (count > 0)
        p = *pk_report_problem(r, 0);
    pk_report_free(r);
    ck_assert_uint_eq(count, 1);
    ck_assert_int_eq(p.code, PK_EFORMAT);
    ck_assert_msg(p.line == 3 && p.column == 4,
                  "warning at %u:%u (%s), expected 3:4", p.line, p.column,
                  p.message);
    ck_assert_ptr_nonnull(strstr(p.message, "text in <park> ignored"));
}
END_TEST

START_TEST(test_empty_value)
{
    static const char xml[] =
        HEAD "<park><profile>mixed</profile></park>\n"
             "<workforce>\n"
             "  <it-specialists>  </it-specialists><total/>\n"
             "</workforce>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_result *res;

    ck_assert_uint_eq(pk_report_problem_count(r), 2);
    assert_problem(r, 0, PK_EVALUE, 1, 4, 3, "<it-specialists> is empty");
    assert_problem(r, 1, PK_EVALUE, 1, 4, 38, "<total> is empty");
    res = result_by_id(r, "art5.2-it-workers");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_UNKNOWN);
    ck_assert_int_eq(value_by_id(res, "it_workers")->kind, PK_VALUE_MISSING);
    pk_report_free(r);
}
END_TEST

/* An attribute written empty is not stated: a warning at the attribute,
 * like an empty element, when the rest of the element says something. */
START_TEST(test_empty_attribute)
{
    static const char xml[] =
        HEAD "<zones><zone group=\"core\" type=\"it-production\" area=\"\"/>"
             "</zones>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_result *res;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 1, 2, 48,
                   "<zone area> is empty; read as not stated");
    ck_assert_ptr_nonnull(strstr(pk_report_problem_text(r, 0, PK_LANG_VI),
                                 "<zone area> để trống"));
    res = result_by_id(r, "art7.2-core-land");
    ck_assert_int_eq(value_by_id(res, "core_zone_area")->kind,
                     PK_VALUE_MISSING);
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art7.1-core-zone")),
                     PK_STATUS_PASS);
    pk_report_free(r);
}
END_TEST

/* A row left as the template has it (only its kind filled in, the rest
 * blank) is no statement: one warning at the row, and the list it is in
 * is unfinished, so what the list decides is unknown. */
START_TEST(test_blank_row)
{
    static const char xml[] = HEAD
        "<zones><zone group=\"core\" type=\"it-production\" area=\"5\"/>\n"
        "<zone group=\"core\" type=\"\" area=\"\" unit=\"ha\"></zone></zones>\n"
        "<documents><document type=\"eia-report\" "
        "date=\"\"/></documents>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 3);
    assert_problem(r, 0, PK_EVALUE, 1, 3, 1,
                   "<zone> left blank (type=\"\" area=\"\"): not read");
    assert_problem(r, 1, PK_EVALUE, 1, 4, 12,
                   "<document> left blank (date=\"\")");
    assert_problem(r, 2, PK_EVALUE, 1, 4, 1, "<documents> lists nothing");
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art7.1-core-zone")),
                     PK_STATUS_UNKNOWN);
    ck_assert_int_eq(pk_result_status(result_by_id(r, "doc-eia-report")),
                     PK_STATUS_UNKNOWN);
    pk_report_free(r);
}
END_TEST

/* A list says "none" only with none="true"; left empty it says nothing;
 * none="true" with rows contradicts itself. */
START_TEST(test_list_none)
{
    static const char empty[] = HEAD "<functions>\n</functions>\n" TAIL;
    static const char none[] = HEAD "<functions none=\"true\"/>\n" TAIL;
    static const char both[] = HEAD
        "<functions none=\"true\"><function name=\"rnd\"/></functions>\n" TAIL;
    pk_report *r = check_text(empty);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 1, 2, 1,
                   "<functions> lists nothing: read as not stated. If there "
                   "are none, write <functions none=\"true\"/>");
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art5.1-functions")),
                     PK_STATUS_UNKNOWN);
    pk_report_free(r);
    r = check_text(none);
    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art5.1-functions")),
                     PK_STATUS_FAIL);
    pk_report_free(r);
    r = check_text(both);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 12,
                   "says there are none, yet it lists some");
    pk_report_free(r);
}
END_TEST

/* A required attribute written empty in a row that says something else
 * is an error; in a blank row it is part of the blank. */
START_TEST(test_required_attribute_blank)
{
    static const char xml[] =
        HEAD "<activities><activity name=\"\">Logistics</activity>"
             "<activity name=\"\"/></activities>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 2);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 23,
                   "<activity name> is empty, and it is required");
    assert_problem(r, 1, PK_EVALUE, 1, 2, 51, "<activity> left blank");
    pk_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Positions
 * ------------------------------------------------------------------------ */

/* Columns count characters: "Khu CNTT Bình Dương" is 19 characters and
 * 24 bytes. */
START_TEST(test_column_after_vietnamese)
{
    static const char text[] =
        HEAD "  <park><name>Khu CNTT Bình Dương</name></park>"
             "<workforce><total>2.000</total></workforce>\n" TAIL;
    static const char attr[] = HEAD
        "  <zones><zone group=\"core\" type=\"it-production\" area=\"5.2\">"
        "Phân khu sản xuất</zone><zone group=\"core\" type=\"exhibition\" "
        "area=\"1,5\"/></zones>\n" TAIL;
    pk_report *r = check_text(text);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 66, "thousands separator");
    ck_assert_ptr_nonnull(strstr(pk_report_problem(r, 0)->message, "<total>"));
    pk_report_free(r);

    r = check_text(attr);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 122, "decimal comma");
    ck_assert_ptr_nonnull(
        strstr(pk_report_problem(r, 0)->message, "<zone area>"));
    pk_report_free(r);
}
END_TEST

START_TEST(test_crlf)
{
    static const char xml[] = "<dossier format=\"1\" kind=\"establishment\" "
                              "submitted=\"2024-06-01\">\r\n"
                              "<park>\r\n"
                              "  <name>Khu CNTT Bình Dương</name>\r\n"
                              "</park>\r\n"
                              "<workforce>\r\n"
                              "  <total>1,000</total>\r\n"
                              "</workforce>\r\n"
                              "</dossier>\r\n";
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 6, 10, "thousands separator");
    /* the CR is not part of the name */
    ck_assert_str_eq(pk_report_park_name(r), "Khu CNTT Bình Dương");
    pk_report_free(r);
}
END_TEST

/* A value is trimmed; its error is at its first non-blank character. */
START_TEST(test_trimmed_value_position)
{
    static const char bad[] = HEAD "<workforce>\n"
                                   "  <total>\n"
                                   "\n"
                                   "      2.000   \n"
                                   "  </total>\n"
                                   "</workforce>\n" TAIL;
    static const char good[] =
        HEAD "<park><profile>\n\t mixed \r\n</profile>"
             "<name>\n   Khu CNTT Bình Dương  \n</name></park>\n"
             "<workforce><it-specialists>\n   2400\t\n</it-specialists>"
             "</workforce>\n" TAIL;
    pk_report *r = check_text(bad);
    const pk_result *res;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 5, 7, "\"2.000\"");
    pk_report_free(r);

    r = check_text(good);
    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    ck_assert_str_eq(pk_report_park_name(r), "Khu CNTT Bình Dương");
    res = result_by_id(r, "art5.2-it-workers");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_PASS);
    ck_assert_double_eq(value_by_id(res, "it_workers")->number, 2400);
    ck_assert_str_eq(value_by_id(res, "profile")->text, "mixed");
    pk_report_free(r);
}
END_TEST

START_TEST(test_cdata)
{
    static const char good[] = HEAD
        "<park><profile>mixed</profile><name><![CDATA[A <b> & Bình]]></name>"
        "</park>\n"
        "<workforce><it-specialists><![CDATA[2400]]></it-specialists>"
        "</workforce>\n" TAIL;
    static const char bad[] = HEAD "<workforce>\n"
                                   "  <total>  <![CDATA[3.600]]></total>\n"
                                   "</workforce>\n" TAIL;
    pk_report *r = check_text(good);
    const pk_result *res;
    const pk_error *p;

    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    ck_assert_str_eq(pk_report_park_name(r), "A <b> & Bình");
    res = result_by_id(r, "art5.2-it-workers");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_PASS);
    ck_assert_double_eq(value_by_id(res, "it_workers")->number, 2400);
    pk_report_free(r);

    r = check_text(bad);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    p = pk_report_problem(r, 0);
    ck_assert_int_eq(p->code, PK_EVALUE);
    ck_assert_uint_eq(p->line, 3);
    /* at the CDATA section (column 12) or at the value in it (21) */
    ck_assert_msg(p->column == 12 || p->column == 21, "column %u", p->column);
    ck_assert_ptr_nonnull(strstr(p->message, "thousands separator"));
    pk_report_free(r);
}
END_TEST

/* A character reference is text like any other: &#50;000 is 2000. */
START_TEST(test_character_references)
{
    static const char xml[] =
        HEAD "<park><profile>mixed</profile></park>\n"
             "<workforce><it-specialists>&#50;000</it-specialists>"
             "<total>&#x33;&#x30;00</total></workforce>\n"
             "<land><total unit=\"m&#50;\">50&#48;00</total></land>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_result *res;
    pk_comparison c;

    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    res = result_by_id(r, "art5.2-it-workers");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_PASS);
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_double_eq(c.value, 2000);
    ck_assert_double_eq(
        value_by_id(result_by_id(r, "art5.2-it-share"), "total_workers")
            ->number,
        3000);
    ck_assert_double_eq(
        value_by_id(result_by_id(r, "art5.3-land"), "land_total")->number, 5);
    pk_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Limits
 * ------------------------------------------------------------------------ */

static char *nested(unsigned levels)
{
    /* <dossier> and <park> are levels 1 and 2; then <x> elements */
    size_t cap = 200 + (size_t)levels * 8;
    char *s = malloc(cap);
    size_t n;

    ck_assert_ptr_nonnull(s);
    n = (size_t)snprintf(s, cap, "%s<park>\n", HEAD);
    for (unsigned i = 2; i < levels; i++)
        n += (size_t)snprintf(s + n, cap - n, "<x>");
    n += (size_t)snprintf(s + n, cap - n, "\n");
    for (unsigned i = 2; i < levels; i++)
        n += (size_t)snprintf(s + n, cap - n, "</x>");
    snprintf(s + n, cap - n, "</park>\n%s", TAIL);
    return s;
}

START_TEST(test_max_depth)
{
    pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
    pk_engine *e = NULL;
    pk_error err;
    pk_report *r;
    char *deep = nested(9), *ok = nested(8), *huge = nested(1000);

    o.max_depth = 8;
    ck_assert_int_eq(pk_engine_new(&e, &o, &err), PK_OK);
    /* 9 levels: the 9th, the 7th <x>, is refused where it starts */
    r = check_len_with(e, deep, strlen(deep));
    assert_unreadable(r, PK_ELIMIT, 3, 19, "nested deeper than 8");
    pk_report_free(r);
    /* 8 levels are fine (the <x> elements are unknown: one warning) */
    r = check_len_with(e, ok, strlen(ok));
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_int_eq(pk_report_problem(r, 0)->code, PK_EFORMAT);
    ck_assert_int_eq(pk_report_problem_is_warning(r, 0), 1);
    ck_assert_int_ne(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
    pk_engine_free(e);
    /* the default limit holds too */
    r = check_len_with(engine, huge, strlen(huge));
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_int_eq(pk_report_problem(r, 0)->code, PK_ELIMIT);
    ck_assert_uint_eq(pk_report_problem(r, 0)->line, 3);
    ck_assert_uint_eq(pk_report_problem(r, 0)->column, 1 + 3 * 62);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
    free(deep);
    free(ok);
    free(huge);
}
END_TEST

START_TEST(test_max_bytes)
{
    static const char xml[] =
        HEAD "<park><profile>mixed</profile></park>\n" TAIL;
    pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
    pk_engine *e = NULL;
    pk_error err;
    pk_report *r;
    const size_t len = sizeof xml - 1;

    o.max_dossier_bytes = len - 1;
    ck_assert_int_eq(pk_engine_new(&e, &o, &err), PK_OK);
    r = check_len_with(e, xml, len);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_int_eq(pk_report_problem(r, 0)->code, PK_ETOOBIG);
    ck_assert_ptr_nonnull(strstr(pk_report_problem(r, 0)->message, "limit"));
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
    pk_engine_free(e);

    /* exactly at the limit is allowed */
    o.max_dossier_bytes = len;
    ck_assert_int_eq(pk_engine_new(&e, &o, &err), PK_OK);
    r = check_len_with(e, xml, len);
    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    ck_assert_str_eq(pk_report_pack_id(r), "nd154-2013");
    pk_report_free(r);

    /* pk_dossier_read_memory says so with its code */
    {
        pk_dossier *d = NULL;
        o.max_dossier_bytes = 10;
        pk_engine_free(e);
        ck_assert_int_eq(pk_engine_new(&e, &o, &err), PK_OK);
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(pk_dossier_read_memory(&d, e, "t.xml", xml, len, &err),
                         PK_ETOOBIG);
        ck_assert_ptr_null(d);
        ck_assert_int_eq(err.code, PK_ETOOBIG);
        ck_assert_str_eq(err.source, "t.xml");
    }
    pk_engine_free(e);
}
END_TEST

/* 500 bad values: the list stops at the cap, says so, and nothing
 * breaks. */
START_TEST(test_problem_cap)
{
    size_t cap = 200 + 500 * 64, n;
    char *xml = malloc(cap);
    pk_report *r;
    size_t count;
    const pk_error *last;

    ck_assert_ptr_nonnull(xml);
    n = (size_t)snprintf(xml, cap, "%s<zones>\n", HEAD);
    for (int i = 0; i < 500; i++)
        n += (size_t)snprintf(xml + n, cap - n,
                              "<zone group=\"core\" type=\"exhibition\" "
                              "area=\"1,5\"/>\n");
    snprintf(xml + n, cap - n, "</zones>\n%s", TAIL);
    r = check_text(xml);
    count = pk_report_problem_count(r);
    ck_assert_uint_ge(count, 200);
    ck_assert_uint_le(count, 202);
    /* the first are the real ones, in order */
    assert_problem(r, 0, PK_EVALUE, 0, 3, 38, "decimal comma");
    assert_problem(r, 199, PK_EVALUE, 0, 202, 38, "decimal comma");
    /* then one saying the rest are left out */
    last = pk_report_problem(r, count - 1);
    ck_assert_int_eq(last->code, PK_ELIMIT);
    ck_assert_ptr_nonnull(strstr(last->message, "not listed"));
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art7.2-core-land")),
                     PK_STATUS_ERROR);
    pk_report_free(r);
    free(xml);
}
END_TEST

/* Positions stay right deep into a large file (2 MB: the parser reads and
 * discards its input in pieces). */
START_TEST(test_position_in_large_file)
{
    size_t cap = 256 + 30000 * 80, n;
    char *xml = malloc(cap);
    pk_report *r;

    ck_assert_ptr_nonnull(xml);
    n = (size_t)snprintf(xml, cap, "%s<zones>\n", HEAD);
    for (int i = 0; i < 30000; i++)
        n += (size_t)snprintf(xml + n, cap - n,
                              "  <zone group=\"core\" type=\"exhibition\" "
                              "area=\"1\">Phân khu %d</zone>\n",
                              i);
    snprintf(xml + n, cap - n,
             "  <zone group=\"core\" type=\"exhibition\" area=\"1,5\"/>\n"
             "</zones>\n%s",
             TAIL);
    r = check_text(xml);
    free(xml);
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 30003, 40, "decimal comma");
    pk_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------------ */

START_TEST(test_m2_to_ha)
{
    static const char at[] = HEAD
        "<park><profile>mixed</profile></park>\n"
        "<land><total unit=\"m2\">50000</total>"
        "<construction unit=\"m2\">50000</construction></land>\n"
        "<zones><zone group=\"core\" type=\"it-production\" area=\"25000\" "
        "unit=\"m2\"/></zones>\n" TAIL;
    static const char below[] =
        HEAD "<park><profile>mixed</profile></park>\n"
             "<land><total unit=\"m2\">49999</total></land>\n" TAIL;
    pk_report *r = check_text(at);
    const pk_result *res;
    const pk_value_info *v;
    pk_comparison c;

    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    res = result_by_id(r, "art5.3-land");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_PASS);
    v = value_by_id(res, "land_total");
    ck_assert_int_eq(v->kind, PK_VALUE_NUMBER);
    ck_assert_double_eq(v->number, 5);
    ck_assert_str_eq(v->unit, "ha");
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_double_eq(c.value, 5);
    ck_assert_double_eq(c.threshold, 5);
    ck_assert_double_eq(c.shortfall, 0);
    ck_assert_ptr_nonnull(
        strstr(pk_result_message(res, PK_LANG_EN), "Total land 5 ha"));
    /* 2.5 ha of 5 ha is exactly one half */
    res = result_by_id(r, "art7.2-core-land");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_PASS);
    ck_assert_double_eq(value_by_id(res, "core_zone_area")->number, 2.5);
    ck_assert_double_eq(value_by_id(res, "core_land_share")->number, 0.5);
    pk_report_free(r);

    r = check_text(below);
    res = result_by_id(r, "art5.3-land");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_FAIL);
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_double_eq_tol(c.value, 4.9999, 1e-12);
    ck_assert_double_eq_tol(c.shortfall, 0.0001, 1e-12);
    pk_report_free(r);
}
END_TEST

/* ---- the format's checks on figures (<checks> in dossier-1.xml) ---- */

/* A sum of parts is compared with its whole, in ha whatever unit each
 * part was written in; the error is at the first part, names both figures
 * and lines, and both figures are then invalid. */
START_TEST(test_part_of_sum)
{
    static const char xml[] =
        HEAD "<land><total>2</total></land>\n"
             "<zones>\n"
             "  <zone group=\"core\" type=\"it-production\" area=\"1\"/>\n"
             "  <zone group=\"service\" type=\"finance\" area=\"10001\" "
             "unit=\"m2\"/>\n"
             "</zones>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 4, 43,
                   "The sum of the subzones' areas (2.0001 ha, line 4) is "
                   "larger than the park's total land (2 ha, line 2)");
    ck_assert_ptr_nonnull(strstr(pk_report_problem_text(r, 0, PK_LANG_VI),
                                 "Tổng diện tích các phân khu (2,0001 ha, "
                                 "dòng 4) lớn hơn tổng diện tích đất của khu "
                                 "(2 ha, dòng 2)"));
    ck_assert_int_eq(
        value_by_id(result_by_id(r, "art5.3-land"), "land_total")->kind,
        PK_VALUE_INVALID);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
}
END_TEST

/* With each="…", every element is checked on its own: the second park's
 * breach is reported at its own attribute, the first park is fine. */
START_TEST(test_part_of_each)
{
    static const char xml[] =
        HEAD "<planning><province-parks>\n"
             "  <park core-land=\"20\" core-land-leased=\"20\"/>\n"
             "  <park core-land=\"10\" core-land-leased=\"10.5\"/>\n"
             "</province-parks></planning>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 4, 24,
                   "(10.5 ha, line 4) is larger than that park's core-group "
                   "land (10 ha, line 4)");
    ck_assert_int_eq(
        pk_result_status(result_by_id(r, "art9.1.c-province-parks")),
        PK_STATUS_ERROR);
    pk_report_free(r);
}
END_TEST

/* A part missing, or unreadable, leaves the check unsaid. */
START_TEST(test_part_of_unknown_part)
{
    static const char xml[] =
        HEAD "<workforce><it-specialists>abc</it-specialists><total>10</total>"
             "</workforce>\n"
             "<land><total>2</total></land>\n"
             "<zones><zone group=\"core\" type=\"it-production\" area=\"5\"/>"
             "<zone group=\"core\" type=\"exhibition\"/></zones>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1); /* the "abc" only */
    ck_assert_ptr_nonnull(strstr(pk_report_problem(r, 0)->message, "abc"));
    pk_report_free(r);
}
END_TEST

/* A figure that looks like m² under ha is warned about, and read; the
 * same figure written in m² is not. */
START_TEST(test_unlikely_above_by_unit)
{
    static const char in_ha[] =
        HEAD "<land><total unit=\"ha\">154700</total></land>\n" TAIL;
    static const char in_m2[] =
        HEAD "<land><total unit=\"m2\">154700</total></land>\n" TAIL;
    pk_report *r = check_text(in_ha);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 1, 2, 24,
                   "is 154,700 ha (line 2), more than 1,000 ha");
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art5.3-land")),
                     PK_STATUS_PASS);
    pk_report_free(r);
    r = check_text(in_m2);
    ck_assert_uint_eq(pk_report_problem_count(r), 0);
    pk_report_free(r);
}
END_TEST

/* The <checks> of a format are compiled with it: paths against its
 * elements, limits as exact decimals, words in both languages; a bad one
 * is refused at its line. */
START_TEST(test_format_checks_load)
{
    static const char head[] =
        "<dossier-format version=\"1\">\n"
        "<quantity name=\"area\" base=\"ha\"><unit name=\"ha\" per-base=\"1\"/>"
        "</quantity>\n"
        "<element name=\"dossier\"><element name=\"a\" type=\"integer\"/>"
        "<element name=\"b\" type=\"integer\"/></element>\n"
        "<checks>\n";
    static const struct {
        const char *check, *words;
        unsigned line;
    } cases[] = {
        {"<part-of part=\"/dossier/a\" whole=\"/dossier/b\"><part vi=\"a\" "
         "en=\"a\"/><whole vi=\"b\" en=\"b\"/></part-of>",
         NULL, 0},
        {"<part-of part=\"/dossier/c\" whole=\"/dossier/b\"><part vi=\"a\" "
         "en=\"a\"/><whole vi=\"b\" en=\"b\"/></part-of>",
         "has no child <c>", 5},
        {"<part-of part=\"/dossier/a\"><part vi=\"a\" en=\"a\"/></part-of>",
         "needs part and whole", 5},
        {"<part-of part=\"/dossier/a\" whole=\"/dossier/b\"><part vi=\"a\"/>"
         "<whole vi=\"b\" en=\"b\"/></part-of>",
         "with vi and en words", 5},
        {"<unlikely-above part=\"/dossier/a\" above=\"x\" unit=\"ha\"><part "
         "vi=\"a\" en=\"a\"/><hint vi=\"h\" en=\"h\"/></unlikely-above>",
         "needs unit and a decimal above", 5},
        {"<at-most part=\"/dossier/a\"/>", "expected <part-of>", 5},
        {"<excludes a=\"/dossier/a\" a-is=\"1\" b=\"/dossier/b\" "
         "b-is=\"2\"><a vi=\"a\" en=\"a\"/><b vi=\"b\" en=\"b\"/></excludes>",
         NULL, 0},
        {"<excludes a=\"/dossier/a\" a-is=\"1\" b=\"/dossier/b\"><a "
         "vi=\"a\" en=\"a\"/><b vi=\"b\" en=\"b\"/></excludes>",
         "needs a, a-is, b and b-is", 5},
        {"<excludes a=\"/dossier/a\" a-is=\"1\" b=\"/dossier/c\" "
         "b-is=\"2\"><a vi=\"a\" en=\"a\"/><b vi=\"b\" en=\"b\"/></excludes>",
         "has no child <c>", 5},
        {"<excludes a=\"/dossier/a\" a-is=\"1\" b=\"/dossier/b\" "
         "b-is=\"2\"><a vi=\"a\" en=\"a\"/></excludes>",
         "needs <a> and <b>", 5},
        {"<excludes each=\"/dossier\" a=\"a\" a-is=\"1\" b=\"b\" "
         "b-is=\"2\"><a vi=\"a\" en=\"a\"/><b vi=\"b\" en=\"b\"/></excludes>",
         "takes no each", 5},
        {"<not-after part=\"/dossier/a\" whole=\"/dossier/b\"><part vi=\"a\" "
         "en=\"a\"/><whole vi=\"b\" en=\"b\"/></not-after>",
         NULL, 0},
        {"<not-after each=\"/dossier\" part=\"a\" whole=\"b\"><part vi=\"a\" "
         "en=\"a\"/><whole vi=\"b\" en=\"b\"/></not-after>",
         "takes no each", 5},
        {"<not-after part=\"/dossier/a\"><part vi=\"a\" en=\"a\"/></not-after>",
         "needs part and whole", 5},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char xml[1024];
        pk_dformat *f = NULL;
        pk_error err;
        int rc;

        snprintf(xml, sizeof xml, "%s%s\n</checks>\n</dossier-format>\n", head,
                 cases[i].check);
        memset(&err, 0, sizeof err);
        rc = pk_format_load(&f, "f.xml", xml, strlen(xml), &err);
        if (cases[i].words == NULL) {
            ck_assert_msg(rc == PK_OK, "case %zu: %s", i, err.message);
            ck_assert_ptr_nonnull(f->bounds);
            ck_assert_uint_eq(f->bounds->count, 1);
        } else {
            ck_assert_msg(rc == PK_EFORMAT &&
                              strstr(err.message, cases[i].words) != NULL &&
                              err.line == cases[i].line,
                          "case %zu: %d %u \"%s\"", i, rc, err.line,
                          err.message);
            ck_assert_ptr_null(f);
        }
        pk_format_free(f);
    }
}
END_TEST

/* The kind of dossier chooses which rules apply by name, so its role is
 * a closed list: a kind that is text (a misspelt type="…", found by
 * fuzz_format) or an enum without values is refused at its line, where
 * a pack's kinds= was checked against a list that was not there. */
START_TEST(test_format_kind_is_a_list)
{
    static const char *const kinds[] = {
        ("<attribute name=\"kind\" role=\"kind\" tyde=\"enum\" "
         "values=\"a b\"/>"),
        "<attribute name=\"kind\" role=\"kind\" type=\"text\"/>",
        "<attribute name=\"kind\" role=\"kind\" type=\"enum\" values=\"\"/>",
    };

    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char xml[512];
        pk_dformat *f = NULL;
        pk_error err;
        int rc;

        snprintf(xml, sizeof xml,
                 "<dossier-format version=\"1\">\n"
                 "<element name=\"dossier\">\n%s\n</element>\n"
                 "</dossier-format>\n",
                 kinds[i]);
        memset(&err, 0, sizeof err);
        rc = pk_format_load(&f, "f.xml", xml, strlen(xml), &err);
        ck_assert_msg(rc == PK_EFORMAT && err.line == 3 &&
                          strstr(err.message, "type=\"enum\"") != NULL,
                      "case %zu: %d %u \"%s\"", i, rc, err.line, err.message);
        ck_assert_ptr_null(f);
    }
}
END_TEST

/* How a format cites its law (<words>' <citation part=…>): a format with
 * its own words cites with them, part by part as far as a citation goes;
 * a format without any cites as the built-in one does; half a style, a
 * word without its {n} or with two, a part named twice or wrongly, and
 * words too long for a rule's citation are refused at their line. */
START_TEST(test_format_citation_words)
{
    static const char head[] = "<dossier-format version=\"1\">\n"
                               "<words>\n";
    static const char tail[] =
        "\n</words>\n<element name=\"dossier\"/>\n</dossier-format>\n";
    static const char own[] =
        "<citation part=\"article\" vi=\"Mục {n}\" en=\"§ {n}\"/>"
        "<citation part=\"clause\" vi=\".{n}\" en=\"({n})\"/>"
        "<citation part=\"point\" vi=\" ý {n}\" en=\" {n}.\"/>";
    static const struct {
        const char *words, *error;
    } cases[] = {
        {"", NULL},
        {own, NULL},
        {"<citation part=\"article\" vi=\"Mục {n}\" en=\"§ {n}\"/>",
         "but not the clause"},
        {"<citation part=\"chapter\" vi=\"Chương {n}\" en=\"Ch. {n}\"/>",
         "needs part=\"article\""},
        {"<citation vi=\"Mục {n}\" en=\"§ {n}\"/>", "needs part="},
        {"<citation part=\"article\" vi=\"Mục\" en=\"§ {n}\"/>",
         "need {n} once"},
        {"<citation part=\"article\" vi=\"Mục {n}\" en=\"§ {n} {n}\"/>",
         "need {n} once"},
        {"<citation part=\"article\" vi=\"Mục {n}\"/>", "both vi= and en="},
        {"<citation part=\"article\" vi=\"Mục {n}\" en=\"§ {n}\"/>"
         "<citation part=\"article\" vi=\"Mục {n}\" en=\"§ {n}\"/>",
         "a second <citation part=\"article\">"},
        {"<citation part=\"article\" vi=\"Mục {n} của Điều lệ\" "
         "en=\"§ {n}\"/>",
         "at most 16 bytes"},
    };
    static const pk_citation cites[] = {
        {9, 0, ""}, {9, 1, ""}, {9, 1, "c"}, {1000, 1000, "đ"}};
    static const char *const builtin[][2] = {
        {"Điều 9", "Art. 9"},
        {"Điều 9 khoản 1", "Art. 9(1)"},
        {"Điều 9 khoản 1 điểm c", "Art. 9(1)(c)"},
        {"Điều 1000 khoản 1000 điểm đ", "Art. 1000(1000)(đ)"},
    };
    static const char *const mine[][2] = {
        {"Mục 9", "§ 9"},
        {"Mục 9.1", "§ 9(1)"},
        {"Mục 9.1 ý c", "§ 9(1) c."},
        {"Mục 1000.1000 ý đ", "§ 1000(1000) đ."},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char xml[2048], buf[PK_CITE_TEXT_MAX];
        pk_dformat *f = NULL;
        pk_error err;
        int rc;

        snprintf(xml, sizeof xml, "%s%s%s", head, cases[i].words, tail);
        memset(&err, 0, sizeof err);
        rc = pk_format_load(&f, "f.xml", xml, strlen(xml), &err);
        if (cases[i].error != NULL) {
            ck_assert_msg(rc == PK_EFORMAT &&
                              strstr(err.message, cases[i].error) != NULL &&
                              err.line >= 2,
                          "case %zu: %d %u \"%s\"", i, rc, err.line,
                          err.message);
            ck_assert_ptr_null(f);
            continue;
        }
        ck_assert_msg(rc == PK_OK, "case %zu: %s", i, err.message);
        for (size_t c = 0; c < sizeof cites / sizeof cites[0]; c++)
            for (int l = 0; l < 2; l++) {
                const char *want = i == 0 ? builtin[c][l] : mine[c][l];
                pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;

                ck_assert_uint_eq(
                    pk_cite_write(f, &cites[c], lang, buf, sizeof buf),
                    strlen(want));
                ck_assert_str_eq(buf, want);
                if (i == 0) {
                    ck_assert_uint_eq(
                        pk_citation_format(&cites[c], lang, buf, sizeof buf),
                        strlen(want));
                    ck_assert_str_eq(buf, want);
                }
            }
        /* as snprintf: cut short, still ended, the whole length told */
        ck_assert_uint_eq(pk_cite_write(f, &cites[2], PK_LANG_EN, buf, 4),
                          strlen(mine[2][1]) * (i != 0) +
                              strlen(builtin[2][1]) * (i == 0));
        ck_assert_uint_eq(strlen(buf), 3);
        ck_assert_uint_eq(pk_cite_write(f, &cites[2], PK_LANG_EN, NULL, 0),
                          i == 0 ? strlen(builtin[2][1]) : strlen(mine[2][1]));
        pk_format_free(f);
    }
}
END_TEST

/* ---- the unfilled template, through the library ---- */

static int to_buffer(void *userdata, const char *data, size_t len)
{
    char **buf = userdata;
    size_t have = *buf ? strlen(*buf) : 0;
    char *n = realloc(*buf, have + len + 1);

    if (n == NULL)
        return -1;
    memcpy(n + have, data, len);
    n[have + len] = '\0';
    *buf = n;
    return 0;
}

/* Every kind's template, checked as it is: incomplete, nothing passed,
 * failed or in error, no figure read but the date it writes; under each
 * regime (the last day of the old one, and today). A kind the regime in
 * force no longer has is refused by the one rule that says so. */
START_TEST(test_unfilled_template)
{
    static const char *const kinds[] = {"establishment", "expansion",
                                        "recognition", "master-plan-addition"};
    static const char *const dates[] = {"2025-12-31", NULL};

    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] * 2; k++)
        for (int l = 0; l < 2; l++) {
            char *xml = NULL;
            pk_error err;
            pk_report *r;
            const char *as_of = dates[k / 4];
            const char *kind = kinds[k % 4];
            int gone = as_of == NULL && k % 4 == 3;

            ck_assert_int_eq(
                pk_template_write(
                    engine, kind, to_buffer, &xml,
                    &(pk_template_options){PK_TEMPLATE_OPTIONS_VERSION, as_of,
                                           l ? PK_LANG_EN : PK_LANG_VI},
                    &err),
                PK_OK);
            r = check_text(xml);
            if (gone) {
                for (size_t i = 0; i < pk_report_result_count(r); i++) {
                    const pk_result *res = pk_report_result(r, i);
                    ck_assert_msg(
                        pk_result_status(res) == PK_STATUS_NOT_APPLICABLE ||
                            (pk_result_status(res) == PK_STATUS_FAIL &&
                             strcmp(pk_result_id(res),
                                    "l22-no-master-plan-addition") == 0),
                        "%s today: %s is %s", kind, pk_result_id(res),
                        pk_status_name(pk_result_status(res)));
                }
                ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_NOT_ELIGIBLE);
                pk_report_free(r);
                free(xml);
                continue;
            }
            ck_assert_msg(pk_report_verdict(r) == PK_VERDICT_INCOMPLETE,
                          "%s: %s", kind,
                          pk_verdict_name(pk_report_verdict(r)));
            for (size_t i = 0; i < pk_report_problem_count(r); i++)
                ck_assert_msg(pk_report_problem_is_warning(r, i), "%s: %s",
                              kind, pk_report_problem(r, i)->message);
            for (size_t i = 0; i < pk_report_result_count(r); i++) {
                const pk_result *res = pk_report_result(r, i);
                pk_status st = pk_result_status(res);
                ck_assert_msg(st == PK_STATUS_UNKNOWN ||
                                  st == PK_STATUS_NOT_APPLICABLE,
                              "%s: %s is %s", kind, pk_result_id(res),
                              pk_status_name(st));
                for (size_t v = 0; v < pk_result_value_count(res); v++) {
                    const pk_value_info *vi = pk_result_value(res, v);
                    ck_assert_msg(vi->kind == PK_VALUE_MISSING ||
                                      strcmp(vi->id, "submitted") == 0,
                                  "%s: %s read %s", kind, pk_result_id(res),
                                  vi->id);
                }
            }
            pk_report_free(r);
            free(xml);
        }
}
END_TEST

START_TEST(test_unit_outside_vocabulary)
{
    static const char xml[] =
        HEAD "<land><total unit=\"acre\">5</total></land>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 14, "allowed are ha, m2");
    ck_assert_int_eq(pk_result_status(result_by_id(r, "art5.3-land")),
                     PK_STATUS_ERROR);
    pk_report_free(r);
}
END_TEST

START_TEST(test_value_outside_vocabulary)
{
    static const char xml[] =
        HEAD "<park><name>Khu CNTT Bình Dương</name><profile>both</profile>"
             "</park>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 48,
                   "unknown value \"both\"; allowed are software-only, "
                   "mixed");
    pk_report_free(r);
}
END_TEST

START_TEST(test_zone_type_wrong_group)
{
    static const char xml[] = HEAD
        "  <zones><zone group=\"service\" type=\"it-production\" area=\"1\"/>"
        "</zones>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 2, 32,
                   "belongs to group core, not service");
    ck_assert_ptr_nonnull(
        strstr(pk_report_problem(r, 0)->message, "expert-housing"));
    /* never eligible: the zone is no core zone, and its type is bad */
    ck_assert_int_ge(pk_report_verdict(r), PK_VERDICT_NOT_ELIGIBLE);
    pk_report_free(r);
}
END_TEST

START_TEST(test_given_twice)
{
    static const char xml[] = HEAD "<park><profile>mixed</profile></park>\n"
                                   "<land><total>15</total>\n"
                                   "      <total>16</total></land>\n" TAIL;
    pk_report *r = check_text(xml);
    const pk_result *res;

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 4, 7, "given twice in <land>");
    /* neither value is taken */
    res = result_by_id(r, "art5.3-land");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_ERROR);
    ck_assert_int_eq(value_by_id(res, "land_total")->kind, PK_VALUE_INVALID);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
    pk_report_free(r);
}
END_TEST

/* Repeated elements may repeat; a second container is refused, and what
 * is inside it is not read. */
START_TEST(test_container_given_twice)
{
    static const char xml[] = HEAD
        "<park><profile>mixed</profile></park>\n"
        "<workforce><it-specialists>2400</it-specialists></workforce>\n"
        "<workforce><it-specialists>900</it-specialists></workforce>\n" TAIL;
    pk_report *r = check_text(xml);

    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    assert_problem(r, 0, PK_EVALUE, 0, 4, 1, "given twice in <dossier>");
    pk_report_free(r);
}
END_TEST

/* ---- messages by number (messages.def) ---- */

/* Reads data as a dossier; it must fail with code and message id. */
static void read_fails(const char *data, size_t len, int code, unsigned id,
                       pk_error *err)
{
    pk_dossier *d = NULL;

    memset(err, 0, sizeof *err);
    ck_assert_int_eq(
        pk_dossier_read_memory(&d, engine, "m.xml", data, len, err), code);
    ck_assert_ptr_null(d);
    ck_assert_uint_eq(err->id, id);
}

START_TEST(test_message_empty_by_id)
{
    pk_error err;
    char vi[PK_ERROR_TEXT_MAX], en[PK_ERROR_TEXT_MAX];

    read_fails("", 0, PK_EXML, PK_MSG_EMPTY, &err);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_str_eq(err.message, "not well-formed XML: the file is empty");
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    pk_error_text(&err, PK_LANG_EN, en, sizeof en);
    ck_assert_str_eq(vi, "XML không đúng cú pháp: tệp trống");
    ck_assert_str_eq(en, err.message);
}
END_TEST

START_TEST(test_message_bad_byte_offset)
{
    static const char data[] = "<dossier>\xff</dossier>";
    pk_error err;
    char vi[PK_ERROR_TEXT_MAX];

    read_fails(data, sizeof data - 1, PK_EENCODING, PK_MSG_BAD_UTF8, &err);
    ck_assert_uint_eq(err.offset, 9);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, 10);
    ck_assert_ptr_nonnull(strstr(err.message, "invalid UTF-8 (byte 0xFF)"));
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    ck_assert_ptr_nonnull(strstr(vi, "mã UTF-8 không hợp lệ (byte 0xFF)"));
}
END_TEST

START_TEST(test_message_arguments_in_both_languages)
{
    static const char data[] = "<hoso format=\"1\"/>";
    pk_error err;
    char vi[PK_ERROR_TEXT_MAX];

    read_fails(data, sizeof data - 1, PK_EFORMAT, PK_MSG_ROOT_NAME, &err);
    ck_assert_uint_eq(err.offset, 0);
    ck_assert_str_eq(err.message, "the root element is <hoso>, expected "
                                  "<dossier>");
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    ck_assert_str_eq(vi, "phần tử gốc là <hoso>, cần là <dossier>");
}
END_TEST

START_TEST(test_message_render_cuts)
{
    static const char args[] = "abcdef\0xyz";
    char buf[8];

    /* Arguments in place, a missing one as "", and a buffer too
     * small: cut like snprintf(), the full length returned */
    ck_assert_uint_eq(
        pk_msg_render(PK_MSG_ROOT_NAME, 1, args, 2, buf, sizeof buf),
        strlen("the root element is <abcdef>, expected <xyz>"));
    ck_assert_str_eq(buf, "the roo");
    ck_assert_uint_eq(
        pk_msg_render(PK_MSG_TOO_DEEP, 0, NULL, 0, buf, sizeof buf),
        strlen("các phần tử lồng nhau sâu quá  cấp"));
    ck_assert_uint_eq(pk_msg_render(9999, 1, NULL, 0, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_message_without_id)
{
    pk_error err;
    char vi[PK_ERROR_TEXT_MAX];

    pk_error_set(&err, PK_ERULES, "p.xml", 3, 4, "a problem %d", 7);
    ck_assert_uint_eq(err.id, 0);
    ck_assert_uint_eq(err.offset, PK_NO_OFFSET);
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    ck_assert_str_eq(vi, "a problem 7");
}
END_TEST

START_TEST(test_message_file_by_id)
{
    pk_dossier *d = NULL;
    pk_error err;
    char vi[PK_ERROR_TEXT_MAX];

    char dir[] = "/tmp/pk-open-XXXXXX", loop[64], name[5000];

    /* The common reasons in the reader's language, not the system's
     * English; the rare ones with the system's words. */
    ck_assert_int_eq(
        pk_dossier_read_file(&d, engine, "/nonexistent/x.xml", &err), PK_EIO);
    ck_assert_uint_eq(err.id, PK_MSG_FILE_NOT_FOUND);
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    ck_assert_str_eq(vi, "không đọc được tệp: không có tệp này; hãy kiểm tra "
                         "tên tệp và thư mục");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(loop, sizeof loop, "%s/loop.xml", dir);
    ck_assert_int_eq(symlink(loop, loop), 0);
    ck_assert_int_eq(pk_dossier_read_file(&d, engine, loop, &err), PK_EIO);
    ck_assert_uint_eq(err.id, PK_MSG_FILE_LINK_LOOP);
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    ck_assert_ptr_nonnull(strstr(vi, "liên kết tượng trưng dẫn vòng"));
    ck_assert_int_eq(unlink(loop), 0);
    ck_assert_int_eq(rmdir(dir), 0);
    memset(name, 'a', sizeof name - 1);
    name[0] = '/';
    name[sizeof name - 1] = '\0';
    ck_assert_int_eq(pk_dossier_read_file(&d, engine, name, &err), PK_EIO);
    ck_assert_uint_eq(err.id, PK_MSG_FILE_OPEN);
    pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
    ck_assert_ptr_nonnull(strstr(vi, "không đọc được tệp (cannot open: "));
}
END_TEST

/* A FIFO with no writer, and a device: refused at once, never waited on
 * (before PK-244 the FIFO blocked in open() for ever). */
START_TEST(test_not_regular_file)
{
    char dir[] = "/tmp/pk-fifo-XXXXXX", fifo[64], vi[PK_ERROR_TEXT_MAX];
    const char *const paths[] = {fifo, "/dev/null"};
    pk_dossier *d = NULL;
    pk_report *r = NULL;
    pk_error err;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/hoso.xml", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    for (size_t i = 0; i < 2; i++) {
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(pk_dossier_read_file(&d, engine, paths[i], &err),
                         PK_EIO);
        ck_assert_ptr_null(d);
        ck_assert_uint_eq(err.id, PK_MSG_FILE_NOT_REGULAR);
        ck_assert_str_eq(err.source, paths[i]);
        pk_error_text(&err, PK_LANG_VI, vi, sizeof vi);
        ck_assert_ptr_nonnull(strstr(vi, "không phải là tệp thông thường"));
        /* and a report, invalid, as for any unreadable file */
        ck_assert_int_eq(pk_check_file(&r, engine, paths[i], NULL, &err),
                         PK_OK);
        ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_INVALID);
        ck_assert_uint_eq(pk_report_problem(r, 0)->id, PK_MSG_FILE_NOT_REGULAR);
        pk_report_free(r);
        r = NULL;
    }
    unlink(fifo);
    rmdir(dir);
}
END_TEST

static Suite *reader_suite(void)
{
    Suite *s = suite_create("reader");
    TCase *tc;

    tc = tcase_create("unreadable");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, test_problems_in_vietnamese);
    tcase_add_test(tc, test_doctype_internal_subset);
    tcase_add_test(tc, test_doctype_entity_bomb);
    tcase_add_test(tc, test_doctype_external);
    tcase_add_test(tc, test_undefined_entity);
    tcase_add_test(tc, test_predefined_entities);
    tcase_add_loop_test(
        tc, test_invalid_utf8, 0,
        (int)(sizeof bad_utf8_cases / sizeof bad_utf8_cases[0]));
    tcase_add_test(tc, test_invalid_utf8_far);
    tcase_add_test(tc, test_nul_byte);
    tcase_add_test(tc, test_utf16_detect);
    tcase_add_test(tc, test_utf16_to_utf8);
    tcase_add_test(tc, test_declared_encoding);
    tcase_add_test(tc, test_utf16_dossier);
    tcase_add_test(tc, test_legacy_encoding);
    tcase_add_loop_test(tc, test_broken_xml, 0,
                        sizeof broken_cases / sizeof broken_cases[0]);
    tcase_add_test(tc, test_fault_words);
    tcase_add_test(tc, test_suggest_name);
    tcase_add_test(tc, test_empty_input);
    tcase_add_test(tc, test_not_well_formed);
    tcase_add_test(tc, test_not_well_formed_first_error);
    tcase_add_test(tc, test_wrong_root);
    tcase_add_test(tc, test_missing_required_attribute);
    suite_add_tcase(s, tc);

    tc = tcase_create("warnings");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, test_unknown_element);
    tcase_add_test(tc, test_unknown_element_fact_missing);
    tcase_add_test(tc, test_unknown_attribute);
    tcase_add_test(tc, test_text_in_container);
    tcase_add_test(tc, test_text_after_child);
    tcase_add_test(tc, test_empty_value);
    tcase_add_test(tc, test_empty_attribute);
    tcase_add_test(tc, test_blank_row);
    tcase_add_test(tc, test_list_none);
    tcase_add_test(tc, test_required_attribute_blank);
    suite_add_tcase(s, tc);

    tc = tcase_create("positions");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, test_column_after_vietnamese);
    tcase_add_test(tc, test_crlf);
    tcase_add_test(tc, test_trimmed_value_position);
    tcase_add_test(tc, test_cdata);
    tcase_add_test(tc, test_character_references);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_max_depth);
    tcase_add_test(tc, test_max_bytes);
    tcase_add_test(tc, test_problem_cap);
    tcase_add_test(tc, test_position_in_large_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("values");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, test_m2_to_ha);
    tcase_add_test(tc, test_part_of_sum);
    tcase_add_test(tc, test_part_of_each);
    tcase_add_test(tc, test_part_of_unknown_part);
    tcase_add_test(tc, test_unlikely_above_by_unit);
    tcase_add_test(tc, test_format_checks_load);
    tcase_add_test(tc, test_format_kind_is_a_list);
    tcase_add_test(tc, test_format_citation_words);
    tcase_add_test(tc, test_unfilled_template);
    tcase_add_test(tc, test_unit_outside_vocabulary);
    tcase_add_test(tc, test_value_outside_vocabulary);
    tcase_add_test(tc, test_zone_type_wrong_group);
    tcase_add_test(tc, test_given_twice);
    tcase_add_test(tc, test_container_given_twice);
    suite_add_tcase(s, tc);

    tc = tcase_create("messages");
    tcase_add_unchecked_fixture(tc, engine_setup, engine_teardown);
    tcase_add_test(tc, test_message_empty_by_id);
    tcase_add_test(tc, test_message_bad_byte_offset);
    tcase_add_test(tc, test_message_arguments_in_both_languages);
    tcase_add_test(tc, test_message_render_cuts);
    tcase_add_test(tc, test_message_without_id);
    tcase_add_test(tc, test_message_file_by_id);
    tcase_add_test(tc, test_not_regular_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(reader_suite());
}
