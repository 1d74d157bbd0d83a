#pragma once

#include "model/Multimodal.h"
#include "model/TrainingParams.h"

#include <QString>
#include <optional>
#include <vector>

namespace gdbm::ui {

// Hidden layer sizes as the user types them: whole numbers separated by commas, spaces or
// dashes ("64, 32, 16", "64-32-16"). nullopt when the text is empty or holds anything else;
// *problem then says what is wrong. Sizes are not range-checked here (validate() does that).
std::optional<std::vector<std::size_t>> parseLayers(const QString& text, QString* problem = nullptr);
QString formatLayers(const std::vector<std::size_t>& layers); // "64, 32, 16"

// The last training settings used, kept in QSettings ("training/...") as the defaults of a new
// session (the project holds its own). Keys missing or unusable fall back to the defaults.
model::TrainingParams loadLastTrainingParams();
void saveLastTrainingParams(const model::TrainingParams& params);

// The last model choice (modalities and the hybrid's shape), kept in QSettings ("training/...")
// as a new session's default: every modality unless the user chose otherwise.
model::HybridParams loadLastHybridParams();
void saveLastHybridParams(const model::HybridParams& params);

// Worker threads for training (0: all cores); a property of this machine, not of the project.
int loadTrainingThreads();
void saveTrainingThreads(int threads);

} // namespace gdbm::ui
