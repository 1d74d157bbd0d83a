#include "sim/Simulator.h"

#include "core/Error.h"
#include "core/Random.h"
#include "core/Text.h"
#include "sim/CandidateIndex.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <tbb/parallel_for.h>
#include <tuple>
#include <unordered_set>

namespace gdbm::sim {
namespace {

constexpr std::size_t kUserChunk = 4096;
constexpr int kDaysBack = 365; // timestamps: reference date minus 0..364 days

// A byte key of a user's drawn preferences: users with equal keys share their candidate tracks,
// which are then computed once (most archetypes draw from a handful of options).
std::string preferenceKey(const std::vector<UserPreference>& prefs)
{
    std::string key;
    for (const UserPreference& p : prefs) {
        key += char(p.kind);
        key += char(p.attribute);
        key.append(reinterpret_cast<const char*>(&p.min), sizeof p.min);
        key.append(reinterpret_cast<const char*>(&p.max), sizeof p.max);
        key.append(reinterpret_cast<const char*>(&p.artist), sizeof p.artist);
        for (data::GenreId g : p.genres)
            key.append(reinterpret_cast<const char*>(&g), sizeof g);
        key += '\n';
    }
    return key;
}

// k distinct values of [0, n) (Floyd's algorithm), in a deterministic order; requires k <= n.
std::vector<std::uint32_t> sampleDistinct(std::size_t n, std::size_t k, CounterRng& rng)
{
    std::vector<std::uint32_t> picked;
    picked.reserve(k);
    std::unordered_set<std::uint32_t> seen;
    seen.reserve(k * 2);
    for (std::size_t j = n - k; j < n; ++j) {
        const auto r = std::uint32_t(rng.below(j + 1));
        const std::uint32_t value = seen.count(r) ? std::uint32_t(j) : r;
        seen.insert(value);
        picked.push_back(value);
    }
    return picked;
}

void checkCancel(const CancelFlag* cancel)
{
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}

void validate(const ArchetypeSet& archetypes)
{
    for (const ArchetypeProblem& problem : archetypes.blockingProblems())
        throw InputError({{}, 0, 0, problem.field}, describeProblem(archetypes, problem));
    if (archetypes.shareTotal() <= 0.0)
        throw InputError({{}, 0, 0, "shares"}, "the archetypes' shares sum to 0: no users to simulate");
}

// One user's history: preference-driven tracks (or the fallback), then discovery tracks.
std::vector<Interaction> listen(const User& user, std::uint32_t userIndex, const Archetype& archetype,
                                const CandidateSet& candidates, const data::Catalog& catalog,
                                const SimulationParams& params, bool& fellBack)
{
    CounterRng rng(params.seed, RandomPurpose::Simulation, user.id, 1);
    std::vector<std::pair<std::uint32_t, InteractionSource>> tracks;
    const auto want = std::size_t(archetype.tracksPerUser);

    fellBack = candidates.empty();
    if (fellBack) {
        for (std::uint32_t t :
             sampleDistinct(catalog.size(), std::min(params.fallbackTracks, catalog.size()), rng))
            tracks.emplace_back(t, InteractionSource::Fallback);
    } else if (candidates.size() >= want) {
        for (std::uint32_t i : sampleDistinct(candidates.size(), want, rng))
            tracks.emplace_back(candidates[i], InteractionSource::Preference);
    } else {
        // Too few candidates: all of them, then repeats drawn among them.
        for (std::size_t i = 0; i < candidates.size(); ++i)
            tracks.emplace_back(candidates[i], InteractionSource::Preference);
        for (std::size_t r = candidates.size(); r < want; ++r)
            tracks.emplace_back(candidates[rng.below(candidates.size())], InteractionSource::Preference);
    }
    if (rng.uniform() < params.discoveryShare) {
        const std::size_t k = std::min(params.discoveryTracks, catalog.size());
        for (std::uint32_t t : sampleDistinct(catalog.size(), k, rng))
            tracks.emplace_back(t, InteractionSource::Discovery);
    }

    std::vector<Interaction> history;
    history.reserve(tracks.size());
    for (const auto& [track, source] : tracks) {
        const auto daysBack = std::chrono::days(rng.below(kDaysBack));
        history.push_back(
            {userIndex, track, params.referenceDate - daysBack, rateTrack(user, catalog, track), source});
    }
    std::stable_sort(history.begin(), history.end(),
                     [](const Interaction& a, const Interaction& b) { return a.day < b.day; });
    return history;
}

// A user whose drawn preferences match no track (mood ranges drawn narrow, a niche genre with
// no track in the popularity range) draws them again, from streams of their own, up to
// kRedraws times: a listener with a taste is one with songs of that taste. Only a user for whom
// no draw matches falls back to random tracks. Users with matches keep their first draw, so
// catalogs where every draw matches simulate as before.
constexpr std::uint64_t kRedraws = 10;

CandidateSet redrawUntilMatched(User& user, const Archetype& archetype, const data::Catalog& catalog,
                                const CatalogFacts& facts, const CandidateIndex& index, std::uint64_t seed)
{
    const bool drawsSomething = std::any_of(archetype.preferences.begin(), archetype.preferences.end(),
                                            [](const Preference& p) { return isDrawnKind(p.kind); });
    if (!drawsSomething)
        return {};
    for (std::uint64_t attempt = 1; attempt <= kRedraws; ++attempt) {
        // Stream 0 made the first draw and stream 1 is the user's listening: redraws use 2, 3, ...
        CounterRng rng(seed, RandomPurpose::Simulation, user.id, 1 + attempt);
        std::vector<UserPreference> preferences = drawPreferences(archetype, catalog, facts, rng);
        CandidateSet candidates = index.candidates(preferences);
        if (!candidates.empty()) {
            user.preferences = std::move(preferences);
            return candidates;
        }
    }
    return {};
}

} // namespace

std::vector<std::size_t> usersPerArchetype(const ArchetypeSet& archetypes, std::size_t users)
{
    // Largest remainders (Hamilton's method): every archetype gets the whole part of share x
    // users, then the users left go one each to the largest fractional parts, ties to the earlier
    // archetype. Rounding each share alone gives normalised shares 1,002 users for 1,000.
    std::vector<std::size_t> counts;
    std::vector<std::pair<double, std::size_t>> remainders;
    double exactTotal = 0.0;
    std::size_t assigned = 0;
    for (std::size_t k = 0; k < archetypes.archetypes.size(); ++k) {
        const double exact = std::max(0.0, archetypes.archetypes[k].share) * double(users);
        const double whole = std::floor(exact);
        counts.push_back(std::size_t(whole));
        remainders.emplace_back(exact - whole, k);
        exactTotal += exact;
        assigned += counts.back();
    }
    const auto total = std::size_t(std::llround(exactTotal));
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; assigned < total && i < remainders.size(); ++i, ++assigned)
        ++counts[remainders[i].second];
    return counts;
}

float rateTrack(const User& user, const data::Catalog& catalog, std::size_t track)
{
    float rating = 3.0f;
    bool genreMatched = false;
    bool artistMatched = false;
    for (const UserPreference& p : user.preferences) {
        if (p.kind == UserPreference::Kind::Genres && !genreMatched && passes(p, catalog, track)) {
            genreMatched = true;
            rating += 1.0f;
        } else if (p.kind == UserPreference::Kind::Artist && !artistMatched && passes(p, catalog, track)) {
            artistMatched = true;
            rating += 1.0f;
        } else if (p.kind == UserPreference::Kind::Range) {
            const bool rewarded = p.attribute == attributeOf(data::Feature::Popularity) ||
                                  p.attribute == attributeOf(data::Feature::Instrumentalness) ||
                                  p.attribute == attributeOf(data::Feature::Liveness);
            if (rewarded && attributeValue(catalog, track, p.attribute) >= 0.5 * (p.min + p.max))
                rating += 0.5f;
        }
    }
    return std::clamp(rating, 1.0f, 5.0f);
}

SimulationSummary summarize(const SimulationResult& result, std::size_t archetypeCount)
{
    SimulationSummary s;
    s.usersPerArchetype.assign(archetypeCount, 0);
    s.fellBackPerArchetype.assign(archetypeCount, 0);
    for (const User& u : result.users) {
        ++s.usersPerArchetype[u.archetype];
        s.fellBackPerArchetype[u.archetype] += u.fellBack ? 1 : 0;
        s.fellBack += u.fellBack ? 1 : 0;
    }
    std::vector<bool> discovered(result.users.size(), false);
    for (const Interaction& i : result.interactions) {
        const auto bin = std::size_t(std::lround((i.rating - 1.0f) * 2.0f));
        ++s.ratingHistogram[std::min(bin, kRatingBins - 1)];
        if (i.source == InteractionSource::Discovery)
            discovered[i.user] = true;
    }
    s.discoverers = std::size_t(std::count(discovered.begin(), discovered.end(), true));
    s.interactions = result.interactions.size();
    return s;
}

SimulationResult simulate(const data::Catalog& catalog, const ArchetypeSet& archetypes,
                          const SimulationParams& params, const ProgressCallback& progress,
                          const CancelFlag* cancel)
{
    if (catalog.empty())
        throw InputError({catalog.label(), 0, 0, {}}, "the catalog has no tracks to listen to");
    validate(archetypes);
    // Interactions take 16 bytes each: refuse what would not fit in memory before starting.
    constexpr double kMaxInteractions = 500'000'000;
    double planned = 0;
    const std::vector<std::size_t> counts = usersPerArchetype(archetypes, params.users);
    for (std::size_t k = 0; k < counts.size(); ++k)
        planned +=
            double(counts[k]) * double(archetypes.archetypes[k].tracksPerUser + params.discoveryTracks);
    if (planned > kMaxInteractions)
        throw InputError({{}, 0, 0, "users"}, "this simulation would make about " +
                                                  text::withThousands((long long)planned) +
                                                  " interactions, more than the 500,000,000 it can hold");

    const CatalogFacts facts = computeCatalogFacts(catalog, params.thresholds);
    SimulationResult result;
    result.referenceDate = params.referenceDate;
    result.seed = params.seed;
    for (const Archetype& a : archetypes.archetypes)
        result.archetypeNames.push_back(a.name);

    // 1. Users and their drawn preferences, each from the user's own stream.
    for (std::size_t k = 0; k < counts.size(); ++k) {
        for (std::size_t j = 0; j < counts[k]; ++j) {
            User user;
            user.id = std::uint32_t(result.users.size() + 1);
            user.archetype = k;
            CounterRng rng(params.seed, RandomPurpose::Simulation, user.id, 0);
            user.preferences = drawPreferences(archetypes.archetypes[k], catalog, facts, rng);
            result.users.push_back(std::move(user));
        }
    }

    // 2. Users grouped by their drawn preferences: a group's candidate tracks are computed once
    //    and dropped as soon as its users have listened (a large catalog with thousands of
    //    mood listeners would otherwise hold thousands of candidate lists at once).
    std::map<std::string, std::size_t> groupOf;
    std::vector<std::vector<std::uint32_t>> groupUsers;
    std::vector<const User*> groupExample;
    for (std::size_t u = 0; u < result.users.size(); ++u) {
        const auto [it, added] =
            groupOf.emplace(preferenceKey(result.users[u].preferences), groupExample.size());
        if (added) {
            groupExample.push_back(&result.users[u]);
            groupUsers.emplace_back();
        }
        groupUsers[it->second].push_back(std::uint32_t(u));
    }
    const CandidateIndex index(catalog, groupExample);

    // 3. Histories, group by group in parallel waves; progress and cancel between waves.
    std::vector<std::vector<Interaction>> histories(result.users.size());
    std::vector<char> fellBack(result.users.size(), 0);
    std::size_t usersDone = 0;
    for (std::size_t begin = 0; begin < groupExample.size();) {
        checkCancel(cancel);
        if (progress)
            progress({"Simulating listeners", usersDone, result.users.size()});
        // A wave holds about kUserChunk users (at least one group).
        std::size_t end = begin, waveUsers = 0;
        while (end < groupExample.size() &&
               (end == begin || waveUsers + groupUsers[end].size() <= kUserChunk))
            waveUsers += groupUsers[end++].size();
        tbb::parallel_for(begin, end, [&](std::size_t g) {
            const CandidateSet candidates = index.candidates(groupExample[g]->preferences);
            tbb::parallel_for(std::size_t(0), groupUsers[g].size(), [&](std::size_t i) {
                const std::uint32_t u = groupUsers[g][i];
                User& user = result.users[u];
                const Archetype& archetype = archetypes.archetypes[user.archetype];
                CandidateSet redrawn;
                if (candidates.empty())
                    redrawn = redrawUntilMatched(user, archetype, catalog, facts, index, params.seed);
                bool fell = false;
                histories[u] = listen(user, u, archetype, candidates.empty() ? redrawn : candidates, catalog,
                                      params, fell);
                fellBack[u] = fell ? 1 : 0;
            });
        });
        usersDone += waveUsers;
        begin = end;
    }
    std::size_t total = 0;
    for (const auto& h : histories)
        total += h.size();
    result.interactions.reserve(total);
    for (std::size_t u = 0; u < histories.size(); ++u) {
        result.users[u].fellBack = fellBack[u] != 0;
        result.interactions.insert(result.interactions.end(), histories[u].begin(), histories[u].end());
    }
    result.summary = summarize(result, archetypes.archetypes.size());
    if (progress)
        progress({"Simulating listeners", result.users.size(), result.users.size()});
    return result;
}

} // namespace gdbm::sim
