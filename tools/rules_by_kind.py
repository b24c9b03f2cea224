#!/usr/bin/env python3
"""Writes docs/rules-by-kind.md from the built-in rule packs.

Usage: rules_by_kind.py SOURCE_ROOT [--check]

For each pack under SOURCE_ROOT/rules/*/ a table: every rule, its category
and severity, and for each kind of dossier the provision it is checked
under there ("—" where it does not apply). With --check, compares the
table with the committed file and exits 1 when they differ, so the docs
cannot drift from the pack. Standard library only.
"""

import glob
import os
import sys
import xml.etree.ElementTree as ET

KINDS = ("establishment", "expansion", "master-plan-addition", "recognition")
HEAD = {"establishment": "establishment", "expansion": "expansion",
        "master-plan-addition": "master-plan addition",
        "recognition": "recognition"}


def cite(c):
    if c is None:
        return "?"
    s = "Art. " + c.get("article")
    if c.get("clause"):
        s += "." + c.get("clause")
    if c.get("point"):
        s += "." + c.get("point")
    return s


def table(pack_path):
    root = ET.parse(pack_path).getroot()
    title = next((t.text for t in root.findall("title")
                  if t.get("lang") == "en"), root.get("id"))
    out = ["## %s (`%s` %s)" % (title, root.get("id"), root.get("version")),
           "",
           "| rule | category | severity | " +
           " | ".join(HEAD[k] for k in KINDS) + " |",
           "|---|---|---|" + "---|" * len(KINDS)]
    for rule in root.iter("rule"):
        kinds = (rule.get("kinds") or " ".join(KINDS)).split()
        default = None
        per_kind = {}
        for c in rule.findall("citation"):
            if c.get("kinds"):
                for k in c.get("kinds").split():
                    per_kind[k] = c
            else:
                default = c
        cond = " (if)" if rule.find("applies-if") is not None else ""
        cells = []
        for k in KINDS:
            cells.append(cite(per_kind.get(k, default)) + cond
                         if k in kinds else "—")
        out.append("| `%s` | %s | %s | %s |" % (
            rule.get("id"), rule.get("category"), rule.get("severity"),
            " | ".join(cells)))
    return out


def render(root):
    lines = ["# Which rules apply to which kind of dossier",
             "",
             "Generated from the built-in rule packs by `tools/rules_by_kind.py`; a test "
             "(`docs-rules-by-kind`) fails when this page and the packs differ. Each cell is the "
             "provision a rule is checked under for that kind of dossier; \"—\": the rule does "
             "not apply to it; \"(if)\": it applies only when its condition holds (see "
             "`parkcheck rules show ID`).",
             ""]
    for pack in sorted(glob.glob(os.path.join(root, "rules", "*", "*.xml"))):
        if os.path.basename(os.path.dirname(pack)) == "schema":
            continue
        lines += table(pack) + [""]
    return "\n".join(lines)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    root = argv[1]
    text = render(root)
    target = os.path.join(root, "docs", "rules-by-kind.md")
    if "--check" in argv:
        with open(target, encoding="utf-8") as f:
            same = f.read() == text
        print("1..1")
        print("%s 1 - docs/rules-by-kind.md is what the packs say%s" %
              ("ok" if same else "not ok",
               "" if same else " (run tools/rules_by_kind.py SOURCE_ROOT)"))
        return 0 if same else 1
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
