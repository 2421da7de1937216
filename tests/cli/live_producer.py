#!/usr/bin/env python3
"""A program that logs one JSON line every 100 ms, as `python app.py | logmoji` would see it.

argv[1]: where to write each line's write time (one per line, seconds since the epoch)."""
import json
import sys
import time

# A program takes a moment to start; so does logmoji, and its start-up is not the latency of a
# live stream.
time.sleep(0.3)
with open(sys.argv[1], "w") as times:
    for i in range(10):
        sys.stdout.write(json.dumps({"event": f"tick {i}", "level": "info"}) + "\n")
        sys.stdout.flush()
        times.write(f"{time.time()}\n")
        times.flush()
        time.sleep(0.1)
