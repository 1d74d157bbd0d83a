#pragma once

#include "core/Progress.h"
#include "rec/ImplicitAls.h"
#include "rec/ItemKnn.h"
#include "rec/TrainingInteractions.h"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace gdbm::rec {

// Baseline settings are chosen once by grid search on a validation split of the TRAINING
// interactions (HYBRID.md section 6): the evaluation's held-out interactions never reach the
// choice. The split holds out a seeded 20% of each user's training tracks (users with fewer
// than 5 keep all), and each candidate is judged by its NDCG@10 there. Ties keep the earlier
// candidate in grid order. Ensures: `best` is one of the grid's candidates, `tried` lists every
// candidate in grid order with its NDCG, and the same inputs give the same result.
inline constexpr double kValidationShare = 0.2;
inline constexpr std::size_t kValidationMinDistinct = 5;
inline constexpr std::size_t kValidationK = 10;

struct TunedItemKnn
{
    ItemKnnParams best;
    double validationNdcg = 0;
    std::vector<std::pair<ItemKnnParams, double>> tried;
};

// The neighbour counts tried, in order (0 = all co-occurring tracks).
const std::vector<ItemKnnParams>& itemKnnGrid();

TunedItemKnn tuneItemKnn(const TrainingInteractions& interactions, std::uint64_t seed);

struct TunedAls
{
    AlsParams best;
    double validationNdcg = 0;
    std::vector<std::pair<AlsParams, double>> tried;
};

// alpha {10, 40, 100, 200} x lambda {1, 10} at rank 32 and 15 iterations, seeded with `seed`:
// the search's first stage.
std::vector<AlsParams> implicitAlsGrid(std::uint64_t seed);
// The search's later stages: these ranks at the grid's best alpha and lambda, then these
// lambdas at the best rank so far. (Rank 256 ranked the demo catalog's validation users 0.8%
// higher than 128, at 2.6 times a fit's time: not tried.)
inline constexpr std::array<std::size_t, 2> kAlsLargerRanks = {64, 128};
inline constexpr std::array<double, 3> kAlsLambdas = {1.0, 10.0, 100.0};

// min(users with a track, tracks with a listener): the largest factorisation rank that can fit
// something a smaller one cannot; larger ranks are skipped.
std::size_t largestUsefulRank(const TrainingInteractions& interactions);

// The grid, then the later stages (their larger ranks only up to largestUsefulRank()); every
// candidate tried is in `tried`, in that order. Reports "candidate i of n" through `progress`;
// throws gdbm::Cancelled when *cancel is set.
TunedAls tuneImplicitAls(const TrainingInteractions& interactions, std::uint64_t seed,
                         const CancelFlag* cancel = nullptr, const ProgressCallback& progress = {});

} // namespace gdbm::rec
