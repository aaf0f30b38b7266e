-- Prints one machine-readable line at the end of a wrk run: the latency percentiles (microseconds) from
-- wrk's own histogram, for scripts/bench/latency1.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LATENCY requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
