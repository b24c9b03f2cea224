/* Byte offsets to line:column for messages, over a text every reader
 * (dossiers, the format description, rule packs) keeps whole. */
#ifndef PK_TEXTPOS_H
#define PK_TEXTPOS_H

#include <stddef.h>

/* A cursor: the last position asked for. Positions are asked for mostly
 * in order, so each is found from the one before, forward or back, column
 * included: counting from the start of the line each time made a one-line
 * dossier of many bad values take time quadratic in its length (a 2 MB
 * line took 40 s). */
typedef struct pk_textpos {
    const char *data; /* borrowed; need not be NUL-terminated */
    size_t len;
    size_t off, line_start;
    unsigned line;
    unsigned col; /* characters from line_start to off */
} pk_textpos;

void pk_textpos_init(pk_textpos *c, const char *data, size_t len);
/* line:column (1-based) of the first byte at off (clamped to the end);
 * moves the cursor there. */
void pk_textpos_at(pk_textpos *c, size_t off, unsigned *line, unsigned *col);
/* The same without a cursor, for a single position. */
void pk_text_pos(const char *data, size_t len, size_t off, unsigned *line,
                 unsigned *col);

#endif
