/* Scans of a dossier's raw bytes before libxml2 sees them: what would
 * make it slow or what it would misread is found here, in linear time. */
#include "prescan.h"

#include <string.h>

#include "value.h"

/* '=' outside quotes, counted per tag on the raw text, skipping comments,
 * CDATA sections and processing instructions. */
size_t pk_prescan_crowded_tag(const char *data, size_t len, size_t max)
{
    static const char *const skip[][2] = {
        {"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}};
    const char *p = data, *end = data + len;
    size_t i = 0, eq = 0;

    /* No tag can have too many attributes when the whole text has too few
     * '=': the case of nearly every dossier, found with memchr alone. */
    while (eq <= max && (p = memchr(p, '=', (size_t)(end - p))) != NULL) {
        eq++;
        p++;
    }
    if (eq <= max)
        return len;

    while (i < len) {
        const char *lt = memchr(data + i, '<', len - i);
        size_t tag, n = 0;
        char quote = 0;
        int skipped = 0;

        if (lt == NULL)
            break;
        tag = (size_t)(lt - data);
        for (size_t k = 0; k < sizeof skip / sizeof skip[0] && !skipped; k++) {
            size_t ol = strlen(skip[k][0]), cl = strlen(skip[k][1]);
            if (len - tag < ol || memcmp(data + tag, skip[k][0], ol) != 0)
                continue;
            skipped = 1;
            for (i = tag + ol; i < len; i++)
                if (len - i >= cl && memcmp(data + i, skip[k][1], cl) == 0)
                    break;
            i += cl;
        }
        if (skipped)
            continue;
        if (len - tag >= 9 && memcmp(data + tag, "<!DOCTYPE", 9) == 0)
            break;
        for (i = tag + 1; i < len && (quote || data[i] != '>'); i++) {
            if (quote) {
                if (data[i] == quote)
                    quote = 0;
            } else if (data[i] == '"' || data[i] == '\'') {
                quote = data[i];
            } else if (data[i] == '=' && ++n > max) {
                return tag;
            }
        }
    }
    return len;
}

void pk_prescan_first_bad_byte(const char *data, size_t len, size_t *off,
                               int *nul)
{
    const char *z = memchr(data, '\0', len);
    size_t limit = z ? (size_t)(z - data) : len;
    size_t bad = pk_utf8_first_invalid(data, limit);

    *off = bad;
    *nul = bad == limit; /* the only fault before it is the NUL */
}
