#!/usr/bin/env bash
# tail, grep and shell habits (issue 13): -n N / -n +K / -n all with and without following, from
# the end of a huge file without reading it; file labels for several inputs; quiet summaries and
# -s; --stats -o json and grep -c's NAME:COUNT; the word on a bare start at a terminal.
. "$(dirname "$0")/common.sh" "$@"

pids=()
trap '[ "$BASHPID" = "$$" ] && { for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$WORK"; }' EXIT

event() { printf '{"event":"%s"}\n' "$1"; }
lines() { tr '\n' ' ' <"$1"; }
for i in $(seq 1 20); do event "n$i"; done >"$WORK/twenty.log"

## -n without following: the last N lines of each input, whatever kind of input it is.
"$LOGMOJI" -o raw -n 3 "$WORK/twenty.log" >"$WORK/out" 2>"$WORK/err"
expect_eq "-n 3 on a file: exit 0" "$?" "0"
expect_eq "-n 3 on a file: the last 3 lines" "$(lines "$WORK/out")" "n18 n19 n20 "
"$LOGMOJI" -o raw -n 3 <"$WORK/twenty.log" >"$WORK/out"
expect_eq "-n 3 on standard input (a file)" "$(lines "$WORK/out")" "n18 n19 n20 "
cat "$WORK/twenty.log" | "$LOGMOJI" -o raw -n 3 >"$WORK/out"
expect_eq "-n 3 on a pipe" "$(lines "$WORK/out")" "n18 n19 n20 "
gzip -c "$WORK/twenty.log" >"$WORK/twenty.log.gz"
"$LOGMOJI" -o raw -n 3 "$WORK/twenty.log.gz" >"$WORK/out"
expect_eq "-n 3 on a compressed file" "$(lines "$WORK/out")" "n18 n19 n20 "
"$LOGMOJI" -o raw -n +18 "$WORK/twenty.log" >"$WORK/out"
expect_eq "-n +18: from line 18" "$(lines "$WORK/out")" "n18 n19 n20 "
expect_eq "-n all: every line" "$("$LOGMOJI" -o raw -n all "$WORK/twenty.log" | wc -l)" "20"
expect_eq "-n +1: every line" "$("$LOGMOJI" -o raw -n +1 "$WORK/twenty.log" | wc -l)" "20"
expect_eq "-n 0: no line" "$("$LOGMOJI" -o raw -n 0 "$WORK/twenty.log" | wc -l)" "0"
expect_eq "-n 50 on 20 lines: all of them" "$("$LOGMOJI" -o raw -n 50 "$WORK/twenty.log" | wc -l)" "20"
printf '{"event":"a"}\n{"event":"b"}' >"$WORK/open-end.log"
expect_eq "-n 1: an unterminated last line is the last line" "$("$LOGMOJI" -o raw -n 1 "$WORK/open-end.log")" "b"
expect_status "-n 5x is refused" 2 "$LOGMOJI" -n 5x "$WORK/twenty.log"
expect_contains "-n 5x: message" "$WORK/err" "-n/--tail: expected N, +K or all, got '5x'"
expect_status "-n with --merge is refused" 2 "$LOGMOJI" -n 2 --merge "$WORK/twenty.log" "$WORK/twenty.log"

# A small file entered near its end still numbers its lines for messages.
{ cat "$WORK/twenty.log"; echo 'not json'; event last; } >"$WORK/bad-end.log"
"$LOGMOJI" -o json -n 2 "$WORK/bad-end.log" >"$WORK/out" 2>"$WORK/err"
expect_contains "-n on a small file: the line number is exact" "$WORK/err" "bad-end.log:21: invalid JSON"

# A 64 GiB sparse file: reading it would take minutes; entering it from its end takes no time.
# Its lines past the first 16 MiB are not counted, so a message names the file alone.
big=$WORK/big.log
if truncate -s 64G "$big" 2>/dev/null; then
  { echo; for i in $(seq 1 10); do event "big-$i"; done; echo 'not json'; event big-last; } >>"$big"
  timeout "$HANG_SECONDS" "$LOGMOJI" -o json -n 3 "$big" >"$WORK/out" 2>"$WORK/err"
  expect_eq "-n 3 on 64 GiB: done in time, exit 0" "$?" "0"
  expect_eq "-n 3 on 64 GiB: the last lines" "$(lines "$WORK/out")" '{"event":"big-10"} {"event":"big-last"} '
  expect_contains "-n on a huge file: no line number invented" "$WORK/err" "logmoji: $big: invalid JSON"
  env --default-signal=INT "$LOGMOJI" -o raw -F "$big" >"$WORK/out" 2>"$WORK/err" &
  pid=$!; pids+=("$pid")
  if wait_for grep -qx big-last "$WORK/out"; then pass; else fail "-F on 64 GiB: starts at its end"; fi
  kill -INT "$pid"; wait "$pid" 2>/dev/null
  expect_eq "-F on 64 GiB: the last 10 lines" "$(head -1 "$WORK/out")" "big-3"
  rm -f "$big"
fi

## Following starts at the last 10 lines, or where -n says.
follow() {  # follow OUT ARGS...: a follower in the background
  local out=$1; shift
  # Emptied here, as follow.sh's start() does, not by the background job's redirection: a wait
  # that ran before that job started saw the last follower's lines and went on at once.
  : >"$out"
  env --default-signal=INT "$LOGMOJI" --color never "$@" >"$out" 2>"$WORK/ferr" &
  pid=$!; pids+=("$pid")
}
stop() { kill -INT "$pid"; wait_for exited "$pid" || kill -KILL "$pid"; wait "$pid" 2>/dev/null; }
cp "$WORK/twenty.log" "$WORK/f.log"
follow "$WORK/out" -o raw -F "$WORK/f.log"
wait_for grep -qx n20 "$WORK/out"
event appended >>"$WORK/f.log"
if wait_for grep -qx appended "$WORK/out"; then pass; else fail "-F: appended line shown"; fi
stop
expect_eq "-F starts at the last 10 lines" "$(lines "$WORK/out")" "n11 n12 n13 n14 n15 n16 n17 n18 n19 n20 appended "
for start in all +1; do
  cp "$WORK/twenty.log" "$WORK/f.log"
  follow "$WORK/out" -o raw -f -n "$start" "$WORK/f.log"
  wait_for grep -qx n20 "$WORK/out"
  event appended >>"$WORK/f.log"
  if wait_for grep -qx appended "$WORK/out"; then pass; else fail "-f -n $start: appended line shown"; fi
  stop
  expect_eq "-f -n $start starts at the first line" "$(wc -l <"$WORK/out")" "21"
done
cp "$WORK/twenty.log" "$WORK/f.log"
follow "$WORK/out" -o raw -F -n +19 "$WORK/f.log"
wait_for grep -qx n20 "$WORK/out"
event appended >>"$WORK/f.log"
if wait_for grep -qx appended "$WORK/out"; then pass; else fail "-F -n +19: appended line shown"; fi
stop
expect_eq "-F -n +19 starts at line 19" "$(lines "$WORK/out")" "n19 n20 appended "
# Standard input under -f is a live stream: shown as it arrives, not held for a last-10 window.
mkfifo "$WORK/live"
env --default-signal=INT "$LOGMOJI" -o raw -f - <"$WORK/live" >"$WORK/out" 2>/dev/null &
pid=$!; pids+=("$pid")
exec 7>"$WORK/live"
event live-1 >&7
if wait_for grep -qx live-1 "$WORK/out"; then pass; else fail "-f on a live standard input shows lines as they come"; fi
exec 7>&-
wait "$pid"

## Several inputs: each line says where it came from.
for i in 1 2; do event "a$i"; done >"$WORK/a.log"
for i in 1 2; do event "b$i"; done >"$WORK/bb.log"
(cd "$WORK" && "$LOGMOJI" -o raw a.log bb.log) >"$WORK/out"
expect_eq "two inputs: labelled and aligned" "$(cat "$WORK/out")" "$(printf 'a.log  │ a1\na.log  │ a2\nbb.log │ b1\nbb.log │ b2')"
(cd "$WORK" && "$LOGMOJI" --threads 3 -o raw a.log bb.log) >"$WORK/out.par"
(cd "$WORK" && "$LOGMOJI" --threads 1 -o raw a.log bb.log) >"$WORK/out.ser"
expect_eq "labels: one thread and several agree" "$(cat "$WORK/out.par")" "$(cat "$WORK/out.ser")"
(cd "$WORK" && "$LOGMOJI" --color never a.log bb.log) >"$WORK/out"
expect_eq "pretty output: every line labelled" "$(grep -vc '^a.log  │ \|^bb.log │ ' "$WORK/out")" "0"
(cd "$WORK" && "$LOGMOJI" -o raw -n 1 a.log bb.log) >"$WORK/out"
expect_eq "-n 1 on two inputs: the last line of each, labelled" "$(cat "$WORK/out")" "$(printf 'a.log  │ a2\nbb.log │ b2')"
(cd "$WORK" && "$LOGMOJI" -o raw --merge a.log bb.log) >"$WORK/out"
expect_eq "--merge: labelled" "$(grep -c '│' "$WORK/out")" "4"
expect_eq "--no-label: none" "$(cd "$WORK" && "$LOGMOJI" -o raw --no-label a.log bb.log | grep -c '│')" "0"
expect_eq "-o json stays JSON: no label" "$(cd "$WORK" && "$LOGMOJI" -o json a.log bb.log | head -1)" '{"event":"a1"}'
expect_eq "--label asks for it anyway" "$(cd "$WORK" && "$LOGMOJI" -o json --label a.log | head -1)" 'a.log │ {"event":"a1"}'
expect_eq "one input: no label" "$("$LOGMOJI" -o raw "$WORK/a.log" | head -1)" "a1"
# A file name is data: its control characters never reach the terminal raw.
evil=$WORK/$'e\e[31mvil.log'
event x >"$evil"
"$LOGMOJI" -o raw "$evil" "$WORK/a.log" >"$WORK/out"
if grep -q $'\e' "$WORK/out"; then fail "a label wrote an escape character raw"; else pass; fi
expect_contains "the label shows the escape" "$WORK/out" 'e\x1b[31mvil.log'
# Followed files are labelled too, and coloured when colours are on.
: >"$WORK/a.log"; : >"$WORK/bb.log"
(cd "$WORK" && exec env --default-signal=INT "$LOGMOJI" --color always -F a.log bb.log >"$WORK/out" 2>/dev/null) &
pid=$!; pids+=("$pid")
wait_for grep -q '^State:.S' "/proc/$pid/status"
event from-b >>"$WORK/bb.log"
if wait_for grep -q 'from-b' "$WORK/out"; then pass; else fail "-F two files: line shown"; fi
stop
expect_contains "-F two files: the line is labelled with its file, coloured" "$WORK/out" $'bb.log\e[0m │ '

## Quiet means quiet: summaries print no messages about single lines; -s silences them anywhere.
{ for i in $(seq 1 12); do echo "{garbage $i"; done; event ok; event fine; } >"$WORK/mixed.log"
for mode in -c --stats --quiet; do
  "$LOGMOJI" $mode "$WORK/mixed.log" >"$WORK/out" 2>"$WORK/err"
  expect_eq "$mode on a mixed log: exit 0" "$?" "0"
  expect_eq "$mode on a mixed log: nothing on standard error" "$(cat "$WORK/err")" ""
done
expect_contains "--stats still counts the invalid lines" <("$LOGMOJI" --stats "$WORK/mixed.log") "invalid lines           12"
"$LOGMOJI" -o json --threads 2 -s "$WORK/mixed.log" >"$WORK/out" 2>"$WORK/err"
expect_eq "-s -o json: exit 0" "$?" "0"
expect_eq "-s -o json: nothing on standard error" "$(cat "$WORK/err")" ""
expect_eq "-s -o json: the events" "$(wc -l <"$WORK/out")" "2"
"$LOGMOJI" -o json --threads 1 "$WORK/mixed.log" >/dev/null 2>"$WORK/err"
expect_contains "without -s the lines are named" "$WORK/err" "mixed.log:1: invalid JSON"
"$LOGMOJI" -c --strict "$WORK/mixed.log" >"$WORK/out" 2>"$WORK/err"
expect_eq "-c --strict: exit 2" "$?" "2"
expect_contains "-c --strict: the errors are named" "$WORK/err" "mixed.log:1: invalid JSON"
expect_status "-s -c --strict: exit 2 still" 2 "$LOGMOJI" -s -c --strict "$WORK/mixed.log"
expect_eq "-s -c --strict: silent" "$(cat "$WORK/err")" ""
expect_status "-s: a missing file is still an error" 2 "$LOGMOJI" -s "$WORK/missing.log"
expect_contains "-s: a missing file is still reported" "$WORK/err" "missing.log': No such file or directory"

## Summaries for machines.
printf '%s\n' '{"event":"a","level":"info","logger_name":"api","timestamp":"2026-11-24T10:00:00.5Z"}' \
  '{"event":"b","level":"error","logger_name":"db","timestamp":"2026-11-24T10:00:02Z"}' '{junk' '' >"$WORK/s.log"
"$LOGMOJI" --stats -o json "$WORK/s.log" >"$WORK/out"
expect_eq "--stats -o json: one line" "$(wc -l <"$WORK/out")" "1"
expect_eq "--stats -o json: the object" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["lines"], d["selected"], d["filtered"], d["invalid"], d["blank"], d["first_timestamp"], d["last_timestamp"],
      sorted(d["levels"].items()), sorted(d["loggers"].items()), d["other_loggers"])' "$WORK/out")" \
  "4 2 0 1 1 2026-11-24T10:00:00.500000000Z 2026-11-24T10:00:02.000000000Z [('error', 1), ('info', 1)] [('api', 1), ('db', 1)] None"
expect_eq "--stats -o json on nothing: null times, empty tables" \
  "$("$LOGMOJI" --stats -o json </dev/null)" \
  '{"lines":0,"selected":0,"filtered":0,"invalid":0,"blank":0,"raw":0,"hidden":0,"first_timestamp":null,"last_timestamp":null,"levels":{},"loggers":{},"other_loggers":null}'
{ event a1; event a2; } >"$WORK/a.log"; event b1 >"$WORK/bb.log"
for threads in 1 3; do
  expect_eq "-c on two files ($threads threads): NAME:COUNT each" \
    "$(cd "$WORK" && "$LOGMOJI" --threads $threads -c a.log bb.log)" "$(printf 'a.log:2\nbb.log:1')"
done
expect_eq "-c on one file: the count" "$("$LOGMOJI" -c "$WORK/a.log")" "2"
expect_eq "-c --no-label on two files: one total" "$("$LOGMOJI" -c --no-label "$WORK/a.log" "$WORK/bb.log")" "3"
expect_eq "-c with --merge: still per file" "$(cd "$WORK" && "$LOGMOJI" -c --merge a.log bb.log)" "$(printf 'a.log:2\nbb.log:1')"
(cd "$WORK" && "$LOGMOJI" -c a.log missing.log bb.log) >"$WORK/out" 2>"$WORK/err"
expect_eq "-c with a missing file: exit 2" "$?" "2"
expect_eq "-c with a missing file: the others counted" "$(cat "$WORK/out")" "$(printf 'a.log:2\nbb.log:1')"

## A word on a bare start at a terminal, and none on a pipe or a file.
if command -v script >/dev/null; then
  # Under a real pty: logmoji's standard input is the terminal; Ctrl-D (EOT) ends its input.
  # The terminal buffers what is typed until logmoji reads it; script's own input stays open
  # until logmoji's line is out (bounded), not for a fixed pause, so a slow start cannot lose it.
  timeout "$HANG_SECONDS" script -qec "$LOGMOJI -o raw 2>'$WORK/err'" /dev/null \
    < <(event typed; printf '\004'; wait_for grep -qx $'typed\r' "$WORK/out") >"$WORK/out"
  expect_contains "bare start at a terminal: said on standard error" "$WORK/err" \
    "logmoji: reading JSON lines from the terminal (Ctrl-D to end; logmoji --help for usage)"
  # The message alone, as -o raw prints it: the terminal's echo of the typed line is JSON.
  if grep -qx $'typed\r' "$WORK/out"; then pass; else fail "bare start at a terminal: still reads"; od -c "$WORK/out" | head -5; fi
fi
event piped | "$LOGMOJI" -o raw >/dev/null 2>"$WORK/err"
expect_eq "bare start on a pipe: no word" "$(cat "$WORK/err")" ""
"$LOGMOJI" -o raw <"$WORK/a.log" >/dev/null 2>"$WORK/err"
expect_eq "bare start on a file: no word" "$(cat "$WORK/err")" ""

# -n N on a FIFO: opened once and read through (it was opened, found no regular file, closed
# and opened again: the writer's lines were gone and logmoji waited for ever).
rm -f "$WORK/tail.fifo"; mkfifo "$WORK/tail.fifo"
timeout "$HANG_SECONDS" "$LOGMOJI" -o raw -n 2 "$WORK/tail.fifo" >"$WORK/out" 2>"$WORK/err" &
pid=$!
wait_for grep -q '^State:.S' "/proc/$pid/status"
printf '{"event":"f1"}\n{"event":"f2"}\n{"event":"f3"}\n' >"$WORK/tail.fifo"
wait "$pid"
expect_eq "-n 2 on a FIFO: exit 0" "$?" "0"
expect_eq "-n 2 on a FIFO: its last two lines" "$(tr '\n' , <"$WORK/out")" "f2,f3,"

finish
