"""Starts `parkcheck serve` on a free port for a test and stops it.

    with Server(parkcheck, extra_args) as s:
        s.port, s.url("/v1/packs"), s.pid, s.log()

The server is asked for port 0 and says which port it took on its first
line of standard error. Under the valgrind lane (PARKCHECK_WRAPPER set) the
command is wrapped like the CLI tests wrap it.
"""
import os
import re
import shlex
import signal
import subprocess
import tempfile
import time


class Server:
    def __init__(self, parkcheck, args=(), host="127.0.0.1"):
        self.cmd = shlex.split(os.environ.get("PARKCHECK_WRAPPER", "")) + [
            parkcheck, "serve", "--listen", f"{host}:0"] + list(args)
        self.host = host
        self.port = None
        self.proc = None
        self.errfile = None

    def __enter__(self):
        self.errfile = tempfile.NamedTemporaryFile(prefix="pk-serve-",
                                                   suffix=".log", delete=False)
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL,
                                     stderr=self.errfile)
        deadline = time.time() + (120 if "PARKCHECK_WRAPPER" in os.environ
                                  else 20)
        while time.time() < deadline:
            m = re.search(r"listening on http://[^ ]*:(\d+)/", self.log())
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the server did not start: " + self.log())

    @property
    def pid(self):
        return self.proc.pid

    def url(self, path):
        return f"http://{self.host}:{self.port}{path}"

    def log(self):
        with open(self.errfile.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, sig=signal.SIGTERM, timeout=60):
        """Stops the server; returns its exit status."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __exit__(self, *exc):
        self.stop()
        try:
            os.unlink(self.errfile.name)
        except OSError:
            pass
        return False


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
            for line in str(detail).splitlines()[:40]:
                print(f"# {line}")
        return cond

    def done(self):
        print(f"1..{self.n}")
        return 1 if self.failed else 0
