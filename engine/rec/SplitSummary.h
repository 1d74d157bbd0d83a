#pragma once

#include "rec/Evaluation.h"

#include <vector>

namespace gdbm::rec {

// Summarizes one protocol's results on several splits (at least one). Every result must be of
// the same protocol and K and rank the same methods in the same order; std::invalid_argument
// otherwise.
ProtocolAcrossSplits acrossSplits(const std::vector<EvaluationResult>& splits);

} // namespace gdbm::rec
