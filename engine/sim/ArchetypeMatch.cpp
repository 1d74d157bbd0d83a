#include "sim/ArchetypeMatch.h"

#include <algorithm>
#include <unordered_map>

namespace gdbm::sim {
namespace {

// Tracks of `base` per option of one discrete drawn preference; empty for a drawn range.
std::vector<std::size_t> optionCounts(const Preference& pref, const data::Catalog& catalog,
                                      const CatalogFacts& facts, const std::vector<std::uint32_t>& base)
{
    std::vector<std::size_t> counts;
    switch (pref.kind) {
    case PreferenceKind::CommonGenreDrawn:
    case PreferenceKind::NicheGenreDrawn: {
        const auto& pool =
            pref.kind == PreferenceKind::CommonGenreDrawn ? facts.genres.common : facts.genres.niche;
        std::unordered_map<data::GenreId, std::size_t> slot;
        for (std::size_t i = 0; i < pool.size(); ++i)
            slot[pool[i]] = i;
        counts.assign(pool.size(), 0);
        for (std::uint32_t t : base) {
            for (data::GenreId g : catalog.track(t).genres) {
                if (const auto it = slot.find(g); it != slot.end())
                    ++counts[it->second];
            }
        }
        break;
    }
    case PreferenceKind::ArtistDrawn: {
        const std::size_t n =
            std::min<std::size_t>(std::size_t(std::max(pref.among, 0)), facts.artistsByTracks.size());
        std::unordered_map<data::ArtistId, std::size_t> slot;
        for (std::size_t i = 0; i < n; ++i)
            slot[facts.artistsByTracks[i]] = i;
        counts.assign(n, 0);
        for (std::uint32_t t : base) {
            for (data::ArtistId a : catalog.track(t).artists) {
                if (const auto it = slot.find(a); it != slot.end())
                    ++counts[it->second];
            }
        }
        break;
    }
    case PreferenceKind::DecadeDrawn: {
        const int decades = std::max(0, (pref.lastDecade - pref.firstDecade) / 10 + 1);
        counts.assign(std::size_t(decades), 0);
        for (std::uint32_t t : base) {
            const int year = catalog.track(t).year;
            if (year >= pref.firstDecade && year < pref.lastDecade + 10)
                ++counts[std::size_t((year - pref.firstDecade) / 10)];
        }
        break;
    }
    default:
        break;
    }
    return counts;
}

} // namespace

MatchRange countMatches(const Archetype& archetype, const data::Catalog& catalog, const CatalogFacts& facts)
{
    // The fixed preferences, resolved as the simulator resolves them (no draw involved); those
    // the catalog cannot answer are skipped, as the simulator skips them.
    Archetype fixed = archetype;
    std::vector<Preference> drawn;
    fixed.preferences.clear();
    for (const Preference& p : archetype.preferences) {
        if (!isApplicable(p, facts))
            continue;
        if (isDrawnKind(p.kind))
            drawn.push_back(p);
        else
            fixed.preferences.push_back(p);
    }
    CounterRng unused(0, RandomPurpose::Simulation);
    const std::vector<UserPreference> resolved = drawPreferences(fixed, catalog, facts, unused);
    std::vector<std::uint32_t> base;
    for (std::size_t t = 0; t < catalog.size(); ++t) {
        if (passesAll(resolved, catalog, t))
            base.push_back(std::uint32_t(t));
    }

    MatchRange range;
    range.drawn = !drawn.empty();
    if (drawn.empty()) {
        range.min = range.max = base.size();
        return range;
    }
    range.exact = drawn.size() == 1;
    std::size_t smallestMax = base.size();
    for (const Preference& p : drawn) {
        std::size_t lo = 0, hi = 0;
        if (p.kind == PreferenceKind::RangeDrawn) {
            // A draw can be arbitrarily narrow (no track), or span the whole allowed range.
            Preference full = p;
            full.kind = PreferenceKind::Range;
            Archetype one{archetype.name, archetype.share, archetype.tracksPerUser, {full}};
            const std::vector<UserPreference> span = drawPreferences(one, catalog, facts, unused);
            for (std::uint32_t t : base)
                hi += passesAll(span, catalog, t) ? 1 : 0;
        } else {
            const std::vector<std::size_t> counts = optionCounts(p, catalog, facts, base);
            range.discreteDraws += counts.size();
            for (std::size_t c : counts)
                range.drawsWithoutTracks += c == 0 ? 1 : 0;
            lo = counts.empty() ? 0 : *std::min_element(counts.begin(), counts.end());
            hi = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
        }
        smallestMax = std::min(smallestMax, hi);
        range.min = drawn.size() == 1 ? lo : 0;
    }
    range.max = smallestMax;
    return range;
}

} // namespace gdbm::sim
