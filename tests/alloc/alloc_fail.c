/*
 * alloc_fail.c - every allocation, made to fail in turn.
 *
 * For each step below (creating an engine, reading and evaluating a
 * dossier, writing reports in every format, a template, a rule's
 * description) the step first runs with no failure, which gives the
 * expected return code and output. Then, for N = 1, 2, ..., the Nth
 * allocation the step makes fails, until a run makes fewer than N
 * allocations. Every failed run must return PK_ENOMEM (with err saying
 * so and the output pointer NULL) and free everything it allocated; a run
 * may also absorb the failure, but then it must give exactly the expected
 * code and output. A crash ends the test with the step and N on stderr.
 *
 * Allocations are counted where they are made:
 *   - the library's own calls to malloc, calloc, realloc, strdup and free
 *     are diverted here at link time (-Wl,--wrap=...), which is why this
 *     program links the library's objects statically;
 *   - libxml2's go through xmlMemSetup(), installed before anything else;
 *   - PCRE2's are not reached: the library passes PCRE2 no general
 *     context, so PCRE2 allocates with its own calls to malloc. They
 *     happen when a pack's patterns are compiled (engine creation) and
 *     once per evaluation for match data; both calls are checked in
 *     lib/pack_rules.c and lib/expr.c.
 *
 * Leaks are found by the counting itself: every pointer allocated while a
 * step runs is remembered until it is freed, and a run that leaves one
 * behind fails, naming its allocation number (set PK_ALLOC_TRACE to that
 * number to print where it was made). The sanitizer and valgrind lanes
 * run this program too, and see everything else.
 *
 * Environment: PK_ALLOC_ONLY=SUBSTRING runs only the steps whose name has
 * it; PK_ALLOC_N=N runs only that N; PK_ALLOC_TRACE=K prints a backtrace
 * of allocation K of each run (with PK_ALLOC_N, of that run);
 * PK_ALLOC_STRIDE=S tries every Sth N only (1, 1+S, ...), for slow
 * lanes; PK_ALLOC_NO_LIBXML2 leaves libxml2's allocations alone;
 * PK_ALLOC_DOSSIER=FILE adds a step that checks FILE; PK_ALLOC_VERBOSE
 * shows where each absorbed failure happened; PK_ALLOC_FULL fails every
 * libxml2 allocation of every step, not every 7th of engine creation.
 */
#define _GNU_SOURCE /* dladdr, REG_RIP */
#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include <parkcheck/parkcheck.h>

#ifndef PK_SOURCE_ROOT
#define PK_SOURCE_ROOT "."
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define NEAR_MISS PK_SOURCE_ROOT "/examples/near-miss.xml"
#define BROKEN PK_SOURCE_ROOT "/tests/alloc/broken.xml"
#define NOT_WELL_FORMED                                                        \
    PK_SOURCE_ROOT "/tests/cases/not-well-formed-mismatched-tag/dossier.xml"
#define UTF16                                                                  \
    PK_SOURCE_ROOT "/tests/cases/enc-utf16le-positions-as-in-utf8/dossier.xml"
#define PACK_DIR PK_SOURCE_ROOT "/rules/nd154-2013"
#define TOY_DIR PK_SOURCE_ROOT "/tests/regime-toy"
#define TOY_DOSSIER PK_SOURCE_ROOT "/tests/regime-toy/dossiers/short.xml"
#define DIGITAL_PARK PK_SOURCE_ROOT "/examples/digital-park-2026-near-miss.xml"

/* ------------------------------------------------------------------------
 * The allocator: counts, fails the Nth, remembers what is live
 * ------------------------------------------------------------------------ */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
void __wrap_free(void *p);

/* The two families of allocations, failed in separate passes. */
enum { LIB = 0, XML = 1 };

static struct {
    int counting;           /* count and track allocations */
    unsigned long count[2]; /* allocations counted in this run */
    int target;             /* the family whose allocation fails */
    unsigned long fail_at;  /* the one to fail; 0 for none */
    unsigned long trace;    /* print where this one is made; 0: none */
    int injected;           /* fail_at was reached */
    void *where[24];        /* the failed allocation's backtrace */
    int nwhere;
} A;

/* Live pointers (allocated while counting) and their allocation numbers:
 * open addressing, keys 0 = empty, 1 = deleted. */
typedef struct slot {
    uintptr_t key;
    unsigned long seq;
} slot;
static slot *live;
static size_t live_cap, live_used, live_count;

static size_t live_hash(uintptr_t p)
{
    p ^= p >> 17;
    p *= (uintptr_t)0x9E3779B97F4A7C15u;
    return (size_t)(p ^ (p >> 29)) & (live_cap - 1);
}

static void live_put(void *p, unsigned long seq);

static void live_grow(void)
{
    slot *old = live;
    size_t old_cap = live_cap;

    live_cap = live_cap ? live_cap * 2 : 4096;
    live = __real_calloc(live_cap, sizeof *live);
    if (live == NULL) {
        fputs("alloc_fail: out of memory for its own table\n", stderr);
        _exit(99);
    }
    live_used = live_count = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key > 1)
            live_put((void *)old[i].key, old[i].seq);
    __real_free(old);
}

static void live_put(void *p, unsigned long seq)
{
    size_t i;

    if ((live_used + 1) * 2 > live_cap)
        live_grow();
    for (i = live_hash((uintptr_t)p); live[i].key > 1;
         i = (i + 1) & (live_cap - 1))
        ;
    if (live[i].key == 0)
        live_used++;
    live[i].key = (uintptr_t)p;
    live[i].seq = seq;
    live_count++;
}

/* Forgets p; returns 1 when it was live. */
static int live_take(void *p)
{
    if (live_cap == 0 || p == NULL)
        return 0;
    for (size_t i = live_hash((uintptr_t)p); live[i].key != 0;
         i = (i + 1) & (live_cap - 1))
        if (live[i].key == (uintptr_t)p) {
            live[i].key = 1;
            live_count--;
            return 1;
        }
    return 0;
}

/* Counts one allocation; 1 when it is the one to fail. */
static int fail_now(int family)
{
    unsigned long n;

    if (!A.counting)
        return 0;
    n = ++A.count[family];
    if (family != A.target)
        return 0;
    if (n == A.trace) {
        void *bt[32];
        int k = backtrace(bt, 32);
        fprintf(stderr, "# allocation %lu (%s) made at:\n", n,
                family == XML ? "libxml2" : "library");
        backtrace_symbols_fd(bt, k, 2);
    }
    if (n != A.fail_at)
        return 0;
    A.injected = 1;
    A.nwhere = backtrace(A.where, 24);
    return 1;
}

static void *track(void *p)
{
    if (p != NULL && A.counting)
        live_put(p, A.count[A.target]);
    return p;
}

static void *do_malloc(size_t n, int family)
{
    return fail_now(family) ? NULL : track(__real_malloc(n));
}

static void *do_realloc(void *p, size_t n, int family)
{
    void *q;
    int was;

    if (fail_now(family))
        return NULL;
    q = __real_realloc(p, n);
    if (q == NULL)
        return NULL;
    was = live_take(p);
    if (was && !A.counting)
        live_put(q, 0);
    else
        track(q);
    return q;
}

static char *do_strdup(const char *s, int family)
{
    return fail_now(family) ? NULL : track(__real_strdup(s));
}

static void do_free(void *p)
{
    live_take(p);
    __real_free(p);
}

void *__wrap_malloc(size_t n)
{
    return do_malloc(n, LIB);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now(LIB) ? NULL : track(__real_calloc(n, size));
}

void *__wrap_realloc(void *p, size_t n)
{
    return do_realloc(p, n, LIB);
}

char *__wrap_strdup(const char *s)
{
    return do_strdup(s, LIB);
}

void __wrap_free(void *p)
{
    do_free(p);
}

static void *xml_malloc(size_t n)
{
    return do_malloc(n, XML);
}

static void *xml_realloc(void *p, size_t n)
{
    return do_realloc(p, n, XML);
}

static char *xml_strdup(const char *s)
{
    return do_strdup(s, XML);
}

static void xml_free(void *p)
{
    do_free(p);
}

/* ------------------------------------------------------------------------
 * Output, collected without the counted allocator
 * ------------------------------------------------------------------------ */

typedef struct sink {
    char *data;
    size_t len, cap;
} sink;

static int sink_write(void *ud, const char *data, size_t len)
{
    sink *s = ud;

    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        char *p;
        while (cap < s->len + len + 1)
            cap *= 2;
        p = __real_realloc(s->data, cap);
        if (p == NULL)
            return -1;
        s->data = p;
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, len);
    s->len += len;
    s->data[s->len] = '\0';
    return 0;
}

static int same(const sink *a, const sink *b)
{
    return a->len == b->len &&
           (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void sink_reset(sink *s)
{
    s->len = 0;
    if (s->data != NULL)
        s->data[0] = '\0';
}

static void sink_free(sink *s)
{
    __real_free(s->data);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------------------
 * Steps
 * ------------------------------------------------------------------------ */

static pk_engine *engine; /* shared by every step after the first ones */

typedef struct step step;
struct step {
    char name[128];
    /* Outside the counting: makes what the step uses (may be NULL). */
    int (*prepare)(step *s);
    /* Counted: the calls under test; output to out. */
    int (*run)(step *s, pk_error *err);
    /* Outside the counting: output of what run made, then frees it. */
    void (*cleanup)(step *s);
    const char *path;
    pk_format format;
    pk_lang lang;
    const char *kind;
    const pk_rule *rule;
    const char *data; /* a dossier in memory */
    pk_report *reports[3];
    pk_engine *made;
    sink out;
    unsigned long xml_stride; /* every how many libxml2 allocations to
                                 fail; 0 for none */
};

#define MAX_STEPS 400
static step steps[MAX_STEPS];
static size_t nsteps;

static step *add_step(const char *name)
{
    step *s;

    if (nsteps == MAX_STEPS) {
        fputs("alloc_fail: too many steps\n", stderr);
        exit(99);
    }
    s = &steps[nsteps++];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->xml_stride = 1;
    return s;
}

/* What a report says, as the JSON writer writes it. */
static void write_json(sink *out, pk_report *r)
{
    pk_writer *w = NULL;

    if (pk_writer_new(&w, engine, sink_write, out,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_EN},
                      NULL) != PK_OK ||
        pk_writer_add(w, r, NULL) != PK_OK ||
        pk_writer_finish(w, NULL) != PK_OK)
        sink_write(out, "(the report could not be written)", 33);
    pk_writer_free(w);
}

static void engine_out(step *s)
{
    char buf[64];

    if (s->made == NULL)
        return;
    for (size_t p = 0; p < pk_engine_pack_count(s->made); p++) {
        snprintf(buf, sizeof buf, "%s %zu rules\n",
                 pk_engine_pack_id(s->made, p),
                 pk_engine_rule_count(s->made, p));
        sink_write(&s->out, buf, strlen(buf));
    }
    pk_engine_free(s->made);
    s->made = NULL;
}

static int run_engine_new(step *s, pk_error *err)
{
    return pk_engine_new(&s->made, NULL, err);
}

static int run_engine_from_path(step *s, pk_error *err)
{
    return pk_engine_new_from_path(&s->made, s->path, NULL, err);
}

static void report_out(step *s)
{
    for (int i = 0; i < 3; i++)
        if (s->reports[i] != NULL) {
            write_json(&s->out, s->reports[i]);
            pk_report_free(s->reports[i]);
            s->reports[i] = NULL;
        }
}

static int run_read_evaluate(step *s, pk_error *err)
{
    pk_dossier *d = NULL;
    int rc = pk_dossier_read_file(&d, engine, s->path, err);

    if (rc == PK_OK) {
        rc = pk_evaluate(&s->reports[0], engine, d, NULL, err);
        if (rc != PK_OK && s->reports[0] != NULL)
            return -1000; /* a failed call leaves its output NULL */
    } else if (d != NULL) {
        rc = -1000;
    }
    pk_dossier_free(d);
    return rc;
}

static int run_check_file(step *s, pk_error *err)
{
    int rc = pk_check_file(&s->reports[0], engine, s->path, NULL, err);

    return rc != PK_OK && s->reports[0] != NULL ? -1000 : rc;
}

static int run_check_memory(step *s, pk_error *err)
{
    int rc = pk_check_memory(&s->reports[0], engine, "memory", s->data,
                             strlen(s->data), NULL, err);

    return rc != PK_OK && s->reports[0] != NULL ? -1000 : rc;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    sink s = {NULL, 0, 0};
    char buf[4096];
    size_t n;

    if (fp == NULL)
        return NULL;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sink_write(&s, buf, n);
    fclose(fp);
    return s.data;
}

static int prepare_reports(step *s)
{
    const char *paths[3] = {NEAR_MISS, BROKEN, NOT_WELL_FORMED};

    for (int i = 0; i < 3; i++)
        if (pk_check_file(&s->reports[i], engine, paths[i], NULL, NULL) !=
            PK_OK)
            return -1;
    return 0;
}

static void free_reports(step *s)
{
    for (int i = 0; i < 3; i++) {
        pk_report_free(s->reports[i]);
        s->reports[i] = NULL;
    }
}

/* A batch of three reports, the second one broken, the third unreadable:
 * new, add each, finish. The reports are fresh for each run, so that the
 * messages they render on demand are rendered inside it. */
static int run_writer(step *s, pk_error *err)
{
    pk_writer *w = NULL;
    int rc = pk_writer_new(
        &w, engine, sink_write, &s->out,
        &(pk_writer_options){PK_WRITER_OPTIONS_VERSION, s->format, s->lang},
        err);

    if (rc != PK_OK)
        return w != NULL ? -1000 : rc;
    for (int i = 0; i < 3 && rc == PK_OK; i++)
        rc = pk_writer_add(w, s->reports[i], err);
    if (rc == PK_OK)
        rc = pk_writer_finish(w, err);
    pk_writer_free(w);
    return rc;
}

/* An engine's first JSON report: the writer makes, inside the counted
 * run, the words it keeps with each pack of the engine (writers/json.c),
 * and they go with the engine, freed in the cleanup. The toy regime's
 * engine, made afresh for each run, is small enough for that. */
static int prepare_fresh_engine(step *s)
{
    pk_error err;

    if (pk_engine_new_from_path(&s->made, TOY_DIR, NULL, &err) != PK_OK) {
        fprintf(stderr, "# %s: %s\n", TOY_DIR, err.message);
        return -1;
    }
    if (pk_check_file(&s->reports[0], s->made, TOY_DOSSIER, NULL, &err) !=
        PK_OK) {
        fprintf(stderr, "# %s: %s\n", TOY_DOSSIER, err.message);
        return -1;
    }
    return 0;
}

static int run_first_json(step *s, pk_error *err)
{
    pk_writer *w = NULL;
    int rc = pk_writer_new(&w, s->made, sink_write, &s->out,
                           &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                                PK_FORMAT_JSON, s->lang},
                           err);

    if (rc != PK_OK)
        return w != NULL ? -1000 : rc;
    rc = pk_writer_add(w, s->reports[0], err);
    if (rc == PK_OK)
        rc = pk_writer_finish(w, err);
    pk_writer_free(w);
    return rc;
}

static void free_fresh_engine(step *s)
{
    pk_report_free(s->reports[0]);
    s->reports[0] = NULL;
    pk_engine_free(s->made);
    s->made = NULL;
}

/* The shared engine's packs with the words the JSON writer keeps with
 * them already made, in both languages, outside the counting: a step's
 * runs then count only what they make themselves (the making is the
 * step "an engine's first JSON report"). */
static int warm_json(void)
{
    const char *paths[] = {NEAR_MISS, DIGITAL_PARK};

    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        for (int l = 0; l < 2; l++) {
            pk_report *r = NULL;
            pk_writer *w = NULL;
            sink out = {0};
            int rc = pk_check_file(&r, engine, paths[i], NULL, NULL);

            if (rc == PK_OK)
                rc =
                    pk_writer_new(&w, engine, sink_write, &out,
                                  &(pk_writer_options){
                                      PK_WRITER_OPTIONS_VERSION, PK_FORMAT_JSON,
                                      l ? PK_LANG_EN : PK_LANG_VI},
                                  NULL);
            if (rc == PK_OK)
                rc = pk_writer_add(w, r, NULL);
            if (rc == PK_OK)
                rc = pk_writer_finish(w, NULL);
            pk_writer_free(w);
            pk_report_free(r);
            sink_free(&out);
            if (rc != PK_OK)
                return -1;
        }
    return 0;
}

/* What changed from near-miss to the broken dossier, and back. */
static int run_diff(step *s, pk_error *err)
{
    int rc = pk_diff_write(s->reports[0], s->reports[1], s->format, s->lang,
                           sink_write, &s->out, err);

    if (rc == PK_OK)
        rc = pk_diff_write(s->reports[1], s->reports[0], s->format, s->lang,
                           sink_write, &s->out, err);
    return rc;
}

static int run_template(step *s, pk_error *err)
{
    return pk_template_write(engine, s->kind, sink_write, &s->out,
                             &(pk_template_options){PK_TEMPLATE_OPTIONS_VERSION,
                                                    "2024-06-01", s->lang},
                             err);
}

/* The form, written out field by field so that a run that succeeds is
 * compared whole with the reference. */
static int run_form(step *s, pk_error *err)
{
    pk_form *form = NULL;
    int rc = pk_form_new(&form, engine, s->kind, "2024-06-01", s->lang, err);

    if (rc != PK_OK)
        return form == NULL ? rc : -1000;
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const pk_field *f = pk_form_field(form, i);
        sink_write(&s->out, f->path, strlen(f->path));
        sink_write(&s->out, f->label, strlen(f->label));
        sink_write(&s->out, f->help, strlen(f->help));
        sink_write(&s->out, f->citations, strlen(f->citations));
        for (size_t v = 0; v < f->nvalues; v++) {
            const char *label, *name = pk_form_value(form, i, v, &label, NULL);
            sink_write(&s->out, name, strlen(name));
            sink_write(&s->out, label, strlen(label));
        }
    }
    pk_form_free(form);
    return PK_OK;
}

static int run_describe(step *s, pk_error *err)
{
    return pk_rule_describe(engine, s->rule, s->lang, sink_write, &s->out, err);
}

/* ------------------------------------------------------------------------
 * The loop
 * ------------------------------------------------------------------------ */

static const char *current = "setup";
static unsigned long current_n;
static int in_child; /* a run of the libxml2 pass, in its own process */
static int verbose;  /* PK_ALLOC_VERBOSE: where failures were absorbed */

/* Defects of libxml2 2.9 itself when one of its allocations fails, known
 * by the libxml2 function that made the allocation: they are counted and
 * named, not failed. Anything else (a crash, a leak, a wrong result) is
 * the library's to fix. */
enum { BAD_RESULT = 1, BAD_LEAK = 2, BAD_CRASH = 4 };
static const struct {
    const char *function;
    int kind;
    const char *what;
} libxml2_defects[] = {
    {"xmlParserInputBufferCreateMem", BAD_LEAK,
     "xmlParserInputBufferCreateMem() leaks its buffer when copying the "
     "input into it fails"},
    {"xmlParserInputGrow", BAD_CRASH,
     "the parser crashes when growing its input buffer fails"},
    /* An attribute value with a byte above 0x7F is copied, then made a
     * text node by xmlStringLenGetNodeList(), which returns NULL without
     * flagging the parser when that allocation fails: the attribute reads
     * as empty ("" for a rule's point="đ"), and nothing tells the caller
     * memory ran out. */
    {"xmlStringLenGetNodeList", BAD_RESULT,
     "xmlStringLenGetNodeList() drops a non-ASCII attribute value without "
     "an error when making its text node fails"},
};
#define NDEFECTS (sizeof libxml2_defects / sizeof libxml2_defects[0])

/* The known defect the failed allocation ran into, for a problem of this
 * kind, or -1. */
static int known_defect(int kind)
{
    Dl_info dl;

    for (int i = 0; i < A.nwhere; i++)
        if (dladdr(A.where[i], &dl) != 0 && dl.dli_sname != NULL)
            for (size_t d = 0; d < NDEFECTS; d++)
                if (libxml2_defects[d].kind == kind &&
                    strcmp(dl.dli_sname, libxml2_defects[d].function) == 0)
                    return (int)d;
    return -1;
}

/* Where the program counter was when the signal came, from the context
 * the kernel saved; NULL when this machine's layout is not known here. */
static void *fault_pc(void *uctx)
{
#if defined(__x86_64__)
    return (void *)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (void *)((ucontext_t *)uctx)->uc_mcontext.pc;
#else
    (void)uctx;
    return NULL;
#endif
}

/* Child exit codes: 0 as it must be, BAD_* bits for problems, or this
 * base plus a defect's index for a known defect of libxml2. */
#define EXIT_KNOWN 80

static void on_crash(int sig, siginfo_t *info, void *uctx)
{
    char buf[400];
    Dl_info dl;
    void *pc = fault_pc(uctx);
    const char *obj = "?";
    int n, known = -1;

    (void)info;
    if (pc != NULL && dladdr(pc, &dl) != 0 && dl.dli_fname != NULL)
        obj = dl.dli_fname;
    if (in_child && A.injected && strstr(obj, "libxml2") != NULL)
        known = known_defect(BAD_CRASH);
    if (known >= 0)
        _exit(EXIT_KNOWN + known);
    n = snprintf(buf, sizeof buf,
                 "%s signal %d in %s with %s allocation %lu failed (%s), at "
                 "%p in %s; the failed allocation was made at:\n",
                 in_child ? "# crash:" : "\nBail out!", sig, current,
                 A.target == XML ? "libxml2" : "library", current_n,
                 A.injected ? "injected" : "not reached yet", pc, obj);
    if (n > 0 && write(2, buf, (size_t)n) < 0)
        _exit(98);
    if (A.injected)
        backtrace_symbols_fd(A.where, A.nwhere, 2);
    if (in_child)
        _exit(BAD_CRASH);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_crashes(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static unsigned long env_ulong(const char *name, unsigned long dflt)
{
    const char *v = getenv(name);

    return v != NULL && *v != '\0' ? strtoul(v, NULL, 10) : dflt;
}

typedef struct tally {
    unsigned long runs, nomem, absorbed, problems;
    unsigned long known[NDEFECTS]; /* libxml2's own defects met */
} tally;

static void show_leaks(void)
{
    unsigned shown = 0;

    for (size_t i = 0; i < live_cap && shown < 8; i++)
        if (live[i].key > 1) {
            fprintf(stderr, "#   allocation %lu is not freed\n", live[i].seq);
            shown++;
        }
}

/* One run with allocation n of family failing (n 0: none). Returns 0 when
 * the run is as it must be, else BAD_* bits (and says why on stderr,
 * unless quiet or the problem is a known defect of libxml2). */
static int run_once(step *s, int family, unsigned long n, int base_rc,
                    const sink *base, tally *t, int *rc_out, int quiet)
{
    pk_error err;
    int rc, bad = 0;
    const char *why = NULL;

    sink_reset(&s->out);
    if (s->prepare != NULL && s->prepare(s) != 0) {
        fprintf(stderr, "# %s: prepare failed\n", s->name);
        return BAD_RESULT;
    }
    memset(&err, 0, sizeof err);
    current_n = n;
    A.count[LIB] = A.count[XML] = 0;
    A.target = family;
    A.fail_at = n;
    A.injected = 0;
    A.counting = 1;
    rc = s->run(s, &err);
    A.counting = 0;
    if (s->cleanup != NULL)
        s->cleanup(s);
    xmlResetLastError(); /* libxml2 keeps a copy of its last error */
    t->runs++;
    if (rc_out != NULL)
        *rc_out = rc;
    if (rc == -1000) {
        why = "a failed call left its output set";
        bad = BAD_RESULT;
    } else if (base == NULL) {
        /* the run that gives the expected result */
    } else if (!A.injected) {
        if (rc != base_rc || !same(&s->out, base)) {
            why = "with no failure, the result differs from the first run";
            bad = BAD_RESULT;
        }
    } else if (rc == PK_ENOMEM) {
        t->nomem++;
        if (err.code != PK_ENOMEM) {
            why = "PK_ENOMEM returned, but err says otherwise";
            bad = BAD_RESULT;
        }
    } else if (rc == base_rc && same(&s->out, base)) {
        t->absorbed++;
        if (verbose) {
            fprintf(stderr, "# %s, %s allocation %lu failed, absorbed at:\n",
                    s->name, family == XML ? "libxml2" : "library", n);
            backtrace_symbols_fd(A.where, A.nwhere, 2);
        }
    } else {
        why = "the failure gave neither PK_ENOMEM nor the expected result";
        bad = BAD_RESULT;
    }
    if (live_count != 0) {
        bad |= BAD_LEAK;
        why = why ? why : "memory allocated in the run is not freed";
    }
    if (bad == BAD_LEAK && A.injected && family == XML &&
        known_defect(BAD_LEAK) >= 0) {
        t->known[known_defect(BAD_LEAK)]++;
        bad = 0;
    } else if (bad == BAD_RESULT && A.injected && family == XML &&
               known_defect(BAD_RESULT) >= 0) {
        t->known[known_defect(BAD_RESULT)]++;
        bad = 0;
    } else if (bad && !quiet) {
        if (bad & BAD_LEAK)
            show_leaks();
        fprintf(stderr,
                "# %s, %s allocation %lu failed: %s (rc %d \"%s\", "
                "expected %d; err: %s)\n",
                s->name, family == XML ? "libxml2" : "library", n, why, rc,
                pk_strerror(rc), base_rc, err.message);
        if (A.injected) {
            fputs("#   the failed allocation was made at:\n", stderr);
            backtrace_symbols_fd(A.where, A.nwhere, 2);
        }
    }
    if (live_count != 0) {
        /* forget them, so that the next run is judged on its own */
        memset(live, 0, live_cap * sizeof *live);
        live_used = live_count = 0;
    }
    return bad;
}

/* The same in a child process, so that a crash inside libxml2 is seen
 * and told apart from one in the library. Returns as run_once() does, and
 * in *reached whether the run made n allocations of the family. */
static int run_forked(step *s, unsigned long n, int base_rc, const sink *base,
                      tally *t, int quiet, int *reached)
{
    int fds[2], status;
    tally got;
    char r = 0;
    pid_t pid;

    *reached = 0;
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0)
        return BAD_RESULT;
    pid = fork();
    if (pid < 0)
        return BAD_RESULT;
    if (pid == 0) {
        int bad;
        close(fds[0]);
        in_child = 1;
        catch_crashes();
        memset(&got, 0, sizeof got);
        bad = run_once(s, XML, n, base_rc, base, &got, NULL, quiet);
        r = A.injected ? 'y' : 'n';
        if (write(fds[1], &r, 1) != 1 ||
            write(fds[1], &got, sizeof got) != (ssize_t)sizeof got)
            _exit(97);
        _exit(bad);
    }
    close(fds[1]);
    /* A child that crashed wrote nothing: it had reached n. */
    *reached = 1;
    if (read(fds[0], &r, 1) == 1 &&
        read(fds[0], &got, sizeof got) == (ssize_t)sizeof got) {
        *reached = r == 'y';
        t->runs += got.runs;
        t->nomem += got.nomem;
        t->absorbed += got.absorbed;
        for (size_t d = 0; d < NDEFECTS; d++)
            t->known[d] += got.known[d];
    }
    close(fds[0]);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return BAD_CRASH;
    if (WEXITSTATUS(status) >= EXIT_KNOWN &&
        WEXITSTATUS(status) < EXIT_KNOWN + (int)NDEFECTS) {
        t->known[WEXITSTATUS(status) - EXIT_KNOWN]++;
        return 0;
    }
    return WEXITSTATUS(status);
}

static int run_step(step *s, unsigned long only_n, unsigned long stride,
                    unsigned long xml_stride, size_t number)
{
    tally t, tx;
    sink base = {NULL, 0, 0};
    int base_rc, done;
    unsigned long n, total[2], known = 0;

    memset(&t, 0, sizeof t);
    memset(&tx, 0, sizeof tx);
    current = s->name;
    if (run_once(s, LIB, 0, 0, NULL, &t, &base_rc, 0) != 0)
        t.problems++;
    total[LIB] = A.count[LIB];
    total[XML] = A.count[XML];
    sink_write(&base, s->out.data ? s->out.data : "", s->out.len);

    /* The library's own allocations, each one, in this process. */
    for (n = only_n ? only_n : 1, done = 0; !done; n += stride) {
        if (run_once(s, LIB, n, base_rc, &base, &t, NULL, t.problems >= 20) !=
            0)
            t.problems++;
        done = !A.injected || only_n != 0;
    }
    if (stride > 1 && only_n == 0 && total[LIB] > 0 &&
        run_once(s, LIB, total[LIB], base_rc, &base, &t, NULL,
                 t.problems >= 20) != 0)
        t.problems++;

    /* libxml2's, each in a child process. */
    for (n = 1, done = xml_stride == 0 || only_n != 0; !done; n += xml_stride) {
        int reached, bad = run_forked(s, n, base_rc, &base, &tx,
                                      tx.problems >= 20, &reached);
        if (bad != 0)
            tx.problems++;
        done = !reached;
    }
    sink_free(&base);

    printf("%s %zu - %s: library allocations N=1..%lu",
           t.problems + tx.problems ? "not ok" : "ok", number, s->name,
           total[LIB]);
    if (stride > 1)
        printf(" (every %luth, and the last)", stride);
    printf(": %lu out of memory, %lu absorbed", t.nomem, t.absorbed);
    if (xml_stride != 0 && only_n == 0) {
        printf("; libxml2 allocations N=1..%lu", total[XML]);
        if (xml_stride > 1)
            printf(" (every %luth)", xml_stride);
        printf(": %lu out of memory, %lu absorbed", tx.nomem, tx.absorbed);
        for (size_t d = 0; d < NDEFECTS; d++)
            known += tx.known[d];
    }
    if (base_rc != PK_OK)
        printf("; the expected result: %s", pk_strerror(base_rc));
    if (known > 0) {
        printf("; defects of libxml2 itself met:");
        for (size_t d = 0; d < NDEFECTS; d++)
            if (tx.known[d] > 0)
                printf(" %lu times, %s;", tx.known[d], libxml2_defects[d].what);
    }
    putchar('\n');
    fflush(stdout);
    return t.problems + tx.problems == 0;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int main(void)
{
    static const char *const kinds[] = {"establishment", "expansion",
                                        "recognition", "master-plan-addition"};
    static const pk_format formats[] = {
        PK_FORMAT_TEXT,  PK_FORMAT_JSON,   PK_FORMAT_HTML,    PK_FORMAT_CSV,
        PK_FORMAT_JUNIT, PK_FORMAT_NDJSON, PK_FORMAT_SUMMARY, PK_FORMAT_XLSX};
    static const char *const format_names[] = {
        "text", "json", "html", "csv", "junit", "ndjson", "summary", "xlsx"};
    const char *only = getenv("PK_ALLOC_ONLY");
    unsigned long only_n = env_ulong("PK_ALLOC_N", 0);
    unsigned long stride = env_ulong("PK_ALLOC_STRIDE", 1);
    int xml_pass = getenv("PK_ALLOC_NO_LIBXML2") == NULL;
    int full = getenv("PK_ALLOC_FULL") != NULL;
    char name[128];
    char *broken_text;
    void *bt[4];
    pk_error err;
    step *s;
    int failed = 0;
    size_t planned = 0;

    /* libxml2 allocates through these from the start. */
    if (xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup) != 0) {
        puts("Bail out! xmlMemSetup failed");
        return 1;
    }
    xmlInitParser();
    backtrace(bt, 4); /* loads what backtrace() needs, once */
    A.trace = env_ulong("PK_ALLOC_TRACE", 0);
    verbose = getenv("PK_ALLOC_VERBOSE") != NULL;
    if (stride == 0)
        stride = 1;
    if (!SANITIZED)
        catch_crashes(); /* else the sanitizer says more */
    /* libxml2 prints some of its out-of-memory errors: not here */
    xmlSetGenericErrorFunc(NULL, silent);

    if (pk_engine_new(&engine, NULL, &err) != PK_OK) {
        printf("Bail out! pk_engine_new: %s\n", err.message);
        return 1;
    }
    if (warm_json() != 0) {
        puts("Bail out! the shared engine's first JSON reports failed");
        return 1;
    }
    broken_text = slurp(BROKEN);
    if (broken_text == NULL) {
        puts("Bail out! cannot read " BROKEN);
        return 1;
    }

    /* Loading makes some 10,000 libxml2 allocations, each run in a child
     * process: every 7th by default (every 31st in a sanitizer build,
     * where a fork costs more), all with PK_ALLOC_FULL. Loading from a
     * path parses the same XML. */
    s = add_step("pk_engine_new (built-in packs)");
    s->run = run_engine_new;
    s->cleanup = engine_out;
    s->xml_stride = SANITIZED ? 31 : 7;
    s = add_step("pk_engine_new_from_path (pack directory)");
    s->run = run_engine_from_path;
    s->cleanup = engine_out;
    s->path = PACK_DIR;
    s->xml_stride = 0;

    {
        static const struct {
            const char *label, *path;
        } dossiers[] = {
            {"near-miss.xml", NEAR_MISS},
            {"broken.xml", BROKEN},
            {"not-well-formed", NOT_WELL_FORMED},
            {"utf-16", UTF16},
        };
        for (size_t i = 0; i < sizeof dossiers / sizeof dossiers[0]; i++) {
            snprintf(name, sizeof name,
                     "pk_dossier_read_file + pk_evaluate (%s)",
                     dossiers[i].label);
            s = add_step(name);
            s->run = run_read_evaluate;
            s->cleanup = report_out;
            s->path = dossiers[i].path;
            snprintf(name, sizeof name, "pk_check_file (%s)",
                     dossiers[i].label);
            s = add_step(name);
            s->run = run_check_file;
            s->cleanup = report_out;
            s->path = dossiers[i].path;
        }
        if (getenv("PK_ALLOC_DOSSIER") != NULL) {
            s = add_step("pk_check_file (PK_ALLOC_DOSSIER)");
            s->run = run_check_file;
            s->cleanup = report_out;
            s->path = getenv("PK_ALLOC_DOSSIER");
        }
        s = add_step("pk_check_memory (broken.xml)");
        s->run = run_check_memory;
        s->cleanup = report_out;
        s->data = broken_text;
    }

    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++)
        for (int l = 0; l < 2; l++) {
            snprintf(name, sizeof name,
                     "pk_writer %s %s (near-miss, broken, unreadable)",
                     format_names[f], l ? "en" : "vi");
            s = add_step(name);
            s->prepare = prepare_reports;
            s->run = run_writer;
            s->cleanup = free_reports;
            s->format = formats[f];
            s->lang = l ? PK_LANG_EN : PK_LANG_VI;
        }

    for (int l = 0; l < 2; l++) {
        snprintf(name, sizeof name,
                 "pk_writer json %s, an engine's first report (toy regime)",
                 l ? "en" : "vi");
        s = add_step(name);
        s->prepare = prepare_fresh_engine;
        s->run = run_first_json;
        s->cleanup = free_fresh_engine;
        s->lang = l ? PK_LANG_EN : PK_LANG_VI;
    }

    for (size_t f = 0; f < 3; f++)
        for (int l = 0; l < 2; l++) {
            snprintf(name, sizeof name, "pk_diff_write %s %s", format_names[f],
                     l ? "en" : "vi");
            s = add_step(name);
            s->prepare = prepare_reports;
            s->run = run_diff;
            s->cleanup = free_reports;
            s->format = formats[f]; /* text, json, html */
            s->lang = l ? PK_LANG_EN : PK_LANG_VI;
        }

    for (size_t k = 0; k < 4; k++)
        for (int l = 0; l < 2; l++) {
            snprintf(name, sizeof name, "pk_template_write %s %s", kinds[k],
                     l ? "en" : "vi");
            s = add_step(name);
            s->run = run_template;
            s->kind = kinds[k];
            s->lang = l ? PK_LANG_EN : PK_LANG_VI;
        }

    for (size_t k = 0; k < 4; k++) {
        snprintf(name, sizeof name, "pk_form_new %s", kinds[k]);
        s = add_step(name);
        s->run = run_form;
        s->kind = kinds[k];
        s->lang = PK_LANG_VI;
    }

    for (size_t p = 0; p < pk_engine_pack_count(engine); p++)
        for (size_t i = 0; i < pk_engine_rule_count(engine, p); i++)
            for (int l = 0; l < 2; l++) {
                const pk_rule *rule = pk_engine_rule(engine, p, i);
                snprintf(name, sizeof name, "pk_rule_describe %s %s",
                         pk_rule_id(rule), l ? "en" : "vi");
                s = add_step(name);
                s->run = run_describe;
                s->rule = rule;
                s->lang = l ? PK_LANG_EN : PK_LANG_VI;
            }

    for (size_t i = 0; i < nsteps; i++)
        if (only == NULL || strstr(steps[i].name, only) != NULL)
            planned = i + 1;
    printf("1..%zu\n", planned);
    for (size_t i = 0; i < planned; i++) {
        if (only != NULL && strstr(steps[i].name, only) == NULL) {
            printf("ok %zu - %s # SKIP not asked for\n", i + 1, steps[i].name);
            continue;
        }
        unsigned long xs = full ? 1 : steps[i].xml_stride;
        if (!run_step(&steps[i], only_n, stride, xml_pass ? xs * stride : 0,
                      i + 1))
            failed = 1;
        sink_free(&steps[i].out);
    }
    pk_engine_free(engine);
    __real_free(broken_text);
    xmlCleanupParser();
    __real_free(live);
    live = NULL;
    live_cap = 0;
    return failed;
}
