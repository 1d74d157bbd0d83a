#pragma once

#include "core/Types.h"

#include <cstdint>
#include <vector>

namespace gdbm::model {

// One random stream per row of a batch, keyed by what the row is and when it is used
// (MODEL.md section 7): row r's numbers are a pure function of (seed, key, firstRow + r), so a
// row gets the same numbers whichever thread or chunk processes it.
//
// Each stream is a xoshiro128+ generator whose state comes from the counter-based generator
// (Philox) for that key and row. The rows' generators advance in lock-step, one draw per row at
// a time, which the compiler turns into SIMD code: sampling is a small cost next to the matrix
// products.
class RowStreams
{
public:
    // key: the (phase, layer, epoch, batch) of the update; firstRow: the global index of row 0.
    RowStreams(std::uint64_t seed, std::uint64_t key, std::uint64_t firstRow, std::size_t rows);

    // In place: each entry p becomes 1 with probability p, else 0.
    void sampleBernoulli(Matrix& probabilities);
    // In place: adds independent N(0, sigma_j^2) noise to each entry of column j.
    void addGaussianNoise(Matrix& means, const RowVector& sigma);

private:
    // One uniform in (0, 1) for every row, into m_draw.
    void drawColumn();
    void drawColumnInto(float* out);

    std::size_t m_rows;
    std::vector<std::uint32_t> m_s0, m_s1, m_s2, m_s3;
    std::vector<float> m_draw;
    std::vector<float> m_draw2;
    Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor> m_columns; // scratch
    Matrix m_uniform;                                                                 // scratch
};

// Packs (phase, layer, epoch, batch) into one stream key.
std::uint64_t updateKey(int phase, std::size_t layer, int epoch, std::size_t batch);

} // namespace gdbm::model
