#!/bin/sh
# Seed corpora for the fuzz targets, generated at run time (not committed):
#
#   fuzz/make_corpus.sh [OUT_DIR]      (default: fuzz/corpus)
#
# OUT_DIR/dossier/   every conformance case's dossier and examples/*.xml, each
#                    prefixed with the option byte fuzz_dossier reads first
#                    (fuzz/fuzz_dossier.c): the bytes cycle through every
#                    format, language and option, so the seeds between them
#                    reach every writer;
# OUT_DIR/rulepack/  rules/nd154-2013/nd154-2013.xml, every
#                    tests/cases/*/rules.xml, fuzz/seeds/*-pack.xml and a few
#                    small packs cut from those.
#
# Existing files are kept: libFuzzer adds what it finds to the same
# directories, and a second run starts from there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/corpus}
mkdir -p "$out/dossier" "$out/rulepack"

# The option byte for seed number $1, written as octal for printf: every
# value of the low seven bits in turn; the strict engine (bit 7) once in
# sixteen seeds.
opt_byte() {
    b=$(( ($1 * 5) % 128 ))
    if [ $(( $1 % 16 )) -eq 15 ]; then b=$(( b | 128 )); fi
    printf '\\%03o' "$b"
}

i=0
for f in "$root"/tests/cases/*/ "$root"/examples/*.xml; do
    case $f in
    */)  # a case: its dossier.xml, or its dossier.change written out
        [ -f "$f/dossier.xml" ] || [ -f "$f/dossier.change" ] || continue
        name=$(basename "$f")
        show() { python3 "$root/tools/case_dossier.py" show "$f"; } ;;
    *)
        [ -f "$f" ] || continue
        name=example-$(basename "$f" .xml)
        show() { cat "$f"; } ;;
    esac
    # shellcheck disable=SC2059 # the format is the escape itself
    { printf "$(opt_byte $i)"; show; } > "$out/dossier/seed-$name"
    i=$((i + 1))
done
# The same dossier in every format and language, both engines.
b=0
while [ $b -lt 256 ]; do
    # shellcheck disable=SC2059
    { printf "$(printf '\\%03o' $b)"; cat "$root/examples/near-miss.xml"; } \
        > "$out/dossier/seed-near-miss-opt$b"
    b=$((b + 17))
done

cp "$root/rules/nd154-2013/nd154-2013.xml" "$out/rulepack/seed-nd154-2013.xml"
for f in "$root"/tests/cases/*/rules.xml; do
    [ -f "$f" ] || continue
    cp "$f" "$out/rulepack/seed-case-$(basename "$(dirname "$f")").xml"
done
for f in "$here"/seeds/*-pack.xml; do
    cp "$f" "$out/rulepack/seed-$(basename "$f")"
done
# Small packs: the built-in pack's header with one rule of it at a time
# (the facts and parameters it uses stay; the loader then reports the
# unused others, which is a path worth fuzzing too), and the pack without
# its comments.
python3 - "$root/rules/nd154-2013/nd154-2013.xml" "$out/rulepack" <<'PY'
import re, sys
src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
bare = re.sub(r"<!--.*?-->", "", text, flags=re.S)
open(out + "/seed-nd154-bare.xml", "w", encoding="utf-8").write(bare)
rules = re.findall(r"\s*<rule .*?</rule>", bare, flags=re.S)
head, tail = bare.split("<rules>", 1)[0], "\n  </rules>\n</rulepack>\n"
for n, rule in enumerate(rules[:12]):
    with open("%s/seed-nd154-rule%02d.xml" % (out, n), "w",
              encoding="utf-8") as f:
        f.write(head + "<rules>" + rule + tail)
PY
echo "make_corpus: $(ls "$out/dossier" | wc -l) dossiers, $(ls "$out/rulepack" | wc -l) rule packs in $out"
