#!/usr/bin/env bash
# The colour decision (docs/design.md#terminal-safety, docs/reliability.md C8).
. "$(dirname "$0")/common.sh" "$@"

printf '{"event":"hi","level":"info"}\n' >"$WORK/a.jsonl"
has_color() { grep -q $'\x1b\\[' "$WORK/out"; }
run() { "$@" >"$WORK/out" 2>"$WORK/err"; }

run "$LOGMOJI" "$WORK/a.jsonl"
if has_color; then fail "auto into a pipe must not colour"; else pass; fi
run "$LOGMOJI" --color always "$WORK/a.jsonl"
if has_color; then pass; else fail "--color always"; fi
run env FORCE_COLOR=1 "$LOGMOJI" "$WORK/a.jsonl"
if has_color; then pass; else fail "FORCE_COLOR=1 forces colour"; fi
run env CLICOLOR_FORCE=1 "$LOGMOJI" "$WORK/a.jsonl"
if has_color; then pass; else fail "CLICOLOR_FORCE=1 forces colour"; fi
run env FORCE_COLOR=0 "$LOGMOJI" "$WORK/a.jsonl"
if has_color; then fail "FORCE_COLOR=0 does not force"; else pass; fi
run env NO_COLOR=1 FORCE_COLOR=1 "$LOGMOJI" "$WORK/a.jsonl"
if has_color; then fail "NO_COLOR wins over FORCE_COLOR"; else pass; fi
run env NO_COLOR=1 "$LOGMOJI" --color always "$WORK/a.jsonl"
if has_color; then pass; else fail "--color always wins over NO_COLOR"; fi
run env FORCE_COLOR=1 "$LOGMOJI" --color never "$WORK/a.jsonl"
if has_color; then fail "--color never wins over FORCE_COLOR"; else pass; fi

# FORCE_COLOR and CLICOLOR_FORCE force colour when set to anything but an empty string, 0 or
# false (force-color.org: any value that is not empty; Node's supports-color: 0 and false are
# off), and the man page says so (it named 0 alone).
for var in FORCE_COLOR CLICOLOR_FORCE; do
  for value in '' 0 false; do
    run env "$var=$value" "$LOGMOJI" "$WORK/a.jsonl"
    if has_color; then fail "$var='$value' does not force"; else pass; fi
  done
  for value in 1 true no 3; do
    run env "$var=$value" "$LOGMOJI" "$WORK/a.jsonl"
    if has_color; then pass; else fail "$var=$value forces colour"; fi
  done
done
page=$(cd "$(dirname "$0")/../.." && pwd)/man/logmoji.1
expect_eq "the man page says which values force colour" \
  "$(sed -n '/^\.BR FORCE_COLOR ", " CLICOLOR_FORCE$/,/^\.TP$/p' "$page" | tr '\n' ' ')" \
  '.BR FORCE_COLOR ", " CLICOLOR_FORCE When set to anything but an empty string, .B 0 or .BR false , colours in auto mode even into a pipe. .TP '

# Input labels are coloured in the outputs people read, -o raw too, as grep colours file names;
# the JSON outputs' labels (--label) stay plain. -o raw's labels were never coloured.
printf '{"event":"there","level":"info"}\n' >"$WORK/b.jsonl"
run "$LOGMOJI" --color always -o raw "$WORK/a.jsonl" "$WORK/b.jsonl"
if has_color; then pass; else fail "-o raw --color always: coloured labels"; fi
expect_eq "-o raw --color always: the messages stay plain" "$(sed 's/.*│ //' "$WORK/out")" "hi"$'\n'"there"
run env FORCE_COLOR=1 "$LOGMOJI" -o raw "$WORK/a.jsonl" "$WORK/b.jsonl"
if has_color; then pass; else fail "-o raw, FORCE_COLOR=1: coloured labels"; fi
run "$LOGMOJI" -o raw "$WORK/a.jsonl" "$WORK/b.jsonl"
if has_color; then fail "-o raw into a pipe: plain labels"; else pass; fi
run "$LOGMOJI" --color always -o json --label "$WORK/a.jsonl" "$WORK/b.jsonl"
if has_color; then fail "-o json --label --color always: plain labels"; else pass; fi

# On a real terminal (script(1) gives us a pty): coloured unless TERM=dumb or NO_COLOR.
if command -v script >/dev/null; then
  TERM=xterm script -qec "$LOGMOJI --paging never $WORK/a.jsonl" /dev/null >"$WORK/out" </dev/null
  if has_color; then pass; else fail "a terminal gets colour"; fi
  TERM=dumb script -qec "$LOGMOJI --paging never $WORK/a.jsonl" /dev/null >"$WORK/out" </dev/null
  if has_color; then fail "TERM=dumb means no colour"; else pass; fi
  TERM=xterm NO_COLOR=1 script -qec "$LOGMOJI --paging never $WORK/a.jsonl" /dev/null >"$WORK/out" </dev/null
  if has_color; then fail "NO_COLOR on a terminal"; else pass; fi
else
  echo "script(1) not found: terminal checks skipped"
fi

finish
