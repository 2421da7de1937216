#!/usr/bin/env python3
"""A program logging one JSON line every 100 ms, as `python app.py | logmoji` sees it.

usage: live_producer.py GO_FD [FILE]

Writes a warm-up line every 100 ms until a start time (CLOCK_MONOTONIC nanoseconds, as text)
comes on GO_FD: the reader sends it once a warm-up line is on its terminal, so neither
program's start-up counts as latency (and a consumer that holds each line until the next one
comes still gets started, to be measured late). Line i is written at start + i * 100 ms and
carries the time it was written (sent_ns, CLOCK_MONOTONIC, which every process on the machine
shares). Each line is one write(2) straight to the descriptor: nothing waits in a buffer of
ours. Lines go to standard output, or are appended to FILE (for `tail -f FILE | logmoji`)."""
import json
import os
import select
import sys
import time

LINES = 10
PERIOD_NS = 100_000_000


def wait_until(when_ns):
    # Pacing to a schedule, not waiting for a condition: the test is about this rhythm.
    while (left := when_ns - time.monotonic_ns()) > 0:
        time.sleep(left / 1e9)


def main():
    go = int(sys.argv[1])
    out = os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND) if len(sys.argv) > 2 else 1
    poller = select.poll()
    poller.register(go, select.POLLIN)
    while True:
        os.write(out, b'{"event": "warm-up", "level": "info"}\n')
        if poller.poll(PERIOD_NS // 1_000_000):
            break
    with os.fdopen(go, "rb") as start_pipe:
        text = start_pipe.read()  # the reader writes it whole and closes
    if not text:
        return 1  # the reader gave up before the start
    start = int(text)
    for i in range(LINES):
        wait_until(start + i * PERIOD_NS)
        line = {"event": f"tick {i}", "level": "info", "sent_ns": time.monotonic_ns()}
        os.write(out, (json.dumps(line) + "\n").encode())
    # Exiting costs the interpreter a burst of CPU: not while the last line is on its way.
    wait_until(start + LINES * PERIOD_NS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
