#!/usr/bin/env bash
# bench/serve.sh - the figures of `parkcheck serve` for docs/server.md:
# requests per second and p50/p99 latency of POST /v1/check on typical
# dossiers at 1, 8 and 64 connections over loopback (wrk), next to
# `parkcheck check --jobs 2` on the same dossiers in the same run, and the
# server's peak memory after 1,000 and after 100,000 requests.
#
#   bench/serve.sh                 SECONDS=10 per wrk run
#   SECONDS_PER_RUN=3 bench/serve.sh
#
# Needs wrk (Debian's wrk) and what ./quickstart installs. Work files go to
# build-bench/serve/ (ignored by git). Not a test: it prints a Markdown
# table and asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/build-bench/serve
DUR=${SECONDS_PER_RUN:-10}
THREADS=${SERVE_THREADS:-2}
PK=$ROOT/build/cli/parkcheck
say() { printf 'bench: %s\n' "$*" >&2; }

command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk (apt-get install wrk)" >&2; exit 2; }
ninja -C build >/dev/null
rm -rf "$WORK"
mkdir -p "$WORK/data"
python3 bench/gen.py "$WORK/data" typical 50 >&2
mapfile -t files < <(ls "$WORK"/data/*.xml)
say "${#files[@]} typical dossiers, $(du -ch "${files[@]}" | tail -n 1 | cut -f1) in all"

# The CLI on the same dossiers: the directory 20 times, --jobs 2, best of
# 3; measured before the server's runs and again after them, and the
# better of the two taken, so that a busy moment does not flatter the
# server.
cli_rate() {
    local best=0 start end rate
    for _ in 1 2 3; do
        start=$(date +%s.%N)
        "$PK" check --format json --jobs 2 $(for _ in $(seq 20); do echo "$WORK/data"; done) \
            >/dev/null || true
        end=$(date +%s.%N)
        rate=$(python3 -c "print(round(${#files[@]} * 20 / ($end - $start)))")
        [ "$rate" -gt "$best" ] && best=$rate
    done
    echo "$best"
}
cli_before=$(cli_rate)
say "parkcheck check --jobs 2: $cli_before dossiers/s"

# wrk posts the dossiers in turn.
{
    # Each file closed at once: wrk's event loop only takes descriptors
    # below a few per connection, and a socket numbered past the open
    # files would fail to connect.
    echo 'local bodies = {}'
    echo 'local function slurp(p) local f = io.open(p); local s = f:read("*a"); f:close(); return s end'
    for f in "${files[@]}"; do echo "bodies[#bodies + 1] = slurp('$f')"; done
    cat <<'LUA'
local i = 0
request = function()
    i = i % #bodies + 1
    return wrk.format("POST", "/v1/check", {["Content-Type"] = "application/xml"}, bodies[i])
end
LUA
} > "$WORK/post.lua"

"$PK" serve --listen 127.0.0.1:0 --quiet --threads "$THREADS" \
    --max-connections 256 --per-client 256 2>"$WORK/serve.log" &
SRV=$!
trap 'kill $SRV 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q listening "$WORK/serve.log" && break
    sleep 0.1
done
PORT=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$WORK/serve.log")
URL=http://127.0.0.1:$PORT
hwm() { awk '/^VmHWM:/ {print $2}' "/proc/$SRV/status"; }
requests() { sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$1"; }

# Peak memory after the first 1,000 requests, then after 100,000, at the
# same 8 connections throughout: each connection's buffers and each
# thread's allocator arena count in the peak, so the two figures compare
# like with like. The latency runs come after.
total=0
for _ in $(seq 30); do
    wrk -t2 -c8 -d1s -s "$WORK/post.lua" "$URL" >"$WORK/warm.txt"
    total=$((total + $(requests "$WORK/warm.txt")))
    [ "$total" -ge 1000 ] && break
done
[ "$total" -ge 1000 ] || { echo "bench: wrk gets no answers:" >&2; cat "$WORK/warm.txt" >&2; exit 1; }
hwm_1k=$(hwm)
after_1k=$total
while [ "$total" -lt 100000 ]; do
    wrk -t2 -c8 -d5s -s "$WORK/post.lua" "$URL" >"$WORK/more.txt"
    got=$(requests "$WORK/more.txt")
    [ "${got:-0}" -gt 0 ] || { echo "bench: wrk stopped getting answers" >&2; exit 1; }
    total=$((total + got))
done
hwm_100k=$(hwm)
after_100k=$total

rows=()
for c in 1 8 64; do
    t=$(( c < 2 ? 1 : 2 ))
    wrk -t$t -c$c -d${DUR}s --latency -s "$WORK/post.lua" "$URL" >"$WORK/wrk-$c.txt"
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$WORK/wrk-$c.txt")
    p50=$(sed -n 's/^ *50% *\([0-9.]*[mu]*s\)/\1/p' "$WORK/wrk-$c.txt")
    p99=$(sed -n 's/^ *99% *\([0-9.]*[mu]*s\)/\1/p' "$WORK/wrk-$c.txt")
    errs=$(grep -c "Non-2xx\|Socket errors" "$WORK/wrk-$c.txt" || true)
    rows+=("| $c | ${rps%.*} | $p50 | $p99 | RPS_${rps%.*} | $errs |")
    say "$c connections: $rps req/s, p50 $p50, p99 $p99"
done
kill -TERM $SRV
wait $SRV || true
trap - EXIT
cli_after=$(cli_rate)
cli_best=$(( cli_before > cli_after ? cli_before : cli_after ))
say "parkcheck check --jobs 2 again: $cli_after dossiers/s"

echo
echo "Typical dossiers (bench/gen.py typical 50: ${#files[@]} files), server with --threads $THREADS, wrk ${DUR} s per row, $(nproc) cores, $(date -u +%F); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "\`parkcheck check --format json --jobs 2\` on the same dossiers (each 20 times, best of 3): $cli_before dossiers/s before the server's runs, $cli_after after; the better, $cli_best, is the reference."
echo
echo "| connections | requests/s | p50 | p99 | share of \`check --jobs 2\` | wrk error lines |"
echo "|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do
    rps=$(echo "$r" | sed -n 's/.*RPS_\([0-9]*\).*/\1/p')
    echo "${r/RPS_$rps/$(python3 -c "print(round(100 * $rps / $cli_best))") %}"
done
echo
echo "Peak memory (VmHWM) of the server: $hwm_1k KiB after $after_1k requests, $hwm_100k KiB after $after_100k requests ($(python3 -c "print(round($hwm_100k / $hwm_1k, 2))")×)."
