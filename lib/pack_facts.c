/* Loading a pack's facts and parameters. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "pack_load.h"

static const struct {
    const char *name;
    pk_facttype type;
} fact_types[] = {{"number", PK_FT_NUMBER},
                  {"text", PK_FT_TEXT},
                  {"bool", PK_FT_BOOL},
                  {"date", PK_FT_DATE},
                  {"set", PK_FT_SET}};

static const char *type_name(pk_facttype t)
{
    for (size_t i = 0; i < sizeof fact_types / sizeof fact_types[0]; i++)
        if (fact_types[i].type == t)
            return fact_types[i].name;
    return "?";
}

/* The fact type a format value reads as. */
static int type_of_value(const pk_fvalue *v, pk_facttype *t)
{
    switch (v->type) {
    case PK_T_INTEGER:
    case PK_T_DECIMAL:
    case PK_T_QUANTITY:
        *t = PK_FT_NUMBER;
        return 1;
    case PK_T_TEXT:
    case PK_T_ENUM:
        *t = PK_FT_TEXT;
        return 1;
    case PK_T_BOOL:
        *t = PK_FT_BOOL;
        return 1;
    case PK_T_DATE:
        *t = PK_FT_DATE;
        return 1;
    case PK_T_NONE:
        break;
    }
    return 0;
}

static const pk_fvalue *path_value(const pk_dformat *f, const pk_path *p)
{
    const pk_felem *e = &f->elems[p->elem];

    return p->attr == PK_NONE ? &e->value : &e->attrs[p->attr].value;
}

static int resolve_args(pk_loader *L, xmlNode *node, pk_fact *f,
                        const char *list)
{
    const char *s = list;

    while (*s != '\0') {
        const char *start;
        char id[128];
        size_t n;
        int idx;
        uint32_t *args;

        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        start = s;
        while (*s != '\0' && *s != ' ')
            s++;
        n = (size_t)(s - start);
        if (n >= sizeof id)
            n = sizeof id - 1;
        memcpy(id, start, n);
        id[n] = '\0';
        idx = pk_pack_find_fact(L->pack, id);
        if (idx < 0) {
            pk_load_say(L, node, NULL, PK_MSG_FACT_UNDEFINED_FACT,
                        PK_ARGS(f->id, id));
            continue;
        }
        if (L->pack->facts[idx].type != PK_FT_NUMBER) {
            pk_load_say(
                L, node, NULL, PK_MSG_FACT_ARG_NOT_NUMBER,
                PK_ARGS(f->id, id, type_name(L->pack->facts[idx].type)));
            continue;
        }
        args = realloc(f->args, (f->nargs + 1) * sizeof *args);
        if (args == NULL)
            return pk_load_oom(L);
        f->args = args;
        args[f->nargs++] = (uint32_t)idx;
        L->pack->facts[idx].used = 1;
    }
    return PK_OK;
}

/* A derived fact's definition: <ratio of to/>, <sum-of facts/>,
 * <difference of minus/>. */
static void load_derived(pk_loader *L, xmlNode *node, pk_fact *f)
{
    xmlNode *d = NULL;
    char list[300];

    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        if (pk_xml_is(c, "label"))
            continue;
        if (d != NULL) {
            pk_load_say(L, c, NULL, PK_MSG_FACT_DERIVED_TWICE, PK_ARGS(f->id));
            return;
        }
        d = c;
    }
    if (d == NULL) {
        pk_load_say(L, node, NULL, PK_MSG_FACT_NO_SOURCE, PK_ARGS(f->id));
        return;
    }
    if (pk_xml_is(d, "ratio") || pk_xml_is(d, "difference")) {
        const char *a = pk_xml_attr(d, "of");
        const char *b = pk_xml_attr(d, pk_xml_is(d, "ratio") ? "to" : "minus");
        f->how = pk_xml_is(d, "ratio") ? PK_FH_RATIO : PK_FH_DIFF;
        if (a == NULL || b == NULL) {
            pk_load_say(L, d, NULL, PK_MSG_FACT_OF_AND,
                        PK_ARGS((const char *)d->name,
                                f->how == PK_FH_RATIO ? "to" : "minus"));
            return;
        }
        snprintf(list, sizeof list, "%s %s", a, b);
    } else if (pk_xml_is(d, "sum-of")) {
        const char *a = pk_xml_attr(d, "facts");
        f->how = PK_FH_TOTAL;
        if (a == NULL) {
            pk_load_say(L, d, NULL, PK_MSG_SUM_OF_FACTS, PK_NOARGS);
            return;
        }
        snprintf(list, sizeof list, "%s", a);
    } else {
        pk_load_say(L, d, NULL, PK_MSG_FACT_UNKNOWN_DERIVATION,
                    PK_ARGS((const char *)d->name));
        return;
    }
    if (f->type != PK_FT_NUMBER)
        pk_load_say(L, node, "type", PK_MSG_FACT_DERIVED_NUMBER,
                    PK_ARGS(f->id));
    resolve_args(L, d, f, list);
    if (f->nargs < 2 && L->problems == 0)
        pk_load_say(L, d, NULL, PK_MSG_FACT_TWO_FACTS, PK_ARGS(f->id));
}

/* each="/…/park" with <ratio of="@core-land-leased" to="@core-land"/>:
 * the ratio for every selected element, reduced by aggregate="min|max". */
static void load_each(pk_loader *L, xmlNode *node, pk_fact *f)
{
    const char *agg = pk_xml_attr(node, "aggregate");
    xmlNode *d = NULL;

    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next))
        if (!pk_xml_is(c, "label"))
            d = c;
    if (agg == NULL || (strcmp(agg, "min") != 0 && strcmp(agg, "max") != 0))
        pk_load_say(L, node, agg ? "aggregate" : NULL, PK_MSG_EACH_AGGREGATE,
                    PK_ARGS(f->id));
    f->each_max = agg != NULL && strcmp(agg, "max") == 0;
    f->integral = 0;
    if (f->type != PK_FT_NUMBER || f->path.attr != PK_NONE ||
        f->path.scope == PK_NONE)
        pk_load_say(L, node, "each", PK_MSG_EACH_NUMBER, PK_ARGS(f->id));
    if (d == NULL || !pk_xml_is(d, "ratio")) {
        pk_load_say(L, node, NULL, PK_MSG_EACH_RATIO, PK_ARGS(f->id));
        return;
    }
    for (int k = 0; k < 2; k++) {
        const char *an = pk_xml_attr(d, k == 0 ? "of" : "to");
        const pk_fvalue *v;
        if (an == NULL || an[0] != '@') {
            pk_load_say(L, d, k == 0 ? "of" : "to", PK_MSG_EACH_NAME_ATTRIBUTE,
                        PK_ARGS(f->id));
            continue;
        }
        if (f->path.elem == PK_NONE)
            continue;
        f->each_attr[k] = pk_format_attr(L->format, f->path.elem, an + 1);
        if (f->each_attr[k] == PK_NONE) {
            pk_load_say(
                L, d, k == 0 ? "of" : "to", PK_MSG_EACH_NO_ATTRIBUTE,
                PK_ARGS(f->id, L->format->elems[f->path.elem].name, an + 1));
            continue;
        }
        v = &L->format->elems[f->path.elem].attrs[f->each_attr[k]].value;
        if (v->type != PK_T_INTEGER && v->type != PK_T_DECIMAL &&
            v->type != PK_T_QUANTITY)
            pk_load_say(L, d, k == 0 ? "of" : "to", PK_MSG_EACH_NOT_NUMBER,
                        PK_ARGS(f->id, an + 1));
    }
}

static void load_read(pk_loader *L, xmlNode *node, pk_fact *f, const char *how,
                      const char *text)
{
    char msg[300];
    pk_facttype vt;
    int rc;

    f->where = pk_load_strdup(L, text);
    if (strcmp(how, "xpath") == 0) {
        f->how = PK_FH_XPATH;
        f->xpath = xmlXPathCompile((const xmlChar *)text);
        if (f->xpath == NULL)
            pk_load_say(L, node, "xpath", PK_MSG_FACT_BAD_XPATH,
                        PK_ARGS(f->id));
        if (f->type == PK_FT_SET || f->type == PK_FT_DATE)
            pk_load_say(L, node, "type", PK_MSG_XPATH_FACT_TYPE,
                        PK_ARGS(f->id));
        return;
    }
    rc = pk_path_compile(L->format, text, &f->path, msg, sizeof msg);
    if (rc == PK_ENOMEM) {
        pk_load_oom(L);
        return;
    }
    if (rc != PK_OK) {
        pk_load_say(L, node, how, PK_MSG_FACT_BAD_PATH, PK_ARGS(f->id, msg));
        return;
    }
    f->how = strcmp(how, "path") == 0    ? PK_FH_PATH
             : strcmp(how, "count") == 0 ? PK_FH_COUNT
             : strcmp(how, "sum") == 0   ? PK_FH_SUM
             : strcmp(how, "min") == 0   ? PK_FH_MIN
             : strcmp(how, "max") == 0   ? PK_FH_MAX
             : strcmp(how, "each") == 0  ? PK_FH_EACH
                                         : PK_FH_VALUES;
    if (f->how == PK_FH_EACH) {
        load_each(L, node, f);
        return;
    }
    if (f->how == PK_FH_PATH && f->path.scope != PK_NONE) {
        /* One value through repeated elements only when every repeated
         * step is picked out by a predicate (principle[@name='…']). */
        int picked = 1;
        for (uint32_t e = f->path.elem; e != PK_NONE;
             e = L->format->elems[e].parent) {
            int has = 0;
            if (!L->format->elems[e].repeat)
                continue;
            for (size_t k = 0; k < f->path.npreds; k++)
                has |= f->path.preds[k].elem == e && !f->path.preds[k].neg;
            picked &= has;
        }
        if (!picked) {
            pk_load_say(L, node, how, PK_MSG_FACT_REPEATED,
                        PK_ARGS(f->id, text));
            return;
        }
    }
    if (f->how != PK_FH_PATH && f->path.scope == PK_NONE) {
        pk_load_say(L, node, how, PK_MSG_FACT_NOT_REPEATED,
                    PK_ARGS(f->id, text));
        return;
    }
    if (f->how == PK_FH_COUNT) {
        f->integral = 1;
        if (f->type != PK_FT_NUMBER || f->path.attr != PK_NONE)
            pk_load_say(L, node, how, PK_MSG_FACT_COUNT, PK_ARGS(f->id));
        return;
    }
    if (!type_of_value(path_value(L->format, &f->path), &vt)) {
        pk_load_say(L, node, how, PK_MSG_FACT_NO_VALUE, PK_ARGS(f->id, text));
        return;
    }
    f->integral = path_value(L->format, &f->path)->type == PK_T_INTEGER;
    if (f->how == PK_FH_SUM && vt != PK_FT_NUMBER)
        pk_load_say(L, node, how, PK_MSG_FACT_SUM_NUMBERS, PK_ARGS(f->id));
    else if ((f->how == PK_FH_MIN || f->how == PK_FH_MAX) &&
             ((vt != PK_FT_NUMBER && vt != PK_FT_DATE) || vt != f->type))
        pk_load_say(L, node, how, PK_MSG_FACT_MIN_MAX, PK_ARGS(f->id));
    else if (f->how == PK_FH_VALUES &&
             (f->type != PK_FT_SET || (vt != PK_FT_TEXT && vt != PK_FT_BOOL)))
        pk_load_say(L, node, how, PK_MSG_FACT_VALUES, PK_ARGS(f->id));
    else if (f->how == PK_FH_PATH && vt != f->type)
        pk_load_say(L, node, "type", PK_MSG_FACT_TYPE_MISMATCH,
                    PK_ARGS(f->id, type_name(f->type), text, type_name(vt)));
    else if (f->how == PK_FH_SUM && f->type != PK_FT_NUMBER)
        pk_load_say(L, node, "type", PK_MSG_FACT_SUM_TYPE, PK_ARGS(f->id));
}

/* Depth-first over derived facts: cycles, then each fact's read bases. */
static int visit(pk_loader *L, xmlNode **nodes, uint32_t i,
                 unsigned char *state)
{
    pk_fact *f = &L->pack->facts[i];

    if (state[i] == 2)
        return PK_OK;
    if (state[i] == 1) {
        pk_load_say(L, nodes[i], NULL, PK_MSG_FACT_CYCLE, PK_ARGS(f->id));
        return PK_ERULES;
    }
    state[i] = 1;
    if (f->nargs == 0) {
        f->bases = malloc(sizeof *f->bases);
        if (f->bases == NULL)
            return pk_load_oom(L);
        f->bases[0] = i;
        f->nbases = 1;
    }
    for (size_t a = 0; a < f->nargs; a++) {
        pk_fact *g;
        if (visit(L, nodes, f->args[a], state) != PK_OK)
            return PK_ERULES;
        g = &L->pack->facts[f->args[a]];
        for (size_t b = 0; b < g->nbases; b++) {
            size_t k;
            uint32_t *nb;
            for (k = 0; k < f->nbases && f->bases[k] != g->bases[b]; k++)
                ;
            if (k < f->nbases)
                continue;
            nb = realloc(f->bases, (f->nbases + 1) * sizeof *nb);
            if (nb == NULL)
                return pk_load_oom(L);
            f->bases = nb;
            nb[f->nbases++] = g->bases[b];
        }
    }
    state[i] = 2;
    return PK_OK;
}

void pk_load_facts(pk_loader *L, xmlNode *facts)
{
    pk_pack *p = L->pack;
    xmlNode **nodes;
    unsigned char *state;
    static const char *const hows[] = {"path",  "count", "sum", "values",
                                       "xpath", "min",   "max", "each"};

    p->facts = pk_load_array_for(L, facts, sizeof *p->facts);
    nodes = pk_load_array_for(L, facts, sizeof *nodes);
    state = pk_load_array_for(L, facts, 1);
    if (p->facts == NULL || nodes == NULL || state == NULL)
        goto out;
    /* First the ids, so derived facts may name facts defined after them. */
    for (xmlNode *c = pk_xml_elem(facts->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        pk_fact *f = &p->facts[p->nfacts];
        const char *id = pk_load_item_id(L, c, "fact", "facts");
        if (id == NULL)
            continue;
        if (pk_pack_find_fact(p, id) >= 0) {
            pk_load_say(L, c, "id", PK_MSG_FACT_TWICE, PK_ARGS(id));
            continue;
        }
        f->id = pk_load_strdup(L, id);
        if (f->id == NULL)
            break; /* out of memory: an id-less fact would be looked up */
        f->path.elem = PK_NONE;
        pk_xmldoc_pos(&L->x, c, NULL, &f->line, &f->col);
        nodes[p->nfacts++] = c;
    }
    (void)pk_pack_index_facts(p);
    for (size_t i = 0; i < p->nfacts && !L->oom; i++) {
        pk_fact *f = &p->facts[i];
        xmlNode *c = nodes[i];
        const char *type = pk_xml_attr(c, "type");
        const char *how = NULL;
        int nhow = 0, typed = 0;

        for (size_t t = 0; type && t < sizeof fact_types / sizeof fact_types[0];
             t++)
            if (strcmp(type, fact_types[t].name) == 0) {
                f->type = fact_types[t].type;
                typed = 1;
            }
        if (!typed) {
            pk_load_say(L, c, type ? "type" : NULL, PK_MSG_FACT_TYPE,
                        PK_ARGS(f->id));
            continue;
        }
        /* A date fact's unit is "date", so quoted values read as dates. */
        f->unit =
            pk_load_strdup(L, pk_xml_attr(c, "unit")  ? pk_xml_attr(c, "unit")
                              : f->type == PK_FT_DATE ? "date"
                                                      : "");
        pk_load_texts(L, c, "label", f->label, 1);
        for (size_t h = 0; h < sizeof hows / sizeof hows[0]; h++)
            if (pk_xml_attr(c, hows[h]) != NULL) {
                how = hows[h];
                nhow++;
            }
        if (nhow > 1)
            pk_load_say(L, c, NULL, PK_MSG_FACT_READ_TWICE, PK_ARGS(f->id));
        else if (nhow == 1) {
            for (xmlNode *k = pk_xml_elem(c->children); k != NULL;
                 k = pk_xml_elem(k->next))
                if (!pk_xml_is(k, "label") &&
                    !(strcmp(how, "each") == 0 && pk_xml_is(k, "ratio")))
                    pk_load_say(L, k, NULL, PK_MSG_FACT_READ_AND_DERIVED,
                                PK_ARGS(f->id, how, (const char *)k->name));
            load_read(L, c, f, how, pk_xml_attr(c, how));
        } else
            load_derived(L, c, f);
    }
    /* Cycles are looked for even when other problems were found: a rule
     * loaded later must not walk one, and its author wants to hear of it. */
    if (!L->oom)
        for (uint32_t i = 0; i < p->nfacts; i++)
            if (visit(L, nodes, i, state) != PK_OK)
                break;
out:
    free(nodes);
    free(state);
}

/* ---- parameters ---- */

static void load_param_values(pk_loader *L, xmlNode *node, pk_param *q,
                              const pk_vocab *by_vocab)
{
    int has_otherwise = 0;

    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        pk_pvalue *v, *nv;
        xmlChar *t;
        char msg[200];
        pk_val num;
        const char *when = pk_xml_attr(c, "when");

        if (!pk_xml_is(c, "value"))
            continue;
        nv = realloc(q->values, (q->nvalues + 1) * sizeof *nv);
        if (nv == NULL) {
            pk_load_oom(L);
            return;
        }
        q->values = nv;
        v = &nv[q->nvalues++];
        memset(v, 0, sizeof *v);
        pk_load_date(L, c, "from", &v->from, INT64_MIN);
        pk_load_date(L, c, "until", &v->until, INT64_MAX);
        if (when != NULL) {
            if (q->by == PK_NONE)
                pk_load_say(L, c, "when", PK_MSG_PARAM_WHEN_BY, PK_ARGS(q->id));
            else if (by_vocab != NULL && pk_vocab_find(by_vocab, when) < 0)
                pk_load_say(L, c, "when", PK_MSG_PARAM_WHEN_VALUE,
                            PK_ARGS(q->id, when, by_vocab->joined));
            v->when = pk_load_strdup(L, when);
        } else {
            has_otherwise = 1;
        }
        t = xmlNodeGetContent(c); /* NULL only for want of memory */
        if (t == NULL) {
            pk_load_oom(L);
            return;
        }
        if (pk_parse_decimal((const char *)t, &num, msg, sizeof msg) != PK_OK) {
            pk_load_say(L, c, NULL, PK_MSG_PARAM_BAD_VALUE,
                        PK_ARGS(q->id, msg));
        } else {
            v->num = num.num;
            v->den = num.den;
            if (q->percent)
                pk_num_div(v->num, v->den, 100, 1, &v->num, &v->den);
        }
        xmlFree(t);
    }
    if (q->nvalues == 0)
        pk_load_say(L, node, NULL, PK_MSG_PARAM_NO_VALUE, PK_ARGS(q->id));
    else if (q->by != PK_NONE && !has_otherwise)
        pk_load_say(L, node, NULL, PK_MSG_PARAM_NO_OTHERWISE, PK_ARGS(q->id));
    /* Two values for the same case may not both be in force on a day. */
    for (size_t i = 0; i < q->nvalues; i++)
        for (size_t j = i + 1; j < q->nvalues; j++) {
            const pk_pvalue *a = &q->values[i], *b = &q->values[j];
            int same = (a->when == NULL && b->when == NULL) ||
                       (a->when && b->when && strcmp(a->when, b->when) == 0);
            if (same && a->from <= b->until && b->from <= a->until)
                pk_load_say(L, node, NULL, PK_MSG_PARAM_OVERLAP,
                            PK_ARGS(q->id));
        }
}

void pk_load_params(pk_loader *L, xmlNode *params)
{
    pk_pack *p = L->pack;

    p->params = pk_load_array_for(L, params, sizeof *p->params);
    if (p->params == NULL)
        return;
    for (xmlNode *c = pk_xml_elem(params->children); c != NULL && !L->oom;
         c = pk_xml_elem(c->next)) {
        pk_param *q;
        const char *id = pk_load_item_id(L, c, "param", "parameters");
        const char *type = pk_xml_attr(c, "type");
        const char *by = pk_xml_attr(c, "by");
        const pk_vocab *by_vocab = NULL;

        if (id == NULL)
            continue;
        if (pk_pack_find_param(p, id) >= 0) {
            pk_load_say(L, c, "id", PK_MSG_PARAM_TWICE, PK_ARGS(id));
            continue;
        }
        q = &p->params[p->nparams++];
        q->id = pk_load_strdup(L, id);
        q->by = PK_NONE;
        pk_xmldoc_pos(&L->x, c, NULL, &q->line, &q->col);
        if (type == NULL ||
            (strcmp(type, "number") != 0 && strcmp(type, "percent") != 0))
            pk_load_say(L, c, type ? "type" : NULL, PK_MSG_PARAM_TYPE,
                        PK_ARGS(id));
        q->percent = type != NULL && strcmp(type, "percent") == 0;
        q->unit =
            pk_load_strdup(L, q->percent               ? "ratio"
                              : pk_xml_attr(c, "unit") ? pk_xml_attr(c, "unit")
                                                       : "");
        pk_load_citation(L, c, &q->cite);
        pk_load_texts(L, c, "label", q->label, 1);
        if (by != NULL) {
            int f = pk_pack_find_fact(p, by);
            if (f < 0 || p->facts[f].type != PK_FT_TEXT) {
                pk_load_say(L, c, "by", PK_MSG_PARAM_BY_TEXT, PK_ARGS(id, by));
            } else {
                q->by = (uint32_t)f;
                p->facts[f].used = 1;
                by_vocab = pk_fact_vocab(p, &p->facts[f]);
            }
        }
        load_param_values(L, c, q, by_vocab);
    }
}
