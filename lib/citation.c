/* Citations of the law: read from a pack (<citation article= clause=
 * point=>) and written out for people in the words the dossier format
 * gives (its <words>' <citation part=…>); the built-in format's words
 * (pk_cite_builtin) for a format that gives none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "format.h"
#include "pack_load.h"
#include "words.h"

_Static_assert(PK_CITE_PARTS *PK_CITE_WORD_MAX + 4 + 4 + 7 < PK_CITE_TEXT_MAX,
               "a whole citation fits a rule's cite_text");

/* A writer that counts what it could not fit, as snprintf does. */
typedef struct {
    char *buf;
    size_t size, len;
} cite_out;

static void put(cite_out *o, const char *s, size_t n)
{
    if (o->len + 1 < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

/* One part: its words (which have one {n}, as the format's loader and
 * tools/builtin_words.py check) with the number or letter n, len bytes,
 * where {n} is. */
static void part(cite_out *o, const char *words, const char *n, size_t len)
{
    const char *at = strstr(words, "{n}");

    put(o, words, (size_t)(at - words));
    put(o, n, len);
    put(o, at + 3, strlen(at + 3));
}

size_t pk_cite_write(const pk_dformat *f, const pk_citation *c, pk_lang lang,
                     char *buf, size_t size)
{
    const struct pk_words *w = f != NULL ? f->words : NULL;
    int l = lang == PK_LANG_VI ? 0 : 1;
    const char *words[PK_CITE_PARTS];
    cite_out o = {buf, size, 0};
    char n[16];

    for (int i = 0; i < PK_CITE_PARTS; i++)
        words[i] = w != NULL && w->cite[0][0] != NULL ? w->cite[i][l]
                                                      : pk_cite_builtin[i][l];
    snprintf(n, sizeof n, "%d", c->article);
    part(&o, words[PK_CITE_ARTICLE], n, strlen(n));
    if (c->clause != 0) {
        snprintf(n, sizeof n, "%d", c->clause);
        part(&o, words[PK_CITE_CLAUSE], n, strlen(n));
        /* a caller's point may fill its array with no NUL */
        if (c->point[0] != '\0')
            part(&o, words[PK_CITE_POINT], c->point,
                 strnlen(c->point, sizeof c->point));
    }
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
}

size_t pk_citation_format(const pk_citation *c, pk_lang lang, char *buf,
                          size_t size)
{
    return pk_cite_write(NULL, c, lang, buf, size);
}

size_t pk_engine_citation_format(const pk_engine *engine, const pk_citation *c,
                                 pk_lang lang, char *buf, size_t size)
{
    return pk_cite_write(engine != NULL ? engine->format : NULL, c, lang, buf,
                         size);
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
