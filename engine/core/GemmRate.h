#pragma once

namespace gdbm {

// This machine's single-precision GEMM rate in GFLOP/s, with the engine build in use (Eigen at
// its instruction set, engineIsa()): one 1024^3 product per thread, all threads at once. What
// bench-train holds the training's achieved rate against.
double measureGemmRate(int threads);

} // namespace gdbm
