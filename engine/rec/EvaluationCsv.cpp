#include "rec/EvaluationCsv.h"

#include "core/AtomicFile.h"
#include "core/Text.h"
#include "data/CsvWriter.h"

#include <algorithm>

namespace gdbm::rec {
namespace {

void writeRows(data::CsvWriter& csv, const std::string& method, const std::string& archetype,
               const MetricValues& values, const std::vector<std::string>& metrics)
{
    for (const std::string& metric : metrics) {
        const auto it = values.find(metric);
        if (it != values.end())
            csv.writeRow({method, archetype, metric, text::formatDouble(it->second)});
    }
}

} // namespace

const std::vector<std::string>& metricOrder()
{
    static const std::vector<std::string> order = {"precision",
                                                   "recall",
                                                   "ndcg",
                                                   "hit_rate",
                                                   "mrr",
                                                   "map",
                                                   "coverage",
                                                   "gini",
                                                   "novelty",
                                                   "diversity",
                                                   "archetype_consistency"};
    return order;
}

std::vector<std::string> metricsOf(const EvaluationResult& result)
{
    std::vector<std::string> present;
    if (result.methods.empty())
        return present;
    const MetricValues& first = result.methods.front().overall;
    for (const std::string& name : metricOrder()) {
        if (first.count(name))
            present.push_back(name);
    }
    // Metrics added to the engine later still reach the export, after the known ones.
    for (const auto& [name, value] : first) {
        if (std::find(metricOrder().begin(), metricOrder().end(), name) == metricOrder().end())
            present.push_back(name);
    }
    return present;
}

void writeEvaluationCsv(const EvaluationResult& result, std::ostream& out)
{
    data::CsvWriter csv(out);
    csv.writeRow({"method", "archetype", "metric", "value"});
    const std::vector<std::string> metrics = metricsOf(result);
    for (const MethodEvaluation& m : result.methods) {
        writeRows(csv, m.method, "all", m.overall, metrics);
        for (const auto& [archetype, values] : m.perArchetype)
            writeRows(csv, m.method, archetype, values, metrics);
    }
}

void saveEvaluationCsv(const EvaluationResult& result, const std::string& path)
{
    writeFileAtomically(path, [&](std::ostream& out) { writeEvaluationCsv(result, out); });
}

} // namespace gdbm::rec
