#!/usr/bin/env python3
"""The workbench loses none of the drafter's data, over plain HTTP (the
form posted as a browser with JavaScript off posts it).

    test_workbench_data.py PARKCHECK SOURCE_ROOT

Every example and every conformance case's dossier opened ("Mở hồ sơ")
and downloaded at once ("Tải hồ sơ (XML)") gets the same results from
`parkcheck check` as the file itself; what the form does not offer is kept
and listed. TAP output.
"""
import datetime
import glob
import html
import html.parser
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverctl import Server, Tap  # noqa: E402


class Form(html.parser.HTMLParser):
    """The fields of the page's dossier form, as a browser submits them:
    text, date and hidden inputs (a date field keeps only a date, a
    one-line field drops line ends), checked boxes, the chosen option of
    each select (the first when none is), text areas."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.action = None
        self.fields = []
        self._in = False
        self._select = None
        self._option = None
        self._area = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "dossier-form":
            self._in = True
            self.action = a.get("action")
        if not self._in:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            value = a.get("value", "")
            if kind == "checkbox":
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
                return
            if kind == "date" and not is_date(value):
                value = ""
            if kind in ("text", "date"):
                value = value.replace("\r", "").replace("\n", "")
            self.fields.append((a["name"], value))
        elif tag == "select":
            self._select = [a.get("name"), None, None]
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea":
            self._area = [a.get("name"), ""]

    def handle_data(self, data):
        if self._area is not None:
            self._area[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in = False
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self.fields.append((name, chosen if chosen is not None
                                else first or ""))
            self._select = None
        elif tag == "textarea" and self._area is not None:
            self.fields.append((self._area[0],
                                self._area[1].lstrip("\n")))
            self._area = None


def is_date(s):
    try:
        return len(s) == 10 and bool(datetime.date.fromisoformat(s))
    except ValueError:
        return False


class Client:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, hdrs, data

    def open(self, data, lang="vi"):
        b = "----pk" + uuid.uuid4().hex
        body = (f"--{b}\r\nContent-Disposition: form-data; "
                f"name=\"dossier\"; filename=\"hs.xml\"\r\n"
                "Content-Type: application/xml\r\n\r\n").encode() + data + \
            f"\r\n--{b}--\r\n".encode()
        return self.request("POST", f"/open?lang={lang}", body, {
            "Content-Type": f"multipart/form-data; boundary={b}"})

    def post(self, action, fields, extra=b""):
        body = urllib.parse.urlencode(fields).encode() + extra
        return self.request("POST", html.unescape(action), body, {
            "Content-Type": "application/x-www-form-urlencoded"})

    def press(self, page, button, change=None):
        """Presses a button of the page's form, as a browser would post
        it, after setting the fields in change."""
        f = Form(page.decode(errors="replace"))
        if f.action is None:
            return 0, {}, b""
        fields = f.fields
        if change:
            fields = [(k, change.get(k, v)) for k, v in fields]
        return self.post(f.action, fields + [("action", button)])


def check_json(parkcheck, paths):
    """`parkcheck check --format json` of each path: its verdict, score,
    errors and each rule's outcome (positions left out: the file written
    lays out its elements in its own order)."""
    r = subprocess.run([parkcheck, "check", "--format", "json"] + paths,
                       capture_output=True)
    out = {}
    for d in json.loads(r.stdout)["dossiers"]:
        out[d["file"]] = {
            "verdict": d["verdict"], "score": d.get("score"),
            "errors": sorted(re.sub(r"\b(line|dòng) \d+", r"\1 N",
                                    e["message"])
                             for e in d.get("errors", [])),
            # but the file written declares UTF-8, as the checker asks
            "warnings": sorted(re.sub(r"\b(line|dòng) \d+", r"\1 N",
                                      e["message"])
                               for e in d.get("warnings", [])
                               if not e["message"].startswith(
                                   "the file declares encoding=")),
            "results": {x["id"]: (x["status"], json.dumps(x.get("values")),
                                  json.dumps(x.get("missing")))
                        for x in d.get("results", [])}}
    return out


def differences(a, b):
    diff = []
    for key in ("verdict", "score", "errors", "warnings"):
        if a[key] != b[key]:
            diff.append(f"{key}: {a[key]} -> {b[key]}")
    for rule in sorted(set(a["results"]) | set(b["results"])):
        if a["results"].get(rule) != b["results"].get(rule):
            diff.append(f"{rule}: {a['results'].get(rule)} -> "
                        f"{b['results'].get(rule)}")
    return diff


def round_trip(t, c, parkcheck, root):
    def shown(path):
        return os.path.relpath(path, root) if path.startswith(root) \
            else os.path.basename(path)

    # under valgrind, every third case (as the CLI's conformance test)
    stride = int(os.environ.get("PK_CASES_STRIDE", "1"))
    files = sorted(glob.glob(os.path.join(root, "examples", "*.xml"))) + \
        sorted(glob.glob(os.path.join(root, "tests", "cases", "*",
                                      "dossier.xml")))[::stride]
    tmp = tempfile.mkdtemp(prefix="pk-wb-data-")
    # rows and a list with nothing in them, which the checker reads as
    # unfinished or empty
    with open(os.path.join(root, "examples", "near-miss.xml"),
              encoding="utf-8") as f:
        near = f.read()
    for name, old, new in [
            ("function", '<function name="rnd"/>',
             '<function name="rnd"/><function/>'),
            ("zone", "</zones>", "<zone/></zones>"),
            ("covers", '<covers topic="necessity"/>',
             '<covers topic="necessity"/><covers></covers>'),
            ("document", "</documents>", "<document/></documents>"),
            ("zones", re.search(r"<zones>.*</zones>", near, re.S).group(0),
             "<zones/>")]:
        path = os.path.join(tmp, f"empty-{name}.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(near.replace(old, new, 1))
        files.append(path)
    pairs, refused, failed = [], [], []
    for i, path in enumerate(files):
        with open(path, "rb") as f:
            data = f.read()
        st, h, page = c.open(data)
        if st != 200:
            if st != 400 or b'class="refused"' not in page or \
                    not h.get("content-type", "").startswith("text/html"):
                failed.append(f"{shown(path)}: open {st}, "
                              "not the start page")
            refused.append(path)
            continue
        st, h, xml = c.press(page, "download")
        if st != 200 or not h.get("content-type", "").startswith(
                "application/xml"):
            failed.append(f"{shown(path)}: download {st}")
            continue
        out = os.path.join(tmp, f"{i}.xml")
        with open(out, "wb") as f:
            f.write(xml)
        pairs.append((path, out))
    # what the workbench does not open, the checker cannot judge either
    for path, res in check_json(parkcheck, refused).items():
        if res["verdict"] != "invalid":
            failed.append(f"{shown(path)}: not opened, but "
                          f"the checker reads it ({res['verdict']})")
    before = check_json(parkcheck, [p for p, _ in pairs])
    after = check_json(parkcheck, [o for _, o in pairs])
    for path, out in pairs:
        diff = differences(before[path], after[out])
        if diff:
            failed.append(f"{shown(path)}: " +
                          "; ".join(diff[:4]))
    examples = [p for p, _ in pairs if "/examples/" in p]
    t.ok(len(examples) == len(glob.glob(os.path.join(root, "examples",
                                                     "*.xml"))),
         "Mở hồ sơ opens every example", refused[:5])
    t.ok(not failed and len(pairs) > len(files) * 3 // 4,
         f"Mở hồ sơ then Tải hồ sơ: parkcheck check gives the downloaded "
         f"file the results of the file opened ({len(pairs)} dossiers; "
         f"{len(refused)} the workbench does not open)",
         "\n".join(failed[:30]))
    shutil.rmtree(tmp)


def kept_listed(t, c, root):
    with open(os.path.join(root, "examples", "binh-duong.xml"), "rb") as f:
        st, _, page = c.open(f.read())
    kept = page.decode()
    kept = kept[kept.find('<section class="kept"'):]
    kept = kept[:kept.find("</section>")]
    t.ok(st == 200 and "documents</code>: contents = “partly-listed”" in
         kept and "investment</code>: unit = “billion-VND”; “10000”" in kept
         and "park/status</code>: “planned”" in kept,
         "what the form does not offer is listed as kept, with its value",
         kept[:600])
    # kept through a press of Kiểm tra, then downloaded
    st, _, page = c.press(page, "check")
    st2, _, xml = c.press(page, "download")
    t.ok(st == 200 and st2 == 200 and b'contents="partly-listed"' in xml and
         b'<investment unit="billion-VND">10000</investment>' in xml and
         b"<status>planned</status>" in xml,
         "kept through Kiểm tra, and in the file downloaded after it",
         xml.decode(errors="replace")[:900])


def facts(xml):
    """Every attribute and element text of a dossier, by path."""
    out = set()

    def walk(e, path):
        for k, v in e.attrib.items():
            out.add((path + "/@" + k, v))
        if len(e) == 0 and (e.text or "").strip():
            out.add((path, e.text.strip()))
        seen = {}
        for kid in e:
            seen[kid.tag] = seen.get(kid.tag, 0) + 1
            walk(kid, f"{path}/{kid.tag}[{seen[kid.tag]}]")
    root = ET.fromstring(xml)
    walk(root, "/" + root.tag)
    return out


def field_value(page, name):
    for k, v in Form(page.decode(errors="replace")).fields:
        if k == name:
            return v
    return None


def beside(page, name):
    """The problems shown beside the field named name."""
    text = page.decode(errors="replace")
    at = text.find(f'name="{html.escape(name)}"')
    if at < 0:
        return []
    box = text[text.rfind('<div class="field">', 0, at):]
    box = box[:box.find("</div>")]
    return [html.unescape(re.sub("<[^>]+>", "", x))
            for x in re.findall(r"<li[^>]*>(.*?)</li>", box)]


def rules_applied(page):
    m = re.search(r"(?:Quy định áp dụng|Rules applied): ([^ ]+)",
                  page.decode())
    return m.group(1) if m else None


def date_change(t, c, parkcheck, root):
    src = os.path.join(root, "examples", "near-miss.xml")
    with open(src, "rb") as f:
        data = f.read()
    want = facts(data)
    st, _, page = c.open(data)
    _, _, xml = c.press(page, "download")
    direct = facts(xml)
    # JavaScript off: the drafter sets the submission date to one of the
    # other regime, presses Kiểm tra, then sets it back
    st, _, later = c.press(page, "check",
                           {"/dossier/@submitted": "2026-01-02"})
    _, _, xml = c.press(later, "download")
    got = facts(xml)
    lost = {x for x in want - got if x[0] != "/dossier/@submitted"}
    changed = {x for x in got ^ direct if x[0] != "/dossier/@submitted"}
    t.ok(st == 200 and rules_applied(later) == "law71-2025" and not lost and
         not changed,
         "a submission date of the other regime: its form, and the file "
         "downloaded then is the one downloaded before but for the date",
         (sorted(lost)[:10], sorted(changed)[:10]))
    st, _, back = c.press(later, "check",
                          {"/dossier/@submitted": "2024-09-16"})
    _, _, xml = c.press(back, "download")
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as f:
        f.write(xml)
    res = check_json(parkcheck, [src, f.name])
    os.unlink(f.name)
    diff = differences(res[src], res[f.name])
    t.ok(st == 200 and rules_applied(back) == "nd154-2013" and not diff and
         len(Form(back.decode()).fields) >= len(Form(page.decode()).fields),
         "the date set back: the first form again with every value, and "
         "parkcheck check gives the file the results of the one opened",
         diff[:10])

    # the date typed the Vietnamese way: an error beside the date field,
    # the form kept, nothing dropped
    st, _, typed = c.press(page, "check",
                           {"/dossier/@submitted": "16/09/2024"})
    notes = beside(typed, "/dossier/@submitted")
    _, _, xml = c.press(typed, "download")
    lost = {x for x in want - facts(xml) if x[0] != "/dossier/@submitted"}
    t.ok(st == 200 and rules_applied(typed) == "nd154-2013" and
         any("16/09/2024" in n and "2024-09-16" in n for n in notes) and
         any(n.startswith("<dossier submitted>") for n in notes) and
         field_value(typed, "/dossier/@submitted") == "16/09/2024" and
         not lost,
         "a date typed 16/09/2024: said beside the date field (written "
         "2024-09-16), with the checker's own error, the form and every "
         "value kept",
         (rules_applied(typed), notes, sorted(lost)[:10]))

    # a date in the address that no form can be made for
    for date, status, shown in [("2099-13-45", 400, "2099-13-45"),
                                ("24-06-01", 400, "24-06-01"),
                                ("1990-01-01", 422, "1990-01-01"),
                                ("%FF%01x", 400, "??x")]:
        st, _, page = c.request(
            "GET", f"/form?lang=vi&kind=establishment&date={date}&go=1")
        text = page.decode(errors="replace")
        t.ok(st == status and 'class="refused"' in text and shown in text and
             'name="/dossier/@submitted"' not in text and
             "\ufffd" not in text,
             f"/form with the date {date}: {status}, said on the start page "
             "(in UTF-8), not a form of today's rules", (st, text[-700:]))
    st, _, page = c.request(
        "GET", "/form?lang=vi&kind=establishment&date=2024-06-01&go=1")
    t.ok(st == 200 and field_value(page, "/dossier/@submitted") ==
         "2024-06-01", "/form with a good date: its form, with that date")


def many_rows(t, c, parkcheck, root):
    src = os.path.join(root, "examples", "near-miss.xml")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    zones = "".join(f'<zone group="core" type="it-production" area="0.5" unit="ha">'
                    f"Phân khu {i}</zone>\n" for i in range(1, 251))
    text = re.sub(r"<zones>.*?</zones>", "<zones>" + zones + "</zones>",
                  text, flags=re.S)
    data = text.encode()
    st, _, page = c.open(data)
    shown = len(re.findall(rb'<select name="/dossier/zones/zone\[\d+\]/@type"',
                           page))
    notice = re.search(r'<p class="limit"[^>]*>(.*?)</p>', page.decode())
    _, _, checked = c.press(page, "check")
    _, _, xml = c.press(checked, "download")
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a.xml"), os.path.join(d, "b.xml")
        with open(a, "wb") as f:
            f.write(data)
        with open(b, "wb") as f:
            f.write(xml)
        res = check_json(parkcheck, [a, b])
        diff = differences(res[a], res[b])
    t.ok(st == 200 and shown == 200 and notice is not None and
         "250" in notice.group(1) and "201" in notice.group(1),
         "a list of 250 rows: 200 shown, and the page says the other 50 are "
         "kept", notice.group(1) if notice else page.decode()[-400:])
    t.ok(xml.count(b"<zone ") == 250 and not diff,
         "after Kiểm tra, the file downloaded has all 250 rows, and "
         "parkcheck check gives it the results of the one opened", diff[:5])


def repeated_and_bad_characters(t, c, parkcheck):
    st, _, page = c.request(
        "GET", "/form?lang=vi&kind=establishment&date=2024-06-01&go=1")
    f = Form(page.decode())
    zone = "/dossier/zones/zone[1]/@"
    fields = [(k, v) for k, v in f.fields
              if k not in (zone + "area", zone + "group", zone + "type",
                           "/dossier/park/name")]
    # a field posted twice: one value, the same on the page and in the file
    dup = fields + [(zone + "group", "core"), (zone + "type", "it-production"),
                    ("/dossier/zones/zone[1]/@area", "5"),
                    ("/dossier/zones/zone[1]/@area", "7"),
                    ("/dossier/park/name", "A"), ("/dossier/park/name", "B")]
    st, _, shown = c.post(f.action, dup + [("action", "check")])
    st2, _, xml = c.post(f.action, dup + [("action", "download")])
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as tmp:
        tmp.write(xml)
    r = subprocess.run([parkcheck, "check", "--format", "json", tmp.name],
                       capture_output=True)
    os.unlink(tmp.name)
    errors = json.loads(r.stdout)["dossiers"][0].get("errors", []) \
        if r.stdout else ["no report"]
    t.ok(st == 200 and st2 == 200 and not errors and
         xml.count(b'area="') == 1 and
         field_value(shown, "/dossier/zones/zone[1]/@area") == "5" and
         b'area="5"' in xml and field_value(shown, "/dossier/park/name") ==
         "A" and b"<name>A</name>" in xml,
         "a field posted twice: its first value, on the page and in the "
         "file, which parkcheck check reads without an error",
         (errors, xml.decode(errors="replace")[:400]))

    # control characters and bytes that are not UTF-8
    bad = urllib.parse.urlencode(fields).encode() + \
        b"&%2Fdossier%2Fpark%2Fname=Khu%01%0BCNTT%FF%FE%EF%BF%BF"
    st, _, refused = c.request("POST", html.unescape(f.action),
                               bad + b"&action=download", {
                                   "Content-Type":
                                   "application/x-www-form-urlencoded"})
    try:
        refused.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    notes = beside(refused, "/dossier/park/name")
    t.ok(st == 400 and utf8 and b'class="refused"' in refused and
         field_value(refused, "/dossier/park/name") == "KhuCNTT" and notes,
         "control characters or bytes that are not UTF-8: no file; the page "
         "(UTF-8) shows the value without them and says so beside it",
         (st, notes, refused[:300]))
    st, h, xml = c.press(refused, "download")
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as tmp:
        tmp.write(xml)
    r = subprocess.run([parkcheck, "check", "--format", "json", tmp.name],
                       capture_output=True)
    os.unlink(tmp.name)
    t.ok(st == 200 and b"<name>KhuCNTT</name>" in xml and
         r.stdout and not json.loads(r.stdout)["dossiers"][0]["errors"],
         "downloaded again: a file parkcheck check reads",
         (st, xml[:300], r.stdout[:300]))


def main():
    parkcheck, root = sys.argv[1], sys.argv[2]
    t = Tap()
    with Server(parkcheck) as s:
        c = Client(s.port)
        round_trip(t, c, parkcheck, root)
        kept_listed(t, c, root)
        date_change(t, c, parkcheck, root)
        many_rows(t, c, parkcheck, root)
        repeated_and_bad_characters(t, c, parkcheck)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
