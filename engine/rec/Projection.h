#pragma once

#include "core/Types.h"

#include <array>

namespace gdbm::rec {

// A 2-D picture of embeddings: each row projected on the two leading principal components
// (the directions of largest variance), for the embedding map.
struct Projection2d
{
    Matrix points;                    // rows x 2: the centered rows' coordinates on the two axes
    Matrix axes;                      // columns x 2: unit principal directions (zero when undefined)
    Vector mean;                      // the mean row the points are centered on
    std::array<double, 2> variance{}; // the variance along each axis
    double totalVariance = 0.0;       // the sum of every column's variance (to say "x% of variance")
};

// Principal component analysis of the rows of `embeddings` (songs x dimensions): the mean is
// subtracted, the covariance (dimensions x dimensions, small) is decomposed with a symmetric
// eigensolver in double precision, and the rows are projected on its two leading eigenvectors.
// Ensures: deterministic signs (each axis has its largest-magnitude component positive, the
// first one on ties); fewer than 2 rows, fewer than 2 columns or constant data give zero
// coordinates for what cannot be resolved, never NaN.
Projection2d principalComponents2d(const Matrix& embeddings);

} // namespace gdbm::rec
