#pragma once

#include "core/PauseGate.h"
#include "core/Progress.h"
#include "data/Catalog.h"
#include "model/Model.h"
#include "model/Multimodal.h"
#include "model/Trainer.h"
#include "model/TrainingParams.h"
#include "rec/Embedder.h"
#include "rec/TagFeatures.h"
#include "rec/TrainingInteractions.h"
#include "sim/Simulator.h"

#include <string>
#include <vector>

namespace gdbm::rec {

// Every hidden layer, concatenated: on the demo catalog it ranked returning listeners at NDCG@10
// 0.127 against the joint layer's 0.046, and 0.148 against 0.041 with the final recipe
// (docs/MODEL.md section 10).
inline constexpr EmbeddingKind kDefaultHybridEmbedding = EmbeddingKind::AllLayers;

// Who heard what in a whole simulation, users named "user:ID": the listening of a model trained
// on everything the app has (an evaluation trains on its split's training part instead).
NamedInteractions simulationListening(const sim::SimulationResult& simulation, std::size_t catalogSize);

// Trains the multimodal DBM on the catalog with the listening of `training` (one list of
// catalog tracks per user; `listenerNames` name the listening units, "user:INDEX" when empty).
// Modalities the data lacks are left out (no audio features, no tag with enough tracks, no
// interaction); it throws InputError when none is left, or for more listeners than the model
// file holds (65,536). The training recipe is params' (MODEL.md section 9) with hybrid's shape
// and overrides (momentum, weight doubling, fine-tuning epochs, fixed audio variances).
// `controls` watch and steer the run; Monitoring::Off skips the reconstruction errors
// (model::trainDbm).
model::TrainModelResult trainHybrid(const data::Catalog& catalog, const TrainingInteractions& training,
                                    const model::TrainingParams& params, const model::HybridParams& hybrid,
                                    std::vector<std::string> listenerNames = {},
                                    const model::RunControls& controls = {});

// The DBM's shape for the model's modalities and hybrid settings: one block per modality in
// every pathway layer, then the joint layer over the pathways' tops (given all but the listening
// one's when the joint layer is conditional).
model::Architecture hybridArchitecture(const model::Model& model);

// The visible units of every catalog track for the model: standardized audio, tag indicators
// in the model's vocabulary, training listeners.
// Throws InputError when the model is not a hybrid.
Matrix hybridVisible(const model::Model& model, const data::Catalog& catalog);
// The same for some tracks only, one row each in the order given.
Matrix hybridVisible(const model::Model& model, const data::Catalog& catalog,
                     const std::vector<std::uint32_t>& rows);

// Embeds every catalog track (HYBRID.md section 4). A track nobody heard in training has its
// listening inferred from the other modalities (section 3), never read as "nobody will".
// `leftOut` modalities are inferred as if missing (for explaining a score by what each adds).
Matrix embedHybrid(const model::Model& model, const data::Catalog& catalog, EmbeddingKind kind,
                   const CancelFlag* cancel = nullptr, const std::vector<model::Modality>& leftOut = {});

// Whether a modality's units are Gaussian: audio, and listening in its low-rank coding.
bool isGaussian(const model::Model& model, model::Modality modality);

// Whether the joint layer was pretrained as a conditional RBM of the listening pathway's top given
// the others' (HybridParams::conditionalJoint): only with listening and something to predict it
// from.
bool jointLayerIsConditional(const model::Model& model);

// Whether pretraining reconstructs a modality's units by their means in CD's negative phase
// (HybridParams::meanReconstructions): every Gaussian modality and the tags; never the listening
// in one binary unit per listener, whose samples are sparse.
bool reconstructedByMean(const model::Model& model, model::Modality modality);

// The tracks whose listening the model infers: no training listener.
// All false for a model without the listening modality.
std::vector<bool> unheardTracks(const model::Model& model, const data::Catalog& catalog);

} // namespace gdbm::rec
