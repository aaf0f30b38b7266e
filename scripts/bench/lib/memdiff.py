#!/usr/bin/env python3
"""Per-connection memory from two snapshots of a JVM, for scripts/bench/idle-mem.

  memdiff.py row NAME N DIR0 DIRN [DIR0 DIRN ...]
                                      one TSV row: name, heap, native, total, rss (bytes per connection),
                                      the NMT categories that moved and the rounds' heap figures, from the
                                      snapshots in DIR0 (no connection) and DIRN (N idle connections); with
                                      several rounds, each figure is the median of the rounds
  memdiff.py top N DIR0 DIRN K        the K classes whose live bytes grew most, per connection (Markdown)

A snapshot directory holds histo.txt (jcmd GC.class_histogram: a full GC, then every live class),
nmt.txt (jcmd VM.native_memory summary) and rss.txt (VmRSS in kB).

heap = growth of the live heap (the histogram's total). native = growth of NMT's committed memory in
every category that a connection can grow: all but Java Heap (counted as heap), and Class, Code,
Compiler, Symbol, Arena Chunk, Module, Synchronizer, Tracing and Native Memory Tracking, which move with
class loading, the JIT and NMT's own books, not with connections. NMT sees Netty's direct buffers (they
are Unsafe.allocateMemory, category Other) but not memory a native library mallocs or the kernel maps;
rss is the growth of the resident set as a cross-check (the heap is pre-touched, so it does not move it).
"""
import re
import sys

NOT_PER_CONNECTION = {
    "Java Heap", "Class", "Code", "Compiler", "Symbol", "Arena Chunk", "Module", "Synchronizer",
    "Tracing", "Native Memory Tracking", "Shared class space", "Metaspace", "String Deduplication",
    "Serviceability", "Object Monitors",
}


def histogram(path):
    classes, total = {}, None
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            n, b, name = int(m.group(1)), int(m.group(2)), m.group(3)
            old = classes.get(name, (0, 0))
            classes[name] = (old[0] + n, old[1] + b)
            continue
        m = re.match(r"Total\s+(\d+)\s+(\d+)", line)
        if m:
            total = int(m.group(2))
    if total is None:
        sys.exit("memdiff: no histogram total in %s" % path)
    return classes, total


def nmt(path):
    cats = {}
    for line in open(path):
        m = re.match(r"-\s+(.+?) \(reserved=(\d+)KB, committed=(\d+)KB\)", line)
        if m:
            cats[m.group(1).strip()] = int(m.group(3)) * 1024
    if not cats:
        sys.exit("memdiff: no NMT summary in %s (was the JVM started with -XX:NativeMemoryTracking=summary?)" % path)
    return cats


def rss(path):
    return int(open(path).read().split()[0]) * 1024


def measure(n, d0, dn):
    _, h0 = histogram(d0 + "/histo.txt")
    _, hn = histogram(dn + "/histo.txt")
    c0, cn = nmt(d0 + "/nmt.txt"), nmt(dn + "/nmt.txt")
    heap = (hn - h0) / n
    moved = {}
    for cat in set(c0) | set(cn):
        delta = cn.get(cat, 0) - c0.get(cat, 0)
        if delta and cat not in NOT_PER_CONNECTION:
            moved[cat] = delta / n
    native = sum(moved.values())
    resident = (rss(dn + "/rss.txt") - rss(d0 + "/rss.txt")) / n
    return heap, native, resident, moved


def median(xs):
    xs = sorted(xs)
    mid = len(xs) // 2
    return xs[mid] if len(xs) % 2 else (xs[mid - 1] + xs[mid]) / 2


def row(name, n, pairs):
    rounds = [measure(n, d0, dn) for d0, dn in pairs]
    heap = median([r[0] for r in rounds])
    native = median([r[1] for r in rounds])
    resident = median([r[2] for r in rounds])
    moved = {}
    for r in rounds:
        for k in r[3]:
            moved[k] = median([x[3].get(k, 0) for x in rounds])
    detail = ", ".join("%s %+.0f" % (k, v) for k, v in sorted(moved.items(), key=lambda kv: -abs(kv[1])) if round(v))
    spread = " / ".join("%.0f" % r[0] for r in rounds)
    print("\t".join([name, "%.0f" % heap, "%.0f" % native, "%.0f" % (heap + native), "%.0f" % resident,
                     detail or "0", spread]))


def top(n, d0, dn, k):
    c0, _ = histogram(d0 + "/histo.txt")
    cn, _ = histogram(dn + "/histo.txt")
    grown = []
    for cls, (count, size) in cn.items():
        old = c0.get(cls, (0, 0))
        grown.append((size - old[1], count - old[0], cls))
    grown.sort(reverse=True)
    print("| class | instances/conn | bytes/conn |")
    print("|---|---:|---:|")
    for size, count, cls in grown[:k]:
        print("| `%s` | %.2f | %.0f |" % (cls, count / n, size / n))
    rest = sum(s for s, _, _ in grown[k:])
    print("| everything else | | %.0f |" % (rest / n))


def main():
    a = sys.argv[1:]
    if len(a) >= 5 and len(a) % 2 == 1 and a[0] == "row":
        row(a[1], int(a[2]), list(zip(a[3::2], a[4::2])))
    elif len(a) == 5 and a[0] == "top":
        top(int(a[1]), a[2], a[3], int(a[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
