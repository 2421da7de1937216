#!/usr/bin/env bash
# meson install puts the binary, the man page and the three completions where Debian's tools
# look for them, and the installed man page renders.
. "$(dirname "$0")/common.sh" "$@"
build=$(dirname "$LOGMOJI")
if ! command -v meson >/dev/null; then echo "meson not found"; exit 77; fi
meson install -C "$build" --no-rebuild --destdir "$WORK/root" >/dev/null 2>"$WORK/install.err" || { cat "$WORK/install.err"; fail "meson install"; }
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
root=$WORK/root$prefix
for f in bin/logmoji share/man/man1/logmoji.1 share/bash-completion/completions/logmoji \
         share/zsh/vendor-completions/_logmoji share/fish/vendor_completions.d/logmoji.fish; do
  if [ -e "$root/$f" ]; then pass; else fail "installed: $f"; fi
done
expect_eq "the installed binary runs" "$("$root/bin/logmoji" --version)" "$("$LOGMOJI" --version)"
if command -v man >/dev/null; then
  if MANPATH="$root/share/man" man -P cat logmoji 2>/dev/null | grep -q "QUERY LANGUAGE"; then pass; else fail "man logmoji"; fi
fi

# Each shell finds the installed completion the way it finds any other: bash-completion's loader
# through XDG_DATA_DIRS, fish through its vendor directory, zsh through fpath and compinit.
if [ -f /usr/share/bash-completion/bash_completion ]; then
  out=$(XDG_DATA_DIRS="$root/share" bash -c '. /usr/share/bash-completion/bash_completion
    _completion_loader logmoji; COMP_WORDS=(logmoji --colo); COMP_CWORD=1; _logmoji; echo "${COMPREPLY[*]}"' 2>&1)
  expect_eq "bash loads the installed completion" "$out" "--color --colour"
fi
if command -v fish >/dev/null; then
  # fish autoloads completions only for commands it finds in PATH.
  out=$(PATH="$root/bin:$PATH" fish --no-config -c "set -p fish_complete_path '$root/share/fish/vendor_completions.d'
    complete -C 'logmoji --theme '" | cut -f1 | sort | tr '\n' ' ')
  expect_eq "fish loads the installed completion" "$out" "foundation plain "
fi
if command -v zsh >/dev/null; then
  out=$(zsh -fc "fpath=('$root/share/zsh/vendor-completions' \$fpath); autoload -U compinit
    compinit -u -d '$WORK/zcompdump'; print \${_comps[logmoji]}")
  expect_eq "zsh registers the installed completion" "$out" "_logmoji"
fi

# The installed binary reads a configuration file from the XDG location.
mkdir -p "$XDG_CONFIG_HOME/logmoji"
printf 'omit-timestamp = true\nlogger-emoji = "off"\n' >"$XDG_CONFIG_HOME/logmoji/config.toml"
expect_eq "the installed binary reads config.toml" "$(printf '{"timestamp":"t","event":"hi"}\n' | "$root/bin/logmoji")" "hi"
finish
