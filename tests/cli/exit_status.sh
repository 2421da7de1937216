#!/usr/bin/env bash
# Exit status matrix (docs/design.md#exit-status): 0 done, 1 a selection matched nothing, 2 errors.
. "$(dirname "$0")/common.sh" "$@"

printf '%s\n' '{"event":"a","level":"info"}' '{"event":"b","level":"error"}' >"$WORK/app.jsonl"

expect_status "no selection" 0 "$LOGMOJI" --color never "$WORK/app.jsonl"
expect_status "selection matched" 0 "$LOGMOJI" -l error "$WORK/app.jsonl"
expect_status "selection matched nothing" 1 "$LOGMOJI" -l critical "$WORK/app.jsonl"
expect_status "module levels select nothing" 1 "$LOGMOJI" --module-levels 'unnamed:CRITICAL' "$WORK/app.jsonl"
: >"$WORK/empty.jsonl"
expect_status "empty input, no selection" 0 "$LOGMOJI" "$WORK/empty.jsonl"
expect_status "empty input, selection" 1 "$LOGMOJI" -l info "$WORK/empty.jsonl"

expect_status "missing file among good ones" 2 "$LOGMOJI" --color never "$WORK/nope.jsonl" "$WORK/app.jsonl"
expect_contains "missing file message" "$WORK/err" "logmoji: '$WORK/nope.jsonl': No such file or directory"
expect_eq "the good file is still shown" "$(wc -l <"$WORK/out")" "2"
expect_status "directory argument" 2 "$LOGMOJI" "$WORK"
expect_contains "directory message" "$WORK/err" "Is a directory"

expect_status "unknown level" 2 "$LOGMOJI" -l verbose "$WORK/app.jsonl"
expect_contains "unknown level message" "$WORK/err" "logmoji: --level: unknown level 'verbose'"
expect_status "unknown option" 2 "$LOGMOJI" --bogus "$WORK/app.jsonl"
expect_contains "unknown option message" "$WORK/err" "logmoji: "
expect_status "mistyped option" 2 "$LOGMOJI" --colr always "$WORK/app.jsonl"
expect_contains "the closest option is suggested" "$WORK/err" "did you mean --color?"
expect_status "bad --color value" 2 "$LOGMOJI" --color sometimes "$WORK/app.jsonl"
expect_status "help" 0 "$LOGMOJI" --help
expect_contains "help shows usage" "$WORK/out" "Usage:"
expect_contains "help shows examples" "$WORK/out" "Examples:"
expect_status "version" 0 "$LOGMOJI" --version
expect_contains "version text" "$WORK/out" "logmoji "

name=$'bad\x1b]0;title\x07name'
expect_status "hostile file name" 2 "$LOGMOJI" "$WORK/$name"
expect_contains "file name escaped in messages" "$WORK/err" 'bad\x1b]0;title\x07name'
if grep -q $'\x1b' "$WORK/err"; then fail "raw ESC in stderr"; else pass; fi

finish
