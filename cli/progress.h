/*
 * progress.h - what a batch tells the person at the terminal while it runs
 * and when it ends: a progress line and a closing summary, both on
 * standard error and only when standard error is a terminal.
 *
 * Neither ever touches standard output, so the reports are the same bytes
 * whether or not anyone is watching.
 */
#ifndef PARKCHECK_CLI_PROGRESS_H
#define PARKCHECK_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

#include <parkcheck/parkcheck.h>

/* How many dossiers of a batch ended with each exit status, by its rank
 * (cli_exit_rank): 0 eligible, 1 incomplete, 2 needs a ruling, 3 not
 * eligible, 4 invalid (unreadable, or lost to a failed check, included). */
typedef struct cli_batch_counts {
    size_t status[5];
    size_t shown; /* reports written: fewer than checked with --only */
} cli_batch_counts;

/* The progress line's state. Used by one thread only: the one writing the
 * reports, so that the line moves as reports actually come out. */
typedef struct cli_progress {
    int active;     /* drawing at all */
    int stdout_tty; /* reports go to a terminal too: step aside */
    pk_lang lang;
    size_t total, done;
    struct timespec start; /* CLOCK_MONOTONIC */
    struct timespec drawn; /* when the line was last drawn */
    size_t shown;          /* columns the line takes on screen; 0 = none */
    size_t width;          /* the terminal's columns; 0 = unknown */
} cli_progress;

/* Starts the line for a batch of total dossiers. It is drawn only when
 * standard error is a terminal and there are 2 or more dossiers. */
void cli_progress_start(cli_progress *p, size_t total, pk_lang lang);

/* Takes the line off the screen if it is on it. Call before writing
 * anything else to standard error. */
void cli_progress_clear(cli_progress *p);

/* Call before a report goes to standard output: when that is a terminal
 * too, the line makes way for the report (and comes back in _step). */
void cli_progress_before_output(cli_progress *p);

/* One more dossier done and written: redraws the line at most about ten
 * times a second; a line taken off the screen (for a message, or for a
 * report going to the same terminal) comes back at once. */
void cli_progress_step(cli_progress *p);

/* Clears the line for good. */
void cli_progress_end(cli_progress *p);

/* The closing summary of a batch, on standard error, in lang: printed only
 * for 2 or more dossiers, when the format is not text (the text report
 * ends with its own summary on standard output) and standard error is a
 * terminal. */
void cli_print_summary(const cli_batch_counts *counts, pk_format format,
                       const pk_engine *engine, pk_lang lang);

#endif /* PARKCHECK_CLI_PROGRESS_H */
