/* prescan.h - checks on a dossier's raw bytes before it is parsed
 * (prescan.c). Positions are byte offsets; textpos.h makes them
 * line:column. */
#ifndef PK_PRESCAN_H
#define PK_PRESCAN_H

#include <stddef.h>

/* The offset of the '<' of the first start tag with more than max
 * attributes, or len. It stops at a DOCTYPE, which is refused before any
 * element is read. */
size_t pk_prescan_crowded_tag(const char *data, size_t len, size_t max);
/* The offset of the first byte that is not valid UTF-8 or is NUL; *nul
 * says it is a NUL (and the text before it valid). */
void pk_prescan_first_bad_byte(const char *data, size_t len, size_t *off,
                               int *nul);

#endif
