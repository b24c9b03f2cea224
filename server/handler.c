/* Routing and the JSON API under /v1/. Every byte of a request is
 * hostile: paths and queries are compared, never used to open anything;
 * the body goes to the library, which has its own limits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"
#include "handler.h"

/* ---- responses ---- */

static void json_ok(srv_response *resp)
{
    resp->status = 200;
    resp->content_type = "application/json; charset=utf-8";
    resp->csp = SRV_CSP_API;
}

static int lang_of(const srv_config *cfg, const srv_request *req, pk_lang *l)
{
    char v[8];

    int has = srv_query_arg(req->query, "lang", v, sizeof v);

    *l = cfg->lang;
    if (has <= 0)
        return has;
    if (strcmp(v, "vi") == 0)
        *l = PK_LANG_VI;
    else if (strcmp(v, "en") == 0)
        *l = PK_LANG_EN;
    else
        return -1;
    return 0;
}

/* ---- /v1/ ---- */

static void api_packs(const srv_config *cfg, srv_response *resp)
{
    const pk_engine *e = cfg->engine;
    srv_buf *b = &resp->body;

    json_ok(resp);
    sb_puts(b, "{\"packs\":[");
    for (size_t i = 0; i < pk_engine_pack_count(e); i++) {
        sb_puts(b, i ? ",{\"id\":\"" : "{\"id\":\"");
        sb_json(b, pk_engine_pack_id(e, i));
        sb_puts(b, "\",\"version\":\"");
        sb_json(b, pk_engine_pack_version(e, i));
        sb_puts(b, "\",\"title\":{\"vi\":\"");
        sb_json(b, pk_engine_pack_title(e, i, PK_LANG_VI));
        sb_puts(b, "\",\"en\":\"");
        sb_json(b, pk_engine_pack_title(e, i, PK_LANG_EN));
        sb_puts(b, "\"},\"valid_from\":\"");
        sb_json(b, pk_engine_pack_valid_from(e, i));
        sb_puts(b, "\",\"valid_until\":");
        if (pk_engine_pack_valid_until(e, i)[0] == '\0') {
            sb_puts(b, "null");
        } else {
            sb_puts(b, "\"");
            sb_json(b, pk_engine_pack_valid_until(e, i));
            sb_puts(b, "\"");
        }
        sb_puts(b, "}");
    }
    sb_puts(b, "],\"kinds\":[");
    for (size_t i = 0; i < pk_engine_kind_count(e); i++) {
        const char *vi, *en;
        const char *k = pk_engine_kind(e, i, &vi, PK_LANG_VI);
        pk_engine_kind(e, i, &en, PK_LANG_EN);
        sb_puts(b, i ? ",{\"id\":\"" : "{\"id\":\"");
        sb_json(b, k);
        sb_puts(b, "\",\"label\":{\"vi\":\"");
        sb_json(b, vi);
        sb_puts(b, "\",\"en\":\"");
        sb_json(b, en);
        sb_puts(b, "\"}}");
    }
    sb_puts(b, "]}\n");
}

static void rule_json(srv_buf *b, const pk_engine *e, size_t pack,
                      const pk_rule *r, pk_lang lang)
{
    char cite[96];

    sb_puts(b, "{\"id\":\"");
    sb_json(b, pk_rule_id(r));
    sb_puts(b, "\",\"pack\":\"");
    sb_json(b, pk_engine_pack_id(e, pack));
    sb_puts(b, "\",\"title\":\"");
    sb_json(b, pk_rule_title(r, lang));
    sb_printf(b, "\",\"category\":\"%s\",\"severity\":\"%s\",\"weight\":%g",
              pk_category_name(pk_rule_category(r)),
              pk_severity_name(pk_rule_severity(r)), pk_rule_weight(r));
    pk_engine_citation_format(e, pk_rule_citation(r, NULL), lang, cite,
                              sizeof cite);
    sb_puts(b, ",\"citation\":\"");
    sb_json(b, cite);
    sb_puts(b, "\",\"kinds\":[");
    for (size_t k = 0, n = 0; k < pk_engine_kind_count(e); k++) {
        const char *kind = pk_engine_kind(e, k, NULL, lang);
        if (!pk_rule_applies_to(r, kind))
            continue;
        sb_puts(b, n++ ? ",\"" : "\"");
        sb_json(b, kind);
        sb_puts(b, "\"");
    }
    sb_puts(b, "]");
}

static void api_rules(const srv_config *cfg, const srv_request *req,
                      pk_lang lang, srv_response *resp)
{
    const pk_engine *e = cfg->engine;
    char pack[64];
    int has = srv_query_arg(req->query, "pack", pack, sizeof pack);
    const char *want = has != 0 ? pack : NULL;
    int found = want == NULL;
    size_t n = 0;

    json_ok(resp);
    sb_puts(&resp->body, "{\"rules\":[");
    for (size_t p = 0; p < pk_engine_pack_count(e); p++) {
        if (want != NULL && strcmp(want, pk_engine_pack_id(e, p)) != 0)
            continue;
        found = 1;
        for (size_t i = 0; i < pk_engine_rule_count(e, p); i++) {
            if (n++)
                sb_puts(&resp->body, ",");
            rule_json(&resp->body, e, p, pk_engine_rule(e, p, i), lang);
            sb_puts(&resp->body, "}");
        }
    }
    sb_puts(&resp->body, "]}\n");
    if (!found)
        srv_error(resp, 404, "unknown-pack", "no loaded rule pack has this id");
}

static void api_rule(const srv_config *cfg, const char *id, pk_lang lang,
                     srv_response *resp)
{
    size_t pack;
    const pk_rule *r = pk_engine_find_rule(cfg->engine, id, &pack);
    srv_buf text = {0};
    pk_error err;

    if (r == NULL) {
        srv_error(resp, 404, "unknown-rule", "no loaded rule has this id");
        return;
    }
    if (pk_rule_describe(cfg->engine, r, lang, sb_write_fn, &text, &err) !=
        PK_OK) {
        sb_free(&text);
        srv_error(resp, 503, "out-of-memory", err.message);
        return;
    }
    json_ok(resp);
    rule_json(&resp->body, cfg->engine, pack, r, lang);
    sb_puts(&resp->body, ",\"description\":\"");
    sb_json(&resp->body, text.data != NULL ? text.data : "");
    sb_puts(&resp->body, "\"}\n");
    sb_free(&text);
}

static const char *field_type_name(pk_field_type t)
{
    static const char *const names[] = {"section", "group", "text", "integer",
                                        "decimal", "bool",  "date", "choice"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "text";
}

static void str_or_null(srv_buf *b, const char *key, const char *v)
{
    sb_printf(b, ",\"%s\":", key);
    if (v == NULL) {
        sb_puts(b, "null");
        return;
    }
    sb_puts(b, "\"");
    sb_json(b, v);
    sb_puts(b, "\"");
}

/* A form's JSON: the shape docs/server.md and the OpenAPI describe. */
static void form_json(srv_buf *b, const pk_form *form)
{
    sb_puts(b, "{\"kind\":\"");
    sb_json(b, pk_form_kind(form));
    sb_puts(b, "\",\"kind_label\":\"");
    sb_json(b, pk_form_kind_label(form));
    sb_puts(b, "\",\"pack\":\"");
    sb_json(b, pk_form_pack_id(form));
    sb_puts(b, "\",\"pack_version\":\"");
    sb_json(b, pk_form_pack_version(form));
    sb_puts(b, "\",\"date\":\"");
    sb_json(b, pk_form_date(form));
    sb_puts(b, "\",\"fields\":[");
    for (size_t i = 0; i < pk_form_field_count(form); i++) {
        const pk_field *f = pk_form_field(form, i);
        sb_printf(b, "%s{\"index\":%zu,\"path\":\"", i ? "," : "", i);
        sb_json(b, f->path);
        sb_printf(b, "\",\"type\":\"%s\",\"group\":", field_type_name(f->type));
        if (f->group == PK_FORM_NO_GROUP)
            sb_puts(b, "null");
        else
            sb_printf(b, "%zu", f->group);
        sb_printf(b, ",\"depth\":%zu,\"label\":\"", f->depth);
        sb_json(b, f->label);
        sb_puts(b, "\",\"help\":\"");
        sb_json(b, f->help);
        sb_puts(b, "\",\"citations\":\"");
        sb_json(b, f->citations);
        sb_puts(b, "\",\"unit\":\"");
        sb_json(b, f->unit);
        sb_puts(b, "\"");
        str_or_null(b, "fixed", f->fixed);
        str_or_null(b, "initial", f->initial);
        str_or_null(b, "depends_on", f->depends_on);
        sb_printf(b,
                  ",\"required\":%s,\"key\":%s,\"none_mark\":%s,\"values\":[",
                  f->required ? "true" : "false", f->key ? "true" : "false",
                  f->none_mark ? "true" : "false");
        for (size_t v = 0; v < f->nvalues; v++) {
            const char *label, *when;
            const char *name = pk_form_value(form, i, v, &label, &when);
            sb_puts(b, v ? ",{\"value\":\"" : "{\"value\":\"");
            sb_json(b, name);
            sb_puts(b, "\",\"label\":\"");
            sb_json(b, label);
            sb_puts(b, "\"");
            str_or_null(b, "when", when);
            sb_puts(b, "}");
        }
        sb_puts(b, "]}");
    }
    sb_puts(b, "]}\n");
}

/* as-of=, when the query has it: a value too long to be a date, or with
 * a NUL in it, is a bad date as any other is (the library judges the
 * rest), never a date left out. */
static int date_arg(const srv_request *req, srv_response *resp, char *buf,
                    size_t size, const char **as_of)
{
    int has = srv_query_arg(req->query, "as-of", buf, size);

    *as_of = has == 1 ? buf : NULL;
    if (has < 0) {
        srv_error(resp, 400, "bad-argument",
                  "as-of: expected a date written YYYY-MM-DD");
        return -1;
    }
    return 0;
}

static int form_args(const srv_config *cfg, const srv_request *req,
                     srv_response *resp, char *kind, size_t ksize, char *asof,
                     size_t asize, const char **as_of)
{
    int has = srv_query_arg(req->query, "kind", kind, ksize);

    if (has < 0) {
        srv_error(resp, 400, "bad-argument",
                  "kind=: no kind of dossier has this name (GET /v1/packs "
                  "lists them)");
        return -1;
    }
    if (has == 0) {
        char msg[200];
        size_t n = pk_engine_kind_count(cfg->engine);
        snprintf(msg, sizeof msg,
                 "the query needs kind=, one of %zu kinds "
                 "(GET /v1/packs lists them)",
                 n);
        srv_error(resp, 400, "missing-kind", msg);
        return -1;
    }
    return date_arg(req, resp, asof, asize, as_of);
}

static void api_form(const srv_config *cfg, const srv_request *req,
                     pk_lang lang, srv_response *resp)
{
    char kind[64], asof[16];
    const char *as_of;
    pk_form *form = NULL;
    pk_error err;
    int rc;

    if (form_args(cfg, req, resp, kind, sizeof kind, asof, sizeof asof,
                  &as_of) != 0)
        return;
    rc = pk_form_new(&form, cfg->engine, kind, as_of, lang, &err);
    if (rc != PK_OK) {
        srv_lib_error(resp, rc, &err);
        return;
    }
    json_ok(resp);
    form_json(&resp->body, form);
    pk_form_free(form);
}

static void api_template(const srv_config *cfg, const srv_request *req,
                         pk_lang lang, srv_response *resp)
{
    char kind[64], asof[16];
    const char *as_of;
    pk_error err;
    pk_template_options topts = PK_TEMPLATE_OPTIONS_INIT;
    int rc;

    if (form_args(cfg, req, resp, kind, sizeof kind, asof, sizeof asof,
                  &as_of) != 0)
        return;
    topts.as_of = as_of;
    topts.lang = lang;
    rc = pk_template_write(cfg->engine, kind, sb_write_fn, &resp->body, &topts,
                           &err);
    if (rc != PK_OK) {
        srv_lib_error(resp, rc, &err);
        return;
    }
    resp->status = 200;
    resp->content_type = "application/xml; charset=utf-8";
    resp->csp = SRV_CSP_API;
    snprintf(resp->disposition, sizeof resp->disposition,
             "attachment; filename=\"%s.xml\"", kind);
}

/* Whether the body can be a dossier at all: some XML. A dossier that is
 * broken (not well-formed, bad values) is still a dossier, and gets its
 * report with verdict invalid. */
static int looks_like_xml(const char *data, size_t len)
{
    size_t i = 0;

    /* UTF-16, as Notepad saves "Unicode": the reader transcodes it (with
     * its byte order mark, or starting "<" without one) */
    if (len >= 2 &&
        (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0 ||
         memcmp(data, "<\0", 2) == 0 || memcmp(data, "\0<", 2) == 0))
        return 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
                       data[i] == '\n'))
        i++;
    return i < len && data[i] == '<';
}

/* Whether a Content-Type names a type a dossier may be sent as. A media
 * type (RFC 9110 8.3.1) is type/subtype, compared without regard to case,
 * then its parameters, each after optional whitespace and a ';'. */
static int xml_content_type(const char *ct)
{
    static const char *const types[] = {"application/xml", "text/xml",
                                        "application/octet-stream",
                                        "application/x-www-form-urlencoded"};
    const char *rest;
    size_t n;

    if (ct == NULL)
        return 1;
    ct += strspn(ct, " \t");
    n = strcspn(ct, "; \t");
    rest = ct + n + strspn(ct + n, " \t");
    if (*rest != '\0' && *rest != ';')
        return 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strlen(types[i]) == n && strncasecmp(ct, types[i], n) == 0)
            return 1;
    return 0;
}

static void api_check(const srv_config *cfg, const srv_request *req,
                      pk_lang lang, srv_response *resp)
{
    char asof[16], pack[64];
    const char *as_of;
    int has_pack;

    if (req->body_len == 0) {
        srv_error(resp, 400, "empty-body",
                  "send the dossier (XML) as the request body");
        return;
    }
    if (!xml_content_type(req->content_type)) {
        srv_error(resp, 415, "not-xml",
                  "the body must be a dossier in XML (Content-Type: "
                  "application/xml)");
        return;
    }
    if (!looks_like_xml(req->body, req->body_len)) {
        srv_error(resp, 400, "not-a-dossier",
                  "the body is not XML: send the dossier file itself");
        return;
    }
    if (date_arg(req, resp, asof, sizeof asof, &as_of) != 0)
        return;
    /* A pack= that is too long, or has a NUL, names no pack: srv_check
     * says so (404) as for any unknown id. */
    has_pack = srv_query_arg(req->query, "pack", pack, sizeof pack);
    if (srv_check(cfg, req->body, req->body_len, as_of,
                  has_pack != 0 ? pack : NULL, lang, PK_FORMAT_JSON, resp,
                  NULL) == 0)
        json_ok(resp);
}

static void asset(srv_response *resp, const char *name, const char *type)
{
    for (const struct pk_builtin *f = pk_server_files; f->name != NULL; f++)
        if (strcmp(f->name, name) == 0) {
            resp->status = 200;
            resp->content_type = type;
            resp->csp = SRV_CSP_API;
            sb_put(&resp->body, f->data, f->len);
            return;
        }
    srv_error(resp, 404, "not-found", "no such resource");
}

static int method_is(const srv_request *req, const char *m, srv_response *resp,
                     const char *allow)
{
    if (strcmp(req->method, m) == 0 ||
        (strcmp(m, "GET") == 0 && strcmp(req->method, "HEAD") == 0))
        return 1;
    resp->allow = allow;
    srv_error(resp, 405, "method-not-allowed",
              "this resource does not take that method");
    return 0;
}

void srv_handle(const srv_config *cfg, const srv_request *req,
                srv_response *resp)
{
    pk_lang lang;
    const char *p = req->path;

    memset(resp, 0, sizeof *resp);
    if (req->query == NULL || req->method == NULL || p == NULL) {
        srv_error(resp, 400, "bad-request", "malformed request");
        return;
    }
    if (req->body_len > cfg->max_body) {
        srv_error(resp, 413, "too-large",
                  "the body is larger than the dossier size limit");
        return;
    }
    if (lang_of(cfg, req, &lang) != 0) {
        srv_error(resp, 400, "bad-lang", "lang must be vi or en");
        return;
    }
    if (strncmp(p, "/v1/", 4) == 0) {
        const char *r = p + 4;
        if (strcmp(r, "check") == 0) {
            if (method_is(req, "POST", resp, "POST"))
                api_check(cfg, req, lang, resp);
        } else if (strcmp(r, "packs") == 0) {
            if (method_is(req, "GET", resp, "GET, HEAD"))
                api_packs(cfg, resp);
        } else if (strcmp(r, "rules") == 0) {
            if (method_is(req, "GET", resp, "GET, HEAD"))
                api_rules(cfg, req, lang, resp);
        } else if (strncmp(r, "rules/", 6) == 0 && r[6] != '\0' &&
                   strchr(r + 6, '/') == NULL) {
            if (method_is(req, "GET", resp, "GET, HEAD"))
                api_rule(cfg, r + 6, lang, resp);
        } else if (strcmp(r, "form") == 0) {
            if (method_is(req, "GET", resp, "GET, HEAD"))
                api_form(cfg, req, lang, resp);
        } else if (strcmp(r, "template") == 0) {
            if (method_is(req, "GET", resp, "GET, HEAD"))
                api_template(cfg, req, lang, resp);
        } else if (strcmp(r, "openapi.json") == 0) {
            if (method_is(req, "GET", resp, "GET, HEAD"))
                asset(resp, "openapi.json", "application/json; charset=utf-8");
        } else {
            srv_error(resp, 404, "not-found", "no such resource under /v1/");
        }
    } else if (strcmp(p, "/workbench.css") == 0) {
        if (method_is(req, "GET", resp, "GET, HEAD"))
            asset(resp, "workbench.css", "text/css; charset=utf-8");
    } else if (strcmp(p, "/workbench.js") == 0) {
        if (method_is(req, "GET", resp, "GET, HEAD"))
            asset(resp, "workbench.js", "text/javascript; charset=utf-8");
    } else {
        wb_handle(cfg, req, lang, resp);
    }
    if (resp->body.failed)
        srv_error(resp, 503, "out-of-memory", "out of memory");
    if (resp->csp == NULL)
        resp->csp = SRV_CSP_API;
}

/* ---- raw requests (the fuzzer's way in) ---- */

void srv_handle_bytes(const srv_config *cfg, const char *data, size_t len,
                      srv_response *resp)
{
    char method[16], target[2048], ctype[128];
    const char *eol, *p = data, *end = data + len, *q;
    size_t n;
    srv_request req;

    memset(&req, 0, sizeof req);
    ctype[0] = '\0';
    eol = memchr(p, '\n', len);
    q = eol != NULL ? memchr(p, ' ', (size_t)(eol - p)) : NULL;
    if (q == NULL || (size_t)(q - p) >= sizeof method)
        goto bad;
    n = (size_t)(q - p);
    memcpy(method, p, n);
    method[n] = '\0';
    p = q + 1;
    q = memchr(p, ' ', (size_t)(eol - p));
    if (q == NULL || (size_t)(q - p) >= sizeof target || q == p)
        goto bad;
    n = (size_t)(q - p);
    memcpy(target, p, n);
    target[n] = '\0';
    if (memchr(target, '\0', n) != NULL ||
        memchr(method, '\0', strlen(method) + 1) == NULL)
        goto bad;
    /* headers, up to the blank line */
    p = eol + 1;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l;
        if (nl == NULL)
            goto bad;
        l = (size_t)(nl - p);
        if (l > 0 && p[l - 1] == '\r')
            l--;
        if (l == 0) {
            p = nl + 1;
            break;
        }
        if (l > 13 && strncasecmp(p, "content-type:", 13) == 0) {
            const char *v = p + 13;
            size_t vl = l - 13;
            while (vl > 0 && *v == ' ') {
                v++;
                vl--;
            }
            if (vl >= sizeof ctype || memchr(v, '\0', vl) != NULL)
                goto bad;
            memcpy(ctype, v, vl);
            ctype[vl] = '\0';
        }
        p = nl + 1;
    }
    req.method = method;
    q = strchr(target, '?');
    if (q != NULL) {
        target[q - target] = '\0';
        req.query = target + (q - target) + 1;
    } else {
        req.query = "";
    }
    req.path = target;
    req.content_type = ctype[0] ? ctype : NULL;
    req.body = p;
    req.body_len = (size_t)(end - p);
    srv_handle(cfg, &req, resp);
    return;
bad:
    memset(resp, 0, sizeof *resp);
    srv_error(resp, 400, "bad-request", "malformed HTTP request");
}
