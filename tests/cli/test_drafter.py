#!/usr/bin/env python3
"""A provincial drafter's habits, end to end through the command line.

Usage: test_drafter.py PARKCHECK_BINARY

Takes `parkcheck template --kind establishment --lang vi`, fills it in the
way an official would, by editing the text (comments and layout kept), and
checks it: first as it should be (eligible), then with each habit people
bring from Word and Excel — thousands dots in m², a decimal comma, "2.400"
workers, curly quotes, a raw "&", a UTF-16 file from Notepad, a figure left
blank, a row deleted, a part larger than its whole. None of them may give a
confident verdict (eligible or not eligible) from a misread, impossible or
unstated figure, and each wrong one must get a Vietnamese message at a line
and column that says what to type.

Prints TAP; exits 1 on any failure. Standard library only.
"""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

# The valgrind lane runs parkcheck through a wrapper (tests/valgrind/wrap.sh).
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
results = []


def ok(cond, what):
    results.append((bool(cond), what))


def run(exe, args, data=None):
    return subprocess.run(WRAPPER + [exe] + args, input=data,
                          capture_output=True, timeout=120)


def sub(text, old, new):
    """Replaces exactly one occurrence, so a template change fails loudly."""
    if text.count(old) != 1:
        raise AssertionError("the template has %d of %r" % (text.count(old), old))
    return text.replace(old, new)


def fill(t):
    """The template filled in as a drafter would: values typed into the
    blanks, a second function and activity row copied from the first."""
    t = sub(t, "<name></name>", "<name>Khu CNTT tập trung Sông Mây</name>")
    t = sub(t, "<province></province>", "<province>Tỉnh Sông Mây</province>")
    t = sub(t, "<profile></profile>", "<profile>mixed</profile>")
    t = sub(t, '<function name=""/>',
            '<function name="rnd"/>\n    <function name="production"/>')
    t = sub(t, '<activity name="" high-tech-list=""></activity>',
            '<activity name="software"></activity>\n'
            '    <activity name="hardware" high-tech-list="true"></activity>')
    t = sub(t, "<it-specialists></it-specialists>",
            "<it-specialists>2400</it-specialists>")
    t = sub(t, "<total></total>", "<total>3600</total>")
    t = sub(t, '<total unit="ha"></total>', '<total unit="ha">15.47</total>')
    t = sub(t, '<construction unit="ha"></construction>',
            '<construction unit="ha">12.1</construction>')
    t = sub(t, '<building-footprint unit="ha"></building-footprint>',
            '<building-footprint unit="m2">46000</building-footprint>')
    t = sub(t, '<building-plots unit="ha"></building-plots>',
            '<building-plots unit="ha">12.1</building-plots>')
    t = sub(t, '<zone group="core" type="" area="" unit="ha"></zone>',
            '<zone group="core" type="it-production" area="7" unit="ha"></zone>')
    t = sub(t, '<master-plan included="" decision=""/>',
            '<master-plan included="true" decision="2407/QĐ-TTg"/>')
    t = sub(t, '<park core-land="" core-land-leased="" unit="ha"/>',
            '<park core-land="20" core-land-leased="14.5" unit="ha"/>')
    t = sub(t, '<document type="submission" number="" date="" issuer="" '
               'addressee=""></document>',
            '<document type="submission" number="18/TTr-UBND" '
            'date="2024-05-15" issuer="UBND tỉnh Sông Mây" '
            'addressee="Thủ tướng Chính phủ"></document>')
    t = sub(t, '<document type="scheme" date="">',
            '<document type="scheme" date="2024-05-15">')
    t = t.replace('where=""', 'where="Phần I"')
    t = sub(t, '<document type="eia-approval" date="" certified-copy="">',
            '<document type="eia-approval" date="2024-04-01" '
            'certified-copy="true">')
    t = sub(t, '<document type="eia-report" date="">',
            '<document type="eia-report" date="2024-04-01">')
    t = re.sub(r'submitted="\d{4}-\d{2}-\d{2}"', 'submitted="2024-06-01"', t)
    return t


def check(exe, data, lang="vi"):
    """The JSON report of one dossier given as bytes, and the exit code."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        p = run(exe, ["check", "--format", "json", "--lang", lang, path])
    finally:
        os.unlink(path)
    return json.loads(p.stdout.decode("utf-8"))["dossiers"][0], p.returncode


def statuses(d):
    return {r["id"]: r["status"] for r in d["results"]}


def habit(exe, name, text, want_verdicts, fix_words=(), unknown=(),
          encoding="utf-8"):
    """Checks a filled template with one habit applied: the verdict is one
    of want_verdicts, the rules in unknown are unknown, and when the
    dossier is wrong, an error in Vietnamese at a line and column contains
    each of fix_words (what to type)."""
    d, code = check(exe, text.encode(encoding))
    ok(d["verdict"] in want_verdicts,
       f"{name}: verdict {d['verdict']} (expected {' or '.join(want_verdicts)})")
    st = statuses(d)
    for rule in unknown:
        ok(st.get(rule) == "unknown",
           f"{name}: {rule} is unknown, not decided ({st.get(rule)})")
    if fix_words:
        errs = [e for e in d["errors"] if e.get("line", 0) > 0]
        ok(errs, f"{name}: an error with its line and column")
        text_vi = " | ".join(e["message"] for e in errs)
        for w in fix_words:
            ok(w in text_vi, f"{name}: the Vietnamese error says {w!r} "
               f"({text_vi[:160]})")
        # libxml2's own English never reaches a Vietnamese report
        for phrase in ("AttValue", "xmlParse", "expected '>'", "EntityRef",
                       "Opening and ending tag mismatch", "StartTag"):
            ok(phrase not in text_vi, f"{name}: no libxml2 wording ({phrase})")
    return d


def main():
    exe = sys.argv[1]
    # The habits are the same under any regime: the template of the last
    # day of Decree 154/2013 has the most figures to get wrong.
    p = run(exe, ["template", "--kind", "establishment", "--lang", "vi",
                  "--as-of", "2025-12-31"])
    ok(p.returncode == 0, "the Vietnamese template is written")
    template = p.stdout.decode("utf-8")
    good = fill(template)

    d, code = check(exe, good.encode("utf-8"))
    ok(d["verdict"] == "eligible" and code == 0,
       f"the template filled in properly is eligible ({d['verdict']}, "
       f"{[r['id'] for r in d['results'] if r['status'] not in ('pass', 'not-applicable')]})")
    ok(not d["errors"], f"… with no input error {d['errors'][:1]}")

    confident = ("eligible", "not-eligible")
    not_confident = ("invalid", "incomplete")

    # Thousands dots in m² (46.000 m² read as 46 m² would pass density).
    habit(exe, "footprint 46.000 m²",
          good.replace('unit="m2">46000<', 'unit="m2">46.000<'),
          ("invalid",), fix_words=("46000",))
    # A decimal comma in hectares.
    habit(exe, "land 15,47 ha",
          good.replace('<total unit="ha">15.47<', '<total unit="ha">15,47<'),
          ("invalid",), fix_words=("15.47",))
    # Thousands dots in a head count.
    habit(exe, "2.400 IT workers",
          good.replace("<it-specialists>2400<", "<it-specialists>2.400<"),
          ("invalid",), fix_words=("2400",))
    # Thousands dots in an attribute.
    habit(exe, "zone area 7.000 m²",
          good.replace('area="7" unit="ha"', 'area="7.000" unit="m2"'),
          ("invalid",), fix_words=("7000",))
    # Word's curly quotes around an attribute value.
    habit(exe, "curly quotes",
          good.replace('unit="m2">46000', 'unit=“m2”>46000'),
          ("invalid",), fix_words=('"',))
    # A raw ampersand in a name.
    habit(exe, "raw &",
          good.replace("Khu CNTT tập trung Sông Mây",
                       "Khu CNTT tập trung Sông Mây & Hòa Bình"),
          ("invalid",), fix_words=("&amp;",))
    # Saved as Unicode by Notepad: UTF-16 with a byte order mark, the
    # declaration changed accordingly; it reads as its UTF-8 twin.
    u16 = good.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    d16 = habit(exe, "UTF-16 from Notepad", u16, ("eligible",),
                encoding="utf-16")
    ok(statuses(d16) == statuses(d), "UTF-16: every result as in UTF-8")
    # A figure left blank: unknown, never zero.
    habit(exe, "IT workers left blank",
          good.replace("<it-specialists>2400<", "<it-specialists><"),
          not_confident, unknown=("art5.2-it-workers", "art5.2-it-share"))
    # The province park's row deleted, its list kept: not "none".
    habit(exe, "province park row deleted",
          re.sub(r'\s*<park core-land="20"[^>]*/>', "", good),
          not_confident, unknown=("art9.1.c-province-parks",))
    # Every function row deleted: unknown, not failed.
    habit(exe, "function rows deleted",
          re.sub(r'\s*<function name="[a-z]+"/>', "", good),
          not_confident, unknown=("art5.1-functions",))
    # A part larger than its whole: impossible, so refused.
    habit(exe, "2,500 IT workers of 2,000",
          good.replace("<it-specialists>2400<", "<it-specialists>2500<")
              .replace("<total>3600<", "<total>2000<"),
          ("invalid",), fix_words=("2.500", "2.000"))
    # An m² figure typed under unit="ha": a warning says so, in Vietnamese.
    d = habit(exe, "154700 under ha",
              good.replace('<total unit="ha">15.47<',
                           '<total unit="ha">154700<'),
              confident + not_confident)
    ok(any("m2" in w["message"] or "m²" in w["message"]
           for w in d["warnings"]),
       "154700 under ha: a warning points at m²")
    # ... and a reviewer's summary row says so, whatever the verdict.
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(good.replace('<total unit="ha">15.47<',
                             '<total unit="ha">154700<').encode("utf-8"))
        path = f.name
    try:
        page = run(exe, ["check", "--format", "summary", "--lang", "vi",
                         path]).stdout.decode("utf-8")
    finally:
        os.unlink(path)
    ok("Cảnh báo:" in page and "khó có thật" in page,
       "154700 under ha: the summary row carries the warning")

    # The template as it comes, every figure blank: warnings only, which
    # the report does not head "input errors"; with an error, it does.
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(template.encode("utf-8"))
        blank = f.name
    try:
        out = run(exe, ["check", "--lang", "vi", blank]).stdout.decode("utf-8")
        html = run(exe, ["check", "--lang", "vi", "--format", "html",
                         blank]).stdout.decode("utf-8")
    finally:
        os.unlink(blank)
    ok("Cảnh báo về dữ liệu đầu vào:" in out and "Lỗi đầu vào" not in out,
       "the blank template's warnings are headed as warnings (text)")
    ok("Cảnh báo về dữ liệu đầu vào</h3>" in html and
       "Lỗi đầu vào</h3>" not in html,
       "the blank template's warnings are headed as warnings (HTML)")
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(good.replace("<it-specialists>2400<",
                             "<it-specialists>2.400<").encode("utf-8"))
        wrong = f.name
    try:
        out = run(exe, ["check", "--lang", "vi", wrong]).stdout.decode("utf-8")
    finally:
        os.unlink(wrong)
    ok("Lỗi đầu vào" in out, "an input error is headed as an error")

    # Under the verdict, before the rule-by-rule list, what keeps the park
    # from qualifying: the criterion that fails with its shortfall, or
    # what the dossier does not say.
    for name, text, want in (
            ("1,999 IT workers",
             good.replace("<it-specialists>2400<", "<it-specialists>1999<"),
             "Không đạt: Điều 5 khoản 2: thiếu 1 người"),
            ("IT workers left blank",
             good.replace("<it-specialists>2400<", "<it-specialists><"),
             "Còn thiếu: ")):
        with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
            f.write(text.encode("utf-8"))
            path = f.name
        try:
            for fmt, rules_head in (("text", "\nTiêu chí, điều kiện"),
                                    ("html", "Tiêu chí, điều kiện")):
                out = run(exe, ["check", "--lang", "vi", "--format", fmt,
                                path]).stdout.decode("utf-8")
                at, rules = out.find(want), out.find(rules_head)
                ok(0 <= at < rules, f"{name}: '{want}' under the verdict, "
                   f"before the rules ({fmt})")
        finally:
            os.unlink(path)

    # A 2026 recognition, whose papers the pack cannot check yet (the
    # decree's list of documents is not known): the report never says
    # that nothing mandatory is missing without "among what was checked".
    example = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "..", "examples",
                           "digital-park-recognition-2026.xml")
    for lang, head, words in (("vi", "Hồ sơ còn thiếu",
                               "trong các mục đã kiểm tra"),
                              ("en", "What the dossier still lacks",
                               "among what was checked")):
        for fmt in ("text", "html"):
            p = run(exe, ["check", "--lang", lang, "--format", fmt, example])
            out = p.stdout.decode("utf-8")
            at = out.find(head)
            ok(at >= 0 and words in out[at:at + 300],
               f"2026 recognition, {fmt} in {lang}: 'nothing missing' is "
               f"said of what was checked ({out[at:at + 120]!r})")

    for i, (passed, what) in enumerate(results, 1):
        print(("ok %d - %s" if passed else "not ok %d - %s") % (i, what))
    print("1..%d" % len(results))
    return 0 if all(p for p, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
