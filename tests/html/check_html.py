#!/usr/bin/env python3
"""The HTML report in a real browser.

Usage: check_html.py PARKCHECK SOURCE_ROOT

Writes the HTML report of the example dossiers plus a broken one and a
hostile one (a park name that is markup), in Vietnamese and in English,
opens each page in headless Chromium (Debian's `chromium`) and asserts on
what the browser made of it: the DOM it parsed (--dump-dom: the verdict
words, a rule's citation, the summary table's rows and anchors, no script
element, the hostile name as text) and the PDF it printed (--print-to-pdf:
there, non-empty, A4, a page per dossier at least, the verdicts in its
text when poppler's tools are there to read it).

TAP on standard output. Without Chromium the test fails (a test that
cannot run is no pass); PK_ALLOW_SKIP=1 skips it instead (`1..0 # SKIP`).
./quickstart test and CI install it.
"""

import glob
import html.parser
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

# The valgrind lane runs parkcheck through a wrapper (tests/valgrind/wrap.sh).
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

WORDS = {
    "vi": {
        "verdicts": ["ĐỦ ĐIỀU KIỆN", "HỒ SƠ CHƯA ĐẦY ĐỦ", "KHÔNG ĐỦ ĐIỀU KIỆN",
                     "HỒ SƠ KHÔNG HỢP LỆ"],
        "statuses": ["ĐẠT", "KHÔNG ĐẠT", "CHƯA RÕ", "KHÔNG ÁP DỤNG"],
        "citation": "Điều 5 khoản 2",
        "invalid": "HỒ SƠ KHÔNG HỢP LỆ",
        "problems": "Lỗi đầu vào",
    },
    "en": {
        "verdicts": ["ELIGIBLE", "INCOMPLETE", "NOT ELIGIBLE", "INVALID"],
        "statuses": ["PASS", "FAIL", "UNKNOWN", "NOT APPLICABLE"],
        "citation": "Art. 5(2)",
        "invalid": "INVALID",
        "problems": "Input problems",
    },
}

# Fact ids of the built-in pack that the examples' reports would show if
# a writer fell back to ids.
FACT_IDS = ["least_leased_share", "it_workers", "total_workers",
            "core_land_share", "submission_issuer", "principle_"]

HOSTILE_NAME = "<script>alert(1)</script>&\"'"
HOSTILE_NAME_XML = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, detail=""):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {what}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {what}")
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
        sys.stdout.flush()
        return cond

    def done(self):
        print(f"1..{self.n}")
        return 1 if self.failed else 0


class Dom(html.parser.HTMLParser):
    """What tests need of a page: elements by tag, ids, links, the text of
    the batch table's rows, all text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.ids = set()
        self.hrefs = []
        self.html_lang = None
        self.text = []
        self.stack = []
        self.batch_rows = []
        self.h2 = []
        self.rules = []
        self._in_batch = 0
        self._row = None
        self._h2 = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if "data-rule" in a:
            self.rules.append(a["data-rule"])
        if tag == "table" and "batch" in (a.get("class") or "").split():
            self._in_batch += 1
        if tag == "tr" and self._in_batch:
            self._row = []
        if tag == "h2":
            self._h2 = []

    def handle_endtag(self, tag):
        if tag == "table" and self._in_batch:
            self._in_batch -= 1
        if tag == "tr" and self._row is not None:
            self.batch_rows.append("".join(self._row))
            self._row = None
        if tag == "h2" and self._h2 is not None:
            self.h2.append("".join(self._h2))
            self._h2 = None

    def handle_data(self, data):
        self.text.append(data)
        if self._row is not None:
            self._row.append(data)
        if self._h2 is not None:
            self._h2.append(data)

    def all_text(self):
        return "".join(self.text)


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(chromium, args, timeout=180):
    profile = tempfile.mkdtemp(prefix="parkcheck-chromium-")
    try:
        return subprocess.run(
            [chromium] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + args,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def pdf_pages(pdf):
    """(pages, page size line) from pdfinfo, or None without it."""
    if not shutil.which("pdfinfo"):
        return None
    out = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode("utf-8", "replace")
    pages = re.search(r"^Pages:\s+(\d+)", out, re.M)
    size = re.search(r"^Page size:\s+(.*)$", out, re.M)
    return (int(pages.group(1)) if pages else 0, size.group(1) if size else "")


def pdf_text(pdf):
    if not shutil.which("pdftotext"):
        return None
    return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                          stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout.decode("utf-8", "replace")


def main():
    if len(sys.argv) != 3:
        print("usage: check_html.py PARKCHECK SOURCE_ROOT", file=sys.stderr)
        return 2
    parkcheck, root = sys.argv[1], sys.argv[2]
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
    work = tempfile.mkdtemp(prefix="parkcheck-html-")
    try:
        examples = sorted(glob.glob(os.path.join(root, "examples", "*.xml")))
        if not t.ok(len(examples) >= 2, "at least two example dossiers"):
            return t.done()
        broken = os.path.join(work, "broken.xml")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('<dossier format="1" kind="establishment"><park>\n')
        hostile = os.path.join(work, "hostile.xml")
        with open(os.path.join(root, "examples", "near-miss.xml"),
                  encoding="utf-8") as f:
            source = f.read()
        source, count = re.subn(r"<name>[^<]*</name>",
                                "<name>" + HOSTILE_NAME_XML + "</name>",
                                source, count=1)
        t.ok(count == 1, "the hostile dossier is made from near-miss.xml")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(source)
        inputs = examples + [hostile, broken]

        for lang in ("vi", "en"):
            words = WORDS[lang]
            page = os.path.join(work, f"report-{lang}.html")
            with open(page, "wb") as out:
                proc = subprocess.run(
                    WRAPPER + [parkcheck, "check", "--format", "html",
                               "--lang", lang]
                    + inputs, stdout=out, stderr=subprocess.PIPE, timeout=300)
            t.ok(proc.returncode == 3,
                 f"{lang}: exit status 3 with a broken dossier in the batch",
                 proc.stderr.decode("utf-8", "replace"))
            url = "file://" + page

            proc = run_chromium(chromium, ["--dump-dom", url])
            dom_text = proc.stdout.decode("utf-8", "replace")
            if not t.ok(proc.returncode == 0 and "<html" in dom_text,
                        f"{lang}: chromium renders the page",
                        proc.stderr.decode("utf-8", "replace")[-2000:]):
                continue
            dom = Dom()
            dom.feed(dom_text)
            text = dom.all_text()

            t.ok(dom.html_lang == lang, f"{lang}: <html lang=\"{lang}\">",
                 dom.html_lang)
            t.ok(dom.tags.get("script", 0) == 0,
                 f"{lang}: no script element in the rendered DOM")
            for word in words["verdicts"]:
                t.ok(word in text, f"{lang}: the verdict word {word!r} renders")
            for word in words["statuses"]:
                t.ok(word in text, f"{lang}: the status word {word!r} renders")
            t.ok(words["citation"] in text,
                 f"{lang}: the citation {words['citation']!r} renders")
            # A rule's id is for tools: an attribute, never text a
            # drafter reads; nor are the pack's paths or fact ids.
            t.ok("art5.2-it-workers" in dom.rules,
                 f"{lang}: a rule's id is in its data-rule attribute")
            t.ok("art5.2-it-workers" not in text,
                 f"{lang}: no rule id in the text")
            t.ok("/dossier/" not in text and "[@" not in text,
                 f"{lang}: no path of the pack in the text")
            t.ok(not any(f in text for f in FACT_IDS),
                 f"{lang}: no fact id in the text",
                 [f for f in FACT_IDS if f in text])
            t.ok(words["problems"] in text,
                 f"{lang}: the broken dossier's input problems render")

            # The summary: a header row and a row per dossier, each
            # linking to a section that exists.
            rows = dom.batch_rows
            t.ok(len(rows) == len(inputs) + 1,
                 f"{lang}: the summary table has {len(inputs)} rows",
                 f"{len(rows)} rows")
            links = [h for h in dom.hrefs if re.fullmatch(r"#d\d+", h)]
            t.ok(len(links) == len(inputs),
                 f"{lang}: a link per dossier in the summary", links)
            t.ok(all(h[1:] in dom.ids for h in links),
                 f"{lang}: every summary link has its anchor",
                 [h for h in links if h[1:] not in dom.ids])
            t.ok("summary" in dom.ids and "#summary" in dom.hrefs,
                 f"{lang}: each dossier links back to the summary")
            t.ok(any("broken.xml" in r and words["invalid"] in r
                     for r in rows),
                 f"{lang}: the broken dossier's row says invalid", rows[-3:])
            t.ok(any(h.endswith(HOSTILE_NAME) for h in dom.h2),
                 f"{lang}: the hostile park name renders as text",
                 [h for h in dom.h2 if "script" in h])

            pdf = os.path.join(work, f"report-{lang}.pdf")
            proc = run_chromium(chromium, [f"--print-to-pdf={pdf}",
                                           "--no-pdf-header-footer", url])
            made = os.path.exists(pdf) and os.path.getsize(pdf) > 0
            t.ok(made, f"{lang}: chromium prints the page to PDF",
                 proc.stderr.decode("utf-8", "replace")[-2000:])
            if not made:
                continue
            with open(pdf, "rb") as f:
                t.ok(f.read(5) == b"%PDF-", f"{lang}: the PDF is a PDF")
            info = pdf_pages(pdf)
            if info is None:
                print(f"# {lang}: pdfinfo not installed; page count not checked")
            else:
                pages, size = info
                t.ok(pages > 0, f"{lang}: the PDF has pages", pages)
                # The summary, then each dossier from a new page.
                t.ok(pages >= len(inputs) + 1,
                     f"{lang}: a page break before each dossier",
                     f"{pages} pages for {len(inputs)} dossiers")
                t.ok("A4" in size, f"{lang}: printed on A4", size)
            ptext = pdf_text(pdf)
            if ptext is not None:
                t.ok(all(w in ptext for w in words["verdicts"]),
                     f"{lang}: the verdict words are in the printed text",
                     [w for w in words["verdicts"] if w not in ptext])
                t.ok(words["citation"] in ptext,
                     f"{lang}: the citation is in the printed text")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
