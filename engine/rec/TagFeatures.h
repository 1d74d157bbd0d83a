#pragma once

#include "core/Types.h"
#include "data/Catalog.h"
#include "model/Multimodal.h"

#include <string>
#include <vector>

namespace gdbm::rec {

// The tag indicators of HYBRID.md section 1: one binary column per genre with at least
// `minTagTracks` tracks in the catalog, then one per release decade present, then one per artist
// with at least `minTagTracks` tracks. The artists go beyond HYBRID.md's genres and decades: the
// listeners choose by artist too, and with them the hybrid ranks returning listeners above
// item-kNN on every dataset measured (docs/MODEL.md section 10). Counting tracks uses the
// catalog alone, never who listened (the leakage rule).
struct TagFeatures
{
    Matrix indicators;              // tracks x tags, 0 or 1
    std::vector<std::string> names; // "genre:dance pop", "decade:1980s", "artist:Queen"
};

// A tag's name, as the vocabulary and a model file write it.
std::string genreTag(const std::string& genre);
std::string decadeTag(int year); // the decade of `year`: 1987 -> "decade:1980s"
std::string artistTag(const std::string& artist);

// The names alone (without the tracks x tags matrix), as tagFeatures() would give them.
std::vector<std::string> tagNames(const data::Catalog& catalog,
                                  std::size_t minTagTracks = model::kDefaultMinTagTracks);

TagFeatures tagFeatures(const data::Catalog& catalog, std::size_t minTagTracks = model::kDefaultMinTagTracks);

// Audio features and tags side by side, for the "audio + tags" baseline: each block's units are
// weighted so that, once every unit is standardized (ScoringSpace.h), each block carries the same
// total variance whatever its number of columns.
struct WeightedColumns
{
    Matrix columns;
    std::vector<double> unitWeights;
};
WeightedColumns audioAndTags(const Matrix& standardizedFeatures, const TagFeatures& tags);

} // namespace gdbm::rec
