#!/bin/sh
# Runs every fuzz target for a set time and says what came of it.
#
#   fuzz/run.sh SECONDS [TARGET...]      (targets: dossier rulepack format http;
#                                         default all)
#
# Builds (or reuses) a fuzzing build directory, BUILD (default build-fuzz;
# `CC=clang meson setup build-fuzz -Dfuzzing=true`), makes the seed corpora
# (fuzz/make_corpus.sh), then runs the targets side by side, one core each,
# for SECONDS each, with their dictionaries, 2 GiB of memory and 10 s per
# input at most. Prints per target: executions, executions per second,
# coverage (edges and features), corpus size, and the crashes, timeouts and
# out-of-memory inputs found (saved under fuzz/artifacts/TARGET/). Exits 1
# when anything was found.
#
# Environment: BUILD (the build directory), CORPUS (default fuzz/corpus),
# FUZZ_ARGS (more libFuzzer options, e.g. -jobs=… or -seed=1).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
secs=${1:?usage: fuzz/run.sh SECONDS [dossier|rulepack|format|http...]}
shift
targets=${*:-dossier rulepack format http}
build=${BUILD:-$root/build-fuzz}
corpus=${CORPUS:-$here/corpus}
artifacts=$here/artifacts

if [ ! -f "$build/build.ninja" ]; then
    CC=${CC:-clang} meson setup "$build" "$root" -Dfuzzing=true -Dtests=false
fi
ninja -C "$build" fuzz/fuzz_dossier fuzz/fuzz_rulepack fuzz/fuzz_format fuzz/fuzz_http
sh "$here/make_corpus.sh" "$corpus"

for t in $targets; do
    mkdir -p "$artifacts/$t"
    # Dossiers are small; the built-in format is 48 kB, the built-in pack
    # alone 115 kB.
    case $t in
        dossier) max_len=65536 ;;
        format) max_len=131072 ;;
        *) max_len=262144 ;;
    esac
    # -use_value_profile helps past the byte compares of names and numbers.
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
    "$build/fuzz/fuzz_$t" "$corpus/$t" \
        -dict="$here/$t.dict" \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
        -max_len=$max_len -use_value_profile=1 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$t/" ${FUZZ_ARGS:-} \
        > "$artifacts/$t.log" 2>&1 &
    echo "run: fuzz_$t for $secs s (log: $artifacts/$t.log)"
    eval "pid_$t=$!"
done

status=0
for t in $targets; do
    eval "pid=\$pid_$t"
    wait "$pid" || true
    log=$artifacts/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1)
    found=$(find "$artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' \
        -o -name 'oom-*' -o -name 'leak-*' -o -name 'slow-unit-*' \) | wc -l)
    printf 'fuzz_%s: %s executions in %s s, %s exec/s, %s; %s crash/timeout/oom/leak inputs\n' \
        "$t" "${execs:-?}" "$secs" "${rate:-?}" "${cov:-no coverage line}" "$found"
    if [ "$found" -gt 0 ] || grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer\|libFuzzer\)\|runtime error:' "$log"; then
        status=1
        grep -m 3 'ERROR:\|runtime error:\|SUMMARY:' "$log" | sed 's/^/    /'
        find "$artifacts/$t" -type f | sed 's/^/    found: /'
    fi
done
exit $status
