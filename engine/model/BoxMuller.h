#pragma once

#include <cstddef>

namespace gdbm::model {

// Lanes of Box-Muller at once, through Eigen's vectorised log, sine and cosine: from uniforms
// u1, u2 in (0, 1), the standard normals r cos(a) and r sin(a), with r = sqrt(-2 log u1) and
// a = 2 pi u2.
inline constexpr std::size_t kBoxMullerLanes = 16;
void boxMuller(const float* u1, const float* u2, float* cosines, float* sines);

} // namespace gdbm::model
