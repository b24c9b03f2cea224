// The public header compiles as C++ too, with C linkage.
#include <parkcheck/parkcheck.h>

int main()
{
    pk_engine_options opts = PK_ENGINE_OPTIONS_INIT;
    pk_eval_options eopts = PK_EVAL_OPTIONS_INIT;

    (void)opts;
    (void)eopts;
    return pk_version() != nullptr ? 0 : 1;
}
