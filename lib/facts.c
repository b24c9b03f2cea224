/* A dossier's facts for one pack: read once, derived once. Values that
 * outlive the dossier are copied into the report's arena. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xpath.h>

#include "pack.h"

static void set_invalid(pk_val *v, const char *why, unsigned line, unsigned col)
{
    memset(v, 0, sizeof *v);
    v->kind = PK_V_INVALID;
    v->text = why;
    v->line = line;
    v->col = col;
}

static void set_lo(pk_interval *b, int64_t n, int64_t d)
{
    b->has_lo = 1;
    b->lo_n = n;
    b->lo_d = d;
}

static void set_hi(pk_interval *b, int64_t n, int64_t d)
{
    b->has_hi = 1;
    b->hi_n = n;
    b->hi_d = d;
}

int pk_fact_bound_is_element(const pk_fact *f, int ceiling)
{
    if (f->how == PK_FH_MIN)
        return ceiling;
    if (f->how == PK_FH_MAX)
        return !ceiling;
    if (f->how == PK_FH_EACH)
        return f->each_max ? !ceiling : ceiling;
    return 0;
}

pk_interval pk_fact_interval(const pk_evalctx *c, uint32_t i)
{
    const pk_val *v = &c->facts[i];
    pk_interval b;

    memset(&b, 0, sizeof b);
    if (v->kind == PK_V_NUMBER) {
        set_lo(&b, v->num, v->den);
        set_hi(&b, v->num, v->den);
    } else if (v->kind == PK_V_MISSING) {
        b = c->intervals[i];
    }
    return b;
}

static int copy_val(pk_evalctx *c, const pk_val *in, pk_val *out)
{
    *out = *in;
    if ((in->kind == PK_V_TEXT || in->kind == PK_V_DATE) && in->text &&
        !in->stable) {
        out->text = pk_arena_strdup(&c->report->arena, in->text);
        if (out->text == NULL)
            return PK_ENOMEM;
    }
    if (in->kind == PK_V_INVALID)
        out->text = "invalid input";
    return PK_OK;
}

static const pk_val *node_value(const pk_dossier *d, const pk_path *p,
                                uint32_t node)
{
    const pk_dnode *n = &d->nodes[node];

    return p->attr == PK_NONE ? &n->text : &n->attrs[p->attr];
}

/* 1, with *out invalid at the attribute, when an element the path might
 * select has a predicate's attribute invalid: whether it counts cannot be
 * told, so neither can the fact (a misspelt group is no evidence that a
 * zone is not a core zone). Invalid before missing, as for every part. */
static int undecided(const pk_dossier *d, const pk_path *p, pk_val *out)
{
    const pk_val *bad;

    if (p->npreds == 0)
        return 0;
    for (uint32_t n = d->first[p->elem]; n != PK_NONE;
         n = d->nodes[n].next_same)
        if (pk_path_undecided(p, d, n, &bad)) {
            set_invalid(out, "invalid input", bad->line, bad->col);
            return 1;
        }
    return 0;
}

/* A list left blank is as good as absent: it does not say "none". */
static int scope_absent(const pk_dossier *d, const pk_path *p)
{
    return p->scope != PK_NONE && (d->first[p->scope] == PK_NONE ||
                                   d->nodes[d->first[p->scope]].blank);
}

static int read_path(pk_evalctx *c, const pk_fact *f, pk_val *out)
{
    const pk_dossier *d = c->dossier;

    uint32_t found = PK_NONE;

    memset(out, 0, sizeof *out);
    if (undecided(d, &f->path, out))
        return PK_OK;
    for (uint32_t n = d->first[f->path.elem]; n != PK_NONE;
         n = d->nodes[n].next_same) {
        if (!pk_path_match(&f->path, d, n))
            continue;
        if (found != PK_NONE) {
            /* Two elements picked by the same predicate (two principles
             * of one name) may say different things: neither is trusted. */
            set_invalid(out, "ambiguous", 0, 0);
            return PK_OK;
        }
        found = n;
    }
    if (found == PK_NONE || d->nodes[found].blank)
        return PK_OK; /* missing */
    return copy_val(c, node_value(d, &f->path, found), out);
}

static int read_count(pk_evalctx *c, const pk_fact *f, pk_val *out)
{
    const pk_dossier *d = c->dossier;
    int64_t count = 0;

    memset(out, 0, sizeof *out);
    if (scope_absent(d, &f->path) || undecided(d, &f->path, out))
        return PK_OK;
    for (uint32_t n = d->first[f->path.elem]; n != PK_NONE;
         n = d->nodes[n].next_same)
        if (pk_path_match(&f->path, d, n)) {
            /* a row left blank: the list is not finished */
            if (d->nodes[n].blank)
                return PK_OK;
            count++;
        }
    out->kind = PK_V_NUMBER;
    out->num = count;
    out->den = 1;
    return PK_OK;
}

/* The values a path selects, with what an aggregate of them must say
 * first: an invalid one makes it invalid, else a missing one missing
 * (PK_V_INVALID / PK_V_MISSING), else PK_V_NUMBER meaning "all present". */
static pk_vkind scan_parts(const pk_dossier *d, const pk_path *p,
                           const pk_val **bad)
{
    pk_vkind worst = PK_V_NUMBER;

    *bad = NULL;
    for (uint32_t n = d->first[p->elem]; n != PK_NONE;
         n = d->nodes[n].next_same) {
        const pk_val *v;
        if (!pk_path_match(p, d, n))
            continue;
        v = node_value(d, p, n);
        if (v->kind == PK_V_INVALID) {
            *bad = v;
            return PK_V_INVALID;
        }
        /* A row left blank is a part not known yet, even where the
         * template filled in its kind (a document's type). */
        if (v->kind == PK_V_MISSING || d->nodes[n].blank)
            worst = PK_V_MISSING;
    }
    return worst;
}

/* What an aggregate (a sum, a set) is before its parts are combined: 1 and
 * *out decided when the list is absent, a part invalid or a part missing;
 * 0 when every part has a value. */
static int aggregate_decided(const pk_dossier *d, const pk_fact *f, pk_val *out)
{
    const pk_val *bad;

    memset(out, 0, sizeof *out);
    if (scope_absent(d, &f->path) || undecided(d, &f->path, out))
        return 1;
    switch (scan_parts(d, &f->path, &bad)) {
    case PK_V_INVALID:
        set_invalid(out, "invalid input", bad->line, bad->col);
        return 1;
    case PK_V_MISSING:
        return 1; /* one part unknown: the whole is unknown */
    default:
        return 0;
    }
}

/* The sum of what a path selects. With parts missing the sum is missing,
 * but never less than the parts known: no part is negative. */
static int read_sum(pk_evalctx *c, const pk_fact *f, pk_val *out,
                    pk_interval *b)
{
    const pk_dossier *d = c->dossier;
    int64_t num = 0, den = 1;
    int partial = aggregate_decided(d, f, out);

    if (partial && out->kind != PK_V_MISSING)
        return PK_OK;
    for (uint32_t n = d->first[f->path.elem]; n != PK_NONE;
         n = d->nodes[n].next_same) {
        const pk_val *v;
        if (!pk_path_match(&f->path, d, n))
            continue;
        v = node_value(d, &f->path, n);
        if (v->kind != PK_V_NUMBER)
            continue;
        if (pk_num_add(num, den, v->num, v->den, &num, &den) != PK_OK) {
            if (partial)
                return PK_OK; /* only the floor is lost */
            set_invalid(out, "overflow", 0, 0);
            return PK_OK;
        }
    }
    if (partial) {
        set_lo(b, num, den);
        return PK_OK;
    }
    out->kind = PK_V_NUMBER;
    out->num = num;
    out->den = den;
    return PK_OK;
}

/* The least or greatest number or date a path selects; missing for an
 * empty list (there is no such value), like any aggregate with a part
 * missing. */
static int read_minmax(pk_evalctx *c, const pk_fact *f, pk_val *out,
                       pk_interval *b)
{
    const pk_dossier *d = c->dossier;
    pk_val known;
    int found = 0;

    if (aggregate_decided(d, f, out)) {
        /* With elements missing, the least is at most the least known
         * (the greatest at least the greatest known). */
        if (out->kind != PK_V_MISSING || f->type != PK_FT_NUMBER)
            return PK_OK;
        memset(&known, 0, sizeof known);
        for (uint32_t n = d->first[f->path.elem]; n != PK_NONE;
             n = d->nodes[n].next_same) {
            const pk_val *v;
            if (!pk_path_match(&f->path, d, n))
                continue;
            v = node_value(d, &f->path, n);
            if (v->kind != PK_V_NUMBER)
                continue;
            if (!found ||
                (f->how == PK_FH_MIN
                     ? pk_num_cmp(v->num, v->den, known.num, known.den) < 0
                     : pk_num_cmp(v->num, v->den, known.num, known.den) > 0))
                known = *v;
            found = 1;
        }
        if (f->how == PK_FH_MIN) {
            set_lo(b, 0, 1);
            if (found)
                set_hi(b, known.num, known.den);
        } else {
            set_lo(b, found ? known.num : 0, found ? known.den : 1);
        }
        return PK_OK;
    }
    for (uint32_t n = d->first[f->path.elem]; n != PK_NONE;
         n = d->nodes[n].next_same) {
        const pk_val *v;
        int64_t vd, od;
        if (!pk_path_match(&f->path, d, n))
            continue;
        v = node_value(d, &f->path, n);
        vd = v->kind == PK_V_DATE ? 1 : v->den;
        od = out->kind == PK_V_DATE ? 1 : out->den;
        if (!found ||
            (f->how == PK_FH_MIN ? pk_num_cmp(v->num, vd, out->num, od) < 0
                                 : pk_num_cmp(v->num, vd, out->num, od) > 0)) {
            found = 1;
            if (copy_val(c, v, out) != PK_OK)
                return PK_ENOMEM;
        }
    }
    return PK_OK;
}

/* The ratio of two attributes of every selected element, reduced to the
 * least (or greatest); missing for an empty list or a missing part, invalid
 * for an invalid part or a zero denominator. */
static int read_each(pk_evalctx *c, const pk_fact *f, pk_val *out,
                     pk_interval *bnd)
{
    const pk_dossier *d = c->dossier;
    int found = 0, partial = 0;

    memset(out, 0, sizeof *out);
    if (scope_absent(d, &f->path) || undecided(d, &f->path, out))
        return PK_OK;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t n = d->first[f->path.elem]; n != PK_NONE;
             n = d->nodes[n].next_same) {
            const pk_val *a, *b;
            int64_t rn, rd;
            if (!pk_path_match(&f->path, d, n))
                continue;
            a = &d->nodes[n].attrs[f->each_attr[0]];
            b = &d->nodes[n].attrs[f->each_attr[1]];
            if (pass == 1 && d->nodes[n].blank) {
                memset(out, 0, sizeof *out);
                return PK_OK;
            }
            if (pass == 0) {
                /* invalid before missing, as for every aggregate */
                if (a->kind == PK_V_INVALID || b->kind == PK_V_INVALID) {
                    const pk_val *bad = a->kind == PK_V_INVALID ? a : b;
                    set_invalid(out, "invalid input", bad->line, bad->col);
                    return PK_OK;
                }
                continue;
            }
            if (a->kind != PK_V_NUMBER || b->kind != PK_V_NUMBER) {
                /* This element's ratio is unknown; the others still bound
                 * the least (greatest) of them all. */
                partial = 1;
                continue;
            }
            if (b->num == 0) {
                set_invalid(out, "division by zero", 0, 0);
                out->num = PK_NONE; /* an item's attribute, not a fact */
                return PK_OK;
            }
            if (pk_num_div(a->num, a->den, b->num, b->den, &rn, &rd) != PK_OK) {
                set_invalid(out, "overflow", 0, 0);
                return PK_OK;
            }
            if (!found ||
                (f->each_max ? pk_num_cmp(rn, rd, out->num, out->den) > 0
                             : pk_num_cmp(rn, rd, out->num, out->den) < 0)) {
                found = 1;
                out->kind = PK_V_NUMBER;
                out->num = rn;
                out->den = rd;
            }
        }
    if (partial) {
        if (f->each_max) {
            set_lo(bnd, found ? out->num : 0, found ? out->den : 1);
        } else {
            set_lo(bnd, 0, 1);
            if (found)
                set_hi(bnd, out->num, out->den);
        }
        memset(out, 0, sizeof *out);
    }
    return PK_OK;
}

/* Whether an element on the path, above its last step, says its list of
 * children is not exhaustive (format attributes with opens=): then what
 * the path selects is some of the values, not all of them. */
static int list_open(const pk_dossier *d, const pk_path *p)
{
    const pk_dformat *fmt = d->format;

    for (uint32_t e = fmt->elems[p->elem].parent; e != PK_NONE;
         e = fmt->elems[e].parent)
        for (size_t a = 0; a < fmt->elems[e].nattrs; a++) {
            const pk_fattr *fa = &fmt->elems[e].attrs[a];
            if (fa->opens == 0)
                continue;
            for (uint32_t n = d->first[e]; n != PK_NONE;
                 n = d->nodes[n].next_same) {
                const pk_val *v = &d->nodes[n].attrs[a];
                int k;
                if (d->nodes[n].blank || v->kind != PK_V_TEXT ||
                    !pk_path_match_above(p, d, n))
                    continue;
                k = pk_vocab_find(&fa->value.vocab, v->text);
                if (k >= 0 && k < 64 && (fa->opens >> k & 1))
                    return 1;
            }
        }
    return 0;
}

static int read_values(pk_evalctx *c, const pk_fact *f, pk_val *out)
{
    const pk_dossier *d = c->dossier;
    size_t n = 0, cap = 0;
    const char **items = NULL;

    if (aggregate_decided(d, f, out))
        return PK_OK;
    for (uint32_t i = d->first[f->path.elem]; i != PK_NONE;
         i = d->nodes[i].next_same)
        cap++;
    if (cap > 0) {
        items = pk_arena_alloc(&c->report->arena, cap * sizeof *items);
        if (items == NULL)
            return PK_ENOMEM;
    }
    for (uint32_t i = d->first[f->path.elem]; i != PK_NONE;
         i = d->nodes[i].next_same) {
        const pk_val *v;
        const char *s;
        size_t k;
        if (!pk_path_match(&f->path, d, i))
            continue;
        v = node_value(d, &f->path, i);
        s = v->kind == PK_V_BOOL ? (v->boolean ? "true" : "false") : v->text;
        for (k = 0; k < n && strcmp(items[k], s) != 0; k++)
            ;
        if (k == n) {
            /* Names of a vocabulary, and true/false, outlive the dossier. */
            items[n] = v->stable || v->kind == PK_V_BOOL
                           ? s
                           : pk_arena_strdup(&c->report->arena, s);
            if (items[n] == NULL)
                return PK_ENOMEM;
            n++;
        }
    }
    out->kind = PK_V_SET;
    out->set.items = items;
    out->set.count = n;
    out->open = list_open(d, &f->path);
    return PK_OK;
}

static int read_xpath(pk_evalctx *c, const pk_fact *f, pk_val *out)
{
    xmlXPathContextPtr xc;
    xmlXPathObjectPtr r;
    int rc = PK_OK;

    memset(out, 0, sizeof *out);
    if (c->dossier->tree == NULL)
        return PK_OK;
    /* The XPath reads the raw XML, around the reader: it would count a
     * zone whose group is misspelt as no core zone, or read "2.000" as 2.
     * What it reads cannot be told, so while the reader found any error
     * the fact is invalid there: fix the input first. */
    for (size_t i = 0; i < c->dossier->problems.count; i++)
        if (!c->dossier->problems.warning[i]) {
            const pk_error *e = &c->dossier->problems.items[i];
            set_invalid(out, "read around", e->line, e->column);
            return PK_OK;
        }
    xc = xmlXPathNewContext(c->dossier->tree);
    if (xc == NULL)
        return PK_ENOMEM;
    /* Bounded: an expression that runs too long is an error, not a hang. */
    xc->opLimit = 1000000;
    r = xmlXPathCompiledEval(f->xpath, xc);
    if (r == NULL) {
        set_invalid(out, "XPath limit", 0, 0);
        goto out;
    }
    switch (f->type) {
    case PK_FT_NUMBER: {
        double v = xmlXPathCastToNumber(r);
        if (!isnan(v) && fabs(v) < 1e12) {
            out->kind = PK_V_NUMBER;
            out->den = 1000000;
            out->num = (int64_t)llround(v * 1e6);
        }
        break;
    }
    case PK_FT_BOOL:
        out->kind = PK_V_BOOL;
        out->boolean = xmlXPathCastToBoolean(r);
        break;
    default: {
        xmlChar *s = xmlXPathCastToString(r);
        if (s != NULL && *s != '\0') {
            out->kind = PK_V_TEXT;
            out->text = pk_arena_strdup(&c->report->arena, (const char *)s);
            if (out->text == NULL)
                rc = PK_ENOMEM;
        }
        xmlFree(s);
        break;
    }
    }
    xmlXPathFreeObject(r);
out:
    xmlXPathFreeContext(xc);
    return rc;
}

/* A + B, A - B or A / B over bounds, each side kept only when it is
 * sound: an operation that overflows, or a side that depends on an open
 * one, leaves that side open. Division needs both operands non-negative
 * (the lower bounds say so) and a divisor that is not known to be 0. */
static pk_interval bounds_op(pk_facthow how, const pk_interval *a,
                             const pk_interval *b)
{
    pk_interval r;
    int64_t n, d;

    memset(&r, 0, sizeof r);
    switch (how) {
    case PK_FH_TOTAL:
        if (a->has_lo && b->has_lo &&
            pk_num_add(a->lo_n, a->lo_d, b->lo_n, b->lo_d, &n, &d) == PK_OK)
            set_lo(&r, n, d);
        if (a->has_hi && b->has_hi &&
            pk_num_add(a->hi_n, a->hi_d, b->hi_n, b->hi_d, &n, &d) == PK_OK)
            set_hi(&r, n, d);
        break;
    case PK_FH_DIFF:
        if (a->has_lo && b->has_hi &&
            pk_num_sub(a->lo_n, a->lo_d, b->hi_n, b->hi_d, &n, &d) == PK_OK)
            set_lo(&r, n, d);
        if (a->has_hi && b->has_lo &&
            pk_num_sub(a->hi_n, a->hi_d, b->lo_n, b->lo_d, &n, &d) == PK_OK)
            set_hi(&r, n, d);
        break;
    case PK_FH_RATIO:
        if (!a->has_lo || !b->has_lo || a->lo_n < 0 || b->lo_n < 0)
            break;
        if (!b->has_hi)
            set_lo(&r, 0, 1);
        else if (b->hi_n > 0 && pk_num_div(a->lo_n, a->lo_d, b->hi_n, b->hi_d,
                                           &n, &d) == PK_OK)
            set_lo(&r, n, d);
        if (a->has_hi && b->lo_n > 0 &&
            pk_num_div(a->hi_n, a->hi_d, b->lo_n, b->lo_d, &n, &d) == PK_OK)
            set_hi(&r, n, d);
        break;
    default:
        break;
    }
    return r;
}

/* A count, sum, least or greatest read through a list the dossier says is
 * not exhaustive is not known: the rows not listed could change it. What
 * the listed rows give still bounds it: no row takes away from a count or
 * a sum (the format has no negative number). */
static int open_list(pk_evalctx *c, const pk_fact *f, pk_val *out,
                     pk_interval *b)
{
    if (out->kind != PK_V_NUMBER && out->kind != PK_V_DATE)
        return PK_OK;
    if (!list_open(c->dossier, &f->path))
        return PK_OK;
    memset(b, 0, sizeof *b);
    if (out->kind == PK_V_NUMBER &&
        (f->how == PK_FH_COUNT || f->how == PK_FH_SUM)) {
        set_lo(b, out->num, out->den);
    } else if (out->kind == PK_V_NUMBER && pk_fact_bound_is_element(f, 1)) {
        set_lo(b, 0, 1);
        set_hi(b, out->num, out->den);
    } else if (out->kind == PK_V_NUMBER) {
        set_lo(b, out->num, out->den);
    }
    memset(out, 0, sizeof *out);
    return PK_OK;
}

static int compute(pk_evalctx *c, uint32_t i, unsigned char *state)
{
    const pk_fact *f = &c->pack->facts[i];
    pk_val *out = &c->facts[i];
    pk_interval *b = &c->intervals[i];
    int rc;

    if (state[i])
        return PK_OK;
    state[i] = 1;
    memset(b, 0, sizeof *b);
    switch (f->how) {
    case PK_FH_PATH:
        rc = read_path(c, f, out);
        /* No number a dossier states is negative. */
        if (out->kind == PK_V_MISSING && f->type == PK_FT_NUMBER)
            set_lo(b, 0, 1);
        return rc;
    case PK_FH_COUNT:
        rc = read_count(c, f, out);
        if (out->kind == PK_V_MISSING)
            set_lo(b, 0, 1);
        return rc == PK_OK ? open_list(c, f, out, b) : rc;
    case PK_FH_SUM:
        rc = read_sum(c, f, out, b);
        return rc == PK_OK ? open_list(c, f, out, b) : rc;
    case PK_FH_VALUES:
        return read_values(c, f, out);
    case PK_FH_XPATH:
        return read_xpath(c, f, out);
    case PK_FH_MIN:
    case PK_FH_MAX:
        rc = read_minmax(c, f, out, b);
        return rc == PK_OK ? open_list(c, f, out, b) : rc;
    case PK_FH_EACH:
        rc = read_each(c, f, out, b);
        return rc == PK_OK ? open_list(c, f, out, b) : rc;
    case PK_FH_RATIO:
    case PK_FH_TOTAL:
    case PK_FH_DIFF:
        break;
    }
    for (size_t a = 0; a < f->nargs; a++)
        if ((rc = compute(c, f->args[a], state)) != PK_OK)
            return rc;
    memset(out, 0, sizeof *out);
    /* Invalid beats missing: the dossier must be fixed either way, and
     * an error is the more useful thing to say. */
    for (size_t a = 0; a < f->nargs; a++)
        if (c->facts[f->args[a]].kind == PK_V_INVALID) {
            *out = c->facts[f->args[a]];
            return PK_OK;
        }
    for (size_t a = 0; a < f->nargs; a++)
        if (c->facts[f->args[a]].kind != PK_V_NUMBER) {
            /* Missing, with what the known operands still bound. A zero
             * divisor that is known is an error whatever the rest. */
            pk_interval acc = pk_fact_interval(c, f->args[0]);
            for (size_t k = 1; k < f->nargs; k++) {
                pk_interval y = pk_fact_interval(c, f->args[k]);
                if (f->how == PK_FH_RATIO &&
                    c->facts[f->args[k]].kind == PK_V_NUMBER &&
                    c->facts[f->args[k]].num == 0) {
                    set_invalid(out, "division by zero", 0, 0);
                    out->num = f->args[k];
                    return PK_OK;
                }
                acc = bounds_op(f->how, &acc, &y);
            }
            *b = acc;
            return PK_OK;
        }
    {
        const pk_val *x = &c->facts[f->args[0]];
        int64_t n = x->num, d = x->den;
        for (size_t a = 1; a < f->nargs; a++) {
            const pk_val *y = &c->facts[f->args[a]];
            if (f->how == PK_FH_RATIO && y->num == 0) {
                set_invalid(out, "division by zero", 0, 0);
                out->num = f->args[a]; /* which fact was zero */
                return PK_OK;
            }
            rc = f->how == PK_FH_RATIO
                     ? pk_num_div(n, d, y->num, y->den, &n, &d)
                 : f->how == PK_FH_DIFF
                     ? pk_num_sub(n, d, y->num, y->den, &n, &d)
                     : pk_num_add(n, d, y->num, y->den, &n, &d);
            if (rc != PK_OK) {
                set_invalid(out, "overflow", 0, 0);
                return PK_OK;
            }
        }
        out->kind = PK_V_NUMBER;
        out->num = n;
        out->den = d;
    }
    return PK_OK;
}

int pk_facts_compute(pk_evalctx *c)
{
    unsigned char *state;
    int rc = PK_OK;

    c->facts = pk_arena_alloc(&c->report->arena,
                              (c->pack->nfacts ? c->pack->nfacts : 1) *
                                  sizeof *c->facts);
    c->intervals = pk_arena_alloc(&c->report->arena,
                                  (c->pack->nfacts ? c->pack->nfacts : 1) *
                                      sizeof *c->intervals);
    state = pk_arena_alloc(&c->report->arena,
                           c->pack->nfacts ? c->pack->nfacts : 1);
    if (c->facts == NULL || c->intervals == NULL || state == NULL)
        return PK_ENOMEM;
    for (uint32_t i = 0; i < c->pack->nfacts && rc == PK_OK; i++)
        rc = compute(c, i, state);
    return rc;
}
