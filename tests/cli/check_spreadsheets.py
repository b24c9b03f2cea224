#!/usr/bin/env python3
"""The spreadsheets as readers that are not ours read them.

Usage: check_spreadsheets.py PARKCHECK SOURCE_ROOT

- The XLSX workbook (--format xlsx), read back with openpyxl (Debian's
  python3-openpyxl): its two sheets and headings in each language, a
  frozen header row and filters, scores and counts stored as numbers,
  dates as dates, ratios as fractions shown as percentages, a park name
  that looks like a formula kept as text, the rows sorted by verdict.
- The CSV (--format csv) imported by LibreOffice (headless soffice,
  Debian's libreoffice-calc-nogui) with the Vietnamese (vi-VN) locale and
  --lang vi, and with en-US and --lang en, then read with openpyxl:
  score_local and the date are numbers and dates there, where the score
  column (written for scripts, with '.') is text to a Vietnamese
  spreadsheet whenever it has a fraction.

TAP on standard output. Without openpyxl or soffice the part that needs
it fails (a check that cannot run is no pass: ./quickstart test installs
both); PK_ALLOW_SKIP=1 skips it instead, as the browser tests do.
"""

import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import datetime

WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
REQUIRE = os.environ.get("PK_ALLOW_SKIP", "") != "1"

try:
    import openpyxl
except ImportError:
    # Debian's package is for Debian's python3; a python3 from elsewhere
    # (pyenv) can still load it, being pure Python.
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import openpyxl
    except ImportError:
        openpyxl = None


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, detail=""):
        self.n += 1
        print(("ok %d - %s" if cond else "not ok %d - %s") % (self.n, what))
        if not cond:
            self.failed += 1
            for line in str(detail).splitlines()[:20]:
                print("# " + line)
        sys.stdout.flush()

    def skip(self, what, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, what, why))

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


HEADINGS = {"vi": ("Tổng hợp", "Tệp", "Kết luận", "Điểm"),
            "en": ("Summary", "File", "Verdict", "Score")}
ORDER = {"vi": ["Đủ điều kiện", "Hồ sơ chưa đầy đủ", "Cần xin ý kiến",
                "Không đủ điều kiện", "Hồ sơ không hợp lệ"],
         "en": ["Eligible", "Incomplete", "Needs a ruling", "Not eligible",
                "Invalid"]}
WHY = {"vi": "Điều 5 khoản 2: thiếu 150 người",
       "en": "Art. 5(2): short by 150 people"}
# The marks after a verdict that is not one under the rules in force.
PROVISIONAL = {"vi": " (tạm thời)", "en": " (provisional)"}
REFERENCE = {"vi": " (chỉ để đối chiếu)", "en": " (for comparison only)"}
BELOW = {"vi": "dưới đây", "en": "below"}
SHORT_OVER = {"vi": ["Còn thiếu", "Vượt"], "en": ["Short by", "Over by"]}
POINTS = {"vi": "điểm phần trăm", "en": "percentage points"}


def verdict_of(cell, lang):
    """The verdict's words without the mark after them."""
    for mark in (PROVISIONAL[lang], REFERENCE[lang]):
        if cell.endswith(mark):
            return cell[:-len(mark)]
    return cell
FORMULA = "=1+2"


def batch(root, work):
    files = sorted(glob.glob(os.path.join(root, "examples", "*.xml")))
    with open(os.path.join(root, "examples", "near-miss.xml"),
              encoding="utf-8") as f:
        text = f.read()
    start = text.index("<name>") + len("<name>")
    end = text.index("</name>")
    hostile = os.path.join(work, "formula.xml")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write(text[:start] + FORMULA + text[end:])
    broken = os.path.join(work, "broken.xml")
    with open(broken, "w", encoding="utf-8") as f:
        f.write('<dossier format="1" kind=')
    return files + [hostile, broken]


def run(exe, fmt, lang, files, out):
    with open(out, "wb") as f:
        return subprocess.run(WRAPPER + [exe, "check", "--format", fmt,
                                         "--lang", lang] + files,
                              stdout=f, stderr=subprocess.PIPE, timeout=300)


def check_xlsx(t, exe, files, work):
    for lang in ("vi", "en"):
        path = os.path.join(work, "batch.%s.xlsx" % lang)
        proc = run(exe, "xlsx", lang, files, path)
        t.ok(proc.returncode == 3, "%s: xlsx exit status 3 (one invalid)"
             % lang, proc.stderr)
        try:
            wb = openpyxl.load_workbook(path)
        except Exception as e:  # noqa: BLE001 - any failure is the test's
            t.ok(False, "%s: openpyxl reads the workbook" % lang, e)
            continue
        t.ok(True, "%s: openpyxl reads the workbook" % lang)
        sname, file_h, verdict_h, score_h = HEADINGS[lang]
        t.ok(len(wb.sheetnames) == 2 and wb.sheetnames[0] == sname,
             "%s: two sheets, the summary first" % lang, wb.sheetnames)
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        head = rows[0]
        t.ok(head[0] == file_h and head[4] == verdict_h
             and head[5] == score_h, "%s: headings in the language" % lang,
             head)
        t.ok(ws.freeze_panes == "A2", "%s: the header row is frozen" % lang,
             ws.freeze_panes)
        t.ok(ws.auto_filter.ref == "A1:N%d" % len(rows),
             "%s: filters over the whole table" % lang, ws.auto_filter.ref)
        t.ok(ws.column_dimensions["H"].width >= 30,
             "%s: column widths set" % lang, ws.column_dimensions["H"].width)
        body = rows[1:]
        t.ok(len(body) == len(files), "%s: a row per dossier" % lang,
             len(body))
        ranks = [ORDER[lang].index(verdict_of(r[4], lang)) for r in body]
        t.ok(ranks == sorted(ranks), "%s: sorted by verdict" % lang, ranks)
        # The examples of 2026 are checked under a provisional pack: their
        # verdicts say so, the others' do not.
        marked = sorted(os.path.basename(r[0]) for r in body
                        if r[4].endswith(PROVISIONAL[lang]))
        t.ok(marked and all("2026" in m for m in marked)
             and all("2026" not in os.path.basename(r[0]) for r in body
                     if r[4] == verdict_of(r[4], lang)),
             "%s: a provisional verdict is marked" % lang,
             [(r[0], r[4]) for r in body])
        scores = [r[5] for r in body if r[5] is not None]
        t.ok(scores and all(isinstance(s, (int, float)) for s in scores)
             and any(s != int(s) for s in scores),
             "%s: scores are numbers, fractions kept" % lang, scores)
        t.ok(all(s == round(s, 2) for s in scores),
             "%s: scores are stored rounded to two decimals" % lang, scores)
        # The unreadable file has no date; every other one is a date.
        dates = [r[6] for r in body]
        t.ok(all(d is None or isinstance(d, datetime.datetime) for d in dates)
             and dates.count(None) == 1, "%s: dates are dates" % lang, dates)
        t.ok(all(isinstance(r[13], int) for r in body),
             "%s: error counts are numbers" % lang)
        t.ok(any(r[7] == WHY[lang] for r in body),
             "%s: the failed criterion with its shortfall" % lang)
        t.ok(any(r[9] for r in body
                 if verdict_of(r[4], lang) == ORDER[lang][4]),
             "%s: the invalid file says why" % lang)
        broken = [r for r in body if r[0].endswith("broken.xml")]
        t.ok(len(broken) == 1 and broken[0][1] is None
             and broken[0][11] is None and broken[0][9],
             "%s: a file not read names no park and no rules, only why"
             % lang, broken)
        cell = [c for c in ws["B"] if c.value == FORMULA]
        t.ok(len(cell) == 1 and cell[0].data_type == "s",
             "%s: a formula-looking name stays text" % lang,
             [(c.value, c.data_type) for c in cell])
        res = wb.worksheets[1]
        rrows = list(res.iter_rows(values_only=False))
        t.ok(res.freeze_panes == "A2" and res.auto_filter.ref,
             "%s: results sheet frozen and filtered" % lang)
        ratio = [r for r in rrows[1:] if r[9].value == "ratio"
                 and r[5].value is not None]
        t.ok(ratio and all(isinstance(r[5].value, float)
                           and 0 <= r[5].value <= 1
                           and "%" in r[5].number_format for r in ratio),
             "%s: ratios are fractions shown as percentages" % lang,
             [(r[5].value, r[5].number_format) for r in ratio[:3]])
        people = [r for r in rrows[1:] if r[9].value == "people"
                  and r[7].value is not None]
        t.ok(any(r[7].value == 150 for r in people),
             "%s: the shortfall is a number" % lang,
             [r[7].value for r in people])


def check_xlsx_superseded(t, exe, root, work):
    """A 2026 dossier checked under Decree 154/2013 on request: its verdict
    is for comparison only, and the pack's notice speaks of no results
    "below" a cell."""
    files = [os.path.join(root, "examples", n)
             for n in ("digital-park-2026.xml", "near-miss.xml")]
    for lang in ("vi", "en"):
        path = os.path.join(work, "superseded.%s.xlsx" % lang)
        subprocess.run(WRAPPER + [exe, "check", "--format", "xlsx", "--lang",
                                  lang, "--rules", "nd154-2013"] + files,
                       stdout=open(path, "wb"), stderr=subprocess.PIPE,
                       timeout=300)
        rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(
            values_only=True))[1:]
        by = {os.path.basename(r[0]): r for r in rows}
        t.ok(by["digital-park-2026.xml"][4].endswith(REFERENCE[lang])
             and not by["near-miss.xml"][4].endswith(REFERENCE[lang]),
             "%s: a regime not in force marks the verdict for comparison "
             "only" % lang, [(r[0], r[4]) for r in rows])
        notice = by["digital-park-2026.xml"][12] or ""
        t.ok(notice and BELOW[lang] not in notice,
             "%s: the notice column speaks of nothing below" % lang, notice)


def case_file(root, work, name):
    """The dossier of conformance case name, written out under work."""
    sys.path.insert(0, os.path.join(root, "tools"))
    import case_dossier  # noqa: E402 (the tree's own reader of cases)
    path = os.path.join(work, name + ".xml")
    with open(path, "wb") as f:
        f.write(case_dossier.dossier_bytes(
            os.path.join(root, "tests", "cases", name)))
    return path


def check_xlsx_results(t, exe, root, work):
    """The 'each rule' sheet: what a failed comparison lacks below a
    minimum and what it has too much above a maximum are two columns; a
    difference of shares is in percentage points, as the messages say; an
    open rule has no deciding comparison, so its value, requirement and
    shortfall are empty; no rule but a failed one has a shortfall."""
    short = case_file(root, work, "it-share-1199-of-2000-fails")
    over = case_file(root, work,
                     "boundary-density-60001-m2-of-15-ha-fails-by-0-001-points")
    opened = case_file(root, work, "reading-density-gross-passes-net-fails-open")
    for lang in ("vi", "en"):
        path = os.path.join(work, "results.%s.xlsx" % lang)
        run(exe, "xlsx", lang, [short, over, opened], path)
        wb = openpyxl.load_workbook(path)
        rows = list(wb.worksheets[1].iter_rows())
        head = [c.value for c in rows[0]]
        t.ok(head[7:10] == SHORT_OVER[lang] + ["Đơn vị" if lang == "vi"
                                               else "Unit"],
             "%s: 'short by' and 'over by' are two columns" % lang, head)
        by = {(os.path.basename(r[0].value), r[1].value): r for r in rows[1:]}
        r = by[(os.path.basename(short), "art5.2-it-share")]
        t.ok(r[7].value == 0.05 and r[8].value is None
             and POINTS[lang] in r[7].number_format and r[9].value == "ratio",
             "%s: a share below its minimum is short by percentage points"
             % lang, [(c.value, c.number_format) for c in r[5:10]])
        r = by[(os.path.basename(over), "art7.3-density")]
        t.ok(r[7].value is None and r[8].value == 0.001
             and POINTS[lang] in r[8].number_format,
             "%s: a share above its maximum is over by percentage points"
             % lang, [(c.value, c.number_format) for c in r[5:10]])
        r = by[(os.path.basename(opened), "art7.3-density")]
        t.ok(r[4].value == ("CẦN XIN Ý KIẾN" if lang == "vi" else "OPEN")
             and all(c.value is None for c in r[5:10]) and r[10].value,
             "%s: an open rule has no value, requirement or shortfall" % lang,
             [c.value for c in r[4:10]])
        failing = ("KHÔNG ĐẠT", "FAIL")
        t.ok(all(r[7].value is None and r[8].value is None
                 for r in rows[1:] if r[4].value not in failing),
             "%s: only a failed rule has a shortfall" % lang,
             [(r[1].value, r[4].value, r[7].value, r[8].value)
              for r in rows[1:] if r[4].value not in failing
              and (r[7].value is not None or r[8].value is not None)])
        fails = [r[7] for r in wb.worksheets[0].iter_rows(values_only=True)
                 if r[0] == short]
        t.ok(len(fails) == 1 and fails[0].endswith(
                 ("0,05 " if lang == "vi" else "0.05 ") + POINTS[lang]),
             "%s: the summary sheet's shortfall of a share in points" % lang,
             fails)


def check_csv(t, exe, files, work, soffice):
    profile = "file://" + os.path.join(work, "lo-profile")
    for lang, locale in (("vi", 1066), ("en", 1033)):
        src = os.path.join(work, "batch-%s.csv" % lang)
        run(exe, "csv", lang, files, src)
        outdir = os.path.join(work, "lo-" + lang)
        os.mkdir(outdir)
        proc = subprocess.run(
            [soffice, "--headless", "-env:UserInstallation=" + profile,
             "--infilter=CSV:44,34,76,1,,%d" % locale, "--convert-to", "xlsx",
             "--outdir", outdir, src],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240)
        out = os.path.join(outdir, "batch-%s.xlsx" % lang)
        made = os.path.isfile(out)
        t.ok(made, "%s: LibreOffice (locale %d) imports the CSV"
             % (lang, locale), proc.stdout + proc.stderr)
        if not made:
            continue
        rows = list(openpyxl.load_workbook(out).active.iter_rows(
            values_only=True))
        head = list(rows[0])
        t.ok(head[0] == "file" and "score_local" in head,
             "%s: the header row, BOM and all, as columns" % lang, head)
        body = rows[1:]
        t.ok(len(body) == len(files), "%s: a row per dossier" % lang,
             len(body))
        local = [r[head.index("score_local")] for r in body]
        numbers = [v for v in local if v is not None]
        t.ok(numbers and all(isinstance(v, (int, float)) for v in numbers)
             and any(v != int(v) for v in numbers),
             "%s: score_local is a number, fractions too" % lang, local)
        dates = [r[head.index("date")] for r in body]
        t.ok(all(d is None or isinstance(d, datetime.datetime) for d in dates)
             and dates.count(None) == 1, "%s: the date is a date" % lang,
             dates)
        t.ok(WHY[lang] in [r[head.index("failed_why")] for r in body],
             "%s: failed_why says what fails and by how much" % lang)
        if lang == "vi":
            # Why score_local exists: '.' is no decimal point in vi-VN.
            frac = [r[head.index("score")] for r in body
                    if isinstance(r[head.index("score_local")], float)]
            t.ok(frac and all(isinstance(v, str) for v in frac),
                 "vi: the script column 'score' is text to a Vietnamese "
                 "spreadsheet", frac)


def main():
    if len(sys.argv) != 3:
        print("usage: check_spreadsheets.py PARKCHECK SOURCE_ROOT",
              file=sys.stderr)
        return 2
    exe, root = sys.argv[1], sys.argv[2]
    t = Tap()
    work = tempfile.mkdtemp(prefix="parkcheck-sheets-")
    try:
        files = batch(root, work)
        if openpyxl is None:
            if REQUIRE:
                t.ok(False, "openpyxl (python3-openpyxl) is installed")
            else:
                t.skip("xlsx and csv read back", "openpyxl not installed")
            return t.done()
        check_xlsx(t, exe, files, work)
        check_xlsx_superseded(t, exe, root, work)
        check_xlsx_results(t, exe, root, work)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            if REQUIRE:
                t.ok(False, "soffice (libreoffice-calc-nogui) is installed")
            else:
                t.skip("csv in LibreOffice", "soffice not installed")
        else:
            check_csv(t, exe, files, work, soffice)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
