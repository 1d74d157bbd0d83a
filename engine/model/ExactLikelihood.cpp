#include "model/ExactLikelihood.h"

#include "core/Random.h"

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace gdbm::model::exact {
namespace {

constexpr std::size_t kMaxHiddenUnits = 20;

struct Params
{
    std::vector<MatrixD> w;
    std::vector<VectorD> c;
    VectorD b;
    VectorD variance;
    Eigen::Index gaussian = 0; // visible units [0, gaussian) are Gaussian, the rest binary
    Eigen::Index binary = 0;
};

Params toDouble(const Dbm& dbm)
{
    Params p;
    for (std::size_t l = 0; l < dbm.layerCount(); ++l) {
        p.w.push_back(dbm.weights[l].cast<double>());
        p.c.push_back(dbm.hiddenBias[l].cast<double>());
    }
    p.b = dbm.visibleBias.cast<double>();
    p.variance = dbm.logVariance.cast<double>().array().exp();
    p.gaussian = Eigen::Index(dbm.gaussianCount);
    p.binary = p.b.size() - p.gaussian;
    return p;
}

// Every joint configuration of the hidden layers, as one vector per layer.
std::vector<std::vector<VectorD>> configurations(const Params& p)
{
    std::size_t total = 0;
    for (const VectorD& c : p.c)
        total += std::size_t(c.size());
    if (total > kMaxHiddenUnits)
        throw std::invalid_argument("exact enumeration is for tiny models only");
    std::vector<std::vector<VectorD>> all;
    for (std::uint64_t bits = 0; bits < (std::uint64_t(1) << total); ++bits) {
        std::vector<VectorD> h;
        std::size_t k = 0;
        for (const VectorD& c : p.c) {
            VectorD layer(c.size());
            for (Eigen::Index j = 0; j < c.size(); ++j, ++k)
                layer(j) = double((bits >> k) & 1);
            h.push_back(layer);
        }
        all.push_back(std::move(h));
    }
    return all;
}

// The terms of -E that do not involve v.
double hiddenTerms(const Params& p, const std::vector<VectorD>& h)
{
    double t = 0;
    for (std::size_t l = 0; l < h.size(); ++l) {
        t += p.c[l].dot(h[l]);
        if (l > 0)
            t += h[l - 1].dot(p.w[l] * h[l]);
    }
    return t;
}

double softplus(double x)
{
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

// log of the unnormalised marginal of h: the integral of exp(-E(v, h)) over the Gaussian visible
// units and the sum over the binary ones, which given h1 are independent: each gives
// log(1 + exp(b_i + a_i)).
double logMarginalOfHidden(const Params& p, const std::vector<VectorD>& h)
{
    const VectorD a = p.w[0] * h[0];
    const auto g = p.gaussian;
    double t = hiddenTerms(p, h);
    const auto bG = p.b.head(g).array(), aG = a.head(g).array(), varG = p.variance.head(g).array();
    t += ((2.0 * bG * aG + aG.square()) / (2.0 * varG)).sum();
    t += (0.5 * (2.0 * std::numbers::pi * varG).log()).sum();
    for (Eigen::Index i = g; i < a.size(); ++i)
        t += softplus(p.b(i) + a(i));
    return t;
}

// -E(v, h) = -sum_G (v - b)^2 / 2 sigma^2 + sum_G (v / sigma^2) a + sum_B (b + a) v + hidden terms.
double negativeEnergy(const Params& p, const VectorD& v, const std::vector<VectorD>& h)
{
    const VectorD a = p.w[0] * h[0];
    const auto g = p.gaussian, n = p.binary;
    const double quadratic = ((v - p.b).head(g).array().square() / (2.0 * p.variance.head(g).array())).sum();
    const double gaussian = (v.head(g).array() / p.variance.head(g).array() * a.head(g).array()).sum();
    const double binary = ((p.b.tail(n) + a.tail(n)).array() * v.tail(n).array()).sum();
    return -quadratic + gaussian + binary + hiddenTerms(p, h);
}

double logSumExp(const std::vector<double>& x)
{
    double top = -INFINITY;
    for (double v : x)
        top = std::max(top, v);
    double sum = 0;
    for (double v : x)
        sum += std::exp(v - top);
    return top + std::log(sum);
}

std::vector<double> hiddenWeights(const Params& p, const std::vector<std::vector<VectorD>>& all, double& logZ)
{
    std::vector<double> logs;
    for (const auto& h : all)
        logs.push_back(logMarginalOfHidden(p, h));
    logZ = logSumExp(logs);
    std::vector<double> weights;
    for (double l : logs)
        weights.push_back(std::exp(l - logZ));
    return weights;
}

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

} // namespace

double logPartition(const Dbm& dbm)
{
    const Params p = toDouble(dbm);
    double logZ = 0;
    hiddenWeights(p, configurations(p), logZ);
    return logZ;
}

double logProbability(const Dbm& dbm, const VectorD& v)
{
    const Params p = toDouble(dbm);
    const auto all = configurations(p);
    std::vector<double> terms;
    for (const auto& h : all)
        terms.push_back(negativeEnergy(p, v, h));
    double logZ = 0;
    hiddenWeights(p, all, logZ);
    return logSumExp(terms) - logZ;
}

double meanLogLikelihood(const Dbm& dbm, const MatrixD& data)
{
    const Params p = toDouble(dbm);
    const auto all = configurations(p);
    double logZ = 0;
    hiddenWeights(p, all, logZ);
    double sum = 0;
    for (Eigen::Index r = 0; r < data.rows(); ++r) {
        std::vector<double> terms;
        const VectorD v = data.row(r).transpose();
        for (const auto& h : all)
            terms.push_back(negativeEnergy(p, v, h));
        sum += logSumExp(terms) - logZ;
    }
    return sum / double(data.rows());
}

GrbmGradient grbmGradient(const Dbm& grbm, const MatrixD& data)
{
    GrbmGradient g = grbmDataTerm(grbm, data);
    const GrbmGradient model = grbmModelTerm(grbm);
    g.weights -= model.weights;
    g.visibleBias -= model.visibleBias;
    g.hiddenBias -= model.hiddenBias;
    g.logVariance -= model.logVariance;
    return g;
}

namespace {

GrbmGradient zeroGradient(const Params& p)
{
    const auto D = p.b.size();
    const auto n = p.c[0].size();
    return {MatrixD::Zero(D, n), VectorD::Zero(D), VectorD::Zero(n), VectorD::Zero(D)};
}

} // namespace

GrbmGradient grbmDataTerm(const Dbm& grbm, const MatrixD& data)
{
    if (grbm.layerCount() != 1 || grbm.gaussianCount != grbm.visibleCount())
        throw std::invalid_argument("grbmDataTerm: one hidden layer, Gaussian visible units only");
    const Params p = toDouble(grbm);
    const VectorD precision = p.variance.cwiseInverse();
    GrbmGradient g = zeroGradient(p);

    // Data terms, with the exact p(h | v).
    for (Eigen::Index r = 0; r < data.rows(); ++r) {
        const VectorD v = data.row(r).transpose();
        const VectorD s = v.cwiseProduct(precision);
        VectorD h = p.w[0].transpose() * s + p.c[0];
        h = h.unaryExpr([](double x) { return sigmoid(x); });
        const VectorD a = p.w[0] * h;
        g.weights += s * h.transpose();
        g.visibleBias += (v - p.b).cwiseProduct(precision);
        g.hiddenBias += h;
        g.logVariance +=
            (0.5 * (v - p.b).array().square() - v.array() * a.array()).matrix().cwiseProduct(precision);
    }
    const double m = double(data.rows());
    g.weights /= m;
    g.visibleBias /= m;
    g.hiddenBias /= m;
    g.logVariance /= m;
    return g;
}

GrbmGradient grbmModelTerm(const Dbm& grbm)
{
    if (grbm.layerCount() != 1 || grbm.gaussianCount != grbm.visibleCount())
        throw std::invalid_argument("grbmModelTerm: one hidden layer, Gaussian visible units only");
    const Params p = toDouble(grbm);
    const VectorD precision = p.variance.cwiseInverse();
    GrbmGradient g = zeroGradient(p);
    // Sum over h of p(h) E[. | h], with v | h ~ N(b + a, sigma^2).
    const auto all = configurations(p);
    double logZ = 0;
    const std::vector<double> weights = hiddenWeights(p, all, logZ);
    for (std::size_t k = 0; k < all.size(); ++k) {
        const VectorD& h = all[k][0];
        const VectorD a = p.w[0] * h;
        const VectorD meanV = p.b + a;
        g.weights += weights[k] * meanV.cwiseProduct(precision) * h.transpose();
        g.visibleBias += weights[k] * a.cwiseProduct(precision);
        g.hiddenBias += weights[k] * h;
        const VectorD zTerm = 0.5 * (p.variance.array() + a.array().square()) - meanV.array() * a.array();
        g.logVariance += weights[k] * zTerm.cwiseProduct(precision);
    }
    return g;
}

Moments modelMoments(const Dbm& dbm)
{
    const Params p = toDouble(dbm);
    const auto all = configurations(p);
    double logZ = 0;
    const std::vector<double> weights = hiddenWeights(p, all, logZ);
    const auto D = p.b.size();
    Moments m{MatrixD::Zero(D, p.c[0].size()), MatrixD(), VectorD::Zero(D)};
    if (p.c.size() > 1)
        m.hiddenHidden = MatrixD::Zero(p.c[0].size(), p.c[1].size());
    for (std::size_t k = 0; k < all.size(); ++k) {
        // E[v | h]: b + a for a Gaussian unit, sigm(b + a) for a binary one (whose v^2 is v).
        VectorD meanV = p.b + p.w[0] * all[k][0];
        VectorD square = (p.variance.array() + meanV.array().square()).matrix();
        for (Eigen::Index i = p.gaussian; i < meanV.size(); ++i) {
            meanV(i) = sigmoid(meanV(i));
            square(i) = meanV(i);
        }
        m.visibleHidden += weights[k] * meanV * all[k][0].transpose();
        if (p.c.size() > 1)
            m.hiddenHidden += weights[k] * all[k][0] * all[k][1].transpose();
        m.visibleSquare += weights[k] * square;
    }
    return m;
}

double meanFieldBound(const Dbm& dbm, const VectorD& v, const std::vector<VectorD>& mu)
{
    const Params p = toDouble(dbm);
    double logZ = 0;
    hiddenWeights(p, configurations(p), logZ);
    double entropy = 0;
    for (const VectorD& layer : mu) {
        for (Eigen::Index j = 0; j < layer.size(); ++j) {
            const double q = layer(j);
            if (q > 0 && q < 1)
                entropy -= q * std::log(q) + (1 - q) * std::log(1 - q);
        }
    }
    return negativeEnergy(p, v, mu) + entropy - logZ;
}

MatrixD sample(const Dbm& dbm, std::size_t count, std::uint64_t seed)
{
    const Params p = toDouble(dbm);
    const auto all = configurations(p);
    double logZ = 0;
    const std::vector<double> weights = hiddenWeights(p, all, logZ);
    MatrixD out(Eigen::Index(count), p.b.size());
    for (std::size_t r = 0; r < count; ++r) {
        CounterRng rng(seed, RandomPurpose::Sampling, 0x5EED, r);
        double u = rng.uniform();
        std::size_t k = 0;
        while (k + 1 < all.size() && u >= weights[k]) {
            u -= weights[k];
            ++k;
        }
        const VectorD mean = p.b + p.w[0] * all[k][0];
        for (Eigen::Index i = 0; i < mean.size(); ++i)
            out(Eigen::Index(r), i) = i < p.gaussian ? mean(i) + std::sqrt(p.variance(i)) * rng.normal()
                                                     : double(rng.uniform() < sigmoid(mean(i)));
    }
    return out;
}

} // namespace gdbm::model::exact
