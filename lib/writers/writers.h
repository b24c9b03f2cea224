/*
 * writers.h - the report writers' insides (internal to libparkcheck).
 *
 * pk_writer (writer.c) does what every format shares: checking the calls,
 * buffering each piece, handing it to the caller's write function in one
 * call, counting the verdicts. A format is one file that defines a
 * pk_writer_ops and is listed in writer.c's table; it sees reports only
 * through the public getters of parkcheck.h.
 */
#ifndef PK_WRITERS_H
#define PK_WRITERS_H

#include <stddef.h>

#include <parkcheck/parkcheck.h>

#include "strbuf.h"
#include "wording.h"
#include "words.h"

/* Number of pk_verdict values, and of pk_status values. */
#define PK_VERDICT_COUNT 5
#define PK_STATUS_COUNT 6

struct pk_writer {
    const struct pk_writer_ops *ops;
    const pk_engine *engine; /* may be NULL: no packs to list */
    pk_lang lang;
    pk_write_fn fn;
    void *userdata;
    pk_strbuf buf;                     /* the piece being written */
    size_t dossiers;                   /* reports written so far */
    size_t verdicts[PK_VERDICT_COUNT]; /* the same by verdict */
    size_t left_out;                   /* reports the caller left out of
                                          the output (pk_writer_leave_out) */
    size_t left_out_verdicts[PK_VERDICT_COUNT]; /* the same by verdict */
    int finished; /* pk_writer_finish() was called */
    int broken;   /* fn failed: nothing more can be written */
    void *state;  /* the format's own: ops->state_size bytes,
                     zeroed; NULL when state_size is 0 */
};

/* A report formatted ahead of its turn (pk_writer_format()): what the
 * format will write for it, made without touching the writer, so that any
 * thread can make one. text is what goes out when it is added; a format
 * that keeps its output until the end (HTML, JUnit) puts its parts in
 * part[] and its counts in counts[] as it likes. */
struct pk_writer_piece {
    const pk_writer *writer; /* made for this writer */
    size_t index;            /* as its index-th report, 0-based */
    pk_verdict verdict;      /* of the report (clamped to the known ones) */
    pk_strbuf text;
    pk_strbuf part[3];
    size_t counts[4];
};

/* One output format. begin runs in pk_writer_new(), finish once at the
 * end; each appends its text to out (an empty buffer) and returns 0 or
 * PK_ENOMEM.
 *
 * A report goes through two steps. format makes its piece (zeroed but for
 * writer, index and verdict): it may read only w->engine and w->lang,
 * which never change, because it runs on any thread, at the same time as
 * other format calls and as add_piece on the writing thread. add_piece
 * then takes the piece in, in index order, on the writer's thread: it
 * appends to out what goes out now and keeps in w->state what goes out at
 * the end, all or nothing; NULL means "append piece->text". pk_writer_add()
 * is the two in a row. The writer's counts (dossiers, verdicts) include the
 * piece only after add_piece returns. Any op may be NULL when the format
 * writes nothing at that point.
 *
 * A format whose add_piece is NULL may start every piece with lead bytes
 * that go between two reports (JSON's ",\n"): the first report written
 * goes out without them. Such a piece goes out as it is, not copied. */
typedef struct pk_writer_ops {
    const char *name; /* as --format spells it: "text", "json" */
    size_t state_size;
    int (*begin)(pk_writer *w, pk_strbuf *out);
    int (*format)(const pk_writer *w, const pk_report *report,
                  pk_writer_piece *piece);
    int (*add_piece)(pk_writer *w, const pk_writer_piece *piece,
                     pk_strbuf *out);
    int (*finish)(pk_writer *w, pk_strbuf *out);
    void (*release)(void *state); /* optional: frees what state holds */
    size_t lead; /* bytes of a piece that only follow another report */
} pk_writer_ops;

extern const pk_writer_ops pk_writer_text_ops;   /* text.c */
extern const pk_writer_ops pk_writer_json_ops;   /* json.c */
extern const pk_writer_ops pk_writer_html_ops;   /* html.c */
extern const pk_writer_ops pk_writer_csv_ops;    /* csv.c */
extern const pk_writer_ops pk_writer_junit_ops;  /* junit.c */
extern const pk_writer_ops pk_writer_ndjson_ops; /* ndjson.c */

/* Appends s as a JSON string, with the quotes: '"' and '\\' escaped,
 * \n \r \t as such, other control characters (U+0000-U+001F, U+007F) and
 * U+2028, U+2029 as \u00XX / \u2028; valid UTF-8 as it is; each ill-formed
 * part replaced by U+FFFD. NULL gives null. 0 or PK_ENOMEM. */
int pk_json_append_string(pk_strbuf *sb, const char *s);

/* Appends v as a JSON number: integers below 1e17 without a fraction,
 * larger ones in the shortest "%g" form that reads back as v (1e+300);
 * others as "%.15g" when that reads back as v (so a decimal of up to 15
 * digits comes out as written), else rounded to 12 significant digits
 * (which hides binary noise such as 0.6 - 0.55 = 0.04999999999999993);
 * "." as the radix whatever the locale; -0 as 0; NaN and infinities as
 * null. 0 or PK_ENOMEM. */
int pk_json_append_number(pk_strbuf *sb, double v);

/* Appends a fact's value as the JSON report writes it among a result's
 * values: a number, a string, true or false, a set as an array of its
 * names, {"invalid":true}, or null (v NULL or missing). 0 or PK_ENOMEM. */
int pk_json_append_value(pk_strbuf *sb, const pk_value_info *v);

/* Appends one dossier's report as the JSON object the JSON format puts in
 * its "dossiers" array (docs/json-report.md), on one line, with texts in
 * lang. Shared by the JSON and NDJSON formats so that the two never
 * drift apart. 0 or PK_ENOMEM. */
int pk_json_append_dossier(pk_strbuf *sb, const pk_report *report,
                           pk_lang lang);

/* How pk_xml_append_text() escapes. */
enum {
    /* The text goes in an attribute value: tab, line feed and carriage
     * return become character references, which attribute-value
     * normalisation would otherwise turn into spaces. */
    PK_XML_ATTR = 1,
    /* The text goes in an HTML page read by people: the C1 controls,
     * DEL and the bidirectional overrides and isolates (which make text
     * read other than it is) become U+FFFD. */
    PK_XML_HTML = 2
};

/* Appends s as XML 1.0 (or HTML) character data that is safe both in
 * element content and in a quoted attribute value: & < > " ' as
 * references; ill-formed UTF-8 as U+FFFD; the characters XML 1.0 forbids
 * (controls other than tab, line feed and carriage return; U+FFFE,
 * U+FFFF) dropped. flags: PK_XML_*. NULL appends nothing. 0 or
 * PK_ENOMEM. */
int pk_xml_append_text(pk_strbuf *sb, const char *s, unsigned flags);

/* Appends a value read for a rule as plain text for people, in lang:
 * numbers the language's way with their unit ("15,47 ha", "1,850
 * people"), ratios as percentages, booleans as yes/no, sets as their
 * names, a missing or invalid value in words. Not escaped. 0 or
 * PK_ENOMEM. */
int pk_writer_append_value(pk_strbuf *sb, const pk_dformat *f,
                           const pk_value_info *v, pk_lang lang);

/* Appends number v in unit ("ratio" as a percentage; any other unit in
 * the words format f gives it, pk_unit_word()), as pk_writer_append_value()
 * writes numbers. */
int pk_writer_append_quantity(pk_strbuf *sb, const pk_dformat *f, double v,
                              const char *unit, pk_lang lang);

/* The regime's label called name (pk_engine_word()) in the writer's
 * language, or fallback when its format description gives none; with a
 * NULL fallback, the built-in format's label. */
const char *pk_writer_word(const pk_writer *w, const char *name,
                           const char *fallback);

/* What a drafter is to fix for a rule that cannot be decided: for an
 * unknown one, the facts it lacks, each named once however many parts
 * lack it; for one in error, its invalid values, and when some of them
 * were read from the dossier only those (a figure computed from an
 * invalid one is invalid too; the one read is what to correct). Item i
 * of pk_writer_fix_count(res) is fact pk_writer_fix_id(res, i), or NULL
 * for an item not to name; 0 items for any other status. */
size_t pk_writer_fix_count(const pk_result *res);
const char *pk_writer_fix_id(const pk_result *res, size_t i);

/* The heading of a report's input problems when all of them are
 * warnings (the usual heading, "input errors" in Vietnamese, would say
 * otherwise). */
const char *pk_writer_warnings_head(pk_lang lang);

/* Said after "nothing mandatory is missing" when r lists items its pack
 * could not check (pk_report_unchecked_count()): that nothing is missing
 * holds only among what was checked. "" when it lists none. */
const char *pk_writer_checked_only(const pk_report *r, pk_lang lang);

/* The heading of an article of r's rules, the article cited alone as its
 * regime cites ("Art. 5" in the built-in one), written into buf; other
 * for the rules of no article (article 0). Not escaped. */
#define PK_WRITER_ARTICLE_MAX 64
const char *pk_writer_article(const pk_report *r, int article, pk_lang lang,
                              const char *other,
                              char buf[PK_WRITER_ARTICLE_MAX]);

/* The regime's word for status s or verdict v in one form ("status",
 * "status-document", "outcome"; "verdict", "verdict-plain"), in lang:
 * the format description's label "FORM:NAME" (pk_engine_word()), else
 * the status's or verdict's name ("pass") for want of words; "" for an
 * outcome, which only some statuses have. Borrowed from engine. */
const char *pk_writer_status_word(const pk_engine *engine, const char *form,
                                  pk_status s, pk_lang lang);
const char *pk_writer_verdict_word(const pk_engine *engine, const char *form,
                                   pk_verdict v, pk_lang lang);

/* Whether s says nothing (NULL or ""). */
static inline int pk_writer_is_empty(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* The title in the writer's language of the pack with this id, from the
 * writer's engine; NULL when it has none. */
const char *pk_writer_pack_title(const pk_writer *w, const char *id);

struct pk_vocab;

/* The articles the results of category cat cite, in the decree's order
 * (a rule may cite another article for another kind of dossier, so the
 * pack's order is not the articles'): the least article above last (-1
 * to begin), and in *first the index of its first result; -1 when there
 * is none left. */
int pk_writer_next_article(const pk_report *r, pk_category cat, int last,
                           size_t *first);

/* The batch's totals, which count the reports written and those left
 * out (pk_writer_leave_out()): how many had verdict v, and how many in
 * all. */
size_t pk_writer_batch_verdicts(const pk_writer *w, pk_verdict v);
size_t pk_writer_batch_size(const pk_writer *w);

/* Appends, for a batch some of whose reports were left out, how many
 * dossiers were checked and how many are shown, and the verdicts of
 * those left out in the regime's plain words: "4 dossiers checked, 2
 * shown (left out: Eligible, Incomplete)", in w's language. Not
 * escaped. 0 or PK_ENOMEM. */
int pk_writer_append_checked_shown(pk_strbuf *sb, const pk_writer *w);

/* Appends the value v that result res read, as pk_writer_append_value()
 * does, but with the format's names ("rnd") as their labels in lang, and
 * a set of the dossier's yes/no answers as yes/no ("yes, no"). */
int pk_writer_append_fact_value(pk_strbuf *sb, const pk_result *res,
                                const pk_value_info *v, pk_lang lang);

/* Appends where the fact fact_id of res's pack is written in a dossier,
 * as a drafter would type it: `<total> trong <workforce>`, `<zone
 * group="core" area="…"> in <zones>`; then, for a value that was invalid,
 * its line and column. Appends nothing for a fact computed from others
 * or read by an XPath that cannot be said that simply. Not escaped. 0 or
 * PK_ENOMEM. */
int pk_writer_append_where(pk_strbuf *sb, const pk_result *res,
                           const char *fact_id, pk_lang lang);

/* Appends a comparison's value or threshold v in unit, as
 * pk_writer_append_quantity() does, but a "date" (a day number) as a date
 * the language's way (26/08/2024, 2024-08-26). */
int pk_writer_append_compared(pk_strbuf *sb, const pk_dformat *f, double v,
                              const char *unit, pk_lang lang);

/* The pack's label of the field that input problem i of r is about (the
 * fact read invalid at its line and column), or NULL. Borrowed from the
 * pack. */
const char *pk_writer_problem_label(const pk_report *r, size_t i, pk_lang lang);

/* The dossier kind's label in lang, from the format's vocabulary; kind
 * itself when the format gives none, unknown when kind is empty. */
const char *pk_writer_kind_label(const pk_report *r, const char *kind,
                                 pk_lang lang, const char *unknown);

/* Readings (readings.c). A reading's outcome in the regime's words of
 * lang (pk_writer_status_word()'s "outcome"); "" for a status a reading
 * never has. */
const char *pk_writer_reading_status_word(const pk_engine *engine, pk_status s,
                                          pk_lang lang);

/* Appends the mandatory rules of r that are open, as their citations
 * followed by their titles in parentheses, joined by "; ". Appends
 * nothing when none is. Not escaped. 0 or PK_ENOMEM. */
int pk_writer_append_open_rules(pk_strbuf *sb, const pk_report *r,
                                pk_lang lang);

/* Appends the ids of res's readings whose outcome is s, joined by sep
 * ("net", "per-park gross"). 0 or PK_ENOMEM. */
int pk_writer_append_readings_with(pk_strbuf *sb, const pk_result *res,
                                   pk_status s, const char *sep);

/* Whether any result of r is open. */
int pk_writer_any_open(const pk_report *r);

/* ---- provenance and regimes (writer_provenance.c) ---- */

/* The words a report puts before each part: "how sure", the provisional
 * mark, the list of what is not checked; in lang. */
const char *pk_writer_word_sure(pk_lang lang);
const char *pk_writer_word_provisional(pk_lang lang);
/* The mark after the verdict of a report under a provisional pack. */
const char *pk_writer_word_provisional_verdict(pk_lang lang);
const char *pk_writer_word_unchecked(pk_lang lang);
const char *pk_writer_word_regime(pk_lang lang);
/* The word a row that lists the verdict (the summary, the workbook, the
 * HTML page's batch table) puts in brackets after it when the verdict is
 * not one under the rules in force: "chỉ để đối chiếu" / "for comparison
 * only" when the pack was not in force on the dossier's date (whatever
 * else is true of the pack), else "tạm thời" / "provisional" under a
 * provisional pack (as pk_writer_word_provisional_verdict()); NULL for a
 * verdict that is. One word, so that the row stays two lines in print.
 * Static. */
const char *pk_writer_verdict_mark(const pk_report *r, pk_lang lang);
/* Whether a report for people says how sure a rule is: always under a
 * provisional pack, and wherever a rule is less sure than the official
 * text; never for a pack that does not say. */
int pk_writer_shows_provenance(const pk_report *r, const pk_result *res);
/* "label — source" (or the label alone) of a rule's provenance. */
void pk_writer_append_provenance(pk_strbuf *sb, const pk_result *res,
                                 pk_lang lang);

#endif /* PK_WRITERS_H */
