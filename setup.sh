#!/usr/bin/env bash
# Quick start, step 1: installs what logmoji needs from Debian 12, builds it, and renders the
# bundled sample log. Run as root on a fresh Debian 12 (or with sudo available).
#   ./setup.sh              install, build, render examples/async-workers.jsonl
#   ./setup.sh --no-render  install and build only (CI)
# LOGMOJI_MESON_ARGS is passed to the first `meson setup` (CI: -Dwerror=true).
set -eu
cd "$(dirname "$0")"

packages=(
  g++ meson ninja-build pkg-config        # toolchain
  libsimdjson-dev libre2-dev libcli11-dev # parsing, masking, command line
  libtomlplusplus-dev                     # the configuration file
  zlib1g-dev libzstd-dev liblzma-dev libbz2-dev  # compressed inputs
  catch2 python3 bsdutils                 # tests (python3 summarises, script(1) gives a pty)
  clang-format                            # tests: the layout check (tests/cli/style.sh)
  gzip zstd xz-utils bzip2 man-db         # tests: compressed fixtures, the man page check
  hyperfine time valgrind                 # the benchmark, its guard, instructions per line
  bash-completion zsh fish                # completion tests in the real shells
)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# shellcheck disable=SC2086  # the arguments are words on purpose
[ -f build/build.ninja ] || meson setup build ${LOGMOJI_MESON_ARGS:-} >/dev/null
meson compile -C build >/dev/null

if [ "${1:-}" != "--no-render" ]; then
  build/logmoji --color always --paging never examples/async-workers.jsonl
fi
