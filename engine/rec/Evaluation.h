#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "rec/Rankers.h"
#include "rec/Recommender.h"
#include "sim/Simulator.h"

#include <map>
#include <string>
#include <vector>

namespace gdbm::rec {

// The protocol: per user, a seeded 20% of their distinct tracks (at least one) is held out;
// users with fewer than 5 distinct tracks are skipped and counted. Every method ranks the whole
// catalog minus the user's training tracks.
struct HoldoutParams
{
    double share = 0.2;
    std::size_t minDistinct = 5;
    std::uint64_t seed = 1;
};

struct UserSplit
{
    std::uint32_t user = 0; // index into the simulation's users
    UserHistory train;
    std::vector<std::uint32_t> heldOut; // sorted
};

struct Holdout
{
    std::vector<UserSplit> users;
    std::size_t skipped = 0;
};

Holdout splitHoldout(const sim::SimulationResult& simulation, const HoldoutParams& params);

// Metric name -> value. Names: precision, recall, ndcg, hit_rate, mrr, map (means over users of
// Metrics.h's per-user values at K); coverage (distinct recommended tracks / catalog size);
// gini (Gini index of how often each catalog track was recommended); novelty (mean over
// recommendations of -log2((listeners + 1) / (users + 1)), listeners counted in the training
// histories); diversity (mean over users of the mean pairwise 1 - cosine between their
// recommendations' standardized features); archetype_consistency (share of recommended tracks
// that pass the user's own archetype preferences).
using MetricValues = std::map<std::string, double>;

struct MethodEvaluation
{
    std::string method;
    MetricValues overall;
    std::map<std::string, MetricValues> perArchetype;
};

struct EvaluationResult
{
    std::size_t k = 10;
    std::size_t usersEvaluated = 0;
    std::size_t usersSkipped = 0;
    std::vector<MethodEvaluation> methods;
};

// Evaluates each ranker on the holdout, in parallel over users, deterministically.
// `features` are the catalog's standardized features (for diversity).
EvaluationResult evaluate(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                          const Holdout& holdout, const std::vector<const Ranker*>& rankers, std::size_t k,
                          const Matrix& features, const ProgressCallback& progress = {},
                          const CancelFlag* cancel = nullptr);

// The metric names of an EvaluationResult in the order tables and exports show them: ranking
// quality first (precision .. map), then what the lists look like (coverage .. consistency).
const std::vector<std::string>& metricOrder();

// The metrics a result holds: metricOrder()'s that are present, then any others by name.
std::vector<std::string> metricsOf(const EvaluationResult& result);

// How many training histories contain each track (for the popularity baseline and novelty).
std::vector<std::size_t> listenersPerTrack(const Holdout& holdout, std::size_t catalogSize);

} // namespace gdbm::rec
