/*
 * ndjson.c - newline-delimited JSON: one line per dossier, written
 * as soon as the dossier is added, nothing else.
 *
 *   {"file":"a.xml","kind":"…",...,"results":[...]}
 *   {"file":"b.xml",...}
 *
 * Each line is exactly the object the JSON format puts in its "dossiers"
 * array (pk_json_append_dossier() writes both). No header and no summary
 * line, so that every line has the same shape: a pipeline can filter,
 * count or split the lines without telling kinds of lines apart. The
 * version, the packs and the counts are in the JSON format.
 */
#include "writers.h"

static int ndjson_format(const pk_writer *w, const pk_report *r,
                         pk_writer_piece *p)
{
    pk_strbuf *sb = &p->text;

    /* The dossier object escapes every line break inside its strings, so
     * this is the only one on the line. */
    if (pk_json_append_dossier(sb, r, w->lang) != 0)
        return PK_ENOMEM;
    return pk_sb_puts(sb, "\n");
}

const pk_writer_ops pk_writer_ndjson_ops = {
    "ndjson", 0, NULL, ndjson_format, NULL, NULL, NULL, 0,
};
