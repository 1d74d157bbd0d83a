#pragma once

#include "core/Random.h"
#include "data/Catalog.h"
#include "data/GenreStats.h"
#include "sim/Archetype.h"

#include <array>
#include <string>
#include <vector>

namespace gdbm::sim {

// What the simulation needs to know about a catalog to draw users: genre statistics, artists
// by track count, and each attribute's range (for open bounds and "middle of the range").
struct CatalogFacts
{
    data::GenreStats genres;
    std::vector<data::ArtistId> artistsByTracks; // most tracks first; ties by first appearance
    std::array<double, kAttributeCount> minimum{};
    std::array<double, kAttributeCount> maximum{};
    std::array<bool, kAttributeCount> available{}; // a column of the catalog (a year for ReleaseYear)
    bool hasGenres = false;                        // some track has a genre
};

CatalogFacts computeCatalogFacts(const data::Catalog& catalog, const data::GenreThresholds& thresholds);

double attributeValue(const data::Catalog& catalog, std::size_t track, Attribute attribute);

// A preference made concrete for one user: every draw done, every open bound resolved.
struct UserPreference
{
    enum class Kind { Range, Genres, Artist };
    Kind kind = Kind::Range;
    Attribute attribute = Attribute::ReleaseYear;
    double min = 0.0;
    double max = 0.0;
    std::vector<data::GenreId> genres; // sorted
    data::ArtistId artist = 0;

    // Equal when they select the same tracks: members the kind does not use are ignored.
    bool operator==(const UserPreference& other) const;
};

bool passes(const UserPreference& preference, const data::Catalog& catalog, std::size_t track);
bool passesAll(const std::vector<UserPreference>& preferences, const data::Catalog& catalog,
               std::size_t track);

// Whether the catalog can answer a preference: its attribute is a column of the catalog (the
// release year is known for some track), or for the genre kinds, some track has a genre. A
// catalog without instrumentalness cannot tell who likes instrumental music: such a preference
// is skipped for every user instead of leaving them no track (and turning them into random
// listeners).
bool isApplicable(const Preference& preference, const CatalogFacts& facts);
// The preferences of an archetype the catalog cannot answer, by what they ask about
// ("instrumentalness", "genre", "year"), without repeats.
std::vector<std::string> inapplicablePreferences(const Archetype& archetype, const CatalogFacts& facts);

// Draws what an archetype leaves to chance, for the preferences the catalog can answer. A drawn genre or
// artist that the catalog does not have (no common genres, say) becomes an empty genre set, which no track
// passes.
std::vector<UserPreference> drawPreferences(const Archetype& archetype, const data::Catalog& catalog,
                                            const CatalogFacts& facts, CounterRng& rng);

// Readable form, as user_profiles.csv holds it: "popularity 50..89", "genre: pop | dance pop",
// "artist: Drake", "year 1980..1989". parsePreference reads it back (InputError on bad text).
// A name holding ';', '|' or '\' has them escaped with a backslash ("artist: AC\|DC"), so that
// the separators below stay unambiguous and every name reads back.
std::string describePreference(const UserPreference& preference, const data::Catalog& catalog);
UserPreference parsePreference(std::string_view text, const data::Catalog& catalog);

// All of a user's preferences in one field, separated by kPreferenceSeparator, and back.
inline constexpr std::string_view kPreferenceSeparator = "; ";
std::string describePreferences(const std::vector<UserPreference>& preferences, const data::Catalog& catalog);
std::vector<UserPreference> parsePreferences(std::string_view text, const data::Catalog& catalog);

} // namespace gdbm::sim
