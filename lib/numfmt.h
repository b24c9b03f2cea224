/*
 * numfmt.h - numbers written for people, the English or the Vietnamese way
 * (internal to libparkcheck).
 *
 *   English     2,000   15.47   1,234,567.5   -0.5   61.5%
 *   Vietnamese  2.000   15,47   1.234.567,5   -0,5   61,5%
 *
 * and dates: 2024-08-26 in English, 26/08/2024 in Vietnamese.
 *
 * The separators are the language's, never the C library's: the output is
 * the same whatever setlocale() the program made. A value that is not a
 * number (NaN, an infinity) is written "?".
 */
#ifndef PK_NUMFMT_H
#define PK_NUMFMT_H

#include <parkcheck/parkcheck.h>

#include <stdint.h>

#include "strbuf.h"

/* The most fraction digits pk_fmt_number() writes when asked for a fixed
 * number; larger requests are clamped to it. */
#define PK_FMT_MAX_DECIMALS 20

/* Appends v with thousands grouped. decimals >= 0: exactly that many
 * fraction digits, rounded (9.999 with 2 gives "10.00"). decimals < 0: as
 * many as needed, at most 6, trailing zeros dropped (15.47, 2,000, 10).
 * A value that rounds to zero is written without a sign. 0 or PK_ENOMEM. */
int pk_fmt_number(pk_strbuf *sb, double v, int decimals, pk_lang lang);

/* Appends fraction as a percentage with at most 2 decimals, trailing zeros
 * dropped: 0.615 gives "61.5%" / "61,5%", 0.6 gives "60%". 0 or
 * PK_ENOMEM. */
int pk_fmt_percent(pk_strbuf *sb, double fraction, pk_lang lang);

/* The most fraction digits pk_fmt_digits_apart() and
 * pk_fmt_digits_nonzero() go to. A value that needs more to part from its
 * threshold is written as its exact fraction instead (pk_fmt_fraction()):
 * a run of ten digits is already hard to read, and a double carries no
 * more than about sixteen significant ones. */
#define PK_FMT_APART_MAX 10

/* The fewest fraction digits, from base up to PK_FMT_APART_MAX, at which
 * "%.*f" writes a and b differently: written with them, two numbers that
 * differ never read as equal, and (rounding keeps order) the smaller
 * reads as the smaller. base when a and b are equal; -1 when even
 * PK_FMT_APART_MAX digits do not part them. */
int pk_fmt_digits_apart(double a, double b, int base);

/* The fewest fraction digits, from base up to PK_FMT_APART_MAX, at which v
 * is not written as zero; base for 0; -1 when none does. */
int pk_fmt_digits_nonzero(double v, int base);

/* Appends v with decimals fraction digits (clamped to
 * PK_FMT_MAX_DECIMALS), rounded, trailing zeros dropped when strip is
 * set. 0 or PK_ENOMEM. */
int pk_fmt_number_strip(pk_strbuf *sb, double v, int decimals, int strip,
                        pk_lang lang);

/* Appends fraction as a percentage with at most decimals fraction digits,
 * trailing zeros dropped. 0 or PK_ENOMEM. */
int pk_fmt_percent_digits(pk_strbuf *sb, double fraction, int decimals,
                          pk_lang lang);

/* Appends the exact fraction num/den, both grouped ("8,399,999/12,000,001";
 * "8.399.999/12.000.001"), as num alone when den is 1, with a "-" when
 * negative. den must not be 0. 0 or PK_ENOMEM. */
int pk_fmt_fraction(pk_strbuf *sb, int64_t num, int64_t den, pk_lang lang);

/* Appends an ISO date ("2024-08-26") the language's way: dd/mm/yyyy in
 * Vietnamese (26/08/2024), as it is in English. Text that is not shaped
 * YYYY-MM-DD is appended unchanged. 0 or PK_ENOMEM. */
int pk_fmt_date(pk_strbuf *sb, const char *iso, pk_lang lang);

#endif /* PK_NUMFMT_H */
