#!/usr/bin/env python3
"""Runs a command several times; prints its best wall time in seconds, its
largest peak resident memory in KiB and the CPU time of the best run in
seconds, as "seconds KiB cpu-seconds". Standard output goes
to /dev/null (or to --out FILE), standard error is kept for the caller.

    timecmd.py [--runs N] [--out FILE] [--ok-status 0,1,2,3]
               [--peakrss PEAKRSS] -- COMMAND...

The best of several runs is what the command costs when nothing else on the
machine gets in its way. Peak memory is the kernel's account of the command
(getrusage), taken by bench/peakrss.c (built by run.sh and named with
--peakrss): a child forked straight from Python would carry Python's own
memory into the figure. Without --peakrss it is 0.
"""
import os
import subprocess
import sys
import tempfile
import time


def main(argv):
    runs, out, ok, peakrss = 3, os.devnull, {0}, None
    args = argv[1:]
    while args and args[0] != "--":
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--out":
            out = args.pop(0)
        elif opt == "--peakrss":
            peakrss = args.pop(0)
        elif opt == "--ok-status":
            ok = {int(x) for x in args.pop(0).split(",")}
        else:
            sys.exit("timecmd.py: unknown option " + opt)
    if not args or len(args) < 2:
        sys.exit(__doc__)
    cmd = args[1:]
    rss_file = None
    if peakrss is not None:
        fd, rss_file = tempfile.mkstemp(prefix="peakrss.")
        os.close(fd)
        cmd = [peakrss, rss_file] + cmd
    best, peak, cpu = None, 0, 0.0
    for _ in range(runs):
        with open(out, "wb") as f:
            t0 = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                os.dup2(f.fileno(), 1)
                try:
                    os.execvp(cmd[0], cmd)
                finally:
                    os._exit(127)
            _, status = os.waitpid(pid, 0)
            t = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            sys.exit("timecmd.py: %s exited with %d" % (cmd[0], code))
        run_cpu = 0.0
        if rss_file is not None:
            with open(rss_file, encoding="ascii") as f:
                fields = f.read().split()
            peak = max(peak, int(fields[0]))
            run_cpu = float(fields[1])
        if best is None or t < best:
            best, cpu = t, run_cpu
    if rss_file is not None:
        os.unlink(rss_file)
    print("%.6f %d %.6f" % (best, peak, cpu))


if __name__ == "__main__":
    main(sys.argv)
