#pragma once

#include "data/Catalog.h"
#include "sim/Archetype.h"
#include "sim/Preference.h"

#include <cstddef>

namespace gdbm::sim {

// How many catalog tracks an archetype's users can listen to. With preferences drawn per user
// (a genre, an artist, a decade, mood ranges) the count depends on the draw: min and max are
// the fewest and most tracks over the possible draws (exact with one drawn preference; with
// several, bounds: min is 0 when no exact figure is cheap, max the smallest single maximum).
struct MatchRange
{
    std::size_t min = 0;
    std::size_t max = 0;
    bool drawn = false;                 // the archetype has preferences drawn per user
    bool exact = true;                  // min and max are attained by some draw
    std::size_t drawsWithoutTracks = 0; // discrete draws that match nothing (users who fall back)
    std::size_t discreteDraws = 0;      // how many discrete draws there are
};

// Fast enough to run as a slider moves: one pass over the catalog, plus one over the tracks
// that pass the fixed preferences.
MatchRange countMatches(const Archetype& archetype, const data::Catalog& catalog, const CatalogFacts& facts);

} // namespace gdbm::sim
