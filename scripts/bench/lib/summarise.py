#!/usr/bin/env python3
"""Turns the raw samples of scripts/bench/run into Markdown tables of medians and ratios.

Input: a TSV of "round, target, metric, value" lines. Output (stdout): one table for bulk throughput,
one for requests, one for the spread across rounds, then the targets that were skipped and why.
Ratios are target / direct and target / haproxy of the medians; for throughput and request rate
higher is better, so a ratio below 1 is the cost of the proxy.
"""
import argparse
import statistics
import sys
from collections import defaultdict


def load(path):
    samples = defaultdict(list)  # (target, metric) -> [values]
    rounds = set()
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                continue
            rnd, target, metric, value = parts
            try:
                samples[(target, metric)].append(float(value))
            except ValueError:
                continue
            rounds.add(rnd)
    return samples, len(rounds)


class Table:
    """Medians of one run, looked up by target and metric."""

    def __init__(self, samples, rounds):
        self.samples = samples
        self.rounds = rounds

    def median(self, target, metric):
        values = self.samples.get((target, metric))
        return statistics.median(values) if values else None

    def count(self, target, metric):
        return len(self.samples.get((target, metric), []))

    def spread(self, target, metric):
        values = self.samples.get((target, metric))
        if not values or len(values) < 2 or min(values) <= 0:
            return None
        return max(values) / min(values) - 1

    def value(self, target, metric, fmt):
        m = self.median(target, metric)
        if m is None:
            return "–"
        text = fmt(m)
        n = self.count(target, metric)
        return text if n >= self.rounds else f"{text} ({n}/{self.rounds})"

    def delta(self, target, base, metric):
        m, b = self.median(target, metric), self.median(base, metric)
        if m is None or b is None:
            return "–"
        d = m - b
        return ("+" if d >= 0 else "−") + latency(abs(d))

    def ratio(self, target, base, metric):
        m, b = self.median(target, metric), self.median(base, metric)
        if m is None or b is None or b == 0:
            return "–"
        return f"{m / b:.2f}×"


def base_of(target):
    """The plain synack target a variant is compared with: synack-epoll for synack-epoll-latency0 or
    base-epoll, base-epoll for base-epoll-latency50 or base-epoll-mirror (the older build with the same
    fault or feature); None for a target that is no variant."""
    for transport in ("epoll", "io_uring", "nio"):
        plain = f"synack-{transport}"
        if target.startswith(plain + "-") or target == f"base-{transport}":
            return plain
        if target.startswith(f"base-{transport}-"):
            return f"base-{transport}"
    return None


CPU_METRICS = [("bulk_fwd_cpu_ms_per_gb", "bulk → ms/GB"), ("bulk_rev_cpu_ms_per_gb", "bulk ← ms/GB"),
               ("ka_cpu_us_per_req", "keep-alive µs/req"), ("close_cpu_us_per_req", "close µs/req")]


def cpu(v):
    return f"{v:,.1f}" if v < 100 else f"{v:,.0f}"


def gbps(v):
    return f"{v:.2f}"


def rps(v):
    return f"{v:,.0f}"


def latency(us):
    return f"{us:.0f} µs" if us < 1000 else f"{us / 1000:.2f} ms"


def pct(v):
    return "–" if v is None else f"{v * 100:.0f} %"


def row(cells):
    return "| " + " | ".join(cells) + " |"


def render(table, targets, meta, skipped):
    out = []
    out.append("# synack bench: side by side on loopback")
    out.append("")
    out.append(", ".join(f"{k} {v}" for k, v in meta))
    out.append("")
    out.append(f"Medians of {table.rounds} interleaved rounds; `×direct` and `×haproxy` are the median "
               "divided by that target's median (higher is better for Gbit/s and req/s).")
    out.append("")
    out.append("## Bulk throughput (iperf3, one TCP stream, Gbit/s)")
    out.append("")
    out.append(row(["target", "client → server", "×direct", "×haproxy",
                    "server → client (-R)", "×direct", "×haproxy"]))
    out.append(row(["---"] + ["---:"] * 6))
    for t in targets:
        cells = [t]
        for metric in ("bulk_fwd", "bulk_rev"):
            cells += [table.value(t, metric, gbps), table.ratio(t, "direct", metric),
                      table.ratio(t, "haproxy", metric)]
        out.append(row(cells))
    out.append("")
    out.append("## Requests (wrk against nginx, small fixed body)")
    out.append("")
    out.append(row(["target", "keep-alive req/s", "×direct", "×haproxy", "p50", "p99",
                    "close req/s", "×direct", "×haproxy", "p50", "p99"]))
    out.append(row(["---"] + ["---:"] * 10))
    for t in targets:
        cells = [t]
        for mode in ("ka", "close"):
            cells += [table.value(t, f"{mode}_rps", rps), table.ratio(t, "direct", f"{mode}_rps"),
                      table.ratio(t, "haproxy", f"{mode}_rps"),
                      table.value(t, f"{mode}_p50_us", latency), table.value(t, f"{mode}_p99_us", latency)]
        out.append(row(cells))
    cpu_targets = [t for t in targets if any(table.count(t, m) for m, _ in CPU_METRICS)]
    if cpu_targets:
        out.append("")
        out.append("## The proxy's CPU per unit of work (user + system, all its processes)")
        out.append("")
        out.append("Lower is better; `×haproxy` is the median divided by haproxy's. CPU per unit of work moves far "
                   "less than throughput when the machine is busy, so it is the steadier figure to compare builds by.")
        out.append("")
        header = ["target"]
        for _, label in CPU_METRICS:
            header += [label, "×haproxy"]
        out.append(row(header))
        out.append(row(["---"] + ["---:"] * (2 * len(CPU_METRICS))))
        for t in cpu_targets:
            cells = [t]
            for m, _ in CPU_METRICS:
                cells += [table.value(t, m, cpu), table.ratio(t, "haproxy", m)]
            out.append(row(cells))
    variants = [(t, b) for t in targets for b in [base_of(t)] if b and b in targets]
    if variants:
        out.append("")
        out.append("## Against the same synack with nothing added (faults, mirror, an older build)")
        out.append("")
        out.append("`×plain` is the median divided by that of `synack-<transport>`; `+p50` is the difference "
                   "of the medians of p50.")
        out.append("")
        out.append(row(["target", "plain", "bulk → ×plain", "bulk ← ×plain", "keep-alive ×plain", "+p50",
                        "close ×plain", "+p50"]))
        out.append(row(["---", "---"] + ["---:"] * 6))
        for t, b in variants:
            out.append(row([t, b, table.ratio(t, b, "bulk_fwd"), table.ratio(t, b, "bulk_rev"),
                            table.ratio(t, b, "ka_rps"), table.delta(t, b, "ka_p50_us"),
                            table.ratio(t, b, "close_rps"), table.delta(t, b, "close_p50_us")]))
        if any(table.count(t, m) for t, _ in variants for m, _ in CPU_METRICS):
            out.append("")
            out.append("The proxy's CPU per unit of work against the plain synack (lower is better: 1.05× costs 5 % more):")
            out.append("")
            out.append(row(["target", "plain"] + [label for _, label in CPU_METRICS]))
            out.append(row(["---", "---"] + ["---:"] * len(CPU_METRICS)))
            for t, b in variants:
                out.append(row([t, b] + [table.ratio(t, b, m) for m, _ in CPU_METRICS]))
    out.append("")
    out.append("## Spread across rounds (max / min − 1 of the samples behind each median)")
    out.append("")
    spread_metrics = [("bulk_fwd", "bulk →"), ("bulk_rev", "bulk ←"), ("ka_rps", "keep-alive req/s"),
                      ("ka_p99_us", "keep-alive p99"), ("close_rps", "close req/s"), ("close_p99_us", "close p99"),
                      ("close_cpu_us_per_req", "close CPU/req"), ("bulk_fwd_cpu_ms_per_gb", "bulk → CPU/GB")]
    out.append(row(["target"] + [label for _, label in spread_metrics]))
    out.append(row(["---"] + ["---:"] * len(spread_metrics)))
    for t in targets:
        out.append(row([t] + [pct(table.spread(t, m)) for m, _ in spread_metrics]))
    errors = []
    for t in targets:
        for mode, label in (("ka", "keep-alive"), ("close", "close")):
            total = sum(table.samples.get((t, f"{mode}_errors"), []))
            if total:
                errors.append(f"{t} {label}: {total:.0f}")
    if errors:
        out.append("")
        out.append("wrk socket errors (sum over rounds): " + "; ".join(errors))
    if skipped:
        out.append("")
        out.append("Not measured:")
        for name, why in sorted(skipped.items()):
            out.append(f"- {name}: {why}")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("raw")
    p.add_argument("--order", required=True, help="comma-separated targets in display order")
    p.add_argument("--meta", action="append", default=[], help="key=value shown above the tables")
    p.add_argument("--skipped", action="append", default=[], help="target=reason")
    args = p.parse_args()
    samples, rounds = load(args.raw)
    present = {t for t, _ in samples}
    targets = [t for t in args.order.split(",") if t in present]
    meta = [tuple(m.split("=", 1)) for m in args.meta if "=" in m]
    skipped = dict(s.split("=", 1) for s in args.skipped if "=" in s)
    sys.stdout.write(render(Table(samples, max(rounds, 1)), targets, meta, skipped))


if __name__ == "__main__":
    main()
