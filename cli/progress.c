/*
 * progress.c - the progress line and the closing summary of a batch.
 *
 * The line is "\r[done/total] rate, time left", redrawn in place. It is
 * written by the thread that writes the reports, right after one goes out,
 * so it costs a clock read per dossier and a short write to the terminal
 * at most about ten times a second: nothing a batch would notice.
 *
 * Everything is formatted by hand, not with printf's %f: the command never
 * calls setlocale(), and the separators must be the report language's
 * anyway, not the C library's.
 */
#define _POSIX_C_SOURCE 200809L

#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* About ten redraws a second: the eye sees movement, the terminal is not
 * flooded on a fast batch. */
#define REDRAW_NS 100000000L

/* Room for the longest line: two 20-digit counts, a rate, a time and the
 * Vietnamese words are well under this. */
#define LINE_MAX_BYTES 256

typedef struct words {
    const char *per_second; /* after the rate */
    const char *left_open;  /* before the time left */
    const char *sec, *min, *hour;
    const char *left_close; /* after the time left */
    char decimal;
    char group;
    const char *summary_head, *summary_dossiers;
    const char *checked, *shown_before, *shown_after; /* with --only */
} words;

static const words words_vi = {
    " hồ sơ/giây",
    ", còn khoảng ",
    " giây",
    " phút",
    " giờ",
    "",
    ',',
    '.',
    "Tổng cộng",
    "hồ sơ",
    " đã kiểm tra",
    ", hiển thị ",
    "",
};

static const words words_en = {
    " dossiers/s", ", about ", " s",       " min",     " h", " left",  '.',
    ',',           "Summary",  "dossiers", " checked", ", ", " shown",
};

static const words *words_for(pk_lang lang)
{
    return lang == PK_LANG_VI ? &words_vi : &words_en;
}

/* A bounded string builder over a fixed buffer: a line that would not fit
 * is cut, never overrun. */
typedef struct line {
    char buf[LINE_MAX_BYTES];
    size_t len;
} line;

static void put(line *l, const char *s)
{
    size_t n = strlen(s);

    if (n > sizeof l->buf - 1 - l->len)
        n = sizeof l->buf - 1 - l->len;
    memcpy(l->buf + l->len, s, n);
    l->len += n;
    l->buf[l->len] = '\0';
}

static void put_char(line *l, char c)
{
    char s[2];

    s[0] = c;
    s[1] = '\0';
    put(l, s);
}

/* Digits only, or grouped by three with group (0 for none). */
static void put_count(line *l, size_t v, char group)
{
    char digits[24];
    size_t n = 0, i;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (i = n; i > 0; i--) {
        put_char(l, digits[i - 1]);
        if (group != 0 && i > 1 && (i - 1) % 3 == 0)
            put_char(l, group);
    }
}

/* A rate is worth a decimal only while it is small: "0,5" but "450". */
static void put_rate(line *l, double rate, const words *w)
{
    if (rate >= 9.95) {
        put_count(l, (size_t)(rate + 0.5), 0);
    } else {
        size_t tenths = (size_t)(rate * 10.0 + 0.5);
        put_count(l, tenths / 10, 0);
        put_char(l, w->decimal);
        put_char(l, (char)('0' + tenths % 10));
    }
}

/* Seconds up to a minute, then minutes, then hours and minutes: "4000 s"
 * means nothing at a glance. Rounded up, so it never says 0 while work
 * remains. */
static void put_duration(line *l, double seconds, const words *w)
{
    size_t s;

    /* A rate near zero would overflow the conversion: a week is plenty to
     * say "long". */
    if (seconds > 7 * 24 * 3600.0)
        seconds = 7 * 24 * 3600.0;
    s = (size_t)seconds;
    if ((double)s < seconds || s == 0)
        s++;

    if (s < 60) {
        put_count(l, s, 0);
        put(l, w->sec);
    } else if (s < 3600) {
        put_count(l, (s + 59) / 60, 0);
        put(l, w->min);
    } else {
        size_t m = (s + 59) / 60;
        put_count(l, m / 60, 0);
        put(l, w->hour);
        if (m % 60 != 0) {
            put_char(l, ' ');
            put_count(l, m % 60, 0);
            put(l, w->min);
        }
    }
}

/* Columns on a terminal: one per character. Every character the line can
 * hold is one column wide (digits, ASCII, precomposed Vietnamese letters),
 * so counting UTF-8 lead bytes is enough. */
static size_t columns(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static double seconds_between(const struct timespec *a,
                              const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void now(struct timespec *ts)
{
    if (clock_gettime(CLOCK_MONOTONIC, ts) != 0) {
        ts->tv_sec = 0;
        ts->tv_nsec = 0;
    }
}

/* The terminal's width, or 0 when it will not say. A line as wide as the
 * terminal or wider would wrap, and "\r" goes back only to the start of
 * the last row: every redraw would leave a row behind. TIOCGWINSZ is not
 * POSIX, but every terminal this runs on has it. */
static size_t terminal_width(void)
{
#ifdef TIOCGWINSZ
    struct winsize ws;

    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0)
        return ws.ws_col;
#endif
    return 0;
}

/* Cuts the line (after its "\r") to at most max columns, at a character's
 * start. */
static void cut_to_columns(line *l, size_t max)
{
    size_t i, n = 0;

    for (i = 1; i < l->len; i++) {
        if (((unsigned char)l->buf[i] & 0xC0) != 0x80 && n++ == max) {
            l->len = i;
            l->buf[i] = '\0';
            return;
        }
    }
}

/* Standard error is unbuffered: one fwrite is one write, so the line never
 * reaches the terminal in pieces. A failed write is ignored: the progress
 * line is a courtesy, never a reason to fail a batch. */
static void write_stderr(const char *s, size_t len)
{
    if (fwrite(s, 1, len, stderr) != len)
        clearerr(stderr);
}

void cli_progress_start(cli_progress *p, size_t total, pk_lang lang)
{
    memset(p, 0, sizeof *p);
    p->lang = lang;
    p->total = total;
    p->active = total >= 2 && isatty(STDERR_FILENO);
    p->stdout_tty = p->active && isatty(STDOUT_FILENO);
    p->width = p->active ? terminal_width() : 0;
    now(&p->start);
    p->drawn = p->start;
}

void cli_progress_clear(cli_progress *p)
{
    char buf[LINE_MAX_BYTES + 2];
    size_t n = p->shown;

    if (n == 0)
        return;
    if (n > LINE_MAX_BYTES)
        n = LINE_MAX_BYTES;
    /* Spaces rather than an escape sequence: right on any terminal. */
    buf[0] = '\r';
    memset(buf + 1, ' ', n);
    buf[n + 1] = '\r';
    write_stderr(buf, n + 2);
    p->shown = 0;
}

void cli_progress_before_output(cli_progress *p)
{
    if (p->stdout_tty)
        cli_progress_clear(p);
}

static void draw(cli_progress *p, const struct timespec *t)
{
    const words *w = words_for(p->lang);
    double elapsed = seconds_between(&p->start, t);
    double rate;
    line l;
    size_t cols;

    /* A first dossier done within the clock's grain would give an
     * infinite rate. */
    if (elapsed < 1e-3)
        elapsed = 1e-3;
    rate = (double)p->done / elapsed;

    l.len = 0;
    l.buf[0] = '\0';
    put(&l, "\r[");
    put_count(&l, p->done, 0);
    put_char(&l, '/');
    put_count(&l, p->total, 0);
    put(&l, "] ");
    put_rate(&l, rate, w);
    put(&l, w->per_second);
    put(&l, w->left_open);
    put_duration(&l, (double)(p->total - p->done) / rate, w);
    put(&l, w->left_close);
    /* Read once at the start: a terminal resized during a batch at worst
     * leaves a stray row. */
    if (p->width > 1)
        cut_to_columns(&l, p->width - 1);

    /* A shorter line than the one before must not leave its tail. */
    cols = columns(l.buf + 1);
    while (cols < p->shown && l.len < sizeof l.buf - 1) {
        put_char(&l, ' ');
        cols++;
    }
    write_stderr(l.buf, l.len);
    p->shown = cols;
    p->drawn = *t;
}

void cli_progress_step(cli_progress *p)
{
    struct timespec t;

    p->done++;
    /* The last one: the line is about to be cleared for good. */
    if (!p->active || p->done >= p->total)
        return;
    now(&t);
    /* The first dossier is shown at once, so even a short batch says what
     * it is doing; a line cleared for a report or a message comes back at
     * once too. Otherwise, at most about ten times a second. */
    if (p->shown != 0 && p->done > 1 &&
        seconds_between(&p->drawn, &t) * 1e9 < (double)REDRAW_NS)
        return;
    draw(p, &t);
}

void cli_progress_end(cli_progress *p)
{
    cli_progress_clear(p);
    p->active = 0;
}

/* The verdict of each rank of cli_batch_counts (cli_exit_rank). */
static const pk_verdict by_rank[5] = {
    PK_VERDICT_ELIGIBLE,     PK_VERDICT_INCOMPLETE, PK_VERDICT_NEEDS_RULING,
    PK_VERDICT_NOT_ELIGIBLE, PK_VERDICT_INVALID,
};

/* The regime's plain word for verdict v (the format description's
 * "verdict-plain:NAME"), or its name for want of one. */
static const char *verdict_word(const pk_engine *engine, pk_verdict v,
                                pk_lang lang)
{
    char key[64];
    const char *word;

    snprintf(key, sizeof key, "verdict-plain:%s", pk_verdict_name(v));
    word = engine != NULL ? pk_engine_word(engine, key, lang) : NULL;
    return word != NULL ? word : pk_verdict_name(v);
}

void cli_print_summary(const cli_batch_counts *counts, pk_format format,
                       const pk_engine *engine, pk_lang lang)
{
    const words *w = words_for(lang);
    size_t total = 0, v;
    line l;

    for (v = 0; v < 5; v++)
        total += counts->status[v];
    if (total < 2 || format == PK_FORMAT_TEXT || !isatty(STDERR_FILENO))
        return;
    /* The text report's own summary, on one line. */
    l.len = 0;
    l.buf[0] = '\0';
    put(&l, w->summary_head);
    put(&l, ": ");
    put_count(&l, total, w->group);
    put_char(&l, ' ');
    put(&l, w->summary_dossiers);
    if (counts->shown < total) {
        /* Some were left out of the output (--only): the counts are the
         * whole batch's, as the reports' own totals are. */
        put(&l, w->checked);
        put(&l, w->shown_before);
        put_count(&l, counts->shown, w->group);
        put(&l, w->shown_after);
    }
    put(&l, " — ");
    for (v = 0; v < 5; v++) {
        /* Named only when it happened: most batches have no open law. */
        if (v == 2 && counts->status[v] == 0)
            continue;
        if (v > 0)
            put(&l, " · ");
        put(&l, verdict_word(engine, by_rank[v], lang));
        put(&l, ": ");
        put_count(&l, counts->status[v], w->group);
    }
    put_char(&l, '\n');
    write_stderr(l.buf, l.len);
}
