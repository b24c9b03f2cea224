/* What every report writer says of provenance and regimes: how sure a
 * rule is, in words, the headings for the provisional mark, the regime
 * mark and what is not checked, and the mark after a verdict in a row. */
#include "writers.h"

const char *pk_writer_word_sure(pk_lang lang)
{
    return lang == PK_LANG_VI ? "Độ tin cậy" : "How sure";
}

const char *pk_writer_word_provisional(pk_lang lang)
{
    return lang == PK_LANG_VI ? "Kết quả tạm thời" : "Provisional";
}

const char *pk_writer_word_provisional_verdict(pk_lang lang)
{
    return lang == PK_LANG_VI ? "tạm thời" : "provisional";
}

const char *pk_writer_verdict_mark(const pk_report *r, pk_lang lang)
{
    if (pk_report_regime(r) != PK_REGIME_IN_FORCE)
        return lang == PK_LANG_VI ? "chỉ để đối chiếu" : "for comparison only";
    if (pk_report_provisional(r))
        return pk_writer_word_provisional_verdict(lang);
    return NULL;
}

const char *pk_writer_word_unchecked(pk_lang lang)
{
    return lang == PK_LANG_VI ? "Chưa kiểm tra được" : "Not checked";
}

const char *pk_writer_word_regime(pk_lang lang)
{
    return lang == PK_LANG_VI ? "Quy định không áp dụng vào ngày của hồ sơ"
                              : "Rules not in force on the dossier's date";
}

int pk_writer_shows_provenance(const pk_report *r, const pk_result *res)
{
    pk_provenance p = pk_result_provenance(res);

    if (pk_report_provisional(r))
        return 1;
    return p != PK_PROVENANCE_UNSTATED && p != PK_PROVENANCE_OFFICIAL;
}

void pk_writer_append_provenance(pk_strbuf *sb, const pk_result *res,
                                 pk_lang lang)
{
    const char *src = pk_result_provenance_source(res, lang);

    pk_sb_puts(sb, pk_provenance_label(pk_result_provenance(res), lang));
    if (src != NULL && *src != '\0') {
        pk_sb_puts(sb, " — ");
        pk_sb_puts(sb, src);
    }
}
