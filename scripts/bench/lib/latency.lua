-- Prints one machine-readable line at the end of a wrk run, for scripts/bench/latency1: the latency
-- percentiles (microseconds) of wrk's own histogram, and of the round trips as they happened.
--
-- wrk corrects its histogram for coordinated omission before done() sees it: with one connection, every
-- round trip of n µs at least twice the mean round trip e adds samples at n - e, n - 2e, ... down to e, the
-- requests a client sending at a steady rate would have seen delayed by the same stall. So one stall of a
-- few ms weighs as dozens of samples, and a target with quicker round trips (a smaller e) gets more of them
-- for the same stall. The raw histogram is that correction undone (every corrected sample came from a raw
-- one above it, so working down from the top recovers them): rp* are its percentiles. over* count the
-- corrected histogram's samples above 250 µs, 1 ms and 4 ms: the shape of the tail.
local function percentile(counts, values, total, p)
  local want, seen = math.ceil(total * p / 100), 0
  for _, v in ipairs(values) do
    seen = seen + counts[v]
    if seen >= want then return v end
  end
  return values[#values] or 0
end

done = function(summary, latency, requests)
  local e = summary.errors
  local observed, values, samples = {}, {}, 0
  local over = {[250] = 0, [1000] = 0, [4000] = 0}
  for i = 1, #latency do
    local v, n = latency(i)
    observed[v] = n
    values[#values + 1] = v
    samples = samples + n
    for limit, _ in pairs(over) do
      if v > limit then over[limit] = over[limit] + n end
    end
  end
  table.sort(values)
  -- wrk: interval = runtime_us / (complete / connections); one connection here.
  local interval = summary.requests > 0 and math.floor(summary.duration / summary.requests) or 0
  local raw, added, rawTotal = {}, {}, 0
  for i = #values, 1, -1 do
    local v = values[i]
    local r = observed[v] - (added[v] or 0)
    if r < 0 then r = 0 end
    raw[v] = r
    rawTotal = rawTotal + r
    if interval > 0 and r > 0 and v >= 2 * interval then
      local m = v - interval
      while m > interval do
        added[m] = (added[m] or 0) + r
        m = m - interval
      end
    end
  end
  io.write(string.format(
    "LATENCY requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d samples=%d " ..
    "over250us=%d over1ms=%d over4ms=%d rp50_us=%d rp99_us=%d rp999_us=%d raw=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, samples, over[250], over[1000], over[4000],
    percentile(raw, values, rawTotal, 50), percentile(raw, values, rawTotal, 99),
    percentile(raw, values, rawTotal, 99.9), rawTotal,
    e.connect + e.read + e.write + e.status + e.timeout))
end
