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
void writeEvaluationCsv(const EvaluationResult& result, std::ostream& out);

// The same, written atomically to `path`. Throws InputError naming the path.
void saveEvaluationCsv(const EvaluationResult& result, const std::string& path);

} // namespace gdbm::rec
