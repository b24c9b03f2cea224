/* The report view (view.h): built once, walked by the writers. */
#include "view.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "writers.h"

int pk_view_article_of(const pk_result *res)
{
    const pk_citation *c = pk_result_citation(res);

    return c != NULL ? c->article : 0;
}

int pk_view_is_advisory(const pk_result *res)
{
    return pk_result_severity(res) == PK_SEVERITY_ADVISORY;
}

static int list_of(const pk_result *res)
{
    if (pk_result_status(res) == PK_STATUS_NOT_APPLICABLE)
        return PK_VIEW_NA;
    return pk_view_is_advisory(res) ? PK_VIEW_ADVISORY : PK_VIEW_MANDATORY;
}

long pk_view_next_problem(const pk_report *r, size_t *pos)
{
    size_t n = pk_report_problem_count(r);

    /* *pos runs over the errors' pass (0) then the warnings' (1). */
    while (*pos < 2 * n) {
        size_t pass = *pos / n, i = *pos % n;

        (*pos)++;
        if (pk_report_problem_is_warning(r, i) == (int)pass)
            return (long)i;
    }
    return -1;
}

void pk_view_free(pk_view *v)
{
    if (v == NULL)
        return;
    free(v->slots);
    free(v->group_mem);
    memset(v, 0, sizeof *v);
}

int pk_view_build(pk_view *v, const pk_report *r)
{
    size_t n = pk_report_result_count(r), used = 0, groups = 0;

    memset(v, 0, sizeof *v);
    for (size_t i = 0, np = pk_report_problem_count(r); i < np; i++)
        v->problem_errors += !pk_report_problem_is_warning(r, i);
    if (n == 0)
        return PK_OK;
    if (n > SIZE_MAX / 2 / sizeof *v->slots)
        return PK_ENOMEM;
    /* Every group holds a result, so n of each is room enough; the
     * second n slots hold the results in the pack's order. */
    v->slots = malloc(2 * n * sizeof *v->slots);
    v->group_mem = malloc(n * sizeof *v->group_mem);
    if (v->slots == NULL || v->group_mem == NULL) {
        pk_view_free(v);
        return PK_ENOMEM;
    }
    v->results = v->slots + n;
    for (size_t j = 0; j < n; j++) {
        const pk_result *res = pk_report_result(r, j);
        pk_status st;

        if (res == NULL)
            continue;
        v->results[v->nresults++] = res;
        st = pk_result_status(res);
        if ((unsigned)st < PK_STATUS_COUNT)
            v->by_status[st]++;
    }
    for (int cat = 0; cat < 2; cat++) {
        pk_view_part *part = &v->part[cat];
        size_t first = 0;

        part->groups = v->group_mem + groups;
        for (int a = pk_writer_next_article(r, (pk_category)cat, -1, &first);
             a >= 0;
             a = pk_writer_next_article(r, (pk_category)cat, a, &first)) {
            pk_view_group *g = &part->groups[part->ngroups++];

            memset(g, 0, sizeof *g);
            g->article = a;
            groups++;
            /* The lists one after another, each in the pack's order. */
            for (int l = 0; l < PK_VIEW_LISTS; l++) {
                g->rules[l] = v->slots + used;
                for (size_t j = first; j < n; j++) {
                    const pk_result *res = pk_report_result(r, j);
                    pk_status st;

                    if (res == NULL ||
                        pk_result_category(res) != (pk_category)cat ||
                        pk_view_article_of(res) != a || list_of(res) != l)
                        continue;
                    v->slots[used++] = res;
                    g->count[l]++;
                    st = pk_result_status(res);
                    if (l != PK_VIEW_NA)
                        g->passed[l] += st == PK_STATUS_PASS;
                    if (l == PK_VIEW_MANDATORY) {
                        /* An item the dossier does not describe is not
                         * said to be missing: it is counted apart. */
                        part->unclear += st == PK_STATUS_UNKNOWN;
                        part->lacking +=
                            st == PK_STATUS_FAIL || st == PK_STATUS_ERROR;
                    }
                }
            }
        }
    }
    return PK_OK;
}
