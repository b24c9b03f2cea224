/*
 * numfmt.c - numbers written for people.
 *
 * The digits come from "%.*f", which rounds correctly; everything else is
 * put in here. The radix character printf writes depends on LC_NUMERIC
 * (and may be more than one byte), so it is not looked at: the integer
 * digits are the leading run of digits and the fraction digits are the
 * trailing one.
 */
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* "%.*f" of the largest double: 309 integer digits, the radix, the
 * fraction. */
#define RAW_MAX (320 + PK_FMT_MAX_DECIMALS)
/* The same grouped, with a sign and a suffix. */
#define OUT_MAX (2 * RAW_MAX)

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "%.*f" of v with decimals digits into buf (of RAW_MAX bytes), with '.'
 * for the radix whatever the locale: the length, or -1 (cannot happen for
 * a finite double and these sizes).
 *
 * Most numbers of a report are small and have few digits, and printf's
 * exact conversion costs more than the rest of writing them: for those,
 * the digits come from the double product v * 10^decimals rounded to an
 * integer. Below 2^40 that product is within 2^-14 of the exact one, so
 * it rounds the same way unless it lies within 1e-3 of a half (where
 * printf rounds the exact binary value, ties to even); those, and every
 * larger number, go to snprintf. */
static int raw_fixed(char *buf, size_t size, double v, int decimals)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5,
                                 1e6, 1e7, 1e8, 1e9, 1e10};
    char digits[24];
    size_t nd = 0, o = 0, i;
    int n;

    if (isfinite(v) && decimals >= 0 &&
        decimals < (int)(sizeof p10 / sizeof p10[0]) && size >= 48) {
        double x = fabs(v) * p10[decimals];

        if (x < 1099511627776.0) {
            double w = floor(x), f = x - w;

            if (fabs(f - 0.5) > 1e-3) {
                uint64_t m = (uint64_t)w + (f > 0.5);
                do {
                    digits[nd++] = (char)('0' + m % 10);
                    m /= 10;
                } while (m != 0);
                while (nd < (size_t)decimals + 1)
                    digits[nd++] = '0';
                if (signbit(v))
                    buf[o++] = '-';
                for (i = nd; i-- > (size_t)decimals;)
                    buf[o++] = digits[i];
                if (decimals > 0) {
                    buf[o++] = '.';
                    for (i = (size_t)decimals; i-- > 0;)
                        buf[o++] = digits[i];
                }
                buf[o] = '\0';
                return (int)o;
            }
        }
    }
    n = snprintf(buf, size, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= size)
        return -1;
    /* the locale's radix, possibly several bytes, as '.' */
    for (i = buf[0] == '-'; is_digit(buf[i]); i++)
        ;
    if (buf[i] != '\0' && buf[i] != '.') {
        size_t j = i;
        while (buf[j] != '\0' && !is_digit(buf[j]))
            j++;
        buf[i] = '.';
        memmove(buf + i + 1, buf + j, strlen(buf + j) + 1);
        n = (int)strlen(buf);
    }
    return n;
}

/* Appends v with decimals fraction digits, dropping trailing zeros when
 * strip is set, then suffix. */
static int fmt_fixed(pk_strbuf *sb, double v, int decimals, int strip,
                     pk_lang lang, const char *suffix)
{
    char raw[RAW_MAX], out[OUT_MAX];
    const char *frac;
    size_t int_len, frac_len, i, o = 0;
    char group_sep = lang == PK_LANG_VI ? '.' : ',';
    char radix = lang == PK_LANG_VI ? ',' : '.';
    int n, nonzero = 0;

    if (!isfinite(v)) {
        if (pk_sb_puts(sb, "?") != 0)
            return PK_ENOMEM;
        return pk_sb_puts(sb, suffix);
    }
    if (decimals > PK_FMT_MAX_DECIMALS)
        decimals = PK_FMT_MAX_DECIMALS;
    n = raw_fixed(raw, sizeof raw, fabs(v), decimals);
    if (n < 0)
        return pk_sb_puts(sb, "?"); /* cannot happen for a finite double */

    for (int_len = 0; is_digit(raw[int_len]); int_len++)
        nonzero |= raw[int_len] != '0';
    frac = raw + int_len;
    while (*frac != '\0' && !is_digit(*frac))
        frac++;
    frac_len = strlen(frac);
    for (i = 0; i < frac_len; i++)
        nonzero |= frac[i] != '0';
    if (strip)
        while (frac_len > 0 && frac[frac_len - 1] == '0')
            frac_len--;

    if (signbit(v) && nonzero)
        out[o++] = '-';
    for (i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            out[o++] = group_sep;
        out[o++] = raw[i];
    }
    if (frac_len > 0) {
        out[o++] = radix;
        memcpy(out + o, frac, frac_len);
        o += frac_len;
    }
    if (pk_sb_append(sb, out, o) != 0)
        return PK_ENOMEM;
    return pk_sb_puts(sb, suffix);
}

int pk_fmt_number(pk_strbuf *sb, double v, int decimals, pk_lang lang)
{
    if (decimals < 0)
        return fmt_fixed(sb, v, 6, 1, lang, "");
    return fmt_fixed(sb, v, decimals, 0, lang, "");
}

static int raw_digits(char *buf, size_t size, double v, int decimals);

int pk_fmt_percent(pk_strbuf *sb, double fraction, pk_lang lang)
{
    double p = fraction * 100.0, w = round(p);

    /* A share just off a whole percentage would round onto it and read
     * as that round figure, which thresholds are (59.999 % as "60%"
     * beside "below the minimum of 60%"): such a share gets the digits
     * that show it is not. Within 1e-9 it is the whole figure itself,
     * short of the double's own error. */
    if (isfinite(p) && fabs(p - w) >= 1e-9 && fabs(p - w) < 0.005) {
        int d = pk_fmt_digits_apart(p, w, 2);
        if (d > 2)
            return fmt_fixed(sb, p, d, 1, lang, "%");
    }
    return fmt_fixed(sb, p, 2, 1, lang, "%");
}

/* "%.*f" of v with decimals digits into buf; 0 or -1 (cannot happen for a
 * finite double and these sizes). */
static int raw_digits(char *buf, size_t size, double v, int decimals)
{
    return raw_fixed(buf, size, v, decimals) < 0 ? -1 : 0;
}

int pk_fmt_digits_apart(double a, double b, int base)
{
    char ra[RAW_MAX], rb[RAW_MAX];

    if (a == b || !isfinite(a) || !isfinite(b))
        return base;
    for (int d = base < 0 ? 0 : base; d <= PK_FMT_APART_MAX; d++) {
        if (raw_digits(ra, sizeof ra, a, d) != 0 ||
            raw_digits(rb, sizeof rb, b, d) != 0)
            return -1;
        if (strcmp(ra, rb) != 0)
            return d;
    }
    return -1;
}

int pk_fmt_digits_nonzero(double v, int base)
{
    char raw[RAW_MAX];

    if (v == 0 || !isfinite(v))
        return base;
    for (int d = base < 0 ? 0 : base; d <= PK_FMT_APART_MAX; d++) {
        if (raw_digits(raw, sizeof raw, fabs(v), d) != 0)
            return -1;
        /* any digit but 0, whatever radix the C library wrote */
        if (strpbrk(raw, "123456789") != NULL)
            return d;
    }
    return -1;
}

int pk_fmt_number_strip(pk_strbuf *sb, double v, int decimals, int strip,
                        pk_lang lang)
{
    return fmt_fixed(sb, v, decimals < 0 ? 0 : decimals, strip, lang, "");
}

int pk_fmt_percent_digits(pk_strbuf *sb, double fraction, int decimals,
                          pk_lang lang)
{
    return fmt_fixed(sb, fraction * 100.0, decimals < 0 ? 0 : decimals, 1, lang,
                     "%");
}

int pk_fmt_fraction(pk_strbuf *sb, int64_t num, int64_t den, pk_lang lang)
{
    /* The integers are exact; grouped as any other number. */
    int neg = (num < 0) != (den < 0) && num != 0;
    uint64_t n = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
    uint64_t d = den < 0 ? (uint64_t)0 - (uint64_t)den : (uint64_t)den;
    uint64_t part[2] = {n, d};
    char group_sep = lang == PK_LANG_VI ? '.' : ',';

    if (neg && pk_sb_puts(sb, "-") != 0)
        return PK_ENOMEM;
    for (int i = 0; i < (d == 1 ? 1 : 2); i++) {
        char raw[24], out[32];
        size_t len, o = 0;

        snprintf(raw, sizeof raw, "%llu", (unsigned long long)part[i]);
        len = strlen(raw);
        for (size_t k = 0; k < len; k++) {
            if (k > 0 && (len - k) % 3 == 0)
                out[o++] = group_sep;
            out[o++] = raw[k];
        }
        if (i > 0 && pk_sb_puts(sb, "/") != 0)
            return PK_ENOMEM;
        if (pk_sb_append(sb, out, o) != 0)
            return PK_ENOMEM;
    }
    return 0;
}

/* Whether s is exactly "YYYY-MM-DD" in shape (the values are checked
 * where the date is read, not here). */
static int iso_shaped(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    size_t i;

    for (i = 0; i < sizeof shape - 1; i++) {
        if (s[i] == '\0')
            return 0;
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
            return 0;
    }
    return s[i] == '\0';
}

int pk_fmt_date(pk_strbuf *sb, const char *iso, pk_lang lang)
{
    if (iso == NULL)
        return sb->failed ? PK_ENOMEM : 0;
    if (lang != PK_LANG_VI || !iso_shaped(iso))
        return pk_sb_puts(sb, iso);
    return pk_sb_printf(sb, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}
