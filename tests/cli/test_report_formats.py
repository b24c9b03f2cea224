#!/usr/bin/env python3
"""What every output format says about comparisons, the score and the
regime notice, read back the way its consumers read it.

Usage: test_report_formats.py PARKCHECK_BINARY SOURCE_ROOT

Checks every conformance case that uses the built-in rule packs, and the
examples, in one batch per format and language: the JSON report is the
reference, and CSV (read with the csv module), JUnit (read with an XML
parser), NDJSON, text and HTML must say the same. Prints TAP. Standard
library only.
"""

import csv
import html
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tools"))
import case_dossier  # noqa: E402 (after the path it is found by)

WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
TIMEOUT = 300
LANGS = ("vi", "en")
SCORE_MEANS = {
    "vi": "Điểm là tỷ lệ (có tính trọng số) số quy định bắt buộc được đáp ứng",
    "en": "The score is the weighted share of the applicable mandatory "
          "rules that pass",
}
# A comparison that says nothing: what issue 11 saw on every yes/no rule.
NEVER = ("Value: 0 · Required: = 0", "Giá trị: 0 · Yêu cầu: = 0",
         "Value: 0; required: = 0", "Giá trị: 0; yêu cầu: = 0")
# The unit of a difference of two shares, as the rules' messages write it.
POINTS = {"vi": "điểm phần trăm", "en": "percentage points"}
# A 2026 dossier that a case checks under Decree 154/2013 on request.
FORCED = "regime-2026-forced-decree-154-marked-superseded"
LEAF_OPS = {"contains", "in", "matches", "empty", "not-contains", "not-in",
            "not-matches", "not-empty"}


def dossiers(root, scratch):
    """Every case's dossier (a dossier.change written out under scratch)
    and every example."""
    cases = os.path.join(root, "tests", "cases")
    found = []
    for name in sorted(os.listdir(cases)):
        d = os.path.join(cases, name)
        if os.path.exists(os.path.join(d, "rules.xml")):
            continue
        if os.path.isfile(os.path.join(d, "dossier.xml")):
            found.append(os.path.join(d, "dossier.xml"))
        elif os.path.isfile(os.path.join(d, "dossier.change")):
            os.makedirs(os.path.join(scratch, name))
            path = os.path.join(scratch, name, "dossier.xml")
            with open(path, "wb") as f:
                f.write(case_dossier.dossier_bytes(d))
            found.append(path)
    ex = os.path.join(root, "examples")
    found += sorted(os.path.join(ex, n) for n in os.listdir(ex)
                    if n.endswith(".xml"))
    return found


def verdict_cells(page):
    """The verdict cells of a summary page, as text."""
    return [re.sub(r"<[^>]*>", "", html.unescape(c)) for c in
            re.findall(r'<td class="v v-[a-z-]+">(.*?)</td>', page)]


def verdict_plain(verdict, lang):
    return {"vi": {"eligible": "Đủ điều kiện",
                   "incomplete": "Hồ sơ chưa đầy đủ"},
            "en": {"eligible": "Eligible",
                   "incomplete": "Incomplete"}}[lang][verdict]


def run(binary, fmt, lang, files, extra=()):
    args = (WRAPPER + [binary, "check", "--format", fmt, "--lang", lang]
            + list(extra) + files)
    proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=TIMEOUT)
    if proc.returncode not in (0, 1, 2, 3, 5):
        raise AssertionError("%s: exit %d: %s" % (" ".join(args[-3:]),
                                                   proc.returncode,
                                                   proc.stderr[-300:]))
    return proc.stdout.decode("utf-8")


class Checks:
    def __init__(self, binary, root):
        self.binary = binary
        self.scratch = tempfile.TemporaryDirectory(prefix="parkcheck-formats.")
        self.files = dossiers(root, self.scratch.name)
        self.root = root
        self.json = {}
        self.results = []

    def reference(self, lang):
        if lang not in self.json:
            doc = json.loads(run(self.binary, "json", lang, self.files))
            self.json[lang] = doc["dossiers"]
            assert len(self.json[lang]) == len(self.files)
        return self.json[lang]

    def json_same_fact_same_words(self, lang):
        # A fact several rules read (the topics of a scheme, the
        # documents) is given by each result the same way, typed, in
        # words and among its values.
        shared = 0
        for d in self.reference(lang):
            said = {}
            for r in d["results"]:
                c = r["comparison"]
                if c is None or not isinstance(c["value"], list):
                    continue
                f = c["fact"]
                if f in r["values"]:
                    assert r["values"][f] == c["value"], (d["file"], r["id"])
                assert c["value_text"] in c["text"], (d["file"], r["id"])
                got = (c["value"], c["value_text"])
                if f in said:
                    shared += 1
                    assert said[f] == got, (d["file"], r["id"], said[f], got)
                said[f] = got
        assert shared > 100, "only %d results share a set with another" % shared

    def check(self, name, fn, *args):
        try:
            fn(*args)
            self.results.append((True, name, ""))
        except AssertionError as e:
            self.results.append((False, name, str(e)))

    # ---- JSON --------------------------------------------------------
    def json_comparisons(self, lang):
        seen = {"bool": 0, "set": 0, "text": 0, "notice": 0, "null": 0}
        for d in self.reference(lang):
            assert "notice" in d, d["file"]
            if d["notice"] is not None:
                seen["notice"] += 1
            if d["verdict"] == "invalid":
                assert d["score"] is None, "%s: invalid, score %s" % (
                    d["file"], d["score"])
                seen["null"] += 1
            for r in d["results"]:
                c = r["comparison"]
                if r["status"] in ("pass", "fail"):
                    assert c is not None, "%s: %s %s has no comparison" % (
                        d["file"], r["id"], r["status"])
                if c is None:
                    continue
                text = c["text"]
                assert not any(n in text for n in NEVER), text
                if isinstance(c["value"], bool):
                    seen["bool"] += 1
                    assert isinstance(c["required"], bool), c
                    assert c["threshold"] is None and c["shortfall"] is None, c
                    yes_no = ("có", "không") if lang == "vi" else ("yes", "no")
                    assert c["value_text"] in yes_no, c
                    assert c["required_text"] in yes_no, c
                elif isinstance(c["value"], list):
                    seen["set"] += 1
                    assert c["op"] in LEAF_OPS, c
                    assert not re.fullmatch(r"[0-9.,% ]+", c["value_text"]), c
                elif isinstance(c["value"], str) and c["unit"] != "date":
                    seen["text"] += 1
                    assert c["threshold"] is None, c
                if c["op"] in LEAF_OPS:
                    assert not isinstance(c["value"], (int, float)) or \
                        isinstance(c["value"], bool), c
        assert seen["bool"] > 10 and seen["set"] > 100 and seen["text"] > 10, seen
        # notices: a 2026 dossier is checked under the law in force, so only
        # a pack named on purpose gives one (superseded(), below)
        assert seen["null"] >= 2, seen

    # ---- CSV ---------------------------------------------------------
    def csv_columns(self, lang):
        text = run(self.binary, "csv", lang, self.files)
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
        header, rows = rows[0], rows[1:]
        # Columns are only ever added at the end: these keep their places.
        assert header[10:12] == ["notice", "open"], header
        # Which regime every row was checked under, and how surely.
        assert header[12:16] == ["rulepack", "regime", "provisional",
                                 "not_checked"], header
        assert header[5] == "score", header
        assert len(rows) == len(self.files), len(rows)
        notices = 0
        for row, d in zip(rows, self.reference(lang)):
            assert len(row) == len(header), row
            assert row[0] == d["file"], (row[0], d["file"])
            assert row[4] == d["verdict"]
            col = dict(zip(header, row))
            if d["score"] is None:
                assert col["score"] == "", (d["file"], col["score"])
            else:
                assert abs(float(col["score"]) - d["score"]) < 1e-9
                local = col["score_local"]
                assert ("." if lang == "vi" else ",") not in local, local
                assert abs(float(local.replace(",", ".")) - d["score"]) < 1e-9
            assert col["notice"] == (d["notice"] or ""), (d["file"],
                                                          col["notice"])
            notices += col["notice"] != ""
            pack = d["rulepack"]["id"] if d["rulepack"] else ""
            assert col["rulepack"] == pack, (d["file"], col["rulepack"])
            if pack:
                assert col["regime"] == d["regime"], (d["file"], col)
                assert col["provisional"] == ("true" if d["provisional"]
                                              else "false"), d["file"]
            assert [x for x in col["not_checked"].split(";") if x] == [
                x["id"] for x in d["not_checked"]["items"]], d["file"]
        # A regime notice needs a pack named on purpose now (a 2026
        # dossier is checked under the law in force): superseded() checks
        # it in every format.

    # ---- JUnit -------------------------------------------------------
    def junit_properties(self, lang):
        text = run(self.binary, "junit", lang, self.files)
        root = ET.fromstring(text.encode("utf-8"))
        suites = root.findall("testsuite")
        assert len(suites) == len(self.files), len(suites)
        notices = failures_read = 0
        for suite, d in zip(suites, self.reference(lang)):
            props = {p.get("name"): p.get("value")
                     for p in suite.find("properties").findall("property")}
            assert props.get("verdict") == d["verdict"]
            assert "notice" in props, props
            assert props["notice"] == (d["notice"] or ""), props["notice"]
            notices += props["notice"] != ""
            if d["score"] is None:
                assert "score" not in props, (d["file"], props)
                assert "score-meaning" not in props
            else:
                assert abs(float(props["score"]) - d["score"]) < 1e-9
                assert props["score-meaning"].startswith(SCORE_MEANS[lang]), \
                    props["score-meaning"]
            by_id = {r["id"]: r for r in d["results"]}
            for case in suite.findall("testcase"):
                failure = case.find("failure")
                if failure is None:
                    continue
                body = failure.text or ""
                assert not any(n in body for n in NEVER), body
                rid = case.get("name").split(" — ")[0]
                c = by_id.get(rid, {}).get("comparison")
                if c is not None:
                    assert c["text"] in body, (rid, c["text"], body)
                    failures_read += 1
        assert failures_read > 20, failures_read

    # ---- NDJSON ------------------------------------------------------
    def ndjson_fields(self, lang):
        lines = run(self.binary, "ndjson", lang, self.files).splitlines()
        assert len(lines) == len(self.files)
        for line, d in zip(lines, self.reference(lang)):
            n = json.loads(line)
            assert n["notice"] == d["notice"], n["file"]
            assert n["score"] == d["score"], n["file"]
            for a, b in zip(n["results"], d["results"]):
                assert a["comparison"] == b["comparison"], a["id"]

    # ---- text and HTML ----------------------------------------------
    def text_and_html(self, lang):
        ref = self.reference(lang)
        forced = os.path.join(self.root, "tests", "cases", FORCED, "dossier.xml")
        regime = json.loads(run(self.binary, "json", lang, [forced],
                                ["--rules", "nd154-2013"]))["dossiers"][0]
        invalid = next(d for d in ref if d["verdict"] == "invalid"
                       and d["results"])
        scored = next(d for d in ref if d["score"] is not None)
        score_word = "Điểm" if lang == "vi" else "Score"
        for fmt in ("text", "html"):
            out = run(self.binary, fmt, lang, [regime["file"]],
                      ["--rules", "nd154-2013"])
            first = regime["notice"].split()[0:6]
            assert " ".join(first) in re.sub(r"\s+", " ", out), \
                "%s: no notice" % fmt
            out = run(self.binary, fmt, lang, [invalid["file"]])
            assert SCORE_MEANS[lang] not in out, "%s: invalid scored" % fmt
            if fmt == "text":
                verdict = [l for l in out.splitlines()
                           if l.startswith(("Verdict:", "Kết luận:"))]
                assert verdict and all(score_word not in l for l in verdict), \
                    verdict
            else:
                assert 'class="score"' not in out
                # nor an article's sub-score in the scorecard
                assert not re.search(r'<td class="n">\d+(,\d+)?%</td></tr>',
                                     out), "html: invalid sub-scores"
            out = run(self.binary, fmt, lang, [scored["file"]])
            flat = re.sub(r"\s+", " ", out)
            assert SCORE_MEANS[lang] in flat, "%s: no meaning" % fmt

    # ---- shortfalls -------------------------------------------------
    def shortfalls(self, lang):
        """A share's shortfall is a difference of two percentages: every
        format that says by how much a failed share misses (CSV failed_why,
        the summary, HTML, JUnit) says it in percentage points, as the
        rule's own message does ("8.61 percentage points short"), never
        as a percentage ("8.61%")."""
        points = POINTS[lang]
        side = (r"(?:Còn thiếu|Vượt|thiếu|vượt)" if lang == "vi"
                else r"(?:Short by|Over by|short by|over by)")
        as_percent = re.compile(side + r":? [0-9][0-9.,/]*%")
        failed = []  # (dossier, result) of a mandatory share that fails
        for d in self.reference(lang):
            for r in d["results"]:
                c = r["comparison"]
                if (r["status"] == "fail" and r["severity"] == "mandatory"
                        and r["category"] == "criterion" and c is not None
                        and c["unit"] == "ratio"):
                    failed.append((d, r))
        assert len(failed) >= 10, len(failed)
        files = sorted({d["file"] for d, _ in failed})
        rows = {row["file"]: row for row in csv.DictReader(io.StringIO(
            run(self.binary, "csv", lang, files).lstrip("\ufeff"),
            newline=""))}
        quoted = 0
        for d, r in failed:
            why = rows[d["file"]]["failed_why"]
            assert not as_percent.search(why), (d["file"], why)
            mine = [x for x in why.split("; ")
                    if x.startswith(r["citation_text"] + ": ")
                    and x.endswith(" " + points)]
            assert mine, (d["file"], r["id"], why)
            if points in r["message"]:
                # the figure the message gives, to the digit
                said = [re.search(r"[0-9][0-9.,/]* " + points + "$", x)
                        .group(0) for x in mine]
                assert any(x in r["message"] for x in said), \
                    (d["file"], r["id"], said, r["message"])
                quoted += 1
        assert quoted >= 5, quoted
        page = html.unescape(run(self.binary, "summary", lang, files))
        assert not as_percent.search(page), as_percent.search(page).group(0)
        assert page.count(" " + points) >= len(failed), page.count(points)
        report = html.unescape(run(self.binary, "html", lang, files))
        assert not as_percent.search(report), \
            as_percent.search(report).group(0)
        junit = run(self.binary, "junit", lang, files)
        assert not as_percent.search(junit), as_percent.search(junit).group(0)

    # ---- files not read ---------------------------------------------
    def unread(self, lang):
        """A file that could not be read (missing, a dangling link, empty,
        not XML) named no park and gave no date: its row in the summary
        gives the file alone and no rule pack, the CSV and JSON no park and
        no rules, and only the reason column says what went wrong. A
        dossier read without a date still says no pack was in force."""
        scratch = self.scratch.name
        missing = os.path.join(scratch, "unread-missing.xml")
        dangling = os.path.join(scratch, "unread-dangling.xml")
        if not os.path.islink(dangling):
            os.symlink(os.path.join(scratch, "nowhere.xml"), dangling)
        cases = os.path.join(self.root, "tests", "cases")
        unread = [missing, dangling,
                  os.path.join(cases, "empty-file", "dossier.xml"),
                  os.path.join(cases, "not-well-formed-unclosed-root",
                               "dossier.xml")]
        undated = os.path.join(cases, "submitted-absent-error-no-rules",
                               "dossier.xml")
        no_name = "hồ sơ không nêu tên khu" if lang == "vi" else \
            "the dossier names no park"
        no_pack = ("không có bộ quy tắc nào có hiệu lực" if lang == "vi"
                   else "no rule pack in force")
        page = html.unescape(run(self.binary, "summary", lang,
                                 unread + [undated]))
        rows = re.findall(r"<tr><td class=\"n\">.*?</tr>", page)
        assert len(rows) == 5, len(rows)
        by_file = {}
        for row in rows:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
            code = re.search(r"<code>(.*?)</code>", cells[1]).group(1)
            by_file[code] = cells
        for f in unread:
            cells = by_file[f]
            assert re.fullmatch(r'<div class="c"><code>[^<]*</code></div>',
                                cells[1]), (f, cells[1])
            assert no_name not in cells[1], (f, cells[1])
            assert cells[4] == '<div class="c"></div>', (f, cells[4])
            assert re.sub(r"<[^>]*>", "", cells[3]), (f, "no reason")
        assert no_pack in by_file[undated][4], by_file[undated]
        rows = {r["file"]: r for r in csv.DictReader(io.StringIO(
            run(self.binary, "csv", lang, unread + [undated])
            .lstrip("\ufeff"), newline=""))}
        for f in unread:
            assert rows[f]["park"] == "" and rows[f]["rules"] == "", rows[f]
            assert rows[f]["invalid_why"], rows[f]
        assert rows[undated]["rules"] == no_pack, rows[undated]

    # ---- regimes and provenance ---------------------------------------
    def superseded(self, lang):
        """A 2026 dossier checked under Decree 154/2013 on request is marked,
        in every format, as checked under a regime superseded on its date."""
        f = [os.path.join(self.root, "tests", "cases", FORCED, "dossier.xml")]
        forced = ["--rules", "nd154-2013"]
        d = json.loads(run(self.binary, "json", lang, f, forced))["dossiers"][0]
        assert d["regime"] == "superseded" and d["regime_text"], d["regime"]
        assert d["rulepack"]["id"] == "nd154-2013"
        mark = " ".join(d["regime_text"].split()[:6])
        n = json.loads(run(self.binary, "ndjson", lang, f, forced))
        assert n["regime"] == "superseded" and n["regime_text"] == d["regime_text"]
        for fmt in ("text", "html"):
            out = re.sub(r"\s+", " ", run(self.binary, fmt, lang, f, forced))
            assert mark in out, (fmt, mark)
        rows = list(csv.reader(io.StringIO(
            run(self.binary, "csv", lang, f, forced).lstrip("\ufeff"),
            newline="")))
        col = dict(zip(rows[0], rows[1]))
        assert col["rulepack"] == "nd154-2013" and col["regime"] == "superseded", col
        suite = ET.fromstring(run(self.binary, "junit", lang, f, forced)
                              .encode("utf-8")).find("testsuite")
        props = {p.get("name"): p.get("value")
                 for p in suite.find("properties").findall("property")}
        assert props["regime"] == "superseded", props
        assert props["regime-text"] == d["regime_text"], props
        # The rows that list verdicts: the summary, the HTML page's batch
        # table. The verdict is for comparison only, said beside it; the
        # notice in the summary's cell speaks of nothing "below".
        mark = "(%s)" % ("chỉ để đối chiếu" if lang == "vi"
                         else "for comparison only")
        batch = f + [os.path.join(self.root, "examples", "near-miss.xml")]
        cells = verdict_cells(run(self.binary, "summary", lang, batch,
                                  forced))
        assert len(cells) == 2 and cells[0].endswith(" " + mark) \
            and mark not in cells[1], cells
        page = html.unescape(run(self.binary, "summary", lang, batch, forced))
        below = "dưới đây" if lang == "vi" else "below"
        assert d["notice"] and below not in page, (d["notice"], below)
        rows = re.findall(r'<table class="batch">.*?</table>', run(
            self.binary, "html", lang, batch, forced), re.S)
        assert rows and html.unescape(rows[0]).count(mark) == 1, rows

    def provenance(self, lang):
        """A report under a provisional pack says so and says how sure each
        result is, in every format; what it cannot check is listed."""
        f = [os.path.join(self.root, "examples", "digital-park-2026.xml")]
        d = json.loads(run(self.binary, "json", lang, f))["dossiers"][0]
        assert d["provisional"] is True and d["provisional_text"], d["file"]
        assert d["not_checked"]["items"] and d["not_checked"]["reason"]
        levels = {r["id"]: r["provenance"]["level"] for r in d["results"]}
        assert all(v in ("official", "press-consistent", "press-single")
                   for v in levels.values()), levels
        assert set(levels.values()) >= {"official", "press-consistent",
                                        "press-single"}, levels
        n = json.loads(run(self.binary, "ndjson", lang, f))
        assert [r["provenance"] for r in n["results"]] == \
            [r["provenance"] for r in d["results"]]
        sure = "Độ tin cậy" if lang == "vi" else "How sure"
        provisional = "tạm thời" if lang == "vi" else "provisional"
        text = run(self.binary, "text", lang, f)
        shown = [r for r in d["results"] if r["status"] != "not-applicable"]
        assert text.count(sure + ":") == len(shown), (text.count(sure), len(shown))
        verdict = [l for l in text.splitlines()
                   if l.startswith(("Verdict:", "Kết luận:"))]
        assert verdict and "(%s)" % provisional in verdict[0], verdict
        for item in d["not_checked"]["items"]:
            assert " ".join(item["title"].split()[:5]) in \
                re.sub(r"\s+", " ", text), item["id"]
        cells = verdict_cells(run(self.binary, "summary", lang, f))
        assert cells == [verdict_plain(d["verdict"], lang) + " (%s)"
                         % provisional], cells
        html = run(self.binary, "html", lang, f)
        assert html.count('data-provenance="') == len(shown)
        assert html.count("<li data-item=") == len(d["not_checked"]["items"])
        rows = list(csv.reader(io.StringIO(
            run(self.binary, "csv", lang, f).lstrip("\ufeff"), newline="")))
        col = dict(zip(rows[0], rows[1]))
        assert col["provisional"] == "true" and col["rulepack"] == "law71-2025"
        assert col["not_checked"].split(";") == [
            x["id"] for x in d["not_checked"]["items"]]
        suite = ET.fromstring(run(self.binary, "junit", lang, f)
                              .encode("utf-8")).find("testsuite")
        props = {p.get("name"): p.get("value")
                 for p in suite.find("properties").findall("property")}
        assert props["provisional"] == "true" and props["not-checked"]
        for case in suite.findall("testcase"):
            rid = case.get("name").split(" — ")[0]
            cp = case.find("properties")
            assert cp is not None, rid
            got = {p.get("name"): p.get("value") for p in cp.findall("property")}
            assert got["provenance"] == levels[rid], (rid, got)

    # ---- readings ----------------------------------------------------
    def readings(self, lang):
        """Every format shows each reading of an open provision: the JSON
        readings are the reference; CSV names the open rules with the
        readings that pass and fail, JUnit skips them saying so, NDJSON
        agrees, text and HTML give a line per reading."""
        ref = self.reference(lang)
        opened = [d for d in ref if d["verdict"] == "needs-ruling"]
        assert len(opened) >= 3, [d["file"] for d in opened]
        agreeing = 0
        for d in ref:
            for r in d["results"]:
                rs = r.get("readings")
                if rs is None:
                    continue
                assert len(rs) >= 2 and r["open_words"], (d["file"], r["id"])
                for x in rs:
                    assert set(x) == {"id", "status", "title",
                                      "explanation"}, x
                    assert x["status"] in ("pass", "fail", "unknown",
                                           "error"), x
                st = {x["status"] for x in rs}
                if r["status"] == "open":
                    assert {"pass", "fail"} <= st, (d["file"], r["id"], st)
                elif r["status"] in ("pass", "fail"):
                    assert st == {r["status"]}, (d["file"], r["id"], st)
                    agreeing += 1
        assert agreeing > 20, agreeing
        for d in opened:
            assert any(r["status"] == "open" for r in d["results"]), d["file"]
        files = [d["file"] for d in opened]
        text = run(self.binary, "csv", lang, files)
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"),
                                               newline="")))
        for row, d in zip(rows, opened):
            assert row["verdict"] == "needs-ruling", row
            for r in d["results"]:
                if r["status"] != "open":
                    continue
                want = "%s pass=%s fail=%s" % (
                    r["id"],
                    ",".join(x["id"] for x in r["readings"]
                             if x["status"] == "pass"),
                    ",".join(x["id"] for x in r["readings"]
                             if x["status"] == "fail"))
                assert want in row["open"].split(";"), (want, row["open"])
        root = ET.fromstring(run(self.binary, "junit", lang,
                                 files).encode("utf-8"))
        word = "CẦN XIN Ý KIẾN" if lang == "vi" else "OPEN"
        intro = " (Các cách hiểu: " if lang == "vi" else " (Readings: "
        for suite, d in zip(root.findall("testsuite"), opened):
            cases = {c.get("name").split(" — ")[0]: c
                     for c in suite.findall("testcase")}
            for r in d["results"]:
                if r["status"] != "open":
                    continue
                skipped = cases[r["id"]].find("skipped")
                msg = skipped.get("message")
                assert msg.startswith(word + ": "), msg
                assert intro in msg, msg
                for x in r["readings"]:
                    assert x["id"] + " = " in msg, (x["id"], msg)
        for line, d in zip(run(self.binary, "ndjson", lang,
                               files).splitlines(), opened):
            n = json.loads(line)
            for a, b in zip(n["results"], d["results"]):
                assert a.get("readings") == b.get("readings"), a["id"]
        for fmt in ("text", "html"):
            out = run(self.binary, fmt, lang, files[:1])
            flat = re.sub(r"\s+", " ", html.unescape(out) if fmt == "html"
                          else out)
            ruling = ("CẦN XIN Ý KIẾN CƠ QUAN CÓ THẨM QUYỀN" if lang == "vi"
                      else "NEEDS A RULING")
            assert ruling in flat, fmt
            for r in opened[0]["results"]:
                for x in r.get("readings") or []:
                    title = x["title"]
                    assert re.sub(r"\s+", " ", title) in flat, (fmt, title)
                    if fmt == "html":
                        assert 'data-reading="%s"' % x["id"] in out, x["id"]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    checks = Checks(os.path.abspath(argv[1]), argv[2])
    for lang in LANGS:
        checks.check("json comparisons typed, score null, notice (%s)" % lang,
                     checks.json_comparisons, lang)
        checks.check("json: a set read by several rules said the same by "
                     "each (%s)" % lang, checks.json_same_fact_same_words,
                     lang)
        checks.check("csv score and notice columns (%s)" % lang,
                     checks.csv_columns, lang)
        checks.check("junit score, score-meaning and notice properties, "
                     "comparisons in words (%s)" % lang,
                     checks.junit_properties, lang)
        checks.check("ndjson as json (%s)" % lang, checks.ndjson_fields, lang)
        checks.check("text and html: notice, no score when invalid, what "
                     "the score means (%s)" % lang, checks.text_and_html, lang)
        checks.check("readings in every format (%s)" % lang,
                     checks.readings, lang)
        checks.check("a share's shortfall in percentage points in every "
                     "format (%s)" % lang, checks.shortfalls, lang)
        checks.check("a file not read: no park, no rules, the reason (%s)"
                     % lang, checks.unread, lang)
        checks.check("a forced superseded regime marked in every format (%s)"
                     % lang, checks.superseded, lang)
        checks.check("provisional pack and provenance in every format (%s)"
                     % lang, checks.provenance, lang)
    print("1..%d" % len(checks.results))
    failed = 0
    for k, (ok, name, why) in enumerate(checks.results, 1):
        if ok:
            print("ok %d - %s" % (k, name))
        else:
            failed += 1
            print("not ok %d - %s: %s" % (k, name, why.replace("\n", " ")[:2000]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
