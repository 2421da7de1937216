#!/usr/bin/env bash
# Compressed inputs are recognised by their magic bytes, from files and from standard input.
. "$(dirname "$0")/common.sh" "$@"

for i in $(seq 1 3000); do printf '{"event":"line %d","level":"info","n":%d}\n' "$i" "$i"; done >"$WORK/app.jsonl"
"$LOGMOJI" --color never "$WORK/app.jsonl" >"$WORK/plain.out"

check_format() {
  local name=$1 tool=$2
  if ! command -v "${tool%% *}" >/dev/null; then echo "$tool not installed: $name skipped"; return; fi
  $tool <"$WORK/app.jsonl" >"$WORK/app.$name"
  expect_status "$name file" 0 "$LOGMOJI" --color never "$WORK/app.$name"
  if cmp -s "$WORK/out" "$WORK/plain.out"; then pass; else fail "$name file: output differs from the plain file"; fi
  "$LOGMOJI" --color never <"$WORK/app.$name" >"$WORK/out"
  if cmp -s "$WORK/out" "$WORK/plain.out"; then pass; else fail "$name on standard input"; fi
}
check_format gz "gzip -c"
check_format zst "zstd -q -c"
check_format xz "xz -c"
check_format bz2 "bzip2 -c"

# Concatenated members (cat a.gz b.gz) are one stream.
head -n 10 "$WORK/app.jsonl" | gzip -c >"$WORK/two.gz"
tail -n 5 "$WORK/app.jsonl" | gzip -c >>"$WORK/two.gz"
expect_eq "concatenated gzip members" "$("$LOGMOJI" -c "$WORK/two.gz")" "15"

# The name does not decide: a plain file called .gz, a gzip file called .jsonl.
cp "$WORK/app.jsonl" "$WORK/plain.gz"
expect_eq "plain file named .gz" "$("$LOGMOJI" -c "$WORK/plain.gz")" "3000"
gzip -c "$WORK/app.jsonl" >"$WORK/hidden.jsonl"
expect_eq "gzip file named .jsonl" "$("$LOGMOJI" -c "$WORK/hidden.jsonl")" "3000"

# A corrupt or truncated archive: everything decodable is shown, then an error naming the file.
gzip -c "$WORK/app.jsonl" | head -c 8000 >"$WORK/cut.gz"
expect_status "truncated gzip" 2 "$LOGMOJI" --color never "$WORK/cut.gz"
expect_contains "truncated gzip message" "$WORK/err" "logmoji: '$WORK/cut.gz': unexpected end of compressed data"
lines=$(wc -l <"$WORK/out")
if [ "$lines" -gt 100 ]; then pass; else fail "the decodable part is shown ($lines lines)"; fi
# The last decoded line is cut in the middle: it is shown as a raw line, the rest as usual.
expect_eq "the shown part is a prefix of the plain output" \
  "$(head -n $((lines - 1)) "$WORK/plain.out" | cmp - <(head -n $((lines - 1)) "$WORK/out") && echo same)" "same"
{ printf '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03'; head -c 100 /dev/urandom; } >"$WORK/junk.gz"
expect_status "corrupt gzip" 2 "$LOGMOJI" "$WORK/junk.gz"
expect_contains "corrupt gzip message" "$WORK/err" "logmoji: '$WORK/junk.gz': corrupt gzip data"
expect_status "other inputs still read after a corrupt one" 2 "$LOGMOJI" -c "$WORK/junk.gz" "$WORK/app.jsonl"
expect_eq "count after a corrupt input" "$(cat "$WORK/out")" "3000"

finish
