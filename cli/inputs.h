/*
 * inputs.h - turning PATH arguments into the list of dossiers to check.
 */
#ifndef PARKCHECK_CLI_INPUTS_H
#define PARKCHECK_CLI_INPUTS_H

#include <stddef.h>

/* The name standard input is reported under. */
#define CLI_STDIN_NAME "<stdin>"

typedef struct cli_input {
    char *path;   /* owned: the file's path, or CLI_STDIN_NAME */
    int is_stdin; /* the dossier is in data/len, read from standard input */
    char *data;   /* owned, stdin only; freed once checked */
    size_t len;
    int failed; /* the CLI found it unreadable and says so (note): it
                   counts as invalid whatever the report says */
    char *note; /* owned, or NULL: lines for stderr ("parkcheck: PATH:
                   reason\n"...) to print before this input's report */
} cli_input;

/* The dossiers named by PATH arguments, one at a time, in order: a file as
 * it is; a directory as its "*.xml" files (the suffix in any case),
 * recursively, less what macOS leaves beside copied files ("._*" files and
 * "__MACOSX" directories, each skipped with a note), sorted by path with
 * strcmp (symbolic links to directories are not followed, so there are no
 * loops); "-" as standard input, read into memory when its turn comes.
 * stdin_limit is the most bytes a dossier may have: standard input is read
 * only up to one byte more, and a larger one is marked failed, keeping the
 * bytes read so the library reports it too.
 *
 * Directories are read one at a time as the batch reaches them, so memory
 * holds the names of the directories being walked, never the whole list:
 * it stays flat however many dossiers a batch has.
 *
 * A path that cannot be examined or read is still given, marked failed
 * with a note saying why, so that its report says invalid and the batch
 * loses nothing. Notes that belong to no input (a directory with no *.xml
 * file in it) go with the next input, or at the end to
 * cli_inputs_take_note(). Nothing here prints, but for out of memory. */
typedef struct cli_inputs cli_inputs;

/* 0, or -1 when memory runs out (reported). vi: notes in Vietnamese. */
int cli_inputs_open(cli_inputs **out, char *const *paths, size_t n,
                    size_t stdin_limit, int vi);
/* The next input into *in (owned by the caller: cli_input_clear()).
 * Returns 1, 0 when there are no more, or -1 when memory runs out
 * (reported). */
int cli_inputs_next(cli_inputs *it, cli_input *in);
/* The notes left after the last input (owned by the caller), or NULL. */
char *cli_inputs_take_note(cli_inputs *it);
void cli_inputs_close(cli_inputs *it);
void cli_input_clear(cli_input *in);

/* How many inputs the same paths give, for a progress line: the same walk
 * without reading anything (standard input counts as one). */
size_t cli_inputs_count(char *const *paths, size_t n);

/* The same walk, calling fn with each input's path (CLI_STDIN_NAME for
 * standard input, which is not read), in order. 0, or -1 when memory runs
 * out (not reported) or fn returns non-zero. */
int cli_inputs_each_path(char *const *paths, size_t n,
                         int (*fn)(void *userdata, const char *path),
                         void *userdata);

#endif /* PARKCHECK_CLI_INPUTS_H */
