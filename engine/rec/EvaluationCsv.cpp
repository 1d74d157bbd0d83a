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

void writeStatistic(data::CsvWriter& csv, const std::string& method, const std::string& name,
                    const SplitStatistic& s)
{
    csv.writeRow({method, "all", name + "_over_splits_mean", text::formatDouble(s.mean)});
    csv.writeRow({method, "all", name + "_over_splits_se", text::formatDouble(s.standardError)});
}

void writeAcrossSplits(data::CsvWriter& csv, const ProtocolAcrossSplits& across,
                       const std::vector<std::string>& metrics)
{
    std::size_t splits = 0;
    for (const MethodAcrossSplits& m : across.methods) {
        for (const std::string& metric : metrics) {
            const auto it = m.metrics.find(metric);
            if (it == m.metrics.end())
                continue;
            writeStatistic(csv, m.method, metric, it->second);
            splits = std::max(splits, it->second.splits);
        }
        for (const auto& [baseline, difference] : m.ndcgAgainst) {
            const std::string name = "ndcg_minus_" + baseline;
            writeStatistic(csv, m.method, name, difference);
            csv.writeRow({m.method, "all", name + "_higher_on", std::to_string(difference.above)});
        }
    }
    csv.writeRow({"all", "all", "splits", std::to_string(splits)});
}

} // namespace

void writeEvaluationCsv(const EvaluationResult& result, std::ostream& out, const ProtocolAcrossSplits* across)
{
    data::CsvWriter csv(out);
    csv.writeRow({"method", "archetype", "metric", "value"});
    const std::vector<std::string> metrics = metricsOf(result);
    for (const MethodEvaluation& m : result.methods) {
        writeRows(csv, m.method, "all", m.overall, metrics);
        for (const auto& [archetype, values] : m.perArchetype)
            writeRows(csv, m.method, archetype, values, metrics);
    }
    if (across)
        writeAcrossSplits(csv, *across, metrics);
}

void saveEvaluationCsv(const EvaluationResult& result, const std::string& path,
                       const ProtocolAcrossSplits* across)
{
    writeFileAtomically(path, [&](std::ostream& out) { writeEvaluationCsv(result, out, across); });
}

} // namespace gdbm::rec
