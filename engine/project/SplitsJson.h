#pragma once

#include "project/JsonReader.h"
#include "rec/Evaluation.h"

// An evaluation's figures across splits (rec::EvaluationSet's splitSeeds and acrossSplits) in
// the project file and the runs' copies of the evaluation:
// {"seeds": [s, ..], "protocols": [{"protocol", "k", "methods": [{"method",
//   "metrics": {key: statistic}, "ndcg_against": {baseline: statistic}}]}]},
// a statistic being {"mean", "standard_error", "splits", "above"}.
namespace gdbm::project {

json acrossSplitsToJson(const rec::EvaluationSet& set);

// Reads `in` into set.splitSeeds and set.acrossSplits; `set.results` must be read already.
// Seeds that do not follow each other, a protocol the set has no result for (or not one for each
// result), another K, an unknown or repeated method, a count of splits other than the seeds', or
// a negative error is an error naming the field.
void readAcrossSplits(const json& in, const JsonReader& reader, rec::EvaluationSet& set);

} // namespace gdbm::project
