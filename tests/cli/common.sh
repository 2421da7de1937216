# Shared helpers for the CLI tests: each script runs checks and exits non-zero if any failed.
# usage in a script: . "$(dirname "$0")/common.sh" "$@"
set -u
LOGMOJI=$1
# The repository's own corpus generator, for tests that need big realistic inputs.
GEN_CORPUS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../bench" && pwd)/gen_corpus.py
unset NO_COLOR FORCE_COLOR CLICOLOR_FORCE
for v in $(env | grep -o '^PROVIDE_[A-Z_]*'); do unset "$v"; done
export TZ=UTC LC_ALL=C.UTF-8
WORK=$(mktemp -d)
# The user's own configuration file must not change what the tests see.
export XDG_CONFIG_HOME=$WORK/config-home
unset LOGMOJI_CONFIG
# Only the test's own shell cleans up: a subshell that inherits the trap must not.
trap '[ "$BASHPID" = "$$" ] && rm -rf "$WORK"' EXIT
failures=0
checks=0

pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
  if [ "$2" == "$3" ]; then pass; else fail "$1"; printf '  expected: %q\n  actual:   %q\n' "$3" "$2"; fi
}

# expect_status NAME EXPECTED CMD...: runs CMD, compares its exit status
expect_status() {
  local name=$1 expected=$2; shift 2
  "$@" >"$WORK/out" 2>"$WORK/err"
  local status=$?
  expect_eq "$name (exit status)" "$status" "$expected"
}

# expect_contains NAME FILE TEXT
expect_contains() {
  if grep -qF -- "$3" "$2"; then pass; else fail "$1: '$3' not in $2"; sed 's/^/  | /' "$2" | head -5; fi
}

# wait_for CMD...: retries with back-off (0.05 s doubling, about 12 s in all), never a fixed sleep
wait_for() {
  local delay=0.05 i
  for i in 1 2 3 4 5 6 7 8; do
    if "$@"; then return 0; fi
    sleep "$delay"
    delay=$(awk -v d="$delay" 'BEGIN { print d * 2 }')
  done
  "$@"
}

# exited PID: true once PID has exited (a zombie counts: its status is waiting for us)
exited() { [ ! -e "/proc/$1" ] || grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }

# sanitized: true for an ASan build, whose memory figures (shadow memory) mean nothing
sanitized() { grep -qa __asan_init "$LOGMOJI"; }

finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
