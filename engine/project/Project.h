#pragma once

#include "data/Catalog.h"
#include "data/GenreStats.h"
#include "model/Model.h"
#include "model/TrainingParams.h"
#include "project/TrainingRun.h"
#include "rec/Evaluation.h"
#include "sim/Archetype.h"
#include "sim/Simulator.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gdbm::project {

// Everything a session of the app works on, so that reopening it shows everything as it was.
struct Project
{
    // Where the catalog came from: the dataset files (absolute paths, read again on open), or
    // none for the demo catalog, which the project then holds itself in `catalog`.
    std::vector<std::string> datasetFiles;
    // Required when datasetFiles is empty. With dataset files it is not saved: loadProject
    // leaves it null and the caller reads the files again.
    std::shared_ptr<const data::Catalog> catalog;
    // The identity of the catalog the simulation and the model were made on (see
    // catalogFingerprint), to tell on open whether the dataset files changed since.
    std::uint64_t catalogFingerprint = 0;
    data::GenreThresholds thresholds;

    sim::ArchetypeSet archetypes;
    sim::SimulationParams simulationSettings;                // users asked, seed, reference date
    std::shared_ptr<const sim::SimulationResult> simulation; // null: never simulated
    bool simulationOutOfDate = false;

    model::TrainingParams trainingParams;
    // The model the Training page trains (projects saved before the hybrid: the audio-only one).
    model::HybridParams hybridParams = {};
    std::shared_ptr<const model::Model> model; // null: never trained
    // What the model no longer fits when the project was saved (it stays out of date on open).
    enum class ModelStaleness { Current, OtherCatalog, OtherSimulation };
    ModelStaleness modelStaleness = ModelStaleness::Current;
    std::shared_ptr<const rec::EvaluationSet> evaluation; // null: never evaluated
    // The model or the simulation changed since the evaluation ran.
    bool evaluationOutOfDate = false;

    // Every training run kept, in the order they started (projects of format 2 and older: none).
    std::vector<TrainingRun> runs;
    // The number of the run whose model is `model` (0: the model came from a file, or none).
    int currentRun = 0;
};

// A hash of the catalog's track identities in order: equal fingerprints, same tracks at the
// same indices (which is what the simulation's interactions refer to).
std::uint64_t catalogFingerprint(const data::Catalog& catalog);

// A hash of a simulation's listening (who heard which track) and seed: what a hybrid model
// learns from it. Never 0 in practice, which runs use for "no simulation".
std::uint64_t simulationFingerprint(const sim::SimulationResult& simulation);

} // namespace gdbm::project
