/* What every format says of readings: the outcome words and the rules a
 * ruling is needed on. */
#include <string.h>

#include "writers.h"

const char *pk_writer_reading_status_word(const pk_engine *engine, pk_status s,
                                          pk_lang lang)
{
    return pk_writer_status_word(engine, "outcome", s, lang);
}

int pk_writer_any_open(const pk_report *r)
{
    size_t n = pk_report_result_count(r);

    for (size_t i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);
        if (res != NULL && pk_result_status(res) == PK_STATUS_OPEN)
            return 1;
    }
    return 0;
}

int pk_writer_append_open_rules(pk_strbuf *sb, const pk_report *r, pk_lang lang)
{
    size_t n = pk_report_result_count(r);
    int any = 0;

    for (size_t i = 0; i < n; i++) {
        const pk_result *res = pk_report_result(r, i);
        const char *cit, *title;

        if (res == NULL || pk_result_status(res) != PK_STATUS_OPEN ||
            pk_result_severity(res) != PK_SEVERITY_MANDATORY)
            continue;
        cit = pk_result_citation_text(res, lang);
        title = pk_result_title(res, lang);
        if (any)
            pk_sb_puts(sb, "; ");
        pk_sb_puts(sb, cit != NULL && *cit != '\0' ? cit : pk_result_id(res));
        if (title != NULL && *title != '\0')
            pk_sb_printf(sb, " (%s)", title);
        any = 1;
    }
    return sb->failed ? PK_ENOMEM : 0;
}

int pk_writer_append_readings_with(pk_strbuf *sb, const pk_result *res,
                                   pk_status s, const char *sep)
{
    size_t n = pk_result_reading_count(res);
    int any = 0;

    for (size_t i = 0; i < n; i++) {
        if (pk_result_reading_status(res, i) != s)
            continue;
        if (any)
            pk_sb_puts(sb, sep);
        pk_sb_puts(sb, pk_result_reading_id(res, i));
        any = 1;
    }
    return sb->failed ? PK_ENOMEM : 0;
}
