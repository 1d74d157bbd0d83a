#pragma once

#include "data/Catalog.h"
#include "project/SqliteDb.h"
#include "sim/Simulator.h"

#include <memory>

namespace gdbm::project {

// A simulation as the tables simulation (one row of JSON: seed, reference date, archetype
// names, summary), users, preferences and interactions (one row each, in order).
void writeSimulation(SqliteDb& db, const sim::SimulationResult& simulation);

// Null when the simulation table is empty. Checks every index: users' archetypes against the
// archetype names, interactions' users against the users, and, when the project holds its
// catalog (else null), tracks, genres and artists against it.
std::shared_ptr<const sim::SimulationResult> readSimulation(SqliteDb& db, const data::Catalog* catalog);

} // namespace gdbm::project
