/* The report's getters: what a report and its results hold, as the
 * evaluation left them. Their words (messages, comparisons, citations)
 * are written in render.c. */
#include <stdlib.h>
#include <string.h>

#include "pack.h"

void pk_report_free(pk_report *r)
{
    if (r == NULL)
        return;
    if (r->store != NULL) {
        for (int d = 0; d < PK_TEXT_DEPTH; d++)
            pk_sb_free(&r->store->scratch[d]);
        pk_arena_free(&r->store->arena);
    }
    pk_problems_free(&r->problems);
    pk_arena_free(&r->arena);
    free(r);
}

const char *pk_report_source(const pk_report *r)
{
    return r->source;
}
pk_verdict pk_report_verdict(const pk_report *r)
{
    return r->verdict;
}
double pk_report_score(const pk_report *r)
{
    return r->score;
}
const char *pk_report_kind(const pk_report *r)
{
    return r->kind;
}
const char *pk_report_park_name(const pk_report *r)
{
    return r->park_name;
}
const char *pk_report_province(const pk_report *r)
{
    return r->province;
}
const char *pk_report_date(const pk_report *r)
{
    return r->date;
}

const char *pk_report_pack_id(const pk_report *r)
{
    return r->pack != NULL ? r->pack->id : "";
}

const char *pk_report_pack_version(const pk_report *r)
{
    return r->pack != NULL ? r->pack->version : "";
}

const char *pk_report_notice(const pk_report *r, pk_lang lang)
{
    const char *n = r->notice[lang == PK_LANG_VI ? 0 : 1];
    return n != NULL ? n : "";
}

size_t pk_report_problem_count(const pk_report *r)
{
    return r->problems.count;
}

const pk_error *pk_report_problem(const pk_report *r, size_t i)
{
    return i < r->problems.count ? &r->problems.items[i] : NULL;
}

const char *pk_report_problem_text(const pk_report *r, size_t i, pk_lang lang)
{
    if (i >= r->problems.count)
        return NULL;
    if (lang == PK_LANG_VI && r->problems.vi[i] != NULL)
        return r->problems.vi[i];
    return r->problems.items[i].message;
}

int pk_report_problem_is_warning(const pk_report *r, size_t i)
{
    return i < r->problems.count ? r->problems.warning[i] : 0;
}

size_t pk_report_result_count(const pk_report *r)
{
    return r->nresults;
}

const pk_result *pk_report_result(const pk_report *r, size_t i)
{
    return i < r->nresults ? &r->results[i] : NULL;
}

size_t pk_report_article_count(const pk_report *r)
{
    return r->narticles;
}

const pk_article_score *pk_report_article(const pk_report *r, size_t i)
{
    return i < r->narticles ? &r->articles[i] : NULL;
}

const char *pk_result_id(const pk_result *res)
{
    return res->rule->id;
}
pk_status pk_result_status(const pk_result *res)
{
    return res->status;
}

pk_category pk_result_category(const pk_result *res)
{
    return res->rule->category;
}

pk_severity pk_result_severity(const pk_result *res)
{
    return res->rule->severity;
}

double pk_result_weight(const pk_result *res)
{
    return res->rule->weight;
}

const pk_citation *pk_result_citation(const pk_result *res)
{
    return res->cite;
}

const char *pk_result_title(const pk_result *res, pk_lang lang)
{
    return res->rule->title[lang == PK_LANG_VI ? 0 : 1];
}

size_t pk_result_value_count(const pk_result *res)
{
    return res->nvalues;
}

const pk_value_info *pk_result_value(const pk_result *res, size_t i)
{
    return i < res->nvalues ? &res->values[i] : NULL;
}

size_t pk_result_missing_count(const pk_result *res)
{
    return res->nmissing;
}

const char *pk_result_missing(const pk_result *res, size_t i)
{
    return i < res->nmissing ? res->missing[i] : NULL;
}

const char *pk_result_fact_label(const pk_result *res, const char *fact_id,
                                 pk_lang lang)
{
    int f = fact_id ? pk_pack_find_fact(res->pack, fact_id) : -1;

    return f < 0 ? NULL : res->pack->facts[f].label[lang == PK_LANG_VI ? 0 : 1];
}

int pk_fact_value_info(const pk_pack *pack, uint32_t fi, pk_val *v,
                       pk_arena *arena, pk_value_info *vi)
{
    const pk_fact *f = &pack->facts[fi];

    memset(vi, 0, sizeof *vi);
    vi->id = f->id;
    vi->unit = f->unit;
    switch (v->kind) {
    case PK_V_MISSING:
        vi->kind = PK_VALUE_MISSING;
        break;
    case PK_V_INVALID:
        vi->kind = PK_VALUE_INVALID;
        break;
    case PK_V_NUMBER:
        vi->kind = PK_VALUE_NUMBER;
        vi->number = pk_num_double(v->num, v->den);
        break;
    case PK_V_TEXT:
    case PK_V_DATE:
        vi->kind = PK_VALUE_TEXT;
        vi->text = v->text;
        break;
    case PK_V_BOOL:
        vi->kind = PK_VALUE_BOOL;
        vi->boolean = v->boolean;
        break;
    case PK_V_SET: {
        size_t n = 1, at = 0;
        char *s;
        vi->kind = PK_VALUE_SET;
        /* Joined once per report, however many rules show the set: the
         * text of a set's pk_val is otherwise unused. */
        if (v->text != NULL) {
            vi->text = v->text;
            break;
        }
        for (size_t i = 0; i < v->set.count; i++)
            n += strlen(v->set.items[i]) + 1;
        s = pk_arena_alloc(arena, n);
        if (s == NULL)
            return PK_ENOMEM;
        for (size_t i = 0; i < v->set.count; i++) {
            size_t len = strlen(v->set.items[i]);
            if (i > 0)
                s[at++] = ' ';
            memcpy(s + at, v->set.items[i], len);
            at += len;
        }
        s[at] = '\0';
        vi->text = v->text = s;
        break;
    }
    }
    return PK_OK;
}

int pk_report_fact_value(const pk_report *r, const char *id,
                         const pk_value_info **out)
{
    pk_value_info *v;
    int f;

    if (r == NULL || id == NULL || r->pack == NULL || r->facts == NULL ||
        r->store == NULL)
        return PK_EINVAL;
    f = pk_pack_find_fact(r->pack, id);
    if (f < 0)
        return PK_EINVAL;
    v = pk_arena_alloc(&r->store->arena, sizeof *v);
    if (v == NULL || pk_fact_value_info(r->pack, (uint32_t)f, &r->facts[f],
                                        &r->store->arena, v) != PK_OK)
        return PK_ENOMEM;
    *out = v;
    return PK_OK;
}

const char *pk_result_fact_location(const pk_result *res, const char *fact_id)
{
    int f = fact_id ? pk_pack_find_fact(res->pack, fact_id) : -1;

    if (f < 0)
        return NULL;
    return res->pack->facts[f].where != NULL ? res->pack->facts[f].where : "";
}

int pk_result_comparison(const pk_result *res, pk_comparison *out)
{
    if (!res->has_cmp || out == NULL)
        return PK_EINVAL;
    *out = res->cmp;
    return PK_OK;
}

int pk_result_comparison_bound(const pk_result *res)
{
    return res != NULL && res->has_cmp ? res->cmp_bound : 0;
}

int pk_result_comparison_value(const pk_result *res, pk_value_info *value,
                               pk_value_info *required)
{
    if (res == NULL || !res->has_cmp)
        return PK_EINVAL;
    if (value != NULL)
        *value = res->cmp_typed[0];
    if (required != NULL)
        *required = res->cmp_typed[1];
    return PK_OK;
}
