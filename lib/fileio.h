/* fileio.h - whole files read into memory, for every reader (dossiers,
 * the format description, rule packs) (fileio.c). */
#ifndef PK_FILEIO_H
#define PK_FILEIO_H

#include "common.h"

/* Reads a whole regular file into a NUL-terminated buffer (free()),
 * refusing one larger than limit before reading it, and a directory, FIFO,
 * socket or device without waiting on it. */
int pk_read_file(const char *path, size_t limit, char **data, size_t *len,
                 pk_error *err);

#endif
