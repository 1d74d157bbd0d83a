#include "rec/Metrics.h"

#include <algorithm>
#include <cmath>

namespace gdbm::rec {

RankingScores scoreRanking(const std::vector<std::uint32_t>& ranked,
                           const std::vector<std::uint32_t>& heldOut, std::size_t k)
{
    RankingScores s;
    if (heldOut.empty() || k == 0)
        return s;
    std::size_t hits = 0;
    double dcg = 0, precisionSum = 0;
    const std::size_t n = std::min(k, ranked.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::binary_search(heldOut.begin(), heldOut.end(), ranked[i]))
            continue;
        ++hits;
        const double rank = double(i + 1);
        dcg += 1.0 / std::log2(rank + 1.0);
        precisionSum += double(hits) / rank;
        if (hits == 1)
            s.rr = 1.0 / rank;
    }
    const std::size_t ideal = std::min(k, heldOut.size());
    double idcg = 0;
    for (std::size_t i = 1; i <= ideal; ++i)
        idcg += 1.0 / std::log2(double(i) + 1.0);
    s.precision = double(hits) / double(k);
    s.recall = double(hits) / double(heldOut.size());
    s.ndcg = dcg / idcg;
    s.hit = hits > 0 ? 1.0 : 0.0;
    s.ap = precisionSum / double(ideal);
    return s;
}

double giniIndex(std::vector<double> exposures)
{
    const std::size_t n = exposures.size();
    double total = 0;
    for (double x : exposures)
        total += x;
    if (n == 0 || total <= 0)
        return 0.0;
    std::sort(exposures.begin(), exposures.end());
    double weighted = 0;
    for (std::size_t i = 0; i < n; ++i)
        weighted += (2.0 * double(i + 1) - double(n) - 1.0) * exposures[i];
    return weighted / (double(n) * total);
}

} // namespace gdbm::rec
