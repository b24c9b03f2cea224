/* engine.h - the engine: the format and the rule packs (engine.c). */
#ifndef PK_ENGINE_H
#define PK_ENGINE_H

#include "format.h"

typedef struct pk_pack pk_pack;

struct pk_engine {
    pk_dformat *format;
    size_t npacks;
    pk_pack **packs;
    size_t max_bytes;
    unsigned max_depth;
    int needs_tree;       /* some pack reads facts by XPath */
    int format_from_file; /* format read from a rules directory */
    /* regimes: the pack named by the caller, checked whatever the date */
    const struct pk_pack *chosen;
};

#endif
