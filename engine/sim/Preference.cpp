#include "sim/Preference.h"

#include "core/Error.h"
#include "core/Text.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace gdbm::sim {
namespace {

constexpr std::string_view kGenrePrefix = "genre: ";
constexpr std::string_view kArtistPrefix = "artist: ";
constexpr std::string_view kGenreSeparator = " | ";
// A genre preference whose genres the catalog lacks (classical, say, in a pop dataset).
constexpr std::string_view kNoGenre = "(none in the catalog)";

// Names go between separators: a backslash escapes the characters that could end one.
std::string escapeName(std::string_view name)
{
    std::string out;
    for (const char c : name) {
        if (c == '\\' || c == ';' || c == '|')
            out += '\\';
        out += c;
    }
    return out;
}

std::string unescapeName(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size())
            ++i;
        out += text[i];
    }
    return out;
}

// Where the first `separator` starts that no backslash escapes, or npos.
std::size_t findUnescaped(std::string_view text, std::string_view separator)
{
    for (std::size_t i = 0; i + separator.size() <= text.size(); ++i) {
        if (text[i] == '\\') {
            ++i; // the next character is part of a name
            continue;
        }
        if (text.substr(i, separator.size()) == separator)
            return i;
    }
    return std::string_view::npos;
}

double resolveBound(double bound, double catalogValue)
{
    return std::isinf(bound) ? catalogValue : bound;
}

std::vector<data::GenreId> genreIds(const std::vector<std::string>& names, const data::Catalog& catalog)
{
    std::vector<data::GenreId> ids;
    for (const std::string& name : names) {
        if (const auto id = catalog.findGenre(name))
            ids.push_back(*id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

UserPreference genreChoice(const std::vector<data::GenreId>& pool, CounterRng& rng)
{
    UserPreference p;
    p.kind = UserPreference::Kind::Genres;
    if (!pool.empty())
        p.genres = {pool[rng.below(pool.size())]};
    return p;
}

} // namespace

bool UserPreference::operator==(const UserPreference& other) const
{
    if (kind != other.kind)
        return false;
    switch (kind) {
    case Kind::Range:
        return attribute == other.attribute && min == other.min && max == other.max;
    case Kind::Genres:
        return genres == other.genres;
    case Kind::Artist:
        return artist == other.artist;
    }
    return false;
}

double attributeValue(const data::Catalog& catalog, std::size_t track, Attribute attribute)
{
    if (const auto f = featureOf(attribute))
        return catalog.feature(track, *f);
    return double(catalog.track(track).year);
}

CatalogFacts computeCatalogFacts(const data::Catalog& catalog, const data::GenreThresholds& thresholds)
{
    CatalogFacts facts;
    facts.genres = data::computeGenreStats(catalog, thresholds);

    std::vector<std::size_t> tracksPerArtist(catalog.artistNames().size(), 0);
    for (const data::Track& t : catalog.tracks()) {
        for (data::ArtistId a : t.artists)
            ++tracksPerArtist[a];
    }
    facts.artistsByTracks.resize(tracksPerArtist.size());
    std::iota(facts.artistsByTracks.begin(), facts.artistsByTracks.end(), data::ArtistId(0));
    std::stable_sort(
        facts.artistsByTracks.begin(), facts.artistsByTracks.end(),
        [&](data::ArtistId a, data::ArtistId b) { return tracksPerArtist[a] > tracksPerArtist[b]; });

    for (data::Feature f : data::kAllFeatures)
        facts.available[data::index(f)] = catalog.availableFeatures().contains(f);
    for (const data::Track& t : catalog.tracks()) {
        facts.available[std::size_t(Attribute::ReleaseYear)] =
            facts.available[std::size_t(Attribute::ReleaseYear)] || t.year != 0;
        facts.hasGenres = facts.hasGenres || !t.genres.empty();
    }

    facts.minimum.fill(std::numeric_limits<double>::infinity());
    facts.maximum.fill(-std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        for (std::size_t a = 0; a < kAttributeCount; ++a) {
            const double v = attributeValue(catalog, i, static_cast<Attribute>(a));
            if (std::isnan(v))
                continue;
            facts.minimum[a] = std::min(facts.minimum[a], v);
            facts.maximum[a] = std::max(facts.maximum[a], v);
        }
    }
    return facts;
}

bool passes(const UserPreference& p, const data::Catalog& catalog, std::size_t track)
{
    switch (p.kind) {
    case UserPreference::Kind::Range: {
        const double v = attributeValue(catalog, track, p.attribute);
        return v >= p.min && v <= p.max; // NaN (a feature the catalog lacks) passes nothing
    }
    case UserPreference::Kind::Genres: {
        // Whole genre names after splitting (the seed's substring match let "pop" hit "k-pop").
        const auto& own = catalog.track(track).genres;
        for (data::GenreId g : own) {
            if (std::binary_search(p.genres.begin(), p.genres.end(), g))
                return true;
        }
        return false;
    }
    case UserPreference::Kind::Artist: {
        const auto& artists = catalog.track(track).artists;
        return std::find(artists.begin(), artists.end(), p.artist) != artists.end();
    }
    }
    return false;
}

bool passesAll(const std::vector<UserPreference>& preferences, const data::Catalog& catalog,
               std::size_t track)
{
    for (const UserPreference& p : preferences) {
        if (!passes(p, catalog, track))
            return false;
    }
    return true;
}

bool isApplicable(const Preference& preference, const CatalogFacts& facts)
{
    switch (preference.kind) {
    case PreferenceKind::Range:
    case PreferenceKind::RangeDrawn:
        return facts.available[static_cast<std::size_t>(preference.attribute)];
    case PreferenceKind::DecadeDrawn:
        return facts.available[static_cast<std::size_t>(Attribute::ReleaseYear)];
    case PreferenceKind::Genres:
    case PreferenceKind::AnyCommonGenre:
    case PreferenceKind::CommonGenreDrawn:
    case PreferenceKind::NicheGenreDrawn:
        return facts.hasGenres;
    case PreferenceKind::ArtistDrawn:
        return true;
    }
    return true;
}

std::vector<std::string> inapplicablePreferences(const Archetype& archetype, const CatalogFacts& facts)
{
    std::vector<std::string> names;
    for (const Preference& p : archetype.preferences) {
        if (isApplicable(p, facts))
            continue;
        std::string name;
        switch (p.kind) {
        case PreferenceKind::Range:
        case PreferenceKind::RangeDrawn:
            name = std::string(attributeKey(p.attribute));
            break;
        case PreferenceKind::DecadeDrawn:
            name = std::string(attributeKey(Attribute::ReleaseYear));
            break;
        default:
            name = "genre";
            break;
        }
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    }
    return names;
}

std::vector<UserPreference> drawPreferences(const Archetype& archetype, const data::Catalog& catalog,
                                            const CatalogFacts& facts, CounterRng& rng)
{
    std::vector<UserPreference> drawn;
    for (const Preference& pref : archetype.preferences) {
        if (!isApplicable(pref, facts))
            continue;
        const auto a = static_cast<std::size_t>(pref.attribute);
        switch (pref.kind) {
        case PreferenceKind::Range:
            drawn.push_back({UserPreference::Kind::Range,
                             pref.attribute,
                             resolveBound(pref.min, facts.minimum[a]),
                             resolveBound(pref.max, facts.maximum[a]),
                             {},
                             0});
            break;
        case PreferenceKind::RangeDrawn: {
            double lo = rng.uniform(pref.min, pref.max);
            double hi = rng.uniform(pref.min, pref.max);
            if (lo > hi)
                std::swap(lo, hi);
            drawn.push_back({UserPreference::Kind::Range, pref.attribute, lo, hi, {}, 0});
            break;
        }
        case PreferenceKind::Genres:
            drawn.push_back(
                {UserPreference::Kind::Genres, pref.attribute, 0, 0, genreIds(pref.genres, catalog), 0});
            break;
        case PreferenceKind::AnyCommonGenre:
            drawn.push_back({UserPreference::Kind::Genres, pref.attribute, 0, 0, facts.genres.common, 0});
            break;
        case PreferenceKind::CommonGenreDrawn:
            drawn.push_back(genreChoice(facts.genres.common, rng));
            break;
        case PreferenceKind::NicheGenreDrawn:
            drawn.push_back(genreChoice(facts.genres.niche, rng));
            break;
        case PreferenceKind::ArtistDrawn: {
            const std::size_t pool =
                std::min<std::size_t>(std::size_t(pref.among), facts.artistsByTracks.size());
            UserPreference p;
            if (pool == 0) {
                p.kind = UserPreference::Kind::Genres; // nothing to draw: an empty set passes nothing
            } else {
                p.kind = UserPreference::Kind::Artist;
                p.artist = facts.artistsByTracks[rng.below(pool)];
            }
            drawn.push_back(p);
            break;
        }
        case PreferenceKind::DecadeDrawn: {
            const int decades = (pref.lastDecade - pref.firstDecade) / 10 + 1;
            const int decade = pref.firstDecade + 10 * int(rng.below(std::uint64_t(decades)));
            drawn.push_back({UserPreference::Kind::Range,
                             Attribute::ReleaseYear,
                             double(decade),
                             double(decade + 9),
                             {},
                             0});
            break;
        }
        }
    }
    return drawn;
}

std::string describePreference(const UserPreference& p, const data::Catalog& catalog)
{
    switch (p.kind) {
    case UserPreference::Kind::Range:
        return std::string(attributeKey(p.attribute)) + " " + text::formatDouble(p.min) + ".." +
               text::formatDouble(p.max);
    case UserPreference::Kind::Genres: {
        std::vector<std::string> names;
        for (data::GenreId g : p.genres)
            names.push_back(escapeName(catalog.genreName(g)));
        return std::string(kGenrePrefix) +
               (names.empty() ? std::string(kNoGenre) : text::join(names, kGenreSeparator));
    }
    case UserPreference::Kind::Artist:
        return std::string(kArtistPrefix) + escapeName(catalog.artistName(p.artist));
    }
    return {};
}

UserPreference parsePreference(std::string_view textIn, const data::Catalog& catalog)
{
    const std::string_view t = text::trim(textIn);
    UserPreference p;
    if (t.substr(0, kGenrePrefix.size()) == kGenrePrefix) {
        p.kind = UserPreference::Kind::Genres;
        std::string_view rest = t.substr(kGenrePrefix.size());
        if (rest == kNoGenre)
            return p;
        while (!rest.empty()) {
            const std::size_t cut = findUnescaped(rest, kGenreSeparator);
            const std::string name = unescapeName(rest.substr(0, cut));
            const auto id = catalog.findGenre(name);
            if (!id)
                throw InputError({}, "unknown genre '" + name + "' in '" + std::string(t) + "'");
            p.genres.push_back(*id);
            rest = cut == std::string_view::npos ? std::string_view()
                                                 : rest.substr(cut + kGenreSeparator.size());
        }
        std::sort(p.genres.begin(), p.genres.end());
        return p;
    }
    if (t.substr(0, kArtistPrefix.size()) == kArtistPrefix) {
        const auto id = catalog.findArtist(unescapeName(t.substr(kArtistPrefix.size())));
        if (!id)
            throw InputError({}, "unknown artist in '" + std::string(t) + "'");
        p.kind = UserPreference::Kind::Artist;
        p.artist = *id;
        return p;
    }
    const std::size_t space = t.find(' ');
    const std::size_t dots = t.find("..");
    const auto attribute =
        space == std::string_view::npos ? std::nullopt : attributeFromKey(t.substr(0, space));
    if (!attribute || dots == std::string_view::npos || dots < space)
        throw InputError({}, "'" + std::string(t) + "' is not a preference (expected e.g. 'energy 0.5..1')");
    const auto lo = text::parseDouble(t.substr(space + 1, dots - space - 1));
    const auto hi = text::parseDouble(t.substr(dots + 2));
    if (!lo || !hi)
        throw InputError({}, "'" + std::string(t) + "' has a bound that is not a number");
    p.kind = UserPreference::Kind::Range;
    p.attribute = *attribute;
    p.min = *lo;
    p.max = *hi;
    return p;
}

std::string describePreferences(const std::vector<UserPreference>& preferences, const data::Catalog& catalog)
{
    std::vector<std::string> described;
    for (const UserPreference& p : preferences)
        described.push_back(describePreference(p, catalog));
    return text::join(described, kPreferenceSeparator);
}

std::vector<UserPreference> parsePreferences(std::string_view textIn, const data::Catalog& catalog)
{
    std::vector<UserPreference> preferences;
    std::string_view rest = textIn;
    while (!text::trim(rest).empty()) {
        const std::size_t cut = findUnescaped(rest, kPreferenceSeparator);
        preferences.push_back(parsePreference(rest.substr(0, cut), catalog));
        rest = cut == std::string_view::npos ? std::string_view()
                                             : rest.substr(cut + kPreferenceSeparator.size());
    }
    return preferences;
}

} // namespace gdbm::sim
