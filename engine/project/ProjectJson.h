#pragma once

#include "data/Catalog.h"
#include "data/GenreStats.h"
#include "model/Multimodal.h"
#include "model/TrainingParams.h"
#include "project/JsonReader.h"
#include "rec/Evaluation.h"
#include "sim/Simulator.h"

// The parts of a project file kept as JSON text: settings, the evaluation, the catalog's load
// report and the simulation's header. Keys are snake_case; doubles go through realToJson.
namespace gdbm::project {

json toJson(const data::GenreThresholds& thresholds);
data::GenreThresholds thresholdsFromJson(const json& in, const JsonReader& reader);

json toJson(const sim::SimulationParams& params);
sim::SimulationParams simulationParamsFromJson(const json& in, const JsonReader& reader);

json toJson(const model::TrainingParams& params);
model::TrainingParams trainingParamsFromJson(const json& in, const JsonReader& reader);

// The model the Training page trains: its modalities ("audio" alone: the audio-only model) and
// the hybrid's shape. Unknown modalities and unusable shapes are errors naming the field.
// `recipe` is the training settings saved with them: a hybrid saved before it had embedding
// iterations of its own embedded with the recipe's.
json toJson(const model::HybridParams& params);
model::HybridParams hybridParamsFromJson(const json& in, const JsonReader& reader,
                                         const model::TrainingParams& recipe);

json toJson(const rec::EvaluationResult& evaluation);
rec::EvaluationResult evaluationFromJson(const json& in, const JsonReader& reader);
// {"protocols": [result, ..], "across_splits"?: SplitsJson.h}; a lone result (projects saved
// before the new-tracks protocol) reads as a set of one.
json toJson(const rec::EvaluationSet& evaluations);
rec::EvaluationSet evaluationSetFromJson(const json& in, const JsonReader& reader);

json toJson(const data::LoadReport& report);
data::LoadReport loadReportFromJson(const json& in, const JsonReader& reader);

// A simulation without its users and interactions: seed, reference date, archetype names and
// the summary. The rows live in tables.
json simulationHeaderToJson(const sim::SimulationResult& result);
void simulationHeaderFromJson(const json& in, const JsonReader& reader, sim::SimulationResult& result);

} // namespace gdbm::project
