#pragma once

#include "core/Types.h"
#include "model/Sampling.h"

#include <cstddef>
#include <string>
#include <vector>

namespace gdbm::model {

// One diagonal block of a weight matrix: rows [row, row + rows) by columns [col, col + cols).
// A multimodal DBM (HYBRID.md section 2) keeps each modality's pathway apart below the joint
// layer: its pathway weights are block diagonal, one block per modality, and stay zero outside.
struct WeightBlock
{
    std::size_t row = 0;
    std::size_t rows = 0;
    std::size_t col = 0;
    std::size_t cols = 0;

    bool operator==(const WeightBlock&) const = default;
};

// Columns [first, first + count) of a layer's input: a modality left out of inference, or the
// inputs a conditional layer is given.
struct ColumnRange
{
    std::size_t first = 0;
    std::size_t count = 0;

    bool operator==(const ColumnRange&) const = default;
};

// The blocks of one weight matrix; empty means dense (every unit below joined to every unit above).
using BlockList = std::vector<WeightBlock>;

// The blocks of weight matrix l in a per-matrix list that may be shorter (missing: dense).
const BlockList& blocksAt(const std::vector<BlockList>& blocks, std::size_t l);

// The shape of a DBM: its hidden layer sizes, how many visible units are Gaussian (the first
// ones; the rest are binary) and, per weight matrix, its blocks (HYBRID.md section 2: the
// pathways' layers are block diagonal, the joint layer dense). The audio-only model of MODEL.md
// is every visible unit Gaussian and every layer dense.
struct Architecture
{
    std::vector<std::size_t> layers;
    std::size_t gaussianCount = 0;
    std::vector<BlockList> blocks; // per weight matrix; missing or empty: dense
    // The name of each block of the first weight matrix (a modality), for the curves: each one's
    // reconstruction error is reported apart. Empty: one curve for the whole layer.
    std::vector<std::string> groupNames;
    // Input columns of the top layer that its pretraining holds at their data in CD's negative
    // phase: the layer learns the conditional distribution of its other inputs given these
    // (a conditional RBM), and its curve reports those other inputs only. Empty: the joint
    // distribution of every input, as every layer below.
    std::vector<ColumnRange> topConditions;
    // Input columns of the first layer that its pretraining reconstructs by their mean in CD's
    // negative phase instead of sampling them (NegativePhaseColumns::means). Empty: every
    // reconstruction sampled, MODEL.md section 3's recipe.
    std::vector<ColumnRange> meanInputs;
    // A factor on the pretraining learning rate of each block of the layers below the top (a
    // pathway: its visible units, its weights and its hidden units), in the blocks' order. Empty:
    // every block learns at its layer's rate.
    std::vector<double> blockRateFactors;
    // Blocks of the first weight matrix (by their index in blocksOf(0)) whose hidden units start
    // each on one visible unit (startUnitsOnInputs, Rbm.h). Empty: every weight starts at random.
    std::vector<std::size_t> unitStartBlocks;

    const BlockList& blocksOf(std::size_t l) const;
    bool operator==(const Architecture&) const = default;
};

// Every visible unit Gaussian, every layer dense.
Architecture denseArchitecture(std::size_t visible, const std::vector<std::size_t>& layers);

// Calls f(row, col, rows, cols) for every block of a weight matrix, or once for the whole
// matrix when it is dense: the entries outside the blocks are zero and stay zero, so updates and
// sums that visit only the blocks are exact.
template <typename F>
void forEachWeightBlock(const BlockList& blocks, const Matrix& weights, F&& f)
{
    if (blocks.empty()) {
        f(Eigen::Index(0), Eigen::Index(0), weights.rows(), weights.cols());
        return;
    }
    for (const WeightBlock& b : blocks)
        f(Eigen::Index(b.row), Eigen::Index(b.col), Eigen::Index(b.rows), Eigen::Index(b.cols));
}

// Zeroes every entry outside the blocks (nothing when the list is empty): applied to initial
// weights and to every gradient, so a pathway's weights stay block diagonal through training.
void zeroOutsideBlocks(const BlockList& blocks, Matrix& weights);

// Products that skip the zeros outside the blocks (a multimodal layer's listening block is most
// of its weights; the cross-modality blocks would be as large again): with no blocks, exactly
// the dense products.
// out = a * w
void multiplyBlocks(const Matrix& a, const Matrix& w, const BlockList& blocks, Matrix& out);
// out = b * w^T
void multiplyBlocksTransposed(const Matrix& b, const Matrix& w, const BlockList& blocks, Matrix& out);
// out += sign * a^T b, inside the blocks only
void addOuterBlocks(const Matrix& a, const Matrix& b, const BlockList& blocks, Scalar sign, Matrix& out);

// Whether the rows of `a` are worth reading as sparse within block b's input columns: a block
// of at least 64 inputs, below 5% of them non-zero (listening, and the samples of it).
bool readAsSparse(const Matrix& a, const WeightBlock& b);
// out += sign * a.middleCols(first, count)^T * h.middleCols(col, cols): one tile of a weight
// block's statistics (out is count x cols), visiting only a's non-zeros when `sparse`.
void addOuterTile(const Matrix& a, Eigen::Index first, Eigen::Index count, bool sparse, const Matrix& h,
                  Eigen::Index col, Eigen::Index cols, Scalar sign, Matrix& out);

// True when the blocks are disjoint, inside a rows x cols matrix, and cover every row and column.
bool blocksTile(const BlockList& blocks, std::size_t rows, std::size_t cols);

// Visible units are Gaussian in columns [0, gaussianCount) and binary from there on: the mean of
// the visible units given their total input, in place (the binary ones through the sigmoid).
void visibleMeanInPlace(Matrix& input, std::size_t gaussianCount);

// v - b on the Gaussian columns only (the first gaussianCount): what the two statistics below
// need, without a copy of the binary columns (most of a hybrid's).
Matrix centredGaussian(const Matrix& v, const Vector& visibleBias, std::size_t gaussianCount);

// The visible biases' statistic summed over rows, -dF/db: (v - b) / sigma^2 for a Gaussian
// unit, v for a binary one. `centred` is centredGaussian(v, b, gaussianCount).
Vector visibleBiasTerm(const Matrix& centred, const Matrix& v, const RowVector& precision,
                       std::size_t gaussianCount);

// The log-variances' statistic summed over rows, -dF/dz: exp(-z) (0.5 (v - b)^2 - v (h W^T)) on
// the Gaussian units, 0 on the binary ones (h W^T is formed for the Gaussian rows of W only).
Vector varianceTerm(const Matrix& v, const Matrix& centred, const Matrix& h, const Matrix& w,
                    const BlockList& blocks, const RowVector& precision, std::size_t gaussianCount);

// Samples the visible units from their means, in place: Gaussian noise of standard deviation
// sigma(j) on the Gaussian columns, a Bernoulli draw on the binary ones. With only Gaussian units
// this is exactly streams.addGaussianNoise(means, sigma).
void sampleVisible(Matrix& means, std::size_t gaussianCount, const RowVector& sigma, RowStreams& streams);

} // namespace gdbm::model
