#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "data/GenreStats.h"
#include "sim/Archetype.h"
#include "sim/Preference.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

namespace gdbm::sim {

struct SimulationParams
{
    std::size_t users = 1000;
    std::uint64_t seed = 1;
    std::chrono::sys_days referenceDate{std::chrono::year{2024} / 1 / 1};
    data::GenreThresholds thresholds; // what "common" and "niche" genre mean for the draws
    double discoveryShare = 0.10;     // users who also get discoveryTracks random tracks
    std::size_t discoveryTracks = 5;
    std::size_t fallbackTracks = 50; // random tracks for a user whose preferences match nothing
};

struct User
{
    std::uint32_t id = 0;      // 1-based, stable for a given seed
    std::size_t archetype = 0; // index in the archetype set
    std::vector<UserPreference> preferences;
    bool fellBack = false;
    bool operator==(const User&) const = default;
};

enum class InteractionSource : std::uint8_t { Preference, Discovery, Fallback };

struct Interaction
{
    std::uint32_t user = 0;  // index into users
    std::uint32_t track = 0; // index into the catalog
    std::chrono::sys_days day;
    float rating = 3.0f;
    InteractionSource source = InteractionSource::Preference;
    bool operator==(const Interaction&) const = default;
};

// Ratings are multiples of 0.5 in 1..5: histogram bin i holds rating 1 + 0.5 i.
inline constexpr std::size_t kRatingBins = 9;

struct SimulationSummary
{
    std::vector<std::size_t> usersPerArchetype;
    std::vector<std::size_t> fellBackPerArchetype; // users whose preferences matched no track
    std::size_t fellBack = 0;
    std::size_t discoverers = 0;
    std::size_t interactions = 0;
    std::array<std::size_t, kRatingBins> ratingHistogram{};
};

// The simulated listeners. Interactions are grouped by user (users in id order) and sorted by
// day within a user.
struct SimulationResult
{
    std::vector<std::string> archetypeNames;
    std::vector<User> users;
    std::vector<Interaction> interactions;
    std::chrono::sys_days referenceDate;
    std::uint64_t seed = 0;
    SimulationSummary summary;
};

// How many users each archetype gets: share x users, apportioned by largest remainders so that
// the counts add up to round(sum of shares x users). When the shares do not sum to 1 that total
// differs from `users` (the default set sums to 1.05: 1,050 users for 1,000 asked); the caller
// reports that.
std::vector<std::size_t> usersPerArchetype(const ArchetypeSet& archetypes, std::size_t users);

// DATA.md section 4. Requires a non-empty catalog. Users draw their preferences from their own
// random stream, so the result does not depend on the thread count: same inputs and seed,
// same result. Throws gdbm::Cancelled when *cancel becomes true.
SimulationResult simulate(const data::Catalog& catalog, const ArchetypeSet& archetypes,
                          const SimulationParams& params, const ProgressCallback& progress = {},
                          const CancelFlag* cancel = nullptr);

// DATA.md's rating rule for one track and user: 3, +1 genre, +1 artist, +0.5 for each of
// popularity, instrumentalness and liveness at or above the middle of the user's range; 1..5.
float rateTrack(const User& user, const data::Catalog& catalog, std::size_t track);

SimulationSummary summarize(const SimulationResult& result, std::size_t archetypeCount);

} // namespace gdbm::sim
