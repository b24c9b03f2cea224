/* Versioned options structs: older versions read, the rest defaulted. */
#include "options.h"

#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "messages.h"

int pk_options_read(void *dst, size_t dst_size, const void *src,
                    const size_t *sizes, unsigned nversions, const char *name,
                    pk_error *err)
{
    unsigned version;

    if (src == NULL)
        return PK_OK;
    memcpy(&version, src, sizeof version);
    if (version == 0) {
        pk_error_say(err, PK_EINVAL, PK_MSG_OPTIONS_UNSET, NULL, 0, 0,
                     PK_NO_OFFSET, PK_ARGS(name));
        return PK_EINVAL;
    }
    if (version > nversions) {
        char got[16], most[16];

        snprintf(got, sizeof got, "%u", version);
        snprintf(most, sizeof most, "%u", nversions);
        pk_error_say(err, PK_EINVAL, PK_MSG_OPTIONS_TOO_NEW, NULL, 0, 0,
                     PK_NO_OFFSET, PK_ARGS(name, got, pk_version(), most));
        return PK_EINVAL;
    }
    if (sizes[version - 1] > dst_size) {
        char got[16];

        snprintf(got, sizeof got, "%u", version);
        pk_error_say(err, PK_EINVAL, PK_MSG_OPTIONS_SIZES, NULL, 0, 0,
                     PK_NO_OFFSET, PK_ARGS(name, got));
        return PK_EINVAL;
    }
    memcpy(dst, src, sizes[version - 1]);
    return PK_OK;
}
