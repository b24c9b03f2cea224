/* Citations of the law: read from a pack (<citation article= clause=
 * point=>) and written out for people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

size_t pk_citation_format(const pk_citation *c, pk_lang lang, char *buf,
                          size_t size)
{
    int n;

    if (lang == PK_LANG_VI)
        n = snprintf(buf, size, "Điều %d%s%.0d%s%s", c->article,
                     c->clause ? " khoản " : "", c->clause,
                     c->point[0] ? " điểm " : "", c->point);
    else if (c->clause == 0)
        n = snprintf(buf, size, "Art. %d", c->article);
    else if (c->point[0] == '\0')
        n = snprintf(buf, size, "Art. %d(%d)", c->article, c->clause);
    else
        n = snprintf(buf, size, "Art. %d(%d)(%s)", c->article, c->clause,
                     c->point);
    return n < 0 ? 0 : (size_t)n;
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
