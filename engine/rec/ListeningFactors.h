#pragma once

#include "model/Multimodal.h"
#include "rec/TrainingInteractions.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gdbm::rec {

// The low-rank coding of the listening modality (HYBRID.md section 1): the top `rank` right
// singular vectors of the binary track x listener matrix of `training`, found by a randomized
// range finder with subspace iteration (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1),
// in double, seeded, on one thread (so deterministic whatever the thread count). The rank is
// lowered to what the data supports (at most the listener and heard-track counts, singular values
// above 1e-6 of the largest). The units are centred on the heard songs and scaled, all by one
// factor, to a mean variance of 1: what a Gaussian pathway with unit variances expects.
// Cost: O(interactions x rank) per iteration, so it scales to any listener count. Empty (no
// listener, no factor) for rank 0 or without interactions.
model::ListeningFactors fitListeningFactors(const TrainingInteractions& training, std::size_t rank,
                                            std::vector<std::string> listenerNames, std::uint64_t seed);

// The listening units of a song heard by `listeners` (rows of factors): their rows' sum minus
// the offset. A song nobody heard gets -offset (only in training; embedding infers it instead).
RowVector encodeListening(const model::ListeningFactors& factors,
                          const std::vector<std::uint32_t>& listeners);

} // namespace gdbm::rec
