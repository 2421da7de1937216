#!/usr/bin/env python3
"""Measures how long each line of a live stream takes to reach a terminal through logmoji.

usage: live_stream.py LOGMOJI WORKDIR pipe|tail

pipe: `PRODUCER | logmoji`; tail: `PRODUCER >>FILE & tail -f FILE | logmoji` -- the README's
first commands. logmoji's standard output and error are a real pty (os.openpty) that this
process reads the whole time; PAGER is a stand-in that leaves a mark if it is ever started.

The same pipeline with cat in place of logmoji runs at the same time on its own pty, its producer
on the same schedule: the control. It measures what the machine itself costs at that moment
(scheduling, the pipe, the pty, tail), which on a loaded 2-core machine can pass 50 ms alone.

Hard failures (never retried): a line missing or out of order, the pager started, logmoji's
exit status not 0, or the control losing a line. The timing: line i is late when logmoji's
latency is over 50 ms AND over the control's latency for the same line plus 50 ms; one late line
fails the attempt, and the test fails when 3 attempts in a row do. Under a load average of 14 a
lone line of logmoji's was seen at 55 ms while cat's took 0.5 ms (logmoji hands a line between
threads, each hand-off a wake-up a busy scheduler can delay), in 1 attempt of 11; a real latency
bug -- block buffering, a pager, a line held until the next one comes -- is late on every
attempt. Every attempt's figures are printed either way.

Nothing sleeps and hopes: each wait is for a condition (a warm-up line on both terminals, all
lines in, the consumers exited) with a bound. The producers' warm-up lines keep start-up out
of the figures. The pty is read here rather than through script(1), and its slave end is held
open until the end, so no output can be lost between a consumer's exit and our last read."""
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time

LINES = 10
BOUND_MS = 50
ATTEMPTS = 3
# Bounds on waiting, generous for an ASan build on a loaded machine (a start-up takes 2 s there),
# small enough that a consumer holding everything to the end fails within the meson timeout.
WARM_UP_S = 10  # then the lines start anyway, and a consumer that showed nothing is measured
LINES_S = 10  # after the 1 s the producer takes
EXIT_S = 30
ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
TICK = re.compile(rb"tick (\d+)\b.*?sent_ns\D*?(\d+)")

HERE = os.path.dirname(os.path.abspath(__file__))


def spawn(argv, **how):
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, **how)


class Stream:
    """One pipeline: producer, maybe tail, consumer on its own pty, and what its pty showed."""

    def __init__(self, name, consumer, shape, work, env):
        self.name = name
        self.master, slave = os.openpty()
        # A wide terminal, as a user's would be; nothing here depends on the width.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        go_read, self.go = os.pipe()
        pipe_read, pipe_write = os.pipe()
        producer = [sys.executable, os.path.join(HERE, "live_producer.py"), str(go_read)]
        self.helpers = []
        if shape == "tail":
            log = os.path.join(work, f"{name}.log")
            open(log, "w").close()
            self.helpers.append(spawn(producer + [log], pass_fds=[go_read]))
            self.helpers.append(spawn(["tail", "-f", log], stdout=pipe_write))
        else:
            self.helpers.append(spawn(producer, pass_fds=[go_read], stdout=pipe_write))
        self.proc = subprocess.Popen(
            consumer, stdin=pipe_read, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        # The slave stays open here until the end: the master then never reports EIO, so nothing
        # written to the pty can be lost before we read it (script(1)'s weak spot).
        self.slave = slave
        for fd in (go_read, pipe_read, pipe_write):
            os.close(fd)
        os.set_blocking(self.master, False)
        self.pending = b""
        self.transcript = b""
        self.warm = False
        self.arrived = {}  # tick -> latency in ms
        self.order = []  # ticks in the order they arrived

    def read(self):
        """Reads what the pty holds now; false when it held nothing."""
        try:
            data = os.read(self.master, 65536)
        except BlockingIOError:
            return False
        now = time.monotonic_ns()  # taken as the bytes come, before anything is parsed
        self.transcript += data
        self.pending += data
        *lines, self.pending = self.pending.split(b"\n")
        for raw in lines:
            plain = ESCAPE.sub(b"", raw)
            if b"warm-up" in plain:
                self.warm = True
            m = TICK.search(plain)
            if m:
                tick = int(m.group(1))
                self.order.append(tick)
                self.arrived.setdefault(tick, (now - int(m.group(2))) / 1e6)
        return True

    def start(self, at_ns):
        os.write(self.go, str(at_ns).encode())
        os.close(self.go)
        self.go = None

    def close(self):
        for p in self.helpers + [self.proc]:
            if p.poll() is None:
                p.kill()
            p.wait()
        if self.go is not None:
            os.close(self.go)
        os.close(self.slave)
        os.close(self.master)


def pump(streams, until, deadline_ns):
    """Reads every pty as bytes come until until() holds or the deadline passes."""
    poller = select.poll()
    for s in streams:
        poller.register(s.master, select.POLLIN)
    by_fd = {s.master: s for s in streams}
    while not until():
        left_ms = (deadline_ns - time.monotonic_ns()) / 1e6
        if left_ms <= 0:
            return False
        # Short waits: a consumer's exit is noticed by polling its status, not by the pty.
        for fd, _ in poller.poll(min(left_ms, 50)):
            by_fd[fd].read()
    return True


def attempt(logmoji, work, shape, number):
    marker = os.path.join(work, f"pager-started-{shape}-{number}")
    pager = os.path.join(work, "pager")
    with open(pager, "w") as f:
        f.write(f'#!/bin/sh\n: >>"{marker}"\nexec cat\n')
    os.chmod(pager, 0o755)
    env = dict(os.environ, PAGER=pager, TERM="xterm-256color")
    consumers = (("logmoji", logmoji), ("cat", "cat"))
    streams = [Stream(name, [argv], shape, work, env) for name, argv in consumers]
    problems = []
    try:
        began = time.monotonic_ns()
        # A consumer that shows nothing until its input ends never shows a warm-up line: it is
        # started anyway after a while, and its lines are measured (late).
        pump(streams, lambda: all(s.warm for s in streams), began + WARM_UP_S * 10**9)
        warm_s = (time.monotonic_ns() - began) / 1e9
        silent = "".join(f"; none from {s.name}" for s in streams if not s.warm)
        print(f"{shape} attempt {number}: warm-up line shown after {warm_s:.2f} s{silent}")
        start = time.monotonic_ns() + 20_000_000
        for s in streams:
            s.start(start)
        done = lambda: all(len(s.arrived) == LINES for s in streams)
        pump(streams, done, start + (1 + LINES_S) * 10**9)
        logmoji_stream = streams[0]
        if shape == "tail":
            for s in streams:
                s.helpers[1].terminate()  # tail -f never ends by itself; logmoji then sees EOF
        exited = lambda: all(s.proc.poll() is not None for s in streams)
        if not pump(streams, exited, time.monotonic_ns() + EXIT_S * 10**9):
            running = [s.name for s in streams if s.proc.poll() is None]
            problems.append(f"{running} still running {EXIT_S} s after the input ended")
        # What a consumer wrote just before it exited may reach the master a moment later: a
        # consumer that held its lines to the end is waited for, but only a little.
        pump(streams, done, time.monotonic_ns() + 5 * 10**9)
        for s in streams:
            while s.read():
                pass
        for s in streams:
            missing = [i for i in range(LINES) if i not in s.arrived]
            if missing:
                problems.append(f"{s.name}: lines {missing} never reached the terminal")
            if s.order != sorted(s.order) or len(s.order) != len(set(s.order)):
                problems.append(f"{s.name}: lines out of order or repeated: {s.order}")
        if logmoji_stream.proc.returncode != 0:
            problems.append(f"logmoji exit status {logmoji_stream.proc.returncode}")
        if os.path.exists(marker):
            problems.append("the pager was started on a live stream")
        if problems:
            shown = ESCAPE.sub(b"", logmoji_stream.transcript).decode(errors="replace").splitlines()
            sys.stdout.write("the end of what logmoji's terminal showed:\n")
            sys.stdout.write("".join(f"  | {line}\n" for line in shown[-20:]))
        return problems, [streams[0].arrived, streams[1].arrived]
    finally:
        for s in streams:
            s.close()


def over_bound(ours, control):
    """The lines over the bound, and those of them also over the control's time + the bound."""
    over = [i for i in range(LINES) if ours[i] > BOUND_MS]
    return over, [i for i in over if ours[i] > control[i] + BOUND_MS]


def main():
    logmoji, work, shape = sys.argv[1], sys.argv[2], sys.argv[3]
    for number in range(1, ATTEMPTS + 1):
        problems, figures = attempt(logmoji, work, shape, number)
        for name, f in zip(("logmoji", "cat"), figures):
            shown = " ".join(f"{f[i]:.1f}" if i in f else "MISSING" for i in range(LINES))
            print(f"{shape} attempt {number}: {name:7} ms after write: {shown}")
        if problems:
            print("\n".join(f"FAIL: {shape}: {p}" for p in problems))
            return 1
        over, late = over_bound(*figures)
        if not late:
            excused = f" (over {BOUND_MS} ms, within cat's + {BOUND_MS} ms: {over})" if over else ""
            print(f"{shape}: every line within {BOUND_MS} ms of its write{excused}")
            return 0
        print(f"{shape} attempt {number}: late (over {BOUND_MS} ms and cat's + {BOUND_MS}): {late}")
    print(f"FAIL: {shape}: lines late on {ATTEMPTS} attempts in a row")
    return 1


if __name__ == "__main__":
    sys.exit(main())
