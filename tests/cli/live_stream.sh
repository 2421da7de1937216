#!/usr/bin/env bash
# The README's first commands on a live stream: `python app.py 2>&1 | logmoji` and
# `tail -f app.log | logmoji` at a terminal. A producer writes a JSON line every 100 ms; each
# must reach the terminal (a real pty) within 50 ms of its write, and the pager never starts
# (a pager, or a block buffer, would hold the lines for seconds or to the end).
# live_stream.py says how: all 10 lines must arrive (hard failure otherwise); the 50 ms bound
# is checked against `... | cat` run at the same moment on its own pty, so a machine too busy to
# move a line through cat in 50 ms does not fail logmoji; 3 late attempts in a row do.
. "$(dirname "$0")/common.sh" "$@"
here=$(cd "$(dirname "$0")" && pwd)
for shape in pipe tail; do
  python3 "$here/live_stream.py" "$LOGMOJI" "$WORK" "$shape" >"$WORK/$shape.out" 2>&1
  status=$?
  cat "$WORK/$shape.out"
  expect_eq "live stream ($shape): every line shown in time, no pager" "$status" 0
done
finish
