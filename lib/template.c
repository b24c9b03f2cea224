/* A skeleton dossier of one kind, made from the pack itself: every element
 * the kind's rules read, one element per value the rules ask for (each
 * document type, each part of a scheme), and a comment on each saying what
 * it is and which provisions it serves. Nothing here names the decree: a
 * new pack gives its own template. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "pack.h"
#include "words.h"

typedef struct tnode tnode;
struct tnode {
    uint32_t elem;
    uint32_t key_attr; /* PK_NONE: not one of several by a value */
    const char *key_value;
    uint64_t attrs;  /* the attributes to offer, by index */
    uint32_t *facts; /* facts read here, for the comment */
    size_t nfacts;
    tnode **kids;
    size_t nkids;
};

typedef struct tmpl {
    const pk_pack *pack;
    const pk_dformat *f;
    uint64_t kind_bit;
    const char *kind;
    int l;
    pk_strbuf *sb;
    /* per fact: the provisions citing it for this kind, as one string */
    pk_strbuf *cites;
    /* per fact: 1 when a rule wants it to hold (not only under a <not>):
     * only then does a predicate of its path ask for an element of its
     * own (a submission, a core zone), rather than filter ("no hardware
     * off the high-tech lists") */
    unsigned char *wanted;
    char date[11]; /* the day the template is for: its submission date */
    int oom;
} tmpl;

static void node_free(tnode *n)
{
    if (n == NULL)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n->facts);
    free(n);
}

static tnode *child(tmpl *t, tnode *parent, uint32_t elem, uint32_t key_attr,
                    const char *key_value)
{
    tnode *n, **kids;

    for (size_t i = 0; i < parent->nkids; i++) {
        n = parent->kids[i];
        if (n->elem == elem && n->key_attr == key_attr &&
            (key_value == NULL ? n->key_value == NULL
                               : n->key_value != NULL &&
                                     strcmp(n->key_value, key_value) == 0))
            return n;
    }
    n = calloc(1, sizeof *n);
    kids = realloc(parent->kids, (parent->nkids + 1) * sizeof *kids);
    if (n == NULL || kids == NULL) {
        free(n);
        if (kids != NULL)
            parent->kids = kids;
        t->oom = 1;
        return NULL;
    }
    n->elem = elem;
    n->key_attr = key_attr;
    n->key_value = key_value;
    parent->kids = kids;
    kids[parent->nkids++] = n;
    return n;
}

static void add_fact(tmpl *t, tnode *n, uint32_t fact)
{
    uint32_t *f;

    for (size_t i = 0; i < n->nfacts; i++)
        if (n->facts[i] == fact)
            return;
    f = realloc(n->facts, (n->nfacts + 1) * sizeof *f);
    if (f == NULL) {
        t->oom = 1;
        return;
    }
    n->facts = f;
    f[n->nfacts++] = fact;
}

/* The node for path p's element, creating the chain from the root; the
 * last element's key is the given one when p has none of its own. With
 * filters set, p's predicates do not make elements of their own. */
static tnode *node_for(tmpl *t, tnode *root, const pk_path *p,
                       uint32_t last_key_attr, const char *last_key_value,
                       int filters)
{
    uint32_t chain[64];
    size_t n = 0;
    tnode *at = root;

    for (uint32_t e = p->elem; e != PK_NONE && n < 64;
         e = t->f->elems[e].parent)
        chain[n++] = e;
    /* chain[n - 1] is the root element: root itself */
    for (size_t i = n - 1; i-- > 0 && at != NULL;) {
        uint32_t e = chain[i], ka = PK_NONE;
        const char *kv = NULL;
        /* Only a key (a document's type) names a row; a predicate on
         * another attribute ([@certified-copy='true'], [@status!='outline'])
         * filters the rows and makes none of its own. */
        for (size_t k = 0; !filters && k < p->npreds; k++)
            if (p->preds[k].elem == e && !p->preds[k].neg &&
                t->f->elems[e].attrs[p->preds[k].attr].key) {
                ka = p->preds[k].attr;
                kv = p->preds[k].value;
            }
        if (i == 0 && ka == PK_NONE) {
            ka = last_key_attr;
            kv = last_key_value;
        }
        at = child(t, at, e, ka, kv);
    }
    return at;
}

/* The values rules require a fact to hold (<contains> and <in> outside a
 * <not>): each becomes an element of its own in the template. */
static void wanted_values(tmpl *t, tnode *root, const pk_cond *c, int positive)
{
    if (c->op == PK_C_NOT) {
        wanted_values(t, root, &c->kids[0], !positive);
        return;
    }
    for (size_t i = 0; i < c->nkids; i++)
        wanted_values(t, root, &c->kids[i], positive);
    if (positive && (c->op == PK_C_CONTAINS || c->op == PK_C_IN)) {
        const pk_fact *f = &t->pack->facts[c->fact];
        if (f->how != PK_FH_VALUES || f->path.attr == PK_NONE ||
            !t->f->elems[f->path.elem].repeat)
            return;
        /* Only a row whose kind is named by a key attribute (a document's
         * type, a scheme part's topic) is written out ready for the
         * drafter to fill; a function or an activity named in advance
         * would be a statement the drafter never made. */
        if (!t->f->elems[f->path.elem].attrs[f->path.attr].key)
            return;
        for (size_t v = 0; v < c->set.count; v++) {
            tnode *n =
                node_for(t, root, &f->path, f->path.attr, c->set.names[v], 0);
            if (n != NULL)
                add_fact(t, n, c->fact);
        }
    }
}

static void want_fact(tmpl *t, uint32_t fact)
{
    const pk_fact *f = &t->pack->facts[fact];

    if (t->wanted[fact])
        return;
    t->wanted[fact] = 1;
    for (size_t a = 0; a < f->nargs; a++)
        want_fact(t, f->args[a]);
}

static void mark_wanted(tmpl *t, const pk_cond *c, int positive)
{
    if (c->op == PK_C_NOT) {
        mark_wanted(t, &c->kids[0], !positive);
        return;
    }
    for (size_t i = 0; i < c->nkids; i++)
        mark_wanted(t, &c->kids[i], positive);
    if (!positive || c->op == PK_C_ALL || c->op == PK_C_ANY)
        return;
    want_fact(t, c->fact);
    if (c->op == PK_C_COMPARE && c->rhs == PK_RHS_FACT)
        want_fact(t, c->rhs_index);
}

static void add_cite(tmpl *t, uint32_t fact, const pk_citation *c,
                     const pk_rule *rule)
{
    char buf[320];
    pk_strbuf *sb = &t->cites[fact];
    pk_lang lang = t->l == 0 ? PK_LANG_VI : PK_LANG_EN;

    pk_cite_write(t->f, c, lang, buf, sizeof buf);
    /* Under a provisional pack each provision says how sure it is, so a
     * drafter knows which figures may still change. */
    if (t->pack->provisional) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, " (%s)",
                 pk_provenance_label(pk_rule_provenance(rule), lang));
    }
    if (sb->len > 0 && strstr(sb->data, buf) != NULL)
        return;
    if (sb->len > 0)
        pk_sb_puts(sb, "; ");
    pk_sb_puts(sb, buf);
    if (sb->failed)
        t->oom = 1;
}

static int build(tmpl *t, tnode *root)
{
    const pk_pack *p = t->pack;

    /* What names the dossier (the park, its province) belongs in every
     * dossier, whether or not a rule reads it. */
    for (int role = PK_ROLE_NAME; role <= PK_ROLE_PROVINCE; role++) {
        uint32_t e = t->f->role_at[role].elem;
        pk_path path;
        tnode *n;
        if (e == PK_NONE)
            continue;
        memset(&path, 0, sizeof path);
        path.elem = e;
        path.attr = t->f->role_at[role].attr;
        n = node_for(t, root, &path, PK_NONE, NULL, 1);
        if (n == NULL)
            return PK_ENOMEM;
        if (path.attr != PK_NONE)
            n->attrs |= (uint64_t)1 << path.attr;
    }
    for (size_t r = 0; r < p->nrules; r++) {
        const pk_rule *rule = &p->rules[r];
        const pk_citation *cite;
        if (!(rule->kinds & t->kind_bit))
            continue;
        cite = pk_rule_citation(rule, t->kind);
        for (size_t i = 0; i < rule->nfacts; i++)
            add_cite(t, rule->facts[i], cite, rule);
        wanted_values(t, root, &rule->check, 1);
        mark_wanted(t, &rule->check, 1);
        if (rule->applies != NULL) {
            wanted_values(t, root, rule->applies, 1);
            mark_wanted(t, rule->applies, 1);
        }
    }
    for (uint32_t fi = 0; fi < p->nfacts; fi++) {
        const pk_fact *f = &p->facts[fi];
        tnode *n;
        if (t->cites[fi].len == 0 || f->where == NULL ||
            f->how == PK_FH_XPATH || f->path.elem == PK_NONE)
            continue;
        n = node_for(t, root, &f->path, PK_NONE, NULL, !t->wanted[fi]);
        if (n == NULL)
            return PK_ENOMEM;
        add_fact(t, n, fi);
        if (f->path.attr != PK_NONE)
            n->attrs |= (uint64_t)1 << f->path.attr;
        if (f->how == PK_FH_EACH)
            n->attrs |= ((uint64_t)1 << f->each_attr[0]) |
                        ((uint64_t)1 << f->each_attr[1]);
    }
    return t->oom ? PK_ENOMEM : PK_OK;
}

/* ---- writing ---- */

static void indent(tmpl *t, int depth)
{
    for (int i = 0; i < depth; i++)
        pk_sb_puts(t->sb, "  ");
}

/* Comment text: "--" may not appear in an XML comment. */
static void comment_text(tmpl *t, const char *s)
{
    for (; *s != '\0'; s++) {
        if (s[0] == '-' && s[1] == '-') {
            pk_sb_puts(t->sb, "—");
            s++;
        } else {
            pk_sb_append(t->sb, s, 1);
        }
    }
}

/* The regime's note on filling in its lists and documents (the format
 * description's <template-note>), a line a line inside the comment. */
static void template_note(tmpl *t)
{
    const char *p = t->f->words != NULL ? t->f->words->note[t->l] : NULL;

    while (p != NULL && *p != '\0') {
        size_t n = strcspn(p, "\n");

        pk_sb_puts(t->sb, "  ");
        for (size_t i = 0; i < n; i++) {
            /* "--" may not stand in a comment */
            if (p[i] == '-' && i + 1 < n && p[i + 1] == '-') {
                pk_sb_puts(t->sb, "—");
                i++;
            } else {
                pk_sb_append(t->sb, p + i, 1);
            }
        }
        pk_sb_puts(t->sb, "\n");
        p += n + (p[n] == '\n');
    }
}

/* A fact in the base unit of one of the format's quantities says so, and
 * which other units the dossier may write it in: " (ha; or unit="m2")". */
static void quantity_units(tmpl *t, const char *unit)
{
    for (size_t q = 0; q < t->f->nquantities; q++) {
        const pk_quantity *qu = &t->f->quantities[q];
        int first = 1;

        if (strcmp(qu->base, unit) != 0)
            continue;
        pk_sb_puts(t->sb, " (");
        pk_sb_puts(t->sb, pk_unit_word(t->f, qu->base, t->l, 0));
        for (size_t u = 0; u < qu->nunits; u++) {
            if (strcmp(qu->unit_names[u], qu->base) == 0)
                continue;
            pk_sb_puts(t->sb, first ? (t->l == 0 ? "; hoặc" : "; or")
                                    : (t->l == 0 ? " hoặc" : " or"));
            pk_sb_printf(t->sb, " unit=\"%s\"", qu->unit_names[u]);
            first = 0;
        }
        pk_sb_puts(t->sb, ")");
        return;
    }
}

static void comment_facts(tmpl *t, const tnode *n, int depth)
{
    for (size_t i = 0; i < n->nfacts; i++) {
        const pk_fact *f = &t->pack->facts[n->facts[i]];
        indent(t, depth);
        pk_sb_puts(t->sb, "<!-- ");
        comment_text(t, f->label[t->l]);
        quantity_units(t, f->unit);
        pk_sb_puts(t->sb, ": ");
        comment_text(t, t->cites[n->facts[i]].data);
        pk_sb_puts(t->sb, " -->\n");
    }
}

/* The allowed values of an enum attribute offered blank, in words. */
static void comment_vocab(tmpl *t, const pk_fattr *a, int depth)
{
    const pk_vocab *v = &a->value.vocab;

    if (a->value.type != PK_T_ENUM || v->count <= 1 ||
        strcmp(a->name, "unit") == 0)
        return;
    indent(t, depth);
    pk_sb_printf(t->sb, "<!-- %s: ", a->name);
    for (size_t i = 0; i < v->count; i++) {
        const char *w = pk_vocab_label(v, v->names[i], t->l);
        if (i > 0)
            pk_sb_puts(t->sb, " | ");
        pk_sb_puts(t->sb, v->names[i]);
        if (strcmp(w, v->names[i]) != 0) {
            pk_sb_puts(t->sb, " (");
            comment_text(t, w);
            pk_sb_puts(t->sb, ")");
        }
    }
    pk_sb_puts(t->sb, " -->\n");
}

static int has_quantity(const pk_felem *e, uint64_t attrs)
{
    if (e->value.type == PK_T_QUANTITY)
        return 1;
    for (uint32_t a = 0; a < e->nattrs; a++)
        if ((attrs & ((uint64_t)1 << a)) &&
            e->attrs[a].value.type == PK_T_QUANTITY)
            return 1;
    return 0;
}

static void emit(tmpl *t, const tnode *n, uint64_t extra_attrs, int depth);

static uint32_t none_attr(const pk_felem *e)
{
    for (uint32_t a = 0; a < e->nattrs; a++)
        if (e->attr_roles[a] == PK_ROLE_NONE_MARK)
            return a;
    return PK_NONE;
}

/* Whether the row as written will have a blank for the drafter to fill:
 * a row of keys and units alone (a document's type, a part's topic)
 * would state something the drafter never wrote. */
static int has_blank(const pk_felem *e, const tnode *n, uint64_t attrs)
{
    for (uint32_t a = 0; a < e->nattrs; a++)
        if ((attrs & ((uint64_t)1 << a)) && a != n->key_attr &&
            e->attrs[a].value.vocab.count != 1 && !e->attrs[a].key)
            return 1;
    return 0;
}

/* The row's free-text attributes, offered blank when it has no other. */
static uint64_t text_attrs(const pk_felem *e, const tnode *n)
{
    uint64_t bits = 0;

    for (uint32_t a = 0; a < e->nattrs; a++)
        if (a != n->key_attr && !e->attrs[a].key &&
            e->attrs[a].value.type == PK_T_TEXT)
            bits |= (uint64_t)1 << a;
    return bits;
}

static void emit_kids(tmpl *t, const tnode *n, int depth)
{
    const pk_felem *fe = &t->f->elems[n->elem];

    /* In the format's order, whatever order the rules read them in. */
    for (size_t c = 0; c < fe->nchildren; c++)
        for (size_t i = 0; i < n->nkids; i++) {
            const tnode *k = n->kids[i];
            if (k->elem != fe->children[c])
                continue;
            const tnode *plain = NULL;
            int keyed = 0;

            /* An element that comes once per wanted value replaces the plain
             * one, whose attributes and comments it carries. */
            for (size_t j = 0; j < n->nkids; j++)
                if (n->kids[j]->elem == k->elem) {
                    if (n->kids[j]->key_attr == PK_NONE)
                        plain = n->kids[j];
                    else
                        keyed = 1;
                }
            if (keyed && k == plain)
                continue;
            if (keyed && plain != NULL && k->key_attr != PK_NONE) {
                int first = 1;
                for (size_t j = 0; j < i; j++)
                    if (n->kids[j]->elem == k->elem &&
                        n->kids[j]->key_attr != PK_NONE)
                        first = 0;
                if (first)
                    comment_facts(t, plain, depth);
            }
            emit(t, k, keyed && plain != NULL ? plain->attrs : 0, depth);
        }
}

static void emit(tmpl *t, const tnode *n, uint64_t extra_attrs, int depth)
{
    const pk_felem *e = &t->f->elems[n->elem];
    uint64_t attrs = n->attrs | extra_attrs;

    if (n->key_attr == PK_NONE)
        comment_facts(t, n, depth);
    else
        for (size_t i = 0; i < n->nfacts; i++) {
            /* a keyed element's facts ask for it by its value */
            const pk_fact *f = &t->pack->facts[n->facts[i]];
            indent(t, depth);
            pk_sb_puts(t->sb, "<!-- ");
            comment_text(t, pk_vocab_label(&e->attrs[n->key_attr].value.vocab,
                                           n->key_value, t->l));
            pk_sb_puts(t->sb, " — ");
            comment_text(t, f->label[t->l]);
            pk_sb_puts(t->sb, ": ");
            comment_text(t, t->cites[n->facts[i]].data);
            pk_sb_puts(t->sb, " -->\n");
        }
    for (uint32_t a = 0; a < e->nattrs; a++)
        if (e->attrs[a].required)
            attrs |= (uint64_t)1 << a;
    if (e->repeat && !has_blank(e, n, attrs))
        attrs |= text_attrs(e, n);
    for (uint32_t a = 0; a < e->nattrs; a++)
        if (a != n->key_attr && (attrs & ((uint64_t)1 << a)))
            comment_vocab(t, &e->attrs[a], depth);
    if (none_attr(e) != PK_NONE) {
        indent(t, depth);
        pk_sb_puts(t->sb, t->l == 0 ? "<!-- nếu không có: "
                                    : "<!-- if there are none: ");
        pk_sb_printf(t->sb, "<%s %s=\"true\"/> -->\n", e->name,
                     e->attrs[none_attr(e)].name);
    }
    if (e->value.type == PK_T_ENUM && n->nkids == 0) {
        pk_fattr as_attr;
        memset(&as_attr, 0, sizeof as_attr);
        as_attr.name = e->name;
        as_attr.value = e->value;
        comment_vocab(t, &as_attr, depth);
    }
    indent(t, depth);
    pk_sb_printf(t->sb, "<%s", e->name);
    for (uint32_t a = 0; a < e->nattrs; a++) {
        const char *name = e->attrs[a].name;
        if (a == n->key_attr)
            pk_sb_printf(t->sb, " %s=\"%s\"", name, n->key_value);
        else if (depth == 0 && e->attr_roles[a] == PK_ROLE_KIND)
            pk_sb_printf(t->sb, " %s=\"%s\"", name, t->kind);
        else if (depth == 0 && e->attrs[a].value.type == PK_T_ENUM &&
                 e->attrs[a].value.vocab.count == 1)
            pk_sb_printf(t->sb, " %s=\"%s\"", name,
                         e->attrs[a].value.vocab.names[0]);
        else if (strcmp(name, "unit") == 0 && has_quantity(e, attrs))
            pk_sb_printf(t->sb, " %s=\"%s\"", name,
                         e->attrs[a].value.vocab.count > 0
                             ? e->attrs[a].value.vocab.names[0]
                             : "");
        else if (depth == 0 && e->attr_roles[a] == PK_ROLE_DATE)
            /* The day the template was made for, so that it is checked
             * under the rules it was made from; the drafter corrects it.
             * A blank date would pick no rules at all. */
            pk_sb_printf(t->sb, " %s=\"%s\"", name, t->date);
        else if (attrs & ((uint64_t)1 << a))
            pk_sb_printf(t->sb, " %s=\"\"", name);
    }
    if (n->nkids == 0) {
        if (e->value.type == PK_T_NONE)
            pk_sb_puts(t->sb, "/>\n");
        else
            pk_sb_printf(t->sb, "></%s>\n", e->name);
        return;
    }
    pk_sb_puts(t->sb, ">\n");
    emit_kids(t, n, depth + 1);
    indent(t, depth);
    pk_sb_printf(t->sb, "</%s>\n", e->name);
}

/* A provisional pack's template says so at the top, with what the pack
 * cannot check yet for this kind: a drafter fills in what is known and
 * learns what is not. */
static void provisional_header(tmpl *t)
{
    const pk_pack *p = t->pack;
    int any = 0;

    if (!p->provisional)
        return;
    pk_sb_puts(t->sb, t->l == 0 ? ".\n  TẠM THỜI: " : ".\n  PROVISIONAL: ");
    comment_text(t, p->provisional_text[t->l]);
    for (size_t i = 0; i < p->nunchecked; i++) {
        const pk_unchecked *u = &p->unchecked[i];
        if (u->kinds != 0 && !(u->kinds & t->kind_bit))
            continue;
        if (!any) {
            pk_sb_puts(t->sb, "\n  ");
            comment_text(t, p->unchecked_reason[t->l]);
            pk_sb_puts(t->sb, ":");
        }
        any = 1;
        pk_sb_puts(t->sb, "\n  - ");
        comment_text(t, u->cite_text[t->l]);
        pk_sb_puts(t->sb, " — ");
        comment_text(t, u->title[t->l]);
    }
}

static const pk_pack *pack_for(const pk_engine *e, int64_t date)
{
    for (size_t i = 0; i < e->npacks; i++)
        if (date >= e->packs[i]->from && date <= e->packs[i]->until)
            return e->packs[i];
    return NULL;
}

/* The size of each version of pk_template_options, oldest first. */
static const size_t template_options_sizes[] = {
    PK_OPTIONS_END(pk_template_options, lang), /* 1 */
};

int pk_template_write(const pk_engine *engine, const char *kind, pk_write_fn fn,
                      void *userdata, const pk_template_options *opts,
                      pk_error *err)
{
    pk_template_options o = PK_TEMPLATE_OPTIONS_INIT;
    const char *as_of;
    pk_lang lang;
    tmpl t;
    tnode *root = NULL;
    pk_strbuf sb;
    const pk_vocab *kinds;
    int64_t date;
    int k, rc = PK_OK;
    char msg[200];

    if (engine == NULL || kind == NULL || fn == NULL) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0, "invalid argument");
        return PK_EINVAL;
    }
    rc = pk_options_read(&o, sizeof o, opts, template_options_sizes,
                         PK_TEMPLATE_OPTIONS_VERSION, "pk_template_options",
                         err);
    if (rc != PK_OK)
        return rc;
    as_of = o.as_of;
    lang = o.lang;
    if (lang != PK_LANG_VI && lang != PK_LANG_EN) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0, "unknown language %d",
                     (int)lang);
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
    memset(&t, 0, sizeof t);
    t.pack = pack_for(engine, date);
    if (t.pack == NULL) {
        pk_civil_from_days(date, msg);
        pk_error_set(err, PK_ENOPACK, NULL, 0, 0,
                     "no loaded rule pack is in force on %s", msg);
        return PK_ENOPACK;
    }
    t.f = engine->format;
    pk_civil_from_days(date, t.date);
    t.kind = kinds->names[k];
    t.kind_bit = (uint64_t)1 << k;
    t.l = lang == PK_LANG_VI ? 0 : 1;
    pk_sb_init(&sb);
    t.sb = &sb;
    t.cites = calloc(t.pack->nfacts ? t.pack->nfacts : 1, sizeof *t.cites);
    t.wanted = calloc(t.pack->nfacts ? t.pack->nfacts : 1, 1);
    root = calloc(1, sizeof *root);
    if (t.cites == NULL || t.wanted == NULL || root == NULL) {
        rc = PK_ENOMEM;
        goto out;
    }
    root->elem = 0;
    root->key_attr = PK_NONE;
    rc = build(&t, root);
    if (rc != PK_OK)
        goto out;
    pk_sb_puts(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n  ");
    comment_text(&t, t.pack->title[t.l]);
    pk_sb_printf(&sb, " (%s %s)\n  ", t.pack->id, t.pack->version);
    pk_sb_puts(&sb,
               t.l == 0 ? "Hồ sơ mẫu, loại: " : "Skeleton dossier, kind: ");
    comment_text(&t, pk_vocab_label(kinds, t.kind, t.l));
    provisional_header(&t);
    pk_sb_puts(
        &sb, t.l == 0
                 ? ".\n  Điền các chỗ trống bằng số liệu thật. Số ghi bằng "
                   "chữ số, không dấu phân cách\n  hàng nghìn, dấu chấm "
                   "trước phần thập phân: 75000 (không ghi 75.000),\n  "
                   "15.47 (không ghi 15,47). Dấu chấm hay dấu phẩy trước "
                   "đúng ba chữ số\n  bị từ chối vì đọc được hai cách: "
                   "ghi 2500 hoặc 2.5, không ghi 2.500. Ngày\n  "
                   "theo dạng YYYY-MM-DD. Mỗi chú thích nói phần tử "
                   "dùng cho quy định nào.\n"
                   "  Điều gì chưa biết thì để trống: chỗ trống không bao giờ "
                   "được đọc là số 0,\n  là \"không có\" hay là \"đã có\"; "
                   "quy định cần đến nó sẽ được báo là chưa rõ.\n"
                 : ".\n  Fill the blanks with real figures. Numbers are "
                   "digits, no thousands separator,\n  a point before "
                   "the fraction: 75000 (not 75.000), 15.47 (not 15,47). "
                   "A point\n  or comma before exactly three digits is "
                   "refused as it reads two ways:\n  write 2500 or 2.5, "
                   "not 2.500. Dates as YYYY-MM-DD. Each comment says\n"
                   "  which provisions the element serves.\n"
                   "  Leave blank what is not known yet: a blank is never "
                   "read as zero, as\n  \"none\" or as \"present\"; the "
                   "rules that need it are reported as undecided.\n");
    template_note(&t);
    pk_sb_puts(&sb, "-->\n");
    emit(&t, root, 0, 0);
    if (t.oom || sb.failed)
        rc = PK_ENOMEM;
    else if (fn(userdata, sb.data, sb.len) != 0)
        rc = PK_EIO;
out:
    if (rc == PK_ENOMEM)
        pk_error_set(err, rc, NULL, 0, 0, "out of memory");
    else if (rc == PK_EIO)
        pk_error_set(err, rc, NULL, 0, 0, "the output could not be written");
    for (size_t i = 0; t.cites != NULL && i < t.pack->nfacts; i++)
        pk_sb_free(&t.cites[i]);
    free(t.cites);
    free(t.wanted);
    node_free(root);
    pk_sb_free(&sb);
    return rc;
}
