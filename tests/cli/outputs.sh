#!/usr/bin/env bash
# The output side (issue 17): -o json on a terminal, --stats' bounded logger table, times from
# the year 1 to 9999, logfmt keys, styles closed per line, the line cap on content.
. "$(dirname "$0")/common.sh" "$@"

# -o json: a byte copy into a pipe; on a terminal (script(1) gives a pty) the characters that
# must not reach it are \u escapes, the same JSON value.
printf '{"a":"x\x7fy","b":"\xc2\x9b2J","c":"\xe2\x80\xaeevil","d":"\xef\xbf\xb9"}\n{"plain":"caf\xc3\xa9 \xf0\x9f\x94\xb9"}\n{"a":1,\r"b":2}\n' >"$WORK/unsafe.jsonl"
"$LOGMOJI" -o json "$WORK/unsafe.jsonl" >"$WORK/out"
if cmp -s "$WORK/out" "$WORK/unsafe.jsonl"; then pass; else fail "-o json into a pipe is not byte-exact"; fi
if command -v script >/dev/null; then
  TERM=xterm script -qec "$LOGMOJI --paging never -o json $WORK/unsafe.jsonl" /dev/null </dev/null | tr -d '\r' >"$WORK/tty"
  expect_eq "-o json on a terminal" "$(sed -n 1p "$WORK/tty")" '{"a":"x\u007fy","b":"\u009b2J","c":"\u202eevil","d":"\ufff9"}'
  expect_eq "-o json on a terminal: nothing to escape, the same bytes" "$(sed -n 2p "$WORK/tty")" "$(sed -n 2p "$WORK/unsafe.jsonl")"
  expect_eq "-o json on a terminal: a raw CR between tokens" "$(sed -n 3p "$WORK/tty")" '{"a":1, "b":2}'
  cat >"$WORK/same_values.py" <<'PY'
import json, sys, unicodedata
read = lambda path: open(path, encoding="utf-8", newline="\n").read().rstrip("\n").split("\n")
shown = read(sys.argv[2])
if any(unicodedata.category(c) in ("Cc", "Cf") and c != "\t" for line in shown for c in line):
    sys.exit("a control or format character reached the terminal")
sys.exit([json.loads(l) for l in read(sys.argv[1])] != [json.loads(l) for l in shown])
PY
  if python3 "$WORK/same_values.py" "$WORK/unsafe.jsonl" "$WORK/tty"; then pass; else fail "-o json on a terminal: unsafe characters or changed values"; fi
else
  echo "script(1) not found: terminal checks skipped"
fi

# --stats with many distinct loggers: 1,000 rows, the rest folded, memory bounded.
awk 'BEGIN {
  pad = sprintf("%80s", ""); gsub(/ /, "p", pad)
  for (i = 0; i < 300000; i++) printf "{\"event\":\"e\",\"level\":\"info\",\"logger\":\"svc.%08d.%s\"}\n", i, pad
  for (i = 0; i < 10; i++) printf "{\"event\":\"e\",\"level\":\"info\",\"logger\":\"svc.%08d.%s\"}\n", 0, pad
}' >"$WORK/loggers.jsonl"
python3 -c '
import resource, subprocess, sys
out = open(sys.argv[3], "wb")
subprocess.run([sys.argv[1], "--stats", sys.argv[2]], stdout=out, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
' "$LOGMOJI" "$WORK/loggers.jsonl" "$WORK/stats" >"$WORK/rss"
rss=$(cat "$WORK/rss")
# The input holds 28 MB of distinct names; one row per name took a multiple of that.
# (ASan adds its shadow memory: the bound is only meaningful in the normal build.)
if sanitized || [ "$rss" -lt 24 ]; then pass; else fail "--stats over 300,000 distinct loggers used $rss MiB"; fi
# The logger table's counts line up in terminal cells, as the console pads: a wide character
# takes two (padded by code points, the CJK name's count stood seven cells to the right).
printf '%s\n' '{"level":"info","event":"a","logger_name":"日本語のロガー"}' '{"level":"info","event":"a","logger_name":"abc"}' |
  "$LOGMOJI" --stats | sed -n '/^by logger/,$p' >"$WORK/out"
expect_eq "--stats pads logger names by cells" "$(cat "$WORK/out")" \
  "by logger"$'\n'"  abc                   1"$'\n'"  日本語のロガー        1"
expect_contains "--stats says the table is capped" "$WORK/stats" "by logger (the first 1000 seen; the rest under (others))"
rows=$(sed -n '/^by logger/,$p' "$WORK/stats" | grep -c '^  svc\.')
expect_eq "--stats logger rows" "$rows" 1000
expect_eq "the first logger keeps its exact count" "$(grep "svc.00000000" "$WORK/stats" | awk '{print $2}')" 11
others=$(grep '^  (others)' "$WORK/stats")
expect_eq "(others) counts the folded events exactly" "$(awk '{print $2}' <<<"$others")" 299000
about=$(sed 's/.*(about \([0-9]*\) more loggers)/\1/' <<<"$others")
if [ "$about" -gt 293000 ] && [ "$about" -lt 305000 ]; then pass; else fail "(others) estimates 299000 names as $about"; fi

# -c with -o json is JSON, one object as --stats' (same "selected" key); several inputs, or
# --label, add the per-input counts in input order, on one thread, two, or --merge. Other
# outputs keep grep -c's text.
printf '{"level":"info","event":"a"}\n{"level":"error","event":"b"}\nnot json\n' >"$WORK/count_a.jsonl"
printf '{"level":"error","event":"c"}\n' >"$WORK/count_b.jsonl"
expect_eq "-c -o json, one input" "$("$LOGMOJI" -c -o json "$WORK/count_a.jsonl")" '{"selected":2}'
expect_eq "-c -o json-enriched -l error" "$("$LOGMOJI" -c -o json-enriched -l error "$WORK/count_a.jsonl")" '{"selected":1}'
for extra in "--threads 1" "--threads 2" "--merge"; do
  # shellcheck disable=SC2086 # $extra is the option and its value
  expect_eq "-c -o json, two inputs ($extra)" "$(cd "$WORK" && "$LOGMOJI" -c -o json $extra count_a.jsonl count_b.jsonl)" \
    '{"selected":3,"inputs":[{"name":"count_a.jsonl","selected":2},{"name":"count_b.jsonl","selected":1}]}'
done
expect_eq "-c -o json --label" "$(cd "$WORK" && "$LOGMOJI" -c -o json --label count_b.jsonl)" \
  '{"selected":1,"inputs":[{"name":"count_b.jsonl","selected":1}]}'
expect_eq "-c -o json --no-label" "$("$LOGMOJI" -c -o json --no-label "$WORK/count_a.jsonl" "$WORK/count_b.jsonl")" '{"selected":3}'
expect_eq "-c -o logfmt stays text" "$(cd "$WORK" && "$LOGMOJI" -c -o logfmt count_a.jsonl count_b.jsonl | tr '\n' '|')" \
  "count_a.jsonl:2|count_b.jsonl:1|"
python3 -c 'import json,sys; json.loads(sys.argv[1])' "$(printf 'x\033y' | "$LOGMOJI" -c -o json --label - "$WORK/count_b.jsonl")" &&
  pass || fail "-c -o json is not JSON with a standard-input label"

# Times from the year 1 to 9999, and --since offsets past 106,751 days (64-bit nanoseconds).
for t in 0001-01-01T00:00:00.000001Z 1600-02-29T12:00:00.5Z 2026-11-24T10:00:00Z 2300-01-01T00:00:00Z 9999-12-31T23:59:59.999999Z; do
  printf '{"event":"at %s","time":"%s"}\n' "$t" "$t"
done >"$WORK/years.jsonl"
"$LOGMOJI" --utc --color never --time-format '%Y-%m-%d %H:%M:%S.%f' "$WORK/years.jsonl" | cut -d' ' -f1-2 >"$WORK/out"
expect_eq "reformatted years 1 to 9999" "$(tr '\n' '|' <"$WORK/out")" \
  "0001-01-01 00:00:00.000001|1600-02-29 12:00:00.500000|2026-11-24 10:00:00.000000|2300-01-01 00:00:00.000000|9999-12-31 23:59:59.999999|"
# 200,000 days back is the 15th century, whenever the test runs: 1600 on is in, the year 1 out.
expect_eq "--since 200000d" "$("$LOGMOJI" --utc -c --since 200000d "$WORK/years.jsonl")" 4
expect_eq "--since beyond the year 1 means everything" "$("$LOGMOJI" --utc -c --since 1000000000w "$WORK/years.jsonl")" 5
expect_status "--until beyond the year 1 selects nothing" 1 "$LOGMOJI" --utc -c --until 99999999999999999999999d "$WORK/years.jsonl"
expect_status "--since junk is refused" 2 "$LOGMOJI" --since 12xd "$WORK/years.jsonl"
expect_contains "--since junk says why" "$WORK/err" "--since: cannot read '12xd' as a time"

# A --time-format longer than 255 bytes is formatted whole.
long=$(printf 'x%.0s' $(seq 300))
expect_eq "--time-format of 300 bytes" "$("$LOGMOJI" --utc --color never --time-format "$long %Y" "$WORK/years.jsonl" | sed -n 3p | cut -d' ' -f1-2)" "$long 2026"

# logfmt keys that need quoting parse back.
printf '{"a b":1,"k=v":"x y","q\\"":2,"c\\u001b":3,"":4,"plain":"v"}\n' >"$WORK/keys.jsonl"
"$LOGMOJI" -o logfmt "$WORK/keys.jsonl" >"$WORK/out"
expect_eq "logfmt quotes keys" "$(cat "$WORK/out")" '"a b"=1 "k=v"="x y" "q\""=2 "c\u001b"=3 ""=4 plain=v'
cat >"$WORK/logfmt_keys.py" <<'PY'
import json, re, sys
line = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
token = r'("(?:[^"\\]|\\.)*"|[^ ="]+)'
keys = [json.loads(k) if k.startswith('"') else k for k, _ in re.findall(token + "=" + token, line)]
sys.exit(keys != ["a b", "k=v", 'q"', "c\x1b", "", "plain"])
PY
if python3 "$WORK/logfmt_keys.py" "$WORK/out"; then pass; else fail "logfmt keys do not parse back"; fi

# A multi-line message: every coloured line closes its style, so `| head -n1` is clean.
printf '{"event":"first\\nsecond","level":"info","k":"v"}\n' >"$WORK/multi.jsonl"
"$LOGMOJI" --color always "$WORK/multi.jsonl" >"$WORK/out"
expect_eq "lines of coloured output" "$(wc -l <"$WORK/out")" 2
while IFS= read -r line; do
  case $line in *$'\e['*) [[ $line == *$'\e[0m' ]] && pass || fail "a coloured line does not end with the reset: $(printf %q "$line")" ;; esac
done <"$WORK/out"

# --max-line-size caps the content: a BOM and the CR of CRLF do not count, with one thread or two.
# Events of exactly N bytes: {"event":"xxx…"} (the event text is N - 12 bytes).
body() { printf '{"event":"%s"}' "$(head -c "$(($1 - 12))" /dev/zero | tr '\0' x)"; }
{
  printf '\xef\xbb\xbf%s\r\n' "$(body 100)"
  fits=$(body 100)
  for _ in $(seq 3000); do printf '%s\r\n' "$fits"; done
  printf '%s\r\n' "$(body 101)"
} >"$WORK/cap.jsonl"
for threads in 1 2; do
  "$LOGMOJI" --threads "$threads" --max-line-size 100 -c "$WORK/cap.jsonl" >"$WORK/out" 2>"$WORK/err"
  expect_eq "lines of exactly the cap are events ($threads threads)" "$(cat "$WORK/out")" 3001
  # -c is a summary: it names no single line (issue 13, item 4); the rendering outputs do.
  expect_eq "-c names no line ($threads threads)" "$(cat "$WORK/err")" ""
  "$LOGMOJI" --threads "$threads" --max-line-size 100 -o json "$WORK/cap.jsonl" >/dev/null 2>"$WORK/err"
  expect_contains "the line over the cap is named ($threads threads)" "$WORK/err" "cap.jsonl:3002: line longer than 100 bytes"
done

# -o raw writes one line per event, so `| sort | uniq -c` and `wc -l` count events: a newline in
# a message is written as \n, as a carriage return is (it was written raw, splitting the event).
printf '%s\n' '{"msg":"l1\nl2\r\nl3\tt"}' '{"msg":"two"}' >"$WORK/multi-line"
expect_eq "-o raw: one line per event" "$("$LOGMOJI" -o raw "$WORK/multi-line" | cat -A | tr '\n' ,)" 'l1\nl2\r\nl3^It$,two$,'
finish
