#pragma once

#include "core/Isa.h"
#include "rec/ScoringSpace.h"

#include <cstddef>
#include <vector>

namespace gdbm::rec {

// The batch recommender's inner loop: many users' scores against every song, without writing
// them anywhere. Scores are computed in single precision on song directions laid out for SIMD,
// and only songs whose screening score reaches a user's threshold (their current 10th best,
// lowered by a bound on the single-precision error) are scored again exactly, in double, by
// songScore(). The lists are therefore exactly the one-user path's, whatever the instruction
// set.

inline constexpr std::size_t kPanelSongs = 16;

// The directions in float, 16 songs to a panel and dimension by dimension within one
// (panels x dims x 16 values); the last panel is padded with zero songs.
struct ScreenPanels
{
    std::size_t songs = 0;
    int dims = 0;
    std::vector<float> values;

    std::size_t panels() const { return (songs + kPanelSongs - 1) / kPanelSongs; }
};

ScreenPanels makeScreenPanels(const MatrixD& directions);

// Scores panels [begin, end) for a block of users and stops at the first panel where some
// user's score reaches that user's threshold: returns that panel, with every user's 16 scores
// of it in `scores` (users x 16), or `end` when no panel does.
// `queries`: users x dims floats, row-major; `thresholds`: one per user (+infinity for a user
// slot not in use).
using ScreenFunction = std::size_t (*)(const float* queries, int dims, const float* panels, std::size_t begin,
                                       std::size_t end, const float* thresholds, float* scores);

struct ScreenKernel
{
    ScreenFunction screen = nullptr;
    std::size_t users = 0; // users per block: as many as the instruction set has registers for
};

ScreenKernel screenKernel(Isa isa = activeIsa());

// A bound on |screening score - exact score| for a query of this norm: the rounding of the
// query, the directions and the threshold to float, and of a dims-term float dot product.
double screeningMargin(int dims, double queryNorm);

} // namespace gdbm::rec
