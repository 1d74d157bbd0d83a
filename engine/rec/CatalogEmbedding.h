#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "model/Model.h"
#include "rec/Embedder.h"

namespace gdbm::rec {

// Every catalog track's embedding by the model, the one call the CLI, the app and the benchmarks
// embed a catalog with: the audio-only model embeds the standardized features; the hybrid its
// modalities, a track nobody heard in training having its listening inferred (embedHybrid).
// Throws InputError when the catalog lacks a feature the model needs, Cancelled when *cancel is
// set.
Matrix embedCatalog(const model::Model& model, const data::Catalog& catalog, EmbeddingKind kind,
                    const CancelFlag* cancel = nullptr);

} // namespace gdbm::rec
