#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on the built-in demo catalog:
# load (or generate) the catalog, simulate 1,000 listeners and write their histories.
# Extra arguments go to `gdbm-cli simulate` (for example --data FILE, --users N, --seed S).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GDBM_BUILD_DIR:-$root/build}"
out="${GDBM_OUT_DIR:-$root/out/demo}"

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" gdbm-cli
"$build/app/cli/gdbm-cli" simulate --users 1000 --seed 1 --out "$out" "$@"
