#include "Report.h"

#include "CliCommon.h"
#include "core/AtomicFile.h"

#include <cstdio>

namespace gdbm::cli {
namespace {

std::string number(double x)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

std::string metricsJson(const rec::MetricValues& values)
{
    std::string out = "{";
    for (const auto& [name, value] : values) {
        if (out.size() > 1)
            out += ", ";
        out += jsonString(name);
        out += ": ";
        out += number(value);
    }
    return out + "}";
}

std::string trackLine(const data::Catalog& catalog, std::uint32_t t)
{
    const data::Track& track = catalog.track(t);
    std::string line = track.name + " - " + track.artistsText;
    if (track.year > 0)
        line += " (" + std::to_string(track.year) + ")";
    return line;
}

} // namespace

void printEvaluation(const rec::EvaluationResult& result)
{
    std::printf("Top %zu for %zu users (%zu skipped: fewer than 5 distinct tracks)\n\n", result.k,
                result.usersEvaluated, result.usersSkipped);
    std::printf("%-20s", "method");
    const std::vector<std::string> short_ = {"prec",  "recall", "ndcg",  "hit",    "mrr",       "map",
                                             "cover", "gini",   "novel", "divers", "consistent"};
    for (const std::string& s : short_)
        std::printf(" %8s", s.c_str());
    std::printf("\n");
    for (const rec::MethodEvaluation& m : result.methods) {
        std::printf("%-20s", m.method.c_str());
        for (const std::string& metric : rec::metricOrder())
            std::printf(" %8.4f", m.overall.at(metric));
        std::printf("\n");
    }
    if (result.methods.empty())
        return;
    std::printf("\nNDCG@%zu per archetype\n%-24s", result.k, "archetype");
    for (const rec::MethodEvaluation& m : result.methods)
        std::printf(" %12s", m.method.substr(0, 12).c_str());
    std::printf("\n");
    for (const auto& [archetype, unused] : result.methods.front().perArchetype) {
        std::printf("%-24s", archetype.substr(0, 24).c_str());
        for (const rec::MethodEvaluation& m : result.methods)
            std::printf(" %12.4f", m.perArchetype.at(archetype).at("ndcg"));
        std::printf("\n");
    }
}

void writeEvaluationJson(const rec::EvaluationResult& result, const std::string& path)
{
    std::string json = "{\"k\": " + std::to_string(result.k) +
                       ", \"users_evaluated\": " + std::to_string(result.usersEvaluated) +
                       ", \"users_skipped\": " + std::to_string(result.usersSkipped) + ", \"methods\": {";
    const auto entry = [&json](bool first, const std::string& key, const std::string& value) {
        if (!first)
            json += ", ";
        json += jsonString(key);
        json += ": ";
        json += value;
    };
    for (std::size_t i = 0; i < result.methods.size(); ++i)
        entry(i == 0, result.methods[i].method, metricsJson(result.methods[i].overall));
    json += "}, \"per_archetype\": {";
    if (!result.methods.empty()) {
        bool firstArchetype = true;
        for (const auto& [archetype, unused] : result.methods.front().perArchetype) {
            std::string methods = "{";
            for (std::size_t i = 0; i < result.methods.size(); ++i) {
                if (i > 0)
                    methods += ", ";
                methods += jsonString(result.methods[i].method);
                methods += ": ";
                methods += metricsJson(result.methods[i].perArchetype.at(archetype));
            }
            entry(firstArchetype, archetype, methods + "}");
            firstArchetype = false;
        }
    }
    json += "}}\n";
    writeFileAtomically(path, [&](std::ostream& out) { out << json; });
}

void printRecommendations(const data::Catalog& catalog, const std::vector<rec::Recommendation>& list,
                          bool explain)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        std::printf("%2zu. %.3f  %s\n", i + 1, double(list[i].score),
                    trackLine(catalog, list[i].track).c_str());
        if (!explain)
            continue;
        for (const rec::Recommendation::Reason& r : list[i].because)
            std::printf("      because you played %s (%+.3f)\n", trackLine(catalog, r.track).c_str(),
                        double(r.term));
    }
}

} // namespace gdbm::cli
