/* messages.h - the registry of the program's own messages, by number
 * (messages.def), rendered in a language only when shown (messages.c). */
#ifndef PK_MESSAGES_H
#define PK_MESSAGES_H

#include "common.h"

typedef enum pk_msg_id {
    PK_MSG_NONE = 0,
#define PK_MSG(n, name, en, vi) PK_MSG_##name = n,
#include "messages.def"
#undef PK_MSG
    PK_MSG_END
} pk_msg_id;

/* Writes message id in lang (0 vi, 1 en) with args (nargs strings packed
 * one after another, each NUL-terminated) into buf, cut to size like
 * snprintf(); returns the length it would have had. 0 and "" for an id not
 * in the registry. */
size_t pk_msg_render(unsigned id, int lang, const char *args, size_t nargs,
                     char *buf, size_t size);

#endif
