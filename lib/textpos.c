#include "textpos.h"

#include <string.h>

#include "value.h"

void pk_textpos_init(pk_textpos *c, const char *data, size_t len)
{
    c->data = data;
    c->len = len;
    c->off = c->line_start = 0;
    c->line = 1;
    c->col = 0;
}

void pk_textpos_at(pk_textpos *c, size_t off, unsigned *line, unsigned *col)
{
    if (off > c->len)
        off = c->len;
    if (off < c->off) {
        if (off >= c->line_start) {
            c->col -= pk_utf8_count(c->data + off, c->off - off);
        } else {
            /* Back over line ends (attributes on several lines, read in
             * two passes): uncount them, then find off's line. */
            size_t start = off;
            for (size_t i = off; i < c->line_start; i++)
                if (c->data[i] == '\n')
                    c->line--;
            while (start > 0 && c->data[start - 1] != '\n')
                start--;
            c->line_start = start;
            c->col = pk_utf8_count(c->data + start, off - start);
        }
        c->off = off;
    }
    while (c->off < off) {
        const char *nl = memchr(c->data + c->off, '\n', off - c->off);
        if (nl == NULL) {
            c->col += pk_utf8_count(c->data + c->off, off - c->off);
            c->off = off;
            break;
        }
        c->line++;
        c->off = (size_t)(nl - c->data) + 1;
        c->line_start = c->off;
        c->col = 0;
    }
    *line = c->line;
    *col = c->col + 1;
}

void pk_text_pos(const char *data, size_t len, size_t off, unsigned *line,
                 unsigned *col)
{
    pk_textpos c;

    pk_textpos_init(&c, data, len);
    pk_textpos_at(&c, off, line, col);
}
