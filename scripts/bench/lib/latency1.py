#!/usr/bin/env python3
"""Summarises scripts/bench/latency1: per target, the medians over rounds of one connection's latency
percentiles, and what the proxy adds to them (its median minus the direct connection's).

Input: a TSV of "round, target, metric, value" lines (metrics requests, duration_us, p50_us, p90_us,
p99_us, p999_us, max_us, samples, over250us, over1ms, over4ms, rp50_us, rp99_us, rp999_us, raw, errors) and
the targets in display order. Output (stdout): a Markdown table of wrk's percentiles (corrected for coordinated
omission, as wrk prints them) and, when the rp* metrics are there, one of the round trips as they happened.

Two ratios to haproxy's added p99: of the medians (each target's median over rounds), and paired (per round,
the target's added p99 over haproxy's in that same round, then the median of those): the host's noise moves
all targets of a round together, so the paired one is the steadier of the two.
"""
import statistics
import sys
from collections import defaultdict


def load(path):
    samples = defaultdict(list)  # (target, metric) -> [values]
    rounds = defaultdict(dict)  # (target, metric) -> {round: value}
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                try:
                    value = float(parts[3])
                except ValueError:
                    continue
                samples[(parts[1], parts[2])].append(value)
                rounds[(parts[1], parts[2])][parts[0]] = value
    return samples, rounds


def us(v):
    return "–" if v is None else (f"{v:.0f} µs" if abs(v) < 1000 else f"{v / 1000:.2f} ms")


def main():
    raw, targets = sys.argv[1], sys.argv[2:]
    samples, rounds = load(raw)

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

    def paired(t, m):
        mine, theirs, base = rounds.get((t, m), {}), rounds.get(("haproxy", m), {}), rounds.get(("direct", m), {})
        ratios = [(mine[r] - base[r]) / (theirs[r] - base[r]) for r in mine
                  if r in theirs and r in base and theirs[r] - base[r] > 0]
        if t in ("haproxy", "direct") or not ratios:
            return "–"
        return f"{statistics.median(ratios):.2f}× ({sum(1 for x in ratios if x <= 1)}/{len(ratios)} ≤ 1)"

    def share(t, m):
        over, total = rounds.get((t, m), {}), rounds.get((t, "samples"), {})
        xs = [over[r] / total[r] * 100 for r in over if total.get(r)]
        return f"{statistics.median(xs):.2f} %" if xs else "–"

    print("| target | round trips/s | p50 | p90 | p99 | p99.9 | added p50 | added p99 | added p99 ×haproxy | "
          "paired, rounds ≤ haproxy | added p99.9 | spread of p99 | > 250 µs | > 1 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in targets:
        r = rate(t)
        print(f"| {t} | {'–' if r is None else f'{r:,.0f}'} | {us(median(t, 'p50_us'))} | {us(median(t, 'p90_us'))} | "
              f"{us(median(t, 'p99_us'))} | {us(median(t, 'p999_us'))} | {us(added(t, 'p50_us'))} | "
              f"{us(added(t, 'p99_us'))} | {ratio(t, 'p99_us')} | {paired(t, 'p99_us')} | {us(added(t, 'p999_us'))} | "
              f"{spread(t, 'p99_us')} | {share(t, 'over250us')} | {share(t, 'over1ms')} |")
    if any(samples.get((t, "rp99_us")) for t in targets):
        print()
        print("The round trips as they happened (wrk's correction for coordinated omission undone, see lib/latency.lua):")
        print()
        print("| target | p50 | p99 | p99.9 | added p50 | added p99 | added p99 ×haproxy | paired, rounds ≤ haproxy | "
              "added p99.9 | spread of p99 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for t in targets:
            print(f"| {t} | {us(median(t, 'rp50_us'))} | {us(median(t, 'rp99_us'))} | {us(median(t, 'rp999_us'))} | "
                  f"{us(added(t, 'rp50_us'))} | {us(added(t, 'rp99_us'))} | {ratio(t, 'rp99_us')} | "
                  f"{paired(t, 'rp99_us')} | {us(added(t, 'rp999_us'))} | {spread(t, 'rp99_us')} |")
    errors = [f"{t}: {sum(samples.get((t, 'errors'), [])):.0f}" for t in targets if sum(samples.get((t, "errors"), []))]
    if errors:
        print()
        print("wrk socket errors (sum over rounds): " + "; ".join(errors))


if __name__ == "__main__":
    main()
