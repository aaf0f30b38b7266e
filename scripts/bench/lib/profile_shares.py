#!/usr/bin/env python3
"""Shares of a process's CPU samples, from async-profiler's collapsed stacks with thread names.

Usage: profile_shares.py [--skip N] FILE...   (files of one process, in time order: loop=10s writes one per 10 s)

Each line of a collapsed file is `[thread tid=N];frame;frame... COUNT` (async-profiler's `threads` option).
--skip N leaves out the first N files (the JIT's warm-up). Prints, as shares of all samples of the kept files:
the event loops, the JIT's compiler threads, the collector, the mirror's poller thread, the mirror's code on the
event loops (any frame in dev.synack.mirror) and of that its tcp_info reads (SystemKernelProbe.tcpInfo).
"""
import re
import sys


PARTS = [
    ("event loops", lambda t, s: re.match(r"(synack-(epoll|io_uring|nio)|epollEventLoop)", t)),
    ("JIT compiler threads", lambda t, s: t.startswith("C1 ") or t.startswith("C2 ")),
    ("collector (GC threads)", lambda t, s: t.startswith("GC ")),
    ("mirror poller thread", lambda t, s: t.startswith("synack-mirror")),
    ("mirror on the event loops", lambda t, s: not t.startswith("synack-mirror") and "dev/synack/mirror/" in s),
    ("  of which tcp_info reads", lambda t, s: not t.startswith("synack-mirror") and "SystemKernelProbe.tcpInfo" in s),
]


def main(argv):
    skip = 0
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == "--skip":
            skip = int(argv[i + 1])
            i += 2
        else:
            files.append(argv[i])
            i += 1
    files = files[skip:]
    if not files:
        print("no files left (see --skip)", file=sys.stderr)
        return 2
    total = 0
    sums = [0] * len(PARTS)
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as f:
            for line in f:
                stack, _, count = line.rstrip("\n").rpartition(" ")
                if not count.isdigit():
                    continue
                n = int(count)
                total += n
                m = re.match(r"\[(.*?)(?: tid=\d+)?\]", stack)
                thread = m.group(1) if m else ""
                for k, (_, test) in enumerate(PARTS):
                    if test(thread, stack):
                        sums[k] += n
    print(f"{total} samples in {len(files)} files")
    for (label, _), n in zip(PARTS, sums):
        print(f"{label:28s} {100.0 * n / total:6.2f} %" if total else f"{label:28s} -")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
