/*
 * test_pack.c - the rule-pack loader, through pk_engine_new_from_memory
 * with small inline packs: a minimal valid pack, then one variant per class
 * of problem, each reported to on_problem at file:line:column (columns in
 * characters) with words that say what is wrong, and a pack with several
 * problems that reports them all. Also the built-in pack and loading packs
 * from a path.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

#ifndef PK_SOURCE_ROOT
#define PK_SOURCE_ROOT "."
#endif

/* ------------------------------------------------------------------------
 * Packs
 * ------------------------------------------------------------------------ */

/* The minimal valid pack: one parameter, one fact, one rule. A line that
 * is only a slot (@PARAMS@, @FACTS@, @RULES@) is replaced by what a
 * variant puts there, or dropped. Without slots filled, the lines are:
 *   2 <rulepack ...>   5 <in-force>   7 <param>   15 <fact>   21 <rule>
 *   25 <check>   26 <message vi>   27 <message en> */
static const char base_pack[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rulepack id=\"mini\" version=\"0.1\" format=\"1\" dossier-format=\"1\">\n"
    "  <title lang=\"vi\">Gói thử</title>\n"
    "  <title lang=\"en\">Test pack</title>\n"
    "  <in-force from=\"2014-01-01\"/>\n"
    "  <parameters>\n"
    "    <param id=\"it_min\" type=\"number\" unit=\"people\">\n"
    "      <citation article=\"5\" clause=\"2\"/>\n"
    "      <label lang=\"vi\">số lao động tối thiểu</label>\n"
    "      <label lang=\"en\">minimum workers</label>\n"
    "      <value>2000</value>\n"
    "    </param>\n"
    "@PARAMS@\n"
    "  </parameters>\n"
    "  <facts>\n"
    "    <fact id=\"it_workers\" type=\"number\" unit=\"people\" "
    "path=\"/dossier/workforce/it-specialists\">\n"
    "      <label lang=\"vi\">lao động CNTT</label>\n"
    "      <label lang=\"en\">IT workers</label>\n"
    "    </fact>\n"
    "@FACTS@\n"
    "  </facts>\n"
    "  <rules>\n"
    "    <rule id=\"r1\" category=\"criterion\" severity=\"mandatory\" "
    "kinds=\"establishment\">\n"
    "      <citation article=\"5\" clause=\"2\"/>\n"
    "      <title lang=\"vi\">Lao động</title>\n"
    "      <title lang=\"en\">Workers</title>\n"
    "      <check><compare fact=\"it_workers\" op=\"ge\" "
    "param=\"it_min\"/></check>\n"
    "      <message lang=\"vi\" on=\"fail\">Thiếu {shortfall}.</message>\n"
    "      <message lang=\"en\" on=\"fail\">{shortfall} short.</message>\n"
    "    </rule>\n"
    "@RULES@\n"
    "  </rules>\n"
    "</rulepack>\n";

/* The base pack with its slots filled (NULL: left out). */
static char *make_pack(const char *params, const char *facts, const char *rules)
{
    char *s = tc_replace(base_pack, params ? "@PARAMS@" : "@PARAMS@\n",
                         params ? params : "");
    s = tc_replace_free(s, facts ? "@FACTS@" : "@FACTS@\n", facts ? facts : "");
    return tc_replace_free(s, rules ? "@RULES@" : "@RULES@\n",
                           rules ? rules : "");
}

/* Where the nth (1-based) `needle` is in text: line and column, the
 * column counted in characters. */
static void pos_in(const char *text, const char *needle, int nth,
                   unsigned *line, unsigned *col)
{
    const char *at = text - 1, *start = text;

    for (int i = 0; i < nth; i++) {
        at = strstr(at + 1, needle);
        ck_assert_msg(at != NULL, "no %d. \"%s\" in the pack", nth, needle);
    }
    *line = 1;
    for (const char *p = text; p < at; p++)
        if (*p == '\n') {
            (*line)++;
            start = p + 1;
        }
    *col = 1;
    for (const char *p = start; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            (*col)++;
}

/* ------------------------------------------------------------------------
 * Loading and problems
 * ------------------------------------------------------------------------ */

#define MAX_DIAGS 32

typedef struct diags {
    size_t n;
    pk_error e[MAX_DIAGS];
} diags;

static void collect(void *userdata, const pk_error *problem)
{
    diags *d = userdata;

    if (d->n < MAX_DIAGS)
        d->e[d->n] = *problem;
    d->n++;
}

static void dump(const diags *d)
{
    for (size_t i = 0; i < d->n && i < MAX_DIAGS; i++)
        fprintf(stderr, "  problem %zu: %d %s:%u:%u %s\n", i, d->e[i].code,
                d->e[i].source, d->e[i].line, d->e[i].column, d->e[i].message);
}

/* Loads pack as "mini.xml"; returns the code. *out is the engine or
 * NULL. */
static int load(const char *pack, diags *d, pk_engine **out, pk_error *err)
{
    pk_engine_options o = PK_ENGINE_OPTIONS_INIT;

    memset(d, 0, sizeof *d);
    memset(err, 0, sizeof *err);
    o.on_problem = collect;
    o.userdata = d;
    *out = NULL;
    return pk_engine_new_from_memory(out, "mini.xml", pack, strlen(pack), &o,
                                     err);
}

/* Loads a pack that must fail with exactly `count` problems. */
static void load_bad(const char *pack, diags *d, size_t count)
{
    pk_engine *e;
    pk_error err;
    int rc = load(pack, d, &e, &err);

    if (rc != PK_ERULES || d->n != count) {
        dump(d);
        ck_abort_msg("rc %d with %zu problems; expected %d with %zu (%s)", rc,
                     d->n, PK_ERULES, count, err.message);
    }
    ck_assert_ptr_null(e);
    /* the first problem is also in err, with the code that was returned */
    ck_assert_int_eq(err.code, PK_ERULES);
    ck_assert_uint_eq(err.line, d->e[0].line);
    ck_assert_uint_eq(err.column, d->e[0].column);
    ck_assert_str_eq(err.source, "mini.xml");
    ck_assert_ptr_nonnull(strstr(err.message, d->e[0].message));
}

/* Asserts problem i is at the nth `needle` of pack and says `words`. */
static void assert_diag(const diags *d, size_t i, const char *pack,
                        const char *needle, int nth, const char *words)
{
    unsigned line, col;

    pos_in(pack, needle, nth, &line, &col);
    ck_assert_uint_lt(i, d->n);
    if (d->e[i].code != PK_ERULES || d->e[i].line != line ||
        d->e[i].column != col || strstr(d->e[i].message, words) == NULL ||
        strcmp(d->e[i].source, "mini.xml") != 0) {
        dump(d);
        ck_abort_msg("problem %zu: %d %s:%u:%u \"%s\"; expected %d "
                     "mini.xml:%u:%u (at %s) with \"%s\"",
                     i, d->e[i].code, d->e[i].source, d->e[i].line,
                     d->e[i].column, d->e[i].message, PK_ERULES, line, col,
                     needle, words);
    }
}

/* One problem, at the nth needle, saying words. */
static void expect_one(const char *pack, const char *needle, int nth,
                       const char *words)
{
    diags d;

    load_bad(pack, &d, 1);
    assert_diag(&d, 0, pack, needle, nth, words);
}

/* Runs the load in a child process: a crash there fails the test here
 * instead of ending the test program. Returns 1 when the child loaded the
 * pack without crashing and got PK_ERULES with at least one problem. */
static int fails_cleanly(const char *pack)
{
    pid_t pid;
    int status = 0;

    fflush(NULL);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        diags d;
        pk_engine *e;
        pk_error err;
        int rc = load(pack, &d, &e, &err);
        _exit(rc == PK_ERULES && d.n > 0 && e == NULL ? 42 : 43);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status))
        fprintf(stderr, "the pack loader died of signal %d\n",
                WTERMSIG(status));
    return WIFEXITED(status) && WEXITSTATUS(status) == 42;
}

/* A second fact, and a second rule, variants build on. */
#define FACT_TOTAL                                                             \
    "    <fact id=\"total_workers\" type=\"number\" unit=\"people\" "          \
    "path=\"/dossier/workforce/total\">\n"                                     \
    "      <label lang=\"vi\">tổng số lao động</label>\n"               \
    "      <label lang=\"en\">all workers</label>\n"                           \
    "    </fact>"

#define FACT_NAME                                                              \
    "    <fact id=\"name\" type=\"text\" path=\"/dossier/park/name\">\n"       \
    "      <label lang=\"vi\">tên khu</label><label "                         \
    "lang=\"en\">name</label>\n"                                               \
    "    </fact>"

#define FACT_PROFILE                                                           \
    "    <fact id=\"profile\" type=\"text\" path=\"/dossier/park/profile\">\n" \
    "      <label lang=\"vi\">loại hình</label><label "                     \
    "lang=\"en\">profile</label>\n"                                            \
    "    </fact>"

#define FACT_FUNCTIONS                                                         \
    "    <fact id=\"functions\" type=\"set\" "                                 \
    "values=\"/dossier/functions/function/@name\">\n"                          \
    "      <label lang=\"vi\">chức năng</label><label "                     \
    "lang=\"en\">functions</label>\n"                                          \
    "    </fact>"

#define RULE2_OPEN(kinds)                                                      \
    "    <rule id=\"r2\" category=\"criterion\" severity=\"mandatory\" "       \
    "kinds=\"" kinds "\">\n"                                                   \
    "      <citation article=\"5\" clause=\"3\"/>\n"

#define TITLES                                                                 \
    "      <title lang=\"vi\">Thử</title><title lang=\"en\">Test</title>\n"

#define RULE2(check)                                                           \
    RULE2_OPEN("establishment")                                                \
    TITLES "      <check>" check "</check>\n"                                  \
           "    </rule>"

/* ------------------------------------------------------------------------
 * Readings: an open provision stated as several readings
 * ------------------------------------------------------------------------ */

#define READING(id, kinds, check)                                              \
    "        <reading id=\"" id "\"" kinds ">\n"                               \
    "          <title lang=\"vi\">Cách " id "</title>\n"                       \
    "          <title lang=\"en\">Reading " id "</title>\n"                    \
    "          <explanation lang=\"vi\">Vì " id "</explanation>\n"             \
    "          <explanation lang=\"en\">Because " id "</explanation>\n"        \
    "          <check>" check "</check>\n"                                     \
    "        </reading>\n"

#define WORDS                                                                  \
    "        <words lang=\"vi\">lời để ngỏ</words>\n"                   \
    "        <words lang=\"en\">open words</words>\n"

#define RULE2_READINGS(kinds, body)                                            \
    RULE2_OPEN(kinds)                                                          \
    TITLES "      <readings>\n" body "      </readings>\n"                     \
           "    </rule>"

#define CMP_IT "<compare fact=\"it_workers\" op=\"ge\" value=\"1000\"/>"
#define CMP_TOTAL "<compare fact=\"total_workers\" op=\"ge\" value=\"3000\"/>"

/* The loader reports a malformed <readings> where it is. */
START_TEST(test_readings_one_reading)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_READINGS("establishment", WORDS READING("a", "", CMP_IT)));

    expect_one(pack, "<readings>", 1, "needs at least two <reading>");
    free(pack);
}
END_TEST

START_TEST(test_readings_without_words)
{
    char *pack = make_pack(NULL, NULL,
                           RULE2_READINGS("establishment",
                                          READING("a", "", CMP_IT)
                                              READING("b", "", "<all/>")));

    expect_one(pack, "<readings>", 1, "<readings> lacks its <words>");
    free(pack);
}
END_TEST

START_TEST(test_readings_duplicate_id)
{
    char *pack = make_pack(NULL, NULL,
                           RULE2_READINGS("establishment",
                                          WORDS READING("a", "", CMP_IT)
                                              READING("a", "", "<all/>")));

    expect_one(pack, "id=\"a\"", 2, "reading id \"a\" is used twice");
    free(pack);
}
END_TEST

START_TEST(test_readings_reading_without_check)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_READINGS(
            "establishment",
            WORDS READING(
                "a", "",
                CMP_IT) "        <reading id=\"b\">\n"
                        "          <title lang=\"vi\">b</title>"
                        "<title lang=\"en\">b</title>\n"
                        "          <explanation lang=\"vi\">b</explanation>"
                        "<explanation lang=\"en\">b</explanation>\n"
                        "        </reading>\n"));

    expect_one(pack, "<reading id=\"b\"", 1, "reading \"b\" has no <check>");
    free(pack);
}
END_TEST

START_TEST(test_readings_lack_explanation)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_READINGS(
            "establishment",
            WORDS READING(
                "a", "",
                CMP_IT) "        <reading id=\"b\">\n"
                        "          <title lang=\"vi\">b</title>"
                        "<title lang=\"en\">b</title>\n"
                        "          <explanation lang=\"vi\">b</explanation>\n"
                        "          <check><all/></check>\n"
                        "        </reading>\n"));

    expect_one(pack, "<reading id=\"b\"", 1,
               "lacks its <explanation> in English");
    free(pack);
}
END_TEST

START_TEST(test_readings_and_check)
{
    char *pack = make_pack(NULL, NULL,
                           RULE2_OPEN("establishment") TITLES
                           "      <check>" CMP_IT "</check>\n"
                           "      <readings>\n" WORDS READING("a", "", CMP_IT)
                               READING("b", "", "<all/>") "      </readings>\n"
                                                          "    </rule>");

    expect_one(pack, "<check>" CMP_IT, 1, "put each reading's condition");
    free(pack);
}
END_TEST

START_TEST(test_readings_unknown_child)
{
    char *pack =
        make_pack(NULL, NULL,
                  RULE2_READINGS("establishment", WORDS
                                 "        <note/>\n" READING("a", "", CMP_IT)
                                     READING("b", "", "<all/>")));

    expect_one(pack, "<note/>", 1, "unknown element <note> in <readings>");
    free(pack);
}
END_TEST

START_TEST(test_readings_kind_outside_rule)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_READINGS("establishment",
                       WORDS READING("a", "", CMP_IT)
                           READING("b", " kinds=\"expansion\"", "<all/>")));

    expect_one(pack, "kinds=\"expansion\"", 1,
               "a reading for a kind of dossier the rule does not apply to");
    free(pack);
}
END_TEST

START_TEST(test_readings_kind_uncovered)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_READINGS("establishment expansion",
                       WORDS READING("a", " kinds=\"expansion\"", CMP_IT)
                           READING("b", " kinds=\"expansion\"", "<all/>")));

    expect_one(pack, "<readings>", 1,
               "a kind of dossier the rule applies to has no reading");
    free(pack);
}
END_TEST

START_TEST(test_readings_open_message_placeholders)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_OPEN("establishment") TITLES
        "      <readings>\n" WORDS READING("a", "", CMP_IT) READING(
            "b", "",
            "<all/>") "      </readings>\n"
                      "      <message lang=\"vi\" "
                      "on=\"open\">{nonsense}</message>\n"
                      "      <message lang=\"en\" on=\"open\">x</message>\n"
                      "    </rule>");

    expect_one(pack, "<message lang=\"vi\" on=\"open\">", 1,
               "unknown placeholder {nonsense}");
    free(pack);
}
END_TEST

/* The truth table: reading a asks it_workers >= 1000, reading b
 * total_workers >= 3000; each is met, not met or unknown (left out), with
 * never more IT workers than workers (that is an input error). A rule passes or
 * fails only when both agree; one passing and the other failing is open,
 * whatever else; any unknown otherwise leaves it unknown. */
static pk_report *check_workforce(pk_engine *e, const char *kind,
                                  const char *it, const char *total)
{
    char xml[512];
    pk_report *r = NULL;
    pk_error err;

    snprintf(xml, sizeof xml,
             "<dossier format=\"1\" kind=\"%s\" submitted=\"2024-06-01\">"
             "<workforce>%s%s%s%s%s%s</workforce></dossier>",
             kind, it ? "<it-specialists>" : "", it ? it : "",
             it ? "</it-specialists>" : "", total ? "<total>" : "",
             total ? total : "", total ? "</total>" : "");
    ck_assert_int_eq(
        pk_check_memory(&r, e, "d.xml", xml, strlen(xml), NULL, &err), PK_OK);
    return r;
}

START_TEST(test_readings_truth_table)
{
    static const struct {
        const char *it, *total;
        pk_status a, b, rule;
        pk_verdict verdict;
    } rows[] = {
        {"2000", "4000", PK_STATUS_PASS, PK_STATUS_PASS, PK_STATUS_PASS,
         PK_VERDICT_ELIGIBLE},
        {"500", "1000", PK_STATUS_FAIL, PK_STATUS_FAIL, PK_STATUS_FAIL,
         PK_VERDICT_NOT_ELIGIBLE},
        {"2000", "2000", PK_STATUS_PASS, PK_STATUS_FAIL, PK_STATUS_OPEN,
         PK_VERDICT_NEEDS_RULING},
        {"500", "3000", PK_STATUS_FAIL, PK_STATUS_PASS, PK_STATUS_OPEN,
         PK_VERDICT_NEEDS_RULING},
        {"2000", NULL, PK_STATUS_PASS, PK_STATUS_UNKNOWN, PK_STATUS_UNKNOWN,
         PK_VERDICT_INCOMPLETE},
        {NULL, "4000", PK_STATUS_UNKNOWN, PK_STATUS_PASS, PK_STATUS_UNKNOWN,
         PK_VERDICT_INCOMPLETE},
        {"500", NULL, PK_STATUS_FAIL, PK_STATUS_UNKNOWN, PK_STATUS_UNKNOWN,
         PK_VERDICT_INCOMPLETE},
        {NULL, "1000", PK_STATUS_UNKNOWN, PK_STATUS_FAIL, PK_STATUS_UNKNOWN,
         PK_VERDICT_INCOMPLETE},
        {NULL, NULL, PK_STATUS_UNKNOWN, PK_STATUS_UNKNOWN, PK_STATUS_UNKNOWN,
         PK_VERDICT_INCOMPLETE},
    };
    char *pack = make_pack(NULL, FACT_TOTAL,
                           RULE2_READINGS("establishment",
                                          WORDS READING("a", "", CMP_IT)
                                              READING("b", "", CMP_TOTAL)));
    diags d;
    pk_engine *e;
    pk_error err;

    /* r1 is the base pack's it_workers >= 2000: out of the way here */
    pack = tc_replace_free(pack, "value>2000<", "value>0<");
    ck_assert_int_eq(load(pack, &d, &e, &err), PK_OK);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        pk_report *r =
            check_workforce(e, "establishment", rows[i].it, rows[i].total);
        const pk_result *res = pk_report_result(r, 1);

        ck_assert_str_eq(pk_result_id(res), "r2");
        ck_assert_msg(pk_result_status(res) == rows[i].rule,
                      "row %zu: %s, expected %s", i,
                      pk_status_name(pk_result_status(res)),
                      pk_status_name(rows[i].rule));
        ck_assert_uint_eq(pk_result_reading_count(res), 2);
        ck_assert_str_eq(pk_result_reading_id(res, 0), "a");
        ck_assert_str_eq(pk_result_reading_id(res, 1), "b");
        ck_assert_int_eq(pk_result_reading_status(res, 0), rows[i].a);
        ck_assert_int_eq(pk_result_reading_status(res, 1), rows[i].b);
        ck_assert_msg(pk_report_verdict(r) == rows[i].verdict,
                      "row %zu: verdict %s, expected %s", i,
                      pk_verdict_name(pk_report_verdict(r)),
                      pk_verdict_name(rows[i].verdict));
        if (rows[i].rule == PK_STATUS_OPEN) {
            /* the pack gives no open message: the general one says why */
            ck_assert_ptr_nonnull(strstr(pk_result_message(res, PK_LANG_EN),
                                         "a ruling of the competent "
                                         "authority is needed"));
            ck_assert_ptr_nonnull(strstr(pk_result_message(res, PK_LANG_VI),
                                         "cần xin ý kiến cơ quan có thẩm "
                                         "quyền"));
            ck_assert_uint_eq(pk_result_missing_count(res), 0);
        }
        pk_report_free(r);
    }
    pk_engine_free(e);
    free(pack);
}
END_TEST

/* The getters, and a reading for some kinds only: for the others the
 * provision is settled and the result has no readings. */
START_TEST(test_readings_getters_and_kinds)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_READINGS("establishment expansion",
                       WORDS READING("binding", "", CMP_IT) READING(
                           "not-binding", " kinds=\"expansion\"", "<all/>")));
    diags d;
    pk_engine *e;
    pk_error err;
    pk_report *r;
    const pk_result *res;
    pk_comparison c;

    pack = tc_replace_free(pack, "value>2000<", "value>0<");
    ck_assert_int_eq(load(pack, &d, &e, &err), PK_OK);

    r = check_workforce(e, "expansion", "500", NULL);
    res = pk_report_result(r, 1);
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_OPEN);
    ck_assert_str_eq(pk_status_name(pk_result_status(res)), "open");
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_NEEDS_RULING);
    ck_assert_str_eq(pk_verdict_name(pk_report_verdict(r)), "needs-ruling");
    ck_assert_uint_eq(pk_result_reading_count(res), 2);
    ck_assert_str_eq(pk_result_reading_title(res, 1, PK_LANG_VI),
                     "Cách not-binding");
    ck_assert_str_eq(pk_result_reading_title(res, 1, PK_LANG_EN),
                     "Reading not-binding");
    ck_assert_str_eq(pk_result_reading_explanation(res, 0, PK_LANG_VI),
                     "Vì binding");
    ck_assert_str_eq(pk_result_reading_explanation(res, 0, PK_LANG_EN),
                     "Because binding");
    ck_assert_str_eq(pk_result_open_words(res, PK_LANG_VI), "lời để ngỏ");
    ck_assert_str_eq(pk_result_open_words(res, PK_LANG_EN), "open words");
    /* out of range */
    ck_assert_ptr_null(pk_result_reading_id(res, 2));
    ck_assert_ptr_null(pk_result_reading_title(res, 2, PK_LANG_EN));
    ck_assert_int_eq(pk_result_reading_status(res, 2), PK_STATUS_ERROR);
    /* a failing comparison is quoted: the one a ruling would weigh */
    ck_assert_int_eq(pk_result_comparison(res, &c), PK_OK);
    ck_assert_str_eq(c.fact, "it_workers");
    ck_assert_double_eq(c.value, 500);
    pk_report_free(r);

    /* an establishment has one reading: settled, and it fails */
    r = check_workforce(e, "establishment", "500", NULL);
    res = pk_report_result(r, 1);
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_FAIL);
    ck_assert_uint_eq(pk_result_reading_count(res), 0);
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_NOT_ELIGIBLE);
    pk_report_free(r);

    /* a settled rule has no readings and no words */
    r = check_workforce(e, "establishment", "2000", NULL);
    res = pk_report_result(r, 0);
    ck_assert_uint_eq(pk_result_reading_count(res), 0);
    ck_assert_str_eq(pk_result_open_words(res, PK_LANG_EN), "");
    pk_report_free(r);
    pk_engine_free(e);
    free(pack);

    ck_assert_int_eq(pk_verdict_rank(PK_VERDICT_INCOMPLETE), 1);
    ck_assert_int_eq(pk_verdict_rank(PK_VERDICT_NEEDS_RULING), 2);
    ck_assert_int_eq(pk_verdict_rank(PK_VERDICT_NOT_ELIGIBLE), 3);
    ck_assert_int_eq(pk_verdict_rank((pk_verdict)99), -1);
}
END_TEST

/* ------------------------------------------------------------------------
 * Valid packs
 * ------------------------------------------------------------------------ */

START_TEST(test_minimal_pack_loads)
{
    char *pack = make_pack(NULL, NULL, NULL);
    static const char dossier[] =
        "<dossier format=\"1\" kind=\"establishment\" submitted=\"2024-06-01\">"
        "<workforce><it-specialists>1850</it-specialists></workforce>"
        "</dossier>";
    diags d;
    pk_engine *e;
    pk_error err;
    pk_report *r = NULL;
    const pk_result *res;

    ck_assert_int_eq(load(pack, &d, &e, &err), PK_OK);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(pk_engine_pack_count(e), 1);
    ck_assert_str_eq(pk_engine_pack_id(e, 0), "mini");
    ck_assert_str_eq(pk_engine_pack_version(e, 0), "0.1");
    ck_assert_str_eq(pk_engine_pack_title(e, 0, PK_LANG_VI), "Gói thử");
    ck_assert_str_eq(pk_engine_pack_title(e, 0, PK_LANG_EN), "Test pack");
    ck_assert_str_eq(pk_engine_pack_valid_from(e, 0), "2014-01-01");
    ck_assert_str_eq(pk_engine_pack_valid_until(e, 0), "");
    ck_assert_ptr_null(pk_engine_pack_id(e, 1));

    /* and it works */
    ck_assert_int_eq(
        pk_check_memory(&r, e, "d.xml", dossier, strlen(dossier), NULL, &err),
        PK_OK);
    ck_assert_uint_eq(pk_report_result_count(r), 1);
    res = pk_report_result(r, 0);
    ck_assert_str_eq(pk_result_id(res), "r1");
    ck_assert_int_eq(pk_result_status(res), PK_STATUS_FAIL);
    ck_assert_str_eq(pk_result_message(res, PK_LANG_EN), "150 people short.");
    ck_assert_str_eq(pk_result_message(res, PK_LANG_VI), "Thiếu 150 người.");
    ck_assert_int_eq(pk_report_verdict(r), PK_VERDICT_NOT_ELIGIBLE);
    ck_assert_str_eq(pk_report_pack_id(r), "mini");
    pk_report_free(r);
    pk_engine_free(e);
    free(pack);
}
END_TEST

/* Dated values one after the other, and values by a fact's case, load. */
START_TEST(test_dated_and_cased_values_load)
{
    char *pack = make_pack(
        "    <param id=\"land_min\" type=\"number\" unit=\"ha\" "
        "by=\"profile\">\n"
        "      <citation article=\"5\" clause=\"3\"/>\n"
        "      <label lang=\"vi\">đất</label><label lang=\"en\">land</label>\n"
        "      <value when=\"software-only\">1</value>\n"
        "      <value from=\"2014-01-01\" until=\"2019-12-31\">5</value>\n"
        "      <value from=\"2020-01-01\">4</value>\n"
        "    </param>",
        FACT_PROFILE
        "\n"
        "    <fact id=\"land\" type=\"number\" unit=\"ha\" "
        "path=\"/dossier/land/total\">\n"
        "      <label lang=\"vi\">đất</label><label lang=\"en\">land</label>\n"
        "    </fact>",
        RULE2("<compare fact=\"land\" op=\"ge\" param=\"land_min\"/>"));
    static const char *const dossiers[] = {
        "<dossier format=\"1\" kind=\"establishment\" submitted=\"2019-12-31\">"
        "<park><profile>mixed</profile></park><land><total>4.5</total></land>"
        "</dossier>",
        "<dossier format=\"1\" kind=\"establishment\" submitted=\"2020-01-01\">"
        "<park><profile>mixed</profile></park><land><total>4.5</total></land>"
        "</dossier>",
    };
    static const pk_status want[] = {PK_STATUS_FAIL, PK_STATUS_PASS};
    diags d;
    pk_engine *e;
    pk_error err;

    if (load(pack, &d, &e, &err) != PK_OK)
        dump(&d);
    ck_assert_ptr_nonnull(e);
    for (int i = 0; i < 2; i++) {
        pk_report *r = NULL;
        ck_assert_int_eq(pk_check_memory(&r, e, "d.xml", dossiers[i],
                                         strlen(dossiers[i]), NULL, &err),
                         PK_OK);
        ck_assert_int_eq(pk_result_status(pk_report_result(r, 1)), want[i]);
        pk_report_free(r);
    }
    pk_engine_free(e);
    free(pack);
}
END_TEST

/* ------------------------------------------------------------------------
 * One problem each
 * ------------------------------------------------------------------------ */

START_TEST(test_unknown_element)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "<title lang=\"vi\">Gói thử</title>",
                            "<title lang=\"vi\">Gói thử</title><sources/>");
    diags d;

    load_bad(pack, &d, 1);
    /* column 35 in characters ("Gói thử" is 7 characters, 10 bytes) */
    ck_assert_uint_eq(d.e[0].line, 3);
    ck_assert_uint_eq(d.e[0].column, 35);
    assert_diag(&d, 0, pack, "<sources/>", 1,
                "unknown element <sources> in <rulepack>");
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_unknown_element_in_rule)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "<title lang=\"en\">Workers</title>",
                            "<title lang=\"en\">Workers</title><note/>");

    expect_one(pack, "<note/>", 1, "unknown element <note> in <rule>");
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_duplicate_rule_id)
{
    char *pack = make_pack(
        NULL, NULL,
        "    <rule id=\"r1\" category=\"criterion\" severity=\"advisory\">\n"
        "      <citation article=\"5\"/>\n" TITLES
        "      <check><present fact=\"it_workers\"/></check>\n"
        "    </rule>");

    expect_one(pack, "id=\"r1\"", 2, "rule id \"r1\" is used twice");
    {
        diags d;
        load_bad(pack, &d, 1);
        ck_assert_ptr_nonnull(strstr(d.e[0].message, "first at line 21"));
    }
    free(pack);
}
END_TEST

START_TEST(test_duplicate_fact_id)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"it_workers\" type=\"number\" "
        "path=\"/dossier/workforce/total\">\n"
        "      <label lang=\"vi\">x</label><label lang=\"en\">x</label>\n"
        "    </fact>",
        NULL);

    expect_one(pack, "id=\"it_workers\"", 2,
               "fact \"it_workers\" is defined twice");
    free(pack);
}
END_TEST

START_TEST(test_duplicate_param_id)
{
    char *pack = make_pack(
        "    <param id=\"it_min\" type=\"number\">\n"
        "      <citation article=\"5\"/>\n"
        "      <label lang=\"vi\">x</label><label lang=\"en\">x</label>\n"
        "      <value>1</value>\n"
        "    </param>",
        NULL, NULL);

    expect_one(pack, "id=\"it_min\"", 2,
               "parameter \"it_min\" is defined twice");
    free(pack);
}
END_TEST

START_TEST(test_undefined_fact)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2("<compare fact=\"it_worker\" op=\"ge\" param=\"it_min\"/>"));

    expect_one(pack, "fact=\"it_worker\"", 1, "undefined fact \"it_worker\"");
    free(pack);
}
END_TEST

START_TEST(test_undefined_fact_in_derived)
{
    char *pack =
        make_pack(NULL,
                  "    <fact id=\"share\" type=\"number\" unit=\"ratio\">\n"
                  "      <ratio of=\"it_workers\" to=\"total\"/>\n"
                  "      <label lang=\"vi\">tỷ lệ</label><label "
                  "lang=\"en\">share</label>\n"
                  "    </fact>",
                  RULE2("<compare fact=\"share\" op=\"ge\" value=\"0.6\"/>"));

    expect_one(pack, "<ratio", 1, "uses undefined fact \"total\"");
    free(pack);
}
END_TEST

START_TEST(test_undefined_param)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2("<compare fact=\"it_workers\" op=\"ge\" param=\"it_max\"/>"));

    expect_one(pack, "param=\"it_max\"", 1, "undefined parameter \"it_max\"");
    free(pack);
}
END_TEST

START_TEST(test_unused_fact)
{
    char *pack = make_pack(NULL, FACT_TOTAL, NULL);

    expect_one(pack, "<fact id=\"total_workers\"", 1,
               "fact \"total_workers\" is defined but no rule uses it");
    free(pack);
}
END_TEST

START_TEST(test_unused_param)
{
    char *pack = make_pack("    <param id=\"share_min\" type=\"percent\">\n"
                           "      <citation article=\"5\" clause=\"2\"/>\n"
                           "      <label lang=\"vi\">tỷ lệ</label><label "
                           "lang=\"en\">share</label>\n"
                           "      <value>60</value>\n"
                           "    </param>",
                           NULL, NULL);

    expect_one(pack, "<param id=\"share_min\"", 1,
               "parameter \"share_min\" is defined but no rule uses it");
    free(pack);
}
END_TEST

/* A fact or parameter used only in a message is used. */
START_TEST(test_used_in_message_only)
{
    char *base = make_pack(NULL, FACT_TOTAL, NULL);
    char *pack = tc_replace(base, "{shortfall} short.",
                            "{shortfall} short of {fact:total_workers}.");
    char *pack2 = tc_replace(pack, "Thiếu {shortfall}.",
                             "Thiếu {shortfall} / {fact:total_workers}.");
    diags d;
    pk_engine *e;
    pk_error err;

    ck_assert_int_eq(load(pack2, &d, &e, &err), PK_OK);
    ck_assert_uint_eq(d.n, 0);
    pk_engine_free(e);
    free(pack2);
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_type_mismatch_set_ge)
{
    char *pack = make_pack(
        NULL, FACT_FUNCTIONS,
        RULE2("<compare fact=\"functions\" op=\"ge\" param=\"it_min\"/>"));

    expect_one(pack, "fact=\"functions\"", 1,
               "fact \"functions\" cannot be compared with op=\"ge\"");
    free(pack);
}
END_TEST

START_TEST(test_type_mismatch_facts)
{
    char *pack = make_pack(
        NULL, FACT_NAME,
        RULE2("<compare fact=\"it_workers\" op=\"eq\" other=\"name\"/>"));

    expect_one(pack, "other=\"name\"", 1,
               "facts \"it_workers\" and \"name\" have different types");
    free(pack);
}
END_TEST

START_TEST(test_type_mismatch_text_ge)
{
    char *pack =
        make_pack(NULL, FACT_NAME,
                  RULE2("<compare fact=\"name\" op=\"ge\" value=\"A\"/>"));

    expect_one(pack, "fact=\"name\"", 1, "cannot be compared with op=\"ge\"");
    free(pack);
}
END_TEST

START_TEST(test_path_not_in_format)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"total\" type=\"number\" "
        "path=\"/dossier/workforce/totals\">\n"
        "      <label lang=\"vi\">tổng</label><label lang=\"en\">all</label>\n"
        "    </fact>",
        RULE2("<compare fact=\"total\" op=\"ge\" value=\"1\"/>"));

    expect_one(pack, "path=\"/dossier/workforce/totals\"", 1,
               "<workforce> has no child <totals> in the dossier format");
    free(pack);
}
END_TEST

START_TEST(test_path_attribute_not_in_format)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"area\" type=\"number\" "
        "sum=\"/dossier/zones/zone/@aera\">\n"
        "      <label lang=\"vi\">đất</label><label lang=\"en\">area</label>\n"
        "    </fact>",
        RULE2("<compare fact=\"area\" op=\"ge\" value=\"1\"/>"));

    expect_one(pack, "sum=", 1, "<zone> has no attribute \"aera\"");
    free(pack);
}
END_TEST

START_TEST(test_attribute_step_not_last)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"k\" type=\"text\" path=\"/dossier/@kind/park\">\n"
        "      <label lang=\"vi\">loại</label><label lang=\"en\">kind</label>\n"
        "    </fact>",
        NULL);

    expect_one(pack, "path=\"/dossier/@kind/park\"", 1,
               "an attribute step must come last");
    free(pack);
}
END_TEST

START_TEST(test_predicate_outside_vocabulary)
{
    char *pack =
        make_pack(NULL,
                  "    <fact id=\"core\" type=\"number\" "
                  "count=\"/dossier/zones/zone[@group='kore']\">\n"
                  "      <label lang=\"vi\">phân khu</label><label "
                  "lang=\"en\">zones</label>\n"
                  "    </fact>",
                  RULE2("<compare fact=\"core\" op=\"ge\" value=\"1\"/>"));

    expect_one(pack, "count=", 1, "\"kore\" is not a value of <zone group>");
    free(pack);
}
END_TEST

/* [@a!='v'] and lists a dossier says are not exhaustive (a format
 * attribute with opens=): a set read through one is open, so a name not in
 * it is unknown; a count through one is missing, its listed rows a floor. */
#define OPEN_FACTS                                                             \
    "    <fact id=\"topics\" type=\"set\" values=\"/dossier/documents/"        \
    "document[@type='scheme'][@status!='outline']/covers/@topic\">\n"          \
    "      <label lang=\"vi\">nội dung</label><label "                       \
    "lang=\"en\">parts</label>\n"                                              \
    "    </fact>\n"                                                            \
    "    <fact id=\"certs\" type=\"number\" count=\"/dossier/documents/"       \
    "document[@type='eia-approval'][@certified-copy='true']\">\n"              \
    "      <label lang=\"vi\">bản sao</label><label "                        \
    "lang=\"en\">copies</label>\n"                                             \
    "    </fact>"

#define OPEN_RULES                                                             \
    RULE2("<contains fact=\"topics\" value=\"necessity\"/>")                   \
    "\n"                                                                       \
    "    <rule id=\"r3\" category=\"document\" severity=\"mandatory\" "        \
    "kinds=\"establishment\">\n"                                               \
    "      <citation article=\"11\" clause=\"1\"/>\n" TITLES                   \
    "      <check><compare fact=\"certs\" op=\"ge\" value=\"1\"/></check>\n"   \
    "    </rule>"

static pk_status open_status(const pk_engine *e, const char *docs,
                             const char *rule, const char **missing)
{
    char xml[1024];
    pk_report *r = NULL;
    pk_error err;
    pk_status st = PK_STATUS_ERROR;

    snprintf(xml, sizeof xml,
             "<dossier format=\"1\" kind=\"establishment\" "
             "submitted=\"2024-06-01\">%s</dossier>",
             docs);
    ck_assert_int_eq(
        pk_check_memory(&r, e, "d.xml", xml, strlen(xml), NULL, &err), PK_OK);
    if (missing != NULL)
        *missing = NULL;
    for (size_t i = 0; i < pk_report_result_count(r); i++) {
        const pk_result *res = pk_report_result(r, i);
        if (strcmp(pk_result_id(res), rule) != 0)
            continue;
        st = pk_result_status(res);
        /* the fact ids outlive the report: they are the engine's */
        if (missing != NULL && pk_result_missing_count(res) > 0)
            *missing = pk_result_missing(res, 0);
    }
    pk_report_free(r);
    return st;
}

START_TEST(test_open_lists_and_negated_predicates)
{
    char *pack = make_pack(NULL, OPEN_FACTS, OPEN_RULES);
    diags d;
    pk_engine *e;
    pk_error err;
    const char *missing;

    ck_assert_int_eq(load(pack, &d, &e, &err), PK_OK);
    ck_assert_uint_eq(d.n, 0);
    /* contents not described: the part is unknown, naming the set */
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "contents=\"not-described\"/></documents>",
                                 "r2", &missing),
                     PK_STATUS_UNKNOWN);
    ck_assert_ptr_nonnull(missing);
    ck_assert_str_eq(missing, "topics");
    /* partly listed: a listed part is there, one not listed unknown */
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "contents=\"partly-listed\"><covers "
                                 "topic=\"necessity\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_PASS);
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "contents=\"partly-listed\"><covers "
                                 "topic=\"investment\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_UNKNOWN);
    /* listed, as without the attribute: closed */
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "contents=\"listed\"><covers "
                                 "topic=\"investment\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_FAIL);
    /* [@status!='outline']: an outline does not match, absent or draft do */
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "status=\"outline\"><covers "
                                 "topic=\"necessity\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_FAIL);
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "status=\"draft\"><covers "
                                 "topic=\"necessity\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_PASS);
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\">"
                                 "<covers topic=\"necessity\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_PASS);
    /* an undescribed outline opens nothing: it is not on the path */
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"scheme\" "
                                 "status=\"outline\" contents=\"not-"
                                 "described\"/><document type=\"scheme\">"
                                 "<covers topic=\"investment\"/></document>"
                                 "</documents>",
                                 "r2", NULL),
                     PK_STATUS_FAIL);
    /* a count through a partly listed list: its listed rows still decide
     * "at least one", none listed leaves it open; closed, 0 fails */
    ck_assert_int_eq(open_status(e,
                                 "<documents contents=\"partly-listed\">"
                                 "<document type=\"eia-approval\" "
                                 "certified-copy=\"true\"/></documents>",
                                 "r3", NULL),
                     PK_STATUS_PASS);
    ck_assert_int_eq(open_status(e,
                                 "<documents contents=\"partly-listed\">"
                                 "<document type=\"eia-approval\" "
                                 "certified-copy=\"false\"/></documents>",
                                 "r3", &missing),
                     PK_STATUS_UNKNOWN);
    ck_assert_ptr_nonnull(missing);
    ck_assert_str_eq(missing, "certs");
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"eia-"
                                 "approval\" certified-copy=\"false\"/>"
                                 "</documents>",
                                 "r3", NULL),
                     PK_STATUS_FAIL);
    /* two approvals are counted, never ambiguous */
    ck_assert_int_eq(open_status(e,
                                 "<documents><document type=\"eia-"
                                 "approval\" certified-copy=\"false\"/>"
                                 "<document type=\"eia-approval\" "
                                 "certified-copy=\"true\"/></documents>",
                                 "r3", NULL),
                     PK_STATUS_PASS);
    pk_engine_free(e);
    free(pack);
}
END_TEST

START_TEST(test_negated_predicate_needs_quotes)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"n\" type=\"number\" "
        "count=\"/dossier/documents/document[@status!=outline]\">\n"
        "      <label lang=\"vi\">số</label><label lang=\"en\">n</label>\n"
        "    </fact>",
        RULE2("<compare fact=\"n\" op=\"ge\" value=\"1\"/>"));

    expect_one(pack, "count=", 1, "[@attribute!='value']");
    free(pack);
}
END_TEST

/* A ratio of itself through a second fact: a = b / x, b = a / x. */
#define CYCLE_FACTS                                                            \
    "    <fact id=\"a\" type=\"number\"><ratio of=\"b\" to=\"it_workers\"/>\n" \
    "      <label lang=\"vi\">a</label><label lang=\"en\">a</label></fact>\n"  \
    "    <fact id=\"b\" type=\"number\"><ratio of=\"a\" to=\"it_workers\"/>\n" \
    "      <label lang=\"vi\">b</label><label lang=\"en\">b</label></fact>"

START_TEST(test_cycle)
{
    char *pack = make_pack(NULL, CYCLE_FACTS, NULL);

    expect_one(pack, "<fact id=\"a\"", 1, "fact \"a\" is derived from itself");
    free(pack);
}
END_TEST

/* The same cycle with a rule that uses it (the usual case: an unused fact
 * is a problem of its own) must be reported, not crash the loader. */
START_TEST(test_cycle_used_by_rule)
{
    char *pack =
        make_pack(NULL, CYCLE_FACTS,
                  RULE2("<compare fact=\"a\" op=\"ge\" value=\"1\"/>"));

    int ok = fails_cleanly(pack);

    free(pack);
    ck_assert_msg(ok, "a cycle used by a rule crashes the loader");
}
END_TEST

START_TEST(test_self_ratio_used_by_rule)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"s\" type=\"number\"><ratio of=\"s\" "
        "to=\"it_workers\"/>\n"
        "      <label lang=\"vi\">s</label><label lang=\"en\">s</label></fact>",
        RULE2("<compare fact=\"s\" op=\"ge\" value=\"1\"/>"));

    int ok = fails_cleanly(pack);

    free(pack);
    ck_assert_msg(ok, "a fact derived from itself crashes the loader");
}
END_TEST

START_TEST(test_missing_vietnamese_title)
{
    char *pack = make_pack(
        NULL, NULL,
        RULE2_OPEN(
            "establishment") "      <title lang=\"en\">Only English</title>\n"
                             "      <check><present "
                             "fact=\"it_workers\"/></check>\n"
                             "    </rule>");

    expect_one(pack, "<rule id=\"r2\"", 1,
               "<rule> lacks its <title> in Vietnamese");
    free(pack);
}
END_TEST

START_TEST(test_missing_fact_label)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack =
        tc_replace(base, "      <label lang=\"en\">IT workers</label>\n", "");

    expect_one(pack, "<fact id=\"it_workers\"", 1,
               "<fact> lacks its <label> in English");
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_unknown_placeholder)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "Thiếu {shortfall}.", "Thiếu {shortage}.");

    expect_one(pack, "<message lang=\"vi\"", 1,
               "unknown placeholder {shortage}");
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_placeholder_unknown_fact)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "{shortfall} short.",
                            "{shortfall} short of {fact:it_worker}.");

    expect_one(pack, "<message lang=\"en\"", 1,
               "unknown placeholder {fact:it_worker}");
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_message_lacks_english)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack =
        tc_replace(base,
                   "      <message lang=\"en\" on=\"fail\">{shortfall} "
                   "short.</message>\n",
                   "");

    expect_one(pack, "<rule id=\"r1\"", 1,
               "the on=\"fail\" message lacks its English translation");
    free(pack);
    free(base);
}
END_TEST

/* A pattern with a combining mark could never match a dossier's text,
 * which is read in NFC: refused, at the pattern; the same words composed
 * load. */
START_TEST(test_pattern_not_nfc)
{
#define NFC_RULE(pat)                                                          \
    RULE2_OPEN("establishment")                                                \
    "      <title lang=\"vi\">Nơi nhận</title>"                             \
    "<title lang=\"en\">Addressee</title>"                                     \
    "<check><matches fact=\"name\" "                                           \
    "pattern=\"" pat "\"/></check>\n"                                          \
    "    </rule>"
    char *nfd =
        make_pack(NULL, FACT_NAME,
                  NFC_RULE("(?i)Thu\xcc\x89 tu\xcc\x9bo\xcc\x9b\xcc\x81ng"));
    char *nfc = make_pack(NULL, FACT_NAME, NFC_RULE("(?i)Thủ tướng"));
    diags d;
    pk_engine *e;
    pk_error err;

    expect_one(nfd, "pattern=", 1, "written as a letter and combining marks");
    load_bad(nfd, &d, 1);
    ck_assert_uint_eq(d.e[0].id, 236);
    ck_assert_int_eq(load(nfc, &d, &e, &err), PK_OK);
    pk_engine_free(e);
    free(nfd);
    free(nfc);
#undef NFC_RULE
}
END_TEST

START_TEST(test_bad_pattern)
{
    char *pack = make_pack(
        NULL, FACT_NAME,
        RULE2_OPEN(
            "establishment") "      <title lang=\"vi\">Số quyết định</title>"
                             "<title lang=\"en\">Decision</title>"
                             "<check><matches fact=\"name\" "
                             "pattern=\"^([0-9]+/QĐ-TTg$\"/></check>\n"
                             "    </rule>");
    diags d;

    expect_one(pack, "pattern=", 1, "pattern \"^([0-9]+/QĐ-TTg$\"");
    load_bad(pack, &d, 1);
    ck_assert_ptr_nonnull(strstr(d.e[0].message, "parenthesis"));
    /* on a line with accented letters before it: a character column */
    ck_assert_uint_eq(d.e[0].column, 106);
    free(pack);
}
END_TEST

START_TEST(test_unknown_kind)
{
    char *pack =
        make_pack(NULL, NULL,
                  RULE2_OPEN("establishment expanson") TITLES
                  "      <check><present fact=\"it_workers\"/></check>\n"
                  "    </rule>");

    expect_one(pack, "kinds=\"establishment expanson\"", 1,
               "\"expanson\" is not a dossier kind");
    free(pack);
}
END_TEST

START_TEST(test_when_outside_vocabulary)
{
    char *pack = make_pack(
        "    <param id=\"land_min\" type=\"number\" unit=\"ha\" "
        "by=\"profile\">\n"
        "      <citation article=\"5\" clause=\"3\"/>\n"
        "      <label lang=\"vi\">đất</label><label lang=\"en\">land</label>\n"
        "      <value when=\"software\">1</value>\n"
        "      <value>5</value>\n"
        "    </param>",
        FACT_PROFILE,
        RULE2("<compare fact=\"it_workers\" op=\"ge\" param=\"land_min\"/>"));

    expect_one(pack, "when=\"software\"", 1,
               "\"software\" is not a value of the fact it depends on");
    free(pack);
}
END_TEST

START_TEST(test_two_values_in_force)
{
    char *pack = make_pack(
        "    <param id=\"x_min\" type=\"number\">\n"
        "      <citation article=\"5\"/>\n"
        "      <label lang=\"vi\">x</label><label lang=\"en\">x</label>\n"
        "      <value from=\"2014-01-01\">1</value>\n"
        "      <value from=\"2016-01-01\">2</value>\n"
        "    </param>",
        NULL,
        RULE2("<compare fact=\"it_workers\" op=\"ge\" param=\"x_min\"/>"));

    expect_one(pack, "<param id=\"x_min\"", 1,
               "two values are in force at the same time");
    free(pack);
}
END_TEST

START_TEST(test_missing_in_force)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "  <in-force from=\"2014-01-01\"/>\n", "");
    diags d;

    expect_one(pack, "<rulepack", 1, "needs <in-force from=");
    load_bad(pack, &d, 1);
    ck_assert_uint_eq(d.e[0].line, 2);
    ck_assert_uint_eq(d.e[0].column, 1);
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_in_force_dates)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *bad = tc_replace(base, "<in-force from=\"2014-01-01\"/>",
                           "<in-force from=\"2014-02-30\"/>");
    char *backwards = tc_replace(base, "<in-force from=\"2014-01-01\"/>",
                                 "<in-force from=\"2014-01-01\" "
                                 "until=\"2013-12-31\"/>");

    expect_one(bad, "from=\"2014-02-30\"", 1, "month 2 has 28 days");
    expect_one(backwards, "until=", 1, "until is before from");
    free(backwards);
    free(bad);
    free(base);
}
END_TEST

START_TEST(test_wrong_format_version)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack =
        tc_replace(base, "format=\"1\" dossier", "format=\"2\" dossier");
    char *dpack =
        tc_replace(base, "dossier-format=\"1\"", "dossier-format=\"2\"");

    expect_one(pack, "format=\"2\"", 1, "needs format=\"1\"");
    expect_one(dpack, "dossier-format=\"2\"", 1, "needs dossier-format=\"1\"");
    free(dpack);
    free(pack);
    free(base);
}
END_TEST

/* A pack that is not UTF-8: where the first bad byte is, which byte, in
 * either language. */
START_TEST(test_not_utf8_says_where)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "Gói thử</title>", "G\xF3i th\xF6</title>");
    diags d;
    pk_engine *e;
    pk_error err;
    char vi[PK_ERROR_TEXT_MAX];

    ck_assert_int_eq(load(pack, &d, &e, &err), PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_uint_eq(d.e[0].line, 3);
    ck_assert_uint_eq(d.e[0].column, 21); /* the byte after "G" */
    ck_assert_uint_ne(d.e[0].id, 0);
    ck_assert_ptr_nonnull(strstr(d.e[0].message, "invalid UTF-8 (byte 0xF3)"));
    pk_error_text(&d.e[0], PK_LANG_VI, vi, sizeof vi);
    ck_assert_ptr_nonnull(strstr(vi, "mã UTF-8 không hợp lệ (byte 0xF3)"));
    free(pack);
    free(base);
}
END_TEST

START_TEST(test_not_well_formed)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "Gói thử</title>", "Gói thử</titel>");
    diags d;
    pk_engine *e;
    pk_error err;

    ck_assert_int_eq(load(pack, &d, &e, &err), PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_uint_eq(d.e[0].line, 3);
    ck_assert_uint_eq(d.e[0].column, 35);
    ck_assert_ptr_nonnull(strstr(d.e[0].message, "not well-formed"));
    ck_assert_ptr_nonnull(strstr(d.e[0].message, "titel"));
    ck_assert_str_eq(d.e[0].source, "mini.xml");
    ck_assert_uint_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "not well-formed"));
    free(pack);
    free(base);
}
END_TEST

/* The problem reported is where the pack first goes wrong: line 29's
 * </rulepack> meets the open <rules>; not the end of the file, where the
 * parser gives up. */
START_TEST(test_not_well_formed_first_error)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base, "  </rules>\n", "");
    diags d;
    pk_engine *e;
    pk_error err;

    int rc = load(pack, &d, &e, &err);

    free(pack);
    free(base);
    ck_assert_int_eq(rc, PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_msg(d.e[0].line == 29,
                  "reported at %u:%u: %s (expected line "
                  "29)",
                  d.e[0].line, d.e[0].column, d.e[0].message);
}
END_TEST

START_TEST(test_not_a_pack)
{
    static const char *const bad[] = {
        "",
        "<rulepak id=\"x\"/>",
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE rulepack [<!ENTITY a \"b\">]>\n"
         "<rulepack/>"),
        "<rulepack id=\"x\">\xff</rulepack>",
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        diags d;
        pk_engine *e;
        pk_error err;
        ck_assert_int_eq(load(bad[i], &d, &e, &err), PK_ERULES);
        ck_assert_ptr_null(e);
        ck_assert_uint_ge(d.n, 1);
        ck_assert_str_eq(d.e[0].source, "mini.xml");
        ck_assert(err.message[0] != '\0');
    }
}
END_TEST

/* Two of the loader's walks meet half-built conditions: a failed
 * condition inside <all>, in a pack without <parameters>; and a text fact
 * whose path did not compile, compared with a value. Each must be
 * reported, not crash the loader. */
START_TEST(test_undefined_param_in_all_without_parameters)
{
    char *base = make_pack(NULL, NULL, NULL);
    char *pack = tc_replace(base,
                            "  <parameters>\n"
                            "    <param id=\"it_min\" type=\"number\" "
                            "unit=\"people\">\n"
                            "      <citation article=\"5\" clause=\"2\"/>\n"
                            "      <label lang=\"vi\">số lao động tối thiểu"
                            "</label>\n"
                            "      <label lang=\"en\">minimum workers</label>\n"
                            "      <value>2000</value>\n"
                            "    </param>\n"
                            "  </parameters>\n",
                            "");
    char *pack2 = tc_replace(pack,
                             "<check><compare fact=\"it_workers\" op=\"ge\" "
                             "param=\"it_min\"/></check>",
                             "<check><all><compare fact=\"it_workers\" "
                             "op=\"ge\" param=\"it_min\"/></all></check>");

    int ok;

    /* without <all> it is reported */
    expect_one(pack, "param=\"it_min\"", 1, "undefined parameter");
    ok = fails_cleanly(pack2);
    free(pack2);
    free(pack);
    free(base);
    ck_assert_msg(ok, "an undefined parameter inside <all> crashes the "
                      "loader");
}
END_TEST

START_TEST(test_bad_text_path_compared_with_value)
{
    char *pack = make_pack(
        NULL,
        "    <fact id=\"name\" type=\"text\" path=\"/dossier/park/nmae\">\n"
        "      <label lang=\"vi\">tên</label><label lang=\"en\">name</label>\n"
        "    </fact>",
        RULE2("<compare fact=\"name\" op=\"eq\" value=\"X\"/>"));

    int ok = fails_cleanly(pack);

    free(pack);
    ck_assert_msg(ok, "a text fact with a bad path, compared with a value, "
                      "crashes the loader");
}
END_TEST

/* ------------------------------------------------------------------------
 * Several problems
 * ------------------------------------------------------------------------ */

START_TEST(test_several_problems)
{
    char *base = make_pack(
        NULL,
        "    <fact id=\"it_workers\" type=\"number\" "
        "path=\"/dossier/workforce/total\">\n"
        "      <label lang=\"vi\">x</label><label "
        "lang=\"en\">x</label>\n"
        "    </fact>\n" FACT_NAME,
        RULE2("<compare fact=\"it_workers\" op=\"ge\" "
              "param=\"it_max\"/>") "\n"
                                    "    <rule id=\"r3\" "
                                    "category=\"criterion\" "
                                    "severity=\"mandatory\">\n"
                                    "      <citation article=\"5\"/>\n"
                                    "      <title lang=\"en\">Only "
                                    "English</title>\n"
                                    "      <check><present "
                                    "fact=\"it_workers\"/></check>\n"
                                    "    </rule>\n"
                                    "    <rule id=\"r4\" "
                                    "category=\"document\" "
                                    "severity=\"mandatory\">\n"
                                    "      <citation "
                                    "article=\"11\"/>\n" TITLES
                                    "      <check><matches "
                                    "fact=\"name\" "
                                    "pattern=\"[\"/></check>\n"
                                    "    </rule>");
    char *pack = tc_replace(base, "<title lang=\"vi\">Gói thử</title>",
                            "<title lang=\"vi\">Gói thử</title><sources/>");
    diags d;
    pk_error err;
    pk_engine *e;

    load_bad(pack, &d, 5);
    /* in the order the loader meets them: header, facts, rules */
    assert_diag(&d, 0, pack, "<sources/>", 1, "unknown element <sources>");
    assert_diag(&d, 1, pack, "id=\"it_workers\"", 2, "defined twice");
    assert_diag(&d, 2, pack, "param=\"it_max\"", 1,
                "undefined parameter \"it_max\"");
    assert_diag(&d, 3, pack, "<rule id=\"r3\"", 1, "in Vietnamese");
    assert_diag(&d, 4, pack, "pattern=\"[\"", 1, "pattern \"[\"");
    /* err holds the first, and says how many more there are */
    load(pack, &d, &e, &err);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_uint_eq(err.column, 35);
    ck_assert_ptr_nonnull(strstr(err.message, "(and 4 more problems)"));
    free(pack);
    free(base);
}
END_TEST

/* Without a callback the load fails the same way. */
START_TEST(test_no_callback)
{
    char *pack = make_pack(NULL, FACT_TOTAL, NULL);
    pk_engine *e = NULL;
    pk_error err;

    memset(&err, 0, sizeof err);
    ck_assert_int_eq(pk_engine_new_from_memory(&e, "mini.xml", pack,
                                               strlen(pack), NULL, &err),
                     PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_ptr_nonnull(strstr(err.message, "total_workers"));
    ck_assert_int_eq(pk_engine_new_from_memory(&e, "mini.xml", pack,
                                               strlen(pack), NULL, NULL),
                     PK_ERULES);
    free(pack);
}
END_TEST

/* ------------------------------------------------------------------------
 * The built-in pack and packs from a path
 * ------------------------------------------------------------------------ */

START_TEST(test_builtin_engine)
{
    pk_engine *e = NULL;
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&e, NULL, &err), PK_OK);
    /* Both regimes, each with its period: Decree 154/2013 until the day
     * before Law 71/2025/QH15 takes effect. */
    ck_assert_uint_eq(pk_engine_pack_count(e), 2);
    ck_assert_str_eq(pk_engine_pack_id(e, 0), "nd154-2013");
    ck_assert_str_eq(pk_engine_pack_valid_from(e, 0), "2014-01-01");
    ck_assert_str_eq(pk_engine_pack_valid_until(e, 0), "2025-12-31");
    ck_assert_int_eq(pk_engine_pack_provisional(e, 0), 0);
    ck_assert_str_eq(pk_engine_pack_id(e, 1), "law71-2025");
    ck_assert_str_eq(pk_engine_pack_valid_from(e, 1), "2026-01-01");
    ck_assert_str_eq(pk_engine_pack_valid_until(e, 1), "");
    ck_assert_int_eq(pk_engine_pack_provisional(e, 1), 1);
    ck_assert_str_eq(pk_engine_pack_version(e, 0), "1.1.0");
    ck_assert_ptr_nonnull(strstr(pk_engine_pack_title(e, 0, PK_LANG_VI),
                                 "Nghị định số 154/2013"));
    ck_assert_ptr_nonnull(
        strstr(pk_engine_pack_title(e, 0, PK_LANG_EN), "Decree 154/2013"));
    pk_engine_free(e);
}
END_TEST

START_TEST(test_from_path)
{
    static const char *const paths[] = {
        PK_SOURCE_ROOT "/rules/nd154-2013",
        PK_SOURCE_ROOT "/rules/nd154-2013/",
        PK_SOURCE_ROOT "/rules/nd154-2013/nd154-2013.xml",
    };

    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        diags d;
        pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
        pk_engine *e = NULL;
        pk_error err;

        memset(&d, 0, sizeof d);
        o.on_problem = collect;
        o.userdata = &d;
        ck_assert_msg(pk_engine_new_from_path(&e, paths[i], &o, &err) == PK_OK,
                      "%s: %s", paths[i], err.message);
        ck_assert_uint_eq(d.n, 0);
        ck_assert_uint_eq(pk_engine_pack_count(e), 1);
        ck_assert_str_eq(pk_engine_pack_id(e, 0), "nd154-2013");
        ck_assert_str_eq(pk_engine_pack_valid_from(e, 0), "2014-01-01");
        pk_engine_free(e);
    }
}
END_TEST

START_TEST(test_from_missing_path)
{
    diags d;
    pk_engine_options o = PK_ENGINE_OPTIONS_INIT;
    pk_engine *e = NULL;
    pk_error err;
    const char *path = PK_SOURCE_ROOT "/rules/no-such-pack";

    memset(&d, 0, sizeof d);
    o.on_problem = collect;
    o.userdata = &d;
    ck_assert_int_eq(pk_engine_new_from_path(&e, path, &o, &err), PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_int_eq(err.code, PK_ERULES);
    ck_assert_str_eq(err.source, path);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.e[0].source, path);
    /* a directory without packs, and a file that is not one */
    e = NULL;
    ck_assert_int_eq(
        pk_engine_new_from_path(&e, PK_SOURCE_ROOT "/examples", &o, &err),
        PK_ERULES);
    ck_assert_ptr_null(e);
    ck_assert_ptr_nonnull(strstr(err.message, "no rule pack"));
    ck_assert_int_eq(
        pk_engine_new_from_path(&e, PK_SOURCE_ROOT "/examples/near-miss.xml",
                                &o, &err),
        PK_ERULES);
    ck_assert_ptr_null(e);
}
END_TEST

static Suite *pack_suite(void)
{
    Suite *s = suite_create("pack");
    TCase *tc;

    tc = tcase_create("valid");
    tcase_add_test(tc, test_minimal_pack_loads);
    tcase_add_test(tc, test_dated_and_cased_values_load);
    tcase_add_test(tc, test_used_in_message_only);
    suite_add_tcase(s, tc);

    tc = tcase_create("problems");
    tcase_add_test(tc, test_unknown_element);
    tcase_add_test(tc, test_unknown_element_in_rule);
    tcase_add_test(tc, test_duplicate_rule_id);
    tcase_add_test(tc, test_duplicate_fact_id);
    tcase_add_test(tc, test_duplicate_param_id);
    tcase_add_test(tc, test_undefined_fact);
    tcase_add_test(tc, test_undefined_fact_in_derived);
    tcase_add_test(tc, test_undefined_param);
    tcase_add_test(tc, test_unused_fact);
    tcase_add_test(tc, test_unused_param);
    tcase_add_test(tc, test_type_mismatch_set_ge);
    tcase_add_test(tc, test_type_mismatch_facts);
    tcase_add_test(tc, test_type_mismatch_text_ge);
    tcase_add_test(tc, test_path_not_in_format);
    tcase_add_test(tc, test_path_attribute_not_in_format);
    tcase_add_test(tc, test_attribute_step_not_last);
    tcase_add_test(tc, test_predicate_outside_vocabulary);
    tcase_add_test(tc, test_negated_predicate_needs_quotes);
    tcase_add_test(tc, test_open_lists_and_negated_predicates);
    tcase_add_test(tc, test_cycle);
    tcase_add_test(tc, test_missing_vietnamese_title);
    tcase_add_test(tc, test_missing_fact_label);
    tcase_add_test(tc, test_unknown_placeholder);
    tcase_add_test(tc, test_placeholder_unknown_fact);
    tcase_add_test(tc, test_message_lacks_english);
    tcase_add_test(tc, test_bad_pattern);
    tcase_add_test(tc, test_pattern_not_nfc);
    tcase_add_test(tc, test_unknown_kind);
    tcase_add_test(tc, test_when_outside_vocabulary);
    tcase_add_test(tc, test_two_values_in_force);
    tcase_add_test(tc, test_missing_in_force);
    tcase_add_test(tc, test_in_force_dates);
    tcase_add_test(tc, test_wrong_format_version);
    tcase_add_test(tc, test_not_utf8_says_where);
    tcase_add_test(tc, test_not_well_formed);
    tcase_add_test(tc, test_not_well_formed_first_error);
    tcase_add_test(tc, test_not_a_pack);
    tcase_add_test(tc, test_several_problems);
    tcase_add_test(tc, test_no_callback);
    suite_add_tcase(s, tc);

    /* Each of these loads in a child process of its own: the bug they
     * show is a crash. */
    tc = tcase_create("crashes");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_cycle_used_by_rule);
    tcase_add_test(tc, test_self_ratio_used_by_rule);
    tcase_add_test(tc, test_undefined_param_in_all_without_parameters);
    tcase_add_test(tc, test_bad_text_path_compared_with_value);
    suite_add_tcase(s, tc);

    tc = tcase_create("readings");
    tcase_add_test(tc, test_readings_one_reading);
    tcase_add_test(tc, test_readings_without_words);
    tcase_add_test(tc, test_readings_duplicate_id);
    tcase_add_test(tc, test_readings_reading_without_check);
    tcase_add_test(tc, test_readings_lack_explanation);
    tcase_add_test(tc, test_readings_and_check);
    tcase_add_test(tc, test_readings_unknown_child);
    tcase_add_test(tc, test_readings_kind_outside_rule);
    tcase_add_test(tc, test_readings_kind_uncovered);
    tcase_add_test(tc, test_readings_open_message_placeholders);
    tcase_add_test(tc, test_readings_truth_table);
    tcase_add_test(tc, test_readings_getters_and_kinds);
    suite_add_tcase(s, tc);

    tc = tcase_create("engines");
    tcase_add_test(tc, test_builtin_engine);
    tcase_add_test(tc, test_from_path);
    tcase_add_test(tc, test_from_missing_path);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(pack_suite());
}
