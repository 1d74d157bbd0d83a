#pragma once

#include "rec/Evaluation.h"

#include <ostream>
#include <string>
#include <vector>

namespace gdbm::rec {

// The evaluation as long-format CSV (one value per row, easy to pivot or plot):
//   method,archetype,metric,value
//   dbm-top,all,precision,0.0421
//   ...
// For each method in the result's order: its overall values (archetype "all"), then its values
// per archetype (by name); metrics in metricsOf() order; values as the shortest text that reads
// back to the same double. Method and metric are the engine's names (Comparison.h,
// Evaluation.h); K is not a column: every value is at the result's K.
// With `across` (the same protocol repeated on several splits, `result` being the first split's),
// each method's figures over the splits follow, archetype "all", each metric as two rows:
//   dbm-hybrid,all,ndcg_over_splits_mean,0.2486
//   dbm-hybrid,all,ndcg_over_splits_se,0.0014
// and, for a DBM, its NDCG difference to each baseline ("ndcg_minus_item-knn_over_splits_mean",
// "_se", and "_higher_on" with the number of splits where it was higher), then one row
// "all,all,splits,N".
void writeEvaluationCsv(const EvaluationResult& result, std::ostream& out,
                        const ProtocolAcrossSplits* across = nullptr);

// The same, written atomically to `path`. Throws InputError naming the path.
void saveEvaluationCsv(const EvaluationResult& result, const std::string& path,
                       const ProtocolAcrossSplits* across = nullptr);

} // namespace gdbm::rec
