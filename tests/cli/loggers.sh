#!/usr/bin/env bash
# Logs written by real logging libraries (tests/loggers/LIBRARY/output.jsonl) read as a demanding
# user expects: every cell of docs/loggers.md's table (level, time, message, logger, stack, -l,
# --since, -o json) is computed here from the real binary against LIBRARY/expect, written by hand
# as the right answer. The test fails when the table in docs/loggers.md differs from what the
# binary does (UPDATE_DOCS=1 rewrites it), when a ✘ cell has no written reason in the expect
# file, or when the pretty rendering of a log differs from LIBRARY/pretty.out (UPDATE_GOLDEN=1
# rewrites those; review the diff).
#
# expect file, one `key = value` a line, `#` starts a comment:
#   event = RANK | LOGGER | MESSAGE   one per input line, in order; RANK is the level's place in
#                                     trace < debug < info < warning < error < critical
#   first_time, last_time = YYYY-MM-DD HH:MM:SS[.fff]   the first and last event's time, UTC
#   stack = TOKEN | TOKEN | ...       text of successive frames of the `order failed` stack
#   reason.COLUMN = TEXT              why COLUMN is ✘ today (shown in the doc's notes)
. "$(dirname "$0")/common.sh" "$@"
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$root/tests/loggers
doc=$root/docs/loggers.md
ranks=(trace debug info warning error critical)

run() { "$LOGMOJI" --no-config "$@"; }

# The expect file $expect, read once per library in the shell (a sed per look-up was most of
# the test's time): value_of[KEY] holds its values, each ending in a newline.
declare -A value_of
read_expect() {
  local line
  value_of=()
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^([^[:space:]=#]+)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    line=${BASH_REMATCH[2]}
    value_of[${BASH_REMATCH[1]}]+="${line%"${line##*[![:space:]]}"}"$'\n'
  done <"$expect"
}
# Values of KEY in the expect file, one per line, trimmed.
values() { printf '%s' "${value_of[$1]:-}"; }
# Field N (1-based: rank, logger, message) of every `event` line, read once per library.
event_field() { cat "$WORK/event$1"; }
split_events() {
  values event | awk -F'|' -v dir="$WORK" '{ for (n = 1; n <= 3; n++) { f = $n; gsub(/^ +| +$/, "", f); print f > (dir "/event" n) } }'
}
declare -A rank_of
for i in "${!ranks[@]}"; do rank_of[${ranks[$i]}]=$i; done

# The input lines whose expected rank is at least $1 ($event_ranks: one rank index a line).
lines_at_least() {
  awk -v min="${rank_of[$1]}" 'NR == FNR { keep[NR] = $1 >= min; next } keep[FNR]' \
    <(printf '%s\n' "${event_ranks[@]}") "$as_read"
}

# Each check prints nothing when the cell is ✔, and what differs when it is ✘.

# Every event ranks where its library puts it: -l T selects as many events as are at T or above.
check_level() {
  local t r expected selected
  for t in debug info warning error; do
    expected=0
    for r in "${event_ranks[@]}"; do [ "$r" -ge "${rank_of[$t]}" ] && expected=$((expected + 1)); done
    mapfile -t selected <"$WORK/json-$t"
    [ ${#selected[@]} = "$expected" ] || echo "-l $t selects ${#selected[@]} events, expected $expected"
  done
}

# The time of every event is read: --stats names the first and last ones (to the precision the
# expectation is written with), and every event's pretty line starts with its date.
check_time() {
  local first last which want got dated
  first=$(values first_time) last=$(values last_time)
  for which in first last; do
    if [ $which = first ]; then want=$first; else want=$last; fi
    got=$(sed -n "s/^$which timestamp *//p" "$WORK/stats")
    [ "${got:0:${#want}}" = "$want" ] || echo "$which timestamp '$got', expected '$want'"
  done
  dated=$(grep -c "^${first:0:10}" "$WORK/pretty")
  [ "$dated" = "$events" ] || echo "$dated of $events events show their date"
}

# -o raw prints each event's message (it may go on: winston appends the error's text).
check_message() {
  run -o raw --no-markers --logger-emoji off "$log" 2>&1 |
    awk 'NR == FNR { want[FNR] = $0; n = FNR; next }
      FNR <= n && index($0, want[FNR]) != 1 { printf "event %d: message \"%.60s\", expected \"%s\"\n", FNR, $0, want[FNR] }
      END { if (FNR < n) printf "%d messages for %d events\n", FNR, n }' "$WORK/event3" -
}

# The logger of every event (--stats counts per logger) and --logger selecting the child's.
check_logger() {
  local want got child
  want=$(event_field 2 | sort | uniq -c | awk '{ print $2, $1 }' | sort)
  got=$(sed -n '/^by logger/,$p' "$WORK/stats" | sed 1d | awk '/^  / { print $1, $2 }' | sort)
  [ "$got" = "$want" ] || echo "--stats loggers '$(tr '\n' ' ' <<<"$got")', expected '$(tr '\n' ' ' <<<"$want")'"
  child=$(event_field 2 | awk 'NR == 1 { first = $0 } $0 != first { print; exit }')
  if [ -n "$child" ]; then
    want=$(event_field 2 | grep -cFx -- "$child")
    got=$(run -c --logger "$child" "$log" 2>&1)
    [ "$got" = "$want" ] || echo "--logger $child selects $got events, expected $want"
  fi
}

# The stack of `order failed` is printed below the event, one frame per line, in order; and the
# JSON outputs keep it.
check_stack() {
  local -a out tokens
  local line=0 n token found= first=
  mapfile -t out <"$WORK/pretty"
  for n in "${!out[@]}"; do [[ ${out[n]} == *"order failed"* ]] && { line=$((n + 1)); break; }; done
  [ "$line" -gt 0 ] || { echo "no 'order failed' event"; return; }
  # (In the shell, not an awk per frame: this check was the test's dearest.)
  IFS='|' read -ra tokens <<<"$(values stack | tr '\n' '|')"
  for token in "${tokens[@]}"; do
    token=${token#"${token%%[! ]*}"} token=${token%"${token##*[! ]}"}
    [ -n "$first" ] || first=$token
    found=
    for ((n = line; n < ${#out[@]}; n++)); do
      [[ -n $token && ${out[n]} == *"$token"* && ${out[n]} != *"order failed"* ]] && { found=$((n + 1)); break; }
    done
    if [ -z "$found" ]; then echo "frame '$token' not on a line of its own after line $line"; return; fi
    line=$found
  done
  run -o json-enriched "$log" 2>&1 | grep -qF -- "$first" || echo "-o json-enriched loses '$first'"
}

# -l error and -l warning select exactly the input lines at those ranks, as written.
check_filter() {
  local t
  for t in error warning; do
    cmp -s "$WORK/json-$t" <(lines_at_least "$t") ||
      echo "-o json -l $t: not exactly the $(lines_at_least "$t" | wc -l) lines at $t or above"
  done
}

# --since the day of the log selects every event, --since the next day none.
check_since() {
  local day next got
  day=$(values first_time | cut -c1-10)
  next=$(date -u -d "$day + 1 day" +%F)
  got=$(run -c --since "$day" "$log" 2>&1)
  [ "$got" = "$events" ] || echo "--since $day selects $got of $events events"
  got=$(run -c --since "$next" "$log" 2>&1)
  [ "$got" = 0 ] || echo "--since $next selects $got events, expected 0"
}

# -o json copies every line as read, and -g on the message `request handled` selects its line.
check_json() {
  local message n
  cmp -s <(run -o json "$log" 2>&1) "$as_read" || echo "-o json does not reproduce the input"
  message="request handled"
  n=$(event_field 3 | grep -nFx -- "$message" | head -1 | cut -d: -f1)
  cmp -s <(run -o json -g "^$message\$" "$log" 2>&1) <(sed -n "${n}p" "$as_read") ||
    echo "-o json -g '^$message\$' does not select exactly input line $n"
}

checks_for=(check_level check_time check_message check_logger check_stack check_filter check_since check_json)
reason_key=(level time message logger stack filter since json)

# The pretty rendering, compared with the approved one.
check_golden() {
  local golden=$fixtures/$library/pretty.out
  run --color never "$log" >"$WORK/golden" 2>&1
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$WORK/golden" "$golden"; fi
  if cmp -s "$WORK/golden" "$golden"; then pass; else
    fail "$library: pretty output differs from $golden (UPDATE_GOLDEN=1 to approve)"
    diff "$golden" "$WORK/golden" | head -10
  fi
}

# Under ASan + UBSan (test.sh's second pass) every way the table reads a log runs once over all
# the fixtures together, each library's log an input of its own, instead of once per library:
# the same lines through the same options, 12 starts instead of about 240, and an ASan start
# costs 0.15 s of CPU (docs/testing.md, "Stop 24"). What the cells say is checked in the release
# pass above; here a sanitizer report (abort_on_error: a non-zero status), a message, or a line
# lost fails.
if sanitized; then
  logs=("$fixtures"/*/output.jsonl)
  total=$(cat "${logs[@]}" | wc -l)
  # OPTIONS|LINES: LINES is the output's line count where it is known (one per input line).
  for spec in "-o json -l debug|" "-o json -l info|" "-o json -l warning|" "-o json -l error|" "--stats|" \
    "--color never --no-markers|" "--color never|" "-o raw --no-markers --logger-emoji off|$total" \
    "-o json-enriched|$total" "-o json|$total" "-o json -g ^request.handled\$|${#logs[@]}" \
    "-c --logger app --logger main --since 2020-01-01|${#logs[@]}"; do
    IFS='|' read -r options lines <<<"$spec"
    # shellcheck disable=SC2086  # options are several words
    run $options "${logs[@]}" >"$WORK/out" 2>"$WORK/err"
    expect_eq "every fixture, $options: exit status" "$?" 0
    expect_eq "every fixture, $options: no message" "$(head -c 300 "$WORK/err")" ""
    [ -z "$lines" ] || expect_eq "every fixture, $options: lines" "$(wc -l <"$WORK/out" | tr -d ' ')" "$lines"
  done
  # -c names each input with its count: every line of every fixture is an event.
  run -c "${logs[@]}" >"$WORK/out" 2>&1
  expect_eq "every fixture, -c: each input's events" "$(cat "$WORK/out")" \
    "$(for log in "${logs[@]}"; do echo "$log:$(wc -l <"$log" | tr -d ' ')"; done)"
  finish
  exit
fi

table=$WORK/table.md
printf '%s\n' '| library | version | level | time | message | logger | stack | `-l` | `--since` | `-o json` | why not ✔ |' \
  '|---|---|---|---|---|---|---|---|---|---|---|' >"$table"

for expect in "$fixtures"/*/expect; do
  library=$(basename "$(dirname "$expect")")
  log=$fixtures/$library/output.jsonl
  # The input's lines as read: a line ends before its \n or \r\n (log4j2's JsonLayout writes
  # \r\n; docs/reliability.md A3), and -o json writes it with \n.
  as_read=$WORK/as_read
  sed 's/\r$//' "$log" >"$as_read"
  read_expect
  events=$(values event | wc -l)
  split_events
  mapfile -t event_ranks < <(awk -v names="${ranks[*]}" 'BEGIN { n = split(names, r, " "); for (i = 1; i <= n; i++) index_of[r[i]] = i - 1 }
    { print ($0 in index_of) ? index_of[$0] : -1 }' "$WORK/event1")
  [[ " ${event_ranks[*]} " != *" -1 "* ]] || fail "$library: an event's rank is none of ${ranks[*]}"
  for t in debug info warning error; do run -o json -l "$t" "$log" >"$WORK/json-$t" 2>&1; done
  run --stats "$log" >"$WORK/stats" 2>&1
  run --color never --no-markers "$log" >"$WORK/pretty" 2>&1
  expect_eq "$library: one expected event per input line" "$events" "$(wc -l <"$log" | tr -d ' ')"
  version=$(awk -v l="$library" '$1 == l { print $2 " (" $3 ")" }' "$fixtures/VERSIONS")
  row="| $library | $version |" notes=()
  for i in "${!checks_for[@]}"; do
    problem=$("${checks_for[$i]}")
    reason=$(values "reason.${reason_key[$i]}")
    if [ -z "$problem" ]; then
      row+=" ✔ |"
    else
      row+=" ✘ |"
      [ "${VERBOSE:-}" = 1 ] && echo "$library ${reason_key[$i]}: $problem"
      if [ -n "$reason" ]; then pass; else
        fail "$library: ${reason_key[$i]} is ✘ without a reason.${reason_key[$i]} in $expect: $problem"
      fi
      notes+=("${reason_key[$i]}: ${reason:-${problem%%$'\n'*}}")
    fi
  done
  joined=$(printf '%s; ' "${notes[@]}")
  [ ${#notes[@]} -gt 0 ] || joined=''
  echo "$row ${joined%; } |" >>"$table"
  check_golden
done

# docs/loggers.md holds the table between its two markers.
begin='<!-- table: tests/cli/loggers.sh writes it (UPDATE_DOCS=1) -->' end='<!-- end of table -->'
awk -v b="$begin" -v e="$end" -v t="$table" '
  $0 == b { print; while ((getline line < t) > 0) print line; skipping = 1; next }
  $0 == e { skipping = 0 }
  !skipping { print }' "$doc" >"$WORK/loggers.md"
if [ "${UPDATE_DOCS:-}" = 1 ]; then cp "$WORK/loggers.md" "$doc"; fi
if cmp -s "$WORK/loggers.md" "$doc"; then pass; else
  fail "docs/loggers.md's table is not what the binary does (UPDATE_DOCS=1 to regenerate)"
  diff "$doc" "$WORK/loggers.md" | head -20
fi
expect_eq "the table is in docs/loggers.md once" "$(grep -cxF -- "$begin" "$doc")" "1"
# An application's field named like another alias of a role beside the library's own key
# (tests/loggers/field-clashes, docs/fields.md "Families"): the library's key keeps the role.
clashes=$fixtures/field-clashes
expect_eq "python-json-logger: a time extra is no time (all four in December 2026)" \
  "$(run -c --since 2026-12-01 "$clashes/python-json-logger-time-level.jsonl")" 4
expect_eq "python-json-logger: a level extra is no level" \
  "$(run -o raw -l warning "$clashes/python-json-logger-time-level.jsonl" | tr '\n' ,)" "job failed,low battery,"
expect_eq "python-json-logger: an event extra is no message" \
  "$(run -o raw "$clashes/python-json-logger-event.jsonl" | tr '\n' ,)" "user signed up,charge failed,"
expect_eq "python-json-logger: -g reads the message" "$(run -c -g 'charge failed' "$clashes/python-json-logger-event.jsonl")" 1
expect_eq "pino and winston: an event field is no message" \
  "$(run -o raw "$clashes/pino-winston.jsonl" | sed -n '1p;9p' | tr '\n' ,)" "user signed up,winston user signed up,"
expect_eq "pino: a timestamp field is not pino's time (all in December 2026)" \
  "$(run -c --since 2026-12-01 "$clashes/pino-winston.jsonl")" 10
expect_eq "zap: a time field is not zap's ts" "$(run -c --since 2026-12-01 "$clashes/zap.jsonl")" 2
expect_eq "zerolog's short names t, l, m" "$(run -o raw -l error "$clashes/zerolog-short-names.jsonl")" "it failed"
# Stacks inside lists of errors (tests/loggers/stacks-in-lists): each below the event, not
# escaped on its line.
lists=$fixtures/stacks-in-lists
run --color never "$lists/pino-aggregate-error.jsonl" >"$WORK/agg"
expect_eq "pino AggregateError: each error's stack below" "$(grep -c '^Error: a failed$\|^RangeError: b failed$' "$WORK/agg")" 2
expect_eq "pino AggregateError: no stack on the event line" "$(head -n1 "$WORK/agg" | grep -c 'at Object')" 0
run --color never "$lists/zap-errors.jsonl" >"$WORK/zap-errs"
expect_eq "zap Errors: errorVerbose below, labelled by its path" "$(grep -c '^  errs\[0\].errorVerbose:$' "$WORK/zap-errs")" 1
expect_eq "zap Errors: not on the event line" "$(head -n1 "$WORK/zap-errs" | grep -c errorVerbose)" 0
# structlog's SyntaxError (tests/loggers/structlog-exceptions): its file, line and caret below
# the frames, as Python prints them.
run --color never "$fixtures/structlog-exceptions/structlog-syntax-error.jsonl" >"$WORK/syntax"
expect_eq "structlog SyntaxError: the line and a caret under its offset" \
  "$(sed -n '/^  File "rules\/discount.py", line 2$/,$p' "$WORK/syntax" | tr '\n' ,)" \
  '  File "rules/discount.py", line 2,    total = = 42,            ^,SyntaxError: invalid syntax (discount.py, line 2),'
# structlog's max_frames: the placeholder frame between the kept ones, as Python brackets frames
# it leaves out.
expect_eq "structlog max_frames: the skipped frames in brackets, between the kept ones" \
  "$(run --color never "$fixtures/structlog-exceptions/structlog-max-frames.jsonl" | sed -n 4,6p | cut -c1-22 | tr '\n' ,)" \
  '  File "/work/main/tes,  [Skipped frames: 4],  File "/work/main/tes,'
# Stacks after the first below an event are labelled with their path (pino's AggregateError).
expect_eq "pino AggregateError: each error's stack after its path" \
  "$(grep -c '^  err.aggregateErrors\[[01]\].stack:$' "$WORK/agg")" 2
# Time layouts besides RFC 3339 (tests/loggers/time-layouts): every one read as a time.
layouts=$fixtures/time-layouts
expect_eq "zerolog's and winston's time layouts are read as times" \
  "$(cat "$layouts"/*.jsonl | run -c --since 2026-12-04T00:00:00Z --until 2026-12-05T00:00:00Z)" 7
expect_eq "... and shown in the column's one layout" \
  "$(run --utc --color never --no-label "$layouts"/*.jsonl | cut -c1-17 | sort -u | tr '\n' ,)" "2026-12-04 22:28:,2026-12-04 22:29:,"
# Shapes typed by hand from the libraries' sources and tests (tests/loggers/hand-written/README.md:
# no library wrote them): Serilog's JsonFormatter, .NET's JSON console, Go's slog and log15 levels,
# pino's custom levels.
hand=$fixtures/hand-written
for f in serilog-json-formatter serilog-json-formatter-rendered dotnet-json-console; do
  expect_eq "$f: -l error finds the errors" "$(run -c -l error "$hand/$f.jsonl")" \
    "$(grep -c '"\(Level\|LogLevel\)":"\(Error\|Fatal\|Critical\)"' "$hand/$f.jsonl")"
  expect_eq "$f: every event has its time" "$(run -c --since 2026-12-04T22:29:07Z --until 2026-12-04T22:29:08Z "$hand/$f.jsonl")" \
    "$(wc -l <"$hand/$f.jsonl" | tr -d ' ')"
  expect_eq "$f: the logger is SourceContext or Category" "$(run -c --logger App.Http "$hand/$f.jsonl")" \
    "$(grep -c '"\(SourceContext\|Category\)":"App.Http"' "$hand/$f.jsonl")"
done
expect_eq "Serilog JsonFormatter: the template is the message" \
  "$(run -o raw "$hand/serilog-json-formatter.jsonl" | sed -n 2p)" "service started on port {Port}"
expect_eq "Serilog JsonFormatter: RenderedMessage when it is written" \
  "$(run -o raw "$hand/serilog-json-formatter-rendered.jsonl" | sed -n 2p)" "service started on port 8080"
expect_eq ".NET JSON console: Message is the message" "$(run -o raw -l critical "$hand/dotnet-json-console.jsonl")" "shutting down"
expect_eq ".NET JSON console: Trace is below debug" "$(run -c -l debug "$hand/dotnet-json-console.jsonl")" 6
# JsonConsoleFormatter joins an exception's lines with spaces (unindented JSON): below, split again.
expect_eq ".NET JSON console: the joined exception below, a frame a line" \
  "$(run --color never -l error "$hand/dotnet-json-console.jsonl" | sed -n 2,5p | tr '\n' ,)" \
  '  Exception:,    System.InvalidOperationException: order 42 failed,       at App.Orders.Charge(Int32 id) in /src/App/Orders.cs:line 31,       at App.Program.Main(String[] args) in /src/App/Program.cs:line 18,'
# docs/loggers.md "Shown once": State's properties are pairs, its Message (the message) and a
# template equal to it are not shown twice, an empty Scopes is left out, a non-empty one stays.
expect_eq ".NET JSON console: State's property as a pair, the template kept where it says more" \
  "$(run --color never --no-label "$hand/dotnet-json-console.jsonl" | sed -n 3p | sed 's/.*\[App\] //')" \
  "EventId=0 Port=8080 {OriginalFormat}='service started on port {Port}'"
expect_eq ".NET JSON console: no State or empty Scopes pair, a non-empty Scopes stays" \
  "$(run --color never --no-label "$hand/dotnet-json-console.jsonl" | grep -c 'State=\|Scopes=\[\]')/$(run --color never --no-label "$hand/dotnet-json-console.jsonl" | grep -c "Scopes=\[{")" "0/2"
expect_eq ".NET JSON console: -o json keeps State as written" \
  "$(run -o json "$hand/dotnet-json-console.jsonl" | grep -c '"State":{"Message"')" 7
expect_eq "slog and log15: -l error" "$(run -o raw -l error "$hand/go-levels.jsonl" | tr '\n' ,)" \
  "slog error,slog fatal,log15 error,log15 crit,"
expect_eq "slog and log15: -l critical" "$(run -o raw -l critical "$hand/go-levels.jsonl" | tr '\n' ,)" "slog fatal,log15 crit,"
expect_eq "slog and log15: -l info hides their debug and trace" "$(run -o raw -l info "$hand/go-levels.jsonl" | tr '\n' ,)" \
  "slog notice,slog warn+2,slog error,slog fatal,log15 info,log15 warn,log15 error,log15 crit,"
expect_eq "slog and log15: -l debug hides their trace" "$(run -c -l debug "$hand/go-levels.jsonl")" 10
expect_eq "slog and log15: --stats counts by rank" \
  "$(run --stats "$hand/go-levels.jsonl" | sed -n '/^by level/,/^by logger/p' | tr -s ' ' | sed 's/^ //' | tr '\n' ,)" \
  "by level,trace 2,debug 2,info 2,warning 2,error 2,critical 2,by logger,"
expect_eq "pino custom levels: the number is shown" \
  "$(run --color never --no-label "$hand/pino-custom-levels.jsonl" | cut -c28-38 | tr '\n' ,)" "[info     ],[35       ],[error    ],[70       ],"
expect_eq "pino custom levels: ranked by the level below" "$(run -o raw -l critical "$hand/pino-custom-levels.jsonl")" "pager"
finish
