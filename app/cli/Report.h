#pragma once

#include "data/Catalog.h"
#include "rec/Evaluation.h"
#include "rec/ModalityExplanation.h"
#include "rec/Recommender.h"

#include <string>
#include <vector>

// Printing what the recommendation commands produce.
namespace gdbm::cli {

// The protocol, then methods as rows and metrics as columns (methodTable() and metricTable()
// order, labels), the tuned settings, and a table of NDCG per archetype, on stdout. A method
// that cannot rank the protocol's tracks says so in its row.
void printEvaluation(const rec::EvaluationResult& result);

// The evaluation as JSON, written atomically:
// {"protocols": {"warm": {"k", "best_baseline", "users_evaluated", "users_not_evaluated",
//    "users_per_archetype", "tracks_ranked",
//    "methods": {key: {"ranked", "settings"?, "metrics"?: {metric: value}, "ndcg_standard_error"?,
//                      "ndcg_against_baselines"?: {baseline: {"mean_difference", "standard_error"}}}},
//    "per_archetype": {archetype: {method: {metric: value}}}},
//   "new-tracks": {...}},
//  "across_splits"?: {"seeds": [...],
//    "warm": {"k", "methods": {key: {"metrics": {metric: {"mean", "standard_error"?}},
//             "ndcg_against_baselines"?: {baseline: {"mean_difference", "higher_on_splits",
//                                                    "standard_error"?}}}}},
//    "new-tracks": {...}}}
// With several splits, "protocols" is the first split's; a standard error one split cannot give
// is left out.
void writeEvaluationJson(const rec::EvaluationSet& set, const std::string& path);

// One protocol's NDCG@K and archetype fit over several splits of the same listeners: each ranked
// method's means and their standard errors over the splits, then the leading DBM ranking against each
// baseline, with the number of splits on which it ranked higher.
void printAcrossSplits(const rec::ProtocolAcrossSplits& summary,
                       const std::vector<std::uint64_t>& splitSeeds);

// What the hybrid adds to each recommendation: whether the song is new (its listening inferred)
// and what each modality contributed to its score. Empty for the audio-only model.
struct HybridNotes
{
    std::vector<bool> newTracks;                         // per catalog track
    std::vector<std::vector<rec::ModalityShare>> shares; // per recommendation
};

// "1. 0.987  Title - Artist (2009)" lines (new songs marked), with "because you played" lines and
// the modalities' shares when explain.
void printRecommendations(const data::Catalog& catalog, const std::vector<rec::Recommendation>& list,
                          bool explain, const HybridNotes& notes = {});

} // namespace gdbm::cli
