#!/usr/bin/env bash
# logmoji as a pipe filter: -o json fidelity, the subsequence property, summaries, exit status.
. "$(dirname "$0")/common.sh" "$@"

# "Which errors came from the payment service in the last hour, as JSON?"
old=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:%SZ) recent=$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ)
cat >"$WORK/app.jsonl" <<JSON
{"timestamp":"$old","level":"error","logger_name":"payment.api","event":"old failure"}
{"timestamp":"$recent","level":"error","logger_name":"payment.api","event":"card declined"}
{"timestamp":"$recent","level":"info","logger_name":"payment.api","event":"charge ok"}
{"timestamp":"$recent","level":"error","logger_name":"search.api","event":"index down"}
JSON
"$LOGMOJI" -o json -l error --logger payment --since 1h "$WORK/app.jsonl" >"$WORK/out"
expect_eq "the README's question" "$(cat "$WORK/out")" "$(sed -n 2p "$WORK/app.jsonl")"

# Summaries and their exit status.
expect_eq "count" "$("$LOGMOJI" -c -l error "$WORK/app.jsonl")" "3"
expect_status "count of nothing" 1 "$LOGMOJI" -c -l critical "$WORK/app.jsonl"
expect_eq "count of nothing prints 0" "$(cat "$WORK/out")" "0"
expect_status "quiet with a match" 0 "$LOGMOJI" --quiet -q 'event~declined' "$WORK/app.jsonl"
expect_eq "quiet prints nothing" "$(cat "$WORK/out" "$WORK/err")" ""
expect_status "quiet without a match" 1 "$LOGMOJI" --quiet -q 'event~nothing' "$WORK/app.jsonl"
# Without a filter it asks whether there is any event at all, as grep -q '' does.
: >"$WORK/empty.jsonl"
expect_status "quiet on an input without events" 1 "$LOGMOJI" --quiet "$WORK/empty.jsonl"
expect_status "quiet on raw lines only" 1 sh -c 'echo "not json" | "$1" --quiet' sh "$LOGMOJI"
expect_status "quiet on an input with an event" 0 "$LOGMOJI" --quiet "$WORK/app.jsonl"
# --quiet stops at the first match even on endless input.
(while :; do echo '{"level":"error","event":"x"}'; done) | timeout "$HANG_SECONDS" "$LOGMOJI" --quiet -l error
expect_eq "quiet stops reading at the first match" "${PIPESTATUS[1]}" "0"
"$LOGMOJI" --stats "$WORK/app.jsonl" >"$WORK/out"
expect_contains "stats: events" "$WORK/out" "events selected         4"
expect_contains "stats: by level" "$WORK/out" "  error                 3"
expect_contains "stats: by logger" "$WORK/out" "  payment.api           3"

# Selections that match nothing exit 1, whatever their kind.
for sel in "-q level>=critical" "--logger nobody" "--exclude-logger p --exclude-logger s" "-g nomatch" \
           "--since 2999-01-01" "--until 1999-01-01"; do
  # shellcheck disable=SC2086
  expect_status "nothing matched: $sel" 1 "$LOGMOJI" -o json $sel "$WORK/app.jsonl"
done

# Usage errors exit 2 and point at the problem.
expect_status "query syntax error" 2 "$LOGMOJI" -q 'level >=' "$WORK/app.jsonl"
expect_contains "query error names the column" "$WORK/err" "at column 9"
# The caret stands under the problem in the escaped echo, whatever comes before it (a tab shown
# as \t, an accented or wide character); the column counts characters; a stray operator is
# named; a bad pattern is pointed at, not its operator.
caret() {  # caret QUERY: the message's first line, and the echo with the caret's line
  "$LOGMOJI" -q "$1" "$WORK/app.jsonl" 2>&1 | sed -n '1s/^logmoji: --query: //p; 2,3p' | tr '\n' '|'
}
expect_eq "query error after a tab" "$(caret $'n=1\t&& )')" \
  "expected a field name, found ')' at column 8|  n=1\\t&& )|          ^|"
expect_eq "query error after an accent" "$(caret 'msg = "café" )')" \
  "unexpected ')' after a complete expression at column 14|  msg = \"café\" )|               ^|"
expect_eq "query error after wide characters" "$(caret '中文 = 1 )')" \
  "unexpected ')' after a complete expression at column 8|  中文 = 1 )|           ^|"
expect_eq "query error in a pattern" "$(caret 'n ~ "("')" \
  "bad regular expression: missing ): ( at column 5|  n ~ \"(\"|      ^|"
expect_status "bad regex" 2 "$LOGMOJI" -g '(' "$WORK/app.jsonl"
expect_status "bad --since" 2 "$LOGMOJI" --since 'last tuesday' "$WORK/app.jsonl"
expect_contains "bad --since message" "$WORK/err" "--since: cannot read 'last tuesday' as a time"
expect_status "bad output" 2 "$LOGMOJI" -o yaml "$WORK/app.jsonl"

# Invalid lines in JSON mode: named with FILE:LINE (the first 10), then counted; --strict: exit 2.
{ for i in $(seq 1 12); do echo "garbage $i"; done; echo '{"event":"ok"}'; } >"$WORK/bad.jsonl"
expect_status "invalid lines are not errors" 0 "$LOGMOJI" -o json "$WORK/bad.jsonl"
expect_eq "only the event reaches JSON output" "$(cat "$WORK/out")" '{"event":"ok"}'
expect_contains "invalid line named" "$WORK/err" "logmoji: $WORK/bad.jsonl:1: invalid JSON (not a JSON object)"
expect_eq "rate limited to 10 lines plus a count" "$(wc -l <"$WORK/err")" "11"
expect_contains "final count" "$WORK/err" "12 raw lines left out (only the first 10 are named)"
expect_status "--strict" 2 "$LOGMOJI" -o json --strict "$WORK/bad.jsonl"
# The final count names what --stats counts: it said "4 invalid lines" of 2 invalid and 2 raw.
printf '%s\n' '{"event":"ok"}' 'not json' '{"bad' 'plain text' '{"bad2' >"$WORK/mixed.jsonl"
expect_status "invalid and raw lines" 0 "$LOGMOJI" -o json "$WORK/mixed.jsonl"
expect_eq "invalid and raw lines: counted apart" "$(tail -n 1 "$WORK/err")" "logmoji: 2 invalid and 2 raw lines left out"
expect_contains "invalid and raw lines: as --stats counts them" \
  <("$LOGMOJI" --stats "$WORK/mixed.jsonl") "invalid lines           2"
printf '%s\n' '{"event":"ok"}' '{"bad' >"$WORK/one-bad.jsonl"
expect_status "one invalid line" 0 "$LOGMOJI" -o json "$WORK/one-bad.jsonl"
expect_eq "one invalid line: counted" "$(tail -n 1 "$WORK/err")" "logmoji: 1 invalid line left out"
# A summary leaves nothing out: --strict --stats counts the lines it names.
expect_status "--strict --stats" 2 "$LOGMOJI" --strict --stats "$WORK/mixed.jsonl"
expect_eq "--strict --stats: nothing left out" "$(tail -n 1 "$WORK/err")" "logmoji: 2 invalid and 2 raw lines"
expect_status "--strict on the console" 2 "$LOGMOJI" --strict --color never "$WORK/mixed.jsonl"
expect_eq "--strict on the console: shown" "$(tail -n 1 "$WORK/err")" "logmoji: 2 invalid and 2 raw lines"
# An over-long line's message says what the output made of it: -o json shows no raw line.
{ echo '{"event":"ok"}'; printf '{"event":"%0100d"}\n' 0; } >"$WORK/long.jsonl"
expect_status "over-long line, -o json" 0 "$LOGMOJI" -o json --max-line-size 64 "$WORK/long.jsonl"
expect_contains "over-long line, -o json: left out" "$WORK/err" \
  "long.jsonl:2: line longer than 64 bytes (--max-line-size); left out"
expect_status "over-long line, pretty" 0 "$LOGMOJI" --color never --max-line-size 64 "$WORK/long.jsonl"
expect_contains "over-long line, pretty: its start shown" "$WORK/err" \
  "long.jsonl:2: line longer than 64 bytes (--max-line-size); its start is shown as a raw line"
expect_status "over-long line, --strict --stats" 2 "$LOGMOJI" --strict --stats --max-line-size 64 "$WORK/long.jsonl"
expect_eq "over-long line, --strict --stats: counted" "$(sed 's/.*long.jsonl//' "$WORK/err")" \
  ":2: line longer than 64 bytes (--max-line-size)"$'\n'"logmoji: 1 invalid line"
# --strict names the first 10 lines, not each: the help says so.
expect_contains "--strict's help" <("$LOGMOJI" --help) "name the first 10, count them all, exit 2"

# Outputs on the generated corpora: -o json is byte-identical to the valid input lines, and a
# filtered output is an order-preserving subsequence of the unfiltered one.
for variant in foundation raw pino bunyan; do
  python3 "$GEN_CORPUS" --lines 3000 --variant "$variant" --mixed --seed 7 >"$WORK/$variant.jsonl" ||
    { echo "FAIL: bench/gen_corpus.py failed"; exit 1; }
  "$LOGMOJI" -o json "$WORK/$variant.jsonl" >"$WORK/all.json" 2>/dev/null
  python3 - "$WORK/$variant.jsonl" "$WORK/all.json" <<'PY' >"$WORK/check" 2>&1
import json, sys
def obj(line):
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
src = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.strip()]
out = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
want = [l for l in src if obj(l)]
print("ok" if out == want else f"mismatch: {len(out)} lines out, {len(want)} expected")
PY
  expect_eq "$variant: -o json equals the valid input lines" "$(cat "$WORK/check")" "ok"
  "$LOGMOJI" -o json -q 'level>=warning' "$WORK/$variant.jsonl" >"$WORK/some.json" 2>/dev/null
  python3 - "$WORK/all.json" "$WORK/some.json" <<'PY' >"$WORK/check" 2>&1
import sys
full = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
part = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
it = iter(full)
ok = all(any(line == f for f in it) for line in part)
print("ok" if ok and 0 < len(part) < len(full) else f"not a proper subsequence ({len(part)} of {len(full)})")
PY
  expect_eq "$variant: filtered output is an ordered subsequence" "$(cat "$WORK/check")" "ok"
  total=$("$LOGMOJI" --stats "$WORK/$variant.jsonl" 2>/dev/null | sed -n 's/^lines *//p')
  expect_eq "$variant: every line accounted for" "$total" "$(wc -l <"$WORK/$variant.jsonl")"
done

finish
