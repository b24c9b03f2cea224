/*
 * html_checklist.c - the drafter's checklist: for each rule, what was
 * read, what was required and how short it falls, which facts to add or
 * correct and where in the dossier; the criteria and the documents
 * article by article; the input problems in the order they are fixed.
 * It is most of what a drafter reads and most of what changes when a
 * report says more, so it has a file to itself, apart from the page's
 * frame.
 */
#include "html.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Rules
 * ------------------------------------------------------------------------ */

/* A value, and a number with its unit, escaped: the shared formatters
 * write plain text into a scratch buffer, escaped on the way in. */
static void esc_value(pk_strbuf *sb, const pk_result *res,
                      const pk_value_info *v, pk_lang lang)
{
    pk_strbuf t = PK_STRBUF_INIT;

    pk_writer_append_fact_value(&t, res, v, lang);
    if (t.failed)
        sb->failed = 1;
    else
        esc(sb, t.data);
    pk_sb_free(&t);
}

static void esc_shortfall(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    pk_strbuf t = PK_STRBUF_INIT;

    pk_writer_append_result_shortfall(&t, res, lang);
    if (t.failed)
        sb->failed = 1;
    else
        esc(sb, t.data);
    pk_sb_free(&t);
}

/* How sure the pack is of a rule, where a reader needs it. */
static void provenance(const out *o, const pk_result *res)
{
    pk_strbuf line = PK_STRBUF_INIT;

    if (!pk_writer_shows_provenance(o->r, res))
        return;
    pk_writer_append_provenance(&line, res, o->lang);
    pk_sb_printf(o->sb, "<p class=\"prov\" data-provenance=\"%s\"><em>",
                 pk_provenance_name(pk_result_provenance(res)));
    esc(o->sb, pk_writer_word_sure(o->lang));
    pk_sb_puts(o->sb, ":</em> ");
    esc(o->sb, line.failed ? "" : line.data);
    pk_sb_puts(o->sb, "</p>\n");
    if (line.failed)
        o->sb->failed = 1;
    pk_sb_free(&line);
}

static void status_tag(const out *o, const pk_result *res)
{
    unsigned s = status_index(pk_result_status(res));
    const char *word = pk_result_category(res) == PK_CATEGORY_DOCUMENT
                           ? o->L->doc_status[s]
                           : o->L->status[s];

    pk_sb_printf(o->sb, "<span class=\"tag s-%s\">%s ", pk_html_status_class[s],
                 pk_html_status_mark[s]);
    esc(o->sb, word);
    pk_sb_puts(o->sb, "</span>");
}

/* "label" for a fact, or its id when the pack gives no label. */
static void fact_name(const out *o, const pk_result *res, const char *id)
{
    const char *label = pk_result_fact_label(res, id, o->lang);

    esc(o->sb, pk_writer_is_empty(label) ? id : label);
}

static void comparison(const out *o, const pk_result *res)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    pk_comparison c;

    if (pk_result_comparison(res, &c) != 0)
        return;
    /* What was compared, in words: "Có trong quy hoạch tổng thể: có ·
     * Yêu cầu: có"; a yes/no, text or set is never a number. */
    pk_sb_puts(sb, "<p class=\"cmp\">");
    esc(sb, pk_result_comparison_text(res, o->lang));
    if (c.shortfall != 0 && isfinite(c.shortfall) &&
        pk_result_status(res) == PK_STATUS_FAIL) {
        pk_sb_puts(sb, " · <span class=\"short\">");
        /* below a minimum it falls short; above a maximum it is over */
        if (c.op[0] == 'l')
            esc(sb, o->lang == PK_LANG_VI ? "Vượt" : "Over by");
        else
            esc(sb, L->short_by);
        pk_sb_puts(sb, ": ");
        esc_shortfall(sb, res, o->lang);
        pk_sb_puts(sb, "</span>");
    }
    pk_sb_puts(sb, "</p>\n");
}

static void values(const out *o, const pk_result *res)
{
    pk_strbuf *sb = o->sb;
    size_t i, n = pk_result_value_count(res);
    int first = 1;

    for (i = 0; i < n; i++) {
        const pk_value_info *v = pk_result_value(res, i);

        if (v == NULL || pk_writer_is_empty(v->id))
            continue;
        if (first) {
            pk_sb_puts(sb, "<p class=\"vals\">");
            esc(sb, o->L->values);
            pk_sb_puts(sb, ": ");
        } else {
            pk_sb_puts(sb, " · ");
        }
        first = 0;
        fact_name(o, res, v->id);
        pk_sb_puts(sb, " = <strong>");
        esc_value(sb, res, v, o->lang);
        pk_sb_puts(sb, "</strong>");
    }
    if (!first)
        pk_sb_puts(sb, "</p>\n");
}

/* Where a fact goes in a dossier, as a drafter types it (with line and
 * column for an invalid value), or that it is computed from others. */
static void fact_where(const out *o, const pk_result *res, const char *id)
{
    pk_strbuf t = PK_STRBUF_INIT;

    if (pk_writer_append_where(&t, res, id, o->lang) != 0) {
        o->sb->failed = 1;
    } else if (t.len > 0) {
        pk_sb_puts(o->sb, " — <code>");
        esc(o->sb, t.data);
        pk_sb_puts(o->sb, "</code>");
    } else if (pk_result_fact_location(res, id) != NULL &&
               pk_result_fact_location(res, id)[0] == '\0') {
        /* computed from others; an id the pack does not define is not */
        pk_sb_puts(o->sb, " — ");
        esc(o->sb, o->L->computed);
    }
    pk_sb_free(&t);
}

/* What an unknown rule needs added, and where in the dossier; what an
 * erring rule read that is invalid. Each fact once; a figure computed
 * from an invalid one is not listed beside the one to correct. */
static void facts_to_fix(const out *o, const pk_result *res)
{
    pk_strbuf *sb = o->sb;
    const char *head = pk_result_status(res) == PK_STATUS_UNKNOWN
                           ? o->L->add_head
                           : o->L->invalid_head;
    size_t n = pk_writer_fix_count(res);
    int first = 1;

    for (size_t i = 0; i < n; i++) {
        const char *id = pk_writer_fix_id(res, i);

        if (id == NULL)
            continue;
        if (first) {
            pk_sb_puts(sb, "<div class=\"add\">");
            esc(sb, head);
            pk_sb_puts(sb, ":<ul>");
        }
        first = 0;
        pk_sb_puts(sb, "<li>");
        fact_name(o, res, id);
        fact_where(o, res, id);
        pk_sb_puts(sb, "</li>");
    }
    if (!first)
        pk_sb_puts(sb, "</ul></div>\n");
}

/* The readings of an open provision: each with its outcome and why one
 * would read it so, then the decree's words that leave it open. */
static void readings(const out *o, const pk_result *res)
{
    pk_strbuf *sb = o->sb;
    size_t n = pk_result_reading_count(res);
    const char *words = pk_result_open_words(res, o->lang);

    if (n == 0)
        return;
    pk_sb_puts(sb, "<div class=\"add\">");
    esc(sb, o->L->readings_head);
    pk_sb_puts(sb, ":<ul class=\"readings\">");
    for (size_t i = 0; i < n; i++) {
        pk_status st = pk_result_reading_status(res, i);
        unsigned s = status_index(st);
        const char *title = pk_result_reading_title(res, i, o->lang);
        const char *why = pk_result_reading_explanation(res, i, o->lang);

        pk_sb_puts(sb, "<li data-reading=\"");
        esc_attr(sb, pk_result_reading_id(res, i));
        pk_sb_printf(sb, "\"><span class=\"tag s-%s\">%s ",
                     pk_html_status_class[s], pk_html_status_mark[s]);
        esc(sb, o->L->status[s]);
        pk_sb_puts(sb, "</span><strong>");
        esc(sb,
            pk_writer_is_empty(title) ? pk_result_reading_id(res, i) : title);
        pk_sb_puts(sb, "</strong> — ");
        esc(sb, pk_writer_reading_status_word(o->r->engine, st, o->lang));
        if (!pk_writer_is_empty(why)) {
            pk_sb_puts(sb, ". ");
            esc(sb, why);
        }
        pk_sb_puts(sb, "</li>");
    }
    pk_sb_puts(sb, "</ul>");
    if (!pk_writer_is_empty(words)) {
        esc(sb, o->L->open_words);
        pk_sb_puts(sb, ": <q>");
        esc(sb, words);
        pk_sb_puts(sb, "</q>");
    }
    pk_sb_puts(sb, "</div>\n");
}

/* One applicable rule. A present document is one line; the rest say what
 * was found. */
static void rule_item(const out *o, const pk_result *res)
{
    pk_strbuf *sb = o->sb;
    unsigned s = status_index(pk_result_status(res));
    const char *cit = pk_result_citation_text(res, o->lang);
    const char *title = pk_result_title(res, o->lang);
    const char *msg = pk_result_message(res, o->lang);
    int brief =
        pk_result_category(res) == PK_CATEGORY_DOCUMENT && s == PK_STATUS_PASS;

    /* The rule's id is for tools and for `parkcheck rules show`: an
     * attribute, not text a drafter has to read past. */
    pk_sb_printf(sb, "<li class=\"rule r-%s\" data-rule=\"",
                 pk_html_status_class[s]);
    esc_attr(sb, pk_result_id(res));
    pk_sb_puts(sb, "\"><p>");
    status_tag(o, res);
    pk_sb_puts(sb, "<strong>");
    esc(sb, pk_writer_is_empty(cit) ? pk_result_id(res) : cit);
    pk_sb_puts(sb, "</strong>");
    if (!pk_writer_is_empty(title)) {
        pk_sb_puts(sb, " — ");
        esc(sb, title);
    }
    if (pk_view_is_advisory(res)) {
        pk_sb_puts(sb, " <span class=\"adv\">(");
        esc(sb, o->L->advisory);
        pk_sb_puts(sb, ")</span>");
    }
    pk_sb_puts(sb, "</p>\n");
    if (!brief) {
        if (!pk_writer_is_empty(msg)) {
            pk_sb_puts(sb, "<p class=\"msg\">");
            esc(sb, msg);
            pk_sb_puts(sb, "</p>\n");
        }
        readings(o, res);
        comparison(o, res);
        values(o, res);
        facts_to_fix(o, res);
    }
    provenance(o, res);
    pk_sb_puts(sb, "</li>\n");
}

/* One article's rules of one category: a heading with counts, the
 * mandatory ones, the advisory ones, one line for those that do not
 * apply. first is the index of the article's first rule. */
static void article_block(const out *o, pk_category cat, const pk_view_group *g)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    const char *done = cat == PK_CATEGORY_DOCUMENT ? L->present : L->passed;
    unsigned mandatory = g->count[PK_VIEW_MANDATORY];
    unsigned advisory = g->count[PK_VIEW_ADVISORY], na = g->count[PK_VIEW_NA];

    pk_sb_puts(sb, "<h4>");
    pk_html_article_name(o, g->article);
    if (mandatory > 0) {
        pk_sb_printf(sb, " — %u/%u ", g->passed[0], mandatory);
        esc(sb, done);
    }
    if (advisory > 0) {
        pk_sb_puts(sb, mandatory > 0 ? " · " : " — ");
        esc(sb, L->advisory);
        pk_sb_printf(sb, ": %u/%u ", g->passed[1], advisory);
        esc(sb, done);
    }
    pk_sb_puts(sb, "</h4>\n");

    if (mandatory + advisory > 0) {
        pk_sb_puts(sb, "<ul class=\"rules\">\n");
        for (int l = PK_VIEW_MANDATORY; l <= PK_VIEW_ADVISORY; l++)
            for (unsigned j = 0; j < g->count[l]; j++)
                rule_item(o, g->rules[l][j]);
        pk_sb_puts(sb, "</ul>\n");
    }
    if (na == 0)
        return;
    /* Every rule that does not apply, by its citation and title: a
     * reader counting them finds as many as the heading says. */
    pk_sb_puts(sb, "<div class=\"na-list\"><span class=\"tag s-na\">");
    pk_sb_printf(sb, "%s ", pk_html_status_mark[PK_STATUS_NOT_APPLICABLE]);
    esc(sb, L->status[PK_STATUS_NOT_APPLICABLE]);
    pk_sb_printf(sb, " (%u)</span><ul>", na);
    for (unsigned j = 0; j < na; j++) {
        const pk_result *res = g->rules[PK_VIEW_NA][j];
        const char *cit = pk_result_citation_text(res, o->lang);
        const char *title = pk_result_title(res, o->lang);

        pk_sb_puts(sb, "<li data-rule=\"");
        esc_attr(sb, pk_result_id(res));
        pk_sb_puts(sb, "\">");
        esc(sb, pk_writer_is_empty(cit) ? pk_result_id(res) : cit);
        if (!pk_writer_is_empty(title)) {
            pk_sb_puts(sb, " — ");
            esc(sb, title);
        }
        pk_sb_puts(sb, "</li>");
    }
    pk_sb_puts(sb, "</ul></div>\n");
}

/* Every rule of a category, article by article in the decree's order. */
static void articles(const out *o, pk_category cat)
{
    const pk_view_part *part = &o->view->part[cat];

    for (size_t i = 0; i < part->ngroups; i++)
        article_block(o, cat, &part->groups[i]);
}

void pk_html_criteria(const out *o)
{
    if (o->view->part[PK_CATEGORY_CRITERION].ngroups == 0)
        return;
    pk_sb_puts(o->sb, "<h3>");
    esc(o->sb, o->L->criteria_head);
    pk_sb_puts(o->sb, "</h3>\n");
    articles(o, PK_CATEGORY_CRITERION);
}

void pk_html_documents(const out *o)
{
    const labels *L = o->L;
    /* not described is not missing: the view counts it apart */
    unsigned lacking = o->view->part[PK_CATEGORY_DOCUMENT].lacking;
    unsigned unclear = o->view->part[PK_CATEGORY_DOCUMENT].unclear, s;

    if (o->view->part[PK_CATEGORY_DOCUMENT].ngroups == 0)
        return;
    pk_sb_puts(o->sb, "<h3>");
    esc(o->sb, L->docs_head);
    pk_sb_puts(o->sb, ": ");
    if (lacking > 0) {
        pk_sb_printf(o->sb, "%u ", lacking);
        esc(o->sb, lacking == 1 ? L->item_one : L->item_many);
    } else {
        esc(o->sb, L->docs_none);
        esc(o->sb, pk_writer_checked_only(o->r, o->lang));
    }
    if (unclear > 0) {
        pk_sb_printf(o->sb, " · %s: %u ",
                     o->lang == PK_LANG_VI ? "chưa rõ" : "cannot tell yet",
                     unclear);
        esc(o->sb, unclear == 1 ? L->item_one : L->item_many);
    }
    pk_sb_puts(o->sb, "</h3>\n<p class=\"vals\">");
    for (s = 0; s < STATUS_COUNT; s++) {
        if (s == PK_STATUS_NOT_APPLICABLE || s == PK_STATUS_OPEN)
            continue;
        pk_sb_printf(o->sb, "%s<span class=\"tag s-%s\">%s ", s > 0 ? " " : "",
                     pk_html_status_class[s], pk_html_status_mark[s]);
        esc(o->sb, L->doc_status[s]);
        pk_sb_puts(o->sb, "</span>");
    }
    pk_sb_puts(o->sb, "</p>\n");
    articles(o, PK_CATEGORY_DOCUMENT);
}

static void problem_row(const out *o, size_t i)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    const pk_error *e = pk_report_problem(o->r, i);
    const char *file = pk_report_source(o->r);
    int warning = pk_report_problem_is_warning(o->r, i);

    if (e == NULL)
        return;
    pk_sb_puts(sb, "<tr><td>");
    /* Where, in words; the file only when it is not the dossier's own
     * (source is a fixed array: read it only up to its size). */
    if (memchr(e->source, '\0', sizeof e->source) != NULL &&
        e->source[0] != '\0' &&
        (pk_writer_is_empty(file) || strcmp(e->source, file) != 0)) {
        pk_sb_puts(sb, "<code>");
        esc(sb, e->source);
        pk_sb_puts(sb, "</code>");
        if (e->line > 0)
            pk_sb_puts(sb, ", ");
    }
    if (e->line > 0) {
        const char *label = pk_writer_problem_label(o->r, i, o->lang);

        esc(sb, L->line_word);
        pk_sb_printf(sb, " %u", e->line);
        if (e->column > 0) {
            pk_sb_puts(sb, ", ");
            esc(sb, L->column_word);
            pk_sb_printf(sb, " %u", e->column);
        }
        /* What the field means, beside the element's name. */
        if (!pk_writer_is_empty(label)) {
            pk_sb_puts(sb, "<br>");
            esc(sb, label);
        }
    }
    pk_sb_printf(sb, "</td><td><span class=\"tag s-%s\">",
                 warning ? "unknown" : "error");
    esc(sb, warning ? L->warning_word : L->error_word);
    pk_sb_puts(sb, "</span></td><td>");
    esc(sb, pk_report_problem_text(o->r, i, o->lang));
    pk_sb_puts(sb, "</td></tr>\n");
}

/* The input problems, right after the header, in the order a drafter
 * fixes them (pk_view_next_problem()). */
void pk_html_input_problems(const out *o)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    size_t pos = 0;
    long i;

    if (pk_report_problem_count(o->r) == 0)
        return;
    pk_sb_puts(sb, "<h3 id=\"");
    pk_sb_printf(sb, "d%zu-problems\">", o->index);
    esc(sb, o->view->problem_errors > 0 ? L->problems_head
                                        : pk_writer_warnings_head(o->lang));
    pk_sb_puts(sb, "</h3>\n");
    if (o->view->problem_errors > 0 && o->results > 0) {
        pk_sb_puts(sb, "<p class=\"problems-note\">");
        esc(sb, L->problems_note);
        pk_sb_puts(sb, "</p>\n");
    }
    pk_sb_puts(sb, "<table class=\"problems\"><thead><tr><th>");
    esc(sb, L->where);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->problem_kind);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->message);
    pk_sb_puts(sb, "</th></tr></thead>\n<tbody>\n");
    while ((i = pk_view_next_problem(o->r, &pos)) >= 0)
        problem_row(o, (size_t)i);
    pk_sb_puts(sb, "</tbody></table>\n");
}
