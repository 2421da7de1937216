#!/usr/bin/env bash
# Queries that catch mistakes, dotted -k/-x, top-level secrets masked by default, and the
# --since/--until forms people type (issue 13, items 5, 7, 8, 10).
. "$(dirname "$0")/common.sh" "$@"

cat >"$WORK/app.jsonl" <<'JSON'
{"timestamp":"2026-11-24T08:20:00Z","level":"error","event":"Boom at checkout","http":{"method":"GET","status":500},"db":{"host":"x","password":"p"},"password":"hunter2","Api-Key":"k1","db.token":"t1","user":"ann"}
{"timestamp":"2026-11-24T09:10:00Z","level":"info","event":"ok","http":{"method":"POST","status":200}}
{"timestamp":"2026-11-24T09:50:00Z","level":"warning","event":"slow","http":{"method":"GET","status":200}}
JSON

# --- 5. queries that catch mistakes -------------------------------------------------------------
expect_status "misspelt level" 2 "$LOGMOJI" -q 'level >= errror' "$WORK/app.jsonl"
expect_contains "misspelt level: named" "$WORK/err" "unknown level 'errror'"
expect_contains "misspelt level: suggestion" "$WORK/err" "did you mean 'error'?"
expect_eq "misspelt level: nothing printed" "$(cat "$WORK/out")" ""
expect_status "misspelt level in a list" 2 "$LOGMOJI" -q 'level in (info, wraning)' "$WORK/app.jsonl"
expect_contains "misspelt level in a list: suggestion" "$WORK/err" "did you mean 'warning'?"
expect_eq "known level names still compare by rank" "$("$LOGMOJI" -c -q 'level >= WARN' "$WORK/app.jsonl")" "2"
expect_eq "text fields still compare as text" "$("$LOGMOJI" -c -q 'user != eror' "$WORK/app.jsonl")" "3"

# grep muscle memory: -q FILE and a bare -q.
cp "$WORK/app.jsonl" "$WORK/app"$'\e'"[31m.log"
cd "$WORK" || exit 2
expect_status "-q FILE" 2 "$LOGMOJI" -q "app"$'\e'"[31m.log"
expect_contains "-q FILE: hint" "$WORK/err" "use --quiet"
expect_contains "-q FILE: the name escaped" "$WORK/err" "'app\\x1b[31m.log' is a file"
if grep -q $'\e' "$WORK/err"; then fail "-q FILE: raw escape in the message"; else pass; fi
cd - >/dev/null || exit 2
expect_status "bare -q" 2 "$LOGMOJI" -q
expect_contains "bare -q: hint" "$WORK/err" "use --quiet"
expect_status "a query that is not a file gets no hint" 2 "$LOGMOJI" -q 'nosuchfile.log' "$WORK/app.jsonl"
if grep -q "quiet" "$WORK/err"; then fail "no --quiet hint for a non-file"; else pass; fi

# -i / --ignore-case.
expect_status "grep is case-sensitive" 1 "$LOGMOJI" -c -g 'boom' "$WORK/app.jsonl"
expect_eq "-i ignores case in --grep" "$("$LOGMOJI" -c -i -g 'boom' "$WORK/app.jsonl")" "1"
expect_eq "--ignore-case in the query's ~" "$("$LOGMOJI" -c --ignore-case -q 'message ~ CHECKOUT' "$WORK/app.jsonl")" "1"
expect_eq "-i leaves = exact" "$("$LOGMOJI" -c -i -q 'message = OK' "$WORK/app.jsonl")" "0"

# A path as deep as the event nests: 34 levels were never found by the query (its walk stopped
# at 33) while -k found them; `!=` held.
deep_json='{"event":"deep","v":1}' deep_path=v
for _ in $(seq 1 34); do deep_json="{\"event\":\"deep\",\"a\":${deep_json}}" deep_path="a.$deep_path"; done
printf '%s\n' "$deep_json" >"$WORK/deep.jsonl"
expect_eq "34 levels deep: =" "$("$LOGMOJI" -c -q "$deep_path = 1" "$WORK/deep.jsonl")" "1"
expect_eq "34 levels deep: exists" "$("$LOGMOJI" -c -q "exists($deep_path)" "$WORK/deep.jsonl")" "1"
expect_eq "34 levels deep: != does not hold" "$("$LOGMOJI" -c -q "$deep_path != 1" "$WORK/deep.jsonl")" "0"
expect_eq "34 levels deep: as -k finds it" "$("$LOGMOJI" -o json -k "$deep_path" "$WORK/deep.jsonl" | grep -o '"v":1')" '"v":1'

# --- 7. dotted paths in -k / -x -----------------------------------------------------------------
expect_eq "-k nested paths keep their nesting in JSON" \
  "$("$LOGMOJI" -o json -k http.method,db.host "$WORK/app.jsonl" | head -1)" '{"http":{"method":"GET"},"db":{"host":"x"}}'
expect_eq "-k nested path on events without it" \
  "$("$LOGMOJI" -o json -k db.host "$WORK/app.jsonl" | tail -1)" '{}'
"$LOGMOJI" --color never -k http.method "$WORK/app.jsonl" >"$WORK/out"
expect_contains "-k nested path in pretty is path=value" "$WORK/out" "Boom at checkout               http.method=GET"
if grep -q "status" "$WORK/out"; then fail "-k kept a sibling"; else pass; fi
expect_eq "-k nested path in logfmt" "$("$LOGMOJI" -o logfmt -k http.status "$WORK/app.jsonl" | head -1)" "http.status=500"
expect_eq "-x removes the nested key only" \
  "$("$LOGMOJI" -o json -x db.password,http.status,password,Api-Key,db.token,timestamp,user "$WORK/app.jsonl" | head -1)" \
  '{"level":"error","event":"Boom at checkout","http":{"method":"GET"},"db":{"host":"x"}}'

# --- 8. safe by default -------------------------------------------------------------------------
"$LOGMOJI" --color never "$WORK/app.jsonl" >"$WORK/out"
expect_contains "top-level password redacted" "$WORK/out" "password=[REDACTED]"
expect_contains "top-level Api-Key redacted" "$WORK/out" "Api-Key=[REDACTED]"
expect_contains "dotted key's last segment redacted" "$WORK/out" "db.token=[REDACTED]"
expect_contains "nested key redacted as before" "$WORK/out" "'password': '[REDACTED]'"
expect_contains "other keys shown" "$WORK/out" "user=ann"
for secret in hunter2 k1 t1; do
  if grep -q "$secret" "$WORK/out"; then fail "secret $secret shown"; else pass; fi
done
"$LOGMOJI" -o json-enriched "$WORK/app.jsonl" >"$WORK/out"
expect_contains "json-enriched redacts too" "$WORK/out" '"password": "[REDACTED]"'
"$LOGMOJI" -o logfmt "$WORK/app.jsonl" >"$WORK/out"
if grep -q hunter2 "$WORK/out"; then fail "logfmt shows the secret"; else pass; fi
"$LOGMOJI" --color never --no-mask "$WORK/app.jsonl" >"$WORK/out"
expect_contains "--no-mask: top-level shown" "$WORK/out" "password=hunter2"
expect_contains "--no-mask: nested shown" "$WORK/out" "'password': 'p'"
"$LOGMOJI" --foundation --color never "$WORK/app.jsonl" >"$WORK/out"
expect_contains "--foundation keeps the library's top-level keys" "$WORK/out" "password=hunter2"
expect_contains "--foundation still redacts nested keys" "$WORK/out" "'password': '[REDACTED]'"
# The README's list of top-level secret keys is what logmoji redacts, in any case and with '-'.
readme=$(cd "$(dirname "$0")/../.." && pwd)/README.md
names=$(tr '\n' ' ' <"$readme" | sed -n 's/.*<!-- secret-keys -->\(.*\)<!-- \/secret-keys -->.*/\1/p' | grep -o '`[a-z_]*`' | tr -d '`')
expect_eq "README lists the secret keys" "$(echo "$names" | wc -l)" "36"
for name in $names; do
  upper=$(echo "$name" | tr 'a-z_' 'A-Z-')
  printf '{"event":"e","%s":"s3cr3t","app.%s":"s3cr3t"}\n' "$name" "$upper"
done >"$WORK/secrets.jsonl"
if "$LOGMOJI" -o logfmt "$WORK/secrets.jsonl" | grep -q s3cr3t; then fail "a README secret key is shown"; else pass; fi
expect_eq "a query cannot read a redacted value" "$("$LOGMOJI" -c -q 'password = hunter2' "$WORK/app.jsonl")" "0"
expect_eq "nor one inside an object" "$("$LOGMOJI" -c -q 'db.password = p' "$WORK/app.jsonl")" "0"
expect_eq "--no-mask: the query reads it" "$("$LOGMOJI" --no-mask -c -q 'db.password = p' "$WORK/app.jsonl")" "1"
printf '%s\n' '{"event":"x","password":{"v":"secret"},"cfg":{"x.password":"hidden","forgot_password":"shown","list":[{"token":"t"}]}}' >"$WORK/nested.jsonl"
expect_eq "nor one inside a top-level secret" "$("$LOGMOJI" -c -q 'password.v = secret' "$WORK/nested.jsonl")" "0"
expect_eq "a list's objects compare redacted" "$("$LOGMOJI" -c -q 'cfg.list ~ "REDACTED"' "$WORK/nested.jsonl")" "1"
expect_eq "a list's objects, --no-mask" "$("$LOGMOJI" --no-mask -c -q 'cfg.list ~ "REDACTED"' "$WORK/nested.jsonl")" "0"
expect_eq "a key that merely ends like a secret is shown, and read" \
  "$("$LOGMOJI" -c -q 'cfg.forgot_password = shown' "$WORK/nested.jsonl")" "1"
# Inside an object too, a dotted key counts by its last segment, as at the top level (OTel's
# attributes hold `http.request.header.authorization`); under --foundation the library's list
# has no dotted name.
expect_eq "a nested dotted key names a secret by its last segment" \
  "$("$LOGMOJI" -c -q 'cfg.x.password = hidden' "$WORK/nested.jsonl")" "0"
expect_eq "but not under --foundation" \
  "$("$LOGMOJI" --foundation -l debug -c -q 'cfg.x.password = hidden' "$WORK/nested.jsonl")" "1"
expect_eq "-k through a redacted key: the pair is redacted" \
  "$("$LOGMOJI" --color never --omit-timestamp -k db.password,db.host "$WORK/app.jsonl" | head -1 | tr -s ' ')" \
  "[error ] Boom at checkout db.host=x db.password=[REDACTED]"
expect_eq "-k through a redacted key: logfmt too" "$("$LOGMOJI" -o logfmt -k db.password "$WORK/app.jsonl" | head -1)" \
  'db.password=[REDACTED]'
printf '%s\n' '{"level":"info","event":"login password=hunter2 ok","db.system":"postgres","status":"success"}' >"$WORK/login.jsonl"
expect_eq "-o raw masks the message" "$("$LOGMOJI" -o raw "$WORK/login.jsonl")" "login password=[MASKED] ok"
expect_eq "-o raw masks the message with a query too" "$("$LOGMOJI" -o raw -q 'level=info' "$WORK/login.jsonl")" \
  "login password=[MASKED] ok"
# Outside --foundation masking leaves prose and plain values as written (a keyword needs '=' or
# ':' and starts a word, -p is no pattern, an environment name puts '_' before its keyword, a
# nested `key` is data), so -g and -q find what the file says; --foundation masks as the library.
printf '%s\n' '{"level":"info","event":"token expired for user 42","cmd":"tar -p -czf out.tgz dir"}' \
  '{"level":"error","event":"auth: upstream 503","line":"SIGNING_KEY=abc MONKEY=banana"}' \
  '{"level":"info","event":"upload done","cache":{"key":"user:42"},"tls":{"private_key":"pk"}}' >"$WORK/prose.jsonl"
expect_eq "prose stays: -g finds it" "$("$LOGMOJI" -c -g 'token expired' "$WORK/prose.jsonl")" "1"
expect_eq "prose under --foundation: masked" \
  "$("$LOGMOJI" --foundation -l debug -c -g 'token expired' "$WORK/prose.jsonl")" "0"
expect_eq "a nested key is data: -q reads it" "$("$LOGMOJI" -c -q 'cache.key == "user:42"' "$WORK/prose.jsonl")" "1"
expect_eq "a nested key under --foundation: redacted" \
  "$("$LOGMOJI" --foundation -l debug -c -q 'cache.key == "user:42"' "$WORK/prose.jsonl")" "0"
"$LOGMOJI" --color never -o logfmt "$WORK/prose.jsonl" >"$WORK/out"
expect_contains "-p is no pattern" "$WORK/out" 'cmd="tar -p -czf out.tgz dir"'
expect_contains "a keyword with a colon still masks" "$WORK/out" 'auth: [MASKED] 503'
expect_contains "an environment name masks, MONKEY does not" "$WORK/out" 'SIGNING_KEY=[MASKED] MONKEY=banana'
expect_contains "a nested private_key is redacted" "$WORK/out" 'tls="{\"private_key\":\"[REDACTED]\"}"'
# Secret keys inside lists are redacted at any depth outside --foundation: in a top-level list,
# in a list in a list, in a message that is a list, in every output and through -k. They were
# shown by all but the query.
printf '%s\n' '{"event":"m","level":"warning","items":[{"password":"hunter2"}]}' \
  '{"event":"x","level":"warning","cfg":{"items":[[{"password":"hunter2"}]]}}' \
  '{"event":[{"token":"hunter2"}],"level":"warning","logger":"app"}' >"$WORK/lists.jsonl"
for output in pretty logfmt json-enriched raw; do
  "$LOGMOJI" --color never -o "$output" "$WORK/lists.jsonl" >"$WORK/out"
  expect_eq "-o $output: three events" "$(wc -l <"$WORK/out")" "3"
  if grep -q hunter2 "$WORK/out"; then fail "-o $output shows a secret key inside a list"; else pass; fi
  for keys in items cfg.items cfg.items,message; do
    if "$LOGMOJI" --color never -o "$output" -k "$keys" "$WORK/lists.jsonl" | grep -q hunter2; then
      fail "-o $output -k $keys shows a secret key inside a list"
    else pass; fi
  done
done
expect_eq "the pretty line of a top-level list" "$("$LOGMOJI" --color never --omit-timestamp "$WORK/lists.jsonl" | head -1)" \
  "[warning  ] m                              items=[{'password': '[REDACTED]'}]"
expect_eq "json-enriched, a list in a list" "$("$LOGMOJI" -o json-enriched "$WORK/lists.jsonl" | sed -n 2p)" \
  '{"event": "x", "level": "warning", "cfg": {"items": [[{"password": "[REDACTED]"}]]}}'
expect_eq "the query agrees" "$("$LOGMOJI" -c -q 'items ~ hunter2 || cfg ~ hunter2 || message ~ hunter2' "$WORK/lists.jsonl")" "0"
expect_eq "the query reads them redacted" "$("$LOGMOJI" -c -q 'items ~ REDACTED || cfg ~ REDACTED || message ~ REDACTED' "$WORK/lists.jsonl")" "3"
expect_eq "--grep agrees" "$("$LOGMOJI" -c -g hunter2 "$WORK/lists.jsonl")" "0"
expect_eq "--no-mask shows them" "$("$LOGMOJI" --color never --no-mask "$WORK/lists.jsonl" | grep -c hunter2)" "3"
# The library's rule under --foundation: a top-level list and a list in a list are left alone.
"$LOGMOJI" --foundation --color never "$WORK/lists.jsonl" >"$WORK/out"
expect_contains "--foundation leaves a top-level list alone" "$WORK/out" "items=[{'password': 'hunter2'}]"
expect_contains "--foundation leaves a list in a list alone" "$WORK/out" "cfg={'items': [[{'password': 'hunter2'}]]}"
"$LOGMOJI" --foundation -o json-enriched "$WORK/lists.jsonl" >"$WORK/out"
expect_contains "--foundation json-enriched too" "$WORK/out" '"items": [{"password": "hunter2"}]'
expect_eq "--foundation: the query still reads them redacted" \
  "$("$LOGMOJI" --foundation -c -q 'items ~ hunter2 || cfg ~ hunter2' "$WORK/lists.jsonl")" "0"
# -o json -k/-x re-serialises fields as logged, whether or not a query had the event enriched.
for q in "" "-q status=success" "-g login"; do
  # shellcheck disable=SC2086 # $q is two words or none
  expect_eq "-o json -k ${q:-alone}: fields as logged" "$("$LOGMOJI" -o json -k event -x status $q "$WORK/login.jsonl")" \
    '{"event":"login password=hunter2 ok"}'
  # shellcheck disable=SC2086
  expect_eq "-o json -x ${q:-alone}: no metadata added" "$("$LOGMOJI" -o json -x event,level $q "$WORK/login.jsonl")" \
    '{"db.system":"postgres","status":"success"}'
done

# --- 10. times people type ----------------------------------------------------------------------
# A fixed "now" (docs/testing.md): 2026-11-24T10:00:00Z, 11:00 in Berlin.
since() { LOGMOJI_TEST_NOW=2026-11-24T10:00:00Z TZ=Europe/Berlin "$LOGMOJI" -o json -k event "$@" "$WORK/app.jsonl" | tr -d '\n'; }
expect_eq "1 hour ago" "$(since --since '1 hour ago')" '{"event":"ok"}{"event":"slow"}'
expect_eq "90min" "$(since --since 90min)" '{"event":"ok"}{"event":"slow"}'
expect_eq "1h30m" "$(since --since 1h30m --until 30m)" '{"event":"ok"}'
expect_eq "2h" "$(since --since 2h)" '{"event":"Boom at checkout"}{"event":"ok"}{"event":"slow"}'
expect_eq "10:00 is today, local" "$(since --since 10:00)" '{"event":"ok"}{"event":"slow"}'
expect_eq "today 10:30" "$(since --since 'today 10:30')" '{"event":"slow"}'
expect_eq "yesterday 18:00 until 9:30" "$(since --since 'yesterday 18:00' --until 9:30)" '{"event":"Boom at checkout"}'
expect_eq "today" "$(since --since today --until '40 minutes ago')" '{"event":"Boom at checkout"}{"event":"ok"}'
expect_status "a time that is not" 2 "$LOGMOJI" --since 'tomorrow 10:00' "$WORK/app.jsonl"
expect_contains "a time that is not: message" "$WORK/err" "--since: cannot read 'tomorrow 10:00' as a time"
# Without the hook: events relative to the real clock, far from any boundary.
old=$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:%SZ) recent=$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ)
printf '{"timestamp":"%s","event":"old"}\n{"timestamp":"%s","event":"recent"}\n' "$old" "$recent" >"$WORK/now.jsonl"
expect_eq "1 hour ago on the real clock" "$("$LOGMOJI" -o raw --since '1 hour ago' "$WORK/now.jsonl")" "recent"
expect_eq "2 hours 30 minutes ago on the real clock" "$("$LOGMOJI" -o raw --until '2 hours 30 minutes ago' "$WORK/now.jsonl")" "old"

# --grep reads the message the query's `message` reads, as the same text: a message that is no
# string as the console and -o raw show it (Python's str()). -g never saw one: -g '' counted 0
# where -q 'message ~ "."' counted 1.
for value in 42 1.5e3 true false null '{"a":1,"token":"t"}' '[1,"x"]' '""' '"text"'; do
  printf '{"level":"info","event":%s}\n' "$value" >"$WORK/message.jsonl"
  shown=$("$LOGMOJI" -o raw "$WORK/message.jsonl")
  for pattern in '' . '^(42|1.5e3|True|False|None)$' REDACTED "x'" '^text$' '^(true|false|null)$'; do
    expect_eq "message $value: -g '$pattern' as -q 'message ~'" \
      "$("$LOGMOJI" -c -g "$pattern" "$WORK/message.jsonl")" \
      "$("$LOGMOJI" -c -q "message ~ \"$pattern\"" "$WORK/message.jsonl")"
  done
  [ "$value" = '""' ] && continue
  expect_eq "message $value: -g '' selects it" "$("$LOGMOJI" -c -g '' "$WORK/message.jsonl")" "1"
  expect_eq "message $value: -g matches the text shown" "$("$LOGMOJI" -c -g "^\Q$shown\E\$" "$WORK/message.jsonl")" "1"
done
expect_eq "a secret key in an object message is shown redacted" \
  "$(printf '%s\n' '{"event":{"token":"t"}}' | "$LOGMOJI" --no-config -o raw)" "{'token': '[REDACTED]'}"
expect_eq "-g does not read it" "$(printf '%s\n' '{"event":{"token":"t"}}' | "$LOGMOJI" --no-config -c -g "'t'")" "0"
expect_eq "a number message compares as a number" \
  "$(printf '%s\n' '{"event":42}' | "$LOGMOJI" --no-config -c -q 'message > 40 && message < 100')" "1"

# The roles' names read an event's own key of that name where no field holds the role, as -k
# does: a `message` that is no string is no message role, and -q never saw it.
printf '%s\n' '{"level":"info","message":42}' '{"message":true,"logger":7,"time":false}' \
  '{"msg":"role","message":"own"}' >"$WORK/own.jsonl"
expect_eq "exists(message) finds an own message key" "$("$LOGMOJI" -c -q 'exists(message)' "$WORK/own.jsonl")" "3"
expect_eq "it is read as the message" "$("$LOGMOJI" -c -q 'message = 42' "$WORK/own.jsonl")" "1"
expect_eq "as text, as shown" "$("$LOGMOJI" -c -q 'message = True' "$WORK/own.jsonl")" "1"
expect_eq "-g reads it too" "$("$LOGMOJI" -c -g '^(42|True)$' "$WORK/own.jsonl")" "2"
expect_eq "-o raw shows what -g matched" "$("$LOGMOJI" -o raw -g '^(42|True)$' "$WORK/own.jsonl" | tr '\n' ' ')" "42 True "
expect_eq "logger and time likewise" "$("$LOGMOJI" -c -q 'logger = 7 && time = false' "$WORK/own.jsonl")" "1"
expect_eq "-k finds the same fields" "$("$LOGMOJI" -o json -k message,logger,time "$WORK/own.jsonl" | head -2 | tr -d '\n')" \
  '{"message":42}{"message":true,"logger":7,"time":false}'
expect_eq "where a field holds the role, the role is read (as -l and the columns read it)" \
  "$("$LOGMOJI" -o raw -q 'message = role' "$WORK/own.jsonl")" "role"

# -x level hides a Serilog event's level column; it does not become the Information that an
# event without @l shows (review).
expect_eq "-x level on a Serilog error: no level shown" \
  "$(printf '%s\n' '{"@t":"2026-01-01T00:00:00Z","@mt":"boom","@l":"Error"}' | "$LOGMOJI" --no-config --color never --utc -x level)" \
  "2026-01-01 00:00:00.000000 boom"
finish
