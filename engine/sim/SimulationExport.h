#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "sim/Simulator.h"

#include <ostream>
#include <string>

namespace gdbm::sim {

// DATA.md section 5.
// interaction_data.csv: user_id, track_id, track_name, artist_name, timestamp (ISO 8601 date),
//   archetype, rating, source (preference, discovery or fallback), then the track's trimmed
//   attributes: release_date, explicit, genres and the catalog's features by key.
// user_profiles.csv: user_id, archetype, fell_back, preferences (readable, "; "-separated).
void writeInteractions(const SimulationResult& result, const data::Catalog& catalog, std::ostream& out);
void writeProfiles(const SimulationResult& result, const data::Catalog& catalog, std::ostream& out);

// Writes both files into a folder (created if needed): both are written before either replaces
// an old one (writeFilesAtomically). A cancel before then throws gdbm::Cancelled, the old files
// kept.
void exportSimulation(const SimulationResult& result, const data::Catalog& catalog, const std::string& folder,
                      const CancelFlag* cancel = nullptr);

inline constexpr const char* kInteractionsFile = "interaction_data.csv";
inline constexpr const char* kProfilesFile = "user_profiles.csv";

std::string formatDay(std::chrono::sys_days day); // "2024-03-09"
std::string_view sourceKey(InteractionSource source);

} // namespace gdbm::sim
