#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/; clang, GDBM_FUZZ=ON) in build-fuzz/ and runs each on
# its seeds (fuzz/corpus/<harness>/) for an equal share of SECONDS (default 300). New inputs go
# to the working corpus build-fuzz/corpus/<harness>/, never to the repository. Prints each
# harness's executions and coverage (cov: edges, ft: features) at the end.
# A crash, a timeout (10 s) or an out-of-memory (2 GB) stops that harness, keeps the input in
# build-fuzz/crashes/<harness>/ and makes the script exit 1 once every harness has run. Copy
# such an input to tests/data/fuzz-regressions/<harness>/ so TestFuzzRegressions replays it.
# Usage: scripts/fuzz.sh [SECONDS] [harness...]   (harnesses: all by default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GDBM_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${GDBM_JOBS:-$(nproc)}"
total="${1:-300}"
[ $# -gt 0 ] && shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(csv-dataset archetype-json model-file project-file simulation-import)
# The largest input each harness may make: a few times its largest seed.
declare -A max_len=([csv-dataset]=16384 [archetype-json]=8192 [model-file]=8192 [project-file]=163840
    [simulation-import]=32768)

"$root/scripts/install-deps.sh" --sanitizers
if [ ! -f "$build/build.ninja" ]; then
    CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DGDBM_FUZZ=ON -DBUILD_GUI=OFF -DBUILD_TESTING=OFF -DBUILD_BENCHMARKS=OFF
fi
cmake --build "$build" -j "$jobs" --target "${harnesses[@]/#/fuzz-}"

export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TMPDIR="$build/tmp" # the harnesses' scratch files
mkdir -p "$TMPDIR"
seconds=$((total / ${#harnesses[@]}))
[ "$seconds" -ge 1 ] || seconds=1
failed=()
summary=()
for h in "${harnesses[@]}"; do
    [ -n "${max_len[$h]:-}" ] || { echo "fuzz: unknown harness '$h'" >&2; exit 2; }
    corpus="$build/corpus/$h"
    crashes="$build/crashes/$h"
    log="$build/logs/$h.log"
    mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
    echo "fuzz: $h for ${seconds}s (max_len ${max_len[$h]})"
    status=0
    "$build/fuzz/fuzz-$h" -max_total_time="$seconds" -max_len="${max_len[$h]}" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$root/fuzz/corpus/$h" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    progress=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$progress")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$progress")
    line=$(printf '%-18s %12s executions  cov: %-6s ft: %-6s' "$h" "${runs:-?}" "${cov:-?}" "${ft:-?}")
    if [ "$status" -ne 0 ]; then
        failed+=("$h")
        line+="  FAILED (exit $status): $(ls "$crashes" | tr '\n' ' ')"
        grep -m1 -E 'ERROR: |runtime error|deadly signal|Timeout|out-of-memory' "$log" >&2 || true
        echo "fuzz: $h failed; its log: $log" >&2
    fi
    summary+=("$line")
done

echo
echo "fuzz: ${seconds}s per harness"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: findings in ${failed[*]} (inputs in $build/crashes/)" >&2
    exit 1
fi
echo "fuzz: no findings"
