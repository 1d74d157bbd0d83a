#include "model/Dbm.h"

#include "model/BatchPlan.h"

#include <cmath>

namespace gdbm::model {

Scalar sigmoid(Scalar x)
{
    return Scalar(1) / (Scalar(1) + std::exp(-x));
}

void sigmoidInPlace(Matrix& m)
{
    // Eigen's vectorised logistic: about 3x cheaper than 1 / (1 + exp(-x)) on SSE2.
    m.array() = m.array().logistic();
}

Dbm Dbm::zeros(std::size_t visible, const std::vector<std::size_t>& layers)
{
    Dbm dbm;
    std::size_t below = visible;
    for (std::size_t n : layers) {
        dbm.weights.push_back(Matrix::Zero(Eigen::Index(below), Eigen::Index(n)));
        dbm.hiddenBias.push_back(Vector::Zero(Eigen::Index(n)));
        below = n;
    }
    dbm.visibleBias = Vector::Zero(Eigen::Index(visible));
    dbm.logVariance = Vector::Zero(Eigen::Index(visible));
    dbm.gaussianCount = visible;
    return dbm;
}

const BlockList& Dbm::blocksOf(std::size_t l) const
{
    return blocksAt(blocks, l);
}

std::vector<std::size_t> Dbm::layerSizes() const
{
    std::vector<std::size_t> sizes;
    for (const Vector& c : hiddenBias)
        sizes.push_back(std::size_t(c.size()));
    return sizes;
}

std::size_t Dbm::parameterCount() const
{
    std::size_t n = std::size_t(visibleBias.size() + logVariance.size());
    for (std::size_t l = 0; l < weights.size(); ++l)
        n += std::size_t(weights[l].size() + hiddenBias[l].size());
    return n;
}

bool Dbm::allFinite() const
{
    bool finite = visibleBias.allFinite() && logVariance.allFinite();
    for (std::size_t l = 0; l < weights.size(); ++l)
        finite = finite && weights[l].allFinite() && hiddenBias[l].allFinite();
    return finite;
}

bool Dbm::operator==(const Dbm& other) const
{
    if (layerSizes() != other.layerSizes() || visibleCount() != other.visibleCount())
        return false;
    bool same = visibleBias == other.visibleBias && logVariance == other.logVariance &&
                gaussianCount == other.gaussianCount;
    for (std::size_t l = 0; l < weights.size(); ++l)
        same = same && blocksOf(l) == other.blocksOf(l);
    for (std::size_t l = 0; l < weights.size(); ++l)
        same = same && weights[l] == other.weights[l] && hiddenBias[l] == other.hiddenBias[l];
    return same;
}

Matrix scaledVisible(const Dbm& dbm, const Matrix& v)
{
    const RowVector precision = (-dbm.logVariance.array()).exp().matrix().transpose();
    return v.array().rowwise() * precision.array();
}

void hiddenInput(const Dbm& dbm, std::size_t l, const Matrix& below, const Matrix* above,
                 Scalar bottomUpFactor, Matrix& out)
{
    multiplyBlocks(below, dbm.weights[l], dbm.blocksOf(l), out);
    if (bottomUpFactor != Scalar(1))
        out *= bottomUpFactor;
    out.rowwise() += dbm.hiddenBias[l].transpose();
    if (above) {
        if (dbm.blocksOf(l + 1).empty()) {
            out.noalias() += *above * dbm.weights[l + 1].transpose();
        } else {
            Matrix topDown;
            multiplyBlocksTransposed(*above, dbm.weights[l + 1], dbm.blocksOf(l + 1), topDown);
            out += topDown;
        }
    }
}

void meanFieldSweep(const Dbm& dbm, const Matrix& scaledV, std::vector<Matrix>& mu)
{
    const std::size_t layers = dbm.layerCount();
    // Odd layers h1, h3, ... are indices 0, 2, ...; even layers h2, h4, ... are 1, 3, ...
    for (std::size_t parity = 0; parity < 2; ++parity) {
        for (std::size_t l = parity; l < layers; l += 2) {
            const Matrix& below = l == 0 ? scaledV : mu[l - 1];
            const Matrix* above = l + 1 < layers ? &mu[l + 1] : nullptr;
            hiddenInput(dbm, l, below, above, Scalar(1), mu[l]);
            sigmoidInPlace(mu[l]);
        }
    }
}

std::vector<Matrix> meanField(const Dbm& dbm, const Matrix& v, int iterations)
{
    const std::size_t layers = dbm.layerCount();
    const Matrix scaledV = scaledVisible(dbm, v);
    std::vector<Matrix> mu(layers);
    // Bottom-up start: doubled input stands in for the missing top-down input, except at the top.
    for (std::size_t l = 0; l < layers; ++l) {
        const Matrix& below = l == 0 ? scaledV : mu[l - 1];
        hiddenInput(dbm, l, below, nullptr, l + 1 < layers ? Scalar(2) : Scalar(1), mu[l]);
        sigmoidInPlace(mu[l]);
    }
    for (int k = 0; k < iterations; ++k)
        meanFieldSweep(dbm, scaledV, mu);
    return mu;
}

Matrix reconstruct(const Dbm& dbm, const Matrix& mu1)
{
    Matrix out;
    multiplyBlocksTransposed(mu1, dbm.weights[0], dbm.blocksOf(0), out);
    out.rowwise() += dbm.visibleBias.transpose();
    visibleMeanInPlace(out, dbm.gaussianCount);
    return out;
}

std::vector<Matrix> meanFieldWithMissing(const Dbm& dbm, const Matrix& v, int iterations,
                                         const std::vector<ColumnRange>& missing)
{
    if (missing.empty())
        return meanField(dbm, v, iterations);
    Matrix filled = v;
    const auto fillMissing = [&](const Matrix& mean) {
        for (const ColumnRange& r : missing)
            filled.middleCols(Eigen::Index(r.first), Eigen::Index(r.count)) =
                mean.middleCols(Eigen::Index(r.first), Eigen::Index(r.count));
    };
    // No hidden input yet: the missing units start at their bias's mean.
    Matrix start = dbm.visibleBias.transpose().replicate(v.rows(), 1);
    visibleMeanInPlace(start, dbm.gaussianCount);
    fillMissing(start);
    std::vector<Matrix> mu = meanField(dbm, filled, 0);
    for (int k = 0; k < iterations; ++k) {
        fillMissing(reconstruct(dbm, mu[0]));
        meanFieldSweep(dbm, scaledVisible(dbm, filled), mu);
    }
    return mu;
}

double reconstructionError(const Dbm& dbm, const Matrix& v, int iterations)
{
    if (v.rows() == 0)
        return std::nan("");
    const double sum =
        sumOverRowChunks(std::size_t(v.rows()), kMonitorChunkRows, [&](std::size_t b, std::size_t e) {
            const Matrix rows = v.middleRows(Eigen::Index(b), Eigen::Index(e - b));
            const std::vector<Matrix> mu = meanField(dbm, rows, iterations);
            return double((rows - reconstruct(dbm, mu[0])).cast<double>().squaredNorm());
        });
    return sum / double(v.size());
}

} // namespace gdbm::model
