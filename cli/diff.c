/*
 * diff.c - "parkcheck diff OLD NEW": what a resubmitted dossier changed.
 * Public API only: both are checked as "check" would check them and
 * pk_diff_write() says what moved.
 */
#define _POSIX_C_SOURCE 200809L

#include "diff.h"

#include <stdio.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "batch.h"
#include "commands.h"
#include "options.h"

#define DIFF_HINT "parkcheck diff"

void cli_print_diff_usage(FILE *out)
{
    fputs("Usage: parkcheck diff [OPTION]... OLD NEW\n"
          "Compare two versions of a dossier: the facts that changed (the\n"
          "value before and after, and where it is written), every rule\n"
          "whose outcome changed and why, and the verdict before and after.\n"
          "When the two are checked under different rules (their dates\n"
          "differ), it says so.\n"
          "\n"
          "Options:\n"
          "  --format FORMAT    text (default), json or html\n"
          "  --lang LANG        vi or en; by default from the locale, as for\n"
          "                     check\n"
          "  --rules PATH       the rule packs at PATH instead of the\n"
          "                     built-in ones\n"
          "  -h, --help         show this help and exit\n"
          "\n"
          "Exit status: that of 'parkcheck check NEW' (0 eligible, 1\n"
          "incomplete, 2 not eligible, 3 invalid, 5 needs a ruling); 4 for a\n"
          "usage error or an unusable rule pack.\n",
          out);
}

static int write_stdout(void *userdata, const char *data, size_t len)
{
    (void)userdata;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

static int verdict_status(pk_verdict v)
{
    switch (v) {
    case PK_VERDICT_ELIGIBLE:
        return 0;
    case PK_VERDICT_INCOMPLETE:
        return 1;
    case PK_VERDICT_NOT_ELIGIBLE:
        return 2;
    case PK_VERDICT_INVALID:
        return CLI_EXIT_INVALID;
    case PK_VERDICT_NEEDS_RULING:
        return CLI_EXIT_NEEDS_RULING;
    }
    return CLI_EXIT_INVALID;
}

int cli_run_diff(int argc, char **argv)
{
    pk_engine_options eopts = PK_ENGINE_OPTIONS_INIT;
    pk_format format = PK_FORMAT_TEXT;
    pk_lang lang = cli_lang_from_environment();
    const char *rules = NULL, *paths[2] = {NULL, NULL};
    pk_engine *engine = NULL;
    pk_report *old_r = NULL, *new_r = NULL;
    pk_error err;
    size_t npaths = 0;
    int status = CLI_EXIT_USAGE, done = 0;

    memset(&err, 0, sizeof err);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *eq, *v = NULL;
        size_t n;

        if (!done && strcmp(a, "--") == 0) {
            done = 1;
            continue;
        }
        if (done || a[0] != '-' || a[1] == '\0') {
            if (npaths == 2) {
                cli_usage_error(DIFF_HINT, "unexpected argument '%s'", a);
                goto out;
            }
            paths[npaths++] = a;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_print_diff_usage(stdout);
            status = fflush(stdout) == 0 ? 0 : CLI_EXIT_INVALID;
            goto out;
        }
        eq = strchr(a, '=');
        n = eq != NULL ? (size_t)(eq - a) : strlen(a);
        if (eq != NULL)
            v = eq + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        if (v == NULL || *v == '\0') {
            cli_usage_error(DIFF_HINT, "option '%.*s' needs a value", (int)n,
                            a);
            goto out;
        }
        if (n == 8 && strncmp(a, "--format", n) == 0) {
            if (pk_format_from_name(v, &format) != 0 ||
                (format != PK_FORMAT_TEXT && format != PK_FORMAT_JSON &&
                 format != PK_FORMAT_HTML)) {
                cli_usage_error(DIFF_HINT,
                                "unknown format '%s' (allowed: text, json, "
                                "html)",
                                v);
                goto out;
            }
        } else if (n == 6 && strncmp(a, "--lang", n) == 0) {
            if (strcmp(v, "vi") != 0 && strcmp(v, "en") != 0) {
                cli_usage_error(DIFF_HINT,
                                "unknown language '%s' (allowed: vi, en)", v);
                goto out;
            }
            lang = v[0] == 'v' ? PK_LANG_VI : PK_LANG_EN;
        } else if (n == 7 && strncmp(a, "--rules", n) == 0) {
            rules = v;
        } else {
            cli_usage_error(DIFF_HINT, "unknown option '%.*s'", (int)n, a);
            goto out;
        }
    }
    if (npaths != 2) {
        cli_usage_error(DIFF_HINT, "two dossiers are needed: OLD NEW");
        goto out;
    }
    cli_set_error_lang(lang);
    if (cli_engine_open(&engine, rules, &eopts) != 0)
        goto out;
    status = CLI_EXIT_INVALID;
    /* A file that cannot be read still gives a report, verdict invalid:
     * the diff then says so. */
    if (pk_check_file(&old_r, engine, paths[0], NULL, &err) != 0 ||
        pk_check_file(&new_r, engine, paths[1], NULL, &err) != 0) {
        cli_print_error("parkcheck: ", &err, NULL);
        goto out;
    }
    if (pk_diff_write(old_r, new_r, format, lang, write_stdout, NULL, &err) !=
            0 ||
        fflush(stdout) != 0) {
        fprintf(stderr, "parkcheck: cannot write to standard output\n");
        goto out;
    }
    status = verdict_status(pk_report_verdict(new_r));
out:
    pk_report_free(old_r);
    pk_report_free(new_r);
    pk_engine_free(engine);
    return status;
}
