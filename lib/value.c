/* Typed values: strict number, date and boolean syntax, exact arithmetic. */
#include "internal.h"
#include "messages.h"
#include "problems.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Twelve digits before the point and six after keep every input inside 64
 * bits, and sums and ratios of dozens of them at the extremes (far more at
 * realistic sizes); anything larger is PK_ERANGE, never a wrapped value. */
#define PK_MAX_INT_DIGITS 12
#define PK_MAX_FRAC_DIGITS 6

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A message of the registry with its arguments, worded when shown. */
void pk_msgargs_set(pk_msgargs *m, unsigned id, size_t nargs,
                    const char *const *args)
{
    size_t used = 0;

    m->id = id;
    m->nargs = 0;
    for (size_t i = 0; i < nargs && used < sizeof m->args; i++) {
        size_t n = strlen(args[i]), room = sizeof m->args - used - 1;
        if (n > room)
            n = room;
        memcpy(m->args + used, args[i], n);
        m->args[used + n] = '\0';
        used += n + 1;
        m->nargs++;
    }
}

size_t pk_msgargs_unpack(const pk_msgargs *m, const char *where,
                         const char **out, size_t max)
{
    const char *a = m->args;
    size_t n = 0;

    if (max == 0)
        return 0;
    out[n++] = where;
    for (unsigned i = 0; i < m->nargs && n < max; i++) {
        out[n++] = a;
        a += strlen(a) + 1;
    }
    return n;
}

size_t pk_msgargs_render(const pk_msgargs *m, const char *where, int lang,
                         char *buf, size_t size)
{
    char packed[PK_ERROR_ARGS_MAX + 128];
    const char *v[PK_MSGARGS_MAX + 1];
    size_t n = pk_msgargs_unpack(m, where, v, PK_MSGARGS_MAX + 1), used = 0;

    for (size_t i = 0; i < n && used < sizeof packed; i++) {
        size_t len = strlen(v[i]), room = sizeof packed - used - 1;
        if (len > room)
            len = room;
        memcpy(packed + used, v[i], len);
        packed[used + len] = '\0';
        used += len + 1;
    }
    return pk_msg_render(m->id, lang, packed, n, buf, size);
}

#define SAY(mp, id, ...) pk_msgargs_set(mp, id, PK_ARGS(__VA_ARGS__))

static void expected(pk_msgargs *mp, const char *s, int allow_frac)
{
    const char *more = strlen(s) > 40 ? "..." : "";

    if (allow_frac)
        SAY(mp, PK_MSG_NUMBER_EXPECTED, s, more);
    else
        SAY(mp, PK_MSG_WHOLE_EXPECTED, s, more);
}

/* ---- numbers as Vietnamese writers write them ---- */

/* A dossier's numbers use digits and the decimal point only. Vietnamese
 * writes the point between thousands and a comma before the fraction, so
 * a form one reader takes one way and another reader the other way is
 * refused with both readings spelt out, never silently read. */
typedef enum numform {
    NF_PLAIN,         /* no separator but at most one '.': parsed as is */
    NF_AMBIG_POINT,   /* 75.000: 75000 or 75.0 */
    NF_AMBIG_COMMA,   /* 1,500: 1500 or 1.5 */
    NF_DECIMAL_COMMA, /* 15,47: 15.47 */
    NF_GROUPED,       /* 1.234.567, 1,234,567, 1 234 567: 1234567 */
    NF_MIXED,         /* 1.234,5, 1,234.5: 1234.5 */
    NF_OTHER          /* separators in no form a reader would use */
} numform;

#define NF_MAX_GROUPS 8

typedef struct numgroups {
    size_t n;                     /* digit groups */
    const char *g[NF_MAX_GROUPS]; /* each group's first digit */
    size_t len[NF_MAX_GROUPS];    /* and its length */
    char sep[NF_MAX_GROUPS];      /* the separator after group i: '.',
                                     ',' or ' ' (any blank) */
} numgroups;

/* The length of the blank at s that may stand between digit groups (a
 * space, a no-break space, a narrow or thin space), or 0. */
static size_t group_blank(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] == ' ')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89))
        return 3;
    return 0;
}

/* Splits s into digit groups; 0 when s is anything but digits separated
 * by single separators. */
static int split_groups(const char *s, numgroups *ng)
{
    const char *p = s;

    ng->n = 0;
    for (;;) {
        size_t blank;
        if (!is_digit(*p) || ng->n == NF_MAX_GROUPS)
            return 0;
        ng->g[ng->n] = p;
        while (is_digit(*p))
            p++;
        ng->len[ng->n] = (size_t)(p - ng->g[ng->n]);
        ng->sep[ng->n] = '\0';
        ng->n++;
        if (*p == '\0')
            return 1;
        if (*p == '.' || *p == ',') {
            ng->sep[ng->n - 1] = *p;
            p++;
        } else if ((blank = group_blank(p)) > 0) {
            ng->sep[ng->n - 1] = ' ';
            p += blank;
        } else {
            return 0;
        }
    }
}

/* A first group that thousands could follow: one to three digits, not
 * starting with 0 (nobody writes five hundred as 0.500). */
static int lead_group(const numgroups *ng)
{
    return ng->len[0] >= 1 && ng->len[0] <= 3 && ng->g[0][0] != '0';
}

static numform classify(const char *s, numgroups *ng)
{
    size_t k, last;

    if (!split_groups(s, ng) || ng->n == 1)
        return NF_PLAIN; /* the plain parse says what is wrong, if anything */
    last = ng->n - 1;
    if (ng->n == 2) {
        int thousands = lead_group(ng) && ng->len[1] == 3;
        switch (ng->sep[0]) {
        case '.':
            return thousands ? NF_AMBIG_POINT : NF_PLAIN;
        case ',':
            return thousands ? NF_AMBIG_COMMA : NF_DECIMAL_COMMA;
        default:
            return thousands ? NF_GROUPED : NF_OTHER;
        }
    }
    if (!lead_group(ng))
        return NF_OTHER;
    /* Thousands groups with one separator throughout, then perhaps a
     * fraction after the other mark. */
    for (k = 1; k < ng->n && ng->len[k] == 3 && ng->sep[k - 1] == ng->sep[0];
         k++)
        ;
    if (k == ng->n)
        return NF_GROUPED;
    if (k == last && ng->sep[last - 1] != ng->sep[0] &&
        ng->sep[last - 1] != ' ')
        return NF_MIXED;
    return NF_OTHER;
}

/* Digit groups first..last-1 joined: the number without its separators. */
static void join_groups(const numgroups *ng, size_t first, size_t last,
                        char *out, size_t outlen)
{
    size_t j = 0;

    for (size_t i = first; i < last; i++)
        for (size_t c = 0; c < ng->len[i] && j + 1 < outlen; c++)
            out[j++] = ng->g[i][c];
    out[j] = '\0';
}

static void put(char *buf, size_t len, size_t *at, const char *s)
{
    int n = snprintf(buf + *at, len - *at, "%s%s", *at > 0 ? " " : "", s);
    if (n > 0 && (size_t)n < len - *at)
        *at += (size_t)n;
}

static const char *const vi_digit[] = {"không", "một", "hai", "ba",  "bốn",
                                       "năm",   "sáu", "bảy", "tám", "chín"};

/* Up to 999 in Vietnamese words; full says the hundreds are said even when
 * zero (the "không trăm" after a thousand). */
static void vi_hundreds(unsigned n, int full, char *buf, size_t len, size_t *at)
{
    unsigned h = n / 100, t = n / 10 % 10, u = n % 10;

    if (h > 0 || full) {
        put(buf, len, at, vi_digit[h]);
        put(buf, len, at, "trăm");
    }
    if (t == 0) {
        if (u == 0)
            return;
        if (h > 0 || full)
            put(buf, len, at, "linh");
        put(buf, len, at, vi_digit[u]);
        return;
    }
    if (t == 1) {
        put(buf, len, at, "mười");
    } else {
        put(buf, len, at, vi_digit[t]);
        put(buf, len, at, "mươi");
    }
    if (u == 1 && t > 1)
        put(buf, len, at, "mốt");
    else if (u == 4 && t > 1)
        put(buf, len, at, "tư");
    else if (u == 5)
        put(buf, len, at, "lăm");
    else if (u > 0)
        put(buf, len, at, vi_digit[u]);
}

void pk_number_words_vi(uint64_t n, char *buf, size_t len)
{
    static const char *const scale[] = {"", "nghìn", "triệu", "tỷ"};
    unsigned part[4];
    size_t at = 0;
    int top = -1;

    buf[0] = '\0';
    if (n >= UINT64_C(1000000000000)) {
        snprintf(buf, len, "%" PRIu64, n);
        return;
    }
    if (n == 0) {
        put(buf, len, &at, vi_digit[0]);
        return;
    }
    for (int i = 0; i < 4; i++) {
        part[i] = (unsigned)(n % 1000);
        n /= 1000;
        if (part[i] != 0)
            top = i;
    }
    for (int i = top; i >= 0; i--) {
        if (part[i] == 0)
            continue;
        vi_hundreds(part[i], i < top, buf, len, &at);
        if (i > 0)
            put(buf, len, &at, scale[i]);
    }
}

static const char *const en_small[] = {
    "zero",    "one",     "two",       "three",    "four",
    "five",    "six",     "seven",     "eight",    "nine",
    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const en_tens[] = {"",       "",      "twenty", "thirty",
                                      "forty",  "fifty", "sixty",  "seventy",
                                      "eighty", "ninety"};

void pk_number_words_en(uint64_t n, char *buf, size_t len)
{
    static const char *const scale[] = {"", "thousand", "million", "billion"};
    unsigned part[4];
    size_t at = 0;
    int top = -1;

    buf[0] = '\0';
    if (n >= UINT64_C(1000000000000)) {
        snprintf(buf, len, "%" PRIu64, n);
        return;
    }
    if (n == 0) {
        put(buf, len, &at, en_small[0]);
        return;
    }
    for (int i = 0; i < 4; i++) {
        part[i] = (unsigned)(n % 1000);
        n /= 1000;
        if (part[i] != 0)
            top = i;
    }
    for (int i = top; i >= 0; i--) {
        unsigned h = part[i] / 100, r = part[i] % 100;
        if (part[i] == 0)
            continue;
        if (h > 0) {
            put(buf, len, &at, en_small[h]);
            put(buf, len, &at, "hundred");
        }
        if (r >= 20 && r % 10 != 0) {
            char w[32];
            snprintf(w, sizeof w, "%s-%s", en_tens[r / 10], en_small[r % 10]);
            put(buf, len, &at, w);
        } else if (r >= 20) {
            put(buf, len, &at, en_tens[r / 10]);
        } else if (r > 0) {
            put(buf, len, &at, en_small[r]);
        }
        if (i > 0)
            put(buf, len, &at, scale[i]);
    }
}

/* The words for ip.frac (frac without trailing zeros, perhaps empty):
 * "hai phẩy năm", "two point five". Vietnamese reads the fraction as a
 * number unless it starts with a zero; English reads it digit by digit. */
static void decimal_words(const char *ip, const char *frac, int vi, char *buf,
                          size_t len)
{
    size_t at;
    uint64_t n = strtoull(ip, NULL, 10);

    if (vi)
        pk_number_words_vi(n, buf, len);
    else
        pk_number_words_en(n, buf, len);
    if (*frac == '\0')
        return;
    at = strlen(buf);
    put(buf, len, &at, vi ? "phẩy" : "point");
    if (vi && frac[0] != '0') {
        char w[160];
        pk_number_words_vi(strtoull(frac, NULL, 10), w, sizeof w);
        put(buf, len, &at, w);
        return;
    }
    for (const char *c = frac; *c != '\0'; c++)
        put(buf, len, &at, vi ? vi_digit[*c - '0'] : en_small[*c - '0']);
}

/* The message for a number written in one of the forms above; PK_OK when
 * the form is plain and the ordinary parse decides. */
static int vietnamese_habit(const char *s, int allow_frac, pk_msgargs *mp)
{
    numgroups ng;
    numform form = classify(s, &ng);
    char whole[64], frac[8], ip[4], point[96], en_reading[16], vi_reading[16];
    /* the words of numbers below a million fit */
    char wv[112], we[112], dv[112], de[112];
    size_t fl;

    switch (form) {
    case NF_PLAIN:
        return PK_OK;
    case NF_OTHER:
        if (allow_frac)
            SAY(mp, PK_MSG_NUMBER_SEPARATORS, s);
        else
            SAY(mp, PK_MSG_WHOLE_SEPARATORS, s);
        return PK_EVALUE;
    case NF_GROUPED:
        join_groups(&ng, 0, ng.n, whole, sizeof whole);
        SAY(mp, PK_MSG_THOUSANDS_SEPARATOR, s, whole);
        return PK_EVALUE;
    case NF_MIXED:
    case NF_DECIMAL_COMMA:
        join_groups(&ng, 0, ng.n - 1, whole, sizeof whole);
        snprintf(point, sizeof point, "%.64s.%.*s", whole,
                 (int)ng.len[ng.n - 1], ng.g[ng.n - 1]);
        if (!allow_frac)
            SAY(mp, PK_MSG_WHOLE_HAS_FRACTION, s, point);
        else if (form == NF_MIXED)
            SAY(mp, PK_MSG_SEPARATOR_AND_MARK, s, point);
        else
            SAY(mp, PK_MSG_DECIMAL_COMMA, s, point);
        return PK_EVALUE;
    case NF_AMBIG_POINT:
    case NF_AMBIG_COMMA:
        break;
    }
    /* Two readings: a thousands group, or three decimals. */
    join_groups(&ng, 0, 2, whole, sizeof whole);
    memcpy(frac, ng.g[1], 3);
    for (fl = 3; fl > 0 && frac[fl - 1] == '0'; fl--)
        ;
    frac[fl] = '\0';
    memcpy(ip, ng.g[0], ng.len[0]);
    ip[ng.len[0]] = '\0';
    /* The decimal reading named in each language's way (75.0, 75,0), and
     * as it is to be written: no form of its own is ambiguous, so 1.234
     * becomes 1.2340. */
    snprintf(en_reading, sizeof en_reading, "%s.%s", ip, fl ? frac : "0");
    snprintf(vi_reading, sizeof vi_reading, "%s,%s", ip, fl ? frac : "0");
    snprintf(point, sizeof point, "%.12s%s", en_reading, fl == 3 ? "0" : "");
    pk_number_words_vi(strtoull(whole, NULL, 10), wv, sizeof wv);
    pk_number_words_en(strtoull(whole, NULL, 10), we, sizeof we);
    decimal_words(ip, frac, 1, dv, sizeof dv);
    decimal_words(ip, frac, 0, de, sizeof de);
    if (!allow_frac && fl == 0) {
        SAY(mp, PK_MSG_AMBIGUOUS_WHOLE_TWO, s, whole, ip, we, wv, de, dv);
    } else if (!allow_frac) {
        SAY(mp, PK_MSG_AMBIGUOUS_WHOLE, s, whole, en_reading, vi_reading, we,
            wv);
    } else {
        if (form == NF_AMBIG_POINT)
            SAY(mp, PK_MSG_AMBIGUOUS_POINT, s, whole, en_reading, vi_reading,
                we, wv, point, de, dv);
        else
            SAY(mp, PK_MSG_AMBIGUOUS_COMMA, s, whole, en_reading, vi_reading,
                we, wv, point, de, dv);
    }
    return PK_EVALUE;
}

/* Common checks and the parse itself; allow_frac selects decimal syntax. */
static int parse_number(const char *s, int allow_frac, pk_val *out,
                        pk_msgargs *mp)
{
    const char *p = s;
    int64_t num = 0, den = 1;
    size_t int_digits = 0, frac_digits = 0;
    int rc;

    if (*p == '-' && (is_digit(p[1]) || p[1] == '.')) {
        SAY(mp, PK_MSG_NEGATIVE, s);
        return PK_EVALUE;
    }
    rc = vietnamese_habit(s, allow_frac, mp);
    if (rc != PK_OK)
        return rc;
    while (is_digit(*p)) {
        if (int_digits == 0 && num == 0 && *p == '0' && is_digit(p[1])) {
            p++; /* leading zeros do not count toward the limit */
            continue;
        }
        if (++int_digits > PK_MAX_INT_DIGITS) {
            {
                char max[24];
                snprintf(max, sizeof max, "%d", PK_MAX_INT_DIGITS);
                SAY(mp, PK_MSG_NUMBER_TOO_LONG, s, strlen(s) > 40 ? "..." : "",
                    max);
            }
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
            SAY(mp, PK_MSG_WHOLE_NOT_FRACTION, s);
            return PK_EVALUE;
        }
        p++;
        if (!is_digit(*p)) {
            SAY(mp, PK_MSG_DIGITS_AFTER_POINT, s);
            return PK_EVALUE;
        }
        while (is_digit(*p)) {
            if (++frac_digits > PK_MAX_FRAC_DIGITS) {
                /* Beyond a millionth only zeros are kept exactly. */
                if (*p != '0') {
                    {
                        char max[24];
                        snprintf(max, sizeof max, "%d", PK_MAX_FRAC_DIGITS);
                        SAY(mp, PK_MSG_TOO_MANY_DECIMALS, s, max);
                    }
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

static int parse_integer_m(const char *s, pk_val *out, pk_msgargs *mp)
{
    return parse_number(s, 0, out, mp);
}

static int parse_decimal_m(const char *s, pk_val *out, pk_msgargs *mp)
{
    return parse_number(s, 1, out, mp);
}

/* The English-only forms, for rule packs (their authors read English). */
#define ENGLISH_ONLY(call)                                                     \
    do {                                                                       \
        pk_msgargs mp_;                                                        \
        int rc_ = (call);                                                      \
        if (rc_ != PK_OK)                                                      \
            pk_msgargs_render(&mp_, "", 1, msg, msglen);                       \
        return rc_;                                                            \
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

static int parse_date_m(const char *s, int64_t *days, pk_msgargs *mp)
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
        SAY(mp, PK_MSG_DATE_FORM, s);
        return PK_EVALUE;
    }
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
    d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    if (m < 1 || m > 12) {
        {
            char mm[16];
            snprintf(mm, sizeof mm, "%u", m);
            SAY(mp, PK_MSG_DATE_MONTH, s, mm);
        }
        return PK_EVALUE;
    }
    dim = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dim = 29;
    if (d < 1 || d > dim) {
        {
            char mm[16], dd[16];
            snprintf(mm, sizeof mm, "%u", m);
            snprintf(dd, sizeof dd, "%u", dim);
            SAY(mp, PK_MSG_DATE_DAY, s, mm, dd);
        }
        return PK_EVALUE;
    }
    if (y < 1900) {
        SAY(mp, PK_MSG_DATE_EARLY, s);
        return PK_EVALUE;
    }
    *days = pk_days_from_civil(y, m, d);
    return PK_OK;
}

int pk_parse_date(const char *s, int64_t *days, char *msg, size_t msglen)
{
    ENGLISH_ONLY(parse_date_m(s, days, &mp_));
}

/* "true" or "false" for a yes or a no written in words, as a drafter
 * answers a yes/no question; NULL for anything else. */
static const char *bool_in_words(const char *s)
{
    static const char *const yes[] = {"có",   "Có",  "CÓ",  "co",   "Co",
                                      "CO",   "yes", "Yes", "YES",  "đúng",
                                      "Đúng", "x",   "X",   "đã có"};
    static const char *const no[] = {"không", "Không", "KHÔNG", "khong",
                                     "Khong", "KHONG", "no",    "No",
                                     "NO",    "sai",   "Sai",   "chưa có"};

    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(s, yes[i]) == 0)
            return "true";
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(s, no[i]) == 0)
            return "false";
    return NULL;
}

static int parse_bool_m(const char *s, int *out, pk_msgargs *mp)
{
    const char *word;

    if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) {
        *out = 1;
        return PK_OK;
    }
    if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0) {
        *out = 0;
        return PK_OK;
    }
    word = bool_in_words(s);
    if (word != NULL)
        SAY(mp, PK_MSG_BOOL_WORD, s, word);
    else
        SAY(mp, PK_MSG_BOOL_EXPECTED, s);
    return PK_EVALUE;
}

int pk_parse_bool(const char *s, int *out, char *msg, size_t msglen)
{
    ENGLISH_ONLY(parse_bool_m(s, out, &mp_));
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
    if (d == 1) { /* a whole number, the most common: no division */
        *rn = n;
        *rd = 1;
        return PK_OK;
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
    int64_t g, x, y, n, d;

    if (ad == bd && ad > 0) { /* the same denominator (whole numbers: 1) */
        if (__builtin_add_overflow(an, bn, &n))
            return PK_ERANGE;
        return normalise(n, ad, rn, rd);
    }
    g = gcd64(ad, bd);

    if (g == 0 || __builtin_mul_overflow(an, bd / g, &x) ||
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
    int64_t g1, g2, n, d;

    if (ad == 1 && bd == 1) { /* whole numbers */
        if (__builtin_mul_overflow(an, bn, &n))
            return PK_ERANGE;
        *rn = n;
        *rd = 1;
        return PK_OK;
    }
    g1 = gcd64(an, bd);
    g2 = gcd64(bn, ad);

    if (g1 == 0 || g2 == 0 || __builtin_mul_overflow(an / g1, bn / g2, &n) ||
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
    int plain;

    return pk_utf8_scan(str, len, &plain);
}

size_t pk_utf8_scan(const char *str, size_t len, int *plain)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    int odd = 0; /* a character outside the plain ones of unicode.c */

    /* Unicode's table 3-7 of well-formed sequences, written out: this runs
     * over every byte of every dossier, most of them ASCII and the rest
     * mostly Vietnamese letters of two or three bytes. */
    while (i < len) {
        unsigned c = s[i];

        if (c < 0x80) {
            /* ASCII: skip it sixteen (or eight) bytes at a time. */
            uint64_t w;
            i++;
#if defined(__SSE2__)
            while (len - i >= 16 &&
                   _mm_movemask_epi8(_mm_loadu_si128(
                       (const __m128i *)(const void *)(s + i))) == 0)
                i += 16;
#endif
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
            /* plain: U+00A0..U+024F */
            odd |= c > 0xC9 || (c == 0xC2 && s[i + 1] < 0xA0) ||
                   (c == 0xC9 && s[i + 1] > 0x8F);
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            unsigned lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlong form */
            unsigned hi = c == 0xED ? 0x9F : 0xBF; /* no surrogate */
            if (len - i < 3 || s[i + 1] < lo || s[i + 1] > hi ||
                (s[i + 2] & 0xC0) != 0x80)
                return i;
            /* plain: U+1E00..U+1EFF, U+2010..U+2027, U+2030..U+205E */
            if (c == 0xE1) {
                odd |= s[i + 1] < 0xB8 || s[i + 1] > 0xBB;
            } else if (c == 0xE2) {
                unsigned cp = ((unsigned)(s[i + 1] & 0x3F) << 6) |
                              (s[i + 2] & 0x3F); /* past U+2000 */
                odd |=
                    !((cp >= 0x10 && cp <= 0x27) || (cp >= 0x30 && cp <= 0x5E));
            } else {
                odd = 1;
            }
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned lo = c == 0xF0 ? 0x90 : 0x80; /* no overlong form */
            unsigned hi = c == 0xF4 ? 0x8F : 0xBF; /* none past U+10FFFF */
            if (len - i < 4 || s[i + 1] < lo || s[i + 1] > hi ||
                (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
                return i;
            odd = 1;
            i += 4;
        } else {
            return i;
        }
    }
    *plain = !odd;
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

/* The name of voc that s is but for blanks around it and the case of its
 * letters (ASCII, as every vocabulary's names are), or -1. */
static int near_name(const pk_vocab *voc, const char *s)
{
    char buf[64];
    size_t n;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof buf)
        return -1;
    for (size_t i = 0; i < n; i++)
        buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    buf[n] = '\0';
    return pk_vocab_find(voc, buf);
}

int pk_value_type(const pk_fvalue *v, const char *s, const pk_val *attrs,
                  pk_arena *arena, pk_val *out, pk_msgargs *msg)
{
    int rc = PK_OK;

    memset(out, 0, sizeof *out);
    switch (v->type) {
    case PK_T_NONE:
        return PK_OK;
    case PK_T_TEXT: {
        /* Spaces around a text say nothing ("2407/QĐ-TTg " as typed is
         * the decision 2407/QĐ-TTg): kept, a pattern would fail on what a
         * reader cannot see. An element's text comes here trimmed. */
        size_t n;

        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        n = strlen(s);
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                         s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        out->kind = PK_V_TEXT;
        out->text = pk_arena_strndup(arena, s, n);
        if (out->text == NULL)
            return PK_ENOMEM;
        return PK_OK;
    }
    case PK_T_INTEGER:
        rc = parse_integer_m(s, out, msg);
        break;
    case PK_T_DECIMAL:
    case PK_T_QUANTITY:
        rc = parse_decimal_m(s, out, msg);
        if (rc == PK_OK && v->type == PK_T_QUANTITY) {
            const pk_quantity *q = v->quantity;
            const pk_val *u = attrs ? &attrs[v->unit_attr] : NULL;
            int64_t per = 1;
            if (u != NULL && u->kind == PK_V_TEXT) {
                for (size_t i = 0; i < q->nunits; i++)
                    if (strcmp(q->unit_names[i], u->text) == 0)
                        per = q->per_base[i];
            } else if (u != NULL && u->kind == PK_V_INVALID) {
                out->kind = PK_V_INVALID;
                break;
            }
            if (pk_num_div(out->num, out->den, per, 1, &out->num, &out->den) !=
                PK_OK) {
                rc = PK_ERANGE;
                SAY(msg, PK_MSG_NUMBER_TOO_LARGE, s);
            }
        }
        break;
    case PK_T_BOOL:
        rc = parse_bool_m(s, &out->boolean, msg);
        if (rc == PK_OK)
            out->kind = PK_V_BOOL;
        break;
    case PK_T_DATE:
        rc = parse_date_m(s, &out->num, msg);
        if (rc == PK_OK) {
            out->kind = PK_V_DATE;
            out->text = pk_arena_strdup(arena, s);
            if (out->text == NULL)
                return PK_ENOMEM;
        }
        break;
    case PK_T_ENUM: {
        const pk_vocab *voc = pk_fvalue_vocab(v, attrs);
        int i;
        if (voc == NULL) {
            /* The attribute it depends on is missing or bad: that one is
             * reported; say which vocabulary this one belongs to. */
            for (size_t c = 0; c < v->ncases; c++)
                if (pk_vocab_find(&v->case_vocab[c], s) >= 0) {
                    out->kind = PK_V_TEXT;
                    out->text = v->case_vocab[c]
                                    .names[pk_vocab_find(&v->case_vocab[c], s)];
                    out->stable = 1;
                    return PK_OK;
                }
            rc = PK_EVALUE;
            SAY(msg, PK_MSG_UNKNOWN_VALUE, s);
            break;
        }
        i = pk_vocab_find(voc, s);
        if (i >= 0) {
            out->kind = PK_V_TEXT;
            out->text = voc->names[i]; /* the format's copy: lives longer */
            out->stable = 1;
            return PK_OK;
        }
        rc = PK_EVALUE;
        i = near_name(voc, s);
        if (i >= 0) {
            /* one of the names but for spaces around it, or its case:
             * say that, not the whole list */
            SAY(msg,
                s[0] == ' ' || s[0] == '\t' || s[strlen(s) - 1] == ' ' ||
                        s[strlen(s) - 1] == '\t'
                    ? PK_MSG_VALUE_SPACES
                    : PK_MSG_VALUE_CASE,
                s, voc->names[i]);
            break;
        }
        if (v->ncases > 0) {
            for (size_t c = 0; c < v->ncases; c++)
                if (pk_vocab_find(&v->case_vocab[c], s) >= 0) {
                    SAY(msg, PK_MSG_VALUE_OTHER_GROUP, s, v->case_when[c],
                        attrs[v->depends_on].text, voc->joined);
                    goto out;
                }
        }
        SAY(msg, PK_MSG_VALUE_NOT_ALLOWED, s, voc->joined);
        break;
    }
    }
out:
    if (rc != PK_OK)
        out->kind = PK_V_INVALID;
    return rc;
}
