#include "Report.h"

#include "CliCommon.h"
#include "core/AtomicFile.h"
#include "core/Text.h"
#include "rec/PairedDifference.h"
#include "rec/SplitSummary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace gdbm::cli {
namespace {

std::string trackLine(const data::Catalog& catalog, std::uint32_t t)
{
    const data::Track& track = catalog.track(t);
    std::string line = track.name + " - " + track.artistsText;
    if (track.year > 0)
        line += " (" + std::to_string(track.year) + ")";
    return line;
}

std::string methodLabel(const std::string& key)
{
    const auto method = rec::methodFromKey(key);
    return method ? std::string(rec::methodInfo(*method).label) : key;
}

// The DBM against the baselines, user by user: a difference alone does not say whether it is
// more than which listens happened to be held out. The leading DBM ranking (rec::leadingDbm)
// against every baseline, the best first; the DBM's other rankings against the best.
void printPairedDifferences(const rec::EvaluationResult& result)
{
    const rec::MethodEvaluation* best = rec::bestBaseline(result);
    const rec::MethodEvaluation* leading = rec::leadingDbm(result);
    if (!best || !leading || !leading->ndcgAgainst.count(best->method))
        return;
    std::printf("\nNDCG@%zu user by user: mean difference +- its standard error over these users (best "
                "baseline: %s)\n",
                result.k, methodLabel(best->method).c_str());
    const auto line = [](const rec::MethodEvaluation& dbm, const rec::MethodEvaluation& baseline) {
        const auto d = dbm.ndcgAgainst.find(baseline.method);
        if (d == dbm.ndcgAgainst.end())
            return;
        const std::string pair = methodLabel(dbm.method) + " against " + methodLabel(baseline.method);
        std::printf("  %-56.56s %+.4f +- %.4f%s\n", pair.c_str(), d->second.mean, d->second.standardError,
                    d->second.withinTwoStandardErrors() ? "  (too close to tell apart)" : "");
    };
    line(*leading, *best);
    for (const rec::MethodEvaluation& m : result.methods) {
        if (&m != best && m.ranked && !rec::isDbmMethod(m.method))
            line(*leading, m);
    }
    for (const rec::MethodEvaluation& m : result.methods) {
        if (&m != leading && m.ranked && rec::isDbmMethod(m.method))
            line(m, *best);
    }
}

// One metric per archetype for every method that ranks: the per-archetype rows of `result`.
void printPerArchetype(const rec::EvaluationResult& result, const std::string& key, const std::string& title)
{
    const auto firstRanked = std::find_if(result.methods.begin(), result.methods.end(),
                                          [](const rec::MethodEvaluation& m) { return m.ranked; });
    if (firstRanked == result.methods.end())
        return;
    std::printf("\n%s per archetype (the fewer its users, the more its values move)\n%-24s %6s",
                title.c_str(), "archetype", "users");
    for (const rec::MethodEvaluation& m : result.methods) {
        if (m.ranked)
            std::printf(" %12.12s", m.method.c_str());
    }
    std::printf("\n");
    for (const auto& [archetype, unused] : firstRanked->perArchetype) {
        const auto users = result.usersPerArchetype.find(archetype);
        std::printf("%-24.24s %6s", archetype.c_str(),
                    users == result.usersPerArchetype.end() ? "" : std::to_string(users->second).c_str());
        for (const rec::MethodEvaluation& m : result.methods) {
            if (m.ranked)
                std::printf(" %12.4f", m.perArchetype.at(archetype).at(key));
        }
        std::printf("\n");
    }
}

} // namespace

void printEvaluation(const rec::EvaluationResult& result)
{
    const rec::ProtocolInfo& protocol = rec::protocolInfo(result.protocol);
    std::printf("%s: %s\n", std::string(protocol.label).c_str(), std::string(protocol.description).c_str());
    std::printf("Top %zu among %zu tracks for %zu users (%zu not evaluated)\n\n", result.k,
                result.tracksRanked, result.usersEvaluated, result.usersSkipped);
    const std::vector<std::string> metrics = rec::metricsOf(result);
    std::printf("%-32s", "method");
    for (const std::string& key : metrics) {
        const auto metric = rec::metricFromKey(key);
        std::printf(" %9.9s", metric ? std::string(rec::metricInfo(*metric).label).c_str() : key.c_str());
    }
    std::printf("\n");
    for (const rec::MethodEvaluation& m : result.methods) {
        std::printf("%-32.32s", methodLabel(m.method).c_str());
        if (!m.ranked) {
            std::printf(" cannot rank new tracks (it learns from who listened)\n");
            continue;
        }
        for (const std::string& key : metrics)
            std::printf(" %9.4f", m.overall.at(key));
        std::printf("\n");
    }
    for (const rec::MethodEvaluation& m : result.methods) {
        if (m.settings.empty())
            continue;
        std::string line;
        for (const auto& [name, value] : m.settings)
            line += (line.empty() ? "" : ", ") + name + " " + value;
        std::printf("  %s settings, tuned on a validation split of the training data: %s\n", m.method.c_str(),
                    line.c_str());
    }
    printPairedDifferences(result);
    printPerArchetype(result, "ndcg", "NDCG@" + std::to_string(result.k));
    // HYBRID.md judges a genre fan's top 10 by how much of it is in the fan's genre.
    printPerArchetype(result, "archetype_consistency", "Archetype fit");
}

void printAcrossSplits(const rec::ProtocolAcrossSplits& summary, const std::vector<std::uint64_t>& splitSeeds)
{
    const std::size_t splits = splitSeeds.size();
    std::printf("\n%s across %zu splits of these listeners (split seeds %llu to %llu; the tables above are "
                "the first split's)\nmean over the splits +- its standard error over them (corrected for "
                "their overlap)\n  %-40s %-18s %s\n",
                std::string(rec::protocolInfo(summary.protocol).label).c_str(), splits,
                static_cast<unsigned long long>(splitSeeds.front()),
                static_cast<unsigned long long>(splitSeeds.back()), "method",
                ("NDCG@" + std::to_string(summary.k)).c_str(), "Archetype fit");
    // The two figures HYBRID.md judges the hybrid by.
    for (const rec::MethodAcrossSplits& m : summary.methods) {
        std::printf("  %-40.40s %.4f +- %.4f", methodLabel(m.method).c_str(), m.ndcg().mean,
                    m.ndcg().standardError);
        if (const auto fit = m.metrics.find("archetype_consistency"); fit != m.metrics.end())
            std::printf("   %.4f +- %.4f", fit->second.mean, fit->second.standardError);
        std::printf("\n");
    }
    const rec::MethodAcrossSplits* leading = rec::leadingDbm(summary);
    if (!leading)
        return;
    // The best baseline first, as on one split.
    std::vector<const rec::MethodAcrossSplits*> baselines;
    for (const rec::MethodAcrossSplits& m : summary.methods) {
        if (leading->ndcgAgainst.count(m.method))
            baselines.push_back(&m);
    }
    std::stable_sort(baselines.begin(), baselines.end(),
                     [](const auto* a, const auto* b) { return a->ndcg().mean > b->ndcg().mean; });
    for (const rec::MethodAcrossSplits* baseline : baselines) {
        const rec::SplitStatistic& d = leading->ndcgAgainst.at(baseline->method);
        const std::string pair = methodLabel(leading->method) + " against " + methodLabel(baseline->method);
        std::printf("  %-40.40s %+.4f +- %.4f, higher on %zu of %zu splits\n", pair.c_str(), d.mean,
                    d.standardError, d.above, d.splits);
    }
}

void writeEvaluationJson(const rec::EvaluationSet& set, const std::string& path)
{
    nlohmann::ordered_json protocols = nlohmann::ordered_json::object();
    for (const rec::EvaluationResult& result : set.results) {
        nlohmann::ordered_json methods = nlohmann::ordered_json::object();
        nlohmann::ordered_json perArchetype = nlohmann::ordered_json::object();
        for (const rec::MethodEvaluation& m : result.methods) {
            nlohmann::ordered_json entry = {{"ranked", m.ranked}};
            if (!m.settings.empty())
                entry["settings"] = m.settings;
            if (m.ranked)
                entry["metrics"] = m.overall;
            if (std::isfinite(m.ndcgStandardError))
                entry["ndcg_standard_error"] = m.ndcgStandardError;
            if (!m.ndcgAgainst.empty()) {
                nlohmann::ordered_json against = nlohmann::ordered_json::object();
                for (const auto& [baseline, d] : m.ndcgAgainst)
                    against[baseline] = {{"mean_difference", d.mean}, {"standard_error", d.standardError}};
                entry["ndcg_against_baselines"] = against;
            }
            methods[m.method] = entry;
            for (const auto& [archetype, values] : m.perArchetype)
                perArchetype[archetype][m.method] = values;
        }
        const rec::MethodEvaluation* best = rec::bestBaseline(result);
        protocols[std::string(rec::protocolInfo(result.protocol).key)] = {
            {"k", result.k},
            {"best_baseline", best ? best->method : std::string()},
            {"users_evaluated", result.usersEvaluated},
            {"users_not_evaluated", result.usersSkipped},
            {"users_per_archetype", result.usersPerArchetype},
            {"tracks_ranked", result.tracksRanked},
            {"methods", methods},
            {"per_archetype", perArchetype}};
    }
    nlohmann::ordered_json document = {{"protocols", protocols}};
    if (!set.acrossSplits.empty()) {
        nlohmann::ordered_json splits = {{"seeds", set.splitSeeds}};
        // JSON has no NaN: an error that one split cannot give is left out.
        const auto withError = [](nlohmann::ordered_json entry, const char* key, double error) {
            if (std::isfinite(error))
                entry[key] = error;
            return entry;
        };
        for (const rec::ProtocolAcrossSplits& summary : set.acrossSplits) {
            nlohmann::ordered_json methods = nlohmann::ordered_json::object();
            for (const rec::MethodAcrossSplits& m : summary.methods) {
                nlohmann::ordered_json entry;
                for (const auto& [metric, value] : m.metrics)
                    entry["metrics"][metric] =
                        withError({{"mean", value.mean}}, "standard_error", value.standardError);
                for (const auto& [baseline, d] : m.ndcgAgainst)
                    entry["ndcg_against_baselines"][baseline] =
                        withError({{"mean_difference", d.mean}, {"higher_on_splits", d.above}},
                                  "standard_error", d.standardError);
                methods[m.method] = entry;
            }
            splits[std::string(rec::protocolInfo(summary.protocol).key)] = {{"k", summary.k},
                                                                            {"methods", methods}};
        }
        document["across_splits"] = splits;
    }
    writeFileAtomically(path, [&](std::ostream& out) { out << document.dump(2) << "\n"; });
}

void printRecommendations(const data::Catalog& catalog, const std::vector<rec::Recommendation>& list,
                          bool explain, const HybridNotes& notes)
{
    std::vector<double> scores;
    for (const rec::Recommendation& r : list)
        scores.push_back(double(r.score));
    const int decimals = text::distinguishingDecimals(scores);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const bool isNew = list[i].track < notes.newTracks.size() && notes.newTracks[list[i].track];
        std::printf("%2zu. %.*f  %s%s\n", i + 1, decimals, double(list[i].score),
                    trackLine(catalog, list[i].track).c_str(), isNew ? "  [new: nobody heard it]" : "");
        if (!explain)
            continue;
        if (i < notes.shares.size() && !notes.shares[i].empty()) {
            std::string line;
            for (const rec::ModalityShare& share : notes.shares[i]) {
                line += line.empty() ? "" : ", ";
                line += std::string(model::modalityKey(share.modality));
                char value[32];
                std::snprintf(value, sizeof value, " %+.3f", share.contribution);
                line += share.inferred ? " (inferred)" : value;
            }
            std::printf("      by modality (score lost without it): %s\n", line.c_str());
        }
        for (const rec::Recommendation::Reason& r : list[i].because)
            std::printf("      because you played %s (%+.3f)\n", trackLine(catalog, r.track).c_str(),
                        double(r.term));
    }
}

} // namespace gdbm::cli
