#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace gdbm::rec {

// Who heard what in the training split: the input of the collaborative baselines (item-kNN,
// implicit MF). Binary on purpose: the baselines are the textbook implicit-feedback versions.
// Invariant (checked by checkInteractions): every list is sorted, distinct and < catalogSize.
struct TrainingInteractions
{
    std::size_t catalogSize = 0;
    std::vector<std::vector<std::uint32_t>> tracksOfUser; // index = user index in the simulation
};

// Interactions with a name for each user ("user:ID"), for the hybrid's listening units.
struct NamedInteractions
{
    TrainingInteractions interactions;
    std::vector<std::string> userNames;
};

// A user's tracks as the invariant wants them: sorted, each once.
std::vector<std::uint32_t> distinctTracks(std::vector<std::uint32_t> tracks);

// Throws std::invalid_argument when the invariant above does not hold.
void checkInteractions(const TrainingInteractions& interactions);

// The transpose: listenersOfTrack[t] = the users who heard t, sorted. Size catalogSize.
std::vector<std::vector<std::uint32_t>> listenersOfTracks(const TrainingInteractions& interactions);

// A seeded split of each user's training tracks, for tuning a baseline without touching the
// evaluation's held-out interactions. heldOut has one (sorted) list per user.
struct ValidationSplit
{
    TrainingInteractions train;
    std::vector<std::vector<std::uint32_t>> heldOut;
};

// Per user, max(1, round(share x n)) of their n tracks go to heldOut, chosen by a shuffle keyed
// by (seed, user); users with n < minDistinct keep everything in train. Ensures: train and
// heldOut partition each user's tracks; the same inputs give the same split.
ValidationSplit splitForValidation(const TrainingInteractions& all, double share, std::size_t minDistinct,
                                   std::uint64_t seed);

// Fills `scores` (sized catalogSize, zeroed before the call) with a user's scores.
using ScoreFunction = std::function<void(std::uint32_t user, std::span<double> scores)>;

// NDCG@k (Metrics.h's definition) of a scoring function, averaged over the users with held-out
// tracks (0 when there are none). Each ranking covers the catalog minus the user's train tracks,
// ties broken by lower track index. `score` is called from several threads at once; the result
// does not depend on the thread count.
double validationNdcg(const ValidationSplit& split, std::size_t k, const ScoreFunction& score);

} // namespace gdbm::rec
