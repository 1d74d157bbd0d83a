#pragma once

#include "core/Progress.h"
#include "core/Types.h"
#include "rec/Recommender.h"

#include <vector>

namespace gdbm::rec {

// Top-k lists for many users at once, as recommend() ranks them (without explanations): blocks
// of users against tiles of the catalog, one matrix product per block and tile, each user's
// running top-k merged tile by tile. Memory stays bounded by the block and tile sizes (about
// threads x blockUsers x tileTracks doubles), not by users x tracks; blocks run in parallel
// (oneTBB) and every user's list depends only on its own scores.
struct BatchParams
{
    std::size_t top = 10;
    std::size_t blockUsers = 256;
    std::size_t tileTracks = 16384;
    ScoringRule rule = kDefaultScoringRule;
};

std::vector<std::vector<Recommendation>>
recommendAll(const ScoringSpace& space, const std::vector<UserHistory>& histories, const BatchParams& params,
             const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr);

} // namespace gdbm::rec
