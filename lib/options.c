/* Versioned options structs: older versions read, the rest defaulted. */
#include "options.h"

#include <string.h>

#include "internal.h"

int pk_options_read(void *dst, size_t dst_size, const void *src,
                    const size_t *sizes, unsigned nversions,
                    const char *name, pk_error *err)
{
    unsigned version;

    if (src == NULL)
        return PK_OK;
    memcpy(&version, src, sizeof version);
    if (version == 0) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0,
                     "%s version 0: the struct was not initialised; start "
                     "from its _INIT macro", name);
        return PK_EINVAL;
    }
    if (version > nversions) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0,
                     "%s version %u is newer than this library (parkcheck "
                     "%s) reads, which is up to %u: the program was built "
                     "against a newer parkcheck.h than the library it runs "
                     "with", name, version, pk_version(), nversions);
        return PK_EINVAL;
    }
    if (sizes[version - 1] > dst_size) {
        pk_error_set(err, PK_EINVAL, NULL, 0, 0,
                     "%s version %u: size table larger than the struct",
                     name, version);
        return PK_EINVAL;
    }
    memcpy(dst, src, sizes[version - 1]);
    return PK_OK;
}
