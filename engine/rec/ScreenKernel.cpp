#include "rec/ScreenKernel.h"

#include <cstring>

namespace gdbm::rec {
namespace {

// GCC's vector extensions: Width floats, one register of the instruction set the function is
// compiled for (4 for SSE2, 8 for AVX2, 16 for AVX-512). The same body compiled three times with
// different target attributes gives the three kernels in one binary. A panel's 16 songs take
// 16 / Width registers per user.
// (Attributes on alias templates are dropped, so each width is spelled out.)
template <int Width>
struct Lanes;
template <>
struct Lanes<4>
{
    typedef float Floats __attribute__((vector_size(16)));
    typedef int Ints __attribute__((vector_size(16)));
    typedef float Unaligned __attribute__((vector_size(16), aligned(4), may_alias));
};
template <>
struct Lanes<8>
{
    typedef float Floats __attribute__((vector_size(32)));
    typedef int Ints __attribute__((vector_size(32)));
    typedef float Unaligned __attribute__((vector_size(32), aligned(4), may_alias));
};
template <>
struct Lanes<16>
{
    typedef float Floats __attribute__((vector_size(64)));
    typedef int Ints __attribute__((vector_size(64)));
    typedef float Unaligned __attribute__((vector_size(64), aligned(4), may_alias));
};

// AND of all lanes.
template <int Width>
[[gnu::always_inline]] inline int andLanes(const typename Lanes<Width>::Ints& lanes)
{
    typename Lanes<Width>::Ints v = lanes; // by reference: no vector-register calling convention involved
    if constexpr (Width == 16)
        v &= __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
    if constexpr (Width >= 8) {
        if constexpr (Width == 16)
            v &= __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15);
        else
            v &= __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3);
    }
    if constexpr (Width == 16) {
        v &= __builtin_shufflevector(v, v, 2, 3, 0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        v &= __builtin_shufflevector(v, v, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    } else if constexpr (Width == 8) {
        v &= __builtin_shufflevector(v, v, 2, 3, 0, 1, 4, 5, 6, 7);
        v &= __builtin_shufflevector(v, v, 1, 0, 2, 3, 4, 5, 6, 7);
    } else {
        v &= __builtin_shufflevector(v, v, 2, 3, 0, 1);
        v &= __builtin_shufflevector(v, v, 1, 0, 2, 3);
    }
    return v[0];
}

template <int Width, std::size_t Users>
[[gnu::always_inline]] inline std::size_t screenBody(const float* queries, int dims, const float* panels,
                                                     std::size_t begin, std::size_t end,
                                                     const float* thresholds, float* scores)
{
    using V = typename Lanes<Width>::Floats;
    using I = typename Lanes<Width>::Ints;
    constexpr std::size_t kParts = kPanelSongs / Width;
    const std::size_t stride = std::size_t(dims) * kPanelSongs;
    V limit[Users];
    for (std::size_t u = 0; u < Users; ++u) {
        // A limit of +0 becomes -0, so that a score of -0 reaching it leaves +0, not -0, and
        // rounding keeps every reached difference's sign bit clear.
        limit[u] = V{} + (thresholds[u] == 0.0f ? -0.0f : thresholds[u]);
    }
    for (std::size_t p = begin; p < end; ++p) {
        const float* panel = panels + p * stride;
        V sum[Users][kParts] = {};
        for (int d = 0; d < dims; ++d) {
            V songs[kParts];
            for (std::size_t k = 0; k < kParts; ++k)
                songs[k] = *reinterpret_cast<const typename Lanes<Width>::Unaligned*>(
                    panel + std::size_t(d) * kPanelSongs + k * Width);
            for (std::size_t u = 0; u < Users; ++u) {
                const float q = queries[u * std::size_t(dims) + std::size_t(d)];
                for (std::size_t k = 0; k < kParts; ++k)
                    sum[u][k] += songs[k] * q;
            }
        }
        // Some user's score reached its limit in some lane: a non-negative difference, a clear
        // sign bit. AND the differences' bits over users and lanes; a clear sign bit remains if
        // any lane of any user had one. (Vector comparisons would be scalarized by the
        // compiler; subtractions and bitwise ANDs stay in registers.)
        I signs = reinterpret_cast<I>(sum[0][0] - limit[0]);
        for (std::size_t u = 0; u < Users; ++u) {
            for (std::size_t k = 0; k < kParts; ++k)
                signs &= reinterpret_cast<I>(sum[u][k] - limit[u]);
        }
        if (andLanes<Width>(signs) >= 0) {
            std::memcpy(scores, sum, sizeof sum);
            return p;
        }
    }
    return end;
}

std::size_t screenBaseline(const float* q, int dims, const float* panels, std::size_t begin, std::size_t end,
                           const float* thresholds, float* scores)
{
    return screenBody<4, 2>(q, dims, panels, begin, end, thresholds, scores);
}

#if defined(__x86_64__)
[[gnu::target("avx2,fma")]] std::size_t screenAvx2(const float* q, int dims, const float* panels,
                                                   std::size_t begin, std::size_t end,
                                                   const float* thresholds, float* scores)
{
    return screenBody<8, 6>(q, dims, panels, begin, end, thresholds, scores);
}

[[gnu::target("avx512f,avx512vl,avx512bw,avx512dq,fma")]] std::size_t
screenAvx512(const float* q, int dims, const float* panels, std::size_t begin, std::size_t end,
             const float* thresholds, float* scores)
{
    return screenBody<16, 16>(q, dims, panels, begin, end, thresholds, scores);
}
#endif

} // namespace

ScreenPanels makeScreenPanels(const MatrixD& directions)
{
    ScreenPanels out;
    out.songs = std::size_t(directions.rows());
    out.dims = int(directions.cols());
    out.values.assign(out.panels() * std::size_t(out.dims) * kPanelSongs, 0.0f);
    for (std::size_t s = 0; s < out.songs; ++s) {
        float* panel = out.values.data() + (s / kPanelSongs) * std::size_t(out.dims) * kPanelSongs;
        for (int d = 0; d < out.dims; ++d)
            panel[std::size_t(d) * kPanelSongs + s % kPanelSongs] = float(directions(Eigen::Index(s), d));
    }
    return out;
}

ScreenKernel screenKernel(Isa isa)
{
#if defined(__x86_64__)
    if (isa == Isa::Avx512)
        return {screenAvx512, 16};
    if (isa == Isa::Avx2)
        return {screenAvx2, 6};
#else
    (void)isa;
#endif
    return {screenBaseline, 2};
}

double screeningMargin(int dims, double queryNorm)
{
    // Unit round-off of float, and the usual bound gamma_n ~ n u for an n-term dot product of
    // vectors whose product of norms is queryNorm (directions are unit or zero); doubled for
    // the roundings of the inputs and the threshold.
    constexpr double u = 1.0 / (1 << 24);
    return 2.0 * (double(dims) + 4.0) * u * (queryNorm + 1.0);
}

} // namespace gdbm::rec
