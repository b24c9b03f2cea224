/*
 * html.h - what the files of the HTML writer share, and nothing more:
 * the page's words (labels), where a part of the page writes (out), the
 * escaping, the statuses' marks, and the parts the frame (html.c) calls.
 * The page is split so that the checklist, which changes most, and the
 * scorecard can each be read and changed alone; the frame calls them and
 * html_common.c, and neither calls the frame. Internal to the writer.
 */
#ifndef PK_HTML_H
#define PK_HTML_H

#include "writers.h"
#include "view.h"

#define STATUS_COUNT PK_STATUS_COUNT

typedef struct labels {
    const char *page_title;
    const char *verdict[PK_VERDICT_COUNT];       /* in capitals */
    const char *verdict_plain[PK_VERDICT_COUNT]; /* in the summary */
    const char *status[STATUS_COUNT];            /* criteria, by status */
    const char *doc_status[STATUS_COUNT];        /* documents */
    const char *kind_unknown;
    const char *file, *park, *province, *kind, *date, *rules, *no_pack;
    const char *verdict_label, *score, *notice, *no_name, *not_checked;
    const char *scorecard, *scorecard_note;
    const char *legend_word[4]; /* the regime's (pk_html_labels_for()) */
    const char *col_article, *col_rules, *col_boxes, *col_passed;
    const char *col_failed, *col_unknown, *col_error;
    const char *criteria_head, *other_article;
    const char *passed, *present, *advisory;
    const char *values, *value, *required, *short_by;
    const char *add_head, *computed, *invalid_head;
    const char *docs_head, *docs_none, *item_one, *item_many;
    const char *problems_head, *problems_note, *where, *problem_kind, *message,
        *line_word, *column_word, *version;
    const char *error_word, *warning_word;
    const char *summary_head, *dossiers, *number, *back, *none_checked;
    const char *made_with;
    const char *ruling_on, *readings_head, *open_words;
} labels;

typedef struct out {
    pk_strbuf *sb;
    const labels *L;
    pk_lang lang;
    const pk_report *r;
    size_t results;
    size_t index;        /* 1-based, for the anchors */
    const pk_view *view; /* the report grouped for its readers */
} out;

/* Every text from a dossier or a pack goes through these: as text, and
 * as an attribute's value between double quotes. */
static inline void esc(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_HTML);
}

static inline void esc_attr(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_HTML | PK_XML_ATTR);
}

/* A status as an index of the tables below; one out of range is shown as
 * an error. */
static inline unsigned status_index(pk_status s)
{
    return (unsigned)s < STATUS_COUNT ? (unsigned)s : PK_STATUS_ERROR;
}

/* html_common.c: the statuses' class names and symbols, the same in both
 * languages; the marks the scorecard explains, in that order (as many as
 * labels.legend_word); the writer's words (the engine's in its language,
 * the regime's in their place); an article cited as the regime cites it,
 * written to o->sb. */
extern const char *const pk_html_status_class[STATUS_COUNT];
extern const char *const pk_html_status_mark[STATUS_COUNT];
extern const pk_status pk_html_legend[4];
void pk_html_labels_for(const pk_writer *w, labels *words);
void pk_html_article_name(const out *o, int article);

/* html_scorecard.c: the scorecard by article (nothing when the report
 * has no article). */
void pk_html_scorecard(const out *o);

/* html_checklist.c: the input problems, in the order a drafter fixes
 * them; the criteria, article by article; the checklist of the dossier's
 * documents. Each writes nothing when it has nothing to show. */
void pk_html_input_problems(const out *o);
void pk_html_criteria(const out *o);
void pk_html_documents(const out *o);

#endif /* PK_HTML_H */
