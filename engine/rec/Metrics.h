#pragma once

#include <cstdint>
#include <vector>

namespace gdbm::rec {

// Ranking quality of one user's top-K list against the tracks held out from their history.
// `ranked` is the list in rank order (at most K tracks, no repeats); `heldOut` is sorted.
// With hits = recommended tracks that are held out, rank i counted from 1:
//   precision = hits / K                      (K: the list length asked for, not the list's)
//   recall    = hits / |heldOut|
//   ndcg      = DCG / IDCG, DCG = sum over hits of 1 / log2(i + 1),
//               IDCG = sum over i = 1..min(K, |heldOut|) of 1 / log2(i + 1)
//   hit       = 1 if hits > 0, else 0
//   rr        = 1 / (rank of the first hit), 0 without a hit          (its mean is MRR)
//   ap        = (1 / min(K, |heldOut|)) * sum over hits of precision at that rank  (mean: MAP)
// Every value is 0 for an empty heldOut.
struct RankingScores
{
    double precision = 0;
    double recall = 0;
    double ndcg = 0;
    double hit = 0;
    double rr = 0;
    double ap = 0;
};

RankingScores scoreRanking(const std::vector<std::uint32_t>& ranked,
                           const std::vector<std::uint32_t>& heldOut, std::size_t k);

// Gini index of how often each of `catalogSize` tracks was recommended (0: every track equally
// often; close to 1: a few tracks get every recommendation). exposures[t] = count of track t.
double giniIndex(std::vector<double> exposures);

} // namespace gdbm::rec
