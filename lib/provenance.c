/* Provenance: how sure a pack is of each rule and threshold, whether the
 * pack as a whole is provisional, and what it knows of but cannot check
 * yet. The levels are a fixed vocabulary of how a text is known, not of
 * any regime; what a pack says of its sources is data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"
#include "pack_load.h"
#include "words.h"

static const char *const level_names[] = {
    "unstated",
    "press-single",
    "press-consistent",
    "official",
};

/* How each level reads in a report, in Vietnamese and English. */
static const char *const level_labels[][2] = {
    {"chưa nêu nguồn", "source not stated"},
    {"theo một nguồn tin báo chí, chưa đối chiếu văn bản",
     "from a single press report, not checked against the text"},
    {"theo nhiều nguồn tin báo chí thống nhất, chưa đối chiếu văn bản",
     "from consistent press reports, not yet checked against the text"},
    {"theo văn bản chính thức", "from the official text"},
};

#define NLEVELS (sizeof level_names / sizeof level_names[0])

const char *pk_provenance_name(pk_provenance p)
{
    return (unsigned)p < NLEVELS ? level_names[p] : "";
}

const char *pk_provenance_label(pk_provenance p, pk_lang lang)
{
    return (unsigned)p < NLEVELS ? level_labels[p][lang == PK_LANG_VI ? 0 : 1]
                                 : "";
}

/* ---- loading ---- */

void pk_provenance_load_one(pk_loader *L, xmlNode *parent, pk_prov *out)
{
    xmlNode *n = NULL;
    const char *level;

    for (xmlNode *c = pk_xml_elem(parent->children); c != NULL;
         c = pk_xml_elem(c->next))
        if (pk_xml_is(c, "provenance")) {
            if (n != NULL)
                pk_load_say(L, c, NULL, PK_MSG_SECOND_PROVENANCE, PK_NOARGS);
            else
                n = c;
        }
    if (n == NULL)
        return;
    level = pk_xml_attr(n, "level");
    for (size_t i = 1; level != NULL && i < NLEVELS; i++)
        if (strcmp(level, level_names[i]) == 0)
            out->level = (int)i;
    if (out->level == 0) {
        pk_load_say(L, n, level ? "level" : NULL, PK_MSG_PROVENANCE_LEVEL,
                    PK_NOARGS);
        return;
    }
    pk_load_texts(L, n, "text", out->source, 1);
}

static void free_prov(pk_prov *p)
{
    free(p->source[0]);
    free(p->source[1]);
}

static uint64_t kinds_of(pk_loader *L, xmlNode *node)
{
    const char *s = pk_xml_attr(node, "kinds");
    const pk_vocab *v = pk_format_kinds(L->format);
    uint64_t bits = 0;

    while (s != NULL && *s != '\0') {
        char name[64];
        size_t n = strcspn(s, " ");
        int k;

        if (n > 0 && n < sizeof name) {
            memcpy(name, s, n);
            name[n] = '\0';
            k = v != NULL ? pk_vocab_find(v, name) : -1;
            if (k < 0 || k >= 64)
                pk_load_say(L, node, "kinds", PK_MSG_NOT_A_KIND, PK_ARGS(name));
            else
                bits |= (uint64_t)1 << k;
        }
        s += n;
        s += strspn(s, " ");
    }
    if (pk_xml_attr(node, "kinds") != NULL && bits == 0)
        pk_load_say(L, node, "kinds", PK_MSG_KINDS_EMPTY, PK_NOARGS);
    return bits;
}

static void load_unchecked(pk_loader *L, xmlNode *list)
{
    pk_pack *p = L->pack;

    pk_load_texts(L, list, "text", p->unchecked_reason, 1);
    p->unchecked = pk_load_array_for(L, list, sizeof *p->unchecked);
    if (p->unchecked == NULL)
        return;
    for (xmlNode *c = pk_xml_elem(list->children); c != NULL && !L->oom;
         c = pk_xml_elem(c->next)) {
        pk_unchecked *u;
        const char *id;

        if (pk_xml_is(c, "text"))
            continue;
        id = pk_load_item_id(L, c, "item", "not-checked");
        if (id == NULL)
            continue;
        for (size_t i = 0; i < p->nunchecked; i++)
            if (strcmp(p->unchecked[i].id, id) == 0)
                pk_load_say(L, c, "id", PK_MSG_ITEM_ID_TWICE, PK_ARGS(id));
        u = &p->unchecked[p->nunchecked++];
        u->id = pk_load_strdup(L, id);
        u->kinds = kinds_of(L, c);
        pk_load_citation(L, c, &u->cite);
        pk_load_texts(L, c, "title", u->title, 1);
        pk_cite_write(L->format, &u->cite, PK_LANG_VI, u->cite_text[0],
                      PK_CITE_TEXT_MAX);
        pk_cite_write(L->format, &u->cite, PK_LANG_EN, u->cite_text[1],
                      PK_CITE_TEXT_MAX);
    }
}

/* The parameters a condition compares with make the rule as sure as the
 * least sure of them. */
static void least_sure(const pk_pack *p, const pk_cond *c, const pk_prov **s)
{
    if (c->op == PK_C_COMPARE && c->rhs == PK_RHS_PARAM) {
        const pk_prov *q = &p->params[c->rhs_index].prov;
        if (q->level == 0)
            q = &p->prov;
        if (q->level != 0 && ((*s)->level == 0 || q->level < (*s)->level))
            *s = q;
    }
    for (size_t i = 0; i < c->nkids; i++)
        least_sure(p, &c->kids[i], s);
}

static xmlNode *find_item(xmlNode *list, const char *name, const char *id)
{
    if (list == NULL || id == NULL)
        return NULL;
    for (xmlNode *c = pk_xml_elem(list->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *cid = pk_xml_attr(c, "id");
        if (pk_xml_is(c, name) && cid != NULL && strcmp(cid, id) == 0)
            return c;
    }
    return NULL;
}

void pk_provenance_load(pk_loader *L, xmlNode *root)
{
    pk_pack *p = L->pack;
    xmlNode *rules = NULL, *params = NULL;

    pk_provenance_load_one(L, root, &p->prov);
    for (xmlNode *c = pk_xml_elem(root->children); c != NULL && !L->oom;
         c = pk_xml_elem(c->next)) {
        if (pk_xml_is(c, "provisional")) {
            if (p->provisional)
                pk_load_say(L, c, NULL, PK_MSG_SECOND_PROVISIONAL, PK_NOARGS);
            p->provisional = 1;
            pk_load_texts(L, c, "text", p->provisional_text, 1);
        } else if (pk_xml_is(c, "not-checked")) {
            if (p->unchecked != NULL)
                pk_load_say(L, c, NULL, PK_MSG_SECOND_NOT_CHECKED, PK_NOARGS);
            else
                load_unchecked(L, c);
        } else if (pk_xml_is(c, "rules")) {
            rules = c;
        } else if (pk_xml_is(c, "parameters")) {
            params = c;
        }
    }
    for (size_t i = 0; params != NULL && i < p->nparams && !L->oom; i++) {
        xmlNode *n = find_item(params, "param", p->params[i].id);
        if (n != NULL)
            pk_provenance_load_one(L, n, &p->params[i].prov);
    }
    for (size_t i = 0; rules != NULL && i < p->nrules && !L->oom; i++) {
        pk_rule *r = &p->rules[i];
        xmlNode *n = find_item(rules, "rule", r->id);
        if (n != NULL)
            pk_provenance_load_one(L, n, &r->prov);
    }
    if (L->oom || L->problems > 0)
        return;
    /* A provisional pack must say how sure each rule is: a figure whose
     * source nobody wrote down cannot be told from a verified one. */
    for (size_t i = 0; i < p->nparams; i++)
        if (p->provisional && p->params[i].prov.level == 0 &&
            p->prov.level == 0)
            pk_load_say(L, find_item(params, "param", p->params[i].id), NULL,
                        PK_MSG_PARAM_LACKS_PROVENANCE,
                        PK_ARGS(p->params[i].id));
    for (size_t i = 0; i < p->nrules; i++) {
        pk_rule *r = &p->rules[i];

        if (p->provisional && r->prov.level == 0 && p->prov.level == 0)
            pk_load_say(L, find_item(rules, "rule", r->id), NULL,
                        PK_MSG_RULE_LACKS_PROVENANCE, PK_ARGS(r->id));
        r->sure = r->prov.level != 0 ? &r->prov : &p->prov;
        least_sure(p, &r->check, &r->sure);
        for (size_t k = 0; k < r->nreadings; k++)
            least_sure(p, &r->readings[k].check, &r->sure);
    }
}

void pk_provenance_free(pk_pack *p)
{
    free_prov(&p->prov);
    for (int l = 0; l < 2; l++) {
        free(p->provisional_text[l]);
        free(p->unchecked_reason[l]);
    }
    for (size_t i = 0; i < p->nunchecked; i++) {
        free(p->unchecked[i].id);
        free(p->unchecked[i].title[0]);
        free(p->unchecked[i].title[1]);
    }
    free(p->unchecked);
    for (size_t i = 0; i < p->nparams; i++)
        free_prov(&p->params[i].prov);
    for (size_t i = 0; i < p->nrules; i++)
        free_prov(&p->rules[i].prov);
}

/* ---- getters ---- */

int pk_engine_pack_provisional(const pk_engine *e, size_t i)
{
    return e != NULL && i < e->npacks ? e->packs[i]->provisional : 0;
}

const char *pk_engine_pack_provisional_text(const pk_engine *e, size_t i,
                                            pk_lang lang)
{
    const char *t;

    if (e == NULL || i >= e->npacks)
        return "";
    t = e->packs[i]->provisional_text[lang == PK_LANG_VI ? 0 : 1];
    return t != NULL ? t : "";
}

pk_provenance pk_rule_provenance(const pk_rule *r)
{
    return r != NULL && r->sure != NULL ? (pk_provenance)r->sure->level
                                        : PK_PROVENANCE_UNSTATED;
}

const char *pk_rule_provenance_source(const pk_rule *r, pk_lang lang)
{
    const char *t;

    if (r == NULL || r->sure == NULL)
        return "";
    t = r->sure->source[lang == PK_LANG_VI ? 0 : 1];
    return t != NULL ? t : "";
}

pk_provenance pk_result_provenance(const pk_result *res)
{
    return res != NULL ? pk_rule_provenance(res->rule) : PK_PROVENANCE_UNSTATED;
}

const char *pk_result_provenance_source(const pk_result *res, pk_lang lang)
{
    return res != NULL ? pk_rule_provenance_source(res->rule, lang) : "";
}

int pk_report_provisional(const pk_report *r)
{
    return r != NULL && r->pack != NULL && r->pack->provisional;
}

const char *pk_report_provisional_text(const pk_report *r, pk_lang lang)
{
    const char *t;

    if (!pk_report_provisional(r))
        return "";
    t = r->pack->provisional_text[lang == PK_LANG_VI ? 0 : 1];
    return t != NULL ? t : "";
}

/* Whether item u concerns the report's kind of dossier (every item does
 * when the kind is unknown). */
static int concerns(const pk_report *r, const pk_unchecked *u)
{
    const pk_vocab *v = pk_format_kinds(r->pack->format);
    int k = v != NULL && r->kind != NULL ? pk_vocab_find(v, r->kind) : -1;

    return u->kinds == 0 || k < 0 || k >= 64 ||
           (u->kinds & ((uint64_t)1 << k)) != 0;
}

static const pk_unchecked *unchecked_at(const pk_report *r, size_t i)
{
    if (r == NULL || r->pack == NULL)
        return NULL;
    for (size_t j = 0; j < r->pack->nunchecked; j++)
        if (concerns(r, &r->pack->unchecked[j]) && i-- == 0)
            return &r->pack->unchecked[j];
    return NULL;
}

size_t pk_report_unchecked_count(const pk_report *r)
{
    size_t n = 0;

    while (unchecked_at(r, n) != NULL)
        n++;
    return n;
}

const char *pk_report_unchecked_id(const pk_report *r, size_t i)
{
    const pk_unchecked *u = unchecked_at(r, i);

    return u != NULL ? u->id : NULL;
}

const char *pk_report_unchecked_title(const pk_report *r, size_t i,
                                      pk_lang lang)
{
    const pk_unchecked *u = unchecked_at(r, i);

    return u != NULL ? u->title[lang == PK_LANG_VI ? 0 : 1] : NULL;
}

const char *pk_report_unchecked_citation_text(const pk_report *r, size_t i,
                                              pk_lang lang)
{
    const pk_unchecked *u = unchecked_at(r, i);

    return u != NULL ? u->cite_text[lang == PK_LANG_VI ? 0 : 1] : NULL;
}

const char *pk_report_unchecked_reason(const pk_report *r, pk_lang lang)
{
    const char *t;

    if (r == NULL || r->pack == NULL)
        return "";
    t = r->pack->unchecked_reason[lang == PK_LANG_VI ? 0 : 1];
    return t != NULL ? t : "";
}

/* ---- regimes ---- */

int pk_engine_select_pack(pk_engine *e, const char *id, pk_error *err)
{
    if (e == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, NULL, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    if (id == NULL) {
        e->chosen = NULL;
        return PK_OK;
    }
    for (size_t i = 0; i < e->npacks; i++)
        if (strcmp(e->packs[i]->id, id) == 0) {
            e->chosen = e->packs[i];
            return PK_OK;
        }
    {
        char known[300] = "";
        for (size_t i = 0; i < e->npacks; i++) {
            size_t n = strlen(known);
            snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "",
                     e->packs[i]->id);
        }
        pk_error_say(err, PK_EINVAL, PK_MSG_NO_SUCH_PACK, NULL, 0, 0,
                     PK_NO_OFFSET, PK_ARGS(id, known));
    }
    return PK_EINVAL;
}

static const char *const regime_names[] = {
    "in-force",
    "superseded",
    "not-yet-in-force",
};

const char *pk_regime_name(pk_regime g)
{
    return (unsigned)g < sizeof regime_names / sizeof regime_names[0]
               ? regime_names[g]
               : "";
}

pk_regime pk_report_regime(const pk_report *r)
{
    return r != NULL ? r->regime : PK_REGIME_IN_FORCE;
}

const char *pk_report_regime_text(const pk_report *r, pk_lang lang)
{
    const char *t;

    if (r == NULL)
        return "";
    t = r->regime_text[lang == PK_LANG_VI ? 0 : 1];
    return t != NULL ? t : "";
}

static void dmy(const char *iso, char out[11])
{
    if (strlen(iso) == 10)
        snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, 11, "%s", iso);
}

int pk_regime_mark(pk_report *r, int64_t date, int64_t *values_date)
{
    const pk_pack *p = r->pack;
    const char *edge;
    char buf[2][1024], d[2][11];
    const char *title[2];

    *values_date = date;
    if (date > p->until) {
        r->regime = PK_REGIME_SUPERSEDED;
        *values_date = p->until;
        edge = p->until_text;
    } else if (date < p->from) {
        r->regime = PK_REGIME_NOT_YET;
        *values_date = p->from;
        edge = p->from_text;
    } else {
        return PK_OK;
    }
    for (int l = 0; l < 2; l++)
        title[l] = p->title[l] != NULL ? p->title[l] : p->id;
    dmy(r->date, d[0]);
    dmy(edge, d[1]);
    if (r->regime == PK_REGIME_SUPERSEDED) {
        snprintf(buf[0], sizeof buf[0],
                 "Hồ sơ ghi ngày %s nhưng được kiểm tra, theo yêu cầu, theo "
                 "%.400s, văn bản chỉ áp dụng đến hết ngày %s: vào ngày của "
                 "hồ sơ, các quy định này đã được thay thế. Kết quả dưới đây "
                 "không phải là kết quả theo quy định đang có hiệu lực.",
                 d[0], title[0], d[1]);
        snprintf(buf[1], sizeof buf[1],
                 "The dossier is dated %s but was checked, on request, under "
                 "%.400s, which applied only until %s: on the dossier's date "
                 "these rules had been superseded. This is not a check "
                 "against the rules in force.",
                 r->date, title[1], edge);
    } else {
        snprintf(buf[0], sizeof buf[0],
                 "Hồ sơ ghi ngày %s nhưng được kiểm tra, theo yêu cầu, theo "
                 "%.400s, văn bản chỉ áp dụng từ ngày %s: vào ngày của hồ "
                 "sơ, các quy định này chưa có hiệu lực. Kết quả dưới đây "
                 "không phải là kết quả theo quy định đang có hiệu lực.",
                 d[0], title[0], d[1]);
        snprintf(buf[1], sizeof buf[1],
                 "The dossier is dated %s but was checked, on request, under "
                 "%.400s, which applies only from %s: on the dossier's date "
                 "these rules were not yet in force. This is not a check "
                 "against the rules in force.",
                 r->date, title[1], edge);
    }
    for (int l = 0; l < 2; l++) {
        r->regime_text[l] = pk_arena_strdup(&r->arena, buf[l]);
        if (r->regime_text[l] == NULL)
            return PK_ENOMEM;
    }
    return PK_OK;
}
