/* format.h - the dossier format description (rules/schema/dossier-1.xml)
 * compiled into tables (format.c). */
#ifndef PK_FORMAT_H
#define PK_FORMAT_H

#include "strindex.h"
#include "value.h"

typedef enum pk_ftype {
    PK_T_NONE = 0, /* a container: no value of its own */
    PK_T_TEXT,
    PK_T_INTEGER,
    PK_T_DECIMAL,
    PK_T_QUANTITY, /* a decimal with a unit attribute, kept in base units */
    PK_T_BOOL,
    PK_T_DATE,
    PK_T_ENUM
} pk_ftype;

typedef struct pk_quantity {
    char *name; /* "area" */
    char *base; /* "ha" */
    size_t nunits;
    char **unit_names; /* "ha", "m2" */
    int64_t *per_base; /* how many of the unit make one base unit */
} pk_quantity;

/* A closed vocabulary, possibly depending on a sibling attribute's value. */
typedef struct pk_vocab {
    size_t count;
    char **names;
    char *joined;      /* "a, b, c" for messages */
    char **labels[2];  /* words for people (vi, en); NULL or entries NULL */
    pk_strindex index; /* the names, when the loader made it */
} pk_vocab;

typedef struct pk_fvalue {
    pk_ftype type;
    pk_vocab vocab;              /* PK_T_ENUM */
    const pk_quantity *quantity; /* PK_T_QUANTITY */
    uint32_t unit_attr;          /* PK_T_QUANTITY: the attribute index */
    uint32_t depends_on;         /* PK_T_ENUM: attribute index or PK_NONE */
    size_t ncases;               /* vocabularies by that attribute's value */
    char **case_when;
    pk_vocab *case_vocab;
} pk_fvalue;

typedef struct pk_fattr {
    char *name;
    pk_fvalue value;
    int required;
    /* says which kind of row it is (a document's type): filled in by the
     * template, it states nothing while the row's other fields are blank */
    int key;
    /* The values (bit i: vocabulary name i) by which the element says its
     * repeated children are not all listed: a set read through them may
     * hold more than it shows (a document whose contents are not
     * described). 0 for none. */
    uint64_t opens;
    char *label[2]; /* words for people (vi, en) from the description's
                       vi= and en=, or NULL */
} pk_fattr;

typedef enum pk_role {
    PK_ROLE_NONE = 0,
    PK_ROLE_KIND,
    PK_ROLE_DATE,
    PK_ROLE_NAME,
    PK_ROLE_PROVINCE,
    /* on a list's container: "there are none" said explicitly */
    PK_ROLE_NONE_MARK,
    PK_ROLE_COUNT
} pk_role;

typedef struct pk_felem {
    char *name;
    char *path;      /* "/dossier/land/total" */
    uint32_t parent; /* PK_NONE for the root */
    uint32_t depth;  /* root = 0 */
    int repeat;      /* may appear more than once under its parent */
    pk_fvalue value; /* of the text */
    size_t nattrs;
    pk_fattr *attrs;
    size_t nchildren;
    uint32_t *children;
    pk_role role;        /* of the text */
    pk_role *attr_roles; /* per attribute */
    char *label[2];      /* words for people (vi, en), or NULL */
} pk_felem;

typedef struct pk_dformat {
    char *source;
    char *version;
    size_t nelems;
    pk_felem *elems; /* [0] is the root */
    size_t nquantities;
    pk_quantity *quantities;
    /* Where the roles are: element index and attribute index (PK_NONE for
     * the element's text), or elem PK_NONE when the format has none. */
    struct {
        uint32_t elem, attr;
    } role_at[PK_ROLE_COUNT];
    /* the <checks> on the figures (bounds.h), or NULL */
    struct pk_bounds *bounds;
    /* the <words> a regime gives its reports (words.h), or NULL */
    struct pk_words *words;
} pk_dformat;

int pk_format_load(pk_dformat **out, const char *source, const char *data,
                   size_t len, pk_error *err);
void pk_format_free(pk_dformat *f);
uint32_t pk_format_child(const pk_dformat *f, uint32_t parent,
                         const char *name);
uint32_t pk_format_attr(const pk_dformat *f, uint32_t elem, const char *name);
/* The vocabulary an enum value is checked against, given the element's
 * other attribute values (NULL when the case cannot be chosen). */
const pk_vocab *pk_fvalue_vocab(const pk_fvalue *v, const pk_val *attrs);
/* Index of name in the vocabulary, or -1. */
/* Name i of a vocabulary (the key of its index). */
const char *pk_vocab_name(const void *vocab, size_t i);
int pk_vocab_find(const pk_vocab *v, const char *name);
/* The vocabulary of dossier kinds, or NULL when the format has none. */
const pk_vocab *pk_format_kinds(const pk_dformat *f);
/* The words for a name in lang (0 vi, 1 en), or the name itself. */
const char *pk_vocab_label(const pk_vocab *v, const char *name, int lang);
/* The label of the n bytes at name, or NULL when the vocabulary has none
 * for them (or no such name). */
const char *pk_vocab_label_n(const pk_vocab *v, const char *name, size_t n,
                             int lang);

#endif
