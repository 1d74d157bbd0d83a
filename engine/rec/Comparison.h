#pragma once

#include "core/Progress.h"
#include "model/Model.h"
#include "rec/Evaluation.h"

namespace gdbm::rec {

// The comparison of the recommendations issue: the DBM with each embedding (top layer, all
// layers, mean reconstruction), cosine on the standardized raw features (no DBM), popularity
// and random, evaluated on one holdout of the simulation. Method names: dbm-top, dbm-all,
// dbm-reconstruction, features, popularity, random.
EvaluationResult compareMethods(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                                const model::Model& model, std::size_t k, std::uint64_t seed,
                                const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr);

} // namespace gdbm::rec
