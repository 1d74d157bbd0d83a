#include "model/WeightStep.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

namespace gdbm::model {
namespace {

// A tile of one block of the weights: rows [row, row + rows), columns [col, col + cols).
struct Tile
{
    Eigen::Index row = 0;
    Eigen::Index rows = 0;
    Eigen::Index col = 0;
    Eigen::Index cols = 0;
    std::size_t block = 0;
};

// About 16k weights (64 KB) per tile: its statistics stay in cache between the products that
// sum them and the step that reads them. Fixed by the layer's shape alone, so every tile's
// products are the same whatever thread takes it.
constexpr Eigen::Index kTileWeights = 16384;

std::vector<Tile> weightTiles(const Rbm& rbm)
{
    std::vector<Tile> tiles;
    std::size_t block = 0;
    forEachWeightBlock(
        rbm.blocks, rbm.weights, [&](Eigen::Index r, Eigen::Index c, Eigen::Index nr, Eigen::Index nc) {
            const Eigen::Index step = std::max<Eigen::Index>(1, kTileWeights / std::max<Eigen::Index>(1, nc));
            for (Eigen::Index i = 0; i < nr; i += step)
                tiles.push_back({r + i, std::min(step, nr - i), c, nc, block});
            ++block;
        });
    return tiles;
}

std::vector<char> sparseBlocks(const Rbm& rbm, const Matrix& visible)
{
    if (rbm.blocks.empty())
        return {0};
    std::vector<char> sparse;
    for (const WeightBlock& b : rbm.blocks)
        sparse.push_back(char(readAsSparse(visible, b)));
    return sparse;
}

// The momentum step on the weights [row, row + rows) x [col, col + cols), whose statistics are
// g's from (gRow, gCol) on (a tile's own, or the whole matrix's); false if one is not finite.
bool stepRows(const Matrix& g, Eigen::Index gRow, Eigen::Index gCol, Rbm& rbm, Eigen::Index row,
              Eigen::Index col, Eigen::Index rows, Eigen::Index cols, const MomentumStep& step,
              const Vector& rowRates, Matrix& velocity)
{
    // Local copies of the step's fields and an int flag, not the struct's fields and a bool: so
    // the compiler vectorizes the loop (the fields might alias the rows it writes, and it has no
    // vector type for bool).
    const Scalar clipAt = step.clip, decayRate = step.decay, gradientScale = step.scale, keep = step.momentum;
    int nonFinite = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const Scalar rate = rowRates(row + i);
        const Scalar* __restrict gi = &g(gRow + i, gCol);
        Scalar* __restrict v = &velocity(row + i, col);
        Scalar* __restrict w = &rbm.weights(row + i, col);
        for (Eigen::Index j = 0; j < cols; ++j) {
            const Scalar gradient =
                std::min(clipAt, std::max(-clipAt, gi[j] * gradientScale - decayRate * w[j]));
            v[j] = keep * v[j] + rate * gradient;
            w[j] += v[j];
            // A non-finite statistic would vanish in the clip: it counts as divergence too.
            nonFinite |=
                int(!(std::max(std::abs(w[j]), std::abs(gi[j])) <= std::numeric_limits<Scalar>::max()));
        }
    }
    return nonFinite == 0;
}

} // namespace

ChunkPhases chunkPhases(const Rbm& rbm, const Matrix& data, CdChain&& chain)
{
    ChunkPhases phases;
    phases.positiveVisible = rbm.scaled(data);
    phases.positiveHidden = std::move(chain.positiveHidden);
    phases.negativeVisible = rbm.scaled(chain.negativeVisible);
    phases.negativeHidden = std::move(chain.negativeHidden);
    phases.positiveSparse = sparseBlocks(rbm, phases.positiveVisible);
    phases.negativeSparse = sparseBlocks(rbm, phases.negativeVisible);
    return phases;
}

bool stepsByTiles(const Rbm& rbm)
{
    return weightTiles(rbm).size() > 1;
}

bool stepWeights(Rbm& rbm, const std::vector<ChunkPhases>& phases, std::size_t chunks,
                 const MomentumStep& step, const Vector& rowRates, Matrix& velocity)
{
    const std::vector<Tile> tiles = weightTiles(rbm);
    std::atomic<bool> finite = true;
    // One task per tile, handed out on demand: a dense block's tiles cost more than a sparse one's.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, tiles.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t t = range.begin(); t != range.end(); ++t) {
                const Tile& tile = tiles[t];
                Matrix g = Matrix::Zero(tile.rows, tile.cols);
                for (std::size_t c = 0; c < chunks; ++c) {
                    const ChunkPhases& p = phases[c];
                    addOuterTile(p.positiveVisible, tile.row, tile.rows, p.positiveSparse[tile.block] != 0,
                                 p.positiveHidden, tile.col, tile.cols, Scalar(1), g);
                    addOuterTile(p.negativeVisible, tile.row, tile.rows, p.negativeSparse[tile.block] != 0,
                                 p.negativeHidden, tile.col, tile.cols, Scalar(-1), g);
                }
                if (!stepRows(g, 0, 0, rbm, tile.row, tile.col, tile.rows, tile.cols, step, rowRates,
                              velocity))
                    finite = false;
            }
        },
        tbb::simple_partitioner());
    return finite;
}

bool stepWeights(Rbm& rbm, const Matrix& sum, const MomentumStep& step, const Vector& rowRates,
                 Matrix& velocity)
{
    bool finite = true;
    forEachWeightBlock(
        rbm.blocks, rbm.weights, [&](Eigen::Index r, Eigen::Index c, Eigen::Index nr, Eigen::Index nc) {
            finite = stepRows(sum, r, c, rbm, r, c, nr, nc, step, rowRates, velocity) && finite;
        });
    return finite;
}

} // namespace gdbm::model
