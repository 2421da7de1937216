#!/usr/bin/env bash
# Reading: stdin, '-', several files in order, framing rules, raw lines never dropped.
. "$(dirname "$0")/common.sh" "$@"

printf '{"event":"one"}\n' >"$WORK/a.jsonl"
printf '{"event":"two"}' >"$WORK/b.jsonl"   # no final newline

expect_eq "stdin by default" "$("$LOGMOJI" <"$WORK/a.jsonl")" "one"
expect_eq "dash is stdin" "$("$LOGMOJI" - <"$WORK/a.jsonl")" "one"
expect_eq "files in argument order" "$("$LOGMOJI" --no-label "$WORK/b.jsonl" "$WORK/a.jsonl" | tr '\n' ,)" "two,one,"
expect_eq "stdin between files" "$(printf '{"event":"mid"}\n' | "$LOGMOJI" --no-label "$WORK/a.jsonl" - "$WORK/b.jsonl" | tr '\n' ,)" "one,mid,two,"

printf '\xef\xbb\xbf{"event":"bom"}\r\n{"event":"crlf"}\r\n' >"$WORK/c.jsonl"
expect_eq "BOM and CRLF" "$("$LOGMOJI" "$WORK/c.jsonl" | tr '\n' ,)" "bom,crlf,"
# Files joined with cat: the second one's BOM starts a line inside the stream. It is dropped
# there too (it was taken for a prefix naming the line's source, and -o json wrote that in).
expect_eq "a BOM inside the stream" "$(cat "$WORK/c.jsonl" "$WORK/c.jsonl" | "$LOGMOJI" --color never | tr '\n' ,)" "bom,crlf,bom,crlf,"
expect_eq "a BOM inside the stream, -o json" "$(cat "$WORK/c.jsonl" "$WORK/c.jsonl" | "$LOGMOJI" -o json | sed -n 3p)" '{"event":"bom"}'
# A BOM or json-seq's RS alone on a line (an empty file joined with cat, an empty record) is a
# blank line, as a lone CR is: it was an invalid line and failed --strict.
# Marks in any order and number (a BOM then RS where a json-seq file was joined with cat).
printf '{"event":"a"}\n\357\273\277\n\036\n\r\n\036\036  \n\357\273\277\357\273\277\n\357\273\277\036{"event":"b"}\n' >"$WORK/marks-alone"
expect_eq "marks alone on a line are blank lines" \
  "$("$LOGMOJI" --strict -o json "$WORK/marks-alone" 2>&1; echo "exit $?")" '{"event":"a"}
{"event":"b"}
exit 0'
expect_eq "... counted as blank" "$("$LOGMOJI" --stats -o json "$WORK/marks-alone" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["blank"], d["invalid"], d["raw"])')" "5 0 0"

printf '%s\n' '{"event":"ok"}' 'not json' '{"level":"info","x":NaN}' '{"a":tru}' '[1,2]' '' '{"event":"end"}' >"$WORK/mixed.jsonl"
"$LOGMOJI" --color never "$WORK/mixed.jsonl" >"$WORK/out"
expect_eq "every line shown, none dropped" "$(wc -l <"$WORK/out")" "7"
expect_eq "invalid JSON shown as it came" "$(sed -n 4p "$WORK/out")" '{"a":tru}'
expect_eq "NaN renders as nan" "$(sed -n 3p "$WORK/out")" "[info     ] x=nan"
expect_eq "blank line kept" "$(sed -n 6p "$WORK/out")" ""

printf '{"event":"x","v":"\\u001b[2J"}\n\x1b]0;owned\x07 raw\n' >"$WORK/esc.jsonl"
"$LOGMOJI" --color always "$WORK/esc.jsonl" >"$WORK/out"
if grep -aP '\x1b(?!\[[0-9;]*m)' "$WORK/out" >/dev/null; then fail "a data-borne escape sequence reached the output"; else pass; fi
expect_contains "escaped value" "$WORK/out" "'\\x1b[2J'"
expect_contains "escaped raw line" "$WORK/out" '\x1b]0;owned\x07 raw'

expect_status "closed stdin" 2 "$LOGMOJI" <&-
expect_contains "closed stdin message" "$WORK/err" "logmoji: '(standard input)':"
# With standard input closed, the first file opened must not take its descriptor: '-' would
# read that file's bytes a second time, tearing its lines (one lost, exit 0).
printf '{"time":"2024-01-01T10:00:01Z","event":"A1"}\n{"time":"2024-01-01T10:00:03Z","event":"A3"}\n' >"$WORK/m1.log"
printf '{"time":"2024-01-01T10:00:02Z","event":"B2"}\n' >"$WORK/m2.log"
for merge in --merge --no-label; do
  expect_status "closed stdin named as '-' ($merge)" 2 "$LOGMOJI" "$merge" -o raw --no-label "$WORK/m1.log" - "$WORK/m2.log" <&-
  expect_eq "closed stdin named as '-' ($merge): each file whole" "$(sort "$WORK/out" | tr '\n' ,)" "A1,A3,B2,"
  expect_contains "closed stdin named as '-' ($merge): reported" "$WORK/err" "logmoji: '(standard input)': Bad file descriptor"
done

printf '{"event":"%s"}\n' "$(head -c 300 /dev/zero | tr '\0' x)" >"$WORK/long.jsonl"
printf '{"event":"after"}\n' >>"$WORK/long.jsonl"
expect_status "over-long line" 0 "$LOGMOJI" --max-line-size 100 "$WORK/long.jsonl"
expect_contains "over-long line reported with file and line" "$WORK/err" "long.jsonl:1: line longer than 100 bytes"
expect_eq "stream resynchronises" "$(tail -n1 "$WORK/out")" "after"
# Sizes as the help writes them: 1K is 1024 bytes; other forms are refused, not read as hex.
printf '{"event":"%s"}\n' "$(head -c 1100 /dev/zero | tr '\0' x)" >"$WORK/k.jsonl"
for size in 1K 1k 1KiB "1 KiB"; do
  expect_status "--max-line-size $size" 0 "$LOGMOJI" --max-line-size "$size" "$WORK/k.jsonl"
  expect_contains "--max-line-size $size is 1024 bytes" "$WORK/err" "k.jsonl:1: line longer than 1024 bytes"
done
for size in 0x400 1e3 1T 1KB5 ""; do
  expect_status "--max-line-size '$size' refused" 2 "$LOGMOJI" --max-line-size "$size" "$WORK/k.jsonl"
done
expect_status "--max-line-size 128M" 0 "$LOGMOJI" --max-line-size 128M "$WORK/k.jsonl"

# --quiet is grep -q: a match is success even when another input is missing, before or after
# the matching one (issue 17, item 20).
printf '{"event":"hit","level":"error"}\n' >"$WORK/hit.jsonl"
expect_status "--quiet: missing input first, then a match" 0 "$LOGMOJI" --quiet -l error "$WORK/none.jsonl" "$WORK/hit.jsonl"
expect_status "--quiet: a match, then a missing input" 0 "$LOGMOJI" --quiet -l error "$WORK/hit.jsonl" "$WORK/none.jsonl"
expect_status "--quiet: no match and a missing input" 2 "$LOGMOJI" --quiet -l critical "$WORK/none.jsonl" "$WORK/hit.jsonl"
finish
