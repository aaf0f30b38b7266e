#!/usr/bin/env python3
"""Idle connections through a proxy, for scripts/bench/idle-mem: client and upstream in one process.

  idlehold.py PROXY_PORT UPSTREAM_PORT

Listens on 127.0.0.1:UPSTREAM_PORT as the service (accepts and holds every connection, never reads or
writes), prints "listening", then obeys one command per line on stdin and answers one line on stdout:

  open N    opens N connections to 127.0.0.1:PROXY_PORT, in batches, and answers "open N" once every
            one is connected and the upstream has accepted N more (so the proxy holds both sockets of
            each); "error ..." when that does not happen within 60 s
  close     closes every connection on both sides, answers "closed"
  EOF       exits

Each proxied connection costs this process two files (client socket and accepted upstream socket); the
soft open-file limit is raised to the hard one.
"""
import resource
import selectors
import socket
import sys
import time

BATCH = 256


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Holder:
    def __init__(self, proxy_port, upstream_port):
        self.proxy_port = proxy_port
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", upstream_port))
        self.listener.listen(4096)
        self.listener.setblocking(False)
        self.clients = []
        self.accepted = []

    def accept_ready(self, timeout):
        """Accepts whatever is pending, waiting up to timeout for the first."""
        sel = selectors.DefaultSelector()
        sel.register(self.listener, selectors.EVENT_READ)
        try:
            if not sel.select(timeout):
                return
            while True:
                try:
                    conn, _ = self.listener.accept()
                except BlockingIOError:
                    return
                self.accepted.append(conn)
        finally:
            sel.close()

    def open(self, n):
        want_accepted = len(self.accepted) + n
        deadline = time.monotonic() + 60
        opened = 0
        while opened < n:
            batch = []
            for _ in range(min(BATCH, n - opened)):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setblocking(False)
                s.connect_ex(("127.0.0.1", self.proxy_port))
                batch.append(s)
            sel = selectors.DefaultSelector()
            for s in batch:
                sel.register(s, selectors.EVENT_WRITE)
            pending = len(batch)
            while pending and time.monotonic() < deadline:
                for key, _ in sel.select(0.05):
                    err = key.fileobj.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    if err:
                        sel.close()
                        return "error connect: errno %d after %d connections" % (err, opened)
                    sel.unregister(key.fileobj)
                    pending -= 1
                self.accept_ready(0)
            sel.close()
            if pending:
                return "error connect timed out after %d connections" % opened
            self.clients.extend(batch)
            opened += len(batch)
            # Keep the proxy's upstream connects close behind, so no backlog overflows.
            while len(self.accepted) < want_accepted - n + opened and time.monotonic() < deadline:
                self.accept_ready(0.05)
        while len(self.accepted) < want_accepted and time.monotonic() < deadline:
            self.accept_ready(0.05)
        if len(self.accepted) < want_accepted:
            return "error upstream accepted %d of %d" % (len(self.accepted), want_accepted)
        return "open %d" % n

    def close(self):
        for s in self.clients + self.accepted:
            s.close()
        self.clients = []
        self.accepted = []
        return "closed"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    raise_nofile()
    holder = Holder(int(sys.argv[1]), int(sys.argv[2]))
    print("listening", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "open" and len(words) == 2 and words[1].isdigit():
            answer = holder.open(int(words[1]))
        elif words[0] == "close":
            answer = holder.close()
        else:
            answer = "error unknown command: %s" % line.strip()
        print(answer, flush=True)


if __name__ == "__main__":
    main()
