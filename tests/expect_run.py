#!/usr/bin/env python3
"""expect_run.py STATUS TEXT -- COMMAND...: the command exits with STATUS
and its standard output contains TEXT (TAP output)."""
import os
import shlex
import subprocess
import sys


def main():
    status, text = int(sys.argv[1]), sys.argv[2]
    # The valgrind lane runs the program through a wrapper
    # (tests/valgrind/wrap.sh).
    cmd = shlex.split(os.environ.get("PARKCHECK_WRAPPER", ""))
    cmd += sys.argv[sys.argv.index("--") + 1:]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    print("1..2")
    print(("ok" if p.returncode == status else "not ok") +
          f" 1 - exit status {p.returncode}, expected {status}")
    print(("ok" if text in p.stdout else "not ok") +
          f" 2 - output contains {text!r}")
    return 0 if p.returncode == status and text in p.stdout else 1


if __name__ == "__main__":
    sys.exit(main())
