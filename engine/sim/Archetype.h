#pragma once

#include "data/Feature.h"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::sim {

// What a numeric preference constrains: one of the audio features, or the release year.
enum class Attribute : std::size_t {
    // 0 .. kFeatureCount-1 are the features, in data::Feature order.
    ReleaseYear = data::kFeatureCount,
};
inline constexpr std::size_t kAttributeCount = data::kFeatureCount + 1;

inline constexpr Attribute attributeOf(data::Feature f)
{
    return static_cast<Attribute>(data::index(f));
}
std::optional<data::Feature> featureOf(Attribute a);
// "popularity", "energy", ..., "year".
std::string_view attributeKey(Attribute a);
std::optional<Attribute> attributeFromKey(std::string_view key);

enum class PreferenceKind {
    Range,            // attribute within [min, max]
    RangeDrawn,       // per user, a range of two sorted uniform draws in [min, max] (moods)
    Genres,           // any of a fixed set of genres
    AnyCommonGenre,   // any of the catalog's common genres
    CommonGenreDrawn, // per user, one common genre
    NicheGenreDrawn,  // per user, one niche genre
    ArtistDrawn,      // per user, one artist among the `among` most frequent
    DecadeDrawn,      // per user, the release years of one decade in [firstDecade, lastDecade]
};

// True for the kinds drawn per user (RangeDrawn and the *Drawn kinds).
bool isDrawnKind(PreferenceKind kind);

std::string_view preferenceKindKey(PreferenceKind kind); // "range", "genres", ... (JSON)
std::optional<PreferenceKind> preferenceKindFromKey(std::string_view key);

inline constexpr double kOpen = std::numeric_limits<double>::infinity();

// One preference of an archetype, as the user edits it. Only the members its kind uses matter.
// An open bound (-kOpen or kOpen) means the catalog's own minimum or maximum.
struct Preference
{
    PreferenceKind kind = PreferenceKind::Range;
    Attribute attribute = attributeOf(data::Feature::Popularity);
    double min = -kOpen;
    double max = kOpen;
    std::vector<std::string> genres;
    int among = 50;
    int firstDecade = 1960;
    int lastDecade = 2010;

    bool operator==(const Preference&) const = default;
};

// A kind of listener: its share of the users, how many tracks each listens to, and what the
// tracks it listens to have in common.
struct Archetype
{
    std::string name;
    double share = 0.0;
    int tracksPerUser = 50;
    std::vector<Preference> preferences;

    bool operator==(const Archetype&) const = default;
};

inline constexpr int kMaxTracksPerUser = 100000;
inline constexpr double kShareTolerance = 1e-6; // how far from 1 the share total may be

struct ArchetypeProblem
{
    std::size_t archetype = 0; // index in the set; archetypes.size() for the set as a whole
    std::string field;         // "share", "preferences[1].min", ...
    std::string message;
};

// An ordered set of archetypes whose shares sum to 1.
struct ArchetypeSet
{
    std::vector<Archetype> archetypes;

    // Everything wrong with the set: unknown attribute, min > max, a share outside 0..1,
    // shares not summing to 1 (within 1e-6), tracks per user outside 1..kMaxTracksPerUser, an
    // empty or repeated name.
    std::vector<ArchetypeProblem> problems() const;
    // The problems that make the set unusable: all but a positive share total other than 1
    // (users per archetype follow share x users, so it changes the user count; it is reported).
    std::vector<ArchetypeProblem> blockingProblems() const;
    double shareTotal() const;
    // Scales the shares so that they sum to 1 (requires a positive total).
    void normalizeShares();

    bool operator==(const ArchetypeSet&) const = default;
};

// The 12 archetypes of DATA.md section 3.
ArchetypeSet defaultArchetypes();

// "Mood-Based Listener: share: shares sum to 0.95, not 1" (for messages).
std::string describeProblem(const ArchetypeSet& set, const ArchetypeProblem& problem);
// The set's blocking problems, one per line: the first `shown`, then "and N more"; empty when
// the set has none (what the app says before it exports or simulates the set).
std::string describeBlockingProblems(const ArchetypeSet& set, std::size_t shown = 5);

} // namespace gdbm::sim
