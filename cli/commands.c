/*
 * commands.c - "parkcheck template" and "parkcheck rules list|show": what a
 * pack asks of a dossier, for drafters and reviewers. Public API only.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <parkcheck/parkcheck.h>

#include "batch.h"
#include "commands.h"
#include "options.h"

typedef struct common {
    const char *rules_path;
    const char *kind;
    const char *as_of;
    const char *rule_id;
    pk_lang lang;
    int help;
} common;

static int write_stdout(void *userdata, const char *data, size_t len)
{
    (void)userdata;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

/* --rules, --lang, --kind (template), --as-of (template), one positional
 * argument (rules show); "--opt value" and "--opt=value". */
static int parse(common *c, int argc, char **argv, const char *hint,
                 int want_kind, int want_id)
{
    memset(c, 0, sizeof *c);
    c->lang = cli_lang_from_environment();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL, *eq = strchr(a, '=');
        size_t n = eq != NULL ? (size_t)(eq - a) : strlen(a);
        const char **slot = NULL;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            c->help = 1;
            continue;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (!want_id || c->rule_id != NULL) {
                cli_usage_error(hint, "unexpected argument '%s'", a);
                return -1;
            }
            c->rule_id = a;
            continue;
        }
        if (n == 7 && strncmp(a, "--rules", 7) == 0)
            slot = &c->rules_path;
        else if (n == 6 && strncmp(a, "--kind", 6) == 0 && want_kind)
            slot = &c->kind;
        else if (n == 7 && strncmp(a, "--as-of", 7) == 0 && want_kind)
            slot = &c->as_of;
        else if (!(n == 6 && strncmp(a, "--lang", 6) == 0)) {
            cli_usage_error(hint, "unknown option '%s'", a);
            return -1;
        }
        if (eq != NULL)
            v = eq + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        if (v == NULL || *v == '\0') {
            cli_usage_error(hint, "option '%.*s' needs a value", (int)n, a);
            return -1;
        }
        if (slot != NULL) {
            *slot = v;
        } else if (strcmp(v, "vi") == 0 || strcmp(v, "en") == 0) {
            c->lang = v[0] == 'v' ? PK_LANG_VI : PK_LANG_EN;
        } else {
            cli_usage_error(hint, "--lang takes vi or en, not '%s'", v);
            return -1;
        }
    }
    return 0;
}

/* Each rule-pack problem, as compilers print theirs, counted. */
static void print_problem(void *userdata, const pk_error *problem)
{
    unsigned *said = userdata;

    (*said)++;
    cli_print_error("", problem, NULL);
}

int cli_engine_new(pk_engine **out, const char *rules,
                   const pk_engine_options *eopts, pk_error *err)
{
    struct stat st;
    int rc;

    if (rules == NULL)
        return pk_engine_new(out, eopts, err);
    if (stat(rules, &st) == 0 || strchr(rules, '/') != NULL ||
        strstr(rules, ".xml") != NULL)
        return pk_engine_new_from_path(out, rules, eopts, err);
    /* A pack's id: the built-in packs, that one chosen. */
    rc = pk_engine_new(out, eopts, err);
    if (rc == 0 && (rc = pk_engine_select_pack(*out, rules, err)) != 0) {
        pk_engine_free(*out);
        *out = NULL;
        rc = PK_ERULES;
    }
    return rc;
}

static int is_dir(const char *path)
{
    struct stat st;

    return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_engine_open(pk_engine **out, const char *rules,
                    pk_engine_options *eopts)
{
    pk_error err;
    unsigned said = 0;
    int rc;

    memset(&err, 0, sizeof err);
    eopts->on_problem = print_problem;
    eopts->userdata = &said;
    rc = cli_engine_new(out, rules, eopts, &err);
    if (rc == 0)
        return 0;
    *out = NULL;
    /* The problems are said already: then only how many, not the first
     * of them again; of a directory's files (its packs and a format
     * description), or of the one pack. */
    if (said == 0 || err.code == PK_ENOMEM)
        cli_print_error("parkcheck: ", &err, rules);
    else if (cli_error_lang() == PK_LANG_VI)
        fprintf(stderr, "parkcheck: %s: %s có %u lỗi (nêu ở trên)\n",
                rules != NULL ? rules : "",
                is_dir(rules) ? "các tệp quy tắc trong thư mục" : "bộ quy tắc",
                said);
    else
        fprintf(stderr, "parkcheck: %s: %u problem%s in the %s (above)\n",
                rules != NULL ? rules : "", said, said == 1 ? "" : "s",
                is_dir(rules) ? "rules in this directory" : "rule pack");
    return rc;
}

static pk_engine *engine_for(const common *c)
{
    pk_engine_options eopts = PK_ENGINE_OPTIONS_INIT;
    pk_engine *e = NULL;

    cli_set_error_lang(c->lang);
    return cli_engine_open(&e, c->rules_path, &eopts) == 0 ? e : NULL;
}

static int finish(pk_engine *e, int status)
{
    pk_engine_free(e);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "parkcheck: cannot write to standard output\n");
        return CLI_EXIT_INVALID;
    }
    return status;
}

void cli_print_template_usage(FILE *out)
{
    fputs("Usage: parkcheck template --kind KIND [--lang vi|en] "
          "[--as-of DATE] [--rules PATH]\n"
          "Print a skeleton dossier of a kind, with a comment on every "
          "element: what it\n"
          "means, its unit and the provisions it serves. Fill in the blanks "
          "and check it.\n"
          "\n"
          "  --kind KIND      a kind of dossier the rules' format names "
          "(an unknown\n"
          "                   one is answered with the list)\n"
          "  --lang vi|en     the language of the comments (default: the "
          "locale's)\n"
          "  --as-of DATE     the rules in force on DATE (default: today)\n"
          "  --rules PATH     a rule pack, or a directory of packs, instead "
          "of the\n"
          "                   built-in ones\n",
          out);
}

void cli_print_rules_usage(FILE *out)
{
    fputs("Usage: parkcheck rules list [--lang vi|en] [--rules PATH]\n"
          "       parkcheck rules show ID [--lang vi|en] [--rules PATH]\n"
          "List every rule with its citation, or show one: what it checks, "
          "its citations\n"
          "by kind of dossier, its condition in words and its thresholds "
          "with their dates.\n",
          out);
}

int cli_run_template(int argc, char **argv)
{
    common c;
    pk_engine *e;
    pk_template_options topts = PK_TEMPLATE_OPTIONS_INIT;
    pk_error err;

    if (parse(&c, argc, argv, "parkcheck template", 1, 0) != 0)
        return CLI_EXIT_USAGE;
    if (c.help) {
        cli_print_template_usage(stdout);
        return finish(NULL, 0);
    }
    if (c.kind == NULL) {
        cli_usage_error("parkcheck template", "--kind is required");
        return CLI_EXIT_USAGE;
    }
    if ((e = engine_for(&c)) == NULL)
        return CLI_EXIT_USAGE;
    memset(&err, 0, sizeof err);
    topts.as_of = c.as_of;
    topts.lang = c.lang;
    if (pk_template_write(e, c.kind, write_stdout, NULL, &topts, &err) != 0) {
        cli_usage_error("parkcheck template", "%s", err.message);
        pk_engine_free(e);
        return CLI_EXIT_USAGE;
    }
    return finish(e, 0);
}

/* How many columns s takes on a terminal: its characters, less the
 * combining marks of decomposed Vietnamese (U+0300..U+036F), which stack on
 * the letter before them. printf's widths count bytes, and "Điều" is six. */
static size_t display_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;

    for (; *p != 0; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        if ((p[0] == 0xCC && p[1] >= 0x80) || (p[0] == 0xCD && p[1] < 0xB0))
            continue;
        w++;
    }
    return w;
}

/* s, then spaces to width columns (at least one). */
static void print_padded(const char *s, size_t width)
{
    size_t w = display_width(s);

    fputs(s, stdout);
    do
        putchar(' ');
    while (++w < width + 1);
}

static int rules_list(pk_engine *e, pk_lang lang)
{
    for (size_t p = 0; p < pk_engine_pack_count(e); p++) {
        printf("%s %s — %s%s\n", pk_engine_pack_id(e, p),
               pk_engine_pack_version(e, p), pk_engine_pack_title(e, p, lang),
               !pk_engine_pack_provisional(e, p) ? ""
               : lang == PK_LANG_VI              ? " (tạm thời)"
                                                 : " (provisional)");
        for (size_t i = 0; i < pk_engine_rule_count(e, p); i++) {
            const pk_rule *r = pk_engine_rule(e, p, i);
            char cite[96];
            pk_engine_citation_format(e, pk_rule_citation(r, NULL), lang, cite,
                                      sizeof cite);
            fputs("  ", stdout);
            print_padded(pk_rule_id(r), 38);
            print_padded(cite, 24);
            printf("%s%s\n", pk_rule_title(r, lang),
                   pk_rule_severity(r) == PK_SEVERITY_ADVISORY
                       ? (lang == PK_LANG_VI ? " (khuyến nghị)" : " (advisory)")
                       : "");
        }
    }
    return 0;
}

int cli_run_rules(int argc, char **argv)
{
    common c;
    pk_engine *e;
    const char *sub = argc > 1 ? argv[1] : NULL;
    pk_error err;

    if (sub != NULL && (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)) {
        cli_print_rules_usage(stdout);
        return finish(NULL, 0);
    }
    if (sub == NULL || (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0)) {
        cli_usage_error("parkcheck rules",
                        "say 'rules list' or 'rules show ID'");
        return CLI_EXIT_USAGE;
    }
    if (parse(&c, argc - 1, argv + 1, "parkcheck rules", 0, sub[0] == 's') != 0)
        return CLI_EXIT_USAGE;
    if (c.help) {
        cli_print_rules_usage(stdout);
        return finish(NULL, 0);
    }
    if (sub[0] == 's' && c.rule_id == NULL) {
        cli_usage_error("parkcheck rules", "'rules show' needs a rule id");
        return CLI_EXIT_USAGE;
    }
    if ((e = engine_for(&c)) == NULL)
        return CLI_EXIT_USAGE;
    if (sub[0] == 'l')
        return finish(e, rules_list(e, c.lang));
    {
        const pk_rule *r = pk_engine_find_rule(e, c.rule_id, NULL);
        if (r == NULL) {
            cli_usage_error("parkcheck rules",
                            "no rule '%s' (see 'parkcheck rules list')",
                            c.rule_id);
            pk_engine_free(e);
            return CLI_EXIT_USAGE;
        }
        memset(&err, 0, sizeof err);
        if (pk_rule_describe(e, r, c.lang, write_stdout, NULL, &err) != 0) {
            cli_print_error("parkcheck: ", &err, NULL);
            pk_engine_free(e);
            return CLI_EXIT_INVALID;
        }
    }
    return finish(e, 0);
}
