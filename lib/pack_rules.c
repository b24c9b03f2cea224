/* Loading a pack's rules: condition trees, kinds, messages and their
 * placeholders; then what is defined but never used. */
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"
#include "unicode.h"

static const struct {
    const char *name;
    pk_cmpop op;
} cmp_ops[] = {{"ge", PK_OP_GE}, {"gt", PK_OP_GT}, {"le", PK_OP_LE},
               {"lt", PK_OP_LT}, {"eq", PK_OP_EQ}, {"ne", PK_OP_NE}};

typedef struct rulectx {
    pk_loader *L;
    pk_rule *rule;
    unsigned compares;
} rulectx;

static int fact_ref(rulectx *R, xmlNode *node, const char *attr, uint32_t *out)
{
    const char *id = pk_xml_attr(node, attr);
    int i;

    if (id == NULL) {
        pk_load_say(R->L, node, NULL, PK_MSG_COND_NEEDS_FACT,
                    PK_ARGS((const char *)node->name, attr));
        return PK_ERULES;
    }
    i = pk_pack_find_fact(R->L->pack, id);
    if (i < 0) {
        pk_load_say(R->L, node, attr, PK_MSG_UNDEFINED_FACT, PK_ARGS(id));
        return PK_ERULES;
    }
    R->L->pack->facts[i].used = 1;
    *out = (uint32_t)i;
    return PK_OK;
}

static int compile_cond(rulectx *R, xmlNode *node, pk_cond *c);

static int compile_kids(rulectx *R, xmlNode *node, pk_cond *c, int min, int max)
{
    size_t n = 0;

    for (xmlNode *k = pk_xml_elem(node->children); k != NULL;
         k = pk_xml_elem(k->next))
        n++;
    if ((int)n < min || (max > 0 && (int)n > max)) {
        pk_load_say(R->L, node, NULL,
                    max == 1 ? PK_MSG_ONE_CONDITION : PK_MSG_SOME_CONDITION,
                    PK_ARGS((const char *)node->name));
        return PK_ERULES;
    }
    if (n == 0)
        return PK_OK; /* <all/>: always true */
    c->kids = calloc(n, sizeof *c->kids);
    if (c->kids == NULL)
        return pk_load_oom(R->L);
    {
        int rc = PK_OK;
        /* Every part is compiled, so every problem is reported; a part
         * that failed makes the whole fail, so nothing walks it later. */
        for (xmlNode *k = pk_xml_elem(node->children); k != NULL;
             k = pk_xml_elem(k->next))
            if (compile_cond(R, k, &c->kids[c->nkids++]) != PK_OK)
                rc = PK_ERULES;
        return rc;
    }
}

static int compile_compare(rulectx *R, xmlNode *node, pk_cond *c)
{
    pk_pack *p = R->L->pack;
    const char *op = pk_xml_attr(node, "op");
    const char *param = pk_xml_attr(node, "param");
    const char *value = pk_xml_attr(node, "value");
    const char *other = pk_xml_attr(node, "other");
    const char *as_if = pk_xml_attr(node, "as-if");
    const pk_fact *f;
    int found = 0;

    c->op = PK_C_COMPARE;
    c->slot = R->compares++;
    if (fact_ref(R, node, "fact", &c->fact) != PK_OK)
        return PK_ERULES;
    f = &p->facts[c->fact];
    for (size_t i = 0; op && i < sizeof cmp_ops / sizeof cmp_ops[0]; i++)
        if (strcmp(op, cmp_ops[i].name) == 0) {
            c->cmp = cmp_ops[i].op;
            found = 1;
        }
    if (!found) {
        pk_load_say(R->L, node, op ? "op" : NULL, PK_MSG_COMPARE_OP, PK_NOARGS);
        return PK_ERULES;
    }
    if ((param != NULL) + (value != NULL) + (other != NULL) != 1) {
        pk_load_say(R->L, node, NULL, PK_MSG_COMPARE_ONE_SIDE, PK_NOARGS);
        return PK_ERULES;
    }
    if (as_if != NULL && param == NULL) {
        pk_load_say(R->L, node, "as-if", PK_MSG_AS_IF_PARAM, PK_NOARGS);
        return PK_ERULES;
    }
    if (f->type == PK_FT_SET ||
        ((f->type == PK_FT_TEXT || f->type == PK_FT_BOOL) &&
         c->cmp != PK_OP_EQ && c->cmp != PK_OP_NE)) {
        pk_load_say(R->L, node, "fact", PK_MSG_COMPARE_BAD_OP,
                    PK_ARGS(f->id, op));
        return PK_ERULES;
    }
    if (param != NULL) {
        int i = pk_pack_find_param(p, param);
        if (i < 0) {
            pk_load_say(R->L, node, "param", PK_MSG_UNDEFINED_PARAM,
                        PK_ARGS(param));
            return PK_ERULES;
        }
        if (f->type != PK_FT_NUMBER) {
            pk_load_say(R->L, node, "param", PK_MSG_COMPARE_PARAM_NUMBER,
                        PK_ARGS(f->id));
            return PK_ERULES;
        }
        p->params[i].used = 1;
        c->rhs = PK_RHS_PARAM;
        c->rhs_index = (uint32_t)i;
        if (as_if != NULL) {
            const pk_param *q = &p->params[i];
            const pk_vocab *v =
                q->by != PK_NONE ? pk_fact_vocab(p, &p->facts[q->by]) : NULL;
            if (q->by == PK_NONE) {
                pk_load_say(R->L, node, "as-if", PK_MSG_AS_IF_NO_BY,
                            PK_ARGS(q->id));
                return PK_ERULES;
            }
            if (v != NULL && pk_vocab_find(v, as_if) < 0) {
                pk_load_say(R->L, node, "as-if", PK_MSG_NOT_A_FACT_VALUE,
                            PK_ARGS(as_if, p->facts[q->by].id, v->joined));
                return PK_ERULES;
            }
            c->text = pk_load_strdup(R->L, as_if);
        }
    } else if (other != NULL) {
        uint32_t o;
        if (fact_ref(R, node, "other", &o) != PK_OK)
            return PK_ERULES;
        if (p->facts[o].type != f->type) {
            pk_load_say(R->L, node, "other", PK_MSG_COMPARE_TYPES,
                        PK_ARGS(f->id, p->facts[o].id));
            return PK_ERULES;
        }
        c->rhs = PK_RHS_FACT;
        c->rhs_index = o;
    } else {
        char msg[200];
        c->rhs = PK_RHS_VALUE;
        if (f->type == PK_FT_NUMBER) {
            if (pk_parse_decimal(value, &c->rhs_value, msg, sizeof msg) !=
                PK_OK) {
                pk_load_problem(R->L, node, "value", "%s", msg);
                return PK_ERULES;
            }
        } else if (f->type == PK_FT_DATE) {
            if (pk_parse_date(value, &c->rhs_value.num, msg, sizeof msg) !=
                PK_OK) {
                pk_load_problem(R->L, node, "value", "%s", msg);
                return PK_ERULES;
            }
            c->rhs_value.kind = PK_V_DATE;
        } else if (f->type == PK_FT_BOOL) {
            if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
                pk_load_say(R->L, node, "value", PK_MSG_COMPARE_BOOL,
                            PK_ARGS(f->id, value));
                return PK_ERULES;
            }
            c->rhs_value.kind = PK_V_BOOL;
            c->rhs_value.boolean = strcmp(value, "true") == 0;
        } else {
            const pk_vocab *v = pk_fact_vocab(p, f);
            if (v != NULL && pk_vocab_find(v, value) < 0) {
                pk_load_say(R->L, node, "value", PK_MSG_NOT_A_FACT_VALUE,
                            PK_ARGS(value, f->id, v->joined));
                return PK_ERULES;
            }
            c->rhs_value.kind = PK_V_TEXT;
            c->rhs_value.text = pk_load_strdup(R->L, value);
        }
    }
    return PK_OK;
}

static int split_into(pk_loader *L, pk_vocab *v, const char *list)
{
    const char *s = list;

    while (*s != '\0') {
        const char *start;
        char **n;
        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        start = s;
        while (*s != '\0' && *s != ' ')
            s++;
        n = realloc(v->names, (v->count + 1) * sizeof *n);
        if (n == NULL)
            return pk_load_oom(L);
        v->names = n;
        n[v->count] = malloc((size_t)(s - start) + 1);
        if (n[v->count] == NULL)
            return pk_load_oom(L);
        memcpy(n[v->count], start, (size_t)(s - start));
        n[v->count][s - start] = '\0';
        v->count++;
    }
    return PK_OK;
}

/* Checks each name of a list against the fact's vocabulary. */
static int check_names(rulectx *R, xmlNode *node, const char *attr,
                       const pk_fact *f, const pk_vocab *names)
{
    const pk_vocab *v = pk_fact_vocab(R->L->pack, f);

    if (f->how == PK_FH_VALUES && v == NULL && f->path.elem != PK_NONE) {
        /* a set of booleans */
        const pk_fvalue *fv =
            f->path.attr == PK_NONE
                ? &R->L->format->elems[f->path.elem].value
                : &R->L->format->elems[f->path.elem].attrs[f->path.attr].value;
        if (fv->type == PK_T_BOOL) {
            for (size_t i = 0; i < names->count; i++)
                if (strcmp(names->names[i], "true") != 0 &&
                    strcmp(names->names[i], "false") != 0) {
                    pk_load_say(R->L, node, attr, PK_MSG_NAME_NOT_BOOL,
                                PK_ARGS(names->names[i]));
                    return PK_ERULES;
                }
        }
        return PK_OK;
    }
    for (size_t i = 0; v != NULL && i < names->count; i++)
        if (pk_vocab_find(v, names->names[i]) < 0) {
            pk_load_say(R->L, node, attr, PK_MSG_NOT_A_FACT_VALUE,
                        PK_ARGS(names->names[i], f->id, v->joined));
            return PK_ERULES;
        }
    return PK_OK;
}

static int compile_cond(rulectx *R, xmlNode *node, pk_cond *c)
{
    pk_loader *L = R->L;
    const char *n = (const char *)node->name;

    memset(c, 0, sizeof *c);
    pk_xmldoc_pos(&L->x, node, NULL, &c->line, &c->col);
    if (strcmp(n, "all") == 0 || strcmp(n, "any") == 0) {
        c->op = n[1] == 'l' ? PK_C_ALL : PK_C_ANY;
        /* An empty <all/> is true: a reading under which a provision
         * does not bind at all ("Art. 5 does not bind an expansion"). */
        return compile_kids(R, node, c, c->op == PK_C_ALL ? 0 : 1, 0);
    }
    if (strcmp(n, "not") == 0) {
        c->op = PK_C_NOT;
        return compile_kids(R, node, c, 1, 1);
    }
    if (strcmp(n, "compare") == 0)
        return compile_compare(R, node, c);
    if (strcmp(n, "present") == 0) {
        c->op = PK_C_PRESENT;
        return fact_ref(R, node, "fact", &c->fact);
    }
    if (strcmp(n, "empty") == 0) {
        c->op = PK_C_EMPTY;
        if (fact_ref(R, node, "fact", &c->fact) != PK_OK)
            return PK_ERULES;
        if (L->pack->facts[c->fact].type != PK_FT_SET &&
            L->pack->facts[c->fact].how != PK_FH_COUNT) {
            pk_load_say(L, node, "fact", PK_MSG_EMPTY_NEEDS_SET,
                        PK_ARGS(L->pack->facts[c->fact].id));
            return PK_ERULES;
        }
        return PK_OK;
    }
    if (strcmp(n, "contains") == 0 || strcmp(n, "in") == 0) {
        const char *values = pk_xml_attr(node, "values");
        const char *value = pk_xml_attr(node, "value");
        c->op = n[0] == 'c' ? PK_C_CONTAINS : PK_C_IN;
        if (fact_ref(R, node, "fact", &c->fact) != PK_OK)
            return PK_ERULES;
        if ((c->op == PK_C_CONTAINS) !=
            (L->pack->facts[c->fact].type == PK_FT_SET)) {
            pk_load_say(L, node, "fact",
                        c->op == PK_C_CONTAINS ? PK_MSG_CONTAINS_SET
                                               : PK_MSG_IN_TEXT,
                        PK_NOARGS);
            return PK_ERULES;
        }
        if ((values == NULL) == (value == NULL)) {
            pk_load_say(L, node, NULL, PK_MSG_NAMES_VALUE, PK_ARGS(n));
            return PK_ERULES;
        }
        if (split_into(L, &c->set, values ? values : value) != PK_OK)
            return PK_ENOMEM;
        if (c->set.count == 0) {
            pk_load_say(L, node, values ? "values" : "value",
                        PK_MSG_NAMES_EMPTY, PK_NOARGS);
            return PK_ERULES;
        }
        return check_names(R, node, values ? "values" : "value",
                           &L->pack->facts[c->fact], &c->set);
    }
    if (strcmp(n, "matches") == 0) {
        const char *pat = pk_xml_attr(node, "pattern");
        int errcode;
        PCRE2_SIZE erroff;
        c->op = PK_C_MATCHES;
        if (fact_ref(R, node, "fact", &c->fact) != PK_OK)
            return PK_ERULES;
        if (L->pack->facts[c->fact].type != PK_FT_TEXT) {
            pk_load_say(L, node, "fact", PK_MSG_MATCHES_TEXT, PK_NOARGS);
            return PK_ERULES;
        }
        if (pat == NULL) {
            pk_load_say(L, node, NULL, PK_MSG_MATCHES_PATTERN, PK_NOARGS);
            return PK_ERULES;
        }
        if (!pk_nfc_plain(pat, strlen(pat))) {
            /* the dossier's texts are read in NFC (unicode.h): a pattern
             * with combining marks would never match them */
            pk_arena tmp;
            const char *nfc;
            int same;
            pk_arena_init(&tmp);
            nfc = pk_arena_nfc(&tmp, pat, strlen(pat));
            same = nfc != NULL && strcmp(nfc, pat) == 0;
            pk_arena_free(&tmp);
            if (nfc == NULL)
                return pk_load_oom(L);
            if (!same) {
                pk_load_say(L, node, "pattern", PK_MSG_PATTERN_NOT_NFC,
                            PK_ARGS(pat));
                return PK_ERULES;
            }
        }
        c->text = pk_load_strdup(L, pat);
        c->re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_NEVER_BACKSLASH_C, &errcode,
                              &erroff, L->pack->cctx);
        if (c->re == NULL && errcode == PCRE2_ERROR_HEAP_FAILED)
            return pk_load_oom(L);
        if (c->re == NULL) {
            PCRE2_UCHAR buf[160];
            char at[24];

            pcre2_get_error_message(errcode, buf, sizeof buf);
            snprintf(at, sizeof at, "%zu", (size_t)erroff);
            pk_load_say(L, node, "pattern", PK_MSG_BAD_PATTERN,
                        PK_ARGS(pat, at, (const char *)buf));
            return PK_ERULES;
        }
        /* JIT where the platform has it; the interpreter otherwise. */
        (void)pcre2_jit_compile(c->re, PCRE2_JIT_COMPLETE);
        return PK_OK;
    }
    pk_load_say(L, node, NULL, PK_MSG_UNKNOWN_CONDITION, PK_ARGS(n));
    return PK_ERULES;
}

/* ---- messages ---- */

static const char *const msg_on[PK_MSG_COUNT] = {
    "pass", "fail", "unknown", "not-applicable", "error", "open"};

static void check_placeholders(rulectx *R, xmlNode *node, const char *text)
{
    static const char *const plain[] = {"value",  "threshold", "shortfall",
                                        "needed", "missing",   "kind",
                                        "error",  NULL};
    const char *s = text;

    while ((s = strchr(s, '{')) != NULL) {
        const char *e = strchr(s, '}');
        char name[128];
        size_t n;
        int ok = 0;

        if (e == NULL) {
            pk_load_say(R->L, node, NULL, PK_MSG_MESSAGE_UNCLOSED, PK_NOARGS);
            return;
        }
        n = (size_t)(e - s - 1);
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, s + 1, n);
        name[n] = '\0';
        for (size_t i = 0; plain[i] != NULL; i++)
            ok |= strcmp(name, plain[i]) == 0;
        if (strncmp(name, "fact:", 5) == 0) {
            int f = pk_pack_find_fact(R->L->pack, name + 5);
            ok = f >= 0;
            if (ok)
                R->L->pack->facts[f].used = 1;
        } else if (strncmp(name, "param:", 6) == 0) {
            int p = pk_pack_find_param(R->L->pack, name + 6);
            ok = p >= 0;
            if (ok)
                R->L->pack->params[p].used = 1;
        }
        if (!ok)
            pk_load_say(R->L, node, NULL, PK_MSG_MESSAGE_PLACEHOLDER,
                        PK_ARGS(name));
        s = e + 1;
    }
}

static void load_messages(rulectx *R, xmlNode *node)
{
    pk_rule *r = R->rule;

    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        const char *lang = pk_xml_attr(c, "lang");
        const char *on = pk_xml_attr(c, "on");
        int li, mi = -1;
        xmlChar *t;

        if (!pk_xml_is(c, "message"))
            continue;
        li = lang && strcmp(lang, "vi") == 0   ? 0
             : lang && strcmp(lang, "en") == 0 ? 1
                                               : -1;
        for (int m = 0; on && m < PK_MSG_COUNT; m++)
            if (strcmp(on, msg_on[m]) == 0)
                mi = m;
        if (li < 0 || mi < 0) {
            pk_load_say(R->L, c, NULL, PK_MSG_MESSAGE_ATTRS, PK_NOARGS);
            continue;
        }
        if (r->message[mi][li] != NULL) {
            pk_load_say(R->L, c, NULL, PK_MSG_SECOND_MESSAGE,
                        PK_ARGS(lang, on));
            continue;
        }
        t = xmlNodeGetContent(c); /* NULL only for want of memory */
        if (t == NULL) {
            pk_load_oom(R->L);
            return;
        }
        r->message[mi][li] = pk_load_strdup(R->L, (const char *)t);
        xmlFree(t);
        if (r->message[mi][li] != NULL)
            check_placeholders(R, c, r->message[mi][li]);
    }
    for (int m = 0; m < PK_MSG_COUNT; m++)
        if ((r->message[m][0] == NULL) != (r->message[m][1] == NULL))
            pk_load_say(R->L, node, NULL,
                        r->message[m][0] == NULL ? PK_MSG_MESSAGE_LACKS_VI
                                                 : PK_MSG_MESSAGE_LACKS_EN,
                        PK_ARGS(r->id, msg_on[m]));
}

/* ---- the facts a rule shows ---- */

static int add_fact(pk_loader *L, pk_rule *r, uint32_t f)
{
    uint32_t *n;

    for (size_t i = 0; i < r->nfacts; i++)
        if (r->facts[i] == f)
            return PK_OK;
    n = realloc(r->facts, (r->nfacts + 1) * sizeof *n);
    if (n == NULL)
        return pk_load_oom(L);
    r->facts = n;
    n[r->nfacts++] = f;
    return PK_OK;
}

static void add_fact_tree_at(pk_loader *L, pk_rule *r, uint32_t f, size_t depth)
{
    const pk_fact *fact = &L->pack->facts[f];

    /* A cycle among derived facts is reported by the fact loader; here it
     * must only not recurse for ever. */
    if (depth > L->pack->nfacts)
        return;
    for (size_t a = 0; a < fact->nargs; a++)
        add_fact_tree_at(L, r, fact->args[a], depth + 1);
    add_fact(L, r, f);
}

static void add_fact_tree(pk_loader *L, pk_rule *r, uint32_t f)
{
    add_fact_tree_at(L, r, f, 0);
}

static void collect_facts(pk_loader *L, pk_rule *r, const pk_cond *c)
{
    if (c->op == PK_C_ALL || c->op == PK_C_ANY || c->op == PK_C_NOT) {
        for (size_t i = 0; i < c->nkids; i++)
            collect_facts(L, r, &c->kids[i]);
        return;
    }
    add_fact_tree(L, r, c->fact);
    if (c->op == PK_C_COMPARE && c->rhs == PK_RHS_FACT)
        add_fact_tree(L, r, c->rhs_index);
    if (c->op == PK_C_COMPARE && c->rhs == PK_RHS_PARAM &&
        L->pack->params[c->rhs_index].by != PK_NONE)
        add_fact_tree(L, r, L->pack->params[c->rhs_index].by);
}

/* ---- readings ---- */

static uint64_t kinds_of(rulectx *R, xmlNode *node);

/* <readings>: the decree's <words> that leave the provision open, then two
 * or more <reading id>, each with its title, explanation and <check>.
 * Their conditions are compiled with the rule's own, so that every
 * comparison of every reading has its slot. */
static void load_readings(rulectx *R, xmlNode *node)
{
    pk_loader *L = R->L;
    pk_rule *r = R->rule;
    size_t n = 0;

    pk_load_texts(L, node, "words", r->open_words, 1);
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next))
        if (pk_xml_is(c, "reading"))
            n++;
        else if (!pk_xml_is(c, "words"))
            pk_load_say(L, c, NULL, PK_MSG_READINGS_UNKNOWN,
                        PK_ARGS((const char *)c->name));
    if (n < 2) {
        pk_load_say(L, node, NULL, PK_MSG_READINGS_TWO, PK_ARGS(r->id));
        if (n == 0)
            return;
    }
    r->readings = calloc(n, sizeof *r->readings);
    if (r->readings == NULL) {
        pk_load_oom(L);
        return;
    }
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL && !L->oom;
         c = pk_xml_elem(c->next)) {
        pk_reading *g;
        const char *id;
        xmlNode *check = NULL;

        if (!pk_xml_is(c, "reading"))
            continue;
        g = &r->readings[r->nreadings++];
        pk_xmldoc_pos(&L->x, c, NULL, &g->line, &g->col);
        g->check.op = PK_C_ALL; /* freeable whatever fails below */
        /* A reading may stand for some kinds of dossier only: for the
         * others the provision is settled by the readings left. */
        g->kinds = pk_xml_attr(c, "kinds") != NULL ? kinds_of(R, c) : r->kinds;
        if (g->kinds & ~r->kinds)
            pk_load_say(L, c, "kinds", PK_MSG_READING_KIND, PK_NOARGS);
        id = pk_xml_attr(c, "id");
        if (id == NULL || *id == '\0') {
            pk_load_say(L, c, NULL, PK_MSG_READING_ID, PK_NOARGS);
        } else {
            pk_load_check_id(L, c, id);
            for (size_t i = 0; i + 1 < r->nreadings; i++)
                if (r->readings[i].id != NULL &&
                    strcmp(r->readings[i].id, id) == 0)
                    pk_load_say(L, c, "id", PK_MSG_READING_ID_TWICE,
                                PK_ARGS(id, r->id));
            g->id = pk_load_strdup(L, id);
        }
        pk_load_texts(L, c, "title", g->title, 1);
        pk_load_texts(L, c, "explanation", g->explanation, 1);
        for (xmlNode *k = pk_xml_elem(c->children); k != NULL;
             k = pk_xml_elem(k->next)) {
            if (pk_xml_is(k, "check")) {
                if (check != NULL)
                    pk_load_say(L, k, NULL, PK_MSG_READING_SECOND_CHECK,
                                PK_NOARGS);
                check = k;
            } else if (!pk_xml_is(k, "title") && !pk_xml_is(k, "explanation")) {
                pk_load_say(L, k, NULL, PK_MSG_READING_UNKNOWN,
                            PK_ARGS((const char *)k->name));
            }
        }
        if (check == NULL) {
            pk_load_say(L, c, NULL, PK_MSG_READING_NO_CHECK,
                        PK_ARGS(id != NULL ? id : ""));
        } else {
            xmlNode *k = pk_xml_elem(check->children);
            if (k == NULL || pk_xml_elem(k->next) != NULL)
                pk_load_say(L, check, NULL, PK_MSG_CHECK_ONE_CONDITION,
                            PK_NOARGS);
            else if (compile_cond(R, k, &g->check) == PK_OK)
                collect_facts(L, r, &g->check);
        }
    }
    {
        uint64_t covered = 0;
        for (size_t i = 0; i < r->nreadings; i++)
            covered |= r->readings[i].kinds;
        if (r->nreadings > 0 && (r->kinds & ~covered) != 0)
            pk_load_say(L, node, NULL, PK_MSG_READING_MISSING_KIND,
                        PK_ARGS(r->id));
    }
}

/* ---- rules ---- */

/* The kinds="a b" attribute of node as a bit set over the dossier format's
 * kinds; every kind when it is absent. */
static uint64_t kinds_of(rulectx *R, xmlNode *node)
{
    const pk_dformat *f = R->L->format;
    const char *kinds = pk_xml_attr(node, "kinds");
    const pk_vocab *v = NULL;
    pk_vocab list;
    uint64_t mask = 0;

    if (f->role_at[PK_ROLE_KIND].elem != PK_NONE) {
        const pk_felem *e = &f->elems[f->role_at[PK_ROLE_KIND].elem];
        uint32_t a = f->role_at[PK_ROLE_KIND].attr;
        v = a == PK_NONE ? &e->value.vocab : &e->attrs[a].value.vocab;
    }
    if (kinds == NULL || v == NULL)
        return ~(uint64_t)0;
    memset(&list, 0, sizeof list);
    if (split_into(R->L, &list, kinds) != PK_OK) {
        for (size_t i = 0; i < list.count; i++)
            free(list.names[i]);
        free(list.names);
        return 0;
    }
    if (list.count == 0)
        pk_load_say(R->L, node, "kinds", PK_MSG_CITATION_KINDS_EMPTY,
                    PK_NOARGS);
    for (size_t i = 0; i < list.count; i++) {
        int k = pk_vocab_find(v, list.names[i]);
        if (k < 0 || k >= 64)
            pk_load_say(R->L, node, "kinds", PK_MSG_CITATION_NOT_KIND,
                        PK_ARGS(list.names[i], v->joined));
        else
            mask |= (uint64_t)1 << k;
        free(list.names[i]);
    }
    free(list.names);
    return mask;
}

static void load_kinds(rulectx *R, xmlNode *node)
{
    R->rule->kinds = kinds_of(R, node);
}

/* A rule's citations: one for every kind, or one per group of kinds when
 * the same requirement stands in another clause for another kind of
 * dossier (the scheme's parts: Art. 11.1.b, 12.1.b, 13.1.a). */
static void load_citations(rulectx *R, xmlNode *node)
{
    pk_rule *r = R->rule;
    uint64_t seen = 0;
    int any = 0;

    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        pk_kindcite *kc;
        if (!pk_xml_is(c, "citation"))
            continue;
        any = 1;
        if (pk_xml_attr(c, "kinds") == NULL) {
            if (r->has_default_cite)
                pk_load_say(R->L, c, NULL, PK_MSG_CITATION_SECOND_ALL,
                            PK_NOARGS);
            r->has_default_cite = 1;
            pk_load_citation_node(R->L, c, &r->cite);
            continue;
        }
        kc = realloc(r->kindcites, (r->nkindcites + 1) * sizeof *kc);
        if (kc == NULL) {
            pk_load_oom(R->L);
            return;
        }
        r->kindcites = kc;
        kc = &kc[r->nkindcites++];
        kc->kinds = kinds_of(R, c);
        if (kc->kinds & seen)
            pk_load_say(R->L, c, "kinds", PK_MSG_CITATION_KIND_TWICE,
                        PK_NOARGS);
        if (kc->kinds & ~r->kinds)
            pk_load_say(R->L, c, "kinds", PK_MSG_CITATION_KIND, PK_NOARGS);
        seen |= kc->kinds;
        pk_load_citation_node(R->L, c, &kc->cite);
        if (!r->has_default_cite && r->nkindcites == 1)
            r->cite = kc->cite; /* what pk_result_citation shows by default */
    }
    if (!any)
        pk_load_say(R->L, node, NULL, PK_MSG_RULE_NO_CITATION, PK_ARGS(r->id));
    else if (!r->has_default_cite && (r->kinds & ~seen) != 0 &&
             r->nkindcites > 0)
        pk_load_say(R->L, node, NULL, PK_MSG_RULE_UNCITED_KIND, PK_ARGS(r->id));
}

static void load_rule(pk_loader *L, xmlNode *node, pk_rule *r)
{
    rulectx R = {L, r, 0};
    const char *cat = pk_xml_attr(node, "category");
    const char *sev = pk_xml_attr(node, "severity");
    const char *w = pk_xml_attr(node, "weight");
    xmlNode *check = NULL, *applies = NULL, *readings = NULL;

    pk_xmldoc_pos(&L->x, node, NULL, &r->line, &r->col);
    r->format = L->format;
    if (cat != NULL && strcmp(cat, "criterion") == 0)
        r->category = PK_CATEGORY_CRITERION;
    else if (cat != NULL && strcmp(cat, "document") == 0)
        r->category = PK_CATEGORY_DOCUMENT;
    else
        pk_load_say(L, node, cat ? "category" : NULL, PK_MSG_RULE_CATEGORY,
                    PK_ARGS(r->id));
    if (sev != NULL && strcmp(sev, "mandatory") == 0)
        r->severity = PK_SEVERITY_MANDATORY;
    else if (sev != NULL && strcmp(sev, "advisory") == 0)
        r->severity = PK_SEVERITY_ADVISORY;
    else
        pk_load_say(L, node, sev ? "severity" : NULL, PK_MSG_RULE_SEVERITY,
                    PK_ARGS(r->id));
    r->weight = 1;
    if (w != NULL) {
        char *end;
        r->weight = strtod(w, &end);
        if (*end != '\0' || !(r->weight > 0 && r->weight <= 1000))
            pk_load_say(L, node, "weight", PK_MSG_RULE_WEIGHT, PK_ARGS(w));
    }
    load_kinds(&R, node);
    load_citations(&R, node);
    pk_load_texts(L, node, "title", r->title, 1);
    for (xmlNode *c = pk_xml_elem(node->children); c != NULL;
         c = pk_xml_elem(c->next)) {
        if (pk_xml_is(c, "check")) {
            if (check != NULL)
                pk_load_say(L, c, NULL, PK_MSG_RULE_SECOND_CHECK, PK_NOARGS);
            check = c;
        } else if (pk_xml_is(c, "applies-if")) {
            if (applies != NULL)
                pk_load_say(L, c, NULL, PK_MSG_RULE_SECOND_APPLIES_IF,
                            PK_NOARGS);
            applies = c;
        } else if (pk_xml_is(c, "readings")) {
            if (readings != NULL)
                pk_load_say(L, c, NULL, PK_MSG_RULE_SECOND_READINGS, PK_NOARGS);
            readings = c;
        } else if (!pk_xml_is(c, "citation") && !pk_xml_is(c, "title") &&
                   !pk_xml_is(c, "message") && !pk_xml_is(c, "provenance")) {
            pk_load_say(L, c, NULL, PK_MSG_RULE_UNKNOWN_ELEMENT,
                        PK_ARGS((const char *)c->name));
        }
    }
    /* A rule with readings decides by them: a <check> beside them would
     * be a reading that says nothing of why. */
    r->check.op = PK_C_ALL;
    if (readings != NULL) {
        if (check != NULL)
            pk_load_say(L, check, NULL, PK_MSG_RULE_CHECK_AND_READINGS,
                        PK_ARGS(r->id));
        else
            load_readings(&R, readings);
    } else if (check == NULL) {
        pk_load_say(L, node, NULL, PK_MSG_RULE_NO_CHECK, PK_ARGS(r->id));
    } else {
        xmlNode *k = pk_xml_elem(check->children);
        if (k == NULL || pk_xml_elem(k->next) != NULL)
            pk_load_say(L, check, NULL, PK_MSG_CHECK_ONE_CONDITION, PK_NOARGS);
        else if (compile_cond(&R, k, &r->check) == PK_OK)
            collect_facts(L, r, &r->check);
    }
    if (applies != NULL) {
        xmlNode *k = pk_xml_elem(applies->children);
        r->applies = calloc(1, sizeof *r->applies);
        if (r->applies == NULL) {
            pk_load_oom(L);
        } else if (k == NULL || pk_xml_elem(k->next) != NULL) {
            pk_load_say(L, applies, NULL, PK_MSG_APPLIES_IF_ONE, PK_NOARGS);
        } else if (compile_cond(&R, k, r->applies) == PK_OK) {
            collect_facts(L, r, r->applies);
        }
    }
    load_messages(&R, node);
    /* facts quoted in messages are shown too */
    for (int m = 0; m < PK_MSG_COUNT * 2; m++) {
        const char *s = r->message[m / 2][m % 2];
        while (s != NULL && (s = strstr(s, "{fact:")) != NULL) {
            const char *e = strchr(s, '}');
            char id[128];
            size_t n = e ? (size_t)(e - s - 6) : 0;
            int f;
            if (e == NULL || n >= sizeof id)
                break;
            memcpy(id, s + 6, n);
            id[n] = '\0';
            f = pk_pack_find_fact(L->pack, id);
            if (f >= 0)
                add_fact_tree(L, r, (uint32_t)f);
            s = e;
        }
    }
    r->ncompares = R.compares;
    if (R.compares > L->pack->max_compares)
        L->pack->max_compares = R.compares;
}

void pk_load_rules(pk_loader *L, xmlNode *rules)
{
    pk_pack *p = L->pack;

    p->rules = pk_load_array_for(L, rules, sizeof *p->rules);
    if (p->rules == NULL)
        return;
    for (xmlNode *c = pk_xml_elem(rules->children); c != NULL && !L->oom;
         c = pk_xml_elem(c->next)) {
        const char *id = pk_load_item_id(L, c, "rule", "rules");
        pk_rule *r;

        if (id == NULL)
            continue;
        for (size_t i = 0; i < p->nrules; i++)
            if (strcmp(p->rules[i].id, id) == 0) {
                char first[16];

                snprintf(first, sizeof first, "%u", p->rules[i].line);
                pk_load_say(L, c, "id", PK_MSG_RULE_ID_TWICE,
                            PK_ARGS(id, first));
                id = NULL;
                break;
            }
        if (id == NULL)
            continue;
        r = &p->rules[p->nrules++];
        r->id = pk_load_strdup(L, id);
        load_rule(L, c, r);
    }
    if (p->nrules == 0)
        pk_load_say(L, rules, NULL, PK_MSG_PACK_NO_RULES, PK_NOARGS);
}

void pk_load_check_unused(pk_loader *L)
{
    pk_pack *p = L->pack;
    const xmlNode *root = xmlDocGetRootElement(L->x.doc);

    for (size_t i = 0; i < p->nfacts; i++)
        if (!p->facts[i].used) {
            pk_error e;
            /* positions were kept when the fact was read */
            pk_error_set(
                &e, PK_ERULES, L->x.source, p->facts[i].line, p->facts[i].col,
                "fact \"%s\" is defined but no rule uses it", p->facts[i].id);
            if (L->problems++ == 0 && L->err != NULL)
                *L->err = e;
            if (L->on_problem != NULL)
                L->on_problem(L->userdata, &e);
        }
    for (size_t i = 0; i < p->nparams; i++)
        if (!p->params[i].used) {
            pk_error e;
            pk_error_set(&e, PK_ERULES, L->x.source, p->params[i].line,
                         p->params[i].col,
                         "parameter \"%s\" is defined but no rule uses it",
                         p->params[i].id);
            if (L->problems++ == 0 && L->err != NULL)
                *L->err = e;
            if (L->on_problem != NULL)
                L->on_problem(L->userdata, &e);
        }
    (void)root;
}
