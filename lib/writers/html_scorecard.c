/*
 * html_scorecard.c - the scorecard by article: a reader sees at a glance
 * which articles hold the dossier back, one box per mandatory rule that
 * applies, before reading any rule. Apart from the checklist because it
 * reads the report the other way round (article by article over every
 * result, counting), and a change to one should not be read through the
 * other.
 */
#include "html.h"

#include "numfmt.h"

/* Per article, the applicable mandatory rules as boxes, with their counts
 * and the article's score. */
void pk_html_scorecard(const out *o)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    size_t a, j, na = pk_report_article_count(o->r);

    if (na == 0)
        return;
    pk_sb_puts(sb, "<h3>");
    esc(sb, L->scorecard);
    pk_sb_puts(sb, "</h3>\n<p class=\"vals\">");
    esc(sb, L->scorecard_note);
    /* each mark with the regime's word for it: " ✓ đạt, ✗ không đạt, …" */
    for (size_t k = 0; k < sizeof pk_html_legend / sizeof pk_html_legend[0];
         k++) {
        pk_sb_printf(sb, "%s %s ", k > 0 ? "," : "",
                     pk_html_status_mark[pk_html_legend[k]]);
        esc(sb, L->legend_word[k]);
    }
    pk_sb_puts(sb, ".");
    /* The open mark is explained only where it is used: other reports
     * read as before. */
    if (pk_writer_any_open(o->r)) {
        pk_sb_printf(sb, " %s ", pk_html_status_mark[PK_STATUS_OPEN]);
        esc(sb, o->lang == PK_LANG_VI
                    ? "các cách hiểu quy định cho kết quả khác nhau, cần xin "
                      "ý kiến."
                    : "the provision's readings disagree, a ruling is "
                      "needed.");
    }
    pk_sb_puts(sb, "</p>\n<table class=\"scorecard\"><thead><tr><th>");
    esc(sb, L->col_article);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->col_boxes);
    pk_sb_puts(sb, "</th><th class=\"n\">");
    esc(sb, L->col_passed);
    pk_sb_puts(sb, "</th><th class=\"n\">");
    esc(sb, L->col_failed);
    pk_sb_puts(sb, "</th><th class=\"n\">");
    esc(sb, L->col_unknown);
    pk_sb_puts(sb, "</th><th class=\"n\">");
    esc(sb, L->col_error);
    pk_sb_puts(sb, "</th><th class=\"n\">");
    esc(sb, L->score);
    pk_sb_puts(sb, "</th></tr></thead>\n<tbody>\n");

    for (a = 0; a < na; a++) {
        const pk_article_score *as = pk_report_article(o->r, a);
        unsigned count[STATUS_COUNT] = {0, 0, 0, 0, 0, 0};

        if (as == NULL)
            continue;
        pk_sb_puts(sb, "<tr><th>");
        pk_html_article_name(o, as->article);
        pk_sb_puts(sb, "</th><td>");
        for (j = 0; j < o->results; j++) {
            const pk_result *res = pk_report_result(o->r, j);
            unsigned s;

            if (res == NULL || pk_view_is_advisory(res) ||
                pk_view_article_of(res) != as->article ||
                pk_result_status(res) == PK_STATUS_NOT_APPLICABLE)
                continue;
            s = status_index(pk_result_status(res));
            count[s]++;
            pk_sb_printf(sb, "<span class=\"box s-%s\" title=\"",
                         pk_html_status_class[s]);
            esc_attr(sb, pk_result_id(res));
            pk_sb_printf(sb, "\">%s</span>", pk_html_status_mark[s]);
        }
        pk_sb_printf(sb,
                     "</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
                     "<td class=\"n\">%u</td><td class=\"n\">%u</td>"
                     "<td class=\"n\">",
                     count[PK_STATUS_PASS], count[PK_STATUS_FAIL],
                     count[PK_STATUS_UNKNOWN], count[PK_STATUS_ERROR]);
        /* an invalid dossier has no score, nor sub-scores */
        if (as->weight > 0 && pk_report_score(o->r) >= 0)
            pk_fmt_percent(sb, as->passed_weight / as->weight, o->lang);
        else
            pk_sb_puts(sb, "—");
        pk_sb_puts(sb, "</td></tr>\n");
    }
    pk_sb_puts(sb, "</tbody></table>\n");
}
