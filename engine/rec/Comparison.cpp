#include "rec/Comparison.h"

#include "rec/Embedder.h"

namespace gdbm::rec {

EvaluationResult compareMethods(const data::Catalog& catalog, const sim::SimulationResult& simulation,
                                const model::Model& model, std::size_t k, std::uint64_t seed,
                                const ProgressCallback& progress, const CancelFlag* cancel)
{
    if (progress)
        progress({"Embedding the catalog", 0, 0});
    const Matrix features = model::standardizedFeatures(model, catalog);
    std::vector<std::unique_ptr<Ranker>> rankers;
    for (EmbeddingKind kind :
         {EmbeddingKind::TopLayer, EmbeddingKind::AllLayers, EmbeddingKind::Reconstruction}) {
        rankers.push_back(
            makeCosineRanker("dbm-" + std::string(embeddingKey(kind)),
                             embed(model.dbm, features, kind, model.params.meanFieldIterations, cancel)));
    }
    const Holdout holdout = splitHoldout(simulation, {0.2, 5, seed});
    rankers.push_back(makeCosineRanker("features", features));
    rankers.push_back(makePopularityRanker(listenersPerTrack(holdout, catalog.size())));
    rankers.push_back(makeRandomRanker(catalog.size(), seed));
    std::vector<const Ranker*> pointers;
    for (const auto& r : rankers)
        pointers.push_back(r.get());
    return evaluate(catalog, simulation, holdout, pointers, k, features, progress, cancel);
}

} // namespace gdbm::rec
