#pragma once

#include "rec/Evaluation.h"

#include <vector>

namespace gdbm::rec {

// Summarizes one protocol's results on several splits (at least one). Every result must be of
// the same protocol and K and rank the same methods in the same order; std::invalid_argument
// otherwise.
// A method or metric that a split has no figure for (it evaluated nobody) is left out. The
// standard errors are corrected for the overlap of the splits' training data (SplitSummary.cpp).
ProtocolAcrossSplits acrossSplits(const std::vector<EvaluationResult>& splits);

// The DBM's leading ranking over the splits, as leadingDbm() on one split: the hybrid when it
// ranks, else the DBM ranking with the highest mean NDCG; null when no DBM ranking has figures.
const MethodAcrossSplits* leadingDbm(const ProtocolAcrossSplits& summary);

} // namespace gdbm::rec
