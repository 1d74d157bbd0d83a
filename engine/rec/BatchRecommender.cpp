#include "rec/BatchRecommender.h"

#include "core/Error.h"

#include <algorithm>
#include <tbb/parallel_for.h>

namespace gdbm::rec {
namespace {

// Better first: higher score, then lower catalog index (recommend()'s order).
bool better(const Recommendation& a, const Recommendation& b)
{
    return a.score != b.score ? a.score > b.score : a.track < b.track;
}

} // namespace

std::vector<std::vector<Recommendation>>
recommendAll(const ScoringSpace& space, const std::vector<UserHistory>& histories, const BatchParams& params,
             const ProgressCallback& progress, const CancelFlag* cancel)
{
    const auto tracks = std::size_t(space.songs());
    std::vector<std::vector<Recommendation>> out(histories.size());
    const std::size_t blocks = (histories.size() + params.blockUsers - 1) / params.blockUsers;
    const auto recommendBlock = [&](std::size_t b) {
        const std::size_t first = b * params.blockUsers;
        const std::size_t count = std::min(params.blockUsers, histories.size() - first);
        // The block's query vectors: a song's score is the dot product with its direction.
        MatrixD queries(Eigen::Index(count), space.directions.cols());
        for (std::size_t u = 0; u < count; ++u)
            queries.row(Eigen::Index(u)) = queryVector(space, histories[first + u], params.rule).transpose();
        std::vector<std::vector<Recommendation>> best(count);
        MatrixD scores;
        for (std::size_t start = 0; start < tracks; start += params.tileTracks) {
            const std::size_t width = std::min(params.tileTracks, tracks - start);
            scores.noalias() =
                queries * space.directions.middleRows(Eigen::Index(start), Eigen::Index(width)).transpose();
            for (std::size_t u = 0; u < count; ++u) {
                const UserHistory& history = histories[first + u];
                std::vector<Recommendation>& top = best[u];
                for (std::size_t j = 0; j < width; ++j) {
                    const auto t = std::uint32_t(start + j);
                    const Recommendation candidate{t, scores(Eigen::Index(u), Eigen::Index(j)), {}};
                    if (top.size() == params.top && !better(candidate, top.back()))
                        continue;
                    if (std::binary_search(history.tracks.begin(), history.tracks.end(), t))
                        continue;
                    top.insert(std::upper_bound(top.begin(), top.end(), candidate, better), candidate);
                    if (top.size() > params.top)
                        top.pop_back();
                }
            }
        }
        for (std::size_t u = 0; u < count; ++u)
            out[first + u] = std::move(best[u]);
    };
    // Waves of blocks in parallel; progress and cancel between waves, on the caller's thread.
    constexpr std::size_t kBlocksPerWave = 16;
    for (std::size_t wave = 0; wave < blocks; wave += kBlocksPerWave) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        if (progress)
            progress(
                {"Recommending", std::min(histories.size(), wave * params.blockUsers), histories.size()});
        tbb::parallel_for(wave, std::min(blocks, wave + kBlocksPerWave), recommendBlock);
    }
    if (progress)
        progress({"Recommending", histories.size(), histories.size()});
    return out;
}

} // namespace gdbm::rec
