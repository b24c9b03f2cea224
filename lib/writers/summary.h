/*
 * summary.h - why a dossier got its verdict, in a few words per column,
 * for the formats that list many dossiers a row each (the paged summary,
 * the CSV's reading columns, the spreadsheet). Internal to libparkcheck.
 *
 * Each function appends plain text (not escaped) in lang, the items
 * joined by sep, and returns 0 or PK_ENOMEM; nothing is appended when
 * there is nothing to say.
 */
#ifndef PK_SUMMARY_H
#define PK_SUMMARY_H

#include "writers.h"

/* Writes out in lang the words of r that the functions below read (the
 * results' citations, the messages of mandatory rules in error), so that
 * running out of memory fails the report rather than leave a word out:
 * 0 or PK_ENOMEM. The rest of the results' words are not needed. */
int pk_summary_render(const pk_report *r, pk_lang lang);

/* The verdict in the words a count uses ("Đủ điều kiện"), with the mark
 * of a verdict that is not one under the rules in force ("Đủ điều kiện
 * (tạm thời)", pk_writer_verdict_mark). */
int pk_summary_verdict(pk_strbuf *sb, const pk_writer *w, const pk_report *r);

/* The mandatory criteria that fail, each as its citation and what it
 * lacks, in the regime's words ("Art. 5(2): short by 150 people"); the
 * rule's title where the comparison is not of numbers. */
int pk_summary_failed(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                      const char *sep);

/* What the dossier does not say: the labels of the facts missing for the
 * mandatory criteria that cannot be decided, and the titles of the
 * mandatory documents not shown present; at most max items, then how
 * many more ("… và 4 mục khác"). */
int pk_summary_missing(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                       const char *sep, size_t max);

/* One reason of a dossier's verdict as a summary row says it, plain
 * ("Fails: Art. 5(2): short by 150 people"): which 0, the mandatory
 * criteria that fail; 1, what the dossier does not say. Nothing when
 * there is none. A dossier's own report says them under its verdict. */
int pk_summary_reason(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                      int which);

/* Why an invalid dossier is invalid: its first input error with its line
 * and column, else the first mandatory rule in error. Nothing for a
 * dossier that is not invalid. */
int pk_summary_invalid(pk_strbuf *sb, const pk_report *r, pk_lang lang);

/* The dossier's first warning with its line ("line 48: The park's total
 * land is 154,700 ha …: hardly a real figure …"), and how many more;
 * nothing when it has none. A figure hardly real is worth a reviewer's
 * look even when the verdict stands. */
int pk_summary_warning(pk_strbuf *sb, const pk_report *r, pk_lang lang);

/* Whether nothing of the dossier was read (a file missing, empty, not
 * XML…): no park, province, kind, date, pack or result. Its row says why
 * the file was not read and leaves the park and the rules unsaid. */
int pk_summary_unread(const pk_report *r);

/* The rule pack the dossier was checked under ("nd154-2013 1.1.0"), or
 * words saying none was in force; nothing for a dossier not read. */
int pk_summary_regime(pk_strbuf *sb, const pk_report *r, pk_lang lang);

/* The mandatory open rules' citations ("Art. 7(3)"). */
int pk_summary_open(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                    const char *sep);

/* Orders reports for a summary: by verdict (pk_verdict_rank, best first),
 * then by park name, then by file name, then by index; a qsort
 * comparator over pk_summary_key. */
typedef struct pk_summary_key {
    int rank;
    const char *park;   /* borrowed */
    const char *source; /* borrowed */
    const char *order;  /* borrowed: the park's collation key, or NULL */
    size_t index;
} pk_summary_key;
int pk_summary_key_cmp(const void *a, const void *b);

/* What a summary sorts a report by, after its verdict: the park's name
 * and a NUL, the file's and a NUL, then a key of the park's name that
 * sorts as the alphabet of lang does (Vietnamese: a ă â b c d đ e ê …, a
 * letter's tones after it; ICU's collation), and a NUL. PK_OK or
 * PK_ENOMEM; without a collator the key is the name itself. */
int pk_summary_sort_names(pk_strbuf *sb, const pk_report *r, pk_lang lang);

/* The formats that list a batch a row per dossier (writer_summary.c,
 * writer_xlsx.c). */
extern const pk_writer_ops pk_writer_summary_ops;
extern const pk_writer_ops pk_writer_xlsx_ops;

#endif /* PK_SUMMARY_H */
