#!/usr/bin/env python3
"""The two makers of a case's dossier agree: for every case that holds a
dossier.change, tests/common (through show_case) and tools/case_dossier.py
give the same bytes, and the base is a case with a whole dossier.xml.

Usage: check_case_dossiers.py SHOW_CASE CASES_DIR

Writes TAP, a test per case with a change. Standard library only.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tools"))
import case_dossier  # noqa: E402 (after the path it is found by)


def check(exe, case_dir):
    """None when the case is right, else why not."""
    with open(os.path.join(case_dir, "dossier.change"), encoding="utf-8") as f:
        base, _ = case_dossier.parse_change(f.read())
    base_dir = os.path.join(os.path.dirname(case_dir), base)
    if not os.path.isfile(os.path.join(base_dir, "dossier.xml")):
        return "base %s has no dossier.xml of its own" % base
    if os.path.exists(os.path.join(case_dir, "dossier.xml")):
        return "both dossier.xml and dossier.change"
    py = case_dossier.dossier_bytes(case_dir)
    c = subprocess.run([exe, case_dir], capture_output=True, timeout=60)
    if c.returncode != 0:
        return "show_case: %s" % c.stderr.decode("utf-8", "replace").strip()
    if c.stdout != py:
        return "tests/common and tools/case_dossier.py differ"
    return None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    exe, cases = argv[1], argv[2]
    names = sorted(n for n in os.listdir(cases)
                   if os.path.isfile(os.path.join(cases, n, "dossier.change")))
    print("1..%d" % len(names))
    failed = 0
    for k, name in enumerate(names, 1):
        try:
            why = check(exe, os.path.join(cases, name))
        except (OSError, UnicodeDecodeError, case_dossier.ChangeError) as e:
            why = str(e)
        if why is None:
            print("ok %d - %s" % (k, name))
        else:
            failed += 1
            print("not ok %d - %s: %s" % (k, name, why))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
