#pragma once

#include "core/Types.h"
#include "model/TrainingParams.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gdbm::model {

// The kinds of evidence the multimodal DBM joins (HYBRID.md section 1).
enum class Modality {
    Audio,     // the standardized audio features: Gaussian units
    Tags,      // genres with enough tracks and release decades: binary units
    Listening, // who heard the song in the training interactions: one binary unit per user
};

inline constexpr Modality kAllModalities[] = {Modality::Audio, Modality::Tags, Modality::Listening};

std::string_view modalityKey(Modality modality); // "audio", "tags", "listening"
std::optional<Modality> modalityFromKey(std::string_view key);

// A genre or an artist becomes a tag unit when at least this many tracks carry it (HYBRID.md
// section 1; artists: docs/MODEL.md section 10).
inline constexpr std::size_t kDefaultMinTagTracks = 5;

// The shape of the multimodal DBM: which modalities, each pathway's hidden layers (every pathway
// has the same depth, so the graph stays bipartite by level), and the joint layer. Defaults:
// docs/MODEL.md section 10, chosen by NDCG on the demo catalog.
struct HybridParams
{
    std::vector<Modality> modalities = {Modality::Audio, Modality::Tags, Modality::Listening};
    // 64 units: with the update limit below, they ranked the new tracks of songs_normalize.csv's
    // validation populations 6% higher than 32 (0.2834 and 0.2833 against 0.2736 and 0.2616), and
    // the demo catalog's as well (0.2421 and 0.2259 against 0.2442 and 0.2253); returning
    // listeners within 0.003 (docs/MODEL.md section 10).
    std::vector<std::size_t> audioLayers = {64};
    // While the width follows the vocabulary (below) only the depth counts: the audio pathway's
    // layers stand in, as the Training page and the remembered settings write them.
    std::vector<std::size_t> tagLayers = audioLayers;
    // The tag pathway's first layer as wide as the tag vocabulary, between 32 and 256 units (in
    // place of tagLayers[0]): a genre needs room of its own. On the demo catalog's 306 genres and
    // decades (before artists were tags), 256 units rank new tracks at 0.147 against 0.117 with
    // 32; on songs_normalize.csv's few tags, 256 units ranked worse than 32 (0.133 against 0.169).
    // With its 755 tags, 384 units ranked no better than 256.
    bool tagUnitsFollowVocabulary = true;
    std::vector<std::size_t> listeningLayers = {256};
    // The listening modality's coding: 0 for one binary unit per listener; otherwise this many
    // Gaussian units, a truncated SVD of the track x listener matrix (HYBRID.md section 1).
    std::size_t listeningRank = 0;
    // The joint layer, pretrained as a conditional RBM: the listening pathway's top given the
    // other pathways' tops (their columns held at their data in CD's negative phase). On the
    // demo catalog's validation populations it ranked new tracks at 0.180 and 0.168 (seeds 2,
    // 3) against 0.152 and 0.149 with the joint distribution of 64 units, returning listeners
    // at 0.151 both times against 0.149. What it changed is the audio and tag pathways' states
    // (the joint layer's input into them), not the inferred listening, which still ranks new
    // tracks poorly on its own. Without listening, or with one modality, it is an ordinary RBM.
    // 16 units: 8 and 32 ranked new tracks lower (docs/MODEL.md section 10).
    std::size_t jointUnits = 16;
    bool conditionalJoint = true;
    // The first layer reconstructs the audio, tag and low-rank listening units by their means in
    // CD's negative phase (NegativePhaseColumns::means) instead of sampling them; one binary
    // unit per listener stays sampled. On the demo catalog's validation populations it ranked
    // returning listeners at 0.164 and 0.161 (seeds 2, 3) against 0.151 both times, new tracks
    // at 0.216 and 0.206 against 0.180 and 0.168. The per-listener units' means ranked lower and
    // are dense, where their samples are sparse; the low-rank coding's means ranked returning
    // listeners at 0.127 and 0.131 against 0.110 and 0.122 (docs/MODEL.md section 10).
    bool meanReconstructions = true;
    // The tag pathway's pretraining learning rate against the other binary units' (a factor on
    // --lr-pretrain-hidden for its visible units, weights and hidden units; the joint layer's
    // rate is unchanged). With artists among the tags, 1.5 ranked new tracks higher on both
    // validation populations of the demo catalog (0.248 and 0.225 against 0.236 and 0.219) and of
    // songs_normalize.csv, returning listeners within 0.001 (docs/MODEL.md section 10). A pathway
    // alone has no other to learn against: a model of tags alone trains at the binary rate.
    double tagRateFactor = 1.5;
    // Each layer's pretraining ends after this many mini-batch updates when its epochs would
    // take more (0: the epochs alone). A large catalog's epoch has many batches: on the demo
    // catalog (71 batches of 128 songs) 50 epochs ranked returning listeners as well as 100 on
    // three populations and new tracks 1% lower, in half the time, while songs_normalize.csv
    // (14 batches) ranked lower with 50 than with 100 (docs/MODEL.md section 10). 3,500
    // updates are 50 of the demo catalog's epochs and leave a catalog of at most 4,480 training
    // songs at its epochs.
    std::size_t maxPretrainUpdates = 3500;
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
    // Whether the audio units' variances are learned (in place of the recipe's warm-up). Learned,
    // the audio pathway trades reconstruction for likelihood: its error rose after 20 epochs
    // (0.51 to 0.65) and the hybrid ranked lower (validation population: 0.1452 against 0.1487
    // for returning listeners, 0.1467 against 0.1515 for new tracks). Off by default.
    bool learnVariances = false;
    // Mean-field iterations when a song is embedded (the recipe's own, 3 by default, still serve
    // any fine-tuning). The hybrid is composed from pretrained layers, not fine-tuned as a whole,
    // so each sweep moves a song's pathway states from what their RBMs learned toward a joint
    // posterior nobody trained; one sweep still fills in a new song's listening. On the
    // validation populations (three splits each) one iteration against three ranked
    // songs_normalize.csv's new tracks at 0.3072 against 0.3043 with an archetype fit of 0.649
    // against 0.629, and the demo catalog's at 0.2398 against 0.2376 (fit 0.719 against 0.692),
    // returning listeners the same or higher (docs/MODEL.md section 10).
    int embeddingIterations = 1;

    const std::vector<std::size_t>& pathwayLayers(Modality modality) const;
    std::vector<std::size_t>& pathwayLayers(Modality modality);
    bool uses(Modality modality) const;
    bool operator==(const HybridParams&) const = default;
};

// Empty when usable, else what is wrong, naming the field.
std::vector<std::string> validate(const HybridParams& params);

// The recipe a hybrid of `songs` songs (training and validation) trains with: params with
// hybrid's overrides (momentum, weight doubling, fine-tuning epochs, pretraining epochs within
// maxPretrainUpdates, and unless it learns them, visible variances fixed at 1 throughout).
TrainingParams hybridRecipe(const TrainingParams& params, const HybridParams& hybrid, std::size_t songs);

// Where a modality sits among a multimodal model's visible units, and what its units mean.
struct ModalityColumns
{
    Modality modality = Modality::Audio;
    std::size_t first = 0;
    std::size_t count = 0;
    std::vector<std::string> names; // feature keys, tag names ("genre:pop"), listeners ("user:12")

    bool operator==(const ModalityColumns&) const = default;
};

// The low-rank coding of the listening modality: a song's units are the sum of its listeners'
// rows of `factors` minus `offset`. The factors are the top right singular vectors of the
// training track x listener matrix, so a heard song's units are its coordinates in the leading
// singular directions (U S of the SVD), centred and scaled by `offset` and the factors' scale.
// Empty for the per-listener coding.
struct ListeningFactors
{
    std::vector<std::string> listeners; // "user:ID", one row of factors each
    Matrix factors;                     // listeners x rank
    RowVector offset;                   // rank

    bool empty() const { return factors.size() == 0; }
    std::size_t rank() const { return std::size_t(factors.cols()); }
    bool operator==(const ListeningFactors& other) const; // Eigen's == asserts on unlike shapes
};

// A track of the training listening and who heard it (indices into the listening units). Kept by
// the track's identity, so that the model reads the same evidence from a reloaded or reordered
// catalog, and a track it never saw is simply unheard.
struct HeardTrack
{
    std::string track;
    std::vector<std::uint32_t> listeners; // sorted, distinct; rows of ListeningFactors when low rank

    bool operator==(const HeardTrack&) const = default;
};

} // namespace gdbm::model
