/*
 * diff.h - "parkcheck diff OLD NEW".
 */
#ifndef PARKCHECK_CLI_DIFF_H
#define PARKCHECK_CLI_DIFF_H

#include <stdio.h>

/* Runs "diff" (argv[0] is "diff"); returns the exit status. */
int cli_run_diff(int argc, char **argv);

/* Its usage, every option and the exit statuses. */
void cli_print_diff_usage(FILE *out);

#endif /* PARKCHECK_CLI_DIFF_H */
