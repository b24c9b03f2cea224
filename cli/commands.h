/* commands.h - the commands besides check. */
#ifndef PARKCHECK_CLI_COMMANDS_H
#define PARKCHECK_CLI_COMMANDS_H

#include <stdio.h>

#include <parkcheck/parkcheck.h>

/* argv[0] is the command's name; return the exit status. */
int cli_run_template(int argc, char **argv);
int cli_run_rules(int argc, char **argv);
void cli_print_template_usage(FILE *out);
void cli_print_rules_usage(FILE *out);

/* The engine for --rules: the built-in packs when rules is NULL; a pack
 * file or a directory of them; or, when no such file exists, the id of a
 * built-in pack, under which every dossier is then checked. */
int cli_engine_new(pk_engine **out, const char *rules,
                   const pk_engine_options *eopts, pk_error *err);
/* The same, saying on standard error, in cli_error_lang(), every problem
 * of a rule pack as compilers print theirs and then how many there were,
 * or else why the engine could not be made. eopts's on_problem and
 * userdata are its own. */
int cli_engine_open(pk_engine **out, const char *rules,
                    pk_engine_options *eopts);

#endif
