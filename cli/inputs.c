/*
 * inputs.c - expanding PATH arguments: files, directories, standard input.
 *
 * Only POSIX calls (stat, lstat, opendir, readdir), so the command builds
 * wherever the library does. Nothing here reads a dossier file: that is the
 * library's job, and it reports every way a file can be unreadable. This
 * file only decides which paths are dossiers, and says so on stderr when a
 * path cannot even be examined.
 */
#define _POSIX_C_SOURCE 200809L

#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static void say_errno(const char *path, int errnum)
{
    fprintf(stderr, "parkcheck: %s: %s\n", path, strerror(errnum));
}

static void say_oom(void)
{
    fputs("parkcheck: out of memory\n", stderr);
}

/* Takes ownership of path, also on failure, so callers need no cleanup. */
static int list_push(cli_input_list *list, char *path, int failed)
{
    cli_input *item;

    if (path == NULL)
        goto oom;
    if (list->count == list->cap) {
        size_t cap = list->cap != 0 ? list->cap * 2 : 16;
        cli_input *items;

        if (cap < list->cap || cap > SIZE_MAX / sizeof *items)
            goto oom;
        items = realloc(list->items, cap * sizeof *items);
        if (items == NULL)
            goto oom;
        list->items = items;
        list->cap = cap;
    }
    item = &list->items[list->count++];
    memset(item, 0, sizeof *item);
    item->path = path;
    item->failed = failed;
    return 0;
oom:
    free(path);
    say_oom();
    return -1;
}

/* Reported, and still listed so that the report shows it invalid. */
static int push_unreadable(cli_input_list *list, const char *path, int errnum)
{
    say_errno(path, errnum);
    return list_push(list, strdup(path), 1);
}

static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + (size_t)slash + nl + 1);

    if (p == NULL)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + (size_t)slash, name, nl + 1);
    return p;
}

static int has_xml_suffix(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static int compare_paths(const void *a, const void *b)
{
    const cli_input *x = a, *y = b;

    return strcmp(x->path, y->path);
}

static int walk(cli_input_list *list, const char *dir);

/* One directory entry; child is owned and freed here. */
static int visit(cli_input_list *list, char *child, const char *name)
{
    struct stat st;
    int rc = 0;

    if (lstat(child, &st) != 0) {
        /* Gone since readdir, or unreadable: only a dossier is worth a
         * word. */
        if (has_xml_suffix(name))
            rc = push_unreadable(list, child, errno);
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = walk(list, child);
        goto out;
    }
    if (!has_xml_suffix(name))
        goto out;
    if (S_ISLNK(st.st_mode)) {
        /* A link to a file is a dossier; a link to a directory is not
         * followed, which is what rules out loops. */
        if (stat(child, &st) != 0) {
            rc = push_unreadable(list, child, errno);
            goto out;
        }
    }
    /* FIFOs, sockets and devices are left alone: reading one could block
     * the whole batch. */
    if (S_ISREG(st.st_mode)) {
        rc = list_push(list, child, 0);
        child = NULL;
    }
out:
    free(child);
    return rc;
}

/* Appends the *.xml files under dir, unsorted. The names are read first
 * and the directory closed before descending, so that a deep tree does not
 * hold one descriptor per level. */
static int walk(cli_input_list *list, const char *dir)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0, i;
    int rc = -1;

    d = opendir(dir);
    if (d == NULL)
        return push_unreadable(list, dir, errno);
    for (;;) {
        errno = 0;
        e = readdir(d);
        if (e == NULL) {
            if (errno != 0 && push_unreadable(list, dir, errno) != 0)
                goto out;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (count == cap) {
            size_t ncap = cap != 0 ? cap * 2 : 32;
            char **n;

            if (ncap < cap || ncap > SIZE_MAX / sizeof *names)
                goto oom;
            n = realloc(names, ncap * sizeof *names);
            if (n == NULL)
                goto oom;
            names = n;
            cap = ncap;
        }
        names[count] = strdup(e->d_name);
        if (names[count] == NULL)
            goto oom;
        count++;
    }
    closedir(d);
    d = NULL;
    for (i = 0; i < count; i++) {
        char *child = join_path(dir, names[i]);

        if (child == NULL)
            goto oom;
        if (visit(list, child, names[i]) != 0)
            goto out;
    }
    rc = 0;
    goto out;
oom:
    say_oom();
out:
    if (d != NULL)
        closedir(d);
    for (i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Reads standard input into memory, never more than limit + 1 bytes: the
 * extra byte is how a too-large input is told apart without reading on. */
static int read_stdin(cli_input_list *list, size_t limit)
{
    size_t max = limit < SIZE_MAX ? limit + 1 : limit;
    size_t cap = max < 65536 ? max : 65536, len = 0;
    char *buf = malloc(cap), *path = NULL;
    int failed = 0, rc = -1;
    cli_input *item;

    if (buf == NULL)
        goto oom;
    for (;;) {
        size_t want, got;

        if (len == cap) {
            size_t ncap = cap * 2;
            char *nb;

            if (cap >= max)
                break;
            if (ncap > max || ncap < cap)
                ncap = max;
            nb = realloc(buf, ncap);
            if (nb == NULL)
                goto oom;
            buf = nb;
            cap = ncap;
        }
        want = cap - len;
        got = fread(buf + len, 1, want, stdin);
        len += got;
        if (got < want) {
            if (ferror(stdin)) {
                say_errno(CLI_STDIN_NAME, errno);
                failed = 1;
            }
            break;
        }
    }
    if (len > limit) {
        fprintf(stderr,
                "parkcheck: %s: larger than the limit of %zu bytes "
                "(see --max-size)\n",
                CLI_STDIN_NAME, limit);
        failed = 1;
    }
    path = strdup(CLI_STDIN_NAME);
    if (list_push(list, path, failed) != 0)
        goto out; /* list_push said it and freed path */
    item = &list->items[list->count - 1];
    item->is_stdin = 1;
    item->data = buf;
    item->len = len;
    buf = NULL;
    rc = 0;
    goto out;
oom:
    say_oom();
out:
    free(buf);
    return rc;
}

int cli_inputs_expand(cli_input_list *list, char *const *paths, size_t n,
                      size_t stdin_limit)
{
    size_t i;
    int rc = -1;

    for (i = 0; i < n; i++) {
        const char *p = paths[i];
        struct stat st;

        if (strcmp(p, "-") == 0) {
            if (read_stdin(list, stdin_limit) != 0)
                goto out;
        } else if (stat(p, &st) != 0) {
            if (push_unreadable(list, p, errno) != 0)
                goto out;
        } else if (S_ISDIR(st.st_mode)) {
            /* A directory named on the command line is followed even
             * through a link: the user asked for it. */
            size_t start = list->count;

            if (walk(list, p) != 0)
                goto out;
            if (list->count == start)
                fprintf(stderr, "parkcheck: %s: no *.xml files in it\n", p);
            else
                qsort(list->items + start, list->count - start,
                      sizeof *list->items, compare_paths);
        } else if (list_push(list, strdup(p), 0) != 0) {
            goto out;
        }
    }
    rc = 0;
out:
    return rc;
}

void cli_inputs_free(cli_input_list *list)
{
    size_t i;

    for (i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].data);
    }
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}
