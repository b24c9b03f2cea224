/*
 * view.h - a report as its readers see it, built once per report: the
 * results grouped by category and by article in the decree's order, each
 * group split into the mandatory rules that apply, the advisory ones that
 * apply and those that do not apply, with the counts the headings show;
 * and the document checklist's counts; and every result in the pack's
 * order with the counts by status. The text, HTML and JUnit writers walk
 * it (the way cmark's renderers walk one tree) instead of each grouping
 * and counting the results again.
 */
#ifndef PK_VIEW_H
#define PK_VIEW_H

#include <stddef.h>

#include <parkcheck/parkcheck.h>

#include "writers.h"

/* The lists of a group, in the order the reports show them. */
enum {
    PK_VIEW_MANDATORY = 0, /* mandatory rules that apply */
    PK_VIEW_ADVISORY = 1,  /* advisory rules that apply */
    PK_VIEW_NA = 2,        /* rules that do not apply to this dossier */
    PK_VIEW_LISTS = 3
};

typedef struct pk_view_group {
    int article; /* 0: the rules that cite no article */
    const pk_result **rules[PK_VIEW_LISTS]; /* each in the pack's order */
    unsigned count[PK_VIEW_LISTS];
    unsigned passed[2]; /* of the mandatory, of the advisory */
} pk_view_group;

typedef struct pk_view_part {
    size_t ngroups;
    pk_view_group *groups; /* by article, ascending */
    unsigned lacking;      /* mandatory rules failed or in error */
    unsigned unclear;      /* mandatory rules the dossier cannot decide */
} pk_view_part;

typedef struct pk_view {
    pk_view_part part[2]; /* by pk_category */
    /* Every result in the pack's order, as a list of test cases shows
     * them, and how many have each status (by pk_status). */
    const pk_result **results;
    size_t nresults;
    size_t by_status[PK_STATUS_COUNT];
    /* The input problems that are errors, not warnings: a drafter fixes
     * them first (pk_view_next_problem()). */
    size_t problem_errors;
    const pk_result **slots;
    pk_view_group *group_mem;
} pk_view;

/* Builds v for r (v's old contents are not freed). PK_OK, or PK_ENOMEM
 * with v empty and nothing to free. */
int pk_view_build(pk_view *v, const pk_report *r);
void pk_view_free(pk_view *v);

/* The article a result is grouped under, and whether it is advisory. */
int pk_view_article_of(const pk_result *res);
int pk_view_is_advisory(const pk_result *res);

/* What a drafter fixes first: the report's input problems, errors before
 * warnings, each in the report's order, since a rule that reads a faulty
 * value cannot be decided. Start with *pos 0; each call gives the next
 * problem's index and moves *pos on, or -1 when none is left. It needs no
 * view (nor memory), so the batch's "why" columns use it as they are. */
long pk_view_next_problem(const pk_report *r, size_t *pos);

#endif
