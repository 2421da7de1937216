#!/usr/bin/env bash
# The parallel engine gives exactly the serial output: same bytes, same reports, same status,
# across block boundaries, over-long lines and invalid lines.
. "$(dirname "$0")/common.sh" "$@"

# ~10 MB: many blocks (256 KiB each). A generator failure fails the test: empty inputs would
# compare equal. Under ASan + UBSan ~4 MB, sixteen blocks, so three threads still each take blocks
# and every kind of boundary is crossed, at 40 % of the CPU (docs/testing.md, "Stop 24"); the
# release pass keeps the ten.
lines=30000 huge_mib=128
if sanitized; then lines=12000 huge_mib=16; fi
{ python3 "$GEN_CORPUS" --lines "$lines" --variant raw --mixed --seed 3 >"$WORK/raw.jsonl" &&
  python3 "$GEN_CORPUS" --lines 9100 --variant raw --seed 4 >"$WORK/clean.jsonl"; } ||
  { echo "FAIL: bench/gen_corpus.py failed"; exit 1; }
{ head -n 9000 "$WORK/clean.jsonl"; head -c 3000000 /dev/zero | tr '\0' 'x'; echo; tail -n 100 "$WORK/clean.jsonl";
  printf '{"event":"no newline at the end"}'; } >"$WORK/long.jsonl"

compare() {
  local name=$1; shift
  "$LOGMOJI" --threads 1 "$@" >"$WORK/serial.out" 2>"$WORK/serial.err"; local s1=$?
  "$LOGMOJI" --threads 3 "$@" >"$WORK/parallel.out" 2>"$WORK/parallel.err"; local s2=$?
  if cmp -s "$WORK/serial.out" "$WORK/parallel.out"; then pass; else fail "$name: output differs"; fi
  if cmp -s "$WORK/serial.err" "$WORK/parallel.err"; then pass; else fail "$name: messages differ"; diff "$WORK/serial.err" "$WORK/parallel.err" | head -5; fi
  expect_eq "$name: status" "$s2" "$s1"
}

compare "pretty" --color always "$WORK/raw.jsonl"
compare "json with a filter" -o json -l warning "$WORK/raw.jsonl"
compare "json-enriched" -o json-enriched "$WORK/raw.jsonl"
compare "logfmt with keys" -o logfmt -k event,level "$WORK/raw.jsonl"
compare "count" -c -q 'level>=error' "$WORK/raw.jsonl"
compare "strict" --strict --color never "$WORK/raw.jsonl"
compare "over-long line" --max-line-size 1000000 --color never "$WORK/long.jsonl"
compare "over-long line, json" --max-line-size 1000000 -o json "$WORK/long.jsonl"
expect_contains "the cut line is named with its number" "$WORK/parallel.err" "long.jsonl:9001: line longer than 1000000 bytes"
compare "two inputs" -o json "$WORK/raw.jsonl" "$WORK/long.jsonl"
# Labels go in front of each line where the worker rendered it; raw lines of a hidden event at
# a block's start are cut out of labelled output.
compare "two inputs, labelled" --color always -l warning "$WORK/raw.jsonl" "$WORK/long.jsonl"
compare "two inputs, labelled logfmt" -o logfmt "$WORK/long.jsonl" "$WORK/raw.jsonl"

# A 128 MiB line costs linear time on every path (issue 17, item 11: the reader was quadratic,
# 48 s of CPU with default threads against 3 s with one). CPU time, not wall time, is bounded, so
# load on the machine cannot fail it; under ASan only the output is checked, on a 16 MiB line:
# still 64 blocks' worth of growth, which is where a memory error would be.
{ printf '{"event":"'; head -c $((huge_mib << 20)) /dev/zero | tr '\0' a; printf '"}\n'; } >"$WORK/huge.jsonl"
for threads in 1 2; do
  (sanitized || ulimit -t 20; "$LOGMOJI" --threads $threads --max-line-size 200000000 -c "$WORK/huge.jsonl" >"$WORK/count" 2>"$WORK/err"; echo "rc=$?" >>"$WORK/count")
  expect_eq "$huge_mib MiB line, $threads threads: counted in bounded CPU time" "$(tr '\n' ' ' <"$WORK/count")" "1 rc=0 "
done
rm -f "$WORK/huge.jsonl"
# Line reports where stdout and stderr are one file (2>&1): each next to its line, with one
# thread and with several (one thread's report came before up to 64 KiB of output it follows,
# the workers' after the rest of the line's 256 KiB block).
python3 - "$WORK/reports.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(1, 20001):
        if i == 15000:
            f.write("not json at 15000\n")
        elif i == 17000:
            f.write('{"msg":"' + "x" * 300 + '"}\n')
        else:
            f.write(json.dumps({"level": "info", "msg": f"line {i}"}) + "\n")
PY
for threads in 1 2 4; do
  "$LOGMOJI" --no-config --color never --strict --max-line-size 200 --threads $threads "$WORK/reports.jsonl" \
    >"$WORK/both" 2>&1
  expect_eq "reports beside their lines in 2>&1, $threads threads" \
    "$(grep -n -e '^logmoji: .*:1[57]000:' -e '^not json' -e '^{"msg":"xxx' "$WORK/both" | cut -d: -f1 | tr '\n' ' ')" \
    "15000 15001 17001 17002 "
done
# With labels (several inputs), a report stands on a line of its own after its line, on every
# path: the workers' offsets were taken before the labels moved the text (the report landed
# inside a line), one thread's labelled output was still buffered when it reported.
printf '%s\n' '{"event":"one","level":"info"}' '{"event":"three long long long long long long long long","level":"info"}' \
  '{"event":"four","level":"info"}' >"$WORK/lab-c.jsonl"
cp "$WORK/lab-c.jsonl" "$WORK/lab-d.jsonl"
for how in "--threads 1" "--threads 2" "--merge"; do
  # shellcheck disable=SC2086  # $how is two words on purpose
  (cd "$WORK" && "$LOGMOJI" --no-config --color never --max-line-size 50 $how lab-c.jsonl lab-d.jsonl >both 2>&1)
  expect_eq "labelled reports on lines of their own, $how" \
    "$(grep -c '^logmoji: lab-[cd].jsonl:2: line longer than 50 bytes' "$WORK/both")/$(grep -A1 '│ {"event":"three' "$WORK/both" | grep -c '^logmoji:')" "2/2"
done
# A block whose leading raw lines belong to a hidden event (cut from the output): its reports at
# their lines all the same (they came after the whole block).
python3 - "$WORK/edge.jsonl" <<'PY'
import sys
B = 1 << 18
lines, total, i = [], 0, 0
while True:
    l = ('{"event":"e%06d","level":"error"}' % i).encode() + b"\n"
    if total + len(l) + 60 > B:
        break
    lines.append(l); total += len(l); i += 1
l = b'{"event":"hidden","level":"info","pad":"'
lines.append(l + b"x" * (B - total - len(l) - 3) + b'"}\n')
lines.append(b"raw text after hidden\n")
lines.append(b'{"event":"' + b"y" * 200 + b'","level":"error"}\n')
lines += [('{"event":"after%d","level":"error"}\n' % k).encode() for k in range(5)]
open(sys.argv[1], "wb").write(b"".join(lines))
PY
for threads in 1 2; do
  "$LOGMOJI" --no-config --color never --max-line-size 100 -l error --threads $threads "$WORK/edge.jsonl" 2>&1 |
    tail -7 | sed "s|$WORK/||" | cut -c1-40 >"$WORK/edge.$threads"
done
expect_eq "a report after a hidden event's raw lines: where one thread tells it" "$(cat "$WORK/edge.2")" "$(cat "$WORK/edge.1")"
expect_eq "... right after its cut line" "$(sed -n 2p "$WORK/edge.1")" "logmoji: edge.jsonl:7283: line longer th"
# Blocks in flight are capped in bytes, not only by count: many threads into a consumer that
# is slow to start do not hold a block per thread each. Under meson's MALLOC_PERTURB_ (every
# allocated page touched) this held 179-195 MB while each worker kept a framer copy of its block
# and a second buffer for labels; 108-125 MB once workers framed blocks in place, 91-98 MB since a
# parser's simdjson index is allocated on its first line parsed alone (issue 15).
if ! sanitized; then
  /usr/bin/time -f '%M' -o "$WORK/rss" "$LOGMOJI" --threads 32 --color never "$WORK/raw.jsonl" "$WORK/raw.jsonl" \
    "$WORK/raw.jsonl" 2>/dev/null | (sleep 1; cat >/dev/null)
  rss_kb=$(tail -n1 "$WORK/rss")
  if [ "$rss_kb" -lt 128000 ]; then pass; else fail "--threads 32 held ${rss_kb} KiB"; fi
fi
finish
