/*
 * test_boundary.c - messages at the thresholds of the built-in pack read
 * consistently with their verdicts.
 *
 * The engine compares exact fractions; messages write numbers rounded.
 * For every threshold parameter of rules/nd154-2013 (it_workers_min,
 * it_share_min, land_min, core_zones_min, core_land_share_min,
 * density_max, province_leased_share_min, expansion_leased_share_min) a
 * dossier built here is checked at the threshold and one unit of the last
 * digit a dossier can carry below and above it (0.0001 ha, 1 m², 1
 * worker, shares from head counts and areas), and far past it where the
 * ordinary digits must part the two (ten digits and more: the exact
 * fraction). In both languages:
 *
 *   - the value and the threshold, as the comparison writes them, read in
 *     the order the verdict says (a failure of "at least 60%" never shows
 *     a value of 60% or more, a pass never less);
 *   - a value that is not the threshold is never written as it;
 *   - the message quotes the value and the threshold as the comparison
 *     does, and a failing message writes no number as 0 (its shortfall);
 *   - the shortfall the writers append is not 0 either, and the figure
 *     compared reads in their lists of values read as it does compared.
 *
 * Ordinary figures keep their ordinary form: a few are asserted exactly.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

#include "strbuf.h"
#include "writers/writers.h"

static pk_engine *engine;

/* One dossier: the rule it is about, what varies, what must come of it. */
typedef struct scen {
    const char *rule;
    pk_status want;
    int at; /* the value is the threshold itself */
    const char *kind, *profile, *activities;
    const char *it, *total;
    const char *land;   /* <total>, <construction>, <building-footprint> */
    const char *zones;  /* <zone .../>s */
    const char *parks;  /* <park .../>s of <province-parks> */
    const char *leased; /* <operation>'s core-land, core-land-leased */
} scen;

#define MIXED "<activity name=\"software\"/><activity name=\"hardware\"/>"
#define LAND(total, cons, foot)                                                \
    "<total unit=\"ha\">" total "</total><construction unit=\"ha\">" cons      \
    "</construction><building-footprint unit=\"m2\">" foot                     \
    "</building-footprint><building-plots unit=\"ha\">" total                  \
    "</building-plots>"
#define STD_LAND LAND("15", "12", "45000")
#define ZONE(a) "<zone group=\"core\" type=\"it-production\" area=\"" a "\"/>"
#define PARK(core, leased)                                                     \
    "<park name=\"Khu A\" core-land=\"" core "\" core-land-leased=\"" leased   \
    "\"/>"
#define OP(core, leased)                                                       \
    "<core-land unit=\"ha\">" core "</core-land><core-land-leased "            \
    "unit=\"ha\">" leased "</core-land-leased>"

#define OP_M2(core, leased)                                                    \
    "<core-land unit=\"ha\">" core "</core-land><core-land-leased "            \
    "unit=\"m2\">" leased "</core-land-leased>"

/* it_workers_min: 2,000 (1,000 for a software-only park), whole workers */
#define WORKERS(it, want, at)                                                  \
    {                                                                          \
        "art5.2-it-workers", want, at, "establishment", "mixed", MIXED, it,    \
            "4000", STD_LAND, ZONE("7"), "", ""                                \
    }
#define WORKERS_SW(it, want, at)                                               \
    {                                                                          \
        "art5.2-it-workers", want, at, "establishment", "software-only", "",   \
            it, "1500", STD_LAND, ZONE("7"), "", ""                            \
    }
/* it_share_min: 60% of the workers */
#define SHARE(it, total, want, at)                                             \
    {                                                                          \
        "art5.2-it-share", want, at, "establishment", "mixed", MIXED, it,      \
            total, STD_LAND, ZONE("7"), "", ""                                 \
    }
/* land_min: 5 ha (1 ha software-only), areas to 0.0001 ha or 1 m² */
#define LANDMIN(total, want, at)                                               \
    {                                                                          \
        "art5.3-land", want, at, "establishment", "mixed", MIXED, "2400",      \
            "3600",                                                            \
            "<total unit=\"ha\">" total "</total><construction "               \
            "unit=\"ha\">4</construction>",                                    \
            ZONE("3"), "", ""                                                  \
    }
#define LANDMIN_M2(total, want, at)                                            \
    {                                                                          \
        "art5.3-land", want, at, "establishment", "mixed", MIXED, "2400",      \
            "3600",                                                            \
            "<total unit=\"m2\">" total "</total><construction "               \
            "unit=\"ha\">4</construction>",                                    \
            ZONE("3"), "", ""                                                  \
    }
#define LANDMIN_SW(total, want, at)                                            \
    {                                                                          \
        "art5.3-land", want, at, "establishment", "software-only", "", "1200", \
            "1500", "<total unit=\"ha\">" total "</total>", ZONE("0.5"), "",   \
            ""                                                                 \
    }
/* core_zones_min: 1 zone */
#define ZONES(z, want, at)                                                     \
    {                                                                          \
        "art7.1-core-zone", want, at, "establishment", "mixed", MIXED, "2400", \
            "3600", STD_LAND, z, "", ""                                        \
    }
/* core_land_share_min: 50% of the construction land */
#define CORE(cons, area, want, at)                                             \
    {                                                                          \
        "art7.2-core-land", want, at, "establishment", "mixed", MIXED, "2400", \
            "3600", LAND("15", cons, "45000"), ZONE(area), "", ""              \
    }
/* density_max: 40% of the park's land */
#define DENSITY(total, foot, want, at)                                         \
    {                                                                          \
        "art7.3-density", want, at, "establishment", "mixed", MIXED, "2400",   \
            "3600", LAND(total, "12", foot), ZONE("7"), "", ""                 \
    }
/* province_leased_share_min: 60% at each operating park */
#define PROVINCE(core, leased, want, at)                                       \
    {                                                                          \
        "art9.1.c-province-parks", want, at, "establishment", "mixed", MIXED,  \
            "2400", "3600", STD_LAND, ZONE("7"), PARK(core, leased), ""        \
    }
/* expansion_leased_share_min: 70% of the operating park's core land */
#define EXPANSION(core, leased, want, at)                                      \
    {                                                                          \
        "art9.2.b-core-land-leased", want, at, "expansion", "mixed", MIXED,    \
            "2400", "3600", STD_LAND, ZONE("7"), "", OP(core, leased)          \
    }

#define P PK_STATUS_PASS
#define F PK_STATUS_FAIL

static const scen scens[] = {
    WORKERS("1999", F, 0),
    WORKERS("2000", P, 1),
    WORKERS("2001", P, 0),
    WORKERS_SW("999", F, 0),
    WORKERS_SW("1000", P, 1),
    WORKERS_SW("1001", P, 0),

    SHARE("1199", "2000", F, 0),
    SHARE("1200", "2000", P, 1),
    SHARE("1201", "2000", P, 0),
    SHARE("2399", "4000", F, 0),
    SHARE("2400", "4000", P, 1),
    SHARE("2401", "4000", P, 0),
    SHARE("119999", "200000", F, 0),
    SHARE("120001", "200000", P, 0),
    SHARE("1999", "3333", F, 0),
    SHARE("2000", "3333", P, 0),
    /* 59.99999999994%: ten digits do not part it from 60% */
    SHARE("599999999999", "999999999999", F, 0),
    SHARE("600000000001", "999999999999", P, 0),

    LANDMIN("4.9999", F, 0),
    LANDMIN("5", P, 1),
    LANDMIN("5.0001", P, 0),
    LANDMIN("4.999999", F, 0),
    LANDMIN("5.000001", P, 0),
    LANDMIN_M2("49999", F, 0),
    LANDMIN_M2("50000", P, 1),
    LANDMIN_M2("50001", P, 0),
    LANDMIN_M2("49999.999999", F, 0),
    LANDMIN_M2("50000.000001", P, 0),
    LANDMIN_SW("0.9999", F, 0),
    LANDMIN_SW("1", P, 1),
    LANDMIN_SW("1.0001", P, 0),

    ZONES("", F, 0),
    ZONES(ZONE("7"), P, 1),
    ZONES(ZONE("4") ZONE("3"), P, 0),

    CORE("12", "5.9999", F, 0),
    CORE("12", "6", P, 1),
    CORE("12", "6.0001", P, 0),
    CORE("12.1", "6.0499", F, 0),
    CORE("12.1", "6.05", P, 1),
    CORE("12.1", "6.0501", P, 0),
    CORE("12", "5.999999", F, 0),
    CORE("12", "6.000001", P, 0),

    DENSITY("15", "59999", P, 0),
    DENSITY("15", "60000", P, 1),
    DENSITY("15", "60001", F, 0),
    DENSITY("15.0001", "60000", P, 0),
    DENSITY("14.9999", "60000", F, 0),
    DENSITY("15", "59999.999999", P, 0),
    DENSITY("15", "60000.000001", F, 0),

    PROVINCE("200", "119.9", F, 0),
    PROVINCE("200", "120", P, 1),
    PROVINCE("200", "120.1", P, 0),
    PROVINCE("20", "11.9999", F, 0),
    PROVINCE("20", "12", P, 1),
    PROVINCE("20", "12.0001", P, 0),

    EXPANSION("20", "13.9999", F, 0),
    EXPANSION("20", "14", P, 1),
    EXPANSION("20", "14.0001", P, 0),
    EXPANSION("10", "6.999999", F, 0),
    EXPANSION("10", "7.000001", P, 0),
    /* 13.9999999999 ha, from m² to the millionth */
    {"art9.2.b-core-land-leased", F, 0, "expansion", "mixed", MIXED, "2400",
     "3600", STD_LAND, ZONE("7"), "", OP_M2("20", "139999.999999")},
    {"art7.2-core-land", F, 0, "establishment", "mixed", MIXED, "2400", "3600",
     LAND("15", "12.123457", "45000"),
     "<zone group=\"core\" type=\"it-production\" area=\"60617.284\" "
     "unit=\"m2\"/>",
     "", ""},
};

static char *build(const scen *s)
{
    static const char fmt[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<dossier format=\"1\" kind=\"%s\" submitted=\"2024-06-01\">\n"
        "  <park><name>Khu thử nghiệm</name><province>Tỉnh thử nghiệm"
        "</province><profile>%s</profile></park>\n"
        "  <functions><function name=\"rnd\"/><function name=\"production\"/>"
        "</functions>\n"
        "  %s%s%s\n"
        "  <workforce><it-specialists>%s</it-specialists><total>%s</total>"
        "</workforce>\n"
        "  <land>%s</land>\n"
        "  <zones%s>%s</zones>\n"
        "  <planning><master-plan included=\"true\" decision=\"2407/QĐ-TTg\""
        " date=\"2014-12-31\"/><province-parks%s>%s</province-parks>"
        "</planning>\n"
        "  %s%s%s\n"
        "</dossier>\n";
    int expansion = strcmp(s->kind, "expansion") == 0;
    /* no park in the province is said explicitly: an empty list is not */
    const char *parks_none = s->parks[0] == '\0' ? " none=\"true\"" : "";
    const char *zones_none = s->zones[0] == '\0' ? " none=\"true\"" : "";
    const char *act = s->activities[0] != '\0' ? "<activities>" : "";
    const char *act_end = s->activities[0] != '\0' ? "</activities>" : "";
    size_t n = sizeof fmt + strlen(s->activities) + strlen(s->land) +
               strlen(s->zones) + strlen(s->parks) + strlen(s->leased) + 512;
    char *buf = malloc(n);

    ck_assert_ptr_nonnull(buf);
    snprintf(buf, n, fmt, s->kind, s->profile, act, s->activities, act_end,
             s->it, s->total, s->land, zones_none, s->zones, parks_none,
             s->parks,
             expansion ? "<operation operating=\"true\" since=\"2016-05-01\">"
                         "<infrastructure-complete>true"
                         "</infrastructure-complete>"
                       : "",
             s->leased, expansion ? "</operation>" : "");
    return buf;
}

/* ---- numbers as a report writes them ---- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The number written at s in lang ("1.234,5", "1,234.5", "8.399/12.001",
 * "59,9995%") as a double, a share's in percent; *len its length. A
 * fraction of a share (no "%") is turned into percent as well. */
static double read_number(const char *s, pk_lang lang, int ratio, size_t *len)
{
    char group = lang == PK_LANG_VI ? '.' : ',';
    char radix = lang == PK_LANG_VI ? ',' : '.';
    char buf[128];
    size_t i = 0, o = 0;
    double v, d = 1;
    int fraction = 0;

    for (;;) {
        if (is_digit(s[i])) {
            buf[o++] = s[i++];
        } else if ((s[i] == group || s[i] == radix) && is_digit(s[i + 1])) {
            if (s[i] == radix)
                buf[o++] = '.';
            i++;
        } else {
            break;
        }
        ck_assert_uint_lt(o, sizeof buf - 1);
    }
    buf[o] = '\0';
    v = strtod(buf, NULL);
    if (s[i] == '/' && is_digit(s[i + 1])) {
        size_t k;
        d = read_number(s + i + 1, lang, 0, &k);
        i += 1 + k;
        fraction = 1;
    }
    v /= d;
    if (s[i] == '%')
        i++;
    else if (ratio && fraction)
        v *= 100;
    *len = i;
    return v;
}

/* The written number that starts at the first digit of s, copied into
 * out. */
static const char *number_text(const char *s, pk_lang lang, int ratio,
                               char *out, size_t size, double *v)
{
    size_t n;

    while (*s != '\0' && !is_digit(*s))
        s++;
    ck_assert_msg(*s != '\0', "no number in \"%s\"", s);
    *v = read_number(s, lang, ratio, &n);
    ck_assert_uint_lt(n, size);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* Whether text writes a number that is 0 ("0", "0,00", "0%"). */
static int writes_zero(const char *text, char *zero, size_t size)
{
    for (const char *s = text; *s != '\0'; s++) {
        size_t n = 0, nonzero = 0;

        if (!is_digit(*s) ||
            (s > text && (is_digit(s[-1]) || s[-1] == '.' || s[-1] == ',')))
            continue;
        while (is_digit(s[n]) ||
               ((s[n] == '.' || s[n] == ',') && is_digit(s[n + 1]))) {
            nonzero += is_digit(s[n]) && s[n] != '0';
            n++;
        }
        if (nonzero == 0) {
            snprintf(zero, size, "%.*s", (int)n, s);
            return 1;
        }
    }
    return 0;
}

static const pk_result *find_rule(const pk_report *r, const char *id)
{
    for (size_t i = 0; i < pk_report_result_count(r); i++)
        if (strcmp(pk_result_id(pk_report_result(r, i)), id) == 0)
            return pk_report_result(r, i);
    return NULL;
}

static void check_lang(const scen *s, const pk_result *res, pk_lang lang)
{
    const char *L = lang == PK_LANG_VI ? "vi" : "en";
    const char *cmp = pk_result_comparison_text(res, lang);
    const char *msg = pk_result_message(res, lang);
    const char *sep, *colon, *p;
    char vtext[128], ttext[128], zero[32];
    double v, t;
    pk_comparison c;
    int ratio, up, pass = pk_result_status(res) == PK_STATUS_PASS;

    ck_assert_int_eq(pk_result_comparison(res, &c), 0);
    ratio = c.unit != NULL && strcmp(c.unit, "ratio") == 0;
    up = c.op[0] == 'g';
    ck_assert_ptr_nonnull(cmp);
    /* "Label: VALUE · Yêu cầu: ≥ THRESHOLD" */
    sep = strstr(cmp, " · ");
    ck_assert_msg(sep != NULL, "%s %s: comparison \"%s\"", s->rule, L, cmp);
    colon = NULL;
    for (p = cmp; (p = strstr(p, ": ")) != NULL && p < sep; p++)
        colon = p;
    ck_assert_ptr_nonnull(colon);
    number_text(colon, lang, ratio, vtext, sizeof vtext, &v);
    number_text(sep, lang, ratio, ttext, sizeof ttext, &t);

    /* read as written, the numbers agree with the verdict */
    if (up)
        ck_assert_msg(pass ? v >= t : v < t,
                      "%s %s: \"%s\" reads against the verdict", s->rule, L,
                      cmp);
    else
        ck_assert_msg(pass ? v <= t : v > t,
                      "%s %s: \"%s\" reads against the verdict", s->rule, L,
                      cmp);
    if (!s->at)
        ck_assert_msg(strcmp(vtext, ttext) != 0,
                      "%s %s: the value is written as the threshold: \"%s\"",
                      s->rule, L, cmp);
    else /* no digits added where none are needed */
        ck_assert_msg(strcmp(vtext, ttext) == 0,
                      "%s %s: the threshold itself is written otherwise: "
                      "\"%s\"",
                      s->rule, L, cmp);

    /* the figures read, as HTML and JUnit list them, say the same */
    for (size_t i = 0; i < pk_result_value_count(res); i++) {
        const pk_value_info *vi = pk_result_value(res, i);
        pk_strbuf sb = PK_STRBUF_INIT;

        if (vi->kind != PK_VALUE_NUMBER || vi->id == NULL ||
            strcmp(vi->id, c.fact) != 0)
            continue;
        ck_assert_int_eq(pk_writer_append_fact_value(&sb, res, vi, lang), 0);
        ck_assert_msg(strncmp(sb.data, vtext, strlen(vtext)) == 0 &&
                          !is_digit(sb.data[strlen(vtext)]),
                      "%s %s: the value read is listed as \"%s\", compared "
                      "as \"%s\"",
                      s->rule, L, sb.data, vtext);
        pk_sb_free(&sb);
    }

    /* the message says the same, and no shortfall of 0 */
    if (strcmp(s->rule, "art7.1-core-zone") != 0 &&
        strcmp(s->rule, "art9.1.c-province-parks") != 0) {
        ck_assert_msg(strstr(msg, vtext) != NULL,
                      "%s %s: message \"%s\" does not quote \"%s\"", s->rule, L,
                      msg, vtext);
        ck_assert_msg(strstr(msg, ttext) != NULL,
                      "%s %s: message \"%s\" does not quote \"%s\"", s->rule, L,
                      msg, ttext);
    }
    if (!pass) {
        pk_strbuf sb = PK_STRBUF_INIT;

        /* the province's pass message quotes the parameter, not the
         * value; its failure both */
        ck_assert_msg(
            strstr(s->rule, "province") == NULL ||
                (strstr(msg, vtext) != NULL && strstr(msg, ttext) != NULL),
            "%s %s: message \"%s\" does not quote \"%s\" and "
            "\"%s\"",
            s->rule, L, msg, vtext, ttext);
        ck_assert_msg(!writes_zero(msg, zero, sizeof zero),
                      "%s %s: failing message writes %s: \"%s\"", s->rule, L,
                      zero, msg);
        ck_assert(c.shortfall > 0);
        ck_assert_int_eq(pk_writer_append_result_shortfall(&sb, res, lang), 0);
        ck_assert_msg(!writes_zero(sb.data, zero, sizeof zero),
                      "%s %s: the writers' shortfall is \"%s\"", s->rule, L,
                      sb.data);
        pk_sb_free(&sb);
    }
}

START_TEST(every_threshold)
{
    const scen *s = &scens[_i];
    char *xml = build(s);
    pk_report *r = NULL;
    pk_error err;
    const pk_result *res;

    ck_assert_int_eq(
        pk_check_memory(&r, engine, s->rule, xml, strlen(xml), NULL, &err), 0);
    ck_assert_msg(
        pk_report_problem_count(r) == 0, "%s: %s", s->rule,
        pk_report_problem_count(r) > 0 ? pk_report_problem(r, 0)->message : "");
    res = find_rule(r, s->rule);
    ck_assert_ptr_nonnull(res);
    ck_assert_msg(pk_result_status(res) == s->want,
                  "scenario %d (%s): status %d, expected %d: %s", _i, s->rule,
                  pk_result_status(res), s->want,
                  pk_result_message(res, PK_LANG_EN));
    check_lang(s, res, PK_LANG_VI);
    check_lang(s, res, PK_LANG_EN);
    pk_report_free(r);
    free(xml);
}
END_TEST

/* Exact texts: the digits added, the fraction, and ordinary values that
 * keep their ordinary form. */
static const struct exact {
    scen s;
    pk_lang lang;
    const char *text; /* in the message */
} exacts[] = {
    {DENSITY("15", "60001", F, 0), PK_LANG_VI,
     "mật độ xây dựng đã là 40,001%, vượt mức tối đa 40% (vượt 0,001 điểm "
     "phần trăm)"},
    {DENSITY("15", "60001", F, 0), PK_LANG_EN,
     "the building density is already 40.001%, above the maximum of 40% "
     "(by 0.001 percentage points)"},
    {DENSITY("15", "59999", P, 0), PK_LANG_VI,
     "tính trên toàn bộ đất của khu là 39,999%"},
    {EXPANSION("20", "13.9999", F, 0), PK_LANG_VI,
     "13,9999 ha trên 20 ha đất nhóm phân khu thực hiện chức năng, nhiệm vụ "
     "(69,999%), dưới mức tối thiểu 70% (thiếu 0,001 điểm phần trăm)"},
    {EXPANSION("20", "13.9999", F, 0), PK_LANG_EN,
     "13.9999 ha of 20 ha of core-group land is leased or sub-leased "
     "(69.999%), below the minimum of 70% (0.001 percentage points short)"},
    {LANDMIN_M2("49999.999999", F, 0), PK_LANG_VI,
     "Tổng diện tích đất chỉ 4,9999999999 ha, dưới mức tối thiểu 5 ha: còn "
     "thiếu 0,0000000001 ha."},
    {SHARE("599999999999", "999999999999", F, 0), PK_LANG_EN,
     "IT specialists are only 599,999,999,999/999,999,999,999 of all "
     "workers, below the minimum of 60% ("},
    {SHARE("599999999999", "999999999999", F, 0), PK_LANG_VI,
     "chỉ chiếm 599.999.999.999/999.999.999.999 tổng số lao động"},
    {{"art9.2.b-core-land-leased", F, 0, "expansion", "mixed", MIXED, "2400",
      "3600", STD_LAND, ZONE("7"), "", OP_M2("20", "139999.999999")},
     PK_LANG_VI,
     "Mới cho thuê, thuê lại 13,9999999999 ha trên 20 ha đất nhóm phân khu "
     "thực hiện chức năng, nhiệm vụ (69,999999999%), dưới mức tối thiểu 70% "
     "(thiếu 0,0000000005 điểm phần trăm). Cần cho thuê, thuê lại ít nhất "
     "14 ha"},
    /* needed beside the area given: never written alike */
    {{"art7.2-core-land", F, 0, "establishment", "mixed", MIXED, "2400", "3600",
      LAND("15", "12.123457", "45000"),
      "<zone group=\"core\" type=\"it-production\" area=\"60617.284\" "
      "unit=\"m2\"/>",
      "", ""},
     PK_LANG_EN,
     "Core-group land (6.0617284 ha) is only 49.999999% of the construction "
     "land, below the minimum of 50% (0.000001 percentage points short). "
     "With 12.123457 ha of construction land, the core group needs at least "
     "6.0617285 ha."},
    /* ordinary: two decimals of a share, 0.05 percentage points */
    {SHARE("1199", "2000", F, 0), PK_LANG_VI,
     "chỉ chiếm 59,95% tổng số lao động, dưới mức tối thiểu 60% (thiếu 0,05 "
     "điểm phần trăm)"},
    {SHARE("1201", "2000", P, 0), PK_LANG_EN,
     "IT specialists are 60.05% of all workers, meeting the minimum of 60%."},
    {WORKERS("1999", F, 0), PK_LANG_VI,
     "Chỉ có 1.999 người lao động làm việc chuyên môn về CNTT, dưới mức tối "
     "thiểu 2.000 người: còn thiếu 1 người."},
    {CORE("12.1", "6.0499", F, 0), PK_LANG_EN,
     "is only 49.999% of the construction land, below the minimum of 50% "
     "(0.001 percentage points short)"},
};

START_TEST(exact_texts)
{
    const struct exact *x = &exacts[_i];
    char *xml = build(&x->s);
    pk_report *r = NULL;
    pk_error err;
    const pk_result *res;
    const char *msg;

    ck_assert_int_eq(
        pk_check_memory(&r, engine, "exact", xml, strlen(xml), NULL, &err), 0);
    res = find_rule(r, x->s.rule);
    ck_assert_ptr_nonnull(res);
    msg = pk_result_message(res, x->lang);
    ck_assert_msg(strstr(msg, x->text) != NULL, "\"%s\"\nlacks \"%s\"", msg,
                  x->text);
    pk_report_free(r);
    free(xml);
}
END_TEST

static void setup(void)
{
    pk_error err;

    ck_assert_int_eq(pk_engine_new(&engine, NULL, &err), 0);
}

static void teardown(void)
{
    pk_engine_free(engine);
    engine = NULL;
}

static Suite *boundary_suite(void)
{
    Suite *s = suite_create("boundary");
    TCase *tc = tcase_create("boundary");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, every_threshold, 0,
                        (int)(sizeof scens / sizeof scens[0]));
    tcase_add_loop_test(tc, exact_texts, 0,
                        (int)(sizeof exacts / sizeof exacts[0]));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return tc_run_suite(boundary_suite());
}
