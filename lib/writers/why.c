/*
 * why.c - why a dossier got its verdict, a few words per column, for
 * the formats that list a batch a row per dossier.
 *
 * Everything here is read through the public getters and the writers'
 * shared helpers: citations, titles, labels and units are the pack's, so
 * no word of the law is written here; only the joining words ("short
 * by", "and 3 more") are the report's own.
 */
#include "summary.h"
#include "view.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "numfmt.h"

static int mandatory(const pk_result *res)
{
    return pk_result_severity(res) == PK_SEVERITY_MANDATORY;
}

/* "thiếu 150 người": how far a failed comparison of numbers or dates is
 * from its threshold, as the rule's message says it (a difference of
 * shares in percentage points), the word saying on which side. 1 when the
 * rule has no such comparison (nothing appended). */
static int shortfall(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    pk_comparison c;
    int over;

    if (pk_result_comparison(res, &c) != 0 || !isfinite(c.shortfall) ||
        c.shortfall <= 0 || c.op == NULL)
        return 1;
    if (strcmp(c.op, "ge") == 0 || strcmp(c.op, "gt") == 0)
        over = 0;
    else if (strcmp(c.op, "le") == 0 || strcmp(c.op, "lt") == 0)
        over = 1;
    else
        return 1;
    if (lang == PK_LANG_VI)
        pk_sb_puts(sb, over ? "vượt " : "thiếu ");
    else
        pk_sb_puts(sb, over ? "over by " : "short by ");
    return pk_writer_append_result_shortfall(sb, res, lang);
}

int pk_summary_render(const pk_report *r, pk_lang lang)
{
    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res != NULL &&
            pk_result_render(res, lang,
                             mandatory(res) &&
                                 pk_result_status(res) == PK_STATUS_ERROR) != 0)
            return PK_ENOMEM;
    }
    return 0;
}

int pk_summary_verdict(pk_strbuf *sb, const pk_writer *w, const pk_report *r)
{
    pk_verdict v = pk_report_verdict(r);
    const char *mark;

    if ((unsigned)v >= PK_VERDICT_COUNT)
        v = PK_VERDICT_INVALID;
    pk_sb_puts(sb,
               pk_writer_verdict_word(w->engine, "verdict-plain", v, w->lang));
    mark = pk_writer_verdict_mark(r, w->lang);
    if (mark != NULL)
        pk_sb_printf(sb, " (%s)", mark);
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_summary_failed(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                      const char *sep)
{
    size_t i, n = pk_report_result_count(r);
    int first = 1;

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res == NULL || !mandatory(res) ||
            pk_result_category(res) != PK_CATEGORY_CRITERION ||
            pk_result_status(res) != PK_STATUS_FAIL)
            continue;
        if (!first)
            pk_sb_puts(sb, sep);
        first = 0;
        pk_sb_puts(sb, pk_result_citation_text(res, lang));
        pk_sb_puts(sb, ": ");
        if (shortfall(sb, res, lang) == 1)
            pk_sb_puts(sb, pk_result_title(res, lang));
    }
    return sb->failed ? PK_ENOMEM : 0;
}

/* Whether text (of len bytes) is already one of the items of sb after
 * start, each followed by sep or the end. */
static int listed(const pk_strbuf *sb, size_t start, const char *sep,
                  const char *text)
{
    size_t len = strlen(text), slen = strlen(sep), at = start;

    while (sb->data != NULL && at < sb->len) {
        const char *p = sb->data + at;
        const char *end = strstr(p, sep);
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

        if (n == len && memcmp(p, text, len) == 0)
            return 1;
        if (end == NULL)
            break;
        at += n + slen;
    }
    return 0;
}

/* Appends item unless it is listed already; counts it either way in
 * *count, and appends only the first max. */
static void add_item(pk_strbuf *sb, size_t start, const char *sep,
                     const char *item, size_t max, size_t *count, size_t *shown)
{
    if (item == NULL || item[0] == '\0' || listed(sb, start, sep, item))
        return;
    (*count)++;
    if (*shown >= max)
        return;
    if (*shown > 0)
        pk_sb_puts(sb, sep);
    pk_sb_puts(sb, item);
    (*shown)++;
}

int pk_summary_missing(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                       const char *sep, size_t max)
{
    size_t i, j, n = pk_report_result_count(r), start = sb->len;
    size_t count = 0, shown = 0;

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);
        pk_status st;

        if (res == NULL || !mandatory(res))
            continue;
        st = pk_result_status(res);
        if (pk_result_category(res) == PK_CATEGORY_DOCUMENT) {
            if (st == PK_STATUS_FAIL || st == PK_STATUS_UNKNOWN)
                add_item(sb, start, sep, pk_result_title(res, lang), max,
                         &count, &shown);
            continue;
        }
        if (st != PK_STATUS_UNKNOWN)
            continue;
        for (j = 0; j < pk_result_missing_count(res); j++) {
            const char *id = pk_result_missing(res, j);
            const char *label = pk_result_fact_label(res, id, lang);

            add_item(sb, start, sep, label != NULL ? label : id, max, &count,
                     &shown);
        }
    }
    /* Items past max were counted but not listed; the ones counted twice
     * are not known without listing them all, so the count is at most. */
    if (count > shown) {
        pk_sb_puts(sb, lang == PK_LANG_VI ? " … và " : " … and ");
        pk_fmt_number(sb, (double)(count - shown), 0, lang);
        pk_sb_puts(sb, lang == PK_LANG_VI ? " mục khác" : " more");
    }
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_summary_warning(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    size_t i, n = pk_report_problem_count(r), more = 0;
    const pk_error *first = NULL;
    const char *text = NULL;

    for (i = 0; i < n; i++) {
        if (!pk_report_problem_is_warning(r, i))
            continue;
        if (first == NULL) {
            first = pk_report_problem(r, i);
            text = pk_report_problem_text(r, i, lang);
        } else {
            more++;
        }
    }
    if (first == NULL)
        return 0;
    if (first->line != 0)
        pk_sb_printf(
            sb, lang == PK_LANG_VI ? "dòng %u: " : "line %u: ", first->line);
    pk_sb_puts(sb, text != NULL ? text : first->message);
    if (more > 0) {
        pk_sb_puts(sb, lang == PK_LANG_VI ? " (và " : " (and ");
        pk_fmt_number(sb, (double)more, 0, lang);
        pk_sb_puts(sb, lang == PK_LANG_VI ? " cảnh báo khác)" : " more)");
    }
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_summary_invalid(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    size_t i, n, pos = 0;
    long p;

    if (pk_report_verdict(r) != PK_VERDICT_INVALID)
        return 0;
    /* The first of what a drafter fixes first, when it is an error. */
    while ((p = pk_view_next_problem(r, &pos)) >= 0) {
        const pk_error *e = pk_report_problem(r, (size_t)p);
        const char *text = pk_report_problem_text(r, (size_t)p, lang);

        if (pk_report_problem_is_warning(r, (size_t)p))
            break;
        if (e == NULL)
            continue;
        if (e->line != 0) {
            pk_sb_printf(sb, lang == PK_LANG_VI ? "dòng %u" : "line %u",
                         e->line);
            if (e->column != 0)
                pk_sb_printf(sb,
                             lang == PK_LANG_VI ? ", cột %u" : ", column %u",
                             e->column);
            pk_sb_puts(sb, ": ");
        }
        pk_sb_puts(sb, text != NULL ? text : e->message);
        return sb->failed ? PK_ENOMEM : 0;
    }
    n = pk_report_result_count(r);
    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res == NULL || !mandatory(res) ||
            pk_result_status(res) != PK_STATUS_ERROR)
            continue;
        pk_sb_puts(sb, pk_result_citation_text(res, lang));
        pk_sb_puts(sb, ": ");
        pk_sb_puts(sb, pk_result_message(res, lang));
        break;
    }
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_summary_unread(const pk_report *r)
{
    return pk_writer_is_empty(pk_report_park_name(r)) &&
           pk_writer_is_empty(pk_report_province(r)) &&
           pk_writer_is_empty(pk_report_kind(r)) &&
           pk_writer_is_empty(pk_report_date(r)) &&
           pk_writer_is_empty(pk_report_pack_id(r)) &&
           pk_report_result_count(r) == 0;
}

int pk_summary_regime(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    const char *id = pk_report_pack_id(r);
    const char *version = pk_report_pack_version(r);

    /* No date was read, so none was out of every pack's period: the
     * reason column says why the file was not read. */
    if (pk_summary_unread(r))
        return 0;
    if (id == NULL || id[0] == '\0')
        return pk_sb_puts(sb, lang == PK_LANG_VI
                                  ? "không có bộ quy tắc nào có hiệu lực"
                                  : "no rule pack in force");
    pk_sb_puts(sb, id);
    if (version != NULL && version[0] != '\0') {
        pk_sb_puts(sb, " ");
        pk_sb_puts(sb, version);
    }
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_summary_open(pk_strbuf *sb, const pk_report *r, pk_lang lang,
                    const char *sep)
{
    size_t i, n = pk_report_result_count(r);
    int first = 1;

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res == NULL || !mandatory(res) ||
            pk_result_status(res) != PK_STATUS_OPEN)
            continue;
        if (!first)
            pk_sb_puts(sb, sep);
        first = 0;
        pk_sb_puts(sb, pk_result_citation_text(res, lang));
    }
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_summary_key_cmp(const void *a, const void *b)
{
    const pk_summary_key *x = a, *y = b;
    int c;

    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->order != NULL && y->order != NULL &&
        (c = strcmp(x->order, y->order)) != 0)
        return c;
    if ((c = strcmp(x->park, y->park)) != 0)
        return c;
    if ((c = strcmp(x->source, y->source)) != 0)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

int pk_summary_sort_names(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    const char *park = pk_report_park_name(r);
    UErrorCode st = U_ZERO_ERROR;
    UCollator *coll;
    UChar small[256], *u = small;
    uint8_t kbuf[512], *key = kbuf;
    int32_t ulen = 0, klen;

    pk_sb_puts(sb, park);
    pk_sb_append(sb, "", 1);
    pk_sb_puts(sb, pk_report_source(r));
    pk_sb_append(sb, "", 1);
    coll = ucol_open(lang == PK_LANG_VI ? "vi" : "en", &st);
    if (U_SUCCESS(st))
        u_strFromUTF8(u, 256, &ulen, park, -1, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR && ulen >= 0 &&
        (size_t)ulen < SIZE_MAX / sizeof *u - 1) {
        u = malloc(((size_t)ulen + 1) * sizeof *u);
        st = U_ZERO_ERROR;
        if (u != NULL)
            u_strFromUTF8(u, ulen + 1, &ulen, park, -1, &st);
        else
            st = U_MEMORY_ALLOCATION_ERROR;
    }
    if (coll == NULL || U_FAILURE(st)) {
        /* no collator: the name as it is, in the order of its bytes */
        pk_sb_puts(sb, park);
    } else {
        klen = ucol_getSortKey(coll, u, ulen, key, (int32_t)sizeof kbuf);
        if (klen > (int32_t)sizeof kbuf) {
            key = malloc((size_t)klen);
            if (key != NULL)
                klen = ucol_getSortKey(coll, u, ulen, key, klen);
        }
        /* a sort key has no NUL before its end: a C string */
        if (key != NULL && klen > 0)
            pk_sb_puts(sb, (const char *)key);
        else if (key == NULL)
            sb->failed = 1;
    }
    pk_sb_append(sb, "", 1);
    if (key != kbuf)
        free(key);
    if (u != small)
        free(u);
    if (coll != NULL)
        ucol_close(coll);
    return sb->failed ? PK_ENOMEM : PK_OK;
}
