#!/usr/bin/env python3
"""Writes the Article 5 part of the nd154-2013 rule pack: its art5.* rules and
the facts and parameters they use, nothing else. parkcheck runs with it
(--rules) for the comparison with the peers on the same checks.

    art5_pack.py rules/nd154-2013/nd154-2013.xml OUT.xml
"""
import re
import sys
import xml.etree.ElementTree as ET


def words(el):
    """Every identifier-like token in el's attributes, its own and below."""
    out = set()
    for e in el.iter():
        for v in e.attrib.values():
            out.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", v))
        if e.text:
            out.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", e.text))
    return out


def main(src, dst):
    tree = ET.parse(src)
    root = tree.getroot()
    rules = root.find("rules")
    for r in list(rules):
        if not r.get("id", "").startswith("art5."):
            rules.remove(r)
    facts = {f.get("id"): f for block in root.findall("facts") for f in block}
    params = {p.get("id"): p for block in root.findall("parameters") for p in block}
    need = words(rules)
    while True:
        more = set(need)
        for fid in need & facts.keys():
            more |= words(facts[fid])
        for pid in need & params.keys():
            more |= words(params[pid])
        if more == need:
            break
        need = more
    for tag, known in (("facts", facts), ("parameters", params)):
        for block in root.findall(tag):
            for el in list(block):
                if el.get("id") in known and el.get("id") not in need:
                    block.remove(el)
    root.set("id", "nd154-2013-art5")
    tree.write(dst, encoding="UTF-8", xml_declaration=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
