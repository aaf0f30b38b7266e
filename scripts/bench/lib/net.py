#!/usr/bin/env python3
"""Small loopback helpers for scripts/bench/run.

  net.py ports N        print N distinct free TCP ports on 127.0.0.1 below the ephemeral range (held open together while chosen)
  net.py get PORT       one HTTP/1.1 GET through 127.0.0.1:PORT; exit 0 on a 200 with a body
"""
import random
import socket
import sys


def ephemeral_low():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def ports(n):
    """Free ports below the ephemeral range: a port the kernel may hand out to an outgoing connection
    (a readiness probe, a proxy's upstream connect) could be taken before its listener binds."""
    held = []
    candidates = list(range(10000, ephemeral_low()))
    random.shuffle(candidates)
    try:
        for port in candidates:
            if len(held) == n:
                break
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                s.close()
                continue
            held.append(s)
        if len(held) < n:
            raise SystemExit("net.py ports: not enough free ports below the ephemeral range")
        print(" ".join(str(s.getsockname()[1]) for s in held))
    finally:
        for s in held:
            s.close()


def get(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    ok = head.startswith(b"HTTP/1.1 200") and len(body) > 0
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "ports":
        ports(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "get":
        try:
            sys.exit(get(int(sys.argv[2])))
        except OSError as e:
            print(f"net.py get {sys.argv[2]}: {e}", file=sys.stderr)
            sys.exit(1)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
