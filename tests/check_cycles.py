#!/usr/bin/env python3
"""The library's files depend on one another without a cycle, and so do
the server's.

Usage: check_cycles.py LIBRARY...

Each LIBRARY is a built library (the shared libparkcheck, the server's
static request handler); its object files are in the directory meson
keeps beside it (LIBRARY.p, or the like). Each is checked on its own.

Reads, with nm, what each object file of the library defines and what it
uses, draws an edge from a file to every file that defines a symbol it
uses, and fails when the graph has a cycle (a strongly connected set of
more than one file), naming its files. A cycle means two rooms that can
only be understood, changed and tested together. TAP on standard output.
"""

import glob
import os
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "TDRB":
            defined.add(f[2])
        elif len(f) == 2 and f[0] == "U":
            used.add(f[1])
    return defined, used


def cycles(graph):
    """Tarjan's strongly connected components of more than one node."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def check(lib, first):
    """Checks one library: two TAP lines numbered from first; 0 or 1."""
    objs = sorted(glob.glob(os.path.join(
        os.path.dirname(lib), os.path.basename(lib).split(".")[0] + "*.p",
        "*.o")))
    what = os.path.basename(lib)
    if not objs:
        print("not ok %d - no object files for %s" % (first, lib))
        print("not ok %d - no graph to check" % (first + 1))
        return 1
    print("ok %d - %s: %d object files read" % (first, what, len(objs)))
    defs, uses = {}, {}
    for o in objs:
        name = os.path.basename(o)[:-2].replace("writers_", "writers/")
        defs[name], uses[name] = symbols(o)
    owner = {s: n for n, d in defs.items() for s in d}
    graph = {n: {owner[s] for s in uses[n] if s in owner and owner[s] != n}
             for n in defs}
    found = cycles(graph)
    if found:
        print("not ok %d - %s: files depend on each other in a cycle"
              % (first + 1, what))
        for c in found:
            print("# " + " <-> ".join(c))
        return 1
    print("ok %d - %s: no cycle among its %d files"
          % (first + 1, what, len(graph)))
    return 0


def main():
    if len(sys.argv) < 2:
        print("usage: check_cycles.py LIBRARY...", file=sys.stderr)
        return 2
    libs = sys.argv[1:]
    print("1..%d" % (2 * len(libs)))
    failed = 0
    for i, lib in enumerate(libs):
        failed |= check(lib, 2 * i + 1)
    return failed


if __name__ == "__main__":
    sys.exit(main())
