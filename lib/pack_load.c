/* Loading a rule pack: read the XML, check everything a pack can get wrong
 * (reporting each problem at file:line:column), and compile it once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "pack.h"
#include "pack_load.h"

static void *pcre2_alloc(PCRE2_SIZE n, void *unused)
{
    (void)unused;
    return malloc(n);
}

static void pcre2_release(void *p, void *unused)
{
    (void)unused;
    free(p);
}

static char *xstrdup(const char *s)
{
    size_t n;
    char *p;

    if (s == NULL)
        return NULL;
    n = strlen(s) + 1;
    p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

void pk_load_problem(pk_loader *L, const xmlNode *node, const char *attr,
                     const char *fmt, ...)
{
    pk_error e;
    unsigned line = 0, col = 0;
    va_list ap;

    /* Once memory has run out, what looks wrong may only be what could
     * not be copied: the load fails with PK_ENOMEM, and nothing else. */
    if (L->oom)
        return;
    if (node != NULL)
        pk_xmldoc_pos(&L->x, node, attr, &line, &col);
    va_start(ap, fmt);
    pk_error_setv(&e, PK_ERULES, L->x.source, line, col, fmt, ap);
    va_end(ap);
    if (L->problems == 0 && L->err != NULL)
        *L->err = e;
    L->problems++;
    if (L->on_problem != NULL)
        L->on_problem(L->userdata, &e);
}

int pk_load_oom(pk_loader *L)
{
    if (!L->oom) {
        L->oom = 1;
        pk_error_set(L->err, PK_ENOMEM, L->x.source, 0, 0, "out of memory");
    }
    return PK_ENOMEM;
}

char *pk_load_strdup(pk_loader *L, const char *s)
{
    char *p = xstrdup(s);

    if (p == NULL && s != NULL)
        pk_load_oom(L);
    return p;
}

/* Reads lang-tagged children called name into out[vi], out[en]; a missing
 * translation is a problem when required. */
int pk_load_texts(pk_loader *L, xmlNode *parent, const char *name,
                  char *out[2], int required)
{
    for (xmlNode *c = pk_xml_elem(parent->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *lang;
        int li;
        if (!pk_xml_is(c, name))
            continue;
        lang = pk_xml_attr(c, "lang");
        li = lang == NULL ? -1 : strcmp(lang, "vi") == 0 ? 0
                                : strcmp(lang, "en") == 0 ? 1 : -1;
        if (li < 0) {
            pk_load_problem(L, c, "lang", "<%s> needs lang=\"vi\" or "
                            "lang=\"en\"", name);
            continue;
        }
        if (out[li] != NULL) {
            pk_load_problem(L, c, NULL, "a second <%s lang=\"%s\">", name,
                            lang);
            continue;
        }
        {
            /* An element's content is NULL only for want of memory. */
            xmlChar *t = xmlNodeGetContent(c);
            if (t == NULL)
                return pk_load_oom(L);
            out[li] = pk_load_strdup(L, (const char *)t);
            xmlFree(t);
        }
    }
    if (required && (out[0] == NULL || out[1] == NULL))
        pk_load_problem(L, parent, NULL,
                        "<%s> lacks its <%s> in %s", (const char *)parent->name,
                        name, out[0] == NULL ? "Vietnamese (lang=\"vi\")"
                                             : "English (lang=\"en\")");
    return PK_OK;
}

/* Reads one <citation> element. */
int pk_load_citation_node(pk_loader *L, xmlNode *n, pk_citation *c)
{
    const char *a = pk_xml_attr(n, "article");
    const char *k = pk_xml_attr(n, "clause");
    const char *p = pk_xml_attr(n, "point");
    char *end;
    long v;

    memset(c, 0, sizeof *c);
    v = a ? strtol(a, &end, 10) : 0;
    if (a == NULL || *end != '\0' || v <= 0 || v > 1000) {
        pk_load_problem(L, n, "article",
                        "<citation> needs article=\"N\" (a positive number)");
        return PK_ERULES;
    }
    c->article = (int)v;
    if (k != NULL) {
        v = strtol(k, &end, 10);
        if (*end != '\0' || v <= 0 || v > 1000) {
            pk_load_problem(L, n, "clause",
                            "clause=\"%s\" is not a positive number", k);
            return PK_ERULES;
        }
        c->clause = (int)v;
    }
    if (p != NULL) {
        if (c->clause == 0 || strlen(p) == 0 || strlen(p) >= sizeof c->point) {
            pk_load_problem(L, n, "point",
                            "point=\"%s\" needs a clause and a letter", p);
            return PK_ERULES;
        }
        strcpy(c->point, p);
    }
    return PK_OK;
}

int pk_load_citation(pk_loader *L, xmlNode *parent, pk_citation *c)
{
    xmlNode *n;

    memset(c, 0, sizeof *c);
    for (n = pk_xml_elem(parent->children); n != NULL; n = pk_xml_elem(n->next))
        if (pk_xml_is(n, "citation"))
            break;
    if (n != NULL)
        for (xmlNode *m = pk_xml_elem(n->next); m != NULL;
             m = pk_xml_elem(m->next))
            if (pk_xml_is(m, "citation"))
                pk_load_problem(L, m, NULL,
                                "a second <citation>: cite the most specific "
                                "provision once");
    if (n == NULL) {
        pk_load_problem(L, parent, NULL, "<%s> lacks a <citation>",
                        (const char *)parent->name);
        return PK_ERULES;
    }
    if (pk_xml_attr(n, "kinds") != NULL)
        pk_load_problem(L, n, "kinds",
                        "only a rule's citations depend on the kind of "
                        "dossier");
    return pk_load_citation_node(L, n, c);
}

int pk_load_date(pk_loader *L, xmlNode *node, const char *attr,
                 int64_t *days, int64_t dflt)
{
    const char *s = pk_xml_attr(node, attr);
    char msg[200];

    *days = dflt;
    if (s == NULL)
        return PK_OK;
    if (pk_parse_date(s, days, msg, sizeof msg) != PK_OK) {
        pk_load_problem(L, node, attr, "%s: %s", attr, msg);
        return PK_ERULES;
    }
    return PK_OK;
}

void *pk_load_array_for(pk_loader *L, xmlNode *parent, size_t size)
{
    size_t n = 0;
    void *a;

    for (xmlNode *c = pk_xml_elem(parent->children); c != NULL;
         c = pk_xml_elem(c->next))
        n++;
    a = calloc(n ? n : 1, size);
    if (a == NULL)
        pk_load_oom(L);
    return a;
}

const char *pk_load_item_id(pk_loader *L, xmlNode *node, const char *name,
                            const char *container)
{
    const char *id = pk_xml_attr(node, "id");

    if (!pk_xml_is(node, name)) {
        pk_load_problem(L, node, NULL, "unknown element <%s> in <%s>",
                        (const char *)node->name, container);
        return NULL;
    }
    if (id == NULL || *id == '\0') {
        pk_load_problem(L, node, NULL, "<%s> needs an id", name);
        return NULL;
    }
    pk_load_check_id(L, node, id);
    return id;
}

int pk_pack_find_fact(const pk_pack *p, const char *id)
{
    /* The ids a report hands back (a value's, a comparison's) are the
     * pack's own strings: finding the pointer first spares the report
     * writers a strcmp per fact of the pack for each of them (about 4% of
     * writing a JSON report, by perf). */
    for (size_t i = 0; i < p->nfacts; i++)
        if (p->facts[i].id == id)
            return (int)i;
    for (size_t i = 0; i < p->nfacts; i++)
        if (strcmp(p->facts[i].id, id) == 0)
            return (int)i;
    return -1;
}

int pk_pack_find_param(const pk_pack *p, const char *id)
{
    for (size_t i = 0; i < p->nparams; i++)
        if (strcmp(p->params[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int count_children(xmlNode *parent, const char *name)
{
    int n = 0;

    for (xmlNode *c = pk_xml_elem(parent->children); c != NULL;
         c = pk_xml_elem(c->next))
        if (pk_xml_is(c, name))
            n++;
    return n;
}

/* What each element of the pack language may carry: its attributes and,
 * where the loader does not walk them itself, its children. A misspelt
 * attribute (clasue="2") must not silently drop a fact of the law. */
static const struct {
    const char *name;
    const char *attrs;    /* space-separated */
    const char *children; /* NULL: checked by the loader */
} grammar[] = {
    {"rulepack", "id version format dossier-format", NULL},
    {"title", "lang", ""},
    {"source", "", ""},
    {"in-force", "from until", ""},
    {"notice", "from until", "text"},
    {"text", "lang", ""},
    {"parameters", "", NULL},
    {"param", "id type unit by", "citation label value"},
    {"citation", "article clause point kinds", ""},
    {"label", "lang", ""},
    {"value", "when from until", ""},
    {"facts", "", NULL},
    {"fact", "id type unit path count sum values xpath min max each aggregate",
     "label ratio sum-of difference"},
    {"ratio", "of to", ""},
    {"sum-of", "facts", ""},
    {"difference", "of minus", ""},
    {"rules", "", NULL},
    {"rule", "id category severity weight kinds", NULL},
    {"check", "", NULL},
    {"applies-if", "", NULL},
    {"all", "", NULL},
    {"any", "", NULL},
    {"not", "", NULL},
    {"compare", "fact op param value other as-if", ""},
    {"present", "fact", ""},
    {"empty", "fact", ""},
    {"contains", "fact value values", ""},
    {"in", "fact value values", ""},
    {"matches", "fact pattern", ""},
    {"message", "lang on", ""},
};

static int in_list(const char *list, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    return 0;
}

static void check_grammar(pk_loader *L, xmlNode *node)
{
    for (; node != NULL; node = node->next) {
        const char *children = NULL;
        int known = 0;
        if (node->type != XML_ELEMENT_NODE)
            continue;
        for (size_t g = 0; g < sizeof grammar / sizeof grammar[0]; g++) {
            if (strcmp((const char *)node->name, grammar[g].name) != 0)
                continue;
            known = 1;
            children = grammar[g].children;
            for (xmlAttr *a = node->properties; a != NULL; a = a->next)
                if (a->ns != NULL ||
                    !in_list(grammar[g].attrs, (const char *)a->name))
                    pk_load_problem(L, node, (const char *)a->name,
                                    "<%s> has no attribute \"%s\" (allowed "
                                    "are: %s)",
                                    (const char *)node->name,
                                    (const char *)a->name,
                                    *grammar[g].attrs ? grammar[g].attrs
                                                      : "none");
            break;
        }
        if (known && children != NULL)
            for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
                 c = pk_xml_elem(c->next))
                if (!in_list(children, (const char *)c->name))
                    pk_load_problem(L, c, NULL, "<%s> cannot hold <%s>",
                                    (const char *)node->name,
                                    (const char *)c->name);
        /* Unknown elements are reported where they stand, by the loader. */
        check_grammar(L, node->children);
    }
}

void pk_load_check_id(pk_loader *L, xmlNode *node, const char *id)
{
    if (id == NULL || *id == '\0') {
        pk_load_problem(L, node, NULL, "<%s> needs an id",
                        (const char *)node->name);
        return;
    }
    for (const char *s = id; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-' || *s == '.')) {
            pk_load_problem(L, node, "id",
                            "id \"%s\": use lower-case letters, digits, '_', "
                            "'-' and '.'",
                            id);
            return;
        }
}

/* ---- the pack ---- */

static void load_notices(pk_loader *L, xmlNode *root)
{
    pk_pack *p = L->pack;

    for (xmlNode *c = pk_xml_elem(root->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        pk_notice *nn;
        if (!pk_xml_is(c, "notice"))
            continue;
        nn = realloc(p->notices, (p->nnotices + 1) * sizeof *nn);
        if (nn == NULL) {
            pk_load_oom(L);
            return;
        }
        p->notices = nn;
        memset(&nn[p->nnotices], 0, sizeof *nn);
        pk_load_date(L, c, "from", &nn[p->nnotices].from, INT64_MIN);
        pk_load_date(L, c, "until", &nn[p->nnotices].until, INT64_MAX);
        pk_load_texts(L, c, "text", nn[p->nnotices].text, 1);
        p->nnotices++;
    }
}

static void load_header(pk_loader *L, xmlNode *root)
{
    pk_pack *p = L->pack;
    const char *fmt = pk_xml_attr(root, "format");
    const char *dfmt = pk_xml_attr(root, "dossier-format");
    static const char *const known[] = {"title", "source", "in-force",
                                        "notice", "parameters", "facts",
                                        "rules", NULL};

    pk_load_check_id(L, root, pk_xml_attr(root, "id"));
    p->id = pk_load_strdup(L, pk_xml_attr(root, "id") ? pk_xml_attr(root, "id") : "");
    p->version = pk_load_strdup(L, pk_xml_attr(root, "version") ? pk_xml_attr(root, "version") : "");
    if (pk_xml_attr(root, "version") == NULL)
        pk_load_problem(L, root, NULL, "<rulepack> needs a version");
    if (fmt == NULL || strcmp(fmt, "1") != 0)
        pk_load_problem(L, root, fmt ? "format" : NULL,
                        "<rulepack> needs format=\"1\" (the only rule-pack "
                        "format this engine reads)");
    if (dfmt == NULL || strcmp(dfmt, L->format->version) != 0)
        pk_load_problem(L, root, dfmt ? "dossier-format" : NULL,
                        "<rulepack> needs dossier-format=\"%s\" (the dossier "
                        "format this engine reads)",
                        L->format->version);
    pk_load_texts(L, root, "title", p->title, 1);
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        int ok = 0;
        for (size_t i = 0; known[i] != NULL; i++)
            ok |= pk_xml_is(c, known[i]);
        if (!ok)
            pk_load_problem(L, c, NULL, "unknown element <%s> in <rulepack>",
                            (const char *)c->name);
    }
    {
        xmlNode *f = NULL;
        for (xmlNode *c = pk_xml_elem(root->children); c != NULL;
             c = pk_xml_elem(c->next))
            if (pk_xml_is(c, "in-force")) {
                if (f != NULL)
                    pk_load_problem(L, c, NULL, "a second <in-force>");
                f = c;
            }
        if (f == NULL || pk_xml_attr(f, "from") == NULL) {
            pk_load_problem(L, f ? f : root, NULL,
                            "the pack needs <in-force from=\"YYYY-MM-DD\"/>");
        } else {
            pk_load_date(L, f, "from", &p->from, INT64_MIN);
            pk_load_date(L, f, "until", &p->until, INT64_MAX);
            if (p->until < p->from)
                pk_load_problem(L, f, "until", "until is before from");
        }
        if (p->from != INT64_MIN)
            pk_civil_from_days(p->from, p->from_text);
        if (p->until != INT64_MAX)
            pk_civil_from_days(p->until, p->until_text);
    }
    load_notices(L, root);
    if (count_children(root, "parameters") > 1 ||
        count_children(root, "facts") != 1 ||
        count_children(root, "rules") != 1)
        pk_load_problem(L, root, NULL,
                        "a pack has one <facts>, one <rules> and at most one "
                        "<parameters>");
}

int pk_pack_load(pk_pack **out, const pk_dformat *format, const char *source,
                 const char *data, size_t len, pk_diag_fn on_problem,
                 void *userdata, pk_error *err)
{
    pk_loader L;
    xmlNode *root;
    int rc;

    *out = NULL;
    memset(&L, 0, sizeof L);
    L.format = format;
    L.err = err;
    L.on_problem = on_problem;
    L.userdata = userdata;
    rc = pk_xmldoc_parse(&L.x, source, data, len, err);
    if (rc != PK_OK) {
        /* The message says what is wrong with the XML; the code says what
         * that means for the caller: the pack is unusable. */
        if (rc != PK_ENOMEM && err != NULL)
            err->code = PK_ERULES;
        if (on_problem != NULL && err != NULL)
            on_problem(userdata, err);
        return rc == PK_ENOMEM ? rc : PK_ERULES;
    }
    L.pack = calloc(1, sizeof *L.pack);
    if (L.pack == NULL) {
        pk_load_oom(&L);
        goto out;
    }
    L.pack->format = format;
    L.pack->source = pk_load_strdup(&L, source);
    L.pack->gctx = pcre2_general_context_create(pcre2_alloc, pcre2_release,
                                                NULL);
    if (L.pack->gctx != NULL)
        L.pack->cctx = pcre2_compile_context_create(L.pack->gctx);
    if (L.pack->cctx == NULL) {
        pk_load_oom(&L);
        goto out;
    }
    L.pack->from = INT64_MIN;
    L.pack->until = INT64_MAX;
    root = xmlDocGetRootElement(L.x.doc);
    if (!pk_xml_is(root, "rulepack")) {
        pk_load_problem(&L, root, NULL, "the root element is <%s>, expected "
                        "<rulepack>",
                        root ? (const char *)root->name : "");
        goto out;
    }
    check_grammar(&L, root);
    load_header(&L, root);
    /* Each part builds on the ones before: none after memory ran out. */
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL && !L.oom;
         c = pk_xml_elem(c->next))
        if (pk_xml_is(c, "facts"))
            pk_load_facts(&L, c);
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL && !L.oom;
         c = pk_xml_elem(c->next))
        if (pk_xml_is(c, "parameters"))
            pk_load_params(&L, c);
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL && !L.oom;
         c = pk_xml_elem(c->next))
        if (pk_xml_is(c, "rules"))
            pk_load_rules(&L, c);
    if (!L.oom && L.problems == 0)
        pk_load_check_unused(&L);
    for (size_t i = 0; !L.oom && L.problems == 0 && i < L.pack->nrules; i++) {
        pk_rule *r = &L.pack->rules[i];
        for (int l = 0; l < 2; l++) {
            pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
            pk_citation_format(&r->cite, lang, r->cite_text[l],
                               PK_CITE_TEXT_MAX);
            for (size_t k = 0; k < r->nkindcites; k++)
                pk_citation_format(&r->kindcites[k].cite, lang,
                                   r->kindcites[k].cite_text[l],
                                   PK_CITE_TEXT_MAX);
        }
    }
    if (!L.oom && L.problems == 0) {
        L.pack->mctx = pcre2_match_context_create(L.pack->gctx);
        if (L.pack->mctx == NULL) {
            pk_load_oom(&L);
        } else {
            /* Bounds for every pattern match: a pathological pattern hits
             * a limit and reports it instead of running away. */
            pcre2_set_match_limit(L.pack->mctx, 100000);
            pcre2_set_depth_limit(L.pack->mctx, 1000);
            pcre2_set_heap_limit(L.pack->mctx, 1024); /* KiB */
        }
    }
out:
    pk_xmldoc_free(&L.x);
    if (L.oom || L.problems > 0) {
        pk_pack_free(L.pack);
        if (L.oom)
            return PK_ENOMEM;
        if (err != NULL && L.problems > 1) {
            size_t n = strlen(err->message);
            snprintf(err->message + n, sizeof err->message - n,
                     " (and %u more problem%s)", L.problems - 1,
                     L.problems - 1 == 1 ? "" : "s");
        }
        return PK_ERULES;
    }
    *out = L.pack;
    return PK_OK;
}

static void cond_free(pk_cond *c)
{
    for (size_t i = 0; i < c->nkids; i++)
        cond_free(&c->kids[i]);
    free(c->kids);
    free(c->text);
    for (size_t i = 0; i < c->set.count; i++)
        free(c->set.names[i]);
    free(c->set.names);
    free(c->set.joined);
    if (c->re != NULL)
        pcre2_code_free(c->re);
    if (c->rhs_value.kind == PK_V_TEXT)
        free((char *)c->rhs_value.text);
}

void pk_pack_free(pk_pack *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nfacts; i++) {
        pk_fact *f = &p->facts[i];
        free(f->id);
        free(f->unit);
        free(f->where);
        pk_path_free(&f->path);
        free(f->args);
        free(f->bases);
        free(f->label[0]);
        free(f->label[1]);
        if (f->xpath != NULL)
            xmlXPathFreeCompExpr(f->xpath);
    }
    free(p->facts);
    for (size_t i = 0; i < p->nparams; i++) {
        pk_param *q = &p->params[i];
        free(q->id);
        free(q->unit);
        for (size_t v = 0; v < q->nvalues; v++)
            free(q->values[v].when);
        free(q->values);
        free(q->label[0]);
        free(q->label[1]);
    }
    free(p->params);
    for (size_t i = 0; i < p->nrules; i++) {
        pk_rule *r = &p->rules[i];
        free(r->id);
        if (r->applies != NULL) {
            cond_free(r->applies);
            free(r->applies);
        }
        cond_free(&r->check);
        for (size_t k = 0; k < r->nreadings; k++) {
            pk_reading *g = &r->readings[k];
            free(g->id);
            cond_free(&g->check);
            for (int l = 0; l < 2; l++) {
                free(g->title[l]);
                free(g->explanation[l]);
            }
        }
        free(r->readings);
        free(r->kindcites);
        for (int k = 0; k < 2; k++) {
            free(r->open_words[k]);
            free(r->title[k]);
            for (int m = 0; m < PK_MSG_COUNT; m++)
                free(r->message[m][k]);
        }
        free(r->facts);
    }
    free(p->rules);
    for (size_t i = 0; i < p->nnotices; i++) {
        free(p->notices[i].text[0]);
        free(p->notices[i].text[1]);
    }
    free(p->notices);
    for (int k = 0; k < 2; k++)
        free(p->title[k]);
    free(p->id);
    free(p->version);
    free(p->source);
    if (p->mctx != NULL)
        pcre2_match_context_free(p->mctx);
    if (p->cctx != NULL)
        pcre2_compile_context_free(p->cctx);
    if (p->gctx != NULL)
        pcre2_general_context_free(p->gctx);
    free(p);
}

int pk_pack_uses_xpath(const pk_pack *p)
{
    for (size_t i = 0; i < p->nfacts; i++)
        if (p->facts[i].how == PK_FH_XPATH)
            return 1;
    return 0;
}
