#!/usr/bin/env python3
"""Polls an HTTP path at a fixed rate over one kept-alive connection, as a dashboard or a test harness
would, until SIGTERM; then prints one line: BENCH polls=N errors=N p50_us=N p99_us=N max_us=N.

  poll.py PORT PATH RATE
"""
import http.client
import signal
import sys
import time

port, path, rate = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
latencies, errors = [], 0
interval = 1.0 / rate
next_at = time.monotonic()
while not stop:
    t0 = time.monotonic()
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            errors += 1
    except (OSError, http.client.HTTPException):
        errors += 1
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies.append(int((time.monotonic() - t0) * 1e6))
    next_at += interval
    time.sleep(max(0.0, next_at - time.monotonic()))
latencies.sort()
n = len(latencies)
pick = lambda q: latencies[min(n - 1, int(q * n))] if n else 0
print(f"BENCH polls={n} errors={errors} p50_us={pick(0.5)} p99_us={pick(0.99)} max_us={latencies[-1] if n else 0}", flush=True)
