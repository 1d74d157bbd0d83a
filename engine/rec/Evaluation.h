#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "rec/MethodTable.h"
#include "rec/Rankers.h"
#include "rec/Recommender.h"
#include "sim/Simulator.h"

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace gdbm::rec {

// Returning listeners (HYBRID.md section 5): per user, a seeded 20% of their distinct tracks (at
// least one) is held out; users with fewer than 5 distinct tracks are skipped and counted.
// Every method ranks the whole catalog minus the user's training tracks.
struct HoldoutParams
{
    double share = 0.2;
    std::size_t minDistinct = 5;
    std::uint64_t seed = 1;
};

// New tracks: a seeded 10% of the tracks with at least one listener become new, and every
// interaction with them is removed from what trains or scores. Users with at least one new-track
// interaction and at least 5 other distinct tracks are evaluated, ranking only the new tracks.
struct NewTrackParams
{
    double share = 0.1;
    std::size_t minOther = 5;
    std::uint64_t seed = 1;
};

struct UserSplit
{
    std::uint32_t user = 0; // index into the simulation's users
    UserHistory train;
    std::vector<std::uint32_t> heldOut; // sorted
};

// What a protocol holds out, and the only data a method may learn from. The leakage rule
// (HYBRID.md section 4): rankers are built from `training` alone, never from the simulation.
struct Holdout
{
    Protocol protocol = Protocol::Warm;
    std::vector<UserSplit> users;
    std::size_t skipped = 0;
    std::vector<std::uint32_t> candidates; // sorted tracks ranked; empty: the whole catalog
    // Per simulation user, the sorted distinct tracks that are not held out (a skipped user's
    // whole history, minus the new tracks in that protocol).
    std::vector<std::vector<std::uint32_t>> training;
};

Holdout splitHoldout(const sim::SimulationResult& simulation, const HoldoutParams& params);
Holdout splitNewTracks(const sim::SimulationResult& simulation, std::size_t catalogSize,
                       const NewTrackParams& params);

// Metric key (MethodTable.h's metricTable()) -> value. The ranking metrics are means over users
// of Metrics.h's per-user values at K; coverage is the share of the ranked tracks (the catalog,
// or the new tracks) recommended to someone; gini the Gini index of how often each was
// recommended; novelty the mean over recommendations of -log2((listeners + 1) / (users + 1)),
// listeners counted in the training interactions; diversity the mean over users of the mean
// pairwise 1 - cosine between their recommendations' standardized features;
// archetype_consistency the share of recommended tracks that pass the user's own preferences.
using MetricValues = std::map<std::string, double>;

// One method's NDCG@K minus another's on the same evaluated users, user by user: the mean of
// the differences and its standard error over these users (PairedDifference.h). The users share
// one split of the listening (in the new-tracks protocol, the same held-out tracks), so the error
// says how sure the difference is on this split, not across splits.
struct NdcgDifference
{
    double mean = 0;
    double standardError = 0;
    std::size_t users = 0;

    // Whether the difference is within two standard errors of zero: these users cannot tell the
    // two methods apart.
    bool withinTwoStandardErrors() const;
    bool operator==(const NdcgDifference&) const = default;
};

struct MethodEvaluation
{
    std::string method; // methodTable()'s key
    MetricValues overall;
    std::map<std::string, MetricValues> perArchetype;
    bool ranked = true; // false: the method cannot rank this protocol's tracks (no metrics)
    std::map<std::string, std::string> settings; // tuned settings, "neighbours" -> "50"
    // Each evaluated user's NDCG@K, in the holdout's order of users: what the two statistics
    // below are computed from. Not saved (a million users would make a project of it); the
    // statistics are.
    std::vector<double> userNdcg;
    // The standard error of the mean NDCG@K over the users; NaN when unknown (a method that
    // cannot rank, an evaluation saved before it was recorded).
    double ndcgStandardError = std::numeric_limits<double>::quiet_NaN();
    // A DBM ranking's paired difference to each ranked baseline, by the baseline's key.
    std::map<std::string, NdcgDifference> ndcgAgainst;
};

struct EvaluationResult
{
    Protocol protocol = Protocol::Warm;
    std::size_t tracksRanked = 0; // the catalog, or the new tracks
    std::size_t k = 10;
    std::size_t usersEvaluated = 0;
    std::size_t usersSkipped = 0;
    // The evaluated users of each archetype (the per-archetype values are means over them; the
    // fewer, the more they move with what is held out). Empty in evaluations saved without it.
    std::map<std::string, std::size_t> usersPerArchetype;
    std::vector<MethodEvaluation> methods;
};

// A figure over several splits of the same listeners (each a seeded holdout of their listening):
// the mean of its values, the standard error of that mean over the splits (corrected for the
// overlap of their training data, SplitSummary.h; NaN for one split) and how many were above
// zero (for a difference: the splits on which the first method ranked higher).
struct SplitStatistic
{
    double mean = 0;
    double standardError = 0;
    std::size_t splits = 0;
    std::size_t above = 0;

    bool operator==(const SplitStatistic&) const = default;
};

struct MethodAcrossSplits
{
    std::string method;                            // methodTable()'s key
    std::map<std::string, SplitStatistic> metrics; // each of the results' metrics, by its key

    const SplitStatistic& ndcg() const { return metrics.at("ndcg"); }
    // A DBM ranking's NDCG@K minus each ranked baseline's, split by split, by the baseline's key.
    std::map<std::string, SplitStatistic> ndcgAgainst;

    bool operator==(const MethodAcrossSplits&) const = default;
};

// One protocol's evaluation repeated on several splits. What a single split's standard errors
// (PairedDifference.h) cannot say: whether a difference holds when other listening is held out
// (in the new-tracks protocol, other tracks are new).
struct ProtocolAcrossSplits
{
    Protocol protocol = Protocol::Warm;
    std::size_t k = 10;
    std::vector<MethodAcrossSplits> methods; // the ranked methods, in the results' order

    bool operator==(const ProtocolAcrossSplits&) const = default;
};

// One run over one or both protocols: at most one result per protocol, in protocolTable() order.
// Repeated on several splits of the same listeners, the results are the first split's, and
// each protocol's figures across the splits come with them (SplitSummary.h).
struct EvaluationSet
{
    std::vector<EvaluationResult> results;
    std::vector<std::uint64_t> splitSeeds;          // empty for one split
    std::vector<ProtocolAcrossSplits> acrossSplits; // one per result, in its order; empty for one split

    std::size_t splitCount() const { return splitSeeds.empty() ? 1 : splitSeeds.size(); }
    const EvaluationResult* find(Protocol protocol) const;
    const ProtocolAcrossSplits* findAcrossSplits(Protocol protocol) const;
};

// Evaluates each ranker on the holdout, in parallel over users, deterministically. A ranker that
// cannot rank the new tracks of that protocol is listed with ranked = false and no metrics.
// `features` are the catalog's standardized features (for diversity).
EvaluationResult evaluate(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                          const Holdout& holdout, const std::vector<const Ranker*>& rankers, std::size_t k,
                          const Matrix& features, const ProgressCallback& progress = {},
                          const CancelFlag* cancel = nullptr);

// The metric keys of metricTable(), in its order (for tables and exports).
const std::vector<std::string>& metricOrder();

// The metrics a result holds: metricOrder()'s that are present, then any others by name.
std::vector<std::string> metricsOf(const EvaluationResult& result);

// How many users' training interactions contain each track (popularity and novelty).
std::vector<std::size_t> listenersPerTrack(const Holdout& holdout, std::size_t catalogSize);

} // namespace gdbm::rec
