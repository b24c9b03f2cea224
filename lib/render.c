/* The words of a report's results, in Vietnamese or English: each
 * result's message written from the pack's templates with the values of
 * the dossier, its deciding comparison in words (what was read, what is
 * required), and its citation; each written once, when first asked for,
 * and kept in the report's text store until the report is freed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "pack.h"
#include "wording.h"
#include "words.h"

static pk_texts *texts_of(const pk_result *res)
{
    return &res->report->texts[res - res->report->results];
}

/* Writes a text of res at the end of sb: 0, or PK_ENOMEM. */
typedef int (*render_fn)(pk_strbuf *sb, const pk_result *res, pk_lang lang);

static int render_citation(pk_strbuf *sb, const pk_result *res, pk_lang lang);
static int render_comparison(pk_strbuf *sb, const pk_result *res, pk_lang lang);
static int render_message(pk_strbuf *sb, const pk_result *res, pk_lang lang);

/* The text of res in slot[l], written out first when it is not yet:
 * NULL when memory runs out. */
static const char *text(const pk_result *res, char **slot, pk_lang lang,
                        render_fn render)
{
    pk_text_store *st = res->report->store;
    pk_strbuf local = PK_STRBUF_INIT, *sb = &local;

    if (*slot != NULL)
        return *slot;
    if (st == NULL)
        return NULL;
    /* a buffer a level, kept from one text to the next */
    if (st->depth < PK_TEXT_DEPTH)
        sb = &st->scratch[st->depth];
    st->depth++;
    pk_sb_reset(sb);
    if (render(sb, res, lang) == PK_OK && !sb->failed)
        *slot =
            pk_arena_strndup(&st->arena, sb->len > 0 ? sb->data : "", sb->len);
    st->depth--;
    pk_sb_free(&local);
    return *slot;
}

const char *pk_result_citation_text(const pk_result *res, pk_lang lang)
{
    int l = lang == PK_LANG_VI ? 0 : 1;
    const char *s;

    if (res->cite_words[l] != NULL)
        return res->cite_words[l]; /* written out when the pack was loaded */
    s = text(res, &texts_of(res)->citation_text[l], lang, render_citation);
    return s != NULL ? s : "";
}

static int render_citation(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    char buf[96];

    pk_cite_write(res->report->engine->format, res->cite, lang, buf,
                  sizeof buf);
    return pk_sb_puts(sb, buf);
}

/* ---- messages ---- */

static const char *const default_msg[PK_MSG_COUNT][2] = {
    {"Đạt.", "Met."},
    {"Không đạt.", "Not met."},
    {"Chưa đánh giá được: hồ sơ chưa nêu {missing}.",
     "Cannot be decided yet: the dossier does not state {missing}."},
    {"Không áp dụng cho loại hồ sơ này.",
     "Does not apply to this kind of dossier."},
    {"Không đánh giá được: {error}.", "Cannot be evaluated: {error}."},
    {"Chưa kết luận được: quy định này có thể hiểu theo nhiều cách, và các "
     "cách hiểu cho kết quả khác nhau; cần xin ý kiến cơ quan có thẩm quyền.",
     "Not decided: the provision can be read in more than one way, and the "
     "readings give different outcomes; a ruling of the competent authority "
     "is needed."}};

/* How a number of the deciding comparison is written: in its ordinary
 * form (dec -1), with dec fraction digits (of the percentage, for a
 * share; trailing zeros dropped), or as the exact fraction en/ed. */
typedef struct num_form {
    int dec;
    int exact;
    int64_t en, ed;
} num_form;

static const num_form ordinary = {-1, 0, 0, 1};

static int is_unit(const char *unit, const char *name)
{
    return unit != NULL && strcmp(unit, name) == 0;
}

/* The format description whose words write the units of res. */
static const pk_dformat *units_of(const pk_result *res)
{
    return pk_writer_dformat(res->report);
}

/* A number with its unit, written the language's way. */
static int put_quantity_as(pk_strbuf *sb, const pk_dformat *f, double v,
                           const char *unit, int integral, num_form form,
                           pk_lang lang)
{
    if (is_unit(unit, "ratio")) {
        if (form.exact)
            return pk_fmt_fraction(sb, form.en, form.ed, lang);
        if (form.dec >= 0)
            return pk_fmt_percent_digits(sb, v, form.dec, lang);
        return pk_fmt_percent(sb, v, lang);
    }
    if (is_unit(unit, "date")) {
        char iso[11];
        pk_civil_from_days((int64_t)llround(v), iso);
        return pk_fmt_date(sb, iso, lang);
    }
    if (form.exact)
        pk_fmt_fraction(sb, form.en, form.ed, lang);
    else if (form.dec >= 0 && !integral)
        pk_fmt_number_strip(sb, v, form.dec, 1, lang);
    else
        pk_fmt_number(sb, integral ? round(v) : v, integral ? 0 : -1, lang);
    return pk_unit_append(sb, f, unit, v, lang);
}

static int put_quantity(pk_strbuf *sb, const pk_dformat *f, double v,
                        const char *unit, int integral, pk_lang lang)
{
    return put_quantity_as(sb, f, v, unit, integral, ordinary, lang);
}

/* Appends an English label after "the": labels that already begin with
 * an article ("the park's functions and tasks") or with "whether" are
 * written as they are, so that no sentence reads "the the" or "the
 * whether". */
static int put_the(pk_strbuf *sb, const char *label)
{
    if (label == NULL)
        return sb->failed ? PK_ENOMEM : PK_OK;
    if (strncmp(label, "the ", 4) != 0 && strncmp(label, "whether ", 8) != 0)
        pk_sb_puts(sb, "the ");
    return pk_sb_puts(sb, label);
}

static int is_blank(const char *s)
{
    if (s == NULL)
        return 1;
    for (; *s != '\0'; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

/* The first fact that template tpl quotes and the dossier left blank
 * (issuer=""), or NULL. Quoted, a blank makes a broken sentence ("Tờ
 * trình do  trình"), so the message says the field is blank instead. */
static const pk_fact *blank_fact(const pk_result *res, const char *tpl)
{
    const char *s = tpl;

    if (res->report->facts == NULL)
        return NULL;
    while (s != NULL && (s = strstr(s, "{fact:")) != NULL) {
        const char *id = s + 6, *close = strchr(id, '}');
        char name[128];
        size_t n;
        int f;

        if (close == NULL)
            return NULL;
        n = (size_t)(close - id);
        s = close + 1;
        if (n >= sizeof name)
            continue;
        memcpy(name, id, n);
        name[n] = '\0';
        f = pk_pack_find_fact(res->pack, name);
        if (f >= 0 && res->report->facts[f].kind == PK_V_TEXT &&
            is_blank(res->report->facts[f].text))
            return &res->pack->facts[f];
    }
    return NULL;
}

static int put_blank(pk_strbuf *sb, const pk_fact *f, const pk_val *v,
                     pk_lang lang)
{
    int vi = lang == PK_LANG_VI;
    const char *label = f->label[vi ? 0 : 1];

    if (label == NULL || *label == '\0')
        label = vi ? "mục này" : "this field";
    if (vi) {
        pk_sb_printf(sb, "Hồ sơ để trống %s", label);
        if (v->line > 0)
            pk_sb_printf(sb, " (dòng %u, cột %u)", v->line, v->col);
        return pk_sb_puts(sb, "; ghi rõ rồi kiểm tra lại.");
    }
    pk_sb_puts(sb, "The dossier leaves ");
    put_the(sb, label);
    pk_sb_puts(sb, " blank");
    if (v->line > 0)
        pk_sb_printf(sb, " (line %u, column %u)", v->line, v->col);
    return pk_sb_puts(sb, ": write it in and check again.");
}

/* The compared fact: the condition that decided knows it by number. */
static const pk_fact *cmp_fact(const pk_result *res)
{
    int f = res->cmp_cond != NULL ? (int)res->cmp_cond->fact
                                  : pk_pack_find_fact(res->pack, res->cmp.fact);

    return f >= 0 && (size_t)f < res->pack->nfacts ? &res->pack->facts[f]
                                                   : NULL;
}

static int cmp_integral(const pk_result *res)
{
    const pk_fact *f = cmp_fact(res);

    return f != NULL && f->integral;
}

/* The ordinary fraction digits of a number of this unit. */
static int base_digits(const char *unit)
{
    return is_unit(unit, "ratio") ? 2 : 6;
}

/* The fraction digits that write n/d exactly, at most PK_FMT_APART_MAX;
 * -1 when it is no such decimal (a third). */
static int decimal_digits(int64_t n, int64_t d)
{
    int64_t p = 1;

    if (d <= 0 || n == 0)
        return d > 0 ? 0 : -1;
    for (int k = 0; k <= PK_FMT_APART_MAX; k++, p *= 10)
        if (p % d == 0)
            return k;
    return -1;
}

static int put_fact(pk_strbuf *sb, const pk_result *res, const char *id,
                    pk_lang lang)
{
    int f = pk_pack_find_fact(res->pack, id);
    const pk_val *v;

    if (f < 0 || res->report->facts == NULL)
        return -1;
    v = &res->report->facts[f];
    switch (v->kind) {
    case PK_V_NUMBER: {
        /* A figure of the dossier is quoted as it was given, even where
         * that takes more than the ordinary six digits (an area in m² to
         * the millionth is one in ha to ten digits): rounded, 139999.999999
         * m² leased would read "14 ha" beside "at least 14 ha needed". */
        num_form form = ordinary;
        int k = decimal_digits(v->num, v->den);

        if (k > base_digits(res->pack->facts[f].unit) &&
            !is_unit(res->pack->facts[f].unit, "ratio"))
            form.dec = k;
        return put_quantity_as(sb, units_of(res), pk_num_double(v->num, v->den),
                               res->pack->facts[f].unit,
                               res->pack->facts[f].integral, form, lang);
    }
    case PK_V_TEXT:
        if (is_blank(v->text))
            return -1; /* never quoted into a sentence: see blank_fact() */
        return pk_sb_puts(
            sb, pk_vocab_label(pk_fact_vocab(res->pack, &res->pack->facts[f]),
                               v->text, lang == PK_LANG_VI ? 0 : 1));
    case PK_V_DATE:
        return pk_fmt_date(sb, v->text, lang);
    case PK_V_BOOL:
        return pk_sb_puts(sb, v->boolean
                                  ? (lang == PK_LANG_VI ? "có" : "yes")
                                  : (lang == PK_LANG_VI ? "không" : "no"));
    case PK_V_MISSING: {
        /* Missing as a whole, but bounded by what is known of it: the
         * known zones of a sum, the least share among the parks that
         * state one. A floor of 0 says nothing. */
        const pk_interval *b =
            res->report->intervals != NULL ? &res->report->intervals[f] : NULL;
        int vi = lang == PK_LANG_VI;
        if (b == NULL)
            return -1;
        if (b->has_lo && b->lo_n > 0) {
            pk_sb_puts(sb, vi ? "ít nhất " : "at least ");
            return put_quantity(
                sb, units_of(res), pk_num_double(b->lo_n, b->lo_d),
                res->pack->facts[f].unit, res->pack->facts[f].integral, lang);
        }
        if (b->has_hi) {
            if (!pk_fact_bound_is_element(&res->pack->facts[f], 1))
                pk_sb_puts(sb, vi ? "nhiều nhất " : "at most ");
            return put_quantity(
                sb, units_of(res), pk_num_double(b->hi_n, b->hi_d),
                res->pack->facts[f].unit, res->pack->facts[f].integral, lang);
        }
        return -1;
    }
    case PK_V_SET: {
        const pk_vocab *voc = pk_fact_vocab(res->pack, &res->pack->facts[f]);
        for (size_t i = 0; i < v->set.count; i++) {
            if (i > 0)
                pk_sb_puts(sb, "; ");
            pk_sb_puts(sb, pk_vocab_label(voc, v->set.items[i],
                                          lang == PK_LANG_VI ? 0 : 1));
        }
    }
        return sb->failed ? PK_ENOMEM : PK_OK;
    default:
        return -1;
    }
}

static int put_param(pk_strbuf *sb, const pk_result *res, const char *id,
                     pk_lang lang)
{
    int p = pk_pack_find_param(res->pack, id);
    const pk_param *q;
    const pk_pvalue *vals[16];
    const pk_val *by;
    int64_t date;
    char msg[64];
    size_t n;

    if (p < 0)
        return -1;
    q = &res->pack->params[p];
    by = q->by != PK_NONE ? &res->report->facts[q->by] : NULL;
    if (pk_parse_date(res->report->date, &date, msg, sizeof msg) != PK_OK)
        return -1;
    n = pk_param_values(q, by, date, vals, 16);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            pk_sb_puts(sb, lang == PK_LANG_VI ? " hoặc " : " or ");
        put_quantity(sb, units_of(res),
                     pk_num_double(vals[i]->num, vals[i]->den), q->unit, 0,
                     lang);
    }
    return n == 0 ? -1 : sb->failed ? PK_ENOMEM : PK_OK;
}

/* The label of the field the dossier wrote invalid at v's place: a figure
 * computed from it carries its position, but the drafter corrects the one
 * typed. v's own fact's label when none is found. */
static const char *read_fact_label(const pk_result *res, const pk_val *v,
                                   int vi)
{
    const pk_fact *own = &res->pack->facts[res->error_fact];

    if (own->where == NULL && v->line > 0)
        for (size_t i = 0; i < res->pack->nfacts; i++) {
            const pk_fact *f = &res->pack->facts[i];
            const pk_val *w = &res->report->facts[i];

            if (f->where != NULL && w->kind == PK_V_INVALID &&
                w->line == v->line && w->col == v->col &&
                f->label[vi ? 0 : 1] != NULL)
                return f->label[vi ? 0 : 1];
        }
    return own->label[vi ? 0 : 1];
}

static int put_error(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    int vi = lang == PK_LANG_VI;

    if (res->error_fact != PK_NONE) {
        const pk_fact *f = &res->pack->facts[res->error_fact];
        const pk_val *v = &res->report->facts[res->error_fact];
        const char *label = f->label[vi ? 0 : 1];
        const char *read_label = read_fact_label(res, v, vi);
        int div0 = v->text != NULL && strcmp(v->text, "division by zero") == 0;

        /* The labels are noun phrases quoted into these sentences; in
         * English each sentence supplies "the" itself (put_the). */
        if (div0 && (uint32_t)v->num >= res->pack->nfacts) {
            if (vi)
                return pk_sb_printf(sb,
                                    "một mục có mẫu số bằng 0 nên không "
                                    "tính được %s",
                                    label);
            pk_sb_puts(sb, "one item's base is 0, so ");
            put_the(sb, label);
            return pk_sb_puts(sb, " cannot be worked out");
        }
        if (div0) {
            const pk_fact *z = &res->pack->facts[(uint32_t)v->num];
            if (vi)
                return pk_sb_printf(sb, "%s bằng 0 nên không tính được %s",
                                    z->label[0], label);
            put_the(sb, z->label[1]);
            pk_sb_puts(sb, " is 0, so ");
            put_the(sb, label);
            return pk_sb_puts(sb, " cannot be worked out");
        }
        if (v->text != NULL && strcmp(v->text, "ambiguous") == 0)
            return pk_sb_printf(sb,
                                vi ? "hồ sơ nêu nhiều hơn một giá trị "
                                     "cho: %s; chỉ được nêu một lần"
                                   : "the dossier gives more than one "
                                     "value for: %s; give it once",
                                label);
        if (v->text != NULL && strcmp(v->text, "overflow") == 0) {
            if (vi)
                return pk_sb_printf(sb, "%s quá lớn để tính", label);
            put_the(sb, label);
            return pk_sb_puts(sb, " is too large to work with");
        }
        if (v->text != NULL && strcmp(v->text, "read around") == 0) {
            /* An XPath fact, while the reader found an error somewhere:
             * the error is not at this fact, but what it reads cannot be
             * told until it is fixed. */
            return pk_sb_printf(sb,
                                vi ? "giá trị (%s) được đọc bằng XPath trên "
                                     "toàn văn hồ sơ nên chưa đọc được khi "
                                     "hồ sơ còn lỗi đầu vào (dòng %u, cột "
                                     "%u); hãy sửa lỗi đó trước"
                                   : "the value (%s) is read by XPath over "
                                     "the whole dossier, so it cannot be "
                                     "read while the dossier has an input "
                                     "error (line %u, column %u): fix that "
                                     "first",
                                read_label, v->line, v->col);
        }
        /* The label goes in parentheses: it names the field whatever its
         * grammar ("whether ...", "the park's ..."), and the input
         * problem at the same line says what to type instead. */
        if (v->line > 0)
            return pk_sb_printf(sb,
                                vi ? "giá trị ở dòng %u, cột %u (%s) "
                                     "không hợp lệ; cách sửa xem ở mục Lỗi "
                                     "đầu vào, dòng %u"
                                   : "the value at line %u, column %u "
                                     "(%s) is invalid; the input "
                                     "problem at line %u says how to "
                                     "fix it",
                                v->line, v->col, read_label, v->line);
        return pk_sb_printf(sb,
                            vi ? "giá trị ghi trong hồ sơ (%s) không hợp "
                                 "lệ; cách sửa xem ở mục Lỗi đầu vào"
                               : "the value the dossier gives (%s) is "
                                 "invalid; the input problems say how to "
                                 "fix it",
                            label);
    }
    if (res->error_param != PK_NONE) {
        const pk_param *q = &res->pack->params[res->error_param];
        const char *label = q->label[vi ? 0 : 1];

        if (label == NULL || *label == '\0')
            label = q->id;
        pk_sb_puts(sb, vi ? "bộ quy tắc không có giá trị của tham số “"
                          : "the rule pack has no value of “");
        pk_sb_puts(sb, label);
        pk_sb_puts(sb, vi ? "” áp dụng vào ngày " : "” in force on ");
        return pk_fmt_date(sb, res->report->date, lang);
    }
    if (res->error_pattern)
        return pk_sb_puts(sb, vi ? "việc so khớp mẫu vượt giới hạn an toàn"
                                 : "a pattern match hit its safety limit");
    return pk_sb_puts(sb, vi ? "lỗi không xác định" : "unknown error");
}

/* ---- numbers at a boundary ----
 *
 * The engine compares exact fractions; a message writes them rounded. At
 * a boundary the rounding would contradict the verdict: "40%, above the
 * maximum of 40% (by 0.00 percentage points)", "13.9999 ha ... (70%),
 * below the minimum of 70%". So a value that differs from its threshold
 * is written with as many more digits as part the two, a shortfall with
 * as many as keep it from reading 0, and past PK_FMT_APART_MAX digits as
 * its exact fraction. Anything else keeps its ordinary form. */

/* The exact value compared, when it is a number the dossier gives (not a
 * bound of a missing one): 1, or 0. */
static int cmp_value_exact(const pk_result *res, int64_t *n, int64_t *d)
{
    const pk_val *v;

    if (res->cmp_cond == NULL || res->cmp_bound != 0 ||
        res->report->facts == NULL)
        return 0;
    v = &res->report->facts[res->cmp_cond->fact];
    if (v->kind != PK_V_NUMBER || v->den == 0)
        return 0;
    *n = v->num;
    *d = v->den;
    return 1;
}

/* The exact threshold quoted: the parameter's value the engine picked (the
 * one whose double it quotes), a constant, or another fact. 1, or 0. */
static int cmp_threshold_exact(const pk_result *res, int64_t *n, int64_t *d)
{
    const pk_cond *cond = res->cmp_cond;
    const pk_val *w = NULL;

    if (cond == NULL || res->cmp_range || res->report->facts == NULL)
        return 0;
    if (cond->rhs == PK_RHS_PARAM) {
        const pk_param *q = &res->pack->params[cond->rhs_index];
        const pk_val *by = q->by != PK_NONE ? &res->report->facts[q->by] : NULL;
        const pk_pvalue *vals[16];
        pk_val as_if;
        int64_t date;
        char msg[64];
        size_t k;

        if (cond->text != NULL) {
            memset(&as_if, 0, sizeof as_if);
            as_if.kind = PK_V_TEXT;
            as_if.text = cond->text;
            by = &as_if;
        }
        if (pk_parse_date(res->report->date, &date, msg, sizeof msg) != PK_OK)
            return 0;
        k = pk_param_values(q, by, date, vals, 16);
        for (size_t i = 0; i < k; i++)
            if (vals[i]->den != 0 &&
                pk_num_double(vals[i]->num, vals[i]->den) ==
                    res->cmp.threshold) {
                *n = vals[i]->num;
                *d = vals[i]->den;
                return 1;
            }
        return 0;
    }
    w = cond->rhs == PK_RHS_FACT ? &res->report->facts[cond->rhs_index]
                                 : &cond->rhs_value;
    if (w->kind != PK_V_NUMBER || w->den == 0)
        return 0;
    *n = w->num;
    *d = w->den;
    return 1;
}

/* How the comparison's value and threshold are written (both alike, so
 * that they read side by side). */
static num_form value_form(const pk_result *res)
{
    const pk_comparison *c = &res->cmp;
    num_form f = ordinary;
    double scale = is_unit(c->unit, "ratio") ? 100.0 : 1.0;
    int64_t vn = 0, vd = 1, tn = 0, td = 1;
    int hv, ht, d;

    if (!res->has_cmp || isnan(c->value) || isnan(c->threshold) ||
        res->cmp_range || is_unit(c->unit, "date") || cmp_integral(res))
        return f;
    hv = cmp_value_exact(res, &vn, &vd);
    ht = cmp_threshold_exact(res, &tn, &td);
    if (hv && ht ? pk_num_cmp(vn, vd, tn, td) == 0 : c->value == c->threshold)
        return f;
    d = pk_fmt_digits_apart(c->value * scale, c->threshold * scale,
                            base_digits(c->unit));
    if (d > base_digits(c->unit))
        f.dec = d;
    else if (d < 0 && hv) {
        f.exact = 1;
        f.en = vn;
        f.ed = vd;
    } else if (d < 0) {
        f.dec = PK_FMT_APART_MAX;
    }
    return f;
}

/* The threshold beside a value written with f: the same digits (its
 * trailing zeros drop), never a fraction (it is the decree's figure). */
static num_form threshold_form(num_form f)
{
    if (f.exact) {
        f.exact = 0;
        f.dec = -1;
    }
    return f;
}

/* {needed}, the numerator a ratio needs: the threshold times the
 * denominator, exact. Rounded, it would say less than is needed or more
 * (and might read as the numerator the dossier gives, on a failure), so
 * it is written with all its digits when they are more than the ordinary
 * six and at most PK_FMT_APART_MAX, else as its exact fraction. A whole
 * number (workers) is already rounded the right way by the engine. */
static num_form needed_form(const pk_result *res)
{
    num_form f = ordinary;
    const pk_fact *rf;
    const pk_val *den;
    int64_t tn, td, nn, nd;
    int k;

    if (res->cmp_cond == NULL || res->cmp_needed_integral ||
        res->report->facts == NULL)
        return f;
    rf = &res->pack->facts[res->cmp_cond->fact];
    if (rf->how != PK_FH_RATIO || rf->nargs != 2)
        return f;
    den = &res->report->facts[rf->args[1]];
    if (den->kind != PK_V_NUMBER || !cmp_threshold_exact(res, &tn, &td) ||
        pk_num_mul(tn, td, den->num, den->den, &nn, &nd) != PK_OK ||
        pk_num_double(nn, nd) != res->cmp_needed)
        return f;
    k = decimal_digits(nn, nd);
    if (k > 6)
        f.dec = k;
    else if (k < 0) {
        f.exact = 1;
        f.en = nn;
        f.ed = nd;
    }
    return f;
}

const char *pk_writer_word_points(pk_lang lang)
{
    return lang == PK_LANG_VI ? "điểm phần trăm" : "percentage points";
}

/* The shortfall: how far the value is from the threshold, in the value's
 * unit, a share's in percentage points. Never written 0 when it is not. */
static int put_shortfall(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    const pk_comparison *c = &res->cmp;
    int ratio = is_unit(c->unit, "ratio");
    double v = ratio ? c->shortfall * 100 : c->shortfall;
    int base = base_digits(c->unit);
    int d = pk_fmt_digits_nonzero(v, base);
    num_form f = ordinary;
    int64_t vn, vd, tn, td;

    if (d < 0 && cmp_value_exact(res, &vn, &vd) &&
        cmp_threshold_exact(res, &tn, &td) &&
        pk_num_sub(tn, td, vn, vd, &f.en, &f.ed) == PK_OK &&
        (!ratio || pk_num_mul(f.en, f.ed, 100, 1, &f.en, &f.ed) == PK_OK)) {
        f.exact = 1;
        if (f.en < 0)
            f.en = -f.en;
    } else if (d < 0) {
        d = PK_FMT_MAX_DECIMALS;
    }
    if (ratio) {
        /* a difference of shares is in percentage points: two decimals as
         * ever, more only where two would read 0 */
        if (f.exact)
            pk_fmt_fraction(sb, f.en, f.ed, lang);
        else
            pk_fmt_number_strip(sb, v, d > base ? d : base, 0, lang);
        pk_sb_puts(sb, " ");
        return pk_sb_puts(sb, pk_writer_word_points(lang));
    }
    if (!f.exact && d > base)
        f.dec = d;
    return put_quantity_as(sb, units_of(res), c->shortfall, c->unit,
                           cmp_integral(res), f, lang);
}

int pk_writer_append_result_shortfall(pk_strbuf *sb, const pk_result *res,
                                      pk_lang lang)
{
    const pk_comparison *c;

    if (res == NULL || !res->has_cmp || !isfinite(res->cmp.shortfall))
        return PK_EINVAL;
    c = &res->cmp;
    if (is_unit(c->unit, "date")) {
        /* dates differ by days; the difference is no date */
        pk_fmt_number(sb, c->shortfall, 0, lang);
        return pk_sb_puts(sb, lang == PK_LANG_VI  ? " ngày"
                              : c->shortfall == 1 ? " day"
                                                  : " days");
    }
    return put_shortfall(sb, res, lang);
}

/* ---- a comparison in words ---- */

static const pk_vocab *cmp_vocab(const pk_result *res)
{
    const pk_fact *f = cmp_fact(res);

    return f == NULL ? NULL : pk_fact_vocab(res->pack, f);
}

/* Whether the compared fact gathers the dossier's yes/no answers (a set
 * whose members its reader keeps as "true" and "false"). */
static int cmp_yes_no(const pk_result *res)
{
    const pk_fact *f = cmp_fact(res);

    return f != NULL && pk_fact_format_type(res->pack, f) == PK_T_BOOL;
}

static int count_names(const char *joined)
{
    int n = 0;
    const char *p = joined != NULL ? joined : "";

    for (;;) {
        size_t k;
        p += strspn(p, " ");
        k = strcspn(p, " ");
        if (k == 0)
            return n;
        n++;
        p += k;
    }
}

/* One typed side of the comparison, for people. */
static int put_typed(pk_strbuf *sb, const pk_result *res,
                     const pk_value_info *v, pk_lang lang)
{
    int vi = lang == PK_LANG_VI;

    switch (v->kind) {
    case PK_VALUE_NUMBER: {
        /* the two sides of the comparison with the digits that part them */
        num_form f = v == &res->cmp_typed[0]   ? value_form(res)
                     : v == &res->cmp_typed[1] ? threshold_form(value_form(res))
                                               : ordinary;
        return put_quantity_as(sb, units_of(res), v->number, res->cmp.unit,
                               cmp_integral(res), f, lang);
    }
    case PK_VALUE_BOOL:
        return pk_writer_append_yes_no(sb, v->boolean, lang);
    case PK_VALUE_TEXT:
        if (res->cmp.unit != NULL && strcmp(res->cmp.unit, "date") == 0)
            return pk_fmt_date(sb, v->text, lang);
        if (cmp_vocab(res) != NULL)
            return pk_sb_puts(
                sb, pk_vocab_label(cmp_vocab(res), v->text, vi ? 0 : 1));
        return pk_sb_printf(sb, "“%s”", v->text != NULL ? v->text : "");
    case PK_VALUE_SET:
        if (cmp_yes_no(res) &&
            pk_writer_append_yes_no_set(sb, v->text, lang) != 1)
            return sb->failed ? PK_ENOMEM : PK_OK;
        if (pk_writer_append_names(sb, v->text, cmp_vocab(res), "; ", lang) ==
            1)
            return pk_sb_puts(sb, vi ? "không có" : "none");
        return sb->failed ? PK_ENOMEM : PK_OK;
    case PK_VALUE_INVALID:
        return pk_sb_puts(sb, vi ? "không hợp lệ" : "invalid");
    default:
        return pk_sb_puts(sb, vi ? "chưa nêu" : "not stated");
    }
}

int pk_writer_append_cmp_value(pk_strbuf *sb, const pk_result *res,
                               pk_lang lang)
{
    if (res == NULL || !res->has_cmp)
        return PK_EINVAL;
    return put_typed(sb, res, &res->cmp_typed[0], lang);
}

int pk_writer_cmp_value_parted(const pk_result *res)
{
    num_form f;

    if (res == NULL || !res->has_cmp ||
        res->cmp_typed[0].kind != PK_VALUE_NUMBER)
        return 0;
    f = value_form(res);
    return f.exact || f.dec >= 0;
}

int pk_writer_append_cmp_required(pk_strbuf *sb, const pk_result *res,
                                  pk_lang lang)
{
    const pk_value_info *req;
    const char *op;
    int vi = lang == PK_LANG_VI, neg, several;

    if (res == NULL || !res->has_cmp)
        return PK_EINVAL;
    req = &res->cmp_typed[1];
    op = res->cmp.op;
    neg = strncmp(op, "not-", 4) == 0;
    if (neg)
        op += 4;
    several = req->kind == PK_VALUE_SET && count_names(req->text) > 1;
    if (strcmp(op, "contains") == 0 && !several && cmp_yes_no(res) &&
        req->text != NULL &&
        (strcmp(req->text, "true") == 0 || strcmp(req->text, "false") == 0)) {
        /* "not-contains false": no answer is no */
        if (neg)
            pk_sb_puts(sb, vi ? "không câu trả lời nào là “" : "no answer “");
        else
            pk_sb_puts(sb, vi ? "ít nhất một câu trả lời là “"
                              : "at least one answer “");
        pk_writer_append_yes_no(sb, strcmp(req->text, "true") == 0, lang);
        pk_sb_puts(sb, "”");
    } else if (strcmp(op, "contains") == 0) {
        if (neg)
            pk_sb_puts(sb, several
                               ? (vi ? "không có mục nào trong: " : "none of: ")
                               : (vi ? "không có " : "not "));
        else
            pk_sb_puts(sb, several ? (vi ? "có một trong: " : "one of: ")
                                   : (vi ? "có " : ""));
        pk_writer_append_names(sb, req->text, cmp_vocab(res), "; ", lang);
    } else if (strcmp(op, "in") == 0) {
        if (neg)
            pk_sb_puts(sb, vi ? "không phải: " : "not: ");
        else if (several)
            pk_sb_puts(sb, vi ? "một trong: " : "one of: ");
        pk_writer_append_names(sb, req->text, cmp_vocab(res), "; ", lang);
    } else if (strcmp(op, "matches") == 0) {
        pk_sb_puts(sb, neg ? (vi ? "không theo mẫu " : "not of the form ")
                           : (vi ? "theo mẫu " : "of the form "));
        pk_sb_puts(sb, req->text != NULL ? req->text : "");
    } else if (strcmp(op, "empty") == 0) {
        pk_sb_puts(sb, neg ? (vi ? "ít nhất một mục" : "at least one")
                           : (vi ? "không có mục nào" : "none"));
    } else if (req->kind == PK_VALUE_BOOL) {
        /* "= yes" reads as "yes", "≠ yes" as "no" */
        pk_writer_append_yes_no(sb, req->boolean != (strcmp(op, "ne") == 0),
                                lang);
    } else if (req->kind == PK_VALUE_TEXT &&
               (res->cmp.unit == NULL || strcmp(res->cmp.unit, "date") != 0)) {
        if (strcmp(op, "ne") == 0)
            pk_sb_puts(sb, vi ? "khác " : "other than ");
        put_typed(sb, res, req, lang);
    } else {
        pk_sb_puts(sb, pk_writer_op_symbol(res->cmp.op));
        pk_sb_puts(sb, " ");
        put_typed(sb, res, req, lang);
        if (res->cmp_range) {
            pk_sb_puts(sb, "–");
            put_quantity(sb, units_of(res), res->cmp_threshold_hi,
                         res->cmp.unit, 0, lang);
        }
    }
    return sb->failed ? PK_ENOMEM : PK_OK;
}

const char *pk_result_comparison_text(const pk_result *res, pk_lang lang)
{
    const char *s;

    if (res == NULL || !res->has_cmp)
        return NULL;
    s = text(res, &texts_of(res)->cmp_text[lang == PK_LANG_VI ? 0 : 1], lang,
             render_comparison);
    return s != NULL ? s : "";
}

/* The two sides of the comparison in words, each written once per
 * language and kept: the comparison's sentence is made of them, and the
 * writers that show them apart read them from here. */
static int render_cmp_value(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    pk_writer_append_cmp_value(sb, res, lang);
    return sb->failed ? PK_ENOMEM : PK_OK;
}

static int render_cmp_required(pk_strbuf *sb, const pk_result *res,
                               pk_lang lang)
{
    pk_writer_append_cmp_required(sb, res, lang);
    return sb->failed ? PK_ENOMEM : PK_OK;
}

/* The words of the same set or text, of the same fact, that an earlier
 * result of the report has written out already (several rules read the
 * topics of a scheme): they are the same words. NULL when none has. */
static char *said_before(const pk_result *res, int l)
{
    const pk_report *r = res->report;
    const pk_value_info *v = &res->cmp_typed[0];

    if ((v->kind != PK_VALUE_SET && v->kind != PK_VALUE_TEXT) ||
        v->text == NULL || res->cmp_cond == NULL)
        return NULL;
    for (const pk_result *o = r->results; o < res; o++)
        if (o->has_cmp && o->cmp_cond != NULL &&
            o->cmp_cond->fact == res->cmp_cond->fact &&
            o->cmp_typed[0].kind == v->kind &&
            o->cmp_typed[0].text == v->text &&
            r->texts[o - r->results].cmp_value[l] != NULL)
            return r->texts[o - r->results].cmp_value[l];
    return NULL;
}

const char *pk_result_cmp_value_text(const pk_result *res, pk_lang lang)
{
    int l = lang == PK_LANG_VI ? 0 : 1;

    if (res == NULL || !res->has_cmp)
        return NULL;
    if (texts_of(res)->cmp_value[l] == NULL)
        texts_of(res)->cmp_value[l] = said_before(res, l);
    return text(res, &texts_of(res)->cmp_value[lang == PK_LANG_VI ? 0 : 1],
                lang, render_cmp_value);
}

const char *pk_result_cmp_required_text(const pk_result *res, pk_lang lang)
{
    if (res == NULL || !res->has_cmp)
        return NULL;
    return text(res, &texts_of(res)->cmp_required[lang == PK_LANG_VI ? 0 : 1],
                lang, render_cmp_required);
}

static int render_comparison(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    int l = lang == PK_LANG_VI ? 0 : 1;
    const char *label, *value, *required;

    value = pk_result_cmp_value_text(res, lang);
    required = pk_result_cmp_required_text(res, lang);
    if (value == NULL || required == NULL)
        return PK_ENOMEM;
    label = cmp_fact(res) != NULL ? cmp_fact(res)->label[l] : NULL;
    if (label == NULL || *label == '\0')
        pk_sb_puts(sb, l == 0 ? "Giá trị" : "Value");
    else
        pk_writer_append_capitalised(sb, label);
    pk_sb_puts(sb, ": ");
    pk_sb_puts(sb, value);
    pk_sb_puts(sb, l == 0 ? " · Yêu cầu: " : " · Required: ");
    pk_sb_puts(sb, required);
    return sb->failed ? PK_ENOMEM : PK_OK;
}

const char *pk_writer_score_meaning(pk_lang lang)
{
    return lang == PK_LANG_VI
               ? "Điểm là tỷ lệ (có tính trọng số) số quy định bắt buộc được "
                 "đáp ứng trong các quy định bắt buộc áp dụng cho hồ sơ; điểm "
                 "không dùng để xếp hạng các hồ sơ: hãy căn cứ vào kết luận."
               : "The score is the weighted share of the applicable "
                 "mandatory rules that pass; it does not rank dossiers, the "
                 "verdict does.";
}

int pk_writer_append_capitalised(pk_strbuf *sb, const char *s)
{
    const unsigned char *u = (const unsigned char *)(s != NULL ? s : "");
    size_t adv = 1, n;
    char bytes[3];
    long cp;

    if (*u == '\0')
        return sb->failed ? PK_ENOMEM : PK_OK;
    cp = pk_utf8_next((const char *)u, strlen((const char *)u), &adv);
    /* the lower-case letters Vietnamese and English words start with */
    if (cp >= 'a' && cp <= 'z')
        cp -= 32;
    else if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7))
        cp -= 32;
    else if ((cp >= 0x100 && cp <= 0x17F && (cp & 1)) ||
             (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1)) || cp == 0x1A1)
        cp -= 1;
    else if (cp == 0x1B0)
        cp = 0x1AF;
    else
        cp = -1;
    if (cp < 0)
        return pk_sb_puts(sb, (const char *)u);
    if (cp < 0x80) {
        bytes[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        bytes[0] = (char)(0xC0 | (cp >> 6));
        bytes[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else {
        bytes[0] = (char)(0xE0 | (cp >> 12));
        bytes[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    pk_sb_append(sb, bytes, n);
    return pk_sb_puts(sb, (const char *)u + adv);
}

/* Expands one {name}; returns -1 when it cannot be filled here. */
static int put_placeholder(pk_strbuf *sb, const pk_result *res,
                           const char *name, pk_lang lang)
{
    const pk_comparison *c = &res->cmp;

    if (strncmp(name, "fact:", 5) == 0)
        return put_fact(sb, res, name + 5, lang);
    if (strncmp(name, "param:", 6) == 0)
        return put_param(sb, res, name + 6, lang);
    if (strcmp(name, "missing") == 0) {
        if (res->nmissing == 0)
            return -1;
        for (size_t i = 0; i < res->nmissing; i++) {
            if (i > 0)
                pk_sb_puts(sb, i + 1 == res->nmissing
                                   ? (lang == PK_LANG_VI ? " và " : " and ")
                                   : ", ");
            /* "does not state the issuer of ...": English labels are
             * bare noun phrases. */
            if (lang == PK_LANG_VI)
                pk_sb_puts(sb,
                           pk_result_fact_label(res, res->missing[i], lang));
            else
                put_the(sb, pk_result_fact_label(res, res->missing[i], lang));
        }
        return sb->failed ? PK_ENOMEM : PK_OK;
    }
    if (strcmp(name, "error") == 0)
        return put_error(sb, res, lang);
    if (strcmp(name, "kind") == 0)
        return pk_sb_puts(sb, res->report->kind);
    if (!res->has_cmp)
        return -1;
    /* A yes/no, a text or a set is quoted in words, never as a number. */
    if (strcmp(name, "value") == 0 &&
        res->cmp_typed[0].kind != PK_VALUE_NUMBER &&
        (c->unit == NULL || strcmp(c->unit, "date") != 0))
        return pk_writer_append_cmp_value(sb, res, lang);
    if (strcmp(name, "threshold") == 0 &&
        res->cmp_typed[1].kind != PK_VALUE_NUMBER &&
        (c->unit == NULL || strcmp(c->unit, "date") != 0))
        return pk_writer_append_cmp_required(sb, res, lang);
    if (strcmp(name, "value") == 0) {
        /* a bound of a missing fact that decided: say which side */
        if (res->cmp_bound != 0)
            pk_sb_puts(sb,
                       res->cmp_bound > 0
                           ? (lang == PK_LANG_VI ? "ít nhất " : "at least ")
                           : (lang == PK_LANG_VI ? "nhiều nhất " : "at most "));
        return put_quantity_as(sb, units_of(res), c->value, c->unit,
                               cmp_integral(res), value_form(res), lang);
    }
    if (strcmp(name, "threshold") == 0) {
        put_quantity_as(sb, units_of(res), c->threshold, c->unit, 0,
                        threshold_form(value_form(res)), lang);
        if (res->cmp_range) {
            pk_sb_puts(sb, "–");
            put_quantity(sb, units_of(res), res->cmp_threshold_hi, c->unit, 0,
                         lang);
        }
        return sb->failed ? PK_ENOMEM : PK_OK;
    }
    if (strcmp(name, "shortfall") == 0) {
        if (isnan(c->shortfall))
            return -1;
        if (is_unit(c->unit, "date")) {
            /* a difference of dates is in days */
            pk_fmt_number(sb, c->shortfall, 0, lang);
            return pk_sb_puts(sb, lang == PK_LANG_VI ? " ngày" : " days");
        }
        return put_shortfall(sb, res, lang);
    }
    if (strcmp(name, "needed") == 0) {
        if (!res->cmp_has_needed)
            return -1;
        return put_quantity_as(sb, units_of(res), res->cmp_needed,
                               res->cmp_needed_unit, res->cmp_needed_integral,
                               needed_form(res), lang);
    }
    return -1;
}

static int render(pk_strbuf *sb, const pk_result *res, const char *tpl,
                  pk_lang lang)
{
    const char *s = tpl;

    while (*s != '\0') {
        const char *open = strchr(s, '{'), *close;
        char name[128];
        size_t n;

        if (open == NULL) {
            pk_sb_puts(sb, s);
            break;
        }
        pk_sb_append(sb, s, (size_t)(open - s));
        close = strchr(open, '}');
        if (close == NULL)
            return -1;
        n = (size_t)(close - open - 1);
        if (n >= sizeof name)
            return -1;
        memcpy(name, open + 1, n);
        name[n] = '\0';
        if (put_placeholder(sb, res, name, lang) < 0)
            return -1;
        s = close + 1;
    }
    return sb->failed ? PK_ENOMEM : PK_OK;
}

static int render_message(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    int l = lang == PK_LANG_VI ? 0 : 1;
    int m;
    const char *tpl;

    switch (res->status) {
    case PK_STATUS_PASS:
        m = PK_MSG_PASS;
        break;
    case PK_STATUS_FAIL:
        m = PK_MSG_FAIL;
        break;
    case PK_STATUS_UNKNOWN:
        m = PK_MSG_UNKNOWN;
        break;
    case PK_STATUS_NOT_APPLICABLE:
        m = PK_MSG_NA;
        break;
    case PK_STATUS_OPEN:
        m = PK_MSG_OPEN;
        break;
    default:
        m = PK_MSG_ERROR;
        break;
    }
    tpl = res->other_kind ? NULL : res->rule->message[m][l];
    if (tpl != NULL && blank_fact(res, tpl) != NULL) {
        const pk_fact *f = blank_fact(res, tpl);

        put_blank(sb, f, &res->report->facts[f - res->pack->facts], lang);
        goto out;
    }
    /* A template whose placeholders this result cannot fill (an unknown
     * that read nothing to quote, say) gives way to the general one. */
    if (tpl == NULL || (render(sb, res, tpl, lang) != PK_OK && !sb->failed)) {
        pk_sb_reset(sb);
        if (render(sb, res, default_msg[m][l], lang) != PK_OK && !sb->failed) {
            static const char *const plain[2] = {"Chưa đánh giá được.",
                                                 "Cannot be decided yet."};
            pk_sb_reset(sb);
            pk_sb_puts(sb, plain[l]);
        }
    }
out:
    /* Out of memory is not a reason for another wording: no text, and
     * the report is not made. */
    return sb->failed ? PK_ENOMEM : PK_OK;
}

const char *pk_result_message(const pk_result *res, pk_lang lang)
{
    const char *s =
        text(res, &texts_of(res)->message[lang == PK_LANG_VI ? 0 : 1], lang,
             render_message);

    return s != NULL ? s : "";
}

int pk_result_render(const pk_result *res, pk_lang lang, int words)
{
    int l = lang == PK_LANG_VI ? 0 : 1;
    pk_texts *t = texts_of(res);

    if ((res->cite != NULL && res->cite_words[l] == NULL &&
         text(res, &t->citation_text[l], lang, render_citation) == NULL) ||
        (words && res->has_cmp &&
         text(res, &t->cmp_text[l], lang, render_comparison) == NULL) ||
        (words && text(res, &t->message[l], lang, render_message) == NULL))
        return PK_ENOMEM;
    return PK_OK;
}

int pk_report_render(const pk_report *r, pk_lang lang)
{
    for (size_t i = 0; i < r->nresults; i++)
        if (pk_result_render(&r->results[i], lang, 1) != PK_OK)
            return PK_ENOMEM;
    return PK_OK;
}
