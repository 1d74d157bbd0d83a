#include "rec/TrainingInteractions.h"

#include "core/Random.h"
#include "rec/Metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace gdbm::rec {

std::vector<std::uint32_t> distinctTracks(std::vector<std::uint32_t> tracks)
{
    std::sort(tracks.begin(), tracks.end());
    tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
    return tracks;
}

void checkInteractions(const TrainingInteractions& interactions)
{
    for (std::size_t u = 0; u < interactions.tracksOfUser.size(); ++u) {
        const auto& tracks = interactions.tracksOfUser[u];
        const bool ordered =
            std::adjacent_find(tracks.begin(), tracks.end(), std::greater_equal<>()) == tracks.end();
        if (!ordered || (!tracks.empty() && tracks.back() >= interactions.catalogSize))
            throw std::invalid_argument("training interactions of user " + std::to_string(u) +
                                        " are not sorted, distinct tracks of the catalog");
    }
}

std::vector<std::vector<std::uint32_t>> listenersOfTracks(const TrainingInteractions& interactions)
{
    std::vector<std::vector<std::uint32_t>> listeners(interactions.catalogSize);
    // Users in increasing order, so each list comes out sorted.
    for (std::size_t u = 0; u < interactions.tracksOfUser.size(); ++u)
        for (std::uint32_t t : interactions.tracksOfUser[u])
            listeners[t].push_back(std::uint32_t(u));
    return listeners;
}

ValidationSplit splitForValidation(const TrainingInteractions& all, double share, std::size_t minDistinct,
                                   std::uint64_t seed)
{
    checkInteractions(all);
    ValidationSplit split;
    split.train.catalogSize = all.catalogSize;
    split.train.tracksOfUser.resize(all.tracksOfUser.size());
    split.heldOut.resize(all.tracksOfUser.size());
    for (std::size_t u = 0; u < all.tracksOfUser.size(); ++u) {
        const auto& tracks = all.tracksOfUser[u];
        if (tracks.size() < minDistinct || tracks.empty()) {
            split.train.tracksOfUser[u] = tracks;
            continue;
        }
        const auto held =
            std::min(tracks.size(),
                     std::max<std::size_t>(1, std::size_t(std::llround(share * double(tracks.size())))));
        // The same rule as the evaluation's holdout (a seeded Fisher-Yates shuffle, first `held`
        // out), on its own stream so that the two splits never share numbers.
        std::vector<std::size_t> order(tracks.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        CounterRng rng(seed, RandomPurpose::Validation, u);
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[rng.below(i)]);
        std::vector<bool> out(tracks.size(), false);
        for (std::size_t i = 0; i < held; ++i)
            out[order[i]] = true;
        for (std::size_t i = 0; i < tracks.size(); ++i)
            (out[i] ? split.heldOut[u] : split.train.tracksOfUser[u]).push_back(tracks[i]);
    }
    return split;
}

namespace {

// The k best tracks outside `exclude` (sorted), best first, ties by lower index.
std::vector<std::uint32_t> topK(std::span<const double> scores, const std::vector<std::uint32_t>& exclude,
                                std::size_t k)
{
    std::vector<std::uint32_t> candidates;
    candidates.reserve(scores.size());
    auto next = exclude.begin();
    for (std::uint32_t t = 0; t < scores.size(); ++t) {
        if (next != exclude.end() && *next == t)
            ++next;
        else
            candidates.push_back(t);
    }
    // NaN would break the strict weak order; it ranks last.
    const auto key = [&](std::uint32_t t) {
        return std::isnan(scores[t]) ? -std::numeric_limits<double>::infinity() : scores[t];
    };
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
        const double x = key(a), y = key(b);
        return x != y ? x > y : a < b;
    };
    const std::size_t n = std::min(k, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(n), candidates.end(), better);
    candidates.resize(n);
    return candidates;
}

} // namespace

double validationNdcg(const ValidationSplit& split, std::size_t k, const ScoreFunction& score)
{
    const std::size_t users = split.train.tracksOfUser.size();
    if (split.heldOut.size() != users)
        throw std::invalid_argument("validation split: one held-out list per user is required");
    std::vector<double> ndcg(users, 0.0);
    const auto scoreUsers = [&](const tbb::blocked_range<std::size_t>& r) {
        std::vector<double> scores(split.train.catalogSize);
        for (std::size_t u = r.begin(); u != r.end(); ++u) {
            if (split.heldOut[u].empty())
                continue;
            std::fill(scores.begin(), scores.end(), 0.0);
            score(std::uint32_t(u), scores);
            const auto ranked = topK(scores, split.train.tracksOfUser[u], k);
            ndcg[u] = scoreRanking(ranked, split.heldOut[u], k).ndcg;
        }
    };
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, users), scoreUsers);
    // Summed in user order, so the mean does not depend on how the users were scheduled.
    double sum = 0;
    std::size_t evaluated = 0;
    for (std::size_t u = 0; u < users; ++u) {
        if (!split.heldOut[u].empty()) {
            sum += ndcg[u];
            ++evaluated;
        }
    }
    return evaluated > 0 ? sum / double(evaluated) : 0.0;
}

} // namespace gdbm::rec
