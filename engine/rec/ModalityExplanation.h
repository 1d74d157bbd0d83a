#pragma once

#include "core/Progress.h"
#include "data/Catalog.h"
#include "model/Model.h"
#include "rec/Embedder.h"
#include "rec/Recommender.h"
#include "rec/ScoringSpace.h"

#include <vector>

namespace gdbm::rec {

// What one modality adds to a recommended song's score: the score minus the score of the song
// inferred with that modality left out (the listener's history unchanged). For a song nobody
// heard in training, listening was inferred already: it adds nothing of its own (inferred=true).
struct ModalityShare
{
    model::Modality modality = model::Modality::Audio;
    double contribution = 0.0;
    bool inferred = false;
};

// Per recommendation, one share per modality of the hybrid, in the model's order (HYBRID.md's
// "which evidence made this recommendation"). `space` and `query` are the ones the
// recommendations were scored in, from the hybrid's `kind` embedding. Empty lists for an
// audio-only model.
std::vector<std::vector<ModalityShare>> explainByModality(const model::Model& model,
                                                          const data::Catalog& catalog, EmbeddingKind kind,
                                                          const ScoringSpace& space, const VectorD& query,
                                                          const std::vector<Recommendation>& recommendations,
                                                          const CancelFlag* cancel = nullptr);

} // namespace gdbm::rec
