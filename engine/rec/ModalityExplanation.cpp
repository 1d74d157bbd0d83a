#include "rec/ModalityExplanation.h"

#include "rec/HybridModel.h"

namespace gdbm::rec {

std::vector<std::vector<ModalityShare>> explainByModality(const model::Model& model,
                                                          const data::Catalog& catalog, EmbeddingKind kind,
                                                          const ScoringSpace& space, const VectorD& query,
                                                          const std::vector<Recommendation>& recommendations,
                                                          const CancelFlag* cancel)
{
    std::vector<std::vector<ModalityShare>> shares(recommendations.size());
    if (!model.isHybrid() || recommendations.empty())
        return shares;
    std::vector<std::uint32_t> tracks;
    for (const Recommendation& r : recommendations)
        tracks.push_back(r.track);
    const Matrix visible = hybridVisible(model, catalog, tracks);
    const std::vector<bool> unheard = unheardTracks(model, catalog);
    const model::ModalityColumns* listening = model.find(model::Modality::Listening);
    for (std::size_t i = 0; i < recommendations.size(); ++i) {
        const std::uint32_t track = recommendations[i].track;
        const Matrix row = visible.row(Eigen::Index(i));
        const double score = query.dot(space.directions.row(Eigen::Index(track)));
        for (const model::ModalityColumns& m : model.modalities) {
            ModalityShare share{m.modality, 0.0, false};
            std::vector<model::ColumnRange> missing = {{m.first, m.count}};
            if (unheard[track] && listening) {
                if (m.modality == model::Modality::Listening) {
                    share.inferred = true;
                    shares[i].push_back(share);
                    continue;
                }
                missing.push_back({listening->first, listening->count});
            }
            const Matrix without =
                embed(model.dbm, row, kind, model.params.meanFieldIterations, missing, cancel);
            share.contribution = score - query.dot(directionOf(space, without));
            shares[i].push_back(share);
        }
    }
    return shares;
}

} // namespace gdbm::rec
