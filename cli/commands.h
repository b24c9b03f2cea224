/* commands.h - the commands besides check. */
#ifndef PARKCHECK_CLI_COMMANDS_H
#define PARKCHECK_CLI_COMMANDS_H

#include <stdio.h>

/* argv[0] is the command's name; return the exit status. */
int cli_run_template(int argc, char **argv);
int cli_run_rules(int argc, char **argv);
void cli_print_template_usage(FILE *out);
void cli_print_rules_usage(FILE *out);

#endif
