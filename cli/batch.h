/*
 * batch.h - checking a list of dossiers on worker threads and writing the
 * reports in input order.
 */
#ifndef PARKCHECK_CLI_BATCH_H
#define PARKCHECK_CLI_BATCH_H

#include <parkcheck/parkcheck.h>

#include "inputs.h"
#include "progress.h"

typedef struct cli_batch {
    const pk_engine *engine; /* shared by every thread: immutable */
    const pk_eval_options *eval;
    pk_writer *writer; /* added to by one thread at a time;
                          the workers format for it */
    pk_lang lang;      /* the report's language */
    unsigned jobs;     /* 1 = no threads at all */
    size_t total;      /* how many inputs, for the progress line;
                          0 when not counted */
    /* The reviewer's desk */
    unsigned verdicts; /* 0, or the verdicts to report (bit
                          1 << pk_verdict): the others are
                          checked and counted, not written */
    /* When set, called on the writing turn for each report about to be
     * written, before the writer has it. It may leave lines for stderr in
     * *said (malloc'd; the batch prints them off the progress line).
     * Non-zero stops the batch as a failed write does (it says why
     * itself). */
    int (*each)(void *userdata, const cli_input *in, const pk_report *report,
                char **said);
    void *each_userdata;
} cli_batch;

/* Checks every input and hands each report to the writer in input order,
 * as soon as it and all before it are done, then frees it: at most about
 * 4 x jobs reports exist at any time, however long the list. Standard
 * input's bytes are freed once checked.
 *
 * Returns the worst status over the dossiers (cli_exit_rank); an
 * input marked failed, or whose check failed (reported on stderr), counts
 * as invalid. When the writer fails, the batch stops, *write_failed is set
 * and werr says why (nothing about it is printed here). */
int cli_batch_run(const cli_batch *batch, cli_inputs *inputs, int *write_failed,
                  pk_error *werr);

/* cli_batch_run, and also fills counts (when not NULL) with how many
 * dossiers ended with each status, for cli_print_summary(); after a write
 * failure, the ones written until then.
 *
 * Both show a progress line on stderr while they run, when stderr is a
 * terminal and there are 2 or more inputs (see progress.h); it is off the
 * screen again when they return. */
int cli_batch_run_counted(const cli_batch *batch, cli_inputs *inputs,
                          cli_batch_counts *counts, int *write_failed,
                          pk_error *werr);

/* Prints prefix and the error as "SOURCE:LINE:COLUMN: message" on stderr,
 * leaving out the parts that are empty or 0. fallback_source (may be NULL)
 * stands in for an empty source. */
/* The language cli_print_error() tells registry messages in (English
 * until set). Not thread-safe: set it before starting threads. */
void cli_set_error_lang(pk_lang lang);
pk_lang cli_error_lang(void);

void cli_print_error(const char *prefix, const pk_error *err,
                     const char *fallback_source);

#endif /* PARKCHECK_CLI_BATCH_H */
