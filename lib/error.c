/* Errors, problem lists, names of enumerations, and the version. */
#include "internal.h"
#include "messages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pk_strerror(int code)
{
    switch (code) {
    case PK_OK:
        return "success";
    case PK_ENOMEM:
        return "out of memory";
    case PK_EINVAL:
        return "invalid argument";
    case PK_EIO:
        return "input/output error";
    case PK_ETOOBIG:
        return "input too large";
    case PK_EENCODING:
        return "invalid encoding";
    case PK_EXML:
        return "XML not well-formed";
    case PK_EDOCTYPE:
        return "DOCTYPE refused";
    case PK_ELIMIT:
        return "safety limit reached";
    case PK_EFORMAT:
        return "not a dossier of a known format";
    case PK_EVALUE:
        return "invalid value";
    case PK_ERULES:
        return "unusable rule pack";
    case PK_ENOPACK:
        return "no rule pack in force";
    case PK_ERANGE:
        return "number out of range";
    default:
        return "unknown error";
    }
}

const char *pk_version(void)
{
    return PK_VERSION_STRING;
}

unsigned pk_version_number(void)
{
    return PK_VERSION_NUMBER;
}

void pk_error_setv(pk_error *err, int code, const char *source, unsigned line,
                   unsigned column, const char *fmt, va_list ap)
{
    if (err == NULL)
        return;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->source, sizeof err->source, "%s",
             source != NULL ? source : "");
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    err->id = 0;
    err->offset = PK_NO_OFFSET;
    err->nargs = 0;
    err->args[0] = '\0';
}

void pk_error_say(pk_error *err, int code, unsigned id, const char *source,
                  unsigned line, unsigned column, size_t offset, size_t nargs,
                  const char *const *args)
{
    size_t used = 0;

    if (err == NULL)
        return;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->source, sizeof err->source, "%s",
             source != NULL ? source : "");
    err->id = id;
    err->offset = offset;
    /* Each argument packed after the one before, cut to what is left. */
    err->nargs = 0;
    for (size_t i = 0; i < nargs && used < sizeof err->args; i++) {
        size_t room = sizeof err->args - used - 1;
        size_t n = strlen(args[i]);
        if (n > room)
            n = room;
        memcpy(err->args + used, args[i], n);
        err->args[used + n] = '\0';
        used += n + 1;
        err->nargs++;
    }
    pk_msg_render(id, 1, err->args, err->nargs, err->message,
                  sizeof err->message);
}

size_t pk_error_text(const pk_error *err, pk_lang lang, char *buf, size_t size)
{
    if (err == NULL) {
        if (size > 0)
            buf[0] = '\0';
        return 0;
    }
    if (err->id == 0)
        return (size_t)snprintf(buf, size, "%s", err->message);
    return pk_msg_render(err->id, lang == PK_LANG_VI ? 0 : 1, err->args,
                         err->nargs, buf, size);
}

void pk_error_set(pk_error *err, int code, const char *source, unsigned line,
                  unsigned column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    pk_error_setv(err, code, source, line, column, fmt, ap);
    va_end(ap);
}

static int problems_grow(pk_problems *p)
{
    size_t cap = p->cap ? p->cap * 2 : 4;
    pk_error *items;
    unsigned char *w;
    char **vi;

    if (p->count < p->cap)
        return PK_OK;
    items = realloc(p->items, cap * sizeof *items);
    if (items == NULL)
        return PK_ENOMEM;
    p->items = items;
    w = realloc(p->warning, cap);
    if (w == NULL)
        return PK_ENOMEM;
    p->warning = w;
    vi = realloc(p->vi, cap * sizeof *vi);
    if (vi == NULL)
        return PK_ENOMEM;
    p->vi = vi;
    p->cap = cap;
    return PK_OK;
}

int pk_problems_add(pk_problems *p, int warning, int code, const char *source,
                    unsigned line, unsigned column, const char *fmt, ...)
{
    va_list ap;

    if (problems_grow(p) != PK_OK)
        return PK_ENOMEM;
    va_start(ap, fmt);
    pk_error_setv(&p->items[p->count], code, source, line, column, fmt, ap);
    va_end(ap);
    p->warning[p->count] = (unsigned char)(warning != 0);
    p->vi[p->count] = NULL;
    p->count++;
    if (!warning)
        p->errors++;
    return PK_OK;
}

int pk_problems_add2(pk_problems *p, int warning, int code, const char *source,
                     unsigned line, unsigned column, const char *en,
                     const char *vi)
{
    char *copy = NULL;

    if (vi != NULL && *vi != '\0') {
        copy = strdup(vi);
        if (copy == NULL)
            return PK_ENOMEM;
    }
    if (pk_problems_add(p, warning, code, source, line, column, "%s", en) !=
        PK_OK) {
        free(copy);
        return PK_ENOMEM;
    }
    p->vi[p->count - 1] = copy;
    return PK_OK;
}

int pk_problems_add_error(pk_problems *p, int warning, const pk_error *e,
                          const char *source)
{
    char vi[PK_ERROR_TEXT_MAX];
    pk_error *to;

    if (e->id != 0)
        pk_error_text(e, PK_LANG_VI, vi, sizeof vi);
    if (pk_problems_add2(p, warning, e->code, e->source[0] ? e->source : source,
                         e->line, e->column, e->message,
                         e->id != 0 ? vi : NULL) != PK_OK)
        return PK_ENOMEM;
    to = &p->items[p->count - 1];
    to->id = e->id;
    to->offset = e->offset;
    to->nargs = e->nargs;
    memcpy(to->args, e->args, sizeof to->args);
    return PK_OK;
}

void pk_problems_free(pk_problems *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->vi[i]);
    free(p->vi);
    free(p->items);
    free(p->warning);
    memset(p, 0, sizeof *p);
}

const char *pk_status_name(pk_status s)
{
    switch (s) {
    case PK_STATUS_PASS:
        return "pass";
    case PK_STATUS_FAIL:
        return "fail";
    case PK_STATUS_UNKNOWN:
        return "unknown";
    case PK_STATUS_NOT_APPLICABLE:
        return "not-applicable";
    case PK_STATUS_ERROR:
        return "error";
    case PK_STATUS_OPEN:
        return "open";
    }
    return "unknown";
}

const char *pk_verdict_name(pk_verdict v)
{
    switch (v) {
    case PK_VERDICT_ELIGIBLE:
        return "eligible";
    case PK_VERDICT_INCOMPLETE:
        return "incomplete";
    case PK_VERDICT_NOT_ELIGIBLE:
        return "not-eligible";
    case PK_VERDICT_INVALID:
        return "invalid";
    case PK_VERDICT_NEEDS_RULING:
        return "needs-ruling";
    }
    return "invalid";
}

int pk_verdict_rank(pk_verdict v)
{
    switch (v) {
    case PK_VERDICT_ELIGIBLE:
        return 0;
    case PK_VERDICT_INCOMPLETE:
        return 1;
    case PK_VERDICT_NEEDS_RULING:
        return 2;
    case PK_VERDICT_NOT_ELIGIBLE:
        return 3;
    case PK_VERDICT_INVALID:
        return 4;
    }
    return -1;
}

const char *pk_category_name(pk_category c)
{
    return c == PK_CATEGORY_DOCUMENT ? "document" : "criterion";
}

const char *pk_severity_name(pk_severity s)
{
    return s == PK_SEVERITY_ADVISORY ? "advisory" : "mandatory";
}

pk_lang pk_lang_from_locale(const char *locale)
{
    if (locale != NULL && locale[0] == 'v' && locale[1] == 'i' &&
        (locale[2] == '\0' || locale[2] == '_' || locale[2] == '-' ||
         locale[2] == '.' || locale[2] == '@'))
        return PK_LANG_VI;
    return PK_LANG_EN;
}
