/*
 * html.c - one self-contained HTML page for people: to read on a
 * screen, to attach to a file, to print on A4.
 *
 * For a batch of two or more, a summary comes first: the count by
 * verdict and a table linking to each dossier's section. Then per
 * dossier: who and what with the verdict (a word and a symbol, not a
 * colour alone); the input problems, what a drafter fixes first; a
 * scorecard by article; the criteria grouped by article with what was
 * read, required and short, and what to add where (by label and element,
 * never an internal id or path); the checklist of the dossier's
 * documents.
 *
 * The page has inline CSS and nothing else: no script, no font, no image,
 * no link outside itself; a Content-Security-Policy says so to the
 * browser too, in case a text ever got through unescaped. Every text from
 * a dossier or a pack goes through pk_xml_append_text(), which also turns
 * bidirectional overrides into U+FFFD so that a name reads as it is.
 * Greyscale print stays readable: each status has its own symbol, word
 * and border style, and every bar of boxes has its counts beside it.
 *
 * The summary must come before the sections, so the page is kept in the
 * writer's state and written whole by html_finish().
 *
 * This file is the page's frame: the head, the style, each dossier's
 * header, the batch's summary and the writer's operations. What a
 * drafter reads rule by rule is in html_checklist.c, the scorecard in
 * html_scorecard.c, and the words and marks they all use in
 * html_common.c (html.h): the frame calls them, none calls it back.
 */
#include "html.h"
#include "summary.h"

#include <math.h>

#include "numfmt.h"

/* The verdicts' class names and symbols: the same in both languages. */
static const char *const verdict_class[PK_VERDICT_COUNT] = {
    "eligible", "incomplete", "not-eligible", "invalid", "needs-ruling"};
static const char *const verdict_mark[PK_VERDICT_COUNT] = {"✓", "…", "✗", "!",
                                                           "≠"};

/* Colours with words and symbols: greyscale print tells the statuses
 * apart by light or dark ground and by the border's style. Backgrounds
 * are printed (print-color-adjust) because they carry the boxes. */
static const char page_css[] =
    "@page{size:A4;margin:15mm 13mm 17mm}"
    "*{box-sizing:border-box}"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",\"Segoe UI\",Arial,"
    "sans-serif;font-size:10.5pt;line-height:1.4;color:#111;"
    "max-width:190mm;margin:0 auto;padding:6mm 3mm}"
    "h1{font-size:16pt;margin:0 0 4mm}"
    "h2{font-size:14pt;margin:0 0 2mm}"
    "h3{font-size:12pt;margin:5mm 0 2mm;padding-bottom:.5mm;"
    "border-bottom:1px solid #888;break-after:avoid}"
    "h4{font-size:10.5pt;margin:3mm 0 1mm;break-after:avoid}"
    "p{margin:.5mm 0}"
    "code{font-family:\"DejaVu Sans Mono\",monospace;font-size:8.5pt;"
    "overflow-wrap:anywhere}"
    "table{border-collapse:collapse;width:100%;margin:1mm 0 2mm}"
    "thead{display:table-header-group}"
    "tr,li,.verdict,.meta,.counts{break-inside:avoid}"
    "th,td{border:1px solid #888;padding:.8mm 1.5mm;text-align:left;"
    "vertical-align:top}"
    "th{background:#eee}"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}"
    ".dossier{break-before:page;margin-top:8mm}"
    "h1+.dossier{break-before:auto;margin-top:0}"
    ".meta{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.3mm 3mm;margin:1mm 0 2mm}"
    ".meta dt{font-weight:bold}.meta dd{margin:0}"
    ".verdict{font-size:13pt;font-weight:bold;border:2px solid;"
    "padding:1.5mm 3mm;margin:2mm 0}"
    ".verdict .score{font-size:10.5pt;font-weight:normal;float:right}"
    ".v-eligible{color:#1b5e20;background:#e8f5e9;border-color:#1b5e20}"
    ".v-incomplete{color:#5d4200;background:#fff3cd;border-color:#8d6e00;"
    "border-style:dashed}"
    ".v-not-eligible{color:#fff;background:#b71c1c;border-color:#7f0000}"
    ".v-invalid{color:#fff;background:#37474f;border-color:#000;"
    "border-style:double;border-width:4px}"
    ".v-needs-ruling{color:#0d3c61;background:#e3f2fd;border-color:#0d3c61;"
    "border-style:dashed}"
    ".vtag{display:inline-block;border:1px solid;padding:0 1.5mm;"
    "font-weight:bold;white-space:nowrap}"
    ".vtag.v-invalid{border-width:3px}"
    "table.batch{font-size:9pt}"
    "table.batch .vtag{white-space:normal}"
    ".notice{border-left:4px solid #8d6e00;padding-left:2mm}"
    ".tag,.box{display:inline-block;border:1px solid;font-weight:bold;"
    "white-space:nowrap}"
    ".tag{font-size:8.5pt;padding:0 1.2mm;margin-right:1mm}"
    ".box{width:5mm;height:5mm;line-height:4.6mm;text-align:center;"
    "font-size:8pt;margin:0 .6mm .6mm 0;vertical-align:middle}"
    ".s-pass{color:#1b5e20;background:#e8f5e9;border-color:#1b5e20}"
    ".s-fail{color:#fff;background:#b71c1c;border-color:#7f0000}"
    ".s-unknown{color:#5d4200;background:#fff3cd;border-color:#8d6e00;"
    "border-style:dashed}"
    ".s-na{color:#555;background:#fff;border-color:#777;"
    "border-style:dotted}"
    ".s-error{color:#fff;background:#4a148c;border-color:#000;"
    "border-style:double;border-width:3px}"
    ".s-open{color:#0d3c61;background:#e3f2fd;border-color:#0d3c61;"
    "border-style:dashed}"
    ".counts{display:flex;flex-wrap:wrap;gap:2mm;margin:1mm 0 3mm}"
    ".counts .vtag{font-size:11pt;padding:1mm 2.5mm}"
    "ul.rules{list-style:none;padding:0;margin:0 0 2mm}"
    "li.rule{border-left:3px solid #bbb;padding:.5mm 0 .5mm 2.5mm;"
    "margin:0 0 1.8mm}"
    "li.r-fail{border-left:5px solid #b71c1c}"
    "li.r-unknown{border-left:4px dashed #8d6e00}"
    "li.r-error{border-left:5px double #4a148c}"
    "li.r-open{border-left:4px dashed #0d3c61}"
    ".readings{font-size:9pt;margin:.3mm 0 0;padding-left:5mm}"
    ".adv{font-style:italic;color:#555}"
    ".vals,.cmp,.add,.na-list{font-size:9pt}"
    ".vals{color:#333}"
    ".cmp .short{font-weight:bold}"
    ".add ul{margin:.3mm 0 0;padding-left:5mm}"
    ".na-list{color:#555;margin:0 0 2mm}"
    ".na-list ul{margin:.3mm 0 0;padding-left:5mm}"
    ".problems-note{font-weight:bold}"
    ".back{font-size:9pt}"
    ".footer{margin-top:8mm;font-size:8.5pt;color:#555}"
    "@media print{body{max-width:none;padding:0}.back{display:none}"
    "a{color:inherit;text-decoration:none}}";

typedef struct html_state {
    pk_strbuf rows;     /* the summary table's rows */
    pk_strbuf sections; /* one section per dossier, as in a batch */
    pk_strbuf single;   /* the first section as it is when alone */
    pk_strbuf title;    /* the first dossier's park, escaped */
} html_state;

static unsigned verdict_index(pk_verdict v)
{
    return (unsigned)v < PK_VERDICT_COUNT ? (unsigned)v : PK_VERDICT_INVALID;
}

/* The verdict as a tag: symbol and word, coloured. */
static void verdict_tag(pk_strbuf *sb, const labels *L, pk_verdict v)
{
    unsigned i = verdict_index(v);

    pk_sb_printf(sb, "<span class=\"vtag v-%s\">%s ", verdict_class[i],
                 verdict_mark[i]);
    esc(sb, L->verdict[i]);
    pk_sb_puts(sb, "</span>");
}

/* The score out of 100, the language's way; "—" when none applies. */
static void score_text(pk_strbuf *sb, double score, pk_lang lang)
{
    if (score >= 0 && isfinite(score))
        pk_fmt_number(sb, round(score * 100.0) / 100.0, -1, lang);
    else
        pk_sb_puts(sb, "—");
}

/* ------------------------------------------------------------------------
 * A dossier's header
 * ------------------------------------------------------------------------ */

static void meta_row(pk_strbuf *sb, const char *label, const char *value,
                     int code)
{
    pk_sb_puts(sb, "<dt>");
    esc(sb, label);
    pk_sb_puts(sb, code ? "</dt><dd><code>" : "</dt><dd>");
    esc(sb, value);
    pk_sb_puts(sb, code ? "</code></dd>" : "</dd>");
}

/* The page's title: the regime's (its format description's words), else
 * the engine's own plain one. */
static const char *page_title(const pk_writer *w, const labels *L)
{
    const char *t = pk_engine_report_title(w->engine, w->lang);

    return t != NULL && t[0] != '\0' ? t : L->page_title;
}

/* The regime and provisional marks, each a notice paragraph. */
static void mark(const out *o, const char *head, const char *text)
{
    if (pk_writer_is_empty(text))
        return;
    pk_sb_puts(o->sb, "<p class=\"notice\"><strong>");
    esc(o->sb, head);
    pk_sb_puts(o->sb, ":</strong> ");
    esc(o->sb, text);
    pk_sb_puts(o->sb, "</p>\n");
}

static void marks(const out *o)
{
    mark(o, pk_writer_word_regime(o->lang),
         pk_report_regime_text(o->r, o->lang));
    mark(o, pk_writer_word_provisional(o->lang),
         pk_report_provisional_text(o->r, o->lang));
}

/* What the pack knows the law asks but cannot check yet. */
static void unchecked(const out *o)
{
    size_t n = pk_report_unchecked_count(o->r);

    if (n == 0)
        return;
    pk_sb_puts(o->sb, "<h3>");
    esc(o->sb, pk_writer_word_unchecked(o->lang));
    pk_sb_printf(o->sb, " (%zu)</h3>\n<p>", n);
    esc(o->sb, pk_report_unchecked_reason(o->r, o->lang));
    pk_sb_puts(o->sb, "</p>\n<ul class=\"unchecked\">\n");
    for (size_t i = 0; i < n; i++) {
        pk_sb_puts(o->sb, "<li data-item=\"");
        esc_attr(o->sb, pk_report_unchecked_id(o->r, i));
        pk_sb_puts(o->sb, "\"><strong>");
        esc(o->sb, pk_report_unchecked_citation_text(o->r, i, o->lang));
        pk_sb_puts(o->sb, "</strong> — ");
        esc(o->sb, pk_report_unchecked_title(o->r, i, o->lang));
        pk_sb_puts(o->sb, "</li>\n");
    }
    pk_sb_puts(o->sb, "</ul>\n");
}

static void header(const pk_writer *w, const out *o, int batch)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    const pk_report *r = o->r;
    const char *name = pk_report_park_name(r);
    const char *file = pk_report_source(r);
    const char *pack = pk_report_pack_id(r);
    const char *notice = pk_report_notice(r, o->lang);
    const char *title;
    pk_verdict v = pk_report_verdict(r);
    unsigned vi = verdict_index(v);

    pk_sb_puts(sb, "<h2>");
    if (batch)
        pk_sb_printf(sb, "%zu. ", o->index);
    /* A file that could not be read is known by its name alone. */
    if (pk_writer_is_empty(name) && o->results == 0 &&
        !pk_writer_is_empty(file))
        esc(sb, file);
    else
        esc(sb, pk_writer_is_empty(name) ? L->no_name : name);
    pk_sb_puts(sb, "</h2>\n");
    if (batch) {
        pk_sb_puts(sb, "<p class=\"back\"><a href=\"#summary\">");
        esc(sb, L->back);
        pk_sb_puts(sb, "</a></p>\n");
    }

    pk_sb_printf(sb, "<p class=\"verdict v-%s\">", verdict_class[vi]);
    esc(sb, L->verdict_label);
    pk_sb_printf(sb, ": %s ", verdict_mark[vi]);
    esc(sb, L->verdict[vi]);
    if (pk_report_provisional(r)) {
        pk_sb_puts(sb, " <span class=\"provisional\">(");
        esc(sb, pk_writer_word_provisional_verdict(o->lang));
        pk_sb_puts(sb, ")</span>");
    }
    /* An invalid dossier has no score; one shown says what it means. */
    if (pk_report_score(r) >= 0) {
        pk_sb_puts(sb, " <span class=\"score\" title=\"");
        esc(sb, pk_writer_score_meaning(o->lang));
        pk_sb_puts(sb, "\">");
        esc(sb, L->score);
        pk_sb_puts(sb, ": ");
        score_text(sb, pk_report_score(r), o->lang);
        pk_sb_puts(sb, "/100</span></p>\n<p class=\"score-note\">");
        esc(sb, pk_writer_score_meaning(o->lang));
    }
    /* What keeps it from qualifying, first: the criteria that fail with
     * their shortfalls, what the dossier does not say. */
    if (pk_report_verdict(r) == PK_VERDICT_NOT_ELIGIBLE ||
        pk_report_verdict(r) == PK_VERDICT_INCOMPLETE ||
        pk_report_verdict(r) == PK_VERDICT_NEEDS_RULING) {
        if (pk_summary_render(r, o->lang) != 0)
            sb->failed = 1;
        for (int which = 0; which < 2; which++) {
            pk_strbuf why = PK_STRBUF_INIT;

            pk_summary_reason(&why, r, o->lang, which);
            if (why.failed)
                sb->failed = 1;
            if (why.len > 0) {
                pk_sb_puts(sb, "</p>\n<p class=\"why\">");
                esc(sb, why.data);
                pk_sb_puts(sb, ".");
            }
            pk_sb_free(&why);
        }
    }
    if (pk_report_verdict(r) == PK_VERDICT_NEEDS_RULING) {
        pk_strbuf on = PK_STRBUF_INIT;

        pk_writer_append_open_rules(&on, r, o->lang);
        if (on.failed)
            sb->failed = 1;
        pk_sb_puts(sb, "</p>\n<p class=\"ruling\">");
        esc(sb, L->ruling_on);
        pk_sb_puts(sb, ": ");
        esc(sb, on.data != NULL ? on.data : "");
        pk_sb_puts(sb, ".");
        pk_sb_free(&on);
    }
    pk_sb_puts(sb, "</p>\n<dl class=\"meta\">");

    meta_row(sb, L->file, pk_writer_is_empty(file) ? "-" : file, 1);
    if (!pk_writer_is_empty(pk_report_province(r)))
        meta_row(sb, L->province, pk_report_province(r), 0);
    meta_row(sb, L->kind,
             pk_writer_kind_label(o->r, pk_report_kind(r), o->lang,
                                  o->L->kind_unknown),
             0);
    if (!pk_writer_is_empty(pk_report_date(r))) {
        pk_strbuf date = PK_STRBUF_INIT;

        pk_fmt_date(&date, pk_report_date(r), o->lang);
        if (date.failed)
            sb->failed = 1;
        else
            meta_row(sb, L->date, date.data, 0);
        pk_sb_free(&date);
    }
    pk_sb_puts(sb, "<dt>");
    esc(sb, L->rules);
    pk_sb_puts(sb, "</dt><dd>");
    if (pk_writer_is_empty(pack)) {
        esc(sb, L->no_pack);
    } else {
        /* The pack by its title in the reader's language; its id only
         * when it has no title. */
        title = pk_writer_pack_title(w, pack);
        esc(sb, pk_writer_is_empty(title) ? pack : title);
        if (!pk_writer_is_empty(pk_report_pack_version(r))) {
            pk_sb_puts(sb, " (");
            esc(sb, L->version);
            pk_sb_puts(sb, " ");
            esc(sb, pk_report_pack_version(r));
            pk_sb_puts(sb, ")");
        }
    }
    pk_sb_puts(sb, "</dd></dl>\n");

    if (!pk_writer_is_empty(notice)) {
        pk_sb_puts(sb, "<p class=\"notice\"><strong>");
        esc(sb, L->notice);
        pk_sb_puts(sb, ":</strong> ");
        esc(sb, notice);
        pk_sb_puts(sb, "</p>\n");
    }
    marks(o);
    if (o->results == 0) {
        pk_sb_puts(sb, "<p>");
        esc(sb, L->not_checked);
        pk_sb_puts(sb, "</p>\n");
    }
}

/* ------------------------------------------------------------------------
 * The format
 * ------------------------------------------------------------------------ */

/* The dossier's row in the batch's summary table. */
static void summary_row(const out *o, pk_strbuf *sb)
{
    const pk_report *r = o->r;
    const char *file = pk_report_source(r);
    const char *mark = pk_writer_verdict_mark(r, o->lang);

    pk_sb_printf(sb, "<tr><td class=\"n\">%zu</td><td><a href=\"#d%zu\">",
                 o->index, o->index);
    pk_sb_puts(sb, "<code>");
    esc(sb, pk_writer_is_empty(file) ? "-" : file);
    pk_sb_puts(sb, "</code></a></td><td>");
    esc(sb, pk_report_park_name(r));
    pk_sb_puts(sb, "</td><td>");
    esc(sb, pk_report_province(r));
    pk_sb_puts(sb, "</td><td>");
    esc(sb, pk_writer_kind_label(o->r, pk_report_kind(r), o->lang,
                                 o->L->kind_unknown));
    pk_sb_puts(sb, "</td><td>");
    verdict_tag(sb, o->L, pk_report_verdict(r));
    if (mark != NULL) {
        pk_sb_puts(sb, " (");
        esc(sb, mark);
        pk_sb_puts(sb, ")");
    }
    pk_sb_puts(sb, "</td><td class=\"n\">");
    score_text(sb, pk_report_score(r), o->lang);
    pk_sb_puts(sb, "</td></tr>\n");
}

/* One dossier's section. In a batch its heading is numbered and links
 * back to the summary. */
static void section(const pk_writer *w, const out *o, int batch)
{
    pk_sb_printf(o->sb, "<div class=\"dossier\" id=\"d%zu\">\n", o->index);
    header(w, o, batch);
    pk_html_input_problems(o);
    pk_html_scorecard(o);
    pk_html_criteria(o);
    unchecked(o);
    pk_html_documents(o);
    pk_sb_puts(o->sb, "</div>\n");
}

/* The piece: text is the section as in a batch, part[0] its summary row;
 * the first report also has part[1], its section as it is when alone, and
 * part[2], the page's title (whether this is a batch is known only at the
 * second report). */
static int html_format(const pk_writer *w, const pk_report *r,
                       pk_writer_piece *p)
{
    labels words;
    pk_view view;
    out o;

    /* the results' words, written out before any is read */
    if (pk_report_render(r, w->lang) != 0)
        return PK_ENOMEM;
    if (pk_view_build(&view, r) != PK_OK)
        return PK_ENOMEM;
    o.view = &view;
    o.sb = &p->text;
    pk_html_labels_for(w, &words);
    o.L = &words;
    o.lang = w->lang;
    o.r = r;
    o.results = pk_report_result_count(r);
    o.index = p->index + 1;

    section(w, &o, 1);
    o.sb = &p->part[0];
    summary_row(&o, &p->part[0]);
    if (p->index == 0) {
        o.sb = &p->part[1];
        section(w, &o, 0);
        esc(&p->part[2], pk_report_park_name(r));
    }
    pk_view_free(&view);
    return 0; /* writer.c checks the buffers */
}

static int html_add_piece(pk_writer *w, const pk_writer_piece *p,
                          pk_strbuf *unused)
{
    html_state *st = w->state;
    size_t sections_len = st->sections.len;
    int rc = 0;

    (void)unused; /* the page is written whole by html_finish() */
    if (w->dossiers == 0) {
        if (pk_sb_append(&st->single, p->part[1].data, p->part[1].len) != 0 ||
            pk_sb_append(&st->title, p->part[2].data, p->part[2].len) != 0) {
            rc = PK_ENOMEM;
            goto out;
        }
    }
    /* All or nothing: a half-written section would break the page if the
     * caller went on after the failure. */
    if (pk_sb_append(&st->sections, p->text.data, p->text.len) != 0 ||
        pk_sb_append(&st->rows, p->part[0].data, p->part[0].len) != 0) {
        rc = PK_ENOMEM;
        goto out;
    }
out:
    if (rc != 0) {
        st->sections.failed = 0;
        st->rows.failed = 0;
        if (st->sections.len > sections_len) {
            st->sections.len = sections_len;
            st->sections.data[sections_len] = '\0';
        }
        if (w->dossiers == 0) {
            pk_sb_free(&st->single);
            pk_sb_free(&st->title);
        }
    }
    return rc;
}

static void summary(const pk_writer *w, pk_strbuf *sb)
{
    labels words;
    const labels *L = &words;

    pk_html_labels_for(w, &words);
    size_t v;

    pk_sb_puts(sb, "<div class=\"summary\" id=\"summary\">\n<h2>");
    esc(sb, L->summary_head);
    pk_sb_puts(sb, ": ");
    if (w->left_out > 0) {
        pk_strbuf t = PK_STRBUF_INIT;

        if (pk_writer_append_checked_shown(&t, w) != 0)
            sb->failed = 1;
        else
            esc(sb, t.data);
        pk_sb_free(&t);
    } else {
        pk_fmt_number(sb, (double)w->dossiers, 0, w->lang);
        pk_sb_puts(sb, " ");
        esc(sb, L->dossiers);
    }
    pk_sb_puts(sb, "</h2>\n<div class=\"counts\">");
    for (v = 0; v < PK_VERDICT_COUNT; v++) {
        size_t n = pk_writer_batch_verdicts(w, (pk_verdict)v);

        /* Named only when it happened: most batches have no open law. */
        if (v == PK_VERDICT_NEEDS_RULING && n == 0)
            continue;
        pk_sb_printf(sb, "<span class=\"vtag v-%s\">%s ", verdict_class[v],
                     verdict_mark[v]);
        esc(sb, L->verdict_plain[v]);
        pk_sb_puts(sb, ": ");
        pk_fmt_number(sb, (double)n, 0, w->lang);
        pk_sb_puts(sb, "</span>");
    }
    pk_sb_puts(sb, "</div>\n");
    if (w->dossiers == 0)
        return; /* all left out: no table */
    pk_sb_puts(sb, "<table class=\"batch\"><thead><tr>"
                   "<th class=\"n\">");
    esc(sb, L->number);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->file);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->park);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->province);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->kind);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->verdict_label);
    pk_sb_puts(sb, "</th><th class=\"n\">");
    esc(sb, L->score);
    pk_sb_puts(sb, "</th></tr></thead>\n<tbody>\n");
}

static int html_finish(pk_writer *w, pk_strbuf *sb)
{
    html_state *st = w->state;
    labels words;
    const labels *L = &words;
    /* A page of several dossiers, or of a batch some of whose reports
     * were left out: the summary first, with the whole batch's counts. */
    int batch = w->dossiers >= 2 || w->left_out > 0;

    pk_html_labels_for(w, &words);

    pk_sb_printf(sb,
                 "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                 "<meta name=\"viewport\" "
                 "content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"parkcheck ",
                 w->lang == PK_LANG_VI ? "vi" : "en");
    esc_attr(sb, pk_version());
    pk_sb_puts(sb, "\">\n<title>");
    esc(sb, page_title(w, L));
    if (!batch && w->dossiers == 1 && st->title.len > 0) {
        pk_sb_puts(sb, ": ");
        pk_sb_append(sb, st->title.data, st->title.len); /* escaped */
    }
    pk_sb_puts(sb, "</title>\n<style>");
    pk_sb_puts(sb, page_css);
    pk_sb_puts(sb, "</style>\n</head>\n<body>\n<h1>");
    esc(sb, page_title(w, L));
    pk_sb_puts(sb, "</h1>\n");

    if (batch) {
        summary(w, sb);
        if (w->dossiers > 0) {
            if (st->rows.len > 0)
                pk_sb_append(sb, st->rows.data, st->rows.len);
            pk_sb_puts(sb, "</tbody></table>\n<p class=\"score-note\">");
            esc(sb, pk_writer_score_meaning(w->lang));
            pk_sb_puts(sb, "</p>\n");
        }
        pk_sb_puts(sb, "</div>\n");
    } else if (w->dossiers == 0) {
        pk_sb_puts(sb, "<p>");
        esc(sb, L->none_checked);
        pk_sb_puts(sb, "</p>\n");
    }
    if (!batch && w->dossiers == 1)
        pk_sb_append(sb, st->single.data, st->single.len);
    else if (st->sections.len > 0)
        pk_sb_append(sb, st->sections.data, st->sections.len);
    pk_sb_puts(sb, "<div class=\"footer\">");
    esc(sb, L->made_with);
    pk_sb_puts(sb, " ");
    esc(sb, pk_version());
    pk_sb_puts(sb, "</div>\n</body>\n</html>\n");
    return sb->failed ? PK_ENOMEM : 0;
}

static void html_release(void *state)
{
    html_state *st = state;

    pk_sb_free(&st->rows);
    pk_sb_free(&st->sections);
    pk_sb_free(&st->single);
    pk_sb_free(&st->title);
}

const pk_writer_ops pk_writer_html_ops = {
    "html",         sizeof(html_state), NULL,         html_format,
    html_add_piece, html_finish,        html_release, 0,
};
