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
# -c counts each input, as grep -c: the corrupt one had no event before its damage.
expect_eq "count after a corrupt input" "$(cat "$WORK/out")" "$(printf '%s\n' "$WORK/junk.gz:0" "$WORK/app.jsonl:3000")"

# Damaged in the middle (issue 17): everything decoded before the damage is shown, the line the
# damage cuts too, then an error naming the file; with the parallel reader and with one thread.
# The count to match is what the format's own tool prints before it gives up.
awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "{\"event\":\"line %d\",\"level\":\"info\",\"n\":%d}\n", i, i }' >"$WORK/big.jsonl"
damage() {  # damage FILE OFFSET: flips 8 bytes in place
  printf '\xa5\xa5\xa5\xa5\xa5\xa5\xa5\xa5' | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
lines_shown_by() {  # lines_shown_by TOOL FILE: lines the tool decodes, an unterminated last one too
  $1 -dc <"$2" 2>/dev/null | awk 'END { print NR }'
}
thread_option() { [ "$1" = default ] || echo "--threads $1"; }
check_damaged() {  # check_damaged NAME TOOL FILE: logmoji shows what TOOL recovers, then fails
  local name=$1 tool=$2 file=$3 expected threads
  expected=$(lines_shown_by "$tool" "$file")
  for threads in default 1; do
    expect_status "damaged $name, --threads $threads" 2 "$LOGMOJI" --color never $(thread_option $threads) "$file"
    expect_eq "damaged $name, --threads $threads: lines shown" "$(wc -l <"$WORK/out")" "$expected"
    expect_contains "damaged $name, --threads $threads: message" "$WORK/err" "logmoji: '$file': corrupt $name data"
  done
  if [ "$expected" -gt 0 ]; then pass; else fail "damaged $name: the test damage leaves nothing to recover"; fi
}
if command -v gzip >/dev/null; then
  gzip -c "$WORK/big.jsonl" >"$WORK/damaged.gz" && damage "$WORK/damaged.gz" 50000
  check_damaged gzip gzip "$WORK/damaged.gz"
fi
if command -v xz >/dev/null; then
  xz -c "$WORK/big.jsonl" >"$WORK/damaged.xz" && damage "$WORK/damaged.xz" 9000
  check_damaged xz xz "$WORK/damaged.xz"
fi
if command -v bzip2 >/dev/null; then
  # Blocks of 100 kB: the damage is in a later block, the ones before it are recoverable.
  bzip2 -1 -c "$WORK/big.jsonl" >"$WORK/damaged.bz2" && damage "$WORK/damaged.bz2" 30000
  check_damaged bzip2 bzip2 "$WORK/damaged.bz2"
fi
if command -v zstd >/dev/null; then
  # zstd -dc drops the output it holds when it meets the damage; at a frame boundary it holds
  # none, so the damage goes in the second of two frames.
  head -n 10000 "$WORK/big.jsonl" | zstd -q -c >"$WORK/damaged.zst"
  tail -n 10000 "$WORK/big.jsonl" | zstd -q -c >"$WORK/second.zst" && damage "$WORK/second.zst" 30
  cat "$WORK/second.zst" >>"$WORK/damaged.zst"
  check_damaged zstd zstd "$WORK/damaged.zst"
  # Within one frame logmoji shows at least as much as zstd -dc.
  zstd -q -c "$WORK/big.jsonl" >"$WORK/one-frame.zst" && damage "$WORK/one-frame.zst" 12000
  expect_status "damaged zstd frame" 2 "$LOGMOJI" --color never "$WORK/one-frame.zst"
  shown=$(wc -l <"$WORK/out") recovered=$(lines_shown_by zstd "$WORK/one-frame.zst")
  if [ "$shown" -ge "$recovered" ] && [ "$recovered" -gt 0 ]; then pass; else fail "damaged zstd frame: $shown lines shown, zstd -dc $recovered"; fi
fi

# Magic bytes are a hint: text that merely starts with them is text (exit 0, every line).
printf 'BZh is how this text starts\n{"event":"then an event","level":"info"}\nlast line\n' >"$WORK/bzh.txt"
printf '\x1f\x8b and gzip magic\nsecond\n' >"$WORK/gzmagic.txt"
for threads in default 1; do
  expect_status "text starting with BZh, --threads $threads" 0 "$LOGMOJI" --color never $(thread_option $threads) "$WORK/bzh.txt"
  expect_eq "text starting with BZh, --threads $threads: lines" "$(wc -l <"$WORK/out")" "3"
  expect_contains "text starting with BZh: first line as it is" "$WORK/out" "BZh is how this text starts"
  "$LOGMOJI" --color never $(thread_option $threads) <"$WORK/bzh.txt" >"$WORK/stdin.out" 2>"$WORK/err"
  expect_eq "text starting with BZh on standard input, --threads $threads" "$?:$(cat "$WORK/err")" "0:"
  if cmp -s "$WORK/out" "$WORK/stdin.out"; then pass; else fail "text starting with BZh: standard input differs from the file"; fi
  expect_status "text starting with gzip magic, --threads $threads" 0 "$LOGMOJI" --color never $(thread_option $threads) "$WORK/gzmagic.txt"
  expect_eq "text starting with gzip magic: lines" "$(wc -l <"$WORK/out")" "2"
done

# A damaged or cut archive is reported even when its decoder refused the header before taking
# any of the binary bytes after it (they were judged by what the decoder took: read as text,
# exit 0). zstd's skippable frame may start a file (pzstd writes one before every frame).
printf '{"event":"line %s"}\n' 1 2 3 >"$WORK/three.log"
bzip2 -c "$WORK/three.log" >"$WORK/three.bz2"
python3 -c "import sys; d = bytearray(open(sys.argv[1], 'rb').read()); d[4] ^= 1; sys.stdout.buffer.write(d)" \
  "$WORK/three.bz2" >"$WORK/header.bz2"
expect_status "bzip2 with a damaged block header" 2 "$LOGMOJI" -c "$WORK/header.bz2"
expect_contains "bzip2 with a damaged block header: reported" "$WORK/err" "header.bz2': corrupt bzip2 data"
for cut in 5 8 11; do
  head -c "$cut" "$WORK/three.bz2" >"$WORK/cut.bz2"
  expect_status "bzip2 cut to $cut bytes" 2 "$LOGMOJI" -c "$WORK/cut.bz2"
done
if command -v zstd >/dev/null; then
  zstd -q -c "$WORK/three.log" >"$WORK/three.zst"
  python3 -c "import sys; d = bytearray(open(sys.argv[1], 'rb').read()); d[4] |= 8; sys.stdout.buffer.write(d)" \
    "$WORK/three.zst" >"$WORK/header.zst"
  expect_status "zstd with a damaged frame header" 2 "$LOGMOJI" -c "$WORK/header.zst"
  # Cut to 5 or 6 bytes, what follows the magic is "$" or "$9": text, as far as anyone can tell.
  for cut in 4 7; do
    head -c "$cut" "$WORK/three.zst" >"$WORK/cut.zst"
    expect_status "zstd cut to $cut bytes" 2 "$LOGMOJI" -c "$WORK/cut.zst"
    expect_contains "zstd cut to $cut bytes: reported" "$WORK/err" "unexpected end of compressed data"
  done
  # A skippable frame, then the frame: as pzstd writes them (magic 0x184D2A5E, 4 bytes of data).
  { printf '\x5e\x2a\x4d\x18\x04\x00\x00\x00\x10\x00\x00\x00'; cat "$WORK/three.zst"; } >"$WORK/skippable.zst"
  expect_status "zstd starting with a skippable frame" 0 "$LOGMOJI" -o raw "$WORK/skippable.zst"
  expect_eq "zstd starting with a skippable frame: every line" "$(tr '\n' ,<"$WORK/out")" "line 1,line 2,line 3,"
  expect_eq "zstd starting with a skippable frame: zstd agrees" "$(zstd -dc "$WORK/skippable.zst" | wc -l)" "3"
fi

# Zero bytes after the data are padding (tar, dd), as gzip -dc takes them; other bytes are not.
gzip -c "$WORK/app.jsonl" >"$WORK/padded.gz" && head -c 4096 /dev/zero >>"$WORK/padded.gz"
expect_status "gzip with zero padding" 0 "$LOGMOJI" --color never "$WORK/padded.gz"
if cmp -s "$WORK/out" "$WORK/plain.out"; then pass; else fail "gzip with zero padding: output differs from the plain file"; fi
printf 'notes\n' >>"$WORK/padded.gz"
expect_status "gzip with trailing garbage" 2 "$LOGMOJI" -c "$WORK/padded.gz"
expect_eq "gzip with trailing garbage: the data is all counted" "$(cat "$WORK/out")" "3000"
expect_contains "gzip with trailing garbage: message" "$WORK/err" "logmoji: '$WORK/padded.gz': trailing garbage after the compressed data"

# UTF-16 with a byte order mark (either order) reads like the same text in UTF-8.
if command -v iconv >/dev/null; then
  for order in LE BE; do
    { [ $order = LE ] && printf '\xff\xfe' || printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16$order "$WORK/app.jsonl"; } >"$WORK/utf16$order.jsonl"
    expect_status "UTF-16$order" 0 "$LOGMOJI" --color never "$WORK/utf16$order.jsonl"
    if cmp -s "$WORK/out" "$WORK/plain.out"; then pass; else fail "UTF-16$order: output differs from the UTF-8 file"; fi
    expect_eq "UTF-16$order: nothing said" "$(cat "$WORK/err")" ""
    # Compressed too (a Windows service's log, rotated): the mark comes out of the decompressor
    # (the decoded bytes were shown raw, every event hidden).
    for z in gzip zstd xz bzip2; do
      $z -c -q "$WORK/utf16$order.jsonl" >"$WORK/utf16$order.z"
      expect_status "UTF-16$order, $z" 0 "$LOGMOJI" --color never "$WORK/utf16$order.z"
      if cmp -s "$WORK/out" "$WORK/plain.out"; then pass; else fail "UTF-16$order, $z: output differs from the UTF-8 file"; fi
    done
    gzip -c "$WORK/utf16$order.jsonl" | "$LOGMOJI" --color never >"$WORK/out" 2>"$WORK/err"
    if cmp -s "$WORK/out" "$WORK/plain.out"; then pass; else fail "UTF-16$order, gzip from a pipe: output differs"; fi
  done
  # Cut: what was decoded ends as a line (the decompressor's one-byte line end was taken for half
  # a UTF-16 unit), then the failure.
  gzip -c "$WORK/utf16LE.jsonl" | head -c 200 >"$WORK/utf16-cut.gz"
  expect_status "UTF-16, gzip cut" 2 "$LOGMOJI" -o raw "$WORK/utf16-cut.gz"
  expect_eq "UTF-16, gzip cut: the output ends a line" "$(tail -c 1 "$WORK/out" | od -An -c | tr -d ' ')" '\n'
  expect_contains "UTF-16, gzip cut: said" "$WORK/err" "unexpected end of compressed data"
fi
# An unpaired surrogate is no character: shown as U+FFFD, and said (it was silent, even in
# -o json, whose lines are otherwise as read).
printf '\xff\xfe{\0"\0m\0"\0:\0"\0\x00\xd8"\0}\0\n\0' >"$WORK/surrogate.jsonl"
expect_status "UTF-16 with an unpaired surrogate" 0 "$LOGMOJI" -o json "$WORK/surrogate.jsonl"
expect_eq "UTF-16 with an unpaired surrogate: U+FFFD" "$(cat "$WORK/out")" '{"m":"�"}'
expect_contains "UTF-16 with an unpaired surrogate: said" "$WORK/err" \
  "surrogate.jsonl': 1 UTF-16 code unit is no character (an unpaired surrogate or an odd last byte): shown as U+FFFD"
expect_status "UTF-16 with an unpaired surrogate, -s: quiet" 0 "$LOGMOJI" -s -o json "$WORK/surrogate.jsonl"
expect_eq "UTF-16 with an unpaired surrogate, -s: nothing said" "$(cat "$WORK/err")" ""

finish
