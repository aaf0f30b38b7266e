#!/usr/bin/env python3
"""Prints the CPU seconds (user + system) used so far by every process in the given process groups,
including their children that have ended and been waited for (socat's per-connection forks).

Usage: cpu.py PGID [PGID ...]. Each bench target runs in process groups of its own (setsid), so this is
the target's CPU and nothing else's: the load generators and upstreams are in groups of their own.
"""
import os
import sys


def main():
    groups = {int(g) for g in sys.argv[1:]}
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # gone meanwhile
        # The command name (field 2) may hold spaces and parentheses: split after its last ')'.
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[2]) in groups:  # field 5, pgrp
            total += sum(int(v) for v in fields[11:15])  # fields 14-17: utime, stime, cutime, cstime
    print(f"{total / tick:.2f}")


if __name__ == "__main__":
    main()
