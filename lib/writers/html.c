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
 */
#include "writers.h"
#include "view.h"

#include <math.h>
#include <string.h>

#include "numfmt.h"

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
    const char *legend_word[4]; /* the regime's (labels_for()) */
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

static const labels labels_vi = {
    "Báo cáo kiểm tra hồ sơ",
    {NULL},
    {NULL},
    {NULL},
    {NULL}, /* the regime's (labels_for()) */
    "chưa rõ",
    "Tệp",
    "Tên",
    "Địa phương",
    "Loại hồ sơ",
    "Áp dụng quy định tại ngày",
    "Bộ quy tắc",
    "không có bộ quy tắc nào có hiệu lực",
    "Kết luận",
    "Điểm",
    "Lưu ý",
    "(hồ sơ không nêu tên)",
    "Hồ sơ không kiểm tra được: xem lỗi đầu vào bên dưới.",
    "Bảng điểm theo điều",
    "Các quy tắc bắt buộc được áp dụng; mỗi ô là một quy tắc:",
    {NULL}, /* the regime's (labels_for()) */
    NULL,   /* the regime's (labels_for()) */
    "Quy tắc",
    "Từng quy tắc",
    "Đạt",
    "Không đạt",
    "Chưa rõ",
    "Lỗi",
    "Tiêu chí, điều kiện",
    "Khác",
    "đạt",
    "đã có",
    "khuyến nghị",
    "Giá trị đọc được",
    "Giá trị",
    "Yêu cầu",
    "Còn thiếu",
    "Cần bổ sung trong hồ sơ",
    "tính từ các số liệu khác",
    "Giá trị không hợp lệ",
    "Hồ sơ còn thiếu",
    "không thiếu mục bắt buộc nào",
    "mục bắt buộc",
    "mục bắt buộc",
    "Lỗi đầu vào",
    "Cần sửa trước, vì tiêu chí nào đọc giá trị lỗi thì chưa đánh giá được.",
    "Vị trí",
    "Loại",
    "Nội dung",
    "Dòng",
    "cột",
    "phiên bản",
    "lỗi",
    "cảnh báo",
    "Tổng hợp",
    "hồ sơ",
    "STT",
    "↑ Tổng hợp",
    "Không có hồ sơ nào được kiểm tra.",
    "Lập bằng parkcheck",
    "Cần xin ý kiến cơ quan có thẩm quyền về cách hiểu",
    "Các cách hiểu quy định",
    "Lời văn để ngỏ",
};

static const labels labels_en = {
    "Dossier check report",
    {NULL},
    {NULL},
    {NULL},
    {NULL},
    "not stated",
    "File",
    "Name",
    "Place",
    "Kind",
    "Rules as of",
    "Rule pack",
    "no rule pack in force",
    "Verdict",
    "Score",
    "Notice",
    "(the dossier gives no name)",
    "The dossier could not be checked: see the input problems below.",
    "Scorecard by article",
    "Mandatory rules that apply; one box per rule:",
    {NULL}, /* the regime's (labels_for()) */
    NULL,   /* the regime's (labels_for()) */
    "Rules",
    "Each rule",
    "Passed",
    "Failed",
    "Unknown",
    "Error",
    "Criteria and conditions",
    "Other",
    "passed",
    "present",
    "advisory",
    "Values read",
    "Value",
    "Required",
    "Short by",
    "Add to the dossier",
    "computed from other figures",
    "Invalid in the dossier",
    "What the dossier still lacks",
    "no mandatory item",
    "mandatory item",
    "mandatory items",
    "Input problems",
    "Fix these first, since a criterion that reads a faulty value cannot be "
    "decided.",
    "Where",
    "Kind",
    "Message",
    "Line",
    "column",
    "version",
    "error",
    "warning",
    "Summary",
    "dossiers",
    "No.",
    "↑ Summary",
    "No dossier was checked.",
    "Made with parkcheck",
    "A ruling of the competent authority is needed on how to read",
    "How the provision can be read",
    "The words that leave it open",
};

/* Class names and symbols: the same in both languages. */
static const char *const status_class[STATUS_COUNT] = {
    "pass", "fail", "unknown", "na", "error", "open"};
static const char *const status_mark[STATUS_COUNT] = {"✓", "✗", "?",
                                                      "–", "!", "≠"};
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

typedef struct out {
    pk_strbuf *sb;
    const labels *L;
    pk_lang lang;
    const pk_report *r;
    size_t results;
    size_t index;        /* 1-based, for the anchors */
    const pk_view *view; /* the report grouped for its readers */
} out;

/* ------------------------------------------------------------------------
 * Small pieces
 * ------------------------------------------------------------------------ */

static void esc(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_HTML);
}

static void esc_attr(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_HTML | PK_XML_ATTR);
}

/* The writer's words: the engine's own in its language, with those the
 * regime gives (its format description's <words>) in their place. */
/* The marks of the scorecard, explained above it in this order. */
static const pk_status legend[] = {PK_STATUS_PASS, PK_STATUS_FAIL,
                                   PK_STATUS_UNKNOWN, PK_STATUS_ERROR};

static void labels_for(const pk_writer *w, labels *words)
{
    *words = w->lang == PK_LANG_VI ? labels_vi : labels_en;
    words->criteria_head = pk_writer_word(w, "criteria", words->criteria_head);
    /* the word before an article's number, as the regime's citations say
     * it; without one, the number alone */
    words->col_article = pk_writer_word(w, "article-column", "");
    words->no_name = pk_writer_word(w, "no-name", words->no_name);
    for (int v = 0; v < PK_VERDICT_COUNT; v++) {
        words->verdict[v] = pk_writer_verdict_word(w->engine, "verdict",
                                                   (pk_verdict)v, w->lang);
        words->verdict_plain[v] = pk_writer_verdict_word(
            w->engine, "verdict-plain", (pk_verdict)v, w->lang);
    }
    for (int s = 0; s < STATUS_COUNT; s++) {
        words->status[s] =
            pk_writer_status_word(w->engine, "status", (pk_status)s, w->lang);
        words->doc_status[s] = pk_writer_status_word(
            w->engine, "status-document", (pk_status)s, w->lang);
    }
    {
        const pk_engine *e = w->engine;
        pk_lang l = w->lang;

        words->col_passed =
            pk_writer_status_word(e, "status-heading", PK_STATUS_PASS, l);
        words->col_failed =
            pk_writer_status_word(e, "status-heading", PK_STATUS_FAIL, l);
        words->col_unknown =
            pk_writer_status_word(e, "status-heading", PK_STATUS_UNKNOWN, l);
        words->col_error =
            pk_writer_status_word(e, "status-heading", PK_STATUS_ERROR, l);
        words->passed =
            pk_writer_status_word(e, "status-legend", PK_STATUS_PASS, l);
        words->present = pk_writer_status_word(e, "status-document-legend",
                                               PK_STATUS_PASS, l);
        for (size_t k = 0; k < sizeof legend / sizeof legend[0]; k++)
            words->legend_word[k] =
                pk_writer_status_word(e, "status-legend", legend[k], l);
    }
    words->park = pk_writer_word(w, "name", words->park);
    words->province = pk_writer_word(w, "province", words->province);
}

static unsigned status_index(pk_status s)
{
    return (unsigned)s < STATUS_COUNT ? (unsigned)s : PK_STATUS_ERROR;
}

static unsigned verdict_index(pk_verdict v)
{
    return (unsigned)v < PK_VERDICT_COUNT ? (unsigned)v : PK_VERDICT_INVALID;
}

/* An article cited as the regime cites it. */
static void article_name(const out *o, int article)
{
    if (article > 0) {
        pk_citation c = {article, 0, ""};
        char buf[64];

        pk_engine_citation_format(o->r->engine, &c, o->lang, buf, sizeof buf);
        esc(o->sb, buf);
    } else
        esc(o->sb, o->L->other_article);
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

static void esc_shortfall(pk_strbuf *sb, const pk_dformat *f, double v,
                          const char *unit, pk_lang lang)
{
    pk_strbuf t = PK_STRBUF_INIT;

    pk_writer_append_shortfall(&t, f, v, unit, lang);
    if (t.failed)
        sb->failed = 1;
    else
        esc(sb, t.data);
    pk_sb_free(&t);
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
 * Scorecard: per article, the applicable mandatory rules as boxes
 * ------------------------------------------------------------------------ */

static void scorecard(const out *o)
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
    for (size_t k = 0; k < sizeof legend / sizeof legend[0]; k++) {
        pk_sb_printf(sb, "%s %s ", k > 0 ? "," : "", status_mark[legend[k]]);
        esc(sb, L->legend_word[k]);
    }
    pk_sb_puts(sb, ".");
    /* The open mark is explained only where it is used: other reports
     * read as before. */
    if (pk_writer_any_open(o->r)) {
        pk_sb_printf(sb, " %s ", status_mark[PK_STATUS_OPEN]);
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
        article_name(o, as->article);
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
                         status_class[s]);
            esc_attr(sb, pk_result_id(res));
            pk_sb_printf(sb, "\">%s</span>", status_mark[s]);
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

/* ------------------------------------------------------------------------
 * Rules
 * ------------------------------------------------------------------------ */

static void status_tag(const out *o, const pk_result *res)
{
    unsigned s = status_index(pk_result_status(res));
    const char *word = pk_result_category(res) == PK_CATEGORY_DOCUMENT
                           ? o->L->doc_status[s]
                           : o->L->status[s];

    pk_sb_printf(o->sb, "<span class=\"tag s-%s\">%s ", status_class[s],
                 status_mark[s]);
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
        esc_shortfall(sb, pk_writer_dformat(o->r), c.shortfall, c.unit,
                      o->lang);
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
    pk_status st = pk_result_status(res);
    size_t i, k, n, read = 0;
    int first = 1;

    if (st == PK_STATUS_UNKNOWN) {
        n = pk_result_missing_count(res);
        for (i = 0; i < n; i++) {
            const char *id = pk_result_missing(res, i);
            int seen = 0;

            for (k = 0; k < i && !seen; k++)
                seen = !pk_writer_is_empty(id) &&
                       !pk_writer_is_empty(pk_result_missing(res, k)) &&
                       strcmp(pk_result_missing(res, k), id) == 0;
            if (pk_writer_is_empty(id) || seen)
                continue;
            if (first) {
                pk_sb_puts(sb, "<div class=\"add\">");
                esc(sb, o->L->add_head);
                pk_sb_puts(sb, ":<ul>");
            }
            first = 0;
            pk_sb_puts(sb, "<li>");
            fact_name(o, res, id);
            fact_where(o, res, id);
            pk_sb_puts(sb, "</li>");
        }
    } else if (st == PK_STATUS_ERROR) {
        n = pk_result_value_count(res);
        for (i = 0; i < n; i++) {
            const pk_value_info *v = pk_result_value(res, i);

            read += v != NULL && v->kind == PK_VALUE_INVALID &&
                    !pk_writer_is_empty(pk_result_fact_location(res, v->id));
        }
        for (i = 0; i < n; i++) {
            const pk_value_info *v = pk_result_value(res, i);

            if (v == NULL || v->kind != PK_VALUE_INVALID ||
                pk_writer_is_empty(v->id) ||
                (read > 0 &&
                 pk_writer_is_empty(pk_result_fact_location(res, v->id))))
                continue;
            if (first) {
                pk_sb_puts(sb, "<div class=\"add\">");
                esc(sb, o->L->invalid_head);
                pk_sb_puts(sb, ":<ul>");
            }
            first = 0;
            pk_sb_puts(sb, "<li>");
            fact_name(o, res, v->id);
            fact_where(o, res, v->id);
            pk_sb_puts(sb, "</li>");
        }
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
        pk_sb_printf(sb, "\"><span class=\"tag s-%s\">%s ", status_class[s],
                     status_mark[s]);
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
    pk_sb_printf(sb, "<li class=\"rule r-%s\" data-rule=\"", status_class[s]);
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
    article_name(o, g->article);
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
    pk_sb_printf(sb, "%s ", status_mark[PK_STATUS_NOT_APPLICABLE]);
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

static void criteria(const out *o)
{
    if (o->view->part[PK_CATEGORY_CRITERION].ngroups == 0)
        return;
    pk_sb_puts(o->sb, "<h3>");
    esc(o->sb, o->L->criteria_head);
    pk_sb_puts(o->sb, "</h3>\n");
    articles(o, PK_CATEGORY_CRITERION);
}

static void documents(const out *o)
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
                     status_class[s], status_mark[s]);
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
static void input_problems(const out *o)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    size_t pos = 0;
    long i;

    if (pk_report_problem_count(o->r) == 0)
        return;
    pk_sb_puts(sb, "<h3 id=\"");
    pk_sb_printf(sb, "d%zu-problems\">", o->index);
    esc(sb, L->problems_head);
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

/* ------------------------------------------------------------------------
 * The format
 * ------------------------------------------------------------------------ */

/* The dossier's row in the batch's summary table. */
static void summary_row(const out *o, pk_strbuf *sb)
{
    const pk_report *r = o->r;
    const char *file = pk_report_source(r);

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
    if (pk_report_provisional(r)) {
        pk_sb_puts(sb, " (");
        esc(sb, pk_writer_word_provisional_verdict(o->lang));
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
    input_problems(o);
    scorecard(o);
    criteria(o);
    unchecked(o);
    documents(o);
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
    labels_for(w, &words);
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

    labels_for(w, &words);
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

    labels_for(w, &words);

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
