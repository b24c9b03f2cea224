/*
 * test_writers.c - the report writers' own parts: JSON strings and numbers
 * (always valid JSON and UTF-8, whatever bytes a dossier or a message
 * holds; numbers that do not depend on the locale), UTF-8 decoding, and
 * the pk_writer calls themselves (format names, misuse, a failing output);
 * and that reports read right: every message of every rule over every
 * conformance case and example, and the text and HTML reports, in both
 * languages, free of the composition faults once seen (a blank quoted
 * into a sentence, English inside Vietnamese, ISO dates in Vietnamese,
 * internal ids and paths, input problems last, short not-applicable
 * lists). Verdicts themselves go through the conformance suite.
 */
#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc.h"
#include "sink.h"
#include "writers/view.h"
#include "writers/writers.h"

#define FFFD PK_UTF8_REPLACEMENT

/* ------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------ */

static const struct string_case {
    const char *what, *in, *out;
} string_cases[] = {
    {"empty", "", "\"\""},
    {"plain", "abc 123", "\"abc 123\""},
    {"quote", "a\"b", "\"a\\\"b\""},
    {"backslash", "a\\b", "\"a\\\\b\""},
    {"slash stays", "</script>", "\"</script>\""},
    {"short escapes", "1\n2\r3\t4", "\"1\\n2\\r3\\t4\""},
    {"controls", "\x01\x08\x0c\x1b\x1f",
     "\"\\u0001\\u0008\\u000c\\u001b\\u001f\""},
    {"delete", "a\x7f", "\"a\\u007f\""},
    {"vietnamese", "Điều 5 khoản 2 — Số lao động",
     "\"Điều 5 khoản 2 — Số lao động\""},
    {"two-byte", "\xc3\xa9", "\"\xc3\xa9\""},
    {"three-byte", "\xe2\x89\xa5 60%", "\"\xe2\x89\xa5 60%\""},
    {"four-byte", "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},
    {"highest", "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""},
    {"line separator", "a\xe2\x80\xa8z", "\"a\\u2028z\""},
    {"paragraph separator", "\xe2\x80\xa9", "\"\\u2029\""},
    {"bidi override stays", "\xe2\x80\xae", "\"\xe2\x80\xae\""},
    /* long enough to be looked at sixteen and eight bytes at a time,
     * with what needs a look at every distance from a block's start */
    {"long plain", "0123456789abcdef0123456789abcdef0123456789",
     "\"0123456789abcdef0123456789abcdef0123456789\""},
    {"quote at 16", "0123456789abcdef\"x", "\"0123456789abcdef\\\"x\""},
    {"quote at 15", "0123456789abcde\"0123456789abcdef",
     "\"0123456789abcde\\\"0123456789abcdef\""},
    {"control at 23", "0123456789abcdef0123456\x01z",
     "\"0123456789abcdef0123456\\u0001z\""},
    {"delete at 31", "0123456789abcdef0123456789abcde\x7f",
     "\"0123456789abcdef0123456789abcde\\u007f\""},
    {"backslash at 40", "0123456789abcdef0123456789abcdef01234567\\",
     "\"0123456789abcdef0123456789abcdef01234567\\\\\""},
    {"letters after 17", "0123456789abcdef0\xc4\x90i\xe1\xbb\x81u \xe2\x89\xa5",
     "\"0123456789abcdef0\xc4\x90i\xe1\xbb\x81u \xe2\x89\xa5\""},
    {"bad byte after 20",
     "0123456789abcdef0123\xff"
     "0123456789abcdef",
     "\"0123456789abcdef0123" FFFD "0123456789abcdef\""},
    {"separator after 16", "0123456789abcdef\xe2\x80\xa8",
     "\"0123456789abcdef\\u2028\""},
    /* the neighbours of U+2028/U+2029 and the quotes of our words */
    {"U+2027 stays", "\xe2\x80\xa7", "\"\xe2\x80\xa7\""},
    {"U+202A stays", "a\xe2\x80\xaaz", "\"a\xe2\x80\xaaz\""},
    {"U+20A8 stays", "\xe2\x82\xa8", "\"\xe2\x82\xa8\""},
    {"curly quotes stay", "\xe2\x80\x9cx\xe2\x80\x9d",
     "\"\xe2\x80\x9cx\xe2\x80\x9d\""},
    {"separator after a quote", "\xe2\x80\x9c\xe2\x80\xa9",
     "\"\xe2\x80\x9c\\u2029\""},
    /* Ill-formed UTF-8: one U+FFFD per maximal subpart. */
    {"lone continuation", "a\x80z", "\"a" FFFD "z\""},
    {"bad byte", "\xff", "\"" FFFD "\""},
    {"bad bytes", "\xfe\xff", "\"" FFFD FFFD "\""},
    {"truncated two-byte at end", "a\xc3", "\"a" FFFD "\""},
    {"truncated two-byte", "\xc3\x28", "\"" FFFD "(\""},
    {"truncated three-byte", "\xe2\x82", "\"" FFFD "\""},
    {"truncated three-byte then ASCII", "\xe2\x82\x41", "\"" FFFD "A\""},
    {"truncated four-byte", "\xf0\x9f\x98", "\"" FFFD "\""},
    {"overlong slash", "\xc0\xaf", "\"" FFFD FFFD "\""},
    {"overlong three-byte", "\xe0\x80\xaf", "\"" FFFD FFFD FFFD "\""},
    {"surrogate", "\xed\xa0\x80", "\"" FFFD FFFD FFFD "\""},
    {"beyond U+10FFFF", "\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\""},
    {"five-byte form", "\xf8\x88\x80\x80\x80",
     "\"" FFFD FFFD FFFD FFFD FFFD "\""},
    {"bad then quote", "\xff\"", "\"" FFFD "\\\"\""},
    {"mixed", "x\x1b[31m\xc3\xa9\xff\"\\",
     "\"x\\u001b[31m\xc3\xa9" FFFD "\\\"\\\\\""},
};

START_TEST(test_string)
{
    const struct string_case *c = &string_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_msg(pk_json_append_string(&sb, c->in) == 0, "%s", c->what);
    ck_assert_msg(strcmp(sb.data, c->out) == 0, "%s: got %s, want %s", c->what,
                  sb.data, c->out);
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

/* Strings of random pieces, each with the JSON it must give whatever
 * comes before or after it: long runs, so that every piece falls at
 * every distance from the start of a block the escaper looks at whole. */
static const struct piece {
    const char *in, *out;
} json_pieces[] = {
    {"a", "a"},
    {"Z", "Z"},
    {" ", " "},
    {"~", "~"},
    {"\"", "\\\""},
    {"\\", "\\\\"},
    {"\n", "\\n"},
    {"\t", "\\t"},
    {"\x01", "\\u0001"},
    {"\x1f", "\\u001f"},
    {"\x7f", "\\u007f"},
    {"\xc3\xa9", "\xc3\xa9"},         /* é */
    {"\xc2\xb7", "\xc2\xb7"},         /* · */
    {"\xe1\xbb\x87", "\xe1\xbb\x87"}, /* ệ */
    {"\xe2\x89\xa5", "\xe2\x89\xa5"}, /* ≥ */
    {"\xe2\x80\x9c", "\xe2\x80\x9c"}, /* “ */
    {"\xe2\x80\xa8", "\\u2028"},      /* line separator */
    {"\xe2\x80\xa9", "\\u2029"},      /* paragraph separator */
    {"\xef\xbf\xbd", "\xef\xbf\xbd"}, /* U+FFFD itself */
    {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},
    {"\xff", FFFD},
    {"\xfe", FFFD},
};

START_TEST(test_string_random_pieces)
{
    pk_strbuf sb = PK_STRBUF_INIT, want = PK_STRBUF_INIT;
    char in[512];
    uint32_t seed = 20261207;
    const size_t npieces = sizeof json_pieces / sizeof json_pieces[0];

    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        /* mostly plain letters, as our words are */
        int n = (int)(seed % 60);

        pk_sb_reset(&want);
        PK_SB_LIT(&want, "\"");
        for (int k = 0; k < n; k++) {
            const struct piece *p;

            seed = seed * 1103515245u + 12345u;
            p = (seed >> 16) % 4 != 0 ? &json_pieces[(seed >> 8) % 4]
                                      : &json_pieces[(seed >> 8) % npieces];
            memcpy(in + len, p->in, strlen(p->in));
            len += strlen(p->in);
            pk_sb_puts(&want, p->out);
        }
        in[len] = '\0';
        PK_SB_LIT(&want, "\"");
        seed = seed * 1103515245u + 12345u;
        pk_sb_reset(&sb);
        ck_assert_int_eq(pk_json_append_string(&sb, in), 0);
        ck_assert_msg(strcmp(sb.data, want.data) == 0,
                      "round %d: got %s, want %s", round, sb.data, want.data);
    }
    pk_sb_free(&sb);
    pk_sb_free(&want);
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
    {"A", 'A', 1},
    {"\x7f", 0x7f, 1},
    {"\xc2\x80", 0x80, 2},
    {"\xc3\xa9", 0xe9, 2},
    {"\xdf\xbf", 0x7ff, 2},
    {"\xe0\xa0\x80", 0x800, 3},
    {"\xe1\xbb\x87", 0x1ec7, 3}, /* ệ */
    {"\xed\x9f\xbf", 0xd7ff, 3},
    {"\xef\xbf\xbd", 0xfffd, 3},
    {"\xf0\x90\x80\x80", 0x10000, 4},
    {"\xf4\x8f\xbf\xbf", 0x10ffff, 4},
    {"\x80", -1, 1},
    {"\xc0\x80", -1, 1},
    {"\xc1\xbf", -1, 1},
    {"\xc2", -1, 1},
    {"\xc2\x41", -1, 1},
    {"\xe0\x9f\x80", -1, 1},
    {"\xe1\x80", -1, 2},
    {"\xe1\x80\x41", -1, 2},
    {"\xed\xa0\x80", -1, 1},
    {"\xf0\x8f\x80\x80", -1, 1},
    {"\xf0\x90\x80", -1, 3},
    {"\xf4\x90\x80\x80", -1, 1},
    {"\xf5\x80\x80\x80", -1, 1},
    {"\xff", -1, 1},
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
    {0, "0"},
    {-0.0, "0"},
    {2000, "2000"},
    {-150, "-150"},
    {1e16, "10000000000000000"},
    {15.47, "15.47"},
    {-15.47, "-15.47"},
    {62.5, "62.5"},
    {0.6, "0.6"},
    {1234567.5, "1234567.5"},
    {0.1 + 0.2, "0.3"}, /* binary noise hidden */
    {0.6 - 0.55, "0.05"},
    {2.0 / 3.0, "0.666666666667"},
    {0.6 - 7.0 / 12.0, "0.0166666666667"},
    {1e-9, "1e-09"},
    {1e17, "1e+17"},
    {123456789012345678.0, "1.2345678901234568e+17"},
    {1e300, "1e+300"},
    {NAN, "null"},
    {INFINITY, "null"},
    {-INFINITY, "null"},
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

/* Numbers with a fraction are written as "%.15g" writes them (or "%.12g"
 * when that does not read back), whichever way the writer finds the
 * digits: printf is the reference, on numbers of few and many digits,
 * of every size, and a hair off a short decimal. */
START_TEST(test_number_matches_printf)
{
    uint64_t seed = 0xD1B54A32D192ED03u;

    for (unsigned i = 0; i < 200000; i++) {
        double v;
        char want[64];
        pk_strbuf sb = PK_STRBUF_INIT;

        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        switch (i % 8) {
        case 0: /* a few decimal digits */
            v = (double)(seed % 1000000000) / pow(10, (double)(seed >> 60));
            break;
        case 1: /* any size */
            v = ldexp((double)(seed >> 11), (int)(seed % 100) - 80);
            break;
        case 2: /* a short decimal, a hair off */
            v = (double)(seed % 100000) / 1000.0;
            v = nextafter(v, (seed & 2) ? INFINITY : 0);
            break;
        case 3: /* sums, as the engine makes them */
            v = (double)(seed % 1000) / 10.0 +
                (double)((seed >> 20) % 1000) / 100.0;
            break;
        case 4: /* shares, as the engine works them out: 255 / 392 */
            v = (double)(seed % 100000) /
                (double)(1 + (seed >> 24) % (seed & 8 ? 1000 : 10000000));
            break;
        case 5: /* binary fractions */
            v = ldexp((double)(seed % 100000000), -(int)(10 + (seed >> 58)));
            break;
        case 6: /* a hair off halfway at the 12th digit, ...125 */
            v = ((double)(seed % 1000000000000) * 10 + 5) / 1e12;
            v = nextafter(v, (seed & 2) ? INFINITY : 0);
            break;
        default: /* next to halfway at the 15th, ...5 as the 16th */
            v = ((double)(seed % 100000000000000) * 10 + 5) / 1e14;
            break;
        }
        if (seed & 4)
            v = -v;
        if (v == trunc(v))
            continue;
        snprintf(want, sizeof want, "%.15g", v);
        if (strtod(want, NULL) != v)
            snprintf(want, sizeof want, "%.12g", v);
        ck_assert_int_eq(pk_json_append_number(&sb, v), 0);
        ck_assert_msg(strcmp(sb.data, want) == 0, "%.17g: %s, not %s", v,
                      sb.data, want);
        pk_sb_free(&sb);
    }
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
    tc_sink k = TC_SINK_INIT;
    pk_writer *w = (pk_writer *)(void *)&k; /* not NULL: must be reset */
    pk_error err;

    ck_assert_int_eq(
        pk_writer_new(NULL, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_VI},
                      NULL),
        PK_EINVAL);
    ck_assert_int_eq(
        pk_writer_new(&w, NULL, NULL, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_VI},
                      &err),
        PK_EINVAL);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(err.code, PK_EINVAL);
    ck_assert(err.message[0] != '\0');
    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           (pk_format)42, PK_LANG_VI},
                      &err),
        PK_EINVAL);
    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, (pk_lang)7},
                      &err),
        PK_EINVAL);
    ck_assert_int_eq(pk_writer_add(NULL, NULL, &err), PK_EINVAL);
    ck_assert_int_eq(pk_writer_finish(NULL, &err), PK_EINVAL);
    ck_assert_uint_eq(k.calls, 0);
    pk_writer_free(NULL);

    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_EN},
                      &err),
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
    tc_sink k = TC_SINK_INIT;
    pk_strbuf want = PK_STRBUF_INIT;
    pk_writer *w;

    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_VI},
                      NULL),
        0);
    ck_assert_uint_eq(k.calls, 1); /* the head, at once */
    ck_assert_int_eq(pk_writer_finish(w, NULL), 0);
    ck_assert_uint_eq(k.calls, 2);
    pk_sb_printf(&want,
                 "{\"parkcheck\":\"%s\",\"format\":1,\"lang\":\"vi\","
                 "\"rulepacks\":[],\"dossiers\":[\n],\"summary\":"
                 "{\"dossiers\":0,\"eligible\":0,\"incomplete\":0,"
                 "\"not_eligible\":0,\"invalid\":0,\"needs_ruling\":0,"
                 "\"left_out\":0,\"batch\":{\"dossiers\":0,\"eligible\":0,"
                 "\"incomplete\":0,\"not_eligible\":0,\"invalid\":0,"
                 "\"needs_ruling\":0}}}\n",
                 pk_version());
    ck_assert_str_eq(k.text.data, want.data);
    pk_writer_free(w);
    pk_sb_free(&k.text);
    pk_sb_free(&want);
}
END_TEST

START_TEST(test_writer_text_empty)
{
    tc_sink k = TC_SINK_INIT;
    pk_writer *w;

    /* No dossier: no summary, nothing written at all. */
    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_TEXT, PK_LANG_EN},
                      NULL),
        0);
    ck_assert_int_eq(pk_writer_finish(w, NULL), 0);
    ck_assert_uint_eq(k.calls, 0);
    pk_writer_free(w);
    pk_sb_free(&k.text);
}
END_TEST

START_TEST(test_writer_output_fails)
{
    tc_sink k = {PK_STRBUF_INIT, 0, 1};
    pk_writer *w = NULL;
    pk_error err;

    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_EN},
                      &err),
        PK_EIO);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(err.code, PK_EIO);

    /* Failing at the end: the writer says so, and stays stopped. */
    k.calls = 0;
    k.fail_at = 2;
    ck_assert_int_eq(
        pk_writer_new(&w, NULL, tc_sink_write, &k,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_EN},
                      &err),
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
        ck_assert_int_eq(
            pk_check_file(&reports[i], engine, files[i], NULL, &err), 0);
    ck_assert_int_eq(
        pk_check_memory(&reports[3], engine, "broken", "<x", 2, NULL, &err), 0);
    for (int f = PK_FORMAT_TEXT; f <= PK_FORMAT_NDJSON; f++) {
        for (int l = 0; l < 2; l++) {
            pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
            tc_sink a = TC_SINK_INIT, b = {PK_STRBUF_INIT, 0, 0};
            tc_sink c = TC_SINK_INIT;
            pk_writer *wa, *wb, *other;
            pk_writer_piece *pieces[N], *stray;
            size_t calls;

            ck_assert_int_eq(
                pk_writer_new(&wa, engine, tc_sink_write, &a,
                              &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                                   (pk_format)f, lang},
                              &err),
                0);
            ck_assert_int_eq(
                pk_writer_new(&wb, engine, tc_sink_write, &b,
                              &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                                   (pk_format)f, lang},
                              &err),
                0);
            ck_assert_int_eq(
                pk_writer_new(&other, engine, tc_sink_write, &c,
                              &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                                   (pk_format)f, lang},
                              &err),
                0);
            for (size_t i = 0; i < N; i++)
                ck_assert_int_eq(pk_writer_add(wa, reports[i], &err), 0);
            for (size_t i = N; i-- > 0;)
                ck_assert_int_eq(
                    pk_writer_format(wb, reports[i], i, &pieces[i], &err), 0);
            ck_assert_int_eq(
                pk_writer_format(other, reports[0], 0, &stray, &err), 0);
            calls = b.calls;
            ck_assert_int_eq(pk_writer_add_piece(wb, pieces[1], &err),
                             PK_EINVAL);
            ck_assert_int_eq(pk_writer_add_piece(wb, stray, &err), PK_EINVAL);
            ck_assert_uint_eq(b.calls, calls);
            for (size_t i = 0; i < N; i++)
                ck_assert_int_eq(pk_writer_add_piece(wb, pieces[i], &err), 0);
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

/* ------------------------------------------------------------------------
 * Reports read right: every message of every rule of the built-in pack,
 * and the text and HTML reports, over every conformance case and example,
 * in both languages
 * ------------------------------------------------------------------------ */

/* Phrases that show a text was composed wrong, in either language: an
 * article doubled, a label that does not fit its sentence. */
static const char *const bad_any[] = {
    "the dossier's the",
    "the the ",
    "the whether",
};

/* And in a rule's message, a blank quoted into a sentence: an empty
 * quotation, a clause with nothing in it. (An input problem may rightly
 * quote a blank: issuer="" is what the drafter typed.) */
static const char *const bad_message[] = {
    "do trình;", "do  trình", "\"\"", "«»", "“”", "()", " ;", "  ",
};

/* English inside Vietnamese, and what the writers once wrote there. */
static const char *const bad_vi[] = {
    " in force from ", " in force ", " is invalid",    "the dossier",
    " the ",           " is ",       "(not-eligible)", "(eligible)",
    "(incomplete)",    "(invalid)",
};

/* Where a dossier's text is checked: a case, with what it is. */
typedef struct scan {
    const char *file;
    const char *what; /* "message of RULE", "text report", ... */
    pk_lang lang;
} scan;

static int has_iso_date(const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        int k, ok = 1;

        for (k = 0; k < 10 && ok; k++) {
            char c = s[k];

            if (c == '\0')
                return 0;
            ok = (k == 4 || k == 7) ? c == '-' : (c >= '0' && c <= '9');
        }
        if (ok)
            return 1;
    }
    return 0;
}

/* message: text is one rule's message, held to bad_message too. */
static void scan_phrases(const scan *sc, const char *text, int message)
{
    size_t i;

    if (text == NULL)
        return;
    for (i = 0; i < sizeof bad_any / sizeof bad_any[0]; i++)
        ck_assert_msg(strstr(text, bad_any[i]) == NULL,
                      "%s: %s (%s) holds \"%s\": %.300s", sc->file, sc->what,
                      sc->lang == PK_LANG_VI ? "vi" : "en", bad_any[i],
                      strstr(text, bad_any[i]));
    for (i = 0; message && i < sizeof bad_message / sizeof bad_message[0]; i++)
        ck_assert_msg(strstr(text, bad_message[i]) == NULL,
                      "%s: %s (%s) holds \"%s\": %.300s", sc->file, sc->what,
                      sc->lang == PK_LANG_VI ? "vi" : "en", bad_message[i],
                      strstr(text, bad_message[i]));
    if (sc->lang != PK_LANG_VI)
        return;
    for (i = 0; i < sizeof bad_vi / sizeof bad_vi[0]; i++)
        ck_assert_msg(strstr(text, bad_vi[i]) == NULL,
                      "%s: %s (vi) holds \"%s\": %.300s", sc->file, sc->what,
                      bad_vi[i], strstr(text, bad_vi[i]));
}

/* The text of an HTML page without its tags, its style sheet and its
 * character references other than the few the writer makes. */
static void html_text(const char *page, pk_strbuf *out)
{
    const char *p = page;

    while (*p != '\0') {
        if (strncmp(p, "<style", 6) == 0) {
            const char *end = strstr(p, "</style>");

            p = end != NULL ? end + 8 : p + strlen(p);
        } else if (*p == '<') {
            const char *end = strchr(p, '>');

            p = end != NULL ? end + 1 : p + strlen(p);
            pk_sb_puts(out, " ");
        } else if (strncmp(p, "&lt;", 4) == 0) {
            pk_sb_puts(out, "<");
            p += 4;
        } else if (strncmp(p, "&gt;", 4) == 0) {
            pk_sb_puts(out, ">");
            p += 4;
        } else if (strncmp(p, "&quot;", 6) == 0) {
            pk_sb_puts(out, "\"");
            p += 6;
        } else if (strncmp(p, "&amp;", 5) == 0) {
            pk_sb_puts(out, "&");
            p += 5;
        } else {
            pk_sb_append(out, p, 1);
            p++;
        }
    }
}

/* Ids of the rules and facts a report shows (the facts with an
 * underscore: a word-like id such as "profile" could be a word). */
static void scan_ids(const scan *sc, const pk_report *r, const char *text)
{
    size_t i, k, n = pk_report_result_count(r);

    ck_assert_msg(strstr(text, "/dossier/") == NULL &&
                      strstr(text, "[@") == NULL,
                  "%s: %s shows a path of the pack: %.200s", sc->file, sc->what,
                  strstr(text, "/dossier/") != NULL ? strstr(text, "/dossier/")
                                                    : strstr(text, "[@"));
    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        ck_assert_msg(strstr(text, pk_result_id(res)) == NULL,
                      "%s: %s shows the rule id %s", sc->file, sc->what,
                      pk_result_id(res));
        for (k = 0; k < pk_result_value_count(res); k++) {
            const char *id = pk_result_value(res, k)->id;

            ck_assert_msg(id == NULL || strchr(id, '_') == NULL ||
                              strstr(text, id) == NULL,
                          "%s: %s shows the fact id %s", sc->file, sc->what,
                          id);
        }
        for (k = 0; k < pk_result_missing_count(res); k++) {
            const char *id = pk_result_missing(res, k);

            ck_assert_msg(id == NULL || strchr(id, '_') == NULL ||
                              strstr(text, id) == NULL,
                          "%s: %s shows the fact id %s", sc->file, sc->what,
                          id);
        }
    }
}

/* "Không áp dụng (5):" is followed by five rules, one a line. */
static void scan_na_lists(const scan *sc, const char *text, const char *head)
{
    const char *p = text;
    char pattern[64];

    snprintf(pattern, sizeof pattern, "  %s (", head);
    while ((p = strstr(p, pattern)) != NULL) {
        unsigned want = 0, got = 0;
        const char *line;

        p += strlen(pattern);
        ck_assert_int_eq(sscanf(p, "%u", &want), 1);
        line = strchr(p, '\n');
        while (line != NULL &&
               strncmp(line + 1, "    · ", strlen("    · ")) == 0) {
            got++;
            line = strchr(line + 1, '\n');
            /* a title wrapped onto the next line */
            while (line != NULL && strncmp(line + 1, "      ", 6) == 0)
                line = strchr(line + 1, '\n');
        }
        ck_assert_msg(got == want, "%s: %s: \"%s (%u)\" lists %u", sc->file,
                      sc->what, head, want, got);
    }
}

static char *write_one(const pk_engine *engine, const pk_report *r,
                       pk_format format, pk_lang lang)
{
    tc_sink k = TC_SINK_INIT;
    pk_writer *w;
    pk_error err;

    ck_assert_int_eq(pk_writer_new(&w, engine, tc_sink_write, &k,
                                   &(pk_writer_options){
                                       PK_WRITER_OPTIONS_VERSION, format, lang},
                                   &err),
                     0);
    ck_assert_int_eq(pk_writer_add(w, r, &err), 0);
    ck_assert_int_eq(pk_writer_finish(w, &err), 0);
    pk_writer_free(w);
    return pk_sb_steal(&k.text);
}

static void scan_report(const pk_engine *engine, const pk_report *r,
                        const char *file)
{
    int l;

    for (l = 0; l < 2; l++) {
        pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
        scan sc = {file, "", lang};
        size_t i, n = pk_report_result_count(r);
        int dated_problem = 0;
        size_t errors;
        const char *head;
        char what[160];
        char *text, *page;
        pk_strbuf plain = PK_STRBUF_INIT;

        for (i = 0; i < n; i++) {
            const pk_result *res = pk_report_result(r, i);
            const char *msg = pk_result_message(res, lang);

            snprintf(what, sizeof what, "the message of %s", pk_result_id(res));
            sc.what = what;
            scan_phrases(&sc, msg, 1);
            ck_assert_msg(lang != PK_LANG_VI || !has_iso_date(msg),
                          "%s: %s (vi) has an ISO date: %s", file, what, msg);
        }
        for (i = 0; i < pk_report_problem_count(r); i++) {
            const char *msg = pk_report_problem_text(r, i, lang);

            sc.what = "an input problem";
            scan_phrases(&sc, msg, 0);
            dated_problem |= has_iso_date(msg);
        }

        text = write_one(engine, r, PK_FORMAT_TEXT, lang);
        sc.what = "the text report";
        /* The first line names the file, which is the caller's text. */
        scan_phrases(&sc, strchr(text, '\n'), 0);
        scan_ids(&sc, r, strchr(text, '\n'));
        scan_na_lists(&sc, text,
                      lang == PK_LANG_VI ? "Không áp dụng" : "Not applicable");
        ck_assert_msg(lang != PK_LANG_VI || dated_problem ||
                          !has_iso_date(strchr(text, '\n')),
                      "%s: the Vietnamese text report has an ISO date", file);
        /* What to fix comes first. */
        /* headed as errors when there is one, else as warnings */
        errors = 0;
        for (size_t k = 0; k < pk_report_problem_count(r); k++)
            errors += !pk_report_problem_is_warning(r, k);
        head = lang == PK_LANG_VI
                   ? (errors ? "Lỗi đầu vào" : "Cảnh báo về dữ liệu đầu vào")
                   : (errors ? "Input problems" : "Input warnings");
        if (pk_report_problem_count(r) > 0 && n > 0) {
            char nl_head[64];
            const char *problems;

            snprintf(nl_head, sizeof nl_head, "\n%s", head);
            problems = strstr(text, nl_head);
            const char *criteria = strstr(
                text, lang == PK_LANG_VI ? "\nTiêu chí, điều kiện của khu"
                                         : "\nWhat the park meets");

            ck_assert_msg(
                problems != NULL && criteria != NULL && problems < criteria,
                "%s: the text report's input problems are not first", file);
        }

        page = write_one(engine, r, PK_FORMAT_HTML, lang);
        html_text(page, &plain);
        ck_assert(!plain.failed);
        sc.what = "the HTML report";
        scan_phrases(&sc, plain.data, 0);
        scan_ids(&sc, r, plain.data);
        ck_assert_msg(lang != PK_LANG_VI || dated_problem ||
                          !has_iso_date(plain.data),
                      "%s: the Vietnamese HTML report has an ISO date", file);
        if (pk_report_problem_count(r) > 0 && n > 0) {
            const char *problems = strstr(plain.data, head);
            const char *card =
                strstr(plain.data, lang == PK_LANG_VI ? "Bảng điểm theo điều"
                                                      : "Scorecard by article");

            ck_assert_msg(problems != NULL && card != NULL && problems < card,
                          "%s: the HTML report's input problems are not first",
                          file);
        }
        pk_sb_free(&plain);
        free(text);
        free(page);
    }
}

static int file_exists(const char *path)
{
    FILE *fp = fopen(path, "rb");

    if (fp == NULL)
        return 0;
    fclose(fp);
    return 1;
}

START_TEST(test_reports_read_right)
{
    static const char *const examples[] = {
        "binh-duong",
        "complete-eligible",
        "expansion-eligible",
        "expansion-near-miss",
        "master-plan-addition-eligible",
        "master-plan-addition-near-miss",
        "near-miss",
        "recognition-eligible",
        "recognition-near-miss",
        "software-park",
        "thanh-hoa",
        "yen-binh",
    };
    pk_engine *engine;
    pk_error err;
    DIR *dir;
    struct dirent *de;
    char path[1024];
    size_t i, cases = 0;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
    dir = opendir(PK_SOURCE_ROOT "/tests/cases");
    ck_assert_ptr_nonnull(dir);
    while ((de = readdir(dir)) != NULL) {
        pk_report *r = NULL;

        if (de->d_name[0] == '.')
            continue;
        /* A case with its own rule pack checks that pack, not this one. */
        snprintf(path, sizeof path, PK_SOURCE_ROOT "/tests/cases/%s/rules.xml",
                 de->d_name);
        if (file_exists(path))
            continue;
        snprintf(path, sizeof path, PK_SOURCE_ROOT "/tests/cases/%s",
                 de->d_name);
        if (!tc_case_has_dossier(path))
            continue;
        snprintf(path, sizeof path,
                 PK_SOURCE_ROOT "/tests/cases/%s/dossier.xml", de->d_name);
        if (tc_check_dossier(&r, engine, path, NULL, &err) != 0)
            continue; /* refused before any report: nothing is worded */
        scan_report(engine, r, de->d_name);
        pk_report_free(r);
        cases++;
    }
    closedir(dir);
    ck_assert_uint_gt(cases, 100);
    for (i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        pk_report *r = NULL;

        snprintf(path, sizeof path, PK_SOURCE_ROOT "/examples/%s.xml",
                 examples[i]);
        ck_assert_int_eq(pk_check_file(&r, engine, path, NULL, &err), 0);
        scan_report(engine, r, examples[i]);
        pk_report_free(r);
    }
    pk_engine_free(engine);
}
END_TEST

/* The report view holds every result once, in its category's group of
 * its article, articles ascending, each list in the pack's order, with
 * the counts the writers show. */
START_TEST(test_view)
{
    static const char *const files[] = {
        PK_SOURCE_ROOT "/examples/near-miss.xml",
        PK_SOURCE_ROOT "/examples/expansion-near-miss.xml",
        PK_SOURCE_ROOT "/tests/cases/it-specialists-letters/dossier.xml",
    };
    pk_engine *engine;
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        pk_report *r;
        pk_view v;
        size_t seen = 0, n;
        unsigned lacking = 0, unclear = 0;

        ck_assert_int_eq(pk_check_file(&r, engine, files[f], NULL, &err), 0);
        ck_assert_int_eq(pk_view_build(&v, r), PK_OK);
        n = pk_report_result_count(r);
        for (int cat = 0; cat < 2; cat++) {
            const pk_view_part *part = &v.part[cat];

            for (size_t g = 0; g < part->ngroups; g++) {
                const pk_view_group *gr = &part->groups[g];
                unsigned passed[2] = {0, 0};

                if (g > 0)
                    ck_assert_int_lt(part->groups[g - 1].article, gr->article);
                for (int l = 0; l < PK_VIEW_LISTS; l++) {
                    const pk_result *prev = NULL;

                    for (unsigned j = 0; j < gr->count[l]; j++) {
                        const pk_result *res = gr->rules[l][j];
                        pk_status st = pk_result_status(res);

                        ck_assert_int_eq(pk_result_category(res), cat);
                        ck_assert_int_eq(pk_view_article_of(res), gr->article);
                        ck_assert_int_eq(st == PK_STATUS_NOT_APPLICABLE,
                                         l == PK_VIEW_NA);
                        if (l != PK_VIEW_NA) {
                            ck_assert_int_eq(pk_view_is_advisory(res),
                                             l == PK_VIEW_ADVISORY);
                            passed[l] += st == PK_STATUS_PASS;
                        }
                        if (l == PK_VIEW_MANDATORY) {
                            unclear += cat == PK_CATEGORY_DOCUMENT &&
                                       st == PK_STATUS_UNKNOWN;
                            lacking +=
                                cat == PK_CATEGORY_DOCUMENT &&
                                (st == PK_STATUS_FAIL || st == PK_STATUS_ERROR);
                        }
                        /* the pack's order: results are laid out in it */
                        ck_assert(prev == NULL || prev < res);
                        prev = res;
                        seen++;
                    }
                }
                ck_assert_uint_eq(passed[0], gr->passed[0]);
                ck_assert_uint_eq(passed[1], gr->passed[1]);
            }
        }
        ck_assert_uint_eq(seen, n);
        ck_assert_uint_eq(lacking, v.part[PK_CATEGORY_DOCUMENT].lacking);
        ck_assert_uint_eq(unclear, v.part[PK_CATEGORY_DOCUMENT].unclear);
        /* every result once, in the pack's order, counted by status */
        {
            size_t by_status[PK_STATUS_COUNT] = {0}, total = 0;

            ck_assert_uint_eq(v.nresults, n);
            for (size_t i = 0; i < n; i++) {
                ck_assert_ptr_eq(v.results[i], pk_report_result(r, i));
                by_status[pk_result_status(v.results[i])]++;
            }
            for (int st = 0; st < PK_STATUS_COUNT; st++) {
                ck_assert_uint_eq(by_status[st], v.by_status[st]);
                total += v.by_status[st];
            }
            ck_assert_uint_eq(total, n);
        }
        pk_view_free(&v);
        pk_view_free(&v); /* freeing twice is harmless */
        pk_report_free(r);
    }
    pk_engine_free(engine);
}
END_TEST

/* What a drafter fixes first: every input problem once, errors before
 * warnings, each in the report's order; the view counts the errors. */
START_TEST(test_view_fix_first)
{
    static const char *const files[] = {
        PK_SOURCE_ROOT "/examples/near-miss.xml",
        PK_SOURCE_ROOT "/tests/cases/blank-attribute-empty-warns/dossier.xml",
        PK_SOURCE_ROOT "/tests/cases/blank-none-with-rows-error/dossier.xml",
        PK_SOURCE_ROOT
        "/tests/cases/bounds-construction-15-01-of-15-ha-error/dossier.xml",
    };
    pk_engine *engine;
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        pk_report *r;
        pk_view v;
        size_t pos = 0, seen = 0, errors = 0, n;
        long i, prev = -1;
        int warned = 0;

        ck_assert_int_eq(pk_check_file(&r, engine, files[f], NULL, &err), 0);
        ck_assert_int_eq(pk_view_build(&v, r), PK_OK);
        n = pk_report_problem_count(r);
        while ((i = pk_view_next_problem(r, &pos)) >= 0) {
            int warning = pk_report_problem_is_warning(r, (size_t)i);

            ck_assert_uint_lt((size_t)i, n);
            /* no error after a warning; in order within each */
            ck_assert(!(warned && !warning));
            if (warning && !warned)
                prev = -1;
            ck_assert_int_gt(i, prev);
            prev = i;
            warned |= warning;
            errors += !warning;
            seen++;
        }
        ck_assert_int_eq(pk_view_next_problem(r, &pos), -1);
        ck_assert_uint_eq(seen, n);
        ck_assert_uint_eq(errors, v.problem_errors);
        pk_view_free(&v);
        pk_report_free(r);
    }
    pk_engine_free(engine);
}
END_TEST

/* Where a fact goes, in a drafter's words, and a format's names by their
 * labels (writer.c). */
static const pk_result *result_named(const pk_report *r, const char *id)
{
    size_t i;

    for (i = 0; i < pk_report_result_count(r); i++)
        if (strcmp(pk_result_id(pk_report_result(r, i)), id) == 0)
            return pk_report_result(r, i);
    return NULL;
}

static void assert_where(const pk_result *res, const char *fact, pk_lang lang,
                         const char *want)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_writer_append_where(&sb, res, fact, lang), 0);
    ck_assert_msg(strcmp(sb.data != NULL ? sb.data : "", want) == 0,
                  "%s: got \"%s\", want \"%s\"", fact,
                  sb.data != NULL ? sb.data : "", want);
    pk_sb_free(&sb);
}

START_TEST(test_fact_where_and_value)
{
    pk_engine *engine;
    pk_report *r;
    pk_error err;
    const pk_result *res;
    pk_strbuf sb = PK_STRBUF_INIT;
    size_t i;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
    ck_assert_int_eq(tc_check_dossier(&r, engine,
                                      PK_SOURCE_ROOT
                                      "/tests/cases/"
                                      "it-specialists-letters/dossier.xml",
                                      NULL, &err),
                     0);
    res = result_named(r, "art5.2-it-share");
    ck_assert_ptr_nonnull(res);
    /* an element, and an invalid one with its line and column */
    assert_where(res, "total_workers", PK_LANG_VI, "<total> trong <workforce>");
    assert_where(res, "total_workers", PK_LANG_EN, "<total> in <workforce>");
    assert_where(res, "it_workers", PK_LANG_VI,
                 "<it-specialists> trong <workforce>, dòng 12, cột 21");
    assert_where(res, "it_workers", PK_LANG_EN,
                 "<it-specialists> in <workforce>, line 12, column 21");
    /* a figure computed from others has no element: only its position */
    assert_where(res, "it_share", PK_LANG_EN, "line 12, column 21");
    /* predicates become attributes, an attribute step a placeholder */
    res = result_named(r, "art7.2-core-land");
    ck_assert_ptr_nonnull(res);
    assert_where(res, "core_zone_area", PK_LANG_EN,
                 "<zone group=\"core\" area=\"…\"> in <zones>");
    assert_where(res, "no_such_fact", PK_LANG_EN, "");

    /* the functions read, by their labels, never "rnd" */
    res = result_named(r, "art5.1-functions");
    ck_assert_ptr_nonnull(res);
    for (i = 0; i < pk_result_value_count(res); i++) {
        const pk_value_info *v = pk_result_value(res, i);

        if (strcmp(v->id, "functions") != 0)
            continue;
        ck_assert_int_eq(pk_writer_append_fact_value(&sb, res, v, PK_LANG_VI),
                         0);
        ck_assert_ptr_nonnull(strstr(sb.data, "nghiên cứu - phát triển"));
        ck_assert_ptr_nonnull(strstr(sb.data, "; "));
        ck_assert_ptr_null(strstr(sb.data, "rnd"));
        pk_sb_reset(&sb);
        ck_assert_int_eq(pk_writer_append_fact_value(&sb, res, v, PK_LANG_EN),
                         0);
        ck_assert_ptr_nonnull(strstr(sb.data, "IT research and development"));
    }
    ck_assert_uint_gt(sb.len, 0);
    pk_sb_free(&sb);

    /* the input problem at 12:21 is about that field, by its label */
    ck_assert_uint_eq(pk_report_problem_count(r), 1);
    ck_assert_str_eq(pk_writer_problem_label(r, 0, PK_LANG_VI),
                     "số lao động làm việc chuyên môn về CNTT");
    ck_assert_str_eq(pk_writer_problem_label(r, 0, PK_LANG_EN),
                     "number of workers doing IT-specialist work");
    ck_assert_ptr_null(pk_writer_problem_label(r, 1, PK_LANG_EN));
    pk_report_free(r);
    pk_engine_free(engine);
}
END_TEST

/* A label that starts a comparison's line gets a capital first letter,
 * Vietnamese letters included; the rest is left as it is. */
static const struct cap_case {
    const char *in, *out;
} cap_cases[] = {
    {"số lao động", "Số lao động"},
    {"đất xây dựng", "Đất xây dựng"},
    {"ước tính", "Ước tính"},
    {"ơn", "Ơn"},
    {"ấn định", "Ấn định"},
    {"ý kiến", "Ý kiến"},
    {"ảnh", "Ảnh"},
    {"whether the park", "Whether the park"},
    {"Already", "Already"},
    {"2407/QĐ-TTg", "2407/QĐ-TTg"},
    {"", ""},
};

/* What every format says of readings: the outcome words, the rules a
 * ruling is needed on, the readings with an outcome, and the JSON of an
 * open rule. */
START_TEST(test_readings_helpers)
{
    pk_engine *engine;
    pk_report *r;
    pk_error err;
    const pk_result *res;
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
    ck_assert_str_eq(
        pk_writer_reading_status_word(engine, PK_STATUS_PASS, PK_LANG_VI),
        "đạt");
    ck_assert_str_eq(
        pk_writer_reading_status_word(engine, PK_STATUS_FAIL, PK_LANG_EN),
        "not met");
    ck_assert_str_eq(
        pk_writer_reading_status_word(engine, PK_STATUS_OPEN, PK_LANG_EN), "");
    /* with no words, a status is known by its name */
    ck_assert_str_eq(
        pk_writer_status_word(NULL, "status", PK_STATUS_FAIL, PK_LANG_VI),
        "fail");
    ck_assert_str_eq(pk_writer_verdict_word(engine, "verdict-plain",
                                            PK_VERDICT_ELIGIBLE, PK_LANG_EN),
                     "Eligible");
    ck_assert_int_eq(
        tc_check_dossier(&r, engine,
                         PK_SOURCE_ROOT
                         "/tests/cases/"
                         "reading-density-gross-passes-net-fails-open"
                         "/dossier.xml",
                         NULL, &err),
        0);
    ck_assert(pk_writer_any_open(r));
    ck_assert_int_eq(pk_writer_append_open_rules(&sb, r, PK_LANG_VI), 0);
    ck_assert_str_eq(sb.data,
                     "Điều 7 khoản 3 (Mật độ xây dựng thuần không quá 40%)");
    pk_sb_reset(&sb);
    res = result_named(r, "art7.3-density");
    ck_assert_ptr_nonnull(res);
    ck_assert_int_eq(
        pk_writer_append_readings_with(&sb, res, PK_STATUS_FAIL, ","), 0);
    ck_assert_str_eq(sb.data, "net");
    pk_sb_reset(&sb);
    ck_assert_int_eq(pk_json_append_dossier(&sb, r, PK_LANG_EN), 0);
    ck_assert_ptr_nonnull(strstr(sb.data, "\"verdict\":\"needs-ruling\""));
    ck_assert_ptr_nonnull(strstr(sb.data,
                                 "{\"id\":\"art7.3-density\",\"status\":"
                                 "\"open\""));
    ck_assert_ptr_nonnull(strstr(sb.data,
                                 "\"readings\":[{\"id\":\"gross\",\"status\":"
                                 "\"pass\",\"title\":\"Over the whole park "
                                 "land\",\"explanation\":"));
    ck_assert_ptr_nonnull(
        strstr(sb.data, "{\"id\":\"net\",\"status\":\"fail\","));
    ck_assert_ptr_nonnull(strstr(sb.data,
                                 "\"open_words\":\"The net building density "
                                 "… at most 40% of the park's land\""));
    /* a rule without readings has neither key */
    {
        const char *at = strstr(sb.data, "{\"id\":\"art7.2-core-land\"");
        const char *next;
        ck_assert_ptr_nonnull(at);
        next = strstr(at + 1, "{\"id\":\"");
        ck_assert_ptr_nonnull(next);
        for (const char *p = at; p < next; p++)
            ck_assert_msg(strncmp(p, "\"readings\"", 10) != 0 &&
                              strncmp(p, "\"open_words\"", 12) != 0,
                          "art7.2-core-land has readings");
    }
    pk_sb_free(&sb);
    pk_report_free(r);
    pk_engine_free(engine);
}
END_TEST

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
    tcase_add_test(tc, test_string_random_pieces);
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
    tcase_add_test(tc, test_number_matches_printf);
    suite_add_tcase(s, tc);

    tc = tcase_create("writer");
    tcase_add_test(tc, test_format_names);
    tcase_add_test(tc, test_writer_misuse);
    tcase_add_test(tc, test_writer_json_empty);
    tcase_add_test(tc, test_writer_text_empty);
    tcase_add_test(tc, test_writer_output_fails);
    tcase_add_test(tc, test_writer_pieces_same_bytes);
    suite_add_tcase(s, tc);

    tc = tcase_create("wording");
    tcase_add_test(tc, test_fact_where_and_value);
    tcase_add_test(tc, test_readings_helpers);
    tcase_add_test(tc, test_view);
    tcase_add_test(tc, test_view_fix_first);
    tcase_add_test(tc, test_reports_read_right);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(writers_suite());
}
