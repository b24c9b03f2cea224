/*
 * test_numfmt.c - numbers written for people (numfmt.c) and the buffer
 * they are written to (strbuf.c).
 */
#include <check.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tc.h"
#include "numfmt.h"
#include "strbuf.h"

/* ------------------------------------------------------------------------
 * pk_fmt_number
 * ------------------------------------------------------------------------ */

static const struct number_case {
    double v;
    int decimals;
    const char *en, *vi;
} number_cases[] = {
    /* as many decimals as needed */
    {2000, -1, "2,000", "2.000"},
    {15.47, -1, "15.47", "15,47"},
    {1234567.5, -1, "1,234,567.5", "1.234.567,5"},
    {0, -1, "0", "0"},
    {7, -1, "7", "7"},
    {999, -1, "999", "999"},
    {1000, -1, "1,000", "1.000"},
    {100000, -1, "100,000", "100.000"},
    {0.125, -1, "0.125", "0,125"},
    {1.0 / 3.0, -1, "0.333333", "0,333333"},
    {9.999, -1, "9.999", "9,999"},
    {9.9999999, -1, "10", "10"},         /* rounds up, zeros dropped */
    {999.9999999, -1, "1,000", "1.000"}, /* the carry makes a group */
    {0.0000004, -1, "0", "0"},
    {0.1 + 0.2, -1, "0.3", "0,3"},
    /* negatives */
    {-1850, -1, "-1,850", "-1.850"},
    {-0.5, -1, "-0.5", "-0,5"},
    {-1234567.25, -1, "-1,234,567.25", "-1.234.567,25"},
    {-0.0, -1, "0", "0"},
    {-0.0000001, -1, "0", "0"}, /* rounds to zero: no sign */
    {-0.0000001, 2, "0.00", "0,00"},
    {-9.999, 2, "-10.00", "-10,00"},
    /* a fixed number of decimals */
    {9.999, 2, "10.00", "10,00"},
    {15.47, 2, "15.47", "15,47"},
    {12, 3, "12.000", "12,000"},
    {1234.5678, 2, "1,234.57", "1.234,57"},
    {1234.5678, 0, "1,235", "1.235"},
    {999999.6, 0, "1,000,000", "1.000.000"},
    {2000, 0, "2,000", "2.000"},
    {0.1, 25, "0.10000000000000000555", "0,10000000000000000555"},
    /* large */
    {1e15, -1, "1,000,000,000,000,000", "1.000.000.000.000.000"},
    {1e21, -1, "1,000,000,000,000,000,000,000",
     "1.000.000.000.000.000.000.000"},
    {-1e21, 0, "-1,000,000,000,000,000,000,000",
     "-1.000.000.000.000.000.000.000"},
    /* not numbers */
    {NAN, -1, "?", "?"},
    {NAN, 2, "?", "?"},
    {INFINITY, -1, "?", "?"},
    {-INFINITY, 3, "?", "?"},
};

static void check_number(const struct number_case *c)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_fmt_number(&sb, c->v, c->decimals, PK_LANG_EN), 0);
    ck_assert_str_eq(sb.data, c->en);
    pk_sb_reset(&sb);
    ck_assert_int_eq(pk_fmt_number(&sb, c->v, c->decimals, PK_LANG_VI), 0);
    ck_assert_str_eq(sb.data, c->vi);
    pk_sb_free(&sb);
}

START_TEST(test_number)
{
    check_number(&number_cases[_i]);
}
END_TEST

START_TEST(test_number_appends)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    pk_sb_puts(&sb, "còn thiếu ");
    pk_fmt_number(&sb, 150, -1, PK_LANG_VI);
    pk_sb_puts(&sb, " / ");
    pk_fmt_number(&sb, 2000, -1, PK_LANG_VI);
    ck_assert_str_eq(sb.data, "còn thiếu 150 / 2.000");
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_number_huge)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    size_t len;

    /* 309 integer digits, 102 separators, 20 decimals: no overflow. */
    ck_assert_int_eq(pk_fmt_number(&sb, -DBL_MAX, 25, PK_LANG_EN), 0);
    len = strlen(sb.data);
    ck_assert_uint_eq(len, 1 + 309 + 102 + 1 + 20);
    ck_assert(strncmp(sb.data, "-179,769,313,486,231,570,", 25) == 0);
    ck_assert_str_eq(sb.data + len - 26, "8,368.00000000000000000000");
    pk_sb_reset(&sb);
    ck_assert_int_eq(pk_fmt_number(&sb, DBL_MAX, -1, PK_LANG_VI), 0);
    ck_assert(strncmp(sb.data, "179.769.313.486.231.570.", 24) == 0);
    ck_assert_str_eq(sb.data + strlen(sb.data) - 4, ".368");
    pk_sb_free(&sb);
}
END_TEST

/* ------------------------------------------------------------------------
 * pk_fmt_percent
 * ------------------------------------------------------------------------ */

static const struct number_case percent_cases[] = {
    {0.615, 0, "61.5%", "61,5%"},
    {0.6, 0, "60%", "60%"},
    {0.5, 0, "50%", "50%"},
    {1, 0, "100%", "100%"},
    {0, 0, "0%", "0%"},
    {7.0 / 12.0, 0, "58.33%", "58,33%"},
    {0.6 - 7.0 / 12.0, 0, "1.67%", "1,67%"},
    {0.297352, 0, "29.74%", "29,74%"},
    /* just off a whole percentage: the digits that show it is not one */
    {0.99999, 0, "99.999%", "99,999%"},
    {0.00004, 0, "0.004%", "0,004%"},
    {0.5999999, 0, "59.99999%", "59,99999%"},
    {0.6 + 1e-13, 0, "60%", "60%"}, /* a double's own error is not */
    {0.59994, 0, "59.99%", "59,99%"},
    {-0.05, 0, "-5%", "-5%"},
    {12.345, 0, "1,234.5%", "1.234,5%"},
    {NAN, 0, "?%", "?%"},
    {-INFINITY, 0, "?%", "?%"},
};

START_TEST(test_percent)
{
    const struct number_case *c = &percent_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_fmt_percent(&sb, c->v, PK_LANG_EN), 0);
    ck_assert_str_eq(sb.data, c->en);
    pk_sb_reset(&sb);
    ck_assert_int_eq(pk_fmt_percent(&sb, c->v, PK_LANG_VI), 0);
    ck_assert_str_eq(sb.data, c->vi);
    pk_sb_free(&sb);
}
END_TEST

/* ------------------------------------------------------------------------
 * pk_fmt_date
 * ------------------------------------------------------------------------ */

static const struct date_case {
    const char *iso, *en, *vi;
} date_cases[] = {
    {"2024-08-26", "2024-08-26", "26/08/2024"},
    {"2014-01-01", "2014-01-01", "01/01/2014"},
    {"2025-12-31", "2025-12-31", "31/12/2025"},
    /* not shaped YYYY-MM-DD: written as it is, never half-converted */
    {"2024-8-26", "2024-8-26", "2024-8-26"},
    {"2024-08-26x", "2024-08-26x", "2024-08-26x"},
    {"2024-08-2", "2024-08-2", "2024-08-2"},
    {"26/08/2024", "26/08/2024", "26/08/2024"},
    {"", "", ""},
};

START_TEST(test_date)
{
    const struct date_case *c = &date_cases[_i];
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_fmt_date(&sb, c->iso, PK_LANG_EN), 0);
    ck_assert_str_eq(sb.data != NULL ? sb.data : "", c->en);
    pk_sb_reset(&sb);
    ck_assert_int_eq(pk_fmt_date(&sb, c->iso, PK_LANG_VI), 0);
    ck_assert_str_eq(sb.data != NULL ? sb.data : "", c->vi);
    pk_sb_free(&sb);
}
END_TEST

/* ------------------------------------------------------------------------
 * Independence from setlocale()
 * ------------------------------------------------------------------------ */

/* Locales whose decimal point is not '.', any of which may be installed. */
static const char *const comma_locales[] = {
    "vi_VN.UTF-8", "vi_VN.utf8", "de_DE.UTF-8", "de_DE.utf8",
    "fr_FR.UTF-8", "fr_FR.utf8", "ru_RU.UTF-8", "ru_RU.utf8",
};

START_TEST(test_locale_independent)
{
    size_t i;
    const char *got = NULL;

    for (i = 0; i < sizeof comma_locales / sizeof comma_locales[0]; i++) {
        got = setlocale(LC_ALL, comma_locales[i]);
        if (got != NULL)
            break;
    }
    if (got == NULL)
        return; /* none installed: nothing to prove here */
    for (i = 0; i < sizeof number_cases / sizeof number_cases[0]; i++)
        check_number(&number_cases[i]);
    setlocale(LC_ALL, "C");
}
END_TEST

/* ------------------------------------------------------------------------
 * pk_strbuf
 * ------------------------------------------------------------------------ */

START_TEST(test_sb_grows)
{
    pk_strbuf sb;
    size_t i;

    pk_sb_init(&sb);
    ck_assert_ptr_null(sb.data);
    ck_assert_uint_eq(sb.len, 0);
    for (i = 0; i < 10000; i++)
        ck_assert_int_eq(pk_sb_append(&sb, "abc", 3), 0);
    ck_assert_uint_eq(sb.len, 30000);
    ck_assert_uint_eq(strlen(sb.data), 30000);
    ck_assert(sb.cap > sb.len);
    ck_assert_int_eq(sb.failed, 0);
    pk_sb_free(&sb);
    ck_assert_ptr_null(sb.data);
    ck_assert_uint_eq(sb.cap, 0);
}
END_TEST

/* Its own bytes appended again: while it grows (the bytes move), and
 * never from past its end. */
START_TEST(test_sb_append_own)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_sb_append_own(&sb, 0, 0), 0);
    ck_assert_int_eq(pk_sb_append_own(&sb, 0, 1), PK_EINVAL);
    ck_assert_int_eq(PK_SB_LIT(&sb, "[\"rnd\",\"software\"]"), 0);
    for (int i = 0; i < 12; i++) /* doubles it: 12 moves at least */
        ck_assert_int_eq(pk_sb_append_own(&sb, 0, sb.len), 0);
    ck_assert_uint_eq(sb.len, 18u << 12);
    for (size_t at = 0; at < sb.len; at += 18)
        ck_assert_int_eq(memcmp(sb.data + at, "[\"rnd\",\"software\"]", 18), 0);
    ck_assert_uint_eq(strlen(sb.data), sb.len);
    ck_assert_int_eq(pk_sb_append_own(&sb, 2, 3), 0);
    ck_assert_int_eq(memcmp(sb.data + sb.len - 3, "rnd", 3), 0);
    ck_assert_int_eq(pk_sb_append_own(&sb, sb.len, 1), PK_EINVAL);
    ck_assert_int_eq(pk_sb_append_own(&sb, sb.len - 1, 2), PK_EINVAL);
    ck_assert_int_eq(pk_sb_append_own(&sb, (size_t)-1, 2), PK_EINVAL);
    ck_assert_int_eq(sb.failed, 0);
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_sb_printf)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    char big[1000];

    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(pk_sb_printf(&sb, "%d-%s", 42, "ok"), 0);
    ck_assert_str_eq(sb.data, "42-ok");
    /* Longer than the first try's room. */
    ck_assert_int_eq(pk_sb_printf(&sb, "[%s]", big), 0);
    ck_assert_uint_eq(sb.len, 5 + 2 + 999);
    ck_assert_int_eq(sb.data[sb.len - 1], ']');
    ck_assert_int_eq(sb.data[sb.len], '\0');
    ck_assert_int_eq(pk_sb_printf(&sb, "%s", ""), 0);
    ck_assert_uint_eq(sb.len, 5 + 2 + 999);
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_sb_binary)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    ck_assert_int_eq(pk_sb_append(&sb, "a\0b", 3), 0);
    ck_assert_uint_eq(sb.len, 3);
    ck_assert(memcmp(sb.data, "a\0b", 4) == 0);
    ck_assert_int_eq(pk_sb_append(&sb, NULL, 0), 0);
    ck_assert_uint_eq(sb.len, 3);
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_sb_reset_keeps_memory)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    char *data;
    size_t cap;

    pk_sb_puts(&sb, "something");
    data = sb.data;
    cap = sb.cap;
    sb.failed = 1;
    pk_sb_reset(&sb);
    ck_assert_ptr_eq(sb.data, data);
    ck_assert_uint_eq(sb.cap, cap);
    ck_assert_uint_eq(sb.len, 0);
    ck_assert_str_eq(sb.data, "");
    ck_assert_int_eq(sb.failed, 0);
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_sb_steal)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    char *s;

    s = pk_sb_steal(&sb); /* nothing appended: "" */
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, "");
    free(s);
    pk_sb_puts(&sb, "Điều 5");
    s = pk_sb_steal(&sb);
    ck_assert_str_eq(s, "Điều 5");
    ck_assert_ptr_null(sb.data);
    ck_assert_uint_eq(sb.len, 0);
    free(s);
}
END_TEST

START_TEST(test_sb_failure_sticks)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    pk_sb_puts(&sb, "kept");
    /* A length no allocation can hold fails without touching data. */
    ck_assert_int_eq(pk_sb_append(&sb, "x", SIZE_MAX), PK_ENOMEM);
    ck_assert_int_eq(sb.failed, 1);
    ck_assert_str_eq(sb.data, "kept");
    ck_assert_int_eq(pk_sb_puts(&sb, "more"), PK_ENOMEM);
    ck_assert_int_eq(pk_sb_printf(&sb, "%d", 1), PK_ENOMEM);
    ck_assert_int_eq(pk_fmt_number(&sb, 1, -1, PK_LANG_EN), PK_ENOMEM);
    ck_assert_uint_eq(sb.len, 4);
    ck_assert_ptr_null(pk_sb_steal(&sb)); /* and frees */
    ck_assert_ptr_null(sb.data);
    ck_assert_int_eq(sb.failed, 0);
}
END_TEST

/* ---- digits at a boundary ---- */

static const struct apart_case {
    double a, b;
    int base, want;
} apart_cases[] = {
    {40.0, 40.0, 2, 2},         /* equal: nothing to part */
    {39.95, 40.0, 2, 2},        /* the ordinary digits do */
    {40.000666666, 40.0, 2, 3}, /* 60,001 m² of 15 ha */
    {39.999333333, 40.0, 2, 3},
    {49.99917355, 50.0, 2, 3},
    {59.9995, 60.0, 2, 3}, /* 119,999 of 200,000 */
    {59.999994, 60.0, 2, 5},
    {4.9999999, 5.0, 6, 7},
    {4.9999999999, 5.0, 6, 10},
    {59.99999999996, 60.0, 2, -1}, /* past ten digits */
    {59.99999999994, 60.0, 2, 10},
    {1.0, 1.0 + 1e-15, 0, -1},
};

START_TEST(test_digits_apart)
{
    const struct apart_case *c = &apart_cases[_i];

    ck_assert_int_eq(pk_fmt_digits_apart(c->a, c->b, c->base), c->want);
    ck_assert_int_eq(pk_fmt_digits_apart(c->b, c->a, c->base), c->want);
}
END_TEST

START_TEST(test_digits_nonzero)
{
    ck_assert_int_eq(pk_fmt_digits_nonzero(0, 2), 2);
    ck_assert_int_eq(pk_fmt_digits_nonzero(0.05, 2), 2);
    ck_assert_int_eq(pk_fmt_digits_nonzero(0.000667, 2), 3);
    ck_assert_int_eq(pk_fmt_digits_nonzero(0.0005, 2), 3);
    ck_assert_int_eq(pk_fmt_digits_nonzero(0.00004, 2), 5);
    ck_assert_int_eq(pk_fmt_digits_nonzero(-0.0001, 2), 4);
    ck_assert_int_eq(pk_fmt_digits_nonzero(1e-12, 2), -1);
}
END_TEST

START_TEST(test_digits_written)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    pk_fmt_percent_digits(&sb, 0.40000666, 3, PK_LANG_VI);
    pk_sb_puts(&sb, " ");
    pk_fmt_percent_digits(&sb, 0.4, 3, PK_LANG_VI);
    pk_sb_puts(&sb, " ");
    pk_fmt_number_strip(&sb, 0.000667, 3, 0, PK_LANG_VI);
    pk_sb_puts(&sb, " ");
    pk_fmt_number_strip(&sb, 4999.9999999, 7, 1, PK_LANG_VI);
    ck_assert_str_eq(sb.data, "40,001% 40% 0,001 4.999,9999999");
    pk_sb_reset(&sb);
    pk_fmt_percent_digits(&sb, 0.40000666, 3, PK_LANG_EN);
    pk_sb_puts(&sb, " ");
    pk_fmt_number_strip(&sb, 4999.9999999, 7, 1, PK_LANG_EN);
    ck_assert_str_eq(sb.data, "40.001% 4,999.9999999");
    pk_sb_free(&sb);
}
END_TEST

START_TEST(test_fraction)
{
    pk_strbuf sb = PK_STRBUF_INIT;

    pk_fmt_fraction(&sb, 599999999999, 999999999999, PK_LANG_VI);
    pk_sb_puts(&sb, " ");
    pk_fmt_fraction(&sb, 40, 1, PK_LANG_VI);
    pk_sb_puts(&sb, " ");
    pk_fmt_fraction(&sb, -1, 3, PK_LANG_VI);
    pk_sb_puts(&sb, " ");
    pk_fmt_fraction(&sb, 0, 7, PK_LANG_VI);
    ck_assert_str_eq(sb.data, "599.999.999.999/999.999.999.999 40 -1/3 0/7");
    pk_sb_reset(&sb);
    pk_fmt_fraction(&sb, 1200, 2001, PK_LANG_EN);
    pk_sb_puts(&sb, " ");
    pk_fmt_fraction(&sb, INT64_MIN, 1, PK_LANG_EN);
    ck_assert_str_eq(sb.data, "1,200/2,001 -9,223,372,036,854,775,808");
    pk_sb_free(&sb);
}
END_TEST

/* The digits pk_fmt_number_strip() writes are those of "%.*f" (correctly
 * rounded from the double's exact value, ties to even), grouped; printf
 * is the reference. Numbers of every size and of few and many digits,
 * halves and numbers a hair off a half (where rounding the product
 * v * 10^d in doubles and rounding the exact value could differ), and
 * both signs. */
static void printf_reference(char *out, double v, int d)
{
    char raw[512];
    size_t i, o = 0, int_len;
    const char *p = raw;

    snprintf(raw, sizeof raw, "%.*f", d, fabs(v));
    for (int_len = 0; raw[int_len] >= '0' && raw[int_len] <= '9'; int_len++)
        ;
    if (signbit(v) && strpbrk(raw, "123456789") != NULL)
        out[o++] = '-';
    for (i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = p[i];
    }
    if (d > 0) {
        out[o++] = '.';
        strcpy(out + o, raw + int_len + 1);
    } else {
        out[o] = '\0';
    }
}

START_TEST(test_number_matches_printf)
{
    static const double halves[] = {
        0.5,  1.5,      2.5,   0.125,  0.375, 2.675, 1.005,          0.045,
        1e-7, 123.4565, 0.155, 1.0005, 4.35,  8.345, 1099511627775.5};
    uint64_t seed = 0x9E3779B97F4A7C15u;
    unsigned checked = 0;

    for (unsigned i = 0; i < 200000; i++) {
        double v;
        int d = (int)(i % 12);
        char want[512];
        pk_strbuf sb = PK_STRBUF_INIT;

        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        switch (i % 5) {
        case 0: /* a few decimal digits */
            v = (double)(seed % 100000000) / pow(10, (double)(seed >> 60));
            break;
        case 1: /* any size */
            v = ldexp((double)(seed >> 11), (int)(seed % 90) - 70);
            break;
        case 2: /* a half, or a hair off one */
            v = halves[(seed >> 8) % (sizeof halves / sizeof halves[0])];
            v = (seed & 1) ? nextafter(v, (seed & 2) ? INFINITY : 0) : v;
            break;
        case 3: /* k + 0.5 at d digits, exactly or nearly */
            v = ((double)(seed % 1000000) + 0.5) / pow(10, d);
            v = (seed & 1) ? nextafter(v, (seed & 2) ? INFINITY : 0) : v;
            break;
        default: /* near 2^40 times a power of ten */
            v = (1099511627776.0 + (double)(seed % 64) - 32) / pow(10, d);
            break;
        }
        if (seed & 4)
            v = -v;
        printf_reference(want, v, d);
        ck_assert_int_eq(pk_fmt_number_strip(&sb, v, d, 0, PK_LANG_EN), 0);
        ck_assert_msg(strcmp(sb.data, want) == 0,
                      "%.17g with %d digits: %s, not %s", v, d, sb.data, want);
        pk_sb_free(&sb);
        checked++;
    }
    ck_assert_uint_eq(checked, 200000);
}
END_TEST

static Suite *numfmt_suite(void)
{
    Suite *s = suite_create("numfmt");
    TCase *tc;

    tc = tcase_create("number");
    tcase_add_loop_test(tc, test_number, 0,
                        (int)(sizeof number_cases / sizeof number_cases[0]));
    tcase_add_test(tc, test_number_appends);
    tcase_add_test(tc, test_number_huge);
    tcase_add_test(tc, test_number_matches_printf);
    suite_add_tcase(s, tc);

    tc = tcase_create("percent");
    tcase_add_loop_test(tc, test_percent, 0,
                        (int)(sizeof percent_cases / sizeof percent_cases[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("boundary");
    tcase_add_loop_test(tc, test_digits_apart, 0,
                        (int)(sizeof apart_cases / sizeof apart_cases[0]));
    tcase_add_test(tc, test_digits_nonzero);
    tcase_add_test(tc, test_digits_written);
    tcase_add_test(tc, test_fraction);
    suite_add_tcase(s, tc);

    tc = tcase_create("date");
    tcase_add_loop_test(tc, test_date, 0,
                        (int)(sizeof date_cases / sizeof date_cases[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("locale");
    tcase_add_test(tc, test_locale_independent);
    suite_add_tcase(s, tc);

    tc = tcase_create("strbuf");
    tcase_add_test(tc, test_sb_grows);
    tcase_add_test(tc, test_sb_append_own);
    tcase_add_test(tc, test_sb_printf);
    tcase_add_test(tc, test_sb_binary);
    tcase_add_test(tc, test_sb_reset_keeps_memory);
    tcase_add_test(tc, test_sb_steal);
    tcase_add_test(tc, test_sb_failure_sticks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(numfmt_suite());
}
