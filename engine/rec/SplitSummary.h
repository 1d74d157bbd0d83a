#pragma once

#include "rec/Evaluation.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace gdbm::rec {

// A figure over several splits of the same listeners (each a seeded holdout of their listening):
// the mean of its values, their standard error over the splits (sample standard deviation over
// the square root of the splits; NaN for one split) and how many were above zero (for a
// difference: the splits on which the first method ranked higher).
struct SplitStatistic
{
    double mean = 0;
    double standardError = 0;
    std::size_t splits = 0;
    std::size_t above = 0;
};

struct MethodAcrossSplits
{
    std::string method;                            // methodTable()'s key
    std::map<std::string, SplitStatistic> metrics; // each of the results' metrics, by its key

    const SplitStatistic& ndcg() const { return metrics.at("ndcg"); }
    // A DBM ranking's NDCG@K minus each ranked baseline's, split by split, by the baseline's key.
    std::map<std::string, SplitStatistic> ndcgAgainst;
};

// One protocol's evaluation repeated on several splits. What a single split's standard errors
// (PairedDifference.h) cannot say: whether a difference holds when other listening is held out
// (in the new-tracks protocol, other tracks are new).
struct ProtocolAcrossSplits
{
    Protocol protocol = Protocol::Warm;
    std::size_t k = 10;
    std::vector<MethodAcrossSplits> methods; // the ranked methods, in the results' order
};

// Summarizes one protocol's results on several splits (at least one). Every result must be of
// the same protocol and K and rank the same methods in the same order; std::invalid_argument
// otherwise.
ProtocolAcrossSplits acrossSplits(const std::vector<EvaluationResult>& splits);

} // namespace gdbm::rec
