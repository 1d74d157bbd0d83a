#pragma once

#include "data/Catalog.h"
#include "sim/Simulator.h"

#include <string>

namespace gdbm::sim {

struct ImportedSimulation
{
    SimulationResult result;       // seed 0; referenceDate the latest day seen
    std::size_t unknownTracks = 0; // interactions whose track is not in the catalog (skipped)
};

// Reads interaction_data.csv and user_profiles.csv as SimulationExport writes them, against
// the catalog they were made from. Archetype indices follow the order in which archetype
// names first appear in the profiles. Interactions naming tracks the catalog lacks are skipped
// and counted; a malformed value, an unknown user or a missing column is an InputError with
// file, line, column and field.
ImportedSimulation importSimulation(const std::string& interactionsPath, const std::string& profilesPath,
                                    const data::Catalog& catalog);

} // namespace gdbm::sim
