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

/* The parts of a citation, in the order they are written; the bytes of
 * each part's words besides its number, at most, so that a whole citation
 * (three parts, numbers up to 1000, a point of up to 7 bytes) fits the
 * PK_CITE_TEXT_MAX bytes a rule keeps it in. */
enum { PK_CITE_ARTICLE, PK_CITE_CLAUSE, PK_CITE_POINT, PK_CITE_PARTS };
#define PK_CITE_WORD_MAX 16

/* The built-in format's words (builtin_words.c, generated from it by
 * tools/builtin_words.py), written where a format gives none: how it
 * cites, by part and language, and a few labels, ended by a NULL name. */
typedef struct pk_builtin_label {
    const char *name;
    const char *word[2];
} pk_builtin_label;
extern const char *const pk_cite_builtin[PK_CITE_PARTS][2];
extern const pk_builtin_label pk_label_builtin[];

/* The label format f gives name in lang, or the built-in format's ("" for
 * a name neither carries). */
const char *pk_words_label_or_builtin(const pk_dformat *f, const char *name,
                                      int lang);

struct pk_words {
    char *title[2]; /* a report's title, vi/en; NULL when not given */
    size_t nunits;
    pk_unit_words *units;
    size_t nlabels;
    pk_word_label *labels;
    char *note[2]; /* the template's note, vi/en, a line a line; or NULL */
    /* How the law is cited, by part, vi/en, each with one "{n}" where the
     * number or letter goes ("Điều {n}", " khoản {n}"); all NULL when the
     * format gives none. */
    char *cite[PK_CITE_PARTS][2];
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

/* Writes citation c in lang the way format f cites its law (the built-in
 * format's way when f gives none) into buf, like snprintf: returns the
 * length it needs. A citation of an article alone heads a report's
 * article. */
size_t pk_cite_write(const pk_dformat *f, const pk_citation *c, pk_lang lang,
                     char *buf, size_t size);

/* Appends " word" for number v in unit, or nothing when the number stands
 * bare. PK_OK or PK_ENOMEM. */
int pk_unit_append(pk_strbuf *sb, const pk_dformat *f, const char *unit,
                   double v, pk_lang lang);

#endif
