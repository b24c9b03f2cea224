/* The server's request handler: a request in, a response out, no sockets
 * and no files, so that the HTTP front end, the tests and the fuzzer drive
 * the same code. Built on the public API of libparkcheck only. */
#ifndef PK_SERVER_HANDLER_H
#define PK_SERVER_HANDLER_H

#include <stddef.h>

#include <parkcheck/parkcheck.h>

typedef struct srv_buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed: the contents are incomplete */
} srv_buf;

void sb_put(srv_buf *b, const char *data, size_t len);
void sb_puts(srv_buf *b, const char *s);
void sb_printf(srv_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s escaped for a JSON string (without the quotes). */
void sb_json(srv_buf *b, const char *s);
/* s escaped for HTML text and attribute values. */
void sb_html(srv_buf *b, const char *s);
void sb_free(srv_buf *b);
int sb_write_fn(void *userdata, const char *data, size_t len);

typedef struct srv_config {
    const pk_engine *engine; /* shared by every request; read-only */
    pk_lang lang;            /* when a request does not ask */
    size_t max_body;         /* the dossier size limit */
} srv_config;

typedef struct srv_request {
    const char *method;       /* "GET", "POST", ... */
    const char *path;         /* "/v1/check", without the query */
    const char *query;        /* "lang=en&as-of=2024-01-01", or "" */
    const char *content_type; /* NULL when none */
    const char *body;
    size_t body_len;
} srv_request;

typedef struct srv_response {
    int status;
    const char *content_type;
    const char *csp;       /* the Content-Security-Policy */
    char disposition[160]; /* Content-Disposition, or "" */
    const char *allow;     /* Allow, for 405 */
    srv_buf body;
} srv_response;

/* Answers one request. Never fails: out of memory is a 503. The response's
 * body is the caller's to free with sb_free(). */
void srv_handle(const srv_config *cfg, const srv_request *req,
                srv_response *resp);

/* The same from the raw bytes of an HTTP/1.1 request (request line,
 * headers, body after a blank line), as the fuzzer gives them; a request
 * that cannot be parsed is a 400. */
void srv_handle_bytes(const srv_config *cfg, const char *data, size_t len,
                      srv_response *resp);

/* The value of a hexadecimal digit, or -1 (respond.c). */
int srv_hexval(int c);

/* The value of name in a query string (the raw one, as the client sent
 * it), URL-decoded into buf: 1 when the query has it, 0 when it has not,
 * -1 when it has it with a value no parameter takes (longer than size - 1
 * bytes, or with a NUL byte, %00, in it); buf is "" unless 1. The first
 * name= of the query counts. */
int srv_query_arg(const char *query, const char *name, char *buf, size_t size);

/* The same, as buf or NULL: absent and unusable are one. */
const char *srv_query(const char *query, const char *name, char *buf,
                      size_t size);

/* The workbench (workbench.c): the pages for people. */
void wb_handle(const srv_config *cfg, const srv_request *req, pk_lang lang,
               srv_response *resp);

/* Security headers and the JSON error shape, for both front ends
 * (respond.c, with the buffers and srv_query()). */
void srv_error(srv_response *resp, int status, const char *code,
               const char *message);

/* The library's error rc as the API's error: 503 for memory, 422 when no
 * pack is in force, 400 otherwise. Returns rc. */
int srv_lib_error(srv_response *resp, int rc, const pk_error *err);

/* Checks one dossier and writes its report in fmt: the API's JSON, and
 * the workbench's printable HTML; keep, when not NULL, takes the report.
 * Returns 0, or -1 with the error already put in resp. */
int srv_check(const srv_config *cfg, const char *data, size_t len,
              const char *as_of, const char *pack, pk_lang lang, pk_format fmt,
              srv_response *resp, pk_report **keep);

#define SRV_CSP_API                                                            \
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "            \
    "form-action 'none'"
#define SRV_CSP_PAGE                                                           \
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src "    \
    "'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "     \
    "base-uri 'none'"
/* The printable report carries its style inline (one self-contained
 * file); it runs no script and loads nothing. */
#define SRV_CSP_REPORT                                                         \
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "      \
    "frame-ancestors 'none'; base-uri 'none'"

#endif
