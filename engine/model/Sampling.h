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
// a time: 16 rows at once in vector registers, which keep the rows' states for all the draws of
// a call, so a call touches its rows' states once.
class RowStreams
{
public:
    // key: the (phase, layer, epoch, batch) of the update; firstRow: the global index of row 0.
    RowStreams(std::uint64_t seed, std::uint64_t key, std::uint64_t firstRow, std::size_t rows);

    // In place: each entry p becomes 1 with probability p, else 0.
    void sampleBernoulli(Matrix& probabilities);
    // In place: adds independent N(0, sigma_j^2) noise to each entry of column j.
    void addGaussianNoise(Matrix& means, const RowVector& sigma);

    // The number of rows a block of draws covers.
    static constexpr std::size_t kBlockRows = 16;

private:
    // The next `draws` uniforms in (0, 1) of rows [first, first + kBlockRows) (those that exist),
    // into m_tile: draw d of row first + q at m_tile[d * kBlockRows + q].
    void drawBlock(std::size_t first, std::size_t draws);

    std::size_t m_rows;
    // Row r's state in lane r % kBlockRows of block r / kBlockRows; lanes past the last row idle.
    std::vector<std::uint32_t> m_s0, m_s1, m_s2, m_s3;
    std::vector<float> m_tile; // scratch, reused across calls
};

// Packs (phase, layer, epoch, batch) into one stream key.
std::uint64_t updateKey(int phase, std::size_t layer, int epoch, std::size_t batch);

} // namespace gdbm::model
