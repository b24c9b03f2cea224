/*
 * batch.c - checking dossiers on N threads, writing reports in input order.
 *
 * N threads (the calling one among them) take the next input, check it,
 * format its report (pk_writer_format: it costs more than the check
 * itself) and leave both in a slot of a ring. Whichever thread fills the
 * slot that is next in input order takes the writing turn and writes that
 * slot and every filled one after it, in order, then goes back to
 * checking. No thread sits waiting to be woken for each report: a batch
 * wakes a sleeping thread only when the ring is full.
 *
 * The ring has 4 x jobs slots and a thread waits rather than run further
 * ahead of the output than that, so memory stays flat however many
 * dossiers a batch holds, and a slow reader of standard output slows the
 * checking down instead of piling up reports.
 *
 * The writing turn also moves the progress line (progress.h) as each
 * report goes out and keeps the counts for the closing summary: it is the
 * one place that knows what has really been written. One thread at a time
 * has it, and takes it under the lock, so what one turn left in the
 * emitter the next one sees.
 */
#define _POSIX_C_SOURCE 200809L

#include "batch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define WINDOW_PER_JOB 4

/* What the writing turn keeps while it emits reports. One thread at a time
 * has the turn, taken and given back under the lock, so none of it needs
 * the lock itself. */
typedef struct emitter {
    const cli_batch *batch;
    cli_progress progress;
    cli_batch_counts counts;
    size_t added; /* reports the writer has taken */
    int worst;
    pk_error *werr;
} emitter;

typedef struct slot {
    cli_input in; /* taken from the inputs under the lock */
    pk_report *report;
    pk_writer_piece *piece; /* the report formatted, or NULL */
    pk_error err;
    int rc;
    int done; /* guarded by the lock; the rest belongs to whoever owns it */
} slot;

typedef struct shared {
    const cli_batch *batch;
    emitter *em;
    cli_inputs *inputs; /* walked under the lock, one input at a time */
    slot *slots;
    size_t window;
    size_t next;    /* the next input a worker takes */
    size_t written; /* inputs the writer has taken out of the ring */
    int stop;       /* a write failed: take no more work */
    int exhausted;  /* no more inputs: next is their number */
    int lost;       /* memory ran out listing them */
    int writing;    /* a thread has the writing turn */
    int *write_failed;
    unsigned waiting; /* threads waiting for space_cond */
    pthread_mutex_t lock;
    pthread_cond_t space_cond; /* the output moved on, or stop */
} shared;

/* The language problems are told in: set once, before any thread starts,
 * by the command from its --lang (or the environment). */
static pk_lang error_lang = PK_LANG_EN;

void cli_set_error_lang(pk_lang lang)
{
    error_lang = lang;
}

pk_lang cli_error_lang(void)
{
    return error_lang;
}

void cli_print_error(const char *prefix, const pk_error *err,
                     const char *fallback_source)
{
    const char *src = err->source[0] != '\0'    ? err->source
                      : fallback_source != NULL ? fallback_source
                                                : "";
    const char *msg =
        err->message[0] != '\0' ? err->message : pk_strerror(err->code);
    char said[PK_ERROR_TEXT_MAX];
    int any = 0;

    /* A message of the registry is told in the reader's language. */
    if (err->id != 0 && error_lang != PK_LANG_EN) {
        pk_error_text(err, error_lang, said, sizeof said);
        if (said[0] != '\0')
            msg = said;
    }

    /* The fields are fixed arrays: bound the reads in case one is full. */
    fputs(prefix, stderr);
    if (*src != '\0') {
        fprintf(stderr, "%.*s:", (int)sizeof err->source, src);
        any = 1;
    }
    if (err->line != 0) {
        fprintf(stderr, "%u:", err->line);
        if (err->column != 0)
            fprintf(stderr, "%u:", err->column);
        any = 1;
    }
    fprintf(stderr, "%s%.*s\n", any ? " " : "", (int)sizeof said, msg);
}

/* Explicit rather than a cast: the exit statuses are a promise of the
 * command line, the enum's numbers one of the library. */
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

/* Whether --only lets the report through. */
static int wanted(const cli_batch *b, const pk_report *report)
{
    unsigned v = (unsigned)pk_report_verdict(report);

    return b->verdicts == 0 || (v < 32 && (b->verdicts & (1u << v)) != 0);
}

/* Runs on any thread; touches only its own input. */
static int check_one(const cli_batch *b, cli_input *in, pk_report **out,
                     pk_error *err)
{
    int rc;

    *out = NULL;
    memset(err, 0, sizeof *err);
    if (in->is_stdin) {
        rc = pk_check_memory(out, b->engine, in->path, in->data, in->len,
                             b->eval, err);
        /* Checked once: the bytes are not needed any more. */
        free(in->data);
        in->data = NULL;
    } else {
        rc = pk_check_file(out, b->engine, in->path, b->eval, err);
    }
    return rc;
}

/* The writing turn only: reports the outcome of input index and writes its
 * report, from the piece a worker formatted when there is one made for
 * this place in the output (a dossier lost before it moves the rest up
 * one). Frees the report and the piece. Returns -1 when the writer
 * failed. */
static int emit(emitter *em, size_t index, const cli_input *in, int rc,
                pk_report *report, pk_writer_piece *piece, const pk_error *err)
{
    int status = CLI_EXIT_INVALID, ret = 0, wrc;

    if (in->note != NULL) {
        /* Why this path, or one before it, could not be read. */
        cli_progress_clear(&em->progress);
        fputs(in->note, stderr);
    }
    if (rc != 0 || report == NULL) {
        /* Only out of memory gets here: the library reports every other
         * problem inside the report. This dossier is lost to the output. */
        cli_progress_clear(&em->progress);
        cli_print_error("parkcheck: ", err, in->path);
        goto out;
    }
    if (!in->failed)
        status = verdict_status(pk_report_verdict(report));
    if (!wanted(em->batch, report)) {
        /* Checked and counted, not shown: the writer's totals still
         * count it, as the exit status does. */
        if (pk_writer_leave_out(em->batch->writer, report, em->werr) != 0)
            ret = -1;
        goto out;
    }
    if (em->batch->each != NULL) {
        char *said = NULL;

        wrc = em->batch->each(em->batch->each_userdata, in, report, &said);
        if (said != NULL) {
            cli_progress_clear(&em->progress);
            fputs(said, stderr);
            free(said);
        }
        if (wrc != 0) {
            ret = -1;
            goto out;
        }
    }
    cli_progress_before_output(&em->progress);
    if (piece != NULL && index == em->added)
        wrc = pk_writer_add_piece(em->batch->writer, piece, em->werr);
    else
        wrc = pk_writer_add(em->batch->writer, report, em->werr);
    if (wrc != 0)
        ret = -1;
    else
        em->added++;
out:
    if (cli_exit_rank(status) > cli_exit_rank(em->worst))
        em->worst = status;
    if (ret == 0) {
        /* Counted unless the writer failed on it: then the batch stops
         * and main reports that instead of a summary. A dossier lost to a
         * failed check counts as invalid, as in the exit status. */
        em->counts.status[cli_exit_rank(status)]++;
        cli_progress_step(&em->progress);
    }
    pk_writer_piece_free(piece);
    pk_report_free(report);
    return ret;
}

static void run_serial(emitter *em, cli_inputs *inputs, int *write_failed)
{
    for (size_t i = 0;; i++) {
        cli_input in;
        pk_report *report;
        pk_error err;
        int rc, got = cli_inputs_next(inputs, &in);

        if (got <= 0) {
            if (got < 0 &&
                cli_exit_rank(em->worst) < cli_exit_rank(CLI_EXIT_INVALID))
                em->worst = CLI_EXIT_INVALID;
            break;
        }
        rc = check_one(em->batch, &in, &report, &err);
        rc = emit(em, i, &in, rc, report, NULL, &err);
        cli_input_clear(&in);
        if (rc != 0) {
            *write_failed = 1;
            break;
        }
    }
}

/* Called with the lock held by the thread that has just taken the writing
 * turn: writes slot after slot while the next one in input order is
 * filled, taking each out of the ring under the lock and writing it
 * without, then gives the turn back. Returns with the lock held. */
static void write_turn(shared *s)
{
    while (!s->stop) {
        slot *sl = &s->slots[s->written % s->window];
        size_t i = s->written;
        slot taken;
        int rc;

        if (!sl->done)
            break;
        taken = *sl;
        memset(&sl->in, 0, sizeof sl->in);
        sl->report = NULL;
        sl->piece = NULL;
        sl->done = 0;
        s->written = i + 1;
        if (s->waiting > 0)
            pthread_cond_broadcast(&s->space_cond);
        pthread_mutex_unlock(&s->lock);

        rc = emit(s->em, i, &taken.in, taken.rc, taken.report, taken.piece,
                  &taken.err);
        cli_input_clear(&taken.in);

        pthread_mutex_lock(&s->lock);
        if (rc != 0) {
            *s->write_failed = 1;
            s->stop = 1;
            pthread_cond_broadcast(&s->space_cond);
        }
    }
    s->writing = 0;
}

static void *worker(void *arg)
{
    shared *s = arg;

    pthread_mutex_lock(&s->lock);
    for (;;) {
        size_t i;
        slot *sl;
        int got;

        while (!s->stop && !s->exhausted && s->next >= s->written + s->window) {
            s->waiting++;
            pthread_cond_wait(&s->space_cond, &s->lock);
            s->waiting--;
        }
        if (s->stop || s->exhausted)
            break;
        i = s->next;
        /* The slot is this thread's until done is set: the writing turn
         * emptied it before letting next reach i. The walk of the inputs
         * is not for two threads at once, so it stays under the lock (a
         * directory is listed when the batch reaches it). */
        sl = &s->slots[i % s->window];
        got = cli_inputs_next(s->inputs, &sl->in);
        if (got <= 0) {
            s->exhausted = 1;
            s->lost = got < 0;
            pthread_cond_broadcast(&s->space_cond);
            break;
        }
        s->next = i + 1;
        pthread_mutex_unlock(&s->lock);

        sl->rc = check_one(s->batch, &sl->in, &sl->report, &sl->err);
        /* Formatted here, as the i-th report; should that fail (out of
         * memory), the writing turn formats it itself. */
        sl->piece = NULL;
        if (sl->rc == 0 && sl->report != NULL && wanted(s->batch, sl->report)) {
            pk_error ferr;
            if (pk_writer_format(s->batch->writer, sl->report, i, &sl->piece,
                                 &ferr) != 0)
                sl->piece = NULL;
        }

        pthread_mutex_lock(&s->lock);
        sl->done = 1;
        /* The next slot to write is this one: the turn is this thread's,
         * unless another thread is writing (it will come to this slot). */
        if (!s->writing && i == s->written) {
            s->writing = 1;
            write_turn(s);
        }
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

static void run_threads(emitter *em, cli_inputs *inputs, unsigned jobs,
                        int *write_failed)
{
    shared s;
    pthread_t *threads = NULL;
    unsigned started = 0, t;
    int have_lock = 0, have_space = 0;
    size_t i;

    memset(&s, 0, sizeof s);
    s.batch = em->batch;
    s.em = em;
    s.inputs = inputs;
    s.write_failed = write_failed;
    s.window = (size_t)jobs * WINDOW_PER_JOB;
    s.slots = calloc(s.window, sizeof *s.slots);
    threads = calloc(jobs - 1, sizeof *threads);
    if (s.slots == NULL || threads == NULL)
        goto serial;
    have_lock = pthread_mutex_init(&s.lock, NULL) == 0;
    have_space = have_lock && pthread_cond_init(&s.space_cond, NULL) == 0;
    if (!have_space)
        goto serial;
    /* The calling thread is the last of the jobs. */
    for (t = 0; t + 1 < jobs; t++) {
        if (pthread_create(&threads[t], NULL, worker, &s) != 0)
            break;
        started++;
    }
    if (started + 1 < jobs)
        fprintf(stderr, "parkcheck: could start only %u of %u threads\n",
                started + 1, jobs);
    worker(&s);
    for (t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    if (s.lost && cli_exit_rank(em->worst) < cli_exit_rank(CLI_EXIT_INVALID))
        em->worst = CLI_EXIT_INVALID;
    goto out;
serial:
    /* No lock or memory for the ring: do the work here rather than fail
     * the batch. */
    run_serial(em, inputs, write_failed);
out:
    /* After a write failure, reports done but never written. */
    for (i = 0; s.slots != NULL && i < s.window; i++)
        if (s.slots[i].done) {
            pk_writer_piece_free(s.slots[i].piece);
            pk_report_free(s.slots[i].report);
            cli_input_clear(&s.slots[i].in);
        }
    if (have_space)
        pthread_cond_destroy(&s.space_cond);
    if (have_lock)
        pthread_mutex_destroy(&s.lock);
    free(threads);
    free(s.slots);
}

int cli_batch_run_counted(const cli_batch *batch, cli_inputs *inputs,
                          cli_batch_counts *counts, int *write_failed,
                          pk_error *werr)
{
    unsigned jobs = batch->jobs;
    emitter em;

    memset(&em, 0, sizeof em);
    em.batch = batch;
    em.werr = werr;
    *write_failed = 0;
    /* More threads than dossiers would only idle. */
    if (batch->total > 0 && batch->total < jobs)
        jobs = (unsigned)batch->total;
    cli_progress_start(&em.progress, batch->total, batch->lang);
    if (jobs <= 1)
        run_serial(&em, inputs, write_failed);
    else
        run_threads(&em, inputs, jobs, write_failed);
    if (!*write_failed) {
        /* What was said after the last input (an empty directory). */
        char *note = cli_inputs_take_note(inputs);
        if (note != NULL) {
            cli_progress_clear(&em.progress);
            fputs(note, stderr);
            free(note);
        }
    }
    /* Off the screen before main says anything more: a write error, or
     * the summary. */
    cli_progress_end(&em.progress);
    if (counts != NULL) {
        *counts = em.counts;
        counts->shown = em.added;
    }
    return em.worst;
}

/* The batch without counts, for callers that print no summary. */
int cli_batch_run(const cli_batch *batch, cli_inputs *inputs, int *write_failed,
                  pk_error *werr)
{
    return cli_batch_run_counted(batch, inputs, NULL, write_failed, werr);
}
