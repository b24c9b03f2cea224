/* The files tools/embed.c writes into the server (its page's style sheet,
 * the API's description), as the embedding tool declares them. */
#ifndef PK_SERVER_BUILTIN_H
#define PK_SERVER_BUILTIN_H

#include <stddef.h>

struct pk_builtin {
    const char *name;
    const char *data; /* NUL-terminated */
    size_t len;
};

extern const struct pk_builtin pk_server_files[];

#endif
