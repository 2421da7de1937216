#!/usr/bin/env bash
# --foundation: the library's defaults and its PROVIDE_LOG_* variables
# (docs/foundation.md#environment).
. "$(dirname "$0")/common.sh" "$@"

printf '%s\n' \
  '{"logger_name":"app","event":"info line","level":"info"}' \
  '{"logger_name":"app","event":"warn line","level":"warning"}' \
  '{"logger_name":"asyncio","event":"loop info","level":"info"}' \
  '{"logger_name":"asyncio","event":"loop debug","level":"debug"}' >"$WORK/app.jsonl"

lines() { "$LOGMOJI" --foundation --color never "$@" "$WORK/app.jsonl" 2>"$WORK/err" | sed 's/ *$//' | tr '\n' '|'; }

expect_eq "defaults: WARNING, asyncio:INFO" "$(lines)" "[warning  ] 🔹 warn line|[info     ] 🔹 loop info|"
expect_eq "PROVIDE_LOG_LEVEL" "$(PROVIDE_LOG_LEVEL=error lines)" "[info     ] 🔹 loop info|"
expect_eq "PROVIDE_LOG_MODULE_LEVELS replaces asyncio:INFO" \
  "$(PROVIDE_LOG_MODULE_LEVELS=app:INFO lines)" "[info     ] 🔹 info line|[warning  ] 🔹 warn line|"
expect_eq "--level beats PROVIDE_LOG_LEVEL" "$(PROVIDE_LOG_LEVEL=error lines --level info)" \
  "[info     ] 🔹 info line|[warning  ] 🔹 warn line|[info     ] 🔹 loop info|"
expect_eq "emoji switched off" "$(PROVIDE_LOG_LOGGER_NAME_EMOJI_ENABLED=false lines)" "[warning  ] warn line|[info     ] loop info|"
expect_eq "variables are ignored without --foundation" \
  "$(PROVIDE_LOG_LEVEL=error "$LOGMOJI" --color never "$WORK/app.jsonl" | wc -l)" "4"

expect_status "invalid PROVIDE_LOG_LEVEL" 2 env PROVIDE_LOG_LEVEL=warn "$LOGMOJI" --foundation "$WORK/app.jsonl"
expect_eq "one-line error naming the variable" "$(cat "$WORK/err")" \
  "logmoji: PROVIDE_LOG_LEVEL: invalid level 'warn' (valid: TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL)"
expect_eq "nothing printed on a configuration error" "$(cat "$WORK/out")" ""

printf 'ERROR\n' >"$WORK/level"
expect_eq "file:// values" "$(PROVIDE_LOG_LEVEL=file://$WORK/level lines)" "[info     ] 🔹 loop info|"
# A file:// value is read up to 1 MiB: /dev/zero is an error, not an exhausted memory.
expect_status "file:// value without end" 2 env PROVIDE_LOG_LEVEL=file:///dev/zero "$LOGMOJI" --foundation "$WORK/app.jsonl"
expect_contains "file:// value without end: message" "$WORK/err" \
  "logmoji: PROVIDE_LOG_LEVEL: 'file:///dev/zero' holds more than 1 MiB"
{ printf 'ERROR'; head -c $((1024 * 1024 - 5)) /dev/zero | tr '\0' ' '; } >"$WORK/mib"
expect_eq "a file:// value of exactly 1 MiB is read" "$(PROVIDE_LOG_LEVEL=file://$WORK/mib lines)" "[info     ] 🔹 loop info|"

finish
