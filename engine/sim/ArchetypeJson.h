#pragma once

#include "sim/Archetype.h"

#include <string>

namespace gdbm::sim {

// Archetype sets as versioned JSON:
// {"format": "gdbm-archetypes", "version": 1, "archetypes": [{"name": ..., "share": 0.15,
//   "tracks_per_user": 80, "preferences": [{"type": "range", "attribute": "popularity",
//   "min": 50}, {"type": "genres", "genres": ["classical", "opera"]}, ...]}]}
// An omitted min or max is open (the catalog's own bound).
inline constexpr int kArchetypeFormatVersion = 1;

std::string archetypesToJson(const ArchetypeSet& set);

// Throws InputError naming the file, the line and column of a syntax error, or the archetype
// and field of a bad value (unknown attribute or type, min > max, negative share, ...) and
// files of a newer format version. Shares that do not sum to 1 are accepted (see
// usersPerArchetype); ArchetypeSet::problems() reports them.
ArchetypeSet archetypesFromJson(const std::string& json, const std::string& fileName);

ArchetypeSet readArchetypeFile(const std::string& path);
void writeArchetypeFile(const ArchetypeSet& set, const std::string& path); // atomic

} // namespace gdbm::sim
