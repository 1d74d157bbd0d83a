#pragma once

#include "model/Dbm.h"

#include <Eigen/Dense>
#include <vector>

namespace gdbm::model::exact {

// Exact quantities of tiny models by enumerating every joint hidden configuration
// (MODEL.md section 8), in double precision. Cost: 2^(n1 + ... + nL) terms; keep the hidden
// units to about 16 in all. These are the references the tests compare the engine against.
// Visible units may be of both kinds (Dbm::gaussianCount): given h1 the Gaussian ones are
// integrated out and the binary ones summed out (each gives log(1 + exp(b_i + a_i))), so the
// multimodal DBM of HYBRID.md is checked by the same enumeration.

using MatrixD = Eigen::MatrixXd;
using VectorD = Eigen::VectorXd;

// log Z: logsumexp over h of [sum_l cl^T hl + sum_{l>=2} h(l-1)^T Wl hl
//        + sum_G (2 b_i a_i + a_i^2) / (2 sigma_i^2) + 0.5 log(2 pi sigma_i^2)
//        + sum_B log(1 + exp(b_i + a_i))], a = W1 h1, G and B the Gaussian and binary units.
double logPartition(const Dbm& dbm);

// log p(v) for one visible vector.
double logProbability(const Dbm& dbm, const VectorD& v);

// Mean of log p(v) over the rows of data.
double meanLogLikelihood(const Dbm& dbm, const MatrixD& data);

// The exact gradient of the mean log-likelihood of a one-layer model (a GRBM, every visible
// unit Gaussian), with section 3's
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
// are two layers or more, and E[v^2] (D; E[v] for a binary unit).
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

// Exact samples of a tiny DBM: h from its enumerated marginal, then each Gaussian v_i ~
// N(b_i + a_i, sigma_i^2) and each binary v_i ~ Bernoulli(sigm(b_i + a_i)).
MatrixD sample(const Dbm& dbm, std::size_t count, std::uint64_t seed);

} // namespace gdbm::model::exact
