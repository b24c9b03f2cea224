/* Condition trees in three-valued (Kleene) logic, with a fourth value for
 * errors: a definite answer beats an error, an error beats "unknown". */
#include <math.h>
#include <string.h>

#include "pack.h"

static void note_missing(pk_evalctx *c, uint32_t fact)
{
    const pk_fact *f = &c->pack->facts[fact];

    for (size_t b = 0; b < f->nbases; b++) {
        uint32_t base = f->bases[b];
        size_t k;
        /* an open set is partly missing: the names not listed */
        if (c->facts[base].kind != PK_V_MISSING &&
            !(c->facts[base].kind == PK_V_SET && c->facts[base].open))
            continue;
        for (k = 0; k < c->nmissing && c->missing[k] != base; k++)
            ;
        if (k == c->nmissing)
            c->missing[c->nmissing++] = base;
    }
}

static pk_tv fact_error(pk_evalctx *c, uint32_t fact)
{
    if (c->error_fact == PK_NONE)
        c->error_fact = fact;
    return PK_TV_ERROR;
}

size_t pk_param_values(const pk_param *p, const pk_val *by, int64_t date,
                       const pk_pvalue **out, size_t max)
{
    size_t n = 0;
    int matched = 0;

    /* A known case picks its own values, or the otherwise values when it
     * has none; an unknown case keeps every candidate. */
    if (by != NULL && by->kind == PK_V_TEXT) {
        for (size_t i = 0; i < p->nvalues; i++) {
            const pk_pvalue *v = &p->values[i];
            if (v->when != NULL && strcmp(v->when, by->text) == 0 &&
                date >= v->from && date <= v->until && n < max) {
                out[n++] = v;
                matched = 1;
            }
        }
        if (matched)
            return n;
    }
    for (size_t i = 0; i < p->nvalues; i++) {
        const pk_pvalue *v = &p->values[i];
        int candidate =
            v->when == NULL || (by != NULL && by->kind == PK_V_MISSING);
        if (candidate && date >= v->from && date <= v->until && n < max)
            out[n++] = v;
    }
    return n;
}

static int cmp_holds(pk_cmpop op, int r)
{
    switch (op) {
    case PK_OP_GE:
        return r >= 0;
    case PK_OP_GT:
        return r > 0;
    case PK_OP_LE:
        return r <= 0;
    case PK_OP_LT:
        return r < 0;
    case PK_OP_EQ:
        return r == 0;
    case PK_OP_NE:
        return r != 0;
    }
    return 0;
}

/* Whether every value within b meets "x OP t" (1), none does (0), or it
 * depends on the value (-1). */
static int interval_decides(const pk_interval *b, pk_cmpop op, int64_t tn,
                            int64_t td)
{
    int lo = b->has_lo ? pk_num_cmp(b->lo_n, b->lo_d, tn, td) : -2;
    int hi = b->has_hi ? pk_num_cmp(b->hi_n, b->hi_d, tn, td) : 2;

    switch (op) {
    /* -2 and 2 stand for an open side: below and above everything */
    case PK_OP_GE:
        return lo >= 0 ? 1 : hi < 0 ? 0 : -1;
    case PK_OP_GT:
        return lo > 0 ? 1 : hi <= 0 ? 0 : -1;
    case PK_OP_LE:
        return hi <= 0 ? 1 : lo > 0 ? 0 : -1;
    case PK_OP_LT:
        return hi < 0 ? 1 : lo >= 0 ? 0 : -1;
    case PK_OP_EQ:
        return lo > 0 || hi < 0 ? 0 : -1;
    case PK_OP_NE:
        return lo > 0 || hi < 0 ? 1 : -1;
    }
    return -1;
}

/* A missing number compared with thresholds: decided when its bounds
 * decide for every candidate. The value quoted is then the bound that
 * decided (s->bound says which side), and nothing is named missing: no
 * value it could take would change the outcome. */
static pk_tv compare_interval(pk_evalctx *c, const pk_cond *cond, pk_cmpslot *s,
                              const pk_pvalue *const *cands, size_t ncand)
{
    pk_interval b = pk_fact_interval(c, cond->fact);
    int up = cond->cmp == PK_OP_GE || cond->cmp == PK_OP_GT;
    int first = -1, want_max, use_lo;
    size_t pick = 0;

    for (size_t i = 0; i < ncand; i++) {
        int r = interval_decides(&b, cond->cmp, cands[i]->num, cands[i]->den);
        if (r < 0 || (first >= 0 && r != first))
            return PK_TV_UNKNOWN;
        first = r;
    }
    if (first < 0)
        return PK_TV_UNKNOWN;
    /* The threshold to quote, as for a known value: on a pass the hardest
     * candidate met, on a failure the easiest missed. */
    want_max = up == first;
    for (size_t i = 1; i < ncand; i++) {
        int r = pk_num_cmp(cands[i]->num, cands[i]->den, cands[pick]->num,
                           cands[pick]->den);
        if (want_max ? r > 0 : r < 0)
            pick = i;
    }
    /* The side of the bounds that decided: a floor decides a pass of ">="
     * and a failure of "<=", a ceiling the others. */
    use_lo = up == first;
    if (use_lo ? !b.has_lo : !b.has_hi)
        use_lo = !use_lo;
    s->value =
        use_lo ? pk_num_double(b.lo_n, b.lo_d) : pk_num_double(b.hi_n, b.hi_d);
    s->bound = pk_fact_bound_is_element(&c->pack->facts[cond->fact], !use_lo)
                   ? 0
               : use_lo ? 1
                        : -1;
    s->threshold = pk_num_double(cands[pick]->num, cands[pick]->den);
    if (!first)
        s->shortfall = fabs(s->threshold - s->value);
    return first ? PK_TV_TRUE : PK_TV_FALSE;
}

/* What the value needs to become: for a ratio, the numerator that meets
 * the threshold against the same denominator. */
static void note_needed(pk_evalctx *c, const pk_cond *cond, pk_cmpslot *s,
                        int64_t tn, int64_t td)
{
    const pk_fact *f = &c->pack->facts[cond->fact];
    const pk_val *den;
    int64_t n, d;
    double v;

    if (f->how != PK_FH_RATIO || f->nargs != 2)
        return;
    den = &c->facts[f->args[1]];
    if (den->kind != PK_V_NUMBER ||
        pk_num_mul(tn, td, den->num, den->den, &n, &d) != PK_OK)
        return;
    v = pk_num_double(n, d);
    if (c->pack->facts[f->args[0]].integral)
        v = (cond->cmp == PK_OP_GE || cond->cmp == PK_OP_GT) ? ceil(v - 1e-9)
                                                             : floor(v + 1e-9);
    s->needed = v;
    s->has_needed = 1;
}

static pk_tv eval_compare(pk_evalctx *c, const pk_cond *cond)
{
    const pk_val *lhs = &c->facts[cond->fact];
    pk_cmpslot *s = &c->slots[cond->slot];
    const pk_pvalue *cands[16];
    size_t ncand = 0;
    int holds = 0, fails = 0;
    int64_t lo_n = 0, lo_d = 1, hi_n = 0, hi_d = 1;

    memset(s, 0, sizeof *s);
    s->done = 1;
    if (lhs->kind == PK_V_INVALID)
        return s->tv = fact_error(c, cond->fact);
    if (cond->rhs == PK_RHS_PARAM) {
        const pk_param *p = &c->pack->params[cond->rhs_index];
        const pk_val *by = p->by != PK_NONE ? &c->facts[p->by] : NULL;
        pk_val as_if;
        /* as-if: the parameter's value for a case the rule names, whatever
         * the dossier says of the by-fact */
        if (cond->text != NULL) {
            memset(&as_if, 0, sizeof as_if);
            as_if.kind = PK_V_TEXT;
            as_if.text = cond->text;
            by = &as_if;
        }
        if (by != NULL && by->kind == PK_V_INVALID)
            return s->tv = fact_error(c, p->by);
        ncand = pk_param_values(p, by, c->date, cands, 16);
        if (ncand == 0) {
            c->error_param = cond->rhs_index;
            return s->tv = PK_TV_ERROR;
        }
        if (lhs->kind == PK_V_MISSING) {
            pk_tv t = compare_interval(c, cond, s, cands, ncand);
            if (t != PK_TV_UNKNOWN)
                return s->tv = t;
            note_missing(c, cond->fact);
            if (ncand > 1 && by != NULL)
                note_missing(c, p->by);
            return s->tv = PK_TV_UNKNOWN;
        }
        s->value = pk_num_double(lhs->num, lhs->den);
        for (size_t i = 0; i < ncand; i++) {
            int r =
                pk_num_cmp(lhs->num, lhs->den, cands[i]->num, cands[i]->den);
            if (cmp_holds(cond->cmp, r))
                holds++;
            else
                fails++;
            if (i == 0 ||
                pk_num_cmp(cands[i]->num, cands[i]->den, lo_n, lo_d) < 0) {
                lo_n = cands[i]->num;
                lo_d = cands[i]->den;
            }
            if (i == 0 ||
                pk_num_cmp(cands[i]->num, cands[i]->den, hi_n, hi_d) > 0) {
                hi_n = cands[i]->num;
                hi_d = cands[i]->den;
            }
        }
        {
            /* The threshold to quote: on a pass the hardest candidate that
             * was met, on a failure the easiest that was missed; on
             * "depends" the range. */
            int up = cond->cmp == PK_OP_GE || cond->cmp == PK_OP_GT;
            int64_t tn = (fails == 0) == up ? hi_n : lo_n;
            int64_t td = (fails == 0) == up ? hi_d : lo_d;
            int64_t dn, dd;
            s->threshold = pk_num_double(tn, td);
            s->threshold_hi = pk_num_double(hi_n, hi_d);
            if (holds > 0 && fails > 0) {
                s->range = 1;
                s->threshold = pk_num_double(lo_n, lo_d);
                if (by != NULL)
                    note_missing(c, p->by);
                return s->tv = PK_TV_UNKNOWN;
            }
            if (fails > 0) {
                if (up)
                    pk_num_sub(tn, td, lhs->num, lhs->den, &dn, &dd);
                else
                    pk_num_sub(lhs->num, lhs->den, tn, td, &dn, &dd);
                s->shortfall = pk_num_double(dn, dd);
            }
            note_needed(c, cond, s, tn, td);
            return s->tv = fails == 0 ? PK_TV_TRUE : PK_TV_FALSE;
        }
    }
    if (cond->rhs == PK_RHS_FACT) {
        const pk_val *rhs = &c->facts[cond->rhs_index];
        if (rhs->kind == PK_V_INVALID)
            return s->tv = fact_error(c, cond->rhs_index);
        if (lhs->kind == PK_V_MISSING || rhs->kind == PK_V_MISSING) {
            /* Two numbers, one or both known only by bounds: decided when
             * the intervals do not overlap in the way that matters. */
            pk_interval a = pk_fact_interval(c, cond->fact);
            pk_interval b = pk_fact_interval(c, cond->rhs_index);
            int r = -1;
            if (lhs->kind != PK_V_TEXT && lhs->kind != PK_V_BOOL &&
                rhs->kind != PK_V_TEXT && rhs->kind != PK_V_BOOL) {
                int up = cond->cmp == PK_OP_GE || cond->cmp == PK_OP_GT;
                /* a >= b surely when a's floor >= b's ceiling, surely not
                 * when a's ceiling < b's floor; and the mirror for <=. */
                if (up && b.has_hi &&
                    interval_decides(&a, cond->cmp, b.hi_n, b.hi_d) == 1)
                    r = 1;
                else if (up && b.has_lo &&
                         interval_decides(&a, cond->cmp, b.lo_n, b.lo_d) == 0)
                    r = 0;
                else if (!up && b.has_lo &&
                         (cond->cmp == PK_OP_LE || cond->cmp == PK_OP_LT) &&
                         interval_decides(&a, cond->cmp, b.lo_n, b.lo_d) == 1)
                    r = 1;
                else if (!up && b.has_hi &&
                         (cond->cmp == PK_OP_LE || cond->cmp == PK_OP_LT) &&
                         interval_decides(&a, cond->cmp, b.hi_n, b.hi_d) == 0)
                    r = 0;
            }
            if (r >= 0)
                return s->tv = r ? PK_TV_TRUE : PK_TV_FALSE;
            note_missing(c, cond->fact);
            note_missing(c, cond->rhs_index);
            return s->tv = PK_TV_UNKNOWN;
        }
        if (lhs->kind == PK_V_TEXT || lhs->kind == PK_V_BOOL) {
            int eq = lhs->kind == PK_V_BOOL ? lhs->boolean == rhs->boolean
                                            : strcmp(lhs->text, rhs->text) == 0;
            return s->tv = (eq == (cond->cmp == PK_OP_EQ)) ? PK_TV_TRUE
                                                           : PK_TV_FALSE;
        }
        {
            int64_t ad = lhs->kind == PK_V_DATE ? 1 : lhs->den;
            int64_t bd = rhs->kind == PK_V_DATE ? 1 : rhs->den;
            int r = pk_num_cmp(lhs->num, ad, rhs->num, bd);
            s->value = pk_num_double(lhs->num, ad);
            s->threshold = pk_num_double(rhs->num, bd);
            if (!cmp_holds(cond->cmp, r))
                s->shortfall = fabs(s->value - s->threshold);
            return s->tv = cmp_holds(cond->cmp, r) ? PK_TV_TRUE : PK_TV_FALSE;
        }
    }
    /* a constant */
    if (lhs->kind == PK_V_MISSING) {
        if (cond->rhs_value.kind == PK_V_NUMBER) {
            pk_pvalue k;
            const pk_pvalue *kp = &k;
            pk_tv t;
            memset(&k, 0, sizeof k);
            k.num = cond->rhs_value.num;
            k.den = cond->rhs_value.den;
            t = compare_interval(c, cond, s, &kp, 1);
            if (t != PK_TV_UNKNOWN)
                return s->tv = t;
        }
        note_missing(c, cond->fact);
        return s->tv = PK_TV_UNKNOWN;
    }
    if (lhs->kind == PK_V_TEXT || lhs->kind == PK_V_BOOL) {
        int eq = lhs->kind == PK_V_BOOL
                     ? lhs->boolean == cond->rhs_value.boolean
                     : strcmp(lhs->text, cond->rhs_value.text) == 0;
        return s->tv =
                   (eq == (cond->cmp == PK_OP_EQ)) ? PK_TV_TRUE : PK_TV_FALSE;
    }
    {
        int64_t ad = lhs->kind == PK_V_DATE ? 1 : lhs->den;
        int64_t bd =
            cond->rhs_value.kind == PK_V_DATE ? 1 : cond->rhs_value.den;
        int r = pk_num_cmp(lhs->num, ad, cond->rhs_value.num, bd);
        s->value = pk_num_double(lhs->num, ad);
        s->threshold = pk_num_double(cond->rhs_value.num, bd);
        if (!cmp_holds(cond->cmp, r))
            s->shortfall = fabs(s->value - s->threshold);
        return s->tv = cmp_holds(cond->cmp, r) ? PK_TV_TRUE : PK_TV_FALSE;
    }
}

static int set_has(const pk_val *v, const char *name)
{
    for (size_t i = 0; i < v->set.count; i++)
        if (strcmp(v->set.items[i], name) == 0)
            return 1;
    return 0;
}

static pk_tv eval_leaf(pk_evalctx *c, const pk_cond *cond)
{
    const pk_val *v = &c->facts[cond->fact];

    if (cond->op == PK_C_PRESENT) {
        if (v->kind == PK_V_INVALID)
            return fact_error(c, cond->fact);
        return v->kind == PK_V_MISSING ? PK_TV_FALSE : PK_TV_TRUE;
    }
    if (v->kind == PK_V_INVALID)
        return fact_error(c, cond->fact);
    if (v->kind == PK_V_MISSING) {
        note_missing(c, cond->fact);
        return PK_TV_UNKNOWN;
    }
    switch (cond->op) {
    case PK_C_EMPTY:
        if (v->kind == PK_V_SET) {
            if (v->set.count == 0 && v->open) {
                note_missing(c, cond->fact);
                return PK_TV_UNKNOWN;
            }
            return v->set.count == 0 ? PK_TV_TRUE : PK_TV_FALSE;
        }
        return v->num == 0 ? PK_TV_TRUE : PK_TV_FALSE;
    case PK_C_CONTAINS:
        for (size_t i = 0; i < cond->set.count; i++)
            if (set_has(v, cond->set.names[i]))
                return PK_TV_TRUE;
        /* A list the dossier says is not exhaustive: a name not in it may
         * still be there. */
        if (v->open) {
            note_missing(c, cond->fact);
            return PK_TV_UNKNOWN;
        }
        return PK_TV_FALSE;
    case PK_C_IN:
        for (size_t i = 0; i < cond->set.count; i++)
            if (strcmp(v->text, cond->set.names[i]) == 0)
                return PK_TV_TRUE;
        return PK_TV_FALSE;
    case PK_C_MATCHES: {
        int rc;
        if (c->md == NULL) {
            c->md = pcre2_match_data_create(1, c->pack->gctx);
            if (c->md == NULL) {
                c->oom = 1;
                return PK_TV_ERROR;
            }
        }
        rc = pcre2_match(cond->re, (PCRE2_SPTR)v->text, PCRE2_ZERO_TERMINATED,
                         0, 0, c->md, c->pack->mctx);
        if (rc >= 0)
            return PK_TV_TRUE;
        if (rc == PCRE2_ERROR_NOMATCH)
            return PK_TV_FALSE;
        if (rc == PCRE2_ERROR_NOMEMORY) {
            c->oom = 1;
            return PK_TV_ERROR;
        }
        c->error_pattern = cond;
        return PK_TV_ERROR;
    }
    default:
        return PK_TV_ERROR;
    }
}

pk_tv pk_cond_eval(pk_evalctx *c, const pk_cond *cond)
{
    int any_true = 0, any_false = 0, any_unknown = 0, any_error = 0;

    switch (cond->op) {
    case PK_C_ALL:
    case PK_C_ANY: {
        /* Every part is evaluated, so an unknown result names every fact
         * that could decide it; a decided one names none, since no missing
         * value could change it. */
        size_t nmissing = c->nmissing;
        pk_tv r;
        for (size_t i = 0; i < cond->nkids; i++) {
            pk_tv t = pk_cond_eval(c, &cond->kids[i]);
            any_true |= t == PK_TV_TRUE;
            any_false |= t == PK_TV_FALSE;
            any_unknown |= t == PK_TV_UNKNOWN;
            any_error |= t == PK_TV_ERROR;
        }
        if (cond->op == PK_C_ALL && any_false)
            r = PK_TV_FALSE;
        else if (cond->op == PK_C_ANY && any_true)
            r = PK_TV_TRUE;
        else if (any_error)
            r = PK_TV_ERROR;
        else if (any_unknown)
            r = PK_TV_UNKNOWN;
        else
            r = cond->op == PK_C_ALL ? PK_TV_TRUE : PK_TV_FALSE;
        if (r == PK_TV_TRUE || r == PK_TV_FALSE)
            c->nmissing = nmissing;
        return r;
    }
    case PK_C_NOT: {
        pk_tv t = pk_cond_eval(c, &cond->kids[0]);
        return t == PK_TV_TRUE    ? PK_TV_FALSE
               : t == PK_TV_FALSE ? PK_TV_TRUE
                                  : t;
    }
    case PK_C_COMPARE:
        return eval_compare(c, cond);
    default:
        return eval_leaf(c, cond);
    }
}
