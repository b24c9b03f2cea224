/*
 * check_only.c - the full check through the library, in process, on
 * dossiers already in memory.
 *
 *   check_only DIR [MIN_SECONDS] [RULES]
 *
 * prints microseconds per dossier for:
 *   read   pk_dossier_read_memory alone (parsing and typing the values)
 *   eval   pk_evaluate alone, on dossiers read beforehand
 *   check  pk_check_memory: both, what an embedding program calls
 *   json   pk_check_memory, then the report written as JSON (to nowhere)
 * With RULES, the engine loads that pack instead of the built-in ones.
 */
#include "bench.h"

#include <parkcheck/parkcheck.h>

static pk_engine *engine;

static void fail(const char *what, const pk_error *err)
{
    fprintf(stderr, "%s: %s\n", what, err->message);
    exit(1);
}

static void read_only(const bench_file *f, void *ud)
{
    pk_dossier *d;
    pk_error err;

    (void)ud;
    if (pk_dossier_read_memory(&d, engine, f->name, f->data, f->len, &err) != 0)
        fail(f->name, &err);
    pk_dossier_free(d);
}

typedef struct preread {
    const bench_file *first;
    pk_dossier **dossiers;
} preread;

static void eval_only(const bench_file *f, void *ud)
{
    const preread *p = ud;
    pk_report *r;
    pk_error err;

    if (pk_evaluate(&r, engine, p->dossiers[f - p->first], NULL, &err) != 0)
        fail(f->name, &err);
    pk_report_free(r);
}

static void check(const bench_file *f, void *ud)
{
    pk_report *r;
    pk_error err;

    (void)ud;
    if (pk_check_memory(&r, engine, f->name, f->data, f->len, NULL, &err) != 0)
        fail(f->name, &err);
    pk_report_free(r);
}

static size_t sink_bytes;

static int sink(void *ud, const char *data, size_t len)
{
    (void)ud;
    (void)data;
    sink_bytes += len;
    return 0;
}

static void check_json(const bench_file *f, void *ud)
{
    pk_writer *w = ud;
    pk_report *r;
    pk_error err;

    if (pk_check_memory(&r, engine, f->name, f->data, f->len, NULL, &err) != 0)
        fail(f->name, &err);
    if (pk_writer_add(w, r, &err) != 0)
        fail(f->name, &err);
    pk_report_free(r);
}

int main(int argc, char **argv)
{
    bench_set s;
    double min = argc > 2 ? atof(argv[2]) : 0.3;
    const char *rules = argc > 3 ? argv[3] : NULL;
    pk_error err;
    pk_writer *w;

    if (argc < 2) {
        fprintf(stderr, "usage: check_only DIR [MIN_SECONDS] [RULES]\n");
        return 2;
    }
    if ((rules ? pk_engine_new_from_path(&engine, rules, NULL, &err)
               : pk_engine_new(&engine, NULL, &err)) != 0)
        fail("engine", &err);
    bench_load(&s, argv[1]);
    printf("files %zu\nbytes %zu\n", s.count, s.bytes);
    if (wanted("read"))
        printf("read %.3f\n", bench_run(&s, read_only, NULL, min));
    if (wanted("eval")) {
        preread p = {s.files, calloc(s.count, sizeof(pk_dossier *))};
        if (p.dossiers == NULL)
            return 3;
        for (size_t i = 0; i < s.count; i++)
            if (pk_dossier_read_memory(&p.dossiers[i], engine, s.files[i].name,
                                       s.files[i].data, s.files[i].len,
                                       &err) != 0)
                fail(s.files[i].name, &err);
        printf("eval %.3f\n", bench_run(&s, eval_only, &p, min));
        for (size_t i = 0; i < s.count; i++)
            pk_dossier_free(p.dossiers[i]);
        free(p.dossiers);
    }
    if (wanted("check"))
        printf("check %.3f\n", bench_run(&s, check, NULL, min));
    if (pk_writer_new(&w, engine, sink, NULL,
                      &(pk_writer_options){PK_WRITER_OPTIONS_VERSION,
                                           PK_FORMAT_JSON, PK_LANG_EN},
                      &err) != 0)
        fail("writer", &err);
    if (wanted("json"))
        printf("json %.3f\n", bench_run(&s, check_json, w, min));
    pk_writer_free(w);
    pk_engine_free(engine);
    return 0;
}
