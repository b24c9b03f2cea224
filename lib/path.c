/* Simple location paths: "/a/b[@x='v']/c/@y", resolved against the
 * dossier format when a pack loads, so a typo is a load error and reading
 * a fact is a walk over the nodes of one element. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"

static int add_pred(pk_path *p, uint32_t elem, uint32_t attr, int neg,
                    const char *value, size_t vlen)
{
    pk_pred *np = realloc(p->preds, (p->npreds + 1) * sizeof *np);

    if (np == NULL)
        return PK_ENOMEM;
    p->preds = np;
    np[p->npreds].elem = elem;
    np[p->npreds].attr = attr;
    np[p->npreds].neg = neg;
    np[p->npreds].value = malloc(vlen + 1);
    if (np[p->npreds].value == NULL)
        return PK_ENOMEM;
    memcpy(np[p->npreds].value, value, vlen);
    np[p->npreds].value[vlen] = '\0';
    p->npreds++;
    return PK_OK;
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

int pk_path_compile(const pk_dformat *f, const char *text, pk_path *out,
                    char *msg, size_t msglen)
{
    const char *s = text;
    uint32_t elem = PK_NONE;
    int rc;

    memset(out, 0, sizeof *out);
    out->elem = PK_NONE;
    out->attr = PK_NONE;
    out->scope = PK_NONE;
    if (*s != '/') {
        snprintf(msg, msglen, "path \"%s\" must start with '/'", text);
        return PK_ERULES;
    }
    while (*s == '/') {
        const char *name = ++s;
        size_t n;
        char buf[128];

        if (*s == '@') {
            name = ++s;
            while (is_name_char(*s))
                s++;
            n = (size_t)(s - name);
            if (elem == PK_NONE || n == 0 || n >= sizeof buf || *s != '\0') {
                snprintf(msg, msglen,
                         "path \"%s\": an attribute step must come last", text);
                goto bad;
            }
            memcpy(buf, name, n);
            buf[n] = '\0';
            out->attr = pk_format_attr(f, elem, buf);
            if (out->attr == PK_NONE) {
                snprintf(msg, msglen,
                         "path \"%s\": <%s> has no attribute \"%s\" in the "
                         "dossier format",
                         text, f->elems[elem].name, buf);
                goto bad;
            }
            break;
        }
        while (is_name_char(*s))
            s++;
        n = (size_t)(s - name);
        if (n == 0 || n >= sizeof buf) {
            snprintf(msg, msglen, "path \"%s\": empty or overlong step", text);
            goto bad;
        }
        memcpy(buf, name, n);
        buf[n] = '\0';
        if (elem == PK_NONE) {
            if (strcmp(buf, f->elems[0].name) != 0) {
                snprintf(msg, msglen, "path \"%s\" must start at /%s", text,
                         f->elems[0].name);
                goto bad;
            }
            elem = 0;
        } else {
            uint32_t child = pk_format_child(f, elem, buf);
            if (child == PK_NONE) {
                snprintf(msg, msglen,
                         "path \"%s\": <%s> has no child <%s> in the dossier "
                         "format",
                         text, f->elems[elem].name, buf);
                goto bad;
            }
            if (f->elems[child].repeat && out->scope == PK_NONE)
                out->scope = elem;
            elem = child;
        }
        while (*s == '[') {
            const char *an, *val;
            size_t alen;
            char q, abuf[128];
            uint32_t ai;
            int neg;

            if (s[1] != '@') {
                snprintf(msg, msglen,
                         "path \"%s\": only [@attribute='value'] predicates "
                         "are allowed; use xpath for more",
                         text);
                goto bad;
            }
            an = s + 2;
            s = an;
            while (is_name_char(*s))
                s++;
            alen = (size_t)(s - an);
            neg = *s == '!';
            if (neg)
                s++;
            if (alen == 0 || alen >= sizeof abuf || *s != '=' ||
                (s[1] != '\'' && s[1] != '"')) {
                snprintf(msg, msglen,
                         "path \"%s\": expected [@attribute='value'] or "
                         "[@attribute!='value']",
                         text);
                goto bad;
            }
            memcpy(abuf, an, alen);
            abuf[alen] = '\0';
            q = s[1];
            val = s + 2;
            s = strchr(val, q);
            if (s == NULL || s[1] != ']') {
                snprintf(msg, msglen, "path \"%s\": unclosed predicate", text);
                goto bad;
            }
            ai = pk_format_attr(f, elem, abuf);
            if (ai == PK_NONE) {
                snprintf(msg, msglen,
                         "path \"%s\": <%s> has no attribute \"%s\"", text,
                         f->elems[elem].name, abuf);
                goto bad;
            }
            {
                const pk_fvalue *v = &f->elems[elem].attrs[ai].value;
                char vbuf[128];
                size_t vlen = (size_t)(s - val);
                int known = 1;
                if (vlen >= sizeof vbuf)
                    vlen = sizeof vbuf - 1;
                memcpy(vbuf, val, vlen);
                vbuf[vlen] = '\0';
                if (v->type == PK_T_ENUM) {
                    known = pk_vocab_find(&v->vocab, vbuf) >= 0;
                    for (size_t c = 0; !known && c < v->ncases; c++)
                        known = pk_vocab_find(&v->case_vocab[c], vbuf) >= 0;
                } else if (v->type == PK_T_BOOL) {
                    known =
                        strcmp(vbuf, "true") == 0 || strcmp(vbuf, "false") == 0;
                } else if (v->type != PK_T_TEXT) {
                    known = 0;
                }
                if (!known) {
                    snprintf(msg, msglen,
                             "path \"%s\": \"%s\" is not a value of <%s %s>",
                             text, vbuf, f->elems[elem].name, abuf);
                    goto bad;
                }
            }
            rc = add_pred(out, elem, ai, neg, val, (size_t)(s - val));
            if (rc != PK_OK) {
                snprintf(msg, msglen, "out of memory");
                pk_path_free(out);
                return rc;
            }
            s += 2;
        }
    }
    if (*s != '\0' || elem == PK_NONE) {
        snprintf(msg, msglen, "path \"%s\": unexpected \"%s\"", text, s);
        goto bad;
    }
    out->elem = elem;
    return PK_OK;
bad:
    pk_path_free(out);
    return PK_ERULES;
}

void pk_path_free(pk_path *p)
{
    for (size_t i = 0; i < p->npreds; i++)
        free(p->preds[i].value);
    free(p->preds);
    p->preds = NULL;
    p->npreds = 0;
}

static int pred_holds(const pk_pred *pr, const pk_val *v)
{
    if (v->kind == PK_V_TEXT)
        return (strcmp(v->text, pr->value) == 0) != pr->neg;
    if (v->kind == PK_V_BOOL)
        return (strcmp(v->boolean ? "true" : "false", pr->value) == 0) !=
               pr->neg;
    /* Absent: not that value. Invalid: matches neither way here;
     * pk_path_undecided() tells the facts that read it. */
    return v->kind == PK_V_MISSING && pr->neg;
}

int pk_path_undecided(const pk_path *p, const pk_dossier *d, uint32_t node,
                      const pk_val **bad)
{
    const pk_val *unsure = NULL;

    for (size_t i = 0; i < p->npreds; i++) {
        uint32_t n = node;
        const pk_val *v;
        while (n != PK_NONE && d->nodes[n].elem != p->preds[i].elem)
            n = d->nodes[n].parent;
        if (n == PK_NONE)
            return 0; /* not on the path at all */
        v = &d->nodes[n].attrs[p->preds[i].attr];
        if (v->kind == PK_V_INVALID) {
            if (unsure == NULL)
                unsure = v;
        } else if (!pred_holds(&p->preds[i], v)) {
            return 0; /* another predicate decides: not on the path */
        }
    }
    *bad = unsure;
    return unsure != NULL;
}

int pk_path_match(const pk_path *p, const pk_dossier *d, uint32_t node)
{
    for (size_t i = 0; i < p->npreds; i++) {
        uint32_t n = node;
        while (n != PK_NONE && d->nodes[n].elem != p->preds[i].elem)
            n = d->nodes[n].parent;
        if (n == PK_NONE ||
            !pred_holds(&p->preds[i], &d->nodes[n].attrs[p->preds[i].attr]))
            return 0;
    }
    return 1;
}

int pk_path_match_above(const pk_path *p, const pk_dossier *d, uint32_t node)
{
    for (size_t i = 0; i < p->npreds; i++) {
        uint32_t n = node;
        while (n != PK_NONE && d->nodes[n].elem != p->preds[i].elem)
            n = d->nodes[n].parent;
        if (n != PK_NONE &&
            !pred_holds(&p->preds[i], &d->nodes[n].attrs[p->preds[i].attr]))
            return 0;
    }
    return 1;
}
