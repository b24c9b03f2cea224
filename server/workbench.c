/* The drafter's workbench: plain HTML forms built from pk_form, posted
 * back as they are (no script needed), turned into a dossier, checked,
 * and shown with each problem beside its field. Nothing is kept between
 * requests: the page carries the whole dossier. This file is the pages
 * and the request handler; the posted values are wb_values.c's, the
 * dossier's XML wb_dossier.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

/* ---- pages ---- */

typedef struct note {
    char key[1100]; /* a concrete element path, or an abstract field path */
    char text[600];
    int severity; /* 0 error, 1 fails, 2 unknown, 3 other */
} note;

/* A list whose later rows the page does not show: their values are
 * carried in hidden fields. */
typedef struct cut {
    char key[1100]; /* "/dossier/zones/zone" */
    long shown;
} cut;

typedef struct page {
    const srv_config *cfg;
    pk_lang lang;
    int l;
    srv_buf *b;
    const pk_form *form;
    const values *vs;
    unsigned char *used; /* per value of vs: a field of the page shows it */
    const values *rows;  /* each list's highest row with a value */
    const char *grow;    /* the list a row was asked for, or NULL */
    const char *alert;   /* above the form, or NULL */
    int fresh;           /* a new form: offer initial values */
    note *notes;
    size_t nnotes;
    cut *cuts;
    size_t ncuts;
    long rows_shown; /* rows rendered so far, all groups together */
    int oom;
} page;

/* Rows on one page, all groups together, and in one list: a posted row
 * count cannot make the answer grow without bound (200 documents of 200
 * parts each). Rows past them are not shown but kept. */
#define WB_MAX_ROWS 1000
#define WB_MAX_LIST_ROWS 200

static const char *T(const page *p, const char *vi, const char *en)
{
    return p->l == 0 ? vi : en;
}

static void head(srv_buf *b, pk_lang lang, const char *title)
{
    sb_printf(b,
              "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
              "charset=\"utf-8\"><meta name=\"viewport\" "
              "content=\"width=device-width, initial-scale=1\"><title>",
              lang == PK_LANG_VI ? "vi" : "en");
    sb_html(b, title);
    sb_puts(b, "</title><link rel=\"stylesheet\" href=\"/workbench.css\">"
               "</head><body>\n");
}

/* The page's title names the parks the regimes are about: the format
 * description's words, with the workbench's own for want of them. */
static const char *page_title(const page *p)
{
    const char *t = pk_engine_word(p->cfg->engine, "workbench-title", p->lang);

    return t != NULL && t[0] != '\0' ? t
                                     : T(p, "Kiểm tra hồ sơ", "Dossier check");
}

static void start_page(page *p)
{
    head(p->b, p->lang, page_title(p));
    sb_puts(p->b, "<header><h1>");
    sb_html(p->b, page_title(p));
    sb_printf(p->b,
              "</h1><nav><a href=\"/?lang=%s\">%s</a> · "
              "<a href=\"/?lang=%s\">%s</a></nav></header>\n<main>\n",
              "vi", "Tiếng Việt", "en", "English");
}

static void end_page(page *p)
{
    sb_puts(p->b, "</main></body></html>\n");
}

/* The start page; with why (not NULL), first what could not be done
 * (title) and why, answered with status: a file chosen to open that could
 * not be, a date no form can be made for. kind, when not NULL, is chosen
 * again in the form for a new dossier. */
static void home(const srv_config *cfg, pk_lang lang, srv_response *resp,
                 int status, const char *title, const char *why,
                 const char *kind)
{
    page p;

    memset(&p, 0, sizeof p);
    p.cfg = cfg;
    p.lang = lang;
    p.l = lang == PK_LANG_VI ? 0 : 1;
    sb_free(&resp->body);
    p.b = &resp->body;
    start_page(&p);
    if (why != NULL) {
        sb_puts(p.b, "<section class=\"refused\" role=\"alert\"><h2>");
        sb_html(p.b, title);
        sb_puts(p.b, "</h2><p>");
        sb_html(p.b, why);
        sb_puts(p.b, "</p></section>\n");
    }
    sb_printf(p.b,
              "<section><h2>%s</h2><form method=\"get\" action=\"/form\">"
              "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
              "<label for=\"kind\">%s</label> <select id=\"kind\" "
              "name=\"kind\">",
              T(&p, "Lập hồ sơ mới", "A new dossier"), p.l ? "en" : "vi",
              T(&p, "Loại hồ sơ", "Kind of dossier"));
    for (size_t i = 0; i < pk_engine_kind_count(cfg->engine); i++) {
        const char *label, *k = pk_engine_kind(cfg->engine, i, &label, lang);
        sb_puts(p.b, "<option value=\"");
        sb_html(p.b, k);
        sb_printf(p.b, "\"%s>",
                  kind != NULL && strcmp(kind, k) == 0 ? " selected" : "");
        sb_html(p.b, label);
        sb_puts(p.b, "</option>");
    }
    sb_printf(p.b,
              "</select> <label for=\"date\">%s</label> <input "
              "type=\"date\" id=\"date\" name=\"date\"> <button "
              "type=\"submit\" name=\"go\" value=\"1\">%s</button>"
              "<p class=\"help\">%s</p></form></section>\n",
              T(&p, "Ngày nộp (chọn quy định áp dụng)",
                "Submission date (chooses the rules in force)"),
              T(&p, "Lập hồ sơ", "Start"),
              T(&p, "Để trống ngày thì dùng ngày hôm nay.",
                "Leave the date blank for today."));
    sb_printf(p.b,
              "<section><h2>%s</h2><form method=\"post\" action=\"/open?"
              "lang=%s\" enctype=\"multipart/form-data\"><label "
              "for=\"dossier\">%s</label> <input type=\"file\" "
              "id=\"dossier\" name=\"dossier\" accept=\".xml\"> <button "
              "type=\"submit\">%s</button></form></section>\n",
              T(&p, "Mở hồ sơ đã lưu", "Open a saved dossier"),
              p.l ? "en" : "vi", T(&p, "Tệp hồ sơ (XML)", "Dossier file (XML)"),
              T(&p, "Mở hồ sơ", "Open"));
    end_page(&p);
    resp->status = why != NULL ? status : 200;
    resp->content_type = "text/html; charset=utf-8";
    resp->csp = SRV_CSP_PAGE;
}

/* A file chosen to open that could not be: the start page again, and
 * why. */
static void refuse_file(const srv_config *cfg, pk_lang lang, srv_response *resp,
                        const char *why)
{
    home(cfg, lang, resp, 400,
         lang == PK_LANG_VI ? "Không mở được tệp này"
                            : "This file cannot be opened",
         why, NULL);
}

static void notes_for(const page *p, const char *key, const char *abs,
                      int first_row)
{
    int any = 0;

    for (size_t i = 0; i < p->nnotes; i++) {
        const note *n = &p->notes[i];
        if (strcmp(n->key, key) != 0 &&
            !(first_row && strcmp(n->key, abs) == 0))
            continue;
        if (!any)
            sb_puts(p->b, "<ul class=\"issues\">");
        any = 1;
        sb_printf(p->b, "<li class=\"sev%d\">", n->severity);
        sb_html(p->b, n->text);
        sb_puts(p->b, "</li>");
    }
    if (any)
        sb_puts(p->b, "</ul>");
}

/* The words of value when of the field f's values depend on. */
static const char *when_label(const pk_form *form, const pk_field *f,
                              const char *when)
{
    char sib[1024];
    const char *at = strrchr(f->path, '@');
    size_t n;

    if (at == NULL || f->depends_on == NULL)
        return when;
    snprintf(sib, sizeof sib, "%.*s%s", (int)(at - f->path + 1), f->path,
             f->depends_on);
    for (size_t i = 0; i < pk_form_field_count(form); i++)
        if (strcmp(pk_form_field(form, i)->path, sib) == 0)
            for (n = 0; n < pk_form_field(form, i)->nvalues; n++) {
                const char *label;
                const char *v = pk_form_value(form, i, n, &label, NULL);
                if (strcmp(v, when) == 0)
                    return label;
            }
    return when;
}

/* The value of key for a field the page shows, noted as shown. */
static const char *take(page *p, const char *key)
{
    long at = wb_vals_find(p->vs, key);

    if (at < 0)
        return NULL;
    p->used[at] = 1;
    return p->vs->v[at].value;
}

/* Whether v is one of choice field i's values, or one a yes/no field
 * takes. */
static int offered(const page *p, size_t i, const pk_field *f, const char *v)
{
    if (f->type == PK_FIELD_BOOL)
        return strcmp(v, "true") == 0 || strcmp(v, "false") == 0;
    for (size_t k = 0; k < f->nvalues; k++)
        if (strcmp(pk_form_value(p->form, i, k, NULL, NULL), v) == 0)
            return 1;
    return 0;
}

/* A field the drafter's file has blank (a row written unfinished, as a
 * template leaves it): a box, ticked, keeps it blank in the dossier, as
 * the checker reads it; untick it, or fill the field, and it is not. */
static void blank_mark(page *p, const char *key, const char *v)
{
    char mark[1100];
    const char *m;

    snprintf(mark, sizeof mark, "blank.%s", key);
    m = take(p, mark);
    if (m == NULL || (v != NULL && v[0] != '\0'))
        return;
    sb_puts(p->b, "<label class=\"blank\"><input type=\"checkbox\" "
                  "value=\"1\" name=\"");
    sb_html(p->b, mark);
    sb_printf(p->b, "\"%s> %s</label>", strcmp(m, "1") == 0 ? " checked" : "",
              T(p,
                "để trống như trong tệp (chưa điền xong); bỏ đánh dấu thì "
                "bỏ ô này khỏi hồ sơ",
                "left blank as in the file (not finished); untick to leave "
                "it out of the dossier"));
}

static void input(page *p, size_t i, const pk_field *f, const char *key,
                  int first_row)
{
    srv_buf *b = p->b;
    const char *v = take(p, key);
    /* a value from the drafter's file that the form's choices do not
     * have is offered as it is, so that it is not lost unseen */
    int odd = v != NULL && v[0] != '\0' &&
              (f->type == PK_FIELD_CHOICE || f->type == PK_FIELD_BOOL) &&
              !offered(p, i, f, v);

    if (v == NULL && (p->fresh || (f->key && !f->required)))
        v = f->initial;
    if (f->fixed != NULL) {
        /* the value the page carries (the file's), or the form's */
        sb_puts(b, "<input type=\"hidden\" name=\"");
        sb_html(b, key);
        sb_puts(b, "\" value=\"");
        sb_html(b, v != NULL && v[0] != '\0' ? v : f->fixed);
        sb_puts(b, "\">");
        return;
    }
    sb_puts(b, "<div class=\"field\"><label>");
    sb_html(b, f->label);
    if (f->unit[0] != '\0') {
        sb_puts(b, " (");
        sb_html(b, f->unit);
        sb_puts(b, ")");
    }
    sb_puts(b, " ");
    if (f->type == PK_FIELD_CHOICE || f->type == PK_FIELD_BOOL) {
        if (f->none_mark && !odd) {
            sb_puts(b, "<input type=\"checkbox\" value=\"true\" name=\"");
            sb_html(b, key);
            sb_printf(b, "\"%s>",
                      v != NULL && strcmp(v, "true") == 0 ? " checked" : "");
        } else {
            sb_puts(b, "<select name=\"");
            sb_html(b, key);
            sb_printf(b, "\"><option value=\"\">%s</option>",
                      T(p, "— chưa biết —", "— not known —"));
            if (odd) {
                sb_puts(b, "<option value=\"");
                sb_html(b, v);
                sb_puts(b, "\" selected>");
                sb_html(b, v);
                sb_printf(b, " %s</option>",
                          T(p, "(không có trong danh sách)",
                            "(not one of the choices)"));
            }
            if (f->type == PK_FIELD_BOOL) {
                sb_printf(
                    b,
                    "<option value=\"true\"%s>%s</option>"
                    "<option value=\"false\"%s>%s</option>",
                    v != NULL && strcmp(v, "true") == 0 ? " selected" : "",
                    T(p, "có", "yes"),
                    v != NULL && strcmp(v, "false") == 0 ? " selected" : "",
                    T(p, "không", "no"));
            }
            const char *group = NULL;
            for (size_t k = 0; k < f->nvalues; k++) {
                const char *label, *when;
                const char *name = pk_form_value(p->form, i, k, &label, &when);
                /* Values chosen by another field's value come in groups
                 * named by that value's words (a zone's types by its
                 * group): without a script, the drafter sees which go
                 * together. */
                if (when != NULL &&
                    (group == NULL || strcmp(group, when) != 0)) {
                    if (group != NULL)
                        sb_puts(b, "</optgroup>");
                    group = when;
                    sb_puts(b, "<optgroup label=\"");
                    sb_html(b, when_label(p->form, f, when));
                    sb_puts(b, "\">");
                }
                sb_puts(b, "<option value=\"");
                sb_html(b, name);
                sb_printf(b, "\"%s>",
                          v != NULL && strcmp(v, name) == 0 ? " selected" : "");
                sb_html(b, label);
                sb_puts(b, "</option>");
            }
            if (group != NULL)
                sb_puts(b, "</optgroup>");
            sb_puts(b, "</select>");
        }
    } else if (f->type == PK_FIELD_TEXT && v != NULL && strpbrk(v, "\r\n")) {
        /* a text of several lines, which a one-line field would join */
        sb_puts(b, "<textarea rows=\"3\" name=\"");
        sb_html(b, key);
        sb_puts(b, "\">");
        sb_html(b, v);
        sb_puts(b, "</textarea>");
    } else {
        /* A browser empties a date field whose value is no date: such a
         * value (a date typed 16/09/2024) is shown as text, to be put
         * right, not lost. */
        int date = f->type == PK_FIELD_DATE &&
                   (v == NULL || v[0] == '\0' || wb_date_ok(v));
        sb_printf(b, "<input type=\"%s\"%s name=\"", date ? "date" : "text",
                  f->type == PK_FIELD_INTEGER   ? " inputmode=\"numeric\""
                  : f->type == PK_FIELD_DECIMAL ? " inputmode=\"decimal\""
                                                : "");
        sb_html(b, key);
        sb_puts(b, "\" value=\"");
        sb_html(b, v != NULL ? v : "");
        sb_puts(b, "\">");
    }
    sb_puts(b, "</label>");
    blank_mark(p, key, v);
    if (f->help[0] != '\0' || f->citations[0] != '\0') {
        sb_puts(b, "<small class=\"help\">");
        sb_html(b, f->help);
        if (f->citations[0] != '\0') {
            sb_puts(b, " — ");
            sb_html(b, f->citations);
        }
        sb_puts(b, "</small>");
    }
    notes_for(p, key, f->path, first_row);
    sb_puts(b, "</div>\n");
}

/* A list with more rows than the page shows: the drafter is told, and
 * the rows past those shown are carried in hidden fields (kept()). */
static void rows_kept(page *p, const char *key, long shown, long have)
{
    cut *c;

    sb_puts(p->b, "<p class=\"limit\" role=\"note\">");
    if (p->l == 0)
        sb_printf(p->b,
                  "Danh sách này có %ld dòng; trang làm việc chỉ hiện %ld dòng "
                  "đầu (nhiều nhất 200 dòng mỗi danh sách, 1.000 dòng mỗi "
                  "trang). Các dòng từ %ld đến %ld vẫn được giữ nguyên: chúng "
                  "được kiểm tra và có trong tệp tải về, nhưng chỉ sửa được "
                  "trong tệp.",
                  have, shown, shown + 1, have);
    else
        sb_printf(p->b,
                  "This list has %ld rows; the workbench shows the first %ld "
                  "(at most 200 rows a list, 1,000 a page). Rows %ld to %ld "
                  "are kept as they are: they are checked and are in the "
                  "downloaded file, but can be changed only in the file.",
                  have, shown, shown + 1, have);
    sb_puts(p->b, "</p>");
    c = realloc(p->cuts, (p->ncuts + 1) * sizeof *c);
    if (c == NULL) {
        p->oom = 1;
        return;
    }
    p->cuts = c;
    snprintf(c[p->ncuts].key, sizeof c[p->ncuts].key, "%s", key);
    c[p->ncuts++].shown = shown;
}

/* Whether key is in a row of a list past those the page shows. */
static int in_cut_row(const page *p, const char *key)
{
    for (size_t i = 0; i < p->ncuts; i++) {
        size_t n = strlen(p->cuts[i].key);
        if (strncmp(key, p->cuts[i].key, n) == 0 && key[n] == '[' &&
            strtol(key + n + 1, NULL, 10) > p->cuts[i].shown)
            return 1;
    }
    return 0;
}

/* Whether value i of the page is carried in a hidden field: no field of
 * the page shows it, and it is the dossier's (or a blank's mark). */
static int carried(const page *p, size_t i)
{
    const char *key = p->vs->v[i].key;

    if (p->used[i])
        return 0;
    if (strncmp(key, "blank./", 7) == 0)
        key += 6;
    return wb_path_ok(key);
}

/* Whether value i is listed among those kept: carried, and not in a row
 * past those shown (the list says so itself). */
static int listed(const page *p, size_t i)
{
    return carried(p, i) && p->vs->v[i].key[0] == '/' &&
           !in_cut_row(p, p->vs->v[i].key);
}

/* The element a value's key is in: "/dossier/zones/zone[2]" for
 * "/dossier/zones/zone[2]/@area" and for "/dossier/zones/zone[2]". */
static size_t element_len(const char *key)
{
    const char *at = strstr(key, "/@");

    return at != NULL ? (size_t)(at - key) : strlen(key);
}

static int same_element(const page *p, size_t i, size_t j)
{
    size_t el = element_len(p->vs->v[i].key);

    return element_len(p->vs->v[j].key) == el &&
           strncmp(p->vs->v[i].key, p->vs->v[j].key, el) == 0;
}

/* What the values hold that no field of the page shows (what the form
 * does not offer, from the drafter's file or from the form of another
 * date, and the rows of a list past those shown) goes back with every
 * post in hidden fields, so that it is written into the dossier as it
 * was; what the form does not offer is listed, an element a line, so that
 * the drafter knows it is there. */
static void kept(page *p)
{
    size_t n = 0, i, j;

    for (i = 0; i < p->vs->n; i++)
        if (listed(p, i) &&
            !(i > 0 && listed(p, i - 1) && same_element(p, i, i - 1)))
            n++;
    if (n > 0) {
        sb_printf(p->b,
                  "<section class=\"kept\" id=\"kept\"><details%s><summary>",
                  n <= 12 ? " open" : "");
        if (p->l == 0)
            sb_printf(p->b, "Giữ nguyên như trong tệp (%zu mục)", n);
        else
            sb_printf(p->b, "Kept as in your file (%zu item%s)", n,
                      n == 1 ? "" : "s");
        sb_printf(p->b, "</summary><p class=\"help\">%s</p><ul>",
                  T(p,
                    "Biểu mẫu của loại hồ sơ này không có chỗ cho những giá "
                    "trị dưới đây và các quy định áp dụng cho nó không dùng "
                    "đến chúng; chúng được giữ nguyên khi kiểm tra và trong "
                    "tệp tải về.",
                    "This kind's form has no place for the values below and "
                    "its rules do not use them; they are kept as they are "
                    "when checking and in the downloaded file."));
        for (i = 0; i < p->vs->n; i = j) {
            size_t el = element_len(p->vs->v[i].key);
            const char *key = p->vs->v[i].key;
            if (!listed(p, i)) {
                j = i + 1;
                continue;
            }
            char elem[1100];
            snprintf(elem, sizeof elem, "%.*s", (int)el, key);
            sb_puts(p->b, "<li><code>");
            sb_html(p->b, strncmp(elem, "/dossier/", 9) == 0 ? elem + 9 : elem);
            sb_puts(p->b, "</code>");
            for (j = i; j < p->vs->n && listed(p, j) && same_element(p, i, j);
                 j++) {
                const kv *v = &p->vs->v[j];
                sb_puts(p->b, j == i ? ": " : "; ");
                if (v->key[el] == '/') {
                    sb_html(p->b, v->key + el + 2);
                    sb_puts(p->b, " = ");
                }
                sb_puts(p->b, "“");
                sb_html(p->b, v->value);
                sb_puts(p->b, "”");
                notes_for(p, v->key, "", 0);
            }
            sb_puts(p->b, "</li>");
        }
        sb_puts(p->b, "</ul></details>");
    }
    for (i = 0; i < p->vs->n; i++) {
        if (!carried(p, i))
            continue;
        sb_puts(p->b, "<input type=\"hidden\" name=\"");
        sb_html(p->b, p->vs->v[i].key);
        sb_puts(p->b, "\" value=\"");
        sb_html(p->b, p->vs->v[i].value);
        sb_puts(p->b, "\">");
    }
    if (n > 0)
        sb_puts(p->b, "</section>\n");
}

static size_t group_end(const pk_form *form, size_t i)
{
    const pk_field *g = pk_form_field(form, i);
    size_t j = i + 1;

    while (j < pk_form_field_count(form) &&
           pk_form_field(form, j)->depth > g->depth)
        j++;
    return j;
}

static void render(page *p, size_t from, size_t to, const char *abs_prefix,
                   const char *con_prefix, int first_row)
{
    size_t alen = strlen(abs_prefix);

    for (size_t i = from; i < to;) {
        const pk_field *f = pk_form_field(p->form, i);
        char key[1024];
        snprintf(key, sizeof key, "%s%s", con_prefix, f->path + alen);
        if (f->type == PK_FIELD_GROUP) {
            size_t j = group_end(p->form, i);
            char cnt[1100];
            const char *nv, *hv;
            long rows, have, room = WB_MAX_ROWS - p->rows_shown;
            snprintf(cnt, sizeof cnt, "n.%s", key);
            /* as many rows as asked for, and at least every row with a
             * value; past the limits, rows with values are kept unseen */
            nv = take(p, cnt);
            hv = wb_vals_get(p->rows, key);
            rows = nv != NULL ? strtol(nv, NULL, 10) : 1;
            have = hv != NULL ? strtol(hv, NULL, 10) : 0;
            if (rows < have)
                rows = have;
            if (rows < 1)
                rows = 1;
            if (rows > WB_MAX_LIST_ROWS)
                rows = WB_MAX_LIST_ROWS;
            if (rows > room)
                rows = room > 1 ? room : 1;
            p->rows_shown += rows;
            sb_printf(p->b, "<fieldset class=\"group\"><legend>");
            sb_html(p->b, f->label);
            sb_puts(p->b, "</legend>");
            if (f->help[0] != '\0') {
                sb_puts(p->b, "<small class=\"help\">");
                sb_html(p->b, f->help);
                sb_puts(p->b, " — ");
                sb_html(p->b, f->citations);
                sb_puts(p->b, "</small>");
            }
            if (have > rows)
                rows_kept(p, key, rows, have);
            else if (p->grow != NULL && strcmp(p->grow, key) == 0 &&
                     nv != NULL && strtol(nv, NULL, 10) > rows)
                sb_printf(p->b, "<p class=\"limit\" role=\"alert\">%s</p>",
                          T(p,
                            "Không thêm được dòng: trang làm việc hiện nhiều "
                            "nhất 200 dòng mỗi danh sách và 1.000 dòng mỗi "
                            "trang.",
                            "No row can be added: the workbench shows at most "
                            "200 rows a list and 1,000 rows a page."));
            notes_for(p, key, f->path, first_row);
            for (long r = 1; r <= rows; r++) {
                char row[1100];
                snprintf(row, sizeof row, "%s[%ld]", key, r);
                sb_printf(p->b,
                          "<div class=\"row\"><span class=\"rowno\">"
                          "%ld</span>",
                          r);
                notes_for(p, row, "", 0);
                render(p, i + 1, j, f->path, row, first_row && r == 1);
                sb_puts(p->b, "</div>");
            }
            sb_puts(p->b, "<input type=\"hidden\" name=\"");
            sb_html(p->b, cnt);
            sb_printf(p->b,
                      "\" value=\"%ld\"><button type=\"submit\" "
                      "name=\"action\" class=\"add\" value=\"add:",
                      rows);
            sb_html(p->b, key);
            sb_printf(p->b, "\">%s</button></fieldset>\n",
                      T(p, "Thêm dòng", "Add a row"));
            i = j;
        } else if (f->type == PK_FIELD_SECTION) {
            sb_printf(p->b, "<h%d class=\"section\">", f->depth < 2 ? 3 : 4);
            sb_html(p->b, f->label);
            sb_printf(p->b, "</h%d>", f->depth < 2 ? 3 : 4);
            notes_for(p, key, f->path, first_row);
            i++;
        } else {
            input(p, i, f, key, first_row);
            i++;
        }
    }
}

/* The report beside the form: what to fix first, then each problem
 * against its field. */
static void add_note(page *p, const char *key, const char *text, int sev)
{
    note *n;

    if (p->nnotes >= 512)
        return;
    n = &p->notes[p->nnotes++];
    snprintf(n->key, sizeof n->key, "%s", key);
    snprintf(n->text, sizeof n->text, "%s", text);
    n->severity = sev;
}

static void strip_preds(const char *loc, char *out, size_t size)
{
    wb_abstract_path(loc, out, size);
}

static void collect_notes(page *p, const pk_report *r, xnode *tree)
{
    for (size_t i = 0; i < pk_report_problem_count(r); i++) {
        const pk_error *e = pk_report_problem(r, i);
        char path[1024] = "";
        if (tree != NULL && tree->nkids > 0 &&
            wb_path_at(tree->kids[0], e->line, e->column, path, sizeof path,
                       0)) {
            char txt[600];
            snprintf(txt, sizeof txt, "%s",
                     pk_report_problem_text(r, i, p->lang));
            add_note(p, path, txt, pk_report_problem_is_warning(r, i) ? 3 : 0);
        }
    }
    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);
        pk_status st = pk_result_status(res);
        int sev;
        char txt[600];
        if (st == PK_STATUS_PASS || st == PK_STATUS_NOT_APPLICABLE)
            continue;
        sev = st == PK_STATUS_ERROR     ? 0
              : st == PK_STATUS_FAIL    ? 1
              : st == PK_STATUS_UNKNOWN ? 2
                                        : 3;
        snprintf(txt, sizeof txt, "%s (%s): %s", pk_result_title(res, p->lang),
                 pk_result_citation_text(res, p->lang),
                 pk_result_message(res, p->lang));
        {
            int placed = 0;
            for (size_t k = 0;
                 k < pk_result_missing_count(res) + pk_result_value_count(res);
                 k++) {
                const char *fid =
                    k < pk_result_missing_count(res)
                        ? pk_result_missing(res, k)
                        : pk_result_value(res, k - pk_result_missing_count(res))
                              ->id;
                const char *loc = pk_result_fact_location(res, fid);
                char abs[1024];
                int dup = 0;
                if (loc == NULL || loc[0] == '\0')
                    continue;
                strip_preds(loc, abs, sizeof abs);
                for (size_t q = 0; q < p->nnotes; q++)
                    if (strcmp(p->notes[q].key, abs) == 0 &&
                        strcmp(p->notes[q].text, txt) == 0)
                        dup = 1;
                if (!dup)
                    add_note(p, abs, txt, sev);
                placed = 1;
            }
            (void)placed;
        }
    }
}

static void summary(page *p, const pk_report *r)
{
    pk_verdict v = pk_report_verdict(r);
    srv_buf *b = p->b;
    int n = 0;
    char key[64];
    const char *word;

    /* the regime's plain word for the verdict (its format description's
     * "verdict-plain:NAME"), or the verdict's name for want of one */
    snprintf(key, sizeof key, "verdict-plain:%s", pk_verdict_name(v));
    word = pk_engine_word(p->cfg->engine, key, p->lang);
    if (word == NULL)
        word = pk_verdict_name(v) != NULL ? pk_verdict_name(v) : "";

    sb_printf(b,
              "<section class=\"summary\" id=\"summary\"><h2>%s: <span "
              "class=\"verdict\" data-verdict=\"%s\">",
              T(p, "Kết quả", "Result"), pk_verdict_name(v));
    sb_html(b, word);
    sb_puts(b, "</span></h2>");
    sb_printf(b, "<h3>%s</h3><ol class=\"fixfirst\">",
              T(p, "Cần sửa trước", "Fix first"));
    for (int sev = 0; sev <= 2; sev++)
        for (size_t i = 0; i < p->nnotes; i++) {
            int seen = 0;
            if (p->notes[i].severity != sev)
                continue;
            for (size_t j = 0; j < i; j++)
                if (strcmp(p->notes[j].text, p->notes[i].text) == 0)
                    seen = 1;
            if (seen)
                continue;
            sb_puts(b, "<li>");
            sb_html(b, p->notes[i].text);
            sb_puts(b, "</li>");
            n++;
        }
    for (size_t i = 0; i < pk_report_problem_count(r); i++) {
        int placed = 0;
        for (size_t j = 0; j < p->nnotes; j++)
            if (strcmp(p->notes[j].text,
                       pk_report_problem_text(r, i, p->lang)) == 0)
                placed = 1;
        if (!placed && !pk_report_problem_is_warning(r, i)) {
            sb_puts(b, "<li>");
            sb_html(b, pk_report_problem_text(r, i, p->lang));
            sb_puts(b, "</li>");
            n++;
        }
    }
    if (n == 0)
        sb_printf(b, "<li>%s</li>",
                  T(p, "Không có gì cần sửa.", "Nothing to fix."));
    sb_puts(b, "</ol></section>\n");
}

static void form_page(page *p, srv_response *resp, const pk_report *report,
                      int status)
{
    srv_buf *b = p->b;

    start_page(p);
    if (p->alert != NULL) {
        sb_printf(b, "<section class=\"refused\" role=\"alert\"><p>");
        sb_html(b, p->alert);
        sb_puts(b, "</p></section>\n");
    }
    /* The report's place: the script puts a fresh one here as the
     * drafter types. */
    sb_puts(b, "<div id=\"live\">");
    if (report != NULL)
        summary(p, report);
    sb_puts(b, "</div>");
    sb_printf(b, "<h2>%s: ", T(p, "Hồ sơ", "Dossier"));
    sb_html(b, pk_form_kind_label(p->form));
    sb_printf(b, "</h2><p class=\"help\">%s ",
              T(p, "Quy định áp dụng:", "Rules applied:"));
    sb_html(b, pk_form_pack_id(p->form));
    sb_puts(b, " ");
    sb_html(b, pk_form_pack_version(p->form));
    sb_printf(b, ". %s</p>",
              T(p,
                "Điều gì chưa biết thì để trống (“chưa biết”); danh sách "
                "không có mục nào thì đánh dấu “Không có”.",
                "Leave blank what is not known yet; tick “None” for a list "
                "that has no items."));
    sb_printf(b, "<form method=\"post\" action=\"/form?lang=%s&amp;kind=",
              p->l ? "en" : "vi");
    sb_html(b, pk_form_kind(p->form));
    sb_puts(b, "&amp;date=");
    sb_html(b, pk_form_date(p->form));
    sb_puts(b, "\" id=\"dossier-form\">\n");
    render(p, 0, pk_form_field_count(p->form), "", "", 1);
    kept(p);
    sb_printf(b,
              "<div class=\"actions\"><button type=\"submit\" "
              "name=\"action\" value=\"check\" id=\"check\">%s</button> "
              "<button type=\"submit\" name=\"action\" value=\"download\" "
              "id=\"download\">%s</button> <button type=\"submit\" "
              "name=\"action\" value=\"print\" id=\"print\">%s</button>"
              "</div></form>\n",
              T(p, "Kiểm tra", "Check"),
              T(p, "Tải hồ sơ (XML)", "Download the dossier (XML)"),
              T(p, "Bản in báo cáo", "Printable report"));
    sb_puts(b, "<script src=\"/workbench.js\" defer></script>\n");
    end_page(p);
    resp->status = p->oom || b->failed ? 503 : status;
    resp->content_type = "text/html; charset=utf-8";
    resp->csp = SRV_CSP_PAGE;
}

/* "Thêm dòng": one row more than the list has, shown or not. */
static void bump_rows(values *vs, const values *rows, const char *key)
{
    char cnt[1100], num[24];
    const char *have = wb_vals_get(rows, key);
    long n, at;

    snprintf(cnt, sizeof cnt, "n.%s", key);
    at = wb_vals_find(vs, cnt);
    n = at >= 0 ? strtol(vs->v[at].value, NULL, 10) : 1;
    if (have != NULL && strtol(have, NULL, 10) > n)
        n = strtol(have, NULL, 10);
    if (n < 1)
        n = 1;
    if (n > 1000000)
        n = 1000000;
    snprintf(num, sizeof num, "%ld", n + 1);
    if (at < 0) {
        wb_vals_add(vs, cnt, strlen(cnt), num, strlen(num));
    } else {
        char *d = strdup(num);
        if (d == NULL) {
            vs->oom = 1;
            return;
        }
        free(vs->v[at].value);
        vs->v[at].value = d;
    }
}

/* Why a form cannot be made for kind on date: rc from pk_form_new(), in
 * the drafter's words; NULL when it is not the date (an unknown kind, out
 * of memory). */
static const char *date_problem(const srv_config *cfg, pk_lang lang,
                                const char *kind, const char *date, int rc,
                                char *buf, size_t size)
{
    pk_form *any = NULL;
    pk_error err;
    char like[40], s1[2], s2[2], tail;
    unsigned d, m, y;
    int vi = lang == PK_LANG_VI;

    if (rc == PK_ENOMEM)
        return NULL;
    /* a kind that has no form on any day is not the date's fault */
    if (pk_form_new(&any, cfg->engine, kind, NULL, lang, &err) != PK_OK &&
        err.code != PK_ENOPACK)
        return NULL;
    pk_form_free(any);
    if (rc == PK_ENOPACK) {
        snprintf(buf, size,
                 vi ? "Không có quy định nào áp dụng vào ngày %.40s."
                    : "No rules are in force on %.40s.",
                 date);
        return buf;
    }
    if (strlen(date) == 10 && date[4] == '-' && date[7] == '-' &&
        strspn(date, "0123456789-") == 10) {
        snprintf(buf, size,
                 vi ? "“%s” không phải ngày có thật: tháng từ 1 đến 12, ngày "
                      "không quá số ngày của tháng."
                    : "“%s” is not a day of the calendar: the month is 1 to "
                      "12, the day no more than the month has.",
                 date);
        return buf;
    }
    /* a date written day first, as it is in Vietnamese, is shown the
     * way it is to be written */
    if (sscanf(date, "%2u%1[/.-]%2u%1[/.-]%4u%c", &d, s1, &m, s2, &y, &tail) ==
            5 &&
        y >= 1000)
        snprintf(like, sizeof like, "%04u-%02u-%02u", y, m, d);
    else
        snprintf(like, sizeof like, "2024-09-16");
    snprintf(buf, size,
             vi ? "Ngày “%.40s” không đọc được: ngày ghi theo dạng "
                  "năm-tháng-ngày (YYYY-MM-DD), ví dụ %s."
                : "The date “%.40s” cannot be read: a date is written "
                  "year-month-day (YYYY-MM-DD), e.g. %s.",
             date, like);
    return buf;
}

/* The dossier the values make with form: its tree, and its XML into xml.
 * 0; -1 out of memory; -2 past WB_MAX_KIDS elements in one. */
static int write_dossier(const pk_form *form, const values *vs, xnode **tree,
                         srv_buf *xml)
{
    unsigned line = 2;
    int rc = wb_build_tree(tree, form, vs);

    if (rc != 0)
        return rc;
    sb_puts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if ((*tree)->nkids > 0)
        wb_write_node(xml, (*tree)->kids[0], 0, &line, 1);
    return xml->failed ? -1 : 0;
}

/* Values posted from the form from, taken over to the form to: the
 * dossier from makes of them (what was filled and what was carried) is
 * read back with to, as a file opened is, and the page's own fields (the
 * button pressed) come along. What from would not write (a unit beside no
 * figure, a row left empty) is no data, and goes. 0, -1 or -2 as
 * write_dossier(). */
static int carry_over(values *out, const values *in, const pk_form *from,
                      const pk_form *to)
{
    values mid;
    xnode *tree = NULL;
    srv_buf xml = {0};
    int rc;

    memset(&mid, 0, sizeof mid);
    rc = wb_canonical(&mid, in, from);
    if (rc == 0 && mid.toomany)
        rc = -2;
    if (rc == 0)
        rc = write_dossier(from, &mid, &tree, &xml);
    if (rc == 0 && wb_read_dossier(out, to, xml.data, xml.len) != 0)
        rc = -1;
    if (rc == 0 && out->toomany)
        rc = -2;
    for (size_t i = 0; rc == 0 && i < in->n; i++) {
        const kv *v = &in->v[i];
        long at;
        if (v->key[0] != '/' && strncmp(v->key, "n./", 3) != 0 &&
            strncmp(v->key, "blank./", 7) != 0)
            wb_vals_add(out, v->key, strlen(v->key), v->value,
                        strlen(v->value));
        else if (v->cleaned && (at = wb_vals_find(out, v->key)) >= 0)
            out->v[at].cleaned = 1;
    }
    if (rc == 0 && out->oom)
        rc = -1;
    wb_xnode_free(tree);
    sb_free(&xml);
    wb_vals_free(&mid);
    return rc;
}

void wb_handle(const srv_config *cfg, const srv_request *req, pk_lang lang,
               srv_response *resp)
{
    char kind[64], qdate[128], why[PK_ERROR_TEXT_MAX * 2 + 64], dnote[600],
        dtext[400];
    const char *k, *qd, *sd, *dp;
    values raw, vs, rows;
    pk_form *form = NULL, *page_form = NULL;
    pk_error err;
    page p;
    xnode *tree = NULL;
    srv_buf xml = {0};
    pk_report *report = NULL;
    int rc, cleaned = 0, is_open = strcmp(req->path, "/open") == 0,
            is_post = strcmp(req->method, "POST") == 0;
    char *open_data = NULL;
    size_t open_len = 0;

    memset(&raw, 0, sizeof raw);
    memset(&vs, 0, sizeof vs);
    memset(&rows, 0, sizeof rows);
    memset(&p, 0, sizeof p);
    dnote[0] = '\0';
    if (strcmp(req->path, "/") == 0) {
        if (strcmp(req->method, "GET") != 0 &&
            strcmp(req->method, "HEAD") != 0) {
            resp->allow = "GET, HEAD";
            srv_error(resp, 405, "method-not-allowed", "GET only");
            return;
        }
        home(cfg, lang, resp, 200, NULL, NULL, NULL);
        return;
    }
    if (strcmp(req->path, "/form") != 0 && !is_open) {
        srv_error(resp, 404, "not-found", "no such page");
        return;
    }
    if (is_post) {
        if (is_open) {
            /* The file chosen in the form; or, from a page without file
             * upload, the dossier's text in a field. */
            values tmp;
            const char *part =
                wb_multipart_part(req->content_type, req->body, req->body_len,
                                  "dossier", &open_len);
            memset(&tmp, 0, sizeof tmp);
            if (part == NULL) {
                wb_parse_urlencoded(&tmp, req->body, req->body_len);
                part = wb_vals_get(&tmp, "dossier");
                open_len = part != NULL ? strlen(part) : 0;
            }
            open_data = part != NULL ? malloc(open_len + 1) : NULL;
            if (open_data != NULL) {
                memcpy(open_data, part, open_len);
                open_data[open_len] = '\0';
            }
            wb_vals_free(&tmp);
            if (open_data == NULL)
                goto unreadable;
            switch (wb_reader_refuses(cfg, lang, open_data, open_len, why,
                                      sizeof why)) {
            case 0:
                break;
            case 1:
                goto refused;
            default:
                goto oom;
            }
            /* first its kind and date, which choose the form */
            if (wb_read_dossier(&raw, NULL, open_data, open_len) != 0)
                goto unreadable;
        } else {
            wb_parse_urlencoded(&raw, req->body, req->body_len);
        }
    } else if (strcmp(req->method, "GET") != 0 &&
               strcmp(req->method, "HEAD") != 0) {
        resp->allow = "GET, HEAD, POST";
        srv_error(resp, 405, "method-not-allowed", "GET or POST");
        return;
    }
    if (raw.oom)
        goto oom;
    if (raw.toomany)
        goto too_large;
    k = srv_query(req->query, "kind", kind, sizeof kind);
    if (is_open || k == NULL)
        k = wb_vals_get(&raw, "/dossier/@kind");
    qd = srv_query(req->query, "date", qdate, sizeof qdate);
    if (qd != NULL && qd[0] == '\0')
        qd = NULL;
    sd = wb_vals_get(&raw, "/dossier/@submitted");
    if (sd != NULL && sd[0] == '\0')
        sd = NULL;
    if (k == NULL && is_open)
        goto no_kind;
    if (k == NULL) {
        srv_error(resp, 400, "missing-kind", "choose the kind of dossier");
        goto out;
    }
    /* The form is the rules' of the submission date. A date no form can
     * be made for is said beside the date field, and the form stays that
     * of the page it was posted from (of today, for a file opened): never
     * another regime's unsaid. A date in the address no form can be made
     * for is said on the start page. */
    if (!is_open) {
        rc = pk_form_new(&page_form, cfg->engine, k, qd, lang, &err);
        if (rc != PK_OK) {
            dp = date_problem(cfg, lang, k, qd, rc, dtext, sizeof dtext);
            if (dp == NULL)
                goto bad_form;
            if (sd == NULL) {
                home(cfg, lang, resp, rc == PK_ENOPACK ? 422 : 400,
                     lang == PK_LANG_VI ? "Không lập được hồ sơ cho ngày này"
                                        : "No form for this date",
                     dp, k);
                goto out;
            }
        }
    }
    if (sd == NULL) {
        form = page_form;
        page_form = NULL;
    } else if ((rc = pk_form_new(&form, cfg->engine, k, sd, lang, &err)) !=
               PK_OK) {
        int stays = page_form != NULL;
        dp = date_problem(cfg, lang, k, sd, rc, dtext, sizeof dtext);
        if (dp == NULL)
            goto bad_form;
        form = page_form;
        page_form = NULL;
        if (form == NULL && (rc = pk_form_new(&form, cfg->engine, k, NULL, lang,
                                              &err)) != PK_OK)
            goto bad_form;
        snprintf(dnote, sizeof dnote,
                 lang == PK_LANG_VI
                     ? (stays ? "%s Biểu mẫu vẫn theo quy định áp dụng ngày "
                                "%s."
                              : "%s Biểu mẫu theo quy định áp dụng hôm nay, "
                                "ngày %s.")
                     : (stays ? "%s The form stays that of the rules in force "
                                "on %s."
                              : "%s The form is that of the rules in force "
                                "today, %s."),
                 dp, pk_form_date(form));
    } else if (page_form != NULL &&
               strcmp(pk_form_pack_id(page_form), pk_form_pack_id(form)) == 0) {
        /* the same rules: the same fields */
        pk_form_free(page_form);
        page_form = NULL;
    }
    /* a file opened that gives no date: today's */
    if (form == NULL &&
        (rc = pk_form_new(&form, cfg->engine, k, NULL, lang, &err)) != PK_OK)
        goto bad_form;
    if (is_open) {
        /* again, with the form, which says which elements are rows */
        wb_vals_free(&raw);
        memset(&raw, 0, sizeof raw);
        if (wb_read_dossier(&raw, form, open_data, open_len) != 0 || raw.oom)
            goto unreadable;
        if (raw.toomany)
            goto too_large;
    }
    /* Posted from the form of other rules, the values are taken over to
     * this form's; and what a file held that this form does not show is
     * marked so as to be kept. */
    switch (page_form != NULL ? carry_over(&vs, &raw, page_form, form)
                              : wb_canonical(&vs, &raw, form)) {
    case 0:
        break;
    case -2:
        goto too_large;
    default:
        goto oom;
    }
    if (is_open || page_form != NULL)
        wb_blank_marks(&vs, form);
    if (vs.toomany)
        goto too_large;
    wb_row_counts(&rows, &vs);
    if (rows.oom)
        goto oom;
    p.cfg = cfg;
    p.lang = lang;
    p.l = lang == PK_LANG_VI ? 0 : 1;
    p.b = &resp->body;
    p.form = form;
    p.vs = &vs;
    p.rows = &rows;
    p.fresh = !is_post;
    p.notes = calloc(512, sizeof *p.notes);
    p.used = calloc(vs.n + 1, 1);
    if (p.notes == NULL || p.used == NULL)
        goto oom;
    if (dnote[0] != '\0')
        add_note(&p, "/dossier/@submitted", dnote, 0);
    for (size_t i = 0; i < vs.n; i++)
        if (vs.v[i].cleaned) {
            cleaned = 1;
            add_note(&p, vs.v[i].key,
                     T(&p,
                       "Đã bỏ khỏi giá trị này những ký tự không thể có trong "
                       "hồ sơ (ký tự điều khiển, byte không phải UTF-8): hãy "
                       "xem lại.",
                       "Characters a dossier cannot hold (control characters, "
                       "bytes that are not UTF-8) were taken out of this "
                       "value: look it over."),
                     0);
        }
    {
        char act[1024];
        const char *a = wb_vals_get(&vs, "action");
        snprintf(act, sizeof act, "%s", a != NULL ? a : "");
        if (strncmp(act, "add:", 4) == 0) {
            bump_rows(&vs, &rows, act + 4);
            if (vs.oom)
                goto oom;
            /* the count may be new: the page's marks follow the values */
            free(p.used);
            p.used = calloc(vs.n + 1, 1);
            if (p.used == NULL)
                goto oom;
            p.grow = act + 4;
            form_page(&p, resp, NULL, 200);
            goto out;
        }
        if (is_open || !is_post) {
            form_page(&p, resp, NULL, 200);
            goto out;
        }
        /* A file is written only from values as they were typed: one
         * that had characters taken out goes back to the drafter first. */
        if (cleaned &&
            (strcmp(act, "download") == 0 || strcmp(act, "print") == 0)) {
            p.alert = T(&p,
                        "Chưa tải được: có giá trị chứa ký tự không thể có "
                        "trong hồ sơ, nay đã được bỏ đi (xem ghi chú bên "
                        "cạnh ô). Hãy xem lại rồi bấm lại nút.",
                        "Nothing was downloaded: some values held characters "
                        "a dossier cannot hold, now taken out (see the note "
                        "beside the field). Look them over and press the "
                        "button again.");
            form_page(&p, resp, NULL, 400);
            goto out;
        }
        switch (write_dossier(form, &vs, &tree, &xml)) {
        case 0:
            break;
        case -2:
            goto too_large;
        default:
            goto oom;
        }
        if (strcmp(act, "download") == 0) {
            /* never a file the checker would refuse */
            switch (wb_reader_refuses(cfg, lang, xml.data, xml.len, why,
                                      sizeof why)) {
            case 0:
                break;
            case 1:
                p.alert = why;
                form_page(&p, resp, NULL, 500);
                goto out;
            default:
                goto oom;
            }
            resp->status = 200;
            resp->content_type = "application/xml; charset=utf-8";
            resp->csp = SRV_CSP_API;
            snprintf(resp->disposition, sizeof resp->disposition,
                     "attachment; filename=\"ho-so-%s.xml\"",
                     pk_form_kind(form));
            sb_put(&resp->body, xml.data, xml.len);
            goto out;
        }
        if (strcmp(act, "print") == 0) {
            if (srv_check(cfg, xml.data, xml.len, NULL, NULL, lang,
                          PK_FORMAT_HTML, resp, NULL) == 0) {
                resp->content_type = "text/html; charset=utf-8";
                resp->csp = SRV_CSP_REPORT;
            }
            goto out;
        }
        {
            srv_response scratch;
            memset(&scratch, 0, sizeof scratch);
            if (srv_check(cfg, xml.data, xml.len, NULL, NULL, lang,
                          PK_FORMAT_JSON, &scratch, &report) != 0) {
                sb_free(&resp->body);
                *resp = scratch;
                goto out;
            }
            sb_free(&scratch.body);
        }
        collect_notes(&p, report, tree);
        form_page(&p, resp, report, 200);
    }
    goto out;
unreadable:
    refuse_file(cfg, lang, resp,
                lang == PK_LANG_VI
                    ? "Không đọc được tệp này như một hồ sơ XML: chọn đúng tệp "
                      "hồ sơ (.xml) đã lưu từ trang này hoặc từ parkcheck."
                    : "This file cannot be read as an XML dossier: choose the "
                      "dossier file (.xml) saved from this page or parkcheck.");
    goto out;
refused:
    refuse_file(cfg, lang, resp, why);
    goto out;
too_large:
    home(cfg, lang, resp, 413,
         lang == PK_LANG_VI ? "Hồ sơ quá lớn cho trang làm việc"
                            : "Too large for the workbench",
         lang == PK_LANG_VI
             ? "Hồ sơ này lớn hơn những gì trang làm việc mang được (nhiều "
               "nhất 65.536 giá trị, và 4.096 phần tử trong một phần tử); "
               "không có gì bị thay đổi. Hãy kiểm tra tệp bằng lệnh "
               "parkcheck check."
             : "This dossier is larger than the workbench can carry (at most "
               "65,536 values, and 4,096 elements in one element); nothing "
               "was changed. Check the file with parkcheck check.",
         NULL);
    goto out;
bad_form:
    if (is_open && rc == PK_EINVAL)
        goto no_kind;
    srv_error(resp, rc == PK_ENOMEM ? 503 : 400, "bad-form", err.message);
    goto out;
no_kind:
    /* a file the checker reads, but whose kind chooses no form */
    {
        srv_buf kinds = {0};
        for (size_t i = 0; i < pk_engine_kind_count(cfg->engine); i++) {
            const char *label,
                *name = pk_engine_kind(cfg->engine, i, &label, lang);
            sb_printf(&kinds, "%s%s (%s)", i > 0 ? ", " : "", name, label);
        }
        if (k == NULL)
            snprintf(why, sizeof why,
                     lang == PK_LANG_VI
                         ? "Tệp này không ghi loại hồ sơ (thuộc tính kind "
                           "của <dossier>), nên không biết lập biểu mẫu "
                           "nào. Hãy ghi một trong các loại: %s, rồi mở lại."
                         : "This file does not give the kind of dossier (the "
                           "kind attribute of <dossier>), so no form can be "
                           "chosen. Write one of the kinds: %s, and open it "
                           "again.",
                     kinds.data != NULL ? kinds.data : "");
        else
            snprintf(why, sizeof why,
                     lang == PK_LANG_VI
                         ? "Tệp này ghi loại hồ sơ “%.60s”, không phải loại "
                           "nào đã biết. Hãy ghi một trong các loại: %s, rồi "
                           "mở lại."
                         : "This file gives the kind of dossier “%.60s”, "
                           "which is none of the kinds known. Write one of "
                           "them: %s, and open it again.",
                     k, kinds.data != NULL ? kinds.data : "");
        sb_free(&kinds);
        refuse_file(cfg, lang, resp, why);
    }
    goto out;
oom:
    srv_error(resp, 503, "out-of-memory", "out of memory");
out:
    free(open_data);
    free(p.notes);
    free(p.used);
    free(p.cuts);
    pk_report_free(report);
    wb_xnode_free(tree);
    sb_free(&xml);
    pk_form_free(form);
    pk_form_free(page_form);
    wb_vals_free(&raw);
    wb_vals_free(&vs);
    wb_vals_free(&rows);
}
