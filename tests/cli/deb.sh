#!/usr/bin/env bash
# packaging/build-deb.sh makes a .deb with Debian's tools that installs cleanly: its metadata
# and files, an install and purge with dpkg into a scratch root, dependencies that apt can
# satisfy here, and in CI (a fresh Debian 12, as root) a real install: the binary, man logmoji,
# the completions and a configuration file, then a clean purge.
. "$(dirname "$0")/common.sh" "$@"
for tool in dpkg-deb dpkg meson; do
  command -v $tool >/dev/null || { echo "$tool not found"; exit 77; }
done
build=$(dirname "$LOGMOJI")
src=$(cd "$(dirname "$0")/../.." && pwd)
deb=$(DEB_NO_BUILD=1 "$src/packaging/build-deb.sh" "$build" "$WORK/out") || fail "build-deb.sh"
[ -f "$deb" ] && pass || { fail "no .deb"; finish; exit; }

field() { dpkg-deb -f "$deb" "$1"; }
expect_eq "Package" "$(field Package)" "logmoji"
expect_eq "Version" "$(field Version)" "$("$LOGMOJI" --version | awk '{print $2}')"
for lib in libsimdjson14 libre2-9 libzstd1; do
  case "$(field Depends)" in *"$lib (>= "*) pass ;; *) fail "Depends names $lib: $(field Depends)" ;; esac
done
# toml++ is compiled in from its headers (meson.build): no run binds its shared library.
case "$(field Depends)" in *libtomlplusplus*) fail "Depends names toml++: $(field Depends)" ;; *) pass ;; esac
dpkg-deb --contents "$deb" | awk '{print $6}' >"$WORK/contents"
for f in ./usr/bin/logmoji ./usr/share/man/man1/logmoji.1.gz ./usr/share/bash-completion/completions/logmoji \
         ./usr/share/zsh/vendor-completions/_logmoji ./usr/share/fish/vendor_completions.d/logmoji.fish; do
  expect_contains "the package holds $f" "$WORK/contents" "$f"
done
if grep -q '^./usr/local' "$WORK/contents"; then fail "nothing under /usr/local"; else pass; fi
if dpkg-deb --contents "$deb" | awk '{print $2}' | grep -qv '^root/root$'; then fail "files owned by root"; else pass; fi

# dpkg into a scratch root: unpacks, registers, runs, purges without leftovers.
root=$WORK/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-not-root --force-depends -i "$deb" >"$WORK/dpkg.log" 2>&1 || fail "dpkg -i into a scratch root"
expect_eq "dpkg status" "$(dpkg --root="$root" -s logmoji 2>/dev/null | sed -n 's/^Status: //p')" "install ok installed"
expect_eq "the unpacked binary runs" "$("$root/usr/bin/logmoji" --version)" "$("$LOGMOJI" --version)"
dpkg --root="$root" --force-not-root --purge logmoji >"$WORK/dpkg.log" 2>&1 || fail "dpkg --purge"
expect_eq "nothing left after purge" "$(find "$root/usr" -type f 2>/dev/null)" ""

# Every dependency is satisfiable from this system's packages.
if command -v apt-get >/dev/null; then
  apt-get install --simulate "$deb" >"$WORK/apt.log" 2>&1
  expect_contains "apt-get can install it" "$WORK/apt.log" "Inst logmoji"
fi

# The real thing, only on a disposable CI machine, and not for the sanitizer build.
sanitized=$(meson introspect "$build" --buildoptions |
  python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="b_sanitize"))')
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ] && [ "$sanitized" = none ] && ! dpkg -s logmoji >/dev/null 2>&1; then
  apt-get install -y -qq "$deb" >"$WORK/apt.log" 2>&1 || { fail "apt-get install"; cat "$WORK/apt.log"; }
  expect_eq "/usr/bin/logmoji" "$(/usr/bin/logmoji --version)" "$("$LOGMOJI" --version)"
  if man -P cat logmoji 2>/dev/null | grep -q "CONFIGURATION"; then pass; else fail "man logmoji after install"; fi
  out=$(bash -c '. /usr/share/bash-completion/bash_completion; _completion_loader logmoji; complete -p logmoji' 2>&1)
  case "$out" in *"-F _logmoji"*) pass ;; *) fail "bash finds the installed completion: $out" ;; esac
  mkdir -p "$XDG_CONFIG_HOME/logmoji"
  printf 'omit-timestamp = true\nlogger-emoji = "off"\n' >"$XDG_CONFIG_HOME/logmoji/config.toml"
  expect_eq "the installed binary reads config.toml" \
    "$(printf '{"timestamp":"t","event":"hi"}\n' | /usr/bin/logmoji)" "hi"
  apt-get purge -y -qq logmoji >"$WORK/apt.log" 2>&1 || fail "apt-get purge"
  if [ -e /usr/bin/logmoji ]; then fail "purged"; else pass; fi
else
  echo "real install skipped (only as root in CI, on the unsanitized build)"
fi
finish
