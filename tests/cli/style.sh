#!/usr/bin/env bash
# The layout is enforced, not hoped for: every C++ file of the tree is as clang-format
# (.clang-format) would write it. `clang-format -i FILE` fixes a file that drifted.
. "$(dirname "$0")/common.sh" "$@"
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v clang-format >/dev/null; then fail "clang-format is not installed (setup.sh installs it)"; finish; exit; fi
cd "$root" || exit 2
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src include tests bench -name '*.cpp' -o -name '*.hpp')
# One clang-format run checks every file (a start per file cost most of the time); when it
# fails, each file is checked alone to name the ones that drifted.
# shellcheck disable=SC2086  # one file name a word
if clang-format --dry-run --Werror $files >/dev/null 2>"$WORK/fmt.err"; then
  for f in $files; do pass; done
else
  for f in $files; do
    if clang-format --dry-run --Werror "$f" >/dev/null 2>"$WORK/fmt.err"; then pass; else fail "$f is not formatted (clang-format -i $f)"; head -n 6 "$WORK/fmt.err" | sed 's/^/  | /'; fi
  done
fi
# The check can fail: a file with a wrongly indented line is caught.
printf 'int f() {\n      return 1;\n}\n' >"$WORK/bad.cpp"
cp "$root/.clang-format" "$WORK/.clang-format"
if clang-format --dry-run --Werror "$WORK/bad.cpp" >/dev/null 2>&1; then fail "a misformatted file passes the check"; else pass; fi
finish
