/*
 * main.c - the parkcheck command: dispatch, and the "check" command's
 * engine and output.
 *
 * The command sees only the public API (parkcheck.h): whatever it needs
 * and cannot get there is a gap in the API, not something to reach around.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <parkcheck/parkcheck.h>

#include "batch.h"
#include "commands.h"
#include "diff.h"
#include "progress.h"
#include "inputs.h"
#include "options.h"
#include "outdir.h"
#include "serve.h"

/* The library's documented default for max_dossier_bytes; standard input,
 * which the command reads itself, is bounded by the same figure. */

#define TOP_HINT "parkcheck"

/* Where the writer's output goes, and why it stopped if it did. */
typedef struct out_sink {
    FILE *fp;
    int errnum;
    int live; /* someone may be reading as the batch goes: flush often */
    /* What the writer wrote before any dossier (a format's opening), held
     * back until one comes: when none does, the command has checked
     * nothing and writes nothing (exit status 4). */
    int holding;
    char *held;
    size_t held_len;
} out_sink;

/* Output to a terminal, a pipe or a socket is read as it comes, so each
 * dossier's report is flushed as soon as it is written; output to a file
 * (or /dev/null) is left to stdio's buffer, a write per 64 KiB instead of
 * one per dossier. */
static void sink_init(out_sink *sink, FILE *fp)
{
    struct stat st;

    sink->fp = fp;
    sink->errnum = 0;
    sink->live = 1;
    sink->holding = 0;
    sink->held = NULL;
    sink->held_len = 0;
    if (fstat(fileno(fp), &st) == 0 &&
        (S_ISREG(st.st_mode) || (S_ISCHR(st.st_mode) && !isatty(fileno(fp))))) {
        sink->live = 0;
        (void)setvbuf(fp, NULL, _IOFBF, (size_t)64 * 1024);
    }
}

static void print_usage(FILE *out)
{
    fputs("Usage: parkcheck COMMAND [ARGUMENT]...\n"
          "Check dossiers against the rule packs built in (or given), "
          "rule by rule.\n"
          "\n"
          "Commands:\n"
          "  check [OPTION]... PATH...  check dossiers; report rule by rule\n"
          "  template --kind KIND       print a skeleton dossier to fill in\n"
          "  rules list | show ID       what the rules check, and why\n"
          "  diff OLD NEW               what a new version of a dossier\n"
          "                             changed, and its verdict\n"
          "  serve [OPTION]...          the workbench and the API over HTTP\n"
          "  help [COMMAND]             show this help, or a command's\n"
          "\n"
          "Options:\n"
          "  -h, --help                 show this help and exit\n"
          "  -V, --version              show the version and exit\n"
          "\n"
          "Run 'parkcheck check --help' for the options of check and the\n"
          "exit statuses.\n",
          out);
}

/* Writes data out, or keeps it while the sink holds. */
static int put_out(out_sink *sink, const char *data, size_t len)
{
    if (sink->holding) {
        char *grown = realloc(sink->held, sink->held_len + len);

        if (grown == NULL) {
            sink->errnum = ENOMEM;
            return -1;
        }
        memcpy(grown + sink->held_len, data, len);
        sink->held = grown;
        sink->held_len += len;
        return 0;
    }
    errno = 0;
    /* Each piece is one whole dossier (or a header): flushing it lets a
     * pipeline read NDJSON lines as the batch goes. */
    if (fwrite(data, 1, len, sink->fp) != len ||
        (sink->live && fflush(sink->fp) != 0)) {
        sink->errnum = errno != 0 ? errno : EIO;
        return -1;
    }
    return 0;
}

/* What was held goes out first, as the writer wrote it. */
static int release_out(out_sink *sink)
{
    char *held = sink->held;
    size_t len = sink->held_len;
    int rc = 0;

    sink->holding = 0;
    sink->held = NULL;
    sink->held_len = 0;
    if (len > 0)
        rc = put_out(sink, held, len);
    free(held);
    return rc;
}

static int write_out(void *userdata, const char *data, size_t len)
{
    out_sink *sink = userdata;

    if (len == 0)
        return 0;
    /* Once the writer is made, what it writes is a dossier's: something
     * was checked. */
    if (sink->held != NULL && release_out(sink) != 0)
        return -1;
    return put_out(sink, data, len);
}

/* Buffered output fails late: a report is not out until this succeeds. */
static int flush_out(out_sink *sink)
{
    errno = 0;
    if (fflush(sink->fp) != 0 || ferror(sink->fp)) {
        if (sink->errnum == 0)
            sink->errnum = errno != 0 ? errno : EIO;
        fprintf(stderr, "parkcheck: cannot write to standard output: %s\n",
                strerror(sink->errnum));
        return -1;
    }
    return 0;
}

static void print_output_error(const out_sink *sink, const pk_error *err)
{
    if (sink->errnum != 0)
        fprintf(stderr, "parkcheck: cannot write to standard output: %s\n",
                strerror(sink->errnum));
    else
        cli_print_error("parkcheck: cannot write the report: ", err, NULL);
}

static int new_engine(pk_engine **engine, const cli_check_options *opts)
{
    pk_engine_options eopts = PK_ENGINE_OPTIONS_INIT;

    eopts.max_dossier_bytes = opts->max_size;
    return cli_engine_open(engine, opts->rules_path, &eopts);
}

static size_t checked_count(const cli_batch_counts *counts)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof counts->status / sizeof counts->status[0];
         i++)
        n += counts->status[i];
    return n;
}

static int run_check(int argc, char **argv)
{
    cli_check_options opts;
    pk_eval_options eval = PK_EVAL_OPTIONS_INIT;
    pk_writer_options wopts = PK_WRITER_OPTIONS_INIT;
    pk_engine *engine = NULL;
    pk_writer *writer = NULL;
    cli_inputs *inputs = NULL;
    cli_outdir *outdir = NULL;
    FILE *summary_fp = NULL;
    pk_format format;
    out_sink sink;
    cli_batch batch;
    cli_batch_counts counts;
    pk_error err;
    int status = CLI_EXIT_USAGE, worst, write_failed = 0;

    memset(&err, 0, sizeof err);
    sink_init(&sink, stdout);
    if (cli_parse_check_options(&opts, argc, argv) != 0)
        goto out;
    cli_set_error_lang(opts.lang);
    if (opts.help) {
        cli_print_check_usage(stdout);
        status = flush_out(&sink) == 0 ? 0 : CLI_EXIT_INVALID;
        goto out;
    }
    /* The rule packs first: if they are unusable, nothing is read, not
     * even standard input. */
    if (new_engine(&engine, &opts) != 0)
        goto out;

    /* From here on a failure is not the user's: nothing to "try --help"
     * about, and status 3 says the dossiers were not all reported. */
    status = CLI_EXIT_INVALID;
    if (cli_inputs_open(&inputs, opts.paths, opts.path_count,
                        opts.max_size != 0 ? opts.max_size
                                           : PK_DEFAULT_MAX_DOSSIER_BYTES,
                        opts.lang == PK_LANG_VI) != 0)
        goto out;
    format = opts.format;
    if (opts.output_dir != NULL) {
        /* The reports go to files; what the writer writes is the
         * summary. */
        if (cli_outdir_open(&outdir, opts.output_dir, opts.paths,
                            opts.path_count, engine, opts.formats,
                            opts.format_count, opts.lang, &summary_fp) != 0) {
            status = CLI_EXIT_USAGE; /* nothing was checked */
            goto out;
        }
        sink_init(&sink, summary_fp);
        format = PK_FORMAT_SUMMARY;
    }
    wopts.format = format;
    wopts.lang = opts.lang;
    sink.holding = 1;
    if (pk_writer_new(&writer, engine, write_out, &sink, &wopts, &err) != 0) {
        writer = NULL;
        print_output_error(&sink, &err);
        goto out;
    }
    sink.holding = 0;
    eval.as_of = opts.as_of;
    batch.engine = engine;
    batch.eval = &eval;
    batch.writer = writer;
    batch.lang = opts.lang;
    batch.jobs = opts.jobs;
    batch.verdicts = opts.verdicts;
    batch.each = NULL;
    batch.each_userdata = NULL;
    if (outdir != NULL) {
        cli_outdir_set_summary(outdir, writer);
        batch.each = cli_outdir_each;
        batch.each_userdata = outdir;
    }
    /* The inputs are walked as the batch goes; counting them first, which
     * walks the directories twice, is only for a person watching the
     * progress line. */
    batch.total = isatty(STDERR_FILENO)
                      ? cli_inputs_count(opts.paths, opts.path_count)
                      : 0;
    worst = cli_batch_run_counted(&batch, inputs, &counts, &write_failed, &err);
    if (write_failed) {
        /* A dossier's own file says why itself. */
        if (outdir == NULL || sink.errnum != 0 || err.code != 0)
            print_output_error(&sink, &err);
        goto out;
    }
    if (checked_count(&counts) == 0) {
        /* Nothing checked is no verdict, least of all "all eligible"; and
         * no report: not even an empty one, nor a summary of nothing. */
        if (outdir != NULL) {
            fclose(summary_fp);
            summary_fp = NULL;
            cli_outdir_undo(outdir);
        }
        fputs(opts.lang == PK_LANG_VI
                  ? "parkcheck: không tìm thấy hồ sơ nào (tệp .xml) để "
                    "kiểm tra\n"
                  : "parkcheck: no dossier (.xml file) found to check\n",
              stderr);
        status = CLI_EXIT_USAGE;
        goto out;
    }
    if (release_out(&sink) != 0 || pk_writer_finish(writer, &err) != 0) {
        print_output_error(&sink, &err);
        goto out;
    }
    if (flush_out(&sink) != 0)
        goto out;
    if (outdir != NULL) {
        int closed = fclose(summary_fp);
        size_t n = cli_outdir_count(outdir);
        size_t failed = cli_outdir_failed(outdir);

        summary_fp = NULL;
        if (closed != 0) {
            fprintf(stderr,
                    opts.lang == PK_LANG_VI
                        ? "parkcheck: không ghi được tệp %s/%s: %s\n"
                        : "parkcheck: cannot write %s/%s: %s\n",
                    opts.output_dir, CLI_OUTDIR_SUMMARY, strerror(errno));
            goto out;
        }
        /* Vietnamese has no plural: "1 hồ sơ", "2 hồ sơ". */
        fprintf(stderr,
                opts.lang == PK_LANG_VI
                    ? "parkcheck: đã ghi báo cáo của %zu hồ sơ và bản tổng "
                      "hợp %s/%s\n"
                : n == 1 ? "parkcheck: wrote the report of %zu dossier and "
                           "the summary %s/%s\n"
                         : "parkcheck: wrote the reports of %zu dossiers and "
                           "the summary %s/%s\n",
                n, opts.output_dir, CLI_OUTDIR_SUMMARY);
        if (failed > 0) {
            /* Each was said as it happened; the summary's row says it
             * too. A report not written is a report the reader lacks. */
            fprintf(stderr,
                    opts.lang == PK_LANG_VI
                        ? "parkcheck: không ghi được đầy đủ báo cáo của %zu "
                          "hồ sơ (đã nêu ở trên và trong bản tổng hợp)\n"
                    : failed == 1
                        ? "parkcheck: the report of %zu dossier could not be "
                          "written in full (above, and in the summary)\n"
                        : "parkcheck: the reports of %zu dossiers could not "
                          "be written in full (above, and in the summary)\n",
                    failed);
            worst = CLI_EXIT_INVALID;
        }
    }
    cli_print_summary(&counts, format, engine, opts.lang);
    status = worst;
out:
    free(sink.held);
    pk_writer_free(writer);
    if (summary_fp != NULL)
        fclose(summary_fp);
    cli_outdir_close(outdir);
    cli_inputs_close(inputs);
    pk_engine_free(engine);
    return status;
}

int main(int argc, char **argv)
{
    out_sink sink = {.fp = stdout, .live = 1};
    const char *cmd;

    if (argc < 2) {
        cli_usage_error(TOP_HINT, "no command given");
        return CLI_EXIT_USAGE;
    }
    cmd = argv[1];
    if (strcmp(cmd, "check") == 0) {
        /* A closed pipe must give an error and an exit status, not a
         * silent death in the middle of a batch. The other commands print
         * text to read, often through `| head`: there a closed pipe ends
         * them quietly, as it does cat. */
        signal(SIGPIPE, SIG_IGN);
        return run_check(argc - 1, argv + 1);
    }
    signal(SIGPIPE, SIG_DFL);
    if (strcmp(cmd, "template") == 0)
        return cli_run_template(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return cli_run_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "rules") == 0)
        return cli_run_rules(argc - 1, argv + 1);
    if (strcmp(cmd, "diff") == 0)
        return cli_run_diff(argc - 1, argv + 1);
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("parkcheck %s (library %s)\n", PK_VERSION_STRING, pk_version());
        return flush_out(&sink) == 0 ? 0 : CLI_EXIT_INVALID;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        if (strcmp(cmd, "help") == 0 && argc > 2) {
            if (strcmp(argv[2], "check") == 0)
                cli_print_check_usage(stdout);
            else if (strcmp(argv[2], "template") == 0)
                cli_print_template_usage(stdout);
            else if (strcmp(argv[2], "rules") == 0)
                cli_print_rules_usage(stdout);
            else if (strcmp(argv[2], "diff") == 0)
                cli_print_diff_usage(stdout);
            else if (strcmp(argv[2], "serve") == 0) {
                char *help[] = {argv[2], (char *)"--help", NULL};
                return cli_run_serve(2, help);
            } else {
                cli_usage_error(TOP_HINT, "unknown command '%s'", argv[2]);
                return CLI_EXIT_USAGE;
            }
        } else {
            print_usage(stdout);
        }
        return flush_out(&sink) == 0 ? 0 : CLI_EXIT_INVALID;
    }
    if (cmd[0] == '-')
        cli_usage_error(TOP_HINT, "unknown option '%s'", cmd);
    else
        cli_usage_error(TOP_HINT, "unknown command '%s'", cmd);
    return CLI_EXIT_USAGE;
}
