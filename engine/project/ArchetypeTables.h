#pragma once

#include "project/SqliteDb.h"
#include "sim/Archetype.h"

namespace gdbm::project {

// An archetype set as the tables archetypes (one row per archetype, in order) and
// archetype_preferences. Unlike the archetype JSON file, these hold every member of every
// preference and accept a set the user is still editing (empty, unnamed, min > max), so that
// the set reopens exactly as it was; kinds and attributes are stored by their JSON keys.
void writeArchetypes(SqliteDb& db, const sim::ArchetypeSet& set);
sim::ArchetypeSet readArchetypes(SqliteDb& db);

} // namespace gdbm::project
