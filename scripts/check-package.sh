#!/usr/bin/env bash
# Builds the Debian package and checks it the way a user would meet it: the desktop file and
# AppStream metadata validate, lintian finds no error or warning, the .deb installs with dpkg,
# both installed programs run from their installed paths and report the project's version, and
# the package removes cleanly.
# Run as root (it installs and removes the package).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GDBM_BUILD_DIR:-$root/build}"
app_id=org.gdbmstudio.GdbmStudio

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
version=$(sed -n 's/^set(CMAKE_PROJECT_VERSION "\(.*\)")$/\1/p; s/^CMAKE_PROJECT_VERSION:STATIC=\(.*\)$/\1/p' \
    "$build/CMakeCache.txt" | head -1)
[ -n "$version" ] || version=$(grep -m1 -oP 'VERSION \K[0-9.]+' "$root/CMakeLists.txt")

echo "check-package: validating desktop metadata"
desktop-file-validate "$root/packaging/$app_id.desktop"
appstreamcli validate --no-net --explain "$build/packaging/$app_id.metainfo.xml"

echo "check-package: building the .deb"
(cd "$build" && cpack -G DEB >/dev/null)
arch=$(dpkg --print-architecture)
deb="$build/gdbm-studio_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "check-package: expected $deb" >&2; ls "$build"/*.deb >&2 || true; exit 1; }
dpkg-deb --info "$deb" | grep -E 'Package|Version|Section|Depends'

# Debian's own checker: no error and no warning (information tags, such as the hardening
# flags of a plain CMake build, are listed but do not fail the check).
echo "check-package: lintian"
lintian --fail-on error,warning "$deb"

echo "check-package: installing with dpkg"
dpkg -i "$deb"
trap 'dpkg -r gdbm-studio >/dev/null 2>&1 || true' EXIT
cli=$(/usr/bin/gdbm-cli --version | head -1)
kernels=$(/usr/bin/gdbm-cli --version | sed -n 2p) # the instruction set chosen at run time
gui=$(QT_QPA_PLATFORM=offscreen /usr/bin/gdbm-studio --version)
echo "  $cli"
echo "  $kernels"
echo "  $gui"
case "$kernels" in "kernels: engine "*) ;; *) echo "check-package: no kernel line in --version" >&2; exit 1 ;; esac
[ "$cli" = "gdbm-cli $version" ] || { echo "check-package: gdbm-cli reports '$cli', not $version" >&2; exit 1; }
case "$gui" in *" $version") ;; *) echo "check-package: gdbm-studio reports '$gui', not $version" >&2; exit 1 ;; esac
grep -q "version=\"$version\"" "/usr/share/metainfo/$app_id.metainfo.xml"
for f in /usr/share/applications/$app_id.desktop /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
    /usr/share/icons/hicolor/48x48/apps/$app_id.png /usr/share/icons/hicolor/256x256/apps/$app_id.png \
    /usr/share/man/man1/gdbm-cli.1.gz /usr/share/man/man1/gdbm-studio.1.gz \
    /usr/share/doc/gdbm-studio/changelog.gz; do
    [ -f "$f" ] || { echo "check-package: $f not installed" >&2; exit 1; }
done
man -l /usr/share/man/man1/gdbm-cli.1.gz >/dev/null 2>&1 || zcat /usr/share/man/man1/gdbm-cli.1.gz | head -1 >/dev/null

echo "check-package: removing"
files=$(dpkg -L gdbm-studio | grep -E '^/usr/(bin|share/(applications|metainfo|icons|man))/.*\.' || true)
dpkg -r gdbm-studio
trap - EXIT
for f in $files; do
    [ ! -e "$f" ] || { echo "check-package: $f left behind after removal" >&2; exit 1; }
done
[ ! -e /usr/bin/gdbm-cli ] && [ ! -e /usr/bin/gdbm-studio ]
echo "check-package: gdbm-studio $version packaged, installed, ran and removed cleanly"
