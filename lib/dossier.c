/* Reading a dossier: libxml2's SAX2 parser, no tree (unless a pack reads
 * facts by XPath), each element matched to the format as it streams past
 * and its values typed on the spot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "encoding.h"
#include "syntax.h"
#include "bounds.h"
#include "messages.h"
#include "prescan.h"
#include "unicode.h"
#include "xmldoc.h"

/* Beyond this many problems a dossier is not worth listing further; the
 * cap also bounds the work hostile input can cause. */
#define PK_MAX_PROBLEMS 200

/* No element of a dossier has more than a handful of attributes. libxml2
 * before 2.11 looks for a repeated attribute by comparing each with every
 * one before it, so a start tag of 200,000 attributes (2 MB) took it 40 s
 * of CPU, and 16 MiB of them hours; such a tag is refused before libxml2
 * reads it. */
#define PK_MAX_ATTRIBUTES 256

typedef struct reader {
    pk_dossier *d;
    const pk_dformat *f;
    xmlParserCtxtPtr ctxt;
    const char *data;
    size_t len;
    unsigned max_depth;
    int build_tree;
    uint32_t *stack; /* node per depth; PK_NONE inside an unknown element */
    /* libxml2 hands each distinct name out as one pointer per parse (its
     * dictionary): the name each format element, and each attribute
     * (attr_base[elem] + index), was last matched with, so that a name met
     * again is found without comparing strings. */
    const xmlChar **seen;
    uint32_t *attr_base;
    unsigned depth;
    pk_strbuf text;
    int text_warned;
    size_t content_off; /* where the current element's content starts */
    size_t elem_end;    /* where the current element's attributes end
                           (tag_start_before() finds its start tag) */
    int fatal;          /* PK_E... once parsing must stop */
    pk_error *err;
    /* libxml2's first complaint: the later ones follow from it */
    int have_xml_error;
    int xml_nomem; /* libxml2 ran out of memory */
    unsigned xml_line, xml_col;
    pk_xml_fault fault; /* what it was, for words of our own */
    pk_textpos pos;     /* offset -> line:column for problems */
    int capped;
    int plain; /* every character is NFC as it stands (pk_utf8_scan) */
} reader;

static size_t input_offset(const reader *r)
{
    const xmlParserInputPtr in = r->ctxt->input;
    size_t off = (size_t)in->consumed + (size_t)(in->cur - in->base);

    return off > r->len ? r->len : off;
}

static void pos_of(reader *r, size_t off, unsigned *line, unsigned *col)
{
    pk_textpos_at(&r->pos, off, line, col);
}

static void stop(reader *r, int code)
{
    if (!r->fatal)
        r->fatal = code;
    xmlStopParser(r->ctxt);
}

/* 1 when the list is full and the problem at off is only counted: the
 * first such adds one warning saying the rest are not listed. */
static int over_cap(reader *r, int warning, size_t off)
{
    pk_problems *p = &r->d->problems;
    unsigned line, col;

    if (p->count < PK_MAX_PROBLEMS)
        return 0;
    if (!r->capped) {
        pk_error e;
        char max[16];
        r->capped = 1;
        pos_of(r, off, &line, &col);
        snprintf(max, sizeof max, "%d", PK_MAX_PROBLEMS);
        pk_error_say(&e, PK_ELIMIT, PK_MSG_TOO_MANY_PROBLEMS, r->d->source,
                     line, col, off, PK_ARGS(max));
        if (pk_problems_add_error(p, 1, &e, r->d->source) != PK_OK)
            stop(r, PK_ENOMEM);
    }
    if (!warning)
        p->errors++;
    return 1;
}

/* Records a problem at off: message id of the registry (messages.h) with
 * its arguments, worded in a language only when shown. */
static void problem_say(reader *r, int warning, int code, size_t off,
                        unsigned id, size_t nargs, const char *const *args)
{
    pk_error e;
    unsigned line, col;

    if (over_cap(r, warning, off))
        return;
    pos_of(r, off, &line, &col);
    pk_error_say(&e, code, id, r->d->source, line, col, off, nargs, args);
    if (pk_problems_add_error(&r->d->problems, warning, &e, r->d->source) !=
        PK_OK)
        stop(r, PK_ENOMEM);
}

#define PROBLEM(r, warning, code, off, id, ...)                                \
    problem_say(r, warning, code, off, id, PK_ARGS(__VA_ARGS__))

/* The names the format allows in or on an element, for
 * pk_suggest_name(). */
typedef struct names_at {
    const pk_dformat *f;
    const pk_felem *e;
} names_at;

static const char *child_name(void *ud, size_t i)
{
    const names_at *n = ud;
    return n->f->elems[n->e->children[i]].name;
}

static const char *attr_name(void *ud, size_t i)
{
    const names_at *n = ud;
    return n->e->attrs[i].name;
}

/* A reason the dossier cannot be read: message id (messages.def) at off
 * (PK_NO_OFFSET for none), line:column, with its arguments (PK_ARGS()). */
#define FATAL(r, code, id, off, line, col, args)                               \
    pk_error_say((r)->err, code, id, (r)->d->source, line, col, off, args)

/* The offset of the '<' of a start tag whose attributes end at off (the
 * input offset in its callback), worked out only when a problem needs it. */
static size_t tag_start_before(const reader *r, size_t off)
{
    /* At the end of the input the parser stands past the last byte, and a
     * buffer from pk_dossier_read_memory() need not be NUL-terminated. */
    if (off >= r->len && off > 0)
        off = r->len - 1;
    while (off > 0 && r->data[off] != '<')
        off--;
    return off;
}

/* The same for the start tag the parser has just read. */
static size_t tag_start(const reader *r)
{
    return tag_start_before(r, input_offset(r));
}

static size_t attr_off(const reader *r, size_t tag, const char *name)
{
    return pk_tag_attr_offset(r->data, r->len, tag, name);
}

static size_t skip_blank(const reader *r, size_t off)
{
    while (off < r->len && (r->data[off] == ' ' || r->data[off] == '\n' ||
                            r->data[off] == '\t' || r->data[off] == '\r'))
        off++;
    return off;
}

static const char *elem_name(const reader *r, uint32_t e)
{
    return r->f->elems[e].name;
}

/* Types the string s, the text of element elem or its attribute attr
 * (NULL for the text), by v into out (pk_value_type()) and reports what
 * is wrong with it. at is where the element's attributes end (see
 * elem_end) for an attribute, where its content starts for its text: where
 * a problem is reported is worked out from it only when there is one,
 * since nearly every value is fine. */
static void type_value(reader *r, const pk_fvalue *v, const char *elem,
                       const char *attr, const char *s, size_t at,
                       const pk_val *attrs, pk_val *out)
{
    pk_msgargs msg;
    int rc = pk_value_type(v, s, attrs, &r->d->arena, out, &msg);
    unsigned line, col;
    size_t off;

    /* A text with a character the scan of the file could not vouch for
     * is read in NFC (unicode.h): combining marks become the letters. */
    if (rc == PK_OK && out->kind == PK_V_TEXT && !r->plain &&
        !pk_nfc_plain(out->text, strlen(out->text)) &&
        (out->text =
             pk_arena_nfc(&r->d->arena, out->text, strlen(out->text))) == NULL)
        rc = PK_ENOMEM;
    if (rc == PK_ENOMEM) {
        stop(r, PK_ENOMEM);
        return;
    }
    if (rc == PK_OK && out->kind != PK_V_INVALID)
        return;
    out->kind = PK_V_INVALID;
    off = attr != NULL ? attr_off(r, tag_start_before(r, at), attr)
                       : skip_blank(r, at);
    pos_of(r, off, &line, &col);
    out->line = line;
    out->col = col;
    if (rc != PK_OK) {
        char what[128], where[136];
        const char *args[PK_MSGARGS_MAX + 1];
        size_t nargs;
        /* "<total>" or "<zone area>": the same in both languages */
        if (attr != NULL)
            snprintf(what, sizeof what, "<%s %s>", elem, attr);
        else
            snprintf(what, sizeof what, "<%s>", elem);
        snprintf(where, sizeof where, "%.60s: ", what);
        nargs = pk_msgargs_unpack(&msg, where, args, PK_MSGARGS_MAX + 1);
        problem_say(r, 0, rc, off, msg.id, nargs, args);
    }
}

/* pk_format_child() and pk_format_attr(), remembering what they found. */
static uint32_t child_named(reader *r, uint32_t parent, const xmlChar *name)
{
    const pk_felem *p = &r->f->elems[parent];
    uint32_t e;

    for (size_t i = 0; i < p->nchildren; i++)
        if (r->seen[p->children[i]] == name)
            return p->children[i];
    e = pk_format_child(r->f, parent, (const char *)name);
    if (e != PK_NONE)
        r->seen[e] = name;
    return e;
}

static uint32_t attr_named(reader *r, uint32_t elem, const xmlChar *name)
{
    const xmlChar **seen = r->seen + r->attr_base[elem];
    uint32_t a;

    for (uint32_t i = 0; i < r->f->elems[elem].nattrs; i++)
        if (seen[i] == name)
            return i;
    a = pk_format_attr(r->f, elem, (const char *)name);
    if (a != PK_NONE)
        seen[a] = name;
    return a;
}

static int push_node(reader *r, uint32_t elem, uint32_t parent, uint32_t *index)
{
    pk_dossier *d = r->d;
    pk_dnode *n;
    const pk_felem *fe = &r->f->elems[elem];

    if (d->nnodes == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        pk_dnode *nodes = realloc(d->nodes, cap * sizeof *nodes);
        if (nodes == NULL)
            return PK_ENOMEM;
        d->nodes = nodes;
        d->cap = cap;
    }
    n = &d->nodes[d->nnodes];
    memset(n, 0, sizeof *n);
    n->elem = elem;
    n->parent = parent;
    n->next_same = PK_NONE;
    if (fe->nattrs > 0) {
        n->attrs = pk_arena_alloc(&d->arena, fe->nattrs * sizeof *n->attrs);
        if (n->attrs == NULL)
            return PK_ENOMEM;
    }
    if (d->last[elem] != PK_NONE)
        d->nodes[d->last[elem]].next_same = (uint32_t)d->nnodes;
    else
        d->first[elem] = (uint32_t)d->nnodes;
    d->last[elem] = (uint32_t)d->nnodes;
    *index = (uint32_t)d->nnodes++;
    return PK_OK;
}

static int all_blank(const char *s, size_t n);

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *URI, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    const char *name = (const char *)localname;
    uint32_t parent_node, elem, idx;
    const pk_felem *fe;
    size_t here;      /* where the attributes end: TAG is the start tag */
    uint32_t ais[16]; /* the attributes' indices in the format */
    char buf[256];

    if (r->build_tree)
        xmlSAX2StartElementNs(ctx, localname, prefix, URI, nb_namespaces,
                              namespaces, nb_attributes, nb_defaulted,
                              attributes);
    if (r->fatal)
        return;
    if (r->depth >= r->max_depth) {
        size_t off = tag_start(r);
        unsigned line, col;
        pos_of(r, off, &line, &col);
        char depth[16];
        snprintf(depth, sizeof depth, "%u", r->max_depth);
        FATAL(r, PK_ELIMIT, PK_MSG_TOO_DEEP, off, line, col, PK_ARGS(depth));
        stop(r, PK_ELIMIT);
        return;
    }
    r->depth++;
    r->stack[r->depth] = PK_NONE;
    /* The start tag's offset is for messages only: found when one needs
     * it, since most elements have nothing to say. */
    here = input_offset(r);
#define TAG tag_start_before(r, here)
    if (r->depth == 1) {
        if (strcmp(name, r->f->elems[0].name) != 0 || URI != NULL) {
            unsigned line, col;
            pos_of(r, TAG, &line, &col);
            if (URI != NULL)
                FATAL(r, PK_EFORMAT, PK_MSG_ROOT_NAMESPACE, TAG, line, col,
                      PK_ARGS(name, (const char *)URI));
            else
                FATAL(r, PK_EFORMAT, PK_MSG_ROOT_NAME, TAG, line, col,
                      PK_ARGS(name, r->f->elems[0].name));
            stop(r, PK_EFORMAT);
            return;
        }
        elem = 0;
        parent_node = PK_NONE;
    } else {
        parent_node = r->stack[r->depth - 1];
        if (parent_node == PK_NONE)
            return; /* inside an unknown element: warned once already */
        elem = URI == NULL
                   ? child_named(r, r->d->nodes[parent_node].elem, localname)
                   : PK_NONE;
        if (elem == PK_NONE) {
            uint32_t pe = r->d->nodes[parent_node].elem;
            names_at at = {r->f, &r->f->elems[pe]};
            /* Suggestions only for problems that will be listed: a
             * hostile file of many unknown names stays cheap. */
            const char *near =
                prefix == NULL && r->d->problems.count < PK_MAX_PROBLEMS
                    ? pk_suggest_name(name, child_name, &at, at.e->nchildren)
                    : NULL;
            char pfx[128] = "";
            if (prefix != NULL)
                snprintf(pfx, sizeof pfx, "%s:", (const char *)prefix);
            if (near != NULL)
                PROBLEM(r, 1, PK_EFORMAT, TAG, PK_MSG_UNKNOWN_ELEMENT_NEAR, pfx,
                        name, elem_name(r, pe), near);
            else
                PROBLEM(r, 1, PK_EFORMAT, TAG, PK_MSG_UNKNOWN_ELEMENT, pfx,
                        name, elem_name(r, pe));
            return;
        }
        fe = &r->f->elems[elem];
        if (!fe->repeat && r->d->last[elem] != PK_NONE &&
            r->d->nodes[r->d->last[elem]].parent == parent_node) {
            /* Two values for one fact: neither can be trusted. */
            pk_val *first = &r->d->nodes[r->d->last[elem]].text;
            PROBLEM(r, 0, PK_EVALUE, TAG, PK_MSG_ELEMENT_TWICE, name,
                    elem_name(r, r->d->nodes[parent_node].elem));
            if (fe->value.type != PK_T_NONE) {
                first->kind = PK_V_INVALID;
                pos_of(r, TAG, &first->line, &first->col);
            }
            return;
        }
    }
    fe = &r->f->elems[elem];
    if (push_node(r, elem, parent_node, &idx) != PK_OK) {
        stop(r, PK_ENOMEM);
        return;
    }
    r->stack[r->depth] = idx;
    r->d->nodes[idx].off = here;

    /* Attributes come as (localname, prefix, URI, value, end) tuples; the
     * unit and group attributes are typed first since others need them.
     * Not one more once stop() ran: stopping frees the input the values
     * point into. */
    for (int pass = 0; pass < 2 && !r->fatal; pass++) {
        for (int i = 0; i < nb_attributes && !r->fatal; i++) {
            const xmlChar **a = &attributes[i * 5];
            const char *an = (const char *)a[0];
            uint32_t ai;
            size_t vlen = (size_t)(a[4] - a[3]);
            const pk_fvalue *v;
            int first_pass;
            pk_val *slot;

            /* Looked up once, in the first pass. */
            if (pass == 1 && i < 16)
                ai = ais[i];
            else
                ai = a[2] == NULL ? attr_named(r, elem, a[0]) : PK_NONE;
            if (pass == 0 && i < 16)
                ais[i] = ai;
            /* xsi:noNamespaceSchemaLocation and the like point editors at
             * the XSD; they are not part of the dossier. */
            if (a[2] != NULL &&
                strcmp((const char *)a[2],
                       "http://www.w3.org/2001/XMLSchema-instance") == 0)
                continue;
            if (ai == PK_NONE) {
                if (pass == 0) {
                    names_at at = {r->f, fe};
                    const char *near =
                        a[2] == NULL && r->d->problems.count < PK_MAX_PROBLEMS
                            ? pk_suggest_name(an, attr_name, &at, fe->nattrs)
                            : NULL;
                    if (near != NULL)
                        PROBLEM(r, 1, PK_EFORMAT, attr_off(r, TAG, an),
                                PK_MSG_UNKNOWN_ATTRIBUTE_NEAR, an, name, near);
                    else
                        PROBLEM(r, 1, PK_EFORMAT, attr_off(r, TAG, an),
                                PK_MSG_UNKNOWN_ATTRIBUTE, an, name);
                }
                continue;
            }
            v = &fe->attrs[ai].value;
            first_pass = v->quantity == NULL && v->ncases == 0;
            if ((pass == 0) != first_pass)
                continue;
            slot = &r->d->nodes[idx].attrs[ai];
            /* A blank is never a statement: not stated, and on_end says
             * so once it knows whether the whole row was left blank. */
            if (all_blank((const char *)a[3], vlen)) {
                r->d->nodes[idx].blank_attrs |= (uint64_t)1 << ai;
                continue;
            }
            if (vlen >= sizeof buf) {
                char *big =
                    pk_arena_strndup(&r->d->arena, (const char *)a[3], vlen);
                if (big == NULL) {
                    stop(r, PK_ENOMEM);
                    return;
                }
                type_value(r, v, name, an, big, here, r->d->nodes[idx].attrs,
                           slot);
                continue;
            }
            memcpy(buf, a[3], vlen);
            buf[vlen] = '\0';
            type_value(r, v, name, an, buf, here, r->d->nodes[idx].attrs, slot);
        }
    }
    for (uint32_t ai = 0; ai < fe->nattrs; ai++)
        if (fe->attrs[ai].required &&
            r->d->nodes[idx].attrs[ai].kind == PK_V_MISSING &&
            (r->depth == 1 ||
             !(r->d->nodes[idx].blank_attrs & ((uint64_t)1 << ai)))) {
            PROBLEM(r, 0, PK_EVALUE, TAG, PK_MSG_ATTRIBUTE_MISSING, name,
                    fe->attrs[ai].name);
            r->d->nodes[idx].attrs[ai].kind = PK_V_INVALID;
            /* where the error is, for what reads it (a fact says where) */
            pos_of(r, TAG, &r->d->nodes[idx].attrs[ai].line,
                   &r->d->nodes[idx].attrs[ai].col);
        }
    if (r->depth == 1)
        for (uint32_t ai = 0; ai < fe->nattrs; ai++)
            if (fe->attrs[ai].required &&
                r->d->nodes[idx].attrs[ai].kind == PK_V_INVALID)
                r->d->unreadable = 1;
    if (r->depth == 1)
        for (uint32_t ai = 0; ai < fe->nattrs; ai++) {
            pk_val *v = &r->d->nodes[idx].attrs[ai];
            size_t off;
            if (fe->attr_roles[ai] != PK_ROLE_DATE || v->kind != PK_V_MISSING)
                continue;
            /* The date picks the rules in force: without it none can be
             * chosen, and today's are not the dossier's. */
            off = r->d->nodes[idx].blank_attrs & ((uint64_t)1 << ai)
                      ? attr_off(r, TAG, fe->attrs[ai].name)
                      : TAG;
            PROBLEM(r, 0, PK_EVALUE, off, PK_MSG_NO_SUBMISSION_DATE, name,
                    fe->attrs[ai].name);
            v->kind = PK_V_INVALID;
            pos_of(r, off, &v->line, &v->col);
        }

    pk_sb_reset(&r->text);
    r->text_warned = 0;
    r->elem_end = here;
    {
        size_t off = here;
        while (off < r->len && r->data[off] != '>')
            off++;
        r->content_off = off + 1;
    }
#undef TAG
}

static int all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    uint32_t node;

    if (r->build_tree)
        xmlSAX2Characters(ctx, ch, len);
    if (r->fatal || r->depth == 0)
        return;
    node = r->stack[r->depth];
    if (node == PK_NONE)
        return;
    if (r->f->elems[r->d->nodes[node].elem].value.type == PK_T_NONE) {
        if (!r->text_warned && !all_blank((const char *)ch, (size_t)len)) {
            r->text_warned = 1;
            PROBLEM(r, 1, PK_EFORMAT, skip_blank(r, r->content_off),
                    PK_MSG_TEXT_IGNORED, elem_name(r, r->d->nodes[node].elem));
        }
        return;
    }
    if (pk_sb_append(&r->text, (const char *)ch, (size_t)len) != PK_OK)
        stop(r, PK_ENOMEM);
}

static char *trimmed(char *s)
{
    char *end;

    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\t' ||
                       end[-1] == '\r'))
        *--end = '\0';
    return s;
}

/* The attribute of fe that says a list has none, or PK_NONE. */
static uint32_t none_attr(const pk_felem *fe)
{
    for (uint32_t a = 0; a < fe->nattrs; a++)
        if (fe->attr_roles[a] == PK_ROLE_NONE_MARK)
            return a;
    return PK_NONE;
}

/* "name", "name, area" or "…": the attributes written empty, for a
 * message. */
static void blank_names(const pk_felem *fe, uint64_t bits, char *out,
                        size_t len)
{
    size_t n = 0;

    out[0] = '\0';
    for (uint32_t a = 0; a < fe->nattrs && n + 1 < len; a++)
        if (bits & ((uint64_t)1 << a))
            n += (size_t)snprintf(out + n, len - n, "%s%s=\"\"", n ? " " : "",
                                  fe->attrs[a].name);
}

/* Whether node n, now closed, says anything, and the warnings for what
 * it left blank. A blank never decides: an element, a row or a list the
 * template's blanks were left in is not a statement, and facts read it as
 * unknown (facts.c). A list says "there are none" only with its none
 * attribute. */
static void settle_blanks(reader *r, uint32_t node, int text_empty)
{
    pk_dnode *n = &r->d->nodes[node];
    const pk_felem *fe = &r->f->elems[n->elem];
    uint32_t none = none_attr(fe);
    size_t tag; /* where the start tag begins: found when a problem needs it */
    int filled = 0;
    char names[160];

    for (uint32_t a = 0; a < fe->nattrs; a++)
        if (!fe->attrs[a].key && a != none && n->attrs[a].kind != PK_V_MISSING)
            filled = 1;
    if (none != PK_NONE) {
        const pk_val *v = &n->attrs[none];
        int says_none = v->kind == PK_V_BOOL && v->boolean;
        if (says_none && n->stated_kids) {
            tag = tag_start_before(r, n->off);
            PROBLEM(r, 0, PK_EVALUE, attr_off(r, tag, fe->attrs[none].name),
                    PK_MSG_NONE_YET_LISTED, fe->name, fe->attrs[none].name);
            n->attrs[none].kind = PK_V_INVALID;
            pos_of(r, attr_off(r, tag, fe->attrs[none].name),
                   &n->attrs[none].line, &n->attrs[none].col);
        } else if (!says_none && !n->stated_kids) {
            n->blank = 1;
            tag = tag_start_before(r, n->off);
            PROBLEM(r, 1, PK_EVALUE, tag, PK_MSG_LISTS_NOTHING, fe->name,
                    fe->attrs[none].name);
        }
        return;
    }
    if (n->stated_kids || filled || !text_empty)
        goto attrs;
    if (n->blank_attrs != 0) {
        n->blank = 1;
        tag = tag_start_before(r, n->off);
        blank_names(fe, n->blank_attrs, names, sizeof names);
        PROBLEM(r, 1, PK_EVALUE, tag, PK_MSG_LEFT_BLANK, fe->name, names);
        return;
    }
    if (fe->value.type != PK_T_NONE && fe->value.type != PK_T_TEXT) {
        n->blank = 1; /* the empty value was warned about */
        return;
    }
attrs:
    /* A row that says something: its blanks are each not stated, and a
     * required one is missing. */
    if (n->blank_attrs == 0)
        return;
    tag = tag_start_before(r, n->off);
    for (uint32_t a = 0; a < fe->nattrs; a++) {
        if (!(n->blank_attrs & ((uint64_t)1 << a)))
            continue;
        if (fe->attrs[a].required) {
            PROBLEM(r, 0, PK_EVALUE, attr_off(r, tag, fe->attrs[a].name),
                    PK_MSG_REQUIRED_EMPTY, fe->name, fe->attrs[a].name);
            n->attrs[a].kind = PK_V_INVALID;
            pos_of(r, attr_off(r, tag, fe->attrs[a].name), &n->attrs[a].line,
                   &n->attrs[a].col);
        } else {
            PROBLEM(r, 1, PK_EVALUE, attr_off(r, tag, fe->attrs[a].name),
                    PK_MSG_ATTRIBUTE_EMPTY, fe->name, fe->attrs[a].name);
        }
    }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *URI)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    uint32_t node;

    if (r->build_tree)
        xmlSAX2EndElementNs(ctx, localname, prefix, URI);
    if (r->fatal || r->depth == 0)
        return;
    node = r->stack[r->depth];
    if (node != PK_NONE) {
        pk_dnode *n = &r->d->nodes[node];
        const pk_felem *fe = &r->f->elems[n->elem];
        int text_empty = 1;
        if (fe->value.type != PK_T_NONE) {
            char *s;
            if (r->text.failed) {
                stop(r, PK_ENOMEM);
                return;
            }
            s = trimmed(r->text.data ? r->text.data : (char *)"");
            if (*s == '\0' && fe->value.type != PK_T_TEXT) {
                PROBLEM(r, 1, PK_EVALUE, tag_start_before(r, r->elem_end),
                        PK_MSG_ELEMENT_EMPTY, fe->name);
            } else if (*s != '\0') {
                type_value(r, &fe->value, fe->name, NULL, s, r->content_off,
                           n->attrs, &n->text);
            }
            text_empty = *s == '\0';
        }
        if (r->depth > 1) {
            settle_blanks(r, node, text_empty);
            n = &r->d->nodes[node];
            if (n->parent != PK_NONE) {
                r->d->nodes[n->parent].kids = 1;
                if (!n->blank)
                    r->d->nodes[n->parent].stated_kids = 1;
            }
        }
        pk_sb_reset(&r->text);
    }
    r->depth--;
    /* The parent's own text, if any, resumes after this end tag. */
    r->content_off = input_offset(r);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
                       const xmlChar *sid)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt->_private;
    size_t off = input_offset(r);
    unsigned line, col;

    (void)name;
    (void)eid;
    (void)sid;
    /* Back to the "<!DOCTYPE" that started it (never reading past the
     * end: the buffer need not be NUL-terminated). */
    if (off + 1 >= r->len)
        off = r->len >= 2 ? r->len - 2 : 0;
    while (off > 0 && !(r->data[off] == '<' && r->data[off + 1] == '!'))
        off--;
    pos_of(r, off, &line, &col);
    FATAL(r, PK_EDOCTYPE, PK_MSG_DOCTYPE, off, line, col, PK_NOARGS);
    stop(r, PK_EDOCTYPE);
}

/* 1 when name is the name of an element of the format. */
static int format_element(const pk_dformat *f, const char *name)
{
    for (size_t i = 0; i < f->nelems; i++)
        if (strcmp(f->elems[i].name, name) == 0)
            return 1;
    return 0;
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    reader *r = ctxt != NULL ? ctxt->_private : NULL;
    pk_xml_fault *f;
    size_t n;

    /* Whatever it said first, the cause is this; a message libxml2 could
     * not allocate is the same. */
    if (r != NULL && e != NULL &&
        (e->code == XML_ERR_NO_MEMORY || e->message == NULL))
        r->xml_nomem = 1;
    if (r == NULL || r->have_xml_error || e == NULL || e->level < XML_ERR_ERROR)
        return;
    /* These always name an element or entity: without the name, libxml2
     * could not copy it. */
    if ((e->str1 == NULL && (e->code == XML_ERR_TAG_NAME_MISMATCH ||
                             e->code == XML_ERR_TAG_NOT_FINISHED ||
                             e->code == XML_ERR_UNDECLARED_ENTITY ||
                             e->code == XML_ERR_ATTRIBUTE_REDEFINED)) ||
        (e->str2 == NULL && e->code == XML_ERR_TAG_NAME_MISMATCH))
        r->xml_nomem = 1;
    r->have_xml_error = 1;
    r->xml_line = (unsigned)e->line;
    r->xml_col = (unsigned)e->int2;
    /* What the error is and the names in it: the words are ours. */
    f = &r->fault;
    f->code = e->code;
    snprintf(f->str1, sizeof f->str1, "%s", e->str1 ? e->str1 : "");
    snprintf(f->str2, sizeof f->str2, "%s", e->str2 ? e->str2 : "");
    f->int1 = e->int1;
    f->off = ctxt->input != NULL ? input_offset(r) : r->len;
    f->known1 = format_element(r->f, f->str1);
    f->known2 = format_element(r->f, f->str2);
    if (e->code == XML_ERR_TAG_NAME_MISMATCH && e->str2 != NULL)
        for (int i = 0; i + 1 < ctxt->nameNr; i++)
            if (ctxt->nameTab[i] != NULL &&
                strcmp((const char *)ctxt->nameTab[i], e->str2) == 0)
                f->ancestor = 1;
    snprintf(f->lib, sizeof f->lib, "%s", e->message);
    n = strlen(f->lib);
    while (n > 0 && (f->lib[n - 1] == '\n' || f->lib[n - 1] == ' '))
        f->lib[--n] = '\0';
}

/* Brings data to the UTF-8 the reader works on, or says why it cannot:
 * a UTF-8 byte order mark is skipped, UTF-16 is transcoded (into
 * *transcoded, which the caller frees), and an encoding declared other
 * than UTF-8 is refused unless the text is ASCII, which reads the same in
 * any of them (then a warning). Without a declaration the bytes must be
 * UTF-8. A legacy file is refused rather than transcoded: Windows-1258
 * writes Vietnamese tone marks as combining characters and TCVN3 files
 * often declare nothing or the wrong thing, so a transcoded name or number
 * could differ from what the drafter sees, and every later tool that reads
 * the dossier would stumble on the same file. */
static int check_encoding(reader *r, const char **data, size_t *len,
                          char **transcoded)
{
    size_t skip, off, vlen;
    pk_utf16 order = pk_utf16_detect(*data, *len, &skip);
    unsigned line, col;

    if (order != PK_NOT_UTF16) {
        size_t outlen;
        unsigned unit;
        int rc = pk_utf16_to_utf8(*data + skip, *len - skip, order, transcoded,
                                  &outlen, &unit);
        if (rc == PK_ENOMEM)
            return rc;
        r->data = *data = *transcoded;
        r->len = *len = outlen;
        pk_textpos_init(&r->pos, r->data, r->len);
        if (rc != PK_OK) {
            pos_of(r, outlen, &line, &col);
            char hex[12];
            if (unit >= 0x10000) {
                snprintf(hex, sizeof hex, "%02X", unit - 0x10000);
                FATAL(r, rc, PK_MSG_UTF16_ODD_BYTE, outlen, line, col,
                      PK_ARGS(hex));
            } else {
                snprintf(hex, sizeof hex, "%04X", unit);
                FATAL(r, rc, PK_MSG_UTF16_SURROGATE, outlen, line, col,
                      PK_ARGS(hex));
            }
            return rc;
        }
        return PK_OK;
    }
    if (*len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0) {
        *data += 3;
        *len -= 3;
        r->data = *data;
        r->len = *len;
        pk_textpos_init(&r->pos, r->data, r->len);
    }
    if (pk_xml_declared_encoding(*data, *len, &off, &vlen) &&
        !pk_encoding_reads_as_utf8(*data + off, vlen)) {
        char name[48];
        snprintf(name, sizeof name, "%.*s", (int)(vlen < 40 ? vlen : 40),
                 *data + off);
        if (pk_all_ascii(*data, *len)) {
            PROBLEM(r, 1, PK_EENCODING, off, PK_MSG_ENCODING_ASCII, name);
            return r->fatal ? r->fatal : PK_OK;
        }
        pos_of(r, off, &line, &col);
        FATAL(r, PK_EENCODING, PK_MSG_ENCODING_DECLARED, off, line, col,
              PK_ARGS(name));
        return PK_EENCODING;
    }
    return PK_OK;
}

/* Where a node's value is: an attribute's name, or its text's first
 * non-blank character. */
static void node_value_pos(void *ctx, uint32_t node, uint32_t attr,
                           unsigned *line, unsigned *col)
{
    reader *r = ctx;
    const pk_dnode *n = &r->d->nodes[node];
    size_t off;

    if (attr != PK_NONE) {
        off = attr_off(r, tag_start_before(r, n->off),
                       r->f->elems[n->elem].attrs[attr].name);
    } else {
        off = n->off;
        while (off < r->len && r->data[off] != '>')
            off++;
        off = skip_blank(r, off + 1);
    }
    pos_of(r, off, line, col);
}

static void node_problem(void *ctx, int warning, uint32_t node, uint32_t attr,
                         const pk_boundmsg *m)
{
    reader *r = ctx;
    unsigned line, col;

    if (r->d->problems.count >= PK_MAX_PROBLEMS) {
        if (!warning)
            r->d->problems.errors++;
        return;
    }
    node_value_pos(ctx, node, attr, &line, &col);
    if (pk_problems_add2(&r->d->problems, warning, PK_EVALUE, r->d->source,
                         line, col, m->en, m->vi) != PK_OK)
        r->fatal = PK_ENOMEM;
}

static int read_memory(pk_dossier **out, const pk_engine *engine,
                       const char *name, const char *data, size_t len,
                       pk_error *err)
{
    reader r;
    pk_dossier *d = NULL;
    xmlSAXHandler sax;
    int rc = PK_OK;
    const pk_dformat *f = engine->format;
    char *transcoded = NULL;

    memset(&r, 0, sizeof r);
    r.data = data;
    r.len = len;
    pk_textpos_init(&r.pos, data, len);
    r.f = f;
    r.err = err;
    r.max_depth = engine->max_depth;
    r.build_tree = engine->needs_tree;
    pk_sb_init(&r.text);

    d = calloc(1, sizeof *d);
    if (d == NULL)
        goto nomem;
    pk_arena_init(&d->arena);
    d->format = f;
    d->source = strdup(name != NULL ? name : "");
    d->first = malloc(f->nelems * sizeof *d->first);
    d->last = malloc(f->nelems * sizeof *d->last);
    r.stack = malloc(((size_t)r.max_depth + 2) * sizeof *r.stack);
    r.attr_base = malloc(f->nelems * sizeof *r.attr_base);
    if (d->source == NULL || d->first == NULL || d->last == NULL ||
        r.stack == NULL || r.attr_base == NULL)
        goto nomem;
    {
        size_t nseen = f->nelems;
        for (size_t i = 0; i < f->nelems; i++) {
            r.attr_base[i] = (uint32_t)nseen;
            nseen += f->elems[i].nattrs;
        }
        r.seen = calloc(nseen, sizeof *r.seen);
        if (r.seen == NULL)
            goto nomem;
    }
    for (size_t i = 0; i < f->nelems; i++)
        d->first[i] = d->last[i] = PK_NONE;
    r.d = d;

    if (len > engine->max_bytes) {
        rc = PK_ETOOBIG;
        char n[24], limit[24];
        snprintf(n, sizeof n, "%zu", len);
        snprintf(limit, sizeof limit, "%zu", engine->max_bytes);
        FATAL(&r, rc, PK_MSG_DOSSIER_OVER_LIMIT, PK_NO_OFFSET, 0, 0,
              PK_ARGS(n, limit));
        goto out;
    }
    if (len > (size_t)INT32_MAX) {
        rc = PK_ETOOBIG;
        FATAL(&r, rc, PK_MSG_DOSSIER_TOO_LARGE, PK_NO_OFFSET, 0, 0, PK_NOARGS);
        goto out;
    }
    rc = check_encoding(&r, &data, &len, &transcoded);
    if (rc == PK_ENOMEM)
        goto nomem;
    if (rc != PK_OK)
        goto out;
    if (len == 0) {
        rc = PK_EXML;
        FATAL(&r, rc, PK_MSG_EMPTY, 0, 1, 1, PK_NOARGS);
        goto out;
    }
    if (pk_utf8_scan(data, len, &r.plain) != len ||
        memchr(data, '\0', len) != NULL) {
        size_t off;
        int nul;
        unsigned line, col;
        pk_prescan_first_bad_byte(data, len, &off, &nul);
        pos_of(&r, off, &line, &col);
        rc = PK_EENCODING;
        if (nul) {
            FATAL(&r, rc, PK_MSG_NUL_BYTE, off, line, col, PK_NOARGS);
        } else {
            char hex[4];
            snprintf(hex, sizeof hex, "%02X",
                     (unsigned)(unsigned char)data[off]);
            FATAL(&r, rc, PK_MSG_BAD_UTF8, off, line, col, PK_ARGS(hex));
        }
        goto out;
    }
    {
        size_t off = pk_prescan_crowded_tag(data, len, PK_MAX_ATTRIBUTES);
        if (off < len) {
            unsigned line, col;
            pos_of(&r, off, &line, &col);
            rc = PK_ELIMIT;
            char max[16];
            snprintf(max, sizeof max, "%d", PK_MAX_ATTRIBUTES);
            FATAL(&r, rc, PK_MSG_TOO_MANY_ATTRIBUTES, off, line, col,
                  PK_ARGS(max));
            goto out;
        }
    }

    memset(&sax, 0, sizeof sax);
    if (r.build_tree)
        xmlSAXVersion(&sax, 2);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_chars;
    sax.cdataBlock = on_chars;
    sax.internalSubset = on_doctype;
    sax.serror = on_error;
    sax.error = NULL;
    sax.warning = NULL;
    sax.fatalError = NULL;
    sax.getEntity = NULL;
    sax.reference = NULL;

    r.ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
    if (r.ctxt == NULL)
        goto nomem;
    if (r.ctxt->sax != NULL)
        xmlFree(r.ctxt->sax);
    r.ctxt->sax = xmlMalloc(sizeof sax);
    if (r.ctxt->sax == NULL)
        goto nomem;
    memcpy(r.ctxt->sax, &sax, sizeof sax);
    r.ctxt->_private = &r;
    r.ctxt->userData = r.ctxt;
    xmlCtxtUseOptions(r.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                                  XML_PARSE_IGNORE_ENC);
    xmlParseDocument(r.ctxt);

    if (r.fatal) {
        rc = r.fatal;
        if (rc == PK_ENOMEM)
            goto nomem;
        goto out; /* err was filled where it happened */
    }
    if (r.xml_nomem || r.ctxt->errNo == XML_ERR_NO_MEMORY)
        goto nomem;
    if (!r.ctxt->wellFormed || r.d->nnodes == 0) {
        xmlErrorPtr e = xmlCtxtGetLastError(r.ctxt);
        if (e != NULL && e->code == XML_ERR_NO_MEMORY)
            goto nomem;
        rc = PK_EXML;
        if (r.have_xml_error) {
            pk_msgpair m;
            size_t at, where = PK_NO_OFFSET;
            unsigned line = r.xml_line, col = r.xml_col;
            if (pk_xml_fault_words(&r.fault, data, len, f->elems[0].name, &at,
                                   &m)) {
                pos_of(&r, at, &line, &col);
                where = at;
            }
            /* libxml2's own words only after ours, and only in English;
             * cut as the message shows them, so that all three fit in
             * PK_ERROR_ARGS_MAX */
            char en[301], lib[151];
            snprintf(en, sizeof en, "%.300s", m.en);
            snprintf(lib, sizeof lib, "%.150s", r.fault.lib);
            FATAL(&r, rc, PK_MSG_NOT_WELL_FORMED, where, line, col,
                  PK_ARGS(en, lib, m.vi));
        } else
            FATAL(&r, rc, PK_MSG_NO_ROOT, PK_NO_OFFSET, 0, 0, PK_NOARGS);
        goto out;
    }
    if (pk_bounds_check(d, node_value_pos, node_problem, &r) != PK_OK ||
        r.fatal == PK_ENOMEM)
        goto nomem;
    if (r.build_tree) {
        d->tree = r.ctxt->myDoc;
        r.ctxt->myDoc = NULL;
    }
    goto out;
nomem:
    rc = PK_ENOMEM;
    pk_error_say(err, rc, PK_MSG_NOMEM, name, 0, 0, PK_NO_OFFSET, PK_NOARGS);
out:
    if (r.ctxt != NULL) {
        if (r.ctxt->myDoc != NULL)
            xmlFreeDoc(r.ctxt->myDoc);
        r.ctxt->myDoc = NULL;
        xmlFreeParserCtxt(r.ctxt);
    }
    free(r.stack);
    free(r.seen);
    free(r.attr_base);
    free(transcoded);
    pk_sb_free(&r.text);
    if (rc != PK_OK) {
        pk_dossier_free(d);
        return rc;
    }
    *out = d;
    return PK_OK;
}

int pk_dossier_read_memory(pk_dossier **out, const pk_engine *engine,
                           const char *name, const char *data, size_t len,
                           pk_error *err)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || engine == NULL || (data == NULL && len > 0)) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, name, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    return read_memory(out, engine, name, data ? data : "", len, err);
}

int pk_dossier_read_file(pk_dossier **out, const pk_engine *engine,
                         const char *path, pk_error *err)
{
    char *data;
    size_t len;
    int rc;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || engine == NULL || path == NULL) {
        pk_error_say(err, PK_EINVAL, PK_MSG_INVALID_ARGUMENT, path, 0, 0,
                     PK_NO_OFFSET, PK_NOARGS);
        return PK_EINVAL;
    }
    rc = pk_read_file(path, engine->max_bytes, &data, &len, err);
    if (rc != PK_OK)
        return rc;
    rc = read_memory(out, engine, path, data, len, err);
    free(data);
    return rc;
}

void pk_dossier_free(pk_dossier *d)
{
    if (d == NULL)
        return;
    if (d->tree != NULL)
        xmlFreeDoc(d->tree);
    pk_arena_free(&d->arena);
    pk_problems_free(&d->problems);
    free(d->nodes);
    free(d->first);
    free(d->last);
    free(d->source);
    free(d);
}
