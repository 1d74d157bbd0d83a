#include "rec/SplitSummary.h"

#include "rec/PairedDifference.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace gdbm::rec {
namespace {

SplitStatistic statisticOf(const std::vector<double>& values)
{
    SplitStatistic s;
    s.splits = values.size();
    for (double v : values) {
        s.mean += v;
        s.above += v > 0 ? 1 : 0;
    }
    s.mean /= double(values.size());
    if (values.size() < 2) {
        s.standardError = std::numeric_limits<double>::quiet_NaN();
        return s;
    }
    double squares = 0;
    for (double v : values)
        squares += (v - s.mean) * (v - s.mean);
    s.standardError = std::sqrt(squares / double(values.size() - 1) / double(values.size()));
    return s;
}

std::vector<const MethodEvaluation*> rankedMethods(const EvaluationResult& result)
{
    std::vector<const MethodEvaluation*> ranked;
    for (const MethodEvaluation& m : result.methods) {
        if (m.ranked)
            ranked.push_back(&m);
    }
    return ranked;
}

} // namespace

ProtocolAcrossSplits acrossSplits(const std::vector<EvaluationResult>& splits)
{
    if (splits.empty())
        throw std::invalid_argument("acrossSplits: no split");
    const std::vector<const MethodEvaluation*> first = rankedMethods(splits.front());
    std::vector<std::vector<const MethodEvaluation*>> methods; // [split][method]
    for (const EvaluationResult& split : splits) {
        methods.push_back(rankedMethods(split));
        bool same = split.protocol == splits.front().protocol && split.k == splits.front().k &&
                    methods.back().size() == first.size();
        for (std::size_t m = 0; same && m < first.size(); ++m)
            same = methods.back()[m]->method == first[m]->method;
        if (!same)
            throw std::invalid_argument("acrossSplits: the splits evaluate different protocols or methods");
    }
    const auto valuesOf = [&](std::size_t method, const std::string& metric) {
        std::vector<double> values;
        for (std::size_t s = 0; s < splits.size(); ++s)
            values.push_back(methods[s][method]->overall.at(metric));
        return values;
    };
    ProtocolAcrossSplits summary{splits.front().protocol, splits.front().k, {}};
    for (std::size_t m = 0; m < first.size(); ++m) {
        MethodAcrossSplits entry{first[m]->method, {}, {}};
        for (const auto& [metric, unused] : first[m]->overall)
            entry.metrics[metric] = statisticOf(valuesOf(m, metric));
        if (isDbmMethod(entry.method)) {
            for (std::size_t b = 0; b < first.size(); ++b) {
                if (isDbmMethod(first[b]->method))
                    continue;
                // On one split the mean of the per-user differences is the difference of the means.
                const std::vector<double> dbm = valuesOf(m, "ndcg");
                const std::vector<double> baseline = valuesOf(b, "ndcg");
                std::vector<double> differences;
                for (std::size_t s = 0; s < splits.size(); ++s)
                    differences.push_back(dbm[s] - baseline[s]);
                entry.ndcgAgainst[first[b]->method] = statisticOf(differences);
            }
        }
        summary.methods.push_back(std::move(entry));
    }
    return summary;
}

} // namespace gdbm::rec
