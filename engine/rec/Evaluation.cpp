#include "rec/Evaluation.h"

#include "core/Error.h"
#include "core/Random.h"
#include "rec/Metrics.h"
#include "rec/PairedDifference.h"
#include "sim/Preference.h"

#include <algorithm>
#include <cmath>
#include <tbb/parallel_for.h>

namespace gdbm::rec {
namespace {

// A block of users' scores: at most this many (8 MB of doubles, one block per thread at a time)
// and at most kMaxUsersPerBlock users. Scoring 1,000 users on 10,000 songs of 608 units took
// 0.46 s in blocks of 64 users, 0.65 s in blocks of 26 and 1.9 s one user at a time (one thread).
constexpr std::size_t kScoresPerBlock = std::size_t(1) << 20;
constexpr std::size_t kMaxUsersPerBlock = 64;

struct UserOutcome
{
    RankingScores scores;
    std::vector<std::uint32_t> ranked;
    double novelty = 0;    // sum over the list
    double diversity = 0;  // mean pairwise distance of the list
    double consistent = 0; // tracks passing the archetype
};

double meanPairwiseDistance(const Matrix& features, const std::vector<std::uint32_t>& tracks)
{
    if (tracks.size() < 2)
        return 0.0;
    double sum = 0;
    std::size_t pairs = 0;
    for (std::size_t a = 0; a < tracks.size(); ++a) {
        const auto x = features.row(Eigen::Index(tracks[a]));
        for (std::size_t b = a + 1; b < tracks.size(); ++b) {
            const auto y = features.row(Eigen::Index(tracks[b]));
            const double denominator = double(x.norm()) * double(y.norm());
            sum += 1.0 - (denominator > 0 ? double(x.dot(y)) / denominator : 0.0);
            ++pairs;
        }
    }
    return sum / double(pairs);
}

// Averages of the per-user values and the list-level metrics over a group of users.
MetricValues summarize(const std::vector<const UserOutcome*>& group, std::size_t catalogSize,
                       const std::vector<std::uint32_t>& candidates)
{
    MetricValues m;
    if (group.empty())
        return m;
    std::vector<double> exposure(catalogSize, 0.0);
    double recommended = 0;
    RankingScores sum;
    double novelty = 0, diversity = 0, consistent = 0;
    for (const UserOutcome* o : group) {
        sum.precision += o->scores.precision;
        sum.recall += o->scores.recall;
        sum.ndcg += o->scores.ndcg;
        sum.hit += o->scores.hit;
        sum.rr += o->scores.rr;
        sum.ap += o->scores.ap;
        novelty += o->novelty;
        diversity += o->diversity;
        consistent += o->consistent;
        recommended += double(o->ranked.size());
        for (std::uint32_t t : o->ranked)
            exposure[t] += 1;
    }
    const double n = double(group.size());
    m["precision"] = sum.precision / n;
    m["recall"] = sum.recall / n;
    m["ndcg"] = sum.ndcg / n;
    m["hit_rate"] = sum.hit / n;
    m["mrr"] = sum.rr / n;
    m["map"] = sum.ap / n;
    // Exposure over the tracks that could be recommended: the new tracks alone when only they rank.
    std::vector<double> rankable;
    if (candidates.empty()) {
        rankable = std::move(exposure);
    } else {
        for (std::uint32_t t : candidates)
            rankable.push_back(exposure[t]);
    }
    m["coverage"] = double(std::count_if(rankable.begin(), rankable.end(), [](double e) { return e > 0; })) /
                    double(std::max<std::size_t>(rankable.size(), 1));
    m["gini"] = giniIndex(std::move(rankable));
    m["novelty"] = recommended > 0 ? novelty / recommended : 0.0;
    m["diversity"] = diversity / n;
    m["archetype_consistency"] = recommended > 0 ? consistent / recommended : 0.0;
    return m;
}

} // namespace

Holdout splitHoldout(const sim::SimulationResult& simulation, const HoldoutParams& params)
{
    Holdout holdout;
    holdout.protocol = Protocol::Warm;
    holdout.training.resize(simulation.users.size());
    for (std::uint32_t u = 0; u < simulation.users.size(); ++u) {
        const UserHistory all = historyOf(simulation, u, false);
        if (all.tracks.size() < params.minDistinct) {
            ++holdout.skipped;
            holdout.training[u] = all.tracks; // sorted and distinct
            continue;
        }
        const auto held =
            std::max<std::size_t>(1, std::size_t(std::llround(params.share * double(all.tracks.size()))));
        // A seeded shuffle of the user's distinct tracks; the first `held` are held out.
        std::vector<std::size_t> order(all.tracks.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        CounterRng rng(params.seed, RandomPurpose::Holdout, simulation.users[u].id);
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[rng.below(i)]);
        std::vector<bool> out(all.tracks.size(), false);
        for (std::size_t i = 0; i < held; ++i)
            out[order[i]] = true;
        UserSplit split;
        split.user = u;
        for (std::size_t i = 0; i < all.tracks.size(); ++i) {
            if (out[i]) {
                split.heldOut.push_back(all.tracks[i]);
            } else {
                split.train.tracks.push_back(all.tracks[i]);
                split.train.weights.push_back(1.0f);
            }
        }
        holdout.training[u] = split.train.tracks;
        holdout.users.push_back(std::move(split));
    }
    return holdout;
}

Holdout splitNewTracks(const sim::SimulationResult& simulation, std::size_t catalogSize,
                       const NewTrackParams& params)
{
    Holdout holdout;
    holdout.protocol = Protocol::NewTracks;
    std::vector<UserHistory> histories(simulation.users.size());
    std::vector<bool> heard(catalogSize, false);
    for (std::uint32_t u = 0; u < simulation.users.size(); ++u) {
        histories[u] = historyOf(simulation, u, false);
        for (std::uint32_t t : histories[u].tracks)
            heard[t] = true;
    }
    // A seeded choice among the heard tracks: each is new with probability `share`, from a
    // stream of its own, so the choice does not depend on who else was heard.
    std::vector<bool> isNew(catalogSize, false);
    for (std::uint32_t t = 0; t < catalogSize; ++t) {
        if (!heard[t])
            continue;
        CounterRng rng(params.seed, RandomPurpose::NewTracks, t);
        if (rng.uniform() < params.share) {
            isNew[t] = true;
            holdout.candidates.push_back(t);
        }
    }
    holdout.training.resize(simulation.users.size());
    for (std::uint32_t u = 0; u < simulation.users.size(); ++u) {
        UserSplit split;
        split.user = u;
        for (std::uint32_t t : histories[u].tracks) {
            if (isNew[t]) {
                split.heldOut.push_back(t);
            } else {
                split.train.tracks.push_back(t);
                split.train.weights.push_back(1.0f);
            }
        }
        holdout.training[u] = split.train.tracks;
        if (split.heldOut.empty() || split.train.tracks.size() < params.minOther) {
            ++holdout.skipped;
            continue;
        }
        holdout.users.push_back(std::move(split));
    }
    return holdout;
}

std::vector<std::size_t> listenersPerTrack(const Holdout& holdout, std::size_t catalogSize)
{
    std::vector<std::size_t> listeners(catalogSize, 0);
    for (const std::vector<std::uint32_t>& tracks : holdout.training) {
        for (std::uint32_t t : tracks)
            ++listeners[t];
    }
    return listeners;
}

EvaluationResult evaluate(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                          const Holdout& holdout, const std::vector<const Ranker*>& rankers, std::size_t k,
                          const Matrix& features, const ProgressCallback& progress, const CancelFlag* cancel)
{
    EvaluationResult result;
    result.protocol = holdout.protocol;
    result.tracksRanked = holdout.candidates.empty() ? catalog.size() : holdout.candidates.size();
    result.k = k;
    result.usersEvaluated = holdout.users.size();
    result.usersSkipped = holdout.skipped;
    const std::vector<std::size_t> listeners = listenersPerTrack(holdout, catalog.size());
    const double users = double(simulation.users.size());
    const bool onlyNewTracks = holdout.protocol == Protocol::NewTracks;
    for (const UserSplit& split : holdout.users)
        ++result.usersPerArchetype[simulation.archetypeNames[simulation.users[split.user].archetype]];

    for (std::size_t m = 0; m < rankers.size(); ++m) {
        const Ranker& ranker = *rankers[m];
        MethodEvaluation method;
        method.method = ranker.name();
        method.settings = ranker.settings();
        if (onlyNewTracks && !ranker.ranksNewTracks()) {
            method.ranked = false;
            result.methods.push_back(std::move(method));
            continue;
        }
        if (progress)
            progress({"Evaluating " + ranker.name(), m, rankers.size()});
        std::vector<UserOutcome> outcomes(holdout.users.size());
        // Users are scored in blocks (Ranker::scoreUsers), each block's scores a few MB at most.
        const std::size_t perBlock = std::clamp<std::size_t>(
            kScoresPerBlock / std::max<std::size_t>(1, catalog.size()), 1, kMaxUsersPerBlock);
        const std::size_t blocks = (holdout.users.size() + perBlock - 1) / perBlock;
        tbb::parallel_for(std::size_t(0), blocks, [&](std::size_t b) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return;
            const std::size_t first = b * perBlock;
            const std::size_t count = std::min(perBlock, holdout.users.size() - first);
            std::vector<std::uint32_t> blockUsers;
            std::vector<const UserHistory*> histories;
            for (std::size_t i = first; i < first + count; ++i) {
                blockUsers.push_back(holdout.users[i].user);
                histories.push_back(&holdout.users[i].train);
            }
            MatrixD scores(Eigen::Index(count), Eigen::Index(catalog.size()));
            ranker.scoreUsers(blockUsers, histories, scores);
            for (std::size_t i = first; i < first + count; ++i) {
                const UserSplit& split = holdout.users[i];
                UserOutcome& o = outcomes[i];
                const auto row = scores.row(Eigen::Index(i - first));
                o.ranked =
                    topTracks(std::span(row.data(), catalog.size()), split.train, k, holdout.candidates);
                o.scores = scoreRanking(o.ranked, split.heldOut, k);
                const sim::User& user = simulation.users[split.user];
                for (std::uint32_t t : o.ranked) {
                    o.novelty += -std::log2((double(listeners[t]) + 1.0) / (users + 1.0));
                    o.consistent += sim::passesAll(user.preferences, catalog, t) ? 1.0 : 0.0;
                }
                o.diversity = meanPairwiseDistance(features, o.ranked);
            }
        });
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();

        std::vector<const UserOutcome*> everyone;
        std::map<std::string, std::vector<const UserOutcome*>> byArchetype;
        for (std::size_t i = 0; i < outcomes.size(); ++i) {
            everyone.push_back(&outcomes[i]);
            const sim::User& user = simulation.users[holdout.users[i].user];
            byArchetype[simulation.archetypeNames[user.archetype]].push_back(&outcomes[i]);
        }
        method.overall = summarize(everyone, catalog.size(), holdout.candidates);
        for (const UserOutcome& o : outcomes)
            method.userNdcg.push_back(o.scores.ndcg);
        for (const auto& [name, group] : byArchetype)
            method.perArchetype[name] = summarize(group, catalog.size(), holdout.candidates);
        result.methods.push_back(std::move(method));
    }
    addPairedStatistics(result);
    if (progress)
        progress({"Evaluating", rankers.size(), rankers.size()});
    return result;
}

const std::vector<std::string>& metricOrder()
{
    static const std::vector<std::string> order = [] {
        std::vector<std::string> keys;
        for (const MetricInfo& info : metricTable())
            keys.emplace_back(info.key);
        return keys;
    }();
    return order;
}

std::vector<std::string> metricsOf(const EvaluationResult& result)
{
    std::vector<std::string> present;
    if (result.methods.empty())
        return present;
    const auto ranked = std::find_if(result.methods.begin(), result.methods.end(),
                                     [](const MethodEvaluation& m) { return m.ranked; });
    if (ranked == result.methods.end())
        return present;
    const MetricValues& first = ranked->overall;
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

const EvaluationResult* EvaluationSet::find(Protocol protocol) const
{
    const auto it = std::find_if(results.begin(), results.end(),
                                 [&](const EvaluationResult& r) { return r.protocol == protocol; });
    return it == results.end() ? nullptr : &*it;
}

const ProtocolAcrossSplits* EvaluationSet::findAcrossSplits(Protocol protocol) const
{
    const auto it = std::find_if(acrossSplits.begin(), acrossSplits.end(),
                                 [&](const ProtocolAcrossSplits& s) { return s.protocol == protocol; });
    return it == acrossSplits.end() ? nullptr : &*it;
}

} // namespace gdbm::rec
