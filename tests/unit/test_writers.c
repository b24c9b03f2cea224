/*
 * test_writers.c - the report writers' own parts: JSON strings and numbers
 * (always valid JSON and UTF-8, whatever bytes a dossier or a message
 * holds; numbers that do not depend on the locale), UTF-8 decoding, and
 * the pk_writer calls themselves (format names, misuse, a failing output).
 * Reports themselves go through the conformance suite.
 */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "writers.h"

#define FFFD PK_UTF8_REPLACEMENT

/* ------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------ */

static const struct string_case {
    const char *what, *in, *out;
} string_cases[] = {
    { "empty", "", "\"\"" },
    { "plain", "abc 123", "\"abc 123\"" },
    { "quote", "a\"b", "\"a\\\"b\"" },
    { "backslash", "a\\b", "\"a\\\\b\"" },
    { "slash stays", "</script>", "\"</script>\"" },
    { "short escapes", "1\n2\r3\t4", "\"1\\n2\\r3\\t4\"" },
    { "controls", "\x01\x08\x0c\x1b\x1f", "\"\\u0001\\u0008\\u000c\\u001b\\u001f\"" },
    { "delete", "a\x7f", "\"a\\u007f\"" },
    { "vietnamese", "Điều 5 khoản 2 — Số lao động",
      "\"Điều 5 khoản 2 — Số lao động\"" },
    { "two-byte", "\xc3\xa9", "\"\xc3\xa9\"" },
    { "three-byte", "\xe2\x89\xa5 60%", "\"\xe2\x89\xa5 60%\"" },
    { "four-byte", "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"" },
    { "highest", "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"" },
    { "line separator", "a\xe2\x80\xa8z", "\"a\\u2028z\"" },
    { "paragraph separator", "\xe2\x80\xa9", "\"\\u2029\"" },
    { "bidi override stays", "\xe2\x80\xae", "\"\xe2\x80\xae\"" },
    /* Ill-formed UTF-8: one U+FFFD per maximal subpart. */
    { "lone continuation", "a\x80z", "\"a" FFFD "z\"" },
    { "bad byte", "\xff", "\"" FFFD "\"" },
    { "bad bytes", "\xfe\xff", "\"" FFFD FFFD "\"" },
    { "truncated two-byte at end", "a\xc3", "\"a" FFFD "\"" },
    { "truncated two-byte", "\xc3\x28", "\"" FFFD "(\"" },
    { "truncated three-byte", "\xe2\x82", "\"" FFFD "\"" },
    { "truncated three-byte then ASCII", "\xe2\x82\x41", "\"" FFFD "A\"" },
    { "truncated four-byte", "\xf0\x9f\x98", "\"" FFFD "\"" },
    { "overlong slash", "\xc0\xaf", "\"" FFFD FFFD "\"" },
    { "overlong three-byte", "\xe0\x80\xaf", "\"" FFFD FFFD FFFD "\"" },
    { "surrogate", "\xed\xa0\x80", "\"" FFFD FFFD FFFD "\"" },
    { "beyond U+10FFFF", "\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\"" },
    { "five-byte form", "\xf8\x88\x80\x80\x80",
      "\"" FFFD FFFD FFFD FFFD FFFD "\"" },
    { "bad then quote", "\xff\"", "\"" FFFD "\\\"\"" },
    { "mixed", "x\x1b[31m\xc3\xa9\xff\"\\",
      "\"x\\u001b[31m\xc3\xa9" FFFD "\\\"\\\\\"" },
};

START_TEST(test_string)
{
    const struct string_case *c = &string_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_msg(pk_json_append_string(&sb, c->in) == 0, "%s", c->what);
    ck_assert_msg(strcmp(sb.data, c->out) == 0, "%s: got %s, want %s",
                  c->what, sb.data, c->out);
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_string_null)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_json_append_string(&sb, NULL), 0);
    ck_assert_str_eq(sb.data, "null");
    pk_sb_free(&sb);
}
END_TEST

/* Every byte value after every lead byte: the output is valid UTF-8 with
 * no raw control characters, and has exactly the two quotes it should. */
static int valid_json_string(const char *s, size_t len)
{
    size_t i = 1, adv;
    long cp;

    if (len < 2 || s[0] != '"' || s[len - 1] != '"')
        return 0;
    while (i < len - 1) {
        cp = pk_utf8_next(s + i, len - 1 - i, &adv);
        if (cp < 0x20 || cp == '"')
            return 0;
        if (cp == '\\') {
            if (i + 1 >= len - 1 || strchr("\"\\nrtu", s[i + 1]) == NULL)
                return 0;
            adv = 2;
        }
        i += adv;
    }
    return 1;
}

START_TEST(test_string_all_pairs)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    char in[4];
    unsigned a, b;

    for (a = 1; a < 256; a++) {
        for (b = 1; b < 256; b++) {
            in[0] = (char)a;
            in[1] = (char)b;
            in[2] = '\xbf';
            in[3] = '\0';
            pk_sb_reset(&sb);
            ck_assert_int_eq(pk_json_append_string(&sb, in), 0);
            ck_assert_msg(valid_json_string(sb.data, sb.len),
                          "bytes %02x %02x bf give %s", a, b, sb.data);
        }
    }
    pk_sb_free(&sb);
}
END_TEST

/* ------------------------------------------------------------------------
 * UTF-8 decoding
 * ------------------------------------------------------------------------ */

static const struct utf8_case {
    const char *in;
    long cp;
    size_t adv;
} utf8_cases[] = {
    { "A", 'A', 1 },
    { "\x7f", 0x7f, 1 },
    { "\xc2\x80", 0x80, 2 },
    { "\xc3\xa9", 0xe9, 2 },
    { "\xdf\xbf", 0x7ff, 2 },
    { "\xe0\xa0\x80", 0x800, 3 },
    { "\xe1\xbb\x87", 0x1ec7, 3 }, /* ệ */
    { "\xed\x9f\xbf", 0xd7ff, 3 },
    { "\xef\xbf\xbd", 0xfffd, 3 },
    { "\xf0\x90\x80\x80", 0x10000, 4 },
    { "\xf4\x8f\xbf\xbf", 0x10ffff, 4 },
    { "\x80", -1, 1 },
    { "\xc0\x80", -1, 1 },
    { "\xc1\xbf", -1, 1 },
    { "\xc2", -1, 1 },
    { "\xc2\x41", -1, 1 },
    { "\xe0\x9f\x80", -1, 1 },
    { "\xe1\x80", -1, 2 },
    { "\xe1\x80\x41", -1, 2 },
    { "\xed\xa0\x80", -1, 1 },
    { "\xf0\x8f\x80\x80", -1, 1 },
    { "\xf0\x90\x80", -1, 3 },
    { "\xf4\x90\x80\x80", -1, 1 },
    { "\xf5\x80\x80\x80", -1, 1 },
    { "\xff", -1, 1 },
};

START_TEST(test_utf8_next)
{
    const struct utf8_case *c = &utf8_cases[_i];
    size_t adv = 0;
    long cp = pk_utf8_next(c->in, strlen(c->in), &adv);

    ck_assert_int_eq(cp, c->cp);
    ck_assert_uint_eq(adv, c->adv);
}
END_TEST

/* ------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------ */

static const struct number_case {
    double v;
    const char *out;
} number_cases[] = {
    { 0, "0" },
    { -0.0, "0" },
    { 2000, "2000" },
    { -150, "-150" },
    { 1e16, "10000000000000000" },
    { 15.47, "15.47" },
    { -15.47, "-15.47" },
    { 62.5, "62.5" },
    { 0.6, "0.6" },
    { 1234567.5, "1234567.5" },
    { 0.1 + 0.2, "0.3" },                 /* binary noise hidden */
    { 0.6 - 0.55, "0.05" },
    { 2.0 / 3.0, "0.666666666667" },
    { 0.6 - 7.0 / 12.0, "0.0166666666667" },
    { 1e-9, "1e-09" },
    { 1e17, "1e+17" },
    { 123456789012345678.0, "1.2345678901234568e+17" },
    { 1e300, "1e+300" },
    { NAN, "null" },
    { INFINITY, "null" },
    { -INFINITY, "null" },
};

START_TEST(test_number)
{
    const struct number_case *c = &number_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_json_append_number(&sb, c->v), 0);
    ck_assert_str_eq(sb.data, c->out);
    pk_sb_free(&sb);
}
END_TEST

static const char *const comma_locales[] = {
    "vi_VN.UTF-8", "vi_VN.utf8", "de_DE.UTF-8", "de_DE.utf8",
    "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8", "ru_RU.utf8",
};

START_TEST(test_number_locale_independent)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    const char *got = NULL;
    size_t i;

    for (i = 0; i < sizeof comma_locales / sizeof comma_locales[0]; i++) {
        got = setlocale(LC_ALL, comma_locales[i]);
        if (got != NULL)
            break;
    }
    if (got == NULL)
        return; /* none installed: nothing to prove here */
    for (i = 0; i < sizeof number_cases / sizeof number_cases[0]; i++) {
        pk_sb_reset(&sb);
        ck_assert_int_eq(pk_json_append_number(&sb, number_cases[i].v), 0);
        ck_assert_str_eq(sb.data, number_cases[i].out);
    }
    pk_sb_free(&sb);
    setlocale(LC_ALL, "C");
}
END_TEST

/* ------------------------------------------------------------------------
 * pk_writer
 * ------------------------------------------------------------------------ */

/* An output that keeps what it gets, and fails from call number fail_at
 * on (0: never). */
typedef struct sink {
    pk_strbuf text;
    unsigned calls, fail_at;
} sink;

static int sink_write(void *userdata, const char *data, size_t len)
{
    sink *k = userdata;

    k->calls++;
    if (k->fail_at != 0 && k->calls >= k->fail_at)
        return -1;
    return pk_sb_append(&k->text, data, len);
}

START_TEST(test_format_names)
{
    pk_format f = PK_FORMAT_JSON;

    ck_assert_int_eq(pk_format_from_name("text", &f), 0);
    ck_assert_int_eq(f, PK_FORMAT_TEXT);
    ck_assert_int_eq(pk_format_from_name("json", &f), 0);
    ck_assert_int_eq(f, PK_FORMAT_JSON);
    ck_assert_int_eq(pk_format_from_name("JSON", &f), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name("xml", &f), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name("", &f), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name(NULL, &f), PK_EINVAL);
    ck_assert_int_eq(pk_format_from_name("json", NULL), PK_EINVAL);
}
END_TEST

START_TEST(test_writer_misuse)
{
    sink k = { PK_STRBUF_INIT, 0, 0 };
    pk_writer *w = (pk_writer *)(void *)&k; /* not NULL: must be reset */
    pk_error err;

    ck_assert_int_eq(pk_writer_new(NULL, NULL, PK_FORMAT_TEXT, PK_LANG_VI,
                                   sink_write, &k, NULL),
                     PK_EINVAL);
    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_TEXT, PK_LANG_VI,
                                   NULL, &k, &err),
                     PK_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(err.code, PK_EINVAL);
    ck_assert(err.message[0] != '\0');
    ck_assert_int_eq(pk_writer_new(&w, NULL, (pk_format)42, PK_LANG_VI,
                                   sink_write, &k, &err),
                     PK_EINVAL);
    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_JSON, (pk_lang)7,
                                   sink_write, &k, &err),
                     PK_EINVAL);
    ck_assert_int_eq(pk_writer_add(NULL, NULL, &err), PK_EINVAL);
    ck_assert_int_eq(pk_writer_finish(NULL, &err), PK_EINVAL);
    ck_assert_uint_eq(k.calls, 0);
    pk_writer_free(NULL);

    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_JSON, PK_LANG_EN,
                                   sink_write, &k, &err),
                     0);
    ck_assert_int_eq(pk_writer_add(w, NULL, &err), PK_EINVAL);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    ck_assert_int_eq(pk_writer_finish(w, &err), PK_EINVAL);
    ck_assert_int_eq(pk_writer_add(w, NULL, &err), PK_EINVAL);
    pk_writer_free(w);
    pk_sb_free(&k.text);
}
END_TEST

START_TEST(test_writer_json_empty)
{
    sink k = { PK_STRBUF_INIT, 0, 0 };
    pk_strbuf want = PK_STRBUF_INIT;
    pk_writer *w;

    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_JSON, PK_LANG_VI,
                                   sink_write, &k, NULL),
                     0);
    ck_assert_uint_eq(k.calls, 1); /* the head, at once */
    ck_assert_int_eq(pk_writer_finish(w, NULL), 0);
    ck_assert_uint_eq(k.calls, 2);
    pk_sb_printf(&want,
                 "{\"parkcheck\":\"%s\",\"format\":1,\"lang\":\"vi\","
                 "\"rulepacks\":[],\"dossiers\":[\n],\"summary\":"
                 "{\"dossiers\":0,\"eligible\":0,\"incomplete\":0,"
                 "\"not_eligible\":0,\"invalid\":0}}\n",
                 pk_version());
    ck_assert_str_eq(k.text.data, want.data);
    pk_writer_free(w);
    pk_sb_free(&k.text);
    pk_sb_free(&want);
}
END_TEST

START_TEST(test_writer_text_empty)
{
    sink k = { PK_STRBUF_INIT, 0, 0 };
    pk_writer *w;

    /* No dossier: no summary, nothing written at all. */
    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_TEXT, PK_LANG_EN,
                                   sink_write, &k, NULL),
                     0);
    ck_assert_int_eq(pk_writer_finish(w, NULL), 0);
    ck_assert_uint_eq(k.calls, 0);
    pk_writer_free(w);
    pk_sb_free(&k.text);
}
END_TEST

START_TEST(test_writer_output_fails)
{
    sink k = { PK_STRBUF_INIT, 0, 1 };
    pk_writer *w = NULL;
    pk_error err;

    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_JSON, PK_LANG_EN,
                                   sink_write, &k, &err),
                     PK_EIO);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(err.code, PK_EIO);

    /* Failing at the end: the writer says so, and stays stopped. */
    k.calls = 0;
    k.fail_at = 2;
    ck_assert_int_eq(pk_writer_new(&w, NULL, PK_FORMAT_JSON, PK_LANG_EN,
                                   sink_write, &k, &err),
                     0);
    ck_assert_int_eq(pk_writer_finish(w, &err), PK_EIO);
    ck_assert_int_eq(err.code, PK_EIO);
    ck_assert_int_eq(pk_writer_finish(w, &err), PK_EIO);
    ck_assert_uint_eq(k.calls, 2);
    pk_writer_free(w);
    pk_sb_free(&k.text);
}
END_TEST

#ifndef PK_SOURCE_ROOT
#define PK_SOURCE_ROOT "."
#endif

/* Pieces formatted ahead (pk_writer_format(), here all of them before any
 * is added, the last first, as worker threads might) give the same bytes
 * as pk_writer_add(), in every format and language; a piece out of its
 * place, or made for another writer, is refused and writes nothing. */
START_TEST(test_writer_pieces_same_bytes)
{
    static const char *const files[] = {
        PK_SOURCE_ROOT "/examples/complete-eligible.xml",
        PK_SOURCE_ROOT "/examples/near-miss.xml",
        PK_SOURCE_ROOT "/examples/expansion-near-miss.xml",
    };
    enum { N = 4 };
    pk_engine *engine;
    pk_report *reports[N];
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(pk_check_file(&reports[i], engine, files[i], NULL,
                                       &err), 0);
    ck_assert_int_eq(pk_check_memory(&reports[3], engine, "broken", "<x",
                                     2, NULL, &err), 0);
    for (int f = PK_FORMAT_TEXT; f <= PK_FORMAT_NDJSON; f++) {
        for (int l = 0; l < 2; l++) {
            pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
            sink a = { PK_STRBUF_INIT, 0, 0 }, b = { PK_STRBUF_INIT, 0, 0 };
            sink c = { PK_STRBUF_INIT, 0, 0 };
            pk_writer *wa, *wb, *other;
            pk_writer_piece *pieces[N], *stray;
            size_t calls;

            ck_assert_int_eq(pk_writer_new(&wa, engine, (pk_format)f, lang,
                                           sink_write, &a, &err), 0);
            ck_assert_int_eq(pk_writer_new(&wb, engine, (pk_format)f, lang,
                                           sink_write, &b, &err), 0);
            ck_assert_int_eq(pk_writer_new(&other, engine, (pk_format)f,
                                           lang, sink_write, &c, &err), 0);
            for (size_t i = 0; i < N; i++)
                ck_assert_int_eq(pk_writer_add(wa, reports[i], &err), 0);
            for (size_t i = N; i-- > 0;)
                ck_assert_int_eq(pk_writer_format(wb, reports[i], i,
                                                  &pieces[i], &err), 0);
            ck_assert_int_eq(pk_writer_format(other, reports[0], 0, &stray,
                                              &err), 0);
            calls = b.calls;
            ck_assert_int_eq(pk_writer_add_piece(wb, pieces[1], &err),
                             PK_EINVAL);
            ck_assert_int_eq(pk_writer_add_piece(wb, stray, &err),
                             PK_EINVAL);
            ck_assert_uint_eq(b.calls, calls);
            for (size_t i = 0; i < N; i++)
                ck_assert_int_eq(pk_writer_add_piece(wb, pieces[i], &err),
                                 0);
            ck_assert_int_eq(pk_writer_finish(wa, &err), 0);
            ck_assert_int_eq(pk_writer_finish(wb, &err), 0);
            ck_assert_uint_eq(a.text.len, b.text.len);
            ck_assert(memcmp(a.text.data, b.text.data, a.text.len) == 0);
            for (size_t i = 0; i < N; i++)
                pk_writer_piece_free(pieces[i]);
            pk_writer_piece_free(stray);
            pk_writer_piece_free(NULL);
            pk_writer_free(wa);
            pk_writer_free(wb);
            pk_writer_free(other);
            pk_sb_free(&a.text);
            pk_sb_free(&b.text);
            pk_sb_free(&c.text);
        }
    }
    ck_assert_int_eq(pk_writer_format(NULL, reports[0], 0, NULL, &err),
                     PK_EINVAL);
    for (size_t i = 0; i < N; i++)
        pk_report_free(reports[i]);
    pk_engine_free(engine);
}
END_TEST

/* A label that starts a comparison's line gets a capital first letter,
 * Vietnamese letters included; the rest is left as it is. */
static const struct cap_case {
    const char *in, *out;
} cap_cases[] = {
    { "số lao động", "Số lao động" },
    { "đất xây dựng", "Đất xây dựng" },
    { "ước tính", "Ước tính" },
    { "ơn", "Ơn" },
    { "ấn định", "Ấn định" },
    { "ý kiến", "Ý kiến" },
    { "ảnh", "Ảnh" },
    { "whether the park", "Whether the park" },
    { "Already", "Already" },
    { "2407/QĐ-TTg", "2407/QĐ-TTg" },
    { "", "" },
};

START_TEST(test_capitalised)
{
    const struct cap_case *c = &cap_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_writer_append_capitalised(&sb, c->in), 0);
    pk_sb_puts(&sb, "");
    ck_assert_str_eq(sb.data, c->out);
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_score_meaning)
{
    /* one line in each language, saying what it measures */
    const char *vi = pk_writer_score_meaning(PK_LANG_VI);
    const char *en = pk_writer_score_meaning(PK_LANG_EN);

    ck_assert_ptr_null(strchr(vi, '\n'));
    ck_assert_ptr_null(strchr(en, '\n'));
    ck_assert_ptr_nonnull(strstr(en, "weighted share of the applicable "
                                     "mandatory rules that pass"));
    ck_assert_ptr_nonnull(strstr(vi, "quy định bắt buộc"));
    ck_assert_ptr_nonnull(strstr(vi, "trọng số"));
}
END_TEST

static Suite *writers_suite(void)
{
    Suite *s = suite_create("writers");
    TCase *tc;

    tc = tcase_create("string");
    tcase_add_loop_test(tc, test_string, 0,
                        (int)(sizeof string_cases / sizeof string_cases[0]));
    tcase_add_test(tc, test_string_null);
    tcase_add_test(tc, test_string_all_pairs);
    tcase_add_loop_test(tc, test_capitalised, 0,
                        (int)(sizeof cap_cases / sizeof cap_cases[0]));
    tcase_add_test(tc, test_score_meaning);
    suite_add_tcase(s, tc);

    tc = tcase_create("utf8");
    tcase_add_loop_test(tc, test_utf8_next, 0,
                        (int)(sizeof utf8_cases / sizeof utf8_cases[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("number");
    tcase_add_loop_test(tc, test_number, 0,
                        (int)(sizeof number_cases / sizeof number_cases[0]));
    tcase_add_test(tc, test_number_locale_independent);
    suite_add_tcase(s, tc);

    tc = tcase_create("writer");
    tcase_add_test(tc, test_format_names);
    tcase_add_test(tc, test_writer_misuse);
    tcase_add_test(tc, test_writer_json_empty);
    tcase_add_test(tc, test_writer_text_empty);
    tcase_add_test(tc, test_writer_output_fails);
    tcase_add_test(tc, test_writer_pieces_same_bytes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(writers_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
