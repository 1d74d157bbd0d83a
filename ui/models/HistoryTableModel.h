#pragma once

#include "data/Catalog.h"
#include "sim/Simulator.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace gdbm::ui {

// One user's listening history, one row per interaction in the simulation's order (by day).
// Columns: Track, Artist, Genres, Year, Rating, Date. kSortRole holds a number for Year, Rating
// and Date (days since 1970) and the case-folded text otherwise.
// Requires: the catalog is the one the simulation's track indices refer to.
class HistoryTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TrackColumn,
        ArtistColumn,
        GenresColumn,
        YearColumn,
        RatingColumn,
        DateColumn,
        ColumnCount
    };

    explicit HistoryTableModel(QObject* parent = nullptr);

    // Shows the interactions of users[user]; a null simulation or no user empties the table.
    void setUser(std::shared_ptr<const sim::SimulationResult> simulation,
                 std::shared_ptr<const data::Catalog> catalog, std::optional<std::uint32_t> user);
    std::optional<std::uint32_t> user() const { return m_user; }
    const sim::Interaction& interaction(int row) const;
    // The distinct tracks of the history, sorted.
    std::vector<std::uint32_t> distinctTracks() const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(int row, int column) const;

    std::shared_ptr<const sim::SimulationResult> m_simulation;
    std::shared_ptr<const data::Catalog> m_catalog;
    std::optional<std::uint32_t> m_user;
    std::size_t m_first = 0; // the user's first interaction
    std::size_t m_count = 0;
};

// A track's genre names, comma-separated (for the history and recommendation tables).
QString genreText(const data::Catalog& catalog, std::size_t track);

} // namespace gdbm::ui
