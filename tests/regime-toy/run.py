#!/usr/bin/env python3
"""run.py PARKCHECK TOYDIR: a second legal regime, invented (a software
incubator programme, format.xml and toy.xml beside this file), is loaded
from its directory through --rules alone, and everything works for it:
check in every output format and both languages, template, rules list and
show. Its own kinds, units, labels, title and messages appear; no word of
the built-in regime (IT parks, Decree 154, hectares, people, its kinds)
does. TAP output."""
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PARKCHECK, TOY = sys.argv[1], sys.argv[2]
DOSSIERS = os.path.join(TOY, "dossiers")
FORMATS = ["text", "json", "html", "csv", "junit", "ndjson"]
LANGS = ["vi", "en"]

# Words of the built-in regime that must never show in the toy's reports.
FOREIGN = [r"công nghệ thông tin", r"CNTT", r"information technology",
           r"\bIT park", r"Decree", r"Nghị định", r"NĐ-CP", r"người",
           r"\bpeople\b", r"\bha\b", r"m²", r"tỷ đồng", r"billion",
           r"establishment", r"expansion", r"recognition",
           r"master-plan", r"thành lập", r"quy hoạch", r"nd154",
           r"Điều \d", r"\bArt\. \d", r"khoản"]
# For people's formats, the built-in regime's "park" words too (the
# machine formats keep their stable field names "park" and "province").
FOREIGN_PEOPLE = FOREIGN + [r"\bpark\b", r"\bPark\b", r"\bkhu\b", r"\bKhu\b",
                            r"Tỉnh"]

# What each language must say of the toy, by dossier.
OWN = {
    ("admitted", "vi"): ["cố vấn", "nghìn tín chỉ", "xin gia nhập chương trình",
                         "Vườn ươm Bến Nghé", "ĐƯỢC NHẬN VÀO CHƯƠNG TRÌNH",
                         "ĐỦ"],
    ("admitted", "en"): ["4 mentors", "1 desk ", "thousand credits",
                         "admission to the programme", "ADMITTED", "MET"],
    ("short", "vi"): ["còn thiếu 1 cố vấn", "còn thiếu 1 mét vuông",
                      "KHÔNG ĐƯỢC NHẬN", "THIẾU"],
    ("short", "en"): ["1 mentor short", "1 square metre short",
                      "NOT ADMITTED", "SHORT"],
}
EXIT = {"admitted": 0, "short": 2}

n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print(("ok" if cond else "not ok") + " %d - %s"
          % (n, " ".join(what.split())))
    sys.stdout.flush()


def run(*args):
    """Exit status, standard output (lines as wrapped for a terminal
    joined again) and standard error."""
    p = subprocess.run([PARKCHECK] + list(args), capture_output=True)
    out = re.sub(r"\n +", " ", p.stdout.decode("utf-8"))
    return p.returncode, out, p.stderr.decode("utf-8")


def foreign(text, people):
    for w in FOREIGN_PEOPLE if people else FOREIGN:
        m = re.search(w, text)
        if m:
            return "%r near %r" % (w, text[max(0, m.start() - 60):m.end() + 20])
    return None


for name in ("admitted", "short"):
    path = os.path.join(DOSSIERS, name + ".xml")
    for fmt in FORMATS:
        for lang in LANGS:
            rc, out, err = run("check", "--rules", TOY, "--format", fmt,
                               "--lang", lang, path)
            what = "%s %s %s" % (name, fmt, lang)
            ok(rc == EXIT[name], "%s: exit %d (want %d) %s"
               % (what, rc, EXIT[name], err.strip()[:200]))
            bad = foreign(out, fmt in ("text", "html"))
            ok(bad is None, "%s: no word of the built-in regime (%s)"
               % (what, bad))
            if fmt == "json":
                doc = json.loads(out)
                d = doc["dossiers"][0]
                ok(d["kind"] == "admission"
                   and doc["rulepacks"][0]["id"] == "toy-incubator",
                   what + ": the toy's kind and pack")
            elif fmt == "ndjson":
                ok(json.loads(out.splitlines()[0])["kind"] == "admission",
                   what + ": one line with the toy's kind")
            elif fmt == "junit":
                ET.fromstring(out)
                ok("toy-2.1-mentors" in out, what + ": a test case per rule")
            elif fmt == "csv":
                ok(name in out.splitlines()[1], what + ": a row")
            else:
                for w in OWN[(name, lang)]:
                    ok(w in out, "%s: says %r" % (what, w))
            if fmt == "html":
                legend = ("✓ đủ, ✗ thiếu, ? chưa biết, ! sai số liệu"
                          if lang == "vi" else
                          "✓ met, ✗ short, ? unknown, ! bad figure")
                ok(legend in out, what + ": the scorecard's marks in the "
                   "toy's words")
                ok('<th class="n">' + ("Thiếu" if lang == "vi" else "Short")
                   in out, what + ": the scorecard's columns in the toy's "
                   "words")
                title = ("Báo cáo thẩm định hồ sơ vườn ươm phần mềm"
                         if lang == "vi" else
                         "Software incubator applications: review report")
                ok("<title>" + title in out, what + ": the toy's title")
                ok(name == "short"
                   or ("<dt>Thành phố</dt>" if lang == "vi"
                       else "<dt>City</dt>") in out,
                   what + ": the toy's label of the place")
            if fmt == "text":
                ok(("Điều kiện của vườn ươm" if lang == "vi"
                    else "What the incubator meets") in out,
                   what + ": the toy's heading of the criteria")
            if fmt in ("text", "html"):
                # The toy cites its charter its own way: "Mục 2.1",
                # "Section 2.1", and heads its sections so.
                cite = "Mục 2.1" if lang == "vi" else "Section 2.1"
                ok(cite in out, "%s: cites as the toy does (%s)"
                   % (what, cite))
                head = "Mục 2" if lang == "vi" else "Section 2"
                ok(re.search(r"(^|>)\s*" + head + r"\b", out, re.M)
                   is not None, "%s: heads a section as the toy does (%s)"
                   % (what, head))
            if fmt == "json":
                texts = set(re.findall(r'"citation_text":"([^"]*)"', out))
                want = ({"Mục 2.1", "Mục 2.2", "Mục 2.3", "Mục 3.1",
                         "Mục 3.2"} if lang == "vi" else
                        {"Section 2.1", "Section 2.2", "Section 2.3",
                         "Section 3.1", "Section 3.2"})
                ok(texts == want, "%s: every citation as the toy writes it "
                   "(%s)" % (what, ", ".join(sorted(texts))))

# What changed from the short application to the admitted one: the
# toy's verdicts and the toy's words for a rule's status, in both
# languages and in HTML, and none of the built-in regime's.
for fmt in ("text", "html"):
    for lang in LANGS:
        rc, out, err = run("diff", "--rules", TOY, "--format", fmt,
                           "--lang", lang,
                           os.path.join(DOSSIERS, "short.xml"),
                           os.path.join(DOSSIERS, "admitted.xml"))
        what = "diff %s %s" % (fmt, lang)
        ok(rc == 0, "%s: exit %d (the new one admitted) %s"
           % (what, rc, err.strip()[:200]))
        arrow = " → " if fmt == "text" else "</td><td>"
        words = (["KHÔNG ĐƯỢC NHẬN", "ĐƯỢC NHẬN VÀO CHƯƠNG TRÌNH",
                  "thiếu" + arrow + "đủ"] if lang == "vi" else
                 ["NOT ADMITTED", "ADMITTED", "short" + arrow + "met"])
        for w in words:
            ok(w in out, "%s: says %r" % (what, w))
        bad = foreign(out, True)
        ok(bad is None, "%s: no word of the built-in regime (%s)"
           % (what, bad))

# Templates: the toy's kinds, its quantity's units, its note; checked back
# unfilled, a template reads as a dossier of the toy (nothing stated).
for kind in ("admission", "renewal"):
    for lang in LANGS:
        rc, out, err = run("template", "--rules", TOY, "--kind", kind,
                           "--lang", lang, "--as-of", "2024-03-01")
        what = "template %s %s" % (kind, lang)
        ok(rc == 0, "%s: exit %d %s" % (what, rc, err.strip()[:200]))
        ok(out.count("<application ") == 1, what + ": the toy's root")
        ok(kind == "renewal"
           or ("mét vuông; hoặc unit=\"sqdm\"" if lang == "vi"
               else "square metres; or unit=\"sqdm\"") in out,
           what + ": the floor in the toy's units")
        ok(("Danh sách giấy tờ" if lang == "vi" else "The list of papers")
           in out, what + ": the toy's note")
        bad = foreign(out, True)
        ok(bad is None, "%s: no word of the built-in regime (%s)"
           % (what, bad))
        with tempfile.NamedTemporaryFile("w", suffix=".xml",
                                         delete=False) as f:
            f.write(out)
        rc, cout, cerr = run("check", "--rules", TOY, "--lang", lang,
                             f.name)
        os.unlink(f.name)
        ok(rc in (1, 3), "%s: checked back, exit %d (incomplete or "
           "invalid, not unusable) %s" % (what, rc, cerr.strip()[:200]))

rc, out, err = run("template", "--rules", TOY, "--kind", "establishment")
ok(rc != 0 and "admission, renewal" in err,
   "a kind of the built-in regime is refused with the toy's kinds: " +
   err.strip()[:200])

# Rules: listed and described in the toy's words.
for lang in LANGS:
    rc, out, err = run("rules", "list", "--rules", TOY, "--lang", lang)
    ok(rc == 0 and len(re.findall(r"\btoy-[0-9]", out)) == 5,
       "rules list %s" % lang)
    for rule, says in (("toy-2.1-mentors", ("3 cố vấn", "3 mentors")),
                       ("toy-2.2-floor", ("120 mét vuông",
                                          "120 square metres"))):
        rc, out, err = run("rules", "show", rule, "--rules", TOY,
                           "--lang", lang)
        want = says[0] if lang == "vi" else says[1]
        ok(rc == 0 and want in out, "rules show %s %s says %r"
           % (rule, lang, want))
        bad = foreign(out, True)
        ok(bad is None, "rules show %s %s: no word of the built-in "
           "regime (%s)" % (rule, lang, bad))

# An application that does not say how many mentors it has: the reports
# ask for the figure in the toy's words ("the application"), never the
# built-in regime's ("the dossier").
with open(os.path.join(DOSSIERS, "admitted.xml"), encoding="utf-8") as f:
    unsaid = re.sub(r"\s*<mentors>[^<]*</mentors>", "", f.read())
with tempfile.NamedTemporaryFile("w", suffix=".xml", encoding="utf-8",
                                 delete=False) as f:
    f.write(unsaid)
try:
    for fmt in ("text", "html", "junit"):
        for lang in LANGS:
            rc, out, err = run("check", "--rules", TOY, "--format", fmt,
                               "--lang", lang, f.name)
            want = ("Cần bổ sung trong đơn" if lang == "vi"
                    else "Add to the application")
            ok(want in out and "trong hồ sơ" not in out
               and "Add to the dossier" not in out,
               "mentors unsaid %s %s: asks for it as the toy does (%r)"
               % (fmt, lang, want))
finally:
    os.unlink(f.name)

print("1..%d" % n)
sys.exit(1 if failed else 0)
