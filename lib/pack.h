/* Rule packs, compiled: facts, parameters, condition trees and rules. */
#ifndef PK_PACK_H
#define PK_PACK_H

#include <stdatomic.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "internal.h"
#include "strindex.h"

/* ---- simple location paths (path.c) ---- */

typedef struct pk_pred {
    uint32_t elem; /* the step it filters: nodes of this format element */
    uint32_t attr; /* the attribute compared */
    char *value;   /* its value, as written in the dossier's vocabulary */
    int neg;       /* [@a!='v']: the attribute is absent or has another
                      value (an outline is not the document it outlines) */
} pk_pred;

typedef struct pk_path {
    uint32_t elem;  /* the last element step */
    uint32_t attr;  /* a final /@attr, or PK_NONE for the element's text */
    uint32_t scope; /* the parent of the first repeating step; PK_NONE when
                       no step repeats (a single value) */
    size_t npreds;
    pk_pred *preds;
} pk_path;

/* Compiles "/dossier/zones/zone[@group='core']/@area" against the format;
 * fills msg on failure. */
int pk_path_compile(const pk_dformat *f, const char *text, pk_path *out,
                    char *msg, size_t msglen);
void pk_path_free(pk_path *p);
/* 1 when node (of element p->elem) and its ancestors satisfy p's
 * predicates. */
int pk_path_match(const pk_path *p, const pk_dossier *d, uint32_t node);
/* 1 when whether node is on the path cannot be told: no predicate fails
 * but one reads an attribute that is invalid (*bad: that value). A zone
 * whose group is misspelt may be a core zone or not; an aggregate over it
 * is as invalid as one over a misspelt area. */
int pk_path_undecided(const pk_path *p, const pk_dossier *d, uint32_t node,
                      const pk_val **bad);
/* Whether an element node above the path's last step is on the path: the
 * predicates on it and its ancestors hold (those on later steps are not
 * its to meet). */
int pk_path_match_above(const pk_path *p, const pk_dossier *d, uint32_t node);

/* ---- provenance (provenance.c) ---- */

/* Where a rule or parameter comes from: a level (pk_provenance; 0 when the
 * element says nothing, and the pack's own provenance stands) and the
 * source in each language. */
typedef struct pk_prov {
    int level;
    char *source[2];
} pk_prov;

/* An item of the law a pack knows of but cannot check yet (its figure is
 * not known): listed in every report of the kinds it concerns. */
typedef struct pk_unchecked {
    char *id;
    uint64_t kinds; /* 0: every kind */
    pk_citation cite;
    char cite_text[2][PK_CITE_TEXT_MAX];
    char *title[2];
} pk_unchecked;

/* ---- facts ---- */

typedef enum pk_facttype {
    PK_FT_NUMBER = 0,
    PK_FT_TEXT,
    PK_FT_BOOL,
    PK_FT_DATE,
    PK_FT_SET
} pk_facttype;

typedef enum pk_facthow {
    PK_FH_PATH = 0, /* the value at a path */
    PK_FH_COUNT,    /* how many nodes a path selects */
    PK_FH_SUM,      /* the sum of the values a path selects */
    PK_FH_VALUES,   /* the set of the values a path selects */
    PK_FH_RATIO,    /* args[0] / args[1] */
    PK_FH_TOTAL,    /* args[0] + args[1] + ... */
    PK_FH_DIFF,     /* args[0] - args[1] */
    PK_FH_XPATH,    /* an XPath 1.0 expression */
    PK_FH_MIN,      /* the least of the values a path selects */
    PK_FH_MAX,      /* the greatest */
    PK_FH_EACH      /* a ratio of two attributes of each selected element,
                       reduced to its least (or greatest) */
} pk_facthow;

typedef struct pk_fact {
    char *id;
    unsigned line, col;
    pk_facttype type;
    pk_facthow how;
    char *unit;
    char *where;  /* the path or XPath it is read by; NULL when derived */
    int integral; /* a count or whole number: "needed" rounds */
    pk_path path;
    size_t nargs;
    uint32_t *args;
    void *xpath;           /* xmlXPathCompExprPtr */
    uint32_t each_attr[2]; /* PK_FH_EACH: numerator and denominator */
    int each_max;          /* PK_FH_EACH: the greatest, not the least */
    char *label[2];
    /* the read facts this one is computed from (itself when read) */
    size_t nbases;
    uint32_t *bases;
    int used;
} pk_fact;

/* ---- parameters ---- */

typedef struct pk_pvalue {
    char *when;          /* the by-fact's value; NULL = otherwise */
    int64_t from, until; /* days; until is inclusive, INT64_MAX open */
    int64_t num, den;
} pk_pvalue;

typedef struct pk_param {
    char *id;
    unsigned line, col;
    int percent; /* written as a percentage, held as a fraction */
    char *unit;
    pk_citation cite;
    uint32_t by; /* fact index or PK_NONE */
    size_t nvalues;
    pk_pvalue *values;
    char *label[2];
    int used;
    pk_prov prov;
} pk_param;

/* ---- conditions (expr.c) ---- */

typedef enum pk_cop {
    PK_C_ALL = 0,
    PK_C_ANY,
    PK_C_NOT,
    PK_C_COMPARE,
    PK_C_PRESENT,
    PK_C_EMPTY,
    PK_C_CONTAINS,
    PK_C_IN,
    PK_C_MATCHES
} pk_cop;

typedef enum pk_cmpop {
    PK_OP_GE = 0,
    PK_OP_GT,
    PK_OP_LE,
    PK_OP_LT,
    PK_OP_EQ,
    PK_OP_NE
} pk_cmpop;

typedef enum pk_rhs { PK_RHS_PARAM = 0, PK_RHS_VALUE, PK_RHS_FACT } pk_rhs;

typedef struct pk_cond {
    pk_cop op;
    unsigned line, col;
    size_t nkids;
    struct pk_cond *kids;
    uint32_t fact;
    pk_cmpop cmp;
    pk_rhs rhs;
    uint32_t rhs_index; /* param or fact */
    pk_val rhs_value;   /* constant: number or text */
    char *text;         /* contains / matches source; compare: the as-if
                           value of the parameter's by-fact, or NULL */
    pk_vocab set;       /* in */
    pcre2_code *re;     /* matches */
    unsigned slot;      /* compare: its index among the rule's compares */
} pk_cond;

typedef enum pk_tv {
    PK_TV_FALSE = 0,
    PK_TV_TRUE,
    PK_TV_UNKNOWN,
    PK_TV_ERROR
} pk_tv;

/* ---- rules ---- */

enum {
    PK_MSG_PASS = 0,
    PK_MSG_FAIL,
    PK_MSG_UNKNOWN,
    PK_MSG_NA,
    PK_MSG_ERROR,
    PK_MSG_OPEN,
    PK_MSG_COUNT
};

/* One way of reading a provision whose words leave it open: its own
 * condition, decided like a rule's check, and why one would read it so. */
typedef struct pk_reading {
    char *id;
    unsigned line, col;
    uint64_t kinds; /* the dossier kinds it is a reading for */
    char *title[2];
    char *explanation[2];
    pk_cond check;
} pk_reading;

typedef struct pk_kindcite {
    uint64_t kinds; /* the dossier kinds it is cited for */
    pk_citation cite;
    char cite_text[2][PK_CITE_TEXT_MAX];
} pk_kindcite;

typedef struct pk_rule {
    char *id;
    unsigned line, col;
    const pk_dformat *format; /* for the kinds it names */
    pk_citation cite;         /* for kinds no <citation kinds> names */
    char cite_text[2][PK_CITE_TEXT_MAX];
    size_t nkindcites; /* the same requirement stands in another clause */
    pk_kindcite *kindcites;
    int has_default_cite;
    pk_category category;
    pk_severity severity;
    double weight;
    uint64_t kinds;   /* bit per value of the dossier kind's vocabulary */
    pk_cond *applies; /* NULL: always */
    pk_cond check;    /* unused (always true) when there are readings */
    size_t nreadings; /* the provision's readings; 0 when it is settled */
    pk_reading *readings;
    char *open_words[2]; /* the decree's words that leave it open */
    char *title[2];
    char *message[PK_MSG_COUNT][2];
    size_t nfacts; /* the facts to show: read and derived, no duplicates */
    uint32_t *facts;
    unsigned ncompares;
    pk_prov prov;        /* as the rule states it */
    const pk_prov *sure; /* the least sure of the rule and the parameters
                            it compares with (provenance.c) */
} pk_rule;

typedef struct pk_notice {
    int64_t from, until;
    char *text[2];
} pk_notice;

/* What a writer makes once from a pack and keeps with it (the JSON
 * writer's escaped words of each rule, writers/json.c): made by the first
 * thread that needs it and published with an atomic exchange, since an
 * engine and its packs are shared; freed with the pack through its own
 * function, so that the pack needs nothing of the writer. */
typedef struct pk_pack_cache pk_pack_cache;
struct pk_pack_cache {
    void (*free)(pk_pack_cache *c);
};

struct pk_pack {
    char *source;
    char *id, *version;
    char *title[2];
    int64_t from, until;
    char from_text[11], until_text[11];
    size_t nnotices;
    pk_notice *notices;
    size_t nfacts;
    pk_fact *facts;
    pk_strindex fact_index; /* the facts by id, once all are named */
    size_t nparams;
    pk_param *params;
    size_t nrules;
    pk_rule *rules;
    unsigned max_compares;
    /* PCRE2 allocates through gctx with the library's malloc and free,
     * like the rest of the library (tests/alloc fails them in turn). */
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
    const pk_dformat *format;
    /* provenance (provenance.c) */
    pk_prov prov; /* for every rule and parameter that does
                     not state its own */
    int provisional;
    char *provisional_text[2];
    char *unchecked_reason[2];
    size_t nunchecked;
    pk_unchecked *unchecked;
    /* the JSON writer's, one per language (0 vi, 1 en) */
    _Atomic(pk_pack_cache *) json_cache[2];
};

/* Loads one pack; every problem goes to on_problem, the first to err. */
int pk_pack_load(pk_pack **out, const pk_dformat *format, const char *source,
                 const char *data, size_t len, pk_diag_fn on_problem,
                 void *userdata, pk_error *err);
void pk_pack_free(pk_pack *p);
/* Frees what provenance.c loaded into the pack. */
void pk_provenance_free(pk_pack *p);
int pk_pack_uses_xpath(const pk_pack *p);
/* Indexes the facts by id, once every fact has its id (a speed: without
 * the index, finding still works). */
int pk_pack_index_facts(pk_pack *p);
int pk_pack_find_fact(const pk_pack *p, const char *id);
int pk_pack_find_param(const pk_pack *p, const char *id);
/* The vocabulary a text or set fact's values come from, or NULL. */
const pk_vocab *pk_fact_vocab(const pk_pack *p, const struct pk_fact *f);
/* The type the format gives what fact f reads from a dossier (a path or a
 * values fact: a set of yes/no answers is PK_T_BOOL), or PK_T_NONE for a
 * fact computed from others or read by an XPath. */
pk_ftype pk_fact_format_type(const pk_pack *p, const struct pk_fact *f);

/* ---- evaluation (facts.c, expr.c) ---- */

typedef struct pk_cmpslot {
    int done;
    pk_tv tv;
    double value, threshold, threshold_hi, shortfall;
    int range;
    double needed;
    int has_needed;
    int bound; /* value is not the fact's but a bound that decided it:
                  1 at least, -1 at most (the fact itself is missing) */
} pk_cmpslot;

typedef struct pk_evalctx {
    const pk_pack *pack;
    const pk_dossier *dossier;
    pk_report *report;
    int64_t date;
    pk_val *facts;          /* per pack fact */
    pk_interval *intervals; /* per pack fact: what is known of a missing
                             number (facts.c) */
    pk_cmpslot *slots;      /* per compare of the current rule */
    uint32_t *missing;      /* fact indexes, for the current rule */
    size_t nmissing;
    uint32_t error_fact;  /* the invalid fact that put a rule in error */
    uint32_t error_param; /* a parameter with no value on the date */
    const pk_cond *error_pattern; /* a pattern that hit its limits */
    int oom;
    pcre2_match_data *md;
} pk_evalctx;

int pk_facts_compute(pk_evalctx *c);
/* The bounds of fact i's value: its own for a number, what is known of it
 * when it is missing, none for anything else. */
pk_interval pk_fact_interval(const pk_evalctx *c, uint32_t i);
/* Whether that side of a missing fact's bounds (the ceiling, or the floor)
 * is itself one element's value: the least of the parks that state a
 * share is a share some park has, not just a bound. */
int pk_fact_bound_is_element(const pk_fact *f, int ceiling);
pk_tv pk_cond_eval(pk_evalctx *c, const pk_cond *cond);
/* The parameter's values in force on the date, for the by-fact's value
 * (all candidates when that is missing). Returns the count written. */
size_t pk_param_values(const pk_param *p, const pk_val *by, int64_t date,
                       const pk_pvalue **out, size_t max);

#endif
