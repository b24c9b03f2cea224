#!/usr/bin/env python3
"""Run the conformance suite through the command line.

Usage: run_cases.py PARKCHECK_BINARY CASES_DIR

Every subdirectory of CASES_DIR with an `expect` file is a case (the format
is in docs/conformance.md). Each is run as

    parkcheck check --format json [--as-of D] [--rules CASE/rules.xml] \
        CASE/dossier.xml

(a case whose dossier is a change to another case's, CASE/dossier.change,
gets it written out first into a temporary directory, as
tools/case_dossier.py makes it)

(again with --lang vi / --lang en for `message:` statements), and every
statement the command line can show is checked. Prints TAP, then a plain
TAP comment "# N passed, M failed"; exits 1 if any case failed. Standard library
only.
"""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tools"))
import case_dossier  # noqa: E402 (after the path it is found by)

TIMEOUT = 30
# The valgrind lane runs parkcheck through a wrapper (tests/valgrind/wrap.sh).
WRAPPER = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
VERDICTS = ("eligible", "incomplete", "not-eligible", "invalid",
            "needs-ruling")
STATUSES = ("pass", "fail", "unknown", "not-applicable", "error", "open")
LANGS = ("vi", "en")
# The exit status the command line gives for one dossier of each verdict.
VERDICT_EXIT = {"eligible": 0, "incomplete": 1, "not-eligible": 2, "invalid": 3,
                "needs-ruling": 5}
# Statements about the report; they need the JSON output.
REPORT_KEYS = ("verdict", "status", "missing", "message", "error", "warning",
               "comparison", "comparison-typed", "score", "notice",
               "error-vi", "warning-vi", "reading", "rulepack", "regime",
               "regime-text", "provisional", "provenance", "not-checked")
CLI_KEYS = REPORT_KEYS + ("rules-error", "exit")


class CaseError(Exception):
    """The case itself is malformed or its run went wrong."""


def parse_position(text, lineno):
    m = re.fullmatch(r"(\d+):(\d+)(?:\s+(.*))?", text)
    if not m:
        raise CaseError("expect:%d: expected LINE:COL TEXT, got %r" % (lineno, text))
    return int(m.group(1)), int(m.group(2)), (m.group(3) or "").strip()


def parse_expect(path):
    """Returns a list of (lineno, key, parsed value)."""
    statements = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, rest = line.partition(":")
        key, rest = key.strip(), rest.strip()
        if not sep:
            raise CaseError("expect:%d: not a statement: %r" % (lineno, line))
        if key == "proves":
            if not rest:
                raise CaseError("expect:%d: empty proves:" % lineno)
            value = rest
        elif key == "as-of":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rest):
                raise CaseError("expect:%d: as-of needs YYYY-MM-DD" % lineno)
            value = rest
        elif key == "verdict":
            if rest not in VERDICTS:
                raise CaseError("expect:%d: unknown verdict %r" % (lineno, rest))
            value = rest
        elif key == "status":
            parts = rest.split()
            if len(parts) != 2 or parts[1] not in STATUSES:
                raise CaseError("expect:%d: expected RULE STATUS" % lineno)
            value = tuple(parts)
        elif key == "reading":
            parts = rest.split()
            if len(parts) != 3 or parts[2] not in STATUSES:
                raise CaseError("expect:%d: expected RULE READING STATUS"
                                % lineno)
            value = tuple(parts)
        elif key == "missing":
            parts = rest.split()
            if len(parts) != 2:
                raise CaseError("expect:%d: expected RULE FACT" % lineno)
            value = tuple(parts)
        elif key == "message":
            parts = rest.split(None, 2)
            if len(parts) != 3 or parts[1] not in LANGS:
                raise CaseError("expect:%d: expected RULE vi|en TEXT" % lineno)
            value = tuple(parts)
        elif key == "comparison":
            parts = rest.split(None, 2)
            if len(parts) != 3 or parts[1] not in LANGS:
                raise CaseError("expect:%d: expected RULE vi|en TEXT" % lineno)
            value = tuple(parts)
        elif key == "comparison-typed":
            parts = rest.split()
            if len(parts) != 4:
                raise CaseError("expect:%d: expected RULE OP VALUE REQUIRED"
                                % lineno)
            value = tuple(parts)
        elif key == "score":
            if rest != "none" and not re.fullmatch(r"\d+(\.\d+)?", rest):
                raise CaseError("expect:%d: score needs a number or none"
                                % lineno)
            value = rest
        elif key == "notice":
            parts = rest.split(None, 1)
            if not parts or (parts[0] != "none" and
                             (parts[0] not in LANGS or len(parts) != 2)):
                raise CaseError("expect:%d: expected vi|en TEXT, or none"
                                % lineno)
            value = tuple(parts)
        elif key in ("error", "warning", "error-vi", "warning-vi",
                     "rules-error"):
            value = parse_position(rest, lineno)
        elif key in ("rules", "rulepack", "regime", "not-checked"):
            if not re.fullmatch(r"[a-z0-9_.-]+", rest):
                raise CaseError("expect:%d: %s needs one id" % (lineno, key))
            value = rest
        elif key == "provisional":
            if rest not in ("yes", "no"):
                raise CaseError("expect:%d: provisional: yes or no" % lineno)
            value = rest
        elif key == "provenance":
            parts = rest.split()
            if len(parts) != 2:
                raise CaseError("expect:%d: expected RULE LEVEL" % lineno)
            value = tuple(parts)
        elif key == "regime-text":
            parts = rest.split(None, 1)
            if len(parts) != 2 or parts[0] not in LANGS:
                raise CaseError("expect:%d: expected vi|en TEXT" % lineno)
            value = tuple(parts)
        elif key == "exit":
            if not re.fullmatch(r"\d+", rest):
                raise CaseError("expect:%d: exit needs a number" % lineno)
            value = int(rest)
        else:
            raise CaseError("expect:%d: unknown statement %r" % (lineno, key))
        statements.append((lineno, key, value))
    return statements


def clean_env():
    # Reports in the default language whatever the caller's locale is.
    env = dict(os.environ)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        env.pop(var, None)
    return env


class Runner:
    """Runs one case's command, once per language, and caches the runs."""

    def __init__(self, binary, dossier, as_of, rules):
        self.binary = binary
        self.dossier_path = dossier
        self.as_of = as_of
        self.rules = rules
        self.runs = {}

    def run(self, lang=None):
        if lang in self.runs:
            return self.runs[lang]
        args = WRAPPER + [self.binary, "check", "--format", "json"]
        if self.as_of:
            args += ["--as-of", self.as_of]
        if self.rules:
            args += ["--rules", self.rules]
        if lang:
            args += ["--lang", lang]
        args.append(self.dossier_path)
        try:
            proc = subprocess.run(args, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=TIMEOUT, env=clean_env())
        except subprocess.TimeoutExpired:
            raise CaseError("%s timed out after %d s" % (" ".join(args), TIMEOUT))
        if proc.returncode < 0:
            raise CaseError("killed by signal %d: %s"
                            % (-proc.returncode, tail(proc.stderr)))
        self.runs[lang] = proc
        return proc

    def dossier(self, lang=None):
        proc = self.run(lang)
        try:
            doc = json.loads(proc.stdout.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise CaseError("stdout is not JSON (%s; exit %d): %s"
                            % (e, proc.returncode, tail(proc.stderr)))
        dossiers = doc.get("dossiers") if isinstance(doc, dict) else None
        if not isinstance(dossiers, list) or len(dossiers) != 1:
            raise CaseError("expected exactly one entry in \"dossiers\"")
        return dossiers[0]


def tail(data, limit=300):
    text = data.decode("utf-8", "replace").strip().replace("\n", " | ")
    return text if len(text) <= limit else text[:limit] + "..."


def find_result(dossier, rule):
    for r in dossier.get("results", []):
        if r.get("id") == rule:
            return r
    raise CaseError("no result for rule %s" % rule)


def compact(value):
    """A typed value as `comparison-typed:` writes it: compact JSON."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def has_problem(items, line, col, text):
    # 0:0 is a problem with no position (null in the JSON report)
    for item in items or []:
        if ((item.get("line") or 0) == line
                and (item.get("column") or 0) == col
                and text in (item.get("message") or "")):
            return True
    return False


def describe_problems(items):
    return ", ".join("%s:%s %s" % (i.get("line"), i.get("column"), i.get("message"))
                     for i in (items or [])) or "none"


def check_rules_errors(runner, statements, failures):
    proc = runner.run()
    if proc.returncode != 4:
        failures.append("rules.xml should not load: exit %d, expected 4"
                        % proc.returncode)
    stderr = proc.stderr.decode("utf-8", "replace").splitlines()
    for lineno, key, value in statements:
        if key == "rules-error":
            line, col, text = value
            pos = "rules.xml:%d:%d" % (line, col)
            if not any(pos in l and text in l for l in stderr):
                failures.append("no %s %r on stderr (got: %s)"
                                % (pos, text, tail(proc.stderr)))
        elif key == "exit" and value != proc.returncode:
            failures.append("exit %d, expected %d" % (proc.returncode, value))
        elif key in REPORT_KEYS:
            failures.append("expect:%d: %s: cannot hold when rules.xml does "
                            "not load" % (lineno, key))


def check_report(runner, statements, failures):
    proc = runner.run()
    stated_exit = [v for _, k, v in statements if k == "exit"]
    for value in stated_exit:
        if proc.returncode != value:
            failures.append("exit %d, expected %d (stderr: %s)"
                            % (proc.returncode, value, tail(proc.stderr)))
    if not stated_exit and proc.returncode not in VERDICT_EXIT.values():
        failures.append("exit %d, expected a verdict's (stderr: %s)"
                        % (proc.returncode, tail(proc.stderr)))
    if not any(k in REPORT_KEYS for _, k, _ in statements):
        return
    dossier = runner.dossier()
    verdict = dossier.get("verdict")
    # One dossier: the exit status is its verdict's.
    if verdict in VERDICT_EXIT and proc.returncode != VERDICT_EXIT[verdict]:
        failures.append("exit %d does not match verdict %s"
                        % (proc.returncode, verdict))
    for lineno, key, value in statements:
        try:
            if key == "verdict" and verdict != value:
                failures.append("verdict %s, expected %s" % (verdict, value))
            elif key == "status":
                rule, status = value
                got = find_result(dossier, rule).get("status")
                if got != status:
                    failures.append("%s is %s, expected %s" % (rule, got, status))
            elif key == "reading":
                rule, reading, status = value
                got = [r.get("status") for r in
                       find_result(dossier, rule).get("readings") or []
                       if r.get("id") == reading]
                if got != [status]:
                    failures.append("%s reading %s is %s, expected %s"
                                    % (rule, reading, got, status))
            elif key == "missing":
                rule, fact = value
                missing = find_result(dossier, rule).get("missing") or []
                if fact not in missing:
                    failures.append("%s does not list %s as missing (lists %s)"
                                    % (rule, fact, missing))
            elif key == "message":
                rule, lang, text = value
                msg = find_result(runner.dossier(lang), rule).get("message") or ""
                if text not in msg:
                    failures.append("%s message (%s) %r lacks %r"
                                    % (rule, lang, msg, text))
            elif key == "comparison":
                rule, lang, text = value
                cmp = find_result(runner.dossier(lang), rule).get("comparison")
                got = (cmp or {}).get("text") or ""
                if text not in got:
                    failures.append("%s comparison (%s) %r lacks %r"
                                    % (rule, lang, got, text))
            elif key == "comparison-typed":
                rule, op, want_v, want_r = value
                cmp = find_result(dossier, rule).get("comparison") or {}
                got = (cmp.get("op"), compact(cmp.get("value")),
                       compact(cmp.get("required")))
                if got != (op, want_v, want_r):
                    failures.append("%s compares %s, expected %s"
                                    % (rule, " ".join(map(str, got)),
                                       " ".join(value[1:])))
            elif key == "score":
                got = dossier.get("score")
                if value == "none" and got is not None:
                    failures.append("score %s, expected null" % got)
                elif value != "none" and (not isinstance(got, (int, float))
                                          or abs(got - float(value)) > 1e-9):
                    failures.append("score %s, expected %s" % (got, value))
            elif key == "notice":
                if value[0] == "none":
                    if dossier.get("notice") is not None:
                        failures.append("notice %r, expected null"
                                        % dossier.get("notice"))
                else:
                    got = runner.dossier(value[0]).get("notice") or ""
                    if value[1] not in got:
                        failures.append("notice (%s) %r lacks %r"
                                        % (value[0], got, value[1]))
            elif key == "rulepack":
                got = (dossier.get("rulepack") or {}).get("id")
                if got != value:
                    failures.append("checked under %r, expected %r"
                                    % (got, value))
            elif key == "regime":
                if dossier.get("regime") != value:
                    failures.append("regime %r, expected %r"
                                    % (dossier.get("regime"), value))
            elif key == "regime-text":
                got = runner.dossier(value[0]).get("regime_text") or ""
                if value[1] not in got:
                    failures.append("regime text (%s) %r lacks %r"
                                    % (value[0], got, value[1]))
            elif key == "provisional":
                if dossier.get("provisional") != (value == "yes"):
                    failures.append("provisional %r, expected %s"
                                    % (dossier.get("provisional"), value))
            elif key == "provenance":
                rule, level = value
                got = (find_result(dossier, rule).get("provenance")
                       or {}).get("level")
                if got != level:
                    failures.append("%s is %r, expected %r"
                                    % (rule, got, level))
            elif key == "not-checked":
                items = [x["id"] for x in
                         (dossier.get("not_checked") or {}).get("items", [])]
                if (value == "none" and items) or (value != "none"
                                                   and value not in items):
                    failures.append("not checked: %s, expected %s"
                                    % (items, value))
            elif key in ("error", "warning", "error-vi", "warning-vi"):
                line, col, text = value
                kind, _, lang = key.partition("-")
                shown = runner.dossier(lang) if lang else dossier
                items = shown.get(kind + "s")
                # error:/warning: may quote either language's wording
                if (not has_problem(items, line, col, text)
                        and (lang or not has_problem(
                            runner.dossier("vi").get(kind + "s"),
                            line, col, text))):
                    failures.append("no %s at %d:%d containing %r (%ss: %s)"
                                    % (key, line, col, text, key,
                                       describe_problems(items)))
        except CaseError as e:
            failures.append("expect:%d: %s" % (lineno, e))


def case_dossier_file(case_dir, scratch):
    """The file of the case's dossier: its dossier.xml, or its change
    written out under scratch; None when it has neither."""
    whole = os.path.join(case_dir, "dossier.xml")
    if os.path.isfile(whole):
        return whole
    try:
        data = case_dossier.dossier_bytes(case_dir)
    except (case_dossier.ChangeError, UnicodeDecodeError) as e:
        raise CaseError(str(e))
    if data is None:
        return None
    out = os.path.join(scratch, os.path.basename(os.path.normpath(case_dir)))
    os.makedirs(out, exist_ok=True)
    out = os.path.join(out, "dossier.xml")
    with open(out, "wb") as f:
        f.write(data)
    return out


def run_case(binary, case_dir, scratch):
    """Returns None when the case passes, else the reason it fails."""
    statements = parse_expect(os.path.join(case_dir, "expect"))
    proves = [v for _, k, v in statements if k == "proves"]
    if len(proves) != 1:
        raise CaseError("expect has %d proves: lines, needs exactly one"
                        % len(proves))
    as_of = next((v for _, k, v in statements if k == "as-of"), None)
    rules = os.path.join(case_dir, "rules.xml")
    rules = rules if os.path.isfile(rules) else None
    # rules: ID names a built-in pack, as --rules ID does
    rules = next((v for _, k, v in statements if k == "rules"), rules)
    dossier = case_dossier_file(case_dir, scratch)
    runner = Runner(binary, dossier or os.path.join(case_dir, "dossier.xml"),
                    as_of, rules)
    failures = []
    if any(k == "rules-error" for _, k, _ in statements):
        if not rules:
            raise CaseError("rules-error: but the case has no rules.xml")
        check_rules_errors(runner, statements, failures)
    else:
        if dossier is None:
            raise CaseError("the case has no dossier.xml or dossier.change")
        # With no CLI statement at all this still runs the case and
        # requires an exit status of 0..3: no crash, no signal.
        check_report(runner, statements, failures)
    return "; ".join(failures) if failures else None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: run_cases.py PARKCHECK_BINARY CASES_DIR\n")
        return 2
    binary, cases_dir = os.path.abspath(argv[1]), argv[2]
    if not os.path.isdir(cases_dir):
        sys.stderr.write("run_cases.py: %s: not a directory\n" % cases_dir)
        return 2
    cases = sorted(d for d in os.listdir(cases_dir)
                   if os.path.isfile(os.path.join(cases_dir, d, "expect")))
    # PK_CASES_STRIDE=N runs every Nth case only, the others reported as
    # skipped: the valgrind lane, where each parkcheck process costs a
    # second or two of start-up and the library already runs every case
    # in process (tests/conformance.c). Every other lane runs them all.
    stride = max(1, int(os.environ.get("PK_CASES_STRIDE", "1") or "1"))
    print("1..%d" % len(cases))
    passed = failed = 0
    scratch = tempfile.TemporaryDirectory(prefix="parkcheck-cases.")
    for k, name in enumerate(cases, 1):
        if (k - 1) % stride != 0:
            print("ok %d - %s # SKIP one case in %d only (PK_CASES_STRIDE)"
                  % (k, name, stride))
            continue
        try:
            reason = run_case(binary, os.path.join(cases_dir, name),
                              scratch.name)
        except CaseError as e:
            reason = str(e)
        except (OSError, UnicodeDecodeError) as e:
            reason = "cannot run: %s" % e
        if reason is None:
            print("ok %d - %s" % (k, name))
            passed += 1
        else:
            print("not ok %d - %s: %s" % (k, name, reason.replace("\n", " ")))
            failed += 1
        sys.stdout.flush()
    scratch.cleanup()
    print("# %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
