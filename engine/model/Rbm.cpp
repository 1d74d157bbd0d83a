#include "model/Rbm.h"

#include "core/Random.h"
#include "model/Dbm.h"

#include <cmath>

namespace gdbm::model {

bool Rbm::allFinite() const
{
    return weights.allFinite() && visibleBias.allFinite() && hiddenBias.allFinite() &&
           logVariance.allFinite();
}

Matrix Rbm::scaled(const Matrix& v) const
{
    if (!gaussian)
        return v;
    const RowVector precision = (-logVariance.array()).exp().matrix().transpose();
    return v.array().rowwise() * precision.array();
}

Matrix Rbm::hiddenProbabilities(const Matrix& v) const
{
    Matrix h = scaled(v) * weights;
    if (upFactor != Scalar(1))
        h *= upFactor;
    h.rowwise() += hiddenBias.transpose();
    sigmoidInPlace(h);
    return h;
}

Matrix Rbm::visibleMean(const Matrix& h) const
{
    Matrix v = h * weights.transpose();
    if (downFactor != Scalar(1))
        v *= downFactor;
    v.rowwise() += visibleBias.transpose();
    if (!gaussian)
        sigmoidInPlace(v);
    return v;
}

RbmGradient RbmGradient::zerosLike(const Rbm& rbm)
{
    return {Matrix::Zero(rbm.weights.rows(), rbm.weights.cols()), Vector::Zero(rbm.visibleBias.size()),
            Vector::Zero(rbm.hiddenBias.size()), Vector::Zero(rbm.logVariance.size())};
}

RbmGradient& RbmGradient::operator+=(const RbmGradient& other)
{
    weights += other.weights;
    visibleBias += other.visibleBias;
    hiddenBias += other.hiddenBias;
    logVariance += other.logVariance;
    return *this;
}

void accumulateStatistics(const Rbm& rbm, const Matrix& v, const Matrix& h, Scalar sign, RbmGradient& out)
{
    out.weights.noalias() += sign * (rbm.scaled(v).transpose() * h);
    out.hiddenBias += sign * h.colwise().sum().transpose();
    const Matrix centred = v.rowwise() - rbm.visibleBias.transpose();
    if (!rbm.gaussian) {
        out.visibleBias += sign * centred.colwise().sum().transpose();
        return;
    }
    const RowVector precision = (-rbm.logVariance.array()).exp().matrix().transpose();
    out.visibleBias +=
        sign * (centred.array().rowwise() * precision.array()).colwise().sum().matrix().transpose();
    const Matrix topDown = h * rbm.weights.transpose();
    const Matrix zTerm = Scalar(0.5) * centred.array().square() - v.array() * topDown.array();
    out.logVariance += sign * (zTerm.colwise().sum().array() * precision.array()).matrix().transpose();
}

void accumulateCdGradient(const Rbm& rbm, const Matrix& v, int k, RowStreams& streams, RbmGradient& out)
{
    const Matrix positive = rbm.hiddenProbabilities(v);
    accumulateStatistics(rbm, v, positive, Scalar(1), out);

    const RowVector sigma = (Scalar(0.5) * rbm.logVariance.array()).exp().matrix().transpose();
    Matrix h = positive;
    Matrix negativeV;
    Matrix negativeH;
    for (int step = 0; step < k; ++step) {
        streams.sampleBernoulli(h);
        negativeV = rbm.visibleMean(h);
        if (rbm.gaussian)
            streams.addGaussianNoise(negativeV, sigma);
        else
            streams.sampleBernoulli(negativeV);
        negativeH = rbm.hiddenProbabilities(negativeV);
        h = negativeH;
    }
    accumulateStatistics(rbm, negativeV, negativeH, Scalar(-1), out);
}

Rbm initialRbm(std::size_t visible, std::size_t hidden, bool gaussian, std::uint64_t seed, std::size_t layer,
               double scale)
{
    Rbm rbm;
    rbm.gaussian = gaussian;
    rbm.weights.resize(Eigen::Index(visible), Eigen::Index(hidden));
    const double limit = scale * std::sqrt(6.0 / double(visible + hidden));
    CounterRng rng(seed, RandomPurpose::Initialization, layer);
    for (Eigen::Index i = 0; i < rbm.weights.rows(); ++i) {
        for (Eigen::Index j = 0; j < rbm.weights.cols(); ++j)
            rbm.weights(i, j) = Scalar(rng.uniform(-limit, limit));
    }
    rbm.visibleBias = Vector::Zero(Eigen::Index(visible));
    rbm.hiddenBias = Vector::Zero(Eigen::Index(hidden));
    rbm.logVariance = Vector::Zero(Eigen::Index(visible));
    return rbm;
}

} // namespace gdbm::model
