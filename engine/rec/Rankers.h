#pragma once

#include "core/Types.h"
#include "rec/Recommender.h"
#include "rec/ScoringSpace.h"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace gdbm::rec {

// A way of ranking the catalog for a user from the tracks they heard in training: the methods
// the evaluation compares. score() is called from several threads at once and must not change
// the ranker.
class Ranker
{
public:
    virtual ~Ranker() = default;
    virtual std::string name() const = 0;
    // False for methods that learn from who listened (popularity, collaborative filters): a
    // track nobody heard in training has no score, so they cannot rank new tracks.
    virtual bool ranksNewTracks() const { return true; }
    // The settings it was built with and how they were chosen, for the report ("neighbours": "200").
    virtual std::map<std::string, std::string> settings() const { return {}; }
    // Scores every catalog track (higher is better); `scores` has the catalog's size.
    virtual void score(std::uint32_t user, const UserHistory& history, std::span<double> scores) const = 0;
    // Scores every catalog track for several users: row i of `scores` (users x catalog) for
    // users[i] with *histories[i], as score() would, up to rounding. This default calls score()
    // for each row; cosine scoring does the block in one matrix product, which reads the song
    // vectors once for the block instead of once for each user.
    virtual void scoreUsers(std::span<const std::uint32_t> users,
                            std::span<const UserHistory* const> histories, MatrixD& scores) const;
};

// The k best tracks by `scores` (one per catalog track) among `candidates` (sorted; empty: the
// whole catalog) that the history does not contain, best first; ties by catalog order.
std::vector<std::uint32_t> topTracks(std::span<const double> scores, const UserHistory& history,
                                     std::size_t k, const std::vector<std::uint32_t>& candidates = {});

// Cosine scoring (ScoringSpace.h) of song vectors: DBM embeddings, or the songs' standardized
// features for the "audio features" baseline.
std::unique_ptr<Ranker> makeCosineRanker(std::string name, const Matrix& vectors,
                                         ScoringRule rule = kDefaultScoringRule,
                                         const std::vector<double>& unitWeights = {});

// The tracks heard by the most users (in the training interactions), ties by catalog order.
std::unique_ptr<Ranker> makePopularityRanker(std::vector<std::size_t> listeners);

// Uniformly random scores, from a stream keyed by (seed, user).
std::unique_ptr<Ranker> makeRandomRanker(std::uint64_t seed);

} // namespace gdbm::rec
