// GCC 12 warns inside its own AVX-512 header when Eigen's sine and cosine shift a vector
// (_mm512_undefined_epi32 initialises a variable from itself: GCC bug 105593, fixed in GCC 13).
// The warning's location is the header, so the pragma must come before it; this file holds
// nothing else.
#pragma GCC diagnostic ignored "-Wuninitialized"

#include "model/BoxMuller.h"

#include <Eigen/Core>
#include <numbers>

namespace gdbm::model {

void boxMuller(const float* u1, const float* u2, float* cosines, float* sines)
{
    using Lanes = Eigen::Array<float, Eigen::Index(kBoxMullerLanes), 1>;
    const Lanes radius = (-2.0f * Eigen::Map<const Lanes>(u1).log()).sqrt();
    const Lanes angle = float(2 * std::numbers::pi) * Eigen::Map<const Lanes>(u2);
    Eigen::Map<Lanes> cosineLanes(cosines), sineLanes(sines);
    cosineLanes = radius * angle.cos();
    sineLanes = radius * angle.sin();
}

} // namespace gdbm::model
