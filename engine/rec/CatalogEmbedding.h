#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "model/Model.h"
#include "rec/Embedder.h"
#include "rec/ScoringSpace.h"

#include <vector>

namespace gdbm::rec {

// Every catalog track's embedding by the model, the one call the CLI, the app and the benchmarks
// embed a catalog with: the audio-only model embeds the standardized features; the hybrid its
// modalities, a track nobody heard in training having its listening inferred (embedHybrid).
// Throws InputError when the catalog lacks a feature the model needs, Cancelled when *cancel is
// set.
Matrix embedCatalog(const model::Model& model, const data::Catalog& catalog, EmbeddingKind kind,
                    const CancelFlag* cancel = nullptr);

// What a hybrid's listening pathway units and joint layer weigh in its every-layer embedding's
// cosine, against 1 for the audio and tag pathways' units. With the units standardized alike, the
// 256 listening units outweighed the 64 audio and up to 256 tag units; at 0.7 (their variance
// halved) the same trained models ranked returning listeners higher on every validation
// population of the three datasets, and new tracks on all but one (docs/MODEL.md section 10).
inline constexpr double kListeningUnitWeight = 0.7;

// One weight per unit of the model's `kind` embedding for ScoringSpace: kListeningUnitWeight on
// a hybrid's listening pathway units (every level) and joint layer in the every-layer embedding;
// empty, every unit weighing alike, for the other embeddings and models.
std::vector<double> embeddingUnitWeights(const model::Model& model, EmbeddingKind kind);

// The model's embeddings of a catalog (embedCatalog's, of `kind`) prepared for cosine scoring
// with its unit weights: the space the CLI, the app and the evaluation rank with.
ScoringSpace catalogScoringSpace(const model::Model& model, const Matrix& embeddings, EmbeddingKind kind);

} // namespace gdbm::rec
