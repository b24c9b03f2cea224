/* Checks the dossier format declares on the values themselves (the
 * <checks> of rules/schema/dossier-1.xml): a part never larger than its
 * whole, two statements that cannot both be true, a date never after
 * another, and warnings for figures that look like a unit slip. Compiled
 * with the format, run once per dossier after it is read. */
#ifndef PK_BOUNDS_H
#define PK_BOUNDS_H

#include "pack.h"
#include "xmldoc.h"

typedef enum pk_bound_kind {
    PK_BOUND_PART_OF = 0, /* part <= whole: an input error */
    PK_BOUND_ABOVE,       /* a value written in one unit above a limit */
    PK_BOUND_SHARE_BELOW, /* part / whole below a share */
    PK_BOUND_EXCLUDES,    /* part is is[0] and whole is is[1]: two statements
                             that cannot both be true, an input error */
    PK_BOUND_NOT_AFTER    /* the date part after the date whole: an input
                             error */
} pk_bound_kind;

typedef struct pk_bound {
    pk_bound_kind kind;
    pk_path each; /* elem PK_NONE: the paths are absolute */
    int has_each;
    pk_path part, whole; /* part only for PK_BOUND_ABOVE */
    char *label[2][2];   /* [part/whole][vi/en] */
    char *hint[2];       /* what to do, vi/en (warnings) */
    char *unit;          /* PK_BOUND_ABOVE: the unit written */
    char *is[2];         /* PK_BOUND_EXCLUDES: the two values, as written */
    int64_t lim_num, lim_den;
    unsigned line; /* in the format file, for messages about it */
} pk_bound;

struct pk_bounds {
    size_t count;
    pk_bound *items;
};

/* Compiles a <checks> element of the format; fills err on a bad one. */
int pk_bounds_load(pk_dformat *f, pk_xmldoc *x, xmlNode *node, pk_error *err);
void pk_bounds_free(struct pk_bounds *b);

/* Where the reader says a node's value (attr PK_NONE: its text) is. */
typedef void (*pk_pos_fn)(void *ctx, uint32_t node, uint32_t attr,
                          unsigned *line, unsigned *col);
/* Longer than a pk_msgpair: these messages quote two figures, their
 * labels and positions. */
typedef struct pk_boundmsg {
    char en[PK_ERROR_TEXT_MAX];
    char vi[PK_ERROR_TEXT_MAX];
} pk_boundmsg;

/* Records a problem at a node's value. */
typedef void (*pk_problem_fn)(void *ctx, int warning, uint32_t node,
                              uint32_t attr, const pk_boundmsg *m);

/* Runs the format's checks on d. A part larger than its whole makes both
 * values invalid (with the part's position), and so do two statements
 * that exclude each other; a date after the one it cannot follow is made
 * invalid itself: no rule decides on them. PK_OK or PK_ENOMEM. */
int pk_bounds_check(pk_dossier *d, pk_pos_fn pos, pk_problem_fn problem,
                    void *ctx);

#endif
