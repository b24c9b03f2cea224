#!/usr/bin/env python3
"""Turns bench/run.sh's results (one "key value" per line) into the table it
prints and into docs/performance.md.

    table.py RESULTS OUT.md
"""
import math
import sys

TARGETS = {
    "check": 1.5,    # full check / libxml2 tree parse, per dossier
    "stretch": 1.0,
    "jobs": 1.7,     # --jobs 2 throughput / --jobs 1
    "memory": 1.2,   # peak at 100,000 dossiers / at 1,000
    "peers": 2.0,    # peer time / parkcheck time, on the Article 5 checks
    "json": 1.3,     # check + JSON / check; JSON batch / xmllint --noout
}


# In-process measures run in rounds, and the peers' command lines in turn
# with parkcheck's (bench/run.sh): of a key given more than once, the least
# time is the one kept, as of passes within a round.
MEASURES = ("tree", "sax", "read", "eval", "check", "json")


def load(path):
    r = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition(" ")
            last = k.rsplit(".", 1)[-1]
            if k in r and (last in MEASURES or
                           (k.startswith(("peer.", "cli.")) and
                            last in ("seconds", "cpu"))):
                try:
                    v = str(min(float(r[k]), float(v)))
                except ValueError:
                    pass
            r[k] = v
    return r


def num(r, k):
    v = r.get(k)
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def us(x):
    return "–" if x is None else ("%.1f" % x if x < 1000 else "{:,.0f}".format(x))


def rate(x):
    return "–" if not x else "{:,.0f}".format(1e6 / x)


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fx(x, digits=2):
    return "–" if x is None else "%.*f×" % (digits, x)


def verdict(ok):
    return "–" if ok is None else ("met" if ok else "**not met**")


def build(r):
    out = []
    w = out.append
    n_typ = int(num(r, "typical.files") or 0)
    kb_typ = (num(r, "typical.bytes") or 0) / max(1, n_typ) / 1024
    n_large = int(num(r, "large.files") or 0)
    kb_large = (num(r, "large.bytes") or 0) / max(1, n_large) / 1024
    met = {}

    w("### (a, b) One dossier in process: the floor and the check\n")
    w("CPU microseconds per dossier (the fastest of 7 passes over the set, each at least "
      "%s s of CPU, in %s rounds of every measure in turn, each measure in a process of "
      "its own), dossiers per second on one core, and the ratio to libxml2 building "
      "the tree of the same bytes (`xmlReadMemory`).\n"
      % (r.get("run.min_seconds", "?"), r.get("run.rounds", "?")))
    for label, key, n, kb in (("typical", "typical", n_typ, kb_typ),
                              ("large", "large", n_large, kb_large)):
        tree = num(r, key + ".tree")
        w("\n%s dossiers: %d of %.1f KB on average\n" % (label.capitalize(), n, kb))
        w("| what | µs / dossier | dossiers / s | × libxml2 tree |")
        w("|---|---:|---:|---:|")
        rows = [
            ("(a) libxml2 `xmlReadMemory`, tree built and freed", key + ".tree"),
            ("(a) libxml2 SAX2 parse, empty callbacks", key + ".sax"),
            ("(b) parkcheck: read the dossier (`pk_dossier_read_memory`)", key + ".read"),
            ("(b) parkcheck: evaluate 53 rules on it (`pk_evaluate`)", key + ".eval"),
            ("(b) **parkcheck: full check (`pk_check_memory`)**", key + ".check"),
            ("(b) parkcheck: full check + JSON report", key + ".json"),
        ]
        for what, k in rows:
            v = num(r, k)
            w("| %s | %s | %s | %s |" % (what, us(v), rate(v), fx(ratio(v, tree))))
        if key == "typical":
            c = ratio(num(r, "typical.check"), tree)
            met["check"] = (c, None if c is None else c <= TARGETS["check"])
            met["stretch"] = (c, None if c is None else c <= TARGETS["stretch"])
        else:
            c = ratio(num(r, "large.check"), tree)
            met["check_large"] = (c, None if c is None else c <= TARGETS["check"])

    w("\n### (c) The command line: a batch of %s dossiers\n" %
      "{:,}".format(int(num(r, "cli.dossiers") or 0)))
    w("`parkcheck check --jobs N` on the typical dossiers, each directory given %d "
      "times; the whole process (start, engine, reading the files, writing to "
      "/dev/null), the best of 5 runs, --jobs 1, --jobs 2 and the pair below run in turn.\n" % ((num(r, "cli.dossiers") or 0) / max(1, n_typ)))
    w("| output | --jobs 1: µs / dossier | dossiers / s | --jobs 2: µs / dossier | "
      "dossiers / s | speed-up | cores kept busy, --jobs 1 / 2 |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    nd = num(r, "cli.dossiers") or 1
    for fmt in ("json", "csv"):
        t1, t2 = num(r, "cli.%s.j1.seconds" % fmt), num(r, "cli.%s.j2.seconds" % fmt)
        c1, c2 = num(r, "cli.%s.j1.cpu" % fmt), num(r, "cli.%s.j2.cpu" % fmt)
        u1 = None if t1 is None else t1 * 1e6 / nd
        u2 = None if t2 is None else t2 * 1e6 / nd
        s = ratio(t1, t2)
        busy = "–" if not (c1 and c2) else "%.2f / %.2f" % (c1 / t1, c2 / t2)
        w("| %s | %s | %s | %s | %s | %s | %s |" % (fmt, us(u1), rate(u1), us(u2), rate(u2),
                                                   fx(s), busy))
        met["jobs_" + fmt] = (s, None if s is None else round(s, 2) >= TARGETS["jobs"])
    w("\nCores kept busy is CPU time over wall time. The machine's own ceiling: two "
      "`--jobs 1` processes side by side, each with half the batch, sharing nothing but "
      "the machine (its caches, its memory, the hypervisor's cores):\n")
    w("| output | two processes: µs / dossier | speed-up over one | --jobs 2 as a share "
      "of that |")
    w("|---|---:|---:|---:|")
    for fmt in ("json", "csv"):
        t1, t2 = num(r, "cli.%s.j1.seconds" % fmt), num(r, "cli.%s.j2.seconds" % fmt)
        tp = num(r, "cli.%s.pair.seconds" % fmt)
        up = None if tp is None else tp * 1e6 / nd
        sp = ratio(t1, tp)
        share = None if (sp is None or ratio(t1, t2) is None) else ratio(t1, t2) / sp
        w("| %s | %s | %s | %s |" % (fmt, us(up), fx(sp),
                                     "–" if share is None else "%.0f%%" % (share * 100)))
    w("\nOnly taking the next input and writing the reports out in order are done one "
      "thread at a time, so --jobs 2 comes close to what two processes get; "
      "where that ceiling is below 2×, the machine's two cores do not run two programs at "
      "full speed each.")

    small, big = int(num(r, "mem.small") or 0), int(num(r, "mem.big") or 0)
    m1, m2 = num(r, "mem.n%d.kib" % small), num(r, "mem.n%d.kib" % big)
    mr = ratio(m2, m1)
    met["memory"] = (mr, None if mr is None else mr <= TARGETS["memory"])
    w("\n### (d) Peak memory\n")
    w("Maximum resident set of `parkcheck check --format json --jobs 2` (the kernel's "
      "accounting of the process).\n")
    w("| dossiers | peak RSS | × at %s |" % "{:,}".format(small))
    w("|---:|---:|---:|")
    for n, m in ((small, m1), (big, m2)):
        w("| %s | %s | %s |" % ("{:,}".format(n), "–" if m is None else "%.1f MiB" % (m / 1024),
                                fx(ratio(m, m1))))

    w("\n### (e) Cost against size\n")
    w("Establishment dossiers with K zones, K activities and K/2 further documents "
      "(investment certificates) each, in process as in (a, b).\n")
    w("| K | KB / dossier | libxml2 tree µs | check µs | check µs / KB | check × tree |")
    w("|---:|---:|---:|---:|---:|---:|")
    pts = []
    for k in (r.get("sizes") or "").split(","):
        if not k:
            continue
        files, b = num(r, "size%s.files" % k), num(r, "size%s.bytes" % k)
        if not files:
            continue
        kb = b / files / 1024
        t, c = num(r, "size%s.tree" % k), num(r, "size%s.check" % k)
        pts.append((kb, c, t))
        w("| %s | %.1f | %s | %s | %s | %s |" % (k, kb, us(t), us(c),
                                                 "–" if c is None else "%.2f" % (c / kb),
                                                 fx(ratio(c, t))))
    lin = None
    big_pts = [p for p in pts if p[0] >= 8 and p[1] and p[2]]
    if len(big_pts) >= 3:
        def slope(idx):
            xs = [math.log(p[0]) for p in big_pts]
            ys = [math.log(p[idx]) for p in big_pts]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            return (sum((x - mx) * (y - my) for x, y in zip(xs, ys))
                    / sum((x - mx) ** 2 for x in xs))
        sc, st = slope(1), slope(2)
        lin = sc
        w("\nFrom 8 KB up, time grows as size to the power %.2f for the check and %.2f "
          "for libxml2 building the tree (the slope of log time against log size; 1 is "
          "linear); the last column is the check against the parse at each size."
          % (sc, st))
    met["linear"] = (lin, None if lin is None else 0.9 <= lin <= 1.1)

    w("\n### (f) Peers on the Article 5 checks\n")
    w("The six art5.* rules (bench/art5_pack.py cuts them and the facts they read out of "
      "the nd154-2013 pack), on the %d typical dossiers (five times over for the command "
      "lines): xmllint with the same checks as "
      "Schematron (bench/art5.sch), and json-rules-engine with them as JSON rules on the "
      "JSON twin of each dossier (bench/peer-jre/). Each is set against parkcheck run "
      "the same way.\n" % n_typ)
    w("| how | peer µs / dossier | parkcheck µs / dossier | parkcheck faster by |")
    w("|---|---:|---:|---:|")
    nf = num(r, "peer.files")
    tx, tp = num(r, "peer.xmllint.cpu"), num(r, "peer.pk_cli_art5.cpu")
    ux = None if tx is None or not nf else tx * 1e6 / nf
    up = None if tp is None or not nf else tp * 1e6 / nf
    sx = ratio(ux, up)
    w("| `xmllint --noout --schematron` vs `parkcheck check --rules art5 --format csv`: one "
      "process over all the files, the least CPU time of 5 runs, the two run in turn | %s | %s | %s |"
      % (us(ux), us(up), fx(sx)))
    uj, uc = num(r, "peer.jre.jre"), num(r, "typical.art5.check")
    sj = ratio(uj, uc)
    w("| json-rules-engine `JSON.parse` + `engine.run` vs `pk_check_memory` with the "
      "Article 5 pack: in process, CPU time of the fastest pass | %s | %s | %s |"
      % (us(uj), us(uc), fx(sj)))
    if r.get("peer.jre.outcomes"):
        w("\njson-rules-engine's outcomes over all rules: %s; parkcheck's agree (its "
          "not-applicable results are json-rules-engine's passes)."
          % r["peer.jre.outcomes"])
    met["peer_xmllint"] = (sx, None if sx is None else round(sx, 2) >= TARGETS["peers"])
    met["peer_jre"] = (sj, None if sj is None else round(sj, 2) >= TARGETS["peers"])

    w("\n### (g) The JSON report\n")
    w("What writing the JSON report costs beside the check (in process, from (b)), and a "
      "JSON batch on the command line (`parkcheck check --format json`, its default jobs, "
      "one per core) against `xmllint --noout` on the same files (the %s typical ones five "
      "times over; wall-clock time, the best of the runs).\n" % n_typ)
    w("| what | µs / dossier | ratio |")
    w("|---|---:|---:|")
    chk, js = num(r, "typical.check"), num(r, "typical.json")
    rj = ratio(js, chk)
    w("| full check (`pk_check_memory`) | %s | |" % us(chk))
    w("| full check + JSON report | %s | %s the check |" % (us(js), fx(rj)))
    nn = num(r, "noout.files")
    tx, tp = num(r, "noout.xmllint.seconds"), num(r, "noout.pk_json.seconds")
    ux = None if tx is None or not nn else tx * 1e6 / nn
    up = None if tp is None or not nn else tp * 1e6 / nn
    rn = ratio(up, ux)
    w("| `xmllint --noout`, wall clock | %s | |" % us(ux))
    w("| `parkcheck check --format json`, wall clock | %s | %s xmllint |" % (us(up), fx(rn)))
    met["json_check"] = (rj, None if rj is None else round(rj, 2) <= TARGETS["json"])
    met["json_noout"] = (rn, None if rn is None else round(rn, 2) <= TARGETS["json"])

    w("\n### Targets (issues 6 and 16)\n")
    w("| target | measured | |")
    w("|---|---:|---|")
    rows = [
        ("full check ≤ 1.5 × libxml2 parse per dossier (typical)", "check", 2),
        ("stretch: ≤ 1.0 ×", "stretch", 2),
        ("the same on large dossiers, ≤ 1.5 ×", "check_large", 2),
        ("--jobs 2 ≥ 1.7 × --jobs 1 (JSON)", "jobs_json", 2),
        ("--jobs 2 ≥ 1.7 × --jobs 1 (CSV)", "jobs_csv", 2),
        ("peak memory at %s ≤ 1.2 × at %s" % ("{:,}".format(big), "{:,}".format(small)),
         "memory", 2),
        ("cost linear in size (exponent of size 0.9 to 1.1)", "linear", 2),
        ("≥ 2 × faster than xmllint --schematron", "peer_xmllint", 2),
        ("≥ 2 × faster than json-rules-engine", "peer_jre", 2),
        ("check + JSON report ≤ 1.3 × the check alone (issue 16)", "json_check", 2),
        ("JSON batch ≤ 1.3 × xmllint --noout (issue 16)", "json_noout", 2),
    ]
    for what, k, d in rows:
        v, ok = met.get(k, (None, None))
        shown = "–" if v is None else ("size^%.2f" % v if k == "linear" else fx(v, d))
        w("| %s | %s | %s |" % (what, shown, verdict(ok)))
    return "\n".join(out) + "\n"


def machine(r):
    def g(k):
        return (r.get(k) or "?").replace("_", " ")
    return ("%s, %s cores, %s GiB; Linux %s; %s; libxml2 %s; Node.js %s. Run %s at %s "
            "(load average %s before, %s after: other work on the machine slows "
            "everything, the ratios less than the times)%s."
            % (g("machine.cpu"), g("machine.cores"), g("machine.mem_gib"),
               g("machine.kernel"), g("machine.cc"), g("machine.libxml2"),
               g("machine.node"), g("run.date"), g("run.commit"),
               g("machine.load_before").replace("/", " "),
               g("machine.load_after").replace("/", " "),
               "; BENCH_QUICK=1, rough figures" if r.get("run.quick") == "1" else ""))


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    r = load(argv[1])
    table = build(r)
    print(table)
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(DOC_HEAD)
        f.write("## The machine\n\n" + machine(r) + "\n\n")
        f.write("## Figures\n\n" + table)
        f.write(DOC_TAIL)


DOC_HEAD = """# Performance

How fast parkcheck checks a dossier, measured against the cost of reading the
XML at all (libxml2 alone, the floor), against itself on several threads and
sizes, and against two tools one could pick instead. Every figure below comes
from one run of `bench/run.sh`, which wrote this page; the targets are issue
6's, and in (g) issue 16's. No figure here is a test: the test suite never times anything.

"""

DOC_TAIL = """
## How to reproduce

On Debian 12, from a clone, after the README's set-up (`./quickstart test` or
`./quickstart check`):

```sh
bench/run.sh              # about ten minutes; rewrites docs/performance.md
BENCH_QUICK=1 bench/run.sh  # a quick pass of the same steps, rough figures
```

It installs Node.js and npm with apt-get when they are missing (as root or
with sudo), builds a release build of its own in `build-bench/`, compiles
`bench/parse_only.c` and `bench/check_only.c` against it, generates the
dossiers with `bench/gen.py` (fixed seed: the same files every time, XML and
the same facts as JSON), and runs `npm install` for json-rules-engine in
`build-bench/peer-jre/`. Results are in `build-bench/results.txt`.

What each program measures:

- `bench/parse_only.c`: `xmlReadMemory` of each file already in memory (the
  tree built and freed), and a SAX2 parse with empty callbacks set up as
  parkcheck's reader sets up its own: the two floors.
- `bench/check_only.c`: through the public API, on the same bytes in memory,
  with one engine: `pk_dossier_read_memory` alone, `pk_evaluate` alone,
  `pk_check_memory` (both: the full check, no output), and
  `pk_check_memory` followed by `pk_writer_add` to a JSON writer whose output
  goes nowhere.

  Each of these measures runs in a process of its own (`BENCH_ONLY`), so
  that none starts on the heap another left behind.
- `bench/timecmd.py`: the best wall time of a few runs of a command, and its
  peak resident memory.
- `bench/art5.sch`, `bench/peer-jre/`: the Article 5 checks for the peers.

In-process figures are CPU time, the fastest of several passes, and so are
the command-line comparisons with xmllint; the --jobs figures are time on
the wall (what more cores buy), the fastest of five runs. On a shared
machine that is the closest to what the work costs when nothing else is
running; other work still slows the caches, so run it on a quiet machine
for figures to quote.
"""

if __name__ == "__main__":
    main(sys.argv)
