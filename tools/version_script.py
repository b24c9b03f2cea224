#!/usr/bin/env python3
"""Writes the linker version script of libparkcheck from tests/symbols.txt.

Usage: version_script.py SYMBOLS NODE OUTPUT

symbols.txt lists every public symbol, one a line ('#' starts a comment).
The script exports exactly those under the version node NODE and makes
everything else local, so an internal function that lost its static or
its hidden visibility still cannot become part of the ABI. The list is the one the
exported-symbols test compares the built library with: one file says what
the ABI is, and both the linker and the test read it.
"""
import re
import sys


def main():
    symbols_path, node, output = sys.argv[1:4]
    with open(symbols_path, encoding="utf-8") as f:
        names = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    bad = [n for n in names if not re.fullmatch(r"pk_[a-z0-9_]+", n)]
    if bad:
        sys.exit("%s: not a public symbol name: %s" %
                 (symbols_path, " ".join(bad)))
    if len(set(names)) != len(names):
        sys.exit("%s: a symbol is listed twice" % symbols_path)
    lines = ["/* Generated from tests/symbols.txt by tools/version_script.py;",
             "   edit that list, not this file. */",
             "%s {" % node, "global:"]
    lines += ["    %s;" % n for n in sorted(names)]
    lines += ["local:", "    *;", "};", ""]
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
