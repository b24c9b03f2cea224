/*
 * test_value.c - typed values (value.c): the strict number, date and
 * boolean syntax a dossier is read with, the exact rational arithmetic the
 * rules compare with, the civil-date conversion, and UTF-8 checking and
 * counting for positions. Internal functions: built against the library's
 * objects, not the shared library.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc.h"
#include "internal.h"
#include "unicode.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#define MSGLEN 256

/* ------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------ */

enum { INTEGER = 1, DECIMAL = 2, BOTH = 3 };

/* A valid number and the exact rational it reads as. */
static const struct valid_number {
    const char *in;
    int parsers; /* which parsers accept it */
    int64_t num, den;
} valid_numbers[] = {
    {"0", BOTH, 0, 1},
    {"2000", BOTH, 2000, 1},
    {"007", BOTH, 7, 1},
    {"0000", BOTH, 0, 1},
    {"123456789012", BOTH, 123456789012, 1}, /* 12 digits: the most */
    {"000000000000012", BOTH, 12, 1},        /* leading zeros are free */
    {"15.47", DECIMAL, 1547, 100},
    {"0.000001", DECIMAL, 1, 1000000},
    {"0.5", DECIMAL, 1, 2},
    {"12.1", DECIMAL, 121, 10},
    /* a point before two or four digits, or after a leading 0, is only
     * ever a decimal point */
    {"2.00", DECIMAL, 2, 1},
    {"2.0000", DECIMAL, 2, 1},
    {"75.00", DECIMAL, 75, 1},
    {"75.0000", DECIMAL, 75, 1},
    {"2.50", DECIMAL, 5, 2},
    {"2.5000", DECIMAL, 5, 2},
    {"6.05", DECIMAL, 605, 100},
    {"0.500", DECIMAL, 1, 2},
    {"0.125", DECIMAL, 1, 8},
    {"1234.567", DECIMAL, 1234567, 1000},
    {"075.000", DECIMAL, 75, 1},
    {"4.5", DECIMAL, 9, 2},
    {"1.0000000", DECIMAL, 1, 1}, /* zeros beyond a millionth */
    {"123456789012.999999", DECIMAL, 123456789012999999, 1000000},
};

START_TEST(test_number_valid)
{
    const struct valid_number *c = &valid_numbers[_i];
    char msg[MSGLEN];

    for (int p = INTEGER; p <= DECIMAL; p <<= 1) {
        pk_val v;
        int rc;

        if (!(c->parsers & p))
            continue;
        memset(&v, 0xA5, sizeof v);
        strcpy(msg, "untouched");
        rc = p == INTEGER ? pk_parse_integer(c->in, &v, msg, sizeof msg)
                          : pk_parse_decimal(c->in, &v, msg, sizeof msg);
        ck_assert_msg(rc == PK_OK, "\"%s\" (%s): rc %d, %s", c->in,
                      p == INTEGER ? "integer" : "decimal", rc, msg);
        ck_assert_int_eq(v.kind, PK_V_NUMBER);
        ck_assert_int_gt(v.den, 0);
        ck_assert_msg(pk_num_cmp(v.num, v.den, c->num, c->den) == 0,
                      "\"%s\" read as %lld/%lld, expected %lld/%lld", c->in,
                      (long long)v.num, (long long)v.den, (long long)c->num,
                      (long long)c->den);
    }
}
END_TEST

/* An invalid number, the code and the words its message must hold. */
static const struct invalid_number {
    const char *in;
    int parsers;
    int code;
    const char *words;
} invalid_numbers[] = {
    {"2.000", INTEGER, PK_EVALUE, "thousands separator"},
    {"1.000.000", BOTH, PK_EVALUE, "thousands separator"},
    {"1,000", BOTH, PK_EVALUE, "thousands separator"},
    {"12,345,678", BOTH, PK_EVALUE, "thousands separator"},
    {"545,82", DECIMAL, PK_EVALUE, "decimal comma"},
    {"1,5", DECIMAL, PK_EVALUE, "decimal comma"},
    /* a point before exactly three digits: both readings */
    {"75.000", BOTH, PK_EVALUE, "75000 or "},
    {"2.500", BOTH, PK_EVALUE, "2500 or 2.5?"},
    {"120.000", BOTH, PK_EVALUE, "120000 or "},
    {"1.234", BOTH, PK_EVALUE, "1234 or 1.234?"},
    {"999.999", BOTH, PK_EVALUE, "999999 or 999.999?"},
    {"1.500", DECIMAL, PK_EVALUE, "thousands separator or a decimal point"},
    {"1,500", DECIMAL, PK_EVALUE, "thousands separator or a decimal comma"},
    {"15,47", DECIMAL, PK_EVALUE, "write 15.47"},
    {"15,47", INTEGER, PK_EVALUE, "whole number"},
    {"0,5", DECIMAL, PK_EVALUE, "write 0.5"},
    {"1.234,5", DECIMAL, PK_EVALUE, "write 1234.5"},
    {"1,234.5", DECIMAL, PK_EVALUE, "write 1234.5"},
    {"1.234.567,89", DECIMAL, PK_EVALUE, "write 1234567.89"},
    {"75 000", BOTH, PK_EVALUE, "write digits only: 75000"},
    {"1 234 567", BOTH, PK_EVALUE, "write digits only: 1234567"},
    {"75\xC2\xA0"
     "000",
     BOTH, PK_EVALUE, "write digits only: 75000"},
    {"75\xE2\x80\xAF"
     "000",
     BOTH, PK_EVALUE, "write digits only: 75000"},
    {"1 234,5", DECIMAL, PK_EVALUE, "write 1234.5"},
    {"75 00", BOTH, PK_EVALUE, "without separators"},
    {"12,34,56", BOTH, PK_EVALUE, "without separators"},
    {"1.2.3", BOTH, PK_EVALUE, "without separators"},
    {"12.5", INTEGER, PK_EVALUE, "whole number"},
    {"-5", BOTH, PK_EVALUE, "negative"},
    {"-0.5", DECIMAL, PK_EVALUE, "negative"},
    {"abc", BOTH, PK_EVALUE, "expected"},
    {"1e5", BOTH, PK_EVALUE, "expected"},
    {"+5", BOTH, PK_EVALUE, "expected"},
    {"12 ha", BOTH, PK_EVALUE, "expected"},
    {" 12", BOTH, PK_EVALUE, "expected"},
    {"", BOTH, PK_EVALUE, "expected"},
    {".5", DECIMAL, PK_EVALUE, "expected"},
    {"5.", DECIMAL, PK_EVALUE, "digits after the decimal point"},
    {"1.5.6", BOTH, PK_EVALUE, ""},
    {"0.0000001", DECIMAL, PK_EVALUE, "more than 6 digits"},
    {"1234567890123", BOTH, PK_ERANGE, "too large"},
    {"99999999999999999999999", BOTH, PK_ERANGE, "too large"},
};

START_TEST(test_number_invalid)
{
    const struct invalid_number *c = &invalid_numbers[_i];

    for (int p = INTEGER; p <= DECIMAL; p <<= 1) {
        char msg[MSGLEN] = "";
        pk_val v;
        int rc;

        if (!(c->parsers & p))
            continue;
        memset(&v, 0, sizeof v);
        rc = p == INTEGER ? pk_parse_integer(c->in, &v, msg, sizeof msg)
                          : pk_parse_decimal(c->in, &v, msg, sizeof msg);
        ck_assert_msg(rc == c->code, "\"%s\" (%s): rc %d, expected %d (%s)",
                      c->in, p == INTEGER ? "integer" : "decimal", rc, c->code,
                      msg);
        ck_assert_msg(strstr(msg, c->words) != NULL,
                      "\"%s\" (%s): message \"%s\" lacks \"%s\"", c->in,
                      p == INTEGER ? "integer" : "decimal", msg, c->words);
        /* the message quotes the value as written */
        if (c->in[0] != '\0' && strlen(c->in) <= 40) {
            char quoted[64];
            snprintf(quoted, sizeof quoted, "\"%s\"", c->in);
            ck_assert_msg(strstr(msg, quoted) != NULL,
                          "message \"%s\" does not quote %s", msg, quoted);
        }
    }
}
END_TEST

/* The messages show the fix: the digits without the separators. */
START_TEST(test_number_suggestions)
{
    char msg[MSGLEN];
    pk_val v;

    ck_assert_int_eq(pk_parse_integer("2.000", &v, msg, sizeof msg), PK_EVALUE);
    ck_assert_ptr_nonnull(strstr(msg, "write 2000 (two thousand) or 2 (two)"));
    ck_assert_int_eq(pk_parse_integer("1,234,567", &v, msg, sizeof msg),
                     PK_EVALUE);
    ck_assert_ptr_nonnull(strstr(msg, "write digits only: 1234567"));
    ck_assert_int_eq(pk_parse_decimal("545,82", &v, msg, sizeof msg),
                     PK_EVALUE);
    ck_assert_ptr_nonnull(strstr(msg, "write 545.82"));
}
END_TEST

/* The Vietnamese habits in both languages: both readings named, each in
 * its own language's way, and what to write for each. */
static const struct habit {
    const char *in;
    int decimal;
    const char *en, *vi;
} habits[] = {
    {"75.000", 1,
     "\"75.000\": 75000 or 75.0? A point before three digits may be a "
     "thousands separator or a decimal point: write 75000 (seventy-five "
     "thousand) or 75.0 (seventy-five)",
     "\"75.000\": 75000 hay 75,0? Dấu chấm trước ba chữ số có thể là dấu "
     "phân cách hàng nghìn hoặc dấu thập phân: ghi 75000 (bảy mươi lăm "
     "nghìn) hoặc 75.0 (bảy mươi lăm)"},
    {"2.000", 0,
     "\"2.000\": 2000 or 2? A whole number has no thousands separator: "
     "write 2000 (two thousand) or 2 (two)",
     "\"2.000\": 2000 hay 2? Số nguyên không có dấu phân cách hàng nghìn: "
     "ghi 2000 (hai nghìn) hoặc 2 (hai)"},
    {"2.500", 0,
     "2500 or 2.5? A whole number has no thousands separator: "
     "write 2500 (two thousand five hundred)",
     "2500 hay 2,5? Số nguyên không có dấu phân cách hàng nghìn: ghi 2500 "
     "(hai nghìn năm trăm)"},
    {"1.234", 1,
     "write 1234 (one thousand two hundred thirty-four) or "
     "1.2340 (one point two three four)",
     "1234 hay 1,234? Dấu chấm"},
    {"1,500", 1, "1500 or 1.5? A comma before three digits",
     "1500 hay 1,5? Dấu phẩy trước ba chữ số"},
    {"2.050", 1, "or 2.05 (two point zero five)",
     "ghi 2050 (hai nghìn không trăm năm mươi) hoặc 2.05 (hai phẩy không "
     "năm)"},
    {"15,47", 1, "\"15,47\": a decimal comma; write 15.47",
     "\"15,47\": dấu phẩy là dấu thập phân; trong hồ sơ ghi 15.47"},
    {"1.234,5", 1, "write 1234.5", "ghi 1234.5"},
    {"1.234.567", 0, "write digits only: 1234567",
     "có dấu phân cách hàng nghìn; chỉ ghi chữ số: 1234567"},
    {"120.000", 1,
     "write 120000 (one hundred twenty thousand) or 120.0 "
     "(one hundred twenty)",
     "ghi 120000 (một trăm hai mươi nghìn) hoặc 120.0 (một trăm hai mươi)"},
};

/* A number read for a value of the format, as a dossier's are, with its
 * message in both languages. */
static int read_number(const char *in, int decimal, pk_val *v, char *en,
                       char *vi, size_t size)
{
    pk_fvalue fv;
    pk_arena arena;
    pk_msgargs mp;
    int rc;

    memset(&fv, 0, sizeof fv);
    fv.type = decimal ? PK_T_DECIMAL : PK_T_INTEGER;
    pk_arena_init(&arena);
    rc = pk_value_type(&fv, in, NULL, &arena, v, &mp);
    pk_arena_free(&arena);
    en[0] = vi[0] = '\0';
    if (rc == PK_EVALUE || rc == PK_ERANGE) {
        pk_msgargs_render(&mp, "", 1, en, size);
        pk_msgargs_render(&mp, "", 0, vi, size);
    }
    return rc;
}

START_TEST(test_number_habits_both_languages)
{
    const struct habit *c = &habits[_i];
    char en[448], vi[448];
    pk_val v;
    int rc = read_number(c->in, c->decimal, &v, en, vi, sizeof en);

    ck_assert_int_eq(rc, PK_EVALUE);
    ck_assert_msg(strstr(en, c->en) != NULL, "\"%s\": en \"%s\" lacks \"%s\"",
                  c->in, en, c->en);
    ck_assert_msg(strstr(vi, c->vi) != NULL, "\"%s\": vi \"%s\" lacks \"%s\"",
                  c->in, vi, c->vi);
    ck_assert(pk_utf8_valid(vi, strlen(vi)));
}
END_TEST

/* The longest messages (the longest words) are whole, not cut. */
START_TEST(test_number_habit_longest)
{
    static const char *const in[] = {"777.777", "777,777", "999.999"};

    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        char en[PK_ERROR_TEXT_MAX], vi[PK_ERROR_TEXT_MAX];
        pk_val v;
        ck_assert_int_eq(read_number(in[i], 1, &v, en, vi, sizeof en),
                         PK_EVALUE);
        ck_assert_msg(vi[strlen(vi) - 1] == ')', "cut: %s", vi);
        ck_assert_msg(en[strlen(en) - 1] == ')', "cut: %s", en);
        /* and stay whole behind the element's name, in a pk_error */
        pk_fvalue fv;
        pk_arena arena;
        pk_msgargs mp;
        memset(&fv, 0, sizeof fv);
        fv.type = PK_T_DECIMAL;
        pk_arena_init(&arena);
        ck_assert_int_eq(pk_value_type(&fv, in[i], NULL, &arena, &v, &mp),
                         PK_EVALUE);
        pk_arena_free(&arena);
        for (int lang = 0; lang < 2; lang++)
            ck_assert_uint_lt(
                pk_msgargs_render(&mp, "<building-footprint>: ", lang, NULL, 0),
                PK_ERROR_TEXT_MAX);
    }
}
END_TEST

static const struct words {
    uint64_t n;
    const char *vi, *en;
} words[] = {
    {0, "không", "zero"},
    {1, "một", "one"},
    {5, "năm", "five"},
    {10, "mười", "ten"},
    {11, "mười một", "eleven"},
    {15, "mười lăm", "fifteen"},
    {21, "hai mươi mốt", "twenty-one"},
    {24, "hai mươi tư", "twenty-four"},
    {25, "hai mươi lăm", "twenty-five"},
    {75, "bảy mươi lăm", "seventy-five"},
    {105, "một trăm linh năm", "one hundred five"},
    {2000, "hai nghìn", "two thousand"},
    {2050, "hai nghìn không trăm năm mươi", "two thousand fifty"},
    {1005, "một nghìn không trăm linh năm", "one thousand five"},
    {75000, "bảy mươi lăm nghìn", "seventy-five thousand"},
    {120000, "một trăm hai mươi nghìn", "one hundred twenty thousand"},
    {1000001, "một triệu không trăm linh một", "one million one"},
    {1234567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy",
     "one million two hundred thirty-four thousand five hundred "
     "sixty-seven"},
    {UINT64_C(1000000000000), "1000000000000", "1000000000000"},
};

START_TEST(test_number_words)
{
    const struct words *c = &words[_i];
    char buf[200];

    pk_number_words_vi(c->n, buf, sizeof buf);
    ck_assert_str_eq(buf, c->vi);
    pk_number_words_en(c->n, buf, sizeof buf);
    ck_assert_str_eq(buf, c->en);
}
END_TEST

/* A short message buffer is never overrun and always terminated. */
START_TEST(test_number_short_buffer)
{
    char msg[16];
    pk_val v;

    memset(msg, 'x', sizeof msg);
    ck_assert_int_eq(pk_parse_integer("2.000", &v, msg, 8), PK_EVALUE);
    ck_assert_uint_eq(strlen(msg), 7);
    ck_assert_int_eq(msg[8], 'x');
}
END_TEST

/* ------------------------------------------------------------------------
 * Dates and booleans
 * ------------------------------------------------------------------------ */

static const struct valid_date {
    const char *in;
    int64_t days;
} valid_dates[] = {
    {"1970-01-01", 0},      {"2000-01-01", 10957}, {"1900-01-01", -25567},
    {"1900-03-01", -25508}, {"2014-01-01", 16071}, {"2024-02-29", 19782},
    {"2000-02-29", 11016},  {"2038-01-19", 24855}, {"2100-12-31", 47846},
};

START_TEST(test_date_valid)
{
    const struct valid_date *c = &valid_dates[_i];
    char msg[MSGLEN] = "";
    int64_t days = -1;

    ck_assert_msg(pk_parse_date(c->in, &days, msg, sizeof msg) == PK_OK,
                  "%s: %s", c->in, msg);
    ck_assert_msg(days == c->days, "%s: %lld days, expected %lld", c->in,
                  (long long)days, (long long)c->days);
}
END_TEST

static const struct invalid_date {
    const char *in;
    const char *words;
} invalid_dates[] = {
    {"2023-02-29", "month 2 has 28 days"},
    {"1900-02-29", "month 2 has 28 days"},
    {"2100-02-29", "month 2 has 28 days"},
    {"2024-02-30", "month 2 has 29 days"},
    {"2024-04-31", "month 4 has 30 days"},
    {"2024-01-00", "has 31 days"},
    {"2024-13-01", "no month 13"},
    {"2024-00-10", "no month 0"},
    {"15/05/2020", "YYYY-MM-DD"},
    {"2024-1-1", "YYYY-MM-DD"},
    {"2024-01-01T00:00", "YYYY-MM-DD"},
    {"2024-01-1", "YYYY-MM-DD"},
    {"20240101", "YYYY-MM-DD"},
    {"", "YYYY-MM-DD"},
    {"1899-12-31", "before 1900"},
};

START_TEST(test_date_invalid)
{
    const struct invalid_date *c = &invalid_dates[_i];
    char msg[MSGLEN] = "";
    int64_t days = 12345;

    ck_assert_int_eq(pk_parse_date(c->in, &days, msg, sizeof msg), PK_EVALUE);
    ck_assert_msg(strstr(msg, c->words) != NULL, "%s: \"%s\" lacks \"%s\"",
                  c->in, msg, c->words);
}
END_TEST

START_TEST(test_bool)
{
    /* A yes or a no in words says which to write; anything else lists
     * what is read. */
    static const struct {
        const char *in;
        int rc, value;
        const char *says;
    } cases[] = {
        {"true", PK_OK, 1, NULL},
        {"1", PK_OK, 1, NULL},
        {"false", PK_OK, 0, NULL},
        {"0", PK_OK, 0, NULL},
        {"TRUE", PK_EVALUE, -1, "expected true, false, 1 or 0"},
        {"yes", PK_EVALUE, -1, "write true"},
        {"có", PK_EVALUE, -1, "write true"},
        {"Không", PK_EVALUE, -1, "write false"},
        {"no", PK_EVALUE, -1, "write false"},
        {"", PK_EVALUE, -1, "expected true, false, 1 or 0"},
        {" true", PK_EVALUE, -1, "expected true, false, 1 or 0"},
        {"2", PK_EVALUE, -1, "expected true, false, 1 or 0"},
        {"truefalse", PK_EVALUE, -1, "expected true, false, 1 or 0"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char msg[MSGLEN] = "";
        int b = -1;
        int rc = pk_parse_bool(cases[i].in, &b, msg, sizeof msg);
        ck_assert_msg(rc == cases[i].rc, "\"%s\": rc %d", cases[i].in, rc);
        if (rc == PK_OK)
            ck_assert_int_eq(b, cases[i].value);
        else
            ck_assert_msg(strstr(msg, cases[i].says) != NULL, "\"%s\": %s",
                          cases[i].in, msg);
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Rational arithmetic
 * ------------------------------------------------------------------------ */

START_TEST(test_num_exact)
{
    int64_t n, d;

    /* 0.7 + 0.1 is 0.8 exactly (no binary floating point on the way) */
    ck_assert_int_eq(pk_num_add(7, 10, 1, 10, &n, &d), PK_OK);
    ck_assert_int_eq(pk_num_cmp(n, d, 8, 10), 0);
    ck_assert_int_eq(n, 4);
    ck_assert_int_eq(d, 5);
    /* 6.05 / 12.1 is 1/2 */
    ck_assert_int_eq(pk_num_div(605, 100, 121, 10, &n, &d), PK_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(d, 2);
    /* 1200 / 2000 is 60 % exactly: the threshold compares equal */
    ck_assert_int_eq(pk_num_div(1200, 1, 2000, 1, &n, &d), PK_OK);
    ck_assert_int_eq(pk_num_cmp(n, d, 60, 100), 0);
    /* 0.1 + 0.2 - 0.3 is 0 */
    ck_assert_int_eq(pk_num_add(1, 10, 2, 10, &n, &d), PK_OK);
    ck_assert_int_eq(pk_num_sub(n, d, 3, 10, &n, &d), PK_OK);
    ck_assert_int_eq(n, 0);
    ck_assert_int_eq(d, 1);
    /* 1/3 * 3 is 1 */
    ck_assert_int_eq(pk_num_mul(1, 3, 3, 1, &n, &d), PK_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(d, 1);
    /* 3/5 - 11/20 is 1/20: a 5-point shortfall */
    ck_assert_int_eq(pk_num_sub(3, 5, 11, 20, &n, &d), PK_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(d, 20);
    /* a negative difference keeps its sign in the numerator */
    ck_assert_int_eq(pk_num_sub(1, 4, 1, 2, &n, &d), PK_OK);
    ck_assert_int_eq(n, -1);
    ck_assert_int_eq(d, 4);
    /* dividing by a negative moves the sign up */
    ck_assert_int_eq(pk_num_div(1, 2, -1, 4, &n, &d), PK_OK);
    ck_assert_int_eq(n, -2);
    ck_assert_int_eq(d, 1);
    /* 50000 m2 in hectares is 5 exactly */
    ck_assert_int_eq(pk_num_div(50000, 1, 10000, 1, &n, &d), PK_OK);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(d, 1);
    ck_assert_double_eq_tol(pk_num_double(1, 20), 0.05, 1e-15);
}
END_TEST

/* Sums of many six-decimal values stay exact: a thousand times 0.000001
 * is 0.001, not a float's approximation of it. */
START_TEST(test_num_sum_many)
{
    int64_t n = 0, d = 1;

    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(pk_num_add(n, d, 1, 1000000, &n, &d), PK_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(d, 1000);
    /* The largest values the reader accepts, summed: exact as long as
     * the sum fits, then PK_ERANGE, never a value that wrapped round. */
    {
        __extension__ typedef __int128 i128;
        const int64_t big = 123456789012999999LL; /* /1000000 */
        int rc = PK_OK;
        int k = 0;

        n = 0;
        d = 1;
        while (k < 1000) {
            int64_t rn, rd;
            rc = pk_num_add(n, d, big, 1000000, &rn, &rd);
            if (rc != PK_OK)
                break;
            k++;
            n = rn;
            d = rd;
            ck_assert_int_gt(d, 0);
            /* n/d == k*big/1000000 */
            ck_assert_msg((i128)n * 1000000 == (i128)k * big * d,
                          "sum of %d is not exact", k);
        }
        ck_assert_int_eq(rc, PK_ERANGE);
        ck_assert_int_ge(k, 70);
    }
}
END_TEST

START_TEST(test_num_range)
{
    int64_t n = 42, d = 42;

    ck_assert_int_eq(pk_num_add(INT64_MAX, 1, 1, 1, &n, &d), PK_ERANGE);
    ck_assert_int_eq(
        pk_num_add(INT64_MAX / 2 + 1, 1, INT64_MAX / 2 + 1, 1, &n, &d),
        PK_ERANGE);
    /* the common denominator overflows */
    ck_assert_int_eq(pk_num_add(1, INT64_MAX, 1, INT64_MAX - 1, &n, &d),
                     PK_ERANGE);
    ck_assert_int_eq(pk_num_sub(-INT64_MAX, 1, 2, 1, &n, &d), PK_ERANGE);
    ck_assert_int_eq(pk_num_sub(0, 1, INT64_MIN, 1, &n, &d), PK_ERANGE);
    ck_assert_int_eq(pk_num_mul(INT64_MAX, 1, 2, 1, &n, &d), PK_ERANGE);
    ck_assert_int_eq(pk_num_mul(1, INT64_MAX, 1, 3, &n, &d), PK_ERANGE);
    ck_assert_int_eq(pk_num_mul(4294967296LL, 1, 4294967296LL, 1, &n, &d),
                     PK_ERANGE);
    ck_assert_int_eq(pk_num_div(INT64_MAX, 1, 1, 2, &n, &d), PK_ERANGE);
    /* division by zero, however the zero is written */
    ck_assert_int_eq(pk_num_div(1, 1, 0, 1, &n, &d), PK_ERANGE);
    ck_assert_int_eq(pk_num_div(0, 1, 0, 7, &n, &d), PK_ERANGE);
    ck_assert_int_eq(pk_num_div(605, 100, 0, 100, &n, &d), PK_ERANGE);
    /* just inside the range still works, reduced first */
    ck_assert_int_eq(pk_num_mul(INT64_MAX, 2, 2, 1, &n, &d), PK_OK);
    ck_assert_int_eq(n, INT64_MAX);
    ck_assert_int_eq(d, 1);
    ck_assert_int_eq(pk_num_add(INT64_MAX - 1, 1, 1, 1, &n, &d), PK_OK);
    ck_assert_int_eq(n, INT64_MAX);
}
END_TEST

/* A result of INT64_MIN is representable and must come back exactly (or
 * as PK_ERANGE); reducing it must not negate INT64_MIN, which is undefined
 * behaviour (run under -fsanitize=undefined to see it). */
START_TEST(test_num_int64_min)
{
    int64_t n = 0, d = 0;
    int rc;

    rc = pk_num_add(-INT64_MAX, 1, -1, 1, &n, &d);
    ck_assert(rc == PK_ERANGE || (rc == PK_OK && n == INT64_MIN && d == 1));
    rc = pk_num_mul(INT64_MIN, 1, 1, 1, &n, &d);
    ck_assert(rc == PK_ERANGE || (rc == PK_OK && n == INT64_MIN && d == 1));
}
END_TEST

START_TEST(test_num_cmp)
{
    static const struct {
        int64_t an, ad, bn, bd;
        int r;
    } cases[] = {
        {1, 2, 2, 4, 0},
        {1, 3, 333333, 1000000, 1},
        {1199, 2000, 3, 5, -1},
        {1200, 2000, 3, 5, 0},
        {1201, 2000, 3, 5, 1},
        {604, 1210, 1, 2, -1}, /* 6.04 of 12.1 */
        {606, 1210, 1, 2, 1},  /* 6.06 of 12.1 */
        {-1, 2, 1, 2, -1},
        {0, 1, 0, 99, 0},
        /* products beyond 64 bits still compare exactly */
        {INT64_MAX, 1, INT64_MAX - 1, 1, 1},
        {INT64_MAX, INT64_MAX - 1, INT64_MAX - 1, INT64_MAX - 2, -1},
        {INT64_MAX - 1, INT64_MAX, INT64_MAX - 2, INT64_MAX - 1, 1},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int r = pk_num_cmp(cases[i].an, cases[i].ad, cases[i].bn, cases[i].bd);
        ck_assert_msg(r == cases[i].r, "case %zu: %d, expected %d", i, r,
                      cases[i].r);
        r = pk_num_cmp(cases[i].bn, cases[i].bd, cases[i].an, cases[i].ad);
        ck_assert_msg(r == -cases[i].r, "case %zu reversed: %d", i, r);
    }
}
END_TEST

/* ------------------------------------------------------------------------
 * Civil dates
 * ------------------------------------------------------------------------ */

START_TEST(test_civil_spot)
{
    char out[11];

    for (size_t i = 0; i < sizeof valid_dates / sizeof valid_dates[0]; i++) {
        memset(out, 'x', sizeof out);
        pk_civil_from_days(valid_dates[i].days, out);
        ck_assert_str_eq(out, valid_dates[i].in);
    }
    ck_assert_int_eq(pk_days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(
        pk_days_from_civil(2024, 3, 1) - pk_days_from_civil(2024, 2, 28), 2);
    ck_assert_int_eq(
        pk_days_from_civil(2023, 3, 1) - pk_days_from_civil(2023, 2, 28), 1);
    ck_assert_int_eq(
        pk_days_from_civil(2000, 3, 1) - pk_days_from_civil(2000, 2, 28), 2);
    ck_assert_int_eq(
        pk_days_from_civil(1900, 3, 1) - pk_days_from_civil(1900, 2, 28), 1);
    ck_assert_int_eq(
        pk_days_from_civil(2025, 1, 1) - pk_days_from_civil(2024, 1, 1), 366);
}
END_TEST

/* Every day from 1900-01-01 to 2100-12-31, walked with a calendar of our
 * own: both directions agree with it and with each other. */
START_TEST(test_civil_round_trip)
{
    static const unsigned mdays[] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    int y = 1900;
    unsigned m = 1, d = 1;
    int64_t day = pk_days_from_civil(1900, 1, 1);
    long count = 0;

    ck_assert_int_eq(day, -25567);
    for (;;) {
        char want[32], got[11], msg[MSGLEN];
        int64_t parsed = 0;
        unsigned dim =
            mdays[m - 1] +
            (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));

        snprintf(want, sizeof want, "%04d-%02u-%02u", y, m, d);
        ck_assert_int_eq(pk_days_from_civil(y, m, d), day);
        pk_civil_from_days(day, got);
        if (strcmp(got, want) != 0)
            ck_abort_msg("day %lld: %s, expected %s", (long long)day, got,
                         want);
        ck_assert_int_eq(pk_parse_date(want, &parsed, msg, sizeof msg), PK_OK);
        ck_assert_int_eq(parsed, day);
        count++;
        if (y == 2100 && m == 12 && d == 31)
            break;
        day++;
        if (++d > dim) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    ck_assert_int_eq(day, 47846);
    ck_assert_int_eq(count, 47846 + 25567 + 1);
}
END_TEST

/* ------------------------------------------------------------------------
 * UTF-8
 * ------------------------------------------------------------------------ */

static const struct utf8_case {
    const char *what;
    const char *s;
    size_t len; /* 0: strlen */
    int valid;
    unsigned count; /* characters, for valid cases */
} utf8_cases[] = {
    {"empty", "", 0, 1, 0},
    {"ascii", "dossier", 0, 1, 7},
    {"vietnamese", "Khu CNTT Bình Dương", 0, 1, 19},
    {"vietnamese long",
     "Khu công nghệ thông tin tập trung Thái Nguyên — Điều 5 khoản 2", 0, 1,
     62},
    {"two-byte", "\xc3\xa9", 0, 1, 1},
    {"lowest two-byte", "\xc2\x80", 0, 1, 1},
    {"three-byte", "\xe2\x89\xa5", 0, 1, 1},
    {"lowest three-byte", "\xe0\xa0\x80", 0, 1, 1},
    {"before surrogates", "\xed\x9f\xbf", 0, 1, 1},
    {"after surrogates", "\xee\x80\x80", 0, 1, 1},
    {"BOM", "\xef\xbb\xbf", 0, 1, 1},
    {"four-byte", "\xf0\x9f\x98\x80", 0, 1, 1},
    {"highest", "\xf4\x8f\xbf\xbf", 0, 1, 1},
    {"NUL inside (checked elsewhere)", "a\0b", 3, 1, 3},
    /* overlongs */
    {"overlong slash C0", "\xc0\xaf", 0, 0, 0},
    {"overlong C1", "\xc1\xbf", 0, 0, 0},
    {"overlong three-byte", "\xe0\x80\xaf", 0, 0, 0},
    {"overlong three-byte max", "\xe0\x9f\xbf", 0, 0, 0},
    {"overlong four-byte", "\xf0\x80\x80\xaf", 0, 0, 0},
    {"overlong four-byte max", "\xf0\x8f\xbf\xbf", 0, 0, 0},
    {"overlong NUL", "\xc0\x80", 0, 0, 0},
    /* surrogates */
    {"high surrogate", "\xed\xa0\x80", 0, 0, 0},
    {"low surrogate", "\xed\xbf\xbf", 0, 0, 0},
    {"surrogate pair as CESU", "\xed\xa0\xbd\xed\xb8\x80", 0, 0, 0},
    /* beyond U+10FFFF and non-bytes */
    {"U+110000", "\xf4\x90\x80\x80", 0, 0, 0},
    {"F5 lead", "\xf5\x80\x80\x80", 0, 0, 0},
    {"five-byte form", "\xf8\x88\x80\x80\x80", 0, 0, 0},
    {"six-byte form", "\xfc\x84\x80\x80\x80\x80", 0, 0, 0},
    {"FE", "\xfe", 0, 0, 0},
    {"FF", "\xff", 0, 0, 0},
    /* truncated and broken sequences */
    {"lone continuation", "a\x80z", 0, 0, 0},
    {"truncated two-byte at end", "a\xc3", 0, 0, 0},
    {"truncated two-byte", "\xc3\x28", 0, 0, 0},
    {"truncated three-byte", "\xe2\x82", 0, 0, 0},
    {"truncated three-byte then ASCII", "\xe2\x82\x41", 0, 0, 0},
    {"truncated four-byte", "\xf0\x9f\x98", 0, 0, 0},
    {"Latin-1 ê", "Vi\xeat Nam", 0, 0, 0},
    {"valid text then a bad byte", "Bình Dương\xff", 0, 0, 0},
};

/* The code points pk_nfc_plain() and pk_utf8_scan() take as they are,
 * each against ICU:
 * NFC_Quick_Check=Yes and combining class 0, which is what makes a text
 * of them NFC. Every other code point is looked at by ICU. */
START_TEST(test_nfc_plain_agrees_with_icu)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    unsigned plain = 0;

    ck_assert(U_SUCCESS(st));
    for (UChar32 c = 1; c < 0x30000; c++) {
        char u8[5];
        UChar u16[2];
        int32_t n16 = 0;
        size_t n8;

        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        if (c < 0x80) {
            u8[0] = (char)c;
            n8 = 1;
        } else if (c < 0x800) {
            u8[0] = (char)(0xC0 | (c >> 6));
            u8[1] = (char)(0x80 | (c & 0x3F));
            n8 = 2;
        } else if (c < 0x10000) {
            u8[0] = (char)(0xE0 | (c >> 12));
            u8[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            u8[2] = (char)(0x80 | (c & 0x3F));
            n8 = 3;
        } else {
            u8[0] = (char)(0xF0 | (c >> 18));
            u8[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            u8[2] = (char)(0x80 | ((c >> 6) & 0x3F));
            u8[3] = (char)(0x80 | (c & 0x3F));
            n8 = 4;
        }
        {
            /* the reader's scan of a whole file says the same */
            int scanned = -1;
            ck_assert_uint_eq(pk_utf8_scan(u8, n8, &scanned), n8);
            ck_assert_msg(scanned == pk_nfc_plain(u8, n8),
                          "U+%04X: the scan and pk_nfc_plain differ",
                          (unsigned)c);
        }
        if (!pk_nfc_plain(u8, n8))
            continue;
        plain++;
        U16_APPEND_UNSAFE(u16, n16, c);
        st = U_ZERO_ERROR;
        ck_assert_msg(unorm2_quickCheck(nfc, u16, n16, &st) == UNORM_YES &&
                          U_SUCCESS(st) && u_getCombiningClass(c) == 0,
                      "U+%04X is taken as plain but is not", (unsigned)c);
    }
    /* ASCII, the three Latin blocks and the punctuation */
    ck_assert_uint_gt(plain, 127 + 400 + 256 + 40);
}
END_TEST

/* Vietnamese typed with combining marks reads as the precomposed letters;
 * other texts are left as they are. */
START_TEST(test_nfc_texts)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", ""},
        {"2407/QĐ-TTg", "2407/QĐ-TTg"},
        /* u + hook above is ủ; u + horn + acute is ứ */
        {"Thu\xcc\x89 tu\xcc\x9bo\xcc\x9b\xcc\x81ng Chi\xcc\x81nh phu\xcc\x89",
         "Thủ tướng Chính phủ"},
        {"U\xcc\x89y ban nha\xcc\x82n da\xcc\x82n", "Ủy ban nhân dân"},
        {"Tha\xcc\x80nh pho\xcc\x82\xcc\x81 Ho\xcc\x82\xcc\x80 Chi\xcc\x81 "
         "Minh",
         "Thành phố Hồ Chí Minh"},
        /* composed already, outside the plain ranges: unchanged */
        {"Hà Nội — 河内 — 하노이", "Hà Nội — 河内 — 하노이"},
        /* Hangul jamo compose */
        {"\xe1\x84\x92\xe1\x85\xa1", "하"},
        /* a mark with nothing to compose with stays */
        {"\xcc\x81x", "\xcc\x81x"},
        /* the Ohm sign is the letter omega in NFC */
        {"1 \xe2\x84\xa6", "1 \xce\xa9"},
    };
    pk_arena a;

    pk_arena_init(&a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = pk_arena_nfc(&a, cases[i].in, strlen(cases[i].in));
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, cases[i].out);
    }
    /* past the stack buffers: 600 decomposed letters */
    {
        char in[600 * 3 + 1], want[600 * 2 + 1];
        for (size_t i = 0; i < 600; i++) {
            memcpy(in + 3 * i, "e\xcc\x81", 3);  /* e + acute */
            memcpy(want + 2 * i, "\xc3\xa9", 2); /* é */
        }
        in[sizeof in - 1] = '\0';
        want[sizeof want - 1] = '\0';
        ck_assert_str_eq(pk_arena_nfc(&a, in, strlen(in)), want);
    }
    pk_arena_free(&a);
}
END_TEST

START_TEST(test_utf8)
{
    const struct utf8_case *c = &utf8_cases[_i];
    size_t len = c->len ? c->len : strlen(c->s);

    ck_assert_msg(pk_utf8_valid(c->s, len) == c->valid, "%s: valid %d", c->what,
                  pk_utf8_valid(c->s, len));
    if (c->valid)
        ck_assert_msg(pk_utf8_count(c->s, len) == c->count, "%s: %u chars",
                      c->what, pk_utf8_count(c->s, len));
}
END_TEST

/* The length given is what is checked: a valid character cut by len is
 * invalid, bytes after len are not looked at. */
START_TEST(test_utf8_len)
{
    const char *s = "Bình\xff";

    ck_assert_int_eq(pk_utf8_valid(s, 2), 0); /* cuts "ì" */
    ck_assert_int_eq(pk_utf8_valid(s, 3), 1);
    ck_assert_int_eq(pk_utf8_valid(s, 5), 1); /* "Bình" */
    ck_assert_int_eq(pk_utf8_valid(s, 6), 0); /* with the 0xFF */
    ck_assert_uint_eq(pk_utf8_count(s, 5), 4);
    ck_assert_uint_eq(pk_utf8_count(s, 0), 0);
    /* a column is the count of characters before a position */
    ck_assert_uint_eq(pk_utf8_count("Khu CNTT Bình Dương <", 23), 20);
}
END_TEST

/* A bad byte at every distance from the start of a run of ASCII, which is
 * skipped sixteen and eight bytes at a time: found where it is. */
START_TEST(test_utf8_first_invalid_every_place)
{
    char s[64];

    for (size_t at = 0; at < 48; at++) {
        memset(s, 'a', 48);
        s[at] = (char)0xFF;
        ck_assert_uint_eq(pk_utf8_first_invalid(s, 48), at);
        /* a letter of two bytes there instead: valid */
        s[at] = (char)0xC3;
        if (at + 1 < 48) {
            s[at + 1] = (char)0xA9;
            ck_assert_uint_eq(pk_utf8_first_invalid(s, 48), 48);
        }
    }
    memset(s, 'a', 48);
    ck_assert_uint_eq(pk_utf8_first_invalid(s, 48), 48);
    s[47] = (char)0xE1; /* a lead byte cut by the end */
    ck_assert_uint_eq(pk_utf8_first_invalid(s, 48), 47);
}
END_TEST

/* ------------------------------------------------------------------------
 * The index of names (strindex.c): the same answers as a walk from the
 * start, for every name, twice-met names and names not there
 * ------------------------------------------------------------------------ */

static const char *key_of(const void *owner, size_t i)
{
    return ((const char *const *)owner)[i];
}

static long walk(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] != NULL && strcmp(names[i], s) == 0)
            return (long)i;
    return -1;
}

START_TEST(test_strindex)
{
    static const char *const few[] = {
        "infrastructure", "rnd", "software", "rnd", "", "Rnd", NULL, "đào-tạo"};
    static const char *const absent[] = {"rn",      "rndx", "RND",
                                         "đào-tao", " rnd", "software "};
    const size_t nfew = sizeof few / sizeof few[0];
    char(*many)[16] = malloc(3000 * sizeof *many);
    const char **names = malloc(3000 * sizeof *names);
    pk_strindex ix;

    ck_assert_int_eq(pk_strindex_build(&ix, nfew, key_of, few), PK_OK);
    for (size_t i = 0; i < nfew; i++)
        if (few[i] != NULL)
            ck_assert_int_eq(pk_strindex_find(&ix, few[i], key_of, few),
                             walk(few, nfew, few[i]));
    /* a name met twice is found at its first place */
    ck_assert_int_eq(pk_strindex_find(&ix, "rnd", key_of, few), 1);
    /* a name inside a longer string, by its length */
    ck_assert_int_eq(pk_strindex_find_n(&ix, "rnd software", 3, key_of, few),
                     1);
    ck_assert_int_eq(pk_strindex_find_n(&ix, "rnd software", 2, key_of, few),
                     -1);
    ck_assert_int_eq(pk_strindex_find_n(&ix, "rnd software", 12, key_of, few),
                     -1);
    ck_assert_int_eq(pk_strindex_find_n(&ix, "x software", 0, key_of, few), 4);
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        ck_assert_int_eq(pk_strindex_find(&ix, absent[i], key_of, few), -1);
    pk_strindex_free(&ix);
    /* no index: the caller is told to walk */
    ck_assert_int_eq(pk_strindex_find(&ix, "rnd", key_of, few), -2);
    ck_assert_int_eq(pk_strindex_build(&ix, 0, key_of, few), PK_OK);
    ck_assert_int_eq(pk_strindex_find(&ix, "rnd", key_of, few), -2);

    /* thousands of names, many sharing their hash's low bits */
    ck_assert_ptr_nonnull(many);
    ck_assert_ptr_nonnull(names);
    for (size_t i = 0; i < 3000; i++) {
        snprintf(many[i], sizeof many[i], "fact-%zu", i % 2500);
        names[i] = many[i];
    }
    ck_assert_int_eq(pk_strindex_build(&ix, 3000, key_of, names), PK_OK);
    for (size_t i = 0; i < 3000; i++)
        ck_assert_int_eq(pk_strindex_find(&ix, names[i], key_of, names),
                         (long)(i % 2500));
    ck_assert_int_eq(pk_strindex_find(&ix, "fact-2500", key_of, names), -1);
    pk_strindex_free(&ix);
    free(names);
    free(many);
}
END_TEST

static Suite *value_suite(void)
{
    Suite *s = suite_create("value");
    TCase *tc;

    tc = tcase_create("numbers");
    tcase_add_loop_test(tc, test_number_valid, 0,
                        (int)(sizeof valid_numbers / sizeof valid_numbers[0]));
    tcase_add_loop_test(
        tc, test_number_invalid, 0,
        (int)(sizeof invalid_numbers / sizeof invalid_numbers[0]));
    tcase_add_test(tc, test_number_suggestions);
    tcase_add_loop_test(tc, test_number_habits_both_languages, 0,
                        sizeof habits / sizeof habits[0]);
    tcase_add_test(tc, test_number_habit_longest);
    tcase_add_loop_test(tc, test_number_words, 0,
                        sizeof words / sizeof words[0]);
    tcase_add_test(tc, test_number_short_buffer);
    suite_add_tcase(s, tc);

    tc = tcase_create("dates");
    tcase_add_loop_test(tc, test_date_valid, 0,
                        (int)(sizeof valid_dates / sizeof valid_dates[0]));
    tcase_add_loop_test(tc, test_date_invalid, 0,
                        (int)(sizeof invalid_dates / sizeof invalid_dates[0]));
    tcase_add_test(tc, test_bool);
    tcase_add_test(tc, test_civil_spot);
    tcase_add_test(tc, test_civil_round_trip);
    suite_add_tcase(s, tc);

    tc = tcase_create("rationals");
    tcase_add_test(tc, test_num_exact);
    tcase_add_test(tc, test_num_sum_many);
    tcase_add_test(tc, test_num_range);
    tcase_add_test(tc, test_num_int64_min);
    tcase_add_test(tc, test_num_cmp);
    suite_add_tcase(s, tc);

    tc = tcase_create("utf8");
    tcase_add_loop_test(tc, test_utf8, 0,
                        (int)(sizeof utf8_cases / sizeof utf8_cases[0]));
    tcase_add_test(tc, test_utf8_len);
    tcase_add_test(tc, test_utf8_first_invalid_every_place);
    tcase_add_test(tc, test_nfc_plain_agrees_with_icu);
    tcase_add_test(tc, test_nfc_texts);
    suite_add_tcase(s, tc);

    tc = tcase_create("names");
    tcase_add_test(tc, test_strindex);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(value_suite());
}
