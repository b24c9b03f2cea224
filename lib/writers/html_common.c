/*
 * html_common.c - what every part of the HTML page says the same way:
 * its words in both languages with the regime's in their place, the
 * marks and class names of the statuses, an article's heading. Kept in a
 * file of their own, which calls into no other file of the page, so that
 * the frame (html.c), the scorecard and the checklist all lean on them
 * and none of those three depends on another in a circle.
 */
#include "html.h"

static const labels labels_vi = {
    "Báo cáo kiểm tra hồ sơ",
    {NULL},
    {NULL},
    {NULL},
    {NULL}, /* the regime's (pk_html_labels_for()) */
    "chưa rõ",
    "Tệp",
    "Tên",
    "Địa phương",
    "Loại hồ sơ",
    "Áp dụng quy định tại ngày",
    "Bộ quy tắc",
    "không có bộ quy tắc nào có hiệu lực",
    "Kết luận",
    "Điểm",
    "Lưu ý",
    "(hồ sơ không nêu tên)",
    "Hồ sơ không kiểm tra được: xem lỗi đầu vào bên dưới.",
    "Bảng điểm theo điều",
    "Các quy tắc bắt buộc được áp dụng; mỗi ô là một quy tắc:",
    {NULL}, /* the regime's (pk_html_labels_for()) */
    NULL,   /* the regime's (pk_html_labels_for()) */
    "Quy tắc",
    "Từng quy tắc",
    "Đạt",
    "Không đạt",
    "Chưa rõ",
    "Lỗi",
    "Tiêu chí, điều kiện",
    "Khác",
    "đạt",
    "đã có",
    "khuyến nghị",
    "Giá trị đọc được",
    "Giá trị",
    "Yêu cầu",
    "Còn thiếu",
    NULL, /* the regime's (pk_html_labels_for()) */
    "tính từ các số liệu khác",
    "Giá trị không hợp lệ",
    "Hồ sơ còn thiếu",
    "không thiếu mục bắt buộc nào",
    "mục bắt buộc",
    "mục bắt buộc",
    "Lỗi đầu vào",
    "Cần sửa trước, vì tiêu chí nào đọc giá trị lỗi thì chưa đánh giá được.",
    "Vị trí",
    "Loại",
    "Nội dung",
    "Dòng",
    "cột",
    "phiên bản",
    "lỗi",
    "cảnh báo",
    "Tổng hợp",
    "hồ sơ",
    "STT",
    "↑ Tổng hợp",
    "Không có hồ sơ nào được kiểm tra.",
    "Lập bằng parkcheck",
    "Cần xin ý kiến cơ quan có thẩm quyền về cách hiểu",
    "Các cách hiểu quy định",
    "Lời văn để ngỏ",
};

static const labels labels_en = {
    "Dossier check report",
    {NULL},
    {NULL},
    {NULL},
    {NULL},
    "not stated",
    "File",
    "Name",
    "Place",
    "Kind",
    "Rules as of",
    "Rule pack",
    "no rule pack in force",
    "Verdict",
    "Score",
    "Notice",
    "(the dossier gives no name)",
    "The dossier could not be checked: see the input problems below.",
    "Scorecard by article",
    "Mandatory rules that apply; one box per rule:",
    {NULL}, /* the regime's (pk_html_labels_for()) */
    NULL,   /* the regime's (pk_html_labels_for()) */
    "Rules",
    "Each rule",
    "Passed",
    "Failed",
    "Unknown",
    "Error",
    "Criteria and conditions",
    "Other",
    "passed",
    "present",
    "advisory",
    "Values read",
    "Value",
    "Required",
    "Short by",
    NULL, /* the regime's (pk_html_labels_for()) */
    "computed from other figures",
    "Invalid in the dossier",
    "What the dossier still lacks",
    "no mandatory item",
    "mandatory item",
    "mandatory items",
    "Input problems",
    "Fix these first, since a criterion that reads a faulty value cannot be "
    "decided.",
    "Where",
    "Kind",
    "Message",
    "Line",
    "column",
    "version",
    "error",
    "warning",
    "Summary",
    "dossiers",
    "No.",
    "↑ Summary",
    "No dossier was checked.",
    "Made with parkcheck",
    "A ruling of the competent authority is needed on how to read",
    "How the provision can be read",
    "The words that leave it open",
};

/* Class names and symbols: the same in both languages. */
const char *const pk_html_status_class[STATUS_COUNT] = {
    "pass", "fail", "unknown", "na", "error", "open"};
const char *const pk_html_status_mark[STATUS_COUNT] = {"✓", "✗", "?",
                                                       "–", "!", "≠"};
/* The marks of the scorecard, explained above it in this order. */
const pk_status pk_html_legend[] = {PK_STATUS_PASS, PK_STATUS_FAIL,
                                    PK_STATUS_UNKNOWN, PK_STATUS_ERROR};

/* The writer's words: the engine's own in its language, with those the
 * regime gives (its format description's <words>) in their place. */
void pk_html_labels_for(const pk_writer *w, labels *words)
{
    *words = w->lang == PK_LANG_VI ? labels_vi : labels_en;
    words->criteria_head = pk_writer_word(w, "criteria", words->criteria_head);
    words->add_head = pk_writer_word(w, "to-add", NULL);
    words->col_article = pk_writer_word(w, "article-column", "");
    words->no_name = pk_writer_word(w, "no-name", words->no_name);
    for (int v = 0; v < PK_VERDICT_COUNT; v++) {
        words->verdict[v] = pk_writer_verdict_word(w->engine, "verdict",
                                                   (pk_verdict)v, w->lang);
        words->verdict_plain[v] = pk_writer_verdict_word(
            w->engine, "verdict-plain", (pk_verdict)v, w->lang);
    }
    for (int s = 0; s < STATUS_COUNT; s++) {
        words->status[s] =
            pk_writer_status_word(w->engine, "status", (pk_status)s, w->lang);
        words->doc_status[s] = pk_writer_status_word(
            w->engine, "status-document", (pk_status)s, w->lang);
    }
    {
        const pk_engine *e = w->engine;
        pk_lang l = w->lang;

        words->col_passed =
            pk_writer_status_word(e, "status-heading", PK_STATUS_PASS, l);
        words->col_failed =
            pk_writer_status_word(e, "status-heading", PK_STATUS_FAIL, l);
        words->col_unknown =
            pk_writer_status_word(e, "status-heading", PK_STATUS_UNKNOWN, l);
        words->col_error =
            pk_writer_status_word(e, "status-heading", PK_STATUS_ERROR, l);
        words->passed =
            pk_writer_status_word(e, "status-legend", PK_STATUS_PASS, l);
        words->present = pk_writer_status_word(e, "status-document-legend",
                                               PK_STATUS_PASS, l);
        for (size_t k = 0; k < sizeof pk_html_legend / sizeof pk_html_legend[0];
             k++)
            words->legend_word[k] =
                pk_writer_status_word(e, "status-legend", pk_html_legend[k], l);
    }
    words->park = pk_writer_word(w, "name", words->park);
    words->province = pk_writer_word(w, "province", words->province);
}

/* An article cited as the regime cites it. */
void pk_html_article_name(const out *o, int article)
{
    char buf[PK_WRITER_ARTICLE_MAX];

    esc(o->sb,
        pk_writer_article(o->r, article, o->lang, o->L->other_article, buf));
}
