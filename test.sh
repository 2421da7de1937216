#!/usr/bin/env bash
# Quick start, step 2: runs the whole test suite (unit, conformance, golden, CLI, the benchmark
# guard) and, when clang is installed, the same suite again under AddressSanitizer and
# UndefinedBehaviorSanitizer (suite nosan left out: docs/testing.md says why). Ends with
# "N passed, N failed[, N skipped]"; exit status non-zero on any failure. A skipped test is named
# on a line of its own starting with "SKIPPED". LOGMOJI_SANITIZE=0 leaves the sanitizer pass out;
# CI adds LOGMOJI_FUZZ_SECONDS=N (each fuzz target N seconds) and LOGMOJI_TSAN=1 (the threaded
# paths under ThreadSanitizer).
set -u
cd "$(dirname "$0")"
passed=0 failed=0 skipped=0 status=0

count() {  # count BUILD_DIR: adds that run's results to the totals, names every skipped test
  local counts log
  # The run just ended wrote the newest log: with --wrapper W it is testlog-W.json.
  log=$(ls -t "$1"/meson-logs/testlog*.json | head -n1)
  counts=$(python3 - "$log" "$1" <<'PY'
import json, sys
p = f = s = 0
for line in open(sys.argv[1], encoding="utf-8"):
    test = json.loads(line)
    result = test["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif result == "SKIP":
        s += 1
        why = (test.get("stdout") or "").strip().splitlines()[-1:] or ["no reason given"]
        print(f"SKIPPED ({sys.argv[2]}): {test['name']}: {why[0]}", file=sys.stderr)
    else:
        f += 1
print(p, f, s)
PY
)
  read -r p f s <<<"$counts"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

sanitize=0
if [ "${LOGMOJI_SANITIZE:-1}" != 0 ] && command -v clang++ >/dev/null; then
  sanitize=1
  # -O0 (ASan's reports are exact there) with line tables only: full -g cost a third of the
  # build's time and a report needs no more than file and line. Linked -no-pie: a PIE start
  # relocated 247,000 addresses, a third of the 0.28 s of CPU each ASan start cost, and the tests
  # start logmoji thousands of times. A unity build, 8 sources to a compilation: at -O0 the
  # time goes to parsing simdjson, CLI11 and toml++ once per file (docs/testing.md, "The time
  # budget"); the unit tests stay one file at a time (tests/meson.build).
  san_options=(-Dcpp_link_args=-no-pie -Dunity=on -Dunity_size=8)
  [ -f build-san/build.ninja ] || CXX=clang++ meson setup build-san -Dbuildtype=plain -Dcpp_args=-gline-tables-only \
    "${san_options[@]}" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 2
  # A build-san set up by an older test.sh gets the options it lacks.
  python3 - build-san/meson-info/intro-buildoptions.json <<'PY' || meson configure build-san "${san_options[@]}" >/dev/null || exit 2
import json, sys
options = {o["name"]: o["value"] for o in json.load(open(sys.argv[1]))}
sys.exit(0 if "-no-pie" in options["cpp_link_args"] and options["unity"] == "on" and options["unity_size"] == 8 else 1)
PY
fi

[ -f build/build.ninja ] || meson setup build >/dev/null || exit 2
if meson compile -C build >/dev/null; then
  # The sanitizer build compiles meanwhile, at low priority: it takes the CPU the tests leave
  # idle while they wait on pipes, ptys and files, and the tests keep the rest.
  san_build=
  if [ $sanitize = 1 ]; then
    nice -n 15 meson compile -C build-san -j "$(nproc)" >"build-san/compile.log" 2>&1 &
    san_build=$!
  fi
  meson test -C build --print-errorlogs --num-processes "$(nproc)" "$@" || status=1
  count build
else
  echo "build failed"; failed=$((failed + 1)); status=1
fi

if [ $sanitize = 1 ]; then
  echo "== the same suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang)"
  # ASan + UBSan at -O0 make a test up to 6.6 times slower than the release build (parallel;
  # measured: docs/testing.md); the timeouts in tests/meson.build, which carry a 3x margin over
  # loaded runs already, are multiplied by this.
  san_factor=5
  san_built=0
  if [ -n "${san_build:-}" ]; then wait "$san_build" && san_built=1 || cat build-san/compile.log; fi
  # Whatever is not built yet (the release build failed, or the background build did): now.
  [ $san_built = 1 ] || meson compile -C build-san >/dev/null && san_built=1
  if [ $san_built = 1 ]; then
    ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      meson test -C build-san --print-errorlogs --num-processes "$(nproc)" --no-suite bench --no-suite nosan \
        -t "$san_factor" "$@" || status=1
    count build-san
  else
    echo "sanitizer build failed"; failed=$((failed + 1)); status=1
  fi
elif [ "${LOGMOJI_SANITIZE:-1}" = 0 ]; then
  echo "(LOGMOJI_SANITIZE=0: no sanitizer pass)"
else
  echo "SKIPPED: the whole sanitizer pass: clang++ not found (CI installs it)" >&2
fi

if [ -n "${LOGMOJI_FUZZ_SECONDS:-}" ] && command -v clang++ >/dev/null; then
  echo "== each fuzz target for ${LOGMOJI_FUZZ_SECONDS} s"
  targets=(render_line emit_json chunking query decompress prefilter block_parse sanitize)
  # Unity, as build-san; and only the libFuzzer executables: the unit tests and replays this
  # build would also make are run by the passes above.
  [ -f build-fuzz/build.ninja ] || CXX=clang++ meson setup build-fuzz -Dfuzz=true -Dbuildtype=debugoptimized \
    -Dunity=on -Dunity_size=8 -Db_sanitize=address,undefined -Db_lundef=false >/dev/null || exit 2
  if meson compile -C build-fuzz "${targets[@]/#/fuzz_}" >/dev/null; then
    for target in "${targets[@]}"; do
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
elif [ -n "${LOGMOJI_FUZZ_SECONDS:-}" ]; then
  echo "SKIPPED: fuzzing: clang++ not found" >&2
fi

if [ "${LOGMOJI_TSAN:-0}" != 0 ] && command -v clang++ >/dev/null; then
  echo "== the threaded paths' CLI tests under ThreadSanitizer (clang)"
  # The parallel engine hands blocks, output order and signals between threads: races there
  # show only under load, so ThreadSanitizer watches the tests that drive it (docs/testing.md).
  # Only the logmoji executable is built, unity as build-san.
  [ -f build-tsan/build.ninja ] || CXX=clang++ meson setup build-tsan -Dbuildtype=debugoptimized -Dtests=false \
    -Dunity=on -Dunity_size=8 -Db_sanitize=thread -Db_lundef=false >/dev/null || exit 2
  if meson compile -C build-tsan logmoji:executable >/dev/null; then
    for t in parallel signals_pipes envelopes compressed outputs tail; do
      if TSAN_OPTIONS=halt_on_error=1:exitcode=66 bash tests/cli/$t.sh "$PWD/build-tsan/logmoji" >"build-tsan/$t.log" 2>&1; then
        echo "tsan $t: $(tail -n1 "build-tsan/$t.log")"; passed=$((passed + 1))
      else
        echo "tsan $t FAILED:"; tail -n 40 "build-tsan/$t.log"; failed=$((failed + 1)); status=1
      fi
    done
  else
    echo "ThreadSanitizer build failed"; failed=$((failed + 1)); status=1
  fi
elif [ "${LOGMOJI_TSAN:-0}" != 0 ]; then
  echo "SKIPPED: ThreadSanitizer pass: clang++ not found" >&2
fi

summary="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  summary="$summary, $skipped skipped"
  echo "SKIPPED: $skipped tests did not run (named above): this run proves less than it says" >&2
fi
echo "$summary"
exit $status
