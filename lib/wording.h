/*
 * wording.h - the pieces a result is worded with: a comparison's value and
 * threshold, a set's names as their labels, an operator's symbol, a
 * label's capital, UTF-8 read a character at a time. The words of the
 * results (render.c) are made with them and the writers (writers/)
 * word the rest with the same, so that both say a thing one way. It sits
 * below the writers: lib/ never includes writers/writers.h.
 * Internal to libparkcheck.
 */
#ifndef PK_WORDING_H
#define PK_WORDING_H

#include <stddef.h>

#include "internal.h"
#include "strbuf.h"

struct pk_vocab;

/* ---- defined in render.c ---- */

/* Writes out in lang what the result getters hand out (the message, the
 * comparison, the citation) where not done yet: a writer calls it before
 * it formats, and fails with what it returns (PK_ENOMEM). The public
 * getters write out one text the same way when asked first, and give ""
 * when memory runs out (render.c). */
int pk_report_render(const pk_report *r, pk_lang lang);

/* The same for one result: its citation, and when words is set its
 * comparison and its message. 0 or PK_ENOMEM. */
int pk_result_render(const pk_result *res, pk_lang lang, int words);

/* The deciding comparison of res in words of lang (render.c): what was
 * read ("có", "15,47 ha", "tờ trình; đề án") and what the rule requires
 * ("có", "≥ 60%", "có đề án", "ít nhất một mục"). A yes/no, a text or a
 * set is never written as a number. 0, PK_EINVAL when res has no
 * comparison, or PK_ENOMEM. */
int pk_writer_append_cmp_value(pk_strbuf *sb, const pk_result *res,
                               pk_lang lang);
int pk_writer_append_cmp_required(pk_strbuf *sb, const pk_result *res,
                                  pk_lang lang);

/* Whether the deciding comparison's value differs from its threshold by
 * less than their ordinary rounding shows, so that it is written with more
 * digits or as a fraction (render.c): a list of the values read then
 * writes it as pk_writer_append_cmp_value() does. */
int pk_writer_cmp_value_parted(const pk_result *res);

/* The two sides of the deciding comparison in words, as
 * pk_writer_append_cmp_value() and pk_writer_append_cmp_required() write
 * them, written once per report and language and kept with the report:
 * NULL without a comparison or when memory runs out. */
const char *pk_result_cmp_value_text(const pk_result *res, pk_lang lang);
const char *pk_result_cmp_required_text(const pk_result *res, pk_lang lang);

/* How far the deciding comparison's value is from its threshold, as a
 * rule's message writes it ({shortfall}): in the value's unit, a
 * difference of shares in percentage points ("8,61 điểm phần trăm"), of
 * dates in days, never written 0 when it is not. Not the side: the caller
 * says "short by" or "over by". 0, PK_EINVAL when res has no comparison
 * of numbers or dates, or PK_ENOMEM. */
int pk_writer_append_result_shortfall(pk_strbuf *sb, const pk_result *res,
                                      pk_lang lang);

/* The unit of a difference of shares, "điểm phần trăm" / "percentage
 * points", as pk_writer_append_result_shortfall() writes it. Static. */
const char *pk_writer_word_points(pk_lang lang);

/* What the score measures, in one line of lang (render.c). Static. */
const char *pk_writer_score_meaning(pk_lang lang);

/* Appends s with its first letter in upper case (ASCII and the Latin
 * letters Vietnamese uses), for a label that starts a line. */
int pk_writer_append_capitalised(pk_strbuf *sb, const char *s);

/* ---- defined in wording.c ---- */

/* Decodes the UTF-8 sequence at s (len >= 1 bytes). Returns its code point
 * and sets *adv to its length; or, for an ill-formed sequence (a bad lead
 * byte, a bad or missing continuation byte, an overlong form, a surrogate,
 * beyond U+10FFFF), returns -1 and sets *adv to the length of its maximal
 * subpart (at least 1), so each ill-formed part is one U+FFFD. */
long pk_utf8_next(const char *s, size_t len, size_t *adv);

/* The bytes of U+FFFD, the replacement character. */
#define PK_UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* The format description whose words r's writers use (NULL for none). */
const pk_dformat *pk_writer_dformat(const pk_report *r);

/* Appends the names of a set (joined by spaces, as a set's text is) as
 * their labels in voc in lang, sep between them. 1 when the list holds no
 * name (nothing appended), else 0 or PK_ENOMEM. */
int pk_writer_append_names(pk_strbuf *sb, const char *joined,
                           const struct pk_vocab *voc, const char *sep,
                           pk_lang lang);

/* A yes/no answer in words ("có"/"không", "yes"/"no"): the one way every
 * format says it. 0 or PK_ENOMEM. */
int pk_writer_append_yes_no(pk_strbuf *sb, int yes, pk_lang lang);

/* The answers of a set read from yes/no values (the dossier's reader
 * keeps them as "true" and "false"), in words, comma-separated; 1 (nothing
 * appended) when the set is empty or a member is neither, to be written
 * as a set of names instead; else 0 or PK_ENOMEM. */
int pk_writer_append_yes_no_set(pk_strbuf *sb, const char *names, pk_lang lang);

/* The symbol of a comparison operator ("ge" gives "≥"), or op itself. */
const char *pk_writer_op_symbol(const char *op);

#endif /* PK_WORDING_H */
