/* The workbench's form fields, made from pk_form and the values: inputs
 * and choices, a list's rows, and in hidden fields whatever the values
 * hold that no field shows, listed for the drafter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

/* Rows on one page, all groups together, and in one list: a posted row
 * count cannot make the answer grow without bound (200 documents of 200
 * parts each). Rows past them are not shown but kept. */
#define WB_MAX_ROWS 1000
#define WB_MAX_LIST_ROWS 200

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

/* The box of a blank the file has, named mark, ticked while m is "1". */
static void blank_box(page *p, const char *mark, const char *m, const char *vi,
                      const char *en)
{
    sb_puts(p->b, "<label class=\"blank\"><input type=\"checkbox\" "
                  "value=\"1\" name=\"");
    sb_html(p->b, mark);
    sb_printf(p->b, "\"%s> %s</label>", strcmp(m, "1") == 0 ? " checked" : "",
              T(p, vi, en));
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
    blank_box(p, mark, m,
              "để trống như trong tệp (chưa điền xong); bỏ đánh dấu thì "
              "bỏ ô này khỏi hồ sơ",
              "left blank as in the file (not finished); untick to leave "
              "it out of the dossier");
}

/* A row the drafter's file has with nothing in it (unfinished, for the
 * checker): a box, ticked, keeps it in the dossier while it is empty. */
static void empty_row(page *p, const char *row)
{
    char mark[1110];
    const char *m;

    snprintf(mark, sizeof mark, "blank.%s", row);
    m = take(p, mark);
    if (m == NULL)
        return;
    blank_box(p, mark, m,
              "dòng này có trong tệp mà để trống (chưa điền xong); bỏ "
              "đánh dấu thì dòng trống được bỏ khỏi hồ sơ",
              "this row is in the file with nothing in it (not finished); "
              "untick to leave it out of the dossier while it is empty");
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
 * the rows past those shown are carried in hidden fields (wb_kept()). */
static void rows_kept(page *p, const char *key, long shown, long have)
{
    cut_list *c;

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
void wb_kept(page *p)
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

void wb_render(page *p, size_t from, size_t to, const char *abs_prefix,
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
                empty_row(p, row);
                notes_for(p, row, "", 0);
                wb_render(p, i + 1, j, f->path, row, first_row && r == 1);
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
