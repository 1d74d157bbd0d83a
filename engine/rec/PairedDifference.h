#pragma once

#include "rec/Evaluation.h"

#include <optional>
#include <string_view>

namespace gdbm::rec {

// How much better one method ranks than another on the same users, and how sure that is on
// these users: the mean over users of (a's NDCG@K - b's) and the standard error of that mean
// (the differences' sample standard deviation over the square root of the users). Paired, so
// that what makes a user easy or hard for every method cancels out of the uncertainty. Empty
// unless both methods hold the same number (at least 2) of per-user values.
std::optional<NdcgDifference> pairedNdcgDifference(const MethodEvaluation& a, const MethodEvaluation& b);

// The standard error of a method's mean NDCG@K over its users; empty without per-user values.
std::optional<double> meanNdcgStandardError(const MethodEvaluation& method);

// Fills every method's ndcgStandardError and each DBM ranking's ndcgAgainst (each ranked
// baseline) from the per-user values, which evaluate() leaves in the result.
void addPairedStatistics(EvaluationResult& result);

// Whether a method's key names one of the DBM's rankings (the rest are baselines).
bool isDbmMethod(std::string_view key);

// The DBM's leading ranking in the result (the hybrid when it ranks, else the DBM ranking with
// the highest NDCG@K) and the baseline with the highest NDCG@K; either may be null.
const MethodEvaluation* leadingDbm(const EvaluationResult& result);
const MethodEvaluation* bestBaseline(const EvaluationResult& result);

} // namespace gdbm::rec
