#pragma once

#include "data/Catalog.h"

#include <cstddef>
#include <vector>

namespace gdbm::data {

// Where common genres start and niche genres end (DATA.md section 2.4): a genre is common when
// more than `commonAbove` tracks carry it, niche when at most `nicheAtMost` do.
struct GenreThresholds
{
    std::size_t commonAbove = 23;
    std::size_t nicheAtMost = 5;

    // The reference values hold for a catalog of ~10,000 tracks. A smaller catalog scales them
    // down in proportion (never below 1, and common stays above niche); a larger one keeps them.
    static GenreThresholds scaledFor(std::size_t catalogSize);
    bool operator==(const GenreThresholds&) const = default;
};

struct GenreCount
{
    GenreId genre = 0;
    std::size_t tracks = 0;
};

// Tracks per genre and the common and niche sets for a pair of thresholds.
// Ensures: byCount is sorted by count (descending), then by name; common and niche are sorted
// by genre id, and disjoint.
struct GenreStats
{
    std::vector<std::size_t> countByGenre; // indexed by GenreId
    std::vector<GenreCount> byCount;
    std::vector<GenreId> common;
    std::vector<GenreId> niche;
    GenreThresholds thresholds;

    bool isCommon(GenreId g) const;
    bool isNiche(GenreId g) const;
};

GenreStats computeGenreStats(const Catalog& catalog, const GenreThresholds& thresholds);

// Recomputes only the common and niche sets (cheap: for live threshold edits in the UI).
void applyThresholds(GenreStats& stats, const GenreThresholds& thresholds);

} // namespace gdbm::data
