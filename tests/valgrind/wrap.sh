#!/bin/sh
# The valgrind lane's wrapper (meson test --setup=valgrind).
#
#   wrap.sh PROGRAM ARGS...        meson's exe_wrapper: every test program
#   wrap.sh --cli PROGRAM ARGS...  PARKCHECK_WRAPPER: the programs the
#                                  Python tests start (parkcheck, embed)
#
# Interpreters (python3, sh) run as they are: they are not this project's
# code, and what they start comes back here through PARKCHECK_WRAPPER. A
# program started by a test exits 99 on a valgrind report, which no
# parkcheck exit status is; with PK_VALGRIND_LOGS set, its reports also go
# to a file there, so that .ci/run finds those a test did not look at.
here=$(cd "$(dirname "$0")" && pwd)
code=1
log=
if [ "$1" = --cli ]; then
    shift
    code=99
    if [ -n "$PK_VALGRIND_LOGS" ]; then
        mkdir -p "$PK_VALGRIND_LOGS"
        log=--log-file=$PK_VALGRIND_LOGS/${1##*/}.%p.log
    fi
fi
case "${1##*/}" in
python*|sh|bash|dash) exec "$@" ;;
esac
exec valgrind --error-exitcode=$code --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --track-origins=yes --quiet \
    --suppressions="$here/parkcheck.supp" $log "$@"
