#!/usr/bin/env python3
"""Makes exactly N `Connection: close` HTTP requests, each on a new TCP connection, for scripts/bench/syscalls.

  closeload.py PORT N [CONCURRENCY] [eof|response]

Each connection sends one GET with `Connection: close`, reads the whole response and closes. `eof`
(the default) reads until the server's FIN before closing, so every connection ends the same way (the
service closes first, the client's FIN follows); `response` closes as soon as the response's body is
complete, as wrk does, which races the service's FIN. CONCURRENCY threads share the N connections.
Prints "ok N failed F"; exits 1 when any connection failed.
"""
import socket
import sys
import threading

REQUEST = b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"


def one(port, mode):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(REQUEST)
        data = b""
        want = None
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            if mode == "response":
                if want is None and b"\r\n\r\n" in data:
                    head, _, _ = data.partition(b"\r\n\r\n")
                    for line in head.split(b"\r\n"):
                        if line.lower().startswith(b"content-length:"):
                            want = len(head) + 4 + int(line.split(b":", 1)[1])
                if want is not None and len(data) >= want:
                    break
        return data.startswith(b"HTTP/1.1 200")
    finally:
        s.close()


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    port, n = int(sys.argv[1]), int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    mode = sys.argv[4] if len(sys.argv) > 4 else "eof"
    if mode not in ("eof", "response"):
        sys.exit(f"closeload.py: mode must be eof or response, not {mode}")
    lock = threading.Lock()
    counts = {"left": n, "ok": 0, "failed": 0}

    def worker():
        while True:
            with lock:
                if counts["left"] == 0:
                    return
                counts["left"] -= 1
            try:
                good = one(port, mode)
            except OSError:
                good = False
            with lock:
                counts["ok" if good else "failed"] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    print(f"ok {counts['ok']} failed {counts['failed']}")
    sys.exit(1 if counts["failed"] else 0)


if __name__ == "__main__":
    main()
