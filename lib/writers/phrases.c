/*
 * phrases.c - what the formats share in saying things: text made safe for
 * XML and HTML, the regime's words (units, statuses, verdicts, kinds, pack
 * titles), values and shortfalls with their units, where a fact is written
 * in a dossier, the articles in the decree's order. The formats call these;
 * writer.c, which holds the table of formats, calls none of them, so that
 * no two files of the writers depend on each other.
 */
#include "writers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "pack.h"

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
    const char *word;

    if (fallback == NULL)
        return pk_words_label_or_builtin(w->engine != NULL ? w->engine->format
                                                           : NULL,
                                         name, w->lang == PK_LANG_VI ? 0 : 1);
    word = pk_engine_word(w->engine, name, w->lang);
    return word != NULL ? word : fallback;
}

const char *pk_writer_warnings_head(pk_lang lang)
{
    return lang == PK_LANG_VI ? "Cảnh báo về dữ liệu đầu vào"
                              : "Input warnings";
}

const char *pk_writer_checked_only(const pk_report *r, pk_lang lang)
{
    if (pk_report_unchecked_count(r) == 0)
        return "";
    return lang == PK_LANG_VI
               ? " trong các mục đã kiểm tra (xem phần chưa kiểm tra được)"
               : " among what was checked (see what is not checked)";
}

size_t pk_writer_fix_count(const pk_result *res)
{
    switch (pk_result_status(res)) {
    case PK_STATUS_UNKNOWN:
        return pk_result_missing_count(res);
    case PK_STATUS_ERROR:
        return pk_result_value_count(res);
    default:
        return 0;
    }
}

/* Whether value v is invalid and, with read, has a place in the dossier. */
static int invalid_value(const pk_result *res, const pk_value_info *v, int read)
{
    return v != NULL && v->kind == PK_VALUE_INVALID &&
           (!read || !pk_writer_is_empty(pk_result_fact_location(res, v->id)));
}

const char *pk_writer_fix_id(const pk_result *res, size_t i)
{
    if (pk_result_status(res) == PK_STATUS_UNKNOWN) {
        const char *id = pk_result_missing(res, i);

        if (pk_writer_is_empty(id))
            return NULL;
        for (size_t k = 0; k < i; k++)
            if (!pk_writer_is_empty(pk_result_missing(res, k)) &&
                strcmp(pk_result_missing(res, k), id) == 0)
                return NULL;
        return id;
    }
    if (pk_result_status(res) == PK_STATUS_ERROR) {
        const pk_value_info *v = pk_result_value(res, i);
        size_t n = pk_result_value_count(res);
        int read = 0;

        for (size_t k = 0; k < n && !read; k++)
            read = invalid_value(res, pk_result_value(res, k), 1);
        if (!invalid_value(res, v, read) || pk_writer_is_empty(v->id))
            return NULL;
        return v->id;
    }
    return NULL;
}

const char *pk_writer_article(const pk_report *r, int article, pk_lang lang,
                              const char *other,
                              char buf[PK_WRITER_ARTICLE_MAX])
{
    pk_citation c = {article, 0, ""};

    if (article <= 0)
        return other;
    pk_engine_citation_format(r->engine, &c, lang, buf, PK_WRITER_ARTICLE_MAX);
    return buf;
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
        return pk_writer_append_yes_no(sb, v->boolean, lang);
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

    /* A set of the dossier's yes/no answers says them as a yes/no is
     * said, not as the words of its XML. */
    if (v->kind == PK_VALUE_SET && v->text != NULL && f != NULL &&
        pk_fact_format_type(res->pack, f) == PK_T_BOOL &&
        (rc = pk_writer_append_yes_no_set(sb, v->text, lang)) != 1)
        return rc;
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

/* ------------------------------------------------------------------------
 * A batch's totals
 * ------------------------------------------------------------------------ */

size_t pk_writer_batch_verdicts(const pk_writer *w, pk_verdict v)
{
    unsigned i =
        (unsigned)v < PK_VERDICT_COUNT ? (unsigned)v : PK_VERDICT_INVALID;

    return w->verdicts[i] + w->left_out_verdicts[i];
}

size_t pk_writer_batch_size(const pk_writer *w)
{
    return w->dossiers + w->left_out;
}

int pk_writer_append_checked_shown(pk_strbuf *sb, const pk_writer *w)
{
    int vi = w->lang == PK_LANG_VI, first = 1;
    size_t n = pk_writer_batch_size(w);

    pk_fmt_number(sb, (double)n, 0, w->lang);
    pk_sb_puts(sb, vi       ? " hồ sơ đã kiểm tra, hiển thị "
                   : n == 1 ? " dossier checked, "
                            : " dossiers checked, ");
    pk_fmt_number(sb, (double)w->dossiers, 0, w->lang);
    pk_sb_puts(sb, vi ? " (không hiển thị: " : " shown (left out: ");
    for (int v = 0; v < PK_VERDICT_COUNT; v++) {
        if (w->left_out_verdicts[v] == 0)
            continue;
        if (!first)
            pk_sb_puts(sb, ", ");
        first = 0;
        pk_sb_puts(sb, pk_writer_verdict_word(w->engine, "verdict-plain",
                                              (pk_verdict)v, w->lang));
    }
    pk_sb_puts(sb, ")");
    return sb->failed ? PK_ENOMEM : 0;
}
