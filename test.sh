#!/usr/bin/env bash
# Quick start, step 2: runs the whole test suite (unit, conformance, golden, CLI, the benchmark
# guard) and, when clang is installed, the same suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Ends with "N passed, N failed[, N skipped]"; exit status non-zero
# on any failure. LOGMOJI_SANITIZE=0 skips the sanitizer pass.
set -u
cd "$(dirname "$0")"
passed=0 failed=0 skipped=0 status=0

count() {  # count BUILD_DIR: adds that run's results to the totals
  read -r p f s < <(python3 - "$1/meson-logs/testlog.json" <<'PY'
import json, sys
p = f = s = 0
for line in open(sys.argv[1], encoding="utf-8"):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif result == "SKIP":
        s += 1
    else:
        f += 1
print(p, f, s)
PY
)
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

[ -f build/build.ninja ] || meson setup build >/dev/null || exit 2
if meson compile -C build >/dev/null; then
  meson test -C build --print-errorlogs --num-processes "$(nproc)" "$@" || status=1
  count build
else
  echo "build failed"; failed=$((failed + 1)); status=1
fi

if [ "${LOGMOJI_SANITIZE:-1}" != 0 ] && command -v clang++ >/dev/null; then
  echo "== the same suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang)"
  [ -f build-san/build.ninja ] || CXX=clang++ meson setup build-san -Dbuildtype=debug \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 2
  if meson compile -C build-san >/dev/null; then
    ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      meson test -C build-san --print-errorlogs --num-processes "$(nproc)" --no-suite bench -t 4 "$@" || status=1
    count build-san
  else
    echo "sanitizer build failed"; failed=$((failed + 1)); status=1
  fi
else
  echo "(clang++ not found: the sanitizer pass is skipped)"
fi

if [ -n "${LOGMOJI_FUZZ_SECONDS:-}" ] && command -v clang++ >/dev/null; then
  echo "== each fuzz target for ${LOGMOJI_FUZZ_SECONDS} s"
  [ -f build-fuzz/build.ninja ] || CXX=clang++ meson setup build-fuzz -Dfuzz=true -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 2
  if meson compile -C build-fuzz >/dev/null; then
    for target in render_line emit_json chunking query decompress; do
      scratch=$(mktemp -d)
      cp tests/fuzz/corpus/$target/* "$scratch/"
      if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 build-fuzz/tests/fuzz/fuzz_$target -max_total_time="$LOGMOJI_FUZZ_SECONDS" -max_len=4096 \
           -artifact_prefix="$scratch/crash-" "$scratch" >"$scratch.log" 2>&1; then
        echo "fuzz $target: $(grep -o 'Done [0-9]* runs' "$scratch.log")"; passed=$((passed + 1))
      else
        echo "fuzz $target FAILED:"; tail -n 30 "$scratch.log"; failed=$((failed + 1)); status=1
      fi
      rm -rf "$scratch" "$scratch.log"
    done
  else
    echo "fuzz build failed"; failed=$((failed + 1)); status=1
  fi
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit $status
