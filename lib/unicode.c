/* A dossier's texts in Normalization Form C, with ICU (which libxml2 is
 * built with on Debian: no library more). Nearly every text is NFC as
 * typed, Vietnamese included: those are copied after a look at their bytes,
 * and only a text with a character outside the plain ranges below goes
 * through ICU. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "unicode.h"

/* The plain code points (NFC_Quick_Check=Yes with combining class 0, so
 * that a text of them alone is NFC: Unicode's Annex 15) are those of the
 * reader's scan of a whole file, pk_utf8_scan(): ASCII, U+00A0..U+024F
 * (every precomposed Vietnamese letter outside the next block: â ê ô ơ ư
 * đ...), U+1E00..U+1EFF (ạ ả ấ ... ỹ) and the punctuation of
 * U+2010..U+2027 and U+2030..U+205E; the unit tests check every one of
 * them against ICU. */
int pk_nfc_plain(const char *s, size_t len)
{
    int plain = 0;

    return pk_utf8_scan(s, len, &plain) == len && plain;
}

/* The text through ICU: NFC already, or made so. */
static char *through_icu(pk_arena *arena, const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc;
    UChar small[256], small_out[384];
    UChar *src = small, *dst = small_out;
    int32_t n16 = 0, m16, n8 = 0;
    char *out = NULL;

    nfc = unorm2_getNFCInstance(&st);
    if (st == U_MEMORY_ALLOCATION_ERROR)
        return NULL;
    if (U_FAILURE(st))
        return pk_arena_strndup(arena, s, len);
    u_strFromUTF8(src, (int32_t)(sizeof small / sizeof *small), &n16, s,
                  (int32_t)len, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        src = malloc((size_t)n16 * sizeof *src);
        if (src == NULL)
            return NULL;
        u_strFromUTF8(src, n16, &n16, s, (int32_t)len, &st);
    }
    if (U_FAILURE(st)) /* not UTF-8: cannot be, the reader checked it */
        goto as_is;
    if (unorm2_quickCheck(nfc, src, n16, &st) == UNORM_YES && U_SUCCESS(st))
        goto as_is;
    st = U_ZERO_ERROR;
    m16 =
        unorm2_normalize(nfc, src, n16, dst,
                         (int32_t)(sizeof small_out / sizeof *small_out), &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        dst = malloc((size_t)m16 * sizeof *dst);
        if (dst == NULL)
            goto nomem;
        m16 = unorm2_normalize(nfc, src, n16, dst, m16, &st);
    }
    if (U_FAILURE(st))
        goto as_is;
    /* the length in UTF-8 first, then the text into the arena */
    u_strToUTF8(NULL, 0, &n8, dst, m16, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        goto as_is;
    st = U_ZERO_ERROR;
    out = pk_arena_alloc(arena, (size_t)n8 + 1);
    if (out == NULL)
        goto nomem;
    u_strToUTF8(out, n8 + 1, &n8, dst, m16, &st);
    if (U_FAILURE(st)) {
        out = NULL;
        goto as_is;
    }
    out[n8] = '\0';
    goto done;
as_is:
    /* ICU out of memory is out of memory; any other failure (none can
     * happen on valid UTF-8) leaves the text as written */
    if (st == U_MEMORY_ALLOCATION_ERROR)
        goto nomem;
    out = pk_arena_strndup(arena, s, len);
    goto done;
nomem:
    out = NULL;
done:
    if (src != small)
        free(src);
    if (dst != small_out)
        free(dst);
    return out;
}

char *pk_arena_nfc(pk_arena *arena, const char *s, size_t len)
{
    if (pk_nfc_plain(s, len) || len > (size_t)INT32_MAX / 4)
        return pk_arena_strndup(arena, s, len);
    return through_icu(arena, s, len);
}
