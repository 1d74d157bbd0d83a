#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on the built-in demo catalog:
# GDBM Studio, the desktop app, when a display is available; otherwise the headless pipeline
# (gdbm-cli run: 1,000 simulated listeners, the model trained, the recommendations evaluated
# against the baselines, one listener's top 10 explained; it also writes the listeners' CSVs).
# Extra arguments go to the program that runs (dataset files for the app; gdbm-cli options
# such as --data FILE, --seed S without a display).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GDBM_BUILD_DIR:-$root/build}"
out="${GDBM_OUT_DIR:-$root/out/demo}"

"$root/scripts/install-deps.sh"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    "$root/scripts/build.sh" gdbm-studio
    exec "$build/app/gui/gdbm-studio" "$@"
fi

echo "run: no display (DISPLAY and WAYLAND_DISPLAY are unset): running the headless pipeline instead." >&2
echo "run: on a desktop, the same command opens GDBM Studio." >&2
"$root/scripts/build.sh" gdbm-cli
"$build/app/cli/gdbm-cli" simulate --users 1000 --seed 1 --out "$out" "$@"
"$build/app/cli/gdbm-cli" run "$@"
