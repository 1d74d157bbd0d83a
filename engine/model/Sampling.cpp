#include "model/Sampling.h"

#include "core/Random.h"
#include "model/BoxMuller.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace gdbm::model {
namespace {

constexpr std::size_t kLanes = RowStreams::kBlockRows;
static_assert(kLanes == PhiloxLanes::kLanes, "a block's seeds are one Philox call");

// GCC's generic vectors: 16 lanes, split into whatever registers the build targets.
using U32Lanes = std::uint32_t __attribute__((vector_size(4 * kLanes)));
using I32Lanes = std::int32_t __attribute__((vector_size(4 * kLanes)));
using F32Lanes = float __attribute__((vector_size(4 * kLanes)));

// Rows i and i + B of 16 x 16 floats exchange the elements whose column has bit B set in row i
// or clear in row i + B: one of the four stages of a transposition in registers.
template <std::size_t B>
void swapBit(F32Lanes (&m)[kLanes])
{
    for (std::size_t i = 0; i < kLanes; ++i) {
        if ((i & B) != 0)
            continue;
        const F32Lanes a = m[i], c = m[i + B];
        if constexpr (B == 8) {
            m[i] = __builtin_shufflevector(a, c, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
            m[i + B] =
                __builtin_shufflevector(a, c, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        } else if constexpr (B == 4) {
            m[i] = __builtin_shufflevector(a, c, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
            m[i + B] =
                __builtin_shufflevector(a, c, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
        } else if constexpr (B == 2) {
            m[i] = __builtin_shufflevector(a, c, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
            m[i + B] =
                __builtin_shufflevector(a, c, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
        } else {
            static_assert(B == 1);
            m[i] = __builtin_shufflevector(a, c, 0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
            m[i + B] =
                __builtin_shufflevector(a, c, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
        }
    }
}

// Transposes 16 x 16 floats in registers: each stage swaps one bit of the row index with the
// same bit of the column index, 64 two-vector shuffles in all.
void transpose(F32Lanes (&m)[kLanes])
{
    swapBit<8>(m);
    swapBit<4>(m);
    swapBit<2>(m);
    swapBit<1>(m);
}

std::size_t paddedRows(std::size_t rows)
{
    return (rows + kLanes - 1) / kLanes * kLanes;
}

} // namespace

RowStreams::RowStreams(std::uint64_t seed, std::uint64_t key, std::uint64_t firstRow, std::size_t rows)
    : m_rows(rows), m_s0(paddedRows(rows)), m_s1(paddedRows(rows)), m_s2(paddedRows(rows)),
      m_s3(paddedRows(rows))
{
    // Row r's state is the first Philox block of CounterRng(seed, Sampling, key, firstRow + r):
    // counter (row, 0, 0) under the key of (seed, Sampling, key), 16 rows per call.
    const std::array<std::uint32_t, 2> philox = philoxKey(seed, RandomPurpose::Sampling, key);
    PhiloxLanes lanes;
    for (std::size_t first = 0; first < rows; first += kLanes) {
        for (std::size_t l = 0; l < kLanes; ++l) {
            const std::uint64_t row = firstRow + first + l;
            lanes.c0[l] = std::uint32_t(row);
            lanes.c1[l] = std::uint32_t(row >> 32);
            lanes.c2[l] = 0;
            lanes.c3[l] = 0;
        }
        philoxLanes(lanes, philox);
        for (std::size_t l = 0; l < kLanes; ++l) {
            m_s0[first + l] = lanes.c0[l];
            m_s1[first + l] = lanes.c1[l];
            m_s2[first + l] = lanes.c2[l];
            m_s3[first + l] = lanes.c3[l] | 1u; // never the all-zero state
        }
    }
}

void RowStreams::drawBlock(std::size_t first, std::size_t draws)
{
    U32Lanes s0, s1, s2, s3;
    std::memcpy(&s0, &m_s0[first], sizeof s0);
    std::memcpy(&s1, &m_s1[first], sizeof s1);
    std::memcpy(&s2, &m_s2[first], sizeof s2);
    std::memcpy(&s3, &m_s3[first], sizeof s3);
    m_tile.resize(draws * kLanes);
    for (std::size_t d = 0; d < draws; ++d) {
        // xoshiro128+: the top 24 bits of the sum are well mixed.
        const U32Lanes result = s0 + s3;
        const U32Lanes t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >> 21);
        // unitFloat() of each lane: (k + 0.5) / 2^24 for the top 24 bits k, never 0 or 1.
        const F32Lanes u = (__builtin_convertvector(I32Lanes(result >> 8), F32Lanes) + 0.5f) * 0x1.0p-24f;
        std::memcpy(&m_tile[d * kLanes], &u, sizeof u);
    }
    std::memcpy(&m_s0[first], &s0, sizeof s0);
    std::memcpy(&m_s1[first], &s1, sizeof s1);
    std::memcpy(&m_s2[first], &s2, sizeof s2);
    std::memcpy(&m_s3[first], &s3, sizeof s3);
}

void RowStreams::sampleBernoulli(Matrix& p)
{
    const auto cols = std::size_t(p.cols());
    for (std::size_t first = 0; first < m_rows; first += kLanes) {
        drawBlock(first, cols);
        const std::size_t rows = std::min(kLanes, m_rows - first);
        // 16 columns at a time: the block's draws (one vector per column, a lane per row) turned
        // into one vector per row, compared with the row's probabilities in place.
        for (std::size_t j0 = 0; j0 < cols; j0 += kLanes) {
            const std::size_t width = std::min(kLanes, cols - j0);
            F32Lanes tile[kLanes] = {};
            std::memcpy(&tile[0], &m_tile[j0 * kLanes], width * sizeof(F32Lanes));
            transpose(tile);
            for (std::size_t q = 0; q < rows; ++q) {
                Scalar* row = &p(Eigen::Index(first + q), Eigen::Index(j0));
                if (width == kLanes) {
                    F32Lanes probability;
                    std::memcpy(&probability, row, sizeof probability);
                    const F32Lanes bit = tile[q] < probability ? F32Lanes{} + 1.0f : F32Lanes{};
                    std::memcpy(row, &bit, sizeof bit);
                    continue;
                }
                for (std::size_t j = 0; j < width; ++j)
                    row[j] = tile[q][j] < row[j] ? Scalar(1) : Scalar(0);
            }
        }
    }
}

void RowStreams::addGaussianNoise(Matrix& means, const RowVector& sigma)
{
    // Box-Muller: a pair of uniforms per row gives two normals, for columns j and j + 1; the
    // block's 16 rows at once.
    static_assert(kBoxMullerLanes == kLanes);
    const auto cols = std::size_t(means.cols());
    const std::size_t pairs = (cols + 1) / 2;
    std::array<float, kLanes> cosines, sines;
    for (std::size_t first = 0; first < m_rows; first += kLanes) {
        drawBlock(first, 2 * pairs);
        const std::size_t rows = std::min(kLanes, m_rows - first);
        for (std::size_t k = 0, j = 0; k < pairs; ++k, j += 2) {
            boxMuller(&m_tile[2 * k * kLanes], &m_tile[(2 * k + 1) * kLanes], cosines.data(), sines.data());
            for (std::size_t q = 0; q < rows; ++q) {
                Scalar* row = &means(Eigen::Index(first + q), 0);
                row[j] += sigma(Eigen::Index(j)) * cosines[q];
                if (j + 1 < cols)
                    row[j + 1] += sigma(Eigen::Index(j + 1)) * sines[q];
            }
        }
    }
}

std::uint64_t updateKey(int phase, std::size_t layer, int epoch, std::size_t batch)
{
    return (std::uint64_t(phase & 0x3) << 62) | (std::uint64_t(layer & 0x3F) << 56) |
           (std::uint64_t(epoch & 0xFFFFFF) << 32) | std::uint64_t(batch & 0xFFFFFFFF);
}

} // namespace gdbm::model
