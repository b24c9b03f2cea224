/*
 * inputs.c - expanding PATH arguments: files, directories, standard input.
 *
 * Only POSIX calls (stat, lstat, opendir, readdir), so the command builds
 * wherever the library does; where readdir says what an entry is (d_type,
 * Linux and the BSDs), that saves an lstat per entry. Nothing here reads a
 * dossier file: that is the library's job, and it reports every way a file can
 * be unreadable. This file only decides which paths are dossiers, and notes why
 * when a path cannot even be examined.
 *
 * The walk is lazy: a directory is listed when the batch reaches it, its
 * entries sorted, and each subdirectory listed in turn when its place in
 * that order comes. Sorting the entries of each directory with a
 * subdirectory's name taken as "name/" gives exactly the order of sorting
 * every path under the argument with strcmp (a path below "name" starts
 * with "name/"), so the order is that of a whole sorted list while memory
 * holds only the names of the directories on the current path.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1 /* d_type and DT_*, where there are */

#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <strings.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static void say_oom(void)
{
    fputs("parkcheck: out of memory\n", stderr);
}

typedef struct entry {
    size_t name;     /* offset in the frame's pool */
    const char *str; /* the same, once the pool is complete */
    int kind;        /* ENTRY_* */
    int errnum;      /* ENTRY_BAD: why it cannot be examined */
} entry;

/* ENTRY_MACOS: what macOS leaves beside files it copies or zips (an
 * AppleDouble "._name" file of metadata, a "__MACOSX" directory of them):
 * never a dossier, so skipped with a note rather than reported invalid. */
enum { ENTRY_FILE, ENTRY_DIR, ENTRY_BAD, ENTRY_MACOS };

/* One directory being walked: the entries that matter, sorted. */
typedef struct frame {
    char *dir;
    char *pool; /* the names, each NUL-terminated, one after another */
    entry *items;
    size_t count, next;
} frame;

struct cli_inputs {
    char *const *paths;
    size_t npaths, arg; /* the next PATH argument */
    size_t stdin_limit;
    int counting; /* for cli_inputs_count(): read nothing */
    frame *stack; /* directories being walked, outermost first */
    size_t depth, cap;
    const char *top; /* the directory argument being walked */
    size_t given;    /* inputs given from it so far */
    char *note;      /* what goes with the next input */
    size_t note_len;
    int vi; /* notes in Vietnamese */
};

/* Adds "parkcheck: PATH: what\n" to the notes. 0 or -1 (out of memory). */
static int note(cli_inputs *it, const char *path, const char *what)
{
    size_t n;
    char *p;

    if (it->counting)
        return 0;
    n = strlen("parkcheck: ") + strlen(path) + 2 + strlen(what) + 1;
    p = realloc(it->note, it->note_len + n + 1);
    if (p == NULL)
        return -1;
    it->note = p;
    snprintf(p + it->note_len, n + 1, "parkcheck: %s: %s\n", path, what);
    it->note_len += n;
    return 0;
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

/* "hoso.xml", "HOSO.XML" and "Hoso.Xml" alike: files come from Windows
 * and cameras as often as from editors. */
static int has_xml_suffix(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && strcasecmp(name + n - 4, ".xml") == 0;
}

static int is_macos_metadata(const char *name, int is_dir)
{
    return is_dir ? strcmp(name, "__MACOSX") == 0 : strncmp(name, "._", 2) == 0;
}

/* Hands in the input for path (owned, also on failure). 1, or -1. */
static int give(cli_inputs *it, cli_input *in, char *path, int failed)
{
    if (path == NULL)
        return -1;
    memset(in, 0, sizeof *in);
    in->path = path;
    in->failed = failed;
    in->note = it->note;
    it->note = NULL;
    it->note_len = 0;
    it->given++;
    return 1;
}

/* Reported, and still given so that the report shows it invalid. */
static int give_unreadable(cli_inputs *it, cli_input *in, const char *path,
                           int errnum)
{
    if (note(it, path, strerror(errnum)) != 0)
        return -1;
    return give(it, in, strdup(path), 1);
}

/* The sort of a frame's entries: a directory as its name and a '/'. */
static int compare_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    const unsigned char *p = (const unsigned char *)x->str;
    const unsigned char *q = (const unsigned char *)y->str;

    for (;; p++, q++) {
        unsigned c = *p != 0 ? *p : x->kind == ENTRY_DIR ? '/' : 0;
        unsigned d = *q != 0 ? *q : y->kind == ENTRY_DIR ? '/' : 0;
        if (c != d)
            return c < d ? -1 : 1;
        if (c == 0 || c == '/')
            /* Equal up to here and both ended (or both directories whose
             * names are equal): the same name, which a directory never
             * holds twice. */
            return 0;
    }
}

static void frame_free(frame *f)
{
    free(f->dir);
    free(f->pool);
    free(f->items);
}

/* What one directory entry is, as the walk needs it. Returns 0 to keep it
 * (kind and errnum set), 1 to leave it out. */
static int classify(const char *dir, const struct dirent *e, int *kind,
                    int *errnum, int *oom)
{
    const char *name = e->d_name;
    struct stat st;
    char *child;
    int rc = 1;

    *oom = 0;
#ifdef DT_REG
    /* What readdir says of a file or a directory is what lstat would. */
    if (e->d_type == DT_DIR) {
        *kind = is_macos_metadata(name, 1) ? ENTRY_MACOS : ENTRY_DIR;
        return 0;
    }
    if (e->d_type == DT_REG) {
        if (!has_xml_suffix(name))
            return 1;
        *kind = is_macos_metadata(name, 0) ? ENTRY_MACOS : ENTRY_FILE;
        return 0;
    }
#endif
    child = join_path(dir, name);
    if (child == NULL) {
        *oom = 1;
        return 1;
    }
    if (lstat(child, &st) != 0) {
        /* Gone since readdir, or unreadable: only a dossier is worth a
         * word. */
        if (has_xml_suffix(name)) {
            *kind = ENTRY_BAD;
            *errnum = errno;
            rc = 0;
        }
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        *kind = is_macos_metadata(name, 1) ? ENTRY_MACOS : ENTRY_DIR;
        rc = 0;
        goto out;
    }
    if (!has_xml_suffix(name))
        goto out;
    if (is_macos_metadata(name, 0)) {
        *kind = ENTRY_MACOS;
        rc = 0;
        goto out;
    }
    if (S_ISLNK(st.st_mode)) {
        /* A link to a file is a dossier; a link to a directory is not
         * followed, which is what rules out loops. */
        if (stat(child, &st) != 0) {
            *kind = ENTRY_BAD;
            *errnum = errno;
            rc = 0;
            goto out;
        }
    }
    /* A FIFO, socket or device named *.xml is given too, never dropped
     * without a word: the library refuses it without opening it, so it
     * cannot block the batch, and says why in its report. */
    if (!S_ISDIR(st.st_mode)) {
        *kind = ENTRY_FILE;
        rc = 0;
    }
out:
    free(child);
    return rc;
}

/* Lists dir into a new innermost frame. The directory is read whole and
 * closed before anything below it is opened, so a deep tree does not hold
 * one descriptor per level. 0; 1 when it cannot be read (*errnum says
 * why; no frame); -1 when memory runs out. */
static int push_frame(cli_inputs *it, const char *dir, int *errnum)
{
    DIR *d;
    struct dirent *e;
    frame f;
    size_t pool_len = 0, pool_cap = 0, cap = 0;
    int read_errno = 0;

    memset(&f, 0, sizeof f);
    d = opendir(dir);
    if (d == NULL) {
        *errnum = errno;
        return 1;
    }
    f.dir = strdup(dir);
    if (f.dir == NULL)
        goto oom;
    for (;;) {
        size_t n;
        int kind = ENTRY_FILE, err = 0, oom;

        errno = 0;
        e = readdir(d);
        if (e == NULL) {
            read_errno = errno;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (classify(dir, e, &kind, &err, &oom) != 0) {
            if (oom)
                goto oom;
            continue;
        }
        n = strlen(e->d_name) + 1;
        if (pool_len + n > pool_cap) {
            size_t ncap = pool_cap ? pool_cap * 2 : 1024;
            char *np;
            while (ncap < pool_len + n)
                ncap *= 2;
            np = realloc(f.pool, ncap);
            if (np == NULL)
                goto oom;
            f.pool = np;
            pool_cap = ncap;
        }
        if (f.count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            entry *ni;
            if (ncap > SIZE_MAX / sizeof *ni)
                goto oom;
            ni = realloc(f.items, ncap * sizeof *ni);
            if (ni == NULL)
                goto oom;
            f.items = ni;
            cap = ncap;
        }
        memcpy(f.pool + pool_len, e->d_name, n);
        f.items[f.count].name = pool_len;
        f.items[f.count].kind = kind;
        f.items[f.count].errnum = err;
        f.count++;
        pool_len += n;
    }
    closedir(d);
    d = NULL;
    for (size_t i = 0; i < f.count; i++)
        f.items[i].str = f.pool + f.items[i].name;
    if (f.count > 1)
        qsort(f.items, f.count, sizeof *f.items, compare_entries);
    if (it->depth == it->cap) {
        size_t ncap = it->cap ? it->cap * 2 : 8;
        frame *ns = realloc(it->stack, ncap * sizeof *ns);
        if (ns == NULL)
            goto oom;
        it->stack = ns;
        it->cap = ncap;
    }
    it->stack[it->depth++] = f;
    /* An error partway through the listing: said, with what was read. */
    if (read_errno != 0 && note(it, dir, strerror(read_errno)) != 0)
        return -1;
    return 0;
oom:
    if (d != NULL)
        closedir(d);
    frame_free(&f);
    return -1;
}

/* The next input from the directories being walked: 1, 0 when the walk is
 * over, -1 out of memory. */
static int next_in_walk(cli_inputs *it, cli_input *in)
{
    while (it->depth > 0) {
        frame *f = &it->stack[it->depth - 1];
        const entry *e;
        char *child;
        int errnum, rc;

        if (f->next == f->count) {
            frame_free(f);
            it->depth--;
            continue;
        }
        e = &f->items[f->next++];
        child = join_path(f->dir, e->str);
        if (child == NULL)
            return -1;
        switch (e->kind) {
        case ENTRY_FILE:
            return give(it, in, child, 0);
        case ENTRY_BAD:
            rc = give_unreadable(it, in, child, e->errnum);
            free(child);
            return rc;
        case ENTRY_MACOS:
            rc = note(it, child,
                      it->vi ? "bỏ qua: tệp siêu dữ liệu của macOS, không "
                               "phải hồ sơ"
                             : "skipped: macOS metadata, not a dossier");
            free(child);
            if (rc != 0)
                return -1;
            break;
        default:
            rc = push_frame(it, child, &errnum);
            if (rc == 1) {
                rc = give_unreadable(it, in, child, errnum);
                free(child);
                return rc;
            }
            free(child);
            if (rc != 0)
                return -1;
            break;
        }
    }
    return 0;
}

/* Reads standard input into memory, never more than limit + 1 bytes: the
 * extra byte is how a too-large input is told apart without reading on. */
static int read_stdin(cli_inputs *it, cli_input *in)
{
    size_t limit = it->stdin_limit;
    size_t max = limit < SIZE_MAX ? limit + 1 : limit;
    size_t cap = max < 65536 ? max : 65536, len = 0;
    char *buf = malloc(cap);
    int failed = 0;

    if (buf == NULL)
        return -1;
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
            if (nb == NULL) {
                free(buf);
                return -1;
            }
            buf = nb;
            cap = ncap;
        }
        want = cap - len;
        got = fread(buf + len, 1, want, stdin);
        len += got;
        if (got < want) {
            if (ferror(stdin)) {
                if (note(it, CLI_STDIN_NAME, strerror(errno)) != 0) {
                    free(buf);
                    return -1;
                }
                failed = 1;
            }
            break;
        }
    }
    if (len > limit) {
        char what[96];
        snprintf(what, sizeof what,
                 "larger than the limit of %zu bytes (see --max-size)", limit);
        if (note(it, CLI_STDIN_NAME, what) != 0) {
            free(buf);
            return -1;
        }
        failed = 1;
    }
    if (give(it, in, strdup(CLI_STDIN_NAME), failed) < 0) {
        free(buf);
        return -1;
    }
    in->is_stdin = 1;
    in->data = buf;
    in->len = len;
    return 1;
}

static int next_input(cli_inputs *it, cli_input *in)
{
    for (;;) {
        const char *p;
        struct stat st;
        int rc, errnum;

        rc = next_in_walk(it, in);
        if (rc != 0)
            return rc;
        if (it->top != NULL) {
            /* The directory argument is done. */
            if (it->given == 0 && note(it, it->top,
                                       it->vi ? "thư mục không có tệp .xml nào"
                                              : "no .xml files in it") != 0)
                return -1;
            it->top = NULL;
        }
        if (it->arg == it->npaths)
            return 0;
        p = it->paths[it->arg++];
        it->given = 0;
        if (strcmp(p, "-") == 0) {
            if (it->counting)
                return give(it, in, strdup(CLI_STDIN_NAME), 0);
            return read_stdin(it, in);
        }
        if (stat(p, &st) != 0)
            return give_unreadable(it, in, p, errno);
        if (!S_ISDIR(st.st_mode))
            return give(it, in, strdup(p), 0);
        /* A directory named on the command line is followed even through
         * a link: the user asked for it. */
        rc = push_frame(it, p, &errnum);
        if (rc == 1)
            return give_unreadable(it, in, p, errnum);
        if (rc != 0)
            return -1;
        it->top = p;
    }
}

int cli_inputs_open(cli_inputs **out, char *const *paths, size_t n,
                    size_t stdin_limit, int vi)
{
    cli_inputs *it = calloc(1, sizeof *it);

    *out = it;
    if (it == NULL) {
        say_oom();
        return -1;
    }
    it->paths = paths;
    it->npaths = n;
    it->stdin_limit = stdin_limit;
    it->vi = vi;
    return 0;
}

int cli_inputs_next(cli_inputs *it, cli_input *in)
{
    int rc = next_input(it, in);

    if (rc < 0)
        say_oom();
    return rc;
}

char *cli_inputs_take_note(cli_inputs *it)
{
    char *n = it->note;

    it->note = NULL;
    it->note_len = 0;
    return n;
}

void cli_inputs_close(cli_inputs *it)
{
    if (it == NULL)
        return;
    while (it->depth > 0)
        frame_free(&it->stack[--it->depth]);
    free(it->stack);
    free(it->note);
    free(it);
}

void cli_input_clear(cli_input *in)
{
    free(in->path);
    free(in->data);
    free(in->note);
    memset(in, 0, sizeof *in);
}

int cli_inputs_each_path(char *const *paths, size_t n,
                         int (*fn)(void *userdata, const char *path),
                         void *userdata)
{
    cli_inputs *it = calloc(1, sizeof *it);
    cli_input in;
    int rc;

    if (it == NULL)
        return -1;
    it->paths = paths;
    it->npaths = n;
    it->counting = 1;
    while ((rc = next_input(it, &in)) > 0) {
        rc = fn(userdata, in.path);
        cli_input_clear(&in);
        if (rc != 0)
            break;
    }
    cli_inputs_close(it);
    return rc == 0 ? 0 : -1;
}

static int count_one(void *userdata, const char *path)
{
    (void)path;
    ++*(size_t *)userdata;
    return 0;
}

size_t cli_inputs_count(char *const *paths, size_t n)
{
    size_t count = 0;

    if (cli_inputs_each_path(paths, n, count_one, &count) != 0)
        return 0;
    return count;
}
