/* The dossier format description (rules/schema/dossier-1.xml), compiled
 * into the tables the reader walks. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "loader.h"
#include "words.h"
#include "xmldoc.h"

/* The toolkit (its first problem stops the load: the format is one file
 * of the library's own, and what follows one mistake in it says little)
 * and what is being built. */
typedef struct loader {
    pk_loader T;
    pk_dformat *f;
    int rc;
} loader;

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

static int fail(loader *L, const xmlNode *node, const char *attr, int code,
                unsigned id, size_t nargs, const char *const *args)
{
    if (L->rc == PK_OK) {
        L->T.code = code;
        pk_load_say(&L->T, node, attr, id, nargs, args);
        L->rc = code;
    }
    return L->rc;
}

static int oom(loader *L)
{
    if (L->rc == PK_OK) {
        pk_load_oom(&L->T);
        L->rc = PK_ENOMEM;
    }
    return L->rc;
}

/* Splits a space-separated list into a vocabulary. */
static int vocab_init(loader *L, pk_vocab *v, const char *list)
{
    const char *p = list;
    size_t cap = 0, joined = 0;

    v->count = 0;
    while (*p != '\0') {
        const char *start;
        while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
            p++;
        if (*p == '\0')
            break;
        start = p;
        while (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t' &&
               *p != '\r')
            p++;
        if (v->count == cap) {
            char **n;
            cap = cap ? cap * 2 : 8;
            n = realloc(v->names, cap * sizeof *n);
            if (n == NULL)
                return oom(L);
            v->names = n;
        }
        v->names[v->count] = malloc((size_t)(p - start) + 1);
        if (v->names[v->count] == NULL)
            return oom(L);
        memcpy(v->names[v->count], start, (size_t)(p - start));
        v->names[v->count][p - start] = '\0';
        joined += (size_t)(p - start) + 2;
        v->count++;
    }
    v->joined = malloc(joined + 1);
    if (v->joined == NULL)
        return oom(L);
    v->joined[0] = '\0';
    for (size_t i = 0; i < v->count; i++) {
        if (i > 0)
            strcat(v->joined, ", ");
        strcat(v->joined, v->names[i]);
    }
    (void)pk_strindex_build(&v->index, v->count, pk_vocab_name, v);
    return PK_OK;
}

static void vocab_free(pk_vocab *v)
{
    for (size_t i = 0; i < v->count; i++) {
        free(v->names[i]);
        for (int l = 0; l < 2; l++)
            if (v->labels[l] != NULL)
                free(v->labels[l][i]);
    }
    free(v->labels[0]);
    free(v->labels[1]);
    free(v->names);
    free(v->joined);
    pk_strindex_free(&v->index);
}

static int set_label(loader *L, pk_vocab *v, int i, xmlNode *node)
{
    static const char *const langs[2] = {"vi", "en"};

    for (int l = 0; l < 2; l++) {
        const char *t = pk_xml_attr(node, langs[l]);
        if (t == NULL)
            return fail(L, node, NULL, PK_EFORMAT, PK_MSG_LABEL_BOTH,
                        PK_NOARGS);
        if (v->labels[l] == NULL) {
            v->labels[l] = calloc(v->count, sizeof *v->labels[l]);
            if (v->labels[l] == NULL)
                return oom(L);
        }
        free(v->labels[l][i]);
        v->labels[l][i] = xstrdup(t);
        if (v->labels[l][i] == NULL)
            return oom(L);
    }
    return PK_OK;
}

static int load_labels(loader *L, xmlNode *node, pk_fvalue *v)
{
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *name = pk_xml_attr(c, "value");
        int found = 0, i;
        if (!pk_xml_is(c, "label"))
            continue;
        if (name == NULL)
            return fail(L, c, NULL, PK_EFORMAT, PK_MSG_LABEL_VALUE, PK_NOARGS);
        if ((i = pk_vocab_find(&v->vocab, name)) >= 0) {
            found = 1;
            if (set_label(L, &v->vocab, i, c) != PK_OK)
                return L->rc;
        }
        for (size_t k = 0; k < v->ncases; k++)
            if ((i = pk_vocab_find(&v->case_vocab[k], name)) >= 0) {
                found = 1;
                if (set_label(L, &v->case_vocab[k], i, c) != PK_OK)
                    return L->rc;
            }
        if (!found)
            return fail(L, c, "value", PK_EFORMAT, PK_MSG_LABEL_NOT_VALUE,
                        PK_ARGS(name));
    }
    return PK_OK;
}

static const pk_quantity *find_quantity(const pk_dformat *f, const char *name)
{
    for (size_t i = 0; i < f->nquantities; i++)
        if (strcmp(f->quantities[i].name, name) == 0)
            return &f->quantities[i];
    return NULL;
}

static int load_quantity(loader *L, xmlNode *node)
{
    pk_quantity *q, *nq;
    const char *name = pk_xml_attr(node, "name");
    const char *base = pk_xml_attr(node, "base");

    if (name == NULL || base == NULL)
        return fail(L, node, NULL, PK_EFORMAT, PK_MSG_QUANTITY_NAME_BASE,
                    PK_NOARGS);
    nq = realloc(L->f->quantities, (L->f->nquantities + 1) * sizeof *nq);
    if (nq == NULL)
        return oom(L);
    L->f->quantities = nq;
    q = &nq[L->f->nquantities++];
    memset(q, 0, sizeof *q);
    q->name = xstrdup(name);
    q->base = xstrdup(base);
    if (q->name == NULL || q->base == NULL)
        return oom(L);
    for (xmlNode *u = pk_xml_elem(node->children); u != NULL;
         u = pk_xml_elem(u->next)) {
        const char *un = pk_xml_attr(u, "name"),
                   *pb = pk_xml_attr(u, "per-base");
        char **names;
        int64_t *per;
        char *end;
        long long v;

        if (!pk_xml_is(u, "unit") || un == NULL || pb == NULL)
            return fail(L, u, NULL, PK_EFORMAT, PK_MSG_UNIT_EXPECTED,
                        PK_NOARGS);
        v = strtoll(pb, &end, 10);
        if (*end != '\0' || v <= 0)
            return fail(L, u, "per-base", PK_EFORMAT, PK_MSG_PER_BASE,
                        PK_ARGS(pb));
        names = realloc(q->unit_names, (q->nunits + 1) * sizeof *names);
        if (names == NULL)
            return oom(L);
        q->unit_names = names;
        per = realloc(q->per_base, (q->nunits + 1) * sizeof *per);
        if (per == NULL)
            return oom(L);
        q->per_base = per;
        q->unit_names[q->nunits] = xstrdup(un);
        if (q->unit_names[q->nunits] == NULL)
            return oom(L);
        q->per_base[q->nunits++] = v;
    }
    return PK_OK;
}

/* The kind of dossier chooses the rules that apply by name: it must be a
 * closed list of names, which the packs' kinds= are checked against. */
static int kind_without_kinds(pk_role role, const pk_fvalue *v)
{
    return role == PK_ROLE_KIND &&
           (v->type != PK_T_ENUM || v->vocab.count == 0);
}

static pk_role role_of(loader *L, xmlNode *node, const char *attrname)
{
    const char *r = pk_xml_attr(node, "role");

    if (r == NULL)
        return PK_ROLE_NONE;
    if (strcmp(r, "kind") == 0)
        return PK_ROLE_KIND;
    if (strcmp(r, "date") == 0)
        return PK_ROLE_DATE;
    if (strcmp(r, "name") == 0)
        return PK_ROLE_NAME;
    if (strcmp(r, "province") == 0)
        return PK_ROLE_PROVINCE;
    if (strcmp(r, "none") == 0 && attrname != NULL)
        return PK_ROLE_NONE_MARK;
    fail(L, node, "role", PK_EFORMAT, PK_MSG_UNKNOWN_ROLE, PK_ARGS(r));
    return PK_ROLE_NONE;
}

/* opens="v w": the values of an enum attribute by which its element says
 * its list of children is not exhaustive. */
static int load_opens(loader *L, xmlNode *node, pk_fattr *a, const char *list)
{
    const char *s = list;

    if (a->value.type != PK_T_ENUM || a->value.depends_on != PK_NONE)
        return fail(L, node, "opens", PK_EFORMAT, PK_MSG_OPENS_VOCABULARY,
                    PK_NOARGS);
    while (*s != '\0') {
        char buf[128];
        size_t n = 0;
        int i;
        while (*s == ' ')
            s++;
        while (s[n] != '\0' && s[n] != ' ')
            n++;
        if (n == 0)
            break;
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        memcpy(buf, s, n);
        buf[n] = '\0';
        s += n;
        i = pk_vocab_find(&a->value.vocab, buf);
        if (i < 0 || i >= 64)
            return fail(L, node, "opens", PK_EFORMAT, PK_MSG_OPENS_NOT_VALUE,
                        PK_ARGS(buf));
        a->opens |= (uint64_t)1 << i;
    }
    return PK_OK;
}

/* Reads type, values, quantity and cases of an element or attribute. */
static int load_value(loader *L, xmlNode *node, pk_fvalue *v)
{
    const char *type = pk_xml_attr(node, "type");
    static const struct {
        const char *name;
        pk_ftype type;
    } types[] = {{"text", PK_T_TEXT},       {"integer", PK_T_INTEGER},
                 {"decimal", PK_T_DECIMAL}, {"quantity", PK_T_QUANTITY},
                 {"bool", PK_T_BOOL},       {"date", PK_T_DATE},
                 {"enum", PK_T_ENUM},       {"unit", PK_T_ENUM}};

    memset(v, 0, sizeof *v);
    v->depends_on = PK_NONE;
    v->unit_attr = PK_NONE;
    if (type == NULL)
        return PK_OK;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i].name) == 0)
            v->type = types[i].type;
    if (v->type == PK_T_NONE)
        return fail(L, node, "type", PK_EFORMAT, PK_MSG_UNKNOWN_TYPE,
                    PK_ARGS(type));
    if (strcmp(type, "unit") == 0) {
        /* The units of every quantity: the element's own says which. */
        char list[512] = "";
        for (size_t q = 0; q < L->f->nquantities; q++)
            for (size_t u = 0; u < L->f->quantities[q].nunits; u++) {
                strncat(list, " ", sizeof list - strlen(list) - 1);
                strncat(list, L->f->quantities[q].unit_names[u],
                        sizeof list - strlen(list) - 1);
            }
        return vocab_init(L, &v->vocab, list);
    }
    if (v->type == PK_T_QUANTITY) {
        const char *qn = pk_xml_attr(node, "quantity");
        v->quantity = qn ? find_quantity(L->f, qn) : NULL;
        if (v->quantity == NULL)
            return fail(L, node, "quantity", PK_EFORMAT,
                        PK_MSG_UNKNOWN_QUANTITY, PK_ARGS(qn ? qn : ""));
    }
    if (v->type == PK_T_ENUM) {
        const char *values = pk_xml_attr(node, "values");
        if (values != NULL) {
            if (vocab_init(L, &v->vocab, values) != PK_OK)
                return L->rc;
            return load_labels(L, node, v);
        }
        for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
             c = pk_xml_elem(c->next)) {
            const char *when = pk_xml_attr(c, "when");
            const char *cv = pk_xml_attr(c, "values");
            char **w;
            pk_vocab *cvs;

            if (pk_xml_is(c, "label"))
                continue; /* words for the cases' values: read below */
            if (!pk_xml_is(c, "case") || when == NULL || cv == NULL)
                return fail(L, c, NULL, PK_EFORMAT, PK_MSG_CASE_EXPECTED,
                            PK_NOARGS);
            w = realloc(v->case_when, (v->ncases + 1) * sizeof *w);
            if (w == NULL)
                return oom(L);
            v->case_when = w;
            cvs = realloc(v->case_vocab, (v->ncases + 1) * sizeof *cvs);
            if (cvs == NULL)
                return oom(L);
            v->case_vocab = cvs;
            memset(&cvs[v->ncases], 0, sizeof *cvs);
            v->case_when[v->ncases] = xstrdup(when);
            v->ncases++;
            if (v->case_when[v->ncases - 1] == NULL)
                return oom(L);
            if (vocab_init(L, &cvs[v->ncases - 1], cv) != PK_OK)
                return L->rc;
        }
        if (v->ncases == 0)
            return fail(L, node, NULL, PK_EFORMAT, PK_MSG_ENUM_VALUES,
                        PK_NOARGS);
    }
    if (v->type == PK_T_ENUM)
        return load_labels(L, node, v);
    return PK_OK;
}

static int load_element(loader *L, xmlNode *node, uint32_t parent,
                        const char *parent_path, uint32_t depth);

static int add_child(loader *L, uint32_t parent, uint32_t child)
{
    pk_felem *p = &L->f->elems[parent];
    uint32_t *c = realloc(p->children, (p->nchildren + 1) * sizeof *c);

    if (c == NULL)
        return oom(L);
    p->children = c;
    c[p->nchildren++] = child;
    return PK_OK;
}

/* The words a form shows for an element or attribute (vi=, en=). */
static int load_words(loader *L, xmlNode *node, char *label[2])
{
    static const char *const attr[2] = {"vi", "en"};

    for (int l = 0; l < 2; l++) {
        const char *w = pk_xml_attr(node, attr[l]);
        if (w == NULL)
            continue;
        label[l] = xstrdup(w);
        if (label[l] == NULL)
            return oom(L);
    }
    return PK_OK;
}

static int load_element(loader *L, xmlNode *node, uint32_t parent,
                        const char *parent_path, uint32_t depth)
{
    const char *name = pk_xml_attr(node, "name");
    const char *repeat = pk_xml_attr(node, "repeat");
    pk_felem *e, *ne;
    uint32_t self = (uint32_t)L->f->nelems;
    size_t plen;

    if (name == NULL)
        return fail(L, node, NULL, PK_EFORMAT, PK_MSG_ELEMENT_NAME, PK_NOARGS);
    ne = realloc(L->f->elems, (L->f->nelems + 1) * sizeof *ne);
    if (ne == NULL)
        return oom(L);
    L->f->elems = ne;
    e = &ne[L->f->nelems++];
    memset(e, 0, sizeof *e);
    e->parent = parent;
    e->depth = depth;
    e->name = xstrdup(name);
    plen = strlen(parent_path) + strlen(name) + 2;
    e->path = malloc(plen);
    if (e->name == NULL || e->path == NULL)
        return oom(L);
    strcpy(e->path, parent_path);
    strcat(e->path, "/");
    strcat(e->path, name);
    e->repeat = repeat != NULL && strcmp(repeat, "true") == 0;
    if (load_words(L, node, e->label) != PK_OK)
        return L->rc;
    e->role = role_of(L, node, NULL);
    if (load_value(L, node, &e->value) != PK_OK)
        return L->rc;
    if (kind_without_kinds(e->role, &e->value))
        return fail(L, node, "role", PK_EFORMAT, PK_MSG_KIND_NOT_ENUM,
                    PK_NOARGS);
    if (parent != PK_NONE && add_child(L, parent, self) != PK_OK)
        return L->rc;

    /* Attributes first: enum cases and quantities refer to them by name. */
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        pk_fattr *a;
        pk_role *roles;
        const char *an = pk_xml_attr(c, "name");
        const char *req = pk_xml_attr(c, "required");

        if (!pk_xml_is(c, "attribute"))
            continue;
        e = &L->f->elems[self];
        if (an == NULL)
            return fail(L, c, NULL, PK_EFORMAT, PK_MSG_ATTRIBUTE_NAME,
                        PK_NOARGS);
        if (e->nattrs == 64) /* the reader keeps one bit per attribute */
            return fail(L, c, NULL, PK_EFORMAT,
                        PK_MSG_FORMAT_TOO_MANY_ATTRIBUTES, PK_ARGS(name));
        a = realloc(e->attrs, (e->nattrs + 1) * sizeof *a);
        if (a == NULL)
            return oom(L);
        e->attrs = a;
        roles = realloc(e->attr_roles, (e->nattrs + 1) * sizeof *roles);
        if (roles == NULL)
            return oom(L);
        e->attr_roles = roles;
        a = &e->attrs[e->nattrs];
        memset(a, 0, sizeof *a);
        e->attr_roles[e->nattrs] = role_of(L, c, an);
        e->nattrs++;
        a->name = xstrdup(an);
        if (a->name == NULL)
            return oom(L);
        a->required = req != NULL && strcmp(req, "true") == 0;
        /* A unit says nothing on its own either: the template fills it. */
        a->key = (pk_xml_attr(c, "key") != NULL &&
                  strcmp(pk_xml_attr(c, "key"), "true") == 0) ||
                 (pk_xml_attr(c, "type") != NULL &&
                  strcmp(pk_xml_attr(c, "type"), "unit") == 0);
        if (load_value(L, c, &a->value) != PK_OK)
            return L->rc;
        if (kind_without_kinds(e->attr_roles[e->nattrs - 1], &a->value))
            return fail(L, c, "role", PK_EFORMAT, PK_MSG_KIND_NOT_ENUM,
                        PK_NOARGS);
        if (load_words(L, c, a->label) != PK_OK)
            return L->rc;
        if (pk_xml_attr(c, "opens") != NULL &&
            load_opens(L, c, a, pk_xml_attr(c, "opens")) != PK_OK)
            return L->rc;
    }
    e = &L->f->elems[self];
    /* Resolve what attributes refer to: the unit of a quantity, the
     * attribute an enum's vocabulary depends on. */
    for (size_t i = 0; i < e->nattrs + 1; i++) {
        pk_fvalue *v = i < e->nattrs ? &e->attrs[i].value : &e->value;
        xmlNode *src = node;
        if (v->type == PK_T_QUANTITY) {
            v->unit_attr = pk_format_attr(L->f, self, "unit");
            if (v->unit_attr == PK_NONE)
                return fail(L, src, NULL, PK_EFORMAT, PK_MSG_QUANTITY_NO_UNIT,
                            PK_ARGS(name));
        }
    }
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *dep;
        uint32_t ai;
        if (!pk_xml_is(c, "attribute"))
            continue;
        dep = pk_xml_attr(c, "depends-on");
        if (dep == NULL)
            continue;
        e = &L->f->elems[self];
        ai = pk_format_attr(L->f, self, pk_xml_attr(c, "name"));
        e->attrs[ai].value.depends_on = pk_format_attr(L->f, self, dep);
        if (e->attrs[ai].value.depends_on == PK_NONE)
            return fail(L, c, "depends-on", PK_EFORMAT, PK_MSG_DEPENDS_ON,
                        PK_ARGS(dep));
    }
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        if (pk_xml_is(c, "element")) {
            char *path = xstrdup(L->f->elems[self].path);
            int rc;
            if (path == NULL)
                return oom(L);
            rc = load_element(L, c, self, path, depth + 1);
            free(path);
            if (rc != PK_OK)
                return rc;
        } else if (!pk_xml_is(c, "attribute") && !pk_xml_is(c, "case") &&
                   !pk_xml_is(c, "label")) {
            return fail(L, c, NULL, PK_EFORMAT, PK_MSG_FORMAT_UNEXPECTED,
                        PK_ARGS((const char *)c->name));
        }
    }
    return PK_OK;
}

static void note_roles(pk_dformat *f)
{
    for (size_t r = 0; r < PK_ROLE_COUNT; r++)
        f->role_at[r].elem = PK_NONE;
    for (uint32_t i = 0; i < f->nelems; i++) {
        const pk_felem *e = &f->elems[i];
        if (e->role != PK_ROLE_NONE) {
            f->role_at[e->role].elem = i;
            f->role_at[e->role].attr = PK_NONE;
        }
        for (uint32_t a = 0; a < e->nattrs; a++)
            if (e->attr_roles[a] != PK_ROLE_NONE) {
                f->role_at[e->attr_roles[a]].elem = i;
                f->role_at[e->attr_roles[a]].attr = a;
            }
    }
}

int pk_format_load(pk_dformat **out, const char *source, const char *data,
                   size_t len, pk_error *err)
{
    loader L;
    xmlNode *root;
    int rc;

    *out = NULL;
    memset(&L, 0, sizeof L);
    rc = pk_xmldoc_parse(&L.T.x, source, data, len, err);
    if (rc != PK_OK)
        return rc;
    L.T.code = PK_EFORMAT;
    L.T.err = err;
    L.f = calloc(1, sizeof *L.f);
    if (L.f == NULL) {
        oom(&L);
        goto out;
    }
    L.f->source = xstrdup(source);
    root = xmlDocGetRootElement(L.T.x.doc);
    if (!pk_xml_is(root, "dossier-format")) {
        fail(&L, root, NULL, PK_EFORMAT, PK_MSG_FORMAT_ROOT, PK_NOARGS);
        goto out;
    }
    L.f->version = xstrdup(
        pk_xml_attr(root, "version") ? pk_xml_attr(root, "version") : "");
    if (L.f->source == NULL || L.f->version == NULL) {
        oom(&L);
        goto out;
    }
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL && L.rc == PK_OK;
         c = pk_xml_elem(c->next)) {
        if (pk_xml_is(c, "quantity"))
            load_quantity(&L, c);
        else if (pk_xml_is(c, "element") && L.f->nelems == 0)
            load_element(&L, c, PK_NONE, "", 0);
        else if (pk_xml_is(c, "checks") && L.f->nelems > 0)
            L.rc = pk_bounds_load(L.f, &L.T.x, c, err);
        else if (pk_xml_is(c, "words"))
            L.rc = pk_words_load(L.f, &L.T.x, c, err);
        else
            fail(&L, c, NULL, PK_EFORMAT, PK_MSG_FORMAT_UNEXPECTED,
                 PK_ARGS((const char *)c->name));
    }
    if (L.rc == PK_OK && L.f->nelems == 0)
        fail(&L, root, NULL, PK_EFORMAT, PK_MSG_FORMAT_NO_ROOT_ELEMENT,
             PK_NOARGS);
    if (L.rc == PK_OK)
        note_roles(L.f);
out:
    pk_xmldoc_free(&L.T.x);
    if (L.rc != PK_OK) {
        pk_format_free(L.f);
        return L.rc;
    }
    *out = L.f;
    return PK_OK;
}

static void fvalue_free(pk_fvalue *v)
{
    vocab_free(&v->vocab);
    for (size_t i = 0; i < v->ncases; i++) {
        free(v->case_when[i]);
        vocab_free(&v->case_vocab[i]);
    }
    free(v->case_when);
    free(v->case_vocab);
}

void pk_format_free(pk_dformat *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->nelems; i++) {
        pk_felem *e = &f->elems[i];
        free(e->name);
        free(e->path);
        fvalue_free(&e->value);
        for (size_t a = 0; a < e->nattrs; a++) {
            free(e->attrs[a].name);
            free(e->attrs[a].label[0]);
            free(e->attrs[a].label[1]);
            fvalue_free(&e->attrs[a].value);
        }
        free(e->attrs);
        free(e->attr_roles);
        free(e->children);
        free(e->label[0]);
        free(e->label[1]);
    }
    free(f->elems);
    for (size_t i = 0; i < f->nquantities; i++) {
        pk_quantity *q = &f->quantities[i];
        free(q->name);
        free(q->base);
        for (size_t u = 0; u < q->nunits; u++)
            free(q->unit_names[u]);
        free(q->unit_names);
        free(q->per_base);
    }
    free(f->quantities);
    pk_bounds_free(f->bounds);
    pk_words_free(f->words);
    free(f->source);
    free(f->version);
    free(f);
}
