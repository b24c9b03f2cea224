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
    n = snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    if (n < 0 || (size_t)n >= sizeof raw)
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
    int n = snprintf(buf, size, "%.*f", decimals, v);
    return n < 0 || (size_t)n >= size ? -1 : 0;
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
