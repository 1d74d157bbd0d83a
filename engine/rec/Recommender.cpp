#include "rec/Recommender.h"

#include <algorithm>
#include <numeric>

namespace gdbm::rec {
namespace {

float weightTotal(const UserHistory& history)
{
    return std::accumulate(history.weights.begin(), history.weights.end(), 0.0f);
}

} // namespace

UserHistory historyOf(const sim::SimulationResult& result, std::uint32_t user, bool ratingWeighted)
{
    // Interactions are grouped by user: find the user's run.
    const auto byUser = [](const sim::Interaction& i, std::uint32_t u) { return i.user < u; };
    auto it = std::lower_bound(result.interactions.begin(), result.interactions.end(), user, byUser);
    std::vector<std::pair<std::uint32_t, float>> heard;
    for (; it != result.interactions.end() && it->user == user; ++it)
        heard.emplace_back(it->track, it->rating);
    std::sort(heard.begin(), heard.end());

    UserHistory history;
    for (std::size_t i = 0; i < heard.size();) {
        std::size_t j = i;
        float ratings = 0.0f;
        for (; j < heard.size() && heard[j].first == heard[i].first; ++j)
            ratings += heard[j].second;
        history.tracks.push_back(heard[i].first);
        history.weights.push_back(ratingWeighted ? ratings / float(j - i) : 1.0f);
        i = j;
    }
    return history;
}

Vector preferenceVector(const Matrix& embeddings, const UserHistory& history)
{
    Vector u = Vector::Zero(embeddings.cols());
    const float total = weightTotal(history);
    if (total <= 0.0f)
        return u;
    for (std::size_t h = 0; h < history.tracks.size(); ++h)
        u += (history.weights[h] / total) * embeddings.row(Eigen::Index(history.tracks[h])).transpose();
    return u;
}

std::vector<float> scoreTerms(const Matrix& embeddings, const UserHistory& history, std::uint32_t track)
{
    const Vector u = preferenceVector(embeddings, history);
    const auto e = embeddings.row(Eigen::Index(track));
    const float denominator = u.norm() * e.norm();
    const float total = weightTotal(history);
    std::vector<float> terms(history.tracks.size(), 0.0f);
    if (denominator <= 0.0f || total <= 0.0f)
        return terms;
    for (std::size_t h = 0; h < history.tracks.size(); ++h)
        terms[h] = (history.weights[h] / total) * embeddings.row(Eigen::Index(history.tracks[h])).dot(e) /
                   denominator;
    return terms;
}

std::vector<Recommendation> recommend(const Matrix& embeddings, const UserHistory& history,
                                      const RecommendParams& params)
{
    const Vector u = preferenceVector(embeddings, history);
    const float uNorm = u.norm();
    const Vector dots = embeddings * u;
    const Vector norms = embeddings.rowwise().norm();

    std::vector<std::uint32_t> candidates;
    candidates.reserve(std::size_t(embeddings.rows()));
    std::vector<float> scores(std::size_t(embeddings.rows()), 0.0f);
    for (Eigen::Index t = 0; t < embeddings.rows(); ++t) {
        if (std::binary_search(history.tracks.begin(), history.tracks.end(), std::uint32_t(t)))
            continue;
        const float denominator = uNorm * norms(t);
        scores[std::size_t(t)] = denominator > 0.0f ? dots(t) / denominator : 0.0f;
        candidates.push_back(std::uint32_t(t));
    }
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
        return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    };
    const std::size_t n = std::min(params.top, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + long(n), candidates.end(), better);

    std::vector<Recommendation> out;
    for (std::size_t r = 0; r < n; ++r) {
        Recommendation rec{candidates[r], scores[candidates[r]], {}};
        const std::vector<float> terms = scoreTerms(embeddings, history, rec.track);
        std::vector<std::size_t> order(terms.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        const std::size_t keep = std::min(params.reasons, order.size());
        std::partial_sort(
            order.begin(), order.begin() + long(keep), order.end(),
            [&](std::size_t a, std::size_t b) { return terms[a] != terms[b] ? terms[a] > terms[b] : a < b; });
        for (std::size_t k = 0; k < keep; ++k)
            rec.because.push_back({history.tracks[order[k]], terms[order[k]]});
        out.push_back(std::move(rec));
    }
    return out;
}

} // namespace gdbm::rec
