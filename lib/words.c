/* The <words> of a dossier format description: a report's title and the
 * words of units. One policy writes every number's unit. */
#include "words.h"
#include "messages.h"
#include "problems.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
    char *p;
    size_t n;

    if (s == NULL)
        return NULL;
    n = strlen(s) + 1;
    p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

void pk_words_free(struct pk_words *w)
{
    if (w == NULL)
        return;
    for (size_t i = 0; i < w->nunits; i++) {
        free(w->units[i].name);
        free(w->units[i].word[0]);
        free(w->units[i].word[1]);
        free(w->units[i].one[0]);
        free(w->units[i].one[1]);
    }
    free(w->units);
    for (size_t i = 0; i < w->nlabels; i++) {
        free(w->labels[i].name);
        free(w->labels[i].word[0]);
        free(w->labels[i].word[1]);
    }
    free(w->labels);
    free(w->title[0]);
    free(w->title[1]);
    free(w->note[0]);
    free(w->note[1]);
    for (int i = 0; i < PK_CITE_PARTS; i++) {
        free(w->cite[i][0]);
        free(w->cite[i][1]);
    }
    free(w);
}

/* Message id of the registry at node, with arg as its {1} when not NULL. */
static int bad(pk_xmldoc *x, xmlNode *node, const char *attr, pk_error *err,
               unsigned id, const char *arg)
{
    unsigned line = 0, col = 0;

    pk_xmldoc_pos(x, node, attr, &line, &col);
    pk_error_say(err, PK_EFORMAT, id, x->source, line, col, PK_NO_OFFSET,
                 arg != NULL ? 1 : 0, &arg);
    return PK_EFORMAT;
}

/* Both words of node (vi= and en=), each required, "" allowed. */
static int load_pair(pk_xmldoc *x, xmlNode *node, char *out[2], pk_error *err)
{
    const char *vi = pk_xml_attr(node, "vi"), *en = pk_xml_attr(node, "en");

    if (vi == NULL || en == NULL)
        return bad(x, node, vi == NULL ? NULL : "en", err, PK_MSG_WORDS_BOTH,
                   NULL);
    out[0] = dup_or_null(vi);
    out[1] = dup_or_null(en);
    if (out[0] == NULL || out[1] == NULL) {
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_ENOMEM;
    }
    return PK_OK;
}

/* <citation part="article|clause|point" vi="…{n}…" en="…{n}…">: each
 * part once, each word with one {n}. */
static int load_cite(pk_xmldoc *x, xmlNode *node, struct pk_words *w,
                     pk_error *err)
{
    static const char *const parts[PK_CITE_PARTS] = {"article", "clause",
                                                     "point"};
    const char *part = pk_xml_attr(node, "part");
    int i = 0;
    int rc;

    while (i < PK_CITE_PARTS && (part == NULL || strcmp(part, parts[i]) != 0))
        i++;
    if (i == PK_CITE_PARTS)
        return bad(x, node, part != NULL ? "part" : NULL, err, PK_MSG_CITE_PART,
                   NULL);
    if (w->cite[i][0] != NULL)
        return bad(x, node, "part", err, PK_MSG_CITE_TWICE, part);
    rc = load_pair(x, node, w->cite[i], err);
    for (int l = 0; l < 2 && rc == PK_OK; l++) {
        const char *n = strstr(w->cite[i][l], "{n}");
        if (n == NULL || strstr(n + 3, "{n}") != NULL)
            rc = bad(x, node, l == 0 ? "vi" : "en", err, PK_MSG_CITE_PLACE,
                     NULL);
        else if (strlen(w->cite[i][l]) - 3 > PK_CITE_WORD_MAX)
            rc =
                bad(x, node, l == 0 ? "vi" : "en", err, PK_MSG_CITE_LONG, NULL);
    }
    return rc;
}

/* The parts of a citation are given all together or not at all. */
static int check_cite(pk_xmldoc *x, xmlNode *node, const struct pk_words *w,
                      pk_error *err)
{
    static const char *const parts[PK_CITE_PARTS] = {"article", "clause",
                                                     "point"};
    int given = 0;

    for (int i = 0; i < PK_CITE_PARTS; i++)
        given += w->cite[i][0] != NULL;
    for (int i = 0; given > 0 && i < PK_CITE_PARTS; i++)
        if (w->cite[i][0] == NULL)
            return bad(x, node, NULL, err, PK_MSG_CITE_PARTS, parts[i]);
    return PK_OK;
}

/* <template-note lang="vi|en">: its lines, each trimmed, blank ones
 * dropped, each ended by a newline. */
static int load_note(pk_xmldoc *x, xmlNode *node, char *note[2], pk_error *err)
{
    const char *lang = pk_xml_attr(node, "lang");
    int l = lang == NULL              ? -1
            : strcmp(lang, "vi") == 0 ? 0
            : strcmp(lang, "en") == 0 ? 1
                                      : -1;
    xmlChar *t;
    const char *p;
    char *out, *o;

    if (l < 0)
        return bad(x, node, "lang", err, PK_MSG_NEEDS_LANG, "template-note");
    if (note[l] != NULL)
        return bad(x, node, "lang", err, PK_MSG_SECOND_TEMPLATE_NOTE, NULL);
    t = xmlNodeGetContent(node);
    out = t != NULL ? malloc(strlen((const char *)t) + 1) : NULL;
    if (out == NULL) {
        xmlFree(t);
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_ENOMEM;
    }
    o = out;
    for (p = (const char *)t; *p != '\0';) {
        size_t n = strcspn(p, "\n"), b = 0;

        while (b < n && (p[b] == ' ' || p[b] == '\t' || p[b] == '\r'))
            b++;
        while (n > b &&
               (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
            n--;
        if (n > b) {
            memcpy(o, p + b, n - b);
            o += n - b;
            *o++ = '\n';
        }
        p += strcspn(p, "\n");
        if (*p == '\n')
            p++;
    }
    *o = '\0';
    xmlFree(t);
    note[l] = out;
    return PK_OK;
}

int pk_words_load(pk_dformat *f, pk_xmldoc *x, xmlNode *node, pk_error *err)
{
    struct pk_words *w;
    size_t n = 0, nl = 0;
    int rc = PK_OK;

    if (f->words != NULL)
        return bad(x, node, NULL, err, PK_MSG_SECOND_WORDS, NULL);
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        n += pk_xml_is(c, "unit");
        nl += pk_xml_is(c, "label");
    }
    w = calloc(1, sizeof *w);
    if (w == NULL) {
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_ENOMEM;
    }
    f->words = w;
    if ((n > 0 && (w->units = calloc(n, sizeof *w->units)) == NULL) ||
        (nl > 0 && (w->labels = calloc(nl, sizeof *w->labels)) == NULL)) {
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_ENOMEM;
    }
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL && rc == PK_OK;
         c = pk_xml_elem(c->next)) {
        if (pk_xml_is(c, "title")) {
            if (w->title[0] != NULL)
                rc = bad(x, c, NULL, err, PK_MSG_SECOND_TITLE, NULL);
            else
                rc = load_pair(x, c, w->title, err);
        } else if (pk_xml_is(c, "unit")) {
            const char *name = pk_xml_attr(c, "name");
            pk_unit_words *u = &w->units[w->nunits];

            if (name == NULL || name[0] == '\0') {
                rc = bad(x, c, NULL, err, PK_MSG_UNIT_NEEDS_NAME, NULL);
                break;
            }
            for (size_t i = 0; i < w->nunits; i++)
                if (strcmp(w->units[i].name, name) == 0)
                    rc = bad(x, c, "name", err, PK_MSG_SECOND_UNIT, NULL);
            if (rc != PK_OK)
                break;
            w->nunits++;
            u->name = dup_or_null(name);
            if (u->name == NULL) {
                pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                             PK_NO_OFFSET, PK_NOARGS);
                rc = PK_ENOMEM;
                break;
            }
            rc = load_pair(x, c, u->word, err);
            /* Vietnamese nouns do not change with the number; English
             * ones may ("1 person", "2 people"). */
            for (int l = 0; l < 2 && rc == PK_OK; l++) {
                const char *o = pk_xml_attr(c, l == 0 ? "vi-one" : "en-one");
                u->one[l] = dup_or_null(o != NULL ? o : u->word[l]);
                if (u->one[l] == NULL) {
                    pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                                 PK_NO_OFFSET, PK_NOARGS);
                    rc = PK_ENOMEM;
                }
            }
        } else if (pk_xml_is(c, "label")) {
            const char *name = pk_xml_attr(c, "name");
            pk_word_label *l = &w->labels[w->nlabels];

            if (name == NULL || name[0] == '\0' ||
                pk_words_label(f, name, 0) != NULL) {
                rc = bad(x, c, "name", err, PK_MSG_LABEL_NEEDS_NAME, NULL);
                break;
            }
            w->nlabels++;
            l->name = dup_or_null(name);
            if (l->name == NULL) {
                pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, x->source, 0, 0,
                             PK_NO_OFFSET, PK_NOARGS);
                rc = PK_ENOMEM;
                break;
            }
            rc = load_pair(x, c, l->word, err);
        } else if (pk_xml_is(c, "template-note")) {
            rc = load_note(x, c, w->note, err);
        } else if (pk_xml_is(c, "citation")) {
            rc = load_cite(x, c, w, err);
        } else {
            rc = bad(x, c, NULL, err, PK_MSG_WORDS_UNEXPECTED, NULL);
        }
    }
    if (rc == PK_OK)
        rc = check_cite(x, node, w, err);
    return rc;
}

const char *pk_unit_word(const pk_dformat *f, const char *unit, int lang,
                         int one)
{
    const struct pk_words *w = f != NULL ? f->words : NULL;

    if (unit == NULL)
        return "";
    for (size_t i = 0; w != NULL && i < w->nunits; i++)
        if (strcmp(w->units[i].name, unit) == 0)
            return one ? w->units[i].one[lang != 0]
                       : w->units[i].word[lang != 0];
    return unit;
}

int pk_unit_append(pk_strbuf *sb, const pk_dformat *f, const char *unit,
                   double v, pk_lang lang)
{
    const char *word =
        pk_unit_word(f, unit, lang == PK_LANG_VI ? 0 : 1, v == 1.0);

    if (word[0] != '\0') {
        pk_sb_puts(sb, " ");
        pk_sb_puts(sb, word);
    }
    return sb->failed ? PK_ENOMEM : PK_OK;
}

const char *pk_engine_report_title(const pk_engine *engine, pk_lang lang)
{
    const struct pk_words *w =
        engine != NULL && engine->format != NULL ? engine->format->words : NULL;

    return w != NULL ? w->title[lang == PK_LANG_VI ? 0 : 1] : NULL;
}

const char *pk_engine_unit_word(const pk_engine *engine, const char *unit,
                                pk_lang lang)
{
    return pk_unit_word(engine != NULL ? engine->format : NULL, unit,
                        lang == PK_LANG_VI ? 0 : 1, 0);
}

const char *pk_words_label(const pk_dformat *f, const char *name, int lang)
{
    const struct pk_words *w = f != NULL ? f->words : NULL;

    for (size_t i = 0; w != NULL && name != NULL && i < w->nlabels; i++)
        if (w->labels[i].name != NULL && strcmp(w->labels[i].name, name) == 0)
            return w->labels[i].word[lang != 0];
    return NULL;
}

const char *pk_engine_word(const pk_engine *engine, const char *name,
                           pk_lang lang)
{
    return pk_words_label(engine != NULL ? engine->format : NULL, name,
                          lang == PK_LANG_VI ? 0 : 1);
}

/* The built-in format's label called name in lang (0 vi, 1 en), or "". */
static const char *builtin_label(const char *name, int lang)
{
    for (const pk_builtin_label *b = pk_label_builtin; b->name != NULL; b++)
        if (strcmp(b->name, name) == 0)
            return b->word[lang != 0];
    return "";
}

const char *pk_words_label_or_builtin(const pk_dformat *f, const char *name,
                                      int lang)
{
    const char *w = pk_words_label(f, name, lang);

    return w != NULL ? w : builtin_label(name, lang);
}
