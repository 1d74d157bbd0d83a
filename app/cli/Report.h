#pragma once

#include "data/Catalog.h"
#include "rec/Evaluation.h"
#include "rec/Recommender.h"

#include <string>
#include <vector>

// Printing what the recommendation commands produce.
namespace gdbm::cli {

// Methods as rows, metrics as columns, on stdout; then one table per archetype for NDCG.
void printEvaluation(const rec::EvaluationResult& result);

// {"k": 10, "users_evaluated": .., "users_skipped": .., "methods": {name: {metric: value}},
//  "per_archetype": {archetype: {method: {metric: value}}}}, written atomically.
void writeEvaluationJson(const rec::EvaluationResult& result, const std::string& path);

// "1. 0.987  Title - Artist (2009)" lines, with "because you played" lines when explain.
void printRecommendations(const data::Catalog& catalog, const std::vector<rec::Recommendation>& list,
                          bool explain);

} // namespace gdbm::cli
