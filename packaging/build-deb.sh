#!/usr/bin/env bash
# Builds a Debian package of logmoji from a configured meson build directory, with Debian's own
# tools only (meson install, dpkg-deb, dpkg-query): no debian/ tree, no network.
#   packaging/build-deb.sh [BUILD_DIR [OUT_DIR]]     (defaults: build, build)
# Prints the path of the .deb. Depends: is computed from the shared libraries the binary links:
# the Debian packages that ship them, at least at their installed upstream versions (without
# the Debian revision, so that an older point release of Debian 12 satisfies them too).
# DEB_NO_BUILD=1 packages the build directory as it is (the tests do).
set -eu
build=${1:-build}
out=${2:-$build}
cd "$(dirname "$0")/.."
[ -f "$build/build.ninja" ] || { echo "build-deb: $build is not a meson build directory" >&2; exit 2; }
[ "${DEB_NO_BUILD:-}" = 1 ] || meson compile -C "$build" logmoji:executable >/dev/null

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
meson install -C "$build" --no-rebuild --destdir "$stage/install" >/dev/null
prefix=$(meson introspect "$build" --buildoptions |
  python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
# A package installs under /usr whatever prefix the build directory was configured with; the
# program holds no path of its own, so moving the tree is enough.
root=$stage/root
mkdir -p "$root/usr"
cp -a "$stage/install$prefix/." "$root/usr/"
gzip -9n "$root/usr/share/man/man1/logmoji.1"
mkdir -p "$root/usr/share/doc/logmoji"
cp README.md "$root/usr/share/doc/logmoji/"
strip --strip-unneeded "$root/usr/bin/logmoji" 2>/dev/null || true

binary=$root/usr/bin/logmoji
version=$("$build/logmoji" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
depends=$(ldd "$binary" | awk '/=> \//{print $3}' | while read -r lib; do
  real=$(readlink -f "$lib")
  pkg=$(dpkg-query -S "$lib" 2>/dev/null || dpkg-query -S "$real" 2>/dev/null || true)
  pkg=${pkg%%:*}
  [ -z "$pkg" ] && continue
  version=$(dpkg-query -W -f='${Version}' "$pkg")
  echo "$pkg (>= ${version%-*})"
done | sort -u | paste -sd, | sed 's/,/, /g')
size=$(du -sk "$root/usr" | cut -f1)

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: logmoji
Version: $version
Architecture: $arch
Maintainer: logmoji developers <logmoji@localhost>
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Homepage: https://github.com/logmoji/logmoji
Description: fast renderer and filter for JSON-lines logs
 logmoji reads structured (JSON-lines) log events from files or standard input
 and prints them the way provide.foundation's console renderer does: logger
 emoji, Domain-Action-Status markers, secret masking and structlog's key=value
 layout. It filters with a small query language, re-emits JSON, follows
 rotating files and reads compressed archives.
CONTROL
mkdir -p "$out"
deb=$out/logmoji_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
