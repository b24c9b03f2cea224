/* The workbench's pages: the start page (with why a file or a date was
 * refused), and the form's page with the report beside it: what to fix
 * first, and the notes each field shows (wb_fields.c writes the fields). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

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

void wb_home(const srv_config *cfg, pk_lang lang, srv_response *resp,
             int status, const char *title, const char *why, const char *kind)
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

void wb_refuse_file(const srv_config *cfg, pk_lang lang, srv_response *resp,
                    const char *why)
{
    wb_home(cfg, lang, resp, 400,
            lang == PK_LANG_VI ? "Không mở được tệp này"
                               : "This file cannot be opened",
            why, NULL);
}

/* The report beside the form: what to fix first, then each problem
 * against its field. */
void wb_add_note(page *p, const char *key, const char *text, int sev)
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

void wb_collect_notes(page *p, const pk_report *r, xnode *tree)
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
            wb_add_note(p, path, txt,
                        pk_report_problem_is_warning(r, i) ? 3 : 0);
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
                    wb_add_note(p, abs, txt, sev);
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

void wb_form_page(page *p, srv_response *resp, const pk_report *report,
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
    wb_render(p, 0, pk_form_field_count(p->form), "", "", 1);
    wb_kept(p);
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
