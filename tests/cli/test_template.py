#!/usr/bin/env python3
"""test_template.py PARKCHECK: `parkcheck template` for every kind and
language gives a well-formed skeleton, under each regime (--as-of the last
day of Decree 154/2013, and today's); filled with figures, each checks with
no input problem and verdict eligible; unfilled, it reads as not stated, and
`rules list` / `rules show` describe the rules. TAP output."""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

KINDS = ["establishment", "expansion", "recognition", "master-plan-addition"]
# The regimes: the last day of Decree 154/2013 (every kind), and today, when
# Law 71/2025/QH15 has no addition to a master plan.
REGIMES = [("2025-12-31", KINDS), (None, KINDS[:3])]

# What a drafter would write in each blank, by element or attribute name
# (and, where one name means two things, by the parent's).
TEXT = {
    "name": "Khu công nghệ thông tin tập trung Thử Nghiệm",
    "province": "Tỉnh Thử Nghiệm",
    "profile": "mixed",
    "status": "operating",
    "it-specialists": "2400",
    "construction": "12",
    "building-footprint": "4",
    "building-plots": "10",
    "infrastructure-complete": "true",
    "core-land": "20",
    "core-land-leased": "16",
    "digital-industry": "2600",
    "decision-authority": "UBND tỉnh Thử Nghiệm",
}
ATTR = {
    "submitted": "2024-06-01",
    "high-tech-list": "true",
    "area": "8",
    "included": "true",
    "decision": "2407/QĐ-TTg",
    "core-land": "10",
    "core-land-leased": "8",
    "date": "2024-05-01",
    "issuer": "UBND tỉnh Thử Nghiệm",
    "addressee": "Thủ tướng Chính phủ",
    "certified-copy": "true",
    "operating": "true",
    "since": "2015-01-01",
    "met": "true",
    "where": "Chương I",
    "listed": "true",
    "financing": "enterprise-capital",
}


def fill(root):
    for el in root.iter():
        tag = el.tag
        for a, v in list(el.attrib.items()):
            if v != "":
                continue
            if a == "name":
                el.set(a, {"function": "rnd", "activity": "software"}[tag])
            elif a == "type" and tag == "zone":
                el.set(a, "it-production")
            elif a == "type" and tag == "approval":
                el.set(a, "investor")
            elif a == "number":
                el.set(a, "18/TTr-UBND")
            else:
                el.set(a, ATTR[a])
        if len(el) == 0 and (el.text is None or el.text.strip() == "") \
                and tag not in ("function", "covers", "document", "zone",
                                "master-plan", "park", "principle"):
            if tag == "total":
                el.text = "3600" if parent[el].tag == "workforce" else "15"
            elif tag in TEXT:
                el.text = TEXT[tag]


parent = {}


def check(exe, text):
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(text)
        path = f.name
    q = run([exe, "check", "--format", "json", path])
    os.unlink(path)
    return json.loads(q.stdout)["dossiers"][0], q.returncode


def status(d, rule):
    for r in d["results"]:
        if r["id"] == rule:
            return r["status"]
    return None


def drop(pattern):
    """A cut: the filled template with the rows matching pattern deleted,
    as a drafter deletes a line."""
    import re
    return lambda text: re.sub(pattern, "", text)


# Rows a drafter deletes, and what the rule that reads them must say: a
# list left with no row says nothing, never "none".
DELETIONS = [
    ("the only function row deleted", drop(r"<function [^>]*/>"),
     "art5.1-functions", "unknown"),
    ("the province park row deleted", drop(r"<park [^>]*/>"),
     "art9.1.c-province-parks", "unknown"),
    ("every subzone row deleted", drop(r"<zone [^>]*>[^<]*</zone>|<zone [^>]*/>"),
     "art7.1-core-zone", "unknown"),
]


# The valgrind lane runs parkcheck through a wrapper (tests/valgrind/wrap.sh).
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))


def run(cmd, **kw):
    return subprocess.run(WRAPPER + cmd, capture_output=True, text=True, timeout=60,
                          **kw)


def main():
    exe = sys.argv[1]
    results = []

    def ok(cond, what):
        results.append((bool(cond), what))

    for as_of, kinds in REGIMES:
      for kind in kinds:
        for lang in ("vi", "en"):
            p = run([exe, "template", "--kind", kind, "--lang", lang]
                    + (["--as-of", as_of] if as_of else []))
            ok(p.returncode == 0 and p.stdout.startswith("<?xml"),
               f"template {kind} {lang}: exit 0 and XML")
            try:
                root = ET.fromstring(p.stdout.encode("utf-8"))
            except ET.ParseError as e:
                ok(False, f"template {kind} {lang} parses: {e}")
                continue
            ok(root.get("kind") == kind, f"template {kind} {lang}: kind")
            # A blank submission date would pick no rules: the template
            # writes the day it is made (today, by default) to be corrected.
            import datetime
            ok(root.get("submitted") == (as_of or datetime.datetime.now(
                datetime.timezone.utc).date().isoformat()),
               f"template {kind} {lang}: submitted is today "
               f"({root.get('submitted')})")
            ok(p.stdout.count("<!--") >= 10,
               f"template {kind} {lang}: commented")
            ok(("Điều" if lang == "vi" else "Art.") in p.stdout,
               f"template {kind} {lang}: cites the decree in {lang}")
            if as_of is None:
                # Today's regime is provisional: the template says so, lists
                # what cannot be checked, and says how sure each provision
                # is in its comment.
                ok(("TẠM THỜI:" if lang == "vi" else "PROVISIONAL:")
                   in p.stdout, f"template {kind} {lang}: says provisional")
                # (an expansion reads only the Law's own conditions)
                ok((kind == "expansion" or ("chưa đối chiếu văn bản"
                    if lang == "vi" else "not yet checked against the text")
                    in p.stdout)
                   and ("theo văn bản chính thức" if lang == "vi"
                        else "from the official text") in p.stdout,
                   f"template {kind} {lang}: provenance in the comments")
                ok(("chưa kiểm tra được" if lang == "vi" else "not checked")
                   in p.stdout,
                   f"template {kind} {lang}: lists what is not checked")
            ok(("75000 (không ghi 75.000)" if lang == "vi"
                else "75000 (not 75.000)") in p.stdout
               and "2.500" in p.stdout and "15,47" in p.stdout,
               f"template {kind} {lang}: states how numbers are written")
            # Unfilled, checked as it is: a blank never decides. Nothing
            # passes or fails, no document counts as present, no figure is
            # read but the submission date the template writes.
            d, code = check(exe, p.stdout)
            ok(d["verdict"] == "incomplete" and code == 1,
               f"template {kind} {lang}: unfilled is incomplete "
               f"({d['verdict']}, exit {code})")
            ok(not d["errors"], f"template {kind} {lang}: unfilled has no "
               f"input error {[e['message'] for e in d['errors']][:2]}")
            decided = [r["id"] + ":" + r["status"] for r in d["results"]
                       if r["status"] not in ("unknown", "not-applicable")]
            ok(not decided, f"template {kind} {lang}: unfilled decides "
               f"nothing {decided[:5]}")
            read = [(r["id"], k) for r in d["results"]
                    for k, v in (r.get("values") or {}).items()
                    if v is not None and k != "submitted"]
            ok(not read, f"template {kind} {lang}: unfilled reads no "
               f"figure {read[:5]}")
            if lang != "en":
                continue
            parent.clear()
            for pe in root.iter():
                for c in pe:
                    parent[c] = pe
            fill(root)
            filled = ET.tostring(root, encoding="unicode")
            with tempfile.NamedTemporaryFile("w", suffix=".xml",
                                             delete=False) as f:
                f.write(filled)
                path = f.name
            q = run([exe, "check", "--format", "json", path])
            os.unlink(path)
            try:
                d = json.loads(q.stdout)["dossiers"][0]
            except (ValueError, IndexError, KeyError):
                ok(False, f"filled {kind}: JSON ({q.stderr.strip()})")
                continue
            deletions = DELETIONS if as_of else [
                ("the only function row deleted", drop(r"<function [^>]*/>"),
                 "l23.1.b-functions", "unknown")]
            for what, cut, rule, want in deletions:
                if rule == "l23.1.b-functions" and kind == "expansion":
                    continue
                if kind not in ("establishment", "recognition",
                                "master-plan-addition") and rule == "art5.1-functions":
                    continue
                if rule == "art9.1.c-province-parks" and kind != "establishment":
                    continue
                dd, _ = check(exe, cut(filled))
                st = status(dd, rule)
                ok(st == want, f"filled {kind}, {what}: {rule} {st}, "
                   f"expected {want}")
            problems = d["errors"] + d["warnings"]
            ok(not problems, f"filled {kind}: no input problem "
               f"{[x['message'] for x in problems][:3]}")
            bad = [r["id"] + ":" + r["status"] for r in d["results"]
                   if r["severity"] == "mandatory"
                   and r["status"] not in ("pass", "not-applicable")]
            ok(d["verdict"] == "eligible" and q.returncode == 0,
               f"filled {kind}: eligible ({d['verdict']}; {bad[:5]})")

    p = run([exe, "rules", "list", "--lang", "en"])
    ok(p.returncode == 0 and "art5.2-it-workers" in p.stdout
       and "Art. 5(2)" in p.stdout, "rules list names rules and citations")
    p = run([exe, "rules", "show", "art9.1.c-province-parks", "--lang", "vi"])
    ok(p.returncode == 0 and "Điều 9 khoản 1 điểm c" in p.stdout
       and "60%" in p.stdout and "01/01/2014" in p.stdout,
       "rules show gives citation, threshold and its date")
    p = run([exe, "rules", "show", "doc-scheme-necessity", "--lang", "en"])
    ok(p.returncode == 0 and "Art. 11(1)(b)" in p.stdout
       and "Art. 12(1)(b)" in p.stdout and "Art. 13(1)(a)" in p.stdout,
       "rules show lists the citation for each kind")
    p = run([exe, "rules", "show", "no-such-rule"])
    ok(p.returncode == 4 and "no rule" in p.stderr, "unknown rule: exit 4")
    p = run([exe, "template", "--kind", "new"])
    ok(p.returncode == 4 and "allowed are" in p.stderr,
       "unknown kind: exit 4 with the allowed kinds")
    p = run([exe, "template"])
    ok(p.returncode == 4, "template without --kind: exit 4")

    print(f"1..{len(results)}")
    for i, (good, what) in enumerate(results, 1):
        print(f"{'ok' if good else 'not ok'} {i} - {what}")
    failed = sum(1 for g, _ in results if not g)
    print(f"# {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
