#pragma once

#include "core/Progress.h"
#include "rec/TrainingInteractions.h"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <span>

namespace gdbm::rec {

struct AlsParams
{
    std::size_t rank = 32;
    double alpha = 10.0;         // confidence of a heard track: 1 + alpha
    double lambda = 0.1;         // L2 weight on both factor matrices
    std::size_t iterations = 15; // each one solves the users, then the tracks
    std::uint64_t seed = 1;
    bool operator==(const AlsParams&) const = default;
};

// Implicit-feedback matrix factorization (Hu, Koren & Volinsky, "Collaborative Filtering for
// Implicit Feedback Datasets", ICDM 2008), with r_ui = 1 for a heard track and 0 otherwise:
//   minimise sum over all (u, i) of c_ui (p_ui - x_u . y_i)^2 + lambda (sum |x_u|^2 + sum |y_i|^2),
//   p_ui = [r_ui > 0], c_ui = 1 + alpha r_ui,
// by alternating least squares, each row solved exactly (section 4 of the paper).
// Requires valid interactions, rank >= 1, alpha >= 0, lambda > 0. Ensures: the same inputs give
// bit-identical factors whatever the thread count; after training the track factors solve their
// normal equations exactly for the final user factors. Throws gdbm::Cancelled when *cancel is set.
class ImplicitAls
{
public:
    using Factors = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    ImplicitAls(const TrainingInteractions& interactions, const AlsParams& params,
                const CancelFlag* cancel = nullptr);

    // Overwrites scores (size catalogSize) with x_u . y_i for every track i.
    void score(std::uint32_t user, std::span<double> scores) const;

    const AlsParams& params() const { return m_params; }
    const Factors& userFactors() const { return m_users; }   // users x rank
    const Factors& trackFactors() const { return m_tracks; } // tracks x rank

private:
    AlsParams m_params;
    Factors m_users;
    Factors m_tracks;
};

} // namespace gdbm::rec
