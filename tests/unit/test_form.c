/* The form description: built from the pack and the format description,
 * it offers every place a kind's rules read, with words for each, and
 * refuses kinds and dates it has nothing for. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <parkcheck/parkcheck.h>

static pk_engine *engine;

static void setup(void)
{
    ck_assert_int_eq(pk_engine_new(&engine, NULL, NULL), PK_OK);
}

static void teardown(void)
{
    pk_engine_free(engine);
}

static const pk_field *find(const pk_form *form, const char *path,
                            pk_field_type type, size_t *at)
{
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const pk_field *f = pk_form_field(form, i);
        if (strcmp(f->path, path) == 0 && f->type == type) {
            if (at != NULL)
                *at = i;
            return f;
        }
    }
    return NULL;
}

START_TEST(test_kinds)
{
    const char *label = NULL;

    ck_assert_uint_ge(pk_engine_kind_count(engine), 1);
    for (size_t i = 0; i < pk_engine_kind_count(engine); i++) {
        ck_assert_ptr_nonnull(pk_engine_kind(engine, i, &label, PK_LANG_VI));
        ck_assert_ptr_nonnull(label);
    }
    ck_assert_ptr_null(pk_engine_kind(engine, pk_engine_kind_count(engine),
                                      &label, PK_LANG_VI));
}
END_TEST

/* Every field a template of the kind asks for is on the form, and every
 * field has words and a place in the dossier. */
START_TEST(test_every_kind)
{
    const char *kind = pk_engine_kind(engine, (size_t)_i, NULL, PK_LANG_VI);
    pk_form *form = NULL;
    size_t groups = 0, values = 0;

    ck_assert_int_eq(
        pk_form_new(&form, engine, kind, "2024-06-01", PK_LANG_VI, NULL),
        PK_OK);
    ck_assert_str_eq(pk_form_kind(form), kind);
    ck_assert_str_eq(pk_form_date(form), "2024-06-01");
    ck_assert_uint_gt(pk_form_field_count(form), 10);
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const pk_field *f = pk_form_field(form, i);
        ck_assert_msg(f->path[0] == '/', "%s", f->path);
        ck_assert_msg(f->label[0] != '\0', "%s has no words", f->path);
        ck_assert_ptr_nonnull(f->help);
        ck_assert_ptr_nonnull(f->citations);
        ck_assert_ptr_nonnull(f->unit);
        if (f->group != PK_FORM_NO_GROUP) {
            ck_assert_uint_lt(f->group, i);
            ck_assert_int_eq(pk_form_field(form, f->group)->type,
                             PK_FIELD_GROUP);
        }
        groups += f->type == PK_FIELD_GROUP;
        for (size_t v = 0; v < f->nvalues; v++) {
            const char *label = NULL;
            ck_assert_ptr_nonnull(pk_form_value(form, i, v, &label, NULL));
            ck_assert_ptr_nonnull(label);
            values++;
        }
        ck_assert_ptr_null(pk_form_value(form, i, f->nvalues, NULL, NULL));
    }
    ck_assert_uint_gt(groups, 0);
    ck_assert_uint_gt(values, 0);
    ck_assert_ptr_null(pk_form_field(form, pk_form_field_count(form)));
    pk_form_free(form);
}
END_TEST

START_TEST(test_establishment)
{
    pk_form *form = NULL;
    const pk_field *f, *g;
    size_t gi, ti;
    const char *label, *when, *name;

    ck_assert_int_eq(pk_form_new(&form, engine, "establishment", "2024-06-01",
                                 PK_LANG_VI, NULL),
                     PK_OK);
    /* the kind is fixed, the date offered */
    f = find(form, "/dossier/@kind", PK_FIELD_CHOICE, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->fixed, "establishment");
    /* a quantity with its unit, words and provisions */
    f = find(form, "/dossier/land/total", PK_FIELD_DECIMAL, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->unit, "ha");
    ck_assert_str_ne(f->citations, "");
    ck_assert_str_ne(f->help, "");
    f = find(form, "/dossier/land/total/@unit", PK_FIELD_CHOICE, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->initial, "ha");
    /* a repeatable row, its columns, a vocabulary chosen by another
     * column, and the list's "none" */
    g = find(form, "/dossier/zones/zone", PK_FIELD_GROUP, &gi);
    ck_assert_ptr_nonnull(g);
    f = find(form, "/dossier/zones/zone/@type", PK_FIELD_CHOICE, &ti);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(f->group, gi);
    ck_assert_str_eq(f->depends_on, "group");
    name = pk_form_value(form, ti, 0, &label, &when);
    ck_assert_ptr_nonnull(when);
    ck_assert_str_ne(label, name);
    f = find(form, "/dossier/zones/@none", PK_FIELD_BOOL, NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->none_mark, 1);
    /* rows inside rows: a scheme's parts */
    g = find(form, "/dossier/documents/document", PK_FIELD_GROUP, &gi);
    ck_assert_ptr_nonnull(g);
    f = find(form, "/dossier/documents/document/covers/@topic", PK_FIELD_CHOICE,
             NULL);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_gt(pk_form_field(form, f->group)->depth, g->depth);
    pk_form_free(form);
}
END_TEST

START_TEST(test_refusals)
{
    pk_form *form = (pk_form *)1;
    pk_error err;

    ck_assert_int_eq(
        pk_form_new(&form, engine, "nonsense", NULL, PK_LANG_VI, &err),
        PK_EINVAL);
    ck_assert_ptr_null(form);
    ck_assert_ptr_nonnull(strstr(err.message, "establishment"));
    ck_assert_int_eq(pk_form_new(&form, engine, "establishment", "1990-01-01",
                                 PK_LANG_VI, &err),
                     PK_ENOPACK);
    ck_assert_int_eq(pk_form_new(&form, engine, "establishment", "2024-02-30",
                                 PK_LANG_VI, &err),
                     PK_EINVAL);
    ck_assert_int_eq(
        pk_form_new(NULL, engine, "establishment", NULL, PK_LANG_VI, &err),
        PK_EINVAL);
    ck_assert_uint_eq(pk_form_field_count(NULL), 0);
    ck_assert_ptr_null(pk_form_field(NULL, 0));
    pk_form_free(NULL);
}
END_TEST

static Suite *form_suite(void)
{
    Suite *s = suite_create("form");
    TCase *tc = tcase_create("form");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_kinds);
    tcase_add_loop_test(tc, test_every_kind, 0, 4);
    tcase_add_test(tc, test_establishment);
    tcase_add_test(tc, test_refusals);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(form_suite());
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
