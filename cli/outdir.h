/*
 * outdir.h - "check --output-dir DIR": a report per dossier in DIR, in
 * each chosen format, and the batch's summary linking to them, so that
 * each province can be sent its own.
 */
#ifndef PARKCHECK_CLI_OUTDIR_H
#define PARKCHECK_CLI_OUTDIR_H

#include <stdio.h>

#include <parkcheck/parkcheck.h>

#include "inputs.h"

typedef struct cli_outdir cli_outdir;

/* The name of the summary's file in DIR. */
#define CLI_OUTDIR_SUMMARY "summary.html"

/* Makes DIR (its parent must exist) or takes it when it exists and is
 * empty: a report is never written over an older one. paths are the
 * batch's PATH arguments: they are walked once here (nothing is read) so
 * that every dossier's name is chosen knowing all the others (outdir.c).
 * *summary is the summary's file, opened in DIR, for the batch's writer.
 * Prints why and returns -1 on failure. formats are copied. */
int cli_outdir_open(cli_outdir **out, const char *dir, char *const *paths,
                    size_t path_count, const pk_engine *engine,
                    const pk_format *formats, size_t format_count, pk_lang lang,
                    FILE **summary);

/* Writes report's files, named after in->path (see outdir.c), and links
 * the summary's next row to them. A cli_batch "each" callback: userdata
 * is the cli_outdir, whose summary writer is set by
 * cli_outdir_set_summary(). A file that cannot be made or written is
 * said in *said ("parkcheck: cannot create DIR/NAME: reason", in the
 * report's language) and in the summary's row, and the others are still
 * written; the row links to one that was (the HTML one when there is
 * one). Returns -1 only when memory runs out (said on stderr). */
int cli_outdir_each(void *userdata, const cli_input *in,
                    const pk_report *report, char **said);
void cli_outdir_set_summary(cli_outdir *od, pk_writer *summary);

/* Undoes cli_outdir_open() when nothing was checked: removes the summary's
 * file (closed by the caller; only if it is still the one made there), and
 * DIR if it was made and is empty again. */
void cli_outdir_undo(cli_outdir *od);

/* How many dossiers had all their files written, and how many did not. */
size_t cli_outdir_count(const cli_outdir *od);
size_t cli_outdir_failed(const cli_outdir *od);

void cli_outdir_close(cli_outdir *od);

#endif /* PARKCHECK_CLI_OUTDIR_H */
