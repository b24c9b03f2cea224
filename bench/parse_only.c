/*
 * parse_only.c - the floor: libxml2 parsing the same dossiers, in memory,
 * with nothing done with them.
 *
 *   parse_only DIR [MIN_SECONDS]
 *
 * prints two lines, "tree US" and "sax US": microseconds per dossier for
 * xmlReadMemory (a tree, then freed) and for a SAX2 parse with empty
 * callbacks, set up as parkcheck's reader sets up its own (lib/dossier.c).
 */
#include "bench.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

static const int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                           XML_PARSE_IGNORE_ENC;

static void tree(const bench_file *f, void *ud)
{
    xmlDocPtr doc = xmlReadMemory(f->data, (int)f->len, f->name, NULL, options);

    (void)ud;
    if (doc == NULL) {
        fprintf(stderr, "%s: not well-formed\n", f->name);
        exit(1);
    }
    xmlFreeDoc(doc);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *URI, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    (void)ctx;
    (void)localname;
    (void)prefix;
    (void)URI;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_attributes;
    (void)nb_defaulted;
    (void)attributes;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                   const xmlChar *URI)
{
    (void)ctx;
    (void)localname;
    (void)prefix;
    (void)URI;
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
    (void)ctx;
    (void)ch;
    (void)len;
}

static void sax(const bench_file *f, void *ud)
{
    xmlSAXHandler h;
    xmlParserCtxtPtr ctxt;

    (void)ud;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_chars;
    h.cdataBlock = on_chars;
    ctxt = xmlCreateMemoryParserCtxt(f->data, (int)f->len);
    if (ctxt == NULL)
        exit(3);
    xmlFree(ctxt->sax);
    ctxt->sax = xmlMalloc(sizeof h);
    if (ctxt->sax == NULL)
        exit(3);
    memcpy(ctxt->sax, &h, sizeof h);
    ctxt->userData = ctxt;
    xmlCtxtUseOptions(ctxt, options);
    xmlParseDocument(ctxt);
    if (!ctxt->wellFormed) {
        fprintf(stderr, "%s: not well-formed\n", f->name);
        exit(1);
    }
    xmlFreeParserCtxt(ctxt);
}

int main(int argc, char **argv)
{
    bench_set s;
    double min = argc > 2 ? atof(argv[2]) : 0.3;

    if (argc < 2) {
        fprintf(stderr, "usage: parse_only DIR [MIN_SECONDS]\n");
        return 2;
    }
    xmlInitParser();
    bench_load(&s, argv[1]);
    printf("files %zu\nbytes %zu\n", s.count, s.bytes);
    if (wanted("tree"))
        printf("tree %.3f\n", bench_run(&s, tree, NULL, min));
    if (wanted("sax"))
        printf("sax %.3f\n", bench_run(&s, sax, NULL, min));
    xmlCleanupParser();
    return 0;
}
