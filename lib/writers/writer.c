/*
 * writer.c - the report writers' common part: checks the calls, buffers
 * each piece a format writes and hands it to the caller in one call.
 */
#include "writers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "summary.h"

/* Every format, by its pk_format. Adding one: a writer_<name>.c with its
 * pk_writer_ops, a line here, a value in pk_format. */
static const struct {
    pk_format format;
    const pk_writer_ops *ops;
} formats[] = {
    {PK_FORMAT_TEXT, &pk_writer_text_ops},
    {PK_FORMAT_JSON, &pk_writer_json_ops},
    {PK_FORMAT_HTML, &pk_writer_html_ops},
    {PK_FORMAT_CSV, &pk_writer_csv_ops},
    {PK_FORMAT_JUNIT, &pk_writer_junit_ops},
    {PK_FORMAT_NDJSON, &pk_writer_ndjson_ops},
    {PK_FORMAT_SUMMARY, &pk_writer_summary_ops},
    {PK_FORMAT_XLSX, &pk_writer_xlsx_ops},
};

#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

static const pk_writer_ops *ops_for(pk_format format)
{
    size_t i;

    for (i = 0; i < FORMAT_COUNT; i++)
        if (formats[i].format == format)
            return formats[i].ops;
    return NULL;
}

int pk_format_from_name(const char *name, pk_format *out)
{
    size_t i;

    if (name == NULL || out == NULL)
        return PK_EINVAL;
    for (i = 0; i < FORMAT_COUNT; i++) {
        if (strcmp(formats[i].ops->name, name) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return PK_EINVAL;
}

static int fail(pk_error *err, int code, const char *fmt, ...)
    PK_PRINTF_LIKE(3, 4);

static int fail(pk_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL) {
        err->code = code;
        err->line = 0;
        err->column = 0;
        err->source[0] = '\0';
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* Hands what the format put in w->buf to the caller's function. */
/* Hands len bytes at data to the caller's output. */
static int put(pk_writer *w, const char *data, size_t len, const char *what,
               pk_error *err)
{
    if (len > 0 && w->fn(w->userdata, data, len) != 0) {
        w->broken = 1;
        return fail(err, PK_EIO, "%s: the output could not be written", what);
    }
    return 0;
}

static int flush(pk_writer *w, int rc, const char *what, pk_error *err)
{
    if (rc == 0 && w->buf.failed)
        rc = PK_ENOMEM;
    if (rc != 0)
        return fail(err, rc, "%s: %s while writing the %s report", what,
                    pk_strerror(rc), w->ops->name);
    return put(w, w->buf.data, w->buf.len, what, err);
}

/* Checks that w can take more output. */
static int usable(const pk_writer *w, const char *what, pk_error *err)
{
    if (w == NULL)
        return fail(err, PK_EINVAL, "%s: no writer", what);
    if (w->finished)
        return fail(err, PK_EINVAL, "%s: the writer is already finished", what);
    if (w->broken)
        return fail(err, PK_EIO,
                    "%s: the output failed earlier; nothing more is written",
                    what);
    return 0;
}

void pk_writer_free(pk_writer *w)
{
    if (w == NULL)
        return;
    if (w->state != NULL && w->ops->release != NULL)
        w->ops->release(w->state);
    free(w->state);
    pk_sb_free(&w->buf);
    free(w);
}

/* The size of each version of pk_writer_options, oldest first. */
static const size_t writer_options_sizes[] = {
    PK_OPTIONS_END(pk_writer_options, lang), /* 1 */
};

int pk_writer_new(pk_writer **out, const pk_engine *engine, pk_write_fn fn,
                  void *userdata, const pk_writer_options *opts, pk_error *err)
{
    static const char what[] = "pk_writer_new";
    pk_writer_options o = PK_WRITER_OPTIONS_INIT;
    const pk_writer_ops *ops;
    pk_format format;
    pk_lang lang;
    pk_writer *w;
    int rc = 0;

    if (out == NULL)
        return fail(err, PK_EINVAL, "%s: out is NULL", what);
    *out = NULL;
    if (fn == NULL)
        return fail(err, PK_EINVAL, "%s: no write function", what);
    rc = pk_options_read(&o, sizeof o, opts, writer_options_sizes,
                         PK_WRITER_OPTIONS_VERSION, "pk_writer_options", err);
    if (rc != 0)
        return rc;
    format = o.format;
    lang = o.lang;
    ops = ops_for(format);
    if (ops == NULL)
        return fail(err, PK_EINVAL, "%s: unknown format %d", what, (int)format);
    if (lang != PK_LANG_VI && lang != PK_LANG_EN)
        return fail(err, PK_EINVAL, "%s: unknown language %d", what, (int)lang);

    w = calloc(1, sizeof *w);
    if (w == NULL)
        return fail(err, PK_ENOMEM, "%s: %s", what, pk_strerror(PK_ENOMEM));
    w->ops = ops;
    w->engine = engine;
    w->lang = lang;
    w->fn = fn;
    w->userdata = userdata;
    pk_sb_init(&w->buf);
    if (ops->state_size > 0) {
        w->state = calloc(1, ops->state_size);
        if (w->state == NULL) {
            rc = fail(err, PK_ENOMEM, "%s: %s", what, pk_strerror(PK_ENOMEM));
            goto out;
        }
    }
    if (ops->begin != NULL)
        rc = flush(w, ops->begin(w, &w->buf), what, err);
out:
    if (rc != 0) {
        pk_writer_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

static void piece_clear(pk_writer_piece *p)
{
    pk_sb_free(&p->text);
    for (size_t i = 0; i < sizeof p->part / sizeof p->part[0]; i++)
        pk_sb_free(&p->part[i]);
}

/* Formats report into p as the index-th: reads nothing of w that
 * pk_writer_add() changes, so any thread may run it. */
static int format_piece(const pk_writer *w, const pk_report *report,
                        size_t index, pk_writer_piece *p)
{
    pk_verdict v = pk_report_verdict(report);
    int rc = 0;

    memset(p, 0, sizeof *p);
    p->writer = w;
    p->index = index;
    p->verdict = (unsigned)v < PK_VERDICT_COUNT ? v : PK_VERDICT_INVALID;
    if (w->ops->format != NULL)
        rc = w->ops->format(w, report, p);
    if (rc == 0 && p->text.failed)
        rc = PK_ENOMEM;
    for (size_t i = 0; rc == 0 && i < sizeof p->part / sizeof p->part[0]; i++)
        if (p->part[i].failed)
            rc = PK_ENOMEM;
    if (rc != 0)
        piece_clear(p);
    return rc;
}

/* Takes a piece in and hands what goes out now to the caller. */
static int add_piece(pk_writer *w, const pk_writer_piece *p, const char *what,
                     pk_error *err)
{
    int rc;

    pk_sb_reset(&w->buf);
    if (w->ops->add_piece != NULL) {
        rc = w->ops->add_piece(w, p, &w->buf);
        rc = flush(w, rc, what, err);
    } else {
        /* the piece as it is, from after its lead for the first report */
        size_t skip = w->dossiers == 0 ? w->ops->lead : 0;

        if (skip > p->text.len)
            skip = p->text.len;
        rc = put(w, p->text.data + skip, p->text.len - skip, what, err);
    }
    if (rc != 0)
        return rc;
    w->verdicts[p->verdict]++;
    w->dossiers++;
    return 0;
}

int pk_writer_add(pk_writer *w, const pk_report *report, pk_error *err)
{
    static const char what[] = "pk_writer_add";
    pk_writer_piece p;
    int rc = usable(w, what, err);

    if (rc != 0)
        return rc;
    if (report == NULL)
        return fail(err, PK_EINVAL, "%s: report is NULL", what);
    rc = format_piece(w, report, w->dossiers, &p);
    if (rc != 0)
        return flush(w, rc, what, err);
    rc = add_piece(w, &p, what, err);
    piece_clear(&p);
    return rc;
}

int pk_writer_format(const pk_writer *w, const pk_report *report, size_t index,
                     pk_writer_piece **out, pk_error *err)
{
    static const char what[] = "pk_writer_format";
    pk_writer_piece *p;
    int rc;

    if (out == NULL)
        return fail(err, PK_EINVAL, "%s: out is NULL", what);
    *out = NULL;
    if (w == NULL || report == NULL)
        return fail(err, PK_EINVAL, "%s: %s is NULL", what,
                    w == NULL ? "writer" : "report");
    p = malloc(sizeof *p);
    if (p == NULL)
        return fail(err, PK_ENOMEM, "%s: %s", what, pk_strerror(PK_ENOMEM));
    rc = format_piece(w, report, index, p);
    if (rc != 0) {
        free(p);
        return fail(err, rc, "%s: %s while writing the %s report", what,
                    pk_strerror(rc), w->ops->name);
    }
    *out = p;
    return 0;
}

int pk_writer_add_piece(pk_writer *w, const pk_writer_piece *piece,
                        pk_error *err)
{
    static const char what[] = "pk_writer_add_piece";
    int rc = usable(w, what, err);

    if (rc != 0)
        return rc;
    if (piece == NULL)
        return fail(err, PK_EINVAL, "%s: piece is NULL", what);
    if (piece->writer != w)
        return fail(err, PK_EINVAL,
                    "%s: the piece was formatted for another writer", what);
    if (piece->index != w->dossiers)
        return fail(err, PK_EINVAL,
                    "%s: the piece was formatted as report %zu, but %zu "
                    "have been added",
                    what, piece->index, w->dossiers);
    return add_piece(w, piece, what, err);
}

int pk_writer_leave_out(pk_writer *w, const pk_report *report, pk_error *err)
{
    static const char what[] = "pk_writer_leave_out";
    unsigned v;
    int rc = usable(w, what, err);

    if (rc != 0)
        return rc;
    if (report == NULL)
        return fail(err, PK_EINVAL, "%s: report is NULL", what);
    v = (unsigned)pk_report_verdict(report);
    w->left_out_verdicts[v < PK_VERDICT_COUNT ? v : PK_VERDICT_INVALID]++;
    w->left_out++;
    return 0;
}

void pk_writer_piece_free(pk_writer_piece *piece)
{
    if (piece == NULL)
        return;
    piece_clear(piece);
    free(piece);
}

int pk_writer_finish(pk_writer *w, pk_error *err)
{
    static const char what[] = "pk_writer_finish";
    int rc = usable(w, what, err);

    if (rc != 0)
        return rc;
    pk_sb_reset(&w->buf);
    if (w->ops->finish != NULL) {
        rc = flush(w, w->ops->finish(w, &w->buf), what, err);
        if (rc != 0)
            return rc;
    }
    w->finished = 1;
    pk_sb_free(&w->buf);
    return 0;
}
