#include "project/SplitsJson.h"

#include "rec/MethodTable.h"

#include <string>

namespace gdbm::project {
namespace {

json toJson(const rec::SplitStatistic& s)
{
    return {{"mean", realToJson(s.mean)},
            {"standard_error", realToJson(s.standardError)},
            {"splits", s.splits},
            {"above", s.above}};
}

rec::SplitStatistic statisticFromJson(const json& in, const JsonReader& reader, std::size_t splits)
{
    if (!in.is_object())
        reader.fail({}, "expected an object, found " + in.dump());
    rec::SplitStatistic s;
    s.mean = reader.real(in, "mean");
    s.standardError = reader.real(in, "standard_error");
    s.splits = reader.size(in, "splits");
    s.above = reader.size(in, "above");
    if (s.splits != splits)
        reader.fail("splits", "expected " + std::to_string(splits) + ", the number of split seeds");
    if (s.above > s.splits)
        reader.fail("above", "more splits above zero than splits");
    if (!(s.standardError >= 0))
        reader.fail("standard_error", "expected a standard error of at least 0");
    return s;
}

std::map<std::string, rec::SplitStatistic> statisticsFromJson(const json& in, const JsonReader& reader,
                                                              std::size_t splits)
{
    if (!in.is_object())
        reader.fail({}, "expected an object, found " + in.dump());
    std::map<std::string, rec::SplitStatistic> out;
    for (const auto& [key, value] : in.items())
        out[key] = statisticFromJson(value, reader.child(key), splits);
    return out;
}

} // namespace

json acrossSplitsToJson(const rec::EvaluationSet& set)
{
    json protocols = json::array();
    for (const rec::ProtocolAcrossSplits& summary : set.acrossSplits) {
        json methods = json::array();
        for (const rec::MethodAcrossSplits& m : summary.methods) {
            json metrics = json::object();
            for (const auto& [key, s] : m.metrics)
                metrics[key] = toJson(s);
            json against = json::object();
            for (const auto& [baseline, s] : m.ndcgAgainst)
                against[baseline] = toJson(s);
            methods.push_back({{"method", m.method}, {"metrics", metrics}, {"ndcg_against", against}});
        }
        protocols.push_back({{"protocol", std::string(rec::protocolInfo(summary.protocol).key)},
                             {"k", summary.k},
                             {"methods", methods}});
    }
    return {{"seeds", set.splitSeeds}, {"protocols", protocols}};
}

void readAcrossSplits(const json& in, const JsonReader& reader, rec::EvaluationSet& set)
{
    if (!in.is_object())
        reader.fail({}, "expected an object, found " + in.dump());
    const json& seeds = reader.array(in, "seeds");
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        const std::string key = "seeds[" + std::to_string(i) + "]";
        if (!seeds[i].is_number_unsigned())
            reader.fail(key, "expected a whole number of 0 or more, found " + seeds[i].dump());
        set.splitSeeds.push_back(seeds[i].get<std::uint64_t>());
        // The splits' seeds follow each other (compareOverSplits), and the page names them as a range.
        if (i > 0 && set.splitSeeds[i] != set.splitSeeds[i - 1] + 1)
            reader.fail(key, "expected " + std::to_string(set.splitSeeds[i - 1] + 1) + ", the next seed");
    }
    if (set.splitSeeds.size() < 2)
        reader.fail("seeds", "expected the seeds of at least two splits");
    const json& protocols = reader.array(in, "protocols");
    for (std::size_t i = 0; i < protocols.size(); ++i) {
        const JsonReader child = reader.child("protocols[" + std::to_string(i) + "]");
        rec::ProtocolAcrossSplits summary;
        const std::string key = child.text(protocols[i], "protocol");
        const auto protocol = rec::protocolFromKey(key);
        const rec::EvaluationResult* result = protocol ? set.find(*protocol) : nullptr;
        if (!result)
            child.fail("protocol", "\"" + key + "\" is not one of the evaluation's protocols");
        if (set.findAcrossSplits(*protocol))
            child.fail("protocol", "the same protocol twice");
        summary.protocol = *protocol;
        summary.k = child.size(protocols[i], "k");
        if (summary.k != result->k)
            child.fail("k", "expected " + std::to_string(result->k) + ", the evaluation's K");
        const json& methods = child.array(protocols[i], "methods");
        for (std::size_t j = 0; j < methods.size(); ++j) {
            const JsonReader method = child.child("methods[" + std::to_string(j) + "]");
            rec::MethodAcrossSplits m;
            m.method = method.text(methods[j], "method");
            if (!rec::methodFromKey(m.method))
                method.fail("method", "\"" + m.method + "\" is not a method");
            for (const rec::MethodAcrossSplits& earlier : summary.methods) {
                if (earlier.method == m.method)
                    method.fail("method", "\"" + m.method + "\" twice");
            }
            m.metrics = statisticsFromJson(method.object(methods[j], "metrics"), method.child("metrics"),
                                           set.splitSeeds.size());
            if (!m.metrics.count("ndcg"))
                method.fail("metrics", "expected the NDCG among them");
            m.ndcgAgainst = statisticsFromJson(method.object(methods[j], "ndcg_against"),
                                               method.child("ndcg_against"), set.splitSeeds.size());
            for (const auto& [baseline, unused] : m.ndcgAgainst) {
                if (!rec::methodFromKey(baseline))
                    method.child("ndcg_against").fail(baseline, "not a method");
            }
            summary.methods.push_back(std::move(m));
        }
        set.acrossSplits.push_back(std::move(summary));
    }
    if (set.acrossSplits.size() != set.results.size())
        reader.fail("protocols", "expected one for each of the evaluation's " +
                                     std::to_string(set.results.size()) + " protocols");
}

} // namespace gdbm::project
