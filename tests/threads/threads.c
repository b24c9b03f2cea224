/*
 * threads.c - one engine shared by 8 threads gives, byte for byte, what a
 * sequential run gives.
 *
 * Every conformance case's dossier (tests/cases/<name>/dossier.xml) and
 * every example (each .xml file in examples/) is checked and its report
 * written to a string in every format and both languages, first in one
 * thread; then 8 threads share one new engine and do it all again, ROUNDS
 * times over, taking the jobs from a shared counter so that the same
 * dossier is worked on by several threads at once. Every kind's template
 * and every rule's description are jobs too. Every string must equal the
 * sequential one.
 *
 * It runs in every lane, and is the reason for the ThreadSanitizer one
 * (.ci/run), which reports any data race the threads run into.
 *
 * Arguments: the source root (for tests/cases and examples).
 */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

#include "tc.h"

#define THREADS 8
#define ROUNDS 3

static const pk_format formats[] = {PK_FORMAT_TEXT,  PK_FORMAT_JSON,
                                    PK_FORMAT_HTML,  PK_FORMAT_CSV,
                                    PK_FORMAT_JUNIT, PK_FORMAT_NDJSON};
#define NFORMATS (sizeof formats / sizeof formats[0])
#define NOUT (NFORMATS * 2) /* every format in both languages */

static const char *const kinds[] = {"establishment", "expansion", "recognition",
                                    "master-plan-addition"};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* ------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------ */

typedef struct buf {
    char *data;
    size_t len, cap;
    int failed;
} buf;

static int buf_write(void *ud, const char *data, size_t len)
{
    buf *b = ud;

    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;
        while (cap < b->len + len + 1)
            cap *= 2;
        p = realloc(b->data, cap);
        if (p == NULL) {
            b->failed = 1;
            return -1;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

/* The buffer's text, or a line saying why there is none; the caller owns
 * it. */
static char *buf_take(buf *b, int rc, const char *what)
{
    char *s;

    if (rc == PK_OK && !b->failed && b->data != NULL)
        return b->data;
    free(b->data);
    s = malloc(200);
    if (s != NULL)
        snprintf(s, 200, "(%s failed: %s)", what,
                 b->failed ? "out of memory in the test" : pk_strerror(rc));
    return s;
}

/* ------------------------------------------------------------------------
 * Jobs: a dossier, a template or a rule, and what each gives
 * ------------------------------------------------------------------------ */

typedef enum { JOB_DOSSIER, JOB_TEMPLATE, JOB_RULE } job_kind;

typedef struct job {
    job_kind kind;
    char *path;         /* JOB_DOSSIER */
    const char *tkind;  /* JOB_TEMPLATE */
    size_t pack, nrule; /* JOB_RULE: the rule's place in the engine */
    char *expected[NOUT];
} job;

static job *jobs;
static size_t njobs, jobs_cap;
static pk_engine *engine;

static job *add_job(job_kind kind)
{
    job *j;

    if (njobs == jobs_cap) {
        size_t cap = jobs_cap ? jobs_cap * 2 : 256;
        job *p = realloc(jobs, cap * sizeof *p);
        if (p == NULL) {
            puts("Bail out! out of memory");
            exit(1);
        }
        jobs = p;
        jobs_cap = cap;
    }
    j = &jobs[njobs++];
    memset(j, 0, sizeof *j);
    j->kind = kind;
    return j;
}

static void add_dossier(const char *dir, const char *name)
{
    job *j = add_job(JOB_DOSSIER);
    size_t n = strlen(dir) + strlen(name) + 2;

    j->path = malloc(n);
    if (j->path == NULL) {
        puts("Bail out! out of memory");
        exit(1);
    }
    snprintf(j->path, n, "%s/%s", dir, name);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted, that end with suffix (NULL: directories with
 * a dossier, whole or as a change). */
static void list(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;

    if (d == NULL) {
        printf("Bail out! cannot open %s\n", dir);
        exit(1);
    }
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        char **nn;
        if (de->d_name[0] == '.')
            continue;
        if (suffix != NULL &&
            (l < strlen(suffix) ||
             strcmp(de->d_name + l - strlen(suffix), suffix) != 0))
            continue;
        nn = realloc(names, (n + 1) * sizeof *nn);
        if (nn == NULL || (nn[n] = strdup(de->d_name)) == NULL) {
            puts("Bail out! out of memory");
            exit(1);
        }
        names = nn;
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (suffix != NULL) {
            add_dossier(dir, names[i]);
        } else {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (tc_case_has_dossier(path)) {
                snprintf(path, sizeof path, "%s/dossier.xml", names[i]);
                add_dossier(dir, path);
            }
        }
        free(names[i]);
    }
    free(names);
}

/* What job j gives, as strings in out[NOUT] (unused ones NULL). Returns
 * the number of calls that failed. */
static unsigned run_job(const job *j, char *out[NOUT])
{
    unsigned failures = 0;
    pk_error err;

    memset(out, 0, NOUT * sizeof *out);
    if (j->kind == JOB_DOSSIER) {
        pk_report *r = NULL;
        int rc = tc_check_dossier(&r, engine, j->path, NULL, &err);
        for (size_t k = 0; k < NOUT; k++) {
            buf b = {NULL, 0, 0, 0};
            pk_writer *w = NULL;
            int wrc = rc;
            if (wrc == PK_OK)
                wrc =
                    pk_writer_new(&w, engine, buf_write, &b,
                                  &(pk_writer_options){
                                      PK_WRITER_OPTIONS_VERSION, formats[k / 2],
                                      k % 2 ? PK_LANG_EN : PK_LANG_VI},
                                  &err);
            if (wrc == PK_OK)
                wrc = pk_writer_add(w, r, &err);
            if (wrc == PK_OK)
                wrc = pk_writer_finish(w, &err);
            pk_writer_free(w);
            failures += wrc != PK_OK;
            out[k] = buf_take(&b, wrc, "writing the report");
        }
        pk_report_free(r);
    } else if (j->kind == JOB_TEMPLATE) {
        for (int l = 0; l < 2; l++) {
            buf b = {NULL, 0, 0, 0};
            int rc =
                pk_template_write(engine, j->tkind, buf_write, &b,
                                  &(pk_template_options){
                                      PK_TEMPLATE_OPTIONS_VERSION, "2024-06-01",
                                      l ? PK_LANG_EN : PK_LANG_VI},
                                  &err);
            failures += rc != PK_OK;
            out[l] = buf_take(&b, rc, "pk_template_write");
        }
    } else {
        for (int l = 0; l < 2; l++) {
            buf b = {NULL, 0, 0, 0};
            int rc = pk_rule_describe(
                engine, pk_engine_rule(engine, j->pack, j->nrule),
                l ? PK_LANG_EN : PK_LANG_VI, buf_write, &b, &err);
            failures += rc != PK_OK;
            out[l] = buf_take(&b, rc, "pk_rule_describe");
        }
    }
    return failures;
}

static const char *job_name(const job *j, char *tmp, size_t size)
{
    if (j->kind == JOB_DOSSIER)
        return j->path;
    if (j->kind == JOB_TEMPLATE)
        snprintf(tmp, size, "template %s", j->tkind);
    else
        snprintf(tmp, size, "rule %s",
                 pk_rule_id(pk_engine_rule(engine, j->pack, j->nrule)));
    return tmp;
}

/* ------------------------------------------------------------------------
 * The threads
 * ------------------------------------------------------------------------ */

static atomic_size_t next_job;

typedef struct worker {
    unsigned done, failures, mismatches;
    char first[512]; /* the first mismatch, for the log */
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    size_t i;

    while ((i = atomic_fetch_add(&next_job, 1)) < njobs * ROUNDS) {
        const job *j = &jobs[i % njobs];
        char *got[NOUT];
        w->failures += run_job(j, got);
        for (size_t k = 0; k < NOUT; k++) {
            const char *want = j->expected[k];
            if ((want == NULL) != (got[k] == NULL) ||
                (want != NULL && strcmp(want, got[k]) != 0)) {
                if (w->mismatches++ == 0) {
                    char tmp[128];
                    size_t at = 0;
                    while (want && got[k] && want[at] == got[k][at])
                        at++;
                    snprintf(w->first, sizeof w->first,
                             "%s, output %zu: differs from byte %zu",
                             job_name(j, tmp, sizeof tmp), k, at);
                }
            }
            free(got[k]);
        }
        w->done++;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    char dir[4096];
    pthread_t tid[THREADS];
    worker w[THREADS];
    unsigned failures = 0, mismatches = 0, done = 0, ndossiers;
    size_t bytes = 0;
    pk_error err;

    if (argc != 2) {
        fputs("usage: threads SOURCE_ROOT\n", stderr);
        return 2;
    }
    if (pk_engine_new(&engine, NULL, &err) != PK_OK) {
        printf("Bail out! pk_engine_new: %s\n", err.message);
        return 1;
    }
    snprintf(dir, sizeof dir, "%s/tests/cases", argv[1]);
    list(dir, NULL);
    snprintf(dir, sizeof dir, "%s/examples", argv[1]);
    list(dir, ".xml");
    ndossiers = (unsigned)njobs;
    for (size_t k = 0; k < NKINDS; k++)
        add_job(JOB_TEMPLATE)->tkind = kinds[k];
    for (size_t p = 0; p < pk_engine_pack_count(engine); p++)
        for (size_t i = 0; i < pk_engine_rule_count(engine, p); i++) {
            job *j = add_job(JOB_RULE);
            j->pack = p;
            j->nrule = i;
        }

    puts("1..3");
    /* The sequential run: what each job must give. */
    for (size_t i = 0; i < njobs; i++) {
        failures += run_job(&jobs[i], jobs[i].expected);
        for (size_t k = 0; k < NOUT; k++)
            bytes += jobs[i].expected[k] ? strlen(jobs[i].expected[k]) : 0;
    }
    printf("%s 1 - sequential run: %u dossiers in %zu formats and 2 "
           "languages, %zu templates, %zu rule descriptions (%zu bytes)\n",
           failures == 0 && ndossiers > 200 ? "ok" : "not ok", ndossiers,
           NFORMATS, NKINDS, njobs - ndossiers - NKINDS, bytes);
    if (failures != 0)
        printf("# %u calls failed in the sequential run\n", failures);

    /* The threads share a new engine: what a writer makes once from a pack
     * and keeps with it (writers/json.c) is then made by whichever thread
     * comes first, several at once, as in a server's first requests. */
    pk_engine_free(engine);
    if (pk_engine_new(&engine, NULL, &err) != PK_OK) {
        printf("Bail out! pk_engine_new: %s\n", err.message);
        return 1;
    }
    atomic_init(&next_job, 0);
    for (int t = 0; t < THREADS; t++) {
        memset(&w[t], 0, sizeof w[t]);
        if (pthread_create(&tid[t], NULL, work, &w[t]) != 0) {
            puts("Bail out! pthread_create failed");
            return 1;
        }
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(tid[t], NULL);
    failures = 0;
    for (int t = 0; t < THREADS; t++) {
        done += w[t].done;
        failures += w[t].failures;
        mismatches += w[t].mismatches;
        if (w[t].mismatches > 0)
            printf("# thread %d: %u results differ; the first: %s\n", t,
                   w[t].mismatches, w[t].first);
    }
    printf("%s 2 - %d threads sharing one engine, %d rounds: %u jobs, "
           "every result as in the sequential run\n",
           mismatches == 0 && done == njobs * ROUNDS ? "ok" : "not ok", THREADS,
           ROUNDS, done);
    printf("%s 3 - no call failed in the threads (%u failed)\n",
           failures == 0 ? "ok" : "not ok", failures);

    for (size_t i = 0; i < njobs; i++) {
        for (size_t k = 0; k < NOUT; k++)
            free(jobs[i].expected[k]);
        free(jobs[i].path);
    }
    free(jobs);
    pk_engine_free(engine);
    return mismatches != 0 || failures != 0 || done != njobs * ROUNDS;
}
