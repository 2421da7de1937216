#!/usr/bin/env bash
# The configuration file: where it is found, option defaults under the command line, logger
# prefixes, event sets, themes, errors with file:line, --print-config reading back the same.
. "$(dirname "$0")/common.sh" "$@"

printf '%s\n' \
  '{"timestamp":"2026-11-25 10:00:00","level":"error","event":"charge","logger":"payment.api","payment_status":"FAILED"}' \
  '{"timestamp":"2026-11-25 10:00:01","level":"debug","event":"tick","logger":"clock"}' >"$WORK/a.jsonl"
run() { "$@" >"$WORK/out" 2>"$WORK/err"; }

mkdir -p "$XDG_CONFIG_HOME/logmoji"
cat >"$XDG_CONFIG_HOME/logmoji/config.toml" <<'TOML'
level = "info"
omit-timestamp = true
logger-emoji = "off"
TOML

# Found in $XDG_CONFIG_HOME; its defaults act like the flags.
run "$LOGMOJI" "$WORK/a.jsonl"
expect_eq "XDG config: level and omit-timestamp" "$(cat "$WORK/out")" \
  "[error    ] charge                         [payment.api] payment_status=FAILED"
# The command line wins over the file.
run "$LOGMOJI" -l debug "$WORK/a.jsonl"
expect_eq "-l beats the file's level" "$(wc -l <"$WORK/out")" "2"
# --utc and --local exclude each other: the command line's choice is not overridden.
printf 'utc = true\n' >"$WORK/utc.toml"
run "$LOGMOJI" --config "$WORK/utc.toml" --local --print-config
expect_contains "--local beats utc = true" "$WORK/out" "utc = false"
run "$LOGMOJI" --config "$WORK/utc.toml" --print-config
expect_contains "utc = true applies" "$WORK/out" "utc = true"
# --no-config reads nothing.
run "$LOGMOJI" --no-config "$WORK/a.jsonl"
expect_eq "--no-config" "$(wc -l <"$WORK/out")" "2"
# Without XDG_CONFIG_HOME: ~/.config.
mkdir -p "$WORK/home/.config/logmoji"
printf 'level = "error"\nlogger-emoji = "off"\n' >"$WORK/home/.config/logmoji/config.toml"
run env -u XDG_CONFIG_HOME HOME="$WORK/home" "$LOGMOJI" "$WORK/a.jsonl"
expect_eq "~/.config/logmoji/config.toml" "$(wc -l <"$WORK/out")" "1"
# The default place lying where no file can be (~/.config a file) is no configuration; it was
# an error that stopped every run. (So is one that cannot be searched, as under sudo -u nobody
# with another user's HOME: EACCES, which root cannot produce here.)
mkdir -p "$WORK/filehome" && : >"$WORK/filehome/.config"
run env -u XDG_CONFIG_HOME HOME="$WORK/filehome" "$LOGMOJI" "$WORK/a.jsonl"
expect_eq "~/.config a file: no configuration, no error" "$(wc -l <"$WORK/out"):$(cat "$WORK/err")" "2:"

# LOGMOJI_CONFIG and --config name a file that must exist; --config wins over the variable.
cat >"$WORK/mine.toml" <<'TOML'
theme = "mine"
color = "always"
time-format = "%H:%M"

[logger-prefixes]
payment = "💳"

[themes.mine]
timestamp = "bright_black"
levels.error = "bold #ff5555"

[[event-sets]]
name = "payments"
priority = 95

[[event-sets.mappings]]
name = "payment_status"
default = "💰"
markers = { succeeded = "✅", failed = "❌" }
metadata.failed = { alert = true }
TOML
run env LOGMOJI_CONFIG="$WORK/mine.toml" "$LOGMOJI" "$WORK/a.jsonl"
line=$(head -n1 "$WORK/out")
expect_eq "theme, prefix, event set and metadata" "$line" \
  $'\e[90m10:00\e[0m [\e[1m\e[38;2;255;85;85merror    \e[0m] \e[1m[❌] 💳 charge                \e[0m [\e[0m\e[1m\e[34mpayment.api\e[0m]\e[0m \e[36malert\e[0m=\e[35mTrue\e[0m \e[36mpayment_status\e[0m=\e[35mFAILED\e[0m'
run env LOGMOJI_CONFIG="$WORK/mine.toml" "$LOGMOJI" --config "$XDG_CONFIG_HOME/logmoji/config.toml" "$WORK/a.jsonl"
expect_eq "--config wins over LOGMOJI_CONFIG" "$(head -n1 "$WORK/out")" \
  "[error    ] charge                         [payment.api] payment_status=FAILED"
expect_status "LOGMOJI_CONFIG naming a missing file" 2 env LOGMOJI_CONFIG="$WORK/missing.toml" "$LOGMOJI" "$WORK/a.jsonl"
expect_contains "missing file named" "$WORK/err" "logmoji: $WORK/missing.toml: cannot read the configuration"
# An empty --config names no file; it used to fall back to the default places silently.
expect_status "--config ''" 2 "$LOGMOJI" --config "" "$WORK/a.jsonl"
expect_contains "--config '': said" "$WORK/err" "--config: an empty path names no file"
expect_status "--theme on the command line" 0 "$LOGMOJI" --config "$WORK/mine.toml" --theme plain "$WORK/a.jsonl"
if grep -q $'\e\\[90m' "$WORK/out"; then fail "--theme plain beats the file's theme"; else pass; fi
run "$LOGMOJI" --config "$WORK/mine.toml" --emoji-matrix
expect_contains "the matrix lists the user's prefix" "$WORK/out" "💳 payment"
expect_contains "the matrix lists the user's event set" "$WORK/out" "Event set payments (priority 95)"
# Its columns line up by the cells a terminal draws: by code points an emoji with a variation
# selector (🌬️, 🛠️) took a cell less than 🤖 beside it.
expect_eq "the matrix's marker column lines up" "$(python3 - "$WORK/out" <<'PY'
import sys, unicodedata
def cells(text):
    n = 0
    for i, c in enumerate(text):
        if c in "\ufe0f\u200d": continue
        wide = unicodedata.east_asian_width(c) in "WF" or text[i + 1:i + 2] == "\ufe0f"
        n += 2 if wide else 1
    return n
columns = {cells(l[:l.rindex("  + ")]) for l in open(sys.argv[1], encoding="utf-8") if l.startswith("    ") and "  + " in l}
print(len(columns))
PY
)" 1

# --print-config reads back to the same configuration.
run "$LOGMOJI" --config "$WORK/mine.toml" -l warning --print-config
cp "$WORK/out" "$WORK/printed.toml"
expect_contains "printed level (from the command line)" "$WORK/printed.toml" 'level = "warning"'
run "$LOGMOJI" --config "$WORK/printed.toml" --print-config
expect_eq "--print-config round trip" "$(grep -v '^#' "$WORK/out")" "$(grep -v '^#' "$WORK/printed.toml")"
run "$LOGMOJI" --config "$WORK/printed.toml" "$WORK/a.jsonl"
expect_eq "the printed file renders the same" "$(cat "$WORK/out")" \
  "$("$LOGMOJI" --config "$WORK/mine.toml" -l warning "$WORK/a.jsonl")"

# Every long option can be set in the file except those that direct the run itself; -v, --raw
# and -A/-B/-C are settings like the others (they could not be set before).
"$LOGMOJI" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$WORK/long_options"
while read -r name; do
  name=${name#--}
  printf '%s = true\n' "$name" >"$WORK/one.toml"
  "$LOGMOJI" --config "$WORK/one.toml" --print-config >/dev/null 2>"$WORK/err"
  case $name in
    config | no-config | print-config | emoji-matrix | help | version)
      expect_contains "'$name' cannot be set" "$WORK/err" "unknown setting '$name'" ;;
    *) if grep -q "unknown setting" "$WORK/err"; then fail "'$name' cannot be set in the file"; else pass; fi ;;
  esac
done <"$WORK/long_options"
# Every setting the file can take is written by --print-config, set on the command line or in
# the file alike, and reads back the same. The keys come from --help (the option table), so a
# new option without a sample value here fails.
declare -A sample=(
  [input]=json [max-line-size]=64K [merge]= [follow]= [tail]=+3 [label]= [no-label]= [threads]=3
  [strict]= [field]=time=when [foundation]= [logger-emoji]=off [logger-prefix]=pay=💳 [no-mask]=
  [no-markers]= [level]=error [module-levels]=db:error [query]='n>0' [logger]=payment
  [exclude-logger]=health [grep]= [invert-match]= [raw]=show [after-context]=2 [before-context]=3
  [context]=4 [ignore-case]= [since]=1h [until]=today [utc]= [local]= [output]=json [keys]=a
  [hide]=b [time-format]=%H [paging]=never [count]= [stats]= [quiet]= [no-messages]= [color]=never
  [colour]=always [omit-timestamp]= [theme]=plain
)
# Switches: given without a value on the command line, `= true` in the file. grep's sample is
# the empty pattern, which is a setting too.
switches=" merge follow label no-label strict foundation no-mask no-markers invert-match ignore-case utc local count stats quiet no-messages omit-timestamp "
printed() { "$LOGMOJI" "$@" --print-config 2>&1 | grep -v '^#'; }
printed --no-config >"$WORK/defaults.toml"
while read -r name; do
  name=${name#--}
  case $name in config | no-config | print-config | emoji-matrix | help | version) continue ;; esac
  if [ -z "${sample[$name]+set}" ]; then fail "--$name has no sample value in tests/cli/config.sh"; continue; fi
  if [[ $switches == *" $name "* ]]; then
    args=("--$name") toml="$name = true"
  else
    args=("--$name" "${sample[$name]}") toml="$name = \"${sample[$name]}\""
  fi
  printed --no-config "${args[@]}" >"$WORK/cli.toml"
  printf '%s\n' "$toml" >"$WORK/one.toml"
  if cmp -s "$WORK/cli.toml" "$WORK/defaults.toml"; then fail "--print-config leaves --$name out"; else pass; fi
  expect_eq "$name set in the file prints as on the command line" "$(printed --config "$WORK/one.toml")" \
    "$(cat "$WORK/cli.toml")"
  grep -v '^#' "$WORK/cli.toml" >"$WORK/saved.toml"
  expect_eq "$name reads back the same" "$(printed --config "$WORK/saved.toml")" "$(cat "$WORK/cli.toml")"
done <"$WORK/long_options"
# --foundation's preset and PROVIDE_LOG_* are not the user's settings: the printed file leaves
# them to the run that reads it (it froze level = "warning" and the variable's level).
printf 'foundation = true\n' >"$WORK/f.toml"
foundation_run() { env "$1" "$LOGMOJI" --config "$2" --color never "$WORK/a.jsonl"; }
for level in PROVIDE_LOG_LEVEL=DEBUG UNSET=; do
  env "$level" "$LOGMOJI" --config "$WORK/f.toml" --print-config >"$WORK/fprinted.toml"
  if grep -Eq '^(level|module-levels|logger-emoji) =' "$WORK/fprinted.toml"; then
    fail "with $level the preset's or the variable's values are printed as settings"
  else pass; fi
  for later in PROVIDE_LOG_LEVEL=ERROR PROVIDE_LOG_LEVEL=DEBUG UNSET=; do
    expect_eq "printed with $level, read with $later" "$(foundation_run "$later" "$WORK/fprinted.toml")" \
      "$(foundation_run "$later" "$WORK/f.toml")"
  done
done
PROVIDE_LOG_OMIT_TIMESTAMP=true "$LOGMOJI" --config "$WORK/f.toml" --print-config >"$WORK/fprinted.toml"
expect_contains "PROVIDE_LOG_OMIT_TIMESTAMP is no setting" "$WORK/fprinted.toml" "omit-timestamp = false"
printf 'foundation = true\nlevel = "error"\nlogger-emoji = "off"\n' >"$WORK/f.toml"
PROVIDE_LOG_LEVEL=DEBUG "$LOGMOJI" --config "$WORK/f.toml" --print-config >"$WORK/fprinted.toml"
expect_contains "the user's level is printed" "$WORK/fprinted.toml" 'level = "error"'
expect_contains "the user's logger-emoji is printed" "$WORK/fprinted.toml" 'logger-emoji = "off"'
# Relative times stay relative: a fixed instant would select something else tomorrow.
for when in 1h today 10:00 "yesterday 18:00" "2 days ago"; do
  printf 'since = "%s"\n' "$when" >"$WORK/when.toml"
  run "$LOGMOJI" --config "$WORK/when.toml" --until "$when" --print-config
  expect_contains "since = \"$when\" as written" "$WORK/out" "since = \"$when\""
  expect_contains "--until '$when' as written" "$WORK/out" "until = \"$when\""
done
printf '%s\n' '{"level":"info","event":"a"}' '{"level":"info","event":"b"}' '{"level":"error","event":"c"}' \
  '{"level":"info","event":"d"}' '{"level":"info","event":"e"}' >"$WORK/ctx.jsonl"
shown() { "$LOGMOJI" --config "$WORK/sel.toml" --color never "$@" "$WORK/ctx.jsonl" | awk '{printf "%s ", $NF}'; }
printf 'context = 1\n' >"$WORK/sel.toml"
expect_eq "context = 1" "$(shown -l error)" "b c d "
expect_eq "-A 0 beats the file's context for after" "$(shown -l error -A 0)" "b c "
printf 'context = 1\nafter-context = 2\n' >"$WORK/sel.toml"
expect_eq "after-context beats context in the same file" "$(shown -l error)" "b c d e "
expect_eq "-C 0 on the command line beats the file's after-context" "$(shown -l error -C 0)" "c "
printf 'invert-match = true\n' >"$WORK/sel.toml"
expect_eq "invert-match = true" "$(shown -l error)" "a b d e "
printf 'raw = "hide"\n' >"$WORK/sel.toml"
printf 'a raw line\n' | cat - "$WORK/ctx.jsonl" >"$WORK/raw.jsonl"
"$LOGMOJI" --config "$WORK/sel.toml" --color never "$WORK/raw.jsonl" >"$WORK/out"
expect_eq "raw = \"hide\"" "$(head -n 1 "$WORK/out")" "[info     ] a"
printf 'invert-match = true\nraw = "show"\ncontext = 3\nafter-context = 1\n' >"$WORK/sel.toml"
run "$LOGMOJI" --config "$WORK/sel.toml" --print-config
cp "$WORK/out" "$WORK/printed3.toml"
expect_contains "printed invert-match" "$WORK/printed3.toml" "invert-match = true"
expect_contains "printed raw" "$WORK/printed3.toml" 'raw = "show"'
expect_contains "printed before-context" "$WORK/printed3.toml" "before-context = 3"
expect_contains "printed after-context" "$WORK/printed3.toml" "after-context = 1"
run "$LOGMOJI" --config "$WORK/printed3.toml" --print-config
expect_eq "selection settings read back the same" "$(grep -v '^#' "$WORK/out")" "$(grep -v '^#' "$WORK/printed3.toml")"

# Settings are UTF-8 (TOML holds nothing else), so what --print-config writes reads back the
# same; control characters are written as escapes and come back as themselves.
expect_status "a setting that is not UTF-8" 2 "$LOGMOJI" --no-config --grep $'caf\xe9' --print-config
expect_eq "is refused, naming the option" "$(cat "$WORK/err")" "logmoji: --grep: 'caf\xe9' is not UTF-8 text"
expect_status "a file name that is not UTF-8 is not a setting" 2 "$LOGMOJI" --no-config "$WORK/"$'\xff'
expect_contains "and is reported as a file" "$WORK/err" "No such file or directory"
run "$LOGMOJI" --no-config --grep $'caf\u00e9 \t\x1b' --logger $'\xc2\x9bx' --print-config
cp "$WORK/out" "$WORK/printed2.toml"
expect_contains "escapes in the printed file" "$WORK/printed2.toml" 'grep = "café \u0009\u001b"'
run "$LOGMOJI" --config "$WORK/printed2.toml" --print-config
expect_eq "read back, the same settings" "$(grep -v '^#' "$WORK/out")" "$(grep -v '^#' "$WORK/printed2.toml")"

if [ -w /dev/full ]; then
  "$LOGMOJI" --config "$WORK/mine.toml" --print-config >/dev/full 2>"$WORK/err"
  expect_eq "--print-config into a full disk fails" "$?" "2"
  expect_contains "and says so" "$WORK/err" "logmoji: write error"
fi

# Bad configurations: file:line, the fix where there is one, exit 2, nothing rendered.
bad() {  # bad NAME LINE-EXPECTED-IN-STDERR TOML
  printf '%s\n' "$3" >"$WORK/bad.toml"
  expect_status "$1" 2 "$LOGMOJI" --config "$WORK/bad.toml" "$WORK/a.jsonl"
  expect_contains "$1: message" "$WORK/err" "logmoji: $WORK/bad.toml:$2"
  expect_eq "$1: no output" "$(cat "$WORK/out")" ""
}
bad "TOML syntax" "2: " $'level = "info"\nx = ['
bad "unknown setting with a suggestion" "1: unknown setting 'colr'; did you mean 'color'?" 'colr = "always"'
bad "bad enum value" "1: --color: unknown value 'purple' (choose auto, always, never)" 'color = "purple"'
bad "bad level" "2: --level: unknown level 'loud'" $'color = "never"\nlevel = "loud"'
bad "bad query" "1: --query: " 'query = "level >> 3"'
bad "switch given a string" "1: 'follow' is a switch: write follow = true" 'follow = "yes"'
bad "value given a boolean" "1: 'output' takes a value" 'output = true'
bad "not configurable" "1: unknown setting 'config'" 'config = "x.toml"'
bad "bad style" "2: unknown style word 'purplish'" $'[themes.x]\nkey = "purplish"'
bad "unknown theme element" "2: unknown theme element 'keys'" $'[themes.x]\nkeys = "red"'
bad "unknown theme" "1: --theme: unknown theme 'nope' (themes: foundation, plain)" 'theme = "nope"'
bad "an empty time" "1: --since: cannot read '' as a time" 'since = ""'
bad "a tail that is not a number" "1: -n/--tail: expected N, +K or all, got '-1'" 'tail = "-1"'
# The user's text in a message is escaped: ESC, BEL and C1 (U+009B) never reach the terminal.
bad "control characters in a query" "1: --query: unexpected character '\x07'" 'query = "a \u0007 \u001b[31m b"'
bad "control characters in a regex" "1: --grep: missing ): (\x07\x1b\x9b" 'grep = "(\u0007\u001b\u009b"'
bad "control characters in a style" "2: unknown style word '\x1b[31m\x07\x9b'" $'[themes.x]\nkey = "bold \\u001b[31m\\u0007\\u009b"'
bad "event set without a name" "1: an event set needs a name" $'[[event-sets]]\npriority = 3'
bad "unknown key in a mapping" "4: unknown key 'marker'" $'[[event-sets]]\nname = "x"\n[[event-sets.mappings]]\nmarker = {}'
bad "control character in a marker" "4: a marker must be printable text" $'[[event-sets]]\nname = "x"\n[[event-sets.mappings]]\nmarkers = { a = "\\u001b[31m" }'
bad "emoji with a space" "2: the emoji of 'a' must be one printable word" $'[logger-prefixes]\na = "two words"'
# Settings that exclude each other on the command line do in the file too (the first one won),
# whatever the command line gives; a switch set to false is no setting.
bad "count and stats" "2: 'stats' and 'count' (line 1) exclude each other" $'count = true\nstats = true'
bad "utc and local" "3: 'local' and 'utc' (line 1) exclude each other" $'utc = true\nlevel = "info"\nlocal = true'
bad "label and no-label" "2: 'no-label' and 'label' (line 1) exclude each other" $'label = true\nno-label = true'
bad "color and colour" "2: 'colour' sets the same as 'color' (line 1)" $'color = "never"\ncolour = "always"'
printf 'count = true\nstats = true\n' >"$WORK/both.toml"
expect_status "count and stats with --stats given" 2 "$LOGMOJI" --config "$WORK/both.toml" --stats "$WORK/a.jsonl"
printf 'label = true\nno-label = false\nutc = false\nlocal = true\n' >"$WORK/both.toml"
expect_status "a switch set to false excludes nothing" 0 "$LOGMOJI" --config "$WORK/both.toml" "$WORK/a.jsonl"
# An empty list is the key left out (CLI11 said "Could not convert: --logger = "); a list of
# several for a single value and a bad number are said in logmoji's words.
for key in logger query field hide level exclude-logger keys; do
  printf '%s = []\n' "$key" >"$WORK/empty.toml"
  expect_status "$key = [] is no setting" 0 "$LOGMOJI" --config "$WORK/empty.toml" "$WORK/a.jsonl"
  expect_eq "$key = []: nothing said" "$(cat "$WORK/err")" ""
  expect_eq "$key = []: not printed" "$("$LOGMOJI" --config "$WORK/empty.toml" --print-config | grep -v '^#')" \
    "$("$LOGMOJI" --no-config --print-config | grep -v '^#')"
done
bad "a list for a single value" "1: 'level' takes one value, not a list of 2" 'level = ["info", "debug"]'
bad "an empty number" "1: --threads: expected a number from 1 to 256, got ''" 'threads = ""'
bad "an empty list for a switch" "1: 'merge' is a switch: write merge = true" 'merge = []'
# A key path of 250,000 parts crashed toml++ (a recursion per part); a header of 300,000 too.
deep=$(python3 -c 'print("a" + ".a" * 250000)')
bad "a key of 250,000 dotted parts" "1: a key path of more than 256 dotted parts" "$deep = 1"
bad "a table header of 300,000 parts" "2: a key path of more than 256 dotted parts" $'level = "info"\n'"[$deep.$deep]"
bad "dots in quoted keys are not parts" "1: unknown setting '$(printf '.%.0s' {1..300})'" "\"$(printf '.%.0s' {1..300})\" = 1"
expect_status "an endless --config" 2 "$LOGMOJI" --config /dev/zero "$WORK/a.jsonl"
expect_contains "an endless --config: message" "$WORK/err" "logmoji: /dev/zero: the configuration is larger than 1 MiB"
expect_status "a directory as --config" 2 "$LOGMOJI" --config "$WORK" "$WORK/a.jsonl"
expect_contains "a directory as --config: message" "$WORK/err" "Is a directory"
# A file name with an escape sequence is shown escaped.
evil="$WORK/"$'\e[31mbad.toml'
printf 'x = [\n' >"$evil"
expect_status "syntax error in a file with an escape in its name" 2 "$LOGMOJI" --config "$evil" "$WORK/a.jsonl"
expect_contains "its name escaped" "$WORK/err" '\x1b[31mbad.toml:1: '
if grep -q $'\e' "$WORK/err"; then fail "config file name escaped"; else pass; fi

finish
