/* Evaluation: pick the pack in force, compute the facts, decide every
 * rule, then the verdict and the score. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "pack.h"

static const pk_val *role_value(const pk_dossier *d, pk_role role)
{
    const pk_dformat *f = d->format;
    uint32_t e = f->role_at[role].elem, a = f->role_at[role].attr;
    uint32_t n;

    if (e == PK_NONE)
        return NULL;
    n = d->first[e];
    if (n == PK_NONE)
        return NULL;
    return a == PK_NONE ? &d->nodes[n].text : &d->nodes[n].attrs[a];
}

static const char *role_text(pk_report *r, const pk_dossier *d, pk_role role)
{
    const pk_val *v = role_value(d, role);

    if (v == NULL || (v->kind != PK_V_TEXT && v->kind != PK_V_DATE))
        return "";
    return pk_arena_strdup(&r->arena, v->text);
}

int pk_report_new_empty(pk_report **out, const pk_engine *engine,
                        const char *source)
{
    pk_report *r = calloc(1, sizeof *r);

    *out = NULL;
    if (r == NULL)
        return PK_ENOMEM;
    pk_arena_init(&r->arena);
    r->engine = engine;
    r->verdict = PK_VERDICT_INVALID;
    r->score = -1;
    r->kind = r->park_name = r->province = r->date = "";
    r->notice[0] = r->notice[1] = "";
    r->source = pk_arena_strdup(&r->arena, source != NULL ? source : "");
    if (r->source == NULL) {
        free(r);
        return PK_ENOMEM;
    }
    *out = r;
    return PK_OK;
}

static int copy_problems(pk_report *r, const pk_problems *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const pk_error *e = &from->items[i];
        if (pk_problems_add2(&r->problems, from->warning[i], e->code, e->source,
                             e->line, e->column, e->message,
                             from->vi[i]) != PK_OK)
            return PK_ENOMEM;
    }
    r->problems.errors = from->errors;
    return PK_OK;
}

static const pk_pack *pack_in_force(const pk_engine *e, int64_t date)
{
    for (size_t i = 0; i < e->npacks; i++)
        if (date >= e->packs[i]->from && date <= e->packs[i]->until)
            return e->packs[i];
    return NULL;
}

/* An ISO date as dd/mm/yyyy for Vietnamese text; other text unchanged. */
static void vi_date(const char *iso, char out[11])
{
    if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
        snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, 11, "%s", iso);
}

/* The packs loaded and when each is in force, in each language: the
 * pack's own title, so a Vietnamese message reads in Vietnamese. */
/* s appended to buf (of size bytes, holding a string) when the whole of it
 * fits, leaving room for keep bytes more; returns whether it did. A
 * message is never cut inside a word, nor inside a UTF-8 sequence. */
static int append_whole(char *buf, size_t size, size_t keep, const char *s)
{
    size_t n = strlen(buf), l = strlen(s);

    if (n + l + keep >= size)
        return 0;
    memcpy(buf + n, s, l + 1);
    return 1;
}

/* The problem of a date on which no loaded pack is in force, in both
 * languages: each pack with its dates, by its title, or by its id when
 * the title would not fit in what is left of the message
 * (PK_ERROR_TEXT_MAX bytes), and "…" for the packs after the last that
 * fits even so. */
static int no_pack(pk_report *r, const pk_engine *e, const char *date)
{
    char msg[2][PK_ERROR_TEXT_MAX], tail[2][PK_ERROR_TEXT_MAX];
    char entry[PK_ERROR_TEXT_MAX], d[3][11];
    /* Where the date is written, as the format names it. */
    const pk_dformat *f = e->format;
    uint32_t de = f->role_at[PK_ROLE_DATE].elem;
    uint32_t da = f->role_at[PK_ROLE_DATE].attr;
    const char *elem = de != PK_NONE ? f->elems[de].name : "";
    const char *attr =
        de != PK_NONE && da != PK_NONE ? f->elems[de].attrs[da].name : "";

    vi_date(date, d[2]);
    snprintf(msg[0], sizeof msg[0],
             "không có bộ quy tắc nào có hiệu lực vào ngày %s (", d[2]);
    snprintf(msg[1], sizeof msg[1], "no loaded rule pack is in force on %s (",
             date);
    snprintf(tail[0], sizeof tail[0],
             "); kiểm tra lại ngày nộp hồ sơ, ghi ở thuộc tính "
             "%.100s=\"YYYY-MM-DD\" của <%.100s>",
             attr, elem);
    snprintf(tail[1], sizeof tail[1],
             "); check the submission date, the %.100s=\"YYYY-MM-DD\" "
             "attribute of <%.100s>",
             attr, elem);
    for (int l = 0; l < 2; l++) {
        /* room for the tail, and for "; …" after the last pack */
        size_t keep = strlen(tail[l]) + strlen("; …");
        for (size_t i = 0; i < e->npacks; i++) {
            const pk_pack *p = e->packs[i];
            const char *title = p->title[l] != NULL && p->title[l][0] != '\0'
                                    ? p->title[l]
                                    : p->id;
            int fit = 0;

            vi_date(p->from_text, d[0]);
            vi_date(p->until_text, d[1]);
            for (int by_id = 0; by_id < 2 && !fit; by_id++) {
                const char *name = by_id ? p->id : title;
                if (l == 0)
                    snprintf(entry, sizeof entry, "%s%s có hiệu lực%s%s%s%s",
                             i ? "; " : "", name,
                             p->from_text[0] ? " từ ngày " : "", d[0],
                             p->until_text[0] ? " đến ngày " : "", d[1]);
                else
                    snprintf(entry, sizeof entry, "%s%s, in force %s%s%s%s",
                             i ? "; " : "", name,
                             p->from_text[0] ? "from " : "", p->from_text,
                             p->until_text[0] ? " until " : "", p->until_text);
                fit = append_whole(msg[l], sizeof msg[l], keep, entry);
            }
            if (!fit) {
                append_whole(msg[l], sizeof msg[l], strlen(tail[l]),
                             i ? "; …" : "…");
                break;
            }
        }
        append_whole(msg[l], sizeof msg[l], 0, tail[l]);
    }
    return pk_problems_add2(&r->problems, 0, PK_ENOPACK, r->source, 0, 0,
                            msg[1], msg[0]);
}

/* Kind index in the format's kind vocabulary, or -1. */
static int kind_index(const pk_dossier *d, const pk_val *kind)
{
    const pk_dformat *f = d->format;
    const pk_felem *e;
    uint32_t a;

    if (kind == NULL || kind->kind != PK_V_TEXT ||
        f->role_at[PK_ROLE_KIND].elem == PK_NONE)
        return -1;
    e = &f->elems[f->role_at[PK_ROLE_KIND].elem];
    a = f->role_at[PK_ROLE_KIND].attr;
    return pk_vocab_find(
        a == PK_NONE ? &e->value.vocab : &e->attrs[a].value.vocab, kind->text);
}

static void fill_value(pk_evalctx *c, uint32_t fi, pk_value_info *vi)
{
    if (pk_fact_value_info(c->pack, fi, &c->facts[fi], &c->report->arena, vi) !=
        PK_OK)
        c->oom = 1;
}

static pk_status status_of(pk_tv t)
{
    switch (t) {
    case PK_TV_TRUE:
        return PK_STATUS_PASS;
    case PK_TV_FALSE:
        return PK_STATUS_FAIL;
    case PK_TV_UNKNOWN:
        return PK_STATUS_UNKNOWN;
    case PK_TV_ERROR:
        break;
    }
    return PK_STATUS_ERROR;
}

static const char *op_name(pk_cmpop op)
{
    static const char *const names[] = {"ge", "gt", "le", "lt", "eq", "ne"};
    return names[op];
}

/* The comparison that holds when op does not, for one under a <not>. */
static pk_cmpop op_negate(pk_cmpop op)
{
    static const pk_cmpop neg[] = {PK_OP_LT, PK_OP_LE, PK_OP_GT,
                                   PK_OP_GE, PK_OP_NE, PK_OP_EQ};
    return neg[op];
}

/* A set of names as a pk_value_info's text: joined by spaces. */
static const char *join_names(pk_evalctx *c, const pk_vocab *v)
{
    size_t n = 1, at = 0;
    char *s;

    for (size_t i = 0; i < v->count; i++)
        n += strlen(v->names[i]) + 1;
    s = pk_arena_alloc(&c->report->arena, n);
    if (s == NULL) {
        c->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < v->count; i++) {
        size_t len = strlen(v->names[i]);
        if (i > 0)
            s[at++] = ' ';
        memcpy(s + at, v->names[i], len);
        at += len;
    }
    s[at] = '\0';
    return s;
}

/* A typed side of a comparison from a value the rule does not read as a
 * fact: a constant of the pack. */
static void typed_constant(pk_evalctx *c, const pk_val *v, const char *unit,
                           pk_value_info *out)
{
    memset(out, 0, sizeof *out);
    out->unit = unit;
    switch (v->kind) {
    case PK_V_BOOL:
        out->kind = PK_VALUE_BOOL;
        out->boolean = v->boolean;
        break;
    case PK_V_TEXT:
        out->kind = PK_VALUE_TEXT;
        out->text = v->text;
        break;
    case PK_V_DATE:
        out->kind = PK_VALUE_TEXT;
        if (v->text != NULL) {
            out->text = v->text;
        } else {
            char iso[11];
            pk_civil_from_days(v->num, iso);
            out->text = pk_arena_strdup(&c->report->arena, iso);
            if (out->text == NULL)
                c->oom = 1;
        }
        break;
    case PK_V_NUMBER:
        out->kind = PK_VALUE_NUMBER;
        out->number = pk_num_double(v->num, v->den);
        break;
    default:
        out->kind = PK_VALUE_MISSING;
        break;
    }
}

/* Records the comparison cond as the one that decided the rule. */
static void record_compare(pk_evalctx *c, const pk_cond *cond, int neg,
                           pk_result *res)
{
    const pk_cmpslot *s = &c->slots[cond->slot];
    const pk_fact *f = &c->pack->facts[cond->fact];
    const pk_val *lhs = &c->facts[cond->fact];
    int numeric = lhs->kind == PK_V_NUMBER || lhs->kind == PK_V_DATE ||
                  lhs->kind == PK_V_MISSING;

    res->has_cmp = 1;
    res->cmp_cond = cond;
    res->cmp_negated = neg;
    res->cmp.fact = f->id;
    res->cmp.param =
        cond->rhs == PK_RHS_PARAM ? c->pack->params[cond->rhs_index].id : NULL;
    res->cmp.op = op_name(neg ? op_negate(cond->cmp) : cond->cmp);
    res->cmp.unit = f->unit;
    /* Only numbers (and dates, as days) are quoted as numbers: a yes/no
     * or a text has no number to give, and 0 would read as one. */
    res->cmp.value = numeric ? s->value : NAN;
    res->cmp.threshold = numeric ? s->threshold : NAN;
    res->cmp.shortfall = numeric ? s->shortfall : NAN;
    if (numeric && neg)
        /* turned round: it fails where the comparison held, by how far
         * the value is past the threshold */
        res->cmp.shortfall =
            s->tv == PK_TV_TRUE ? fabs(s->value - s->threshold) : 0;
    res->cmp_range = s->range;
    res->cmp_bound = s->bound;
    res->cmp_threshold_hi = s->threshold_hi;
    if (s->has_needed && f->nargs == 2) {
        const pk_fact *num = &c->pack->facts[f->args[0]];
        res->cmp_has_needed = 1;
        res->cmp_needed = s->needed;
        res->cmp_needed_unit = num->unit;
        res->cmp_needed_integral = num->integral;
    }

    fill_value(c, cond->fact, &res->cmp_typed[0]);
    if (lhs->kind == PK_V_NUMBER || lhs->kind == PK_V_MISSING) {
        /* the value as compared: a missing fact's bound when the bound
         * decided (pk_result_comparison_bound() says which side), a
         * range's lower end when still unknown */
        res->cmp_typed[0].kind = lhs->kind == PK_V_NUMBER ||
                                         s->tv == PK_TV_TRUE ||
                                         s->tv == PK_TV_FALSE
                                     ? PK_VALUE_NUMBER
                                     : PK_VALUE_MISSING;
        res->cmp_typed[0].number = s->value;
    }
    if (cond->rhs == PK_RHS_PARAM) {
        const pk_param *p = &c->pack->params[cond->rhs_index];
        memset(&res->cmp_typed[1], 0, sizeof res->cmp_typed[1]);
        res->cmp_typed[1].id = p->id;
        res->cmp_typed[1].kind = PK_VALUE_NUMBER;
        res->cmp_typed[1].number = s->threshold;
        res->cmp_typed[1].unit = f->unit;
    } else if (cond->rhs == PK_RHS_FACT) {
        fill_value(c, cond->rhs_index, &res->cmp_typed[1]);
    } else {
        typed_constant(c, &cond->rhs_value, f->unit, &res->cmp_typed[1]);
    }
}

/* The outcome of a leaf (contains, in, matches, empty) as the evaluation
 * found it, from the same facts; unknown for one that read nothing. */
static pk_tv leaf_outcome(pk_evalctx *c, const pk_cond *cond)
{
    const pk_val *v = &c->facts[cond->fact];
    int rc;

    if (v->kind == PK_V_MISSING || v->kind == PK_V_INVALID)
        return PK_TV_UNKNOWN;
    switch (cond->op) {
    case PK_C_EMPTY:
        if (v->kind == PK_V_SET)
            return v->set.count == 0 ? (v->open ? PK_TV_UNKNOWN : PK_TV_TRUE)
                                     : PK_TV_FALSE;
        return v->num == 0 ? PK_TV_TRUE : PK_TV_FALSE;
    case PK_C_CONTAINS:
        if (v->kind != PK_V_SET)
            return PK_TV_UNKNOWN;
        for (size_t i = 0; i < cond->set.count; i++)
            for (size_t k = 0; k < v->set.count; k++)
                if (strcmp(v->set.items[k], cond->set.names[i]) == 0)
                    return PK_TV_TRUE;
        return v->open ? PK_TV_UNKNOWN : PK_TV_FALSE;
    case PK_C_IN:
        if (v->text == NULL)
            return PK_TV_UNKNOWN;
        for (size_t i = 0; i < cond->set.count; i++)
            if (strcmp(v->text, cond->set.names[i]) == 0)
                return PK_TV_TRUE;
        return PK_TV_FALSE;
    case PK_C_MATCHES:
        if (v->text == NULL)
            return PK_TV_UNKNOWN;
        if (c->md == NULL) {
            c->md = pcre2_match_data_create(1, c->pack->gctx);
            if (c->md == NULL) {
                c->oom = 1;
                return PK_TV_UNKNOWN;
            }
        }
        rc = pcre2_match(cond->re, (PCRE2_SPTR)v->text, PCRE2_ZERO_TERMINATED,
                         0, 0, c->md, c->pack->mctx);
        if (rc == PCRE2_ERROR_NOMEMORY)
            c->oom = 1;
        return rc >= 0                     ? PK_TV_TRUE
               : rc == PCRE2_ERROR_NOMATCH ? PK_TV_FALSE
                                           : PK_TV_UNKNOWN;
    default:
        return PK_TV_UNKNOWN;
    }
}

static void record_leaf(pk_evalctx *c, const pk_cond *cond, int neg,
                        pk_result *res)
{
    static const char *const names[][2] = {{"empty", "not-empty"},
                                           {"contains", "not-contains"},
                                           {"in", "not-in"},
                                           {"matches", "not-matches"}};
    const pk_fact *f = &c->pack->facts[cond->fact];
    pk_value_info *req = &res->cmp_typed[1];
    int k = cond->op == PK_C_EMPTY      ? 0
            : cond->op == PK_C_CONTAINS ? 1
            : cond->op == PK_C_IN       ? 2
                                        : 3;

    res->has_cmp = 1;
    res->cmp_cond = cond;
    res->cmp_negated = neg;
    res->cmp.fact = f->id;
    res->cmp.param = NULL;
    res->cmp.op = names[k][neg ? 1 : 0];
    res->cmp.unit = f->unit;
    res->cmp.value = res->cmp.threshold = res->cmp.shortfall = NAN;
    fill_value(c, cond->fact, &res->cmp_typed[0]);
    memset(req, 0, sizeof *req);
    if (cond->op == PK_C_CONTAINS || cond->op == PK_C_IN) {
        req->kind = PK_VALUE_SET;
        req->text = join_names(c, &cond->set);
    } else if (cond->op == PK_C_MATCHES) {
        req->kind = PK_VALUE_TEXT;
        req->text = cond->text;
    } else {
        req->kind = PK_VALUE_MISSING; /* asks for no value in particular */
    }
}

/* What a part of the condition came to in this evaluation, worked out
 * again from the comparisons' slots and the facts: a part whose outcome is
 * not the rule's did not decide it, and nothing in it is quoted. */
static pk_tv node_outcome(pk_evalctx *c, const pk_cond *cond)
{
    int t = 0, f = 0, u = 0;

    switch (cond->op) {
    case PK_C_ALL:
    case PK_C_ANY:
        for (size_t i = 0; i < cond->nkids; i++) {
            pk_tv k = node_outcome(c, &cond->kids[i]);
            t |= k == PK_TV_TRUE;
            f |= k == PK_TV_FALSE;
            u |= k != PK_TV_TRUE && k != PK_TV_FALSE;
        }
        if (cond->op == PK_C_ALL)
            return f ? PK_TV_FALSE : u ? PK_TV_UNKNOWN : PK_TV_TRUE;
        return t ? PK_TV_TRUE : u ? PK_TV_UNKNOWN : PK_TV_FALSE;
    case PK_C_NOT: {
        pk_tv k = node_outcome(c, &cond->kids[0]);
        return k == PK_TV_TRUE    ? PK_TV_FALSE
               : k == PK_TV_FALSE ? PK_TV_TRUE
                                  : k;
    }
    case PK_C_COMPARE:
        return c->slots[cond->slot].done ? c->slots[cond->slot].tv
                                         : PK_TV_UNKNOWN;
    case PK_C_PRESENT:
        return c->facts[cond->fact].kind == PK_V_MISSING ? PK_TV_FALSE
                                                         : PK_TV_TRUE;
    default:
        return leaf_outcome(c, cond);
    }
}

enum { FIND_PARAM = 0, FIND_COMPARE, FIND_LEAF };

/* Fills res's comparison from the first condition of the kind asked, in
 * tree order, whose outcome was want: a comparison against a parameter (a
 * threshold of the law), any comparison, or a test of a set or a text.
 * Under a <not> the outcome wanted and the comparison's sense turn round.
 * Returns 1 when one was found. */
static int find_decider(pk_evalctx *c, const pk_cond *cond, pk_tv want, int neg,
                        int kind, pk_result *res)
{
    const pk_cmpslot *s;

    switch (cond->op) {
    case PK_C_ALL:
    case PK_C_ANY:
        for (size_t i = 0; i < cond->nkids; i++)
            if ((want == PK_TV_UNKNOWN ||
                 node_outcome(c, &cond->kids[i]) == want) &&
                find_decider(c, &cond->kids[i], want, neg, kind, res))
                return 1;
        return 0;
    case PK_C_NOT:
        if (want != PK_TV_UNKNOWN)
            want = want == PK_TV_TRUE ? PK_TV_FALSE : PK_TV_TRUE;
        return find_decider(c, &cond->kids[0], want, !neg, kind, res);
    case PK_C_COMPARE:
        if (kind == FIND_LEAF)
            return 0;
        s = &c->slots[cond->slot];
        if (!s->done || s->tv != want ||
            (kind == FIND_PARAM && cond->rhs != PK_RHS_PARAM))
            return 0;
        if (want == PK_TV_UNKNOWN && !s->range)
            return 0; /* nothing was read to quote */
        record_compare(c, cond, neg, res);
        return 1;
    case PK_C_CONTAINS:
    case PK_C_IN:
    case PK_C_MATCHES:
    case PK_C_EMPTY:
        if (kind != FIND_LEAF || want == PK_TV_UNKNOWN ||
            leaf_outcome(c, cond) != want)
            return 0;
        record_leaf(c, cond, neg, res);
        return 1;
    default:
        return 0;
    }
}

/* Decides every reading of a rule, then the rule from them: it passes or
 * fails only when every reading does; when one passes and another fails
 * the law is open, whatever a reading still unknown would give; any other
 * unknown reading leaves the rule unknown (the missing facts decide
 * whether it will pass or fail, or be open). An error in any reading is
 * the rule's. */
static pk_status eval_readings(pk_evalctx *c, const pk_rule *rule, int kind,
                               pk_result *res)
{
    int any_true = 0, any_false = 0, any_unknown = 0, any_error = 0;
    uint64_t bit = (uint64_t)1 << kind;
    size_t n = 0;

    for (size_t i = 0; i < rule->nreadings; i++)
        n += (rule->readings[i].kinds & bit) != 0;
    if (n == 0)
        return PK_STATUS_NOT_APPLICABLE; /* the loader refuses such a pack */
    /* One reading for this kind of dossier: the provision is settled for
     * it, and the result reads as any other rule's. */
    if (n == 1) {
        for (size_t i = 0; i < rule->nreadings; i++)
            if (rule->readings[i].kinds & bit) {
                res->settled = &rule->readings[i].check;
                return status_of(pk_cond_eval(c, res->settled));
            }
    }
    res->readings =
        pk_arena_alloc(&c->report->arena, n * sizeof *res->readings);
    res->reading_defs =
        pk_arena_alloc(&c->report->arena, n * sizeof *res->reading_defs);
    if (res->readings == NULL || res->reading_defs == NULL) {
        c->oom = 1;
        return PK_STATUS_ERROR;
    }
    for (size_t i = 0; i < rule->nreadings; i++) {
        pk_tv tv;
        if (!(rule->readings[i].kinds & bit))
            continue;
        tv = pk_cond_eval(c, &rule->readings[i].check);
        res->reading_defs[res->nreadings] = &rule->readings[i];
        res->readings[res->nreadings++] = status_of(tv);
        any_true |= tv == PK_TV_TRUE;
        any_false |= tv == PK_TV_FALSE;
        any_unknown |= tv == PK_TV_UNKNOWN;
        any_error |= tv == PK_TV_ERROR;
    }
    if (any_error)
        return PK_STATUS_ERROR;
    if (any_true && any_false)
        return PK_STATUS_OPEN;
    if (any_unknown)
        return PK_STATUS_UNKNOWN;
    return any_true ? PK_STATUS_PASS : PK_STATUS_FAIL;
}

/* The condition of the first reading whose outcome is want, or NULL. */
static const pk_cond *reading_check(const pk_result *res, pk_tv want)
{
    pk_status s = status_of(want);

    for (size_t i = 0; i < res->nreadings; i++)
        if (res->readings[i] == s)
            return &res->reading_defs[i]->check;
    return NULL;
}

static int eval_rule(pk_evalctx *c, const pk_rule *rule, int kind,
                     pk_result *res)
{
    pk_tv tv = PK_TV_TRUE;
    pk_arena *A = &c->report->arena;

    memset(res, 0, sizeof *res);
    res->rule = rule;
    res->cite = &rule->cite;
    res->cite_words[0] = rule->cite_text[0];
    res->cite_words[1] = rule->cite_text[1];
    for (size_t i = 0; kind >= 0 && i < rule->nkindcites; i++)
        if (rule->kindcites[i].kinds & ((uint64_t)1 << kind)) {
            res->cite = &rule->kindcites[i].cite;
            res->cite_words[0] = rule->kindcites[i].cite_text[0];
            res->cite_words[1] = rule->kindcites[i].cite_text[1];
        }
    res->pack = c->pack;
    res->report = c->report;
    res->error_fact = PK_NONE;
    res->error_param = PK_NONE;
    c->nmissing = 0;
    c->error_fact = PK_NONE;
    c->error_param = PK_NONE;
    c->error_pattern = NULL;
    for (unsigned i = 0; i < rule->ncompares; i++)
        c->slots[i].done = 0;

    res->other_kind = 0;
    if (kind < 0 || !(rule->kinds & ((uint64_t)1 << kind))) {
        res->status = PK_STATUS_NOT_APPLICABLE;
        res->other_kind = 1;
    } else {
        if (rule->applies != NULL)
            tv = pk_cond_eval(c, rule->applies);
        if (tv == PK_TV_FALSE) {
            res->status = PK_STATUS_NOT_APPLICABLE;
        } else {
            if (tv == PK_TV_TRUE && rule->nreadings > 0) {
                res->status = eval_readings(c, rule, kind, res);
            } else {
                if (tv == PK_TV_TRUE)
                    tv = pk_cond_eval(c, &rule->check);
                res->status = status_of(tv);
            }
        }
    }
    if (c->oom)
        return PK_ENOMEM;
    if (res->status == PK_STATUS_ERROR) {
        res->error_fact = c->error_fact;
        res->error_param = c->error_param;
        res->error_pattern = c->error_pattern != NULL;
    }

    /* What was read, shown with every applicable result. */
    if (res->status != PK_STATUS_NOT_APPLICABLE && rule->nfacts > 0) {
        res->values = pk_arena_alloc(A, rule->nfacts * sizeof *res->values);
        if (res->values == NULL)
            return PK_ENOMEM;
        for (size_t i = 0; i < rule->nfacts; i++)
            fill_value(c, rule->facts[i], &res->values[i]);
        res->nvalues = rule->nfacts;
    }
    if (res->status == PK_STATUS_UNKNOWN && c->nmissing > 0) {
        res->missing = pk_arena_alloc(A, c->nmissing * sizeof *res->missing);
        if (res->missing == NULL)
            return PK_ENOMEM;
        for (size_t i = 0; i < c->nmissing; i++)
            res->missing[i] = c->pack->facts[c->missing[i]].id;
        res->nmissing = c->nmissing;
    }
    /* The comparison that decided it: the first whose outcome is the
     * rule's own. */
    if (res->status == PK_STATUS_PASS || res->status == PK_STATUS_FAIL ||
        res->status == PK_STATUS_UNKNOWN) {
        pk_tv want = res->status == PK_STATUS_PASS   ? PK_TV_TRUE
                     : res->status == PK_STATUS_FAIL ? PK_TV_FALSE
                                                     : PK_TV_UNKNOWN;
        /* Several comparisons may share the outcome (every part of a
         * failed <any>); the one against a threshold of the law is the one
         * to quote; then any other comparison; then a test of a set or
         * a text, so that a yes/no, set or text rule says what it read
         * and what it asks for too. */
        const pk_cond *check = &rule->check;
        /* With readings, the reading whose outcome is the rule's says
         * what decided it; an open rule quotes a reading that fails, the
         * one whose figures a ruling would have to weigh. */
        if (res->settled != NULL)
            check = res->settled;
        else if (res->nreadings > 0)
            check = reading_check(res, want);
        if (check != NULL &&
            !find_decider(c, check, want, 0, FIND_PARAM, res) &&
            !find_decider(c, check, want, 0, FIND_COMPARE, res))
            find_decider(c, check, want, 0, FIND_LEAF, res);
    } else if (res->status == PK_STATUS_OPEN) {
        const pk_cond *check = reading_check(res, PK_TV_FALSE);
        if (check != NULL &&
            !find_decider(c, check, PK_TV_FALSE, 0, FIND_PARAM, res) &&
            !find_decider(c, check, PK_TV_FALSE, 0, FIND_COMPARE, res))
            find_decider(c, check, PK_TV_FALSE, 0, FIND_LEAF, res);
    }
    return c->oom ? PK_ENOMEM : PK_OK;
}

static void verdict_and_score(pk_report *r)
{
    int fail = 0, error = 0, unknown = 0, open = 0;
    double total = 0, passed = 0;

    for (size_t i = 0; i < r->nresults; i++) {
        const pk_result *res = &r->results[i];
        const pk_rule *rule = res->rule;
        if (rule->severity != PK_SEVERITY_MANDATORY ||
            res->status == PK_STATUS_NOT_APPLICABLE)
            continue;
        total += rule->weight;
        if (res->status == PK_STATUS_PASS)
            passed += rule->weight;
        if (res->status == PK_STATUS_FAIL &&
            rule->category == PK_CATEGORY_CRITERION)
            fail = 1;
        else if (res->status == PK_STATUS_ERROR)
            error = 1;
        else if (res->status == PK_STATUS_OPEN)
            open = 1; /* a reading passes: never a failure */
        else if (res->status != PK_STATUS_PASS)
            unknown = 1; /* unknown, or a document that is missing */
    }
    if (fail)
        r->verdict = PK_VERDICT_NOT_ELIGIBLE;
    else if (error || r->problems.errors > 0)
        r->verdict = PK_VERDICT_INVALID;
    else if (unknown)
        r->verdict = PK_VERDICT_INCOMPLETE; /* facts first, then a ruling */
    else if (open)
        r->verdict = PK_VERDICT_NEEDS_RULING;
    else
        r->verdict = PK_VERDICT_ELIGIBLE;
    /* An invalid dossier has no score: what passed was read from figures
     * that cannot be trusted, and 100 beside "invalid" would mislead. */
    r->score = total > 0 && r->verdict != PK_VERDICT_INVALID
                   ? 100.0 * passed / total
                   : -1;
}

static int article_scores(pk_report *r)
{
    size_t n = 0;

    r->articles = pk_arena_alloc(&r->arena, (r->nresults ? r->nresults : 1) *
                                                sizeof *r->articles);
    if (r->articles == NULL)
        return PK_ENOMEM;
    for (size_t i = 0; i < r->nresults; i++) {
        const pk_result *res = &r->results[i];
        const pk_rule *rule = res->rule;
        size_t k;
        if (rule->severity != PK_SEVERITY_MANDATORY ||
            res->status == PK_STATUS_NOT_APPLICABLE)
            continue;
        for (k = 0; k < n && r->articles[k].article != res->cite->article; k++)
            ;
        if (k == n) {
            r->articles[n].article = res->cite->article;
            n++;
        }
        r->articles[k].rules++;
        r->articles[k].weight += rule->weight;
        if (res->status == PK_STATUS_PASS)
            r->articles[k].passed_weight += rule->weight;
    }
    /* In the decree's order, whichever rule came first in the pack: one
     * rule may cite another article for another kind of dossier. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i;
             k > 0 && r->articles[k - 1].article > r->articles[k].article;
             k--) {
            pk_article_score t = r->articles[k - 1];
            r->articles[k - 1] = r->articles[k];
            r->articles[k] = t;
        }
    r->narticles = n;
    return PK_OK;
}

static int evaluate(pk_report *r, const pk_engine *engine, const pk_dossier *d,
                    const pk_eval_options *opts, pk_error *err)
{
    pk_evalctx c;
    int64_t date, c_date;
    char date_text[11];
    const pk_val *dv;
    int kind, rc;

    if (copy_problems(r, &d->problems) != PK_OK)
        return PK_ENOMEM;
    r->kind = role_text(r, d, PK_ROLE_KIND);
    r->park_name = role_text(r, d, PK_ROLE_NAME);
    r->province = role_text(r, d, PK_ROLE_PROVINCE);
    if (r->kind == NULL || r->park_name == NULL || r->province == NULL)
        return PK_ENOMEM;

    dv = role_value(d, PK_ROLE_DATE);
    if (opts != NULL && opts->as_of != NULL) {
        char msg[200];
        if (pk_parse_date(opts->as_of, &date, msg, sizeof msg) != PK_OK) {
            pk_error_set(err, PK_EINVAL, NULL, 0, 0, "--as-of %s", msg);
            return PK_EINVAL;
        }
    } else if (dv != NULL && dv->kind == PK_V_DATE) {
        date = dv->num;
    } else {
        /* The date is unknown (missing, blank or malformed: the reader
         * said which, where). Today's rules are not the dossier's: none
         * are applied, and the verdict is invalid. */
        if (pk_problems_add2(
                &r->problems, 0, PK_EVALUE, r->source,
                dv != NULL ? dv->line : 0, dv != NULL ? dv->col : 0,
                "no rule was checked: the rules in force are chosen by the "
                "dossier's submission date, which it does not give validly",
                "chưa kiểm tra quy định nào: quy định áp dụng được chọn theo "
                "ngày trình hồ sơ, mà hồ sơ chưa ghi ngày trình hợp lệ") !=
            PK_OK)
            return PK_ENOMEM;
        return PK_OK;
    }
    pk_civil_from_days(date, date_text);
    r->date = pk_arena_strdup(&r->arena, date_text);
    if (r->date == NULL)
        return PK_ENOMEM;
    if (d->unreadable)
        return PK_OK; /* verdict invalid, the problems say why */
    r->pack =
        engine->chosen != NULL ? engine->chosen : pack_in_force(engine, date);
    if (r->pack == NULL)
        return no_pack(r, engine, date_text);
    {
        int64_t values_date;
        if (pk_regime_mark(r, date, &values_date) != PK_OK)
            return PK_ENOMEM;
        c_date = values_date;
    }
    for (size_t i = 0; i < r->pack->nnotices; i++) {
        const pk_notice *n = &r->pack->notices[i];
        if (date >= n->from && date <= n->until) {
            r->notice[0] = n->text[0];
            r->notice[1] = n->text[1];
        }
    }

    memset(&c, 0, sizeof c);
    c.pack = r->pack;
    c.dossier = d;
    c.report = r;
    c.date = c_date;
    c.slots = pk_arena_alloc(&r->arena,
                             (r->pack->max_compares + 1) * sizeof *c.slots);
    c.missing =
        pk_arena_alloc(&r->arena, (r->pack->nfacts + 1) * sizeof *c.missing);
    r->results =
        pk_arena_alloc(&r->arena, (r->pack->nrules + 1) * sizeof *r->results);
    r->texts =
        pk_arena_alloc(&r->arena, (r->pack->nrules + 1) * sizeof *r->texts);
    r->store = pk_arena_alloc(&r->arena, sizeof *r->store);
    if (c.slots == NULL || c.missing == NULL || r->results == NULL ||
        r->texts == NULL || r->store == NULL)
        return PK_ENOMEM;
    rc = pk_facts_compute(&c);
    r->facts = c.facts;
    r->intervals = c.intervals;
    kind = kind_index(d, role_value(d, PK_ROLE_KIND));
    for (size_t i = 0; i < r->pack->nrules && rc == PK_OK; i++) {
        rc = eval_rule(&c, &r->pack->rules[i], kind, &r->results[i]);
        r->nresults = i + 1;
    }
    if (c.md != NULL)
        pcre2_match_data_free(c.md);
    if (rc != PK_OK)
        return rc;
    verdict_and_score(r);
    return article_scores(r);
}

/* The size of each version of pk_eval_options, oldest first. */
static const size_t eval_options_sizes[] = {
    PK_OPTIONS_END(pk_eval_options, as_of), /* 1 */
};

int pk_evaluate(pk_report **out, const pk_engine *engine,
                const pk_dossier *dossier, const pk_eval_options *opts,
                pk_error *err)
{
    pk_eval_options o = PK_EVAL_OPTIONS_INIT;
    pk_report *r;
    int rc;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || engine == NULL || dossier == NULL) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0, "invalid argument");
        return PK_EINVAL;
    }
    rc = pk_options_read(&o, sizeof o, opts, eval_options_sizes,
                         PK_EVAL_OPTIONS_VERSION, "pk_eval_options", err);
    if (rc != PK_OK)
        return rc;
    opts = &o;
    rc = pk_report_new_empty(&r, engine, dossier->source);
    if (rc != PK_OK) {
        pk_error_set(err, rc, dossier->source, 0, 0, "out of memory");
        return rc;
    }
    rc = evaluate(r, engine, dossier, opts, err);
    if (rc != PK_OK) {
        if (rc == PK_ENOMEM)
            pk_error_set(err, rc, dossier->source, 0, 0, "out of memory");
        pk_report_free(r);
        return rc;
    }
    *out = r;
    return PK_OK;
}

/* A report for a dossier that could not be read: verdict invalid, the
 * reason as its one problem. */
static int unreadable_report(pk_report **out, const pk_engine *engine,
                             const char *source, const pk_error *why,
                             pk_error *err)
{
    pk_report *r;
    int rc = pk_report_new_empty(&r, engine, source);

    if (rc == PK_OK)
        rc = pk_problems_add_error(&r->problems, 0, why, source);
    if (rc != PK_OK) {
        pk_report_free(r);
        pk_error_set(err, PK_ENOMEM, source, 0, 0, "out of memory");
        return PK_ENOMEM;
    }
    *out = r;
    return PK_OK;
}

static int check_read(pk_report **out, const pk_engine *engine,
                      const char *name, int rc, pk_dossier *d,
                      const pk_error *why, const pk_eval_options *opts,
                      pk_error *err)
{
    if (rc == PK_ENOMEM || rc == PK_EINVAL) {
        if (err != NULL)
            *err = *why;
        return rc;
    }
    if (rc != PK_OK)
        return unreadable_report(out, engine, name, why, err);
    rc = pk_evaluate(out, engine, d, opts, err);
    pk_dossier_free(d);
    return rc;
}

int pk_check_file(pk_report **out, const pk_engine *engine, const char *path,
                  const pk_eval_options *opts, pk_error *err)
{
    pk_dossier *d = NULL;
    pk_error why;
    int rc;

    if (out == NULL || engine == NULL || path == NULL) {
        pk_error_set(err, PK_EINVAL, path, 0, 0, "invalid argument");
        return PK_EINVAL;
    }
    *out = NULL;
    memset(&why, 0, sizeof why);
    rc = pk_dossier_read_file(&d, engine, path, &why);
    return check_read(out, engine, path, rc, d, &why, opts, err);
}

int pk_check_memory(pk_report **out, const pk_engine *engine, const char *name,
                    const char *data, size_t len, const pk_eval_options *opts,
                    pk_error *err)
{
    pk_dossier *d = NULL;
    pk_error why;
    int rc;

    if (out == NULL || engine == NULL || (data == NULL && len > 0)) {
        pk_error_set(err, PK_EINVAL, name, 0, 0, "invalid argument");
        return PK_EINVAL;
    }
    *out = NULL;
    memset(&why, 0, sizeof why);
    rc = pk_dossier_read_memory(&d, engine, name, data, len, &why);
    return check_read(out, engine, name ? name : "", rc, d, &why, opts, err);
}
