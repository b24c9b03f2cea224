/*
 * json.c - the JSON report: one object for the whole run, one line
 * per dossier.
 *
 *   {"parkcheck":"0.1.0","format":1,"lang":"vi","rulepacks":[...],"dossiers":[
 *   {...first dossier...},
 *   {...second dossier...}
 *   ],"summary":{"dossiers":2,"eligible":0,...}}
 *
 * Field names are stable (docs/ describe them); fields may be added, never
 * renamed. Strings the dossier or the pack left empty are null.
 */
#include "writers.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"
#include "report.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Tests on eight bytes at once: n in every byte; some byte zero; some
 * byte below n (for n <= 128; exact when no byte has its high bit set,
 * and the high-bit bytes are looked at anyway). */
#define BYTES(n) (UINT64_C(0x0101010101010101) * (uint64_t)(n))
#define HAS_ZERO(x) (((x)-BYTES(1)) & ~(x)&BYTES(0x80))
#define HAS_LESS(x, n) (((x)-BYTES(n)) & ~(x)&BYTES(0x80))

static int plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

/* How many of the n bytes at s, from the first, go out as they are in
 * JSON and are ASCII: sixteen (or eight) at a time while none needs a
 * look. */
static size_t plain_run(const char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'),
                  bslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7F);

    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* below 0x20 as signed bytes: the controls and every byte of
         * 0x80 and above */
        __m128i bad =
            _mm_or_si128(_mm_cmpgt_epi8(space, v),
                         _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, bslash),
                                                   _mm_cmpeq_epi8(v, del))));
        unsigned m = (unsigned)_mm_movemask_epi8(bad);

        if (m != 0)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (n - i >= 8) {
        uint64_t w, bad;
        memcpy(&w, s + i, 8);
        bad = HAS_ZERO(w ^ BYTES(0x22)) | HAS_ZERO(w ^ BYTES(0x5C)) |
              HAS_ZERO(w ^ BYTES(0x7F)) | HAS_LESS(w, 0x20) | (w & BYTES(0x80));
        if (bad)
            break;
        i += 8;
    }
    while (i < n && plain((unsigned char)s[i]))
        i++;
    return i;
}

/* Appends the len bytes at s as a JSON string. */
static int string_n(pk_strbuf *sb, const char *s, size_t len)
{
    size_t i = 0, run = 0, adv;
    long cp;

    pk_sb_append(sb, "\"", 1);
    while (i < len) {
        unsigned char c;

        /* Bytes that go out as they are accumulate in [run, i). */
        i += plain_run(s + i, len - i);
        if (i == len)
            break;
        c = (unsigned char)s[i];
        /* Vietnamese letters and the punctuation of our words (“ ” ≥ ·),
         * two or three bytes, well-formed and not U+2028/U+2029 (E2 80
         * A8/A9): as they are, without decoding. */
        if (c >= 0xC2 && c <= 0xDF && len - i >= 2 &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (c >= 0xE1 && c <= 0xEC && len - i >= 3 &&
            ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)s[i + 2] & 0xC0) == 0x80 &&
            (c != 0xE2 || (unsigned char)s[i + 1] != 0x80 ||
             ((unsigned char)s[i + 2] & 0xFE) != 0xA8)) {
            i += 3;
            continue;
        }
        cp = (long)c;
        adv = 1;
        if (c >= 0x80) {
            cp = pk_utf8_next(s + i, len - i, &adv);
            if (cp >= 0 && cp != 0x2028 && cp != 0x2029) {
                i += adv;
                continue;
            }
        }
        pk_sb_append(sb, s + run, i - run);
        switch (cp) {
        case -1:
            pk_sb_puts(sb, PK_UTF8_REPLACEMENT);
            break;
        case '"':
            PK_SB_LIT(sb, "\\\"");
            break;
        case '\\':
            PK_SB_LIT(sb, "\\\\");
            break;
        case '\n':
            PK_SB_LIT(sb, "\\n");
            break;
        case '\r':
            PK_SB_LIT(sb, "\\r");
            break;
        case '\t':
            PK_SB_LIT(sb, "\\t");
            break;
        default:
            pk_sb_printf(sb, "\\u%04lx", (unsigned long)cp);
            break;
        }
        i += adv;
        run = i;
    }
    pk_sb_append(sb, s + run, i - run);
    return pk_sb_append(sb, "\"", 1);
}

int pk_json_append_string(pk_strbuf *sb, const char *s)
{
    if (s == NULL)
        return PK_SB_LIT(sb, "null");
    return string_n(sb, s, strlen(s));
}

/* m / 10^k, with its sign: the integer digits (at least one), the
 * point, and k digits. */
static int fixed_digits(pk_strbuf *sb, int negative, uint64_t m, size_t k)
{
    char digits[24], out[32];
    size_t nd = 0, o = 0, i;

    do {
        digits[nd++] = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0);
    while (nd < k + 1)
        digits[nd++] = '0';
    if (negative)
        out[o++] = '-';
    for (i = nd; i-- > k;)
        out[o++] = digits[i];
    out[o++] = '.';
    for (i = k; i-- > 0;)
        out[o++] = digits[i];
    return pk_sb_append(sb, out, o);
}

static const double pow10s[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* a * 10^k (0 <= k <= 22) rounded to the nearest integer, from the exact
 * product (hi + lo, lo the part of it a double cannot hold): 0 and *m, or
 * -1 when the product is halfway between two integers (printf breaks such
 * a tie by its own rule) or rounds to limit or more. */
static int scaled_round(double a, int k, double limit, double *m)
{
    double hi, lo, f, d;

    if (k < 0 || k > 22)
        return -1;
    hi = a * pow10s[k];
    lo = fma(a, pow10s[k], -hi);
    f = floor(hi);
    /* hi - f, and that less one half, are exact; the product's fraction
     * is hi - f + lo */
    d = (hi - f) - 0.5;
    if (d == -lo)
        return -1;
    *m = d > -lo ? f + 1 : f;
    return *m < limit ? 0 : -1;
}

/* m / 10^k without the zeros that end it, as "%g" writes it. */
static int trimmed(pk_strbuf *sb, int negative, double m, int k)
{
    uint64_t u = (uint64_t)m;
    char digits[24];
    size_t n = sizeof digits;

    while (k > 0 && u % 10 == 0) {
        u /= 10;
        k--;
    }
    if (k > 0)
        return fixed_digits(sb, negative, u, (size_t)k);
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (negative)
        digits[--n] = '-';
    return pk_sb_append(sb, digits + n, sizeof digits - n);
}

int pk_json_append_number(pk_strbuf *sb, double v)
{
    char raw[64], out[64];
    size_t i, o = 0;
    int in_radix = 0, prec;

    if (!isfinite(v))
        return PK_SB_LIT(sb, "null");
    if (v == 0)
        return PK_SB_LIT(sb, "0"); /* and -0 */
    /* strtod reads what snprintf wrote, in the same locale. */
    if (v == trunc(v)) {
        if (fabs(v) < 1e15) {
            /* Exact in an int64_t: its digits, without printf. */
            char digits[24];
            size_t n = sizeof digits;
            int64_t k = (int64_t)v;
            uint64_t u = k < 0 ? 0 - (uint64_t)k : (uint64_t)k;
            do {
                digits[--n] = (char)('0' + u % 10);
                u /= 10;
            } while (u != 0);
            if (k < 0)
                digits[--n] = '-';
            return pk_sb_append(sb, digits + n, sizeof digits - n);
        }
        if (fabs(v) < 1e17)
            return pk_sb_printf(sb, "%.0f", v);
        /* Exact: the shortest form that reads back. */
        for (prec = 15; prec < 17; prec++) {
            snprintf(raw, sizeof raw, "%.*g", prec, v);
            if (strtod(raw, NULL) == v)
                break;
        }
        if (prec == 17)
            snprintf(raw, sizeof raw, "%.17g", v);
    } else {
        /* Most fractions of a report have a few decimal digits: m / 10^k
         * with m of at most 15 digits, of which v is the nearest double.
         * "%.15g" writes exactly those digits for them (v is within half
         * an ulp of m / 10^k, far inside the last of 15 digits), in fixed
         * notation from 1e-4 up; found here without printf. */
        static const double p10[] = {1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
        double a = fabs(v);

        if (a >= 1e-4 && a < 1e7) {
            for (size_t k = 0; k < sizeof p10 / sizeof p10[0]; k++) {
                double m = nearbyint(a * p10[k]);

                if (m < 1e15 && m / p10[k] == a)
                    return fixed_digits(sb, v < 0, (uint64_t)m, k + 1);
            }
            /* The rest (a share worked out by the engine, 255 / 392): the
             * 15 significant digits "%.15g" writes, from the exact
             * product; when they do not read back as v, the 12 it is
             * written with instead. e is a's decimal exponent. */
            static const double from[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,
                                          1e2,  1e3,  1e4,  1e5,  1e6};
            int e = 6;
            double m;

            while (e > -4 && a < from[e + 4])
                e--;
            if (scaled_round(a, 14 - e, 1e15, &m) == 0 && m >= 1e14) {
                if (m / pow10s[14 - e] == a)
                    return trimmed(sb, v < 0, m, 14 - e);
                if (scaled_round(a, 11 - e, 1e12, &m) == 0 && m >= 1e11)
                    return trimmed(sb, v < 0, m, 11 - e);
            }
        }
        snprintf(raw, sizeof raw, "%.15g", v);
        if (strtod(raw, NULL) != v)
            snprintf(raw, sizeof raw, "%.12g", v);
    }
    /* The radix is LC_NUMERIC's, possibly several bytes: JSON's is '.'. */
    for (i = 0; raw[i] != '\0' && o < sizeof out - 1; i++) {
        char c = raw[i];

        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' ||
            c == 'E') {
            out[o++] = c;
            in_radix = 0;
        } else if (!in_radix) {
            out[o++] = '.';
            in_radix = 1;
        }
    }
    return pk_sb_append(sb, out, o);
}

/* A string, or null for NULL and "". */
static void opt_string(pk_strbuf *sb, const char *s)
{
    if (s == NULL || s[0] == '\0')
        PK_SB_LIT(sb, "null");
    else
        pk_json_append_string(sb, s);
}

static void uint_value(pk_strbuf *sb, unsigned long long n)
{
    char digits[24];
    size_t at = sizeof digits;

    do {
        digits[--at] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    pk_sb_append(sb, digits + at, sizeof digits - at);
}

static void int_value(pk_strbuf *sb, int n)
{
    if (n < 0) {
        PK_SB_LIT(sb, "-");
        uint_value(sb, 0 - (unsigned long long)(long long)n);
    } else {
        uint_value(sb, (unsigned long long)n);
    }
}

static const char *lang_name(pk_lang lang)
{
    return lang == PK_LANG_VI ? "vi" : "en";
}

/* A short stable name for an error code; the codes' numbers never change,
 * and neither do these. */
static const char *code_name(int code)
{
    switch (code) {
    case PK_ENOMEM:
        return "nomem";
    case PK_EINVAL:
        return "inval";
    case PK_EIO:
        return "io";
    case PK_ETOOBIG:
        return "toobig";
    case PK_EENCODING:
        return "encoding";
    case PK_EXML:
        return "xml";
    case PK_EDOCTYPE:
        return "doctype";
    case PK_ELIMIT:
        return "limit";
    case PK_EFORMAT:
        return "format";
    case PK_EVALUE:
        return "value";
    case PK_ERULES:
        return "rules";
    case PK_ENOPACK:
        return "nopack";
    case PK_ERANGE:
        return "range";
    default:
        return NULL;
    }
}

static int json_begin(pk_writer *w, pk_strbuf *sb)
{
    size_t i, n = w->engine != NULL ? pk_engine_pack_count(w->engine) : 0;

    PK_SB_LIT(sb, "{\"parkcheck\":");
    pk_json_append_string(sb, pk_version());
    pk_sb_printf(sb, ",\"format\":1,\"lang\":\"%s\",\"rulepacks\":[",
                 lang_name(w->lang));
    for (i = 0; i < n; i++) {
        pk_sb_puts(sb, i > 0 ? ",{\"id\":" : "{\"id\":");
        pk_json_append_string(sb, pk_engine_pack_id(w->engine, i));
        PK_SB_LIT(sb, ",\"version\":");
        pk_json_append_string(sb, pk_engine_pack_version(w->engine, i));
        PK_SB_LIT(sb, ",\"title\":");
        pk_json_append_string(sb, pk_engine_pack_title(w->engine, i, w->lang));
        PK_SB_LIT(sb, ",\"valid_from\":");
        opt_string(sb, pk_engine_pack_valid_from(w->engine, i));
        PK_SB_LIT(sb, ",\"valid_until\":");
        opt_string(sb, pk_engine_pack_valid_until(w->engine, i));
        pk_sb_puts(sb, pk_engine_pack_provisional(w->engine, i)
                           ? ",\"provisional\":true}"
                           : ",\"provisional\":false}");
    }
    return PK_SB_LIT(sb, "],\"dossiers\":[\n");
}

/* The errors (warnings == 0) or the warnings of a report. */
static void problems(pk_strbuf *sb, const pk_report *r, int warnings,
                     pk_lang lang)
{
    size_t i, n = pk_report_problem_count(r);
    int first = 1;

    PK_SB_LIT(sb, "[");
    for (i = 0; i < n; i++) {
        const pk_error *e = pk_report_problem(r, i);
        const char *code;

        if (e == NULL || !pk_report_problem_is_warning(r, i) != !warnings)
            continue;
        pk_sb_puts(sb, first ? "{\"line\":" : ",{\"line\":");
        first = 0;
        if (e->line > 0)
            uint_value(sb, e->line);
        else
            PK_SB_LIT(sb, "null");
        PK_SB_LIT(sb, ",\"column\":");
        if (e->column > 0)
            uint_value(sb, e->column);
        else
            PK_SB_LIT(sb, "null");
        PK_SB_LIT(sb, ",\"code\":");
        code = code_name(e->code);
        if (code == NULL && e->code != PK_OK)
            code = pk_strerror(e->code);
        opt_string(sb, code);
        PK_SB_LIT(sb, ",\"id\":");
        if (e->id != 0) {
            char id[16];
            snprintf(id, sizeof id, "PK-%03u", e->id);
            pk_json_append_string(sb, id);
        } else {
            PK_SB_LIT(sb, "null");
        }
        PK_SB_LIT(sb, ",\"message\":");
        pk_json_append_string(sb, pk_report_problem_text(r, i, lang));
        PK_SB_LIT(sb, "}");
    }
    PK_SB_LIT(sb, "]");
}

static void articles(pk_strbuf *sb, const pk_report *r)
{
    size_t i, n = pk_report_article_count(r);
    const char *sep = "";

    PK_SB_LIT(sb, "[");
    for (i = 0; i < n; i++) {
        const pk_article_score *a = pk_report_article(r, i);

        if (a == NULL)
            continue;
        pk_sb_puts(sb, sep);
        PK_SB_LIT(sb, "{\"article\":");
        int_value(sb, a->article);
        PK_SB_LIT(sb, ",\"rules\":");
        uint_value(sb, a->rules);
        PK_SB_LIT(sb, ",\"weight\":");
        sep = ",";
        pk_json_append_number(sb, a->weight);
        PK_SB_LIT(sb, ",\"passed_weight\":");
        pk_json_append_number(sb, a->passed_weight);
        PK_SB_LIT(sb, "}");
    }
    PK_SB_LIT(sb, "]");
}

/* A set's names, which its text joins with spaces, as an array. */
/* What a report writes more than once, kept as where it was written:
 * the same set of names (the topics of a scheme, the documents) is read
 * by several rules, and each result gives it again, typed and in words.
 * Keyed by the text's address, which stays put while the report lives;
 * only long texts are worth it. */
#define MEMO_SLOTS 16
#define MEMO_MIN 48

typedef struct memo {
    const char *src[MEMO_SLOTS];
    int kind[MEMO_SLOTS]; /* MEMO_STRING or MEMO_SET */
    size_t at[MEMO_SLOTS], len[MEMO_SLOTS];
    size_t next; /* the slot taken next, round the table */
} memo;

enum { MEMO_STRING, MEMO_SET };

/* Copies what src was written as before, if it was: 1, else 0. */
static int memo_copy(pk_strbuf *sb, const memo *m, const char *src, int kind)
{
    for (size_t i = 0; m != NULL && i < MEMO_SLOTS; i++)
        if (m->src[i] == src && m->kind[i] == kind) {
            pk_sb_append_own(sb, m->at[i], m->len[i]);
            return 1;
        }
    return 0;
}

static void memo_keep(memo *m, const char *src, int kind, const pk_strbuf *sb,
                      size_t at)
{
    size_t i;

    if (m == NULL || sb->failed)
        return;
    i = m->next++ % MEMO_SLOTS;
    m->src[i] = src;
    m->kind[i] = kind;
    m->at[i] = at;
    m->len[i] = sb->len - at;
}

/* A long string as JSON, copied when written before. */
static void long_string(pk_strbuf *sb, memo *m, const char *s)
{
    size_t len, at = sb->len;

    if (s == NULL) {
        PK_SB_LIT(sb, "null");
        return;
    }
    len = strlen(s);
    if (len < MEMO_MIN) {
        string_n(sb, s, len);
        return;
    }
    if (memo_copy(sb, m, s, MEMO_STRING))
        return;
    string_n(sb, s, len);
    memo_keep(m, s, MEMO_STRING, sb, at);
}

static void name_set(pk_strbuf *sb, const char *text)
{
    const char *p = text != NULL ? text : "";
    const char *sep = "";
    size_t n;

    PK_SB_LIT(sb, "[");
    for (;;) {
        p += strspn(p, " ");
        n = strcspn(p, " ");
        if (n == 0)
            break;
        pk_sb_puts(sb, sep);
        sep = ",";
        string_n(sb, p, n);
        p += n;
    }
    PK_SB_LIT(sb, "]");
}

static void value(pk_strbuf *sb, memo *m, const pk_value_info *v)
{
    size_t at = sb->len;

    switch (v->kind) {
    case PK_VALUE_NUMBER:
        pk_json_append_number(sb, v->number);
        break;
    case PK_VALUE_TEXT:
        pk_json_append_string(sb, v->text);
        break;
    case PK_VALUE_BOOL:
        pk_sb_puts(sb, v->boolean ? "true" : "false");
        break;
    case PK_VALUE_SET:
        if (v->text == NULL || strlen(v->text) < MEMO_MIN) {
            name_set(sb, v->text);
        } else if (!memo_copy(sb, m, v->text, MEMO_SET)) {
            name_set(sb, v->text);
            memo_keep(m, v->text, MEMO_SET, sb, at);
        }
        break;
    case PK_VALUE_INVALID:
        PK_SB_LIT(sb, "{\"invalid\":true}");
        break;
    case PK_VALUE_MISSING: /* fall through */
    default:
        PK_SB_LIT(sb, "null");
        break;
    }
}

int pk_json_append_value(pk_strbuf *sb, const pk_value_info *v)
{
    if (v == NULL)
        return PK_SB_LIT(sb, "null");
    value(sb, NULL, v);
    return sb->failed ? PK_ENOMEM : 0;
}

/* A side of a comparison in words, as a JSON string. */
static void cmp_words(pk_strbuf *sb, memo *m, const pk_result *res,
                      int required, pk_lang lang)
{
    const char *w = required ? pk_result_cmp_required_text(res, lang)
                             : pk_result_cmp_value_text(res, lang);

    if (w == NULL)
        sb->failed = 1;
    else
        long_string(sb, m, w);
}

/* The deciding comparison: "value" and "required" typed (a yes/no is
 * true/false, a set a list of its names, a text a string), each also in
 * words; "threshold" and "shortfall" only for numbers and dates. */
static void comparison(pk_strbuf *sb, memo *m, const pk_result *res,
                       pk_lang lang)
{
    pk_comparison c;
    pk_value_info v, req;

    if (pk_result_comparison(res, &c) != 0 ||
        pk_result_comparison_value(res, &v, &req) != 0) {
        PK_SB_LIT(sb, "null");
        return;
    }
    PK_SB_LIT(sb, "{\"fact\":");
    pk_json_append_string(sb, c.fact);
    PK_SB_LIT(sb, ",\"param\":");
    opt_string(sb, c.param);
    PK_SB_LIT(sb, ",\"op\":");
    pk_json_append_string(sb, c.op);
    PK_SB_LIT(sb, ",\"value\":");
    value(sb, m, &v);
    /* only when a bound of a missing fact decided */
    if (pk_result_comparison_bound(res) != 0) {
        PK_SB_LIT(sb, ",\"value_is\":");
        pk_json_append_string(
            sb, pk_result_comparison_bound(res) > 0 ? "at-least" : "at-most");
    }
    PK_SB_LIT(sb, ",\"required\":");
    value(sb, m, &req);
    /* NaN, for a comparison that is not of numbers, comes out null */
    PK_SB_LIT(sb, ",\"threshold\":");
    pk_json_append_number(sb, c.threshold);
    PK_SB_LIT(sb, ",\"shortfall\":");
    pk_json_append_number(sb, c.shortfall);
    PK_SB_LIT(sb, ",\"unit\":");
    opt_string(sb, c.unit);
    PK_SB_LIT(sb, ",\"value_text\":");
    cmp_words(sb, m, res, 0, lang);
    PK_SB_LIT(sb, ",\"required_text\":");
    cmp_words(sb, m, res, 1, lang);
    PK_SB_LIT(sb, ",\"text\":");
    pk_json_append_string(sb, pk_result_comparison_text(res, lang));
    PK_SB_LIT(sb, "}");
}

/* ---- what a rule writes the same way in every report ----
 *
 * A result's id, category, severity, weight, title, its rule's own
 * citation in words and its provenance depend on the rule and the
 * language alone: they are written (escaped) once per pack and language,
 * the first time a report of that pack is written, and copied from then
 * on. Each part is written by the one function below that also writes it
 * when there is no such copy (memory ran out making it). */

static void rule_head(pk_strbuf *sb, const pk_rule *rule)
{
    PK_SB_LIT(sb, "{\"id\":");
    pk_json_append_string(sb, pk_rule_id(rule));
    PK_SB_LIT(sb, ",\"status\":");
}

static void rule_kind(pk_strbuf *sb, const pk_rule *rule)
{
    PK_SB_LIT(sb, ",\"category\":");
    pk_json_append_string(sb, pk_category_name(pk_rule_category(rule)));
    PK_SB_LIT(sb, ",\"severity\":");
    pk_json_append_string(sb, pk_severity_name(pk_rule_severity(rule)));
    PK_SB_LIT(sb, ",\"weight\":");
    pk_json_append_number(sb, pk_rule_weight(rule));
    PK_SB_LIT(sb, ",\"citation\":");
}

static void rule_cite_text(pk_strbuf *sb, const char *text)
{
    PK_SB_LIT(sb, ",\"citation_text\":");
    pk_json_append_string(sb, text);
}

static void rule_title(pk_strbuf *sb, const pk_rule *rule, pk_lang lang)
{
    PK_SB_LIT(sb, ",\"title\":");
    pk_json_append_string(sb, pk_rule_title(rule, lang));
    PK_SB_LIT(sb, ",\"message\":");
}

static void rule_provenance(pk_strbuf *sb, const pk_rule *rule, pk_lang lang)
{
    PK_SB_LIT(sb, ",\"provenance\":{\"level\":");
    pk_json_append_string(sb, pk_provenance_name(pk_rule_provenance(rule)));
    PK_SB_LIT(sb, ",\"source\":");
    opt_string(sb, pk_rule_provenance_source(rule, lang));
    PK_SB_LIT(sb, "}");
}

enum { PART_HEAD, PART_KIND, PART_CITE, PART_TITLE, PART_PROV, PARTS };

typedef struct json_cache {
    pk_pack_cache base;
    size_t nrules;
    size_t (*at)[PARTS + 1]; /* rule i's part k is text[at[i][k], at[i][k+1]) */
    pk_strbuf text;
} json_cache;

static void cache_free(pk_pack_cache *c)
{
    json_cache *j = (json_cache *)c;

    pk_sb_free(&j->text);
    free(j->at);
    free(j);
}

static json_cache *cache_make(const pk_pack *pack, pk_lang lang)
{
    json_cache *j = calloc(1, sizeof *j);

    if (j == NULL)
        return NULL;
    j->base.free = cache_free;
    j->nrules = pack->nrules;
    j->at = calloc(pack->nrules + 1, sizeof *j->at);
    if (j->at == NULL) {
        free(j);
        return NULL;
    }
    pk_sb_init(&j->text);
    for (size_t i = 0; i < pack->nrules; i++) {
        const pk_rule *rule = &pack->rules[i];

        j->at[i][PART_HEAD] = j->text.len;
        rule_head(&j->text, rule);
        j->at[i][PART_KIND] = j->text.len;
        rule_kind(&j->text, rule);
        j->at[i][PART_CITE] = j->text.len;
        rule_cite_text(&j->text, rule->cite_text[lang == PK_LANG_VI ? 0 : 1]);
        j->at[i][PART_TITLE] = j->text.len;
        rule_title(&j->text, rule, lang);
        j->at[i][PART_PROV] = j->text.len;
        rule_provenance(&j->text, rule, lang);
        j->at[i][PARTS] = j->text.len;
    }
    if (j->text.failed) {
        cache_free(&j->base);
        return NULL;
    }
    return j;
}

/* The pack's copy for lang, made now if no thread has made it: NULL when
 * memory runs out (the parts are then written each time). */
static const json_cache *cache_of(const pk_pack *pack, pk_lang lang)
{
    _Atomic(pk_pack_cache *) *slot;
    pk_pack_cache *c, *expected = NULL;

    if (pack == NULL)
        return NULL;
    slot = &((pk_pack *)pack)->json_cache[lang == PK_LANG_VI ? 0 : 1];
    c = atomic_load_explicit(slot, memory_order_acquire);
    if (c != NULL)
        return (const json_cache *)c;
    c = (pk_pack_cache *)cache_make(pack, lang);
    if (c == NULL)
        return NULL;
    if (!atomic_compare_exchange_strong_explicit(
            slot, &expected, c, memory_order_acq_rel, memory_order_acquire)) {
        c->free(c); /* another thread made it first */
        return (const json_cache *)expected;
    }
    return (const json_cache *)c;
}

/* Appends rule i's part k from the copy. */
static void put_part(pk_strbuf *sb, const json_cache *j, size_t i, int k)
{
    pk_sb_append(sb, j->text.data + j->at[i][k], j->at[i][k + 1] - j->at[i][k]);
}

static void result(pk_strbuf *sb, memo *m, const pk_result *res, pk_lang lang)
{
    const pk_citation *cit = pk_result_citation(res);
    const pk_rule *rule = res->rule;
    const json_cache *j = cache_of(res->pack, lang);
    size_t at = j != NULL ? (size_t)(rule - res->pack->rules) : 0;
    const char *cite_text = pk_result_citation_text(res, lang);
    const char *sep = "";
    size_t i, n;

    if (j != NULL && at >= j->nrules)
        j = NULL; /* a rule of another pack: cannot happen */
    if (j != NULL)
        put_part(sb, j, at, PART_HEAD);
    else
        rule_head(sb, rule);
    pk_json_append_string(sb, pk_status_name(pk_result_status(res)));
    if (j != NULL)
        put_part(sb, j, at, PART_KIND);
    else
        rule_kind(sb, rule);
    if (cit == NULL) {
        PK_SB_LIT(sb, "null");
    } else {
        PK_SB_LIT(sb, "{\"article\":");
        int_value(sb, cit->article);
        PK_SB_LIT(sb, ",\"clause\":");
        if (cit->clause != 0)
            int_value(sb, cit->clause);
        else
            PK_SB_LIT(sb, "null");
        PK_SB_LIT(sb, ",\"point\":");
        /* point is a char array: read it only up to its size. */
        if (memchr(cit->point, '\0', sizeof cit->point) != NULL)
            opt_string(sb, cit->point);
        else
            PK_SB_LIT(sb, "null");
        PK_SB_LIT(sb, "}");
    }
    /* the rule's own citation, or the one it has for this kind */
    if (j != NULL && cite_text == rule->cite_text[lang == PK_LANG_VI ? 0 : 1])
        put_part(sb, j, at, PART_CITE);
    else
        rule_cite_text(sb, cite_text);
    if (j != NULL)
        put_part(sb, j, at, PART_TITLE);
    else
        rule_title(sb, rule, lang);
    pk_json_append_string(sb, pk_result_message(res, lang));

    PK_SB_LIT(sb, ",\"values\":{");
    n = pk_result_value_count(res);
    for (i = 0; i < n; i++) {
        const pk_value_info *v = pk_result_value(res, i);

        if (v == NULL)
            continue;
        pk_sb_puts(sb, sep);
        sep = ",";
        pk_json_append_string(sb, v->id != NULL ? v->id : "");
        PK_SB_LIT(sb, ":");
        value(sb, m, v);
    }
    PK_SB_LIT(sb, "},\"missing\":[");
    n = pk_result_missing_count(res);
    for (i = 0; i < n; i++) {
        if (i > 0)
            PK_SB_LIT(sb, ",");
        pk_json_append_string(sb, pk_result_missing(res, i));
    }
    PK_SB_LIT(sb, "],\"comparison\":");
    comparison(sb, m, res, lang);
    if (j != NULL)
        put_part(sb, j, at, PART_PROV);
    else
        rule_provenance(sb, rule, lang);
    /* Only a provision the pack states as open has readings: other
     * results read as they always did. */
    n = pk_result_reading_count(res);
    if (n > 0) {
        PK_SB_LIT(sb, ",\"readings\":[");
        for (i = 0; i < n; i++) {
            if (i > 0)
                PK_SB_LIT(sb, ",");
            PK_SB_LIT(sb, "{\"id\":");
            pk_json_append_string(sb, pk_result_reading_id(res, i));
            PK_SB_LIT(sb, ",\"status\":");
            pk_json_append_string(
                sb, pk_status_name(pk_result_reading_status(res, i)));
            PK_SB_LIT(sb, ",\"title\":");
            pk_json_append_string(sb, pk_result_reading_title(res, i, lang));
            PK_SB_LIT(sb, ",\"explanation\":");
            pk_json_append_string(sb,
                                  pk_result_reading_explanation(res, i, lang));
            PK_SB_LIT(sb, "}");
        }
        PK_SB_LIT(sb, "],\"open_words\":");
        pk_json_append_string(sb, pk_result_open_words(res, lang));
    }
    PK_SB_LIT(sb, "}");
}

/* Whether the pack was in force on the dossier's date, whether it is
 * provisional, and what it cannot check yet. */
static void unchecked_and_marks(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    size_t n = pk_report_unchecked_count(r);

    PK_SB_LIT(sb, ",\"regime\":");
    pk_json_append_string(sb, pk_regime_name(pk_report_regime(r)));
    PK_SB_LIT(sb, ",\"regime_text\":");
    opt_string(sb, pk_report_regime_text(r, lang));
    pk_sb_puts(sb, pk_report_provisional(r) ? ",\"provisional\":true"
                                            : ",\"provisional\":false");
    PK_SB_LIT(sb, ",\"provisional_text\":");
    opt_string(sb, pk_report_provisional_text(r, lang));
    PK_SB_LIT(sb, ",\"not_checked\":{\"reason\":");
    opt_string(sb, n > 0 ? pk_report_unchecked_reason(r, lang) : "");
    PK_SB_LIT(sb, ",\"items\":[");
    for (size_t i = 0; i < n; i++) {
        pk_sb_puts(sb, i > 0 ? ",{\"id\":" : "{\"id\":");
        pk_json_append_string(sb, pk_report_unchecked_id(r, i));
        PK_SB_LIT(sb, ",\"citation_text\":");
        pk_json_append_string(sb,
                              pk_report_unchecked_citation_text(r, i, lang));
        PK_SB_LIT(sb, ",\"title\":");
        pk_json_append_string(sb, pk_report_unchecked_title(r, i, lang));
        PK_SB_LIT(sb, "}");
    }
    PK_SB_LIT(sb, "]}");
}

int pk_json_append_dossier(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    double score = pk_report_score(r);
    const char *sep = "";
    size_t i, n;
    memo mem;

    memset(&mem, 0, sizeof mem);

    /* the results' words, written out before any is read */
    if (pk_report_render(r, lang) != 0)
        return PK_ENOMEM;
    PK_SB_LIT(sb, "{\"file\":");
    opt_string(sb, pk_report_source(r));
    PK_SB_LIT(sb, ",\"kind\":");
    opt_string(sb, pk_report_kind(r));
    PK_SB_LIT(sb, ",\"park\":{\"name\":");
    opt_string(sb, pk_report_park_name(r));
    PK_SB_LIT(sb, ",\"province\":");
    opt_string(sb, pk_report_province(r));
    PK_SB_LIT(sb, "},\"date\":");
    opt_string(sb, pk_report_date(r));
    PK_SB_LIT(sb, ",\"rulepack\":");
    if (pk_report_pack_id(r) == NULL || pk_report_pack_id(r)[0] == '\0') {
        PK_SB_LIT(sb, "null");
    } else {
        PK_SB_LIT(sb, "{\"id\":");
        pk_json_append_string(sb, pk_report_pack_id(r));
        PK_SB_LIT(sb, ",\"version\":");
        opt_string(sb, pk_report_pack_version(r));
        PK_SB_LIT(sb, "}");
    }
    PK_SB_LIT(sb, ",\"notice\":");
    opt_string(sb, pk_report_notice(r, lang));
    unchecked_and_marks(sb, r, lang);
    PK_SB_LIT(sb, ",\"verdict\":");
    pk_json_append_string(sb, pk_verdict_name(pk_report_verdict(r)));
    PK_SB_LIT(sb, ",\"score\":");
    if (score >= 0 && isfinite(score))
        pk_json_append_number(sb, round(score * 100.0) / 100.0);
    else
        PK_SB_LIT(sb, "null");
    PK_SB_LIT(sb, ",\"errors\":");
    problems(sb, r, 0, lang);
    PK_SB_LIT(sb, ",\"warnings\":");
    problems(sb, r, 1, lang);
    PK_SB_LIT(sb, ",\"articles\":");
    articles(sb, r);
    PK_SB_LIT(sb, ",\"results\":[");
    n = pk_report_result_count(r);
    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res == NULL)
            continue;
        pk_sb_puts(sb, sep);
        sep = ",";
        result(sb, &mem, res, lang);
    }
    PK_SB_LIT(sb, "]}");
    return sb->failed ? PK_ENOMEM : 0;
}

/* A piece is ",\n" and the dossier: the first goes out without the
 * comma (the ops' lead). */
static int json_format(const pk_writer *w, const pk_report *r,
                       pk_writer_piece *p)
{
    PK_SB_LIT(&p->text, ",\n");
    return pk_json_append_dossier(&p->text, r, w->lang);
}

/* How many of the dossiers written (counts of the writer) or of the whole
 * batch, the dossiers a caller left out included (pk_writer_leave_out()),
 * got each verdict: ',"eligible":N,...' after "dossiers". */
static void verdict_counts(pk_strbuf *sb, const pk_writer *w, int batch)
{
    static const struct {
        pk_verdict v;
        const char *name;
    } order[] = {
        {PK_VERDICT_ELIGIBLE, "eligible"},
        {PK_VERDICT_INCOMPLETE, "incomplete"},
        {PK_VERDICT_NOT_ELIGIBLE, "not_eligible"},
        {PK_VERDICT_INVALID, "invalid"},
        {PK_VERDICT_NEEDS_RULING, "needs_ruling"},
    };

    PK_SB_LIT(sb, "{\"dossiers\":");
    uint_value(sb, batch ? pk_writer_batch_size(w) : w->dossiers);
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        pk_sb_printf(sb, ",\"%s\":", order[i].name);
        uint_value(sb, batch ? pk_writer_batch_verdicts(w, order[i].v)
                             : w->verdicts[order[i].v]);
    }
}

/* The summary counts the dossiers written; with some left out (--only),
 * "left_out" says how many and "batch" gives the whole batch's counts, as
 * the text, HTML and summary formats do. */
static int json_finish(pk_writer *w, pk_strbuf *sb)
{
    pk_sb_puts(sb, w->dossiers > 0 ? "\n]" : "]");
    PK_SB_LIT(sb, ",\"summary\":");
    verdict_counts(sb, w, 0);
    PK_SB_LIT(sb, ",\"left_out\":");
    uint_value(sb, w->left_out);
    PK_SB_LIT(sb, ",\"batch\":");
    verdict_counts(sb, w, 1);
    PK_SB_LIT(sb, "}}}\n");
    return sb->failed ? PK_ENOMEM : 0;
}

const pk_writer_ops pk_writer_json_ops = {
    "json", 0, json_begin, json_format, NULL, json_finish, NULL, 2,
};
