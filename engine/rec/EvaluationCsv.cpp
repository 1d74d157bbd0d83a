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
