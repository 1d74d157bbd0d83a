#!/usr/bin/env bash
# Installs every Debian 12 package GDBM Studio needs to build, test and run.
# Non-interactive and idempotent: packages already present are not touched, and apt is only
# asked when something is missing. Run as root (or with sudo available).
# Usage: scripts/install-deps.sh [--sanitizers]
#   --sanitizers  also clang and its runtimes, for scripts/sanitize.sh and scripts/fuzz.sh
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build ccache pkg-config clang-format
    # engine
    libeigen3-dev libtbb-dev nlohmann-json3-dev libsqlite3-dev
    # Qt 6: Core/Test for the CLI and tests, Widgets + Charts for the app
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev libgl-dev qt6-qpa-plugins
    libqt6sql6-sqlite
    # GUI tests and screenshots without a display
    xvfb xauth fonts-dejavu-core
    # packaging: the .deb (dpkg-shlibdeps), its policy check and the desktop metadata checks
    dpkg-dev lintian desktop-file-utils appstream gzip
    # reference benchmark (NumPy with an optimised BLAS)
    python3 python3-numpy libopenblas0
)
if [ "${1:-}" = "--sanitizers" ]; then
    packages+=(
        # AddressSanitizer, UndefinedBehaviorSanitizer, ThreadSanitizer and libFuzzer (clang's
        # runtimes), and llvm-symbolizer for the reports' stack traces
        clang-14 libclang-rt-14-dev llvm-14
    )
elif [ $# -gt 0 ]; then
    echo "usage: $0 [--sanitizers]" >&2
    exit 2
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
