/* What a pack's rules check, in words: the rule getters and the
 * description `parkcheck rules show` prints. */
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "pack.h"
#include "words.h"

/* ---- the description ---- */

typedef struct desc {
    pk_strbuf *sb;
    const pk_pack *pack;
    const pk_dformat *format; /* whose words cite the law */
    int l;                    /* 0 vi, 1 en */
    pk_lang lang;
} desc;

static const char *T(const desc *d, const char *vi, const char *en)
{
    return d->l == 0 ? vi : en;
}

/* Where a fact comes from: its place in a dossier, or how it is worked
 * out from others ("operation/core-land-leased ÷ operation/core-land"). */
static void fact_source(desc *d, const pk_fact *f)
{
    const char *sep = f->how == PK_FH_RATIO   ? " ÷ "
                      : f->how == PK_FH_TOTAL ? " + "
                      : f->how == PK_FH_DIFF  ? " − "
                                              : ", ";

    if (f->where != NULL) {
        pk_sb_puts(d->sb, strncmp(f->where, "/dossier/", 9) == 0 ? f->where + 9
                                                                 : f->where);
        return;
    }
    for (size_t a = 0; a < f->nargs; a++) {
        if (a > 0)
            pk_sb_puts(d->sb, sep);
        fact_source(d, &d->pack->facts[f->args[a]]);
    }
}

static void fact_words(desc *d, uint32_t fi)
{
    const pk_fact *f = &d->pack->facts[fi];

    pk_sb_puts(d->sb, f->label[d->l]);
    pk_sb_puts(d->sb, " [");
    fact_source(d, f);
    pk_sb_puts(d->sb, "]");
}

static void value_words(desc *d, const pk_fact *f, const pk_val *v)
{
    if (v->kind == PK_V_NUMBER) {
        if (strcmp(f->unit, "ratio") == 0) {
            pk_fmt_percent(d->sb, pk_num_double(v->num, v->den), d->lang);
        } else {
            pk_fmt_number(d->sb, pk_num_double(v->num, v->den), -1, d->lang);
            pk_unit_append(d->sb, d->pack->format, f->unit,
                           pk_num_double(v->num, v->den), d->lang);
        }
    } else if (v->kind == PK_V_DATE) {
        char iso[11];
        pk_civil_from_days(v->num, iso);
        pk_fmt_date(d->sb, iso, d->lang);
    } else if (v->kind == PK_V_BOOL) {
        pk_sb_puts(d->sb,
                   v->boolean ? T(d, "đúng", "true") : T(d, "sai", "false"));
    } else if (v->kind == PK_V_TEXT) {
        pk_sb_puts(d->sb,
                   pk_vocab_label(pk_fact_vocab(d->pack, f), v->text, d->l));
    }
}

static void names_words(desc *d, const pk_fact *f, const pk_vocab *names)
{
    const pk_vocab *v = pk_fact_vocab(d->pack, f);

    for (size_t i = 0; i < names->count; i++) {
        if (i > 0)
            pk_sb_puts(d->sb,
                       i + 1 == names->count ? T(d, " hoặc ", " or ") : ", ");
        pk_sb_puts(d->sb, "“");
        pk_sb_puts(d->sb, pk_vocab_label(v, names->names[i], d->l));
        pk_sb_puts(d->sb, "”");
    }
}

static void indent(desc *d, int depth)
{
    for (int i = 0; i < depth; i++)
        pk_sb_puts(d->sb, "  ");
}

static void cond_words(desc *d, const pk_cond *c, int depth)
{
    static const char *const ops[] = {"≥", ">", "≤", "<", "=", "≠"};
    const pk_fact *f;

    indent(d, depth);
    switch (c->op) {
    case PK_C_ALL:
        if (c->nkids == 0) {
            pk_sb_puts(d->sb, T(d, "luôn đạt (không đặt ra điều kiện)\n",
                                "always met (no condition)\n"));
            return;
        }
        /* fall through */
    case PK_C_ANY:
    case PK_C_NOT:
        pk_sb_puts(d->sb, c->op == PK_C_ALL
                              ? T(d, "tất cả các điều sau:", "all of:")
                          : c->op == PK_C_ANY
                              ? T(d, "ít nhất một trong:", "at least one of:")
                              : T(d, "không phải:", "not:"));
        pk_sb_puts(d->sb, "\n");
        for (size_t i = 0; i < c->nkids; i++)
            cond_words(d, &c->kids[i], depth + 1);
        return;
    default:
        break;
    }
    f = &d->pack->facts[c->fact];
    switch (c->op) {
    case PK_C_COMPARE:
        fact_words(d, c->fact);
        pk_sb_printf(d->sb, " %s ", ops[c->cmp]);
        if (c->rhs == PK_RHS_PARAM) {
            const pk_param *q = &d->pack->params[c->rhs_index];
            pk_sb_puts(d->sb, q->label[d->l]);
            if (c->text != NULL && q->by != PK_NONE) {
                /* as-if: the value for one case, whatever the dossier says */
                const pk_vocab *v =
                    pk_fact_vocab(d->pack, &d->pack->facts[q->by]);
                pk_sb_puts(d->sb,
                           T(d, " (mức áp dụng khi ", " (the value for "));
                fact_words(d, q->by);
                pk_sb_puts(d->sb, T(d, " là: ", ": "));
                pk_sb_puts(d->sb, v != NULL ? pk_vocab_label(v, c->text, d->l)
                                            : c->text);
                pk_sb_puts(d->sb, ")");
            }
        } else if (c->rhs == PK_RHS_FACT)
            fact_words(d, c->rhs_index);
        else
            value_words(d, f, &c->rhs_value);
        break;
    case PK_C_PRESENT:
        pk_sb_puts(d->sb, T(d, "hồ sơ nêu: ", "the dossier states: "));
        fact_words(d, c->fact);
        break;
    case PK_C_EMPTY:
        fact_words(d, c->fact);
        pk_sb_puts(d->sb, T(d, " không có mục nào", " has no item"));
        break;
    case PK_C_CONTAINS:
        fact_words(d, c->fact);
        pk_sb_puts(d->sb, T(d, " có ", " includes "));
        names_words(d, f, &c->set);
        break;
    case PK_C_IN:
        fact_words(d, c->fact);
        pk_sb_puts(d->sb, T(d, " là ", " is "));
        names_words(d, f, &c->set);
        break;
    case PK_C_MATCHES:
        fact_words(d, c->fact);
        pk_sb_puts(d->sb, T(d, " có dạng /", " looks like /"));
        pk_sb_puts(d->sb, c->text);
        pk_sb_puts(d->sb, "/");
        break;
    default:
        break;
    }
    pk_sb_puts(d->sb, "\n");
}

static void param_words(desc *d, const pk_param *q)
{
    char cite[96];
    const pk_vocab *by_vocab =
        q->by != PK_NONE ? pk_fact_vocab(d->pack, &d->pack->facts[q->by])
                         : NULL;

    pk_cite_write(d->format, &q->cite, d->lang, cite, sizeof cite);
    pk_sb_printf(d->sb, "  %s (%s) — %s\n", q->label[d->l], q->id, cite);
    for (size_t i = 0; i < q->nvalues; i++) {
        const pk_pvalue *v = &q->values[i];
        char from[11] = "", until[11] = "";
        pk_sb_puts(d->sb, "    ");
        if (q->percent)
            pk_fmt_percent(d->sb, pk_num_double(v->num, v->den), d->lang);
        else
            pk_fmt_number(d->sb, pk_num_double(v->num, v->den), -1, d->lang);
        if (!q->percent && strcmp(q->unit, "ratio") != 0)
            pk_unit_append(d->sb, d->pack->format, q->unit,
                           pk_num_double(v->num, v->den), d->lang);
        if (v->when != NULL) {
            pk_sb_puts(d->sb, T(d, " khi ", " when "));
            pk_sb_puts(d->sb, d->pack->facts[q->by].label[d->l]);
            pk_sb_puts(d->sb, T(d, " là “", " is “"));
            pk_sb_puts(d->sb, pk_vocab_label(by_vocab, v->when, d->l));
            pk_sb_puts(d->sb, "”");
        } else if (q->by != PK_NONE) {
            pk_sb_puts(d->sb, T(d, " trong các trường hợp khác", " otherwise"));
        }
        if (v->from != INT64_MIN)
            pk_civil_from_days(v->from, from);
        if (v->until != INT64_MAX)
            pk_civil_from_days(v->until, until);
        if (from[0] != '\0') {
            pk_sb_puts(d->sb, T(d, ", từ ngày ", ", from "));
            pk_fmt_date(d->sb, from, d->lang);
        }
        if (until[0] != '\0') {
            pk_sb_puts(d->sb, T(d, " đến hết ngày ", " until "));
            pk_fmt_date(d->sb, until, d->lang);
        }
        pk_sb_puts(d->sb, "\n");
    }
}

/* The parameters a condition compares with, each once. */
static void params_of(const pk_cond *c, uint32_t *seen, size_t *n)
{
    if (c->op == PK_C_COMPARE && c->rhs == PK_RHS_PARAM) {
        for (size_t i = 0; i < *n; i++)
            if (seen[i] == c->rhs_index)
                return;
        if (*n < 64)
            seen[(*n)++] = c->rhs_index;
    }
    for (size_t i = 0; i < c->nkids; i++)
        params_of(&c->kids[i], seen, n);
}

static const pk_pack *pack_of(const pk_engine *e, const pk_rule *r)
{
    for (size_t p = 0; p < e->npacks; p++)
        if (r >= e->packs[p]->rules &&
            r < e->packs[p]->rules + e->packs[p]->nrules)
            return e->packs[p];
    return NULL;
}

/* How sure the pack is of the rule, and why: the least sure of the rule
 * and its thresholds, each threshold that states its own source, and the
 * pack's provisional mark. Nothing for a pack that does not say. */
static void provenance_words(desc *d, const pk_rule *r, const uint32_t *params,
                             size_t nparams)
{
    pk_provenance level = pk_rule_provenance(r);
    const char *src = pk_rule_provenance_source(r, d->lang);

    if (level == PK_PROVENANCE_UNSTATED)
        return;
    pk_sb_printf(d->sb, "%s: %s%s%s\n", T(d, "Độ tin cậy", "How sure"),
                 pk_provenance_label(level, d->lang), *src ? " — " : "", src);
    for (size_t i = 0; i < nparams; i++) {
        const pk_param *q = &d->pack->params[params[i]];
        if (q->prov.level == 0 || &q->prov == r->sure)
            continue;
        pk_sb_printf(d->sb, "  %s: %s%s%s\n",
                     q->label[d->l] != NULL ? q->label[d->l] : q->id,
                     pk_provenance_label((pk_provenance)q->prov.level, d->lang),
                     q->prov.source[d->l] != NULL ? " — " : "",
                     q->prov.source[d->l] != NULL ? q->prov.source[d->l] : "");
    }
    if (d->pack->provisional && d->pack->provisional_text[d->l] != NULL)
        pk_sb_printf(d->sb, "%s: %s\n",
                     T(d, "Bộ quy tắc tạm thời", "A provisional pack"),
                     d->pack->provisional_text[d->l]);
}

int pk_rule_describe(const pk_engine *engine, const pk_rule *r, pk_lang lang,
                     pk_write_fn fn, void *userdata, pk_error *err)
{
    pk_strbuf sb;
    desc d;
    const pk_vocab *kinds;
    char cite[96];
    uint32_t params[64];
    size_t nparams = 0;
    int rc = PK_OK;

    d.pack = engine != NULL && r != NULL ? pack_of(engine, r) : NULL;
    if (d.pack == NULL || fn == NULL) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0, "invalid argument");
        return PK_EINVAL;
    }
    pk_sb_init(&sb);
    d.sb = &sb;
    d.l = lang == PK_LANG_VI ? 0 : 1;
    d.lang = lang;
    kinds = pk_format_kinds(engine->format);
    d.format = engine->format;

    pk_cite_write(d.format, &r->cite, lang, cite, sizeof cite);
    pk_sb_printf(&sb, "%s — %s\n", r->id, r->title[d.l]);
    pk_sb_printf(&sb, "%s: %s, %s, %s ", T(&d, "Loại", "Kind"),
                 r->category == PK_CATEGORY_DOCUMENT
                     ? T(&d, "hồ sơ", "document")
                     : T(&d, "tiêu chí, điều kiện", "criterion"),
                 r->severity == PK_SEVERITY_ADVISORY
                     ? T(&d, "khuyến nghị", "advisory")
                     : T(&d, "bắt buộc", "mandatory"),
                 T(&d, "trọng số", "weight"));
    pk_fmt_number(&sb, r->weight, -1, lang);
    pk_sb_printf(
        &sb, "\n%s:\n",
        T(&d, "Áp dụng cho hồ sơ và trích dẫn", "Applies to, and cites"));
    for (size_t k = 0; kinds != NULL && k < kinds->count && k < 64; k++) {
        const pk_citation *c = pk_rule_citation(r, kinds->names[k]);
        if (c == NULL)
            continue;
        pk_cite_write(d.format, c, lang, cite, sizeof cite);
        pk_sb_printf(&sb, "  %s: %s\n",
                     pk_vocab_label(kinds, kinds->names[k], d.l), cite);
    }
    if (r->applies != NULL) {
        pk_sb_printf(&sb, "%s:\n", T(&d, "Chỉ khi", "Only when"));
        cond_words(&d, r->applies, 1);
    }
    if (r->nreadings == 0) {
        pk_sb_printf(&sb, "%s:\n", T(&d, "Kiểm tra", "Checks"));
        cond_words(&d, &r->check, 1);
        params_of(&r->check, params, &nparams);
    } else {
        /* An open provision: each reading with what it checks. */
        pk_sb_printf(&sb, "%s: “%s”\n",
                     T(&d, "Lời văn để ngỏ", "The words that leave it open"),
                     r->open_words[d.l] != NULL ? r->open_words[d.l] : "");
        for (size_t i = 0; i < r->nreadings; i++) {
            const pk_reading *g = &r->readings[i];
            pk_sb_printf(&sb, "%s \"%s\" — %s", T(&d, "Cách hiểu", "Reading"),
                         g->id, g->title[d.l] != NULL ? g->title[d.l] : "");
            /* A reading for some kinds only: the others have one
             * reading fewer, and may have a settled provision. */
            if (g->kinds != r->kinds && kinds != NULL) {
                const char *sep = T(&d, " (chỉ cho hồ sơ ", " (for ");
                for (size_t k = 0; k < kinds->count && k < 64; k++)
                    if (g->kinds & ((uint64_t)1 << k)) {
                        pk_sb_printf(
                            &sb, "%s%s", sep,
                            pk_vocab_label(kinds, kinds->names[k], d.l));
                        sep = ", ";
                    }
                pk_sb_puts(&sb, T(&d, ")", " dossiers only)"));
            }
            pk_sb_puts(&sb, ":\n");
            cond_words(&d, &g->check, 1);
            params_of(&g->check, params, &nparams);
        }
    }
    if (nparams > 0) {
        pk_sb_printf(&sb, "%s:\n", T(&d, "Ngưỡng", "Thresholds"));
        for (size_t i = 0; i < nparams; i++)
            param_words(&d, &d.pack->params[params[i]]);
    }
    provenance_words(&d, r, params, nparams);
    if (sb.failed) {
        rc = PK_ENOMEM;
        pk_error_set(err, rc, NULL, 0, 0, "out of memory");
    } else if (fn(userdata, sb.data, sb.len) != 0) {
        rc = PK_EIO;
        pk_error_set(err, rc, NULL, 0, 0, "the output could not be written");
    }
    pk_sb_free(&sb);
    return rc;
}
