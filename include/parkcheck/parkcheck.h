/*
 * parkcheck.h - check concentrated IT park dossiers against rule packs.
 *
 * The whole public API of libparkcheck. Conventions, once for all:
 *
 * - Fallible calls return int: 0 on success, a negative PK_E... code on
 *   failure. Codes have fixed numbers that are never reused; pk_strerror()
 *   names each. Results come back through the first parameter.
 * - Every fallible call takes an optional caller-owned pk_error *; when it is
 *   not NULL and the call fails, it is filled with the code, the source (a
 *   file name or the name given for a memory buffer), the line and column
 *   (1-based; 0 when there is none) and a message. The first error wins.
 * - Handles are opaque. Each has a constructor and a _free() that accepts NULL.
 *   A constructor that fails sets its output to NULL.
 * - Getters return borrowed pointers: they stay valid as long as the handle
 *   they came from, and the caller never frees them.
 * - Strings are UTF-8 and NUL-terminated.
 * - Options structs (pk_engine_options, pk_eval_options, pk_writer_options,
 *   pk_template_options) start with a version; start from the _INIT macro
 *   and set the fields you need. A struct only grows at its end, so the
 *   library reads any older version it has known, giving the fields that
 *   version lacks their defaults. Version 0 (a struct not initialised)
 *   and a version newer than the library are refused with PK_EINVAL and a
 *   message saying which. Passing NULL asks for every default.
 *
 * Threads: a pk_engine is immutable once created and may be shared by any
 * number of threads, each reading and evaluating its own dossiers. A
 * pk_dossier, pk_report or pk_writer belongs to one thread at a time, but
 * any thread may format reports for a writer (pk_writer_format()).
 * The library has no mutable global state; pk_engine_new*() initialises
 * libxml2, so create the first engine before starting threads that use
 * libxml2 on their own.
 */
#ifndef PARKCHECK_H
#define PARKCHECK_H

#include <stddef.h>

#include <parkcheck/parkcheck_version.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && !defined(PK_STATIC)
#ifdef PK_BUILDING
#define PK_EXPORT __declspec(dllexport)
#else
#define PK_EXPORT __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PK_EXPORT __attribute__((visibility("default")))
#else
#define PK_EXPORT
#endif

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* Error codes. Fixed numbers: never renumbered, never reused. */
enum {
    PK_OK = 0,
    PK_ENOMEM = -1,    /* out of memory */
    PK_EINVAL = -2,    /* a bad argument from the caller */
    PK_EIO = -3,       /* a file could not be opened or read */
    PK_ETOOBIG = -4,   /* the input is larger than the configured limit */
    PK_EENCODING = -5, /* not UTF-8, or a NUL byte in the text */
    PK_EXML = -6,      /* not well-formed XML */
    PK_EDOCTYPE = -7,  /* a DOCTYPE, DTD or entity declaration (refused) */
    PK_ELIMIT = -8,    /* a safety limit was hit (nesting, pattern, XPath) */
    PK_EFORMAT = -9,   /* well-formed, but not a dossier this engine reads */
    PK_EVALUE = -10,   /* a value that breaks the format's rules */
    PK_ERULES = -11,   /* a rule pack is unusable */
    PK_ENOPACK = -12,  /* no loaded rule pack is in force on the date */
    PK_ERANGE = -13    /* a number too large, or a division by zero */
};

#define PK_ERROR_SOURCE_MAX 256
#define PK_ERROR_TEXT_MAX 512
/* Room for a message's arguments (pk_error.args). */
#define PK_ERROR_ARGS_MAX 1024
/* pk_error.offset when there is no position in the input. */
#define PK_NO_OFFSET ((size_t)-1)

/* A caller-owned description of a failure (or, in lists, of a warning). */
typedef struct pk_error {
    int code;                         /* PK_E... */
    unsigned line;                    /* 1-based; 0 when unknown */
    unsigned column;                  /* 1-based; 0 when unknown */
    char source[PK_ERROR_SOURCE_MAX]; /* file name, or "" */
    char message[PK_ERROR_TEXT_MAX];  /* English, one line */
    /* The message's number in the registry (docs/messages.md), shown as
     * PK-001 ("PK-%03u"); numbers are never reused. 0 for a message not
     * in it yet (rule-pack problems, values of a dossier). */
    unsigned id;
    size_t offset; /* byte offset in the input
                      (after a byte order mark or
                      UTF-16 transcoding), or
                      PK_NO_OFFSET */
    /* the arguments of message id, for pk_error_text() */
    unsigned nargs;
    char args[PK_ERROR_ARGS_MAX];
} pk_error;

/* The name of an error code ("out of memory", ...). Static storage; never
 * NULL: an unknown code gives "unknown error". */
PK_EXPORT const char *pk_strerror(int code);

/* The library's version, "MAJOR.MINOR.PATCH". Static storage. It equals
 * PK_VERSION_STRING of the header the program was compiled against when the
 * two match. */
PK_EXPORT const char *pk_version(void);

/* The library's version as PK_VERSION_NUMBER encodes it (0xMMmmpp), for a
 * program that needs a newer library than the one it was built against:
 * pk_version_number() >= PK_VERSION_ENCODE(0, 2, 0). */
PK_EXPORT unsigned pk_version_number(void);

/* ------------------------------------------------------------------------
 * Languages and enumerations
 * ------------------------------------------------------------------------ */

typedef enum pk_lang { PK_LANG_VI = 0, PK_LANG_EN = 1 } pk_lang;

/* err's message in lang into buf (cut to size, NUL-terminated, like
 * snprintf()); returns the length it would have had. A message without an
 * id (err->id 0) exists only in English: err->message, in either lang. */
PK_EXPORT size_t pk_error_text(const pk_error *err, pk_lang lang, char *buf,
                               size_t size);

/* A rule's outcome for one dossier. */
typedef enum pk_status {
    PK_STATUS_PASS = 0,
    PK_STATUS_FAIL = 1,
    PK_STATUS_UNKNOWN = 2,        /* the dossier does not say enough */
    PK_STATUS_NOT_APPLICABLE = 3, /* not for this kind of dossier */
    PK_STATUS_ERROR = 4,          /* an invalid input it needs, or x/0 */
    PK_STATUS_OPEN = 5            /* the law is open: the provision's
                                     readings disagree (one passes, another
                                     fails); a ruling decides, not facts */
} pk_status;

/* The verdict for one dossier, from its mandatory rules. The first four
 * are ordered from best to worst as the exit status of the command line
 * orders them; needs-ruling, added later, keeps its number and is ranked
 * by pk_verdict_rank(). */
typedef enum pk_verdict {
    PK_VERDICT_ELIGIBLE = 0,
    PK_VERDICT_INCOMPLETE = 1,   /* nothing fails, but facts or papers lack */
    PK_VERDICT_NOT_ELIGIBLE = 2, /* a mandatory criterion fails */
    PK_VERDICT_INVALID = 3,      /* unreadable, or a rule is in error */
    PK_VERDICT_NEEDS_RULING = 4  /* nothing fails or lacks, but a mandatory
                                    rule is open: its readings disagree, and
                                    a competent authority must say which
                                    holds. Ranks between incomplete and
                                    not eligible, whatever its number */
} pk_verdict;

typedef enum pk_category {
    PK_CATEGORY_CRITERION = 0, /* the park's substance */
    PK_CATEGORY_DOCUMENT = 1   /* the dossier's completeness */
} pk_category;

typedef enum pk_severity {
    PK_SEVERITY_MANDATORY = 0, /* counts toward the verdict */
    PK_SEVERITY_ADVISORY = 1   /* informs only */
} pk_severity;

/* Where in the law a rule is: article, clause (0 when none), point ("" when
 * none; a letter such as "c" or "đ"). */
typedef struct pk_citation {
    int article;
    int clause;
    char point[8];
} pk_citation;

/* Stable lower-case names: "pass", "not-applicable", "not-eligible",
 * "criterion", "advisory", "vi"... Static storage. */
PK_EXPORT const char *pk_status_name(pk_status s);
/* A verdict's place from best (0) to worst: eligible, incomplete,
 * needs-ruling, not-eligible, invalid. For sorting and for "the worst of
 * a batch"; -1 for a value that is no verdict. */
PK_EXPORT int pk_verdict_rank(pk_verdict v);
PK_EXPORT const char *pk_verdict_name(pk_verdict v);
PK_EXPORT const char *pk_category_name(pk_category c);
PK_EXPORT const char *pk_severity_name(pk_severity s);

/* The language a locale name asks for: PK_LANG_VI for "vi", "vi_VN.UTF-8"
 * and the like, PK_LANG_EN for anything else or NULL. */
PK_EXPORT pk_lang pk_lang_from_locale(const char *locale);

/* ------------------------------------------------------------------------
 * Engine: the loaded rule packs and the dossier format they read
 * ------------------------------------------------------------------------ */

typedef struct pk_engine pk_engine;

/* Called once for every problem found while loading rule packs (each with
 * its file, line and column), before the load fails. */
typedef void (*pk_diag_fn)(void *userdata, const pk_error *problem);

#define PK_ENGINE_OPTIONS_VERSION 1

/* The limits an engine applies when its options leave them 0. */
#define PK_DEFAULT_MAX_DOSSIER_BYTES ((size_t)16 * 1024 * 1024)
#define PK_DEFAULT_MAX_DEPTH 64u

typedef struct pk_engine_options {
    unsigned version;         /* PK_ENGINE_OPTIONS_VERSION */
    size_t max_dossier_bytes; /* refuse larger dossiers; 0 = the default */
    unsigned max_depth;       /* deepest element nesting; 0 = the default */
    pk_diag_fn on_problem;    /* optional: every rule-pack problem */
    void *userdata;           /* passed to on_problem */
} pk_engine_options;

#define PK_ENGINE_OPTIONS_INIT                                                 \
    {                                                                          \
        PK_ENGINE_OPTIONS_VERSION, 0, 0, NULL, NULL                            \
    }

/* A new engine with the rule packs built into the library.
 * opts may be NULL for the defaults. Free with pk_engine_free(). */
PK_EXPORT int pk_engine_new(pk_engine **out, const pk_engine_options *opts,
                            pk_error *err);

/* A new engine with the rule packs at path instead: one pack file, or a
 * directory whose "*.xml" files that are rule packs are all loaded (the
 * files beside them, such as tests, are left alone). A dossier format
 * description in the directory (root <dossier-format>) replaces the
 * built-in one, and the packs are read through it. Fails with PK_ERULES,
 * having reported every problem to opts->on_problem, if any pack is bad. */
PK_EXPORT int pk_engine_new_from_path(pk_engine **out, const char *path,
                                      const pk_engine_options *opts,
                                      pk_error *err);

/* The same from one pack held in memory; name is used in messages. */
PK_EXPORT int pk_engine_new_from_memory(pk_engine **out, const char *name,
                                        const char *data, size_t len,
                                        const pk_engine_options *opts,
                                        pk_error *err);

PK_EXPORT void pk_engine_free(pk_engine *engine);

/* The loaded packs, in load order. */
PK_EXPORT size_t pk_engine_pack_count(const pk_engine *engine);
PK_EXPORT const char *pk_engine_pack_id(const pk_engine *engine, size_t i);
PK_EXPORT const char *pk_engine_pack_version(const pk_engine *engine, size_t i);
PK_EXPORT const char *pk_engine_pack_title(const pk_engine *engine, size_t i,
                                           pk_lang lang);
/* The first and the last day the pack is in force, "YYYY-MM-DD"; the last
 * is "" while it has no end. */
PK_EXPORT const char *pk_engine_pack_valid_from(const pk_engine *engine,
                                                size_t i);
PK_EXPORT const char *pk_engine_pack_valid_until(const pk_engine *engine,
                                                 size_t i);

/* ------------------------------------------------------------------------
 * Words of the regime: what the dossier format description puts in words
 * (its <words>), so that no writer spells a regime's unit or title
 * ------------------------------------------------------------------------ */

/* The title of a report on this engine's dossiers, in lang, or NULL when
 * the format description gives none. Borrowed; valid while engine lives. */
PK_EXPORT const char *pk_engine_report_title(const pk_engine *engine,
                                             pk_lang lang);

/* The word written after a number in unit ("m2" gives "m²"), in lang: ""
 * when the number stands bare, the unit's own name when the format gives
 * it no words, "" for NULL. Borrowed; valid while engine lives. */
PK_EXPORT const char *pk_engine_unit_word(const pk_engine *engine,
                                          const char *unit, pk_lang lang);

/* A label the regime gives what a report is about, by name, in lang, or
 * NULL when the format description gives none: "name" and "province"
 * (the labels of those roles), "no-name" (said when a dossier gives no
 * name), "criteria" (the heading of the criteria). Borrowed; valid while
 * engine lives. */
PK_EXPORT const char *pk_engine_word(const pk_engine *engine, const char *name,
                                     pk_lang lang);

/* ------------------------------------------------------------------------
 * Rules: what a loaded pack checks
 * ------------------------------------------------------------------------ */

typedef struct pk_rule pk_rule;

/* Where output goes: called with each piece in order; returns 0, or
 * non-zero to stop the writer (which then returns PK_EIO). */
typedef int (*pk_write_fn)(void *userdata, const char *data, size_t len);

/* The rules of pack i, in the pack's order. Borrowed from the engine. */
PK_EXPORT size_t pk_engine_rule_count(const pk_engine *engine, size_t pack);
PK_EXPORT const pk_rule *pk_engine_rule(const pk_engine *engine, size_t pack,
                                        size_t i);
/* The rule with this id in the first pack that has one (its index in
 * *pack when pack is not NULL), or NULL. */
PK_EXPORT const pk_rule *pk_engine_find_rule(const pk_engine *engine,
                                             const char *id, size_t *pack);

PK_EXPORT const char *pk_rule_id(const pk_rule *rule);
PK_EXPORT const char *pk_rule_title(const pk_rule *rule, pk_lang lang);
PK_EXPORT pk_category pk_rule_category(const pk_rule *rule);
PK_EXPORT pk_severity pk_rule_severity(const pk_rule *rule);
PK_EXPORT double pk_rule_weight(const pk_rule *rule);
/* 1 when the rule applies to dossiers of this kind ("establishment"...). */
PK_EXPORT int pk_rule_applies_to(const pk_rule *rule, const char *kind);
/* The provision the rule cites for a kind of dossier; kind NULL gives the
 * one it cites by default. NULL when the rule does not apply to kind. */
PK_EXPORT const pk_citation *pk_rule_citation(const pk_rule *rule,
                                              const char *kind);

/* A citation written out in the words the engine's dossier format gives
 * its law ("Điều 9 khoản 1 điểm c" / "Art. 9(1)(c)" for the built-in one)
 * into buf; returns the length it needs, like snprintf. */
PK_EXPORT size_t pk_engine_citation_format(const pk_engine *engine,
                                           const pk_citation *citation,
                                           pk_lang lang, char *buf,
                                           size_t size);

/* The same in the built-in format's words, whatever format an engine
 * reads: for a program with no engine at hand. */
PK_EXPORT size_t pk_citation_format(const pk_citation *citation, pk_lang lang,
                                    char *buf, size_t size);

/* Writes, for people, what a rule checks: its citations by kind, category
 * and severity, the kinds it applies to, its condition in words with the
 * places in a dossier it reads, and each threshold with its citation and
 * the dates its values are in force. */
PK_EXPORT int pk_rule_describe(const pk_engine *engine, const pk_rule *rule,
                               pk_lang lang, pk_write_fn fn, void *userdata,
                               pk_error *err);

/* What pk_template_write() may be told besides the kind. */
#define PK_TEMPLATE_OPTIONS_VERSION 1

typedef struct pk_template_options {
    unsigned version; /* PK_TEMPLATE_OPTIONS_VERSION */
    /* "YYYY-MM-DD": the skeleton of the pack in force on this day; NULL
     * for today. */
    const char *as_of;
    pk_lang lang; /* the comments' language; PK_LANG_EN by default */
} pk_template_options;

#define PK_TEMPLATE_OPTIONS_INIT                                               \
    {                                                                          \
        PK_TEMPLATE_OPTIONS_VERSION, NULL, PK_LANG_EN                          \
    }

/* Writes, through fn, a skeleton dossier of a kind ("establishment"...)
 * for the pack in force on opts->as_of: every element the pack's rules for
 * that kind read, with blanks to fill and a comment on each saying what it
 * means, its unit and the provisions it serves. Filled in, it is a
 * dossier `check` reads without problems. opts may be NULL for the
 * defaults (today, English). */
PK_EXPORT int pk_template_write(const pk_engine *engine, const char *kind,
                                pk_write_fn fn, void *userdata,
                                const pk_template_options *opts, pk_error *err);

/* ------------------------------------------------------------------------
 * Forms: what a dossier of a kind asks for, as data a form is built from
 * ------------------------------------------------------------------------ */

/* The kinds of dossier the engine's format knows ("establishment"...), in
 * the format's order; *label (when not NULL) gets the kind in words of
 * lang. NULL past the end. Borrowed from the engine. */
PK_EXPORT size_t pk_engine_kind_count(const pk_engine *engine);
PK_EXPORT const char *pk_engine_kind(const pk_engine *engine, size_t i,
                                     const char **label, pk_lang lang);

typedef struct pk_form pk_form;

/* What a field holds. Fixed numbers. */
typedef enum pk_field_type {
    PK_FIELD_SECTION = 0, /* a heading: an element that holds others */
    PK_FIELD_GROUP = 1,   /* a repeatable row (one of several): the fields
                             whose group is its index are its columns */
    PK_FIELD_TEXT = 2,
    PK_FIELD_INTEGER = 3, /* ASCII digits */
    PK_FIELD_DECIMAL = 4, /* digits with an optional '.' fraction */
    PK_FIELD_BOOL = 5,    /* "true" or "false" */
    PK_FIELD_DATE = 6,    /* "YYYY-MM-DD" */
    PK_FIELD_CHOICE = 7   /* one of the field's values */
} pk_field_type;

#define PK_FORM_NO_GROUP ((size_t)-1)

/* One field. Every string is in the form's language and borrowed from it. */
typedef struct pk_field {
    /* Where the value goes in a dossier: an element's text
     * ("/dossier/land/total") or an attribute ("/dossier/zones/zone/@area").
     * A field of a row goes in the row's element, one per row. */
    const char *path;
    pk_field_type type;
    size_t group;      /* the index of its row's GROUP field, or
                          PK_FORM_NO_GROUP */
    size_t depth;      /* how many SECTIONs and GROUPs it is inside */
    const char *label; /* the field in words */
    const char *help;  /* what the rules read here, in words; "" when none */
    const char *citations;  /* the provisions it serves; "" when none */
    const char *unit;       /* the unit a number is in unless a unit field says
                               otherwise ("ha"); "" when none */
    const char *fixed;      /* the value it must have (the kind), or NULL */
    const char *initial;    /* a value to offer first (a date, a unit), or
                               NULL */
    const char *depends_on; /* CHOICE: the name of the attribute of the same
                               element whose value chooses among the values
                               (see pk_form_value's when), or NULL */
    int required;           /* a row is not a row without it */
    int key;                /* says which kind of row it is, or a unit: it
                               states nothing on its own */
    int none_mark;          /* BOOL: "true" says the list has no rows at all */
    size_t nvalues;         /* CHOICE: how many values */
} pk_field;

/* The form for dossiers of kind under the pack in force on as_of
 * ("YYYY-MM-DD"; NULL for today): every field the pack's rules for that
 * kind read and what names the dossier, in the format's order, each with
 * its words from the format description and the pack. Leaving a field
 * blank says "not known"; a list's none_mark field says "none". Fails
 * with PK_EINVAL for an unknown kind or date, PK_ENOPACK when no pack is
 * in force on the date. Free with pk_form_free(). */
PK_EXPORT int pk_form_new(pk_form **out, const pk_engine *engine,
                          const char *kind, const char *as_of, pk_lang lang,
                          pk_error *err);
PK_EXPORT void pk_form_free(pk_form *form);
/* The pack the form is for, its date, its kind and the kind in words. */
PK_EXPORT const char *pk_form_pack_id(const pk_form *form);
PK_EXPORT const char *pk_form_pack_version(const pk_form *form);
PK_EXPORT const char *pk_form_date(const pk_form *form);
PK_EXPORT const char *pk_form_kind(const pk_form *form);
PK_EXPORT const char *pk_form_kind_label(const pk_form *form);
PK_EXPORT size_t pk_form_field_count(const pk_form *form);
/* Field i, or NULL past the end. Valid while the form is. */
PK_EXPORT const pk_field *pk_form_field(const pk_form *form, size_t i);
/* Value i of a CHOICE field as written in a dossier; *label (when not
 * NULL) its words; *when (when not NULL) the value of the field's
 * depends_on attribute under which it is allowed, or NULL for any. NULL
 * past the end. */
PK_EXPORT const char *pk_form_value(const pk_form *form, size_t field, size_t i,
                                    const char **label, const char **when);

/* ------------------------------------------------------------------------
 * Dossier: one parsed input file
 * ------------------------------------------------------------------------ */

typedef struct pk_dossier pk_dossier;

/* Reads a dossier. A file that cannot be read as a dossier at all (not
 * found, too big, not UTF-8, not well-formed XML, a DOCTYPE, not a dossier)
 * fails with its code and the position in err. A readable dossier with bad
 * values succeeds: each problem is kept in the dossier as an error or a
 * warning (see pk_report_problem*) and the facts it touches are invalid.
 * path "-" is not special here. Free with pk_dossier_free(). */
PK_EXPORT int pk_dossier_read_file(pk_dossier **out, const pk_engine *engine,
                                   const char *path, pk_error *err);
/* The same from memory; name is the source in messages (may be NULL). The
 * buffer is not kept. */
PK_EXPORT int pk_dossier_read_memory(pk_dossier **out, const pk_engine *engine,
                                     const char *name, const char *data,
                                     size_t len, pk_error *err);
PK_EXPORT void pk_dossier_free(pk_dossier *dossier);

/* ------------------------------------------------------------------------
 * Report: the evaluation of one dossier
 * ------------------------------------------------------------------------ */

typedef struct pk_report pk_report;
typedef struct pk_result pk_result;

#define PK_EVAL_OPTIONS_VERSION 1

typedef struct pk_eval_options {
    unsigned version; /* PK_EVAL_OPTIONS_VERSION */
    /* "YYYY-MM-DD": evaluate as of this date instead of the dossier's
     * submission date; NULL to use the dossier's. */
    const char *as_of;
} pk_eval_options;

#define PK_EVAL_OPTIONS_INIT                                                   \
    {                                                                          \
        PK_EVAL_OPTIONS_VERSION, NULL                                          \
    }

/* Evaluates a dossier with the pack in force on its date. Fails only for
 * out of memory, bad arguments or an unreadable as_of; a dossier that no
 * pack covers gives a report with verdict invalid and a problem saying so.
 * The report does not refer to the dossier afterwards, but it does refer
 * to the engine's packs: free every report before its engine. */
PK_EXPORT int pk_evaluate(pk_report **out, const pk_engine *engine,
                          const pk_dossier *dossier,
                          const pk_eval_options *opts, pk_error *err);

/* Reads and evaluates in one call, and never loses the file: whatever is
 * wrong with it, a report comes back (verdict invalid, the problem listed)
 * unless memory runs out. name may be NULL. */
PK_EXPORT int pk_check_file(pk_report **out, const pk_engine *engine,
                            const char *path, const pk_eval_options *opts,
                            pk_error *err);
PK_EXPORT int pk_check_memory(pk_report **out, const pk_engine *engine,
                              const char *name, const char *data, size_t len,
                              const pk_eval_options *opts, pk_error *err);

PK_EXPORT void pk_report_free(pk_report *report);

/* The file or name the dossier came from ("" when none). */
PK_EXPORT const char *pk_report_source(const pk_report *report);
PK_EXPORT pk_verdict pk_report_verdict(const pk_report *report);
/* The score: the weighted share of the applicable mandatory rules that
 * pass, 0 to 100. It measures how much of the check passes, not how good
 * a dossier is: a not-eligible dossier may score above an incomplete one,
 * so order dossiers by verdict, never by score. Negative when there is
 * none: an invalid dossier (whatever passed, its figures cannot be
 * trusted) or one to which no mandatory rule applies. */
PK_EXPORT double pk_report_score(const pk_report *report);
/* The dossier kind as written ("establishment"...), "" when unknown. */
PK_EXPORT const char *pk_report_kind(const pk_report *report);
/* The park's name and province as the dossier gives them, "" when not. */
PK_EXPORT const char *pk_report_park_name(const pk_report *report);
PK_EXPORT const char *pk_report_province(const pk_report *report);
/* The date the rules were taken as of ("YYYY-MM-DD", "" when none), and
 * the pack used (its id and version; "" when none was in force). */
PK_EXPORT const char *pk_report_date(const pk_report *report);
PK_EXPORT const char *pk_report_pack_id(const pk_report *report);
PK_EXPORT const char *pk_report_pack_version(const pk_report *report);
/* A notice from the pack in force about the date (a newer regime applies,
 * say), "" when none. */
PK_EXPORT const char *pk_report_notice(const pk_report *report, pk_lang lang);

/* ------------------------------------------------------------------------
 * Regimes and provenance
 *
 * An engine may hold several packs, one per legal regime, each with its
 * period in force; a dossier is checked under the one in force on its
 * date unless the caller names one. Each rule and threshold says how sure
 * its pack is of it, and a pack whose source text is not yet available is
 * provisional. docs/regimes.md explains both.
 * ------------------------------------------------------------------------ */

/* How sure a pack is of a rule: ordered from least to most sure. */
typedef enum pk_provenance {
    PK_PROVENANCE_UNSTATED = 0,         /* the pack does not say */
    PK_PROVENANCE_PRESS_SINGLE = 1,     /* one report of the text */
    PK_PROVENANCE_PRESS_CONSISTENT = 2, /* several reports that agree */
    PK_PROVENANCE_OFFICIAL = 3          /* the official text itself */
} pk_provenance;

/* "unstated", "press-single", "press-consistent", "official" (the pack's
 * level= values); "" for anything else. Static strings. */
PK_EXPORT const char *pk_provenance_name(pk_provenance provenance);
/* The same in words for a report, in lang. Static strings. */
PK_EXPORT const char *pk_provenance_label(pk_provenance provenance,
                                          pk_lang lang);

/* Whether pack i is provisional (its source text is not yet available)
 * and the pack's words on why ("" when not). Borrowed from the engine. */
PK_EXPORT int pk_engine_pack_provisional(const pk_engine *engine, size_t i);
PK_EXPORT const char *pk_engine_pack_provisional_text(const pk_engine *engine,
                                                      size_t i, pk_lang lang);

/* Checks every dossier under the pack with this id, whatever its date
 * (NULL: back to the pack in force on each dossier's date). A dossier
 * outside the pack's period is marked (pk_report_regime()). PK_EINVAL when
 * no loaded pack has the id. Call it before sharing the engine between
 * threads. */
PK_EXPORT int pk_engine_select_pack(pk_engine *engine, const char *id,
                                    pk_error *err);

/* How sure the pack is of a rule: the least sure of the rule itself and
 * of every threshold it compares with; and where that comes from, in
 * lang ("" when the pack does not say). Borrowed from the engine. */
PK_EXPORT pk_provenance pk_rule_provenance(const pk_rule *rule);
PK_EXPORT const char *pk_rule_provenance_source(const pk_rule *rule,
                                                pk_lang lang);
PK_EXPORT pk_provenance pk_result_provenance(const pk_result *result);
PK_EXPORT const char *pk_result_provenance_source(const pk_result *result,
                                                  pk_lang lang);

/* Whether the report was made under a provisional pack, and the pack's
 * words on why ("" when not). */
PK_EXPORT int pk_report_provisional(const pk_report *report);
PK_EXPORT const char *pk_report_provisional_text(const pk_report *report,
                                                 pk_lang lang);

/* Whether the pack the report was made under was in force on the
 * dossier's date: it is not when the caller named the pack. */
typedef enum pk_regime {
    PK_REGIME_IN_FORCE = 0,
    PK_REGIME_SUPERSEDED = 1, /* the date is after the pack's last day */
    PK_REGIME_NOT_YET = 2     /* the date is before its first day */
} pk_regime;
PK_EXPORT pk_regime pk_report_regime(const pk_report *report);
/* "in-force", "superseded", "not-yet-in-force". Static strings. */
PK_EXPORT const char *pk_regime_name(pk_regime regime);
/* A sentence saying so for a report outside its pack's period ("" for
 * one in force), naming the pack's period. Owned by the report. */
PK_EXPORT const char *pk_report_regime_text(const pk_report *report,
                                            pk_lang lang);

/* What the pack knows the law asks of this kind of dossier but cannot
 * check yet (the figure is not known): the items, each with an id, a
 * title and a citation, and the pack's words on why ("not checked: ...").
 * Borrowed from the engine; NULL past the end. */
PK_EXPORT size_t pk_report_unchecked_count(const pk_report *report);
PK_EXPORT const char *pk_report_unchecked_id(const pk_report *report, size_t i);
PK_EXPORT const char *pk_report_unchecked_title(const pk_report *report,
                                                size_t i, pk_lang lang);
PK_EXPORT const char *pk_report_unchecked_citation_text(const pk_report *report,
                                                        size_t i, pk_lang lang);
PK_EXPORT const char *pk_report_unchecked_reason(const pk_report *report,
                                                 pk_lang lang);

/* Problems with the input: errors (the file, or a value, is invalid) and
 * warnings (an unknown element, say), in document order. */
PK_EXPORT size_t pk_report_problem_count(const pk_report *report);
PK_EXPORT const pk_error *pk_report_problem(const pk_report *report, size_t i);
/* Problem i's message in lang: the same as pk_report_problem()->message in
 * English; in Vietnamese where the library words it so (libxml2's own
 * details stay English). NULL when i is out of range. */
PK_EXPORT const char *pk_report_problem_text(const pk_report *report, size_t i,
                                             pk_lang lang);
/* 1 when problem i is a warning, 0 when it is an error. */
PK_EXPORT int pk_report_problem_is_warning(const pk_report *report, size_t i);

/* Results, one per rule of the pack, in the pack's order. */
PK_EXPORT size_t pk_report_result_count(const pk_report *report);
PK_EXPORT const pk_result *pk_report_result(const pk_report *report, size_t i);

/* Per-article sub-scores: how many applicable mandatory rules cite the
 * article, their weights, and the weight of those that pass. */
typedef struct pk_article_score {
    int article;
    unsigned rules;
    double weight;
    double passed_weight;
} pk_article_score;
PK_EXPORT size_t pk_report_article_count(const pk_report *report);
PK_EXPORT const pk_article_score *pk_report_article(const pk_report *report,
                                                    size_t i);

PK_EXPORT const char *pk_result_id(const pk_result *result);
PK_EXPORT pk_status pk_result_status(const pk_result *result);
PK_EXPORT pk_category pk_result_category(const pk_result *result);
PK_EXPORT pk_severity pk_result_severity(const pk_result *result);
PK_EXPORT double pk_result_weight(const pk_result *result);
PK_EXPORT const pk_citation *pk_result_citation(const pk_result *result);
/* The citation written out: "Điều 7 khoản 2" / "Art. 7(2)",
 * "Điều 9 khoản 1 điểm c" / "Art. 9(1)(c)". Valid while the report is.
 * Written out with the report (a report is not made when memory runs
 * out), so this and the other text getters of a result only read. */
PK_EXPORT const char *pk_result_citation_text(const pk_result *result,
                                              pk_lang lang);
PK_EXPORT const char *pk_result_title(const pk_result *result, pk_lang lang);
/* What the rule found, in words, with the values, thresholds and any
 * shortfall quoted (numbers written the language's way). Valid while the
 * report is. Written out with the report, like
 * pk_result_citation_text(). */
PK_EXPORT const char *pk_result_message(const pk_result *result, pk_lang lang);

/* Readings: a provision whose words leave it open is stated in the pack
 * as several readings, each decided on its own. A result has none when
 * the provision is settled. Ids are the pack's ("net", "per-park");
 * titles and explanations are the pack's words in lang. Out of range: 0
 * readings, NULL texts, PK_STATUS_ERROR. */
PK_EXPORT size_t pk_result_reading_count(const pk_result *result);
PK_EXPORT const char *pk_result_reading_id(const pk_result *result, size_t i);
PK_EXPORT const char *pk_result_reading_title(const pk_result *result, size_t i,
                                              pk_lang lang);
PK_EXPORT const char *pk_result_reading_explanation(const pk_result *result,
                                                    size_t i, pk_lang lang);
/* Reading i's outcome: pass, fail, unknown or error (never open or
 * not-applicable; an inapplicable rule has no reading outcomes: 0). */
PK_EXPORT pk_status pk_result_reading_status(const pk_result *result, size_t i);
/* The decree's words that leave the provision open, as the pack quotes
 * them (the English a translation); "" when the rule has no readings. */
PK_EXPORT const char *pk_result_open_words(const pk_result *result,
                                           pk_lang lang);

/* A value as read or derived. */
typedef enum pk_value_kind {
    PK_VALUE_MISSING = 0, /* the dossier does not say */
    PK_VALUE_INVALID = 1, /* it says something malformed */
    PK_VALUE_NUMBER = 2,
    PK_VALUE_TEXT = 3, /* text, a name from a vocabulary, or a date */
    PK_VALUE_BOOL = 4,
    PK_VALUE_SET = 5 /* several names; text joins them with spaces */
} pk_value_kind;

typedef struct pk_value_info {
    const char *id; /* the fact's or parameter's id */
    pk_value_kind kind;
    double number;    /* PK_VALUE_NUMBER (ratios as fractions: 0.6) */
    int boolean;      /* PK_VALUE_BOOL */
    const char *text; /* PK_VALUE_TEXT and PK_VALUE_SET; else NULL */
    const char *unit; /* "ha", "ratio", "people"... or "" */
} pk_value_info;

/* Facts read for this rule (id -> value), and the facts whose absence
 * keeps an unknown rule from being decided. */
PK_EXPORT size_t pk_result_value_count(const pk_result *result);
PK_EXPORT const pk_value_info *pk_result_value(const pk_result *result,
                                               size_t i);
PK_EXPORT size_t pk_result_missing_count(const pk_result *result);
PK_EXPORT const char *pk_result_missing(const pk_result *result, size_t i);
/* A fact's label in words ("IT-specialist workers", ...), by id; NULL for
 * an id the pack does not define. */
PK_EXPORT const char *pk_result_fact_label(const pk_result *result,
                                           const char *fact_id, pk_lang lang);
/* Where in the dossier a fact is read, as the pack's path
 * ("/dossier/workforce/total"); "" for a fact computed from others; NULL
 * for an id the pack does not define. Tells a drafter what to add. */
PK_EXPORT const char *pk_result_fact_location(const pk_result *result,
                                              const char *fact_id);

/* The comparison that decided the rule, when one did: the value read, the
 * threshold and, on failure, the shortfall (how far the value is from the
 * threshold; for ratios in fractions, 0.05 = 5 points). Returns 0 and
 * fills *out, or PK_EINVAL when the rule has no deciding comparison.
 *
 * The comparison may be of numbers, dates (value and threshold in days
 * since 1970-01-01, unit "date"), yes/no values, texts or sets. Only for
 * numbers and dates are value, threshold and shortfall numbers; for the
 * others they are NaN (never 0, which would read as a value), and
 * pk_result_comparison_value() gives both sides typed. op is then also one
 * of "contains" (the set has one of the required names), "in" (the text is
 * one of them), "matches" (the text is of the required pattern), "empty",
 * or any of these four prefixed "not-" (the rule asks for the opposite);
 * a comparison of numbers under a negation has its op turned round
 * ("ge" becomes "lt"). */
typedef struct pk_comparison {
    const char *fact;  /* fact id */
    const char *param; /* parameter id, or NULL for a constant/fact */
    const char *op;    /* "ge", "gt", "le", "lt", "eq", "ne", ... */
    double value;
    double threshold;
    double shortfall; /* 0 when the comparison holds */
    const char *unit;
} pk_comparison;
PK_EXPORT int pk_result_comparison(const pk_result *result, pk_comparison *out);

/* The two sides of the deciding comparison, typed, for any kind of
 * comparison: *value is what the dossier gives (its id the fact's: a
 * number, a yes/no, a text, a date as PK_VALUE_TEXT "YYYY-MM-DD", or a
 * set); *required is what the rule compares it with, with the op of
 * pk_result_comparison(): a number (id the parameter's), a yes/no ("eq"
 * true: the rule asks for yes), a text, a date, another fact's value (its
 * id that fact's), a set of names (for "contains" and "in": any one of
 * them), the pattern as text ("matches"), or PK_VALUE_MISSING when it asks
 * for no value in particular ("empty", "not-empty"). A set's text joins
 * its names with spaces. Either pointer may be NULL. Texts are valid while
 * the report is. Returns 0, or PK_EINVAL when the rule has no deciding
 * comparison (pk_result_comparison() fails alike). */
PK_EXPORT int pk_result_comparison_value(const pk_result *result,
                                         pk_value_info *value,
                                         pk_value_info *required);

/* Whether the deciding comparison's value is the fact's own (0) or a
 * bound of a fact the dossier does not give in full, which already
 * decided the rule: 1 when the value is at least the one quoted (the
 * known zones of a sum already meet a minimum), -1 when at most (a park's
 * share already below a minimum is at most the least of all). 0 also when
 * the rule has no deciding comparison. */
PK_EXPORT int pk_result_comparison_bound(const pk_result *result);

/* The deciding comparison in words of lang, for people: the fact's label,
 * the value read and what is required, such as "Có trong quy hoạch tổng
 * thể: có · Yêu cầu: có" or "IT-specialist workers: 1,850 · Required:
 * ≥ 2,000" (numbers and dates written the language's way; a yes/no as
 * yes/no, a set as its members' names, a text quoted). NULL when the rule
 * has no deciding comparison. Valid while the report is. Written out
 * with the report, like pk_result_message(). */
PK_EXPORT const char *pk_result_comparison_text(const pk_result *result,
                                                pk_lang lang);

/* ------------------------------------------------------------------------
 * Writers: reports of one or many dossiers, in several formats
 * ------------------------------------------------------------------------ */

/* Output formats (docs/output-formats.md describes each). Fixed numbers:
 * never renumbered, never reused. */
typedef enum pk_format {
    PK_FORMAT_TEXT = 0,   /* for people, in a terminal */
    PK_FORMAT_JSON = 1,   /* one JSON object for the run */
    PK_FORMAT_HTML = 2,   /* one self-contained page; prints on A4. The
                             page is written by pk_writer_finish(): the
                             batch's summary table comes first */
    PK_FORMAT_CSV = 3,    /* a row per dossier; UTF-8 with BOM, CRLF */
    PK_FORMAT_JUNIT = 4,  /* JUnit XML: a test case per rule; written by
                             pk_writer_finish(), which knows the totals */
    PK_FORMAT_NDJSON = 5, /* a JSON line per dossier, written as it is
                             added */
    /* The reviewer's desk */
    PK_FORMAT_SUMMARY = 6, /* the batch summary alone: a page of HTML per
                             40 dossiers, a row each with its verdict and
                             why, sorted by verdict then park and file;
                             written by pk_writer_finish() */
    PK_FORMAT_XLSX = 7     /* an Office Open XML workbook (binary): a
                              summary sheet, a row per dossier as in
                              summary, and a sheet of every result; written
                              by pk_writer_finish() */
} pk_format;

typedef struct pk_writer pk_writer;

/* How a writer writes. */
#define PK_WRITER_OPTIONS_VERSION 1

typedef struct pk_writer_options {
    unsigned version; /* PK_WRITER_OPTIONS_VERSION */
    pk_format format; /* PK_FORMAT_TEXT by default */
    pk_lang lang;     /* PK_LANG_EN by default */
} pk_writer_options;

#define PK_WRITER_OPTIONS_INIT                                                 \
    {                                                                          \
        PK_WRITER_OPTIONS_VERSION, PK_FORMAT_TEXT, PK_LANG_EN                  \
    }

/* A writer for a sequence of reports, which it hands to fn (with
 * userdata) piece by piece. opts may be NULL for the defaults (text,
 * English). The engine is used for the list of packs in the output's
 * header and must outlive the writer. */
PK_EXPORT int pk_writer_new(pk_writer **out, const pk_engine *engine,
                            pk_write_fn fn, void *userdata,
                            const pk_writer_options *opts, pk_error *err);
/* Writes one report (in the order the calls are made). */
PK_EXPORT int pk_writer_add(pk_writer *writer, const pk_report *report,
                            pk_error *err);
/* Counts a report the caller checked but leaves out of the output (it
 * shows only some verdicts, say): nothing of it is written, and it takes
 * no index of pk_writer_format(). The totals a batch closes with count
 * it with the reports written, and say how many dossiers were checked,
 * how many are shown and the verdicts of those left out: the text
 * summary, the HTML page's summary and the summary format's counts
 * (which then appear even for fewer than two reports written). JSON's
 * "summary" and JUnit's totals still count only what they hold. The
 * report stays the caller's. PK_EINVAL for a NULL report or a finished
 * writer, PK_EIO for one whose output failed. */
PK_EXPORT int pk_writer_leave_out(pk_writer *writer, const pk_report *report,
                                  pk_error *err);
/* Writes what closes the output (the end of the JSON object, the text
 * summary). Call once, after the last pk_writer_add(). */
PK_EXPORT int pk_writer_finish(pk_writer *writer, pk_error *err);
PK_EXPORT void pk_writer_free(pk_writer *writer);

/* Formatting ahead, for batches on several threads. Formatting a report
 * costs far more than writing it out, so a program that checks dossiers
 * on worker threads can have each worker format its own report:
 *
 *   worker:  pk_writer_format(writer, report, i, &piece, &err);
 *            (the report may be freed now)
 *   writer's thread, in input order:
 *            pk_writer_add_piece(writer, piece, &err);
 *            pk_writer_piece_free(piece);
 *
 * and gets the same bytes as pk_writer_add() of each report in turn.
 * pk_writer_format() formats report as the index-th report (0-based) the
 * writer will be given. It reads only what pk_writer_new() set, so any
 * number of threads may call it at once on one writer, also while another
 * thread calls pk_writer_add_piece() or pk_writer_add() on it; each report
 * belongs to the thread that formats it. Fails only for bad arguments or
 * out of memory. The piece does not refer to the report. */
typedef struct pk_writer_piece pk_writer_piece;
PK_EXPORT int pk_writer_format(const pk_writer *writer, const pk_report *report,
                               size_t index, pk_writer_piece **out,
                               pk_error *err);
/* Writes a piece pk_writer_format() made on this writer, as
 * pk_writer_add() would write its report. Its index must be the number of
 * reports added so far (PK_EINVAL otherwise, and nothing is written: add
 * the report itself instead, after a report that was left out, say). The
 * piece stays the caller's. */
PK_EXPORT int pk_writer_add_piece(pk_writer *writer,
                                  const pk_writer_piece *piece, pk_error *err);
PK_EXPORT void pk_writer_piece_free(pk_writer_piece *piece);

/* The reviewer's desk: a summary writer's rows link to each dossier's own
 * report. Sets the link (a URL, relative to the summary's page, such as
 * "near-miss.html") of the next report given to a PK_FORMAT_SUMMARY
 * writer by pk_writer_add() or pk_writer_add_piece(); NULL for none. A
 * link is for one report only: the one after has none unless set again.
 * The text is copied. PK_EINVAL for a writer of another format or one
 * already finished; PK_ENOMEM. */
PK_EXPORT int pk_writer_link_next(pk_writer *writer, const char *href,
                                  pk_error *err);
/* Sets a note for the next report given to a PK_FORMAT_SUMMARY writer,
 * shown in its row under the dossier's name: what the caller has to say
 * of that dossier beyond its check, such as that its own report could not
 * be written. Plain text, in the writer's language (the caller's words);
 * NULL for none. Like a link, a note is for one report only, and it is
 * copied. PK_EINVAL for a writer of another format or one already
 * finished; PK_ENOMEM. */
PK_EXPORT int pk_writer_note_next(pk_writer *writer, const char *note,
                                  pk_error *err);

/* What changed between two versions of a dossier, checked into old_report
 * and new_report: the facts the dossier gives that differ (the value
 * before and after, and where in the dossier it is written), every rule
 * whose status moved (before, after, and the new report's message saying
 * why), the verdict before and after; when the two were checked under
 * different rule packs or as of different dates, it says so first.
 * format is PK_FORMAT_TEXT, PK_FORMAT_JSON (one object, "diff": 1) or
 * PK_FORMAT_HTML (one page); texts in lang. The output goes to fn in one
 * call. PK_EINVAL for another format, PK_ENOMEM, or PK_EIO when fn
 * fails. */
PK_EXPORT int pk_diff_write(const pk_report *old_report,
                            const pk_report *new_report, pk_format format,
                            pk_lang lang, pk_write_fn fn, void *userdata,
                            pk_error *err);

/* Parses a format name as --format spells it, exactly (lower case):
 * "text", "json", "html", "csv", "junit", "ndjson", "summary", "xlsx". Returns
 * 0 or PK_EINVAL. */
PK_EXPORT int pk_format_from_name(const char *name, pk_format *out);

#ifdef __cplusplus
}
#endif

#endif /* PARKCHECK_H */
