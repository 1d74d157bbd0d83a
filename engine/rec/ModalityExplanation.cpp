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
    for (std::vector<ModalityShare>& row : shares) {
        for (const model::ModalityColumns& m : model.modalities)
            row.push_back({m.modality, 0.0, false});
    }
    for (std::size_t m = 0; m < model.modalities.size(); ++m) {
        const model::ModalityColumns& left = model.modalities[m];
        // The songs grouped by what their inference leaves out: this modality, and for a song
        // nobody heard its listening too (already inferred: leaving it out changes nothing).
        std::vector<Eigen::Index> heardRows, unheardRows;
        for (std::size_t i = 0; i < tracks.size(); ++i) {
            if (!(listening && unheard[tracks[i]]))
                heardRows.push_back(Eigen::Index(i));
            else if (left.modality == model::Modality::Listening)
                shares[i][m].inferred = true;
            else
                unheardRows.push_back(Eigen::Index(i));
        }
        for (const bool newSongs : {false, true}) {
            const std::vector<Eigen::Index>& rows = newSongs ? unheardRows : heardRows;
            if (rows.empty())
                continue;
            std::vector<model::ColumnRange> missing = {{left.first, left.count}};
            if (newSongs)
                missing.push_back({listening->first, listening->count});
            const Matrix without = embed(model.dbm, visible(rows, Eigen::all), kind,
                                         model.hybrid.embeddingIterations, missing, cancel);
            for (std::size_t k = 0; k < rows.size(); ++k) {
                const auto i = std::size_t(rows[k]);
                const double score = query.dot(space.directions.row(Eigen::Index(tracks[i])));
                shares[i][m].contribution =
                    score - query.dot(directionOf(space, without.row(Eigen::Index(k))));
            }
        }
    }
    return shares;
}

} // namespace gdbm::rec
