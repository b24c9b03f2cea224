/* The public header compiles on its own and declares what it promises. */
#include <parkcheck/parkcheck.h>

int main(void)
{
    pk_engine_options opts = PK_ENGINE_OPTIONS_INIT;
    pk_eval_options eopts = PK_EVAL_OPTIONS_INIT;
    pk_writer_options wopts = PK_WRITER_OPTIONS_INIT;
    pk_template_options topts = PK_TEMPLATE_OPTIONS_INIT;

    (void)opts;
    (void)eopts;
    (void)wopts;
    (void)topts;
#if PK_VERSION_NUMBER < PK_VERSION_ENCODE(0, 0, 1)
#error "PK_VERSION_NUMBER does not compare in #if"
#endif
    return pk_version() != 0 ? 0 : 1;
}
