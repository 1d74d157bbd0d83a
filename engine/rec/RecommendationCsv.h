#pragma once

#include "data/Catalog.h"
#include "rec/Recommender.h"
#include "sim/Simulator.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace gdbm::rec {

// Whether a track passes every preference the user drew from their archetype: what the
// simulator would have let them listen to.
bool fitsArchetype(const sim::User& user, const data::Catalog& catalog, std::size_t track);

// "Track — Artist": how a track is named in explanations and tooltips.
std::string trackLabel(const data::Catalog& catalog, std::size_t track);

// One user's recommendations as CSV, one row per recommendation in rank order:
// user_id, rank (1-based), track, artist, genres (comma-separated), year (empty when unknown),
// similarity (6 decimals), fits_archetype (true/false), because_you_played ("; "-separated
// "Track — Artist" labels, largest contribution first).
// Requires: `user` indexes result.users; the catalog is the one the result refers to.
void writeRecommendationsCsv(const sim::SimulationResult& result, const data::Catalog& catalog,
                             std::uint32_t user, const std::vector<Recommendation>& recommendations,
                             std::ostream& out);

// Writes the same into a file atomically; throws InputError naming the path on failure.
void saveRecommendationsCsv(const sim::SimulationResult& result, const data::Catalog& catalog,
                            std::uint32_t user, const std::vector<Recommendation>& recommendations,
                            const std::string& path);

// Many users' lists (recommendAll's), one row per recommendation in rank order: user_id, rank,
// track_uri, track, artist, similarity (6 decimals). `userIds[i]` names lists[i]'s user.
void writeAllRecommendationsCsv(const data::Catalog& catalog, const std::vector<long long>& userIds,
                                const std::vector<std::vector<Recommendation>>& lists, std::ostream& out);

} // namespace gdbm::rec
