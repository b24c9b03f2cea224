/*
 * text.c - the report for people, in Vietnamese or English.
 *
 * One block per dossier: who and what (file, park, kind, rules, verdict,
 * score, the pack's notice); then the input problems, what a drafter fixes
 * before anything else; then the two halves kept apart - the park's
 * criteria, and the dossier's documents as a checklist - each grouped by
 * article in the order the pack gives its rules. After two or more
 * dossiers, a count by verdict.
 *
 * The messages are the engine's, already worded with values and
 * shortfalls; this file only lays them out. Text that came from a dossier
 * is written so it cannot upset a terminal: ill-formed UTF-8, control
 * characters and bidirectional overrides become U+FFFD.
 */
#include "writers.h"
#include "view.h"
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

/* Lines are wrapped at this many columns where words allow. */
#define TEXT_WIDTH 100

typedef struct labels {
    const char *verdict[PK_VERDICT_COUNT]; /* in capitals */
    const char *status[PK_STATUS_COUNT];   /* the tags, by pk_status */
    const char *kind_label, *kind_unknown;
    const char *rules_label, *as_of, *no_pack, *version;
    const char *verdict_label, *score_label, *notice_label, *no_name;
    const char *criteria_head;
    const char *other_article;    /* "Other" articles */
    const char *passed, *present; /* 3/4 "passed" */
    const char *advisory;
    const char *na_label, *na_article; /* "not applicable" (3 rules) */
    const char *rule_one, *rule_many;
    const char *missing_facts, *invalid_facts;
    const char *docs_head, *docs_head_none, *docs_legend;
    const char *item_one, *item_many; /* 3 "mandatory items" */
    const char *problems_head, *problems_note, *error_word, *warning_word;
    const char *line_word, *column_word, *computed;
    const char *summary_head, *summary_dossiers; /* "Summary:" 3 "dossiers" */
    const char *summary_verdict[PK_VERDICT_COUNT];
    const char *ruling_on, *open_words; /* readings */
} labels;

static const labels labels_vi = {
    {NULL},
    {NULL}, /* the regime's words (labels_for()) */
    "Loại hồ sơ",
    "chưa rõ",
    "Áp dụng",
    "tính đến ngày",
    "không có bộ quy tắc nào có hiệu lực",
    "phiên bản",
    "Kết luận",
    "Điểm",
    "Lưu ý",
    "(hồ sơ không nêu tên)",
    "Tiêu chí, điều kiện",
    "Khác",
    "đạt",
    "đã có",
    "khuyến nghị",
    "Không áp dụng",
    "không áp dụng",
    "quy tắc",
    "quy tắc",
    NULL, /* the regime's (labels_for()) */
    "Giá trị không hợp lệ",
    "Hồ sơ còn thiếu",
    "Hồ sơ còn thiếu: không thiếu mục bắt buộc nào",
    "[x] đã có · [ ] còn thiếu · [?] chưa rõ · [!] lỗi",
    "mục bắt buộc",
    "mục bắt buộc",
    "Lỗi đầu vào",
    "cần sửa trước, vì tiêu chí nào đọc giá trị lỗi thì chưa đánh giá được",
    "lỗi",
    "cảnh báo",
    "dòng",
    "cột",
    "tính từ các số liệu khác",
    "Tổng cộng",
    "hồ sơ",
    {NULL},
    "Cần xin ý kiến cơ quan có thẩm quyền về cách hiểu",
    "Lời văn để ngỏ",
};

static const labels labels_en = {
    {NULL},
    {NULL},
    "Kind",
    "not stated",
    "Rules",
    "as of",
    "no rule pack in force",
    "version",
    "Verdict",
    "Score",
    "Notice",
    "(the dossier gives no name)",
    "Criteria and conditions",
    "Other",
    "passed",
    "present",
    "advisory",
    "Not applicable",
    "not applicable",
    "rule",
    "rules",
    NULL, /* the regime's (labels_for()) */
    "Invalid in the dossier",
    "What the dossier still lacks",
    "What the dossier still lacks: no mandatory item",
    "[x] present · [ ] missing · [?] cannot tell · [!] error",
    "mandatory item",
    "mandatory items",
    "Input problems",
    "fix these first, since a criterion that reads a faulty value cannot "
    "be decided",
    "error",
    "warning",
    "line",
    "column",
    "computed from other figures",
    "Summary:",
    "dossiers",
    {NULL},
    "A ruling of the competent authority is needed on how to read",
    "The words that leave it open",
};

/* The checklist marks of document rules, by pk_status. */
static const char *const doc_marks[PK_STATUS_COUNT] = {"[x]", "[ ]", "[?]",
                                                       "[-]", "[!]", "[~]"};

typedef struct out {
    pk_strbuf *sb;
    const labels *L;
    pk_lang lang;
    const pk_report *r;
    size_t results;
    size_t tag_width;    /* the widest status tag, brackets included */
    const pk_view *view; /* the report grouped for its readers */
} out;

/* ------------------------------------------------------------------------
 * Writing text safely, and measuring it
 * ------------------------------------------------------------------------ */

/* Whether code point cp must not reach a terminal: controls, and the
 * bidirectional overrides that make text read other than it is. */
static int is_unsafe(long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
           cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* The columns a code point takes: none for combining marks. */
static size_t cp_width(long cp)
{
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
        cp == 0x200B || cp == 0x200D)
        return 0;
    return 1;
}

/* Appends len bytes of s made safe: tabs and line breaks as spaces, what
 * is unsafe or ill-formed as U+FFFD. Returns the columns written. */
static size_t put_clean(pk_strbuf *sb, const char *s, size_t len)
{
    size_t i = 0, run = 0, adv, width = 0;
    long cp;

    while (i < len) {
        cp = pk_utf8_next(s + i, len - i, &adv);
        if (cp >= 0 && !is_unsafe(cp)) {
            width += cp_width(cp);
            i += adv;
            continue;
        }
        pk_sb_append(sb, s + run, i - run);
        if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 ||
            cp == 0x2029)
            pk_sb_append(sb, " ", 1);
        else
            pk_sb_puts(sb, PK_UTF8_REPLACEMENT);
        width++;
        i += adv;
        run = i;
    }
    pk_sb_append(sb, s + run, i - run);
    return width;
}

static size_t put(pk_strbuf *sb, const char *s)
{
    return s != NULL ? put_clean(sb, s, strlen(s)) : 0;
}

/* The columns the len bytes at s take once written by put_clean(). */
static size_t text_width(const char *s, size_t len)
{
    size_t i = 0, adv, width = 0;
    long cp;

    while (i < len) {
        cp = pk_utf8_next(s + i, len - i, &adv);
        width += cp >= 0 && !is_unsafe(cp) ? cp_width(cp) : 1;
        i += adv;
    }
    return width;
}

static void spaces(pk_strbuf *sb, size_t n)
{
    static const char blank[] = "                                ";

    while (n > 0) {
        size_t k = n < sizeof blank - 1 ? n : sizeof blank - 1;

        pk_sb_append(sb, blank, k);
        n -= k;
    }
}

/* Appends s word by word, wrapping before TEXT_WIDTH columns. The line
 * already holds col columns; joined says it ends with a word that s
 * continues after a space (else s starts right there, never wrapped).
 * Lines it starts are indented by indent. A line break in s starts a new
 * line; runs of spaces become one. Returns the column where it stops. */
static size_t put_wrapped(pk_strbuf *sb, const char *s, size_t col,
                          size_t indent, int joined)
{
    int line_has_word = joined, line_is_new = 0;
    size_t n, w;

    if (s == NULL)
        return col;
    while (*s != '\0') {
        if (*s == '\n') {
            pk_sb_puts(sb, "\n");
            col = 0;
            line_has_word = 0;
            line_is_new = 1;
            s++;
            continue;
        }
        if (*s == ' ' || *s == '\t' || *s == '\r') {
            s++;
            continue;
        }
        n = strcspn(s, " \t\r\n");
        w = text_width(s, n);
        if (line_has_word && col + 1 + w > TEXT_WIDTH) {
            pk_sb_puts(sb, "\n");
            col = 0;
            line_has_word = 0;
            line_is_new = 1;
        }
        if (line_is_new) {
            spaces(sb, indent);
            col = indent;
            line_is_new = 0;
        } else if (line_has_word) {
            pk_sb_puts(sb, " ");
            col++;
        }
        col += put_clean(sb, s, n);
        line_has_word = 1;
        s += n;
    }
    return col;
}

static void put_number(const out *o, double v, int decimals)
{
    pk_fmt_number(o->sb, v, decimals, o->lang);
}

/* ------------------------------------------------------------------------
 * Labels
 * ------------------------------------------------------------------------ */

static const char *status_tag(const labels *L, pk_status s)
{
    return (unsigned)s < PK_STATUS_COUNT ? L->status[s] : "?";
}

static const char *verdict_label(const labels *L, pk_verdict v)
{
    return (unsigned)v < PK_VERDICT_COUNT ? L->verdict[v] : "?";
}

/* Writes an article's heading: the article cited as the regime cites
 * it. */
static void article_heading(const out *o, int article)
{
    char buf[PK_WRITER_ARTICLE_MAX];

    pk_sb_puts(o->sb, pk_writer_article(o->r, article, o->lang,
                                        o->L->other_article, buf));
}

/* Whether the pack computes fact id from others (it has no place in a
 * dossier); not said of an id the pack does not define. */
static int is_computed(const pk_result *res, const char *id)
{
    const char *where = pk_result_fact_location(res, id);

    return where != NULL && where[0] == '\0';
}

/* A fact for people: its label, and where it is written in a dossier
 * (the element, with line and column for an invalid value) or that it is
 * computed from other figures. The id only when the pack gives no label. */
static void put_fact(const out *o, const pk_result *res, const char *id)
{
    const char *label = pk_result_fact_label(res, id, o->lang);
    pk_strbuf where = PK_STRBUF_INIT;

    put(o->sb, pk_writer_is_empty(label) ? id : label);
    if (pk_writer_append_where(&where, res, id, o->lang) != 0)
        o->sb->failed = 1;
    else if (where.len > 0 || is_computed(res, id)) {
        pk_sb_puts(o->sb, " — ");
        put(o->sb, where.len > 0 ? where.data : o->L->computed);
    }
    pk_sb_free(&where);
}

/* ------------------------------------------------------------------------
 * Header of a dossier
 * ------------------------------------------------------------------------ */

/* Writes a line built aside, wrapped with a hanging indent of 2, then
 * end, and frees it; a line that ran out of memory fails sb. */
static void put_line(pk_strbuf *sb, pk_strbuf *line, const char *end)
{
    if (line->failed)
        sb->failed = 1;
    else
        put_wrapped(sb, line->data, 0, 2, 0);
    pk_sb_puts(sb, end);
    pk_sb_free(line);
}

/* The regime and provisional marks under the verdict: "(!) heading: text". */
static void mark(const out *o, const char *head, const char *text)
{
    if (pk_writer_is_empty(text))
        return;
    pk_sb_printf(o->sb, "(!) %s:", head);
    put_wrapped(o->sb, text, 5 + text_width(head, strlen(head)), 4, 1);
    pk_sb_puts(o->sb, "\n");
}

static void marks(const out *o)
{
    mark(o, pk_writer_word_regime(o->lang),
         pk_report_regime_text(o->r, o->lang));
    mark(o, pk_writer_word_provisional(o->lang),
         pk_report_provisional_text(o->r, o->lang));
}

/* How sure the pack is of a rule, under it, where a reader needs it. */
static void provenance_line(const out *o, const pk_result *res, size_t indent)
{
    pk_strbuf line = PK_STRBUF_INIT;

    if (!pk_writer_shows_provenance(o->r, res))
        return;
    pk_sb_printf(&line, "%s: ", pk_writer_word_sure(o->lang));
    pk_writer_append_provenance(&line, res, o->lang);
    if (line.failed) {
        o->sb->failed = 1;
    } else {
        spaces(o->sb, indent);
        put_wrapped(o->sb, line.data, indent, indent, 0);
        pk_sb_puts(o->sb, "\n");
    }
    pk_sb_free(&line);
}

/* What the pack knows the law asks but cannot check yet, after the
 * criteria: the pack's reason, then one item a line. */
static void unchecked(const out *o)
{
    size_t n = pk_report_unchecked_count(o->r);

    if (n == 0)
        return;
    {
        pk_strbuf line = PK_STRBUF_INIT;

        pk_sb_printf(&line, "%s (%zu): %s", pk_writer_word_unchecked(o->lang),
                     n, pk_report_unchecked_reason(o->r, o->lang));
        pk_sb_puts(o->sb, "\n");
        put_line(o->sb, &line, "\n");
    }
    for (size_t i = 0; i < n; i++) {
        const char *cit = pk_report_unchecked_citation_text(o->r, i, o->lang);
        size_t col;

        pk_sb_puts(o->sb, "  · ");
        col = put_wrapped(o->sb, cit, 4, 4, 0);
        pk_sb_puts(o->sb, " —");
        put_wrapped(o->sb, pk_report_unchecked_title(o->r, i, o->lang), col + 2,
                    4, 1);
        pk_sb_puts(o->sb, "\n");
    }
}

static void header(const pk_writer *w, const out *o)
{
    const labels *L = o->L;
    pk_strbuf *sb = o->sb;
    const pk_report *r = o->r;
    const char *name = pk_report_park_name(r);
    const char *province = pk_report_province(r);
    const char *kind = pk_report_kind(r);
    const char *pack = pk_report_pack_id(r);
    const char *date = pk_report_date(r);
    const char *notice = pk_report_notice(r, o->lang);
    const char *title;
    pk_verdict verdict = pk_report_verdict(r);
    double score = pk_report_score(r);
    size_t col;

    pk_sb_puts(sb, "== ");
    if (pk_writer_is_empty(pk_report_source(r)))
        pk_sb_puts(sb, "-");
    else
        put(sb, pk_report_source(r));
    pk_sb_puts(sb, " ==\n");

    if (!pk_writer_is_empty(name) || !pk_writer_is_empty(province) ||
        o->results > 0) {
        put_wrapped(sb, pk_writer_is_empty(name) ? L->no_name : name, 0, 2, 0);
        if (!pk_writer_is_empty(province)) {
            pk_sb_puts(sb, " — ");
            put(sb, province);
        }
        pk_sb_puts(sb, "\n");
    }

    if (!pk_writer_is_empty(kind) || !pk_writer_is_empty(pack) ||
        !pk_writer_is_empty(date) || o->results > 0) {
        /* Built apart, then wrapped: a pack's title makes it long. */
        pk_strbuf line = PK_STRBUF_INIT;

        pk_sb_printf(&line, "%s: ", L->kind_label);
        put(&line, pk_writer_kind_label(o->r, kind, o->lang, L->kind_unknown));
        pk_sb_printf(&line, " · %s: ", L->rules_label);
        if (pk_writer_is_empty(pack)) {
            pk_sb_puts(&line, L->no_pack);
        } else {
            /* The pack by its title in the reader's language; its id
             * only when it has no title. */
            title = pk_writer_pack_title(w, pack);
            put(&line, pk_writer_is_empty(title) ? pack : title);
            if (!pk_writer_is_empty(pk_report_pack_version(r))) {
                pk_sb_printf(&line, " (%s ", L->version);
                put(&line, pk_report_pack_version(r));
                pk_sb_puts(&line, ")");
            }
        }
        if (!pk_writer_is_empty(date)) {
            pk_sb_printf(&line, ", %s ", L->as_of);
            pk_fmt_date(&line, date, o->lang);
        }
        put_line(sb, &line, "\n");
    }

    pk_sb_printf(sb, "%s: %s", L->verdict_label, verdict_label(L, verdict));
    if (pk_report_provisional(r))
        pk_sb_printf(sb, " (%s)", pk_writer_word_provisional_verdict(o->lang));
    /* An invalid dossier has no score; one shown says what it means. */
    if (score >= 0 && isfinite(score)) {
        pk_sb_printf(sb, " · %s: ", L->score_label);
        put_number(o, round(score * 100.0) / 100.0, -1);
        pk_sb_puts(sb, "/100\n");
        put_wrapped(sb, pk_writer_score_meaning(o->lang), 0, 2, 0);
    }
    pk_sb_puts(sb, "\n");
    /* What keeps it from qualifying, first: the criteria that fail with
     * their shortfalls, what the dossier does not say. */
    if (verdict == PK_VERDICT_NOT_ELIGIBLE ||
        verdict == PK_VERDICT_INCOMPLETE ||
        verdict == PK_VERDICT_NEEDS_RULING) {
        if (pk_summary_render(r, o->lang) != 0)
            sb->failed = 1;
        for (int which = 0; which < 2; which++) {
            pk_strbuf line = PK_STRBUF_INIT;

            pk_summary_reason(&line, r, o->lang, which);
            if (line.len > 0 || line.failed)
                put_line(sb, &line, ".\n");
            else
                pk_sb_free(&line);
        }
    }
    if (verdict == PK_VERDICT_NEEDS_RULING) {
        pk_strbuf line = PK_STRBUF_INIT;

        pk_sb_printf(&line, "%s: ", L->ruling_on);
        pk_writer_append_open_rules(&line, r, o->lang);
        put_line(sb, &line, ".\n");
    }

    if (!pk_writer_is_empty(notice)) {
        pk_sb_printf(sb, "(!) %s:", L->notice_label);
        col = 5 + text_width(L->notice_label, strlen(L->notice_label));
        put_wrapped(sb, notice, col, 4, 1);
        pk_sb_puts(sb, "\n");
    }
    marks(o);
}

/* ------------------------------------------------------------------------
 * Rules, grouped by article
 * ------------------------------------------------------------------------ */

/* The facts an unknown rule lacks, or the invalid ones an erring rule
 * read, as one wrapped line. */
static void fact_lines(const out *o, const pk_result *res, size_t indent)
{
    pk_status st = pk_result_status(res);
    pk_strbuf list = PK_STRBUF_INIT;
    out lo = *o;
    const char *head;
    size_t i, n, col, items = 0;

    lo.sb = &list;
    if (st != PK_STATUS_UNKNOWN && st != PK_STATUS_ERROR)
        return;
    head = st == PK_STATUS_UNKNOWN ? o->L->missing_facts : o->L->invalid_facts;
    n = pk_writer_fix_count(res);
    for (i = 0; i < n; i++) {
        const char *id = pk_writer_fix_id(res, i);

        if (id == NULL)
            continue;
        pk_sb_puts(&list, "\n· ");
        put_fact(&lo, res, id);
        items++;
    }
    if (list.failed)
        o->sb->failed = 1;
    else if (list.len > 0) {
        spaces(o->sb, indent);
        pk_sb_printf(o->sb, "%s:", head);
        col = indent + text_width(head, strlen(head)) + 1;
        /* One fact on the heading's line; several, one a line. */
        if (items == 1) {
            put_wrapped(o->sb, list.data + strlen("\n· "), col, indent + 2, 1);
            pk_sb_puts(o->sb, "\n");
        } else {
            const char *item = list.data;

            pk_sb_puts(o->sb, "\n");
            while ((item = strstr(item, "\n· ")) != NULL) {
                const char *end = strstr(item + 1, "\n· ");
                size_t len =
                    end != NULL ? (size_t)(end - item - 1) : strlen(item + 1);
                pk_strbuf one = PK_STRBUF_INIT;

                pk_sb_append(&one, item + 1, len);
                if (one.failed) {
                    o->sb->failed = 1;
                } else {
                    spaces(o->sb, indent + 2);
                    put_wrapped(o->sb, one.data, indent + 2, indent + 4, 0);
                    pk_sb_puts(o->sb, "\n");
                }
                pk_sb_free(&one);
                item += 1 + len;
            }
        }
    }
    pk_sb_free(&list);
}

/* "citation — title (advisory)" from column col, wrapped at indent. */
static void rule_title(const out *o, const pk_result *res, size_t col,
                       size_t indent)
{
    const char *cit = pk_result_citation_text(res, o->lang);
    const char *title = pk_result_title(res, o->lang);

    col = put_wrapped(o->sb, pk_writer_is_empty(cit) ? pk_result_id(res) : cit,
                      col, indent, 0);
    if (!pk_writer_is_empty(title)) {
        pk_sb_puts(o->sb, " —");
        put_wrapped(o->sb, title, col + 2, indent, 1);
    }
    if (pk_view_is_advisory(res))
        pk_sb_printf(o->sb, " (%s)", o->L->advisory);
    pk_sb_puts(o->sb, "\n");
}

static void message_line(const out *o, const pk_result *res, size_t indent)
{
    const char *msg = pk_result_message(res, o->lang);

    if (pk_writer_is_empty(msg))
        return;
    spaces(o->sb, indent);
    put_wrapped(o->sb, msg, indent, indent, 0);
    pk_sb_puts(o->sb, "\n");
}

/* A line per reading under its rule: its title, its outcome and why one
 * would read the provision so; then the decree's words that leave it
 * open. */
static void reading_lines(const out *o, const pk_result *res, size_t indent)
{
    size_t n = pk_result_reading_count(res);
    const char *words = pk_result_open_words(res, o->lang);
    pk_status st = pk_result_status(res);
    /* Readings that agree need no argument: their outcomes suffice. */
    int argue = st != PK_STATUS_PASS && st != PK_STATUS_FAIL;

    for (size_t i = 0; i < n; i++) {
        pk_strbuf line = PK_STRBUF_INIT;
        const char *title = pk_result_reading_title(res, i, o->lang);
        const char *why = pk_result_reading_explanation(res, i, o->lang);

        pk_sb_printf(
            &line, "%s — %s",
            pk_writer_is_empty(title) ? pk_result_reading_id(res, i) : title,
            pk_writer_reading_status_word(
                o->r->engine, pk_result_reading_status(res, i), o->lang));
        if (argue && !pk_writer_is_empty(why))
            pk_sb_printf(&line, ". %s", why);
        if (line.failed) {
            o->sb->failed = 1;
        } else {
            spaces(o->sb, indent);
            pk_sb_puts(o->sb, "· ");
            put_wrapped(o->sb, line.data, indent + 2, indent + 2, 0);
            pk_sb_puts(o->sb, "\n");
        }
        pk_sb_free(&line);
    }
    if (n > 0 && argue && !pk_writer_is_empty(words)) {
        pk_strbuf line = PK_STRBUF_INIT;

        pk_sb_printf(&line, "%s: “%s”", o->L->open_words, words);
        if (line.failed) {
            o->sb->failed = 1;
        } else {
            spaces(o->sb, indent);
            put_wrapped(o->sb, line.data, indent, indent, 0);
            pk_sb_puts(o->sb, "\n");
        }
        pk_sb_free(&line);
    }
}

static void criterion_item(const out *o, const pk_result *res)
{
    const char *tag = status_tag(o->L, pk_result_status(res));
    size_t indent = 2 + o->tag_width + 1;
    size_t w = text_width(tag, strlen(tag)) + 2;

    pk_sb_printf(o->sb, "  [%s]", tag);
    spaces(o->sb, indent - 2 - w);
    rule_title(o, res, indent, indent);
    message_line(o, res, indent);
    reading_lines(o, res, indent);
    fact_lines(o, res, indent);
    provenance_line(o, res, indent);
}

static void document_item(const out *o, const pk_result *res)
{
    pk_status st = pk_result_status(res);

    pk_sb_printf(o->sb, "  %s ",
                 (unsigned)st < PK_STATUS_COUNT ? doc_marks[st] : "[?]");
    rule_title(o, res, 6, 6);
    if (st != PK_STATUS_PASS) {
        message_line(o, res, 6);
        fact_lines(o, res, 6);
    }
    provenance_line(o, res, 6);
}

/* How a rule that does not apply is named: its citation, else its id. */
static const char *na_citation(const out *o, const pk_result *res)
{
    const char *cit = pk_result_citation_text(res, o->lang);

    if (pk_writer_is_empty(cit))
        cit = pk_result_id(res);
    return cit != NULL ? cit : "";
}

/* One article's rules of one category: a heading with counts, the
 * mandatory ones, the advisory ones, and one line for those that do not
 * apply. first is the index of the article's first rule. */
static void article_block(const out *o, pk_category cat, const pk_view_group *g)
{
    const labels *L = o->L;
    const char *done = cat == PK_CATEGORY_DOCUMENT ? L->present : L->passed;
    unsigned mandatory = g->count[PK_VIEW_MANDATORY];
    unsigned advisory = g->count[PK_VIEW_ADVISORY], na = g->count[PK_VIEW_NA];
    size_t col;

    article_heading(o, g->article);
    pk_sb_puts(o->sb, " — ");
    if (mandatory + advisory == 0) {
        pk_sb_printf(o->sb, "%s (%u %s)", L->na_article, na,
                     na == 1 ? L->rule_one : L->rule_many);
        pk_sb_puts(o->sb, "\n");
        return;
    }
    if (mandatory > 0)
        pk_sb_printf(o->sb, "%u/%u %s", g->passed[0], mandatory, done);
    if (advisory > 0)
        pk_sb_printf(o->sb, "%s%s: %u/%u %s", mandatory > 0 ? " · " : "",
                     L->advisory, g->passed[1], advisory, done);
    pk_sb_puts(o->sb, "\n");

    for (int l = PK_VIEW_MANDATORY; l <= PK_VIEW_ADVISORY; l++)
        for (unsigned j = 0; j < g->count[l]; j++) {
            if (cat == PK_CATEGORY_DOCUMENT)
                document_item(o, g->rules[l][j]);
            else
                criterion_item(o, g->rules[l][j]);
        }

    if (na == 0)
        return;
    /* Every rule that does not apply, one a line with its title: a
     * reader counting them finds as many as the heading says. */
    pk_sb_puts(o->sb, "  ");
    put(o->sb, L->na_label);
    pk_sb_printf(o->sb, " (%u):\n", na);
    for (unsigned j = 0; j < na; j++) {
        const pk_result *res = g->rules[PK_VIEW_NA][j];
        const char *title = pk_result_title(res, o->lang);

        pk_sb_puts(o->sb, "    · ");
        col = put_wrapped(o->sb, na_citation(o, res), 6, 6, 0);
        if (!pk_writer_is_empty(title)) {
            pk_sb_puts(o->sb, " —");
            put_wrapped(o->sb, title, col + 2, 6, 1);
        }
        pk_sb_puts(o->sb, "\n");
    }
}

/* Every rule of a category, article by article in the decree's order. */
static void articles(const out *o, pk_category cat)
{
    const pk_view_part *part = &o->view->part[cat];

    for (size_t i = 0; i < part->ngroups; i++)
        article_block(o, cat, &part->groups[i]);
}

static void documents(const out *o)
{
    const labels *L = o->L;
    /* An item the dossier does not describe is not said to be missing:
     * the view counts it apart, as the legend marks it. */
    unsigned lacking = o->view->part[PK_CATEGORY_DOCUMENT].lacking;
    unsigned unclear = o->view->part[PK_CATEGORY_DOCUMENT].unclear;
    pk_sb_puts(o->sb, "\n");
    if (lacking > 0)
        pk_sb_printf(o->sb, "%s: %u %s", L->docs_head, lacking,
                     lacking == 1 ? L->item_one : L->item_many);
    else
        pk_sb_printf(o->sb, "%s%s", L->docs_head_none,
                     pk_writer_checked_only(o->r, o->lang));
    if (unclear > 0)
        pk_sb_printf(o->sb, " · %s: %u %s",
                     o->lang == PK_LANG_VI ? "chưa rõ" : "cannot tell yet",
                     unclear, unclear == 1 ? L->item_one : L->item_many);
    pk_sb_printf(o->sb, "\n  %s\n", L->docs_legend);
    articles(o, PK_CATEGORY_DOCUMENT);
}

/* One input problem: where (in words: a drafter reads "line 12, column
 * 21", not "12:21"), whether it is an error or a warning, what is wrong
 * and what to write instead. The file is named only when it is not the
 * dossier's own (the heading names that). */
static void problem_line(const out *o, size_t i)
{
    const pk_error *e = pk_report_problem(o->r, i);
    const char *file = pk_report_source(o->r);
    int warning = pk_report_problem_is_warning(o->r, i);
    const char *word = warning ? o->L->warning_word : o->L->error_word;
    pk_strbuf line = PK_STRBUF_INIT;
    int named_file = 0;

    if (e == NULL)
        return;
    if (memchr(e->source, '\0', sizeof e->source) != NULL &&
        e->source[0] != '\0' &&
        (pk_writer_is_empty(file) || strcmp(e->source, file) != 0)) {
        named_file = 1;
        put(&line, e->source);
        pk_sb_puts(&line, e->line > 0 ? ", " : " — ");
    }
    if (e->line > 0) {
        const char *label = pk_writer_problem_label(o->r, i, o->lang);

        pk_sb_printf(&line, "%s %u", o->L->line_word, e->line);
        if (e->column > 0)
            pk_sb_printf(&line, ", %s %u", o->L->column_word, e->column);
        /* What the field means, for a reader who does not know the
         * element's English name. */
        if (!pk_writer_is_empty(label)) {
            pk_sb_puts(&line, " (");
            put(&line, label);
            pk_sb_puts(&line, ")");
        }
        pk_sb_puts(&line, " — ");
    }
    pk_sb_printf(&line, "%s: ", word);
    if (memchr(e->message, '\0', sizeof e->message) != NULL)
        put(&line, pk_report_problem_text(o->r, i, o->lang));
    if (line.failed) {
        o->sb->failed = 1;
    } else {
        /* "Dòng 12", "Lỗi: …": a line for people starts with a capital
         * (the labels all start with an ASCII letter); a file's name is
         * left as it is. */
        if (!named_file && line.data[0] >= 'a' && line.data[0] <= 'z')
            line.data[0] = (char)(line.data[0] - 'a' + 'A');
        pk_sb_puts(o->sb, "  ");
        put_wrapped(o->sb, line.data, 2, 4, 0);
        pk_sb_puts(o->sb, "\n");
    }
    pk_sb_free(&line);
}

/* The input problems, right after the header, in the order a drafter
 * fixes them (pk_view_next_problem()). */
static void input_problems(const out *o)
{
    size_t pos = 0;
    long i;

    if (pk_report_problem_count(o->r) == 0)
        return;
    pk_sb_printf(o->sb, "\n%s",
                 o->view->problem_errors > 0
                     ? o->L->problems_head
                     : pk_writer_warnings_head(o->lang));
    if (o->view->problem_errors > 0 && o->results > 0)
        pk_sb_printf(o->sb, " — %s", o->L->problems_note);
    pk_sb_puts(o->sb, ":\n");
    while ((i = pk_view_next_problem(o->r, &pos)) >= 0)
        problem_line(o, (size_t)i);
}

/* ------------------------------------------------------------------------
 * The format
 * ------------------------------------------------------------------------ */

/* The writer's words: the engine's own in its language, with those the
 * regime gives (its format description's <words>) in their place. */
static void labels_for(const pk_writer *w, labels *words)
{
    *words = w->lang == PK_LANG_VI ? labels_vi : labels_en;
    words->criteria_head = pk_writer_word(w, "criteria", words->criteria_head);
    words->missing_facts = pk_writer_word(w, "to-add", NULL);
    words->no_name = pk_writer_word(w, "no-name", words->no_name);
    for (int v = 0; v < PK_VERDICT_COUNT; v++) {
        words->verdict[v] = pk_writer_verdict_word(w->engine, "verdict",
                                                   (pk_verdict)v, w->lang);
        words->summary_verdict[v] = pk_writer_verdict_word(
            w->engine, "verdict-plain", (pk_verdict)v, w->lang);
    }
    for (int s = 0; s < PK_STATUS_COUNT; s++)
        words->status[s] =
            pk_writer_status_word(w->engine, "status", (pk_status)s, w->lang);
}

static int text_format(const pk_writer *w, const pk_report *r,
                       pk_writer_piece *p)
{
    pk_strbuf *sb = &p->text;
    labels words;
    pk_view view;
    out o;
    size_t i, tw;

    /* the results' words, written out before any is read */
    if (pk_report_render(r, w->lang) != 0)
        return PK_ENOMEM;
    if (pk_view_build(&view, r) != PK_OK)
        return PK_ENOMEM;
    o.view = &view;
    o.sb = sb;
    labels_for(w, &words);
    o.L = &words;
    o.lang = w->lang;
    o.r = r;
    o.results = pk_report_result_count(r);
    o.tag_width = 0;
    for (i = 0; i < PK_STATUS_COUNT; i++) {
        if (i == PK_STATUS_NOT_APPLICABLE)
            continue; /* never a tag: summarised per article */
        /* The open tag is wide in Vietnamese: it sets the column only in
         * a report that uses it, so that other reports read as before. */
        if (i == PK_STATUS_OPEN && !pk_writer_any_open(r))
            continue;
        tw = text_width(o.L->status[i], strlen(o.L->status[i])) + 2;
        if (tw > o.tag_width)
            o.tag_width = tw;
    }

    header(w, &o);
    input_problems(&o);
    if (view.part[PK_CATEGORY_CRITERION].ngroups > 0) {
        pk_sb_printf(sb, "\n%s\n", o.L->criteria_head);
        articles(&o, PK_CATEGORY_CRITERION);
    }
    unchecked(&o);
    if (view.part[PK_CATEGORY_DOCUMENT].ngroups > 0)
        documents(&o);
    pk_view_free(&view);
    return sb->failed ? PK_ENOMEM : 0;
}

/* Reports after the first are set apart by a blank line. */
static int text_add_piece(pk_writer *w, const pk_writer_piece *p, pk_strbuf *sb)
{
    if (w->dossiers > 0)
        pk_sb_puts(sb, "\n");
    return pk_sb_append(sb, p->text.data, p->text.len);
}

static int text_finish(pk_writer *w, pk_strbuf *sb)
{
    labels words;
    const labels *L = &words;

    labels_for(w, &words);
    pk_strbuf count = PK_STRBUF_INIT;
    size_t v;

    /* With reports left out, the whole batch's counts even when one or
     * none is shown: an empty output must not read as an empty batch. */
    if (w->dossiers < 2 && w->left_out == 0)
        return 0;
    if (w->left_out > 0)
        pk_writer_append_checked_shown(&count, w);
    else if (pk_fmt_number(&count, (double)w->dossiers, 0, w->lang) == 0)
        pk_sb_printf(&count, " %s", L->summary_dossiers);
    if (count.failed) {
        pk_sb_free(&count);
        return PK_ENOMEM;
    }
    /* Set apart from the last report by a blank line. */
    pk_sb_printf(sb, "%s== %s %s ==\n", w->dossiers > 0 ? "\n" : "",
                 L->summary_head, count.data);
    pk_sb_free(&count);
    for (v = 0; v < PK_VERDICT_COUNT; v++) {
        size_t n = pk_writer_batch_verdicts(w, (pk_verdict)v);

        /* Named only when it happened: most batches have no open law. */
        if (v == PK_VERDICT_NEEDS_RULING && n == 0)
            continue;
        pk_sb_printf(sb, "%s%s: ", v > 0 ? " · " : "", L->summary_verdict[v]);
        pk_fmt_number(sb, (double)n, 0, w->lang);
    }
    pk_sb_puts(sb, "\n");
    return sb->failed ? PK_ENOMEM : 0;
}

const pk_writer_ops pk_writer_text_ops = {
    "text", 0, NULL, text_format, text_add_piece, text_finish, NULL, 0,
};
