/* The toolkit of the loaders of trusted XML files (the dossier format
 * description, rule packs): problems at a node's line:column, first one
 * kept, out of memory said once, and the small readers every such file
 * needs. */
#include "loader.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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

void pk_load_problemv(pk_loader *L, const xmlNode *node, const char *attr,
                      const char *fmt, va_list ap)
{
    pk_error e;
    unsigned line = 0, col = 0;

    /* Once memory has run out, what looks wrong may only be what could
     * not be copied: the load fails with PK_ENOMEM, and nothing else. */
    if (L->oom)
        return;
    if (node != NULL)
        pk_xmldoc_pos(&L->x, node, attr, &line, &col);
    pk_error_setv(&e, L->code, L->x.source, line, col, fmt, ap);
    if (L->problems == 0 && L->err != NULL)
        *L->err = e;
    L->problems++;
    if (L->on_problem != NULL)
        L->on_problem(L->userdata, &e);
}

void pk_load_problem(pk_loader *L, const xmlNode *node, const char *attr,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    pk_load_problemv(L, node, attr, fmt, ap);
    va_end(ap);
}

void pk_load_say(pk_loader *L, const xmlNode *node, const char *attr,
                 unsigned id, size_t nargs, const char *const *args)
{
    pk_error e;
    unsigned line = 0, col = 0;

    /* as pk_load_problemv(): nothing once memory has run out */
    if (L->oom)
        return;
    if (node != NULL)
        pk_xmldoc_pos(&L->x, node, attr, &line, &col);
    pk_error_say(&e, L->code, id, L->x.source, line, col, PK_NO_OFFSET, nargs,
                 args);
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
        pk_error_say(L->err, PK_ENOMEM, PK_MSG_NOMEM, L->x.source, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
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
int pk_load_texts(pk_loader *L, xmlNode *parent, const char *name, char *out[2],
                  int required)
{
    for (xmlNode *c = pk_xml_elem(parent->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *lang;
        int li;
        if (!pk_xml_is(c, name))
            continue;
        lang = pk_xml_attr(c, "lang");
        li = lang == NULL              ? -1
             : strcmp(lang, "vi") == 0 ? 0
             : strcmp(lang, "en") == 0 ? 1
                                       : -1;
        if (li < 0) {
            pk_load_say(L, c, "lang", PK_MSG_NEEDS_LANG, PK_ARGS(name));
            continue;
        }
        if (out[li] != NULL) {
            pk_load_say(L, c, NULL, PK_MSG_SECOND_TEXT, PK_ARGS(name, lang));
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
        pk_load_say(L, parent, NULL,
                    out[0] == NULL ? PK_MSG_LACKS_VIETNAMESE
                                   : PK_MSG_LACKS_ENGLISH,
                    PK_ARGS((const char *)parent->name, name));
    return PK_OK;
}

int pk_load_date(pk_loader *L, xmlNode *node, const char *attr, int64_t *days,
                 int64_t dflt)
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
        pk_load_say(L, node, NULL, PK_MSG_UNKNOWN_ITEM,
                    PK_ARGS((const char *)node->name, container));
        return NULL;
    }
    if (id == NULL || *id == '\0') {
        pk_load_say(L, node, NULL, PK_MSG_NEEDS_ID, PK_ARGS(name));
        return NULL;
    }
    pk_load_check_id(L, node, id);
    return id;
}

void pk_load_check_id(pk_loader *L, xmlNode *node, const char *id)
{
    if (id == NULL || *id == '\0') {
        pk_load_say(L, node, NULL, PK_MSG_NEEDS_ID,
                    PK_ARGS((const char *)node->name));
        return;
    }
    for (const char *s = id; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-' || *s == '.')) {
            pk_load_say(L, node, "id", PK_MSG_ID_LETTERS, PK_ARGS(id));
            return;
        }
}
