#include "sim/Simulator.h"

#include "core/Error.h"
#include "core/Random.h"
#include "core/Text.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <tbb/parallel_for.h>
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

// Where a user's candidates can come from without scanning the whole catalog: tracks sorted by
// each attribute that a range preference uses (tracks lacking the value left out), and tracks
// per genre and per artist. A user's candidates are checked from the smallest such slice.
class CandidateIndex
{
public:
    CandidateIndex(const data::Catalog& catalog, const std::vector<const User*>& users) : m_catalog(catalog)
    {
        m_byGenre.resize(catalog.genreNames().size());
        m_byArtist.resize(catalog.artistNames().size());
        for (std::size_t t = 0; t < catalog.size(); ++t) {
            for (data::GenreId g : catalog.track(t).genres)
                m_byGenre[g].push_back(std::uint32_t(t));
            for (data::ArtistId a : catalog.track(t).artists)
                m_byArtist[a].push_back(std::uint32_t(t));
        }
        for (const User* user : users) {
            for (const UserPreference& p : user->preferences) {
                const auto a = static_cast<std::size_t>(p.attribute);
                if (p.kind != UserPreference::Kind::Range || !m_values[a].empty())
                    continue;
                m_values[a].resize(catalog.size());
                for (std::size_t t = 0; t < catalog.size(); ++t)
                    m_values[a][t] = attributeValue(catalog, t, p.attribute);
                sortBy(p.attribute, m_sorted[a]);
            }
        }
    }

    // The tracks that pass every preference, in catalog order.
    std::vector<std::uint32_t> candidates(const std::vector<UserPreference>& prefs) const
    {
        std::vector<std::uint32_t> pool;
        bool narrowed = false;
        for (const UserPreference& p : prefs) {
            std::vector<std::uint32_t> slice = sliceOf(p);
            if (!narrowed || slice.size() < pool.size())
                pool = std::move(slice);
            narrowed = true;
        }
        std::vector<std::uint32_t> out;
        if (!narrowed) {
            out.resize(m_catalog.size());
            std::iota(out.begin(), out.end(), std::uint32_t(0));
            return out;
        }
        // Mark the passing tracks in a bitmap, then read it in catalog order: cheaper than sorting.
        std::vector<std::uint64_t> passing((m_catalog.size() + 63) / 64, 0);
        for (std::uint32_t t : pool) {
            if (passesEvery(prefs, t))
                passing[t / 64] |= std::uint64_t(1) << (t % 64);
        }
        for (std::size_t w = 0; w < passing.size(); ++w) {
            for (std::uint64_t bits = passing[w]; bits != 0; bits &= bits - 1)
                out.push_back(std::uint32_t(w * 64 + std::size_t(std::countr_zero(bits))));
        }
        return out;
    }

private:
    double value(std::uint32_t track, Attribute a) const
    {
        return m_values[static_cast<std::size_t>(a)][track];
    }

    // passesAll, reading range attributes from the contiguous columns.
    bool passesEvery(const std::vector<UserPreference>& prefs, std::uint32_t t) const
    {
        for (const UserPreference& p : prefs) {
            if (p.kind == UserPreference::Kind::Range) {
                const double v = value(t, p.attribute);
                if (!(v >= p.min && v <= p.max))
                    return false;
            } else if (!passes(p, m_catalog, t)) {
                return false;
            }
        }
        return true;
    }

    void sortBy(Attribute a, std::vector<std::uint32_t>& sorted) const
    {
        for (std::size_t t = 0; t < m_catalog.size(); ++t) {
            if (!std::isnan(value(std::uint32_t(t), a)))
                sorted.push_back(std::uint32_t(t));
        }
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&](std::uint32_t x, std::uint32_t y) { return value(x, a) < value(y, a); });
    }

    // A superset of the tracks passing p (exactly those, for one preference).
    std::vector<std::uint32_t> sliceOf(const UserPreference& p) const
    {
        switch (p.kind) {
        case UserPreference::Kind::Range: {
            const auto& sorted = m_sorted[static_cast<std::size_t>(p.attribute)];
            const auto lo =
                std::lower_bound(sorted.begin(), sorted.end(), p.min,
                                 [&](std::uint32_t t, double v) { return value(t, p.attribute) < v; });
            const auto hi = std::upper_bound(lo, sorted.end(), p.max, [&](double v, std::uint32_t t) {
                return v < value(t, p.attribute);
            });
            return {lo, hi};
        }
        case UserPreference::Kind::Genres: {
            std::vector<std::uint32_t> tracks;
            for (data::GenreId g : p.genres)
                tracks.insert(tracks.end(), m_byGenre[g].begin(), m_byGenre[g].end());
            std::sort(tracks.begin(), tracks.end());
            tracks.erase(std::unique(tracks.begin(), tracks.end()), tracks.end());
            return tracks;
        }
        case UserPreference::Kind::Artist:
            return m_byArtist[p.artist];
        }
        return {};
    }

    const data::Catalog& m_catalog;
    std::array<std::vector<double>, kAttributeCount> m_values; // by track, for range attributes
    std::array<std::vector<std::uint32_t>, kAttributeCount> m_sorted;
    std::vector<std::vector<std::uint32_t>> m_byGenre;
    std::vector<std::vector<std::uint32_t>> m_byArtist;
};

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
                                const std::vector<std::uint32_t>& candidates, const data::Catalog& catalog,
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
        for (std::uint32_t t : candidates)
            tracks.emplace_back(t, InteractionSource::Preference);
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

std::vector<std::uint32_t> redrawUntilMatched(User& user, const Archetype& archetype,
                                              const data::Catalog& catalog, const CatalogFacts& facts,
                                              const CandidateIndex& index, std::uint64_t seed)
{
    const bool drawsSomething = std::any_of(archetype.preferences.begin(), archetype.preferences.end(),
                                            [](const Preference& p) { return isDrawnKind(p.kind); });
    if (!drawsSomething)
        return {};
    for (std::uint64_t attempt = 1; attempt <= kRedraws; ++attempt) {
        // Stream 0 made the first draw and stream 1 is the user's listening: redraws use 2, 3, ...
        CounterRng rng(seed, RandomPurpose::Simulation, user.id, 1 + attempt);
        std::vector<UserPreference> preferences = drawPreferences(archetype, catalog, facts, rng);
        std::vector<std::uint32_t> candidates = index.candidates(preferences);
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
            const std::vector<std::uint32_t> candidates = index.candidates(groupExample[g]->preferences);
            tbb::parallel_for(std::size_t(0), groupUsers[g].size(), [&](std::size_t i) {
                const std::uint32_t u = groupUsers[g][i];
                User& user = result.users[u];
                const Archetype& archetype = archetypes.archetypes[user.archetype];
                std::vector<std::uint32_t> redrawn;
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
