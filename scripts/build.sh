#!/usr/bin/env bash
# Configures and builds the project in build/ (Release, Ninja, ccache when present).
# Usage: scripts/build.sh [target...]   (no target: everything)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GDBM_BUILD_DIR:-$root/build}"
jobs="${GDBM_JOBS:-$(nproc)}"

if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
if [ $# -eq 0 ]; then
    cmake --build "$build" -j "$jobs"
else
    cmake --build "$build" -j "$jobs" --target "$@"
fi
