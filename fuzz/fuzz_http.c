/*
 * fuzz_http - libFuzzer target: the raw bytes of an HTTP request through
 * the server's request handler (server/handler.c), as `parkcheck serve`
 * answers it once libmicrohttpd has read it: the request line, the
 * headers, the body. Every route is reachable: the API under /v1/, the
 * workbench's form posts (URL-encoded fields turned into a dossier) and
 * its file upload (multipart, read back with libxml2).
 *
 * One engine is created in LLVMFuzzerInitialize and shared by every run,
 * as the server shares it; the body limit is 64 KiB.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler.h"

static pk_engine *engine;
static srv_config cfg;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    pk_error err;

    (void)argc;
    (void)argv;
    if (pk_engine_new(&engine, NULL, &err) != 0) {
        fprintf(stderr, "fuzz_http: engine: %s\n", err.message);
        abort();
    }
    cfg.engine = engine;
    cfg.lang = PK_LANG_VI;
    cfg.max_body = 65536;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    srv_response resp;
    size_t sum = 0;

    srv_handle_bytes(&cfg, (const char *)data, size, &resp);
    /* every byte of the answer looked at once */
    for (size_t i = 0; i < resp.body.len; i++)
        sum += (unsigned char)resp.body.data[i];
    if (resp.status < 100 || resp.status > 599 || resp.content_type == NULL ||
        resp.csp == NULL)
        abort();
    (void)sum;
    sb_free(&resp.body);
    return 0;
}
