#!/usr/bin/env bash
# --merge interleaves inputs by timestamp; compressed inputs and lines without a time included.
. "$(dirname "$0")/common.sh" "$@"

cat >"$WORK/host1.jsonl" <<'JSON'
{"timestamp":"2026-11-24T10:00:00Z","event":"h1 a"}
{"timestamp":"2026-11-24T10:00:03Z","event":"h1 b"}
not json: a stack trace line belonging to h1 b
{"event":"h1 no time, after h1 b"}
{"timestamp":"2026-11-24T10:00:05Z","event":"h1 c"}
JSON
cat >"$WORK/host2.jsonl" <<'JSON'
{"timestamp":"2026-11-24 10:00:01.000000","event":"h2 a"}
{"timestamp":"2026-11-24T10:00:03Z","event":"h2 tie goes after h1"}
{"timestamp":"2026-11-24T10:00:04+00:00","event":"h2 b"}
{"timestamp":"2026-11-24T10:00:09Z","event":"h2 last"}
JSON
gzip -c "$WORK/host1.jsonl" >"$WORK/host1.jsonl.gz"
if command -v zstd >/dev/null; then zstd -q -c "$WORK/host2.jsonl" >"$WORK/host2.jsonl.zst"; else cp "$WORK/host2.jsonl" "$WORK/host2.jsonl.zst"; fi

expected="h1 a|h2 a|h1 b|not json: a stack trace line belonging to h1 b|h1 no time, after h1 b|h2 tie goes after h1|h2 b|h1 c|h2 last|"
"$LOGMOJI" --merge --utc --color never --omit-timestamp --no-label "$WORK/host1.jsonl.gz" "$WORK/host2.jsonl.zst" >"$WORK/out"
expect_eq "one chronological stream" "$(tr '\n' '|' <"$WORK/out")" "$expected"
expect_eq "without --merge, inputs follow each other" \
  "$("$LOGMOJI" -o raw --no-label "$WORK/host2.jsonl" "$WORK/host1.jsonl" 2>/dev/null | head -n 2 | tr '\n' '|')" "h2 a|h2 tie goes after h1|"
expect_eq "merge with a filter and JSON output keeps the lines as read" \
  "$("$LOGMOJI" --merge --utc -o json -q 'event in ("h1 b", "h2 b")' "$WORK/host1.jsonl" "$WORK/host2.jsonl" 2>/dev/null)" \
  "$(sed -n 2p "$WORK/host1.jsonl"; sed -n 3p "$WORK/host2.jsonl")"
# Times written the way log4j2 (instant {epochSecond, nanoOfSecond}, timeMillis) and Monolog
# (datetime) write them, by the libraries themselves (tests/loggers): read, so their events take
# their places; unread, they came first. The lines of each input are in time order, and the three
# logs of the fixtures follow each other: log4j2's, log4j2 with timeMillis, Monolog's.
loggers=$(cd "$(dirname "$0")/../loggers" && pwd)
expect_eq "log4j2's and Monolog's times merged" \
  "$("$LOGMOJI" --no-config --merge -o json "$loggers/monolog/output.jsonl" "$loggers/log4j2-time-millis/output.jsonl" \
    "$loggers/log4j2/output.jsonl" 2>&1 | md5sum)" \
  "$(cat "$loggers/log4j2/output.jsonl" "$loggers/log4j2-time-millis/output.jsonl" "$loggers/monolog/output.jsonl" |
    sed 's/\r$//' | md5sum)"
expect_status "a missing input is reported, the rest merged" 2 "$LOGMOJI" --merge -o raw "$WORK/host1.jsonl" "$WORK/none.jsonl" "$WORK/host2.jsonl"
expect_eq "the rest merged" "$(wc -l <"$WORK/out")" "8"
# A merged line is parsed once, by its input's own parser, and the pipeline takes that parse
# over (up to 64 inputs; more share one parser that reads times only). Either way the output is
# the one the lines give unmerged: one input merged is the input itself, and a time-ordered
# corpus dealt out line by line to 2 or 65 inputs merges back into it, so that events of several
# parsers pass through one renderer's memos by key id. A generator failure fails the test.
{ python3 "$GEN_CORPUS" --lines 3000 --variant raw --mixed --seed 5 >"$WORK/mixed.jsonl" &&
  python3 "$GEN_CORPUS" --lines 3000 --variant raw --seed 6 >"$WORK/raw.jsonl" &&
  python3 "$GEN_CORPUS" --lines 3000 --variant pino --seed 7 >"$WORK/pino.jsonl"; } ||
  { echo "FAIL: bench/gen_corpus.py failed"; exit 1; }
same_as_alone() {
  local name=$1; shift
  "$LOGMOJI" --threads 1 "$@" "$WORK/mixed.jsonl" >"$WORK/alone.out" 2>"$WORK/alone.err"; local s1=$?
  "$LOGMOJI" --merge "$@" "$WORK/mixed.jsonl" >"$WORK/merged.out" 2>"$WORK/merged.err"; local s2=$?
  if cmp -s "$WORK/alone.out" "$WORK/merged.out"; then pass; else fail "$name: output differs"; fi
  if cmp -s "$WORK/alone.err" "$WORK/merged.err"; then pass; else fail "$name: messages differ"; fi
  expect_eq "$name: status" "$s2" "$s1"
}
same_as_alone "one input merged, pretty" --color always
same_as_alone "one input merged, json" -o json -l warning
same_as_alone "one input merged, strict" --strict --color never
expect_contains "the mixed corpus has invalid lines" "$WORK/alone.err" "invalid JSON"
same_as_alone "one input merged, over-long lines" --max-line-size 300 --color never
# A Docker or CRI line cut inside an escaped string: --merge's own envelope stage unwrapped the
# cut text with the block indexed over the whole line, and unescaping wrote past its room
# (SIGSEGV, SIGBUS or malloc's abort; valgrind: invalid writes in parse_string).
for kind in docker cri; do
  python3 - "$kind" >"$WORK/cut-$kind.log" <<'PY'
import sys
body = '"' + '\\"' * 2000 + '"'
if sys.argv[1] == "docker":
    print('{"log":' + body + '}')
else:
    print('2024-01-01T00:00:00.000000000Z stdout F {"msg":' + body + '}')
print('{"time":"2024-01-01T00:00:01Z","msg":"after"}')
PY
  "$LOGMOJI" --no-config --threads 1 --max-line-size 100 --color never "$WORK/cut-$kind.log" >"$WORK/cut.alone" 2>&1
  echo "status $?" >>"$WORK/cut.alone"
  "$LOGMOJI" --no-config --merge --max-line-size 100 --color never "$WORK/cut-$kind.log" >"$WORK/cut.merged" 2>&1
  echo "status $?" >>"$WORK/cut.merged"
  expect_eq "--merge, a $kind line cut inside an escaped string: as without --merge" \
    "$(cat "$WORK/cut.merged")" "$(cat "$WORK/cut.alone")"
done
# Merged lines go straight to the full parse (no selection prefilter): every output and
# selection must still print what a plain run prints.
same_as_alone "one input merged, json -k" -o json -k level,event,msg -l info
same_as_alone "one input merged, json -x" -o json -x pid,hostname,password
same_as_alone "one input merged, json-enriched" -o json-enriched
same_as_alone "one input merged, logfmt -l error" -o logfmt -l error
same_as_alone "one input merged, raw -q" -o raw -q 'level == "error" or status >= 500'
same_as_alone "one input merged, context" -l error -C 1 --color never
for corpus in raw pino; do
  for parts in 2 65; do
    rm -rf "$WORK/dealt" && mkdir "$WORK/dealt"
    awk -v n="$parts" -v d="$WORK/dealt" '{ print > sprintf("%s/%03d.jsonl", d, (NR - 1) % n) }' "$WORK/$corpus.jsonl"
    expect_eq "$corpus corpus dealt to $parts inputs merges back" \
      "$("$LOGMOJI" --merge --no-label --color always "$WORK"/dealt/*.jsonl | cksum)" \
      "$("$LOGMOJI" --color always "$WORK/$corpus.jsonl" | cksum)"
  done
done
# Memory per input stays small (issue 17, item 14): 1,500 inputs merged in well under the 397 MB
# that 256 KiB framers took; the figure per input is in docs/decisions.md.
mkdir -p "$WORK/many"
for i in $(seq 1 1500); do printf '{"timestamp":"2026-11-24T10:00:%02dZ","event":"m%d"}\n' $((i % 60)) "$i" >"$WORK/many/$i.jsonl"; done
/usr/bin/time -f '%M' -o "$WORK/rss" "$LOGMOJI" --merge -o raw "$WORK"/many/*.jsonl >"$WORK/out" 2>/dev/null
expect_eq "1,500 inputs merged: every line" "$(wc -l <"$WORK/out")" "1500"
rss_kb=$(tail -n1 "$WORK/rss")
if sanitized || [ "$rss_kb" -lt 120000 ]; then pass; else fail "1,500 inputs took ${rss_kb} KiB"; fi
# Above the usual soft limit of 1,024 open files: --merge raises it to the hard limit, so every
# input is held open (before: 1,019 lines, exit 2, "Too many open files" for 481 inputs).
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -ge 1600 ]; then
  (ulimit -Sn 1024 && cd "$WORK/many" && "$LOGMOJI" --merge -o raw --no-label $(seq -f '%g.jsonl' 1 1500)) \
    >"$WORK/out" 2>"$WORK/err"
  expect_eq "1,500 inputs under a soft limit of 1,024: exit status" "$?" "0"
  expect_eq "1,500 inputs under a soft limit of 1,024: every line" "$(wc -l <"$WORK/out")" "1500"
  expect_eq "1,500 inputs under a soft limit of 1,024: no message" "$(head -n 2 "$WORK/err")" ""
else
  echo "skipped: the hard limit of open files ($hard) is below 1,600"
fi
# Input labels are at most 32 cells: a longer name keeps its end after an ellipsis, cut
# between characters (an escape is never cut); inputs whose shortened labels would be the same
# are shown whole, so a label always tells its input apart. The same with --merge and -o raw.
long=a-directory-name-long-enough-to-be-cut
mkdir -p "$WORK/$long/x" "$WORK/$long-too/x"
printf '{"timestamp":"2026-11-24T10:00:00Z","event":"one"}\n' >"$WORK/$long/x/app.jsonl"
printf '{"timestamp":"2026-11-24T10:00:01Z","event":"two"}\n' >"$WORK/$long-too/x/app.jsonl"
esc=pre$'\e'bbbbbbbbbbbbbbbbbbbbbbbbbbbb
printf '{"timestamp":"2026-11-24T10:00:02Z","event":"three"}\n' >"$WORK/$esc"
printf '{"timestamp":"2026-11-24T10:00:03Z","event":"four"}\n' >"$WORK/s.jsonl"
for merge in "" --merge; do
  # shellcheck disable=SC2086 # $merge is one option or none
  (cd "$WORK" && "$LOGMOJI" --color never $merge -o raw "$long/x/app.jsonl" "$long-too/x/app.jsonl" "$esc" s.jsonl) |
    sed 's/│ .*/│/' >"$WORK/out"
  expect_eq "long labels shortened from the front ${merge:-in turn}" "$(cat "$WORK/out")" "$(printf '%s\n' \
    "…ng-enough-to-be-cut/x/app.jsonl │" "…nough-to-be-cut-too/x/app.jsonl │" \
    "…bbbbbbbbbbbbbbbbbbbbbbbbbbbb    │" "s.jsonl                          │")"
done
mkdir -p "$WORK/one-$long/x" "$WORK/two-$long/x"
cp "$WORK/$long/x/app.jsonl" "$WORK/one-$long/x/app.jsonl"
cp "$WORK/$long/x/app.jsonl" "$WORK/two-$long/x/app.jsonl"
(cd "$WORK" && "$LOGMOJI" --color never -o raw "one-$long/x/app.jsonl" "two-$long/x/app.jsonl" s.jsonl "one-$long/x/app.jsonl") |
  sed 's/│ .*/│/' >"$WORK/out"
expect_eq "labels that would be the same are whole" "$(cat "$WORK/out")" "$(printf '%s\n' \
  "one-$long/x/app.jsonl │" "two-$long/x/app.jsonl │" "$(printf '%-54s │' s.jsonl)" \
  "one-$long/x/app.jsonl │")"
# An input that ends waiting for the rest of a split line (a CRI P part) ends where its last line
# falls in the merged order: the part is shown raw there and reported under its input's name,
# as it is without --merge.
printf '%s\n' '2025-06-01T12:00:00.000000Z stdout F {"time":"2025-06-01T12:00:01Z","msg":"a1"}' \
  '2025-06-01T12:00:00.000000Z stdout P {"time":"2025-06-01T12:00:02Z","msg":"a2' >"$WORK/split-a.log"
printf '%s\n' '{"time":"2025-06-01T12:00:00Z","msg":"b0"}' '{"time":"2025-06-01T12:00:03Z","msg":"b3"}' >"$WORK/split-b.log"
(cd "$WORK" && "$LOGMOJI" --no-config --color never --strict --merge split-a.log split-b.log >"$WORK/out" 2>"$WORK/err")
expect_eq "a split line left at an input's end: shown at that input's end" \
  "$(sed 's/^[^│]*│ //; s/^[0-9-]* [0-9:.]* //' "$WORK/out" | cut -c1-2 | tr '\n' ,)" "b0,a1,{\",b3,"
expect_eq "a split line left at an input's end: reported under its name" "$(head -1 "$WORK/err")" \
  "logmoji: split-a.log:2: CRI partial (P) line without its final (F) part"
# One file given twice is two inputs of one name: each joins its own split lines (the parts of
# the two used to be taken for one input's, shown raw and the event lost).
printf '%s\n' '2025-06-01T12:00:00.000000Z stdout P {"msg":"hel' \
  '2025-06-01T12:00:00.000000Z stdout F lo","time":"2025-06-01T12:00:01Z"}' >"$WORK/twice.log"
expect_eq "--merge of one file twice: each joins its own parts" \
  "$(cd "$WORK" && "$LOGMOJI" --no-config --strict --merge -o raw --no-label twice.log twice.log | tr '\n' ,)" "hello,hello,"

# -B under --merge: an event kept for context is replayed under its own input's label, not the
# label of the event that brings it (the label used to be stamped on all the line's output).
printf '{"time":"2026-01-01T10:00:01Z","msg":"a1"}\n{"time":"2026-01-01T10:00:03Z","msg":"a3"}\n' >"$WORK/ctx-a.jsonl"
printf '{"time":"2026-01-01T10:00:02Z","msg":"b2"}\n{"time":"2026-01-01T10:00:04Z","msg":"b4"}\n' >"$WORK/ctx-b.jsonl"
expect_eq "-B under --merge: each replayed event under its own label" \
  "$(cd "$WORK" && "$LOGMOJI" --no-config --merge -B3 -o raw --label -q msg=b4 ctx-a.jsonl ctx-b.jsonl | tr '\n' ,)" \
  "ctx-a.jsonl │ a1,ctx-b.jsonl │ b2,ctx-a.jsonl │ a3,ctx-b.jsonl │ b4,"
expect_eq "-B under --merge: pretty output" \
  "$(cd "$WORK" && "$LOGMOJI" --no-config --merge -B1 --color never -q msg=a3 ctx-a.jsonl ctx-b.jsonl |
    sed 's/ *│.* \([a-z0-9]*\)$/ \1/' | tr '\n' ,)" \
  "ctx-b.jsonl b2,ctx-a.jsonl a3,"
finish
