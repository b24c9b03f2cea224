/*
 * sink.h - an output for the library's writers that keeps what it gets,
 * for the unit tests (it is a pk_strbuf of the library's internals).
 */
#ifndef TC_SINK_H
#define TC_SINK_H

#include "strbuf.h"

/* Keeps every byte written in text; counts the calls, and fails from
 * call number fail_at on (0: never). Start from TC_SINK_INIT, release
 * with pk_sb_free(&sink.text). */
typedef struct tc_sink {
    pk_strbuf text;
    unsigned calls, fail_at;
} tc_sink;

#define TC_SINK_INIT                                                           \
    {                                                                          \
        PK_STRBUF_INIT, 0, 0                                                   \
    }

/* A pk_write_fn; userdata is a tc_sink *. */
int tc_sink_write(void *userdata, const char *data, size_t len);

#endif /* TC_SINK_H */
