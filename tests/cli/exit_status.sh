#!/usr/bin/env bash
# Exit status matrix (docs/design.md#exit-status): 0 done, 1 a selection matched nothing, 2 errors.
. "$(dirname "$0")/common.sh" "$@"

printf '%s\n' '{"event":"a","level":"info"}' '{"event":"b","level":"error"}' >"$WORK/app.jsonl"

expect_status "no selection" 0 "$LOGMOJI" --color never "$WORK/app.jsonl"
expect_status "selection matched" 0 "$LOGMOJI" -l error "$WORK/app.jsonl"
expect_status "selection matched nothing" 1 "$LOGMOJI" -l critical "$WORK/app.jsonl"
# Without -l nothing is hidden by its level, not even an event ranked NOTSET (below trace).
printf '%s\n' '{"event":"zero","level":"notset"}' >"$WORK/notset.jsonl"
expect_status "no filter: a NOTSET event" 0 "$LOGMOJI" --color never "$WORK/notset.jsonl"
expect_contains "no filter: the NOTSET event is shown" "$WORK/out" "zero"
expect_status "no filter: a NOTSET event counted" 0 "$LOGMOJI" --count "$WORK/notset.jsonl"
expect_eq "no filter: the NOTSET event's count" "$(cat "$WORK/out")" "1"
expect_status "-l trace hides a NOTSET event" 1 "$LOGMOJI" -l trace "$WORK/notset.jsonl"
expect_status "module levels select nothing" 1 "$LOGMOJI" --module-levels 'unnamed:CRITICAL' "$WORK/app.jsonl"
: >"$WORK/empty.jsonl"
expect_status "empty input, no selection" 0 "$LOGMOJI" "$WORK/empty.jsonl"
expect_status "empty input, selection" 1 "$LOGMOJI" -l info "$WORK/empty.jsonl"

# -g '' is a selection that matches every message, as grep '' matches every line: an empty
# input is 1 (it was 0, the pattern dropped), an event without a message is not selected.
expect_status "empty input, -g ''" 1 "$LOGMOJI" -g '' "$WORK/empty.jsonl"
expect_status "empty input, -g '^'" 1 "$LOGMOJI" -g '^' "$WORK/empty.jsonl"
printf '%s\n' '{"event":"a"}' '{"n":1}' '{"event":""}' >"$WORK/messages.jsonl"
expect_eq "-g '' selects every event with a message" "$("$LOGMOJI" -c -g '' "$WORK/messages.jsonl")" "2"
expect_eq "-g '' -v selects the others" "$("$LOGMOJI" -c -v -g '' "$WORK/messages.jsonl")" "1"
printf 'grep = ""\n' >"$WORK/grep.toml"
expect_status "grep = \"\" in the file is a selection" 1 "$LOGMOJI" --config "$WORK/grep.toml" "$WORK/empty.jsonl"
# Values that name nothing are errors, not dropped without a word.
names_no_key() {
  expect_status "$1 '$2'" 2 "$LOGMOJI" "$1" "$2" "$WORK/app.jsonl"
  expect_contains "$1 '$2': message" "$WORK/err" "'$2' names no key"
}
names_no_key -k ''
names_no_key -x ''
names_no_key -k ,
for path in . a. .a a..b; do
  expect_status "-k $path" 2 "$LOGMOJI" -o json -k "event,$path" "$WORK/app.jsonl"
  expect_contains "-k $path: message" "$WORK/err" "logmoji: --keys: '$path' has an empty part"
done
# An empty logger prefix starts every name: --logger '' selected every event, those without a
# logger too, and --exclude-logger '' none.
for option in --logger --exclude-logger; do
  expect_status "$option ''" 2 "$LOGMOJI" "$option" '' "$WORK/app.jsonl"
  expect_contains "$option '': message" "$WORK/err" "logmoji: $option: '' names no logger"
done
printf 'exclude-logger = ["app", ""]\n' >"$WORK/loggers.toml"
expect_status "exclude-logger = [\"app\", \"\"] in the file" 2 "$LOGMOJI" --config "$WORK/loggers.toml" "$WORK/app.jsonl"
expect_contains "exclude-logger in the file: where" "$WORK/err" "loggers.toml:1: --exclude-logger: '' names no logger"
expect_status "--time-format ''" 2 "$LOGMOJI" --time-format '' "$WORK/app.jsonl"
expect_contains "--time-format '': message" "$WORK/err" "logmoji: --time-format: an empty format shows no time"
# A width strftime pads to a megabyte with: the column came out empty without a word.
expect_status "--time-format %1000000Y" 2 "$LOGMOJI" --time-format '%1000000Y' "$WORK/app.jsonl"
expect_contains "--time-format %1000000Y: message" "$WORK/err" "logmoji: --time-format: a conversion's width is at most 64"
expect_status "--time-format %64Y %%100Y" 0 "$LOGMOJI" --time-format '%64Y %%100Y' "$WORK/app.jsonl"
printf 'keys = [""]\n' >"$WORK/keys.toml"
expect_status "keys = [\"\"] in the file" 2 "$LOGMOJI" --config "$WORK/keys.toml" "$WORK/app.jsonl"
expect_contains "keys = [\"\"] in the file: where" "$WORK/err" "keys.toml:1:"
expect_status "missing file among good ones" 2 "$LOGMOJI" --color never "$WORK/nope.jsonl" "$WORK/app.jsonl"
expect_contains "missing file message" "$WORK/err" "logmoji: '$WORK/nope.jsonl': No such file or directory"
expect_eq "the good file is still shown" "$(wc -l <"$WORK/out")" "2"
expect_status "directory argument" 2 "$LOGMOJI" "$WORK"
expect_contains "directory message" "$WORK/err" "Is a directory"

expect_status "unknown level" 2 "$LOGMOJI" -l loud "$WORK/app.jsonl"
expect_contains "unknown level message" "$WORK/err" "logmoji: --level: unknown level 'loud'"
if grep -q "did you mean" "$WORK/err"; then fail "a word near no level gets no suggestion"; else pass; fi
# A misspelt level gets the suggestion -q gives for it (queries.sh), from the level table.
expect_status "misspelt level" 2 "$LOGMOJI" -l errror "$WORK/app.jsonl"
expect_contains "misspelt level: suggestion" "$WORK/err" "logmoji: --level: unknown level 'errror': did you mean 'error'?"
expect_status "misspelt level of the wider table" 2 "$LOGMOJI" -l NOTCE "$WORK/app.jsonl"
expect_contains "misspelt level of the wider table: suggestion" "$WORK/err" "did you mean 'notice'?"
# --module-levels refuses an item it cannot read (PROVIDE_LOG_MODULE_LEVELS skips it, as the
# library does): a typo would otherwise switch a logger's threshold off without a word.
expect_status "misspelt module level" 2 "$LOGMOJI" --module-levels 'app:INFO,db:errror' "$WORK/app.jsonl"
expect_contains "misspelt module level: message" "$WORK/err" \
  "logmoji: --module-levels: 'db:errror' has an unknown level 'errror': did you mean 'error'?"
expect_status "module level item without a colon" 2 "$LOGMOJI" --module-levels 'app' "$WORK/app.jsonl"
expect_contains "module level item without a colon: message" "$WORK/err" "'app' is not PREFIX:LEVEL"
expect_status "module levels take every level name" 0 "$LOGMOJI" --module-levels 'unnamed:verbose,' "$WORK/app.jsonl"
# The good item after it still applies: nothing reaches CRITICAL (1), where an error would be 2.
PROVIDE_LOG_MODULE_LEVELS='unnamed:eror,unnamed:CRITICAL' expect_status "the environment's bad item is skipped" 1 \
  "$LOGMOJI" --foundation "$WORK/app.jsonl"
expect_status "unknown option" 2 "$LOGMOJI" --bogus "$WORK/app.jsonl"
expect_contains "unknown option message" "$WORK/err" "logmoji: "
expect_status "mistyped option" 2 "$LOGMOJI" --colr always "$WORK/app.jsonl"
expect_contains "the closest option is suggested" "$WORK/err" "did you mean --color?"
expect_status "bad --color value" 2 "$LOGMOJI" --color sometimes "$WORK/app.jsonl"
# Option errors in logmoji's words, naming the option as --help does (CLI11 said "At Most 1
# required but received 2", "Value  not in range 1 to 256", "1 required TEXT missing").
option_error() {  # option_error MESSAGE ARGS...
  local message=$1; shift
  expect_status "$*" 2 "$LOGMOJI" --no-config "$@"
  expect_eq "$*: message" "$(cat "$WORK/err")" "logmoji: $message (see logmoji --help)"
}
option_error "-o/--output given twice" -o json -o json "$WORK/app.jsonl"
option_error "-l/--level given twice" -l info --level error "$WORK/app.jsonl"
option_error "--color/--colour given twice" --color never --colour always "$WORK/app.jsonl"
option_error "--config given twice" --config a.toml --config b.toml "$WORK/app.jsonl"
option_error "--threads given 3 times" --threads 1 --threads 2 --threads 3 "$WORK/app.jsonl"
option_error "--threads: expected a number from 1 to 256, got ''" --threads '' "$WORK/app.jsonl"
option_error "--threads: expected a number from 1 to 256, got '0'" --threads 0 "$WORK/app.jsonl"
option_error "--after-context: expected a number from 0 to 100000, got 'x'" -A x "$WORK/app.jsonl"
option_error "-l/--level needs a value (LEVEL)" "$WORK/app.jsonl" -l
expect_status "help" 0 "$LOGMOJI" --help
expect_contains "help shows usage" "$WORK/out" "Usage:"
expect_contains "help shows examples" "$WORK/out" "Examples:"
expect_status "version" 0 "$LOGMOJI" --version
expect_contains "version text" "$WORK/out" "logmoji "

# --help, --version and --generate fail like any output when it cannot be written.
for flag in --help --version --generate=man; do
  if [ -w /dev/full ]; then
    "$LOGMOJI" "$flag" >/dev/full 2>"$WORK/err"
    expect_eq "$flag into a full disk (exit status)" "$?" "2"
    expect_contains "$flag into a full disk: message" "$WORK/err" "logmoji: write error: No space left on device"
  fi
  "$LOGMOJI" "$flag" >&- 2>"$WORK/err"
  expect_eq "$flag with standard output closed (exit status)" "$?" "2"
  expect_contains "$flag with standard output closed: message" "$WORK/err" "logmoji: write error"
done

# -n takes N, +K or all: -1 and '' would mean every line, and are refused.
for n in -1 '' abc 1.5; do
  expect_status "-n '$n'" 2 "$LOGMOJI" -n "$n" "$WORK/app.jsonl"
  expect_contains "-n '$n': message" "$WORK/err" "logmoji: -n/--tail: expected N, +K or all, got '$n'"
done
expect_status "-n 0" 0 "$LOGMOJI" --color never -n 0 "$WORK/app.jsonl"
expect_status "--tail=5" 0 "$LOGMOJI" --color never --tail=5 "$WORK/app.jsonl"
for opt in --since --until; do
  expect_status "$opt ''" 2 "$LOGMOJI" "$opt" '' "$WORK/app.jsonl"
  expect_contains "$opt '': message" "$WORK/err" "logmoji: $opt: cannot read '' as a time"
done

# User text echoed in a message is escaped: ESC, BEL and C1 (U+009B) never reach the terminal.
raw_controls() { LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$1"; }
hostile() {  # hostile NAME EXPECTED-IN-STDERR ARGS...
  local name=$1 expected=$2; shift 2
  expect_status "$name" 2 "$LOGMOJI" --no-config "$@" "$WORK/app.jsonl"
  expect_contains "$name: escaped" "$WORK/err" "$expected"
  expect_eq "$name: no raw control bytes" "$(raw_controls "$WORK/err")" "0"
}
hostile "query with BEL" "--query: unexpected character '\x07' at column 3" -q $'a \a b'
hostile "query with C1 in a field name" "after 'x\x9b'" -q $'x\xc2\x9b'
hostile "query with a bad regex" "bad regular expression: missing ): (\x1b\x07\x9b" -q $'message ~ "(\e\a\xc2\x9b"'
hostile "grep with a bad regex" "--grep: missing ): (\x1b\x07\x9b" -g $'(\e\a\xc2\x9b'
hostile "unknown option" "--\x1b[31m" $'--\e[31m'
hostile "bad --color value" "unknown value '\x1b\x07\x9b'" --color $'\e\a\xc2\x9b'
hostile "bad --since" "--since: cannot read '\x1b\x07\x9b'" --since $'\e\a\xc2\x9b'
hostile "bad --theme" "--theme: unknown theme '\x1b\x07\x9b'" --theme $'\e\a\xc2\x9b'
hostile "bad -n" "got '\x1b\x07\x9b'" -n $'\e\a\xc2\x9b'

name=$'bad\x1b]0;title\x07name'
expect_status "hostile file name" 2 "$LOGMOJI" "$WORK/$name"
expect_contains "file name escaped in messages" "$WORK/err" 'bad\x1b]0;title\x07name'
if grep -q $'\x1b' "$WORK/err"; then fail "raw ESC in stderr"; else pass; fi

finish
