#!/usr/bin/env python3
"""The shared library exports exactly the pk_ symbols listed in symbols.txt."""
import subprocess
import sys


# Symbols the linker itself defines at the ends of the data segment. ld
# makes them dynamic in a library linked against one that exports them
# (Debian's libxlsxwriter.so does); they are no API of ours.
LINKER_DEFINED = {"__bss_start", "_edata", "_end"}


def main():
    lib, listing = sys.argv[1], sys.argv[2]
    out = subprocess.run(["nm", "-D", "--defined-only", lib],
                         capture_output=True, text=True, check=True).stdout
    exported = sorted({line.split()[-1] for line in out.splitlines()
                       if len(line.split()) == 3 and line.split()[1] in "TDRB"}
                      - LINKER_DEFINED)
    with open(listing, encoding="utf-8") as f:
        expected = sorted(l.strip() for l in f
                          if l.strip() and not l.startswith("#"))
    print("1..3")
    foreign = [s for s in exported if not s.startswith("pk_")]
    print(("ok" if not foreign else "not ok") +
          " 1 - only pk_ symbols are exported" +
          ("" if not foreign else ": " + " ".join(foreign[:20])))
    extra = sorted(set(exported) - set(expected))
    print(("ok" if not extra else "not ok") +
          " 2 - nothing beyond symbols.txt" +
          ("" if not extra else ": " + " ".join(extra)))
    lacking = sorted(set(expected) - set(exported))
    print(("ok" if not lacking else "not ok") +
          " 3 - everything in symbols.txt" +
          ("" if not lacking else ": " + " ".join(lacking)))
    return 0 if not (foreign or extra or lacking) else 1


if __name__ == "__main__":
    sys.exit(main())
