/* A loaded dossier format: finding its elements, attributes and the
 * names of its vocabularies. Loading is format.c's; the reader, paths and
 * value typing need only this. */
#include <string.h>

#include "format.h"

uint32_t pk_format_child(const pk_dformat *f, uint32_t parent, const char *name)
{
    const pk_felem *p = &f->elems[parent];

    for (size_t i = 0; i < p->nchildren; i++)
        if (strcmp(f->elems[p->children[i]].name, name) == 0)
            return p->children[i];
    return PK_NONE;
}

uint32_t pk_format_attr(const pk_dformat *f, uint32_t elem, const char *name)
{
    const pk_felem *e = &f->elems[elem];

    if (name == NULL)
        return PK_NONE;
    for (uint32_t i = 0; i < e->nattrs; i++)
        if (strcmp(e->attrs[i].name, name) == 0)
            return i;
    return PK_NONE;
}

const pk_vocab *pk_fvalue_vocab(const pk_fvalue *v, const pk_val *attrs)
{
    const pk_val *dep;

    if (v->ncases == 0)
        return &v->vocab;
    if (v->depends_on == PK_NONE || attrs == NULL)
        return NULL;
    dep = &attrs[v->depends_on];
    if (dep->kind != PK_V_TEXT)
        return NULL;
    for (size_t i = 0; i < v->ncases; i++)
        if (strcmp(v->case_when[i], dep->text) == 0)
            return &v->case_vocab[i];
    return NULL;
}

const pk_vocab *pk_format_kinds(const pk_dformat *f)
{
    const pk_felem *e;
    uint32_t a;

    if (f->role_at[PK_ROLE_KIND].elem == PK_NONE)
        return NULL;
    e = &f->elems[f->role_at[PK_ROLE_KIND].elem];
    a = f->role_at[PK_ROLE_KIND].attr;
    return a == PK_NONE ? &e->value.vocab : &e->attrs[a].value.vocab;
}

const char *pk_vocab_name(const void *vocab, size_t i)
{
    return ((const pk_vocab *)vocab)->names[i];
}

int pk_vocab_find(const pk_vocab *v, const char *name)
{
    long at = pk_strindex_find(&v->index, name, pk_vocab_name, v);

    if (at != -2)
        return (int)at;
    for (size_t i = 0; i < v->count; i++)
        if (strcmp(v->names[i], name) == 0)
            return (int)i;
    return -1;
}

const char *pk_vocab_label_n(const pk_vocab *v, const char *name, size_t n,
                             int lang)
{
    long i = v != NULL
                 ? pk_strindex_find_n(&v->index, name, n, pk_vocab_name, v)
                 : -1;

    if (i == -2) /* no index */
        for (size_t k = 0; k < v->count && i < 0; k++)
            if (strncmp(v->names[k], name, n) == 0 && v->names[k][n] == '\0')
                i = (long)k;
    if (i < 0 || v->labels[lang] == NULL || v->labels[lang][i] == NULL)
        return NULL;
    return v->labels[lang][i];
}

const char *pk_vocab_label(const pk_vocab *v, const char *name, int lang)
{
    int i = v != NULL ? pk_vocab_find(v, name) : -1;

    if (i < 0 || v->labels[lang] == NULL || v->labels[lang][i] == NULL)
        return name;
    return v->labels[lang][i];
}

/* <label value="…" vi="…" en="…"/> children give people's words for the
 * names of a vocabulary (and of its cases). */
