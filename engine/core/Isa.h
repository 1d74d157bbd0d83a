#pragma once

#include <optional>
#include <string_view>

namespace gdbm {

// The instruction sets the engine's SIMD kernels are built for, in one binary: the baseline that
// every x86-64 processor runs (SSE2), AVX2 with FMA, and AVX-512 (F, VL, BW, DQ). Kernels are
// chosen at start-up from the processor's features, the way OpenBLAS and NumPy choose theirs.
// Today the batch recommender's scoring kernel is dispatched (rec/ScreenKernel.h); training
// runs Eigen's code for the instruction set the binary was built for.
enum class Isa { Baseline, Avx2, Avx512 };

std::string_view isaName(Isa isa); // "baseline", "avx2", "avx512"
std::optional<Isa> isaFromName(std::string_view name);

// The best instruction set this processor (and its operating system) supports.
Isa detectedIsa();

// The instruction set the kernels use: detectedIsa(), or the environment variable GDBM_ISA
// (baseline, avx2 or avx512) when set, capped at what the processor supports. Fixed for the
// process's life (read once).
Isa activeIsa();

// One line for --version and the About box, e.g. "scoring kernels: avx512 (detected avx512)".
std::string_view isaDescription();

} // namespace gdbm
