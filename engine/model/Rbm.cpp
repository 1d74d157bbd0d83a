#include "model/Rbm.h"

#include "core/Random.h"
#include "model/BatchPlan.h"
#include "model/Dbm.h"

#include <algorithm>
#include <cmath>

namespace gdbm::model {

bool Rbm::biasesFinite() const
{
    return visibleBias.allFinite() && hiddenBias.allFinite() && logVariance.allFinite();
}

Matrix Rbm::scaled(const Matrix& v) const
{
    if (!hasGaussian())
        return v;
    // Only the Gaussian columns are scaled (a binary unit's log-variance stays 0): a hybrid's
    // first layer has 14 of 1,370. The exponential still runs over every unit: Eigen's
    // vectorized exp rounds a 14-unit vector's entries differently, which would change the models.
    const auto gaussian = Eigen::Index(gaussianCount);
    const RowVector precision = (-logVariance.array()).exp().matrix().transpose();
    Matrix out = v;
    out.leftCols(gaussian).array().rowwise() *= precision.head(gaussian).array();
    return out;
}

Matrix Rbm::hiddenProbabilities(const Matrix& v) const
{
    Matrix h;
    multiplyBlocks(scaled(v), weights, blocks, h);
    if (upFactor != Scalar(1))
        h *= upFactor;
    h.rowwise() += hiddenBias.transpose();
    sigmoidInPlace(h);
    return h;
}

Matrix Rbm::visibleMean(const Matrix& h) const
{
    Matrix v;
    multiplyBlocksTransposed(h, weights, blocks, v);
    if (downFactor != Scalar(1))
        v *= downFactor;
    v.rowwise() += visibleBias.transpose();
    visibleMeanInPlace(v, gaussianCount);
    return v;
}

RbmGradient RbmGradient::zerosLike(const Rbm& rbm)
{
    return {Matrix::Zero(rbm.weights.rows(), rbm.weights.cols()), Vector::Zero(rbm.visibleBias.size()),
            Vector::Zero(rbm.hiddenBias.size()), Vector::Zero(rbm.logVariance.size())};
}

RbmGradient RbmGradient::biasesLike(const Rbm& rbm)
{
    return {Matrix(), Vector::Zero(rbm.visibleBias.size()), Vector::Zero(rbm.hiddenBias.size()),
            Vector::Zero(rbm.logVariance.size())};
}

void RbmGradient::setZero(const BlockList& blocks)
{
    if (weights.size() > 0)
        forEachWeightBlock(
            blocks, weights, [&](Eigen::Index r, Eigen::Index c, Eigen::Index nr, Eigen::Index nc) {
                forEachRange(std::size_t(nr), rowsPerTask(nc), [&](std::size_t begin, std::size_t end) {
                    weights.block(r + Eigen::Index(begin), c, Eigen::Index(end - begin), nc).setZero();
                });
            });
    visibleBias.setZero();
    hiddenBias.setZero();
    logVariance.setZero();
}

void RbmGradient::add(const RbmGradient& other, const BlockList& blocks)
{
    if (weights.size() > 0)
        forEachWeightBlock(
            blocks, weights, [&](Eigen::Index r, Eigen::Index c, Eigen::Index nr, Eigen::Index nc) {
                forEachRange(std::size_t(nr), rowsPerTask(nc), [&](std::size_t begin, std::size_t end) {
                    const auto first = r + Eigen::Index(begin), rows = Eigen::Index(end - begin);
                    weights.block(first, c, rows, nc) += other.weights.block(first, c, rows, nc);
                });
            });
    visibleBias += other.visibleBias;
    hiddenBias += other.hiddenBias;
    logVariance += other.logVariance;
}

void accumulateStatistics(const Rbm& rbm, const Matrix& v, const Matrix& h, Scalar sign, RbmGradient& out)
{
    addOuterBlocks(rbm.scaled(v), h, rbm.blocks, sign, out.weights);
    accumulateBiasStatistics(rbm, v, h, sign, out);
}

void accumulateBiasStatistics(const Rbm& rbm, const Matrix& v, const Matrix& h, Scalar sign, RbmGradient& out)
{
    out.hiddenBias += sign * h.colwise().sum().transpose();
    if (!rbm.hasGaussian()) {
        const Matrix centred = v.rowwise() - rbm.visibleBias.transpose();
        out.visibleBias += sign * centred.colwise().sum().transpose();
        return;
    }
    const Matrix centred = centredGaussian(v, rbm.visibleBias, rbm.gaussianCount);
    const RowVector precision = (-rbm.logVariance.array()).exp().matrix().transpose();
    out.visibleBias += sign * visibleBiasTerm(centred, v, precision, rbm.gaussianCount);
    out.logVariance +=
        sign * varianceTerm(v, centred, h, rbm.weights, rbm.blocks, precision, rbm.gaussianCount);
}

void accumulateCdGradient(const Rbm& rbm, const Matrix& v, int k, RowStreams& streams, RbmGradient& out,
                          const NegativePhaseColumns& columns)
{
    const CdChain chain = runCdChain(rbm, v, k, streams, columns);
    accumulateStatistics(rbm, v, chain.positiveHidden, Scalar(1), out);
    accumulateStatistics(rbm, chain.negativeVisible, chain.negativeHidden, Scalar(-1), out);
}

CdChain runCdChain(const Rbm& rbm, const Matrix& v, int k, RowStreams& streams,
                   const NegativePhaseColumns& columns)
{
    CdChain chain;
    chain.positiveHidden = rbm.hiddenProbabilities(v);
    const RowVector sigma = (Scalar(0.5) * rbm.logVariance.array()).exp().matrix().transpose();
    Matrix h = chain.positiveHidden;
    Matrix negativeV;
    Matrix negativeH;
    std::vector<Matrix> means(columns.means.size());
    for (int step = 0; step < k; ++step) {
        streams.sampleBernoulli(h);
        negativeV = rbm.visibleMean(h);
        for (std::size_t i = 0; i < means.size(); ++i)
            means[i] = negativeV.middleCols(Eigen::Index(columns.means[i].first),
                                            Eigen::Index(columns.means[i].count));
        if (rbm.hasGaussian())
            sampleVisible(negativeV, rbm.gaussianCount, sigma, streams);
        else
            streams.sampleBernoulli(negativeV);
        for (std::size_t i = 0; i < means.size(); ++i)
            negativeV.middleCols(Eigen::Index(columns.means[i].first), Eigen::Index(columns.means[i].count)) =
                means[i];
        // Conditional CD: the given inputs are not the model's to reconstruct.
        for (const ColumnRange& given : columns.given) {
            const auto first = Eigen::Index(given.first), count = Eigen::Index(given.count);
            negativeV.middleCols(first, count) = v.middleCols(first, count);
        }
        negativeH = rbm.hiddenProbabilities(negativeV);
        h = negativeH;
    }
    chain.negativeVisible = std::move(negativeV);
    chain.negativeHidden = std::move(negativeH);
    return chain;
}

Rbm initialRbm(std::size_t visible, std::size_t hidden, std::size_t gaussianCount, std::uint64_t seed,
               std::size_t layer, double scale, const BlockList& blocks)
{
    Rbm rbm;
    rbm.gaussianCount = gaussianCount;
    rbm.blocks = blocks;
    rbm.weights.resize(Eigen::Index(visible), Eigen::Index(hidden));
    // Every entry draws from one stream in row-major order, whatever the blocks: the draws that
    // land outside them are zeroed after.
    std::vector<double> rowLimit(visible, scale * std::sqrt(6.0 / double(visible + hidden)));
    for (const WeightBlock& b : blocks) {
        for (std::size_t i = b.row; i < b.row + b.rows; ++i)
            rowLimit[i] = scale * std::sqrt(6.0 / double(b.rows + b.cols));
    }
    CounterRng rng(seed, RandomPurpose::Initialization, layer);
    for (Eigen::Index i = 0; i < rbm.weights.rows(); ++i) {
        const double limit = rowLimit[std::size_t(i)];
        for (Eigen::Index j = 0; j < rbm.weights.cols(); ++j)
            rbm.weights(i, j) = Scalar(rng.uniform(-limit, limit));
    }
    zeroOutsideBlocks(blocks, rbm.weights);
    rbm.visibleBias = Vector::Zero(Eigen::Index(visible));
    rbm.hiddenBias = Vector::Zero(Eigen::Index(hidden));
    rbm.logVariance = Vector::Zero(Eigen::Index(visible));
    return rbm;
}

void startUnitsOnInputs(Rbm& rbm, const WeightBlock& b)
{
    for (std::size_t k = 0; k < std::min(b.rows, b.cols); ++k) {
        rbm.weights(Eigen::Index(b.row + k), Eigen::Index(b.col + k)) += kUnitStartWeight;
        rbm.hiddenBias(Eigen::Index(b.col + k)) -= kUnitStartWeight / 2;
    }
}

} // namespace gdbm::model
