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
finish
