#!/usr/bin/env python3
"""Counts system calls in strace output for scripts/bench/syscalls.

  syscount.py count TRACE > COUNTS.tsv
      one line per call and detail: "name<TAB>detail<TAB>count" (detail: epoll_ctl's op, get/setsockopt's
      level and option, shutdown's how, fcntl's command; empty otherwise)
  syscount.py table N TARGET=LOAD.tsv:IDLE.tsv ...
      a Markdown table of calls per connection: (load - idle) / N for each target, side by side, the
      calls of the connection's life first, then a total

  syscount.py ring TRACE > COUNTS.tsv
      the io_uring operations submitted, from the kernel's io_uring_submit_req trace events (tracefs text):
      "io_uring<TAB>opcode<TAB>count"
  syscount.py ringtable N TARGET=LOAD.tsv:IDLE.tsv ...
      the same table for those operations, with their total

A call strace prints in two halves (<unfinished ...> then <... resumed>) counts once.
"""
import re
import sys
from collections import Counter

LINE = re.compile(r"^(?:\[pid\s+)?\d*\]?\s*([a-z_0-9]+)\((.*)$")
DETAILED = {
    "epoll_ctl": lambda a: a[1] if len(a) > 1 else "",
    "getsockopt": lambda a: ",".join(a[1:3]),
    "setsockopt": lambda a: ",".join(a[1:3]),
    "shutdown": lambda a: a[1] if len(a) > 1 else "",
    "fcntl": lambda a: a[1] if len(a) > 1 else "",
}
# Calls whose number depends on timing (how many events one wake-up brings), not on what a connection needs.
TIMING = {"epoll_wait", "epoll_pwait", "epoll_pwait2", "futex", "io_uring_enter", "sched_yield", "nanosleep", "clock_nanosleep",
          "restart_syscall"}


def count(path):
    c = Counter()
    with open(path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if "resumed>" in line or line.startswith("---") or line.startswith("+++"):
                continue
            if line[:1].isdigit():
                line = line.split(None, 1)[1] if " " in line else line
            m = LINE.match(line)
            if not m:
                continue
            name, rest = m.group(1), m.group(2)
            args = [a.strip() for a in rest.split(",")]
            # the last argument shown carries the call's closing parenthesis and its result
            detail = DETAILED.get(name, lambda a: "")(args).split(")")[0].strip()
            c[(name, detail)] += 1
    for (name, detail), n in sorted(c.items()):
        print(f"{name}\t{detail}\t{n}")


OPCODE = re.compile(r"io_uring_submit_req:.* opcode ([A-Z_0-9]+)")


def ring(path):
    c = Counter()
    with open(path, errors="replace") as f:
        for line in f:
            m = OPCODE.search(line)
            if m:
                c[m.group(1)] += 1
    for op, n in sorted(c.items()):
        print(f"io_uring\t{op}\t{n}")


def read(path):
    out = Counter()
    with open(path) as f:
        for line in f:
            name, detail, n = line.rstrip("\n").split("\t")
            out[(name, detail)] += int(n)
    return out


def per_connection(n, specs):
    targets, per = [], {}
    for spec in specs:
        name, files = spec.split("=", 1)
        load, idle = files.split(":")
        diff = read(load)
        diff.subtract(read(idle))
        targets.append(name)
        per[name] = {k: v / n for k, v in diff.items()}
    return targets, per


def ring_table(n, specs):
    targets, per = per_connection(n, specs)
    keys = sorted({k for t in targets for k, v in per[t].items() if abs(v) >= 0.005})
    print("| io_uring operation | " + " | ".join(targets) + " |")
    print("| --- | " + " | ".join("---:" for _ in targets) + " |")
    for k in keys:
        print(f"| {k[1]} | " + " | ".join(f"{per[t].get(k, 0.0):.2f}" for t in targets) + " |")
    print("| **total** | " + " | ".join(f"**{sum(per[t].values()):.2f}**" for t in targets) + " |")


def table(n, specs):
    targets, per = per_connection(n, specs)
    keys = sorted({k for t in targets for k, v in per[t].items() if abs(v) >= 0.005},
                  key=lambda k: (k[0] in TIMING, k[0], k[1]))
    print("| call | " + " | ".join(targets) + " |")
    print("| --- | " + " | ".join("---:" for _ in targets) + " |")
    totals = {t: 0.0 for t in targets}
    lifecycle = {t: 0.0 for t in targets}
    for k in keys:
        label = k[0] + (f" {k[1]}" if k[1] else "")
        cells = []
        for t in targets:
            v = per[t].get(k, 0.0)
            totals[t] += v
            if k[0] not in TIMING:
                lifecycle[t] += v
            cells.append(f"{v:.2f}" if abs(v) >= 0.005 else "")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("| **without the waits (epoll_wait, futex, io_uring_enter)** | " + " | ".join(f"**{lifecycle[t]:.2f}**" for t in targets) + " |")
    print("| **total** | " + " | ".join(f"**{totals[t]:.2f}**" for t in targets) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "count":
        count(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "ring":
        ring(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "table":
        table(int(sys.argv[2]), sys.argv[3:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "ringtable":
        ring_table(int(sys.argv[2]), sys.argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
