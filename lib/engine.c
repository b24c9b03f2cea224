/* Engines: the dossier format and the rule packs, built in or from files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "builtin.h"
#include "options.h"
#include "messages.h"
#include "pack.h"

/* The size of each version of pk_engine_options, oldest first. */
static const size_t engine_options_sizes[] = {
    PK_OPTIONS_END(pk_engine_options, userdata), /* 1 */
};

/* A new engine with the limits of opts, whose every field the rest of the
 * load reads from *o: the caller's options in the current layout, those
 * an older version lacks defaulted. */
static int engine_alloc(pk_engine **out, const pk_engine_options *opts,
                        pk_engine_options *o, pk_error *err)
{
    static const pk_engine_options defaults = PK_ENGINE_OPTIONS_INIT;
    pk_engine *e;
    int rc = PK_OK;

    *out = NULL;
    *o = defaults;
    rc = pk_options_read(o, sizeof *o, opts, engine_options_sizes,
                         PK_ENGINE_OPTIONS_VERSION, "pk_engine_options", err);
    if (rc != PK_OK)
        return rc;
    opts = o;
    xmlInitParser();
    e = calloc(1, sizeof *e);
    if (e == NULL) {
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, NULL, 0, 0, PK_NO_OFFSET,
                     PK_NOARGS);
        return PK_ENOMEM;
    }
    e->max_bytes = opts && opts->max_dossier_bytes
                       ? opts->max_dossier_bytes
                       : PK_DEFAULT_MAX_DOSSIER_BYTES;
    e->max_depth =
        opts && opts->max_depth ? opts->max_depth : PK_DEFAULT_MAX_DEPTH;
    /* The dossier format is always the built-in one: packs are checked
     * against it. */
    for (const struct pk_builtin *b = pk_builtin_files; b->name; b++)
        if (strstr(b->name, "/schema/") != NULL) {
            rc = pk_format_load(&e->format, b->name, b->data, b->len, err);
            break;
        }
    if (rc == PK_OK && e->format == NULL) {
        rc = PK_EFORMAT;
        pk_error_say(err, rc, PK_MSG_NO_FORMAT, NULL, 0, 0, PK_NO_OFFSET,
                     PK_NOARGS);
    }
    if (rc != PK_OK) {
        pk_engine_free(e);
        return rc;
    }
    *out = e;
    return PK_OK;
}

static int add_pack(pk_engine *e, const char *name, const char *data,
                    size_t len, const pk_engine_options *opts, pk_error *err)
{
    pk_pack *p, **np;
    int rc;

    rc = pk_pack_load(&p, e->format, name, data, len,
                      opts ? opts->on_problem : NULL,
                      opts ? opts->userdata : NULL, err);
    if (rc != PK_OK)
        return rc;
    for (size_t i = 0; i < e->npacks; i++)
        if (p->from <= e->packs[i]->until && e->packs[i]->from <= p->until) {
            /* The dossier's date must pick one regime, never the first
             * loaded by chance. */
            pk_error_say(err, PK_ERULES, PK_MSG_PACKS_OVERLAP, name, 0, 0,
                         PK_NO_OFFSET,
                         PK_ARGS(p->id, e->packs[i]->id, e->packs[i]->source));
            if (opts && opts->on_problem)
                opts->on_problem(opts->userdata, err);
            pk_pack_free(p);
            return PK_ERULES;
        }
    for (size_t i = 0; i < e->npacks; i++)
        if (strcmp(e->packs[i]->id, p->id) == 0) {
            pk_error_say(err, PK_ERULES, PK_MSG_PACK_TWICE, name, 0, 0,
                         PK_NO_OFFSET, PK_ARGS(p->id, e->packs[i]->source));
            if (opts && opts->on_problem)
                opts->on_problem(opts->userdata, err);
            pk_pack_free(p);
            return PK_ERULES;
        }
    np = realloc(e->packs, (e->npacks + 1) * sizeof *np);
    if (np == NULL) {
        pk_pack_free(p);
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, name, 0, 0, PK_NO_OFFSET,
                     PK_NOARGS);
        return PK_ENOMEM;
    }
    e->packs = np;
    np[e->npacks++] = p;
    e->needs_tree |= pk_pack_uses_xpath(p);
    return PK_OK;
}

int pk_engine_new(pk_engine **out, const pk_engine_options *opts, pk_error *err)
{
    pk_engine_options o;
    pk_engine *e;
    int rc;

    if (out == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, NULL, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    *out = NULL;
    rc = engine_alloc(&e, opts, &o, err);
    if (rc != PK_OK)
        return rc;
    opts = &o;
    for (const struct pk_builtin *b = pk_builtin_files; b->name && rc == PK_OK;
         b++)
        if (strstr(b->name, "/schema/") == NULL)
            rc = add_pack(e, b->name, b->data, b->len, opts, err);
    if (rc != PK_OK) {
        pk_engine_free(e);
        return rc;
    }
    *out = e;
    return PK_OK;
}

int pk_engine_new_from_memory(pk_engine **out, const char *name,
                              const char *data, size_t len,
                              const pk_engine_options *opts, pk_error *err)
{
    pk_engine_options o;
    pk_engine *e;
    int rc;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || data == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, name, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    rc = engine_alloc(&e, opts, &o, err);
    if (rc == PK_OK)
        rc = add_pack(e, name ? name : "", data, len, &o, err);
    if (rc != PK_OK) {
        pk_engine_free(e);
        return rc;
    }
    *out = e;
    return PK_OK;
}

static int load_file(pk_engine *e, const char *path,
                     const pk_engine_options *opts, pk_error *err)
{
    char *data;
    size_t len;
    int rc = pk_read_file(path, (size_t)64 << 20, &data, &len, err);

    if (rc != PK_OK) {
        if (opts && opts->on_problem)
            opts->on_problem(opts->userdata, err);
        return rc == PK_ENOMEM ? rc : PK_ERULES;
    }
    rc = add_pack(e, path, data, len, opts, err);
    free(data);
    return rc;
}

/* Whether the first element of an XML text is <name>: declarations,
 * comments and processing instructions before it are skipped. */
static int root_is(const char *data, size_t len, const char *name)
{
    size_t i = 0, n = strlen(name);

    while (i < len) {
        const char *lt = memchr(data + i, '<', len - i);
        size_t at;

        if (lt == NULL)
            return 0;
        at = (size_t)(lt - data);
        if (at + 1 < len && (data[at + 1] == '?' || data[at + 1] == '!')) {
            const char *end = at + 3 < len && data[at + 1] == '!' &&
                                      data[at + 2] == '-' && data[at + 3] == '-'
                                  ? NULL
                                  : memchr(data + at, '>', len - at);
            if (end == NULL) { /* a comment ends at "-->" only */
                size_t j = at + 4;
                while (j + 2 < len && !(data[j] == '-' && data[j + 1] == '-' &&
                                        data[j + 2] == '>'))
                    j++;
                if (j + 2 >= len)
                    return 0;
                i = j + 3;
            } else {
                i = (size_t)(end - data) + 1;
            }
            continue;
        }
        return len - at - 1 >= n && memcmp(data + at + 1, name, n) == 0 &&
               (at + 1 + n == len ||
                strchr(" \t\r\n/>", data[at + 1 + n]) != NULL);
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A dossier format description read from a file, in place of the
 * built-in one; a second one in the same directory is an error. */
static int use_format(pk_engine *e, const char *name, const char *data,
                      size_t len, const pk_engine_options *opts, pk_error *err)
{
    pk_dformat *f;
    int rc;

    if (e->format_from_file) {
        pk_error_set(err, PK_ERULES, name, 0, 0,
                     "a second dossier format description in the directory");
        rc = PK_ERULES;
    } else {
        rc = pk_format_load(&f, name, data, len, err);
    }
    if (rc == PK_ENOMEM)
        return rc;
    if (rc != PK_OK) {
        if (opts && opts->on_problem)
            opts->on_problem(opts->userdata, err);
        return PK_ERULES;
    }
    pk_format_free(e->format);
    e->format = f;
    e->format_from_file = 1;
    return PK_OK;
}

/* Every "*.xml" in dir whose root is <rulepack>, in name order, read
 * through the dossier format description among them if there is one. */
static int load_dir(pk_engine *e, const char *dir,
                    const pk_engine_options *opts, pk_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;
    int rc = PK_OK, worst = PK_OK;

    if (d == NULL) {
        pk_error_say(err, PK_EIO, PK_MSG_RULES_DIRECTORY_OPEN, dir, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_ERULES;
    }
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        char **nn;
        if (l < 5 || strcmp(de->d_name + l - 4, ".xml") != 0)
            continue;
        nn = realloc(names, (n + 1) * sizeof *nn);
        if (nn == NULL) {
            rc = PK_ENOMEM;
            break;
        }
        names = nn;
        names[n] = malloc(strlen(dir) + l + 2);
        if (names[n] == NULL) {
            rc = PK_ENOMEM;
            break;
        }
        strcpy(names[n], dir);
        strcat(names[n], "/");
        strcat(names[n], de->d_name);
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, by_name);
    /* Two passes: a dossier format description among the files (root
     * <dossier-format>) replaces the built-in one before any pack is
     * compiled against it; then every <rulepack>. Test files and other
     * XML beside them are left alone. */
    for (int pass = 0; pass < 2 && rc == PK_OK && worst == PK_OK; pass++)
        for (size_t i = 0; i < n && rc == PK_OK; i++) {
            char *data;
            size_t len;
            pk_error local;
            int got =
                pk_read_file(names[i], (size_t)64 << 20, &data, &len, &local);
            if (got == PK_ENOMEM)
                rc = got;
            if (got != PK_OK)
                continue;
            if (pass == 0 && root_is(data, len, "dossier-format")) {
                int r = use_format(e, names[i], data, len, opts, err);
                if (r == PK_ENOMEM)
                    rc = r;
                else if (r != PK_OK)
                    worst = r;
            } else if (pass == 1 && root_is(data, len, "rulepack")) {
                int r = add_pack(e, names[i], data, len, opts,
                                 worst == PK_OK ? err : &local);
                if (r == PK_ENOMEM)
                    rc = r;
                else if (r != PK_OK)
                    worst = r;
            }
            free(data);
        }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == PK_ENOMEM) {
        pk_error_say(err, rc, PK_MSG_NOMEM, dir, 0, 0, PK_NO_OFFSET, PK_NOARGS);
        return rc;
    }
    if (worst == PK_OK && e->npacks == 0) {
        pk_error_say(err, PK_ERULES, PK_MSG_NO_PACK_IN_DIRECTORY, dir, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        if (opts && opts->on_problem)
            opts->on_problem(opts->userdata, err);
        return PK_ERULES;
    }
    return worst;
}

int pk_engine_new_from_path(pk_engine **out, const char *path,
                            const pk_engine_options *opts, pk_error *err)
{
    pk_engine_options o;
    pk_engine *e;
    struct stat st;
    int rc;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || path == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, path, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    rc = engine_alloc(&e, opts, &o, err);
    if (rc != PK_OK)
        return rc;
    opts = &o;
    if (stat(path, &st) != 0) {
        rc = PK_ERULES;
        pk_error_say(err, PK_ERULES, PK_MSG_RULES_PATH_MISSING, path, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        if (opts && opts->on_problem)
            opts->on_problem(opts->userdata, err);
    } else if (S_ISDIR(st.st_mode)) {
        rc = load_dir(e, path, opts, err);
    } else {
        rc = load_file(e, path, opts, err);
    }
    if (rc != PK_OK) {
        pk_engine_free(e);
        return rc;
    }
    *out = e;
    return PK_OK;
}

void pk_engine_free(pk_engine *e)
{
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->npacks; i++)
        pk_pack_free(e->packs[i]);
    free(e->packs);
    pk_format_free(e->format);
    free(e);
}

size_t pk_engine_pack_count(const pk_engine *e)
{
    return e != NULL ? e->npacks : 0;
}

const char *pk_engine_pack_id(const pk_engine *e, size_t i)
{
    return i < e->npacks ? e->packs[i]->id : NULL;
}

const char *pk_engine_pack_version(const pk_engine *e, size_t i)
{
    return i < e->npacks ? e->packs[i]->version : NULL;
}

const char *pk_engine_pack_title(const pk_engine *e, size_t i, pk_lang lang)
{
    return i < e->npacks ? e->packs[i]->title[lang == PK_LANG_VI ? 0 : 1]
                         : NULL;
}

const char *pk_engine_pack_valid_from(const pk_engine *e, size_t i)
{
    return i < e->npacks ? e->packs[i]->from_text : NULL;
}

const char *pk_engine_pack_valid_until(const pk_engine *e, size_t i)
{
    return i < e->npacks ? e->packs[i]->until_text : NULL;
}
