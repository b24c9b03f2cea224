/*
 * test_primitives.c - the pack language's later primitives, each loaded
 * from a small inline pack and evaluated on inline dossiers: citations per
 * kind of dossier, min/max over a path, the per-element ratio (each=), a
 * boolean compared with true/false, one element picked from a repeated list
 * by a predicate, and a notice in force from a date.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

#define PACK_HEAD                                                              \
    "<rulepack id=\"t\" version=\"1\" format=\"1\" dossier-format=\"1\">\n"    \
    "  <title lang=\"vi\">Thử</title><title lang=\"en\">Test</title>\n"      \
    "  <in-force from=\"2014-01-01\"/>\n"

#define LABELS "<label lang=\"vi\">x</label><label lang=\"en\">x</label>"
#define TITLES "<title lang=\"vi\">t</title><title lang=\"en\">t</title>"

typedef struct problems {
    size_t n;
    char text[4096];
} problems;

static void collect(void *ud, const pk_error *e)
{
    problems *p = ud;
    size_t l = strlen(p->text);

    p->n++;
    snprintf(p->text + l, sizeof p->text - l, "%u:%u %s\n", e->line, e->column,
             e->message);
}

static int load(const char *pack, pk_engine **out, problems *p)
{
    pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
    pk_error err;

    memset(p, 0, sizeof *p);
    o.on_problem = collect;
    o.userdata = p;
    return pk_engine_new_from_memory(out, "t.xml", pack, strlen(pack), &o,
                                     &err);
}

static pk_engine *load_ok(const char *pack)
{
    pk_engine *e = NULL;
    problems p;
    int rc = load(pack, &e, &p);

    ck_assert_msg(rc == PK_OK, "pack refused:\n%s", p.text);
    return e;
}

static pk_report *check(const pk_engine *e, const char *xml)
{
    pk_report *r = NULL;
    pk_error err;

    ck_assert_int_eq(
        pk_check_memory(&r, e, "d.xml", xml, strlen(xml), NULL, &err), PK_OK);
    return r;
}

static const pk_result *result(const pk_report *r, const char *id)
{
    for (size_t i = 0; i < pk_report_result_count(r); i++)
        if (strcmp(pk_result_id(pk_report_result(r, i)), id) == 0)
            return pk_report_result(r, i);
    ck_abort_msg("no result %s", id);
    return NULL;
}

/* ---- citations per kind ---- */

static const char kinds_pack[] = PACK_HEAD
    "  <facts><fact id=\"topics\" type=\"set\" "
    "values=\"/dossier/documents/document[@type='scheme']/covers/"
    "@topic\">" LABELS "</fact></facts>\n"
    "  <rules>\n"
    "    <rule id=\"necessity\" category=\"document\" severity=\"mandatory\" "
    "kinds=\"establishment expansion master-plan-addition\">\n"
    "      <citation kinds=\"establishment\" article=\"11\" clause=\"1\" "
    "point=\"b\"/>\n"
    "      <citation kinds=\"expansion\" article=\"12\" clause=\"1\" "
    "point=\"b\"/>\n"
    "      <citation kinds=\"master-plan-addition\" article=\"13\" "
    "clause=\"1\" point=\"a\"/>\n"
    "      " TITLES "\n"
    "      <check><contains fact=\"topics\" value=\"necessity\"/></check>\n"
    "    </rule>\n"
    "  </rules>\n"
    "</rulepack>\n";

static const char *dossier_of_kind(const char *kind, char *buf, size_t len)
{
    snprintf(buf, len,
             "<dossier format=\"1\" kind=\"%s\" submitted=\"2024-01-01\">"
             "<documents><document type=\"scheme\"><covers "
             "topic=\"necessity\"/></document></documents></dossier>",
             kind);
    return buf;
}

START_TEST(test_citation_per_kind)
{
    static const struct {
        const char *kind, *vi, *en;
        int article;
        pk_status status;
    } cases[] = {
        {"establishment", "Điều 11 khoản 1 điểm b", "Art. 11(1)(b)", 11,
         PK_STATUS_PASS},
        {"expansion", "Điều 12 khoản 1 điểm b", "Art. 12(1)(b)", 12,
         PK_STATUS_PASS},
        {"master-plan-addition", "Điều 13 khoản 1 điểm a", "Art. 13(1)(a)", 13,
         PK_STATUS_PASS},
        {"recognition", "Điều 11 khoản 1 điểm b", "Art. 11(1)(b)", 11,
         PK_STATUS_NOT_APPLICABLE},
    };
    pk_engine *e = load_ok(kinds_pack);
    char buf[512];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pk_report *r =
            check(e, dossier_of_kind(cases[i].kind, buf, sizeof buf));
        const pk_result *res = result(r, "necessity");
        ck_assert_int_eq(pk_result_status(res), cases[i].status);
        ck_assert_int_eq(pk_result_citation(res)->article, cases[i].article);
        ck_assert_str_eq(pk_result_citation_text(res, PK_LANG_VI), cases[i].vi);
        ck_assert_str_eq(pk_result_citation_text(res, PK_LANG_EN), cases[i].en);
        if (cases[i].status == PK_STATUS_PASS) {
            /* the article's sub-score is under the kind's own article */
            ck_assert_uint_eq(pk_report_article_count(r), 1);
            ck_assert_int_eq(pk_report_article(r, 0)->article,
                             cases[i].article);
        }
        pk_report_free(r);
    }
    pk_engine_free(e);
}
END_TEST

START_TEST(test_citation_per_kind_problems)
{
    static const struct {
        const char *from, *to, *words;
    } cases[] = {
        /* a kind cited twice */
        {"kinds=\"expansion\" article=\"12\"",
         "kinds=\"expansion establishment\" article=\"12\"", "cited twice"},
        /* a kind the rule applies to but no citation names */
        {"    <citation kinds=\"master-plan-addition\"", "    <!--",
         "none of its citations names"},
        /* a citation for a kind the rule does not apply to */
        {"kinds=\"master-plan-addition\" article=\"13\"",
         "kinds=\"master-plan-addition recognition\" article=\"13\"",
         "does not apply to"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char pack[sizeof kinds_pack + 256];
        const char *at = strstr(kinds_pack, cases[i].from);
        pk_engine *e = NULL;
        problems p;
        ck_assert_ptr_nonnull(at);
        snprintf(pack, sizeof pack, "%.*s%s%s", (int)(at - kinds_pack),
                 kinds_pack, cases[i].to, at + strlen(cases[i].from));
        if (strcmp(cases[i].to, "    <!--") == 0) {
            /* close the comment after the citation */
            char *c = strstr(pack, "<!--");
            char *end = strstr(c, "/>");
            memmove(end + 3, end + 2, strlen(end + 2) + 1);
            memcpy(end, "--", 2);
            end[2] = '>';
        }
        ck_assert_int_eq(load(pack, &e, &p), PK_ERULES);
        ck_assert_ptr_null(e);
        ck_assert_msg(strstr(p.text, cases[i].words) != NULL,
                      "case %zu: no '%s' in:\n%s", i, cases[i].words, p.text);
    }
}
END_TEST

/* ---- min, max, each, bool, predicated path ---- */

static const char facts_pack[] = PACK_HEAD
    "  <parameters><param id=\"share\" type=\"percent\">"
    "<citation article=\"9\" clause=\"1\" point=\"c\"/>" LABELS
    "<value>60</value></param></parameters>\n"
    "  <facts>\n"
    "    <fact id=\"submitted\" type=\"date\" "
    "path=\"/dossier/@submitted\">" LABELS "</fact>\n"
    "    <fact id=\"latest\" type=\"date\" "
    "max=\"/dossier/documents/document/@date\">" LABELS "</fact>\n"
    "    <fact id=\"earliest\" type=\"date\" "
    "min=\"/dossier/documents/document/@date\">" LABELS "</fact>\n"
    "    <fact id=\"parks\" type=\"number\" "
    "count=\"/dossier/planning/province-parks/park\">" LABELS "</fact>\n"
    "    <fact id=\"least\" type=\"number\" unit=\"ratio\" "
    "each=\"/dossier/planning/province-parks/park\" aggregate=\"min\">"
    "<ratio of=\"@core-land-leased\" to=\"@core-land\"/>" LABELS "</fact>\n"
    "    <fact id=\"infra\" type=\"bool\" "
    "path=\"/dossier/operation/infrastructure-complete\">" LABELS "</fact>\n"
    "    <fact id=\"land_use\" type=\"bool\" "
    "path=\"/dossier/planning/principles/principle[@name='land-use-plan']/"
    "@met\">" LABELS "</fact>\n"
    "  </facts>\n"
    "  <rules>\n"
    "    <rule id=\"dated\" category=\"document\" severity=\"advisory\">"
    "<citation article=\"11\"/>" TITLES
    "<check><compare fact=\"latest\" op=\"le\" other=\"submitted\"/></check>"
    "</rule>\n"
    "    <rule id=\"first\" category=\"document\" severity=\"advisory\">"
    "<citation article=\"11\"/>" TITLES
    "<check><compare fact=\"earliest\" op=\"ge\" value=\"2014-01-01\"/>"
    "</check></rule>\n"
    "    <rule id=\"leased\" category=\"criterion\" severity=\"mandatory\">"
    "<citation article=\"9\" clause=\"1\" point=\"c\"/>" TITLES
    "<check><any><compare fact=\"parks\" op=\"eq\" value=\"0\"/>"
    "<compare fact=\"least\" op=\"ge\" param=\"share\"/></any></check>"
    "<message lang=\"vi\" on=\"fail\">{value} &lt; {threshold}</message>"
    "<message lang=\"en\" on=\"fail\">{value} &lt; {threshold}</message>"
    "</rule>\n"
    "    <rule id=\"infra\" category=\"criterion\" severity=\"mandatory\">"
    "<citation article=\"9\" clause=\"2\" point=\"a\"/>" TITLES
    "<check><compare fact=\"infra\" op=\"eq\" value=\"true\"/></check>"
    "</rule>\n"
    "    <rule id=\"principle\" category=\"criterion\" "
    "severity=\"mandatory\"><citation article=\"8\" clause=\"3\" "
    "point=\"a\"/>" TITLES
    "<check><compare fact=\"land_use\" op=\"eq\" value=\"true\"/></check>"
    "</rule>\n"
    "  </rules>\n"
    "</rulepack>\n";

static pk_report *check_body(const pk_engine *e, const char *body)
{
    char xml[4096];

    snprintf(xml, sizeof xml,
             "<dossier format=\"1\" kind=\"establishment\" "
             "submitted=\"2024-06-01\">%s</dossier>",
             body);
    return check(e, xml);
}

static void expect(const pk_engine *e, const char *body, const char *rule,
                   pk_status want)
{
    pk_report *r = check_body(e, body);
    const pk_result *res = result(r, rule);

    ck_assert_msg(pk_result_status(res) == want, "%s on %s: %s, expected %s",
                  rule, body, pk_status_name(pk_result_status(res)),
                  pk_status_name(want));
    pk_report_free(r);
}

START_TEST(test_min_max_dates)
{
    pk_engine *e = load_ok(facts_pack);

    expect(e,
           "<documents><document type=\"scheme\" date=\"2024-05-01\"/>"
           "<document type=\"submission\" date=\"2024-06-01\"/></documents>",
           "dated", PK_STATUS_PASS);
    expect(e,
           "<documents><document type=\"scheme\" date=\"2024-06-02\"/>"
           "<document type=\"submission\" date=\"2024-06-01\"/></documents>",
           "dated", PK_STATUS_FAIL);
    expect(e,
           "<documents><document type=\"scheme\" date=\"2013-12-31\"/>"
           "<document type=\"submission\" date=\"2024-06-01\"/></documents>",
           "first", PK_STATUS_FAIL);
    /* an undated document leaves the latest date unknown */
    expect(e,
           "<documents><document type=\"scheme\"/>"
           "<document type=\"submission\" date=\"2024-06-01\"/></documents>",
           "dated", PK_STATUS_UNKNOWN);
    /* no documents at all, or none listed: there is no latest date */
    expect(e, "", "dated", PK_STATUS_UNKNOWN);
    expect(e, "<documents none=\"true\"/>", "dated", PK_STATUS_UNKNOWN);
    pk_engine_free(e);
}
END_TEST

#define PARKS(x) "<planning><province-parks>" x "</province-parks></planning>"
#define PARK(a, b) "<park core-land=\"" a "\" core-land-leased=\"" b "\"/>"

START_TEST(test_each_ratio)
{
    pk_engine *e = load_ok(facts_pack);
    pk_report *r;
    const char *msg;

    expect(e, PARKS(PARK("10", "6")), "leased", PK_STATUS_PASS);
    expect(e, PARKS(PARK("10", "5.99")), "leased", PK_STATUS_FAIL);
    expect(e, PARKS(PARK("10", "6.01")), "leased", PK_STATUS_PASS);
    /* every park: a well-leased one does not hide an idle one */
    expect(e, PARKS(PARK("100", "95") PARK("10", "1")), "leased",
           PK_STATUS_FAIL);
    /* none operating, said so; an empty list says nothing */
    expect(e, "<planning><province-parks none=\"true\"/></planning>", "leased",
           PK_STATUS_PASS);
    expect(e, PARKS(""), "leased", PK_STATUS_UNKNOWN);
    expect(e, "", "leased", PK_STATUS_UNKNOWN);
    /* a park that does not say: unknown, unless another one fails
     * outright is not detectable through the least ratio: unknown */
    expect(e, PARKS(PARK("10", "7") "<park core-land=\"10\"/>"), "leased",
           PK_STATUS_UNKNOWN);
    expect(e, PARKS(PARK("0", "0")), "leased", PK_STATUS_ERROR);
    expect(e, PARKS(PARK("1O", "6")), "leased", PK_STATUS_ERROR);
    /* m2 and ha mixed per park */
    expect(e,
           PARKS("<park core-land=\"100000\" core-land-leased=\"60000\" "
                 "unit=\"m2\"/>" PARK("10", "6")),
           "leased", PK_STATUS_PASS);

    r = check_body(e, PARKS(PARK("100", "95") PARK("10", "1")));
    msg = pk_result_message(result(r, "leased"), PK_LANG_EN);
    ck_assert_msg(strcmp(msg, "10% < 60%") == 0, "message '%s'", msg);
    pk_report_free(r);
    pk_engine_free(e);
}
END_TEST

START_TEST(test_bool_and_picked_element)
{
    pk_engine *e = load_ok(facts_pack);

    expect(e,
           "<operation><infrastructure-complete>true"
           "</infrastructure-complete></operation>",
           "infra", PK_STATUS_PASS);
    expect(e,
           "<operation><infrastructure-complete>0"
           "</infrastructure-complete></operation>",
           "infra", PK_STATUS_FAIL);
    expect(e, "<operation/>", "infra", PK_STATUS_UNKNOWN);
    expect(e,
           "<planning><principles><principle name=\"reserve-land\" "
           "met=\"true\"/><principle name=\"land-use-plan\" met=\"true\"/>"
           "</principles></planning>",
           "principle", PK_STATUS_PASS);
    expect(e,
           "<planning><principles><principle name=\"land-use-plan\" "
           "met=\"false\">Chưa phù hợp</principle></principles></planning>",
           "principle", PK_STATUS_FAIL);
    expect(e,
           "<planning><principles><principle name=\"reserve-land\" "
           "met=\"true\"/></principles></planning>",
           "principle", PK_STATUS_UNKNOWN);
    pk_engine_free(e);
}
END_TEST

START_TEST(test_primitive_problems)
{
    static const struct {
        const char *from, *to, *words;
    } cases[] = {
        {"aggregate=\"min\"", "aggregate=\"mean\"", "aggregate"},
        {"of=\"@core-land-leased\"", "of=\"core_land\"", "@name"},
        {"of=\"@core-land-leased\"", "of=\"@name\"", "not a number"},
        {"of=\"@core-land-leased\"", "of=\"@size\"", "no attribute"},
        {"max=\"/dossier/documents/document/@date\"",
         "max=\"/dossier/documents/document/@number\"", "min and max"},
        {"op=\"eq\" value=\"true\"", "op=\"eq\" value=\"yes\"",
         "true or false"},
        {"op=\"eq\" value=\"true\"/></check></rule>\n    <rule "
         "id=\"principle\"",
         "op=\"ge\" value=\"true\"/></check></rule>\n    <rule "
         "id=\"principle\"",
         "cannot be compared"},
        {"principle[@name='land-use-plan']/@met", "principle/@met", "pick one"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char pack[sizeof facts_pack + 256];
        const char *at = strstr(facts_pack, cases[i].from);
        pk_engine *e = NULL;
        problems p;
        ck_assert_msg(at != NULL, "case %zu", i);
        snprintf(pack, sizeof pack, "%.*s%s%s", (int)(at - facts_pack),
                 facts_pack, cases[i].to, at + strlen(cases[i].from));
        ck_assert_int_eq(load(pack, &e, &p), PK_ERULES);
        ck_assert_msg(strstr(p.text, cases[i].words) != NULL,
                      "case %zu: no '%s' in:\n%s", i, cases[i].words, p.text);
    }
}
END_TEST

/* ---- a notice from a date ---- */

START_TEST(test_notice)
{
    char pack[sizeof kinds_pack + 512];
    const char *at = strstr(kinds_pack, "  <facts>");
    pk_engine *e;
    pk_report *r;
    char buf[512];

    snprintf(pack, sizeof pack,
             "%.*s  <notice from=\"2026-01-01\"><text lang=\"vi\">Chế độ mới"
             "</text><text lang=\"en\">A newer regime</text></notice>\n%s",
             (int)(at - kinds_pack), kinds_pack, at);
    e = load_ok(pack);
    r = check(e, dossier_of_kind("establishment", buf, sizeof buf));
    ck_assert_str_eq(pk_report_notice(r, PK_LANG_EN), "");
    pk_report_free(r);
    snprintf(buf, sizeof buf,
             "<dossier format=\"1\" kind=\"establishment\" "
             "submitted=\"2026-03-01\"/>");
    r = check(e, buf);
    ck_assert_str_eq(pk_report_notice(r, PK_LANG_EN), "A newer regime");
    ck_assert_str_eq(pk_report_notice(r, PK_LANG_VI), "Chế độ mới");
    /* still checked */
    ck_assert_uint_eq(pk_report_result_count(r), 1);
    pk_report_free(r);
    pk_engine_free(e);
}
END_TEST

static Suite *primitives_suite(void)
{
    Suite *s = suite_create("primitives");
    TCase *tc = tcase_create("primitives");

    tcase_add_test(tc, test_citation_per_kind);
    tcase_add_test(tc, test_citation_per_kind_problems);
    tcase_add_test(tc, test_min_max_dates);
    tcase_add_test(tc, test_each_ratio);
    tcase_add_test(tc, test_bool_and_picked_element);
    tcase_add_test(tc, test_primitive_problems);
    tcase_add_test(tc, test_notice);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(primitives_suite());
}
