/* The format's checks on the values: a part never larger than its whole,
 * two statements that cannot both be true, a date never after another,
 * and figures that look like a unit slip. Which values, their words and
 * the limits are data (rules/schema/dossier-1.xml); nothing here names a
 * field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "messages.h"
#include "numfmt.h"
#include "words.h"

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

static int bad(pk_xmldoc *x, xmlNode *node, pk_error *err, const char *what)
{
    unsigned line = 0, col = 0;

    pk_xmldoc_pos(x, node, NULL, &line, &col);
    pk_error_set(err, PK_EFORMAT, x->source, line, col, "<%s>: %s",
                 (const char *)node->name, what);
    return PK_EFORMAT;
}

/* A path of the check: absolute, or "@attr" / "name/…" under each. */
static int compile(const pk_dformat *f, const pk_bound *b, const char *text,
                   pk_path *out, char *msg, size_t msglen)
{
    char buf[512];

    if (!b->has_each)
        return pk_path_compile(f, text, out, msg, msglen);
    /* Relative to each: spelt out from the format's own path of it. */
    snprintf(buf, sizeof buf, "%s/%s", f->elems[b->each.elem].path, text);
    return pk_path_compile(f, buf, out, msg, msglen);
}

/* A limit: a decimal such as "0.01" or "2000", exactly. */
static int limit(const char *s, int64_t *num, int64_t *den)
{
    pk_val v;
    char msg[200];

    if (s == NULL || pk_parse_decimal(s, &v, msg, sizeof msg) != PK_OK)
        return 1;
    *num = v.num;
    *den = v.den;
    return 0;
}

/* 0, PK_ENOMEM, or 1 when the child or one of its words is missing. */
static int words(xmlNode *node, const char *child, char *out[2])
{
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *vi, *en;
        if (!pk_xml_is(c, child))
            continue;
        vi = pk_xml_attr(c, "vi");
        en = pk_xml_attr(c, "en");
        if (vi == NULL || en == NULL)
            return 1;
        out[0] = xstrdup(vi);
        out[1] = xstrdup(en);
        return out[0] == NULL || out[1] == NULL ? PK_ENOMEM : 0;
    }
    return 1;
}

/* <excludes a="PATH" a-is="VALUE" b="PATH" b-is="VALUE">, with the words
 * <a vi en/> and <b vi en/> of the two statements. */
static int load_excludes(pk_dformat *f, pk_xmldoc *x, xmlNode *node,
                         pk_bound *b, pk_error *err)
{
    static const char *const names[2][2] = {{"a", "a-is"}, {"b", "b-is"}};
    char msg[300];

    b->kind = PK_BOUND_EXCLUDES;
    if (pk_xml_attr(node, "each") != NULL)
        return bad(x, node, err, "takes no each");
    for (int k = 0; k < 2; k++) {
        const char *path = pk_xml_attr(node, names[k][0]);
        const char *is = pk_xml_attr(node, names[k][1]);
        int rc;

        if (path == NULL || is == NULL || *is == '\0')
            return bad(x, node, err, "needs a, a-is, b and b-is");
        rc = pk_path_compile(f, path, k == 0 ? &b->part : &b->whole, msg,
                             sizeof msg);
        if (rc != PK_OK)
            return rc == PK_ENOMEM ? rc : bad(x, node, err, msg);
        b->is[k] = xstrdup(is);
        if (b->is[k] == NULL)
            return PK_ENOMEM;
        rc = words(node, names[k][0], b->label[k]);
        if (rc == PK_ENOMEM)
            return rc;
        if (rc != 0)
            return bad(x, node, err, "needs <a> and <b> with vi and en words");
    }
    return PK_OK;
}

static int load_one(pk_dformat *f, pk_xmldoc *x, xmlNode *node, pk_bound *b,
                    pk_error *err)
{
    const char *part = pk_xml_attr(node, "part");
    const char *whole = pk_xml_attr(node, "whole");
    const char *each = pk_xml_attr(node, "each");
    char msg[300];
    int rc;

    b->each.elem = b->part.elem = b->whole.elem = PK_NONE;
    if (pk_xml_is(node, "part-of"))
        b->kind = PK_BOUND_PART_OF;
    else if (pk_xml_is(node, "unlikely-above"))
        b->kind = PK_BOUND_ABOVE;
    else if (pk_xml_is(node, "unlikely-share"))
        b->kind = PK_BOUND_SHARE_BELOW;
    else if (pk_xml_is(node, "not-after"))
        b->kind = PK_BOUND_NOT_AFTER;
    else if (pk_xml_is(node, "excludes"))
        return load_excludes(f, x, node, b, err);
    else
        return bad(x, node, err,
                   "expected <part-of>, <excludes>, <not-after>, "
                   "<unlikely-above> or <unlikely-share>");
    if (part == NULL || (whole == NULL) != (b->kind == PK_BOUND_ABOVE))
        return bad(x, node, err,
                   b->kind == PK_BOUND_ABOVE ? "needs part and no whole"
                                             : "needs part and whole");
    if (each != NULL && b->kind == PK_BOUND_NOT_AFTER)
        return bad(x, node, err, "takes no each");
    if (each != NULL) {
        rc = pk_path_compile(f, each, &b->each, msg, sizeof msg);
        if (rc != PK_OK)
            return rc == PK_ENOMEM ? rc : bad(x, node, err, msg);
        b->has_each = 1;
    }
    rc = compile(f, b, part, &b->part, msg, sizeof msg);
    if (rc == PK_OK && whole != NULL)
        rc = compile(f, b, whole, &b->whole, msg, sizeof msg);
    if (rc != PK_OK)
        return rc == PK_ENOMEM ? rc : bad(x, node, err, msg);
    rc = words(node, "part", b->label[0]);
    if (rc == 0 && whole != NULL)
        rc = words(node, "whole", b->label[1]);
    if (rc == 0 && b->kind != PK_BOUND_PART_OF && b->kind != PK_BOUND_NOT_AFTER)
        rc = words(node, "hint", b->hint);
    if (rc == PK_ENOMEM)
        return rc;
    if (rc != 0)
        return bad(x, node, err,
                   "needs <part>, <whole> (and for a warning "
                   "<hint>) with vi and en words");
    if (b->kind == PK_BOUND_ABOVE) {
        const char *u = pk_xml_attr(node, "unit");
        if (u == NULL ||
            limit(pk_xml_attr(node, "above"), &b->lim_num, &b->lim_den) != 0)
            return bad(x, node, err, "needs unit and a decimal above");
        b->unit = xstrdup(u);
        if (b->unit == NULL)
            return PK_ENOMEM;
    } else if (b->kind == PK_BOUND_SHARE_BELOW &&
               limit(pk_xml_attr(node, "below"), &b->lim_num, &b->lim_den) !=
                   0) {
        return bad(x, node, err, "needs a decimal below");
    }
    return PK_OK;
}

int pk_bounds_load(pk_dformat *f, pk_xmldoc *x, xmlNode *node, pk_error *err)
{
    struct pk_bounds *bs = f->bounds;
    int rc = PK_OK;

    if (bs == NULL) {
        bs = calloc(1, sizeof *bs);
        if (bs == NULL)
            goto nomem;
        f->bounds = bs;
    }
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        pk_bound *nb = realloc(bs->items, (bs->count + 1) * sizeof *nb);
        if (nb == NULL)
            goto nomem;
        bs->items = nb;
        memset(&nb[bs->count], 0, sizeof *nb);
        rc = load_one(f, x, c, &nb[bs->count++], err);
        if (rc == PK_ENOMEM)
            goto nomem;
        if (rc != PK_OK)
            return rc;
    }
    return PK_OK;
nomem:
    pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0, PK_NO_OFFSET,
                 PK_NOARGS);
    return PK_ENOMEM;
}

void pk_bounds_free(struct pk_bounds *bs)
{
    if (bs == NULL)
        return;
    for (size_t i = 0; i < bs->count; i++) {
        pk_bound *b = &bs->items[i];
        pk_path_free(&b->each);
        pk_path_free(&b->part);
        pk_path_free(&b->whole);
        for (int k = 0; k < 2; k++) {
            free(b->label[k][0]);
            free(b->label[k][1]);
            free(b->hint[k]);
            free(b->is[k]);
        }
        free(b->unit);
    }
    free(bs->items);
    free(bs);
}

/* ---- checking ---- */

/* A figure: the value read at p (summed over every node it selects, under
 * node `under` when not PK_NONE), where its first part is. known is 0 when
 * a part is missing or invalid: nothing is then said. */
typedef struct figure {
    int known;
    int64_t num, den;
    uint32_t node, attr; /* the first part */
} figure;

static int is_under(const pk_dossier *d, uint32_t n, uint32_t under)
{
    for (; n != PK_NONE; n = d->nodes[n].parent)
        if (n == under)
            return 1;
    return 0;
}

static pk_val *value_at(pk_dossier *d, const pk_path *p, uint32_t n)
{
    return p->attr == PK_NONE ? &d->nodes[n].text : &d->nodes[n].attrs[p->attr];
}

static void read_figure(pk_dossier *d, const pk_path *p, uint32_t under,
                        figure *out)
{
    int any = 0;

    memset(out, 0, sizeof *out);
    out->num = 0;
    out->den = 1;
    out->node = PK_NONE;
    if (under != PK_NONE && d->nodes[under].elem == p->elem) {
        /* the element's own value: no walk over its siblings, which would
         * make checking each of many rows take quadratic time */
        const pk_val *v = value_at(d, p, under);
        if (v->kind != PK_V_NUMBER)
            return;
        out->num = v->num;
        out->den = v->den;
        out->node = under;
        out->attr = p->attr;
        out->known = 1;
        return;
    }
    for (uint32_t n = d->first[p->elem]; n != PK_NONE;
         n = d->nodes[n].next_same) {
        const pk_val *v;
        if ((under != PK_NONE && !is_under(d, n, under)) || d->nodes[n].blank ||
            !pk_path_match(p, d, n))
            continue;
        v = value_at(d, p, n);
        if (v->kind != PK_V_NUMBER)
            return; /* unknown or invalid: nothing to compare */
        if (!any) {
            out->node = n;
            out->attr = p->attr;
        }
        any = 1;
        if (pk_num_add(out->num, out->den, v->num, v->den, &out->num,
                       &out->den) != PK_OK)
            return;
    }
    out->known = any;
}

typedef struct checker {
    pk_dossier *d;
    pk_pos_fn pos;
    pk_problem_fn problem;
    void *ctx;
    pk_strbuf sb;
    /* the figures of breached bounds, made invalid once every bound was
     * checked: a figure that breaks one bound may break another too */
    figure *spoilt;
    size_t nspoilt;
    int oom;
} checker;

/* "2.500" or "2,500", with the base unit of a quantity ("15,47 ha"). */
static const char *figure_text(checker *k, const figure *g, int lang, char *buf,
                               size_t len)
{
    const pk_felem *fe = &k->d->format->elems[k->d->nodes[g->node].elem];
    const pk_fvalue *v =
        g->attr == PK_NONE ? &fe->value : &fe->attrs[g->attr].value;

    pk_sb_reset(&k->sb);
    pk_fmt_number(&k->sb, pk_num_double(g->num, g->den), -1,
                  lang == 0 ? PK_LANG_VI : PK_LANG_EN);
    if (v->type == PK_T_QUANTITY && v->quantity != NULL)
        pk_unit_append(&k->sb, k->d->format, v->quantity->base,
                       pk_num_double(g->num, g->den),
                       lang == 0 ? PK_LANG_VI : PK_LANG_EN);
    snprintf(buf, len, "%s", k->sb.failed ? "?" : k->sb.data);
    return buf;
}

static unsigned line_of(checker *k, const figure *g)
{
    unsigned line = 0, col = 0;

    k->pos(k->ctx, g->node, g->attr, &line, &col);
    return line;
}

/* Remembers g, to be made invalid at the position of at. */
static void spoil(checker *k, const figure *g, const figure *at)
{
    figure *n = realloc(k->spoilt, (k->nspoilt + 2) * sizeof *n);

    if (n == NULL) {
        k->oom = 1;
        return;
    }
    k->spoilt = n;
    n[k->nspoilt++] = *g;
    n[k->nspoilt++] = *at;
}

static void part_of(checker *k, const pk_bound *b, const figure *p,
                    const figure *w)
{
    pk_boundmsg m;
    char pv[2][64], wv[2][64];

    if (pk_num_cmp(p->num, p->den, w->num, w->den) <= 0)
        return;
    for (int l = 0; l < 2; l++) {
        figure_text(k, p, l, pv[l], sizeof pv[l]);
        figure_text(k, w, l, wv[l], sizeof wv[l]);
    }
    snprintf(m.vi, sizeof m.vi,
             "%.80s (%s, dòng %u) lớn hơn %.80s (%s, dòng %u): phần không "
             "thể lớn hơn tổng. Kiểm tra lại hai số này.",
             b->label[0][0], pv[0], line_of(k, p), b->label[1][0], wv[0],
             line_of(k, w));
    snprintf(m.en, sizeof m.en,
             "%.80s (%s, line %u) is larger than %.80s (%s, line %u): a part "
             "cannot exceed its whole. Check these two figures.",
             b->label[0][1], pv[1], line_of(k, p), b->label[1][1], wv[1],
             line_of(k, w));
    k->problem(k->ctx, 0, p->node, p->attr, &m);
    /* Neither figure can be trusted: no rule decides on them. */
    spoil(k, w, p);
    spoil(k, p, p);
}

/* The unit a quantity was written in: its unit attribute, else the
 * quantity's base (the reader's default). */
static const char *written_unit(checker *k, const figure *g)
{
    const pk_dnode *n = &k->d->nodes[g->node];
    const pk_felem *fe = &k->d->format->elems[n->elem];
    const pk_fvalue *v =
        g->attr == PK_NONE ? &fe->value : &fe->attrs[g->attr].value;

    if (v->type != PK_T_QUANTITY || v->quantity == NULL)
        return "";
    if (n->attrs != NULL && n->attrs[v->unit_attr].kind == PK_V_TEXT)
        return n->attrs[v->unit_attr].text;
    return v->quantity->base;
}

static void above(checker *k, const pk_bound *b, const figure *p)
{
    pk_boundmsg m;
    char pv[2][64];
    figure lim = *p;

    if (strcmp(written_unit(k, p), b->unit) != 0 ||
        pk_num_cmp(p->num, p->den, b->lim_num, b->lim_den) <= 0)
        return;
    lim.num = b->lim_num;
    lim.den = b->lim_den;
    for (int l = 0; l < 2; l++) {
        char lv[64];
        figure_text(k, p, l, pv[l], sizeof pv[l]);
        figure_text(k, &lim, l, lv, sizeof lv);
        if (l == 0)
            snprintf(m.vi, sizeof m.vi,
                     "%.80s là %s (dòng %u), lớn hơn %s: con số khó có thật. "
                     "%.150s",
                     b->label[0][0], pv[0], line_of(k, p), lv, b->hint[0]);
        else
            snprintf(m.en, sizeof m.en,
                     "%.80s is %s (line %u), more than %s: hardly a real "
                     "figure. %.200s",
                     b->label[0][1], pv[1], line_of(k, p), lv, b->hint[1]);
    }
    k->problem(k->ctx, 1, p->node, p->attr, &m);
}

static void share_below(checker *k, const pk_bound *b, const figure *p,
                        const figure *w)
{
    pk_boundmsg m;
    char pv[2][40], wv[2][40], sv[2][24], lv[2][24];
    int64_t rn, rd;

    if (w->num == 0 ||
        pk_num_div(p->num, p->den, w->num, w->den, &rn, &rd) != PK_OK ||
        pk_num_cmp(rn, rd, b->lim_num, b->lim_den) >= 0)
        return;
    for (int l = 0; l < 2; l++) {
        pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
        figure_text(k, p, l, pv[l], sizeof pv[l]);
        figure_text(k, w, l, wv[l], sizeof wv[l]);
        /* every digit it takes: a share under 1 % rounds to 0 % */
        pk_sb_reset(&k->sb);
        pk_fmt_number(&k->sb, 100.0 * pk_num_double(rn, rd), -1, lang);
        pk_sb_puts(&k->sb, "%");
        snprintf(sv[l], sizeof sv[l], "%s", k->sb.failed ? "?" : k->sb.data);
        pk_sb_reset(&k->sb);
        pk_fmt_percent(&k->sb, pk_num_double(b->lim_num, b->lim_den), lang);
        snprintf(lv[l], sizeof lv[l], "%s", k->sb.failed ? "?" : k->sb.data);
    }
    snprintf(m.vi, sizeof m.vi,
             "%.80s (%s, dòng %u) chỉ bằng %s %.80s (%s, dòng %u), dưới %s: "
             "con số khó có thật. %.100s",
             b->label[0][0], pv[0], line_of(k, p), sv[0], b->label[1][0], wv[0],
             line_of(k, w), lv[0], b->hint[0]);
    snprintf(m.en, sizeof m.en,
             "%.80s (%s, line %u) is only %s of %.80s (%s, line %u), under "
             "%s: hardly a real figure. %.100s",
             b->label[0][1], pv[1], line_of(k, p), sv[1], b->label[1][1], wv[1],
             line_of(k, w), lv[1], b->hint[1]);
    k->problem(k->ctx, 1, p->node, p->attr, &m);
}

/* The first value stated at p, and where it is; NULL when none is. */
static pk_val *value_stated(pk_dossier *d, const pk_path *p, figure *at)
{
    memset(at, 0, sizeof *at);
    for (uint32_t n = d->first[p->elem]; n != PK_NONE;
         n = d->nodes[n].next_same) {
        pk_val *v;
        if (d->nodes[n].blank || !pk_path_match(p, d, n) ||
            (p->attr != PK_NONE && d->nodes[n].attrs == NULL))
            continue;
        v = value_at(d, p, n);
        if (v->kind == PK_V_MISSING)
            continue;
        at->node = n;
        at->attr = p->attr;
        at->known = 1;
        return v;
    }
    return NULL;
}

/* Whether v says what a check's value spells: a name, a date, true or
 * false. */
static int says(const pk_val *v, const char *what)
{
    switch (v->kind) {
    case PK_V_TEXT:
    case PK_V_DATE:
        return v->text != NULL && strcmp(v->text, what) == 0;
    case PK_V_BOOL:
        return strcmp(what, v->boolean ? "true" : "false") == 0;
    default:
        return 0;
    }
}

static void excludes(checker *k, const pk_bound *b)
{
    pk_boundmsg m;
    figure a, c;
    const pk_val *va = value_stated(k->d, &b->part, &a);
    const pk_val *vc = value_stated(k->d, &b->whole, &c);

    if (va == NULL || vc == NULL || !says(va, b->is[0]) || !says(vc, b->is[1]))
        return;
    snprintf(m.vi, sizeof m.vi,
             "Hồ sơ nêu %.120s (dòng %u) nhưng cũng nêu %.120s (dòng %u): hai "
             "điều này không thể cùng đúng. Sửa lại điều chưa đúng.",
             b->label[0][0], line_of(k, &a), b->label[1][0], line_of(k, &c));
    snprintf(m.en, sizeof m.en,
             "The dossier says %.120s (line %u) but also %.120s (line %u): "
             "the two cannot both be true. Correct the one that is wrong.",
             b->label[0][1], line_of(k, &a), b->label[1][1], line_of(k, &c));
    k->problem(k->ctx, 0, a.node, a.attr, &m);
    /* Neither statement can be trusted: no rule decides on them. */
    spoil(k, &c, &a);
    spoil(k, &a, &a);
}

static const char *date_text(checker *k, const pk_val *v, int lang, char *buf,
                             size_t len)
{
    pk_sb_reset(&k->sb);
    pk_fmt_date(&k->sb, v->text, lang == 0 ? PK_LANG_VI : PK_LANG_EN);
    snprintf(buf, len, "%s", k->sb.failed ? "?" : k->sb.data);
    return buf;
}

static void not_after(checker *k, const pk_bound *b)
{
    pk_boundmsg m;
    figure p, w;
    char pv[2][24], wv[2][24];
    const pk_val *vp = value_stated(k->d, &b->part, &p);
    const pk_val *vw = value_stated(k->d, &b->whole, &w);

    if (vp == NULL || vw == NULL || vp->kind != PK_V_DATE ||
        vw->kind != PK_V_DATE || vp->num <= vw->num)
        return;
    for (int l = 0; l < 2; l++) {
        date_text(k, vp, l, pv[l], sizeof pv[l]);
        date_text(k, vw, l, wv[l], sizeof wv[l]);
    }
    snprintf(m.vi, sizeof m.vi,
             "%.100s (%s, dòng %u) lại sau %.100s (%s, dòng %u): điều này "
             "không thể xảy ra. Kiểm tra lại hai ngày này.",
             b->label[0][0], pv[0], line_of(k, &p), b->label[1][0], wv[0],
             line_of(k, &w));
    snprintf(m.en, sizeof m.en,
             "%.100s (%s, line %u) is after %.100s (%s, line %u), which it "
             "cannot be. Check these two dates.",
             b->label[0][1], pv[1], line_of(k, &p), b->label[1][1], wv[1],
             line_of(k, &w));
    k->problem(k->ctx, 0, p.node, p.attr, &m);
    /* The later date cannot be true; the other may be (the dossier's own
     * date, which chooses the law, stays read). */
    spoil(k, &p, &p);
}

static int is_error(const pk_bound *b)
{
    return b->kind == PK_BOUND_PART_OF || b->kind == PK_BOUND_EXCLUDES ||
           b->kind == PK_BOUND_NOT_AFTER;
}

static void run(checker *k, const pk_bound *b, uint32_t under)
{
    figure p, w;

    if (b->kind == PK_BOUND_EXCLUDES) {
        excludes(k, b);
        return;
    }
    if (b->kind == PK_BOUND_NOT_AFTER) {
        not_after(k, b);
        return;
    }

    read_figure(k->d, &b->part, under, &p);
    if (!p.known)
        return;
    if (b->kind == PK_BOUND_ABOVE) {
        above(k, b, &p);
        return;
    }
    read_figure(k->d, &b->whole, under, &w);
    if (!w.known)
        return;
    if (b->kind == PK_BOUND_PART_OF)
        part_of(k, b, &p, &w);
    else
        share_below(k, b, &p, &w);
}

int pk_bounds_check(pk_dossier *d, pk_pos_fn pos, pk_problem_fn problem,
                    void *ctx)
{
    const struct pk_bounds *bs = d->format->bounds;
    checker k;
    int rc;

    if (bs == NULL)
        return PK_OK;
    memset(&k, 0, sizeof k);
    k.d = d;
    k.pos = pos;
    k.problem = problem;
    k.ctx = ctx;
    pk_sb_init(&k.sb);
    /* Warnings first: an error makes its figures invalid, and a slip of
     * unit is worth saying about a figure that also breaks a bound. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < bs->count; i++) {
            const pk_bound *b = &bs->items[i];
            if (is_error(b) != (pass == 1))
                continue;
            if (!b->has_each) {
                run(&k, b, PK_NONE);
                continue;
            }
            for (uint32_t n = d->first[b->each.elem]; n != PK_NONE;
                 n = d->nodes[n].next_same)
                if (!d->nodes[n].blank && pk_path_match(&b->each, d, n))
                    run(&k, b, n);
        }
    for (size_t i = 0; i + 1 < k.nspoilt; i += 2) {
        const figure *g = &k.spoilt[i], *at = &k.spoilt[i + 1];
        pk_val *v = g->attr == PK_NONE ? &d->nodes[g->node].text
                                       : &d->nodes[g->node].attrs[g->attr];
        v->kind = PK_V_INVALID;
        pos(ctx, at->node, at->attr, &v->line, &v->col);
    }
    rc = k.sb.failed || k.oom ? PK_ENOMEM : PK_OK;
    pk_sb_free(&k.sb);
    free(k.spoilt);
    return rc;
}
