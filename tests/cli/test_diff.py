#!/usr/bin/env python3
"""parkcheck diff OLD NEW on pairs made from a conformance case.

Usage: test_diff.py PARKCHECK_BINARY SOURCE_ROOT

The base is tests/cases/baseline-mixed-park-eligible; each pair changes
it one way: nothing, one fact, a document added, the kind, the date (so
the rules are taken as of another day), a broken new version. Each is
checked in text (vi and en), JSON and HTML, and the exit status is the
new version's verdict. Prints each test, then "N passed, M failed";
exits 1 on any failure. Standard library only.
"""

import html.parser
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

PARKCHECK = None
ROOT = None
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
BASE = os.path.join("tests", "cases", "baseline-mixed-park-eligible",
                    "dossier.xml")


def run(args):
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    return subprocess.run(WRAPPER + [PARKCHECK, "diff"] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=120, env=env)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


class Diff(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="parkcheck-diff-")
        with open(os.path.join(ROOT, BASE), encoding="utf-8") as f:
            cls.base_text = f.read()
        cls.base = cls.write("base.xml", cls.base_text)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def write(cls, name, text):
        path = os.path.join(cls.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def variant(self, name, old, new):
        self.assertIn(old, self.base_text)
        return self.write(name, self.base_text.replace(old, new, 1))

    def json_of(self, old, new):
        proc = run(["--format", "json", old, new])
        return proc.returncode, json.loads(proc.stdout.decode("utf-8"))

    def test_same(self):
        status, d = self.json_of(self.base, self.base)
        self.assertEqual(status, 0)
        self.assertEqual(d["facts"], [])
        self.assertEqual(d["rules"], [])
        self.assertEqual(d["old"]["verdict"], d["new"]["verdict"])
        self.assertFalse(d["regime_changed"] or d["date_changed"])
        for lang, none in (("vi", "Số liệu đã đổi: không có"),
                           ("en", "Facts that changed: none")):
            proc = run(["--lang", lang, self.base, self.base])
            self.assertIn(none, proc.stdout.decode("utf-8"))

    def test_one_fact_changed(self):
        text = self.base_text
        start = text.index("<it-specialists>") + len("<it-specialists>")
        end = text.index("</it-specialists>")
        new = self.write("fewer.xml", text[:start] + "1999" + text[end:])
        status, d = self.json_of(self.base, new)
        self.assertEqual(status, 2)  # the new verdict: not eligible
        self.assertEqual(d["old"]["verdict"], "eligible")
        self.assertEqual(d["new"]["verdict"], "not-eligible")
        ids = [f["id"] for f in d["facts"]]
        self.assertEqual(ids, ["it_workers"])
        f = d["facts"][0]
        self.assertEqual(f["new"], 1999)
        self.assertEqual(f["location"], "/dossier/workforce/it-specialists")
        rule = [r for r in d["rules"] if r["id"] == "art5.2-it-workers"]
        self.assertEqual(len(rule), 1)
        self.assertEqual((rule[0]["old"], rule[0]["new"]), ("pass", "fail"))
        self.assertIn("1,999", rule[0]["message"])
        proc = run(["--lang", "vi", self.base, new])
        out = proc.stdout.decode("utf-8")
        self.assertIn("ĐỦ ĐIỀU KIỆN → KHÔNG ĐỦ ĐIỀU KIỆN", out)
        self.assertIn("→ 1.999 người", out)
        self.assertIn("tại <it-specialists> trong <workforce>", out)
        self.assertIn("Điều 5 khoản 2", out)
        self.assertIn("đạt → không đạt", out)

    def test_yes_no_changed(self):
        # A yes/no of the dossier read as a list of the answers given
        # (whether the hardware is on the high-tech lists): said in words,
        # as the reports say a yes/no, in every language and format; JSON
        # keeps the values as the dossier gives them.
        new = self.variant("off-list.xml", 'high-tech-list="true"',
                           'high-tech-list="false"')
        status, d = self.json_of(self.base, new)
        facts = {f["id"]: f for f in d["facts"]}
        self.assertIn("hardware_on_list", facts, d["facts"])
        f = facts["hardware_on_list"]
        # a set of answers, an array as the report's JSON writes it
        self.assertEqual((f["old"], f["new"]), (["true"], ["false"]))
        self.assertEqual((f["old_text"], f["new_text"]), ("yes", "no"))
        for lang, words in (("vi", "có → không"), ("en", "yes → no")):
            proc = run(["--lang", lang, self.base, new])
            out = proc.stdout.decode("utf-8")
            line = [l for l in out.splitlines()
                    if l.endswith(": " + words)]
            self.assertEqual(len(line), 1, out)
            self.assertNotIn("true", out)
            self.assertNotIn("false", out)
        proc = run(["--format", "html", "--lang", "vi", self.base, new])
        page = Page()
        page.feed(proc.stdout.decode("utf-8"))
        cells = [t.strip() for t in page.text]
        self.assertIn("có", cells)
        self.assertIn("không", cells)
        self.assertNotIn("true", cells)
        self.assertNotIn("false", cells)

    def test_rule_stops_applying(self):
        # Out of the master plan: the rule that read the plan's decision
        # no longer applies, but the dossier still gives the decision,
        # unchanged; only what did change is listed.
        new = self.variant("out-of-plan.xml",
                           '<master-plan included="true"',
                           '<master-plan included="false"')
        status, d = self.json_of(self.base, new)
        ids = [f["id"] for f in d["facts"]]
        self.assertIn("master_plan_included", ids, d["facts"])
        self.assertNotIn("master_plan_decision", ids, d["facts"])
        self.assertTrue(any(r["new"] == "not-applicable" for r in d["rules"]),
                        d["rules"])
        for lang in ("vi", "en"):
            out = run(["--lang", lang, self.base, new]).stdout.decode("utf-8")
            self.assertNotIn("2407/QĐ-TTg", out)
        # and when it changes too, the new value is the dossier's, not
        # "not stated"
        both = self.variant("out-of-plan-other.xml",
                            '<master-plan included="true" decision="2407/QĐ-TTg"',
                            '<master-plan included="false" decision="1755/QĐ-TTg"')
        status, d = self.json_of(self.base, both)
        facts = {f["id"]: f for f in d["facts"]}
        self.assertIn("master_plan_decision", facts, d["facts"])
        f = facts["master_plan_decision"]
        self.assertEqual((f["old"], f["new"]), ("2407/QĐ-TTg", "1755/QĐ-TTg"))
        self.assertIn("1755/QĐ-TTg", f["new_text"])

    def test_sets_as_the_report_writes_them(self):
        # A fact's old and new values are typed as the JSON report types
        # a result's values: a set is an array of its names.
        new = self.variant("no-map.xml", '<covers topic="planning-map"/>',
                           '')
        status, d = self.json_of(self.base, new)
        report = json.loads(subprocess.run(
            WRAPPER + [PARKCHECK, "check", "--format", "json", new],
            stdout=subprocess.PIPE, timeout=120).stdout.decode("utf-8"))
        values = {}
        for r in report["dossiers"][0]["results"]:
            values.update(r["values"])
        sets = [f for f in d["facts"] if isinstance(f["new"], list)]
        self.assertTrue(sets, d["facts"])
        for f in sets:
            if f["id"] in values:
                self.assertEqual(f["new"], values[f["id"]], f)

    def test_document_added(self):
        line = '    <document type="eia-report" date="2024-06-01"/>\n'
        old = self.variant("no-eia.xml", line, "")
        status, d = self.json_of(old, self.base)
        self.assertEqual(status, 0)
        self.assertNotEqual(d["old"]["verdict"], "eligible")
        self.assertTrue(any(r["id"] == "doc-eia-report"
                            and r["new"] == "pass" for r in d["rules"]),
                        d["rules"])
        self.assertTrue(d["facts"], "the documents read are a fact")

    def test_kind_changed(self):
        new = self.variant("expansion.xml", 'kind="establishment"',
                           'kind="expansion"')
        status, d = self.json_of(self.base, new)
        self.assertIn(status, (1, 2, 3))
        self.assertTrue(any(r["old"] == "not-applicable"
                            or r["new"] == "not-applicable"
                            for r in d["rules"]), d["rules"])

    def test_date_changed(self):
        new = self.variant("later.xml", 'submitted="2024-06-01"',
                           'submitted="2024-07-01"')
        status, d = self.json_of(self.base, new)
        self.assertTrue(d["date_changed"])
        proc = run(["--lang", "en", self.base, new])
        self.assertIn("checked as of different dates",
                      proc.stdout.decode("utf-8"))

    def test_new_invalid(self):
        new = self.write("broken.xml", '<dossier format="1" kind=')
        status, d = self.json_of(self.base, new)
        self.assertEqual(status, 3)
        self.assertEqual(d["new"]["verdict"], "invalid")
        proc = run(["--lang", "en", self.base, new])
        self.assertIn("ELIGIBLE → INVALID", proc.stdout.decode("utf-8"))

    def test_new_unreadable(self):
        # A file that cannot be read, or an empty one, is said to be so,
        # and nothing it lacks is listed as a change.
        empty = self.write("empty.xml", "")
        missing = os.path.join(self.tmp, "no-such-file.xml")
        for new, why_en, why_vi in (
                (missing, "no such file", "không có tệp này"),
                (empty, "the file is empty", "")):
            status, d = self.json_of(self.base, new)
            self.assertEqual(status, 3)
            self.assertIsNone(d["old"]["not_checked"])
            self.assertIn(why_en, d["new"]["not_checked"])
            self.assertEqual(d["facts"], [])
            self.assertEqual(d["rules"], [])
            en = run(["--lang", "en", self.base, new]).stdout.decode("utf-8")
            self.assertIn("The new version could not be checked: ", en)
            self.assertIn(why_en, en)
            self.assertNotIn("not stated", en)
            self.assertNotIn("different rules", en)
            self.assertIn("Facts that changed: not compared", en)
            vi = run(["--lang", "vi", self.base, new]).stdout.decode("utf-8")
            self.assertIn("Bản mới chưa kiểm tra được: ", vi)
            self.assertIn(why_vi, vi)
            self.assertNotIn("(cannot open", vi)
            page = run(["--format", "html", "--lang", "en", self.base,
                        new]).stdout.decode("utf-8")
            self.assertIn("The new version could not be checked", page)

    def test_regime_changed(self):
        # The same dossier a day into Law 71: the packs name their facts
        # differently, and a fact only one of them reads is not compared,
        # never "→ not stated" while the dossier still states it.
        new = self.variant("2026.xml", 'submitted="2024-06-01"',
                           'submitted="2026-02-01"')
        status, d = self.json_of(self.base, new)
        self.assertTrue(d["regime_changed"])
        for f in d["facts"]:
            self.assertIsNotNone(f["old"], f)
            self.assertIsNotNone(f["new"], f)
        en = run(["--lang", "en", self.base, new]).stdout.decode("utf-8")
        self.assertNotIn("→ not stated", en)
        self.assertIn("only the facts both sets of rules read are compared",
                      en)

    def test_html(self):
        text = self.base_text
        start = text.index("<it-specialists>") + len("<it-specialists>")
        end = text.index("</it-specialists>")
        new = self.write("fewer-html.xml", text[:start] + "1999" + text[end:])
        proc = run(["--format", "html", "--lang", "en", self.base, new])
        self.assertEqual(proc.returncode, 2)
        page = Page()
        page.feed(proc.stdout.decode("utf-8"))
        self.assertNotIn("script", page.tags)
        self.assertEqual(page.tags.count("table"), 2)
        words = " ".join(page.text)
        self.assertIn("Number of workers doing IT-specialist work", words)
        self.assertIn("1,999 people", words)

    def test_usage(self):
        self.assertEqual(run([self.base]).returncode, 4)
        self.assertEqual(run(["--format", "csv", self.base, self.base])
                         .returncode, 4)
        proc = run(["--help"])
        self.assertEqual(proc.returncode, 0)
        self.assertIn(b"OLD NEW", proc.stdout)


def main(argv):
    global PARKCHECK, ROOT
    if len(argv) != 3:
        sys.stderr.write("usage: test_diff.py PARKCHECK_BINARY SOURCE_ROOT\n")
        return 2
    PARKCHECK = os.path.abspath(argv[1])
    ROOT = os.path.abspath(argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
