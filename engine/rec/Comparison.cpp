#include "rec/Comparison.h"

#include "core/Error.h"
#include "rec/CatalogEmbedding.h"
#include "rec/CollaborativeRankers.h"
#include "rec/Embedder.h"
#include "rec/SplitSummary.h"
#include "rec/TagFeatures.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

namespace gdbm::rec {
namespace {

// The current model has seen every interaction: the hybrid is trained on the split's training
// interactions alone, with the current model's recipe, and ranks with its embedding. Nobody sees
// its curves: it trains without them (the same model in about three quarters of the time).
std::unique_ptr<Ranker> makeHybridRanker(const data::Catalog& catalog, const TrainingInteractions& training,
                                         const model::TrainingParams& recipe, const ComparisonParams& params,
                                         const ProgressCallback& progress, const CancelFlag* cancel)
{
    const int pretrainEpochs = model::hybridRecipe(recipe, params.hybrid, catalog.size()).pretrainEpochs;
    const std::size_t epochs = (params.hybrid.audioLayers.size() + 1) * std::size_t(pretrainEpochs) +
                               std::size_t(params.hybrid.finetuneEpochs);
    std::size_t done = 0;
    const model::EpochObserver observer = [&](const model::EpochStats&) {
        if (progress)
            progress({"Training the hybrid DBM", ++done, epochs});
        return false;
    };
    const model::TrainModelResult hybrid =
        trainHybrid(catalog, training, recipe, params.hybrid, {},
                    {.observer = observer, .cancel = cancel, .monitoring = model::Monitoring::Off});
    if (hybrid.stopped)
        throw Cancelled();
    return makeCosineRanker(std::string(methodInfo(Method::DbmHybrid).key),
                            embedHybrid(hybrid.model, catalog, params.hybridEmbedding, cancel), params.rule,
                            embeddingUnitWeights(hybrid.model, params.hybridEmbedding));
}

// The evaluation's audio-only DBM and hybrid shape for the current model: an audio-only model is
// itself, with the comparison's hybrid shape. A hybrid's own shape is evaluated, next to an
// audio-only model trained with its recipe (it sees no interactions, so nothing is held out from it).
struct EvaluatedModels
{
    std::optional<model::Model> trained; // for a hybrid current model
    ComparisonParams params;

    // No pointer into `trained` is kept: this struct is returned by value.
    const model::Model& audioOnly(const model::Model& current) const { return trained ? *trained : current; }
};

EvaluatedModels evaluatedModels(const data::Catalog& catalog, const model::Model& model,
                                const ComparisonParams& params, const ProgressCallback& progress,
                                const CancelFlag* cancel)
{
    EvaluatedModels out;
    out.params = params;
    if (!model.isHybrid())
        return out;
    out.params.hybrid = model.hybrid;
    const std::size_t epochs = model.params.layers.size() * std::size_t(model.params.pretrainEpochs) +
                               std::size_t(model.params.finetuneEpochs);
    std::size_t done = 0;
    const model::EpochObserver observer = [&](const model::EpochStats&) {
        if (progress)
            progress({"Training the audio-only DBM", ++done, epochs});
        return false;
    };
    // Used for its embeddings only: its curves are never shown.
    model::TrainModelResult audio =
        model::trainModel(catalog, model.params,
                          {.observer = observer, .cancel = cancel, .monitoring = model::Monitoring::Off});
    if (audio.stopped)
        throw Cancelled();
    out.trained = std::move(audio.model);
    return out;
}

} // namespace

Holdout splitFor(const sim::SimulationResult& simulation, std::size_t catalogSize, Protocol protocol,
                 std::uint64_t seed)
{
    // The defaults' shares: acrossSplits() corrects its errors by them.
    if (protocol == Protocol::NewTracks)
        return splitNewTracks(simulation, catalogSize,
                              {NewTrackParams{}.share, NewTrackParams{}.minOther, seed});
    return splitHoldout(simulation, {HoldoutParams{}.share, HoldoutParams{}.minDistinct, seed});
}

std::vector<std::unique_ptr<Ranker>> makeRankers(const data::Catalog& catalog, const model::Model& model,
                                                 const Holdout& holdout, const ComparisonParams& params,
                                                 const ProgressCallback& progress, const CancelFlag* cancel)
{
    if (progress)
        progress({"Embedding the catalog", 0, 0});
    if (model.isHybrid())
        throw std::invalid_argument("makeRankers: the audio-only rows need an audio-only model");
    const Matrix features = model::standardizedFeatures(model, catalog);
    std::vector<std::unique_ptr<Ranker>> rankers;
    const TrainingInteractions training = trainingInteractions(holdout.training, catalog.size());
    rankers.push_back(makeHybridRanker(catalog, training, model.params, params, progress, cancel));
    for (EmbeddingKind kind :
         {EmbeddingKind::TopLayer, EmbeddingKind::AllLayers, EmbeddingKind::Reconstruction}) {
        rankers.push_back(makeCosineRanker(
            "dbm-" + std::string(embeddingKey(kind)),
            embed(model.dbm, features, kind, model.params.meanFieldIterations, cancel), params.rule));
    }
    rankers.push_back(
        makeCosineRanker(std::string(methodInfo(Method::AudioFeatures).key), features, params.rule));
    const WeightedColumns audioTags = audioAndTags(features, tagFeatures(catalog));
    rankers.push_back(makeCosineRanker(std::string(methodInfo(Method::AudioTags).key), audioTags.columns,
                                       params.rule, audioTags.unitWeights));
    // The collaborative baselines learn from the split's training interactions only, and only
    // where they can rank: a new track has no listener to learn from.
    if (holdout.protocol != Protocol::NewTracks) {
        if (progress)
            progress({"Tuning item-kNN", 0, 0});
        rankers.push_back(makeItemKnnRanker(training, params.seed));
        if (progress)
            progress({"Tuning implicit MF", 0, 0});
        rankers.push_back(makeImplicitMfRanker(training, params.seed, cancel));
        rankers.push_back(makePopularityRanker(listenersPerTrack(holdout, catalog.size())));
    }
    rankers.push_back(makeRandomRanker(params.seed));
    return rankers;
}

EvaluationResult compareMethods(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                                const model::Model& current, const ComparisonParams& currentParams,
                                const ProgressCallback& progress, const CancelFlag* cancel)
{
    const EvaluatedModels models = evaluatedModels(catalog, current, currentParams, progress, cancel);
    const model::Model& model = models.audioOnly(current);
    const ComparisonParams& params = models.params;
    const Holdout holdout = splitFor(simulation, catalog.size(), params.protocol, params.seed);
    const std::vector<std::unique_ptr<Ranker>> rankers =
        makeRankers(catalog, model, holdout, params, progress, cancel);
    std::vector<const Ranker*> pointers;
    for (const auto& r : rankers)
        pointers.push_back(r.get());
    const Matrix features = model::standardizedFeatures(model, catalog);
    EvaluationResult result =
        evaluate(catalog, simulation, holdout, pointers, params.k, features, progress, cancel);
    // Methods that learn from listening were not built for new tracks: listed, without metrics.
    for (const MethodInfo& info : methodTable()) {
        const bool evaluated = std::any_of(result.methods.begin(), result.methods.end(),
                                           [&](const MethodEvaluation& m) { return m.method == info.key; });
        if (!evaluated && info.learnsFromListening) {
            MethodEvaluation unranked;
            unranked.method = std::string(info.key);
            unranked.ranked = false;
            result.methods.push_back(std::move(unranked));
        }
    }
    // Every table shows the methods in methodTable() order.
    const auto order = [](const MethodEvaluation& e) {
        const auto m = methodFromKey(e.method);
        return m ? static_cast<std::size_t>(*m) : methodTable().size();
    };
    std::stable_sort(
        result.methods.begin(), result.methods.end(),
        [&](const MethodEvaluation& a, const MethodEvaluation& b) { return order(a) < order(b); });
    return result;
}

EvaluationSet compareProtocols(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                               const model::Model& current, const ComparisonParams& params,
                               const std::vector<Protocol>& protocols, const ProgressCallback& progress,
                               const CancelFlag* cancel)
{
    return compareOverSplits(catalog, simulation, current, params, protocols, 1, progress, cancel);
}

EvaluationSet compareOverSplits(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                                const model::Model& current, const ComparisonParams& params,
                                const std::vector<Protocol>& protocols, std::size_t splits,
                                const ProgressCallback& progress, const CancelFlag* cancel)
{
    if (splits == 0 || splits > kMaxSplits)
        throw std::invalid_argument("compareOverSplits: from 1 to kMaxSplits splits");
    // A hybrid's audio-only model is trained once for every protocol and split.
    const EvaluatedModels models = evaluatedModels(catalog, current, params, progress, cancel);
    const model::Model& model = models.audioOnly(current);
    std::vector<std::vector<EvaluationResult>> perSplit(splits);
    std::vector<std::uint64_t> seeds;
    for (std::size_t split = 0; split < splits; ++split) {
        seeds.push_back(models.params.seed + split);
        for (Protocol protocol : protocols) {
            ComparisonParams one = models.params;
            one.protocol = protocol;
            one.seed = seeds.back();
            std::string prefix = std::string(protocolInfo(protocol).label) + ": ";
            if (splits > 1)
                prefix =
                    "Split " + std::to_string(split + 1) + " of " + std::to_string(splits) + ", " + prefix;
            const ProgressCallback named = progress ? ProgressCallback([&](const JobProgress& p) {
                progress({prefix + p.stage, p.done, p.total});
            })
                                                    : ProgressCallback();
            EvaluationResult result = compareMethods(catalog, simulation, model, one, named, cancel);
            // Of the later splits only the overall figures are read: a million users' values per
            // method and split would otherwise stay in memory until the end.
            if (split > 0) {
                for (MethodEvaluation& m : result.methods) {
                    m.userNdcg = {};
                    m.perArchetype.clear();
                }
            }
            perSplit[split].push_back(std::move(result));
        }
    }
    // Each protocol's results move through the summary and the first split's on into the set:
    // nothing is copied.
    EvaluationSet set;
    if (splits > 1)
        set.splitSeeds = seeds;
    for (std::size_t p = 0; p < protocols.size(); ++p) {
        std::vector<EvaluationResult> protocolSplits;
        for (std::vector<EvaluationResult>& split : perSplit)
            protocolSplits.push_back(std::move(split[p]));
        if (splits > 1)
            set.acrossSplits.push_back(acrossSplits(protocolSplits));
        set.results.push_back(std::move(protocolSplits.front()));
    }
    return set;
}

} // namespace gdbm::rec
