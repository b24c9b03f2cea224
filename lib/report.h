/* report.h - a dossier's report: results, scores, facts (eval.c builds it,
 * report.c answers the public getters, render.c writes its words). */
#ifndef PK_REPORT_H
#define PK_REPORT_H

#include "engine.h"
#include "problems.h"

/* A citation written out in each language (vi, en): packs keep their
 * rules' (pk_rule.cite_text) so that reports need not write them. */
#define PK_CITE_TEXT_MAX 64

typedef struct pk_factval {
    uint32_t fact; /* index in the pack */
    pk_val val;
} pk_factval;

struct pk_result {
    const struct pk_rule *rule;
    const pk_citation *cite;   /* the rule's citation for this dossier's kind */
    const char *cite_words[2]; /* the same written out (vi, en), from the
                                  pack; NULL when none */
    const pk_pack *pack;
    pk_report *report;
    pk_status status;
    int other_kind; /* not applicable: the rule is for other kinds of
                       dossier, so its own not-applicable message (which
                       says why its condition does not hold) is not said */
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
    double cmp_needed; /* for ratios: the numerator that would do */
    const char *cmp_needed_unit;
    int cmp_needed_integral;
    /* the same typed (value read, what is required), and the condition it
     * came from with whether a <not> above it turns it round: yes/no, text
     * and set comparisons are quoted from these, never as numbers */
    pk_value_info cmp_typed[2];
    const struct pk_cond *cmp_cond;
    int cmp_negated;
    /* why the status is error */
    uint32_t error_fact;  /* an invalid fact, or PK_NONE */
    uint32_t error_param; /* a parameter with no value, or PK_NONE */
    int error_pattern;    /* a pattern hit its limits */
};

/* What a result says in words (vi, en), written when first asked for
 * (pk_report_render()): results themselves never change once evaluated. */
typedef struct pk_texts {
    char *message[2];
    char *cmp_text[2];  /* the comparison in words */
    char *cmp_value[2]; /* its sides, as they are written in it */
    char *cmp_required[2];
    char *citation_text[2]; /* when the pack has not written it out */
} pk_texts;

/* Where the texts are written: each in one of the buffers (a comparison's
 * sentence is written while its sides are, so one buffer a level), then
 * copied into the arena, which keeps them until the report is freed. */
#define PK_TEXT_DEPTH 4
typedef struct pk_text_store {
    pk_arena arena;
    pk_strbuf scratch[PK_TEXT_DEPTH];
    int depth;
} pk_text_store;

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
    pk_texts *texts;      /* per result; its own storage, which the result
                             getters fill through a const report */
    pk_text_store *store; /* the storage of the texts */
    size_t narticles;
    pk_article_score *articles;
    const char *notice[2];
    /* regimes: whether the pack was in force on the dossier's date */
    pk_regime regime;
    const char *regime_text[2];
    pk_val *facts;          /* per pack fact */
    pk_interval *intervals; /* per pack fact: what is known of a missing
                               number */
};

int pk_report_new_empty(pk_report **out, const pk_engine *engine,
                        const char *source);

/* The value fact fi of pack has in v, as a result gives its values (a
 * set's names joined by spaces, in arena, once): 0 or PK_ENOMEM
 * (report.c). */
int pk_fact_value_info(const pk_pack *pack, uint32_t fi, pk_val *v,
                       pk_arena *arena, pk_value_info *vi);

/* The value r gives fact id, whether or not one of its rules read it:
 * 0 and *out, which lives as long as r; PK_EINVAL when r's pack has no
 * such fact (or r was not evaluated); PK_ENOMEM (report.c). */
int pk_report_fact_value(const pk_report *r, const char *id,
                         const pk_value_info **out);

/* regimes (provenance.c): marks a report whose pack was not in force on
 * the dossier's date, and gives the date the pack's values are taken as
 * of (the nearest day of its period). */
int pk_regime_mark(pk_report *r, int64_t date, int64_t *values_date);

#endif
