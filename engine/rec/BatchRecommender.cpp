#include "rec/BatchRecommender.h"

#include "core/Error.h"
#include "rec/ScreenKernel.h"

#include <algorithm>
#include <limits>
#include <tbb/parallel_for.h>

namespace gdbm::rec {
namespace {

constexpr float kNoThreshold = -std::numeric_limits<float>::infinity();
constexpr float kUnusedSlot = std::numeric_limits<float>::infinity();

// Better first: higher score, then lower catalog index (recommend()'s order).
bool better(const Recommendation& a, const Recommendation& b)
{
    return a.score != b.score ? a.score > b.score : a.track < b.track;
}

// One user's running list and the screening threshold that goes with it.
struct UserTop
{
    const UserHistory* history = nullptr;
    VectorD query;
    double margin = 0.0;
    float threshold = kNoThreshold; // screening scores below it cannot enter the list
    std::vector<Recommendation> best;

    void offer(std::uint32_t track, const ScoringSpace& space, std::size_t top)
    {
        if (std::binary_search(history->tracks.begin(), history->tracks.end(), track))
            return;
        const Recommendation candidate{track, songScore(space, track, query), {}};
        if (best.size() == top && !better(candidate, best.back()))
            return;
        best.insert(std::upper_bound(best.begin(), best.end(), candidate, better), candidate);
        if (best.size() > top)
            best.pop_back();
        if (best.size() == top)
            threshold = std::max(threshold, float(best.back().score - margin));
    }
};

std::size_t tilePanels(const BatchParams& params, int dims)
{
    if (params.tileSongs > 0)
        return std::max<std::size_t>(1, params.tileSongs / kPanelSongs);
    constexpr std::size_t kTileBytes = 256 * 1024; // well inside a core's L2 cache
    return std::max<std::size_t>(1,
                                 kTileBytes / (std::size_t(std::max(dims, 1)) * kPanelSongs * sizeof(float)));
}

// Packs users [first, first + count) into the kernel's query slots (unused slots zero).
void packQueries(const std::vector<UserTop>& users, std::size_t first, std::size_t count, int dims,
                 std::vector<float>& queries)
{
    std::fill(queries.begin(), queries.end(), 0.0f);
    for (std::size_t s = 0; s < count; ++s) {
        for (int d = 0; d < dims; ++d)
            queries[s * std::size_t(dims) + std::size_t(d)] = float(users[first + s].query[d]);
    }
}

// Screening thresholds from a sample of the catalog before the scan. Scanning in catalog order,
// a catalog sorted by anything the users' tastes follow (year, genre) raises each user's 10th
// best a little with nearly every panel, and every rise is a song scored again exactly. The top
// of an evenly spread sample of panels bounds the final 10th best from below at once: the k-th
// best screening score among the sampled songs the user has not heard, less twice the margin,
// is at most the exact k-th best of the catalog.
void seedThresholds(const ScreenPanels& panels, const ScreenKernel& kernel, std::vector<UserTop>& users,
                    std::size_t top)
{
    constexpr std::size_t kSamplePanels = 1024;
    const std::size_t total = panels.panels();
    if (total < 4 * kSamplePanels)
        return; // a small catalog: the scan itself is as cheap
    const int dims = panels.dims;
    const std::size_t slots = kernel.users;
    std::vector<float> queries(slots * std::size_t(dims));
    std::vector<float> open(slots, kNoThreshold);
    std::vector<float> scores(slots * kPanelSongs);
    std::vector<std::vector<float>> sampled(slots);
    for (std::size_t first = 0; first < users.size(); first += slots) {
        const std::size_t count = std::min(slots, users.size() - first);
        packQueries(users, first, count, dims, queries);
        for (std::size_t s = 0; s < count; ++s)
            sampled[s].clear();
        for (std::size_t k = 0; k < kSamplePanels; ++k) {
            const std::size_t p = k * total / kSamplePanels;
            kernel.screen(queries.data(), dims, panels.values.data(), p, p + 1, open.data(), scores.data());
            for (std::size_t s = 0; s < count; ++s) {
                const UserHistory& history = *users[first + s].history;
                for (std::size_t lane = 0; lane < kPanelSongs; ++lane) {
                    const auto track = std::uint32_t(p * kPanelSongs + lane);
                    if (track < panels.songs &&
                        !std::binary_search(history.tracks.begin(), history.tracks.end(), track))
                        sampled[s].push_back(scores[s * kPanelSongs + lane]);
                }
            }
        }
        for (std::size_t s = 0; s < count; ++s) {
            std::vector<float>& v = sampled[s];
            if (v.size() < top)
                continue;
            std::nth_element(v.begin(), v.begin() + long(top - 1), v.end(), std::greater<>());
            UserTop& user = users[first + s];
            user.threshold = float(double(v[top - 1]) - 2.0 * user.margin);
        }
    }
}

// One group of users against the whole catalog.
void recommendGroup(const ScoringSpace& space, const ScreenPanels& panels, const ScreenKernel& kernel,
                    std::vector<UserTop>& users, const BatchParams& params)
{
    seedThresholds(panels, kernel, users, params.top);
    const int dims = panels.dims;
    const std::size_t slots = kernel.users;
    const std::size_t perTile = tilePanels(params, dims);
    std::vector<float> queries(slots * std::size_t(dims));
    std::vector<float> thresholds(slots);
    std::vector<float> scores(slots * kPanelSongs);
    for (std::size_t tile = 0; tile < panels.panels(); tile += perTile) {
        const std::size_t tileEnd = std::min(panels.panels(), tile + perTile);
        for (std::size_t first = 0; first < users.size(); first += slots) {
            const std::size_t count = std::min(slots, users.size() - first);
            packQueries(users, first, count, dims, queries);
            for (std::size_t s = 0; s < slots; ++s)
                thresholds[s] = s < count ? users[first + s].threshold : kUnusedSlot;
            for (std::size_t p = tile; p < tileEnd; ++p) {
                p = kernel.screen(queries.data(), dims, panels.values.data(), p, tileEnd, thresholds.data(),
                                  scores.data());
                if (p == tileEnd)
                    break;
                for (std::size_t s = 0; s < count; ++s) {
                    UserTop& user = users[first + s];
                    for (std::size_t lane = 0; lane < kPanelSongs; ++lane) {
                        const std::size_t track = p * kPanelSongs + lane;
                        if (track < panels.songs && scores[s * kPanelSongs + lane] >= user.threshold)
                            user.offer(std::uint32_t(track), space, params.top);
                    }
                    thresholds[s] = user.threshold;
                }
            }
        }
    }
}

} // namespace

std::vector<std::vector<Recommendation>>
recommendAll(const ScoringSpace& space, const std::vector<UserHistory>& histories, const BatchParams& params,
             const ProgressCallback& progress, const CancelFlag* cancel)
{
    std::vector<std::vector<Recommendation>> out(histories.size());
    if (params.top == 0 || histories.empty())
        return out;
    const ScreenPanels panels = makeScreenPanels(space.directions);
    const ScreenKernel kernel = screenKernel(params.isa);
    const std::size_t groupUsers = std::max<std::size_t>(1, params.groupUsers);
    const std::size_t groups = (histories.size() + groupUsers - 1) / groupUsers;
    const auto recommendOneGroup = [&](std::size_t g) {
        const std::size_t first = g * groupUsers;
        const std::size_t count = std::min(groupUsers, histories.size() - first);
        std::vector<UserTop> users(count);
        for (std::size_t u = 0; u < count; ++u) {
            users[u].history = &histories[first + u];
            users[u].query = queryVector(space, histories[first + u], params.rule);
            users[u].margin = screeningMargin(panels.dims, users[u].query.norm());
            users[u].best.reserve(params.top + 1);
        }
        recommendGroup(space, panels, kernel, users, params);
        for (std::size_t u = 0; u < count; ++u)
            out[first + u] = std::move(users[u].best);
    };
    // Waves of groups in parallel; progress and cancel between waves, on the caller's thread.
    constexpr std::size_t kGroupsPerWave = 8;
    for (std::size_t wave = 0; wave < groups; wave += kGroupsPerWave) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        if (progress)
            progress({"Recommending", std::min(histories.size(), wave * groupUsers), histories.size()});
        tbb::parallel_for(wave, std::min(groups, wave + kGroupsPerWave), recommendOneGroup);
    }
    if (progress)
        progress({"Recommending", histories.size(), histories.size()});
    return out;
}

} // namespace gdbm::rec
