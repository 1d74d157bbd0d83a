#include "rec/BaselineTuning.h"

#include <algorithm>

namespace gdbm::rec {
namespace {

ValidationSplit validationSplitOf(const TrainingInteractions& interactions, std::uint64_t seed)
{
    return splitForValidation(interactions, kValidationShare, kValidationMinDistinct, seed);
}

// Keeps the first best candidate: a strict improvement is needed to move on.
template <typename Params>
void pickBest(const std::vector<std::pair<Params, double>>& tried, Params& best, double& ndcg)
{
    ndcg = -1;
    for (const auto& [params, value] : tried) {
        if (value > ndcg) {
            best = params;
            ndcg = value;
        }
    }
}

} // namespace

const std::vector<ItemKnnParams>& itemKnnGrid()
{
    // From a narrow neighbourhood (Deshpande & Karypis found 10-50 best on their data) to all.
    static const std::vector<ItemKnnParams> grid{{20}, {50}, {100}, {200}, {0}};
    return grid;
}

TunedItemKnn tuneItemKnn(const TrainingInteractions& interactions, std::uint64_t seed)
{
    const ValidationSplit split = validationSplitOf(interactions, seed);
    TunedItemKnn result;
    for (const ItemKnnParams& params : itemKnnGrid()) {
        const ItemKnn model(split.train, params);
        const double ndcg = validationNdcg(split, kValidationK, [&](std::uint32_t user, std::span<double> s) {
            model.score(split.train.tracksOfUser[user], s);
        });
        result.tried.emplace_back(params, ndcg);
    }
    pickBest(result.tried, result.best, result.validationNdcg);
    return result;
}

std::vector<AlsParams> implicitAlsGrid(std::uint64_t seed)
{
    std::vector<AlsParams> grid;
    // Hu et al. found alpha = 40 best on their TV data; with ~50 tracks heard out of 10,000 the
    // demo's validation NDCG still rises past it (flat from 100 to 400), hence the upper values.
    // lambda matters little here (0.1 and 1 differ in the fourth digit).
    for (double alpha : {10.0, 40.0, 100.0, 200.0}) {
        for (double lambda : {1.0, 10.0}) {
            AlsParams p;
            p.alpha = alpha;
            p.lambda = lambda;
            p.seed = seed;
            grid.push_back(p);
        }
    }
    return grid;
}

std::size_t largestUsefulRank(const TrainingInteractions& interactions)
{
    std::size_t listeners = 0;
    std::vector<bool> heard(interactions.catalogSize, false);
    for (const auto& tracks : interactions.tracksOfUser) {
        listeners += tracks.empty() ? 0 : 1;
        for (std::uint32_t t : tracks)
            heard[t] = true;
    }
    return std::min(listeners, static_cast<std::size_t>(std::count(heard.begin(), heard.end(), true)));
}

TunedAls tuneImplicitAls(const TrainingInteractions& interactions, std::uint64_t seed,
                         const CancelFlag* cancel, const ProgressCallback& progress)
{
    const ValidationSplit split = validationSplitOf(interactions, seed);
    const std::vector<AlsParams> grid = implicitAlsGrid(seed);
    // A rank above min(listeners, heard tracks) cannot fit anything a rank of that size cannot:
    // the score matrix has no more dimensions (and the regularised factorisation is the same
    // problem at any rank beyond it), so such a fit only costs time.
    const std::size_t usefulRank = largestUsefulRank(split.train);
    const auto largerRanks =
        static_cast<std::size_t>(std::count_if(kAlsLargerRanks.begin(), kAlsLargerRanks.end(),
                                               [&](std::size_t rank) { return rank <= usefulRank; }));
    const std::size_t planned = grid.size() + largerRanks + kAlsLambdas.size() - 1;
    TunedAls result;
    // Fits and scores one candidate, once.
    const auto tryParams = [&](const AlsParams& params) {
        for (const auto& tried : result.tried) {
            if (tried.first == params)
                return;
        }
        if (progress)
            progress({"tuning implicit MF", result.tried.size(), planned});
        const ImplicitAls model(split.train, params, cancel);
        const double ndcg = validationNdcg(
            split, kValidationK, [&](std::uint32_t user, std::span<double> s) { model.score(user, s); });
        result.tried.emplace_back(params, ndcg);
        pickBest(result.tried, result.best, result.validationNdcg);
    };
    for (const AlsParams& params : grid)
        tryParams(params);
    // Larger ranks at the best alpha and lambda, then lambda again at the best rank: on the demo
    // catalog validation NDCG rose from rank 32 to 128 at alpha 100, lambda 1 (0.0975, 0.1043,
    // 0.1053) and, at rank 128, with lambda 100 (0.1066, a full grid's best; docs/MODEL.md).
    // HYBRID.md tunes the rank too.
    const AlsParams atRank32 = result.best;
    for (std::size_t rank : kAlsLargerRanks) {
        if (rank > usefulRank)
            continue;
        AlsParams larger = atRank32;
        larger.rank = rank;
        tryParams(larger);
    }
    const AlsParams atBestRank = result.best;
    for (double lambda : kAlsLambdas) {
        AlsParams other = atBestRank;
        other.lambda = lambda;
        tryParams(other);
    }
    if (progress)
        progress({"tuning implicit MF", planned, planned});
    return result;
}

} // namespace gdbm::rec
