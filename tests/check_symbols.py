#!/usr/bin/env python3
"""The shared library exports exactly the pk_ symbols listed in symbols.txt,
each under the version node of the linker script made from that list, and
its soname carries the soversion set by hand in meson.build.

Usage: check_symbols.py LIBRARY SYMBOLS [NODE SOVERSION]
"""
import re
import subprocess
import sys


def main():
    lib, listing = sys.argv[1], sys.argv[2]
    node = sys.argv[3] if len(sys.argv) > 3 else None
    soversion = sys.argv[4] if len(sys.argv) > 4 else None
    out = subprocess.run(["nm", "-D", "--defined-only", lib],
                         capture_output=True, text=True, check=True).stdout
    versions = {}
    for line in out.splitlines():
        words = line.split()
        if len(words) != 3 or words[1] not in "TDRB":
            continue
        # binutils 2.35 and later print "name@@NODE" for a versioned symbol.
        name, _, ver = words[2].partition("@")
        versions[name] = ver.lstrip("@")
    exported = sorted(versions)
    with open(listing, encoding="utf-8") as f:
        expected = sorted(l.strip() for l in f
                          if l.strip() and not l.startswith("#"))
    print("1..%d" % (3 + (node is not None) + (soversion is not None)))
    failed = 0

    def report(n, ok, what, detail):
        nonlocal failed
        failed += not ok
        print(("ok" if ok else "not ok") + " %d - %s" % (n, what) +
              ("" if ok else ": " + detail))

    foreign = [s for s in exported if not s.startswith("pk_")]
    report(1, not foreign, "only pk_ symbols are exported",
           " ".join(foreign[:20]))
    extra = sorted(set(exported) - set(expected))
    report(2, not extra, "nothing beyond symbols.txt", " ".join(extra))
    lacking = sorted(set(expected) - set(exported))
    report(3, not lacking, "everything in symbols.txt", " ".join(lacking))
    n = 3
    if node is not None:
        n += 1
        # Older nm prints no version: then readelf says whether the node is
        # there at all.
        if any(versions.values()):
            wrong = [s for s in exported if versions[s] != node]
            report(n, not wrong, "every symbol is under version node " + node,
                   " ".join("%s@%s" % (s, versions[s] or "(none)")
                            for s in wrong[:20]))
        else:
            vd = subprocess.run(["readelf", "-V", lib], capture_output=True,
                                text=True).stdout
            report(n, node in vd, "version node " + node + " defined",
                   "readelf -V does not show it")
    if soversion is not None:
        n += 1
        dyn = subprocess.run(["readelf", "-d", lib], capture_output=True,
                             text=True).stdout
        m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]*)\]", dyn)
        want = "libparkcheck.so." + soversion
        report(n, m is not None and m.group(1) == want,
               "soname is " + want, m.group(1) if m else "no SONAME")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
