#!/usr/bin/env bash
# Every option in --help is in the man page, and every option the man page names exists.
. "$(dirname "$0")/common.sh" "$@"
root=$(cd "$(dirname "$0")/../.." && pwd)

"$LOGMOJI" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$WORK/help"
sed 's/\\-/-/g' "$root/man/logmoji.1" | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$WORK/man"
expect_eq "options in --help but not in the man page" "$(comm -23 "$WORK/help" "$WORK/man" | tr '\n' ' ')" ""
expect_eq "options in the man page but not in --help" "$(comm -13 "$WORK/help" "$WORK/man" | tr '\n' ' ')" ""
if command -v man >/dev/null; then
  expect_eq "the man page renders without warnings" "$(man --warnings -l "$root/man/logmoji.1" 2>&1 >/dev/null)" ""
fi
finish
