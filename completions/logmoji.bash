# bash completion for logmoji                                   -*- shell-script -*-
# generated from the option table, src/cli_options.cpp: do not edit

_logmoji() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --input) COMPREPLY=($(compgen -W 'auto json logfmt docker cri journald otlp' -- "$cur")); return ;;
    --logger-emoji) COMPREPLY=($(compgen -W 'hash table off' -- "$cur")); return ;;
    -l | --level) COMPREPLY=($(compgen -W 'trace silly finest trce finer debug fine dbug verbose config http info information notice success warning warn error err eror severe dpanic critical crit fatal panic alert emergency emerg' -- "$cur")); return ;;
    --raw) COMPREPLY=($(compgen -W 'show hide' -- "$cur")); return ;;
    --since) COMPREPLY=($(compgen -W 'now today yesterday 15m 1h 1h30m 1d' -- "$cur")); return ;;
    --until) COMPREPLY=($(compgen -W 'now today yesterday 15m 1h 1h30m 1d' -- "$cur")); return ;;
    -o | --output) COMPREPLY=($(compgen -W 'pretty json json-enriched logfmt raw' -- "$cur")); return ;;
    --paging) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
    --color | --colour) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
    --config) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    --theme) COMPREPLY=($(compgen -W 'foundation plain' -- "$cur")); return ;;
    --max-line-size | -n | --tail | --threads | --logger-prefix | --field | --module-levels | -q | --query | --logger | --exclude-logger | -g | --grep | -A | --after-context | -B | --before-context | -C | --context | -k | --keys | -x | --hide | --time-format) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--input --max-line-size --merge --follow -F --tail --label --no-label --threads --strict --foundation --logger-emoji --logger-prefix --no-mask --field --no-mask --no-markers --emoji-matrix --level --module-levels --query --logger --exclude-logger --grep --invert-match --raw --after-context --before-context --context --ignore-case --since --until --utc --local --output --keys --hide --time-format --paging -P --count --stats --quiet --no-messages --color --colour --omit-timestamp --config --no-config --print-config --theme --help --version' -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null
}
complete -F _logmoji logmoji
