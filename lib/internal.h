/*
 * internal.h - the engine's shared types. Not installed.
 *
 * The pieces, in the order data flows through them:
 *   format.c   the dossier format description (rules/schema/dossier-1.xml)
 *   dossier.c  reads a dossier with SAX into typed nodes (pk_dnode)
 *   path.c     the simple location paths facts are read by
 *   pack*.c    loads, checks and compiles rule packs
 *   facts.c    computes a dossier's facts for one pack
 *   expr.c     three-valued condition trees
 *   eval.c     rules, verdict and score into a pk_report
 *   report.c   the public getters and the messages
 */
#ifndef PK_INTERNAL_H
#define PK_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <parkcheck/parkcheck.h>

#include "arena.h"
#include "strbuf.h"

#if defined(__GNUC__)
#  define PK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define PK_PRINTF(a, b)
#endif

#define PK_NONE UINT32_MAX

/* ---- errors (error.c) ---- */

void pk_error_set(pk_error *err, int code, const char *source, unsigned line,
                  unsigned column, const char *fmt, ...) PK_PRINTF(6, 7);
void pk_error_setv(pk_error *err, int code, const char *source, unsigned line,
                   unsigned column, const char *fmt, va_list ap)
    PK_PRINTF(6, 0);

/* A list of problems with severities (dossier input problems). */
typedef struct pk_problems {
    pk_error *items;
    unsigned char *warning;
    char **vi;        /* the Vietnamese wording, or NULL */
    size_t count, cap;
    size_t errors;
} pk_problems;

int pk_problems_add(pk_problems *p, int warning, int code, const char *source,
                    unsigned line, unsigned column, const char *fmt, ...)
    PK_PRINTF(7, 8);
/* The same with its wording in both languages (vi may be NULL). */
int pk_problems_add2(pk_problems *p, int warning, int code,
                     const char *source, unsigned line, unsigned column,
                     const char *en, const char *vi);
void pk_problems_free(pk_problems *p);

/* ---- values (value.c) ---- */

typedef enum pk_vkind {
    PK_V_MISSING = 0,
    PK_V_INVALID,
    PK_V_NUMBER, /* exact rational num/den, den > 0 */
    PK_V_TEXT,   /* free text or a vocabulary name */
    PK_V_BOOL,
    PK_V_DATE,   /* days since 1970-01-01 in num; text holds the ISO form */
    PK_V_SET     /* names: set.items[0..set.count) */
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

/* A message for people in both languages. */
typedef struct pk_msgpair {
    char en[448]; /* a number's two readings, spelt out, fit */
    char vi[448];
} pk_msgpair;

/* Parsers write *out and return 0, or fill the message (a sentence with
 * the value quoted) and return PK_EVALUE / PK_ERANGE. The _m forms say it
 * in both languages, for dossiers; the others in English, for packs. */
int pk_parse_integer_m(const char *s, pk_val *out, pk_msgpair *mp);
int pk_parse_decimal_m(const char *s, pk_val *out, pk_msgpair *mp);
int pk_parse_date_m(const char *s, int64_t *days, pk_msgpair *mp);
int pk_parse_bool_m(const char *s, int *out, pk_msgpair *mp);
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
/* The number of characters in s[0..len), for columns. */
unsigned pk_utf8_count(const char *s, size_t len);

/* ---- the dossier format (format.c) ---- */

typedef enum pk_ftype {
    PK_T_NONE = 0, /* a container: no value of its own */
    PK_T_TEXT,
    PK_T_INTEGER,
    PK_T_DECIMAL,
    PK_T_QUANTITY, /* a decimal with a unit attribute, kept in base units */
    PK_T_BOOL,
    PK_T_DATE,
    PK_T_ENUM
} pk_ftype;

typedef struct pk_quantity {
    char *name;        /* "area" */
    char *base;        /* "ha" */
    size_t nunits;
    char **unit_names; /* "ha", "m2" */
    int64_t *per_base; /* how many of the unit make one base unit */
} pk_quantity;

/* A closed vocabulary, possibly depending on a sibling attribute's value. */
typedef struct pk_vocab {
    size_t count;
    char **names;
    char *joined;     /* "a, b, c" for messages */
    char **labels[2]; /* words for people (vi, en); NULL or entries NULL */
} pk_vocab;

typedef struct pk_fvalue {
    pk_ftype type;
    pk_vocab vocab;                /* PK_T_ENUM */
    const pk_quantity *quantity;   /* PK_T_QUANTITY */
    uint32_t unit_attr;            /* PK_T_QUANTITY: the attribute index */
    uint32_t depends_on;           /* PK_T_ENUM: attribute index or PK_NONE */
    size_t ncases;                 /* vocabularies by that attribute's value */
    char **case_when;
    pk_vocab *case_vocab;
} pk_fvalue;

typedef struct pk_fattr {
    char *name;
    pk_fvalue value;
    int required;
    /* says which kind of row it is (a document's type): filled in by the
     * template, it states nothing while the row's other fields are blank */
    int key;
    /* The values (bit i: vocabulary name i) by which the element says its
     * repeated children are not all listed: a set read through them may
     * hold more than it shows (a document whose contents are not
     * described). 0 for none. */
    uint64_t opens;
    char *label[2]; /* words for people (vi, en) from the description's
                       vi= and en=, or NULL */
} pk_fattr;

typedef enum pk_role {
    PK_ROLE_NONE = 0,
    PK_ROLE_KIND,
    PK_ROLE_DATE,
    PK_ROLE_NAME,
    PK_ROLE_PROVINCE,
    /* on a list's container: "there are none" said explicitly */
    PK_ROLE_NONE_MARK,
    PK_ROLE_COUNT
} pk_role;

typedef struct pk_felem {
    char *name;
    char *path;          /* "/dossier/land/total" */
    uint32_t parent;     /* PK_NONE for the root */
    uint32_t depth;      /* root = 0 */
    int repeat;          /* may appear more than once under its parent */
    pk_fvalue value;     /* of the text */
    size_t nattrs;
    pk_fattr *attrs;
    size_t nchildren;
    uint32_t *children;
    pk_role role;        /* of the text */
    pk_role *attr_roles; /* per attribute */
    char *label[2];      /* words for people (vi, en), or NULL */
} pk_felem;

typedef struct pk_dformat {
    char *source;
    char *version;
    size_t nelems;
    pk_felem *elems; /* [0] is the root */
    size_t nquantities;
    pk_quantity *quantities;
    /* Where the roles are: element index and attribute index (PK_NONE for
     * the element's text), or elem PK_NONE when the format has none. */
    struct {
        uint32_t elem, attr;
    } role_at[PK_ROLE_COUNT];
    /* the <checks> on the figures (bounds.h), or NULL */
    struct pk_bounds *bounds;
} pk_dformat;

int pk_format_load(pk_dformat **out, const char *source, const char *data,
                   size_t len, pk_error *err);
void pk_format_free(pk_dformat *f);
uint32_t pk_format_child(const pk_dformat *f, uint32_t parent,
                         const char *name);
uint32_t pk_format_attr(const pk_dformat *f, uint32_t elem, const char *name);
/* The vocabulary an enum value is checked against, given the element's
 * other attribute values (NULL when the case cannot be chosen). */
const pk_vocab *pk_fvalue_vocab(const pk_fvalue *v, const pk_val *attrs);
/* Index of name in the vocabulary, or -1. */
int pk_vocab_find(const pk_vocab *v, const char *name);
/* The vocabulary of dossier kinds, or NULL when the format has none. */
const pk_vocab *pk_format_kinds(const pk_dformat *f);
/* The words for a name in lang (0 vi, 1 en), or the name itself. */
const char *pk_vocab_label(const pk_vocab *v, const char *name, int lang);

/* ---- dossiers (dossier.c) ---- */

typedef struct pk_dnode {
    uint32_t elem;      /* format element */
    uint32_t parent;    /* node index; PK_NONE for the root */
    uint32_t next_same; /* next node of the same element; PK_NONE */
    pk_val text;        /* the typed text, when the element has a type */
    pk_val *attrs;      /* one per format attribute */
    size_t off;         /* where its start tag's attributes end */
    uint64_t blank_attrs; /* the attributes written empty, one bit each */
    unsigned char kids;   /* it has child elements of the format */
    unsigned char stated_kids; /* and one of them is not blank */
    /* A row or list left blank (the template's blanks untouched): not a
     * statement. Facts read it as unknown, never as a value or as none. */
    unsigned char blank;
} pk_dnode;

struct pk_dossier {
    pk_arena arena;
    const pk_dformat *format;
    char *source;
    pk_dnode *nodes;
    size_t nnodes, cap;
    uint32_t *first; /* per format element: first node, or PK_NONE */
    uint32_t *last;  /* per format element: last node, or PK_NONE */
    pk_problems problems;
    int unreadable;  /* a required attribute of the root is missing/bad */
    void *tree;      /* xmlDocPtr when the engine needs XPath, else NULL */
};

/* Reads a whole file into a NUL-terminated buffer (free()), refusing one
 * larger than limit before reading it. */
int pk_read_file(const char *path, size_t limit, char **data, size_t *len,
                 pk_error *err);

/* pk_dossier_read_*() that also say, in vi (PK_ERROR_TEXT_MAX bytes, may
 * be NULL), in Vietnamese why a dossier could not be read. */
int pk_dossier_read_file_vi(pk_dossier **out, const pk_engine *engine,
                            const char *path, pk_error *err, char *vi);
int pk_dossier_read_memory_vi(pk_dossier **out, const pk_engine *engine,
                              const char *name, const char *data, size_t len,
                              pk_error *err, char *vi);

/* ---- engine (engine.c) ---- */

typedef struct pk_pack pk_pack;

struct pk_engine {
    pk_dformat *format;
    size_t npacks;
    pk_pack **packs;
    size_t max_bytes;
    unsigned max_depth;
    int needs_tree; /* some pack reads facts by XPath */
};

/* ---- reports (eval.c, report.c) ---- */

/* A citation written out in each language (vi, en): packs keep their
 * rules' (pk_rule.cite_text) so that reports need not write them. */
#define PK_CITE_TEXT_MAX 64

typedef struct pk_factval {
    uint32_t fact;  /* index in the pack */
    pk_val val;
} pk_factval;

struct pk_result {
    const struct pk_rule *rule;
    const pk_citation *cite; /* the rule's citation for this dossier's kind */
    const char *cite_words[2]; /* the same written out (vi, en), from the
                                  pack; NULL when none */
    const pk_pack *pack;
    pk_report *report;
    pk_status status;
    /* each reading's outcome, in the rule's order; none when settled */
    size_t nreadings;
    pk_status *readings;
    const struct pk_reading **reading_defs;
    const struct pk_cond *settled; /* the one reading for this kind, or
                                      NULL */
    /* the facts the rule read, and those whose absence kept it unknown */
    size_t nvalues;
    pk_value_info *values;
    size_t nmissing;
    const char **missing;
    /* the deciding comparison */
    int has_cmp;
    pk_comparison cmp;
    int cmp_range;           /* the threshold depends on a missing fact */
    int cmp_bound;           /* the value is a bound of a missing fact that
                                decided: 1 at least, -1 at most */
    double cmp_threshold_hi; /* the range's other end */
    int cmp_has_needed;
    double cmp_needed;       /* for ratios: the numerator that would do */
    const char *cmp_needed_unit;
    int cmp_needed_integral;
    /* the same typed (value read, what is required), and the condition it
     * came from with whether a <not> above it turns it round: yes/no, text
     * and set comparisons are quoted from these, never as numbers */
    pk_value_info cmp_typed[2];
    const struct pk_cond *cmp_cond;
    int cmp_negated;
    /* why the status is error */
    uint32_t error_fact;     /* an invalid fact, or PK_NONE */
    uint32_t error_param;    /* a parameter with no value, or PK_NONE */
    int error_pattern;       /* a pattern hit its limits */
    char *message[2];        /* rendered on demand */
    char *cmp_text[2];       /* the comparison in words, on demand */
    char *citation_text[2];
};

struct pk_report {
    pk_arena arena;
    const pk_engine *engine;
    const pk_pack *pack;
    char *source;
    pk_verdict verdict;
    double score;
    const char *kind, *park_name, *province, *date;
    pk_problems problems;
    size_t nresults;
    pk_result *results;
    size_t narticles;
    pk_article_score *articles;
    const char *notice[2];
    pk_val *facts; /* per pack fact */
    pk_interval *intervals; /* per pack fact: what is known of a missing
                               number */
    /* Getters that render on demand (messages, citations) and ran out of
     * memory: they returned "", and a writer that used them fails. */
    unsigned long render_failures;
};

int pk_report_new_empty(pk_report **out, const pk_engine *engine,
                        const char *source);

#endif /* PK_INTERNAL_H */
