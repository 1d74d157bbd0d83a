#pragma once

#include "core/Progress.h"
#include "rec/Rankers.h"
#include "rec/TrainingInteractions.h"

#include <memory>

namespace gdbm::rec {

// The collaborative baselines as rankers: their settings tuned on a validation split of
// `training` (BaselineTuning.h), then trained on all of `training`. Neither can rank a track
// nobody heard in training.
std::unique_ptr<Ranker> makeItemKnnRanker(const TrainingInteractions& training, std::uint64_t seed);
std::unique_ptr<Ranker> makeImplicitMfRanker(const TrainingInteractions& training, std::uint64_t seed,
                                             const CancelFlag* cancel = nullptr);

// A Holdout's training interactions in the baselines' form.
TrainingInteractions trainingInteractions(const std::vector<std::vector<std::uint32_t>>& tracksOfUser,
                                          std::size_t catalogSize);

} // namespace gdbm::rec
