/*
 * writer_summary.c - the batch summary alone, for a reviewer to print
 * and hand on: a row per dossier saying its verdict and why, on A4 pages
 * of at most PAGE_ROWS rows each.
 *
 * Each row: the dossier (park, province, file), the verdict with its
 * mark when it is provisional or for comparison only, why (the
 * failed criteria as citations with their shortfall, what the dossier
 * does not say, the reason a file is invalid, the provisions a ruling is
 * needed on) and the rule pack it was checked under, with its notice.
 * Rows are sorted by verdict, worst last (pk_verdict_rank), then by park
 * and file, so the pages read the same however the batch was ordered.
 *
 * A page is a block of its own that the printer breaks after; in print
 * each cell shows at most two lines so that PAGE_ROWS rows fit one A4
 * page. The full reasons are in the dossier's own report.
 * Like the HTML format the page has no script and a Content-Security-
 * Policy that allows none.
 */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/* Rows per printed page: about what a reviewer takes in at a glance, and
 * what fits a portrait A4 page at two lines a row. */
#define PAGE_ROWS 40

typedef struct labels {
    const char *title, *page, *of, *number, *dossier, *verdict, *why, *regime,
        *failed, *missing, *invalid, *open, *warning, *none, *no_name;
} labels;

static const labels labels_vi = {
    "Tổng hợp kết quả kiểm tra hồ sơ",
    "Trang",
    "/",
    "STT",
    "Hồ sơ",
    "Kết luận",
    "Lý do",
    "Quy định áp dụng",
    "Không đạt",
    "Còn thiếu",
    "Không hợp lệ",
    "Cần xin ý kiến về",
    "Cảnh báo",
    "Không có hồ sơ nào được kiểm tra.",
    "(hồ sơ không nêu tên khu)",
};

static const labels labels_en = {
    "Summary of the check",
    "Page",
    "of",
    "No.",
    "Dossier",
    "Verdict",
    "Why",
    "Rules applied",
    "Fails",
    "Missing",
    "Invalid",
    "A ruling is needed on",
    "Warning",
    "No dossier was checked.",
    "(the dossier names no park)",
};

static const char *const verdict_class[PK_VERDICT_COUNT] = {
    "eligible", "incomplete", "not-eligible", "invalid", "needs-ruling",
};

/* Print: portrait A4, PAGE_ROWS rows of at most two lines a page. Cells
 * are clamped rather than pages clipped: a row never vanishes, and were
 * rows taller than planned a page would spill onto a second one, which
 * the browser test's page count would show. The verdict's cell is not
 * clamped, so that its mark always prints: its column is as wide as the
 * longest verdict with one mark takes in two lines. */
static const char page_css[] =
    "@page{size:A4;margin:9mm 8mm}"
    "*{box-sizing:border-box}"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",\"Segoe UI\",Arial,"
    "sans-serif;font-size:9pt;line-height:1.3;color:#111;margin:0 auto;"
    "max-width:194mm;padding:4mm}"
    "h1{font-size:11pt;margin:0 0 1mm}"
    ".pageno{font-weight:normal;font-size:9pt;float:right}"
    ".counts{margin:0 0 1.5mm}"
    ".counts span{margin-right:4mm;white-space:nowrap}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "th,td{border:1px solid #888;padding:.2mm .8mm;text-align:left;"
    "vertical-align:top;overflow:hidden}"
    "th{background:#eee}"
    "col.n{width:8mm}col.d{width:56mm}col.v{width:30mm}col.r{width:24mm}"
    ".n{text-align:right;font-variant-numeric:tabular-nums}"
    ".c{overflow-wrap:anywhere}"
    "code{font-size:.9em}"
    ".v{font-weight:bold;border-left:2.5mm solid}"
    ".v .m{font-weight:normal}"
    ".v-eligible{border-left-color:#1b5e20}"
    ".v-incomplete{border-left-color:#d4a300}"
    ".v-not-eligible{border-left-color:#b71c1c}"
    ".v-invalid{border-left-color:#000}"
    ".v-needs-ruling{border-left-color:#0d3c61}"
    ".k{font-weight:bold}"
    ".note{font-weight:bold;color:#b71c1c}"
    ".page{margin-bottom:6mm}"
    "@media print{body{max-width:none;padding:0;font-size:6.5pt;"
    "line-height:1.15}"
    ".page{break-after:page;margin:0}"
    ".page:last-child{break-after:auto}"
    "tr{break-inside:avoid}"
    "td .c{display:-webkit-box;-webkit-box-orient:vertical;"
    "-webkit-line-clamp:2;max-height:2.3em;overflow:hidden}"
    "h1{font-size:9pt}"
    "a{color:inherit;text-decoration:none}}";

typedef struct entry {
    pk_summary_key key;
    char *names; /* owned: the park's name, NUL, the file's; key.park
                    and key.source point into it */
    char *who;   /* owned: the dossier cell's contents, as HTML */
    char *cells; /* owned: the cells after it, as HTML */
    char *href;  /* owned: the dossier's own report, or NULL */
    char *note;  /* owned: the caller's note on it, or NULL */
} entry;

typedef struct summary_state {
    entry *entries;
    size_t count, cap;
    char *next_href; /* for the next report added (pk_writer_link_next) */
    char *next_note; /* the same, pk_writer_note_next */
} summary_state;

static const labels *labels_for(pk_lang lang)
{
    return lang == PK_LANG_VI ? &labels_vi : &labels_en;
}

int pk_summary_reason(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                      int which)
{
    const labels *L = labels_for(lang);
    pk_strbuf t = PK_STRBUF_INIT;

    if (which == 0)
        pk_summary_failed(&t, r, lang, "; ");
    else
        pk_summary_missing(&t, r, lang, "; ", 4);
    if (t.len > 0) {
        pk_sb_puts(sb, which == 0 ? L->failed : L->missing);
        pk_sb_puts(sb, ": ");
        pk_sb_append(sb, t.data, t.len);
    }
    if (t.failed)
        sb->failed = 1;
    pk_sb_free(&t);
    return sb->failed ? PK_ENOMEM : PK_OK;
}

/* The summary's title and the words for a dossier that names nothing are
 * the regime's (the format description's <words>); the labels above are
 * only what is said when it gives none. */
static const char *title(const pk_writer *w)
{
    const char *t = pk_engine_word(w->engine, "summary-title", w->lang);

    if (t == NULL || t[0] == '\0')
        t = labels_for(w->lang)->title;
    return t;
}

static const char *no_name(const pk_writer *w)
{
    const char *t = pk_engine_word(w->engine, "no-name", w->lang);

    if (t == NULL || t[0] == '\0')
        t = labels_for(w->lang)->no_name;
    return t;
}

static void esc(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_HTML);
}

static unsigned verdict_index(pk_verdict v)
{
    return (unsigned)v < PK_VERDICT_COUNT ? (unsigned)v : PK_VERDICT_INVALID;
}

/* One reason, "Label: text", when text is not empty; sb holds the text
 * made aside. */
static void reason(pk_strbuf *sb, const char *label, pk_strbuf *text, int *any)
{
    if (text->failed) {
        sb->failed = 1;
        return;
    }
    if (text->len == 0)
        return;
    pk_sb_puts(sb, *any ? "<br><span class=\"k\">" : "<span class=\"k\">");
    esc(sb, label);
    pk_sb_puts(sb, ":</span> ");
    esc(sb, text->data);
    *any = 1;
}

/* The dossier cell's contents into who, and the cells after it (verdict,
 * why, rules) into sb. */
static void cells(const pk_writer *w, const pk_report *r, pk_strbuf *who,
                  pk_strbuf *sb)
{
    const labels *L = labels_for(w->lang);
    pk_lang lang = w->lang;
    unsigned v = verdict_index(pk_report_verdict(r));
    const char *park = pk_report_park_name(r);
    const char *province = pk_report_province(r);
    const char *source = pk_report_source(r);
    const char *notice = pk_report_notice(r, lang);
    const char *mark = pk_writer_verdict_mark(r, lang);
    pk_strbuf t = PK_STRBUF_INIT;
    int any = 0;

    /* A file not read is known by its name alone: it named no park. */
    if (!pk_summary_unread(r)) {
        esc(who, park[0] != '\0' ? park : no_name(w));
        if (province[0] != '\0') {
            pk_sb_puts(who, " — ");
            esc(who, province);
        }
        pk_sb_puts(who, "<br>");
    }
    pk_sb_puts(who, "<code>");
    esc(who, source[0] != '\0' ? source : "-");
    pk_sb_puts(who, "</code>");
    pk_sb_printf(sb, "<td class=\"v v-%s\">", verdict_class[v]);
    esc(sb, pk_writer_verdict_word(w->engine, "verdict-plain", v, lang));
    if (mark != NULL) {
        /* beside the verdict, where print never cuts it */
        pk_sb_puts(sb, " <span class=\"m\">(");
        esc(sb, mark);
        pk_sb_puts(sb, ")</span>");
    }
    pk_sb_puts(sb, "</td><td><div class=\"c\">");

    pk_summary_invalid(&t, r, lang);
    reason(sb, L->invalid, &t, &any);
    pk_sb_reset(&t);
    pk_summary_failed(&t, r, lang, "; ");
    reason(sb, L->failed, &t, &any);
    pk_sb_reset(&t);
    pk_summary_missing(&t, r, lang, "; ", 4);
    reason(sb, L->missing, &t, &any);
    pk_sb_reset(&t);
    pk_summary_open(&t, r, lang, "; ");
    reason(sb, L->open, &t, &any);
    pk_sb_reset(&t);
    pk_summary_warning(&t, r, lang);
    reason(sb, L->warning, &t, &any);
    pk_sb_reset(&t);

    pk_sb_puts(sb, "</div></td><td><div class=\"c\">");
    pk_summary_regime(&t, r, lang);
    if (t.failed)
        sb->failed = 1;
    else
        esc(sb, t.data);
    if (notice != NULL && notice[0] != '\0') {
        pk_sb_puts(sb, "<br>");
        esc(sb, notice);
    }
    pk_sb_puts(sb, "</div></td>");
    pk_sb_free(&t);
}

/* The piece: part[0] the dossier cell's contents, part[1] the cells
 * after it, part[2] what it sorts by (pk_summary_sort_names). */
static int summary_format(const pk_writer *w, const pk_report *r,
                          pk_writer_piece *p)
{
    /* the results' words these columns read, written out before any is
     * read */
    if (pk_summary_render(r, w->lang) != 0)
        return PK_ENOMEM;
    cells(w, r, &p->part[0], &p->part[1]);
    pk_summary_sort_names(&p->part[2], r, w->lang);
    return 0; /* writer.c checks the buffers */
}

/* The buffer's bytes, NULs and all, with a NUL after them. */
static char *copy(const pk_strbuf *sb)
{
    char *s = malloc(sb->len + 1);

    if (s == NULL)
        return NULL;
    if (sb->len > 0)
        memcpy(s, sb->data, sb->len);
    s[sb->len] = '\0';
    return s;
}

/* What pk_writer_link_next() and pk_writer_note_next() share: text
 * copied into the summary's slot for the next report (which). */
static int set_next(pk_writer *writer, size_t which, const char *text,
                    const char *what, pk_error *err)
{
    summary_state *st;
    char *copied = NULL, **slot;
    size_t len;

    if (writer == NULL || writer->ops != &pk_writer_summary_ops ||
        writer->finished) {
        if (err != NULL) {
            memset(err, 0, sizeof *err);
            err->code = PK_EINVAL;
            snprintf(err->message, sizeof err->message,
                     "%s: not a summary writer, or finished", what);
        }
        return PK_EINVAL;
    }
    st = writer->state;
    slot = which == 0 ? &st->next_href : &st->next_note;
    if (text != NULL) {
        len = strlen(text);
        copied = malloc(len + 1);
        if (copied == NULL) {
            if (err != NULL) {
                memset(err, 0, sizeof *err);
                err->code = PK_ENOMEM;
                strcpy(err->message, "out of memory");
            }
            return PK_ENOMEM;
        }
        memcpy(copied, text, len + 1);
    }
    free(*slot);
    *slot = copied;
    return 0;
}

int pk_writer_link_next(pk_writer *writer, const char *href, pk_error *err)
{
    return set_next(writer, 0, href, "pk_writer_link_next", err);
}

int pk_writer_note_next(pk_writer *writer, const char *note, pk_error *err)
{
    return set_next(writer, 1, note, "pk_writer_note_next", err);
}

static int summary_add_piece(pk_writer *w, const pk_writer_piece *p,
                             pk_strbuf *unused)
{
    summary_state *st = w->state;
    entry e;

    (void)unused; /* the pages are written whole by summary_finish() */
    if (st->count == st->cap) {
        size_t cap = st->cap == 0 ? 64 : st->cap * 2;
        entry *grown = realloc(st->entries, cap * sizeof *grown);

        if (grown == NULL)
            return PK_ENOMEM;
        st->entries = grown;
        st->cap = cap;
    }
    memset(&e, 0, sizeof e);
    e.who = copy(&p->part[0]);
    e.cells = copy(&p->part[1]);
    e.names = copy(&p->part[2]);
    if (e.who == NULL || e.cells == NULL || e.names == NULL) {
        free(e.who);
        free(e.cells);
        free(e.names);
        return PK_ENOMEM;
    }
    e.key.rank = pk_verdict_rank(p->verdict);
    e.key.park = e.names;
    e.key.source = e.names + strlen(e.names) + 1;
    e.key.order = e.key.source + strlen(e.key.source) + 1;
    e.key.index = p->index;
    /* The link and the note were for this report, whether or not they
     * were set. */
    e.href = st->next_href;
    st->next_href = NULL;
    e.note = st->next_note;
    st->next_note = NULL;
    st->entries[st->count++] = e;
    return 0;
}

/* The count by verdict, the whole batch's; with how many were checked
 * and shown when some reports were left out of the summary. */
static void counts(const pk_writer *w, pk_strbuf *sb)
{
    size_t v;

    pk_sb_puts(sb, "<p class=\"counts\">");
    if (w->left_out > 0) {
        pk_strbuf t = PK_STRBUF_INIT;

        /* Not a span: those do not wrap, and this may be long. */
        pk_sb_puts(sb, "<b>");
        if (pk_writer_append_checked_shown(&t, w) != 0)
            sb->failed = 1;
        else
            esc(sb, t.data);
        pk_sb_free(&t);
        pk_sb_puts(sb, "</b> ");
    }
    for (v = 0; v < PK_VERDICT_COUNT; v++) {
        size_t n = pk_writer_batch_verdicts(w, (pk_verdict)v);

        if (n == 0)
            continue;
        pk_sb_printf(sb, "<span class=\"v v-%s\"> ", verdict_class[v]);
        esc(sb, pk_writer_verdict_word(w->engine, "verdict-plain",
                                       (pk_verdict)v, w->lang));
        pk_sb_puts(sb, ": ");
        pk_fmt_number(sb, (double)n, 0, w->lang);
        pk_sb_puts(sb, "</span>");
    }
    pk_sb_puts(sb, "</p>\n");
}

static void page_head(const pk_writer *w, pk_strbuf *sb, size_t page,
                      size_t pages)
{
    const labels *L = labels_for(w->lang);

    pk_sb_puts(sb, "<div class=\"page\">\n<h1>");
    esc(sb, title(w));
    pk_sb_puts(sb, " <span class=\"pageno\">");
    esc(sb, L->page);
    pk_sb_puts(sb, " ");
    pk_fmt_number(sb, (double)page, 0, w->lang);
    pk_sb_puts(sb, " ");
    esc(sb, L->of);
    pk_sb_puts(sb, " ");
    pk_fmt_number(sb, (double)pages, 0, w->lang);
    pk_sb_puts(sb, "</span></h1>\n");
    if (page == 1)
        counts(w, sb);
    pk_sb_puts(sb, "<table><colgroup><col class=\"n\"><col class=\"d\">"
                   "<col class=\"v\"><col class=\"w\"><col class=\"r\">"
                   "</colgroup>\n<thead><tr><th class=\"n\">");
    esc(sb, L->number);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->dossier);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->verdict);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->why);
    pk_sb_puts(sb, "</th><th>");
    esc(sb, L->regime);
    pk_sb_puts(sb, "</th></tr></thead>\n<tbody>\n");
}

static int summary_finish(pk_writer *w, pk_strbuf *sb)
{
    summary_state *st = w->state;
    const labels *L = labels_for(w->lang);
    size_t i, pages = (st->count + PAGE_ROWS - 1) / PAGE_ROWS;

    if (st->count > 1)
        qsort(st->entries, st->count, sizeof *st->entries, pk_summary_key_cmp);
    pk_sb_printf(sb,
                 "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                 "<meta name=\"viewport\" "
                 "content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"parkcheck ",
                 w->lang == PK_LANG_VI ? "vi" : "en");
    esc(sb, pk_version());
    pk_sb_puts(sb, "\">\n<title>");
    esc(sb, title(w));
    pk_sb_puts(sb, "</title>\n<style>");
    pk_sb_puts(sb, page_css);
    pk_sb_puts(sb, "</style>\n</head>\n<body>\n");
    if (st->count == 0) {
        pk_sb_puts(sb, "<h1>");
        esc(sb, title(w));
        pk_sb_puts(sb, "</h1>\n");
        if (w->left_out > 0) {
            counts(w, sb); /* checked, but none shown */
        } else {
            pk_sb_puts(sb, "<p>");
            esc(sb, L->none);
            pk_sb_puts(sb, "</p>\n");
        }
    }
    for (i = 0; i < st->count; i++) {
        if (i % PAGE_ROWS == 0)
            page_head(w, sb, i / PAGE_ROWS + 1, pages);
        pk_sb_puts(sb, "<tr><td class=\"n\">");
        pk_fmt_number(sb, (double)(i + 1), 0, w->lang);
        pk_sb_puts(sb, "</td><td><div class=\"c\">");
        if (st->entries[i].href != NULL) {
            pk_sb_puts(sb, "<a href=\"");
            pk_xml_append_text(sb, st->entries[i].href,
                               PK_XML_HTML | PK_XML_ATTR);
            pk_sb_puts(sb, "\">");
        }
        pk_sb_puts(sb, st->entries[i].who);
        if (st->entries[i].href != NULL)
            pk_sb_puts(sb, "</a>");
        pk_sb_puts(sb, "</div>");
        /* Outside the cell's clamp: printed whole, whatever it costs the
         * page. */
        if (st->entries[i].note != NULL) {
            pk_sb_puts(sb, "<div class=\"note\">");
            esc(sb, st->entries[i].note);
            pk_sb_puts(sb, "</div>");
        }
        pk_sb_puts(sb, "</td>");
        pk_sb_puts(sb, st->entries[i].cells);
        pk_sb_puts(sb, "</tr>\n");
        if (i % PAGE_ROWS == PAGE_ROWS - 1 || i + 1 == st->count)
            pk_sb_puts(sb, "</tbody></table>\n</div>\n");
    }
    pk_sb_puts(sb, "</body>\n</html>\n");
    return sb->failed ? PK_ENOMEM : 0;
}

static void summary_release(void *state)
{
    summary_state *st = state;
    size_t i;

    for (i = 0; i < st->count; i++) {
        free(st->entries[i].names);
        free(st->entries[i].who);
        free(st->entries[i].cells);
        free(st->entries[i].href);
        free(st->entries[i].note);
    }
    free(st->entries);
    free(st->next_href);
    free(st->next_note);
}

const pk_writer_ops pk_writer_summary_ops = {
    "summary",
    sizeof(summary_state),
    NULL,
    summary_format,
    summary_add_piece,
    summary_finish,
    summary_release,
    0,
};
