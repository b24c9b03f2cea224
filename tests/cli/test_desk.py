#!/usr/bin/env python3
"""The reviewer's desk on the command line: a report per dossier in a
directory (--output-dir) with hostile input names, and choosing which
verdicts to see (--only) in every format.

Usage: test_desk.py PARKCHECK_BINARY SOURCE_ROOT

Prints each test, then "N passed, M failed"; exits 1 on any failure.
Standard library only.
"""

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import xml.dom.minidom

PARKCHECK = None
ROOT = None
TIMEOUT = 120
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
VERDICTS = ("eligible", "incomplete", "needs-ruling", "not-eligible",
            "invalid")


def run(args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    return subprocess.run(WRAPPER + [PARKCHECK] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=TIMEOUT, env=env, cwd=cwd)


def example(name):
    with open(os.path.join(ROOT, "examples", name), "rb") as f:
        return f.read()


def all_files(top):
    """Every path under top (bytes), relative to it."""
    found = []
    for dirpath, dirs, files in os.walk(top):
        for name in dirs + files:
            found.append(os.path.relpath(os.path.join(dirpath, name), top))
    return sorted(found)


class OutputDir(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="parkcheck-desk-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def submissions(self):
        """A directory of submissions with hostile names, and the list of
        paths to give (one of them outside it, as ../x.xml)."""
        sub = os.path.join(self.tmp, "in", "sub")
        os.makedirs(sub)
        near = example("near-miss.xml")
        ok = example("complete-eligible.xml")
        names = [
            b"Tinh-A.xml", b"tinh-a.xml", b"TINH-A.XML",   # only case differs
            # only the case of Vietnamese letters differs: Latin-1 (Á Ò),
            # Latin Extended-A (Đ), -B (Ơ Ư) and Extended Additional (Ầ)
            "Đà Nẵng.xml".encode("utf-8"), "đà nẵng.xml".encode("utf-8"),
            "ĐỒNG NAI.xml".encode("utf-8"), "đồng nai.xml".encode("utf-8"),
            "KHÁNH HÒA.xml".encode("utf-8"), "khánh hòa.xml".encode("utf-8"),
            "CẦN THƠ.xml".encode("utf-8"), "Cần Thơ.xml".encode("utf-8"),
            "HƯNG YÊN.xml".encode("utf-8"), "hưng yên.xml".encode("utf-8"),
            b"\xff\xfe bad \xc3(.xml",                     # not UTF-8
            "Bình Dương.xml".encode("utf-8"),              # UTF-8 kept
            b"x" * 240 + b".xml",                          # very long
            b"summary.xml",                                # the summary's name
            b".hidden.xml", b"CON.xml",
            b"a%2F..%2Fb&<script>.xml",
            b"rtl\xe2\x80\xaegpj.xml",                     # a bidi override
        ]
        paths = []
        for i, n in enumerate(names):
            p = os.path.join(os.fsencode(sub), n)
            with open(p, "wb") as f:
                f.write(near if i % 2 else ok)
            paths.append(p)
        outside = os.path.join(self.tmp, "in", "x.xml")
        with open(outside, "wb") as f:
            f.write(near)
        # ../x.xml from inside sub, and a second x.xml: a collision.
        paths.append(b"../x.xml")
        with open(os.path.join(sub, "x.xml"), "wb") as f:
            f.write(ok)
        paths.append(os.path.join(os.fsencode(sub), b"x.xml"))
        return sub, paths

    def test_hostile_names(self):
        sub, paths = self.submissions()
        out = os.path.join(self.tmp, "out")
        proc = run(["check", "--output-dir", out, "--format",
                    "html,json,csv", "--jobs", "2"] + paths, cwd=sub)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertEqual(proc.stdout, b"")
        files = os.listdir(os.fsencode(out))
        # Nothing outside DIR: only plain files, no subdirectory, no link.
        for f in files:
            p = os.path.join(os.fsencode(out), f)
            self.assertTrue(os.path.isfile(p) and not os.path.islink(p), f)
            self.assertNotIn(b"/", f)
            self.assertFalse(f.startswith(b"."), f)
            self.assertLessEqual(len(f), 120, f)
            f.decode("utf-8")  # every name is UTF-8
        self.assertEqual(sorted(os.listdir(os.path.join(self.tmp, "in"))),
                         ["sub", "x.xml"])
        # A report per dossier and format, and the summary.
        self.assertEqual(len(files), 3 * len(paths) + 1, sorted(files))
        self.assertIn(b"summary.html", files)
        stems = {f.rsplit(b".", 1)[0] for f in files if f.endswith(b".json")}
        self.assertEqual(len(stems), len(paths))
        # Names that differ only in case are kept apart whatever the case,
        # in any letter.
        folded = [s.decode("utf-8").casefold() for s in stems]
        self.assertEqual(len(set(folded)), len(folded), sorted(stems))
        self.assertIn(b"Tinh-A", stems)
        self.assertIn(b"tinh-a-2", stems)
        self.assertIn(b"TINH-A-3", stems)
        for first, second in (("Đà_Nẵng", "đà_nẵng-2"),
                              ("ĐỒNG_NAI", "đồng_nai-2"),
                              ("KHÁNH_HÒA", "khánh_hòa-2"),
                              ("CẦN_THƠ", "Cần_Thơ-2"),
                              ("HƯNG_YÊN", "hưng_yên-2")):
            self.assertIn(first.encode("utf-8"), stems)
            self.assertIn(second.encode("utf-8"), stems)
        self.assertIn("Bình_Dương".encode("utf-8"), stems)
        self.assertIn(b"summary-2", stems)
        self.assertIn(b"_CON", stems)
        self.assertIn(b"_hidden", stems)
        self.assertIn(b"x", stems)
        self.assertIn(b"x-2", stems)
        # Each dossier's JSON is its own report, of its own file.
        sources = set()
        for f in files:
            if f.endswith(b".json"):
                with open(os.path.join(os.fsencode(out), f), "rb") as fp:
                    doc = json.load(fp)
                self.assertEqual(len(doc["dossiers"]), 1)
                sources.add(doc["dossiers"][0]["file"])
        self.assertEqual(len(sources), len(paths))
        # The summary links every row to an existing report.
        with open(os.path.join(out, "summary.html"), encoding="utf-8") as f:
            page = f.read()
        links = re.findall(r'<a href="([^"]*)"', page)
        self.assertEqual(len(links), len(paths))
        from urllib.parse import unquote_to_bytes
        for href in links:
            self.assertNotIn("/", href)
            target = os.path.join(os.fsencode(out), unquote_to_bytes(href))
            self.assertTrue(os.path.isfile(target), href)
            self.assertTrue(href.endswith(".html"), href)
        self.assertNotIn("<script", page)

    def reports_by_file(self, out):
        """{report stem: the input file its JSON report is of}."""
        found = {}
        for f in os.listdir(out):
            if f.endswith(".json"):
                with open(os.path.join(out, f), "rb") as fp:
                    doc = json.load(fp)
                found[f[:-len(".json")]] = doc["dossiers"][0]["file"]
        return found

    def test_a_name_is_never_another_inputs(self):
        # A name an input derives on its own is that input's: a suffix
        # given to tell two inputs apart never makes it, before or after
        # names are cut to 80 bytes; and an uncut name beats a cut one.
        x = "x" * 80
        groups = {
            "b5": (["a/hoso.xml", "b/hoso.xml", "c/hoso-2.xml"],
                   {"hoso": "a/hoso.xml", "hoso-2": "c/hoso-2.xml",
                    "hoso-3": "b/hoso.xml"}),
            "long": ([x + ".xml", x + "-2.xml"],
                     {x: x + ".xml", x + "-2": x + "-2.xml"}),
            "cut": ([x + "-2.xml", x + "-3.xml"],
                    {x: x + "-2.xml", x + "-3": x + "-3.xml"}),
            "case": (["A/Hoso.xml", "B/hoso.xml", "C/HOSO-2.xml"],
                     {"Hoso": "A/Hoso.xml", "HOSO-2": "C/HOSO-2.xml",
                      "hoso-3": "B/hoso.xml"}),
            "summary": (["a/summary.xml", "b/summary-2.xml"],
                        {"summary-2": "b/summary-2.xml",
                         "summary-3": "a/summary.xml"}),
        }
        near = example("near-miss.xml")
        for top, (names, expected) in groups.items():
            src = os.path.join(self.tmp, top)
            for n in names:
                os.makedirs(os.path.dirname(os.path.join(src, n)),
                            exist_ok=True)
                with open(os.path.join(src, n), "wb") as f:
                    f.write(near)
            for jobs in ("1", "2"):
                out = os.path.join(self.tmp, "out-%s-%s" % (top, jobs))
                proc = run(["check", "--format", "html,json", "--jobs", jobs,
                            "--output-dir", out, src])
                self.assertEqual(proc.returncode, 2, proc.stderr)
                got = self.reports_by_file(out)
                self.assertEqual(
                    got, {k: os.path.join(src, v)
                          for k, v in expected.items()}, top)
                # The summary's row of each file links to its report.
                with open(os.path.join(out, "summary.html"),
                          encoding="utf-8") as f:
                    page = f.read()
                rows = re.findall(r'<a href="([^"]*)\.html">.*?<code>'
                                  r'([^<]*)</code>', page)
                self.assertEqual(sorted((got[h], h) for h, _ in rows),
                                 sorted((f, h) for h, f in rows), top)

    def test_a_file_that_cannot_be_made_stops_nothing(self):
        # Another process makes b.html in DIR while the batch runs: that
        # one file cannot be made. The batch goes on: b's other format,
        # the reports after it and the summary are written, the summary
        # says which report is missing, the reason is on stderr in the
        # reader's language, and the exit status is 3.
        src = os.path.join(self.tmp, "src")
        os.mkdir(src)
        for n, ex in (("a.xml", "complete-eligible.xml"),
                      ("b.xml", "near-miss.xml"),
                      ("c.xml", "complete-eligible.xml")):
            with open(os.path.join(src, n), "wb") as f:
                f.write(example(ex))
        said = {"en": ("parkcheck: cannot create %s/b.html: File exists\n",
                       "Report not written: b.html (File exists)",
                       "parkcheck: wrote the reports of 3 dossiers and the "
                       "summary %s/summary.html\n"
                       "parkcheck: the report of 1 dossier could not be "
                       "written in full (above, and in the summary)\n"),
                "vi": ("parkcheck: không tạo được tệp %s/b.html: File "
                       "exists\n",
                       "Không ghi được báo cáo: b.html (File exists)",
                       "parkcheck: đã ghi báo cáo của 3 hồ sơ và bản tổng "
                       "hợp %s/summary.html\n"
                       "parkcheck: không ghi được đầy đủ báo cáo của 1 hồ "
                       "sơ (đã nêu ở trên và trong bản tổng hợp)\n")}
        for lang, (line, note, closing) in said.items():
            out = os.path.join(self.tmp, "out-" + lang)
            env = {k: v for k, v in os.environ.items()
                   if k not in LOCALE_VARS}
            # Standard input is read when its turn comes: the batch waits
            # there, after a's files, until the intruder is in place.
            proc = subprocess.Popen(
                WRAPPER + [PARKCHECK, "check", "--jobs", "1", "--lang", lang,
                           "--format", "html,json", "--output-dir", out,
                           os.path.join(src, "a.xml"), "-",
                           os.path.join(src, "b.xml"),
                           os.path.join(src, "c.xml")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, env=env)
            for _ in range(TIMEOUT * 20):
                if os.path.exists(os.path.join(out, "a.json")):
                    break
                time.sleep(0.05)
            with open(os.path.join(out, "b.html"), "w") as f:
                f.write("intruder")
            stdout, stderr = proc.communicate(example("near-miss.xml"),
                                              timeout=TIMEOUT)
            err = stderr.decode("utf-8")
            self.assertEqual(proc.returncode, 3, err)
            self.assertEqual(stdout, b"")
            self.assertEqual(err, line % out + closing % out)
            with open(os.path.join(out, "b.html")) as f:
                self.assertEqual(f.read(), "intruder")
            self.assertEqual(sorted(os.listdir(out)),
                             ["_stdin_.html", "_stdin_.json", "a.html",
                              "a.json", "b.html", "b.json", "c.html",
                              "c.json", "summary.html"])
            self.assertEqual(self.reports_by_file(out)["c"],
                             os.path.join(src, "c.xml"))
            with open(os.path.join(out, "summary.html"),
                      encoding="utf-8") as f:
                page = f.read()
            # b's row links to the report it has, and says which it lacks.
            rows = re.findall(r"<tr><td class=\"n\">.*?</tr>", page)
            self.assertEqual(len(rows), 4)
            row, = [r for r in rows if "/b.xml</code>" in r]
            self.assertIn('<a href="b.json">', row)
            self.assertIn(note, row)
            self.assertEqual(page.count(note), 1)

    def test_never_overwrites(self):
        out = os.path.join(self.tmp, "out")
        os.mkdir(out)
        with open(os.path.join(out, "old.txt"), "w") as f:
            f.write("keep me")
        proc = run(["check", "--output-dir", out,
                    os.path.join(ROOT, "examples", "near-miss.xml")])
        self.assertEqual(proc.returncode, 4)
        self.assertIn(b"not empty", proc.stderr)
        self.assertEqual(os.listdir(out), ["old.txt"])

    def test_closing_line(self):
        # What is said on stderr when the files are written: one dossier
        # is one, in English; Vietnamese has no plural.
        ex = [os.path.join(ROOT, "examples", n)
              for n in ("near-miss.xml", "complete-eligible.xml")]
        for lang, n, line in (
                ("en", 1, "parkcheck: wrote the report of 1 dossier and the "
                          "summary %s/summary.html\n"),
                ("en", 2, "parkcheck: wrote the reports of 2 dossiers and "
                          "the summary %s/summary.html\n"),
                ("vi", 1, "parkcheck: đã ghi báo cáo của 1 hồ sơ và bản "
                          "tổng hợp %s/summary.html\n"),
                ("vi", 2, "parkcheck: đã ghi báo cáo của 2 hồ sơ và bản "
                          "tổng hợp %s/summary.html\n")):
            out = os.path.join(self.tmp, "out-%s-%d" % (lang, n))
            proc = run(["check", "--lang", lang, "--output-dir", out]
                       + ex[:n])
            self.assertEqual(proc.stderr.decode("utf-8"), line % out)

    def test_usage(self):
        ex = os.path.join(ROOT, "examples", "near-miss.xml")
        proc = run(["check", "--format", "html,json", ex])
        self.assertEqual(proc.returncode, 4)
        self.assertIn(b"--output-dir", proc.stderr)
        proc = run(["check", "--output-dir", os.path.join(self.tmp, "o"),
                    "--format", "summary", ex])
        self.assertEqual(proc.returncode, 4)
        proc = run(["check", "--only", "bad", ex])
        self.assertEqual(proc.returncode, 4)
        self.assertIn(b"unknown verdict", proc.stderr)


class Order(unittest.TestCase):
    """Within a verdict, the summary and the workbook sort the parks as
    the reader's alphabet does: in Vietnamese Đ comes after D and before
    E, a letter with a tone after it, whatever the bytes say."""

    def test_vietnamese_alphabet(self):
        tmp = tempfile.mkdtemp(prefix="parkcheck-order-")
        self.addCleanup(shutil.rmtree, tmp, True)
        text = example("complete-eligible.xml").decode("utf-8")
        name = re.search(r"<name>([^<]*)</name>", text).group(1)
        names = ["Khu Đồi", "Khu Zét", "Khu Dốc", "Khu Én", "Khu Ấp", "Khu Anh"]
        for i, n in enumerate(names):
            with open(os.path.join(tmp, "d%d.xml" % i), "w",
                      encoding="utf-8") as f:
                f.write(text.replace("<name>%s</name>" % name,
                                     "<name>%s</name>" % n, 1))
        page = run(["check", "--format", "summary", "--lang", "vi",
                    tmp]).stdout.decode("utf-8")
        at = [page.find(n + " ") for n in names]
        self.assertTrue(all(a >= 0 for a in at), at)
        got = [n for _, n in sorted(zip(at, names))]
        self.assertEqual(got, ["Khu Anh", "Khu Ấp", "Khu Dốc", "Khu Đồi",
                               "Khu Én", "Khu Zét"])


class Only(unittest.TestCase):
    """--only in every format: the dossiers shown are those asked for;
    the exit status is still the batch's worst."""

    def batch(self):
        ex = os.path.join(ROOT, "examples")
        return [os.path.join(ex, n) for n in
                ("complete-eligible.xml", "near-miss.xml", "yen-binh.xml",
                 "expansion-near-miss.xml")]

    def shown(self, fmt, out):
        text = out.decode("utf-8-sig")
        if fmt == "json":
            return sorted(d["verdict"] for d in json.loads(text)["dossiers"])
        if fmt == "ndjson":
            return sorted(json.loads(l)["verdict"] for l in text.splitlines())
        if fmt == "csv":
            return sorted(r["verdict"] for r in csv.DictReader(io.StringIO(text)))
        if fmt == "junit":
            doc = xml.dom.minidom.parseString(out)
            return len(doc.getElementsByTagName("testsuite"))
        if fmt in ("html", "summary"):
            return len(re.findall(r'class="(?:vtag|v) v-not-eligible"', text))
        return len(re.findall(r"(?m)^== .*\.xml ==$", text))

    def test_every_format(self):
        for fmt in ("text", "json", "html", "csv", "junit", "ndjson",
                    "summary"):
            proc = run(["check", "--format", fmt, "--only", "not-eligible",
                        "--lang", "en"] + self.batch())
            self.assertEqual(proc.returncode, 2, (fmt, proc.stderr))
            got = self.shown(fmt, proc.stdout)
            if fmt in ("json", "ndjson", "csv"):
                self.assertEqual(got, ["not-eligible", "not-eligible"], fmt)
            elif fmt == "text":
                self.assertEqual(got, 2, fmt)
            elif fmt == "junit":
                self.assertEqual(got, 2, fmt)
            else:
                self.assertGreaterEqual(got, 2, fmt)
                self.assertNotIn(b"yen-binh", proc.stdout, fmt)
                self.assertNotIn(b"complete-eligible", proc.stdout, fmt)

    def test_totals_are_the_batch(self):
        # The batch: 1 eligible, 1 incomplete, 2 not eligible. What closes
        # a report counts them all, and says how many are shown and which
        # verdicts were left out, in both languages; without --only it
        # reads as before.
        said = {
            "en": ("4 dossiers checked, 2 shown (left out: Eligible, "
                   "Incomplete)",
                   ["Eligible: 1", "Incomplete: 1", "Not eligible: 2"]),
            "vi": ("4 hồ sơ đã kiểm tra, hiển thị 2 (không hiển thị: Đủ "
                   "điều kiện, Hồ sơ chưa đầy đủ)",
                   ["Đủ điều kiện: 1", "Hồ sơ chưa đầy đủ: 1",
                    "Không đủ điều kiện: 2"]),
        }
        for lang, (head, counts) in said.items():
            for fmt in ("text", "html", "summary"):
                proc = run(["check", "--format", fmt, "--only",
                            "not-eligible", "--lang", lang] + self.batch())
                self.assertEqual(proc.returncode, 2, (fmt, proc.stderr))
                out = proc.stdout.decode("utf-8")
                words = re.sub(r"<[^>]*>", "", out)
                self.assertIn(head, words, (lang, fmt))
                for c in counts:
                    self.assertIn(c, words, (lang, fmt))
                if fmt == "text":
                    self.assertEqual(out.splitlines()[-2],
                                     "== %s %s ==" % (
                                         "Summary:" if lang == "en"
                                         else "Tổng cộng", head))
            proc = run(["check", "--lang", lang] + self.batch())
            out = proc.stdout.decode("utf-8")
            self.assertEqual(out.splitlines()[-2], "== %s 4 %s ==" % (
                ("Summary:", "dossiers") if lang == "en"
                else ("Tổng cộng", "hồ sơ")))
        # None shown: the counts still say what the batch was.
        for fmt in ("text", "html", "summary"):
            proc = run(["check", "--format", fmt, "--only", "invalid",
                        "--lang", "en"] + self.batch())
            words = re.sub(r"<[^>]*>", "", proc.stdout.decode("utf-8"))
            self.assertIn("4 dossiers checked, 0 shown (left out: Eligible, "
                          "Incomplete, Not eligible)", words, fmt)
            self.assertIn("Not eligible: 2", words, fmt)
            self.assertNotIn("No dossier was checked", words, fmt)

    def test_totals_on_the_terminal(self):
        # The closing line on standard error, when it is a terminal.
        import pty
        for lang, line in (
                ("en", "Summary: 4 dossiers checked, 2 shown — Eligible: 1 "
                       "· Incomplete: 1 · Not eligible: 2 · Invalid: 0"),
                ("vi", "Tổng cộng: 4 hồ sơ đã kiểm tra, hiển thị 2 — Đủ "
                       "điều kiện: 1 · Hồ sơ chưa đầy đủ: 1 · Không đủ điều "
                       "kiện: 2 · Hồ sơ không hợp lệ: 0")):
            master, slave = pty.openpty()
            try:
                env = {k: v for k, v in os.environ.items()
                       if k not in LOCALE_VARS}
                proc = subprocess.run(
                    WRAPPER + [PARKCHECK, "check", "--format", "json",
                               "--only", "not-eligible", "--lang", lang]
                    + self.batch(), stdout=subprocess.PIPE, stderr=slave,
                    timeout=TIMEOUT, env=env)
                os.close(slave)
                slave = None
                said = b""
                while True:
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:  # the terminal's other end is closed
                        break
                    if not chunk:
                        break
                    said += chunk
            finally:
                if slave is not None:
                    os.close(slave)
                os.close(master)
            self.assertEqual(proc.returncode, 2)
            self.assertIn(line, said.decode("utf-8"), lang)

    def test_several_and_output_dir(self):
        tmp = tempfile.mkdtemp(prefix="parkcheck-only-")
        self.addCleanup(shutil.rmtree, tmp, True)
        out = os.path.join(tmp, "out")
        proc = run(["check", "--output-dir", out, "--format", "json",
                    "--only", "incomplete,eligible"] + self.batch())
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertEqual(sorted(os.listdir(out)),
                         ["complete-eligible.json", "summary.html",
                          "yen-binh.json"])


def main(argv):
    global PARKCHECK, ROOT
    if len(argv) != 3:
        sys.stderr.write("usage: test_desk.py PARKCHECK_BINARY SOURCE_ROOT\n")
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
