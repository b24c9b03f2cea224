/* parkcheck serve: the request handler behind libmicrohttpd. One engine
 * for every thread of the pool (it is immutable once made); each request
 * is read whole (up to the dossier size limit), answered by srv_handle()
 * and logged in one line. Limits on connections, per client and in all,
 * and timeouts that close slow and idle clients are libmicrohttpd's. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "handler.h"
#include "serve.h"

typedef struct conn {
    srv_buf body;
    char *target; /* the request target as the client sent it */
    int began;    /* the access handler has seen the request's headers */
    int too_big;
    int close; /* the response says "Connection: close" */
    int status;
    size_t sent;
    struct timespec start;
    char method[12];
    char path[160];
} conn;

typedef struct server {
    srv_config cfg;
    int quiet;
} server;

static void add_security_headers(struct MHD_Response *r, const char *csp)
{
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
}

static enum MHD_Result send_response(struct MHD_Connection *c, conn *cx,
                                     srv_response *resp)
{
    struct MHD_Response *r;
    enum MHD_Result ok;
    size_t len = resp->body.len;
    char *data = resp->body.data;

    if (data == NULL) {
        data = malloc(1);
        if (data == NULL)
            return MHD_NO;
        len = 0;
    }
    r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (r == NULL) {
        free(data);
        return MHD_NO;
    }
    resp->body.data = NULL;
    add_security_headers(r, resp->csp != NULL ? resp->csp : SRV_CSP_API);
    if (resp->content_type != NULL)
        MHD_add_response_header(r, "Content-Type", resp->content_type);
    if (resp->disposition[0] != '\0')
        MHD_add_response_header(r, "Content-Disposition", resp->disposition);
    if (resp->allow != NULL)
        MHD_add_response_header(r, "Allow", resp->allow);
    if (cx->close)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    cx->status = resp->status;
    cx->sent = len;
    ok = MHD_queue_response(c, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    return ok;
}

/* Called by libmicrohttpd with the request target as the client sent it,
 * before it decodes the path in place (where a %00 ends it) and splits
 * the query into arguments: the handler reads that query itself, and
 * measures it as it was sent. What this returns is the request's state.
 *
 * The query is then taken away from libmicrohttpd. It would store each
 * argument in the connection's memory pool (--max-connections times 64
 * KiB) before the handler sees the request, and libmicrohttpd 0.9.75,
 * out of pool there (a query of a thousand "a=1&"), queues a 431 that it
 * never sends and neither answers nor closes the connection until the
 * timeout, nor says that the request ended. The target is in the
 * connection's read buffer, which libmicrohttpd changes in place itself
 * (it ends the path at the '?', it decodes the path): ending the query
 * where it starts leaves it no argument to store. No answer depends on
 * libmicrohttpd's arguments. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    conn *cx = calloc(1, sizeof *cx);
    char *q;

    (void)cls;
    (void)c;
    if (cx == NULL)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &cx->start);
    cx->target = strdup(uri);
    if (cx->target == NULL) {
        free(cx);
        return NULL;
    }
    q = strchr((char *)uri, '?');
    if (q != NULL)
        q[1] = '\0';
    snprintf(cx->path, sizeof cx->path, "%.*s", (int)strcspn(uri, "?"), uri);
    return cx;
}

/* Whether the path as sent has a NUL byte in it, written %00: libmicrohttpd
 * would end the path there ("/v1/packs%00.json" is "/v1/packs"). */
static int path_has_nul(const char *target)
{
    size_t n = strcspn(target, "?");

    for (size_t i = 0; i + 2 < n; i++)
        if (target[i] == '%' && target[i + 1] == '0' && target[i + 2] == '0')
            return 1;
    return 0;
}

typedef struct framing {
    unsigned lengths, codings;
    const char *length; /* the first Content-Length */
    int differ;         /* two Content-Length values that differ */
    int unchunked;      /* a Transfer-Encoding other than "chunked", as
                         * libmicrohttpd compares it */
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind k,
                                     const char *key, const char *value)
{
    framing *f = cls;

    (void)k;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
        if (f->lengths++ == 0)
            f->length = value;
        else if (strcmp(f->length, value) != 0)
            f->differ = 1;
    } else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        if (f->codings++ > 0 || strcasecmp(value, "chunked") != 0)
            f->unchunked = 1;
    }
    return MHD_YES;
}

/* A request whose body has no one length (RFC 9112 6.1, 6.3): differing
 * Content-Length values, Content-Length beside Transfer-Encoding, or a
 * Transfer-Encoding that is not chunked alone. libmicrohttpd would take
 * one reading, and a proxy in front might take another: the bytes past the
 * body as it reads it would then be answered as a request of their own.
 * Refused, and the connection closed. */
static const char *ambiguous_framing(struct MHD_Connection *c)
{
    framing f = {0};

    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
    if (f.differ)
        return "two Content-Length headers with different values";
    if (f.lengths > 0 && f.codings > 0)
        return "both Content-Length and Transfer-Encoding";
    if (f.unchunked)
        return "a Transfer-Encoding other than chunked";
    return NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
    server *s = cls;
    conn *cx = *state;
    srv_response resp;
    srv_request req;
    const char *query;
    enum MHD_Result ok;

    if (cx == NULL)
        return MHD_NO; /* out of memory in on_uri() */
    if (!cx->began) {
        const char *cl, *why;
        cx->began = 1;
        clock_gettime(CLOCK_MONOTONIC, &cx->start);
        snprintf(cx->method, sizeof cx->method, "%s", method);
        why = ambiguous_framing(c);
        if (why != NULL) {
            char msg[160];
            cx->close = 1;
            memset(&resp, 0, sizeof resp);
            snprintf(msg, sizeof msg,
                     "the request's body has no one length: %s", why);
            srv_error(&resp, 400, "ambiguous-length", msg);
            ok = send_response(c, cx, &resp);
            sb_free(&resp.body);
            return ok;
        }
        cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                         MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl != NULL && strtoull(cl, NULL, 10) > s->cfg.max_body) {
            /* Refused before a byte of the body is read; libmicrohttpd
             * closes the connection after this answer. */
            cx->too_big = 1;
            cx->close = 1;
            memset(&resp, 0, sizeof resp);
            srv_error(&resp, 413, "too-large",
                      "the body is larger than the dossier size limit");
            ok = send_response(c, cx, &resp);
            sb_free(&resp.body);
            return ok;
        }
        return MHD_YES;
    }
    if (*upload_size > 0) {
        if (!cx->too_big && cx->body.len + *upload_size > s->cfg.max_body)
            cx->too_big = 1;
        if (!cx->too_big) {
            sb_put(&cx->body, upload, *upload_size);
            if (cx->body.failed)
                cx->too_big = 1;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    memset(&resp, 0, sizeof resp);
    if (cx->too_big) {
        srv_error(&resp, 413, "too-large",
                  "the body is larger than the dossier size limit");
        ok = send_response(c, cx, &resp);
        sb_free(&resp.body);
        return ok;
    }
    query = strchr(cx->target, '?');
    query = query != NULL ? query + 1 : "";
    if (strlen(query) > 8192) {
        srv_error(&resp, 414, "query-too-long",
                  "the query is longer than 8 KiB");
    } else if (path_has_nul(cx->target)) {
        srv_error(&resp, 400, "bad-path",
                  "the path has a NUL byte (%00) in it");
    } else {
        memset(&req, 0, sizeof req);
        req.method = method;
        req.path = url;
        req.query = query;
        req.content_type = MHD_lookup_connection_value(
            c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        req.body = cx->body.data != NULL ? cx->body.data : "";
        req.body_len = cx->body.len;
        (void)version;
        srv_handle(&s->cfg, &req, &resp);
    }
    ok = send_response(c, cx, &resp);
    sb_free(&resp.body);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode why)
{
    server *s = cls;
    conn *cx = *state;
    char line[512], addr[INET6_ADDRSTRLEN] = "-", status[8] = "-";
    const char *note = "";
    const union MHD_ConnectionInfo *ci;
    struct timespec now;
    double ms;
    int n;

    if (cx == NULL)
        return;
    *state = NULL;
    ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci != NULL && ci->client_addr != NULL) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
                      addr, sizeof addr);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
                      addr, sizeof addr);
    }
    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (double)(now.tv_sec - cx->start.tv_sec) * 1e3 +
         (double)(now.tv_nsec - cx->start.tv_nsec) / 1e6;
    if (!s->quiet) {
        /* The path is the client's: control bytes are not echoed. */
        for (char *p = cx->path; *p != '\0'; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '"')
                *p = '?';
        for (char *p = cx->method; *p != '\0'; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '"')
                *p = '?';
        if (cx->status != 0)
            snprintf(status, sizeof status, "%d", cx->status);
        /* libmicrohttpd refused the request itself (a malformed header or
         * length, headers too large, a bad chunk) and wrote its own
         * answer, whose status it does not say. */
        if (cx->status == 0 && why == MHD_REQUEST_TERMINATED_WITH_ERROR)
            note = " (refused by libmicrohttpd)";
        else if (why != MHD_REQUEST_TERMINATED_COMPLETED_OK)
            note = " (closed before the end)";
        n = snprintf(line, sizeof line, "%s \"%s %s\" %s %zu %.1fms%s\n", addr,
                     cx->method[0] != '\0' ? cx->method : "-", cx->path, status,
                     cx->sent, ms, note);
        if (n > 0)
            (void)!write(STDERR_FILENO, line,
                         (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    }
    sb_free(&cx->body);
    free(cx->target);
    free(cx);
}

static void on_mhd_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    (void)fmt;
    (void)ap; /* a client's broken request is its answer, not our log */
}

/* "127.0.0.1:8154", "[::1]:8154", "0.0.0.0:80". */
static int parse_listen(const char *spec, struct sockaddr_storage *ss,
                        socklen_t *len)
{
    char host[128];
    const char *colon, *port;
    struct addrinfo hints, *res = NULL;
    int rc;

    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (end == NULL || end[1] != ':' ||
            (size_t)(end - spec - 1) >= sizeof host)
            return -1;
        memcpy(host, spec + 1, (size_t)(end - spec - 1));
        host[end - spec - 1] = '\0';
        port = end + 2;
    } else {
        colon = strrchr(spec, ':');
        if (colon == NULL || (size_t)(colon - spec) >= sizeof host)
            return -1;
        memcpy(host, spec, (size_t)(colon - spec));
        host[colon - spec] = '\0';
        port = colon + 1;
    }
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0 || res == NULL)
        return -1;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

static void usage(FILE *out)
{
    fputs("Usage: parkcheck serve [OPTION]...\n"
          "Serve the drafter's workbench (/) and the JSON API (/v1/) over "
          "HTTP.\n"
          "\n"
          "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8154; "
          "port 0: any)\n"
          "  --rules PATH         rule packs to load instead of the built-in "
          "ones\n"
          "  --lang vi|en         the language when a request does not ask "
          "(default vi)\n"
          "  --threads N          worker threads (default 4)\n"
          "  --max-connections N  connections at once, in all (default 512)\n"
          "  --per-client N       connections at once from one address "
          "(default 64)\n"
          "  --timeout SECONDS    close a client idle or slow this long "
          "(default 15)\n"
          "  --max-bytes N        the largest request body (default: the "
          "dossier limit, 16 MiB)\n"
          "  --quiet              no access log\n"
          "\n"
          "Stops cleanly on SIGINT or SIGTERM. docs/server.md says more.\n",
          out);
}

static int number(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || end == s || v > max)
        return -1;
    *out = v;
    return 0;
}

/* Each rule-pack problem, as compilers print theirs, counted. */
static void print_diag(void *userdata, const pk_error *e)
{
    unsigned *said = userdata;

    (*said)++;
    fprintf(stderr, "%s:%u:%u: %s\n", e->source, e->line, e->column,
            e->message);
}

int cli_run_serve(int argc, char **argv)
{
    const char *listen = "127.0.0.1:8154", *rules = NULL;
    unsigned long threads = 4, maxconn = 512, perip = 64, timeout = 15,
                  maxbytes = PK_DEFAULT_MAX_DOSSIER_BYTES;
    pk_engine_options eo = PK_ENGINE_OPTIONS_INIT;
    pk_engine *engine = NULL;
    unsigned said = 0;
    struct stat st;
    struct sockaddr_storage ss;
    socklen_t sslen;
    struct MHD_Daemon *d;
    server s;
    sigset_t sigs;
    int sig, rc;
    pk_error err;

    memset(&s, 0, sizeof s);
    s.cfg.lang = PK_LANG_VI;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long *num = NULL, max = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--quiet") == 0) {
            s.quiet = 1;
            continue;
        }
        if (v == NULL) {
            fprintf(stderr,
                    "parkcheck serve: %s needs a value (see "
                    "'parkcheck serve --help')\n",
                    a);
            return 2;
        }
        i++;
        if (strcmp(a, "--listen") == 0)
            listen = v;
        else if (strcmp(a, "--rules") == 0)
            rules = v;
        else if (strcmp(a, "--lang") == 0) {
            if (strcmp(v, "vi") == 0)
                s.cfg.lang = PK_LANG_VI;
            else if (strcmp(v, "en") == 0)
                s.cfg.lang = PK_LANG_EN;
            else {
                fprintf(stderr, "parkcheck serve: --lang is vi or en\n");
                return 2;
            }
        } else if (strcmp(a, "--threads") == 0)
            num = &threads, max = 256;
        else if (strcmp(a, "--max-connections") == 0)
            num = &maxconn, max = 60000;
        else if (strcmp(a, "--per-client") == 0)
            num = &perip, max = 60000;
        else if (strcmp(a, "--timeout") == 0)
            num = &timeout, max = 3600;
        else if (strcmp(a, "--max-bytes") == 0)
            num = &maxbytes,
            max = (unsigned long)PK_DEFAULT_MAX_DOSSIER_BYTES * 16;
        else {
            fprintf(stderr,
                    "parkcheck serve: unknown option '%s' (see "
                    "'parkcheck serve --help')\n",
                    a);
            return 2;
        }
        if (num != NULL && (number(v, max, num) != 0 || *num == 0)) {
            fprintf(stderr,
                    "parkcheck serve: %s needs a number from 1 to "
                    "%lu\n",
                    a, max);
            return 2;
        }
    }
    if (parse_listen(listen, &ss, &sslen) != 0) {
        fprintf(stderr, "parkcheck serve: --listen needs ADDR:PORT with a "
                        "numeric address, such as 127.0.0.1:8154 or "
                        "[::1]:8154\n");
        return 2;
    }
    eo.max_dossier_bytes = maxbytes;
    eo.on_problem = print_diag;
    eo.userdata = &said;
    rc = rules != NULL ? pk_engine_new_from_path(&engine, rules, &eo, &err)
                       : pk_engine_new(&engine, &eo, &err);
    if (rc != PK_OK) {
        /* the problems are said already: then only how many */
        if (said > 0 && err.code != PK_ENOMEM)
            fprintf(
                stderr, "parkcheck serve: %s: %u problem%s in the %s (above)\n",
                rules != NULL ? rules : "", said, said == 1 ? "" : "s",
                rules != NULL && stat(rules, &st) == 0 && S_ISDIR(st.st_mode)
                    ? "rules in this directory"
                    : "rule pack");
        else if (err.line > 0)
            fprintf(stderr, "parkcheck serve: %s:%u:%u: %s\n", err.source,
                    err.line, err.column, err.message);
        else
            fprintf(stderr, "parkcheck serve: %s\n", err.message);
        return 3;
    }
    s.cfg.engine = engine;
    s.cfg.max_body = maxbytes;

    /* The pool's threads inherit this mask: only the main thread takes
     * the signals that stop the server. */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
            (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
        0, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned int)maxconn, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)perip, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned int)timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)64 * 1024, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, &s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, NULL,
        MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr,
                "parkcheck serve: cannot listen on %s (in use, or "
                "not this machine's address)\n",
                listen);
        pk_engine_free(engine);
        return 3;
    }
    {
        const union MHD_DaemonInfo *di =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
        char host[INET6_ADDRSTRLEN] = "";
        if (ss.ss_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host,
                      sizeof host);
        else
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host,
                      sizeof host);
        fprintf(stderr,
                "parkcheck serve: listening on http://%s%s%s:%u/ "
                "(%lu threads; Ctrl-C stops)\n",
                ss.ss_family == AF_INET6 ? "[" : "", host,
                ss.ss_family == AF_INET6 ? "]" : "",
                di != NULL ? (unsigned)di->port : 0u, threads);
        fflush(stderr);
    }
    while (sigwait(&sigs, &sig) != 0)
        ;
    fprintf(stderr, "parkcheck serve: %s received, stopping\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    pk_engine_free(engine);
    return 0;
}
