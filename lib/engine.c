/* Engines: the dossier format and the rule packs, built in or from files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>

#include "builtin.h"
#include "messages.h"
#include "pack.h"


static int engine_alloc(pk_engine **out, const pk_engine_options *opts,
                        pk_error *err)
{
    pk_engine *e;
    int rc = PK_OK;

    *out = NULL;
    if (opts != NULL && opts->version != PK_ENGINE_OPTIONS_VERSION) {
        char got[16], want[16];
        snprintf(got, sizeof got, "%u", opts->version);
        snprintf(want, sizeof want, "%u", PK_ENGINE_OPTIONS_VERSION);
        pk_error_say(err, PK_EINVAL, PK_MSG_ENGINE_OPTIONS_VERSION, NULL, 0, 0,
                     PK_NO_OFFSET, PK_ARGS(got, want));
        return PK_EINVAL;
    }
    xmlInitParser();
    e = calloc(1, sizeof *e);
    if (e == NULL) {
        pk_error_say(err, PK_ENOMEM, PK_MSG_NOMEM, NULL, 0, 0, PK_NO_OFFSET,
                     PK_NOARGS);
        return PK_ENOMEM;
    }
    e->max_bytes = opts && opts->max_dossier_bytes ? opts->max_dossier_bytes
                                                   : PK_DEFAULT_MAX_DOSSIER_BYTES;
    e->max_depth = opts && opts->max_depth ? opts->max_depth
                                           : PK_DEFAULT_MAX_DEPTH;
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
                         PK_ARGS(p->id, e->packs[i]->id,
                                 e->packs[i]->source));
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

int pk_engine_new(pk_engine **out, const pk_engine_options *opts,
                  pk_error *err)
{
    pk_engine *e;
    int rc;

    if (out == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, NULL, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    *out = NULL;
    rc = engine_alloc(&e, opts, err);
    if (rc != PK_OK)
        return rc;
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
    pk_engine *e;
    int rc;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || data == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, name, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    rc = engine_alloc(&e, opts, err);
    if (rc == PK_OK)
        rc = add_pack(e, name ? name : "", data, len, opts, err);
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

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every "*.xml" in dir whose root is <rulepack>, in name order. */
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
    for (size_t i = 0; i < n && rc == PK_OK; i++) {
        char *data;
        size_t len;
        pk_error local;
        int got = pk_read_file(names[i], (size_t)64 << 20, &data, &len,
                               &local);
        if (got == PK_ENOMEM)
            rc = got;
        /* Test files and other XML sit beside packs: only <rulepack>. */
        if (got == PK_OK) {
            int is_pack = strstr(data, "<rulepack") != NULL;
            if (is_pack) {
                int r = add_pack(e, names[i], data, len, opts,
                                 worst == PK_OK ? err : &local);
                if (r == PK_ENOMEM)
                    rc = r;
                else if (r != PK_OK)
                    worst = r;
            }
            free(data);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == PK_ENOMEM) {
        pk_error_say(err, rc, PK_MSG_NOMEM, dir, 0, 0, PK_NO_OFFSET,
                     PK_NOARGS);
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
    rc = engine_alloc(&e, opts, err);
    if (rc != PK_OK)
        return rc;
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
