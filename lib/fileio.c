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

/* PK_OK for a regular file; otherwise says why not into err. */
static int refuse_unless_regular(const struct stat *st, const char *path,
                                 pk_error *err)
{
    if (S_ISREG(st->st_mode))
        return PK_OK;
    pk_error_say(err, PK_EIO,
                 S_ISDIR(st->st_mode) ? PK_MSG_FILE_IS_DIRECTORY
                                      : PK_MSG_FILE_NOT_REGULAR,
                 path, 0, 0, PK_NO_OFFSET, PK_NOARGS);
    return PK_EIO;
}

/* Reads a whole file, refusing one over the limit before reading it, into
 * a buffer of its size (one allocation, and a last read that finds the
 * end).
 *
 * Only a regular file is read. A FIFO, a socket or a device is refused
 * before it is opened, so that nothing waits on it for ever (a FIFO with
 * no writer) or is started by opening it (a tape, a terminal); and, should
 * the path become one between the look and the open, the open does not
 * wait (O_NONBLOCK) and what was opened is refused too. */
int pk_read_file(const char *path, size_t limit, char **data, size_t *len,
                 pk_error *err)
{
    struct stat st;
    char *buf = NULL;
    size_t n = 0, cap;
    int fd, flags, rc = PK_OK;

    *data = NULL;
    *len = 0;
    /* A path that cannot be looked at is left to open() to explain. */
    if (stat(path, &st) == 0 &&
        (rc = refuse_unless_regular(&st, path, err)) != PK_OK)
        return rc;
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        /* The common reasons in the reader's language; the system's
         * words (English) for the rest. */
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            pk_error_say(err, PK_EIO, PK_MSG_FILE_NOT_FOUND, path, 0, 0,
                         PK_NO_OFFSET, PK_NOARGS);
        else if (e == EACCES || e == EPERM)
            pk_error_say(err, PK_EIO, PK_MSG_FILE_NO_PERMISSION, path, 0, 0,
                         PK_NO_OFFSET, PK_NOARGS);
        else if (e == ELOOP)
            pk_error_say(err, PK_EIO, PK_MSG_FILE_LINK_LOOP, path, 0, 0,
                         PK_NO_OFFSET, PK_NOARGS);
        else
            pk_error_say(err, PK_EIO, PK_MSG_FILE_OPEN, path, 0, 0,
                         PK_NO_OFFSET, PK_ARGS(strerror(e)));
        return PK_EIO;
    }
    if (fstat(fd, &st) != 0) {
        rc = PK_EIO;
        pk_error_say(err, rc, PK_MSG_FILE_READ, path, 0, 0, PK_NO_OFFSET,
                     PK_ARGS(strerror(errno)));
        goto out;
    }
    if ((rc = refuse_unless_regular(&st, path, err)) != PK_OK)
        goto out;
    /* Reads of a regular file block as they always do. */
    flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    if ((uintmax_t)st.st_size > (uintmax_t)limit) {
        rc = PK_ETOOBIG;
        char size[24], max[24];
        snprintf(size, sizeof size, "%jd", (intmax_t)st.st_size);
        snprintf(max, sizeof max, "%zu", limit);
        pk_error_say(err, rc, PK_MSG_FILE_OVER_LIMIT, path, 0, 0, PK_NO_OFFSET,
                     PK_ARGS(size, max));
        goto out;
    }
    /* One byte more than the size, so that the read that fills it finds a
     * file that grew since. */
    cap = (size_t)st.st_size + 1;
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
