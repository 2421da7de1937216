#!/usr/bin/env bash
# Read and close errors injected with LD_PRELOAD (reliability.md F3, H2): a message naming the
# file, the other inputs still read, exit status 2 — never 0.
. "$(dirname "$0")/common.sh" "$@"
shim=${INJECT_SO:-}
if [ -z "$shim" ] || [ ! -f "$shim" ]; then echo "fault-injection library not built"; exit 77; fi
if ldd "$LOGMOJI" | grep -q asan; then echo "ASan build: LD_PRELOAD shims do not mix with it"; exit 77; fi

# A file big enough to need several reads (the first read succeeds, the next fails).
for i in $(seq 1 40000); do printf '{"event":"line %d"}\n' "$i"; done >"$WORK/fail_read.jsonl"
printf '{"event":"other"}\n' >"$WORK/ok.jsonl"
for threads in 1 2; do
  LD_PRELOAD=$shim "$LOGMOJI" --threads $threads -o raw --no-label "$WORK/fail_read.jsonl" "$WORK/ok.jsonl" >"$WORK/out" 2>"$WORK/err"
  expect_eq "EIO mid-file ($threads threads): exit 2" "$?" "2"
  expect_contains "EIO message names the file ($threads threads)" "$WORK/err" "fail_read.jsonl': read error: Input/output error"
  expect_eq "the next input is still read ($threads threads)" "$(tail -n1 "$WORK/out")" "other"
  # Everything read before the error is accounted for the same way on every path: the partial
  # last line is counted as an invalid line (issue 17, item 18).
  expect_contains "the partial last line is counted ($threads threads)" "$WORK/err" "1 invalid line left out"
  wc -l <"$WORK/out" >"$WORK/lines.$threads"
done
expect_eq "one thread and two show the same lines" "$(cat "$WORK/lines.1")" "$(cat "$WORK/lines.2")"

INJECT_CLOSE_ENOSPC=1 LD_PRELOAD=$shim "$LOGMOJI" "$WORK/ok.jsonl" >"$WORK/out" 2>"$WORK/err"
expect_eq "ENOSPC on closing stdout: exit 2" "$?" "2"
expect_contains "ENOSPC message" "$WORK/err" "logmoji: write error: No space left on device"

# Out of memory (a 300 MB line under a 600 MB address-space limit): a message and exit 2 on one
# thread and on several, never an abort with a core dump.
for threads in 1 2; do
  (ulimit -v 600000; head -c 300000000 /dev/zero | tr '\0' a |
    "$LOGMOJI" --threads $threads --max-line-size 1000000000 >/dev/null 2>"$WORK/err"; echo "rc=$?" >"$WORK/rc")
  expect_eq "out of memory ($threads threads): exit 2" "$(cat "$WORK/rc")" "rc=2"
  expect_contains "out of memory ($threads threads): message" "$WORK/err" "logmoji: out of memory"
done

# The output file is also an input: refused, as cat does.
cp "$WORK/ok.jsonl" "$WORK/self.jsonl"
"$LOGMOJI" "$WORK/self.jsonl" >>"$WORK/self.jsonl" 2>"$WORK/err"
expect_eq "input file is output file: exit 2" "$?" "2"
expect_contains "input file is output file message" "$WORK/err" "input file is output file"
expect_eq "nothing appended" "$(wc -l <"$WORK/self.jsonl")" "1"
# The same in every run mode: --merge, -f and -F would otherwise grow the file for ever.
for mode in --merge -f -F; do
  timeout "$HANG_SECONDS" "$LOGMOJI" $mode "$WORK/self.jsonl" >>"$WORK/self.jsonl" 2>"$WORK/err"
  expect_eq "$mode: input file is output file: exit 2" "$?" "2"
  expect_contains "$mode: input file is output file message" "$WORK/err" "self.jsonl': input file is output file"
  expect_eq "$mode: nothing appended" "$(wc -l <"$WORK/self.jsonl")" "1"
done
# Two readers of one standard input would tear its lines apart.
printf '{"event":"a"}\n' | "$LOGMOJI" --merge - - >"$WORK/out" 2>"$WORK/err"
expect_eq "--merge - -: exit 2" "$?" "2"
expect_contains "--merge - -: message" "$WORK/err" "standard input ('-') can be named only once"
finish
