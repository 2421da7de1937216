#!/usr/bin/env bash
# The bundled examples render, and the seed example keeps its promise: the three workers share
# one emoji, different from the main logger's.
. "$(dirname "$0")/common.sh" "$@"
root=$(cd "$(dirname "$0")/../.." && pwd)

for f in "$root"/examples/*.jsonl; do
  expect_status "renders $(basename "$f")" 0 "$LOGMOJI" --color always "$f"
  # Exception text is printed below its event: leave it out to count.
  "$LOGMOJI" -x exception "$f" >"$WORK/out"
  expect_eq "$(basename "$f"): one output line per input line" "$(wc -l <"$WORK/out")" "$(wc -l <"$f")"
done

"$LOGMOJI" --color never --omit-timestamp "$root/examples/async-workers.jsonl" >"$WORK/out"
emoji_of() { grep -F "[$1]" "$WORK/out" | head -n1 | sed -E 's/^\[[a-z ]+\] ([^ ]+) .*/\1/'; }
alpha=$(emoji_of worker.alpha) bravo=$(emoji_of worker.bravo) charlie=$(emoji_of worker.charlie) main=$(emoji_of main)
expect_eq "worker.alpha and worker.bravo share an emoji" "$alpha" "$bravo"
expect_eq "worker.bravo and worker.charlie share an emoji" "$bravo" "$charlie"
if [ -n "$main" ] && [ "$main" != "$alpha" ]; then pass; else fail "main's emoji ($main) must differ from the workers' ($alpha)"; fi
expect_eq "three workers complete" "$(grep -c 'Work complete' "$WORK/out")" "3"

finish
