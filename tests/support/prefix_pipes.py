#!/usr/bin/env python3
"""Runs a command once with many prefixes of a file as inputs, each a pipe of its own.

usage: prefix_pipes.py FILE N... -- COMMAND [ARG...]

COMMAND gets, after its own arguments, /dev/fd/K for each N in order: a pipe holding the first
N bytes of FILE, written and closed before COMMAND starts (as `<(head -c N FILE)` gives, without
a shell and a `head` started per prefix: 1,579 of those cost 35 s of CPU, more than the runs
they fed). Exits with COMMAND's status, or 128 + the signal that ended it, as a shell reports it.
"""
import os
import subprocess
import sys


def main():
    split = sys.argv.index("--")
    path, command = sys.argv[1], sys.argv[split + 1:]
    data = open(path, "rb").read()
    fds = []
    for n in (int(arg) for arg in sys.argv[2:split]):
        prefix = data[:n]
        # Written whole before COMMAND reads: a prefix must fit the smallest pipe buffer (a page).
        if len(prefix) > 4096:
            sys.exit(f"prefix_pipes.py: a {n}-byte prefix may not fit a pipe")
        read_end, write_end = os.pipe()
        os.write(write_end, prefix)
        os.close(write_end)
        fds.append(read_end)
    status = subprocess.run(command + [f"/dev/fd/{fd}" for fd in fds], pass_fds=fds).returncode
    sys.exit(128 - status if status < 0 else status)


if __name__ == "__main__":
    main()
