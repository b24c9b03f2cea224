/* Loading a rule pack: read the XML, check everything a pack can get wrong
 * (reporting each problem at file:line:column), and compile it once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "pack.h"
#include "pack_load.h"
#include "words.h"

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
    {"param", "id type unit by", "citation label value provenance"},
    {"provenance", "level", "text"},
    {"provisional", "", "text"},
    {"not-checked", "", "text item"},
    {"item", "id kinds", "citation title"},
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
                    pk_load_say(
                        L, node, (const char *)a->name,
                        *grammar[g].attrs ? PK_MSG_PACK_NO_SUCH_ATTRIBUTE
                                          : PK_MSG_PACK_NO_ATTRIBUTES,
                        PK_ARGS((const char *)node->name, (const char *)a->name,
                                grammar[g].attrs));
            break;
        }
        if (known && children != NULL)
            for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
                 c = pk_xml_elem(c->next))
                if (!in_list(children, (const char *)c->name))
                    pk_load_say(L, c, NULL, PK_MSG_PACK_CANNOT_HOLD,
                                PK_ARGS((const char *)node->name,
                                        (const char *)c->name));
        /* Unknown elements are reported where they stand, by the loader. */
        check_grammar(L, node->children);
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
    static const char *const known[] = {
        "title",       "source",      "in-force", "notice",
        "parameters",  "facts",       "rules",    "provenance",
        "provisional", "not-checked", NULL};

    pk_load_check_id(L, root, pk_xml_attr(root, "id"));
    p->id = pk_load_strdup(L, pk_xml_attr(root, "id") ? pk_xml_attr(root, "id")
                                                      : "");
    p->version = pk_load_strdup(
        L, pk_xml_attr(root, "version") ? pk_xml_attr(root, "version") : "");
    if (pk_xml_attr(root, "version") == NULL)
        pk_load_say(L, root, NULL, PK_MSG_PACK_NO_VERSION, PK_NOARGS);
    if (fmt == NULL || strcmp(fmt, "1") != 0)
        pk_load_say(L, root, fmt ? "format" : NULL, PK_MSG_PACK_FORMAT,
                    PK_NOARGS);
    if (dfmt == NULL || strcmp(dfmt, L->format->version) != 0)
        pk_load_say(L, root, dfmt ? "dossier-format" : NULL,
                    PK_MSG_PACK_DOSSIER_FORMAT, PK_ARGS(L->format->version));
    pk_load_texts(L, root, "title", p->title, 1);
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        int ok = 0;
        for (size_t i = 0; known[i] != NULL; i++)
            ok |= pk_xml_is(c, known[i]);
        if (!ok)
            pk_load_say(L, c, NULL, PK_MSG_PACK_UNKNOWN_ELEMENT,
                        PK_ARGS((const char *)c->name));
    }
    {
        xmlNode *f = NULL;
        for (xmlNode *c = pk_xml_elem(root->children); c != NULL;
             c = pk_xml_elem(c->next))
            if (pk_xml_is(c, "in-force")) {
                if (f != NULL)
                    pk_load_say(L, c, NULL, PK_MSG_SECOND_IN_FORCE, PK_NOARGS);
                f = c;
            }
        if (f == NULL || pk_xml_attr(f, "from") == NULL) {
            pk_load_say(L, f ? f : root, NULL, PK_MSG_PACK_NO_IN_FORCE,
                        PK_NOARGS);
        } else {
            pk_load_date(L, f, "from", &p->from, INT64_MIN);
            pk_load_date(L, f, "until", &p->until, INT64_MAX);
            if (p->until < p->from)
                pk_load_say(L, f, "until", PK_MSG_UNTIL_BEFORE_FROM, PK_NOARGS);
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
        pk_load_say(L, root, NULL, PK_MSG_PACK_PARTS, PK_NOARGS);
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
    L.code = PK_ERULES;
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
    L.pack->gctx =
        pcre2_general_context_create(pcre2_alloc, pcre2_release, NULL);
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
        pk_load_say(&L, root, NULL, PK_MSG_PACK_ROOT,
                    PK_ARGS(root ? (const char *)root->name : ""));
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
    if (!L.oom)
        pk_provenance_load(&L, root);
    if (!L.oom && L.problems == 0)
        pk_load_check_unused(&L);
    for (size_t i = 0; !L.oom && L.problems == 0 && i < L.pack->nrules; i++) {
        pk_rule *r = &L.pack->rules[i];
        for (int l = 0; l < 2; l++) {
            pk_lang lang = l == 0 ? PK_LANG_VI : PK_LANG_EN;
            pk_cite_write(L.format, &r->cite, lang, r->cite_text[l],
                          PK_CITE_TEXT_MAX);
            for (size_t k = 0; k < r->nkindcites; k++)
                pk_cite_write(L.format, &r->kindcites[k].cite, lang,
                              r->kindcites[k].cite_text[l], PK_CITE_TEXT_MAX);
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
