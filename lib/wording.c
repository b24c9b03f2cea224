/* The pieces a result is worded with (wording.h), shared by the report's
 * getters and the writers. */
#include "wording.h"

#include <string.h>

#include "pack.h"

long pk_utf8_next(const char *str, size_t len, size_t *adv)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t need, i;
    long cp;

    if (c < 0x80) {
        *adv = 1;
        return (long)c;
    }
    /* The well-formed sequences of Unicode's table 3-7: the second byte's
     * range depends on the first; the rest are 80..BF. */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *adv = 1;
        return -1;
    }
    for (i = 1; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            *adv = i;
            return -1;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *adv = need + 1;
    return cp;
}

const pk_dformat *pk_writer_dformat(const pk_report *r)
{
    return r != NULL && r->engine != NULL ? r->engine->format : NULL;
}

const char *pk_writer_op_symbol(const char *op)
{
    static const char *const ops[][2] = {
        {"ge", "≥"}, {"gt", ">"}, {"le", "≤"},
        {"lt", "<"}, {"eq", "="}, {"ne", "≠"},
    };
    size_t i;

    if (op == NULL)
        return "";
    for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(op, ops[i][0]) == 0)
            return ops[i][1];
    return op;
}

/* The names of a set (joined by spaces) as their words, "; " between. */
int pk_writer_append_names(pk_strbuf *sb, const char *joined,
                           const struct pk_vocab *voc, const char *sep,
                           pk_lang lang)
{
    const char *p = joined != NULL ? joined : "";
    int first = 1;

    for (;;) {
        const char *label;
        size_t n;

        p += strspn(p, " ");
        n = strcspn(p, " ");
        if (n == 0)
            break;
        if (!first)
            pk_sb_puts(sb, sep);
        first = 0;
        /* its label, or the name itself when it has none */
        label = pk_vocab_label_n(voc, p, n, lang == PK_LANG_VI ? 0 : 1);
        if (label != NULL)
            pk_sb_puts(sb, label);
        else
            pk_sb_append(sb, p, n);
        p += n;
    }
    return first ? 1 : sb->failed ? PK_ENOMEM : PK_OK;
}

int pk_writer_append_yes_no(pk_strbuf *sb, int yes, pk_lang lang)
{
    int vi = lang == PK_LANG_VI;

    return pk_sb_puts(sb, yes ? (vi ? "có" : "yes") : (vi ? "không" : "no"));
}

int pk_writer_append_yes_no_set(pk_strbuf *sb, const char *names, pk_lang lang)
{
    const char *p;
    size_t n;
    int first = 1;

    if (names == NULL)
        return 1;
    for (p = names; *(p += strspn(p, " ")) != '\0'; p += n) {
        n = strcspn(p, " ");
        if (!(n == 4 && strncmp(p, "true", 4) == 0) &&
            !(n == 5 && strncmp(p, "false", 5) == 0))
            return 1;
    }
    for (p = names; *(p += strspn(p, " ")) != '\0'; p += n) {
        n = strcspn(p, " ");
        if (!first)
            pk_sb_puts(sb, ", ");
        first = 0;
        pk_writer_append_yes_no(sb, n == 4, lang);
    }
    if (first)
        return 1;
    return sb->failed ? PK_ENOMEM : 0;
}
