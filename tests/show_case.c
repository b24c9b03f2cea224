/*
 * show_case CASE_DIR: writes the dossier of a conformance case as the C
 * test programs make it (tests/common, tc_case_dossier) to standard
 * output, for tests/check_case_dossiers.py to compare with
 * tools/case_dossier.py.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tc.h"

int main(int argc, char **argv)
{
    char why[512];
    size_t len;
    char *data;
    int ok;

    if (argc != 2) {
        fputs("usage: show_case CASE_DIR\n", stderr);
        return 2;
    }
    data = tc_case_dossier(argv[1], &len, NULL, why, sizeof why);
    if (data == NULL) {
        fprintf(stderr, "%s\n", why);
        return 1;
    }
    ok = fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0;
    free(data);
    return ok ? 0 : 1;
}
