#pragma once

#include "core/PauseGate.h"
#include "core/Progress.h"
#include "data/Catalog.h"
#include "model/Dbm.h"
#include "model/Model.h"
#include "model/Standardizer.h"
#include "model/Trainer.h"
#include "model/TrainingParams.h"
#include "rec/Embedder.h"
#include "rec/TagFeatures.h"
#include "rec/TrainingInteractions.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::rec {

// The kinds of evidence the multimodal DBM joins (HYBRID.md section 1).
enum class Modality {
    Audio,     // the standardized audio features: Gaussian units
    Tags,      // genres with enough tracks and release decades: binary units
    Listening, // who heard the song in the training interactions: one binary unit per user
};

std::string_view modalityKey(Modality modality); // "audio", "tags", "listening"
std::optional<Modality> modalityFromKey(std::string_view key);

// The shape of the multimodal DBM: which modalities, each pathway's hidden layers (every pathway
// has the same depth, so the graph stays bipartite by level), and the joint layer. Defaults:
// docs/MODEL.md section 10, chosen by NDCG on the demo catalog.
struct HybridParams
{
    std::vector<Modality> modalities = {Modality::Audio, Modality::Tags, Modality::Listening};
    std::vector<std::size_t> audioLayers = {32};
    std::vector<std::size_t> tagLayers = {32};
    // The tag pathway's first layer as wide as the tag vocabulary, between 32 and 256 units (in
    // place of tagLayers[0]): a genre needs room of its own. On the demo catalog's 306 tags, 256
    // units rank new tracks at 0.147 against 0.117 with 32; on songs_normalize.csv's few tags,
    // 256 units ranked worse than 32 (0.133 against 0.169).
    bool tagUnitsFollowVocabulary = true;
    std::vector<std::size_t> listeningLayers = {256};
    std::size_t jointUnits = 64;
    std::size_t minTagTracks = kDefaultMinTagTracks;
    // Pretraining momentum of every pathway and the joint layer (Hinton's practical guide: 0.5,
    // then 0.9), in place of the recipe's: without it the listening pathway barely learns in 100
    // epochs (NDCG@10 on the demo catalog 0.053 against 0.127 with it).
    double pretrainMomentumStart = 0.5;
    double pretrainMomentum = 0.9;
    // Salakhutdinov and Hinton's weight doubling in pretraining, in place of the recipe's: the
    // composed DBM's mean-field then does not count the layers' evidence twice (validation NDCG
    // 0.129 against 0.121 with it off).
    bool weightDoubling = true;
    // Fine-tuning epochs, in place of the recipe's. Measured, fine-tuning the whole hybrid by its
    // likelihood lowered how well it ranks (0.148 to 0.140 for returning listeners, 0.117 to
    // 0.104 for new tracks): off by default, there for whoever wants to study it.
    int finetuneEpochs = 0;

    const std::vector<std::size_t>& pathwayLayers(Modality modality) const;
    bool operator==(const HybridParams&) const = default;
};

// Empty when usable, else what is wrong, naming the field.
std::vector<std::string> validate(const HybridParams& params);

// Every hidden layer, concatenated: on the demo catalog it ranked returning listeners at NDCG@10
// 0.127 against the joint layer's 0.046, and 0.148 against 0.041 with the final recipe
// (docs/MODEL.md section 10).
inline constexpr EmbeddingKind kDefaultHybridEmbedding = EmbeddingKind::AllLayers;

// Where a modality sits among the visible units, and what its units mean.
struct ModalityColumns
{
    Modality modality = Modality::Audio;
    std::size_t first = 0;
    std::size_t count = 0;
    std::vector<std::string> names; // feature names, tag names, or user indices ("user:12")

    bool operator==(const ModalityColumns&) const = default;
};

// A trained multimodal DBM with what it needs to embed its catalog's songs: the audio
// standardizer, the tag vocabulary, and the training listeners of each track (the listening
// modality's data; nothing held out ever reaches it).
struct HybridModel
{
    std::vector<ModalityColumns> modalities; // in visible-unit order: audio (Gaussian) first
    std::vector<data::Feature> features;
    model::Standardizer standardizer;
    std::vector<std::vector<std::uint32_t>> listenersOfTrack; // empty without listening
    model::Dbm dbm;
    model::TrainingParams params;
    HybridParams hybrid;
    model::TrainOutcome outcome; // curves, timings and errors (its dbm moved into `dbm`)

    const ModalityColumns* find(Modality modality) const;
};

struct HybridTrainResult
{
    HybridModel model;
    bool stopped = false; // the model is complete only when false
};

// Trains the multimodal DBM on the catalog with the listening of `training` (one list of
// catalog tracks per user). Modalities the data lacks are left out (no audio features, no tag
// with enough tracks, no interaction); it throws InputError when none is left. The training
// recipe is params' (MODEL.md section 9) with the architecture of `hybrid`.
HybridTrainResult trainHybrid(const data::Catalog& catalog, const TrainingInteractions& training,
                              const model::TrainingParams& params, const HybridParams& hybrid,
                              const model::EpochObserver& observer = {}, const CancelFlag* cancel = nullptr,
                              PauseGate* pause = nullptr);

// The visible units of every catalog track for the model: standardized audio, tag indicators
// in the model's vocabulary, training listeners.
Matrix hybridVisible(const HybridModel& model, const data::Catalog& catalog);

// Embeds every catalog track (HYBRID.md section 4). A track nobody heard in training has its
// listening inferred from the other modalities (section 3), never read as "nobody will".
Matrix embedHybrid(const HybridModel& model, const data::Catalog& catalog, EmbeddingKind kind,
                   const CancelFlag* cancel = nullptr);

// The tracks whose listening the model infers: no training listener.
std::vector<bool> unheardTracks(const HybridModel& model, std::size_t catalogSize);

} // namespace gdbm::rec
