#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdio.h>

#include "messages.h"
#include "problems.h"

/* Reads a whole file, refusing one over the limit before reading it. A
 * regular file is read into a buffer of its size (one allocation, and a
 * last read that finds the end); anything else (a pipe, a device) into a
 * buffer that grows. */
int pk_read_file(const char *path, size_t limit, char **data, size_t *len,
                 pk_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    char *buf = NULL;
    size_t n = 0, cap = 65536;
    int rc = PK_OK;

    *data = NULL;
    *len = 0;
    if (fd < 0) {
        pk_error_say(err, PK_EIO, PK_MSG_FILE_OPEN, path, 0, 0, PK_NO_OFFSET,
                     PK_ARGS(strerror(errno)));
        return PK_EIO;
    }
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            rc = PK_EIO;
            pk_error_say(err, rc, PK_MSG_FILE_IS_DIRECTORY, path, 0, 0,
                         PK_NO_OFFSET, PK_NOARGS);
            goto out;
        }
        if (S_ISREG(st.st_mode)) {
            if ((uintmax_t)st.st_size > (uintmax_t)limit) {
                rc = PK_ETOOBIG;
                char size[24], max[24];
                snprintf(size, sizeof size, "%jd", (intmax_t)st.st_size);
                snprintf(max, sizeof max, "%zu", limit);
                pk_error_say(err, rc, PK_MSG_FILE_OVER_LIMIT, path, 0, 0,
                             PK_NO_OFFSET, PK_ARGS(size, max));
                goto out;
            }
            /* One byte more than the size, so that the read that fills
             * it finds a file that grew since. */
            cap = (size_t)st.st_size + 1;
        }
    }
    buf = malloc(cap + 1);
    if (buf == NULL)
        goto nomem;
    for (;;) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            rc = PK_EIO;
            pk_error_say(err, rc, PK_MSG_FILE_READ, path, 0, 0, PK_NO_OFFSET,
                         PK_ARGS(strerror(errno)));
            goto out;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > limit) {
            rc = PK_ETOOBIG;
            char max[24];
            snprintf(max, sizeof max, "%zu", limit);
            pk_error_say(err, rc, PK_MSG_FILE_GREW_OVER_LIMIT, path, 0, 0,
                         PK_NO_OFFSET, PK_ARGS(max));
            goto out;
        }
        if (n == cap) {
            char *nb;
            size_t ncap = cap < 65536 ? 65536 : cap * 2;
            nb = realloc(buf, ncap + 1);
            if (nb == NULL)
                goto nomem;
            buf = nb;
            cap = ncap;
        }
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    buf = NULL;
    goto out;
nomem:
    rc = PK_ENOMEM;
    pk_error_say(err, rc, PK_MSG_NOMEM, path, 0, 0, PK_NO_OFFSET, PK_NOARGS);
out:
    free(buf);
    close(fd);
    return rc;
}
