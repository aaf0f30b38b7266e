# Measurements for scripts/bench/run. Each appends "round<TAB>target<TAB>metric<TAB>value" lines to
# $RAW; a failed measurement appends nothing (the summary then shows fewer samples, never a zero).

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RAW"; }

# target_cpu TARGET : CPU seconds its processes have used so far (lib/cpu.py over its process groups);
# empty for a target without processes of its own (direct).
target_cpu() {
  local i groups=()
  for i in "${!BENCH_PGIDS[@]}"; do
    [ "${BENCH_PNAMES[$i]}" = "$1" ] && groups+=("${BENCH_PGIDS[$i]}")
  done
  [ ${#groups[@]} -gt 0 ] && python3 "$LIB/cpu.py" "${groups[@]}"
  return 0
}

# record_cpu ROUND TARGET METRIC CPU0 CPU1 PER UNIT_SCALE : the target's CPU between two readings, per unit
# of work (PER units), times UNIT_SCALE; nothing when there is no reading or no work.
record_cpu() {
  local v
  [ -n "$4" ] && [ -n "$5" ] && [ "$1" != warmup ] || return 0
  v=$(awk -v a="$4" -v b="$5" -v n="$6" -v k="$7" 'BEGIN { if (n > 0) printf "%.1f", (b - a) * k / n }')
  [ -n "$v" ] && record "$1" "$2" "$3" "$v"
  return 0
}

# The iperf3 server serves one test at a time; a client killed mid-test can leave it stuck, so a
# failure restarts it before the next measurement.
restart_upstream_iperf() {
  stop_named upstream-iperf
  start_upstream_iperf || echo "  ! iperf3 upstream did not come back" >&2
}

# bulk ROUND TARGET fwd|rev [SECONDS]
bulk() {
  local round=$1 t=$2 dir=$3 secs=${4:-$DURATION} json gbps flag=()
  [ "$dir" = rev ] && flag=(-R)
  json="$TMP/iperf-$t-$dir.json"
  local cpu0 cpu1
  cpu0=$(target_cpu "$t")
  if run_load timeout $((secs + OMIT + 20)) iperf3 -c 127.0.0.1 -p "${PORT_IPERF[$t]}" \
      -t "$secs" -O "$OMIT" -J "${flag[@]}" >"$json" 2>"$TMP/iperf-$t-$dir.err"; then
    gbps=$(python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"] / 1e9))' "$json" 2>/dev/null) || gbps=""
  fi
  cpu1=$(target_cpu "$t")
  if [ -n "${gbps:-}" ]; then
    [ "$round" = warmup ] || record "$round" "$t" "bulk_$dir" "$gbps"
    # ms of the proxy's CPU per GB, over the whole test (the omitted slow start too) at the measured rate
    record_cpu "$round" "$t" "bulk_${dir}_cpu_ms_per_gb" "$cpu0" "$cpu1" \
      "$(awk -v g="$gbps" -v s="$((secs + OMIT))" 'BEGIN { print g * s / 8 }')" 1000
    printf '  %-16s iperf3 %-3s %8s Gbit/s\n' "$t" "$dir" "$gbps"
  else
    printf '  %-16s iperf3 %-3s FAILED (%s)\n' "$t" "$dir" "$(head -c 200 "$TMP/iperf-$t-$dir.err" "$json" 2>/dev/null | tr '\n' ' ')" >&2
    restart_upstream_iperf
  fi
}

# requests ROUND TARGET ka|close [SECONDS]
requests() {
  local round=$1 t=$2 mode=$3 secs=${4:-$DURATION} out line hdr=()
  [ "$mode" = close ] && hdr=(-H 'Connection: close')
  out="$TMP/wrk-$t-$mode.out"
  local cpu0 cpu1
  cpu0=$(target_cpu "$t")
  run_load timeout $((secs + 20)) wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${secs}s" --latency \
    -s "$LIB/report.lua" "${hdr[@]}" "http://127.0.0.1:${PORT_HTTP[$t]}/" >"$out" 2>&1 || true
  cpu1=$(target_cpu "$t")
  line=$(grep '^BENCH ' "$out" | tail -1)
  if [ -z "$line" ]; then
    printf '  %-16s wrk %-5s FAILED (%s)\n' "$t" "$mode" "$(tail -3 "$out" | tr '\n' ' ')" >&2
    return 0
  fi
  # shellcheck disable=SC2046
  local requests duration_us p50_us p99_us errors
  eval "$(echo "${line#BENCH }" | tr ' ' '\n' | grep -E '^(requests|duration_us|p50_us|p99_us|errors)=[0-9]+$')"
  local rps
  rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  if [ "$round" != warmup ]; then
    record "$round" "$t" "${mode}_rps" "$rps"
    record "$round" "$t" "${mode}_p50_us" "$p50_us"
    record "$round" "$t" "${mode}_p99_us" "$p99_us"
    record "$round" "$t" "${mode}_errors" "$errors"
    record_cpu "$round" "$t" "${mode}_cpu_us_per_req" "$cpu0" "$cpu1" "$requests" 1000000
  fi
  printf '  %-16s wrk %-5s %8s req/s  p50 %6s us  p99 %7s us  errors %s\n' "$t" "$mode" "$rps" "$p50_us" "$p99_us" "$errors"
}

# measure ROUND TARGET [SECONDS] : the four measurements of one target in one round.
measure() {
  bulk "$1" "$2" fwd "${3:-}"
  bulk "$1" "$2" rev "${3:-}"
  requests "$1" "$2" ka "${3:-}"
  requests "$1" "$2" close "${3:-}"
}
