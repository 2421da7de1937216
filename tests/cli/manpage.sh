#!/usr/bin/env bash
# The man page's OPTIONS section is what `logmoji --generate=man` writes from the option table
# (src/cli_options.cpp), the same table --help comes from; every option in --help is in the man
# page and every option the man page names exists. UPDATE_DOCS=1 rewrites the section.
. "$(dirname "$0")/common.sh" "$@"
root=$(cd "$(dirname "$0")/../.." && pwd)
page=$root/man/logmoji.1

# The page with its OPTIONS section (up to the next .SH) replaced by the file $1.
splice() {
  awk -v section="$1" '
    /^\.SH / { if (skipping) skipping = 0 }
    /^\.SH OPTIONS$/ { while ((getline line < section) > 0) print line; skipping = 1; next }
    !skipping { print }' "$page"
}
expect_status "--generate=man" 0 "$LOGMOJI" --generate=man
cp "$WORK/out" "$WORK/options.roff"
splice "$WORK/options.roff" >"$WORK/generated.1"
if [ "${UPDATE_DOCS:-}" = 1 ]; then cp "$WORK/generated.1" "$page"; fi
if cmp -s "$WORK/generated.1" "$page"; then pass; else
  fail "man/logmoji.1's OPTIONS are not what the option table makes (UPDATE_DOCS=1 to regenerate)"
  diff "$page" "$WORK/generated.1" | head -10
fi
expect_eq "the section is spliced in once" "$(grep -c '^\.SH OPTIONS$' "$page")" "1"

"$LOGMOJI" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$WORK/help"
sed 's/\\-/-/g' "$page" | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$WORK/man"
expect_eq "options in --help but not in the man page" "$(comm -23 "$WORK/help" "$WORK/man" | tr '\n' ' ')" ""
expect_eq "options in the man page but not in --help" "$(comm -13 "$WORK/help" "$WORK/man" | tr '\n' ' ')" ""

# --help and the man page describe an option with the same names and value name.
expect_contains "--help: names and value from the table" <("$LOGMOJI" --help) "-o,--output FORMAT"
expect_contains "man: names and value from the table" "$WORK/options.roff" '.BI \-o ", " \-\-output " FORMAT"'
expect_contains "--help: the table's help line" <("$LOGMOJI" --help) "Output format: pretty (the console layout)"

if command -v man >/dev/null; then
  expect_eq "the man page renders without warnings" "$(man --warnings -l "$page" 2>&1 >/dev/null)" ""
fi
finish
