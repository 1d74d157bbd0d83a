#pragma once

#include "core/Isa.h"
#include "core/Progress.h"
#include "core/Types.h"
#include "rec/Recommender.h"

#include <vector>

namespace gdbm::rec {

// Top-k lists for many users at once, exactly as recommend() ranks them (without explanations).
// Groups of users run in parallel (oneTBB); each group walks the catalog tile by tile (a tile's
// song panels stay in cache while every block of the group's users is scored against them), and
// a SIMD kernel for the processor's instruction set (ScreenKernel.h) screens the scores against
// each user's running 10th best in registers, so that neither users x songs scores nor per-song
// merging ever happen. Memory: the float panels (songs x dims floats) and the lists. Every
// user's list depends only on its own exact scores: identical for any thread count, instruction
// set, group or tile size.
struct BatchParams
{
    std::size_t top = 10;
    std::size_t groupUsers = 512; // users per parallel task
    std::size_t tileSongs = 0;    // songs per tile; 0 = as many as fill 256 KB of panels
    ScoringRule rule = kDefaultScoringRule;
    Isa isa = activeIsa(); // whose screening kernel runs (tests try each)
};

std::vector<std::vector<Recommendation>>
recommendAll(const ScoringSpace& space, const std::vector<UserHistory>& histories, const BatchParams& params,
             const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr);

} // namespace gdbm::rec
