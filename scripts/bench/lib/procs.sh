# Process bookkeeping for scripts/bench/run: every process is started in its own session (setsid), so
# stopping its process group also stops the children it forked (socat's per-connection children,
# nginx's worker). Only the groups recorded here are ever signalled.

BENCH_PGIDS=()
BENCH_PNAMES=()

# placement CPUS : sets PLACE to the command prefix that pins to CPUS ("" = not pinned) at the run's
# nice level (NICE, default 0).
placement() {
  PLACE=()
  if [ "${NICE:-0}" != 0 ]; then PLACE+=(nice -n "$NICE"); fi
  if [ -n "$1" ]; then PLACE+=(taskset -c "$1"); fi
  return 0
}

# placed CPUS CMD... : runs CMD in the foreground, placed on CPUS.
placed() {
  local PLACE
  placement "$1"; shift
  "${PLACE[@]}" "$@"
}

# start NAME CPUS LOG CMD... : starts CMD in the background, in a session of its own, placed on CPUS.
start() {
  local name=$1 log=$3 PLACE
  placement "$2"; shift 3
  setsid "${PLACE[@]}" "$@" >"$log" 2>&1 </dev/null &
  disown "$!"  # its end is ours to observe (kill -0), not bash's to announce
  BENCH_PGIDS+=("$!")
  BENCH_PNAMES+=("$name")
  LAST_PID=$!
}

# stop_group PGID : TERM the group, wait up to STOP_GRACE seconds (default 12: synack drains its
# sessions for up to 10 s by default), then KILL what is left.
stop_group() {
  local pg=$1 i
  kill -TERM -- "-$pg" 2>/dev/null || return 0
  for i in $(seq $(( ${STOP_GRACE:-12} * 10 ))); do
    kill -0 -- "-$pg" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pg" 2>/dev/null || true
}

# stop_named NAME : stops every recorded group started under NAME.
stop_named() {
  local i
  for i in "${!BENCH_PGIDS[@]}"; do
    if [ "${BENCH_PNAMES[$i]}" = "$1" ] && [ -n "${BENCH_PGIDS[$i]}" ]; then
      stop_group "${BENCH_PGIDS[$i]}"
      BENCH_PGIDS[$i]=""
    fi
  done
}

stop_all() {
  local pg
  for pg in "${BENCH_PGIDS[@]}"; do
    [ -n "$pg" ] && stop_group "$pg"
  done
  BENCH_PGIDS=()
  BENCH_PNAMES=()
}

# wait_listen PID PORT TIMEOUT_S : polls the kernel's listener table (no connection is made, so no
# upstream sees a stray connect) until PORT listens. Returns 1 on timeout, 2 as soon as PID has exited.
wait_listen() {
  local pid=$1 port=$2 limit=$3 deadline
  deadline=$(( $(date +%s) + limit ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 2
    sleep 0.1
  done
  return 1
}
