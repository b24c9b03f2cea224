/* A loaded rule pack: looking things up in it, the public rule getters,
 * and freeing it. Loading is pack_load.c's. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "pack.h"

size_t pk_engine_rule_count(const pk_engine *e, size_t pack)
{
    return e != NULL && pack < e->npacks ? e->packs[pack]->nrules : 0;
}

const pk_rule *pk_engine_rule(const pk_engine *e, size_t pack, size_t i)
{
    if (e == NULL || pack >= e->npacks || i >= e->packs[pack]->nrules)
        return NULL;
    return &e->packs[pack]->rules[i];
}

const pk_rule *pk_engine_find_rule(const pk_engine *e, const char *id,
                                   size_t *pack)
{
    for (size_t p = 0; e != NULL && id != NULL && p < e->npacks; p++)
        for (size_t i = 0; i < e->packs[p]->nrules; i++)
            if (strcmp(e->packs[p]->rules[i].id, id) == 0) {
                if (pack != NULL)
                    *pack = p;
                return &e->packs[p]->rules[i];
            }
    return NULL;
}

const char *pk_rule_id(const pk_rule *r)
{
    return r->id;
}

const char *pk_rule_title(const pk_rule *r, pk_lang lang)
{
    return r->title[lang == PK_LANG_VI ? 0 : 1];
}

pk_category pk_rule_category(const pk_rule *r)
{
    return r->category;
}
pk_severity pk_rule_severity(const pk_rule *r)
{
    return r->severity;
}
double pk_rule_weight(const pk_rule *r)
{
    return r->weight;
}

/* The bit of a kind among the rule's pack's format kinds, or 0. */
static uint64_t kind_bit(const pk_dformat *f, const char *kind)
{
    const pk_vocab *v = pk_format_kinds(f);
    int k = v != NULL && kind != NULL ? pk_vocab_find(v, kind) : -1;

    return k >= 0 && k < 64 ? (uint64_t)1 << k : 0;
}

/* Rules do not point at their pack; the format is the same for every pack
 * of an engine, and rules only need it for the kinds. */
static const pk_dformat *format_of(const pk_rule *r)
{
    return r->format;
}

int pk_rule_applies_to(const pk_rule *r, const char *kind)
{
    return (r->kinds & kind_bit(format_of(r), kind)) != 0;
}

const pk_citation *pk_rule_citation(const pk_rule *r, const char *kind)
{
    uint64_t bit;

    if (kind == NULL)
        return &r->cite;
    bit = kind_bit(format_of(r), kind);
    if ((r->kinds & bit) == 0)
        return NULL;
    for (size_t i = 0; i < r->nkindcites; i++)
        if (r->kindcites[i].kinds & bit)
            return &r->kindcites[i].cite;
    return &r->cite;
}

static const char *fact_id(const void *pack, size_t i)
{
    return ((const pk_pack *)pack)->facts[i].id;
}

int pk_pack_index_facts(pk_pack *p)
{
    return pk_strindex_build(&p->fact_index, p->nfacts, fact_id, p);
}

int pk_pack_find_fact(const pk_pack *p, const char *id)
{
    long at = pk_strindex_find(&p->fact_index, id, fact_id, p);

    if (at != -2)
        return (int)at;
    /* No index (while the facts are being named, or memory ran out):
     * the ids a report hands back are the pack's own strings, so the
     * pointer first, then the names. */
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

/* The format's description of what f reads, or NULL. */
static const pk_fvalue *fact_fvalue(const pk_pack *p, const pk_fact *f)
{
    const pk_felem *e;

    if ((f->how != PK_FH_PATH && f->how != PK_FH_VALUES) ||
        f->path.elem == PK_NONE)
        return NULL; /* derived, or a path that did not compile */
    e = &p->format->elems[f->path.elem];
    return f->path.attr == PK_NONE ? &e->value : &e->attrs[f->path.attr].value;
}

pk_ftype pk_fact_format_type(const pk_pack *p, const pk_fact *f)
{
    const pk_fvalue *v = fact_fvalue(p, f);

    return v != NULL ? v->type : PK_T_NONE;
}

const pk_vocab *pk_fact_vocab(const pk_pack *p, const pk_fact *f)
{
    const pk_fvalue *v = fact_fvalue(p, f);

    if (v == NULL || v->type != PK_T_ENUM || v->ncases > 0)
        return NULL; /* free text, or a vocabulary that depends on a case */
    return &v->vocab;
}

int pk_pack_uses_xpath(const pk_pack *p)
{
    for (size_t i = 0; i < p->nfacts; i++)
        if (p->facts[i].how == PK_FH_XPATH)
            return 1;
    return 0;
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
    for (int l = 0; l < 2; l++) {
        pk_pack_cache *c = atomic_load(&p->json_cache[l]);
        if (c != NULL)
            c->free(c);
    }
    pk_provenance_free(p);
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
    pk_strindex_free(&p->fact_index);
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
