# bash completion for logmoji                                   -*- shell-script -*-
# Options, their values, and files.

_logmoji() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --color | --colour | --paging) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
    -o | --output) COMPREPLY=($(compgen -W 'pretty json json-enriched logfmt raw' -- "$cur")); return ;;
    --logger-emoji) COMPREPLY=($(compgen -W 'hash table off' -- "$cur")); return ;;
    --theme) COMPREPLY=($(compgen -W 'foundation plain' -- "$cur")); return ;;
    --config) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
    -l | --level) COMPREPLY=($(compgen -W 'trace debug info warning warn error critical fatal' -- "$cur")); return ;;
    --since | --until) COMPREPLY=($(compgen -W 'now today yesterday 15m 1h 1d' -- "$cur")); return ;;
    -q | --query | -g | --grep | --logger | --logger-prefix | --exclude-logger | --module-levels | -k | --keys | -x | --hide | \
      --time-format | --max-line-size | -n | --tail | --threads) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W '--help --version --max-line-size --strict --follow -F --tail --merge --threads
      --foundation --logger-emoji --logger-prefix --no-mask --no-markers --emoji-matrix --level --module-levels --query --logger
      --exclude-logger --grep --since --until --utc --local --color --colour --omit-timestamp --paging --output
      --keys --hide --time-format --count --stats --quiet --config --no-config --print-config --theme' -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null
}
complete -F _logmoji logmoji
