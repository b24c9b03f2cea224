#!/usr/bin/env python3
"""Write fuzz/dossier.dict, fuzz/rulepack.dict and fuzz/format.dict
(libFuzzer dictionaries).

Usage: make_dicts.py [SOURCE_ROOT]

The dossier dictionary holds the names of the dossier format
(rules/schema/dossier-1.xml: elements, attributes, vocabularies, units); the
rule-pack dictionary the rule-pack language (docs/rulepack-format.md, the
grammar table of lib/pack_load.c) and the paths, fact ids and parameter ids
of the built-in pack; the format dictionary the language of format descriptions
(the elements, attributes and attribute values of the built-in one and of
tests/regime-toy/format.xml); all get XML syntax and the values the readers
type.
Run it again when the format or the language changes, and commit the result.
Standard library only.
"""

import os
import sys
import xml.etree.ElementTree as ET


def q(s):
    out = []
    for ch in s.encode("utf-8"):
        c = chr(ch)
        if c in '"\\':
            out.append("\\" + c)
        elif 32 <= ch < 127:
            out.append(c)
        else:
            out.append("\\x%02X" % ch)
    return '"' + "".join(out) + '"'


def uniq(items):
    seen, out = set(), []
    for i in items:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


XML_SYNTAX = [
    '<?xml version="1.0" encoding="UTF-8"?>', "<?xml", "?>", "<!--", "-->",
    "<![CDATA[", "]]>", "<!DOCTYPE", "<!ENTITY", "SYSTEM", "PUBLIC", "&amp;",
    "&lt;", "&gt;", "&quot;", "&apos;", "&#x", "&#", "/>", "</", "=\"", "'",
    "xmlns=\"", "xmlns:", "xsi:noNamespaceSchemaLocation=\"",
    "http://www.w3.org/2001/XMLSchema-instance", "\ufeff",
]

VALUES = [
    "0", "1", "true", "false", "2000", "1000", "0.5", "15.47", "12.1",
    "2.000", "545,82", "-1", "+1", "1e3", "999999999999", "9999999999999",
    "123456789012.999999", "0.0000001", "2024-06-01", "2014-01-01",
    "2013-12-31", "1899-12-31", "2024-02-30", "01/06/2024", "UBND", "Ủy ban",
    "Thủ tướng Chính phủ", "QĐ-TTg", "TTr-UBND",
]

# The rule-pack language: elements and attributes (lib/pack_load.c grammar).
PACK_ELEMENTS = [
    "rulepack", "title", "source", "in-force", "notice", "text", "parameters",
    "param", "citation", "label", "value", "facts", "fact", "ratio", "sum-of",
    "difference", "rules", "rule", "check", "applies-if", "all", "any",
    "not", "compare", "present", "empty", "contains", "in", "matches",
    "message",
]
PACK_ATTRS = [
    "id", "version", "format", "dossier-format", "lang", "from", "until",
    "type", "unit", "by", "article", "clause", "point", "kinds", "when",
    "path", "count", "sum", "values", "xpath", "min", "max", "each",
    "aggregate", "of", "to", "facts", "minus", "category", "severity",
    "weight", "fact", "op", "param", "value", "other", "pattern", "on",
]
PACK_VALUES = [
    "vi", "en", "number", "percent", "text", "bool", "date", "set", "ratio",
    "people", "count", "ha", "m2", "billion-VND", "ge", "gt", "le", "lt",
    "eq", "ne", "criterion", "document", "mandatory", "advisory", "pass",
    "fail", "unknown", "not-applicable", "error", "min", "max",
    "{value}", "{threshold}", "{shortfall}", "{needed}", "{missing}",
    "{kind}", "{error}", "{fact:", "{param:", "@", "[@", "']", "='",
    "/dossier", "^", "$", "(a+)+$", "\\d", "[0-9]+", "(?", "\\p{L}",
    "count(", "sum(", "number(", "string(", "//", "/text()",
]


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "..")
    fmt = ET.parse(os.path.join(root, "rules/schema/dossier-1.xml")).getroot()
    els, attrs, vocab = [], [], []
    for e in fmt.iter():
        if e.tag == "element":
            els.append(e.get("name"))
        elif e.tag == "attribute":
            attrs.append(e.get("name"))
        elif e.tag == "unit":
            vocab.append(e.get("name"))
        if e.get("values"):
            vocab.extend(e.get("values").split())
    els, attrs, vocab = uniq(els), uniq(attrs), uniq(vocab)

    head = ("# libFuzzer dictionary for %s, written by fuzz/make_dicts.py; "
            "do not edit.\n")
    lines = [head % "fuzz_dossier",
             "# elements of rules/schema/dossier-1.xml"]
    for e in els:
        lines += [q("<%s>" % e), q("</%s>" % e), q("<%s " % e)]
    lines.append("# attributes")
    lines += [q(' %s="' % a) for a in attrs]
    lines.append("# vocabularies and units")
    lines += [q(v) for v in vocab]
    lines.append("# values")
    lines += [q(v) for v in VALUES]
    lines.append("# XML")
    lines += [q(v) for v in XML_SYNTAX]
    with open(os.path.join(root, "fuzz/dossier.dict"), "w") as f:
        f.write("\n".join(lines) + "\n")

    pack = ET.parse(os.path.join(
        root, "rules/nd154-2013/nd154-2013.xml")).getroot()
    paths, ids = [], []
    for e in pack.iter():
        for a in ("path", "count", "sum", "values", "min", "max", "each"):
            if e.get(a):
                paths.append(e.get(a))
        if e.tag in ("fact", "param") and e.get("id"):
            ids.append(e.get("id"))
    lines = [head % "fuzz_rulepack", "# elements of the rule-pack language"]
    for e in PACK_ELEMENTS:
        lines += [q("<%s>" % e), q("</%s>" % e), q("<%s " % e)]
    lines.append("# attributes")
    lines += [q(' %s="' % a) for a in PACK_ATTRS]
    lines.append("# names and values")
    lines += [q(v) for v in uniq(PACK_VALUES + VALUES[:12])]
    lines.append("# paths into the dossier format, and its names")
    lines += [q(p) for p in uniq(paths)]
    lines += [q(x) for x in uniq(els + attrs)]
    lines += [q(v) for v in vocab if v not in PACK_VALUES]
    lines.append("# the built-in pack's fact and parameter ids")
    lines += [q(i) for i in uniq(ids)]
    lines.append("# XML")
    lines += [q(v) for v in XML_SYNTAX]
    with open(os.path.join(root, "fuzz/rulepack.dict"), "w") as f:
        f.write("\n".join(lines) + "\n")

    tags, names, values = [], [], []
    for path in ("rules/schema/dossier-1.xml", "tests/regime-toy/format.xml"):
        for e in ET.parse(os.path.join(root, path)).getroot().iter():
            tags.append(e.tag)
            for k, v in e.attrib.items():
                names.append(k)
                if k not in ("vi", "en", "en-one"):
                    values.extend(v.split())
    lines = [head % "fuzz_format", "# elements of format descriptions"]
    for e in uniq(tags):
        lines += [q("<%s>" % e), q("</%s>" % e), q("<%s " % e)]
    lines.append("# attributes")
    lines += [q(' %s="' % a) for a in uniq(names)]
    lines.append("# their values")
    lines += [q(v) for v in uniq(values)]
    lines += [q(v) for v in ("{n}", "/dossier", "true", "false")]
    lines.append("# XML")
    lines += [q(v) for v in XML_SYNTAX]
    with open(os.path.join(root, "fuzz/format.dict"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
