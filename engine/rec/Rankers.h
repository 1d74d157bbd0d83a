#pragma once

#include "core/Types.h"
#include "rec/Recommender.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gdbm::rec {

// A way of ranking the catalog for a user from the tracks they heard: the methods the
// evaluation compares. rank() returns up to k tracks the history does not contain, best first;
// it is called from several threads at once and must not change the ranker.
class Ranker
{
public:
    virtual ~Ranker() = default;
    virtual std::string name() const = 0;
    virtual std::vector<std::uint32_t> rank(std::uint32_t user, const UserHistory& history,
                                            std::size_t k) const = 0;
};

// Cosine similarity with the mean of the history's vectors (DBM embeddings, or the songs'
// standardized features for the "no DBM" baseline).
std::unique_ptr<Ranker> makeCosineRanker(std::string name, Matrix vectors);

// The tracks heard by the most users (in the training histories), ties by catalog order.
std::unique_ptr<Ranker> makePopularityRanker(std::vector<std::size_t> listeners);

// Uniformly random unheard tracks, from a stream keyed by (seed, user).
std::unique_ptr<Ranker> makeRandomRanker(std::size_t catalogSize, std::uint64_t seed);

} // namespace gdbm::rec
