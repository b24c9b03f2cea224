/*
 * embed.c - the smallest complete program that embeds libparkcheck: check
 * the dossiers named on the command line with the built-in rules, sharing
 * one engine, and print each verdict and every criterion that is not met.
 *
 *   cc embed.c $(pkg-config --cflags --libs parkcheck) -o embed
 *   ./embed examples/near-miss.xml
 */
#include <stdio.h>

#include <parkcheck/parkcheck.h>

int main(int argc, char **argv)
{
    pk_engine *engine = NULL;
    pk_error err;
    int worst = 0;

    if (pk_engine_new(&engine, NULL, &err) != 0) {
        fprintf(stderr, "parkcheck: %s\n", err.message);
        return 4;
    }
    for (int i = 1; i < argc; i++) {
        pk_report *report = NULL;
        pk_verdict v;

        /* pk_check_file always gives a report, unless memory runs out: an
         * unreadable file is reported as invalid, with the reason. */
        if (pk_check_file(&report, engine, argv[i], NULL, &err) != 0) {
            fprintf(stderr, "%s: %s\n", argv[i], err.message);
            worst = 3;
            continue;
        }
        v = pk_report_verdict(report);
        printf("%s: %s\n", argv[i], pk_verdict_name(v));
        for (size_t k = 0; k < pk_report_problem_count(report); k++) {
            const pk_error *p = pk_report_problem(report, k);
            printf("  %u:%u: %s\n", p->line, p->column, p->message);
        }
        for (size_t k = 0; k < pk_report_result_count(report); k++) {
            const pk_result *r = pk_report_result(report, k);
            pk_status s = pk_result_status(r);
            if (s == PK_STATUS_FAIL || s == PK_STATUS_UNKNOWN ||
                s == PK_STATUS_ERROR)
                printf("  %s %s: %s\n", pk_result_citation_text(r, PK_LANG_EN),
                       pk_status_name(s), pk_result_message(r, PK_LANG_EN));
        }
        if ((int)v > worst)
            worst = (int)v;
        pk_report_free(report);
    }
    pk_engine_free(engine);
    return worst;
}
