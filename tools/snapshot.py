#!/usr/bin/env python3
"""Writes every report the command line gives for the repository's own
inputs into a directory, so that two builds can be compared byte for byte
(before and after a refactor: `diff -r BEFORE AFTER`).

Usage: snapshot.py PARKCHECK_BINARY SOURCE_ROOT OUTDIR

For each conformance case (tests/cases/*/, its dossier.xml or its
dossier.change over another case's dossier, with its rules.xml and as-of
when it has them) and each example: the report in every format
and both languages, and the exit status. Also every kind's template, the
rule list and every rule's description, in both languages. File names are
CASE.FORMAT.LANG; paths are given relative to SOURCE_ROOT (a dossier
made from a change is written out at the same relative path under a
temporary directory, and checked from there), and nothing else depends on time or place but the templates' submission date (the day
they are made): compare snapshots made on the same day. Standard library
only.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import case_dossier  # noqa: E402 (after the path it is found by)

FORMATS = ("text", "json", "html", "csv", "junit", "ndjson")
LANGS = ("vi", "en")
KINDS = ("establishment", "expansion", "recognition", "master-plan-addition")


def run(exe, args, cwd):
    p = subprocess.run([exe] + args, cwd=cwd, capture_output=True,
                       timeout=120)
    return p.stdout + b"\n-- stderr --\n" + p.stderr + \
        b"\n-- exit %d --\n" % p.returncode


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    exe, root, out = os.path.abspath(argv[1]), argv[2], argv[3]
    os.makedirs(out, exist_ok=True)
    inputs = []
    scratch = tempfile.mkdtemp(prefix="parkcheck-snapshot.")
    for d in sorted(glob.glob(os.path.join(root, "tests", "cases", "*"))):
        dossier = case_dossier.dossier_path(d)
        if dossier is None:
            continue
        rel = os.path.relpath(os.path.join(d, "dossier.xml"), root)
        cwd = root
        if not dossier.endswith(".xml"):
            # The same relative paths under scratch: the reports name the
            # file as they would if it were in the tree.
            cwd = scratch
            os.makedirs(os.path.join(scratch, os.path.dirname(rel)))
            with open(os.path.join(scratch, rel), "wb") as f:
                f.write(case_dossier.dossier_bytes(d))
            if os.path.isfile(os.path.join(d, "rules.xml")):
                shutil.copy(os.path.join(d, "rules.xml"),
                            os.path.join(scratch, os.path.dirname(rel)))
        extra = []
        if os.path.isfile(os.path.join(d, "rules.xml")):
            extra += ["--rules", os.path.relpath(os.path.join(d, "rules.xml"),
                                                 root)]
        with open(os.path.join(d, "expect"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("as-of:"):
                    extra += ["--as-of", line.split(":", 1)[1].strip()]
        inputs.append(("case-" + os.path.basename(d), rel, extra, cwd))
    for x in sorted(glob.glob(os.path.join(root, "examples", "*.xml"))):
        inputs.append(("example-" + os.path.basename(x)[:-4],
                       os.path.relpath(x, root), [], root))
    for name, path, extra, cwd in inputs:
        for fmt in FORMATS:
            for lang in LANGS:
                data = run(exe, ["check", "--format", fmt, "--lang", lang]
                           + extra + [path], cwd)
                with open(os.path.join(out, "%s.%s.%s" % (name, fmt, lang)),
                          "wb") as f:
                    f.write(data)
    for lang in LANGS:
        for kind in KINDS:
            data = run(exe, ["template", "--kind", kind, "--lang", lang], root)
            with open(os.path.join(out, "template-%s.%s" % (kind, lang)),
                      "wb") as f:
                f.write(data)
        listing = run(exe, ["rules", "list", "--lang", lang], root)
        with open(os.path.join(out, "rules-list." + lang), "wb") as f:
            f.write(listing)
        for line in listing.decode("utf-8", "replace").splitlines():
            if line.startswith("  ") and line.split():
                rule = line.split()[0]
                with open(os.path.join(out, "rule-%s.%s" % (rule, lang)),
                          "wb") as f:
                    f.write(run(exe, ["rules", "show", rule, "--lang", lang],
                                root))
    shutil.rmtree(scratch)
    print("%d inputs, %d files in %s" % (len(inputs), len(os.listdir(out)),
                                         out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
