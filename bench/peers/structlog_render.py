#!/usr/bin/python3
"""The Python row of the benchmark: JSON lines through structlog's own ConsoleRenderer, which is
what provide.foundation prints with, colours off. Run with Debian's interpreter, which has
python3-structlog: /usr/bin/python3 bench/peers/structlog_render.py < FILE."""
import json
import sys

from structlog.dev import ConsoleRenderer


def main():
    render = ConsoleRenderer(colors=False, pad_event=30)
    out = sys.stdout
    for line in sys.stdin:
        try:
            event = json.loads(line)
        except ValueError:
            event = None
        if isinstance(event, dict):
            out.write(render(None, "info", event) + "\n")
        else:
            out.write(line)  # not an event: passed through, as logmoji shows raw lines


main()
