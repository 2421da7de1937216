#!/usr/bin/env bash
# The selection prefilter (issue 15 item 4) decides lines from their bytes before the full parse.
# It must never change a byte: every selection runs with it and with it turned off
# (LOGMOJI_NO_PREFILTER), over generated corpora, the logger fixtures, envelopes and hostile
# lines, and standard output, standard error and the exit status must be identical.
. "$(dirname "$0")/common.sh" "$@"
HERE=$(cd "$(dirname "$0")/.." && pwd)

{ python3 "$GEN_CORPUS" --lines 1500 --variant foundation --mixed --seed 11 >"$WORK/foundation.jsonl" &&
  python3 "$GEN_CORPUS" --lines 1500 --variant pino --mixed --seed 12 >"$WORK/pino.jsonl" &&
  python3 "$GEN_CORPUS" --lines 1500 --variant raw --mixed --seed 13 >"$WORK/raw.jsonl" &&
  python3 "$GEN_CORPUS" --lines 1500 --variant bunyan --seed 14 >"$WORK/bunyan.jsonl"; } ||
  { echo "FAIL: bench/gen_corpus.py failed"; exit 1; }
cat "$HERE"/loggers/*/output.jsonl >"$WORK/loggers.jsonl"
cat "$HERE"/envelopes/*.jsonl "$HERE"/envelopes/*.log >"$WORK/envelopes.jsonl" 2>/dev/null

# Lines written to sit on the prefilter's edges: escapes where a level or its key could hide,
# levels in nested objects and level objects, duplicate keys, numbers as strings, every way a
# line can be invalid, raw lines after hidden events, NaN, deep nesting, a long line.
hostile=$WORK/hostile.jsonl
LONG_KEY=$(printf 'k%.0s' {1..70})
{
  printf '%s\n' 'starting up (a raw line before any event)'
  printf '%s\n' '{"level":"info","event":"a"}' 'raw line after an info event' ''
  printf '%s\n' '{"lev\u0065l":"error","event":"escaped key, name value"}'
  printf '%s\n' '{"lev\u0065l":50,"event":"escaped key, pino number"}' 'raw after it'
  printf '%s\n' '{"level":"\u0065rror","event":"escaped value"}'
  printf '%s\n' '{"level":"\u0045RR","event":"escaped short name"}'
  printf '%s\n' '{"level":" error ","event":"spaces"}' '{"level":"error\n","event":"escaped newline"}'
  printf '%s\n' '{"level":"\u0020CRITICAL\t","event":"escaped space and tab"}'
  printf '{"level":"error\t","event":"raw tab"}\n'
  printf '%s\n' '{"level":"info","level":"error","event":"duplicate, last wins"}'
  printf '%s\n' '{"level":"error","level":"info","event":"duplicate, first loses"}'
  printf '%s\n' '{"log":{"level":"error"},"event":"nested name"}' '{"log":{"level":50},"event":"nested number"}'
  printf '%s\n' '{"log.level":"error","event":"dotted key"}' '{"x":{"level":50},"event":"number elsewhere"}'
  printf '%s\n' '{"severityNumber":17,"event":"otel error"}' '{"severityNumber":"17","event":"otel as string"}'
  printf '%s\n' '{"severityNumber":12,"event":"otel info"}' '{"severityText":"ERROR","event":"otel text"}'
  printf '%s\n' '{"level":{"levelStr":"ERROR","level":40000},"event":"log4js"}'
  printf '%s\n' '{"level":{"name":"ERROR","no":40},"event":"loguru"}' '{"level":{"name":"INFO","no":20}}'
  printf '%s\n' '{"level":"50","event":"number as string"}' '{"level":3,"event":"syslog error"}'
  printf '%s\n' '{"level":7,"event":"syslog debug"}' '{"level":50.0}' '{"level":5e1}' '{"level":-3}' '{"level":60}'
  printf '%s\n' '{"level":NaN,"event":"nan"}' '{"level":"info","x":Infinity}' '{"level":"info","x":-Infinity}'
  printf '%s\n' '{"level":"NOTSET","event":"below trace"}' '{"level":"notset ","event":"below trace, spaced"}'
  printf '%s\n' '{"level":"n\u006ftset","event":"escaped notset"}' '{"@l":"Fatal"}' '{"lvl":"crit"}'
  printf '%s\n' '{"levelname":"CRITICAL","logger_name":"asyncio.x"}' '{"level":"ERROR","logger_name":"asyncio"}'
  printf '%s\n' '{"level":"error","logger_name":"app.db"}' '{"level":"warning","logger_name":"app.web"}'
  printf '%s\n' '{"level":"error","logger":"ap\u0070.x"}' '{"level":"error","name":"other"}'
  printf '%s\n' '{"level":"error"}{"x":1}' '{"level":"error" invalid' '{"level":"info","x":tru}'
  printf '%s\n' '{"level":"info","x":"\x"}' '{"level":"info","x":"\ud800"}' '{"level":"info","x":"\ud800\udc00"}'
  printf '{"level":"info","x":"\xff"}\n' '{"level":"info","x":"a\x01b"}\n'
  printf '%s\n' 'raw after invalid lines' '{' '{}}' '{}' '42' '"a string"' '[1,2]' 'null'
  printf '%s\n' '   {"level":"error","event":"leading spaces"}   ' '{"level":  "error"  ,  "a" : 1 }'
  printf '{"level":"error","event":"crlf"}\r\n'
  printf '%s\n' '{"a":[1,2,{"level":"error"}],"event":"level inside an array"}' '{"level":"info","msg":"error"}'
  printf '%s\n' '{"level":"info","n":-0.5e-3,"b":true,"z":null,"e":[],"o":{},"s":""}'
  printf '%s\n' '{"level":"info","n":01}' '{"level":"info","n":1.}' '{"level":"info","n":-}' '{"level":"info",}'
  printf '%s\n' '{"level":"info" "x":1}' '{"level":"info",,"x":1}' '{"level":"info":1}' '{"level"}' '{1:2}'
  printf '{"level":"info","deep":%s1%s}\n' "$(printf '[%.0s' {1..100})" "$(printf ']%.0s' {1..100})"
  printf '{"level":"error","deep":%s1%s}\n' "$(printf '[%.0s' {1..1100})" "$(printf ']%.0s' {1..1100})"
  printf '{"level":"info","long":"%s"}\n' "$(head -c 40000 /dev/zero | tr '\0' 'y')"
  printf '{"level":"error","long":"%s"}\n' "$(head -c 40000 /dev/zero | tr '\0' 'y')"
  printf '%s\n' '{"sev":50,"event":"user level field"}' '{"meta":{"sev":"error"},"event":"user dotted level"}'
  printf '{"%s":50,"event":"a long user level field"}\n' "$LONG_KEY"
  printf '%s\n' '{"level" : "error","event":"space before the colon"}' '{"levelx":"error","level":"info"}'
  printf '%s\n' '{"level":null,"severity":"error"}' '{"level":true,"levelname":"ERROR"}' '{"level":"","x":"error"}'
  printf '%s\n' '{"event":"level last","n":[1,{"a":"error"}],"level":"critical"}' '{"level":"\u2028error"}'
  printf '%s\n' 'a raw line at the end'
} >"$hostile"

compare() {
  local name=$1; shift
  "$LOGMOJI" --no-config "$@" >"$WORK/fast.out" 2>"$WORK/fast.err"; local s1=$?
  LOGMOJI_NO_PREFILTER=1 "$LOGMOJI" --no-config "$@" >"$WORK/slow.out" 2>"$WORK/slow.err"; local s2=$?
  if cmp -s "$WORK/fast.out" "$WORK/slow.out"; then pass; else fail "$name: output differs"; diff "$WORK/slow.out" "$WORK/fast.out" | head -5; fi
  if cmp -s "$WORK/fast.err" "$WORK/slow.err"; then pass; else fail "$name: messages differ"; diff "$WORK/slow.err" "$WORK/fast.err" | head -5; fi
  expect_eq "$name: status" "$s1" "$s2"
}

selections=(
  "--count" "-c -l error" "-c -l warning" "-c -l notice" "-c -l emergency" "-c --strict" "-c -l error --strict"
  "--quiet" "--quiet -l error" "--quiet -l emergency" "--stats" "--stats -l error"
  "-o json -l error" "-o json -l critical" "-o json -l error --strict" "-o json -l error --no-messages"
  "-o json --logger app" "-o json --logger app -l error" "-o json --logger app. --logger api"
  "-o json --module-levels app:ERROR,api:CRITICAL -l error" "-o json --module-levels app:DEBUG -l error"
  "-c --module-levels app.db:TRACE -l critical" "-o json -l error --exclude-logger app"
  "-o json -l error --grep a" "-o json -l error -q level>=warning" "-o json -l error -v"
  "--color never -l error" "--color always -l error --raw show" "--color never --logger app"
  "-o logfmt -l error" "-o json-enriched -l error" "-o raw -l error" "-o json -l error -A 1 -B 1"
  "--foundation -o json -l error" "--foundation -c -l error" "--foundation --color never"
  "-o json -l error --field level=sev" "-c -l error --field level=meta.sev" "-c --field level=sev"
  "-o json -l error --field level=$LONG_KEY"
"-o json -l error -k level,event" "-o json -l warning -x event" "--foundation -o json -l warning"
  "-o json" "--foundation -o json" "-o json -l error --input json" "-o json -l error --threads 3" "-c -l error --threads 3" "-c --threads 3"
)

# Every selection on the hand-written lines, alone (one input: no labels, one count); the
# fixtures, and the generated corpora (larger and alike) with the selections that give the
# prefilter each of its answers, go several inputs to a run: each input is still decided line by
# line, and a start costs more than the lines (0.15 s of CPU under ASan).
core=("--count" "-c -l error" "--quiet -l error" "--stats -l error" "-o json -l error" "-o json --logger app"
  "-o json --module-levels app:ERROR,api:CRITICAL -l error" "--color never -l error" "-o json -l error --threads 3")
# Under ASan + UBSan the fixtures get the core selections only, as the corpora do: the
# hand-written lines still get every selection, the prefilter's own memory safety on any line is
# fuzz_prefilter's (replayed in that pass, fuzzed in CI), and every selection over the fixtures
# is compared in the release pass. 78 ASan starts fewer (docs/testing.md, "Stop 24").
for sel in "${selections[@]}"; do
  # shellcheck disable=SC2086  # a selection is several words
  compare "hostile: $sel" $sel "$WORK/hostile.jsonl"
done
fixture_selections=("${selections[@]}")
if sanitized; then fixture_selections=("${core[@]}"); fi
for sel in "${fixture_selections[@]}"; do
  # shellcheck disable=SC2086
  compare "loggers, envelopes: $sel" $sel "$WORK/loggers.jsonl" "$WORK/envelopes.jsonl"
done
for sel in "${core[@]}"; do
  # shellcheck disable=SC2086
  compare "foundation, pino, raw, bunyan: $sel" $sel "$WORK/foundation.jsonl" "$WORK/pino.jsonl" "$WORK/raw.jsonl" "$WORK/bunyan.jsonl"
done
# One input in phases the top-level "level" member decides and phases it cannot (levelname
# only, a tab between tokens): the prefilter's first pass answers, then its token walk, then the
# full path, and back, within one block.
phases=$WORK/phases.jsonl
for phase in member other member other; do
  for i in $(seq 1 200); do
    level=info; [ $((i % 9)) = 0 ] && level=error
    if [ $phase = member ]; then
      printf '{"level":"%s","event":"phase %s line %s","n":%s}\n' "$level" "$phase" "$i" "$i"
    elif [ $((i % 2)) = 0 ]; then
      printf '{"levelname":"%s","event":"phase %s line %s"}\n' "${level^^}" "$phase" "$i"
    else
      printf '{"level":"%s",\t"event":"phase %s line %s"}\n' "$level" "$phase" "$i"
    fi
    [ $((i % 50)) = 0 ] && printf 'a raw line in phase %s\n' "$phase"
  done
done >"$phases"
for sel in "${core[@]}"; do
  # shellcheck disable=SC2086
  compare "phases: $sel" $sel "$phases"
done
# Several inputs: -c counts each, and raw lines never cross an input.
compare "two inputs, -c" -c -l error "$hostile" "$WORK/foundation.jsonl"
compare "two inputs, json" -o json -l error "$hostile" "$WORK/pino.jsonl"

echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
