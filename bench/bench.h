/*
 * bench.h - what the in-process benchmarks share: the dossiers of a
 * directory loaded into memory, and a timer that reports the fastest of
 * several passes over them, in CPU time. Header-only; not part of the library.
 */
#ifndef PK_BENCH_H
#define PK_BENCH_H

#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct bench_file {
    char *name;
    char *data;
    size_t len;
} bench_file;

typedef struct bench_set {
    bench_file *files;
    size_t count;
    size_t bytes;
} bench_set;

static int bench_cmp(const void *a, const void *b)
{
    return strcmp(((const bench_file *)a)->name, ((const bench_file *)b)->name);
}

/* Every *.xml file of dir (not recursive), sorted by name, in memory. */
static void bench_load(bench_set *s, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t cap = 0;

    memset(s, 0, sizeof *s);
    if (d == NULL) {
        perror(dir);
        exit(2);
    }
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        char path[4096];
        FILE *fp;
        bench_file *f;

        if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
            continue;
        if (s->count == cap) {
            cap = cap ? cap * 2 : 256;
            s->files = realloc(s->files, cap * sizeof *s->files);
            if (s->files == NULL)
                exit(3);
        }
        f = &s->files[s->count++];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        f->name = strdup(path);
        fp = fopen(path, "rb");
        if (fp == NULL || fseek(fp, 0, SEEK_END) != 0) {
            perror(path);
            exit(2);
        }
        f->len = (size_t)ftell(fp);
        rewind(fp);
        f->data = malloc(f->len + 1);
        if (f->data == NULL || fread(f->data, 1, f->len, fp) != f->len)
            exit(3);
        f->data[f->len] = '\0';
        fclose(fp);
        s->bytes += f->len;
    }
    closedir(d);
    if (s->count == 0) {
        fprintf(stderr, "%s: no *.xml files\n", dir);
        exit(2);
    }
    qsort(s->files, s->count, sizeof *s->files, bench_cmp);
}

/* The CPU time of the process, not the time on the wall: on a machine
 * shared with other work, a pass that waits for the CPU is not charged
 * for the wait. The programs are single-threaded. */
static double bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench_dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

#define BENCH_PASSES 7

/* Runs fn over every file of s in passes of at least min_seconds (whole
 * rounds over the set), BENCH_PASSES times after one warm-up, and returns
 * the fastest pass's microseconds per dossier. */
static double bench_run(const bench_set *s,
                        void (*fn)(const bench_file *, void *), void *ud,
                        double min_seconds)
{
    double times[BENCH_PASSES];
    size_t rounds = 1;
    double t0, t;
    const char *fixed = getenv("BENCH_ROUNDS");

    /* BENCH_ROUNDS=N: exactly N rounds, one pass, for counting
     * instructions with perf stat rather than timing. */
    if (fixed != NULL && atoi(fixed) > 0) {
        rounds = (size_t)atoi(fixed);
        t0 = bench_now();
        for (size_t r = 0; r < rounds; r++)
            for (size_t i = 0; i < s->count; i++)
                fn(&s->files[i], ud);
        return (bench_now() - t0) * 1e6 / (double)(rounds * s->count);
    }

    /* Warm up, and find how many rounds make a pass long enough. */
    for (;;) {
        t0 = bench_now();
        for (size_t r = 0; r < rounds; r++)
            for (size_t i = 0; i < s->count; i++)
                fn(&s->files[i], ud);
        t = bench_now() - t0;
        if (t >= min_seconds)
            break;
        rounds = t <= 0 ? rounds * 10
                        : (size_t)(rounds * (min_seconds / t) * 1.2) + 1;
    }
    for (int p = 0; p < BENCH_PASSES; p++) {
        t0 = bench_now();
        for (size_t r = 0; r < rounds; r++)
            for (size_t i = 0; i < s->count; i++)
                fn(&s->files[i], ud);
        times[p] = (bench_now() - t0) * 1e6 / (double)(rounds * s->count);
    }
    qsort(times, BENCH_PASSES, sizeof times[0], bench_dcmp);
    return times[0]; /* the best pass: the least disturbed by other work */
}

/* BENCH_ONLY=NAME in the environment runs that measure alone: bench/run.sh
 * runs each in a process of its own, so that none inherits the heap another
 * left behind (a thousand dossiers read and freed make a later measure
 * slower by a third). */
static inline int wanted(const char *what)
{
    const char *only = getenv("BENCH_ONLY");

    return only == NULL || *only == '\0' || strcmp(only, what) == 0;
}

#endif
