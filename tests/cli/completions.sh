#!/usr/bin/env bash
# Shell completions: each script is what `logmoji --generate=SHELL` writes from the option table
# (UPDATE_DOCS=1 rewrites them), every option of --help is offered, every value offered is one
# the parser takes, and the scripts work in the real shells (bash with bash-completion, fish;
# zsh: syntax and compinit registration).
. "$(dirname "$0")/common.sh" "$@"
dir=$(cd "$(dirname "$0")/../../completions" && pwd)

for shell_file in bash:logmoji.bash zsh:_logmoji fish:logmoji.fish; do
  shell=${shell_file%%:*} f=${shell_file#*:}
  expect_status "--generate=$shell" 0 "$LOGMOJI" --generate="$shell"
  if [ "${UPDATE_DOCS:-}" = 1 ]; then cp "$WORK/out" "$dir/$f"; fi
  if cmp -s "$WORK/out" "$dir/$f"; then pass; else
    fail "completions/$f is not what the option table makes (UPDATE_DOCS=1 to regenerate)"
    diff "$dir/$f" "$WORK/out" | head -10
  fi
done
expect_status "--generate of an unknown kind" 2 "$LOGMOJI" --generate=tcsh
expect_contains "--generate names the kinds" "$WORK/err" "--generate: unknown kind 'tcsh'"

"$LOGMOJI" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u >"$WORK/options"
for f in logmoji.bash _logmoji logmoji.fish; do
  missing=$(while read -r opt; do grep -q -- "${opt#--}" "$dir/$f" || echo "$opt"; done <"$WORK/options" | tr '\n' ' ')
  expect_eq "$f offers every option" "$missing" ""
done

bash_complete() {  # bash_complete WORDS...: what completing the last word offers
  bash -c '
    [ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
    . "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _logmoji
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$dir/logmoji.bash" "$@"
}
expect_eq "bash: --col" "$(bash_complete logmoji --col)" "--color --colour "
expect_eq "bash: --color values" "$(bash_complete logmoji --color '')" "always auto never "
expect_eq "bash: -o j" "$(bash_complete logmoji -o j)" "json json-enriched "
expect_eq "bash: levels" "$(bash_complete logmoji -l w)" "warn warning "
touch "$WORK/app.jsonl"
expect_eq "bash: files" "$(cd "$WORK" && bash_complete logmoji app)" "app.jsonl "
expect_eq "bash: --config completes files" "$(cd "$WORK" && bash_complete logmoji --config app)" "app.jsonl "
expect_eq "bash: -F is offered" "$(bash_complete logmoji -F)" "-F "

# Every value a completion offers is one the command line takes (an empty directory, so that no
# file name is offered).
mkdir "$WORK/empty"
(cd "$WORK/empty" && bash -c '
  [ -f /usr/share/bash-completion/bash_completion ] && . /usr/share/bash-completion/bash_completion
  . "$1"
  while read -r opt; do
    COMP_WORDS=(logmoji "$opt" ""); COMP_CWORD=2; COMPREPLY=(); _logmoji
    for value in "${COMPREPLY[@]}"; do echo "$opt $value"; done
  done' _ "$dir/logmoji.bash" <"$WORK/options") >"$WORK/offered"
# A start each: every value in the release pass, under ASan (0.2 s of CPU a start, 67 values)
# the first value of each option, which still takes each option's way through the parser; the
# values themselves are the release pass's to check.
offered=0 last_opt=
while read -r opt value; do
  offered=$((offered + 1))
  if sanitized && [ "$opt" = "$last_opt" ]; then continue; fi
  last_opt=$opt
  "$LOGMOJI" --no-config "$opt" "$value" --print-config >/dev/null 2>"$WORK/err" ||
    fail "$opt $value is offered but refused: $(cat "$WORK/err")"
done <"$WORK/offered"
expect_eq "values are offered for the enumerated options" "$([ "$offered" -ge 30 ] && echo yes)" "yes"

if command -v fish >/dev/null; then
  fish_complete() { fish --no-config -c "source '$dir/logmoji.fish'; complete -C '$1'" | cut -f1 | sort | tr '\n' ' '; }
  expect_eq "fish: --out" "$(fish_complete 'logmoji --out')" "--output "
  expect_eq "fish: --output values" "$(fish_complete 'logmoji --output ')" "json json-enriched logfmt pretty raw "
  expect_eq "fish: --logger-emoji values" "$(fish_complete 'logmoji --logger-emoji ')" "hash off table "
else
  echo "fish not installed: fish checks skipped"
fi

if command -v zsh >/dev/null; then
  expect_eq "zsh: the script parses" "$(zsh -n "$dir/_logmoji" 2>&1)" ""
  expect_eq "zsh: compinit registers _logmoji for logmoji" \
    "$(zsh -fc "fpath=('$dir' \$fpath); autoload -U compinit; compinit -u -d '$WORK/zcompdump'; print \${_comps[logmoji]}")" "_logmoji"
else
  echo "zsh not installed: zsh checks skipped"
fi
finish
