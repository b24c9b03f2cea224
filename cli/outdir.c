/*
 * outdir.c - a report per dossier in a directory, and the summary linking
 * to them.
 *
 * A dossier's files are named after its input file: the last part of the
 * path, without ".xml", made safe for any file system and any browser:
 *
 * - no path: the name is one component, so nothing is written outside
 *   DIR ("../x.xml" gives "x"; a name that would start with a dot starts
 *   with "_" instead, so there is no ".." and nothing hidden);
 * - letters, digits (Vietnamese ones too, as valid UTF-8) and ". _ -"
 *   stay; every other byte (separators, controls, quotes, "%", the
 *   characters Windows refuses, bytes that are not UTF-8) becomes "_";
 * - at most STEM_MAX bytes, cut between characters;
 * - a Windows device name (CON, NUL, COM1...) gets a leading "_";
 * - names that are the same but for the case of their letters are the
 *   same name (macOS and Windows would make them one file, and reports
 *   made here are copied there). Case is folded for every letter Unicode
 *   gives a case (Đ/đ, Ư/ư, Ầ/ầ as well as A/a), by glibc's mappings in
 *   the C.UTF-8 locale, which the user's locale does not change; should
 *   that locale be missing, ASCII only. Names that differ only in Unicode
 *   normalisation (é as one character or as e and a combining accent, as
 *   macOS writes names) are not seen as the same: that needs Unicode's
 *   composition data, which none of the libraries parkcheck uses offers.
 *
 * A report must never carry the name of another input: a reviewer mails
 * each province the file named after its own. So every name is chosen
 * knowing every input's (cli_outdir_open walks the PATHs once for them,
 * before anything is written):
 *
 * - an input's own name is its own when no other input has it; when
 *   several do (the same name in two directories, names equal but for
 *   case, or equal once cut), the first in input order keeps it, but an
 *   input whose name was not cut comes before those whose names were
 *   (x...x.xml keeps "x...x" from x...x-2.xml, cut to the same 80 bytes);
 * - the others get "-2", "-3" and so on after it, skipping every name that
 *   another input has of its own, cut or not (a/hoso.xml, b/hoso.xml and
 *   c/hoso-2.xml are hoso, hoso-3 and hoso-2);
 * - "summary" is the summary's.
 *
 * The names do not depend on the verdicts, so --only does not change
 * them. Should the PATHs change while the batch runs, a dossier that came
 * since gets its own name if it is free, or a suffix; nothing is ever
 * written over, whatever happens (below).
 *
 * Each file is created in DIR with O_EXCL and O_NOFOLLOW through the
 * directory's descriptor: never over an existing file or through a link.
 */
#define _POSIX_C_SOURCE 200809L

#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>

#include "options.h"

#define STEM_MAX 80
/* More than any name with a suffix can have: STEM_MAX, "-" and the
 * digits of an unsigned long. */
#define FULL_MAX (STEM_MAX + 24)

/* A name, case folded, and what the inputs make of it. */
typedef struct known {
    char *folded;    /* NULL: a free slot of the table */
    char *owner;     /* the path of the input whose name it is, or NULL */
    int owner_cut;   /* the owner's name was cut to STEM_MAX */
    int reserved;    /* the summary's: no input's */
    int taken;       /* in use by a dossier's files (or the summary) */
    size_t derivers; /* inputs whose own name it is, cut or not */
} known;

struct cli_outdir {
    int dirfd;
    const char *dir;   /* borrowed from argv */
    int made_dir;      /* DIR was made by this run */
    dev_t summary_dev; /* the summary's file, as made */
    ino_t summary_ino;
    const pk_engine *engine;
    pk_format formats[CLI_FORMATS_MAX];
    size_t format_count;
    pk_lang lang;
    pk_writer *summary; /* borrowed: the batch's writer */
    locale_t ctype;     /* C.UTF-8's case mappings, or (locale_t)0 */
    known *names;       /* a hash table of every name, by its folded form */
    size_t names_count, names_cap;
    size_t written, failed; /* dossiers with all, and not all, files */
};

static const char *extension(pk_format f)
{
    switch (f) {
    case PK_FORMAT_TEXT:
        return ".txt";
    case PK_FORMAT_JSON:
        return ".json";
    case PK_FORMAT_HTML:
        return ".html";
    case PK_FORMAT_CSV:
        return ".csv";
    case PK_FORMAT_JUNIT:
        return ".junit.xml";
    case PK_FORMAT_NDJSON:
        return ".ndjson";
    case PK_FORMAT_SUMMARY:
        return ".summary.html";
    case PK_FORMAT_XLSX:
        return ".xlsx";
    }
    return ".out";
}

/* The length of the valid UTF-8 sequence of a letter-like character at s
 * (beyond ASCII, not a C1 control, not a bidirectional control or other
 * invisible format character), or 0. */
static size_t utf8_char(const unsigned char *s, size_t left)
{
    unsigned long cp;
    size_t n, i;

    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, cp = s[0] & 0x1F;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, cp = s[0] & 0x0F;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    if (left < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp <= 0x9F ||
        (cp >= 0x2000 && cp <= 0x206F) /* spaces, bidi, invisible */
        || cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF))
        return 0;
    return n;
}

static int device_name(const char *s)
{
    static const char *const names[] = {"con", "prn", "aux", "nul"};
    size_t n = strcspn(s, "."), i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (n == 3 && strncasecmp(s, names[i], 3) == 0)
            return 1;
    return n == 4 &&
           (strncasecmp(s, "com", 3) == 0 || strncasecmp(s, "lpt", 3) == 0) &&
           s[3] >= '1' && s[3] <= '9';
}

/* The safe stem of path (see the top of the file), at most max bytes,
 * malloc'd; *cut says whether it was cut to max. */
static char *stem_of(const char *path, size_t max, int *cut)
{
    const char *base = path, *p;
    size_t len, i, o = 0, n;
    char *out;

    for (p = path; *p != '\0'; p++)
        if (*p == '/')
            base = p + 1;
    len = strlen(base);
    if (len > 4 && strcasecmp(base + len - 4, ".xml") == 0)
        len -= 4;
    out = malloc(max + 2);
    if (out == NULL)
        return NULL;
    if (device_name(base))
        out[o++] = '_';
    for (i = 0; i < len && o < max;) {
        unsigned char c = (unsigned char)base[i];

        if (c < 0x80) {
            int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                       (c == '.' && o > 0);
            out[o++] = keep ? (char)c : '_';
            i++;
            continue;
        }
        n = utf8_char((const unsigned char *)base + i, len - i);
        if (n == 0) {
            out[o++] = '_';
            i++;
        } else if (o + n <= max) {
            memcpy(out + o, base + i, n);
            o += n;
            i += n;
        } else {
            break;
        }
    }
    *cut = i < len;
    if (o == 0) {
        strcpy(out, "dossier");
        return out;
    }
    out[o] = '\0';
    return out;
}

/* Appends code point cp as UTF-8 at out; returns the bytes written. */
static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* name with the case of its letters folded, malloc'd: each character
 * lowered after being raised, so that letters a file system may match by
 * either mapping are one (U+0131, dotless i, raises to I as i does;
 * U+212A, the Kelvin sign, lowers to k). A stem is valid UTF-8
 * (stem_of()); a byte that starts no character is copied as it is. */
static char *fold_case(const cli_outdir *od, const char *name)
{
    const unsigned char *s = (const unsigned char *)name;
    /* A character of n bytes folds to at most 4, and n >= 1. */
    char *out = malloc(strlen(name) * 4 + 1);
    size_t o = 0, n, i;
    unsigned long cp;

    if (out == NULL)
        return NULL;
    while (*s != '\0') {
        if (*s < 0x80) {
            out[o++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
            s++;
            continue;
        }
        n = utf8_char(s, strlen((const char *)s));
        if (n == 0 || od->ctype == (locale_t)0) {
            out[o++] = (char)*s++;
            continue;
        }
        cp = s[0] & (0xFF >> (n + 1));
        for (i = 1; i < n; i++)
            cp = cp << 6 | (s[i] & 0x3F);
        cp = (unsigned long)towlower_l(towupper_l((wint_t)cp, od->ctype),
                                       od->ctype);
        o += put_utf8(out + o, cp);
        s += n;
    }
    out[o] = '\0';
    return out;
}

static size_t hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

/* The slot of folded in the table: its entry, or the free slot where it
 * would go. The table is never full (grow() keeps it at most half so). */
static known *slot_of(known *names, size_t cap, const char *folded)
{
    size_t i = hash(folded) & (cap - 1);

    while (names[i].folded != NULL && strcmp(names[i].folded, folded) != 0)
        i = (i + 1) & (cap - 1);
    return &names[i];
}

static known *find(const cli_outdir *od, const char *folded)
{
    known *n;

    if (od->names_cap == 0)
        return NULL;
    n = slot_of(od->names, od->names_cap, folded);
    return n->folded != NULL ? n : NULL;
}

static int grow(cli_outdir *od)
{
    size_t cap = od->names_cap == 0 ? 256 : od->names_cap * 2;
    known *names;

    if (cap > SIZE_MAX / 2 / sizeof *names)
        return -1;
    names = calloc(cap, sizeof *names);
    if (names == NULL)
        return -1;
    for (size_t i = 0; i < od->names_cap; i++)
        if (od->names[i].folded != NULL)
            *slot_of(names, cap, od->names[i].folded) = od->names[i];
    free(od->names);
    od->names = names;
    od->names_cap = cap;
    return 0;
}

/* The entry of folded, made (copying it) when there is none; NULL when
 * memory runs out. */
static known *add(cli_outdir *od, const char *folded)
{
    known *n = find(od, folded);

    if (n != NULL)
        return n;
    if ((od->names_count + 1) * 2 > od->names_cap && grow(od) != 0)
        return NULL;
    n = slot_of(od->names, od->names_cap, folded);
    n->folded = strdup(folded);
    if (n->folded == NULL)
        return NULL;
    od->names_count++;
    return n;
}

/* path's own name, folded, cut to max bytes: malloc'd. */
static char *folded_stem(const cli_outdir *od, const char *path, size_t max,
                         int *cut)
{
    char *stem = stem_of(path, max, cut), *folded;

    if (stem == NULL)
        return NULL;
    folded = fold_case(od, stem);
    free(stem);
    return folded;
}

/* The first pass (cli_inputs_each_path): what path's names are. */
static int learn(void *userdata, const char *path)
{
    cli_outdir *od = userdata;
    char *folded, *full = NULL, *owner;
    known *n;
    int cut, full_cut, rc = -1;

    folded = folded_stem(od, path, STEM_MAX, &cut);
    if (folded == NULL || (n = add(od, folded)) == NULL)
        goto out;
    n->derivers++;
    if (!n->reserved && (n->owner == NULL || (n->owner_cut && !cut))) {
        owner = strdup(path);
        if (owner == NULL)
            goto out;
        free(n->owner);
        n->owner = owner;
        n->owner_cut = cut;
    }
    if (cut) {
        /* Its name before the cut is also its own, when a name with a
         * suffix could be it. */
        full = folded_stem(od, path, FULL_MAX, &full_cut);
        if (full == NULL)
            goto out;
        if (!full_cut) {
            if ((n = add(od, full)) == NULL)
                goto out;
            n->derivers++;
        }
    }
    rc = 0;
out:
    free(folded);
    free(full);
    return rc;
}

/* Whether a name with a suffix, folded, may be given to the input whose
 * own name before the cut is own (folded; NULL when not cut): free, and
 * no other input's own name. */
static int may_take(const cli_outdir *od, const char *folded, const char *own)
{
    const known *n = find(od, folded);

    return n == NULL ||
           (!n->taken &&
            (n->derivers == 0 ||
             (n->derivers == 1 && own != NULL && strcmp(own, folded) == 0)));
}

/* The second pass: the name of path's files, taken now; malloc'd. */
static char *choose_stem(cli_outdir *od, const char *path)
{
    char *stem = NULL, *name = NULL, *folded = NULL, *own = NULL;
    known *n;
    unsigned long k;
    int cut, own_cut;

    stem = stem_of(path, STEM_MAX, &cut);
    if (stem == NULL || (folded = fold_case(od, stem)) == NULL)
        goto fail;
    n = find(od, folded);
    /* Its own, unless another input has it by right; an input the first
     * pass did not see (one that came since) has it when it is free. */
    if (n == NULL ||
        (!n->taken && n->owner != NULL && strcmp(n->owner, path) == 0)) {
        if ((n = add(od, folded)) == NULL)
            goto fail;
        n->taken = 1;
        free(folded);
        return stem;
    }
    if (cut) {
        own = folded_stem(od, path, FULL_MAX, &own_cut);
        if (own == NULL)
            goto fail;
        if (own_cut) {
            free(own);
            own = NULL;
        }
    }
    name = malloc(strlen(stem) + 24);
    if (name == NULL)
        goto fail;
    for (k = 2;; k++) {
        sprintf(name, "%s-%lu", stem, k);
        free(folded);
        folded = fold_case(od, name);
        if (folded == NULL)
            goto fail;
        if (may_take(od, folded, own))
            break;
    }
    if ((n = add(od, folded)) == NULL)
        goto fail;
    n->taken = 1;
    free(stem);
    free(folded);
    free(own);
    return name;
fail:
    free(stem);
    free(name);
    free(folded);
    free(own);
    return NULL;
}

/* Appends text to the string *buf (malloc'd). 0, or -1 out of memory. */
static int append(char **buf, const char *text)
{
    size_t old = *buf != NULL ? strlen(*buf) : 0, n = strlen(text);
    char *p = realloc(*buf, old + n + 1);

    if (p == NULL)
        return -1;
    memcpy(p + old, text, n + 1);
    *buf = p;
    return 0;
}

/* "parkcheck: VERB DIR/NAME: WHY\n" on stderr, or into *said when said is
 * not NULL. */
static void say(const cli_outdir *od, char **said, const char *verb,
                const char *name, const char *why)
{
    int n = snprintf(NULL, 0, "parkcheck: %s %s/%s: %s\n", verb, od->dir, name,
                     why);
    char *line;

    if (said == NULL) {
        fprintf(stderr, "parkcheck: %s %s/%s: %s\n", verb, od->dir, name, why);
        return;
    }
    if (n < 0 || (line = malloc((size_t)n + 1)) == NULL)
        return;
    snprintf(line, (size_t)n + 1, "parkcheck: %s %s/%s: %s\n", verb, od->dir,
             name, why);
    (void)append(said, line);
    free(line);
}

static const char *cannot_create(const cli_outdir *od)
{
    return od->lang == PK_LANG_VI ? "không tạo được tệp" : "cannot create";
}

static const char *cannot_write(const cli_outdir *od)
{
    return od->lang == PK_LANG_VI ? "không ghi được tệp" : "cannot write";
}

/* Removes DIR/name if it is still the file made (made), and only then. */
static void remove_made(const cli_outdir *od, const char *name,
                        const struct stat *made)
{
    struct stat st;

    if (fstatat(od->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        st.st_dev == made->st_dev && st.st_ino == made->st_ino)
        unlinkat(od->dirfd, name, 0);
}

/* Makes DIR/name, never over a file or through a link; *made says which
 * file that is. NULL after saying why (said as for say()), with the
 * reason alone in why. */
static FILE *create(const cli_outdir *od, const char *name, struct stat *made,
                    char **said, const char **why)
{
    int fd = openat(od->dirfd, name,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    FILE *fp;

    if (fd < 0) {
        *why = strerror(errno);
        say(od, said, cannot_create(od), name, *why);
        return NULL;
    }
    if (fstat(fd, made) != 0)
        memset(made, 0, sizeof *made);
    fp = fdopen(fd, "wb");
    if (fp == NULL) {
        *why = strerror(errno);
        say(od, said, cannot_write(od), name, *why);
        close(fd);
        remove_made(od, name, made);
    }
    return fp;
}

typedef struct out_file {
    FILE *fp;
    int errnum; /* why the last write failed */
} out_file;

static int write_file(void *userdata, const char *data, size_t len)
{
    out_file *f = userdata;

    errno = 0;
    if (fwrite(data, 1, len, f->fp) == len)
        return 0;
    f->errnum = errno != 0 ? errno : EIO;
    return -1;
}

/* A name as a relative URL: bytes other than unreserved ones as %XX. */
static char *href_of(const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = malloc(strlen(name) * 3 + 1), *o = out;

    if (out == NULL)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return out;
}

/* One report in one format into DIR/name. On failure, says why (into
 * *said) and puts the reason alone in why; a file begun is removed, so
 * that no half report is left to be taken for a whole one. */
static int write_one(const cli_outdir *od, const char *name, pk_format f,
                     const pk_report *report, char **said, char *why,
                     size_t why_size)
{
    pk_writer_options wopts = PK_WRITER_OPTIONS_INIT;
    pk_writer *w = NULL;
    pk_error err;
    struct stat made;
    const char *reason = NULL;
    out_file of = {NULL, 0};
    int rc = -1;

    memset(&err, 0, sizeof err);
    of.fp = create(od, name, &made, said, &reason);
    if (of.fp == NULL) {
        snprintf(why, why_size, "%s", reason);
        return -1;
    }
    wopts.format = f;
    wopts.lang = od->lang;
    if (pk_writer_new(&w, od->engine, write_file, &of, &wopts, &err) != 0 ||
        pk_writer_add(w, report, &err) != 0 || pk_writer_finish(w, &err) != 0) {
        snprintf(why, why_size, "%s",
                 of.errnum != 0           ? strerror(of.errnum)
                 : err.message[0] != '\0' ? err.message
                                          : pk_strerror(err.code));
        goto out;
    }
    rc = 0;
out:
    pk_writer_free(w);
    errno = 0;
    if (fclose(of.fp) != 0 && rc == 0) {
        snprintf(why, why_size, "%s", strerror(errno != 0 ? errno : EIO));
        rc = -1;
    }
    if (rc != 0) {
        say(od, said, cannot_write(od), name, why);
        remove_made(od, name, &made);
    }
    return rc;
}

/* Adds "NAME (WHY)" to the list of files not written. */
static int add_to_list(char **list, const char *name, const char *why)
{
    return (*list != NULL && append(list, ", ") != 0) ||
                   append(list, name) != 0 || append(list, " (") != 0 ||
                   append(list, why) != 0 || append(list, ")") != 0
               ? -1
               : 0;
}

int cli_outdir_each(void *userdata, const cli_input *in,
                    const pk_report *report, char **said)
{
    cli_outdir *od = userdata;
    char *stem = choose_stem(od, in->path), *name = NULL, *href = NULL;
    char *list = NULL, *note = NULL, why[PK_ERROR_TEXT_MAX];
    size_t k, link = SIZE_MAX, missing = 0;
    int rc = -1;

    if (stem == NULL)
        goto nomem;
    name = malloc(strlen(stem) + 16);
    if (name == NULL)
        goto nomem;
    /* Each file whatever became of the others: one that cannot be made
     * (another process took its name) loses only itself. */
    for (k = 0; k < od->format_count; k++) {
        sprintf(name, "%s%s", stem, extension(od->formats[k]));
        if (write_one(od, name, od->formats[k], report, said, why,
                      sizeof why) != 0) {
            missing++;
            if (add_to_list(&list, name, why) != 0)
                goto nomem;
            continue;
        }
        /* The summary is a page: it links to the page when there is one,
         * else to the first file written. */
        if (link == SIZE_MAX || od->formats[k] == PK_FORMAT_HTML)
            link = k;
    }
    if (link != SIZE_MAX) {
        sprintf(name, "%s%s", stem, extension(od->formats[link]));
        href = href_of(name);
        if (href == NULL)
            goto nomem;
        if (od->summary != NULL &&
            pk_writer_link_next(od->summary, href, NULL) != 0)
            goto nomem;
    }
    if (missing > 0) {
        if (append(&note, od->lang == PK_LANG_VI ? "Không ghi được báo cáo: "
                          : missing == 1         ? "Report not written: "
                                                 : "Reports not written: ") ||
            append(&note, list))
            goto nomem;
        if (od->summary != NULL &&
            pk_writer_note_next(od->summary, note, NULL) != 0)
            goto nomem;
        od->failed++;
    } else {
        od->written++;
    }
    rc = 0;
    goto out;
nomem:
    fputs("parkcheck: out of memory\n", stderr);
out:
    free(stem);
    free(name);
    free(href);
    free(list);
    free(note);
    return rc;
}

void cli_outdir_set_summary(cli_outdir *od, pk_writer *summary)
{
    od->summary = summary;
}

size_t cli_outdir_count(const cli_outdir *od)
{
    return od->written;
}

size_t cli_outdir_failed(const cli_outdir *od)
{
    return od->failed;
}

/* 1 when the directory open as fd has no entry but . and .., 0 when it
 * has one, -1 when it cannot be read. */
static int empty_dir(int fd)
{
    int dup_fd = dup(fd), empty = 1;
    DIR *d;
    struct dirent *e;

    if (dup_fd < 0)
        return -1;
    d = fdopendir(dup_fd);
    if (d == NULL) {
        close(dup_fd);
        return -1;
    }
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            empty = 0;
            break;
        }
    closedir(d);
    return empty;
}

int cli_outdir_open(cli_outdir **out, const char *dir, char *const *paths,
                    size_t path_count, const pk_engine *engine,
                    const pk_format *formats, size_t format_count, pk_lang lang,
                    FILE **summary)
{
    cli_outdir *od = calloc(1, sizeof *od);
    struct stat st;
    const char *why;
    known *n;
    int empty, vi = lang == PK_LANG_VI;

    *out = NULL;
    *summary = NULL;
    if (od == NULL) {
        fputs("parkcheck: out of memory\n", stderr);
        return -1;
    }
    od->dirfd = -1;
    /* The case mappings of Unicode, not those of the user's locale: the
     * names must not depend on who runs the batch. */
    od->ctype = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    od->dir = dir;
    od->engine = engine;
    od->lang = lang;
    od->format_count =
        format_count < CLI_FORMATS_MAX ? format_count : CLI_FORMATS_MAX;
    memcpy(od->formats, formats, od->format_count * sizeof *formats);
    /* Every input's name, before anything is made: the summary's first. */
    n = add(od, "summary");
    if (n == NULL ||
        (n->reserved = n->taken = 1,
         cli_inputs_each_path(paths, path_count, learn, od) != 0)) {
        fputs("parkcheck: out of memory\n", stderr);
        goto fail;
    }
    if (mkdir(dir, 0777) == 0) {
        od->made_dir = 1;
    } else if (errno != EEXIST) {
        fprintf(stderr,
                vi ? "parkcheck: không tạo được thư mục %s: %s\n"
                   : "parkcheck: cannot make the directory %s: %s\n",
                dir, strerror(errno));
        goto fail;
    }
    od->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (od->dirfd < 0) {
        fprintf(stderr,
                vi ? "parkcheck: không mở được thư mục %s: %s\n"
                   : "parkcheck: cannot open the directory %s: %s\n",
                dir, strerror(errno));
        goto fail;
    }
    empty = empty_dir(od->dirfd);
    if (empty != 1) {
        if (empty == 0)
            fprintf(stderr,
                    vi ? "parkcheck: thư mục %s không trống; báo cáo không "
                         "bao giờ được ghi đè lên tệp khác: hãy chọn một thư "
                         "mục mới hoặc trống\n"
                       : "parkcheck: the directory %s is not empty; reports "
                         "are never written over others: give a new or "
                         "empty directory\n",
                    dir);
        else
            fprintf(stderr,
                    vi ? "parkcheck: không đọc được thư mục %s: %s\n"
                       : "parkcheck: cannot read the directory %s: %s\n",
                    dir, strerror(errno));
        goto fail;
    }
    *summary = create(od, CLI_OUTDIR_SUMMARY, &st, NULL, &why);
    if (*summary == NULL)
        goto fail;
    od->summary_dev = st.st_dev;
    od->summary_ino = st.st_ino;
    *out = od;
    return 0;
fail:
    /* Nothing is checked: a directory made for it goes again. */
    if (od->made_dir)
        rmdir(dir);
    cli_outdir_close(od);
    return -1;
}

void cli_outdir_undo(cli_outdir *od)
{
    struct stat st;

    /* Only the file this run made: should another have taken its name
     * since, it stays. */
    if (fstatat(od->dirfd, CLI_OUTDIR_SUMMARY, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        st.st_dev == od->summary_dev && st.st_ino == od->summary_ino)
        unlinkat(od->dirfd, CLI_OUTDIR_SUMMARY, 0);
    /* rmdir removes only an empty directory: one that holds anything
     * now is left as it is. */
    if (od->made_dir)
        rmdir(od->dir);
}

void cli_outdir_close(cli_outdir *od)
{
    if (od == NULL)
        return;
    for (size_t i = 0; i < od->names_cap; i++) {
        free(od->names[i].folded);
        free(od->names[i].owner);
    }
    free(od->names);
    if (od->dirfd >= 0)
        close(od->dirfd);
    if (od->ctype != (locale_t)0)
        freelocale(od->ctype);
    free(od);
}
