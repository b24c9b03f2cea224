#!/usr/bin/env python3
"""Behaviour tests of the parkcheck command line.

Usage: test_cli.py PARKCHECK_BINARY SOURCE_ROOT

Uses whatever dossiers are in SOURCE_ROOT/examples (*.xml, recursively).
Prints each test, then a plain line "N passed, M failed"; exits 1 on any
failure. Standard library only.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

PARKCHECK = None
ROOT = None
TIMEOUT = 60
# The valgrind lane runs parkcheck through a wrapper (tests/valgrind/wrap.sh).
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
CHECK_HINT = "Try 'parkcheck check --help'."
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def env_with(**extra):
    """The test's environment with no locale, plus extra."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.update(extra)
    return env


def run(args, stdin_data=b"", env=None, cwd=None):
    return subprocess.run(WRAPPER + [PARKCHECK] + list(args), input=stdin_data,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=TIMEOUT, env=env if env is not None else env_with(),
                          cwd=cwd)


def examples():
    """The example dossiers as the command finds them in the directory:
    *.xml files, recursively, not through links to directories, sorted."""
    top = os.path.join(ROOT, "examples")
    found = []
    for dirpath, _dirs, files in os.walk(top):
        for name in files:
            path = os.path.join(dirpath, name)
            if (len(name) > 4 and name.lower().endswith(".xml")
                    and not name.startswith("._") and os.path.isfile(path)):
                found.append(path)
    return sorted(found)


def dossiers_of(proc):
    doc = json.loads(proc.stdout.decode("utf-8"))
    return doc["dossiers"]


class CliTest(unittest.TestCase):
    maxDiff = None

    def need_examples(self, at_least=1):
        ex = examples()
        if len(ex) < at_least:
            self.fail("needs at least %d dossier(s) in %s/examples, found %d"
                      % (at_least, ROOT, len(ex)))
        return ex

    def assert_usage_error(self, args, *mentions):
        proc = run(args)
        err = proc.stderr.decode("utf-8", "replace")
        self.assertEqual(proc.returncode, 4, "exit status of %r: %s" % (args, err))
        self.assertTrue(err.startswith("parkcheck: "), err)
        self.assertIn(CHECK_HINT, err)
        self.assertEqual(proc.stdout, b"", "nothing on stdout for a usage error")
        for m in mentions:
            self.assertIn(m, err)
        return err

    def tempdir(self):
        d = tempfile.mkdtemp(prefix="parkcheck-test-")
        self.addCleanup(shutil.rmtree, d, True)
        return d


class VersionAndHelp(CliTest):
    def test_version(self):
        for flag in ("--version", "-V"):
            proc = run([flag])
            self.assertEqual(proc.returncode, 0)
            out = proc.stdout.decode()
            m = re.fullmatch(r"parkcheck (\d+\.\d+\.\d+) \(library (\d+\.\d+\.\d+)\)\n", out)
            self.assertIsNotNone(m, out)
            self.assertEqual(m.group(1), m.group(2), "header and library versions differ")

    def test_help(self):
        for args in (["--help"], ["-h"], ["help"]):
            proc = run(args)
            self.assertEqual(proc.returncode, 0, args)
            out = proc.stdout.decode()
            for word in ("check", "--version", "--help"):
                self.assertIn(word, out, args)

    def test_check_help(self):
        for args in (["check", "--help"], ["check", "-h"], ["help", "check"]):
            proc = run(args)
            self.assertEqual(proc.returncode, 0, args)
            out = proc.stdout.decode()
            for word in ("--rules", "--format", "--lang", "--jobs", "--as-of",
                         "--max-size", "--help", "text", "json", "vi", "en"):
                self.assertIn(word, out)
            for status in range(6):
                self.assertRegex(out, r"(?m)^\s*%d\s" % status, "exit status %d" % status)
            # 5 is a verdict too, and finding no dossier at all is 4, as
            # the man page and the README say.
            statuses = out[out.index("Exit status"):]
            self.assertRegex(statuses, r"(?m)^\s*5\s+.*ruling")
            self.assertIn("no dossier", statuses)

    def test_no_command(self):
        proc = run([])
        self.assertEqual(proc.returncode, 4)
        self.assertIn(b"parkcheck: ", proc.stderr)

    def test_unknown_command(self):
        proc = run(["chekc"])
        self.assertEqual(proc.returncode, 4)
        self.assertIn(b"chekc", proc.stderr)


class UsageErrors(CliTest):
    def setUp(self):
        self.path = self.need_examples()[0]

    def test_unknown_option(self):
        self.assert_usage_error(["check", "--frobnicate", self.path], "--frobnicate")

    def test_unknown_format(self):
        self.assert_usage_error(["check", "--format", "xml", self.path],
                                "xml", "text", "json")

    def test_bad_lang(self):
        self.assert_usage_error(["check", "--lang", "fr", self.path], "fr")

    def test_jobs_zero(self):
        self.assert_usage_error(["check", "--jobs", "0", self.path])

    def test_jobs_negative(self):
        self.assert_usage_error(["check", "--jobs", "-1", self.path])

    def test_jobs_not_a_number(self):
        self.assert_usage_error(["check", "--jobs", "abc", self.path])

    def test_jobs_too_many(self):
        self.assert_usage_error(["check", "--jobs=257", self.path])

    def test_as_of_not_a_date(self):
        self.assert_usage_error(["check", "--as-of", "2024-02-30", self.path], "2024-02-30")

    def test_as_of_wrong_shape(self):
        self.assert_usage_error(["check", "--as-of=2024/01/01", self.path], "2024/01/01")

    def test_bad_max_size(self):
        self.assert_usage_error(["check", "--max-size", "10k", self.path])

    def test_no_path(self):
        self.assert_usage_error(["check", "--format", "json"])

    def test_option_without_value(self):
        self.assert_usage_error(["check", self.path, "--format"], "--format")

    def test_stdin_twice(self):
        self.assert_usage_error(["check", "-", "-"])


class Options(CliTest):
    def test_equals_and_separate_values_agree(self):
        ex = self.need_examples()
        a = run(["check", "--format=json", "--lang=en", "--jobs=2"] + ex)
        b = run(["check", "--format", "json", "--lang", "en", "--jobs", "2"] + ex)
        self.assertEqual(a.stdout, b.stdout)
        self.assertEqual(a.returncode, b.returncode)
        json.loads(a.stdout.decode("utf-8"))

    def test_double_dash_ends_options(self):
        # A relative name that looks like an option.
        d = self.tempdir()
        shutil.copyfile(self.need_examples()[0], os.path.join(d, "--format"))
        proc = run(["check", "--format", "json", "--", "--format"], cwd=d)
        self.assertIn(proc.returncode, (0, 1, 2, 3), proc.stderr)
        self.assertEqual([x["file"] for x in dossiers_of(proc)], ["--format"])


class RulePacks(CliTest):
    def test_rules_nonexistent(self):
        proc = run(["check", "--rules", "/nonexistent/parkcheck/rules.xml",
                    self.need_examples()[0]])
        self.assertEqual(proc.returncode, 4, proc.stderr)
        self.assertIn(b"/nonexistent/parkcheck/rules.xml", proc.stderr)
        self.assertEqual(proc.stdout, b"")

    def test_rules_not_xml(self):
        path = os.path.join(self.tempdir(), "not-a-pack.xml")
        with open(path, "w") as f:
            f.write("this is not XML at all\n")
        proc = run(["check", "--rules", path, self.need_examples()[0]])
        self.assertEqual(proc.returncode, 4, proc.stderr)
        self.assertIn(path.encode(), proc.stderr)
        self.assertEqual(proc.stdout, b"")

    def test_rules_problems_in_the_readers_language(self):
        # A pack's problems come from the message registry: told in
        # Vietnamese with --lang vi, in English with --lang en, at the same
        # line and column.
        with open(os.path.join(ROOT, "rules", "nd154-2013", "nd154-2013.xml"),
                  encoding="utf-8") as f:
            pack = f.read().replace('<fact id="total_workers"',
                                    '<fact id="total workers"', 1)
        path = os.path.join(self.tempdir(), "pack.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(pack)
        vi = run(["check", "--lang", "vi", "--rules", path,
                  self.need_examples()[0]])
        en = run(["check", "--lang", "en", "--rules", path,
                  self.need_examples()[0]])
        self.assertEqual(vi.returncode, 4, vi.stderr)
        self.assertEqual(en.returncode, 4, en.stderr)
        self.assertIn("chưa được khai báo".encode(), vi.stderr)
        self.assertIn(b"uses undefined fact", en.stderr)
        where = lambda p: [l.split(b" ")[0] for l in p.stderr.splitlines()
                           if l.startswith(path.encode())]
        self.assertEqual(where(vi), where(en))

    def test_rules_each_problem_said_once_then_how_many(self):
        # Each problem once, at its line and column; then how many, not the
        # first problem a second time. The same from check, diff and rules.
        with open(os.path.join(ROOT, "rules", "nd154-2013", "nd154-2013.xml"),
                  encoding="utf-8") as f:
            pack = f.read().replace('<rule id="art5.1-functions"',
                                    '<rule id="art5.1-functions" bogus="1"', 1)
        path = os.path.join(self.tempdir(), "pack.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(pack)
        ex = self.need_examples()[0]
        for args in (["check", "--rules", path, ex],
                     ["diff", "--rules", path, ex, ex],
                     ["rules", "list", "--rules", path]):
            for lang, summary in (("en", "1 problem in the rule pack (above)"),
                                  ("vi", "bộ quy tắc có 1 lỗi (nêu ở trên)")):
                proc = run(args + ["--lang", lang])
                err = proc.stderr.decode("utf-8")
                self.assertEqual(proc.returncode, 4, err)
                self.assertEqual(err.count('"bogus"'), 1, (args, err))
                self.assertRegex(err, re.escape(path) + r":\d+:\d+: <rule> ")
                self.assertEqual(err.splitlines()[-1],
                                 f"parkcheck: {path}: {summary}", err)
                self.assertEqual(proc.stdout, b"")

    def test_rules_directory_problem_in_its_format(self):
        # A rules directory whose dossier format description is wrong (a
        # citation's words without {n}): the problem at its line and
        # column, in the reader's language, then how many of the
        # directory's files have, not "the rule pack".
        toy = os.path.join(ROOT, "tests", "regime-toy")
        d = self.tempdir()
        shutil.copy(os.path.join(toy, "toy.xml"), d)
        with open(os.path.join(toy, "format.xml"), encoding="utf-8") as f:
            fmt = f.read().replace('en="Section {n}"', 'en="Section"', 1)
        path = os.path.join(d, "format.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(fmt)
        ex = os.path.join(toy, "dossiers", "short.xml")
        for lang, said, summary in (
                ("en", "need {n} once",
                 "1 problem in the rules in this directory (above)"),
                ("vi", "cần có {n} đúng một lần",
                 "các tệp quy tắc trong thư mục có 1 lỗi (nêu ở trên)")):
            proc = run(["check", "--rules", d, "--lang", lang, ex])
            err = proc.stderr.decode("utf-8")
            self.assertEqual(proc.returncode, 4, err)
            self.assertRegex(err, re.escape(path) + r":\d+:\d+: .*"
                             + re.escape(said))
            self.assertEqual(err.splitlines()[-1],
                             f"parkcheck: {d}: {summary}", err)

    def test_rules_not_utf8_says_where(self):
        # A pack saved in a legacy encoding: where, and which byte, in the
        # reader's language (before: "not UTF-8 text", no position).
        path = os.path.join(self.tempdir(), "legacy.xml")
        with open(path, "wb") as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<rulepack>\n'
                    b'  <title>Quy \xf0\xe3nh</title>\n</rulepack>\n')
        ex = self.need_examples()[0]
        en = run(["check", "--lang", "en", "--rules", path, ex])
        vi = run(["check", "--lang", "vi", "--rules", path, ex])
        self.assertEqual(en.returncode, 4, en.stderr)
        self.assertIn(f"{path}:3:14: invalid UTF-8 (byte 0xF0)".encode(),
                      en.stderr)
        self.assertIn(f"{path}:3:14: mã UTF-8 không hợp lệ (byte 0xF0)"
                      .encode(), vi.stderr)


class Batch(CliTest):
    """Examples, a truncated dossier and a path that does not exist."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="parkcheck-test-")
        cls.broken = os.path.join(cls.dir, "broken.xml")
        with open(cls.broken, "w") as f:
            f.write('<dossier format="1"')
        cls.missing = os.path.join(cls.dir, "does-not-exist.xml")
        ex = examples()
        cls.inputs = ex[:1] + [cls.broken] + ex[1:]
        cls.inputs.insert(len(cls.inputs) // 2 + 1, cls.missing)
        cls.runs = {j: run(["check", "--format", "json", "--jobs", str(j)] + cls.inputs)
                    for j in (1, 3)}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, True)

    def setUp(self):
        self.need_examples()

    def test_every_input_once_in_order(self):
        for jobs, proc in self.runs.items():
            files = [d["file"] for d in dossiers_of(proc)]
            self.assertEqual(files, self.inputs, "--jobs %d" % jobs)

    def test_jobs_do_not_change_output(self):
        self.assertEqual(self.runs[1].stdout, self.runs[3].stdout)
        self.assertEqual(self.runs[1].returncode, self.runs[3].returncode)

    def test_exit_status_invalid(self):
        for jobs, proc in self.runs.items():
            self.assertEqual(proc.returncode, 3, "--jobs %d" % jobs)

    def test_broken_dossier_invalid_with_position(self):
        entry = dossiers_of(self.runs[3])[self.inputs.index(self.broken)]
        self.assertEqual(entry["verdict"], "invalid")
        self.assertTrue(entry["errors"], "a truncated dossier has errors")
        first = entry["errors"][0]
        self.assertGreaterEqual(first["line"], 1)
        self.assertGreaterEqual(first["column"], 1)
        self.assertTrue(first["message"])
        # why it cannot be read is a message of the registry, by its code
        self.assertRegex(first["id"], r"^PK-[0-9]{3}$")

    def test_missing_path_reported(self):
        proc = self.runs[3]
        entry = dossiers_of(proc)[self.inputs.index(self.missing)]
        self.assertEqual(entry["verdict"], "invalid")
        self.assertIn(("parkcheck: %s: No such file or directory" % self.missing).encode(),
                      proc.stderr)

    def test_json_header(self):
        doc = json.loads(self.runs[1].stdout.decode("utf-8"))
        self.assertEqual(doc["format"], 1)
        version = run(["--version"]).stdout.decode().split()[1]
        self.assertEqual(doc["parkcheck"], version)
        self.assertIsInstance(doc["rulepacks"], list)


class BigBatch(CliTest):
    """Hundreds of dossiers, some broken, on 1, 2 and 8 threads, the output
    going to a pipe (flushed per dossier) and to a file (buffered): the
    same bytes every time, every dossier once and in order."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="parkcheck-big-")
        ex = examples()
        cls.paths = []
        for i in range(240 if not WRAPPER else 40):
            path = os.path.join(cls.dir, "d%04d.xml" % i)
            if i % 7 == 3:
                with open(path, "w") as f:
                    f.write('<dossier format="1" kind="est')
            else:
                shutil.copyfile(ex[i % len(ex)], path)
            cls.paths.append(path)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, True)

    def test_threads_and_sinks_agree(self):
        self.need_examples()
        for fmt in ("ndjson", "csv"):
            outs = {}
            for jobs in (1, 2, 8):
                proc = run(["check", "--format", fmt, "--jobs", str(jobs), self.dir])
                self.assertEqual(proc.returncode, 3, proc.stderr)
                outs["pipe, --jobs %d" % jobs] = proc.stdout
                out = os.path.join(self.dir, "out.%s.%d" % (fmt, jobs))
                with open(out, "wb") as f:
                    status = subprocess.run(
                        WRAPPER + [PARKCHECK, "check", "--format", fmt, "--jobs",
                                   str(jobs), self.dir],
                        stdout=f, stderr=subprocess.DEVNULL, timeout=TIMEOUT,
                        env=env_with()).returncode
                self.assertEqual(status, 3)
                with open(out, "rb") as f:
                    outs["file, --jobs %d" % jobs] = f.read()
                os.unlink(out)
            first = outs["pipe, --jobs 1"]
            for how, got in outs.items():
                self.assertEqual(got, first, "%s: %s differs from --jobs 1 on a pipe"
                                 % (fmt, how))
            if fmt == "ndjson":
                files = [json.loads(line)["file"] for line in first.splitlines()
                         if b'"file"' in line]
                self.assertEqual(files, self.paths)


class Inputs(CliTest):
    def test_directory_is_its_sorted_xml_files(self):
        ex = self.need_examples()
        by_dir = run(["check", "--format", "json", os.path.join(ROOT, "examples")])
        by_files = run(["check", "--format", "json"] + ex)
        self.assertEqual(by_dir.returncode, by_files.returncode)
        self.assertEqual(dossiers_of(by_dir), dossiers_of(by_files))
        self.assertEqual([d["file"] for d in dossiers_of(by_dir)], ex)

    def test_stdin_same_as_file(self):
        path = self.need_examples()[0]
        with open(path, "rb") as f:
            data = f.read()
        from_file = run(["check", "--format", "json", path])
        from_stdin = run(["check", "--format", "json", "-"], stdin_data=data)
        self.assertEqual(from_file.returncode, from_stdin.returncode)
        a, = dossiers_of(from_file)
        b, = dossiers_of(from_stdin)
        self.assertEqual(b["file"], "<stdin>")
        for key in ("kind", "verdict", "score", "results"):
            self.assertEqual(a[key], b[key], key)
        for key in ("errors", "warnings"):
            pos = lambda items: [(i["line"], i["column"], i.get("code")) for i in items]
            self.assertEqual(pos(a[key]), pos(b[key]), key)

    def test_xml_suffix_in_any_case(self):
        d = self.tempdir()
        for name in ("A.XML", "b.Xml", "c.xml", "d.xml.bak", "e.txt"):
            shutil.copyfile(self.need_examples()[0], os.path.join(d, name))
        proc = run(["check", "--format", "json", d])
        self.assertEqual([x["file"] for x in dossiers_of(proc)],
                         [os.path.join(d, n) for n in ("A.XML", "b.Xml", "c.xml")])

    def test_macos_metadata_skipped_with_a_note(self):
        d = self.tempdir()
        good = os.path.join(d, "hoso.xml")
        shutil.copyfile(self.need_examples()[0], good)
        appledouble = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "
        with open(os.path.join(d, "._hoso.xml"), "wb") as f:
            f.write(appledouble)
        os.makedirs(os.path.join(d, "__MACOSX"))
        with open(os.path.join(d, "__MACOSX", "._hoso.xml"), "wb") as f:
            f.write(appledouble)
        alone = run(["check", "--format", "json", good])
        for lang, words in (("en", "skipped: macOS metadata, not a dossier"),
                            ("vi", "bỏ qua: tệp siêu dữ liệu của macOS")):
            proc = run(["check", "--format", "json", "--lang", lang, d])
            err = proc.stderr.decode("utf-8")
            self.assertEqual([x["file"] for x in dossiers_of(proc)], [good])
            self.assertEqual(proc.returncode, alone.returncode, err)
            self.assertIn("parkcheck: %s: %s" % (os.path.join(d, "._hoso.xml"), words), err)
            self.assertIn("parkcheck: %s: %s" % (os.path.join(d, "__MACOSX"), words), err)

    def test_no_dossier_found_is_not_success(self):
        d = self.tempdir()
        with open(os.path.join(d, "readme.txt"), "w") as f:
            f.write("not a dossier")
        for lang, words in (("en", "no dossier (.xml file) found to check"),
                            ("vi", "không tìm thấy hồ sơ nào (tệp .xml) để kiểm tra")):
            for fmt in ("text", "json", "csv"):
                proc = run(["check", "--lang", lang, "--format", fmt, d])
                err = proc.stderr.decode("utf-8")
                self.assertEqual(proc.returncode, 4, err)
                self.assertIn("parkcheck: " + words, err)
        # One empty directory among dossiers is only a note.
        proc = run(["check", "--format", "json", d, self.need_examples()[0]])
        self.assertNotEqual(proc.returncode, 4)
        self.assertIn("no .xml files in it", proc.stderr.decode("utf-8"))

    def test_fifo_is_an_invalid_dossier_never_a_wait(self):
        # A FIFO named *.xml, with nothing ever writing to it: reading it
        # would wait for ever. In a directory or named, it is reported
        # invalid with its reason, in both languages, and the others are
        # checked; standard input from a pipe is still read.
        d = self.tempdir()
        ex = self.need_examples()[0]
        shutil.copyfile(ex, os.path.join(d, "a.xml"))
        os.mkfifo(os.path.join(d, "fifo.xml"))
        shutil.copyfile(ex, os.path.join(d, "z.xml"))
        fifo = os.path.join(d, "fifo.xml")
        for lang, words in (("en", "not a regular file"),
                            ("vi", "không phải là tệp thông thường")):
            for args in ([d], [fifo], [fifo, "-"]):
                with open(ex, "rb") as f:
                    data = f.read()
                proc = subprocess.run(
                    WRAPPER + [PARKCHECK, "check", "--format", "json",
                               "--lang", lang] + args,
                    input=data, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, timeout=20, env=env_with())
                self.assertEqual(proc.returncode, 3, (args, proc.stderr))
                got = dossiers_of(proc)
                files = [x["file"] for x in got]
                if args == [d]:
                    self.assertEqual(files, [os.path.join(d, n) for n in
                                             ("a.xml", "fifo.xml", "z.xml")])
                else:
                    self.assertEqual(files, args[:1] + ["<stdin>"] *
                                     (len(args) - 1))
                bad = got[files.index(fifo)]
                self.assertEqual(bad["verdict"], "invalid")
                self.assertIn(words, bad["errors"][0]["message"], lang)
                for x in got:
                    if x["file"] != fifo:
                        self.assertNotEqual(x["verdict"], "invalid", x["file"])

    def test_no_dossier_found_writes_no_report(self):
        # Exit status 4 says nothing was checked: then nothing goes to
        # standard output, in any format (docs/json-report.md), and
        # --output-dir leaves no summary of nothing behind.
        d = self.tempdir()
        empty = os.path.join(d, "empty")
        os.mkdir(empty)
        for fmt in ("text", "json", "html", "csv", "junit", "ndjson",
                    "summary", "xlsx"):
            proc = run(["check", "--format", fmt, empty])
            self.assertEqual(proc.returncode, 4, fmt)
            self.assertEqual(proc.stdout, b"", fmt)
            self.assertIn(b"no dossier (.xml file) found", proc.stderr, fmt)
        made = os.path.join(d, "made")
        proc = run(["check", "--output-dir", made, empty])
        self.assertEqual(proc.returncode, 4, proc.stderr)
        self.assertEqual(proc.stdout, b"")
        self.assertFalse(os.path.exists(made), "made for nothing")
        given = os.path.join(d, "given")
        os.mkdir(given)
        proc = run(["check", "--output-dir", given, empty])
        self.assertEqual(proc.returncode, 4, proc.stderr)
        self.assertEqual(os.listdir(given), [])
        self.assertNotIn(b"wrote", proc.stderr)

    def test_directory_symlink_loop_is_not_followed(self):
        d = self.tempdir()
        shutil.copyfile(self.need_examples()[0], os.path.join(d, "a.xml"))
        os.symlink(".", os.path.join(d, "loop"))
        proc = run(["check", "--format", "json", d])
        self.assertEqual([x["file"] for x in dossiers_of(proc)],
                         [os.path.join(d, "a.xml")])


class RulesList(CliTest):
    def test_columns_align_in_both_languages(self):
        """The title column starts at the same place on every line, counted
        in characters as a terminal shows them, not in bytes."""
        for lang in ("en", "vi"):
            out = run(["rules", "list", "--lang", lang]).stdout.decode("utf-8")
            rows = [l for l in out.splitlines() if l.startswith("  ")]
            self.assertGreater(len(rows), 10)
            starts = set()
            for row in rows:
                m = re.match(r"  (\S+) +(\S.*?\S) {2,}\S", row)
                self.assertIsNotNone(m, row)
                starts.add(m.end() - 1)
            self.assertEqual(len(starts), 1, (lang, starts))


class Languages(CliTest):
    """Text reports; a locale's report must be the --lang one, byte for
    byte, so that free text in the dossiers cannot fool the test."""

    def text(self, args, env=None):
        proc = run(["check", "--jobs", "1"] + args + self.need_examples(), env=env)
        self.assertIn(proc.returncode, (0, 1, 2, 3), proc.stderr)
        return proc.stdout.decode("utf-8")

    def test_lang_vi(self):
        self.assertIn("Điều", self.text(["--lang", "vi"]))

    def test_lang_en(self):
        self.assertIn("Art.", self.text(["--lang", "en"]))

    def test_locale_vietnamese(self):
        out = self.text([], env_with(LANG="vi_VN.UTF-8"))
        self.assertIn("Điều", out)
        self.assertEqual(out, self.text(["--lang", "vi"]))

    def test_locale_c(self):
        out = self.text([], env_with(LANG="C"))
        self.assertIn("Art.", out)
        self.assertEqual(out, self.text(["--lang", "en"]))

    def test_no_locale_is_english(self):
        self.assertEqual(self.text([]), self.text(["--lang", "en"]))

    def test_lc_all_wins_over_lang(self):
        out = self.text([], env_with(LC_ALL="C", LANG="vi_VN.UTF-8"))
        self.assertEqual(out, self.text(["--lang", "en"]))

    def test_lc_messages_wins_over_lang(self):
        out = self.text([], env_with(LC_MESSAGES="vi_VN.UTF-8", LANG="C"))
        self.assertEqual(out, self.text(["--lang", "vi"]))

    def test_option_wins_over_locale(self):
        out = self.text(["--lang", "en"], env_with(LANG="vi_VN.UTF-8"))
        self.assertEqual(out, self.text([], env_with(LANG="C")))


class SizeLimit(CliTest):
    LIMIT_RE = re.compile(r"1[ ,.]?000|limit", re.I)

    def test_large_file_invalid_others_reported(self):
        d = self.tempdir()
        small = os.path.join(d, "small.xml")
        big = os.path.join(d, "big.xml")
        with open(small, "w") as f:
            f.write('<dossier format="1" kind="establishment" submitted="2024-08-26"/>\n')
        with open(big, "w") as f:
            f.write('<dossier format="1" kind="establishment" submitted="2024-08-26">\n'
                    "<!-- %s -->\n</dossier>\n" % ("x" * 2000))
        proc = run(["check", "--format", "json", "--max-size", "1000", big, small])
        self.assertEqual(proc.returncode, 3, proc.stderr)
        entries = dossiers_of(proc)
        self.assertEqual([e["file"] for e in entries], [big, small])
        self.assertEqual(entries[0]["verdict"], "invalid")
        messages = " ".join(e["message"] for e in entries[0]["errors"])
        self.assertRegex(messages, self.LIMIT_RE)

    def test_large_stdin_refused(self):
        data = b"<dossier>" + b" " * 5000 + b"</dossier>"
        proc = run(["check", "--format", "json", "--max-size", "1000", "-"], stdin_data=data)
        self.assertEqual(proc.returncode, 3)
        self.assertRegex(proc.stderr.decode(), self.LIMIT_RE)
        entry, = dossiers_of(proc)
        self.assertEqual(entry["verdict"], "invalid")


class ClosedPipe(CliTest):
    def pipe_into_head(self, args):
        """Runs parkcheck ARGS | head -c 10; returns parkcheck's process."""
        p = subprocess.Popen(WRAPPER + [PARKCHECK] + args, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env_with())
        try:
            first = p.stdout.read(10)  # what head -c 10 does
            p.stdout.close()
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            self.fail("parkcheck did not end within 30 s once its reader left")
        self.assertEqual(len(first), 10)
        return p, err

    def test_head_closes_pipe(self):
        self.need_examples()
        p, err = self.pipe_into_head(["check", "--format", "json",
                                      os.path.join(ROOT, "examples") + "/"])
        self.assertGreaterEqual(p.returncode, 0, "killed by signal %d" % -p.returncode)
        self.assertLessEqual(p.returncode, 4)

    def test_rules_and_template_end_quietly(self):
        # `parkcheck rules show ID | head`: reading less is not an error.
        for args in (["rules", "list", "--lang", "vi"],
                     ["rules", "show", "art9.1.c-province-parks"],
                     ["template", "--kind", "establishment", "--lang", "vi"]):
            p = subprocess.Popen(WRAPPER + [PARKCHECK] + args, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env=env_with())
            p.stdout.read(10)
            p.stdout.close()
            _, err = p.communicate(timeout=30)
            self.assertEqual(err, b"", args)
            self.assertIn(p.returncode, (0, -13), args)

    def test_broken_pipe_is_an_error(self):
        # Far more output than a pipe holds, so writing must fail.
        ex = self.need_examples()
        top = os.path.join(ROOT, "examples")
        p, err = self.pipe_into_head(["check", "--format", "json", "--jobs", "2"]
                                     + [top] * (2000 // len(ex) + 1))
        self.assertEqual(p.returncode, 3, err)
        self.assertIn(b"parkcheck: cannot write", err)


# The progress line: "\r[done/total] rate, time left", in either language.
PROGRESS_RE = re.compile(
    r"\r\[(\d+)/(\d+)\] \d+(?:[.,]\d)? (?:dossiers/s, about|hồ sơ/giây, còn khoảng) ")
SUMMARY_EN_RE = re.compile(
    r"Summary: (\d+) dossiers — Eligible: (\d+) · Incomplete: (\d+) · "
    r"Not eligible: (\d+) · Invalid: (\d+)\r?\n")
SUMMARY_VI_RE = re.compile(
    r"Tổng cộng: (\d+) hồ sơ — Đủ điều kiện: (\d+) · Hồ sơ chưa đầy đủ: (\d+) · "
    r"Không đủ điều kiện: (\d+) · Hồ sơ không hợp lệ: (\d+)\r?\n")


def run_stderr_tty(args, env=None):
    """Runs parkcheck ARGS with standard error on a pseudo-terminal and
    standard output on a pipe; returns (status, stdout bytes, what the
    terminal received)."""
    import pty
    import threading

    master, slave = pty.openpty()
    got = []

    def read_terminal():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not data:
                break
            got.append(data)

    reader = threading.Thread(target=read_terminal)
    reader.start()
    try:
        p = subprocess.Popen(WRAPPER + [PARKCHECK] + list(args), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=slave,
                             env=env if env is not None else env_with())
        os.close(slave)
        slave = None
        try:
            out, _ = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            raise
    finally:
        if slave is not None:
            os.close(slave)
        reader.join(TIMEOUT)
        os.close(master)
    return p.returncode, out, b"".join(got).decode("utf-8", "replace")


class TerminalProgress(CliTest):
    """The progress line and the closing summary: on standard error, only
    when it is a terminal, and never anything of them on standard output."""

    def batch(self):
        ex = self.need_examples(2)
        return ex, ["--jobs", "3"] + ex

    def test_no_progress_when_stderr_is_not_a_terminal(self):
        ex, args = self.batch()
        for fmt in ("text", "json", "ndjson", "csv"):
            proc = run(["check", "--format", fmt] + args)
            self.assertIn(proc.returncode, (0, 1, 2), proc.stderr)
            self.assertNotIn(b"\r", proc.stderr, fmt)
            err = proc.stderr.decode("utf-8", "replace")
            self.assertIsNone(PROGRESS_RE.search(err), fmt)
            self.assertIsNone(SUMMARY_EN_RE.search(err), fmt)
            self.assertEqual(proc.stderr, b"", "valid examples: stderr stays empty")

    def test_no_vietnamese_progress_when_stderr_is_not_a_terminal(self):
        ex, args = self.batch()
        proc = run(["check", "--format", "json", "--lang", "vi"] + args)
        self.assertEqual(proc.stderr, b"")

    def test_stdout_identical_with_terminal_stderr(self):
        ex, args = self.batch()
        for fmt in ("json", "ndjson", "csv", "text", "junit"):
            piped = run(["check", "--format", fmt] + args)
            status, out, term = run_stderr_tty(["check", "--format", fmt] + args)
            self.assertEqual(status, piped.returncode, fmt)
            self.assertEqual(out, piped.stdout, "%s: stdout differs with a terminal" % fmt)
            # (CSV ends its rows with CRLF: look for the line, not for "\r".)
            self.assertIsNone(PROGRESS_RE.search(out.decode("utf-8", "replace")), fmt)
            self.assertIsNotNone(PROGRESS_RE.search(term),
                                 "%s: no progress line on the terminal: %r" % (fmt, term))

    def progress_then_summary(self, fmt, lang):
        """Runs a batch with stderr on a terminal; checks the progress lines
        and that the last is erased. Returns (stdout, the terminal's text,
        what the terminal got after the erasure)."""
        ex, args = self.batch()
        status, out, term = run_stderr_tty(["check", "--format", fmt, "--lang", lang] + args)
        self.assertIn(status, (0, 1, 2), term)
        lines = PROGRESS_RE.findall(term)
        self.assertTrue(lines, "no progress line: %r" % term)
        for done, total in lines:
            self.assertEqual(int(total), len(ex))
            self.assertTrue(1 <= int(done) <= len(ex))
        # Everything after the last progress line: it is erased ("\r",
        # spaces, "\r") and then comes the summary, if any.
        last = list(PROGRESS_RE.finditer(term))[-1]
        rest = term[last.end():]
        m = re.search(r"\r( +)\r", rest)
        self.assertIsNotNone(m, "the progress line is not erased: %r" % rest)
        self.assertGreaterEqual(len(m.group(1)), len(term[last.start() + 1:last.end()]))
        return out, term, rest[m.end():]

    def test_progress_and_summary_on_terminal_json(self):
        out, term, after = self.progress_then_summary("json", "en")
        self.assertIn("dossiers/s, about ", term)
        m = SUMMARY_EN_RE.fullmatch(after)
        self.assertIsNotNone(m, "expected the summary after the progress line "
                             "(main.c must call cli_print_summary): %r" % after)
        counts = [int(x) for x in m.groups()]
        # The summary says what the report says.
        verdicts = [d["verdict"] for d in json.loads(out.decode("utf-8"))["dossiers"]]
        self.assertEqual(counts[0], len(verdicts))
        self.assertEqual(counts[1:], [verdicts.count(v) for v in
                                      ("eligible", "incomplete", "not-eligible", "invalid")])

    def test_progress_and_summary_in_vietnamese(self):
        out, term, after = self.progress_then_summary("ndjson", "vi")
        self.assertIn(" hồ sơ/giây, còn khoảng ", term)
        self.assertIsNotNone(SUMMARY_VI_RE.fullmatch(after),
                             "expected the Vietnamese summary: %r" % after)

    def test_text_format_has_no_summary_on_stderr(self):
        # The text report ends with its own count, on stdout.
        out, term, after = self.progress_then_summary("text", "en")
        self.assertEqual(after, "")
        self.assertIn(b"Summary:", out)

    def test_one_dossier_no_progress(self):
        path = self.need_examples()[0]
        status, out, term = run_stderr_tty(["check", "--format", "json", path])
        self.assertEqual(term, "")
        self.assertEqual(out, run(["check", "--format", "json", path]).stdout)

    def test_missing_file_message_not_mixed_with_progress(self):
        ex, args = self.batch()
        missing = os.path.join(self.tempdir(), "does-not-exist.xml")
        status, out, term = run_stderr_tty(["check", "--format", "json", missing] + args)
        self.assertEqual(status, 3)
        # Unreadable inputs are reported before the batch starts: the
        # message is a whole line of its own, not glued to a progress line.
        self.assertRegex(term, r"(?m)^parkcheck: %s: No such file or directory\r?$"
                         % re.escape(missing))


def main(argv):
    global PARKCHECK, ROOT
    if len(argv) != 3:
        sys.stderr.write("usage: test_cli.py PARKCHECK_BINARY SOURCE_ROOT\n")
        return 2
    PARKCHECK = os.path.abspath(argv[1])
    ROOT = os.path.abspath(argv[2])
    if not os.access(PARKCHECK, os.X_OK):
        sys.stderr.write("test_cli.py: %s: not an executable\n" % PARKCHECK)
        return 2
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
