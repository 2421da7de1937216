#!/usr/bin/env bash
# Byte-exact conformance with provide.foundation's own output (README.md beside this script).
# usage: run_conformance.sh LOGMOJI render|render-color|enrich|json-enriched
set -u
bin=$1 variant=$2
dir=$(cd "$(dirname "$0")" && pwd)
# No test may depend on the colour variables of whoever runs it.
unset NO_COLOR FORCE_COLOR CLICOLOR_FORCE
for v in $(env | grep -o '^PROVIDE_[A-Z_]*'); do unset "$v"; done

case $variant in
  render)       args=(--color never); input=render.input.jsonl; expected=render.expected.txt ;;
  render-color) args=(--color always); input=render.input.jsonl; expected=render.expected.color.txt ;;
  enrich|json-enriched)
    # The level configuration recorded beside the expected output.
    levels=$("${LOGMOJI_PYTHON:-python3}" -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["default_level"].lower()); print(",".join(k+":"+v for k,v in c["module_levels"].items()))' "$dir/config.json")
    args=(--color never --level "$(sed -n 1p <<<"$levels")" --module-levels "$(sed -n 2p <<<"$levels")")
    input=enrich.input.jsonl; expected=enrich.expected.txt
    # The library's JSON formatter output of the same calls is render.input.jsonl.
    if [ "$variant" = json-enriched ]; then args+=(-o json-enriched); expected=render.input.jsonl; fi ;;
  *) echo "unknown variant $variant"; exit 2 ;;
esac
case $variant in render*) args+=(--level trace) ;; esac

actual=$(mktemp); trap 'rm -f "$actual"' EXIT
"$bin" --foundation "${args[@]}" "$dir/$input" >"$actual"
status=$?
if [ $status -ne 0 ]; then echo "logmoji exited with $status"; exit 1; fi
if ! cmp -s "$actual" "$dir/$expected"; then
  echo "output differs from $expected (- expected, + logmoji):"
  diff -u <(cat -v "$dir/$expected") <(cat -v "$actual") | head -60
  exit 1
fi
echo "conformance $variant: $(wc -l <"$actual") lines byte-identical"
