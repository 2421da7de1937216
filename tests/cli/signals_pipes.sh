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
  # A hang is a failure, not a stuck test: wait (bounded), then kill.
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

# A signal ends logmoji within a second wherever it waits (issue 17, items 3-5): before the
# first bytes of a silent producer, while a line is being processed or after it was written
# and the next read blocks, and while blocked writing to a consumer that stopped reading.
# `sleepy` keeps its stdout open and silent; the signal goes to logmoji alone.
# How long an exit takes depends on the machine's load (an ASan exit scans the heap for leaks:
# at a load of 20, 4 to 6 s), so a control runs at the same moment: logmoji with the same
# threads on an empty input, start to exit. The bound is 1.5 s plus twice the control's time:
# blocked writing with 2 threads, logmoji has a larger heap to tear down and scan than an empty
# run (4.8 s against a control of 2.5 s, ASan at a load of 13). One control is one sample, and
# a load spike can hit the signalled run and not its control (it did once in CI, under ASan), so
# a time over the bound fails when 3 attempts in a row are over it, as cli live_stream does: a
# signal acted on only at a periodic wake-up seconds later is late every time. A signal that is
# not acted on at all (only at the next line: a hang) fails at once, within the 30 s bound of
# the wait, and so does a wrong exit status.
exit_control() {  # exit_control THREADS: prints logmoji's start-to-exit time on an empty input, ms
  local started
  started=$(date +%s%N)
  "$LOGMOJI" --threads "$1" --color never </dev/null >/dev/null 2>&1
  echo $((($(date +%s%N) - started) / 1000000))
}
timed_signal() {  # timed_signal NAME SIG EXPECTED PID THREADS: signals PID, checks it is soon gone;
  # sets late to the figures when it took longer than the bound, to nothing when it did not
  local name=$1 sig=$2 expected=$3 pid=$4 threads=$5 started deadline control_ms
  exit_control "$threads" >"$WORK/control_ms" &
  local control=$!
  started=$(date +%s%N)
  kill -"$sig" "$pid"
  deadline=$((SECONDS + 30))
  until exited "$pid" || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.01; done
  local elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  if exited "$pid"; then pass; else fail "$name: still running 30 s after SIG$sig"; kill -KILL "$pid"; fi
  wait "$pid"
  expect_eq "$name: dies by SIG$sig" "$?" "$expected"
  wait "$control"
  control_ms=$(cat "$WORK/control_ms")
  late=
  [ "$elapsed_ms" -le $((1500 + 2 * control_ms)) ] || late="${elapsed_ms} ms against 1.5 s + 2 x ${control_ms} ms"
}

# Each starts logmoji for SIG and THREADS, waiting where the name says; sets pid.
# Nothing ever arrives: the compression check waits for its first bytes.
silent_producer() {
  rm -f "$WORK/silent"; mkfifo "$WORK/silent"
  env --default-signal="$1" "$LOGMOJI" --threads "$2" <"$WORK/silent" >/dev/null 2>&1 &
  pid=$!
  exec 8>"$WORK/silent"
  wait_for grep -q '^State:.S' "/proc/$pid/status"
}
# One line arrives, is shown, and the producer falls silent (tail -f app.log | logmoji).
quiet_after_one_line() {
  rm -f "$WORK/silent" "$WORK/one.out"; mkfifo "$WORK/silent"
  env --default-signal="$1" "$LOGMOJI" --threads "$2" --color never <"$WORK/silent" >"$WORK/one.out" 2>&1 &
  pid=$!
  exec 8>"$WORK/silent"
  printf '{"event":"only line","level":"info"}\n' >&8
  wait_for grep -q "only line" "$WORK/one.out"
}
# The consumer stopped reading: logmoji is blocked in write(2).
blocked_writing() {
  rm -f "$WORK/stuck"; mkfifo "$WORK/stuck"
  env --default-signal="$1" "$LOGMOJI" --threads "$2" --color never "$WORK/big.jsonl" >"$WORK/stuck" 2>/dev/null &
  pid=$!
  exec 9<"$WORK/stuck"
  wait_for grep -q '^State:.S' "/proc/$pid/status"
}
# Blocked writing while following (-f): the same.
follow_blocked_writing() {
  rm -f "$WORK/stuck"; mkfifo "$WORK/stuck"
  "$LOGMOJI" -f -n 100000 --color never "$WORK/big.jsonl" >"$WORK/stuck" 2>/dev/null &
  pid=$!
  exec 9<"$WORK/stuck"
  wait_for grep -q '^State:.S' "/proc/$pid/status"
}

signal_bound() {  # signal_bound NAME START SIG EXPECTED THREADS: up to 3 attempts over the bound
  local name=$1 start=$2 sig=$3 expected=$4 threads=$5 attempt figures=
  for attempt in 1 2 3; do
    "$start" "$sig" "$threads"
    timed_signal "$name" "$sig" "$expected" "$pid" "$threads"
    exec 8>&- 9<&-
    [ -n "$late" ] || { pass; return; }
    echo "$name, SIG$sig, attempt $attempt: $late"
    figures+=" $late;"
  done
  fail "$name: SIG$sig took longer than the bound 3 times:$figures"
}
for threads in 1 2; do
  for sig in INT TERM; do
    expected=$([ $sig = INT ] && echo 130 || echo 143)
    signal_bound "silent producer, $threads threads" silent_producer "$sig" "$expected" "$threads"
    signal_bound "quiet after one line, $threads threads" quiet_after_one_line "$sig" "$expected" "$threads"
    signal_bound "blocked writing, $threads threads" blocked_writing "$sig" "$expected" "$threads"
  done
done
signal_bound "-f blocked writing" follow_blocked_writing TERM 143 1

# A FIFO named as an input waits for its writer when opened. A stop signal ends that wait as it
# ends a read: -n N used to open it again and hang, and -A/-B/-C, -c and -n reported
# "Interrupted system call" and exited 2. The file before it is shown.
printf '{"event":"before the fifo","level":"info"}\n' >"$WORK/before.jsonl"
for mode in "--threads 1" "--threads 2" "-n 2" "-B 1" "-A 1" "-c"; do
  rm -f "$WORK/nowriter"; mkfifo "$WORK/nowriter"
  # shellcheck disable=SC2086 # $mode is one or two words
  env --default-signal=TERM "$LOGMOJI" --no-config --color never $mode "$WORK/before.jsonl" "$WORK/nowriter" \
    >"$WORK/fifo.out" 2>"$WORK/fifo.err" &
  pid=$!
  wait_for grep -q '^State:.S' "/proc/$pid/status"
  kill -TERM "$pid"
  if wait_for exited "$pid"; then pass; else fail "FIFO without a writer, $mode: still running after SIGTERM"; kill -KILL "$pid"; fi
  wait "$pid"
  expect_eq "FIFO without a writer, $mode: dies by SIGTERM" "$?" "143"
  expect_eq "FIFO without a writer, $mode: no message" "$(cat "$WORK/fifo.err")" ""
  [ "$mode" = -c ] || expect_contains "FIFO without a writer, $mode: the file before it shown" "$WORK/fifo.out" "before the fifo"
done

# Standard input in non-blocking mode (a parent's O_NONBLOCK on a shared pipe): logmoji waits
# for data instead of failing with EAGAIN or spinning, and loses nothing (issue 17, item 19).
python3 - "$LOGMOJI" "$WORK/nb.out" <<'PY' >"$WORK/nb.log" 2>&1
import fcntl, os, subprocess, sys, time
logmoji, out = sys.argv[1], sys.argv[2]
r, w = os.pipe()
fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_NONBLOCK)
with open(out, "wb") as f:
    p = subprocess.Popen([logmoji, "--color", "never"], stdin=r, stdout=f)
os.close(r)
# Wait (bounded) until logmoji sleeps on the empty pipe, then check it stays asleep, not spinning.
for _ in range(500):
    with open(f"/proc/{p.pid}/stat") as st:
        fields = st.read().rsplit(")", 1)[1].split()
    if fields[0] == "S":
        break
    time.sleep(0.01)
ticks_before = int(fields[11]) + int(fields[12])
os.write(w, b'{"event":"late data","level":"info"}\n')
for i in range(3):
    os.write(w, b'{"event":"more %d","level":"info"}\n' % i)
with open(f"/proc/{p.pid}/stat") as st:
    fields = st.read().rsplit(")", 1)[1].split()
os.close(w)
print("status", p.wait())
print("cpu_ticks_while_waiting", int(fields[11]) + int(fields[12]) - ticks_before)
PY
expect_contains "non-blocking stdin: exit 0" "$WORK/nb.log" "status 0"
expect_eq "non-blocking stdin: every line" "$(grep -c 'late data\|more' "$WORK/nb.out")" "4"
ticks=$(sed -n 's/^cpu_ticks_while_waiting //p' "$WORK/nb.log")
if [ "${ticks:-99}" -le 5 ]; then pass; else fail "non-blocking stdin: busy-waited ($ticks ticks)"; fi

finish
