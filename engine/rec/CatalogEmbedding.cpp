#include "rec/CatalogEmbedding.h"

#include "rec/HybridModel.h"

#include <algorithm>

namespace gdbm::rec {

Matrix embedCatalog(const model::Model& model, const data::Catalog& catalog, EmbeddingKind kind,
                    const CancelFlag* cancel)
{
    if (model.isHybrid())
        return embedHybrid(model, catalog, kind, cancel);
    return embed(model.dbm, model::standardizedFeatures(model, catalog), kind,
                 model.params.meanFieldIterations, cancel);
}

std::vector<double> embeddingUnitWeights(const model::Model& model, EmbeddingKind kind)
{
    const model::ModalityColumns* listening = model.find(model::Modality::Listening);
    if (!listening || kind != EmbeddingKind::AllLayers)
        return {};
    // Follow the listening units up the pathway: at each level, the block fed by the level
    // below's listening units holds this level's. The last layer is the joint layer.
    std::vector<double> weights;
    std::size_t first = listening->first;
    const std::size_t layers = model.dbm.layerCount();
    for (std::size_t l = 0; l < layers; ++l) {
        const std::size_t begin = weights.size();
        weights.resize(begin + model.dbm.layerSize(l), 1.0);
        if (l + 1 == layers) {
            std::fill(weights.begin() + std::ptrdiff_t(begin), weights.end(), kListeningUnitWeight);
            break;
        }
        for (const model::WeightBlock& b : model.dbm.blocksOf(l)) {
            if (b.row == first) {
                std::fill_n(weights.begin() + std::ptrdiff_t(begin + b.col), b.cols, kListeningUnitWeight);
                first = b.col;
                break;
            }
        }
    }
    return weights;
}

ScoringSpace catalogScoringSpace(const model::Model& model, const Matrix& embeddings, EmbeddingKind kind)
{
    return makeScoringSpace(embeddings, embeddingUnitWeights(model, kind));
}

} // namespace gdbm::rec
