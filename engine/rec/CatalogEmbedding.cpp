#include "rec/CatalogEmbedding.h"

#include "rec/HybridModel.h"

namespace gdbm::rec {

Matrix embedCatalog(const model::Model& model, const data::Catalog& catalog, EmbeddingKind kind,
                    const CancelFlag* cancel)
{
    if (model.isHybrid())
        return embedHybrid(model, catalog, kind, cancel);
    return embed(model.dbm, model::standardizedFeatures(model, catalog), kind,
                 model.params.meanFieldIterations, cancel);
}

} // namespace gdbm::rec
