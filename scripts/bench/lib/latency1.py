#!/usr/bin/env python3
"""Summarises scripts/bench/latency1: per target, the medians over rounds of one connection's latency
percentiles, and what the proxy adds to them (its median minus the direct connection's).

Input: a TSV of "round, target, metric, value" lines (metrics requests, duration_us, p50_us, p90_us,
p99_us, p999_us, max_us, errors) and the targets in display order. Output (stdout): a Markdown table.
"""
import statistics
import sys
from collections import defaultdict


def load(path):
    samples = defaultdict(list)  # (target, metric) -> [values]
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                try:
                    samples[(parts[1], parts[2])].append(float(parts[3]))
                except ValueError:
                    pass
    return samples


def us(v):
    return "–" if v is None else (f"{v:.0f} µs" if abs(v) < 1000 else f"{v / 1000:.2f} ms")


def main():
    raw, targets = sys.argv[1], sys.argv[2:]
    samples = load(raw)

    def median(t, m):
        xs = samples.get((t, m))
        return statistics.median(xs) if xs else None

    def rate(t):
        n, d = samples.get((t, "requests")), samples.get((t, "duration_us"))
        return statistics.median([a / (b / 1e6) for a, b in zip(n, d) if b > 0]) if n and d else None

    def added(t, m):
        v, base = median(t, m), median("direct", m)
        return None if v is None or base is None or t == "direct" else v - base

    def spread(t, m):
        xs = samples.get((t, m))
        return f"{(max(xs) / min(xs) - 1) * 100:.0f} %" if xs and len(xs) > 1 and min(xs) > 0 else "–"

    def ratio(t, m):
        v, h = added(t, m), added("haproxy", m)
        return "–" if v is None or h is None or h <= 0 or t == "haproxy" else f"{v / h:.2f}×"

    print("| target | round trips/s | p50 | p90 | p99 | p99.9 | added p50 | added p99 | added p99 ×haproxy | "
          "added p99.9 | spread of p99 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in targets:
        r = rate(t)
        print(f"| {t} | {'–' if r is None else f'{r:,.0f}'} | {us(median(t, 'p50_us'))} | {us(median(t, 'p90_us'))} | "
              f"{us(median(t, 'p99_us'))} | {us(median(t, 'p999_us'))} | {us(added(t, 'p50_us'))} | "
              f"{us(added(t, 'p99_us'))} | {ratio(t, 'p99_us')} | {us(added(t, 'p999_us'))} | {spread(t, 'p99_us')} |")
    errors = [f"{t}: {sum(samples.get((t, 'errors'), [])):.0f}" for t in targets if sum(samples.get((t, "errors"), []))]
    if errors:
        print()
        print("wrk socket errors (sum over rounds): " + "; ".join(errors))


if __name__ == "__main__":
    main()
