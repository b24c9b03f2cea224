/* value.h - typed values, their parsers, exact rational arithmetic, dates
 * and UTF-8 (value.c). */
#ifndef PK_VALUE_H
#define PK_VALUE_H

#include "common.h"

typedef enum pk_vkind {
    PK_V_MISSING = 0,
    PK_V_INVALID,
    PK_V_NUMBER, /* exact rational num/den, den > 0 */
    PK_V_TEXT,   /* free text or a vocabulary name */
    PK_V_BOOL,
    PK_V_DATE, /* days since 1970-01-01 in num; text holds the ISO form */
    PK_V_SET   /* names: set.items[0..set.count) */
} pk_vkind;

typedef struct pk_strset {
    const char **items;
    size_t count;
} pk_strset;

typedef struct pk_val {
    pk_vkind kind;
    int64_t num, den;   /* PK_V_NUMBER; PK_V_DATE uses num */
    int boolean;        /* PK_V_BOOL */
    int stable;         /* text is a vocabulary's name, not the dossier's
                           own: it lives as long as the engine, so a report
                           may point at it without a copy */
    const char *text;   /* PK_V_TEXT, PK_V_DATE (ISO form) */
    pk_strset set;      /* PK_V_SET */
    int open;           /* PK_V_SET: the dossier says its list is not
                           exhaustive, so a name not in it is unknown, not
                           absent */
    unsigned line, col; /* where an invalid value was read */
} pk_val;

/* What is known of a number that is missing as a whole: the known parts
 * of a sum put a floor under it, the known elements of a least-of a
 * ceiling over it. Rational bounds; a side without has_ is open. Read
 * numbers are never negative (the format has no sign), so most missing
 * numbers at least have lo = 0. For a known number, lo = hi = it. */
typedef struct pk_interval {
    int has_lo, has_hi;
    int64_t lo_n, lo_d, hi_n, hi_d;
} pk_interval;

/* A message for people in both languages (libxml2's faults, syntax.c). */
typedef struct pk_msgpair {
    char en[448];
    char vi[448];
} pk_msgpair;

/* Why a value cannot be read: a message of the registry (messages.def)
 * and its arguments, worded in a language only when shown. The value
 * messages' first argument, {1}, says where ("<total>: ", or "" for a rule
 * pack); the parsers fill the others. */
#define PK_MSGARGS_MAX 12
typedef struct pk_msgargs {
    unsigned id;
    unsigned nargs;
    char args[PK_ERROR_ARGS_MAX]; /* packed, each NUL-terminated */
} pk_msgargs;

void pk_msgargs_set(pk_msgargs *m, unsigned id, size_t nargs,
                    const char *const *args);
/* where, then the arguments of m, into out[max]; returns how many. */
size_t pk_msgargs_unpack(const pk_msgargs *m, const char *where,
                         const char **out, size_t max);
/* m in lang (0 vi, 1 en) after where into buf, like snprintf(). */
size_t pk_msgargs_render(const pk_msgargs *m, const char *where, int lang,
                         char *buf, size_t size);

/* Parsers write *out and return 0, or return PK_EVALUE / PK_ERANGE with
 * the message in English in msg (for rule packs). */
/* A whole number below 10^12 in words ("bảy mươi lăm nghìn", "seventy-five
 * thousand"); larger ones in digits. */
void pk_number_words_vi(uint64_t n, char *buf, size_t len);
void pk_number_words_en(uint64_t n, char *buf, size_t len);
int pk_parse_integer(const char *s, pk_val *out, char *msg, size_t msglen);
int pk_parse_decimal(const char *s, pk_val *out, char *msg, size_t msglen);
int pk_parse_date(const char *s, int64_t *days, char *msg, size_t msglen);
int pk_parse_bool(const char *s, int *out, char *msg, size_t msglen);

/* Rational arithmetic; return 0 or PK_ERANGE on overflow. */
int pk_num_add(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd);
int pk_num_sub(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd);
/* a/b; PK_ERANGE also when b is 0. */
int pk_num_div(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd);
int pk_num_mul(int64_t an, int64_t ad, int64_t bn, int64_t bd, int64_t *rn,
               int64_t *rd);
/* -1, 0 or 1 as a/ad compares with b/bd; exact. */
int pk_num_cmp(int64_t an, int64_t ad, int64_t bn, int64_t bd);
double pk_num_double(int64_t n, int64_t d);
/* The days of an ISO date and back. */
int64_t pk_days_from_civil(int y, unsigned m, unsigned d);
void pk_civil_from_days(int64_t days, char out[11]);
/* 1 when s is a valid UTF-8 string of len bytes. */
int pk_utf8_valid(const char *s, size_t len);
/* The offset of the first byte that does not start a valid character, or
 * len when all of s is valid. */
size_t pk_utf8_first_invalid(const char *s, size_t len);
/* The same, and when all of s is valid, *plain says whether every
 * character is one pk_nfc_plain() takes as it is (unicode.h): then every
 * text in s is in NFC as written. */
size_t pk_utf8_scan(const char *s, size_t len, int *plain);
/* The number of characters in s[0..len), for columns. */
unsigned pk_utf8_count(const char *s, size_t len);

/* Types the string s, read for a value of the format, by v into out.
 * attrs are the element's attribute values, needed for quantities (their
 * unit) and for vocabularies that depend on another attribute. Returns 0
 * (out->kind may still be PK_V_INVALID: an attribute it depends on is
 * invalid and says so itself), PK_ENOMEM, or PK_EVALUE / PK_ERANGE with
 * out invalid and msg saying why (a sentence with s quoted). Texts and
 * dates are copied into arena. */
struct pk_fvalue;
int pk_value_type(const struct pk_fvalue *v, const char *s, const pk_val *attrs,
                  pk_arena *arena, pk_val *out, pk_msgargs *msg);

#endif
