#pragma once

#include <optional>
#include <string_view>

namespace gdbm {

// The instruction sets the engine's SIMD kernels are built for, in one binary: the baseline that
// every x86-64 processor runs (SSE2), AVX2 with FMA, and AVX-512 (F, VL, BW, DQ). Kernels are
// chosen at start-up from the processor's features, the way OpenBLAS and NumPy choose theirs.
// Two mechanisms: the whole engine library is built three times and the dynamic loader picks
// the build (engine/CMakeLists.txt, glibc-hwcaps), so every Eigen product, training step and
// sweep runs at the processor's width; and the batch recommender's scoring kernel, written with
// vector extensions, is compiled three times into one function table (rec/ScreenKernel.h).
enum class Isa { Baseline, Avx2, Avx512 };

std::string_view isaName(Isa isa); // "baseline", "avx2", "avx512"
std::optional<Isa> isaFromName(std::string_view name);

// The best instruction set this processor (and its operating system) supports.
Isa detectedIsa();

// The instruction set the loaded engine library was built for.
Isa engineIsa();

// Call first in main(). When GDBM_ISA asks for a narrower instruction set than the engine build
// the loader chose, runs the program again (same arguments) with glibc's tunable that hides the
// wider sets from the loader, so that it picks the narrower build; returns only when there is
// nothing to do or the relaunch failed (the program then goes on with the build it has).
void relaunchForRequestedIsa(char** argv);

// The instruction set the kernels use: detectedIsa(), or the environment variable GDBM_ISA
// (baseline, avx2 or avx512) when set, capped at what the processor supports. Fixed for the
// process's life (read once).
Isa activeIsa();

// One line for --version and the About box, e.g.
// "kernels: engine avx512, scoring avx512 (processor: avx512)".
std::string_view isaDescription();

} // namespace gdbm
