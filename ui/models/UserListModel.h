#pragma once

#include "sim/Simulator.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <memory>
#include <vector>

namespace gdbm::ui {

// One row per simulated user, in user order, read-only. Columns: Id, Archetype, Tracks heard
// (distinct tracks), Mean rating (over every interaction). kSortRole holds a number for the
// numeric columns and the archetype's index for the archetype column.
// Ensures: data() is O(1): the per-user figures are computed once, in setSimulation(), in one
// pass over the interactions.
class UserListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, ArchetypeColumn, TracksColumn, RatingColumn, ColumnCount };

    explicit UserListModel(QObject* parent = nullptr);

    // Requires: `catalogSize` is the size of the catalog the interactions' tracks index.
    void setSimulation(std::shared_ptr<const sim::SimulationResult> simulation, std::size_t catalogSize);
    const std::shared_ptr<const sim::SimulationResult>& simulation() const { return m_simulation; }

    // The archetype index of a row, its folded search key ("<id>\n<archetype name>") and the
    // figures the table shows; rows index the simulation's users.
    std::size_t archetypeOf(int row) const;
    const QString& searchKey(int row) const;
    std::size_t tracksHeard(int row) const { return m_tracksHeard[std::size_t(row)]; }
    double meanRating(int row) const { return m_meanRating[std::size_t(row)]; }
    // Whether row a sorts before row b in a column, without building a QVariant per comparison.
    bool lessThan(int a, int b, int column) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    double sortKey(int row, int column) const;

    std::shared_ptr<const sim::SimulationResult> m_simulation;
    QStringList m_archetypeNames;
    std::vector<std::size_t> m_tracksHeard;
    std::vector<double> m_meanRating; // NaN for a user without interactions
    std::vector<QString> m_searchKeys;
};

} // namespace gdbm::ui
