#!/usr/bin/env bash
# Quick start, step 2: runs the whole test suite (unit, conformance, golden, CLI) and ends with
# the summary line "N passed, N failed[, N skipped]". Exit status non-zero on any failure.
set -u
cd "$(dirname "$0")"
[ -f build/build.ninja ] || meson setup build >/dev/null || exit 2
meson compile -C build >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs --num-processes "$(nproc)" "$@"
status=$?
python3 - build/meson-logs/testlog.json <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
for line in open(sys.argv[1], encoding="utf-8"):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        counts["passed"] += 1
    elif result == "SKIP":
        counts["skipped"] += 1
    else:
        counts["failed"] += 1
summary = f"{counts['passed']} passed, {counts['failed']} failed"
if counts["skipped"]:
    summary += f", {counts['skipped']} skipped"
print(summary)
PY
exit $status
