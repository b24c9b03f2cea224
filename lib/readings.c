/* The readings of an open provision, as a result gives them. */
#include "pack.h"

size_t pk_result_reading_count(const pk_result *res)
{
    return res != NULL ? res->nreadings : 0;
}

static const pk_reading *reading(const pk_result *res, size_t i)
{
    if (res == NULL || i >= res->nreadings)
        return NULL;
    return res->reading_defs[i];
}

const char *pk_result_reading_id(const pk_result *res, size_t i)
{
    const pk_reading *g = reading(res, i);
    return g != NULL ? g->id : NULL;
}

const char *pk_result_reading_title(const pk_result *res, size_t i,
                                    pk_lang lang)
{
    const pk_reading *g = reading(res, i);
    return g != NULL ? g->title[lang == PK_LANG_VI ? 0 : 1] : NULL;
}

const char *pk_result_reading_explanation(const pk_result *res, size_t i,
                                          pk_lang lang)
{
    const pk_reading *g = reading(res, i);
    return g != NULL ? g->explanation[lang == PK_LANG_VI ? 0 : 1] : NULL;
}

pk_status pk_result_reading_status(const pk_result *res, size_t i)
{
    return reading(res, i) != NULL ? res->readings[i] : PK_STATUS_ERROR;
}

const char *pk_result_open_words(const pk_result *res, pk_lang lang)
{
    const char *w;

    if (res == NULL)
        return "";
    w = res->rule->open_words[lang == PK_LANG_VI ? 0 : 1];
    return w != NULL ? w : "";
}
