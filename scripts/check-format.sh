#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (the project's .clang-format) makes of it.
# With --fix, reformats them instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find engine app ui tests bench -name '*.cpp' -o -name '*.h')
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    exit 0
fi
bad=()
for f in "${files[@]}"; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
    echo "check-format: not clang-formatted (run scripts/check-format.sh --fix): ${bad[*]}" >&2
    exit 1
fi
echo "check-format: ${#files[@]} files formatted"
