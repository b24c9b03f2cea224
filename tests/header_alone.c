/* The public header compiles on its own and declares what it promises. */
#include <parkcheck/parkcheck.h>

int main(void)
{
    pk_engine_options opts = PK_ENGINE_OPTIONS_INIT;
    pk_eval_options eopts = PK_EVAL_OPTIONS_INIT;

    (void)opts;
    (void)eopts;
    return pk_version() != 0 ? 0 : 1;
}
