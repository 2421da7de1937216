#!/usr/bin/env bash
# Bad-input catalogue rows that need big or generated inputs (docs/reliability.md A9, B1, B7,
# B8, D1, D2, D5, D6, P3): each finishes, in linear time, with the expected kind of output.
#
# Two sizes, one table. LOGMOJI_HEAVY=1 (the `cli catalogue_heavy` test, suite nosan) runs the
# rows at full size, among them the 5 GiB sparse file; it stays out of the sanitizer pass,
# where ASan makes each byte several times dearer. Without it (`cli catalogue`, every pass) the
# same checks run on inputs small enough for a loaded machine under ASan, every size still past
# the limit the row is about, and every 23rd prefix (an ASan start costs about 0.2 s of CPU).
# Timings behind the sizes and timeouts: docs/testing.md.
. "$(dirname "$0")/common.sh" "$@"
golden=$(cd "$(dirname "$0")/../golden" && pwd) support=$(cd "$(dirname "$0")/../support" && pwd)
heavy=${LOGMOJI_HEAVY:-0}
if [ "$heavy" = 1 ]; then
  prefix_step=1 depths="10000 1000000" mb=100 nul_bytes=20000000 keys=100000 escapes=2000000 sparse=1
else
  prefix_step=5 depths="10000 100000" mb=4 nul_bytes=2000000 keys=10000 escapes=200000 sparse=0
fi
# A command over a big input that runs this long has gone quadratic (or hangs): the slowest,
# the 5 GiB sparse file, takes a few seconds of CPU; this leaves room for a loaded machine.
limit=200

# P3: every prefix of real fixtures ends normally (exit 0, 1 or 2), never by a signal. Each
# prefix is an input of its own, a pipe as standard input is, and many go to one run: a start
# costs far more than a few hundred bytes (about 0.2 s of CPU under ASan). Every prefix at full
# size, every 5th at ASan size (an input still costs there: 1,579 of them took 90 s of CPU). A
# run that fails is split to name the prefix. Standard input carries every 23rd prefix.
# prefix_pipes.py fills the pipes from one process (a shell and a `head` per prefix cost more
# than the runs: 35 s of CPU for the 1,579).
prefix_run() {  # prefix_run FIXTURE N...: one run with each N-byte prefix of FIXTURE an input
  local fixture=$1; shift
  python3 "$support/prefix_pipes.py" "$fixture" "$@" -- "$LOGMOJI" --color always >"$WORK/prefixes.out" 2>&1
}
bad=0
for fixture in "$golden/outputs.data" "$golden/control_chars.jsonl" "$golden/raw_lines.jsonl"; do
  size=$(wc -c <"$fixture")
  for ((start = 0; start <= size; start += 200)); do
    batch=()
    for ((n = start; n <= size && n < start + 200; n += prefix_step)); do batch+=("$n"); done
    prefix_run "$fixture" "${batch[@]}"
    rc=$?
    # Every input was read: each non-empty prefix shows at least one line under its label.
    read_inputs=$(grep -ao '/dev/fd/[0-9]*' "$WORK/prefixes.out" | sort -u | wc -l)
    [ "$read_inputs" = $((${#batch[@]} - (start == 0))) ] || { bad=$((bad + 1)); echo "prefixes from $start of $(basename "$fixture"): $read_inputs inputs read"; }
    [ $rc -le 2 ] && continue
    for n in "${batch[@]}"; do
      prefix_run "$fixture" "$n"
      rc=$?
      [ $rc -le 2 ] || { bad=$((bad + 1)); echo "prefix $n of $(basename "$fixture"): exit $rc"; }
    done
  done
  for ((n = 0; n <= size; n += 23)); do
    head -c "$n" "$fixture" | "$LOGMOJI" --color always >/dev/null 2>&1
    rc=$?
    [ $rc -le 2 ] || { bad=$((bad + 1)); echo "prefix $n of $(basename "$fixture") on standard input: exit $rc"; }
  done
done
expect_eq "every prefix of the fixtures ends normally" "$bad" "0"

# B1: 10,000 and 100,000 (heavy: 1,000,000) levels of nesting: a raw line, no stack overflow.
for depth in $depths; do
  python3 -c "import sys; d=$depth; sys.stdout.write('{\"a\":' + '['*d + ']'*d + '}\n{\"event\":\"after\"}\n')" >"$WORK/deep.jsonl"
  expect_status "nesting $depth" 0 "$LOGMOJI" --color never "$WORK/deep.jsonl"
  expect_eq "nesting $depth: the next line is an event" "$(tail -n1 "$WORK/out")" "after"
  expect_eq "nesting $depth: JSON output leaves it out" "$("$LOGMOJI" -o json "$WORK/deep.jsonl" 2>/dev/null)" '{"event":"after"}'
done

# D1: a 4 MB (heavy: 100 MB) line is an event like any other.
# (head and tr, not python: 0.4 s of CPU for the 100 MB line against 2.1 s.)
{ printf '{"event":"big","blob":"'; head -c $((mb << 20)) /dev/zero | tr '\0' x; printf '"}\n'; } >"$WORK/big.jsonl"
expect_eq "a ${mb} MB line is counted as an event" "$(timeout $limit "$LOGMOJI" -c -q 'event=big' "$WORK/big.jsonl")" "1"
expect_eq "a ${mb} MB line renders whole" "$(timeout $limit "$LOGMOJI" --color never "$WORK/big.jsonl" | wc -c)" "$((( mb << 20) + 37))"

# D2 with A9: 2 MB (heavy: 20 MB) of NUL bytes (a crashed, preallocated log) is one raw line,
# cut at the cap.
head -c "$nul_bytes" /dev/zero >"$WORK/nul.log"
printf '\n{"event":"after nul"}\n' >>"$WORK/nul.log"
expect_status "NUL run" 0 timeout $limit "$LOGMOJI" --max-line-size 1000000 --color never "$WORK/nul.log"
expect_contains "NUL run reported as over-long" "$WORK/err" "nul.log:1: line longer than 1000000 bytes"
expect_eq "NUL run shown escaped" "$(head -c 8 "$WORK/out")" '\x00\x00'
expect_eq "the stream resynchronises after the NULs" "$(tail -n1 "$WORK/out")" "after nul"

# B7: 10,000 (heavy: 100,000) keys in one object; B8: 1.6 MB (heavy: 16 MB) of escapes in one
# string. Linear time, whole output.
python3 -c "import json,sys; sys.stdout.write(json.dumps({f'k{i}': i for i in range($keys)}) + '\n')" >"$WORK/keys.jsonl"
expect_eq "$keys keys shown" "$(timeout $limit "$LOGMOJI" --color never "$WORK/keys.jsonl" | tr ' ' '\n' | grep -c '^k[0-9]*=')" "$keys"
python3 -c "import sys; sys.stdout.write('{\"event\":\"esc\",\"s\":\"' + '\\\\u001b\\\\n' * $escapes + '\"}\n')" >"$WORK/esc.jsonl"
expect_status "$escapes escape pairs" 0 timeout $limit "$LOGMOJI" --color never "$WORK/esc.jsonl"
if grep -q $'\x1b' "$WORK/out"; then fail "an escaped ESC reached the output"; else pass; fi

# D5 (heavy only: it reads 5 GiB): a sparse file with a line past 4 GiB: 64-bit offsets, the
# NUL run cut and skipped.
if [ "$sparse" = 1 ]; then
  if truncate -s 5G "$WORK/sparse.log"; then
    printf '\n{"event":"past 4 GiB"}\n' >>"$WORK/sparse.log"
    expect_status "sparse 5 GiB file" 0 timeout $limit "$LOGMOJI" --max-line-size 1000 --color never "$WORK/sparse.log"
    expect_eq "the line past 4 GiB is shown" "$(tail -n1 "$WORK/out")" "past 4 GiB"
    rm -f "$WORK/sparse.log"
  else
    fail "cannot make a sparse 5 GiB file in $WORK"
  fi
fi

# D6: files whose size the kernel does not know (/proc) are read to their end.
expect_status "/proc file" 0 "$LOGMOJI" --color never /proc/self/status
if grep -q "^Name:" "$WORK/out"; then pass; else fail "/proc file read to its end"; fi

finish
