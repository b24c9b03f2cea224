/*
 * inputs.h - turning PATH arguments into the list of dossiers to check.
 */
#ifndef PARKCHECK_CLI_INPUTS_H
#define PARKCHECK_CLI_INPUTS_H

#include <stddef.h>

/* The name standard input is reported under. */
#define CLI_STDIN_NAME "<stdin>"

typedef struct cli_input {
    char *path;    /* owned: the file's path, or CLI_STDIN_NAME */
    int is_stdin;  /* the dossier is in data/len, read from standard input */
    char *data;    /* owned, stdin only; freed once checked */
    size_t len;
    int failed;    /* the CLI already found it unreadable and said so on
                      stderr: it counts as invalid whatever the report says */
} cli_input;

typedef struct cli_input_list {
    cli_input *items;
    size_t count;
    size_t cap;
} cli_input_list;

#define CLI_INPUT_LIST_INIT { NULL, 0, 0 }

/* Appends the dossiers named by paths, in order: a file as it is; a
 * directory as its "*.xml" files, recursively, sorted by path with strcmp
 * (symbolic links to directories are not followed, so there are no loops);
 * "-" as standard input, read into memory now. stdin_limit is the most
 * bytes a dossier may have: standard input is read only up to one byte
 * more, and a larger one is reported and marked failed, keeping the
 * bytes read so the library reports it too.
 *
 * A path that cannot be examined or read is reported on stderr
 * ("parkcheck: PATH: reason") and still listed, marked failed, so that its
 * report says invalid and the batch loses nothing. Returns 0, or -1 when
 * memory runs out (reported). */
int cli_inputs_expand(cli_input_list *list, char *const *paths, size_t n,
                      size_t stdin_limit);

void cli_inputs_free(cli_input_list *list);

#endif /* PARKCHECK_CLI_INPUTS_H */
