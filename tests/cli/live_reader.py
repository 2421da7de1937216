#!/usr/bin/env python3
"""Reads a terminal's output as it arrives and prints how long after its write each tick showed.

argv[1]: the producer's write times; stdin: what the terminal showed. Prints one latency in
milliseconds per tick, in order, or MISSING."""
import re
import sys
import time

seen = {}
for raw in sys.stdin.buffer:
    now = time.time()
    m = re.search(rb"tick (\d+)", raw)
    if m and int(m.group(1)) not in seen:
        seen[int(m.group(1))] = now
written = [float(x) for x in open(sys.argv[1])]
for i, t in enumerate(written):
    print(f"{(seen[i] - t) * 1000:.1f}" if i in seen else "MISSING")
