#!/usr/bin/env python3
"""The batch summary (--format summary) as a browser prints it.

Usage: check_summary.py PARKCHECK SOURCE_ROOT

Makes a batch of 200 dossiers (the examples, copied under names of their
own, and some broken files), writes its summary in Vietnamese and in
English and has headless Chromium (Debian's `chromium`) render and print
each: the DOM it parsed holds a row per dossier, sorted by verdict (best
first) and each saying why; the PDF it printed is A4 and has exactly 5
pages, 40 dossiers a page, so that a reviewer's summary of a large batch
stays a few pages.

TAP on standard output. Without Chromium the test fails, as
check_html.py does (./quickstart test installs it); PK_ALLOW_SKIP=1
skips it instead.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_html import (WRAPPER, Tap, find_chromium, run_chromium,  # noqa: E402
                        pdf_pages, pdf_text)

DOSSIERS = 200
PER_PAGE = 40
ORDER = ["eligible", "incomplete", "needs-ruling", "not-eligible", "invalid"]

WORDS = {
    "vi": {"why": "Điều 5 khoản 2: thiếu 150 người", "page": "Trang 5 / 5",
           "invalid": "Không hợp lệ:", "provisional": "(tạm thời)",
           "reference": "(chỉ để đối chiếu)", "below": "dưới đây"},
    "en": {"why": "Art. 5(2): short by 150 people", "page": "Page 5 of 5",
           "invalid": "Invalid:", "provisional": "(provisional)",
           "reference": "(for comparison only)", "below": "below"},
}


def make_batch(root, into):
    examples = sorted(glob.glob(os.path.join(root, "examples", "*.xml")))
    broken = ['<dossier format="1" kind=', "<dossier>", "not xml at all"]
    n = 0
    while n < DOSSIERS:
        for x in examples + [None] * len(broken):
            if n >= DOSSIERS:
                break
            path = os.path.join(into, f"{n:03d}-dossier.xml")
            if x is None:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(broken[n % len(broken)])
            else:
                shutil.copyfile(x, path)
            n += 1


def flat(text):
    return re.sub(r"\s+", " ", text)


def superseded(t, chromium, exe, root, work, lang):
    """A 2026 dossier checked under Decree 154/2013 on request: its verdict
    is for comparison only, and print says so beside it (the notice, in a
    cell print cuts to two lines, lost its last words), while the notice
    says nothing of results "below" a cell with nothing below it."""
    files = [os.path.join(root, "examples", n)
             for n in ("digital-park-2026.xml", "near-miss.xml")]
    page = os.path.join(work, f"superseded.{lang}.html")
    with open(page, "wb") as out:
        subprocess.run(WRAPPER + [exe, "check", "--format", "summary",
                                  "--lang", lang, "--rules", "nd154-2013"]
                       + files, stdout=out, stderr=subprocess.PIPE,
                       timeout=300)
    with open(page, encoding="utf-8") as f:
        text = flat(f.read())
    words = WORDS[lang]
    t.ok(text.count(words["reference"]) == 1,
         f"{lang}: the superseded regime's verdict alone is marked "
         "for comparison only", text.count(words["reference"]))
    t.ok(words["below"] not in text,
         f"{lang}: no '{words['below']}' in a table's cell")
    pdf = os.path.join(work, f"superseded.{lang}.pdf")
    run_chromium(chromium, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                            "file://" + page])
    printed = pdf_text(pdf)
    if printed is not None:
        t.ok(words["reference"] in flat(printed),
             f"{lang}: 'for comparison only' is in the printed text",
             printed)


def pages_of(pdf):
    info = pdf_pages(pdf)
    if info is not None:
        return info
    # Without poppler: a printed page is one /Type /Page object.
    with open(pdf, "rb") as f:
        data = f.read()
    return (len(re.findall(rb"/Type\s*/Page(?!s)", data)), "")


def main():
    if len(sys.argv) != 3:
        print("usage: check_summary.py PARKCHECK SOURCE_ROOT", file=sys.stderr)
        return 2
    exe, root = sys.argv[1], sys.argv[2]
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("PK_ALLOW_SKIP") == "1":
            print("1..0 # SKIP chromium not installed")
            return 0
        print("1..1")
        print("not ok 1 - chromium is not installed (./quickstart test "
              "installs it; PK_ALLOW_SKIP=1 skips instead)")
        return 1
    t = Tap()
    work = tempfile.mkdtemp(prefix="parkcheck-summary-")
    try:
        batch = os.path.join(work, "batch")
        os.mkdir(batch)
        make_batch(root, batch)
        for lang in ("vi", "en"):
            page = os.path.join(work, f"summary.{lang}.html")
            with open(page, "wb") as out:
                proc = subprocess.run(
                    WRAPPER + [exe, "check", "--format", "summary",
                               "--lang", lang, "--jobs", "2", batch],
                    stdout=out, stderr=subprocess.PIPE, timeout=300)
            t.ok(proc.returncode == 3, f"{lang}: the batch's exit status is "
                 "invalid's (3)", proc.stderr.decode("utf-8", "replace"))
            url = "file://" + page
            dom = run_chromium(chromium, ["--dump-dom", url])
            text = dom.stdout.decode("utf-8", "replace")
            rows = re.findall(r'<td class="v v-([a-z-]+)">', text)
            t.ok(len(rows) == DOSSIERS, f"{lang}: a row per dossier",
                 f"{len(rows)} rows")
            ranks = [ORDER.index(v) for v in rows if v in ORDER]
            t.ok(len(ranks) == len(rows) and ranks == sorted(ranks),
                 f"{lang}: rows sorted by verdict, best first", rows[:50])
            t.ok("<script" not in text, f"{lang}: no script element")
            for key in ("why", "invalid", "page"):
                t.ok(WORDS[lang][key] in text,
                     f"{lang}: the page says '{WORDS[lang][key]}'")
            pdf = os.path.join(work, f"summary.{lang}.pdf")
            run_chromium(chromium, [f"--print-to-pdf={pdf}",
                                    "--no-pdf-header-footer", url])
            made = os.path.isfile(pdf) and os.path.getsize(pdf) > 0
            t.ok(made, f"{lang}: chromium prints the summary to PDF")
            if not made:
                continue
            pages, size = pages_of(pdf)
            want = (DOSSIERS + PER_PAGE - 1) // PER_PAGE
            t.ok(pages == want, f"{lang}: {DOSSIERS} dossiers print on "
                 f"{want} pages", f"{pages} pages")
            if size:
                t.ok("A4" in size, f"{lang}: printed on A4", size)
            printed = pdf_text(pdf)
            if printed is not None:
                t.ok(WORDS[lang]["why"] in printed,
                     f"{lang}: the reason is in the printed text")
                # the examples of 2026 are checked under a provisional pack
                t.ok(WORDS[lang]["provisional"] in flat(printed),
                     f"{lang}: a provisional verdict is marked in print")
            superseded(t, chromium, exe, root, work, lang)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
