#!/usr/bin/env bash
# Pipes, write errors and signals (reliability.md F1, F3, G1, G2).
. "$(dirname "$0")/common.sh" "$@"

for i in $(seq 1 20000); do printf '{"event":"line %d","level":"info","k":%d}\n' "$i" "$i"; done >"$WORK/big.jsonl"

# A closed downstream pipe ends logmoji by SIGPIPE (141), quietly, whatever the disposition.
"$LOGMOJI" --color never "$WORK/big.jsonl" 2>"$WORK/err" | head -n1 >/dev/null
expect_eq "head -n1: killed by SIGPIPE" "${PIPESTATUS[0]}" "141"
expect_eq "head -n1: no message" "$(cat "$WORK/err")" ""
(trap '' PIPE; "$LOGMOJI" --color never "$WORK/big.jsonl" 2>"$WORK/err" | head -n1 >/dev/null; exit "${PIPESTATUS[0]}")
expect_eq "head -n1 with SIGPIPE ignored: still 141" "$?" "141"
expect_eq "ignored SIGPIPE: no message" "$(cat "$WORK/err")" ""

# Disk full: a message and exit 2, never 0.
if [ -w /dev/full ]; then
  expect_status "/dev/full" 2 sh -c "'$LOGMOJI' '$WORK/big.jsonl' >/dev/full"
  expect_contains "/dev/full message" "$WORK/err" "logmoji: write error: No space left on device"
fi
expect_status "closed stdout" 2 sh -c "'$LOGMOJI' '$WORK/big.jsonl' >&-"
expect_contains "closed stdout message" "$WORK/err" "logmoji: write error:"

# SIGINT and SIGTERM while waiting on a slow writer: the lines so far are out, the process dies
# by the same signal (130, 143), the output ends with a complete line.
signal_test() {
  local sig=$1 expected=$2
  rm -f "$WORK/fifo" "$WORK/sig.out"; mkfifo "$WORK/fifo"
  # A background job of a script starts with SIGINT ignored; give it the default action back.
  env --default-signal="$sig" "$LOGMOJI" --color always <"$WORK/fifo" >"$WORK/sig.out" 2>/dev/null &
  local pid=$!
  exec 7>"$WORK/fifo"
  printf '{"event":"before the signal","level":"info"}\n' >&7
  # The line must be on its way out before logmoji blocks again: the interactive-latency rule.
  if wait_for grep -q "before the signal" "$WORK/sig.out"; then pass; else fail "$sig: line not flushed while waiting"; fi
  kill -"$sig" "$pid"
  # A hang is a failure, not a stuck test: wait with back-off, then kill.
  if wait_for exited "$pid"; then pass; else fail "$sig: still running"; kill -KILL "$pid"; fi
  wait "$pid"
  local status=$?
  exec 7>&-
  expect_eq "$sig: dies by the signal" "$status" "$expected"
  expect_eq "$sig: output ends with a newline" "$(tail -c1 "$WORK/sig.out" | od -An -c | tr -d ' ')" '\n'
  if tail -c 5 "$WORK/sig.out" | grep -q $'\x1b\\[0m$'; then pass; else fail "$sig: the last line ends with a colour reset"; fi
}
signal_test INT 130
signal_test TERM 143
signal_test HUP 129

# A slow consumer: writes block and resume; nothing is lost (reliability.md F2).
expect_eq "slow consumer gets every line" \
  "$("$LOGMOJI" --color never "$WORK/big.jsonl" | (sleep 1; cat) | wc -l)" "20000"

finish
