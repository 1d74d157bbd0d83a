#pragma once

#include "model/Dbm.h"

#include <Eigen/Dense>
#include <vector>

namespace gdbm::model::exact {

// Exact quantities of tiny models by enumerating every joint hidden configuration
// (MODEL.md section 8), in double precision. Cost: 2^(n1 + ... + nL) terms; keep the hidden
// units to about 16 in all. These are the references the tests compare the engine against.

using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

// log Z: logsumexp over h of [sum_l cl^T hl + sum_{l>=2} h(l-1)^T Wl hl
//        + sum_i (2 b_i a_i + a_i^2) / (2 sigma_i^2)] + sum_i 0.5 log(2 pi sigma_i^2), a = W1 h1.
double logPartition(const Dbm& dbm);

// log p(v) for one visible vector.
double logProbability(const Dbm& dbm, const VectorD& v);

// Mean of log p(v) over the rows of data.
double meanLogLikelihood(const Dbm& dbm, const MatrixD& data);

// The exact gradient of the mean log-likelihood of a one-layer model (a GRBM), with section 3's
// formulas: data terms with p(h | v), model terms with the enumerated p(h) and
// E[v | h] = b + a, E[0.5 (v - b)^2 - v a | h] = 0.5 (sigma^2 + a^2) - (b + a) a.
struct GrbmGradient
{
    MatrixD weights;
    VectorD visibleBias;
    VectorD hiddenBias;
    VectorD logVariance;
};
GrbmGradient grbmGradient(const Dbm& grbm, const MatrixD& data);
// The two halves of it: data terms (means over the rows) and model terms.
GrbmGradient grbmDataTerm(const Dbm& grbm, const MatrixD& data);
GrbmGradient grbmModelTerm(const Dbm& grbm);

// Model moments of a DBM by enumeration: E[v h1^T] (D x n1), E[h1 h2^T] (n1 x n2) when there
// are two layers or more, and E[v^2] (D).
struct Moments
{
    MatrixD visibleHidden;
    MatrixD hiddenHidden;
    VectorD visibleSquare;
};
Moments modelMoments(const Dbm& dbm);

// The mean-field variational lower bound on log p(v) for the factorised q with means mu:
// -E(v, mu) + sum of the Bernoulli entropies of mu - log Z (E is multilinear in h).
double meanFieldBound(const Dbm& dbm, const VectorD& v, const std::vector<VectorD>& mu);

// Exact samples of a tiny DBM: h from its enumerated marginal, then v ~ N(b + W1 h1, sigma^2).
MatrixD sample(const Dbm& dbm, std::size_t count, std::uint64_t seed);

} // namespace gdbm::model::exact
