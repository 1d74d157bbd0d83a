#include "rec/SplitSummary.h"

#include "rec/PairedDifference.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace gdbm::rec {
namespace {

// The splits are drawn from the same listening, so their training data overlap and their
// figures are correlated: the plain standard error, s / sqrt(N), understates how much a figure
// moves with the split. Nadeau and Bengio's correction for repeated random splits ("Inference for
// the generalization error", Machine Learning 52, 2003) takes the variance of the mean as
// s^2 (1/N + n_test/n_train) instead of s^2 / N.
double testToTraining(Protocol protocol)
{
    const double share = protocol == Protocol::NewTracks ? NewTrackParams{}.share : HoldoutParams{}.share;
    return share / (1 - share);
}

SplitStatistic statisticOf(const std::vector<double>& values, double testToTrainingRatio)
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
    const double variance = squares / double(values.size() - 1);
    s.standardError = std::sqrt(variance * (1 / double(values.size()) + testToTrainingRatio));
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
    // A split that evaluated nobody has no figures: what it lacks is left out.
    const auto inEverySplit = [&](std::size_t method, const std::string& metric) {
        for (std::size_t s = 0; s < splits.size(); ++s) {
            if (!methods[s][method]->overall.count(metric))
                return false;
        }
        return true;
    };
    const double ratio = testToTraining(splits.front().protocol);
    ProtocolAcrossSplits summary{splits.front().protocol, splits.front().k, {}};
    for (std::size_t m = 0; m < first.size(); ++m) {
        if (!inEverySplit(m, "ndcg"))
            continue;
        MethodAcrossSplits entry{first[m]->method, {}, {}};
        for (const auto& [metric, unused] : first[m]->overall) {
            if (inEverySplit(m, metric))
                entry.metrics[metric] = statisticOf(valuesOf(m, metric), ratio);
        }
        if (isDbmMethod(entry.method)) {
            const std::vector<double> dbm = valuesOf(m, "ndcg");
            for (std::size_t b = 0; b < first.size(); ++b) {
                if (isDbmMethod(first[b]->method) || !inEverySplit(b, "ndcg"))
                    continue;
                // On one split the mean of the per-user differences is the difference of the means.
                const std::vector<double> baseline = valuesOf(b, "ndcg");
                std::vector<double> differences;
                for (std::size_t s = 0; s < splits.size(); ++s)
                    differences.push_back(dbm[s] - baseline[s]);
                entry.ndcgAgainst[first[b]->method] = statisticOf(differences, ratio);
            }
        }
        summary.methods.push_back(std::move(entry));
    }
    return summary;
}

const MethodAcrossSplits* leadingDbm(const ProtocolAcrossSplits& summary)
{
    const MethodAcrossSplits* leading = nullptr;
    for (const MethodAcrossSplits& m : summary.methods) {
        if (!isDbmMethod(m.method))
            continue;
        if (methodFromKey(m.method) == Method::DbmHybrid)
            return &m;
        if (!leading || m.ndcg().mean > leading->ndcg().mean)
            leading = &m;
    }
    return leading;
}

} // namespace gdbm::rec
