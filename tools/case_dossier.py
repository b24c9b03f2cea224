#!/usr/bin/env python3
"""A conformance case's dossier, written out or as a change to a base.

A case (tests/cases/NAME/, docs/conformance.md) holds either its whole
dossier in dossier.xml or, when it differs from another case's in a few
lines, only the difference in dossier.change:

    base: baseline-mixed-park-eligible
    @@
    -    <zone group="core" type="it-production" area="7"/>
    +    <zone group="core" type="it-production" area="6.04"/>

The base is a case of the same directory with a dossier.xml of its own.
Each hunk (after a line "@@") is lines that start with ' ' (kept), '-'
(removed) or '+' (added), the rest of the line verbatim; its kept and
removed lines, in order, are found in the base as whole consecutive lines
at their first occurrence after the previous hunk, and replaced by its
kept and added lines. Lines starting with '#' are comments.

Usage:
  case_dossier.py show CASE_DIR         the dossier, byte for byte
  case_dossier.py path CASE_DIR         dossier.xml, or dossier.change
  case_dossier.py diff BASE_DIR CASE_DIR
                                        a dossier.change for CASE_DIR's
                                        dossier.xml over BASE_DIR's,
                                        checked to give it back exactly

tests/conformance.c applies changes the same way (tests/common).
Standard library only.
"""

import difflib
import os
import sys


class ChangeError(Exception):
    """A dossier.change that cannot be applied."""


def parse_change(text, where="dossier.change"):
    """Returns (base, hunks); each hunk a list of (mark, line)."""
    base = None
    hunks = None
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n")
                             else text.split("\n"), 1):
        if line.startswith("#"):
            continue
        if hunks is None:
            if line.startswith("base:"):
                base = line[5:].strip()
            elif line == "@@":
                hunks = [[]]
            elif line.strip():
                raise ChangeError("%s:%d: expected 'base: CASE' or '@@'"
                                  % (where, n))
            continue
        if line == "@@":
            hunks.append([])
        elif line[:1] in (" ", "-", "+"):
            hunks[-1].append((line[0], line[1:]))
        else:
            raise ChangeError("%s:%d: a hunk line starts with ' ', '-' or '+'"
                              % (where, n))
    if not base or "/" in base or base.startswith("."):
        raise ChangeError("%s: no 'base: CASE' line" % where)
    if not hunks or not all(hunks):
        raise ChangeError("%s: no change, or an empty hunk" % where)
    return base, hunks


def apply_change(base_text, hunks, where="dossier.change"):
    if not base_text.endswith("\n"):
        raise ChangeError("%s: the base does not end with a line feed" % where)
    lines = base_text[:-1].split("\n")
    out, pos = [], 0
    for k, hunk in enumerate(hunks, 1):
        old = [l for m, l in hunk if m != "+"]
        new = [l for m, l in hunk if m != "-"]
        at = None
        if not old:
            raise ChangeError("%s: hunk %d has no kept or removed line to "
                              "find it by" % (where, k))
        for i in range(pos, len(lines) - len(old) + 1):
            if lines[i:i + len(old)] == old:
                at = i
                break
        if at is None:
            raise ChangeError("%s: hunk %d is not in the base" % (where, k))
        out += lines[pos:at] + new
        pos = at + len(old)
    out += lines[pos:]
    return "\n".join(out) + "\n"


def dossier_path(case_dir):
    whole = os.path.join(case_dir, "dossier.xml")
    if os.path.isfile(whole):
        return whole
    change = os.path.join(case_dir, "dossier.change")
    return change if os.path.isfile(change) else None


def dossier_bytes(case_dir):
    """The case's dossier as bytes, or None when it has none."""
    path = dossier_path(case_dir)
    if path is None:
        return None
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".xml"):
        return data
    base, hunks = parse_change(data.decode("utf-8"), path)
    base_file = os.path.join(os.path.dirname(os.path.abspath(case_dir)),
                             base, "dossier.xml")
    if not os.path.isfile(base_file):
        raise ChangeError("%s: base %s has no dossier.xml" % (path, base))
    with open(base_file, "rb") as f:
        return apply_change(f.read().decode("utf-8"), hunks,
                            path).encode("utf-8")


def make_change(base_dir, case_dir):
    """A dossier.change text for case_dir over base_dir, or None when the
    dossier cannot be written as lines of UTF-8 text over that base."""
    try:
        with open(os.path.join(base_dir, "dossier.xml"), "rb") as f:
            a = f.read().decode("utf-8")
        with open(os.path.join(case_dir, "dossier.xml"), "rb") as f:
            raw = f.read()
        b = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "\r" in a + b or not a.endswith("\n") or not b.endswith("\n") or \
            b.startswith("\ufeff") != a.startswith("\ufeff"):
        return None
    al, bl = a[:-1].split("\n"), b[:-1].split("\n")
    for n in range(0, 4):
        text = "base: %s\n" % os.path.basename(os.path.normpath(base_dir))
        sm = difflib.SequenceMatcher(None, al, bl, autojunk=False)
        for group in sm.get_grouped_opcodes(n):
            text += "@@\n"
            i_first = group[0][1]
            if n == 0 and all(t == "insert" for t, *_ in group):
                # Nothing removed: the line before places the addition.
                if i_first == 0:
                    break
                text += " " + al[i_first - 1] + "\n"
            for tag, i1, i2, j1, j2 in group:
                if tag == "equal":
                    text += "".join(" " + l + "\n" for l in al[i1:i2])
                    continue
                text += "".join("-" + l + "\n" for l in al[i1:i2])
                text += "".join("+" + l + "\n" for l in bl[j1:j2])
        else:
            try:
                base, hunks = parse_change(text)
                if apply_change(a, hunks).encode("utf-8") == raw:
                    return text
            except ChangeError:
                pass
    return None


def main(argv):
    try:
        if len(argv) == 3 and argv[1] == "show":
            data = dossier_bytes(argv[2])
            if data is None:
                sys.exit("%s: no dossier.xml or dossier.change" % argv[2])
            sys.stdout.buffer.write(data)
        elif len(argv) == 3 and argv[1] == "path":
            path = dossier_path(argv[2])
            if path is None:
                sys.exit("%s: no dossier.xml or dossier.change" % argv[2])
            print(path)
        elif len(argv) == 4 and argv[1] == "diff":
            text = make_change(argv[2], argv[3])
            if text is None:
                sys.exit("%s: not a line change of %s" % (argv[3], argv[2]))
            sys.stdout.write(text)
        else:
            sys.stderr.write(__doc__)
            return 2
    except ChangeError as e:
        sys.exit(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
