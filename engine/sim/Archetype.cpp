#include "sim/Archetype.h"

#include "core/Text.h"

#include <array>
#include <cmath>
#include <set>

namespace gdbm::sim {
namespace {

constexpr std::array<std::string_view, 8> kKindKeys = {
    "range",        "range_drawn",  "genres", "any_common_genre", "common_genre_drawn", "niche_genre_drawn",
    "artist_drawn", "decade_drawn",
};

} // namespace

std::optional<data::Feature> featureOf(Attribute a)
{
    if (a == Attribute::ReleaseYear)
        return std::nullopt;
    return static_cast<data::Feature>(static_cast<std::size_t>(a));
}

std::string_view attributeKey(Attribute a)
{
    if (const auto f = featureOf(a))
        return data::featureKey(*f);
    return "year";
}

std::optional<Attribute> attributeFromKey(std::string_view key)
{
    const std::string folded = text::foldName(key);
    if (folded == "year" || folded == "releaseyear")
        return Attribute::ReleaseYear;
    if (const auto f = data::featureFromName(key))
        return attributeOf(*f);
    return std::nullopt;
}

bool isDrawnKind(PreferenceKind kind)
{
    return kind == PreferenceKind::RangeDrawn || kind == PreferenceKind::CommonGenreDrawn ||
           kind == PreferenceKind::NicheGenreDrawn || kind == PreferenceKind::ArtistDrawn ||
           kind == PreferenceKind::DecadeDrawn;
}

std::string_view preferenceKindKey(PreferenceKind kind)
{
    return kKindKeys[static_cast<std::size_t>(kind)];
}

std::optional<PreferenceKind> preferenceKindFromKey(std::string_view key)
{
    for (std::size_t i = 0; i < kKindKeys.size(); ++i) {
        if (kKindKeys[i] == key)
            return static_cast<PreferenceKind>(i);
    }
    return std::nullopt;
}

double ArchetypeSet::shareTotal() const
{
    double total = 0.0;
    for (const Archetype& a : archetypes)
        total += a.share;
    return total;
}

void ArchetypeSet::normalizeShares()
{
    const double total = shareTotal();
    if (total <= 0.0)
        return;
    for (Archetype& a : archetypes)
        a.share /= total;
}

std::vector<ArchetypeProblem> ArchetypeSet::problems() const
{
    std::vector<ArchetypeProblem> found;
    if (archetypes.empty()) {
        found.push_back({0, "archetypes", "the set has no archetypes"});
        return found;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < archetypes.size(); ++i) {
        const Archetype& a = archetypes[i];
        if (text::trim(a.name).empty())
            found.push_back({i, "name", "the name is empty"});
        else if (!names.insert(a.name).second)
            found.push_back({i, "name", "another archetype has the same name"});
        if (!(a.share >= 0.0 && a.share <= 1.0))
            found.push_back({i, "share", "the share must be a number from 0 to 1"});
        if (a.tracksPerUser < 1 || a.tracksPerUser > kMaxTracksPerUser)
            found.push_back({i, "tracks_per_user", "must be from 1 to " + std::to_string(kMaxTracksPerUser)});
        for (std::size_t p = 0; p < a.preferences.size(); ++p) {
            const Preference& pref = a.preferences[p];
            const std::string field = "preferences[" + std::to_string(p) + "]";
            const bool ranged = pref.kind == PreferenceKind::Range || pref.kind == PreferenceKind::RangeDrawn;
            if (ranged && static_cast<std::size_t>(pref.attribute) >= kAttributeCount)
                found.push_back({i, field + ".attribute", "unknown attribute"});
            if (ranged && pref.min > pref.max)
                found.push_back({i, field + ".min",
                                 "min " + text::formatDouble(pref.min) + " is above max " +
                                     text::formatDouble(pref.max)});
            if (pref.kind == PreferenceKind::RangeDrawn &&
                (!std::isfinite(pref.min) || !std::isfinite(pref.max)))
                found.push_back({i, field, "a drawn range needs both bounds"});
            if (pref.kind == PreferenceKind::Genres && pref.genres.empty())
                found.push_back({i, field + ".genres", "the genre list is empty"});
            if (pref.kind == PreferenceKind::ArtistDrawn && pref.among < 1)
                found.push_back({i, field + ".among", "must be at least 1"});
            if (pref.kind == PreferenceKind::DecadeDrawn &&
                (pref.firstDecade % 10 != 0 || pref.lastDecade % 10 != 0 ||
                 pref.firstDecade > pref.lastDecade))
                found.push_back({i, field + ".from", "decades must be years ending in 0, from <= to"});
        }
    }
    const double total = shareTotal();
    if (std::isfinite(total) && std::abs(total - 1.0) > kShareTolerance)
        found.push_back(
            {archetypes.size(), "shares",
             total > 0 ? "the shares sum to " + text::formatDouble(std::round(total * 1e6) / 1e6) + ", not 1"
                       : std::string("the shares sum to 0: no users would be simulated")});
    return found;
}

std::vector<ArchetypeProblem> ArchetypeSet::blockingProblems() const
{
    // A total of 0 is no users at all, not another user count.
    const bool someShare = shareTotal() > 0;
    std::vector<ArchetypeProblem> blocking;
    for (ArchetypeProblem& p : problems()) {
        if (!(someShare && p.archetype == archetypes.size() && p.field == "shares"))
            blocking.push_back(std::move(p));
    }
    return blocking;
}

std::string describeProblem(const ArchetypeSet& set, const ArchetypeProblem& problem)
{
    std::string where = "archetype set";
    if (problem.archetype < set.archetypes.size()) {
        // One without a name is found by its place in the list.
        const std::string& name = set.archetypes[problem.archetype].name;
        where = text::trim(name).empty() ? "archetype " + std::to_string(problem.archetype + 1) + " (no name)"
                                         : "archetype '" + name + "'";
    }
    return where + ": " + problem.field + ": " + problem.message;
}

std::string describeBlockingProblems(const ArchetypeSet& set, std::size_t shown)
{
    const std::vector<ArchetypeProblem> problems = set.blockingProblems();
    std::vector<std::string> lines;
    for (std::size_t i = 0; i < problems.size() && i < shown; ++i)
        lines.push_back(describeProblem(set, problems[i]));
    if (problems.size() > shown)
        lines.push_back("and " + std::to_string(problems.size() - shown) + " more");
    return text::join(lines, "\n");
}

} // namespace gdbm::sim
