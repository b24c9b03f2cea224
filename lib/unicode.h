/* unicode.h - a dossier's texts in one Unicode form (unicode.c). */
#ifndef PK_UNICODE_H
#define PK_UNICODE_H

#include <stddef.h>

#include "arena.h"

/* s[0..len), valid UTF-8, copied into the arena in Normalization Form C:
 * "Ủy" typed as U + combining horn + combining hook (as Unikey's "Unicode
 * tổ hợp", macOS file names and some converters write Vietnamese) becomes
 * the one letter Ủ, which is what every other text says and what a rule
 * pack's patterns are written in. The two are the same text to Unicode
 * and to a reader; only a byte comparison tells them apart. NULL when
 * memory runs out. */
char *pk_arena_nfc(pk_arena *arena, const char *s, size_t len);

/* 1 when every code point of s[0..len) is one that no NFC text changes
 * around (precomposed, combining with nothing before it): then s is NFC
 * as it is. 0 when that takes a look at the text with ICU. */
int pk_nfc_plain(const char *s, size_t len);

#endif
