#!/bin/sh
# test_install.sh - what `meson install` puts in place, and that it works
# from there: the command, the library, the headers, the pkg-config file,
# the manual page and the rule files; and that a program builds against the
# installed library with pkg-config alone and runs.
#
# Usage: test_install.sh BUILD_DIR [SOURCE_ROOT]
#
# Installs into a temporary DESTDIR (removed at the end), never into the
# real prefix. SOURCE_ROOT defaults to the tree this script is in. Writes
# TAP. Needs meson and python3 (to read the build's directories); the
# pkg-config and compile steps are skipped, not failed, without pkg-config
# or a C compiler. The example is compiled with $CC, by default the
# compiler the build used, and with the build's sanitizers if any: a
# library built with -fsanitize only links into a program built with it.

build=${1:?usage: test_install.sh BUILD_DIR [SOURCE_ROOT]}
here=$(cd "$(dirname "$0")" && pwd)
src=${2:-$here/../..}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESCRIPTION COMMAND...: one test, the command's status decides.
check() {
    what=$1
    shift
    if "$@"; then ok "$what"; else not_ok "$what"; fi
}
# Diagnostics go to the log as TAP comments.
diag() { sed 's/^/# /'; }
# The plan comes last, when the number of tests is known.
finish() {
    echo "1..$n"
    [ "$failed" -eq 0 ]
    exit
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/parkcheck-install.XXXXXX") || {
    echo "Bail out! cannot make a temporary directory"
    exit 1
}
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
dest=$tmp/dest

# --no-rebuild: the test runs on what was built; a rebuild here could race
# with the build meson test itself started.
if meson install -C "$build" --destdir "$dest" --no-rebuild \
        >"$tmp/install.log" 2>&1; then
    ok "meson install --destdir"
else
    not_ok "meson install --destdir"
    diag <"$tmp/install.log"
    echo "Bail out! nothing installed"
    exit 1
fi

# Where this build installs, as configured: the test must not assume
# /usr/local or lib rather than lib/x86_64-linux-gnu.
dirs=$(meson introspect --buildoptions "$build" | python3 -c '
import json, os, posixpath, shlex, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
for k in ("bindir", "libdir", "includedir", "datadir", "mandir"):
    print("%s=%s" % (k, shlex.quote(posixpath.join(o["prefix"], o[k]))))
print("prefix=%s" % shlex.quote(o["prefix"]))
san = o.get("b_sanitize", "none")
if isinstance(san, list):  # a list from meson 1.8 on
    san = ",".join(san)
print("sanitize=%s" % shlex.quote("" if san in ("", "none") else "-fsanitize=" + san))
# The compiler of the build, as the first compile command has it (with a
# launcher such as ccache in front, both words).
cc = "cc"
try:
    with open(os.path.join(sys.argv[1], "compile_commands.json")) as f:
        for entry in json.load(f):
            words = shlex.split(entry["command"])
            n = 2 if os.path.basename(words[0]) in ("ccache", "sccache") else 1
            cc = " ".join(words[:n])  # split again by the shell, unquoted
            if entry["file"].endswith(".c"):
                break
except (OSError, ValueError, KeyError, IndexError):
    pass
print("build_cc=%s" % shlex.quote(cc))
' "$build") || {
    echo "Bail out! cannot read the build's install directories"
    exit 1
}
prefix='' bindir='' libdir='' includedir='' datadir='' mandir=''
sanitize='' build_cc=''
eval "$dirs"
cc=${CC:-$build_cc}
bindir=$dest$bindir
libdir=$dest$libdir
includedir=$dest$includedir
datadir=$dest$datadir
mandir=$dest$mandir

check "bin/parkcheck is installed and executable" test -x "$bindir/parkcheck"

# The real file and the name a linker looks for.
set -- "$libdir"/libparkcheck.so.*
check "the shared library is installed ($(basename "$1"))" test -f "$1"
check "libparkcheck.so links to it" test -e "$libdir/libparkcheck.so"

check "include/parkcheck/parkcheck.h is installed" \
    test -f "$includedir/parkcheck/parkcheck.h"
check "include/parkcheck/parkcheck_version.h is installed" \
    test -f "$includedir/parkcheck/parkcheck_version.h"
pc=$libdir/pkgconfig/parkcheck.pc
check "pkgconfig/parkcheck.pc is installed" test -f "$pc"
check "man1/parkcheck.1 is installed" test -f "$mandir/man1/parkcheck.1"
for f in nd154-2013.xml dossier-1.xml; do
    check "rule file parkcheck/rules/$f is installed" \
        test -f "$datadir/parkcheck/rules/$f"
done

# The installed page says where this build put things, and renders without
# a warning.
check "the installed manual page names the installed data directory" \
    grep -qF ".ds pk-datadir ${datadir#"$dest"}" "$mandir/man1/parkcheck.1"
if command -v groff >/dev/null 2>&1; then
    if groff -man -Tutf8 -ww -z "$mandir/man1/parkcheck.1" \
            >"$tmp/groff.log" 2>&1 && [ ! -s "$tmp/groff.log" ]; then
        ok "the installed manual page renders without warnings"
    else
        not_ok "the installed manual page renders without warnings"
        diag <"$tmp/groff.log"
    fi
else
    skip "the installed manual page renders without warnings" "no groff"
fi

# The installed command runs from there, with the installed library.
out=$(LD_LIBRARY_PATH=$libdir "$bindir/parkcheck" --version 2>&1)
case $out in
"parkcheck "*) ok "the installed parkcheck runs: $out" ;;
*) not_ok "the installed parkcheck runs"; echo "$out" | diag ;;
esac
LD_LIBRARY_PATH=$libdir "$bindir/parkcheck" check --format json \
    "$src/examples/near-miss.xml" >/dev/null 2>"$tmp/check.log"
status=$?
if [ $status -eq 2 ]; then
    ok "the installed parkcheck finds examples/near-miss.xml not eligible"
else
    not_ok "the installed parkcheck finds examples/near-miss.xml not eligible (status $status)"
    diag <"$tmp/check.log"
fi

# pkg-config, as a user of a relocated install would call it: the .pc file
# says the configured prefix, and the sysroot or a redefined prefix moves
# it into the destdir.
if ! command -v pkg-config >/dev/null 2>&1; then
    for t in "pkg-config with PKG_CONFIG_SYSROOT_DIR" \
             "pkg-config with --define-variable=prefix" \
             "examples/embed.c compiles against the installed library" \
             "embed runs with the installed library"; do
        skip "$t" "no pkg-config"
    done
    finish
fi

# has_word LIST WORD: WORD is one of the blank-separated words of LIST.
has_word() {
    case " $1 " in
    *" $2 "*) return 0 ;;
    esac
    return 1
}

# pkg_config DESCRIPTION ARG...: runs pkg-config ARG... --cflags --libs
# parkcheck; the flags must point into the destdir.
pkg_config() {
    what=$1
    shift
    if flags=$(PKG_CONFIG_PATH=$libdir/pkgconfig \
               pkg-config "$@" --cflags --libs parkcheck 2>"$tmp/pc.log"); then
        if has_word "$flags" "-I$includedir" &&
           has_word "$flags" "-L$libdir" && has_word "$flags" -lparkcheck; then
            ok "$what: $flags"
            return
        fi
    fi
    not_ok "$what: $flags"
    diag <"$tmp/pc.log"
}
PKG_CONFIG_SYSROOT_DIR=$dest pkg_config \
    "pkg-config with PKG_CONFIG_SYSROOT_DIR"
pkg_config "pkg-config with --define-variable=prefix" \
    --define-variable=prefix="$dest$prefix"
# What the example is built with below: either way gives the same.

# The embedding example, built as its comment says, with nothing from the
# build tree: only the destdir's headers and library.
# $cc may be two words (ccache cc): look for the last.
if ! command -v "${cc##* }" >/dev/null 2>&1; then
    skip "examples/embed.c compiles against the installed library" "no $cc"
    skip "embed runs with the installed library" "no $cc"
    finish
fi
# Unquoted $flags: it is a list of words, as in the example's comment.
# shellcheck disable=SC2086
if $cc -std=c11 -Wall -Wextra -Werror $sanitize "$src/examples/embed.c" \
        $flags -o "$tmp/embed" >"$tmp/cc.log" 2>&1; then
    ok "examples/embed.c compiles against the installed library"
else
    not_ok "examples/embed.c compiles against the installed library"
    diag <"$tmp/cc.log"
fi

if [ -x "$tmp/embed" ]; then
    LD_LIBRARY_PATH=$libdir "$tmp/embed" "$src/examples/near-miss.xml" \
        >"$tmp/embed.log" 2>&1
    status=$?
    # The library it ran with must be the installed one, not the build's.
    if command -v ldd >/dev/null 2>&1; then
        lib=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/embed" | grep libparkcheck)
    else
        lib=$libdir
    fi
    case $lib in
    *"$dest"*)
        if [ $status -eq 2 ] && grep -q "near-miss.xml" "$tmp/embed.log"; then
            ok "embed runs with the installed library (exit 2 on near-miss.xml)"
        else
            not_ok "embed runs with the installed library (exit $status, expected 2)"
            diag <"$tmp/embed.log"
        fi ;;
    *)
        not_ok "embed runs with the installed library (it loaded: $lib)" ;;
    esac
else
    skip "embed runs with the installed library" "it did not build"
fi

finish
