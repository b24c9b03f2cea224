/*
 * options.c - parsing the arguments of "parkcheck check".
 *
 * Hand-parsed rather than with getopt_long: the grammar is small, it keeps
 * the command portable, and every mistake gets a message that names the
 * option and the allowed values.
 */
#define _POSIX_C_SOURCE 200809L

#include "options.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK_HINT "parkcheck check"

enum opt_id {
    OPT_RULES,
    OPT_FORMAT,
    OPT_LANG,
    OPT_JOBS,
    OPT_AS_OF,
    OPT_MAX_SIZE,
    OPT_HELP,
    OPT_OUTPUT_DIR,
    OPT_ONLY
};

static const struct {
    const char *name;
    enum opt_id id;
    int has_value;
} long_options[] = {
    {"--rules", OPT_RULES, 1}, {"--format", OPT_FORMAT, 1},
    {"--lang", OPT_LANG, 1},   {"--jobs", OPT_JOBS, 1},
    {"--as-of", OPT_AS_OF, 1}, {"--max-size", OPT_MAX_SIZE, 1},
    {"--help", OPT_HELP, 0},   {"--output-dir", OPT_OUTPUT_DIR, 1},
    {"--only", OPT_ONLY, 1},
};

void cli_usage_error(const char *try_hint, const char *fmt, ...)
{
    va_list ap;

    fputs("parkcheck: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help'.\n", try_hint);
}

void cli_print_check_usage(FILE *out)
{
    fputs(
        "Usage: parkcheck check [OPTION]... PATH...\n"
        "Check dossiers against the rule packs built in (or given with "
        "--rules)\n"
        "and report, rule by rule, what passes, what fails and what is "
        "missing.\n"
        "\n"
        "PATH is a dossier file; a directory, for its *.xml files found\n"
        "recursively and checked in sorted order (symbolic links to\n"
        "directories are not followed); or '-' for standard input, which is\n"
        "reported under the name \"<stdin>\" and may be given once.\n"
        "A PATH that does not exist is reported and counts as an invalid\n"
        "dossier; the other PATHs are still checked.\n"
        "\n"
        "Options:\n"
        "  --rules PATH       load the rule packs at PATH (one pack file, or "
        "a\n"
        "                     directory of them) instead of the built-in "
        "ones;\n"
        "                     every problem in them is printed as\n"
        "                     FILE:LINE:COLUMN: message\n"
        "  --rules ID         check every dossier under the built-in pack ID\n"
        "                     (`parkcheck rules list` names them), whatever "
        "its\n"
        "                     date; a dossier outside its period is marked\n"
        "  --format FORMAT    output format: text (default, for people),\n"
        "                     json (one object for the run), html (one page\n"
        "                     to read or print), csv (a row per dossier),\n"
        "                     junit (JUnit XML for CI), ndjson (a JSON\n"
        "                     line per dossier) or summary (the batch's\n"
        "                     summary alone, to print: a page per 40\n"
        "                     dossiers, each with its verdict and why,\n"
        "                     sorted by verdict then park and file) or\n"
        "                     xlsx (a workbook: the summary sheet and a\n"
        "                     sheet of every result)\n"
        "  --lang LANG        language of the report: vi or en; by default vi\n"
        "                     when the first non-empty of LC_ALL, "
        "LC_MESSAGES,\n"
        "                     LANG names a Vietnamese locale, otherwise en\n"
        "  --jobs N, -j N     check up to N dossiers at a time, 1 to 256\n"
        "                     (default: the number of online CPUs); reports\n"
        "                     are always written in input order\n"
        "  --as-of DATE       evaluate with the rules in force on DATE\n"
        "                     (YYYY-MM-DD) instead of each dossier's\n"
        "                     submission date\n"
        "  --max-size BYTES   refuse dossiers larger than BYTES (default\n"
        "                     16777216 = 16 MiB); a larger one is reported\n"
        "                     invalid, the others are still checked\n"
        "  --output-dir DIR   write a report per dossier into DIR (made if\n"
        "                     missing; it must be empty: nothing is ever\n"
        "                     overwritten), in each format --format lists\n"
        "                     (e.g. --format html,json), named after the\n"
        "                     dossier's file, and the batch's summary as\n"
        "                     DIR/summary.html, each row linking to its\n"
        "                     dossier's report; nothing on standard output\n"
        "  --only VERDICTS    report only the dossiers with these verdicts,\n"
        "                     comma-separated: eligible, incomplete,\n"
        "                     needs-ruling, not-eligible, invalid (e.g.\n"
        "                     --only not-eligible,invalid); the exit status\n"
        "                     still counts every dossier checked, as do the\n"
        "                     counts by verdict that close the text, html\n"
        "                     and summary formats, which say how many are\n"
        "                     shown\n"
        "  -h, --help         show this help and exit\n"
        "\n"
        "An option's value may be given as '--opt VALUE' or '--opt=VALUE'.\n"
        "'--' ends the options: every argument after it is a PATH.\n"
        "Reports go to standard output, diagnostics to standard error.\n"
        "\n",
        out);
    /* Two strings: C need not support one over 4095 bytes. */
    fputs("Exit status, the worst over all dossiers checked (5 ranks between\n"
          "1 and 2):\n"
          "  0  every dossier is eligible\n"
          "  1  at least one is incomplete: nothing fails, but facts or\n"
          "     documents are missing\n"
          "  2  at least one is not eligible: a mandatory criterion fails\n"
          "  3  at least one dossier is invalid or unreadable (the others are\n"
          "     still checked and reported), or a report could not be\n"
          "     written (standard output closed or full, or a file of\n"
          "     --output-dir)\n"
          "  4  usage error, unusable rule pack, or no dossier found in the\n"
          "     PATHs: nothing was checked\n"
          "  5  at least one needs a ruling, and none is worse: nothing fails\n"
          "     or is missing, but a provision the law leaves open is read\n"
          "     two ways that disagree (the report names it)\n",
          out);
}

/* Digits only: strtoul would accept signs, blanks and hex. */
static int parse_size(const char *s, size_t *out)
{
    size_t v = 0;

    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        if (v > (SIZE_MAX - (size_t)(*s - '0')) / 10)
            return -1;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return 0;
}

/* "html" or "html,json": each a format's name, none twice. */
static int parse_formats(cli_check_options *opts, const char *value)
{
    const char *p = value;

    opts->format_count = 0;
    for (;;) {
        size_t n = strcspn(p, ","), k;
        char name[16];
        pk_format f;

        if (n == 0 || n >= sizeof name ||
            (memcpy(name, p, n), name[n] = '\0',
             pk_format_from_name(name, &f) != 0)) {
            cli_usage_error(CHECK_HINT,
                            "unknown format '%.*s' (allowed: text, json, "
                            "html, csv, junit, ndjson, summary, xlsx)",
                            (int)n, p);
            return -1;
        }
        for (k = 0; k < opts->format_count; k++)
            if (opts->formats[k] == f) {
                cli_usage_error(CHECK_HINT, "format '%s' given twice", name);
                return -1;
            }
        if (opts->format_count == CLI_FORMATS_MAX) {
            cli_usage_error(CHECK_HINT, "too many formats in '%s'", value);
            return -1;
        }
        opts->formats[opts->format_count++] = f;
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    opts->format = opts->formats[0];
    return 0;
}

/* "not-eligible,invalid": verdicts by their names. */
static int parse_verdicts(cli_check_options *opts, const char *value)
{
    static const pk_verdict all[] = {
        PK_VERDICT_ELIGIBLE,     PK_VERDICT_INCOMPLETE, PK_VERDICT_NEEDS_RULING,
        PK_VERDICT_NOT_ELIGIBLE, PK_VERDICT_INVALID,
    };
    const char *p = value;

    opts->verdicts = 0;
    for (;;) {
        size_t n = strcspn(p, ","), k;

        for (k = 0; k < sizeof all / sizeof all[0]; k++) {
            const char *v = pk_verdict_name(all[k]);
            if (strlen(v) == n && strncmp(p, v, n) == 0)
                break;
        }
        if (k == sizeof all / sizeof all[0]) {
            cli_usage_error(CHECK_HINT,
                            "unknown verdict '%.*s' for --only (allowed: "
                            "eligible, incomplete, needs-ruling, "
                            "not-eligible, invalid)",
                            (int)n, p);
            return -1;
        }
        opts->verdicts |= 1u << (unsigned)all[k];
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    return 0;
}

/* A real calendar date, so that the library is never asked about
 * 2024-02-30 and the user learns about the typo at once. */
static int valid_date(const char *s)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    int y = 0, m = 0, d = 0, i, max;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    for (i = 0; i < 4; i++)
        y = y * 10 + (s[i] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return 0;
    max = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

pk_lang cli_lang_from_environment(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    size_t i;

    /* The POSIX precedence; an empty variable counts as unset. */
    for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && *v != '\0')
            return pk_lang_from_locale(v);
    }
    return pk_lang_from_locale(NULL);
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1)
        return 1;
    if ((unsigned long)n > CLI_JOBS_MAX)
        return CLI_JOBS_MAX;
    return (unsigned)n;
}

static int apply_option(cli_check_options *opts, enum opt_id id,
                        const char *name, const char *value)
{
    size_t n;

    switch (id) {
    case OPT_RULES:
        if (*value == '\0') {
            cli_usage_error(CHECK_HINT, "option '%s' needs a path", name);
            return -1;
        }
        opts->rules_path = value;
        return 0;
    case OPT_FORMAT:
        return parse_formats(opts, value);
    case OPT_OUTPUT_DIR:
        if (*value == '\0') {
            cli_usage_error(CHECK_HINT, "option '%s' needs a directory", name);
            return -1;
        }
        opts->output_dir = value;
        return 0;
    case OPT_ONLY:
        return parse_verdicts(opts, value);
    case OPT_LANG:
        if (strcmp(value, "vi") == 0) {
            opts->lang = PK_LANG_VI;
        } else if (strcmp(value, "en") == 0) {
            opts->lang = PK_LANG_EN;
        } else {
            cli_usage_error(CHECK_HINT,
                            "unknown language '%s' (allowed: vi, en)", value);
            return -1;
        }
        return 0;
    case OPT_JOBS:
        if (parse_size(value, &n) != 0 || n < 1 || n > CLI_JOBS_MAX) {
            cli_usage_error(CHECK_HINT,
                            "invalid number of jobs '%s' (allowed: 1 to %u)",
                            value, CLI_JOBS_MAX);
            return -1;
        }
        opts->jobs = (unsigned)n;
        return 0;
    case OPT_AS_OF:
        if (!valid_date(value)) {
            cli_usage_error(CHECK_HINT,
                            "invalid date '%s' for %s (expected a real date "
                            "as YYYY-MM-DD)",
                            value, name);
            return -1;
        }
        opts->as_of = value;
        return 0;
    case OPT_MAX_SIZE:
        if (parse_size(value, &n) != 0 || n < 1) {
            cli_usage_error(CHECK_HINT,
                            "invalid size '%s' for %s (expected a number of "
                            "bytes, at least 1)",
                            value, name);
            return -1;
        }
        opts->max_size = n;
        return 0;
    case OPT_HELP:
        opts->help = 1;
        return 0;
    }
    return -1;
}

/* Splits "--name=value" and "--name value"; *i moves past a value taken
 * from the next argument. */
static int parse_long(cli_check_options *opts, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *eq = strchr(arg, '=');
    size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
    size_t k;

    for (k = 0; k < sizeof long_options / sizeof long_options[0]; k++) {
        const char *name = long_options[k].name;
        if (strlen(name) != len || strncmp(arg, name, len) != 0)
            continue;
        if (!long_options[k].has_value) {
            if (eq != NULL) {
                cli_usage_error(CHECK_HINT, "option '%s' takes no value", name);
                return -1;
            }
            return apply_option(opts, long_options[k].id, name, "");
        }
        if (eq != NULL)
            return apply_option(opts, long_options[k].id, name, eq + 1);
        if (*i + 1 >= argc) {
            cli_usage_error(CHECK_HINT, "option '%s' needs a value", name);
            return -1;
        }
        *i += 1;
        return apply_option(opts, long_options[k].id, name, argv[*i]);
    }
    cli_usage_error(CHECK_HINT, "unknown option '%.*s'", (int)len, arg);
    return -1;
}

static int parse_short(cli_check_options *opts, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];

    if (strcmp(arg, "-h") == 0)
        return apply_option(opts, OPT_HELP, "-h", "");
    if (strncmp(arg, "-j", 2) == 0) {
        if (arg[2] != '\0')
            return apply_option(opts, OPT_JOBS, "-j", arg + 2);
        if (*i + 1 >= argc) {
            cli_usage_error(CHECK_HINT, "option '-j' needs a value");
            return -1;
        }
        *i += 1;
        return apply_option(opts, OPT_JOBS, "-j", argv[*i]);
    }
    cli_usage_error(CHECK_HINT, "unknown option '%s'", arg);
    return -1;
}

int cli_parse_check_options(cli_check_options *opts, int argc, char **argv)
{
    int i, rc = -1, options_done = 0, stdin_count = 0;

    opts->rules_path = NULL;
    opts->format = PK_FORMAT_TEXT;
    opts->lang = cli_lang_from_environment();
    opts->jobs = default_jobs();
    opts->as_of = NULL;
    opts->max_size = 0;
    opts->help = 0;
    opts->formats[0] = PK_FORMAT_TEXT;
    opts->format_count = 1;
    opts->output_dir = NULL;
    opts->verdicts = 0;
    /* PATHs are gathered in place at the front of argv + 1: the slot
     * written is never after the argument being read, so no allocation is
     * needed and nothing unread is overwritten. */
    opts->paths = argv + 1;
    opts->path_count = 0;

    for (i = 1; i < argc; i++) {
        char *arg = argv[i];

        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = 1;
        } else if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (strcmp(arg, "-") == 0)
                stdin_count++;
            opts->paths[opts->path_count++] = arg;
        } else if (arg[1] == '-') {
            if (parse_long(opts, argc, argv, &i) != 0)
                goto out;
        } else if (parse_short(opts, argc, argv, &i) != 0) {
            goto out;
        }
        /* --help wins over whatever else is on the line. */
        if (opts->help) {
            rc = 0;
            goto out;
        }
    }
    if (opts->path_count == 0) {
        cli_usage_error(CHECK_HINT, "no dossier given (a PATH is needed)");
        goto out;
    }
    if (stdin_count > 1) {
        cli_usage_error(CHECK_HINT,
                        "standard input ('-') can be given only once");
        goto out;
    }
    if (opts->format_count > 1 && opts->output_dir == NULL) {
        cli_usage_error(CHECK_HINT,
                        "several formats need --output-dir (standard "
                        "output takes one)");
        goto out;
    }
    if (opts->output_dir != NULL) {
        for (size_t k = 0; k < opts->format_count; k++)
            if (opts->formats[k] == PK_FORMAT_SUMMARY) {
                cli_usage_error(CHECK_HINT,
                                "--output-dir writes the summary itself "
                                "(DIR/summary.html): list the formats of "
                                "each dossier's report");
                goto out;
            }
    }
    rc = 0;
out:
    return rc;
}
