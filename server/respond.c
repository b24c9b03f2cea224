/* What both front ends of the server share, and nothing of either: the
 * growing buffers a response is written into, a query's values, the JSON
 * error shape and a dossier checked into a report. handler.c (the API and
 * the routing) and the workbench call it; it calls neither. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler.h"

/* ---- buffers ---- */

void sb_put(srv_buf *b, const char *data, size_t len)
{
    if (b->failed)
        return;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *d;
        while (cap < b->len + len + 1)
            cap *= 2;
        d = realloc(b->data, cap);
        if (d == NULL) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void sb_puts(srv_buf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

void sb_printf(srv_buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        sb_put(b, small, (size_t)n);
        return;
    }
    {
        char *big = malloc((size_t)n + 1);
        if (big == NULL) {
            b->failed = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb_put(b, big, (size_t)n);
        free(big);
    }
}

/* The length of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t n;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

void sb_json(srv_buf *b, const char *s)
{
    while (s != NULL && *s != '\0') {
        unsigned char c = (unsigned char)*s;
        size_t n = utf8_len((const unsigned char *)s);
        if (n == 0) {
            /* A byte that is not UTF-8 (a client's %ff echoed back, a
             * message cut inside a character): JSON is UTF-8, so the
             * replacement character stands for it. */
            sb_puts(b, "\\ufffd");
            s++;
            continue;
        }
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            sb_put(b, e, 2);
        } else if (c < 0x20) {
            sb_printf(b, "\\u%04x", c);
        } else if (c == '<') {
            sb_puts(b, "\\u003c"); /* never "</script>" in a page */
        } else {
            sb_put(b, s, n);
        }
        s += n;
    }
}

void sb_html(srv_buf *b, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        switch (*s) {
        case '&':
            sb_puts(b, "&amp;");
            break;
        case '<':
            sb_puts(b, "&lt;");
            break;
        case '>':
            sb_puts(b, "&gt;");
            break;
        case '"':
            sb_puts(b, "&quot;");
            break;
        case '\'':
            sb_puts(b, "&#39;");
            break;
        default:
            sb_put(b, s, 1);
        }
    }
}

void sb_free(srv_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

int sb_write_fn(void *userdata, const char *data, size_t len)
{
    srv_buf *b = userdata;

    sb_put(b, data, len);
    return b->failed ? -1 : 0;
}

/* ---- queries ---- */

int srv_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int srv_query_arg(const char *query, const char *name, char *buf, size_t size)
{
    size_t nlen = strlen(name);
    const char *p = query;

    if (size > 0)
        buf[0] = '\0';
    while (p != NULL && *p != '\0') {
        const char *end = strchr(p, '&');
        if (end == NULL)
            end = p + strlen(p);
        if ((size_t)(end - p) > nlen && strncmp(p, name, nlen) == 0 &&
            p[nlen] == '=') {
            size_t o = 0;
            for (const char *s = p + nlen + 1; s < end; s++) {
                int c = (unsigned char)*s;
                if (c == '+')
                    c = ' ';
                else if (c == '%' && end - s >= 3 && srv_hexval(s[1]) >= 0 &&
                         srv_hexval(s[2]) >= 0) {
                    c = srv_hexval(s[1]) * 16 + srv_hexval(s[2]);
                    s += 2;
                }
                if (c == 0 || o + 1 >= size) {
                    if (size > 0)
                        buf[0] = '\0';
                    return -1;
                }
                buf[o++] = (char)c;
            }
            buf[o] = '\0';
            return 1;
        }
        p = *end ? end + 1 : end;
    }
    return 0;
}

const char *srv_query(const char *query, const char *name, char *buf,
                      size_t size)
{
    return srv_query_arg(query, name, buf, size) == 1 ? buf : NULL;
}

/* ---- errors ---- */

void srv_error(srv_response *resp, int status, const char *code,
               const char *message)
{
    sb_free(&resp->body);
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    resp->csp = SRV_CSP_API;
    resp->disposition[0] = '\0';
    sb_printf(&resp->body, "{\"error\":{\"status\":%d,\"code\":\"", status);
    sb_json(&resp->body, code);
    sb_puts(&resp->body, "\",\"message\":\"");
    sb_json(&resp->body, message);
    sb_puts(&resp->body, "\"}}\n");
}

int srv_lib_error(srv_response *resp, int rc, const pk_error *err)
{
    if (rc == PK_ENOMEM)
        srv_error(resp, 503, "out-of-memory", err->message);
    else if (rc == PK_ENOPACK)
        srv_error(resp, 422, "no-pack", err->message);
    else
        srv_error(resp, 400, "bad-argument", err->message);
    return rc;
}

/* ---- checking ---- */

/* Checks one dossier and writes its report in fmt: the API's JSON, and
 * the workbench's printable HTML. Returns 0, or an error already put in
 * resp. */
int srv_check(const srv_config *cfg, const char *data, size_t len,
              const char *as_of, const char *pack, pk_lang lang, pk_format fmt,
              srv_response *resp, pk_report **keep)
{
    pk_eval_options opts = PK_EVAL_OPTIONS_INIT;
    pk_report *report = NULL;
    pk_writer *w = NULL;
    pk_writer_options wopts = PK_WRITER_OPTIONS_INIT;
    pk_error err;
    const char *asked = as_of;
    int rc;

    if (pack != NULL) {
        size_t i, n = pk_engine_pack_count(cfg->engine);
        for (i = 0; i < n; i++)
            if (strcmp(pack, pk_engine_pack_id(cfg->engine, i)) == 0)
                break;
        if (i == n) {
            srv_error(resp, 404, "unknown-pack",
                      "no loaded rule pack has this id (GET /v1/packs)");
            return -1;
        }
        /* The pack's own first day when no date is asked for: the pack
         * named is the pack used. */
        if (as_of == NULL)
            as_of = pk_engine_pack_valid_from(cfg->engine, i);
    }
    opts.as_of = as_of;
    rc = pk_check_memory(&report, cfg->engine, "dossier.xml", data, len, &opts,
                         &err);
    if (rc != PK_OK) {
        srv_lib_error(resp, rc, &err);
        return -1;
    }
    /* A date the request asked for on which no pack is in force is the
     * request's error, as for a form; a dossier's own date outside every
     * pack's period is the dossier's, and its report says so. */
    if (asked != NULL && pk_report_pack_id(report)[0] == '\0') {
        for (size_t i = 0; i < pk_report_problem_count(report); i++)
            if (pk_report_problem(report, i)->code == PK_ENOPACK) {
                char msg[160];
                snprintf(msg, sizeof msg,
                         "no loaded rule pack is in force on %.16s (GET "
                         "/v1/packs lists the packs and their dates)",
                         asked);
                pk_report_free(report);
                srv_error(resp, 422, "no-pack", msg);
                return -1;
            }
    }
    if (pack != NULL && strcmp(pk_report_pack_id(report), pack) != 0) {
        pk_report_free(report);
        srv_error(resp, 422, "pack-not-in-force",
                  "the pack named is not in force on the date asked for");
        return -1;
    }
    wopts.format = fmt;
    wopts.lang = lang;
    rc = pk_writer_new(&w, cfg->engine, sb_write_fn, &resp->body, &wopts, &err);
    if (rc == PK_OK)
        rc = pk_writer_add(w, report, &err);
    if (rc == PK_OK)
        rc = pk_writer_finish(w, &err);
    pk_writer_free(w);
    if (rc != PK_OK || resp->body.failed) {
        pk_report_free(report);
        srv_error(resp, 503, "out-of-memory", "out of memory");
        return -1;
    }
    if (keep != NULL)
        *keep = report;
    else
        pk_report_free(report);
    resp->status = 200;
    return 0;
}
