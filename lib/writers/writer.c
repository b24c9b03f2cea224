/*
 * writer.c - the report writers' common part: checks the calls, buffers
 * each piece a format writes and hands it to the caller in one call.
 */
#include "writers.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "options.h"
#include "pack.h"
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
static int flush(pk_writer *w, int rc, const char *what, pk_error *err)
{
    if (rc == 0 && w->buf.failed)
        rc = PK_ENOMEM;
    if (rc != 0)
        return fail(err, rc, "%s: %s while writing the %s report", what,
                    pk_strerror(rc), w->ops->name);
    if (w->buf.len > 0 && w->fn(w->userdata, w->buf.data, w->buf.len) != 0) {
        w->broken = 1;
        return fail(err, PK_EIO, "%s: the output could not be written", what);
    }
    return 0;
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
    if (w->ops->add_piece != NULL)
        rc = w->ops->add_piece(w, p, &w->buf);
    else
        rc = pk_sb_append(&w->buf, p->text.data, p->text.len);
    rc = flush(w, rc, what, err);
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

/* ------------------------------------------------------------------------
 * Helpers the markup formats share
 * ------------------------------------------------------------------------ */

/* Whether XML 1.0 allows code point cp in a document at all. */
static int xml_allowed(long cp)
{
    return cp == 0x09 || cp == 0x0A || cp == 0x0D ||
           (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Whether a page for people should show U+FFFD instead of cp: controls
 * HTML calls parse errors, and the bidirectional controls that can make a
 * park's name read as something else. */
static int html_unsafe(long cp)
{
    return (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

int pk_xml_append_text(pk_strbuf *sb, const char *s, unsigned flags)
{
    size_t i = 0, run = 0, adv, len;
    const char *rep;
    long cp;

    if (s == NULL)
        return sb->failed ? PK_ENOMEM : 0;
    len = strlen(s);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        /* Bytes that go out as they are accumulate in [run, i). */
        if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' &&
            c != '"' && c != '\'') {
            i++;
            continue;
        }
        cp = pk_utf8_next(s + i, len - i, &adv);
        if (cp >= 0x80 && xml_allowed(cp) &&
            !((flags & PK_XML_HTML) && html_unsafe(cp))) {
            i += adv;
            continue;
        }
        if ((cp == '\n' || cp == '\r') && !(flags & PK_XML_ATTR)) {
            i += adv;
            continue;
        }
        pk_sb_append(sb, s + run, i - run);
        switch (cp) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '\t':
            rep = (flags & PK_XML_ATTR) ? "&#9;" : "\t";
            break;
        case '\n':
            rep = "&#10;";
            break;
        case '\r':
            rep = "&#13;";
            break;
        default:
            if (cp < 0 || ((flags & PK_XML_HTML) && html_unsafe(cp)))
                rep = PK_UTF8_REPLACEMENT;
            else if (xml_allowed(cp))
                rep = "\x7f"; /* the one such ASCII character, DEL */
            else
                rep = ""; /* forbidden in XML 1.0: dropped */
            break;
        }
        pk_sb_puts(sb, rep);
        i += adv;
        run = i;
    }
    pk_sb_append(sb, s + run, i - run);
    return sb->failed ? PK_ENOMEM : 0;
}

/* The unit's word after a number written with its space, or nothing
 * (and no space) for a unit without one. A number in unit "date" is a
 * difference of two dates, a shortfall in days; every other unit is
 * the regime's, in words its format description gives (words.c). */
static int unit_word(pk_strbuf *sb, const pk_dformat *f, const char *unit,
                     double v, pk_lang lang)
{
    if (unit != NULL && strcmp(unit, "date") == 0)
        return pk_sb_puts(sb, lang == PK_LANG_VI ? " ngày" : " days");
    return pk_unit_append(sb, f, unit, v, lang);
}

const char *pk_writer_word(const pk_writer *w, const char *name,
                           const char *fallback)
{
    const char *word = pk_engine_word(w->engine, name, w->lang);

    return word != NULL ? word : fallback;
}

/* The word of the format's label form:name, or NULL. */
static const char *form_word(const pk_engine *engine, const char *form,
                             const char *name, pk_lang lang)
{
    char key[64];

    if (name == NULL)
        return NULL;
    snprintf(key, sizeof key, "%s:%s", form, name);
    return pk_engine_word(engine, key, lang);
}

const char *pk_writer_status_word(const pk_engine *engine, const char *form,
                                  pk_status s, pk_lang lang)
{
    const char *word = form_word(engine, form, pk_status_name(s), lang);

    if (word != NULL)
        return word;
    return strcmp(form, "outcome") == 0 || pk_status_name(s) == NULL
               ? ""
               : pk_status_name(s);
}

const char *pk_writer_verdict_word(const pk_engine *engine, const char *form,
                                   pk_verdict v, pk_lang lang)
{
    const char *word = form_word(engine, form, pk_verdict_name(v), lang);

    return word != NULL                 ? word
           : pk_verdict_name(v) != NULL ? pk_verdict_name(v)
                                        : "";
}

const char *pk_writer_pack_title(const pk_writer *w, const char *id)
{
    size_t i, n = w->engine != NULL ? pk_engine_pack_count(w->engine) : 0;

    for (i = 0; i < n; i++) {
        const char *pid = pk_engine_pack_id(w->engine, i);

        if (pid != NULL && id != NULL && strcmp(pid, id) == 0)
            return pk_engine_pack_title(w->engine, i, w->lang);
    }
    return NULL;
}

int pk_writer_append_quantity(pk_strbuf *sb, const pk_dformat *f, double v,
                              const char *unit, pk_lang lang)
{
    if (unit != NULL && strcmp(unit, "ratio") == 0)
        return pk_fmt_percent(sb, v, lang);
    pk_fmt_number(sb, v, -1, lang);
    return unit_word(sb, f, unit, v, lang);
}

int pk_writer_append_compared(pk_strbuf *sb, const pk_dformat *f, double v,
                              const char *unit, pk_lang lang)
{
    if (unit != NULL && strcmp(unit, "date") == 0 && isfinite(v)) {
        char iso[11];

        pk_civil_from_days((int64_t)llround(v), iso);
        return pk_fmt_date(sb, iso, lang);
    }
    return pk_writer_append_quantity(sb, f, v, unit, lang);
}

int pk_writer_append_shortfall(pk_strbuf *sb, const pk_dformat *f, double v,
                               const char *unit, pk_lang lang)
{
    int d;

    /* Dates differ by days; the difference is no date. */
    if (unit != NULL && strcmp(unit, "date") == 0) {
        pk_fmt_number(sb, v, 0, lang);
        return pk_sb_puts(sb, lang == PK_LANG_VI ? " ngày"
                              : v == 1           ? " day"
                                                 : " days");
    }
    /* A shortfall is never 0 where it is written: a failure just past the
     * threshold gets the digits that show it (0,001%, not 0%). */
    if (unit != NULL && strcmp(unit, "ratio") == 0) {
        d = pk_fmt_digits_nonzero(v * 100.0, 2);
        if (d > 2 || d < 0)
            return pk_fmt_percent_digits(sb, v, d < 0 ? PK_FMT_MAX_DECIMALS : d,
                                         lang);
    } else if ((d = pk_fmt_digits_nonzero(v, 6)) > 6 || d < 0) {
        pk_fmt_number_strip(sb, v, d < 0 ? PK_FMT_MAX_DECIMALS : d, 1, lang);
        return unit_word(sb, f, unit, v, lang);
    }
    return pk_writer_append_quantity(sb, f, v, unit, lang);
}

int pk_writer_append_value(pk_strbuf *sb, const pk_dformat *f,
                           const pk_value_info *v, pk_lang lang)
{
    int vi = lang == PK_LANG_VI;
    const char *p;
    size_t n;
    int first = 1;

    switch (v->kind) {
    case PK_VALUE_NUMBER:
        return pk_writer_append_quantity(sb, f, v->number, v->unit, lang);
    case PK_VALUE_TEXT:
        if (v->unit != NULL && strcmp(v->unit, "date") == 0)
            return pk_fmt_date(sb, v->text, lang);
        return pk_sb_puts(sb, v->text != NULL ? v->text : "");
    case PK_VALUE_BOOL:
        return pk_sb_puts(sb, v->boolean ? (vi ? "có" : "yes")
                                         : (vi ? "không" : "no"));
    case PK_VALUE_SET:
        /* The text joins the names with spaces; people read commas. */
        p = v->text != NULL ? v->text : "";
        for (;;) {
            p += strspn(p, " ");
            n = strcspn(p, " ");
            if (n == 0)
                break;
            if (!first)
                pk_sb_puts(sb, ", ");
            first = 0;
            pk_sb_append(sb, p, n);
            p += n;
        }
        if (first)
            pk_sb_puts(sb, vi ? "(không có)" : "(none)");
        return sb->failed ? PK_ENOMEM : 0;
    case PK_VALUE_INVALID:
        return pk_sb_puts(sb, vi ? "không hợp lệ" : "invalid");
    case PK_VALUE_MISSING: /* fall through */
    default:
        return pk_sb_puts(sb, vi ? "chưa nêu" : "not stated");
    }
}

/* ------------------------------------------------------------------------
 * Facts for people: values in words, and where a fact goes in a dossier
 * ------------------------------------------------------------------------ */

static const pk_fact *fact_of(const pk_result *res, const char *id)
{
    int f = id != NULL ? pk_pack_find_fact(res->pack, id) : -1;

    return f < 0 ? NULL : &res->pack->facts[f];
}

int pk_writer_append_fact_value(pk_strbuf *sb, const pk_result *res,
                                const pk_value_info *v, pk_lang lang)
{
    const pk_fact *f = fact_of(res, v->id);
    const pk_vocab *voc = f != NULL ? pk_fact_vocab(res->pack, f) : NULL;
    int rc;

    /* The compared figure reads as the comparison writes it: with the
     * digits that part it from its threshold. */
    if (v->kind == PK_VALUE_NUMBER && v->id != NULL &&
        pk_writer_cmp_value_parted(res) && strcmp(v->id, res->cmp.fact) == 0 &&
        v->number == res->cmp_typed[0].number)
        return pk_writer_append_cmp_value(sb, res, lang);
    if (voc == NULL || (v->kind != PK_VALUE_SET && v->kind != PK_VALUE_TEXT))
        return pk_writer_append_value(sb, pk_writer_dformat(res->report), v,
                                      lang);
    /* A name of the format's vocabulary ("rnd") is shown by its label in
     * the reader's language. */
    if (v->kind == PK_VALUE_TEXT)
        return v->text != NULL && v->text[0] != '\0'
                   ? pk_sb_puts(sb, pk_vocab_label(voc, v->text,
                                                   lang == PK_LANG_VI ? 0 : 1))
                   : pk_writer_append_value(sb, pk_writer_dformat(res->report),
                                            v, lang);
    rc = pk_writer_append_names(sb, v->text, voc, "; ", lang);
    if (rc == 1)
        return pk_writer_append_value(sb, pk_writer_dformat(res->report), v,
                                      lang);
    return rc;
}

/* One step of a simple path: an element name, its [@a='v'] predicates. */
typedef struct step {
    const char *name;
    size_t len;
    const char *preds; /* "[@a='v'][@b='w']", or "" (preds_len 0) */
    size_t preds_len;
} step;

/* Appends the predicates [@a='v'] as XML attributes a="v". 0 when they
 * are all of that form. */
static int put_preds(pk_strbuf *sb, const char *p, size_t len)
{
    const char *end = p + len;

    while (p < end) {
        const char *name, *val, *close;
        char q;

        if (end - p < 6 || p[0] != '[' || p[1] != '@')
            return -1;
        name = p + 2;
        val = memchr(name, '=', (size_t)(end - name));
        if (val == NULL || val + 2 > end || (val[1] != '\'' && val[1] != '"'))
            return -1;
        q = val[1];
        close = memchr(val + 2, q, (size_t)(end - val - 2));
        if (close == NULL || close + 1 >= end || close[1] != ']')
            return -1;
        if (val[-1] == '!') { /* [@a!='v'] filters; nothing to type */
            p = close + 2;
            continue;
        }
        pk_sb_puts(sb, " ");
        pk_sb_append(sb, name, (size_t)(val - name));
        pk_sb_puts(sb, "=\"");
        pk_sb_append(sb, val + 2, (size_t)(close - val - 2));
        pk_sb_puts(sb, "\"");
        p = close + 2;
    }
    return 0;
}

/* Writes a pack's simple path ("/dossier/zones/zone[@group='core']/@area")
 * as what a drafter types: <zone group="core" area="…"> in <zones>.
 * Returns -1, writing nothing, for a path this cannot say simply (an
 * XPath with functions, unions, axes). */
static int put_path_words(pk_strbuf *sb, const char *path, pk_lang lang)
{
    step steps[16];
    size_t nsteps = 0, i;
    const char *p = path, *attr = NULL;
    size_t attr_len = 0, mark = sb->len;

    if (path == NULL || path[0] != '/' || strpbrk(path, "()|*:") != NULL ||
        strstr(path, "//") != NULL)
        return -1;
    while (*p == '/') {
        const char *start = ++p;
        int depth = 0;

        while (*p != '\0' && (depth > 0 || *p != '/')) {
            depth += *p == '[';
            depth -= *p == ']';
            p++;
        }
        if (p == start)
            return -1;
        if (*start == '@') {
            if (*p != '\0')
                return -1; /* an attribute is the last step */
            attr = start + 1;
            attr_len = (size_t)(p - attr);
            break;
        }
        if (nsteps == sizeof steps / sizeof steps[0])
            return -1;
        steps[nsteps].name = start;
        steps[nsteps].len = strcspn(start, "[/");
        if (steps[nsteps].len > (size_t)(p - start))
            steps[nsteps].len = (size_t)(p - start);
        steps[nsteps].preds = start + steps[nsteps].len;
        steps[nsteps].preds_len = (size_t)(p - steps[nsteps].preds);
        nsteps++;
    }
    if (nsteps == 0)
        return -1;
    i = nsteps - 1;
    pk_sb_puts(sb, "<");
    pk_sb_append(sb, steps[i].name, steps[i].len);
    if (put_preds(sb, steps[i].preds, steps[i].preds_len) != 0)
        goto plain;
    if (attr != NULL) {
        pk_sb_puts(sb, " ");
        pk_sb_append(sb, attr, attr_len);
        pk_sb_puts(sb, "=\"…\"");
    }
    pk_sb_puts(sb, ">");
    if (i > 0) {
        pk_sb_puts(sb, lang == PK_LANG_VI ? " trong <" : " in <");
        pk_sb_append(sb, steps[i - 1].name, steps[i - 1].len);
        pk_sb_puts(sb, ">");
    }
    return sb->failed ? PK_ENOMEM : 0;
plain:
    sb->len = mark;
    if (sb->data != NULL)
        sb->data[mark] = '\0';
    return -1;
}

int pk_writer_append_where(pk_strbuf *sb, const pk_result *res,
                           const char *fact_id, pk_lang lang)
{
    const pk_fact *f = fact_of(res, fact_id);
    const pk_val *v;
    int said;

    if (f == NULL)
        return 0;
    said = put_path_words(sb, f->where, lang) == 0;
    v = res->report->facts != NULL ? &res->report->facts[f - res->pack->facts]
                                   : NULL;
    if (v != NULL && v->kind == PK_V_INVALID && v->line > 0)
        pk_sb_printf(sb,
                     lang == PK_LANG_VI ? "%sdòng %u, cột %u"
                                        : "%sline %u, column %u",
                     said ? ", " : "", v->line, v->col);
    return sb->failed ? PK_ENOMEM : 0;
}

const char *pk_writer_problem_label(const pk_report *r, size_t i, pk_lang lang)
{
    const pk_error *e = pk_report_problem(r, i);
    size_t f;

    if (e == NULL || e->line == 0 || r->pack == NULL || r->facts == NULL)
        return NULL;
    /* The fact read at the problem's place: the one the dossier states
     * there (a computed one only carries the position along). */
    for (f = 0; f < r->pack->nfacts; f++) {
        const pk_fact *fact = &r->pack->facts[f];
        const pk_val *v = &r->facts[f];
        const char *label = fact->label[lang == PK_LANG_VI ? 0 : 1];

        if (v->kind == PK_V_INVALID && v->line == e->line &&
            v->col == e->column && fact->where != NULL && label != NULL &&
            label[0] != '\0')
            return label;
    }
    return NULL;
}

const char *pk_writer_kind_label(const pk_report *r, const char *kind,
                                 pk_lang lang, const char *unknown)
{
    const pk_dformat *f =
        r != NULL && r->engine != NULL ? r->engine->format : NULL;
    const pk_felem *e;
    uint32_t a;

    if (kind == NULL || kind[0] == '\0')
        return unknown;
    if (f == NULL || f->role_at[PK_ROLE_KIND].elem == PK_NONE)
        return kind;
    /* The kinds are the law's: their words live in the format. */
    e = &f->elems[f->role_at[PK_ROLE_KIND].elem];
    a = f->role_at[PK_ROLE_KIND].attr;
    return pk_vocab_label(a == PK_NONE ? &e->value.vocab
                                       : &e->attrs[a].value.vocab,
                          kind, lang == PK_LANG_VI ? 0 : 1);
}

int pk_writer_next_article(const pk_report *r, pk_category cat, int last,
                           size_t *first)
{
    int next = -1;

    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);
        const pk_citation *c;
        int a;

        if (res == NULL || pk_result_category(res) != cat)
            continue;
        c = pk_result_citation(res);
        a = c != NULL ? c->article : 0;
        if (a > last && (next < 0 || a < next)) {
            next = a;
            *first = i;
        }
    }
    return next;
}
