#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every check and test:
# the format check, the engine's no-Qt rule, and the whole ctest suite (labels unit, gui, slow).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GDBM_BUILD_DIR:-$root/build}"

"$root/scripts/install-deps.sh"
"$root/scripts/check-format.sh"
"$root/scripts/check-engine-has-no-qt.sh"
"$root/scripts/build.sh"
cd "$build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$(nproc)"
