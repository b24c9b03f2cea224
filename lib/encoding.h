/* The character encodings a dossier arrives in (encoding.c): UTF-16 turned
 * into the UTF-8 the reader works on, and the encoding an XML declaration
 * names. */
#ifndef PK_ENCODING_H
#define PK_ENCODING_H

#include <stddef.h>

typedef enum pk_utf16 { PK_NOT_UTF16 = 0, PK_UTF16LE, PK_UTF16BE } pk_utf16;

/* Whether data is UTF-16, by its byte order mark or, without one, by a
 * first "<?" in UTF-16 as XML 1.0's appendix F detects it;
 * *skip is the length of the mark (2 or 0). */
pk_utf16 pk_utf16_detect(const char *data, size_t len, size_t *skip);

/* Transcodes UTF-16 data[0..len) to UTF-8 in *out (malloc'd, NUL after
 * *outlen bytes; the caller frees it, also on PK_EENCODING). Returns PK_OK,
 * PK_ENOMEM (*out NULL), or PK_EENCODING for a lone surrogate or an odd
 * last byte: then *outlen is how far the UTF-8 went, where the fault is,
 * and *unit the offending code unit (0x10000 + byte for an odd byte). */
int pk_utf16_to_utf8(const char *data, size_t len, pk_utf16 order, char **out,
                     size_t *outlen, unsigned *unit);

/* The encoding named by an XML declaration at the start of data: 1 with
 * *off and *vlen the value's place in data, or 0 when there is no
 * declaration or it names none. */
int pk_xml_declared_encoding(const char *data, size_t len, size_t *off,
                             size_t *vlen);

/* 1 when name[0..len) names UTF-8 or an encoding a UTF-8 reading agrees
 * with (US-ASCII), or UTF-16 (which the byte order mark decides). */
int pk_encoding_reads_as_utf8(const char *name, size_t len);

/* 1 when data[0..len) holds ASCII bytes only. */
int pk_all_ascii(const char *data, size_t len);

#endif
