/*
 * diff.c - what changed between two versions of a dossier: the facts it
 * gives, the rules whose outcome moved and why, the verdict before and
 * after, as text, JSON or HTML.
 *
 * Both reports are read through the public getters and the writers'
 * helpers, so the values, labels and places are worded as the reports
 * word them. A fact is compared where the dossier gives it (a fact the
 * pack computes from others follows from those and is not listed); a rule
 * is matched by its id. When the two were checked under different rule
 * packs, or as of different dates, the output says so first: a rule's
 * outcome may then have moved because the law did, not the dossier.
 */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "report.h"

typedef struct fact_ref {
    const char *id;
    const pk_result *res; /* a result that read it */
    const pk_value_info *value;
} fact_ref;

typedef struct change {
    const char *id;
    const pk_result *old_res, *new_res; /* either may be NULL */
    const pk_value_info *old_v, *new_v;
} change;

typedef struct diff {
    const pk_report *o, *n;
    pk_lang lang;
    change *facts;
    size_t fact_count;
    change *rules;
    size_t rule_count;
    int regime_differs; /* checked under different packs */
    int date_differs;   /* checked as of different dates */
    int one_unchecked;  /* a side has no rule to compare (unread) */
} diff;

/* The regime's words for a rule's status in a sentence ("status-plain")
 * and for a verdict ("verdict"), from the format description of the
 * engine that made the report. */
static const char *status_word(const pk_result *res, pk_lang lang)
{
    return pk_writer_status_word(res->report->engine, "status-plain",
                                 pk_result_status(res), lang);
}

static const char *verdict_word(const pk_report *r, pk_lang lang)
{
    return pk_writer_verdict_word(r->engine, "verdict", pk_report_verdict(r),
                                  lang);
}

/* The value of fact id as report r read it, and a result that read it;
 * only facts read from the dossier (with a place), not computed ones. */
static int find_fact(const pk_report *r, const char *id, fact_ref *out)
{
    size_t i, j, n = pk_report_result_count(r);

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        for (j = 0; res != NULL && j < pk_result_value_count(res); j++) {
            const pk_value_info *v = pk_result_value(res, j);

            if (v != NULL && v->id != NULL && strcmp(v->id, id) == 0) {
                out->id = v->id;
                out->res = res;
                out->value = v;
                return 1;
            }
        }
    }
    return 0;
}

static int same_value(const pk_value_info *a, const pk_value_info *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case PK_VALUE_NUMBER:
        return a->number == b->number &&
               strcmp(a->unit != NULL ? a->unit : "",
                      b->unit != NULL ? b->unit : "") == 0;
    case PK_VALUE_BOOL:
        return !a->boolean == !b->boolean;
    case PK_VALUE_TEXT:
    case PK_VALUE_SET:
        return strcmp(a->text != NULL ? a->text : "",
                      b->text != NULL ? b->text : "") == 0;
    default:
        return 1;
    }
}

/* A fact read from the dossier: the pack says where. */
static int from_dossier(const pk_result *res, const char *id)
{
    const char *where = pk_result_fact_location(res, id);

    return where != NULL && where[0] != '\0';
}

static int listed(const change *c, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].id, id) == 0)
            return 1;
    return 0;
}

/* The facts of r (in its rules' order) that differ from the other's. */
static int collect_facts(diff *d, const pk_report *r, int is_old)
{
    const pk_report *other = is_old ? d->n : d->o;
    size_t i, j, n = pk_report_result_count(r);

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        for (j = 0; res != NULL && j < pk_result_value_count(res); j++) {
            const pk_value_info *v = pk_result_value(res, j);
            fact_ref theirs;
            int found;
            change *c, *grown;

            if (v == NULL || v->id == NULL || !from_dossier(res, v->id) ||
                listed(d->facts, d->fact_count, v->id))
                continue;
            found = find_fact(other, v->id, &theirs);
            if (!found) {
                /* no rule of the other read it (one that did stopped
                 * applying): the value its dossier gives all the same */
                int rc = pk_report_fact_value(other, v->id, &theirs.value);

                if (rc == PK_ENOMEM)
                    return PK_ENOMEM;
                /* the other's rules know no such fact (another pack, or
                 * none): not compared, never "not stated" */
                if (rc == PK_EINVAL)
                    continue;
                if (rc == PK_OK && theirs.value->kind != PK_VALUE_MISSING) {
                    found = 1;
                    theirs.res = NULL;
                }
            }
            if (found && same_value(v, theirs.value))
                continue;
            /* A fact neither reads as anything is no change. */
            if (!found && v->kind == PK_VALUE_MISSING)
                continue;
            grown = realloc(d->facts, (d->fact_count + 1) * sizeof *grown);
            if (grown == NULL)
                return PK_ENOMEM;
            d->facts = grown;
            c = &d->facts[d->fact_count++];
            memset(c, 0, sizeof *c);
            c->id = v->id;
            if (is_old) {
                c->old_res = res;
                c->old_v = v;
                c->new_res = found ? theirs.res : NULL;
                c->new_v = found ? theirs.value : NULL;
            } else {
                c->new_res = res;
                c->new_v = v;
                c->old_res = found ? theirs.res : NULL;
                c->old_v = found ? theirs.value : NULL;
            }
        }
    }
    return 0;
}

static const pk_result *find_rule(const pk_report *r, const char *id)
{
    size_t i, n = pk_report_result_count(r);

    for (i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);

        if (res != NULL && strcmp(pk_result_id(res), id) == 0)
            return res;
    }
    return NULL;
}

static int add_rule(diff *d, const char *id, const pk_result *o,
                    const pk_result *n)
{
    change *grown = realloc(d->rules, (d->rule_count + 1) * sizeof *grown);

    if (grown == NULL)
        return PK_ENOMEM;
    d->rules = grown;
    memset(&d->rules[d->rule_count], 0, sizeof *grown);
    d->rules[d->rule_count].id = id;
    d->rules[d->rule_count].old_res = o;
    d->rules[d->rule_count].new_res = n;
    d->rule_count++;
    return 0;
}

/* Rules whose status moved, in the new report's order, then the old
 * report's rules the new one has not. */
static int collect_rules(diff *d)
{
    size_t i, n = pk_report_result_count(d->n);

    for (i = 0; i < n; i++) {
        const pk_result *nr = pk_report_result(d->n, i);
        const pk_result *orr;

        if (nr == NULL)
            continue;
        orr = find_rule(d->o, pk_result_id(nr));
        if (orr != NULL && pk_result_status(orr) == pk_result_status(nr))
            continue;
        if (add_rule(d, pk_result_id(nr), orr, nr) != 0)
            return PK_ENOMEM;
    }
    n = pk_report_result_count(d->o);
    for (i = 0; i < n; i++) {
        const pk_result *orr = pk_report_result(d->o, i);

        if (orr != NULL && find_rule(d->n, pk_result_id(orr)) == NULL &&
            add_rule(d, pk_result_id(orr), orr, NULL) != 0)
            return PK_ENOMEM;
    }
    return 0;
}

/* ------------------------------------------------------------------------
 * Words shared by the formats
 * ------------------------------------------------------------------------ */

static void fact_label(pk_strbuf *sb, const change *c, pk_lang lang)
{
    const pk_result *res = c->new_res != NULL ? c->new_res : c->old_res;
    const char *label = pk_result_fact_label(res, c->id, lang);

    pk_writer_append_capitalised(sb, label != NULL ? label : c->id);
}

/* The old or the new value of a changed fact, in words. A value no rule
 * of its report read (the rule stopped applying) is worded through the
 * other report's result, which read the same fact. */
static void fact_value(pk_strbuf *sb, const change *c, int is_new, pk_lang lang)
{
    const pk_value_info *v = is_new ? c->new_v : c->old_v;
    const pk_result *res = is_new ? c->new_res : c->old_res;

    if (res == NULL)
        res = is_new ? c->old_res : c->new_res;
    if (v == NULL)
        pk_sb_puts(sb, lang == PK_LANG_VI ? "chưa nêu" : "not stated");
    else
        pk_writer_append_fact_value(sb, res, v, lang);
}

static void fact_where(pk_strbuf *sb, const change *c, pk_lang lang)
{
    const pk_result *res = c->new_res != NULL ? c->new_res : c->old_res;

    pk_writer_append_where(sb, res, c->id, lang);
}

static void rule_status(pk_strbuf *sb, const pk_result *res, pk_lang lang)
{
    if (res == NULL)
        pk_sb_puts(sb, lang == PK_LANG_VI ? "không có trong bộ quy tắc"
                                          : "not in the rule pack");
    else
        pk_sb_puts(sb, status_word(res, lang));
}

static void rule_name(pk_strbuf *sb, const change *c, pk_lang lang)
{
    const pk_result *res = c->new_res != NULL ? c->new_res : c->old_res;

    pk_sb_puts(sb, pk_result_citation_text(res, lang));
    pk_sb_puts(sb, " — ");
    pk_sb_puts(sb, pk_result_title(res, lang));
}

/* Why the rule stands where it does now: the new report's message, or
 * the old one's for a rule the new pack does not have. */
static const char *rule_why(const change *c, pk_lang lang)
{
    return pk_result_message(c->new_res != NULL ? c->new_res : c->old_res,
                             lang);
}

static void regime_text(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    pk_summary_regime(sb, r, lang);
    if (pk_report_date(r)[0] != '\0') {
        pk_sb_puts(sb, lang == PK_LANG_VI ? ", tính đến ngày " : ", as of ");
        pk_fmt_date(sb, pk_report_date(r), lang);
    }
}

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

/* Why r has no rule to compare (its file could not be read, or no pack
 * was in force on its date): its first error, in lang; NULL when it was
 * checked. */
static const char *unread(const pk_report *r, pk_lang lang, char *buf,
                          size_t size)
{
    if (pk_report_result_count(r) > 0)
        return NULL;
    for (size_t i = 0; i < pk_report_problem_count(r); i++)
        if (!pk_report_problem_is_warning(r, i)) {
            pk_error_text(pk_report_problem(r, i), lang, buf, size);
            return buf;
        }
    return NULL;
}

static void unread_text(pk_strbuf *sb, const diff *d, int is_new)
{
    char buf[PK_ERROR_TEXT_MAX];
    const char *why = unread(is_new ? d->n : d->o, d->lang, buf, sizeof buf);

    if (why == NULL)
        return;
    if (d->lang == PK_LANG_VI)
        pk_sb_puts(sb, is_new ? "Bản mới chưa kiểm tra được: "
                              : "Bản cũ chưa kiểm tra được: ");
    else
        pk_sb_puts(sb, is_new ? "The new version could not be checked: "
                              : "The old version could not be checked: ");
    pk_sb_puts(sb, why);
    pk_sb_puts(sb, "\n");
}

static void text_out(const diff *d, pk_strbuf *sb)
{
    pk_lang lang = d->lang;
    int vi = lang == PK_LANG_VI;
    pk_strbuf where = PK_STRBUF_INIT;
    size_t i;

    pk_sb_printf(sb, "== %s → %s ==\n", pk_report_source(d->o),
                 pk_report_source(d->n));
    pk_sb_puts(sb, vi ? "Kết luận: " : "Verdict: ");
    pk_sb_puts(sb, verdict_word(d->o, lang));
    pk_sb_puts(sb, " → ");
    pk_sb_puts(sb, verdict_word(d->n, lang));
    pk_sb_puts(sb, "\n");
    unread_text(sb, d, 0);
    unread_text(sb, d, 1);
    if (d->regime_differs && pk_report_result_count(d->o) > 0 &&
        pk_report_result_count(d->n) > 0) {
        pk_sb_puts(sb, vi ? "Lưu ý: hai bản được kiểm tra theo quy định khác "
                            "nhau ("
                          : "Note: the two were checked under "
                            "different rules (");
        regime_text(sb, d->o, lang);
        pk_sb_puts(sb, " → ");
        regime_text(sb, d->n, lang);
        pk_sb_puts(sb, vi ? "); một quy tắc có thể đổi kết quả vì quy định "
                            "đổi, không phải vì hồ sơ; chỉ so sánh những số "
                            "liệu mà cả hai bộ quy tắc cùng đọc.\n"
                          : "); a rule may have moved because the law did, "
                            "not the dossier; only the facts both sets of "
                            "rules read are compared.\n");
    } else if (d->regime_differs) {
        /* one side was not checked: said above */
    } else if (d->date_differs) {
        pk_sb_puts(sb,
                   vi ? "Lưu ý: hai bản được kiểm tra tính đến những ngày "
                        "khác nhau ("
                      : "Note: the two were checked as of different dates (");
        pk_fmt_date(sb, pk_report_date(d->o), lang);
        pk_sb_puts(sb, " → ");
        pk_fmt_date(sb, pk_report_date(d->n), lang);
        pk_sb_puts(sb, vi ? "), cùng theo " : "), both under ");
        pk_summary_regime(sb, d->n, lang);
        pk_sb_puts(sb, ".\n");
    } else {
        pk_sb_puts(sb, vi ? "Quy định áp dụng: " : "Rules: ");
        regime_text(sb, d->n, lang);
        pk_sb_puts(sb, "\n");
    }
    pk_sb_puts(sb, "\n");
    pk_sb_puts(sb, vi ? "Số liệu đã đổi" : "Facts that changed");
    if (d->fact_count == 0)
        pk_sb_puts(sb, d->one_unchecked ? (vi ? ": không so sánh được\n"
                                              : ": not compared\n")
                                        : (vi ? ": không có\n" : ": none\n"));
    else
        pk_sb_puts(sb, "\n");
    for (i = 0; i < d->fact_count; i++) {
        const change *c = &d->facts[i];

        pk_sb_puts(sb, "  ");
        fact_label(sb, c, lang);
        pk_sb_puts(sb, ": ");
        fact_value(sb, c, 0, lang);
        pk_sb_puts(sb, " → ");
        fact_value(sb, c, 1, lang);
        pk_sb_puts(sb, "\n");
        fact_where(&where, c, lang);
        if (where.failed) {
            sb->failed = 1;
        } else if (where.len > 0) {
            pk_sb_puts(sb, vi ? "    tại " : "    at ");
            pk_sb_append(sb, where.data, where.len);
            pk_sb_puts(sb, "\n");
        }
        pk_sb_reset(&where);
    }
    pk_sb_puts(sb, "\n");
    pk_sb_puts(sb, vi ? "Quy tắc đổi kết quả" : "Rules whose outcome changed");
    if (d->rule_count == 0)
        pk_sb_puts(sb, d->one_unchecked ? (vi ? ": không so sánh được\n"
                                              : ": not compared\n")
                                        : (vi ? ": không có\n" : ": none\n"));
    else
        pk_sb_puts(sb, "\n");
    for (i = 0; i < d->rule_count; i++) {
        const change *c = &d->rules[i];

        pk_sb_puts(sb, "  ");
        rule_name(sb, c, lang);
        pk_sb_puts(sb, ": ");
        rule_status(sb, c->old_res, lang);
        pk_sb_puts(sb, " → ");
        rule_status(sb, c->new_res, lang);
        pk_sb_puts(sb, "\n    ");
        pk_sb_puts(sb, rule_why(c, lang));
        pk_sb_puts(sb, "\n");
    }
    pk_sb_free(&where);
}

/* ------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------ */

static void json_side(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    pk_sb_puts(sb, "{\"file\":");
    pk_json_append_string(sb, pk_report_source(r));
    pk_sb_puts(sb, ",\"verdict\":");
    pk_json_append_string(sb, pk_verdict_name(pk_report_verdict(r)));
    pk_sb_puts(sb, ",\"date\":");
    pk_json_append_string(sb, pk_report_date(r));
    pk_sb_puts(sb, ",\"rulepack\":");
    pk_json_append_string(sb, pk_report_pack_id(r));
    pk_sb_puts(sb, ",\"rulepack_version\":");
    pk_json_append_string(sb, pk_report_pack_version(r));
    pk_sb_puts(sb, ",\"not_checked\":");
    {
        char buf[PK_ERROR_TEXT_MAX];
        const char *why = unread(r, lang, buf, sizeof buf);

        if (why != NULL)
            pk_json_append_string(sb, why);
        else
            pk_sb_puts(sb, "null");
    }
    pk_sb_puts(sb, "}");
}

static void json_text(pk_strbuf *sb,
                      void (*fn)(pk_strbuf *, const change *, pk_lang),
                      const change *c, pk_lang lang)
{
    pk_strbuf t = PK_STRBUF_INIT;

    fn(&t, c, lang);
    if (t.failed)
        sb->failed = 1;
    else
        pk_json_append_string(sb, t.data != NULL ? t.data : "");
    pk_sb_free(&t);
}

static void json_fact_text(pk_strbuf *sb, const change *c, int is_new,
                           pk_lang lang)
{
    pk_strbuf t = PK_STRBUF_INIT;

    fact_value(&t, c, is_new, lang);
    if (t.failed)
        sb->failed = 1;
    else
        pk_json_append_string(sb, t.data != NULL ? t.data : "");
    pk_sb_free(&t);
}

static void json_out(const diff *d, pk_strbuf *sb)
{
    pk_lang lang = d->lang;
    size_t i;

    pk_sb_puts(sb, "{\"parkcheck\":");
    pk_json_append_string(sb, pk_version());
    pk_sb_printf(sb, ",\"diff\":1,\"lang\":\"%s\",\"old\":",
                 lang == PK_LANG_VI ? "vi" : "en");
    json_side(sb, d->o, lang);
    pk_sb_puts(sb, ",\"new\":");
    json_side(sb, d->n, lang);
    pk_sb_printf(sb,
                 ",\"regime_changed\":%s,\"date_changed\":%s,"
                 "\"facts\":[",
                 d->regime_differs ? "true" : "false",
                 d->date_differs ? "true" : "false");
    for (i = 0; i < d->fact_count; i++) {
        const change *c = &d->facts[i];
        const pk_result *res = c->new_res != NULL ? c->new_res : c->old_res;

        pk_sb_puts(sb, i > 0 ? ",{\"id\":" : "{\"id\":");
        pk_json_append_string(sb, c->id);
        pk_sb_puts(sb, ",\"label\":");
        json_text(sb, fact_label, c, lang);
        pk_sb_puts(sb, ",\"location\":");
        pk_json_append_string(sb, pk_result_fact_location(res, c->id));
        pk_sb_puts(sb, ",\"where\":");
        json_text(sb, fact_where, c, lang);
        pk_sb_puts(sb, ",\"old\":");
        pk_json_append_value(sb, c->old_v);
        pk_sb_puts(sb, ",\"new\":");
        pk_json_append_value(sb, c->new_v);
        pk_sb_puts(sb, ",\"old_text\":");
        json_fact_text(sb, c, 0, lang);
        pk_sb_puts(sb, ",\"new_text\":");
        json_fact_text(sb, c, 1, lang);
        pk_sb_puts(sb, "}");
    }
    pk_sb_puts(sb, "],\"rules\":[");
    for (i = 0; i < d->rule_count; i++) {
        const change *c = &d->rules[i];
        const pk_result *res = c->new_res != NULL ? c->new_res : c->old_res;

        pk_sb_puts(sb, i > 0 ? ",{\"id\":" : "{\"id\":");
        pk_json_append_string(sb, c->id);
        pk_sb_puts(sb, ",\"citation\":");
        pk_json_append_string(sb, pk_result_citation_text(res, lang));
        pk_sb_puts(sb, ",\"title\":");
        pk_json_append_string(sb, pk_result_title(res, lang));
        pk_sb_puts(sb, ",\"old\":");
        if (c->old_res != NULL)
            pk_json_append_string(sb,
                                  pk_status_name(pk_result_status(c->old_res)));
        else
            pk_sb_puts(sb, "null");
        pk_sb_puts(sb, ",\"new\":");
        if (c->new_res != NULL)
            pk_json_append_string(sb,
                                  pk_status_name(pk_result_status(c->new_res)));
        else
            pk_sb_puts(sb, "null");
        pk_sb_puts(sb, ",\"message\":");
        pk_json_append_string(sb, rule_why(c, lang));
        pk_sb_puts(sb, "}");
    }
    pk_sb_puts(sb, "]}\n");
}

/* ------------------------------------------------------------------------
 * HTML
 * ------------------------------------------------------------------------ */

static void esc(pk_strbuf *sb, const char *s)
{
    pk_xml_append_text(sb, s, PK_XML_HTML);
}

/* What fn writes, escaped. */
static void esc_made(pk_strbuf *sb, pk_strbuf *t)
{
    if (t->failed)
        sb->failed = 1;
    else
        esc(sb, t->data != NULL ? t->data : "");
    pk_sb_reset(t);
}

static void html_out(const diff *d, pk_strbuf *sb)
{
    pk_lang lang = d->lang;
    int vi = lang == PK_LANG_VI;
    pk_strbuf t = PK_STRBUF_INIT;
    size_t i;

    pk_sb_printf(sb,
                 "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                 "<title>",
                 vi ? "vi" : "en");
    esc(sb, vi ? "Những gì đã thay đổi" : "What changed");
    pk_sb_puts(sb, "</title>\n<style>"
                   "@page{size:A4;margin:15mm}"
                   "body{font-family:\"Noto Sans\",\"DejaVu Sans\",Arial,"
                   "sans-serif;font-size:10.5pt;max-width:190mm;margin:0 auto}"
                   "table{border-collapse:collapse;width:100%}"
                   "th,td{border:1px solid #888;padding:1mm;text-align:left;"
                   "vertical-align:top}th{background:#eee}"
                   ".note{border-left:4px solid #8d6e00;padding-left:2mm}"
                   "</style>\n</head>\n<body>\n<h1>");
    esc(sb, vi ? "Những gì đã thay đổi" : "What changed");
    pk_sb_puts(sb, "</h1>\n<p><code>");
    esc(sb, pk_report_source(d->o));
    pk_sb_puts(sb, "</code> → <code>");
    esc(sb, pk_report_source(d->n));
    pk_sb_puts(sb, "</code></p>\n<p><b>");
    esc(sb, vi ? "Kết luận" : "Verdict");
    pk_sb_puts(sb, ":</b> <span class=\"old\">");
    esc(sb, verdict_word(d->o, lang));
    pk_sb_puts(sb, "</span> → <span class=\"new\">");
    esc(sb, verdict_word(d->n, lang));
    pk_sb_puts(sb, "</span></p>\n");
    for (int side = 0; side < 2; side++) {
        pk_strbuf u = PK_STRBUF_INIT;

        unread_text(&u, d, side);
        if (u.failed)
            sb->failed = 1;
        if (u.len > 0) {
            pk_sb_puts(sb, "<p class=\"note\">");
            esc_made(sb, &u);
            pk_sb_puts(sb, "</p>\n");
        }
        pk_sb_free(&u);
    }
    if (d->regime_differs && pk_report_result_count(d->o) > 0 &&
        pk_report_result_count(d->n) > 0) {
        pk_sb_puts(sb, "<p class=\"note\">");
        esc(sb, vi ? "Hai bản được kiểm tra theo quy định khác nhau: "
                   : "The two were checked under different rules: ");
        regime_text(&t, d->o, lang);
        esc_made(sb, &t);
        pk_sb_puts(sb, " → ");
        regime_text(&t, d->n, lang);
        esc_made(sb, &t);
        esc(sb, vi ? ". Một quy tắc có thể đổi kết quả vì quy định đổi, "
                     "không phải vì hồ sơ; chỉ so sánh những số liệu mà cả "
                     "hai bộ quy tắc cùng đọc."
                   : ". A rule may have moved because the law did, not the "
                     "dossier; only the facts both sets of rules read are "
                     "compared.");
        pk_sb_puts(sb, "</p>\n");
    } else if (d->regime_differs) {
        /* one side was not checked: said above */
    } else if (d->date_differs) {
        pk_sb_puts(sb, "<p class=\"note\">");
        esc(sb, vi ? "Hai bản được kiểm tra tính đến những ngày khác nhau: "
                   : "The two were checked as of different dates: ");
        pk_fmt_date(&t, pk_report_date(d->o), lang);
        esc_made(sb, &t);
        pk_sb_puts(sb, " → ");
        pk_fmt_date(&t, pk_report_date(d->n), lang);
        esc_made(sb, &t);
        esc(sb, vi ? ", cùng theo " : ", both under ");
        pk_summary_regime(&t, d->n, lang);
        esc_made(sb, &t);
        pk_sb_puts(sb, ".</p>\n");
    }
    pk_sb_puts(sb, "<h2>");
    esc(sb, vi ? "Số liệu đã đổi" : "Facts that changed");
    pk_sb_puts(sb, "</h2>\n");
    if (d->fact_count == 0) {
        pk_sb_puts(sb, "<p>");
        esc(sb, d->one_unchecked
                    ? (vi ? "Không so sánh được." : "Not compared.")
                    : (vi ? "Không có." : "None."));
        pk_sb_puts(sb, "</p>\n");
    } else {
        pk_sb_puts(sb, "<table class=\"facts\"><thead><tr><th>");
        esc(sb, vi ? "Số liệu" : "Fact");
        pk_sb_puts(sb, "</th><th>");
        esc(sb, vi ? "Trước" : "Before");
        pk_sb_puts(sb, "</th><th>");
        esc(sb, vi ? "Sau" : "After");
        pk_sb_puts(sb, "</th><th>");
        esc(sb, vi ? "Vị trí" : "Where");
        pk_sb_puts(sb, "</th></tr></thead>\n<tbody>\n");
        for (i = 0; i < d->fact_count; i++) {
            const change *c = &d->facts[i];

            pk_sb_puts(sb, "<tr><td>");
            fact_label(&t, c, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td><td>");
            fact_value(&t, c, 0, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td><td>");
            fact_value(&t, c, 1, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td><td>");
            fact_where(&t, c, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td></tr>\n");
        }
        pk_sb_puts(sb, "</tbody></table>\n");
    }
    pk_sb_puts(sb, "<h2>");
    esc(sb, vi ? "Quy tắc đổi kết quả" : "Rules whose outcome changed");
    pk_sb_puts(sb, "</h2>\n");
    if (d->rule_count == 0) {
        pk_sb_puts(sb, "<p>");
        esc(sb, d->one_unchecked
                    ? (vi ? "Không so sánh được." : "Not compared.")
                    : (vi ? "Không có." : "None."));
        pk_sb_puts(sb, "</p>\n");
    } else {
        pk_sb_puts(sb, "<table class=\"rules\"><thead><tr><th>");
        esc(sb, vi ? "Quy tắc" : "Rule");
        pk_sb_puts(sb, "</th><th>");
        esc(sb, vi ? "Trước" : "Before");
        pk_sb_puts(sb, "</th><th>");
        esc(sb, vi ? "Sau" : "After");
        pk_sb_puts(sb, "</th><th>");
        esc(sb, vi ? "Vì sao" : "Why");
        pk_sb_puts(sb, "</th></tr></thead>\n<tbody>\n");
        for (i = 0; i < d->rule_count; i++) {
            const change *c = &d->rules[i];

            pk_sb_puts(sb, "<tr><td>");
            rule_name(&t, c, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td><td>");
            rule_status(&t, c->old_res, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td><td>");
            rule_status(&t, c->new_res, lang);
            esc_made(sb, &t);
            pk_sb_puts(sb, "</td><td>");
            esc(sb, rule_why(c, lang));
            pk_sb_puts(sb, "</td></tr>\n");
        }
        pk_sb_puts(sb, "</tbody></table>\n");
    }
    pk_sb_puts(sb, "</body>\n</html>\n");
    pk_sb_free(&t);
}

int pk_diff_write(const pk_report *old_report, const pk_report *new_report,
                  pk_format format, pk_lang lang, pk_write_fn fn,
                  void *userdata, pk_error *err)
{
    pk_strbuf sb = PK_STRBUF_INIT;
    diff d;
    int rc = 0;

    if (err != NULL)
        memset(err, 0, sizeof *err);
    if (old_report == NULL || new_report == NULL || fn == NULL ||
        (format != PK_FORMAT_TEXT && format != PK_FORMAT_JSON &&
         format != PK_FORMAT_HTML)) {
        rc = PK_EINVAL;
        goto fail;
    }
    memset(&d, 0, sizeof d);
    d.o = old_report;
    d.n = new_report;
    d.lang = lang == PK_LANG_VI ? PK_LANG_VI : PK_LANG_EN;
    d.regime_differs =
        strcmp(pk_report_pack_id(d.o), pk_report_pack_id(d.n)) != 0 ||
        strcmp(pk_report_pack_version(d.o), pk_report_pack_version(d.n)) != 0;
    d.date_differs = strcmp(pk_report_date(d.o), pk_report_date(d.n)) != 0;
    /* the results' words, written out before any is read */
    if (pk_report_render(d.o, d.lang) != 0 ||
        pk_report_render(d.n, d.lang) != 0) {
        rc = PK_ENOMEM;
        goto out;
    }
    /* A side with no rule (its file unread, no pack on its date) has
     * nothing to compare: what it lacks is not a change. */
    d.one_unchecked =
        pk_report_result_count(d.o) == 0 || pk_report_result_count(d.n) == 0;
    if (!d.one_unchecked &&
        (collect_facts(&d, d.o, 1) != 0 || collect_facts(&d, d.n, 0) != 0 ||
         collect_rules(&d) != 0)) {
        rc = PK_ENOMEM;
        goto out;
    }
    if (format == PK_FORMAT_TEXT)
        text_out(&d, &sb);
    else if (format == PK_FORMAT_JSON)
        json_out(&d, &sb);
    else
        html_out(&d, &sb);
    if (sb.failed) {
        rc = PK_ENOMEM;
        goto out;
    }
    if (fn(userdata, sb.data != NULL ? sb.data : "", sb.len) != 0)
        rc = PK_EIO;
out:
    free(d.facts);
    free(d.rules);
    pk_sb_free(&sb);
    if (rc == 0)
        return 0;
fail:
    if (err != NULL) {
        err->code = rc;
        strcpy(err->message, rc == PK_ENOMEM ? "out of memory"
                             : rc == PK_EIO  ? "the output could not be "
                                               "written"
                                             : "pk_diff_write: bad argument "
                                               "or format (text, json or "
                                               "html)");
    }
    return rc;
}
