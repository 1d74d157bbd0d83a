#pragma once

#include "model/Model.h"

#include <string>

namespace gdbm::model {

// The model file: one versioned binary file with a checksum.
//   "GDBMMODL" | u32 format version | u64 payload size | payload | u64 FNV-1a checksum of payload
// The payload holds the feature list, the standardizer, the layer sizes, every parameter, the
// training settings, the curves and the final errors, little-endian. Version 2 appends the
// training recipe (momentum, per-layer rates, variance warm-up, early stopping), each curve
// point's best epoch and the epoch kept; a version 1 file reads with the recipe it was trained
// with (plain SGD, one rate, no warm-up, no early stopping, the last epoch kept). Version 3
// describes the visible units after the standardizer (no modality: the audio-only model; else
// each modality's kind and unit names) and, for a hybrid, appends the weight blocks, the hybrid
// shape, the recipe's layers and the training listening by track identity. Version 4 adds the
// hybrid's listening rank and its low-rank listening coding (listeners, factors, offset; none
// for the per-listener coding), before the heard tracks. Version 5 adds whether the hybrid's
// joint layer was pretrained as a conditional RBM (an older hybrid's was not). Version 6 adds
// whether pretraining reconstructed its audio, tag and low-rank listening units by their means
// (an older one's were sampled). Version 7 adds the tag pathway's learning-rate factor (an older
// one's was 1). Version 8 adds the limit on each layer's pretraining updates (an older one had
// none). Version 9 adds the hybrid's mean-field iterations for embedding (an older one used the
// recipe's).
inline constexpr std::uint32_t kModelFormatVersion = 9;

// Writes atomically: a reader sees the old file or the new one.
void saveModel(const Model& model, const std::string& path);

// Throws InputError naming the file for anything but a valid model file of this or an older
// version: not a model file, truncated, corrupted (checksum), newer version, absurd sizes.
Model loadModel(const std::string& path);

// The same on bytes in memory (for tests and the project file).
std::string serializeModel(const Model& model);
Model deserializeModel(const std::string& bytes, const std::string& name);

// The version written in a model file's header (for model-info), or throws as loadModel.
std::uint32_t modelFileVersion(const std::string& path);

} // namespace gdbm::model
