#!/usr/bin/env bash
# bench/run.sh - every figure of docs/performance.md, in one run, as ratios
# measured side by side on the same machine and the same dossiers.
#
#   bench/run.sh            build, generate, measure, print the table and
#                           write docs/performance.md
#   BENCH_QUICK=1 bench/run.sh   fewer and smaller runs (a smoke test of
#                           the script; the figures are rougher)
#
# Needs what ./quickstart installs (the README's set-up), and for the peers
# xmllint (libxml2-utils, also installed by quickstart) and Node.js with npm
# (installed here with apt-get when missing and allowed: as root or with
# sudo). json-rules-engine is fetched by npm at run time into the work
# directory. Everything built or generated goes to build-bench/ (ignored by
# git). Nothing here is a test: it prints figures, it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/build-bench
DATA=$WORK/data
RES=$WORK/results.txt
QUICK=${BENCH_QUICK:-0}
PY=python3

say() { printf 'bench: %s\n' "$*" >&2; }

# Other work on the machine slows the figures down: ahead of it when
# allowed (as root), as is.
renice -n -10 $$ >/dev/null 2>&1 || true
put() { printf '%s %s\n' "$1" "$2" >>"$RES"; }

# ---- tools ------------------------------------------------------------------
need_pkgs=()
command -v xmllint >/dev/null || need_pkgs+=(libxml2-utils)
command -v node >/dev/null || need_pkgs+=(nodejs)
command -v npm >/dev/null || need_pkgs+=(npm)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    if [ -n "$sudo" ] && ! command -v sudo >/dev/null; then
        say "missing ${need_pkgs[*]}: the peers they run are left out"
    else
        say "installing ${need_pkgs[*]}"
        $sudo apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_pkgs[@]}" >/dev/null ||
            say "could not install ${need_pkgs[*]}: the peers they run are left out"
    fi
fi

# ---- build: a release build of its own, and the two in-process programs ------
mkdir -p "$WORK"
if [ ! -f "$WORK/build/build.ninja" ]; then
    meson setup "$WORK/build" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$WORK/build" >/dev/null
CC=${CC:-cc}
XML_CFLAGS=$(pkg-config --cflags libxml-2.0)
XML_LIBS=$(pkg-config --libs libxml-2.0)
$CC -O2 -std=c11 $XML_CFLAGS -o "$WORK/parse_only" bench/parse_only.c $XML_LIBS
$CC -O2 -std=c11 -Iinclude -I"$WORK/build/include" -o "$WORK/check_only" \
    bench/check_only.c -L"$WORK/build/lib" -lparkcheck -Wl,-rpath,"$WORK/build/lib"
$CC -O2 -std=c11 -o "$WORK/peakrss" bench/peakrss.c
PK=$WORK/build/cli/parkcheck
TIME=($PY bench/timecmd.py --peakrss "$WORK/peakrss")

# ---- data ----------------------------------------------------------------------
rm -rf "$DATA"
mkdir -p "$DATA"
if [ "$QUICK" = 1 ]; then NTYP=200; NLARGE=5; SIZES="0 64 512"; else
    NTYP=1000; NLARGE=40; SIZES="0 16 64 256 1024 4096"; fi
$PY bench/gen.py "$DATA/typical" typical "$NTYP" >&2
$PY bench/gen.py "$DATA/large" large "$NLARGE" >&2
for k in $SIZES; do
    # about 3 MB of XML per size, and at least 4 dossiers
    n=$(( 3000000 / (3400 + 300 * k) )); [ "$n" -lt 4 ] && n=4
    [ "$QUICK" = 1 ] && n=$(( n / 5 + 2 ))
    $PY bench/gen.py "$DATA/size-$k" scale "$k" "$n" >&2
done
$PY bench/art5_pack.py rules/nd154-2013/nd154-2013.xml "$DATA/art5.xml"

# ---- the run ---------------------------------------------------------------------
: >"$RES"
put machine.cpu "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1 | tr ' ' '_')"
put machine.cores "$(nproc)"
put machine.mem_gib "$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)"
put machine.kernel "$(uname -r)"
put machine.libxml2 "$(xmllint --version 2>&1 | sed -n 's/.*using libxml version \([0-9]*\).*/\1/p' | head -1)"
put machine.cc "$($CC --version | head -1 | tr ' ' '_')"
put machine.node "$(node --version 2>/dev/null || echo none)"
put machine.load_before "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"
put run.date "$(date -u +%Y-%m-%dT%H:%MZ)"
put run.commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo +changes)"
put run.quick "$QUICK"
MIN=0.3; RUNS=5
[ "$QUICK" = 1 ] && { MIN=0.05; RUNS=1; }

kv() { # prefix, then "key value" lines on stdin
    while read -r k v; do put "$1.$k" "$v"; done
}

# inproc PREFIX DIR [RULES]: every in-process measure on the dossiers of
# DIR, each in a fresh process (bench.h, BENCH_ONLY).
inproc() {
    local prefix=$1 dir=$2 rules=${3:-} m
    if [ -z "$rules" ]; then
        for m in tree sax; do
            BENCH_ONLY=$m "$WORK/parse_only" "$dir" "$MIN" | kv "$prefix"
        done
    fi
    for m in read eval check json; do
        BENCH_ONLY=$m "$WORK/check_only" "$dir" "$MIN" $rules | kv "$prefix"
    done
}

# Rounds, one measure after the other, so that a slow spell of the machine
# does not fall on one measure alone; table.py keeps each one's best.
ROUNDS=3; [ "$QUICK" = 1 ] && ROUNDS=1
put run.rounds "$ROUNDS"
put run.min_seconds "$MIN"
for round in $(seq "$ROUNDS"); do
    for set in typical large; do
        say "(a) libxml2 alone, (b) the check in process: $set, round $round of $ROUNDS"
        inproc "$set" "$DATA/$set"
    done
    inproc typical.art5 "$DATA/typical" "$DATA/art5.xml"
done

say "(c) the command line, --jobs 1 and 2"
reps=10; [ "$QUICK" = 1 ] && reps=2
dirs=(); for _ in $(seq "$reps"); do dirs+=("$DATA/typical"); done
put cli.dossiers "$(( reps * NTYP ))"
# The machine's own ceiling: two --jobs 1 processes side by side, each with
# half the batch, share nothing but the machine (caches, memory, the
# hypervisor's cores). What they gain over one process is the most any
# --jobs 2 can.
half=(); for _ in $(seq $(( reps / 2 ))); do half+=("$DATA/typical"); done
pair() {
    local fmt=$1
    shift
    "$PK" check --format "$fmt" --jobs 1 --lang en "$@" >/dev/null &
    "$PK" check --format "$fmt" --jobs 1 --lang en "$@" >/dev/null &
    wait
}
export -f pair
export PK
# --jobs 1, --jobs 2 and the pair in turn, RUNS times: table.py keeps the
# best of each, and a slow spell of the machine falls on all three.
for _ in $(seq "$RUNS"); do
    for fmt in json csv; do
        for j in 1 2; do
            read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0,1,2,3 -- \
                "$PK" check --format "$fmt" --jobs "$j" --lang en "${dirs[@]}")
            put "cli.$fmt.j$j.seconds" "$t"
            put "cli.$fmt.j$j.cpu" "$c"
        done
        read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0 -- \
            bash -c 'pair "$@"' _ "$fmt" "${half[@]}")
        put "cli.$fmt.pair.seconds" "$t"
        put "cli.$fmt.pair.cpu" "$c"
    done
done

say "(d) peak memory, 1,000 and 100,000 dossiers"
big=100; [ "$QUICK" = 1 ] && big=10
for n in 1 "$big"; do
    dirs=(); for _ in $(seq "$n"); do dirs+=("$DATA/typical"); done
    read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0,1,2,3 -- \
        "$PK" check --format json --jobs 2 --lang en "${dirs[@]}")
    put "mem.n$(( n * NTYP )).kib" "$m"
    put "mem.n$(( n * NTYP )).seconds" "$t"
done
put mem.small "$NTYP"
put mem.big "$(( big * NTYP ))"

say "(e) cost against size"
put sizes "$(echo $SIZES | tr ' ' ',')"
for k in $SIZES; do
    inproc "size$k" "$DATA/size-$k"
done

say "(f) peers on the Article 5 checks"
if command -v xmllint >/dev/null; then
    # The files five times over, so that starting up (parkcheck builds its
    # engine, xmllint compiles the Schematron) weighs little for either.
    files=(); for _ in 1 2 3 4 5; do files+=("$DATA"/typical/*.xml); done
    # One run of each in turn, RUNS times: a slow spell falls on both.
    for _ in $(seq "$RUNS"); do
        read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0,3 -- \
            xmllint --noout --schematron bench/art5.sch "${files[@]}" 2>/dev/null)
        put peer.xmllint.seconds "$t"
        put peer.xmllint.cpu "$c"
        read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0,1,2,3 -- \
            "$PK" check --rules "$DATA/art5.xml" --format csv --jobs 1 "${files[@]}")
        put peer.pk_cli_art5.seconds "$t"
        put peer.pk_cli_art5.cpu "$c"
    done
    put peer.files "${#files[@]}"
fi
if command -v npm >/dev/null && command -v node >/dev/null; then
    mkdir -p "$WORK/peer-jre"
    cp bench/peer-jre/package.json bench/peer-jre/run.js "$WORK/peer-jre/"
    if (cd "$WORK/peer-jre" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
        node "$WORK/peer-jre/run.js" "$DATA/typical" "$MIN" | kv peer.jre
    else
        say "npm install failed: json-rules-engine is left out"
    fi
fi
say "(g) the JSON report: a batch against xmllint --noout"
if command -v xmllint >/dev/null; then
    # The typical dossiers five times over, as a reviewer runs a batch:
    # parkcheck with its defaults (as many jobs as cores) and the JSON
    # report, against libxml2's own command line parsing the same files
    # and nothing else. Wall-clock time, one run of each in turn, RUNS
    # times; table.py keeps the best of each.
    files=(); for _ in 1 2 3 4 5; do files+=("$DATA"/typical/*.xml); done
    for _ in $(seq "$RUNS"); do
        read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0 -- \
            xmllint --noout "${files[@]}")
        put noout.xmllint.seconds "$t"
        read -r t m c < <("${TIME[@]}" --runs 1 --ok-status 0,1,2,3 -- \
            "$PK" check --format json --lang en "${files[@]}")
        put noout.pk_json.seconds "$t"
    done
    put noout.files "${#files[@]}"
fi
put machine.load_after "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')"

$PY bench/table.py "$RES" docs/performance.md
