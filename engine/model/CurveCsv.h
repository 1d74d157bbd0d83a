#pragma once

#include "model/TrainingProgress.h"

#include <ostream>
#include <string>
#include <vector>

namespace gdbm::model {

// The learning curves as CSV, one row per epoch in training order:
//   phase, layer, epoch, mse_train, mse_validation, samples_per_second, elapsed_s
// phase is "pretraining" or "fine-tuning"; layer is 1-based (the top layer when fine-tuning,
// as EpochStats has it); epoch is 1-based within the phase (and layer); mse_validation is empty
// when there was no validation share. Numbers are the shortest text that reads back exactly.
// The mse_* columns hold EpochStats' errors: relative to the input's variance since model
// format 2 (the column names stay, for the scripts that read them). A multimodal model adds
// two columns per modality, <modality>_train and <modality>_validation: its layer 1's error on
// that modality's units against their own variance (empty on the other rows).
void writeCurvesCsv(const std::vector<EpochStats>& curves, std::ostream& out);

// Writes the file atomically; throws InputError naming the path when it cannot.
void saveCurvesCsv(const std::vector<EpochStats>& curves, const std::string& path);

} // namespace gdbm::model
