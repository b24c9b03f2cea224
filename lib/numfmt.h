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

/* Appends an ISO date ("2024-08-26") the language's way: dd/mm/yyyy in
 * Vietnamese (26/08/2024), as it is in English. Text that is not shaped
 * YYYY-MM-DD is appended unchanged. 0 or PK_ENOMEM. */
int pk_fmt_date(pk_strbuf *sb, const char *iso, pk_lang lang);

#endif /* PK_NUMFMT_H */
