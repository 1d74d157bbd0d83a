#pragma once

#include "core/Types.h"
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

// One recommended track, with the history tracks behind it. Cosine similarity with a mean
// splits exactly into one term per history track:
//   cos(u, e) = sum_h (w_h / W) (e_h . e) / (|u| |e|),  u = sum_h (w_h / W) e_h,
// so `because` holds the (up to) three largest terms, and all the terms sum to `score`.
struct Recommendation
{
    std::uint32_t track = 0;
    float score = 0.0f;
    struct Reason
    {
        std::uint32_t track = 0;
        float term = 0.0f;
    };
    std::vector<Reason> because; // largest term first
};

struct RecommendParams
{
    std::size_t top = 10;
    std::size_t reasons = 3;
};

// The user's preference vector: the weighted mean of the embeddings of the history's tracks.
Vector preferenceVector(const Matrix& embeddings, const UserHistory& history);

// Top N tracks by cosine similarity with the user's preference vector, excluding the tracks
// the user already heard; ties broken by catalog order (lower index first). Tracks with a zero
// embedding, and every track for a zero preference vector, score 0.
std::vector<Recommendation> recommend(const Matrix& embeddings, const UserHistory& history,
                                      const RecommendParams& params);

// Every history track's term of a track's score (see Recommendation), in history order.
std::vector<float> scoreTerms(const Matrix& embeddings, const UserHistory& history, std::uint32_t track);

} // namespace gdbm::rec
