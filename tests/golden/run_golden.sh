#!/usr/bin/env bash
# Golden test: renders tests/golden/CASE.jsonl (or the file CASE.input names, relative to the
# golden folder) with the arguments in CASE.args (one per line) and compares stdout, stderr and
# the exit status with CASE.out, CASE.err and CASE.rc.
# Without CASE, runs every case in the folder, found now rather than when meson was configured,
# and reports each by name in TAP (meson's `golden` test).
# Approve a change deliberately with UPDATE_GOLDEN=1, then review the diff in git.
# usage: run_golden.sh LOGMOJI GOLDEN_DIR [CASE]
set -u
bin=$1 dir=$2
unset NO_COLOR FORCE_COLOR CLICOLOR_FORCE
for v in $(env | grep -o '^PROVIDE_[A-Z_]*'); do unset "$v"; done
export TZ=UTC LC_ALL=C.UTF-8
out=$(mktemp) err=$(mktemp); trap 'rm -f "$out" "$err"' EXIT

# Runs one case; prints what differs and returns 1 when anything does.
run_case() {
  local case=$1 args=() input rc fail=0 expected_rc=0 expected_err=/dev/null
  if [ -f "$dir/$case.args" ]; then mapfile -t args <"$dir/$case.args"; fi
  input=$case.jsonl
  [ -f "$dir/$case.input" ] && input=$(cat "$dir/$case.input")
  (cd "$dir" && "$bin" "${args[@]}" "$input") >"$out" 2>"$err"
  rc=$?
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$dir/$case.out"
    if [ -s "$err" ]; then cp "$err" "$dir/$case.err"; else rm -f "$dir/$case.err"; fi
    if [ $rc -ne 0 ]; then echo $rc >"$dir/$case.rc"; else rm -f "$dir/$case.rc"; fi
    echo "updated $case: review with git diff"
    return 0
  fi
  [ -f "$dir/$case.rc" ] && expected_rc=$(cat "$dir/$case.rc")
  if [ "$rc" != "$expected_rc" ]; then echo "exit status $rc, expected $expected_rc"; fail=1; fi
  if ! cmp -s "$out" "$dir/$case.out"; then
    echo "stdout differs (- expected, + actual):"; diff -u <(cat -v "$dir/$case.out") <(cat -v "$out") | head -40; fail=1
  fi
  [ -f "$dir/$case.err" ] && expected_err="$dir/$case.err"
  if ! cmp -s "$err" "$expected_err"; then
    echo "stderr differs (- expected, + actual):"; diff -u <(cat -v "$expected_err") <(cat -v "$err") | head -20; fail=1
  fi
  return $fail
}

if [ $# -ge 3 ]; then
  run_case "$3"
  exit
fi

# A case is an input: CASE.jsonl, or CASE.input naming a shared one.
cases=()
for f in "$dir"/*.jsonl "$dir"/*.input; do
  [ -f "$f" ] || continue
  name=${f##*/}
  cases+=("${name%.*}")
done
mapfile -t cases < <(printf '%s\n' "${cases[@]}" | LC_ALL=C sort)
if [ ${#cases[@]} -eq 0 ]; then echo "Bail out! no golden cases in $dir"; exit 1; fi
echo "1..${#cases[@]}"
failed=0 n=0
for case in "${cases[@]}"; do
  n=$((n + 1))
  if report=$(run_case "$case"); then
    echo "ok $n $case"
  else
    echo "not ok $n $case"
    failed=$((failed + 1))
  fi
  [ -n "$report" ] && printf '%s\n' "$report" | sed 's/^/# /'
done
[ $failed -eq 0 ]
