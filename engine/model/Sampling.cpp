#include "model/Sampling.h"

#include "core/Random.h"

#include <cmath>
#include <numbers>

namespace gdbm::model {

RowStreams::RowStreams(std::uint64_t seed, std::uint64_t key, std::uint64_t firstRow, std::size_t rows)
    : m_rows(rows), m_s0(rows), m_s1(rows), m_s2(rows), m_s3(rows), m_draw(rows), m_draw2(rows)
{
    for (std::size_t r = 0; r < rows; ++r) {
        CounterRng philox(seed, RandomPurpose::Sampling, key, firstRow + r);
        m_s0[r] = philox.nextU32();
        m_s1[r] = philox.nextU32();
        m_s2[r] = philox.nextU32();
        m_s3[r] = philox.nextU32() | 1u; // never the all-zero state
    }
}

void RowStreams::drawColumn()
{
    drawColumnInto(m_draw.data());
}

void RowStreams::drawColumnInto(float* __restrict out)
{
    std::uint32_t* __restrict s0 = m_s0.data();
    std::uint32_t* __restrict s1 = m_s1.data();
    std::uint32_t* __restrict s2 = m_s2.data();
    std::uint32_t* __restrict s3 = m_s3.data();
    for (std::size_t r = 0; r < m_rows; ++r) {
        // xoshiro128+: the top 24 bits of the sum are well mixed.
        const std::uint32_t result = s0[r] + s3[r];
        const std::uint32_t t = s1[r] << 9;
        s2[r] ^= s0[r];
        s3[r] ^= s1[r];
        s1[r] ^= s2[r];
        s0[r] ^= s3[r];
        s2[r] ^= t;
        s3[r] = (s3[r] << 11) | (s3[r] >> 21);
        out[r] = (float(result >> 8) + 0.5f) * 0x1.0p-24f;
    }
}

void RowStreams::sampleBernoulli(Matrix& p)
{
    // Draw column by column (each draw advances every row's stream once), then compare in the
    // row-major layout of p so that the comparison vectorises.
    m_columns.resize(p.rows(), p.cols());
    for (Eigen::Index j = 0; j < p.cols(); ++j)
        drawColumnInto(m_columns.col(j).data());
    m_uniform = m_columns;
    p.array() = (m_uniform.array() < p.array()).cast<Scalar>();
}

void RowStreams::addGaussianNoise(Matrix& means, const RowVector& sigma)
{
    // Box-Muller: a pair of uniforms per row gives two normals, for columns j and j + 1.
    for (Eigen::Index j = 0; j < means.cols(); j += 2) {
        drawColumn();
        m_draw2.swap(m_draw);
        drawColumn();
        for (Eigen::Index r = 0; r < means.rows(); ++r) {
            const float radius = std::sqrt(-2.0f * std::log(m_draw2[std::size_t(r)]));
            const float angle = float(2 * std::numbers::pi) * m_draw[std::size_t(r)];
            means(r, j) += sigma(j) * radius * std::cos(angle);
            if (j + 1 < means.cols())
                means(r, j + 1) += sigma(j + 1) * radius * std::sin(angle);
        }
    }
}

std::uint64_t updateKey(int phase, std::size_t layer, int epoch, std::size_t batch)
{
    return (std::uint64_t(phase & 0x3) << 62) | (std::uint64_t(layer & 0x3F) << 56) |
           (std::uint64_t(epoch & 0xFFFFFF) << 32) | std::uint64_t(batch & 0xFFFFFFFF);
}

} // namespace gdbm::model
