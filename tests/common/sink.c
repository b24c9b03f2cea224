/* An output for the library's writers that keeps what it gets (sink.h). */
#include "sink.h"

int tc_sink_write(void *userdata, const char *data, size_t len)
{
    tc_sink *k = userdata;

    k->calls++;
    if (k->fail_at != 0 && k->calls >= k->fail_at)
        return -1;
    return pk_sb_append(&k->text, data, len);
}
