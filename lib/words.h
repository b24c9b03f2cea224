/* The words a regime gives its reports (the <words> of a dossier format
 * description): the title of a report and how a number in each unit is
 * written. Compiled with the format; read by every writer, message,
 * description and template, so that no unit or title is spelt in C. */
#ifndef PK_WORDS_H
#define PK_WORDS_H

#include "internal.h"
#include "strbuf.h"
#include "xmldoc.h"

typedef struct pk_unit_words {
    char *name;    /* as packs and the format name it: "m2" */
    char *word[2]; /* after a number, vi/en: "m²"; "" for a bare number */
    char *one[2];  /* after the number 1, where it differs ("person") */
} pk_unit_words;

/* A label of the regime's own, by name ("criteria"). */
typedef struct pk_word_label {
    char *name;
    char *word[2];
} pk_word_label;

struct pk_words {
    char *title[2]; /* a report's title, vi/en; NULL when not given */
    size_t nunits;
    pk_unit_words *units;
    size_t nlabels;
    pk_word_label *labels;
    char *note[2]; /* the template's note, vi/en, a line a line; or NULL */
};

/* Compiles a <words> element of the format; fills err on a bad one. */
int pk_words_load(pk_dformat *f, pk_xmldoc *x, xmlNode *node, pk_error *err);
void pk_words_free(struct pk_words *w);

/* The one unit policy: the word written after a number in unit, in lang
 * (0 vi, 1 en), its form for the number 1 when one is set. A unit the
 * format gives no words is written as its name; "" means the number
 * stands bare. Borrowed from the format. */
const char *pk_unit_word(const pk_dformat *f, const char *unit, int lang,
                         int one);

/* The regime's label called name in lang (0 vi, 1 en), or NULL. */
const char *pk_words_label(const pk_dformat *f, const char *name, int lang);

/* Appends " word" for number v in unit, or nothing when the number stands
 * bare. PK_OK or PK_ENOMEM. */
int pk_unit_append(pk_strbuf *sb, const pk_dformat *f, const char *unit,
                   double v, pk_lang lang);

#endif
