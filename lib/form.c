/* A form for one kind of dossier, made from the pack in force and the
 * format description: the fields the kind's rules read, in the format's
 * order, with the words, units, vocabularies and provisions the data gives.
 * Nothing here names a field, a kind or a label: another pack or format
 * gives its own form. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pack.h"
#include "strbuf.h"
#include "words.h"

typedef struct fvals {
    const char **names;
    const char **labels;
    const char **when;
} fvals;

struct pk_form {
    const pk_pack *pack;
    const char *kind;
    const char *kind_label;
    char date[11];
    size_t nfields;
    pk_field *fields;
    fvals *vals;
};

typedef struct builder {
    pk_form *form;
    const pk_dformat *f;
    int l;
    uint64_t kind_bit;
    size_t cap;
    pk_strbuf *cites;     /* per fact: the provisions citing it */
    uint64_t *attrs_used; /* per element: attributes a fact reads */
    unsigned char *text_used;
    unsigned char *include; /* the element or one below it is on the form */
    unsigned char *full;    /* a repeated row, or inside one: all of it */
    int oom;
} builder;

static const pk_pack *pack_for(const pk_engine *e, int64_t date)
{
    for (size_t i = 0; i < e->npacks; i++)
        if (date >= e->packs[i]->from && date <= e->packs[i]->until)
            return e->packs[i];
    return NULL;
}

static void add_cite(builder *b, uint32_t fact, const pk_citation *c)
{
    char buf[96];
    pk_strbuf *sb = &b->cites[fact];

    pk_cite_write(b->f, c, b->l == 0 ? PK_LANG_VI : PK_LANG_EN, buf,
                  sizeof buf);
    if (sb->len > 0 && strstr(sb->data, buf) != NULL)
        return;
    if (sb->len > 0)
        pk_sb_puts(sb, "; ");
    pk_sb_puts(sb, buf);
    if (sb->failed)
        b->oom = 1;
}

static void mark_fact(builder *b, uint32_t fi, const pk_citation *c, int depth)
{
    const pk_fact *f = &b->form->pack->facts[fi];

    if (depth > 32)
        return;
    add_cite(b, fi, c);
    for (size_t i = 0; i < f->nargs; i++)
        mark_fact(b, f->args[i], c, depth + 1);
    for (size_t i = 0; i < f->nbases; i++)
        if (f->bases[i] != fi)
            add_cite(b, f->bases[i], c);
}

static void mark_used(builder *b)
{
    const pk_pack *p = b->form->pack;

    for (size_t r = 0; r < p->nrules; r++) {
        const pk_rule *rule = &p->rules[r];
        const pk_citation *cite;
        if (!(rule->kinds & b->kind_bit))
            continue;
        cite = pk_rule_citation(rule, b->form->kind);
        for (size_t i = 0; i < rule->nfacts; i++)
            mark_fact(b, rule->facts[i], cite, 0);
    }
    for (uint32_t fi = 0; fi < p->nfacts; fi++) {
        const pk_fact *f = &p->facts[fi];
        if (b->cites[fi].len == 0 || f->where == NULL ||
            f->how == PK_FH_XPATH || f->path.elem == PK_NONE)
            continue;
        if (f->path.attr != PK_NONE)
            b->attrs_used[f->path.elem] |= (uint64_t)1 << f->path.attr;
        else
            b->text_used[f->path.elem] = 1;
        if (f->how == PK_FH_EACH)
            b->attrs_used[f->path.elem] |= ((uint64_t)1 << f->each_attr[0]) |
                                           ((uint64_t)1 << f->each_attr[1]);
    }
    for (int role = PK_ROLE_KIND; role <= PK_ROLE_PROVINCE; role++) {
        uint32_t e = b->f->role_at[role].elem, a = b->f->role_at[role].attr;
        if (e == PK_NONE)
            continue;
        if (a != PK_NONE)
            b->attrs_used[e] |= (uint64_t)1 << a;
        else
            b->text_used[e] = 1;
    }
    /* Children come after their parent in the format's list. */
    for (size_t i = b->f->nelems; i-- > 0;) {
        if (b->attrs_used[i] != 0 || b->text_used[i])
            b->include[i] = 1;
        if (b->include[i] && b->f->elems[i].parent != PK_NONE)
            b->include[b->f->elems[i].parent] = 1;
    }
    for (size_t i = 0; i < b->f->nelems; i++) {
        const pk_felem *e = &b->f->elems[i];
        if ((e->repeat && b->include[i]) ||
            (e->parent != PK_NONE && b->full[e->parent]))
            b->full[i] = b->include[i] = 1;
    }
}

static pk_field *new_field(builder *b)
{
    pk_form *fm = b->form;
    pk_field *f;

    if (fm->nfields == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        pk_field *nf = realloc(fm->fields, cap * sizeof *nf);
        fvals *nv;
        if (nf == NULL) {
            b->oom = 1;
            return NULL;
        }
        fm->fields = nf;
        nv = realloc(fm->vals, cap * sizeof *nv);
        if (nv == NULL) {
            b->oom = 1;
            return NULL;
        }
        fm->vals = nv;
        b->cap = cap;
    }
    f = &fm->fields[fm->nfields];
    memset(f, 0, sizeof *f);
    memset(&fm->vals[fm->nfields], 0, sizeof fm->vals[0]);
    fm->nfields++;
    f->group = PK_FORM_NO_GROUP;
    f->unit = "";
    return f;
}

static char *dup_or_oom(builder *b, const char *s)
{
    char *d = malloc(strlen(s) + 1);

    if (d == NULL) {
        b->oom = 1;
        return NULL;
    }
    strcpy(d, s);
    return d;
}

/* The words the facts read at (elem, attr) give: help and citations. */
static void fact_words(builder *b, pk_field *fd, uint32_t elem, uint32_t attr)
{
    const pk_pack *p = b->form->pack;
    pk_strbuf help, cites;
    const char *first = NULL;

    pk_sb_init(&help);
    pk_sb_init(&cites);
    for (uint32_t fi = 0; fi < p->nfacts; fi++) {
        const pk_fact *f = &p->facts[fi];
        const char *c, *s;
        if (b->cites[fi].len == 0 || f->where == NULL ||
            f->how == PK_FH_XPATH || f->path.elem != elem ||
            f->path.attr != attr)
            continue;
        if (first == NULL)
            first = f->label[b->l];
        if (strstr(help.data != NULL ? help.data : "", f->label[b->l]) ==
            NULL) {
            if (help.len > 0)
                pk_sb_puts(&help, "; ");
            pk_sb_puts(&help, f->label[b->l]);
        }
        /* one list of provisions, each once */
        for (c = b->cites[fi].data; *c != '\0'; c = *s ? s + 2 : s) {
            char one[96];
            size_t n;
            s = strstr(c, "; ");
            if (s == NULL)
                s = c + strlen(c);
            n = (size_t)(s - c) < sizeof one - 1 ? (size_t)(s - c)
                                                 : sizeof one - 1;
            memcpy(one, c, n);
            one[n] = '\0';
            if (cites.len == 0 || strstr(cites.data, one) == NULL) {
                if (cites.len > 0)
                    pk_sb_puts(&cites, "; ");
                pk_sb_puts(&cites, one);
            }
        }
    }
    if (help.failed || cites.failed)
        b->oom = 1;
    fd->help = dup_or_oom(b, help.len > 0 ? help.data : "");
    fd->citations = dup_or_oom(b, cites.len > 0 ? cites.data : "");
    if (fd->label == NULL && first != NULL)
        fd->label = first;
    pk_sb_free(&help);
    pk_sb_free(&cites);
}

static void set_values(builder *b, size_t fi, const pk_fvalue *v)
{
    fvals *fv = &b->form->vals[fi];
    pk_field *fd = &b->form->fields[fi];
    size_t n = v->vocab.count;

    for (size_t c = 0; c < v->ncases; c++)
        n += v->case_vocab[c].count;
    fv->names = calloc(n ? n : 1, sizeof *fv->names);
    fv->labels = calloc(n ? n : 1, sizeof *fv->labels);
    fv->when = calloc(n ? n : 1, sizeof *fv->when);
    if (fv->names == NULL || fv->labels == NULL || fv->when == NULL) {
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < v->vocab.count; i++) {
        fv->names[fd->nvalues] = v->vocab.names[i];
        fv->labels[fd->nvalues++] =
            pk_vocab_label(&v->vocab, v->vocab.names[i], b->l);
    }
    for (size_t c = 0; c < v->ncases; c++)
        for (size_t i = 0; i < v->case_vocab[c].count; i++) {
            const pk_vocab *cv = &v->case_vocab[c];
            fv->names[fd->nvalues] = cv->names[i];
            fv->labels[fd->nvalues] = pk_vocab_label(cv, cv->names[i], b->l);
            fv->when[fd->nvalues++] = v->case_when[c];
        }
}

static pk_field_type type_of(pk_ftype t)
{
    switch (t) {
    case PK_T_INTEGER:
        return PK_FIELD_INTEGER;
    case PK_T_DECIMAL:
    case PK_T_QUANTITY:
        return PK_FIELD_DECIMAL;
    case PK_T_BOOL:
        return PK_FIELD_BOOL;
    case PK_T_DATE:
        return PK_FIELD_DATE;
    case PK_T_ENUM:
        return PK_FIELD_CHOICE;
    default:
        return PK_FIELD_TEXT;
    }
}

static void value_field(builder *b, uint32_t ei, uint32_t ai, size_t group,
                        size_t depth)
{
    const pk_felem *e = &b->f->elems[ei];
    const pk_fvalue *v = ai == PK_NONE ? &e->value : &e->attrs[ai].value;
    pk_role role = ai == PK_NONE ? e->role : e->attr_roles[ai];
    pk_strbuf path;
    pk_field *fd = new_field(b);
    size_t at;

    if (fd == NULL)
        return;
    at = b->form->nfields - 1;
    pk_sb_init(&path);
    pk_sb_puts(&path, e->path);
    if (ai != PK_NONE)
        pk_sb_printf(&path, "/@%s", e->attrs[ai].name);
    if (path.failed)
        b->oom = 1;
    fd->path = dup_or_oom(b, path.len > 0 ? path.data : "");
    pk_sb_free(&path);
    fd->type = type_of(v->type);
    fd->group = group;
    fd->depth = depth;
    fd->label = ai == PK_NONE ? e->label[b->l] : e->attrs[ai].label[b->l];
    fd->required = ai != PK_NONE && e->attrs[ai].required;
    fd->key = ai != PK_NONE && e->attrs[ai].key;
    fd->none_mark = role == PK_ROLE_NONE_MARK;
    fd->unit = v->type == PK_T_QUANTITY && v->quantity != NULL
                   ? v->quantity->base
                   : "";
    if (v->type == PK_T_ENUM) {
        set_values(b, at, v);
        if (v->depends_on != PK_NONE)
            fd->depends_on = e->attrs[v->depends_on].name;
    }
    if (role == PK_ROLE_KIND)
        fd->fixed = b->form->kind;
    else if (v->type == PK_T_ENUM && v->vocab.count == 1 && v->ncases == 0)
        fd->fixed = v->vocab.names[0];
    else if (role == PK_ROLE_DATE)
        fd->initial = b->form->date;
    else if (v->type == PK_T_ENUM && v->vocab.count > 0 && fd->key &&
             !fd->required)
        fd->initial = v->vocab.names[0]; /* a unit: the format's first */
    fact_words(b, fd, ei, ai);
    if (fd->label == NULL)
        fd->label = ai == PK_NONE ? e->name : e->attrs[ai].name;
}

static int has_value_kid(const pk_felem *e, const builder *b)
{
    for (size_t c = 0; c < e->nchildren; c++)
        if (b->include[e->children[c]])
            return 1;
    return 0;
}

static void emit(builder *b, uint32_t ei, size_t group, size_t depth)
{
    const pk_felem *e = &b->f->elems[ei];
    int full = b->full[ei];
    int quantity_here = 0;

    if (ei != 0 && (e->repeat || e->value.type == PK_T_NONE)) {
        pk_field *fd = new_field(b);
        if (fd == NULL)
            return;
        fd->path = dup_or_oom(b, e->path);
        fd->type = e->repeat ? PK_FIELD_GROUP : PK_FIELD_SECTION;
        fd->group = group;
        fd->depth = depth;
        fd->label = e->label[b->l];
        fact_words(b, fd, ei, PK_NONE);
        if (fd->label == NULL)
            fd->label = e->name;
        if (e->repeat)
            group = b->form->nfields - 1;
        depth++;
    }
    if (e->value.type != PK_T_NONE && (full || b->text_used[ei])) {
        value_field(b, ei, PK_NONE, group, depth);
        quantity_here = e->value.type == PK_T_QUANTITY;
    }
    for (uint32_t a = 0; a < e->nattrs; a++)
        if (e->attrs[a].value.type == PK_T_QUANTITY &&
            (full || (b->attrs_used[ei] & ((uint64_t)1 << a))))
            quantity_here = 1;
    for (uint32_t a = 0; a < e->nattrs; a++) {
        const pk_fattr *at = &e->attrs[a];
        /* A unit goes with the quantity it measures (the loader marks
         * units as keys: they state nothing on their own). */
        int is_unit = at->key && !at->required;
        int on =
            full || (b->attrs_used[ei] & ((uint64_t)1 << a)) || at->required ||
            (at->value.type == PK_T_ENUM && at->value.vocab.count == 1 &&
             at->value.ncases == 0 && !at->key) ||
            (e->attr_roles[a] == PK_ROLE_NONE_MARK && has_value_kid(e, b)) ||
            (is_unit && quantity_here);
        if (on)
            value_field(b, ei, a, group, depth);
    }
    for (size_t c = 0; c < e->nchildren; c++)
        if (b->include[e->children[c]])
            emit(b, e->children[c], group, depth);
}

int pk_form_new(pk_form **out, const pk_engine *engine, const char *kind,
                const char *as_of, pk_lang lang, pk_error *err)
{
    builder b;
    pk_form *fm = NULL;
    const pk_vocab *kinds;
    int64_t date;
    int k, rc = PK_OK;
    char msg[200];

    if (out != NULL)
        *out = NULL;
    if (out == NULL || engine == NULL || kind == NULL) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0, "invalid argument");
        return PK_EINVAL;
    }
    kinds = pk_format_kinds(engine->format);
    k = kinds != NULL ? pk_vocab_find(kinds, kind) : -1;
    if (k < 0 || k >= 64) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0,
                     "unknown kind of dossier \"%.60s\"; allowed are %s", kind,
                     kinds != NULL ? kinds->joined : "none");
        return PK_EINVAL;
    }
    if (as_of != NULL) {
        if (pk_parse_date(as_of, &date, msg, sizeof msg) != PK_OK) {
            pk_error_set(err, PK_EINVAL, NULL, 0, 0, "%s", msg);
            return PK_EINVAL;
        }
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        date = pk_days_from_civil(tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
                                  (unsigned)tm.tm_mday);
    }
    memset(&b, 0, sizeof b);
    fm = calloc(1, sizeof *fm);
    if (fm == NULL) {
        rc = PK_ENOMEM;
        goto out;
    }
    fm->pack = pack_for(engine, date);
    if (fm->pack == NULL) {
        pk_civil_from_days(date, msg);
        pk_error_set(err, PK_ENOPACK, NULL, 0, 0,
                     "no loaded rule pack is in force on %s", msg);
        rc = PK_ENOPACK;
        goto out;
    }
    pk_civil_from_days(date, fm->date);
    fm->kind = kinds->names[k];
    b.l = lang == PK_LANG_VI ? 0 : 1;
    fm->kind_label = pk_vocab_label(kinds, fm->kind, b.l);
    b.form = fm;
    b.f = engine->format;
    b.kind_bit = (uint64_t)1 << k;
    b.cites = calloc(fm->pack->nfacts ? fm->pack->nfacts : 1, sizeof *b.cites);
    b.attrs_used = calloc(b.f->nelems, sizeof *b.attrs_used);
    b.text_used = calloc(b.f->nelems, 1);
    b.include = calloc(b.f->nelems, 1);
    b.full = calloc(b.f->nelems, 1);
    if (b.cites == NULL || b.attrs_used == NULL || b.text_used == NULL ||
        b.include == NULL || b.full == NULL) {
        rc = PK_ENOMEM;
        goto out;
    }
    mark_used(&b);
    if (!b.oom)
        emit(&b, 0, PK_FORM_NO_GROUP, 0);
    if (b.oom)
        rc = PK_ENOMEM;
out:
    if (rc == PK_ENOMEM)
        pk_error_set(err, rc, NULL, 0, 0, "out of memory");
    for (size_t i = 0; b.cites != NULL && i < fm->pack->nfacts; i++)
        pk_sb_free(&b.cites[i]);
    free(b.cites);
    free(b.attrs_used);
    free(b.text_used);
    free(b.include);
    free(b.full);
    if (rc != PK_OK) {
        pk_form_free(fm);
        return rc;
    }
    *out = fm;
    return PK_OK;
}

void pk_form_free(pk_form *form)
{
    if (form == NULL)
        return;
    for (size_t i = 0; i < form->nfields; i++) {
        free((char *)form->fields[i].path);
        free((char *)form->fields[i].help);
        free((char *)form->fields[i].citations);
        free(form->vals[i].names);
        free(form->vals[i].labels);
        free(form->vals[i].when);
    }
    free(form->fields);
    free(form->vals);
    free(form);
}

const char *pk_form_pack_id(const pk_form *form)
{
    return form != NULL ? form->pack->id : NULL;
}

const char *pk_form_pack_version(const pk_form *form)
{
    return form != NULL ? form->pack->version : NULL;
}

const char *pk_form_date(const pk_form *form)
{
    return form != NULL ? form->date : NULL;
}

const char *pk_form_kind(const pk_form *form)
{
    return form != NULL ? form->kind : NULL;
}

const char *pk_form_kind_label(const pk_form *form)
{
    return form != NULL ? form->kind_label : NULL;
}

size_t pk_form_field_count(const pk_form *form)
{
    return form != NULL ? form->nfields : 0;
}

const pk_field *pk_form_field(const pk_form *form, size_t i)
{
    return form != NULL && i < form->nfields ? &form->fields[i] : NULL;
}

const char *pk_form_value(const pk_form *form, size_t field, size_t i,
                          const char **label, const char **when)
{
    if (form == NULL || field >= form->nfields ||
        i >= form->fields[field].nvalues)
        return NULL;
    if (label != NULL)
        *label = form->vals[field].labels[i];
    if (when != NULL)
        *when = form->vals[field].when[i];
    return form->vals[field].names[i];
}

size_t pk_engine_kind_count(const pk_engine *engine)
{
    const pk_vocab *kinds;

    if (engine == NULL)
        return 0;
    kinds = pk_format_kinds(engine->format);
    return kinds != NULL ? kinds->count : 0;
}

const char *pk_engine_kind(const pk_engine *engine, size_t i,
                           const char **label, pk_lang lang)
{
    const pk_vocab *kinds;

    if (engine == NULL)
        return NULL;
    kinds = pk_format_kinds(engine->format);
    if (kinds == NULL || i >= kinds->count)
        return NULL;
    if (label != NULL)
        *label =
            pk_vocab_label(kinds, kinds->names[i], lang == PK_LANG_VI ? 0 : 1);
    return kinds->names[i];
}
