#!/bin/sh
# Keeps the XML Schemas of rules/schema/ in step with what the engine reads.
#
#   tests/check_schemas.sh [SOURCE_ROOT]
#
# SOURCE_ROOT is the top of the source tree (default: $SOURCE_ROOT, else
# the directory above this script). Writes TAP; exits non-zero if any
# check fails. Needs xmllint (Debian: libxml2-utils); without it the whole
# test is skipped.
#
# Checks:
#  - dossier-1.xsd declares the same elements and attributes as
#    dossier-1.xml (the description the engine compiles), each with the
#    same kind of value, the same vocabulary, and the same required and
#    repeat flags;
#  - every examples/*.xml validates against dossier-1.xsd;
#  - every conformance case's dossier (tests/cases/*/dossier.xml, or its
#    dossier.change written out) whose expect says "verdict: eligible"
#    validates, except a case whose expect lists a reader warning (an
#    unknown element or attribute, or a unit="" read as not stated): the
#    schema is closed where the reader only warns, so such a case must be
#    rejected;
#  - a few dossiers that the reader rejects with errors a schema can see
#    are rejected;
#  - every rule pack under rules/ validates against rulepack-1.xsd.

set -u

root=${1:-${SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}}
dxsd=$root/rules/schema/dossier-1.xsd
pxsd=$root/rules/schema/rulepack-1.xsd
dfmt=$root/rules/schema/dossier-1.xml

# Case directories whose dossier.xml carries an error XSD can see.
invalid_cases="it-specialists-thousands-separator
land-total-decimal-comma
zone-area-decimal-comma-in-attribute
function-name-outside-vocabulary
land-total-given-twice"

if ! command -v xmllint >/dev/null 2>&1; then
    echo "1..0 # SKIP xmllint not installed"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check_schemas.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

n=0
failed=0

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}

not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    if [ -s "$tmp/log" ]; then
        sed 's/^/# /' "$tmp/log" | head -n 20
    fi
}

# valid SCHEMA FILE DESCRIPTION: FILE must validate.
valid() {
    if xmllint --noout --nonet --schema "$1" "$2" >"$tmp/log" 2>&1; then
        ok "$3"
    else
        not_ok "$3"
    fi
}

# rejected SCHEMA FILE DESCRIPTION: FILE must not validate.
rejected() {
    if [ ! -f "$2" ]; then
        echo "$2: no such file" >"$tmp/log"
        not_ok "$3"
    elif xmllint --noout --nonet --schema "$1" "$2" >"$tmp/log" 2>&1; then
        echo "$2 validates, but should not" >"$tmp/log"
        not_ok "$3"
    else
        : >"$tmp/log"
        ok "$3"
    fi
}

# xp FILE XPATH: the XPath's value, one attribute value a line for a node
# set of attributes (names and vocabulary words hold no blanks).
xp() {
    xmllint --xpath "$2" "$1" 2>/dev/null |
        tr ' ' '\n' | sed -n 's/^[A-Za-z:-]*="\(.*\)"$/\1/p'
}

xs() {
    xmllint --xpath "string($2)" "$1" 2>/dev/null
}

words() {
    tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort -u | paste -s -d, -
}

# ---- the declarations of dossier-1.xml, one line each:
#      E|A PATH VALUE required|optional once|repeat
describe_format() {
    f=$dfmt
    units=$(xp "$f" '//quantity/unit/@name' | words)
    ne=$(xs "$f" 'count(//element)')
    i=1
    while [ "$i" -le "$ne" ]; do
        e="(//element)[$i]"
        path=$(xp "$f" "$e/ancestor-or-self::element/@name" | paste -s -d/ -)
        value=$(format_value "$e")
        rep=once
        [ "$(xs "$f" "$e/@repeat")" = true ] && rep=repeat
        echo "E $path $value optional $rep"
        na=$(xs "$f" "count($e/attribute)")
        j=1
        while [ "$j" -le "$na" ]; do
            a="$e/attribute[$j]"
            req=optional
            [ "$(xs "$f" "$a/@required")" = true ] && req=required
            echo "A $path@$(xs "$f" "$a/@name") $(format_value "$a") $req once"
            j=$((j + 1))
        done
        i=$((i + 1))
    done
}

format_value() {
    t=$(xs "$f" "$1/@type")
    case $t in
    "") echo none ;;
    text | integer | bool | date) echo "$t" ;;
    decimal | quantity) echo decimal ;;
    unit) echo "enum:$units" ;;
    enum)
        if [ -n "$(xs "$f" "$1/@values")" ]; then
            echo "enum:$(xs "$f" "$1/@values" | words)"
        else
            nc=$(xs "$f" "count($1/case)")
            k=1
            all=
            while [ "$k" -le "$nc" ]; do
                all="$all $(xs "$f" "$1/case[$k]/@values")"
                k=$((k + 1))
            done
            echo "enum:$(echo "$all" | words)"
        fi ;;
    *) echo "unknown-type:$t" ;;
    esac
}

# ---- the same from dossier-1.xsd
X="*[local-name()='element']"
A="*[local-name()='attribute']"

describe_xsd() {
    f=$dxsd
    ne=$(xs "$f" "count(//$X)")
    i=1
    while [ "$i" -le "$ne" ]; do
        e="(//$X)[$i]"
        path=$(xp "$f" "$e/ancestor-or-self::$X/@name" | paste -s -d/ -)
        base=$(xs "$f" "$e/@type")
        ct="$e/*[local-name()='complexType']"
        if [ -z "$base" ]; then
            base=$(xs "$f" "$ct/*[local-name()='simpleContent']/*/@base")
        fi
        if [ -z "$base" ] && [ "$(xs "$f" "$ct/@mixed")" = true ]; then
            base=xs:string
        fi
        value=$(xsd_value "$base" "$e")
        rep=once
        [ "$(xs "$f" "$e/@maxOccurs")" = unbounded ] && rep=repeat
        echo "E $path $value optional $rep"
        # The attributes of this element: those inside its complexType
        # whose nearest element is this one, not one nested in it.
        depth=$(xs "$f" "count($e/ancestor::$X)")
        na=$(xs "$f" "count($ct//$A)")
        j=1
        while [ "$j" -le "$na" ]; do
            a="($ct//$A)[$j]"
            if [ "$(xs "$f" "count($a/ancestor::$X[1]/ancestor::$X)")" = "$depth" ]; then
                req=optional
                [ "$(xs "$f" "$a/@use")" = required ] && req=required
                echo "A $path@$(xs "$f" "$a/@name") $(xsd_value "$(xs "$f" "$a/@type")" "$a") $req once"
            fi
            j=$((j + 1))
        done
        i=$((i + 1))
    done
}

# xsd_value TYPE-NAME NODE: the kind of value a declaration takes.
xsd_value() {
    case $1 in
    "" | blank)
        vals=$(xp "$f" "$2/*[local-name()='simpleType']//*[local-name()='enumeration']/@value" | words)
        if [ -n "$vals" ]; then echo "enum:$vals"; else echo none; fi ;;
    xs:string) echo text ;;
    integer) echo integer ;;
    decimal | decimal-attribute) echo decimal ;;
    bool | bool-attribute) echo bool ;;
    date-attribute) echo date ;;
    *)
        vals=$(xp "$f" "//*[local-name()='simpleType'][@name='$1']//*[local-name()='enumeration']/@value" | words)
        if [ -n "$vals" ]; then echo "enum:$vals"; else echo "unknown-type:$1"; fi ;;
    esac
}

# is_pack FILE: FILE is a rule pack (rules/schema holds none).
is_pack() {
    case $1 in
    */rules/schema/*) return 1 ;;
    esac
    [ -f "$1" ] && grep -q '<rulepack' "$1"
}

# ---- collect the checks

for x in "$dfmt" "$dxsd" "$pxsd"; do
    [ -f "$x" ] || { echo "Bail out! $x is missing"; exit 1; }
done

echo "1..$(
    c=1
    for x in "$root"/examples/*.xml; do [ -f "$x" ] && c=$((c + 1)); done
    for d in "$root"/tests/cases/*/; do
        grep -q '^verdict: eligible *$' "$d/expect" 2>/dev/null && c=$((c + 1))
    done
    for d in $invalid_cases; do c=$((c + 1)); done
    for x in "$root"/rules/*/*.xml; do
        is_pack "$x" && c=$((c + 1))
    done
    echo $c
)"

# 1. the schema and the format description declare the same things
describe_format | LC_ALL=C sort >"$tmp/format"
describe_xsd | LC_ALL=C sort >"$tmp/xsd"
if diff "$tmp/format" "$tmp/xsd" >"$tmp/diff" 2>&1; then
    : >"$tmp/log"
    ok "dossier-1.xsd declares what dossier-1.xml describes ($(wc -l <"$tmp/format" | tr -d ' ') declarations)"
else
    {
        echo "< only in dossier-1.xml, > only in dossier-1.xsd:"
        grep '^[<>]' "$tmp/diff"
    } >"$tmp/log"
    not_ok "dossier-1.xsd declares what dossier-1.xml describes"
fi

# 2. examples
for x in "$root"/examples/*.xml; do
    [ -f "$x" ] || continue
    valid "$dxsd" "$x" "examples/${x##*/} validates"
done

# 3. eligible conformance cases (a dossier.change written out first)
for d in "$root"/tests/cases/*/; do
    d=${d%/}
    grep -q '^verdict: eligible *$' "$d/expect" 2>/dev/null || continue
    name=${d##*/}
    f=$d/dossier.xml
    if [ ! -f "$f" ] && [ -f "$d/dossier.change" ]; then
        f=$tmp/case-dossier.xml
        python3 "$root/tools/case_dossier.py" show "$d" >"$f" ||
            rm -f "$f"
    fi
    if grep -Eq '^warning:.*(unknown|unit> is empty)' "$d/expect"; then
        rejected "$dxsd" "$f" \
            "cases/$name is rejected (the reader warns; the schema is closed)"
    else
        valid "$dxsd" "$f" "cases/$name validates"
    fi
done

# 4. invalid dossiers a schema can see
for name in $invalid_cases; do
    rejected "$dxsd" "$root/tests/cases/$name/dossier.xml" \
        "cases/$name is rejected"
done

# 5. rule packs
for x in "$root"/rules/*/*.xml; do
    is_pack "$x" || continue
    valid "$pxsd" "$x" "${x#"$root"/} validates against rulepack-1.xsd"
done

[ "$failed" -eq 0 ]
