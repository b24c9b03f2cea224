/*
 * writer_xlsx.c - a workbook reviewers open in LibreOffice or Excel,
 * written with libxlsxwriter.
 *
 * Two sheets. The summary: a row per dossier with the columns of the
 * summary format (file, park, province, kind, verdict, score, the date
 * the rules were taken as of, what fails, what is missing, why a file is
 * invalid, what a ruling is needed on, the rules applied, the notice, the
 * number of input errors), sorted the same way (verdict, then park and
 * file). The results: a row per rule per dossier (file, rule, citation,
 * title, status, value, requirement, shortfall below a minimum, excess
 * above a maximum, unit, message). Numbers are stored as numbers (ratios
 * as fractions shown as percentages, a difference of ratios in percentage
 * points), dates as dates, texts as texts (never formulas, whatever they
 * start with); headings in the writer's language, frozen, with filters
 * and widths.
 *
 * libxlsxwriter (1.1.4, Debian 12) writes only to a named file, so the
 * workbook is made in a temporary file at the end and handed to the
 * caller's write function from there. A format call records a report's
 * cells in its piece (typed, length-prefixed, so any text survives) and
 * the finish writes them all.
 */
#define _POSIX_C_SOURCE 200809L

#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "numfmt.h"

/* Excel's limit on the text of one cell. */
#define CELL_MAX 32767

/* The columns of the results' sheet. */
#define RESULTS_COLS 11

/* The cells of a row, as a piece records them: a kind byte, then for a
 * text its length in decimal and ':' and its bytes, for a number its 8
 * bytes as the machine stores them (no text round trip, no locale). */
enum {
    CELL_TEXT = 's',
    CELL_NUMBER = 'n',
    CELL_PERCENT = 'p', /* a fraction shown as a percentage */
    CELL_POINTS = 'q',  /* percentage points, shown so */
    CELL_DATE = 'd',    /* days since 1970-01-01 */
    CELL_EMPTY = 'e',
    CELL_ROW_END = '\n'
};

typedef struct labels {
    const char *summary_sheet, *results_sheet;
    const char *summary_head[14];
    const char *results_head[RESULTS_COLS];
    const char *date_format;
} labels;

static const labels labels_vi = {
    "Tổng hợp",
    "Kết quả từng quy tắc",
    {"Tệp", "Khu", "Tỉnh, thành phố", "Loại hồ sơ", "Kết luận", "Điểm",
     "Áp dụng quy định tại ngày", "Không đạt", "Còn thiếu",
     "Lý do không hợp lệ", "Cần xin ý kiến về", "Quy định áp dụng", "Lưu ý",
     "Số lỗi đầu vào"},
    {"Tệp", "Quy tắc", "Điều khoản", "Nội dung", "Kết quả", "Giá trị",
     "Yêu cầu", "Còn thiếu", "Vượt", "Đơn vị", "Nhận xét"},
    "dd/mm/yyyy",
};

static const labels labels_en = {
    "Summary",
    "Each rule",
    {"File", "Park", "Province", "Kind", "Verdict", "Score", "Rules as of",
     "Fails", "Missing", "Why invalid", "A ruling is needed on",
     "Rules applied", "Notice", "Input errors"},
    {"File", "Rule", "Citation", "Title", "Status", "Value", "Required",
     "Short by", "Over by", "Unit", "Message"},
    "yyyy-mm-dd",
};

/* Column widths, in characters. */
static const double summary_widths[14] = {28, 36, 18, 14, 18, 8,  12,
                                          40, 50, 40, 20, 16, 30, 8};
static const double results_widths[RESULTS_COLS] = {28, 26, 18, 40, 14, 12,
                                                    12, 12, 12, 10, 70};

typedef struct entry {
    pk_summary_key key;
    char *names; /* owned: park, NUL, file, NUL, the park's sort key, NUL,
                    the date as of */
    char *row;   /* owned: the summary row's cells */
    size_t row_len;
    char *results; /* owned: the results' rows */
    size_t results_len;
} entry;

typedef struct xlsx_state {
    entry *entries;
    size_t count, cap;
} xlsx_state;

static const labels *labels_for(pk_lang lang)
{
    return lang == PK_LANG_VI ? &labels_vi : &labels_en;
}

/* ------------------------------------------------------------------------
 * Recording cells
 * ------------------------------------------------------------------------ */

/* A text cell: ill-formed UTF-8 as U+FFFD, the controls XML refuses
 * dropped (the workbook is XML), at most CELL_MAX bytes cut between
 * characters. */
static void put_text(pk_strbuf *sb, const char *s)
{
    pk_strbuf clean = PK_STRBUF_INIT;
    size_t i = 0, len = s != NULL ? strlen(s) : 0, adv;
    long cp;

    while (i < len) {
        cp = pk_utf8_next(s + i, len - i, &adv);
        if (cp < 0) {
            if (clean.len + 3 > CELL_MAX)
                break;
            pk_sb_puts(&clean, PK_UTF8_REPLACEMENT);
        } else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE ||
                   cp == 0xFFFF) {
            /* dropped */
        } else {
            if (clean.len + adv > CELL_MAX)
                break;
            pk_sb_append(&clean, s + i, adv);
        }
        i += adv;
    }
    if (clean.failed) {
        sb->failed = 1;
    } else {
        pk_sb_printf(sb, "%c%zu:", CELL_TEXT, clean.len);
        pk_sb_append(sb, clean.data != NULL ? clean.data : "", clean.len);
    }
    pk_sb_free(&clean);
}

static void put_number(pk_strbuf *sb, int kind, double v)
{
    char c = (char)kind;

    if (!isfinite(v)) {
        c = CELL_EMPTY;
        pk_sb_append(sb, &c, 1);
        return;
    }
    pk_sb_append(sb, &c, 1);
    pk_sb_append(sb, (const char *)&v, sizeof v);
}

static void put_empty(pk_strbuf *sb)
{
    pk_sb_puts(sb, "e");
}

/* A text cell of what summary.c (or any appender) writes into t. */
static void put_made(pk_strbuf *sb, pk_strbuf *t)
{
    if (t->failed)
        sb->failed = 1;
    else
        put_text(sb, t->data != NULL ? t->data : "");
    pk_sb_reset(t);
}

/* Days since 1970-01-01 of "YYYY-MM-DD", or NaN. */
static double days_of(const char *iso)
{
    int y, m, d;
    long yy, era, yoe, doy, doe;

    if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return NAN;
    /* Howard Hinnant's days_from_civil. */
    yy = y - (m <= 2);
    era = (yy >= 0 ? yy : yy - 399) / 400;
    yoe = yy - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (double)(era * 146097 + doe - 719468);
}

static void summary_row(const pk_writer *w, const pk_report *r, pk_strbuf *sb)
{
    pk_lang lang = w->lang;
    double score = pk_report_score(r);
    size_t i, n = pk_report_problem_count(r), errors = 0;
    pk_strbuf t = PK_STRBUF_INIT;

    put_text(sb, pk_report_source(r));
    put_text(sb, pk_report_park_name(r));
    put_text(sb, pk_report_province(r));
    put_text(sb, pk_report_kind(r)[0] != '\0'
                     ? pk_writer_kind_label(r, pk_report_kind(r), lang, "")
                     : "");
    pk_summary_verdict(&t, w, r);
    put_made(sb, &t);
    if (score >= 0)
        put_number(sb, CELL_NUMBER, round(score * 100.0) / 100.0);
    else
        put_empty(sb);
    put_number(sb, CELL_DATE, days_of(pk_report_date(r)));
    pk_summary_failed(&t, r, lang, "; ");
    put_made(sb, &t);
    pk_summary_missing(&t, r, lang, "; ", (size_t)-1);
    put_made(sb, &t);
    pk_summary_invalid(&t, r, lang);
    put_made(sb, &t);
    pk_summary_open(&t, r, lang, "; ");
    put_made(sb, &t);
    pk_summary_regime(&t, r, lang);
    put_made(sb, &t);
    put_text(sb, pk_report_notice(r, lang));
    for (i = 0; i < n; i++)
        errors += !pk_report_problem_is_warning(r, i);
    put_number(sb, CELL_NUMBER, (double)errors);
    pk_sb_puts(sb, "\n");
    pk_sb_free(&t);
}

/* A comparison's side: a number as a number (a ratio as a percentage, a
 * date as a date), anything else in words. */
static void put_side(pk_strbuf *sb, double v, const char *unit)
{
    if (unit != NULL && strcmp(unit, "ratio") == 0)
        put_number(sb, CELL_PERCENT, v);
    else if (unit != NULL && strcmp(unit, "date") == 0)
        put_number(sb, CELL_DATE, v);
    else
        put_number(sb, CELL_NUMBER, v);
}

/* How far a failed comparison of numbers or dates is from its threshold:
 * below a minimum in the first cell (short by), above a maximum in the
 * second (over by), the other empty. Days between dates; percentage
 * points between ratios, to the digits the rule's message gives them. */
static void put_shortfall(pk_strbuf *sb, const pk_result *res,
                          const pk_comparison *c)
{
    int over = c->op != NULL && c->op[0] == 'l'; /* le, lt: a maximum */
    double v = c->shortfall;
    int d;

    if (pk_result_status(res) != PK_STATUS_FAIL || !(v > 0)) {
        put_empty(sb);
        put_empty(sb);
        return;
    }
    if (over)
        put_empty(sb);
    if (c->unit != NULL && strcmp(c->unit, "ratio") == 0) {
        v *= 100.0;
        d = pk_fmt_digits_nonzero(v, 2);
        if (d >= 0)
            v = round(v * pow(10.0, d)) / pow(10.0, d);
        put_number(sb, CELL_POINTS, v);
    } else if (c->unit != NULL && strcmp(c->unit, "date") == 0) {
        put_number(sb, CELL_NUMBER, v); /* days */
    } else {
        put_side(sb, v, c->unit);
    }
    if (!over)
        put_empty(sb);
}

static void result_rows(const pk_writer *w, const pk_report *r, pk_strbuf *sb)
{
    pk_lang lang = w->lang;
    size_t i, j, n = pk_report_result_count(r);
    pk_strbuf t = PK_STRBUF_INIT;

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);
        unsigned st;
        pk_comparison c;

        if (res == NULL)
            continue;
        st = (unsigned)pk_result_status(res);
        put_text(sb, pk_report_source(r));
        put_text(sb, pk_result_id(res));
        put_text(sb, pk_result_citation_text(res, lang));
        put_text(sb, pk_result_title(res, lang));
        put_text(sb, pk_writer_status_word(w->engine, "status", (pk_status)st,
                                           lang));
        if (st == PK_STATUS_OPEN || pk_result_comparison(res, &c) != 0) {
            /* An open rule has no deciding comparison: its readings
             * disagree, and the message says how. */
            for (j = 0; j < 5; j++)
                put_empty(sb);
        } else if (isfinite(c.value)) {
            put_side(sb, c.value, c.unit);
            put_side(sb, c.threshold, c.unit);
            put_shortfall(sb, res, &c);
            put_text(sb, c.unit);
        } else {
            pk_writer_append_cmp_value(&t, res, lang);
            put_made(sb, &t);
            pk_writer_append_cmp_required(&t, res, lang);
            put_made(sb, &t);
            put_empty(sb);
            put_empty(sb);
            put_empty(sb);
        }
        put_text(sb, pk_result_message(res, lang));
        pk_sb_puts(sb, "\n");
    }
    pk_sb_free(&t);
}

/* The piece: part[0] the summary row, part[1] the results' rows, part[2]
 * what it sorts by (pk_summary_sort_names), then the date the rules were
 * taken as of. */
static int xlsx_format(const pk_writer *w, const pk_report *r,
                       pk_writer_piece *p)
{
    /* the results' words, written out before any is read */
    if (pk_report_render(r, w->lang) != 0)
        return PK_ENOMEM;
    summary_row(w, r, &p->part[0]);
    result_rows(w, r, &p->part[1]);
    pk_summary_sort_names(&p->part[2], r, w->lang);
    pk_sb_puts(&p->part[2], pk_report_date(r));
    return 0; /* writer.c checks the buffers */
}

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

static int xlsx_add_piece(pk_writer *w, const pk_writer_piece *p,
                          pk_strbuf *unused)
{
    xlsx_state *st = w->state;
    entry e;

    (void)unused; /* the workbook is written whole by xlsx_finish() */
    if (st->count == st->cap) {
        size_t cap = st->cap == 0 ? 64 : st->cap * 2;
        entry *grown = realloc(st->entries, cap * sizeof *grown);

        if (grown == NULL)
            return PK_ENOMEM;
        st->entries = grown;
        st->cap = cap;
    }
    memset(&e, 0, sizeof e);
    e.row = copy(&p->part[0]);
    e.results = copy(&p->part[1]);
    e.names = copy(&p->part[2]);
    if (e.row == NULL || e.results == NULL || e.names == NULL) {
        free(e.row);
        free(e.results);
        free(e.names);
        return PK_ENOMEM;
    }
    e.row_len = p->part[0].len;
    e.results_len = p->part[1].len;
    e.key.rank = pk_verdict_rank(p->verdict);
    e.key.park = e.names;
    e.key.source = e.names + strlen(e.names) + 1;
    e.key.order = e.key.source + strlen(e.key.source) + 1;
    e.key.index = p->index;
    st->entries[st->count++] = e;
    return 0;
}

/* ------------------------------------------------------------------------
 * Writing the workbook
 * ------------------------------------------------------------------------ */

typedef struct sheet_formats {
    lxw_format *head, *text, *number, *percent, *points, *date;
} sheet_formats;

/* Writes the recorded rows in data[0..len) from row *row on; returns 0
 * or -1 for a record that does not parse (never from this file) or a
 * cell libxlsxwriter refuses. */
static int write_rows(lxw_worksheet *ws, const sheet_formats *f,
                      const char *data, size_t len, lxw_row_t *row)
{
    size_t i = 0;
    lxw_col_t col = 0;

    while (i < len) {
        char kind = data[i++];
        lxw_error e = LXW_NO_ERROR;
        double v;

        switch (kind) {
        case CELL_TEXT: {
            char *end;
            unsigned long n = strtoul(data + i, &end, 10);
            char *text;

            if (*end != ':' || n > len - (size_t)(end + 1 - data))
                return -1;
            i = (size_t)(end + 1 - data);
            text = malloc(n + 1);
            if (text == NULL)
                return -1;
            memcpy(text, data + i, n);
            text[n] = '\0';
            if (n > 0)
                e = worksheet_write_string(ws, *row, col, text, f->text);
            free(text);
            i += n;
            col++;
            break;
        }
        case CELL_NUMBER:
        case CELL_PERCENT:
        case CELL_POINTS:
        case CELL_DATE:
            if (len - i < sizeof v)
                return -1;
            memcpy(&v, data + i, sizeof v);
            i += sizeof v;
            if (kind == CELL_DATE)
                /* Spreadsheets count days from 1899-12-30. */
                e = worksheet_write_number(ws, *row, col, v + 25569.0, f->date);
            else
                e = worksheet_write_number(ws, *row, col, v,
                                           kind == CELL_PERCENT  ? f->percent
                                           : kind == CELL_POINTS ? f->points
                                                                 : f->number);
            col++;
            break;
        case CELL_EMPTY:
            col++;
            break;
        case CELL_ROW_END:
            (*row)++;
            col = 0;
            break;
        default:
            return -1;
        }
        if (e != LXW_NO_ERROR)
            return -1;
    }
    return 0;
}

static int heading(lxw_worksheet *ws, const sheet_formats *f,
                   const char *const *names, const double *widths, lxw_col_t n)
{
    for (lxw_col_t c = 0; c < n; c++) {
        if (worksheet_write_string(ws, 0, c, names[c], f->head) !=
                LXW_NO_ERROR ||
            worksheet_set_column(ws, c, c, widths[c], NULL) != LXW_NO_ERROR)
            return -1;
    }
    worksheet_freeze_panes(ws, 1, 0);
    return 0;
}

/* Builds the workbook in the file at path. 0, or PK_ENOMEM / PK_EIO. */
static int build(const pk_writer *w, const xlsx_state *st, const char *path,
                 const char *tmpdir)
{
    const labels *L = labels_for(w->lang);
    lxw_workbook_options opts;
    lxw_doc_properties props;
    lxw_workbook *wb;
    lxw_worksheet *sum, *res;
    sheet_formats f;
    lxw_row_t row, rrow;
    pk_strbuf points = PK_STRBUF_INIT;
    size_t i;
    int rc = PK_ENOMEM;

    memset(&opts, 0, sizeof opts);
    opts.tmpdir = (char *)tmpdir;
    wb = workbook_new_opt(path, &opts);
    if (wb == NULL)
        return PK_ENOMEM;
    /* The same reports give the same bytes: the workbook is dated by the
     * latest date its dossiers were checked as of, not by the clock. */
    memset(&props, 0, sizeof props);
    props.title = (char *)L->summary_sheet;
    props.created = 315532800; /* 1980-01-01, the least a zip file has */
    for (i = 0; i < st->count; i++) {
        const char *p = st->entries[i].names;
        double days;

        p += strlen(p) + 1; /* past the park */
        p += strlen(p) + 1; /* the file */
        p += strlen(p) + 1; /* the park's sort key */
        days = days_of(p);
        if (isfinite(days) && days * 86400.0 > (double)props.created)
            props.created = (time_t)(days * 86400.0);
    }
    if (workbook_set_properties(wb, &props) != LXW_NO_ERROR)
        goto out;
    sum = workbook_add_worksheet(wb, L->summary_sheet);
    res = workbook_add_worksheet(wb, L->results_sheet);
    f.head = workbook_add_format(wb);
    f.text = workbook_add_format(wb);
    f.number = workbook_add_format(wb);
    f.percent = workbook_add_format(wb);
    f.points = workbook_add_format(wb);
    f.date = workbook_add_format(wb);
    if (sum == NULL || res == NULL || f.head == NULL || f.text == NULL ||
        f.number == NULL || f.percent == NULL || f.points == NULL ||
        f.date == NULL)
        goto out;
    format_set_bold(f.head);
    format_set_text_wrap(f.head);
    format_set_bg_color(f.head, 0xEEEEEE);
    format_set_align(f.head, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
    /* Numbers in the General format: 100 and 96.43 as they are. */
    format_set_align(f.number, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(f.percent, "0.00%");
    format_set_align(f.percent, LXW_ALIGN_VERTICAL_TOP);
    /* A difference of shares as the rules' messages write it: "8.61
     * percentage points", two decimals, more where two would read 0. */
    pk_sb_printf(&points, "0.00##########\" %s\"",
                 pk_writer_word_points(w->lang));
    if (points.failed)
        goto out;
    format_set_num_format(f.points, points.data);
    format_set_align(f.points, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(f.date, L->date_format);
    format_set_align(f.date, LXW_ALIGN_VERTICAL_TOP);

    if (heading(sum, &f, L->summary_head, summary_widths, 14) != 0 ||
        heading(res, &f, L->results_head, results_widths, RESULTS_COLS) != 0)
        goto out;
    row = 1;
    rrow = 1;
    for (i = 0; i < st->count; i++) {
        const entry *e = &st->entries[i];

        if (write_rows(sum, &f, e->row, e->row_len, &row) != 0 ||
            write_rows(res, &f, e->results, e->results_len, &rrow) != 0)
            goto out;
    }
    if (worksheet_autofilter(sum, 0, 0, row - 1, 13) != LXW_NO_ERROR ||
        worksheet_autofilter(res, 0, 0, rrow - 1, RESULTS_COLS - 1) !=
            LXW_NO_ERROR)
        goto out;
    rc = 0;
out:
    /* Closing writes the file and frees the workbook, whatever came
     * before. */
    if (workbook_close(wb) != LXW_NO_ERROR && rc == 0)
        rc = PK_EIO;
    pk_sb_free(&points);
    return rc;
}

static int xlsx_finish(pk_writer *w, pk_strbuf *sb)
{
    xlsx_state *st = w->state;
    const char *tmpdir = getenv("TMPDIR");
    pk_strbuf path = PK_STRBUF_INIT;
    char buf[65536];
    FILE *fp = NULL;
    int fd = -1, rc = PK_ENOMEM;
    size_t n;

    if (st->count > 1)
        qsort(st->entries, st->count, sizeof *st->entries, pk_summary_key_cmp);
    if (tmpdir == NULL || tmpdir[0] != '/')
        tmpdir = "/tmp";
    pk_sb_printf(&path, "%s/parkcheck-XXXXXX", tmpdir);
    if (path.failed)
        goto out;
    /* A name of our own, made so that no one else's file is written
     * over; libxlsxwriter then writes the workbook there. */
    fd = mkstemp(path.data);
    if (fd < 0) {
        rc = PK_EIO;
        goto out;
    }
    close(fd);
    rc = build(w, st, path.data, tmpdir);
    if (rc != 0)
        goto out;
    fp = fopen(path.data, "rb");
    if (fp == NULL) {
        rc = PK_EIO;
        goto out;
    }
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (pk_sb_append(sb, buf, n) != 0) {
            rc = PK_ENOMEM;
            goto out;
        }
    rc = ferror(fp) ? PK_EIO : 0;
out:
    if (fp != NULL)
        fclose(fp);
    if (fd >= 0)
        unlink(path.data);
    pk_sb_free(&path);
    return rc;
}

static void xlsx_release(void *state)
{
    xlsx_state *st = state;
    size_t i;

    for (i = 0; i < st->count; i++) {
        free(st->entries[i].names);
        free(st->entries[i].row);
        free(st->entries[i].results);
    }
    free(st->entries);
}

const pk_writer_ops pk_writer_xlsx_ops = {
    "xlsx",         sizeof(xlsx_state), NULL,         xlsx_format,
    xlsx_add_piece, xlsx_finish,        xlsx_release, 0,
};
