#!/usr/bin/env python3
"""The HTTP API of `parkcheck serve` through a real HTTP client.

    test_api.py PARKCHECK SOURCE_ROOT

Each endpoint, each error status, the security headers on every response,
the JSON report equal to `parkcheck check --format json`, the OpenAPI
description checked against the real responses (every response's status
documented for its path, every body valid against its schema), the access
log and a clean stop on SIGTERM and SIGINT. TAP on standard output.
"""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverctl import Server, Tap  # noqa: E402

SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, hdrs, data


def raw_exchange(port, data, timeout=10):
    """Sends bytes as they are; returns every byte the server sends back
    until it closes (or b"<timeout>" after them when it does not)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    out = b""
    try:
        s.sendall(data)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        out += b"<timeout>"
    except ConnectionResetError:
        pass
    finally:
        s.close()
    return out


def parse_responses(data):
    """The responses in a byte stream: [(status, headers, body)], each
    body by its Content-Length."""
    out = []
    while data.startswith(b"HTTP/1.1 "):
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            break
        lines = head.split(b"\r\n")
        hdrs = {}
        for line in lines[1:]:
            k, _, v = line.partition(b":")
            hdrs[k.strip().lower().decode()] = v.strip().decode("latin-1")
        n = int(hdrs.get("content-length", "0"))
        out.append((int(lines[0].split()[1]), hdrs, rest[:n]))
        data = rest[n:]
    return out


# ---- a small JSON Schema check, for the subset openapi.json uses ----

def resolve(doc, schema):
    while "$ref" in schema:
        node = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def validate(doc, schema, value, where="$"):
    schema = resolve(doc, schema)
    errors = []
    if value is None:
        if schema.get("nullable"):
            return []
        if "type" in schema:
            return [f"{where}: null where {schema['type']} is required"]
    for sub in schema.get("allOf", []):
        errors += validate(doc, sub, value, where)
    t = schema.get("type")
    types = {"object": dict, "array": list, "string": str,
             "boolean": bool, "integer": int, "number": (int, float)}
    if t is not None:
        if t in ("integer", "number") and isinstance(value, bool):
            return [f"{where}: a boolean where {t} is required"]
        if not isinstance(value, types[t]):
            return [f"{where}: {type(value).__name__} where {t} is required"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{where}: {k} is missing")
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                errors += validate(doc, sub, value[k], f"{where}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += validate(doc, schema["items"], v, f"{where}[{i}]")
    return errors


def main():
    parkcheck, root = sys.argv[1], sys.argv[2]
    t = Tap()
    near_miss = os.path.join(root, "examples", "near-miss.xml")
    with open(near_miss, "rb") as f:
        dossier = f.read()
    seen = []  # (template path, method, status, headers, body)

    with Server(parkcheck, ["--max-bytes", "65536"]) as s:
        def call(method, path, template, body=None, headers=None):
            st, h, data = request(s.port, method, path, body, headers)
            seen.append((template, method.lower(), st, h, data, path))
            return st, h, data

        # POST /v1/check: the report the CLI writes
        st, h, data = call("POST", "/v1/check?lang=en", "/v1/check", dossier,
                           {"Content-Type": "application/xml"})
        cli = subprocess.run([parkcheck, "check", "--format", "json",
                              "--lang", "en", near_miss],
                             capture_output=True)
        t.ok(st == 200 and h.get("content-type", "").startswith(
            "application/json"), "POST /v1/check: 200, JSON", (st, h))
        try:
            got = json.loads(data)
            want = json.loads(cli.stdout)
            for d in got["dossiers"] + want["dossiers"]:
                d.pop("file", None)
            t.ok(got == want, "POST /v1/check: the JSON report of "
                 "`parkcheck check --format json`, but for the file's name")
        except (ValueError, KeyError) as e:
            t.ok(False, "POST /v1/check: the JSON report", e)

        st, _, data = call("POST", "/v1/check?as-of=2024-01-02&lang=vi",
                           "/v1/check", dossier,
                           {"Content-Type": "text/xml; charset=utf-8"})
        t.ok(st == 200 and json.loads(data)["dossiers"][0]["date"] ==
             "2024-01-02", "POST /v1/check?as-of: the rules of that date")
        st, _, data = call("POST", "/v1/check?pack=nd154-2013", "/v1/check",
                           dossier, {"Content-Type": "application/xml"})
        t.ok(st == 200, "POST /v1/check?pack=ID of a loaded pack: 200",
             (st, data[:300]))

        # A media type's name is compared without regard to case, with
        # whitespace allowed before its parameters (RFC 9110 8.3.1).
        for ctype, want in [("Application/XML", 200),
                            ("application/xml ; charset=utf-8", 200),
                            ("TEXT/XML;charset=UTF-8", 200),
                            ("text/xml\t;charset=utf-8", 200),
                            ("application/xmlx", 415),
                            ("application/xml x", 415),
                            ("Application/JSON ; charset=utf-8", 415)]:
            st, _, data = call("POST", "/v1/check", "/v1/check", dossier,
                               {"Content-Type": ctype})
            t.ok(st == want, f"POST /v1/check, Content-Type {ctype!r}: "
                 f"{want}", (st, data[:200]))

        # a dossier that is invalid is still a dossier: 200, verdict invalid
        for name, body in [("not well-formed", b"<dossier format='1'"),
                           ("an unknown kind", dossier.replace(
                               b'kind="establishment"', b'kind="nonsense"')),
                           ("a DOCTYPE", b"<!DOCTYPE x [<!ENTITY a 'b'>]>"
                                         b"<dossier/>")]:
            st, _, data = call("POST", "/v1/check", "/v1/check", body,
                               {"Content-Type": "application/xml"})
            ok = st == 200 and json.loads(data)["dossiers"][0]["verdict"] == \
                "invalid"
            t.ok(ok, f"POST /v1/check, {name}: 200 with verdict invalid",
                 (st, data[:300]))

        # The dossier saved as "Unicode" by Notepad (UTF-16 with its byte
        # order mark, or without one): read as the command line reads it.
        st8, _, d8 = call("POST", "/v1/check", "/v1/check", dossier,
                          {"Content-Type": "application/xml"})
        for name, enc in (("UTF-16 LE with a BOM", "utf-16"),
                          ("UTF-16 BE without a BOM", "utf-16-be")):
            text = dossier.decode("utf-8").replace('encoding="UTF-8"',
                                                   'encoding="UTF-16"')
            st, _, data = call("POST", "/v1/check", "/v1/check",
                               text.encode(enc),
                               {"Content-Type": "application/xml"})
            try:
                same = (st == 200 and json.loads(data)["dossiers"][0]["verdict"]
                        == json.loads(d8)["dossiers"][0]["verdict"])
            except (ValueError, KeyError, IndexError):
                same = False
            t.ok(same, f"POST /v1/check, the dossier in {name}: read as "
                 "its UTF-8 twin", (st, data[:200]))

        # A dossier whose own date no pack is in force on is the dossier's
        # problem: a 200 with verdict invalid, its message whole (an as-of
        # with no pack in force is the request's: 422, below).
        st, _, data = call("POST", "/v1/check?lang=vi", "/v1/check",
                           dossier.replace(b'submitted="2024-09-16"',
                                           b'submitted="1990-01-01"'),
                           {"Content-Type": "application/xml"})
        try:
            d = json.loads(data)["dossiers"][0]
            # (the dossier's decisions, dated after 1990, are errors too)
            err = [e for e in d["errors"] if e["code"] == "nopack"][0]
            good = (st == 200 and d["verdict"] == "invalid" and
                    err["code"] == "nopack" and
                    err["message"].endswith("của <dossier>") and
                    "đến ngày 31/12/2025; " in err["message"] and
                    "từ ngày 01/01/2026); " in err["message"])
        except (ValueError, KeyError, IndexError):
            good, err = False, data[:300]
        t.ok(good, "POST /v1/check, a dossier dated 1990: 200, verdict "
             "invalid, nopack, the message whole", err)

        # a request that is not a dossier at all: 4xx with a JSON error
        cases = [
            ("an empty body", "POST", "/v1/check", b"", {}, 400),
            ("JSON", "POST", "/v1/check", b"{}",
             {"Content-Type": "application/json"}, 415),
            ("plain text", "POST", "/v1/check", b"hello",
             {"Content-Type": "application/xml"}, 400),
            ("past the size limit", "POST", "/v1/check",
             b"<dossier>" + b" " * 70000 + b"</dossier>",
             {"Content-Type": "application/xml"}, 413),
            ("an unknown pack", "POST", "/v1/check?pack=nope", dossier,
             {"Content-Type": "application/xml"}, 404),
            ("a pack not in force", "POST",
             "/v1/check?pack=nd154-2013&as-of=2000-01-01", dossier,
             {"Content-Type": "application/xml"}, 422),
            ("a bad lang", "POST", "/v1/check?lang=fr", dossier,
             {"Content-Type": "application/xml"}, 400),
            ("no pack in force on as-of", "POST",
             "/v1/check?as-of=1990-01-01", dossier,
             {"Content-Type": "application/xml"}, 422),
            ("GET", "GET", "/v1/check", None, {}, 405),
        ]
        for name, method, path, body, hdrs, want in cases:
            st, h, data = call(method, path, "/v1/check", body, hdrs)
            try:
                err = json.loads(data)["error"]
                good = st == want and err["status"] == want
            except (ValueError, KeyError, TypeError):
                good = False
            t.ok(good, f"{method} {path.split('?')[0]}, {name}: {want} "
                 "with a JSON error", (st, data[:300]))
        t.ok(seen[-1][3].get("allow") == "POST", "405 says Allow: POST")

        # GET endpoints
        st, _, data = call("GET", "/v1/packs", "/v1/packs")
        packs = json.loads(data) if st == 200 else {}
        t.ok(st == 200 and packs.get("packs") and packs.get("kinds"),
             "GET /v1/packs: the packs and the kinds", data[:300])
        kinds = [k["id"] for k in packs.get("kinds", [])]
        st, _, data = call("GET", "/v1/rules", "/v1/rules")
        rules = json.loads(data).get("rules", []) if st == 200 else []
        t.ok(st == 200 and len(rules) > 10, "GET /v1/rules: every rule")
        st, _, _ = call("GET", "/v1/rules?pack=nd154-2013&lang=en",
                        "/v1/rules")
        t.ok(st == 200, "GET /v1/rules?pack=ID: 200")
        st, _, _ = call("GET", "/v1/rules?pack=nope", "/v1/rules")
        t.ok(st == 404, "GET /v1/rules?pack=unknown: 404")
        if rules:
            rid = rules[0]["id"]
            st, _, data = call("GET", f"/v1/rules/{rid}?lang=vi",
                               "/v1/rules/{id}")
            t.ok(st == 200 and json.loads(data)["description"],
                 "GET /v1/rules/{id}: the rule, described")
        st, _, _ = call("GET", "/v1/rules/no-such-rule", "/v1/rules/{id}")
        t.ok(st == 404, "GET /v1/rules/{unknown}: 404")
        # Every kind of Decree 154's regime (in force to 31/12/2025) has a
        # form with repeatable rows; the successor regime's establishment
        # form asks for its own figures.
        for k in kinds:
            st, _, data = call("GET", f"/v1/form?kind={k}&lang=vi"
                               "&as-of=2025-06-01", "/v1/form")
            form = json.loads(data) if st == 200 else {}
            t.ok(st == 200 and form.get("kind") == k and
                 any(f["type"] == "group" for f in form.get("fields", [])),
                 f"GET /v1/form?kind={k}&as-of=2025-06-01: fields with rows",
                 data[:200])
            st, h, data = call("GET", f"/v1/template?kind={k}&lang=en",
                               "/v1/template")
            t.ok(st == 200 and data.startswith(b"<?xml") and
                 "attachment" in h.get("content-disposition", ""),
                 f"GET /v1/template?kind={k}: the skeleton as a download")
        st, _, data = call("GET", "/v1/form?kind=establishment&lang=vi"
                           "&as-of=2026-03-01", "/v1/form")
        t.ok(st == 200 and b"digital-industry" in data,
             "GET /v1/form?kind=establishment&as-of=2026-03-01: the successor"
             " regime's workforce field", data[:200])
        for path, want in [("/v1/form", 400), ("/v1/form?kind=nope", 400),
                           ("/v1/form?kind=establishment&as-of=1999-01-01",
                            422),
                           ("/v1/template?kind=nope", 400)]:
            st, _, data = call("GET", path, path.split("?")[0])
            t.ok(st == want and json.loads(data)["error"]["status"] == want,
                 f"GET {path}: {want}", (st, data[:200]))
        # A bad value is refused whatever its length, and a NUL byte (%00)
        # in a value or the path never cuts it short into a good one.
        long_pack = "x" * 80
        for method, path, want in [
                ("POST", "/v1/check?as-of=2024-13-01", 400),
                ("POST", "/v1/check?as-of=2024-06-01T00:00:00Z", 400),
                ("GET", "/v1/form?kind=establishment&as-of=2024-06-01"
                 "xxxxxxxxxxxxxxxx", 400),
                ("GET", "/v1/template?kind=establishment&as-of=2024-06-01"
                 "xxxxxxxxxxxxxxxx", 400),
                ("GET", "/v1/form?kind=establishment&as-of=2024-06-01%00",
                 400),
                ("GET", "/v1/rules?pack=" + long_pack, 404),
                ("POST", "/v1/check?pack=" + long_pack, 404),
                ("POST", "/v1/check?pack=nd154-2013%00x", 404),
                ("GET", "/v1/form?kind=establishment%00junk&lang=en", 400),
                ("GET", "/v1/form?kind=establishment&lang=en%00xx", 400),
                ("GET", "/v1/form?kind=" + "e" * 80, 400),
                ("GET", "/v1/packs%00.json", 400)]:
            tmpl = path.split("?")[0]
            st, _, data = call(method, path, tmpl if "%00" not in tmpl
                               else None, dossier if method == "POST"
                               else None,
                               {"Content-Type": "application/xml"}
                               if method == "POST" else None)
            try:
                good = st == want and json.loads(data)["error"]["status"] \
                    == want
            except (ValueError, KeyError, TypeError):
                good = False
            t.ok(good, f"{method} {path[:70]}: {want}", (st, data[:200]))
        # Every JSON error is UTF-8, whatever bytes the request brought:
        # a byte that is not UTF-8 echoed in a message is U+FFFD.
        for k in ["%ff", "%c3%28", "%ed%a0%80", "%f4%90%80%80", "%c0%af",
                  "abc%e2%82"]:
            for ep in ("/v1/form", "/v1/template"):
                st, _, data = call("GET", f"{ep}?kind={k}", ep)
                try:
                    msg = json.loads(data.decode("utf-8"))["error"]["message"]
                    good = st == 400 and "\ufffd" in msg
                except (ValueError, KeyError) as e:
                    good, msg = False, f"{e}: {data[:200]!r}"
                t.ok(good, f"GET {ep}?kind={k}: 400, the message valid "
                     "UTF-8", msg)
        st, _, data = call("GET", "/v1/form?kind=%c3%a9t", "/v1/form")
        t.ok(st == 400 and '"ét"' in json.loads(data)["error"]["message"],
             "a kind in UTF-8 is echoed as it was", data[:200])

        # The query's limit (8 KiB) is on the query as it was sent: '~'
        # is not re-encoded into three bytes before it is measured.
        q = "kind=establishment&note="
        for n, want in [(3024, 200), (8192, 200), (8193, 414)]:
            st, _, data = call("GET", "/v1/form?" + q + "~" * (n - len(q)),
                               "/v1/form")
            t.ok(st == want, f"GET /v1/form with a query of {n} bytes: "
                 f"{want}", (st, data[:200]))
        st, _, _ = call("GET", "/v1/packs?xlang=fr", "/v1/packs")
        t.ok(st == 200, "a parameter that ends in lang is not lang")
        st, _, _ = call("GET", "/v1/rules?lang=" + "e" * 40, "/v1/rules")
        t.ok(st == 400, "a lang too long to be any: 400")
        st, _, data = call("GET", "/v1/nothing", None)
        t.ok(st == 404 and json.loads(data)["error"]["status"] == 404,
             "GET /v1/nothing: 404 with a JSON error")
        st, _, data = call("DELETE", "/v1/packs", "/v1/packs")
        t.ok(st == 405, "DELETE /v1/packs: 405")
        st, _, data = call("GET", "/v1/openapi.json", "/v1/openapi.json")
        t.ok(st == 200, "GET /v1/openapi.json: 200")
        api = json.loads(data)
        t.ok(api.get("openapi", "").startswith("3."),
             "the description is OpenAPI 3")
        st, h, _ = call("GET", "/", None)
        t.ok(st == 200 and h.get("content-type", "").startswith("text/html"),
             "GET /: the workbench")
        for path, ctype in [("/workbench.css", "text/css"),
                            ("/workbench.js", "text/javascript")]:
            st, h, data = call("GET", path, None)
            t.ok(st == 200 and h.get("content-type", "").startswith(ctype)
                 and len(data) > 100, f"GET {path}: {ctype}, from the "
                 "server itself")

        # Opening a saved dossier in the workbench: a file the checker
        # refuses is refused on the start page, in the reader's language,
        # with the checker's reason and position; never raw JSON.
        def open_file(name, content, lang):
            b = "pkb0undary"
            body = (f"--{b}\r\nContent-Disposition: form-data; "
                    f"name=\"dossier\"; filename=\"{name}\"\r\n"
                    "Content-Type: text/xml\r\n\r\n").encode() + content + \
                f"\r\n--{b}--\r\n".encode()
            return call("POST", f"/open?lang={lang}", None, body,
                        {"Content-Type": f"multipart/form-data; boundary={b}"})

        legacy = (b'<?xml version="1.0" encoding="EUC-JP"?>\n<dossier '
                  b'kind="establishment"><park name="\xa3 \xc4\x91"/>'
                  b'</dossier>\n')
        st, h, data = open_file("cu.xml", legacy, "vi")
        page = data.decode("utf-8", "replace")
        t.ok(st == 400 and h.get("content-type", "").startswith("text/html")
             and "Không mở được tệp này" in page and "Dòng 1, cột 31" in page
             and "EUC-JP" in page and "UTF-8" in page and
             'action="/open?lang=vi"' in page,
             "/open, a file in a legacy encoding: the start page again, "
             "with the checker's reason and position in Vietnamese", page[-600:])
        st, h, data = open_file("hoso.txt", "Hồ sơ khu CNTT".encode(), "en")
        page = data.decode("utf-8", "replace")
        t.ok(st == 400 and h.get("content-type", "").startswith("text/html")
             and "This file cannot be opened" in page and
             "Line 1, column 1" in page and "not well-formed" in page,
             "/open, a file that is not XML: the reason, in English",
             page[-900:])
        st, h, data = open_file("hoso.docx", b"PK\x03\x04\x14\x00", "vi")
        page = data.decode("utf-8", "replace")
        t.ok(st == 400 and "Dòng 1, cột 6" in page and "NUL" in page,
             "/open, a Word file: where the bytes stop being text",
             page[-900:])
        st, h, data = open_file("near-miss.xml", dossier, "vi")
        t.ok(st == 200 and b'class="refused"' not in data and
             b"<form" in data, "/open, a dossier the checker reads: its form")
        # The workbench's own mistakes in the address are pages in the
        # drafter's language, never JSON, and never take the server down
        # (an unknown kind with no date crashed it once).
        for path, want in (
                ("/form?kind=bogus", "Không có loại hồ sơ “bogus”"),
                ("/form?kind=bogus&lang=en",
                 "There is no kind of dossier “bogus”"),
                ("/form?kind=bogus&date=2024-01-01",
                 "Không có loại hồ sơ “bogus”"),
                ("/form", "Chưa chọn loại hồ sơ"),
                ("/form?lang=en", "No kind of dossier chosen")):
            st, h, data = call("GET", path, None)
            page = data.decode("utf-8", "replace")
            t.ok(st == 400 and
                 h.get("content-type", "").startswith("text/html") and
                 want in page, f"GET {path}: 400, a page that says so",
                 (st, page[-300:]))
        st, _, _ = call("GET", "/v1/packs", "/v1/packs")
        t.ok(st == 200, "the server still answers after them")

        # A part of another name whose file is called "dossier" is not the
        # dossier: name="dossier" inside filename="…" is no name.
        b = "pkb0undary"
        body = (f"--{b}\r\nContent-Disposition: form-data; name=\"note\"; "
                "filename=\"dossier\"\r\nContent-Type: text/xml\r\n\r\n"
                ).encode() + dossier + f"\r\n--{b}--\r\n".encode()
        st, h, data = call("POST", "/open?lang=vi", None, body,
                           {"Content-Type":
                            f"multipart/form-data; boundary={b}"})
        t.ok(st == 400 and "Không đọc được tệp này như một hồ sơ XML"
             in data.decode("utf-8", "replace"),
             "/open, a part named note whose file is 'dossier': not opened",
             (st, data[-300:]))
        t.ok("encoding error" not in s.log() and
             "I/O error" not in s.log(),
             "nothing from libxml2 in the server's log", s.log()[-400:])

        # A body with no one length (RFC 9112 6.1, 6.3) is refused and its
        # connection closed: the bytes after the body as one reading of
        # the headers sees it are never answered as a request of their own.
        inner = b"GET /v1/rules/no-such-rule HTTP/1.1\r\nHost: x\r\n\r\n"
        head = (b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"application/xml\r\n")
        body = b"<a/>" + inner
        smuggled = [
            ("two Content-Length, the shorter first",
             b"Content-Length: 4\r\nContent-Length: %d\r\n\r\n" % len(body)
             + body),
            ("two Content-Length, the longer first",
             b"Content-Length: %d\r\nContent-Length: 4\r\n\r\n" % len(body)
             + body),
            ("Content-Length and Transfer-Encoding: chunked",
             b"Content-Length: 200\r\nTransfer-Encoding: chunked\r\n\r\n"
             b"4\r\n<a/>\r\n0\r\n\r\n" + inner),
            ("Transfer-Encoding: chunked and Content-Length",
             b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
             b"4\r\n<a/>\r\n0\r\n\r\n" + inner),
            ("Transfer-Encoding: gzip, chunked",
             b"Transfer-Encoding: gzip, chunked\r\n\r\n"
             b"4\r\n<a/>\r\n0\r\n\r\n" + inner),
            ("two Transfer-Encoding: chunked",
             b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"
             b"\r\n4\r\n<a/>\r\n0\r\n\r\n" + inner),
        ]
        for name, rest in smuggled:
            data = raw_exchange(s.port, head + rest)
            got = parse_responses(data)
            good = (len(got) == 1 and got[0][0] == 400 and
                    got[0][1].get("connection", "").lower() == "close" and
                    not data.endswith(b"<timeout>"))
            if got:
                seen.append(("/v1/check", "post", got[0][0], got[0][1],
                             got[0][2], "/v1/check (" + name + ")"))
            t.ok(good, f"POST /v1/check with {name}: one 400, the connection "
                 "closed, nothing after the body answered",
                 [(st, h.get("connection"), b[:120]) for st, h, b in got])
        data = raw_exchange(s.port, head + b"Content-Length: 4\r\n"
                            b"Content-Length: 4\r\nConnection: close\r\n"
                            b"\r\n<a/>")
        got = parse_responses(data)
        t.ok(len(got) == 1 and got[0][0] == 200,
             "two Content-Length of the same value: one length, answered",
             [(st, b[:120]) for st, _, b in got])

        # However many parameters a query has, the request is answered and
        # logged: 1,000 of them in 4 KB, 4,096 in 8 KiB, and 15,000 past
        # the 8 KiB limit (414).
        before = len(s.log())
        for n, param, want in [(1000, "a=1&", 200), (4096 - 10, "a&", 200),
                               (15000, "a&", 414)]:
            target = "/v1/form?kind=establishment&" + param * n
            data = raw_exchange(s.port, b"GET %s HTTP/1.1\r\nHost: x\r\n"
                                b"Connection: close\r\n\r\n"
                                % target.encode(), timeout=5)
            got = parse_responses(data)
            if got:
                seen.append(("/v1/form", "get", got[0][0], got[0][1],
                             got[0][2], f"/v1/form ({n} parameters)"))
            t.ok(len(got) == 1 and got[0][0] == want,
                 f"GET /v1/form with {n} parameters in {len(target)} bytes:"
                 f" {want}", data[:200])
        # (a line is written as the connection ends, maybe just after the
        # client saw it end)
        for _ in range(50):
            log = s.log()[before:]
            if log.count('"GET /v1/form" 200') == 2 and \
                    log.count('"GET /v1/form" 414') == 1:
                break
            time.sleep(0.05)
        t.ok(log.count('"GET /v1/form" 200') == 2 and
             log.count('"GET /v1/form" 414') == 1,
             "requests of many parameters are in the access log",
             log[-600:])

        # What any request can get, on every path the description has: a
        # bad lang (400), a query past 8 KiB (414), a body past the limit
        # (413), a method the path does not take (405, with Allow).
        rid = rules[0]["id"] if rules else "no-such-rule"
        for tmpl in api["paths"]:
            path = tmpl.replace("{id}", rid)
            sep = "&" if "?" in path else "?"
            if tmpl in ("/v1/form", "/v1/template"):
                path += "?kind=establishment"
                sep = "&"
            method = "POST" if "post" in api["paths"][tmpl] else "GET"
            body = dossier if method == "POST" else None
            hdrs = {"Content-Type": "application/xml"}
            for what, m, p, b, want in [
                    ("lang=xx", method, path + sep + "lang=xx", body, 400),
                    ("a query of 9,000 bytes", method,
                     path + sep + "x=" + "a" * 9000, body, 414),
                    ("a body of 70,000 bytes", method, path,
                     b"<a>" + b" " * 70000 + b"</a>", 413),
                    ("the wrong method", "GET" if method == "POST" else
                     "POST", path, body, 405)]:
                st, h, data = call(m, p, tmpl, b, hdrs)
                t.ok(st == want and (want != 405 or h.get("allow")),
                     f"{m} {tmpl}, {what}: {want}", (st, data[:200]))

        # What libmicrohttpd refuses itself, once it has read the request
        # line, is in the access log too, with the path as sent; it says
        # no status (docs/server.md).
        refused = [
            ("a header without a colon",
             b"GET /refused-1 HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n"),
            ("headers past 64 KiB",
             b"GET /refused-2 HTTP/1.1\r\nHost: x\r\nX-Big: " +
             b"a" * 70000 + b"\r\n\r\n"),
            ("a negative length",
             b"POST /refused-3 HTTP/1.1\r\nHost: x\r\nContent-Length: -1"
             b"\r\n\r\n"),
            ("a length past 2^64",
             b"POST /refused-4 HTTP/1.1\r\nHost: x\r\nContent-Length: "
             b"18446744073709551617\r\n\r\n<a/>"),
            ("a bad chunk",
             b"POST /refused-5 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
             b"chunked\r\n\r\nZZ\r\n<a/>\r\n0\r\n\r\n")]
        for i, (name, req) in enumerate(refused, 1):
            data = raw_exchange(s.port, req, timeout=5)
            want = f'/refused-{i}" - 0 '
            for _ in range(50):
                line = [x for x in s.log().splitlines() if want in x]
                if line:
                    break
                time.sleep(0.05)
            t.ok(data.startswith(b"HTTP/1.1 4") and line and
                 line[0].endswith("(refused by libmicrohttpd)"),
                 f"{name}: refused by libmicrohttpd, and logged",
                 (data[:60], s.log()[-300:]))

        # Every response carries the security headers.
        bad = [(m, p, st) for (_, m, st, h, _, p) in seen
               if any(h.get(k) != v for k, v in SECURITY.items()) or
               "frame-ancestors 'none'" not in h.get(
                   "content-security-policy", "") or
               "set-cookie" in h]
        t.ok(not bad, "every response: CSP with frame-ancestors 'none', "
             "nosniff, no-referrer, no cookie", bad[:5])

        # The OpenAPI description against the real responses.
        problems = []
        for tmpl, method, st, h, data, path in seen:
            if tmpl is None:
                continue
            path = path if len(path) < 80 else path[:76] + "…"

            op = api["paths"].get(tmpl, {}).get(method)
            if op is None:
                # a method the path does not take: its 405 is listed on
                # the operations the path has
                ops = api["paths"].get(tmpl, {}).values()
                if st != 405 or not any("405" in o.get("responses", {})
                                        for o in ops):
                    problems.append(f"{method} {tmpl}: {st}, not described")
                continue
            resp = op["responses"].get(str(st))
            if resp is None:
                problems.append(f"{method} {path}: status {st} not "
                                "documented")
                continue
            resp = resolve(api, resp)
            ctype = h.get("content-type", "").split(";")[0]
            content = resp.get("content", {})
            if ctype not in content:
                problems.append(f"{method} {path}: {ctype} not documented "
                                f"for {st}")
                continue
            if ctype == "application/json":
                problems += [f"{method} {path}: {e}" for e in validate(
                    api, content[ctype]["schema"], json.loads(data))][:5]
        t.ok(not problems, "every response is what openapi.json says "
             f"({len(seen)} responses)", "\n".join(problems[:30]))
        for tmpl in api["paths"]:
            t.ok(any(x[0] == tmpl for x in seen),
                 f"openapi.json's {tmpl} is exercised")

        log = s.log()
        t.ok(log.count('"POST /v1/check') >= 10 and
             '"GET /v1/packs" 200' in log,
             "one access-log line per request on stderr", log[-800:])
        t.ok(s.stop(signal.SIGTERM) == 0 and "stopping" in s.log(),
             "SIGTERM stops it cleanly (exit 0)", s.log()[-300:])

    with Server(parkcheck, ["--quiet"]) as s:
        st, _, _ = request(s.port, "GET", "/v1/packs")
        t.ok(st == 200 and '"GET' not in s.log(), "--quiet: no access log")
        t.ok(s.stop(signal.SIGINT) == 0, "SIGINT stops it cleanly (exit 0)")

    r = subprocess.run([parkcheck, "serve", "--listen", "nowhere"],
                       capture_output=True, text=True, timeout=30)
    t.ok(r.returncode == 2 and "ADDR:PORT" in r.stderr,
         "serve --listen without a port: a usage error", r.stderr)
    r = subprocess.run([parkcheck, "serve", "--threads", "0"],
                       capture_output=True, text=True, timeout=30)
    t.ok(r.returncode == 2, "serve --threads 0: a usage error", r.stderr)
    r = subprocess.run([parkcheck, "help", "serve"], capture_output=True,
                       text=True, timeout=30)
    t.ok(r.returncode == 0 and "--listen" in r.stdout, "parkcheck help serve")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
