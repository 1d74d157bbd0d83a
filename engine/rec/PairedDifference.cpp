#include "rec/PairedDifference.h"

#include "rec/MethodTable.h"

#include <cmath>

namespace gdbm::rec {
namespace {

// The mean of the values and its standard error (sample standard deviation / sqrt(n)); n >= 2.
std::pair<double, double> meanAndStandardError(const std::vector<double>& values)
{
    const double n = double(values.size());
    double mean = 0;
    for (double v : values)
        mean += v;
    mean /= n;
    double squares = 0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    return {mean, std::sqrt(squares / (n - 1) / n)};
}

} // namespace

bool NdcgDifference::withinTwoStandardErrors() const
{
    return std::abs(mean) <= 2 * standardError; // two methods that rank alike: 0 <= 0
}

std::optional<NdcgDifference> pairedNdcgDifference(const MethodEvaluation& a, const MethodEvaluation& b)
{
    if (a.userNdcg.size() != b.userNdcg.size() || a.userNdcg.size() < 2)
        return std::nullopt;
    std::vector<double> differences(a.userNdcg.size());
    for (std::size_t i = 0; i < differences.size(); ++i)
        differences[i] = a.userNdcg[i] - b.userNdcg[i];
    const auto [mean, standardError] = meanAndStandardError(differences);
    return NdcgDifference{mean, standardError, differences.size()};
}

std::optional<double> meanNdcgStandardError(const MethodEvaluation& method)
{
    if (method.userNdcg.size() < 2)
        return std::nullopt;
    return meanAndStandardError(method.userNdcg).second;
}

void addPairedStatistics(EvaluationResult& result)
{
    for (MethodEvaluation& m : result.methods) {
        if (const auto error = meanNdcgStandardError(m))
            m.ndcgStandardError = *error;
        if (!m.ranked || !isDbmMethod(m.method))
            continue;
        for (const MethodEvaluation& baseline : result.methods) {
            if (baseline.ranked && !isDbmMethod(baseline.method)) {
                if (const auto difference = pairedNdcgDifference(m, baseline))
                    m.ndcgAgainst[baseline.method] = *difference;
            }
        }
    }
}

bool isDbmMethod(std::string_view key)
{
    const auto method = methodFromKey(key);
    return method == Method::DbmHybrid || method == Method::DbmTop || method == Method::DbmAll ||
           method == Method::DbmReconstruction;
}

const MethodEvaluation* leadingDbm(const EvaluationResult& result)
{
    const MethodEvaluation* leading = nullptr;
    for (const MethodEvaluation& m : result.methods) {
        const auto ndcg = m.overall.find("ndcg");
        if (!m.ranked || !isDbmMethod(m.method) || ndcg == m.overall.end())
            continue;
        if (methodFromKey(m.method) == Method::DbmHybrid)
            return &m;
        if (!leading || ndcg->second > leading->overall.at("ndcg"))
            leading = &m;
    }
    return leading;
}

const MethodEvaluation* bestBaseline(const EvaluationResult& result)
{
    const MethodEvaluation* best = nullptr;
    for (const MethodEvaluation& m : result.methods) {
        const auto ndcg = m.overall.find("ndcg");
        if (!m.ranked || isDbmMethod(m.method) || ndcg == m.overall.end())
            continue;
        if (!best || ndcg->second > best->overall.at("ndcg"))
            best = &m;
    }
    return best;
}

} // namespace gdbm::rec
