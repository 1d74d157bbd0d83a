#include "rec/ImplicitAls.h"

#include "core/Error.h"
#include "core/Random.h"

#include <Eigen/Cholesky>
#include <cmath>
#include <stdexcept>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace gdbm::rec {
namespace {

using Factors = ImplicitAls::Factors;

// Keys the initialisation stream apart from the other users of RandomPurpose::Initialization
// (the RBM layers use small indices there).
constexpr std::uint64_t kAlsStream = 0x414c53; // "ALS"

void throwIfCancelled(const CancelFlag* cancel)
{
    if (cancel && cancel->load())
        throw Cancelled();
}

// Solves every row of `solved` against the fixed side F (Hu et al., section 4):
//   (B + alpha V^T V) x_r = (1 + alpha) V^T 1,   B = F^T F + lambda I,
// where V holds the rows of F the row heard: F^T C_r F = F^T F + F^T (C_r - I) F, and C_r - I
// is alpha on the heard entries only. B is computed once per sweep, so a row costs
// O(n_r rank^2 + rank^3) instead of O(size of F x rank^2).
// Each row is solved exactly (Cholesky; the matrix is symmetric positive definite because
// lambda > 0) rather than by a few conjugate-gradient steps (Takacs, Pilaszy & Tikk 2011): the
// result is the paper's to rounding, needs no warm start or step count, and the tests can check
// it. Rows with fewer heard entries than the rank (most tracks: a few listeners against rank 32)
// take the same solution through the matrix inversion lemma, an n_r x n_r system:
//   x_r = ((1 + alpha) / alpha) W^T (I / alpha + W V^T)^{-1} 1,   W = V B^{-1},
// which is what keeps the exact solve affordable over a 10,000-track catalog.
void solveSide(const Factors& fixed, const std::vector<std::vector<std::uint32_t>>& heard, double alpha,
               double lambda, Factors& solved, const CancelFlag* cancel)
{
    const Eigen::Index rank = fixed.cols();
    Eigen::MatrixXd gram = fixed.transpose() * fixed;
    gram.diagonal().array() += lambda;
    const Eigen::MatrixXd gramInverse = gram.llt().solve(Eigen::MatrixXd::Identity(rank, rank));
    const auto solveRows = [&](const tbb::blocked_range<std::size_t>& r) {
        if (cancel && cancel->load())
            return;
        Eigen::MatrixXd a(rank, rank);
        Eigen::VectorXd b(rank);
        Eigen::MatrixXd v, w, s;
        for (std::size_t row = r.begin(); row != r.end(); ++row) {
            const auto& items = heard[row];
            const auto n = Eigen::Index(items.size());
            auto x = solved.row(Eigen::Index(row));
            if (n == 0) { // p_r = 0: the solution is 0
                x.setZero();
                continue;
            }
            v.resize(n, rank);
            for (Eigen::Index k = 0; k < n; ++k)
                v.row(k) = fixed.row(Eigen::Index(items[std::size_t(k)]));
            if (alpha > 0 && n < rank) {
                w.noalias() = v * gramInverse;
                s.noalias() = w * v.transpose();
                s.diagonal().array() += 1.0 / alpha;
                x.noalias() =
                    ((1.0 + alpha) / alpha) * (w.transpose() * s.llt().solve(Eigen::VectorXd::Ones(n)));
            } else {
                a = gram;
                a.selfadjointView<Eigen::Lower>().rankUpdate(v.transpose(), alpha);
                b.noalias() = (1.0 + alpha) * v.colwise().sum().transpose();
                x = a.llt().solve(b).transpose();
            }
        }
    };
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, heard.size()), solveRows);
    throwIfCancelled(cancel);
}

} // namespace

ImplicitAls::ImplicitAls(const TrainingInteractions& interactions, const AlsParams& params,
                         const CancelFlag* cancel)
    : m_params(params)
{
    checkInteractions(interactions);
    if (params.rank == 0 || !(params.alpha >= 0) || !(params.lambda > 0))
        throw std::invalid_argument("implicit ALS needs rank >= 1, alpha >= 0 and lambda > 0");
    const auto rank = Eigen::Index(params.rank);
    const auto listeners = listenersOfTracks(interactions);
    m_users = Factors::Zero(Eigen::Index(interactions.tracksOfUser.size()), rank);
    m_tracks.resize(Eigen::Index(interactions.catalogSize), rank);
    // Small random track factors (users are solved first, so they need none); one stream per
    // track, so the start does not depend on the order anything runs in.
    const double scale = 0.1 / std::sqrt(double(params.rank));
    for (Eigen::Index i = 0; i < m_tracks.rows(); ++i) {
        CounterRng rng(params.seed, RandomPurpose::Initialization, kAlsStream, std::uint64_t(i));
        for (Eigen::Index f = 0; f < rank; ++f)
            m_tracks(i, f) = scale * rng.normal();
    }
    for (std::size_t it = 0; it < params.iterations; ++it) {
        throwIfCancelled(cancel);
        solveSide(m_tracks, interactions.tracksOfUser, params.alpha, params.lambda, m_users, cancel);
        solveSide(m_users, listeners, params.alpha, params.lambda, m_tracks, cancel);
    }
}

void ImplicitAls::score(std::uint32_t user, std::span<double> scores) const
{
    if (user >= m_users.rows() || scores.size() != std::size_t(m_tracks.rows()))
        throw std::invalid_argument("implicit ALS: unknown user, or scores not sized to the catalog");
    Eigen::Map<Eigen::VectorXd> out(scores.data(), Eigen::Index(scores.size()));
    out.noalias() = m_tracks * m_users.row(user).transpose();
}

} // namespace gdbm::rec
