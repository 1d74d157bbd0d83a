#pragma once

#include "core/Types.h"
#include "model/UnitLayout.h"

#include <cstddef>
#include <vector>

namespace gdbm::model {

// The parameters of a Gaussian-Bernoulli Deep Boltzmann Machine (MODEL.md section 2):
// D Gaussian visible units with learned log-variance z, L layers of Bernoulli hidden units.
// weights[0] is W1 (D x n1), weights[l] is W(l+1) (n(l) x n(l+1)); hiddenBias[l] is c(l+1).
// Batches are row-major matrices with one sample per row.
// The multimodal DBM of HYBRID.md is the same machine with binary visible units after the
// Gaussian ones (their log-variance stays 0) and block-diagonal weights below the joint layer:
// each modality's pathway is a block of every layer up to the joint one.
struct Dbm
{
    std::vector<Matrix> weights;
    std::vector<Vector> hiddenBias;
    Vector visibleBias;
    Vector logVariance;
    std::size_t gaussianCount = 0; // visible units [0, gaussianCount) are Gaussian, the rest binary
    std::vector<BlockList> blocks; // per weight matrix; empty (or an empty list): dense

    static Dbm zeros(std::size_t visible, const std::vector<std::size_t>& layers);

    std::size_t visibleCount() const { return std::size_t(visibleBias.size()); }
    std::size_t layerCount() const { return weights.size(); }
    std::size_t layerSize(std::size_t l) const { return std::size_t(hiddenBias[l].size()); }
    std::vector<std::size_t> layerSizes() const;
    const BlockList& blocksOf(std::size_t l) const;
    // Every parameter, for checks and checksums.
    std::size_t parameterCount() const;
    bool allFinite() const;
    bool operator==(const Dbm& other) const;
};

// V / sigma^2, row by row: the visible units' input to the first hidden layer.
Matrix scaledVisible(const Dbm& dbm, const Matrix& v);

// The total input of hidden layer l (0-based) given its neighbours:
// below * W(l) * bottomUpFactor + c(l) + above * W(l+1)^T (above may be null: top layer, or a
// start without top-down input). For l = 0, below must be V / sigma^2.
void hiddenInput(const Dbm& dbm, std::size_t l, const Matrix& below, const Matrix* above,
                 Scalar bottomUpFactor, Matrix& out);

// Mean-field state of every hidden layer given V (MODEL.md section 4): one bottom-up pass with
// doubled input for every layer but the top, then `iterations` sweeps, odd layers (h1, h3, ..)
// first, then even layers, each using its neighbours' newest values.
std::vector<Matrix> meanField(const Dbm& dbm, const Matrix& v, int iterations);

// One sweep of mean-field updates over mu (odd layers, then even layers).
void meanFieldSweep(const Dbm& dbm, const Matrix& scaledV, std::vector<Matrix>& mu);

// The mean reconstruction of section 5: b + mu1 W1^T (through the sigmoid for binary units).
Matrix reconstruct(const Dbm& dbm, const Matrix& mu1);

// Mean-field with some visible units missing (HYBRID.md section 3: a new song nobody has heard,
// a dataset without genres): the observed units of v are clamped; the missing ones (whatever v
// holds there) start at their mean given no hidden input and are updated with the even block
// after every sweep, from the newest h1. With no missing range, exactly meanField().
std::vector<Matrix> meanFieldWithMissing(const Dbm& dbm, const Matrix& v, int iterations,
                                         const std::vector<ColumnRange>& missing);

// Mean squared error between V and its mean-field reconstruction, over all entries (NaN for no
// rows). Parallel over fixed chunks of rows, added in order: independent of the thread count.
double reconstructionError(const Dbm& dbm, const Matrix& v, int iterations);

Scalar sigmoid(Scalar x);
void sigmoidInPlace(Matrix& m);

} // namespace gdbm::model
