#pragma once

#include "core/Types.h"
#include "rec/ScoringSpace.h"
#include "sim/Simulator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace gdbm::rec {

// The distinct tracks a user interacted with, each with a weight: 1, or the mean of the user's
// ratings of it (MODEL.md section 6's rating-weighted option). Sorted by track.
struct UserHistory
{
    std::vector<std::uint32_t> tracks;
    std::vector<float> weights;
};

UserHistory historyOf(const sim::SimulationResult& result, std::uint32_t user, bool ratingWeighted);

// One recommended track, with the history tracks behind it. Both scoring rules (ScoringSpace.h)
// split exactly into one term per history track h, with W the sum of the weights w_h, z the
// centred and scaled vectors and d = z / |z|:
//   history mean:  cos(u, z_t) = sum_h (w_h / W) (z_h . d_t) / |u|,   u = sum_h (w_h / W) z_h
//   mean cosine:   sum_h (w_h / W) (d_h . d_t)
// so `because` holds the (up to) three largest terms, and all the terms sum to `score`.
struct Recommendation
{
    std::uint32_t track = 0;
    double score = 0.0;
    struct Reason
    {
        std::uint32_t track = 0;
        double term = 0.0;
    };
    std::vector<Reason> because; // largest term first
};

struct RecommendParams
{
    std::size_t top = 10;
    std::size_t reasons = 3;
    ScoringRule rule = kDefaultScoringRule;
};

// The vector q whose dot product with a song's direction d_t is the song's score: u / |u| for
// the history mean, sum_h (w_h / W) d_h for the mean cosine. Zero for an empty history.
VectorD queryVector(const ScoringSpace& space, const UserHistory& history, ScoringRule rule);

// A song's score for a query: d_t . q in double, in one fixed order. Every path that ranks songs
// (one user, all users at once) scores with this one function, so their lists are identical.
double songScore(const ScoringSpace& space, std::uint32_t track, const VectorD& query);

// Top N tracks by score, excluding the tracks the user already heard; ties broken by catalog
// order (lower index first). A zero vector scores 0 with everything.
std::vector<Recommendation> recommend(const ScoringSpace& space, const UserHistory& history,
                                      const RecommendParams& params);

// Every history track's term of a track's score (see Recommendation), in history order.
std::vector<double> scoreTerms(const ScoringSpace& space, const UserHistory& history, std::uint32_t track,
                               ScoringRule rule);

} // namespace gdbm::rec
