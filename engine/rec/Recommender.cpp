#include "rec/Recommender.h"

#include <algorithm>
#include <numeric>

namespace gdbm::rec {

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

namespace {

double weightTotal(const UserHistory& history)
{
    double total = 0.0;
    for (float w : history.weights)
        total += double(w);
    return total;
}

// The mean of the history's vectors (history mean) or directions (mean cosine).
VectorD weightedMean(const MatrixD& rows, const UserHistory& history)
{
    VectorD mean = VectorD::Zero(rows.cols());
    const double total = weightTotal(history);
    if (total <= 0.0)
        return mean;
    for (std::size_t h = 0; h < history.tracks.size(); ++h)
        mean += (double(history.weights[h]) / total) * rows.row(Eigen::Index(history.tracks[h])).transpose();
    return mean;
}

} // namespace

VectorD queryVector(const ScoringSpace& space, const UserHistory& history, ScoringRule rule)
{
    if (rule == ScoringRule::MeanCosine)
        return weightedMean(space.directions, history);
    VectorD u = weightedMean(space.vectors, history);
    const double norm = u.norm();
    return norm > 0.0 ? VectorD(u / norm) : u;
}

[[gnu::noinline]] double songScore(const ScoringSpace& space, std::uint32_t track, const VectorD& query)
{
    // Not inlined: one compiled copy, so no caller gets a differently contracted or vectorized sum.
    const double* direction = space.directions.row(Eigen::Index(track)).data();
    double score = 0.0;
    for (Eigen::Index i = 0; i < query.size(); ++i)
        score += direction[i] * query[i];
    return score;
}

std::vector<double> scoreTerms(const ScoringSpace& space, const UserHistory& history, std::uint32_t track,
                               ScoringRule rule)
{
    std::vector<double> terms(history.tracks.size(), 0.0);
    const double total = weightTotal(history);
    if (total <= 0.0)
        return terms;
    const auto d = space.directions.row(Eigen::Index(track));
    const MatrixD& rows = rule == ScoringRule::MeanCosine ? space.directions : space.vectors;
    double scale = 1.0;
    if (rule == ScoringRule::HistoryMean) {
        const double norm = weightedMean(space.vectors, history).norm();
        if (norm <= 0.0)
            return terms;
        scale = 1.0 / norm;
    }
    for (std::size_t h = 0; h < history.tracks.size(); ++h)
        terms[h] =
            scale * (double(history.weights[h]) / total) * rows.row(Eigen::Index(history.tracks[h])).dot(d);
    return terms;
}

std::vector<Recommendation> recommend(const ScoringSpace& space, const UserHistory& history,
                                      const RecommendParams& params)
{
    const VectorD q = queryVector(space, history, params.rule);
    VectorD scores(space.songs());
    for (Eigen::Index t = 0; t < space.songs(); ++t)
        scores[t] = songScore(space, std::uint32_t(t), q);

    std::vector<std::uint32_t> candidates;
    candidates.reserve(std::size_t(space.songs()));
    for (Eigen::Index t = 0; t < space.songs(); ++t) {
        if (!std::binary_search(history.tracks.begin(), history.tracks.end(), std::uint32_t(t)))
            candidates.push_back(std::uint32_t(t));
    }
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
        return scores(a) != scores(b) ? scores(a) > scores(b) : a < b;
    };
    const std::size_t n = std::min(params.top, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + long(n), candidates.end(), better);

    std::vector<Recommendation> out;
    for (std::size_t r = 0; r < n; ++r) {
        Recommendation rec{candidates[r], scores(candidates[r]), {}};
        const std::vector<double> terms = scoreTerms(space, history, rec.track, params.rule);
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
