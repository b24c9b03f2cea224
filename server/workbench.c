/* The drafter's workbench: the request handler. A form's post, a file
 * opened or a new form's address in, a page or a file out, with the
 * values kept as the drafter gave them whatever form shows them. Nothing
 * is kept between requests: the page carries the whole dossier. The
 * pages are wb_page.c's and their fields wb_fields.c's, the posted values
 * wb_values.c's, the dossier's XML wb_dossier.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

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
 * the drafter's words; NULL when it is not the date (no date, an unknown
 * kind, out of memory). */
static const char *date_problem(const srv_config *cfg, pk_lang lang,
                                const char *kind, const char *date, int rc,
                                char *buf, size_t size)
{
    pk_form *any = NULL;
    pk_error err;
    char like[40], s1[2], s2[2], tail, q[48];
    unsigned d, m, y;
    int vi = lang == PK_LANG_VI;

    /* no date (today's form): whatever went wrong, it is not a date */
    if (rc == PK_ENOMEM || date == NULL)
        return NULL;
    wb_quote(q, sizeof q, date);
    /* a kind that has no form on any day is not the date's fault */
    if (pk_form_new(&any, cfg->engine, kind, NULL, lang, &err) != PK_OK &&
        err.code != PK_ENOPACK)
        return NULL;
    pk_form_free(any);
    if (rc == PK_ENOPACK) {
        snprintf(buf, size,
                 vi ? "Không có quy định nào áp dụng vào ngày %s."
                    : "No rules are in force on %s.",
                 q);
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
             vi ? "Ngày “%s” không đọc được: ngày ghi theo dạng "
                  "năm-tháng-ngày (YYYY-MM-DD), ví dụ %s."
                : "The date “%s” cannot be read: a date is written "
                  "year-month-day (YYYY-MM-DD), e.g. %s.",
             q, like);
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
        wb_home(cfg, lang, resp, 200, NULL, NULL, NULL);
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
        /* the start page, where the kind is chosen */
        wb_home(cfg, lang, resp, 400,
                lang == PK_LANG_VI ? "Chưa chọn loại hồ sơ"
                                   : "No kind of dossier chosen",
                lang == PK_LANG_VI
                    ? "Hãy chọn loại hồ sơ và ngày nộp, rồi bấm Lập hồ sơ."
                    : "Choose the kind of dossier and the submission date, "
                      "then press Start.",
                NULL);
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
                wb_home(cfg, lang, resp, rc == PK_ENOPACK ? 422 : 400,
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
        wb_add_note(&p, "/dossier/@submitted", dnote, 0);
    for (size_t i = 0; i < vs.n; i++)
        if (vs.v[i].cleaned) {
            cleaned = 1;
            wb_add_note(
                &p, vs.v[i].key,
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
            wb_form_page(&p, resp, NULL, 200);
            goto out;
        }
        if (is_open || !is_post) {
            wb_form_page(&p, resp, NULL, 200);
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
            wb_form_page(&p, resp, NULL, 400);
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
                wb_form_page(&p, resp, NULL, 500);
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
        wb_collect_notes(&p, report, tree);
        wb_form_page(&p, resp, report, 200);
    }
    goto out;
unreadable:
    wb_refuse_file(
        cfg, lang, resp,
        lang == PK_LANG_VI
            ? "Không đọc được tệp này như một hồ sơ XML: chọn đúng tệp "
              "hồ sơ (.xml) đã lưu từ trang này hoặc từ parkcheck."
            : "This file cannot be read as an XML dossier: choose the "
              "dossier file (.xml) saved from this page or parkcheck.");
    goto out;
refused:
    wb_refuse_file(cfg, lang, resp, why);
    goto out;
too_large:
    wb_home(
        cfg, lang, resp, 413,
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
    if (rc == PK_ENOMEM)
        goto oom;
    /* an unknown kind in the address: the start page, which lists the
     * kinds, says so */
    if (rc == PK_EINVAL) {
        char q[64];
        wb_quote(q, sizeof q, k);
        snprintf(why, sizeof why,
                 lang == PK_LANG_VI
                     ? "Không có loại hồ sơ “%s”: hãy chọn một trong các "
                       "loại dưới đây."
                     : "There is no kind of dossier “%s”: choose one of the "
                       "kinds below.",
                 q);
    } else {
        pk_error_text(&err, lang, why, sizeof why);
    }
    wb_home(cfg, lang, resp, 400,
            lang == PK_LANG_VI ? "Không lập được biểu mẫu"
                               : "The form cannot be made",
            why, NULL);
    goto out;
no_kind:
    /* a file the checker reads, but whose kind chooses no form */
    {
        srv_buf kinds = {0};
        char q[64];
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
        else {
            wb_quote(q, sizeof q, k);
            snprintf(why, sizeof why,
                     lang == PK_LANG_VI
                         ? "Tệp này ghi loại hồ sơ “%s”, không phải loại "
                           "nào đã biết. Hãy ghi một trong các loại: %s, rồi "
                           "mở lại."
                         : "This file gives the kind of dossier “%s”, "
                           "which is none of the kinds known. Write one of "
                           "them: %s, and open it again.",
                     q, kinds.data != NULL ? kinds.data : "");
        }
        sb_free(&kinds);
        wb_refuse_file(cfg, lang, resp, why);
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
