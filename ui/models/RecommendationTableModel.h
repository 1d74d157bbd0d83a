#pragma once

#include "data/Catalog.h"
#include "rec/ModalityExplanation.h"
#include "rec/Recommender.h"
#include "sim/Simulator.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

namespace gdbm::ui {

// One user's top-N recommendations, one row per recommendation in rank order. Columns: Rank,
// Track, Artist, Genres, Year, Similarity, Fits archetype, Modalities, Because you played (the history
// tracks with the largest share of the similarity). kSortRole holds a number for Rank, Year,
// Similarity and Fits archetype (1 or 0), the case-folded text otherwise. With a hybrid model, a
// song nobody heard in training is marked new in the Track column, and Modalities says what each
// modality adds to its similarity.
// Requires: the catalog is the one the recommendations' and the simulation's indices refer to.
class RecommendationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        RankColumn,
        TrackColumn,
        ArtistColumn,
        GenresColumn,
        YearColumn,
        SimilarityColumn,
        FitsColumn,
        ModalitiesColumn, // hidden for the audio-only model
        BecauseColumn,
        ColumnCount
    };

    explicit RecommendationTableModel(QObject* parent = nullptr);

    // Whether each track fits users[user]'s preferences is decided here, once per row.
    void setRecommendations(std::shared_ptr<const sim::SimulationResult> simulation,
                            std::shared_ptr<const data::Catalog> catalog, std::uint32_t user,
                            std::vector<rec::Recommendation> recommendations);
    // The hybrid's notes for the rows set last: per row, whether the song is new and each
    // modality's share (empty lists: an audio-only model).
    void setHybridNotes(std::vector<bool> isNew, std::vector<std::vector<rec::ModalityShare>> shares);
    void clear();
    bool isNew(int row) const { return std::size_t(row) < m_new.size() && m_new[std::size_t(row)]; }

    const std::vector<rec::Recommendation>& recommendations() const { return m_recommendations; }
    bool fits(int row) const { return m_fits[std::size_t(row)]; }
    // Why row `row` was recommended, in one paragraph: the history tracks that contribute most,
    // and with a hybrid what each modality adds (what the last two columns say, for a table too
    // narrow to show them).
    QString explanation(int row) const;
    std::uint32_t user() const { return m_user; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(int row, int column) const;
    QString becauseTooltip(int row) const;
    QString modalitiesText(int row, bool longForm) const;

    std::shared_ptr<const sim::SimulationResult> m_simulation;
    std::shared_ptr<const data::Catalog> m_catalog;
    std::uint32_t m_user = 0;
    std::vector<rec::Recommendation> m_recommendations;
    std::vector<bool> m_fits;
    std::vector<bool> m_new;
    std::vector<std::vector<rec::ModalityShare>> m_shares;
    int m_decimals = 4; // the similarity column's (text::distinguishingDecimals)
};

} // namespace gdbm::ui
