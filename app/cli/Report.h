#pragma once

#include "data/Catalog.h"
#include "rec/Evaluation.h"
#include "rec/Recommender.h"

#include <string>
#include <vector>

// Printing what the recommendation commands produce.
namespace gdbm::cli {

// The protocol, then methods as rows and metrics as columns (methodTable() and metricTable()
// order, labels), the tuned settings, and a table of NDCG per archetype, on stdout. A method
// that cannot rank the protocol's tracks says so in its row.
void printEvaluation(const rec::EvaluationResult& result);

// {"protocols": {"warm": {"k", "users_evaluated", "users_not_evaluated", "tracks_ranked",
//   "methods": {key: {"ranked", "settings"?, "metrics"?: {metric: value}}},
//   "per_archetype": {archetype: {method: {metric: value}}}}, "new-tracks": {...}}},
// written atomically.
void writeEvaluationJson(const std::vector<rec::EvaluationResult>& results, const std::string& path);

// "1. 0.987  Title - Artist (2009)" lines, with "because you played" lines when explain.
void printRecommendations(const data::Catalog& catalog, const std::vector<rec::Recommendation>& list,
                          bool explain);

} // namespace gdbm::cli
