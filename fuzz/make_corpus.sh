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
#                    small packs cut from those;
# OUT_DIR/format/    rules/schema/dossier-1.xml and tests/regime-toy/format.xml,
#                    as they are and without their comments, each after the
#                    byte fuzz_format reads first (0: the built-in packs
#                    beside it, 1: the toy regime's), and each behind the
#                    other byte too;
# OUT_DIR/http/      raw HTTP requests for fuzz_http: each API endpoint, a
#                    dossier posted to /v1/check, the workbench's form post
#                    of a dossier (as is, and with a date of the other
#                    regime, a field twice, a blank's mark and a control
#                    character, downloaded) and its file upload (multipart).
#
# Existing files are kept: libFuzzer adds what it finds to the same
# directories, and a second run starts from there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out=${1:-$here/corpus}
mkdir -p "$out/dossier" "$out/rulepack" "$out/format" "$out/http"

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
python3 - "$root" "$out/format" <<'PY'
import re, sys
root, out = sys.argv[1], sys.argv[2]
for name, path, own in [("builtin", "rules/schema/dossier-1.xml", 0),
                        ("toy", "tests/regime-toy/format.xml", 1)]:
    text = open(root + "/" + path, "rb").read()
    bare = re.sub(rb"<!--.*?-->", b"", text, flags=re.S)
    for suffix, body in [("", text), ("-bare", bare)]:
        for byte in (own, 1 - own):
            tag = "" if byte == own else "-other-packs"
            with open("%s/seed-%s%s%s" % (out, name, suffix, tag), "wb") as f:
                f.write(bytes([byte]) + body)
PY
python3 - "$root" "$out/http" <<'PY'
import glob, os, sys, urllib.parse, xml.etree.ElementTree as ET
root, out = sys.argv[1], sys.argv[2]
def req(name, method, target, body=b"", ctype=None):
    head = "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n" % (method, target)
    if ctype:
        head += "Content-Type: %s\r\n" % ctype
    head += "Content-Length: %d\r\n\r\n" % len(body)
    open(os.path.join(out, "seed-" + name), "wb").write(head.encode() + body)
for name, target in [("packs", "/v1/packs"), ("rules", "/v1/rules?lang=en"),
                     ("rule", "/v1/rules/doc-submission-present?lang=vi"),
                     ("form", "/v1/form?kind=establishment&as-of=2024-06-01"),
                     ("template", "/v1/template?kind=recognition&lang=en"),
                     ("openapi", "/v1/openapi.json"), ("home", "/?lang=en"),
                     ("wbform", "/form?kind=expansion&date=2024-01-01"),
                     ("css", "/workbench.css")]:
    req(name, "GET", target)
for f in sorted(glob.glob(root + "/examples/*.xml"))[:4]:
    data = open(f, "rb").read()
    base = os.path.basename(f)[:-4]
    req("check-" + base, "POST", "/v1/check?lang=vi&as-of=2024-06-01", data,
        "application/xml")
    # the workbench's own post of the same dossier: one field per value
    fields, doc = [], ET.fromstring(data)
    def walk(e, path):
        for k, v in e.attrib.items():
            fields.append((path + "/@" + k, v))
        if len(e) == 0 and (e.text or "").strip():
            fields.append((path, e.text.strip()))
        counts = {}
        for c in e:
            counts[c.tag] = counts.get(c.tag, 0) + 1
            walk(c, "%s/%s[%d]" % (path, c.tag, counts[c.tag]))
    walk(doc, "/dossier")
    fields.append(("action", "check"))
    req("wbcheck-" + base, "POST", "/form?lang=vi&kind=" + doc.get("kind", ""),
        urllib.parse.urlencode(fields).encode(),
        "application/x-www-form-urlencoded")
    # posted from the form of one regime with a date of the other, a
    # field twice, a blank kept by its mark, a control character: the
    # values carried over to the other form, and the file downloaded
    moved = [(k, "2026-01-02" if k == "/dossier/@submitted" else v)
             for k, v in fields if k != "action"]
    moved += [("/dossier/park/name", "B\x01"),
              ("blank./dossier/zones/zone[1]/@area", "1"),
              ("/dossier/zones/zone[1]/@area", ""), ("action", "download")]
    req("wbmove-" + base, "POST", "/form?lang=en&kind=" + doc.get("kind", "") +
        "&date=2024-06-01", urllib.parse.urlencode(moved).encode(),
        "application/x-www-form-urlencoded")
    b = b"----pkseed"
    body = (b"--" + b + b"\r\nContent-Disposition: form-data; name=\"dossier\"; "
            b"filename=\"d.xml\"\r\nContent-Type: text/xml\r\n\r\n" + data +
            b"\r\n--" + b + b"--\r\n")
    req("open-" + base, "POST", "/open?lang=vi", body,
        "multipart/form-data; boundary=" + b.decode())
PY
echo "make_corpus: $(ls "$out/dossier" | wc -l) dossiers, $(ls "$out/rulepack" | wc -l) rule packs, $(ls "$out/format" | wc -l) formats, $(ls "$out/http" | wc -l) requests in $out"
