#pragma once

#include "project/JsonReader.h"
#include "project/TrainingRun.h"

// A training run's record as JSON (the project's runs table, gdbm-cli runs --json): everything
// but its model, whose bytes are stored beside it. A finished run's curves are its model's, so
// only a cancelled run's curves are written out.
namespace gdbm::project {

json toJson(const model::EpochStats& epoch);
model::EpochStats epochFromJson(const json& in, const JsonReader& reader);

// withCurves: write the curves even when the run has a model (an export read without it).
json toJson(const TrainingRun& run, bool withCurves = false);
// The run without its model; its curves are empty unless the JSON holds them.
TrainingRun runFromJson(const json& in, const JsonReader& reader);

} // namespace gdbm::project
