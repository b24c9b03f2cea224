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

int pk_fmt_percent(pk_strbuf *sb, double fraction, pk_lang lang)
{
    return fmt_fixed(sb, fraction * 100.0, 2, 1, lang, "%");
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
