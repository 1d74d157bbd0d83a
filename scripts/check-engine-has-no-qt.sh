#!/usr/bin/env bash
# The engine is plain C++ (Eigen, oneTBB): no Qt include anywhere under engine/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if grep -rn -E '#\s*include\s*[<"]Q' "$root/engine"; then
    echo "check-engine-has-no-qt: the engine must not include Qt headers" >&2
    exit 1
fi
echo "check-engine-has-no-qt: engine is Qt-free"
