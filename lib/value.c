/* Typed values: strict number, date and boolean syntax, exact arithmetic. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* Twelve digits before the point and six after keep every input inside 64
 * bits, and sums and ratios of dozens of them at the extremes (far more at
 * realistic sizes); anything larger is PK_ERANGE, never a wrapped value. */
#define PK_MAX_INT_DIGITS 12
#define PK_MAX_FRAC_DIGITS 6

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "2.000", "1,234,567": digit groups of three after the first, the way
 * thousands are written. */
static int looks_grouped(const char *s, char sep)
{
    size_t i = 0, lead = 0;
    int groups = 0;

    while (is_digit(s[i])) {
        i++;
        lead++;
    }
    if (lead == 0 || lead > 3)
        return 0;
    while (s[i] == sep) {
        if (!(is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3])))
            return 0;
        i += 4;
        groups++;
    }
    return groups > 0 && s[i] == '\0';
}

static void strip_separators(const char *s, char *out, size_t outlen)
{
    size_t j = 0;

    for (; *s != '\0' && j + 1 < outlen; s++)
        if (is_digit(*s))
            out[j++] = *s;
    out[j] = '\0';
}

/* Both sentences at once, with the same arguments in the same order. */
#define SAY(mp, EN, VI, ...)                                                  \
    do {                                                                      \
        snprintf((mp)->en, sizeof (mp)->en, EN, __VA_ARGS__);                 \
        snprintf((mp)->vi, sizeof (mp)->vi, VI, __VA_ARGS__);                 \
    } while (0)

static void expected(pk_msgpair *mp, const char *s, int allow_frac)
{
    const char *more = strlen(s) > 40 ? "..." : "";

    if (allow_frac)
        SAY(mp, "\"%.40s%s\": expected a number: digits with an optional '.' "
                "fraction",
            "\"%.40s%s\": cần một số: các chữ số, có thể kèm phần thập phân "
            "sau dấu '.'",
            s, more);
    else
        SAY(mp, "\"%.40s%s\": expected a whole number: digits only",
            "\"%.40s%s\": cần một số nguyên: chỉ gồm các chữ số", s, more);
}

/* Common checks and the parse itself; allow_frac selects decimal syntax. */
static int parse_number(const char *s, int allow_frac, pk_val *out,
                        pk_msgpair *mp)
{
    const char *p = s;
    int64_t num = 0, den = 1;
    size_t int_digits = 0, frac_digits = 0;
    char plain[64];

    if (*p == '-' && (is_digit(p[1]) || p[1] == '.')) {
        SAY(mp, "\"%s\": negative values are not allowed here",
            "\"%s\": không được ghi số âm ở đây", s);
        return PK_EVALUE;
    }
    if (!allow_frac && looks_grouped(s, '.')) {
        strip_separators(s, plain, sizeof plain);
        SAY(mp,
            "\"%s\": the '.' looks like a thousands separator; write whole "
            "numbers with digits only, e.g. %s",
            "\"%s\": dấu '.' có vẻ là dấu phân cách hàng nghìn; số nguyên chỉ "
            "ghi chữ số, ví dụ %s",
            s, plain);
        return PK_EVALUE;
    }
    if (looks_grouped(s, ',') && strchr(s, '.') == NULL) {
        strip_separators(s, plain, sizeof plain);
        SAY(mp,
            "\"%s\": the ',' looks like a thousands separator; write digits "
            "only, e.g. %s",
            "\"%s\": dấu ',' có vẻ là dấu phân cách hàng nghìn; chỉ ghi chữ "
            "số, ví dụ %s",
            s, plain);
        return PK_EVALUE;
    }
    if (allow_frac) {
        const char *comma = strchr(s, ',');
        if (comma != NULL && is_digit(comma[1]) && comma > s &&
            is_digit(comma[-1]) && strchr(s, '.') == NULL &&
            strchr(comma + 1, ',') == NULL) {
            SAY(mp,
                "\"%s\": the ',' looks like a decimal comma; write the "
                "fraction after a point, e.g. %.*s.%s",
                "\"%s\": dấu ',' có vẻ là dấu thập phân; phần thập phân ghi "
                "sau dấu chấm, ví dụ %.*s.%s",
                s, (int)(comma - s), s, comma + 1);
            return PK_EVALUE;
        }
        if (looks_grouped(s, '.') && strchr(strchr(s, '.') + 1, '.') != NULL) {
            strip_separators(s, plain, sizeof plain);
            SAY(mp,
                "\"%s\": the '.' looks like a thousands separator; write "
                "digits only, e.g. %s",
                "\"%s\": dấu '.' có vẻ là dấu phân cách hàng nghìn; chỉ ghi "
                "chữ số, ví dụ %s",
                s, plain);
            return PK_EVALUE;
        }
    }
    while (is_digit(*p)) {
        if (int_digits == 0 && num == 0 && *p == '0' && is_digit(p[1])) {
            p++; /* leading zeros do not count toward the limit */
            continue;
        }
        if (++int_digits > PK_MAX_INT_DIGITS) {
            SAY(mp,
                "\"%.40s%s\": the number is too large (at most %d digits "
                "before the point)",
                "\"%.40s%s\": số quá lớn (tối đa %d chữ số trước dấu chấm)",
                s, strlen(s) > 40 ? "..." : "", PK_MAX_INT_DIGITS);
            return PK_ERANGE;
        }
        num = num * 10 + (*p - '0');
        p++;
    }
    if (p == s) {
        expected(mp, s, allow_frac);
        return PK_EVALUE;
    }
    if (*p == '.') {
        if (!allow_frac) {
            SAY(mp,
                "\"%s\": expected a whole number (digits only), not a "
                "fraction",
                "\"%s\": cần một số nguyên (chỉ gồm chữ số), không có phần "
                "thập phân",
                s);
            return PK_EVALUE;
        }
        p++;
        if (!is_digit(*p)) {
            SAY(mp, "\"%s\": expected digits after the decimal point",
                "\"%s\": cần có chữ số sau dấu thập phân", s);
            return PK_EVALUE;
        }
        while (is_digit(*p)) {
            if (++frac_digits > PK_MAX_FRAC_DIGITS) {
                /* Beyond a millionth only zeros are kept exactly. */
                if (*p != '0') {
                    SAY(mp, "\"%s\": more than %d digits after the point",
                        "\"%s\": quá %d chữ số sau dấu chấm", s,
                        PK_MAX_FRAC_DIGITS);
                    return PK_EVALUE;
                }
                p++;
                continue;
            }
            num = num * 10 + (*p - '0');
            den *= 10;
            p++;
        }
    }
    if (*p != '\0') {
        expected(mp, s, allow_frac);
        return PK_EVALUE;
    }
    memset(out, 0, sizeof *out);
    out->kind = PK_V_NUMBER;
    out->num = num;
    out->den = den;
    return PK_OK;
}

int pk_parse_integer_m(const char *s, pk_val *out, pk_msgpair *mp)
{
    return parse_number(s, 0, out, mp);
}

int pk_parse_decimal_m(const char *s, pk_val *out, pk_msgpair *mp)
{
    return parse_number(s, 1, out, mp);
}

/* The English-only forms, for rule packs (their authors read English). */
#define ENGLISH_ONLY(call)                                                    \
    do {                                                                      \
        pk_msgpair mp_;                                                       \
        int rc_ = (call);                                                     \
        if (rc_ != PK_OK)                                                     \
            snprintf(msg, msglen, "%s", mp_.en);                              \
        return rc_;                                                           \
    } while (0)

int pk_parse_integer(const char *s, pk_val *out, char *msg, size_t msglen)
{
    ENGLISH_ONLY(parse_number(s, 0, out, &mp_));
}

int pk_parse_decimal(const char *s, pk_val *out, char *msg, size_t msglen)
{
    ENGLISH_ONLY(parse_number(s, 1, out, &mp_));
}

int64_t pk_days_from_civil(int y, unsigned m, unsigned d)
{
    /* Howard Hinnant's days_from_civil. */
    const int64_t yy = (int64_t)y - (m <= 2);
    const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    const unsigned yoe = (unsigned)(yy - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void pk_civil_from_days(int64_t z, char out[11])
{
    int64_t era, y;
    unsigned doe, yoe, doy, mp, d, m;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = (int64_t)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
    {
        char buf[48];
        snprintf(buf, sizeof buf, "%04d-%02u-%02u", (int)(y % 10000), m % 100,
                 d % 100);
        memcpy(out, buf, 10);
        out[10] = '\0';
    }
}

int pk_parse_date_m(const char *s, int64_t *days, pk_msgpair *mp)
{
    static const unsigned mdays[] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    int y;
    unsigned m, d, dim;
    size_t i;

    for (i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                break;
        } else if (!is_digit(s[i])) {
            break;
        }
    }
    if (i != 10 || s[10] != '\0') {
        SAY(mp, "\"%.40s\": expected a date written YYYY-MM-DD",
            "\"%.40s\": ngày phải ghi theo dạng YYYY-MM-DD (năm-tháng-ngày)",
            s);
        return PK_EVALUE;
    }
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    if (m < 1 || m > 12) {
        SAY(mp, "\"%s\": not a date: there is no month %u",
            "\"%s\": không phải ngày hợp lệ: không có tháng %u", s, m);
        return PK_EVALUE;
    }
    dim = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dim = 29;
    if (d < 1 || d > dim) {
        SAY(mp, "\"%s\": not a date: month %u has %u days",
            "\"%s\": không phải ngày hợp lệ: tháng %u có %u ngày", s, m,
            dim);
        return PK_EVALUE;
    }
    if (y < 1900) {
        SAY(mp, "\"%s\": a date before 1900 is not plausible",
            "\"%s\": ngày trước năm 1900 là không hợp lý", s);
        return PK_EVALUE;
    }
    *days = pk_days_from_civil(y, m, d);
    return PK_OK;
}

int pk_parse_date(const char *s, int64_t *days, char *msg, size_t msglen)
{
    ENGLISH_ONLY(pk_parse_date_m(s, days, &mp_));
}

int pk_parse_bool_m(const char *s, int *out, pk_msgpair *mp)
{
    if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) {
        *out = 1;
        return PK_OK;
    }
    if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0) {
        *out = 0;
        return PK_OK;
    }
    SAY(mp, "\"%.40s\": expected true, false, 1 or 0",
        "\"%.40s\": cần true, false, 1 hoặc 0", s);
    return PK_EVALUE;
}

int pk_parse_bool(const char *s, int *out, char *msg, size_t msglen)
{
    ENGLISH_ONLY(pk_parse_bool_m(s, out, &mp_));
}

/* ---- exact rationals ---- */

static uint64_t magnitude(int64_t v)
{
    /* -INT64_MIN does not fit an int64_t; its magnitude fits a uint64_t */
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

/* The gcd of |a| and |b| (1 when both are 0); it exceeds INT64_MAX only
 * when both are INT64_MIN, which callers turn into PK_ERANGE. */
static int64_t gcd64(int64_t sa, int64_t sb)
{
    uint64_t a = magnitude(sa), b = magnitude(sb);

    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    if (a == 0)
        return 1;
    return a > (uint64_t)INT64_MAX ? 0 : (int64_t)a;
}

static int normalise(int64_t n, int64_t d, int64_t *rn, int64_t *rd)
{
    int64_t g;

    if (d == 0)
        return PK_ERANGE;
    if (d < 0) {
        if (n == INT64_MIN || d == INT64_MIN)
            return PK_ERANGE;
        n = -n;
        d = -d;
    }
    g = gcd64(n, d);
    if (g == 0)
        return PK_ERANGE;
    *rn = n / g;
    *rd = d / g;
    return PK_OK;
}

int pk_num_add(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd)
{
    int64_t g = gcd64(ad, bd), x, y, n, d;

    if (g == 0 ||
        __builtin_mul_overflow(an, bd / g, &x) ||
        __builtin_mul_overflow(bn, ad / g, &y) ||
        __builtin_add_overflow(x, y, &n) ||
        __builtin_mul_overflow(ad / g, bd, &d))
        return PK_ERANGE;
    return normalise(n, d, rn, rd);
}

int pk_num_sub(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd)
{
    if (bn == INT64_MIN)
        return PK_ERANGE;
    return pk_num_add(an, ad, -bn, bd, rn, rd);
}

int pk_num_mul(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd)
{
    int64_t g1 = gcd64(an, bd), g2 = gcd64(bn, ad), n, d;

    if (g1 == 0 || g2 == 0 ||
        __builtin_mul_overflow(an / g1, bn / g2, &n) ||
        __builtin_mul_overflow(ad / g2, bd / g1, &d))
        return PK_ERANGE;
    return normalise(n, d, rn, rd);
}

int pk_num_div(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd)
{
    if (bn == 0)
        return PK_ERANGE;
    return pk_num_mul(an, ad, bd, bn, rn, rd);
}

int pk_num_cmp(int64_t an, int64_t ad, int64_t bn, int64_t bd)
{
    __extension__ typedef __int128 i128;
    i128 l = (i128)an * bd, r = (i128)bn * ad;

    return l < r ? -1 : l > r ? 1 : 0;
}

double pk_num_double(int64_t n, int64_t d)
{
    return (double)n / (double)d;
}

/* ---- UTF-8 ---- */

int pk_utf8_valid(const char *str, size_t len)
{
    return pk_utf8_first_invalid(str, len) == len;
}

size_t pk_utf8_first_invalid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    /* Unicode's table 3-7 of well-formed sequences, written out: this runs
     * over every byte of every dossier, most of them ASCII and the rest
     * mostly Vietnamese letters of two or three bytes. */
    while (i < len) {
        unsigned c = s[i];

        if (c < 0x80) {
            /* ASCII: skip it eight bytes at a time. */
            uint64_t w;
            i++;
            while (len - i >= 8) {
                memcpy(&w, s + i, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                i += 8;
            }
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            if (len - i < 2 || (s[i + 1] & 0xC0) != 0x80)
                return i;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            unsigned lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlong form */
            unsigned hi = c == 0xED ? 0x9F : 0xBF; /* no surrogate */
            if (len - i < 3 || s[i + 1] < lo || s[i + 1] > hi ||
                (s[i + 2] & 0xC0) != 0x80)
                return i;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned lo = c == 0xF0 ? 0x90 : 0x80; /* no overlong form */
            unsigned hi = c == 0xF4 ? 0x8F : 0xBF; /* none past U+10FFFF */
            if (len - i < 4 || s[i + 1] < lo || s[i + 1] > hi ||
                (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
                return i;
            i += 4;
        } else {
            return i;
        }
    }
    return len;
}

unsigned pk_utf8_count(const char *s, size_t len)
{
    unsigned n = 0;

    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}
