# Shared helpers for the CLI tests: each script runs checks and exits non-zero if any failed.
# usage in a script: . "$(dirname "$0")/common.sh" "$@"
set -u
LOGMOJI=$1
# The interpreter meson found for python3 (tests/meson.build: LOGMOJI_PYTHON), started directly:
# through a version manager's shim (pyenv) a start costs 0.9 s of CPU instead of 0.07 s.
if [ -n "${LOGMOJI_PYTHON:-}" ]; then python3() { "$LOGMOJI_PYTHON" "$@"; }; fi
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

# wait_for CMD...: true as soon as CMD is. Polls at once, then after 10, 20 and 50 ms, then every
# 0.1 s, and gives up after WAIT_FOR_SECONDS (30) of wall time: bounded, never a fixed sleep.
# (A doubling back-off waited up to twice as long as the condition took: 6 s of the follow
# test's 100 rotations. Load only makes the wait longer, within the bound.)
# Whether process $1 sleeps in poll(2) (its wait for input or for room to write), as the kernel
# names where it sleeps; where /proc does not say, it is taken as waiting.
waiting_in_poll() {
  local where
  where=$(cat "/proc/$1/wchan" 2>/dev/null) || return 0
  [ -z "$where" ] || [ "$where" = 0 ] || [[ $where == *poll* ]]
}

wait_for() {
  local deadline=$((SECONDS + ${WAIT_FOR_SECONDS:-30})) delay
  for delay in 0.01 0.02 0.05; do
    "$@" && return 0
    sleep "$delay"
  done
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# A guard against a hang, not a time bound: `timeout "$HANG_SECONDS" CMD` where CMD should end
# by itself. 30 s of wall time, as wait_for: an ASan start and exit alone took 4 to 6 s at a load
# of 20, which 10 s left too little room for; a real hang still fails, 20 s later.
HANG_SECONDS=30

# exited PID: true once PID has exited (a zombie counts: its status is waiting for us). One read
# of its stat: a look for the file, then one into it, let a zombie reaped between the two look
# alive (cli signals_pipes once failed so: "still running 30 s" after 5 s).
exited() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
  [[ $stat == *") Z "* ]]
}

# sanitized: true for an ASan or TSan build, whose memory figures (shadow memory) mean nothing
sanitized() { grep -qaE "__asan_init|__tsan_init" "$LOGMOJI"; }

finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
