#pragma once

#include "core/Progress.h"
#include "model/Model.h"
#include "rec/Evaluation.h"
#include "rec/HybridModel.h"

namespace gdbm::rec {

struct ComparisonParams
{
    std::size_t k = 10;
    std::uint64_t seed = 1;
    Protocol protocol = Protocol::Warm;
    ScoringRule rule = kDefaultScoringRule;
    // The hybrid DBM is trained afresh on each protocol's training listening with the current
    // model's recipe and this shape (a hybrid current model's own shape in place of it).
    model::HybridParams hybrid = {};
    EmbeddingKind hybridEmbedding = kDefaultHybridEmbedding;
};

// The methods of methodTable() evaluated on one protocol's split of the simulation: the audio-only
// DBM with each embedding, cosine on the audio features and on audio + tags, the collaborative
// baselines, popularity and random. Every ranker is built from the split's training
// interactions alone (the leakage rule); the DBM and the content methods see no interactions.
// When the current model is a hybrid, its shape is the one evaluated, and the audio-only rows
// come from an audio-only model trained with its recipe (progress names it).
EvaluationResult compareMethods(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                                const model::Model& model, const ComparisonParams& params,
                                const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr);

// compareMethods() for each protocol in turn (the progress stages name it), k, seed and rule
// from `params`.
EvaluationSet compareProtocols(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                               const model::Model& model, const ComparisonParams& params,
                               const std::vector<Protocol>& protocols, const ProgressCallback& progress = {},
                               const CancelFlag* cancel = nullptr);

// At most this many splits: each trains the hybrid afresh for each protocol (about 25 s for both
// on the demo catalog, 2 cores), so the bound keeps a mistyped count from running for hours.
inline constexpr std::size_t kMaxSplits = 20;

// compareProtocols() on `splits` (1 to kMaxSplits) splits of the same listeners, split seeds params.seed to
// params.seed + splits - 1 (the progress stages name the split): the first split's results and,
// with more than one split, their seeds and each protocol's figures across them (acrossSplits()).
EvaluationSet compareOverSplits(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                                const model::Model& model, const ComparisonParams& params,
                                const std::vector<Protocol>& protocols, std::size_t splits,
                                const ProgressCallback& progress = {}, const CancelFlag* cancel = nullptr);

// The rankers compareMethods() evaluates on `holdout`, built from its training interactions
// alone: the hybrid trained on them, the audio-only `model` (three embeddings; a hybrid is refused
// with std::invalid_argument), audio features, audio + tags, and unless the protocol ranks
// new tracks, item-kNN and implicit MF (tuned on a validation split) and popularity; random.
std::vector<std::unique_ptr<Ranker>> makeRankers(const data::Catalog& catalog, const model::Model& model,
                                                 const Holdout& holdout, const ComparisonParams& params,
                                                 const ProgressCallback& progress = {},
                                                 const CancelFlag* cancel = nullptr);

// The split compareMethods() uses for a protocol.
Holdout splitFor(const sim::SimulationResult& simulation, std::size_t catalogSize, Protocol protocol,
                 std::uint64_t seed);

} // namespace gdbm::rec
