#!/usr/bin/env python3
"""Every figure of a provisional pack says where it comes from.

    tests/check_provenance.py SOURCE_ROOT

For each rule pack under rules/ that is provisional (its source text is not
yet available), checks, writing TAP:
  - every <param> states its own <provenance>: a threshold must never pass
    for the pack's own level (the official text of the Law) by default;
  - every rule that compares with no parameter but rests on the decree (its
    id says so, or its provenance is not the pack's) states its own;
  - every level is one the loader knows, with both texts;
  - every <not-checked> item has both titles and a citation.
A pack that is not provisional is listed and passes: it need say nothing.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

LEVELS = ("official", "press-consistent", "press-single")


def provenance_problems(elem, what):
    p = elem.find("provenance")
    if p is None:
        return ["%s states no <provenance>" % what]
    out = []
    if p.get("level") not in LEVELS:
        out.append("%s: level %r" % (what, p.get("level")))
    langs = sorted(t.get("lang") for t in p.findall("text"))
    if langs != ["en", "vi"]:
        out.append("%s: provenance texts in %s" % (what, langs))
    return out


def check_pack(path):
    root = ET.parse(path).getroot()
    problems = []
    if root.find("provisional") is None:
        return None
    if root.find("provenance") is None:
        problems.append("the pack states no provenance of its own")
    params = root.findall("parameters/param")
    if not params:
        problems.append("a provisional pack with no parameter to check")
    for param in params:
        problems += provenance_problems(param, "param %s" % param.get("id"))
    for rule in root.findall("rules/rule"):
        rid = rule.get("id")
        uses = [c.get("param") for c in rule.iter("compare") if c.get("param")]
        # A rule from the decree alone must say so itself.
        if rid.startswith("nd") and not uses:
            problems += provenance_problems(rule, "rule %s" % rid)
        elif rule.find("provenance") is not None:
            problems += provenance_problems(rule, "rule %s" % rid)
    for item in root.findall("not-checked/item"):
        titles = sorted(t.get("lang") for t in item.findall("title"))
        if titles != ["en", "vi"] or item.find("citation") is None:
            problems.append("not-checked item %s lacks titles or a citation"
                            % item.get("id"))
    return problems


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    packs = sorted(p for p in glob.glob(os.path.join(root, "rules", "*", "*.xml"))
                   if os.path.basename(os.path.dirname(p)) != "schema")
    results = []
    provisional = 0
    for path in packs:
        problems = check_pack(path)
        name = os.path.relpath(path, root)
        if problems is None:
            results.append((True, "%s is not provisional" % name))
            continue
        provisional += 1
        results.append((not problems, "%s: every figure has a provenance%s"
                        % (name, "" if not problems
                           else " — " + "; ".join(problems))))
    results.append((provisional > 0, "at least one provisional pack is built in"))
    print("1..%d" % len(results))
    failed = 0
    for i, (ok, text) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, text))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
