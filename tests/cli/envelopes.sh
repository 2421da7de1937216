#!/usr/bin/env bash
# Envelopes (docs/envelopes.md): Docker, CRI, journald, OTLP/JSON, loguru, prefixes and logfmt
# read as events; golden outputs for the fixtures of real producers (tests/envelopes/); bad
# input shown raw and counted; split lines joined, also across the parallel reader's blocks.
# UPDATE=1 rewrites the golden files.
. "$(dirname "$0")/common.sh" "$@"
DIR=$(cd "$(dirname "$0")/../envelopes" && pwd)

# golden FIXTURE ARGS...: -o json output, messages and exit status against FIXTURE.out
golden() {
  local fixture=$1; shift
  { "$LOGMOJI" --no-config -o json "$@" "$fixture" 2>&1; echo "exit $?"; } | sed "s|$DIR/||" >"$WORK/golden"
  if [ "${UPDATE:-}" = 1 ]; then cp "$WORK/golden" "$fixture.out"; fi
  if cmp -s "$WORK/golden" "$fixture.out"; then pass; else
    fail "golden $(basename "$fixture")"
    diff "$fixture.out" "$WORK/golden" | head -10
  fi
}
for f in docker.jsonl docker-bad.jsonl cri.log cri-bad.log prefixes.log journald-json.jsonl journald-bad.jsonl \
  otlp-js.jsonl otlp-bad.jsonl otlp-bad-values.jsonl loguru-serialize.jsonl loguru-bad.jsonl logfmt-logrus.log logfmt-gokit.log \
  names.jsonl loguru-nested.log journald-nested.jsonl; do
  golden "$DIR/$f"
done

# An envelope inside an envelope: loguru's records as a container or a systemd unit writes them.
# Each is read as loguru's own line is (its level, time, logger, extras, traceback), with the
# runtime's stream beside it (docs/envelopes.md, "Inside another envelope").
expect_eq "loguru in Docker: as loguru's own lines, with the stream" \
  "$("$LOGMOJI" --no-config -o json -x stream "$DIR/loguru-nested.log" 2>/dev/null | head -5)" \
  "$("$LOGMOJI" --no-config -o json "$DIR/loguru-serialize.jsonl")"
expect_eq "loguru in CRI: as loguru's own lines" \
  "$("$LOGMOJI" --no-config -o json -x stream "$DIR/loguru-nested.log" 2>/dev/null | sed -n 6,10p)" \
  "$("$LOGMOJI" --no-config -o json "$DIR/loguru-serialize.jsonl")"
expect_eq "loguru in containers: -l error keeps the record's errors, a joined CRI one too" \
  "$("$LOGMOJI" --no-config -o raw -l error "$DIR/loguru-nested.log" 2>/dev/null | grep -v '^ \|^Traceback\|^ZeroDivision' | tr '\n' ,)" \
  "division failed,connection lost,division failed,connection lost,division failed,"
expect_eq "loguru in containers: one thread or two" \
  "$("$LOGMOJI" --no-config --threads 2 "$DIR/loguru-nested.log" "$DIR/journald-nested.jsonl" 2>/dev/null)" \
  "$("$LOGMOJI" --no-config --threads 1 "$DIR/loguru-nested.log" "$DIR/journald-nested.jsonl" 2>/dev/null)"
# The journal: logfmt (Go's slog) and loguru MESSAGEs are the service's events; prose with an
# equals sign stays the message.
expect_eq "journald: logfmt and loguru messages read as events" \
  "$("$LOGMOJI" --no-config -o json -k level,msg,message,took,user "$DIR/journald-nested.jsonl" | tr '\n' ' ')" \
  '{"level":"WARN","msg":"cache miss","took":"3ms"} {"level":"error","msg":"no time of its own"} {"level":"notice","message":"set retries=3 after the outage"} {"level":"WARNING","message":"quota almost used","user":"alice"} {"level":"ERROR","message":"division failed"} {"level":"ERROR","message":"connection lost"} '

# No event gives a key twice, or a reader would show one value and hide the other: an envelope's
# member of a name its event has is renamed after the envelope (names.jsonl: one of each), a
# role's value goes under another alias of the role.
no_key_twice() {
  python3 -c '
import json, sys
def pairs(kv):
    keys = [k for k, _ in kv]
    if len(keys) != len(set(keys)): sys.exit("a key given twice: " + repr(keys))
    return dict(kv)
for line in sys.stdin:
    if line.startswith("{"): json.loads(line, object_pairs_hook=pairs)'
}
for f in "$DIR"/*.jsonl "$DIR"/*.log; do
  if "$LOGMOJI" --no-config -o json "$f" 2>/dev/null | no_key_twice; then pass; else fail "a key given twice: $(basename "$f")"; fi
done
expect_eq "names: the envelope's values under their new names" \
  "$("$LOGMOJI" --no-config -o json -k stream_cri,time_kubectl,timestamp,source_prefix,host_journald,message_extra,message_attribute \
    "$DIR/names.jsonl" | grep -v '^{}$' | tr '\n' ' ')" \
  '{"stream_cri":"stderr"} {"timestamp":"2025-06-01T12:00:02.000000Z"} {"source_prefix":"web-1"} {"source_prefix":"pre"} {"host_journald":"box"} {"message_extra":"bound message"} {"message_attribute":"attribute message"} {"timestamp":"2025-06-01T12:00:07.5Z"} {"timestamp":"12:00:08"} {"timestamp":"2025-06-01T12:00:09.5Z"} {"timestamp":"2025-06-01T12:00:10.000000Z"} '
# A role the event takes from inside an object (tracing's fields.message, ECS's nested log.level)
# is not taken by a Docker label of a flat alias: the label is renamed (it took the role: the
# tracing event's message became the label, the ECS error ranked info).
cat >"$WORK/nested-roles.jsonl" <<'JSON'
{"log":"{\"fields\":{\"message\":\"payment failed\"},\"level\":\"ERROR\",\"target\":\"app\"}\n","stream":"stdout","time":"2025-06-01T12:00:00Z","attrs":{"msg":"label"}}
{"log":"{\"message\":\"db down\",\"log\":{\"level\":\"error\"}}\n","stream":"stdout","time":"2025-06-01T12:00:01Z","attrs":{"level":"info"}}
JSON
expect_eq "nested roles stay the event's" "$("$LOGMOJI" --no-config -o raw -l error "$WORK/nested-roles.jsonl" | tr '\n' ,)" \
  "payment failed,db down,"
expect_eq "nested roles: the labels renamed" \
  "$("$LOGMOJI" --no-config -o json -k msg_docker,level_docker "$WORK/nested-roles.jsonl" | tr '\n' ' ')" \
  '{"msg_docker":"label"} {"level_docker":"info"} '
# Many copies of one key: numbered names (a_docker_2, _3, …), so the output grows with the input
# and not with its square (about 14 MB for these 2,000 copies when each copy added one more _docker).
python3 -c 'print("{\"log\":\"{\\\"msg\\\":\\\"x\\\"}\\n\",\"stream\":\"stdout\",\"time\":\"2025-06-01T12:00:00Z\",\"attrs\":{" + ",".join(["\"a\":1"] * 2000) + "}}")' >"$WORK/copies"
expect_eq "2,000 copies of one key: the last one's name" \
  "$("$LOGMOJI" --no-config -o json "$WORK/copies" | grep -o '"a_docker_[0-9]*":1}$')" '"a_docker_1999":1}'
expect_eq "2,000 copies of one key: the output stays small" \
  "$("$LOGMOJI" --no-config -o json "$WORK/copies" | wc -c | awk '{print ($1 < 40000)}')" 1
expect_eq "names: a record's time over an own time of no date is the event's time" \
  "$("$LOGMOJI" --no-config -c --since 2025-06-01T12:00:07Z --until 2025-06-01T12:00:07.9Z "$DIR/names.jsonl")" 1
expect_eq "names: so with fields the envelope adds (Docker's attrs, journald's)" \
  "$("$LOGMOJI" --no-config -c --since 2025-06-01T12:00:09Z --until 2025-06-01T12:00:10.5Z "$DIR/names.jsonl")" 2
# A time field named with --field outranks every alias: the record's time is kept as a field.
expect_eq "names: --field time=when, unreadable: the record's time a field" \
  "$(printf '%s\n' '{"log":"{\"when\":\"12:00\",\"msg\":\"x\"}\n","stream":"stdout","time":"2025-06-01T12:00:00Z"}' |
    "$LOGMOJI" --no-config --field time=when -o json -k when,time)" '{"when":"12:00","time":"2025-06-01T12:00:00Z"}'
# The plain-shape test reads a day past its month's end as no time; a leap day stays a time.
time_record() { printf '{"log":"{\\"time\\":\\"%s\\",\\"msg\\":\\"x\\"}\\n","stream":"stdout","time":"2025-06-01T12:00:00Z"}\n' "$1"; }
day_record() { time_record "$1 10:00:00"; }
expect_eq "names: an own time of 2025-02-30 is none, the record's is the time" \
  "$(day_record 2025-02-30 | "$LOGMOJI" --no-config -c --since 2025-06-01T12:00:00Z --until 2025-06-01T12:00:01Z)" 1
expect_eq "names: an own time of 2024-02-29 is the time" \
  "$(day_record 2024-02-29 | "$LOGMOJI" --no-config -c --since 2024-02-29T10:00:00Z --until 2024-02-29T10:00:01Z)" 1
expect_eq "names: an own time of 2023-02-29 is none, the record's is the time" \
  "$(day_record 2023-02-29 | "$LOGMOJI" --no-config -c --since 2025-06-01T12:00:00Z --until 2025-06-01T12:00:01Z)" 1
# So are a year 0 and a zone past ±23:59, which no time reads either.
for own in '0000-01-01 10:00:00' '2024-01-01 10:00:00+24:00' '2024-01-01 10:00:00+23:60' '2024-01-01 10:00:00+'; do
  expect_eq "names: an own time of $own is none, the record's is the time" \
    "$(time_record "$own" | "$LOGMOJI" --no-config -c --since 2025-06-01T12:00:00Z --until 2025-06-01T12:00:01Z)" 1
done
for own in '2024-01-01 10:00:00+05:30' '2024-01-01T10:00:00.5+0530' '2024-01-01 04:30:00Z'; do
  expect_eq "names: an own time of $own is the time" \
    "$(time_record "$own" | "$LOGMOJI" --no-config -c --since 2024-01-01T04:30:00Z --until 2024-01-01T04:30:01Z)" 1
done
expect_eq "names: an envelope's time under another alias is still the event's time" \
  "$("$LOGMOJI" --no-config -c --since 2025-06-01T12:00:02Z --until 2025-06-01T12:00:02.5Z "$DIR/names.jsonl")" 1

# Every envelope's events are filtered like any others: -l error finds exactly its errors.
count() { "$LOGMOJI" --no-config -c "$@" 2>/dev/null; }
expect_eq "docker -l error" "$(count -l error "$DIR/docker.jsonl")" 1
expect_eq "cri -l error" "$(count -l error "$DIR/cri.log")" 1
expect_eq "journald -l error (PRIORITY 3, 2, 0)" "$(count -l error "$DIR/journald-json.jsonl")" 3
expect_eq "otlp -l error (severityNumber 17, severityText FATAL)" "$(count -l error "$DIR/otlp-js.jsonl")" 2
expect_eq "loguru -l error" "$(count -l error "$DIR/loguru-serialize.jsonl")" 2
expect_eq "logrus -l warning" "$(count -l warning "$DIR/logfmt-logrus.log")" 2
expect_eq "go-kit -l error" "$(count -l error "$DIR/logfmt-gokit.log")" 1
# The entry received at 10:00:00.0105 was sent at 09:59:59.75 (_SOURCE_REALTIME_TIMESTAMP, the
# time journalctl shows): before the bound. The one whose source time is zero counts by the time
# the journal received it, as journalctl shows it.
expect_eq "journald --since (the envelope's time, the source's first)" \
  "$(count --since 2024-05-01T10:00:00.005Z "$DIR/journald-json.jsonl")" 4
expect_eq "loguru --since (record.time)" "$(count --since 2024-05-01T10:00:00.126Z "$DIR/loguru-serialize.jsonl")" 2
expect_eq "docker: the inner time first, the record's when the line has none" \
  "$("$LOGMOJI" --no-config -k time -o json "$DIR/docker.jsonl" 2>/dev/null | head -2 | tr '\n' ' ')" \
  '{"time":"2024-05-01T09:59:59Z"} {"time":"2024-05-01T10:00:01.5Z"} '
# (journalctl writes the fields of one record in a different order each time: compare the
# pretty output, whose fields are sorted.)
expect_eq "json-seq reads as json" "$("$LOGMOJI" --no-config --color never "$DIR/journald-json-seq.jsonl")" \
  "$("$LOGMOJI" --no-config --color never "$DIR/journald-json.jsonl")"
# Any json-seq, not only the journal's (jq --seq), and RFC 7464's repeated RS: the line without
# them (an application's record was invalid JSON, a second RS became a prefix's source).
printf '\x1e{"level":"error","msg":"jq seq"}\n\x1e\x1e{"__REALTIME_TIMESTAMP":"1714557600000002","MESSAGE":"two"}\n' \
  >"$WORK/seq.jsonl"
expect_eq "json-seq of any JSON" "$("$LOGMOJI" --no-config --color never --utc "$WORK/seq.jsonl")" \
  "$(printf '[error    ] jq seq\n2024-05-01 10:00:00.000002 two')"
expect_eq "json-seq, -o json: the record without its RS" "$("$LOGMOJI" --no-config -o json "$WORK/seq.jsonl" | head -1)" \
  '{"level":"error","msg":"jq seq"}'
# --input json reads the same json-seq and joined files without their marks (it kept them, and
# every such line was invalid); a line that only starts like a BOM stays as it is.
printf '\x1e{"level":"error","msg":"jq seq"}\n\xef\xbb\xbf\x1e{"msg":"joined"}\n\xef\xbc\x81{"msg":"z"}\n' >"$WORK/seq-json.jsonl"
expect_eq "--input json: json-seq and joined files" \
  "$("$LOGMOJI" --no-config --input json --color never "$WORK/seq-json.jsonl" 2>&1; echo "rc=$?")" \
  "$(printf '[error    ] jq seq\njoined\n\xef\xbc\x81{"msg":"z"}\nrc=0')"
# A BOM where two files were joined, before any kind of line (a CRI line was left raw).
printf '\xef\xbb\xbf2024-05-01T10:00:00Z stdout F {"msg":"cri"}\n' >"$WORK/bom-cri.log"
expect_eq "a BOM before a CRI line" "$(cat "$WORK/bom-cri.log" "$WORK/bom-cri.log" | "$LOGMOJI" --no-config -o raw)" \
  "$(printf 'cri\ncri')"
# A journal's microseconds reach far years: written as they are (chrono's year, a short, wrapped
# them to negative years before).
# A journal field that is no UTF-8 comes as an array of bytes: such a byte is written as Python's
# backslashreplace writes it, \xff, not as U+FFFD (its value was lost without a word).
printf '%s\n' '{"__REALTIME_TIMESTAMP":"1714557600000003","MESSAGE":[104,255,105],"PRIORITY":"6"}' >"$WORK/binary.journal"
expect_eq "journald: a byte that is no UTF-8, shown" "$("$LOGMOJI" --no-config -o raw "$WORK/binary.journal")" 'h\xffi'
expect_eq "journald: a byte that is no UTF-8, -o json" "$("$LOGMOJI" --no-config -o json -k message "$WORK/binary.journal")" \
  '{"message":"h\\xffi"}'
expect_eq "journald: a time in the year 33658" \
  "$(printf '%s\n' '{"__REALTIME_TIMESTAMP":"999999999999999999","MESSAGE":"x"}' | "$LOGMOJI" --no-config -o json -k time)" \
  '{"time":"33658-09-27T01:46:39.999999Z"}'
# timeUnixNano is a fixed64: 19 digits reach past int64 (the year 2262) to 2286.
expect_eq "otlp: a time past int64's nanoseconds" \
  "$(printf '%s\n' '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"9999999999999999999"}]}]}]}' |
    "$LOGMOJI" --no-config -o json -k time)" '{"time":"2286-11-20T17:46:39.999999999Z"}'
expect_eq "otlp: one event per record" "$("$LOGMOJI" --no-config -o json "$DIR/otlp-js.jsonl" | wc -l)" 5
# A batch whose parts are not what OTLP says (a record or a resource that is no object, a list
# that is none) is shown whole, as it was read, and reported: nothing of it is read in part or
# left unseen. A batch of no records (the last two) shows nothing.
expect_eq "otlp-bad: the two batches and the seven bad lines shown, in order" \
  "$("$LOGMOJI" --no-config --color never "$DIR/otlp-bad.jsonl" 2>/dev/null | cut -c1-22)" \
  "$(printf '%s\n' '2024-05-01 10:00:00.00' $(sed -n 2,8p "$DIR/otlp-bad.jsonl" | cut -c1-22) '2024-05-01 10:00:01.00')"
expect_status "otlp-bad --strict" 2 "$LOGMOJI" --no-config --strict "$DIR/otlp-bad.jsonl"
# Inside a well-shaped batch too: values that are no AnyValue, a time that is no count of
# nanoseconds, a key given twice, a member besides resourceLogs (otlp-bad-values.jsonl.out: nine
# lines reported, one read).
expect_eq "otlp-bad-values: shown whole" "$("$LOGMOJI" --no-config --color never "$DIR/otlp-bad-values.jsonl" 2>/dev/null |
  grep -c '^{"resourceLogs"')" 9
# The same rule for loguru records (loguru-bad.jsonl.out: three shown whole and reported). A
# journald field read for a role that cannot be read as one (a MESSAGE set twice is a list, a
# PRIORITY "x", an unreadable time) is kept under its own name (journald-bad.jsonl.out).
expect_status "loguru-bad --strict" 2 "$LOGMOJI" --no-config --strict "$DIR/loguru-bad.jsonl"
# A prefix made of separators alone is kept as it is, not dropped with them.
printf '%s\n' '-- {"msg":"x"}' '| {"msg":"y"}' 'web: {"msg":"z"}' >"$WORK/separators"
expect_eq "a prefix of separators alone is kept" \
  "$("$LOGMOJI" --no-config -o json "$WORK/separators" | tr '\n' ' ')" \
  '{"msg":"x","source":"--"} {"msg":"y","source":"|"} {"msg":"z","source":"web"} '
expect_eq "otlp-bad --stats: invalid lines" "$("$LOGMOJI" --no-config --stats "$DIR/otlp-bad.jsonl" 2>&1 |
  sed -n 's/^invalid lines *//p')" 7

# The issue's first try: docker compose logs | logmoji -l error.
printf '%s\n' 'web-1  | {"level":"info","msg":"up"}' 'web-1  | {"level":"error","msg":"down"}' >"$WORK/compose"
expect_status "compose -l error selects" 0 "$LOGMOJI" --no-config -l error -o json "$WORK/compose"
expect_eq "compose -l error output" "$(cat "$WORK/out")" '{"level":"error","msg":"down","source":"web-1"}'
# compose --timestamps and kubectl --prefix --timestamps put the time after the name: it is the
# line's time, not text (compose's line was left raw; kubectl's time became part of its source).
printf '%s\n' 'web-1  | 2024-05-01T10:00:06.5Z {"level":"info","msg":"compose -t"}' \
  '[pod/api/app] 2024-05-01T10:00:04.123Z {"level":"info","msg":"kubectl --prefix -t"}' \
  'a | b {"msg":"not a compose line, still a prefixed object"}' >"$WORK/timed-prefixes"
expect_eq "compose -t and kubectl --prefix -t: their times" \
  "$("$LOGMOJI" --no-config --color never --utc "$WORK/timed-prefixes" | sed 's/ *│ */|/; s/ *\[info *\]//; s/  */ /g')" \
  "$(printf '%s\n' 'web-1|2024-05-01 10:00:06.500000 compose -t' '[pod/api/app]|2024-05-01 10:00:04.123000 kubectl --prefix -t' \
    'a | b|not a compose line, still a prefixed object')"
expect_eq "compose -t and kubectl --prefix -t: --since" \
  "$("$LOGMOJI" --no-config -c --since 2024-05-01T10:00:05Z "$WORK/timed-prefixes")" "1"

# A prefix's source in a column before the event (pretty output); an event's own `source` stays
# its own field, and the prefix is then `source_prefix` in -o json.
"$LOGMOJI" --no-config --color never "$DIR/prefixes.log" >"$WORK/golden" 2>&1
if [ "${UPDATE:-}" = 1 ]; then cp "$WORK/golden" "$DIR/prefixes.log.pretty"; fi
if cmp -s "$WORK/golden" "$DIR/prefixes.log.pretty"; then pass; else
  fail "golden prefixes.log.pretty"
  diff "$DIR/prefixes.log.pretty" "$WORK/golden" | head -10
fi
expect_eq "the column: the source as compose padded it, the event after it" \
  "$("$LOGMOJI" --no-config --color never "$WORK/compose")" \
  "$(printf '%s\n' 'web-1  │ [info     ] up' 'web-1  │ [error    ] down')"
expect_eq "the event's own source is a field, never the column" \
  "$(grep -F Configuration "$DIR/prefixes.log" | "$LOGMOJI" --no-config --color never)" \
  "web-1     │ [info     ] Configuration reloaded         source=/etc/app.toml"
expect_eq "-o json: both kept" "$(grep -F Configuration "$DIR/prefixes.log" | "$LOGMOJI" --no-config -o json)" \
  '{"level":"info","msg":"Configuration reloaded","source":"/etc/app.toml","source_prefix":"web-1"}'
expect_eq "a plain line's source is a field" \
  "$(echo '{"level":"info","msg":"m","source":"web-1"}' | "$LOGMOJI" --no-config --color never)" \
  "[info     ] m                              source=web-1"
expect_eq "-q selects by the prefix's field" \
  "$("$LOGMOJI" --no-config -c -q 'source_prefix=="web-1" or source=="worker-12"' "$DIR/prefixes.log" 2>/dev/null)" 2
# -B replays a hidden event in its source column, as it would have been shown (with a label too).
printf '%s\n' 'web-1  | {"level":"info","msg":"up"}' 'db-1   | {"level":"error","msg":"down"}' >"$WORK/compose_b"
expect_eq "-B: the replayed event in its column" "$("$LOGMOJI" --no-config --color never -l error -B 1 "$WORK/compose_b")" \
  "$(printf '%s\n' 'web-1  │ [info     ] up' 'db-1   │ [error    ] down')"
expect_eq "-B with a label: the label, then the column" \
  "$("$LOGMOJI" --no-config --color never --label -l error -B 1 "$WORK/compose_b" | sed "s|$WORK/||")" \
  "$(printf '%s\n' 'compose_b │ web-1  │ [info     ] up' 'compose_b │ db-1   │ [error    ] down')"
# Several inputs: the input's label, then the source's column; a source is escaped.
printf '%s\n' 'db\x1b[2J | {"level":"info","msg":"esc"}' | sed 's/\\x1b/\x1b/' >"$WORK/compose2"
expect_eq "labels, then the source column, escaped" \
  "$("$LOGMOJI" --no-config --color never "$WORK/compose" "$WORK/compose2" | sed "s|$WORK/||")" \
  "$(printf '%s\n' 'compose  │ web-1  │ [info     ] up' 'compose  │ web-1  │ [error    ] down' \
    'compose2 │ db\x1b[2J │ [info     ] esc')"
expect_eq "the column coloured as labels are" \
  "$("$LOGMOJI" --no-config --color always "$WORK/compose" | grep -c $'^\e\\[3[0-9]mweb-1\e\\[0m  │ ')" 2
# The column depends on each line alone: the parallel reader's blocks give one thread's output.
python3 -c '
for n in range(40000):
    print("%-10s | {\"level\":\"info\",\"msg\":\"line %d\"}" % (["web-1", "worker-12", "db-1"][n % 3], n))
' >"$WORK/big-compose"
"$LOGMOJI" --no-config --color always --threads 1 "$WORK/big-compose" >"$WORK/one"
"$LOGMOJI" --no-config --color always --threads 2 "$WORK/big-compose" >"$WORK/two"
expect_eq "big compose: every line in the column" "$(grep -c ' │ ' "$WORK/one")" 40000
if cmp -s "$WORK/one" "$WORK/two"; then pass; else fail "big compose: 2 threads differ from 1"; fi

# At scale, across blocks: a CRI line's event (parsed from the line's block) and a Docker
# record's (unescaped, parsed alone), each given its stream, are then read from the envelope
# stage's own block; both come out as the same events written plainly would.
python3 "$GEN_CORPUS" --lines 3000 --variant raw --seed 9 >"$WORK/inner.jsonl" ||
  { echo "FAIL: bench/gen_corpus.py failed"; exit 1; }
sed 's/}$/,"stream":"stdout"}/' "$WORK/inner.jsonl" >"$WORK/composed.jsonl"
sed 's/^/2025-06-01T12:00:00.000000Z stdout F /' "$WORK/inner.jsonl" >"$WORK/big-cri"
python3 -c '
import json, sys
for line in sys.stdin:
    print(json.dumps({"log": line, "stream": "stdout", "time": "2025-06-01T12:00:00Z"}))' \
  <"$WORK/inner.jsonl" >"$WORK/big-docker"
"$LOGMOJI" --no-config --color always "$WORK/composed.jsonl" >"$WORK/plain"
for kind in cri docker; do
  if "$LOGMOJI" --no-config -o json "$WORK/big-$kind" | cmp -s - "$WORK/composed.jsonl"; then pass; else
    fail "big $kind: -o json is each event with its stream"
  fi
  if "$LOGMOJI" --no-config --color always "$WORK/big-$kind" | cmp -s - "$WORK/plain"; then pass; else
    fail "big $kind: shown as the same events written plainly"
  fi
done

# --merge orders lines by the time their unwrapped event shows: CRI, journald, OTLP, a kubectl
# time prefix, and a Docker record whose inner event has its own time (not the record's).
printf '%s\n' '2024-05-01T10:00:00Z stdout F {"msg":"cri 0"}' \
  '2024-05-01T10:00:03Z stdout P {"msg":' '2024-05-01T10:00:03Z stdout F "cri 3 split"}' \
  '2024-05-01T10:00:06Z {"msg":"kubectl 6"}' >"$WORK/m-cri"
printf '%s\n' '{"__REALTIME_TIMESTAMP":"1714557601000000","MESSAGE":"journald 1"}' \
  '{"log":"{\"msg\":\"docker 4\",\"time\":\"2024-05-01T10:00:04Z\"}\n","stream":"stdout","time":"2024-05-01T09:00:00Z"}' \
  '{"__REALTIME_TIMESTAMP":"1714557607000000","MESSAGE":"journald 7"}' >"$WORK/m-journald"
printf '%s\n' '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1714557602000000000","body":{"stringValue":"otlp 2"}}]}]}]}' \
  '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1714557605000000000","body":{"stringValue":"otlp 5"}}]}]}]}' \
  >"$WORK/m-otlp"
expect_eq "--merge by the envelopes' times" \
  "$("$LOGMOJI" --no-config --merge -k msg,message -o json "$WORK/m-cri" "$WORK/m-journald" "$WORK/m-otlp" |
    sed 's/.*:"\(.*\)"}/\1/' | tr '\n' ',')" \
  "cri 0,journald 1,otlp 2,cri 3 split,docker 4,otlp 5,kubectl 6,journald 7,"

# Plain JSON stays plain: a first key like an envelope's is not enough.
printf '%s\n' '{"log":"x","level":"error"}' '{"text":"hi","level":"error"}' '{"MESSAGE":"m","level":"error"}' \
  '{"resourceLogs":"no","level":"error"}' >"$WORK/lookalikes"
expect_eq "look-alikes are ordinary events" "$("$LOGMOJI" --no-config -o json "$WORK/lookalikes")" "$(cat "$WORK/lookalikes")"

# logfmt in auto only when it clearly is: identifier keys, pairs only, at least two.
printf '%s\n' 'a=1 b=two' 'only=one' 'GET /x?a=b c=d' 'key="unclosed b=1' >"$WORK/logfmt"
"$LOGMOJI" --no-config -o json "$WORK/logfmt" >"$WORK/out" 2>"$WORK/err"
expect_eq "auto logfmt" "$(cat "$WORK/out")" '{"a":1,"b":"two"}'
expect_contains "the rest is raw and counted" "$WORK/err" "3 raw lines left out"
expect_eq "--input logfmt takes one pair and bare keys" \
  "$(printf 'only=one\nflag k=v\n' | "$LOGMOJI" --no-config --input logfmt -o json)" \
  "$(printf '{"only":"one"}\n{"flag":true,"k":"v"}')"
expect_eq "logfmt quoting (Go escapes)" \
  "$(printf '%s\n' 'msg="a \"q\" \\ \n\u00e9" n=-1.5e3 ok=false' | "$LOGMOJI" --no-config -o json)" \
  '{"msg":"a \"q\" \\ \né","n":-1.5e3,"ok":false}'
# Bytes that are no UTF-8, as read or as Go's \xHH writes one, are no JSON string: the line is
# shown as read, its byte escaped, and left out of -o json with its line named, never as U+FFFD.
printf 'level=info msg=a\377b k=v\nlevel=info msg=ok k="\\x41"\nlevel=info msg=q k="\\xff"\n' >"$WORK/logfmt-bytes"
expect_eq "logfmt with a byte that is no UTF-8: shown raw, escaped" \
  "$("$LOGMOJI" --no-config --color never "$WORK/logfmt-bytes" | sed -n '1p;3p')" \
  "$(printf '%s\n' 'level=info msg=a\xffb k=v' 'level=info msg=q k="\xff"')"
"$LOGMOJI" --no-config -o json "$WORK/logfmt-bytes" >"$WORK/out" 2>"$WORK/err"
expect_eq "logfmt with a byte that is no UTF-8: -o json keeps the others" "$(cat "$WORK/out")" '{"level":"info","msg":"ok","k":"A"}'
expect_contains "logfmt with a byte that is no UTF-8: -o json names the line" "$WORK/err" "logfmt-bytes:3:"

# A named format reads every line as that format.
printf '%s\n' '{"level":"info","msg":"plain"}' >"$WORK/plain"
expect_status "--input docker on a plain line" 0 "$LOGMOJI" --no-config --input docker "$WORK/plain"
expect_eq "--input docker: shown raw" "$(cat "$WORK/out")" '{"level":"info","msg":"plain"}'
expect_status "--input docker --strict" 2 "$LOGMOJI" --no-config --input docker --strict "$WORK/plain"
expect_contains "--input docker: why" "$WORK/err" "plain:1: not a Docker json-file record"
expect_eq "--input json leaves envelopes alone" \
  "$("$LOGMOJI" --no-config --input json -o json "$DIR/docker.jsonl" 2>/dev/null | head -1)" "$(head -1 "$DIR/docker.jsonl")"
printf 'input = "docker"\n' >"$WORK/docker.toml"
expect_status "plain JSON is fine in auto" 0 "$LOGMOJI" --no-config --strict "$WORK/plain"
expect_status "input from config.toml applies" 2 "$LOGMOJI" --config "$WORK/docker.toml" --strict "$WORK/plain"
expect_eq "--print-config writes it back" "$("$LOGMOJI" --config "$WORK/docker.toml" --print-config | grep '^input')" \
  'input = "docker"'
expect_status "unknown --input" 2 "$LOGMOJI" --no-config --input xml "$WORK/plain"

# --stats counts the input lines read: an OTLP line of several records is one line, its records
# events; a CRI line split in two parts is two lines, one event.
stat() { "$LOGMOJI" --no-config --stats "$2" 2>/dev/null | awk -v row="$1" '$0 ~ "^" row " " { print $NF }'; }
expect_eq "--stats otlp: lines" "$(stat lines "$DIR/otlp-js.jsonl")" "$(wc -l <"$DIR/otlp-js.jsonl")"
expect_eq "--stats otlp: events" "$(stat "events selected" "$DIR/otlp-js.jsonl")" 5
expect_eq "--stats cri: lines" "$(stat lines "$DIR/cri.log")" 6
expect_eq "--stats cri: one event of two parts" \
  "$(( $(stat "events selected" "$DIR/cri.log") + $(stat "raw lines" "$DIR/cri.log") ))" 5
# A record's plain text is a raw line, as in a JSON log: it goes with the event before it (it was
# an invalid line: shown under -l error after a hidden event).
printf '%s\n' '2024-05-01T10:00:00Z stdout F {"level":"info","msg":"hidden"}' '2024-05-01T10:00:00Z stdout F Traceback line' \
  '2024-05-01T10:00:01Z stdout F {"level":"error","msg":"shown"}' '2024-05-01T10:00:01Z stdout F   at frame' >"$WORK/cri-text.log"
expect_eq "a record's plain text goes with its event" \
  "$("$LOGMOJI" --no-config --color never --omit-timestamp -l error "$WORK/cri-text.log" | sed 's/ *stream=stdout//' | tr '\n' ,)" \
  "[error    ] shown,  at frame,"
expect_eq "--stats -o json: lines" \
  "$("$LOGMOJI" --no-config --stats -o json "$DIR/otlp-js.jsonl" | grep -o '"lines":[0-9]*,"selected":[0-9]*')" \
  '"lines":2,"selected":5'

# Bad input is never dropped: every bad piece is a raw line and counted.
"$LOGMOJI" --no-config --color never "$DIR/docker-bad.jsonl" >"$WORK/out" 2>"$WORK/err"
expect_eq "docker-bad: four lines out" "$(wc -l <"$WORK/out")" 4
invalid() { "$LOGMOJI" --no-config --stats "$1" 2>/dev/null | awk '/^invalid lines/ { print $3 }'; }
expect_eq "docker-bad counted" "$(invalid "$DIR/docker-bad.jsonl")" 3
"$LOGMOJI" --no-config --color never "$DIR/cri-bad.log" >"$WORK/out" 2>"$WORK/err"
expect_eq "cri-bad: a P line at the end is shown" "$(tail -1 "$WORK/out")" '{"level":"info","msg":"cut'
expect_eq "cri-bad counted" "$(invalid "$DIR/cri-bad.log")" 2
# A split Docker line longer than --max-line-size: its start shown raw, counted.
"$LOGMOJI" --no-config -o json --max-line-size 20000 "$DIR/docker.jsonl" >"$WORK/out" 2>"$WORK/err"
expect_contains "split line over the cap" "$WORK/err" "split line longer than --max-line-size"
expect_eq "split line over the cap: the others still events" "$(wc -l <"$WORK/out")" 4

# Split lines across the parallel reader's 1 MiB blocks: the same events on 1 and 2 threads.
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
def docker(log, separators=(",", ":")):
    return json.dumps({"log": log, "stream": "stdout", "time": "2024-05-01T10:00:00Z"}, separators=separators)
with open(f"{work}/big-docker", "w") as d, open(f"{work}/big-cri", "w") as c, \
        open(f"{work}/big-docker-spaced", "w") as spaced, open(f"{work}/big-docker-escapes", "w") as escapes:
    for n in range(12000):
        event = json.dumps({"level": "info", "msg": f"line {n}", "pad": "p" * (300 if n % 1000 else 60000)})
        text = event + "\n"
        for i in range(0, len(text), 16384):
            d.write(docker(text[i:i + 16384]) + "\n")
            # Records as some writers space them: still Docker's, still joined.
            spaced.write(docker(text[i:i + 16384], None) + "\n")
        parts = [event[i:i + 16384] for i in range(0, len(event), 16384)]
        for i, part in enumerate(parts):
            c.write(f"2024-05-01T10:00:00Z stdout {'F' if i == len(parts) - 1 else 'P'} {part}\n")
    # A stack trace's escaped newlines: every part but the last ends in the two characters \n,
    # which are no newline, so the part waits for the next.
    for n in range(400):
        # Sizes that vary, so that the reader's blocks end after parts of every kind.
        frames = 2000 + n * 37 % 2500
        text = json.dumps({"level": "error", "msg": f"trace {n}", "stack": "frame at x.py\n" * frames}) + "\n"
        start = 0
        while start < len(text):
            end = text.rfind("\\n", start, start + 16384) + 2 if len(text) - start > 16384 else len(text)
            escapes.write(docker(text[start:end]) + "\n")
            start = end
# An application's own objects whose first key is "log": no Docker record (read_docker takes log,
# stream, time and attrs only), so no line of them waits for a next part.
with open(f"{work}/big-app-log", "w") as app:
    for n in range(40000):
        app.write(json.dumps({"log": f"request {n} handled", "level": "info", "pad": "p" * 200}) + "\n")
PY
expect_eq "a stack's parts but the last end in an escaped newline" \
  "$(python3 -c 'import json,sys; print(sum(json.loads(l)["log"].endswith("\\n") != json.loads(l)["log"].endswith("\n") for l in open(sys.argv[1])))' "$WORK/big-docker-escapes")" \
  "$(wc -l <"$WORK/big-docker-escapes")"
for f in big-docker big-cri big-docker-spaced big-docker-escapes big-app-log; do
  lines=12000
  [ "$f" = big-docker-escapes ] && lines=400
  [ "$f" = big-app-log ] && lines=40000
  "$LOGMOJI" --no-config --threads 1 -o json "$WORK/$f" >"$WORK/one" 2>&1
  "$LOGMOJI" --no-config --threads 2 -o json "$WORK/$f" >"$WORK/two" 2>&1
  expect_eq "$f: every split line joined" "$(grep -c '"msg"\|"log"' "$WORK/one")" "$lines"
  if cmp -s "$WORK/one" "$WORK/two"; then pass; else fail "$f: 2 threads differ from 1"; fi
done
# From a pipe, such a line is shown before the next one comes (it was held for it, as a part
# waiting for its next: `tail -f app.log | logmoji` showed each line one line late).
mkfifo "$WORK/app-pipe"
"$LOGMOJI" --no-config --threads 2 -o json <"$WORK/app-pipe" >"$WORK/app-out" 2>&1 &
reader=$!
exec 7>"$WORK/app-pipe"
printf '%s\n' '{"log":"first","level":"info"}' >&7
if WAIT_FOR_SECONDS=10 wait_for grep -q first "$WORK/app-out"; then pass; else fail "a line whose first key is log: held for the next"; fi
printf '%s\n' '{"log":"second","level":"info"}' >&7
exec 7>&-
wait "$reader"
expect_eq "a line whose first key is log, from a pipe: both shown" "$(grep -c '"log"' "$WORK/app-out")" 2
# A long split line from a pipe, read a few KiB at a time: each part is looked at once. The whole
# chain held so far was looked at again on every read, and a 64 MB line took minutes. A guard
# against a hang (HANG_SECONDS), not a time bound.
python3 - <<'PY' | timeout "$HANG_SECONDS" "$LOGMOJI" --no-config --threads 2 -c >"$WORK/chain-count" 2>&1
import json, os, sys
text = json.dumps({"level": "info", "msg": "huge", "blob": "x" * (64 << 20)}) + "\n"
record = lambda part: json.dumps({"log": part, "stream": "stdout", "time": "2024-05-01T10:00:00Z"}, separators=(",", ":"))
out = "".join(record(text[i:i + 16384]) + "\n" for i in range(0, len(text), 16384)).encode()
for i in range(0, len(out), 4096):
    os.write(sys.stdout.fileno(), out[i:i + 4096])
PY
expect_eq "a 64 MB line in Docker parts, from a pipe in 4 KiB writes: one event" "$(cat "$WORK/chain-count")" 1


# An envelope's event goes to the pipeline as the envelope stage parsed it, with the members the
# envelope wrote added, instead of being parsed again from the text the stage writes. Shown, it
# must look exactly like that text read as plain JSON. Line by line over every fixture (a line
# that is no event alone, or a prefix's source, which pretty output shows in a column, is left
# out), then one CRI line joined from parts.
compared=0
differ=0
for f in "$DIR"/*.jsonl "$DIR"/*.log; do
  while IFS= read -r l; do
    json=$(printf '%s\n' "$l" | "$LOGMOJI" --no-config -o json 2>/dev/null)
    [ -n "$json" ] || continue
    case "$json" in *'"source'*) continue ;; esac
    direct=$(printf '%s\n' "$l" | "$LOGMOJI" --no-config --color always 2>&1)
    reread=$(printf '%s\n' "$json" | "$LOGMOJI" --no-config --color always 2>&1)
    compared=$((compared + 1))
    if [ "$direct" != "$reread" ]; then
      differ=$((differ + 1))
      echo "  differs: $(basename "$f"): $l" | cut -c1-160 >&2
    fi
  done <"$f"
done
expect_eq "an envelope's event as parsed equals its text re-read (lines that differ)" "$differ" 0
expect_eq "an envelope's event as parsed: lines compared" "$((compared >= 40))" 1
printf '%s\n' '2025-06-01T12:00:00Z stderr P {"stream":"own","msg":"joi' '2025-06-01T12:00:00Z stderr P ned \"part' \
  '2025-06-01T12:00:01Z stderr F s\" é","n":1}' >"$WORK/parts.log"
expect_eq "a CRI line joined from parts, as parsed equals its text re-read" \
  "$("$LOGMOJI" --no-config --color always "$WORK/parts.log")" \
  "$("$LOGMOJI" --no-config -o json "$WORK/parts.log" | "$LOGMOJI" --no-config --color always)"

# A split line waiting for its next part comes before the line that ends the wait, whatever
# that line is: an over-long line and a blank line were shown (and reported) ahead of it.
printf '2026-11-24T10:00:00.0Z stdout P first part\n{"level":"info","event":"%s"}\n{"level":"info","event":"after"}\n' \
  "$(printf 'y%.0s' $(seq 100))" >"$WORK/cri-cut"
expect_eq "a waiting CRI part before an over-long line" \
  "$("$LOGMOJI" --no-config --max-line-size 64 "$WORK/cri-cut" 2>/dev/null | cut -c1-10 | tr '\n' ,)" \
  'first part,{"level":",[info     ,'
expect_eq "... and reported first" \
  "$("$LOGMOJI" --no-config -o json --max-line-size 64 "$WORK/cri-cut" 2>&1 >/dev/null | sed "s|$WORK/||" | cut -d: -f2-3 | tr '\n' ,)" \
  " cri-cut:1, cri-cut:2, 2 invalid lines left out,"
printf '{"log":"first part","stream":"stdout","time":"2026-11-24T10:00:00Z"}\n\n{"level":"info","event":"after"}\n' >"$WORK/docker-blank"
expect_eq "a waiting Docker part before a blank line" \
  "$("$LOGMOJI" --no-config --color never "$WORK/docker-blank" 2>/dev/null | tr '\n' ,)" "first part,,[info     ] after,"
# Many such lines across the parallel reader's blocks: one thread and two agree (the split lines
# shorter than the cap: one longer is cut where the block ends, docs/reliability.md).
python3 - "$WORK/cut-chains" <<'PY'
import random, sys
random.seed(2)
with open(sys.argv[1], "w") as f:
    for i in range(40000):
        r = random.random()
        if r < 0.2: f.write("2026-11-24T10:00:00.0Z stdout P part %d %s\n" % (i, "p" * random.randint(0, 40)))
        elif r < 0.3: f.write("2026-11-24T10:00:00.0Z stdout F end %d\n" % i)
        elif r < 0.4: f.write("\n")
        elif r < 0.5: f.write('{"level":"info","event":"long %s"}\n' % ("x" * random.randint(500, 1500)))
        else: f.write('{"level":"info","event":"line %d"}\n' % i)
PY
for size in 1000 4096; do
  "$LOGMOJI" --no-config --max-line-size $size --threads 1 "$WORK/cut-chains" >"$WORK/one" 2>"$WORK/one.err"
  "$LOGMOJI" --no-config --max-line-size $size --threads 2 "$WORK/cut-chains" >"$WORK/two" 2>"$WORK/two.err"
  if cmp -s "$WORK/one" "$WORK/two" && cmp -s "$WORK/one.err" "$WORK/two.err"; then pass; else
    fail "cut and blank lines among split lines, --max-line-size $size: one thread and two differ"
  fi
done
# Split lines whose records are longer than the cap while their text is not (escapes, tiny
# parts), and split lines longer than the cap, across block boundaries: the parallel reader
# sent a chain on as soon as its records passed the cap, and the block's end cut a line one
# thread joined (or cut at the cap) into parts shown raw.
python3 - "$WORK/escaped-chains" <<'PY'
import json, random, sys
random.seed(5)
def docker(part):
    return json.dumps({"log": part, "stream": "stdout", "time": "2026-11-24T10:00:00Z"}, separators=(",", ":"))
with open(sys.argv[1], "w") as f:
    sizes = [random.randint(100, 1400) for i in range(9000)]
    for i, n in enumerate(sizes):
        text = json.dumps({"level": "info", "msg": "m%d" % i, "q": '"' * n}) + "\n"
        if i % 2:
            while text:
                k = random.randint(16, 300)
                f.write(docker(text[:k]) + "\n")
                text = text[k:]
        else:
            text = text[:-1]
            while text:
                k = random.randint(4, 40)
                f.write("2026-11-24T10:00:00.0Z stdout %s %s\n" % ("P" if len(text) > k else "F", text[:k]))
                text = text[k:]
    # What --max-line-size 1000 joins and cuts: the text without its final newline.
    joined = sum(len(json.dumps({"level": "info", "msg": "m%d" % i, "q": '"' * n})) <= 1000 for i, n in enumerate(sizes))
    print(joined, file=open(sys.argv[1] + ".counts", "w"))
PY
for size in 300 1000; do
  "$LOGMOJI" --no-config --max-line-size $size --threads 1 -o json "$WORK/escaped-chains" >"$WORK/one" 2>"$WORK/one.err"
  "$LOGMOJI" --no-config --max-line-size $size --threads 2 -o json "$WORK/escaped-chains" >"$WORK/two" 2>"$WORK/two.err"
  if cmp -s "$WORK/one" "$WORK/two" && cmp -s "$WORK/one.err" "$WORK/two.err"; then pass; else
    fail "split lines longer in records than their text, --max-line-size $size: one thread and two differ"
  fi
  "$LOGMOJI" --no-config --max-line-size $size --threads 2 -o json <"$WORK/escaped-chains" >"$WORK/two" 2>"$WORK/two.err"
  if cmp -s "$WORK/one" "$WORK/two" && cmp -s "$WORK/one.err" <(sed "s|(standard input)|$WORK/escaped-chains|" "$WORK/two.err"); then
    pass
  else
    fail "split lines longer in records than their text, --max-line-size $size, from a pipe: one thread and two differ"
  fi
done
expect_eq "... at --max-line-size 1000: the lines joined" "$(wc -l <"$WORK/one")" "$(cat "$WORK/escaped-chains.counts")"
# Many short parts, each line far over a small cap: the reader sent a block at every part it
# gave up at, copying the rest of the read each time (1 GB and seconds for 14 MB). One block a
# read now: memory stays near the one-thread run's.
python3 -c 'import sys; sys.stdout.writelines(["2024-01-01T00:00:00Z stdout P " + "x" * 17 + "\n"] * 300000)' >"$WORK/short-parts"
/usr/bin/time -o "$WORK/peak" -f %M "$LOGMOJI" --no-config --threads 2 --max-line-size 48 "$WORK/short-parts" >/dev/null 2>&1
expect_eq "300,000 parts over a cap of 48, two threads: peak memory under 64 MiB (KiB read)" \
  "$(awk '$1 > 1000 && $1 < 65536 { print "ok" }' "$WORK/peak")" ok
# A split line cut at --max-line-size is shown cut and reported in pretty output too, as an
# over-long line is: bad input is named with its file and line (review).
python3 -c 'print("2026-11-24T10:00:00.0Z stdout P " + "a" * 200); print("2026-11-24T10:00:00.0Z stdout F " + "b" * 200)' >"$WORK/cut-split"
expect_eq "a cut split line is reported in pretty output" \
  "$("$LOGMOJI" --no-config --max-line-size 300 "$WORK/cut-split" 2>&1 >/dev/null | sed "s|$WORK/||")" \
  "logmoji: cut-split:1: split line longer than --max-line-size"
finish
