/*
 * options.h - the command line of "parkcheck check".
 */
#ifndef PARKCHECK_CLI_OPTIONS_H
#define PARKCHECK_CLI_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include <parkcheck/parkcheck.h>

/* Exit statuses of the command. 0..3 and 5 are the verdicts (see batch.c
 * for the mapping); these are the ones that are not only verdicts. */
enum {
    CLI_EXIT_INVALID = 3,     /* an invalid dossier, or output that failed */
    CLI_EXIT_USAGE = 4,       /* usage error or unusable rule pack */
    CLI_EXIT_NEEDS_RULING = 5 /* a reading of the law must be ruled on;
                                 added after 4 was taken, so ranked
                                 between 1 and 2 (cli_exit_rank) */
};

/* An exit status's place from best to worst, as pk_verdict_rank() ranks
 * the verdicts: 0 eligible, 1 incomplete, 2 needs a ruling, 3 not
 * eligible, 4 invalid (and anything else). */
static inline int cli_exit_rank(int status)
{
    switch (status) {
    case 0:
        return 0;
    case 1:
        return 1;
    case CLI_EXIT_NEEDS_RULING:
        return 2;
    case 2:
        return 3;
    default:
        return 4;
    }
}

#define CLI_JOBS_MAX 256u

/* How many formats --format may list (with --output-dir). */
#define CLI_FORMATS_MAX 8u

typedef struct cli_check_options {
    const char *rules_path; /* NULL: the packs built into the library */
    pk_format format;
    pk_lang lang;
    unsigned jobs;     /* 1..CLI_JOBS_MAX */
    const char *as_of; /* "YYYY-MM-DD", or NULL for the dossier's */
    size_t max_size;   /* bytes; 0 = the library's default */
    int help;          /* --help was given: print usage, do nothing */
    char **paths;      /* borrowed from argv */
    size_t path_count;
    /* The reviewer's desk */
    pk_format formats[CLI_FORMATS_MAX]; /* --format's list; formats[0]
                                           is format */
    size_t format_count;
    const char *output_dir; /* --output-dir: a report per dossier there */
    unsigned verdicts;      /* --only: bit 1 << pk_verdict of those to
                               report; 0 = all */
} cli_check_options;

/* Parses the arguments of "check" (argv[0] is "check"). Strings in opts are
 * borrowed from argv. Returns 0, or -1 after printing a usage error. */
int cli_parse_check_options(cli_check_options *opts, int argc, char **argv);

/* The report language the environment asks for: the first non-empty of
 * LC_ALL, LC_MESSAGES, LANG. */
pk_lang cli_lang_from_environment(void);

/* The full usage of "check", every option and the exit statuses. */
void cli_print_check_usage(FILE *out);

/* Prints "parkcheck: MESSAGE" and the hint to stderr. try_hint is the
 * command whose --help to suggest ("parkcheck check" or "parkcheck"). */
void cli_usage_error(const char *try_hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif /* PARKCHECK_CLI_OPTIONS_H */
